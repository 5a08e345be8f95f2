/* Many desks on one database file, every module writing at once, in the
 * configuration the users run: two processes (another desk, a tamctl
 * script) and, inside this process, two threads on two stores of the
 * same file (the window's own store and a worker's). Each desk works on
 * its own agent, so every write of every desk must succeed: a write that
 * fails (a busy database included) fails the test. Each round: a
 * discipline record made and issued, a verdict, a KPI input, a training
 * day and a quiz attempt, a recovery plan drafted, submitted and
 * approved. Afterwards the counts
 * are exact (nothing lost or doubled), each agent's discipline ladder
 * climbed one step a record as if the desks had taken turns, and the
 * store and its audit chain check out (tam_check).
 *
 * The test binary is its own child: "test-desks --child DB DESK IDS". */
#include "config.h"

#include <gio/gio.h>

#include "tam-check.h"
#include "tam-coaching.h"
#include "tam-kpi.h"
#include "tam-recovery.h"
#include "tam-training.h"
#include "tapping-world.h"

#define N_DESKS 4
#define N_ROUNDS 30

/* Whom a desk works with; ids as text for the child's command line. */
typedef struct
{
  int desk;
  gint64 agent_id;
  char *agent_nik;
  gint64 qco_id;
  char *qco_nik;
  char *qco_site;
  gint64 manager_id;
  gint64 supervisor_id;
  gint64 tl_id; /* the agent's team leader, who records the nonconformity */
  char *tl_nik;
  char *tl_site;
  char *tl_service;
  gint64 trainer_id;
  char *agent_site;
  char *agent_service;
  gint64 first_call; /* the desk's calls: first_call .. first_call + N_ROUNDS - 1 */
} Desk;

static void
desk_clear (Desk *d)
{
  g_free (d->agent_nik);
  g_free (d->qco_nik);
  g_free (d->qco_site);
  g_free (d->tl_nik);
  g_free (d->tl_site);
  g_free (d->tl_service);
  g_free (d->agent_site);
  g_free (d->agent_service);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Desk, desk_clear)

static char *
desk_to_text (const Desk *d)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%s:%" G_GINT64_FORMAT ":%s:%s:%" G_GINT64_FORMAT
                          ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s:%s:%s:%" G_GINT64_FORMAT
                          ":%s:%s",
                          d->desk, d->agent_id, d->agent_nik, d->qco_id, d->qco_nik, d->qco_site, d->manager_id,
                          d->supervisor_id, d->first_call, d->tl_id, d->tl_nik, d->tl_site, d->tl_service,
                          d->trainer_id, d->agent_site, d->agent_service);
}

static gboolean
desk_from_text (const char *text,
                Desk *d)
{
  g_auto (GStrv) f = g_strsplit (text, ":", -1);

  if (g_strv_length (f) != 16)
    return FALSE;
  d->desk = atoi (f[0]);
  d->agent_id = g_ascii_strtoll (f[1], NULL, 10);
  d->agent_nik = g_strdup (f[2]);
  d->qco_id = g_ascii_strtoll (f[3], NULL, 10);
  d->qco_nik = g_strdup (f[4]);
  d->qco_site = g_strdup (f[5]);
  d->manager_id = g_ascii_strtoll (f[6], NULL, 10);
  d->supervisor_id = g_ascii_strtoll (f[7], NULL, 10);
  d->first_call = g_ascii_strtoll (f[8], NULL, 10);
  d->tl_id = g_ascii_strtoll (f[9], NULL, 10);
  d->tl_nik = g_strdup (f[10]);
  d->tl_site = g_strdup (f[11]);
  d->tl_service = g_strdup (f[12]);
  d->trainer_id = g_ascii_strtoll (f[13], NULL, 10);
  d->agent_site = g_strdup (f[14]);
  d->agent_service = g_strdup (f[15]);
  return TRUE;
}

/* The day of round @i: one a week from 2026-01-05, so that every record
 * of the round's agent is still valid when the next is issued. */
static char *
round_day (int i)
{
  g_autoptr (GDateTime) start = g_date_time_new_utc (2026, 1, 5, 0, 0, 0);
  g_autoptr (GDateTime) day = g_date_time_add_days (start, 7 * i);

  return g_date_time_format (day, "%Y-%m-%d");
}

static const char *const consent[] = { "CONSENT", NULL };

