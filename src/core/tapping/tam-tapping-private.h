/* Shared by the files of the tapping module and the reports (tam-f18.c,
 * tam-w03.c); not public API. */
#pragma once

#include "tam-auth.h"
#include "tam-tapping.h"

G_BEGIN_DECLS

/* What @session may see of the calls, as forced filter values: a QCO
 * their site (*site), a TEAM_LEADER their team (*team_leader_id); NULL / 0
 * for the roles that see everything. FALSE with TAM_ERROR_PERMISSION for
 * the roles that see no calls. */
gboolean _tam_tapping_scope (const TamSession *session,
                             const char **site,
                             gint64 *team_leader_id,
                             GError **error);

/* Brings call_state_days and call_agent_days up to date (unless the
 * caller holds a transaction) and says whether they are current, i.e.
 * whether sums over them count every call. */
gboolean _tam_queue_counts_ready (TamStore *store);

/* The columns of a TamCall (read by _tam_call_from_row) and their joins:
 * "SELECT " CALL_COLUMNS " FROM calls c" CALL_JOINS " WHERE ...". */
#define CALL_COLUMNS                                                                  \
  "c.id, c.call_id, c.agent_id, a.nik, a.name, a.team_leader_id, tl.nik, tl.name,"    \
  " c.site, c.service, c.product, c.call_start, c.customer_number,"                   \
  " COALESCE ((SELECT r.recording FROM recalls r WHERE r.call_id = c.id"              \
  "            ORDER BY r.id DESC LIMIT 1), c.recording),"                            \
  " c.state, c.attempts, c.first_verdict, c.claimed_by, q.nik, q.name, c.claimed_at," \
  " CASE WHEN c.state = 'RETURNED' THEN (SELECT max (t.tapped_at) FROM tappings t"    \
  "   WHERE t.call_id = c.id AND t.verdict = 'RETURN' AND t.undone = 0) END"

#define CALL_JOINS                                   \
  " JOIN people a ON a.id = c.agent_id"              \
  " LEFT JOIN people tl ON tl.id = a.team_leader_id" \
  " LEFT JOIN people q ON q.id = c.claimed_by"

/* tam-call.c */
/* Claims taken at or after this time are live; older ones have expired. */
char *_tam_claim_cutoff (TamStore *store);
TamCall *_tam_call_from_row (sqlite3_stmt *stmt,
                             const TamSession *session,
                             const char *cutoff);

/* tam-call-claims.c */
void _tam_call_set_decided_error (TamStore *store,
                                  gint64 id,
                                  const char *state,
                                  GError **error);
void _tam_call_set_claimed_error (const char *name,
                                  const char *nik,
                                  const char *since,
                                  GError **error);
/* Steps @stmt, a read of one AGREE call whose column 1 is its site:
 * TRUE on a row the session may see, else NOT_FOUND in @error. */
gboolean _tam_call_step_of_site (sqlite3_stmt *stmt,
                                 const TamSession *session,
                                 GError **error);

/* tam-queue-counts.c */
/* TRUE when calls were added since the counts were last brought up to date. */
gboolean _tam_queue_counts_behind (TamStore *store);
/* A verdict, undo or re-call has just changed call @id, which was in
 * @old_state with @old_first_verdict: moves it in both count tables. In
 * the caller's transaction. */
gboolean _tam_queue_counts_move (TamStore *store,
                                 gint64 id,
                                 const char *old_state,
                                 const char *old_first_verdict,
                                 GError **error);

G_END_DECLS
