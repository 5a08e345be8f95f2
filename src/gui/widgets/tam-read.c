/* tam-read.c: one read of a page or dialog, off the main loop (see
 * tam-read.h). */
#include "config.h"

#include "tam-read.h"

typedef struct
{
  char *db_path;
  TamSession *session;
  const TamWork *work;
  gpointer data;
} Read;

static void
read_free (Read *r)
{
  g_free (r->db_path);
  g_clear_pointer (&r->session, tam_session_free);
  if (r->work->data_free != NULL)
    r->work->data_free (r->data);
  g_free (r);
}

static void
read_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  Read *r = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (r->db_path, &error);

  if (store != NULL && r->work->func (store, r->session, r->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
read_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  Read *r = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  r->work->done (source, r->data, error);
}

void
tam_read_async (gpointer source_object,
                const char *db_path,
                const TamSession *session,
                const TamWork *work,
                gpointer data)
{
  g_autoptr (GTask) task = g_task_new (source_object, NULL, read_done_cb, NULL);
  Read *r = g_new0 (Read, 1);

  g_return_if_fail (db_path != NULL && work != NULL);
  r->db_path = g_strdup (db_path);
  r->session = tam_session_copy (session);
  r->work = work;
  r->data = data;
  g_task_set_source_tag (task, tam_read_async);
  g_task_set_task_data (task, r, (GDestroyNotify) read_free);
  g_task_run_in_thread (task, read_thread);
}
