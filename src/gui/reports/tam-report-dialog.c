/* tam-report-dialog.c: the one report dialog (see tam-report-dialog.h):
 * report, month, file, then the registry's write in a worker with
 * progress and Cancel. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-dates.h"
#include "tam-gui-utils.h"
#include "tam-job.h"
#include "tam-report-dialog.h"
#include "tam-reports.h"

struct _TamReportDialog
{
  AdwWindow parent_instance;

  AdwComboRow *report_row;
  AdwEntryRow *month_row;
  AdwEntryRow *file_row;
  GtkButton *choose_button;
  GtkButton *write_button;
  GtkLabel *description_label;
  GtkLabel *message_label;
  GtkBox *job_box;
  TamJobBar *job_bar;

  char *db_path;
  TamSession *session;
};

G_DEFINE_FINAL_TYPE (TamReportDialog, tam_report_dialog, ADW_TYPE_WINDOW)

/* What the worker needs, copied: it must not touch the dialog. */
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

static const TamReport *
selected_report (TamReportDialog *self)
{
  const TamReport *const *reports = tam_reports ();
  guint selected = adw_combo_row_get_selected (self->report_row);

  for (guint i = 0; reports[i] != NULL; i++)
    if (i == selected)
      return reports[i];
  return reports[0];
}

static void
running_changed_cb (TamReportDialog *self)
{
  GtkWidget *form[] = { GTK_WIDGET (self->report_row), GTK_WIDGET (self->month_row), GTK_WIDGET (self->file_row),
                        GTK_WIDGET (self->write_button), NULL };

  tam_job_bar_hold_form (self->job_bar, form, GTK_WIDGET (self->write_button));
}

static void
report_changed_cb (TamReportDialog *self)
{
  const TamReport *report = selected_report (self);

  gtk_window_set_title (GTK_WINDOW (self), _ (report->title));
  gtk_label_set_text (self->description_label, _ (report->description));
}

/* "YYYY-MM" from the month row, or NULL (and the message shown). */
static char *
chosen_month (TamReportDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->month_row))));
  g_autofree char *first_day = g_strdup_printf ("%s-01", text);
  g_autofree char *date = tam_parse_date (first_day);

  if (strlen (first_day) != 10 || date == NULL)
    {
      tam_message_label_set (self->message_label, _ ("The month must be written as YYYY-MM, e.g. 2026-10."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->month_row));
      return NULL;
    }
  return g_strndup (first_day, 7);
}

/* The file from the file row (a full path ending in .xlsx or .csv), or
 * NULL (and the message shown). */
static char *
chosen_path (TamReportDialog *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->file_row))));
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (*text == '\0' || !g_path_is_absolute (text))
    tam_message_label_set (self->message_label, _ ("Choose the file to write the report to."), TRUE);
  else if (!g_str_has_suffix (lower, ".xlsx") && !g_str_has_suffix (lower, ".csv"))
    tam_message_label_set (self->message_label, _ ("The file's name must end in .xlsx (a workbook) or .csv."), TRUE);
  else
    return g_steal_pointer (&text);
  gtk_widget_grab_focus (GTK_WIDGET (self->file_row));
  return NULL;
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
  g_autoptr (TamReportDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  ReportJob *job = tam_job_get_data (result);
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;

  if (!tam_job_bar_run_finish (TAM_JOB_BAR (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        /* Translators: %s is a report's form number, "F-18" */
        text = g_strdup_printf (_ ("Report %s cancelled: no file was written."), job->report->form);
      tam_message_label_set (self->message_label, text != NULL ? text : error->message, TRUE);
      return;
    }
  second = tam_report_second_csv_path (job->report, job->path);
  if (second != NULL)
    /* Translators: form, month, two files: "Report F-18 of 2026-10 written to A and B" */
    text = g_strdup_printf (_ ("Report %s of %s written to %s and %s"), job->report->form, job->month, job->path, second);
  else
    /* Translators: form, month, file: "Report F-18 of 2026-10 written to …" */
    text = g_strdup_printf (_ ("Report %s of %s written to %s"), job->report->form, job->month, job->path);
  tam_message_label_set (self->message_label, text, FALSE);
}

static void
write_clicked_cb (TamReportDialog *self)
{
  const TamReport *report = selected_report (self);
  g_autofree char *month = NULL;
  g_autofree char *path = NULL;
  g_autofree char *title = NULL;
  ReportJob *job;

  if (tam_job_bar_get_running (self->job_bar))
    return;
  if (!tam_session_can (self->session, report->permission))
    {
      tam_message_label_set (self->message_label, _ ("Your role may not write this report."), TRUE);
      return;
    }
  if ((month = chosen_month (self)) == NULL || (path = chosen_path (self)) == NULL)
    return;

  tam_message_label_set (self->message_label, NULL, FALSE);
  job = g_new0 (ReportJob, 1);
  job->report = report;
  job->session = tam_session_copy (self->session);
  job->month = g_steal_pointer (&month);
  job->path = g_steal_pointer (&path);
  /* Translators: form, month: "Writing report F-18 of 2026-10…" */
  title = g_strdup_printf (_ ("Writing report %s of %s…"), report->form, job->month);
  tam_job_bar_run_async (self->job_bar, title, self->db_path, report_func, job,
                         report_job_free, report_done_cb, g_object_ref (self));
}

static void
file_chosen (GtkWidget *widget,
             const char *path)
{
  TamReportDialog *self = TAM_REPORT_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->file_row), path);
  gtk_widget_grab_focus (GTK_WIDGET (self->write_button));
}

