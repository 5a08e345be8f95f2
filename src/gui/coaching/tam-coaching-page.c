/* tam-coaching-page.c: the Coaching tab (IK Pembinaan, issue 9).
 *
 * The list is read in a GTask worker on a store of its own (the page
 * never waits for the database on the main loop): the filters become a
 * TamCoachingFilter, the category is applied in the worker from the
 * catalog, and the inbox count (open proposals in the session's scope)
 * comes back with it for the sidebar's title, "Coaching (12)" (GTK 4.8's
 * GtkStackSidebar shows no badge of its own). A person's ladder is read
 * the same way when the selection moves to another person. Decisions go
 * through tam_save_async () (tam-save.h): a worker with its own store,
 * retried while another desk holds the lock; the list is read again
 * after each. */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "tam-cell.h"
#include "tam-coaching-dialogs.h"
#include "tam-coaching-object.h"
#include "tam-coaching-page.h"
#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-ladder-view.h"
#include "tam-letter.h"
#include "tam-people.h"
#include "tam-save.h"
#include "tam-slot-model.h"

#define N_MONTHS 24

struct _TamCoachingPage
{
  GtkWidget parent_instance;

  TamStore *store;
  TamSession *session;
  char *today;
  const TamCatalog *catalog; /* NULL when it failed to load */

  GPtrArray *categories; /* codes, per drop-down position after "All" */
  GPtrArray *months;     /* YYYY-MM, per drop-down position after "All" */
  GArray *team_ids;      /* gint64, per drop-down position */
  gboolean teams_filled;
  gboolean updating;

  GListStore *records;
  GtkSortListModel *sort_model;
  TamSlotModel *slots;
  GtkSingleSelection *selection;

  guint generation; /* of the list load in flight */
  gboolean loading;
  guint writing; /* decisions in the worker */
  gint64 open_count;
  gint64 keep_id; /* select it after the next load */
  guint keep_position;

  gboolean entering; /* focus came into the page in this main loop turn */
  guint ladder_generation;
  char *ladder_nik;

  /* Template children. */
  GtkBox *filter_box;
  GtkFlowBox *filter_flow;
  GtkDropDown *state_dropdown;
  GtkDropDown *site_dropdown;
  GtkDropDown *team_dropdown;
  GtkDropDown *level_dropdown;
  GtkDropDown *category_dropdown;
  GtkDropDown *month_dropdown;
  GtkLabel *count_label;
  GtkMenuButton *menu_button;
  GtkPaned *paned;
  GtkStack *list_stack;
  AdwStatusPage *empty_page;
  GtkSpinner *spinner;
  GtkColumnView *records_view;
  GtkColumnViewColumn *person_column;
  GtkColumnViewColumn *rule_column;
  GtkColumnViewColumn *level_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *occurred_column;
  GtkColumnViewColumn *valid_column;
  GtkBox *detail_box;
  GtkLabel *person_label;
  GtkLabel *rule_label;
  GtkLabel *summary_label;
  GtkLabel *notes_label;
  GtkLabel *record_label;
  GtkLabel *ladder_heading;
  GtkBox *ladder_box;
  TamLadderView *ladder_view; /* made in code: builder-tool knows no Tam types */
  GtkLabel *standing_label;
  GtkButton *issue_button;
  GtkButton *dismiss_button;
  GtkButton *ack_button;
  GtkButton *confirm_button;
  GtkButton *record_button;
  GtkButton *print_button;
  GtkButton *export_button;
};

G_DEFINE_FINAL_TYPE (TamCoachingPage, tam_coaching_page, GTK_TYPE_WIDGET)

/* ---- the selection ---------------------------------------------------- */

static const TamCoachingRecord *
selected_record (TamCoachingPage *self)
{
  TamSlot *slot = gtk_single_selection_get_selected_item (self->selection);
  TamCoachingObject *obj = slot ? tam_slot_get_item (slot) : NULL;
  return obj ? tam_coaching_object_get_record (obj) : NULL;
}

gint64
tam_coaching_page_get_selected_id (TamCoachingPage *self)
{
  const TamCoachingRecord *r;

  g_return_val_if_fail (TAM_IS_COACHING_PAGE (self), 0);
  r = selected_record (self);
  return r ? r->id : 0;
}

