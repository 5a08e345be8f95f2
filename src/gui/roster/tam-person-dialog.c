/* tam-person-dialog.c: add or edit one person of the roster. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-codes.h"
#include "tam-dates.h"
#include "tam-dialog-save.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-person-dialog.h"
#include "tam-training-history.h"

struct _TamPersonDialog
{
  AdwWindow parent_instance;

  TamStore *store;
  TamSession *session;
  TamPerson *person;       /* the edited copy; id 0 for a new one */
  GArray *team_leader_ids; /* gint64 per drop-down position; 0 = none */
  TamDialogSave save;

  GtkButton *save_button;
  GtkLabel *error_label;
  GtkEntry *nik_entry;
  GtkEntry *name_entry;
  GtkDropDown *role_dropdown;
  GtkDropDown *site_dropdown;
  GtkDropDown *service_dropdown;
  GtkDropDown *team_leader_dropdown;
  GtkDropDown *status_dropdown;
  GtkEntry *hired_on_entry;
  GtkEntry *contract_end_entry;
  GtkLabel *nik_error;
  GtkLabel *name_error;
  GtkLabel *role_error;
  GtkLabel *site_error;
  GtkLabel *service_error;
  GtkLabel *team_leader_error;
  GtkLabel *status_error;
  GtkLabel *hired_on_error;
  GtkLabel *contract_end_error;
};

