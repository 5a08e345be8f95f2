/* test-training.c: training (issue 14): the gate to go live from the
 * person dialog's save and the roster import (tamctl's door is in
 * tests/training.sh), the calls import's refusal, attempts and the
 * latest score, refresher due dates across month ends, the KUIS from
 * quiz scores and the imported value winning, absence proposed to
 * coaching, permissions and bad input. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <xlsxwriter.h>

#include "import-fixture.h"
#include "tam-coaching.h"
#include "tam-import.h"
#include "tam-kpi.h"
#include "tam-reports.h"
#include "tam-training.h"

typedef struct
{
  Fixture fx;
  TamSession *manager;
  TamSession *trainer;
  gint64 trainee_id;
} World;

static void
world_setup (World *w,
             gconstpointer data)
{
  g_autoptr (TamSession) boot = tam_session_new (0, "SETUP", "Set-up", "MANAGER", "BANDUNG", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) p = tam_person_new ();
  gint64 m, t, tl1;

  fixture_setup (&w->fx, data);
  m = fixture_add_person (w->fx.store, boot, "M001", "Hadi Wijaya", "MANAGER", NULL, 0);
  w->manager = tam_session_new (m, "M001", "Hadi Wijaya", "MANAGER", "BANDUNG", NULL);
  t = fixture_add_person (w->fx.store, w->manager, "R001", "Rahmat Hidayat", "TRAINER", NULL, 0);
  w->trainer = tam_session_new (t, "R001", "Rahmat Hidayat", "TRAINER", "BANDUNG", NULL);

  /* A new hire in initial training. */
  tl1 = w->fx.tl1->person_id;
  p->nik = g_strdup ("N001");
  p->name = g_strdup ("Nur Aini");
  p->role = g_strdup ("AGENT");
  p->site = g_strdup ("BANDUNG");
  p->service = g_strdup ("ADDON_CONSUMER");
  p->team_leader_id = tl1;
  p->status = g_strdup ("TRAINING");
  p->hired_on = g_strdup ("2026-10-01");
  g_assert_true (tam_people_save (w->fx.store, w->fx.sup, p, NULL, &error));
  g_assert_no_error (error);
  w->trainee_id = p->id;
}

static void
world_teardown (World *w,
                gconstpointer data)
{
  g_clear_pointer (&w->manager, tam_session_free);
  g_clear_pointer (&w->trainer, tam_session_free);
  fixture_teardown (&w->fx, data);
}

static gint64
add_training (World *w,
              TamTrainingKind kind,
              const char *service,
              const char *from,
              const char *to)
{
  g_autoptr (GError) error = NULL;
  gint64 id = tam_training_add (w->fx.store, w->trainer,
                                &(TamTrainingSpec){ .kind = kind,
                                                    .title = "Training Awal Agent",
                                                    .service = service,
                                                    .site = "BANDUNG",
                                                    .from = from,
                                                    .to = to,
                                                    .material = "Modul Add On" },
                                &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
enroll (World *w,
        gint64 id,
        const char *nik)
{
  g_autoptr (GError) error = NULL;
  const char *niks[] = { nik, NULL };

  g_assert_true (tam_training_enroll (w->fx.store, w->trainer, id, niks, &error));
  g_assert_no_error (error);
}

static void
score (World *w,
       gint64 id,
       const char *nik,
       double value)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (tam_training_score (w->fx.store, w->trainer, id, nik, value, NULL, &error));
  g_assert_no_error (error);
}

/* Tries to make the trainee ACTIVE through the person dialog's save. */
static gboolean
make_active (World *w,
             GError **error,
             char **field)
{
  g_autoptr (TamPerson) p = tam_people_get (w->fx.store, w->trainee_id, NULL);

  g_free (p->status);
  p->status = g_strdup ("ACTIVE");
  return tam_people_save (w->fx.store, w->fx.sup, p, field, error);
}

static char *
stored_status (World *w)
{
  g_autoptr (TamPerson) p = tam_people_get (w->fx.store, w->trainee_id, NULL);

  return g_strdup (p->status);
}

static void
test_gate_dialog (World *w,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *status = NULL;
  gint64 id, other;

  /* Not enrolled anywhere: refused, naming the person and what is missing. */
  g_assert_false (make_active (w, &error, &field));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nur Aini (N001)"));
  g_assert_nonnull (strstr (error->message, "not enrolled"));
  g_assert_cmpstr (field, ==, "status");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* Passing an initial training of another service does not count. */
  other = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-10-01", "2026-10-01");
  enroll (w, other, "N001");
  score (w, other, "N001", 95);
  id = add_training (w, TAM_TRAINING_INITIAL, "ADDON_CONSUMER", "2026-10-01", "2026-10-14");
  enroll (w, id, "N001");

  /* Enrolled, failed the quiz (pass mark 70): still refused. */
  score (w, id, "N001", 55);
  g_assert_false (make_active (w, &error, NULL));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "no passing quiz score"));
  g_clear_error (&error);
  status = stored_status (w);
  g_assert_cmpstr (status, ==, "TRAINING");
  g_clear_pointer (&status, g_free);

  /* The remedial retake passes: now it goes through. */
  score (w, id, "N001", 82);
  g_assert_true (make_active (w, &error, NULL));
  g_assert_no_error (error);
  status = stored_status (w);
  g_assert_cmpstr (status, ==, "ACTIVE");

  /* A failed retake after passing takes the pass away (the latest
   * counts), but someone ACTIVE stays so: the gate is for TRAINING. */
  score (w, id, "N001", 40);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT passed FROM training_participants WHERE quiz_score = 40", -1, NULL),
                   ==, 0);
}

