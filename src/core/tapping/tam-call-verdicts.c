/* tam-call-verdicts.c: verdicts, undo and the return loop (W-03). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-tapping-private.h"
#include "tam-tapping.h"

/* ------------------------------------------------------------------ */
/* Verdicts */

static char *
call_json (TamStore *store,
           gint64 id)
{
  return tam_store_query_text_by_id (store,
                                     "SELECT json_object ('call_id', call_id, 'state', state, 'attempts', attempts,"
                                     " 'first_verdict', first_verdict) FROM calls WHERE id = ?",
                                     id);
}

static char *
tapping_json (TamStore *store,
              gint64 tapping_id)
{
  return tam_store_query_text_by_id (store,
                                     "SELECT json_object ('call_id', c.call_id, 'state', c.state, 'attempts', c.attempts,"
                                     " 'first_verdict', c.first_verdict, 'tapping', json_object ('id', t.id, 'attempt', t.attempt,"
                                     " 'verdict', t.verdict, 'failed', (SELECT json_group_array (ap.code) FROM tapping_failures f"
                                     "   JOIN assessment_parameters ap ON ap.id = f.parameter_id WHERE f.tapping_id = t.id),"
                                     " 'recommendation', t.recommendation, 'reason', t.reason, 'undone', t.undone))"
                                     " FROM tappings t JOIN calls c ON c.id = t.call_id WHERE t.id = ?",
                                     tapping_id);
}

/* The parameter ids for @codes in @service (deduplicated), checking that
 * each is a known, active parameter; *n_critical gets how many of them
 * are critical and *first_critical the first such code. */
static GArray *
resolve_codes (TamStore *store,
               const char *service,
               const char *const *codes,
               int *n_critical,
               char **first_critical,
               GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  *n_critical = 0;
  *first_critical = NULL;
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strup (codes[i], -1);
      gint64 pid;
      gboolean dup = FALSE;

      g_strstrip (code);
      if (g_str_equal (code, TAM_REASON_RECORDING))
        continue; /* the built-in reason, not a parameter */
      stmt = tam_store_prepare (store,
                                "SELECT id, critical, active FROM assessment_parameters WHERE service = ? AND code = ?",
                                error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, service, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 2) == 0)
        {
          sqlite3_reset (stmt);
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                       _ ("“%s” is not an active assessment parameter of %s"),
                       codes[i], tam_service_label (service));
          return NULL;
        }
      pid = sqlite3_column_int64 (stmt, 0);
      for (guint j = 0; j < ids->len; j++)
        dup = dup || g_array_index (ids, gint64, j) == pid;
      if (!dup)
        {
          g_array_append_val (ids, pid);
          if (sqlite3_column_int (stmt, 1) != 0)
            {
              if (*n_critical == 0)
                *first_critical = g_strdup (code);
              (*n_critical)++;
            }
        }
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&ids);
}

const char *
tam_reason_recording_label (void)
{
  return _ ("Recording missing / unplayable");
}

static gboolean
has_reason_recording (const char *const *codes)
{
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_strstrip (g_ascii_strup (codes[i], -1));
      if (g_str_equal (code, TAM_REASON_RECORDING))
        return TRUE;
    }
  return FALSE;
}

gboolean
tam_call_decide (TamStore *store,
                 const TamSession *session,
                 gint64 id,
                 const char *verdict,
                 const char *const *failed_codes,
                 const char *recommendation,
                 gint64 *out_tapping_id,
                 GError **error)
{
  return tam_call_decide_heard (store, session, id, verdict, failed_codes, recommendation,
                                TAM_HEARD_UNCHECKED, out_tapping_id, error);
}

