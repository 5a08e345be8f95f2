/* tam-queue-page-actions.c: what the queue page does, as widget actions
 * bound to keys: verdicts (V, R, Ctrl+Enter, Escape), undo (Ctrl+Z),
 * moving (J/K) and listening (Space, Left/Right, [ ]), refresh (F5), the
 * calls import; and what the writer answers to them. Everything works
 * from the keyboard. Letters are bubble-phase bindings, so they never
 * fire while a text field takes the key. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-import-ui.h"
#include "tam-import.h"
#include "tam-queue-model.h"
#include "tam-queue-page-private.h"
#include "tam-queue-writer.h"
#include "tam-recording-player.h"
#include "tam-report-dialog.h"
#include "tam-tapping.h"

/* Verdicts */

/* The codes of the unticked parameters (NULL-terminated); @critical gets
 * the text of the first critical one among them, if any. */
static GStrv
collect_failed (TamQueuePage *self,
                const char **critical)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  if (critical != NULL)
    *critical = NULL;
  for (guint i = 0; i < self->checks->len; i++)
    {
      GObject *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        continue;
      g_strv_builder_add (builder, g_object_get_data (check, "code"));
      if (critical != NULL && *critical == NULL && g_object_get_data (check, "critical"))
        *critical = g_object_get_data (check, "text");
    }
  return g_strv_builder_end (builder);
}

/* A verdict on its way to the writer: what the QCO gave, on which call,
 * so that a refusal can bring them back to it with nothing lost. */
typedef struct
{
  TamCall *call;            /* as it was shown */
  TamCallState state_after; /* the state the core says the verdict puts it in */
  guint position;
  TamVerdict verdict;
  GStrv failed;
  char *recommendation;
} Verdict;

static void
verdict_free (gpointer data)
{
  Verdict *v = data;

  tam_call_free (v->call);
  g_strfreev (v->failed);
  g_free (v->recommendation);
  g_free (v);
}

/* The list and the pane move on at once, as if the verdict were stored:
 * the writer stores it meanwhile (verdict_done). */
static void
after_verdict (TamQueuePage *self,
               const Verdict *v,
               guint seq)
{
  TamCall *updated;
  guint position = v->position;
  guint n, next;
  gboolean stays;

  /* The verdict clears our claim. */
  g_clear_handle_id (&self->reclaim_source, g_source_remove);
  self->claimed_id = 0;
  self->claim_seq = 0;

  updated = tam_call_copy (v->call);
  g_free (updated->state);
  updated->state = g_strdup (tam_call_state_to_code (v->state_after));
  updated->attempts++;
  g_clear_pointer (&updated->claimed_by_nik, g_free);
  g_clear_pointer (&updated->claimed_by_name, g_free);
  g_clear_pointer (&updated->claimed_at, g_free);
  updated->claimed_by = 0;
  g_clear_pointer (&updated->returned_at, g_free);
  if (v->state_after == TAM_CALL_STATE_RETURNED)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      updated->returned_at = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
    }

  /* Ctrl+Z now undoes this one, once it is stored. */
  self->undo_seq = seq;
  self->undo_tapping_id = 0;
  self->undo_call_id = updated->id;
  self->undo_state = v->state_after;
  g_free (self->undo_call_label);
  self->undo_call_label = g_strdup (updated->call_id);
  stays = tam_queue_model_filter_has_state (self->model, v->state_after);

  /* Rows read before it is stored must not bring it back. */
  tam_queue_model_hold_call (self->model, tam_call_copy (updated));
  _tam_queue_page_begin_update (self);
  _tam_queue_page_hide_return (self);
  tam_queue_model_call_changed (self->model, position, updated, tam_call_get_state (v->call));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  next = stays ? position + 1 : position;
  if (next >= n)
    next = n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
  _tam_queue_page_select_position (self, next);
  _tam_queue_page_end_update (self);

  _tam_queue_page_show_banner (self, NULL);
}

