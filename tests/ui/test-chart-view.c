/* The chart widget in a window: hover highlights the item under the
 * pointer, a click emits item-activated with its index, the keyboard
 * moves the highlight and activates it, the accessible label is the
 * summary, and the colours follow dark mode. The pointer's events are
 * the controllers' own signals (as GTK delivers them). */
#include "config.h"

#include <math.h>

#include "tam-chart-view.h"
#include "tam-test-ui.h"

typedef struct
{
  GtkWindow *window;
  TamChartView *view;
  TamChart *chart;
  GArray *activated; /* guint */
} Fixture;

static void
activated_cb (TamChartView *view,
              guint index,
              Fixture *f)
{
  g_array_append_val (f->activated, index);
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  static const char *const sites[] = { "Bandung", "Tangerang", "Surabaya", "Medan", "Makassar" };

  f->chart = tam_chart_new (TAM_CHART_BAR, TAM_CHART_UNIT_PERCENT, "QVS by site");
  tam_chart_set_language (f->chart, TAM_LANGUAGE_INDONESIAN);
  tam_chart_set_target (f->chart, 95);
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    tam_chart_add_item (f->chart, sites[i], 92.2 + i * 1.5, "1.402 valid / 1.488 agree", sites[i]);
  f->activated = g_array_new (FALSE, FALSE, sizeof (guint));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 560);
  f->view = TAM_CHART_VIEW (tam_chart_view_new ());
  tam_chart_view_set_chart (f->view, f->chart);
  g_signal_connect (f->view, "item-activated", G_CALLBACK (activated_cb), f);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  tam_test_spin_until (gtk_widget_get_mapped (GTK_WIDGET (f->view)) &&
                       gtk_widget_get_width (GTK_WIDGET (f->view)) > 0);
  tam_test_flush ();
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  g_object_add_weak_pointer (G_OBJECT (f->view), (gpointer *) &f->view);
  gtk_window_destroy (f->window);
  tam_test_flush ();
  g_assert_null (f->view);
  tam_chart_unref (f->chart);
  g_array_unref (f->activated);
}

static gpointer
find_controller (GtkWidget *widget,
                 GType type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller; /* the widget keeps it */
    }
  g_error ("no %s on the widget", g_type_name (type));
  return NULL;
}

/* The middle of item @index's bar, in the view's coordinates. */
static void
item_center (Fixture *f,
             guint index,
             double *x,
             double *y)
{
  TamChartRect r;

  g_assert_true (tam_chart_get_item_area (f->chart, index, &r));
  *x = r.x + r.width / 2;
  *y = r.y + r.height / 2;
}

static void
test_hover_click (Fixture *f,
                  gconstpointer data)
{
  GtkEventController *motion = find_controller (GTK_WIDGET (f->view), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  GtkGesture *click = find_controller (GTK_WIDGET (f->view), GTK_TYPE_GESTURE_CLICK);
  g_autofree char *text = NULL;
  double x;
  double y;

  /* Drawn: the core laid the chart out at the view's size. */
  g_assert_true (tam_chart_get_plot_area (f->chart, NULL));
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (f->view)));
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, -1);

  /* Bars are sorted highest first: Makassar (98.2 %) is item 0. */
  g_assert_cmpstr (tam_chart_get_item_id (f->chart, 0), ==, "Makassar");
  item_center (f, 3, &x, &y);
  g_signal_emit_by_name (motion, "enter", x, y);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 3);
  text = tam_chart_dup_item_text (f->chart, 3);
  g_assert_cmpstr (text, ==, "Tangerang: 93,7 % · 1.402 valid / 1.488 agree");

  /* Outside the plot: nothing. */
  g_signal_emit_by_name (motion, "motion", 2.0, 2.0);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, -1);

  item_center (f, 1, &x, &y);
  g_signal_emit_by_name (motion, "motion", x, y);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 1);
  g_signal_emit_by_name (motion, "leave");
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, -1);

  /* A click on item 2 activates it (and only it); a click outside does
   * nothing. */
  item_center (f, 2, &x, &y);
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->activated, guint, 0), ==, 2);
  g_assert_cmpstr (tam_chart_get_item_id (f->chart, 2), ==, "Surabaya");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->view)));
  g_signal_emit_by_name (click, "pressed", 1, 2.0, 2.0);
  g_assert_cmpuint (f->activated->len, ==, 1);
}

