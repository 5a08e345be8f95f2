/* tam-gst-stream.c: a GtkMediaStream on a GStreamer playbin, with a
 * playback rate.
 *
 * GTK 4.8's own GStreamer backend keeps its player private and
 * GtkMediaStream has no rate, so a QCO could not listen at 1.5x. This
 * stream drives a playbin itself: audio only, scaletempo as the audio
 * filter (speech keeps its pitch when faster), the bus watched on the
 * default main context, the position polled while playing. */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>
#include <math.h>

#include "tam-gst-stream.h"

/* How often the position is read while playing. */
#define TICK_MS 100

struct _TamGstStream
{
  GtkMediaStream parent_instance;

  GstElement *playbin;
  GstElement *audio_sink; /* the sink we gave the playbin */
  guint bus_watch;
  guint tick_id;
  char *uri;

  double rate;
  gint64 restore_position; /* µs, to seek to once prerolled */
  guint prerolled : 1;     /* the first ASYNC_DONE came */
  guint explicit_sink : 1;
  guint fell_back : 1;
  guint silent : 1;
};

G_DEFINE_FINAL_TYPE (TamGstStream, tam_gst_stream, GTK_TYPE_MEDIA_STREAM)

enum
{
  PROP_0,
  PROP_RATE,
  PROP_SILENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
tam_gst_stream_init_check (GError **error)
{
  static gsize once = 0;
  static GError *init_error = NULL;

  if (g_once_init_enter (&once))
    {
      if (!gst_init_check (NULL, NULL, &init_error) && init_error == NULL)
        g_set_error_literal (&init_error, GST_CORE_ERROR, GST_CORE_ERROR_FAILED,
                             _ ("GStreamer could not be initialised"));
      g_once_init_leave (&once, 1);
    }
  if (init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (init_error));
      return FALSE;
    }
  return TRUE;
}

/* A sink that throws the sound away at the speed it would be heard, so
 * the position advances in real time. */
static GstElement *
make_silent_sink (void)
{
  GstElement *sink = gst_element_factory_make ("fakesink", NULL);

  if (sink != NULL)
    g_object_set (sink, "sync", TRUE, NULL);
  return sink;
}

static GstElement *
make_audio_sink (TamGstStream *self,
                 const char *description)
{
  GstElement *sink = NULL;

  g_assert (TAM_IS_GST_STREAM (self));

  if (description != NULL && description[0] != '\0')
    {
      g_autoptr (GError) error = NULL;

      self->explicit_sink = TRUE;
      if (g_str_equal (description, "fakesink"))
        return make_silent_sink ();
      sink = gst_parse_bin_from_description (description, TRUE, &error);
      if (sink != NULL)
        return sink;
      g_warning ("Audio sink “%s” cannot be used (%s): using autoaudiosink",
                 description, error->message);
      self->explicit_sink = FALSE;
    }
  sink = gst_element_factory_make ("autoaudiosink", NULL);
  if (sink == NULL)
    sink = make_silent_sink ();
  return sink;
}

static void
set_silent (TamGstStream *self,
            gboolean silent)
{
  g_assert (TAM_IS_GST_STREAM (self));

  if (self->silent == !!silent)
    return;
  self->silent = !!silent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SILENT]);
}

/* autoaudiosink settles for a fakesink when no output opens (no sound
 * server, no device): say so rather than play mute without a word. */
static void
check_silent (TamGstStream *self)
{
  g_autoptr (GstIterator) it = NULL;
  GValue item = G_VALUE_INIT;
  gboolean fake = FALSE;
  gboolean done = FALSE;

  g_assert (TAM_IS_GST_STREAM (self));

  if (self->explicit_sink || self->fell_back || !GST_IS_BIN (self->audio_sink))
    return;

  it = gst_bin_iterate_recurse (GST_BIN (self->audio_sink));
  while (!done && !fake)
    {
      switch (gst_iterator_next (it, &item))
        {
        case GST_ITERATOR_OK:
          {
            GstElementFactory *factory = gst_element_get_factory (g_value_get_object (&item));

            fake = factory != NULL &&
                   g_str_equal (gst_plugin_feature_get_name (GST_PLUGIN_FEATURE (factory)), "fakesink");
            g_value_reset (&item);
          }
          break;
        case GST_ITERATOR_RESYNC:
          gst_iterator_resync (it);
          break;
        case GST_ITERATOR_ERROR:
        case GST_ITERATOR_DONE:
        default:
          done = TRUE;
          break;
        }
    }
  g_value_unset (&item);
  set_silent (self, fake);
}

