/* tam-chart-view.c: the chart widget (see tam-chart-view.h). As in
 * sysprof's chart: the data is laid out outside drawing (the core keeps
 * the layout), a motion controller keeps the item under the pointer, a
 * click gesture picks the item and emits a signal. */
#include "config.h"

#include "tam-chart-view.h"
#include "tam-gui-utils.h"

struct _TamChartView
{
  GtkWidget parent_instance;

  TamChart *chart;
  char *font; /* the style's font, from the widget's Pango context */
  gboolean pointer_inside;
  gboolean keyboard_highlight; /* the highlight was moved by a key */
};

G_DEFINE_FINAL_TYPE (TamChartView, tam_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHART,
  PROP_HIGHLIGHT,
  N_PROPS
};

enum
{
  ITEM_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static TamChartColor
to_color (const GdkRGBA *rgba,
          double alpha)
{
  return (TamChartColor){ rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

static gboolean
lookup (GtkStyleContext *context,
        const char *name,
        TamChartColor *color)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba))
    return FALSE;
  *color = to_color (&rgba, 1);
  return TRUE;
}

void
tam_chart_view_get_style (TamChartView *self,
                          TamChartStyle *style)
{
  GtkStyleContext *context;
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PangoFontDescription *font;
  GdkRGBA fg;

  g_return_if_fail (TAM_IS_CHART_VIEW (self));
  g_return_if_fail (style != NULL);

  /* Adwaita's named colours; the renderer's defaults for a theme
   * without them. */
  *style = adw_style_manager_get_dark (manager) ? *tam_chart_style_default_dark ()
                                                : *tam_chart_style_default_light ();
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  tam_widget_get_text_color (GTK_WIDGET (self), &fg);
  style->foreground = to_color (&fg, 1);
  style->grid = to_color (&fg, 0.15);
  style->target = to_color (&fg, 0.7);
  lookup (context, "view_bg_color", &style->background);
  lookup (context, "accent_color", &style->accent);
  if (!lookup (context, "error_color", &style->warning))
    lookup (context, "destructive_color", &style->warning);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  if (font != NULL)
    {
      g_autofree char *name = pango_font_description_to_string (font);

      if (g_strcmp0 (name, self->font) != 0)
        {
          g_free (self->font);
          self->font = g_steal_pointer (&name);
        }
    }
  style->font = self->font;
}

/* Lays the chart out for the current size (kept by the core; cheap when
 * nothing changed), so hit tests answer before the first frame too. */
static void
ensure_layout (TamChartView *self)
{
  TamChartStyle style;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_assert (TAM_IS_CHART_VIEW (self));

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  tam_chart_view_get_style (self, &style);
  tam_chart_layout (self->chart, &style, width, height);
}

static void
update_accessible (TamChartView *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *item = NULL;
  int highlight = tam_chart_view_get_highlight (self);

  if (self->chart == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }
  summary = tam_chart_dup_summary (self->chart);
  item = highlight >= 0 ? tam_chart_dup_item_text (self->chart, highlight) : NULL;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, item != NULL ? item : "",
                                  -1);
}

int
tam_chart_view_get_highlight (TamChartView *self)
{
  g_return_val_if_fail (TAM_IS_CHART_VIEW (self), -1);

  return self->chart != NULL ? tam_chart_get_highlight (self->chart) : -1;
}

void
tam_chart_view_set_highlight (TamChartView *self,
                              int index)
{
  g_return_if_fail (TAM_IS_CHART_VIEW (self));

  if (self->chart == NULL)
    return;
  if (index >= (int) tam_chart_get_n_items (self->chart))
    index = -1;
  if (index < 0)
    index = -1;
  if (tam_chart_get_highlight (self->chart) == index)
    return;
  tam_chart_set_highlight (self->chart, index);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

void
tam_chart_view_set_chart (TamChartView *self,
                          TamChart *chart)
{
  g_return_if_fail (TAM_IS_CHART_VIEW (self));

  if (self->chart == chart)
    return;
  g_clear_pointer (&self->chart, tam_chart_unref);
  if (chart != NULL)
    self->chart = tam_chart_ref (chart);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHT]);
}

TamChart *
tam_chart_view_get_chart (TamChartView *self)
{
  g_return_val_if_fail (TAM_IS_CHART_VIEW (self), NULL);

  return self->chart;
}

static void
activate_item (TamChartView *self,
               int index)
{
  g_assert (TAM_IS_CHART_VIEW (self));

  if (self->chart == NULL || index < 0 || index >= (int) tam_chart_get_n_items (self->chart))
    return;
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, (guint) index);
}

static void
motion_cb (TamChartView *self,
           double x,
           double y,
           GtkEventControllerMotion *motion)
{
  g_assert (TAM_IS_CHART_VIEW (self));

  if (self->chart == NULL)
    return;
  self->pointer_inside = TRUE;
  self->keyboard_highlight = FALSE;
  ensure_layout (self);
  tam_chart_view_set_highlight (self, tam_chart_hit (self->chart, x, y));
}

static void
leave_cb (TamChartView *self,
          GtkEventControllerMotion *motion)
{
  g_assert (TAM_IS_CHART_VIEW (self));

  self->pointer_inside = FALSE;
  /* The keyboard's highlight stays while the chart has the focus. */
  if (!self->keyboard_highlight || !gtk_widget_has_focus (GTK_WIDGET (self)))
    tam_chart_view_set_highlight (self, -1);
}

