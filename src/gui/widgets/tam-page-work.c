/* tam-page-work.c: a tab's reads and writes off the main loop (see
 * tam-page-work.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-page-work.h"
#include "tam-save.h"

/* The page's work wrapped: its done is skipped once the page is gone. */
typedef struct
{
  TamPageWork *pw; /* inside the page, held by the worker */
  TamSession *session;
  const TamWork *work;
  gpointer data;
} Job;

static void
job_free (Job *job)
{
  tam_session_free (job->session);
  if (job->work->data_free != NULL)
    job->work->data_free (job->data);
  g_free (job);
}

static Job *
job_new (TamPageWork *pw,
         const TamSession *session,
         const TamWork *work,
         gpointer data)
{
  Job *job = g_new0 (Job, 1);

  job->pw = pw;
  job->session = tam_session_copy (session);
  job->work = work;
  job->data = data;
  return job;
}

/* Worker thread. */
static gboolean
job_func (TamStore *store,
          const TamSession *session,
          gpointer data,
          GError **error)
{
  Job *job = data;

  return job->work->func (store, job->session, job->data, error);
}

static void
job_done (Job *job,
          const GError *error)
{
  if (!job->pw->disposed)
    job->work->done (G_OBJECT (job->pw->page), job->data, error);
}

static void
read_done (GObject *source,
           gpointer data,
           const GError *error)
{
  job_done (data, error);
}

static const TamWork read_work = { job_func, read_done, (GDestroyNotify) job_free };

void
tam_page_work_read (TamPageWork *pw,
                    TamStore *store,
                    const TamSession *session,
                    const TamWork *work,
                    gpointer data)
{
  tam_read_async (pw->page, tam_store_get_path (store), NULL, &read_work, job_new (pw, session, work, data));
}

/* Worker thread. */
static gboolean
save_func (TamStore *store,
           gpointer data,
           GError **error)
{
  return job_func (store, NULL, data, error);
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
  job_done (tam_save_get_data (result), stored ? NULL : error);
  g_object_unref (page);
}

void
tam_page_work_save (TamPageWork *pw,
                    TamStore *store,
                    const TamSession *session,
                    const TamWork *work,
                    gpointer data)
{
  pw->writing++;
  g_object_ref (pw->page);
  tam_save_async (tam_store_get_path (store), save_func, job_new (pw, session, work, data), (GDestroyNotify) job_free,
                  save_busy_cb, save_done_cb, pw);
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
