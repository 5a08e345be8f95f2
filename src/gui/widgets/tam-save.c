/* tam-save.c: a dialog's save in a GTask worker with its own store, tried
 * again while the database is busy (see tam-save.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-save.h"

/* As the Queue tab's writer: the worker's connection gives up on a held
 * lock after 250 ms so that "busy" shows quickly, then tries again. */
#define BUSY_TIMEOUT_MS 250
#define RETRY_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)
#define RETRY_LIMIT_MS (60 * 1000)

typedef struct
{
  char *db_path;
  TamSaveFunc func;
  gpointer data;
  GDestroyNotify data_free;
  TamSaveBusyFunc busy;
  GAsyncReadyCallback callback;
  gpointer user_data;
  GMainContext *context;
  GApplication *app; /* held while the save runs, or NULL */
  gint busy_sent;    /* atomic: the busy idle was scheduled */
  gboolean done;     /* main thread: the callback ran */
} Save;

static guint pending;                        /* main thread */
static gint retry_limit_ms = RETRY_LIMIT_MS; /* atomic */

static void
save_free (Save *save)
{
  g_free (save->db_path);
  if (save->data_free != NULL && save->data != NULL)
    save->data_free (save->data);
  g_main_context_unref (save->context);
  g_free (save);
}

/* Main thread, before the callback (it was scheduled first). */
static gboolean
busy_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Save *save = g_task_get_task_data (task);

  if (!save->done && save->busy != NULL)
    save->busy (save->user_data);
  return G_SOURCE_REMOVE;
}

static void
save_thread (GTask *task,
             gpointer source_object,
             gpointer task_data,
             GCancellable *cancellable)
{
  Save *save = task_data;
  g_autoptr (TamStore) store = NULL;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      gint64 attempt = g_get_monotonic_time ();
      gint64 now;

      g_clear_error (&error);
      if (store == NULL)
        {
          store = tam_store_open (save->db_path, &error);
          if (store != NULL)
            tam_store_set_busy_timeout (store, BUSY_TIMEOUT_MS);
        }
      if (store != NULL && save->func (store, save->data, &error))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (!g_error_matches (error, TAM_ERROR, TAM_ERROR_BUSY))
        break;
      now = g_get_monotonic_time ();
      if (now - start >= g_atomic_int_get (&retry_limit_ms) * G_TIME_SPAN_MILLISECOND)
        break;
      if (g_atomic_int_compare_and_exchange (&save->busy_sent, 0, 1))
        {
          GSource *source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, busy_idle_cb, g_object_ref (task), g_object_unref);
          g_source_set_static_name (source, "[tam] save busy");
          g_source_attach (source, save->context);
          g_source_unref (source);
        }
      /* The busy handler has usually waited already. */
      if (now - attempt < RETRY_INTERVAL_US)
        g_usleep (RETRY_INTERVAL_US - (now - attempt));
    }
  g_task_return_error (task, error);
}

static void
save_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  Save *save = user_data;
  g_autoptr (GApplication) app = g_steal_pointer (&save->app);

  save->done = TRUE;
  save->callback (NULL, result, save->user_data);
  g_assert (pending > 0);
  pending--;
  if (app != NULL)
    g_application_release (app);
}

void
tam_save_async (const char *db_path,
                TamSaveFunc func,
                gpointer data,
                GDestroyNotify data_free,
                TamSaveBusyFunc busy,
                GAsyncReadyCallback callback,
                gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  Save *save;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (func != NULL);
  g_return_if_fail (callback != NULL);

  save = g_new0 (Save, 1);
  save->db_path = g_strdup (db_path);
  save->func = func;
  save->data = data;
  save->data_free = data_free;
  save->busy = busy;
  save->callback = callback;
  save->user_data = user_data;
  save->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, NULL, save_done_cb, save);
  g_task_set_source_tag (task, tam_save_async);
  /* Freed wherever the last reference goes: plain data, no widgets. */
  g_task_set_task_data (task, save, (GDestroyNotify) save_free);
  pending++;
  /* A save sent completes: the last window closing does not end the
   * process under it. */
  if (g_application_get_default () != NULL)
    {
      save->app = g_object_ref (g_application_get_default ());
      g_application_hold (save->app);
    }
  g_task_run_in_thread (task, save_thread);
}

gboolean
tam_save_finish (GAsyncResult *result,
                 GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tam_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
tam_save_get_data (GAsyncResult *result)
{
  Save *save;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  save = g_task_get_task_data (G_TASK (result));
  return save ? save->data : NULL;
}

guint
_tam_save_get_pending (void)
{
  return pending;
}

void
_tam_save_set_retry_limit (guint milliseconds)
{
  g_atomic_int_set (&retry_limit_ms, (gint) MIN (milliseconds, G_MAXINT));
}

/* The button's own label, kept while it shows a state. */
#define LABEL_KEY "tam-save-label"
#define UNDERLINE_KEY "tam-save-underline"
#define STATE_KEY "tam-save-state"

void
tam_save_button_set_state (GtkButton *button,
                           TamSaveState state)
{
  const char *text;
  GtkWidget *box, *spinner, *label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  if (tam_save_button_get_state (button) == TAM_SAVE_IDLE)
    {
      if (state == TAM_SAVE_IDLE)
        return;
      g_object_set_data_full (G_OBJECT (button), LABEL_KEY,
                              g_strdup (gtk_button_get_label (button)), g_free);
      g_object_set_data (G_OBJECT (button), UNDERLINE_KEY,
                         GINT_TO_POINTER (gtk_button_get_use_underline (button)));
    }
  g_object_set_data (G_OBJECT (button), STATE_KEY, GINT_TO_POINTER (state));

  if (state == TAM_SAVE_IDLE)
    {
      gtk_button_set_label (button, g_object_get_data (G_OBJECT (button), LABEL_KEY));
      gtk_button_set_use_underline (button,
                                    GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), UNDERLINE_KEY)));
      gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
      gtk_widget_set_sensitive (GTK_WIDGET (button), TRUE);
      return;
    }

  text = state == TAM_SAVE_WAITING ? _ ("Waiting for another desk…") : _ ("Saving…");
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  label = gtk_label_new (text);
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (button, box);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  /* The label is the button's only text: a screen reader reads it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

TamSaveState
tam_save_button_get_state (GtkButton *button)
{
  g_return_val_if_fail (GTK_IS_BUTTON (button), TAM_SAVE_IDLE);
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), STATE_KEY));
}
