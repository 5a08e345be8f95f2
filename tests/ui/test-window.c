/* The main window: store errors, sign-in, tabs, switch user, preferences. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "tam-job.h"
#include "tam-preferences-window.h"
#include "tam-roster-page.h"
#include "tam-sign-in-page.h"
#include "tam-test-ui.h"
#include "tam-window.h"

static TamSignInPage *
sign_in_page (TamWindow *window)
{
  TamSignInPage *page = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (window), TAM_TYPE_SIGN_IN_PAGE));

  g_assert_nonnull (page);
  return page;
}

static const char *
visible_page (TamWindow *window)
{
  GtkStack *stack = tam_test_child (window, TAM_TYPE_WINDOW, "main_stack");
  return gtk_stack_get_visible_child_name (stack);
}

/* Types the NIK and password and presses Enter in the password entry. */
static void
sign_in (TamWindow *window,
         const char *nik,
         const char *password)
{
  TamSignInPage *page = sign_in_page (window);
  GtkEditable *nik_entry = tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry");
  GtkEditable *password_entry = tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "password_entry");

  gtk_editable_set_text (nik_entry, nik);
  gtk_editable_set_text (password_entry, password);
  /* GtkPasswordEntry's "activate" is its own signal. */
  g_signal_emit_by_name (password_entry, "activate");
  tam_test_flush ();
}

static void
test_store_error_not_sqlite (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tam-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TamWindow *window;
  AdwStatusPage *status;

  g_assert_true (g_file_set_contents (path, "nik;name\n123;Budi\n", -1, NULL));
  window = tam_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();

  g_assert_cmpstr (visible_page (window), ==, "error");
  g_assert_null (tam_window_get_store (window));
  status = tam_test_child (window, TAM_TYPE_WINDOW, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "not a TAM Desk database"));
  /* Never modified. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, "nik;name\n123;Budi\n");

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_finalize_object (window);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_store_error_corrupt (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tam-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_len, after_len;
  TamWindow *window;
  AdwStatusPage *status;
  char bytes[8192];

  /* An SQLite header over garbage. */
  memset (bytes, 0xab, sizeof bytes);
  memcpy (bytes, "SQLite format 3", 16);
  g_assert_true (g_file_set_contents (path, bytes, sizeof bytes, NULL));
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  window = tam_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_cmpstr (visible_page (window), ==, "error");
  status = tam_test_child (window, TAM_TYPE_WINDOW, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "damaged"));
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  g_unlink (path);
  g_rmdir (dir);
}

/* A missing file is an error, never a new empty database; the error
 * page's New Database makes one on purpose. */
