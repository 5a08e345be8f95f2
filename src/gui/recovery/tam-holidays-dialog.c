/* tam-holidays-dialog.c: the working-day calendar's holidays (issue 11,
 * point 5): the shipped national holidays and cuti bersama of a year and
 * the database's corrections, read in a worker; a supervisor or manager
 * (TAM_PERM_EDIT_CALENDAR) adds a day or removes one, through
 * tam_save_async (), as `tamctl calendar add / remove` does. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-calendar.h"
#include "tam-gui-utils.h"
#include "tam-holidays-dialog.h"
#include "tam-save.h"
#include "tam-work.h"

typedef struct
{
  GtkWindow *window;
  char *db_path;
  TamSession *session;
  int year;
  gboolean editable;
  GtkLabel *year_label;
  GtkListBox *list;
  GtkWidget *date_entry;
  GtkWidget *name_entry;
  GtkLabel *status;
  guint busy;
} Holidays;

static void
holidays_free (gpointer data)
{
  Holidays *h = data;

  g_free (h->db_path);
  tam_session_free (h->session);
  g_free (h);
}

static void reload (Holidays *h);

/* ---- reading ------------------------------------------------------------ */

typedef struct
{
  int year;
  GPtrArray *days;
} DaysJob;

static void
days_job_free (DaysJob *job)
{
  g_clear_pointer (&job->days, g_ptr_array_unref);
  g_free (job);
}

static gboolean
days_func (TamStore *store,
           const TamSession *session,
           gpointer data,
           GError **error)
{
  DaysJob *job = data;
  g_autoptr (TamCalendar) calendar = tam_calendar_load (store, error);

  if (calendar == NULL)
    return FALSE;
  job->days = tam_calendar_list (calendar, job->year);
  return TRUE;
}

static const char *
kind_label (const TamCalendarDay *d)
{
  if (d->removed)
    return _ ("working day (removed)");
  switch (d->kind)
    {
    case TAM_DAY_HOLIDAY:
      return d->estimated ? _ ("national holiday (estimated)") : _ ("national holiday");
    case TAM_DAY_CUTI_BERSAMA:
      return d->estimated ? _ ("cuti bersama (estimated)") : _ ("cuti bersama");
    case TAM_DAY_ADDED:
      return _ ("added here");
    case TAM_DAY_WORKDAY:
    case TAM_DAY_WEEKEND:
    default:
      return "";
    }
}

static void
remove_clicked_cb (GtkButton *button,
                   Holidays *h);

static void
days_done_cb (GObject *source,
              gpointer data,
              const GError *error)
{
  Holidays *h = g_object_get_data (source, "tam-holidays");
  DaysJob *job = data;
  GtkWidget *child;

  if (h == NULL)
    return;
  h->busy--;
  if (error != NULL)
    {
      gtk_label_set_text (h->status, error->message);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (h->list))) != NULL)
    gtk_list_box_remove (h->list, child);
  for (guint i = 0; i < job->days->len; i++)
    {
      const TamCalendarDay *d = job->days->pdata[i];
      g_autofree char *text = g_strdup_printf ("%s · %s · %s", d->date, d->name, kind_label (d));
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (row), label);
      if (h->editable && !d->removed)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
          g_autofree char *name = g_strdup_printf (_ ("Remove %s"), d->date);

          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
          g_object_set_data_full (G_OBJECT (remove), "tam-date", g_strdup (d->date), g_free);
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), h);
          gtk_box_append (GTK_BOX (row), remove);
        }
      gtk_widget_set_margin_start (row, 6);
      gtk_widget_set_margin_end (row, 6);
      gtk_list_box_append (h->list, row);
    }
}

static const TamWork days_work = { days_func, days_done_cb, (GDestroyNotify) days_job_free };

static void
reload (Holidays *h)
{
  DaysJob *job = g_new0 (DaysJob, 1);
  g_autofree char *year = g_strdup_printf ("%d", h->year);

  gtk_label_set_text (h->year_label, year);
  job->year = h->year;
  h->busy++;
  tam_read_async (h->window, h->db_path, NULL, &days_work, job);
}

/* ---- writing ------------------------------------------------------------ */

typedef struct
{
  TamSession *session;
  char *date;
  char *name; /* NULL: remove */
} Edit;

static void
edit_free (Edit *e)
{
  tam_session_free (e->session);
  g_free (e->date);
  g_free (e->name);
  g_free (e);
}

static gboolean
edit_func (TamStore *store,
           gpointer data,
           GError **error)
{
  Edit *e = data;

  return e->name ? tam_calendar_add (store, e->session, e->date, e->name, error)
                 : tam_calendar_remove (store, e->session, e->date, error);
}

static void
forget_cb (GtkWidget *window)
{
  g_object_set_data (G_OBJECT (window), "tam-holidays", NULL);
}

static void
edit_busy_cb (gpointer user_data)
{
  GtkWindow *window = user_data;
  Holidays *h = g_object_get_data (G_OBJECT (window), "tam-holidays");

  if (h != NULL)
    gtk_label_set_text (h->status, _ ("Waiting for another desk…"));
}

