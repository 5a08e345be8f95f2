/* tam-tapping-audit.c: the calls and tappings against their audit
 * history (issue 13: a verdict erased in the tables, or a call's state
 * edited, passed `check`).
 *
 * Every verdict, undo and re-call writes an audit row whose `after` holds
 * the call's state, attempts and first verdict, and for a verdict the
 * tapping's id and verdict (tam-call-verdicts.c). So:
 * - every tapping is named by a TAP row with its verdict;
 * - every call with audit rows is as its latest row says;
 * - a call without any is untouched (PENDING, no attempts), or NULL for a
 *   call that was not an AGREE.
 * History loaded in bulk (the demo generator) has no row per verdict: it
 * is vouched for by one VOUCH row holding the last call and tapping ids
 * of the history and a digest of its tappings, which the check
 * recomputes. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-audit.h"
#include "tam-tapping-private.h"

#define LIST_MAX 10

typedef struct
{
  gint64 calls_upto;
  gint64 tappings_upto;
  char *digest;
} Vouch;

/* SHA-256 over every tapping up to @upto: id, call, attempt, verdict. */
static char *
tappings_digest (TamStore *store,
                 gint64 upto,
                 GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tam_store_prepare (store, "SELECT id, call_id, attempt, verdict FROM tappings WHERE id <= ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, upto);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char line[96];

      g_snprintf (line, sizeof line, "%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%s\n",
                  (gint64) sqlite3_column_int64 (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                  sqlite3_column_int (stmt, 2), (const char *) sqlite3_column_text (stmt, 3));
      g_checksum_update (sum, (const guchar *) line, -1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not read the tappings"));
      return NULL;
    }
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
tam_tapping_audit_vouch (TamStore *store,
                         const TamSession *actor,
                         GError **error)
{
  g_autofree char *digest = NULL;
  g_autofree char *after = NULL;
  gint64 calls_upto, tappings_upto;
  sqlite3_stmt *stmt;
  gboolean own_tx = !tam_store_in_transaction (store);

  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  calls_upto = tam_store_query_int (store, "SELECT COALESCE (max (id), 0) FROM calls", -1, error);
  tappings_upto = tam_store_query_int (store, "SELECT COALESCE (max (id), 0) FROM tappings", -1, error);
  if (calls_upto < 0 || tappings_upto < 0)
    goto fail;
  digest = tappings_digest (store, tappings_upto, error);
  if (digest == NULL)
    goto fail;
  stmt = tam_store_prepare (store, "SELECT json_object ('calls_upto', ?1, 'tappings_upto', ?2, 'digest', ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, calls_upto);
  sqlite3_bind_int64 (stmt, 2, tappings_upto);
  sqlite3_bind_text (stmt, 3, digest, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    after = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (!tam_audit_append (store, actor, "VOUCH", "tappings", "history", NULL, after, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

static gboolean
read_vouch (TamStore *store,
            Vouch *v,
            GError **error)
{
  sqlite3_stmt *stmt;

  stmt = tam_store_prepare (store,
                            "SELECT json_extract (after, '$.calls_upto'), json_extract (after, '$.tappings_upto'),"
                            " json_extract (after, '$.digest') FROM audit_log"
                            " WHERE action = 'VOUCH' AND entity = 'tappings' ORDER BY id DESC LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      v->calls_upto = sqlite3_column_int64 (stmt, 0);
      v->tappings_upto = sqlite3_column_int64 (stmt, 1);
      v->digest = tam_stmt_dup_text (stmt, 2);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Runs @sql (binding ?1 = @bound) and reports each row's first column. */
static gboolean
report_rows (TamStore *store,
             const char *sql,
             gint64 bound,
             const char *what,
             GString *report,
             gint64 *broken,
             GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, sql, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, bound);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      n++;
      (*broken)++;
      if (report != NULL && n <= LIST_MAX)
        g_string_append_printf (report, "audit: %s: %s\n", what, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not compare the calls with the audit log"));
      return FALSE;
    }
  if (report != NULL && n > LIST_MAX)
    g_string_append_printf (report, "audit: %s: and %u more\n", what, n - LIST_MAX);
  return TRUE;
}

gboolean
tam_tapping_audit_verify (TamStore *store,
                          GString *report,
                          GError **error)
{
  Vouch v = { 0 };
  gint64 broken = 0;
  gboolean ok = FALSE;

  /* One snapshot for the three comparisons. */
  if (!tam_store_exec (store, "BEGIN", error))
    return FALSE;
  if (!read_vouch (store, &v, error))
    goto out;
  if (v.digest != NULL)
    {
      g_autofree char *digest = tappings_digest (store, v.tappings_upto, error);

      if (digest == NULL)
        goto out;
      if (g_strcmp0 (digest, v.digest) != 0)
        {
          broken++;
          if (report != NULL)
            g_string_append_printf (report, "audit: the tappings up to %" G_GINT64_FORMAT " are not those the VOUCH row vouched for\n",
                                    v.tappings_upto);
        }
    }

  /* A tapping no TAP row names (with its verdict). */
  if (!report_rows (store,
                    "WITH taps AS MATERIALIZED (SELECT json_extract (after, '$.tapping.id') AS tapping_id,"
                    "   json_extract (after, '$.tapping.verdict') AS verdict FROM audit_log"
                    "   WHERE action = 'TAP' AND entity = 'call')"
                    " SELECT c.call_id || ' (tapping ' || t.id || ', ' || t.verdict || ')' FROM tappings t"
                    " JOIN calls c ON c.id = t.call_id"
                    " WHERE t.id > ?1 AND NOT EXISTS (SELECT 1 FROM taps WHERE taps.tapping_id = t.id"
                    "   AND taps.verdict = t.verdict)"
                    " ORDER BY t.id",
                    v.tappings_upto, "a verdict without its audit row", report, &broken, error))
    goto out;
  /* A call not as its latest audit row says. */
  if (!report_rows (store,
                    "WITH last AS MATERIALIZED (SELECT entity_id, max (id) AS id FROM audit_log"
                    "   WHERE entity = 'call' GROUP BY entity_id)"
                    " SELECT c.call_id || ' is ' || COALESCE (c.state, 'NULL') || '/' || c.attempts"
                    "   || ', its audit log says ' || COALESCE (json_extract (a.after, '$.state'), 'NULL') || '/'"
                    "   || COALESCE (json_extract (a.after, '$.attempts'), '?')"
                    " FROM last JOIN audit_log a ON a.id = last.id JOIN calls c ON c.call_id = last.entity_id"
                    " WHERE ?1 >= 0 AND (c.state IS NOT json_extract (a.after, '$.state')"
                    "   OR c.attempts IS NOT json_extract (a.after, '$.attempts')"
                    "   OR (json_type (a.after, '$.first_verdict') IS NOT NULL"
                    "       AND c.first_verdict IS NOT json_extract (a.after, '$.first_verdict')))"
                    " ORDER BY c.id",
                    0, "a call changed outside the desk", report, &broken, error))
    goto out;
  /* A call with no audit row that is not as imported. */
  if (!report_rows (store,
                    "WITH audited AS MATERIALIZED (SELECT DISTINCT entity_id FROM audit_log WHERE entity = 'call')"
                    " SELECT c.call_id || ' is ' || c.state || '/' || c.attempts FROM calls c"
                    " WHERE c.id > ?1 AND c.state IS NOT NULL"
                    "   AND (c.state <> 'PENDING' OR c.attempts <> 0 OR c.first_verdict IS NOT NULL)"
                    "   AND c.call_id NOT IN audited"
                    " ORDER BY c.id",
                    v.calls_upto, "a call changed outside the desk", report, &broken, error))
    goto out;
  ok = TRUE;

out:
  tam_store_rollback (store);
  g_free (v.digest);
  if (ok && broken > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                   ngettext ("%d call or verdict disagrees with the audit log (see the report)",
                             "%d calls or verdicts disagree with the audit log (see the report)",
                             (gulong) broken),
                   (int) broken);
      return FALSE;
    }
  return ok;
}