static void
test_store_error_missing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tam-ui-missing-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "typo.db", NULL);
  g_autoptr (GError) error = NULL;
  TamWindow *window;
  AdwStatusPage *status;

  window = tam_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_cmpstr (visible_page (window), ==, "error");
  status = tam_test_child (window, TAM_TYPE_WINDOW, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "There is no database"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (tam_window_create_database (window, path, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (visible_page (window), ==, "sign-in");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *p = g_strconcat (path, (const char *[]){ "", "-wal", "-shm" }[i], NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
test_store_error_too_new (void)
{
  TamTestDb *db = tam_test_db_new (0);
  g_autofree char *path = g_strdup (db->path);
  TamWindow *window;
  AdwStatusPage *status;
  sqlite3 *raw = NULL;

  g_clear_object (&db->store);
  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  window = tam_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_cmpstr (visible_page (window), ==, "error");
  status = tam_test_child (window, TAM_TYPE_WINDOW, "error_page");
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "newer"));

  /* Choosing a good database from there (what the button's file chooser
   * does) gets to the sign-in. */
  db->store = tam_store_open (path, NULL);
  g_assert_null (db->store); /* still too new */
  {
    TamTestDb *good = tam_test_db_new (0);
    g_autoptr (GError) error = NULL;

    g_assert_true (tam_window_open_database (window, good->path, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (visible_page (window), ==, "sign-in");
    gtk_window_destroy (GTK_WINDOW (window));
    tam_test_flush ();
    tam_test_db_free (good);
  }
  tam_test_db_free (db);
}

static void
test_sign_in (void)
{
  TamTestDb *db = tam_test_db_new (0);
  g_autoptr (GSettings) settings = g_settings_new ("com.infomedia.TAM");
  TamWindow *window;
  TamSignInPage *page;
  GtkLabel *error_label;
  AdwWindowTitle *title;
  GtkStack *pages;

  g_settings_set_string (settings, "last-nik", "");
  window = tam_window_new (NULL, db->path);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_cmpstr (visible_page (window), ==, "sign-in");
  g_assert_null (tam_window_get_session (window));

  /* A wrong password: the message is shown in the page, no session. */
  sign_in (window, "SPV-001", "wrong-password");
  page = sign_in_page (window);
  error_label = tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, "Unknown NIK or wrong password");
  g_assert_cmpstr (visible_page (window), ==, "sign-in");
  g_assert_null (tam_window_get_session (window));

  /* The right one: the desk, with the person and role in the header. */
  sign_in (window, "SPV-001", TAM_TEST_PASSWORD);
  g_assert_cmpstr (visible_page (window), ==, "desk");
  g_assert_nonnull (tam_window_get_session (window));
  g_assert_cmpstr (tam_window_get_session (window)->nik, ==, "SPV-001");
  title = tam_test_child (window, TAM_TYPE_WINDOW, "window_title");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "Siti Rahayu"));
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "Supervisor operational"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_get_visible (tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "no_users_label")));

  /* The NIK is remembered for the next time. */
  {
    g_autofree char *last = g_settings_get_string (settings, "last-nik");
    g_assert_cmpstr (last, ==, "SPV-001");
  }

  /* The tabs. */
  pages = tam_test_child (window, TAM_TYPE_WINDOW, "page_stack");
  g_assert_nonnull (tam_window_get_page (window, "roster"));
  g_assert_nonnull (tam_window_get_page (window, "attendance"));
  g_assert_nonnull (tam_window_get_page (window, "queue"));
  g_assert_true (gtk_stack_get_visible_child (pages) == tam_window_get_page (window, "roster"));

  /* Switch user (main menu): back to the sign-in, the session and its
   * tabs are gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL));
  g_assert_cmpstr (visible_page (window), ==, "sign-in");
  g_assert_null (tam_window_get_session (window));
  g_assert_null (tam_window_get_page (window, "roster"));
  /* The NIK is offered again, the password is empty. */
  {
    GtkEditable *nik_entry = tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry");
    GtkEditable *password_entry = tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "password_entry");

    g_assert_cmpstr (gtk_editable_get_text (nik_entry), ==, "SPV-001");
    g_assert_cmpstr (gtk_editable_get_text (password_entry), ==, "");
  }

  /* Another user: a team leader. */
  sign_in (window, "TL-001", TAM_TEST_PASSWORD);
  g_assert_cmpstr (visible_page (window), ==, "desk");
  g_assert_cmpstr (tam_window_get_session (window)->role, ==, "TEAM_LEADER");
  /* Issue 12: on the queue, which shows their team's returns. */
  g_assert_true (gtk_stack_get_visible_child (pages) == tam_window_get_page (window, "queue"));

  /* A QCO lands on the tapping queue. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL));
  sign_in (window, "QCO-001", TAM_TEST_PASSWORD);
  g_assert_cmpstr (tam_window_get_session (window)->role, ==, "QCO");
  g_assert_true (gtk_stack_get_visible_child (pages) == tam_window_get_page (window, "queue"));

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_finalize_object (window);
  tam_test_db_free (db);
}

static void
test_sign_in_unknown (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamWindow *window = tam_window_new (NULL, db->path);
  GtkLabel *error_label;

  gtk_window_present (GTK_WINDOW (window));
  /* An agent has no desk account; the message does not say which NIKs
   * exist. */
  sign_in (window, "AG-001", TAM_TEST_PASSWORD);
  error_label = tam_test_child (sign_in_page (window), TAM_TYPE_SIGN_IN_PAGE, "error_label");
  g_assert_cmpstr (gtk_label_get_text (error_label), ==, "Unknown NIK or wrong password");
  g_assert_cmpstr (visible_page (window), ==, "sign-in");

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  tam_test_db_free (db);
}

