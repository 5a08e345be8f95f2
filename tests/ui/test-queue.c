/* The Queue tab driven from the keyboard's actions, on a temporary
 * database: a QCO taps three calls (V, V, R), undoes the last verdict, is
 * refused a call another QCO holds; the paged model is checked on its own. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tam-auth.h"
#include "tam-check.h"
#include "tam-people.h"
#include "tam-queue-model.h"
#include "tam-queue-page-private.h"
#include "tam-queue-page.h"
#include "tam-queue-row.h"
#include "tam-recording-player.h"
#include "tam-store.h"
#include "tam-tapping.h"
#include "tam-test-ui.h"

#define N_CALLS 5

typedef struct
{
  char *dir;
  char *path;
  char *recordings;
  TamStore *store;
  TamSession *qco;  /* Rudi, QCO at Bandung: the one at the desk */
  TamSession *qco2; /* Wati, another QCO */
  TamSession *tl;
  gint64 calls[N_CALLS]; /* calls.id, oldest first */
  GtkWidget *window;
  TamQueuePage *page;
} Fixture;

static TamPerson *
make_person (const char *nik,
             const char *name,
             const char *role,
             const char *service,
             gint64 tl_id)
{
  TamPerson *p = tam_person_new ();

  p->nik = g_strdup (nik);
  p->name = g_strdup (name);
  p->role = g_strdup (role);
  p->site = g_strdup ("BANDUNG");
  p->service = g_strdup (service);
  p->team_leader_id = tl_id;
  p->status = g_strdup ("ACTIVE");
  p->hired_on = g_strdup ("2025-01-06");
  p->contract_end = g_strdup ("2026-12-31");
  return p;
}

