/* The preferences window: the assessment parameters page. */
#include "config.h"

#include "tam-codes.h"
#include "tam-preferences-window.h"
#include "tam-tapping.h"
#include "tam-test-ui.h"

static guint
service_index (const char *service)
{
  const char *const *services = tam_services ();

  for (guint i = 0; services[i] != NULL; i++)
    if (g_str_equal (services[i], service))
      return i;
  g_assert_not_reached ();
}

static const TamParameter *
find_parameter (GPtrArray *parameters,
                const char *code)
{
  for (guint i = 0; i < parameters->len; i++)
    {
      const TamParameter *parameter = g_ptr_array_index (parameters, i);
      if (g_str_equal (parameter->code, code))
        return parameter;
    }
  return NULL;
}

static void
test_parameters_edit (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamSession *sq = tam_session_new (0, "SQ-001", "Sari", "SUPERVISOR_QUALITY", "BANDUNG", NULL);
  g_autoptr (GPtrArray) parameters = NULL;
  g_autoptr (GError) error = NULL;
  const TamParameter *parameter;
  TamPreferencesWindow *prefs;
  GtkListBox *list;
  GtkLabel *error_label;
  guint n_before;

  prefs = tam_preferences_window_new (NULL, db->path, db->store, sq);
  gtk_window_present (GTK_WINDOW (prefs));
  tam_test_flush ();

  adw_combo_row_set_selected (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "service_row"),
                              service_index ("ADDON_CONSUMER"));
  tam_test_flush ();
  parameters = tam_parameters_list (db->store, "ADDON_CONSUMER", TRUE, &error);
  g_assert_no_error (error);
  n_before = parameters->len;
  g_clear_pointer (&parameters, g_ptr_array_unref);

  g_assert_true (gtk_widget_get_sensitive (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "save_button")));
  g_assert_true (gtk_widget_get_sensitive (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "code_row")));

  /* Add a parameter through the form. */
  g_signal_emit_by_name (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "add_button"), "clicked");
  gtk_editable_set_text (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "code_row"), "UI_GREETING");
  gtk_editable_set_text (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "text_row"),
                         "Greets the customer by name");
  gtk_switch_set_active (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "critical_switch"), TRUE);
  g_signal_emit_by_name (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "save_button"), "clicked");
  tam_test_flush ();
  tam_test_wait_saves ();

  error_label = tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "error_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  parameters = tam_parameters_list (db->store, "ADDON_CONSUMER", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parameters->len, ==, n_before + 1);
  parameter = find_parameter (parameters, "UI_GREETING");
  g_assert_nonnull (parameter);
  g_assert_cmpstr (parameter->text, ==, "Greets the customer by name");
  g_assert_true (parameter->critical);
  g_assert_true (parameter->active);
  g_clear_pointer (&parameters, g_ptr_array_unref);

  /* The list shows it. */
  list = tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "parameter_list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, n_before));
  g_assert_null (gtk_list_box_get_row_at_index (list, n_before + 1));

  /* The core's refusal is shown under the form: the same code again. */
  g_signal_emit_by_name (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "add_button"), "clicked");
  gtk_editable_set_text (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "code_row"), "UI_GREETING");
  gtk_editable_set_text (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "text_row"), "Again");
  g_signal_emit_by_name (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "save_button"), "clicked");
  tam_test_flush ();
  tam_test_wait_saves ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), !=, "");

  /* Editing an existing one: the row loads it into the form. */
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, n_before));
  tam_test_flush ();
  g_assert_cmpstr (gtk_editable_get_text (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "code_row")),
                   ==, "UI_GREETING");
  g_assert_false (gtk_widget_get_sensitive (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "code_row")));
  gtk_switch_set_active (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "active_switch"), FALSE);
  g_signal_emit_by_name (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "save_button"), "clicked");
  tam_test_flush ();
  tam_test_wait_saves ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  parameters = tam_parameters_list (db->store, "ADDON_CONSUMER", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parameters->len, ==, n_before + 1);
  parameter = find_parameter (parameters, "UI_GREETING");
  g_assert_false (parameter->active);
  g_clear_pointer (&parameters, g_ptr_array_unref);

  g_object_ref (prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  tam_test_flush ();
  g_assert_finalize_object (prefs);
  tam_session_free (sq);
  tam_test_db_free (db);
}

static void
test_parameters_read_only (void)
{
  TamTestDb *db = tam_test_db_new (0);
  TamSession *qco = tam_session_new (0, "QCO-001", "Qori", "QCO", "BANDUNG", NULL);
  const char *controls[] = {
    "add_button",
    "code_row",
    "text_row",
    "critical_switch",
    "active_switch",
    "save_button",
  };
  TamPreferencesWindow *prefs;

  prefs = tam_preferences_window_new (NULL, db->path, db->store, qco);
  gtk_window_present (GTK_WINDOW (prefs));
  tam_test_flush ();

  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    g_assert_false (gtk_widget_get_sensitive (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, controls[i])));
  /* The page itself is visible: the service can still be chosen. */
  g_assert_true (gtk_widget_get_sensitive (tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "service_row")));

  /* Issue 12, point 5: the daily target, a setting of this desk. */
  {
    g_autoptr (GSettings) settings = g_settings_new ("com.infomedia.TAM");
    GtkSpinButton *spin = tam_test_child (prefs, TAM_TYPE_PREFERENCES_WINDOW, "daily_target_spin");

    g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 150);
    gtk_spin_button_set_value (spin, 120);
    g_assert_cmpint (g_settings_get_int (settings, "daily-target"), ==, 120);
    g_settings_reset (settings, "daily-target");
  }

  g_object_ref (prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  tam_test_flush ();
  g_assert_finalize_object (prefs);
  tam_session_free (qco);
  tam_test_db_free (db);
}

static void
find_pages (GtkWidget *w,
            GPtrArray *pages)
{
  if (ADW_IS_PREFERENCES_PAGE (w))
    g_ptr_array_add (pages, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    find_pages (c, pages);
}

static GtkWidget *
find_button (GtkWidget *w,
             const char *label)
{
  if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Issue 11, point 5: the holidays and cuti bersama are reached from
 * Preferences too (a page "Working Days", its button opens the dialog). */
static void
test_working_days (void)
{
  TamTestDb *db = tam_test_db_new (0);
  g_autoptr (GPtrArray) pages = g_ptr_array_new ();
  TamPreferencesWindow *prefs = tam_preferences_window_new (NULL, db->path, db->store, db->admin);
  GtkWidget *page = NULL, *button;

  gtk_window_present (GTK_WINDOW (prefs));
  tam_test_flush ();
  find_pages (GTK_WIDGET (prefs), pages);
  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_preferences_page_get_title (pages->pdata[i]), "Working Days") == 0)
      page = pages->pdata[i];
  g_assert_nonnull (page);
  button = find_button (page, "_Holidays…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  tam_test_flush ();
  /* The holidays window, over Preferences. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint n = g_list_model_get_n_items (toplevels);
    gboolean found = FALSE;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);

        found |= gtk_window_get_transient_for (w) == GTK_WINDOW (prefs);
      }
    g_assert_true (found);
  }
  tam_test_close_all ();
  tam_test_db_free (db);
}

int
main (int argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add_func ("/ui/preferences/parameters/edit", test_parameters_edit);
  g_test_add_func ("/ui/preferences/parameters/read-only", test_parameters_read_only);
  g_test_add_func ("/ui/preferences/working-days", test_working_days);
  return g_test_run ();
}
