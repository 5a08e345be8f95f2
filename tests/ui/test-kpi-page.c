/* test-kpi-page.c: the KPI tab as a supervisor sees it: it opens on the
 * last complete month with one card per KPI and the QVS charts, and a
 * bar drills down national → site → team → an agent's calls in the Queue
 * tab, filtered; the scorecard sorts and flags; the QVS budget of the
 * current month; Draft recovery plan… only with win.recovery-draft; the
 * month-end pack as one job; the headcount targets dialog (issue 10). */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tam-chart-view.h"
#include "tam-kpi-headcount-dialog.h"
#include "tam-kpi-page.h"
#include "tam-kpi.h"
#include "tam-pack-dialog.h"
#include "tam-queue-model.h"
#include "tam-queue-page-private.h"
#include "tam-recovery.h"
#include "tam-reports.h"
#include "tam-sign-in-page.h"
#include "tam-tapping.h"
#include "tam-test-ui.h"
#include "tam-window.h"

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

/* ------------------------------------------------------------------ */
/* In the window: the Queue tab, the window's actions, the dialogs. */

typedef struct
{
  TamTestDb *db;
  TamWindow *window;
  TamKpiPage *page;
  char *month;
} WinFixture;

/* ABU inputs: AG-001 A but AHT 55 (flagged), AG-002 all 50 (D, under B),
 * AG-003 all 70 (B). */
static void
put_scores (TamTestDb *db,
            const char *month)
{
  g_autoptr (GError) error = NULL;
  const struct
  {
    gint64 id;
    double values[TAM_N_ABU_PARAMETERS];
  } agents[] = {
    { db->ag1_id, { 55, 90, 90, 90, 90 } },
    { db->ag2_id, { 50, 50, 50, 50, 50 } },
    { db->ag3_id, { 70, 70, 70, 70, 70 } },
  };

  for (guint a = 0; a < G_N_ELEMENTS (agents); a++)
    for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
      {
        tam_kpi_put_input (db->store, db->admin, month, agents[a].id, (TamAbuParameter) p, agents[a].values[p], NULL,
                           &error);
        g_assert_no_error (error);
      }
}

static void
win_setup (WinFixture *f,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) qco = NULL;
  TamSignInPage *sign_in;

  f->month = tam_kpi_last_complete_month ();
  f->db = tam_test_db_new (0);
  qco = tam_auth_sign_in (f->db->store, "QCO-001", TAM_TEST_PASSWORD, &error);
  g_assert_no_error (error);
  /* AG-001 two VALID; AG-002 one VALID, one RETURN. */
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *call_id = g_strdup_printf ("KPI-%d", i);
      g_autofree char *start = g_strdup_printf ("%s-1%d 10:00:00", f->month, i);
      gint64 id = tam_test_insert_call (f->db->store, call_id, i % 2 ? f->db->ag2_id : f->db->ag1_id, start,
                                        "vr/kpi.wav");
      const char *const failed[] = { "CONSENT", NULL };

      tam_call_decide (f->db->store, qco, id, i == 3 ? "RETURN" : "VALID", i == 3 ? failed : NULL,
                       i == 3 ? "Ulangi penjelasan harga" : "", NULL, &error);
      g_assert_no_error (error);
    }
  put_scores (f->db, f->month);

  f->window = tam_window_new (NULL, f->db->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  tam_test_flush ();
  sign_in = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (f->window), TAM_TYPE_SIGN_IN_PAGE));
  gtk_editable_set_text (tam_test_child (sign_in, TAM_TYPE_SIGN_IN_PAGE, "nik_entry"), data ? data : "SPV-001");
  gtk_editable_set_text (tam_test_child (sign_in, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), TAM_TEST_PASSWORD);
  g_signal_emit_by_name (tam_test_child (sign_in, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), "activate");
  tam_test_spin_until (tam_window_get_page (f->window, "kpi") != NULL);
  f->page = TAM_KPI_PAGE (tam_window_get_page (f->window, "kpi"));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "u", 4);
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  tam_test_flush ();
}

