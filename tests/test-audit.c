/* test-audit.c: issue 13's five tamperings of the audit trail, each of
 * which `check` passed before: a deleted tail, a deleted middle, an
 * edited row, a re-hashed chain, and verdicts or calls changed around the
 * desk (an erased verdict, a call set VALID by hand, a tapping inserted by
 * hand). Each is made here as a script with the database would make it. */
#include "config.h"

#include <string.h>
#include <time.h>
#include <utime.h>

#include "tam-audit.h"
#include "tam-check.h"
#include "tapping-world.h"

typedef struct
{
  World w;
  gint64 c1, c2, c3;
} Fixture;

static void
exec (Fixture *f,
      const char *sql)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (tam_store_exec (f->w.store, sql, &error));
  g_assert_no_error (error);
}

/* Three calls: one VALID, one RETURNED and re-called, one VALID undone. */
static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *const failed[] = { "CONSENT", NULL };
  gint64 tid = 0;

  world_setup (&f->w, "tam-audit-XXXXXX", FALSE);
  f->c1 = world_call (&f->w, "A-1", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-02 09:00:00", "AGREE");
  f->c2 = world_call (&f->w, "A-2", f->w.budi, "BANDUNG", "ADDON_CONSUMER", "2026-11-02 09:10:00", "AGREE");
  f->c3 = world_call (&f->w, "A-3", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-02 09:20:00", "AGREE");
  world_call (&f->w, "A-4", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-02 09:30:00", "DECLINE");
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->c1, "VALID", NULL, "", NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->c2, "RETURN", failed, "Ulangi", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->c2, "vr/A-2-recall.wav", "", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->c3, "VALID", NULL, "", &tid, &error));
  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, tid, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  world_teardown (&f->w);
}

/* Runs the check on a fresh connection (as `tamctl check` would) and
 * returns its report, asserting whether it passed. */
static char *
check (Fixture *f,
       gboolean expect_ok)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  g_autoptr (TamStore) store = tam_store_open_read_only (f->w.path, &error);
  gboolean ok;

  g_assert_no_error (error);
  ok = tam_check (store, report, &error);
  if (expect_ok)
    {
      if (!ok)
        g_printerr ("%s", report->str);
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, TAM_ERROR, TAM_ERROR_CORRUPT);
    }
  return g_string_free (g_steal_pointer (&report), FALSE);
}

static void
assert_contains (const char *report,
                 const char *needle)
{
  if (strstr (report, needle) == NULL)
    g_error ("the report lacks “%s”:\n%s", needle, report);
}

