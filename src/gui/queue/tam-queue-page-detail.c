/* tam-queue-page-detail.c: the queue page's detail pane: the selected
 * call as it is now, the claim on it while the QCO looks at it, the
 * assessment checklist, the history of its tappings and re-calls, and the
 * recording player with the folder it looks in. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-codes.h"
#include "tam-gui-utils.h"
#include "tam-queue-page-private.h"
#include "tam-queue-writer.h"
#include "tam-recording-player.h"
#include "tam-tapping.h"

/* A QCO's claim lasts 10 minutes without activity; renew it well before. */
#define RECLAIM_SECONDS 120

/* Claims */

static gboolean
call_is_waiting (const TamCall *call)
{
  return call != NULL && tam_call_state_is_waiting (tam_call_get_state (call));
}

void
_tam_queue_page_release_claim (TamQueuePage *self)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  g_clear_handle_id (&self->reclaim_source, g_source_remove);
  if (self->claimed_id == 0)
    return;
  _tam_queue_page_push_write (self, tam_write_new (TAM_WRITE_RELEASE, self->claimed_id));
  self->claimed_id = 0;
  self->claim_seq = 0;
}

void
_tam_queue_page_show_claim_problem (TamQueuePage *self,
                                    const char *message)
{
  gtk_label_set_text (self->claim_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->claim_label), message != NULL);
}

/* Asks the writer for a claim on @id (again, to renew it); the answer
 * comes in _tam_queue_page_claim_done. */
static void
request_claim (TamQueuePage *self,
               gint64 id,
               gboolean renew)
{
  TamWrite *op = tam_write_new (TAM_WRITE_CLAIM, id);

  op->data = GINT_TO_POINTER (renew);
  self->claim_seq = _tam_queue_page_push_write (self, op);
  self->claimed_id = self->claim_seq != 0 ? id : 0;
}

static gboolean
reclaim_cb (gpointer user_data)
{
  TamQueuePage *self = user_data;

  if (self->claimed_id == 0)
    {
      self->reclaim_source = 0;
      return G_SOURCE_REMOVE;
    }
  request_claim (self, self->claimed_id, TRUE);
  return G_SOURCE_CONTINUE;
}

void
_tam_queue_page_claim_done (TamQueuePage *self,
                            TamWrite *op)
{
  /* Only the answer to the latest request for the call we are on counts;
   * a refusal with no error is a claim dropped while closing. */
  if (op->ok || op->error == NULL || op->seq != self->claim_seq || op->id != self->claimed_id)
    return;

  self->claimed_id = 0;
  self->claim_seq = 0;
  g_clear_handle_id (&self->reclaim_source, g_source_remove);
  /* e.g. "being tapped by …": the QCO sees who holds it. */
  if (self->current != NULL && self->current->id == op->id)
    _tam_queue_page_show_claim_problem (self, op->error->message);
  if (GPOINTER_TO_INT (op->data))
    _tam_queue_page_show_banner (self, op->error->message);
}

static void
claim_current (TamQueuePage *self)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  _tam_queue_page_show_claim_problem (self, NULL);
  if (!call_is_waiting (self->current) || !tam_session_can (self->session, TAM_PERM_TAP))
    return;

  /* At once in the list and the pane; the claim follows in the writer. */
  request_claim (self, self->current->id, FALSE);
  if (self->reclaim_source == 0)
    self->reclaim_source = g_timeout_add_seconds (RECLAIM_SECONDS, reclaim_cb, self);
}

/* The detail pane */

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

char *
_tam_queue_page_person_text (const char *name,
                             const char *nik)
{
  if (name == NULL)
    return g_strdup (_ ("None"));
  /* Translators: a person as "name (NIK)" */
  return g_strdup_printf (_ ("%s (%s)"), name, nik ? nik : "");
}

/* Fills the history; returns the failed codes of the call's latest
 * RETURN still standing, or NULL. */
