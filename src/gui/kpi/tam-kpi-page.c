/* tam-kpi-page.c: the monthly KPI tab (see tam-kpi-page.h).
 *
 * The page is built in code (its pieces are custom widgets the .ui
 * validator does not know). A load takes the month and the scope (the
 * member shown, with one level down for the bars), runs every core call
 * in a GTask on its own TamStore, and hands one Result back to the main
 * loop; a newer load makes an older result stale, which is dropped. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tam-chart-view.h"
#include "tam-format.h"
#include "tam-kpi-chart.h"
#include "tam-kpi-headcount-dialog.h"
#include "tam-kpi-page.h"
#include "tam-kpi-scorecard-view.h"
#include "tam-recovery-cycle.h"

#define N_PICKER_LEVELS 3

/* The workers' connection, kept between loads: a new one starts with an
 * empty page cache, which at 5 million calls doubles a month's load
 * (150 -> 330 ms). One worker at a time takes it; another running
 * meanwhile (a newer load) opens its own, dropped after. Shared by the
 * page and its loads (a load may outlive the page). */
typedef struct
{
  gint ref_count;
  GMutex lock;
  char *path;
  TamStore *idle;
} StorePool;

static StorePool *
store_pool_new (const char *path)
{
  StorePool *pool = g_new0 (StorePool, 1);

  pool->ref_count = 1;
  g_mutex_init (&pool->lock);
  pool->path = g_strdup (path);
  return pool;
}

static StorePool *
store_pool_ref (StorePool *pool)
{
  g_atomic_int_inc (&pool->ref_count);
  return pool;
}

static void
store_pool_unref (StorePool *pool)
{
  if (!g_atomic_int_dec_and_test (&pool->ref_count))
    return;
  g_clear_object (&pool->idle);
  g_mutex_clear (&pool->lock);
  g_free (pool->path);
  g_free (pool);
}

/* In a worker: the kept connection, or a new one. */
static TamStore *
store_pool_take (StorePool *pool,
                 GError **error)
{
  TamStore *store;

  g_mutex_lock (&pool->lock);
  store = g_steal_pointer (&pool->idle);
  g_mutex_unlock (&pool->lock);
  return store != NULL ? store : tam_store_open (pool->path, error);
}

static void
store_pool_give (StorePool *pool,
                 TamStore *store)
{
  g_mutex_lock (&pool->lock);
  if (pool->idle == NULL)
    pool->idle = g_steal_pointer (&store);
  g_mutex_unlock (&pool->lock);
  g_clear_object (&store);
}

struct _TamKpiPage
{
  GtkWidget parent_instance;

  TamStore *store;
  StorePool *pool;
  TamSession *session;
  char *month;
  TamKpiScope scope; /* of the member shown */
  char *key;         /* the member (NULL: national) */
  char *key_name;
  guint generation;
  gboolean loading;
  GCancellable *cancellable;

  GtkWidget *box;
  GtkDropDown *month_dropdown;
  GtkStringList *months;
  GtkDropDown *level_dropdown;  /* National, Site, Service, Team */
  GtkDropDown *member_dropdown; /* the members of the level */
  GtkStringList *member_names;
  GPtrArray *member_keys;              /* parallel to member_names */
  GPtrArray *members[N_PICKER_LEVELS]; /* per level: key, name, key, name… (the month's) */
  GtkMenuButton *menu_button;
  GtkButton *up_button;
  GtkButton *calls_button; /* an agent's calls in the Queue tab */
  GtkLabel *scope_label;
  GtkFlowBox *cards;
  TamChartView *line_view;
  TamChartView *bars_view;
  GtkLabel *bars_hint;
  TamKpiScorecardView *scorecard;
  GtkLabel *status;
  char *budget_text;
  gboolean budget_under;  /* even if every pending call passes */
  char *provisional_text; /* a past month whose calls still wait */
  GtkLabel *cycle_label;  /* the month's recovery plans: how fast */
};

G_DEFINE_FINAL_TYPE (TamKpiPage, tam_kpi_page, GTK_TYPE_WIDGET)

/* The scope picker's levels, after National (index 0 of its drop-down). */
static const TamKpiScope picker_levels[N_PICKER_LEVELS] = { TAM_KPI_SCOPE_SITE, TAM_KPI_SCOPE_SERVICE,
                                                            TAM_KPI_SCOPE_TEAM };

typedef struct
{
  StorePool *pool;
  TamSession *session;
  char *month;
  TamKpiScope scope;
  char *key;
  guint generation;
  /* out */
  GArray *cards;
  TamChart *line;
  TamChart *bars;
  GPtrArray *scores;
  GPtrArray *members[N_PICKER_LEVELS];
  gboolean has_budget;
  TamKpiBudget budget;     /* m unused */
  TamRecoveryCycle *cycle; /* the month's recovery plans, all sites */
  gint64 past_pending;     /* a past month: AGREE calls still waiting */
  gint64 past_agree;
  double low_bound; /* the B band: a parameter under it is flagged */
} Load;

