/* tam-queue-page-recall.c: the re-call dialog. A team leader records
 * that the agent called the customer again, with the new recording; the
 * RETURNED call goes back to the queue through the page's writer. */
#include "config.h"

#include <glib/gi18n.h>

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

static void
recall_response_cb (AdwMessageDialog *dialog,
                    const char *response,
                    TamQueuePage *self)
{
  GtkEditable *recording = g_object_get_data (G_OBJECT (dialog), "recording");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "call-id"));
  TamWrite *op;
  Recall *r;

  if (g_strcmp0 (response, "record") != 0 || self->current == NULL || self->current->id != id)
    return;

  op = tam_write_new (TAM_WRITE_RECALL, id);
  op->recording = g_strdup (gtk_editable_get_text (recording));
  op->text = g_strdup (gtk_editable_get_text (note));
  r = g_new0 (Recall, 1);
  r->position = self->current_position;
  r->call_label = g_strdup (self->current->call_id);
  op->data = r;
  op->data_free = recall_free;
  _tam_queue_page_push_write (self, op);
}

void
_tam_queue_page_recall_done (TamQueuePage *self,
                             TamWrite *op)
{
  Recall *r = op->data;
  g_autofree char *toast = NULL;
  gint64 position;

  if (!op->ok)
    {
      _tam_queue_page_show_banner (self, op->error->message);
      return;
    }

  toast = g_strdup_printf (_ ("Re-call recorded: call %s is back in the queue"), r->call_label);
  if (op->call != NULL && (position = _tam_queue_page_find_row (self, op->call, r->position, TRUE)) >= 0)
    {
      _tam_queue_page_begin_update (self);
      tam_queue_model_call_changed (self->model, (guint) position, g_steal_pointer (&op->call),
                                    TAM_CALL_STATE_RETURNED);
      _tam_queue_page_end_update (self);
    }
  _tam_queue_page_show_toast (self, toast, FALSE);
}

void
_tam_queue_page_recall_action (GtkWidget *widget,
                               const char *action_name,
                               GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *recording, *note;

  if (self->current == NULL)
    return;

  heading = g_strdup_printf (_ ("Re-call of Call %s"), self->current->call_id);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _ ("The agent called the customer again. Give the new recording and a note; the call goes back to the queue for a new tapping."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  recording = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (recording), _ ("New recording file name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (recording),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("New recording file name"), -1);
  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _ ("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Note on the re-call"), -1);
  gtk_box_append (GTK_BOX (box), recording);
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
  g_object_set_data (G_OBJECT (dialog), "note", note);
  g_object_set_data (G_OBJECT (dialog), "call-id", GSIZE_TO_POINTER ((gsize) self->current->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (recall_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
