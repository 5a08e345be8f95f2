/* tam-recovery-page.c: the Recovery plans tab (issue 11).
 *
 * Built in code (one page, no template): a drop-down of the boxes (my
 * drafts, waiting for my approval, in progress, to verify, closed, all),
 * the list of plans on the left, the selected plan on the right (figures,
 * analysis, actions, the KPI chart over the period, history) with its
 * buttons. The list is read in a GTask worker on a store of its own, and
 * the count of plans waiting for the session's decision comes back with
 * it for the sidebar's title, "Recovery plans (3)". A plan's history and
 * chart are read the same way when the selection moves. Writes go
 * through tam_save_async (); the list is read again after each. The
 * draft dialog is in tam-recovery-page-draft.c, the struct in
 * tam-recovery-page-private.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tam-calendar.h"
#include "tam-chart-view.h"
#include "tam-gui-utils.h"
#include "tam-holidays-dialog.h"
#include "tam-kpi-chart.h"
#include "tam-kpi.h"
#include "tam-recovery-page-private.h"
#include "tam-recovery-pdf.h"
#include "tam-recovery.h"
#include "tam-work.h"

G_DEFINE_FINAL_TYPE (TamRecoveryPage, tam_recovery_page, GTK_TYPE_WIDGET)

enum
{
  B_SUBMIT,
  B_APPROVE,
  B_REJECT,
  B_EDIT,
  B_DONE,
  B_CLOSE,
  B_FOLLOW,
  B_PDF,
  B_NEW,
  B_VERIFY,
};

/* The boxes in the drop-down's order. */
static const TamRecoveryBox boxes[] = {
  TAM_RECOVERY_BOX_MY_DRAFTS,
  TAM_RECOVERY_BOX_TO_DECIDE,
  TAM_RECOVERY_BOX_IN_PROGRESS,
  TAM_RECOVERY_BOX_TO_VERIFY,
  TAM_RECOVERY_BOX_CLOSED,
  TAM_RECOVERY_BOX_ALL,
};

/* ---- the selection ---------------------------------------------------- */

static const TamRecoveryPlan *
selected_plan (TamRecoveryPage *self)
{
  guint i = gtk_single_selection_get_selected (self->selection);

  return i != GTK_INVALID_LIST_POSITION && i < self->plans->len ? self->plans->pdata[i] : NULL;
}

gint64
tam_recovery_page_get_selected_id (TamRecoveryPage *self)
{
  const TamRecoveryPlan *p;

  g_return_val_if_fail (TAM_IS_RECOVERY_PAGE (self), 0);
  p = selected_plan (self);
  return p ? p->id : 0;
}