static gint64
add_person (TamStore *store,
            const TamSession *admin,
            TamPerson *p)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *field = NULL;

  g_assert_true (tam_people_save (store, admin, p, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  return p->id;
}

static TamSession *
sign_in (TamStore *store,
         const char *nik,
         const char *password)
{
  g_autoptr (GError) error = NULL;
  TamSession *session = tam_auth_sign_in (store, nik, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* The model counts in a worker thread: wait for it (no time limit is
 * asserted; meson's test timeout catches a hang). */
static void
wait_counted (TamQueueModel *model)
{
  while (tam_queue_model_get_counting (model))
    g_main_context_iteration (NULL, TRUE);
  spin ();
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) admin = NULL;
  g_autoptr (TamPerson) spv = make_person ("SPV001", "Dewi Lestari", "SUPERVISOR_OPS", NULL, 0);
  g_autoptr (TamPerson) tl = NULL;
  g_autoptr (TamPerson) agent1 = NULL;
  g_autoptr (TamPerson) agent2 = NULL;
  g_autoptr (TamPerson) qco = make_person ("QCO001", "Rudi Hartono", "QCO", NULL, 0);
  g_autoptr (TamPerson) qco2 = make_person ("QCO002", "Wati Suryani", "QCO", NULL, 0);
  g_autoptr (GSettings) settings = g_settings_new ("com.infomedia.TAM");
  g_autofree char *wav = NULL;
  gint64 tl_id, a1, a2;

  f->dir = g_dir_make_tmp ("tam-test-queue-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "tam.db", NULL);
  f->recordings = g_build_filename (f->dir, "vr", NULL);
  g_assert_cmpint (g_mkdir (f->recordings, 0700), ==, 0);
  f->store = tam_store_create (f->path, &error);
  g_assert_no_error (error);

  admin = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);
  add_person (f->store, admin, spv);
  admin->person_id = spv->id;
  tl = make_person ("TL001", "Asep Sunarya", "TEAM_LEADER", "ADDON_CONSUMER", 0);
  tl_id = add_person (f->store, admin, tl);
  agent1 = make_person ("10000001", "Cecep Gumilar", "AGENT", "ADDON_CONSUMER", tl_id);
  a1 = add_person (f->store, admin, agent1);
  agent2 = make_person ("10000002", "Euis Komalasari", "AGENT", "ADDON_CONSUMER", tl_id);
  a2 = add_person (f->store, admin, agent2);
  add_person (f->store, admin, qco);
  add_person (f->store, admin, qco2);

  g_assert_true (tam_auth_set_password (f->store, NULL, "SPV001", "rahasia-spv", &error));
  g_assert_true (tam_auth_set_password (f->store, admin, "QCO001", "rahasia-qco", &error));
  g_assert_true (tam_auth_set_password (f->store, admin, "QCO002", "rahasia-qco2", &error));
  g_assert_true (tam_auth_set_password (f->store, admin, "TL001", "rahasia-tl", &error));
  g_assert_no_error (error);
  f->qco = sign_in (f->store, "QCO001", "rahasia-qco");
  f->qco2 = sign_in (f->store, "QCO002", "rahasia-qco2");
  f->tl = sign_in (f->store, "TL001", "rahasia-tl");

  /* Oldest first is the queue's order: insert out of order on purpose. */
  f->calls[2] = tam_test_insert_call (f->store, "MYCX-0003", a1, "2026-10-05 10:00:00", "vr-0003.wav");
  f->calls[0] = tam_test_insert_call (f->store, "MYCX-0001", a1, "2026-10-05 08:10:00", "vr-0001.wav");
  f->calls[1] = tam_test_insert_call (f->store, "MYCX-0002", a2, "2026-10-05 09:30:00", "vr-0002.wav");
  f->calls[4] = tam_test_insert_call (f->store, "MYCX-0005", a1, "2026-10-06 08:00:00", "vr-0005.wav");
  f->calls[3] = tam_test_insert_call (f->store, "MYCX-0004", a2, "2026-10-05 16:45:00", "vr-0004.wav");

  /* Every call's recording exists (a test removes one). */
  for (int i = 1; i <= N_CALLS; i++)
    {
      g_autofree char *name = g_strdup_printf ("vr-%04d.wav", i);
      wav = g_build_filename (f->recordings, name, NULL);
      tam_test_write_wav (wav, 1.0);
      g_free (wav);
    }
  wav = NULL;
  g_settings_set_string (settings, "recordings-folder", f->recordings);
  g_settings_reset (settings, "playback-rate");
}

static void
open_page_sized (Fixture *f,
                 TamSession *session,
                 int width,
                 int height)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  f->page = TAM_QUEUE_PAGE (tam_queue_page_new (f->store, session));
  g_object_ref_sink (f->page);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  spin ();
  wait_counted (_tam_queue_page_get_model (f->page));
  /* The first call's claim is written by the page's writer. */
  _tam_queue_page_wait_idle (f->page);
  spin ();
}

static void
open_page (Fixture *f,
           TamSession *session)
{
  open_page_sized (f, session, 1280, 800);
}

/* The page writes (claims, verdicts, undo) in its own thread: wait until
 * every write asked for has been stored and its result shown. */
static void
settle (Fixture *f)
{
  spin ();
  _tam_queue_page_wait_idle (f->page);
  wait_counted (_tam_queue_page_get_model (f->page));
}

static void
close_page (Fixture *f)
{
  if (f->window == NULL)
    return;
  wait_counted (_tam_queue_page_get_model (f->page));
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  spin ();
  g_assert_finalize_object (f->page);
  f->page = NULL;
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  close_page (f);
  g_clear_object (&f->store);
  g_clear_pointer (&f->qco, tam_session_free);
  g_clear_pointer (&f->qco2, tam_session_free);
  g_clear_pointer (&f->tl, tam_session_free);

  dir = g_dir_open (f->recordings, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->recordings, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->recordings);
  g_clear_pointer (&dir, g_dir_close);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->recordings);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
current_id (Fixture *f)
{
  const TamCall *call = _tam_queue_page_get_current (f->page);
  return call ? call->id : 0;
}

static void
activate (Fixture *f,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  settle (f);
}

static GPtrArray *
history (Fixture *f,
         gint64 id)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *h = tam_call_history (f->store, f->qco, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (h);
  return h;
}

static void
assert_one_tapping (Fixture *f,
                    gint64 id,
                    const char *verdict,
                    const char *failed_code,
                    const char *recommendation)
{
  g_autoptr (GPtrArray) h = history (f, id);
  TamTappingRecord *r;

  g_assert_cmpuint (h->len, ==, 1);
  r = g_ptr_array_index (h, 0);
  g_assert_cmpint (r->kind, ==, TAM_HISTORY_TAPPING);
  g_assert_cmpstr (r->verdict, ==, verdict);
  g_assert_cmpstr (r->actor_nik, ==, "QCO001");
  g_assert_cmpint (r->attempt, ==, 1);
  g_assert_false (r->undone);
  if (failed_code != NULL)
    {
      g_assert_cmpuint (g_strv_length (r->failed_codes), ==, 1);
      g_assert_cmpstr (r->failed_codes[0], ==, failed_code);
    }
  else
    g_assert_cmpuint (g_strv_length (r->failed_codes), ==, 0);
  if (recommendation != NULL)
    g_assert_cmpstr (r->text, ==, recommendation);
}

static char *
call_state (Fixture *f,
            gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCall) call = tam_call_get (f->store, f->qco, id, &error);

  g_assert_no_error (error);
  return g_strdup (call->state);
}

/* V, V, R with a recommendation, then Ctrl+Z. */
static void
test_tap_three (Fixture *f,
                gconstpointer data)
{
  TamQueueModel *model;
  GtkWidget *recommendation;
  const gint64 *counts;
  g_autofree char *state3 = NULL;
  g_autofree char *state3_after = NULL;
  g_autoptr (GPtrArray) h3 = NULL;

  open_page (f, f->qco);
  model = _tam_queue_page_get_model (f->page);

  /* Oldest first, the first one selected, claimed and loaded. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  g_assert_cmpuint (_tam_queue_page_get_n_parameters (f->page), ==, 6 + 1); /* and the built-in "recording heard" */
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT claimed_by FROM calls WHERE call_id = 'MYCX-0001'", 0, NULL),
                   ==, f->qco->person_id);
  /* The customer number is masked for a QCO. */
  g_assert_null (strstr (_tam_queue_page_get_current (f->page)->customer_number, "0812345"));

  activate (f, "queue.valid");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_nonnull (strstr (_tam_queue_page_get_last_toast (f->page), "MYCX-0001"));
  activate (f, "queue.valid");
  g_assert_cmpint (current_id (f), ==, f->calls[2]);

  /* R: the recommendation field gets the keyboard. */
  g_assert_true (_tam_queue_page_set_parameter_met (f->page, "CONSENT", FALSE));
  activate (f, "queue.return");
  recommendation = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "recommendation_view");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == recommendation);
  _tam_queue_page_set_recommendation (f->page, "Ask for an explicit yes before closing.");
  activate (f, "queue.confirm-return");

  /* Stored as given, and the 4th call is up. */
  assert_one_tapping (f, f->calls[0], "VALID", NULL, NULL);
  assert_one_tapping (f, f->calls[1], "VALID", NULL, NULL);
  assert_one_tapping (f, f->calls[2], "RETURN", "CONSENT", "Ask for an explicit yes before closing.");
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM tappings", -1, NULL), ==, 3);
  g_assert_cmpint (current_id (f), ==, f->calls[3]);
  g_assert_cmpuint (gtk_single_selection_get_selected (_tam_queue_page_get_selection (f->page)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS - 3);
  counts = tam_queue_model_get_state_counts (model);
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 2);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 2);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  g_assert_nonnull (strstr (_tam_queue_page_get_last_toast (f->page), "MYCX-0003"));
  g_assert_null (_tam_queue_page_get_banner (f->page));
  /* The 4th call is ours now, the returned one is not claimed any more. */
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT claimed_by FROM calls WHERE call_id = 'MYCX-0004'", 0, NULL),
                   ==, f->qco->person_id);

  /* Three verdicts, three toasts: only the latest is alive (issue 12: an
   * old toast must not come back from the overlay's queue). */
  g_assert_cmpuint (_tam_queue_page_get_toasts_alive (f->page), ==, 1);
  /* Issue 12, point 5: my tappings of today against the daily target. */
  g_assert_cmpstr (gtk_label_get_text (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "today_label")), ==,
                   "Today: 3 / 150");
  /* Ctrl+Z: the return is undone, the call is back and selected. */
  state3 = call_state (f, f->calls[2]);
  g_assert_cmpstr (state3, ==, "RETURNED");
  activate (f, "queue.undo");
  state3_after = call_state (f, f->calls[2]);
  g_assert_cmpstr (state3_after, ==, "PENDING");
  g_assert_cmpint (current_id (f), ==, f->calls[2]);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS - 2);
  g_assert_cmpint (tam_queue_model_get_state_counts (model)[TAM_STATE_RETURNED], ==, 0);
  g_assert_nonnull (strstr (_tam_queue_page_get_last_toast (f->page), "MYCX-0003"));
  h3 = history (f, f->calls[2]);
  g_assert_cmpuint (h3->len, ==, 1);
  g_assert_true (((TamTappingRecord *) g_ptr_array_index (h3, 0))->undone);
  /* The model's local edits agree with the database. */
  g_assert_cmpint (tam_queue_count (f->store, f->qco, NULL, NULL), ==, N_CALLS - 2);
  for (guint i = 0; i < N_CALLS - 2; i++)
    {
      g_autoptr (TamQueueItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpint (tam_queue_item_get_id (item), ==, f->calls[i + 2]);
    }

  g_assert_cmpuint (_tam_queue_page_get_toasts_alive (f->page), ==, 1);
  g_assert_true (g_str_has_prefix (_tam_queue_page_get_last_toast (f->page), "Verdict on call"));
  g_assert_cmpstr (gtk_label_get_text (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "today_label")), ==,
                   "Today: 2 / 150");
  /* A second Ctrl+Z has nothing left to undo, and says so. */
  activate (f, "queue.undo");
  g_assert_nonnull (_tam_queue_page_get_banner (f->page));
}

