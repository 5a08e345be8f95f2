/* tam-queue-counts.c: the per-day count tables of the queue
 * (call_state_days, call_agent_days), kept by imports, verdicts, undo and
 * re-calls (issues 3 and 7), and with them kpi_agent_months and
 * kpi_site_months, the same per month for the KPI series (issue 10,
 * migration 4). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-tapping-private.h"
#include "tam-tapping.h"

/* ------------------------------------------------------------------ */
/* call_state_days and call_agent_days, the per-day counts (see
 * tam-schema.c): the first for the whole queue by site and service, the
 * second per agent, for a team's or an agent's counts and for F-18. */

static gint64
counts_upto (TamStore *store)
{
  g_autofree char *text = tam_store_get_setting (store, "queue_counts_upto", "0");
  return g_ascii_strtoll (text, NULL, 10);
}

/* A group of calls being counted: one row of call_agent_days, or with
 * agent_id 0 and no first verdict one of call_state_days. The codes are
 * interned, so they compare as pointers. */
typedef struct
{
  gint64 agent_id;
  const char *site;
  const char *service;
  const char *state;
  const char *first_verdict;
  char day[11];
  gint64 n;
} DayGroup;

/* Runs one statement on a row of the count tables for @g. The parameters,
 * as far as @sql uses them: ?1 agent, ?2 day (or a whole call_start), ?3
 * site, ?4 service, ?5 state, ?6 first verdict ('' before one), ?7 n.
 * Binding a number @sql does not use is refused (SQLITE_RANGE) and
 * harmless. */
static gboolean
days_exec (TamStore *store,
           const char *sql,
           const DayGroup *g,
           GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, sql, error);
  int params;

  if (stmt == NULL)
    return FALSE;
  params = sqlite3_bind_parameter_count (stmt);
  if (params >= 1)
    sqlite3_bind_int64 (stmt, 1, g->agent_id);
  sqlite3_bind_text (stmt, 2, g->day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, g->site, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, g->service, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, g->state, -1, SQLITE_STATIC);
  if (params >= 6)
    sqlite3_bind_text (stmt, 6, g->first_verdict ? g->first_verdict : "", -1, SQLITE_STATIC);
  if (params >= 7)
    sqlite3_bind_int64 (stmt, 7, g->n);
  return tam_store_step_write (store, stmt, FALSE, _ ("Could not count the queue"), error);
}

/* The four count tables a call adds to: per agent and day, per site and
 * day (no agent nor first verdict there), and the same per month for the
 * KPI series (migration 4, kpi_agent_months and kpi_site_months). */
typedef enum
{
  COUNTS_AGENT_DAYS,
  COUNTS_STATE_DAYS,
  COUNTS_AGENT_MONTHS,
  COUNTS_SITE_MONTHS,
} CountsTable;

/* Adds @g's n calls to its row of @table, in the caller's transaction;
 * the site tables ignore its agent (and call_state_days its first
 * verdict). */
static gboolean
counts_add (TamStore *store,
            CountsTable table,
            const DayGroup *g,
            GError **error)
{
  static const char *const sql[] = {
    [COUNTS_AGENT_DAYS] = "INSERT INTO call_agent_days (agent_id, day, site, service, state, first_verdict, n)"
                          " VALUES (?1, substr (?2, 1, 10), ?3, ?4, ?5, ?6, ?7)"
                          " ON CONFLICT (agent_id, day, site, service, state, first_verdict) DO UPDATE SET n = n + excluded.n",
    [COUNTS_STATE_DAYS] = "INSERT INTO call_state_days (site, service, day, state, n)"
                          " VALUES (?3, ?4, substr (?2, 1, 10), ?5, ?7)"
                          " ON CONFLICT (site, service, day, state) DO UPDATE SET n = n + excluded.n",
    [COUNTS_AGENT_MONTHS] = "INSERT INTO kpi_agent_months (month, agent_id, site, service, state, first_verdict, n)"
                            " VALUES (substr (?2, 1, 7), ?1, ?3, ?4, ?5, ?6, ?7)"
                            " ON CONFLICT (month, agent_id, site, service, state, first_verdict) DO UPDATE SET n = n + excluded.n",
    [COUNTS_SITE_MONTHS] = "INSERT INTO kpi_site_months (month, site, service, state, first_verdict, n)"
                           " VALUES (substr (?2, 1, 7), ?3, ?4, ?5, ?6, ?7)"
                           " ON CONFLICT (month, site, service, state, first_verdict) DO UPDATE SET n = n + excluded.n",
  };

  return days_exec (store, sql[table], g, error);
}

