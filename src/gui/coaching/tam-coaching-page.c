/* tam-coaching-page.c: the Coaching tab (IK Pembinaan, issue 9): its
 * set-up, the selection's API and where the focus goes. The files of the
 * tab are listed in tam-coaching-page-private.h.
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

#include "tam-cell.h"
#include "tam-coaching-object.h"
#include "tam-coaching-page-private.h"
#include "tam-codes.h"
#include "tam-dates.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"

G_DEFINE_FINAL_TYPE (TamCoachingPage, tam_coaching_page, GTK_TYPE_WIDGET)

/* ---- the selection ---------------------------------------------------- */

const TamCoachingRecord *
_tam_coaching_page_selected_record (TamCoachingPage *self)
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
  r = _tam_coaching_page_selected_record (self);
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
  return self->loading || self->work.writing > 0;
}

gint64
tam_coaching_page_get_open_count (TamCoachingPage *self)
{
  g_return_val_if_fail (TAM_IS_COACHING_PAGE (self), -1);
  return self->open_count;
}

gboolean
_tam_coaching_page_is_role (TamCoachingPage *self,
                            TamRole role)
{
  return tam_role_from_code (self->session->role) == role;
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
  tam_drop_down_search_strings (self->team_dropdown);
  /* The inbox: open proposals. */
  gtk_drop_down_set_selected (self->state_dropdown, 1 + TAM_COACHING_STATE_PROPOSED);

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    g_signal_connect_swapped (dropdowns[i], "notify::selected", G_CALLBACK (_tam_coaching_page_filter_changed), self);
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
      _tam_coaching_page_show_position (self, gtk_single_selection_get_selected (self->selection));
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
  tam_page_work_dispose (&self->work);
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

  _tam_coaching_page_class_init_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tam_coaching_page_init (TamCoachingPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tam_page_work_init (&self->work, GTK_WIDGET (self), self->count_label);

  self->ladder_view = TAM_LADDER_VIEW (tam_ladder_view_new ());
  gtk_box_append (self->ladder_box, GTK_WIDGET (self->ladder_view));
  self->today = tam_today ();
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
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (_tam_coaching_page_selection_changed), self);
  setup_columns (self);
  setup_filters (self);
  /* The flow box's cells are not stops of their own for Tab. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->filter_flow)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (_tam_coaching_page_list_key_cb), self);
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
                          !_tam_coaching_page_is_role (self, TAM_ROLE_TEAM_LEADER));
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_button), _tam_coaching_page_is_role (self, TAM_ROLE_MANAGER));
  if (_tam_coaching_page_is_role (self, TAM_ROLE_SUPERVISOR_OPS) && self->session->site != NULL)
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (self->site_dropdown, tam_code_position (tam_sites (), self->session->site, TRUE));
      self->updating = FALSE;
    }
  _tam_coaching_page_update_actions (self);
  tam_coaching_page_reload (self);
  return GTK_WIDGET (self);
}