/* The writer could not store the verdict: the call goes back in the list
 * as it was, the QCO is brought back to it with their ticks and
 * recommendation, and the banner says why. */
static void
verdict_refused (TamQueuePage *self,
                 const Verdict *v,
                 const GError *error)
{
  gboolean shown = tam_queue_model_filter_has_state (self->model, v->state_after);
  gboolean listed = tam_queue_model_filter_has_state (self->model, tam_call_get_state (v->call));
  gint64 position = -1;

  if (shown || listed)
    position = _tam_queue_page_find_row (self, v->call, v->position, shown);
  if (position < 0 && listed && !shown)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), v->call->id, NULL);

  _tam_queue_page_begin_update (self);
  if (position >= 0)
    {
      tam_queue_model_call_changed (self->model, (guint) position, tam_call_copy (v->call),
                                    v->state_after);
      if (listed)
        _tam_queue_page_select_position (self, (guint) position);
    }
  _tam_queue_page_end_update (self);

  if (self->current != NULL && self->current->id == v->call->id)
    {
      for (guint i = 0; v->failed != NULL && v->failed[i] != NULL; i++)
        _tam_queue_page_set_parameter_met (self, v->failed[i], FALSE);
      if (v->recommendation != NULL)
        _tam_queue_page_set_recommendation (self, v->recommendation);
      if (v->verdict == TAM_VERDICT_RETURN)
        {
          gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.cancel-return", TRUE);
        }
    }
  if (g_error_matches (error, TAM_ERROR, TAM_ERROR_BUSY))
    {
      g_autofree char *msg =
          g_strdup_printf (_ ("Another desk kept the database busy for too long: the verdict on call %s was not stored. Give it again."),
                           v->call->call_id);
      _tam_queue_page_show_banner (self, msg);
    }
  else
    _tam_queue_page_show_banner (self, error->message);
  if (g_error_matches (error, TAM_ERROR, TAM_ERROR_CONFLICT) &&
      self->current != NULL && self->current->id == v->call->id)
    _tam_queue_page_show_claim_problem (self, error->message);
}

/* The verdict was stored but left the call in another state than the one
 * shown (after_verdict): show it as stored. */
static void
verdict_stored_otherwise (TamQueuePage *self,
                          const Verdict *v,
                          TamCall *call)
{
  gboolean shown = tam_queue_model_filter_has_state (self->model, v->state_after);
  gboolean listed = tam_queue_model_filter_has_state (self->model, tam_call_get_state (call));
  gint64 position = -1;

  if (shown || listed)
    position = _tam_queue_page_find_row (self, call, v->position, shown);
  if (position < 0 && listed && !shown)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), call->id, NULL);
  _tam_queue_page_begin_update (self);
  if (position >= 0)
    tam_queue_model_call_changed (self->model, (guint) position, call, v->state_after);
  else
    tam_call_free (call);
  _tam_queue_page_end_update (self);
}

static void
verdict_done (TamQueuePage *self,
              TamWrite *op)
{
  Verdict *v = op->data;
  g_autofree char *toast = NULL;
  gboolean last = self->undo_seq == op->seq;

  tam_queue_model_release_call (self->model, v->call->id);
  if (!op->ok)
    {
      if (last)
        self->undo_seq = 0;
      verdict_refused (self, v, op->error);
      return;
    }

  if (last)
    {
      self->undo_seq = 0;
      self->undo_tapping_id = op->out_id;
      if (op->call != NULL)
        self->undo_state = tam_call_get_state (op->call);
    }
  /* The list showed the call in the state the core said the verdict puts
   * it in; the call as stored is the word that counts. */
  if (op->call != NULL && tam_call_get_state (op->call) != v->state_after)
    verdict_stored_otherwise (self, v, g_steal_pointer (&op->call));
  if (v->verdict == TAM_VERDICT_VALID)
    toast = g_strdup_printf (_ ("Call %s is valid"), v->call->call_id);
  else
    toast = g_strdup_printf (_ ("Call %s returned to the agent"), v->call->call_id);
  /* Undo is offered for the latest verdict only (Ctrl+Z's). */
  _tam_queue_page_show_toast (self, toast, last || self->undo_tapping_id == op->out_id);
  _tam_queue_page_update_today (self);
}

