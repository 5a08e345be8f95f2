/* tam-coaching-page-actions.c: the Coaching tab's actions: which apply
 * to the selected record, the decisions (through tam_save_async (), a
 * worker with its own store), the letter printed (read in a worker, then
 * GtkPrintOperation) or saved as PDF, the rule catalog. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-coaching-dialogs.h"
#include "tam-coaching-page-private.h"
#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"
#include "tam-letter.h"

static gboolean
is_own (TamCoachingPage *self,
        const TamCoachingRecord *r)
{
  return g_strcmp0 (r->nik, self->session->nik) == 0;
}

void
_tam_coaching_page_update_actions (TamCoachingPage *self)
{
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  gboolean issuer = tam_session_can (self->session, TAM_PERM_ISSUE_COACHING);
  gboolean proposed = r != NULL && r->state == TAM_COACHING_STATE_PROPOSED && !is_own (self, r);
  gboolean issued = r != NULL && r->state == TAM_COACHING_STATE_ISSUED;
  gboolean receipt = issued && r->acknowledged_on == NULL && !r->refused &&
                     (issuer || _tam_coaching_page_is_role (self, TAM_ROLE_TEAM_LEADER));
  gboolean confirm = issued && _tam_coaching_page_is_role (self, TAM_ROLE_MANAGER) && r->confirmed_on == NULL &&
                     self->catalog != NULL && r->level == self->catalog->settings.return_level;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "coaching.issue", issuer && proposed);
  gtk_widget_action_set_enabled (widget, "coaching.dismiss", issuer && proposed);
  gtk_widget_action_set_enabled (widget, "coaching.acknowledge", receipt);
  gtk_widget_action_set_enabled (widget, "coaching.confirm", confirm);
  gtk_widget_action_set_enabled (widget, "coaching.print", issued);
  gtk_widget_action_set_enabled (widget, "coaching.export", issued);
  gtk_widget_action_set_enabled (widget, "coaching.record",
                                 self->catalog != NULL &&
                                     tam_session_can (self->session, TAM_PERM_PROPOSE_COACHING));
  gtk_widget_action_set_enabled (widget, "coaching.catalog",
                                 self->catalog != NULL && (_tam_coaching_page_is_role (self, TAM_ROLE_SUPERVISOR_QUALITY) ||
                                                           _tam_coaching_page_is_role (self, TAM_ROLE_MANAGER)));
}

/* ---- decisions, through the save worker -------------------------------- */

typedef enum
{
  OP_ISSUE,
  OP_DISMISS,
  OP_ACKNOWLEDGE,
  OP_REFUSE,
  OP_CONFIRM,
  OP_RECORD,
  OP_EXPORT,
} Op;

typedef struct
{
  Op op;
  gint64 id;
  char *a, *b, *c, *d;
} Write;

static void
write_free (Write *w)
{
  g_free (w->a);
  g_free (w->b);
  g_free (w->c);
  g_free (w->d);
  g_free (w);
}

static gboolean
write_func (TamStore *store,
            const TamSession *session,
            gpointer data,
            GError **error)
{
  Write *w = data;

  switch (w->op)
    {
    case OP_ISSUE:
      return tam_coaching_issue (store, session, w->id, NULL, error);
    case OP_DISMISS:
      return tam_coaching_dismiss (store, session, w->id, w->a, error);
    case OP_ACKNOWLEDGE:
      return tam_coaching_acknowledge (store, session, w->id, w->a, error);
    case OP_REFUSE:
      return tam_coaching_refuse (store, session, w->id, w->b, w->a, error);
    case OP_CONFIRM:
      return tam_coaching_confirm (store, session, w->id, NULL, error);
    case OP_RECORD:
      return tam_coaching_record (store, session, w->a, w->b, w->c, w->d, NULL, error) != 0;
    case OP_EXPORT:
      {
        g_autoptr (TamLetter) letter = tam_letter_new (store, session, w->id, error);
        return letter != NULL && tam_letter_write_pdf (letter, w->a, error);
      }
    }
  g_assert_not_reached ();
}

