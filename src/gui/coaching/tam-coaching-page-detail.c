/* tam-coaching-page-detail.c: the Coaching tab's detail pane, and the
 * selected person's ladder, read in a GTask worker on its own store. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-catalog.h"
#include "tam-coaching-page-private.h"
#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-gui-utils.h"

/* ---- the detail pane -------------------------------------------------- */

static void
update_detail (TamCoachingPage *self)
{
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  const TamCoachingRule *rule = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *person = NULL;
  g_autofree char *line = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->detail_box), r != NULL);
  if (r == NULL)
    return;
  if (self->catalog != NULL)
    rule = tam_catalog_find (self->catalog, r->rule_code);

  /* Translators: the person of a record: "Name · NIK · Site · team of TL name" */
  person = g_strdup_printf (_ ("%s · %s · %s · team of %s"), r->name, r->nik, tam_site_label (r->site),
                            r->team_leader_name ? r->team_leader_name : "—");
  gtk_label_set_text (self->person_label, person);
  line = g_strdup_printf ("%s · %s", r->rule_code, rule ? rule->text : "");
  gtk_label_set_text (self->rule_label, line);
  /* What it is in English, and what a repeat brings (the IK's words). */
  if (rule != NULL)
    {
      /* In Indonesian the summary is the IK's own text: not twice. */
      const char *english = tam_coaching_rule_summary (rule);
      gboolean same = g_strcmp0 (english, rule->text) == 0;
      g_autofree char *summary = g_strdup_printf ("%s%s%s", same ? "" : english,
                                                  !same && *rule->escalation ? "\n" : "", rule->escalation);
      gtk_label_set_text (self->summary_label, summary);
    }
  else
    gtk_label_set_text (self->summary_label, "");
  /* The rule's notes and exemptions, where it is applied: the evidence a
   * late agent must bring, urgent sickness. */
  if (rule != NULL && *rule->notes != '\0')
    {
      g_autofree char *notes = g_strdup_printf (_ ("Notes and exemptions: %s"), rule->notes);
      gtk_label_set_text (self->notes_label, notes);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), rule != NULL && *rule->notes != '\0');

  g_clear_pointer (&line, g_free);
  line = g_strdup_printf (_ ("%s · %s · occurred on %s"), tam_coaching_level_to_label (r->level),
                          tam_coaching_state_to_label (r->state), r->occurred_on);
  tam_text_append_line (text, line);
  if (r->conditional && r->state == TAM_COACHING_STATE_PROPOSED)
    tam_text_append_line (text, _ ("Conditional: the supervisor decides whether it applies."));
  if (r->previous_level >= 0)
    {
      g_autofree char *s = g_strdup_printf (_ ("Previous valid level: %s"),
                                            tam_coaching_level_to_label (r->previous_level));
      tam_text_append_line (text, s);
    }
  {
    g_autofree char *s = r->proposed_by_name ? g_strdup_printf (_ ("Recorded by %s"), r->proposed_by_name)
                                             : g_strdup (_ ("Proposed by the desk"));
    tam_text_append_line (text, s);
  }
  if (r->note != NULL && *r->note != '\0')
    {
      g_autofree char *s = g_strdup_printf (_ ("Note: %s"), r->note);
      tam_text_append_line (text, s);
    }
  if (r->call_id != NULL)
    {
      g_autofree char *s = g_strdup_printf (_ ("Call: %s"), r->call_id);
      tam_text_append_line (text, s);
    }
  if (r->state == TAM_COACHING_STATE_ISSUED)
    {
      g_autofree char *s = g_strdup_printf (_ ("Issued on %s by %s, valid until %s"), r->issued_on,
                                            r->decided_by_name ? r->decided_by_name : "—", r->valid_until);
      tam_text_append_line (text, s);
      if (r->acknowledged_on != NULL && !r->refused)
        {
          g_autofree char *a = g_strdup_printf (_ ("Acknowledged on %s"), r->acknowledged_on);
          tam_text_append_line (text, a);
        }
      else if (r->refused)
        {
          g_autofree char *a = g_strdup_printf (_ ("Refused to sign on %s; witness %s"),
                                                r->acknowledged_on ? r->acknowledged_on : "—",
                                                r->witness_name ? r->witness_name : r->witness_nik);
          tam_text_append_line (text, a);
        }
      else
        tam_text_append_line (text, _ ("Not acknowledged yet"));
      if (r->confirmed_on != NULL)
        {
          g_autofree char *c = g_strdup_printf (_ ("Return to the vendor confirmed on %s"), r->confirmed_on);
          tam_text_append_line (text, c);
        }
    }
  if (r->state == TAM_COACHING_STATE_DISMISSED)
    {
      g_autofree char *s = g_strdup_printf (_ ("Dismissed by %s: %s"), r->decided_by_name ? r->decided_by_name : "—",
                                            r->dismiss_reason ? r->dismiss_reason : "");
      tam_text_append_line (text, s);
    }
  gtk_label_set_text (self->record_label, text->str);
}

/* ---- a person's ladder, read in a worker ------------------------------- */

typedef struct
{
  char *nik;
  guint generation;
  GPtrArray *records;
} LadderJob;

static void
ladder_job_free (LadderJob *job)
{
  g_free (job->nik);
  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_free (job);
}

static gboolean
ladder_func (TamStore *store,
             const TamSession *session,
             gpointer data,
             GError **error)
{
  LadderJob *job = data;
  TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;

  filter.nik = job->nik;
  job->records = tam_coaching_list (store, session, &filter, error);
  return job->records != NULL;
}

static void
ladder_done_cb (GObject *source,
                gpointer data,
                const GError *error)
{
  TamCoachingPage *self = TAM_COACHING_PAGE (source);
  LadderJob *job = data;

  if (error != NULL)
    {
      g_warning ("Cannot read the ladder of %s: %s", job->nik, error->message);
      return;
    }
  if (job->generation != self->ladder_generation)
    return;
  tam_ladder_view_set_records (self->ladder_view, job->records, self->today);
  gtk_label_set_text (self->standing_label, tam_ladder_view_get_summary (self->ladder_view));
}

static const TamWork ladder_work = { ladder_func, ladder_done_cb, (GDestroyNotify) ladder_job_free };

static void
load_ladder (TamCoachingPage *self)
{
  const TamCoachingRecord *r = _tam_coaching_page_selected_record (self);
  LadderJob *job;

  if (r == NULL || g_strcmp0 (r->nik, self->ladder_nik) == 0)
    return;
  g_free (self->ladder_nik);
  self->ladder_nik = g_strdup (r->nik);
  job = g_new0 (LadderJob, 1);
  job->nik = g_strdup (r->nik);
  job->generation = ++self->ladder_generation;
  tam_page_work_read (&self->work, self->store, self->session, &ladder_work, job);
}

void
_tam_coaching_page_selection_changed (TamCoachingPage *self)
{
  update_detail (self);
  _tam_coaching_page_update_actions (self);
  load_ladder (self);
}
