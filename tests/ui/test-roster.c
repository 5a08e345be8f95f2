/* The Roster tab, driven as a user would: search, filters, sorting, the
 * person dialog, deactivation, imports and exports through the worker. */
#include "config.h"

#include <glib/gstdio.h>

#include "tam-job.h"
#include "tam-person-dialog.h"
#include "tam-person-object.h"
#include "tam-roster-page.h"
#include "tam-sign-in-page.h"
#include "tam-slot-model.h"
#include "tam-test-ui.h"
#include "tam-window.h"

#define N_PEOPLE 8 /* in tam_test_db_new (0) */

typedef struct
{
  TamTestDb *db;
  TamWindow *window;
  TamRosterPage *page;
} Fixture;

static void
sign_in (Fixture *f,
         const char *nik)
{
  TamSignInPage *sign_in_page = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (f->window),
                                                                       TAM_TYPE_SIGN_IN_PAGE));

  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry"), nik);
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"),
                         TAM_TEST_PASSWORD);
  g_signal_emit_by_name (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), "activate");
  g_assert_nonnull (tam_window_get_session (f->window));
  f->page = TAM_ROSTER_PAGE (tam_window_get_page (f->window, "roster"));
  g_assert_nonnull (f->page);
  tam_test_flush ();
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  f->db = tam_test_db_new (0);
  f->window = tam_window_new (NULL, f->db->path);
  gtk_window_present (GTK_WINDOW (f->window));
  sign_in (f, data ? data : "SPV-001");
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
shown (Fixture *f)
{
  return G_LIST_MODEL (gtk_column_view_get_model (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE,
                                                                  "column_view")));
}

static guint
n_shown (Fixture *f)
{
  return g_list_model_get_n_items (shown (f));
}

static const TamPerson *
shown_person (Fixture *f,
              guint i)
{
  g_autoptr (TamSlot) slot = g_list_model_get_item (shown (f), i);

  g_assert_nonnull (slot);
  /* The models keep the slot and its person alive. */
  return tam_person_object_get_person (tam_slot_get_item (slot));
}

static const char *
count_text (Fixture *f)
{
  return gtk_label_get_text (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "count_label"));
}

static void
type_search (Fixture *f,
             const char *text)
{
  gtk_editable_set_text (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "search_entry"), text);
}

static guint
dropdown_position (GtkDropDown *dropdown,
                   const char *label)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) s = g_list_model_get_item (model, i);
      if (g_strcmp0 (gtk_string_object_get_string (s), label) == 0)
        return i;
    }
  g_error ("no “%s” in the drop-down", label);
  return 0;
}

static void
choose (gpointer widget,
        GType type,
        const char *id,
        const char *label)
{
  GtkDropDown *dropdown = tam_test_child (widget, type, id);

  gtk_drop_down_set_selected (dropdown, dropdown_position (dropdown, label));
}

static void
test_search (Fixture *f,
             gconstpointer data)
{
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);
  g_assert_cmpstr (count_text (f), ==, "8 of 8 people");

  type_search (f, "agus");
  tam_test_spin_until (n_shown (f) == 1);
  g_assert_cmpstr (shown_person (f, 0)->nik, ==, "AG-001");
  g_assert_cmpstr (count_text (f), ==, "1 of 8 people");

  /* Case-insensitive, by NIK too. */
  type_search (f, "ag-00");
  tam_test_spin_until (n_shown (f) == 4);
  type_search (f, "RINA");
  tam_test_spin_until (n_shown (f) == 1);
  g_assert_cmpstr (shown_person (f, 0)->name, ==, "Rina Wati");
  type_search (f, "tl-002");
  tam_test_spin_until (n_shown (f) == 1);
  g_assert_cmpstr (shown_person (f, 0)->name, ==, "Dewi Lestari");
  type_search (f, "nobody-has-this");
  tam_test_spin_until (n_shown (f) == 0);
  g_assert_cmpstr (count_text (f), ==, "0 of 8 people");

  /* Escape (stop-search) clears it. */
  g_signal_emit_by_name (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "search_entry"), "stop-search");
  tam_test_spin_until (n_shown (f) == N_PEOPLE);

  /* Ctrl+F's action puts the focus in the search entry. */
  gtk_widget_grab_focus (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "column_view"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "roster.find", NULL));
  g_assert_true (gtk_widget_is_focus (gtk_root_get_focus (GTK_ROOT (f->window))) && gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                                                                                            tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "search_entry")));
}

