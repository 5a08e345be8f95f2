/* Every control a screen reader reaches has a name.
 *
 * Signs in to the real window as a supervisor, a QCO, a team leader and
 * a trainer, shows each
 * tab (the Queue tab with a call loaded), the Preferences window, the
 * person dialog and the report dialog, and walks every widget: a control (button, entry, drop
 * down, check, switch, list, media controls…) must have an accessible
 * label, a "labelled by" relation (a mnemonic label), or visible text of
 * its own (a button's label). The walk stops at a control: its inner
 * parts are GTK's. Failing lists every unnamed control with its type and
 * where it is. */
#include "config.h"

#include <string.h>

#include "tam-people.h"
#include "tam-person-dialog.h"
#include "tam-preferences-window.h"
#include "tam-sign-in-page.h"
#include "tam-test-ui.h"
#include "tam-window.h"

static gboolean
is_control (GtkWidget *w)
{
  return GTK_IS_BUTTON (w) || GTK_IS_MENU_BUTTON (w) || GTK_IS_CHECK_BUTTON (w) ||
         GTK_IS_DROP_DOWN (w) || GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w) ||
         GTK_IS_SWITCH (w) || GTK_IS_SCALE (w) || GTK_IS_COLUMN_VIEW (w) ||
         GTK_IS_LIST_VIEW (w) || GTK_IS_MEDIA_CONTROLS (w) ||
         GTK_IS_CALENDAR (w) || GTK_IS_STACK_SIDEBAR (w) ||
         ADW_IS_COMBO_ROW (w) || ADW_IS_ENTRY_ROW (w);
}

/* Text a control shows itself: a button's or check button's label, or a
 * label inside a button. */
static gboolean
has_own_text (GtkWidget *w)
{
  const char *text = NULL;

  if (GTK_IS_BUTTON (w))
    text = gtk_button_get_label (GTK_BUTTON (w));
  else if (GTK_IS_CHECK_BUTTON (w))
    text = gtk_check_button_get_label (GTK_CHECK_BUTTON (w));
  else if (GTK_IS_MENU_BUTTON (w))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (w));
  if (text != NULL && text[0] != '\0')
    return TRUE;

  /* A button whose child is (or holds) a label, e.g. AdwButtonContent. */
  if (GTK_IS_BUTTON (w) && gtk_button_get_icon_name (GTK_BUTTON (w)) == NULL)
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (w));

      if (ADW_IS_BUTTON_CONTENT (child))
        return adw_button_content_get_label (ADW_BUTTON_CONTENT (child)) != NULL;
      if (GTK_IS_LABEL (child))
        return gtk_label_get_text (GTK_LABEL (child))[0] != '\0';
    }
  return FALSE;
}

/* AdwPreferencesWindow's own search entry and results list (libadwaita
 * 1.2 gives them no name, and they are not ours to change). */
static gboolean
is_adw_internal (GtkWidget *w)
{
  for (GtkWidget *p = gtk_widget_get_parent (w); p != NULL; p = gtk_widget_get_parent (p))
    {
      if (ADW_IS_PREFERENCES_PAGE (p))
        return FALSE;
      if (ADW_IS_PREFERENCES_WINDOW (p))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_name (GtkWidget *w)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
         gtk_test_accessible_has_relation (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_RELATION_LABELLED_BY) ||
         has_own_text (w);
}

/* Where a widget is: its type and those of its named ancestors. */
static char *
describe (GtkWidget *w)
{
  GString *path = g_string_new (G_OBJECT_TYPE_NAME (w));
  const char *name = gtk_widget_get_name (w);
  const char *tooltip = gtk_widget_get_tooltip_text (w);

  if (name != NULL && g_strcmp0 (name, G_OBJECT_TYPE_NAME (w)) != 0)
    g_string_append_printf (path, "#%s", name);
  if (GTK_IS_BUTTON (w) && gtk_button_get_icon_name (GTK_BUTTON (w)) != NULL)
    g_string_append_printf (path, " icon=%s", gtk_button_get_icon_name (GTK_BUTTON (w)));
  if (tooltip != NULL)
    g_string_append_printf (path, " tooltip=“%s”", tooltip);
  for (GtkWidget *p = gtk_widget_get_parent (w); p != NULL; p = gtk_widget_get_parent (p))
    if (g_str_has_prefix (G_OBJECT_TYPE_NAME (p), "Tam"))
      {
        g_string_append_printf (path, " in %s", G_OBJECT_TYPE_NAME (p));
        break;
      }
  return g_string_free (path, FALSE);
}

static void
walk (GtkWidget *w,
      GString *missing,
      guint *controls)
{
  /* What is on screen: a stack's other pages are not mapped. */
  if (!gtk_widget_get_mapped (w))
    return;
  if (is_control (w))
    {
      (*controls)++;
      if (!has_name (w) && !is_adw_internal (w))
        {
          g_autofree char *where = describe (w);
          g_string_append_printf (missing, "\n  %s", where);
        }
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    walk (c, missing, controls);
}

static void
assert_all_named (GtkWidget *root,
                  const char *what)
{
  g_autoptr (GString) missing = g_string_new (NULL);
  guint controls = 0;

  walk (root, missing, &controls);
  g_test_message ("%s: %u controls", what, controls);
  g_assert_cmpuint (controls, >, 3);
  if (missing->len > 0)
    g_error ("%s: controls without an accessible name:%s", what, missing->str);
}

static void
find_pages (GtkWidget *root,
            GPtrArray *pages)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (ADW_IS_PREFERENCES_PAGE (c) && ADW_IS_VIEW_STACK (root))
      g_ptr_array_add (pages, c);
    else
      find_pages (c, pages);
}

static void
sign_in (TamWindow *window,
         const char *nik)
{
  GtkWidget *page = tam_test_find_child (GTK_WIDGET (window), TAM_TYPE_SIGN_IN_PAGE);
  GtkEditable *nik_entry = tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "nik_entry");
  GtkEditable *password_entry = tam_test_child (page, TAM_TYPE_SIGN_IN_PAGE, "password_entry");

  gtk_editable_set_text (nik_entry, nik);
  gtk_editable_set_text (password_entry, TAM_TEST_PASSWORD);
  g_signal_emit_by_name (password_entry, "activate");
  tam_test_flush ();
  g_assert_nonnull (tam_window_get_session (window));
}

