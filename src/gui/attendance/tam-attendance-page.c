/* tam-attendance-page.c: the Attendance tab (form F-02). */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <time.h>

#include "tam-attendance-dialog.h"
#include "tam-attendance-object.h"
#include "tam-attendance-page.h"
#include "tam-enums.h"
#include "tam-format.h"
#include "tam-gui-utils.h"
#include "tam-import-ui.h"
#include "tam-job.h"
#include "tam-people.h"

struct _TamAttendancePage
{
  GtkWidget parent_instance;

  TamStore *store;
  TamSession *session;

  GDate date;
  gboolean month;
  gint64 team_leader_id;
  GArray *team_ids; /* gint64 per team drop-down position */

  GListStore *rows;
  GtkSingleSelection *row_selection;
  GListStore *adherence;

  GtkDropDown *period_dropdown;
  GtkMenuButton *date_button;
  GtkPopover *date_popover;
  GtkCalendar *calendar;
  GtkDropDown *team_dropdown;
  GtkLabel *total_label;
  GtkColumnView *rows_view;
  GtkColumnView *adherence_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *nik_column;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *shift_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *check_in_column;
  GtkColumnViewColumn *check_out_column;
  GtkColumnViewColumn *note_column;
  GtkColumnViewColumn *adh_name_column;
  GtkColumnViewColumn *adh_scheduled_column;
  GtkColumnViewColumn *adh_present_column;
  GtkColumnViewColumn *adh_late_column;
  GtkColumnViewColumn *adh_absent_column;
  GtkColumnViewColumn *adh_sick_column;
  GtkColumnViewColumn *adh_leave_column;
  GtkColumnViewColumn *adh_adherence_column;
  GtkBox *job_box;
  GtkButton *previous_button;
  GtkButton *next_button;
  GtkButton *today_button;
  GtkButton *edit_button;
  GtkButton *import_button;

  TamJobBar *job_bar;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (TamAttendancePage, tam_attendance_page, GTK_TYPE_WIDGET)

static char *
format_gdate (const GDate *date,
              const char *format)
{
  g_autoptr (GDateTime) dt = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                    g_date_get_day (date), 12, 0, 0);
  return g_date_time_format (dt, format);
}

static void
period_range (TamAttendancePage *self,
              char **from,
              char **to)
{
  if (self->month)
    {
      GDate first, last;

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, g_date_get_month (&self->date), g_date_get_year (&self->date));
      last = first;
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first), g_date_get_year (&first)));
      *from = format_gdate (&first, "%Y-%m-%d");
      *to = format_gdate (&last, "%Y-%m-%d");
    }
  else
    {
      *from = format_gdate (&self->date, "%Y-%m-%d");
      *to = g_strdup (*from);
    }
}

static const TamAttendance *
selected_row (TamAttendancePage *self)
{
  TamAttendanceObject *obj = gtk_single_selection_get_selected_item (self->row_selection);
  return obj ? tam_attendance_object_get_row (obj) : NULL;
}

static gboolean
can_edit_row (TamAttendancePage *self,
              const TamAttendance *row)
{
  if (row == NULL || !tam_session_can (self->session, TAM_PERM_EDIT_ATTENDANCE))
    return FALSE;
  /* A team leader edits their own team; the core checks it too. */
  if (tam_role_from_code (self->session->role) == TAM_ROLE_TEAM_LEADER)
    return row->team_leader_id == self->session->person_id;
  return TRUE;
}

