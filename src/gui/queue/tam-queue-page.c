/* tam-queue-page.c: the Queue tab, where a QCO taps AGREE calls all day.
 *
 * The list is a GtkListView over a TamQueueModel (rows paged from SQLite,
 * filtered and sorted in SQL) with a row header above it; the detail pane
 * beside it shows the selected call, plays its recording and holds the
 * assessment checklist. Every write goes to the page's TamQueueWriter,
 * off the main loop, and the list moves on without waiting for it.
 *
 * This file holds the type (the struct is in tam-queue-page-private.h),
 * the template, the banner and toasts, and the filter bar; the list, the
 * detail pane, the actions and keys and the re-call dialog are in
 * tam-queue-page-*.c. The Reports menu opens the report dialog
 * (src/gui/reports/). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-job.h"
#include "tam-kpi.h"
#include "tam-people.h"
#include "tam-queue-model.h"
#include "tam-queue-page-private.h"
#include "tam-queue-page.h"
#include "tam-queue-writer.h"
#include "tam-recording-player.h"
#include "tam-tapping.h"

G_DEFINE_FINAL_TYPE (TamQueuePage, tam_queue_page, GTK_TYPE_WIDGET)

/* Messages */

void
_tam_queue_page_show_banner (TamQueuePage *self,
                             const char *message)
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
  _tam_queue_page_show_banner (self, NULL);
}

static void
toast_dismissed_cb (TamQueuePage *self,
                    AdwToast *toast)
{
  self->toasts_alive--;
  if (self->toast == toast)
    g_clear_object (&self->toast);
}

void
_tam_queue_page_show_toast (TamQueuePage *self,
                            const char *title,
                            gboolean with_undo)
{
  _tam_queue_page_show_toast_full (self, title, with_undo ? "queue.undo" : NULL);
}

void
_tam_queue_page_show_toast_full (TamQueuePage *self,
                                 const char *title,
                                 const char *undo_action)
{
  AdwToast *toast;

  g_assert (TAM_IS_QUEUE_PAGE (self));

  g_free (self->last_toast);
  self->last_toast = g_strdup (title);

  /* Verdicts come fast: the toast showing says what was just done, now.
   * A second toast would put the first back in the overlay's queue, where
   * it came back later (an old "Call … is valid [Undo]" after an undo,
   * issue 12); dismissing it while it slides out crashes libadwaita 1.2.
   * So there is one toast, its text replaced. */
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, title);
      adw_toast_set_button_label (self->toast, undo_action != NULL ? _ ("_Undo") : NULL);
      adw_toast_set_action_name (self->toast, undo_action);
      return;
    }
  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _ ("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
    }
  self->toast = g_object_ref (toast);
  self->toasts_alive++;
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

guint
_tam_queue_page_get_toasts_alive (TamQueuePage *self)
{
  return self->toasts_alive;
}

void
_tam_queue_page_update_today (TamQueuePage *self)
{
  int valid = 0, returned = 0, target;
  g_autofree char *text = NULL;
  g_autofree char *tip = NULL;

  if (!tam_session_can (self->session, TAM_PERM_TAP) ||
      !tam_tapping_count_today (self->store, self->session, &valid, &returned, NULL))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->today_label), FALSE);
      return;
    }
  target = self->settings != NULL ? g_settings_get_int (self->settings, "daily-target") : 0;
  if (target > 0)
    /* Translators: the QCO's tappings today against the daily target: "Today: 37 / 150" */
    text = g_strdup_printf (_ ("Today: %d / %d"), valid + returned, target);
  else
    /* Translators: the QCO's tappings today, no target set */
    text = g_strdup_printf (_ ("Today: %d"), valid + returned);
  /* Translators: the split of today's tappings */
  tip = g_strdup_printf (_ ("My tappings today: %d valid, %d returned"), valid, returned);
  gtk_label_set_text (self->today_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->today_label), tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->today_label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->today_label), TRUE);
}

/* Queues @op (taken) for the writer; its number, or 0 once the page is
 * disposed (a dialog may still answer then). */
