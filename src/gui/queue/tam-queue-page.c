/* tam-queue-page.c: the Queue tab, where a QCO taps AGREE calls all day.
 *
 * The list is a TamQueueModel (rows paged from SQLite) in a GtkColumnView;
 * the detail pane shows the selected call, plays its recording and holds
 * the assessment checklist. Everything works from the keyboard: the
 * actions below are bound to J/K, V/R, Space... Letters are bubble-phase
 * bindings, so they never fire while a text field takes the key. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-gui-utils.h"
#include "tam-job.h"
#include "tam-people.h"
#include "tam-import.h"
#include "tam-import-ui.h"
#include "tam-queue-model.h"
#include "tam-queue-page.h"
#include "tam-queue-page-private.h"
#include "tam-queue-row.h"
#include "tam-queue-writer.h"
#include "tam-recording-player.h"
#include "tam-reports.h"
#include "tam-tapping.h"

/* A QCO's claim lasts 10 minutes without activity; renew it well before. */
#define RECLAIM_SECONDS 120

struct _TamQueuePage
{
  GtkWidget           parent_instance;

  TamStore           *store;          /* reads only, on the main loop */
  TamSession         *session;
  TamQueueWriter     *writer;         /* every write, in order, off the main loop */
  TamQueueModel      *model;
  GtkSingleSelection *selection;

  /* Filter choices: ids parallel to the drop-down lists (0 = any). */
  GArray             *leader_ids;
  GArray             *agent_ids;

  /* The call in the detail pane. */
  TamCall            *current;
  guint               current_position;
  gint64              claimed_id;     /* the call we hold (or asked for) a claim on */
  guint               claim_seq;      /* the writer's number of that claim */
  guint               reclaim_source;
  char               *params_service; /* service of the checklist shown */
  GPtrArray          *checks;         /* GtkCheckButton, data "code"/"critical" */
  gboolean            updating;       /* model edits of our own in progress */
  gboolean            mapped_once;

  /* The last verdict, for Ctrl+Z: its tapping once stored, or the
   * writer's number of the verdict while it is on its way. */
  guint               undo_seq;
  gint64              undo_tapping_id;
  gint64              undo_call_id;
  TamCallState        undo_state;     /* the state the verdict left it in */
  char               *undo_call_label;

  char               *banner_text;
  char               *last_toast;

  TamRecordingPlayer *player;
  TamJobBar          *job_bar;
  GSettings          *settings;       /* NULL when the schema is missing */

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *filter_box;
  GtkEntry           *from_entry;
  GtkEntry           *to_entry;
  GtkDropDown        *site_dropdown;
  GtkDropDown        *service_dropdown;
  GtkDropDown        *leader_dropdown;
  GtkDropDown        *agent_dropdown;
  GtkDropDown        *state_dropdown;
  GtkLabel           *count_pending_label;
  GtkLabel           *count_recalled_label;
  GtkLabel           *count_returned_label;
  GtkLabel           *count_valid_label;
  GtkLabel           *count_shown_label;
  GtkRevealer        *banner_revealer;
  GtkLabel           *banner_label;
  GtkBox             *job_box;
  GtkBox             *header_box;
  GtkWidget          *busy_box;
  GtkSpinner         *busy_spinner;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  AdwStatusPage      *empty_status;
  GtkLabel           *title_label;
  GtkLabel           *state_label;
  GtkLabel           *agent_value;
  GtkLabel           *team_value;
  GtkLabel           *service_value;
  GtkLabel           *product_value;
  GtkLabel           *time_value;
  GtkLabel           *customer_value;
  GtkLabel           *claim_label;
  GtkBox             *player_box;
  GtkBox             *checklist_box;
  GtkScrolledWindow  *detail_scroller;
  GtkRevealer        *return_revealer;
  GtkLabel           *return_hint_label;
  GtkTextView        *recommendation_view;
  GtkWidget          *verdict_box;
  GtkWidget          *recall_button;
  GtkBox             *history_box;
};

G_DEFINE_FINAL_TYPE (TamQueuePage, tam_queue_page, GTK_TYPE_WIDGET)


/* Messages */

static void
show_banner (TamQueuePage *self,
             const char   *message)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  g_free (self->banner_text);
  self->banner_text = g_strdup (message);
  if (message != NULL)
    {
      gtk_label_set_text (self->banner_label, message);
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static void
banner_close_cb (TamQueuePage *self)
{
  show_banner (self, NULL);
}

static void
show_toast (TamQueuePage *self,
            const char   *title,
            gboolean      with_undo)
{
  AdwToast *toast;

  g_assert (TAM_IS_QUEUE_PAGE (self));

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  toast = adw_toast_new (title);
  /* Verdicts come fast: say what was just done, now. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "queue.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
format_count (gint64 n)
{
  return g_strdup_printf ("%'" G_GINT64_FORMAT, n);
}

static void
set_count_label (GtkLabel   *label,
                 const char *format,
                 gint64      n,
                 gboolean    known)
{
  /* "…" while the worker is still counting. */
  g_autofree char *number = known ? format_count (n) : g_strdup ("…");
  g_autofree char *text = g_strdup_printf (format, number);

  gtk_label_set_text (label, text);
}

static void
update_counts (TamQueuePage *self)
{
  const gint64 *counts = tam_queue_model_get_state_counts (self->model);
  gboolean known = tam_queue_model_get_counts_ready (self->model);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = NULL;
  g_autofree char *shown = NULL;

  /* Translators: %s is a number of calls */
  set_count_label (self->count_pending_label, _("Pending: %s"), counts[TAM_STATE_PENDING], known);
  set_count_label (self->count_recalled_label, _("Re-called: %s"), counts[TAM_STATE_RECALLED], known);
  set_count_label (self->count_returned_label, _("Returned: %s"), counts[TAM_STATE_RETURNED], known);
  set_count_label (self->count_valid_label, _("Valid: %s"), counts[TAM_STATE_VALID], known);
  if (known || n < TAM_QUEUE_MODEL_BLOCK)
    {
      number = format_count (n);
      shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s call in the list", "%s calls in the list", n),
                               number);
    }
  else
    shown = g_strdup (_("Counting the calls…"));
  gtk_label_set_text (self->count_shown_label, shown);
}

