/* tam-training-page.c: the Training tab (issue 14).
 *
 * Left, the sessions of the month shown, under Running, Upcoming and
 * Done; right, the session opened (its participants, a check box per
 * day for attendance, the score entry) or the trainer's overview
 * (people in training now, the due list with its counts, pass rates and
 * average scores per batch and trainer over the last twelve months).
 *
 * Keyboard first: Alt+Left / Alt+Right change the month, Enter opens a
 * session, Ctrl+I imports quiz results, Ctrl+Shift+O the overview, F5
 * reads again. In a score entry, Enter or Tab records the score (a new
 * attempt) and moves to the next participant, Shift+Tab to the previous.
 *
 * Reads run in a worker on a store of its own; writes through
 * tam_save_async (); no SQL here (tam-training.h). The overview is
 * drawn by tam-training-overview.c, the struct is in
 * tam-training-page-private.h. */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-format.h"
#include "tam-gui-utils.h"
#include "tam-training-dialogs.h"
#include "tam-training-page-private.h"
#include "tam-training.h"
#include "tam-work.h"

G_DEFINE_FINAL_TYPE (TamTrainingPage, tam_training_page, GTK_TYPE_BOX)

/* -- reading ------------------------------------------------------- */

static void
read_job_free (ReadJob *job)
{
  g_free (job->month);
  g_free (job->today);
  g_clear_pointer (&job->a, g_ptr_array_unref);
  g_clear_pointer (&job->b, g_ptr_array_unref);
  g_clear_pointer (&job->c, g_ptr_array_unref);
  g_clear_pointer (&job->d, g_ptr_array_unref);
  g_clear_pointer (&job->training, tam_training_free);
  g_free (job);
}

static gboolean
read_func (TamStore *store,
           const TamSession *session,
           gpointer data,
           GError **error)
{
  ReadJob *job = data;
  g_autofree char *first = g_strdup_printf ("%s-01", job->month);
  g_autofree char *last = g_strdup_printf ("%s-31", job->month);
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case READ_MONTH:
      ok = (job->a = tam_training_list (store, first, last, error)) != NULL;
      break;
    case READ_SESSION:
      ok = (job->training = tam_training_get (store, job->id, error)) != NULL &&
           (job->a = tam_training_participants (store, job->id, error)) != NULL &&
           (job->b = tam_training_days (store, job->id, error)) != NULL;
      break;
    case READ_OVERVIEW:
      {
        g_autofree char *year_ago = tam_training_add_months (first, -11);

        ok = (job->a = tam_training_trainees (store, error)) != NULL &&
             (job->b = tam_training_due (store, job->today, error)) != NULL &&
             (job->c = tam_training_list (store, year_ago, last, error)) != NULL &&
             (job->d = tam_training_trainer_stats (store, year_ago, last, error)) != NULL;
        job->pass_mark = tam_training_pass_mark (store);
        job->refresher_months = tam_training_refresher_months (store);
      }
      break;
    }
  return ok;
}

static void apply_month (TamTrainingPage *self, ReadJob *job);
static void apply_session (TamTrainingPage *self, ReadJob *job);
static void set_info (TamTrainingPage *self, const TamTraining *t);

static void
read_done_cb (GObject *source,
              gpointer data,
              const GError *error)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (source);
  ReadJob *job = data;

  self->loading--;
  if (error != NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  if (job->kind == READ_MONTH)
    apply_month (self, job);
  else if (job->kind == READ_SESSION && job->generation == self->generation)
    apply_session (self, job);
  else if (job->kind == READ_OVERVIEW)
    _tam_training_page_apply_overview (self, job);
}

static const TamWork read_work = { read_func, read_done_cb, (GDestroyNotify) read_job_free };

static void
start_read (TamTrainingPage *self,
            ReadKind kind,
            gint64 id)
{
  ReadJob *job = g_new0 (ReadJob, 1);

  job->kind = kind;
  job->month = g_strdup (self->month);
  job->today = g_strdup (self->today);
  job->id = id;
  job->generation = kind == READ_SESSION ? ++self->generation : 0;
  self->loading++;
  tam_page_work_read (&self->work, self->store, NULL, &read_work, job);
}

/* -- the month's sessions ------------------------------------------ */

static const char *
state_of (const TamTraining *t,
          const char *today)
{
  if (strcmp (t->starts_on, today) > 0)
    return _ ("Upcoming");
  if (strcmp (t->ends_on, today) < 0)
    return _ ("Done");
  return _ ("Running");
}

static int
state_rank (const TamTraining *t,
            const char *today)
{
  if (strcmp (t->starts_on, today) > 0)
    return 1;
  if (strcmp (t->ends_on, today) < 0)
    return 2;
  return 0;
}

char *
_tam_training_score_text (double v)
{
  /* "81.5" / "81,5"; "–" for none. */
  return tam_format_number (TAM_LANGUAGE_AUTO, v, 1);
}