static void
test_untouched (Fixture *f,
                gconstpointer data)
{
  g_autofree char *report = check (f, TRUE);
  g_autofree char *key = g_strconcat (f->w.path, ".key", NULL);
  g_autofree char *checkpoint = g_strconcat (f->w.path, ".checkpoint", NULL);
  GStatBuf st;

  assert_contains (report, ", 0 broken");
  /* The key is the owner's alone; the checkpoint names the last row. */
  g_assert_cmpint (g_stat (key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, ==, 32);
  g_assert_true (g_file_test (checkpoint, G_FILE_TEST_IS_REGULAR));
}

static void
test_deleted_tail (Fixture *f,
                   gconstpointer data)
{
  g_autofree char *report = NULL;

  exec (f, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > (SELECT max (id) - 2 FROM audit_log)");
  report = check (f, FALSE);
  assert_contains (report, "the last 2 rows were deleted");
}

static void
test_deleted_middle (Fixture *f,
                     gconstpointer data)
{
  g_autofree char *report = NULL;

  exec (f, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3");
  report = check (f, FALSE);
  assert_contains (report, "rows 3 to 3 were deleted");
}

static void
test_edited_row (Fixture *f,
                 gconstpointer data)
{
  g_autofree char *report = NULL;

  exec (f, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_nik = 'SPV001' WHERE id = 2");
  report = check (f, FALSE);
  assert_contains (report, "row 2 does not match its hash chain");
}

/* The attacker of the issue: rewrite a row's actor, then re-hash the
 * whole chain with SHA-256 as the schema's comment describes. */
static char *
sha_row (const char *prev,
         const char *const *c)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *fields[] = { prev, c[0], c[1], c[2], c[3], c[4], c[5], c[6] };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *len = fields[i] ? g_strdup_printf ("%zu:", strlen (fields[i])) : g_strdup ("N;");

      g_checksum_update (sum, (const guchar *) len, -1);
      if (fields[i] != NULL)
        g_checksum_update (sum, (const guchar *) fields[i], -1);
    }
  return g_strdup (g_checksum_get_string (sum));
}

/* A row of 8 columns, some NULL (g_strfreev would stop at the first). */
static void
free_row (gpointer data)
{
  char **row = data;

  for (int i = 0; i < 8; i++)
    g_free (row[i]);
  g_free (row);
}

static void
test_rehashed_chain (Fixture *f,
                     gconstpointer data)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  g_autofree char *prev = g_strdup ("0000000000000000000000000000000000000000000000000000000000000000");
  g_autofree char *report = NULL;
  sqlite3_stmt *stmt;

  exec (f, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_nik = 'SPV001' WHERE id = 2");
  stmt = tam_store_prepare (f->w.store,
                            "SELECT id, at, actor_nik, action, entity, entity_id, before, after FROM audit_log ORDER BY id",
                            NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 9);
      for (int i = 0; i < 8; i++)
        row[i] = tam_stmt_dup_text (stmt, i);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autofree char *hash = sha_row (prev, (const char *const *) row + 1);
      sqlite3_stmt *up = tam_store_prepare (f->w.store, "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", NULL);

      sqlite3_bind_text (up, 1, prev, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (up, 2, hash, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (up, 3, row[0], -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (up), ==, SQLITE_DONE);
      sqlite3_reset (up);
      g_free (prev);
      prev = g_steal_pointer (&hash);
    }
  report = check (f, FALSE);
  assert_contains (report, "does not match its hash chain");
  assert_contains (report, "is not the one the checkpoint signed");

  /* Nor does pretending the log was never keyed help: the checkpoint
   * names where the keyed part starts, */
  exec (f, "DELETE FROM settings WHERE key = 'audit_keyed_from'");
  g_free (report);
  report = check (f, FALSE);
  assert_contains (report, "the keyed part of the log should start at row 1");
  /* and without the checkpoint, rows newer than the key are unkeyed. */
  {
    g_autofree char *checkpoint = g_strconcat (f->w.path, ".checkpoint", NULL);
    g_autofree char *key = g_strconcat (f->w.path, ".key", NULL);
    struct utimbuf an_hour_ago = { time (NULL) - 3600, time (NULL) - 3600 };

    g_assert_cmpint (g_unlink (checkpoint), ==, 0);
    g_assert_cmpint (g_utime (key, &an_hour_ago), ==, 0);
    g_free (report);
    report = check (f, FALSE);
    assert_contains (report, "18 rows written after the key was made");
  }
  /* Moving the start of the keyed part needs the key too. */
  exec (f, "INSERT INTO settings (key, value) VALUES ('audit_keyed_from', '19 0000')");
  g_free (report);
  report = check (f, FALSE);
  assert_contains (report, "is not signed with this database's key");
}

/* Erase A-1's VALID: delete its tapping and its audit row, set the call
 * back to PENDING. */
static void
test_erased_verdict (Fixture *f,
                     gconstpointer data)
{
  g_autofree char *report = NULL;

  exec (f, "DROP TRIGGER audit_log_no_delete;"
           "DELETE FROM audit_log WHERE action = 'TAP' AND entity_id = 'A-1';"
           "DELETE FROM tappings WHERE call_id = (SELECT id FROM calls WHERE call_id = 'A-1');"
           "UPDATE calls SET state = 'PENDING', attempts = 0, first_verdict = NULL WHERE call_id = 'A-1'");
  report = check (f, FALSE);
  assert_contains (report, "were deleted");
}

static void
test_calls_changed_by_hand (Fixture *f,
                            gconstpointer data)
{
  g_autofree char *report = NULL;

  /* A call never tapped, made VALID; a RECALLED one made VALID. */
  world_call (&f->w, "A-5", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-11-02 09:40:00", "AGREE");
  exec (f, "UPDATE calls SET state = 'VALID', attempts = 1, first_verdict = 'VALID' WHERE call_id = 'A-5';"
           "UPDATE calls SET state = 'VALID' WHERE call_id = 'A-2'");
  report = check (f, FALSE);
  assert_contains (report, "a call changed outside the desk: A-5 is VALID/1");
  assert_contains (report, "a call changed outside the desk: A-2 is VALID/1, its audit log says RECALLED/1");
}

static void
test_tapping_inserted_by_hand (Fixture *f,
                               gconstpointer data)
{
  g_autofree char *report = NULL;

  exec (f, "INSERT INTO tappings (call_id, attempt, qco_id, tapped_at, verdict, recommendation)"
           " SELECT id, 2, (SELECT id FROM people WHERE nik = 'QCB001'), '2026-11-03 10:00:00', 'VALID', ''"
           " FROM calls WHERE call_id = 'A-1'");
  report = check (f, FALSE);
  assert_contains (report, "a verdict without its audit row: A-1");

  /* Changing a recorded verdict shows the same way. */
  exec (f, "DELETE FROM tappings WHERE attempt = 2; UPDATE tappings SET verdict = 'VALID'"
           " WHERE call_id = (SELECT id FROM calls WHERE call_id = 'A-2')");
  g_free (report);
  report = check (f, FALSE);
  assert_contains (report, "a verdict without its audit row: A-2");
}

/* A copy without its key cannot vouch for its log. */
static void
test_key_missing (Fixture *f,
                  gconstpointer data)
{
  g_autofree char *key = g_strconcat (f->w.path, ".key", NULL);
  g_autofree char *report = NULL;

  g_assert_cmpint (g_unlink (key), ==, 0);
  report = check (f, FALSE);
  assert_contains (report, "there is no key");
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/audit/untouched", test_untouched);
  ADD ("/audit/deleted-tail", test_deleted_tail);
  ADD ("/audit/deleted-middle", test_deleted_middle);
  ADD ("/audit/edited-row", test_edited_row);
  ADD ("/audit/rehashed-chain", test_rehashed_chain);
  ADD ("/audit/erased-verdict", test_erased_verdict);
  ADD ("/audit/calls-changed-by-hand", test_calls_changed_by_hand);
  ADD ("/audit/tapping-inserted-by-hand", test_tapping_inserted_by_hand);
  ADD ("/audit/key-missing", test_key_missing);
#undef ADD

  return g_test_run ();
}