static void
win_teardown (WinFixture *f,
              gconstpointer data)
{
  tam_test_close_all ();
  tam_test_flush ();
  tam_test_db_free (f->db);
  g_free (f->month);
}

static TamChartView *
page_chart (TamKpiPage *page,
            guint n)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  collect (GTK_WIDGET (page), TAM_TYPE_CHART_VIEW, found);
  g_assert_cmpuint (found->len, >, n);
  return found->pdata[n];
}

static guint
bar_of (TamKpiPage *page,
        const char *id)
{
  TamChart *bars = tam_chart_view_get_chart (page_chart (page, 1));

  for (guint i = 0; i < tam_chart_get_n_items (bars); i++)
    if (g_strcmp0 (tam_chart_get_item_id (bars, i), id) == 0)
      return i;
  g_error ("no bar %s", id);
}

/* National → Bandung → TL-001 → AG-002's bar: the Queue tab, filtered to
 * AG-002's returned calls of the month. */
static void
test_drill_to_queue (WinFixture *f,
                     gconstpointer data)
{
  GtkStack *stack = tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack");
  TamQueuePage *queue = TAM_QUEUE_PAGE (tam_window_get_page (f->window, "queue"));
  const TamQueueFilter *filter;
  g_autofree char *first = g_strdup_printf ("%s-01", f->month);
  TamChart *bars;

  g_signal_emit_by_name (page_chart (f->page, 1), "item-activated", bar_of (f->page, "BANDUNG"));
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_cmpint (tam_kpi_page_get_scope (f->page), ==, TAM_KPI_SCOPE_SITE);
  /* Only Bandung's teams (TL-002 is Tangerang's). */
  bars = tam_chart_view_get_chart (page_chart (f->page, 1));
  g_assert_cmpuint (tam_chart_get_n_items (bars), ==, 1);
  g_signal_emit_by_name (page_chart (f->page, 1), "item-activated", bar_of (f->page, "TL-001"));
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_cmpint (tam_kpi_page_get_scope (f->page), ==, TAM_KPI_SCOPE_TEAM);
  g_assert_cmpstr (tam_kpi_page_get_scope_key (f->page), ==, "TL-001");
  bars = tam_chart_view_get_chart (page_chart (f->page, 1));
  g_assert_cmpuint (tam_chart_get_n_items (bars), ==, 2);

  g_assert_true (gtk_stack_get_visible_child (stack) == GTK_WIDGET (f->page));
  g_signal_emit_by_name (page_chart (f->page, 1), "item-activated", bar_of (f->page, "AG-002"));
  g_assert_true (gtk_stack_get_visible_child (stack) == GTK_WIDGET (queue));
  filter = tam_queue_model_get_filter (_tam_queue_page_get_model (queue));
  g_assert_cmpint (filter->agent_id, ==, f->db->ag2_id);
  g_assert_cmpstr (filter->from, ==, first);
  g_assert_true (g_str_has_prefix (filter->to, f->month));
  g_assert_cmpint (atoi (filter->to + 8), >=, 28);
  g_assert_cmpstr (filter->state, ==, "RETURNED");
  g_assert_null (filter->site);
  g_assert_cmpint (filter->team_leader_id, ==, 0);
  _tam_queue_page_wait_idle (queue);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_tam_queue_page_get_model (queue))), ==, 1);
}

/* The toggle button labelled @label (not a drop-down's own). */
static GtkWidget *
find_labelled (GtkWidget *root,
               const char *label)
{
  if (GTK_IS_TOGGLE_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_labelled (c, label);
      if (found)
        return found;
    }
  return NULL;
}

/* The scorecard: lowest score first, sorted by a parameter from the
 * Sort by drop-down (the keyboard's way), grades and flags; Enter on a
 * row: the agent's calls. */
