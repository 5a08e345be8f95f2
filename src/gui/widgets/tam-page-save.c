/* tam-page-save.c: the writes of a tab, through tam_save_async () (see
 * tam-page-save.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-page-save.h"
#include "tam-save.h"

typedef struct
{
  TamSession *session;
  const TamWork *work;
  gpointer data;
} Write;

static void
write_free (Write *w)
{
  tam_session_free (w->session);
  if (w->work->data_free != NULL)
    w->work->data_free (w->data);
  g_free (w);
}

/* Worker thread. */
static gboolean
write_func (TamStore *store,
            gpointer data,
            GError **error)
{
  Write *w = data;

  return w->work->func (store, w->session, w->data, error);
}

static void
write_busy_cb (gpointer user_data)
{
  TamPageSave *s = user_data;

  if (!s->disposed)
    gtk_label_set_text (s->status, _ ("Waiting for another desk…"));
}

static void
write_done_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  TamPageSave *s = user_data;
  GtkWidget *page = s->page;
  Write *w = tam_save_get_data (result);
  g_autoptr (GError) error = NULL;
  gboolean stored = tam_save_finish (result, &error);

  s->writing--;
  if (!s->disposed)
    w->work->done (G_OBJECT (page), w->data, stored ? NULL : error);
  g_object_unref (page);
}

void
tam_page_save_init (TamPageSave *s,
                    GtkWidget *page,
                    GtkLabel *status)
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (GTK_IS_LABEL (status));

  s->page = page;
  s->status = status;
  s->writing = 0;
  s->disposed = FALSE;
}

void
tam_page_save_send (TamPageSave *s,
                    const char *db_path,
                    const TamSession *session,
                    const TamWork *work,
                    gpointer data)
{
  Write *w = g_new0 (Write, 1);

  w->session = tam_session_copy (session);
  w->work = work;
  w->data = data;
  s->writing++;
  g_object_ref (s->page);
  tam_save_async (db_path, write_func, w, (GDestroyNotify) write_free, write_busy_cb, write_done_cb, s);
}

void
tam_page_save_dispose (TamPageSave *s)
{
  s->disposed = TRUE;
}