/* VALID with a critical parameter unticked, RETURN without a failed
 * parameter or a recommendation: each refused with a message. */
static void
test_refusals (Fixture *f,
               gconstpointer data)
{
  open_page (f, f->qco);

  g_assert_true (_tam_queue_page_set_parameter_met (f->page, "IDENTITY", FALSE));
  activate (f, "queue.valid");
  g_assert_nonnull (_tam_queue_page_get_banner (f->page));
  g_assert_cmpint (current_id (f), ==, f->calls[0]);

  g_assert_true (_tam_queue_page_set_parameter_met (f->page, "IDENTITY", TRUE));
  activate (f, "queue.return");
  activate (f, "queue.confirm-return");
  g_assert_nonnull (strstr (_tam_queue_page_get_banner (f->page), "at least one"));

  g_assert_true (_tam_queue_page_set_parameter_met (f->page, "CLOSING", FALSE));
  activate (f, "queue.confirm-return");
  g_assert_nonnull (strstr (_tam_queue_page_get_banner (f->page), "recommendation"));

  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM tappings", -1, NULL), ==, 0);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);

  /* A non-critical parameter not met still allows VALID, and is kept. */
  activate (f, "queue.cancel-return");
  activate (f, "queue.valid");
  g_assert_null (_tam_queue_page_get_banner (f->page));
  assert_one_tapping (f, f->calls[0], "VALID", "CLOSING", NULL);
}