/* Claims */

static gboolean
call_is_waiting (const TamCall *call)
{
  return call != NULL && tam_call_state_is_waiting (tam_call_get_state (call));
}

/* Queues @op (taken) for the writer; its number, or 0 once the page is
 * disposed (a dialog may still answer then). */
static guint
push_write (TamQueuePage *self,
            TamWrite     *op)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  if (self->writer == NULL)
    {
      tam_write_free (op);
      return 0;
    }
  return tam_queue_writer_push (self->writer, op);
}

static void
release_claim (TamQueuePage *self)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  g_clear_handle_id (&self->reclaim_source, g_source_remove);
  if (self->claimed_id == 0)
    return;
  push_write (self, tam_write_new (TAM_WRITE_RELEASE, self->claimed_id));
  self->claimed_id = 0;
  self->claim_seq = 0;
}

static void
show_claim_problem (TamQueuePage *self,
                    const char   *message)
{
  gtk_label_set_text (self->claim_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->claim_label), message != NULL);
}

/* Asks the writer for a claim on @id (again, to renew it); the answer
 * comes in claim_done. */
static void
request_claim (TamQueuePage *self,
               gint64        id,
               gboolean      renew)
{
  TamWrite *op = tam_write_new (TAM_WRITE_CLAIM, id);

  op->data = GINT_TO_POINTER (renew);
  self->claim_seq = push_write (self, op);
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

static void
claim_done (TamQueuePage *self,
            TamWrite     *op)
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
    show_claim_problem (self, op->error->message);
  if (GPOINTER_TO_INT (op->data))
    show_banner (self, op->error->message);
}

static void
claim_current (TamQueuePage *self)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  show_claim_problem (self, NULL);
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

static char *
person_text (const char *name,
             const char *nik)
{
  if (name == NULL)
    return g_strdup (_("None"));
  /* Translators: a person as "name (NIK)" */
  return g_strdup_printf (_("%s (%s)"), name, nik ? nik : "");
}

static void
fill_history (TamQueuePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;

  remove_children (self->history_box);
  history = tam_call_history (self->store, self->session, self->current->id, &error);
  if (history == NULL)
    {
      GtkWidget *label = gtk_label_new (error->message);
      gtk_widget_add_css_class (label, "error");
      gtk_box_append (self->history_box, label);
      return;
    }
  if (history->len == 0)
    {
      GtkWidget *label = gtk_label_new (_("Not tapped yet."));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->history_box, label);
      return;
    }

  for (guint i = 0; i < history->len; i++)
    {
      TamTappingRecord *r = g_ptr_array_index (history, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *who = person_text (r->actor_name, r->actor_nik);
      GtkWidget *label;

      if (r->kind == TAM_HISTORY_TAPPING)
        {
          /* Translators: time · tapping number · verdict by QCO */
          g_string_append_printf (text, _("%s · tapping %d · %s by %s"),
                                  r->at, r->attempt, tam_verdict_to_label (tam_verdict_from_code (r->verdict)), who);
          if (r->undone)
            g_string_append_printf (text, " %s", _("(undone)"));
          if (r->failed_codes != NULL && r->failed_codes[0] != NULL)
            {
              g_autofree char *codes = g_strjoinv (", ", r->failed_codes);
              g_string_append_c (text, '\n');
              g_string_append_printf (text, _("Not met: %s"), codes);
            }
        }
      else
        {
          g_string_append_printf (text, _("%s · re-call recorded by %s"), r->at, who);
          if (r->recording != NULL && r->recording[0] != '\0')
            {
              g_string_append_c (text, '\n');
              g_string_append_printf (text, _("New recording: %s"), r->recording);
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
}

static void
fill_checklist (TamQueuePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) params = NULL;

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
      gtk_box_append (GTK_BOX (row), check);

      if (p->critical)
        {
          GtkWidget *tag = gtk_label_new (_("critical"));

          gtk_widget_add_css_class (tag, "caption-heading");
          gtk_widget_add_css_class (tag, "error");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                          _("Critical parameter: if it is not met the call must be returned"),
                                          -1);
          gtk_box_append (GTK_BOX (row), tag);
        }
      gtk_box_append (self->checklist_box, row);
      g_ptr_array_add (self->checks, check);
    }
}

static void
hide_return (TamQueuePage *self)
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

  release_claim (self);
  g_clear_pointer (&self->current, tam_call_free);
  tam_recording_player_clear (self->player);
  hide_return (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
  update_actions (self);
}

static char *
recordings_folder (TamQueuePage *self)
{
  g_autofree char *folder = NULL;

  if (self->settings == NULL)
    return NULL;
  folder = g_settings_get_string (self->settings, "recordings-folder");
  return folder[0] != '\0' ? g_steal_pointer (&folder) : NULL;
}

