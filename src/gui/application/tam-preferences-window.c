/* tam-preferences-window.c: the database file, the recordings folder and
 * the assessment parameters of each service. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-auth.h"
#include "tam-codes.h"
#include "tam-gui-utils.h"
#include "tam-holidays-dialog.h"
#include "tam-preferences-window.h"
#include "tam-save.h"
#include "tam-store.h"
#include "tam-tapping.h"

struct _TamPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;

  AdwPreferencesGroup *database_group;
  AdwActionRow *database_row;
  AdwActionRow *open_database_row;
  GtkButton *database_default_button;
  AdwActionRow *recordings_row;
  GtkButton *recordings_clear_button;

  TamStore *store;
  TamSession *session;
  GPtrArray *parameters;    /* TamParameter of the shown service */
  TamParameter *editing;    /* NULL: the form adds a new one */
  gboolean saving;          /* a save is in the worker */
  GtkSwitch *saving_switch; /* the row switch it is for, or NULL */
  gboolean closed;          /* closed (hidden) while saving */
  gboolean disposed;

  AdwComboRow *service_row;
  GtkListBox *parameter_list;
  AdwPreferencesGroup *form_group;
  GtkButton *add_button;
  AdwEntryRow *code_row;
  AdwEntryRow *text_row;
  GtkSwitch *critical_switch;
  GtkSpinButton *daily_target_spin;
  GtkSwitch *active_switch;
  GtkButton *save_button;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (TamPreferencesWindow, tam_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_rows (TamPreferencesWindow *self)
{
  g_autofree char *db = g_settings_get_string (self->settings, "database-path");
  g_autofree char *folder = g_settings_get_string (self->settings, "recordings-folder");

  if (*db == '\0')
    {
      g_autofree char *def = tam_store_default_path ();
      g_autofree char *text = g_strdup_printf (_ ("%s (default)"), def);

      adw_action_row_set_subtitle (self->database_row, text);
    }
  else
    adw_action_row_set_subtitle (self->database_row, db);
  gtk_widget_set_sensitive (GTK_WIDGET (self->database_default_button), *db != '\0');

  adw_action_row_set_subtitle (self->recordings_row, *folder ? folder : _ ("Not set"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->recordings_clear_button), *folder != '\0');
}

gboolean
tam_preferences_window_set_database (TamPreferencesWindow *self,
                                     const char *path,
                                     GError **error)
{
  g_autoptr (TamStore) store = NULL;

  g_return_val_if_fail (TAM_IS_PREFERENCES_WINDOW (self), FALSE);

  /* Opened once here, so a wrong file is refused now rather than at the
   * next start; the store never modifies a file it refuses. */
  store = tam_store_open (path, error);
  if (store == NULL)
    return FALSE;
  g_settings_set_string (self->settings, "database-path", path);
  return TRUE;
}

void
tam_preferences_window_set_recordings_folder (TamPreferencesWindow *self,
                                              const char *path)
{
  g_return_if_fail (TAM_IS_PREFERENCES_WINDOW (self));
  g_settings_set_string (self->settings, "recordings-folder", path ? path : "");
}

static void
toast (TamPreferencesWindow *self,
       const char *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void
database_chosen (GtkWidget *widget,
                 const char *path)
{
  TamPreferencesWindow *self = TAM_PREFERENCES_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (tam_preferences_window_set_database (self, path, &error))
    toast (self, _ ("TAM Desk will open this database at the next start"));
  else
    tam_show_message (widget, _ ("This file cannot be used"), error->message);
}

static void
database_clicked_cb (TamPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = tam_database_chooser_new (GTK_WINDOW (self), _ ("_Choose"));
  tam_file_chooser_show (chooser, GTK_WIDGET (self), database_chosen);
}

static void
database_default_clicked_cb (TamPreferencesWindow *self)
{
  g_settings_reset (self->settings, "database-path");
  toast (self, _ ("TAM Desk will open the default database at the next start"));
}

static void
recordings_chosen (GtkWidget *widget,
                   const char *path)
{
  tam_preferences_window_set_recordings_folder (TAM_PREFERENCES_WINDOW (widget), path);
}

static void
recordings_clicked_cb (TamPreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Choose the Recordings Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("_Choose"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  tam_file_chooser_show (chooser, GTK_WIDGET (self), recordings_chosen);
}

static void
recordings_clear_clicked_cb (TamPreferencesWindow *self)
{
  g_settings_reset (self->settings, "recordings-folder");
}

static gboolean
can_edit (TamPreferencesWindow *self)
{
  return self->store != NULL && tam_session_can (self->session, TAM_PERM_EDIT_PARAMETERS);
}

static const char *
current_service (TamPreferencesWindow *self)
{
  const char *const *services = tam_services ();
  guint i = adw_combo_row_get_selected (self->service_row);

  return i < g_strv_length ((char **) services) ? services[i] : NULL;
}

static void
show_error (TamPreferencesWindow *self,
            const char *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Loads @parameter into the form, or empties it for a new one. */
static void
edit_parameter (TamPreferencesWindow *self,
                const TamParameter *parameter)
{
  gboolean editable = can_edit (self);

  g_clear_pointer (&self->editing, tam_parameter_free);
  if (parameter != NULL)
    self->editing = tam_parameter_copy (parameter);

  adw_preferences_group_set_title (self->form_group,
                                   parameter ? _ ("Edit parameter") : _ ("New parameter"));
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), parameter ? parameter->code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->text_row), parameter ? parameter->text : "");
  gtk_switch_set_active (self->critical_switch, parameter ? parameter->critical : FALSE);
  gtk_switch_set_active (self->active_switch, parameter ? parameter->active : TRUE);
  /* The code names what past tappings failed: it never changes. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), editable && parameter == NULL);
  show_error (self, NULL);
}

static void row_switch_cb (GtkSwitch *sw,
                           GParamSpec *pspec,
                           TamPreferencesWindow *self);

/* A row's switch with its name shown beside it (issue 12: two bare
 * switches said nothing, and a tooltip claimed what was not so). */
static GtkWidget *
row_switch (TamPreferencesWindow *self,
            gboolean active,
            const char *flag,
            const char *label,
            guint index)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (g_str_equal (flag, "critical") ? _ ("Critical") : _ ("Active"));
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_add_css_class (name, "dim-label");
  gtk_widget_set_margin_start (box, 12);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), sw);
  gtk_switch_set_active (GTK_SWITCH (sw), active);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (sw, label);
  gtk_widget_set_sensitive (sw, can_edit (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (sw), "tam-flag", (gpointer) flag);
  g_object_set_data (G_OBJECT (sw), "tam-index", GUINT_TO_POINTER (index));
  g_signal_connect_object (sw, "notify::active", G_CALLBACK (row_switch_cb), self, 0);
  return box;
}