guint
_tam_queue_page_push_write (TamQueuePage *self,
                            TamWrite *op)
{
  g_assert (TAM_IS_QUEUE_PAGE (self));

  if (self->writer == NULL)
    {
      tam_write_free (op);
      return 0;
    }
  return tam_queue_writer_push (self->writer, op);
}

/* Filters */

static gboolean
check_date (GtkEntry *entry,
            char **out)
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
  g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
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

static void
apply_filter (TamQueuePage *self,
              gboolean force)
{
  g_autoptr (TamQueueFilter) filter = build_filter (self);
  g_autoptr (GError) error = NULL;

  if (filter == NULL)
    return; /* a date being typed */
  if (!force && tam_queue_filter_equal (filter, tam_queue_model_get_filter (self->model)))
    return;

  _tam_queue_page_begin_update (self);
  _tam_queue_page_unselect_for_reload (self);
  if (!tam_queue_model_set_filter (self->model, filter, &error))
    _tam_queue_page_show_banner (self, error->message);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    _tam_queue_page_select_position (self, 0);
  _tam_queue_page_end_update (self);
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
  g_autoptr (GtkStringList) sites = NULL;
  g_autoptr (GtkStringList) services = NULL;
  g_autoptr (GtkStringList) leaders = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) agents = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GError) error = NULL;
  gint64 any = 0;
  GtkDropDown *dropdowns[5];

  sites = tam_code_string_list_new (tam_sites (), tam_site_label, _ ("All sites"));
  services = tam_code_string_list_new (tam_services (), tam_service_label, _ ("All services"));

  gtk_string_list_append (leaders, _ ("All team leaders"));
  g_array_append_val (self->leader_ids, any);
  gtk_string_list_append (agents, _ ("All agents"));
  g_array_append_val (self->agent_ids, any);
  people = tam_people_list (self->store, &error);
  if (people == NULL)
    _tam_queue_page_show_banner (self, error->message);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      TamPerson *p = g_ptr_array_index (people, i);
      g_autofree char *text = _tam_queue_page_person_text (p->name, p->nik);

      if (tam_role_from_code (p->role) == TAM_ROLE_TEAM_LEADER)
        {
          gtk_string_list_append (leaders, text);
          g_array_append_val (self->leader_ids, p->id);
        }
      else if (tam_role_from_code (p->role) == TAM_ROLE_AGENT)
        {
          gtk_string_list_append (agents, text);
          g_array_append_val (self->agent_ids, p->id);
        }
    }

  gtk_string_list_append (states, _ ("Waiting"));
  for (TamCallState s = TAM_CALL_STATE_PENDING; s <= TAM_CALL_STATE_VALID; s++)
    gtk_string_list_append (states, tam_call_state_to_label (s));

  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (sites));
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  gtk_drop_down_set_model (self->leader_dropdown, G_LIST_MODEL (leaders));
  gtk_drop_down_set_model (self->agent_dropdown, G_LIST_MODEL (agents));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));

  /* A team leader lands on their team's returns (the core keeps them to
   * their team), oldest first, with the days since each was returned. */
  if (tam_role_from_code (self->session->role) == TAM_ROLE_TEAM_LEADER)
    gtk_drop_down_set_selected (self->state_dropdown, TAM_CALL_STATE_RETURNED);

  dropdowns[0] = self->site_dropdown;
  dropdowns[1] = self->service_dropdown;
  dropdowns[2] = self->leader_dropdown;
  dropdowns[3] = self->agent_dropdown;
  dropdowns[4] = self->state_dropdown;
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    {
      tam_drop_down_search_strings (dropdowns[i]);
      g_signal_connect_object (dropdowns[i], "notify::selected",
                               G_CALLBACK (dropdown_changed_cb), self, G_CONNECT_SWAPPED);
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
  /* The report dialog runs its reports itself, beside an import. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "queue.report",
                                 tam_session_can (self->session, TAM_PERM_EXPORT));
}

static void
tam_queue_page_dispose (GObject *object)
{
  TamQueuePage *self = TAM_QUEUE_PAGE (object);

  if (self->writer != NULL)
    {
      /* The release is the writer's last job; no answer comes back. */
      _tam_queue_page_release_claim (self);
      tam_queue_writer_close (self->writer);
      g_clear_object (&self->writer);
    }
  g_clear_handle_id (&self->reclaim_source, g_source_remove);
  g_clear_handle_id (&self->folded_idle, g_source_remove);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_QUEUE_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->toast);
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
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, header_scroller);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, today_label);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, TamQueuePage, leaflet);
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

  _tam_queue_page_class_actions_init (widget_class);
}