gboolean
tam_coaching_page_select_id (TamCoachingPage *self,
                             gint64 id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  g_return_val_if_fail (TAM_IS_COACHING_PAGE (self), FALSE);
  for (guint i = 0; i < n; i++)
    {
      TamCoachingObject *obj = tam_slot_model_peek (self->slots, i);

      if (obj != NULL && tam_coaching_object_get_record (obj)->id == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
tam_coaching_page_is_busy (TamCoachingPage *self)
{
  g_return_val_if_fail (TAM_IS_COACHING_PAGE (self), FALSE);
  return self->loading || self->writing > 0;
}

gint64
tam_coaching_page_get_open_count (TamCoachingPage *self)
{
  g_return_val_if_fail (TAM_IS_COACHING_PAGE (self), -1);
  return self->open_count;
}

static gboolean
is_role (TamCoachingPage *self,
         TamRole role)
{
  return tam_role_from_code (self->session->role) == role;
}

static gboolean
is_own (TamCoachingPage *self,
        const TamCoachingRecord *r)
{
  return g_strcmp0 (r->nik, self->session->nik) == 0;
}

static void
update_actions (TamCoachingPage *self)
{
  const TamCoachingRecord *r = selected_record (self);
  gboolean issuer = tam_session_can (self->session, TAM_PERM_ISSUE_COACHING);
  gboolean proposed = r != NULL && r->state == TAM_COACHING_STATE_PROPOSED && !is_own (self, r);
  gboolean issued = r != NULL && r->state == TAM_COACHING_STATE_ISSUED;
  gboolean receipt = issued && r->acknowledged_on == NULL && !r->refused &&
                     (issuer || is_role (self, TAM_ROLE_TEAM_LEADER));
  gboolean confirm = issued && is_role (self, TAM_ROLE_MANAGER) && r->confirmed_on == NULL &&
                     self->catalog != NULL && r->level == self->catalog->settings.return_level;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "coaching.issue", issuer && proposed);
  gtk_widget_action_set_enabled (widget, "coaching.dismiss", issuer && proposed);
  gtk_widget_action_set_enabled (widget, "coaching.acknowledge", receipt);
  gtk_widget_action_set_enabled (widget, "coaching.confirm", confirm);
  gtk_widget_action_set_enabled (widget, "coaching.print", issued);
  gtk_widget_action_set_enabled (widget, "coaching.export", issued);
  gtk_widget_action_set_enabled (widget, "coaching.record",
                                 self->catalog != NULL &&
                                     tam_session_can (self->session, TAM_PERM_PROPOSE_COACHING));
  gtk_widget_action_set_enabled (widget, "coaching.catalog",
                                 self->catalog != NULL && (is_role (self, TAM_ROLE_SUPERVISOR_QUALITY) ||
                                                           is_role (self, TAM_ROLE_MANAGER)));
}

/* ---- the detail pane -------------------------------------------------- */

static void
append_line (GString *text,
             const char *line)
{
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, line);
}

static void
update_detail (TamCoachingPage *self)
{
  const TamCoachingRecord *r = selected_record (self);
  const TamCoachingRule *rule = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *person = NULL;
  g_autofree char *line = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->detail_box), r != NULL);
  if (r == NULL)
    return;
  if (self->catalog != NULL)
    rule = tam_catalog_find (self->catalog, r->rule_code);

  /* Translators: the person of a record: "Name · NIK · Site · team of TL name" */
  person = g_strdup_printf (_ ("%s · %s · %s · team of %s"), r->name, r->nik, tam_site_label (r->site),
                            r->team_leader_name ? r->team_leader_name : "—");
  gtk_label_set_text (self->person_label, person);
  line = g_strdup_printf ("%s · %s", r->rule_code, rule ? rule->text : "");
  gtk_label_set_text (self->rule_label, line);
  /* What it is in English, and what a repeat brings (the IK's words). */
  if (rule != NULL)
    {
      /* In Indonesian the summary is the IK's own text: not twice. */
      const char *english = tam_coaching_rule_summary (rule);
      gboolean same = g_strcmp0 (english, rule->text) == 0;
      g_autofree char *summary = g_strdup_printf ("%s%s%s", same ? "" : english,
                                                  !same && *rule->escalation ? "\n" : "", rule->escalation);
      gtk_label_set_text (self->summary_label, summary);
    }
  else
    gtk_label_set_text (self->summary_label, "");
  /* The rule's notes and exemptions, where it is applied: the evidence a
   * late agent must bring, urgent sickness. */
  if (rule != NULL && *rule->notes != '\0')
    {
      g_autofree char *notes = g_strdup_printf (_ ("Notes and exemptions: %s"), rule->notes);
      gtk_label_set_text (self->notes_label, notes);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), rule != NULL && *rule->notes != '\0');

  g_clear_pointer (&line, g_free);
  line = g_strdup_printf (_ ("%s · %s · occurred on %s"), tam_coaching_level_to_label (r->level),
                          tam_coaching_state_to_label (r->state), r->occurred_on);
  append_line (text, line);
  if (r->conditional && r->state == TAM_COACHING_STATE_PROPOSED)
    append_line (text, _ ("Conditional: the supervisor decides whether it applies."));
  if (r->previous_level >= 0)
    {
      g_autofree char *s = g_strdup_printf (_ ("Previous valid level: %s"),
                                            tam_coaching_level_to_label (r->previous_level));
      append_line (text, s);
    }
  {
    g_autofree char *s = r->proposed_by_name ? g_strdup_printf (_ ("Recorded by %s"), r->proposed_by_name)
                                             : g_strdup (_ ("Proposed by the desk"));
    append_line (text, s);
  }
  if (r->note != NULL && *r->note != '\0')
    {
      g_autofree char *s = g_strdup_printf (_ ("Note: %s"), r->note);
      append_line (text, s);
    }
  if (r->call_id != NULL)
    {
      g_autofree char *s = g_strdup_printf (_ ("Call: %s"), r->call_id);
      append_line (text, s);
    }
  if (r->state == TAM_COACHING_STATE_ISSUED)
    {
      g_autofree char *s = g_strdup_printf (_ ("Issued on %s by %s, valid until %s"), r->issued_on,
                                            r->decided_by_name ? r->decided_by_name : "—", r->valid_until);
      append_line (text, s);
      if (r->acknowledged_on != NULL && !r->refused)
        {
          g_autofree char *a = g_strdup_printf (_ ("Acknowledged on %s"), r->acknowledged_on);
          append_line (text, a);
        }
      else if (r->refused)
        {
          g_autofree char *a = g_strdup_printf (_ ("Refused to sign on %s; witness %s"),
                                                r->acknowledged_on ? r->acknowledged_on : "—",
                                                r->witness_name ? r->witness_name : r->witness_nik);
          append_line (text, a);
        }
      else
        append_line (text, _ ("Not acknowledged yet"));
      if (r->confirmed_on != NULL)
        {
          g_autofree char *c = g_strdup_printf (_ ("Return to the vendor confirmed on %s"), r->confirmed_on);
          append_line (text, c);
        }
    }
  if (r->state == TAM_COACHING_STATE_DISMISSED)
    {
      g_autofree char *s = g_strdup_printf (_ ("Dismissed by %s: %s"), r->decided_by_name ? r->decided_by_name : "—",
                                            r->dismiss_reason ? r->dismiss_reason : "");
      append_line (text, s);
    }
  gtk_label_set_text (self->record_label, text->str);
}