gboolean
tam_recovery_page_select_id (TamRecoveryPage *self,
                             gint64 id)
{
  g_return_val_if_fail (TAM_IS_RECOVERY_PAGE (self), FALSE);
  for (guint i = 0; i < self->plans->len; i++)
    if (((TamRecoveryPlan *) self->plans->pdata[i])->id == id)
      {
        gtk_single_selection_set_selected (self->selection, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
tam_recovery_page_is_busy (TamRecoveryPage *self)
{
  g_return_val_if_fail (TAM_IS_RECOVERY_PAGE (self), FALSE);
  return self->loading || self->work.writing > 0 || self->detail_loading;
}

gint64
tam_recovery_page_get_to_decide (TamRecoveryPage *self)
{
  g_return_val_if_fail (TAM_IS_RECOVERY_PAGE (self), -1);
  return self->to_decide;
}

GtkWidget *
tam_recovery_page_get_dialog (TamRecoveryPage *self)
{
  g_return_val_if_fail (TAM_IS_RECOVERY_PAGE (self), NULL);
  return self->dialog;
}

static gboolean
is_drafter (TamRecoveryPage *self,
            const TamRecoveryPlan *p)
{
  return p != NULL && p->drafted_by_id == self->session->person_id;
}

/* The action of the selected row of the actions list, or NULL. */
static const TamRecoveryAction *
selected_action (TamRecoveryPage *self)
{
  const TamRecoveryPlan *p = selected_plan (self);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->actions_list);
  int i = row ? gtk_list_box_row_get_index (row) : -1;

  if (p == NULL)
    return NULL;
  if (i < 0)
    {
      /* The first one not done. */
      for (guint k = 0; k < p->actions->len; k++)
        if (((TamRecoveryAction *) p->actions->pdata[k])->done_on == NULL)
          return p->actions->pdata[k];
      return NULL;
    }
  return (guint) i < p->actions->len ? p->actions->pdata[i] : NULL;
}

static void
update_actions (TamRecoveryPage *self)
{
  const TamRecoveryPlan *p = selected_plan (self);
  const TamRecoveryAction *a = selected_action (self);
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean drafter = is_drafter (self, p);
  gboolean may_draft = tam_session_can (self->session, TAM_PERM_DRAFT_RECOVERY);
  gboolean state_draft = p && p->state == TAM_RECOVERY_DRAFT;
  gboolean rejected = p && p->state == TAM_RECOVERY_REJECTED;
  gboolean submitted = p && p->state == TAM_RECOVERY_SUBMITTED;
  gboolean approved = p && p->state == TAM_RECOVERY_APPROVED;
  gboolean verified = p && (p->state == TAM_RECOVERY_VERIFIED_MET || p->state == TAM_RECOVERY_VERIFIED_NOT_MET);
  gboolean not_met = p && p->follow_up_id == 0 &&
                     (p->state == TAM_RECOVERY_VERIFIED_NOT_MET ||
                      (p->state == TAM_RECOVERY_CLOSED && !isnan (p->verified_value) &&
                       p->verified_value < p->verified_target));
  gboolean done_ok = approved && a != NULL && a->done_on == NULL &&
                     (drafter || g_strcmp0 (a->owner_nik, self->session->nik) == 0 ||
                      tam_session_can (self->session, TAM_PERM_DECIDE_RECOVERY));
  struct
  {
    const char *action;
    gboolean enabled;
  } states[] = {
    { "recovery.submit", drafter && state_draft && p->actions->len > 0 },
    { "recovery.approve", submitted && p->may_decide },
    { "recovery.reject", submitted && p->may_decide },
    { "recovery.edit", drafter && (state_draft || rejected) },
    { "recovery.done", done_ok },
    { "recovery.close", verified && p->may_decide },
    { "recovery.follow-up", may_draft && not_met },
    { "recovery.pdf", p != NULL },
    { "recovery.new", may_draft },
    { "recovery.verify", may_draft || tam_session_can (self->session, TAM_PERM_DECIDE_RECOVERY) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      gtk_widget_action_set_enabled (widget, states[i].action, states[i].enabled);
      /* The flow box's child holds the place: hide it, not the button. */
      gtk_widget_set_visible (gtk_widget_get_parent (self->buttons[i]) ? gtk_widget_get_parent (self->buttons[i])
                                                                       : self->buttons[i],
                              states[i].enabled || i == B_PDF || i == B_NEW);
    }
}

/* ---- the detail pane -------------------------------------------------- */

char *
_tam_recovery_page_figure (double v)
{
  return isnan (v) ? g_strdup ("—") : g_strdup_printf ("%.2f", v);
}

static void
fill_actions (TamRecoveryPage *self,
              const TamRecoveryPlan *p)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_list))) != NULL)
    gtk_list_box_remove (self->actions_list, child);
  if (p == NULL)
    return;
  for (guint i = 0; i < p->actions->len; i++)
    {
      const TamRecoveryAction *a = p->actions->pdata[i];
      g_autofree char *owner = a->owner_nik ? g_strdup_printf ("%s (%s)", a->owner_name, a->owner_nik) : g_strdup ("—");
      g_autofree char *state = NULL;
      g_autofree char *line = NULL;
      GtkWidget *label;

      if (a->done_on != NULL)
        /* Translators: an action's state: "done on 2026-11-17: note" */
        state = g_strdup_printf (_ ("done on %s%s%s"), a->done_on, a->done_note && *a->done_note ? ": " : "",
                                 a->done_note ? a->done_note : "");
      else if (a->overdue)
        state = g_strdup (_ ("overdue"));
      else
        state = g_strdup (_ ("open"));
      /* Translators: an action of a plan: "What · owner · due 2026-11-20 · open" */
      line = g_strdup_printf (_ ("%s · %s · due %s · %s"), a->text, owner, a->due_on, state);
      label = gtk_label_new (line);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      if (a->overdue)
        gtk_widget_add_css_class (label, "error");
      else if (a->done_on != NULL)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_append (self->actions_list, label);
    }
}

static void
update_detail (TamRecoveryPage *self)
{
  const TamRecoveryPlan *p = selected_plan (self);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) causes = g_string_new (NULL);
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->detail_box, p != NULL);
  fill_actions (self, p);
  if (p == NULL)
    return;
  /* Translators: a plan's heading: "Plan 12 · Quality Validation Score · Team: Name (TL001) · 2026-10" */
  title = g_strdup_printf (_ ("Plan %lld · %s · %s: %s (%s) · %s"), (long long) p->id, tam_kpi_kind_to_label (p->kpi),
                           tam_kpi_scope_to_label (p->scope), p->scope_name, p->scope_ref, p->period);
  gtk_label_set_text (self->title_label, title);
  {
    g_autofree char *actual = _tam_recovery_page_figure (p->actual), *target = _tam_recovery_page_figure (p->target);
    g_autofree char *line = g_strdup_printf (_ ("%s, version %d · %s against a target of %s (from the KPI module)"),
                                             tam_recovery_state_to_label (p->state), p->version, actual, target);
    tam_text_append_line (text, line);
  }
  {
    g_autofree char *line = g_strdup_printf (_ ("Drafted by %s (%s) on %s"), p->drafted_by_name, p->drafted_by_nik,
                                             p->drafted_at);
    tam_text_append_line (text, line);
  }
  if (p->decided_by_nik != NULL)
    {
      g_autofree char *line = g_strdup_printf (_ ("Decided by %s (%s) on %s"), p->decided_by_name, p->decided_by_nik,
                                               p->decided_at);
      tam_text_append_line (text, line);
    }
  if (p->decision_reason[0] != '\0')
    {
      g_autofree char *line = g_strdup_printf (_ ("Reason: %s"), p->decision_reason);
      tam_text_append_line (text, line);
    }
  if (!isnan (p->verified_value))
    {
      g_autofree char *v = _tam_recovery_page_figure (p->verified_value), *t = _tam_recovery_page_figure (p->verified_target);
      g_autofree char *line = g_strdup_printf (_ ("Verified on %s: %s against %s"), p->verify_month, v, t);
      tam_text_append_line (text, line);
    }
  else
    {
      g_autofree char *line = g_strdup_printf (_ ("Verified on the KPI of %s"), p->verify_month);
      tam_text_append_line (text, line);
    }
  if (p->follows_id != 0)
    {
      g_autofree char *line = g_strdup_printf (_ ("Follows up plan %lld"), (long long) p->follows_id);
      tam_text_append_line (text, line);
    }
  if (p->follow_up_id != 0)
    {
      g_autofree char *line = g_strdup_printf (_ ("Followed up by plan %lld"), (long long) p->follow_up_id);
      tam_text_append_line (text, line);
    }
  for (int i = 0; i < TAM_N_CAUSES; i++)
    if (p->causes & (1u << i))
      {
        if (causes->len > 0)
          g_string_append (causes, ", ");
        g_string_append (causes, tam_recovery_cause_to_label (1u << i));
      }
  if (causes->len > 0)
    {
      g_autofree char *line = g_strdup_printf (_ ("Causes: %s"), causes->str);
      tam_text_append_line (text, line);
    }
  gtk_label_set_text (self->facts_label, text->str);
  gtk_label_set_text (self->analysis_label, p->analysis[0] ? p->analysis : _ ("No analysis yet."));
}

