/* tam-bench-probe.c: the database questions of `tamctl bench` (see
 * tam-bench-probe.h). */
#include "config.h"

#include "tam-bench-probe.h"
#include "tam-error.h"

gboolean
tam_bench_probe_sizes (TamStore *store,
                       TamBenchSizes *sizes,
                       GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (sizes != NULL, FALSE);

  stmt = tam_store_prepare (store,
                            "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM attendance),"
                            " (SELECT count(*) FROM calls c WHERE " TAM_CALL_VISIBLE ("c") "),"
                                                                                           " (SELECT COALESCE (max (c.id), 0) FROM calls c WHERE " TAM_CALL_VISIBLE ("c") ")",
                            error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tam_store_set_error (store, error, "bench sizes");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sizes->people = sqlite3_column_int64 (stmt, 0);
  sizes->attendance = sqlite3_column_int64 (stmt, 1);
  sizes->calls = sqlite3_column_int64 (stmt, 2);
  sizes->last_call_id = sqlite3_column_int64 (stmt, 3);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The one text column of the one row of @stmt, NULL when none. */
static gboolean
step_text (TamStore *store,
           sqlite3_stmt *stmt,
           char **out,
           GError **error)
{
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = tam_stmt_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    tam_store_set_error (store, error, "bench probe");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

gboolean
tam_bench_probe_last_attendance_day (TamStore *store,
                                     char **last,
                                     GError **error)
{
  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  return step_text (store, tam_store_prepare (store, "SELECT max (date) FROM attendance", error), last, error);
}

gboolean
tam_bench_probe_last_call_day (TamStore *store,
                               char **last,
                               GError **error)
{
  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  return step_text (store,
                    tam_store_prepare (store, "SELECT max (c.call_start) FROM calls c WHERE " TAM_CALL_VISIBLE ("c"), error),
                    last, error);
}

GPtrArray *
tam_bench_probe_active_niks (TamStore *store,
                             gboolean agents_only,
                             GPtrArray **services,
                             GError **error)
{
  g_autoptr (GPtrArray) niks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  stmt = tam_store_prepare (store,
                            "SELECT nik, COALESCE (service, 'ADDON_CONSUMER') FROM people"
                            " WHERE (role = 'AGENT' OR (role = 'TEAM_LEADER' AND NOT ?1))"
                            " AND status IN ('ACTIVE','TRAINING') AND (status = 'ACTIVE' OR NOT ?1) ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, agents_only);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (niks, tam_stmt_dup_text (stmt, 0));
      g_ptr_array_add (codes, tam_stmt_dup_text (stmt, 1));
    }
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, "bench people");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  if (services != NULL)
    *services = g_steal_pointer (&codes);
  return g_steal_pointer (&niks);
}

TamSession *
tam_bench_probe_qco (TamStore *store,
                     GError **error)
{
  TamSession *qco = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  stmt = tam_store_prepare (store,
                            "SELECT id, nik, name, site FROM people WHERE role = 'QCO'"
                            " AND site IS NOT NULL ORDER BY id LIMIT 1",
                            error);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    qco = tam_session_new (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                           (const char *) sqlite3_column_text (stmt, 2), "QCO",
                           (const char *) sqlite3_column_text (stmt, 3), NULL);
  sqlite3_reset (stmt);
  return qco;
}

gboolean
tam_bench_probe_largest_team (TamStore *store,
                              gint64 *team_leader_id,
                              gint64 *members,
                              gint64 *first_agent_id,
                              GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  *team_leader_id = *members = *first_agent_id = 0;
  stmt = tam_store_prepare (store,
                            "SELECT team_leader_id, count(*), min (id) FROM people"
                            " WHERE role = 'AGENT' AND team_leader_id IS NOT NULL"
                            " GROUP BY team_leader_id ORDER BY count(*) DESC, team_leader_id LIMIT 1",
                            error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *team_leader_id = sqlite3_column_int64 (stmt, 0);
      *members = sqlite3_column_int64 (stmt, 1);
      *first_agent_id = sqlite3_column_int64 (stmt, 2);
    }
  else if (rc != SQLITE_DONE)
    tam_store_set_error (store, error, "bench team");
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}