static void
decide (TamQueuePage *self,
        TamVerdict verdict,
        const char *const *failed,
        const char *recommendation)
{
  g_autoptr (GError) error = NULL;
  TamWrite *op;
  Verdict *v;
  guint seq;

  /* Refused at once: nothing to wait for. */
  if (!tam_session_require (self->session, TAM_PERM_TAP, &error))
    {
      _tam_queue_page_show_banner (self, error->message);
      return;
    }

  v = g_new0 (Verdict, 1);
  v->call = tam_call_copy (self->current);
  v->state_after = tam_call_state_after_verdict (verdict);
  v->position = self->current_position;
  v->verdict = verdict;
  v->failed = g_strdupv ((char **) failed);
  v->recommendation = g_strdup (recommendation);

  op = tam_write_new (TAM_WRITE_DECIDE, self->current->id);
  op->verdict = g_strdup (tam_verdict_to_code (verdict));
  op->failed = g_strdupv ((char **) failed);
  op->text = g_strdup (recommendation);
  op->heard = tam_recording_player_get_message (self->player) == NULL ? TAM_HEARD_PLAYED : TAM_HEARD_MISSING;
  op->data = v;
  op->data_free = verdict_free;
  seq = _tam_queue_page_push_write (self, op);
  if (seq != 0)
    after_verdict (self, v, seq);
}

/* A verdict needs a call: say so when none is selected. */
static gboolean
require_call (TamQueuePage *self)
{
  if (self->current != NULL)
    return TRUE;
  _tam_queue_page_show_banner (self, _ ("No call is selected."));
  return FALSE;
}

static void
valid_action (GtkWidget *widget,
              const char *action_name,
              GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_auto (GStrv) failed = NULL;
  const char *critical = NULL;

  if (!require_call (self))
    return;
  /* Issue 12: no VALID on a call nobody could hear. */
  if (tam_recording_player_get_message (self->player) != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("The recording of call %s did not open: the call cannot be valid. Return it (R) with “%s”, so that its team leader supplies the recording."),
                                              self->current->call_id, tam_reason_recording_label ());
      _tam_queue_page_set_parameter_met (self, TAM_REASON_RECORDING, FALSE);
      _tam_queue_page_show_banner (self, msg);
      return;
    }
  failed = collect_failed (self, &critical);
  if (critical != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_ ("“%s” is critical and was not met: the call cannot be valid. Return it (R) or tick the parameter again."),
                                              critical);
      _tam_queue_page_show_banner (self, msg);
      return;
    }
  decide (self, TAM_VERDICT_VALID, (const char *const *) failed, NULL);
}

static void
return_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_auto (GStrv) failed = NULL;

  if (!require_call (self))
    return;
  failed = collect_failed (self, NULL);
  gtk_label_set_text (self->return_hint_label,
                      _ ("Untick the parameters that were not met: a return needs at least one."));
  gtk_widget_set_visible (GTK_WIDGET (self->return_hint_label), failed[0] == NULL);
  gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
  gtk_widget_action_set_enabled (widget, "queue.cancel-return", TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->recommendation_view));
  _tam_queue_page_scroll_to_checklist (self);
}

static char *
dup_recommendation (TamQueuePage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->recommendation_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return g_strstrip (g_steal_pointer (&text));
}

const char *
_tam_queue_page_needs_one_failed (void)
{
  return _ ("A return needs at least one parameter that was not met: untick it in the checklist.");
}