static void
test_scorecard_sorts (WinFixture *f,
                      gconstpointer data)
{
  TamKpiScorecardView *card = tam_kpi_page_get_scorecard (f->page);
  GtkDropDown *sort = GTK_DROP_DOWN (tam_test_find_child (GTK_WIDGET (card), GTK_TYPE_DROP_DOWN));
  GtkToggleButton *descending = GTK_TOGGLE_BUTTON (find_labelled (GTK_WIDGET (card), "_Highest first"));
  GtkStack *stack = tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack");
  g_autofree char *flags0 = NULL;
  g_autofree char *flags2 = NULL;

  g_assert_cmpuint (tam_kpi_scorecard_view_get_n_rows (card), ==, 3);
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 0), ==, "AG-002");
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 1), ==, "AG-003");
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 2), ==, "AG-001");
  flags0 = tam_kpi_scorecard_view_dup_flags (card, 0);
  flags2 = tam_kpi_scorecard_view_dup_flags (card, 2);
  g_assert_true (g_str_has_prefix (flags0, "Under B"));
  g_assert_nonnull (strstr (flags0, "KUIS 50"));
  g_assert_cmpstr (flags2, ==, "AHT 55.0");
  {
    g_autofree char *flags1 = tam_kpi_scorecard_view_dup_flags (card, 1);
    g_assert_cmpstr (flags1, ==, "");
  }

  /* AHT, highest first: AG-003 (70), AG-001 (55), AG-002 (50). */
  gtk_drop_down_set_selected (sort, TAM_SCORECARD_COLUMN_AHT);
  gtk_toggle_button_set_active (descending, TRUE);
  tam_test_flush ();
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 0), ==, "AG-003");
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 1), ==, "AG-001");
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 2), ==, "AG-002");
  /* Grade, A first. */
  gtk_toggle_button_set_active (descending, FALSE);
  gtk_drop_down_set_selected (sort, TAM_SCORECARD_COLUMN_GRADE);
  tam_test_flush ();
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 0), ==, "AG-001");
  g_assert_cmpstr (tam_kpi_scorecard_view_get_nik (card, 2), ==, "AG-002");

  /* Enter on AG-002's row. */
  tam_kpi_scorecard_view_activate (card, 2);
  g_assert_true (gtk_stack_get_visible_child (stack) == tam_window_get_page (f->window, "queue"));
}

/* The scope picker: a site, then a team of it, from the drop-downs. */
static void
test_scope_picker (WinFixture *f,
                   gconstpointer data)
{
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_TEAM, "TL-001");
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_cmpint (tam_kpi_page_get_scope (f->page), ==, TAM_KPI_SCOPE_TEAM);
  g_assert_cmpstr (tam_kpi_page_get_scope_key (f->page), ==, "TL-001");
  /* TL-001's agents only. */
  g_assert_cmpuint (tam_kpi_scorecard_view_get_n_rows (tam_kpi_page_get_scorecard (f->page)), ==, 2);
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_SITE, "BANDUNG");
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_cmpstr (tam_kpi_page_get_scope_key (f->page), ==, "BANDUNG");
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_NATIONAL, NULL);
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_null (tam_kpi_page_get_scope_key (f->page));
  g_assert_cmpuint (tam_kpi_scorecard_view_get_n_rows (tam_kpi_page_get_scorecard (f->page)), ==, 3);
}

static GtkWidget *
find_recovery_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_has_css_class (root, "kpi-recovery"))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_recovery_button (c);
      if (found)
        return found;
    }
  return NULL;
}

static void
recovery_activated (GSimpleAction *action,
                    GVariant *param,
                    gpointer data)
{
  *(char **) data = g_variant_dup_string (param, NULL);
}

/* The QVS card (under target) has the button only once the window has
 * win.recovery-draft; it sends "qvs\tnational\tMONTH". */
