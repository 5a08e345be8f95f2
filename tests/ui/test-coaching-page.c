/* The Coaching tab (issue 9): the inbox of a supervisor, issuing a
 * proposal from the keyboard, a dismissal needs its reason, what a QCO
 * may do, the standing in the Roster. */
#include "config.h"

#include <string.h>

#include "tam-coaching-page.h"
#include "tam-coaching.h"
#include "tam-person-object.h"
#include "tam-roster-page.h"
#include "tam-sign-in-page.h"
#include "tam-slot-model.h"
#include "tam-test-ui.h"
#include "tam-window.h"

typedef struct
{
  TamTestDb *db;
  TamWindow *window;
  TamCoachingPage *page;
  gint64 first;  /* AG-001's proposal */
  gint64 second; /* AG-002's proposal */
} Fixture;

static gint64
propose (Fixture *f,
         const char *nik,
         const char *rule,
         const char *date)
{
  g_autoptr (TamSession) quality = tam_session_new (0, "SETUP", "Setup", "SUPERVISOR_QUALITY", "BANDUNG", NULL);
  g_autoptr (GError) error = NULL;
  gint64 id = tam_coaching_record (f->db->store, quality, nik, rule, date, "uji", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  TamSignInPage *sign_in_page;

  f->db = tam_test_db_new (0);
  f->first = propose (f, "AG-001", "LOGIN_ERROR", "2026-11-02");
  f->second = propose (f, "AG-002", "SHIFT_SEAT", "2026-11-03");

  f->window = tam_window_new (NULL, f->db->path);
  gtk_window_present (GTK_WINDOW (f->window));
  sign_in_page = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (f->window), TAM_TYPE_SIGN_IN_PAGE));
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry"),
                         data ? data : "SPV-001");
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"),
                         TAM_TEST_PASSWORD);
  g_signal_emit_by_name (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), "activate");
  f->page = TAM_COACHING_PAGE (tam_window_get_page (f->window, "coaching"));
  g_assert_nonnull (f->page);
  gtk_stack_set_visible_child (tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack"), GTK_WIDGET (f->page));
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  tam_test_flush ();
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  g_object_ref (f->window);
  tam_test_close_all ();
  g_assert_finalize_object (f->window);
  tam_test_db_free (f->db);
}

/* A key as the user presses it on the page: the page's own key binding
 * for @keyval runs its action (GTK 4.8 has no public way to synthesise a
 * key event; this is the binding the event would reach). */
static void
press (Fixture *f,
       guint keyval,
       GdkModifierType mods)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->page));
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
                                            GTK_WIDGET (f->page), gtk_shortcut_get_arguments (shortcut));
              tam_test_flush ();
              return;
            }
        }
    }
  g_error ("no key binding for %s", gdk_keyval_name (keyval));
}

static TamCoachingState
state_of (Fixture *f,
          gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCoachingRecord) r = tam_coaching_get (f->db->store, f->db->admin, id, &error);

  g_assert_no_error (error);
  return r->state;
}

static const char *
sidebar_title (Fixture *f)
{
  GtkStack *stack = tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack");
  return gtk_stack_page_get_title (gtk_stack_get_page (stack, GTK_WIDGET (f->page)));
}

