/* Two QCOs in two processes decide the same 200 calls of one database file
 * at the same time. Afterwards every call has exactly one (non-undone)
 * tapping, the successes of both add up to the number of calls, each
 * process's successes are exactly its stored tappings, and the audit
 * chain is intact: no verdict lost or doubled.
 *
 * The test binary is its own child: "test-race --child DB MODE ID NIK". */
#include "config.h"

#include <gio/gio.h>

#include "tam-audit.h"
#include "tam-check.h"
#include "tam-tapping.h"
#include "tapping-world.h"

#define N_CALLS 200

static const char *const consent[] = { "CONSENT", NULL };

/* The child: walks the calls in queue order and tries each one.
 * MODE "claim": claim first, decide only what it holds; "direct": decide
 * straight away and let the verdict's own checks refuse. */
static int
child_main (const char *db,
            const char *mode,
            const char *id_text,
            const char *nik)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (db, &error);
  g_autoptr (TamSession) qco = NULL;
  g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
  g_autoptr (GPtrArray) calls = NULL;
  g_autofree char *go = g_strconcat (db, ".go", NULL);
  gboolean claim = g_strcmp0 (mode, "claim") == 0;
  guint successes = 0, conflicts = 0;

  if (store == NULL)
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  qco = tam_session_new (g_ascii_strtoll (id_text, NULL, 10), nik, nik, "QCO", "BANDUNG", NULL);
  filter->state = g_strdup ("PENDING");
  calls = tam_queue_fetch (store, qco, filter, 0, N_CALLS * 2, &error);
  if (calls == NULL || calls->len != N_CALLS)
    {
      g_printerr ("child: queue: %s (%u)\n", error ? error->message : "wrong length", calls ? calls->len : 0);
      return 1;
    }

  /* Say we are ready, then start together. */
  {
    g_autofree char *ready = g_strconcat (db, ".ready.", nik, NULL);
    if (!g_file_set_contents (ready, "", 0, NULL))
      return 1;
  }
  while (!g_file_test (go, G_FILE_TEST_EXISTS))
    g_usleep (500);

  for (guint i = 0; i < calls->len; i++)
    {
      TamCall *call = calls->pdata[i];
      gboolean valid = call->id % 2 == 0;

      if (claim && !tam_call_claim (store, qco, call->id, &error))
        {
          if (!g_error_matches (error, TAM_ERROR, TAM_ERROR_CONFLICT))
            {
              g_printerr ("child: claim %s: %s\n", call->call_id, error->message);
              return 1;
            }
          conflicts++;
          g_clear_error (&error);
          continue;
        }
      if (tam_call_decide (store, qco, call->id, valid ? "VALID" : "RETURN",
                           valid ? NULL : consent, valid ? NULL : "Ask for consent", NULL, &error))
        successes++;
      else if (g_error_matches (error, TAM_ERROR, TAM_ERROR_CONFLICT))
        {
          conflicts++;
          g_clear_error (&error);
        }
      else
        {
          g_printerr ("child: decide %s: %s\n", call->call_id, error->message);
          return 1;
        }
    }
  g_print ("%u %u\n", successes, conflicts);
  return 0;
}

typedef struct
{
  World w;
  char *self_exe;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  world_setup (&f->w, "race", FALSE);
  f->self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_assert_nonnull (f->self_exe);
  g_assert_true (tam_store_begin (f->w.store, NULL));
  for (int i = 0; i < N_CALLS; i++)
    {
      char id[32], start[32];

      g_snprintf (id, sizeof id, "R-%04d", i);
      g_snprintf (start, sizeof start, "2026-10-%02d %02d:%02d:00", 1 + i / 60, 8 + (i / 6) % 9, i % 60);
      world_call (&f->w, id, i % 2 ? f->w.ani : f->w.budi, "BANDUNG", "ADDON_CONSUMER", start, "AGREE");
    }
  g_assert_true (tam_store_commit (f->w.store, NULL));
  /* The queue's per-day counts now include them: both children move them. */
  g_assert_true (tam_queue_counts_update (f->w.store, NULL));
  g_assert_cmpint (world_int (&f->w, "SELECT sum (n) FROM call_state_days WHERE state = 'PENDING' AND ? > 0", 1),
                   ==, N_CALLS);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  g_free (f->self_exe);
  world_teardown (&f->w);
}

static GSubprocess *
spawn_child (Fixture *f,
             const char *mode,
             TamSession *qco)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, qco->person_id);
  GSubprocess *p = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     f->self_exe, "--child", f->w.path, mode, id, qco->nik, NULL);

  g_assert_no_error (error);
  return p;
}

