/* tam-queue.c: the queue of calls to tap: filters, pages, keyset paging,
 * positions and counts (issue 3). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-tapping-private.h"
#include "tam-tapping.h"

TamQueueFilter *
tam_queue_filter_new (void)
{
  return g_new0 (TamQueueFilter, 1);
}

TamQueueFilter *
tam_queue_filter_copy (const TamQueueFilter *filter)
{
  TamQueueFilter *f = g_new0 (TamQueueFilter, 1);

  if (filter == NULL)
    return f;
  f->from = g_strdup (filter->from);
  f->to = g_strdup (filter->to);
  f->site = g_strdup (filter->site);
  f->service = g_strdup (filter->service);
  f->team_leader_id = filter->team_leader_id;
  f->agent_id = filter->agent_id;
  f->state = g_strdup (filter->state);
  return f;
}

void
tam_queue_filter_free (TamQueueFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->from);
  g_free (filter->to);
  g_free (filter->site);
  g_free (filter->service);
  g_free (filter->state);
  g_free (filter);
}

static const char *
nonempty (const char *s)
{
  return (s != NULL && *s != '\0') ? s : NULL;
}

gboolean
tam_queue_filter_equal (const TamQueueFilter *a,
                        const TamQueueFilter *b)
{
  TamQueueFilter empty = { 0 };

  if (a == NULL)
    a = &empty;
  if (b == NULL)
    b = &empty;
  return g_strcmp0 (nonempty (a->from), nonempty (b->from)) == 0 &&
         g_strcmp0 (nonempty (a->to), nonempty (b->to)) == 0 &&
         g_strcmp0 (nonempty (a->site), nonempty (b->site)) == 0 &&
         g_strcmp0 (nonempty (a->service), nonempty (b->service)) == 0 &&
         g_strcmp0 (nonempty (a->state), nonempty (b->state)) == 0 &&
         a->team_leader_id == b->team_leader_id &&
         a->agent_id == b->agent_id;
}

/* ------------------------------------------------------------------ */
/* The queue
 *
 * Each query is assembled once per store from fixed SQL fragments (never
 * from values: every value is a bound parameter) and then kept, so that
 * tam_store_prepare caches its statement. The fragment chosen decides the
 * index (see calls_queue, calls_waiting_site and calls_queue_agent in
 * tam-schema.c): SQLite cannot pick an index for "(?3 IS NULL OR
 * c.site = ?3)", so the filter that narrows most drives the query through
 * an index and the others are checked on the rows it yields.
 *
 * Counts come from call_state_days (see below), a sum over at most a few
 * rows per site, service and day; with an agent or team filter from
 * call_agent_days, a few rows per agent and day. Only inside a caller's
 * transaction, when calls were added since, do they count the calls.
 *
 * Parameters: ?1 call_start lower bound (inclusive), ?2 upper bound
 * (exclusive), ?3 site, ?4 service, ?5 team leader id, ?6 agent id,
 * ?7 state, ?8 / ?9 keyset call_start / id, ?10 limit, ?11 offset. */

typedef enum
{
  QUERY_COUNT,
  QUERY_FETCH,      /* LIMIT / OFFSET */
  QUERY_FETCH_BACK, /* LIMIT / OFFSET counted from the end */
  QUERY_AFTER,      /* keyset: rows after (?8, ?9) */
  QUERY_POSITION,   /* count of rows before (?8, ?9) */
  QUERY_STATES,     /* count per state */
  N_QUERIES
} QueryKind;

typedef enum
{
  PATH_AGENT,
  PATH_TEAM,
  PATH_SITE,
  PATH_SERVICE,
  PATH_ALL,
  N_PATHS
} QueryPath;

typedef enum
{
  MODE_WAITING, /* PENDING or RECALLED */
  MODE_STATE,   /* state = ?7 */
  MODE_ANY,     /* every tapping state (per-state counts) */
  N_MODES
} QueryMode;

typedef struct
{
  char *from;    /* inclusive lower bound on call_start */
  char *to_excl; /* exclusive upper bound */
  const char *site;
  const char *service;
  gint64 team_leader_id;
  gint64 agent_id;
  const char *state; /* MODE_STATE only */
  QueryPath path;
  QueryMode mode;
  gboolean empty; /* the filter contradicts the session's scope */
} QueueParams;

static void
queue_params_clear (QueueParams *p)
{
  g_free (p->from);
  g_free (p->to_excl);
}