static void
show_call (TamQueuePage  *self,
           const TamCall *listed,
           guint          position)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *leader = NULL;
  g_autofree char *state = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  TamCall *call;

  g_assert (TAM_IS_QUEUE_PAGE (self));

  /* The row may be minutes old: show the call as it is now. */
  call = tam_call_get (self->store, self->session, listed->id, &error);
  if (call == NULL)
    {
      show_banner (self, error->message);
      call = tam_call_copy (listed);
    }

  if (self->current == NULL || self->current->id != call->id)
    {
      release_claim (self);
      /* A refusal was about the call left behind. */
      if (error == NULL)
        show_banner (self, NULL);
    }
  g_clear_pointer (&self->current, tam_call_free);
  self->current = call;
  self->current_position = position;

  gtk_label_set_text (self->title_label, call->call_id);
  if (call_is_waiting (call))
    /* Translators: state · the number of the tapping about to be given */
    state = g_strdup_printf (_("%s · tapping %d"), tam_call_state_to_label (tam_call_get_state (call)),
                             call->attempts + 1);
  else
    state = g_strdup (tam_call_state_to_label (tam_call_get_state (call)));
  gtk_label_set_text (self->state_label, state);
  agent = person_text (call->agent_name, call->agent_nik);
  gtk_label_set_text (self->agent_value, agent);
  leader = person_text (call->team_leader_name, call->team_leader_nik);
  gtk_label_set_text (self->team_value, leader);
  gtk_label_set_text (self->service_value, tam_service_label (call->service));
  gtk_label_set_text (self->product_value, call->product);
  gtk_label_set_text (self->time_value, call->call_start);
  gtk_label_set_text (self->customer_value, call->customer_number);

  fill_checklist (self);
  hide_return (self);
  fill_history (self);

  folder = recordings_folder (self);
  path = tam_recording_player_resolve (folder, call->recording);
  tam_recording_player_load (self->player, path);

  gtk_stack_set_visible_child_name (self->detail_stack, "call");
  claim_current (self);
  update_actions (self);
}

static void
show_selected (TamQueuePage *self)
{
  TamQueueItem *item = gtk_single_selection_get_selected_item (self->selection);
  const TamCall *call = item ? tam_queue_item_get_call (item) : NULL;

  if (call == NULL)
    {
      clear_detail (self);
      if (item != NULL)
        adw_status_page_set_description (self->empty_status,
                                         _("This call changed meanwhile. Refresh the queue (F5)."));
      else
        adw_status_page_set_description (self->empty_status, _("No call matches the filter."));
      return;
    }
  show_call (self, call, gtk_single_selection_get_selected (self->selection));
}

static void
selection_changed_cb (TamQueuePage *self)
{
  if (!self->updating)
    show_selected (self);
}