static GtkWidget *
session_row (const TamTraining *t)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (t->title);
  g_autofree char *mean = _tam_training_score_text (t->mean_score);
  /* Translators: a session in the list: "Initial training · 2026-11-02 – 2026-11-13 · 12 people, 10 passed, mean 81.5" */
  g_autofree char *detail = g_strdup_printf (_ ("%s · %s – %s · %u people, %u passed, mean %s"),
                                             tam_training_kind_to_label (t->kind), t->starts_on, t->ends_on,
                                             t->n_participants, t->n_passed, mean);
  GtkWidget *sub = gtk_label_new (detail);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_ellipsize (GTK_LABEL (sub), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_tooltip_text (row, t->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, t->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail, -1);
  return row;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer user_data)
{
  TamTrainingPage *self = user_data;
  int i = gtk_list_box_row_get_index (row);
  int j = before ? gtk_list_box_row_get_index (before) : -1;
  const TamTraining *t = self->trainings && i >= 0 && (guint) i < self->trainings->len ? self->trainings->pdata[i] : NULL;
  const TamTraining *b = self->trainings && j >= 0 && (guint) j < self->trainings->len ? self->trainings->pdata[j] : NULL;

  if (t == NULL || (b != NULL && state_rank (b, self->today) == state_rank (t, self->today)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  {
    GtkWidget *label = gtk_label_new (state_of (t, self->today));

    gtk_label_set_xalign (GTK_LABEL (label), 0);
    gtk_widget_add_css_class (label, "heading");
    gtk_widget_set_margin_top (label, 12);
    gtk_widget_set_margin_start (label, 12);
    gtk_widget_set_margin_bottom (label, 4);
    gtk_list_box_row_set_header (row, label);
  }
}

static const char *sort_today;

static int
session_cmp (gconstpointer a,
             gconstpointer b)
{
  const TamTraining *x = *(TamTraining *const *) a, *y = *(TamTraining *const *) b;
  int r = state_rank (x, sort_today) - state_rank (y, sort_today);

  return r != 0 ? r : strcmp (x->starts_on, y->starts_on);
}

static void
apply_month (TamTrainingPage *self,
             ReadJob *job)
{
  GtkWidget *child;
  g_autofree char *status = NULL;

  g_clear_pointer (&self->trainings, g_ptr_array_unref);
  self->trainings = g_steal_pointer (&job->a);
  sort_today = self->today;
  g_ptr_array_sort (self->trainings, session_cmp);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->trainings->len; i++)
    gtk_list_box_append (self->list, session_row (self->trainings->pdata[i]));
  gtk_list_box_invalidate_headers (self->list);
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session", "%u sessions", self->trainings->len),
                            self->trainings->len);
  gtk_label_set_text (self->status_label, status);
  /* The open session stays open; its row is selected again. */
  for (guint i = 0; self->open_id != 0 && i < self->trainings->len; i++)
    if (((TamTraining *) self->trainings->pdata[i])->id == self->open_id)
      gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, (int) i));
}

/* -- a session ------------------------------------------------------ */

typedef enum
{
  WRITE_ATTEND,
  WRITE_SCORE,
  WRITE_IMPORT,
  WRITE_ADD,
  WRITE_ENROLL,
  WRITE_SETTINGS,
} WriteKind;

typedef struct
{
  WriteKind kind;
  gint64 id;
  char *nik;
  char *date;
  char *path;
  gboolean present;
  double score;
  guint attempt;
  int passed;
  guint n;
  GPtrArray *errors;
  TamTrainingDraft *draft; /* WRITE_ADD */
  char **niks;             /* WRITE_ENROLL */
  TamTraining *training;   /* WRITE_SCORE: its figures after */
  GtkWidget *row_label;    /* main thread only */
} Write;

static void
write_free (Write *w)
{
  g_free (w->nik);
  g_free (w->date);
  g_free (w->path);
  g_clear_pointer (&w->errors, g_ptr_array_unref);
  tam_training_draft_free (w->draft);
  g_strfreev (w->niks);
  tam_training_free (w->training);
  g_clear_object (&w->row_label);
  g_free (w);
}

static gboolean
write_func (TamStore *store,
            const TamSession *session,
            gpointer data,
            GError **error)
{
  Write *w = data;

  switch (w->kind)
    {
    case WRITE_ATTEND:
      return tam_training_attend (store, session, w->id, w->nik, w->date, w->present, error);
    case WRITE_SCORE:
      if (!tam_training_score (store, session, w->id, w->nik, w->score, &w->attempt, error))
        return FALSE;
      {
        g_autoptr (GPtrArray) parts = tam_training_participants (store, w->id, NULL);

        for (guint i = 0; parts != NULL && i < parts->len; i++)
          if (strcmp (((TamTrainingParticipant *) parts->pdata[i])->nik, w->nik) == 0)
            w->passed = ((TamTrainingParticipant *) parts->pdata[i])->passed;
      }
      g_clear_pointer (&w->training, tam_training_free);
      w->training = tam_training_get (store, w->id, NULL);
      return TRUE;
    case WRITE_IMPORT:
      g_clear_pointer (&w->errors, g_ptr_array_unref);
      return tam_training_import_scores (store, session, w->id, w->path, &w->n, &w->errors, error);
    case WRITE_ADD:
      w->id = tam_training_add (store, session, &w->draft->spec, error);
      return w->id != 0;
    case WRITE_ENROLL:
      return tam_training_enroll (store, session, w->id, (const char *const *) w->niks, error);
    case WRITE_SETTINGS:
      return tam_training_set_pass_mark (store, session, w->score, error) &&
             tam_training_set_refresher_months (store, session, (int) w->n, error);
    default:
      return FALSE;
    }
}

