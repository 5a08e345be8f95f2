/* tam-recording-player.c: the voice recording of the selected call:
 * GtkMediaControls on a TamGstStream, with a speed selector that stays
 * as the QCO set it from one call to the next. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "tam-gst-stream.h"
#include "tam-recording-player.h"

/* The speeds on offer, slowest first. */
static const double speeds[] = { 1.0, 1.25, 1.5, 2.0 };

struct _TamRecordingPlayer
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *name_label;
  GtkWidget *controls;
  GtkWidget *speed_dropdown;
  GSettings *settings; /* NULL without the app's schema */
  GtkWidget *time_label;
  GtkWidget *message_label;
  GtkWidget *silent_label;

  GtkMediaStream *stream;
  char *path;
  char *message;
  guint speed; /* index in speeds[] */
};

G_DEFINE_FINAL_TYPE (TamRecordingPlayer, tam_recording_player, GTK_TYPE_WIDGET)

#define SCHEMA_ID "com.infomedia.TAM"
#define FOLDER_KEY "recordings-folder"
#define RATE_KEY "playback-rate"

/* The app's settings when its schema (with @key) is installed; NULL
 * otherwise (a widget test may run without it). */
static GSettings *
settings_with (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  return g_settings_new (SCHEMA_ID);
}

char *
tam_recording_player_dup_folder (void)
{
  g_autoptr (GSettings) settings = settings_with (FOLDER_KEY);
  g_autofree char *folder = NULL;

  if (settings == NULL)
    return NULL;
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
  text = g_strdup_printf (_ ("%s / %s"), pos, dur);
  gtk_label_set_text (GTK_LABEL (self->time_label), text);
}

static void
update_silent (TamRecordingPlayer *self)
{
  gboolean silent;

  g_assert (TAM_IS_RECORDING_PLAYER (self));

  silent = self->message == NULL && TAM_IS_GST_STREAM (self->stream) &&
           tam_gst_stream_get_silent (TAM_GST_STREAM (self->stream));
  gtk_widget_set_visible (self->silent_label, silent);
}

static void
show_message (TamRecordingPlayer *self,
              const char *message)
{
  g_assert (TAM_IS_RECORDING_PLAYER (self));

  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->message_label), message ? message : "");
  gtk_widget_set_visible (self->message_label, message != NULL);
  gtk_widget_set_visible (self->controls, message == NULL);
  gtk_widget_set_visible (self->speed_dropdown, message == NULL);
  gtk_widget_set_visible (self->time_label, message == NULL);
  update_silent (self);
}

