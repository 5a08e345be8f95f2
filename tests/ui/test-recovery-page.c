/* The Recovery plans tab (issue 11): a team leader drafts a plan with the
 * keyboard (Ctrl+N, the dialog's fields, Enter) and submits it (S); the
 * supervisor sees it waiting, with the count in the sidebar, finds that a
 * rejection needs a reason (R), and approves it (A); the KPI tab's hook
 * win.recovery-draft opens the dialog filled in. */
#include "config.h"

#include <string.h>

#include "tam-recovery-page.h"
#include "tam-recovery.h"
#include "tam-sign-in-page.h"
#include "tam-test-ui.h"
#include "tam-window.h"

typedef struct
{
  TamTestDb *db;
  TamWindow *window;
  TamRecoveryPage *page;
} Fixture;

static void
sign_in (Fixture *f,
         const char *nik)
{
  TamSignInPage *sign_in_page;

  if (f->window != NULL)
    {
      tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
      g_object_ref (f->window);
      tam_test_close_all ();
      g_assert_finalize_object (f->window);
    }
  f->window = tam_window_new (NULL, f->db->path);
  gtk_window_present (GTK_WINDOW (f->window));
  sign_in_page = TAM_SIGN_IN_PAGE (tam_test_find_child (GTK_WIDGET (f->window), TAM_TYPE_SIGN_IN_PAGE));
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry"), nik);
  gtk_editable_set_text (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), TAM_TEST_PASSWORD);
  g_signal_emit_by_name (tam_test_child (sign_in_page, TAM_TYPE_SIGN_IN_PAGE, "password_entry"), "activate");
  f->page = TAM_RECOVERY_PAGE (tam_window_get_page (f->window, "recovery"));
  g_assert_nonnull (f->page);
  /* Alt+6. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "u", 5);
  g_assert_true (gtk_stack_get_visible_child (tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack")) ==
                 GTK_WIDGET (f->page));
  tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
  tam_test_flush ();
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  f->db = tam_test_db_new (0);
  sign_in (f, "TL-001");
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
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

/* The descendants of @root of @type, depth first, in order. */
static void
collect (GtkWidget *root,
         GType type,
         GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (out, child);
      collect (child, type, out);
    }
}

static GPtrArray *
all_of (GtkWidget *root,
        GType type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (root, type, out);
  return out;
}

static TamRecoveryPlan *
only_plan (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) plans = tam_recovery_list (f->db->store, f->db->admin, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (plans->len, ==, 1);
  return g_ptr_array_steal_index (plans, 0);
}

static const char *
sidebar_title (Fixture *f)
{
  GtkStack *stack = tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack");
  return gtk_stack_page_get_title (gtk_stack_get_page (stack, GTK_WIDGET (f->page)));
}

