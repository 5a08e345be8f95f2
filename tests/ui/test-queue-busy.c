/* The Queue tab while another process holds the database's write lock
 * (issue 7): the window keeps drawing, J and V act at once, the verdict is
 * stored when the lock is released, and "Waiting for another desk…" shows
 * meanwhile. The lock is held by the sqlite3 command-line shell, a real
 * second process, as another desk's import would; the last case runs the
 * real import, `tamctl import calls` ($TAMCTL), in another process.
 *
 * TAM_TEST_SCREENSHOT=FILE.png saves the window while it waits. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "tam-auth.h"
#include "tam-queue-model.h"
#include "tam-queue-page-private.h"
#include "tam-queue-page.h"
#include "tam-store.h"
#include "tam-tapping.h"
#include "tam-test-ui.h"

#define N_CALLS 4
/* A unit test on a shared CI machine: the strict 100 ms is the benchmark's. */
#define MAX_FRAME_GAP_US (500 * G_TIME_SPAN_MILLISECOND)
#define MAX_KEY_US (500 * G_TIME_SPAN_MILLISECOND)
/* A key handled while another process holds the lock for 3 s: a window
 * that waited for the lock would take all of it; a loaded machine takes
 * longer than MAX_KEY_US anyway. */
#define MAX_KEY_LOCKED_US MAX (MAX_KEY_US *IMPORT_SLOWDOWN, G_USEC_PER_SEC)

/* The other desk's import: sized so that its run lasts over a second
 * (the keys must land while it runs: it imports 150,000 to 350,000 rows
 * a second here, depending on the load; 40,000 took 0.4 s). Under AddressSanitizer the importer is about three times
 * slower, and so is the window: a V there (the list's rows changed, a
 * block read again, the pane rebuilt) takes ~200 ms, close to a second
 * when the machine is busy. That build gets a longer import, a slower
 * pace and three times the limits (ASAN_OPTIONS cannot tell the builds
 * apart: the tests' environment sets it in every build). */
#if defined(__SANITIZE_ADDRESS__)
#define N_IMPORT 150000
#define KEY_PACE_MS 150
#define IMPORT_SLOWDOWN 3
#else
#define N_IMPORT 400000
#define KEY_PACE_MS 50
#define IMPORT_SLOWDOWN 1
#endif
/* Calls waiting in the queue for that case: J never runs out of them. */
#define N_QUEUE_CALLS 2000
#define MIN_KEYS_DURING 5