gboolean
tam_call_decide_heard (TamStore *store,
                       const TamSession *session,
                       gint64 id,
                       const char *verdict,
                       const char *const *failed_codes,
                       const char *recommendation,
                       TamHeard heard,
                       gint64 *out_tapping_id,
                       GError **error)
{
  g_autofree char *recording = NULL;
  gboolean unheard;
  g_autofree char *note = NULL;
  g_autofree char *site = NULL;
  g_autofree char *service = NULL;
  g_autofree char *state = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *first_verdict = NULL;
  g_autofree char *now = NULL;
  g_autofree char *cutoff = NULL;
  g_autofree char *first_critical = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GArray) ids = NULL;
  TamVerdict kind;
  gboolean valid;
  int attempts;
  int n_critical;
  gint64 tapping_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  kind = tam_verdict_from_code (verdict);
  valid = kind == TAM_VERDICT_VALID;
  if ((int) kind < 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("“%s” is not a verdict (VALID or RETURN)"), verdict ? verdict : "");
      return FALSE;
    }
  note = g_strstrip (g_strdup (recommendation ? recommendation : ""));
  unheard = has_reason_recording (failed_codes);
  if (valid && (unheard || heard == TAM_HEARD_MISSING))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("VALID needs a recording that was heard, but this call's recording is missing or does not play: return it with the reason “%s” so that its team leader supplies the recording"),
                   tam_reason_recording_label ());
      return FALSE;
    }
  if (!valid && unheard && *note == '\0')
    {
      g_free (note);
      note = g_strdup (tam_reason_recording_label ());
    }
  if (!valid && (failed_codes == NULL || failed_codes[0] == NULL))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A RETURN needs at least one failed assessment parameter"));
      return FALSE;
    }
  if (!valid && *note == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A RETURN needs a recommendation to the agent"));
      return FALSE;
    }

  now = tam_now_string ();
  cutoff = _tam_claim_cutoff (store);

  if (!tam_store_begin (store, error))
    return FALSE;

  /* Re-read the call under the write lock: what we check is what we
   * change. */
  stmt = tam_store_prepare (store,
                            "SELECT c.state, c.site, c.service, c.attempts, c.call_id, c.claimed_by, c.claimed_at,"
                            " q.name, q.nik, c.first_verdict,"
                            " COALESCE ((SELECT r.recording FROM recalls r WHERE r.call_id = c.id ORDER BY r.id DESC LIMIT 1),"
                            " c.recording, '') FROM calls c LEFT JOIN people q ON q.id = c.claimed_by"
                            " WHERE c.id = ? AND c.state IS NOT NULL AND " TAM_CALL_VISIBLE ("c"),
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_tam_call_step_of_site (stmt, session, error))
    goto fail;
  state = tam_stmt_dup_text (stmt, 0);
  site = tam_stmt_dup_text (stmt, 1);
  service = tam_stmt_dup_text (stmt, 2);
  attempts = sqlite3_column_int (stmt, 3);
  call_id = tam_stmt_dup_text (stmt, 4);
  first_verdict = tam_stmt_dup_text (stmt, 9);
  recording = tam_stmt_dup_text (stmt, 10);
  if (valid && (recording == NULL || *g_strstrip (recording) == '\0'))
    {
      sqlite3_reset (stmt);
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("Call %s names no recording: VALID needs a recording that was heard; return it with the reason “%s”"),
                   call_id, tam_reason_recording_label ());
      goto fail;
    }
  if (!tam_call_state_is_waiting (tam_call_state_from_code (state)))
    {
      sqlite3_reset (stmt);
      _tam_call_set_decided_error (store, id, state, error);
      goto fail;
    }
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL &&
      sqlite3_column_int64 (stmt, 5) != session->person_id &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 6), cutoff) >= 0)
    {
      _tam_call_set_claimed_error ((const char *) sqlite3_column_text (stmt, 7),
                                   (const char *) sqlite3_column_text (stmt, 8),
                                   (const char *) sqlite3_column_text (stmt, 6), error);
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  ids = resolve_codes (store, service, failed_codes, &n_critical, &first_critical, error);
  if (ids == NULL)
    goto fail;
  if (valid && n_critical > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("VALID needs every critical parameter met, but %s failed"), first_critical);
      goto fail;
    }

  before = call_json (store, id);

  /* (call_id, attempt, tapped_at) is unique: a verdict undone and given
   * again within the same second gets a finer time stamp. */
  stmt = tam_store_prepare (store,
                            "SELECT 1 FROM tappings WHERE call_id = ? AND attempt = ? AND tapped_at = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, attempts + 1);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *finer = g_strdup_printf ("%s.%06d", now, (int) (g_get_real_time () % G_USEC_PER_SEC));
      g_free (now);
      now = finer;
    }
  sqlite3_reset (stmt);

  stmt = tam_store_prepare (store,
                            "INSERT INTO tappings (call_id, attempt, qco_id, tapped_at, verdict, recommendation, reason)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, attempts + 1);
  sqlite3_bind_int64 (stmt, 3, session->person_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, tam_verdict_to_code (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, unheard ? TAM_REASON_RECORDING : "", -1, SQLITE_STATIC);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not store the verdict"), error))
    goto fail;
  tapping_id = sqlite3_last_insert_rowid (tam_store_get_db (store));

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = tam_store_prepare (store,
                                "INSERT INTO tapping_failures (tapping_id, parameter_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, tapping_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not store the verdict"), error))
        goto fail;
    }

  stmt = tam_store_prepare (store,
                            "UPDATE calls SET state = ?1, attempts = attempts + 1,"
                            " first_verdict = COALESCE (first_verdict, ?2), claimed_by = NULL, claimed_at = NULL"
                            " WHERE id = ?3 AND state IN ('PENDING','RECALLED')",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, tam_call_state_to_code (tam_call_state_after_verdict (kind)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tam_verdict_to_code (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!tam_store_step_write (store, stmt, TRUE, _ ("Could not store the verdict"), error))
    goto fail;
  if (!_tam_queue_counts_move (store, id, state, first_verdict, error))
    goto fail;

  after = tapping_json (store, tapping_id);
  if (!tam_audit_append (store, session, "TAP", "call", call_id, before, after, error))
    goto fail;
  if (!tam_store_commit (store, error))
    return FALSE;
  if (out_tapping_id != NULL)
    *out_tapping_id = tapping_id;
  return TRUE;

fail:
  tam_store_rollback (store);
  return FALSE;
}

gboolean
tam_tapping_undo (TamStore *store,
                  const TamSession *session,
                  gint64 tapping_id,
                  GError **error)
{
  g_autofree char *verdict = NULL;
  g_autofree char *state = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *first_verdict = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *now = NULL;
  gint64 id, qco_id, latest = 0;
  int attempt, attempts;
  gboolean undone;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  if (!tam_store_begin (store, error))
    return FALSE;

  stmt = tam_store_prepare (store,
                            "SELECT t.call_id, t.qco_id, t.attempt, t.verdict, t.undone, c.state, c.attempts, c.call_id,"
                            " c.first_verdict FROM tappings t JOIN calls c ON c.id = t.call_id WHERE t.id = ?",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tapping_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No such tapping"));
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  qco_id = sqlite3_column_int64 (stmt, 1);
  attempt = sqlite3_column_int (stmt, 2);
  verdict = tam_stmt_dup_text (stmt, 3);
  undone = sqlite3_column_int (stmt, 4) != 0;
  state = tam_stmt_dup_text (stmt, 5);
  attempts = sqlite3_column_int (stmt, 6);
  call_id = tam_stmt_dup_text (stmt, 7);
  first_verdict = tam_stmt_dup_text (stmt, 8);
  sqlite3_reset (stmt);

  if (qco_id != session->person_id)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                           _ ("Only the QCO who gave a verdict can undo it"));
      goto fail;
    }
  if (undone)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                           _ ("This verdict was already undone"));
      goto fail;
    }
  stmt = tam_store_prepare (store,
                            "SELECT max (id) FROM tappings WHERE call_id = ? AND undone = 0", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    latest = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (latest != tapping_id || attempts != attempt ||
      tam_call_state_from_code (state) != tam_call_state_after_verdict (tam_verdict_from_code (verdict)))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                   _ ("This verdict can no longer be undone: the call is %s now"), state);
      goto fail;
    }

  before = tapping_json (store, tapping_id);
  stmt = tam_store_prepare (store, "UPDATE tappings SET undone = 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tapping_id);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not undo the verdict"), error))
    goto fail;

  /* Attempt 1 came from PENDING; a later one only ever from RECALLED. The
   * first verdict goes with attempt 1. The QCO is back on the call. */
  now = tam_now_string ();
  stmt = tam_store_prepare (store,
                            "UPDATE calls SET state = ?1, attempts = ?2,"
                            " first_verdict = CASE WHEN ?2 = 0 THEN NULL ELSE first_verdict END,"
                            " claimed_by = ?3, claimed_at = ?4 WHERE id = ?5",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, attempt == 1 ? "PENDING" : "RECALLED", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, attempt - 1);
  sqlite3_bind_int64 (stmt, 3, session->person_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, id);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not undo the verdict"), error))
    goto fail;
  if (!_tam_queue_counts_move (store, id, state, first_verdict, error))
    goto fail;

  after = tapping_json (store, tapping_id);
  if (!tam_audit_append (store, session, "UNDO_TAP", "call", call_id, before, after, error))
    goto fail;
  return tam_store_commit (store, error);