/* Another QCO holds the first call: our verdict is refused, by name. */
static void
test_claimed_elsewhere (Fixture *f,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *claim_label;
  const char *banner;

  g_assert_true (tam_call_claim (f->store, f->qco2, f->calls[0], &error));
  g_assert_no_error (error);

  open_page (f, f->qco);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  claim_label = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "claim_label");
  g_assert_true (gtk_widget_get_visible (claim_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (claim_label)), "Wati Suryani"));

  activate (f, "queue.valid");
  banner = _tam_queue_page_get_banner (f->page);
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (banner, "Wati Suryani"));
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM tappings", -1, NULL), ==, 0);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);

  /* J: on to the next call, which is free. */
  activate (f, "queue.next");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_false (gtk_widget_get_visible (claim_label));
  activate (f, "queue.valid");
  assert_one_tapping (f, f->calls[1], "VALID", NULL, NULL);
  /* Wati's claim is untouched. */
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT claimed_by FROM calls WHERE call_id = 'MYCX-0001'", 0, NULL),
                   ==, f->qco2->person_id);
}

/* J/K move, the recording is found or clearly missing. */
static void
test_move_and_recording (Fixture *f,
                         gconstpointer data)
{
  TamRecordingPlayer *player;
  g_autofree char *missing = NULL;
  g_autofree char *expected = NULL;

  missing = g_build_filename (f->recordings, "vr-0002.wav", NULL);
  g_assert_cmpint (g_remove (missing), ==, 0);
  open_page (f, f->qco);
  player = _tam_queue_page_get_player (f->page);

  g_assert_null (tam_recording_player_get_message (player));
  g_assert_nonnull (tam_recording_player_get_stream (player));
  g_assert_true (g_str_has_suffix (tam_recording_player_get_path (player), "vr-0001.wav"));
  /* ] and [: the speed, kept for the next calls. */
  activate (f, "queue.faster");
  activate (f, "queue.faster");
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 1.5);
  activate (f, "queue.slower");
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 1.25);

  activate (f, "queue.next");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 1.25);
  expected = g_strdup_printf ("Recording not found: %s", missing);
  g_assert_cmpstr (tam_recording_player_get_message (player), ==, expected);
  g_assert_null (tam_recording_player_get_stream (player));
  /* Space with nothing to play is harmless. */
  activate (f, "queue.play");

  activate (f, "queue.next");
  activate (f, "queue.next");
  g_assert_cmpint (current_id (f), ==, f->calls[3]);
  activate (f, "queue.previous");
  g_assert_cmpint (current_id (f), ==, f->calls[2]);
  /* Moving on released the claims left behind. */
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM calls WHERE claimed_by IS NOT NULL", -1, NULL),
                   ==, 1);

  /* A heard recording: VALID. */
  activate (f, "queue.valid");
  assert_one_tapping (f, f->calls[2], "VALID", NULL, NULL);
}

/* Sends @keyval to the page as the keyboard would reach it first: its
 * capture-phase key controller (the page's own keys while the list has the
 * focus). TRUE when the page took the key. */
static gboolean
press_captured (Fixture *f,
                guint keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (c)) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  settle (f);
  return handled;
}

/* The call of the list row that has the keyboard focus, 0 for none. */
static gint64
focused_row_id (Fixture *f)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_first_child (w))
    if (TAM_IS_QUEUE_ROW (w))
      return tam_queue_row_get_id (TAM_QUEUE_ROW (w));
  return 0;
}

/* Issue 12, point 3: Down and Up in the list move exactly one call from
 * the loaded one, and the focus ring stays on it. */
