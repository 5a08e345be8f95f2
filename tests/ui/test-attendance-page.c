/* The Attendance tab (F-02): a day or a month for a team, adherence,
 * editing a row through its dialog, permissions, import. */
#include "config.h"

#include <glib/gstdio.h>

#include "tam-attendance-dialog.h"
#include "tam-attendance-object.h"
#include "tam-attendance-page.h"
#include "tam-attendance.h"
#include "tam-codes.h"
#include "tam-gui-utils.h"
#include "tam-job.h"
#include "tam-sign-in-page.h"
#include "tam-test-ui.h"
#include "tam-window.h"

typedef struct
{
  TamTestDb *db;
  TamWindow *window;
  TamAttendancePage *page;
} Fixture;

static void
add_row (Fixture *f,
         gint64 person_id,
         const char *date,
         const char *status,
         const char *check_in,
         const char *note)
{
  g_autoptr (TamSession) spv = tam_session_new (0, "SETUP", "Setup", "SUPERVISOR_OPS", "BANDUNG", NULL);
  TamAttendance row = { 0 };
  g_autoptr (GError) error = NULL;

  row.person_id = person_id;
  row.date = (char *) date;
  row.shift_start = (char *) "08:00";
  row.shift_end = (char *) "17:00";
  row.status = (char *) status;
  row.check_in = (char *) check_in;
  row.check_out = check_in ? (char *) "17:00" : NULL;
  row.note = (char *) note;
  g_assert_true (tam_attendance_save (f->db->store, spv, &row, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  TamSignInPage *sign_in_page;

  f->db = tam_test_db_new (0);
  add_row (f, f->db->ag1_id, "2026-10-05", "PRESENT", "07:55", NULL);
  add_row (f, f->db->ag2_id, "2026-10-05", "PRESENT", "07:58", NULL);
  add_row (f, f->db->ag1_id, "2026-10-06", "PRESENT", "07:50", NULL);
  add_row (f, f->db->ag2_id, "2026-10-06", "LATE", "08:20", "macet");
  add_row (f, f->db->ag3_id, "2026-10-06", "ABSENT_NO_NOTICE", NULL, NULL);

  f->window = tam_window_new (NULL, f->db->path);
  gtk_window_present (GTK_WINDOW (f->window));
  sign_in_page = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (f->window), TAM_TYPE_SIGN_IN_PAGE));
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry"),
                         data ? data : "SPV-001");
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"),
                         TAM_TEST_PASSWORD);
  g_signal_emit_by_name (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), "activate");
  f->page = TAM_ATTENDANCE_PAGE (tam_window_get_page (f->window, "attendance"));
  g_assert_nonnull (f->page);
  gtk_stack_set_visible_child (tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack"), GTK_WIDGET (f->page));
  tam_test_flush ();
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  g_object_ref (f->window);
  tam_test_close_all ();
  g_assert_finalize_object (f->window);
  tam_test_db_free (f->db);
}

static GListModel *
rows (Fixture *f)
{
  return G_LIST_MODEL (gtk_column_view_get_model (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "rows_view")));
}

static GListModel *
adherence (Fixture *f)
{
  return G_LIST_MODEL (gtk_column_view_get_model (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE,
                                                                  "adherence_view")));
}

static const char *
total_text (Fixture *f)
{
  return gtk_label_get_text (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "total_label"));
}

static void
select_row (Fixture *f,
            const char *nik,
            const char *date)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows (f)); i++)
    {
      g_autoptr (TamAttendanceObject) obj = g_list_model_get_item (rows (f), i);
      const TamAttendance *r = tam_attendance_object_get_row (obj);

      if (g_strcmp0 (r->nik, nik) == 0 && g_strcmp0 (r->date, date) == 0)
        {
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows (f)), i);
          return;
        }
    }
  g_error ("no row for %s on %s", nik, date);
}

static const TamAttendance *
stored_row (GPtrArray *list,
            const char *nik)
{
  for (guint i = 0; i < list->len; i++)
    {
      const TamAttendance *r = g_ptr_array_index (list, i);
      if (g_strcmp0 (r->nik, nik) == 0)
        return r;
    }
  return NULL;
}

