/* tam-read.c: one read of a page or dialog, off the main loop (see
 * tam-read.h). */
#include "config.h"

#include "tam-read.h"

typedef struct
{
  char *db_path;
  TamSession *session;
  TamReadFunc func;
  gpointer data;
  GDestroyNotify data_free;
} Read;

static void
read_free (Read *r)
{
  g_free (r->db_path);
  g_clear_pointer (&r->session, tam_session_free);
  if (r->data_free != NULL)
    r->data_free (r->data);
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

  if (store != NULL && r->func (store, r->session, r->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
tam_read_async (gpointer source_object,
                const char *db_path,
                const TamSession *session,
                TamReadFunc func,
                gpointer data,
                GDestroyNotify data_free,
                GAsyncReadyCallback callback,
                gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (source_object, NULL, callback, user_data);
  Read *r = g_new0 (Read, 1);

  g_return_if_fail (db_path != NULL && func != NULL);
  r->db_path = g_strdup (db_path);
  r->session = tam_session_copy (session);
  r->func = func;
  r->data = data;
  r->data_free = data_free;
  g_task_set_source_tag (task, tam_read_async);
  g_task_set_task_data (task, r, (GDestroyNotify) read_free);
  g_task_run_in_thread (task, read_thread);
}

gboolean
tam_read_finish (GAsyncResult *result,
                 GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
tam_read_get_data (GAsyncResult *result)
{
  Read *r;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  r = g_task_get_task_data (G_TASK (result));
  return r != NULL ? r->data : NULL;
}
