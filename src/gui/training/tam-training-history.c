/* tam-training-history.c: a person's training history (see
 * tam-training-history.h). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-format.h"
#include "tam-training-history.h"
#include "tam-training.h"
#include "tam-work.h"

typedef struct
{
  gint64 person_id;
  GPtrArray *rows;
} HistoryJob;

static void
history_job_free (HistoryJob *job)
{
  g_clear_pointer (&job->rows, g_ptr_array_unref);
  g_free (job);
}

static gboolean
history_func (TamStore *store,
              const TamSession *session,
              gpointer data,
              GError **error)
{
  HistoryJob *job = data;

  job->rows = tam_training_history (store, job->person_id, error);
  return job->rows != NULL;
}

static void
history_done_cb (GObject *source,
                 gpointer data,
                 const GError *error)
{
  GtkWidget *list = GTK_WIDGET (source);
  HistoryJob *job = data;
  g_autoptr (GString) text = g_string_new (NULL);

  if (error != NULL)
    g_string_append (text, error->message);
  else if (job->rows->len == 0)
    g_string_append (text, _ ("No training on record."));
  for (guint i = 0; job->rows != NULL && i < job->rows->len; i++)
    {
      TamTrainingRecord *r = job->rows->pdata[i];
      g_autofree char *score = tam_format_number (TAM_LANGUAGE_AUTO, r->score, 1);

      if (i > 0)
        g_string_append_c (text, '\n');
      /* Translators: a line of a person's training history:
       * "2026-10-05 Initial training: Title · days present 9, absent 1 · attempts 2, 82.0, passed" */
      g_string_append_printf (text, _ ("%s %s: %s · days present %u, absent %u · attempts %u, %s, %s"), r->starts_on,
                              tam_training_kind_to_label (r->kind), r->title, r->days_present, r->days_absent,
                              r->attempts, score,
                              r->passed < 0 ? _ ("no score yet") : r->passed ? _ ("passed")
                                                                             : _ ("not passed"));
    }
  gtk_label_set_text (GTK_LABEL (list), text->str);
}

static const TamWork history_work = { history_func, history_done_cb, (GDestroyNotify) history_job_free };

GtkWidget *
tam_training_history_new (TamStore *store,
                          gint64 person_id)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_ ("Training history"));
  GtkWidget *list = gtk_label_new (_ ("Reading…"));
  HistoryJob *job = g_new0 (HistoryJob, 1);

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (list), 0);
  gtk_label_set_wrap (GTK_LABEL (list), TRUE);
  gtk_label_set_yalign (GTK_LABEL (list), 0);
  gtk_label_set_selectable (GTK_LABEL (list), TRUE);
  gtk_widget_add_css_class (list, "caption");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL, -1);
  gtk_box_append (GTK_BOX (box), heading);
  /* The dialog keeps its size when the history arrives: room for a few
   * lines, a scroll bar for more. */
  {
    GtkWidget *scroll = gtk_scrolled_window_new ();

    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 96);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroll), 160);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroll), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), list);
    gtk_box_append (GTK_BOX (box), scroll);
  }

  job->person_id = person_id;
  tam_read_async (list, tam_store_get_path (store), NULL, &history_work, job);
  return box;
}
