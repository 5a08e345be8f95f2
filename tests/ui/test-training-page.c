/* The Training tab (issue 14): a trainer enters a batch's quiz scores
 * from the keyboard (Tab and Enter move from one participant to the
 * next, Shift+Tab back, a bad score stays put), a retake is a new
 * attempt, attendance check boxes record a day, and what a supervisor
 * may not do. */
#include "config.h"

#include <string.h>

#include "tam-sign-in-page.h"
#include "tam-test-ui.h"
#include "tam-training-page.h"
#include "tam-training.h"
#include "tam-window.h"

typedef struct
{
  TamTestDb *db;
  TamWindow *window;
  TamTrainingPage *page;
  gint64 training;
  char *from;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) trainer = tam_person_new ();
  g_autoptr (TamPerson) trainee = tam_person_new ();
  g_autofree char *to = NULL;
  const char *niks[] = { "AG-001", "AG-002", "TR-001", NULL };
  TamSignInPage *sign_in_page;

  f->db = tam_test_db_new (0);
  trainer->nik = g_strdup ("R-001");
  trainer->name = g_strdup ("Rahmat Hidayat");
  trainer->role = g_strdup ("TRAINER");
  trainer->site = g_strdup ("BANDUNG");
  trainer->status = g_strdup ("ACTIVE");
  trainer->hired_on = g_strdup ("2024-01-15");
  g_assert_true (tam_people_save (f->db->store, f->db->admin, trainer, NULL, &error));
  trainee->nik = g_strdup ("TR-001");
  trainee->name = g_strdup ("Zaki Ramadhan");
  trainee->role = g_strdup ("AGENT");
  trainee->site = g_strdup ("BANDUNG");
  trainee->service = g_strdup ("ADDON_CONSUMER");
  trainee->status = g_strdup ("TRAINING");
  trainee->hired_on = g_strdup ("2024-01-15");
  g_assert_true (tam_people_save (f->db->store, f->db->admin, trainee, NULL, &error));
  g_assert_true (tam_auth_set_password (f->db->store, f->db->admin, "R-001", TAM_TEST_PASSWORD, &error));
  g_assert_no_error (error);

  /* A batch running today (two days either side). */
  f->from = tam_test_date_from_today (-2);
  to = tam_test_date_from_today (2);
  f->training = tam_training_add (f->db->store, f->db->admin,
                                  &(TamTrainingSpec){ .kind = TAM_TRAINING_INITIAL,
                                                      .title = "Training Awal Add On",
                                                      .service = "ADDON_CONSUMER",
                                                      .site = "BANDUNG",
                                                      .from = f->from,
                                                      .to = to,
                                                      .trainer_nik = "R-001" },
                                  &error);
  g_assert_no_error (error);
  g_assert_true (tam_training_enroll (f->db->store, f->db->admin, f->training, niks, &error));
  g_assert_no_error (error);

  f->window = tam_window_new (NULL, f->db->path);
  gtk_window_present (GTK_WINDOW (f->window));
  sign_in_page = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (f->window), TAM_TYPE_SIGN_IN_PAGE));
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry"), data ? data : "R-001");
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), TAM_TEST_PASSWORD);
  g_signal_emit_by_name (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), "activate");
  f->page = TAM_TRAINING_PAGE (tam_window_get_page (f->window, "training"));
  g_assert_nonnull (f->page);
  gtk_stack_set_visible_child (tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack"), GTK_WIDGET (f->page));
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  g_assert_true (tam_training_page_select_id (f->page, f->training));
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  tam_test_flush ();
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  tam_test_wait_saves ();
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  g_object_ref (f->window);
  tam_test_close_all ();
  g_assert_finalize_object (f->window);
  tam_test_db_free (f->db);
  g_free (f->from);
}

/* The key as it reaches the score entry: its key controller (GTK 4.8 has
 * no public way to synthesise a key event). */
static void
key (GtkWidget *entry,
     guint keyval,
     GdkModifierType mods)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (entry);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (controller)) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, mods, &handled);
    }
  g_assert_true (handled);
  tam_test_flush ();
}

static gboolean
focused (GtkWidget *entry)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (gtk_widget_get_root (entry)));

  return focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry));
}

