/* tam-roster-page.c: the Roster tab.
 *
 * GtkColumnView → GtkSingleSelection → TamSlotModel → GtkFilterListModel
 * (search and the drop-down filters, one GtkCustomFilter) →
 * GtkSortListModel (the column view's sorter) → GListStore of
 * TamPersonObject. The roster is small (a thousand people), so it is read
 * whole and filtered in memory. The slot model and the TamCells make a
 * keystroke rebind text instead of rebuilding GTK 4.8's ~200 bound rows
 * (see tam-slot-model.h). */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-cell.h"
#include "tam-coaching.h"
#include "tam-codes.h"
#include "tam-dates.h"
#include "tam-enums.h"
#include "tam-export.h"
#include "tam-gui-utils.h"
#include "tam-import-ui.h"
#include "tam-job.h"
#include "tam-person-dialog.h"
#include "tam-person-object.h"
#include "tam-roster-page.h"
#include "tam-save.h"
#include "tam-slot-model.h"

struct _TamRosterPage
{
  GtkWidget parent_instance;

  TamStore *store;
  TamSession *session;
  char *today;

  GListStore *people;
  GtkSortListModel *sort_model;
  GtkFilterListModel *filter_model;
  GtkCustomFilter *filter;
  TamSlotModel *slots;
  GtkSingleSelection *selection;

  /* Filter state. */
  char *search; /* case-folded, NULL when empty */
  const char *site;
  const char *service;
  TamRole role;           /* -1: any */
  TamPersonStatus status; /* -1: any */
  gint64 team_leader_id;
  GArray *team_leader_ids; /* gint64 per drop-down position */
  gint64 selected_id;      /* the person selected, 0 for none */
  gboolean deactivating;   /* a deactivation is in the worker */

  /* Template children. */
  GtkSearchEntry *search_entry;
  GtkDropDown *site_dropdown;
  GtkDropDown *service_dropdown;
  GtkDropDown *team_leader_dropdown;
  GtkDropDown *role_dropdown;
  GtkDropDown *status_dropdown;
  GtkLabel *count_label;
  GtkColumnView *column_view;
  GtkColumnViewColumn *nik_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *role_column;
  GtkColumnViewColumn *site_column;
  GtkColumnViewColumn *service_column;
  GtkColumnViewColumn *team_leader_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *standing_column;
  GtkColumnViewColumn *hired_on_column;
  GtkColumnViewColumn *contract_end_column;
  GtkBox *job_box;
  GtkButton *add_button;
  GtkButton *edit_button;
  GtkButton *deactivate_button;
  GtkButton *import_button;
  GtkButton *export_button;

  TamJobBar *job_bar;
};

G_DEFINE_FINAL_TYPE (TamRosterPage, tam_roster_page, GTK_TYPE_WIDGET)

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TamRosterPage *self = user_data;
  TamPersonObject *obj = item;
  const TamPerson *p = tam_person_object_get_person (obj);

  if (self->search != NULL && strstr (tam_person_object_get_search_key (obj), self->search) == NULL)
    return FALSE;
  if (self->site != NULL && g_strcmp0 (p->site, self->site) != 0)
    return FALSE;
  if (self->service != NULL && g_strcmp0 (p->service, self->service) != 0)
    return FALSE;
  if ((int) self->role != -1 && tam_person_object_get_role (obj) != self->role)
    return FALSE;
  if ((int) self->status != -1 && tam_person_object_get_status (obj) != self->status)
    return FALSE;
  if (self->team_leader_id != 0 && p->team_leader_id != self->team_leader_id)
    return FALSE;
  return TRUE;
}