static void
tam_queue_page_init (TamQueuePage *self)
{
  g_type_ensure (TAM_TYPE_QUEUE_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->leader_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->agent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  _tam_queue_page_detail_init (self);
  self->job_bar = TAM_JOB_BAR (tam_job_bar_new ());
  gtk_box_append (self->job_box, GTK_WIDGET (self->job_bar));
  g_signal_connect_object (self->job_bar, "notify::running",
                           G_CALLBACK (job_running_cb), self, G_CONNECT_SWAPPED);
  _tam_queue_page_list_init (self);
  _tam_queue_page_actions_init (self);

  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
tam_queue_page_new (TamStore *store,
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
                                       _tam_queue_page_write_done_cb, write_busy_cb, self);

  can_tap = tam_session_can (session, TAM_PERM_TAP);
  gtk_widget_set_visible (self->verdict_box, can_tap);
  job_running_cb (self);

  setup_filters (self);
  _tam_queue_page_list_create_model (self);
  _tam_queue_page_update_today (self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::daily-target",
                             G_CALLBACK (_tam_queue_page_update_today), self, G_CONNECT_SWAPPED);

  apply_filter (self, TRUE);
  return GTK_WIDGET (self);
}

gboolean
tam_queue_page_show_agent_month (TamQueuePage *self,
                                 const char *nik,
                                 const char *month,
                                 TamCallState state)
{
  g_autoptr (TamPerson) person = NULL;
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *last = NULL;
  guint agent = GTK_INVALID_LIST_POSITION;

  g_return_val_if_fail (TAM_IS_QUEUE_PAGE (self), FALSE);

  if (nik == NULL || !tam_kpi_month_bounds (month, &first, &next, NULL) ||
      (person = tam_people_find_nik (self->store, nik, NULL)) == NULL)
    return FALSE;
  for (guint i = 1; i < self->agent_ids->len; i++)
    if (g_array_index (self->agent_ids, gint64, i) == person->id)
      agent = i;
  if (agent == GTK_INVALID_LIST_POSITION)
    return FALSE;
  /* The month's last day: the day before the next month's first. */
  {
    g_autoptr (GDate) d = g_date_new ();
    char buf[11];

    g_date_set_dmy (d, (GDateDay) atoi (next + 8), (GDateMonth) atoi (next + 5), (GDateYear) atoi (next));
    g_date_subtract_days (d, 1);
    g_date_strftime (buf, sizeof buf, "%Y-%m-%d", d);
    last = g_strdup (buf);
  }
  /* One filter change, not one per field. */
  g_signal_handlers_block_by_func (self->from_entry, date_changed_cb, self);
  g_signal_handlers_block_by_func (self->to_entry, date_changed_cb, self);
  g_signal_handlers_block_by_func (self->site_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_block_by_func (self->service_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_block_by_func (self->leader_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_block_by_func (self->agent_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_block_by_func (self->state_dropdown, dropdown_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), first);
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), last);
  gtk_drop_down_set_selected (self->site_dropdown, 0);
  gtk_drop_down_set_selected (self->service_dropdown, 0);
  gtk_drop_down_set_selected (self->leader_dropdown, 0);
  gtk_drop_down_set_selected (self->agent_dropdown, agent);
  gtk_drop_down_set_selected (self->state_dropdown, (guint) state);
  g_signal_handlers_unblock_by_func (self->from_entry, date_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->to_entry, date_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->site_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->service_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->leader_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->agent_dropdown, dropdown_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->state_dropdown, dropdown_changed_cb, self);
  apply_filter (self, FALSE);
  return TRUE;
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
                                       guint milliseconds)
{
  tam_queue_writer_set_retry_limit (self->writer, milliseconds);
}

gboolean
_tam_queue_page_get_busy_shown (TamQueuePage *self)
{
  return gtk_widget_get_visible (self->busy_box);
}
