/* tam-pack-dialog.c: the month-end pack dialog (see tam-pack-dialog.h):
 * month, folder, then tam_report_pack() in a worker with progress and
 * Cancel. Built in code (the job bar is a custom widget). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-dates.h"
#include "tam-gui-utils.h"
#include "tam-job.h"
#include "tam-kpi.h"
#include "tam-pack-dialog.h"
#include "tam-pack.h"

struct _TamPackDialog
{
  AdwWindow parent_instance;

  AdwEntryRow *month_row;
  AdwEntryRow *folder_row;
  GtkButton *write_button;
  GtkLabel *message_label;
  TamJobBar *job_bar;

  char *db_path;
  TamSession *session;
  gboolean disposed; /* closed: late callbacks touch nothing */
};

G_DEFINE_FINAL_TYPE (TamPackDialog, tam_pack_dialog, ADW_TYPE_WINDOW)

/* What the worker needs, copied: it must not touch the dialog. */
typedef struct
{
  TamSession *session;
  char *month;
  char *folder;
  GPtrArray *written;
} PackJob;

static void
pack_job_free (gpointer data)
{
  PackJob *job = data;

  tam_session_free (job->session);
  g_free (job->month);
  g_free (job->folder);
  g_clear_pointer (&job->written, g_ptr_array_unref);
  g_free (job);
}

static void
running_changed_cb (TamPackDialog *self)
{
  GtkWidget *form[] = { GTK_WIDGET (self->month_row), GTK_WIDGET (self->folder_row), GTK_WIDGET (self->write_button),
                        NULL };

  tam_job_bar_hold_form (self->job_bar, form, GTK_WIDGET (self->write_button));
}

static gboolean
pack_func (TamStore *store,
           gpointer data,
           TamProgressFunc progress,
           gpointer progress_data,
           GCancellable *cancellable,
           GError **error)
{
  PackJob *job = data;

  return tam_report_pack (store, job->session, job->month, job->folder, &job->written, progress, progress_data,
                          cancellable, error);
}

static void
pack_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  g_autoptr (TamPackDialog) self = user_data;
  g_autoptr (GError) error = NULL;
  PackJob *job = tam_job_get_data (result);
  g_autoptr (GString) text = g_string_new (NULL);

  if (self->disposed)
    return;
  if (!tam_job_bar_run_finish (TAM_JOB_BAR (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tam_message_label_set (self->message_label, _ ("Month-end pack cancelled: the file being written was removed; files already written stay."), TRUE);
      else
        tam_message_label_set (self->message_label, error->message, TRUE);
      return;
    }
  /* Translators: month, number of files, folder: "Month-end pack of 2026-10: 6 files written to /home/…" */
  g_string_printf (text, _ ("Month-end pack of %s: %u files written to %s"), job->month,
                   job->written != NULL ? job->written->len : 0, job->folder);
  for (guint i = 0; job->written != NULL && i < job->written->len; i++)
    {
      g_autofree char *base = g_path_get_basename (job->written->pdata[i]);
      g_string_append_printf (text, "\n• %s", base);
    }
  tam_message_label_set (self->message_label, text->str, FALSE);
}

static void
write_clicked_cb (TamPackDialog *self)
{
  g_autofree char *month = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->month_row))));
  g_autofree char *folder = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->folder_row))));
  g_autofree char *title = NULL;
  PackJob *job;

  if (tam_job_bar_get_running (self->job_bar))
    return;
  if (!tam_session_can (self->session, TAM_PERM_EXPORT))
    {
      tam_message_label_set (self->message_label, _ ("Your role may not write the month-end pack."), TRUE);
      return;
    }
  if (!tam_kpi_month_bounds (month, NULL, NULL, NULL))
    {
      tam_message_label_set (self->message_label, _ ("The month must be written as YYYY-MM, e.g. 2026-10."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->month_row));
      return;
    }
  if (*folder == '\0' || !g_path_is_absolute (folder))
    {
      tam_message_label_set (self->message_label, _ ("Choose the folder to write the month-end pack to."), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->folder_row));
      return;
    }
  tam_message_label_set (self->message_label, NULL, FALSE);
  job = g_new0 (PackJob, 1);
  job->session = tam_session_copy (self->session);
  job->month = g_steal_pointer (&month);
  job->folder = g_steal_pointer (&folder);
  /* Translators: %s is a month, "2026-10" */
  title = g_strdup_printf (_ ("Writing the month-end pack of %s…"), job->month);
  tam_job_bar_run_async (self->job_bar, title, self->db_path, pack_func, job, pack_job_free, pack_done_cb,
                         g_object_ref (self));
}

static void
folder_chosen (GtkWidget *widget,
               const char *path)
{
  TamPackDialog *self = TAM_PACK_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->folder_row), path);
  gtk_widget_grab_focus (GTK_WIDGET (self->write_button));
}