static void
test_recovery_button (WinFixture *f,
                      gconstpointer data)
{
  g_autoptr (GSimpleAction) action = g_simple_action_new ("recovery-draft", G_VARIANT_TYPE_STRING);
  g_autofree char *got = NULL;
  g_autofree char *want = g_strdup_printf ("qvs\tnational\t%s", f->month);
  GtkWidget *button;

  /* Without the window's win.recovery-draft (the Recovery tab puts it
   * there), no button; the cards are made anew when shown again (another
   * scope and back). */
  g_action_map_remove_action (G_ACTION_MAP (f->window), "recovery-draft");
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_SITE, "BANDUNG");
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_NATIONAL, NULL);
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  tam_test_flush ();
  button = find_recovery_button (GTK_WIDGET (f->page));
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_visible (button));

  g_signal_connect (action, "activate", G_CALLBACK (recovery_activated), &got);
  g_action_map_add_action (G_ACTION_MAP (f->window), G_ACTION (action));
  /* Shown again (another scope and back): the cards are made anew. */
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_SITE, "BANDUNG");
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_NATIONAL, NULL);
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  tam_test_flush ();
  button = find_recovery_button (GTK_WIDGET (f->page));
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (got, ==, want);
}

/* The current month: 10 AGREE calls, 8 VALID, 1 RETURN, 1 pending: under
 * 95 % even if the pending passes; 10 more VALID needed. */
static void
test_budget (WinFixture *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) qco = tam_auth_sign_in (f->db->store, "QCO-001", TAM_TEST_PASSWORD, &error);
  g_autofree char *now = tam_kpi_current_month ();
  TamKpiBudget b = { 0 };
  g_autofree char *fine = NULL;

  for (int i = 0; i < 10; i++)
    {
      g_autofree char *call_id = g_strdup_printf ("NOW-%d", i);
      g_autofree char *start = g_strdup_printf ("%s-01 0%d:00:00", now, i);
      gint64 id = tam_test_insert_call (f->db->store, call_id, f->db->ag1_id, start, "vr/now.wav");
      const char *const failed[] = { "CONSENT", NULL };

      if (i == 9)
        continue; /* pending */
      tam_call_decide (f->db->store, qco, id, i == 8 ? "RETURN" : "VALID", i == 8 ? failed : NULL,
                       i == 8 ? "Ulangi" : "", NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_null (tam_kpi_page_get_budget_text (f->page)); /* a past month */
  tam_kpi_page_set_month (f->page, now);
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page) && tam_kpi_page_get_budget_text (f->page) != NULL);
  g_assert_cmpstr (tam_kpi_page_get_budget_text (f->page), ==, "Under target: needs 10 more VALID to reach 95 %");

  /* 100 AGREE, 90 VALID, 8 pending: 3 more RETURNs keep it at 95 %. */
  b.agree = 100;
  b.valid = 90;
  b.returned = 2;
  b.pending = 8;
  tam_kpi_budget_compute (&b, 95);
  fine = tam_kpi_page_budget_text (&b, 95);
  g_assert_cmpstr (fine, ==, "Can still take 3 RETURNs of 8 pending and stay at 95 %");
}

/* A past month whose AGREE calls are not all tapped: its QVS and first
 * pass say they are provisional; tapped, they do not. */
static void
test_provisional (WinFixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) qco = tam_auth_sign_in (f->db->store, "QCO-001", TAM_TEST_PASSWORD, &error);
  g_autofree char *start = g_strdup_printf ("%s-20 10:00:00", f->month);
  gint64 id;
  guint shown = 0;

  g_assert_null (tam_kpi_page_get_provisional_text (f->page)); /* all 4 tapped */
  id = tam_test_insert_call (f->db->store, "KPI-LATE", f->db->ag1_id, start, "vr/kpi.wav");
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_SITE, "BANDUNG");
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_cmpstr (tam_kpi_page_get_provisional_text (f->page), ==,
                   "Provisional: 1 of 5 AGREE calls still wait for tapping");
  /* On the QVS and first-pass cards, nowhere else. */
  for (GtkWidget *w = tam_test_find_child (GTK_WIDGET (f->page), GTK_TYPE_FLOW_BOX); w != NULL; w = NULL)
    for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
      for (GtkWidget *l = gtk_widget_get_first_child (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (c))); l != NULL;
           l = gtk_widget_get_next_sibling (l))
        shown += GTK_IS_LABEL (l) && gtk_widget_has_css_class (l, "kpi-provisional");
  g_assert_cmpuint (shown, ==, 2);

  g_assert_true (tam_call_decide (f->db->store, qco, id, "VALID", NULL, "", NULL, &error));
  g_assert_no_error (error);
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_NATIONAL, NULL);
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_null (tam_kpi_page_get_provisional_text (f->page));
}