static char *
result_text (guint attempts,
             double score,
             int passed)
{
  g_autofree char *s = _tam_training_score_text (score);

  if (attempts == 0)
    return g_strdup (_ ("no score yet"));
  /* Translators: a participant's quiz: "2 attempts · 82.0 · passed" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attempt · %s · %s", "%u attempts · %s · %s", attempts),
                          attempts, s, passed == 1 ? _ ("passed") : _ ("not passed"));
}

static void
write_done (GObject *source,
            gpointer data,
            const GError *error)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (source);
  Write *w = data;

  if (error != NULL)
    {
      g_autoptr (GString) body = g_string_new (error->message);

      for (guint i = 1; w->errors != NULL && i < w->errors->len; i++)
        g_string_append_printf (body, "\n%s", (const char *) w->errors->pdata[i]);
      tam_show_message (GTK_WIDGET (self),
                        w->kind == WRITE_IMPORT     ? _ ("Cannot import the quiz results")
                        : w->kind == WRITE_SCORE    ? _ ("Cannot record the score")
                        : w->kind == WRITE_ADD      ? _ ("Cannot add the training")
                        : w->kind == WRITE_ENROLL   ? _ ("Cannot enroll the participants")
                        : w->kind == WRITE_SETTINGS ? _ ("Cannot change the settings")
                                                    : _ ("Cannot record the attendance"),
                        body->str);
      if (w->kind == WRITE_ATTEND && w->id == self->open_id)
        start_read (self, READ_SESSION, self->open_id);
    }
  else if (w->kind == WRITE_SCORE)
    {
      g_autofree char *text = NULL;
      g_autofree char *status = NULL;

      if (w->row_label != NULL)
        {
          text = result_text (w->attempt, w->score, w->passed);
          gtk_label_set_text (GTK_LABEL (w->row_label), text);
        }
      if (w->training != NULL && w->id == self->open_id)
        set_info (self, w->training);
      /* Translators: after a score: "Attempt 2 of 20260301 recorded" */
      status = g_strdup_printf (_ ("Attempt %u of %s recorded"), w->attempt, w->nik);
      gtk_label_set_text (self->status_label, status);
    }
  else if (w->kind == WRITE_ADD)
    {
      /* The new training's month, the training open. */
      gtk_toggle_button_set_active (self->overview_button, FALSE);
      g_free (self->month);
      self->month = g_strndup (w->draft->spec.from, 7);
      if (strlen (self->month) != 7 || self->month[4] != '-')
        {
          g_free (self->month);
          self->month = g_strndup (self->today, 7);
        }
      self->open_id = w->id;
      tam_training_page_reload (self);
      start_read (self, READ_SESSION, w->id);
      gtk_label_set_text (self->status_label, _ ("Training added"));
    }
  else if (w->kind == WRITE_SETTINGS)
    {
      gtk_label_set_text (self->status_label, _ ("Settings changed"));
      if (gtk_toggle_button_get_active (self->overview_button))
        start_read (self, READ_OVERVIEW, 0);
    }
  else if (w->kind == WRITE_ENROLL)
    {
      guint n = g_strv_length (w->niks);
      g_autofree char *status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u participant enrolled",
                                                              "%u participants enrolled", n),
                                                 n);

      gtk_label_set_text (self->status_label, status);
      if (w->id == self->open_id)
        start_read (self, READ_SESSION, self->open_id);
    }
  else if (w->kind == WRITE_IMPORT)
    {
      g_autofree char *status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u score imported", "%u scores imported", w->n), w->n);

      gtk_label_set_text (self->status_label, status);
      if (w->id == self->open_id)
        start_read (self, READ_SESSION, self->open_id);
    }
  else
    gtk_label_set_text (self->status_label, _ ("Attendance recorded"));
}

static const TamWork write_work = { write_func, write_done, (GDestroyNotify) write_free };

static void
send_write (TamTrainingPage *self,
            Write *w)
{
  tam_page_work_save (&self->work, self->store, self->session, &write_work, w);
}

