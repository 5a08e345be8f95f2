/* tam-cell.c: a cheap one-line text cell (see tam-cell.h). */
#include "config.h"

#include "tam-cell.h"
#include "tam-gui-utils.h"
#include "tam-slot-model.h"

struct _TamCell
{
  GtkWidget parent_instance;
  char *text;
  int line_height; /* cached from the font; 0 = unknown */
  int text_width;  /* cached; -1 = unknown */
  gboolean measure_text;
};

G_DEFINE_FINAL_TYPE (TamCell, tam_cell, GTK_TYPE_WIDGET)

/* Font metrics are slow to get and the same for every cell of a table:
 * remember the last font's line height. */
static int
line_height (TamCell *self)
{
  static PangoFontDescription *last_font;
  static int last_height;

  if (self->line_height == 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
      const PangoFontDescription *font = pango_context_get_font_description (context);

      if (last_font == NULL || !pango_font_description_equal (font, last_font))
        {
          PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

          last_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
          if (last_height <= 0)
            last_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                             pango_font_metrics_get_descent (metrics));
          pango_font_metrics_unref (metrics);
          g_clear_pointer (&last_font, pango_font_description_free);
          last_font = pango_font_description_copy (font);
        }
      self->line_height = last_height;
    }
  return self->line_height;
}

static void
tam_cell_measure (GtkWidget *widget,
                  GtkOrientation orientation,
                  int for_size,
                  int *minimum,
                  int *natural,
                  int *minimum_baseline,
                  int *natural_baseline)
{
  TamCell *self = TAM_CELL (widget);

  if (orientation == GTK_ORIENTATION_VERTICAL)
    *minimum = *natural = line_height (self);
  else if (!self->measure_text)
    {
      /* In a fixed-width column the width comes from the column. */
      *minimum = 0;
      *natural = 0;
    }
  else
    {
      /* Sized by its content: the text's width, measured once per text. */
      if (self->text_width < 0)
        {
          g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->text);
          pango_layout_get_pixel_size (layout, &self->text_width, NULL);
        }
      *minimum = 0;
      *natural = self->text_width;
    }
}

static void
tam_cell_snapshot (GtkWidget *widget,
                   GtkSnapshot *snapshot)
{
  TamCell *self = TAM_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr (PangoLayout) layout = NULL;
  GdkRGBA color;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  layout = tam_one_line_layout_new (widget, self->text);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  tam_widget_get_text_color (widget, &color);
  tam_snapshot_one_line (snapshot, layout, &color, 0, height);
}

static gboolean
tam_cell_query_tooltip (GtkWidget *widget,
                        int x,
                        int y,
                        gboolean keyboard,
                        GtkTooltip *tooltip)
{
  TamCell *self = TAM_CELL (widget);
  g_autoptr (PangoLayout) layout = NULL;
  int text_width;

  if (self->text == NULL || *self->text == '\0')
    return FALSE;
  /* Only when the text is cut. */
  layout = gtk_widget_create_pango_layout (widget, self->text);
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  if (text_width <= gtk_widget_get_width (widget))
    return FALSE;
  gtk_tooltip_set_text (tooltip, self->text);
  return TRUE;
}

static void
tam_cell_css_changed (GtkWidget *widget,
                      GtkCssStyleChange *change)
{
  TAM_CELL (widget)->line_height = 0;
  TAM_CELL (widget)->text_width = -1;
  GTK_WIDGET_CLASS (tam_cell_parent_class)->css_changed (widget, change);
  gtk_widget_queue_resize (widget);
}

static void
tam_cell_finalize (GObject *object)
{
  g_free (TAM_CELL (object)->text);
  G_OBJECT_CLASS (tam_cell_parent_class)->finalize (object);
}

static void
tam_cell_class_init (TamCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tam_cell_finalize;
  widget_class->measure = tam_cell_measure;
  widget_class->snapshot = tam_cell_snapshot;
  widget_class->query_tooltip = tam_cell_query_tooltip;
  widget_class->css_changed = tam_cell_css_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tam_cell_init (TamCell *self)
{
  self->text_width = -1;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
tam_cell_new (void)
{
  return g_object_new (TAM_TYPE_CELL, NULL);
}

void
tam_cell_set_text (TamCell *self,
                   const char *text)
{
  g_return_if_fail (TAM_IS_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->text_width >= 0)
    {
      self->text_width = -1;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ? text : "", -1);
  /* Same height whatever the text: a redraw, no relayout (unless a
   * column sized by its content measured this cell). */
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
tam_cell_set_measure_text (TamCell *self,
                           gboolean measure_text)
{
  g_return_if_fail (TAM_IS_CELL (self));

  self->measure_text = measure_text;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

const char *
tam_cell_get_text (TamCell *self)
{
  g_return_val_if_fail (TAM_IS_CELL (self), NULL);
  return self->text;
}

static void
slot_cell_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem *item,
                    const char *property)
{
  GtkWidget *cell = tam_cell_new ();

  g_object_set_data (G_OBJECT (cell), "tam-property", (gpointer) property);
  gtk_list_item_set_child (item, cell);
}

static void
slot_cell_update_cb (TamSlot *slot,
                     GParamSpec *pspec,
                     TamCell *cell)
{
  GObject *record = tam_slot_get_item (slot);
  g_autofree char *text = NULL;

  if (record != NULL)
    g_object_get (record, g_object_get_data (G_OBJECT (cell), "tam-property"), &text, NULL);
  tam_cell_set_text (cell, text);
}

static void
slot_cell_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem *item,
                   gpointer user_data)
{
  TamSlot *slot = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);

  g_signal_connect (slot, "notify::item", G_CALLBACK (slot_cell_update_cb), cell);
  g_object_set_data (G_OBJECT (cell), "tam-slot", slot);
  slot_cell_update_cb (slot, NULL, TAM_CELL (cell));
}

static void
slot_cell_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem *item,
                     gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), slot_cell_update_cb,
                                        gtk_list_item_get_child (item));
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "tam-slot", NULL);
}

GtkListItemFactory *
tam_cell_slot_factory_new (const char *property)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (slot_cell_setup_cb), (gpointer) g_intern_string (property));
  g_signal_connect (factory, "bind", G_CALLBACK (slot_cell_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (slot_cell_unbind_cb), NULL);
  return factory;
}

PangoLayout *
tam_one_line_layout_new (GtkWidget *widget,
                         const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

void
tam_snapshot_one_line (GtkSnapshot *snapshot,
                       PangoLayout *layout,
                       const GdkRGBA *color,
                       int x,
                       int height)
{
  int text_height;

  pango_layout_get_pixel_size (layout, NULL, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}
