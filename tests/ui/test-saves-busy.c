/* The dialogs that save one row (a person, an attendance row, an
 * assessment parameter) while another process holds the database's write
 * lock (issue 7): the window keeps drawing, the Save button says it is
 * waiting, a second click sends nothing, and the row is stored exactly
 * once after the lock is released. The lock is held by the sqlite3 shell,
 * a real second process, as in test-queue-busy.c. */
#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>

#include "tam-attendance-dialog.h"
#include "tam-codes.h"
#include "tam-gui-utils.h"
#include "tam-person-dialog.h"
#include "tam-preferences-window.h"
#include "tam-save.h"
#include "tam-store.h"
#include "tam-test-ui.h"

/* A unit test on a shared machine, as test-queue-busy.c. */
#define MAX_FRAME_GAP_US (500 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  TamTestDb *db;
  GtkWidget *window; /* the dialogs' parent, always drawing */
  GSubprocess *locker;
  gboolean locker_done;
  guint n_saved; /* "saved" signals */

  gboolean measuring;
  gint64 last_tick;
  gint64 max_gap;
  gint64 hold_us; /* how long the other process holds the lock */
  guint n_ticks;
} Fixture;

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
  f->db = tam_test_db_new (0);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_widget_add_tick_callback (f->window, tick_cb, f, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  tam_test_flush ();
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
  tam_test_wait_saves ();
  tam_test_close_all ();
  tam_test_db_free (f->db);
}

/* Another process holds the write lock for @seconds (tam-test-ui.h). */
static void
hold_lock (Fixture *f,
           const char *seconds)
{
  f->locker = tam_test_hold_lock (f->db->path, seconds, &f->locker_done);
  f->hold_us = (gint64) (g_ascii_strtod (seconds, NULL) * G_USEC_PER_SEC);
  f->measuring = TRUE;
  f->last_tick = 0;
}

static gint64
count (Fixture *f,
       const char *sql)
{
  return tam_store_query_int (f->db->store, sql, -1, NULL);
}

static void
count_saved_cb (Fixture *f)
{
  f->n_saved++;
}

/* Clicks Save twice while the lock is held; checks the button waits and
 * says so (to a screen reader too) while the other process still holds
 * the lock; then waits for the lock and the save. */
static void
save_while_locked (Fixture *f,
                   GtkWidget *dialog,
                   GtkButton *button)
{
  /* Kept for the checks even if a broken dialog closed early. */
  g_autoptr (GtkButton) save_button = g_object_ref (button);

  g_signal_emit_by_name (save_button, "clicked");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save_button)));
  g_assert_cmpint (tam_save_button_get_state (save_button), !=, TAM_SAVE_IDLE);
  /* A second click (Enter, a double click) sends nothing more. */
  g_signal_emit_by_name (save_button, "clicked");
  g_assert_cmpuint (_tam_save_get_pending (), ==, 1);

  tam_test_spin_until (tam_save_button_get_state (save_button) == TAM_SAVE_WAITING || f->locker_done);
  g_assert_true (tam_save_button_get_state (save_button) == TAM_SAVE_WAITING &&
                 tam_test_lock_held_elsewhere (f->db->path));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (save_button)));
  gtk_test_accessible_assert_property (save_button, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Waiting for another desk…");
  /* Nothing of ours is stored yet; the dialog is still there. */
  g_assert_true (gtk_widget_get_visible (dialog));
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'busy-test'"), ==, 0);

  tam_test_spin_until (f->locker_done);
  tam_test_spin_until (_tam_save_get_pending () == 0);
  f->measuring = FALSE;
  g_test_message ("longest frame gap %.1f ms over %u frames", f->max_gap / 1000.0, f->n_ticks);
  g_assert_cmpuint (f->n_ticks, >, 10);
  /* No gap near the lock's length (a window waiting for the lock would
   * freeze for all of it); a loaded machine's frames come far apart
   * anyway, hence the larger of the limit and half the hold. */
  g_assert_cmpint (f->max_gap, <, MAX (MAX_FRAME_GAP_US, f->hold_us / 2));
  /* The other desk's transaction went first. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM settings WHERE key = 'busy-test'"), ==, 1);
}

static void
test_person (Fixture *f,
             gconstpointer data)
{
  TamPersonDialog *dialog;
  g_autoptr (TamPerson) stored = NULL;

  dialog = tam_person_dialog_new (GTK_WINDOW (f->window), f->db->store, f->db->admin, NULL);
  g_signal_connect_swapped (dialog, "saved", G_CALLBACK (count_saved_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "nik_entry"), "AG-020");
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "name_entry"), "Dian Sastro");
  gtk_drop_down_set_selected (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "site_dropdown"),
                              tam_code_position (tam_sites (), "BANDUNG", FALSE));
  gtk_drop_down_set_selected (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "service_dropdown"),
                              tam_code_position (tam_services (), "ADDON_CONSUMER", TRUE));
  tam_test_flush ();

  hold_lock (f, "2");
  save_while_locked (f, GTK_WIDGET (dialog), tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "save_button"));

  /* Stored once, the dialog closed, "saved" emitted once. */
  g_assert_null (tam_test_find_window (TAM_TYPE_PERSON_DIALOG));
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM people WHERE nik = 'AG-020'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE entity = 'person' AND entity_id = 'AG-020'"),
                   ==, 1);
  stored = tam_people_find_nik (f->db->store, "AG-020", NULL);
  g_assert_cmpstr (stored->name, ==, "Dian Sastro");
}