static void
test_down_moves_one (Fixture *f,
                     gconstpointer data)
{
  GtkWidget *list;

  open_page (f, f->qco);
  list = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "list_view");
  g_assert_true (gtk_widget_grab_focus (list));
  spin ();
  g_assert_cmpint (current_id (f), ==, f->calls[0]);

  g_assert_true (press_captured (f, GDK_KEY_Down));
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_cmpint (focused_row_id (f), ==, f->calls[1]);
  g_assert_true (press_captured (f, GDK_KEY_Down));
  g_assert_true (press_captured (f, GDK_KEY_Down));
  g_assert_cmpint (current_id (f), ==, f->calls[3]);
  g_assert_true (press_captured (f, GDK_KEY_Up));
  g_assert_cmpint (current_id (f), ==, f->calls[2]);
  g_assert_cmpint (focused_row_id (f), ==, f->calls[2]);
  /* J and K: the same, through the page's bindings. */
  activate (f, "queue.next");
  g_assert_cmpint (current_id (f), ==, f->calls[3]);
  g_assert_cmpint (focused_row_id (f), ==, f->calls[3]);
}

static guint
count_key_hints (GtkWidget *widget)
{
  guint n = gtk_widget_has_css_class (widget, "tam-key-hint") ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_key_hints (c);
  return n;
}

/* Issue 12, point 2: number keys tick and untick, the warning goes at
 * once, the next call opens at the top of its pane. */
static void
test_number_keys (Fixture *f,
                  gconstpointer data)
{
  GtkScrolledWindow *scroller;
  GtkAdjustment *adj;
  g_autofree char *state = NULL;

  open_page_sized (f, f->qco, 1024, 600);
  scroller = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "detail_scroller");
  adj = gtk_scrolled_window_get_vadjustment (scroller);
  /* 6 parameters and the built-in box, each with its key. */
  g_assert_cmpuint (count_key_hints (GTK_WIDGET (f->page)), ==, 7);

  /* R, Ctrl+Enter with every box ticked: the warning... */
  activate (f, "queue.return");
  _tam_queue_page_set_recommendation (f->page, "Ulangi konfirmasi");
  activate (f, "queue.confirm-return");
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  g_assert_nonnull (_tam_queue_page_get_banner (f->page));
  g_assert_true (gtk_widget_get_visible (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "return_hint_label")));
  /* ...goes as soon as 3 unticks the third parameter. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "queue.toggle-parameter", "u", 3));
  settle (f);
  g_assert_null (_tam_queue_page_get_banner (f->page));
  g_assert_false (gtk_widget_get_visible (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "return_hint_label")));
  /* 3 again ticks it, 4 unticks the fourth. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "queue.toggle-parameter", "u", 3));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "queue.toggle-parameter", "u", 4));
  settle (f);

  /* The pane scrolled down (the return footer), then Ctrl+Enter: the
   * next call opens at the top. */
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), >, 0);
  activate (f, "queue.confirm-return");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  state = call_state (f, f->calls[0]);
  g_assert_cmpstr (state, ==, "RETURNED");
  {
    g_autoptr (GPtrArray) h = history (f, f->calls[0]);
    TamTappingRecord *r = g_ptr_array_index (h, 0);
    g_assert_cmpuint (g_strv_length (r->failed_codes), ==, 1);
  }
  spin ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adj), ==, 0);
}

/* Issue 12, point 1: no VALID on a call whose recording did not open; R
 * returns it with the built-in reason, no recommendation needed. */
static void
test_valid_needs_recording (Fixture *f,
                            gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->recordings, "vr-0002.wav", NULL);
  g_autofree char *state = NULL;
  g_autoptr (GPtrArray) h = NULL;
  TamTappingRecord *r;

  g_assert_cmpint (g_remove (missing), ==, 0);
  open_page (f, f->qco);
  activate (f, "queue.next");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_nonnull (tam_recording_player_get_message (_tam_queue_page_get_player (f->page)));

  /* V, even with the built-in box ticked again by hand: refused. */
  g_assert_true (_tam_queue_page_set_parameter_met (f->page, TAM_REASON_RECORDING, TRUE));
  activate (f, "queue.valid");
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_nonnull (strstr (_tam_queue_page_get_banner (f->page), "did not open"));
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM tappings", -1, NULL), ==, 0);

  /* R, Ctrl+Enter: returned with the reason; the note is the reason. */
  activate (f, "queue.return");
  activate (f, "queue.confirm-return");
  g_assert_cmpint (current_id (f), ==, f->calls[2]);
  state = call_state (f, f->calls[1]);
  g_assert_cmpstr (state, ==, "RETURNED");
  h = history (f, f->calls[1]);
  g_assert_cmpuint (h->len, ==, 1);
  r = g_ptr_array_index (h, 0);
  g_assert_cmpstr (r->verdict, ==, "RETURN");
  g_assert_cmpstr (r->reason, ==, TAM_REASON_RECORDING);
  g_assert_cmpstr (r->failed_codes[0], ==, TAM_REASON_RECORDING);
  g_assert_cmpstr (r->failed_texts[0], ==, "Recording missing / unplayable");
  g_assert_cmpstr (r->text, ==, "Recording missing / unplayable");
}

