/* tam-queue-page-reports.c: the queue page's report dialogs and job. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-dates.h"
#include "tam-gui-utils.h"
#include "tam-job.h"
#include "tam-queue-page-private.h"
#include "tam-reports.h"

/* Reports (the core's registry, tam-reports.h): a month, a file, then a
 * job. queue.report takes the registry's code; the Queue tab's menu and
 * the window's main menu both use it. */

typedef struct
{
  const TamReport *report;
  TamSession *session;
  char *month;
  char *path;
} ReportJob;

static void
report_job_free (gpointer data)
{
  ReportJob *job = data;

  tam_session_free (job->session);
  g_free (job->month);
  g_free (job->path);
  g_free (job);
}

static gboolean
report_func (TamStore *store,
             gpointer data,
             TamProgressFunc progress,
             gpointer progress_data,
             GCancellable *cancellable,
             GError **error)
{
  ReportJob *job = data;

  return job->report->write (store, job->session, job->month, job->path,
                             progress, progress_data, cancellable, error);
}

static void
report_done_cb (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (TamQueuePage) self = user_data;
  g_autoptr (GError) error = NULL;
  ReportJob *job = tam_job_get_data (result);
  g_autofree char *toast = NULL;

  if (!tam_job_bar_run_finish (TAM_JOB_BAR (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is a report's form number, "F-18" */
          g_autofree char *cancelled = g_strdup_printf (_ ("Report %s cancelled"), job->report->form);
          _tam_queue_page_show_toast (self, cancelled, FALSE);
        }
      else
        _tam_queue_page_show_banner (self, error->message);
      return;
    }
  /* Translators: form, month, file: "Report F-18 of 2026-10 written to …" */
  toast = g_strdup_printf (_ ("Report %s of %s written to %s"), job->report->form, job->month, job->path);
  _tam_queue_page_show_toast (self, toast, FALSE);
}

static void
write_report (TamQueuePage *self,
              const TamReport *report,
              const char *month,
              const char *path)
{
  g_autofree char *title = NULL;
  ReportJob *job = g_new0 (ReportJob, 1);

  job->report = report;
  job->session = tam_session_copy (self->session);
  job->month = g_strdup (month);
  job->path = g_strdup (path);
  /* Translators: form, month: "Writing report F-18 of 2026-10…" */
  title = g_strdup_printf (_ ("Writing report %s of %s…"), report->form, job->month);
  tam_job_bar_run_async (self->job_bar, title, tam_store_get_path (self->store),
                         report_func, job, report_job_free,
                         report_done_cb, g_object_ref (self));
}

static void
report_file_cb (GtkNativeDialog *chooser,
                int response,
                gpointer user_data)
{
  g_autoptr (TamQueuePage) self = user_data;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  ReportJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  job = g_object_steal_data (G_OBJECT (chooser), "job");
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    write_report (self, job->report, job->month, path);
  report_job_free (job);
}

void
_tam_queue_page_write_report (TamQueuePage *self,
                              const char *month,
                              const char *path)
{
  write_report (self, tam_report_find ("f18"), month, path);
}

static void
report_month_cb (AdwMessageDialog *dialog,
                 const char *response,
                 TamQueuePage *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "month");
  const TamReport *report = g_object_get_data (G_OBJECT (dialog), "report");
  g_autofree char *text = gtk_editable_get_chars (entry, 0, -1);
  g_autofree char *first_day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *name = NULL;
  g_autofree char *save_title = NULL;
  GtkFileChooserNative *chooser;
  ReportJob *job;

  if (g_strcmp0 (response, "choose") != 0)
    return;

  first_day = g_strdup_printf ("%s-01", g_strstrip (text));
  date = tam_parse_date (first_day);
  if (strlen (first_day) != 10 || date == NULL)
    {
      _tam_queue_page_show_banner (self, _ ("The month must be written as YYYY-MM, e.g. 2026-10."));
      return;
    }

  job = g_new0 (ReportJob, 1);
  job->report = report;
  job->session = tam_session_copy (self->session);
  job->month = g_strndup (first_day, 7);
  name = g_strdup_printf ("%s-%s.xlsx", report->form, job->month);
  /* Translators: %s is a report's form number, "F-18" */
  save_title = g_strdup_printf (_ ("Save Report %s"), report->form);
  chooser = tam_file_chooser_new (GTK_WIDGET (self), save_title,
                                  GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "job", job, report_job_free);
  g_signal_connect (chooser, "response", G_CALLBACK (report_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* queue.report (s: a code of the registry, "f18"): ask for the month. */
void
_tam_queue_page_report_action (GtkWidget *widget,
                               const char *action_name,
                               GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  const TamReport *report = tam_report_find (g_variant_get_string (parameter, NULL));
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  GtkWidget *dialog, *entry;

  if (report == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ (report->title), _ (report->description));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), month);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _ ("Month (YYYY-MM)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Month of the report"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "choose", _ ("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "month", entry);
  g_object_set_data (G_OBJECT (dialog), "report", (gpointer) report);
  g_signal_connect_object (dialog, "response", G_CALLBACK (report_month_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
