/* tam-kpi-qvs.c: the Quality Validation Score and first-pass valid %
 * per month and scope, and their series for the charts (tam-kpi.h).
 *
 * The sums come from kpi_agent_months and kpi_site_months (migration 4:
 * call_agent_days per month, kept with it by tam-queue-counts.c), grouped
 * per agent (or site), site and service in SQL and per scope member here. The numbers
 * are F-18's (tam-f18.c sums the same per-day counts), which
 * tests/test-kpi.c checks for every agent and month of the demo. */
#include "config.h"

#include "tam-kpi-private.h"
#include "tam-store.h"
#include "tam-tapping-private.h"

void
tam_kpi_qvs_free (TamKpiQvs *row)
{
  if (row == NULL)
    return;
  _tam_kpi_member_clear (&row->m);
  g_free (row);
}

#define QVS_SUMS(n)                                                          \
  " sum (" n "),"                                                            \
  " sum (CASE WHEN state = 'VALID' THEN " n " ELSE 0 END),"                  \
  " sum (CASE WHEN state IN ('RETURNED','RECALLED') THEN " n " ELSE 0 END)," \
  " sum (CASE WHEN state = 'PENDING' THEN " n " ELSE 0 END),"                \
  " sum (CASE WHEN first_verdict IS 'VALID' THEN " n " ELSE 0 END)"

/* Every agent's months from @from to @to (?1, ?2). */
static const char months_sql[] =
    "SELECT month, agent_id, site, service," QVS_SUMS ("n") " FROM kpi_agent_months WHERE month >= ?1 AND month <= ?2"
                                                            " GROUP BY month, agent_id, site, service";
/* NATIONAL, SITE and SERVICE need no agent: kpi_site_months, a few
 * rows per site, service and month. */
static const char pairs_months_sql[] =
    "SELECT month, 0, site, service," QVS_SUMS ("n") " FROM kpi_site_months WHERE month >= ?1 AND month <= ?2"
                                                     " GROUP BY month, site, service";
/* One agent (?3, a NIK) or one team (?4, its leader's NIK): a range of
 * the agent index per agent. */
static const char agents_months_sql[] =
    "SELECT k.month, k.agent_id, k.site, k.service," QVS_SUMS ("k.n") " FROM people p CROSS JOIN kpi_agent_months k INDEXED BY kpi_agent_months_agent"
                                                                      "  ON k.agent_id = p.id AND k.month >= ?1 AND k.month <= ?2"
                                                                      " WHERE p.nik = ?3 OR p.team_leader_id = (SELECT id FROM people WHERE nik = ?4)"
                                                                      " GROUP BY k.month, k.agent_id, k.site, k.service";
/* The counts cannot be brought up to date (a read-only store behind an
 * import, a caller's transaction): F-18's fallback, from the calls. */
static const char calls_sql[] =
    "SELECT month, agent_id, site, service," QVS_SUMS ("1") " FROM calls c WHERE month >= ?1 AND month <= ?2 AND state IS NOT NULL"
                                                            " AND " TAM_CALL_VISIBLE ("c") " GROUP BY month, agent_id, site, service";

gboolean
_tam_kpi_check_range (const TamSession *session,
                      const char *from,
                      const char *to,
                      GError **error)
{
  g_autofree char *limit = NULL;

  if (!tam_session_require (session, TAM_PERM_VIEW, error) ||
      !tam_kpi_month_bounds (from, NULL, NULL, error) || !tam_kpi_month_bounds (to, NULL, NULL, error))
    return FALSE;
  limit = tam_kpi_month_add (from, 119);
  if (strcmp (from, to) > 0 || strcmp (to, limit) > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("A series runs from a month to the same or a later one, at most 120 months (%s to %s)"),
                   from, to);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_kpi_qvs (TamStore *store,
             const TamSession *session,
             const char *month,
             TamKpiScope scope,
             GPtrArray **rows,
             GError **error)
{
  TamKpiSeriesQuery one_month = { .from = month, .to = month, .scope = scope, .key = NULL };

  return tam_kpi_qvs_series (store, session, &one_month, rows, error);
}

gboolean
tam_kpi_qvs_series (TamStore *store,
                    const TamSession *session,
                    const TamKpiSeriesQuery *query,
                    GPtrArray **rows,
                    GError **error)
{
  g_autoptr (GHashTable) people = NULL;
  TamKpiScope scope;
  const char *key;
  KpiGroups groups;
  sqlite3_stmt *stmt;
  gboolean by_agents = FALSE;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!_tam_kpi_check_range (session, query->from, query->to, error))
    return FALSE;
  scope = query->scope;
  key = scope == TAM_KPI_SCOPE_NATIONAL ? NULL : query->key;
  people = _tam_kpi_load_people (store, error);
  if (people == NULL)
    return FALSE;

  if (!_tam_queue_counts_ready (store))
    stmt = tam_store_prepare (store, calls_sql, error);
  else if (key != NULL && (scope == TAM_KPI_SCOPE_TEAM || scope == TAM_KPI_SCOPE_AGENT))
    {
      stmt = tam_store_prepare (store, agents_months_sql, error);
      by_agents = TRUE;
    }
  else if (scope == TAM_KPI_SCOPE_NATIONAL || scope == TAM_KPI_SCOPE_SITE || scope == TAM_KPI_SCOPE_SERVICE)
    stmt = tam_store_prepare (store, pairs_months_sql, error);
  else
    stmt = tam_store_prepare (store, months_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, query->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, query->to, -1, SQLITE_TRANSIENT);
  if (by_agents)
    {
      tam_stmt_bind_text_or_null (stmt, 3, scope == TAM_KPI_SCOPE_AGENT ? key : NULL);
      tam_stmt_bind_text_or_null (stmt, 4, scope == TAM_KPI_SCOPE_TEAM ? key : NULL);
    }

  _tam_kpi_groups_init (&groups, scope, sizeof (TamKpiQvs), (GDestroyNotify) tam_kpi_qvs_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 agent_id = sqlite3_column_int64 (stmt, 1);
      const KpiAgent *agent = g_hash_table_lookup (people, &agent_id);
      TamKpiQvs *r = _tam_kpi_group (&groups, agent, (const char *) sqlite3_column_text (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3),
                                     (const char *) sqlite3_column_text (stmt, 0));

      r->agree += sqlite3_column_int64 (stmt, 4);
      r->valid += sqlite3_column_int64 (stmt, 5);
      r->returned += sqlite3_column_int64 (stmt, 6);
      r->pending += sqlite3_column_int64 (stmt, 7);
      r->first_pass_valid += sqlite3_column_int64 (stmt, 8);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tam_kpi_groups_clear (&groups);
      _tam_kpi_sql_error (store, error);
      return FALSE;
    }

  *rows = _tam_kpi_groups_steal (&groups);
  for (guint i = (*rows)->len; i-- > 0;)
    {
      TamKpiQvs *r = (*rows)->pdata[i];

      /* Members whose calls all moved away, and the others of a series
       * asked for one member. */
      if (r->agree == 0 || (key != NULL && g_strcmp0 (r->m.key, key) != 0))
        {
          g_ptr_array_remove_index (*rows, i);
          continue;
        }
      r->qvs = _tam_kpi_pct (r->valid, r->agree);
      r->first_pass = _tam_kpi_pct (r->first_pass_valid, r->agree);
    }
  return TRUE;
}