static void
day_toggled_cb (GtkCheckButton *check,
                TamTrainingPage *self)
{
  Write *w = g_new0 (Write, 1);

  gtk_check_button_set_inconsistent (check, FALSE);
  w->kind = WRITE_ATTEND;
  w->id = self->open_id;
  w->nik = g_strdup (g_object_get_data (G_OBJECT (check), "nik"));
  w->date = g_strdup (g_object_get_data (G_OBJECT (check), "date"));
  w->present = gtk_check_button_get_active (check);
  send_write (self, w);
}

/* Records the entry's score, if any; FALSE (and a message) when it is
 * not a score. */
static gboolean
commit_score (TamTrainingPage *self,
              GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  double v;
  Write *w;

  if (copy[0] == '\0')
    return TRUE;
  if (strchr (copy, '.') == NULL)
    g_strdelimit (copy, ",", '.');
  v = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !isfinite (v) || v < 0 || v > 100)
    {
      g_autofree char *message = g_strdup_printf (_ ("“%s” is not a score: type a number from 0 to 100"), text);

      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_text (self->status_label, message);
      return FALSE;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  w = g_new0 (Write, 1);
  w->kind = WRITE_SCORE;
  w->id = self->open_id;
  w->nik = g_strdup (g_object_get_data (G_OBJECT (entry), "nik"));
  w->score = v;
  w->row_label = g_object_ref (g_object_get_data (G_OBJECT (entry), "result-label"));
  gtk_entry_set_placeholder_text (entry, copy);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  send_write (self, w);
  return TRUE;
}

static void
focus_entry (TamTrainingPage *self,
             GtkWidget *entry,
             int step)
{
  for (guint i = 0; i < self->entries->len; i++)
    if (self->entries->pdata[i] == entry)
      {
        int j = (int) i + step;

        if (j >= 0 && (guint) j < self->entries->len)
          gtk_widget_grab_focus (self->entries->pdata[j]);
        return;
      }
}

static void
entry_activate_cb (GtkEntry *entry,
                   TamTrainingPage *self)
{
  if (commit_score (self, entry))
    focus_entry (self, GTK_WIDGET (entry), 1);
}

