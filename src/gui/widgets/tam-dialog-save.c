/* tam-dialog-save.c: a dialog's one save (see tam-dialog-save.h). */
#include "config.h"

#include <string.h>

#include "tam-dialog-save.h"
#include "tam-gui-utils.h"

typedef struct
{
  TamDialogSave *s;  /* inside the dialog, which the ref keeps alive */
  GtkWindow *dialog; /* a reference */
  TamDialogSaveDone done;
} Pending;

void
tam_dialog_save_init (TamDialogSave *s,
                      GtkWindow *dialog,
                      GtkButton *save_button,
                      const char *refused)
{
  memset (s, 0, sizeof *s);
  s->dialog = dialog;
  s->save_button = save_button;
  s->refused = refused;
}

static void
busy_cb (gpointer user_data)
{
  Pending *p = user_data;

  if (!p->s->disposed && !p->s->closed)
    tam_save_button_set_state (p->s->save_button, TAM_SAVE_WAITING);
}

static void
done_cb (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  Pending *p = user_data;
  TamDialogSave *s = p->s;
  g_autoptr (GtkWindow) dialog = p->dialog;
  g_autoptr (GError) error = NULL;
  TamDialogSaveDone done = p->done;

  g_free (p);
  s->saving = FALSE;
  s->saved = tam_save_finish (result, &error);
  if (s->disposed)
    return;
  if (!s->closed)
    tam_save_button_set_state (s->save_button, TAM_SAVE_IDLE);
  if (s->saved || !s->closed)
    done (dialog, tam_save_get_data (result), error);
  else
    {
      /* Closed while it waited: a refusal is told over the window the
       * dialog belonged to. */
      GtkWindow *parent = gtk_window_get_transient_for (dialog);

      if (parent != NULL && gtk_widget_get_visible (GTK_WIDGET (parent)))
        tam_show_message (GTK_WIDGET (parent), s->refused, error->message);
    }
  if (s->closed)
    gtk_window_destroy (dialog);
  else if (s->saved)
    gtk_window_close (dialog);
}

gboolean
tam_dialog_save_send (TamDialogSave *s,
                      const char *db_path,
                      TamSaveFunc func,
                      gpointer data,
                      GDestroyNotify data_free,
                      TamDialogSaveDone done)
{
  Pending *p;

  if (s->saving)
    {
      data_free (data);
      return FALSE;
    }
  p = g_new0 (Pending, 1);
  p->s = s;
  p->dialog = g_object_ref (s->dialog);
  p->done = done;
  s->saving = TRUE;
  tam_save_button_set_state (s->save_button, TAM_SAVE_SAVING);
  tam_save_async (db_path, func, data, data_free, busy_cb, done_cb, p);
  return TRUE;
}

gboolean
tam_dialog_save_wait (TamDialogSave *s)
{
  while (s->saving)
    g_main_context_iteration (NULL, TRUE);
  return s->saved;
}

gboolean
tam_dialog_save_close_request (TamDialogSave *s)
{
  if (!s->saving)
    return FALSE;
  s->closed = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (s->dialog), FALSE);
  return TRUE;
}

void
tam_dialog_save_dispose (TamDialogSave *s)
{
  s->disposed = TRUE;
}