/* Filters rebuild the list; the counts follow the filter. */
static void
test_filters (Fixture *f,
              gconstpointer data)
{
  TamQueueModel *model;
  GtkWidget *agent_dropdown, *state_dropdown, *from_entry;

  open_page (f, f->qco);
  model = _tam_queue_page_get_model (f->page);
  activate (f, "queue.valid"); /* MYCX-0001 VALID */

  state_dropdown = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "state_dropdown");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state_dropdown), 4); /* Valid */
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state_dropdown), 1); /* Pending */
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS - 1);
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state_dropdown), 0); /* Waiting */
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS - 1);

  /* Agent: Euis has calls 2 and 4. */
  agent_dropdown = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "agent_dropdown");
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (agent_dropdown))); i++)
    {
      g_autoptr (GtkStringObject) s = g_list_model_get_item (gtk_drop_down_get_model (GTK_DROP_DOWN (agent_dropdown)), i);
      if (strstr (gtk_string_object_get_string (s), "Euis") != NULL)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (agent_dropdown), i);
    }
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpint (current_id (f), ==, f->calls[1]);
  g_assert_cmpint (tam_queue_model_get_state_counts (model)[TAM_STATE_PENDING], ==, 2);

  /* Dates: a half-typed date changes nothing; a whole one filters. */
  from_entry = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "from_entry");
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "2026-10-0");
  settle (f);
  g_assert_true (gtk_widget_has_css_class (from_entry, "error"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "05/10/2026");
  settle (f);
  g_assert_false (gtk_widget_has_css_class (from_entry, "error"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (from_entry), "2026-10-06");
  settle (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (_tam_queue_page_get_current (f->page));
}

/* A team leader records the re-call of a returned call of their team. */
static AdwMessageDialog *
find_message (void)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
test_recall (Fixture *f,
             gconstpointer data)
{
  const char *failed[] = { "CONSENT", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) toplevels = NULL;
  g_autofree char *state = NULL;
  GtkWidget *state_dropdown;
  AdwMessageDialog *dialog = NULL;

  g_assert_true (tam_call_claim (f->store, f->qco, f->calls[0], &error));
  g_assert_true (tam_call_decide (f->store, f->qco, f->calls[0], "RETURN", failed,
                                  "Ask for consent.", NULL, &error));
  g_assert_no_error (error);

  /* Returned ten days ago. */
  g_assert_cmpint (sqlite3_exec (tam_store_get_db (f->store),
                                 "UPDATE tappings SET tapped_at = datetime ('now', 'localtime', '-10 days')",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);

  /* Issue 12, points 6 and 7: a TL lands on their team's returns, sees
   * how long each has waited and what failed. */
  open_page (f, f->tl);
  state_dropdown = tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "state_dropdown");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (state_dropdown)), ==, TAM_CALL_STATE_RETURNED);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  g_assert_cmpint (tam_call_days_since_returned (_tam_queue_page_get_current (f->page)), ==, 10);
  g_assert_false (_tam_queue_page_get_parameter_met (f->page, "CONSENT"));
  g_assert_true (_tam_queue_page_get_parameter_met (f->page, "GREETING"));
  g_assert_true (gtk_widget_get_visible (tam_test_child (f->page, TAM_TYPE_QUEUE_PAGE, "recall_button")));

  /* A TL may not give verdicts: refused by the core, with a message. */
  activate (f, "queue.valid");
  g_assert_nonnull (_tam_queue_page_get_banner (f->page));

  activate (f, "queue.recall");
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  /* Issue 12, point 8: the chooser opens in the recordings folder. */
  {
#ifndef __SANITIZE_ADDRESS__
    g_autoptr (GtkFileChooserNative) chooser = _tam_queue_page_recall_chooser_new (f->page, NULL);
    g_assert_cmpstr (g_object_get_data (G_OBJECT (chooser), "tam-folder"), ==, f->recordings);
#else
    /* GTK's file chooser loads libcloudproviders, whose D-Bus set-up in a
     * GIO worker thread LeakSanitizer reports (no frame of ours to tell it
     * by): under ASan, only the folder the chooser is given. */
    g_autofree char *folder = _tam_queue_page_recordings_folder (f->page);
    g_assert_cmpstr (folder, ==, f->recordings);
#endif
    g_assert_nonnull (g_object_get_data (G_OBJECT (dialog), "choose"));
  }
  /* A file that is not there: the dialog comes back with what was typed
   * and why; nothing is stored. */
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "recording"), "tidak-ada.wav");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "note"), "Customer said yes clearly.");
  adw_message_dialog_response (dialog, "record");
  settle (f);
  state = call_state (f, f->calls[0]);
  g_assert_cmpstr (state, ==, "RETURNED");
  g_clear_pointer (&state, g_free);
  dialog = find_message ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "recording")), ==, "tidak-ada.wav");
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "note")), ==, "Customer said yes clearly.");
  g_assert_nonnull (strstr (gtk_label_get_text (g_object_get_data (G_OBJECT (dialog), "problem")), "not found"));

  /* The real one, given as a path in the folder: stored relative to it. */
  {
    g_autofree char *wav = g_build_filename (f->recordings, "vr-0001-2.wav", NULL);
    tam_test_write_wav (wav, 1.0);
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "recording"), wav);
  }
  adw_message_dialog_response (dialog, "record");
  settle (f);

  state = call_state (f, f->calls[0]);
  g_assert_cmpstr (state, ==, "RECALLED");
  g_clear_pointer (&state, g_free);
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM recalls WHERE recording = 'vr-0001-2.wav'", -1, NULL), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_tam_queue_page_get_model (f->page))), ==, 0);
  g_assert_nonnull (strstr (_tam_queue_page_get_last_toast (f->page), "MYCX-0001"));

  /* The toast's Undo: the call is returned again, the re-call gone. */
  activate (f, "queue.undo-recall");
  state = call_state (f, f->calls[0]);
  g_assert_cmpstr (state, ==, "RETURNED");
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM recalls", -1, NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (_tam_queue_page_get_model (f->page))), ==, 1);
  g_assert_cmpint (current_id (f), ==, f->calls[0]);
  {
    g_autoptr (GString) report = g_string_new (NULL);
    gboolean ok = tam_check (f->store, report, &error);
    g_assert_no_error (error);
    g_assert_true (ok);
  }
}

