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

#include "tam-chart-view.h"
#include "tam-format.h"
#include "tam-kpi-chart.h"
#include "tam-kpi-page.h"

struct _TamKpiPage
{
  GtkWidget parent_instance;

  TamStore *store;
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
  GtkButton *up_button;
  GtkLabel *scope_label;
  GtkFlowBox *cards;
  TamChartView *line_view;
  TamChartView *bars_view;
  GtkLabel *bars_hint;
  GtkListBox *scorecard;
  GtkLabel *status;
};

G_DEFINE_FINAL_TYPE (TamKpiPage, tam_kpi_page, GTK_TYPE_WIDGET)

typedef struct
{
  char *path;
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
} Load;

static void
load_free (Load *l)
{
  g_free (l->path);
  tam_session_free (l->session);
  g_free (l->month);
  g_free (l->key);
  g_clear_pointer (&l->cards, g_array_unref);
  g_clear_pointer (&l->line, tam_chart_unref);
  g_clear_pointer (&l->bars, tam_chart_unref);
  g_clear_pointer (&l->scores, g_ptr_array_unref);
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

static void
load_thread (GTask *task,
             gpointer source,
             gpointer data,
             GCancellable *cancellable)
{
  Load *l = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (l->path, &error);
  g_autofree char *from = NULL;
  TamKpiScope child;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  from = tam_kpi_month_add (l->month, -11);
  if (!tam_kpi_cards (store, l->session, l->month, l->scope, l->key, &l->cards, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  l->line = tam_kpi_chart_line (store, l->session, TAM_KPI_QVS, from, l->month, l->scope, l->key, &error);
  if (l->line == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (child_scope (l->scope, &child))
    {
      /* Every member of the level below; those outside the member shown
       * are left out below. */
      l->bars = tam_kpi_chart_bars (store, l->session, TAM_KPI_QVS, l->month, child, &error);
      if (l->bars == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  if (!tam_kpi_scorecard (store, l->session, l->month, &l->scores, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
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

static GtkWidget *
card_new (const TamKpiCard *card)
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
  if (card->under)
    {
      gtk_widget_add_css_class (value, "error");
      gtk_widget_add_css_class (box, "kpi-under");
    }
  gtk_widget_set_margin_top (title, 10);
  gtk_widget_set_margin_bottom (change_label, 10);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), value);
  gtk_box_append (GTK_BOX (box), target);
  gtk_box_append (GTK_BOX (box), change_label);
  accessible = g_strdup_printf ("%s: %s, %s%s", tam_kpi_kind_to_label (card->kind), value_text, target_line,
                                card->under ? _ (", under target") : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return box;
}

static void
clear_box (GtkWidget *container)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (container)) != NULL)
    {
      if (GTK_IS_FLOW_BOX (container))
        gtk_flow_box_remove (GTK_FLOW_BOX (container), child);
      else if (GTK_IS_LIST_BOX (container))
        gtk_list_box_remove (GTK_LIST_BOX (container), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
score_row (const TamKpiScore *s)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *who = g_strdup_printf ("%s  %s", s->m.key ? s->m.key : "", s->m.name ? s->m.name : "");
  GtkWidget *name = gtk_label_new (who);
  g_autofree char *score_text = format_value (TAM_KPI_ABU, s->score);
  g_autofree char *values = NULL;
  GString *v = g_string_new (NULL);
  GtkWidget *grade = gtk_label_new (tam_abu_grade_to_label (s->grade));
  GtkWidget *score = gtk_label_new (score_text);
  GtkWidget *params;

  for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
    {
      g_autofree char *x = format_value (TAM_KPI_ABU, s->values[p]);
      g_string_append_printf (v, "%s%s %s", p ? "   " : "", tam_abu_parameter_to_code (p), x);
    }
  values = g_string_free (v, FALSE);
  params = gtk_label_new (values);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (params, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (params), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (score, "numeric");
  gtk_widget_set_size_request (grade, 24, -1);
  if (s->under_b)
    gtk_widget_add_css_class (grade, "error");
  else
    gtk_widget_add_css_class (grade, "success");
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), params);
  gtk_box_append (GTK_BOX (row), score);
  gtk_box_append (GTK_BOX (row), grade);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  {
    g_autofree char *a11y = g_strdup_printf (_ ("%s: score %s, grade %s"), who, score_text,
                                             tam_abu_grade_to_label (s->grade));
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  }
  return row;
}

static int
compare_scores (gconstpointer a,
                gconstpointer b)
{
  const TamKpiScore *x = *(TamKpiScore *const *) a, *y = *(TamKpiScore *const *) b;
  double sx = isnan (x->score) ? 1000 : x->score, sy = isnan (y->score) ? 1000 : y->score;

  return sx < sy ? -1 : sx > sy;
}

/* Only the members inside the member shown (a site's teams). */
static gboolean
member_inside (const TamKpiPage *self,
               const TamKpiScore *s)
{
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

static void
show_result (TamKpiPage *self,
             Load *l)
{
  guint shown = 0;

  clear_box (GTK_WIDGET (self->cards));
  for (guint i = 0; i < l->cards->len; i++)
    gtk_flow_box_append (self->cards, card_new (&g_array_index (l->cards, TamKpiCard, i)));
  tam_chart_view_set_chart (self->line_view, l->line);
  tam_chart_view_set_chart (self->bars_view, l->bars);
  gtk_widget_set_visible (GTK_WIDGET (self->bars_view), l->bars != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->bars_hint), l->bars != NULL);

  clear_box (GTK_WIDGET (self->scorecard));
  g_ptr_array_sort (l->scores, compare_scores);
  for (guint i = 0; i < l->scores->len && shown < 200; i++)
    if (member_inside (self, l->scores->pdata[i]))
      {
        gtk_list_box_append (self->scorecard, score_row (l->scores->pdata[i]));
        shown++;
      }
  if (shown == 0)
    gtk_list_box_append (self->scorecard, gtk_label_new (_ ("No ABU scores for this month and scope")));
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

static void
load (TamKpiPage *self)
{
  g_autoptr (GTask) task = NULL;
  Load *l = g_new0 (Load, 1);

  update_scope_label (self);
  l->path = g_strdup (tam_store_get_path (self->store));
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
  load (self);
}

/* A bar: one level down. */
static void
bar_activated_cb (TamKpiPage *self,
                  guint index,
                  TamChartView *view)
{
  TamChart *chart = tam_chart_view_get_chart (view);
  TamKpiScope child;

  if (chart == NULL || !child_scope (self->scope, &child) || tam_chart_get_item_id (chart, index) == NULL)
    return;
  set_scope (self, child, tam_chart_get_item_id (chart, index), tam_chart_get_item_label (chart, index));
}

static void
up_clicked_cb (TamKpiPage *self)
{
  set_scope (self, TAM_KPI_SCOPE_NATIONAL, NULL, NULL);
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
  g_clear_pointer (&self->session, tam_session_free);
  g_free (self->month);
  g_free (self->key);
  g_free (self->key_name);
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
}

static void
tam_kpi_page_init (TamKpiPage *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *month_label = gtk_label_new_with_mnemonic (_ ("_Month"));
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *score_frame;

  self->cancellable = g_cancellable_new ();
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

  /* Month and scope. */
  self->months = gtk_string_list_new (NULL);
  self->month_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->months)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (month_label), GTK_WIDGET (self->month_dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Month"), -1);
  self->scope_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->scope_label), "title-4");
  gtk_widget_set_hexpand (GTK_WIDGET (self->scope_label), TRUE);
  gtk_label_set_xalign (self->scope_label, 0);
  gtk_label_set_ellipsize (self->scope_label, PANGO_ELLIPSIZE_END);
  self->up_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_National")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->up_button), _ ("Back to the national figures"));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->scope_label));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->up_button));
  gtk_box_append (GTK_BOX (bar), month_label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->month_dropdown));
  gtk_box_append (GTK_BOX (content), bar);

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

  /* The charts. */
  gtk_box_append (GTK_BOX (content), section_title (_ ("Quality Validation Score, the last twelve months")));
  self->line_view = TAM_CHART_VIEW (tam_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->line_view), -1, 260);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->line_view));
  self->bars_hint = GTK_LABEL (section_title (_ ("Quality Validation Score by member: click a bar, or press Enter on it, to go down")));
  gtk_label_set_wrap (self->bars_hint, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->bars_hint));
  self->bars_view = TAM_CHART_VIEW (tam_chart_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->bars_view), -1, 280);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->bars_view));

  /* The scorecard, worst first. */
  gtk_box_append (GTK_BOX (content), section_title (_ ("ABU scorecard, lowest score first")));
  self->scorecard = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->scorecard, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->scorecard), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scorecard), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("ABU scorecard"), -1);
  score_frame = GTK_WIDGET (self->scorecard);
  gtk_box_append (GTK_BOX (content), score_frame);

  g_signal_connect_object (self->bars_view, "item-activated", G_CALLBACK (bar_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->up_button, "clicked", G_CALLBACK (up_clicked_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
tam_kpi_page_new (TamStore *store,
                  const TamSession *session)
{
  TamKpiPage *self = g_object_new (TAM_TYPE_KPI_PAGE, NULL);
  g_autofree char *last = tam_kpi_last_complete_month ();
  guint selected = 0;

  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  self->scope = TAM_KPI_SCOPE_NATIONAL;
  /* The last complete month first, then 23 before it. */
  for (int i = 0; i < 24; i++)
    {
      g_autofree char *m = tam_kpi_month_add (last, -i);
      gtk_string_list_append (self->months, m);
    }
  self->month = g_strdup (last);
  gtk_drop_down_set_selected (self->month_dropdown, selected);
  g_signal_connect_object (self->month_dropdown, "notify::selected", G_CALLBACK (month_changed_cb), self,
                           G_CONNECT_SWAPPED);
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
