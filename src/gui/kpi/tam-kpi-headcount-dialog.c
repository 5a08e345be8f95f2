/* tam-kpi-headcount-dialog.c: editing a month's headcount targets (see
 * tam-kpi-headcount-dialog.h). Read in a GTask worker on its own store;
 * written through tam_save_async (). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-codes.h"
#include "tam-gui-utils.h"
#include "tam-kpi-headcount-dialog.h"
#include "tam-kpi.h"
#include "tam-save.h"
#include "tam-work.h"

struct _TamKpiHeadcountDialog
{
  AdwWindow parent_instance;

  char *db_path;
  TamSession *session;
  char *month;
  gboolean loaded;
  gboolean disposed; /* closed: late callbacks touch nothing */

  GtkListBox *list;
  GtkButton *save_button;
  GtkLabel *message_label;
  GPtrArray *rows; /* Row */
};

G_DEFINE_FINAL_TYPE (TamKpiHeadcountDialog, tam_kpi_headcount_dialog, ADW_TYPE_WINDOW)

typedef struct
{
  char *service;
  char *site;
  gint64 target; /* as stored; -1: none */
  GtkSpinButton *spin;
} Row;

static void
row_free (Row *r)
{
  g_free (r->service);
  g_free (r->site);
  g_free (r);
}

/* ------------------------------------------------------------------ */
/* Reading */

typedef struct
{
  TamKpiHeadcountDialog *dialog; /* held until the read is over (main thread) */
  char *month;
  GPtrArray *pairs;
} Read;

static void
read_free (Read *r)
{
  g_free (r->month);
  g_clear_pointer (&r->pairs, g_ptr_array_unref);
  g_free (r);
}

static gboolean
read_func (TamStore *store,
           const TamSession *session,
           gpointer data,
           GError **error)
{
  Read *r = data;

  return tam_kpi_headcount (store, session, r->month, TAM_KPI_SCOPE_SITE, TRUE, &r->pairs, error);
}

static void
read_done (GObject *source,
           gpointer data,
           const GError *error)
{
  Read *r = data;
  g_autoptr (TamKpiHeadcountDialog) self = g_steal_pointer (&r->dialog);

  if (self->disposed)
    return;
  if (error != NULL)
    {
      tam_message_label_set (self->message_label, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < r->pairs->len; i++)
    {
      const TamKpiHeadcount *h = r->pairs->pdata[i];
      Row *row = g_new0 (Row, 1);
      GtkWidget *action_row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s · %s", tam_service_label (h->m.service), tam_site_label (h->m.site));
      /* Translators: %lld is a number of agents */
      g_autofree char *subtitle = g_strdup_printf (_ ("%lld agents available"), (long long) h->available);

      row->service = g_strdup (h->m.service);
      row->site = g_strdup (h->m.site);
      row->target = h->target;
      row->spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100000, 1));
      gtk_spin_button_set_value (row->spin, (double) MAX (h->target, 0));
      gtk_widget_set_valign (GTK_WIDGET (row->spin), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), GTK_WIDGET (row->spin));
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), GTK_WIDGET (row->spin));
      gtk_list_box_append (self->list, action_row);
      g_ptr_array_add (self->rows, row);
    }
  self->loaded = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (self->rows->len > 0)
    gtk_widget_grab_focus (GTK_WIDGET (((Row *) self->rows->pdata[0])->spin));
}

static const TamWork read_work = { read_func, read_done, (GDestroyNotify) read_free };

/* ------------------------------------------------------------------ */
/* Saving */

typedef struct
{
  TamSession *session;
  char *month;
  GPtrArray *changes; /* Row copies (no spin) with the new target */
} Save;

static void
save_free (Save *s)
{
  tam_session_free (s->session);
  g_free (s->month);
  g_ptr_array_unref (s->changes);
  g_free (s);
}