static void
load_free (Load *l)
{
  store_pool_unref (l->pool);
  tam_session_free (l->session);
  g_free (l->month);
  g_free (l->key);
  g_clear_pointer (&l->cards, g_array_unref);
  g_clear_pointer (&l->line, tam_chart_unref);
  g_clear_pointer (&l->bars, tam_chart_unref);
  g_clear_pointer (&l->scores, g_ptr_array_unref);
  g_clear_pointer (&l->cycle, tam_recovery_cycle_free);
  for (guint i = 0; i < N_PICKER_LEVELS; i++)
    g_clear_pointer (&l->members[i], g_ptr_array_unref);
  g_free (l);
}

/* The level the bars compare: one down from the member shown. */
static gboolean
child_scope (TamKpiScope scope,
             TamKpiScope *child)
{
  switch (scope)
    {
    case TAM_KPI_SCOPE_NATIONAL:
      *child = TAM_KPI_SCOPE_SITE;
      return TRUE;
    case TAM_KPI_SCOPE_SITE:
    case TAM_KPI_SCOPE_SERVICE:
      *child = TAM_KPI_SCOPE_TEAM;
      return TRUE;
    case TAM_KPI_SCOPE_TEAM:
      *child = TAM_KPI_SCOPE_AGENT;
      return TRUE;
    default:
      return FALSE;
    }
}

/* The scope picker's members of each level: those with AGREE calls in
 * the month (from the month totals, fast), as key, name pairs. */
static gboolean
load_members (TamStore *store,
              Load *l,
              GError **error)
{
  for (guint i = 0; i < N_PICKER_LEVELS; i++)
    {
      g_autoptr (GPtrArray) rows = NULL;

      if (!tam_kpi_qvs (store, l->session, l->month, picker_levels[i], &rows, error))
        return FALSE;
      l->members[i] = g_ptr_array_new_with_free_func (g_free);
      for (guint r = 0; r < rows->len; r++)
        {
          const TamKpiMember *m = rows->pdata[r];

          if (m->key == NULL)
            continue;
          g_ptr_array_add (l->members[i], g_strdup (m->key));
          g_ptr_array_add (l->members[i], g_strdup (m->name != NULL ? m->name : m->key));
        }
    }
  return TRUE;
}

/* The QVS budget of the member shown, for the current month; for a past
 * month, how many of its AGREE calls still wait for tapping (its QVS and
 * first pass are provisional until they are tapped). */