static gboolean
is_state (const char *state)
{
  return tam_call_state_from_code (state) != TAM_CALL_STATE_NONE;
}

/* "YYYY-MM-DD" -> the next day, NULL when it is not a date. */
static char *
next_day (const char *date)
{
  g_autofree char *canonical = tam_parse_date (date);
  GDate d;
  int y, m, day;
  char buf[16];

  if (canonical == NULL || sscanf (canonical, "%d-%d-%d", &y, &m, &day) != 3)
    return NULL;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) m, (GDateYear) y);
  g_date_add_days (&d, 1);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d",
              g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  return g_strdup (buf);
}

static gboolean
queue_params_init (QueueParams *p,
                   const TamSession *session,
                   const TamQueueFilter *filter,
                   gboolean any_state,
                   GError **error)
{
  const char *scope_site;
  gint64 scope_tl;
  TamQueueFilter empty = { 0 };

  memset (p, 0, sizeof *p);
  if (filter == NULL)
    filter = &empty;
  if (!_tam_tapping_scope (session, &scope_site, &scope_tl, error))
    return FALSE;

  if (nonempty (filter->from) != NULL)
    {
      p->from = tam_parse_date (filter->from);
      if (p->from == NULL)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                       _ ("“%s” is not a date (YYYY-MM-DD)"), filter->from);
          return FALSE;
        }
    }
  else
    p->from = g_strdup ("");
  if (nonempty (filter->to) != NULL)
    {
      p->to_excl = next_day (filter->to);
      if (p->to_excl == NULL)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                       _ ("“%s” is not a date (YYYY-MM-DD)"), filter->to);
          queue_params_clear (p);
          return FALSE;
        }
    }
  else
    p->to_excl = g_strdup ("9999");

  p->site = nonempty (filter->site);
  p->service = nonempty (filter->service);
  p->team_leader_id = filter->team_leader_id;
  p->agent_id = filter->agent_id;

  if (scope_site != NULL)
    {
      if (p->site != NULL && g_strcmp0 (p->site, scope_site) != 0)
        p->empty = TRUE;
      p->site = scope_site;
    }
  if (scope_tl != 0)
    {
      if (p->team_leader_id != 0 && p->team_leader_id != scope_tl)
        p->empty = TRUE;
      p->team_leader_id = scope_tl;
    }

  if (any_state)
    p->mode = MODE_ANY;
  else if (nonempty (filter->state) == NULL)
    p->mode = MODE_WAITING;
  else if (is_state (filter->state))
    {
      p->mode = MODE_STATE;
      p->state = filter->state;
    }
  else
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("“%s” is not a tapping state"), filter->state);
      queue_params_clear (p);
      return FALSE;
    }

  if (p->agent_id != 0)
    p->path = PATH_AGENT;
  else if (p->team_leader_id != 0)
    p->path = PATH_TEAM;
  else if (p->site != NULL)
    p->path = PATH_SITE;
  else if (p->service != NULL)
    p->path = PATH_SERVICE;
  else
    p->path = PATH_ALL;
  return TRUE;
}

/* Binds the filter to any of the queue's statements, those of the count
 * tables included: a number a statement does not use is refused
 * (SQLITE_RANGE) and harmless. */
static void
queue_params_bind (const QueueParams *p,
                   sqlite3_stmt *stmt)
{
  sqlite3_bind_text (stmt, 1, p->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p->to_excl, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 3, p->site);
  tam_stmt_bind_text_or_null (stmt, 4, p->service);
  if (p->team_leader_id != 0)
    sqlite3_bind_int64 (stmt, 5, p->team_leader_id);
  if (p->agent_id != 0)
    sqlite3_bind_int64 (stmt, 6, p->agent_id);
  if (p->mode == MODE_STATE)
    sqlite3_bind_text (stmt, 7, p->state, -1, SQLITE_TRANSIENT);
}

static void
free_sql_cache (gpointer data)
{
  g_hash_table_unref (data);
}

