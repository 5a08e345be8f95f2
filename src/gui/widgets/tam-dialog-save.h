/* tam-dialog-save.h: what every dialog with one Save does around its
 * save (tam-save.h): the button's states, one save at a time, Escape
 * while it waits, the outcome after the dialog was closed.
 *
 * Embed a TamDialogSave in the dialog's struct, tam_dialog_save_init ()
 * it in init, call tam_dialog_save_dispose () first in dispose, and
 * tam_dialog_save_close_request () from close_request (chain up when it
 * returns FALSE). Save sends the worker's input with
 * tam_dialog_save_send (); when the save is over @done runs on the main
 * loop, unless the dialog was disposed:
 *   - saved: @done (dialog, data, NULL) (emit the dialog's "saved"),
 *     then the dialog closes;
 *   - refused while the dialog is shown: @done (dialog, data, error)
 *     (show the error at its field);
 *   - refused after the user closed the dialog (it hid at once): the
 *     error is shown over the window it belonged to, under @refused. */
#pragma once

#include <gtk/gtk.h>

#include "tam-save.h"

G_BEGIN_DECLS

typedef void (*TamDialogSaveDone) (GtkWindow *dialog,
                                   gpointer data,
                                   const GError *error);

typedef struct
{
  GtkWindow *dialog;      /* not owned */
  GtkButton *save_button; /* not owned */
  const char *refused;    /* translated heading of a late refusal */
  gboolean saving;        /* a save is in the worker */
  gboolean saved;         /* the last save's outcome */
  gboolean closed;        /* closed (hidden) while saving */
  gboolean disposed;
} TamDialogSave;

void tam_dialog_save_init (TamDialogSave *s,
                           GtkWindow *dialog,
                           GtkButton *save_button,
                           const char *refused);
/* FALSE (and @data freed) when a save is on its way already. */
gboolean tam_dialog_save_send (TamDialogSave *s,
                               const char *db_path,
                               TamSaveFunc func,
                               gpointer data,
                               GDestroyNotify data_free,
                               TamDialogSaveDone done);
/* Iterates the main context until the save sent is over (for tests):
 * TRUE when it was stored. */
gboolean tam_dialog_save_wait (TamDialogSave *s);
/* TRUE when the close is handled (a save waits: the dialog hides). */
gboolean tam_dialog_save_close_request (TamDialogSave *s);
void tam_dialog_save_dispose (TamDialogSave *s);

G_END_DECLS