static void
select_position (TamQueuePage *self,
                 guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* Filters */

static gboolean
check_date (GtkEntry  *entry,
            char     **out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *date = NULL;

  *out = NULL;
  if (text[0] == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
      return TRUE;
    }
  date = tam_parse_date (text);
  if (date == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
  *out = g_steal_pointer (&date);
  return TRUE;
}

static TamQueueFilter *
build_filter (TamQueuePage *self)
{
  g_autoptr(TamQueueFilter) filter = tam_queue_filter_new ();
  guint pos;
  gboolean from_ok, to_ok;

  from_ok = check_date (self->from_entry, &filter->from);
  to_ok = check_date (self->to_entry, &filter->to);
  if (!from_ok || !to_ok)
    return NULL;

  filter->site = g_strdup (tam_code_at (tam_sites (), gtk_drop_down_get_selected (self->site_dropdown), TRUE));
  filter->service = g_strdup (tam_code_at (tam_services (), gtk_drop_down_get_selected (self->service_dropdown), TRUE));
  pos = gtk_drop_down_get_selected (self->leader_dropdown);
  if (pos < self->leader_ids->len)
    filter->team_leader_id = g_array_index (self->leader_ids, gint64, pos);
  pos = gtk_drop_down_get_selected (self->agent_dropdown);
  if (pos < self->agent_ids->len)
    filter->agent_id = g_array_index (self->agent_ids, gint64, pos);
  pos = gtk_drop_down_get_selected (self->state_dropdown);
  /* The drop-down is in the order of TamCallState, NONE being "waiting"
   * (no state in the filter: tam_call_state_to_code() gives NULL). */
  if (pos != GTK_INVALID_LIST_POSITION && pos <= TAM_CALL_STATE_VALID)
    filter->state = g_strdup (tam_call_state_to_code ((TamCallState) pos));
  return g_steal_pointer (&filter);
}

/* Runs @func-like model edits with the selection's own reactions muted,
 * then shows what ends up selected, once. */
static void
begin_update (TamQueuePage *self)
{
  self->updating = TRUE;
}

/* Before an items-changed over the whole list: GtkSingleSelection looks
 * for its selected item among every added row (a get_item each, i.e. the
 * whole million from SQLite) unless nothing is selected. */
static void
unselect_for_reload (TamQueuePage *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
end_update (TamQueuePage *self)
{
  self->updating = FALSE;
  show_selected (self);
  update_counts (self);
}

static void
apply_filter (TamQueuePage *self,
              gboolean      force)
{
  g_autoptr(TamQueueFilter) filter = build_filter (self);
  g_autoptr(GError) error = NULL;

  if (filter == NULL)
    return;  /* a date being typed */
  if (!force && tam_queue_filter_equal (filter, tam_queue_model_get_filter (self->model)))
    return;

  begin_update (self);
  unselect_for_reload (self);
  if (!tam_queue_model_set_filter (self->model, filter, &error))
    show_banner (self, error->message);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    select_position (self, 0);
  end_update (self);
}

static void
date_changed_cb (TamQueuePage *self)
{
  apply_filter (self, FALSE);
}

static void
dropdown_changed_cb (TamQueuePage *self)
{
  apply_filter (self, FALSE);
}

static void
setup_filters (TamQueuePage *self)
{
  g_autoptr(GtkStringList) sites = NULL;
  g_autoptr(GtkStringList) services = NULL;
  g_autoptr(GtkStringList) leaders = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) agents = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GError) error = NULL;
  gint64 any = 0;
  GtkDropDown *dropdowns[5];

  sites = tam_code_string_list_new (tam_sites (), tam_site_label, _("All sites"));
  services = tam_code_string_list_new (tam_services (), tam_service_label, _("All services"));

  gtk_string_list_append (leaders, _("All team leaders"));
  g_array_append_val (self->leader_ids, any);
  gtk_string_list_append (agents, _("All agents"));
  g_array_append_val (self->agent_ids, any);
  people = tam_people_list (self->store, &error);
  if (people == NULL)
    show_banner (self, error->message);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      TamPerson *p = g_ptr_array_index (people, i);
      g_autofree char *text = person_text (p->name, p->nik);

      if (g_strcmp0 (p->role, "TEAM_LEADER") == 0)
        {
          gtk_string_list_append (leaders, text);
          g_array_append_val (self->leader_ids, p->id);
        }
      else if (g_strcmp0 (p->role, "AGENT") == 0)
        {
          gtk_string_list_append (agents, text);
          g_array_append_val (self->agent_ids, p->id);
        }
    }

  gtk_string_list_append (states, _("Waiting"));
  for (TamCallState s = TAM_CALL_STATE_PENDING; s <= TAM_CALL_STATE_VALID; s++)
    gtk_string_list_append (states, tam_call_state_to_label (s));

  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (sites));
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  gtk_drop_down_set_model (self->leader_dropdown, G_LIST_MODEL (leaders));
  gtk_drop_down_set_model (self->agent_dropdown, G_LIST_MODEL (agents));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));

  dropdowns[0] = self->site_dropdown;
  dropdowns[1] = self->service_dropdown;
  dropdowns[2] = self->leader_dropdown;
  dropdowns[3] = self->agent_dropdown;
  dropdowns[4] = self->state_dropdown;
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      g_autoptr(GtkExpression) expression =
        gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

      /* The drop-down takes its own reference. */
      gtk_drop_down_set_expression (dropdowns[i], expression);
      g_signal_connect_object (dropdowns[i], "notify::selected",
                               G_CALLBACK (dropdown_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

/* Verdicts */

/* The codes of the unticked parameters (NULL-terminated); @critical gets
 * the text of the first critical one among them, if any. */
static GStrv
collect_failed (TamQueuePage  *self,
                const char   **critical)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

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
  TamCall      *call;          /* as it was shown */
  TamCallState  state_after;   /* the state the core says the verdict puts it in */
  guint         position;
  TamVerdict    verdict;
  GStrv    failed;
  char    *recommendation;
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
after_verdict (TamQueuePage  *self,
               const Verdict *v,
               guint          seq)
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
  begin_update (self);
  hide_return (self);
  tam_queue_model_call_changed (self->model, position, updated, tam_call_get_state (v->call));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  next = stays ? position + 1 : position;
  if (next >= n)
    next = n > 0 ? n - 1 : GTK_INVALID_LIST_POSITION;
  select_position (self, next);
  end_update (self);

  show_banner (self, NULL);
}

static int
compare_queue_order (const TamCall *a,
                     const TamCall *b)
{
  int c = g_strcmp0 (a->call_start, b->call_start);

  if (c != 0)
    return c;
  return (a->id > b->id) - (a->id < b->id);
}

/* Where @call is (@present) or goes back in the list, looking from @near
 * among the rows the model holds; -1 when it is too far to walk to. */
static gint64
find_row (TamQueuePage  *self,
          const TamCall *call,
          guint          near,
          gboolean       present)
{
  GListModel *list = G_LIST_MODEL (self->model);
  guint n = g_list_model_get_n_items (list);
  guint pos = MIN (near, n);
  guint steps = 0;

  if (present)
    {
      for (guint d = 0; d <= TAM_QUEUE_MODEL_BLOCK; d++)
        for (int sign = -1; sign <= 1; sign += 2)
          {
            gint64 i = (gint64) near + sign * (gint64) d;
            g_autoptr(TamQueueItem) item = NULL;

            if (i < 0 || i >= n)
              continue;
            item = g_list_model_get_item (list, (guint) i);
            if (tam_queue_item_get_id (item) == call->id)
              return i;
          }
      return -1;
    }

  /* The queue order is (call_start, id): step back while the row before
   * comes after the call, forward while the row comes before it. */
  while (pos > 0 && steps++ < TAM_QUEUE_MODEL_BLOCK)
    {
      g_autoptr(TamQueueItem) item = g_list_model_get_item (list, pos - 1);
      const TamCall *row = tam_queue_item_get_call (item);

      if (row == NULL || compare_queue_order (row, call) < 0)
        break;
      pos--;
    }
  while (pos < n && steps++ < 2 * TAM_QUEUE_MODEL_BLOCK)
    {
      g_autoptr(TamQueueItem) item = g_list_model_get_item (list, pos);
      const TamCall *row = tam_queue_item_get_call (item);

      if (row == NULL || compare_queue_order (row, call) > 0)
        break;
      pos++;
    }
  return steps < 2 * TAM_QUEUE_MODEL_BLOCK ? (gint64) pos : -1;
}

/* The writer could not store the verdict: the call goes back in the list
 * as it was, the QCO is brought back to it with their ticks and
 * recommendation, and the banner says why. */
static void
verdict_refused (TamQueuePage  *self,
                 const Verdict *v,
                 const GError  *error)
{
  gboolean shown = tam_queue_model_filter_has_state (self->model, v->state_after);
  gboolean listed = tam_queue_model_filter_has_state (self->model, tam_call_get_state (v->call));
  gint64 position = -1;

  if (shown || listed)
    position = find_row (self, v->call, v->position, shown);
  if (position < 0 && listed && !shown)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), v->call->id, NULL);

  begin_update (self);
  if (position >= 0)
    {
      tam_queue_model_call_changed (self->model, (guint) position, tam_call_copy (v->call),
                                    v->state_after);
      if (listed)
        select_position (self, (guint) position);
    }
  end_update (self);

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
        g_strdup_printf (_("Another desk kept the database busy for too long: the verdict on call %s was not stored. Give it again."),
                         v->call->call_id);
      show_banner (self, msg);
    }
  else
    show_banner (self, error->message);
  if (g_error_matches (error, TAM_ERROR, TAM_ERROR_CONFLICT) &&
      self->current != NULL && self->current->id == v->call->id)
    show_claim_problem (self, error->message);
}