static gboolean
load_budget (TamStore *store,
             Load *l,
             GError **error)
{
  g_autofree char *now = tam_kpi_current_month ();
  g_autoptr (GPtrArray) rows = NULL;
  gboolean current = g_strcmp0 (now, l->month) == 0;

  if (!tam_kpi_qvs_budget (store, l->session, l->month, l->scope, &rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiBudget *b = rows->pdata[i];

      if (l->scope != TAM_KPI_SCOPE_NATIONAL && g_strcmp0 (b->m.key, l->key) != 0)
        continue;
      if (current)
        {
          l->budget = *b;
          memset (&l->budget.m, 0, sizeof l->budget.m);
          l->has_budget = TRUE;
        }
      else
        {
          l->past_pending = b->pending;
          l->past_agree = b->agree;
        }
      break;
    }
  return TRUE;
}

/* Everything the tab shows for the load's month and member. */
static gboolean
load_compute (TamStore *store,
              Load *l,
              GError **error)
{
  g_autofree char *from = tam_kpi_month_add (l->month, -11);
  TamKpiSeriesQuery year = { .from = from, .to = l->month, .scope = l->scope, .key = l->key };
  TamKpiScope child;

  if (!tam_kpi_cards (store, l->session, l->month, l->scope, l->key, &l->cards, error))
    return FALSE;
  l->line = tam_kpi_chart_line (store, l->session, TAM_KPI_QVS, &year, error);
  if (l->line == NULL)
    return FALSE;
  /* The members of the level below inside the member shown. */
  if (child_scope (l->scope, &child) &&
      (l->bars = tam_kpi_chart_bars_within (store, l->session, TAM_KPI_QVS, l->month, child, l->scope, l->key,
                                            error)) == NULL)
    return FALSE;
  if (!tam_kpi_scorecard (store, l->session, l->month, &l->scores, error) || !load_members (store, l, error) ||
      !load_budget (store, l, error))
    return FALSE;
  /* How fast the month's recovery plans ran (the SOP's own KPI), for
   * whoever may export reports; the total of every site. */
  if (tam_session_can (l->session, TAM_PERM_EXPORT))
    {
      g_autoptr (GPtrArray) by_drafter = NULL;
      g_autoptr (GPtrArray) by_site = NULL;

      if (!tam_recovery_cycle_compute (store, l->session, l->month, &by_drafter, &by_site, error))
        return FALSE;
      if (by_site->len > 0)
        l->cycle = g_ptr_array_steal_index (by_site, by_site->len - 1);
    }
  l->low_bound = tam_kpi_target (store, TAM_KPI_ABU);
  return TRUE;
}

static void
load_thread (GTask *task,
             gpointer source,
             gpointer data,
             GCancellable *cancellable)
{
  Load *l = data;
  g_autoptr (GError) error = NULL;
  TamStore *store = store_pool_take (l->pool, &error);
  gboolean ok;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ok = load_compute (store, l, &error);
  store_pool_give (l->pool, store);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static char *
format_value (TamKpiKind kind,
              double value)
{
  TamLanguage lang = tam_format_language ();

  if (isnan (value))
    return g_strdup ("—");
  if (kind == TAM_KPI_ABU)
    return tam_format_number (lang, value, 1);
  return tam_format_percent (lang, value, 1);
}

char *
tam_kpi_page_cycle_text (const TamRecoveryCycle *c)
{
  TamLanguage lang = tam_format_language ();
  g_autofree char *draft = NULL, *workdays = NULL, *decision = NULL, *met = NULL;

  if (c->plans == 0)
    return g_strdup (_ ("Recovery plans for this month: none drafted."));
  draft = tam_format_number (lang, c->days_to_draft, 1);
  workdays = tam_format_number (lang, c->workdays_to_draft, 1);
  decision = isnan (c->days_to_decision) ? g_strdup ("—") : tam_format_number (lang, c->days_to_decision, 1);
  met = isnan (c->met_share) ? g_strdup ("—") : tam_format_percent (lang, c->met_share, 0);
  /* Translators: the KPI tab's line on the recovery cycle (SOP P-10): plans, days to the draft (working days),
   * days to the decision, share of the verified plans that met their target */
  return g_strdup_printf (_ ("Recovery plans for this month: %lld, drafted %s days after it (%s working days), "
                             "decided %s days after submission, %s of the verified met their target."),
                          (long long) c->plans, draft, workdays, decision, met);
}

char *
tam_kpi_page_provisional_text (gint64 pending,
                               gint64 agree)
{
  g_autofree char *p = tam_format_number (tam_format_language (), (double) pending, 0);
  g_autofree char *a = tam_format_number (tam_format_language (), (double) agree, 0);

  /* Translators: a past month's QVS card: "Provisional: 212 of 2,480 AGREE calls still wait for tapping" */
  return g_strdup_printf (_ ("Provisional: %s of %s AGREE calls still wait for tapping"), p, a);
}

const char *
tam_kpi_page_get_provisional_text (TamKpiPage *self)
{
  g_return_val_if_fail (TAM_IS_KPI_PAGE (self), NULL);
  return self->provisional_text;
}

char *
tam_kpi_page_budget_text (const TamKpiBudget *budget,
                          double target)
{
  g_autofree char *t = tam_format_percent (tam_format_language (), target, 0);

  if (budget->under)
    /* Translators: %lld VALID calls, %s the target, "95 %" */
    return g_strdup_printf (_ ("Under target: needs %lld more VALID to reach %s"), (long long) budget->valid_needed, t);
  /* Translators: %lld RETURNs, %lld pending calls, %s the target "95 %" */
  return g_strdup_printf (_ ("Can still take %lld RETURNs of %lld pending and stay at %s"),
                          (long long) budget->returns_left, (long long) budget->pending, t);
}

/* The code of win.recovery-draft's KPI (the recovery-plan issue's). */
static const char *
recovery_kpi_code (TamKpiKind kind)
{
  switch (kind)
    {
    case TAM_KPI_QVS:
      return "qvs";
    case TAM_KPI_FIRST_PASS:
      return "first_pass";
    case TAM_KPI_HEADCOUNT:
      return "headcount";
    case TAM_KPI_ABU:
      return "score";
    case TAM_KPI_ADHERENCE:
      return "adherence";
    case TAM_KPI_CT0_AGREE:
    default:
      return "ct0";
    }
}

/* "national", "site:CODE", "service:CODE", "team:NIK", "agent:NIK". */
static char *
recovery_scope (TamKpiScope scope,
                const char *key)
{
  switch (scope)
    {
    case TAM_KPI_SCOPE_SITE:
      return g_strdup_printf ("site:%s", key);
    case TAM_KPI_SCOPE_SERVICE:
      return g_strdup_printf ("service:%s", key);
    case TAM_KPI_SCOPE_TEAM:
      return g_strdup_printf ("team:%s", key);
    case TAM_KPI_SCOPE_AGENT:
      return g_strdup_printf ("agent:%s", key);
    case TAM_KPI_SCOPE_NATIONAL:
    default:
      return g_strdup ("national");
    }
}

/* Whether the window (another module's) offers @name ("win.x"): an action
 * of its GActionGroup (a GtkApplicationWindow's "win.") or one installed
 * on its class. */
static gboolean
window_has_action (GtkWidget *widget,
                   const char *name)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *dot = strchr (name, '.');
  GType owner;
  const char *action_name;
  const GVariantType *parameter_type;
  const char *property_name;

  if (root == NULL)
    return FALSE;
  if (G_IS_ACTION_GROUP (root) && g_str_has_prefix (name, "win.") &&
      g_action_group_has_action (G_ACTION_GROUP (root), dot + 1))
    return TRUE;
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (root), i, &owner, &action_name,
                                                   &parameter_type, &property_name);
       i++)
    if (g_strcmp0 (action_name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Shown only when the recovery-plan module's action exists (checked each
 * time the card is shown). */
static void
recovery_button_map_cb (GtkWidget *card,
                        GtkWidget *button)
{
  gtk_widget_set_visible (button, window_has_action (card, "win.recovery-draft"));
}

static void
recovery_clicked_cb (GtkButton *button)
{
  const char *param = g_object_get_data (G_OBJECT (button), "recovery-param");

  gtk_widget_activate_action (GTK_WIDGET (button), "win.recovery-draft", "s", param);
}

static GtkWidget *
card_new (TamKpiPage *self,
          const TamKpiCard *card,
          const char *budget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (tam_kpi_kind_to_label (card->kind));
  g_autofree char *value_text = format_value (card->kind, card->value);
  GtkWidget *value = gtk_label_new (value_text);
  g_autofree char *target_text = format_value (card->kind, card->target);
  g_autofree char *target_line = g_strdup_printf (_ ("Target %s"), target_text);
  GtkWidget *target = gtk_label_new (target_line);
  g_autofree char *change = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *change_label;

  if (!isnan (card->value) && !isnan (card->previous))
    {
      g_autofree char *delta = tam_format_number (tam_format_language (), card->value - card->previous, 1);
      change = g_strdup_printf (_ ("%s%s from last month"), card->value >= card->previous ? "+" : "", delta);
    }
  else
    change = g_strdup (_ ("No change to show"));
  change_label = gtk_label_new (change);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "kpi-card");
  gtk_widget_set_size_request (box, 170, -1);
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (value, "title-1");
  gtk_widget_add_css_class (target, "dim-label");
  gtk_widget_add_css_class (change_label, "caption");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  if (card->under)
    {
      gtk_widget_add_css_class (value, "error");
      gtk_widget_add_css_class (box, "kpi-under");
    }
  gtk_widget_set_margin_top (title, 10);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), target);
  gtk_box_append (GTK_BOX (box), change_label);
  if (budget != NULL)
    {
      GtkWidget *label = gtk_label_new (budget);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "kpi-budget");
      /* Red when even the pending calls cannot bring it to the target. */
      gtk_widget_add_css_class (label, self->budget_under ? "error" : "success");
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_box_append (GTK_BOX (box), label);
    }
  if (card->under)
    {
      GtkWidget *button = gtk_button_new_with_label (_ ("Draft recovery plan…"));
      g_autofree char *scope = recovery_scope (self->scope, self->key);
      g_autofree char *a11y_name = g_strdup_printf (_ ("Draft a recovery plan for %s"),
                                                    tam_kpi_kind_to_label (card->kind));

      g_object_set_data_full (G_OBJECT (button), "recovery-param",
                              g_strdup_printf ("%s\t%s\t%s", recovery_kpi_code (card->kind), scope, self->month),
                              g_free);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "kpi-recovery");
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (button, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_name, -1);
      g_signal_connect (button, "clicked", G_CALLBACK (recovery_clicked_cb), NULL);
      g_signal_connect_object (box, "map", G_CALLBACK (recovery_button_map_cb), button, 0);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_widget_set_margin_bottom (gtk_widget_get_last_child (box), 10);
  accessible = g_strdup_printf ("%s: %s, %s%s%s%s", tam_kpi_kind_to_label (card->kind), value_text, target_line,
                                card->under ? _ (", under target") : "", budget ? ", " : "", budget ? budget : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return box;
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

/* Only the agents inside the member shown (a site's, a team's). */
static gboolean
score_inside (const TamKpiScore *s,
              gpointer data)
{
  const TamKpiPage *self = data;

  switch (self->scope)
    {
    case TAM_KPI_SCOPE_SITE:
      return g_strcmp0 (s->m.site, self->key) == 0;
    case TAM_KPI_SCOPE_SERVICE:
      return g_strcmp0 (s->m.service, self->key) == 0;
    case TAM_KPI_SCOPE_TEAM:
      return g_strcmp0 (s->m.team_leader_nik, self->key) == 0;
    case TAM_KPI_SCOPE_AGENT:
      return g_strcmp0 (s->m.key, self->key) == 0;
    default:
      return TRUE;
    }
}

static int
picker_index (TamKpiScope scope)
{
  for (int i = 0; i < N_PICKER_LEVELS; i++)
    if (picker_levels[i] == scope)
      return i;
  return -1;
}

static void level_changed_cb (TamKpiPage *self);
static void member_changed_cb (TamKpiPage *self);

/* The pickers show the scope (after a drill-down, a load, National). */
static void
sync_pickers (TamKpiPage *self)
{
  int level = picker_index (self->scope);
  guint selected = GTK_INVALID_LIST_POSITION;

  g_signal_handlers_block_by_func (self->level_dropdown, level_changed_cb, self);
  g_signal_handlers_block_by_func (self->member_dropdown, member_changed_cb, self);
  gtk_drop_down_set_selected (self->level_dropdown, level < 0 ? 0 : (guint) level + 1);
  gtk_string_list_splice (self->member_names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->member_names)), NULL);
  g_ptr_array_set_size (self->member_keys, 0);
  if (level >= 0 && self->members[level] != NULL)
    for (guint i = 0; i + 1 < self->members[level]->len; i += 2)
      {
        const char *key = self->members[level]->pdata[i];

        if (g_strcmp0 (key, self->key) == 0)
          selected = self->member_keys->len;
        g_ptr_array_add (self->member_keys, g_strdup (key));
        gtk_string_list_append (self->member_names, self->members[level]->pdata[i + 1]);
      }
  /* A member with no calls this month is still the one shown. */
  if (level >= 0 && selected == GTK_INVALID_LIST_POSITION && self->key != NULL)
    {
      selected = self->member_keys->len;
      g_ptr_array_add (self->member_keys, g_strdup (self->key));
      gtk_string_list_append (self->member_names, self->key_name ? self->key_name : self->key);
    }
  gtk_drop_down_set_selected (self->member_dropdown, selected);
  gtk_widget_set_visible (GTK_WIDGET (self->member_dropdown), level >= 0);
  g_signal_handlers_unblock_by_func (self->level_dropdown, level_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->member_dropdown, member_changed_cb, self);
}