static void
pressed_cb (TamChartView *self,
            int n_press,
            double x,
            double y,
            GtkGestureClick *click)
{
  int index;

  g_assert (TAM_IS_CHART_VIEW (self));

  if (self->chart == NULL || n_press != 1)
    return;
  ensure_layout (self);
  index = tam_chart_hit (self->chart, x, y);
  if (index < 0)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  tam_chart_view_set_highlight (self, index);
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
  activate_item (self, index);
}

static gboolean
query_tooltip_cb (TamChartView *self,
                  int x,
                  int y,
                  gboolean keyboard_mode,
                  GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;
  TamChartRect area;
  int index;

  g_assert (TAM_IS_CHART_VIEW (self));

  if (self->chart == NULL)
    return FALSE;
  ensure_layout (self);
  index = keyboard_mode ? tam_chart_get_highlight (self->chart) : tam_chart_hit (self->chart, x, y);
  if (index < 0)
    return FALSE;
  text = tam_chart_dup_item_text (self->chart, index);
  gtk_tooltip_set_text (tooltip, text);
  if (tam_chart_get_item_area (self->chart, index, &area))
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle){ (int) area.x, (int) area.y,
                                                        MAX (1, (int) area.width),
                                                        MAX (1, (int) area.height) });
  return TRUE;
}

static void
move_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  TamChartView *self = TAM_CHART_VIEW (widget);
  int n;
  int index;

  if (self->chart == NULL || (n = (int) tam_chart_get_n_items (self->chart)) == 0)
    return;
  index = tam_chart_get_highlight (self->chart);
  if (g_str_equal (action_name, "chart.first"))
    index = 0;
  else if (g_str_equal (action_name, "chart.last"))
    index = n - 1;
  else if (g_str_equal (action_name, "chart.next"))
    index = index < 0 ? 0 : MIN (index + 1, n - 1);
  else
    index = index < 0 ? n - 1 : MAX (index - 1, 0);
  tam_chart_view_set_highlight (self, index);
  self->keyboard_highlight = TRUE;
  /* The tooltip follows the keyboard. */
  gtk_widget_trigger_tooltip_query (widget);
}

static void
activate_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *parameter)
{
  TamChartView *self = TAM_CHART_VIEW (widget);

  activate_item (self, tam_chart_view_get_highlight (self));
}

static void
tam_chart_view_snapshot (GtkWidget *widget,
                         GtkSnapshot *snapshot)
{
  TamChartView *self = TAM_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  TamChartStyle style;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  tam_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  tam_chart_draw (self->chart, &style, cr, width, height);
  if (gtk_widget_has_visible_focus (widget))
    {
      /* Focus reached from the keyboard: a ring in the accent colour. */
      cairo_set_source_rgba (cr, style.accent.red, style.accent.green, style.accent.blue, 0.6);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, 1, 1, width - 2, height - 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
tam_chart_view_measure (GtkWidget *widget,
                        GtkOrientation orientation,
                        int for_size,
                        int *minimum,
                        int *natural,
                        int *minimum_baseline,
                        int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 640;
    }
  else
    {
      *minimum = 180;
      *natural = 400;
    }
}

static void
tam_chart_view_focus_changed (TamChartView *self)
{
  g_assert (TAM_IS_CHART_VIEW (self));

  if (!gtk_widget_has_focus (GTK_WIDGET (self)) && !self->pointer_inside)
    tam_chart_view_set_highlight (self, -1);
}

static void
style_changed_cb (TamChartView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
tam_chart_view_dispose (GObject *object)
{
  TamChartView *self = TAM_CHART_VIEW (object);

  g_clear_pointer (&self->chart, tam_chart_unref);

  G_OBJECT_CLASS (tam_chart_view_parent_class)->dispose (object);
}

static void
tam_chart_view_finalize (GObject *object)
{
  TamChartView *self = TAM_CHART_VIEW (object);

  g_free (self->font);

  G_OBJECT_CLASS (tam_chart_view_parent_class)->finalize (object);
}

static void
tam_chart_view_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  TamChartView *self = TAM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_boxed (value, self->chart);
      break;
    case PROP_HIGHLIGHT:
      g_value_set_int (value, tam_chart_view_get_highlight (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_chart_view_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  TamChartView *self = TAM_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      tam_chart_view_set_chart (self, g_value_get_boxed (value));
      break;
    case PROP_HIGHLIGHT:
      tam_chart_view_set_highlight (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_chart_view_class_init (TamChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_chart_view_dispose;
  object_class->finalize = tam_chart_view_finalize;
  object_class->get_property = tam_chart_view_get_property;
  object_class->set_property = tam_chart_view_set_property;

  widget_class->snapshot = tam_chart_view_snapshot;
  widget_class->measure = tam_chart_view_measure;

  properties[PROP_CHART] =
      g_param_spec_boxed ("chart", NULL, NULL, TAM_TYPE_CHART,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGHLIGHT] =
      g_param_spec_int ("highlight", NULL, NULL, -1, G_MAXINT, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TamChartView::item-activated:
   * @index: the item's index in the chart
   *
   * An item was clicked, or Enter was pressed on it: drill down.
   */
  signals[ITEM_ACTIVATED] =
      g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_install_action (widget_class, "chart.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.first", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.last", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
tam_chart_view_init (TamChartView *self)
{
  GtkEventController *motion;
  GtkEventController *focus;
  GtkGesture *click;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_object (motion, "enter", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (tam_chart_view_focus_changed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  /* Dark mode and high contrast change the named colours. */
  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
tam_chart_view_new (void)
{
  return g_object_new (TAM_TYPE_CHART_VIEW, NULL);
}