static void
test_keyboard (Fixture *f,
               gconstpointer data)
{
  GtkWidget *view = GTK_WIDGET (f->view);

  g_assert_true (gtk_widget_get_focusable (view));
  g_assert_true (gtk_widget_grab_focus (view));

  g_assert_true (gtk_widget_activate_action (view, "chart.next", NULL));
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 0);
  gtk_widget_activate_action (view, "chart.previous", NULL);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 0);
  gtk_widget_activate_action (view, "chart.next", NULL);
  gtk_widget_activate_action (view, "chart.next", NULL);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 2);
  gtk_widget_activate_action (view, "chart.last", NULL);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 4);
  gtk_widget_activate_action (view, "chart.next", NULL);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 4);
  gtk_widget_activate_action (view, "chart.previous", NULL);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, 3);

  gtk_widget_activate_action (view, "chart.activate", NULL);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpuint (g_array_index (f->activated, guint, 0), ==, 3);

  /* The keys are bound to the actions. */
  {
    GtkShortcutController *shortcuts = NULL;
    g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (view);
    gboolean found_left = FALSE;
    gboolean found_enter = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_SHORTCUT_CONTROLLER (c))
          shortcuts = GTK_SHORTCUT_CONTROLLER (c);
      }
    g_assert_nonnull (shortcuts);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (shortcuts)); i++)
      {
        g_autoptr (GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (shortcuts), i);
        g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (s));
        g_autofree char *action = gtk_shortcut_action_to_string (gtk_shortcut_get_action (s));

        if (g_str_equal (trigger, "Left") && g_str_equal (action, "action(chart.previous)"))
          found_left = TRUE;
        if (g_str_equal (trigger, "Return") && g_str_equal (action, "action(chart.activate)"))
          found_enter = TRUE;
      }
    g_assert_true (found_left);
    g_assert_true (found_enter);
  }

  /* The summary is the accessible label, the highlighted item the
   * description. */
  {
    g_autofree char *label = gtk_test_accessible_check_property (
        GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
        "QVS by site: 5 items, 2 under the target of 95 %.");
    g_autofree char *item = gtk_test_accessible_check_property (
        GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
        "Tangerang: 93,7 % · 1.402 valid / 1.488 agree");

    g_assert_null (label);
    g_assert_null (item);
  }
}

/* The view as the window's renderer draws it. */
static GdkTexture *
render_view (Fixture *f)
{
  GtkWidget *view = GTK_WIDGET (f->view);
  int width = gtk_widget_get_width (view);
  int height = gtk_widget_get_height (view);
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static guint32
texture_pixel (GdkTexture *texture,
               int x,
               int y)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, data, width * 4);
  return *(guint32 *) (data + (gsize) y * width * 4 + (gsize) x * 4);
}

static double
luminance (guint32 p)
{
  return 0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff);
}

static void
test_dark (Fixture *f,
           gconstpointer data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  TamChartStyle style;
  TamChartRect plot;
  double light_bg;
  double dark_bg;
  GdkTexture *texture;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  tam_test_flush ();
  tam_chart_view_get_style (f->view, &style);
  g_assert_cmpfloat (style.background.red + style.background.green + style.background.blue, >, 2.4);
  g_assert_nonnull (style.font);
  g_assert_true (tam_chart_get_plot_area (f->chart, &plot));
  texture = render_view (f);
  light_bg = luminance (texture_pixel (texture, (int) plot.x + 3, (int) plot.y + 3));
  /* For a human eye: the widget in the theme's colours. */
  g_mkdir_with_parents ("/tmp/tam-chart-samples", 0755);
  gdk_texture_save_to_png (texture, "/tmp/tam-chart-samples/view-light.png");
  g_clear_object (&texture);
  g_assert_cmpfloat (light_bg, >, 200);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  tam_test_flush ();
  g_assert_true (adw_style_manager_get_dark (manager));
  tam_chart_view_get_style (f->view, &style);
  g_assert_cmpfloat (style.background.red + style.background.green + style.background.blue, <, 0.9);
  g_assert_cmpfloat (style.foreground.red + style.foreground.green + style.foreground.blue, >, 2.4);
  texture = render_view (f);
  dark_bg = luminance (texture_pixel (texture, (int) plot.x + 3, (int) plot.y + 3));
  gdk_texture_save_to_png (texture, "/tmp/tam-chart-samples/view-dark.png");
  g_clear_object (&texture);
  g_assert_cmpfloat (dark_bg, <, 60);
}

static void
test_accessible (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (TamChart) empty = tam_chart_new (TAM_CHART_LINE, TAM_CHART_UNIT_PERCENT, "Nothing");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (f->view)), ==, GTK_ACCESSIBLE_ROLE_IMG);

  /* Another chart: no highlight, no item, no crash on hover or click. */
  tam_chart_view_set_chart (f->view, empty);
  tam_test_flush ();
  g_signal_emit_by_name (find_controller (GTK_WIDGET (f->view), GTK_TYPE_EVENT_CONTROLLER_MOTION), "motion", 300.0, 300.0);
  g_signal_emit_by_name (find_controller (GTK_WIDGET (f->view), GTK_TYPE_GESTURE_CLICK), "pressed", 1, 300.0, 300.0);
  g_assert_cmpint (tam_chart_view_get_highlight (f->view), ==, -1);
  g_assert_cmpuint (f->activated->len, ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "chart.activate", NULL);
  g_assert_cmpuint (f->activated->len, ==, 0);
  {
    g_autofree char *label = gtk_test_accessible_check_property (
        GTK_ACCESSIBLE (f->view), GTK_ACCESSIBLE_PROPERTY_LABEL, "Nothing: no data.");

    g_assert_null (label);
  }
}

int
main (int argc,
      char **argv)
{
  /* GTK's test accessibility backend keeps the accessible properties
   * where gtk_test_accessible_* reads them (as in test-a11y.c). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add ("/ui/chart-view/hover-click", Fixture, NULL, fixture_setup, test_hover_click, fixture_teardown);
  g_test_add ("/ui/chart-view/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/ui/chart-view/dark", Fixture, NULL, fixture_setup, test_dark, fixture_teardown);
  g_test_add ("/ui/chart-view/accessible", Fixture, NULL, fixture_setup, test_accessible, fixture_teardown);
  return g_test_run ();
}
