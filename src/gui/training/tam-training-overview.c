/* tam-training-overview.c: the Training tab's overview for the trainer:
 * people in training now, the due list with its counts, pass rates and
 * average scores per batch and trainer over the last twelve months, from
 * what the page's worker read (READ_OVERVIEW). */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-format.h"
#include "tam-training-page-private.h"

/* -- the overview --------------------------------------------------- */

/* A table of the overview: one label a row, its columns at tab stops
 * (hundreds of labels a cell took a third of a second to build). The
 * column widths, in digits of the page's font, ride on the table. */
static GtkWidget *
section (TamTrainingPage *self,
         GtkWidget *box,
         const char *title,
         const int *widths,
         guint n)
{
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *table = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0000000000");
  PangoTabArray *tabs = pango_tab_array_new ((int) n, TRUE);
  int unit, x = 0;

  pango_layout_get_pixel_size (layout, &unit, NULL);
  unit = MAX (unit / 10, 4);
  g_object_unref (layout);
  for (guint i = 0; i < n; i++)
    {
      pango_tab_array_set_tab (tabs, (int) i, PANGO_TAB_LEFT, x);
      x += widths[i] * unit;
    }
  g_object_set_data_full (G_OBJECT (table), "tabs", tabs, (GDestroyNotify) pango_tab_array_free);
  g_object_set_data (G_OBJECT (table), "widths", (gpointer) widths);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "title-4");
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), table);
  return table;
}

static void
grid_row (GtkWidget *table,
          int y,
          const char *const *texts,
          guint n,
          gboolean head)
{
  const int *widths = g_object_get_data (G_OBJECT (table), "widths");
  g_autoptr (GString) line = g_string_new (NULL);
  GtkWidget *label;

  for (guint i = 0; i < n; i++)
    {
      const char *t = texts[i] ? texts[i] : "";
      glong max = widths[i] - 2;

      if (i > 0)
        g_string_append_c (line, '\t');
      /* A text wider than its column is cut with "…" (the next one
       * keeps its stop). */
      if (i + 1 < n && g_utf8_strlen (t, -1) > max)
        {
          g_autofree char *cut = g_utf8_substring (t, 0, MAX (max - 1, 1));

          g_string_append_printf (line, "%s…", cut);
        }
      else
        g_string_append (line, t);
    }
  label = gtk_label_new (line->str);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_tabs (GTK_LABEL (label), g_object_get_data (G_OBJECT (table), "tabs"));
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (head)
    gtk_widget_add_css_class (label, "dim-label");
  (void) y;
  gtk_box_append (GTK_BOX (table), label);
}

static char *
rate_text (guint passed,
           guint scored)
{
  return scored == 0 ? g_strdup ("–") : g_strdup_printf ("%.0f %%", 100.0 * passed / scored);
}

/* The overview shows the first rows of a long list, the rest is in
 * `tamctl training due` and the batch report (a row is a label; a
 * thousand of them would take the overview over 100 ms). */
#define MAX_ROWS 60

static void
more_rows (GtkWidget *table,
           guint n)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (n <= MAX_ROWS)
    return;
  /* Translators: under a cut list of the overview */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more (tamctl training due, Reports)",
                                       "… and %u more (tamctl training due, Reports)", n - MAX_ROWS),
                          n - MAX_ROWS);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (table), label);
}

/* The overview's columns, in digits (a text gets two fewer: a date 12). */
static const int trainee_widths[] = { 10, 22, 17, 26, 12, 18 };
static const int due_widths[] = { 10, 22, 19, 12, 12, 30 };
static const int batch_widths[] = { 12, 40, 20, 7, 10, 10 };
static const int trainer_widths[] = { 24, 9, 9, 10, 10 };