static void
test_draft_submit_approve (Fixture *f,
                           gconstpointer data)
{
  g_autoptr (TamRecoveryPlan) plan = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) dropdowns = NULL;
  g_autoptr (GPtrArray) texts = NULL;
  GtkWidget *dialog;
  gint64 id;

  /* A team leader opens on their drafts: none yet. */
  g_assert_cmpint (tam_recovery_page_get_selected_id (f->page), ==, 0);
  g_assert_cmpstr (sidebar_title (f), ==, "Recovery plans");

  /* Ctrl+N: the dialog, filled in for the team leader's own team. */
  press (f, GDK_KEY_n, GDK_CONTROL_MASK);
  dialog = tam_recovery_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  entries = all_of (dialog, GTK_TYPE_ENTRY);
  dropdowns = all_of (dialog, GTK_TYPE_DROP_DOWN);
  texts = all_of (dialog, GTK_TYPE_TEXT_VIEW);
  /* NIK or code, period, then what / owner / due per action. */
  g_assert_cmpuint (entries->len, ==, 2 + 3 * 3);
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "TL-001");
  g_assert_cmpuint (strlen (gtk_editable_get_text (entries->pdata[1])), ==, 7);
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[3]), ==, "TL-001");
  /* Roster adherence, decided by the operations supervisor. */
  gtk_drop_down_set_selected (dropdowns->pdata[0], TAM_KPI_ADHERENCE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (texts->pdata[0]), "Telat login berulang", -1);
  gtk_editable_set_text (entries->pdata[2], "Briefing pagi tentang login tepat waktu");
  /* Enter: the dialog's default response, Save Draft (as
   * test-coaching-page.c, the response itself: GTK 4.8 gives no way to
   * synthesise the key). */
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "ok");
  g_assert_true (gtk_entry_get_activates_default (entries->pdata[2]));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  tam_test_flush ();
  tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
  g_assert_null (tam_recovery_page_get_dialog (f->page));

  plan = only_plan (f);
  id = plan->id;
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_DRAFT);
  g_assert_cmpint (plan->kpi, ==, TAM_KPI_ADHERENCE);
  g_assert_cmpint (plan->scope, ==, TAM_KPI_SCOPE_TEAM);
  g_assert_cmpstr (plan->scope_ref, ==, "TL-001");
  g_assert_cmpstr (plan->analysis, ==, "Telat login berulang");
  g_assert_cmpuint (plan->actions->len, ==, 1);
  g_assert_cmpstr (((TamRecoveryAction *) plan->actions->pdata[0])->owner_nik, ==, "TL-001");
  /* The page shows it in my drafts. */
  g_assert_cmpint (tam_recovery_page_get_selected_id (f->page), ==, id);

  /* S submits it. */
  press (f, GDK_KEY_s, 0);
  tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
  g_clear_pointer (&plan, tam_recovery_plan_free);
  plan = only_plan (f);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_SUBMITTED);
  /* The team leader cannot approve it. */
  press (f, GDK_KEY_a, 0);
  tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
  g_clear_pointer (&plan, tam_recovery_plan_free);
  plan = only_plan (f);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_SUBMITTED);

  /* The supervisor: waiting for approval, counted in the sidebar. */
  sign_in (f, "SPV-001");
  g_assert_cmpint (tam_recovery_page_get_to_decide (f->page), ==, 1);
  g_assert_cmpstr (sidebar_title (f), ==, "Recovery plans (1)");
  g_assert_cmpint (tam_recovery_page_get_selected_id (f->page), ==, id);
  /* R: a rejection needs its reason. */
  press (f, GDK_KEY_r, 0);
  dialog = tam_recovery_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  {
    g_autoptr (GPtrArray) reason = all_of (dialog, GTK_TYPE_TEXT);

    gtk_editable_set_text (reason->pdata[0], "   ");
    g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
    gtk_editable_set_text (reason->pdata[0], "Lampirkan data login");
    g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "ok"));
  }
  /* Escape: nothing happens. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  tam_test_flush ();
  tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
  g_clear_pointer (&plan, tam_recovery_plan_free);
  plan = only_plan (f);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_SUBMITTED);

  /* A approves it; it leaves the box and the count. */
  press (f, GDK_KEY_a, 0);
  tam_test_spin_until (!tam_recovery_page_is_busy (f->page));
  g_clear_pointer (&plan, tam_recovery_plan_free);
  plan = only_plan (f);
  g_assert_cmpint (plan->state, ==, TAM_RECOVERY_APPROVED);
  g_assert_cmpstr (plan->decided_by_nik, ==, "SPV-001");
  g_assert_cmpint (tam_recovery_page_get_to_decide (f->page), ==, 0);
  g_assert_cmpstr (sidebar_title (f), ==, "Recovery plans");
}

/* The KPI tab's hook: the window's action opens the dialog filled in. */
static void
test_window_action (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GPtrArray) dropdowns = NULL;
  GtkWidget *dialog;
  GtkStack *stack = tam_test_child (f->window, TAM_TYPE_WINDOW, "page_stack");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "u", 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.recovery-draft", "s",
                                             "ct0_agree\tagent:AG-001\t2026-10"));
  tam_test_flush ();
  g_assert_true (gtk_stack_get_visible_child (stack) == GTK_WIDGET (f->page));
  dialog = tam_recovery_page_get_dialog (f->page);
  g_assert_nonnull (dialog);
  entries = all_of (dialog, GTK_TYPE_ENTRY);
  dropdowns = all_of (dialog, GTK_TYPE_DROP_DOWN);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdowns->pdata[0]), ==, TAM_KPI_CT0_AGREE);
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "AG-001");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[1]), ==, "2026-10");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  tam_test_flush ();
  /* A bad text opens nothing. */
  g_assert_false (tam_recovery_page_draft (f->page, "nps\tteam:TL-001\t2026-10"));
  g_assert_null (tam_recovery_page_get_dialog (f->page));
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add ("/recovery-page/draft-submit-approve", Fixture, NULL, fixture_setup, test_draft_submit_approve,
              fixture_teardown);
  g_test_add ("/recovery-page/window-action", Fixture, NULL, fixture_setup, test_window_action, fixture_teardown);
  return g_test_run ();
}