static void
stream_notify_cb (TamRecordingPlayer *self,
                  GParamSpec *pspec,
                  GtkMediaStream *stream)
{
  const GError *error;

  g_assert (TAM_IS_RECORDING_PLAYER (self));

  if (stream != self->stream)
    return;

  error = gtk_media_stream_get_error (stream);
  if (error != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("Recording cannot be played: %s (%s)"),
                                              self->path, error->message);
      show_message (self, msg);
      return;
    }
  update_time (self);
  update_silent (self);
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
                           const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (TAM_IS_RECORDING_PLAYER (self), FALSE);

  if (path != NULL && g_strcmp0 (path, self->path) == 0 && self->stream != NULL)
    return TRUE;

  tam_recording_player_clear (self);

  if (path == NULL || path[0] == '\0')
    {
      show_message (self, _ ("This call has no recording"));
      return FALSE;
    }

  self->path = g_strdup (path);
  basename = g_path_get_basename (path);
  gtk_label_set_text (GTK_LABEL (self->name_label), basename);
  gtk_widget_set_tooltip_text (self->name_label, path);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      msg = g_strdup_printf (_ ("Recording not found: %s"), path);
      show_message (self, msg);
      return FALSE;
    }
  if (g_access (path, R_OK) != 0)
    {
      msg = g_strdup_printf (_ ("Recording cannot be read: %s"), path);
      show_message (self, msg);
      return FALSE;
    }
  if (!tam_gst_stream_init_check (&error))
    {
      msg = g_strdup_printf (_ ("Recordings cannot be played: GStreamer did not start (%s)"),
                             error->message);
      show_message (self, msg);
      return FALSE;
    }

  self->stream = tam_gst_stream_new_for_filename (path, &error);
  if (self->stream == NULL)
    {
      msg = g_strdup_printf (_ ("Recording cannot be played: %s (%s)"), path, error->message);
      show_message (self, msg);
      return FALSE;
    }
  /* The speed the QCO chose stays from one call to the next. */
  tam_gst_stream_set_rate (TAM_GST_STREAM (self->stream), speeds[self->speed]);
  g_signal_connect_object (self->stream, "notify::error",
                           G_CALLBACK (stream_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::timestamp",
                           G_CALLBACK (stream_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::duration",
                           G_CALLBACK (stream_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stream, "notify::silent",
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
                              int seconds)
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

/* Speed */

static void
speed_selected_cb (TamRecordingPlayer *self)
{
  guint selected;

  g_assert (TAM_IS_RECORDING_PLAYER (self));

  selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->speed_dropdown));
  if (selected >= G_N_ELEMENTS (speeds))
    return;
  self->speed = selected;
  if (TAM_IS_GST_STREAM (self->stream))
    tam_gst_stream_set_rate (TAM_GST_STREAM (self->stream), speeds[self->speed]);
  /* A QCO sets it once: the next start keeps it. */
  if (self->settings != NULL &&
      g_settings_get_double (self->settings, RATE_KEY) != speeds[self->speed])
    g_settings_set_double (self->settings, RATE_KEY, speeds[self->speed]);
}

static void
select_speed (TamRecordingPlayer *self,
              guint index)
{
  g_assert (TAM_IS_RECORDING_PLAYER (self));
  g_assert (index < G_N_ELEMENTS (speeds));

  /* The drop-down's notify applies it. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->speed_dropdown), index);
}

double
tam_recording_player_get_rate (TamRecordingPlayer *self)
{
  g_return_val_if_fail (TAM_IS_RECORDING_PLAYER (self), 1.0);
  return speeds[self->speed];
}

void
tam_recording_player_set_rate (TamRecordingPlayer *self,
                               double rate)
{
  guint best = 0;

  g_return_if_fail (TAM_IS_RECORDING_PLAYER (self));

  for (guint i = 1; i < G_N_ELEMENTS (speeds); i++)
    if (fabs (speeds[i] - rate) < fabs (speeds[best] - rate))
      best = i;
  select_speed (self, best);
}

void
tam_recording_player_change_speed (TamRecordingPlayer *self,
                                   int steps)
{
  int index;

  g_return_if_fail (TAM_IS_RECORDING_PLAYER (self));

  index = (int) self->speed + steps;
  if (steps == 0 || index < 0 || index >= (int) G_N_ELEMENTS (speeds))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  select_speed (self, (guint) index);
}

static void
tam_recording_player_dispose (GObject *object)
{
  TamRecordingPlayer *self = TAM_RECORDING_PLAYER (object);

  drop_stream (self);
  if (self->speed_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->speed_dropdown, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->settings);
  self->controls = NULL;
  self->speed_dropdown = NULL;
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
  const char *speed_labels[G_N_ELEMENTS (speeds) + 1] = {
    /* Translators: playback speeds; use your decimal separator ("1,25×") */
    _ ("1×"), _ ("1.25×"), _ ("1.5×"), _ ("2×"), NULL
  };

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (_ ("Recording"));
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (header), title);
  self->time_label = gtk_label_new ("");
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Position and duration"),
                                  -1);
  gtk_box_append (GTK_BOX (header), self->time_label);

  /* In the heading row: the seek bar below keeps the whole width of the
   * narrow detail pane, and the file name gets a line of its own. */
  self->speed_dropdown = gtk_drop_down_new_from_strings (speed_labels);
  gtk_widget_set_valign (self->speed_dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->speed_dropdown, _ ("Playback speed ([ slower, ] faster)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->speed_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Playback speed"),
                                  -1);
  g_signal_connect_swapped (self->speed_dropdown, "notify::selected",
                            G_CALLBACK (speed_selected_cb), self);
  gtk_box_append (GTK_BOX (header), self->speed_dropdown);
  gtk_box_append (GTK_BOX (self->box), header);

  self->name_label = gtk_label_new ("");
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_widget_add_css_class (self->name_label, "dim-label");
  gtk_widget_add_css_class (self->name_label, "caption");
  gtk_box_append (GTK_BOX (self->box), self->name_label);

  self->controls = gtk_media_controls_new (NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->controls),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Recording playback"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->controls);

  self->message_label = gtk_label_new ("");
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->message_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->message_label), TRUE);
  gtk_widget_add_css_class (self->message_label, "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Recording status"),
                                  -1);
  gtk_box_append (GTK_BOX (self->box), self->message_label);

  self->silent_label = gtk_label_new (_ ("No sound output was found: the recording plays without sound."));
  gtk_label_set_wrap (GTK_LABEL (self->silent_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->silent_label), 0);
  gtk_widget_add_css_class (self->silent_label, "dim-label");
  gtk_widget_add_css_class (self->silent_label, "caption");
  gtk_box_append (GTK_BOX (self->box), self->silent_label);

  tam_recording_player_clear (self);

  self->settings = settings_with (RATE_KEY);
  if (self->settings != NULL)
    tam_recording_player_set_rate (self, g_settings_get_double (self->settings, RATE_KEY));
}

GtkWidget *
tam_recording_player_new (void)
{
  return g_object_new (TAM_TYPE_RECORDING_PLAYER, NULL);
}
