/* Shared between tam-tapping.c and the reports (tam-f18.c, tam-w03.c); not public API. */
#pragma once

#include "tam-auth.h"

G_BEGIN_DECLS

/* What @session may see of the calls, as forced filter values: a QCO
 * their site (*site), a TEAM_LEADER their team (*team_leader_id); NULL / 0
 * for the roles that see everything. FALSE with TAM_ERROR_PERMISSION for
 * the roles that see no calls. */
gboolean _tam_tapping_scope (const TamSession  *session,
                             const char       **site,
                             gint64            *team_leader_id,
                             GError           **error);

/* Brings call_state_days and call_agent_days up to date (unless the
 * caller holds a transaction) and says whether they are current, i.e.
 * whether sums over them count every call. */
gboolean _tam_queue_counts_ready (TamStore *store);

G_END_DECLS