static void
choose_clicked_cb (TamReportDialog *self)
{
  const TamReport *report = selected_report (self);
  g_autofree char *month = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->month_row))));
  g_autofree char *name = g_strdup_printf ("%s-%s.xlsx", report->form, month);
  const char *current = gtk_editable_get_text (GTK_EDITABLE (self->file_row));
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;

  /* Translators: %s is a report's form number, "F-18" */
  title = g_strdup_printf (_ ("Save Report %s"), report->form);
  chooser = tam_file_chooser_new (GTK_WIDGET (self), title, GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), TRUE);
  if (g_path_is_absolute (current))
    {
      g_autofree char *dir = g_path_get_dirname (current);
      g_autoptr (GFile) folder = g_file_new_for_path (dir);
      g_autofree char *base = g_path_get_basename (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
      g_free (name);
      name = g_steal_pointer (&base);
    }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  tam_file_chooser_show (chooser, GTK_WIDGET (self), file_chosen);
}

static void
tam_report_dialog_dispose (GObject *object)
{
  TamReportDialog *self = TAM_REPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_REPORT_DIALOG);
  G_OBJECT_CLASS (tam_report_dialog_parent_class)->dispose (object);
}

static void
tam_report_dialog_finalize (GObject *object)
{
  TamReportDialog *self = TAM_REPORT_DIALOG (object);

  g_free (self->db_path);
  g_clear_pointer (&self->session, tam_session_free);
  G_OBJECT_CLASS (tam_report_dialog_parent_class)->finalize (object);
}

static void
tam_report_dialog_class_init (TamReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_report_dialog_dispose;
  object_class->finalize = tam_report_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, report_row);
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, month_row);
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, write_button);
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, description_label);
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, TamReportDialog, job_box);
  gtk_widget_class_bind_template_callback (widget_class, write_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tam_report_dialog_init (TamReportDialog *self)
{
  g_autoptr (GtkStringList) titles = gtk_string_list_new (NULL);
  const TamReport *const *reports = tam_reports ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) last_month = g_date_time_add_months (now, -1);
  g_autofree char *month = g_date_time_format (last_month, "%Y-%m");

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; reports[i] != NULL; i++)
    gtk_string_list_append (titles, _ (reports[i]->title));
  adw_combo_row_set_model (self->report_row, G_LIST_MODEL (titles));
  report_changed_cb (self);
  gtk_editable_set_text (GTK_EDITABLE (self->month_row), month);

  self->job_bar = TAM_JOB_BAR (tam_job_bar_new ());
  gtk_box_append (self->job_box, GTK_WIDGET (self->job_bar));
  g_signal_connect_object (self->job_bar, "notify::running", G_CALLBACK (running_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->write_button));
}

TamReportDialog *
tam_report_dialog_new (GtkWidget *parent,
                       TamStore *store,
                       const TamSession *session,
                       const char *code)
{
  const TamReport *report = code != NULL ? tam_report_find (code) : NULL;
  const TamReport *const *reports = tam_reports ();
  TamReportDialog *self;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = tam_window_new_over (TAM_TYPE_REPORT_DIALOG, parent);
  self->db_path = g_strdup (tam_store_get_path (store));
  self->session = tam_session_copy (session);
  for (guint i = 0; report != NULL && reports[i] != NULL; i++)
    if (reports[i] == report)
      adw_combo_row_set_selected (self->report_row, i);
  report_changed_cb (self);
  /* A given report: the month is the first thing to check. */
  gtk_widget_grab_focus (report != NULL ? GTK_WIDGET (self->month_row) : GTK_WIDGET (self->report_row));
  return self;
}

const char *
tam_report_dialog_get_code (TamReportDialog *self)
{
  g_return_val_if_fail (TAM_IS_REPORT_DIALOG (self), NULL);
  return selected_report (self)->code;
}

gboolean
tam_report_dialog_get_running (TamReportDialog *self)
{
  g_return_val_if_fail (TAM_IS_REPORT_DIALOG (self), FALSE);
  return tam_job_bar_get_running (self->job_bar);
}

const char *
tam_report_dialog_get_message (TamReportDialog *self)
{
  g_return_val_if_fail (TAM_IS_REPORT_DIALOG (self), NULL);
  return tam_message_label_get (self->message_label);
}