static guint
child_successes (GSubprocess *p,
                 guint *conflicts)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  guint successes = 0;

  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
  g_assert_cmpint (sscanf (out, "%u %u", &successes, conflicts), ==, 2);
  return successes;
}

static void
run_race (Fixture *f,
          const char *mode_a,
          const char *mode_b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) a = spawn_child (f, mode_a, f->w.qco_b);
  g_autoptr (GSubprocess) b = spawn_child (f, mode_b, f->w.qco_b2);
  g_autofree char *go = g_strconcat (f->w.path, ".go", NULL);
  g_autoptr (GString) report = g_string_new (NULL);
  guint sa, sb, ca = 0, cb = 0;

  for (TamSession **q = (TamSession *[]){ f->w.qco_b, f->w.qco_b2, NULL }; *q; q++)
    {
      g_autofree char *ready = g_strconcat (f->w.path, ".ready.", (*q)->nik, NULL);
      while (!g_file_test (ready, G_FILE_TEST_EXISTS))
        g_usleep (1000);
    }
  g_assert_true (g_file_set_contents (go, "", 0, NULL));
  sa = child_successes (a, &ca);
  sb = child_successes (b, &cb);
  g_test_message ("%s: %u decided, %u refused; %s: %u decided, %u refused",
                  mode_a, sa, ca, mode_b, sb, cb);

  /* Each call decided exactly once, by whoever got there first. */
  g_assert_cmpuint (sa + sb, ==, N_CALLS);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE undone = 0 AND ? > 0", 1), ==, N_CALLS);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM calls c WHERE c.state IS NOT NULL AND"
                                     " (SELECT count(*) FROM tappings t WHERE t.call_id = c.id AND t.undone = 0) <> ?",
                              1),
                   ==, 0);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM calls WHERE state IN ('PENDING','RECALLED')"
                                     " OR attempts <> ? OR claimed_by IS NOT NULL",
                              1),
                   ==, 0);
  /* Nobody's success was lost: each process's count is its rows. */
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE qco_id = ?", f->w.qco_b->person_id), ==, sa);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE qco_id = ?", f->w.qco_b2->person_id), ==, sb);
  /* The verdict stored is the one asked for. */
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM calls c JOIN tappings t ON t.call_id = c.id"
                                     " WHERE c.state <> CASE WHEN c.id % 2 = 0 THEN 'VALID' ELSE 'RETURNED' END"
                                     " OR t.verdict <> CASE WHEN c.id % 2 = 0 THEN 'VALID' ELSE 'RETURN' END"
                                     " AND ? > 0",
                              1),
                   ==, 0);
  world_check_state_days (&f->w);
  /* One audit row per verdict, and the chain holds. */
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM audit_log WHERE action = 'TAP' AND ? > 0", 1), ==, N_CALLS);
  g_assert_true (tam_check (f->w.store, report, &error));
  g_assert_no_error (error);
}

static void
test_direct_both (Fixture *f,
                  gconstpointer data)
{
  run_race (f, "direct", "direct");
}

static void
test_claim_vs_direct (Fixture *f,
                      gconstpointer data)
{
  run_race (f, "claim", "direct");
}

static void
test_claim_both (Fixture *f,
                 gconstpointer data)
{
  run_race (f, "claim", "claim");
}

/* "--check DB": what `tamctl check` did (it opened the file read-write;
 * any desk that writes and exits does the same), then exits, closing its
 * connection: that is when SQLite deletes a WAL it believes unused. */
static int
check_main (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (db, &error);
  g_autoptr (GString) report = g_string_new (NULL);

  if (store == NULL || !tam_check (store, report, &error))
    {
      g_printerr ("check: %s\n", error->message);
      return 1;
    }
  return 0;
}

/* "--decide DB CALL PERSON NIK": one VALID, prints the tapping id. */
static int
decide_main (const char *db,
             const char *call_text,
             const char *id_text,
             const char *nik)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (db, &error);
  g_autoptr (TamSession) qco = NULL;
  gint64 tapping_id = 0;

  if (store == NULL)
    {
      g_printerr ("decide: %s\n", error->message);
      return 1;
    }
  qco = tam_session_new (g_ascii_strtoll (id_text, NULL, 10), nik, nik, "QCO", "BANDUNG", NULL);
  if (!tam_call_decide (store, qco, g_ascii_strtoll (call_text, NULL, 10), "VALID", NULL, NULL,
                        &tapping_id, &error))
    {
      g_printerr ("decide: %s\n", error->message);
      return 1;
    }
  g_print ("%" G_GINT64_FORMAT "\n", tapping_id);
  return 0;
}

