/* test-kill.c: issue 7, a desk killed (kill -9) in the middle of its work.
 *
 * A child process (this binary, "--import", "--backup" or "--verdicts")
 * starts one operation on the database file; the parent SIGKILLs it at a
 * random moment within the operation's measured length, then opens the
 * file read-write as the next desk would and asserts:
 *   - import: the file passes tam_check; the import's calls are all
 *     there or none ("PREFIX%" count 0 or exactly N), its record in
 *     imports agrees, the queue's per-day counts match the calls; when
 *     none are there the same file imports afterwards, wholly;
 *   - backup: DEST does not exist or is a complete database that passes
 *     the check (a cut-off copy may only exist as DEST.part); the source
 *     passes the check; a new backup to DEST then succeeds;
 *   - verdicts: every verdict the child reported (it prints the tapping
 *     id after each successful decide, flushed) is stored, live, with its
 *     call in the matching state; at most one more (given, not yet
 *     printed) is stored.
 * The moments come from a fixed seed (printed; TAM_KILL_SEED=N repeats a
 * run). TAM_KILL_ROUNDS sets the rounds per kind (default 2; 1 when
 * ASAN_OPTIONS is set, where everything is ~3x slower). */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "soak-common.h"
#include "tam-check.h"

#define N_VERDICTS 300 /* verdicts of one child */
#define IMPORT_ROWS 60000

static guint32 kill_seed = 20261007;
static guint rounds = 2;
static guint import_rows = IMPORT_ROWS;

/* --- the children -------------------------------------------------- */

static void
say (const char *line)
{
  fputs (line, stdout);
  fputc ('\n', stdout);
  fflush (stdout);
}

static int
import_main (const char *db,
             const char *csv,
             const char *id_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (db, &error);
  g_autoptr (TamSession) spv = NULL;
  TamImportResult result = { 0 };
  gboolean ok;

  if (store == NULL)
    {
      g_printerr ("import child: %s\n", error->message);
      return 1;
    }
  spv = tam_session_new (g_ascii_strtoll (id_text, NULL, 10), "SPV001", "SPV001", "SUPERVISOR_OPS",
                         "BANDUNG", NULL);
  say ("START");
  ok = tam_import_file (store, spv, TAM_IMPORT_CALLS, csv, NULL, NULL, NULL, NULL, &result, &error);
  tam_import_result_clear (&result);
  if (!ok)
    {
      g_printerr ("import child: %s\n", error->message);
      return 1;
    }
  say ("DONE");
  return 0;
}

static int
backup_main (const char *db,
             const char *dest)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open_read_only (db, &error);

  if (store == NULL)
    {
      g_printerr ("backup child: %s\n", error->message);
      return 1;
    }
  say ("START");
  if (!tam_store_backup (store, dest, NULL, NULL, NULL, &error))
    {
      g_printerr ("backup child: %s\n", error->message);
      return 1;
    }
  say ("DONE");
  return 0;
}

static int
verdicts_main (const char *db,
               const char *id_text,
               const char *nik)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (db, &error);
  g_autoptr (TamSession) qco = NULL;
  g_autoptr (TamQueueFilter) filter = tam_queue_filter_new ();
  g_autoptr (GPtrArray) calls = NULL;

  if (store == NULL)
    {
      g_printerr ("verdicts child: %s\n", error->message);
      return 1;
    }
  qco = tam_session_new (g_ascii_strtoll (id_text, NULL, 10), nik, nik, "QCO", "BANDUNG", NULL);
  filter->state = g_strdup ("PENDING");
  calls = tam_queue_fetch (store, qco, filter, 0, N_VERDICTS, &error);
  if (calls == NULL || calls->len != N_VERDICTS)
    {
      g_printerr ("verdicts child: queue: %s\n", error ? error->message : "too short");
      return 1;
    }
  say ("START");
  for (guint i = 0; i < calls->len; i++)
    {
      TamCall *call = calls->pdata[i];
      gboolean valid = call->id % 2 == 0;
      gint64 tapping_id = 0;

      if (!tam_call_decide (store, qco, call->id, valid ? "VALID" : "RETURN",
                            valid ? NULL : soak_return_codes (call->service),
                            valid ? NULL : "Minta persetujuan ulang", &tapping_id, &error))
        {
          g_printerr ("verdicts child: %s: %s\n", call->call_id, error->message);
          return 1;
        }
      g_print ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s\n", tapping_id, call->id,
               valid ? "VALID" : "RETURN");
      fflush (stdout);
    }
  say ("DONE");
  return 0;
}

/* --- the parent ---------------------------------------------------- */

typedef struct
{
  World w;
  GRand *rand;
} Fixture;

