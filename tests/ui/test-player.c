/* The recording player: TamGstStream on its own (prepare, seek, rate,
 * end, volume, a failing sink), then the widget (speed kept from one
 * recording to the next, missing and broken files). The sink is a
 * fakesink that keeps real time (TAM_AUDIO_SINK=fakesink), so positions
 * advance as they would through a sound card. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "tam-gst-stream.h"
#include "tam-recording-player.h"
#include "tam-test-ui.h"

#define SECOND G_USEC_PER_SEC
/* How close a position must be to where it should be. */
#define SLACK (SECOND / 10)

typedef struct
{
  char *dir;
  char *long_wav;  /* 10 s */
  char *short_wav; /* 3 s */
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  f->dir = g_dir_make_tmp ("tam-test-player-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->long_wav = g_build_filename (f->dir, "vr-long.wav", NULL);
  f->short_wav = g_build_filename (f->dir, "vr-short.wav", NULL);
  tam_test_write_wav (f->long_wav, 10.0);
  tam_test_write_wav (f->short_wav, 3.0);
  /* Each test starts at 1x (the speed is a setting that outlives a player). */
  {
    g_autoptr (GSettings) settings = g_settings_new ("com.infomedia.TAM");
    g_settings_reset (settings, "playback-rate");
  }
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  tam_test_close_all ();
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->long_wav);
  g_free (f->short_wav);
  g_free (f->dir);
}

/* Lets the main loop run for @usec (the bus watch, the position tick). */
static void
run_for (gint64 usec)
{
  gint64 end = g_get_monotonic_time () + usec;

  tam_test_spin_until (g_get_monotonic_time () >= end);
}

static void
wait_prepared (GtkMediaStream *stream)
{
  tam_test_spin_until (gtk_media_stream_is_prepared (stream));
  g_assert_null (gtk_media_stream_get_error (stream));
}

static void
wait_sought (GtkMediaStream *stream)
{
  tam_test_spin_until (!gtk_media_stream_is_seeking (stream));
}

/* How fast the position moves against the clock while playing: the
 * pipeline's own position, read back to back with the monotonic clock
 * that its (system) clock follows. */
static double
measure_speed (TamGstStream *stream,
               gint64 interval)
{
  gint64 p0, p1, t0, t1;

  t0 = g_get_monotonic_time ();
  p0 = _tam_gst_stream_query_position (stream);
  run_for (interval);
  p1 = _tam_gst_stream_query_position (stream);
  t1 = g_get_monotonic_time ();
  g_assert_cmpint (p0, >=, 0);
  g_assert_cmpint (p1, >=, 0);
  return (double) (p1 - p0) / (double) (t1 - t0);
}

static void
assert_near (gint64 value,
             gint64 expected)
{
  if (ABS (value - expected) > SLACK)
    g_error ("%" G_GINT64_FORMAT " µs is not within %d µs of %" G_GINT64_FORMAT,
             value, (int) SLACK, expected);
}

/* Prepared with the file's duration; seek; 2x runs about twice as fast
 * as 1x; the end, and playing again from the start; volume. */