/* ---- a person's ladder, read in a worker ------------------------------- */

typedef struct
{
  char *db_path;
  TamSession *session;
  char *nik;
  guint generation;
  GPtrArray *records;
} LadderJob;

static void
ladder_job_free (LadderJob *job)
{
  g_free (job->db_path);
  tam_session_free (job->session);
  g_free (job->nik);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_free (job);
}

static void
ladder_thread (GTask *task,
               gpointer source,
               gpointer task_data,
               GCancellable *cancellable)
{
  LadderJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (job->db_path, &error);
  TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;

  if (store != NULL)
    {
      filter.nik = job->nik;
      job->records = tam_coaching_list (store, job->session, &filter, &error);
    }
  if (job->records == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
ladder_done_cb (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (source);
  LadderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("Cannot read the ladder of %s: %s", job->nik, error->message);
      return;
    }
  if (job->generation != self->ladder_generation)
    return;
  tam_ladder_view_set_records (self->ladder_view, job->records, self->today);
  gtk_label_set_text (self->standing_label, tam_ladder_view_get_summary (self->ladder_view));
}

static void
load_ladder (TamCoachingPage *self)
{
  const TamCoachingRecord *r = selected_record (self);
  g_autoptr (GTask) task = NULL;
  LadderJob *job;

  if (r == NULL || g_strcmp0 (r->nik, self->ladder_nik) == 0)
    return;
  g_free (self->ladder_nik);
  self->ladder_nik = g_strdup (r->nik);
  job = g_new0 (LadderJob, 1);
  job->db_path = g_strdup (tam_store_get_path (self->store));
  job->session = tam_session_copy (self->session);
  job->nik = g_strdup (r->nik);
  job->generation = ++self->ladder_generation;
  task = g_task_new (self, NULL, ladder_done_cb, NULL);
  g_task_set_source_tag (task, load_ladder);
  g_task_set_task_data (task, job, (GDestroyNotify) ladder_job_free);
  g_task_run_in_thread (task, ladder_thread);
}

static void
selection_changed_cb (TamCoachingPage *self)
{
  update_detail (self);
  update_actions (self);
  load_ladder (self);
}

/* ---- the list, read in a worker ---------------------------------------- */

typedef struct
{
  char *db_path;
  TamSession *session;
  int state;
  char *site;
  gint64 team_leader_id;
  int level;
  char *category;
  char *service; /* a supervisor (operational): their service only */
  char *from;
  char *until;
  gboolean want_teams;
  guint generation;
  /* Results. */
  GPtrArray *records;
  GPtrArray *team_leaders; /* TamPerson, or NULL */
  gint64 open_count;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->db_path);
  tam_session_free (job->session);
  g_free (job->site);
  g_free (job->category);
  g_free (job->service);
  g_free (job->from);
  g_free (job->until);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_clear_pointer (&job->team_leaders, g_ptr_array_unref);
  g_free (job);
}

static void
load_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (job->db_path, &error);
  TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  filter.state = job->state;
  filter.site = job->site;
  filter.team_leader_id = job->team_leader_id;
  filter.level = job->level;
  filter.from = job->from;
  filter.until = job->until;
  job->records = tam_coaching_list (store, job->session, &filter, &error);
  if (job->records != NULL && (job->category != NULL || job->service != NULL))
    {
      const TamCatalog *catalog = tam_catalog_get_default (NULL);
      GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_coaching_record_free);

      for (guint i = 0; i < job->records->len; i++)
        {
          TamCoachingRecord *r = g_ptr_array_index (job->records, i);
          const TamCoachingRule *rule = catalog ? tam_catalog_find (catalog, r->rule_code) : NULL;

          if (job->category != NULL && (rule == NULL || g_strcmp0 (rule->category, job->category) != 0))
            continue;
          if (job->service != NULL && g_strcmp0 (r->service, job->service) != 0)
            continue;
          g_ptr_array_add (kept, g_steal_pointer (&job->records->pdata[i]));
        }
      g_ptr_array_unref (job->records);
      job->records = kept;
    }
  if (job->records != NULL)
    job->open_count = tam_coaching_count_open (store, job->session, &error);
  if (job->records != NULL && job->open_count >= 0 && job->want_teams)
    {
      g_autoptr (GPtrArray) people = tam_people_list (store, &error);

      if (people != NULL)
        {
          job->team_leaders = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_person_free);
          for (guint i = 0; i < people->len; i++)
            {
              TamPerson *p = g_ptr_array_index (people, i);

              if (tam_role_from_code (p->role) == TAM_ROLE_TEAM_LEADER)
                g_ptr_array_add (job->team_leaders, g_steal_pointer (&people->pdata[i]));
            }
        }
    }
  if (job->records == NULL || job->open_count < 0 || (job->want_teams && job->team_leaders == NULL))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