static void
reload_parameters (TamPreferencesWindow *self)
{
  const char *service = current_service (self);
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->parameter_list))) != NULL)
    gtk_list_box_remove (self->parameter_list, child);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);
  if (self->store == NULL || service == NULL)
    return;

  self->parameters = tam_parameters_list (self->store, service, TRUE, &error);
  if (self->parameters == NULL)
    {
      show_error (self, error->message);
      return;
    }
  for (guint i = 0; i < self->parameters->len; i++)
    {
      const TamParameter *parameter = g_ptr_array_index (self->parameters, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a switch's tooltip, true whether it is on or off */
      g_autofree char *critical = g_strdup_printf (_ ("Whether %s is critical (a call that fails it cannot be valid)"), parameter->code);
      /* Translators: a switch's tooltip, true whether it is on or off */
      g_autofree char *active = g_strdup_printf (_ ("Whether %s is in the checklist"), parameter->code);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), parameter->code);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), parameter->text);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_switch (self, parameter->critical, "critical", critical, i));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_switch (self, parameter->active, "active", active, i));
      gtk_list_box_append (self->parameter_list, row);
    }
}

static void update_parameters_sensitivity (TamPreferencesWindow *self);

/* The worker's input and output. */
typedef struct
{
  TamSession *session;
  TamParameter *parameter; /* as edited */
  TamParameter *stored;    /* the copy stored, with its id */
} ParameterSave;