/* ---- a plan's history and chart, read in a worker ---------------------- */

typedef struct
{
  gint64 id;
  guint generation;
  GPtrArray *history;
  TamChart *chart;
} DetailJob;

static void
detail_job_free (DetailJob *job)
{
  g_clear_pointer (&job->history, g_ptr_array_unref);
  g_clear_pointer (&job->chart, tam_chart_unref);
  g_free (job);
}

static gboolean
detail_func (TamStore *store,
             const TamSession *session,
             gpointer data,
             GError **error)
{
  DetailJob *job = data;
  g_autoptr (TamRecoveryPlan) plan = NULL;

  if ((plan = tam_recovery_get (store, session, job->id, error)) != NULL &&
      (job->history = tam_recovery_history (store, session, job->id, error)) != NULL)
    {
      g_autofree char *from = tam_kpi_month_add (plan->period, -5);
      g_autofree char *now = tam_kpi_current_month ();
      g_autofree char *complete = tam_kpi_month_add (now, -1);
      const char *to = plan->verify_month;

      /* Up to the verification month, but not into the month in progress
       * (its calls still wait for tapping: a plunge that is not one), and
       * never before the plan's own period. */
      if (g_strcmp0 (to, complete) > 0)
        to = g_strcmp0 (complete, plan->period) >= 0 ? complete : plan->period;
      /* No chart is not an error (a headcount without targets). */
      job->chart = tam_kpi_chart_line (store, session, plan->kpi,
                                       &(TamKpiSeriesQuery){ .from = from, .to = to, .scope = plan->scope, .key = plan->scope_ref },
                                       NULL);
      return TRUE;
    }
  return FALSE;
}

static void
detail_done_cb (GObject *source,
                gpointer data,
                const GError *error)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (source);
  DetailJob *job = data;
  g_autoptr (GString) text = g_string_new (NULL);

  if (job->generation != self->detail_generation)
    return;
  self->detail_loading = FALSE;
  if (error != NULL)
    {
      gtk_label_set_text (self->history_label, error->message);
      return;
    }
  for (guint i = 0; i < job->history->len; i++)
    {
      TamRecoveryEvent *e = job->history->pdata[i];
      g_autofree char *line = g_strdup_printf ("%s · v%d · %s · %s (%s)%s%s", e->at, e->version, e->event,
                                               e->actor_name ? e->actor_name : "", e->actor_nik ? e->actor_nik : "",
                                               e->reason && *e->reason ? " · " : "", e->reason ? e->reason : "");
      tam_text_append_line (text, line);
    }
  gtk_label_set_text (self->history_label, text->str);
  tam_chart_view_set_chart (self->chart_view, job->chart);
  gtk_widget_set_visible (GTK_WIDGET (self->chart_view), job->chart != NULL);
}

static const TamWork detail_work = { detail_func, detail_done_cb, (GDestroyNotify) detail_job_free };

static void
load_detail (TamRecoveryPage *self)
{
  const TamRecoveryPlan *p = selected_plan (self);
  DetailJob *job;

  self->detail_generation++;
  if (p == NULL)
    {
      self->detail_loading = FALSE;
      return;
    }
  job = g_new0 (DetailJob, 1);
  job->id = p->id;
  job->generation = self->detail_generation;
  self->detail_loading = TRUE;
  tam_page_work_read (&self->work, self->store, self->session, &detail_work, job);
}

static void
selection_changed_cb (TamRecoveryPage *self)
{
  if (self->filling)
    return;
  update_detail (self);
  update_actions (self);
  load_detail (self);
}

/* ---- the list, read in a worker ---------------------------------------- */

typedef struct
{
  TamRecoveryBox box;
  char *today;
  guint generation;
  GPtrArray *plans;
  gint64 to_decide;
  TamCalendar *calendar;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->today);
  g_clear_pointer (&job->plans, g_ptr_array_unref);
  g_clear_pointer (&job->calendar, tam_calendar_free);
  g_free (job);
}

