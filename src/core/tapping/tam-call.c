/* tam-call.c: the call records and reading one call, within what a
 * session may see (issue 3). The rest of the tapping module: the queue
 * (tam-queue.c), its per-day counts (tam-queue-counts.c), a call's
 * history (tam-call-history.c), the assessment parameters
 * (tam-parameters.c), claims (tam-call-claims.c), verdicts, undo and the
 * return loop (tam-call-verdicts.c), behind tam-tapping-private.h.
 *
 * Concurrency: several desks (and tamctl) share one database file. Every
 * change runs in one BEGIN IMMEDIATE transaction that first re-reads the
 * call, so the checks and the write see the same committed state and two
 * QCOs can never both decide the same call; the loser gets
 * TAM_ERROR_CONFLICT naming who was first. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-tapping-private.h"
#include "tam-tapping.h"

/* ------------------------------------------------------------------ */
/* Records */

void
tam_call_free (TamCall *call)
{
  if (call == NULL)
    return;
  g_free (call->call_id);
  g_free (call->agent_nik);
  g_free (call->agent_name);
  g_free (call->team_leader_nik);
  g_free (call->team_leader_name);
  g_free (call->site);
  g_free (call->service);
  g_free (call->product);
  g_free (call->call_start);
  g_free (call->customer_number);
  g_free (call->recording);
  g_free (call->state);
  g_free (call->first_verdict);
  g_free (call->claimed_by_nik);
  g_free (call->claimed_by_name);
  g_free (call->claimed_at);
  g_free (call->returned_at);
  g_free (call);
}

TamCallState
tam_call_get_state (const TamCall *call)
{
  g_return_val_if_fail (call != NULL, TAM_CALL_STATE_NONE);

  return tam_call_state_from_code (call->state);
}

TamCall *
tam_call_copy (const TamCall *call)
{
  TamCall *c;

  g_return_val_if_fail (call != NULL, NULL);

  c = g_new0 (TamCall, 1);
  c->id = call->id;
  c->call_id = g_strdup (call->call_id);
  c->agent_id = call->agent_id;
  c->agent_nik = g_strdup (call->agent_nik);
  c->agent_name = g_strdup (call->agent_name);
  c->team_leader_id = call->team_leader_id;
  c->team_leader_nik = g_strdup (call->team_leader_nik);
  c->team_leader_name = g_strdup (call->team_leader_name);
  c->site = g_strdup (call->site);
  c->service = g_strdup (call->service);
  c->product = g_strdup (call->product);
  c->call_start = g_strdup (call->call_start);
  c->customer_number = g_strdup (call->customer_number);
  c->recording = g_strdup (call->recording);
  c->state = g_strdup (call->state);
  c->attempts = call->attempts;
  c->first_verdict = g_strdup (call->first_verdict);
  c->claimed_by = call->claimed_by;
  c->claimed_by_nik = g_strdup (call->claimed_by_nik);
  c->claimed_by_name = g_strdup (call->claimed_by_name);
  c->claimed_at = g_strdup (call->claimed_at);
  c->returned_at = g_strdup (call->returned_at);
  return c;
}

char *
tam_mask_customer_number (const char *number)
{
  size_t len;

  if (number == NULL)
    return g_strdup ("");
  len = strlen (number);
  if (len <= 4)
    return g_strdup ("••••");
  return g_strconcat ("••••", number + len - 4, NULL);
}

/* ------------------------------------------------------------------ */
/* Visibility and claims */

/* What a session may see, as forced filter values: a QCO their site, a
 * TEAM_LEADER their team. FALSE with TAM_ERROR_PERMISSION for roles that
 * have no business in the queue. */
gboolean
_tam_tapping_scope (const TamSession *session,
                    const char **site,
                    gint64 *team_leader_id,
                    GError **error)
{
  *site = NULL;
  *team_leader_id = 0;

  if (!tam_session_require (session, TAM_PERM_VIEW, error))
    return FALSE;
  if (g_strcmp0 (session->role, "QCO") == 0)
    {
      *site = session->site;
      return TRUE;
    }
  if (g_strcmp0 (session->role, "TEAM_LEADER") == 0)
    {
      *team_leader_id = session->person_id;
      return TRUE;
    }
  if (g_strcmp0 (session->role, "SUPERVISOR_QUALITY") == 0 ||
      g_strcmp0 (session->role, "QA") == 0 ||
      g_strcmp0 (session->role, "MANAGER") == 0 ||
      g_strcmp0 (session->role, "SUPERVISOR_OPS") == 0)
    return TRUE;

  g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
               _ ("%s (%s) may not see the tapping queue as %s"),
               session->name, session->nik, tam_role_label (session->role));
  return FALSE;
}

static int
claim_minutes (TamStore *store)
{
  g_autofree char *text = tam_store_get_setting (store, "claim_minutes", "10");
  gint64 minutes = g_ascii_strtoll (text, NULL, 10);

  return minutes >= 1 && minutes <= 24 * 60 ? (int) minutes : 10;
}

/* Claims taken at or after this time are live; older ones have expired. */
char *
_tam_claim_cutoff (TamStore *store)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) cutoff = g_date_time_add_minutes (now, -claim_minutes (store));

  return g_date_time_format (cutoff, "%Y-%m-%d %H:%M:%S");
}