static void
parameter_save_free (ParameterSave *ps)
{
  g_clear_pointer (&ps->session, tam_session_free);
  tam_parameter_free (ps->parameter);
  g_clear_pointer (&ps->stored, tam_parameter_free);
  g_free (ps);
}

/* Worker thread; a copy each attempt: a busy attempt may have set its id. */
static gboolean
parameter_save_func (TamStore *store,
                     gpointer data,
                     GError **error)
{
  ParameterSave *ps = data;
  g_autoptr (TamParameter) parameter = tam_parameter_copy (ps->parameter);

  if (!tam_parameter_save (store, ps->session, parameter, error))
    return FALSE;
  ps->stored = g_steal_pointer (&parameter);
  return TRUE;
}

static void
parameter_save_busy_cb (gpointer user_data)
{
  TamPreferencesWindow *self = user_data;

  if (!self->disposed && !self->closed)
    tam_save_button_set_state (self->save_button, TAM_SAVE_WAITING);
}

/* A row switch's save: on success the list's copy follows, on a refusal
 * the switch goes back. */
static void
switch_saved (TamPreferencesWindow *self,
              GtkSwitch *sw,
              gboolean ok)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sw), "tam-index"));
  gboolean is_critical = g_str_equal (g_object_get_data (G_OBJECT (sw), "tam-flag"), "critical");
  gboolean value = gtk_switch_get_active (sw);
  TamParameter *parameter;

  if (!ok)
    {
      g_signal_handlers_block_by_func (sw, row_switch_cb, self);
      gtk_switch_set_active (sw, !value);
      g_signal_handlers_unblock_by_func (sw, row_switch_cb, self);
      return;
    }
  if (self->parameters == NULL || index >= self->parameters->len)
    return;
  parameter = g_ptr_array_index (self->parameters, index);
  if (is_critical)
    parameter->critical = value;
  else
    parameter->active = value;
  if (self->editing != NULL && self->editing->id == parameter->id)
    edit_parameter (self, parameter);
}

static void
parameter_save_done_cb (GObject *source,
                        GAsyncResult *result,
                        gpointer user_data)
{
  g_autoptr (TamPreferencesWindow) self = user_data;
  g_autoptr (GtkSwitch) sw = g_steal_pointer (&self->saving_switch);
  g_autoptr (GError) error = NULL;
  ParameterSave *ps = tam_save_get_data (result);
  gboolean ok = tam_save_finish (result, &error);

  self->saving = FALSE;
  if (self->disposed)
    return;
  if (self->closed)
    {
      /* Closed while it waited: a refusal is told over the main window. */
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (!ok && parent != NULL && gtk_widget_get_visible (GTK_WIDGET (parent)))
        tam_show_message (GTK_WIDGET (parent), _ ("The parameter was not saved"), error->message);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  tam_save_button_set_state (self->save_button, TAM_SAVE_IDLE);
  update_parameters_sensitivity (self);
  show_error (self, ok ? NULL : error->message);
  if (sw != NULL)
    switch_saved (self, sw, ok);
  else if (ok)
    {
      reload_parameters (self);
      edit_parameter (self, ps->stored);
      toast (self, _ ("Parameter saved"));
    }
}

/* Sends @parameter (taken) to the worker; the editor waits meanwhile. */
static void
save_parameter (TamPreferencesWindow *self,
                TamParameter *parameter,
                GtkSwitch *sw)
{
  ParameterSave *ps = g_new0 (ParameterSave, 1);

  g_assert (!self->saving);

  ps->session = self->session ? tam_session_copy (self->session) : NULL;
  ps->parameter = parameter;
  self->saving = TRUE;
  g_set_object (&self->saving_switch, sw);
  tam_save_button_set_state (self->save_button, TAM_SAVE_SAVING);
  update_parameters_sensitivity (self);
  tam_save_async (tam_store_get_path (self->store), parameter_save_func, ps,
                  (GDestroyNotify) parameter_save_free, parameter_save_busy_cb,
                  parameter_save_done_cb, g_object_ref (self));
}

/* A row's critical / active switch saves at once. */
static void
row_switch_cb (GtkSwitch *sw,
               GParamSpec *pspec,
               TamPreferencesWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (sw), "tam-index"));
  gboolean is_critical = g_str_equal (g_object_get_data (G_OBJECT (sw), "tam-flag"), "critical");
  gboolean value = gtk_switch_get_active (sw);
  TamParameter *copy;

  g_assert (TAM_IS_PREFERENCES_WINDOW (self));

  if (self->parameters == NULL || index >= self->parameters->len)
    return;
  if (self->saving)
    {
      /* The list is insensitive meanwhile; this is a program's change. */
      g_signal_handlers_block_by_func (sw, row_switch_cb, self);
      gtk_switch_set_active (sw, !value);
      g_signal_handlers_unblock_by_func (sw, row_switch_cb, self);
      return;
    }
  copy = tam_parameter_copy (g_ptr_array_index (self->parameters, index));
  if (is_critical)
    copy->critical = value;
  else
    copy->active = value;
  save_parameter (self, copy, sw);
}