/* Adds the call @g (its n set to 1) to each of the four tables. */
static gboolean
counts_add_call (TamStore *store,
                 DayGroup *g,
                 GError **error)
{
  g->n = 1;
  for (CountsTable t = COUNTS_AGENT_DAYS; t <= COUNTS_SITE_MONTHS; t++)
    if (!counts_add (store, t, g, error))
      return FALSE;
  return TRUE;
}

/* Takes the call @g out of the four tables; in the caller's transaction.
 * Rows of call_agent_days that reach 0 are deleted (every agent's day
 * leaves PENDING as it is tapped: they would pile up); call_state_days
 * keeps its few. */
static gboolean
counts_remove (TamStore *store,
               const DayGroup *g,
               GError **error)
{
  static const char *const sql[] = {
    "UPDATE call_agent_days SET n = n - 1 WHERE agent_id = ?1 AND day = substr (?2, 1, 10)"
    " AND site = ?3 AND service = ?4 AND state = ?5 AND first_verdict = ?6",
    "DELETE FROM call_agent_days WHERE agent_id = ?1 AND day = substr (?2, 1, 10)"
    " AND site = ?3 AND service = ?4 AND state = ?5 AND first_verdict = ?6 AND n <= 0",
    "UPDATE call_state_days SET n = n - 1"
    " WHERE site = ?3 AND service = ?4 AND day = substr (?2, 1, 10) AND state = ?5",
    /* Their rows that reach 0 stay: a few per agent and month. */
    "UPDATE kpi_agent_months SET n = n - 1 WHERE month = substr (?2, 1, 7) AND agent_id = ?1"
    " AND site = ?3 AND service = ?4 AND state = ?5 AND first_verdict = ?6",
    "UPDATE kpi_site_months SET n = n - 1 WHERE month = substr (?2, 1, 7)"
    " AND site = ?3 AND service = ?4 AND state = ?5 AND first_verdict = ?6",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!days_exec (store, sql[i], g, error))
      return FALSE;
  return TRUE;
}

static guint
day_group_hash (gconstpointer data)
{
  const DayGroup *g = data;
  guint h = g_str_hash (g->day);

  h = h * 31 + (guint) g->agent_id;
  h = h * 31 + g_direct_hash (g->site);
  h = h * 31 + g_direct_hash (g->service);
  h = h * 31 + g_direct_hash (g->state);
  return h * 31 + g_direct_hash (g->first_verdict);
}

static gboolean
day_group_equal (gconstpointer a,
                 gconstpointer b)
{
  const DayGroup *x = a, *y = b;

  return x->agent_id == y->agent_id && x->site == y->site && x->service == y->service &&
         x->state == y->state && x->first_verdict == y->first_verdict && strcmp (x->day, y->day) == 0;
}

static void
day_group_count (GHashTable *groups,
                 const DayGroup *key,
                 gint64 n)
{
  DayGroup *g = g_hash_table_lookup (groups, key);

  if (g == NULL)
    {
      g = g_memdup2 (key, sizeof *key);
      g->n = 0;
      g_hash_table_add (groups, g);
    }
  g->n += n;
}

/* Adds the AGREE calls with @from < id <= @to to both tables; in the
 * caller's transaction. One pass over the calls in rowid order, grouped
 * here (cheaper than SQLite sorting them for a GROUP BY), then one upsert
 * per group. */