/* The verdict was stored but left the call in another state than the one
 * shown (after_verdict): show it as stored. */
static void
verdict_stored_otherwise (TamQueuePage  *self,
                          const Verdict *v,
                          TamCall       *call)
{
  gboolean shown = tam_queue_model_filter_has_state (self->model, v->state_after);
  gboolean listed = tam_queue_model_filter_has_state (self->model, tam_call_get_state (call));
  gint64 position = -1;

  if (shown || listed)
    position = find_row (self, call, v->position, shown);
  if (position < 0 && listed && !shown)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), call->id, NULL);
  begin_update (self);
  if (position >= 0)
    tam_queue_model_call_changed (self->model, (guint) position, call, v->state_after);
  else
    tam_call_free (call);
  end_update (self);
}

static void
verdict_done (TamQueuePage *self,
              TamWrite     *op)
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
    toast = g_strdup_printf (_("Call %s is valid"), v->call->call_id);
  else
    toast = g_strdup_printf (_("Call %s returned to the agent"), v->call->call_id);
  /* Undo is offered for the latest verdict only (Ctrl+Z's). */
  show_toast (self, toast, last || self->undo_tapping_id == op->out_id);
}

static void
decide (TamQueuePage       *self,
        TamVerdict          verdict,
        const char * const *failed,
        const char         *recommendation)
{
  g_autoptr(GError) error = NULL;
  TamWrite *op;
  Verdict *v;
  guint seq;

  /* Refused at once: nothing to wait for. */
  if (!tam_session_require (self->session, TAM_PERM_TAP, &error))
    {
      show_banner (self, error->message);
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
  op->data = v;
  op->data_free = verdict_free;
  seq = push_write (self, op);
  if (seq != 0)
    after_verdict (self, v, seq);
}

/* A verdict needs a call: say so when none is selected. */
static gboolean
require_call (TamQueuePage *self)
{
  if (self->current != NULL)
    return TRUE;
  show_banner (self, _("No call is selected."));
  return FALSE;
}

static void
valid_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_auto(GStrv) failed = NULL;
  const char *critical = NULL;

  if (!require_call (self))
    return;
  failed = collect_failed (self, &critical);
  if (critical != NULL)
    {
      g_autofree char *msg = g_strdup_printf (_("“%s” is critical and was not met: the call cannot be valid. Return it (R) or tick the parameter again."),
                                              critical);
      show_banner (self, msg);
      return;
    }
  decide (self, TAM_VERDICT_VALID, (const char * const *) failed, NULL);
}

/* The recommendation opens in the footer, under the details: bring the
 * checklist into view, its heading at the top, so the QCO sees what to
 * untick. */
static void
scroll_to_checklist (TamQueuePage *self)
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
    scroll_to_checklist (self);
}

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_auto(GStrv) failed = NULL;

  if (!require_call (self))
    return;
  failed = collect_failed (self, NULL);
  gtk_label_set_text (self->return_hint_label,
                      _("Untick the parameters that were not met: a return needs at least one."));
  gtk_widget_set_visible (GTK_WIDGET (self->return_hint_label), failed[0] == NULL);
  gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
  gtk_widget_action_set_enabled (widget, "queue.cancel-return", TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->recommendation_view));
  scroll_to_checklist (self);
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

static void
confirm_return_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_auto(GStrv) failed = NULL;
  g_autofree char *recommendation = NULL;

  if (!require_call (self))
    return;
  failed = collect_failed (self, NULL);
  recommendation = dup_recommendation (self);
  if (failed[0] == NULL)
    {
      show_banner (self, _("A return needs at least one parameter that was not met: untick it in the checklist."));
      gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->return_hint_label), TRUE);
      return;
    }
  if (recommendation[0] == '\0')
    {
      show_banner (self, _("Write a recommendation for the agent before returning the call."));
      gtk_revealer_set_reveal_child (self->return_revealer, TRUE);
      gtk_widget_action_set_enabled (widget, "queue.cancel-return", TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->recommendation_view));
      return;
    }
  decide (self, TAM_VERDICT_RETURN, (const char * const *) failed, recommendation);
}

static void
cancel_return_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  hide_return (TAM_QUEUE_PAGE (widget));
}

/* What Ctrl+Z was about, for its answer. */
typedef struct
{
  gint64        call_id;
  TamCallState  state;         /* the state the verdict left the call in */
  char         *call_label;
} Undo;

