/* tam-work.h: what a page or dialog does on the database, off the main
 * loop.
 *
 * The window never waits for the database on its main loop, and a
 * TamStore is never shared between threads: a TamWork's func runs in a
 * GTask worker thread on a TamStore of its own, opened in that thread on
 * the database's path, with a copy of the session; then its done runs
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
 *     if (error != NULL)
 *       ...
 *   }
 *
 *   static const TamWork list_work = { list_func, list_done, (GDestroyNotify) my_job_free };
 *
 *   tam_page_work_read (&self->work, self->store, self->session, &list_work, job);
 *
 * A tab (Coaching, Recovery plans, Training) embeds a TamPageWork in its
 * struct, tam_page_work_init ()s it once its status label exists and
 * calls tam_page_work_dispose () from dispose: its works' done runs with
 * the page as source, unless the page was disposed meanwhile (the page
 * is held until then). Its writes go through tam_save_async (): tried
 * again while another desk holds the database (a write's func must be
 * repeatable, see tam-save.h), the status label saying "Waiting for
 * another desk…" meanwhile. Other widgets read with tam_read_async ()
 * (their done checks whether they were disposed, GTK 4.8). */
#pragma once

#include <gtk/gtk.h>

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
 * and the func returned TRUE. */
typedef void (*TamWorkDone) (GObject *source,
                             gpointer data,
                             const GError *error);

typedef struct
{
  TamStoreFunc func;
  TamWorkDone done;
  GDestroyNotify data_free; /* the job's, after done (any thread) */
} TamWork;

/* Reads with @work on @data (the job: its input and output) for
 * @source_object (a GObject, held until done has run, or NULL). */
void tam_read_async (gpointer source_object,
                     const char *db_path,
                     const TamSession *session,
                     const TamWork *work,
                     gpointer data);

typedef struct
{
  GtkWidget *page;   /* not owned */
  GtkLabel *status;  /* not owned */
  guint writing;     /* writes sent and not over */
  gboolean disposed; /* what is over after it touches nothing */
} TamPageWork;

void tam_page_work_init (TamPageWork *pw,
                         GtkWidget *page,
                         GtkLabel *status);
void tam_page_work_read (TamPageWork *pw,
                         TamStore *store,
                         const TamSession *session,
                         const TamWork *work,
                         gpointer data);
void tam_page_work_save (TamPageWork *pw,
                         TamStore *store,
                         const TamSession *session,
                         const TamWork *work,
                         gpointer data);
void tam_page_work_dispose (TamPageWork *pw);

G_END_DECLS
