/* tam-import-ui.c: the window side of an import: a job, then a dialog. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-gui-utils.h"
#include "tam-import-ui.h"

typedef struct
{
  TamSession *session;
  TamImportKind kind;
  char *path;
  TamImportResult result;
  TamImportDoneFunc done;
  GObject *owner;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  tam_session_free (job->session);
  g_free (job->path);
  tam_import_result_clear (&job->result);
  g_clear_object (&job->owner);
  g_free (job);
}

static gboolean
import_func (TamStore *store,
             gpointer data,
             TamProgressFunc progress,
             gpointer progress_data,
             GCancellable *cancellable,
             GError **error)
{
  ImportJob *job = data;

  return tam_import_file (store, job->session, job->kind, job->path, NULL,
                          progress, progress_data, cancellable, &job->result, error);
}

static const char *
kind_done_heading (TamImportKind kind)
{
  switch (kind)
    {
    case TAM_IMPORT_ROSTER:
      return _ ("Roster imported");
    case TAM_IMPORT_ATTENDANCE:
      return _ ("Attendance imported");
    case TAM_IMPORT_CALLS:
      return _ ("Calls imported");
    default:
      return _ ("Imported");
    }
}

static void
import_done_cb (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  TamJobBar *bar = TAM_JOB_BAR (source);
  ImportJob *job = tam_job_get_data (result);
  g_autoptr (GError) error = NULL;
  gboolean stored = FALSE;

  if (tam_job_bar_run_finish (bar, result, &error))
    {
      g_autofree char *summary = tam_import_result_summary (&job->result);
      tam_show_message (GTK_WIDGET (bar), kind_done_heading (job->kind), summary);
      stored = TRUE;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tam_show_message (GTK_WIDGET (bar), _ ("Import cancelled"), _ ("Nothing was stored."));
  else
    {
      g_autoptr (GString) body = g_string_new (error->message);

      if (job->result.errors != NULL && job->result.errors->len > 0)
        {
          g_string_append (body, "\n");
          for (guint i = 0; i < job->result.errors->len && i < TAM_IMPORT_MAX_ERRORS; i++)
            g_string_append_printf (body, "\n%s", (const char *) g_ptr_array_index (job->result.errors, i));
        }
      tam_show_message (GTK_WIDGET (bar), _ ("Nothing was imported"), body->str);
    }

  if (job->done != NULL && job->owner != NULL)
    job->done (job->owner, stored);
}

void
tam_import_run (TamJobBar *bar,
                TamStore *store,
                const TamSession *session,
                TamImportKind kind,
                const char *path,
                TamImportDoneFunc done,
                GObject *owner)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *title = NULL;

  job->session = tam_session_copy (session);
  job->kind = kind;
  job->path = g_strdup (path);
  job->done = done;
  job->owner = owner ? g_object_ref (owner) : NULL;

  /* Translators: %s is a file name */
  title = g_strdup_printf (_ ("Importing %s…"), base);
  tam_job_bar_run_async (bar, title, tam_store_get_path (store), import_func,
                         job, (GDestroyNotify) import_job_free, import_done_cb, NULL);
}

void
tam_import_choose (GtkWidget *page,
                   const char *title,
                   TamImportFileFunc import_file)
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (import_file != NULL);

  tam_file_chooser_show (tam_file_chooser_new (page, title, GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Import"), TRUE),
                         page, import_file);
}