/* The WHERE of one walk: " FROM calls c INDEXED BY ... WHERE ...". */
static void
append_where (GString *sql,
              const char *index,
              QueryPath path,
              const char *state_term,
              QueryKind kind)
{
  static const char *const driving[N_PATHS] = {
    [PATH_AGENT] = "c.agent_id = ?6 AND ",
    [PATH_TEAM] = "c.agent_id IN (SELECT id FROM people WHERE team_leader_id = ?5) AND ",
    [PATH_SITE] = "c.site = ?3 AND ",
    [PATH_SERVICE] = "",
    [PATH_ALL] = "",
  };

  g_string_append (sql, " FROM calls c INDEXED BY ");
  g_string_append (sql, index);
  g_string_append (sql, " WHERE ");
  g_string_append (sql, driving[path]);
  g_string_append (sql, state_term);
  g_string_append (sql,
                   " AND c.call_start >= ?1 AND c.call_start < ?2 AND " TAM_CALL_VISIBLE ("c") " AND (?3 IS NULL OR c.site = ?3)"
                                                                                               " AND (?4 IS NULL OR c.service = ?4)"
                                                                                               " AND (?5 IS NULL OR c.agent_id IN (SELECT id FROM people WHERE team_leader_id = ?5))"
                                                                                               " AND (?6 IS NULL OR c.agent_id = ?6)");
  if (kind == QUERY_AFTER)
    g_string_append (sql, " AND (c.call_start, c.id) > (?8, ?9)");
  else if (kind == QUERY_POSITION)
    g_string_append (sql, " AND (c.call_start, c.id) < (?8, ?9)");
}

/* The SQL text for one (kind, path, mode), built once per store from the
 * fragments below and kept alive as long as the store, so its address can
 * key the statement cache.
 *
 * The waiting calls of every site (or of a service) have no index of
 * their own: they are two ranges of calls_queue, PENDING and RECALLED,
 * each in queue order, which a compound SELECT merges (SQLite's merge of
 * a UNION ALL ordered the way both sides are), so a page is still an
 * index walk. One index less for every imported call to go into. */
static const char *
queue_sql (TamStore *store,
           QueryKind kind,
           QueryPath path,
           QueryMode mode)
{
  static const char *const state_term[N_MODES] = {
    [MODE_WAITING] = "c.state IN ('PENDING','RECALLED')",
    [MODE_STATE] = "c.state = ?7",
    [MODE_ANY] = "c.state IS NOT NULL",
  };
  GHashTable *cache;
  guint key = (guint) kind * 100 + (guint) path * 10 + (guint) mode + 1;
  /* An agent's or a team's calls are walked by agent; the waiting calls
   * of one site have an index of their own; the rest walk the queue. */
  const char *index = path == PATH_AGENT || path == PATH_TEAM     ? "calls_queue_agent"
                      : mode == MODE_WAITING && path == PATH_SITE ? "calls_waiting_site"
                                                                  : "calls_queue";
  gboolean merge;
  GString *sql;
  char *text;

  cache = g_object_get_data (G_OBJECT (store), "tam-queue-sql");
  if (cache == NULL)
    {
      cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      g_object_set_data_full (G_OBJECT (store), "tam-queue-sql", cache, free_sql_cache);
    }
  text = g_hash_table_lookup (cache, GUINT_TO_POINTER (key));
  if (text != NULL)
    return text;

  /* Literal fragments only: no value ever enters the text. A count needs
   * no order: the IN list is two ranges of the index either way. */
  merge = mode == MODE_WAITING && (path == PATH_ALL || path == PATH_SERVICE) &&
          kind != QUERY_COUNT && kind != QUERY_STATES;
  sql = g_string_new (NULL);
  switch (kind)
    {
    case QUERY_COUNT:
    case QUERY_POSITION:
      if (merge)
        {
          g_string_append (sql, "SELECT (SELECT count(*)");
          append_where (sql, index, path, "c.state = 'PENDING'", kind);
          g_string_append (sql, ") + (SELECT count(*)");
          append_where (sql, index, path, "c.state = 'RECALLED'", kind);
          g_string_append (sql, ")");
        }
      else
        {
          g_string_append (sql, "SELECT count(*)");
          append_where (sql, index, path, state_term[mode], kind);
        }
      break;
    case QUERY_STATES:
      g_string_append (sql, "SELECT c.state, count(*)");
      append_where (sql, index, path, state_term[mode], kind);
      g_string_append (sql, " GROUP BY c.state");
      break;
    case QUERY_FETCH:
    case QUERY_AFTER:
    case QUERY_FETCH_BACK:
      {
        const char *order = kind == QUERY_FETCH_BACK ? " DESC" : "";

        g_string_append (sql, "SELECT " CALL_COLUMNS " FROM (SELECT c.id AS id, c.call_start AS call_start");
        if (merge)
          {
            append_where (sql, index, path, "c.state = 'PENDING'", kind);
            g_string_append (sql, " UNION ALL SELECT c.id, c.call_start");
            append_where (sql, index, path, "c.state = 'RECALLED'", kind);
            g_string_append_printf (sql, " ORDER BY 2%s, 1%s", order, order);
          }
        else
          {
            append_where (sql, index, path, state_term[mode], kind);
            g_string_append_printf (sql, " ORDER BY c.call_start%s, c.id%s", order, order);
          }
        g_string_append (sql, " LIMIT ?10 OFFSET ?11) AS page"
                              " JOIN calls c ON c.id = page.id" CALL_JOINS
                              " ORDER BY c.call_start, c.id");
      }
      break;
    case N_QUERIES:
    default:
      g_assert_not_reached ();
    }
  text = g_string_free (sql, FALSE);
  g_hash_table_insert (cache, GUINT_TO_POINTER (key), text);
  return text;
}