void
_tam_training_page_apply_overview (TamTrainingPage *self,
                                   ReadJob *job)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *child, *grid;
  guint n[3] = { 0 };
  g_autofree char *counts = NULL;
  int y;

  while ((child = gtk_widget_get_first_child (self->overview_holder)) != NULL)
    gtk_widget_unparent (child);

  /* The two settings, and who may change them. */
  self->pass_mark = job->pass_mark;
  self->refresher_months = job->refresher_months;
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
    g_autofree char *mark = tam_format_number_trim (TAM_LANGUAGE_AUTO, job->pass_mark, 1);
    /* Translators: the overview's settings line: "Pass mark 70 · a refresher every 6 months" */
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Pass mark %s · a refresher every %d month",
                                                          "Pass mark %s · a refresher every %d months",
                                                          (gulong) job->refresher_months),
                                             mark, job->refresher_months);
    GtkWidget *label = gtk_label_new (text);

    gtk_widget_set_margin_top (row, 12);
    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_box_append (GTK_BOX (row), label);
    if (self->can_record)
      {
        GtkWidget *change = gtk_button_new_with_mnemonic (_ ("_Change…"));

        gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "training.settings");
        gtk_box_append (GTK_BOX (row), change);
      }
    gtk_box_append (GTK_BOX (box), row);
  }

  grid = section (self, box, _ ("In training now"), trainee_widths, G_N_ELEMENTS (trainee_widths));
  {
    const char *head[] = { _ ("NIK"), _ ("Name"), _ ("Service"), _ ("Initial training"), _ ("Ends"), _ ("Quiz") };
    grid_row (grid, 0, head, G_N_ELEMENTS (head), TRUE);
  }
  y = 1;
  for (guint i = 0; i < job->a->len; i++, y++)
    {
      TamTrainee *t = job->a->pdata[i];
      g_autofree char *q = t->passed < 0 ? g_strdup (_ ("no score yet"))
                                         : g_strdup_printf ("%.1f · %s", t->score, t->passed ? _ ("passed") : _ ("not passed"));
      const char *row[] = { t->nik, t->name, t->service ? tam_service_label (t->service) : "",
                            t->training_title ? t->training_title : _ ("not enrolled"), t->ends_on, q };
      grid_row (grid, y, row, G_N_ELEMENTS (row), FALSE);
    }

  for (guint i = 0; i < job->b->len; i++)
    n[((TamTrainingDueRow *) job->b->pdata[i])->state]++;
  /* Translators: the due list's heading: "Refreshers and socializations: 3 due, 12 overdue, 5 suggested" */
  counts = g_strdup_printf (_ ("Refreshers and socializations: %u due, %u overdue, %u suggested"),
                            n[TAM_TRAINING_DUE], n[TAM_TRAINING_OVERDUE], n[TAM_TRAINING_SUGGESTED]);
  grid = section (self, box, counts, due_widths, G_N_ELEMENTS (due_widths));
  {
    const char *head[] = { _ ("NIK"), _ ("Name"), _ ("State"), _ ("Due on"), _ ("Last training"), _ ("What") };
    grid_row (grid, 0, head, G_N_ELEMENTS (head), TRUE);
  }
  y = 1;
  for (guint i = 0; i < job->b->len && y <= MAX_ROWS; i++, y++)
    {
      TamTrainingDueRow *r = job->b->pdata[i];
      const char *row[] = { r->nik, r->name, tam_training_due_state_to_label (r->state), r->due_on,
                            r->last_training ? r->last_training : "–",
                            r->reason ? r->reason : tam_training_kind_to_label (r->kind) };
      grid_row (grid, y, row, G_N_ELEMENTS (row), FALSE);
    }
  more_rows (grid, job->b->len);

  grid = section (self, box, _ ("Batches of the last twelve months"), batch_widths, G_N_ELEMENTS (batch_widths));
  {
    const char *head[] = { _ ("From"), _ ("Batch"), _ ("Trainer"), _ ("People"), _ ("Pass rate"), _ ("Mean score") };
    grid_row (grid, 0, head, G_N_ELEMENTS (head), TRUE);
  }
  y = 1;
  for (guint i = job->c->len; i > 0 && y <= MAX_ROWS; i--, y++)
    {
      TamTraining *t = job->c->pdata[i - 1];
      g_autofree char *people = g_strdup_printf ("%u", t->n_participants);
      g_autofree char *rate = rate_text (t->n_passed, t->n_scored);
      g_autofree char *mean = _tam_training_score_text (t->mean_score);
      const char *row[] = { t->starts_on, t->title, t->trainer_name ? t->trainer_name : "–", people, rate, mean };
      grid_row (grid, y, row, G_N_ELEMENTS (row), FALSE);
    }
  more_rows (grid, job->c->len);

  grid = section (self, box, _ ("Trainers over the last twelve months"), trainer_widths,
                  G_N_ELEMENTS (trainer_widths));
  {
    const char *head[] = { _ ("Trainer"), _ ("Sessions"), _ ("People"), _ ("Pass rate"), _ ("Mean score") };
    grid_row (grid, 0, head, G_N_ELEMENTS (head), TRUE);
  }
  y = 1;
  for (guint i = 0; i < job->d->len; i++, y++)
    {
      TamTrainerStats *s = job->d->pdata[i];
      g_autofree char *sessions = g_strdup_printf ("%u", s->trainings);
      g_autofree char *people = g_strdup_printf ("%u", s->participants);
      g_autofree char *rate = rate_text (s->passed, s->scored);
      g_autofree char *mean = _tam_training_score_text (s->mean_score);
      const char *row[] = { s->name ? s->name : _ ("no trainer named"), sessions, people, rate, mean };
      grid_row (grid, y, row, G_N_ELEMENTS (row), FALSE);
    }
  gtk_widget_set_parent (box, self->overview_holder);
  gtk_stack_set_visible_child_name (self->stack, "overview");
}