static GStrv
fill_history (TamQueuePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  GStrv last_failed = NULL;

  remove_children (self->history_box);
  history = tam_call_history (self->store, self->session, self->current->id, &error);
  if (history == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->history_box, label);
      return NULL;
    }
  if (history->len == 0)
    {
      GtkWidget *label = gtk_label_new (_ ("Not tapped yet."));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->history_box, label);
      return NULL;
    }

  for (guint i = 0; i < history->len; i++)
    {
      TamTappingRecord *r = g_ptr_array_index (history, i);
      g_autoptr (GString) text = g_string_new (NULL);
      g_autofree char *who = _tam_queue_page_person_text (r->actor_name, r->actor_nik);
      GtkWidget *label;

      if (r->kind == TAM_HISTORY_TAPPING && !r->undone)
        {
          g_clear_pointer (&last_failed, g_strfreev);
          if (tam_verdict_from_code (r->verdict) == TAM_VERDICT_RETURN)
            last_failed = g_strdupv (r->failed_codes);
        }
      if (r->kind == TAM_HISTORY_TAPPING)
        {
          /* Translators: time · tapping number · verdict by QCO */
          g_string_append_printf (text, _ ("%s · tapping %d · %s by %s"),
                                  r->at, r->attempt, tam_verdict_to_label (tam_verdict_from_code (r->verdict)), who);
          if (r->undone)
            g_string_append_printf (text, " %s", _ ("(undone)"));
          if (r->failed_texts != NULL && r->failed_texts[0] != NULL)
            {
              g_autofree char *codes = g_strjoinv ("; ", r->failed_texts);
              g_string_append_c (text, '\n');
              g_string_append_printf (text, _ ("Not met: %s"), codes);
            }
        }
      else
        {
          g_string_append_printf (text, _ ("%s · re-call recorded by %s"), r->at, who);
          if (r->recording != NULL && r->recording[0] != '\0')
            {
              g_string_append_c (text, '\n');
              g_string_append_printf (text, _ ("New recording: %s"), r->recording);
            }
        }
      if (r->text != NULL && r->text[0] != '\0')
        g_string_append_printf (text, "\n“%s”", r->text);

      label = gtk_label_new (text->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      if (r->undone)
        gtk_widget_add_css_class (label, "dim-label");
      if (tam_verdict_from_code (r->verdict) == TAM_VERDICT_RETURN && !r->undone)
        gtk_widget_add_css_class (label, "warning");
      gtk_box_append (self->history_box, label);
    }
  return last_failed;
}

/* Issue 12, point 2: a return's "needs at least one" warning goes as soon
 * as one box is unticked. */
static void
check_toggled_cb (TamQueuePage *self)
{
  gboolean any_failed = FALSE;

  for (guint i = 0; i < self->checks->len; i++)
    any_failed = any_failed || !gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  if (!any_failed)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->return_hint_label), FALSE);
  if (g_strcmp0 (_tam_queue_page_get_banner (self), _tam_queue_page_needs_one_failed ()) == 0)
    _tam_queue_page_show_banner (self, NULL);
}