fail:
  tam_store_rollback (store);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The return loop */

gboolean
tam_call_recall (TamStore *store,
                 const TamSession *session,
                 gint64 id,
                 const char *recording,
                 const char *note,
                 gint64 *out_recall_id,
                 GError **error)
{
  g_autofree char *rec = NULL;
  g_autofree char *text = NULL;
  g_autofree char *state = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *first_verdict = NULL;
  g_autofree char *now = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 tl_id, recall_id;
  int attempts;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_RECALL, error))
    return FALSE;
  rec = g_strstrip (g_strdup (recording ? recording : ""));
  text = g_strstrip (g_strdup (note ? note : ""));
  if (*rec == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A re-call needs the recording of the new call"));
      return FALSE;
    }

  if (!tam_store_begin (store, error))
    return FALSE;
  stmt = tam_store_prepare (store,
                            "SELECT c.state, a.team_leader_id, c.attempts, c.call_id, c.first_verdict"
                            " FROM calls c JOIN people a ON a.id = c.agent_id WHERE c.id = ? AND c.state IS NOT NULL"
                            " AND " TAM_CALL_VISIBLE ("c"),
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                           _ ("No such AGREE call, or not one you may see"));
      goto fail;
    }
  state = tam_stmt_dup_text (stmt, 0);
  tl_id = sqlite3_column_int64 (stmt, 1);
  attempts = sqlite3_column_int (stmt, 2);
  call_id = tam_stmt_dup_text (stmt, 3);
  first_verdict = tam_stmt_dup_text (stmt, 4);
  sqlite3_reset (stmt);
  if (tl_id != session->person_id)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                           _ ("Only the team leader of the call's agent can record its re-call"));
      goto fail;
    }
  if (g_strcmp0 (state, "RETURNED") != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                   _ ("Only a returned call can be re-called; this one is %s"), state);
      goto fail;
    }

  before = call_json (store, id);
  now = tam_now_string ();
  stmt = tam_store_prepare (store,
                            "INSERT INTO recalls (call_id, attempt, recorded_by, recorded_at, recording, note)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, attempts);
  sqlite3_bind_int64 (stmt, 3, session->person_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, rec, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, text, -1, SQLITE_STATIC);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not record the re-call"), error))
    goto fail;
  recall_id = sqlite3_last_insert_rowid (tam_store_get_db (store));

  stmt = tam_store_prepare (store,
                            "UPDATE calls SET state = 'RECALLED', claimed_by = NULL, claimed_at = NULL"
                            " WHERE id = ? AND state = 'RETURNED'",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!tam_store_step_write (store, stmt, TRUE, _ ("Could not record the re-call"), error))
    goto fail;
  if (!_tam_queue_counts_move (store, id, "RETURNED", first_verdict, error))
    goto fail;

  {
    sqlite3_stmt *json = tam_store_prepare (store,
                                            "SELECT json_object ('call_id', c.call_id, 'state', c.state, 'attempts', c.attempts,"
                                            " 'recall', json_object ('id', r.id, 'attempt', r.attempt, 'recording', r.recording,"
                                            " 'note', r.note)) FROM recalls r JOIN calls c ON c.id = r.call_id WHERE r.id = ?",
                                            error);
    if (json == NULL)
      goto fail;
    sqlite3_bind_int64 (json, 1, recall_id);
    if (sqlite3_step (json) == SQLITE_ROW)
      after = tam_stmt_dup_text (json, 0);
    sqlite3_reset (json);
  }
  if (!tam_audit_append (store, session, "RECALL", "call", call_id, before, after, error))
    goto fail;
  if (!tam_store_commit (store, error))
    return FALSE;
  if (out_recall_id != NULL)
    *out_recall_id = recall_id;
  return TRUE;

fail:
  tam_store_rollback (store);
  return FALSE;
}