static void
test_stream (Fixture *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  GtkMediaStream *stream;
  TamGstStream *gst;
  GObject *pipeline;
  double normal, fast;
  double volume = 0;
  gboolean mute = FALSE;

  stream = tam_gst_stream_new_for_filename (f->long_wav, &error);
  g_assert_no_error (error);
  g_assert_true (TAM_IS_GST_STREAM (stream));
  gst = TAM_GST_STREAM (stream);

  wait_prepared (stream);
  g_assert_true (gtk_media_stream_has_audio (stream));
  g_assert_false (gtk_media_stream_has_video (stream));
  g_assert_true (gtk_media_stream_is_seekable (stream));
  assert_near (gtk_media_stream_get_duration (stream), 10 * SECOND);
  g_assert_cmpint (gtk_media_stream_get_timestamp (stream), ==, 0);
  /* TAM_AUDIO_SINK asked for no sound: nothing to warn about. */
  g_assert_false (tam_gst_stream_get_silent (gst));

  gtk_media_stream_seek (stream, 4 * SECOND);
  wait_sought (stream);
  assert_near (gtk_media_stream_get_timestamp (stream), 4 * SECOND);
  assert_near (_tam_gst_stream_query_position (gst), 4 * SECOND);

  gtk_media_stream_play (stream);
  g_assert_true (gtk_media_stream_get_playing (stream));
  run_for (SECOND / 5);
  normal = measure_speed (gst, 3 * SECOND / 4);
  /* The timestamp follows while playing. */
  g_assert_cmpint (gtk_media_stream_get_timestamp (stream), >, 4 * SECOND + SECOND / 2);

  tam_gst_stream_set_rate (gst, 2.0);
  g_assert_cmpfloat (tam_gst_stream_get_rate (gst), ==, 2.0);
  run_for (SECOND / 5);
  g_assert_true (gtk_media_stream_get_playing (stream));
  fast = measure_speed (gst, 3 * SECOND / 4);
  g_test_message ("1x: %.3f, 2x: %.3f (ratio %.2f)", normal, fast, fast / normal);
  g_assert_cmpfloat (normal, >, 0.7);
  g_assert_cmpfloat (normal, <, 1.3);
  g_assert_cmpfloat (fast / normal, >, 1.5);
  g_assert_cmpfloat (fast / normal, <, 2.6);

  gtk_media_stream_pause (stream);
  g_assert_false (gtk_media_stream_get_playing (stream));

  /* The end: paused, at the duration; Play starts again, still at 2x. */
  gtk_media_stream_seek (stream, 9 * SECOND);
  wait_sought (stream);
  gtk_media_stream_play (stream);
  tam_test_spin_until (gtk_media_stream_get_ended (stream));
  g_assert_false (gtk_media_stream_get_playing (stream));
  g_assert_cmpint (gtk_media_stream_get_timestamp (stream), ==, gtk_media_stream_get_duration (stream));
  gtk_media_stream_play (stream);
  g_assert_true (gtk_media_stream_get_playing (stream));
  g_assert_false (gtk_media_stream_get_ended (stream));
  run_for (SECOND / 2);
  g_assert_cmpint (gtk_media_stream_get_timestamp (stream), <, 3 * SECOND);
  g_assert_cmpfloat (tam_gst_stream_get_rate (gst), ==, 2.0);
  gtk_media_stream_pause (stream);

  /* Volume and mute reach the pipeline (the slider is cubic). */
  pipeline = _tam_gst_stream_get_pipeline (gst);
  gtk_media_stream_set_volume (stream, 0.5);
  gtk_media_stream_set_muted (stream, TRUE);
  g_object_get (pipeline, "volume", &volume, "mute", &mute, NULL);
  g_assert_cmpfloat_with_epsilon (volume, 0.125, 1e-6);
  g_assert_true (mute);

  /* Dropped while playing: the pipeline stops, nothing is left behind. */
  gtk_media_stream_play (stream);
  run_for (SECOND / 5);
  g_assert_finalize_object (stream);
  tam_test_flush ();
}

/* The sound output fails: the recording still plays, without sound, and
 * says so. */
static void
test_failing_sink (Fixture *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sink = g_strdup_printf ("filesink location=%s/no-such-folder/out.raw", f->dir);
  GtkMediaStream *stream;
  gint64 before;

  stream = _tam_gst_stream_new_with_sink (f->long_wav, sink, &error);
  g_assert_no_error (error);

  wait_prepared (stream);
  g_assert_true (tam_gst_stream_get_silent (TAM_GST_STREAM (stream)));
  assert_near (gtk_media_stream_get_duration (stream), 10 * SECOND);

  gtk_media_stream_play (stream);
  before = gtk_media_stream_get_timestamp (stream);
  run_for (SECOND / 2);
  g_assert_null (gtk_media_stream_get_error (stream));
  g_assert_cmpint (gtk_media_stream_get_timestamp (stream), >, before + SECOND / 5);
  g_assert_finalize_object (stream);
  tam_test_flush ();
}

static GtkWidget *
find_dropdown (TamRecordingPlayer *player)
{
  GtkWidget *dropdown = tam_test_find_child (GTK_WIDGET (player), GTK_TYPE_DROP_DOWN);

  g_assert_nonnull (dropdown);
  return dropdown;
}

/* The widget: the speed chosen once applies to the next recordings; a
 * missing or broken file says so. */