static void
confirm_return_action (GtkWidget *widget,
                       const char *action_name,
                       GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_auto (GStrv) failed = NULL;
  g_autofree char *recommendation = NULL;

  if (!require_call (self))
    return;
  failed = collect_failed (self, NULL);
  recommendation = dup_recommendation (self);
  if (failed[0] == NULL)
    {
      _tam_queue_page_show_banner (self, _tam_queue_page_needs_one_failed ());
      gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->return_hint_label), TRUE);
      return;
    }
  if (recommendation[0] == '\0' && !g_strv_contains ((const char *const *) failed, TAM_REASON_RECORDING))
    {
      _tam_queue_page_show_banner (self, _ ("Write a recommendation for the agent before returning the call."));
      gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
      gtk_widget_action_set_enabled (widget, "queue.cancel-return", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->recommendation_view));
      return;
    }
  decide (self, TAM_VERDICT_RETURN, (const char *const *) failed, recommendation);
}

/* queue.toggle-parameter (u: 1 to 9): the keys 1 to 9 (and Ctrl+1 to 9,
 * which work in the recommendation too; Alt+1 to 9 are the window's tabs) tick or untick the checklist's
 * parameter of that number. */
static void
toggle_parameter_action (GtkWidget *widget,
                         const char *action_name,
                         GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  guint n = g_variant_get_uint32 (parameter);
  GtkCheckButton *check;

  if (self->current == NULL || n < 1 || n > self->checks->len)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  check = g_ptr_array_index (self->checks, n - 1);
  gtk_check_button_set_active (check, !gtk_check_button_get_active (check));
}

static void
cancel_return_action (GtkWidget *widget,
                      const char *action_name,
                      GVariant *parameter)
{
  _tam_queue_page_hide_return (TAM_QUEUE_PAGE (widget));
}

/* What Ctrl+Z was about, for its answer. */
typedef struct
{
  gint64 call_id;
  TamCallState state; /* the state the verdict left the call in */
  char *call_label;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *u = data;

  g_free (u->call_label);
  g_free (u);
}

static void
undo_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  TamWrite *op;
  Undo *u;

  if (self->undo_tapping_id == 0 && self->undo_seq == 0)
    {
      _tam_queue_page_show_banner (self, _ ("There is no verdict to undo."));
      return;
    }

  /* In order after the verdict, even one still on its way. */
  op = tam_write_new (TAM_WRITE_UNDO, self->undo_call_id);
  op->tapping_id = self->undo_tapping_id;
  op->undo_seq = self->undo_seq;
  u = g_new0 (Undo, 1);
  u->call_id = self->undo_call_id;
  u->state = self->undo_state;
  u->call_label = g_strdup (self->undo_call_label);
  op->data = u;
  op->data_free = undo_free;
  _tam_queue_page_push_write (self, op);
  self->undo_tapping_id = 0;
  self->undo_seq = 0;
}

static void
undo_done (TamQueuePage *self,
           TamWrite *op)
{
  Undo *u = op->data;
  g_autofree char *toast = NULL;
  TamCall *call;
  gint64 position = -1;
  guint n;

  if (!op->ok)
    {
      /* No error: the verdict itself was refused, and said so. */
      if (op->error != NULL)
        _tam_queue_page_show_banner (self, op->error->message);
      return;
    }
  toast = g_strdup_printf (_ ("Verdict on call %s undone"), u->call_label);
  _tam_queue_page_update_today (self);
  if (op->call == NULL)
    {
      _tam_queue_page_show_toast (self, toast, FALSE);
      return;
    }
  call = g_steal_pointer (&op->call);

  if (tam_queue_model_filter_has_state (self->model, u->state))
    {
      /* It stayed in the list: find its row among those we know. */
      n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
      for (guint i = self->current_position > 2 ? self->current_position - 2 : 0;
           position < 0 && i < MIN (n, self->current_position + 2); i++)
        {
          g_autoptr (TamQueueItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
          if (tam_queue_item_get_id (item) == call->id)
            position = i;
        }
    }
  if (position < 0)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), call->id, NULL);

  _tam_queue_page_begin_update (self);
  if (position >= 0)
    {
      tam_queue_model_call_changed (self->model, (guint) position, call, u->state);
      _tam_queue_page_select_position (self, (guint) position);
    }
  else
    tam_call_free (call);
  _tam_queue_page_end_update (self);

  _tam_queue_page_show_banner (self, NULL);
  _tam_queue_page_show_toast (self, toast, FALSE);
}