static void
undo_free (gpointer data)
{
  Undo *u = data;

  g_free (u->call_label);
  g_free (u);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  TamWrite *op;
  Undo *u;

  if (self->undo_tapping_id == 0 && self->undo_seq == 0)
    {
      show_banner (self, _("There is no verdict to undo."));
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
  push_write (self, op);
  self->undo_tapping_id = 0;
  self->undo_seq = 0;
}

static void
undo_done (TamQueuePage *self,
           TamWrite     *op)
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
        show_banner (self, op->error->message);
      return;
    }
  toast = g_strdup_printf (_("Verdict on call %s undone"), u->call_label);
  if (op->call == NULL)
    {
      show_toast (self, toast, FALSE);
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
          g_autoptr(TamQueueItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
          if (tam_queue_item_get_id (item) == call->id)
            position = i;
        }
    }
  if (position < 0)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), call->id, NULL);

  begin_update (self);
  if (position >= 0)
    {
      tam_queue_model_call_changed (self->model, (guint) position, call, u->state);
      select_position (self, (guint) position);
    }
  else
    tam_call_free (call);
  end_update (self);

  show_banner (self, NULL);
  show_toast (self, toast, FALSE);
}

/* Moving and listening */

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
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
  select_position (self, pos);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tam_recording_player_toggle (TAM_QUEUE_PAGE (widget)->player);
}

static void
seek_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tam_recording_player_seek_by (TAM_QUEUE_PAGE (widget)->player,
                                g_str_equal (action_name, "queue.seek-back") ? -5 : 5);
}

static void
speed_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  tam_recording_player_change_speed (TAM_QUEUE_PAGE (widget)->player,
                                     g_str_equal (action_name, "queue.faster") ? 1 : -1);
}

static void
focus_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (TAM_QUEUE_PAGE (widget)->from_entry));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = self->current ? self->current->id : 0;
  gint64 position = -1;

  begin_update (self);
  unselect_for_reload (self);
  if (!tam_queue_model_reload (self->model, &error))
    show_banner (self, error->message);
  if (id != 0)
    position = tam_queue_position (self->store, self->session,
                                   tam_queue_model_get_filter (self->model), id, NULL);
  /* Verdicts still on their way are not in the database's order yet. */
  if (position >= 0 && self->current != NULL)
    {
      gint64 row = find_row (self, self->current, (guint) position, TRUE);
      if (row >= 0)
        position = row;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    select_position (self, position >= 0 ? (guint) position : 0);
  end_update (self);
}

/* Re-call (a team leader, on a RETURNED call of their team) */

typedef struct
{
  guint  position;
  char  *call_label;
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
                    const char       *response,
                    TamQueuePage     *self)
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
  push_write (self, op);
}

static void
recall_done (TamQueuePage *self,
             TamWrite     *op)
{
  Recall *r = op->data;
  g_autofree char *toast = NULL;
  gint64 position;

  if (!op->ok)
    {
      show_banner (self, op->error->message);
      return;
    }

  toast = g_strdup_printf (_("Re-call recorded: call %s is back in the queue"), r->call_label);
  if (op->call != NULL && (position = find_row (self, op->call, r->position, TRUE)) >= 0)
    {
      begin_update (self);
      tam_queue_model_call_changed (self->model, (guint) position, g_steal_pointer (&op->call),
                                    TAM_CALL_STATE_RETURNED);
      end_update (self);
    }
  show_toast (self, toast, FALSE);
}

/* The writer's answers, on the main loop, in the order asked. */
static void
write_done_cb (TamWrite *op,
               gpointer  user_data)
{
  TamQueuePage *self = user_data;

  switch (op->kind)
    {
    case TAM_WRITE_CLAIM:
      claim_done (self, op);
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
      recall_done (self, op);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Another desk holds the write lock: say so quietly; the writer waits. */
static void
write_busy_cb (gboolean busy,
               gpointer user_data)
{
  TamQueuePage *self = user_data;

  gtk_widget_set_visible (self->busy_box, busy);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
}

static void
recall_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *recording, *note;

  if (self->current == NULL)
    return;

  heading = g_strdup_printf (_("Re-call of Call %s"), self->current->call_id);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The agent called the customer again. Give the new recording and a note; the call goes back to the queue for a new tapping."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  recording = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (recording), _("New recording file name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (recording),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New recording file name"), -1);
  note = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("Note (optional)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (note),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note on the re-call"), -1);
  gtk_box_append (GTK_BOX (box), recording);
  gtk_box_append (GTK_BOX (box), note);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record Re-call"),
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

/* Import calls */

static void
import_done_cb (GObject  *owner,
                gboolean  stored)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (owner);

  if (stored)
    refresh_action (GTK_WIDGET (self), "queue.refresh", NULL);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(TamQueuePage) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  _tam_queue_page_import (self, path);
}