static void
update_count (TamRosterPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  g_autofree char *text = NULL;

  /* Translators: "12 of 250 people" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u person", "%u of %u people", total),
                          shown, total);
  gtk_label_set_text (self->count_label, text);
}

static const TamPerson *
selected_person (TamRosterPage *self)
{
  TamSlot *slot = gtk_single_selection_get_selected_item (self->selection);
  return slot && tam_slot_get_item (slot) ? tam_person_object_get_person (tam_slot_get_item (slot)) : NULL;
}

static void update_actions (TamRosterPage *self);

/* Rows are slots: after the list changed, put the selection back on the
 * same person, or on the first row. */
static gboolean
has_id (gconstpointer item,
        gconstpointer id)
{
  return tam_person_object_get_person ((TamPersonObject *) item)->id == *(const gint64 *) id;
}

static void
restore_selection (TamRosterPage *self)
{
  gint64 id = self->selected_id;
  guint pos = id ? tam_slot_model_find (self->slots, has_id, &id) : GTK_INVALID_LIST_POSITION;

  if (pos == GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (G_LIST_MODEL (self->slots)) > 0)
    pos = 0;
  gtk_single_selection_set_selected (self->selection, pos);
  /* The position may be the same with another person in it. */
  self->selected_id = selected_person (self) ? selected_person (self)->id : 0;
  update_actions (self);
}

static void
refilter (TamRosterPage *self,
          GtkFilterChange change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  restore_selection (self);
  update_count (self);
}

static void
sorter_changed_cb (TamRosterPage *self)
{
  /* Runs after the sort model re-sorted (it connected first). */
  restore_selection (self);
}

static void
update_actions (TamRosterPage *self)
{
  const TamPerson *p = selected_person (self);
  gboolean can_edit = tam_session_can (self->session, TAM_PERM_EDIT_PEOPLE);
  gboolean busy = self->job_bar != NULL && tam_job_bar_get_running (self->job_bar);
  gboolean active = p != NULL && tam_person_status_is_active (tam_person_status_from_code (p->status));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.add", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.edit", can_edit && p != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.deactivate",
                                 can_edit && active && !self->deactivating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.import", can_edit && !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.export",
                                 tam_session_can (self->session, TAM_PERM_EXPORT) && !busy);
}

static int
compare_names (gconstpointer a,
               gconstpointer b,
               gpointer user_data)
{
  const TamPerson *pa = *(gpointer const *) a;
  const TamPerson *pb = *(gpointer const *) b;

  return g_utf8_collate (pa->name, pb->name);
}