static void
test_issue_with_keyboard (Fixture *f,
                          gconstpointer data)
{
  GtkWidget *issue = tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "issue_button");
  GtkWidget *notes = tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "notes_label");
  TamRosterPage *roster;

  /* The inbox: both proposals, the count in the sidebar. */
  g_assert_cmpint (tam_coaching_page_get_open_count (f->page), ==, 2);
  g_assert_cmpstr (sidebar_title (f), ==, "Coaching (2)");
  g_assert_cmpint (tam_coaching_page_get_selected_id (f->page), ==, f->first);
  g_assert_true (gtk_widget_get_sensitive (issue));
  /* LOGIN_ERROR has no notes in the catalog. */
  g_assert_false (gtk_widget_get_visible (notes));

  /* Down to the second proposal, I issues it. */
  press (f, GDK_KEY_Down, 0);
  g_assert_cmpint (tam_coaching_page_get_selected_id (f->page), ==, f->second);
  /* SHIFT_SEAT's exemption is shown where the rule is applied. */
  g_assert_true (gtk_widget_get_visible (notes));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (notes)), "urgent"));
  press (f, GDK_KEY_i, 0);
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  g_assert_cmpint (state_of (f, f->second), ==, TAM_COACHING_STATE_ISSUED);
  g_assert_cmpint (state_of (f, f->first), ==, TAM_COACHING_STATE_PROPOSED);
  /* It left the inbox; the selection is on the one left. */
  g_assert_cmpint (tam_coaching_page_get_open_count (f->page), ==, 1);
  g_assert_cmpstr (sidebar_title (f), ==, "Coaching (1)");
  g_assert_cmpint (tam_coaching_page_get_selected_id (f->page), ==, f->first);

  /* The Roster shows AG-002's standing. */
  roster = TAM_ROSTER_PAGE (tam_window_get_page (f->window, "roster"));
  tam_roster_page_reload (roster);
  g_assert_true (tam_roster_page_select_nik (roster, "AG-002"));
  {
    GtkColumnView *view = tam_test_child (roster, TAM_TYPE_ROSTER_PAGE, "column_view");
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
    TamSlot *slot = gtk_single_selection_get_selected_item (selection);
    TamPersonObject *person = tam_slot_get_item (slot);
    g_autofree char *standing = NULL;

    g_assert_cmpint (tam_person_object_get_standing (person), ==, TAM_COACHING_LEVEL_KONSELING1);
    g_object_get (person, "standing", &standing, NULL);
    g_assert_cmpstr (standing, ==, tam_coaching_level_to_label (TAM_COACHING_LEVEL_KONSELING1));
  }
  g_assert_true (tam_roster_page_select_nik (roster, "AG-001"));
  {
    GtkColumnView *view = tam_test_child (roster, TAM_TYPE_ROSTER_PAGE, "column_view");
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
    TamPersonObject *person = tam_slot_get_item (gtk_single_selection_get_selected_item (selection));

    g_assert_cmpint (tam_person_object_get_standing (person), ==, -1);
  }
}

static void
test_dismiss_needs_reason (Fixture *f,
                           gconstpointer data)
{
  AdwMessageDialog *dialog;
  GtkEditable *reason;

  g_assert_cmpint (tam_coaching_page_get_selected_id (f->page), ==, f->first);
  press (f, GDK_KEY_d, 0);
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  /* No reason, no Dismiss. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  reason = GTK_EDITABLE (tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_TEXT));
  gtk_editable_set_text (reason, "   ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "ok"));
  gtk_editable_set_text (reason, "Sudah dibina lisan");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "ok"));
  adw_message_dialog_response (dialog, "ok");
  tam_test_flush ();
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  g_assert_cmpint (state_of (f, f->first), ==, TAM_COACHING_STATE_DISMISSED);
  {
    g_autoptr (TamCoachingRecord) r = tam_coaching_get (f->db->store, f->db->admin, f->first, NULL);
    g_assert_cmpstr (r->dismiss_reason, ==, "Sudah dibina lisan");
  }
  g_assert_cmpint (state_of (f, f->second), ==, TAM_COACHING_STATE_PROPOSED);
  g_assert_cmpint (tam_coaching_page_get_open_count (f->page), ==, 1);
}

static void
test_qco_cannot_issue (Fixture *f,
                       gconstpointer data)
{
  GtkWidget *issue = tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "issue_button");
  GtkWidget *dismiss = tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "dismiss_button");
  GtkWidget *record = tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "record_button");

  /* The QCO sees the proposals, may record, may not decide. */
  g_assert_cmpint (tam_coaching_page_get_selected_id (f->page), !=, 0);
  g_assert_false (gtk_widget_get_sensitive (issue));
  g_assert_false (gtk_widget_get_sensitive (dismiss));
  g_assert_true (gtk_widget_get_sensitive (record));
  /* The key does nothing either. */
  press (f, GDK_KEY_i, 0);
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  g_assert_cmpint (state_of (f, f->first), ==, TAM_COACHING_STATE_PROPOSED);
  g_assert_cmpint (state_of (f, f->second), ==, TAM_COACHING_STATE_PROPOSED);

  /* Ctrl+N records a nonconformity: a new proposal in the inbox. */
  {
    AdwMessageDialog *dialog;
    GtkDropDown *rule;
    GListModel *rules;
    GPtrArray *entries = g_ptr_array_new ();
    guint n_open = (guint) tam_coaching_page_get_open_count (f->page);

    press (f, GDK_KEY_n, GDK_CONTROL_MASK);
    dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (dialog);
    rule = GTK_DROP_DOWN (tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN));
    rules = gtk_drop_down_get_model (rule);
    for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
      {
        g_autoptr (GtkStringObject) item = g_list_model_get_item (rules, i);

        if (g_str_has_prefix (gtk_string_object_get_string (item), "NO_LOGOUT "))
          gtk_drop_down_set_selected (rule, i);
      }
    for (GtkWidget *w = tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_ENTRY); w != NULL;
         w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_ENTRY (w))
        g_ptr_array_add (entries, w);
    g_assert_cmpuint (entries->len, ==, 3);
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "AG-002");
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "2026-11-20");
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[2]), "tidak logout");
    g_ptr_array_unref (entries);
    adw_message_dialog_response (dialog, "ok");
    tam_test_flush ();
    tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
    g_assert_cmpuint ((guint) tam_coaching_page_get_open_count (f->page), ==, n_open + 1);
    {
      TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;
      g_autoptr (GPtrArray) list = NULL;
      gboolean found = FALSE;

      filter.nik = "AG-002";
      list = tam_coaching_list (f->db->store, f->db->admin, &filter, NULL);
      for (guint i = 0; i < list->len; i++)
        {
          const TamCoachingRecord *r = g_ptr_array_index (list, i);
          found |= g_strcmp0 (r->rule_code, "NO_LOGOUT") == 0 && g_strcmp0 (r->occurred_on, "2026-11-20") == 0 &&
                   r->state == TAM_COACHING_STATE_PROPOSED && g_strcmp0 (r->proposed_by_nik, "QCO-001") == 0;
        }
      g_assert_true (found);
    }
  }
}

