/* tam-kpi-ct0.c: CT-0 PraNPC achievement, the AGREE calls of the agents
 * against their daily targets (agent_targets), per day or month, per
 * agent, team leader, site (the SOP "monitoring periodic caring call
 * retention": pencapaian agree harian/bulanan). See tam-kpi.h for what
 * counts as a working day. */
#include "config.h"

#include "tam-dates.h"
#include "tam-kpi-private.h"
#include "tam-store.h"
#include "tam-tapping-private.h"

void
tam_kpi_ct0_free (TamKpiCt0 *row)
{
  if (row == NULL)
    return;
  _tam_kpi_member_clear (&row->m);
  g_free (row);
}

typedef struct
{
  gint64 agree, valid;
  int scheduled; /* -1: no attendance row, 0: OFF or LEAVE, 1: scheduled */
} Day;

/* The AGREE calls of one agent per day in [?2, ?3). */
static const char days_sql[] =
    "SELECT day, sum (n), sum (CASE WHEN state = 'VALID' THEN n ELSE 0 END) FROM call_agent_days"
    " WHERE agent_id = ?1 AND day >= ?2 AND day < ?3 GROUP BY day";
static const char days_from_calls_sql[] =
    "SELECT substr (call_start, 1, 10), count(*), sum (state = 'VALID') FROM calls c"
    " WHERE agent_id = ?1 AND state IS NOT NULL AND call_start >= ?2 AND call_start < ?3"
    " AND " TAM_CALL_VISIBLE ("c") " GROUP BY 1";
/* Whether the agent was scheduled, per day with an attendance row. */
static const char attendance_sql[] =
    "SELECT date, status NOT IN ('OFF','LEAVE') FROM attendance"
    " WHERE person_id = ?1 AND date >= ?2 AND date < ?3";

/* @sql, one of the above, prepared for @agent_id's days in [@from, @to). */
static sqlite3_stmt *
prepare_days (TamStore *store,
              const char *sql,
              gint64 agent_id,
              const char *from,
              const char *to,
              GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, sql, error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, agent_id);
      sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
    }
  return stmt;
}

static gboolean
read_days (TamStore *store,
           gboolean ready,
           gint64 agent_id,
           const char *from,
           const char *to,
           GHashTable *days,
           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_hash_table_remove_all (days);
  stmt = prepare_days (store, ready ? days_sql : days_from_calls_sql, agent_id, from, to, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Day *d = g_new0 (Day, 1);

      d->agree = sqlite3_column_int64 (stmt, 1);
      d->valid = sqlite3_column_int64 (stmt, 2);
      d->scheduled = -1;
      g_hash_table_insert (days, tam_stmt_dup_text (stmt, 0), d);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = prepare_days (store, attendance_sql, agent_id, from, to, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *date = (const char *) sqlite3_column_text (stmt, 0);
      Day *d = g_hash_table_lookup (days, date);

      if (d == NULL)
        {
          d = g_new0 (Day, 1);
          g_hash_table_insert (days, g_strdup (date), d);
        }
      d->scheduled = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  return TRUE;

fail:
  _tam_kpi_sql_error (store, error);
  return FALSE;
}

gboolean
tam_kpi_ct0 (TamStore *store,
             const TamSession *session,
             const char *month,
             const char *day,
             TamKpiScope scope,
             GPtrArray **rows,
             GError **error)
{
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *today = NULL;
  g_autoptr (GHashTable) people = NULL;
  g_autoptr (GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GArray) targets = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  KpiGroups groups;
  gboolean ready;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  if (!_tam_kpi_check_read (session, month, &first, &next, error))
    return FALSE;
  if (day != NULL)
    {
      g_autofree char *parsed = tam_parse_date (day);

      if (parsed == NULL || strcmp (parsed, first) < 0 || strcmp (parsed, next) >= 0)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a day of %s"), day, month);
          return FALSE;
        }
      from = g_strdup (parsed);
      to = _tam_kpi_day_add (parsed, 1);
    }
  else
    {
      from = g_strdup (first);
      to = g_strdup (next);
    }
  today = tam_today ();

  people = _tam_kpi_load_people (store, error);
  if (people == NULL)
    return FALSE;
  stmt = tam_store_prepare (store, "SELECT person_id, daily_target FROM agent_targets WHERE month = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, month, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_vals (targets, pair, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _tam_kpi_sql_error (store, error);
      return FALSE;
    }

  ready = _tam_queue_counts_ready (store);
  _tam_kpi_groups_init (&groups, scope, sizeof (TamKpiCt0), (GDestroyNotify) tam_kpi_ct0_free);
  for (guint i = 0; i < targets->len; i += 2)
    {
      gint64 id = g_array_index (targets, gint64, i);
      gint64 daily = g_array_index (targets, gint64, i + 1);
      const KpiAgent *agent = g_hash_table_lookup (people, &id);
      GHashTableIter iter;
      const char *date;
      Day *d;
      TamKpiCt0 *r;

      if (agent == NULL)
        continue;
      if (!read_days (store, ready, id, from, to, days, error))
        {
          _tam_kpi_groups_clear (&groups);
          return FALSE;
        }
      r = _tam_kpi_group (&groups, agent, NULL, NULL, month);
      r->agents++;
      r->daily_target += daily;
      g_hash_table_iter_init (&iter, days);
      while (g_hash_table_iter_next (&iter, (gpointer *) &date, (gpointer *) &d))
        {
          r->agree += d->agree;
          r->valid += d->valid;
          if (strcmp (date, today) > 0)
            continue;
          if (d->scheduled == 1 || (d->scheduled < 0 && d->agree > 0))
            {
              r->days++;
              r->target += daily;
            }
        }
    }
  *rows = _tam_kpi_groups_steal (&groups);
  for (guint i = 0; i < (*rows)->len; i++)
    {
      TamKpiCt0 *r = (*rows)->pdata[i];

      r->achievement = _tam_kpi_pct (r->agree, r->target);
    }
  return TRUE;
}