/* Moving and listening */

static void
move_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint pos = gtk_single_selection_get_selected (self->selection);
  gboolean forward = g_str_equal (action_name, "queue.next");

  if (n == 0)
    return;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else if (forward && pos + 1 < n)
    pos++;
  else if (!forward && pos > 0)
    pos--;
  else
    {
      gtk_widget_error_bell (widget);
      return;
    }
  _tam_queue_page_select_position (self, pos);
}

static void
play_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  tam_recording_player_toggle (TAM_QUEUE_PAGE (widget)->player);
}

static void
seek_action (GtkWidget *widget,
             const char *action_name,
             GVariant *parameter)
{
  tam_recording_player_seek_by (TAM_QUEUE_PAGE (widget)->player,
                                g_str_equal (action_name, "queue.seek-back") ? -5 : 5);
}

static void
speed_action (GtkWidget *widget,
              const char *action_name,
              GVariant *parameter)
{
  tam_recording_player_change_speed (TAM_QUEUE_PAGE (widget)->player,
                                     g_str_equal (action_name, "queue.faster") ? 1 : -1);
}

static void
focus_filter_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TAM_QUEUE_PAGE (widget)->from_entry));
}

static void
refresh_action (GtkWidget *widget,
                const char *action_name,
                GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_autoptr (GError) error = NULL;
  gint64 id = self->current ? self->current->id : 0;
  gint64 position = -1;

  _tam_queue_page_begin_update (self);
  _tam_queue_page_unselect_for_reload (self);
  if (!tam_queue_model_reload (self->model, &error))
    _tam_queue_page_show_banner (self, error->message);
  if (id != 0)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), id, NULL);
  /* Verdicts still on their way are not in the database's order yet. */
  if (position >= 0 && self->current != NULL)
    {
      gint64 row = _tam_queue_page_find_row (self, self->current, (guint) position, TRUE);
      if (row >= 0)
        position = row;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    _tam_queue_page_select_position (self, position >= 0 ? (guint) position : 0);
  _tam_queue_page_end_update (self);
}

/* The writer's answers, on the main loop, in the order asked. */
void
_tam_queue_page_write_done_cb (TamWrite *op,
                               gpointer user_data)
{
  TamQueuePage *self = user_data;

  switch (op->kind)
    {
    case TAM_WRITE_CLAIM:
      _tam_queue_page_claim_done (self, op);
      break;
    case TAM_WRITE_RELEASE:
      if (!op->ok && op->error != NULL)
        g_debug ("Releasing the claim on call %" G_GINT64_FORMAT ": %s", op->id, op->error->message);
      break;
    case TAM_WRITE_DECIDE:
      verdict_done (self, op);
      break;
    case TAM_WRITE_UNDO:
      undo_done (self, op);
      break;
    case TAM_WRITE_RECALL:
      _tam_queue_page_recall_done (self, op);
      break;
    case TAM_WRITE_UNDO_RECALL:
      _tam_queue_page_recall_undo_done (self, op);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Import calls */

static void
import_done_cb (GObject *owner,
                gboolean stored)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (owner);

  if (stored)
    refresh_action (GTK_WIDGET (self), "queue.refresh", NULL);
}

void
_tam_queue_page_import (TamQueuePage *self,
                        const char *path)
{
  tam_import_run (self->job_bar, self->store, self->session, TAM_IMPORT_CALLS, path,
                  import_done_cb, G_OBJECT (self));
}

static void
import_chosen (GtkWidget *page,
               const char *path)
{
  _tam_queue_page_import (TAM_QUEUE_PAGE (page), path);
}

static void
import_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);

  if (!tam_session_can (self->session, TAM_PERM_IMPORT_CALLS))
    {
      g_autoptr (GError) error = NULL;
      tam_session_require (self->session, TAM_PERM_IMPORT_CALLS, &error);
      _tam_queue_page_show_banner (self, error->message);
      return;
    }
  tam_import_choose (widget, _ ("Import Calls"), import_chosen);
}