typedef struct
{
  TamTestDb *db;
  TamSession *qco;
  gint64 calls[N_CALLS];
  GtkWidget *window;
  TamQueuePage *page;
  GSubprocess *locker;
  gboolean locker_done;
  GSubprocess *importer;
  gboolean importer_done;
  char *importer_output;

  /* The frame clock, between two ticks of the window. */
  gboolean measuring;
  gint64 last_tick;
  gint64 max_gap;
  guint n_ticks;
} Fixture;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
tick_cb (GtkWidget *widget,
         GdkFrameClock *clock,
         gpointer user_data)
{
  Fixture *f = user_data;
  gint64 now = g_get_monotonic_time ();

  if (f->measuring)
    {
      if (f->last_tick != 0)
        f->max_gap = MAX (f->max_gap, now - f->last_tick);
      f->n_ticks++;
    }
  f->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *wav = NULL;

  f->db = tam_test_db_new (0);
  /* Issue 12: no VALID without a recording that opens: every call names
   * one that exists (an absolute path). */
  wav = g_build_filename (f->db->dir, "vr.wav", NULL);
  tam_test_write_wav (wav, 0.5);
  f->calls[0] = tam_test_insert_call (f->db->store, "MYCX-0001", f->db->ag1_id, "2026-10-05 08:00:00", wav);
  f->calls[1] = tam_test_insert_call (f->db->store, "MYCX-0002", f->db->ag1_id, "2026-10-05 09:00:00", wav);
  f->calls[2] = tam_test_insert_call (f->db->store, "MYCX-0003", f->db->ag2_id, "2026-10-05 10:00:00", wav);
  f->calls[3] = tam_test_insert_call (f->db->store, "MYCX-0004", f->db->ag2_id, "2026-10-05 11:00:00", wav);
  /* @data: more waiting calls after those, for a long run of J. */
  if (GPOINTER_TO_UINT (data) > N_CALLS)
    {
      g_assert_true (tam_store_begin (f->db->store, NULL));
      for (guint i = N_CALLS; i < GPOINTER_TO_UINT (data); i++)
        {
          char call_id[32], start[32];

          g_snprintf (call_id, sizeof call_id, "MYCX-%04u", i + 1);
          g_snprintf (start, sizeof start, "2026-10-%02u %02u:%02u:00", 6 + i / 600, 8 + i / 60 % 10, i % 60);
          tam_test_insert_call (f->db->store, call_id, i % 2 ? f->db->ag2_id : f->db->ag1_id, start, wav);
        }
      g_assert_true (tam_store_commit (f->db->store, NULL));
    }
  f->qco = tam_auth_sign_in (f->db->store, "QCO-001", TAM_TEST_PASSWORD, &error);
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  f->page = TAM_QUEUE_PAGE (tam_queue_page_new (f->db->store, f->qco));
  g_object_ref_sink (f->page);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  /* A tick callback keeps the frame clock running, frame after frame. */
  gtk_widget_add_tick_callback (f->window, tick_cb, f, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  tam_test_spin_until (!tam_queue_model_get_counting (_tam_queue_page_get_model (f->page)));
  _tam_queue_page_wait_idle (f->page);
  spin ();
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  if (f->locker != NULL)
    {
      tam_test_spin_until (f->locker_done);
      g_clear_object (&f->locker);
    }
  /* Never remove the database under a running importer. */
  if (f->importer != NULL)
    {
      tam_test_spin_until (f->importer_done);
      g_clear_object (&f->importer);
      g_clear_pointer (&f->importer_output, g_free);
    }
  if (f->page != NULL)
    {
      _tam_queue_page_wait_idle (f->page);
      gtk_window_destroy (GTK_WINDOW (f->window));
      spin ();
      g_assert_finalize_object (f->page);
    }
  g_clear_pointer (&f->qco, tam_session_free);
  tam_test_db_free (f->db);
}

/* Another process holds the write lock for @seconds (tam-test-ui.h). */
static void
hold_lock (Fixture *f,
           const char *seconds)
{
  f->locker = tam_test_hold_lock (f->db->path, seconds, &f->locker_done);
}

static const char *
title (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "title_label")));
}

static gint64
current_id (Fixture *f)
{
  const TamCall *call = _tam_queue_page_get_current (f->page);
  return call ? call->id : 0;
}

/* Runs @action as its key would, and how long that took. */
static gint64
press (Fixture *f,
       const char *action)
{
  gint64 t0 = g_get_monotonic_time ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  return g_get_monotonic_time () - t0;
}

static void
save_screenshot (Fixture *f)
{
  const char *path = g_getenv ("TAM_TEST_SCREENSHOT");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (f->page));
  int height = gtk_widget_get_height (GTK_WIDGET (f->page));

  if (path == NULL)
    return;
  /* The page: a toplevel's own paintable draws nothing. */
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->page));
  /* It takes its picture when the window next paints. */
  {
    guint ticks = f->n_ticks;

    gtk_widget_queue_draw (f->window);
    tam_test_spin_until (f->n_ticks >= ticks + 3);
  }
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static gint64
count_tappings (Fixture *f)
{
  return tam_store_query_int (f->db->store, "SELECT count(*) FROM tappings", -1, NULL);
}