static gboolean
entry_key_cb (GtkEventControllerKey *controller,
              guint keyval,
              guint keycode,
              GdkModifierType state,
              TamTrainingPage *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    {
      if (commit_score (self, GTK_ENTRY (entry)))
        focus_entry (self, entry, 1);
      return TRUE;
    }
  if (keyval == GDK_KEY_ISO_Left_Tab)
    {
      if (commit_score (self, GTK_ENTRY (entry)))
        focus_entry (self, entry, -1);
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
cell_label (const char *text,
            gboolean dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 42);
  if (text != NULL && g_utf8_strlen (text, -1) > 42)
    gtk_widget_set_tooltip_text (label, text);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* The session's facts under its title. */
static void
set_info (TamTrainingPage *self,
          const TamTraining *t)
{
  g_autofree char *mean = _tam_training_score_text (t->mean_score);
  /* Translators: a session's facts: "Initial training · Add On Consumer · Bandung · trainer Name · 2026-11-02 – 2026-11-13 · mean 81.5" */
  g_autofree char *info = g_strdup_printf (_ ("%s · %s · %s · trainer %s · %s – %s · %u of %u passed · mean %s"),
                                           tam_training_kind_to_label (t->kind),
                                           t->service ? tam_service_label (t->service) : "–",
                                           t->site ? tam_site_label (t->site) : "–",
                                           t->trainer_name ? t->trainer_name : "–", t->starts_on, t->ends_on,
                                           t->n_passed, t->n_participants, mean);

  gtk_label_set_text (self->info_label, info);
}

static void
apply_session (TamTrainingPage *self,
               ReadJob *job)
{
  TamTraining *t = job->training;
  GPtrArray *parts = job->a;
  g_autoptr (GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *grid, *child;
  int y = 1;

  for (guint i = 0; i < job->b->len; i++)
    {
      TamTrainingDay *d = job->b->pdata[i];

      g_hash_table_insert (present, g_strdup_printf ("%s\x1f%s", d->nik, d->date), GINT_TO_POINTER (d->present ? 1 : 2));
    }
  /* Every day of the session (at most 31 columns). */
  for (char *day = g_strdup (t->starts_on); day != NULL && strcmp (day, t->ends_on) <= 0 && days->len < 31;)
    {
      int yy, mm, dd;
      GDate g;
      char buf[11];

      g_ptr_array_add (days, day);
      if (sscanf (day, "%d-%d-%d", &yy, &mm, &dd) != 3)
        break;
      g_date_clear (&g, 1);
      g_date_set_dmy (&g, (GDateDay) dd, (GDateMonth) mm, (GDateYear) yy);
      g_date_add_days (&g, 1);
      g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", g_date_get_year (&g), g_date_get_month (&g), g_date_get_day (&g));
      day = g_strdup (buf);
      if (strcmp (day, t->ends_on) > 0)
        {
          g_free (day);
          break;
        }
    }

  gtk_label_set_text (self->title_label, t->title);
  set_info (self, t);

  while ((child = gtk_widget_get_first_child (self->grid_holder)) != NULL)
    gtk_widget_unparent (child);
  g_ptr_array_set_size (self->entries, 0);
  grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_ ("Participant"), TRUE), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_ ("NIK"), TRUE), 1, 0, 1, 1);
  for (guint d = 0; d < days->len; d++)
    gtk_grid_attach (GTK_GRID (grid), cell_label ((const char *) days->pdata[d] + 8, TRUE), 4 + (int) d, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_ ("Score"), TRUE), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), cell_label (_ ("Quiz"), TRUE), 3, 0, 1, 1);
  for (guint i = 0; i < parts->len; i++, y++)
    {
      TamTrainingParticipant *p = parts->pdata[i];
      GtkWidget *entry = gtk_entry_new ();
      g_autofree char *result = result_text (p->attempts, p->score, p->passed);
      GtkWidget *result_label = cell_label (result, FALSE);

      gtk_label_set_width_chars (GTK_LABEL (result_label), 20);
      GtkEventController *keys = gtk_event_controller_key_new ();
      g_autofree char *entry_label = g_strdup_printf (_ ("Quiz score of %s"), p->name);

      {
        GtkWidget *name = cell_label (p->name, FALSE);

        gtk_label_set_width_chars (GTK_LABEL (name), MIN (g_utf8_strlen (p->name, -1), 24));
        gtk_grid_attach (GTK_GRID (grid), name, 0, y, 1, 1);
      }
      {
        GtkWidget *nik = cell_label (p->nik, TRUE);

        gtk_label_set_ellipsize (GTK_LABEL (nik), PANGO_ELLIPSIZE_NONE);
        gtk_grid_attach (GTK_GRID (grid), nik, 1, y, 1, 1);
      }
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
      gtk_widget_set_hexpand (entry, FALSE);
      gtk_widget_set_halign (entry, GTK_ALIGN_START);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      if (!isnan (p->score))
        {
          g_autofree char *s = _tam_training_score_text (p->score);
          gtk_entry_set_placeholder_text (GTK_ENTRY (entry), s);
        }
      gtk_widget_set_sensitive (entry, self->can_record);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, entry_label, -1);
      g_object_set_data_full (G_OBJECT (entry), "nik", g_strdup (p->nik), g_free);
      g_object_set_data (G_OBJECT (entry), "result-label", result_label);
      g_signal_connect (entry, "activate", G_CALLBACK (entry_activate_cb), self);
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (entry_key_cb), self);
      gtk_widget_add_controller (entry, keys);
      gtk_grid_attach (GTK_GRID (grid), entry, 2, y, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), result_label, 3, y, 1, 1);
      g_ptr_array_add (self->entries, entry);
      for (guint d = 0; d < days->len; d++)
        {
          g_autofree char *key = g_strdup_printf ("%s\x1f%s", p->nik, (const char *) days->pdata[d]);
          int state = GPOINTER_TO_INT (g_hash_table_lookup (present, key));
          GtkWidget *check = gtk_check_button_new ();
          /* Translators: a check box's name for assistive tech: "Name present on 2026-11-02" */
          g_autofree char *label = g_strdup_printf (_ ("%s present on %s"), p->name, (const char *) days->pdata[d]);

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), state == 1);
          if (state == 0)
            gtk_check_button_set_inconsistent (GTK_CHECK_BUTTON (check), TRUE);
          gtk_widget_set_sensitive (check, self->can_record);
          gtk_widget_set_tooltip_text (check, label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_object_set_data_full (G_OBJECT (check), "nik", g_strdup (p->nik), g_free);
          g_object_set_data_full (G_OBJECT (check), "date", g_strdup (days->pdata[d]), g_free);
          g_signal_connect (check, "toggled", G_CALLBACK (day_toggled_cb), self);
          gtk_grid_attach (GTK_GRID (grid), check, 4 + (int) d, y, 1, 1);
        }
    }
  if (parts->len == 0)
    gtk_grid_attach (GTK_GRID (grid), cell_label (_ ("Nobody is enrolled yet: Enroll… (Ctrl+E)."), TRUE), 0, 1, 4, 1);
  gtk_widget_set_parent (grid, self->grid_holder);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->can_record);
  gtk_stack_set_visible_child_name (self->stack, "session");
  if (self->focus_scores && self->can_record && self->entries->len > 0)
    gtk_widget_grab_focus (self->entries->pdata[0]);
  self->focus_scores = FALSE;
}

/* -- actions --------------------------------------------------------- */

static void
show_month (TamTrainingPage *self)
{
  g_autofree char *label = tam_format_month (TAM_LANGUAGE_AUTO, self->month);

  gtk_label_set_text (self->month_label, label ? label : self->month);
  if (gtk_toggle_button_get_active (self->overview_button))
    start_read (self, READ_OVERVIEW, 0);
  start_read (self, READ_MONTH, 0);
}