/* One desk's work: each round a discipline record made and issued, a
 * verdict, a KPI input. Returns NULL, or what failed. */
static char *
desk_work (TamStore *store,
           const Desk *d)
{
  g_autoptr (TamSession) manager = tam_session_new (d->manager_id, "MGR001", "Manager", "MANAGER", "BANDUNG", NULL);
  g_autoptr (TamSession) supervisor = tam_session_new (d->supervisor_id, "SPV001", "Supervisor", "SUPERVISOR_OPS",
                                                       "BANDUNG", NULL);
  g_autoptr (TamSession) qco = tam_session_new (d->qco_id, d->qco_nik, d->qco_nik, "QCO", d->qco_site, NULL);
  g_autoptr (TamSession) tl = tam_session_new (d->tl_id, d->tl_nik, d->tl_nik, "TEAM_LEADER", d->tl_site,
                                               d->tl_service);

  g_autoptr (TamSession) trainer = tam_session_new (d->trainer_id, "TRN001", "Trainer", "TRAINER", "BANDUNG", NULL);
  g_autoptr (GError) setup_error = NULL;
  g_autofree char *title = g_strdup_printf ("Refresher of desk %d", d->desk);
  const char *const enrolled[] = { d->agent_nik, NULL };
  gint64 training;

  /* The desk's training: a refresher for its agent, 30 days long. */
  training = tam_training_add (store, trainer,
                               &(TamTrainingSpec){ .kind = TAM_TRAINING_REFRESHMENT,
                                                   .title = title,
                                                   .service = d->agent_service,
                                                   .site = d->agent_site,
                                                   .from = "2026-11-01",
                                                   .to = "2026-12-01" },
                               &setup_error);
  if (training == 0)
    return g_strdup_printf ("desk %d: training: %s", d->desk, setup_error->message);
  if (!tam_training_enroll (store, trainer, training, enrolled, &setup_error))
    return g_strdup_printf ("desk %d: enroll: %s", d->desk, setup_error->message);

  for (int i = 0; i < N_ROUNDS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *day = round_day (i);
      g_autofree char *month = g_strdup_printf ("2026-%02d", i % 12 + 1);
      gint64 record;

      record = tam_coaching_record (store, tl, d->agent_nik, "DESK_UNTIDY", day, "desk test", NULL, &error);
      if (record == 0)
        return g_strdup_printf ("desk %d round %d: record: %s", d->desk, i, error->message);
      if (!tam_coaching_issue (store, manager, record, day, &error))
        return g_strdup_printf ("desk %d round %d: issue: %s", d->desk, i, error->message);
      if (!tam_call_decide (store, qco, d->first_call + i, i % 3 == 0 ? "RETURN" : "VALID",
                            i % 3 == 0 ? consent : NULL, i % 3 == 0 ? "Ask for consent" : NULL, NULL, &error))
        return g_strdup_printf ("desk %d round %d: verdict: %s", d->desk, i, error->message);
      if (!tam_kpi_put_input (store, supervisor, month, d->agent_id, (TamAbuParameter) (i % TAM_N_ABU_PARAMETERS),
                              50 + i, NULL, &error))
        return g_strdup_printf ("desk %d round %d: KPI input: %s", d->desk, i, error->message);

      /* Training: a day present, a quiz attempt. */
      {
        g_autofree char *training_day = g_strdup_printf ("2026-11-%02d", i + 1);

        if (!tam_training_attend (store, trainer, training, d->agent_nik, training_day, TRUE, &error))
          return g_strdup_printf ("desk %d round %d: attendance: %s", d->desk, i, error->message);
        if (!tam_training_score (store, trainer, training, d->agent_nik, 50 + i, NULL, &error))
          return g_strdup_printf ("desk %d round %d: quiz: %s", d->desk, i, error->message);
      }

      /* A recovery plan for the agent's QVS: drafted and submitted by the
       * team leader, approved by the manager. */
      {
        TamRecoveryActionSpec action = { "Coach the agent on consent", d->tl_nik, "2027-06-30" };
        TamRecoveryDraft draft = { TAM_KPI_QVS, TAM_KPI_SCOPE_AGENT, d->agent_nik, month, "desk test", TAM_CAUSE_PEOPLE,
                                   &action, 1 };
        gint64 plan = tam_recovery_draft (store, tl, &draft, NULL, &error);

        if (plan == 0)
          return g_strdup_printf ("desk %d round %d: draft: %s", d->desk, i, error->message);
        if (!tam_recovery_submit (store, tl, plan, NULL, &error))
          return g_strdup_printf ("desk %d round %d: submit: %s", d->desk, i, error->message);
        if (!tam_recovery_approve (store, manager, plan, NULL, &error))
          return g_strdup_printf ("desk %d round %d: approve: %s", d->desk, i, error->message);
      }
    }
  return NULL;
}