/* J and V during a 3 s lock: at once on screen, stored after the lock. */
static void
test_verdict_waits_for_lock (Fixture *f,
                             gconstpointer data)
{
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;
  TamTappingRecord *r;
  gint64 us, locked_at, stored_at;
  gboolean busy_seen_locked;

  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  g_assert_cmpstr (title (f), ==, "MYCX-0001");
  g_assert_false (_tam_queue_page_get_busy_shown (f->page));

  hold_lock (f, "3");
  locked_at = g_get_monotonic_time ();
  f->measuring = TRUE;
  f->last_tick = 0;

  /* J: the next call is in the pane as soon as the key is handled. */
  us = press (f, "queue.next");
  g_assert_cmpstr (title (f), ==, "MYCX-0002");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_cmpint (us, <, MAX_KEY_LOCKED_US);

  /* V: on to the third call at once; the verdict waits for the lock. */
  us = press (f, "queue.valid");
  g_assert_cmpstr (title (f), ==, "MYCX-0003");
  g_assert_cmpint (current_id (f), ==, f->calls[2]);
  g_assert_cmpint (us, <, MAX_KEY_LOCKED_US);
  g_assert_null (_tam_queue_page_get_banner (f->page));
  g_assert_cmpint (count_tappings (f), ==, 0);

  /* The quiet state, while the other process still holds the lock. */
  tam_test_spin_until (_tam_queue_page_get_busy_shown (f->page) || f->locker_done);
  busy_seen_locked = _tam_queue_page_get_busy_shown (f->page) && tam_test_lock_held_elsewhere (f->db->path);
  g_assert_true (busy_seen_locked);
  g_assert_true (gtk_widget_get_visible (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "busy_box")));
  g_assert_cmpuint (_tam_queue_page_get_pending_writes (f->page), >, 0);
  g_assert_cmpint (count_tappings (f), ==, 0);
  save_screenshot (f);

  /* Stored once the lock is released: the writer's results are all in. */
  tam_test_spin_until (_tam_queue_page_get_pending_writes (f->page) == 0);
  stored_at = g_get_monotonic_time ();
  f->measuring = FALSE;
  g_test_message ("verdict stored %.0f ms after the lock was taken; longest frame gap %.1f ms over %u frames",
                  (stored_at - locked_at) / 1000.0, f->max_gap / 1000.0, f->n_ticks);

  /* The other desk's transaction went first, then ours. */
  g_assert_cmpint (tam_store_query_int (f->db->store, "SELECT count(*) FROM settings WHERE key = 'busy-test'", -1, NULL),
                   ==, 1);
  g_assert_cmpint (count_tappings (f), ==, 1);
  history = tam_call_history (f->db->store, f->qco, f->calls[1], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  r = g_ptr_array_index (history, 0);
  g_assert_cmpstr (r->verdict, ==, "VALID");
  g_assert_cmpstr (r->actor_nik, ==, "QCO-001");
  g_assert_false (r->undone);

  /* The quiet state is gone; the toast came with the stored verdict. */
  g_assert_false (_tam_queue_page_get_busy_shown (f->page));
  g_assert_false (gtk_widget_get_visible (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "busy_box")));
  g_assert_nonnull (strstr (_tam_queue_page_get_last_toast (f->page), "MYCX-0002"));
  g_assert_null (_tam_queue_page_get_banner (f->page));
  g_assert_cmpint (current_id (f), ==, f->calls[2]);
  /* The claims followed in order: the first released, the third ours. */
  g_assert_cmpint (tam_store_query_int (f->db->store, "SELECT count(*) FROM calls WHERE claimed_by IS NOT NULL", -1, NULL),
                   ==, 1);
  g_assert_cmpint (tam_store_query_int (f->db->store, "SELECT claimed_by FROM calls WHERE call_id = 'MYCX-0003'", 0, NULL),
                   ==, f->qco->person_id);
  g_assert_false (gtk_widget_get_visible (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "claim_label")));

  /* The window kept drawing the whole time: no gap anywhere near the
   * lock's 3 s (a frozen window waits for all of it); on a loaded machine
   * frames come far apart anyway, hence the larger of the limit and a
   * third of the wait. */
  g_assert_cmpuint (f->n_ticks, >, 10);
  g_assert_cmpint (f->max_gap, <, MAX (MAX_FRAME_GAP_US * IMPORT_SLOWDOWN, (stored_at - locked_at) / 3));
}