static void
step_month (TamTrainingPage *self,
            int step)
{
  g_autofree char *first = g_strdup_printf ("%s-01", self->month);
  g_autofree char *moved = tam_training_add_months (first, step);

  g_free (self->month);
  self->month = g_strndup (moved, 7);
  show_month (self);
}

static void
prev_cb (GtkButton *button,
         TamTrainingPage *self)
{
  step_month (self, -1);
}

static void
next_cb (GtkButton *button,
         TamTrainingPage *self)
{
  step_month (self, 1);
}

static void
row_activated_cb (GtkListBox *list,
                  GtkListBoxRow *row,
                  TamTrainingPage *self)
{
  int i = gtk_list_box_row_get_index (row);

  if (self->trainings == NULL || i < 0 || (guint) i >= self->trainings->len)
    return;
  gtk_toggle_button_set_active (self->overview_button, FALSE);
  self->open_id = ((TamTraining *) self->trainings->pdata[i])->id;
  start_read (self, READ_SESSION, self->open_id);
}

/* Enter (or a double click) on a session: open it and go to its first
 * score entry. */
static void
row_entered_cb (GtkListBox *list,
                GtkListBoxRow *row,
                TamTrainingPage *self)
{
  self->focus_scores = TRUE;
  row_activated_cb (list, row, self);
}

/* Arrows move through the sessions and show each (the read is a few
 * milliseconds); the session already shown is left as it is, so a
 * month's reload does not take the focus out of its score entries. */
static void
row_selected_cb (GtkListBox *list,
                 GtkListBoxRow *row,
                 TamTrainingPage *self)
{
  int i = row ? gtk_list_box_row_get_index (row) : -1;
  gint64 id;

  if (self->trainings == NULL || i < 0 || (guint) i >= self->trainings->len ||
      gtk_toggle_button_get_active (self->overview_button))
    return;
  id = ((TamTraining *) self->trainings->pdata[i])->id;
  if (id == self->open_id && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "session") == 0)
    return;
  row_activated_cb (list, row, self);
}

static void
overview_toggled_cb (GtkToggleButton *button,
                     TamTrainingPage *self)
{
  /* The overview takes the whole width (1024 px screens). */
  gtk_widget_set_visible (self->list_scroll, !gtk_toggle_button_get_active (button));
  if (gtk_toggle_button_get_active (button))
    start_read (self, READ_OVERVIEW, 0);
  else
    gtk_stack_set_visible_child_name (self->stack, self->open_id != 0 ? "session" : "empty");
}

static void
import_chosen (GtkWidget *owner,
               const char *path)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (owner);
  Write *w = g_new0 (Write, 1);

  w->kind = WRITE_IMPORT;
  w->id = self->open_id;
  w->path = g_strdup (path);
  send_write (self, w);
}

static void
import_cb (GtkButton *button,
           TamTrainingPage *self)
{
  GtkFileChooserNative *chooser;

  if (self->open_id == 0 || !self->can_record)
    return;
  chooser = tam_file_chooser_new (GTK_WIDGET (self), _ ("Import Quiz Results"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                  _ ("_Import"), TRUE);
  tam_file_chooser_show (chooser, GTK_WIDGET (self), import_chosen);
}

static void
draft_done (GtkWidget *owner,
            TamTrainingDraft *draft)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (owner);
  Write *w = g_new0 (Write, 1);

  w->kind = WRITE_ADD;
  w->draft = draft;
  send_write (self, w);
}

static void
new_cb (GtkButton *button,
        TamTrainingPage *self)
{
  if (!self->can_record)
    return;
  tam_training_ask_new (GTK_WIDGET (self), self->session->site, self->session->service, self->today, draft_done);
}

static void
niks_done (GtkWidget *owner,
           char **niks)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (owner);
  Write *w = g_new0 (Write, 1);

  w->kind = WRITE_ENROLL;
  w->id = self->open_id;
  w->niks = niks;
  send_write (self, w);
}

static void
enroll_cb (GtkButton *button,
           TamTrainingPage *self)
{
  if (!self->can_record || self->open_id == 0)
    return;
  tam_training_ask_enroll (GTK_WIDGET (self), gtk_label_get_text (self->title_label), niks_done);
}

static void
settings_done (GtkWidget *owner,
               double pass_mark,
               int months)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (owner);
  Write *w = g_new0 (Write, 1);

  w->kind = WRITE_SETTINGS;
  w->score = pass_mark;
  w->n = (guint) months;
  send_write (self, w);
}

static void
settings_action (GtkWidget *widget,
                 const char *name,
                 GVariant *param)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (widget);

  if (self->can_record)
    tam_training_ask_settings (widget, self->pass_mark, self->refresher_months, settings_done);
}

static void
new_action (GtkWidget *widget,
            const char *name,
            GVariant *param)
{
  new_cb (NULL, TAM_TRAINING_PAGE (widget));
}

