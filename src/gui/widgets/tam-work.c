/* tam-work.c: what a page or dialog does on the database, off the main
 * loop (see tam-work.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-save.h"
#include "tam-work.h"

typedef struct
{
  char *db_path;
  TamSession *session;
  const TamWork *work;
  gpointer data;
  TamPageWork *pw; /* a tab's work (inside the page, held), or NULL */
} Job;

static void
job_free (Job *job)
{
  g_free (job->db_path);
  tam_session_free (job->session);
  if (job->work->data_free != NULL)
    job->work->data_free (job->data);
  g_free (job);
}

static Job *
job_new (TamPageWork *pw,
         const char *db_path,
         const TamSession *session,
         const TamWork *work,
         gpointer data)
{
  Job *job = g_new0 (Job, 1);

  job->pw = pw;
  job->db_path = g_strdup (db_path);
  job->session = tam_session_copy (session);
  job->work = work;
  job->data = data;
  return job;
}

/* Main context: done, unless the tab it was for is gone: disposed, or
 * out of its window (a closed window's tab is held by its works, not
 * disposed, until they end; a read may have failed because the window's
 * database went with it). */
static void
job_done (Job *job,
          GObject *source,
          const GError *error)
{
  if (job->pw != NULL && (job->pw->disposed || gtk_widget_get_root (job->pw->page) == NULL))
    return;
  job->work->done (source, job->data, error);
}

/* ---- reads ------------------------------------------------------------- */

static void
read_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (job->db_path, &error);

  if (store != NULL && job->work->func (store, job->session, job->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
read_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  job_done (g_task_get_task_data (G_TASK (result)), source, error);
}

static void
read_start (gpointer source_object,
            Job *job)
{
  g_autoptr (GTask) task = g_task_new (source_object, NULL, read_done_cb, NULL);

  g_task_set_source_tag (task, tam_read_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, read_thread);
}

void
tam_read_async (gpointer source_object,
                const char *db_path,
                const TamSession *session,
                const TamWork *work,
                gpointer data)
{
  read_start (source_object, job_new (NULL, db_path, session, work, data));
}

void
tam_page_work_read (TamPageWork *pw,
                    TamStore *store,
                    const TamSession *session,
                    const TamWork *work,
                    gpointer data)
{
  read_start (pw->page, job_new (pw, tam_store_get_path (store), session, work, data));
}

/* ---- a tab's writes ---------------------------------------------------- */

/* Worker thread, again while the database is busy. */
static gboolean
save_func (TamStore *store,
           gpointer data,
           GError **error)
{
  Job *job = data;

  return job->work->func (store, job->session, job->data, error);
}

static void
save_busy_cb (gpointer user_data)
{
  TamPageWork *pw = user_data;

  if (!pw->disposed)
    gtk_label_set_text (pw->status, _ ("Waiting for another desk…"));
}

static void
save_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  TamPageWork *pw = user_data;
  GtkWidget *page = pw->page;
  g_autoptr (GError) error = NULL;
  gboolean stored = tam_save_finish (result, &error);

  pw->writing--;
  job_done (tam_save_get_data (result), G_OBJECT (page), stored ? NULL : error);
  g_object_unref (page);
}

void
tam_page_work_save (TamPageWork *pw,
                    TamStore *store,
                    const TamSession *session,
                    const TamWork *work,
                    gpointer data)
{
  Job *job = job_new (pw, tam_store_get_path (store), session, work, data);

  pw->writing++;
  g_object_ref (pw->page);
  tam_save_async (job->db_path, save_func, job, (GDestroyNotify) job_free, save_busy_cb, save_done_cb, pw);
}

void
tam_page_work_init (TamPageWork *pw,
                    GtkWidget *page,
                    GtkLabel *status)
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (GTK_IS_LABEL (status));

  pw->page = page;
  pw->status = status;
  pw->writing = 0;
  pw->disposed = FALSE;
}

void
tam_page_work_dispose (TamPageWork *pw)
{
  pw->disposed = TRUE;
}
