/* tam-call-claims.c: a QCO's claim on a call while tapping it. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-tapping-private.h"
#include "tam-tapping.h"

/* ------------------------------------------------------------------ */
/* Claims */

/* Explains why a claim or a verdict on a waiting call was refused. */
void
_tam_call_set_decided_error (TamStore *store,
                             gint64 id,
                             const char *state,
                             GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store,
                                          "SELECT p.name, p.nik, t.tapped_at, t.verdict FROM tappings t JOIN people p ON p.id = t.qco_id"
                                          " WHERE t.call_id = ? AND t.undone = 0 ORDER BY t.id DESC LIMIT 1",
                                          NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);
          const char *nik = (const char *) sqlite3_column_text (stmt, 1);
          const char *at = (const char *) sqlite3_column_text (stmt, 2);
          const char *verdict = (const char *) sqlite3_column_text (stmt, 3);

          if (g_strcmp0 (verdict, "VALID") == 0)
            g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                         _ ("This call was already decided VALID by %s (%s) at %s"), name, nik, at);
          else
            g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                         _ ("This call was already returned by %s (%s) at %s; it waits for the team leader's re-call"),
                         name, nik, at);
          sqlite3_reset (stmt);
          return;
        }
      sqlite3_reset (stmt);
    }
  g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
               _ ("This call is %s and not waiting for a tapping"), state);
}

void
_tam_call_set_claimed_error (const char *name,
                             const char *nik,
                             const char *since,
                             GError **error)
{
  g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
               _ ("This call is being tapped by %s (%s) since %s"), name, nik, since);
}

/* Steps @stmt, a read of one AGREE call whose column 1 is its site: TRUE
 * on a row the QCO's site may tap; otherwise resets @stmt and says the
 * call is not there (whether it exists elsewhere is not told). */
gboolean
_tam_call_step_of_site (sqlite3_stmt *stmt,
                        const TamSession *session,
                        GError **error)
{
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), session->site) == 0)
    return TRUE;
  sqlite3_reset (stmt);
  g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                       _ ("No such AGREE call, or not one you may see"));
  return FALSE;
}

/* Why the claim UPDATE changed nothing. */
static gboolean
explain_claim_refusal (TamStore *store,
                       const TamSession *session,
                       gint64 id,
                       GError **error)
{
  g_autofree char *state = NULL;
  sqlite3_stmt *stmt = tam_store_prepare (store,
                                          "SELECT c.state, c.site, q.name, q.nik, c.claimed_at FROM calls c"
                                          " LEFT JOIN people q ON q.id = c.claimed_by WHERE c.id = ? AND c.state IS NOT NULL"
                                          " AND " TAM_CALL_VISIBLE ("c"),
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tam_call_step_of_site (stmt, session, error))
    return FALSE;
  state = tam_stmt_dup_text (stmt, 0);
  if (g_strcmp0 (state, "PENDING") == 0 || g_strcmp0 (state, "RECALLED") == 0)
    {
      _tam_call_set_claimed_error ((const char *) sqlite3_column_text (stmt, 2),
                                   (const char *) sqlite3_column_text (stmt, 3),
                                   (const char *) sqlite3_column_text (stmt, 4), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  _tam_call_set_decided_error (store, id, state, error);
  return FALSE;
}

gboolean
tam_call_claim (TamStore *store,
                const TamSession *session,
                gint64 id,
                GError **error)
{
  g_autofree char *now = NULL;
  g_autofree char *cutoff = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  now = tam_now_string ();
  cutoff = _tam_claim_cutoff (store);
  /* One statement: SQLite serialises writers, so of two QCOs claiming at
   * once exactly one changes the row. */
  stmt = tam_store_prepare (store,
                            "UPDATE calls SET claimed_by = ?1, claimed_at = ?2"
                            " WHERE id = ?3 AND state IN ('PENDING','RECALLED') AND site = ?4"
                            " AND (claimed_by IS NULL OR claimed_by = ?1 OR claimed_at IS NULL OR claimed_at < ?5)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session->person_id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  sqlite3_bind_text (stmt, 4, session->site, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, cutoff, -1, SQLITE_STATIC);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not claim the call"), error))
    return FALSE;
  if (sqlite3_changes (tam_store_get_db (store)) == 1)
    return TRUE;
  return explain_claim_refusal (store, session, id, error);
}

gboolean
tam_call_release (TamStore *store,
                  const TamSession *session,
                  gint64 id,
                  GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  stmt = tam_store_prepare (store,
                            "UPDATE calls SET claimed_by = NULL, claimed_at = NULL WHERE id = ? AND claimed_by = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, session->person_id);
  return tam_store_step_write (store, stmt, FALSE, _ ("Could not release the call"), error);
}
