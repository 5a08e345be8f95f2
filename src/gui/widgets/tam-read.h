/* tam-read.h: work of a page or dialog on the database, off the main
 * loop: a read (tam_read_async ()), or a write through TamPageSave
 * (tam-page-save.h).
 *
 * The window never waits for the database on its main loop, and a
 * TamStore is never shared between threads: the work's @func runs in a
 * GTask worker thread on a TamStore of its own, opened in that thread on
 * the database's path, with a copy of the session; then its @done runs
 * on the main context with the source object, the job and the error.
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
 *   list_done (GObject *source, gpointer data, const GError *error)
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
 *   static const TamWork list_work = { list_func, list_done, (GDestroyNotify) my_job_free };
 *
 *   tam_read_async (self, tam_store_get_path (self->store), self->session, &list_work, job);
 *
 * The source object is held until @done has run: a widget's @done checks
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
/* Main context: the work is over; @error is NULL when the store opened
 * and @func returned TRUE. */
typedef void (*TamWorkDone) (GObject *source,
                             gpointer data,
                             const GError *error);

typedef struct
{
  TamStoreFunc func;
  TamWorkDone done;
  GDestroyNotify data_free; /* the job's, after @done (any thread) */
} TamWork;

/* Runs @work on @data (the job: the worker's input and output) for
 * @source_object (a GObject, or NULL). */
void tam_read_async (gpointer source_object,
                     const char *db_path,
                     const TamSession *session,
                     const TamWork *work,
                     gpointer data);

G_END_DECLS
