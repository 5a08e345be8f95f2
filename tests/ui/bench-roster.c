/* Benchmark (not a test): roster search keystroke → updated list, on a
 * large roster, and the peak memory of the real window.
 *
 *   meson test -C build --benchmark ui-roster-search -v
 *
 * By default a temporary database with 1,208 people is made. Set
 * TAM_BENCH_DB (and TAM_BENCH_NIK / TAM_BENCH_PASSWORD, e.g. a demo
 * database and SPV001 / tam-demo-2026) to measure an existing one. */
#include "config.h"

#include <stdio.h>
#include <sys/resource.h>

#include "tam-roster-page.h"
#include "tam-sign-in-page.h"
#include "tam-test-ui.h"
#include "tam-window.h"

typedef struct
{
  gint64 typed;       /* text set */
  gint64 filtered;    /* search applied: filter model updated */
  gint64 frame_start; /* the next frame clock update */
  gint64 painted;     /* its after-paint */
  gboolean waiting;
} Keystroke;

static Keystroke current;

static void
search_changed_after_cb (GtkSearchEntry *entry,
                         gpointer user_data)
{
  if (current.waiting && current.filtered == 0)
    current.filtered = g_get_monotonic_time ();
}

static void
update_cb (GdkFrameClock *clock,
           gpointer user_data)
{
  if (current.waiting && current.filtered != 0 && current.frame_start == 0)
    current.frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer user_data)
{
  if (current.waiting && current.frame_start != 0 && current.painted == 0)
    {
      current.painted = g_get_monotonic_time ();
      current.waiting = FALSE;
    }
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray *values)
{
  double *v = (double *) (void *) values->data;
  double sum = 0;

  qsort (v, values->len, sizeof (double), cmp_double);
  for (guint i = 0; i < values->len; i++)
    sum += v[i];
  printf ("  %-44s median %6.2f ms  mean %6.2f ms  p95 %6.2f ms  max %6.2f ms\n", what,
          v[values->len / 2], sum / values->len, v[(guint) (values->len * 0.95)], v[values->len - 1]);
}

static long
rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int
main (int argc,
      char *argv[])
{
  const char *db_path = g_getenv ("TAM_BENCH_DB");
  const char *nik = g_getenv ("TAM_BENCH_NIK");
  const char *password = g_getenv ("TAM_BENCH_PASSWORD");
  static const char *const words[] = { "budi", "santoso", "x001", "agus pratama", "wulan", "ag-00", "e" };
  TamTestDb *db = NULL;
  TamWindow *window;
  TamSignInPage *sign_in_page;
  TamRosterPage *page;
  GtkEditable *search;
  GListModel *shown;
  GdkFrameClock *clock;
  g_autoptr (GArray) filter_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) total_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) stable_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) churn_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 t0, t1;
  long rss_start;

  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();
  rss_start = rss_kb ();

  if (db_path == NULL)
    {
      db = tam_test_db_new (1200);
      db_path = db->path;
      nik = "SPV-001";
      password = TAM_TEST_PASSWORD;
    }

  t0 = g_get_monotonic_time ();
  window = tam_window_new (NULL, db_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sign_in_page = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (window), TAM_TYPE_SIGN_IN_PAGE));
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry"), nik);
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), password);
  t1 = g_get_monotonic_time ();
  g_signal_emit_by_name (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), "activate");
  page = TAM_ROSTER_PAGE (tam_window_get_page (window, "roster"));
  if (page == NULL)
    g_error ("could not sign in as %s", nik);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "update", G_CALLBACK (update_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  memset (&current, 0, sizeof current);
  current.filtered = 1;
  current.waiting = TRUE;
  tam_test_spin_until (!current.waiting);
  printf ("TAM Desk roster benchmark (%s)\n", db ? "temporary database" : db_path);
  printf ("  window built (store open)                    %8.1f ms\n", (t1 - t0) / 1000.0);
  printf ("  sign-in to roster painted (incl. yescrypt)   %8.1f ms\n", (current.painted - t1) / 1000.0);

  search = tam_test_child (page, TAM_TYPE_ROSTER_PAGE, "search_entry");
  shown = G_LIST_MODEL (gtk_column_view_get_model (tam_test_child (page, TAM_TYPE_ROSTER_PAGE, "column_view")));
  g_signal_connect_after (search, "search-changed", G_CALLBACK (search_changed_after_cb), NULL);
  printf ("  people on the roster                         %8u\n", g_list_model_get_n_items (shown));

  /* Type each word a letter at a time, then erase it a letter at a time. */
  for (int round = 0; round < 3; round++)
    for (guint w = 0; w < G_N_ELEMENTS (words); w++)
      {
        gsize len = strlen (words[w]);

        for (gsize i = 1; i <= 2 * len; i++)
          {
            g_autofree char *text = g_strndup (words[w], i <= len ? i : 2 * len - i);
            guint before = g_list_model_get_n_items (shown);
            double v;

            memset (&current, 0, sizeof current);
            current.waiting = TRUE;
            current.typed = g_get_monotonic_time ();
            /* One key: a letter at the end, or Backspace. */
            if (i <= len)
              {
                int pos = (int) i - 1;
                gtk_editable_insert_text (search, words[w] + i - 1, 1, &pos);
              }
            else
              gtk_editable_delete_text (search, (int) strlen (text), -1);
            g_assert_cmpstr (gtk_editable_get_text (search), ==, text);
            tam_test_spin_until (!current.waiting);
            v = (current.filtered - current.typed) / 1000.0;
            g_array_append_val (filter_ms, v);
            v = (current.painted - current.frame_start) / 1000.0;
            g_array_append_val (frame_ms, v);
            v = (current.filtered - current.typed + current.painted - current.frame_start) / 1000.0;
            g_array_append_val (total_ms, v);
            /* GTK 4.8's list views keep up to ~200 rows: a change in the
             * number of rows below that builds or destroys row widgets. */
            if (MIN (before, 200) == MIN (g_list_model_get_n_items (shown), 200))
              g_array_append_val (stable_ms, v);
            else
              g_array_append_val (churn_ms, v);
          }
      }

  printf ("  keystrokes                                   %8u\n", total_ms->len);
  report ("keystroke to filtered model", filter_ms);
  report ("layout + paint of the updated list", frame_ms);
  report ("keystroke to updated list (target < 16 ms)", total_ms);
  if (stable_ms->len > 0)
    {
      printf ("    of which %u keep the number of bound rows:\n", stable_ms->len);
      report ("  same rows, new contents", stable_ms);
    }
  if (churn_ms->len > 0)
    {
      printf ("    of which %u change the number of bound rows (GTK builds/destroys rows):\n", churn_ms->len);
      report ("  rows built or destroyed", churn_ms);
    }

  /* Show the attendance tab too, as a user would, before reading memory. */
  gtk_stack_set_visible_child_name (tam_test_child (window, TAM_TYPE_WINDOW, "page_stack"), "attendance");
  memset (&current, 0, sizeof current);
  current.filtered = 1;
  current.waiting = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (window));
  tam_test_spin_until (!current.waiting);
  printf ("  peak RSS of the process                      %8.1f MB (%.1f MB before the window; target < 150 MB)\n",
          rss_kb () / 1024.0, rss_start / 1024.0);

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  if (db != NULL)
    tam_test_db_free (db);
  return 0;
}
