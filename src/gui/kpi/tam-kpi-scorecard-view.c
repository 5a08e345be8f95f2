/* tam-kpi-scorecard-view.c: the ABU scorecard as a sortable GtkColumnView
 * (see tam-kpi-scorecard-view.h). Each row is a small GObject copied from
 * a TamKpiScore; each column has a GtkCustomSorter, and the column view's
 * sorter drives a GtkSortListModel. Under the view: a TamSlotModel and
 * TamCells (widgets/), as the Roster and the Coaching tab do: GTK 4.8
 * keeps ~200 rows bound, and new rows of GtkLabels for a thousand agents
 * cost half a second a month chosen. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tam-cell.h"
#include "tam-format.h"
#include "tam-kpi-scorecard-view.h"
#include "tam-slot-model.h"

/* ------------------------------------------------------------------ */
/* A row */

#define TAM_TYPE_SCORE_ITEM (tam_score_item_get_type ())
G_DECLARE_FINAL_TYPE (TamScoreItem, tam_score_item, TAM, SCORE_ITEM, GObject)

struct _TamScoreItem
{
  GObject parent_instance;
  char *nik;
  char *name;
  char *team;
  double values[TAM_N_ABU_PARAMETERS];
  double score;
  TamAbuGrade grade;
  gboolean graded; /* score not NAN */
  gboolean under_b;
  guint low; /* bits (1 << TamAbuParameter): under @low_bound */
  char *flags;
};

G_DEFINE_FINAL_TYPE (TamScoreItem, tam_score_item, G_TYPE_OBJECT)

static void
tam_score_item_finalize (GObject *object)
{
  TamScoreItem *self = TAM_SCORE_ITEM (object);

  g_free (self->nik);
  g_free (self->name);
  g_free (self->team);
  g_free (self->flags);
  G_OBJECT_CLASS (tam_score_item_parent_class)->finalize (object);
}

static void
tam_score_item_class_init (TamScoreItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tam_score_item_finalize;
}

static void
tam_score_item_init (TamScoreItem *self)
{
}

static char *
format_score (double value)
{
  if (isnan (value))
    return g_strdup ("—");
  return tam_format_number (tam_format_language (), value, 1);
}

static TamScoreItem *
score_item_new (const TamKpiScore *s,
                double low_bound)
{
  TamScoreItem *item = g_object_new (TAM_TYPE_SCORE_ITEM, NULL);
  g_autoptr (GString) flags = g_string_new (NULL);

  item->nik = g_strdup (s->m.key);
  item->name = g_strdup (s->m.name);
  item->team = g_strdup (s->m.team_leader_name != NULL ? s->m.team_leader_name : "");
  memcpy (item->values, s->values, sizeof item->values);
  item->score = s->score;
  item->grade = s->grade;
  item->graded = !isnan (s->score);
  item->under_b = s->under_b;
  if (item->under_b)
    g_string_append (flags, _ ("Under B"));
  for (int p = 0; p < TAM_N_ABU_PARAMETERS; p++)
    if (!isnan (s->values[p]) && s->values[p] < low_bound - 1e-9)
      {
        g_autofree char *v = format_score (s->values[p]);

        item->low |= 1u << p;
        g_string_append_printf (flags, "%s%s %s", flags->len ? " · " : "", tam_abu_parameter_to_code (p), v);
      }
  item->flags = g_string_free (g_steal_pointer (&flags), FALSE);
  return item;
}

/* ------------------------------------------------------------------ */
/* The view */

struct _TamKpiScorecardView
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkColumnView *view;
  GtkColumnViewColumn *columns[TAM_N_SCORECARD_COLUMNS];
  GListStore *store;
  GtkSortListModel *sorted;
  TamSlotModel *slots;
  GtkDropDown *sort_dropdown;
  GtkToggleButton *descending_button;
  GtkLabel *empty_label;
};