static void
update_actions (TamAttendancePage *self)
{
  gboolean busy = self->job_bar != NULL && tam_job_bar_get_running (self->job_bar);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.edit",
                                 can_edit_row (self, selected_row (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attendance.import",
                                 tam_session_can (self->session, TAM_PERM_IMPORT_ATTENDANCE) && !busy);
}

static void
update_date_widgets (TamAttendancePage *self)
{
  g_autofree char *label = NULL;
  g_autoptr (GDateTime) dt = NULL;

  self->updating = TRUE;
  label = format_gdate (&self->date, self->month ? _ ("%B %Y") : _ ("%a %d %B %Y"));
  gtk_menu_button_set_label (self->date_button, label);
  dt = g_date_time_new_local (g_date_get_year (&self->date), g_date_get_month (&self->date),
                              g_date_get_day (&self->date), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, dt);
  gtk_drop_down_set_selected (self->period_dropdown, self->month ? 1 : 0);
  self->updating = FALSE;
}

void
tam_attendance_page_reload (TamAttendancePage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) adherence = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree gpointer *items = NULL;
  TamAdherence total = { 0 };

  g_return_if_fail (TAM_IS_ATTENDANCE_PAGE (self));

  update_date_widgets (self);
  period_range (self, &from, &to);

  rows = tam_attendance_list (self->store, from, to, self->team_leader_id, &error);
  if (rows != NULL)
    adherence = tam_attendance_adherence (self->store, from, to, self->team_leader_id, &total, &error);
  if (rows == NULL || adherence == NULL)
    {
      g_list_store_remove_all (self->rows);
      g_list_store_remove_all (self->adherence);
      gtk_label_set_text (self->total_label, "");
      tam_show_message (GTK_WIDGET (self), _ ("Cannot read the attendance"), error->message);
      goto out;
    }

  items = g_new (gpointer, MAX (rows->len, 1));
  for (guint i = 0; i < rows->len; i++)
    {
      items[i] = tam_attendance_object_new (g_ptr_array_index (rows, i));
      rows->pdata[i] = NULL;
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       items, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_object_unref (items[i]);
  g_clear_pointer (&items, g_free);

  items = g_new (gpointer, MAX (adherence->len, 1));
  for (guint i = 0; i < adherence->len; i++)
    {
      items[i] = tam_adherence_object_new (g_ptr_array_index (adherence, i));
      adherence->pdata[i] = NULL;
    }
  g_list_store_splice (self->adherence, 0, g_list_model_get_n_items (G_LIST_MODEL (self->adherence)),
                       items, adherence->len);
  for (guint i = 0; i < adherence->len; i++)
    g_object_unref (items[i]);

  {
    g_autofree char *percent = tam_format_percent (TAM_LANGUAGE_AUTO, total.adherence, 1);
    g_autofree char *text = NULL;

    /* Translators: "Adherence 93.5 % (121 of 130 scheduled days on time)" */
    if (total.scheduled == 0)
      /* Issue 12: nothing scheduled is no 100 %. */
      text = g_strdup (_ ("Adherence — (nothing scheduled)"));
    else
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Adherence %s (%u of %u scheduled day on time)",
                                           "Adherence %s (%u of %u scheduled days on time)",
                                           total.scheduled),
                              percent, total.present, total.scheduled);
    gtk_label_set_text (self->total_label, text);
  }

out:
  g_free (total.nik);
  g_free (total.name);
  update_actions (self);
}