/* queue.report (s: a code of the registry, "f18"): the report dialog,
 * which runs the report itself. */
static void
report_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);

  gtk_window_present (GTK_WINDOW (tam_report_dialog_new (widget, self->store, self->session,
                                                         g_variant_get_string (parameter, NULL))));
}

/* Keys that the list would take for itself (Space selects a row, Left and
 * Right move across) mean play and seek on this page while the list has
 * the focus; Ctrl+Enter confirms a return even from the text field. */
static gboolean
key_capture_cb (TamQueuePage *self,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean in_list;

  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      mods == GDK_CONTROL_MASK && gtk_revealer_get_reveal_child (self->return_revealer))
    return gtk_widget_activate_action (GTK_WIDGET (self), "queue.confirm-return", NULL);

  if (mods != 0)
    return FALSE;
  in_list = focus == NULL || focus == GTK_WIDGET (self) ||
            focus == GTK_WIDGET (self->list_view) ||
            gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view));
  if (!in_list)
    return FALSE;

  switch (keyval)
    {
    /* Issue 12: Down and Up move one call from the loaded one, not from
     * wherever the list's focus ring happens to be. */
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return gtk_widget_activate_action (GTK_WIDGET (self), "queue.next", NULL);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return gtk_widget_activate_action (GTK_WIDGET (self), "queue.previous", NULL);
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      return gtk_widget_activate_action (GTK_WIDGET (self), "queue.play", NULL);
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      return gtk_widget_activate_action (GTK_WIDGET (self), "queue.seek-back", NULL);
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      return gtk_widget_activate_action (GTK_WIDGET (self), "queue.seek-forward", NULL);
    default:
      return FALSE;
    }
}

void
_tam_queue_page_actions_init (TamQueuePage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_capture_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.cancel-return", FALSE);
}

/* Every action of the page, and its keys. */
void
_tam_queue_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "queue.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "queue.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "queue.play", NULL, play_action);
  gtk_widget_class_install_action (widget_class, "queue.seek-back", NULL, seek_action);
  gtk_widget_class_install_action (widget_class, "queue.seek-forward", NULL, seek_action);
  gtk_widget_class_install_action (widget_class, "queue.faster", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "queue.slower", NULL, speed_action);
  gtk_widget_class_install_action (widget_class, "queue.valid", NULL, valid_action);
  gtk_widget_class_install_action (widget_class, "queue.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "queue.confirm-return", NULL, confirm_return_action);
  gtk_widget_class_install_action (widget_class, "queue.cancel-return", NULL, cancel_return_action);
  gtk_widget_class_install_action (widget_class, "queue.toggle-parameter", "u", toggle_parameter_action);
  gtk_widget_class_install_action (widget_class, "queue.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "queue.focus-filter", NULL, focus_filter_action);
  gtk_widget_class_install_action (widget_class, "queue.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "queue.recall", NULL, _tam_queue_page_recall_action);
  gtk_widget_class_install_action (widget_class, "queue.undo-recall", NULL, _tam_queue_page_recall_undo_action);
  gtk_widget_class_install_action (widget_class, "queue.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "queue.report", "s", report_action);

  /* Single letters: bubble phase, so a text field that takes the key
   * (the recommendation, a date, a drop-down's search) keeps it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "queue.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "queue.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "queue.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "queue.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "queue.play", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "queue.seek-back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "queue.seek-forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, 0, "queue.faster", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, 0, "queue.slower", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, 0, "queue.valid", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "queue.return", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "queue.confirm-return", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "queue.confirm-return", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "queue.cancel-return", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "queue.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "queue.focus-filter", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "queue.refresh", NULL);
  for (guint i = 1; i <= 9; i++)
    {
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, 0, "queue.toggle-parameter", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0 + i, 0, "queue.toggle-parameter", "u", i);
      gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_CONTROL_MASK, "queue.toggle-parameter", "u", i);
    }
}