/* V then Ctrl+Z during the lock: both kept, in order. */
static void
test_undo_behind_verdict (Fixture *f,
                          gconstpointer data)
{
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  hold_lock (f, "1.5");
  press (f, "queue.valid");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  press (f, "queue.undo");
  g_assert_null (_tam_queue_page_get_banner (f->page));
  tam_test_spin_until (_tam_queue_page_get_pending_writes (f->page) == 0);

  /* Stored, then undone: the call is back, in the pane. */
  history = tam_call_history (f->db->store, f->qco, f->calls[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_true (((TamTappingRecord *) g_ptr_array_index (history, 0))->undone);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  g_assert_cmpstr (title (f), ==, "MYCX-0001");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_tam_queue_page_get_model (f->page))), ==, N_CALLS);
  g_assert_nonnull (strstr (_tam_queue_page_get_last_toast (f->page), "undone"));
  g_assert_null (_tam_queue_page_get_banner (f->page));
  g_assert_false (_tam_queue_page_get_busy_shown (f->page));

  /* Nothing left to undo. */
  press (f, "queue.undo");
  g_assert_nonnull (_tam_queue_page_get_banner (f->page));
}

/* A return refused in the background (another QCO took the call): the QCO
 * is brought back to it with the recommendation they wrote. */
static void
test_refused_verdict_comes_back (Fixture *f,
                                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  const char *banner;

  press (f, "queue.next");
  _tam_queue_page_wait_idle (f->page);
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  /* Someone else holds the second call now (our claim lapsed, say). */
  g_assert_true (tam_store_exec (f->db->store, "UPDATE calls SET claimed_by = (SELECT id FROM people WHERE nik = 'SPV-001'),"
                                               " claimed_at = datetime('now', 'localtime') WHERE call_id = 'MYCX-0002'",
                                 &error));
  g_assert_no_error (error);

  g_assert_true (_tam_queue_page_set_parameter_met (f->page, "CONSENT", FALSE));
  press (f, "queue.return");
  _tam_queue_page_set_recommendation (f->page, "Ask for an explicit yes.");
  hold_lock (f, "1");
  press (f, "queue.confirm-return");
  /* At once: the next call. */
  g_assert_cmpint (current_id (f), ==, f->calls[2]);
  tam_test_spin_until (_tam_queue_page_get_pending_writes (f->page) == 0);

  /* Refused: back on the call, the recommendation still there. */
  g_assert_cmpint (count_tappings (f), ==, 0);
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  banner = _tam_queue_page_get_banner (f->page);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "Siti Rahayu"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "return_revealer"))));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "recommendation_view")));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "Ask for an explicit yes.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_tam_queue_page_get_model (f->page))), ==, N_CALLS);
  g_assert_cmpint (tam_queue_model_get_state_counts (_tam_queue_page_get_model (f->page))[TAM_STATE_RETURNED], ==, 0);
}

/* The lock is held longer than the writer waits: the verdict fails as
 * busy, the QCO is brought back to the call and told; nothing is stored
 * and the quiet state goes away. */
static void
test_busy_too_long (Fixture *f,
                    gconstpointer data)
{
  const char *banner;

  _tam_queue_page_set_write_retry_limit (f->page, 700);
  hold_lock (f, "2.5");
  press (f, "queue.valid");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  tam_test_spin_until (_tam_queue_page_get_busy_shown (f->page));
  tam_test_spin_until (_tam_queue_page_get_banner (f->page) != NULL);

  /* Given up while the other desk still holds the lock. */
  g_assert_true (tam_test_lock_held_elsewhere (f->db->path));
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  banner = _tam_queue_page_get_banner (f->page);
  g_assert_nonnull (strstr (banner, "busy for too long"));
  g_assert_nonnull (strstr (banner, "MYCX-0001"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_tam_queue_page_get_model (f->page))), ==, N_CALLS);
  g_assert_cmpint (count_tappings (f), ==, 0);

  /* The claims asked meanwhile wait (or give up) too; once the lock is
   * gone the quiet state goes, and V again is stored. */
  tam_test_spin_until (f->locker_done);
  _tam_queue_page_wait_idle (f->page);
  g_assert_false (_tam_queue_page_get_busy_shown (f->page));
  press (f, "queue.valid");
  _tam_queue_page_wait_idle (f->page);
  g_assert_null (_tam_queue_page_get_banner (f->page));
  g_assert_cmpint (count_tappings (f), ==, 1);
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
}