void
tam_attendance_page_show (TamAttendancePage *self,
                          const char *date,
                          gboolean month,
                          gint64 team_leader_id)
{
  int y, m, d;

  g_return_if_fail (TAM_IS_ATTENDANCE_PAGE (self));

  if (date != NULL && sscanf (date, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (&self->date, d, m, y);
  self->month = month;
  self->team_leader_id = team_leader_id;

  self->updating = TRUE;
  for (guint i = 0; i < self->team_ids->len; i++)
    if (g_array_index (self->team_ids, gint64, i) == team_leader_id)
      gtk_drop_down_set_selected (self->team_dropdown, i);
  self->updating = FALSE;
  tam_attendance_page_reload (self);
}

static void
period_changed_cb (TamAttendancePage *self)
{
  if (self->updating)
    return;
  self->month = gtk_drop_down_get_selected (self->period_dropdown) == 1;
  tam_attendance_page_reload (self);
}

static void
team_changed_cb (TamAttendancePage *self)
{
  guint pos = gtk_drop_down_get_selected (self->team_dropdown);

  if (self->updating)
    return;
  self->team_leader_id = pos < self->team_ids->len ? g_array_index (self->team_ids, gint64, pos) : 0;
  tam_attendance_page_reload (self);
}

static void
step (TamAttendancePage *self,
      int direction)
{
  if (self->month)
    {
      g_date_set_day (&self->date, 1);
      if (direction > 0)
        g_date_add_months (&self->date, 1);
      else
        g_date_subtract_months (&self->date, 1);
    }
  else if (direction > 0)
    g_date_add_days (&self->date, 1);
  else
    g_date_subtract_days (&self->date, 1);
  tam_attendance_page_reload (self);
}

static void
previous_clicked_cb (TamAttendancePage *self)
{
  step (self, -1);
}

static void
next_clicked_cb (TamAttendancePage *self)
{
  step (self, 1);
}

static void
today_clicked_cb (TamAttendancePage *self)
{
  g_date_set_time_t (&self->date, time (NULL));
  tam_attendance_page_reload (self);
}

static void
day_selected_cb (TamAttendancePage *self)
{
  g_autoptr (GDateTime) dt = NULL;

  if (self->updating)
    return;
  dt = gtk_calendar_get_date (self->calendar);
  g_date_set_dmy (&self->date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  gtk_popover_popdown (self->date_popover);
  tam_attendance_page_reload (self);
}

static void
row_saved_cb (TamAttendanceDialog *dialog,
              TamAttendancePage *self)
{
  tam_attendance_page_reload (self);
}

static void
edit_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  TamAttendancePage *self = TAM_ATTENDANCE_PAGE (widget);
  const TamAttendance *row = selected_row (self);
  GtkRoot *root = gtk_widget_get_root (widget);
  TamAttendanceDialog *dialog;

  if (!can_edit_row (self, row))
    return;
  dialog = tam_attendance_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, self->session, row);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (row_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_activated_cb (TamAttendancePage *self,
                  guint position)
{
  gtk_single_selection_set_selected (self->row_selection, position);
  edit_action (GTK_WIDGET (self), "attendance.edit", NULL);
}

static void
import_done (GObject *owner,
             gboolean stored)
{
  TamAttendancePage *self = TAM_ATTENDANCE_PAGE (owner);

  if (stored)
    tam_attendance_page_reload (self);
  update_actions (self);
}

void
tam_attendance_page_import_file (TamAttendancePage *self,
                                 const char *path)
{
  g_return_if_fail (TAM_IS_ATTENDANCE_PAGE (self));
  g_return_if_fail (path != NULL);

  tam_import_run (self->job_bar, self->store, self->session, TAM_IMPORT_ATTENDANCE, path,
                  import_done, G_OBJECT (self));
}

static void
import_chosen (GtkWidget *page,
               const char *path)
{
  tam_attendance_page_import_file (TAM_ATTENDANCE_PAGE (page), path);
}

static void
import_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  tam_import_choose (widget, _ ("Import Attendance"), import_chosen);
}

static void
fill_teams (TamAttendancePage *self)
{
  g_autoptr (GPtrArray) people = tam_people_list (self->store, NULL);
  g_autoptr (GtkStringList) list = tam_team_string_list_new (people, self->team_ids);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->team_dropdown, G_LIST_MODEL (list));
  tam_drop_down_search_strings (self->team_dropdown);
  gtk_drop_down_set_selected (self->team_dropdown, 0);
  self->updating = FALSE;
}

static void
setup_columns (TamAttendancePage *self)
{
  const struct
  {
    GtkColumnViewColumn *column;
    const char *property;
  } rows[] = {
    { self->date_column, "date" },
    { self->nik_column, "nik" },
    { self->name_column, "name" },
    { self->shift_column, "shift" },
    { self->status_column, "status" },
    { self->check_in_column, "check-in" },
    { self->check_out_column, "check-out" },
    { self->note_column, "note" },
  };
  const struct
  {
    GtkColumnViewColumn *column;
    const char *property;
  } adherence[] = {
    { self->adh_name_column, "name" },
    { self->adh_scheduled_column, "scheduled" },
    { self->adh_present_column, "present" },
    { self->adh_late_column, "late" },
    { self->adh_absent_column, "absent" },
    { self->adh_sick_column, "sick" },
    { self->adh_leave_column, "leave" },
    { self->adh_adherence_column, "adherence" },
  };
  g_autoptr (GtkSortListModel) row_sort = NULL;
  g_autoptr (GtkSortListModel) adh_sort = NULL;
  g_autoptr (GtkSorter) adh_sorter = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    tam_column_setup (rows[i].column, TAM_TYPE_ATTENDANCE_OBJECT, rows[i].property);
  for (guint i = 0; i < G_N_ELEMENTS (adherence); i++)
    {
      g_autoptr (GtkListItemFactory) factory = tam_label_factory_new (adherence[i].property);
      gtk_column_view_column_set_factory (adherence[i].column, factory);
    }
  /* Adherence sorts by its value, not its text; the name by name. */
  adh_sorter = GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (TAM_TYPE_ADHERENCE_OBJECT, NULL,
                                                                                "adherence-value")));
  gtk_column_view_column_set_sorter (self->adh_adherence_column, adh_sorter);
  {
    g_autoptr (GtkSorter) name_sorter =
        GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (TAM_TYPE_ADHERENCE_OBJECT, NULL, "name")));
    gtk_column_view_column_set_sorter (self->adh_name_column, name_sorter);
  }

  self->rows = g_list_store_new (TAM_TYPE_ATTENDANCE_OBJECT);
  row_sort = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                      g_object_ref (gtk_column_view_get_sorter (self->rows_view)));
  self->row_selection = gtk_single_selection_new (G_LIST_MODEL (g_steal_pointer (&row_sort)));
  gtk_column_view_set_model (self->rows_view, GTK_SELECTION_MODEL (self->row_selection));
  g_signal_connect_swapped (self->row_selection, "notify::selected", G_CALLBACK (update_actions), self);

  self->adherence = g_list_store_new (TAM_TYPE_ADHERENCE_OBJECT);
  adh_sort = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->adherence)),
                                      g_object_ref (gtk_column_view_get_sorter (self->adherence_view)));
  {
    g_autoptr (GtkNoSelection) none = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&adh_sort)));
    gtk_column_view_set_model (self->adherence_view, GTK_SELECTION_MODEL (none));
  }
}