G_DEFINE_FINAL_TYPE (TamKpiScorecardView, tam_kpi_scorecard_view, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_AGENT_ACTIVATED,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static const char *
column_title (TamScorecardColumn column)
{
  switch (column)
    {
    case TAM_SCORECARD_COLUMN_AGENT:
      return _ ("Agent");
    case TAM_SCORECARD_COLUMN_TEAM:
      return _ ("Team leader");
    case TAM_SCORECARD_COLUMN_SCORE:
      return _ ("Score");
    case TAM_SCORECARD_COLUMN_GRADE:
      return _ ("Grade");
    case TAM_SCORECARD_COLUMN_FLAGS:
      return _ ("Flags");
    default:
      return tam_abu_parameter_to_code ((TamAbuParameter) (column - TAM_SCORECARD_COLUMN_AHT));
    }
}

/* NAN sorts after every number, whichever the direction asked of the
 * column is (GTK inverts the whole comparison for descending). */
static int
compare_double (double a,
                double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) - isnan (b);
  return a < b ? -1 : a > b;
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer data)
{
  const TamScoreItem *x = a, *y = b;
  TamScorecardColumn column = GPOINTER_TO_INT (data);
  int c;

  switch (column)
    {
    case TAM_SCORECARD_COLUMN_AGENT:
      c = g_utf8_collate (x->name ? x->name : "", y->name ? y->name : "");
      break;
    case TAM_SCORECARD_COLUMN_TEAM:
      c = g_utf8_collate (x->team, y->team);
      break;
    case TAM_SCORECARD_COLUMN_SCORE:
      c = compare_double (x->score, y->score);
      break;
    case TAM_SCORECARD_COLUMN_GRADE:
      /* A before B…; ungraded last. */
      c = x->graded != y->graded ? (x->graded ? -1 : 1) : (int) x->grade - (int) y->grade;
      break;
    case TAM_SCORECARD_COLUMN_FLAGS:
      /* The most flagged first: under B, then the number of low parameters. */
      c = ((int) y->under_b * 16 + __builtin_popcount (y->low)) - ((int) x->under_b * 16 + __builtin_popcount (x->low));
      break;
    default:
      c = compare_double (x->values[column - TAM_SCORECARD_COLUMN_AHT], y->values[column - TAM_SCORECARD_COLUMN_AHT]);
      break;
    }
  if (c == 0)
    c = g_strcmp0 (x->nik, y->nik);
  return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER
                                              : GTK_ORDERING_EQUAL;
}

static const char *const cell_classes[] = { "success", "accent", "warning", "error", "heading" };

/* The cell of @column for @item: its text and its colour. */
static void
update_cell (TamCell *cell,
             TamScoreItem *item,
             TamScorecardColumn column)
{
  GtkWidget *widget = GTK_WIDGET (cell);
  g_autofree char *text = NULL;
  const char *css = NULL;
  gboolean bold = FALSE;

  if (item == NULL)
    {
      tam_cell_set_text (cell, "");
      return;
    }
  switch (column)
    {
    case TAM_SCORECARD_COLUMN_AGENT:
      text = g_strdup (item->name ? item->name : item->nik);
      break;
    case TAM_SCORECARD_COLUMN_TEAM:
      text = g_strdup (item->team);
      break;
    case TAM_SCORECARD_COLUMN_SCORE:
      text = format_score (item->score);
      break;
    case TAM_SCORECARD_COLUMN_GRADE:
      text = g_strdup (item->graded ? tam_abu_grade_to_code (item->grade) : "—");
      if (item->graded)
        {
          bold = TRUE;
          css = cell_classes[CLAMP ((int) item->grade, 0, 3)];
        }
      break;
    case TAM_SCORECARD_COLUMN_FLAGS:
      text = g_strdup (item->flags);
      css = item->under_b ? "error" : item->low != 0 ? "warning"
                                                     : NULL;
      break;
    default:
      {
        int p = column - TAM_SCORECARD_COLUMN_AHT;

        text = format_score (item->values[p]);
        if (item->low & (1u << p))
          css = "error";
      }
      break;
    }
  /* Classes change only when they differ (a style change costs more than
   * the text). */
  for (guint i = 0; i < G_N_ELEMENTS (cell_classes); i++)
    {
      gboolean want = g_strcmp0 (cell_classes[i], css) == 0 || (bold && i == G_N_ELEMENTS (cell_classes) - 1);

      if (want != gtk_widget_has_css_class (widget, cell_classes[i]))
        {
          if (want)
            gtk_widget_add_css_class (widget, cell_classes[i]);
          else
            gtk_widget_remove_css_class (widget, cell_classes[i]);
        }
    }
  tam_cell_set_text (cell, text);
}