static void
show_tabs (TamWindow *window,
           const char *who)
{
  GtkStack *pages = tam_test_child (window, TAM_TYPE_WINDOW, "page_stack");

  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (pages)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      g_autofree char *what = NULL;

      gtk_stack_set_visible_child (pages, page);
      tam_test_flush ();
      g_usleep (50000);
      tam_test_flush ();
      what = g_strdup_printf ("%s, tab %s", who, gtk_stack_get_visible_child_name (pages));
      assert_all_named (GTK_WIDGET (window), what);
    }
}

static void
test_window (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamWindow *window;

  tam_test_insert_call (db->store, "MYCX-A11Y-1", db->ag1_id, "2026-10-05 08:10:00", "vr-1.wav");
  tam_test_insert_call (db->store, "MYCX-A11Y-2", db->ag2_id, "2026-10-05 09:10:00", "vr-2.wav");

  window = tam_window_new (NULL, db->path);
  gtk_window_present (GTK_WINDOW (window));
  tam_test_flush ();
  assert_all_named (GTK_WIDGET (window), "sign-in page");

  sign_in (window, "SPV-001");
  show_tabs (window, "supervisor");

  /* The person dialog (Roster tab, New Person). */
  {
    GtkWidget *dialog = GTK_WIDGET (tam_person_dialog_new (GTK_WINDOW (window), tam_window_get_store (window),
                                                           tam_window_get_session (window), NULL));
    gtk_window_present (GTK_WINDOW (dialog));
    tam_test_flush ();
    assert_all_named (dialog, "person dialog");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* The report dialog (main menu, Reports), idle. */
  {
    TamReportDialog *dialog;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.report", "s", "f18"));
    tam_test_flush ();
    dialog = TAM_REPORT_DIALOG (tam_test_find_window (TAM_TYPE_REPORT_DIALOG));
    g_assert_nonnull (dialog);
    assert_all_named (GTK_WIDGET (dialog), "report dialog");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  /* Preferences, every page. */
  {
    GtkWidget *prefs = GTK_WIDGET (tam_preferences_window_new (GTK_WINDOW (window), NULL,
                                                               tam_window_get_store (window),
                                                               tam_window_get_session (window)));
    g_autoptr (GPtrArray) pages = g_ptr_array_new ();

    gtk_window_present (GTK_WINDOW (prefs));
    tam_test_flush ();
    find_pages (prefs, pages);
    g_assert_cmpuint (pages->len, >=, 2);
    for (guint i = 0; i < pages->len; i++)
      {
        AdwPreferencesPage *page = g_ptr_array_index (pages, i);
        g_autofree char *what = g_strdup_printf ("preferences, page %s", adw_preferences_page_get_title (page));

        adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), page);
        tam_test_flush ();
        assert_all_named (prefs, what);
      }
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  /* A QCO, on the Queue tab with a call loaded. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL));
  tam_test_flush ();
  sign_in (window, "QCO-001");
  show_tabs (window, "QCO");

  /* A team leader (recovery plans to draft, their team's coaching). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL));
  tam_test_flush ();
  sign_in (window, "TL-001");
  show_tabs (window, "team leader");

  /* A trainer (the Training tab's sessions, scores and overview). */
  {
    g_autoptr (TamPerson) p = tam_person_new ();
    g_autoptr (GError) error = NULL;

    p->nik = g_strdup ("TRN-001");
    p->name = g_strdup ("Sri Wahyuni");
    p->role = g_strdup ("TRAINER");
    p->site = g_strdup ("BANDUNG");
    p->status = g_strdup ("ACTIVE");
    p->hired_on = g_strdup ("2023-03-01");
    g_assert_true (tam_people_save (db->store, db->admin, p, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (tam_auth_set_password (db->store, db->admin, "TRN-001", TAM_TEST_PASSWORD, &error));
    g_assert_no_error (error);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL));
  tam_test_flush ();
  sign_in (window, "TRN-001");
  show_tabs (window, "trainer");

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  tam_test_db_free (db);
}

int
main (int argc,
      char *argv[])
{
  /* GTK's test accessibility backend: it keeps each widget's accessible
   * properties and relations where gtk_test_accessible_* can read them
   * (the other tests run with GTK_A11Y=none). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add_func ("/ui/a11y/window", test_window);
  return g_test_run ();
}