static gboolean
load_func (TamStore *store,
           const TamSession *session,
           gpointer data,
           GError **error)
{
  LoadJob *job = data;
  TamRecoveryFilter filter = { job->box, -1, job->today };

  if ((job->plans = tam_recovery_list (store, session, &filter, error)) == NULL)
    return FALSE;
  job->to_decide = tam_recovery_count_to_decide (store, session, NULL);
  job->calendar = tam_calendar_load (store, NULL);
  return TRUE;
}

/* The sidebar shows the page's title: the count of plans waiting goes there. */
static void
update_badge (TamRecoveryPage *self)
{
  g_autofree char *title = NULL;

  if (self->to_decide > 0)
    /* Translators: the Recovery plans tab in the sidebar with the plans waiting for a decision */
    title = g_strdup_printf (_ ("Recovery plans (%u)"), (guint) self->to_decide);
  else
    title = g_strdup (_ ("Recovery plans"));
  tam_sidebar_set_title (GTK_WIDGET (self), title, self->to_decide > 0);
}

static char *
plan_markup (const TamRecoveryPlan *p)
{
  g_autofree char *first = g_strdup_printf ("%lld · %s · %s · %s", (long long) p->id, tam_kpi_kind_to_label (p->kpi),
                                            p->scope_name, p->period);
  g_autofree char *actual = _tam_recovery_page_figure (p->actual), *target = _tam_recovery_page_figure (p->target);
  /* Translators: the second line of a plan in the list: "Submitted · Name · 83.43 / 95.00 · 1/2 done" */
  g_autofree char *second = g_strdup_printf (_ ("%s · %s · %s / %s · %u/%u done"), tam_recovery_state_to_label (p->state),
                                             p->drafted_by_name, actual, target, p->n_done, p->actions->len);
  g_autofree char *overdue = p->n_overdue ? g_strdup_printf (_ (" · %u overdue"), p->n_overdue) : g_strdup ("");
  return g_markup_printf_escaped ("<b>%s</b>\n<small>%s%s</small>", first, second, overdue);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 4);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem *item)
{
  GtkStringObject *text = gtk_list_item_get_item (item);

  gtk_label_set_markup (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (text));
}

static void
load_done_cb (GObject *source,
              gpointer data,
              const GError *error)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (source);
  LoadJob *job = data;
  g_autofree char *count = NULL;

  if (job->generation != self->generation)
    return;
  self->loading = FALSE;
  if (error != NULL)
    {
      tam_show_message (GTK_WIDGET (self), _ ("Cannot read the recovery plans"), error->message);
      update_actions (self);
      return;
    }
  if (job->calendar != NULL)
    {
      g_clear_pointer (&self->calendar, tam_calendar_free);
      self->calendar = g_steal_pointer (&job->calendar);
    }
  self->to_decide = job->to_decide;
  g_ptr_array_unref (self->plans);
  self->plans = g_steal_pointer (&job->plans);

  self->filling = TRUE;
  {
    g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < self->plans->len; i++)
      g_ptr_array_add (texts, plan_markup (self->plans->pdata[i]));
    g_ptr_array_add (texts, NULL);
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                            (const char *const *) texts->pdata);
  }
  self->filling = FALSE;
  if (self->keep_id == 0 || !tam_recovery_page_select_id (self, self->keep_id))
    gtk_single_selection_set_selected (self->selection, self->plans->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->list_stack, self->plans->len > 0 ? "list" : "empty");
  /* Translators: "12 plans · 3 waiting for you" */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u plan · %u waiting for you", "%u plans · %u waiting for you",
                                        self->plans->len),
                           self->plans->len, (guint) MAX (self->to_decide, 0));
  gtk_label_set_text (self->count_label, count);
  update_badge (self);
  selection_changed_cb (self);
}

static const TamWork load_work = { load_func, load_done_cb, (GDestroyNotify) load_job_free };

void
tam_recovery_page_reload (TamRecoveryPage *self)
{
  LoadJob *job;
  guint pos;

  g_return_if_fail (TAM_IS_RECOVERY_PAGE (self));
  if (self->keep_id == 0)
    self->keep_id = tam_recovery_page_get_selected_id (self);
  pos = gtk_drop_down_get_selected (self->box_dropdown);
  job = g_new0 (LoadJob, 1);
  job->box = pos < G_N_ELEMENTS (boxes) ? boxes[pos] : TAM_RECOVERY_BOX_ALL;
  job->today = g_strdup (self->today);
  job->generation = ++self->generation;
  self->loading = TRUE;
  tam_page_work_read (&self->work, self->store, self->session, &load_work, job);
}

void
tam_recovery_page_show_box (TamRecoveryPage *self,
                            guint box)
{
  g_return_if_fail (TAM_IS_RECOVERY_PAGE (self));
  for (guint i = 0; i < G_N_ELEMENTS (boxes); i++)
    if (boxes[i] == box)
      {
        if (gtk_drop_down_get_selected (self->box_dropdown) == i)
          tam_recovery_page_reload (self);
        else
          gtk_drop_down_set_selected (self->box_dropdown, i);
        return;
      }
}

static void
box_changed_cb (TamRecoveryPage *self)
{
  self->keep_id = 0;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  tam_recovery_page_reload (self);
}

/* ---- writes, through the save worker ----------------------------------- */

static void
write_free (Write *w)
{
  g_free (w->text);
  g_free (w->ref);
  g_free (w->period);
  g_strfreev (w->what);
  g_strfreev (w->owner);
  g_strfreev (w->due);
  g_free (w);
}