static void
test_day_and_month (Fixture *f,
                    gconstpointer data)
{
  tam_attendance_page_show (f->page, "2026-10-06", FALSE, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 3);
  /* 1 on time of 3 scheduled. */
  g_assert_cmpstr (total_text (f), ==, "Adherence 33.3 % (1 of 3 scheduled days on time)");
  g_assert_cmpuint (g_list_model_get_n_items (adherence (f)), ==, 3);

  /* One team. */
  tam_attendance_page_show (f->page, "2026-10-06", FALSE, f->db->tl1_id);
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 2);
  g_assert_cmpstr (total_text (f), ==, "Adherence 50.0 % (1 of 2 scheduled days on time)");
  {
    GtkDropDown *team = tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "team_dropdown");
    g_autoptr (GtkStringObject) s = g_list_model_get_item (gtk_drop_down_get_model (team),
                                                           gtk_drop_down_get_selected (team));
    g_assert_cmpstr (gtk_string_object_get_string (s), ==, "Team Budi Santoso (TL-001)");
  }

  /* The month: both days. */
  tam_attendance_page_show (f->page, "2026-10-06", TRUE, f->db->tl1_id);
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 4);
  g_assert_cmpstr (total_text (f), ==, "Adherence 75.0 % (3 of 4 scheduled days on time)");

  /* The next month is empty; the previous-button comes back. */
  g_signal_emit_by_name (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "next_button"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 0);
  g_signal_emit_by_name (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "previous_button"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 4);

  /* Day mode through the drop-down, then the previous day. */
  tam_attendance_page_show (f->page, "2026-10-06", TRUE, f->db->tl1_id);
  gtk_drop_down_set_selected (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "period_dropdown"), 0);
  g_signal_emit_by_name (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "previous_button"), "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 2);
  {
    g_autoptr (TamAttendanceObject) obj = g_list_model_get_item (rows (f), 0);
    g_assert_cmpstr (tam_attendance_object_get_row (obj)->date, ==, "2026-10-05");
  }
}

static TamAttendanceDialog *
open_edit (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "attendance.edit", NULL));
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_ATTENDANCE_DIALOG) != NULL);
  return TAM_ATTENDANCE_DIALOG (tam_test_find_window (TAM_TYPE_ATTENDANCE_DIALOG));
}

static void
set_status (TamAttendanceDialog *dialog,
            const char *code)
{
  gtk_drop_down_set_selected (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "status_dropdown"),
                              tam_code_position (tam_attendance_statuses (), code, FALSE));
}

static void
test_edit_row (Fixture *f,
               gconstpointer data)
{
  TamAttendanceDialog *dialog;
  g_autoptr (GPtrArray) stored = NULL;
  const TamAttendance *r;

  tam_attendance_page_show (f->page, "2026-10-06", FALSE, 0);
  select_row (f, "AG-002", "2026-10-06");
  dialog = open_edit (f);
  g_assert_cmpstr (gtk_editable_get_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "check_in_entry")),
                   ==, "08:20");

  set_status (dialog, "SICK_NOTE");
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "check_in_entry"), "");
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "check_out_entry"), "");
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "note_entry"), "surat dokter");
  g_signal_emit_by_name (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "save_button"), "clicked");
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_ATTENDANCE_DIALOG) == NULL);

  stored = tam_attendance_list (f->db->store, "2026-10-06", "2026-10-06", 0, NULL);
  r = stored_row (stored, "AG-002");
  g_assert_nonnull (r);
  g_assert_cmpstr (r->status, ==, "SICK_NOTE");
  g_assert_null (r->check_in);
  g_assert_cmpstr (r->note, ==, "surat dokter");
  g_assert_cmpstr (r->shift_start, ==, "08:00");

  /* The page shows it. */
  for (guint i = 0; i < g_list_model_get_n_items (rows (f)); i++)
    {
      g_autoptr (TamAttendanceObject) obj = g_list_model_get_item (rows (f), i);
      if (g_strcmp0 (tam_attendance_object_get_row (obj)->nik, "AG-002") == 0)
        {
          g_autofree char *status = NULL;
          g_object_get (obj, "status", &status, NULL);
          g_assert_cmpstr (status, ==, "Sick with doctor's note");
        }
    }
  /* Sick is not "on time": 1 of 3 scheduled. */
  g_assert_cmpstr (total_text (f), ==, "Adherence 33.3 % (1 of 3 scheduled days on time)");
}