static gint64
run_count (TamStore *store,
           sqlite3_stmt *stmt,
           GError **error)
{
  gint64 n = -1;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tam_store_set_error (store, error, _ ("Could not count the queue"));
  sqlite3_reset (stmt);
  return n;
}

/* The counts of an agent or a team: sums over their rows of
 * call_agent_days, one range of days per agent. The parameters are those
 * of the queue's queries (queue_params_bind). */
#define AGENT_DAYS_WHERE(driving)                                                              \
  " FROM call_agent_days WHERE " driving                                                       \
  " AND day >= ?1 AND day < ?2 AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR service = ?4)" \
  " AND (?5 IS NULL OR agent_id IN (SELECT id FROM people WHERE team_leader_id = ?5))"         \
  " AND (?6 IS NULL OR agent_id = ?6)"
#define DRIVE_AGENT "agent_id = ?6"
#define DRIVE_TEAM "agent_id IN (SELECT id FROM people WHERE team_leader_id = ?5)"

static const char *
agent_days_sql (QueryKind kind,
                QueryPath path,
                QueryMode mode)
{
  static const char *const sql[2][3] = {
    {
        "SELECT COALESCE (sum (n), 0)" AGENT_DAYS_WHERE (DRIVE_AGENT) " AND state IN ('PENDING','RECALLED')",
        "SELECT COALESCE (sum (n), 0)" AGENT_DAYS_WHERE (DRIVE_AGENT) " AND state = ?7",
        "SELECT state, sum (n)" AGENT_DAYS_WHERE (DRIVE_AGENT) " GROUP BY state",
    },
    {
        "SELECT COALESCE (sum (n), 0)" AGENT_DAYS_WHERE (DRIVE_TEAM) " AND state IN ('PENDING','RECALLED')",
        "SELECT COALESCE (sum (n), 0)" AGENT_DAYS_WHERE (DRIVE_TEAM) " AND state = ?7",
        "SELECT state, sum (n)" AGENT_DAYS_WHERE (DRIVE_TEAM) " GROUP BY state",
    },
  };

  g_assert (path == PATH_AGENT || path == PATH_TEAM);
  return sql[path == PATH_TEAM][kind == QUERY_STATES ? 2 : mode == MODE_STATE ? 1
                                                                              : 0];
}

/* The prepared and bound statement of a count (QUERY_COUNT) or of the
 * counts per state (QUERY_STATES) under @p: from the per-day tables
 * whenever they are up to date (call_agent_days for an agent or a team,
 * call_state_days for the rest), else from the calls. */
static sqlite3_stmt *
count_stmt (TamStore *store,
            const QueueParams *p,
            QueryKind kind,
            GError **error)
{
#define STATE_DAYS_WHERE                               \
  " FROM call_state_days WHERE day >= ?1 AND day < ?2" \
  " AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR service = ?4)"
  static const char *const state_days_sql[] = {
    "SELECT COALESCE (sum (n), 0)" STATE_DAYS_WHERE " AND state IN ('PENDING','RECALLED')",
    "SELECT COALESCE (sum (n), 0)" STATE_DAYS_WHERE " AND state = ?7",
    "SELECT state, sum (n)" STATE_DAYS_WHERE " GROUP BY state",
  };
#undef STATE_DAYS_WHERE
  gboolean by_day = _tam_queue_counts_ready (store);
  const char *sql;
  sqlite3_stmt *stmt;

  if (by_day && (p->path == PATH_AGENT || p->path == PATH_TEAM))
    sql = agent_days_sql (kind, p->path, p->mode);
  else if (by_day)
    sql = state_days_sql[kind == QUERY_STATES ? 2 : p->mode == MODE_STATE ? 1
                                                                          : 0];
  else
    sql = queue_sql (store, kind, p->path, p->mode);
  stmt = tam_store_prepare (store, sql, error);
  if (stmt != NULL)
    queue_params_bind (p, stmt);
  return stmt;
}