static void
fill_team_leaders (TamRosterPage *self)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  gint64 keep = self->team_leader_id;
  guint keep_pos = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));
  g_autoptr (GPtrArray) leaders = g_ptr_array_new ();
  gint64 zero = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TamPersonObject) obj = g_list_model_get_item (G_LIST_MODEL (self->people), i);
      const TamPerson *p = tam_person_object_get_person (obj);

      if (tam_person_object_get_role (obj) == TAM_ROLE_TEAM_LEADER)
        g_ptr_array_add (leaders, (gpointer) p);
    }
  g_ptr_array_sort_with_data (leaders, compare_names, NULL);

  g_array_set_size (self->team_leader_ids, 0);
  g_array_append_val (self->team_leader_ids, zero);
  gtk_string_list_append (list, _ ("All team leaders"));
  for (guint i = 0; i < leaders->len; i++)
    {
      const TamPerson *p = g_ptr_array_index (leaders, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", p->name, p->nik);

      gtk_string_list_append (list, label);
      g_array_append_val (self->team_leader_ids, p->id);
      if (p->id == keep)
        keep_pos = i + 1;
    }

  g_signal_handlers_block_matched (self->team_leader_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_model (self->team_leader_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->team_leader_dropdown, keep_pos);
  g_signal_handlers_unblock_matched (self->team_leader_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  self->team_leader_id = keep_pos ? keep : 0;
}

void
tam_roster_page_reload (TamRosterPage *self)
{
  g_autoptr (GPtrArray) people = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gpointer *items = NULL;
  g_autoptr (GHashTable) standings = NULL;
  guint n;

  g_return_if_fail (TAM_IS_ROSTER_PAGE (self));

  people = tam_people_list (self->store, &error);
  if (people == NULL)
    {
      tam_show_message (GTK_WIDGET (self), _ ("Cannot read the roster"), error->message);
      return;
    }

  /* The standing column: one query for everybody (a failure leaves the
   * column empty, it does not hide the roster). */
  standings = tam_coaching_standings (self->store, self->today, &error);
  if (standings == NULL)
    {
      g_warning ("Cannot read the coaching standings: %s", error->message);
      g_clear_error (&error);
    }

  n = people->len;
  items = g_new (gpointer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      TamPerson *p = g_ptr_array_index (people, i);

      /* The objects take the people over. */
      items[i] = tam_person_object_new (p, self->today);
      if (standings != NULL)
        tam_person_object_set_standing (items[i], GPOINTER_TO_INT (g_hash_table_lookup (standings, &p->id)) - 1);
      people->pdata[i] = NULL;
    }
  g_list_store_splice (self->people, 0, g_list_model_get_n_items (G_LIST_MODEL (self->people)),
                       items, n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);
  fill_team_leaders (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* GtkColumnView has no scroll_to before 4.12; its inner list view has the
 * list.scroll-to-item action. */
static void
scroll_to (TamRosterPage *self,
           guint position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

gboolean
tam_roster_page_select_nik (TamRosterPage *self,
                            const char *nik)
{
  g_return_val_if_fail (TAM_IS_ROSTER_PAGE (self), FALSE);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

      for (guint i = 0; i < n; i++)
        {
          TamPersonObject *obj = tam_slot_model_peek (self->slots, i);

          if (g_strcmp0 (tam_person_object_get_person (obj)->nik, nik) == 0)
            {
              gtk_single_selection_set_selected (self->selection, i);
              scroll_to (self, i);
              return TRUE;
            }
        }
      /* Not shown: clear the search and the filters, then look again. */
      g_signal_handlers_block_matched (self->search_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_signal_handlers_unblock_matched (self->search_entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      g_clear_pointer (&self->search, g_free);
      gtk_drop_down_set_selected (self->site_dropdown, 0);
      gtk_drop_down_set_selected (self->service_dropdown, 0);
      gtk_drop_down_set_selected (self->team_leader_dropdown, 0);
      gtk_drop_down_set_selected (self->role_dropdown, 0);
      gtk_drop_down_set_selected (self->status_dropdown, 0);
      refilter (self, GTK_FILTER_CHANGE_LESS_STRICT);
    }
  return FALSE;
}

static void
search_changed_cb (TamRosterPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = NULL;
  g_autofree char *old = NULL;
  GtkFilterChange change;

  g_assert (TAM_IS_ROSTER_PAGE (self));

  folded = g_strstrip (g_utf8_casefold (text, -1));
  old = g_steal_pointer (&self->search);
  if (*folded != '\0')
    self->search = g_strdup (folded);

  if (g_strcmp0 (old, self->search) == 0)
    return;
  if (old == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (self->search == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (self->search, old) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (old, self->search) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;
  refilter (self, change);
}

static void
stop_search_cb (TamRosterPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
dropdown_changed_cb (GtkDropDown *dropdown,
                     GParamSpec *pspec,
                     TamRosterPage *self)
{
  guint pos = gtk_drop_down_get_selected (dropdown);

  if (dropdown == self->site_dropdown)
    self->site = tam_code_at (tam_sites (), pos, TRUE);
  else if (dropdown == self->service_dropdown)
    self->service = tam_code_at (tam_services (), pos, TRUE);
  else if (dropdown == self->role_dropdown)
    self->role = tam_role_from_code (tam_code_at (tam_roles (), pos, TRUE));
  else if (dropdown == self->status_dropdown)
    self->status = tam_person_status_from_code (tam_code_at (tam_person_statuses (), pos, TRUE));
  else if (dropdown == self->team_leader_dropdown)
    self->team_leader_id = pos < self->team_leader_ids->len
                               ? g_array_index (self->team_leader_ids, gint64, pos)
                               : 0;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
selection_changed_cb (TamRosterPage *self)
{
  const TamPerson *p = selected_person (self);

  self->selected_id = p ? p->id : 0;
  update_actions (self);
}

static void
person_saved_cb (TamPersonDialog *dialog,
                 const char *nik,
                 TamRosterPage *self)
{
  tam_roster_page_reload (self);
  tam_roster_page_select_nik (self, nik);
}

static void
open_dialog (TamRosterPage *self,
             const TamPerson *person)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TamPersonDialog *dialog;

  dialog = tam_person_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                  self->store, self->session, person);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (person_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget *widget,
            const char *action_name,
            GVariant *param)
{
  open_dialog (TAM_ROSTER_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  TamRosterPage *self = TAM_ROSTER_PAGE (widget);
  const TamPerson *p = selected_person (self);

  if (p != NULL)
    open_dialog (self, p);
}

static void
row_activated_cb (TamRosterPage *self,
                  guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  if (tam_session_can (self->session, TAM_PERM_EDIT_PEOPLE))
    edit_action (GTK_WIDGET (self), "roster.edit", NULL);
}

typedef struct
{
  TamRosterPage *self;
  gint64 id;
} DeactivateData;

static void
deactivate_data_free (gpointer data,
                      GClosure *closure)
{
  DeactivateData *d = data;

  g_object_unref (d->self);
  g_free (d);
}

/* The worker's input. */
typedef struct
{
  TamSession *session;
  gint64 id;
  const char *status;
} Deactivation;

static void
deactivation_free (Deactivation *d)
{
  tam_session_free (d->session);
  g_free (d);
}

/* Worker thread: repeatable, it reads the person afresh each time. */
static gboolean
deactivation_func (TamStore *store,
                   gpointer data,
                   GError **error)
{
  Deactivation *d = data;

  return tam_people_deactivate (store, d->session, d->id, d->status, error);
}

static void
deactivation_done_cb (GObject *source,
                      GAsyncResult *result,
                      gpointer user_data)
{
  g_autoptr (TamRosterPage) self = user_data;
  g_autoptr (GError) error = NULL;

  self->deactivating = FALSE;
  if (gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return; /* signed out or closed meanwhile */
  if (!tam_save_finish (result, &error))
    tam_show_message (GTK_WIDGET (self), _ ("The person was not deactivated"), error->message);
  tam_roster_page_reload (self);
  update_actions (self);
}

static void
deactivate_response_cb (AdwMessageDialog *dialog,
                        const char *response,
                        DeactivateData *data)
{
  TamRosterPage *self = data->self;
  Deactivation *d;
  const char *status = NULL;

  if (g_strcmp0 (response, "resigned") == 0)
    status = tam_person_status_to_code (TAM_PERSON_STATUS_RESIGNED);
  else if (g_strcmp0 (response, "returned") == 0)
    status = tam_person_status_to_code (TAM_PERSON_STATUS_RETURNED_TO_VENDOR);
  if (status == NULL || self->deactivating)
    return;

  d = g_new0 (Deactivation, 1);
  d->session = tam_session_copy (self->session);
  d->id = data->id;
  d->status = status;
  self->deactivating = TRUE;
  update_actions (self);
  tam_save_async (tam_store_get_path (self->store), deactivation_func, d,
                  (GDestroyNotify) deactivation_free, NULL,
                  deactivation_done_cb, g_object_ref (self));
}

static void
deactivate_action (GtkWidget *widget,
                   const char *action_name,
                   GVariant *param)
{
  TamRosterPage *self = TAM_ROSTER_PAGE (widget);
  const TamPerson *p = selected_person (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  DeactivateData *data;

  if (p == NULL)
    return;

  /* Translators: %s is a person's name */
  heading = g_strdup_printf (_ ("Deactivate %s?"), p->name);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _ ("People are never deleted: their history stays. Choose why they leave the project."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _ ("_Cancel"),
                                    "resigned", _ ("_Resigned"),
                                    "returned", _ ("Returned to _Vendor"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "returned",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (DeactivateData, 1);
  data->self = g_object_ref (self);
  data->id = p->id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (deactivate_response_cb), data,
                         deactivate_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done (GObject *owner,
             gboolean stored)
{
  TamRosterPage *self = TAM_ROSTER_PAGE (owner);

  if (stored)
    tam_roster_page_reload (self);
  update_actions (self);
}

void
tam_roster_page_import_file (TamRosterPage *self,
                             const char *path)
{
  g_return_if_fail (TAM_IS_ROSTER_PAGE (self));
  g_return_if_fail (path != NULL);

  tam_import_run (self->job_bar, self->store, self->session, TAM_IMPORT_ROSTER, path,
                  import_done, G_OBJECT (self));
}

static void
import_chosen (GtkWidget *page,
               const char *path)
{
  tam_roster_page_import_file (TAM_ROSTER_PAGE (page), path);
}

static void
import_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  tam_import_choose (widget, _ ("Import Roster"), import_chosen);
}

typedef struct
{
  TamSession *session;
  char *path;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  tam_session_free (job->session);
  g_free (job->path);
  g_free (job);
}

static gboolean
export_func (TamStore *store,
             gpointer data,
             TamProgressFunc progress,
             gpointer progress_data,
             GCancellable *cancellable,
             GError **error)
{
  ExportJob *job = data;

  return tam_export_roster (store, job->session, job->path, progress, progress_data,
                            cancellable, error);
}

static void
export_done_cb (GObject *source,
                GAsyncResult *result,
                gpointer user_data)
{
  g_autoptr (TamRosterPage) self = user_data;
  ExportJob *job = tam_job_get_data (result);
  g_autoptr (GError) error = NULL;

  if (tam_job_bar_run_finish (TAM_JOB_BAR (source), result, &error))
    {
      /* Translators: %s is a file path */
      g_autofree char *body = g_strdup_printf (_ ("The roster was saved to “%s”."), job->path);
      tam_show_message (GTK_WIDGET (self), _ ("Roster exported"), body);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    tam_show_message (GTK_WIDGET (self), _ ("Export cancelled"), _ ("No file was written."));
  else
    tam_show_message (GTK_WIDGET (self), _ ("The roster was not exported"), error->message);
  update_actions (self);
}

void
tam_roster_page_export_file (TamRosterPage *self,
                             const char *path)
{
  ExportJob *job;
  g_autofree char *base = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (TAM_IS_ROSTER_PAGE (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->session = tam_session_copy (self->session);
  job->path = g_strdup (path);
  base = g_path_get_basename (path);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_ ("Exporting %s…"), base);
  tam_job_bar_run_async (self->job_bar, title, tam_store_get_path (self->store), export_func,
                         job, (GDestroyNotify) export_job_free, export_done_cb, g_object_ref (self));
}

static void
export_chosen (GtkWidget *page,
               const char *path)
{
  /* No known extension: a spreadsheet. */
  g_autofree char *with_ext = NULL;

  if (!g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".xlsx"))
    path = with_ext = g_strconcat (path, ".xlsx", NULL);
  tam_roster_page_export_file (TAM_ROSTER_PAGE (page), path);
}

static void
export_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamRosterPage *self = TAM_ROSTER_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = tam_file_chooser_new (widget, _ ("Export Roster"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                  _ ("_Export"), TRUE);
  name = g_strdup_printf ("roster-%s.xlsx", self->today);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  tam_file_chooser_show (chooser, widget, export_chosen);
}

static void
find_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  TamRosterPage *self = TAM_ROSTER_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Contract end: the date, and a warning icon when it is near. */
static void
contract_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem *item,
                   gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cell = tam_cell_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_visible (icon, FALSE);
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Contract ends soon"),
                                  -1);
  gtk_list_item_set_child (item, box);
}

static void
contract_update_cb (TamSlot *slot,
                    GParamSpec *pspec,
                    GtkWidget *box)
{
  TamPersonObject *record = tam_slot_get_item (slot);
  const TamPerson *p = record ? tam_person_object_get_person (record) : NULL;
  GtkWidget *cell = gtk_widget_get_first_child (box);
  GtkWidget *icon = gtk_widget_get_last_child (box);
  gboolean ending = record != NULL && tam_person_object_get_contract_ending (record);

  tam_cell_set_text (TAM_CELL (cell), p ? p->contract_end : NULL);
  /* Only touch what changes: tooltips and style classes are not free. */
  if (gtk_widget_get_visible (icon) != ending)
    {
      gtk_widget_set_visible (icon, ending);
      gtk_widget_set_tooltip_text (box, ending ? _ ("The contract ends within 30 days") : NULL);
      if (ending)
        gtk_widget_add_css_class (box, "contract-ending");
      else
        gtk_widget_remove_css_class (box, "contract-ending");
    }
}

static void
contract_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem *item,
                  gpointer user_data)
{
  TamSlot *slot = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  g_signal_connect (slot, "notify::item", G_CALLBACK (contract_update_cb), box);
  contract_update_cb (slot, NULL, box);
}

static void
contract_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem *item,
                    gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), contract_update_cb,
                                        gtk_list_item_get_child (item));
}

static void
setup_columns (TamRosterPage *self)
{
  g_autoptr (GtkListItemFactory) contract_factory = gtk_signal_list_item_factory_new ();
  const struct
  {
    GtkColumnViewColumn *column;
    const char *property;
  } columns[] = {
    { self->nik_column, "nik" },
    { self->name_column, "name" },
    { self->role_column, "role" },
    { self->site_column, "site" },
    { self->service_column, "service" },
    { self->team_leader_column, "team-leader" },
    { self->status_column, "status" },
    { self->standing_column, "standing" },
    { self->hired_on_column, "hired-on" },
    { self->contract_end_column, "contract-end" },
  };

  /* Sorters compare the people (TamPersonObject) in the sort model. */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr (GtkListItemFactory) factory = tam_cell_slot_factory_new (columns[i].property);
      GtkExpression *expression = gtk_property_expression_new (TAM_TYPE_PERSON_OBJECT, NULL,
                                                               columns[i].property);
      g_autoptr (GtkSorter) sorter = GTK_SORTER (gtk_string_sorter_new (expression));

      gtk_column_view_column_set_factory (columns[i].column, factory);
      gtk_column_view_column_set_sorter (columns[i].column, sorter);
    }

  {
    /* The standing sorts by the ladder, not by its label. */
    g_autoptr (GtkSorter) sorter = GTK_SORTER (gtk_numeric_sorter_new (
        gtk_property_expression_new (TAM_TYPE_PERSON_OBJECT, NULL, "standing-value")));
    gtk_column_view_column_set_sorter (self->standing_column, sorter);
  }

  g_signal_connect (contract_factory, "setup", G_CALLBACK (contract_setup_cb), NULL);
  g_signal_connect (contract_factory, "bind", G_CALLBACK (contract_bind_cb), NULL);
  g_signal_connect (contract_factory, "unbind", G_CALLBACK (contract_unbind_cb), NULL);
  gtk_column_view_column_set_factory (self->contract_end_column, contract_factory);
}

static void
setup_filters (TamRosterPage *self)
{
  g_autoptr (GtkStringList) sites = tam_code_string_list_new (tam_sites (), tam_site_label, _ ("All sites"));
  g_autoptr (GtkStringList) services = tam_code_string_list_new (tam_services (), tam_service_label,
                                                                 _ ("All services"));
  g_autoptr (GtkStringList) roles = tam_code_string_list_new (tam_roles (), tam_role_label, _ ("All roles"));
  g_autoptr (GtkStringList) statuses = tam_code_string_list_new (tam_person_statuses (),
                                                                 tam_person_status_label,
                                                                 _ ("All statuses"));
  GtkDropDown *dropdowns[] = {
    self->site_dropdown,
    self->service_dropdown,
    self->team_leader_dropdown,
    self->role_dropdown,
    self->status_dropdown,
  };

  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (sites));
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  tam_drop_down_search_strings (self->team_leader_dropdown);

  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    g_signal_connect (dropdowns[i], "notify::selected", G_CALLBACK (dropdown_changed_cb), self);
}

static void
tam_roster_page_dispose (GObject *object)
{
  TamRosterPage *self = TAM_ROSTER_PAGE (object);
  GtkWidget *child;

  /* The models outlive the widgets for a moment: stop listening first. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->job_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->job_bar, self);
  self->job_bar = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_ROSTER_PAGE);
  /* The template's top child has no id: unparent it ourselves. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->people);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_roster_page_parent_class)->dispose (object);
}

static void
tam_roster_page_finalize (GObject *object)
{
  TamRosterPage *self = TAM_ROSTER_PAGE (object);

  g_clear_pointer (&self->session, tam_session_free);
  g_clear_pointer (&self->team_leader_ids, g_array_unref);
  g_free (self->search);
  g_free (self->today);
  G_OBJECT_CLASS (tam_roster_page_parent_class)->finalize (object);
}

static void
tam_roster_page_class_init (TamRosterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_roster_page_dispose;
  object_class->finalize = tam_roster_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-roster-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, team_leader_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, nik_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, role_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, site_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, service_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, team_leader_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, standing_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, hired_on_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, contract_end_column);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, job_box);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, deactivate_button);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, TamRosterPage, export_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "roster.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "roster.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "roster.deactivate", NULL, deactivate_action);
  gtk_widget_class_install_action (widget_class, "roster.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "roster.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "roster.find", NULL, find_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tam_roster_page_init (TamRosterPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->today = tam_today ();
  self->team_leader_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->role = -1;
  self->status = -1;

  self->people = g_list_store_new (TAM_TYPE_PERSON_OBJECT);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->people)),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->sort_model)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  self->slots = tam_slot_model_new (G_LIST_MODEL (self->filter_model));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);

  setup_columns (self);
  setup_filters (self);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  self->job_bar = TAM_JOB_BAR (tam_job_bar_new ());
  gtk_box_append (self->job_box, GTK_WIDGET (self->job_bar));
  g_signal_connect_swapped (self->job_bar, "notify::running", G_CALLBACK (update_actions), self);

  /* Managed scope: Ctrl+F and Ctrl+N work wherever the focus is in the
   * window while this page is shown. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>f"),
                                                          gtk_named_action_new ("roster.find")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("<Control>n"),
                                                          gtk_named_action_new ("roster.add")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

GtkWidget *
tam_roster_page_new (TamStore *store,
                     const TamSession *session)
{
  TamRosterPage *self;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  self = g_object_new (TAM_TYPE_ROSTER_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  tam_roster_page_reload (self);
  return GTK_WIDGET (self);
}