static void
slot_changed_cb (TamSlot *slot,
                 GParamSpec *pspec,
                 TamCell *cell)
{
  update_cell (cell, tam_slot_get_item (slot),
               (TamScorecardColumn) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "column")));
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem *list_item,
            gpointer data)
{
  GtkWidget *cell = tam_cell_new ();

  g_object_set_data (G_OBJECT (cell), "column", data);
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem *list_item,
           gpointer data)
{
  TamSlot *slot = gtk_list_item_get_item (list_item);
  GtkWidget *cell = gtk_list_item_get_child (list_item);

  g_signal_connect (slot, "notify::item", G_CALLBACK (slot_changed_cb), cell);
  slot_changed_cb (slot, NULL, TAM_CELL (cell));
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem *list_item,
             gpointer data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), slot_changed_cb,
                                        gtk_list_item_get_child (list_item));
}

static void
activate_cb (TamKpiScorecardView *self,
             guint position)
{
  g_autoptr (TamScoreItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL && item->nik != NULL)
    g_signal_emit (self, signals[SIGNAL_AGENT_ACTIVATED], 0, item->nik);
}

static void
sort_chosen_cb (TamKpiScorecardView *self)
{
  guint column = gtk_drop_down_get_selected (self->sort_dropdown);

  if (column < TAM_N_SCORECARD_COLUMNS)
    tam_kpi_scorecard_view_sort (self, (TamScorecardColumn) column,
                                 gtk_toggle_button_get_active (self->descending_button));
}

static void
tam_kpi_scorecard_view_dispose (GObject *object)
{
  TamKpiScorecardView *self = TAM_KPI_SCORECARD_VIEW (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->slots);
  g_clear_object (&self->sorted);
  G_OBJECT_CLASS (tam_kpi_scorecard_view_parent_class)->dispose (object);
}

static void
tam_kpi_scorecard_view_class_init (TamKpiScorecardViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_kpi_scorecard_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  signals[SIGNAL_AGENT_ACTIVATED] = g_signal_new ("agent-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
tam_kpi_scorecard_view_init (TamKpiScorecardView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *title = gtk_label_new (_ ("ABU scorecard: Enter on an agent shows their calls of the month"));
  GtkWidget *sort_label = gtk_label_new_with_mnemonic (_ ("S_ort by"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkSingleSelection *selection;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  for (int c = 0; c < TAM_N_SCORECARD_COLUMNS; c++)
    gtk_string_list_append (names, column_title ((TamScorecardColumn) c));
  self->sort_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_label_set_mnemonic_widget (GTK_LABEL (sort_label), GTK_WIDGET (self->sort_dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sort_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Sort the scorecard by"), -1);
  self->descending_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_ ("_Highest first")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->descending_button), _ ("Sort from the highest value down"));
  gtk_box_append (GTK_BOX (bar), title);
  gtk_box_append (GTK_BOX (bar), sort_label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->sort_dropdown));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->descending_button));
  gtk_box_append (GTK_BOX (self->box), bar);

  self->store = g_list_store_new (TAM_TYPE_SCORE_ITEM);
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_column_separators (self->view, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("ABU scorecard"),
                                  -1);
  for (int c = 0; c < TAM_N_SCORECARD_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, GINT_TO_POINTER (c), NULL));
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (c));
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (column_title ((TamScorecardColumn) c), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* At 1024 pixels everything but the flags fits; they take the rest. */
      if (c == TAM_SCORECARD_COLUMN_FLAGS)
        gtk_column_view_column_set_expand (column, TRUE);
      else if (c == TAM_SCORECARD_COLUMN_AGENT)
        gtk_column_view_column_set_fixed_width (column, 150);
      else if (c == TAM_SCORECARD_COLUMN_TEAM)
        gtk_column_view_column_set_fixed_width (column, 110);
      else if (c == TAM_SCORECARD_COLUMN_SALES_TARGET)
        gtk_column_view_column_set_fixed_width (column, 100);
      else
        gtk_column_view_column_set_fixed_width (column, c == TAM_SCORECARD_COLUMN_CALLMON ? 78 : 56);
      gtk_column_view_append_column (self->view, column);
      self->columns[c] = column;
      g_object_unref (sorter);
      g_object_unref (column);
    }
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  self->slots = tam_slot_model_new (G_LIST_MODEL (self->sorted));
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 220);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (self->box), scrolled);

  self->empty_label = GTK_LABEL (gtk_label_new (_ ("No ABU scores for this month and scope")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->empty_label));

  g_signal_connect_object (self->view, "activate", G_CALLBACK (activate_cb), self, G_CONNECT_SWAPPED);
  gtk_drop_down_set_selected (self->sort_dropdown, TAM_SCORECARD_COLUMN_SCORE);
  g_signal_connect_object (self->sort_dropdown, "notify::selected", G_CALLBACK (sort_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->descending_button, "toggled", G_CALLBACK (sort_chosen_cb), self, G_CONNECT_SWAPPED);
  tam_kpi_scorecard_view_sort (self, TAM_SCORECARD_COLUMN_SCORE, FALSE);
}

