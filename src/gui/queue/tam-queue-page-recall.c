/* tam-queue-page-recall.c: the re-call dialog. A team leader records
 * that the agent called the customer again, with the new recording; the
 * RETURNED call goes back to the queue through the page's writer.
 * Issue 12: the recording is chosen with a file chooser rooted at the
 * recordings folder (or typed), checked to exist and look like audio
 * before anything is written; on any error the dialog comes back with
 * what was typed and the reason; the toast offers Undo. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-gui-utils.h"
#include "tam-queue-model.h"
#include "tam-queue-page-private.h"
#include "tam-queue-writer.h"
#include "tam-tapping.h"

typedef struct
{
  guint position;
  char *call_label;
} Recall;

static void
recall_free (gpointer data)
{
  Recall *r = data;

  g_free (r->call_label);
  g_free (r);
}

static void open_dialog (TamQueuePage *self,
                         const char *recording,
                         const char *note,
                         const char *problem);

/* What the user gave, relative to the recordings folder when it is in
 * it (as the calls import names recordings). */
static char *
relative_to_folder (const char *folder,
                    const char *path)
{
  if (folder != NULL && g_path_is_absolute (path) && g_str_has_prefix (path, folder))
    {
      const char *rest = path + strlen (folder);

      while (*rest == G_DIR_SEPARATOR)
        rest++;
      if (rest != path + strlen (folder) && *rest != '\0')
        return g_strdup (rest);
    }
  return g_strdup (path);
}

static void
recall_response_cb (AdwMessageDialog *dialog,
                    const char *response,
                    TamQueuePage *self)
{
  GtkEditable *recording = g_object_get_data (G_OBJECT (dialog), "recording");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "call-id"));
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autoptr (GError) error = NULL;
  TamWrite *op;
  Recall *r;

  if (g_strcmp0 (response, "record") != 0 || self->current == NULL || self->current->id != id)
    return;

  folder = _tam_queue_page_recordings_folder (self);
  name = g_strstrip (g_strdup (gtk_editable_get_text (recording)));
  if (*name == '\0')
    g_set_error_literal (&error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Choose or type the new recording."));
  else if (folder == NULL && !g_path_is_absolute (name))
    g_set_error_literal (&error, TAM_ERROR, TAM_ERROR_INVALID,
                         _ ("The recordings folder is not set (Preferences): choose the recording's file."));
  else
    tam_recording_probe (folder, name, &error);
  if (error != NULL)
    {
      /* The dialog closes on any response: it comes back as it was. */
      open_dialog (self, gtk_editable_get_text (recording), gtk_editable_get_text (note), error->message);
      return;
    }

  op = tam_write_new (TAM_WRITE_RECALL, id);
  op->recording = relative_to_folder (folder, name);
  op->text = g_strdup (gtk_editable_get_text (note));
  r = g_new0 (Recall, 1);
  r->position = self->current_position;
  r->call_label = g_strdup (self->current->call_id);
  op->data = r;
  op->data_free = recall_free;
  _tam_queue_page_push_write (self, op);
}

static void
update_call (TamQueuePage *self,
             TamWrite *op,
             guint near,
             TamCallState shown_as)
{
  gint64 position;

  if (op->call != NULL && (position = _tam_queue_page_find_row (self, op->call, near, TRUE)) >= 0)
    {
      _tam_queue_page_begin_update (self);
      tam_queue_model_call_changed (self->model, (guint) position, g_steal_pointer (&op->call), shown_as);
      _tam_queue_page_end_update (self);
    }
}

void
_tam_queue_page_recall_done (TamQueuePage *self,
                             TamWrite *op)
{
  Recall *r = op->data;
  g_autofree char *toast = NULL;

  if (!op->ok)
    {
      /* Back to the dialog with what was typed, if the TL is still on
       * the call; the banner says it too. */
      if (self->current != NULL && self->current->id == op->id)
        open_dialog (self, op->recording, op->text, op->error->message);
      _tam_queue_page_show_banner (self, op->error->message);
      return;
    }

  self->undo_recall_id = op->out_id;
  toast = g_strdup_printf (_ ("Re-call recorded: call %s is back in the queue"), r->call_label);
  update_call (self, op, r->position, TAM_CALL_STATE_RETURNED);
  _tam_queue_page_show_toast_full (self, toast, "queue.undo-recall");
}

void
_tam_queue_page_recall_undo_action (GtkWidget *widget,
                                    const char *action_name,
                                    GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  TamWrite *op;

  if (self->undo_recall_id == 0)
    {
      _tam_queue_page_show_banner (self, _ ("There is no re-call to undo."));
      return;
    }
  op = tam_write_new (TAM_WRITE_UNDO_RECALL, 0);
  op->tapping_id = self->undo_recall_id;
  self->undo_recall_id = 0;
  _tam_queue_page_push_write (self, op);
}