static void
service_changed_cb (TamPreferencesWindow *self)
{
  g_assert (TAM_IS_PREFERENCES_WINDOW (self));

  reload_parameters (self);
  edit_parameter (self, NULL);
}

static void
parameter_activated_cb (TamPreferencesWindow *self,
                        GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  g_assert (TAM_IS_PREFERENCES_WINDOW (self));

  if (self->parameters != NULL && index >= 0 && (guint) index < self->parameters->len)
    edit_parameter (self, g_ptr_array_index (self->parameters, index));
}

static void
add_clicked_cb (TamPreferencesWindow *self)
{
  g_assert (TAM_IS_PREFERENCES_WINDOW (self));

  edit_parameter (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
}

static void
save_clicked_cb (TamPreferencesWindow *self)
{
  g_autoptr (TamParameter) parameter = NULL;
  const char *service = current_service (self);

  g_assert (TAM_IS_PREFERENCES_WINDOW (self));

  if (self->store == NULL || service == NULL || self->saving)
    return;

  if (self->editing != NULL)
    parameter = tam_parameter_copy (self->editing);
  else
    {
      parameter = tam_parameter_new ();
      parameter->service = g_strdup (service);
      parameter->code = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (self->code_row)), -1);
      g_strstrip (parameter->code);
      /* New parameters go last in the checklist. */
      for (guint i = 0; self->parameters != NULL && i < self->parameters->len; i++)
        {
          const TamParameter *p = g_ptr_array_index (self->parameters, i);
          parameter->position = MAX (parameter->position, p->position + 1);
        }
    }
  g_free (parameter->text);
  parameter->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->text_row)));
  parameter->critical = gtk_switch_get_active (self->critical_switch);
  parameter->active = gtk_switch_get_active (self->active_switch);

  save_parameter (self, g_steal_pointer (&parameter), NULL);
}

/* While a save waits the editor cannot change: one save at a time, in
 * the order the user made them. */
static void
update_parameters_sensitivity (TamPreferencesWindow *self)
{
  gboolean editable = can_edit (self) && !self->saving;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), editable && self->editing == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->critical_switch), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->active_switch), editable);
  if (!self->saving)
    gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->service_row), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->parameter_list), !self->saving);
}

/* Escape while a save waits: the window goes at once; the save, already
 * sent, completes (see parameter_save_done_cb). */