static void
enroll_action (GtkWidget *widget,
               const char *name,
               GVariant *param)
{
  enroll_cb (NULL, TAM_TRAINING_PAGE (widget));
}

static void
prev_action (GtkWidget *widget,
             const char *name,
             GVariant *param)
{
  step_month (TAM_TRAINING_PAGE (widget), -1);
}

static void
next_action (GtkWidget *widget,
             const char *name,
             GVariant *param)
{
  step_month (TAM_TRAINING_PAGE (widget), 1);
}

static void
import_action (GtkWidget *widget,
               const char *name,
               GVariant *param)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (widget);

  import_cb (self->import_button, self);
}

static void
overview_action (GtkWidget *widget,
                 const char *name,
                 GVariant *param)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (widget);

  gtk_toggle_button_set_active (self->overview_button, !gtk_toggle_button_get_active (self->overview_button));
}

static void
reload_action (GtkWidget *widget,
               const char *name,
               GVariant *param)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (widget);

  tam_training_page_reload (self);
  if (self->open_id != 0 && !gtk_toggle_button_get_active (self->overview_button))
    start_read (self, READ_SESSION, self->open_id);
}

/* -- the widget ------------------------------------------------------ */

static void
tam_training_page_dispose (GObject *object)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (object);

  tam_page_work_dispose (&self->work);
  g_clear_pointer (&self->trainings, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  G_OBJECT_CLASS (tam_training_page_parent_class)->dispose (object);
}

static void
tam_training_page_finalize (GObject *object)
{
  TamTrainingPage *self = TAM_TRAINING_PAGE (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->session, tam_session_free);
  g_free (self->month);
  g_free (self->today);
  G_OBJECT_CLASS (tam_training_page_parent_class)->finalize (object);
}

static void
tam_training_page_class_init (TamTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tam_training_page_dispose;
  object_class->finalize = tam_training_page_finalize;
  gtk_widget_class_install_action (widget_class, "training.prev-month", NULL, prev_action);
  gtk_widget_class_install_action (widget_class, "training.next-month", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "training.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "training.overview", NULL, overview_action);
  gtk_widget_class_install_action (widget_class, "training.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "training.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "training.settings", NULL, settings_action);
  gtk_widget_class_install_action (widget_class, "training.enroll", NULL, enroll_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "training.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "training.enroll", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "training.prev-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "training.next-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "training.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "training.overview",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "training.reload", NULL);
}

static void
tam_training_page_init (TamTrainingPage *self)
{
  GtkWidget *bar, *prev, *next, *paned, *scroll, *session, *head, *empty;

  self->entries = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);

  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  prev = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_widget_set_tooltip_text (prev, _ ("Previous month (Alt+Left)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (prev), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Previous month"), -1);
  next = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_tooltip_text (next, _ ("Next month (Alt+Right)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (next), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Next month"), -1);
  self->month_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->month_label), "heading");
  gtk_widget_set_size_request (GTK_WIDGET (self->month_label), 140, -1);
  self->status_label = GTK_LABEL (gtk_label_new (""));
  tam_page_work_init (&self->work, GTK_WIDGET (self), self->status_label);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_label_set_xalign (self->status_label, 1);
  gtk_label_set_ellipsize (self->status_label, PANGO_ELLIPSIZE_END);
  self->overview_button = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_ ("_Overview")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->overview_button),
                               _ ("People in training, refreshers due, pass rates (Ctrl+Shift+O)"));
  /* Alt+Left, Alt+Right and Ctrl+Shift+O reach them: Tab goes straight
   * to the sessions. */
  gtk_widget_set_focusable (prev, FALSE);
  gtk_widget_set_focusable (next, FALSE);
  gtk_widget_set_focusable (GTK_WIDGET (self->overview_button), FALSE);
  g_signal_connect (prev, "clicked", G_CALLBACK (prev_cb), self);
  g_signal_connect (next, "clicked", G_CALLBACK (next_cb), self);
  g_signal_connect (self->overview_button, "toggled", G_CALLBACK (overview_toggled_cb), self);
  gtk_box_append (GTK_BOX (bar), prev);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->month_label));
  gtk_box_append (GTK_BOX (bar), next);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->status_label));
  self->new_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_New Training…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), _ ("A new session (Ctrl+N)"));
  gtk_widget_set_focusable (GTK_WIDGET (self->new_button), FALSE);
  g_signal_connect (self->new_button, "clicked", G_CALLBACK (new_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->new_button));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->overview_button));
  gtk_box_append (GTK_BOX (self), bar);

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_widget_set_vexpand (paned, TRUE);
  gtk_paned_set_position (GTK_PANED (paned), 320);
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Sessions of the month"), -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_entered_cb), self);
  g_signal_connect (self->list, "row-selected", G_CALLBACK (row_selected_cb), self);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->list));
  gtk_widget_set_size_request (scroll, 240, -1);
  gtk_paned_set_start_child (GTK_PANED (paned), scroll);
  self->list_scroll = scroll;

  self->stack = GTK_STACK (gtk_stack_new ());
  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "x-office-calendar-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _ ("No Session Open"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _ ("Choose a session on the left, or open the overview (Ctrl+Shift+O)."));
  gtk_stack_add_named (self->stack, empty, "empty");

  session = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (session, 12);
  gtk_widget_set_margin_start (session, 12);
  gtk_widget_set_margin_end (session, 12);
  gtk_widget_set_margin_bottom (session, 12);
  head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->title_label = GTK_LABEL (gtk_label_new (""));
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "title-3");
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  self->import_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Import Quiz Results…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), _ ("A nik,score file from the quiz tool, CSV or .xlsx (Ctrl+I)"));
  gtk_widget_set_valign (GTK_WIDGET (self->import_button), GTK_ALIGN_START);
  g_signal_connect (self->import_button, "clicked", G_CALLBACK (import_cb), self);
  self->enroll_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Enroll…")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->enroll_button), _ ("Enroll participants by NIK (Ctrl+E)"));
  gtk_widget_set_valign (GTK_WIDGET (self->enroll_button), GTK_ALIGN_START);
  g_signal_connect (self->enroll_button, "clicked", G_CALLBACK (enroll_cb), self);
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->enroll_button));
  gtk_box_append (GTK_BOX (head), GTK_WIDGET (self->import_button));
  self->info_label = GTK_LABEL (gtk_label_new (""));
  gtk_label_set_xalign (self->info_label, 0);
  gtk_label_set_wrap (self->info_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->info_label), "dim-label");
  self->grid_holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  scroll = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), self->grid_holder);
  gtk_box_append (GTK_BOX (session), GTK_WIDGET (self->title_label));
  gtk_box_append (GTK_BOX (session), GTK_WIDGET (self->info_label));
  gtk_box_append (GTK_BOX (session), head);
  gtk_box_append (GTK_BOX (session), scroll);
  gtk_stack_add_named (self->stack, session, "session");

  self->overview_holder = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_start (self->overview_holder, 12);
  gtk_widget_set_margin_end (self->overview_holder, 12);
  gtk_widget_set_margin_bottom (self->overview_holder, 12);
  scroll = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), self->overview_holder);
  gtk_stack_add_named (self->stack, scroll, "overview");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (self), paned);
}