static gboolean
counts_absorb_range (TamStore *store,
                     gint64 from,
                     gint64 to,
                     GError **error)
{
  g_autoptr (GHashTable) agents = g_hash_table_new_full (day_group_hash, day_group_equal, g_free, NULL);
  g_autoptr (GHashTable) sites = g_hash_table_new_full (day_group_hash, day_group_equal, g_free, NULL);
  g_autoptr (GHashTable) months = g_hash_table_new_full (day_group_hash, day_group_equal, g_free, NULL);
  g_autoptr (GHashTable) site_months = g_hash_table_new_full (day_group_hash, day_group_equal, g_free, NULL);
  GHashTableIter iter;
  DayGroup *g;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tam_store_prepare (store,
                            "SELECT agent_id, call_start, site, service, state, COALESCE (first_verdict, '') FROM calls"
                            " WHERE id > ?1 AND id <= ?2 AND state IS NOT NULL",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DayGroup key = { 0 };

      key.agent_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (key.day, (const char *) sqlite3_column_text (stmt, 1), sizeof key.day);
      key.site = g_intern_string ((const char *) sqlite3_column_text (stmt, 2));
      key.service = g_intern_string ((const char *) sqlite3_column_text (stmt, 3));
      key.state = g_intern_string ((const char *) sqlite3_column_text (stmt, 4));
      key.first_verdict = g_intern_string ((const char *) sqlite3_column_text (stmt, 5));
      day_group_count (agents, &key, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not count the queue"));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, agents);
  while (g_hash_table_iter_next (&iter, (gpointer *) &g, NULL))
    {
      DayGroup key = *g;

      if (!counts_add (store, COUNTS_AGENT_DAYS, g, error))
        return FALSE;
      key.day[7] = '\0';
      day_group_count (months, &key, g->n);
      key.day[7] = g->day[7];
      key.agent_id = 0;
      key.first_verdict = NULL;
      day_group_count (sites, &key, g->n);
    }
  g_hash_table_iter_init (&iter, months);
  while (g_hash_table_iter_next (&iter, (gpointer *) &g, NULL))
    {
      DayGroup key = *g;

      if (!counts_add (store, COUNTS_AGENT_MONTHS, g, error))
        return FALSE;
      key.agent_id = 0;
      day_group_count (site_months, &key, g->n);
    }
  g_hash_table_iter_init (&iter, site_months);
  while (g_hash_table_iter_next (&iter, (gpointer *) &g, NULL))
    if (!counts_add (store, COUNTS_SITE_MONTHS, g, error))
      return FALSE;
  g_hash_table_iter_init (&iter, sites);
  while (g_hash_table_iter_next (&iter, (gpointer *) &g, NULL))
    if (!counts_add (store, COUNTS_STATE_DAYS, g, error))
      return FALSE;
  return TRUE;
}

/* The largest id of the calls queries may see: an import in progress
 * hides its rows from the counts too, until it publishes them. (Not
 * max () with a WHERE: SQLite would scan the table for it; this walks
 * the rowids down from the bound.) */
static const char VISIBLE_MAX_SQL[] =
    "SELECT COALESCE ((SELECT c.id FROM calls c WHERE " TAM_CALL_VISIBLE ("c") " ORDER BY c.id DESC LIMIT 1), 0)";

/* Calls absorbed per step: the first count after an upgrade or a big
 * import holds the write lock for about 25 ms at a time, not for all
 * of it (other desks wait for the lock up to their busy timeout), and the
 * groups of a step stay small. */
#define COUNTS_STEP 20000

/* Adds the calls above 'queue_counts_upto': one step of COUNTS_STEP ids,
 * or all of them (@all); in the caller's transaction. */
static gboolean
counts_absorb (TamStore *store,
               gboolean all,
               GError **error)
{
  gint64 upto = counts_upto (store);
  gint64 max = tam_store_query_int (store, VISIBLE_MAX_SQL, 0, error);
  g_autofree char *upto_text = NULL;

  if (error != NULL && *error != NULL)
    return FALSE;
  if (max <= upto)
    return TRUE;
  do
    {
      gint64 to = MIN (max, upto + COUNTS_STEP);

      if (!counts_absorb_range (store, upto, to, error))
        return FALSE;
      upto = to;
    }
  while (all && upto < max);
  upto_text = g_strdup_printf ("%" G_GINT64_FORMAT, upto);
  return tam_store_set_setting (store, "queue_counts_upto", upto_text, error);
}

/* TRUE when calls were added since the counts were last brought up to
 * date (a cheap check: a setting and the largest rowid). */
gboolean
_tam_queue_counts_behind (TamStore *store)
{
  return tam_store_query_int (store, VISIBLE_MAX_SQL, 0, NULL) > counts_upto (store);
}

gboolean
tam_queue_counts_update (TamStore *store,
                         GError **error)
{
  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (tam_store_in_transaction (store))
    return counts_absorb (store, TRUE, error);
  while (_tam_queue_counts_behind (store))
    {
      /* Under the write lock, so two desks do not add the same calls. */
      if (!tam_store_begin (store, error))
        return FALSE;
      if (!counts_absorb (store, FALSE, error))
        {
          tam_store_rollback (store);
          return FALSE;
        }
      if (!tam_store_commit (store, error))
        return FALSE;
      /* A million new calls take fifty steps: desks waiting to write
       * go between them. */
      if (_tam_queue_counts_behind (store))
        tam_store_yield ();
    }
  return TRUE;
}

gboolean
tam_queue_counts_rebuild (TamStore *store,
                          GError **error)
{
  gboolean own_tx;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if (!tam_store_exec (store, "DELETE FROM call_state_days", error) ||
      !tam_store_exec (store, "DELETE FROM call_agent_days", error) ||
      !tam_store_exec (store, "DELETE FROM kpi_agent_months", error) ||
      !tam_store_exec (store, "DELETE FROM kpi_site_months", error) ||
      !tam_store_set_setting (store, "queue_counts_upto", "0", error) ||
      !counts_absorb (store, TRUE, error))
    return tam_store_rollback_own (store, own_tx);
  return tam_store_commit_own (store, own_tx, error);
}

/* A verdict, undo or re-call has just changed call @id, which was in
 * @old_state with @old_first_verdict (NULL: none): moves it in both
 * tables to what the calls row says now. In the caller's transaction.
 * Calls not absorbed yet are counted with their state of then. */
/* Reads call @id into @g (the codes interned): 1, or 0 when there is no
 * such call or it is no AGREE call, or -1 with @error. */
static int
call_group (TamStore *store,
            gint64 id,
            DayGroup *g,
            GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store,
                                          "SELECT agent_id, call_start, site, service, state, COALESCE (first_verdict, '')"
                                          " FROM calls WHERE id = ? AND state IS NOT NULL",
                                          error);
  int found = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g->agent_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (g->day, (const char *) sqlite3_column_text (stmt, 1), sizeof g->day);
      g->site = g_intern_string ((const char *) sqlite3_column_text (stmt, 2));
      g->service = g_intern_string ((const char *) sqlite3_column_text (stmt, 3));
      g->state = g_intern_string ((const char *) sqlite3_column_text (stmt, 4));
      g->first_verdict = g_intern_string ((const char *) sqlite3_column_text (stmt, 5));
      found = 1;
    }
  sqlite3_reset (stmt);
  return found;
}

