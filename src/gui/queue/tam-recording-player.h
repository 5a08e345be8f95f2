#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TAM_TYPE_RECORDING_PLAYER (tam_recording_player_get_type ())
G_DECLARE_FINAL_TYPE (TamRecordingPlayer, tam_recording_player, TAM, RECORDING_PLAYER, GtkWidget)

/* Plays a call's voice recording (TamGstStream: a GStreamer playbin) with
 * GtkMediaControls and a speed selector (1x to 2x, kept from one call to
 * the next), and says clearly when the file is missing. */
GtkWidget *tam_recording_player_new (void);

/* Loads @path (NULL or "" when the call has no recording). Returns FALSE
 * when the file cannot be opened; the player then shows why. */
gboolean tam_recording_player_load (TamRecordingPlayer *self,
                                    const char *path);
void tam_recording_player_clear (TamRecordingPlayer *self);
const char *tam_recording_player_get_path (TamRecordingPlayer *self);
/* The message shown instead of the controls, or NULL when the recording
 * is playable. */
const char *tam_recording_player_get_message (TamRecordingPlayer *self);
GtkMediaStream *tam_recording_player_get_stream (TamRecordingPlayer *self);

void tam_recording_player_toggle (TamRecordingPlayer *self);
/* Seeks by @seconds (negative: back), clamped to the recording. */
void tam_recording_player_seek_by (TamRecordingPlayer *self,
                                   int seconds);

/* The playback speed: 1.0, 1.25, 1.5 or 2.0. It applies to the recording
 * playing and to the ones loaded after it. set_rate () takes the nearest
 * of these; change_speed () moves @steps along them (+1 faster, -1
 * slower) and rings the bell past either end. */
double tam_recording_player_get_rate (TamRecordingPlayer *self);
void tam_recording_player_set_rate (TamRecordingPlayer *self,
                                    double rate);
void tam_recording_player_change_speed (TamRecordingPlayer *self,
                                        int steps);

/* The recordings folder of the settings (key "recordings-folder" of
 * com.infomedia.TAM), or NULL when the schema or key is not installed or
 * the folder is not set. */
char *tam_recording_player_dup_folder (void);
/* Where a call's @recording lives: absolute names as they are, others
 * under @folder. NULL when @recording is empty. */
char *tam_recording_player_resolve (const char *folder,
                                    const char *recording);

G_END_DECLS