/* ------------------------------------------------------------------ */
/* Reading calls */

TamCall *
_tam_call_from_row (sqlite3_stmt *stmt,
                    const TamSession *session,
                    const char *cutoff)
{
  TamCall *c = g_new0 (TamCall, 1);
  const char *claimed_at = (const char *) sqlite3_column_text (stmt, 20);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->call_id = tam_stmt_dup_text (stmt, 1);
  c->agent_id = sqlite3_column_int64 (stmt, 2);
  c->agent_nik = tam_stmt_dup_text (stmt, 3);
  c->agent_name = tam_stmt_dup_text (stmt, 4);
  c->team_leader_id = sqlite3_column_int64 (stmt, 5);
  c->team_leader_nik = tam_stmt_dup_text (stmt, 6);
  c->team_leader_name = tam_stmt_dup_text (stmt, 7);
  c->site = tam_stmt_dup_text (stmt, 8);
  c->service = tam_stmt_dup_text (stmt, 9);
  c->product = tam_stmt_dup_text (stmt, 10);
  c->call_start = tam_stmt_dup_text (stmt, 11);
  if (tam_session_can (session, TAM_PERM_SEE_CUSTOMER_NUMBER))
    c->customer_number = tam_stmt_dup_text (stmt, 12);
  else
    c->customer_number = tam_mask_customer_number ((const char *) sqlite3_column_text (stmt, 12));
  c->recording = tam_stmt_dup_text (stmt, 13);
  c->state = tam_stmt_dup_text (stmt, 14);
  c->attempts = sqlite3_column_int (stmt, 15);
  c->first_verdict = tam_stmt_dup_text (stmt, 16);
  c->returned_at = tam_stmt_dup_text (stmt, 21);
  /* An expired claim is no claim: the GUI shows the call as free. */
  if (claimed_at != NULL && g_strcmp0 (claimed_at, cutoff) >= 0 &&
      sqlite3_column_type (stmt, 17) != SQLITE_NULL)
    {
      c->claimed_by = sqlite3_column_int64 (stmt, 17);
      c->claimed_by_nik = tam_stmt_dup_text (stmt, 18);
      c->claimed_by_name = tam_stmt_dup_text (stmt, 19);
      c->claimed_at = g_strdup (claimed_at);
    }
  return c;
}

static TamCall *
call_get_one (TamStore *store,
              const TamSession *session,
              sqlite3_stmt *stmt,
              GError **error)
{
  g_autofree char *cutoff = _tam_claim_cutoff (store);
  TamCall *call = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    call = _tam_call_from_row (stmt, session, cutoff);
  else if (rc != SQLITE_DONE)
    tam_store_set_error (store, error, _ ("Could not read a call"));
  else
    g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                         _ ("No such AGREE call, or not one you may see"));
  sqlite3_reset (stmt);
  return call;
}

TamCall *
tam_call_get (TamStore *store,
              const TamSession *session,
              gint64 id,
              GError **error)
{
  const char *site;
  gint64 tl;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  if (!_tam_tapping_scope (session, &site, &tl, error))
    return NULL;
  stmt = tam_store_prepare (store,
                            "SELECT " CALL_COLUMNS " FROM calls c" CALL_JOINS
                            " WHERE c.id = ?1 AND c.state IS NOT NULL AND " TAM_CALL_VISIBLE ("c") " AND (?2 IS NULL OR c.site = ?2) AND (?3 IS NULL OR a.team_leader_id = ?3)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  tam_stmt_bind_text_or_null (stmt, 2, site);
  if (tl != 0)
    sqlite3_bind_int64 (stmt, 3, tl);
  return call_get_one (store, session, stmt, error);
}

TamCall *
tam_call_find (TamStore *store,
               const TamSession *session,
               const char *call_id,
               GError **error)
{
  const char *site;
  gint64 tl;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  g_return_val_if_fail (call_id != NULL, NULL);

  if (!_tam_tapping_scope (session, &site, &tl, error))
    return NULL;
  stmt = tam_store_prepare (store,
                            "SELECT " CALL_COLUMNS " FROM calls c" CALL_JOINS
                            " WHERE c.call_id = ?1 AND c.state IS NOT NULL AND " TAM_CALL_VISIBLE ("c") " AND (?2 IS NULL OR c.site = ?2) AND (?3 IS NULL OR a.team_leader_id = ?3)",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 2, site);
  if (tl != 0)
    sqlite3_bind_int64 (stmt, 3, tl);
  return call_get_one (store, session, stmt, error);
}

int
tam_call_days_since_returned (const TamCall *call)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GDate) today = NULL;
  int y, m, d;
  GDate then;

  if (call == NULL || call->returned_at == NULL || tam_call_get_state (call) != TAM_CALL_STATE_RETURNED ||
      sscanf (call->returned_at, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return -1;
  now = g_date_time_new_now_local ();
  today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                          g_date_time_get_year (now));
  g_date_clear (&then, 1);
  g_date_set_dmy (&then, d, m, y);
  return MAX (0, g_date_days_between (&then, today));
}
