/* tam-queue-row.c: a queue row, its columns drawn with Pango. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-cell.h"
#include "tam-codes.h"
#include "tam-gui-utils.h"
#include "tam-queue-model.h"
#include "tam-queue-row.h"

#define PAD 6
#define V_PAD 8
#define AGENT_MIN 100

typedef enum
{
  COL_TIME,
  COL_CALL,
  COL_RETURNED, /* days since returned (issue 12): the TL's first question */
  COL_AGENT,
  COL_SERVICE,
  COL_SITE,
  COL_STATE,
  COL_TAPPINGS,
  N_COLS
} Column;

/* Widths in pixels; the agent takes what is left. */
static const int widths[N_COLS] = { 150, 182, 132, -1, 100, 80, 84, 84 };

static const char *
column_title (Column c)
{
  switch (c)
    {
    case COL_TIME:
      return _ ("Call Time");
    case COL_CALL:
      return _ ("Call ID");
    case COL_AGENT:
      return _ ("Agent");
    case COL_SERVICE:
      return _ ("Service");
    case COL_SITE:
      return _ ("Site");
    case COL_STATE:
      return _ ("State");
    case COL_TAPPINGS:
      return _ ("Tappings");
    case COL_RETURNED:
      return _ ("Returned");
    case N_COLS:
    default:
      return "";
    }
}

struct _TamQueueRow
{
  GtkWidget parent_instance;
  char *texts[N_COLS];
  PangoLayout *layouts[N_COLS];
  gint64 id; /* calls.id shown, 0 for none */
};

G_DEFINE_FINAL_TYPE (TamQueueRow, tam_queue_row, GTK_TYPE_WIDGET)

static int
fixed_total (void)
{
  int total = 0;

  for (guint i = 0; i < N_COLS; i++)
    total += widths[i] > 0 ? widths[i] : 0;
  return total;
}

static void
clear_layouts (TamQueueRow *self)
{
  for (guint i = 0; i < N_COLS; i++)
    g_clear_object (&self->layouts[i]);
}

static void
tam_queue_row_measure (GtkWidget *widget,
                       GtkOrientation orientation,
                       int for_size,
                       int *minimum,
                       int *natural,
                       int *minimum_baseline,
                       int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = fixed_total () + AGENT_MIN;
      *natural = fixed_total () + 2 * AGENT_MIN;
    }
  else
    {
      PangoLayout *layout = gtk_widget_create_pango_layout (widget, "Xg");
      int h;

      pango_layout_get_pixel_size (layout, NULL, &h);
      g_object_unref (layout);
      *minimum = *natural = h + 2 * V_PAD;
    }
}

static void
tam_queue_row_snapshot (GtkWidget *widget,
                        GtkSnapshot *snapshot)
{
  TamQueueRow *self = TAM_QUEUE_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int flex = MAX (width - fixed_total (), AGENT_MIN);
  GdkRGBA color;
  int x = 0;

  tam_widget_get_text_color (widget, &color);
  for (guint i = 0; i < N_COLS; i++)
    {
      int w = widths[i] > 0 ? widths[i] : flex;

      if (self->layouts[i] == NULL)
        self->layouts[i] = tam_one_line_layout_new (widget, self->texts[i]);
      pango_layout_set_width (self->layouts[i], MAX (w - 2 * PAD, 1) * PANGO_SCALE);
      tam_snapshot_one_line (snapshot, self->layouts[i], &color, x + PAD, height);
      x += w;
    }
}

static void
tam_queue_row_css_changed (GtkWidget *widget,
                           GtkCssStyleChange *change)
{
  /* Fonts may have changed: lay out again on the next frame. */
  clear_layouts (TAM_QUEUE_ROW (widget));
  GTK_WIDGET_CLASS (tam_queue_row_parent_class)->css_changed (widget, change);
}

static void
tam_queue_row_finalize (GObject *object)
{
  TamQueueRow *self = TAM_QUEUE_ROW (object);

  clear_layouts (self);
  for (guint i = 0; i < N_COLS; i++)
    g_free (self->texts[i]);
  G_OBJECT_CLASS (tam_queue_row_parent_class)->finalize (object);
}

static void
tam_queue_row_class_init (TamQueueRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = tam_queue_row_finalize;
  widget_class->measure = tam_queue_row_measure;
  widget_class->snapshot = tam_queue_row_snapshot;
  widget_class->css_changed = tam_queue_row_css_changed;
  gtk_widget_class_set_css_name (widget_class, "queuerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
tam_queue_row_init (TamQueueRow *self)
{
  for (guint i = 0; i < N_COLS; i++)
    self->texts[i] = g_strdup ("");
}

GtkWidget *
tam_queue_row_new (void)
{
  return g_object_new (TAM_TYPE_QUEUE_ROW, NULL);
}

void
tam_queue_row_set_call (TamQueueRow *self,
                        const TamCall *call)
{
  g_autofree char *accessible = NULL;

  g_return_if_fail (TAM_IS_QUEUE_ROW (self));

  for (guint i = 0; i < N_COLS; i++)
    g_clear_pointer (&self->texts[i], g_free);
  clear_layouts (self);
  self->id = call != NULL ? call->id : 0;

  if (call == NULL)
    {
      for (guint i = 0; i < N_COLS; i++)
        self->texts[i] = g_strdup (i == COL_CALL ? _ ("(changed, refresh)") : "");
    }
  else
    {
      self->texts[COL_TIME] = g_strdup (call->call_start);
      self->texts[COL_CALL] = g_strdup (call->call_id);
      /* Translators: a person as "name (NIK)" */
      self->texts[COL_AGENT] = g_strdup_printf (_ ("%s (%s)"), call->agent_name, call->agent_nik);
      self->texts[COL_SERVICE] = g_strdup (tam_service_label (call->service));
      self->texts[COL_SITE] = g_strdup (tam_site_label (call->site));
      self->texts[COL_STATE] = g_strdup (tam_call_state_to_label (tam_call_get_state (call)));
      self->texts[COL_TAPPINGS] = g_strdup_printf ("%d", call->attempts);
      {
        int days = tam_call_days_since_returned (call);

        self->texts[COL_RETURNED] = days < 0 ? g_strdup ("")
                                             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), days);
      }
    }

  /* Screen readers get the row as one sentence of its columns. */
  accessible = g_strjoinv (", ", self->texts);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GtkWidget *
tam_queue_row_header_new (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (box, "queue-header");
  for (guint i = 0; i < N_COLS; i++)
    {
      GtkWidget *label = gtk_label_new (column_title (i));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      /* A narrow column's title may be cut ("Ta…"): the whole of it. */
      gtk_widget_set_tooltip_text (label, column_title (i));
      gtk_widget_set_margin_start (label, PAD);
      gtk_widget_set_margin_end (label, PAD);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "heading");
      if (widths[i] > 0)
        {
          /* Exactly the column's width, whatever the title's length. */
          gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
          gtk_widget_set_size_request (label, widths[i] - 2 * PAD, -1);
        }
      else
        {
          gtk_widget_set_size_request (label, AGENT_MIN - 2 * PAD, -1);
          gtk_widget_set_hexpand (label, TRUE);
        }
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

gint64
tam_queue_row_get_id (TamQueueRow *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_ROW (self), 0);
  return self->id;
}