static GtkLabel *
find_css_label (GtkWidget *root,
                const char *css_class)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, css_class))
    return GTK_LABEL (root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_css_label (c, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Issue 11, point 7: how fast the month's recovery plans ran, in the
 * KPI tab (the same figures as report RP-CYCLE). */
static void
test_recovery_cycle (WinFixture *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) tl = tam_auth_sign_in (f->db->store, "TL-001", TAM_TEST_PASSWORD, &error);
  g_autofree char *due = tam_test_date_from_today (30);
  TamRecoveryActionSpec action = { "Coach the team on consent", "TL-001", due };
  TamRecoveryDraft draft = { TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "TL-001", f->month, "Consent missed", TAM_CAUSE_PEOPLE,
                             &action, 1 };
  GtkLabel *label = find_css_label (GTK_WIDGET (f->page), "kpi-cycle");

  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Recovery plans for this month: none drafted.");
  g_assert_cmpint (tam_recovery_draft (f->db->store, tl, &draft, NULL, &error), >, 0);
  g_assert_no_error (error);
  tam_kpi_page_set_scope (f->page, TAM_KPI_SCOPE_SITE, "BANDUNG");
  tam_test_spin_until (!tam_kpi_page_is_loading (f->page));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (label), "Recovery plans for this month: 1, drafted "));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
}

static gboolean
exists_in (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The month-end pack from the window: one job in its dialog. */
static void
test_pack_job (WinFixture *f,
               gconstpointer data)
{
  g_autofree char *dir = g_dir_make_tmp ("tam-pack-XXXXXX", NULL);
  g_autofree char *name = g_strdup_printf ("KPI-%s.xlsx", f->month);
  g_autofree char *charts = g_strdup_printf ("KPI-charts-%s.pdf", f->month);
  g_autofree char *f18 = g_strdup_printf ("F-18-%s.xlsx", f->month);
  TamPackDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "win.report-pack", "s", f->month));
  dialog = TAM_PACK_DIALOG (tam_test_find_window (TAM_TYPE_PACK_DIALOG));
  g_assert_nonnull (dialog);
  /* No folder: refused. */
  tam_pack_dialog_write (dialog, "");
  g_assert_false (tam_pack_dialog_get_running (dialog));
  g_assert_nonnull (strstr (tam_pack_dialog_get_message (dialog), "folder"));

  tam_pack_dialog_write (dialog, dir);
  g_assert_true (tam_pack_dialog_get_running (dialog));
  tam_test_spin_until (!tam_pack_dialog_get_running (dialog));
  /* Every report of the registry, and the charts' PDF. */
  {
    guint n_reports = 0;
    g_autofree char *want = NULL;

    for (const TamReport *const *r = tam_reports (); *r != NULL; r++)
      n_reports++;
    want = g_strdup_printf ("%u files written", n_reports + 1);
    g_assert_nonnull (strstr (tam_pack_dialog_get_message (dialog), want));
  }
  g_assert_true (exists_in (dir, name));
  g_assert_true (exists_in (dir, charts));
  g_assert_true (exists_in (dir, f18));

  /* Cancelled at once: no half-written file. */
  tam_pack_dialog_write (dialog, dir);
  tam_pack_dialog_cancel (dialog);
  tam_test_spin_until (!tam_pack_dialog_get_running (dialog));
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *n;

    while ((n = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, n, NULL);

        g_assert_false (g_str_has_suffix (n, ".part"));
        g_unlink (path);
      }
  }
  g_rmdir (dir);
}

