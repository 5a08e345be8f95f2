/* Helpers for the window tests: a temporary database, main-loop spinning,
 * widget lookup. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "tam-save.h"
#include "tam-test-ui.h"

static TamPerson *
make_person (const char *nik,
             const char *name,
             const char *role,
             const char *site,
             const char *service,
             gint64 team_leader_id,
             const char *status,
             const char *hired_on,
             const char *contract_end)
{
  TamPerson *p = tam_person_new ();

  p->nik = g_strdup (nik);
  p->name = g_strdup (name);
  p->role = g_strdup (role);
  p->site = g_strdup (site);
  p->service = g_strdup (service);
  p->team_leader_id = team_leader_id;
  p->status = g_strdup (status);
  p->hired_on = g_strdup (hired_on);
  p->contract_end = g_strdup (contract_end);
  return p;
}

static gint64
add_person (TamTestDb *db,
            const char *nik,
            const char *name,
            const char *role,
            const char *site,
            const char *service,
            gint64 team_leader_id,
            const char *status,
            const char *contract_end)
{
  g_autoptr (TamPerson) p = make_person (nik, name, role, site, service, team_leader_id, status,
                                         "2024-01-15", contract_end);
  g_autoptr (GError) error = NULL;
  g_autofree char *field = NULL;

  if (!tam_people_save (db->store, db->admin, p, &field, &error))
    g_error ("fixture: cannot add %s (%s): %s", nik, field ? field : "-", error->message);
  return p->id;
}

static void
add_user (TamTestDb *db,
          const char *nik)
{
  g_autoptr (GError) error = NULL;

  if (!tam_auth_set_password (db->store, db->admin, nik, TAM_TEST_PASSWORD, &error))
    g_error ("fixture: cannot set the password of %s: %s", nik, error->message);
}

gint64
tam_test_insert_call (TamStore *store,
                      const char *call_id,
                      gint64 agent_id,
                      const char *call_start,
                      const char *recording)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *month = g_strndup (call_start, 7);

  stmt = tam_store_prepare (store,
                            "INSERT INTO calls (call_id, agent_id, site, service, call_start, month, result,"
                            " customer_number, product, recording, state)"
                            " VALUES (?, ?, 'BANDUNG', 'ADDON_CONSUMER', ?, ?, 'AGREE', '081234567890', 'Minipack HBO', ?, 'PENDING')",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, agent_id);
  sqlite3_bind_text (stmt, 3, call_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, recording, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return sqlite3_last_insert_rowid (tam_store_get_db (store));
}

/* A mono 16-bit PCM WAV at 8 kHz: a 440 Hz tone of @seconds. */
void
tam_test_write_wav (const char *path,
                    double seconds)
{
  const guint32 rate = 8000;
  guint32 n = (guint32) (rate * seconds);
  g_autoptr (GByteArray) wav = g_byte_array_new ();
  guint32 u32;
  guint16 u16;

#define PUT32(v) (u32 = GUINT32_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u32, 4))
#define PUT16(v) (u16 = GUINT16_TO_LE (v), g_byte_array_append (wav, (guint8 *) &u16, 2))
  g_byte_array_append (wav, (const guint8 *) "RIFF", 4);
  PUT32 (36 + n * 2);
  g_byte_array_append (wav, (const guint8 *) "WAVEfmt ", 8);
  PUT32 (16);
  PUT16 (1); /* PCM */
  PUT16 (1); /* mono */
  PUT32 (rate);
  PUT32 (rate * 2); /* bytes per second */
  PUT16 (2);        /* bytes per frame */
  PUT16 (16);
  g_byte_array_append (wav, (const guint8 *) "data", 4);
  PUT32 (n * 2);
  for (guint32 i = 0; i < n; i++)
    PUT16 ((guint16) (gint16) (8000.0 * sin (2 * G_PI * 440.0 * i / rate)));
#undef PUT32
#undef PUT16
  g_assert_true (g_file_set_contents (path, (const char *) wav->data, wav->len, NULL));
}

