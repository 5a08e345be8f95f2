/* tam-window.c: the main window: database error, sign-in, then the desk
 * with one tab per area. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-attendance-page.h"
#include "tam-coaching-page.h"
#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-kpi-page.h"
#include "tam-pack-dialog.h"
#include "tam-queue-page.h"
#include "tam-recovery-page.h"
#include "tam-report-dialog.h"
#include "tam-roster-page.h"
#include "tam-sign-in-page.h"
#include "tam-training-page.h"
#include "tam-window.h"

typedef GtkWidget *(*TamPageNew) (TamStore *store,
                                  const TamSession *session);

/* The desk's tabs, in sidebar order. Adding an area is one line here: a
 * name, a title, the permission a role needs to see it, and the page's
 * constructor. Alt+1…9 go to the tabs in this order. */
static const struct
{
  const char *name;
  const char *title;
  TamPermission permission;
  TamPageNew create;
} desk_pages[] = {
  { "roster", N_ ("Roster"), TAM_PERM_VIEW, tam_roster_page_new },
  { "attendance", N_ ("Attendance"), TAM_PERM_VIEW, tam_attendance_page_new },
  { "queue", N_ ("Queue"), TAM_PERM_VIEW, tam_queue_page_new },
  { "coaching", N_ ("Coaching"), TAM_PERM_VIEW, tam_coaching_page_new },
  { "kpi", N_ ("KPI"), TAM_PERM_VIEW, tam_kpi_page_new },
  { "recovery", N_ ("Recovery plans"), TAM_PERM_VIEW, tam_recovery_page_new },
  { "training", N_ ("Training"), TAM_PERM_VIEW, tam_training_page_new },
};

struct _TamWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
  TamStore *store;
  TamSession *session;

  GtkStack *main_stack;
  AdwStatusPage *error_page;
  GtkBox *sign_in_box;
  AdwWindowTitle *window_title;
  GtkStack *page_stack;
  GtkStackSidebar *sidebar;
  AdwFlap *flap;
  TamSignInPage *sign_in_page;
};

G_DEFINE_FINAL_TYPE (TamWindow, tam_window, ADW_TYPE_APPLICATION_WINDOW)

static void
clear_pages (TamWindow *self)
{
  GtkWidget *child;

  /* GTK 4.8's sidebar touches a page it already dropped when the stack
   * removes one: detach it first (build_desk attaches it again). */
  gtk_stack_sidebar_set_stack (self->sidebar, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack))) != NULL)
    gtk_stack_remove (self->page_stack, child);
}

static void
show_sign_in (TamWindow *self)
{
  g_autofree char *nik = g_settings_get_string (self->settings, "last-nik");

  gtk_stack_set_visible_child_name (self->main_stack, "sign-in");
  tam_sign_in_page_reset (self->sign_in_page, nik);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-user", FALSE);
}

void
tam_window_sign_out (TamWindow *self)
{
  g_return_if_fail (TAM_IS_WINDOW (self));

  clear_pages (self);
  g_clear_pointer (&self->session, tam_session_free);
  adw_window_title_set_subtitle (self->window_title, NULL);
  if (self->store != NULL)
    show_sign_in (self);
}