/* A new database: nobody can sign in yet, and the page says how to set
 * up the first account. */
static void
test_sign_in_no_users (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tam-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  TamWindow *window;
  GtkLabel *no_users;

  /* Made by `tamctl init` (the window opens only existing files). */
  g_object_unref (tam_store_create (path, NULL));
  window = tam_window_new (NULL, path);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_cmpstr (visible_page (window), ==, "sign-in");
  no_users = tam_test_child (sign_in_page (window), TAM_TYPE_SIGN_IN_PAGE, "no_users_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (no_users)));
  g_assert_nonnull (strstr (gtk_label_get_text (no_users), "tamctl"));

  /* Once a password is set, the note is gone. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TamPerson) spv = tam_person_new ();
    g_autoptr (TamSession) setup = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);
    g_autofree char *field = NULL;

    spv->nik = g_strdup ("SPV-009");
    spv->name = g_strdup ("Ani");
    spv->role = g_strdup ("SUPERVISOR_OPS");
    spv->site = g_strdup ("BANDUNG");
    spv->status = g_strdup ("ACTIVE");
    spv->hired_on = g_strdup ("2025-01-06");
    g_assert_true (tam_people_save (tam_window_get_store (window), setup, spv, &field, &error));
    g_assert_no_error (error);
    g_assert_true (tam_auth_set_password (tam_window_get_store (window), NULL, "SPV-009",
                                          TAM_TEST_PASSWORD, &error));
    g_assert_no_error (error);
  }
  g_assert_true (tam_window_open_database (window, path, NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (no_users)));

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
}

/* Shortcuts of @widget and everything in it that take Alt+1…9, the
 * window's keys for its tabs, for anything else (counted in @n). */
static void
count_alt_digits (GtkWidget *widget,
                  guint *n)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (c))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)); j++)
        {
          g_autoptr (GtkShortcut) s = g_list_model_get_item (G_LIST_MODEL (c), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (s);

          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) != GDK_ALT_MASK)
            continue;
          if (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) < GDK_KEY_1 ||
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) > GDK_KEY_9)
            continue;
          g_test_message ("%s takes Alt+%c", G_OBJECT_TYPE_NAME (widget),
                          (char) gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)));
          (*n)++;
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_alt_digits (child, n);
}

static void
test_tab_keys (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamWindow *window = tam_window_new (NULL, db->path);
  GtkStack *pages;

  gtk_window_present (GTK_WINDOW (window));
  sign_in (window, "SPV-001", TAM_TEST_PASSWORD);
  pages = tam_test_child (window, TAM_TYPE_WINDOW, "page_stack");

  /* Alt+2 is bound to win.show-page (1). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "u", 1));
  g_assert_true (gtk_stack_get_visible_child (pages) == tam_window_get_page (window, "attendance"));

  /* No tab keeps Alt+1…9 for itself: from anywhere in any tab (the
   * Queue's checklist included) they reach the window. */
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (pages)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      guint n = 0;

      count_alt_digits (page, &n);
      g_assert_cmpuint (n, ==, 0);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  tam_test_db_free (db);
}

/* The main menu's Reports open the report dialog, modal over the window,
 * on the report chosen. */