/* Escape while the save waits: the dialog goes at once; the save, already
 * sent, completes and "saved" still tells the roster. */
static void
test_person_closed_while_waiting (Fixture *f,
                                  gconstpointer data)
{
  TamPersonDialog *dialog;
  GtkButton *save_button;

  dialog = tam_person_dialog_new (GTK_WINDOW (f->window), f->db->store, f->db->admin, NULL);
  g_signal_connect_swapped (dialog, "saved", G_CALLBACK (count_saved_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "nik_entry"), "AG-021");
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "name_entry"), "Eka Putri");
  save_button = tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "save_button");
  tam_test_flush ();

  hold_lock (f, "1.5");
  g_signal_emit_by_name (save_button, "clicked");
  tam_test_spin_until (tam_save_button_get_state (save_button) == TAM_SAVE_WAITING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  tam_test_flush ();
  g_assert_null (tam_test_find_window (TAM_TYPE_PERSON_DIALOG));
  g_assert_cmpuint (_tam_save_get_pending (), ==, 1);
  g_assert_cmpuint (f->n_saved, ==, 0);

  tam_test_wait_saves ();
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM people WHERE nik = 'AG-021'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE entity = 'person' AND entity_id = 'AG-021'"),
                   ==, 1);
}

static void
test_attendance (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (TamSession) spv = tam_session_new (0, "SPV-001", "Siti Rahayu", "SUPERVISOR_OPS", "BANDUNG", NULL);
  TamAttendance row = {
    .person_id = f->db->ag1_id,
    .nik = (char *) "AG-001",
    .name = (char *) "Agus Pratama",
    .date = (char *) "2026-10-06",
    .shift_start = (char *) "08:00",
    .shift_end = (char *) "17:00",
    .status = (char *) "PRESENT",
    .check_in = (char *) "07:55",
  };
  TamAttendanceDialog *dialog;
  gint64 audited = count (f, "SELECT count(*) FROM audit_log WHERE entity = 'attendance'");

  dialog = tam_attendance_dialog_new (GTK_WINDOW (f->window), f->db->store, spv, &row);
  g_signal_connect_swapped (dialog, "saved", G_CALLBACK (count_saved_cb), f);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "note_entry"), "antre lift");
  tam_test_flush ();

  hold_lock (f, "2");
  save_while_locked (f, GTK_WIDGET (dialog), tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "save_button"));

  g_assert_null (tam_test_find_window (TAM_TYPE_ATTENDANCE_DIALOG));
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM attendance WHERE date = '2026-10-06' AND note = 'antre lift'"),
                   ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE entity = 'attendance'"), ==, audited + 1);
}

static void
test_parameter (Fixture *f,
                gconstpointer data)
{
  g_autoptr (TamSession) sq = tam_session_new (0, "SQ-001", "Sari", "SUPERVISOR_QUALITY", "BANDUNG", NULL);
  TamPreferencesWindow *prefs;
  gint64 audited = count (f, "SELECT count(*) FROM audit_log WHERE entity = 'assessment_parameter'");

  prefs = tam_preferences_window_new (GTK_WINDOW (f->window), f->db->path, f->db->store, sq);
  gtk_window_present (GTK_WINDOW (prefs));
  tam_test_flush ();
  g_signal_emit_by_name (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "add_button"), "clicked");
  gtk_editable_set_text (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "code_row"), "UI_BUSY");
  gtk_editable_set_text (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "text_row"), "Saved while busy");

  hold_lock (f, "2");
  save_while_locked (f, GTK_WIDGET (prefs), tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "save_button"));

  /* The editor is back, showing what was stored. */
  g_assert_true (gtk_widget_get_sensitive (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "save_button")));
  g_assert_true (gtk_widget_get_sensitive (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "parameter_list")));
  g_assert_false (gtk_widget_get_visible (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "error_label")));
  g_assert_cmpint (count (f, "SELECT count(*) FROM assessment_parameters WHERE code = 'UI_BUSY'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE entity = 'assessment_parameter'"),
                   ==, audited + 1);
}

int
main (int argc,
      char *argv[])
{
  /* GTK's test accessibility backend, so the button's accessible label
   * can be read back (see test-a11y.c). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/saves-busy/person", test_person);
  ADD ("/ui/saves-busy/person-closed-while-waiting", test_person_closed_while_waiting);
  ADD ("/ui/saves-busy/attendance", test_attendance);
  ADD ("/ui/saves-busy/parameter", test_parameter);
#undef ADD

  return g_test_run ();
}