/* F5 while a verdict waits for the lock: the list, read again from the
 * database that does not show the verdict yet, does not bring the call
 * back; the counts agree with the database once it is stored. */
static void
test_refresh_while_waiting (Fixture *f,
                            gconstpointer data)
{
  TamQueueModel *model = _tam_queue_page_get_model (f->page);
  const gint64 *counts;

  hold_lock (f, "1.5");
  press (f, "queue.valid");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  press (f, "queue.refresh");
  tam_test_spin_until (!tam_queue_model_get_counting (model));
  g_assert_cmpint (count_tappings (f), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS - 1);
  for (guint i = 0; i < N_CALLS - 1; i++)
    {
      g_autoptr (TamQueueItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (tam_queue_item_get_id (item), ==, f->calls[i + 1]);
    }
  g_assert_cmpint (current_id (f), ==, f->calls[1]);

  tam_test_spin_until (_tam_queue_page_get_pending_writes (f->page) == 0);
  tam_test_spin_until (!tam_queue_model_get_counting (model));
  g_assert_cmpint (count_tappings (f), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS - 1);
  counts = tam_queue_model_get_state_counts (model);
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, N_CALLS - 1);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
}

/* The page goes away (sign-out, window closed) while a verdict waits for
 * the lock: the writer still stores it, and nothing of the page is
 * touched afterwards. */
static void
test_close_while_waiting (Fixture *f,
                          gconstpointer data)
{
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GError) error = NULL;

  hold_lock (f, "1");
  press (f, "queue.valid");
  g_assert_cmpuint (_tam_queue_page_get_pending_writes (f->page), >, 0);
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_assert_finalize_object (f->page);
  f->page = NULL;
  f->window = NULL;
  spin ();

  history = tam_call_history (f->db->store, f->qco, f->calls[0], &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((TamTappingRecord *) g_ptr_array_index (history, 0))->verdict, ==, "VALID");
  /* The second call's claim was dropped or released: nobody holds one. */
  g_assert_cmpint (count_tappings (f), ==, 1);
  g_assert_cmpint (tam_store_query_int (f->db->store, "SELECT count(*) FROM calls WHERE claimed_by IS NOT NULL", -1, NULL),
                   ==, 0);
}

/* The other desk's import */

static void
importer_exited_cb (GObject *source,
                    GAsyncResult *result,
                    gpointer user_data)
{
  Fixture *f = user_data;
  g_autoptr (GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &f->importer_output, NULL, &error);
  g_assert_no_error (error);
  f->importer_done = TRUE;
}

/* A MyCX export of @n_rows calls of the fixture's three active agents,
 * 40 an agent a day from 2027-01-01 (after every call of the fixture), a
 * quarter AGREE: what tamctl-bench.c's write_calls_csv() writes. */
