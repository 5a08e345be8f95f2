/* tam-recording.c: whether a call's recording can be heard, as far as a
 * program without an audio stack can tell (tamctl tap, issue 12). The
 * window asks its player instead. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tam-store.h"
#include "tam-tapping.h"

static gboolean
looks_like_audio (const guchar *head,
                  gsize n)
{
  if (n >= 12 && memcmp (head, "RIFF", 4) == 0 && memcmp (head + 8, "WAVE", 4) == 0)
    return TRUE;
  if (n >= 4 && (memcmp (head, "OggS", 4) == 0 || memcmp (head, "fLaC", 4) == 0))
    return TRUE;
  if (n >= 3 && memcmp (head, "ID3", 3) == 0)
    return TRUE;
  /* An MPEG audio frame's sync word. */
  return n >= 2 && head[0] == 0xff && (head[1] & 0xe0) == 0xe0;
}

gboolean
tam_recording_probe (const char *folder,
                     const char *recording,
                     GError **error)
{
  g_autofree char *path = NULL;
  guchar head[12];
  GStatBuf st;
  gsize n;
  FILE *fp;

  if (recording == NULL || recording[0] == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("The call names no recording"));
      return FALSE;
    }
  if (g_path_is_absolute (recording) || folder == NULL || folder[0] == '\0')
    path = g_strdup (recording);
  else
    path = g_build_filename (folder, recording, NULL);

  if (g_stat (path, &st) != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("%s: recording not found"), path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s: not a file"), path);
      return FALSE;
    }
  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("%s: cannot be read: %s"), path, g_strerror (saved));
      return FALSE;
    }
  n = fread (head, 1, sizeof head, fp);
  fclose (fp);
  if (!looks_like_audio (head, n))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("%s: not a recording that plays (neither WAV, Ogg, FLAC nor MP3)"), path);
      return FALSE;
    }
  return TRUE;
}