GtkWidget *
tam_training_page_new (TamStore *store,
                       const TamSession *session)
{
  TamTrainingPage *self = g_object_new (TAM_TYPE_TRAINING_PAGE, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  self->can_record = tam_session_can (session, TAM_PERM_RECORD_TRAINING);
  self->today = g_date_time_format (now, "%Y-%m-%d");
  self->pass_mark = TAM_TRAINING_DEFAULT_PASS_MARK;
  self->refresher_months = TAM_TRAINING_DEFAULT_REFRESHER_MONTHS;
  self->month = g_date_time_format (now, "%Y-%m");
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), self->can_record);
  gtk_widget_set_visible (GTK_WIDGET (self->enroll_button), self->can_record);
  gtk_widget_set_visible (GTK_WIDGET (self->new_button), self->can_record);
  show_month (self);
  return GTK_WIDGET (self);
}

void
tam_training_page_reload (TamTrainingPage *self)
{
  g_return_if_fail (TAM_IS_TRAINING_PAGE (self));

  show_month (self);
}

void
tam_training_page_set_month (TamTrainingPage *self,
                             const char *month)
{
  g_return_if_fail (TAM_IS_TRAINING_PAGE (self));

  g_free (self->month);
  self->month = g_strndup (month, 7);
  show_month (self);
}

gboolean
tam_training_page_select_id (TamTrainingPage *self,
                             gint64 id)
{
  g_return_val_if_fail (TAM_IS_TRAINING_PAGE (self), FALSE);

  for (guint i = 0; self->trainings != NULL && i < self->trainings->len; i++)
    if (((TamTraining *) self->trainings->pdata[i])->id == id)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) i);

        if (gtk_list_box_get_selected_row (self->list) != row)
          {
            gtk_list_box_select_row (self->list, row); /* opens it (row_selected_cb) */
            if (self->open_id == id)
              return TRUE;
          }
        if (self->open_id != id || g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "session") != 0)
          row_activated_cb (self->list, row, self);
        return TRUE;
      }
  return FALSE;
}

gboolean
tam_training_page_is_busy (TamTrainingPage *self)
{
  g_return_val_if_fail (TAM_IS_TRAINING_PAGE (self), FALSE);

  return self->loading > 0 || self->work.writing > 0;
}

GtkWidget *
tam_training_page_get_score_entry (TamTrainingPage *self,
                                   const char *nik)
{
  g_return_val_if_fail (TAM_IS_TRAINING_PAGE (self), NULL);

  for (guint i = 0; i < self->entries->len; i++)
    if (g_strcmp0 (g_object_get_data (self->entries->pdata[i], "nik"), nik) == 0)
      return self->entries->pdata[i];
  return NULL;
}