static void
show_error (TamWindow *self,
            const GError *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static gboolean
open_database (TamWindow *self,
               const char *path,
               TamStoreOpenFlags flags,
               GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (TamStore) store = NULL;

  g_return_val_if_fail (TAM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  clear_pages (self);
  g_clear_pointer (&self->session, tam_session_free);

  /* Only the explicit New Database creates a file: a path that went
   * missing (an unplugged share, a typo) is an error, not a new empty
   * database. */
  store = tam_store_open_full (path, flags, &local_error);
  g_set_object (&self->store, store);
  tam_sign_in_page_set_store (self->sign_in_page, store);
  if (store == NULL)
    {
      show_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  show_sign_in (self);
  return TRUE;
}

gboolean
tam_window_open_database (TamWindow *self,
                          const char *path,
                          GError **error)
{
  return open_database (self, path, TAM_STORE_OPEN_EXISTING, error);
}

gboolean
tam_window_create_database (TamWindow *self,
                            const char *path,
                            GError **error)
{
  return open_database (self, path, TAM_STORE_OPEN_CREATE, error);
}

static void
build_desk (TamWindow *self)
{
  g_autofree char *subtitle = NULL;
  guint shown = 0;

  clear_pages (self);
  for (guint i = 0; i < G_N_ELEMENTS (desk_pages); i++)
    {
      GtkWidget *page;

      if (!tam_session_can (self->session, desk_pages[i].permission))
        continue;
      page = desk_pages[i].create (self->store, self->session);
      gtk_stack_add_titled (self->page_stack, page, desk_pages[i].name, _ (desk_pages[i].title));
      shown++;
    }
  gtk_stack_sidebar_set_stack (self->sidebar, self->page_stack);
  /* A QCO lives in the tapping queue, a team leader in their team's
   * returns there (issue 12): land there. */
  if ((tam_role_from_code (self->session->role) == TAM_ROLE_QCO ||
       tam_role_from_code (self->session->role) == TAM_ROLE_TEAM_LEADER) &&
      gtk_stack_get_child_by_name (self->page_stack, "queue") != NULL)
    gtk_stack_set_visible_child_name (self->page_stack, "queue");

  /* Translators: the signed-in person in the header bar: "Name · Role" */
  subtitle = g_strdup_printf (_ ("%s · %s"), self->session->name, tam_role_label (self->session->role));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->main_stack, "desk");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-user", TRUE);
  if (shown > 0)
    gtk_widget_child_focus (GTK_WIDGET (gtk_stack_get_visible_child (self->page_stack)),
                            GTK_DIR_TAB_FORWARD);
}

static void
signed_in_cb (TamSignInPage *page,
              const TamSession *session,
              TamWindow *self)
{
  g_clear_pointer (&self->session, tam_session_free);
  self->session = tam_session_copy (session);
  g_settings_set_string (self->settings, "last-nik", session->nik);
  build_desk (self);
}

TamStore *
tam_window_get_store (TamWindow *self)
{
  g_return_val_if_fail (TAM_IS_WINDOW (self), NULL);
  return self->store;
}

const TamSession *
tam_window_get_session (TamWindow *self)
{
  g_return_val_if_fail (TAM_IS_WINDOW (self), NULL);
  return self->session;
}

GtkWidget *
tam_window_get_page (TamWindow *self,
                     const char *name)
{
  g_return_val_if_fail (TAM_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->page_stack, name);
}

static void
switch_user_action (GtkWidget *widget,
                    const char *action_name,
                    GVariant *param)
{
  tam_window_sign_out (TAM_WINDOW (widget));
}

static void
database_chosen (GtkWidget *widget,
                 const char *path)
{
  TamWindow *self = TAM_WINDOW (widget);

  if (tam_window_open_database (self, path, NULL))
    g_settings_set_string (self->settings, "database-path", path);
}

static void
choose_database_action (GtkWidget *widget,
                        const char *action_name,
                        GVariant *param)
{
  GtkFileChooserNative *chooser;

  chooser = tam_database_chooser_new (GTK_WINDOW (widget), _ ("_Open"));
  tam_file_chooser_show (chooser, widget, database_chosen);
}

static void
new_database_chosen (GtkWidget *widget,
                     const char *path)
{
  TamWindow *self = TAM_WINDOW (widget);

  if (tam_window_create_database (self, path, NULL))
    g_settings_set_string (self->settings, "database-path", path);
}

static void
new_database_action (GtkWidget *widget,
                     const char *action_name,
                     GVariant *param)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("New Database"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Create"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "tam.db");
  tam_file_chooser_show (chooser, widget, new_database_chosen);
}

/* win.report (s): the main menu's Reports, by the registry's code
 * (tam-reports.h; "" lets the user choose): the report dialog, which
 * runs the report with its own progress and Cancel. */
static void
report_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamWindow *self = TAM_WINDOW (widget);

  if (self->session == NULL || self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (tam_report_dialog_new (widget, self->store, self->session,
                                                         g_variant_get_string (param, NULL))));
}

/* win.report-pack (s): the month-end pack of a month ("": the last
 * complete one), as one job with progress and Cancel in its dialog. */
static void
report_pack_action (GtkWidget *widget,
                    const char *action_name,
                    GVariant *param)
{
  TamWindow *self = TAM_WINDOW (widget);

  if (self->session == NULL || self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (tam_pack_dialog_new (widget, self->store, self->session,
                                                       g_variant_get_string (param, NULL))));
}

/* win.queue-agent-month (s): "NIK\tYYYY-MM[\tSTATE]", the KPI tab's
 * drill-down from an agent: the Queue tab, filtered to that agent's calls
 * of the month in STATE (a call state code; RETURNED when left out, the
 * calls that pulled the QVS down). Nothing happens without a Queue tab. */
static void
queue_agent_month_action (GtkWidget *widget,
                          const char *action_name,
                          GVariant *param)
{
  TamWindow *self = TAM_WINDOW (widget);
  g_auto (GStrv) parts = g_strsplit (g_variant_get_string (param, NULL), "\t", 3);
  GtkWidget *queue = self->page_stack != NULL ? gtk_stack_get_child_by_name (self->page_stack, "queue") : NULL;
  TamCallState state = TAM_CALL_STATE_RETURNED;

  if (!TAM_IS_QUEUE_PAGE (queue) || g_strv_length (parts) < 2)
    return;
  if (parts[2] != NULL)
    state = tam_call_state_from_code (parts[2]);
  if (tam_queue_page_show_agent_month (TAM_QUEUE_PAGE (queue), parts[0], parts[1], state))
    {
      gtk_stack_set_visible_child (self->page_stack, queue);
      gtk_widget_child_focus (queue, GTK_DIR_TAB_FORWARD);
    }
}

/* win.show-page (u): the Nth tab of the desk (Alt+1…9). */
static void
show_page_action (GtkWidget *widget,
                  const char *action_name,
                  GVariant *param)
{
  TamWindow *self = TAM_WINDOW (widget);
  guint index = g_variant_get_uint32 (param);
  guint i = 0;

  if (self->session == NULL)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->page_stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child), i++)
    if (i == index)
      {
        gtk_stack_set_visible_child (self->page_stack, child);
        gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
        return;
      }
}

