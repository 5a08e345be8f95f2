/* tam-application.c: app-wide actions and the --db option. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-application.h"
#include "tam-preferences-window.h"
#include "tam-store.h"
#include "tam-window.h"

struct _TamApplication
{
  AdwApplication parent_instance;
  char *db_path;
};

G_DEFINE_FINAL_TYPE (TamApplication, tam_application, ADW_TYPE_APPLICATION)

static void
tam_application_activate (GApplication *app)
{
  TamApplication *self = TAM_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tam_window_new (GTK_APPLICATION (app), self->db_path));
  gtk_window_present (window);
}

static int
tam_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  TamApplication *self = TAM_APPLICATION (app);
  g_autofree char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^ay", &db))
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (db);
      g_free (self->db_path);
      self->db_path = g_file_get_path (file);
    }
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("tam %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant *param,
                    gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);
  TamStore *store = TAM_IS_WINDOW (window) ? tam_window_get_store (TAM_WINDOW (window)) : NULL;
  const TamSession *session = TAM_IS_WINDOW (window) ? tam_window_get_session (TAM_WINDOW (window)) : NULL;
  TamPreferencesWindow *prefs;

  prefs = tam_preferences_window_new (window, store ? tam_store_get_path (store) : NULL, store, session);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant *param,
              gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  const char *developers[] = { "Infomedia Nusantara", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _ ("TAM Desk"),
                         "application-icon", APP_ID,
                         "developer-name", "Infomedia Nusantara",
                         "version", PACKAGE_VERSION,
                         "comments", _ ("The supervisor desk of the TAM outbound contact center: roster, attendance and tapping validation."),
                         "website", "https://www.infomedia.co.id/",
                         "copyright", "© 2026 Infomedia Nusantara",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _ ("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant *param,
             gpointer user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Close the windows (they save their size), then quit. */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (GTK_WINDOW (windows->data));
      windows = next;
    }
  g_application_quit (G_APPLICATION (app));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static void
tam_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (tam_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
}

static void
tam_application_finalize (GObject *object)
{
  TamApplication *self = TAM_APPLICATION (object);

  g_free (self->db_path);
  G_OBJECT_CLASS (tam_application_parent_class)->finalize (object);
}

static void
tam_application_class_init (TamApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = tam_application_finalize;
  app_class->activate = tam_application_activate;
  app_class->startup = tam_application_startup;
  app_class->handle_local_options = tam_application_handle_local_options;
}

static void
tam_application_init (TamApplication *self)
{
  static const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_ ("Open this database file"), N_ ("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _ ("The supervisor desk of the TAM outbound contact center."));
}

TamApplication *
tam_application_new (void)
{
  return g_object_new (TAM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/com/infomedia/TAM",
                       NULL);
}
