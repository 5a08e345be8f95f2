/* The application: `tam --db FILE`, its actions (Preferences, About,
 * Quit), the shortcuts window from the resources. */
#include "config.h"

#include <glib/gstdio.h>

#include "tam-application.h"
#include "tam-preferences-window.h"
#include "tam-test-ui.h"
#include "tam-window.h"

static void
test_help_overlay (void)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/com/infomedia/TAM/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

typedef struct
{
  char *expected_path;
  gboolean saw_error_page;
  gboolean saw_about;
  gboolean saw_preferences;
  gboolean saw_window_title;
} RunState;

static gboolean
drive_cb (gpointer user_data)
{
  GApplication *app = g_application_get_default ();
  RunState *state = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWindow *about, *prefs;

  g_assert_true (TAM_IS_WINDOW (window));
  state->saw_window_title = g_strcmp0 (gtk_window_get_title (window), "TAM Desk") == 0;
  /* --db pointed at a file that is not a database: the error page. */
  state->saw_error_page =
      g_strcmp0 (gtk_stack_get_visible_child_name (tam_test_child (window, TAM_TYPE_WINDOW, "main_stack")),
                 "error") == 0 &&
      tam_window_get_store (TAM_WINDOW (window)) == NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  tam_test_spin_until (tam_test_find_window (ADW_TYPE_ABOUT_WINDOW) != NULL);
  about = tam_test_find_window (ADW_TYPE_ABOUT_WINDOW);
  state->saw_about = g_strcmp0 (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), "TAM Desk") == 0 &&
                     g_strcmp0 (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), PACKAGE_VERSION) == 0;
  gtk_window_destroy (about);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  tam_test_spin_until (tam_test_find_window (TAM_TYPE_PREFERENCES_WINDOW) != NULL);
  prefs = tam_test_find_window (TAM_TYPE_PREFERENCES_WINDOW);
  state->saw_preferences = gtk_window_get_transient_for (prefs) == window;
  gtk_window_destroy (prefs);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             RunState *state)
{
  /* After the app's own activate handler built the window. */
  g_idle_add (drive_cb, state);
}

static void
test_run_db_error (void)
{
  g_autofree char *dir = g_dir_make_tmp ("tam-app-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "not-a-database.db", NULL);
  g_autoptr (TamApplication) app = NULL;
  RunState state = { 0 };
  char *argv[] = { (char *) "tam", (char *) "--db", path, NULL };
  int status;

  g_assert_true (g_file_set_contents (path, "this is not SQLite", -1, NULL));
  app = tam_application_new ();
  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, "com.infomedia.TAM");
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &state);
  status = g_application_run (G_APPLICATION (app), 3, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (state.saw_window_title);
  g_assert_true (state.saw_error_page);
  g_assert_true (state.saw_about);
  g_assert_true (state.saw_preferences);
  /* The file is left as it was. */
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "this is not SQLite");
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc,
      char *argv[])
{
  /* No session bus: the application runs as a plain non-unique one. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/tam-test-bus", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

  g_test_add_func ("/ui/app/help-overlay", test_help_overlay);
  g_test_add_func ("/ui/app/run-db-error", test_run_db_error);
  return g_test_run ();
}
