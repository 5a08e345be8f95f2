/* test-kpi-page.c: the KPI tab as a supervisor sees it: it opens on the
 * last complete month with one card per KPI and the QVS charts, and a
 * bar drills down national → site → team (issue 10). */
#include "config.h"

#include <math.h>

#include "tam-chart-view.h"
#include "tam-kpi-page.h"
#include "tam-kpi.h"
#include "tam-tapping.h"
#include "tam-test-ui.h"

typedef struct
{
  TamTestDb *db;
  GtkWindow *window;
  TamKpiPage *page;
  TamSession *spv;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) qco = NULL;
  g_autofree char *month = tam_kpi_last_complete_month ();

  f->db = tam_test_db_new (0);
  qco = tam_auth_sign_in (f->db->store, "QCO-001", TAM_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  /* Four AGREE calls of the month: three VALID, one RETURN (75 %). */
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *call_id = g_strdup_printf ("KPI-%d", i);
      g_autofree char *start = g_strdup_printf ("%s-1%d 10:00:00", month, i);
      gint64 id = tam_test_insert_call (f->db->store, call_id, i % 2 ? f->db->ag2_id : f->db->ag1_id, start, "vr/kpi.wav");
      const char *const failed[] = { "CONSENT", NULL };

      tam_call_decide (f->db->store, qco, id, i == 3 ? "RETURN" : "VALID", i == 3 ? failed : NULL,
                       i == 3 ? "Ulangi penjelasan harga" : "", NULL, &error);
      g_assert_no_error (error);
    }
  f->spv = tam_auth_sign_in (f->db->store, "SPV-001", TAM_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1280, 800);
  f->page = TAM_KPI_PAGE (tam_kpi_page_new (f->db->store, f->spv));
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  gtk_window_destroy (f->window);
  tam_test_flush ();
  tam_session_free (f->spv);
  tam_test_db_free (f->db);
}

static void
collect (GtkWidget *root,
         GType type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, found);
}

/* The @n-th chart view of the page (0: the line, 1: the bars). */
static TamChartView *
nth_chart (Fixture *f,
           guint n)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (f->page), TAM_TYPE_CHART_VIEW, found);
  g_assert_cmpuint (found->len, >, n);
  return found->pdata[n];
}

static GtkWidget *
national_button (Fixture *f)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (f->page), GTK_TYPE_BUTTON, found);
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (gtk_button_get_label (found->pdata[i]), "_National") == 0)
      return found->pdata[i];
  g_assert_not_reached ();
}

static void
wait_loaded (Fixture *f)
{
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
}

static void
test_opens_and_drills_down (Fixture *f,
                            gconstpointer data)
{
  g_autofree char *month = tam_kpi_last_complete_month ();
  TamChart *line, *bars;
  GtkWidget *cards;
  guint n_cards = 0;

  wait_loaded (f);
  g_assert_cmpstr (tam_kpi_page_get_month (f->page), ==, month);
  g_assert_null (tam_kpi_page_get_scope_key (f->page));

  /* One card per KPI; the QVS card says 75 % and is under target. */
  cards = tam_test_find_child (GTK_WIDGET (f->page), GTK_TYPE_FLOW_BOX);
  for (GtkWidget *c = gtk_widget_get_first_child (cards); c; c = gtk_widget_get_next_sibling (c))
    n_cards++;
  g_assert_cmpuint (n_cards, ==, 6);

  /* The QVS line ends on the month at 75 %; the bars compare the sites. */
  line = tam_chart_view_get_chart (nth_chart (f, 0));
  g_assert_nonnull (line);
  g_assert_cmpuint (tam_chart_get_n_items (line), ==, 12);
  g_assert_cmpfloat_with_epsilon (tam_chart_get_item_value (line, 11), 75.0, 0.01);
  g_assert_true (tam_chart_item_is_under_target (line, 11));
  bars = tam_chart_view_get_chart (nth_chart (f, 1));
  g_assert_nonnull (bars);
  g_assert_cmpuint (tam_chart_get_n_items (bars), ==, 1);
  g_assert_cmpstr (tam_chart_get_item_id (bars, 0), ==, "BANDUNG");

  /* Enter on the highlighted bar: Bandung, its teams. */
  gtk_widget_grab_focus (GTK_WIDGET (nth_chart (f, 1)));
  tam_chart_view_set_highlight (nth_chart (f, 1), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (nth_chart (f, 1)), "chart.activate", NULL));
  g_assert_cmpstr (tam_kpi_page_get_scope_key (f->page), ==, "BANDUNG");
  wait_loaded (f);
  bars = tam_chart_view_get_chart (nth_chart (f, 1));
  g_assert_cmpuint (tam_chart_get_n_items (bars), ==, 1);
  g_assert_cmpstr (tam_chart_get_item_id (bars, 0), ==, "TL-001");

  /* …and the team. */
  g_signal_emit_by_name (nth_chart (f, 1), "item-activated", 0u);
  g_assert_cmpstr (tam_kpi_page_get_scope_key (f->page), ==, "TL-001");
  wait_loaded (f);

  /* Back to the national figures. */
  g_assert_true (gtk_widget_get_sensitive (national_button (f)));
  gtk_widget_activate (national_button (f)); /* as Space or Enter on it: clicked after its flash */
  tam_test_spin_until (tam_kpi_page_get_scope_key (f->page) == NULL);
  wait_loaded (f);
}

int
main (int argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();
  g_test_add ("/ui/kpi/opens-and-drills-down", Fixture, NULL, fixture_setup, test_opens_and_drills_down,
              fixture_teardown);
  return g_test_run ();
}