static gboolean
write_func (TamStore *store,
            const TamSession *session,
            gpointer data,
            GError **error)
{
  Write *w = data;
  guint n = w->what ? g_strv_length (w->what) : 0;
  g_autofree TamRecoveryActionSpec *specs = g_new0 (TamRecoveryActionSpec, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      specs[i].text = w->what[i];
      specs[i].owner_nik = w->owner[i];
      specs[i].due_on = w->due[i];
    }
  switch (w->op)
    {
    case OP_DRAFT:
      {
        TamRecoveryDraft d = { w->kpi, w->scope, w->ref, w->period, w->text, w->causes, specs, n };

        w->new_id = tam_recovery_draft (store, session, &d, NULL, error);
        return w->new_id != 0;
      }
    case OP_REVISE:
      return tam_recovery_revise (store, session, w->id, w->text, w->causes, specs, n, NULL, error);
    case OP_FOLLOW_UP:
      w->new_id = tam_recovery_follow_up (store, session, w->id, w->text, specs, n, NULL, error);
      return w->new_id != 0;
    case OP_SUBMIT:
      return tam_recovery_submit (store, session, w->id, NULL, error);
    case OP_APPROVE:
      return tam_recovery_approve (store, session, w->id, NULL, error);
    case OP_REJECT:
      return tam_recovery_reject (store, session, w->id, w->text, NULL, error);
    case OP_DONE:
      return tam_recovery_action_done (store, session, w->id, w->text, NULL, error);
    case OP_CLOSE:
      return tam_recovery_close (store, session, w->id, NULL, error);
    case OP_VERIFY:
      return tam_recovery_verify (store, session, w->text, &w->met, &w->not_met, error);
    case OP_PDF:
      return tam_recovery_write_pdf (store, session, w->id, w->text, error);
    }
  g_assert_not_reached ();
}

static void
write_done (GObject *source,
            gpointer data,
            const GError *error)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (source);
  Write *w = data;
  static const char *const headings[] = {
    N_ ("Cannot save the draft"),
    N_ ("Cannot save the plan"),
    N_ ("Cannot draft the follow-up plan"),
    N_ ("Cannot submit the plan"),
    N_ ("Cannot approve the plan"),
    N_ ("Cannot reject the plan"),
    N_ ("Cannot mark the action done"),
    N_ ("Cannot close the plan"),
    N_ ("Cannot verify the plans"),
    N_ ("Cannot write the PDF"),
  };

  if (error != NULL)
    {
      /* Verifying as the tab opens is quiet: the list says the rest. */
      if (w->op != OP_VERIFY)
        tam_show_message (GTK_WIDGET (self), _ (headings[w->op]), error->message);
      else
        g_debug ("Recovery plans not verified: %s", error->message);
    }
  else if (w->op == OP_PDF)
    {
      g_autofree char *name = g_path_get_basename (w->text);
      g_autofree char *text = g_strdup_printf (_ ("Plan saved: %s"), name);

      gtk_label_set_text (self->count_label, text);
    }
  else if (w->new_id != 0)
    {
      /* A new draft: to my drafts, on it. */
      self->keep_id = w->new_id;
      tam_recovery_page_show_box (self, TAM_RECOVERY_BOX_MY_DRAFTS);
    }
  if (w->op != OP_PDF && w->new_id == 0)
    tam_recovery_page_reload (self);
}

static const TamWork write_work = { write_func, write_done, (GDestroyNotify) write_free };

void
_tam_recovery_page_send_write (TamRecoveryPage *self,
                               Write *w)
{
  tam_page_work_save (&self->work, self->store, self->session, &write_work, w);
}

static void
simple_write (TamRecoveryPage *self,
              Op op,
              gint64 id,
              const char *text)
{
  Write *w = g_new0 (Write, 1);

  w->op = op;
  w->id = id;
  w->text = g_strdup (text);
  _tam_recovery_page_send_write (self, w);
}

/* ---- small dialogs: a reason, a note ----------------------------------- */

typedef void (*AnswerFunc) (TamRecoveryPage *self,
                            gint64 id,
                            const char *text);

typedef struct
{
  TamRecoveryPage *self;
  gint64 id;
  AnswerFunc answer;
  GtkWidget *entry;
  gboolean required;
} Ask;

static void
ask_free (gpointer data,
          GClosure *closure)
{
  Ask *ask = data;

  g_object_unref (ask->self);
  g_free (ask);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char *response,
                 Ask *ask)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (ask->entry))));

  if (ask->self->dialog == GTK_WIDGET (dialog))
    ask->self->dialog = NULL;
  if (g_strcmp0 (response, "ok") == 0 && (!ask->required || *text != '\0'))
    ask->answer (ask->self, ask->id, text);
}