/* Import Calls runs as a job on the page, Report F-18 as a job in the
 * report dialog (worker thread, own store). */
static void
test_import_and_report (Fixture *f,
                        gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "calls.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "F-18-2026-10.xlsx", NULL);
  AdwMessageDialog *message;
  TamReportDialog *dialog;
  TamQueueModel *model;
  GStatBuf st;

  g_assert_true (g_file_set_contents (csv,
                                      "call_id,agent_nik,service,call_start,result,customer_number,product,recording\n"
                                      "MYCX-0101,10000001,ADDON_CONSUMER,2026-10-07 09:00:00,AGREE,081298765432,Minipack,vr-0101.wav\n"
                                      "MYCX-0102,10000002,ADDON_CONSUMER,07/10/2026 10:15,AGREE,081298765433,Minipack,vr-0102.wav\n"
                                      "MYCX-0103,10000002,ADDON_CONSUMER,2026-10-07 11:00:00,DECLINE,081298765434,,\n",
                                      -1, NULL));

  open_page (f, f->qco);
  model = _tam_queue_page_get_model (f->page);
  activate (f, "queue.valid"); /* one tapping for the report */

  _tam_queue_page_import (f->page, csv);
  g_assert_true (_tam_queue_page_get_job_running (f->page));
  while (_tam_queue_page_get_job_running (f->page) || (message = find_message ()) == NULL)
    g_main_context_iteration (NULL, TRUE);
  settle (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (message), ==, "Calls imported");
  adw_message_dialog_response (message, "close");
  settle (f);
  /* The two AGREE calls joined the queue, oldest first. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CALLS - 1 + 2);
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM calls WHERE call_id LIKE 'MYCX-01%'", -1, NULL), ==, 3);

  /* Report F-18 from the Queue tab's Reports menu: the report dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "queue.report", "s", "f18"));
  settle (f);
  dialog = TAM_REPORT_DIALOG (tam_test_find_window (TAM_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (tam_report_dialog_get_code (dialog), ==, "f18");
  tam_test_report_type (dialog, "2026-10", xlsx);
  g_assert_true (tam_report_dialog_get_running (dialog));
  tam_test_spin_until (!tam_report_dialog_get_running (dialog));
  settle (f);
  g_assert_null (_tam_queue_page_get_banner (f->page));
  g_assert_nonnull (strstr (tam_report_dialog_get_message (dialog), "F-18"));
  g_assert_nonnull (strstr (tam_report_dialog_get_message (dialog), xlsx));
  g_assert_cmpint (g_stat (xlsx, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);
  gtk_window_close (GTK_WINDOW (dialog));
  settle (f);

  /* The Reports menu's W-03 item asks for the month of W-03. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "queue.report", "s", "w03"));
  settle (f);
  dialog = TAM_REPORT_DIALOG (tam_test_find_window (TAM_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Report W-03");
  gtk_window_close (GTK_WINDOW (dialog));
  settle (f);
}

/* The shortcuts the window lists are the ones bound to the actions. */
static void
test_shortcuts (Fixture *f,
                gconstpointer data)
{
  static const struct
  {
    const char *trigger;
    const char *action;
  } expected[] = {
    { "j", "queue.next" },
    { "Down", "queue.next" },
    { "k", "queue.previous" },
    { "Up", "queue.previous" },
    { "space", "queue.play" },
    { "Left", "queue.seek-back" },
    { "Right", "queue.seek-forward" },
    { "bracketright", "queue.faster" },
    { "bracketleft", "queue.slower" },
    { "v", "queue.valid" },
    { "r", "queue.return" },
    { "<Control>Return", "queue.confirm-return" },
    { "<Control>z", "queue.undo" },
    { "<Control>f", "queue.focus-filter" },
    { "1", "queue.toggle-parameter" },
    { "9", "queue.toggle-parameter" },
    { "<Control>5", "queue.toggle-parameter" },
  };
  g_autoptr (GListModel) controllers = NULL;
  guint found = 0;

  open_page (f, f->qco);
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr (GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (s));
          GtkShortcutAction *action = gtk_shortcut_get_action (s);

          if (!GTK_IS_NAMED_ACTION (action))
            continue;
          for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
            if (g_str_equal (trigger, expected[k].trigger) &&
                g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), expected[k].action))
              found++;
        }
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
}

