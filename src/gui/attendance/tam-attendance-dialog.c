/* tam-attendance-dialog.c: edit one row of form F-02. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-attendance-dialog.h"
#include "tam-codes.h"
#include "tam-dialog-save.h"
#include "tam-gui-utils.h"

struct _TamAttendanceDialog
{
  AdwWindow parent_instance;

  TamStore *store;
  TamSession *session;
  TamAttendance *row;
  TamDialogSave save;

  GtkButton *save_button;
  GtkLabel *error_label;
  GtkLabel *person_label;
  GtkLabel *date_label;
  GtkEntry *shift_start_entry;
  GtkEntry *shift_end_entry;
  GtkDropDown *status_dropdown;
  GtkEntry *check_in_entry;
  GtkEntry *check_out_entry;
  GtkEntry *note_entry;
  GtkLabel *shift_start_error;
  GtkLabel *shift_end_error;
  GtkLabel *status_error;
  GtkLabel *check_in_error;
  GtkLabel *check_out_error;
  GtkLabel *note_error;
};

G_DEFINE_FINAL_TYPE (TamAttendanceDialog, tam_attendance_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Reads a time field: NULL when empty; FALSE with the message at the
 * field when it is not a time. */
static gboolean
read_time (GtkEntry *entry,
           GtkLabel *error_label,
           char **out)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  *out = NULL;
  if (*text == '\0')
    return TRUE;
  *out = tam_parse_time (text);
  if (*out == NULL)
    {
      tam_field_set_error (GTK_WIDGET (entry), error_label, _ ("Enter a time as HH:MM, e.g. 08:00"));
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      return FALSE;
    }
  return TRUE;
}