G_DEFINE_FINAL_TYPE (TamPersonDialog, tam_person_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The field names tam_people_validate reports, with their widgets. */
static gboolean
lookup_field (TamPersonDialog *self,
              const char *field,
              GtkWidget **widget,
              GtkLabel **label)
{
  const struct
  {
    const char *name;
    GtkWidget *widget;
    GtkLabel *label;
  } fields[] = {
    { "nik", GTK_WIDGET (self->nik_entry), self->nik_error },
    { "name", GTK_WIDGET (self->name_entry), self->name_error },
    { "role", GTK_WIDGET (self->role_dropdown), self->role_error },
    { "site", GTK_WIDGET (self->site_dropdown), self->site_error },
    { "service", GTK_WIDGET (self->service_dropdown), self->service_error },
    { "team_leader", GTK_WIDGET (self->team_leader_dropdown), self->team_leader_error },
    { "status", GTK_WIDGET (self->status_dropdown), self->status_error },
    { "hired_on", GTK_WIDGET (self->hired_on_entry), self->hired_on_error },
    { "contract_end", GTK_WIDGET (self->contract_end_entry), self->contract_end_error },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (field == NULL || g_strcmp0 (fields[i].name, field) == 0)
      {
        if (field == NULL)
          {
            tam_field_set_error (fields[i].widget, fields[i].label, NULL);
            continue;
          }
        *widget = fields[i].widget;
        *label = fields[i].label;
        return TRUE;
      }
  return FALSE;
}

static void
clear_errors (TamPersonDialog *self)
{
  lookup_field (self, NULL, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
show_error (TamPersonDialog *self,
            const char *field,
            const char *message)
{
  GtkWidget *widget = NULL;
  GtkLabel *label = NULL;

  if (field != NULL && lookup_field (self, field, &widget, &label))
    {
      tam_field_set_error (widget, label, message);
      gtk_widget_grab_focus (widget);
    }
  else
    {
      gtk_label_set_text (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Dates typed as 05/10/2026 are accepted too, as in the import files. */
static char *
entry_date (GtkEntry *entry)
{
  g_autofree char *text = entry_text (entry);
  char *date = tam_parse_date (text);

  return date ? date : g_steal_pointer (&text);
}

static void
read_fields (TamPersonDialog *self,
             TamPerson *p)
{
  const char *code;
  guint pos;

  g_free (p->nik);
  p->nik = entry_text (self->nik_entry);
  g_free (p->name);
  p->name = entry_text (self->name_entry);
  g_free (p->role);
  p->role = g_strdup (tam_code_at (tam_roles (), gtk_drop_down_get_selected (self->role_dropdown), FALSE));
  g_free (p->site);
  p->site = g_strdup (tam_code_at (tam_sites (), gtk_drop_down_get_selected (self->site_dropdown), FALSE));
  code = tam_code_at (tam_services (), gtk_drop_down_get_selected (self->service_dropdown), TRUE);
  g_free (p->service);
  p->service = g_strdup (code);
  pos = gtk_drop_down_get_selected (self->team_leader_dropdown);
  p->team_leader_id = pos < self->team_leader_ids->len
                          ? g_array_index (self->team_leader_ids, gint64, pos)
                          : 0;
  g_free (p->status);
  p->status = g_strdup (tam_code_at (tam_person_statuses (),
                                     gtk_drop_down_get_selected (self->status_dropdown), FALSE));
  g_free (p->hired_on);
  p->hired_on = entry_date (self->hired_on_entry);
  g_free (p->contract_end);
  p->contract_end = entry_date (self->contract_end_entry);
}

/* The worker's input and output. */
typedef struct
{
  TamSession *session;
  TamPerson *person; /* as read from the fields */
  TamPerson *stored; /* the copy stored, with its id */
  char *field;       /* the field a refusal is about, or NULL */
} PersonSave;

static void
person_save_free (PersonSave *ps)
{
  tam_session_free (ps->session);
  tam_person_free (ps->person);
  g_clear_pointer (&ps->stored, tam_person_free);
  g_free (ps->field);
  g_free (ps);
}

/* Worker thread. Validated first, so a permission refusal never hides a
 * field error the user can fix; the save checks everything again in its
 * transaction. A copy each attempt: a busy attempt may have set its id. */
static gboolean
person_save_func (TamStore *store,
                  gpointer data,
                  GError **error)
{
  PersonSave *ps = data;
  g_autoptr (TamPerson) p = tam_person_copy (ps->person);

  g_clear_pointer (&ps->field, g_free);
  if (!tam_people_validate (store, p, &ps->field, error) ||
      !tam_people_save (store, ps->session, p, &ps->field, error))
    return FALSE;
  ps->stored = g_steal_pointer (&p);
  return TRUE;
}

/* The save is over (see tam-dialog-save.h). */
static void
person_save_done (GtkWindow *dialog,
                  gpointer data,
                  const GError *error)
{
  TamPersonDialog *self = TAM_PERSON_DIALOG (dialog);
  PersonSave *ps = data;

  if (error == NULL)
    g_signal_emit (self, signals[SAVED], 0, ps->stored->nik);
  else
    show_error (self, ps->field, error->message);
}

/* Sends the save to the worker; FALSE when one is on its way already. */
static gboolean
send_save (TamPersonDialog *self)
{
  PersonSave *ps;

  if (self->save.saving)
    return FALSE;

  clear_errors (self);
  ps = g_new0 (PersonSave, 1);
  ps->session = tam_session_copy (self->session);
  ps->person = tam_person_copy (self->person);
  read_fields (self, ps->person);

  return tam_dialog_save_send (&self->save, tam_store_get_path (self->store), person_save_func, ps,
                               (GDestroyNotify) person_save_free, person_save_done);
}

gboolean
tam_person_dialog_save (TamPersonDialog *self)
{
  g_autoptr (TamPersonDialog) ref = NULL;

  g_return_val_if_fail (TAM_IS_PERSON_DIALOG (self), FALSE);

  ref = g_object_ref (self);
  if (!send_save (self))
    return FALSE;
  return tam_dialog_save_wait (&self->save);
}

static void
save_clicked_cb (TamPersonDialog *self)
{
  send_save (self);
}

/* Escape or Cancel while a save waits: the dialog goes at once; the save,
 * already sent, completes (tam-dialog-save.h). */
static gboolean
tam_person_dialog_close_request (GtkWindow *window)
{
  TamPersonDialog *self = TAM_PERSON_DIALOG (window);

  if (tam_dialog_save_close_request (&self->save))
    return TRUE;
  if (GTK_WINDOW_CLASS (tam_person_dialog_parent_class)->close_request != NULL)
    return GTK_WINDOW_CLASS (tam_person_dialog_parent_class)->close_request (window);
  return FALSE;
}

/* Editing a field clears its message. */
static void
field_changed (TamPersonDialog *self,
               GtkWidget *source)
{
  const char *names[] = { "nik", "name", "role", "site", "service", "team_leader", "status",
                          "hired_on", "contract_end" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *w = NULL;
      GtkLabel *l = NULL;

      if (lookup_field (self, names[i], &w, &l) && w == source &&
          gtk_widget_has_css_class (w, "error"))
        tam_field_set_error (w, l, NULL);
    }
}

static void
entry_changed_cb (TamPersonDialog *self,
                  GtkEditable *entry)
{
  field_changed (self, GTK_WIDGET (entry));
}

static void
dropdown_changed_cb (TamPersonDialog *self,
                     GParamSpec *pspec,
                     GtkDropDown *dropdown)
{
  field_changed (self, GTK_WIDGET (dropdown));
}

static void
fill_team_leaders (TamPersonDialog *self)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) people = NULL;
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->team_leader_ids, 0);
  g_array_append_val (self->team_leader_ids, none);
  gtk_string_list_append (list, _ ("None"));

  people = tam_people_list (self->store, NULL);
  for (guint i = 0; people != NULL && i < people->len; i++)
    {
      const TamPerson *tl = g_ptr_array_index (people, i);
      gboolean current = tl->id == self->person->team_leader_id && tl->id != 0;
      g_autofree char *label = NULL;

      /* Leaders who left are offered only when already assigned. */
      if (tam_role_from_code (tl->role) != TAM_ROLE_TEAM_LEADER || tl->id == self->person->id ||
          (!current && !tam_person_status_is_active (tam_person_status_from_code (tl->status))))
        continue;
      label = g_strdup_printf ("%s (%s)", tl->name, tl->nik);
      gtk_string_list_append (list, label);
      g_array_append_val (self->team_leader_ids, tl->id);
      if (current)
        selected = self->team_leader_ids->len - 1;
    }
  gtk_drop_down_set_model (self->team_leader_dropdown, G_LIST_MODEL (list));
  tam_drop_down_search_strings (self->team_leader_dropdown);
  gtk_drop_down_set_selected (self->team_leader_dropdown, selected);
}

static void
fill_fields (TamPersonDialog *self)
{
  const TamPerson *p = self->person;
  g_autoptr (GtkStringList) roles = tam_code_string_list_new (tam_roles (), tam_role_label, NULL);
  g_autoptr (GtkStringList) sites = tam_code_string_list_new (tam_sites (), tam_site_label, NULL);
  g_autoptr (GtkStringList) services = tam_code_string_list_new (tam_services (), tam_service_label,
                                                                 _ ("None"));
  g_autoptr (GtkStringList) statuses = tam_code_string_list_new (tam_person_statuses (),
                                                                 tam_person_status_label, NULL);

  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));
  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (sites));
  gtk_drop_down_set_model (self->service_dropdown, G_LIST_MODEL (services));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));

  gtk_editable_set_text (GTK_EDITABLE (self->nik_entry), p->nik ? p->nik : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), p->name ? p->name : "");
  gtk_drop_down_set_selected (self->role_dropdown, tam_code_position (tam_roles (), p->role, FALSE));
  gtk_drop_down_set_selected (self->site_dropdown, tam_code_position (tam_sites (), p->site, FALSE));
  gtk_drop_down_set_selected (self->service_dropdown, tam_code_position (tam_services (), p->service, TRUE));
  gtk_drop_down_set_selected (self->status_dropdown,
                              tam_code_position (tam_person_statuses (), p->status, FALSE));
  gtk_editable_set_text (GTK_EDITABLE (self->hired_on_entry), p->hired_on ? p->hired_on : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contract_end_entry), p->contract_end ? p->contract_end : "");
  fill_team_leaders (self);
  clear_errors (self);
}

