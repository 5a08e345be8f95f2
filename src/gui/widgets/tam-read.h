/* tam-read.h: one read of a page or dialog, off the main loop.
 *
 * The window never waits for the database on its main loop, and a
 * TamStore is never shared between threads: tam_read_async () runs @func
 * in a GTask worker thread on a TamStore of its own, opened in that
 * thread on @db_path, with a copy of @session (NULL: none), then calls
 * @done on the main context with @source_object, the job and the error.
 *
 *   static gboolean
 *   list_func (TamStore *store, const TamSession *session, gpointer data,
 *              GError **error)
 *   {
 *     MyJob *job = data;
 *     return (job->rows = tam_thing_list (store, session, error)) != NULL;
 *   }
 *
 *   static void
 *   list_done (GObject *source, gpointer data, const GError *error,
 *              gpointer user_data)
 *   {
 *     MyPage *self = MY_PAGE (source);
 *     MyJob *job = data;
 *
 *     if (self->disposed)
 *       return;
 *     if (error != NULL)
 *       ...
 *   }
 *
 *   tam_read_async (self, tam_store_get_path (self->store), self->session,
 *                   list_func, job, (GDestroyNotify) my_job_free,
 *                   list_done, NULL);
 *
 * @source_object is held until @done has run: a widget's @done checks
 * whether it was disposed meanwhile (GTK 4.8). */
#pragma once

#include <gio/gio.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* Worker thread: the work on the worker's own @store, as @session;
 * FALSE with @error set on failure. */
typedef gboolean (*TamStoreFunc) (TamStore *store,
                                  const TamSession *session,
                                  gpointer data,
                                  GError **error);

/* Main context: the read is over; @error is NULL when the store opened
 * and the read returned TRUE. */
typedef void (*TamReadDone) (GObject *source_object,
                             gpointer data,
                             const GError *error,
                             gpointer user_data);

/* @data is the worker's input and output, freed with @data_free (any
 * thread) after @done. */
void tam_read_async (gpointer source_object,
                     const char *db_path,
                     const TamSession *session,
                     TamStoreFunc func,
                     gpointer data,
                     GDestroyNotify data_free,
                     TamReadDone done,
                     gpointer user_data);

G_END_DECLS