static void
test_filters (Fixture *f,
              gconstpointer data)
{
  choose (f->page, TAM_TYPE_ROSTER_PAGE, "site_dropdown", "Tangerang");
  g_assert_cmpuint (n_shown (f), ==, 3);
  choose (f->page, TAM_TYPE_ROSTER_PAGE, "status_dropdown", "Active");
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_cmpstr (count_text (f), ==, "2 of 8 people");

  choose (f->page, TAM_TYPE_ROSTER_PAGE, "site_dropdown", "All sites");
  choose (f->page, TAM_TYPE_ROSTER_PAGE, "status_dropdown", "All statuses");
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);

  choose (f->page, TAM_TYPE_ROSTER_PAGE, "team_leader_dropdown", "Budi Santoso (TL-001)");
  g_assert_cmpuint (n_shown (f), ==, 2);
  g_assert_cmpstr (shown_person (f, 0)->nik, ==, "AG-001");
  g_assert_cmpstr (shown_person (f, 1)->nik, ==, "AG-002");

  /* Filters and the search combine. */
  type_search (f, "rina");
  tam_test_spin_until (n_shown (f) == 1);
  choose (f->page, TAM_TYPE_ROSTER_PAGE, "team_leader_dropdown", "All team leaders");
  type_search (f, "");
  tam_test_spin_until (n_shown (f) == N_PEOPLE);

  choose (f->page, TAM_TYPE_ROSTER_PAGE, "role_dropdown", "Team leader");
  g_assert_cmpuint (n_shown (f), ==, 2);
  choose (f->page, TAM_TYPE_ROSTER_PAGE, "role_dropdown", "All roles");
  choose (f->page, TAM_TYPE_ROSTER_PAGE, "service_dropdown", "WiFi & Add On Digital");
  g_assert_cmpuint (n_shown (f), ==, 3);
}

static void
test_sort (Fixture *f,
           gconstpointer data)
{
  GtkColumnView *view = tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "column_view");

  /* By name at first. */
  g_assert_cmpstr (shown_person (f, 0)->name, ==, "Agus Pratama");
  g_assert_cmpstr (shown_person (f, N_PEOPLE - 1)->name, ==, "Wulan Dari");

  gtk_column_view_sort_by_column (view, tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "nik_column"),
                                  GTK_SORT_DESCENDING);
  g_assert_cmpstr (shown_person (f, 0)->nik, ==, "TL-002");
  gtk_column_view_sort_by_column (view, tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "contract_end_column"),
                                  GTK_SORT_DESCENDING);
  g_assert_cmpstr (shown_person (f, 0)->nik, ==, "AG-002");
  gtk_column_view_sort_by_column (view, tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "team_leader_column"),
                                  GTK_SORT_DESCENDING);
  g_assert_cmpstr (shown_person (f, 0)->team_leader_name, ==, "Dewi Lestari");

  /* Every column sorts. */
  for (guint i = 0; i < g_list_model_get_n_items (gtk_column_view_get_columns (view)); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (gtk_column_view_get_columns (view), i);
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }
}

static TamPersonDialog *
open_dialog (Fixture *f,
             const char *action)
{
  TamPersonDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), action, NULL));
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_PERSON_DIALOG) != NULL);
  dialog = TAM_PERSON_DIALOG (tam_test_find_window (TAM_TYPE_PERSON_DIALOG));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  return dialog;
}

static void
set_entry (TamPersonDialog *dialog,
           const char *id,
           const char *text)
{
  gtk_editable_set_text (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, id), text);
}

static void
click_save (TamPersonDialog *dialog)
{
  g_signal_emit_by_name (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "save_button"), "clicked");
  tam_test_flush ();
  tam_test_wait_saves ();
}

static GtkLabel *
field_error (TamPersonDialog *dialog,
             const char *id)
{
  return tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, id);
}