static char *
run_child (Fixture *f,
           const char *const *args)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocess) p = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, f->self_exe);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  p = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (p, NULL, NULL, &out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p));
  g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
  return out;
}

static gint64
call_id_of (World *w,
            const char *call_id)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (tam_store_get_db (w->store), "SELECT id FROM calls WHERE call_id = ?",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Issue 7, finding 1, as the users had it: the window holds two stores
 * on the file (the page's and its workers'), `tamctl check` runs and
 * exits in a terminal, then the window and `tamctl tap` both give a
 * verdict. Opening the second store once closed a descriptor of its own
 * on the file, which dropped the first store's locks; the check then
 * believed nobody used the WAL and deleted it, the window went on
 * writing to the deleted file, both verdicts got the same tapping id and
 * the window's were lost. */
static void
test_two_stores_and_a_process (Fixture *f,
                               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) worker = NULL;
  g_autoptr (TamStore) fresh = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *wal = g_strconcat (f->w.path, "-wal", NULL);
  g_autofree char *check_out = NULL;
  g_autofree char *decide_out = NULL;
  g_autofree char *call_b = NULL;
  g_autofree char *person = g_strdup_printf ("%" G_GINT64_FORMAT, f->w.qco_b2->person_id);
  gint64 t_window = 0, t_worker = 0, t_other;
  gint64 c_window = call_id_of (&f->w, "R-0001");
  gint64 c_worker = call_id_of (&f->w, "R-0002");
  gint64 c_other = call_id_of (&f->w, "R-0003");

  /* The window's first store has read the file; the second opens. */
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM calls WHERE ? > 0", 1), ==, N_CALLS);
  worker = tam_store_open (f->w.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_store_query_int (worker, "SELECT count(*) FROM calls", 0, NULL), ==, N_CALLS);

  /* A terminal runs the check, which exits. The WAL is still in use. */
  check_out = run_child (f, (const char *[]){ "--check", f->w.path, NULL });
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Three verdicts: each store of the window, and another process. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, c_window, "VALID", NULL, NULL, &t_window, &error));
  g_assert_no_error (error);
  g_assert_true (tam_call_decide (worker, f->w.qco_b, c_worker, "VALID", NULL, NULL, &t_worker, &error));
  g_assert_no_error (error);
  call_b = g_strdup_printf ("%" G_GINT64_FORMAT, c_other);
  decide_out = run_child (f, (const char *[]){ "--decide", f->w.path, call_b, person, f->w.qco_b2->nik, NULL });
  t_other = g_ascii_strtoll (decide_out, NULL, 10);
  g_assert_cmpint (t_other, >, 0);
  g_assert_cmpint (t_window, !=, t_other);
  g_assert_cmpint (t_worker, !=, t_other);
  g_assert_cmpint (t_window, !=, t_worker);

  /* Every desk sees all three at once, not after the window quits. */
  g_assert_cmpint (tam_store_query_int (worker, "SELECT count(*) FROM tappings", 0, NULL), ==, 3);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE ? > 0", 1), ==, 3);

  /* The window quits; what is on disk holds all three and is sound. */
  g_clear_object (&worker);
  g_clear_object (&f->w.store);
  fresh = tam_store_open (f->w.path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_store_query_int (fresh, "SELECT count(*) FROM tappings", 0, NULL), ==, 3);
  g_assert_cmpint (tam_store_query_int (fresh, "SELECT count(*) FROM calls WHERE state = 'VALID'"
                                               " AND id IN (SELECT call_id FROM tappings)",
                                        0, NULL),
                   ==, 3);
  g_assert_true (tam_check (fresh, report, &error));
  g_assert_no_error (error);
  f->w.store = g_steal_pointer (&fresh);
}

int
main (int argc,
      char **argv)
{
  if (argc == 6 && g_strcmp0 (argv[1], "--child") == 0)
    return child_main (argv[2], argv[3], argv[4], argv[5]);
  if (argc == 3 && g_strcmp0 (argv[1], "--check") == 0)
    return check_main (argv[2]);
  if (argc == 6 && g_strcmp0 (argv[1], "--decide") == 0)
    return decide_main (argv[2], argv[3], argv[4], argv[5]);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/race/direct-both", Fixture, NULL, fixture_setup, test_direct_both, fixture_teardown);
  g_test_add ("/race/claim-vs-direct", Fixture, NULL, fixture_setup, test_claim_vs_direct, fixture_teardown);
  g_test_add ("/race/claim-both", Fixture, NULL, fixture_setup, test_claim_both, fixture_teardown);
  g_test_add ("/race/two-stores-and-a-process", Fixture, NULL, fixture_setup,
              test_two_stores_and_a_process, fixture_teardown);

  return g_test_run ();
}