gboolean
_tam_queue_counts_move (TamStore *store,
                        gint64 id,
                        const char *old_state,
                        const char *old_first_verdict,
                        GError **error)
{
  DayGroup now = { 0 }, before;
  int found;

  if (id > counts_upto (store))
    return TRUE;
  found = call_group (store, id, &now, error);
  if (found == 0)
    tam_store_set_error (store, error, _ ("Could not count the queue"));
  if (found <= 0)
    return FALSE;
  before = now;
  before.state = old_state;
  before.first_verdict = old_first_verdict;
  return counts_remove (store, &before, error) && counts_add_call (store, &now, error);
}

/* Whether the counts can come from the tables now: brings them up to
 * date first, unless the caller holds a transaction (then they are used
 * only if already current). */
static gboolean
counts_ready (TamStore *store)
{
  if (tam_store_in_transaction (store))
    return !_tam_queue_counts_behind (store);
  return tam_queue_counts_update (store, NULL);
}

gboolean
_tam_queue_counts_ready (TamStore *store)
{
  return counts_ready (store);
}

gboolean
tam_queue_counts_call_replaced (TamStore *store,
                                gint64 id,
                                gint64 old_agent_id,
                                const char *old_start,
                                const char *old_site,
                                const char *old_service,
                                const char *old_state,
                                GError **error)
{
  DayGroup before = { old_agent_id, old_site, old_service, old_state, "", "", 0 }, now = { 0 };
  int found;

  if (id > counts_upto (store))
    return TRUE; /* not counted yet: the next count takes it as it is */
  g_strlcpy (before.day, old_start != NULL ? old_start : "", sizeof before.day);
  if (old_state != NULL && !counts_remove (store, &before, error))
    return FALSE;
  /* A call changed by a re-import has no verdict yet (a tapped one is
   * refused): it counts with no first verdict. */
  found = call_group (store, id, &now, error);
  if (found <= 0)
    return found == 0;
  now.first_verdict = "";
  return counts_add_call (store, &now, error);
}