static void
choose_clicked_cb (TamPackDialog *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Folder for the Month-End Pack"), GTK_WINDOW (root),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Select"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  tam_file_chooser_show (chooser, GTK_WIDGET (self), folder_chosen);
}

/* Workers may answer after the window is closed (a Cancel that came too
 * late, a read still running): their callbacks then touch nothing. */
static void
tam_pack_dialog_dispose (GObject *object)
{
  TamPackDialog *self = (TamPackDialog *) object;

  self->disposed = TRUE;
  G_OBJECT_CLASS (tam_pack_dialog_parent_class)->dispose (object);
}

static void
tam_pack_dialog_finalize (GObject *object)
{
  TamPackDialog *self = TAM_PACK_DIALOG (object);

  g_free (self->db_path);
  g_clear_pointer (&self->session, tam_session_free);
  G_OBJECT_CLASS (tam_pack_dialog_parent_class)->finalize (object);
}

static void
tam_pack_dialog_class_init (TamPackDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_pack_dialog_dispose;
  object_class->finalize = tam_pack_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tam_pack_dialog_init (TamPackDialog *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *close = gtk_button_new_with_mnemonic (_ ("_Close"));
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *choose = gtk_button_new_from_icon_name ("folder-open-symbolic");
  GtkWidget *description;

  gtk_window_set_title (GTK_WINDOW (self), _ ("Month-End Pack"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, -1);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  gtk_widget_set_tooltip_text (close, _ ("Close this dialog; a pack being written is cancelled"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), close);
  self->write_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Write Pack")));
  gtk_widget_add_css_class (GTK_WIDGET (self->write_button), "suggested-action");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->write_button),
                               _ ("Write every monthly report, the KPI workbook and the KPI charts into the folder"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->write_button));
  gtk_box_append (GTK_BOX (outer), header);

  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  self->month_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->month_row), _ ("_Month (YYYY-MM)"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->month_row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Month of the pack"), -1);
  self->folder_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->folder_row), _ ("_Folder"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->folder_row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->folder_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Folder to write the pack to"), -1);
  gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (choose, "flat");
  gtk_widget_set_tooltip_text (choose, _ ("Choose the folder…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Choose the folder"),
                                  -1);
  adw_entry_row_add_suffix (self->folder_row, choose);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->month_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->folder_row));
  gtk_box_append (GTK_BOX (body), group);

  description = gtk_label_new (_ ("Writes F-18, W-03, F-02, F-03, the KPI workbook and the KPI charts (PDF) of the "
                                  "month into the folder, in one go. A file that exists is replaced."));
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (body), description);

  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_wrap_mode (self->message_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->message_label));

  self->job_bar = TAM_JOB_BAR (tam_job_bar_new ());
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->job_bar));
  gtk_box_append (GTK_BOX (outer), body);
  adw_window_set_content (ADW_WINDOW (self), outer);

  g_signal_connect_object (self->job_bar, "notify::running", G_CALLBACK (running_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->write_button, "clicked", G_CALLBACK (write_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->month_row, "entry-activated", G_CALLBACK (write_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->folder_row, "entry-activated", G_CALLBACK (write_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (choose, "clicked", G_CALLBACK (choose_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->write_button));
}

TamPackDialog *
tam_pack_dialog_new (GtkWidget *parent,
                     TamStore *store,
                     const TamSession *session,
                     const char *month)
{
  g_autofree char *last = tam_kpi_last_complete_month ();
  TamPackDialog *self;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = tam_window_new_over (TAM_TYPE_PACK_DIALOG, parent);
  self->db_path = g_strdup (tam_store_get_path (store));
  self->session = tam_session_copy (session);
  gtk_editable_set_text (GTK_EDITABLE (self->month_row), month != NULL && *month != '\0' ? month : last);
  gtk_widget_grab_focus (GTK_WIDGET (self->folder_row));
  return self;
}

void
tam_pack_dialog_write (TamPackDialog *self,
                       const char *folder)
{
  g_return_if_fail (TAM_IS_PACK_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->folder_row), folder);
  write_clicked_cb (self);
}

gboolean
tam_pack_dialog_get_running (TamPackDialog *self)
{
  g_return_val_if_fail (TAM_IS_PACK_DIALOG (self), FALSE);
  return tam_job_bar_get_running (self->job_bar);
}

const char *
tam_pack_dialog_get_message (TamPackDialog *self)
{
  g_return_val_if_fail (TAM_IS_PACK_DIALOG (self), NULL);
  return tam_message_label_get (self->message_label);
}

void
tam_pack_dialog_cancel (TamPackDialog *self)
{
  g_return_if_fail (TAM_IS_PACK_DIALOG (self));
  tam_job_bar_cancel (self->job_bar);
}