static void
test_main_menu_reports (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamWindow *window = tam_window_new (NULL, db->path);
  TamReportDialog *dialog;

  gtk_window_present (GTK_WINDOW (window));
  sign_in (window, "SPV-001", TAM_TEST_PASSWORD);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.report", "s", "w03"));
  tam_test_flush ();
  dialog = TAM_REPORT_DIALOG (tam_test_find_window (TAM_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (tam_report_dialog_get_code (dialog), ==, "w03");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Report W-03");
  gtk_window_close (GTK_WINDOW (dialog));
  tam_test_flush ();

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  tam_test_db_free (db);
}

/* The last complete month, YYYY-MM: the dialog's default. */
static char *
last_month (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_months (now, -1);

  return g_date_time_format (then, "%Y-%m");
}

/* From the main menu, with the keyboard: F-18 of a month to a .csv (and
 * its QCO sheet beside it); a bad month is shown in the dialog, keeping
 * what was typed. */
static void
test_report_dialog_csv (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamWindow *window = tam_window_new (NULL, db->path);
  g_autofree char *path = g_build_filename (db->dir, "f18 oktober.csv", NULL);
  g_autofree char *qco_path = g_build_filename (db->dir, "f18 oktober-qco.csv", NULL);
  g_autofree char *month = last_month ();
  g_autofree char *csv = NULL;
  g_autofree char *qco_csv = NULL;
  TamReportDialog *dialog;
  GtkEditable *month_row;

  tam_test_insert_call (db->store, "MYCX-0901", db->ag1_id, "2026-10-07 09:00:00", "vr-0901.wav");
  gtk_window_present (GTK_WINDOW (window));
  sign_in (window, "SPV-001", TAM_TEST_PASSWORD);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.report", "s", "f18"));
  tam_test_flush ();
  dialog = TAM_REPORT_DIALOG (tam_test_find_window (TAM_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Report F-18");
  month_row = tam_test_child (dialog, TAM_TYPE_REPORT_DIALOG, "month_row");
  g_assert_cmpstr (gtk_editable_get_text (month_row), ==, month);

  /* A month that is not one: said in the dialog, nothing written. */
  tam_test_report_type (dialog, "2026-13", path);
  tam_test_flush ();
  g_assert_false (tam_report_dialog_get_running (dialog));
  g_assert_nonnull (strstr (tam_report_dialog_get_message (dialog), "YYYY-MM"));
  g_assert_cmpstr (gtk_editable_get_text (month_row), ==, "2026-13");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  tam_test_report_type (dialog, "2026-10", path);
  g_assert_true (tam_report_dialog_get_running (dialog));
  tam_test_spin_until (!tam_report_dialog_get_running (dialog));
  tam_test_flush ();
  g_assert_nonnull (strstr (tam_report_dialog_get_message (dialog), path));
  g_assert_nonnull (strstr (tam_report_dialog_get_message (dialog), qco_path));
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "level,site,team_leader_nik,"));
  /* AG-001's PENDING AGREE call of October. */
  g_assert_nonnull (strstr (csv, "AGENT,BANDUNG,TL-001,"));
  g_assert_nonnull (strstr (csv, ",AG-001,"));
  g_assert_true (g_file_get_contents (qco_path, &qco_csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (qco_csv, "level,site,nik,qco,"));
  /* The dialog stays, with what was chosen. */
  g_assert_cmpstr (gtk_editable_get_text (month_row), ==, "2026-10");
  gtk_window_close (GTK_WINDOW (dialog));
  tam_test_flush ();

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  g_unlink (path);
  g_unlink (qco_path);
  tam_test_db_free (db);
}

/* Cancel while the report is written: no file, the choices kept, Write
 * Report ready again. */
static void
test_report_dialog_cancel (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamWindow *window = tam_window_new (NULL, db->path);
  g_autofree char *path = g_build_filename (db->dir, "F-18-2026-10.xlsx", NULL);
  TamReportDialog *dialog;
  TamJobBar *bar;
  GtkWidget *write_button;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *call_id = g_strdup_printf ("MYCX-%04u", i);
      tam_test_insert_call (db->store, call_id, i % 2 ? db->ag1_id : db->ag2_id, "2026-10-07 09:00:00", "vr.wav");
    }
  gtk_window_present (GTK_WINDOW (window));
  sign_in (window, "SPV-001", TAM_TEST_PASSWORD);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.report", "s", "f18"));
  tam_test_flush ();
  dialog = TAM_REPORT_DIALOG (tam_test_find_window (TAM_TYPE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  bar = TAM_JOB_BAR (tam_test_find_child (GTK_WIDGET (dialog), TAM_TYPE_JOB_BAR));
  write_button = tam_test_child (dialog, TAM_TYPE_REPORT_DIALOG, "write_button");

  tam_test_report_type (dialog, "2026-10", path);
  g_assert_true (tam_report_dialog_get_running (dialog));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_false (gtk_widget_get_sensitive (write_button));
  /* The user presses the dialog's Cancel. */
  g_signal_emit_by_name (tam_test_child (bar, TAM_TYPE_JOB_BAR, "cancel_button"), "clicked");
  tam_test_spin_until (!tam_report_dialog_get_running (dialog));
  tam_test_flush ();

  g_assert_nonnull (strstr (tam_report_dialog_get_message (dialog), "cancelled"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_editable_get_text (tam_test_child (dialog, TAM_TYPE_REPORT_DIALOG, "file_row")), ==, path);
  g_assert_true (gtk_widget_get_sensitive (write_button));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  gtk_window_close (GTK_WINDOW (dialog));
  tam_test_flush ();

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  tam_test_db_free (db);
}

static void
test_window_size (void)
{
  TamTestDb *db = tam_test_db_new (0);
  g_autoptr (GSettings) settings = g_settings_new ("com.infomedia.TAM");
  TamWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);
  window = tam_window_new (NULL, db->path);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);

  /* Closing remembers the size. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();
  gtk_window_close (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1100);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 720);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  tam_test_db_free (db);
}

static gboolean
frame_cb (GtkWidget *widget,
          GdkFrameClock *clock,
          gpointer user_data)
{
  (*(int *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits for two frames of @widget's window: laid out and drawn. */
static void
wait_frames (GtkWidget *widget)
{
  int frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, frame_cb, &frames, NULL);

  gtk_widget_queue_draw (widget);
  tam_test_spin_until (frames >= 2);
  gtk_widget_remove_tick_callback (widget, id);
}

/* Every label drawn at least as wide as it needs: none cut. */
static void
collect_cut_labels (GtkWidget *widget,
                    GString *cut)
{
  if (!gtk_widget_is_drawable (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE &&
      !gtk_label_get_wrap (GTK_LABEL (widget)))
    {
      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        g_string_append_printf (cut, "“%s” (%d px); ", gtk_label_get_text (GTK_LABEL (widget)),
                                gtk_widget_get_width (widget));
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_cut_labels (c, cut);
}

/* Issue 12, point 9: the window fits a 1,024 x 600 screen on every tab,
 * for every role: its minimum size says so. */
static void
test_window_narrow (gconstpointer data)
{
  static const char *const users[] = { "SPV-001", "QCO-001", "TL-001" };
  const char *language = data;
  TamTestDb *db = tam_test_db_new (0);

  if (language != NULL)
    {
      /* The build's own catalogue (po/), as TAM_LOCALEDIR gives the app. */
      g_autofree char *po = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "..", "..", "po", NULL);
      g_autofree char *mo = g_build_filename (po, language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

      if (!g_file_test (mo, G_FILE_TEST_EXISTS))
        {
          g_test_skip ("no built catalogue");
          tam_test_db_free (db);
          return;
        }
      g_setenv ("LANGUAGE", language, TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, po);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, "Pending"), "Pending") == 0)
        {
          g_test_skip ("LANGUAGE is not honoured under this locale");
          tam_test_db_free (db);
          return;
        }
    }

  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    {
      TamWindow *window = tam_window_new (NULL, db->path);
      GtkStack *pages;
      g_autoptr (GListModel) children = NULL;

      gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
      gtk_window_present (GTK_WINDOW (window));
      sign_in (window, users[u], TAM_TEST_PASSWORD);
      pages = tam_test_child (window, TAM_TYPE_WINDOW, "page_stack");
      children = G_LIST_MODEL (gtk_stack_get_pages (pages));
      for (guint i = 0; i < g_list_model_get_n_items (children); i++)
        {
          g_autoptr (GObject) item = g_list_model_get_item (children, i);
          GtkStackPage *page = GTK_STACK_PAGE (item);
          int min_w, min_h;

          if (!gtk_widget_get_visible (gtk_stack_page_get_child (page)))
            continue;
          gtk_stack_set_visible_child (pages, gtk_stack_page_get_child (page));
          tam_test_flush ();
          wait_frames (GTK_WIDGET (window));
          gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
          gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL, 1024, &min_h, NULL, NULL, NULL);
          g_test_message ("%s, %s: minimum %d x %d", users[u], gtk_stack_page_get_name (page), min_w, min_h);
          g_assert_cmpint (min_w, <=, 1024);
          g_assert_cmpint (min_h, <=, 600);
          g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
          {
            g_autoptr (GString) cut = g_string_new (NULL);

            collect_cut_labels (GTK_WIDGET (window), cut);
            g_test_message ("cut: %s", cut->str);
            g_assert_cmpstr (cut->str, ==, "");
          }
        }
      gtk_window_destroy (GTK_WINDOW (window));
      tam_test_flush ();
    }
  tam_test_db_free (db);
  if (language != NULL)
    {
      g_unsetenv ("LANGUAGE");
      textdomain (GETTEXT_PACKAGE);
    }
}

static void
test_preferences (void)
{
  TamTestDb *db = tam_test_db_new (0);
  g_autoptr (GSettings) settings = g_settings_new ("com.infomedia.TAM");
  g_autofree char *bad = g_build_filename (db->dir, "roster.csv", NULL);
  g_autoptr (GError) error = NULL;
  TamPreferencesWindow *prefs;
  AdwActionRow *row;

  g_settings_reset (settings, "database-path");
  g_settings_reset (settings, "recordings-folder");
  prefs = tam_preferences_window_new (NULL, db->path, NULL, NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  tam_test_flush ();

  /* The file open now is shown. */
  row = tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "open_database_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, db->path);

  /* A file that is not a database is refused and not remembered. */
  g_assert_true (g_file_set_contents (bad, "nik,name\n", -1, NULL));
  g_assert_false (tam_preferences_window_set_database (prefs, bad, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE);
  g_clear_error (&error);
  {
    g_autofree char *value = g_settings_get_string (settings, "database-path");
    g_assert_cmpstr (value, ==, "");
  }

  /* A database is remembered for the next start, and shown. */
  g_assert_true (tam_preferences_window_set_database (prefs, db->path, &error));
  g_assert_no_error (error);
  {
    g_autofree char *value = g_settings_get_string (settings, "database-path");
    g_assert_cmpstr (value, ==, db->path);
  }
  row = tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "database_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, db->path);

  /* The next window opens it without being told. */
  {
    TamWindow *window = tam_window_new (NULL, NULL);
    g_assert_nonnull (tam_window_get_store (window));
    g_assert_cmpstr (tam_store_get_path (tam_window_get_store (window)), ==, db->path);
    gtk_window_destroy (GTK_WINDOW (window));
  }

  /* The recordings folder. */
  tam_preferences_window_set_recordings_folder (prefs, db->dir);
  {
    g_autofree char *value = g_settings_get_string (settings, "recordings-folder");
    g_assert_cmpstr (value, ==, db->dir);
  }
  row = tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "recordings_row");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, db->dir);

  g_settings_reset (settings, "database-path");
  gtk_window_destroy (GTK_WINDOW (prefs));
  tam_test_flush ();
  g_unlink (bad);
  tam_test_db_free (db);
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add_func ("/ui/window/store-error/not-sqlite", test_store_error_not_sqlite);
  g_test_add_func ("/ui/window/store-error/too-new", test_store_error_too_new);
  g_test_add_func ("/ui/window/store-error/missing", test_store_error_missing);
  g_test_add_func ("/ui/window/store-error/corrupt", test_store_error_corrupt);
  g_test_add_func ("/ui/window/sign-in", test_sign_in);
  g_test_add_func ("/ui/window/sign-in-unknown", test_sign_in_unknown);
  g_test_add_func ("/ui/window/sign-in-no-users", test_sign_in_no_users);
  g_test_add_func ("/ui/window/tab-keys", test_tab_keys);
  g_test_add_func ("/ui/window/main-menu-reports", test_main_menu_reports);
  g_test_add_func ("/ui/window/report-dialog-csv", test_report_dialog_csv);
  g_test_add_func ("/ui/window/report-dialog-cancel", test_report_dialog_cancel);
  g_test_add_func ("/ui/window/preferences", test_preferences);
  g_test_add_func ("/ui/window/size", test_window_size);
  g_test_add_data_func ("/ui/window/narrow", NULL, test_window_narrow);
  g_test_add_data_func ("/ui/window/narrow-id", "id", test_window_narrow);
  return g_test_run ();
}