/* The model on its own: length from the counts, rows far down fetched by
 * block, at most a few blocks kept. */
static void
test_model_paging (Fixture *f,
                   gconstpointer data)
{
  const guint n = 2345;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamQueueModel) model = NULL;
  gint64 agent = tam_store_query_int (f->store, "SELECT id FROM people WHERE nik = '10000001'", 0, NULL);
  guint positions[] = { 0, 1, 199, 200, 1234, 2000, n + N_CALLS - 1, 401, 3 };

  /* Later ids get earlier times, and many share a time: the order is
   * (call_start, id), which paging must keep across blocks. */
  g_assert_true (tam_store_begin (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      guint t = (n - i) / 3;
      g_autofree char *id = g_strdup_printf ("BULK-%05u", i);
      g_autofree char *start = g_strdup_printf ("2026-09-%02u %02u:%02u:00", 1 + t / 100, (t / 60) % 24, t % 60);
      tam_test_insert_call (f->store, id, agent, start, "");
    }
  g_assert_true (tam_store_commit (f->store, &error));

  model = tam_queue_model_new (f->store, f->qco);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (tam_queue_model_set_filter (model, NULL, &error));
  g_assert_no_error (error);
  /* The first block at once, the length when the worker has counted. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, TAM_QUEUE_MODEL_BLOCK);
  g_assert_cmpuint (tam_queue_model_get_n_fetches (model), ==, 1);
  wait_counted (model);
  g_assert_true (tam_queue_model_get_counts_ready (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + N_CALLS);
  g_assert_cmpint (tam_queue_model_get_state_counts (model)[TAM_STATE_PENDING], ==, n + N_CALLS);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr (GPtrArray) expected = tam_queue_fetch (f->store, f->qco, NULL, positions[i], 1, &error);
      g_autoptr (TamQueueItem) item = g_list_model_get_item (G_LIST_MODEL (model), positions[i]);

      g_assert_no_error (error);
      g_assert_cmpuint (expected->len, ==, 1);
      g_assert_cmpint (tam_queue_item_get_id (item), ==, ((TamCall *) g_ptr_array_index (expected, 0))->id);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n + N_CALLS));
  /* 0, 1, 199 share the first block; 3 was still cached. */
  g_assert_cmpuint (tam_queue_model_get_n_fetches (model), ==, 6);

  /* Walking the whole list gives every call once, in queue order, and
   * keeps only a few blocks. */
  {
    g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr (GPtrArray) all = tam_queue_fetch (f->store, f->qco, NULL, 0, n + N_CALLS, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < n + N_CALLS; i++)
      {
        g_autoptr (TamQueueItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
        const TamCall *call = tam_queue_item_get_call (item);

        g_assert_nonnull (call);
        g_assert_cmpint (call->id, ==, ((TamCall *) g_ptr_array_index (all, i))->id);
        g_assert_false (g_hash_table_contains (seen, &call->id));
        g_hash_table_add (seen, (gpointer) &call->id);
      }
  }
  g_assert_cmpuint (tam_queue_model_get_n_cached_blocks (model), <=, TAM_QUEUE_MODEL_MAX_BLOCKS);
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/queue/tap-three", test_tap_three);
  ADD ("/ui/queue/refusals", test_refusals);
  ADD ("/ui/queue/claimed-elsewhere", test_claimed_elsewhere);
  ADD ("/ui/queue/move-and-recording", test_move_and_recording);
  ADD ("/ui/queue/valid-needs-recording", test_valid_needs_recording);
  ADD ("/ui/queue/down-moves-one", test_down_moves_one);
  ADD ("/ui/queue/number-keys", test_number_keys);
  ADD ("/ui/queue/filters", test_filters);
  ADD ("/ui/queue/recall", test_recall);
  ADD ("/ui/queue/shortcuts", test_shortcuts);
  ADD ("/ui/queue/import-and-report", test_import_and_report);
  ADD ("/ui/queue/model-paging", test_model_paging);
#undef ADD

  return g_test_run ();
}