gint64
tam_queue_count (TamStore *store,
                 const TamSession *session,
                 const TamQueueFilter *filter,
                 GError **error)
{
  QueueParams p;
  sqlite3_stmt *stmt;
  gint64 n;

  g_return_val_if_fail (TAM_IS_STORE (store), -1);

  if (!queue_params_init (&p, session, filter, FALSE, error))
    return -1;
  if (p.empty)
    {
      queue_params_clear (&p);
      return 0;
    }
  stmt = count_stmt (store, &p, QUERY_COUNT, error);
  if (stmt == NULL)
    {
      queue_params_clear (&p);
      return -1;
    }
  n = run_count (store, stmt, error);
  queue_params_clear (&p);
  return n;
}

static GPtrArray *
run_fetch (TamStore *store,
           const TamSession *session,
           sqlite3_stmt *stmt,
           GError **error)
{
  g_autoptr (GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_call_free);
  g_autofree char *cutoff = _tam_claim_cutoff (store);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (calls, _tam_call_from_row (stmt, session, cutoff));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not read the queue"));
      return NULL;
    }
  return g_steal_pointer (&calls);
}

/* A filter the walked index does not hold (a service, or a site with a
 * state other than waiting) is checked on every row the walk yields: when
 * few calls match among many, a page walks far, and when none match it
 * walks the whole index (a second or more at a million waiting calls).
 * The per-day counts know which days hold matching calls: start the walk
 * at the first such day and stop after the last; none at all, nothing to
 * walk. Only when the counts are up to date in the caller's snapshot.
 * Returns FALSE when the filter matches no call. */
static gboolean
narrow_by_days (TamStore *store,
                QueueParams *p)
{
  sqlite3_stmt *stmt;
  gboolean any = TRUE;

  if (p->path != PATH_SITE && p->path != PATH_SERVICE)
    return TRUE;
  if (p->path == PATH_SITE && p->mode == MODE_WAITING && p->service == NULL)
    return TRUE; /* calls_waiting_site holds exactly these */
  if (p->mode == MODE_ANY || _tam_queue_counts_behind (store))
    return TRUE;

#define NARROW_SQL(state_term)                                                                    \
  "SELECT min (day), max (day) FROM call_state_days WHERE day >= substr (?1, 1, 10) AND day < ?2" \
  " AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR service = ?4) AND " state_term " AND n > 0"
  stmt = tam_store_prepare (store,
                            p->mode == MODE_WAITING ? NARROW_SQL ("state IN ('PENDING','RECALLED')")
                                                    : NARROW_SQL ("state = ?7"),
                            NULL);
#undef NARROW_SQL
  if (stmt == NULL)
    return TRUE;
  queue_params_bind (p, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *first = (const char *) sqlite3_column_text (stmt, 0);
      const char *last = (const char *) sqlite3_column_text (stmt, 1);

      if (first == NULL || last == NULL)
        any = FALSE;
      else
        {
          g_autofree char *after_last = next_day (last);

          /* p->from may be a whole call_start (keyset paging). */
          if (strcmp (first, p->from) > 0)
            {
              g_free (p->from);
              p->from = g_strdup (first);
            }
          if (after_last != NULL && strcmp (after_last, p->to_excl) < 0)
            {
              g_free (p->to_excl);
              p->to_excl = g_steal_pointer (&after_last);
            }
        }
    }
  sqlite3_reset (stmt);
  return any;
}

/* A page of nothing, for a filter that matches no call. Clears @p. */
static GPtrArray *
empty_page (QueueParams *p)
{
  queue_params_clear (p);
  return g_ptr_array_new_with_free_func ((GDestroyNotify) tam_call_free);
}

/* Reads one page with the query @kind of @p: @limit rows from @offset,
 * after the keyset row (@after_call_start, @after_id) when it is given.
 * Clears @p. */
