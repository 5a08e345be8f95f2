/* The store: opening, refusing files it must not touch, migrations,
 * backup, integrity and the audit chain. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-auth.h"
#include "tam-check.h"
#include "tam-store.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  f->dir = g_dir_make_tmp ("tam-test-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "tam.db", NULL);
}

static void
rm_rf (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_dir_close (d);
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
test_open_new (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_create (f->path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (tam_store_query_int (store, "PRAGMA user_version", -1, NULL), ==, TAM_SCHEMA_VERSION);
  g_assert_cmpint (tam_store_query_int (store, "PRAGMA foreign_keys", -1, NULL), ==, 1);
  g_assert_cmpint (tam_store_query_int (store, "SELECT count(*) FROM sites", -1, NULL), ==, 6);
  g_assert_cmpint (tam_store_query_int (store, "SELECT count(*) FROM services", -1, NULL), ==, 3);
  g_clear_object (&store);

  /* Reopening an up-to-date file migrates nothing and keeps the data. */
  store = tam_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_store_query_int (store, "SELECT count(*) FROM sites", -1, NULL), ==, 6);
}

static void
assert_untouched (const char *path,
                  const char *before,
                  gsize before_len)
{
  g_autofree char *after = NULL;
  gsize after_len = 0;

  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_not_sqlite (Fixture *f,
                 gconstpointer data)
{
  static const char text[] = "nik,name\n123,Budi\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, text, -1, NULL));
  store = tam_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, f->path));
  assert_untouched (f->path, text, strlen (text));
}

static void
test_foreign_sqlite (Fixture *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = NULL;
  g_autofree char *before = NULL;
  gsize len;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE other (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &before, &len, NULL));

  store = tam_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE);
  assert_untouched (f->path, before, len);
}

static void
test_too_new (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = NULL;
  g_autofree char *before = NULL;
  gsize len;
  sqlite3 *db;

  store = tam_store_create (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (f->path, &before, &len, NULL));

  store = tam_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_TOO_NEW);
  assert_untouched (f->path, before, len);
}

static void
test_corrupt (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = NULL;
  g_autofree char *contents = NULL;
  gsize len;
  sqlite3 *db;

  store = tam_store_create (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  /* Back to a single file so the damage below is all there is. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Keep the 100-byte header, scribble over the schema page. */
  g_assert_true (g_file_get_contents (f->path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 4096);
  memset (contents + 100, 0x5a, 3000);
  g_assert_true (g_file_set_contents (f->path, contents, len, NULL));

  store = tam_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CORRUPT);
  assert_untouched (f->path, contents, len);
}

static void
test_settings (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_create (f->path, &error);
  g_autofree char *v1 = NULL;
  g_autofree char *v2 = NULL;
  g_autofree char *v3 = NULL;

  g_assert_no_error (error);
  v1 = tam_store_get_setting (store, "qvs_target", "0");
  g_assert_cmpstr (v1, ==, "95");
  g_assert_true (tam_store_set_setting (store, "qvs_target", "96", &error));
  v2 = tam_store_get_setting (store, "qvs_target", "0");
  g_assert_cmpstr (v2, ==, "96");
  v3 = tam_store_get_setting (store, "no-such-key", "fallback");
  g_assert_cmpstr (v3, ==, "fallback");
}

static void
test_audit_chain (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_create (f->path, &error);
  g_autoptr (TamSession) actor = tam_session_new (1, "SPV001", "Supervisor", "SUPERVISOR_OPS", "BANDUNG", NULL);
  g_autoptr (GString) report = g_string_new (NULL);
  sqlite3 *db;

  g_assert_no_error (error);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("%d", i);
      g_assert_true (tam_audit_append (store, actor, "UPDATE", "person", id,
                                       "{\"a\":1}", "{\"a\":2}", &error));
      g_assert_no_error (error);
    }
  g_assert_true (tam_check (store, report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->str, "audit: 5 rows, 0 broken"));

  /* The triggers refuse edits and deletions. */
  db = tam_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor_nik = 'x' WHERE id = 2", NULL, NULL, NULL),
                   !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log WHERE id = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_true (tam_audit_verify (store, NULL, &error));

  /* Someone who drops the trigger to edit a row is caught by the chain. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                                     "UPDATE audit_log SET after = '{\"a\":3}' WHERE id = 3",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_string_truncate (report, 0);
  g_assert_false (tam_audit_verify (store, report, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CORRUPT);
  g_assert_nonnull (strstr (report->str, "row 3 does not match"));
}

static void
test_backup (Fixture *f,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_create (f->path, &error);
  g_autoptr (TamStore) copy = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "backup.db", NULL);
  g_autoptr (GCancellable) cancel = g_cancellable_new ();

  g_assert_no_error (error);
  g_assert_true (tam_store_set_setting (store, "marker", "before-backup", &error));
  /* An open write transaction elsewhere does not stop a consistent copy. */
  g_assert_true (tam_store_begin (store, &error));
  g_assert_true (tam_store_set_setting (store, "marker", "uncommitted", &error));
  {
    g_autoptr (TamStore) other = tam_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_true (tam_store_backup (other, dest, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  tam_store_rollback (store);

  copy = tam_store_open (dest, &error);
  g_assert_no_error (error);
  {
    g_autofree char *marker = tam_store_get_setting (copy, "marker", NULL);
    g_assert_cmpstr (marker, ==, "before-backup");
  }
  g_clear_object (&copy);

  /* A cancelled backup leaves no file behind. */
  g_unlink (dest);
  g_cancellable_cancel (cancel);
  g_assert_false (tam_store_backup (store, dest, NULL, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
}

/* Only an explicit create makes a file; a misspelt path is refused. */
static void
test_missing (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (f->path, &error);

  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = tam_store_open_read_only (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* A folder is not a database either. */
  store = tam_store_open (f->dir, &error);
  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE);
  g_clear_error (&error);

  store = tam_store_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (tam_store_query_int (store, "PRAGMA user_version", -1, NULL), ==, TAM_SCHEMA_VERSION);
}

/* An empty file is refused by every open but create (which makes it a
 * database), and left as it was. */
static void
test_empty_file (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = tam_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE);
  g_clear_error (&error);
  assert_untouched (f->path, "", 0);

  store = tam_store_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_store_query_int (store, "PRAGMA user_version", -1, NULL), ==, TAM_SCHEMA_VERSION);
}

/* A read-only store reads and checks, and cannot write. */
static void
test_read_only (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_create (f->path, &error);
  g_autoptr (TamStore) reader = NULL;
  g_autoptr (GString) report = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_true (tam_store_set_setting (store, "marker", "1", &error));
  reader = tam_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (tam_store_is_read_only (reader));
  g_assert_false (tam_store_is_read_only (store));
  g_assert_true (tam_check (reader, report, &error));
  g_assert_no_error (error);
  g_assert_false (tam_store_set_setting (reader, "marker", "2", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&store);
  store = tam_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *value = tam_store_get_setting (store, "marker", NULL);
    g_assert_cmpstr (value, ==, "1");
  }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/missing", test_missing);
  ADD ("/store/empty-file", test_empty_file);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/open-new", test_open_new);
  ADD ("/store/not-sqlite", test_not_sqlite);
  ADD ("/store/foreign-sqlite", test_foreign_sqlite);
  ADD ("/store/too-new", test_too_new);
  ADD ("/store/corrupt", test_corrupt);
  ADD ("/store/settings", test_settings);
  ADD ("/store/audit-chain", test_audit_chain);
  ADD ("/store/backup", test_backup);
#undef ADD

  return g_test_run ();
}
