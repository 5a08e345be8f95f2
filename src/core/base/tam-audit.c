/* tam-audit.c: the append-only, hash-chained audit log.
 *
 * hash = SHA-256 over prev_hash and every column of the row, each field
 * preceded by its length so that no two different rows hash the same
 * input. The first row's prev_hash is 64 zeros. Triggers in the schema
 * refuse UPDATE and DELETE; the chain catches edits made around them. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-auth.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

static void
feed (GChecksum *sum,
      const char *field)
{
  char len[24];

  if (field == NULL)
    {
      g_checksum_update (sum, (const guchar *) "N;", 2);
      return;
    }
  g_snprintf (len, sizeof len, "%zu:", strlen (field));
  g_checksum_update (sum, (const guchar *) len, -1);
  g_checksum_update (sum, (const guchar *) field, -1);
}

static char *
row_hash (const char *prev_hash,
          const char *at,
          const char *actor,
          const char *action,
          const char *entity,
          const char *entity_id,
          const char *before,
          const char *after)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  feed (sum, prev_hash);
  feed (sum, at);
  feed (sum, actor);
  feed (sum, action);
  feed (sum, entity);
  feed (sum, entity_id);
  feed (sum, before);
  feed (sum, after);
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
tam_audit_append (TamStore *store,
                  const TamSession *actor,
                  const char *action,
                  const char *entity,
                  const char *entity_id,
                  const char *before,
                  const char *after,
                  GError **error)
{
  g_autofree char *prev = NULL;
  g_autofree char *at = tam_now_string ();
  g_autofree char *hash = NULL;
  const char *actor_nik = actor ? actor->nik : "system";
  sqlite3_stmt *stmt;

  stmt = tam_store_prepare (store, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    prev = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (prev == NULL)
    prev = g_strdup (GENESIS);

  hash = row_hash (prev, at, actor_nik, action, entity, entity_id, before, after);

  stmt = tam_store_prepare (store,
                            "INSERT INTO audit_log (at, actor_nik, action, entity, entity_id, before, after, prev_hash, hash)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, actor_nik, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entity_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, before, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, after, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not write the audit log"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
tam_audit_verify (TamStore *store,
                  GString *report,
                  GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *expected_prev = g_strdup (GENESIS);
  gint64 rows = 0, broken = 0;
  int rc;

  stmt = tam_store_prepare (store,
                            "SELECT id, at, actor_nik, action, entity, entity_id, before, after, prev_hash, hash"
                            " FROM audit_log ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *c[10];
      g_autofree char *hash = NULL;

      for (int i = 0; i < 10; i++)
        c[i] = (const char *) sqlite3_column_text (stmt, i);
      rows++;
      hash = row_hash (c[8], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
      if (g_strcmp0 (c[8], expected_prev) != 0 || g_strcmp0 (hash, c[9]) != 0)
        {
          broken++;
          if (report != NULL)
            g_string_append_printf (report, "audit: row %s does not match its hash chain\n", c[0]);
        }
      g_free (expected_prev);
      expected_prev = g_strdup (c[9]);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not read the audit log"));
      return FALSE;
    }
  if (report != NULL)
    g_string_append_printf (report, "audit: %" G_GINT64_FORMAT " rows, %" G_GINT64_FORMAT " broken\n",
                            rows, broken);
  if (broken > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                   ngettext ("The audit log has been tampered with: %d row does not match its hash",
                             "The audit log has been tampered with: %d rows do not match their hashes",
                             (gulong) broken),
                   (int) broken);
      return FALSE;
    }
  return TRUE;
}