static GPtrArray *
fetch_page (TamStore *store,
            const TamSession *session,
            QueueParams *p,
            QueryKind kind,
            const char *after_call_start,
            gint64 after_id,
            gint64 limit,
            gint64 offset,
            GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, queue_sql (store, kind, p->path, p->mode), error);
  GPtrArray *calls = NULL;

  if (stmt != NULL)
    {
      queue_params_bind (p, stmt);
      if (after_call_start != NULL)
        {
          sqlite3_bind_text (stmt, 8, after_call_start, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 9, after_id);
        }
      sqlite3_bind_int64 (stmt, 10, limit);
      sqlite3_bind_int64 (stmt, 11, offset);
      calls = run_fetch (store, session, stmt, error);
    }
  queue_params_clear (p);
  return calls;
}

/* Where a page of the queue starts: after the call (after_call_start,
 * after_id) (tam_queue_fetch_after), or with after_call_start NULL, at
 * row offset (tam_queue_fetch); limit calls at the most. */
typedef struct
{
  const char *after_call_start;
  gint64 after_id;
  gint64 offset;
  guint limit;
} PageAt;

/* A page of the queue in the caller's transaction. */
static GPtrArray *
queue_fetch_in_tx (TamStore *store,
                   const TamSession *session,
                   const TamQueueFilter *filter,
                   const PageAt *at,
                   GError **error)
{
  const char *after_call_start = at->after_call_start;
  gint64 offset = at->offset;
  guint limit = at->limit;
  QueueParams p;

  if (!queue_params_init (&p, session, filter, FALSE, error))
    return NULL;
  /* One lower bound for the index range: the later of the two. */
  if (after_call_start != NULL && strcmp (after_call_start, p.from) > 0)
    {
      g_free (p.from);
      p.from = g_strdup (after_call_start);
    }
  if (p.empty || limit == 0 || !narrow_by_days (store, &p))
    return empty_page (&p);
  if (after_call_start != NULL)
    return fetch_page (store, session, &p, QUERY_AFTER, after_call_start, at->after_id, limit, 0, error);
  offset = MAX (offset, 0);

  /* OFFSET walks every row before the page: past the middle of a long
   * list, walk from the end instead (a scrollbar dragged to the bottom).
   * The count and the page are read in one snapshot. */
  if (offset >= 5000)
    {
      gint64 n = tam_queue_count (store, session, filter, error);

      if (n < 0)
        {
          queue_params_clear (&p);
          return NULL;
        }
      if (offset > n / 2)
        {
          gint64 back = n - offset - (gint64) limit;
          gint64 rows = back < 0 ? (gint64) limit + back : (gint64) limit;

          if (rows <= 0)
            return empty_page (&p);
          return fetch_page (store, session, &p, QUERY_FETCH_BACK, NULL, 0, rows, MAX (back, 0), error);
        }
    }
  return fetch_page (store, session, &p, QUERY_FETCH, NULL, 0, limit, offset, error);
}

/* One snapshot for the per-day counts (narrow_by_days), the count of a
 * deep page and the rows: a read transaction unless the caller has one.
 * The counts are not brought up to date here (after a large import that
 * takes a while, and this runs on the window's main loop): while they are
 * behind, the calls are counted. */
static gboolean
snapshot_begin (TamStore *store,
                gboolean *own_tx,
                GError **error)
{
  *own_tx = !tam_store_in_transaction (store);
  return !*own_tx || tam_store_exec (store, "BEGIN", error);
}

static void
snapshot_end (TamStore *store,
              gboolean own_tx)
{
  if (own_tx)
    tam_store_exec (store, "COMMIT", NULL);
}

/* queue_fetch_in_tx in one snapshot. */
static GPtrArray *
queue_fetch (TamStore *store,
             const TamSession *session,
             const TamQueueFilter *filter,
             const PageAt *at,
             GError **error)
{
  gboolean own_tx;
  GPtrArray *calls;

  if (!snapshot_begin (store, &own_tx, error))
    return NULL;
  calls = queue_fetch_in_tx (store, session, filter, at, error);
  snapshot_end (store, own_tx);
  return calls;
}

GPtrArray *
tam_queue_fetch (TamStore *store,
                 const TamSession *session,
                 const TamQueueFilter *filter,
                 gint64 offset,
                 guint limit,
                 GError **error)
{
  PageAt at = { NULL, 0, offset, limit };

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  return queue_fetch (store, session, filter, &at, error);
}