/* The key (1 to 9) beside the @index-th box of the checklist. */
static void
add_key_hint (TamQueuePage *self,
              GtkWidget *row,
              GtkWidget *check,
              guint index)
{
  g_autofree char *key = NULL;
  GtkWidget *hint;

  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, G_CONNECT_SWAPPED);
  if (index >= 9)
    return;
  key = g_strdup_printf ("%u", index + 1);
  hint = gtk_label_new (key);
  gtk_widget_add_css_class (hint, "tam-key-hint");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "monospace");
  gtk_widget_set_valign (hint, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (hint, _ ("Press this number to tick or untick the parameter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_KEY_SHORTCUTS, key, -1);
  gtk_box_append (GTK_BOX (row), hint);
}

/* The built-in reason (issue 12), last in every checklist: ticked when
 * the recording opened; unticked it returns the call as "recording
 * missing / unplayable" and VALID is refused. */
static void
add_recording_check (TamQueuePage *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *text = _ ("Recording opened and heard");
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_widget_set_hexpand (check, TRUE);
  gtk_widget_set_tooltip_text (check, tam_reason_recording_label ());
  g_object_set_data (G_OBJECT (check), "code", (gpointer) TAM_REASON_RECORDING);
  g_object_set_data_full (G_OBJECT (check), "text", g_strdup (text), g_free);
  g_object_set_data (G_OBJECT (check), "critical", GINT_TO_POINTER (TRUE));
  add_key_hint (self, row, check, self->checks->len);
  gtk_box_append (GTK_BOX (row), check);
  gtk_box_append (self->checklist_box, row);
  g_ptr_array_add (self->checks, check);
}

static void
fill_checklist (TamQueuePage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) params = NULL;

  if (g_strcmp0 (self->params_service, self->current->service) == 0)
    {
      /* Same service: every box back to "met". */
      for (guint i = 0; i < self->checks->len; i++)
        gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
      return;
    }

  remove_children (self->checklist_box);
  g_ptr_array_set_size (self->checks, 0);
  g_clear_pointer (&self->params_service, g_free);

  params = tam_parameters_list (self->store, self->current->service, FALSE, &error);
  if (params == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->checklist_box, label);
      return;
    }
  self->params_service = g_strdup (self->current->service);

  for (guint i = 0; i < params->len; i++)
    {
      TamParameter *p = g_ptr_array_index (params, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *label = gtk_label_new (p->text);

      /* Long parameter texts wrap instead of widening the pane. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, p->text,
                                      -1);

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_widget_set_tooltip_text (check, p->code);
      g_object_set_data_full (G_OBJECT (check), "code", g_strdup (p->code), g_free);
      g_object_set_data_full (G_OBJECT (check), "text", g_strdup (p->text), g_free);
      g_object_set_data (G_OBJECT (check), "critical", GINT_TO_POINTER (p->critical));
      add_key_hint (self, row, check, i);
      gtk_box_append (GTK_BOX (row), check);

      if (p->critical)
        {
          GtkWidget *tag = gtk_label_new (_ ("critical"));

          gtk_widget_add_css_class (tag, "caption-heading");
          gtk_widget_add_css_class (tag, "error");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          _ ("Critical parameter: if it is not met the call must be returned"),
                                          -1);
          gtk_box_append (GTK_BOX (row), tag);
        }
      gtk_box_append (self->checklist_box, row);
      g_ptr_array_add (self->checks, check);
    }
  add_recording_check (self);
}

void
_tam_queue_page_hide_return (TamQueuePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  gtk_revealer_set_reveal_child (self->return_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->return_hint_label), FALSE);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->recommendation_view), "", -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.cancel-return", FALSE);
  /* The field is going away: do not leave the keyboard in it. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->return_revealer)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
update_actions (TamQueuePage *self)
{
  gboolean has_call = self->current != NULL;
  gboolean can_recall = has_call &&
                        tam_session_can (self->session, TAM_PERM_RECALL) &&
                        tam_call_get_state (self->current) == TAM_CALL_STATE_RETURNED;

  gtk_widget_set_visible (self->recall_button, can_recall);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.recall", can_recall);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.play", has_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.seek-back", has_call);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.seek-forward", has_call);
}

static void
clear_detail (TamQueuePage *self)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  _tam_queue_page_release_claim (self);
  g_clear_pointer (&self->current, tam_call_free);
  tam_recording_player_clear (self->player);
  _tam_queue_page_hide_return (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
  update_actions (self);
}

char *
_tam_queue_page_recordings_folder (TamQueuePage *self)
{
  g_autofree char *folder = NULL;

  if (self->settings == NULL)
    return NULL;
  folder = g_settings_get_string (self->settings, "recordings-folder");
  return folder[0] != '\0' ? g_steal_pointer (&folder) : NULL;
}

static void
show_call (TamQueuePage *self,
           const TamCall *listed,
           guint position)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *leader = NULL;
  g_autofree char *state = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_auto (GStrv) last_failed = NULL;
  TamCall *call;

  g_assert (TAM_IS_QUEUE_PAGE (self));

  /* The row may be minutes old: show the call as it is now. */
  call = tam_call_get (self->store, self->session, listed->id, &error);
  if (call == NULL)
    {
      _tam_queue_page_show_banner (self, error->message);
      call = tam_call_copy (listed);
    }

  if (self->current == NULL || self->current->id != call->id)
    {
      _tam_queue_page_release_claim (self);
      /* A refusal was about the call left behind. */
      if (error == NULL)
        _tam_queue_page_show_banner (self, NULL);
    }
  /* A new call opens at the top of the pane: its id and agent first. */
  if (self->current == NULL || self->current->id != call->id)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scroller), 0);
  g_clear_pointer (&self->current, tam_call_free);
  self->current = call;
  self->current_position = position;

  gtk_label_set_text (self->title_label, call->call_id);
  if (call_is_waiting (call))
    /* Translators: state · the number of the tapping about to be given */
    state = g_strdup_printf (_ ("%s · tapping %d"), tam_call_state_to_label (tam_call_get_state (call)),
                             call->attempts + 1);
  else
    state = g_strdup (tam_call_state_to_label (tam_call_get_state (call)));
  gtk_label_set_text (self->state_label, state);
  agent = _tam_queue_page_person_text (call->agent_name, call->agent_nik);
  gtk_label_set_text (self->agent_value, agent);
  leader = _tam_queue_page_person_text (call->team_leader_name, call->team_leader_nik);
  gtk_label_set_text (self->team_value, leader);
  gtk_label_set_text (self->service_value, tam_service_label (call->service));
  gtk_label_set_text (self->product_value, call->product);
  gtk_label_set_text (self->time_value, call->call_start);
  gtk_label_set_text (self->customer_value, call->customer_number);

  fill_checklist (self);
  _tam_queue_page_hide_return (self);
  last_failed = fill_history (self);

  folder = _tam_queue_page_recordings_folder (self);
  path = tam_recording_player_resolve (folder, call->recording);
  tam_recording_player_load (self->player, path);
  _tam_queue_page_set_parameter_met (self, TAM_REASON_RECORDING,
                                     tam_recording_player_get_message (self->player) == NULL);
  /* A returned call shows what failed: its return's boxes unticked. */
  if (tam_call_get_state (call) == TAM_CALL_STATE_RETURNED)
    for (guint i = 0; last_failed != NULL && last_failed[i] != NULL; i++)
      _tam_queue_page_set_parameter_met (self, last_failed[i], FALSE);

  gtk_stack_set_visible_child_name (self->detail_stack, "call");
  claim_current (self);
  update_actions (self);
}