static GtkWidget *
ask_text (TamRecoveryPage *self,
          gint64 id,
          const char *heading,
          const char *body,
          const char *field,
          const char *accept,
          gboolean required,
          gboolean destructive,
          AnswerFunc answer)
{
  GtkWidget *dialog = tam_question_new (GTK_WIDGET (self), heading, body, "ok", accept,
                                        destructive ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  Ask *ask = g_new0 (Ask, 1);

  ask->self = g_object_ref (self);
  ask->id = id;
  ask->answer = answer;
  ask->required = required;
  ask->entry = tam_labelled_entry_append (GTK_BOX (box), field, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  if (required)
    tam_question_require_text (dialog, "ok", ask->entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (ask_response_cb), ask, ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (ask->entry);
  return dialog;
}

/* ---- the page's actions ------------------------------------------------ */

static void
new_action (GtkWidget *widget,
            const char *action_name,
            GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  gboolean tl = g_strcmp0 (self->session->role, "TEAM_LEADER") == 0;
  g_autofree char *month = tam_kpi_last_complete_month ();

  if (!tam_session_can (self->session, TAM_PERM_DRAFT_RECOVERY))
    return;
  _tam_recovery_page_open_draft (self, OP_DRAFT, NULL, TAM_KPI_QVS, tl ? TAM_KPI_SCOPE_TEAM : TAM_KPI_SCOPE_SITE,
                                 tl ? self->session->nik : self->session->site, month);
}

static void
edit_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  const TamRecoveryPlan *p = selected_plan (self);

  if (p != NULL && gtk_widget_get_visible (gtk_widget_get_parent (self->buttons[B_EDIT])))
    _tam_recovery_page_open_draft (self, OP_REVISE, p, 0, 0, NULL, NULL);
}

static void
follow_up_action (GtkWidget *widget,
                  const char *action_name,
                  GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  const TamRecoveryPlan *p = selected_plan (self);

  if (p != NULL && gtk_widget_get_visible (gtk_widget_get_parent (self->buttons[B_FOLLOW])))
    _tam_recovery_page_open_draft (self, OP_FOLLOW_UP, p, 0, 0, NULL, NULL);
}

static void
step_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  const TamRecoveryPlan *p = selected_plan (self);
  Op op = g_str_equal (action_name, "recovery.submit")    ? OP_SUBMIT
          : g_str_equal (action_name, "recovery.approve") ? OP_APPROVE
                                                          : OP_CLOSE;
  int button = op == OP_SUBMIT ? B_SUBMIT : op == OP_APPROVE ? B_APPROVE
                                                             : B_CLOSE;

  if (p == NULL || !gtk_widget_get_visible (gtk_widget_get_parent (self->buttons[button])))
    return;
  self->keep_id = p->id;
  simple_write (self, op, p->id, NULL);
}

static void
reject_answer (TamRecoveryPage *self,
               gint64 id,
               const char *text)
{
  simple_write (self, OP_REJECT, id, text);
}

static void
reject_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  const TamRecoveryPlan *p = selected_plan (self);
  g_autofree char *body = NULL;

  if (p == NULL || !gtk_widget_get_visible (gtk_widget_get_parent (self->buttons[B_REJECT])))
    return;
  body = g_strdup_printf (_ ("Plan %lld goes back to %s for revision."), (long long) p->id, p->drafted_by_name);
  self->dialog = ask_text (self, p->id, _ ("Reject the Plan?"), body, _ ("_Reason"), _ ("_Reject"), TRUE, TRUE,
                           reject_answer);
}

static void
done_answer (TamRecoveryPage *self,
             gint64 id,
             const char *text)
{
  simple_write (self, OP_DONE, id, text);
}

static void
done_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  const TamRecoveryAction *a = selected_action (self);
  g_autofree char *body = NULL;

  if (a == NULL || !gtk_widget_get_visible (gtk_widget_get_parent (self->buttons[B_DONE])))
    return;
  body = g_strdup_printf (_ ("“%s”, due %s"), a->text, a->due_on);
  self->dialog = ask_text (self, a->id, _ ("Mark the Action Done?"), body, _ ("_Note (optional)"), _ ("_Done"), FALSE,
                           FALSE, done_answer);
}

static void
verify_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);

  simple_write (self, OP_VERIFY, 0, self->yesterday);
}

static void
pdf_chosen (GtkWidget *owner,
            const char *path)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (owner);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (owner), "tam-pdf-id"));

  if (id != 0)
    simple_write (self, OP_PDF, id, path);
}

static void
pdf_action (GtkWidget *widget,
            const char *action_name,
            GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  const TamRecoveryPlan *p = selected_plan (self);
  g_autofree char *name = NULL;

  if (p == NULL)
    return;
  g_object_set_data (G_OBJECT (self), "tam-pdf-id", GSIZE_TO_POINTER ((gsize) p->id));
  name = g_strdup_printf ("recovery-plan-%lld-%s.pdf", (long long) p->id, p->period);
  tam_pdf_chooser_show (widget, _ ("Save the Plan as PDF"), _ ("_Save"), name, pdf_chosen);
}

static void
holidays_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  int year = 0;

  sscanf (self->today, "%4d", &year);
  gtk_window_present (GTK_WINDOW (tam_holidays_dialog_new (widget, self->store, self->session, year)));
}

static void
refresh_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  tam_recovery_page_reload (TAM_RECOVERY_PAGE (widget));
}

static void
move_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  guint next = tam_selection_step (self->selection, g_str_equal (action_name, "recovery.next") ? 1 : -1);

  if (next != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", next);
}

/* win.recovery-draft (s): the KPI tab's "Draft recovery plan". */
static void
window_draft_cb (GSimpleAction *action,
                 GVariant *param,
                 TamRecoveryPage *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (GTK_IS_STACK (parent))
    gtk_stack_set_visible_child (GTK_STACK (parent), GTK_WIDGET (self));
  tam_recovery_page_draft (self, g_variant_get_string (param, NULL));
}

