/* tam-save.h: one save of a dialog, off the main loop (issue 7).
 *
 * The person dialog, the attendance dialog, the assessment parameter
 * editor and the roster's Deactivate write one row each. When another
 * desk holds the database's write lock such a write waits for it, so it
 * never runs on the main loop: tam_save_async () runs @func in a GTask
 * worker thread on a TamStore of its own, opened in that thread on
 * @db_path (a TamStore is never shared between threads), and hands the
 * outcome back on the main context it was called from.
 *
 * A busy database (TAM_ERROR_BUSY) is not a failure, as in the Queue
 * tab's writer (tam-queue-writer.h): @func runs again every 250 ms for up
 * to a minute, and @busy is called once on the main context so the dialog
 * can say "Waiting for another desk…". @func must therefore be
 * repeatable: a BUSY attempt has stored nothing (its transaction was
 * rolled back), so it works on a copy of its input each time.
 *
 * A save cannot be cancelled once sent: it completes, and @callback
 * always runs. Dialogs send one save at a time (their Save button is
 * insensitive meanwhile, see tam_save_button_set_state). */
#pragma once

#include <gtk/gtk.h>

#include "tam-store.h"

G_BEGIN_DECLS

/* Worker thread: the write itself, on the worker's own @store. */
typedef gboolean (*TamSaveFunc) (TamStore *store,
                                 gpointer data,
                                 GError **error);
/* Main context: the database was found busy; the save goes on waiting. */
typedef void (*TamSaveBusyFunc) (gpointer user_data);

/* @data is the worker's input and output, freed with @data_free (any
 * thread) after @callback. @busy and @callback get @user_data; @callback
 * gets a NULL source object. */
void tam_save_async (const char *db_path,
                     TamSaveFunc func,
                     gpointer data,
                     GDestroyNotify data_free,
                     TamSaveBusyFunc busy,
                     GAsyncReadyCallback callback,
                     gpointer user_data);
gboolean tam_save_finish (GAsyncResult *result,
                          GError **error);
/* The @data given to tam_save_async (), as the worker left it. */
gpointer tam_save_get_data (GAsyncResult *result);

typedef enum
{
  TAM_SAVE_IDLE,    /* the button as the .ui made it, sensitive */
  TAM_SAVE_SAVING,  /* insensitive, a spinner and "Saving…" */
  TAM_SAVE_WAITING, /* insensitive, a spinner and "Waiting for another desk…" */
} TamSaveState;

/* Shows @state on a dialog's Save button (its accessible label says the
 * same); TAM_SAVE_IDLE puts its own label back. */
void tam_save_button_set_state (GtkButton *button,
                                TamSaveState state);
TamSaveState tam_save_button_get_state (GtkButton *button);

/* Tests: saves sent whose callback has not run yet (main thread). */
guint _tam_save_get_pending (void);
/* Tests: how long a busy database is waited for (60 s). */
void _tam_save_set_retry_limit (guint milliseconds);

G_END_DECLS
