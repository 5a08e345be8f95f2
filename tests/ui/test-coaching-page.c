/* The Coaching tab (issue 9): the inbox of a supervisor, issuing a
 * proposal from the keyboard, a dismissal needs its reason, what a QCO
 * may do, the standing in the Roster, a manager's confirmation of a
 * return to the vendor (SP4) and the rule catalog. */
#include "config.h"

#include <string.h>

#include "tam-catalog.h"
#include "tam-coaching-page.h"
#include "tam-coaching.h"
#include "tam-people.h"
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
  if (g_strcmp0 (data, "MGR-001") == 0)
    {
      /* A manager is entered by a manager (issue 13). */
      g_autoptr (TamSession) boot = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);
      g_autoptr (TamPerson) p = tam_person_new ();
      g_autoptr (GError) error = NULL;

      p->nik = g_strdup ("MGR-001");
      p->name = g_strdup ("Bambang Wijaya");
      p->role = g_strdup ("MANAGER");
      p->site = g_strdup ("BANDUNG");
      p->status = g_strdup ("ACTIVE");
      p->hired_on = g_strdup ("2020-01-06");
      g_assert_true (tam_people_save (f->db->store, boot, p, NULL, &error));
      g_assert_no_error (error);
      /* A manager's password is their own to set. */
      {
        g_autoptr (TamSession) self = tam_session_new (p->id, p->nik, p->name, p->role, p->site, NULL);

        g_assert_true (tam_auth_set_password (f->db->store, self, "MGR-001", TAM_TEST_PASSWORD, &error));
      }
      g_assert_no_error (error);
    }
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

/* A key as the user presses it on the page (tam_test_press). */
static void
press (Fixture *f,
       guint keyval,
       GdkModifierType mods)
{
  tam_test_press (GTK_WIDGET (f->page), keyval, mods);
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

/* A manager confirms an issued SP4: the person leaves for the vendor.
 * Only the manager sees the button; the confirmation asks first. */
static void
test_manager_confirms_sp4 (Fixture *f,
                           gconstpointer data)
{
  g_autoptr (TamPerson) me = tam_people_find_nik (f->db->store, "MGR-001", NULL);
  g_autoptr (TamSession) manager = tam_session_new (me->id, me->nik, me->name, me->role, me->site, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) agent = NULL;
  g_autoptr (TamCoachingRecord) r = NULL;
  GtkWidget *confirm = tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "confirm_button");
  AdwMessageDialog *dialog;
  gint64 sp4 = propose (f, "AG-002", "LEAK_SECRETS", "2026-11-04");

  tam_coaching_issue (f->db->store, manager, sp4, NULL, &error);
  g_assert_no_error (error);
  r = tam_coaching_get (f->db->store, f->db->admin, sp4, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->level, ==, TAM_COACHING_LEVEL_SP4);

  g_assert_true (gtk_widget_get_visible (confirm));
  gtk_drop_down_set_selected (tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "state_dropdown"),
                              1 + TAM_COACHING_STATE_ISSUED);
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  g_assert_true (tam_coaching_page_select_id (f->page, sp4));
  tam_test_flush ();
  g_assert_true (gtk_widget_get_sensitive (confirm));

  /* Cancelled: nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "coaching.confirm", NULL));
  tam_test_flush ();
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  tam_test_flush ();
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  agent = tam_people_find_nik (f->db->store, "AG-002", NULL);
  g_assert_cmpstr (agent->status, ==, "ACTIVE");
  g_clear_pointer (&agent, tam_person_free);

  /* Confirmed: returned to the vendor, and nothing more to confirm. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "coaching.confirm", NULL));
  tam_test_flush ();
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "confirm");
  tam_test_flush ();
  tam_test_spin_until (!tam_coaching_page_is_busy (f->page));
  agent = tam_people_find_nik (f->db->store, "AG-002", NULL);
  g_assert_cmpstr (agent->status, ==, "RETURNED_TO_VENDOR");
  g_assert_true (tam_coaching_page_select_id (f->page, sp4));
  tam_test_flush ();
  g_assert_false (gtk_widget_get_sensitive (confirm));
}

/* A supervisor (operational) has no Confirm button (a manager's). */
static void
test_supervisor_has_no_confirm (Fixture *f,
                                gconstpointer data)
{
  g_assert_false (gtk_widget_get_visible (tam_test_child (f->page, TAM_TYPE_COACHING_PAGE, "confirm_button")));
  /* Nor the catalog (Supervisor Quality's and the manager's). */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "coaching.catalog", NULL);
  tam_test_flush ();
  g_assert_null (tam_test_find_window (ADW_TYPE_WINDOW));
}

/* The manager reads the rule catalog: one row a rule of the IK, in a
 * window of its own. */
static void
test_catalog_window (Fixture *f,
                     gconstpointer data)
{
  const TamCatalog *catalog = tam_catalog_get_default (NULL);
  GtkWidget *window;
  GtkWidget *list;
  guint rows = 0;

  g_assert_nonnull (catalog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "coaching.catalog", NULL));
  tam_test_flush ();
  window = GTK_WIDGET (tam_test_find_window (ADW_TYPE_WINDOW));
  g_assert_nonnull (window);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), catalog->version));
  list = tam_test_find_child (window, GTK_TYPE_LIST_BOX);
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_EXPANDER_ROW (row))
      rows++;
  g_assert_cmpuint (rows, ==, catalog->rules->len);
  gtk_window_destroy (GTK_WINDOW (window));
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
  g_test_add ("/coaching-page/manager-confirms-sp4", Fixture, "MGR-001", fixture_setup, test_manager_confirms_sp4,
              fixture_teardown);
  g_test_add ("/coaching-page/supervisor-has-no-confirm", Fixture, NULL, fixture_setup,
              test_supervisor_has_no_confirm, fixture_teardown);
  g_test_add ("/coaching-page/catalog-window", Fixture, "MGR-001", fixture_setup, test_catalog_window,
              fixture_teardown);
  return g_test_run ();
}