static void
type (GtkWidget *entry,
      const char *text)
{
  g_assert_true (focused (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gint64
q (Fixture *f,
   const char *sql)
{
  return tam_store_query_int (f->db->store, sql, -1, NULL);
}

static void
test_scores_by_keyboard (Fixture *f,
                         gconstpointer data)
{
  /* By name: Agus Pratama (AG-001), Rina Wati (AG-002), Zaki Ramadhan (TR-001). */
  GtkWidget *e1, *e2, *e3;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) p = NULL;
  GtkListBox *list = GTK_LIST_BOX (tam_test_find_child (GTK_WIDGET (f->page), GTK_TYPE_LIST_BOX));

  /* Enter on the session: its first score entry has the focus. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  tam_test_flush ();
  e1 = tam_training_page_get_score_entry (f->page, "AG-001");
  e2 = tam_training_page_get_score_entry (f->page, "AG-002");
  e3 = tam_training_page_get_score_entry (f->page, "TR-001");
  g_assert_nonnull (e1);
  g_assert_nonnull (e2);
  g_assert_nonnull (e3);
  g_assert_true (gtk_widget_get_sensitive (e1));
  g_assert_true (focused (e1));

  /* 55, Tab: recorded, on to the next participant. */
  type (e1, "55");
  key (e1, GDK_KEY_Tab, 0);
  g_assert_true (focused (e2));
  /* 80, Enter: the same. */
  type (e2, "80");
  g_signal_emit_by_name (e2, "activate");
  tam_test_flush ();
  g_assert_true (focused (e3));
  /* Not a score: it stays, marked, nothing recorded. */
  type (e3, "9x");
  key (e3, GDK_KEY_Tab, 0);
  g_assert_true (focused (e3));
  g_assert_true (gtk_widget_has_css_class (e3, "error"));
  type (e3, "92,5");
  /* Shift+Tab records and goes back. */
  key (e3, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
  g_assert_true (focused (e2));
  g_assert_false (gtk_widget_has_css_class (e3, "error"));
  tam_test_wait_saves ();
  tam_test_spin_until (!tam_training_page_is_busy (f->page));

  g_assert_cmpint (q (f, "SELECT count(*) FROM training_attempts"), ==, 3);
  g_assert_cmpint (q (f, "SELECT passed FROM training_participants x JOIN people p ON p.id = x.person_id"
                         " WHERE p.nik = 'AG-001'"),
                   ==, 0);
  g_assert_cmpint (q (f, "SELECT score * 10 FROM training_attempts m JOIN people p ON p.id = m.person_id"
                         " WHERE p.nik = 'TR-001'"),
                   ==, 925);

  /* The remedial retake of AG-001: a second attempt, passed, shown. */
  gtk_widget_grab_focus (e1);
  tam_test_flush ();
  type (e1, "75");
  g_signal_emit_by_name (e1, "activate");
  tam_test_wait_saves ();
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  g_assert_cmpint (q (f, "SELECT count(*) FROM training_attempts m JOIN people p ON p.id = m.person_id"
                         " WHERE p.nik = 'AG-001'"),
                   ==, 2);
  g_assert_cmpint (q (f, "SELECT passed FROM training_participants x JOIN people p ON p.id = x.person_id"
                         " WHERE p.nik = 'AG-001'"),
                   ==, 1);
  {
    GtkLabel *result = g_object_get_data (G_OBJECT (e1), "result-label");
    g_assert_nonnull (strstr (gtk_label_get_text (result), "2 attempts"));
    g_assert_nonnull (strstr (gtk_label_get_text (result), "passed"));
  }

  /* The trainee passed: the gate lets them go live now. */
  p = tam_people_find_nik (f->db->store, "TR-001", &error);
  g_free (p->status);
  p->status = g_strdup ("ACTIVE");
  g_assert_true (tam_people_save (f->db->store, f->db->admin, p, NULL, &error));
  g_assert_no_error (error);
}

static void
test_attendance_check (Fixture *f,
                       gconstpointer data)
{
  g_autofree char *label = g_strdup_printf ("Rina Wati present on %s", f->from);
  GtkWidget *check = NULL;

  /* The check box of AG-002's first day, by its accessible name. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (f->page)); w != NULL;)
    {
      if (GTK_IS_CHECK_BUTTON (w) && g_strcmp0 (gtk_widget_get_tooltip_text (w), label) == 0)
        {
          check = w;
          break;
        }
      if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL && w != GTK_WIDGET (f->page))
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == GTK_WIDGET (f->page) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  tam_test_wait_saves ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  tam_test_wait_saves ();
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  g_assert_cmpint (q (f, "SELECT present FROM training_attendance"), ==, 0);
  /* The absence went to coaching (IK Pembinaan row 10). */
  g_assert_cmpint (q (f, "SELECT count(*) FROM coaching_records WHERE nonconformity = 'MEETING_ABSENT'"), ==, 1);
}

/* New Training… (Ctrl+N) and Enroll… (Ctrl+E): the new session opens,
 * its participants come in all at once, or none with a bad NIK. */
static void
test_new_and_enroll (Fixture *f,
                     gconstpointer data)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  gint64 id;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.new", NULL);
  tam_test_flush ();
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  entry = tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Refreshment Parameter Penilaian");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  adw_message_dialog_response (dialog, "add");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tam_test_wait_saves ();
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  id = q (f, "SELECT max (id) FROM trainings");
  g_assert_cmpint (id, >, f->training);
  g_assert_cmpint (q (f, "SELECT count(*) FROM trainings t JOIN people p ON p.id = t.trainer_id"
                         " WHERE p.nik = 'R-001' AND t.title = 'Refreshment Parameter Penilaian'"),
                   ==, 1);

  /* Enroll two, one of them unknown: nobody. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.enroll", NULL);
  tam_test_flush ();
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  entry = tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "AG-001, ZZ-999");
  adw_message_dialog_response (dialog, "enroll");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tam_test_wait_saves ();
  tam_test_flush ();
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog); /* the refusal, naming ZZ-999 */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "ZZ-999"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (q (f, "SELECT count(*) FROM training_participants WHERE training_id = (SELECT max (id) FROM trainings)"),
                   ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.enroll", NULL);
  tam_test_flush ();
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  entry = tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "AG-001 AG-002");
  adw_message_dialog_response (dialog, "enroll");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tam_test_wait_saves ();
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  g_assert_cmpint (q (f, "SELECT count(*) FROM training_participants WHERE training_id = (SELECT max (id) FROM trainings)"),
                   ==, 2);
  g_assert_nonnull (tam_training_page_get_score_entry (f->page, "AG-002"));
  g_assert_null (tam_training_page_get_score_entry (f->page, "TR-001"));
}

/* The overview shows the settings; a trainer changes them. */
static void
test_settings (Fixture *f,
               gconstpointer data)
{
  AdwMessageDialog *dialog;
  GtkWidget *spin;

  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.overview", NULL);
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "training.settings", NULL);
  tam_test_flush ();
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  spin = tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 70);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 75);
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tam_test_wait_saves ();
  tam_test_spin_until (!tam_training_page_is_busy (f->page));
  g_assert_cmpfloat (tam_training_pass_mark (f->db->store), ==, 75);
  g_assert_cmpint (tam_training_refresher_months (f->db->store), ==, 6);
}

static void
test_supervisor_reads_only (Fixture *f,
                            gconstpointer data)
{
  GtkWidget *e1 = tam_training_page_get_score_entry (f->page, "AG-001");

  g_assert_nonnull (e1);
  g_assert_false (gtk_widget_get_sensitive (e1));
}

int
main (int argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add ("/training-page/scores-by-keyboard", Fixture, NULL, fixture_setup, test_scores_by_keyboard,
              fixture_teardown);
  g_test_add ("/training-page/attendance-check", Fixture, NULL, fixture_setup, test_attendance_check,
              fixture_teardown);
  g_test_add ("/training-page/new-and-enroll", Fixture, NULL, fixture_setup, test_new_and_enroll, fixture_teardown);
  g_test_add ("/training-page/settings", Fixture, NULL, fixture_setup, test_settings, fixture_teardown);
  g_test_add ("/training-page/supervisor-reads-only", Fixture, "SPV-001", fixture_setup, test_supervisor_reads_only,
              fixture_teardown);
  return g_test_run ();
}