static gboolean
tam_preferences_window_close_request (GtkWindow *window)
{
  TamPreferencesWindow *self = TAM_PREFERENCES_WINDOW (window);

  if (self->saving)
    {
      self->closed = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }
  if (GTK_WINDOW_CLASS (tam_preferences_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (tam_preferences_window_parent_class)->close_request (window);
  return FALSE;
}

static void
tam_preferences_window_dispose (GObject *object)
{
  TamPreferencesWindow *self = TAM_PREFERENCES_WINDOW (object);

  self->disposed = TRUE;
  g_clear_object (&self->saving_switch);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->session, tam_session_free);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);
  g_clear_pointer (&self->editing, tam_parameter_free);
  G_OBJECT_CLASS (tam_preferences_window_parent_class)->dispose (object);
}

static void
tam_preferences_window_class_init (TamPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_preferences_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = tam_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, database_group);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, open_database_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, database_default_button);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, recordings_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, recordings_clear_button);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, service_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, parameter_list);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, form_group);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, code_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, text_row);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, daily_target_spin);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, critical_switch);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, active_switch);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, TamPreferencesWindow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, service_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, parameter_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, database_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, database_default_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recordings_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recordings_clear_clicked_cb);
}

static void
tam_preferences_window_init (TamPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = tam_settings_new ();
  g_settings_bind (self->settings, "daily-target", gtk_spin_button_get_adjustment (self->daily_target_spin),
                   "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::database-path", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recordings-folder", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  update_rows (self);

  {
    g_autoptr (GtkStringList) labels = tam_code_string_list_new (tam_services (), tam_service_label, NULL);

    adw_combo_row_set_model (self->service_row, G_LIST_MODEL (labels));
  }
}

static void
holidays_clicked_cb (GtkButton *button,
                     TamPreferencesWindow *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *dialog = tam_holidays_dialog_new (GTK_WIDGET (self), self->store, self->session,
                                               g_date_time_get_year (now));

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Working days (issue 11): the national holidays and cuti bersama that
 * recovery plans' due dates skip. The list is shipped for two years and
 * changed by the government each year: a supervisor or a manager edits
 * it (the dialog says who may). */
static void
add_calendar_page (TamPreferencesWindow *self)
{
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_ ("_Holidays…"));

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), _ ("Working Days"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), "x-office-calendar-symbolic");
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ ("National holidays and cuti bersama"));
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (group),
      _ ("Due dates of recovery plans and the daily evaluation report (HK+3) count working days: no weekends, "
         "no national holidays, no cuti bersama. The government sets them every year."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Holidays of this year and the next"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               tam_session_can (self->session, TAM_PERM_EDIT_CALENDAR)
                                   ? _ ("Add or remove days")
                                   : _ ("Read only: a supervisor or the manager changes them"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Open the holidays and cuti bersama"), -1);
  g_signal_connect_object (button, "clicked", G_CALLBACK (holidays_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

TamPreferencesWindow *
tam_preferences_window_new (GtkWindow *parent,
                            const char *open_path,
                            TamStore *store,
                            const TamSession *session)
{
  TamPreferencesWindow *self = g_object_new (TAM_TYPE_PREFERENCES_WINDOW,
                                             "transient-for", parent,
                                             NULL);

  adw_preferences_group_set_description (self->database_group,
                                         _ ("A newly chosen database is opened at the next start."));
  adw_action_row_set_subtitle (self->open_database_row, open_path ? open_path : _ ("None"));

  g_set_object (&self->store, store);
  self->session = session ? tam_session_copy (session) : NULL;
  if (session != NULL && session->service != NULL)
    {
      const char *const *services = tam_services ();

      for (guint i = 0; services[i] != NULL; i++)
        if (g_str_equal (services[i], session->service))
          adw_combo_row_set_selected (self->service_row, i);
    }
  reload_parameters (self);
  edit_parameter (self, NULL);
  update_parameters_sensitivity (self);
  if (store != NULL && session != NULL)
    add_calendar_page (self);
  return self;
}
