/* tam-recording-player.c: the voice recording of the selected call.
 *
 * GTK 4.8's GtkMediaStream has no playback-rate API and the GStreamer
 * backend keeps its player private, so there is no speed control here:
 * showing one that does nothing would be worse than none. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tam-recording-player.h"

struct _TamRecordingPlayer
{
  GtkWidget       parent_instance;

  GtkWidget      *box;
  GtkWidget      *name_label;
  GtkWidget      *controls;
  GtkWidget      *time_label;
  GtkWidget      *message_label;

  GtkMediaStream *stream;
  char           *path;
  char           *message;
};

G_DEFINE_FINAL_TYPE (TamRecordingPlayer, tam_recording_player, GTK_TYPE_WIDGET)

#define SCHEMA_ID "com.infomedia.TAM"
#define FOLDER_KEY "recordings-folder"

char *
tam_recording_player_dup_folder (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *folder = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, FOLDER_KEY))
    return NULL;

  settings = g_settings_new (SCHEMA_ID);
  folder = g_settings_get_string (settings, FOLDER_KEY);
  if (folder == NULL || folder[0] == '\0')
    return NULL;
  return g_steal_pointer (&folder);
}

char *
tam_recording_player_resolve (const char *folder,
                              const char *recording)
{
  if (recording == NULL || recording[0] == '\0')
    return NULL;
  if (g_path_is_absolute (recording) || folder == NULL)
    return g_strdup (recording);
  return g_build_filename (folder, recording, NULL);
}

static char *
format_time (gint64 usec)
{
  gint64 s = MAX (usec, 0) / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}

static void
update_time (TamRecordingPlayer *self)
{
  g_autofree char *pos = NULL;
  g_autofree char *dur = NULL;
  g_autofree char *text = NULL;

  g_assert (TAM_IS_RECORDING_PLAYER (self));

  if (self->stream == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->time_label), "");
      return;
    }
  pos = format_time (gtk_media_stream_get_timestamp (self->stream));
  dur = format_time (gtk_media_stream_get_duration (self->stream));
  /* Translators: playback position and duration, e.g. "0:05 / 2:31" */
  text = g_strdup_printf (_("%s / %s"), pos, dur);
  gtk_label_set_text (GTK_LABEL (self->time_label), text);
}

static void
show_message (TamRecordingPlayer *self,
              const char         *message)
{
  g_assert (TAM_IS_RECORDING_PLAYER (self));

  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->message_label), message ? message : "");
  gtk_widget_set_visible (self->message_label, message != NULL);
  gtk_widget_set_visible (self->controls, message == NULL);
  gtk_widget_set_visible (self->time_label, message == NULL);
}

static void
stream_notify_cb (TamRecordingPlayer *self,
                  GParamSpec         *pspec,
                  GtkMediaStream     *stream)
{
  const GError *error;

  g_assert (TAM_IS_RECORDING_PLAYER (self));

  if (stream != self->stream)
    return;

  error = gtk_media_stream_get_error (stream);
  if (error != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("Recording cannot be played: %s (%s)"),
                                              self->path, error->message);
      show_message (self, msg);
      return;
    }
  update_time (self);
}

static void
drop_stream (TamRecordingPlayer *self)
{
  g_assert (TAM_IS_RECORDING_PLAYER (self));

  if (self->stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->stream, self);
      gtk_media_stream_pause (self->stream);
    }
  if (self->controls != NULL)
    gtk_media_controls_set_media_stream (GTK_MEDIA_CONTROLS (self->controls), NULL);
  g_clear_object (&self->stream);
}

void
tam_recording_player_clear (TamRecordingPlayer *self)
{
  g_return_if_fail (TAM_IS_RECORDING_PLAYER (self));

  drop_stream (self);
  g_clear_pointer (&self->path, g_free);
  gtk_label_set_text (GTK_LABEL (self->name_label), "");
  show_message (self, NULL);
  update_time (self);
}

