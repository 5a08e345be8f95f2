/* tam-coaching-page-list.c: the Coaching tab's list: read in a GTask
 * worker on a store of its own from the filters, the inbox count in the
 * sidebar's title, and moving in the list from the keyboard. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-catalog.h"
#include "tam-cell.h"
#include "tam-coaching-object.h"
#include "tam-coaching-page-private.h"
#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-people.h"

/* ---- the list, read in a worker ---------------------------------------- */

typedef struct
{
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
  GPtrArray *people; /* TamPerson, for the Team drop-down, or NULL */
  gint64 open_count;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->site);
  g_free (job->category);
  g_free (job->service);
  g_free (job->from);
  g_free (job->until);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_clear_pointer (&job->people, g_ptr_array_unref);
  g_free (job);
}

static gboolean
load_func (TamStore *store,
           const TamSession *session,
           gpointer data,
           GError **error)
{
  LoadJob *job = data;
  TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;

  filter.state = job->state;
  filter.site = job->site;
  filter.team_leader_id = job->team_leader_id;
  filter.level = job->level;
  filter.from = job->from;
  filter.until = job->until;
  job->records = tam_coaching_list (store, session, &filter, error);
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
    job->open_count = tam_coaching_count_open (store, session, error);
  if (job->records != NULL && job->open_count >= 0 && job->want_teams)
    job->people = tam_people_list (store, error);
  return job->records != NULL && job->open_count >= 0 && (!job->want_teams || job->people != NULL);
}

static void
fill_teams (TamCoachingPage *self,
            GPtrArray *people)
{
  g_autoptr (GtkStringList) list = tam_team_string_list_new (people, self->team_ids);

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
  g_autofree char *title = NULL;

  if (self->open_count > 0)
    /* Translators: the Coaching tab in the sidebar with its open proposals: "Coaching (12)" */
    title = g_strdup_printf (_ ("Coaching (%u)"), (guint) self->open_count);
  else
    title = g_strdup (_ ("Coaching"));
  tam_sidebar_set_title (GTK_WIDGET (self), title, self->open_count > 0);
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

static void
load_done_cb (GObject *source,
              gpointer data,
              const GError *error)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (source);
  LoadJob *job = data;
  g_autofree gpointer *items = NULL;
  guint n, position = GTK_INVALID_LIST_POSITION;

  if (job->generation != self->generation)
    return; /* a newer load is on its way */
  self->loading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (error != NULL)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      tam_show_message (GTK_WIDGET (self), _ ("Cannot read the coaching records"), error->message);
      _tam_coaching_page_update_actions (self);
      return;
    }
  if (job->people != NULL)
    fill_teams (self, job->people);
  self->open_count = job->open_count;

  n = job->records->len;
  items = g_new (gpointer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      items[i] = tam_coaching_object_new (g_ptr_array_index (job->records, i));
      job->records->pdata[i] = NULL;
    }
  g_signal_handlers_block_by_func (self->selection, _tam_coaching_page_selection_changed, self);
  g_list_store_splice (self->records, 0, g_list_model_get_n_items (G_LIST_MODEL (self->records)), items, n);
  g_signal_handlers_unblock_by_func (self->selection, _tam_coaching_page_selection_changed, self);
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
  _tam_coaching_page_show_position (self, gtk_single_selection_get_selected (self->selection));
  update_badge (self);
  update_count (self);
  _tam_coaching_page_selection_changed (self);
}

static const TamWork load_work = { load_func, load_done_cb, (GDestroyNotify) load_job_free };

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
  LoadJob *job;
  guint pos;
  const char *month;

  g_return_if_fail (TAM_IS_COACHING_PAGE (self));

  self->keep_id = tam_coaching_page_get_selected_id (self);
  self->keep_position = gtk_single_selection_get_selected (self->selection);
  if (self->keep_position == GTK_INVALID_LIST_POSITION)
    self->keep_position = 0;

  job = g_new0 (LoadJob, 1);
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
  if (_tam_coaching_page_is_role (self, TAM_ROLE_SUPERVISOR_OPS) && self->session->service != NULL)
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

  tam_page_work_read (&self->work, self->store, self->session, &load_work, job);
}

void
_tam_coaching_page_filter_changed (TamCoachingPage *self)
{
  if (self->updating)
    return;
  /* Another list: start at its top. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  tam_coaching_page_reload (self);
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
void
_tam_coaching_page_show_position (TamCoachingPage *self,
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

void
_tam_coaching_page_move (TamCoachingPage *self,
                         int step)
{
  _tam_coaching_page_show_position (self, tam_selection_step (self->selection, step));
}

/* Up and Down in the list move from the selected record (GTK 4.8's list
 * keeps a keyboard row of its own that can differ from the selection
 * after a reload); the rest of the list's keys are its own. */
gboolean
_tam_coaching_page_list_key_cb (GtkEventControllerKey *controller,
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
      _tam_coaching_page_move (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      _tam_coaching_page_move (self, -1);
      return TRUE;
    default:
      return FALSE;
    }
}