fill_teams (TamCoachingPage *self,
            GPtrArray *team_leaders)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  gint64 zero = 0;

  g_array_set_size (self->team_ids, 0);
  g_array_append_val (self->team_ids, zero);
  gtk_string_list_append (list, _ ("All teams"));
  for (guint i = 0; i < team_leaders->len; i++)
    {
      const TamPerson *p = g_ptr_array_index (team_leaders, i);
      g_autofree char *label = g_strdup_printf (_ ("Team %s (%s)"), p->name, p->nik);

      gtk_string_list_append (list, label);
      g_array_append_val (self->team_ids, p->id);
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->team_dropdown, 0);
  self->updating = FALSE;
  self->teams_filled = TRUE;
}

/* The sidebar shows the page's title: the inbox count goes there. */
static void
update_badge (TamCoachingPage *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  g_autofree char *title = NULL;
  GtkStackPage *page;

  if (!GTK_IS_STACK (parent))
    return;
  page = gtk_stack_get_page (GTK_STACK (parent), GTK_WIDGET (self));
  if (self->open_count > 0)
    /* Translators: the Coaching tab in the sidebar with its open proposals: "Coaching (12)" */
    title = g_strdup_printf (_ ("Coaching (%u)"), (guint) self->open_count);
  else
    title = g_strdup (_ ("Coaching"));
  gtk_stack_page_set_title (page, title);
  gtk_stack_page_set_needs_attention (page, self->open_count > 0);
}

static void
update_count (TamCoachingPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  g_autofree char *text = NULL;

  /* Translators: "12 records · 5 proposals open" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record · %u open", "%u records · %u open", n), n,
                          (guint) MAX (self->open_count, 0));
  gtk_label_set_text (self->count_label, text);
}

static void show_position (TamCoachingPage *self,
                           guint position);

static void
load_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree gpointer *items = NULL;
  guint n, position = GTK_INVALID_LIST_POSITION;

  if (job->generation != self->generation)
    return; /* a newer load is on its way */
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      tam_show_message (GTK_WIDGET (self), _ ("Cannot read the coaching records"), error->message);
      update_actions (self);
      return;
    }
  if (job->team_leaders != NULL)
    fill_teams (self, job->team_leaders);
  self->open_count = job->open_count;

  n = job->records->len;
  items = g_new (gpointer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      items[i] = tam_coaching_object_new (g_ptr_array_index (job->records, i));
      job->records->pdata[i] = NULL;
    }
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)), items, n);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);

  /* The same record again, or the one that took its place (the next
   * proposal once one is decided). */
  if (self->keep_id == 0 || !tam_coaching_page_select_id (self, self->keep_id))
    {
      if (n > 0)
        position = MIN (self->keep_position, n - 1);
      gtk_single_selection_set_selected (self->selection, position);
    }
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  show_position (self, gtk_single_selection_get_selected (self->selection));
  update_badge (self);
  update_count (self);
  selection_changed_cb (self);
}

static const char *
dropdown_code (GtkDropDown *dropdown,
               GPtrArray *codes)
{
  guint pos = gtk_drop_down_get_selected (dropdown);
  return pos > 0 && pos - 1 < codes->len ? g_ptr_array_index (codes, pos - 1) : NULL;
}