static void
write_done (GObject *source,
            gpointer data,
            const GError *error)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (source);
  Write *w = data;
  static const char *const headings[] = {
    N_ ("Cannot issue the record"),
    N_ ("Cannot dismiss the proposal"),
    N_ ("Cannot record the receipt"),
    N_ ("Cannot record the refusal"),
    N_ ("Cannot confirm the return"),
    N_ ("Cannot record the nonconformity"),
    N_ ("Cannot write the letter"),
  };

  if (error != NULL)
    tam_show_message (GTK_WIDGET (self), _ (headings[w->op]), error->message);
  else if (w->op == OP_EXPORT)
    {
      g_autofree char *name = g_path_get_basename (w->a);
      /* Translators: after Export PDF…: "Letter saved: SP1-20250296-2026-11-22.pdf" */
      g_autofree char *text = g_strdup_printf (_ ("Letter saved: %s"), name);

      gtk_label_set_text (self->count_label, text);
    }
  if (w->op != OP_EXPORT)
    {
      /* The person's ladder changed too. */
      g_clear_pointer (&self->ladder_nik, g_free);
      tam_coaching_page_reload (self);
    }
}

static const TamWork write_work = { write_func, write_done, (GDestroyNotify) write_free };

static void
send_write (TamCoachingPage *self,
            Op op,
            gint64 id,
            const char *a,
            const char *b,
            const char *c,
            const char *d)
{
  Write *w = g_new0 (Write, 1);

  w->op = op;
  w->id = id;
  w->a = g_strdup (a);
  w->b = g_strdup (b);
  w->c = g_strdup (c);
  w->d = g_strdup (d);
  tam_page_work_save (&self->work, self->store, self->session, &write_work, w);
}

static char *
describe (const TamCoachingRecord *r)
{
  /* Translators: the record a dialog is about: "SP1 for Name (NIK), LATE_LOGIN on 2026-11-03" */
  return g_strdup_printf (_ ("%s for %s (%s), %s on %s"), tam_coaching_level_to_label (r->level), r->name, r->nik,
                          r->rule_code, r->occurred_on);
}

static void
issue_action (GtkWidget *widget,
              const char *action_name,
              GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->issue_button)))
    return;
  send_write (self, OP_ISSUE, r->id, NULL, NULL, NULL, NULL);
}

static void
dismiss_answer (GtkWidget *owner,
                const char *const *values)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (owner);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (owner), "tam-dismiss-id"));
  g_autofree char *reason = g_strstrip (g_strdup (values[0]));

  if (id != 0 && *reason != '\0')
    send_write (self, OP_DISMISS, id, reason, NULL, NULL, NULL);
}

static void
dismiss_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  g_autofree char *what = NULL;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->dismiss_button)))
    return;
  what = describe (r);
  g_object_set_data (G_OBJECT (self), "tam-dismiss-id", GSIZE_TO_POINTER ((gsize) r->id));
  tam_coaching_ask_dismiss (widget, what, dismiss_answer);
}

static void
acknowledge_answer (GtkWidget *owner,
                    const char *const *values)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (owner);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (owner), "tam-ack-id"));

  if (id == 0)
    return;
  if (values[1] != NULL)
    send_write (self, OP_REFUSE, id, values[0], values[1], NULL, NULL);
  else
    send_write (self, OP_ACKNOWLEDGE, id, values[0], NULL, NULL, NULL);
}

static void
acknowledge_action (GtkWidget *widget,
                    const char *action_name,
                    GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  g_autofree char *what = NULL;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->ack_button)))
    return;
  what = describe (r);
  g_object_set_data (G_OBJECT (self), "tam-ack-id", GSIZE_TO_POINTER ((gsize) r->id));
  tam_coaching_ask_acknowledge (widget, what, self->today, acknowledge_answer);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char *response,
                     TamCoachingPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "tam-id"));

  if (g_strcmp0 (response, "confirm") == 0)
    send_write (self, OP_CONFIRM, id, NULL, NULL, NULL, NULL);
}