static gint64
query_position (TamGstStream *self)
{
  gint64 position;

  g_assert (TAM_IS_GST_STREAM (self));

  if (self->playbin == NULL ||
      !gst_element_query_position (self->playbin, GST_FORMAT_TIME, &position) ||
      position < 0)
    return -1;
  return position / GST_USECOND;
}

/* Where the stream is (or is going to): a pending seek's target counts. */
static gint64
current_position (TamGstStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gint64 position = -1;

  if (!gtk_media_stream_is_seeking (stream))
    position = query_position (self);
  if (position < 0)
    position = gtk_media_stream_get_timestamp (stream);
  return position;
}

static void
update_position (TamGstStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gint64 position, duration;

  g_assert (TAM_IS_GST_STREAM (self));

  /* A pending seek already shows its target. */
  if (gtk_media_stream_is_seeking (stream))
    return;
  position = query_position (self);
  if (position < 0)
    return;
  duration = gtk_media_stream_get_duration (stream);
  if (duration > 0)
    position = MIN (position, duration);
  gtk_media_stream_update (stream, position);
}

static gboolean
tick_cb (gpointer user_data)
{
  update_position (TAM_GST_STREAM (user_data));
  return G_SOURCE_CONTINUE;
}

static void
start_tick (TamGstStream *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
}

static void
stop_tick (TamGstStream *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
}

/* A flushing seek to @position (µs) at the current rate. The pipeline
 * answers with ASYNC_DONE once it has prerolled there. */
static gboolean
do_seek (TamGstStream *self,
         gint64 position)
{
  g_assert (TAM_IS_GST_STREAM (self));

  if (self->playbin == NULL)
    return FALSE;
  return gst_element_seek (self->playbin, self->rate, GST_FORMAT_TIME,
                           GST_SEEK_FLAG_FLUSH | GST_SEEK_FLAG_ACCURATE,
                           GST_SEEK_TYPE_SET, MAX (position, 0) * GST_USECOND,
                           GST_SEEK_TYPE_NONE, GST_CLOCK_TIME_NONE);
}

static void
prerolled (TamGstStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gboolean sought = FALSE;

  g_assert (TAM_IS_GST_STREAM (self));

  self->prerolled = TRUE;
  check_silent (self);

  if (!gtk_media_stream_is_prepared (stream))
    {
      g_autoptr (GstQuery) query = gst_query_new_seeking (GST_FORMAT_TIME);
      gboolean seekable = FALSE;
      gint64 duration = 0;
      int n_audio = 0;

      if (gst_element_query (self->playbin, query))
        gst_query_parse_seeking (query, NULL, &seekable, NULL, NULL);
      if (!gst_element_query_duration (self->playbin, GST_FORMAT_TIME, &duration) || duration < 0)
        duration = 0;
      g_object_get (self->playbin, "n-audio", &n_audio, NULL);
      gtk_media_stream_stream_prepared (stream, n_audio > 0, FALSE, seekable,
                                        duration / GST_USECOND);
    }

  /* The rate (and, after a change of sink, the position) only apply to a
   * prerolled pipeline. */
  if (self->rate != 1.0 || self->restore_position > 0)
    sought = do_seek (self, self->restore_position);
  self->restore_position = 0;
  if (!sought)
    {
      if (gtk_media_stream_is_seeking (stream))
        gtk_media_stream_seek_success (stream);
      update_position (self);
    }
}

static void
async_done (TamGstStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);

  g_assert (TAM_IS_GST_STREAM (self));

  if (!self->prerolled)
    {
      prerolled (self);
      return;
    }
  /* A flushing seek (ours, or a change of rate) has prerolled. Several
   * quick seeks may give a single ASYNC_DONE. */
  if (gtk_media_stream_is_seeking (stream))
    gtk_media_stream_seek_success (stream);
  update_position (self);
}