void
tam_coaching_page_reload (TamCoachingPage *self)
{
  g_autoptr (GTask) task = NULL;
  LoadJob *job;
  guint pos;
  const char *month;

  g_return_if_fail (TAM_IS_COACHING_PAGE (self));

  self->keep_id = tam_coaching_page_get_selected_id (self);
  self->keep_position = gtk_single_selection_get_selected (self->selection);
  if (self->keep_position == GTK_INVALID_LIST_POSITION)
    self->keep_position = 0;

  job = g_new0 (LoadJob, 1);
  job->db_path = g_strdup (tam_store_get_path (self->store));
  job->session = tam_session_copy (self->session);
  pos = gtk_drop_down_get_selected (self->state_dropdown);
  job->state = pos > 0 && pos != GTK_INVALID_LIST_POSITION ? (int) pos - 1 : -1;
  pos = gtk_drop_down_get_selected (self->level_dropdown);
  job->level = pos > 0 && pos != GTK_INVALID_LIST_POSITION ? (int) pos - 1 : -1;
  job->site = g_strdup (tam_code_at (tam_sites (), gtk_drop_down_get_selected (self->site_dropdown), TRUE));
  pos = gtk_drop_down_get_selected (self->team_dropdown);
  job->team_leader_id = pos < self->team_ids->len ? g_array_index (self->team_ids, gint64, pos) : 0;
  job->category = g_strdup (dropdown_code (self->category_dropdown, self->categories));
  month = dropdown_code (self->month_dropdown, self->months);
  if (month != NULL)
    {
      job->from = g_strdup_printf ("%s-01", month);
      job->until = g_strdup_printf ("%s-31", month);
    }
  /* A supervisor (operational) decides for their site and service: the
   * list is theirs, as the inbox count is. */
  if (is_role (self, TAM_ROLE_SUPERVISOR_OPS) && self->session->service != NULL)
    job->service = g_strdup (self->session->service);
  job->want_teams = !self->teams_filled;
  job->generation = ++self->generation;
  self->loading = TRUE;
  /* Only a first load (an empty list) shows the spinner: a reload keeps
   * the rows until the new ones come. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->records)) == 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
      gtk_spinner_start (self->spinner);
    }

  task = g_task_new (self, NULL, load_done_cb, NULL);
  g_task_set_source_tag (task, tam_coaching_page_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

static void
filter_changed_cb (TamCoachingPage *self)
{
  if (self->updating)
    return;
  /* Another list: start at its top. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  tam_coaching_page_reload (self);
}

/* ---- decisions, through the save worker -------------------------------- */

typedef enum
{
  OP_ISSUE,
  OP_DISMISS,
  OP_ACKNOWLEDGE,
  OP_REFUSE,
  OP_CONFIRM,
  OP_RECORD,
  OP_EXPORT,
} Op;

typedef struct
{
  TamSession *session;
  Op op;
  gint64 id;
  char *a, *b, *c, *d;
} Write;

static void
write_free (Write *w)
{
  tam_session_free (w->session);
  g_free (w->a);
  g_free (w->b);
  g_free (w->c);
  g_free (w->d);
  g_free (w);
}

static gboolean
write_func (TamStore *store,
            gpointer data,
            GError **error)
{
  Write *w = data;

  switch (w->op)
    {
    case OP_ISSUE:
      return tam_coaching_issue (store, w->session, w->id, NULL, error);
    case OP_DISMISS:
      return tam_coaching_dismiss (store, w->session, w->id, w->a, error);
    case OP_ACKNOWLEDGE:
      return tam_coaching_acknowledge (store, w->session, w->id, w->a, error);
    case OP_REFUSE:
      return tam_coaching_refuse (store, w->session, w->id, w->b, w->a, error);
    case OP_CONFIRM:
      return tam_coaching_confirm (store, w->session, w->id, NULL, error);
    case OP_RECORD:
      return tam_coaching_record (store, w->session, w->a, w->b, w->c, w->d, NULL, error) != 0;
    case OP_EXPORT:
      {
        g_autoptr (TamLetter) letter = tam_letter_new (store, w->session, w->id, error);
        return letter != NULL && tam_letter_write_pdf (letter, w->a, error);
      }
    }
  g_assert_not_reached ();
}

static void
write_busy_cb (gpointer user_data)
{
  TamCoachingPage *self = user_data;

  gtk_label_set_text (self->count_label, _ ("Waiting for another desk…"));
}

static void
write_done_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  TamCoachingPage *self = user_data;
  Write *w = tam_save_get_data (result);
  g_autoptr (GError) error = NULL;
  static const char *const headings[] = {
    N_ ("Cannot issue the record"),
    N_ ("Cannot dismiss the proposal"),
    N_ ("Cannot record the receipt"),
    N_ ("Cannot record the refusal"),
    N_ ("Cannot confirm the return"),
    N_ ("Cannot record the nonconformity"),
    N_ ("Cannot write the letter"),
  };

  self->writing--;
  if (!tam_save_finish (result, &error))
    tam_show_message (GTK_WIDGET (self), _ (headings[w->op]), error->message);
  else if (w->op == OP_EXPORT)
    {
      g_autofree char *name = g_path_get_basename (w->a);
      /* Translators: after Export PDF…: "Letter saved: SP1-20250296-2026-11-22.pdf" */
      g_autofree char *text = g_strdup_printf (_ ("Letter saved: %s"), name);

      gtk_label_set_text (self->count_label, text);
    }
  if (w->op != OP_EXPORT)
    {
      /* The person's ladder changed too. */
      g_clear_pointer (&self->ladder_nik, g_free);
      tam_coaching_page_reload (self);
    }
  g_object_unref (self);
}

static void
send_write (TamCoachingPage *self,
            Op op,
            gint64 id,
            const char *a,
            const char *b,
            const char *c,
            const char *d)
{
  Write *w = g_new0 (Write, 1);

  w->session = tam_session_copy (self->session);
  w->op = op;
  w->id = id;
  w->a = g_strdup (a);
  w->b = g_strdup (b);
  w->c = g_strdup (c);
  w->d = g_strdup (d);
  self->writing++;
  tam_save_async (tam_store_get_path (self->store), write_func, w, (GDestroyNotify) write_free, write_busy_cb,
                  write_done_cb, g_object_ref (self));
}

static char *
describe (const TamCoachingRecord *r)
{
  /* Translators: the record a dialog is about: "SP1 for Name (NIK), LATE_LOGIN on 2026-11-03" */
  return g_strdup_printf (_ ("%s for %s (%s), %s on %s"), tam_coaching_level_to_label (r->level), r->name, r->nik,
                          r->rule_code, r->occurred_on);
}

static void
issue_action (GtkWidget *widget,
              const char *action_name,
              GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = selected_record (self);

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->issue_button)))
    return;
  send_write (self, OP_ISSUE, r->id, NULL, NULL, NULL, NULL);
}