/* A supervisor sets a headcount target in the dialog of the tab's menu. */
static void
test_headcount_targets (WinFixture *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  TamKpiHeadcountDialog *dialog;
  gint64 target = -1;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "kpi.headcount-targets", NULL));
  dialog = TAM_KPI_HEADCOUNT_DIALOG (tam_test_find_window (TAM_TYPE_KPI_HEADCOUNT_DIALOG));
  g_assert_nonnull (dialog);
  tam_test_spin_until (tam_kpi_headcount_dialog_is_loaded (dialog));
  g_assert_true (tam_kpi_headcount_dialog_set_target (dialog, "ADDON_CONSUMER", "BANDUNG", 40));
  tam_kpi_headcount_dialog_save (dialog);
  tam_test_wait_saves ();
  tam_test_flush ();
  g_assert_null (tam_test_find_window (TAM_TYPE_KPI_HEADCOUNT_DIALOG));

  g_assert_true (tam_kpi_headcount (f->db->store, f->db->admin, f->month, TAM_KPI_SCOPE_SITE, TRUE, &rows, &error));
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiHeadcount *h = rows->pdata[i];

      if (g_strcmp0 (h->m.service, "ADDON_CONSUMER") == 0 && g_strcmp0 (h->m.site, "BANDUNG") == 0)
        target = h->target;
    }
  g_assert_cmpint (target, ==, 40);
}

static gboolean
menu_has (GMenuModel *menu,
          const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A QCO reads the KPIs but sets no headcount target: no menu item, and
 * the action opens nothing. A supervisor has both. */
static void
test_headcount_refused (WinFixture *f,
                        gconstpointer data)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (tam_test_find_child (GTK_WIDGET (f->page), GTK_TYPE_MENU_BUTTON));
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  gboolean supervisor = data == NULL;

  g_assert_true (menu_has (menu, "win.report-pack"));
  g_assert_cmpint (menu_has (menu, "kpi.headcount-targets"), ==, supervisor);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "kpi.headcount-targets", NULL);
  tam_test_flush ();
  g_assert_cmpint (tam_test_find_window (TAM_TYPE_KPI_HEADCOUNT_DIALOG) != NULL, ==, supervisor);
}

int
main (int argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();
  g_test_add ("/ui/kpi/opens-and-drills-down", Fixture, NULL, fixture_setup, test_opens_and_drills_down,
              fixture_teardown);
  g_test_add ("/ui/kpi/drill-to-queue", WinFixture, NULL, win_setup, test_drill_to_queue, win_teardown);
  g_test_add ("/ui/kpi/scorecard-sorts", WinFixture, NULL, win_setup, test_scorecard_sorts, win_teardown);
  g_test_add ("/ui/kpi/scope-picker", WinFixture, NULL, win_setup, test_scope_picker, win_teardown);
  g_test_add ("/ui/kpi/recovery-button", WinFixture, NULL, win_setup, test_recovery_button, win_teardown);
  g_test_add ("/ui/kpi/budget", WinFixture, NULL, win_setup, test_budget, win_teardown);
  g_test_add ("/ui/kpi/provisional", WinFixture, NULL, win_setup, test_provisional, win_teardown);
  g_test_add ("/ui/kpi/recovery-cycle", WinFixture, NULL, win_setup, test_recovery_cycle, win_teardown);
  g_test_add ("/ui/kpi/pack-job", WinFixture, NULL, win_setup, test_pack_job, win_teardown);
  g_test_add ("/ui/kpi/headcount-targets", WinFixture, NULL, win_setup, test_headcount_targets, win_teardown);
  g_test_add ("/ui/kpi/headcount-menu-supervisor", WinFixture, NULL, win_setup, test_headcount_refused, win_teardown);
  g_test_add ("/ui/kpi/headcount-refused-qco", WinFixture, "QCO-001", win_setup, test_headcount_refused, win_teardown);
  return g_test_run ();
}