typedef struct
{
  gboolean killed;  /* died of SIGKILL (else it finished) */
  gboolean done;    /* printed DONE: the operation returned TRUE */
  double op_s;      /* START to the end of its output */
  GPtrArray *lines; /* char*: what it printed between START and DONE */
} Run;

static void
run_clear (Run *r)
{
  g_clear_pointer (&r->lines, g_ptr_array_unref);
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  world_setup (&f->w, "kill", FALSE);
  f->rand = g_rand_new_with_seed (kill_seed + GPOINTER_TO_UINT (data));
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  g_rand_free (f->rand);
  world_teardown (&f->w);
}

/* Runs a child; once it says START, waits @delay_s (< 0: no kill) and
 * SIGKILLs it. The parent holds no store meanwhile: it is the next desk. */
static void
run_child (Fixture *f,
           const char *const *args,
           double delay_s,
           Run *r)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) p = NULL;
  g_autoptr (GDataInputStream) in = NULL;
  char *line;
  gint64 start = 0;
  gboolean started = FALSE;

  g_clear_object (&f->w.store);
  memset (r, 0, sizeof *r);
  r->lines = g_ptr_array_new_with_free_func (g_free);
  p = soak_spawn (NULL, args);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p));
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) != NULL)
    {
      if (!started && g_str_equal (line, "START"))
        {
          started = TRUE;
          start = g_get_monotonic_time ();
          if (delay_s >= 0)
            {
              g_usleep ((gulong) (delay_s * G_USEC_PER_SEC));
              g_subprocess_send_signal (p, SIGKILL);
            }
        }
      else if (started && g_str_equal (line, "DONE"))
        r->done = TRUE;
      else if (started && !r->done)
        {
          g_ptr_array_add (r->lines, line);
          continue;
        }
      g_free (line);
    }
  g_assert_no_error (error);
  r->op_s = soak_ms_since (start) / 1000.0;
  g_assert_true (g_subprocess_wait (p, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (started);
  r->killed = g_subprocess_get_if_signaled (p) && g_subprocess_get_term_sig (p) == SIGKILL;
  if (!r->killed)
    {
      g_assert_true (g_subprocess_get_if_exited (p));
      g_assert_cmpint (g_subprocess_get_exit_status (p), ==, 0);
      g_assert_true (r->done);
    }
}

/* As the next desk: open read-write, which must work and pass the check. */
static void
next_desk (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) report = g_string_new (NULL);

  g_clear_object (&f->w.store);
  f->w.store = tam_store_open (f->w.path, &error);
  g_assert_no_error (error);
  if (!tam_check (f->w.store, report, &error))
    g_printerr ("%s", report->str);
  g_assert_no_error (error);
}

/* A moment within the operation's measured length. */
static double
kill_delay (Fixture *f,
            double op_s)
{
  return g_rand_double_range (f->rand, 0.0, op_s);
}