static void
dismiss_answer (GtkWidget *owner,
                const char *const *values)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (owner);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (owner), "tam-dismiss-id"));
  g_autofree char *reason = g_strstrip (g_strdup (values[0]));

  if (id != 0 && *reason != '\0')
    send_write (self, OP_DISMISS, id, reason, NULL, NULL, NULL);
}

static void
dismiss_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = selected_record (self);
  g_autofree char *what = NULL;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->dismiss_button)))
    return;
  what = describe (r);
  g_object_set_data (G_OBJECT (self), "tam-dismiss-id", GSIZE_TO_POINTER ((gsize) r->id));
  tam_coaching_ask_dismiss (widget, what, dismiss_answer);
}

static void
acknowledge_answer (GtkWidget *owner,
                    const char *const *values)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (owner);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (owner), "tam-ack-id"));

  if (id == 0)
    return;
  if (values[1] != NULL)
    send_write (self, OP_REFUSE, id, values[0], values[1], NULL, NULL);
  else
    send_write (self, OP_ACKNOWLEDGE, id, values[0], NULL, NULL, NULL);
}

static void
acknowledge_action (GtkWidget *widget,
                    const char *action_name,
                    GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = selected_record (self);
  g_autofree char *what = NULL;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->ack_button)))
    return;
  what = describe (r);
  g_object_set_data (G_OBJECT (self), "tam-ack-id", GSIZE_TO_POINTER ((gsize) r->id));
  tam_coaching_ask_acknowledge (widget, what, self->today, acknowledge_answer);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char *response,
                     TamCoachingPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "tam-id"));

  if (g_strcmp0 (response, "confirm") == 0)
    send_write (self, OP_CONFIRM, id, NULL, NULL, NULL, NULL);
}

static void
confirm_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = selected_record (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->confirm_button)))
    return;
  body = g_strdup_printf (_ ("%s (%s) will be returned to the vendor; the person's status becomes "
                             "Returned to vendor."),
                          r->name, r->nik);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _ ("Confirm the Return to the Vendor?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "confirm",
                                    _ ("_Confirm"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tam-id", GSIZE_TO_POINTER ((gsize) r->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_answer (GtkWidget *owner,
               const char *const *values)
{
  send_write (TAM_COACHING_PAGE (owner), OP_RECORD, 0, values[0], values[1], values[2], values[3]);
}

static void
record_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = selected_record (self);

  if (self->catalog == NULL || !tam_session_can (self->session, TAM_PERM_PROPOSE_COACHING))
    return;
  tam_coaching_ask_record (widget, self->catalog, r ? r->nik : NULL, self->today, record_answer);
}

static void
letter_free (gpointer data,
             GClosure *closure)
{
  tam_letter_free (data);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext *context,
              int page_nr,
              TamLetter *letter)
{
  tam_letter_draw (letter, gtk_print_context_get_cairo_context (context), gtk_print_context_get_width (context),
                   gtk_print_context_get_height (context));
}

static void
print_action (GtkWidget *widget,
              const char *action_name,
              GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = selected_record (self);
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPageSetup) setup = NULL;
  g_autoptr (GtkPaperSize) a4 = NULL;
  TamLetter *letter;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->print_button)))
    return;
  /* One record's letter: a few rows by their keys. */
  letter = tam_letter_new (self->store, self->session, r->id, &error);
  if (letter == NULL)
    {
      tam_show_message (widget, _ ("Cannot write the letter"), error->message);
      return;
    }
  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, tam_letter_get_title (letter));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), letter,
                         letter_free, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    tam_show_message (widget, _ ("Cannot print the letter"), error->message);
}

static void
export_chosen (GtkWidget *owner,
               const char *path)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (owner);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (owner), "tam-export-id"));

  if (id != 0)
    send_write (self, OP_EXPORT, id, path, NULL, NULL, NULL);
}

static void
export_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = selected_record (self);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->export_button)))
    return;
  g_object_set_data (G_OBJECT (self), "tam-export-id", GSIZE_TO_POINTER ((gsize) r->id));
  chooser = gtk_file_chooser_native_new (_ ("Export the Letter"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _ ("PDF documents"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s-%s-%s.pdf", tam_coaching_level_to_code (r->level), r->nik, r->occurred_on);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  tam_file_chooser_show (chooser, widget, export_chosen);
}

static void
catalog_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);

  if (self->catalog != NULL)
    tam_coaching_catalog_window_new (widget, self->catalog);
}

static void
refresh_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  tam_coaching_page_reload (TAM_COACHING_PAGE (widget));
}

/* Focuses the row of @position among the rows @widget (the column view's
 * list) has built: the one whose person cell shows that slot. The list
 * then takes its keyboard cursor from it. */
static gboolean
find_row (GtkWidget *widget,
          TamSlot *slot)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (TAM_IS_CELL (child) && g_object_get_data (G_OBJECT (child), "tam-slot") == slot)
        {
          GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (child));

          return row != NULL && gtk_widget_grab_focus (row);
        }
      if (find_row (child, slot))
        return TRUE;
    }
  return FALSE;
}

static void
focus_row (TamCoachingPage *self,
           GtkWidget *list,
           guint position)
{
  g_autoptr (TamSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->slots), position);

  if (slot != NULL)
    find_row (list, slot);
}