void
_tam_queue_page_recall_undo_done (TamQueuePage *self,
                                  TamWrite *op)
{
  if (!op->ok)
    {
      _tam_queue_page_show_banner (self, op->error->message);
      return;
    }
  /* The call is RETURNED again: the list shows it as it is now. */
  gtk_widget_activate_action (GTK_WIDGET (self), "queue.refresh", NULL);
  _tam_queue_page_show_toast (self, _ ("Re-call undone: the call is returned again"), FALSE);
}

GtkFileChooserNative *
_tam_queue_page_recall_chooser_new (TamQueuePage *self,
                                    GtkWidget *parent)
{
  g_autofree char *folder = _tam_queue_page_recordings_folder (self);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) audio = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_ ("Choose the New Recording"),
                                         GTK_IS_WINDOW (parent) ? GTK_WINDOW (parent) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Choose"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (audio, _ ("Recordings"));
  gtk_file_filter_add_mime_type (audio, "audio/*");
  gtk_file_filter_add_suffix (audio, "wav");
  gtk_file_filter_add_suffix (audio, "mp3");
  gtk_file_filter_add_suffix (audio, "ogg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), audio);
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  if (folder != NULL)
    {
      g_autoptr (GFile) dir = g_file_new_for_path (folder);
      g_autoptr (GError) error = NULL;

      if (!gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir, &error))
        g_warning ("recall chooser: %s", error->message);
      /* GTK 4.8 reads a native chooser's folder back only once shown. */
      g_object_set_data_full (G_OBJECT (chooser), "tam-folder", g_strdup (folder), g_free);
    }
  return chooser;
}

static void
recording_chosen (GtkWidget *entry,
                  const char *path)
{
  TamQueuePage *self = g_object_get_data (G_OBJECT (entry), "page");
  g_autofree char *folder = self != NULL ? _tam_queue_page_recordings_folder (self) : NULL;
  g_autofree char *name = relative_to_folder (folder, path);

  gtk_editable_set_text (GTK_EDITABLE (entry), name);
}

static void
choose_clicked_cb (GtkWidget *button,
                   GtkWidget *entry)
{
  TamQueuePage *self = g_object_get_data (G_OBJECT (entry), "page");
  GtkRoot *root = gtk_widget_get_root (button);

  tam_file_chooser_show (_tam_queue_page_recall_chooser_new (self, GTK_WIDGET (root)), entry, recording_chosen);
}

static void
open_dialog (TamQueuePage *self,
             const char *recording_text,
             const char *note_text,
             const char *problem)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *row, *recording, *choose, *note;

  heading = g_strdup_printf (_ ("Re-call of Call %s"), self->current->call_id);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _ ("The agent called the customer again. Give the new recording and a note; the call goes back to the queue for a new tapping."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  if (problem != NULL)
    {
      GtkWidget *label = gtk_label_new (problem);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (GTK_BOX (box), label);
      g_object_set_data (G_OBJECT (dialog), "problem", label);
    }
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  recording = gtk_entry_new ();
  gtk_widget_set_hexpand (recording, TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (recording), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (recording), _ ("New recording (in the recordings folder)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (recording),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("New recording file name"), -1);
  gtk_editable_set_text (GTK_EDITABLE (recording), recording_text ? recording_text : "");
  g_object_set_data (G_OBJECT (recording), "page", self);
  choose = gtk_button_new_with_mnemonic (_ ("C_hoose…"));
  gtk_widget_set_tooltip_text (choose, _ ("Choose the recording in the recordings folder"));
  g_signal_connect (choose, "clicked", G_CALLBACK (choose_clicked_cb), recording);
  gtk_box_append (GTK_BOX (row), recording);
  gtk_box_append (GTK_BOX (row), choose);
  note = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _ ("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Note on the re-call"), -1);
  gtk_editable_set_text (GTK_EDITABLE (note), note_text ? note_text : "");
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), note);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "record", _ ("_Record Re-call"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "recording", recording);
  g_object_set_data (G_OBJECT (dialog), "choose", choose);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data (G_OBJECT (dialog), "call-id", GSIZE_TO_POINTER ((gsize) self->current->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (recall_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_tam_queue_page_recall_action (GtkWidget *widget,
                               const char *action_name,
                               GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);

  if (self->current == NULL)
    return;
  open_dialog (self, NULL, NULL, NULL);
}