/* A: the receipt of an issued record, here a refusal with a witness. */
static void
test_refused_with_witness (Fixture *f,
                           gconstpointer data)
{
  AdwMessageDialog *dialog;
  GtkCheckButton *refused;
  GPtrArray *entries = g_ptr_array_new ();
  g_autoptr (TamCoachingRecord) r = NULL;
  g_autofree char *today = tam_test_date_from_today (0);

  press (f, GDK_KEY_i, 0);
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  g_assert_cmpint (state_of (f, f->first), ==, TAM_COACHING_STATE_ISSUED);
  /* Not acknowledged in the inbox: show the issued records. */
  gtk_drop_down_set_selected (tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "state_dropdown"),
                              1 + TAM_COACHING_STATE_ISSUED);
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  g_assert_true (tam_coaching_page_select_id (f->page, f->first));
  g_assert_true (gtk_widget_get_sensitive (tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "ack_button")));
  g_assert_true (gtk_widget_get_sensitive (tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "print_button")));

  press (f, GDK_KEY_a, 0);
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  refused = GTK_CHECK_BUTTON (tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON));
  gtk_check_button_set_active (refused, TRUE);
  /* The date, then the witness. */
  for (GtkWidget *w = tam_test_find_child (GTK_WIDGET (dialog), GTK_TYPE_ENTRY); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_ENTRY (w))
      g_ptr_array_add (entries, w);
  g_assert_cmpuint (entries->len, ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), today);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "TL-001");
  g_ptr_array_unref (entries);
  adw_message_dialog_response (dialog, "ok");
  tam_test_flush ();
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));

  r = tam_coaching_get (f->db->store, f->db->admin, f->first, NULL);
  g_assert_true (r->refused);
  g_assert_cmpstr (r->witness_nik, ==, "TL-001");
  g_assert_cmpstr (r->acknowledged_on, ==, today);
  /* Recorded once: no more receipt to take. */
  g_assert_true (tam_coaching_page_select_id (f->page, f->first));
  g_assert_false (gtk_widget_get_sensitive (tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "ack_button")));
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add ("/coaching-page/issue-with-keyboard", Fixture, NULL, fixture_setup, test_issue_with_keyboard,
              fixture_teardown);
  g_test_add ("/coaching-page/dismiss-needs-reason", Fixture, NULL, fixture_setup, test_dismiss_needs_reason,
              fixture_teardown);
  g_test_add ("/coaching-page/refused-with-witness", Fixture, NULL, fixture_setup, test_refused_with_witness,
              fixture_teardown);
  g_test_add ("/coaching-page/qco-cannot-issue", Fixture, "QCO-001", fixture_setup, test_qco_cannot_issue,
              fixture_teardown);
  return g_test_run ();
}