static void
clear_errors (TamAttendanceDialog *self)
{
  tam_field_set_error (GTK_WIDGET (self->shift_start_entry), self->shift_start_error, NULL);
  tam_field_set_error (GTK_WIDGET (self->shift_end_entry), self->shift_end_error, NULL);
  tam_field_set_error (GTK_WIDGET (self->status_dropdown), self->status_error, NULL);
  tam_field_set_error (GTK_WIDGET (self->check_in_entry), self->check_in_error, NULL);
  tam_field_set_error (GTK_WIDGET (self->check_out_entry), self->check_out_error, NULL);
  tam_field_set_error (GTK_WIDGET (self->note_entry), self->note_error, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* The worker's input. */
typedef struct
{
  TamSession *session;
  TamAttendance *row;
} AttendanceSave;

static void
attendance_save_free (AttendanceSave *as)
{
  tam_session_free (as->session);
  tam_attendance_free (as->row);
  g_free (as);
}

/* Worker thread: an upsert of one person-day, repeatable as it is. */
static gboolean
attendance_save_func (TamStore *store,
                      gpointer data,
                      GError **error)
{
  AttendanceSave *as = data;

  return tam_attendance_save (store, as->session, as->row, error);
}

/* The save is over (see tam-dialog-save.h). */
static void
attendance_save_done (GtkWindow *dialog,
                      gpointer data,
                      const GError *error)
{
  TamAttendanceDialog *self = TAM_ATTENDANCE_DIALOG (dialog);

  if (error == NULL)
    g_signal_emit (self, signals[SAVED], 0);
  else
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

/* Checks the times here and sends the save to the worker; FALSE when a
 * time is wrong (shown at its field) or a save is on its way already. */
static gboolean
send_save (TamAttendanceDialog *self)
{
  g_autoptr (TamAttendance) row = NULL;
  AttendanceSave *as;
  char *value;

  if (self->save.saving)
    return FALSE;

  clear_errors (self);
  row = tam_attendance_copy (self->row);

  if (!read_time (self->shift_start_entry, self->shift_start_error, &value))
    return FALSE;
  g_free (row->shift_start);
  row->shift_start = value;
  if (!read_time (self->shift_end_entry, self->shift_end_error, &value))
    return FALSE;
  g_free (row->shift_end);
  row->shift_end = value;
  if (!read_time (self->check_in_entry, self->check_in_error, &value))
    return FALSE;
  g_free (row->check_in);
  row->check_in = value;
  if (!read_time (self->check_out_entry, self->check_out_error, &value))
    return FALSE;
  g_free (row->check_out);
  row->check_out = value;
  g_free (row->status);
  row->status = g_strdup (tam_code_at (tam_attendance_statuses (),
                                       gtk_drop_down_get_selected (self->status_dropdown), FALSE));
  g_free (row->note);
  row->note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));

  as = g_new0 (AttendanceSave, 1);
  as->session = tam_session_copy (self->session);
  as->row = g_steal_pointer (&row);
  return tam_dialog_save_send (&self->save, tam_store_get_path (self->store), attendance_save_func, as,
                               (GDestroyNotify) attendance_save_free, attendance_save_done);
}

gboolean
tam_attendance_dialog_save (TamAttendanceDialog *self)
{
  g_autoptr (TamAttendanceDialog) ref = NULL;

  g_return_val_if_fail (TAM_IS_ATTENDANCE_DIALOG (self), FALSE);

  ref = g_object_ref (self);
  if (!send_save (self))
    return FALSE;
  return tam_dialog_save_wait (&self->save);
}

static void
save_clicked_cb (TamAttendanceDialog *self)
{
  send_save (self);
}

/* Escape or Cancel while a save waits: the dialog goes at once; the save,
 * already sent, completes (tam-dialog-save.h). */
static gboolean
tam_attendance_dialog_close_request (GtkWindow *window)
{
  TamAttendanceDialog *self = TAM_ATTENDANCE_DIALOG (window);

  if (tam_dialog_save_close_request (&self->save))
    return TRUE;
  if (GTK_WINDOW_CLASS (tam_attendance_dialog_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (tam_attendance_dialog_parent_class)->close_request (window);
  return FALSE;
}

static void
entry_changed_cb (TamAttendanceDialog *self,
                  GtkEditable *entry)
{
  GtkWidget *w = GTK_WIDGET (entry);

  if (!gtk_widget_has_css_class (w, "error"))
    return;
  if (w == GTK_WIDGET (self->shift_start_entry))
    tam_field_set_error (w, self->shift_start_error, NULL);
  else if (w == GTK_WIDGET (self->shift_end_entry))
    tam_field_set_error (w, self->shift_end_error, NULL);
  else if (w == GTK_WIDGET (self->check_in_entry))
    tam_field_set_error (w, self->check_in_error, NULL);
  else if (w == GTK_WIDGET (self->check_out_entry))
    tam_field_set_error (w, self->check_out_error, NULL);
  else if (w == GTK_WIDGET (self->note_entry))
    tam_field_set_error (w, self->note_error, NULL);
}

static void
tam_attendance_dialog_dispose (GObject *object)
{
  TamAttendanceDialog *self = TAM_ATTENDANCE_DIALOG (object);

  tam_dialog_save_dispose (&self->save);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_ATTENDANCE_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_attendance_dialog_parent_class)->dispose (object);
}

static void
tam_attendance_dialog_finalize (GObject *object)
{
  TamAttendanceDialog *self = TAM_ATTENDANCE_DIALOG (object);

  g_clear_pointer (&self->session, tam_session_free);
  g_clear_pointer (&self->row, tam_attendance_free);
  G_OBJECT_CLASS (tam_attendance_dialog_parent_class)->finalize (object);
}

static void
tam_attendance_dialog_class_init (TamAttendanceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_attendance_dialog_dispose;
  object_class->finalize = tam_attendance_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = tam_attendance_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-attendance-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, person_label);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, date_label);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, shift_start_entry);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, shift_end_entry);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, check_in_entry);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, check_out_entry);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, shift_start_error);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, shift_end_error);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, status_error);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, check_in_error);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, check_out_error);
  gtk_widget_class_bind_template_child (widget_class, TamAttendanceDialog, note_error);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tam_attendance_dialog_init (TamAttendanceDialog *self)
{
  g_autoptr (GtkStringList) statuses = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  tam_dialog_save_init (&self->save, GTK_WINDOW (self), self->save_button, _ ("The attendance was not saved"));
  statuses = tam_code_string_list_new (tam_attendance_statuses (), tam_attendance_status_label, NULL);
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
}

TamAttendanceDialog *
tam_attendance_dialog_new (GtkWindow *parent,
                           TamStore *store,
                           const TamSession *session,
                           const TamAttendance *row)
{
  TamAttendanceDialog *self;
  g_autofree char *person = NULL;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (TAM_TYPE_ATTENDANCE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  self->row = tam_attendance_copy (row);

  person = g_strdup_printf ("%s (%s)", row->name ? row->name : "", row->nik ? row->nik : "");
  gtk_label_set_text (self->person_label, person);
  gtk_label_set_text (self->date_label, row->date);
  gtk_editable_set_text (GTK_EDITABLE (self->shift_start_entry), row->shift_start ? row->shift_start : "");
  gtk_editable_set_text (GTK_EDITABLE (self->shift_end_entry), row->shift_end ? row->shift_end : "");
  gtk_drop_down_set_selected (self->status_dropdown,
                              tam_code_position (tam_attendance_statuses (), row->status, FALSE));
  gtk_editable_set_text (GTK_EDITABLE (self->check_in_entry), row->check_in ? row->check_in : "");
  gtk_editable_set_text (GTK_EDITABLE (self->check_out_entry), row->check_out ? row->check_out : "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), row->note ? row->note : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->status_dropdown));
  return self;
}