char *
tam_test_date_from_today (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

TamTestDb *
tam_test_db_new (guint n_extra)
{
  TamTestDb *db = g_new0 (TamTestDb, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *soon = tam_test_date_from_today (10);
  g_autofree char *later = tam_test_date_from_today (200);
  static const char *const first[] = {
    "Agus",
    "Budi",
    "Citra",
    "Dewi",
    "Eka",
    "Fajar",
    "Gita",
    "Hendra",
    "Indah",
    "Joko",
    "Kartika",
    "Lukman",
    "Mega",
    "Nur",
    "Oki",
    "Putri",
    "Rudi",
    "Sari",
    "Teguh",
    "Wulan",
  };
  static const char *const last[] = {
    "Santoso",
    "Lestari",
    "Pratama",
    "Wijaya",
    "Hidayat",
    "Saputra",
    "Rahayu",
    "Kusuma",
    "Nugroho",
    "Siregar",
    "Harahap",
    "Simanjuntak",
    "Setiawan",
    "Permata",
    "Utami",
  };

  db->dir = g_dir_make_tmp ("tam-ui-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "tam.db", NULL);
  db->store = tam_store_create (db->path, &error);
  g_assert_no_error (error);
  /* Not a real account: the core only reads its role and NIK. */
  db->admin = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);

  add_person (db, "SPV-001", "Siti Rahayu", "SUPERVISOR_OPS", "BANDUNG", NULL, 0, "ACTIVE", NULL);
  db->tl1_id = add_person (db, "TL-001", "Budi Santoso", "TEAM_LEADER", "BANDUNG", "ADDON_CONSUMER", 0,
                           "ACTIVE", NULL);
  db->tl2_id = add_person (db, "TL-002", "Dewi Lestari", "TEAM_LEADER", "TANGERANG", "WIFI_DIGITAL", 0,
                           "ACTIVE", NULL);
  add_person (db, "QCO-001", "Wulan Dari", "QCO", "BANDUNG", NULL, 0, "ACTIVE", NULL);
  db->ag1_id = add_person (db, "AG-001", "Agus Pratama", "AGENT", "BANDUNG", "ADDON_CONSUMER", db->tl1_id,
                           "ACTIVE", soon);
  db->ag2_id = add_person (db, "AG-002", "Rina Wati", "AGENT", "BANDUNG", "ADDON_CONSUMER", db->tl1_id,
                           "ACTIVE", later);
  db->ag3_id = add_person (db, "AG-003", "Joko Susilo", "AGENT", "TANGERANG", "WIFI_DIGITAL", db->tl2_id,
                           "ACTIVE", NULL);
  add_person (db, "AG-004", "Maya Sari", "AGENT", "TANGERANG", "WIFI_DIGITAL", db->tl2_id,
              "RESIGNED", NULL);

  if (n_extra > 0)
    {
      g_assert_true (tam_store_begin (db->store, NULL));
      for (guint i = 0; i < n_extra; i++)
        {
          g_autofree char *nik = g_strdup_printf ("X%05u", i);
          g_autofree char *name = g_strdup_printf ("%s %s %u", first[i % G_N_ELEMENTS (first)],
                                                   last[(i / G_N_ELEMENTS (first)) % G_N_ELEMENTS (last)], i);
          add_person (db, nik, name, "AGENT", i % 2 ? "BANDUNG" : "TANGERANG",
                      i % 2 ? "ADDON_CONSUMER" : "WIFI_DIGITAL", i % 2 ? db->tl1_id : db->tl2_id,
                      i % 7 ? "ACTIVE" : "TRAINING", NULL);
        }
      g_assert_true (tam_store_commit (db->store, NULL));
    }

  add_user (db, "SPV-001");
  add_user (db, "TL-001");
  add_user (db, "TL-002");
  add_user (db, "QCO-001");
  return db;
}

void
tam_test_db_free (TamTestDb *db)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_object (&db->store);
  tam_session_free (db->admin);
  dir = g_dir_open (db->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (db->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (db->dir);
  g_free (db->path);
  g_free (db->dir);
  g_free (db);
}

gboolean
tam_test_flag_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

void
tam_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
tam_test_press (GtkWidget *widget,
                guint keyval,
                GdkModifierType mods)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr (GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), key))
            {
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget, gtk_shortcut_get_arguments (shortcut));
              tam_test_flush ();
              return;
            }
        }
    }
  g_error ("no key binding for %s", gdk_keyval_name (keyval));
}

static void
painted_cb (GdkFrameClock *clock,
            gpointer flag)
{
  *(gboolean *) flag = TRUE;
}

void
tam_test_wait_painted (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);

  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

double
tam_test_ms_since (gint64 t0)
{
  return (g_get_monotonic_time () - t0) / 1000.0;
}

int
tam_test_cmp_double (gconstpointer a,
                     gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

void
tam_test_wait_saves (void)
{
  tam_test_spin_until (_tam_save_get_pending () == 0);
  tam_test_flush ();
}

GtkWindow *
tam_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

GtkWidget *
tam_test_find_child (GtkWidget *root,
                     GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = tam_test_find_child (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

void
tam_test_message_click (AdwMessageDialog *dialog,
                        const char *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  if (button == NULL)
    g_error ("no “%s” button in the dialog “%s”", label, adw_message_dialog_get_heading (dialog));
  g_signal_emit_by_name (button, "clicked");
  tam_test_flush ();
}

void
tam_test_report_type (TamReportDialog *dialog,
                      const char *month,
                      const char *path)
{
  GtkWidget *month_row = tam_test_child (dialog, TAM_TYPE_REPORT_DIALOG, "month_row");
  GtkWidget *file_row = tam_test_child (dialog, TAM_TYPE_REPORT_DIALOG, "file_row");
  GtkWidget *text;

  gtk_editable_set_text (GTK_EDITABLE (month_row), month);
  gtk_editable_set_text (GTK_EDITABLE (file_row), path);
  /* Enter in the row's text is its "activate" key binding; the row's
   * "entry-activated" writes the report. */
  text = tam_test_find_child (file_row, GTK_TYPE_TEXT);
  g_assert_nonnull (text);
  g_signal_emit_by_name (text, "activate");
}

void
tam_test_close_all (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  tam_test_flush ();
}

void
tam_test_ui_init (void)
{
  adw_init ();
}

gboolean
tam_test_lock_held_elsewhere (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_true (rc == SQLITE_OK || rc == SQLITE_BUSY);
  return rc == SQLITE_BUSY;
}

static void
locker_exited_cb (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  gboolean *done = user_data;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

GSubprocess *
tam_test_hold_lock (const char *path,
                    const char *seconds,
                    gboolean *done)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *script = NULL;
  gint64 start = g_get_monotonic_time ();
  GSubprocess *locker;

  *done = FALSE;
  script = g_strdup_printf ("( echo '.timeout 5000'; echo 'BEGIN IMMEDIATE;';"
                            " echo \"INSERT INTO settings (key, value) VALUES ('busy-test', '1');\";"
                            " sleep %s; echo 'COMMIT;' ) | sqlite3 '%s'",
                            seconds, path);
  locker = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (locker, NULL, locker_exited_cb, done);
  while (!tam_test_lock_held_elsewhere (path))
    {
      g_assert_false (*done);
      g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_TIME_SPAN_SECOND);
      g_usleep (5 * G_TIME_SPAN_MILLISECOND);
      tam_test_flush ();
    }
  return locker;
}