static void
test_add_person (Fixture *f,
                 gconstpointer data)
{
  TamPersonDialog *dialog = open_dialog (f, "roster.add");
  g_autoptr (TamPerson) stored = NULL;
  g_autoptr (GError) error = NULL;

  set_entry (dialog, "nik_entry", "AG-010");
  set_entry (dialog, "name_entry", "Sinta Dewi");
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "role_dropdown", "Agent");
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "site_dropdown", "Bandung");
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "service_dropdown", "Add On Consumer");
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "team_leader_dropdown", "Budi Santoso (TL-001)");
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "status_dropdown", "Active");
  /* As Indonesian offices write dates. */
  set_entry (dialog, "hired_on_entry", "01/11/2026");
  set_entry (dialog, "contract_end_entry", "2027-10-31");
  click_save (dialog);
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_PERSON_DIALOG) == NULL);

  stored = tam_people_find_nik (f->db->store, "AG-010", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->name, ==, "Sinta Dewi");
  g_assert_cmpstr (stored->role, ==, "AGENT");
  g_assert_cmpstr (stored->site, ==, "BANDUNG");
  g_assert_cmpstr (stored->service, ==, "ADDON_CONSUMER");
  g_assert_cmpint (stored->team_leader_id, ==, f->db->tl1_id);
  g_assert_cmpstr (stored->status, ==, "ACTIVE");
  g_assert_cmpstr (stored->hired_on, ==, "2026-11-01");
  g_assert_cmpstr (stored->contract_end, ==, "2027-10-31");

  /* The list shows it, selected. */
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE + 1);
  {
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (shown (f));
    TamSlot *slot = gtk_single_selection_get_selected_item (selection);
    g_assert_cmpstr (tam_person_object_get_person (tam_slot_get_item (slot))->nik, ==, "AG-010");
  }
}

static void
test_duplicate_nik (Fixture *f,
                    gconstpointer data)
{
  TamPersonDialog *dialog = open_dialog (f, "roster.add");
  GtkLabel *nik_error = field_error (dialog, "nik_error");
  GtkWidget *nik_entry = tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "nik_entry");

  set_entry (dialog, "nik_entry", "AG-001");
  set_entry (dialog, "name_entry", "Someone Else");
  click_save (dialog);

  /* The message is at the NIK field; the dialog stays; nothing stored. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (nik_error)));
  g_assert_cmpstr (gtk_label_get_text (nik_error), ==, "Another person already has the NIK AG-001");
  g_assert_true (gtk_widget_has_css_class (nik_entry, "error"));
  g_assert_true (gtk_widget_has_focus (nik_entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)), nik_entry));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "name_error"))));
  g_assert_true (tam_test_find_window (TAM_TYPE_PERSON_DIALOG) == GTK_WINDOW (dialog));
  {
    g_autoptr (TamPerson) p = tam_people_find_nik (f->db->store, "AG-001", NULL);
    g_assert_cmpstr (p->name, ==, "Agus Pratama");
  }

  /* Editing the field clears its message. */
  set_entry (dialog, "nik_entry", "AG-011");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (nik_error)));
  g_assert_false (gtk_widget_has_css_class (nik_entry, "error"));

  /* Cancel stores nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_PERSON_DIALOG) == NULL);
  g_assert_null (tam_people_find_nik (f->db->store, "AG-011", NULL));
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);
}

static void
test_field_errors (Fixture *f,
                   gconstpointer data)
{
  TamPersonDialog *dialog = open_dialog (f, "roster.add");

  set_entry (dialog, "nik_entry", "AG-012");
  set_entry (dialog, "name_entry", "Tono Wijaya");

  /* An agent needs a service. */
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "service_dropdown", "None");
  click_save (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "service_error"))));
  g_assert_cmpstr (gtk_label_get_text (field_error (dialog, "service_error")), ==,
                   "An agent works for a service: choose one");

  /* A service not run at the site. */
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "site_dropdown", "Medan");
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "service_dropdown", "CT-0 PraNPC");
  click_save (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "service_error"))));
  g_assert_nonnull (strstr (gtk_label_get_text (field_error (dialog, "service_error")), "is not run at"));
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "service_dropdown", "Add On Consumer");

  /* Not a date. */
  set_entry (dialog, "hired_on_entry", "31/02/2026");
  click_save (dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "service_error"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "hired_on_error"))));

  /* A contract that ends before the hire date. */
  set_entry (dialog, "hired_on_entry", "2026-01-10");
  set_entry (dialog, "contract_end_entry", "2025-12-31");
  click_save (dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "hired_on_error"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "contract_end_error"))));
  g_assert_cmpstr (gtk_label_get_text (field_error (dialog, "contract_end_error")), ==,
                   "The contract cannot end before the hire date");
  g_assert_null (tam_people_find_nik (f->db->store, "AG-012", NULL));

  /* Fixed: stored. */
  set_entry (dialog, "contract_end_entry", "");
  click_save (dialog);
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_PERSON_DIALOG) == NULL);
  {
    g_autoptr (TamPerson) p = tam_people_find_nik (f->db->store, "AG-012", NULL);
    g_assert_nonnull (p);
    g_assert_cmpstr (p->site, ==, "MEDAN");
    g_assert_null (p->contract_end);
  }
}