GPtrArray *
tam_queue_fetch_after (TamStore *store,
                       const TamSession *session,
                       const TamQueueFilter *filter,
                       const char *after_call_start,
                       gint64 after_id,
                       guint limit,
                       GError **error)
{
  PageAt at = { after_call_start, after_id, 0, limit };

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  return queue_fetch (store, session, filter, &at, error);
}

gint64
tam_queue_position (TamStore *store,
                    const TamSession *session,
                    const TamQueueFilter *filter,
                    gint64 id,
                    GError **error)
{
  g_autoptr (TamCall) call = NULL;
  g_autoptr (GError) local_error = NULL;
  QueueParams p;
  sqlite3_stmt *stmt;
  gint64 n;
  char *upper;

  g_return_val_if_fail (TAM_IS_STORE (store), -1);

  call = tam_call_get (store, session, id, &local_error);
  if (call == NULL)
    {
      if (g_error_matches (local_error, TAM_ERROR, TAM_ERROR_NOT_FOUND))
        return -1;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  if (!queue_params_init (&p, session, filter, FALSE, error))
    return -1;

  /* Is the call itself in the filtered queue? */
  if (p.empty ||
      strcmp (call->call_start, p.from) < 0 || strcmp (call->call_start, p.to_excl) >= 0 ||
      (p.site != NULL && g_strcmp0 (call->site, p.site) != 0) ||
      (p.service != NULL && g_strcmp0 (call->service, p.service) != 0) ||
      (p.agent_id != 0 && call->agent_id != p.agent_id) ||
      (p.team_leader_id != 0 && call->team_leader_id != p.team_leader_id) ||
      (p.mode == MODE_WAITING && !tam_call_state_is_waiting (tam_call_get_state (call))) ||
      (p.mode == MODE_STATE && g_strcmp0 (call->state, p.state) != 0))
    {
      queue_params_clear (&p);
      return -1;
    }

  /* Rows before (call_start, id): the upper bound becomes call_start
   * inclusive, i.e. exclusive just above it ("\1" sorts before any
   * character a timestamp may hold). */
  upper = g_strconcat (call->call_start, "\1", NULL);
  if (strcmp (upper, p.to_excl) < 0)
    {
      g_free (p.to_excl);
      p.to_excl = upper;
    }
  else
    g_free (upper);

  stmt = tam_store_prepare (store, queue_sql (store, QUERY_POSITION, p.path, p.mode), error);
  if (stmt == NULL)
    {
      queue_params_clear (&p);
      return -1;
    }
  queue_params_bind (&p, stmt);
  sqlite3_bind_text (stmt, 8, call->call_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, call->id);
  n = run_count (store, stmt, error);
  queue_params_clear (&p);
  return n;
}

int
tam_call_state_count_index (TamCallState state)
{
  switch (state)
    {
    case TAM_CALL_STATE_PENDING:
      return TAM_STATE_PENDING;
    case TAM_CALL_STATE_VALID:
      return TAM_STATE_VALID;
    case TAM_CALL_STATE_RETURNED:
      return TAM_STATE_RETURNED;
    case TAM_CALL_STATE_RECALLED:
      return TAM_STATE_RECALLED;
    case TAM_CALL_STATE_NONE:
    default:
      return -1;
    }
}

static int
state_index (const char *state)
{
  return tam_call_state_count_index (tam_call_state_from_code (state));
}

gboolean
tam_queue_state_counts (TamStore *store,
                        const TamSession *session,
                        const TamQueueFilter *filter,
                        gint64 counts[TAM_N_STATES],
                        GError **error)
{
  QueueParams p;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  for (int i = 0; i < TAM_N_STATES; i++)
    counts[i] = 0;
  if (!queue_params_init (&p, session, filter, TRUE, error))
    return FALSE;
  if (p.empty)
    {
      queue_params_clear (&p);
      return TRUE;
    }
  stmt = count_stmt (store, &p, QUERY_STATES, error);
  if (stmt == NULL)
    {
      queue_params_clear (&p);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = state_index ((const char *) sqlite3_column_text (stmt, 0));
      if (i >= 0)
        counts[i] = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  queue_params_clear (&p);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not count the queue"));
      return FALSE;
    }
  return TRUE;
}