static void
tam_recovery_page_root (GtkWidget *widget)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (tam_recovery_page_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (G_IS_ACTION_MAP (root) && self->draft_action == NULL)
    {
      self->draft_action = g_simple_action_new ("recovery-draft", G_VARIANT_TYPE_STRING);
      g_simple_action_set_enabled (self->draft_action, tam_session_can (self->session, TAM_PERM_DRAFT_RECOVERY));
      g_signal_connect_object (self->draft_action, "activate", G_CALLBACK (window_draft_cb), self, 0);
      g_action_map_add_action (G_ACTION_MAP (root), G_ACTION (self->draft_action));
    }
  update_badge (self);
}

static void
tam_recovery_page_unroot (GtkWidget *widget)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->draft_action != NULL && G_IS_ACTION_MAP (root) &&
      g_action_map_lookup_action (G_ACTION_MAP (root), "recovery-draft") == G_ACTION (self->draft_action))
    g_action_map_remove_action (G_ACTION_MAP (root), "recovery-draft");
  g_clear_object (&self->draft_action);
  GTK_WIDGET_CLASS (tam_recovery_page_parent_class)->unroot (widget);
}

/* ---- construction ------------------------------------------------------- */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
wrapping_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  return label;
}

static void
build (TamRecoveryPage *self)
{
  static const char *const box_names[] = {
    N_ ("My drafts"),
    N_ ("Waiting for my approval"),
    N_ ("In progress"),
    N_ ("To verify"),
    N_ ("Closed"),
    N_ ("All plans"),
  };
  static const struct
  {
    const char *label;
    const char *action;
    const char *tooltip;
  } button_defs[] = {
    { N_ ("_Submit"), "recovery.submit", N_ ("Send the plan for approval (S)") },
    { N_ ("_Approve"), "recovery.approve", N_ ("Approve the plan (A)") },
    { N_ ("_Reject…"), "recovery.reject", N_ ("Send it back with a reason (R)") },
    { N_ ("_Edit…"), "recovery.edit", N_ ("Change the draft or revise it (E)") },
    { N_ ("Action _Done…"), "recovery.done", N_ ("Mark the selected action done (D)") },
    { N_ ("C_lose"), "recovery.close", N_ ("Close a verified plan (C)") },
    { N_ ("_Follow-up…"), "recovery.follow-up", N_ ("Draft a follow-up plan (F)") },
    { N_ ("Save _PDF…"), "recovery.pdf", N_ ("The plan for distribution (P)") },
    { N_ ("_New Plan…"), "recovery.new", N_ ("Draft a recovery plan (Ctrl+N)") },
    { N_ ("_Verify"), "recovery.verify", N_ ("Verify approved plans whose month is over") },
  };
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *list_scroller = gtk_scrolled_window_new ();
  GtkWidget *detail_scroller = gtk_scrolled_window_new ();
  GtkWidget *button_box = gtk_flow_box_new ();
  GtkWidget *empty = adw_status_page_new ();

  for (guint i = 0; i < G_N_ELEMENTS (box_names); i++)
    gtk_string_list_append (names, _ (box_names[i]));
  self->main_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->main_box, GTK_WIDGET (self));

  self->box_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->box_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Which plans"), -1);
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  tam_page_work_init (&self->work, GTK_WIDGET (self), self->count_label);
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_label_set_xalign (self->count_label, 0);
  gtk_label_set_ellipsize (self->count_label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (top, 12);
  gtk_widget_set_margin_end (top, 12);
  gtk_widget_set_margin_top (top, 6);
  gtk_widget_set_margin_bottom (top, 6);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->box_dropdown));
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (self->count_label));
  {
    GtkWidget *holidays = gtk_button_new_with_mnemonic (_ ("_Holidays…"));

    gtk_actionable_set_action_name (GTK_ACTIONABLE (holidays), "recovery.holidays");
    gtk_widget_set_tooltip_text (holidays, _ ("National holidays and cuti bersama: the working days of due dates (H)"));
    gtk_box_append (GTK_BOX (top), holidays);
  }
  gtk_box_append (GTK_BOX (self->main_box), top);
  gtk_box_append (GTK_BOX (self->main_box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->rows = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
    /* The view takes the selection and the factory. */
    self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
  }
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Recovery plans"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (list_scroller), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (list_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "object-select-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _ ("No Plans Here"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty), _ ("Choose another list above, or draft a plan with Ctrl+N."));
  gtk_widget_add_css_class (empty, "compact");
  self->list_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_add_named (self->list_stack, list_scroller, "list");
  gtk_stack_add_named (self->list_stack, empty, "empty");
  gtk_widget_set_size_request (GTK_WIDGET (self->list_stack), 260, -1);

  self->detail_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_margin_start (self->detail_box, 12);
  gtk_widget_set_margin_end (self->detail_box, 12);
  gtk_widget_set_margin_top (self->detail_box, 12);
  gtk_widget_set_margin_bottom (self->detail_box, 12);
  self->title_label = GTK_LABEL (wrapping_label ());
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-4");
  gtk_box_append (GTK_BOX (self->detail_box), GTK_WIDGET (self->title_label));
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (button_box), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (button_box), 10);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (button_box), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (button_defs); i++)
    {
      self->buttons[i] = gtk_button_new_with_mnemonic (_ (button_defs[i].label));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->buttons[i]), button_defs[i].action);
      gtk_widget_set_tooltip_text (self->buttons[i], _ (button_defs[i].tooltip));
      if (i == B_APPROVE || i == B_SUBMIT)
        gtk_widget_add_css_class (self->buttons[i], "suggested-action");
      gtk_flow_box_append (GTK_FLOW_BOX (button_box), self->buttons[i]);
    }
  gtk_box_append (GTK_BOX (self->detail_box), button_box);
  self->facts_label = GTK_LABEL (wrapping_label ());
  gtk_box_append (GTK_BOX (self->detail_box), GTK_WIDGET (self->facts_label));
  gtk_box_append (GTK_BOX (self->detail_box), heading (_ ("Analysis")));
  self->analysis_label = GTK_LABEL (wrapping_label ());
  gtk_box_append (GTK_BOX (self->detail_box), GTK_WIDGET (self->analysis_label));
  gtk_box_append (GTK_BOX (self->detail_box), heading (_ ("Actions")));
  self->actions_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->actions_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->actions_list), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Actions"),
                                  -1);
  gtk_box_append (GTK_BOX (self->detail_box), GTK_WIDGET (self->actions_list));
  self->chart_view = TAM_CHART_VIEW (tam_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->chart_view), -1, 220);
  gtk_box_append (GTK_BOX (self->detail_box), GTK_WIDGET (self->chart_view));
  gtk_box_append (GTK_BOX (self->detail_box), heading (_ ("History")));
  self->history_label = GTK_LABEL (wrapping_label ());
  gtk_widget_add_css_class (GTK_WIDGET (self->history_label), "caption");
  gtk_box_append (GTK_BOX (self->detail_box), GTK_WIDGET (self->history_label));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (detail_scroller), self->detail_box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (detail_scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (self->list_stack));
  gtk_paned_set_end_child (GTK_PANED (paned), detail_scroller);
  gtk_paned_set_resize_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_position (GTK_PANED (paned), 320);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_box_append (GTK_BOX (self->main_box), paned);

  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->actions_list, "row-selected", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->box_dropdown, "notify::selected", G_CALLBACK (box_changed_cb), self);
}