/* GtkColumnView has no scroll_to before 4.12; its inner list view has the
 * list.scroll-to-item action, which moves the keyboard's row too. */
static void
show_position (TamCoachingPage *self,
               guint position)
{
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->records_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        /* The keyboard's row follows: arrows move on from the selected
         * record, not from the row the list focused first. */
        if (gtk_widget_get_focus_child (child) != NULL)
          focus_row (self, child, position);
      }
}

static void
move (TamCoachingPage *self,
      int step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint pos = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;
  if (pos == GTK_INVALID_LIST_POSITION)
    pos = 0;
  else if (step < 0 && pos > 0)
    pos--;
  else if (step > 0 && pos + 1 < n)
    pos++;
  gtk_single_selection_set_selected (self->selection, pos);
  show_position (self, pos);
}

/* Up and Down in the list move from the selected record (GTK 4.8's list
 * keeps a keyboard row of its own that can differ from the selection
 * after a reload); the rest of the list's keys are its own. */
static gboolean
list_key_cb (GtkEventControllerKey *controller,
             guint keyval,
             guint keycode,
             GdkModifierType state,
             TamCoachingPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  if ((state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 || focus == NULL ||
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->records_view)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
next_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  move (TAM_COACHING_PAGE (widget), 1);
}

static void
previous_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *param)
{
  move (TAM_COACHING_PAGE (widget), -1);
}

/* ---- set-up ------------------------------------------------------------- */

static void
setup_filters (TamCoachingPage *self)
{
  g_autoptr (GtkStringList) states = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) levels = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) months = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) sites = tam_code_string_list_new (tam_sites (), tam_site_label, _ ("All sites"));
  g_autoptr (GtkStringList) teams = gtk_string_list_new (NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GtkDropDown *dropdowns[] = {
    self->state_dropdown,
    self->site_dropdown,
    self->team_dropdown,
    self->level_dropdown,
    self->category_dropdown,
    self->month_dropdown,
  };

  gtk_string_list_append (states, _ ("All states"));
  for (int s = TAM_COACHING_STATE_PROPOSED; s <= TAM_COACHING_STATE_DISMISSED; s++)
    gtk_string_list_append (states, tam_coaching_state_to_label (s));
  gtk_string_list_append (levels, _ ("All levels"));
  for (int l = TAM_COACHING_LEVEL_COACHING1; l <= TAM_COACHING_LEVEL_SP4; l++)
    gtk_string_list_append (levels, tam_coaching_level_to_label (l));
  gtk_string_list_append (categories, _ ("All categories"));
  for (guint i = 0; self->catalog != NULL && i < self->catalog->rules->len; i++)
    {
      const TamCoachingRule *rule = g_ptr_array_index (self->catalog->rules, i);

      if (!g_ptr_array_find_with_equal_func (self->categories, rule->category, g_str_equal, NULL))
        {
          g_ptr_array_add (self->categories, g_strdup (rule->category));
          gtk_string_list_append (categories, tam_coaching_category_label (rule->category));
        }
    }
  gtk_string_list_append (months, _ ("All months"));
  for (int i = 0; i < N_MONTHS; i++)
    {
      g_autoptr (GDateTime) m = g_date_time_add_months (now, -i);
      g_autofree char *label = g_date_time_format (m, _ ("%B %Y"));

      g_ptr_array_add (self->months, g_date_time_format (m, "%Y-%m"));
      gtk_string_list_append (months, label);
    }
  gtk_string_list_append (teams, _ ("All teams"));

  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  gtk_drop_down_set_model (self->level_dropdown, G_LIST_MODEL (levels));
  gtk_drop_down_set_model (self->category_dropdown, G_LIST_MODEL (categories));
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (months));
  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (sites));
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (teams));
  {
    /* The drop-down does not take the expression over. */
    g_autoptr (GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
    gtk_drop_down_set_expression (self->team_dropdown, expression);
  }
  /* The inbox: open proposals. */
  gtk_drop_down_set_selected (self->state_dropdown, 1 + TAM_COACHING_STATE_PROPOSED);

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    g_signal_connect_swapped (dropdowns[i], "notify::selected", G_CALLBACK (filter_changed_cb), self);
}

static void
setup_columns (TamCoachingPage *self)
{
  const struct
  {
    GtkColumnViewColumn *column;
    const char *property;
  } columns[] = {
    { self->person_column, "person" },
    { self->rule_column, "rule" },
    { self->level_column, "level" },
    { self->state_column, "state" },
    { self->occurred_column, "occurred" },
    { self->valid_column, "valid-until" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkListItemFactory) factory = tam_cell_slot_factory_new (columns[i].property);

      gtk_column_view_column_set_factory (columns[i].column, factory);
      /* The sorter compares the records (the sort model is below the
       * slots). */
      tam_column_setup (columns[i].column, TAM_TYPE_COACHING_OBJECT, columns[i].property);
    }
}

/* The detail pane keeps about 420 pixels (two fifths of a narrow
 * screen); the list gets the rest. */
static void
paned_max_cb (TamCoachingPage *self)
{
  int max = 0;
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));

  g_object_get (self->paned, "max-position", &max, NULL);
  if (max > 0 && width > 0)
    gtk_paned_set_position (self->paned, CLAMP (width - MIN (420, width * 2 / 5), MIN (360, max), max));
}