static gint64
count_prefix (Fixture *f,
              const char *prefix)
{
  g_autofree char *like = g_strconcat (prefix, "%", NULL);
  sqlite3_stmt *stmt = tam_store_prepare (f->w.store, "SELECT count(*) FROM calls WHERE call_id LIKE ?", NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, like, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gint64
count_import_records (Fixture *f,
                      const char *file_name)
{
  sqlite3_stmt *stmt = tam_store_prepare (f->w.store, "SELECT count(*) FROM imports WHERE file_name = ?", NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static char *
write_csv (Fixture *f,
           const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("%scalls.csv", prefix);
  char *path = g_build_filename (f->w.dir, name, NULL);

  g_assert_true (soak_write_calls_csv (path, prefix, import_rows, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_import (Fixture *f,
             gconstpointer data)
{
  g_autofree char *admin_id = g_strdup_printf ("%" G_GINT64_FORMAT, f->w.admin->person_id);
  g_autofree char *cal_csv = write_csv (f, "CAL-");
  Run r;
  double op_s;
  guint none = 0, all = 0;

  /* Uninterrupted, to know how long it takes. */
  run_child (f, (const char *[]){ "--import", f->w.path, cal_csv, admin_id, NULL }, -1, &r);
  op_s = r.op_s;
  run_clear (&r);
  next_desk (f);
  g_assert_cmpint (count_prefix (f, "CAL-"), ==, import_rows);
  g_print ("kill: import of %u rows takes %.2f s uninterrupted\n", import_rows, op_s);

  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *prefix = g_strdup_printf ("K%u-", i);
      g_autofree char *csv = write_csv (f, prefix);
      g_autofree char *base = g_path_get_basename (csv);
      double delay = kill_delay (f, op_s);
      gint64 n;

      run_child (f, (const char *[]){ "--import", f->w.path, csv, admin_id, NULL }, delay, &r);
      next_desk (f);
      n = count_prefix (f, prefix);
      g_print ("kill: import round %u: SIGKILL after %.3f s: %s; %" G_GINT64_FORMAT " of %u calls stored\n",
               i, delay, r.killed ? "killed" : "had finished", n, import_rows);
      /* All or nothing, and nothing while it had not said it finished. */
      g_assert_true (n == 0 || n == import_rows);
      if (r.done)
        g_assert_cmpint (n, ==, import_rows);
      g_assert_cmpint (count_import_records (f, base), ==, n > 0 ? 1 : 0);
      world_check_state_days (&f->w);
      run_clear (&r);

      if (n == 0)
        {
          /* The next desk imports the same file: nothing left over stops it. */
          TamImportResult result = { 0 };

          none++;
          g_assert_true (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_CALLS, csv, NULL, NULL, NULL,
                                          NULL, &result, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (result.inserted, ==, import_rows);
          tam_import_result_clear (&result);
          g_assert_cmpint (count_prefix (f, prefix), ==, import_rows);
          g_assert_cmpint (count_import_records (f, base), ==, 1);
          world_check_state_days (&f->w);
        }
      else
        all++;
    }
  g_print ("kill: import: %u rounds found nothing, %u found everything\n", none, all);
}

static void
test_backup (Fixture *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = write_csv (f, "B-");
  g_autofree char *cal = g_build_filename (f->w.dir, "calibrate.db", NULL);
  TamImportResult result = { 0 };
  gint64 calls;
  Run r;
  double op_s;
  guint absent = 0, complete = 0;

  /* Something to copy: the seeded calls and an import. */
  soak_seed_calls (&f->w, "B-Q-", 2000);
  g_assert_true (tam_import_file (f->w.store, f->w.admin, TAM_IMPORT_CALLS, csv, NULL, NULL, NULL, NULL,
                                  &result, &error));
  g_assert_no_error (error);
  tam_import_result_clear (&result);
  calls = tam_store_query_int (f->w.store, "SELECT count(*) FROM calls", -1, NULL);

  run_child (f, (const char *[]){ "--backup", f->w.path, cal, NULL }, -1, &r);
  op_s = r.op_s;
  run_clear (&r);
  soak_unlink_db (cal);
  g_print ("kill: backup of %" G_GINT64_FORMAT " calls takes %.3f s uninterrupted\n", calls, op_s);

  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *name = g_strdup_printf ("backup-%u.db", i);
      g_autofree char *dest = g_build_filename (f->w.dir, name, NULL);
      g_autofree char *part = g_strconcat (dest, ".part", NULL);
      double delay = kill_delay (f, op_s);
      gboolean exists;

      run_child (f, (const char *[]){ "--backup", f->w.path, dest, NULL }, delay, &r);
      exists = g_file_test (dest, G_FILE_TEST_EXISTS);
      g_print ("kill: backup round %u: SIGKILL after %.3f s: %s; DEST %s, DEST.part %s\n", i, delay,
               r.killed ? "killed" : "had finished", exists ? "exists" : "absent",
               g_file_test (part, G_FILE_TEST_EXISTS) ? "exists" : "absent");
      if (r.done)
        g_assert_true (exists);
      if (exists)
        {
          /* Under the real name only a complete copy. */
          g_autoptr (GString) report = g_string_new (NULL);
          g_autoptr (TamStore) copy = tam_store_open_read_only (dest, &error);

          g_assert_no_error (error);
          if (!tam_check (copy, report, &error))
            g_printerr ("%s", report->str);
          g_assert_no_error (error);
          g_assert_cmpint (tam_store_query_int (copy, "SELECT count(*) FROM calls", -1, NULL), ==, calls);
          complete++;
        }
      else
        absent++;
      run_clear (&r);

      /* The source is sound, and the next backup to DEST works whatever
       * the killed one left next to it. */
      next_desk (f);
      g_assert_cmpint (tam_store_query_int (f->w.store, "SELECT count(*) FROM calls", -1, NULL), ==, calls);
      soak_unlink_db (dest);
      g_assert_true (tam_store_backup (f->w.store, dest, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
      {
        g_autoptr (GString) report = g_string_new (NULL);
        g_autoptr (TamStore) copy = tam_store_open_read_only (dest, &error);

        g_assert_no_error (error);
        g_assert_true (tam_check (copy, report, &error));
        g_assert_cmpint (tam_store_query_int (copy, "SELECT count(*) FROM calls", -1, NULL), ==, calls);
      }
      soak_unlink_db (dest);
      soak_unlink_db (part);
    }
  g_print ("kill: backup: DEST absent after %u rounds, complete after %u\n", absent, complete);
}

static void
test_verdicts (Fixture *f,
               gconstpointer data)
{
  g_autofree char *qco_id = g_strdup_printf ("%" G_GINT64_FORMAT, f->w.qco_b->person_id);
  Run r;
  double op_s;

  /* Enough for the measuring run and every round. */
  soak_seed_calls (&f->w, "V-", N_VERDICTS * (rounds + 1));
  run_child (f, (const char *[]){ "--verdicts", f->w.path, qco_id, f->w.qco_b->nik, NULL }, -1, &r);
  op_s = r.op_s;
  g_assert_cmpuint (r.lines->len, ==, N_VERDICTS);
  run_clear (&r);
  next_desk (f);
  g_print ("kill: %u verdicts take %.3f s uninterrupted\n", N_VERDICTS, op_s);

  for (guint i = 0; i < rounds; i++)
    {
      gint64 before = tam_store_query_int (f->w.store, "SELECT count(*) FROM tappings", -1, NULL);
      double delay = kill_delay (f, op_s);
      gint64 after;

      run_child (f, (const char *[]){ "--verdicts", f->w.path, qco_id, f->w.qco_b->nik, NULL }, delay, &r);
      next_desk (f);
      after = tam_store_query_int (f->w.store, "SELECT count(*) FROM tappings", -1, NULL);
      g_print ("kill: verdicts round %u: SIGKILL after %.3f s: %s; %u reported, %" G_GINT64_FORMAT " stored\n",
               i, delay, r.killed ? "killed" : "had finished", r.lines->len, after - before);
      for (guint k = 0; k < r.lines->len; k++)
        {
          gint64 tapping = 0, call = 0;
          char verdict[8] = "";
          g_autofree char *state = NULL;

          g_assert_cmpint (sscanf (r.lines->pdata[k], "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %7s",
                                   &tapping, &call, verdict),
                           ==, 3);
          g_assert_cmpint (world_int (&f->w, "SELECT call_id FROM tappings WHERE id = ?", tapping), ==, call);
          g_assert_cmpint (world_int (&f->w, "SELECT undone FROM tappings WHERE id = ?", tapping), ==, 0);
          g_assert_cmpint (world_int (&f->w, "SELECT qco_id FROM tappings WHERE id = ?", tapping), ==,
                           f->w.qco_b->person_id);
          state = world_text (&f->w, "SELECT state FROM calls WHERE id = ?", call);
          g_assert_cmpstr (state, ==, g_str_equal (verdict, "VALID") ? "VALID" : "RETURNED");
        }
      /* Each reported verdict once; at most one given but not printed. */
      g_assert_cmpint (after - before, >=, (gint64) r.lines->len);
      g_assert_cmpint (after - before, <=, (gint64) r.lines->len + 1);
      if (!r.killed)
        g_assert_cmpint (after - before, ==, N_VERDICTS);
      g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM (SELECT call_id FROM tappings WHERE undone = ?"
                                         " GROUP BY call_id HAVING count(*) > 1)",
                                  0),
                       ==, 0);
      world_check_state_days (&f->w);
      run_clear (&r);
    }
}

int
main (int argc,
      char **argv)
{
  const char *env;

  if (argc == 5 && g_strcmp0 (argv[1], "--import") == 0)
    return import_main (argv[2], argv[3], argv[4]);
  if (argc == 4 && g_strcmp0 (argv[1], "--backup") == 0)
    return backup_main (argv[2], argv[3]);
  if (argc == 5 && g_strcmp0 (argv[1], "--verdicts") == 0)
    return verdicts_main (argv[2], argv[3], argv[4]);

  g_test_init (&argc, &argv, NULL);
  if ((env = g_getenv ("TAM_KILL_SEED")) != NULL)
    kill_seed = (guint32) g_ascii_strtoull (env, NULL, 10);
  if (g_getenv ("ASAN_OPTIONS") != NULL)
    rounds = 1;
  if ((env = g_getenv ("TAM_KILL_ROUNDS")) != NULL)
    rounds = (guint) g_ascii_strtoull (env, NULL, 10);
  g_print ("kill: seed %u (TAM_KILL_SEED=%u repeats this run), %u rounds of each kind\n",
           kill_seed, kill_seed, rounds);

  g_test_add ("/kill/import", Fixture, GUINT_TO_POINTER (1), fixture_setup, test_import, fixture_teardown);
  g_test_add ("/kill/backup", Fixture, GUINT_TO_POINTER (2), fixture_setup, test_backup, fixture_teardown);
  g_test_add ("/kill/verdicts", Fixture, GUINT_TO_POINTER (3), fixture_setup, test_verdicts, fixture_teardown);

  return g_test_run ();
}