static void
write_calls_csv (const char *path,
                 guint n_rows)
{
  static const char *const agents[][2] = {
    { "AG-001", "ADDON_CONSUMER" },
    { "AG-002", "ADDON_CONSUMER" },
    { "AG-003", "WIFI_DIGITAL" },
  };
  static const char *const results[] = { "AGREE", "DECLINE", "FOLLOW_UP", "DECLINE" };
  FILE *fp = g_fopen (path, "wb");

  g_assert_nonnull (fp);
  fputs ("call_id,agent_nik,service,call_start,result,customer_number,product,recording\n", fp);
  for (guint i = 0; i < n_rows; i++)
    {
      guint slot = i % 120, agent = slot % 3, minute = 8 * 60 + slot / 3 * 13;
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 1, G_DATE_JANUARY, 2027);
      g_date_add_days (&day, i / 120);
      fprintf (fp, "IMP-%07u,%s,%s,%04d-%02d-%02d %02u:%02u:%02u,%s,08%010u,Minipack HBO,imp/IMP-%07u.wav\n",
               i, agents[agent][0], agents[agent][1],
               g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
               minute / 60, minute % 60, i % 60, results[i % 4], 1000000 + i, i);
    }
  g_assert_cmpint (fclose (fp), ==, 0);
}

/* `tamctl --db DB --as SPV-001 import calls FILE` in another process. */
static void
start_import (Fixture *f,
              const char *csv)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  const char *tamctl = g_getenv ("TAMCTL");

  g_assert_nonnull (tamctl);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_setenv (launcher, "TAM_PASSWORD", TAM_TEST_PASSWORD, TRUE);
  f->importer = g_subprocess_launcher_spawn (launcher, &error, tamctl, "--db", f->db->path, "--as", "SPV-001",
                                             "import", "calls", csv, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (f->importer, NULL, NULL, importer_exited_cb, f);
}

/* TRUE while a calls import has published hidden slices and not yet its
 * last transaction (its run is registered). */
static gboolean
import_running (Fixture *f)
{
  return tam_store_query_int (f->db->store, "SELECT count(*) FROM import_runs", -1, NULL) > 0;
}

/* TRUE while the import runs and has published slices: hidden calls
 * after @last_id are in the database. */
static gboolean
import_publishing (Fixture *f,
                   gint64 last_id)
{
  return import_running (f) &&
         tam_store_query_int (f->db->store, "SELECT max (id) FROM calls", -1, NULL) > last_id;
}

/* Runs the main loop (frames, the writer's results) for @ms. */
static void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, tam_test_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* A verdict given during the import: when, and when it was read back. */
typedef struct
{
  gint64 call;
  gint64 pressed;
  gint64 stored;
} Given;

/* Reads back the verdicts not seen stored yet; how many were found. */
static guint
read_back (Fixture *f,
           GArray *given)
{
  guint found = 0;

  for (guint i = 0; i < given->len; i++)
    {
      Given *g = &g_array_index (given, Given, i);
      g_autofree char *sql = NULL;

      if (g->stored != 0)
        continue;
      sql = g_strdup_printf ("SELECT count(*) FROM tappings WHERE call_id = %" G_GINT64_FORMAT, g->call);
      if (tam_store_query_int (f->db->store, sql, -1, NULL) > 0)
        {
          g->stored = g_get_monotonic_time ();
          found++;
        }
    }
  return found;
}

/* Issue 7: J and V on the Queue tab while another desk imports calls,
 * the real importer in another process: every key acts at once, every
 * verdict is stored once, and between the import's slices rather than
 * after it; the window keeps drawing; the import is whole. */
