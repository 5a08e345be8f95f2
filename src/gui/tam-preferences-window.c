/* tam-preferences-window.c: the database file and the recordings folder. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-gui-utils.h"
#include "tam-preferences-window.h"
#include "tam-store.h"

struct _TamPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwPreferencesGroup  *database_group;
  AdwActionRow         *database_row;
  AdwActionRow         *open_database_row;
  GtkButton            *database_default_button;
  AdwActionRow         *recordings_row;
  GtkButton            *recordings_clear_button;
};

G_DEFINE_FINAL_TYPE (TamPreferencesWindow, tam_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_rows (TamPreferencesWindow *self)
{
  g_autofree char *db = g_settings_get_string (self->settings, "database-path");
  g_autofree char *folder = g_settings_get_string (self->settings, "recordings-folder");

  if (*db == '\0')
    {
      g_autofree char *def = tam_store_default_path ();
      g_autofree char *text = g_strdup_printf (_("%s (default)"), def);

      adw_action_row_set_subtitle (self->database_row, text);
    }
  else
    adw_action_row_set_subtitle (self->database_row, db);
  gtk_widget_set_sensitive (GTK_WIDGET (self->database_default_button), *db != '\0');

  adw_action_row_set_subtitle (self->recordings_row, *folder ? folder : _("Not set"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->recordings_clear_button), *folder != '\0');
}

gboolean
tam_preferences_window_set_database (TamPreferencesWindow  *self,
                                     const char            *path,
                                     GError               **error)
{
  g_autoptr(TamStore) store = NULL;

  g_return_val_if_fail (TAM_IS_PREFERENCES_WINDOW (self), FALSE);

  /* Opened once here, so a wrong file is refused now rather than at the
   * next start; the store never modifies a file it refuses. */
  store = tam_store_open (path, error);
  if (store == NULL)
    return FALSE;
  g_settings_set_string (self->settings, "database-path", path);
  return TRUE;
}

void
tam_preferences_window_set_recordings_folder (TamPreferencesWindow *self,
                                              const char           *path)
{
  g_return_if_fail (TAM_IS_PREFERENCES_WINDOW (self));
  g_settings_set_string (self->settings, "recordings-folder", path ? path : "");
}

static void
toast (TamPreferencesWindow *self,
       const char           *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
database_response_cb (GtkNativeDialog      *chooser,
                      int                   response,
                      TamPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL)
        {
          if (tam_preferences_window_set_database (self, path, &error))
            toast (self, _("TAM Desk will open this database at the next start"));
          else
            tam_show_message (GTK_WIDGET (self), _("This file cannot be used"), error->message);
        }
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
database_clicked_cb (TamPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("TAM Desk databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (database_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
database_default_clicked_cb (TamPreferencesWindow *self)
{
  g_settings_reset (self->settings, "database-path");
  toast (self, _("TAM Desk will open the default database at the next start"));
}

static void
recordings_response_cb (GtkNativeDialog      *chooser,
                        int                   response,
                        TamPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        tam_preferences_window_set_recordings_folder (self, path);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
recordings_clicked_cb (TamPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Recordings Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (recordings_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
recordings_clear_clicked_cb (TamPreferencesWindow *self)
{
  g_settings_reset (self->settings, "recordings-folder");
}

static void
tam_preferences_window_dispose (GObject *object)
{
  TamPreferencesWindow *self = TAM_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (tam_preferences_window_parent_class)->dispose (object);
}

static void
tam_preferences_window_class_init (TamPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, database_group);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, open_database_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, database_default_button);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, recordings_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, recordings_clear_button);
  gtk_widget_class_bind_template_callback (widget_class, database_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, database_default_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recordings_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recordings_clear_clicked_cb);
}

static void
tam_preferences_window_init (TamPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = tam_settings_new ();
  g_signal_connect_object (self->settings, "changed::database-path", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recordings-folder", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  update_rows (self);
}

TamPreferencesWindow *
tam_preferences_window_new (GtkWindow  *parent,
                            const char *open_path)
{
  TamPreferencesWindow *self = g_object_new (TAM_TYPE_PREFERENCES_WINDOW,
                                             "transient-for", parent,
                                             NULL);

  adw_preferences_group_set_description (self->database_group,
                                         _("A newly chosen database is opened at the next start."));
  adw_action_row_set_subtitle (self->open_database_row, open_path ? open_path : _("None"));
  return self;
}