void
_tam_queue_page_import (TamQueuePage *self,
                        const char   *path)
{
  tam_import_run (self->job_bar, self->store, self->session, TAM_IMPORT_CALLS, path,
                  import_done_cb, G_OBJECT (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  GtkFileChooserNative *chooser;

  if (!tam_session_can (self->session, TAM_PERM_IMPORT_CALLS))
    {
      g_autoptr(GError) error = NULL;
      tam_session_require (self->session, TAM_PERM_IMPORT_CALLS, &error);
      show_banner (self, error->message);
      return;
    }
  chooser = tam_file_chooser_new (widget, _("Import Calls"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                  _("_Import"), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Reports (the core's registry, tam-reports.h): a month, a file, then a
 * job. The Queue tab's menu holds F-18 and W-03. */

typedef enum
{
  REPORT_F18,
  REPORT_W03,
} ReportKind;

static const TamReport *
report_of (ReportKind kind)
{
  return tam_report_find (kind == REPORT_W03 ? "w03" : "f18");
}

typedef struct
{
  ReportKind  kind;
  TamSession *session;
  char       *month;
  char       *path;
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
report_func (TamStore         *store,
             gpointer          data,
             TamProgressFunc   progress,
             gpointer          progress_data,
             GCancellable     *cancellable,
             GError          **error)
{
  ReportJob *job = data;

  return report_of (job->kind)->write (store, job->session, job->month, job->path,
                                       progress, progress_data, cancellable, error);
}

static void
report_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TamQueuePage) self = user_data;
  g_autoptr(GError) error = NULL;
  ReportJob *job = tam_job_get_data (result);
  g_autofree char *toast = NULL;

  if (!tam_job_bar_run_finish (TAM_JOB_BAR (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: %s is a report's form number, "F-18" */
          g_autofree char *cancelled = g_strdup_printf (_("Report %s cancelled"), report_of (job->kind)->form);
          show_toast (self, cancelled, FALSE);
        }
      else
        show_banner (self, error->message);
      return;
    }
  /* Translators: form, month, file: "Report F-18 of 2026-10 written to …" */
  toast = g_strdup_printf (_("Report %s of %s written to %s"), report_of (job->kind)->form, job->month, job->path);
  show_toast (self, toast, FALSE);
}

static void
write_report (TamQueuePage *self,
              ReportKind    kind,
              const char   *month,
              const char   *path)
{
  g_autofree char *title = NULL;
  ReportJob *job = g_new0 (ReportJob, 1);

  job->kind = kind;
  job->session = tam_session_copy (self->session);
  job->month = g_strdup (month);
  job->path = g_strdup (path);
  /* Translators: form, month: "Writing report F-18 of 2026-10…" */
  title = g_strdup_printf (_("Writing report %s of %s…"), report_of (kind)->form, job->month);
  tam_job_bar_run_async (self->job_bar, title, tam_store_get_path (self->store),
                         report_func, job, report_job_free,
                         report_done_cb, g_object_ref (self));
}

static void
report_file_cb (GtkNativeDialog *chooser,
                int              response,
                gpointer         user_data)
{
  g_autoptr(TamQueuePage) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  ReportJob *job;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  job = g_object_steal_data (G_OBJECT (chooser), "job");
  g_object_unref (chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    write_report (self, job->kind, job->month, path);
  report_job_free (job);
}

void
_tam_queue_page_write_report (TamQueuePage *self,
                              const char   *month,
                              const char   *path)
{
  write_report (self, REPORT_F18, month, path);
}

static void
report_month_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 TamQueuePage     *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "month");
  ReportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));
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
      show_banner (self, _("The month must be written as YYYY-MM, e.g. 2026-10."));
      return;
    }

  job = g_new0 (ReportJob, 1);
  job->kind = kind;
  job->session = tam_session_copy (self->session);
  job->month = g_strndup (first_day, 7);
  name = g_strdup_printf ("%s-%s.xlsx", report_of (kind)->form, job->month);
  /* Translators: %s is a report's form number, "F-18" */
  save_title = g_strdup_printf (_("Save Report %s"), report_of (kind)->form);
  chooser = tam_file_chooser_new (GTK_WIDGET (self), save_title,
                                  GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "job", job, report_job_free);
  g_signal_connect (chooser, "response", G_CALLBACK (report_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* queue.report (F-18) and queue.report-w03: ask for the month. */
static void
report_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (widget);
  ReportKind kind = g_str_equal (action_name, "queue.report-w03") ? REPORT_W03 : REPORT_F18;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _(report_of (kind)->title), _(report_of (kind)->description));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), month);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Month (YYYY-MM)"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Month of the report"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "choose", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "month", entry);
  g_object_set_data (G_OBJECT (dialog), "kind", GINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (report_month_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Keys that the list would take for itself (Space selects a row, Left and
 * Right move across) mean play and seek on this page while the list has
 * the focus; Ctrl+Enter confirms a return even from the text field. */
static gboolean
key_capture_cb (TamQueuePage          *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
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

/* The keyboard starts in the list: the first focusable widget is a date
 * field, where J, K, V and R would be typed instead of acting. */
static void
map_cb (TamQueuePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (!self->mapped_once || focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  self->mapped_once = TRUE;
}

static void
job_running_cb (TamQueuePage *self)
{
  gboolean running = tam_job_bar_get_running (self->job_bar);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.import",
                                 !running && tam_session_can (self->session, TAM_PERM_IMPORT_CALLS));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.report",
                                 !running && tam_session_can (self->session, TAM_PERM_EXPORT));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.report-w03",
                                 !running && tam_session_can (self->session, TAM_PERM_EXPORT));
}

static GSettings *
settings_new_guarded (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

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
      g_autofree char *folder = recordings_folder (self);
      g_autofree char *path = tam_recording_player_resolve (folder, self->current->recording);
      tam_recording_player_load (self->player, path);
    }
}

static void
tam_queue_page_dispose (GObject *object)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (object);

  if (self->writer != NULL)
    {
      /* The release is the writer's last job; no answer comes back. */
      release_claim (self);
      tam_queue_writer_close (self->writer);
      g_clear_object (&self->writer);
    }
  g_clear_handle_id (&self->reclaim_source, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_QUEUE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_queue_page_parent_class)->dispose (object);
}