static void
test_while_another_process_imports (Fixture *f,
                                    gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->db->dir, "calls.csv", NULL);
  g_autoptr (GArray) given = g_array_new (FALSE, FALSE, sizeof (Given));
  GListModel *model = G_LIST_MODEL (_tam_queue_page_get_model (f->page));
  GtkSingleSelection *selection = _tam_queue_page_get_selection (f->page);
  guint n_keys = 0, n_during = 0, n_verdicts_during = 0, n_stored_during = 0, n_writes_during = 0;
  gint64 max_j = 0, max_v = 0, max_stored = 0, seen_from = 0, seen_until = 0;
  gint64 last_id_first = -1, last_id_last = -1;
  gint64 spawned, t0, fixture_last_id;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_QUEUE_CALLS);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  write_calls_csv (csv, N_IMPORT);
  fixture_last_id = tam_store_query_int (f->db->store, "SELECT max (id) FROM calls", -1, NULL);

  f->measuring = TRUE;
  f->last_tick = 0;
  start_import (f, csv);
  spawned = g_get_monotonic_time ();

  /* A key every KEY_PACE_MS (after the last one is handled) until the
   * importer is gone; every fourth is V. */
  while (!f->importer_done)
    {
      guint pos = gtk_single_selection_get_selected (selection);
      g_autoptr (TamQueueItem) next = NULL;
      g_autofree char *next_call_id = NULL;
      gboolean verdict = n_keys % 4 == 3;
      gboolean running_before, running_after;
      Given g = { current_id (f), 0, 0 };
      gint64 us;
      guint found, pending;

      g_assert_cmpuint (pos + 1, <, g_list_model_get_n_items (model));
      next = g_list_model_get_item (model, pos + 1);
      g_assert_nonnull (tam_queue_item_get_call (next));
      next_call_id = g_strdup (tam_queue_item_get_call (next)->call_id);

      running_before = import_running (f);
      g.pressed = g_get_monotonic_time ();
      us = press (f, verdict ? "queue.valid" : "queue.next");
      running_after = import_running (f);

      if (us > 100 * G_TIME_SPAN_MILLISECOND)
        g_test_message ("key %u (%s) took %.1f ms; import running: %d before, %d after", n_keys,
                        verdict ? "V" : "J", us / 1000.0, running_before, running_after);

      /* The next call is in the pane as soon as the key is handled. */
      g_assert_cmpstr (title (f), ==, next_call_id);
      g_assert_cmpint (current_id (f), ==, tam_queue_item_get_id (next));
      g_assert_null (_tam_queue_page_get_banner (f->page));
      if (verdict)
        {
          g_array_append_val (given, g);
          max_v = MAX (max_v, us);
        }
      else
        max_j = MAX (max_j, us);

      /* While the import ran: its run registered before and after the
       * key, and its rows (hidden) going in meanwhile. */
      if (running_before && running_after)
        {
          gint64 last_id = tam_store_query_int (f->db->store, "SELECT max (id) FROM calls", -1, NULL);

          if (last_id_first < 0)
            last_id_first = last_id;
          last_id_last = last_id;
          n_during++;
          n_verdicts_during += verdict;
        }
      if (running_before || running_after)
        {
          if (seen_from == 0)
            seen_from = g.pressed;
          seen_until = g_get_monotonic_time ();
        }
      n_keys++;

      /* The writer's results meanwhile (claims, releases, verdicts):
       * it takes the lock between the import's slices. */
      running_before = import_publishing (f, fixture_last_id);
      pending = _tam_queue_page_get_pending_writes (f->page);
      run_for (KEY_PACE_MS);
      if (running_before && import_running (f))
        n_writes_during += pending - MIN (pending, _tam_queue_page_get_pending_writes (f->page));
      running_before = import_publishing (f, fixture_last_id);
      found = read_back (f, given);
      if (running_before && import_running (f))
        n_stored_during += found;
      g_assert_cmpint (g_get_monotonic_time () - spawned, <, 120 * G_USEC_PER_SEC);
    }
  t0 = g_get_monotonic_time ();
  _tam_queue_page_wait_idle (f->page);
  f->measuring = FALSE;
  read_back (f, given);
  for (guint i = 0; i < given->len; i++)
    max_stored = MAX (max_stored, g_array_index (given, Given, i).stored - g_array_index (given, Given, i).pressed);
  g_test_message ("tamctl: %s", f->importer_output);
  g_test_message ("%u rows imported; %u keys, %u during the import (%u V; %u writes done and %u verdicts read back"
                  " stored during it);"
                  " J at most %.1f ms, V %.1f ms, V to stored (read back every %u ms) %.0f ms;"
                  " import seen for %.0f ms, max (id) %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " during the keys;"
                  " writes done %.0f ms after; longest frame gap %.1f ms over %u frames",
                  N_IMPORT, n_keys, n_during, n_verdicts_during, n_writes_during, n_stored_during, max_j / 1000.0, max_v / 1000.0,
                  KEY_PACE_MS, max_stored / 1000.0, (seen_until - seen_from) / 1000.0, last_id_first, last_id_last,
                  (g_get_monotonic_time () - t0) / 1000.0, f->max_gap / 1000.0, f->n_ticks);

  /* The import succeeded and every call is there, visible. */
  g_assert_true (g_subprocess_get_if_exited (f->importer));
  g_assert_cmpint (g_subprocess_get_exit_status (f->importer), ==, 0);
  g_assert_cmpint (tam_store_query_int (f->db->store, "SELECT count(*) FROM import_runs", -1, NULL), ==, 0);
  g_assert_cmpint (tam_store_query_int (f->db->store, "SELECT count(*) FROM calls c WHERE c.call_id LIKE 'IMP-%'"
                                                      " AND " TAM_CALL_VISIBLE ("c"),
                                        -1, NULL),
                   ==, N_IMPORT);

  /* The keys were pressed while the import ran, not before or after it:
   * several of them, verdicts among them, while it wrote its slices. */
  g_assert_cmpuint (n_during, >=, MIN_KEYS_DURING);
  g_assert_cmpuint (n_verdicts_during, >=, 1);
  g_assert_cmpint (last_id_last, >, last_id_first);
  /* The writer did not wait for the end of the import: its claims and
   * verdicts went in between the slices (counted once the import has
   * published its first one). (Verdicts queue behind the
   * claims and releases of a J every 50 ms: their own delay is not
   * asserted.) */
  g_assert_cmpuint (n_writes_during, >=, 3);

  /* Every verdict stored once, as given. */
  g_assert_cmpint (count_tappings (f), ==, given->len);
  for (guint i = 0; i < given->len; i++)
    {
      g_autoptr (GPtrArray) history = NULL;
      g_autoptr (GError) error = NULL;
      TamTappingRecord *r;

      history = tam_call_history (f->db->store, f->qco, g_array_index (given, Given, i).call, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (history->len, ==, 1);
      r = g_ptr_array_index (history, 0);
      g_assert_cmpstr (r->verdict, ==, "VALID");
      g_assert_cmpstr (r->actor_nik, ==, "QCO-001");
      g_assert_false (r->undone);
    }
  g_assert_null (_tam_queue_page_get_banner (f->page));

  /* The window kept drawing the whole time: no gap anywhere near the
   * import's length (issue 7's window froze for all of it). A loaded
   * machine draws frames far apart anyway (ASan with three builds
   * alongside: 15 frames in the 8.4 s the import was seen, one gap of
   * 2 s), so the bound is the larger of the limit and a third of the
   * time the import was seen. */
  g_assert_cmpuint (f->n_ticks, >, 10);
  g_assert_cmpint (f->max_gap, <, MAX (MAX_FRAME_GAP_US * IMPORT_SLOWDOWN, (seen_until - seen_from) / 3));
  /* And no key waited for the import: the same bound. */
  g_assert_cmpint (MAX (max_j, max_v), <, MAX (MAX_KEY_US * IMPORT_SLOWDOWN, (seen_until - seen_from) / 3));
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/queue-busy/verdict-waits-for-lock", test_verdict_waits_for_lock);
  ADD ("/ui/queue-busy/undo-behind-verdict", test_undo_behind_verdict);
  ADD ("/ui/queue-busy/refused-verdict-comes-back", test_refused_verdict_comes_back);
  ADD ("/ui/queue-busy/busy-too-long", test_busy_too_long);
  ADD ("/ui/queue-busy/refresh-while-waiting", test_refresh_while_waiting);
  ADD ("/ui/queue-busy/close-while-waiting", test_close_while_waiting);
#undef ADD
  g_test_add ("/ui/queue-busy/while-another-process-imports", Fixture, GUINT_TO_POINTER (N_QUEUE_CALLS),
              fixture_setup, test_while_another_process_imports, fixture_teardown);

  return g_test_run ();
}