static void
show_result (TamKpiPage *self,
             Load *l)
{
  g_clear_pointer (&self->budget_text, g_free);
  if (l->has_budget)
    self->budget_text = tam_kpi_page_budget_text (&l->budget, tam_chart_get_target (l->line));
  self->budget_under = l->has_budget && l->budget.under;
  g_clear_pointer (&self->provisional_text, g_free);
  if (l->past_pending > 0)
    self->provisional_text = tam_kpi_page_provisional_text (l->past_pending, l->past_agree);
  clear_flow_box (self->cards);
  for (guint i = 0; i < l->cards->len; i++)
    {
      const TamKpiCard *card = &g_array_index (l->cards, TamKpiCard, i);
      GtkWidget *widget = card_new (self, card, card->kind == TAM_KPI_QVS ? self->budget_text : NULL);

      /* QVS and first pass of a month not fully tapped are provisional. */
      if (self->provisional_text != NULL && (card->kind == TAM_KPI_QVS || card->kind == TAM_KPI_FIRST_PASS))
        {
          /* Under the change from last month (title, value, target, change). */
          GtkWidget *after = gtk_widget_get_first_child (widget);
          GtkWidget *label = gtk_label_new (self->provisional_text);

          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
          gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "warning");
          gtk_widget_add_css_class (label, "kpi-provisional");
          gtk_widget_set_margin_start (label, 6);
          gtk_widget_set_margin_end (label, 6);
          for (int k = 0; k < 3 && after != NULL && gtk_widget_get_next_sibling (after) != NULL; k++)
            after = gtk_widget_get_next_sibling (after);
          gtk_box_insert_child_after (GTK_BOX (widget), label, after);
        }
      gtk_flow_box_append (self->cards, widget);
    }
  {
    g_autofree char *cycle = l->cycle != NULL ? tam_kpi_page_cycle_text (l->cycle) : NULL;

    gtk_label_set_text (self->cycle_label, cycle != NULL ? cycle : "");
    gtk_widget_set_visible (GTK_WIDGET (self->cycle_label), cycle != NULL);
  }
  tam_chart_view_set_chart (self->line_view, l->line);
  tam_chart_view_set_chart (self->bars_view, l->bars);
  gtk_widget_set_visible (GTK_WIDGET (self->bars_view), l->bars != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->bars_hint), l->bars != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->calls_button), self->scope == TAM_KPI_SCOPE_AGENT);

  for (guint i = 0; i < N_PICKER_LEVELS; i++)
    {
      g_clear_pointer (&self->members[i], g_ptr_array_unref);
      self->members[i] = g_steal_pointer (&l->members[i]);
    }
  sync_pickers (self);
  tam_kpi_scorecard_view_set_rows (self->scorecard, l->scores, score_inside, self, l->low_bound);
}