static void
edit_done_cb (GObject *source,
              GAsyncResult *result,
              gpointer user_data)
{
  GtkWindow *window = user_data;
  Holidays *h = g_object_get_data (G_OBJECT (window), "tam-holidays");
  Edit *e = tam_save_get_data (result);
  g_autoptr (GError) error = NULL;

  if (h != NULL)
    {
      h->busy--;
      if (!tam_save_finish (result, &error))
        gtk_label_set_text (h->status, error->message);
      else
        {
          g_autofree char *text = e->name ? g_strdup_printf (_ ("Holiday added: %s"), e->date)
                                          : g_strdup_printf (_ ("Holiday removed: %s"), e->date);

          gtk_label_set_text (h->status, text);
          if (e->name)
            {
              gtk_editable_set_text (GTK_EDITABLE (h->date_entry), "");
              gtk_editable_set_text (GTK_EDITABLE (h->name_entry), "");
            }
          reload (h);
        }
    }
  g_object_unref (window);
}

static void
send_edit (Holidays *h,
           const char *date,
           const char *name)
{
  Edit *e = g_new0 (Edit, 1);

  e->session = tam_session_copy (h->session);
  e->date = g_strdup (date);
  e->name = g_strdup (name);
  h->busy++;
  tam_save_async (h->db_path, edit_func, e, (GDestroyNotify) edit_free, edit_busy_cb, edit_done_cb,
                  g_object_ref (h->window));
}

static void
remove_clicked_cb (GtkButton *button,
                   Holidays *h)
{
  send_edit (h, g_object_get_data (G_OBJECT (button), "tam-date"), NULL);
}

static void
add_cb (Holidays *h)
{
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (h->date_entry))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (h->name_entry))));

  if (*date == '\0' || *name == '\0')
    {
      gtk_label_set_text (h->status, _ ("Give the date and the holiday's name."));
      return;
    }
  send_edit (h, date, name);
}

static void
year_step (Holidays *h,
           int step)
{
  h->year += step;
  reload (h);
}

static void
previous_cb (Holidays *h)
{
  year_step (h, -1);
}

static void
next_cb (Holidays *h)
{
  year_step (h, 1);
}

GtkWidget *
tam_holidays_dialog_new (GtkWidget *owner,
                         TamStore *store,
                         const TamSession *session,
                         int year)
{
  GtkRoot *root = gtk_widget_get_root (owner);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *nav = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *prev = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *next = gtk_button_new_from_icon_name ("go-next-symbolic");
  GtkWidget *scroller = gtk_scrolled_window_new ();
  Holidays *h = g_new0 (Holidays, 1);

  h->window = GTK_WINDOW (window);
  h->db_path = g_strdup (tam_store_get_path (store));
  h->session = tam_session_copy (session);
  h->year = year;
  h->editable = tam_session_can (session, TAM_PERM_EDIT_CALENDAR);
  g_object_set_data_full (G_OBJECT (window), "tam-holidays", h, holidays_free);
  /* Closed: a worker that answers later finds nothing to write into. */
  g_signal_connect (window, "destroy", G_CALLBACK (forget_cb), NULL);

  gtk_window_set_title (GTK_WINDOW (window), _ ("Holidays and Cuti Bersama"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 6);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_vexpand (content, TRUE);

  h->year_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (h->year_label), "title-4");
  gtk_widget_set_hexpand (GTK_WIDGET (h->year_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (prev), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Previous year"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Next year"), -1);
  gtk_widget_set_tooltip_text (prev, _ ("Previous year"));
  gtk_widget_set_tooltip_text (next, _ ("Next year"));
  gtk_box_append (GTK_BOX (nav), prev);
  gtk_box_append (GTK_BOX (nav), GTK_WIDGET (h->year_label));
  gtk_box_append (GTK_BOX (nav), next);
  gtk_box_append (GTK_BOX (content), nav);
  {
    GtkWidget *note = gtk_label_new (_ ("Weekends are never working days. Due dates and HK+3 skip these days."));

    gtk_label_set_wrap (GTK_LABEL (note), TRUE);
    gtk_label_set_xalign (GTK_LABEL (note), 0);
    gtk_widget_add_css_class (note, "dim-label");
    gtk_box_append (GTK_BOX (content), note);
  }

  h->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (h->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (h->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (h->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Holidays"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (h->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (content), scroller);

  if (h->editable)
    {
      GtkWidget *add_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *add = gtk_button_new_with_mnemonic (_ ("_Add Holiday"));

      h->date_entry = gtk_entry_new ();
      h->name_entry = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (h->date_entry), "YYYY-MM-DD");
      gtk_entry_set_placeholder_text (GTK_ENTRY (h->name_entry), _ ("Name"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (h->date_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Date"), -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (h->name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Name"), -1);
      gtk_editable_set_width_chars (GTK_EDITABLE (h->date_entry), 11);
      gtk_widget_set_hexpand (h->name_entry, TRUE);
      gtk_box_append (GTK_BOX (add_box), h->date_entry);
      gtk_box_append (GTK_BOX (add_box), h->name_entry);
      gtk_box_append (GTK_BOX (add_box), add);
      gtk_box_append (GTK_BOX (content), add_box);
      g_signal_connect_swapped (add, "clicked", G_CALLBACK (add_cb), h);
      g_signal_connect_swapped (h->name_entry, "activate", G_CALLBACK (add_cb), h);
    }
  h->status = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (h->status, 0);
  gtk_label_set_wrap (h->status, TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (h->status));
  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (window), box);

  g_signal_connect_swapped (prev, "clicked", G_CALLBACK (previous_cb), h);
  g_signal_connect_swapped (next, "clicked", G_CALLBACK (next_cb), h);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_named_action_new ("window.close")));
    gtk_widget_add_controller (window, keys);
  }
  reload (h);
  return window;
}