static void
test_team_leader_not_tl (Fixture *f,
                         gconstpointer data)
{
  TamPersonDialog *dialog;
  g_autoptr (TamPerson) tl = NULL;

  /* TL-002 becomes an agent in another window meanwhile; AG-003 still
   * names them as team leader. Saving AG-003 says so at the field. */
  tl = tam_people_find_nik (f->db->store, "TL-002", NULL);
  g_assert_true (tam_roster_page_select_nik (f->page, "AG-003"));
  dialog = open_dialog (f, "roster.edit");
  g_free (tl->role);
  tl->role = g_strdup ("QCO");
  g_free (tl->service);
  tl->service = NULL;
  g_assert_true (tam_people_save (f->db->store, f->db->admin, tl, NULL, NULL));

  click_save (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "team_leader_error"))));
  g_assert_nonnull (strstr (gtk_label_get_text (field_error (dialog, "team_leader_error")),
                            "not a team leader"));
}

/* Issue 13: a supervisor may not make anyone a manager (nor a
 * supervisor); the dialog says so under the role and stores nothing. */
static void
test_escalation (Fixture *f,
                 gconstpointer data)
{
  TamPersonDialog *dialog = open_dialog (f, "roster.add");

  set_entry (dialog, "nik_entry", "MG-002");
  set_entry (dialog, "name_entry", "Orang Baru");
  choose (dialog, TAM_TYPE_PERSON_DIALOG, "role_dropdown", "Manager");
  click_save (dialog);
  tam_test_spin_until (gtk_widget_get_visible (GTK_WIDGET (field_error (dialog, "role_error"))));
  g_assert_nonnull (strstr (gtk_label_get_text (field_error (dialog, "role_error")), "only a manager gives the role"));
  g_assert_null (tam_people_find_nik (f->db->store, "MG-002", NULL));
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_edit (Fixture *f,
           gconstpointer data)
{
  TamPersonDialog *dialog;
  g_autoptr (TamPerson) p = NULL;

  g_assert_true (tam_roster_page_select_nik (f->page, "AG-002"));
  dialog = open_dialog (f, "roster.edit");
  g_assert_cmpstr (gtk_editable_get_text (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "name_entry")), ==,
                   "Rina Wati");
  set_entry (dialog, "name_entry", "Rina Wati Lestari");
  click_save (dialog);
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_PERSON_DIALOG) == NULL);

  p = tam_people_find_nik (f->db->store, "AG-002", NULL);
  g_assert_cmpstr (p->name, ==, "Rina Wati Lestari");
  g_assert_cmpint (p->team_leader_id, ==, f->db->tl1_id);
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);
}

static void
test_deactivate (Fixture *f,
                 gconstpointer data)
{
  AdwMessageDialog *dialog;
  g_autoptr (TamPerson) p = NULL;

  g_assert_true (tam_roster_page_select_nik (f->page, "AG-002"));
  g_assert_true (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "deactivate_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "roster.deactivate", NULL));
  tam_test_spin_until (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Deactivate Rina Wati?");
  tam_test_message_click (dialog, "_Resigned");
  tam_test_spin_until (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  tam_test_wait_saves ();

  p = tam_people_find_nik (f->db->store, "AG-002", NULL);
  g_assert_cmpstr (p->status, ==, "RESIGNED");
  /* Still shown (people are never deleted), no longer deactivatable. */
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "deactivate_button")));
}

static GtkWidget *
find_css_class (GtkWidget *root,
                const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css_class (child, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_contract_ending (Fixture *f,
                      gconstpointer data)
{
  GtkWidget *marked;

  for (guint i = 0; i < n_shown (f); i++)
    {
      g_autoptr (TamSlot) slot = g_list_model_get_item (shown (f), i);
      TamPersonObject *obj = tam_slot_get_item (slot);
      const char *nik = tam_person_object_get_person (obj)->nik;

      /* AG-001 ends in 10 days; AG-002 in 200. */
      g_assert_cmpint (tam_person_object_get_contract_ending (obj), ==, g_strcmp0 (nik, "AG-001") == 0);
    }

  /* The cell shows it: a style class, a tooltip, an icon. */
  type_search (f, "AG-001");
  tam_test_spin_until (n_shown (f) == 1);
  tam_test_spin_until ((marked = find_css_class (GTK_WIDGET (f->page), "contract-ending")) != NULL);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (marked), ==, "The contract ends within 30 days");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_last_child (marked)));
  g_assert_true (GTK_IS_IMAGE (gtk_widget_get_last_child (marked)));
}