static void
end_of_stream (TamGstStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gint64 duration = gtk_media_stream_get_duration (stream);

  g_assert (TAM_IS_GST_STREAM (self));

  stop_tick (self);
  /* Ended first: it pauses, which reads the position, a little short of
   * the end. */
  if (gtk_media_stream_is_prepared (stream) && !gtk_media_stream_get_ended (stream))
    gtk_media_stream_stream_ended (stream);
  if (duration > 0)
    gtk_media_stream_update (stream, duration);
  else
    update_position (self);
}

static gboolean
from_audio_sink (TamGstStream *self,
                 GstMessage *message)
{
  GstObject *src = GST_MESSAGE_SRC (message);

  return self->audio_sink != NULL && src != NULL &&
         (src == GST_OBJECT (self->audio_sink) ||
          gst_object_has_as_ancestor (src, GST_OBJECT (self->audio_sink)));
}

/* The sound output failed (a busy or missing device): go on without
 * sound, from where the stream was, rather than lose the recording. */
static void
fall_back_to_silence (TamGstStream *self)
{
  GtkMediaStream *stream = GTK_MEDIA_STREAM (self);
  gboolean playing = gtk_media_stream_get_playing (stream);

  g_assert (TAM_IS_GST_STREAM (self));

  self->fell_back = TRUE;
  stop_tick (self);
  self->restore_position = gtk_media_stream_is_prepared (stream) ? current_position (self) : 0;
  /* NULL flushes the bus: messages of the failed attempt are dropped. */
  gst_element_set_state (self->playbin, GST_STATE_NULL);
  g_clear_pointer (&self->audio_sink, gst_object_unref);
  self->audio_sink = make_silent_sink ();
  if (self->audio_sink != NULL)
    gst_object_ref_sink (self->audio_sink);
  /* A playbin that failed to start forgets its URI. */
  g_object_set (self->playbin, "audio-sink", self->audio_sink, "uri", self->uri, NULL);
  self->prerolled = FALSE;
  set_silent (self, TRUE);
  gst_element_set_state (self->playbin, playing ? GST_STATE_PLAYING : GST_STATE_PAUSED);
  if (playing)
    start_tick (self);
}

static void
error_message (TamGstStream *self,
               GstMessage *message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *debug = NULL;

  g_assert (TAM_IS_GST_STREAM (self));

  gst_message_parse_error (message, &error, &debug);
  g_debug ("GStreamer error from %s: %s (%s)",
           GST_MESSAGE_SRC_NAME (message), error->message, debug ? debug : "");

  if (!self->fell_back && from_audio_sink (self, message))
    {
      fall_back_to_silence (self);
      return;
    }

  stop_tick (self);
  /* The error first: pause () then leaves the pipeline alone. */
  gtk_media_stream_gerror (GTK_MEDIA_STREAM (self), g_steal_pointer (&error));
  gst_element_set_state (self->playbin, GST_STATE_NULL);
}