GtkWidget *
tam_recovery_page_new (TamStore *store,
                       const TamSession *session)
{
  TamRecoveryPage *self = g_object_new (TAM_TYPE_RECOVERY_PAGE, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) before = g_date_time_add_days (now, -1);
  guint first = 0;

  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  self->today = g_date_time_format (now, "%Y-%m-%d");
  self->yesterday = g_date_time_format (before, "%Y-%m-%d");
  build (self);
  /* A decider opens on what waits for them, a drafter on their drafts. */
  if (tam_session_can (session, TAM_PERM_DECIDE_RECOVERY))
    first = 1;
  else if (!tam_session_can (session, TAM_PERM_DRAFT_RECOVERY))
    first = 2;
  g_signal_handlers_block_by_func (self->box_dropdown, box_changed_cb, self);
  gtk_drop_down_set_selected (self->box_dropdown, first);
  g_signal_handlers_unblock_by_func (self->box_dropdown, box_changed_cb, self);
  update_actions (self);
  /* Approved plans whose month is over are verified as the tab opens;
   * the list is read after it (and at once meanwhile). */
  if (tam_session_can (session, TAM_PERM_DRAFT_RECOVERY) || tam_session_can (session, TAM_PERM_DECIDE_RECOVERY))
    simple_write (self, OP_VERIFY, 0, self->yesterday);
  tam_recovery_page_reload (self);
  return GTK_WIDGET (self);
}

static void
tam_recovery_page_dispose (GObject *object)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (object);

  tam_page_work_dispose (&self->work);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_pointer (&self->main_box, gtk_widget_unparent);
  G_OBJECT_CLASS (tam_recovery_page_parent_class)->dispose (object);
}

static void
tam_recovery_page_finalize (GObject *object)
{
  TamRecoveryPage *self = TAM_RECOVERY_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->session, tam_session_free);
  g_free (self->today);
  g_free (self->yesterday);
  g_clear_pointer (&self->calendar, tam_calendar_free);
  g_clear_pointer (&self->plans, g_ptr_array_unref);
  g_clear_object (&self->rows);
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (tam_recovery_page_parent_class)->finalize (object);
}

static void
tam_recovery_page_class_init (TamRecoveryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_recovery_page_dispose;
  object_class->finalize = tam_recovery_page_finalize;
  widget_class->root = tam_recovery_page_root;
  widget_class->unroot = tam_recovery_page_unroot;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "recovery.submit", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "recovery.approve", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "recovery.reject", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "recovery.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "recovery.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "recovery.close", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "recovery.follow-up", NULL, follow_up_action);
  gtk_widget_class_install_action (widget_class, "recovery.pdf", NULL, pdf_action);
  gtk_widget_class_install_action (widget_class, "recovery.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "recovery.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "recovery.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "recovery.holidays", NULL, holidays_action);
  gtk_widget_class_install_action (widget_class, "recovery.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "recovery.previous", NULL, move_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "recovery.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "recovery.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "recovery.approve", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "recovery.reject", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, 0, "recovery.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, 0, "recovery.done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, 0, "recovery.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, 0, "recovery.follow-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "recovery.pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "recovery.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "recovery.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "recovery.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, 0, "recovery.holidays", NULL);
}

static void
tam_recovery_page_init (TamRecoveryPage *self)
{
  self->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_recovery_plan_free);
  self->to_decide = -1;
}