static gboolean
save_func (TamStore *store,
           gpointer data,
           GError **error)
{
  Save *s = data;

  /* Each its own short transaction; a repeat after BUSY writes the same
   * values again (unchanged rows write nothing). */
  for (guint i = 0; i < s->changes->len; i++)
    {
      Row *r = s->changes->pdata[i];

      if (!tam_kpi_put_headcount_target (store, s->session, s->month, r->service, r->site, r->target, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static void
save_busy (gpointer user_data)
{
  TamKpiHeadcountDialog *self = user_data;

  if (!self->disposed)
    tam_save_button_set_state (self->save_button, TAM_SAVE_WAITING);
}

static void
save_done (GObject *source,
           GAsyncResult *result,
           gpointer user_data)
{
  g_autoptr (TamKpiHeadcountDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (self->disposed)
    return;
  tam_save_button_set_state (self->save_button, TAM_SAVE_IDLE);
  if (!tam_save_finish (result, &error))
    {
      tam_message_label_set (self->message_label, error->message, TRUE);
      return;
    }
  tam_message_label_set (self->message_label, _ ("Headcount targets saved."), FALSE);
  g_signal_emit_by_name (self, "saved");
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_clicked_cb (TamKpiHeadcountDialog *self)
{
  Save *s;

  if (!self->loaded || tam_save_button_get_state (self->save_button) != TAM_SAVE_IDLE)
    return;
  s = g_new0 (Save, 1);
  s->session = tam_session_copy (self->session);
  s->month = g_strdup (self->month);
  s->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *r = self->rows->pdata[i];
      gint64 value;

      gtk_spin_button_update (r->spin);
      value = (gint64) gtk_spin_button_get_value_as_int (r->spin);
      /* No target stays none while left at 0. */
      if (value != r->target && !(r->target < 0 && value == 0))
        {
          Row *c = g_new0 (Row, 1);

          c->service = g_strdup (r->service);
          c->site = g_strdup (r->site);
          c->target = value;
          g_ptr_array_add (s->changes, c);
        }
    }
  if (s->changes->len == 0)
    {
      save_free (s);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  tam_message_label_set (self->message_label, NULL, FALSE);
  tam_save_button_set_state (self->save_button, TAM_SAVE_SAVING);
  tam_save_async (self->db_path, save_func, s, (GDestroyNotify) save_free, save_busy, save_done,
                  g_object_ref (self));
}

/* ------------------------------------------------------------------ */

/* Workers may answer after the window is closed (a Cancel that came too
 * late, a read still running): their callbacks then touch nothing. */
static void
tam_kpi_headcount_dialog_dispose (GObject *object)
{
  TamKpiHeadcountDialog *self = (TamKpiHeadcountDialog *) object;

  self->disposed = TRUE;
  G_OBJECT_CLASS (tam_kpi_headcount_dialog_parent_class)->dispose (object);
}

static void
tam_kpi_headcount_dialog_finalize (GObject *object)
{
  TamKpiHeadcountDialog *self = TAM_KPI_HEADCOUNT_DIALOG (object);

  g_free (self->db_path);
  g_clear_pointer (&self->session, tam_session_free);
  g_free (self->month);
  g_ptr_array_unref (self->rows);
  G_OBJECT_CLASS (tam_kpi_headcount_dialog_parent_class)->finalize (object);
}

static void
tam_kpi_headcount_dialog_class_init (TamKpiHeadcountDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_kpi_headcount_dialog_dispose;
  object_class->finalize = tam_kpi_headcount_dialog_finalize;
  g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tam_kpi_headcount_dialog_init (TamKpiHeadcountDialog *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_ ("_Cancel"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 520, 560);

  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (outer), header);

  gtk_widget_set_margin_top (body, 18);
  gtk_widget_set_margin_bottom (body, 18);
  gtk_widget_set_margin_start (body, 18);
  gtk_widget_set_margin_end (body, 18);
  {
    GtkWidget *hint = gtk_label_new (_ ("The CAPLAN target of each service at each site: how many available agents "
                                        "the month needs. Headcount fulfilment is the available agents against it."));
    gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_widget_add_css_class (hint, "dim-label");
    gtk_box_append (GTK_BOX (body), hint);
  }
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Headcount targets"), -1);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->list));
  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->message_label));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), body);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (outer), scrolled);
  adw_window_set_content (ADW_WINDOW (self), outer);

  g_signal_connect_object (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
}

TamKpiHeadcountDialog *
tam_kpi_headcount_dialog_new (GtkWidget *parent,
                              TamStore *store,
                              const TamSession *session,
                              const char *month)
{
  TamKpiHeadcountDialog *self;
  g_autofree char *title = NULL;
  Read *r;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL && month != NULL, NULL);

  self = tam_window_new_over (TAM_TYPE_KPI_HEADCOUNT_DIALOG, parent);
  self->db_path = g_strdup (tam_store_get_path (store));
  self->session = tam_session_copy (session);
  self->month = g_strdup (month);
  /* Translators: %s is a month, "2026-10" */
  title = g_strdup_printf (_ ("Headcount Targets of %s"), month);
  gtk_window_set_title (GTK_WINDOW (self), title);

  r = g_new0 (Read, 1);
  r->month = g_strdup (month);
  r->dialog = g_object_ref (self);
  tam_read_async (NULL, self->db_path, session, &read_work, r);
  return self;
}

gboolean
tam_kpi_headcount_dialog_is_loaded (TamKpiHeadcountDialog *self)
{
  g_return_val_if_fail (TAM_IS_KPI_HEADCOUNT_DIALOG (self), FALSE);
  return self->loaded;
}

gboolean
tam_kpi_headcount_dialog_set_target (TamKpiHeadcountDialog *self,
                                     const char *service,
                                     const char *site,
                                     gint64 target)
{
  g_return_val_if_fail (TAM_IS_KPI_HEADCOUNT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *r = self->rows->pdata[i];

      if (g_strcmp0 (r->service, service) == 0 && g_strcmp0 (r->site, site) == 0)
        {
          gtk_spin_button_set_value (r->spin, (double) target);
          return TRUE;
        }
    }
  return FALSE;
}

void
tam_kpi_headcount_dialog_save (TamKpiHeadcountDialog *self)
{
  g_return_if_fail (TAM_IS_KPI_HEADCOUNT_DIALOG (self));
  save_clicked_cb (self);
}

const char *
tam_kpi_headcount_dialog_get_message (TamKpiHeadcountDialog *self)
{
  g_return_val_if_fail (TAM_IS_KPI_HEADCOUNT_DIALOG (self), NULL);
  return tam_message_label_get (self->message_label);
}