GtkWidget *
tam_kpi_scorecard_view_new (void)
{
  return g_object_new (TAM_TYPE_KPI_SCORECARD_VIEW, NULL);
}

void
tam_kpi_scorecard_view_set_rows (TamKpiScorecardView *self,
                                 GPtrArray *rows,
                                 gboolean (*keep) (const TamKpiScore *row, gpointer data),
                                 gpointer data,
                                 double low_bound)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (TAM_IS_KPI_SCORECARD_VIEW (self));

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    if (keep == NULL || keep (rows->pdata[i], data))
      g_ptr_array_add (items, score_item_new (rows->pdata[i], low_bound));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)), items->pdata,
                       items->len);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), items->len == 0);
}

void
tam_kpi_scorecard_view_sort (TamKpiScorecardView *self,
                             TamScorecardColumn column,
                             gboolean descending)
{
  g_return_if_fail (TAM_IS_KPI_SCORECARD_VIEW (self));
  g_return_if_fail (column < TAM_N_SCORECARD_COLUMNS);

  gtk_column_view_sort_by_column (self->view, self->columns[column],
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  /* The drop-down and the toggle follow (without sorting again). */
  g_signal_handlers_block_by_func (self->sort_dropdown, sort_chosen_cb, self);
  g_signal_handlers_block_by_func (self->descending_button, sort_chosen_cb, self);
  gtk_drop_down_set_selected (self->sort_dropdown, column);
  gtk_toggle_button_set_active (self->descending_button, descending);
  g_signal_handlers_unblock_by_func (self->sort_dropdown, sort_chosen_cb, self);
  g_signal_handlers_unblock_by_func (self->descending_button, sort_chosen_cb, self);
}

guint
tam_kpi_scorecard_view_get_n_rows (TamKpiScorecardView *self)
{
  g_return_val_if_fail (TAM_IS_KPI_SCORECARD_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->sorted));
}

const char *
tam_kpi_scorecard_view_get_nik (TamKpiScorecardView *self,
                                guint position)
{
  g_autoptr (TamScoreItem) item = NULL;

  g_return_val_if_fail (TAM_IS_KPI_SCORECARD_VIEW (self), NULL);
  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  /* The store holds the item: its NIK outlives this reference. */
  return item != NULL ? item->nik : NULL;
}

char *
tam_kpi_scorecard_view_dup_flags (TamKpiScorecardView *self,
                                  guint position)
{
  g_autoptr (TamScoreItem) item = NULL;

  g_return_val_if_fail (TAM_IS_KPI_SCORECARD_VIEW (self), NULL);
  item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  return item != NULL ? g_strdup (item->flags) : NULL;
}

void
tam_kpi_scorecard_view_activate (TamKpiScorecardView *self,
                                 guint position)
{
  g_return_if_fail (TAM_IS_KPI_SCORECARD_VIEW (self));
  activate_cb (self, position);
}