static gboolean
tam_window_close_request (GtkWindow *window)
{
  TamWindow *self = TAM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  if (GTK_WINDOW_CLASS (tam_window_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (tam_window_parent_class)->close_request (window);
  return FALSE;
}

static void
tam_window_dispose (GObject *object)
{
  TamWindow *self = TAM_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (tam_window_parent_class)->dispose (object);
}

static void
tam_window_finalize (GObject *object)
{
  TamWindow *self = TAM_WINDOW (object);

  g_clear_pointer (&self->session, tam_session_free);
  G_OBJECT_CLASS (tam_window_parent_class)->finalize (object);
}

static void
tam_window_class_init (TamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tam_window_dispose;
  object_class->finalize = tam_window_finalize;
  window_class->close_request = tam_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TamWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TamWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TamWindow, sign_in_box);
  gtk_widget_class_bind_template_child (widget_class, TamWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TamWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, TamWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TamWindow, flap);

  gtk_widget_class_install_action (widget_class, "win.switch-user", NULL, switch_user_action);
  gtk_widget_class_install_action (widget_class, "win.choose-database", NULL, choose_database_action);
  gtk_widget_class_install_action (widget_class, "win.new-database", NULL, new_database_action);

  gtk_widget_class_install_action (widget_class, "win.show-page", "u", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.report", "s", report_action);
  gtk_widget_class_install_action (widget_class, "win.report-pack", "s", report_pack_action);
  gtk_widget_class_install_action (widget_class, "win.queue-agent-month", "s", queue_agent_month_action);
  for (guint i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page", "u", i);
}

/* A folded flap goes away once an area is chosen in it. */
static void
page_chosen_cb (TamWindow *self)
{
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
tam_window_init (TamWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->page_stack, "notify::visible-child", G_CALLBACK (page_chosen_cb), self,
                           G_CONNECT_SWAPPED);

  self->settings = tam_settings_new ();
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->sign_in_page = TAM_SIGN_IN_PAGE (tam_sign_in_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->sign_in_page), TRUE);
  gtk_box_append (self->sign_in_box, GTK_WIDGET (self->sign_in_page));
  g_signal_connect_object (self->sign_in_page, "signed-in", G_CALLBACK (signed_in_cb), self, 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-user", FALSE);
}

TamWindow *
tam_window_new (GtkApplication *app,
                const char *db_path)
{
  TamWindow *self = g_object_new (TAM_TYPE_WINDOW, "application", app, NULL);
  g_autofree char *path = NULL;

  if (db_path != NULL && *db_path != '\0')
    path = g_strdup (db_path);
  else
    {
      path = g_settings_get_string (self->settings, "database-path");
      if (*path == '\0')
        {
          g_free (path);
          path = tam_store_default_path ();
        }
    }
  tam_window_open_database (self, path, NULL);
  return self;
}