static void
tam_queue_page_finalize (GObject *object)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (object);

  g_clear_pointer (&self->session, tam_session_free);
  g_clear_pointer (&self->current, tam_call_free);
  g_clear_pointer (&self->leader_ids, g_array_unref);
  g_clear_pointer (&self->agent_ids, g_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_free (self->params_service);
  g_free (self->undo_call_label);
  g_free (self->banner_text);
  g_free (self->last_toast);
  G_OBJECT_CLASS (tam_queue_page_parent_class)->finalize (object);
}

static void
tam_queue_page_class_init (TamQueuePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_queue_page_dispose;
  object_class->finalize = tam_queue_page_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-queue-page.ui");

  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, leader_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, agent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, count_pending_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, count_recalled_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, count_returned_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, count_valid_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, count_shown_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, job_box);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, header_box);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, agent_value);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, team_value);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, service_value);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, product_value);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, time_value);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, customer_value);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, claim_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, player_box);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, checklist_box);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, detail_scroller);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, return_revealer);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, return_hint_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, recommendation_view);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, recall_button);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, history_box);
  gtk_widget_class_bind_template_callback (widget_class, banner_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_changed_cb);

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
  gtk_widget_class_install_action (widget_class, "queue.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "queue.focus-filter", NULL, focus_filter_action);
  gtk_widget_class_install_action (widget_class, "queue.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "queue.recall", NULL, recall_action);
  gtk_widget_class_install_action (widget_class, "queue.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "queue.report", NULL, report_action);
  gtk_widget_class_install_action (widget_class, "queue.report-w03", NULL, report_action);

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
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, tam_queue_row_new ());
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  tam_queue_row_set_call (TAM_QUEUE_ROW (gtk_list_item_get_child (item)),
                          tam_queue_item_get_call (gtk_list_item_get_item (item)));
}

static void
tam_queue_page_init (TamQueuePage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *keys;

  g_type_ensure (TAM_TYPE_QUEUE_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->detail_scroller), "changed",
                           G_CALLBACK (detail_page_changed_cb), self, G_CONNECT_SWAPPED);

  self->leader_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->agent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->checks = g_ptr_array_new ();

  self->player = TAM_RECORDING_PLAYER (tam_recording_player_new ());
  gtk_box_append (self->player_box, GTK_WIDGET (self->player));
  self->job_bar = TAM_JOB_BAR (tam_job_bar_new ());
  gtk_box_append (self->job_box, GTK_WIDGET (self->job_bar));
  g_signal_connect_object (self->job_bar, "notify::running",
                           G_CALLBACK (job_running_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_box_append (self->header_box, tam_queue_row_header_new ());

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_capture_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->settings = settings_new_guarded ();
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recordings-folder",
                             G_CALLBACK (folder_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.cancel-return", FALSE);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
tam_queue_page_new (TamStore         *store,
                    const TamSession *session)
{
  TamQueuePage *self;
  gboolean can_tap;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (TAM_TYPE_QUEUE_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  self->writer = tam_queue_writer_new (tam_store_get_path (store), session,
                                       write_done_cb, write_busy_cb, self);

  can_tap = tam_session_can (session, TAM_PERM_TAP);
  gtk_widget_set_visible (self->verdict_box, can_tap);
  job_running_cb (self);

  setup_filters (self);
  self->model = tam_queue_model_new (store, session);
  g_signal_connect_object (self->model, "counts-changed",
                           G_CALLBACK (update_counts), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  apply_filter (self, TRUE);
  return GTK_WIDGET (self);
}

/* For tests */

TamQueueModel *
_tam_queue_page_get_model (TamQueuePage *self)
{
  return self->model;
}

GtkSingleSelection *
_tam_queue_page_get_selection (TamQueuePage *self)
{
  return self->selection;
}

const TamCall *
_tam_queue_page_get_current (TamQueuePage *self)
{
  return self->current;
}

const char *
_tam_queue_page_get_banner (TamQueuePage *self)
{
  return gtk_revealer_get_reveal_child (self->banner_revealer) ? self->banner_text : NULL;
}

const char *
_tam_queue_page_get_last_toast (TamQueuePage *self)
{
  return self->last_toast;
}

TamRecordingPlayer *
_tam_queue_page_get_player (TamQueuePage *self)
{
  return self->player;
}

gboolean
_tam_queue_page_set_parameter_met (TamQueuePage *self,
                                   const char   *code,
                                   gboolean      met)
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

guint
_tam_queue_page_get_n_parameters (TamQueuePage *self)
{
  return self->checks->len;
}

void
_tam_queue_page_set_recommendation (TamQueuePage *self,
                                    const char   *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->recommendation_view), text, -1);
}

gboolean
_tam_queue_page_get_job_running (TamQueuePage *self)
{
  return tam_job_bar_get_running (self->job_bar);
}

void
_tam_queue_page_wait_idle (TamQueuePage *self)
{
  while (self->writer != NULL && tam_queue_writer_get_pending (self->writer) > 0)
    g_main_context_iteration (NULL, TRUE);
}

guint
_tam_queue_page_get_pending_writes (TamQueuePage *self)
{
  return self->writer != NULL ? tam_queue_writer_get_pending (self->writer) : 0;
}

void
_tam_queue_page_set_write_retry_limit (TamQueuePage *self,
                                       guint         milliseconds)
{
  tam_queue_writer_set_retry_limit (self->writer, milliseconds);
}

gboolean
_tam_queue_page_get_busy_shown (TamQueuePage *self)
{
  return gtk_widget_get_visible (self->busy_box);
}

GtkWidget *
_tam_queue_page_get_child (TamQueuePage *self,
                           const char   *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TAM_TYPE_QUEUE_PAGE, name));
}