static gboolean
entered_cb (gpointer data)
{
  TAM_COACHING_PAGE (data)->entering = FALSE;
  return G_SOURCE_REMOVE;
}

static gboolean
tam_coaching_page_focus (GtkWidget *widget,
                         GtkDirectionType direction)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);

  /* Keyboard-first: coming into the tab lands in the list. */
  /* Going to a tab moves the focus in twice (GtkStack when the focus was
   * in the tab left, then the window's Alt+N): the second stays put. */
  if (self->entering)
    return TRUE;
  if (gtk_widget_get_focus_child (widget) == NULL && gtk_widget_get_visible (GTK_WIDGET (self->records_view)))
    {
      gboolean focused = gtk_widget_grab_focus (GTK_WIDGET (self->records_view));

      self->entering = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, entered_cb, g_object_ref (self), g_object_unref);

      /* On the selected row, not on the one the list remembers. */
      show_position (self, gtk_single_selection_get_selected (self->selection));
      return focused;
    }
  return GTK_WIDGET_CLASS (tam_coaching_page_parent_class)->focus (widget, direction);
}

static void
tam_coaching_page_dispose (GObject *object)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (object);
  GtkWidget *child;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_COACHING_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->records);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_coaching_page_parent_class)->dispose (object);
}

static void
tam_coaching_page_finalize (GObject *object)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (object);

  g_clear_pointer (&self->session, tam_session_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->team_ids, g_array_unref);
  g_free (self->today);
  g_free (self->ladder_nik);
  G_OBJECT_CLASS (tam_coaching_page_parent_class)->finalize (object);
}

static void
tam_coaching_page_class_init (TamCoachingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_coaching_page_dispose;
  object_class->finalize = tam_coaching_page_finalize;
  widget_class->focus = tam_coaching_page_focus;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-coaching-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, TamCoachingPage, name)
  CHILD (filter_box);
  CHILD (filter_flow);
  CHILD (state_dropdown);
  CHILD (site_dropdown);
  CHILD (team_dropdown);
  CHILD (level_dropdown);
  CHILD (category_dropdown);
  CHILD (month_dropdown);
  CHILD (count_label);
  CHILD (menu_button);
  CHILD (paned);
  CHILD (list_stack);
  CHILD (empty_page);
  CHILD (spinner);
  CHILD (records_view);
  CHILD (person_column);
  CHILD (rule_column);
  CHILD (level_column);
  CHILD (state_column);
  CHILD (occurred_column);
  CHILD (valid_column);
  CHILD (detail_box);
  CHILD (person_label);
  CHILD (rule_label);
  CHILD (summary_label);
  CHILD (notes_label);
  CHILD (record_label);
  CHILD (ladder_heading);
  CHILD (ladder_box);
  CHILD (standing_label);
  CHILD (issue_button);
  CHILD (dismiss_button);
  CHILD (ack_button);
  CHILD (confirm_button);
  CHILD (record_button);
  CHILD (print_button);
  CHILD (export_button);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "coaching.issue", NULL, issue_action);
  gtk_widget_class_install_action (widget_class, "coaching.dismiss", NULL, dismiss_action);
  gtk_widget_class_install_action (widget_class, "coaching.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "coaching.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "coaching.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "coaching.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "coaching.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "coaching.catalog", NULL, catalog_action);
  gtk_widget_class_install_action (widget_class, "coaching.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "coaching.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "coaching.previous", NULL, previous_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, 0, "coaching.issue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, 0, "coaching.dismiss", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "coaching.acknowledge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "coaching.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "coaching.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "coaching.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "coaching.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "coaching.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "coaching.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "coaching.refresh", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tam_coaching_page_init (TamCoachingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->ladder_view = TAM_LADDER_VIEW (tam_ladder_view_new ());
  gtk_box_append (self->ladder_box, GTK_WIDGET (self->ladder_view));
  self->today = tam_today_string ();
  self->catalog = tam_catalog_get_default (NULL);
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->months = g_ptr_array_new_with_free_func (g_free);
  self->team_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->open_count = -1;

  self->records = g_list_store_new (TAM_TYPE_COACHING_OBJECT);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->records)),
                                              g_object_ref (gtk_column_view_get_sorter (self->records_view)));
  self->slots = tam_slot_model_new (G_LIST_MODEL (self->sort_model));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->records_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  setup_columns (self);
  setup_filters (self);
  /* The flow box's cells are not stops of their own for Tab. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_flow)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  g_signal_connect_object (self->paned, "notify::max-position", G_CALLBACK (paned_max_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_box), FALSE);
}

GtkWidget *
tam_coaching_page_new (TamStore *store,
                       const TamSession *session)
{
  TamCoachingPage *self;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  self = g_object_new (TAM_TYPE_COACHING_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  /* A team leader sees their own team: no team to choose. Confirming a
   * return to the vendor is a manager's. */
  /* (its flow box cell, or the gap stays) */
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->team_dropdown)),
                          !is_role (self, TAM_ROLE_TEAM_LEADER));
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), is_role (self, TAM_ROLE_MANAGER));
  if (is_role (self, TAM_ROLE_SUPERVISOR_OPS) && self->session->site != NULL)
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->site_dropdown, tam_code_position (tam_sites (), self->session->site, TRUE));
      self->updating = FALSE;
    }
  update_actions (self);
  tam_coaching_page_reload (self);
  return GTK_WIDGET (self);
}
