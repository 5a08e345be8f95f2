#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TAM_TYPE_GST_STREAM (tam_gst_stream_get_type ())
G_DECLARE_FINAL_TYPE (TamGstStream, tam_gst_stream, TAM, GST_STREAM, GtkMediaStream)

/* An audio file played by a GStreamer playbin, as a GtkMediaStream that
 * GtkMediaControls can drive, plus what GTK 4.8's streams lack: a
 * playback rate (the voice keeps its pitch through scaletempo).
 *
 * The sink is autoaudiosink, or the elements described by the environment
 * variable TAM_AUDIO_SINK (gst-launch syntax; "fakesink" alone is a
 * fakesink that keeps real time: the tests use it). When the sink fails
 * with an error, or autoaudiosink finds no output, the stream plays on
 * without sound (see :silent) so that position, seeking and the tapping
 * flow still work. */

/* Initialises GStreamer once (lazily, on the first recording). */
gboolean tam_gst_stream_init_check (GError **error);

/* A stream for the file @path, prerolling in the background: it becomes
 * prepared (or gets an error) from the main loop. NULL, with @error set,
 * when GStreamer or its playbin is not available. */
GtkMediaStream *tam_gst_stream_new_for_filename (const char *path,
                                                 GError **error);

/* The playback rate (1.0 normal, 2.0 twice as fast). Setting it while
 * the stream plays continues from the current position at the new rate;
 * before the stream is prepared it applies once it is. */
double tam_gst_stream_get_rate (TamGstStream *self);
void tam_gst_stream_set_rate (TamGstStream *self,
                              double rate);
/* TRUE when no sound output could be used and the stream plays without
 * sound (not when TAM_AUDIO_SINK=fakesink asked for that). */
gboolean tam_gst_stream_get_silent (TamGstStream *self);

/* For the tests: a stream on the sink @sink_description (as
 * TAM_AUDIO_SINK; NULL for autoaudiosink), the position the pipeline
 * reports now (microseconds, -1 when unknown; not the last
 * GtkMediaStream:timestamp update), and the playbin itself. */
GtkMediaStream *_tam_gst_stream_new_with_sink (const char *path,
                                               const char *sink_description,
                                               GError **error);
gint64 _tam_gst_stream_query_position (TamGstStream *self);
GObject *_tam_gst_stream_get_pipeline (TamGstStream *self);

G_END_DECLS