gboolean
tam_call_recall_undo (TamStore *store,
                      const TamSession *session,
                      gint64 recall_id,
                      GError **error)
{
  g_autofree char *state = NULL;
  g_autofree char *call_id = NULL;
  g_autofree char *first_verdict = NULL;
  g_autofree char *claimed_at = NULL;
  g_autofree char *cutoff = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 id, recorded_by, latest;
  int attempt, attempts;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_RECALL, error))
    return FALSE;
  cutoff = _tam_claim_cutoff (store);
  if (!tam_store_begin (store, error))
    return FALSE;

  stmt = tam_store_prepare (store,
                            "SELECT r.call_id, r.recorded_by, r.attempt, c.state, c.attempts, c.call_id, c.first_verdict,"
                            " (SELECT max (r2.id) FROM recalls r2 WHERE r2.call_id = r.call_id),"
                            " CASE WHEN c.claimed_by IS NOT NULL THEN c.claimed_at END"
                            " FROM recalls r JOIN calls c ON c.id = r.call_id WHERE r.id = ? AND " TAM_CALL_VISIBLE ("c"),
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, recall_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No such re-call"));
      goto fail;
    }
  id = sqlite3_column_int64 (stmt, 0);
  recorded_by = sqlite3_column_int64 (stmt, 1);
  attempt = sqlite3_column_int (stmt, 2);
  state = tam_stmt_dup_text (stmt, 3);
  attempts = sqlite3_column_int (stmt, 4);
  call_id = tam_stmt_dup_text (stmt, 5);
  first_verdict = tam_stmt_dup_text (stmt, 6);
  latest = sqlite3_column_int64 (stmt, 7);
  claimed_at = tam_stmt_dup_text (stmt, 8);
  sqlite3_reset (stmt);

  if (recorded_by != session->person_id)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                           _ ("Only the team leader who recorded a re-call can undo it"));
      goto fail;
    }
  if (g_strcmp0 (state, "RECALLED") != 0 || latest != recall_id || attempt != attempts)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                   _ ("The re-call of call %s can no longer be undone: the call was tapped again since"), call_id);
      goto fail;
    }
  if (claimed_at != NULL && g_strcmp0 (claimed_at, cutoff) >= 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                   _ ("The re-call of call %s cannot be undone now: a QCO is tapping the call"), call_id);
      goto fail;
    }

  before = tam_store_query_text_by_id (store,
                                       "SELECT json_object ('call_id', c.call_id, 'state', c.state, 'attempts', c.attempts,"
                                       " 'recall', json_object ('id', r.id, 'attempt', r.attempt, 'recording', r.recording,"
                                       " 'note', r.note, 'recorded_at', r.recorded_at))"
                                       " FROM recalls r JOIN calls c ON c.id = r.call_id WHERE r.id = ?",
                                       recall_id);
  stmt = tam_store_prepare (store, "DELETE FROM recalls WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, recall_id);
  if (!tam_store_step_write (store, stmt, TRUE, _ ("Could not undo the re-call"), error))
    goto fail;
  stmt = tam_store_prepare (store,
                            "UPDATE calls SET state = 'RETURNED', claimed_by = NULL, claimed_at = NULL"
                            " WHERE id = ? AND state = 'RECALLED'",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!tam_store_step_write (store, stmt, TRUE, _ ("Could not undo the re-call"), error))
    goto fail;
  if (!_tam_queue_counts_move (store, id, "RECALLED", first_verdict, error))
    goto fail;
  after = call_json (store, id);
  if (!tam_audit_append (store, session, "UNDO_RECALL", "call", call_id, before, after, error))
    goto fail;
  return tam_store_commit (store, error);

fail:
  tam_store_rollback (store);
  return FALSE;
}
