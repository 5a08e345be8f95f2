/* tam-read.h: one read of a page or dialog, off the main loop.
 *
 * The window never waits for the database on its main loop, and a
 * TamStore is never shared between threads: tam_read_async () runs @func
 * in a GTask worker thread on a TamStore of its own, opened in that
 * thread on @db_path, with a copy of @session (NULL: none), and calls
 * @callback on the main context with @source_object as its source.
 *
 *   static gboolean
 *   list_func (TamStore *store, const TamSession *session, gpointer data,
 *              GError **error)
 *   {
 *     MyJob *job = data;
 *     return (job->rows = tam_thing_list (store, session, error)) != NULL;
 *   }
 *
 *   tam_read_async (self, tam_store_get_path (self->store), self->session,
 *                   list_func, job, (GDestroyNotify) my_job_free,
 *                   list_done_cb, NULL);
 *
 *   static void
 *   list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
 *   {
 *     MyJob *job = tam_read_get_data (result);
 *     g_autoptr (GError) error = NULL;
 *
 *     if (!tam_read_finish (result, &error))
 *       ...
 *   }
 *
 * @source_object is held until @callback has run: a widget's callback
 * checks whether it was disposed meanwhile (GTK 4.8). */
#pragma once

#include <gio/gio.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* Worker thread: the read itself; FALSE with @error set on failure. */
typedef gboolean (*TamReadFunc) (TamStore *store,
                                 const TamSession *session,
                                 gpointer data,
                                 GError **error);

/* @data is the worker's input and output, freed with @data_free (any
 * thread) after @callback. */
void tam_read_async (gpointer source_object,
                     const char *db_path,
                     const TamSession *session,
                     TamReadFunc func,
                     gpointer data,
                     GDestroyNotify data_free,
                     GAsyncReadyCallback callback,
                     gpointer user_data);
/* TRUE when the store opened and @func returned TRUE. */
gboolean tam_read_finish (GAsyncResult *result,
                          GError **error);
/* The @data given to tam_read_async (), as the worker left it. */
gpointer tam_read_get_data (GAsyncResult *result);

G_END_DECLS