static void
tam_attendance_page_dispose (GObject *object)
{
  TamAttendancePage *self = TAM_ATTENDANCE_PAGE (object);
  GtkWidget *child;

  /* The models outlive the widgets for a moment: stop listening first. */
  if (self->row_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->row_selection, self);
  if (self->job_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->job_bar, self);
  self->job_bar = NULL;
  g_signal_handlers_disconnect_by_data (self->period_dropdown, self);
  g_signal_handlers_disconnect_by_data (self->team_dropdown, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_ATTENDANCE_PAGE);
  /* The template's top child has no id: unparent it ourselves. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->row_selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->adherence);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_attendance_page_parent_class)->dispose (object);
}

static void
tam_attendance_page_finalize (GObject *object)
{
  TamAttendancePage *self = TAM_ATTENDANCE_PAGE (object);

  g_clear_pointer (&self->session, tam_session_free);
  g_clear_pointer (&self->team_ids, g_array_unref);
  G_OBJECT_CLASS (tam_attendance_page_parent_class)->finalize (object);
}

static void
tam_attendance_page_class_init (TamAttendancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_attendance_page_dispose;
  object_class->finalize = tam_attendance_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-attendance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, date_button);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, date_popover);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, calendar);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, team_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, total_label);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, rows_view);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adherence_view);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, date_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, nik_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, shift_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, status_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, check_in_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, check_out_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, note_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_name_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_scheduled_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_present_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_late_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_absent_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_sick_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_leave_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, adh_adherence_column);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, job_box);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, next_button);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, today_button);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, TamAttendancePage, import_button);
  gtk_widget_class_bind_template_callback (widget_class, previous_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "attendance.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "attendance.import", NULL, import_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tam_attendance_page_init (TamAttendancePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->team_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_date_clear (&self->date, 1);
  g_date_set_time_t (&self->date, time (NULL));

  setup_columns (self);
  gtk_column_view_sort_by_column (self->adherence_view, self->adh_adherence_column, GTK_SORT_ASCENDING);

  g_signal_connect_swapped (self->period_dropdown, "notify::selected", G_CALLBACK (period_changed_cb), self);
  g_signal_connect_swapped (self->team_dropdown, "notify::selected", G_CALLBACK (team_changed_cb), self);

  self->job_bar = TAM_JOB_BAR (tam_job_bar_new ());
  gtk_box_append (self->job_box, GTK_WIDGET (self->job_bar));
  g_signal_connect_swapped (self->job_bar, "notify::running", G_CALLBACK (update_actions), self);
}

GtkWidget *
tam_attendance_page_new (TamStore *store,
                         const TamSession *session)
{
  TamAttendancePage *self;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  self = g_object_new (TAM_TYPE_ATTENDANCE_PAGE, NULL);
  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  fill_teams (self);
  /* A team leader sees their own team first. */
  tam_attendance_page_show (self, NULL, FALSE,
                            session && tam_role_from_code (session->role) == TAM_ROLE_TEAM_LEADER
                                ? session->person_id
                                : 0);
  return GTK_WIDGET (self);
}