void
_tam_queue_page_show_selected (TamQueuePage *self)
{
  TamQueueItem *item = gtk_single_selection_get_selected_item (self->selection);
  const TamCall *call = item ? tam_queue_item_get_call (item) : NULL;

  if (call == NULL)
    {
      clear_detail (self);
      if (item != NULL)
        adw_status_page_set_description (self->empty_status,
                                         _ ("This call changed meanwhile. Refresh the queue (F5)."));
      else
        adw_status_page_set_description (self->empty_status, _ ("No call matches the filter."));
      return;
    }
  show_call (self, call, gtk_single_selection_get_selected (self->selection));
}

/* The recommendation opens in the footer, under the details: bring the
 * checklist into view, its heading at the top, so the QCO sees what to
 * untick. */
void
_tam_queue_page_scroll_to_checklist (TamQueuePage *self)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->detail_scroller);
  GtkWidget *content = gtk_scrolled_window_get_child (self->detail_scroller);
  graphene_point_t at;

  if (!gtk_widget_compute_point (GTK_WIDGET (self->checklist_box), content,
                                 &GRAPHENE_POINT_INIT (0, 0), &at))
    return;
  /* The "Assessment" heading above the list. */
  gtk_adjustment_set_value (adj, MAX (0, at.y - 36));
}

/* The footer grows as the recommendation opens, which shrinks the
 * details' page: scroll again each time the page changes while it is
 * open (the user's own scrolling changes only the value). */
static void
detail_page_changed_cb (TamQueuePage *self)
{
  if (gtk_revealer_get_reveal_child (self->return_revealer))
    _tam_queue_page_scroll_to_checklist (self);
}

static GSettings *
settings_new_guarded (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  /* Without the schema (or an older one) the page still works: every
   * recording is then "not found" and says where it was looked for. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "recordings-folder"))
    return NULL;
  return tam_settings_new ();
}

static void
folder_changed_cb (TamQueuePage *self)
{
  if (self->current != NULL)
    {
      g_autofree char *folder = _tam_queue_page_recordings_folder (self);
      g_autofree char *path = tam_recording_player_resolve (folder, self->current->recording);
      tam_recording_player_load (self->player, path);
      _tam_queue_page_set_parameter_met (self, TAM_REASON_RECORDING,
                                         tam_recording_player_get_message (self->player) == NULL);
    }
}

void
_tam_queue_page_detail_init (TamQueuePage *self)
{
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->detail_scroller), "changed",
                           G_CALLBACK (detail_page_changed_cb), self, G_CONNECT_SWAPPED);
  self->checks = g_ptr_array_new ();

  self->player = TAM_RECORDING_PLAYER (tam_recording_player_new ());
  gtk_box_append (self->player_box, GTK_WIDGET (self->player));

  self->settings = settings_new_guarded ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recordings-folder",
                             G_CALLBACK (folder_changed_cb), self, G_CONNECT_SWAPPED);
}

/* For tests, and to bring a refused verdict back */

gboolean
_tam_queue_page_set_parameter_met (TamQueuePage *self,
                                   const char *code,
                                   gboolean met)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GObject *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (g_object_get_data (check, "code"), code) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), met);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
_tam_queue_page_get_parameter_met (TamQueuePage *self,
                                   const char *code)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      GObject *check = g_ptr_array_index (self->checks, i);

      if (g_strcmp0 (g_object_get_data (check, "code"), code) == 0)
        return gtk_check_button_get_active (GTK_CHECK_BUTTON (check));
    }
  g_return_val_if_reached (FALSE);
}

guint
_tam_queue_page_get_n_parameters (TamQueuePage *self)
{
  return self->checks->len;
}

void
_tam_queue_page_set_recommendation (TamQueuePage *self,
                                    const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->recommendation_view), text, -1);
}