gboolean
tam_recording_player_load (TamRecordingPlayer *self,
                           const char         *path)
{
  g_autofree char *msg = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (TAM_IS_RECORDING_PLAYER (self), FALSE);

  if (path != NULL && g_strcmp0 (path, self->path) == 0 && self->stream != NULL)
    return TRUE;

  tam_recording_player_clear (self);

  if (path == NULL || path[0] == '\0')
    {
      show_message (self, _("This call has no recording"));
      return FALSE;
    }

  self->path = g_strdup (path);
  basename = g_path_get_basename (path);
  gtk_label_set_text (GTK_LABEL (self->name_label), basename);
  gtk_widget_set_tooltip_text (self->name_label, path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      msg = g_strdup_printf (_("Recording not found: %s"), path);
      show_message (self, msg);
      return FALSE;
    }
  if (g_access (path, R_OK) != 0)
    {
      msg = g_strdup_printf (_("Recording cannot be read: %s"), path);
      show_message (self, msg);
      return FALSE;
    }

  self->stream = gtk_media_file_new_for_filename (path);
  g_signal_connect_object (self->stream, "notify::error",
                           G_CALLBACK (stream_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::timestamp",
                           G_CALLBACK (stream_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::duration",
                           G_CALLBACK (stream_notify_cb), self, G_CONNECT_SWAPPED);
  gtk_media_controls_set_media_stream (GTK_MEDIA_CONTROLS (self->controls), self->stream);
  update_time (self);
  return TRUE;
}

const char *
tam_recording_player_get_path (TamRecordingPlayer *self)
{
  g_return_val_if_fail (TAM_IS_RECORDING_PLAYER (self), NULL);
  return self->path;
}

const char *
tam_recording_player_get_message (TamRecordingPlayer *self)
{
  g_return_val_if_fail (TAM_IS_RECORDING_PLAYER (self), NULL);
  return self->message;
}

GtkMediaStream *
tam_recording_player_get_stream (TamRecordingPlayer *self)
{
  g_return_val_if_fail (TAM_IS_RECORDING_PLAYER (self), NULL);
  return self->stream;
}

void
tam_recording_player_toggle (TamRecordingPlayer *self)
{
  g_return_if_fail (TAM_IS_RECORDING_PLAYER (self));

  if (self->stream == NULL || self->message != NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  gtk_media_stream_set_playing (self->stream, !gtk_media_stream_get_playing (self->stream));
}

void
tam_recording_player_seek_by (TamRecordingPlayer *self,
                              int                 seconds)
{
  gint64 target, duration;

  g_return_if_fail (TAM_IS_RECORDING_PLAYER (self));

  if (self->stream == NULL || !gtk_media_stream_is_seekable (self->stream))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  target = gtk_media_stream_get_timestamp (self->stream) + (gint64) seconds * G_USEC_PER_SEC;
  duration = gtk_media_stream_get_duration (self->stream);
  if (duration > 0)
    target = MIN (target, duration);
  gtk_media_stream_seek (self->stream, MAX (target, 0));
}

static void
tam_recording_player_dispose (GObject *object)
{
  TamRecordingPlayer *self = TAM_RECORDING_PLAYER (object);

  drop_stream (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  self->controls = NULL;
  G_OBJECT_CLASS (tam_recording_player_parent_class)->dispose (object);
}

static void
tam_recording_player_finalize (GObject *object)
{
  TamRecordingPlayer *self = TAM_RECORDING_PLAYER (object);

  g_free (self->path);
  g_free (self->message);
  G_OBJECT_CLASS (tam_recording_player_parent_class)->finalize (object);
}

static void
tam_recording_player_class_init (TamRecordingPlayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_recording_player_dispose;
  object_class->finalize = tam_recording_player_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "recordingplayer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
tam_recording_player_init (TamRecordingPlayer *self)
{
  GtkWidget *header;
  GtkWidget *title;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (_("Recording"));
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);
  self->name_label = gtk_label_new ("");
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_widget_set_hexpand (self->name_label, TRUE);
  gtk_widget_add_css_class (self->name_label, "dim-label");
  gtk_box_append (GTK_BOX (header), self->name_label);
  self->time_label = gtk_label_new ("");
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Position and duration"),
                                  -1);
  gtk_box_append (GTK_BOX (header), self->time_label);
  gtk_box_append (GTK_BOX (self->box), header);

  self->controls = gtk_media_controls_new (NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->controls),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recording playback"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->controls);

  self->message_label = gtk_label_new ("");
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->message_label), TRUE);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recording status"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->message_label);

  tam_recording_player_clear (self);
}

GtkWidget *
tam_recording_player_new (void)
{
  return g_object_new (TAM_TYPE_RECORDING_PLAYER, NULL);
}