static void
tam_person_dialog_dispose (GObject *object)
{
  TamPersonDialog *self = TAM_PERSON_DIALOG (object);

  tam_dialog_save_dispose (&self->save);
  gtk_widget_dispose_template (GTK_WIDGET (self), TAM_TYPE_PERSON_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_person_dialog_parent_class)->dispose (object);
}

static void
tam_person_dialog_finalize (GObject *object)
{
  TamPersonDialog *self = TAM_PERSON_DIALOG (object);

  g_clear_pointer (&self->session, tam_session_free);
  g_clear_pointer (&self->person, tam_person_free);
  g_clear_pointer (&self->team_leader_ids, g_array_unref);
  G_OBJECT_CLASS (tam_person_dialog_parent_class)->finalize (object);
}

static void
tam_person_dialog_class_init (TamPersonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_person_dialog_dispose;
  object_class->finalize = tam_person_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = tam_person_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/infomedia/TAM/ui/tam-person-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, nik_entry);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, service_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, team_leader_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, hired_on_entry);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, contract_end_entry);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, nik_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, name_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, role_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, site_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, service_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, team_leader_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, status_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, hired_on_error);
  gtk_widget_class_bind_template_child (widget_class, TamPersonDialog, contract_end_error);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dropdown_changed_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tam_person_dialog_init (TamPersonDialog *self)
{
  self->team_leader_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  tam_dialog_save_init (&self->save, GTK_WINDOW (self), self->save_button, _ ("The person was not saved"));
}

TamPersonDialog *
tam_person_dialog_new (GtkWindow *parent,
                       TamStore *store,
                       const TamSession *session,
                       const TamPerson *person)
{
  TamPersonDialog *self;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  self = g_object_new (TAM_TYPE_PERSON_DIALOG,
                       "transient-for", parent,
                       "title", person ? _ ("Edit Person") : _ ("Add Person"),
                       NULL);
  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  if (person != NULL)
    self->person = tam_person_copy (person);
  else
    {
      self->person = tam_person_new ();
      self->person->role = g_strdup (tam_role_to_code (TAM_ROLE_AGENT));
      self->person->site = g_strdup (session && session->site ? session->site : tam_site_to_code (TAM_SITE_BANDUNG));
      self->person->service = g_strdup (session && session->service ? session->service
                                                                    : tam_service_to_code (TAM_SERVICE_ADDON_CONSUMER));
      self->person->status = g_strdup (tam_person_status_to_code (TAM_PERSON_STATUS_TRAINING));
      self->person->hired_on = tam_today ();
      if (session != NULL && tam_role_from_code (session->role) == TAM_ROLE_TEAM_LEADER)
        self->person->team_leader_id = session->person_id;
    }
  fill_fields (self);
  /* Issue 14: the person's training history under the fields. */
  if (self->person->id != 0)
    gtk_box_append (GTK_BOX (adw_window_get_content (ADW_WINDOW (self))),
                    tam_training_history_new (store, self->person->id));
  gtk_widget_grab_focus (GTK_WIDGET (self->nik_entry));
  return self;
}