static const char roster_head[] = "nik,name,role,site,service,team_leader_nik,status,hired_on,contract_end\n";

static void
test_gate_roster_import (World *w,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strconcat (roster_head,
                                       "A001,Budi Santoso,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2025-01-06,\n"
                                       "N001,Nur Aini,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-10-01,\n"
                                       "N002,Putri Ayu,AGENT,BANDUNG,ADDON_CONSUMER,T001,ACTIVE,2026-10-01,\n",
                                       NULL);
  g_autofree char *path = fixture_file (&w->fx, "roster.csv", text);
  g_autofree char *status = NULL;
  g_autofree char *summary = NULL;
  TamImportResult result = { 0 };
  gint64 id;

  /* All or nothing: the trainee's row is refused with its line. */
  g_assert_false (tam_import_file (w->fx.store, w->fx.sup, TAM_IMPORT_ROSTER, path, NULL, NULL, NULL, NULL, &result,
                                   &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpuint (result.errors->len, ==, 1);
  g_assert_nonnull (strstr (result.errors->pdata[0], "roster.csv:3: column status: Nur Aini (N001) cannot become ACTIVE"));
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM people WHERE nik = 'N002'", -1, NULL), ==, 0);
  g_clear_error (&error);
  tam_import_result_clear (&result);
  status = stored_status (w);
  g_assert_cmpstr (status, ==, "TRAINING");
  g_clear_pointer (&status, g_free);

  /* After passing, the same file goes in; the new agent imported ACTIVE
   * is taken as trained, and the summary says so. */
  id = add_training (w, TAM_TRAINING_INITIAL, "ADDON_CONSUMER", "2026-10-01", "2026-10-14");
  enroll (w, id, "N001");
  score (w, id, "N001", 70); /* the pass mark itself passes */
  g_assert_true (tam_import_file (w->fx.store, w->fx.sup, TAM_IMPORT_ROSTER, path, NULL, NULL, NULL, NULL, &result,
                                  &error));
  g_assert_no_error (error);
  status = stored_status (w);
  g_assert_cmpstr (status, ==, "ACTIVE");
  g_assert_cmpuint (result.taken_as_trained, ==, 1);
  summary = tam_import_result_summary (&result);
  g_assert_nonnull (strstr (summary, "1 agent imported ACTIVE is taken as trained"));
  tam_import_result_clear (&result);
}

static const char calls_text[] = "call_id,agent_nik,service,call_start,result,customer_number\n"
                                 "C-1,A001,ADDON_CONSUMER,2026-10-20 09:00:00,AGREE,081234567890\n"
                                 "C-2,N001,ADDON_CONSUMER,2026-10-20 09:05:00,AGREE,081234567891\n";

static void
test_calls_import_refused (World *w,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = fixture_file (&w->fx, "calls.csv", calls_text);
  g_autofree char *rejects = g_build_filename (w->fx.dir, "rejects.csv", NULL);
  g_autofree char *rejected = NULL;
  TamImportResult result = { 0 };
  gint64 id;

  g_assert_false (tam_import_file (w->fx.store, w->fx.qco, TAM_IMPORT_CALLS, path, NULL, NULL, NULL, NULL, &result,
                                   &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_nonnull (strstr (result.errors->pdata[0],
                            "calls.csv:3: column agent_nik: N001 has not passed initial training"));
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM calls", -1, NULL), ==, 0);
  g_clear_error (&error);
  tam_import_result_clear (&result);

  /* --skip-bad keeps the trained agent's call. */
  g_assert_true (tam_import_file (w->fx.store, w->fx.qco, TAM_IMPORT_CALLS, path, rejects, NULL, NULL, NULL, &result,
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.inserted, ==, 1);
  g_assert_cmpuint (result.rejected, ==, 1);
  g_assert_true (g_file_get_contents (rejects, &rejected, NULL, NULL));
  g_assert_nonnull (strstr (rejected, "has not passed initial training"));
  tam_import_result_clear (&result);

  /* Once passed, their calls come in (still in TRAINING status). */
  id = add_training (w, TAM_TRAINING_INITIAL, "ADDON_CONSUMER", "2026-10-01", "2026-10-14");
  enroll (w, id, "N001");
  score (w, id, "N001", 90);
  g_assert_true (tam_import_file (w->fx.store, w->fx.qco, TAM_IMPORT_CALLS, path, NULL, NULL, NULL, NULL, &result,
                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM calls", -1, NULL), ==, 2);
  tam_import_result_clear (&result);
}

static void
test_attempts (World *w,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (TamTraining) t = NULL;
  TamTrainingParticipant *p;
  gint64 id = add_training (w, TAM_TRAINING_INITIAL, "ADDON_CONSUMER", "2026-10-01", "2026-10-14");
  const char *niks[] = { "N001", "A001", NULL };
  guint attempt = 0;

  g_assert_true (tam_training_enroll (w->fx.store, w->trainer, id, niks, &error));
  g_assert_no_error (error);
  score (w, id, "N001", 50);
  score (w, id, "N001", 65.5);
  g_assert_true (tam_training_score (w->fx.store, w->trainer, id, "N001", 88, &attempt, &error));
  g_assert_cmpuint (attempt, ==, 3);
  score (w, id, "A001", 75);

  parts = tam_training_participants (w->fx.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parts->len, ==, 2);
  p = parts->pdata[1]; /* by name: Budi, Nur */
  g_assert_cmpstr (p->nik, ==, "N001");
  g_assert_cmpuint (p->attempts, ==, 3);
  g_assert_cmpfloat (p->score, ==, 88);
  g_assert_cmpint (p->passed, ==, 1);

  attempts = tam_training_attempts (w->fx.store, id, &error);
  g_assert_cmpuint (attempts->len, ==, 4);
  g_assert_cmpfloat (((TamTrainingAttempt *) attempts->pdata[1])->score, ==, 50);
  g_assert_false (((TamTrainingAttempt *) attempts->pdata[1])->passed);
  g_assert_cmpfloat (((TamTrainingAttempt *) attempts->pdata[2])->score, ==, 65.5);

  t = tam_training_get (w->fx.store, id, &error);
  g_assert_cmpuint (t->n_participants, ==, 2);
  g_assert_cmpuint (t->n_passed, ==, 2);
  g_assert_cmpfloat_with_epsilon (t->mean_score, (88 + 75) / 2.0, 1e-9);

  /* A higher pass mark judges later attempts; earlier ones keep theirs. */
  g_assert_true (tam_training_set_pass_mark (w->fx.store, w->trainer, 90, &error));
  g_assert_no_error (error);
  score (w, id, "A001", 85);
  g_clear_pointer (&parts, g_ptr_array_unref);
  parts = tam_training_participants (w->fx.store, id, &error);
  g_assert_cmpint (((TamTrainingParticipant *) parts->pdata[0])->passed, ==, 0);
  g_assert_cmpint (((TamTrainingParticipant *) parts->pdata[1])->passed, ==, 1);
  g_assert_cmpfloat (tam_training_pass_mark (w->fx.store), ==, 90);
}

static void
test_add_months (void)
{
  static const struct
  {
    const char *date;
    int months;
    const char *expect;
  } cases[] = {
    { "2026-08-31", 6, "2027-02-28" },
    { "2027-08-31", 6, "2028-02-29" },
    { "2026-01-31", 1, "2026-02-28" },
    { "2026-03-31", -1, "2026-02-28" },
    { "2026-07-15", 6, "2027-01-15" },
    { "2026-12-31", 12, "2027-12-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = tam_training_add_months (cases[i].date, cases[i].months);

      g_assert_cmpstr (got, ==, cases[i].expect);
    }
  g_assert_null (tam_training_add_months ("2026-02-30", 1));
}

static TamTrainingDueRow *
due_of (GPtrArray *rows,
        const char *nik,
        TamTrainingKind kind)
{
  for (guint i = 0; i < rows->len; i++)
    {
      TamTrainingDueRow *r = rows->pdata[i];

      if (strcmp (r->nik, nik) == 0 && r->kind == kind)
        return r;
    }
  return NULL;
}

static void
test_due (World *w,
          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  TamTrainingDueRow *r;
  gint64 refresher, social;

  /* A001 passed a refresher ending 2026-08-31: due 2027-02-28 (six
   * months on, February has no 31st). A002 has none on record: due six
   * months after their hire (2025-01-06), long overdue. */
  refresher = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-08-31", "2026-08-31");
  enroll (w, refresher, "A001");
  score (w, refresher, "A001", 80);

  /* 2027-01-27: 2027-02-28 is more than a month ahead (2027-02-27). */
  rows = tam_training_due (w->fx.store, "2027-01-27", &error);
  g_assert_no_error (error);
  g_assert_null (due_of (rows, "A001", TAM_TRAINING_REFRESHMENT));
  r = due_of (rows, "A002", TAM_TRAINING_REFRESHMENT);
  g_assert_nonnull (r);
  g_assert_cmpint (r->state, ==, TAM_TRAINING_OVERDUE);
  g_assert_cmpstr (r->due_on, ==, "2025-07-06");
  g_assert_null (r->last_training);
  /* Trainees (N001) are not on the refresher list. */
  g_assert_null (due_of (rows, "N001", TAM_TRAINING_REFRESHMENT));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* 2027-01-31: a month ahead is 2027-02-28: due. */
  rows = tam_training_due (w->fx.store, "2027-01-31", &error);
  r = due_of (rows, "A001", TAM_TRAINING_REFRESHMENT);
  g_assert_nonnull (r);
  g_assert_cmpint (r->state, ==, TAM_TRAINING_DUE);
  g_assert_cmpstr (r->due_on, ==, "2027-02-28");
  g_assert_cmpstr (r->last_training, ==, "2026-08-31");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* 2027-03-01: overdue. */
  rows = tam_training_due (w->fx.store, "2027-03-01", &error);
  g_assert_cmpint (due_of (rows, "A001", TAM_TRAINING_REFRESHMENT)->state, ==, TAM_TRAINING_OVERDUE);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The interval is a setting. */
  g_assert_true (tam_training_set_refresher_months (w->fx.store, w->trainer, 3, &error));
  rows = tam_training_due (w->fx.store, "2026-11-30", &error);
  r = due_of (rows, "A001", TAM_TRAINING_REFRESHMENT);
  g_assert_nonnull (r);
  g_assert_cmpstr (r->due_on, ==, "2026-11-30");
  g_assert_cmpint (r->state, ==, TAM_TRAINING_DUE);
  g_clear_pointer (&rows, g_ptr_array_unref);
  g_assert_false (tam_training_set_refresher_months (w->fx.store, w->trainer, 0, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* A product socialization: everyone of the service who has not passed it. */
  social = add_training (w, TAM_TRAINING_PRODUCT_SOCIALIZATION, "ADDON_CONSUMER", "2026-11-10", "2026-11-10");
  enroll (w, social, "A001");
  score (w, social, "A001", 90);
  rows = tam_training_due (w->fx.store, "2026-11-20", &error);
  g_assert_null (due_of (rows, "A001", TAM_TRAINING_PRODUCT_SOCIALIZATION));
  r = due_of (rows, "A002", TAM_TRAINING_PRODUCT_SOCIALIZATION);
  g_assert_nonnull (r);
  g_assert_cmpint (r->state, ==, TAM_TRAINING_OVERDUE);
  g_assert_null (due_of (rows, "A003", TAM_TRAINING_PRODUCT_SOCIALIZATION)); /* CT0 */
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Flagged by last month's scorecard (a parameter under 60): suggested
   * (A001, not due for a refresher with the six months back). */
  g_assert_true (tam_training_set_refresher_months (w->fx.store, w->trainer, 6, &error));
  g_assert_true (tam_kpi_put_input (w->fx.store, w->manager, "2026-10",
                                    tam_store_query_int (w->fx.store, "SELECT id FROM people WHERE nik = 'A001'", 0, NULL),
                                    TAM_ABU_AHT, 45, NULL, &error));
  g_assert_no_error (error);
  rows = tam_training_due (w->fx.store, "2026-11-05", &error);
  r = due_of (rows, "A001", TAM_TRAINING_REFRESHMENT);
  g_assert_nonnull (r);
  g_assert_cmpint (r->state, ==, TAM_TRAINING_SUGGESTED);
  g_assert_nonnull (strstr (r->reason, "AHT"));
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* A quiz of last month under 60 is the scorecard's KUIS: suggested too
   * (A002, refreshed in September, not due). */
  {
    gint64 sept = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-09-01", "2026-09-01");
    gint64 quiz = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-10-20", "2026-10-20");

    enroll (w, sept, "A002");
    score (w, sept, "A002", 80);
    enroll (w, quiz, "A002");
    score (w, quiz, "A002", 45);
    rows = tam_training_due (w->fx.store, "2026-11-05", &error);
    g_assert_no_error (error);
    r = due_of (rows, "A002", TAM_TRAINING_REFRESHMENT);
    g_assert_nonnull (r);
    g_assert_cmpint (r->state, ==, TAM_TRAINING_SUGGESTED);
    g_assert_nonnull (strstr (r->reason, "KUIS"));
  }

  g_assert_null (tam_training_due (w->fx.store, "31/02/2026", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static TamKpiScore *
score_of (GPtrArray *rows,
          const char *nik)
{
  for (guint i = 0; i < rows->len; i++)
    {
      TamKpiScore *s = rows->pdata[i];

      if (g_strcmp0 (s->m.key, nik) == 0)
        return s;
    }
  return NULL;
}

static void
test_kuis (World *w,
           gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  gint64 a = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-10-05", "2026-10-05");
  gint64 b = add_training (w, TAM_TRAINING_PRODUCT_SOCIALIZATION, "ADDON_CONSUMER", "2026-10-30", "2026-10-31");
  gint64 nov = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-10-31", "2026-11-02");
  gint64 a001 = tam_store_query_int (w->fx.store, "SELECT id FROM people WHERE nik = 'A001'", 0, NULL);
  TamKpiScore *s;

  enroll (w, a, "A001");
  enroll (w, b, "A001");
  enroll (w, nov, "A001");
  score (w, a, "A001", 40);
  score (w, a, "A001", 80); /* the latest counts */
  score (w, b, "A001", 90);
  score (w, nov, "A001", 10); /* ends in November: not October's */
  g_assert_true (tam_kpi_put_input (w->fx.store, w->manager, "2026-10", a001, TAM_ABU_AHT, 70, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tam_kpi_scorecard (w->fx.store, w->manager, "2026-10", &rows, &error));
  g_assert_no_error (error);
  s = score_of (rows, "A001");
  g_assert_nonnull (s);
  g_assert_cmpfloat_with_epsilon (s->values[TAM_ABU_KUIS], 85.0, 1e-9);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* An imported KUIS for the month wins. */
  g_assert_true (tam_kpi_put_input (w->fx.store, w->manager, "2026-10", a001, TAM_ABU_KUIS, 61, NULL, &error));
  g_assert_true (tam_kpi_scorecard (w->fx.store, w->manager, "2026-10", &rows, &error));
  s = score_of (rows, "A001");
  g_assert_cmpfloat_with_epsilon (s->values[TAM_ABU_KUIS], 61.0, 1e-9);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* November: from its quiz alone. */
  g_assert_true (tam_kpi_scorecard (w->fx.store, w->manager, "2026-11", &rows, &error));
  s = score_of (rows, "A001");
  g_assert_nonnull (s);
  g_assert_cmpfloat_with_epsilon (s->values[TAM_ABU_KUIS], 10.0, 1e-9);
}

static void
test_absence_coaching (World *w,
                       gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-10-05", "2026-10-06");
  const char *q = "SELECT count(*) FROM coaching_records r JOIN people p ON p.id = r.person_id"
                  " WHERE p.nik = 'A001' AND r.nonconformity = 'MEETING_ABSENT' AND r.state = 'PROPOSED'"
                  " AND r.event_key = 'trn:1:2026-10-06'";

  g_assert_cmpint (id, ==, 1);
  enroll (w, id, "A001");
  g_assert_true (tam_training_attend (w->fx.store, w->trainer, id, "A001", "2026-10-05", TRUE, &error));
  g_assert_true (tam_training_attend (w->fx.store, w->trainer, id, "A001", "2026-10-06", FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tam_store_query_int (w->fx.store, q, -1, NULL), ==, 1);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM coaching_records", -1, NULL), ==, 1);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT attended FROM training_participants", -1, NULL), ==, 1);

  /* Corrected to present: the undecided proposal is withdrawn. */
  g_assert_true (tam_training_attend (w->fx.store, w->trainer, id, "A001", "2026-10-06", TRUE, &error));
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM coaching_records", -1, NULL), ==, 0);
}

static void
test_permissions (World *w,
                  gconstpointer data)
{
  const TamSession *refused[] = { w->fx.sup, w->fx.tl1, w->fx.qco, w->fx.agent, NULL };
  g_autoptr (GError) error = NULL;
  gint64 id;
  const char *niks[] = { "A001", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_cmpint (tam_training_add (w->fx.store, refused[i],
                                         &(TamTrainingSpec){ .kind = TAM_TRAINING_INITIAL,
                                                             .title = "X",
                                                             .service = "ADDON_CONSUMER",
                                                             .site = "BANDUNG",
                                                             .from = "2026-10-01",
                                                             .to = "2026-10-02" },
                                         &error),
                       ==, 0);
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  /* A manager may; the trainer is then named or none. */
  id = tam_training_add (w->fx.store, w->manager,
                         &(TamTrainingSpec){ .kind = TAM_TRAINING_INITIAL,
                                             .title = "X",
                                             .service = "ADDON_CONSUMER",
                                             .site = "BANDUNG",
                                             .from = "2026-10-01",
                                             .to = "2026-10-02",
                                             .trainer_nik = "R001" },
                         &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (tam_training_enroll (w->fx.store, refused[i], id, niks, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  enroll (w, id, "A001");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (tam_training_attend (w->fx.store, refused[i], id, "A001", "2026-10-01", TRUE, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
      g_assert_false (tam_training_score (w->fx.store, refused[i], id, "A001", 80, NULL, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
      g_assert_false (tam_training_set_pass_mark (w->fx.store, refused[i], 50, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM training_attempts", -1, NULL), ==, 0);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM training_attendance", -1, NULL), ==, 0);
  /* Every write is audited. */
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM audit_log WHERE entity LIKE 'training%'", -1, NULL),
                   ==, 2);
}

static void
test_bad_input (World *w,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 id = add_training (w, TAM_TRAINING_INITIAL, "ADDON_CONSUMER", "2026-10-01", "2026-10-14");
  const char *unknown[] = { "A001", "ZZZ9", NULL };
  const char *twice[] = { "A002", "A002", NULL };
  const double bad_scores[] = { -1, 100.5, NAN, INFINITY };
  g_autofree char *bad_csv = NULL;
  g_autofree char *good_csv = NULL;
  g_autoptr (GPtrArray) errors = NULL;
  guint n = 0;

  /* Enrolling: an unknown NIK (nothing stored, not even A001), someone
   * twice, someone enrolled already, an initial training of another service. */
  g_assert_false (tam_training_enroll (w->fx.store, w->trainer, id, unknown, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ZZZ9"));
  g_clear_error (&error);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM training_participants", -1, NULL), ==, 0);
  g_assert_false (tam_training_enroll (w->fx.store, w->trainer, id, twice, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_clear_error (&error);
  enroll (w, id, "A001");
  g_assert_false (tam_training_enroll (w->fx.store, w->trainer, id, unknown, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "already enrolled"));
  g_clear_error (&error);
  {
    const char *ct0[] = { "A003", NULL };
    g_assert_false (tam_training_enroll (w->fx.store, w->trainer, id, ct0, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Scores outside 0-100; someone not enrolled. */
  for (guint i = 0; i < G_N_ELEMENTS (bad_scores); i++)
    {
      g_assert_false (tam_training_score (w->fx.store, w->trainer, id, "A001", bad_scores[i], NULL, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (tam_training_score (w->fx.store, w->trainer, id, "A002", 80, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Attendance outside the training's dates. */
  g_assert_false (tam_training_attend (w->fx.store, w->trainer, id, "A001", "2026-10-15", TRUE, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "outside"));
  g_clear_error (&error);
  g_assert_false (tam_training_attend (w->fx.store, w->trainer, id, "A001", "2026-09-30", TRUE, &error));
  g_clear_error (&error);

  /* A training that ends before it starts, an unknown service. */
  g_assert_cmpint (tam_training_add (w->fx.store, w->trainer,
                                     &(TamTrainingSpec){ .kind = TAM_TRAINING_INITIAL,
                                                         .title = "X",
                                                         .service = "ADDON_CONSUMER",
                                                         .site = "BANDUNG",
                                                         .from = "2026-10-02",
                                                         .to = "2026-10-01" },
                                     &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tam_training_add (w->fx.store, w->trainer,
                                     &(TamTrainingSpec){ .kind = TAM_TRAINING_INITIAL,
                                                         .title = "X",
                                                         .service = "NOPE",
                                                         .site = "BANDUNG",
                                                         .from = "2026-10-01",
                                                         .to = "2026-10-01" },
                                     &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tam_training_add (w->fx.store, w->trainer,
                                     &(TamTrainingSpec){ .kind = TAM_TRAINING_INITIAL,
                                                         .title = "X",
                                                         .service = "ADDON_CONSUMER",
                                                         .site = "BANDUNG",
                                                         .from = "2026-10-01",
                                                         .to = "2026-10-01",
                                                         .trainer_nik = "A001" },
                                     &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* Score import: all or nothing, every bad row by file and line. */
  enroll (w, id, "N001");
  bad_csv = fixture_file (&w->fx, "kuis.csv",
                          "Nama,NIK,Score\n"
                          "Budi,A001,85\n"
                          "Nur,N001,101\n"
                          "X,ZZZ9,70\n"
                          "Budi,A001,90\n"
                          "Eko,A003,70\n"
                          "Nur,N001,abc\n");
  g_assert_false (tam_training_import_scores (w->fx.store, w->trainer, id, bad_csv, &n, &errors, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_cmpuint (errors->len, ==, 5);
  g_assert_cmpstr (errors->pdata[0], ==, "kuis.csv:3: column score: a quiz score is from 0 to 100, not 101");
  g_assert_cmpstr (errors->pdata[1], ==, "kuis.csv:4: column nik: unknown NIK “ZZZ9”");
  g_assert_cmpstr (errors->pdata[2], ==, "kuis.csv:5: column nik: A001 is already on line 2");
  g_assert_cmpstr (errors->pdata[3], ==, "kuis.csv:6: column nik: A003 is not enrolled in this training");
  g_assert_cmpstr (errors->pdata[4], ==, "kuis.csv:7: column score: not a number “abc”");
  g_clear_error (&error);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM training_attempts", -1, NULL), ==, 0);

  good_csv = fixture_file (&w->fx, "kuis2.csv", "score;nik\n85,5;A001\n72;N001\n");
  g_assert_true (tam_training_import_scores (w->fx.store, w->trainer, id, good_csv, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT count(*) FROM training_participants WHERE passed = 1", -1, NULL),
                   ==, 2);
  {
    g_autofree char *missing = fixture_file (&w->fx, "kuis3.csv", "nik,nilai\nA001,80\n");
    g_assert_false (tam_training_import_scores (w->fx.store, w->trainer, id, missing, &n, NULL, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
    g_assert_nonnull (strstr (error->message, "kuis3.csv:1: missing column: score"));
  }
}

static void
test_history_and_lists (World *w,
                        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) trainees = NULL;
  g_autoptr (GPtrArray) stats = NULL;
  gint64 a = add_training (w, TAM_TRAINING_INITIAL, "ADDON_CONSUMER", "2026-10-01", "2026-10-14");
  gint64 b = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-11-03", "2026-11-03");
  TamTrainingRecord *r;
  TamTrainee *t;

  enroll (w, a, "N001");
  enroll (w, b, "N001");
  g_assert_true (tam_training_attend (w->fx.store, w->trainer, a, "N001", "2026-10-01", TRUE, &error));
  g_assert_true (tam_training_attend (w->fx.store, w->trainer, a, "N001", "2026-10-02", FALSE, &error));
  score (w, a, "N001", 60);
  score (w, a, "N001", 75);

  history = tam_training_history (w->fx.store, w->trainee_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  r = history->pdata[1]; /* newest first */
  g_assert_cmpint (r->training_id, ==, a);
  g_assert_cmpuint (r->days_present, ==, 1);
  g_assert_cmpuint (r->days_absent, ==, 1);
  g_assert_cmpuint (r->attempts, ==, 2);
  g_assert_cmpint (r->passed, ==, 1);
  g_assert_cmpint (((TamTrainingRecord *) history->pdata[0])->passed, ==, -1);

  list = tam_training_list (w->fx.store, "2026-11-01", "2026-11-30", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((TamTraining *) list->pdata[0])->trainer_nik, ==, "R001");

  trainees = tam_training_trainees (w->fx.store, &error);
  g_assert_cmpuint (trainees->len, ==, 1);
  t = trainees->pdata[0];
  g_assert_cmpstr (t->nik, ==, "N001");
  g_assert_cmpint (t->training_id, ==, a);
  g_assert_cmpint (t->passed, ==, 1);

  stats = tam_training_trainer_stats (w->fx.store, NULL, NULL, &error);
  g_assert_cmpuint (stats->len, ==, 1);
  g_assert_cmpuint (((TamTrainerStats *) stats->pdata[0])->trainings, ==, 2);
  g_assert_cmpuint (((TamTrainerStats *) stats->pdata[0])->participants, ==, 2);
  g_assert_cmpuint (((TamTrainerStats *) stats->pdata[0])->passed, ==, 1);
}

static void
test_report (World *w,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const TamReport *report = tam_report_find ("training");
  g_autofree char *csv = g_build_filename (w->fx.dir, "batch.csv", NULL);
  g_autofree char *attempts = g_build_filename (w->fx.dir, "batch-attempts.csv", NULL);
  g_autofree char *xlsx = g_build_filename (w->fx.dir, "batch.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autofree char *atext = NULL;
  gint64 id = add_training (w, TAM_TRAINING_INITIAL, "ADDON_CONSUMER", "2026-10-30", "2026-11-02");

  g_assert_nonnull (report);
  enroll (w, id, "N001");
  g_assert_true (tam_training_attend (w->fx.store, w->trainer, id, "N001", "2026-10-30", TRUE, &error));
  g_assert_true (tam_training_attend (w->fx.store, w->trainer, id, "N001", "2026-11-02", FALSE, &error));
  score (w, id, "N001", 60);
  score (w, id, "N001", 78.5);
  /* Over two months: in both months' reports. */
  g_assert_true (report->write (w->fx.store, w->trainer, "2026-11", csv, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ",2026-10-30,2026-11-02,N001,Nur Aini,1,1,2,78.5,1\r\n"));
  g_assert_true (g_file_get_contents (attempts, &atext, NULL, NULL));
  g_assert_nonnull (strstr (atext, ",N001,Nur Aini,1,60.0,70.0,0,"));
  g_assert_nonnull (strstr (atext, ",N001,Nur Aini,2,78.5,70.0,1,"));
  g_assert_true (report->write (w->fx.store, w->trainer, "2026-10", xlsx, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  /* An agent may not. */
  g_assert_false (report->write (w->fx.store, w->fx.agent, "2026-10", xlsx, NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
}

/* Quiz tools export .xlsx too: a score typed as a number, one as text,
 * the header in another order with an extra column. */
static void
test_import_xlsx (World *w,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (w->fx.dir, "kuis.xlsx", NULL);
  gint64 id = add_training (w, TAM_TRAINING_REFRESHMENT, "ADDON_CONSUMER", "2026-10-05", "2026-10-05");
  const char *niks[] = { "A001", "A002", NULL };
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  guint n = 0;

  worksheet_write_string (ws, 0, 0, "Score", NULL);
  worksheet_write_string (ws, 0, 1, "Nama", NULL);
  worksheet_write_string (ws, 0, 2, "NIK", NULL);
  worksheet_write_number (ws, 1, 0, 88.5, NULL);
  worksheet_write_string (ws, 1, 1, "Budi", NULL);
  worksheet_write_string (ws, 1, 2, "A001", NULL);
  worksheet_write_string (ws, 2, 0, "64", NULL);
  worksheet_write_string (ws, 2, 1, "Citra", NULL);
  worksheet_write_string (ws, 2, 2, "A002", NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  g_assert_true (tam_training_enroll (w->fx.store, w->trainer, id, niks, &error));
  g_assert_true (tam_training_import_scores (w->fx.store, w->trainer, id, path, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT score * 10 FROM training_attempts m JOIN people p"
                                                     " ON p.id = m.person_id WHERE p.nik = 'A001'",
                                        -1, NULL),
                   ==, 885);
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT passed FROM training_participants x JOIN people p"
                                                     " ON p.id = x.person_id WHERE p.nik = 'A002'",
                                        -1, NULL),
                   ==, 0);
  /* A second import is a second attempt each. */
  g_assert_true (tam_training_import_scores (w->fx.store, w->trainer, id, path, &n, NULL, &error));
  g_assert_cmpint (tam_store_query_int (w->fx.store, "SELECT max (attempt) FROM training_attempts", -1, NULL), ==, 2);
}

#define ADD(path, func) g_test_add (path, World, NULL, world_setup, func, world_teardown)

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/training/gate/dialog", test_gate_dialog);
  ADD ("/training/gate/roster-import", test_gate_roster_import);
  ADD ("/training/calls-import-refused", test_calls_import_refused);
  ADD ("/training/attempts", test_attempts);
  g_test_add_func ("/training/add-months", test_add_months);
  ADD ("/training/due", test_due);
  ADD ("/training/kuis", test_kuis);
  ADD ("/training/absence-coaching", test_absence_coaching);
  ADD ("/training/permissions", test_permissions);
  ADD ("/training/bad-input", test_bad_input);
  ADD ("/training/history-and-lists", test_history_and_lists);
  ADD ("/training/report", test_report);
  ADD ("/training/import-xlsx", test_import_xlsx);
  return g_test_run ();
}