static void
test_player (Fixture *f,
             gconstpointer data)
{
  GtkWidget *window = gtk_window_new ();
  TamRecordingPlayer *player = TAM_RECORDING_PLAYER (tam_recording_player_new ());
  g_autofree char *missing = g_build_filename (f->dir, "vr-missing.wav", NULL);
  g_autofree char *broken = g_build_filename (f->dir, "vr-broken.wav", NULL);
  g_autofree char *expected = NULL;
  GtkMediaStream *stream;
  GtkWidget *dropdown;
  double speed;

  g_object_ref_sink (player);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (player));
  gtk_window_present (GTK_WINDOW (window));
  dropdown = find_dropdown (player);
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 1.0);

  g_assert_true (tam_recording_player_load (player, f->long_wav));
  g_assert_null (tam_recording_player_get_message (player));
  stream = tam_recording_player_get_stream (player);
  g_assert_true (TAM_IS_GST_STREAM (stream));
  wait_prepared (stream);
  g_assert_true (gtk_widget_get_visible (dropdown));

  /* The drop-down, then the keys' steps (the bell past 2x). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 1.5);
  g_assert_cmpfloat (tam_gst_stream_get_rate (TAM_GST_STREAM (stream)), ==, 1.5);
  tam_recording_player_change_speed (player, 1);
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 2.0);
  tam_recording_player_change_speed (player, 1);
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 2.0);
  tam_recording_player_change_speed (player, -1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 2);
  g_assert_cmpfloat (tam_gst_stream_get_rate (TAM_GST_STREAM (stream)), ==, 1.5);

  /* The next call: the new stream plays at 1.5x once prepared. */
  g_assert_true (tam_recording_player_load (player, f->short_wav));
  stream = tam_recording_player_get_stream (player);
  g_assert_cmpfloat (tam_gst_stream_get_rate (TAM_GST_STREAM (stream)), ==, 1.5);
  wait_prepared (stream);
  assert_near (gtk_media_stream_get_duration (stream), 3 * SECOND);
  tam_recording_player_toggle (player);
  g_assert_true (gtk_media_stream_get_playing (stream));
  run_for (SECOND / 5);
  speed = measure_speed (TAM_GST_STREAM (stream), SECOND / 2);
  g_test_message ("1.5x after a new recording: %.3f", speed);
  g_assert_cmpfloat (speed, >, 1.1);
  g_assert_cmpfloat (speed, <, 1.95);
  /* Left and Right: 5 s back from the start is the start. */
  tam_recording_player_seek_by (player, -5);
  wait_sought (stream);
  g_assert_cmpint (gtk_media_stream_get_timestamp (stream), <, SECOND / 2);
  tam_recording_player_toggle (player);
  g_assert_false (gtk_media_stream_get_playing (stream));

  /* Missing: the message, no stream, the speed kept. */
  g_assert_false (tam_recording_player_load (player, missing));
  expected = g_strdup_printf ("Recording not found: %s", missing);
  g_assert_cmpstr (tam_recording_player_get_message (player), ==, expected);
  g_assert_null (tam_recording_player_get_stream (player));
  g_assert_false (gtk_widget_get_visible (dropdown));
  tam_recording_player_toggle (player); /* harmless */
  g_assert_cmpfloat (tam_recording_player_get_rate (player), ==, 1.5);

  /* Not a recording at all: GStreamer's error, in the player's words. */
  g_assert_true (g_file_set_contents (broken, "not a wav file, just text\n", -1, NULL));
  g_assert_true (tam_recording_player_load (player, broken));
  stream = tam_recording_player_get_stream (player);
  tam_test_spin_until (gtk_media_stream_get_error (stream) != NULL);
  g_assert_nonnull (tam_recording_player_get_message (player));
  g_assert_true (g_str_has_prefix (tam_recording_player_get_message (player), "Recording cannot be played: "));
  g_assert_nonnull (strstr (tam_recording_player_get_message (player), broken));

  /* And back to a good one, at the kept speed. */
  g_assert_true (tam_recording_player_load (player, f->long_wav));
  g_assert_null (tam_recording_player_get_message (player));
  stream = tam_recording_player_get_stream (player);
  wait_prepared (stream);
  g_assert_cmpfloat (tam_gst_stream_get_rate (TAM_GST_STREAM (stream)), ==, 1.5);
  g_assert_true (gtk_widget_get_visible (dropdown));

  gtk_window_destroy (GTK_WINDOW (window));
  tam_test_flush ();
  g_assert_finalize_object (player);
}

/* The speed a QCO chose is kept for the next start of the app. */
static void
test_speed_remembered (Fixture *f,
                       gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new ("com.infomedia.TAM");
  GtkWidget *first = g_object_ref_sink (tam_recording_player_new ());
  GtkWidget *second;

  g_assert_cmpfloat (tam_recording_player_get_rate (TAM_RECORDING_PLAYER (first)), ==, 1.0);
  tam_recording_player_change_speed (TAM_RECORDING_PLAYER (first), 2);
  g_assert_cmpfloat (tam_recording_player_get_rate (TAM_RECORDING_PLAYER (first)), ==, 1.5);
  g_assert_cmpfloat (g_settings_get_double (settings, "playback-rate"), ==, 1.5);
  g_object_unref (first);

  second = g_object_ref_sink (tam_recording_player_new ());
  g_assert_cmpfloat (tam_recording_player_get_rate (TAM_RECORDING_PLAYER (second)), ==, 1.5);
  g_object_unref (second);
}

int
main (int argc,
      char *argv[])
{
  /* The tests' env sets this; a lone run still plays in real time.
   * (Before any thread exists: setenv is not thread-safe.) */
  g_setenv ("TAM_AUDIO_SINK", "fakesink", FALSE);
  gtk_test_init (&argc, &argv, NULL);
  tam_test_ui_init ();

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/player/stream", test_stream);
  ADD ("/ui/player/failing-sink", test_failing_sink);
  ADD ("/ui/player/widget", test_player);
  ADD ("/ui/player/speed-remembered", test_speed_remembered);
#undef ADD

  return g_test_run ();
}