static void
test_permissions_team_leader (Fixture *f,
                              gconstpointer data)
{
  g_assert_cmpstr (tam_window_get_session (f->window)->role, ==, "TEAM_LEADER");
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "add_button")));
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "edit_button")));
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "deactivate_button")));
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "import_button")));
  g_assert_true (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "export_button")));
  /* The action is disabled too: no dialog. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "roster.add", NULL);
  tam_test_flush ();
  g_assert_null (tam_test_find_window (TAM_TYPE_PERSON_DIALOG));
  /* And the core, under the dialog, refuses a TL as well. */
  {
    TamPersonDialog *dialog = tam_person_dialog_new (GTK_WINDOW (f->window), f->db->store,
                                                     tam_window_get_session (f->window), NULL);
    set_entry (dialog, "nik_entry", "AG-013");
    set_entry (dialog, "name_entry", "Someone");
    choose (dialog, TAM_TYPE_PERSON_DIALOG, "site_dropdown", "Bandung");
    choose (dialog, TAM_TYPE_PERSON_DIALOG, "service_dropdown", "Add On Consumer");
    g_assert_false (tam_person_dialog_save (dialog));
    g_assert_true (gtk_widget_get_visible (tam_test_child (dialog, TAM_TYPE_PERSON_DIALOG, "error_label")));
    g_assert_null (tam_people_find_nik (f->db->store, "AG-013", NULL));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
}

static void
test_permissions_qco (Fixture *f,
                      gconstpointer data)
{
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "add_button")));
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "edit_button")));
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);
}

/* Imports through the worker. */

static char *
write_file (Fixture *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->db->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static AdwMessageDialog *
wait_for_result (Fixture *f)
{
  TamJobBar *bar = TAM_JOB_BAR (tam_test_find_child (GTK_WIDGET (f->page), TAM_TYPE_JOB_BAR));

  tam_test_spin_until (!tam_job_bar_get_running (bar) && tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  return ADW_MESSAGE_DIALOG (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

static void
close_message (AdwMessageDialog *dialog)
{
  tam_test_message_click (dialog, "_Close");
  tam_test_spin_until (tam_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL);
}

static void
test_import (Fixture *f,
             gconstpointer data)
{
  g_autofree char *path = write_file (f, "roster.csv",
                                      "\xEF\xBB\xBFnik;name;role;site;service;team_leader_nik;status;hired_on;contract_end\r\n"
                                      "AG-020;Lina Marlina;AGENT;BANDUNG;ADDON_CONSUMER;TL-001;ACTIVE;02/03/2026;\r\n"
                                      "AG-021;\"Dian, Sastro\";AGENT;BANDUNG;ADDON_CONSUMER;TL-001;TRAINING;2026-11-01;2027-10-31\r\n"
                                      "AG-022;Ucok Siregar;AGENT;TANGERANG;WIFI_DIGITAL;TL-002;ACTIVE;2026-05-01;\r\n");
  TamJobBar *bar = TAM_JOB_BAR (tam_test_find_child (GTK_WIDGET (f->page), TAM_TYPE_JOB_BAR));
  AdwMessageDialog *dialog;
  g_autoptr (TamPerson) p = NULL;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  tam_roster_page_import_file (f->page, path);
  /* The bar shows, the import button waits. */
  g_assert_true (tam_job_bar_get_running (bar));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_false (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "import_button")));

  dialog = wait_for_result (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Roster imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "3 new"));
  close_message (dialog);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (bar)));
  g_assert_cmpfloat (tam_job_bar_get_fraction (bar), ==, 1.0);
  g_assert_true (gtk_widget_is_sensitive (tam_test_child (f->page, TAM_TYPE_ROSTER_PAGE, "import_button")));
  p = tam_people_find_nik (f->db->store, "AG-021", NULL);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, "Dian, Sastro");
  g_assert_cmpint (p->team_leader_id, ==, f->db->tl1_id);
  /* The list was refreshed. */
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE + 3);

  /* The same file again changes nothing, and says so. */
  tam_roster_page_import_file (f->page, path);
  dialog = wait_for_result (f);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "no changes"));
  close_message (dialog);
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE + 3);
  g_unlink (path);
}