/* Waits for the go file, so that all desks start together. */
static void
wait_for_go (const char *db)
{
  g_autofree char *go = g_strconcat (db, ".go", NULL);

  while (!g_file_test (go, G_FILE_TEST_EXISTS))
    g_usleep (500);
}

static int
child_main (const char *db,
            const char *desk_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (db, &error);
  g_autofree char *failure = NULL;
  g_auto (Desk) d = { 0 };

  if (store == NULL || !desk_from_text (desk_text, &d))
    {
      g_printerr ("child: %s\n", error ? error->message : "bad desk");
      return 1;
    }
  {
    g_autofree char *ready = g_strdup_printf ("%s.ready.%d", db, d.desk);
    if (!g_file_set_contents (ready, "", 0, NULL))
      return 1;
  }
  wait_for_go (db);
  failure = desk_work (store, &d);
  if (failure != NULL)
    {
      g_printerr ("%s\n", failure);
      return 1;
    }
  return 0;
}

typedef struct
{
  TamStore *store; /* the window's own store, or a worker's */
  const Desk *desk;
  const char *db;
  char *failure;
} Thread;

static gpointer
thread_main (gpointer data)
{
  Thread *t = data;

  wait_for_go (t->db);
  t->failure = desk_work (t->store, t->desk);
  return NULL;
}