static void
confirm_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->confirm_button)))
    return;
  body = g_strdup_printf (_ ("%s (%s) will be returned to the vendor; the person's status becomes "
                             "Returned to vendor."),
                          r->name, r->nik);
  dialog = adw_message_dialog_new (tam_widget_get_window (widget), _ ("Confirm the Return to the Vendor?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "confirm",
                                    _ ("_Confirm"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "confirm", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tam-id", GSIZE_TO_POINTER ((gsize) r->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
record_answer (GtkWidget *owner,
               const char *const *values)
{
  send_write (TAM_COACHING_PAGE (owner), OP_RECORD, 0, values[0], values[1], values[2], values[3]);
}

static void
record_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);

  if (self->catalog == NULL || !tam_session_can (self->session, TAM_PERM_PROPOSE_COACHING))
    return;
  tam_coaching_ask_record (widget, self->catalog, r ? r->nik : NULL, self->today, record_answer);
}

static void
letter_free (gpointer data,
             GClosure *closure)
{
  tam_letter_free (data);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext *context,
              int page_nr,
              TamLetter *letter)
{
  tam_letter_draw (letter, gtk_print_context_get_cairo_context (context), gtk_print_context_get_width (context),
                   gtk_print_context_get_height (context));
}

/* The letter is read in a worker on a store of its own (the window never
 * waits for the database on its main loop), then printed. */
typedef struct
{
  gint64 id;
  TamLetter *letter;
} LetterJob;

static void
letter_job_free (LetterJob *job)
{
  g_clear_pointer (&job->letter, tam_letter_free);
  g_free (job);
}

static gboolean
letter_func (TamStore *store,
             const TamSession *session,
             gpointer data,
             GError **error)
{
  LetterJob *job = data;

  job->letter = tam_letter_new (store, session, job->id, error);
  return job->letter != NULL;
}

static void
letter_read_cb (GObject *source,
                gpointer data,
                const GError *error)
{
  GtkWidget *widget = GTK_WIDGET (source);
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GtkPageSetup) setup = NULL;
  g_autoptr (GtkPaperSize) a4 = NULL;
  LetterJob *job = data;
  g_autoptr (GError) print_error = NULL;
  TamLetter *letter;

  if (error != NULL)
    {
      tam_show_message (widget, _ ("Cannot write the letter"), error->message);
      return;
    }
  letter = g_steal_pointer (&job->letter);
  operation = gtk_print_operation_new ();
  setup = gtk_page_setup_new ();
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, tam_letter_get_title (letter));
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), letter, letter_free, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               tam_widget_get_window (widget), &print_error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    tam_show_message (widget, _ ("Cannot print the letter"), print_error->message);
}

static const TamWork letter_work = { letter_func, letter_read_cb, (GDestroyNotify) letter_job_free };

static void
print_action (GtkWidget *widget,
              const char *action_name,
              GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  LetterJob *job;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->print_button)))
    return;
  job = g_new0 (LetterJob, 1);
  job->id = r->id;
  tam_page_work_read (&self->work, self->store, self->session, &letter_work, job);
}

static void
export_chosen (GtkWidget *owner,
               const char *path)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (owner);
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (owner), "tam-export-id"));

  if (id != 0)
    send_write (self, OP_EXPORT, id, path, NULL, NULL, NULL);
}

static void
export_action (GtkWidget *widget,
               const char *action_name,
               GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  g_autofree char *name = NULL;

  if (r == NULL || !gtk_widget_is_sensitive (GTK_WIDGET (self->export_button)))
    return;
  g_object_set_data (G_OBJECT (self), "tam-export-id", GSIZE_TO_POINTER ((gsize) r->id));
  name = g_strdup_printf ("%s-%s-%s.pdf", tam_coaching_level_to_code (r->level), r->nik, r->occurred_on);
  tam_pdf_chooser_show (widget, _ ("Export the Letter"), _ ("_Export"), name, export_chosen);
}

static void
catalog_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (widget);

  if (self->catalog != NULL)
    tam_coaching_catalog_window_new (widget, self->catalog);
}

static void
refresh_action (GtkWidget *widget,
                const char *action_name,
                GVariant *param)
{
  tam_coaching_page_reload (TAM_COACHING_PAGE (widget));
}

static void
next_action (GtkWidget *widget,
             const char *action_name,
             GVariant *param)
{
  _tam_coaching_page_move (TAM_COACHING_PAGE (widget), 1);
}

static void
previous_action (GtkWidget *widget,
                 const char *action_name,
                 GVariant *param)
{
  _tam_coaching_page_move (TAM_COACHING_PAGE (widget), -1);
}

void
_tam_coaching_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "coaching.issue", NULL, issue_action);
  gtk_widget_class_install_action (widget_class, "coaching.dismiss", NULL, dismiss_action);
  gtk_widget_class_install_action (widget_class, "coaching.acknowledge", NULL, acknowledge_action);
  gtk_widget_class_install_action (widget_class, "coaching.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "coaching.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "coaching.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "coaching.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "coaching.catalog", NULL, catalog_action);
  gtk_widget_class_install_action (widget_class, "coaching.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "coaching.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "coaching.previous", NULL, previous_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, 0, "coaching.issue", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, 0, "coaching.dismiss", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, 0, "coaching.acknowledge", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, 0, "coaching.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "coaching.record", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, 0, "coaching.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "coaching.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, 0, "coaching.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "coaching.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "coaching.refresh", NULL);
}