static void
test_import_errors (Fixture *f,
                    gconstpointer data)
{
  g_autofree char *path = write_file (f, "bad-roster.csv",
                                      "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n"
                                      "AG-030,Good Row,AGENT,BANDUNG,ADDON_CONSUMER,TL-001,ACTIVE,2026-01-01,\n"
                                      "AG-031,Bad Status,AGENT,BANDUNG,ADDON_CONSUMER,TL-001,SLEEPING,2026-01-01,\n");
  AdwMessageDialog *dialog;

  tam_roster_page_import_file (f->page, path);
  dialog = wait_for_result (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Nothing was imported");
  /* The file, the line and the reason. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "bad-roster.csv:3"));
  close_message (dialog);
  /* All or nothing. */
  g_assert_null (tam_people_find_nik (f->db->store, "AG-030", NULL));
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);
  g_unlink (path);
}

static void
test_import_cancel (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n");
  g_autofree char *path = NULL;
  TamJobBar *bar = TAM_JOB_BAR (tam_test_find_child (GTK_WIDGET (f->page), TAM_TYPE_JOB_BAR));
  AdwMessageDialog *dialog;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "C%05u,Agen Nomor %u,AGENT,BANDUNG,ADDON_CONSUMER,TL-001,ACTIVE,2026-01-01,\n", i, i);
  path = write_file (f, "big-roster.csv", csv->str);

  tam_roster_page_import_file (f->page, path);
  g_assert_true (tam_job_bar_get_running (bar));
  /* The user presses Cancel. */
  g_signal_emit_by_name (tam_test_child (bar, TAM_TYPE_JOB_BAR, "cancel_button"), "clicked");
  dialog = wait_for_result (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import cancelled");
  close_message (dialog);

  g_assert_null (tam_people_find_nik (f->db->store, "C00000", NULL));
  g_assert_null (tam_people_find_nik (f->db->store, "C19999", NULL));
  g_assert_cmpuint (n_shown (f), ==, N_PEOPLE);
  g_unlink (path);
}

static void
test_window_responsive (Fixture *f,
                        gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n");
  g_autofree char *path = NULL;
  TamJobBar *bar = TAM_JOB_BAR (tam_test_find_child (GTK_WIDGET (f->page), TAM_TYPE_JOB_BAR));
  AdwMessageDialog *dialog;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "R%05u,Agen Nomor %u,AGENT,BANDUNG,ADDON_CONSUMER,TL-001,ACTIVE,2026-01-01,\n", i, i);
  path = write_file (f, "roster-5000.csv", csv->str);

  tam_roster_page_import_file (f->page, path);
  /* While it runs, the list still answers a search (the main loop turns). */
  type_search (f, "rina");
  tam_test_spin_until (n_shown (f) == 1 || !tam_job_bar_get_running (bar));
  dialog = wait_for_result (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Roster imported");
  close_message (dialog);
  type_search (f, "");
  tam_test_spin_until (n_shown (f) == N_PEOPLE + 5000);
  g_unlink (path);
}

static void
test_export (Fixture *f,
             gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->db->dir, "export.csv", NULL);
  g_autofree char *contents = NULL;
  AdwMessageDialog *dialog;

  tam_roster_page_export_file (f->page, path);
  dialog = wait_for_result (f);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Roster exported");
  close_message (dialog);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end"));
  g_assert_nonnull (strstr (contents, "AG-001,Agus Pratama,AGENT,BANDUNG,ADDON_CONSUMER,TL-001,ACTIVE"));
  g_unlink (path);
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

#define ADD(path, func, who) \
  g_test_add ("/ui/roster/" path, Fixture, who, fixture_setup, func, fixture_teardown)
  ADD ("search", test_search, NULL);
  ADD ("filters", test_filters, NULL);
  ADD ("sort", test_sort, NULL);
  ADD ("add-person", test_add_person, NULL);
  ADD ("duplicate-nik", test_duplicate_nik, NULL);
  ADD ("field-errors", test_field_errors, NULL);
  ADD ("team-leader-not-tl", test_team_leader_not_tl, NULL);
  ADD ("edit", test_edit, NULL);
  ADD ("escalation", test_escalation, NULL);
  ADD ("deactivate", test_deactivate, NULL);
  ADD ("contract-ending", test_contract_ending, NULL);
  ADD ("permissions/team-leader", test_permissions_team_leader, "TL-001");
  ADD ("permissions/qco", test_permissions_qco, "QCO-001");
  ADD ("import", test_import, NULL);
  ADD ("import-errors", test_import_errors, NULL);
  ADD ("import-cancel", test_import_cancel, NULL);
  ADD ("responsive-during-import", test_window_responsive, NULL);
  ADD ("export", test_export, NULL);
#undef ADD
  return g_test_run ();
}