static gboolean
bus_cb (GstBus *bus,
        GstMessage *message,
        gpointer user_data)
{
  TamGstStream *self = TAM_GST_STREAM (user_data);

  if (self->playbin == NULL)
    return G_SOURCE_CONTINUE;

  switch (GST_MESSAGE_TYPE (message))
    {
    case GST_MESSAGE_ASYNC_DONE:
      async_done (self);
      break;
    case GST_MESSAGE_EOS:
      end_of_stream (self);
      break;
    case GST_MESSAGE_ERROR:
      error_message (self, message);
      break;
    default:
      break;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
tam_gst_stream_play (GtkMediaStream *stream)
{
  TamGstStream *self = TAM_GST_STREAM (stream);

  if (self->playbin == NULL)
    return FALSE;

  /* Play after the end starts again. */
  if (gtk_media_stream_get_ended (stream) && do_seek (self, 0))
    gtk_media_stream_update (stream, 0);
  /* Before the preroll this only sets the target state; a failure comes
   * as an ERROR on the bus. */
  gst_element_set_state (self->playbin, GST_STATE_PLAYING);
  start_tick (self);
  return TRUE;
}

static void
tam_gst_stream_pause (GtkMediaStream *stream)
{
  TamGstStream *self = TAM_GST_STREAM (stream);

  stop_tick (self);
  if (self->playbin == NULL || gtk_media_stream_get_error (stream) != NULL)
    return;
  gst_element_set_state (self->playbin, GST_STATE_PAUSED);
  update_position (self);
}

static void
tam_gst_stream_seek (GtkMediaStream *stream,
                     gint64 timestamp)
{
  TamGstStream *self = TAM_GST_STREAM (stream);
  gint64 duration = gtk_media_stream_get_duration (stream);

  if (duration > 0)
    timestamp = MIN (timestamp, duration);

  if (!self->prerolled)
    {
      /* Between a change of sink and its preroll: seek once there. */
      self->restore_position = timestamp;
    }
  else if (!do_seek (self, timestamp))
    {
      gtk_media_stream_seek_failed (stream);
      return;
    }
  /* Show the target at once: a second Right key adds to it. */
  gtk_media_stream_update (stream, timestamp);
}

static void
tam_gst_stream_update_audio (GtkMediaStream *stream,
                             gboolean muted,
                             double volume)
{
  TamGstStream *self = TAM_GST_STREAM (stream);

  if (self->playbin == NULL)
    return;
  /* The slider is perceptual (cubic), playbin's volume linear. */
  g_object_set (self->playbin,
                "mute", muted,
                "volume", pow (CLAMP (volume, 0.0, 1.0), 3.0),
                NULL);
}

static void
tam_gst_stream_dispose (GObject *object)
{
  TamGstStream *self = TAM_GST_STREAM (object);

  stop_tick (self);
  if (self->playbin != NULL)
    {
      g_autoptr (GstBus) bus = gst_element_get_bus (self->playbin);

      /* Joins the streaming threads: nothing posts after this. */
      gst_element_set_state (self->playbin, GST_STATE_NULL);
      if (self->bus_watch != 0)
        gst_bus_remove_watch (bus);
      self->bus_watch = 0;
    }
  g_clear_pointer (&self->playbin, gst_object_unref);
  g_clear_pointer (&self->audio_sink, gst_object_unref);

  G_OBJECT_CLASS (tam_gst_stream_parent_class)->dispose (object);
}

static void
tam_gst_stream_finalize (GObject *object)
{
  TamGstStream *self = TAM_GST_STREAM (object);

  g_free (self->uri);

  G_OBJECT_CLASS (tam_gst_stream_parent_class)->finalize (object);
}

static void
tam_gst_stream_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  TamGstStream *self = TAM_GST_STREAM (object);

  switch (prop_id)
    {
    case PROP_RATE:
      g_value_set_double (value, self->rate);
      break;
    case PROP_SILENT:
      g_value_set_boolean (value, self->silent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_gst_stream_set_property (GObject *object,
                             guint prop_id,
                             const GValue *value,
                             GParamSpec *pspec)
{
  TamGstStream *self = TAM_GST_STREAM (object);

  switch (prop_id)
    {
    case PROP_RATE:
      tam_gst_stream_set_rate (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_gst_stream_class_init (TamGstStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkMediaStreamClass *stream_class = GTK_MEDIA_STREAM_CLASS (klass);

  object_class->dispose = tam_gst_stream_dispose;
  object_class->finalize = tam_gst_stream_finalize;
  object_class->get_property = tam_gst_stream_get_property;
  object_class->set_property = tam_gst_stream_set_property;

  stream_class->play = tam_gst_stream_play;
  stream_class->pause = tam_gst_stream_pause;
  stream_class->seek = tam_gst_stream_seek;
  stream_class->update_audio = tam_gst_stream_update_audio;

  properties[PROP_RATE] =
      g_param_spec_double ("rate", NULL, NULL, 0.25, 4.0, 1.0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SILENT] =
      g_param_spec_boolean ("silent", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tam_gst_stream_init (TamGstStream *self)
{
  self->rate = 1.0;
}

GtkMediaStream *
tam_gst_stream_new_for_filename (const char *path,
                                 GError **error)
{
  return _tam_gst_stream_new_with_sink (path, g_getenv ("TAM_AUDIO_SINK"), error);
}

GtkMediaStream *
_tam_gst_stream_new_with_sink (const char *path,
                               const char *sink_description,
                               GError **error)
{
  g_autoptr (TamGstStream) self = NULL;
  g_autoptr (GstBus) bus = NULL;
  g_autofree char *uri = NULL;
  GstElement *filter;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!tam_gst_stream_init_check (error))
    return NULL;
  uri = g_filename_to_uri (path, NULL, error);
  if (uri == NULL)
    return NULL;

  self = g_object_new (TAM_TYPE_GST_STREAM, NULL);
  self->uri = g_steal_pointer (&uri);
  self->playbin = gst_element_factory_make ("playbin", NULL);
  if (self->playbin == NULL)
    {
      g_set_error_literal (error, GST_CORE_ERROR, GST_CORE_ERROR_MISSING_PLUGIN,
                           _ ("The GStreamer element “playbin” is missing (package gstreamer1.0-plugins-base)"));
      return NULL;
    }
  gst_object_ref_sink (self->playbin);

  g_object_set (self->playbin, "uri", self->uri, NULL);
  /* Sound only: no video or subtitle branches even if the file has them. */
  gst_util_set_object_arg (G_OBJECT (self->playbin), "flags", "audio+soft-volume");

  /* Without scaletempo a faster rate raises the pitch; still usable. */
  filter = gst_element_factory_make ("scaletempo", NULL);
  if (filter != NULL)
    g_object_set (self->playbin, "audio-filter", filter, NULL);
  else
    g_debug ("scaletempo is missing: a faster rate raises the pitch");

  self->audio_sink = make_audio_sink (self, sink_description);
  if (self->audio_sink != NULL)
    {
      gst_object_ref_sink (self->audio_sink);
      g_object_set (self->playbin, "audio-sink", self->audio_sink, NULL);
    }

  bus = gst_element_get_bus (self->playbin);
  self->bus_watch = gst_bus_add_watch (bus, bus_cb, self);

  /* Preroll: ASYNC_DONE (prepared) or ERROR, from the main loop. A
   * failure here also comes as an ERROR message. */
  gst_element_set_state (self->playbin, GST_STATE_PAUSED);

  return GTK_MEDIA_STREAM (g_steal_pointer (&self));
}

double
tam_gst_stream_get_rate (TamGstStream *self)
{
  g_return_val_if_fail (TAM_IS_GST_STREAM (self), 1.0);
  return self->rate;
}

void
tam_gst_stream_set_rate (TamGstStream *self,
                         double rate)
{
  GtkMediaStream *stream;

  g_return_if_fail (TAM_IS_GST_STREAM (self));
  g_return_if_fail (rate > 0);

  stream = GTK_MEDIA_STREAM (self);
  if (G_APPROX_VALUE (self->rate, rate, 1e-6))
    return;
  self->rate = rate;

  /* Before the preroll, prerolled () applies it; at the end, play ()
   * starts again at this rate. */
  if (self->prerolled && self->playbin != NULL &&
      gtk_media_stream_get_error (stream) == NULL &&
      !gtk_media_stream_get_ended (stream) &&
      gtk_media_stream_is_seekable (stream))
    do_seek (self, current_position (self));

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE]);
}

gboolean
tam_gst_stream_get_silent (TamGstStream *self)
{
  g_return_val_if_fail (TAM_IS_GST_STREAM (self), FALSE);
  return self->silent;
}

gint64
_tam_gst_stream_query_position (TamGstStream *self)
{
  g_return_val_if_fail (TAM_IS_GST_STREAM (self), -1);
  return query_position (self);
}

GObject *
_tam_gst_stream_get_pipeline (TamGstStream *self)
{
  g_return_val_if_fail (TAM_IS_GST_STREAM (self), NULL);
  return G_OBJECT (self->playbin);
}