static void
test_edit_errors (Fixture *f,
                  gconstpointer data)
{
  TamAttendanceDialog *dialog;
  GtkLabel *label;
  g_autoptr (GPtrArray) stored = NULL;

  tam_attendance_page_show (f->page, "2026-10-06", FALSE, 0);
  select_row (f, "AG-001", "2026-10-06");
  dialog = open_edit (f);

  /* Not a time: at the field. */
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "check_in_entry"), "25:00");
  g_assert_false (tam_attendance_dialog_save (dialog));
  label = tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "check_in_error");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_true (gtk_widget_has_css_class (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "check_in_entry"),
                                           "error"));

  /* A rule of the core: shown in the dialog. */
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "check_in_entry"), "07:50");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (label)));
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "shift_end_entry"), "");
  g_assert_false (tam_attendance_dialog_save (dialog));
  label = tam_test_child (dialog, TAM_TYPE_ATTENDANCE_DIALOG, "error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (label)));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "A shift needs both its start and its end");

  stored = tam_attendance_list (f->db->store, "2026-10-06", "2026-10-06", 0, NULL);
  g_assert_cmpstr (stored_row (stored, "AG-001")->shift_end, ==, "17:00");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_team_leader (Fixture *f,
                  gconstpointer data)
{
  GtkWidget *edit_button = tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "edit_button");
  TamAttendanceDialog *dialog;
  g_autoptr (GPtrArray) stored = NULL;

  /* A team leader sees their own team first. */
  {
    GtkDropDown *team = tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "team_dropdown");
    g_autoptr (GtkStringObject) s = g_list_model_get_item (gtk_drop_down_get_model (team),
                                                           gtk_drop_down_get_selected (team));
    g_assert_cmpstr (gtk_string_object_get_string (s), ==, "Team Budi Santoso (TL-001)");
  }

  tam_attendance_page_show (f->page, "2026-10-06", FALSE, 0);
  select_row (f, "AG-003", "2026-10-06");
  g_assert_false (gtk_widget_is_sensitive (edit_button));
  /* The action is disabled too: no dialog. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "attendance.edit", NULL);
  tam_test_flush ();
  g_assert_null (tam_test_find_window (TAM_TYPE_ATTENDANCE_DIALOG));

  select_row (f, "AG-001", "2026-10-06");
  g_assert_true (gtk_widget_is_sensitive (edit_button));
  dialog = open_edit (f);
  set_status (dialog, "LATE_FROM_BREAK");
  g_assert_true (tam_attendance_dialog_save (dialog));
  stored = tam_attendance_list (f->db->store, "2026-10-06", "2026-10-06", 0, NULL);
  g_assert_cmpstr (stored_row (stored, "AG-001")->status, ==, "LATE_FROM_BREAK");
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_ATTENDANCE_DIALOG) == NULL);
}

static void
test_read_only (Fixture *f,
                gconstpointer data)
{
  tam_attendance_page_show (f->page, "2026-10-06", FALSE, 0);
  select_row (f, "AG-001", "2026-10-06");
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "edit_button")));
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ATTENDANCE_PAGE, "import_button")));
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 3);
}

static void
test_import (Fixture *f,
             gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->db->dir, "absensi.csv", NULL);
  TamJobBar *bar = TAM_JOB_BAR (tam_test_find_child (GTK_WIDGET (f->page), TAM_TYPE_JOB_BAR));
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path,
                                      "date;nik;shift_start;shift_end;status;check_in;check_out;note\n"
                                      "07/10/2026;AG-001;08:00;17:00;HADIR;07:58;17:01;\n"
                                      "07/10/2026;AG-002;08:00;17:00;ALPA;;;tidak ada kabar\n",
                                      -1, NULL));
  tam_attendance_page_show (f->page, "2026-10-07", FALSE, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 0);

  tam_attendance_page_import_file (f->page, path);
  tam_test_spin_until (!tam_job_bar_get_running (bar) && tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Attendance imported");
  tam_test_message_click (dialog, "_Close");
  tam_test_spin_until (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL);

  g_assert_cmpuint (g_list_model_get_n_items (rows (f)), ==, 2);
  g_assert_cmpstr (total_text (f), ==, "Adherence 50.0 % (1 of 2 scheduled days on time)");
  g_unlink (path);
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

#define ADD(path, func, who) \
  g_test_add ("/ui/attendance/" path, Fixture, who, fixture_setup, func, fixture_teardown)
  ADD ("day-and-month", test_day_and_month, NULL);
  ADD ("edit-row", test_edit_row, NULL);
  ADD ("edit-errors", test_edit_errors, NULL);
  ADD ("team-leader", test_team_leader, "TL-001");
  ADD ("read-only", test_read_only, "QCO-001");
  ADD ("import", test_import, NULL);
#undef ADD
  return g_test_run ();
}