static void
test_every_module (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr (TamStore) worker = NULL;
  g_autoptr (TamSession) manager = NULL;
  GSubprocess *children[2] = { NULL, NULL };
  Thread threads[2];
  GThread *handles[2];
  Desk desks[N_DESKS] = { { 0 } };
  World w;
  g_autofree char *go = NULL;

  world_setup (&w, "desks", FALSE);
  manager = world_person (&w, "MGR001", "Bambang Wijaya", "MANAGER", "BANDUNG", NULL, 0);
  {
    const gint64 agents[N_DESKS] = { w.ani, w.budi, w.cici, w.dodi };
    const char *const niks[N_DESKS] = { "10000001", "10000002", "10000003", "20000001" };
    TamSession *qcos[N_DESKS] = { w.qco_b, w.qco_b2, w.qco_b, w.qco_m };
    TamSession *tls[N_DESKS] = { w.tl_b, w.tl_b, w.tl_b2, w.tl_m };

    g_assert_true (tam_store_begin (w.store, NULL));
    for (int d = 0; d < N_DESKS; d++)
      {
        desks[d].desk = d;
        desks[d].agent_id = agents[d];
        desks[d].agent_nik = g_strdup (niks[d]);
        desks[d].qco_id = qcos[d]->person_id;
        desks[d].qco_nik = g_strdup (qcos[d]->nik);
        desks[d].qco_site = g_strdup (qcos[d]->site);
        desks[d].manager_id = manager->person_id;
        desks[d].supervisor_id = w.admin->person_id;
        desks[d].tl_id = tls[d]->person_id;
        desks[d].tl_nik = g_strdup (tls[d]->nik);
        desks[d].tl_site = g_strdup (tls[d]->site);
        desks[d].tl_service = g_strdup (tls[d]->service);
        desks[d].trainer_id = w.trainer->person_id;
        desks[d].agent_site = g_strdup (d == 3 ? "MEDAN" : "BANDUNG");
        desks[d].agent_service = g_strdup (d == 2 ? "CT0_PRANPC" : "ADDON_CONSUMER");
        for (int i = 0; i < N_ROUNDS; i++)
          {
            g_autofree char *call_id = g_strdup_printf ("D%d-%04d", d, i);
            gint64 id = world_call (&w, call_id, agents[d], d == 3 ? "MEDAN" : "BANDUNG",
                                    "ADDON_CONSUMER", "2026-11-02 09:00:00", "AGREE");

            if (i == 0)
              desks[d].first_call = id;
          }
      }
    g_assert_true (tam_store_commit (w.store, NULL));
    g_assert_true (tam_queue_counts_update (w.store, NULL));
  }

  /* Two other processes. */
  for (int c = 0; c < 2; c++)
    {
      g_autofree char *text = desk_to_text (&desks[2 + c]);
      g_autofree char *ready = g_strdup_printf ("%s.ready.%d", w.path, 2 + c);

      children[c] = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_exe, "--child", w.path, text, NULL);
      g_assert_no_error (error);
      while (!g_file_test (ready, G_FILE_TEST_EXISTS))
        g_usleep (1000);
    }
  /* Two stores of this process: the window's own, and a worker's. */
  worker = tam_store_open (w.path, &error);
  g_assert_no_error (error);
  threads[0] = (Thread){ w.store, &desks[0], w.path, NULL };
  threads[1] = (Thread){ worker, &desks[1], w.path, NULL };
  for (int t = 0; t < 2; t++)
    handles[t] = g_thread_new ("desk", thread_main, &threads[t]);

  go = g_strconcat (w.path, ".go", NULL);
  g_assert_true (g_file_set_contents (go, "", 0, NULL));
  for (int t = 0; t < 2; t++)
    {
      g_thread_join (handles[t]);
      g_assert_null (threads[t].failure);
    }
  for (int c = 0; c < 2; c++)
    {
      g_assert_true (g_subprocess_wait (children[c], NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (children[c]));
      g_assert_cmpint (g_subprocess_get_exit_status (children[c]), ==, 0);
      g_object_unref (children[c]);
    }

  /* Exact counts: nothing lost, nothing doubled. */
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM coaching_records WHERE state = 'ISSUED' AND ? > 0", 1), ==,
                   N_DESKS * N_ROUNDS);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM tappings WHERE undone = 0 AND ? > 0", 1), ==,
                   N_DESKS * N_ROUNDS);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM calls WHERE state = 'PENDING' AND ? > 0", 1), ==, 0);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM kpi_inputs WHERE ? > 0", 1), ==, N_DESKS * N_ROUNDS);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM audit_log WHERE action = 'TAP' AND ? > 0", 1), ==,
                   N_DESKS * N_ROUNDS);
  world_check_state_days (&w);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM training_attempts WHERE ? > 0", 1), ==, N_DESKS * N_ROUNDS);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM training_attendance WHERE present = 1 AND ? > 0", 1), ==,
                   N_DESKS * N_ROUNDS);
  /* The latest attempt counts: the last round's score, for every desk. */
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM training_participants WHERE quiz_score = ?", 50 + N_ROUNDS - 1),
                   ==, N_DESKS);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM recovery_plans WHERE state = 'APPROVED' AND ? > 0", 1), ==,
                   N_DESKS * N_ROUNDS);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM recovery_actions WHERE ? > 0", 1), ==, N_DESKS * N_ROUNDS);
  g_assert_cmpint (world_int (&w, "SELECT count(*) FROM recovery_events WHERE ? > 0", 1), ==, 3 * N_DESKS * N_ROUNDS);

  /* Each agent's ladder climbed a step a record, from COACHING 1 up to
   * SP4 and staying there: as if the desks had taken turns. */
  for (int d = 0; d < N_DESKS; d++)
    {
      TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;
      g_autoptr (GPtrArray) records = NULL;

      filter.nik = desks[d].agent_nik;
      records = tam_coaching_list (w.store, manager, &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, N_ROUNDS);
      for (guint i = 0; i < records->len; i++)
        {
          const TamCoachingRecord *r = records->pdata[i];

          g_assert_cmpint (r->level, ==, MIN ((int) TAM_COACHING_LEVEL_COACHING1 + (int) i, TAM_COACHING_LEVEL_SP4));
        }
    }

  /* The store and the audit chain are sound. */
  g_clear_object (&worker);
  g_assert_true (tam_check (w.store, report, &error));
  g_assert_no_error (error);

  for (int d = 0; d < N_DESKS; d++)
    desk_clear (&desks[d]);
  world_teardown (&w);
}

int
main (int argc,
      char **argv)
{
  if (argc == 4 && g_strcmp0 (argv[1], "--child") == 0)
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/desks/every-module", test_every_module);
  return g_test_run ();
}