static void load (TamKpiPage *self);

static void
load_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr (TamKpiPage) self = user_data;
  g_autoptr (GError) error = NULL;
  Load *l = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (l->generation == self->generation)
        {
          self->loading = FALSE;
          gtk_label_set_text (self->status, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
        }
      return;
    }
  if (l->generation != self->generation)
    return; /* a newer load is on its way */
  self->loading = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  show_result (self, l);
}

static void
update_scope_label (TamKpiPage *self)
{
  g_autofree char *text = NULL;

  if (self->scope == TAM_KPI_SCOPE_NATIONAL)
    text = g_strdup (_ ("National"));
  else
    text = g_strdup_printf ("%s: %s", tam_kpi_scope_to_label (self->scope),
                            self->key_name ? self->key_name : self->key);
  gtk_label_set_text (self->scope_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->up_button), self->scope != TAM_KPI_SCOPE_NATIONAL);
}

/* The tab's menu: the KPI workbook and the month-end pack of the month
 * shown, and the headcount targets for who may set them. */
static void
update_menu (TamKpiPage *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();
  g_autoptr (GMenuItem) workbook = g_menu_item_new (_ ("KPI _Workbook…"), NULL);
  g_autoptr (GMenuItem) pack = g_menu_item_new (_ ("_Month-End Pack…"), NULL);

  g_menu_item_set_action_and_target_value (workbook, "win.report", g_variant_new_string ("kpi"));
  g_menu_append_item (menu, workbook);
  g_menu_item_set_action_and_target_value (pack, "win.report-pack", g_variant_new_string (self->month));
  g_menu_append_item (menu, pack);
  if (tam_session_can (self->session, TAM_PERM_IMPORT_KPI))
    g_menu_append (menu, _ ("_Headcount Targets…"), "kpi.headcount-targets");
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

static void
load (TamKpiPage *self)
{
  g_autoptr (GTask) task = NULL;
  Load *l = g_new0 (Load, 1);

  update_scope_label (self);
  l->pool = store_pool_ref (self->pool);
  l->session = tam_session_copy (self->session);
  l->month = g_strdup (self->month);
  l->scope = self->scope;
  l->key = g_strdup (self->key);
  l->generation = ++self->generation;
  self->loading = TRUE;
  task = g_task_new (NULL, self->cancellable, load_done, g_object_ref (self));
  g_task_set_task_data (task, l, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

static void
month_changed_cb (TamKpiPage *self)
{
  guint i = gtk_drop_down_get_selected (self->month_dropdown);
  const char *month = gtk_string_list_get_string (self->months, i);

  if (month == NULL || g_strcmp0 (month, self->month) == 0)
    return;
  g_free (self->month);
  self->month = g_strdup (month);
  update_menu (self);
  load (self);
}

static void
set_scope (TamKpiPage *self,
           TamKpiScope scope,
           const char *key,
           const char *name)
{
  self->scope = scope;
  g_free (self->key);
  self->key = g_strdup (key);
  g_free (self->key_name);
  self->key_name = g_strdup (name);
  sync_pickers (self);
  load (self);
}

static void
level_changed_cb (TamKpiPage *self)
{
  guint level = gtk_drop_down_get_selected (self->level_dropdown);
  GPtrArray *members;

  if (level == 0 || level > N_PICKER_LEVELS)
    {
      if (self->scope != TAM_KPI_SCOPE_NATIONAL)
        set_scope (self, TAM_KPI_SCOPE_NATIONAL, NULL, NULL);
      return;
    }
  members = self->members[level - 1];
  if (picker_levels[level - 1] == self->scope)
    return;
  if (members == NULL || members->len < 2)
    {
      /* Nothing of that level this month: the pickers say where we are. */
      sync_pickers (self);
      gtk_label_set_text (self->status, _ ("No member of that level has calls this month."));
      gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
      return;
    }
  set_scope (self, picker_levels[level - 1], members->pdata[0], members->pdata[1]);
}

static void
member_changed_cb (TamKpiPage *self)
{
  guint i = gtk_drop_down_get_selected (self->member_dropdown);
  int level = (int) gtk_drop_down_get_selected (self->level_dropdown) - 1;

  if (level < 0 || level >= N_PICKER_LEVELS || i >= self->member_keys->len ||
      g_strcmp0 (self->member_keys->pdata[i], self->key) == 0)
    return;
  set_scope (self, picker_levels[level], self->member_keys->pdata[i],
             gtk_string_list_get_string (self->member_names, i));
}

/* An agent's calls of the month in the Queue tab (the window's action;
 * without a Queue tab for the role, a word in the status line). */
static void
show_agent_calls (TamKpiPage *self,
                  const char *nik)
{
  g_autofree char *param = g_strdup_printf ("%s\t%s", nik, self->month);

  if (!window_has_action (GTK_WIDGET (self), "win.queue-agent-month") ||
      !gtk_widget_activate_action (GTK_WIDGET (self), "win.queue-agent-month", "s", param))
    {
      gtk_label_set_text (self->status, _ ("The calls cannot be shown: this desk has no Queue tab."));
      gtk_widget_set_visible (GTK_WIDGET (self->status), TRUE);
    }
}

/* A bar: one level down; an agent's bar: their calls in the Queue tab. */
static void
bar_activated_cb (TamKpiPage *self,
                  guint index,
                  TamChartView *view)
{
  TamChart *chart = tam_chart_view_get_chart (view);
  TamKpiScope child;

  if (chart == NULL || !child_scope (self->scope, &child) || tam_chart_get_item_id (chart, index) == NULL)
    return;
  if (child == TAM_KPI_SCOPE_AGENT)
    show_agent_calls (self, tam_chart_get_item_id (chart, index));
  else
    set_scope (self, child, tam_chart_get_item_id (chart, index), tam_chart_get_item_label (chart, index));
}

static void
agent_activated_cb (TamKpiPage *self,
                    const char *nik)
{
  show_agent_calls (self, nik);
}

static void
calls_clicked_cb (TamKpiPage *self)
{
  if (self->scope == TAM_KPI_SCOPE_AGENT && self->key != NULL)
    show_agent_calls (self, self->key);
}

static void
up_clicked_cb (TamKpiPage *self)
{
  set_scope (self, TAM_KPI_SCOPE_NATIONAL, NULL, NULL);
}

static void
headcount_saved_cb (TamKpiPage *self)
{
  load (self);
}

static void
headcount_targets_action (GtkWidget *widget,
                          const char *action_name,
                          GVariant *param)
{
  TamKpiPage *self = TAM_KPI_PAGE (widget);
  TamKpiHeadcountDialog *dialog;

  if (!tam_session_can (self->session, TAM_PERM_IMPORT_KPI))
    return;
  dialog = tam_kpi_headcount_dialog_new (widget, self->store, self->session, self->month);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (headcount_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
section_title (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
tam_kpi_page_dispose (GObject *object)
{
  TamKpiPage *self = TAM_KPI_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (tam_kpi_page_parent_class)->dispose (object);
}

static void
tam_kpi_page_finalize (GObject *object)
{
  TamKpiPage *self = TAM_KPI_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->pool, store_pool_unref);
  g_clear_pointer (&self->session, tam_session_free);
  g_free (self->month);
  g_free (self->key);
  g_free (self->key_name);
  g_free (self->budget_text);
  g_free (self->provisional_text);
  g_clear_object (&self->months);
  g_clear_object (&self->member_names);
  g_clear_pointer (&self->member_keys, g_ptr_array_unref);
  for (guint i = 0; i < N_PICKER_LEVELS; i++)
    g_clear_pointer (&self->members[i], g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (tam_kpi_page_parent_class)->finalize (object);
}

static void
tam_kpi_page_class_init (TamKpiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_kpi_page_dispose;
  object_class->finalize = tam_kpi_page_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_install_action (widget_class, "kpi.headcount-targets", NULL, headcount_targets_action);
}

static GtkDropDown *
string_dropdown (GtkStringList *model,
                 const char *accessible_name)
{
  g_autoptr (GtkExpression) expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL));

  gtk_drop_down_set_expression (dropdown, expression);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  return dropdown;
}

static void
tam_kpi_page_init (TamKpiPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *pickers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *month_label = gtk_label_new_with_mnemonic (_ ("_Month"));
  GtkWidget *level_label = gtk_label_new_with_mnemonic (_ ("_Scope"));
  GtkWidget *clamp = adw_clamp_new ();
  g_autoptr (GtkStringList) levels = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  self->member_keys = g_ptr_array_new_with_free_func (g_free);
  self->box = scrolled;
  gtk_widget_set_parent (scrolled, GTK_WIDGET (self));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1400);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);

  /* The member shown, back to national, the menu. */
  self->scope_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->scope_label), "title-4");
  gtk_widget_set_hexpand (GTK_WIDGET (self->scope_label), TRUE);
  gtk_label_set_xalign (self->scope_label, 0);
  gtk_label_set_ellipsize (self->scope_label, PANGO_ELLIPSIZE_END);
  self->up_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_National")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->up_button), _ ("Back to the national figures"));
  self->calls_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("Show _Calls")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->calls_button),
                               _ ("This agent's returned calls of the month in the Queue tab"));
  gtk_widget_set_visible (GTK_WIDGET (self->calls_button), FALSE);
  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-more-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _ ("KPI exports and targets"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("KPI menu"), -1);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->scope_label));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->calls_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->up_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->menu_button));
  gtk_box_append (GTK_BOX (content), bar);

  /* Scope and month pickers. */
  gtk_string_list_append (levels, _ ("National"));
  for (guint i = 0; i < N_PICKER_LEVELS; i++)
    gtk_string_list_append (levels, tam_kpi_scope_to_label (picker_levels[i]));
  self->level_dropdown = string_dropdown (levels, _ ("Scope"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (level_label), GTK_WIDGET (self->level_dropdown));
  self->member_names = gtk_string_list_new (NULL);
  self->member_dropdown = string_dropdown (self->member_names, _ ("Member of the scope"));
  gtk_drop_down_set_enable_search (self->member_dropdown, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->member_dropdown), FALSE);
  gtk_box_append (GTK_BOX (pickers), level_label);
  gtk_box_append (GTK_BOX (pickers), GTK_WIDGET (self->level_dropdown));
  gtk_box_append (GTK_BOX (pickers), GTK_WIDGET (self->member_dropdown));
  self->months = gtk_string_list_new (NULL);
  self->month_dropdown = string_dropdown (self->months, _ ("Month"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (month_label), GTK_WIDGET (self->month_dropdown));
  gtk_widget_set_margin_start (month_label, 12);
  gtk_box_append (GTK_BOX (pickers), month_label);
  gtk_box_append (GTK_BOX (pickers), GTK_WIDGET (self->month_dropdown));
  gtk_box_append (GTK_BOX (content), pickers);

  self->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->status), FALSE);
  gtk_label_set_wrap (self->status, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->status));

  /* The cards. */
  self->cards = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->cards, GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (self->cards, 6);
  gtk_flow_box_set_min_children_per_line (self->cards, 2);
  gtk_flow_box_set_homogeneous (self->cards, TRUE);
  gtk_flow_box_set_column_spacing (self->cards, 8);
  gtk_flow_box_set_row_spacing (self->cards, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cards), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("KPI cards"), -1);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->cards));
  self->cycle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->cycle_label, TRUE);
  gtk_label_set_xalign (self->cycle_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->cycle_label), "kpi-cycle");
  gtk_widget_set_visible (GTK_WIDGET (self->cycle_label), FALSE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->cycle_label));

  /* The charts. */
  gtk_box_append (GTK_BOX (content), section_title (_ ("Quality Validation Score, the last twelve months")));
  self->line_view = TAM_CHART_VIEW (tam_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->line_view), -1, 260);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->line_view));
  self->bars_hint = GTK_LABEL (section_title (_ ("Quality Validation Score by member: click a bar, or press Enter on it, to go down (an agent: their calls)")));
  gtk_label_set_wrap (self->bars_hint, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->bars_hint));
  self->bars_view = TAM_CHART_VIEW (tam_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->bars_view), -1, 280);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->bars_view));

  /* The scorecard. */
  self->scorecard = TAM_KPI_SCORECARD_VIEW (tam_kpi_scorecard_view_new ());
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->scorecard));

  g_signal_connect_object (self->bars_view, "item-activated", G_CALLBACK (bar_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scorecard, "agent-activated", G_CALLBACK (agent_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->up_button, "clicked", G_CALLBACK (up_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->calls_button, "clicked", G_CALLBACK (calls_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->level_dropdown, "notify::selected", G_CALLBACK (level_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->member_dropdown, "notify::selected", G_CALLBACK (member_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
tam_kpi_page_new (TamStore *store,
                  const TamSession *session)
{
  TamKpiPage *self = g_object_new (TAM_TYPE_KPI_PAGE, NULL);
  g_autofree char *current = tam_kpi_current_month ();
  g_autofree char *last = tam_kpi_last_complete_month ();

  self->store = g_object_ref (store);
  self->pool = store_pool_new (tam_store_get_path (store));
  self->session = tam_session_copy (session);
  self->scope = TAM_KPI_SCOPE_NATIONAL;
  /* The month running (its QVS budget), then the last complete one (the
   * tab opens on it) and 23 before it. */
  gtk_string_list_append (self->months, current);
  for (int i = 0; i < 24; i++)
    {
      g_autofree char *m = tam_kpi_month_add (last, -i);
      gtk_string_list_append (self->months, m);
    }
  self->month = g_strdup (last);
  gtk_drop_down_set_selected (self->month_dropdown, 1);
  g_signal_connect_object (self->month_dropdown, "notify::selected", G_CALLBACK (month_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_menu (self);
  load (self);
  return GTK_WIDGET (self);
}

const char *
tam_kpi_page_get_month (TamKpiPage *self)
{
  return self->month;
}

const char *
tam_kpi_page_get_scope_key (TamKpiPage *self)
{
  return self->key;
}

gboolean
tam_kpi_page_is_loading (TamKpiPage *self)
{
  return self->loading;
}

void
tam_kpi_page_set_month (TamKpiPage *self,
                        const char *month)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->months)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->months, i), month) == 0)
      gtk_drop_down_set_selected (self->month_dropdown, i);
}

void
tam_kpi_page_set_scope (TamKpiPage *self,
                        TamKpiScope scope,
                        const char *key)
{
  int level = picker_index (scope);
  GPtrArray *members;

  if (scope == TAM_KPI_SCOPE_NATIONAL)
    {
      set_scope (self, TAM_KPI_SCOPE_NATIONAL, NULL, NULL);
      return;
    }
  g_return_if_fail (level >= 0);
  /* One load, as a member chosen in the pickers (NULL: the first). */
  members = self->members[level];
  for (guint i = 0; members != NULL && i + 1 < members->len; i += 2)
    if (key == NULL || g_strcmp0 (members->pdata[i], key) == 0)
      {
        set_scope (self, scope, members->pdata[i], members->pdata[i + 1]);
        return;
      }
  if (key != NULL)
    set_scope (self, scope, key, NULL);
}

TamKpiScope
tam_kpi_page_get_scope (TamKpiPage *self)
{
  return self->scope;
}

const char *
tam_kpi_page_get_budget_text (TamKpiPage *self)
{
  return self->budget_text;
}

TamKpiScorecardView *
tam_kpi_page_get_scorecard (TamKpiPage *self)
{
  return self->scorecard;
}
