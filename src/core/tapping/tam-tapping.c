/* tam-tapping.c: the tapping queue, verdicts, undo, the return loop and
 * the assessment parameters (issue 3). See tam-tapping.h for the rules.
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
#include "tam-tapping.h"
#include "tam-tapping-private.h"

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
  g_free (call);
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

void
tam_tapping_record_free (TamTappingRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->actor_nik);
  g_free (record->actor_name);
  g_free (record->at);
  g_free (record->verdict);
  g_free (record->text);
  g_free (record->recording);
  g_strfreev (record->failed_codes);
  g_free (record);
}

TamParameter *
tam_parameter_new (void)
{
  TamParameter *p = g_new0 (TamParameter, 1);

  p->active = TRUE;
  return p;
}

TamParameter *
tam_parameter_copy (const TamParameter *parameter)
{
  TamParameter *p;

  g_return_val_if_fail (parameter != NULL, NULL);

  p = g_new0 (TamParameter, 1);
  p->id = parameter->id;
  p->service = g_strdup (parameter->service);
  p->code = g_strdup (parameter->code);
  p->text = g_strdup (parameter->text);
  p->critical = parameter->critical;
  p->active = parameter->active;
  p->position = parameter->position;
  return p;
}

void
tam_parameter_free (TamParameter *parameter)
{
  if (parameter == NULL)
    return;
  g_free (parameter->service);
  g_free (parameter->code);
  g_free (parameter->text);
  g_free (parameter);
}

/* ------------------------------------------------------------------ */
/* Visibility and claims */

/* What a session may see, as forced filter values: a QCO their site, a
 * TEAM_LEADER their team. FALSE with TAM_ERROR_PERMISSION for roles that
 * have no business in the queue. */
gboolean
_tam_tapping_scope (const TamSession  *session,
                    const char       **site,
                    gint64            *team_leader_id,
                    GError           **error)
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
               _("%s (%s) may not see the tapping queue as %s"),
               session->name, session->nik, tam_role_label (session->role));
  return FALSE;
}

static int
claim_minutes (TamStore *store)
{
  g_autofree char *text = tam_store_get_setting (store, "claim_minutes", "10");
  gint64 minutes = g_ascii_strtoll (text, NULL, 10);

  return minutes >= 1 && minutes <= 24 * 60 ? (int)minutes : 10;
}

/* Claims taken at or after this time are live; older ones have expired. */
static char *
claim_cutoff (TamStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) cutoff = g_date_time_add_minutes (now, -claim_minutes (store));

  return g_date_time_format (cutoff, "%Y-%m-%d %H:%M:%S");
}

/* ------------------------------------------------------------------ */
/* Reading calls */

#define CALL_COLUMNS \
  "c.id, c.call_id, c.agent_id, a.nik, a.name, a.team_leader_id, tl.nik, tl.name," \
  " c.site, c.service, c.product, c.call_start, c.customer_number," \
  " COALESCE ((SELECT r.recording FROM recalls r WHERE r.call_id = c.id" \
  "            ORDER BY r.id DESC LIMIT 1), c.recording)," \
  " c.state, c.attempts, c.first_verdict, c.claimed_by, q.nik, q.name, c.claimed_at"

#define CALL_JOINS \
  " JOIN people a ON a.id = c.agent_id" \
  " LEFT JOIN people tl ON tl.id = a.team_leader_id" \
  " LEFT JOIN people q ON q.id = c.claimed_by"

static TamCall *
call_from_row (sqlite3_stmt     *stmt,
               const TamSession *session,
               const char       *cutoff)
{
  TamCall *c = g_new0 (TamCall, 1);
  const char *claimed_at = (const char *)sqlite3_column_text (stmt, 20);

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
    c->customer_number = tam_mask_customer_number ((const char *)sqlite3_column_text (stmt, 12));
  c->recording = tam_stmt_dup_text (stmt, 13);
  c->state = tam_stmt_dup_text (stmt, 14);
  c->attempts = sqlite3_column_int (stmt, 15);
  c->first_verdict = tam_stmt_dup_text (stmt, 16);
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
call_get_one (TamStore          *store,
              const TamSession  *session,
              sqlite3_stmt      *stmt,
              GError           **error)
{
  g_autofree char *cutoff = claim_cutoff (store);
  TamCall *call = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    call = call_from_row (stmt, session, cutoff);
  else if (rc != SQLITE_DONE)
    tam_store_set_error (store, error, _("Could not read a call"));
  else
    g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                         _("No such AGREE call, or not one you may see"));
  sqlite3_reset (stmt);
  return call;
}

TamCall *
tam_call_get (TamStore          *store,
              const TamSession  *session,
              gint64             id,
              GError           **error)
{
  const char *site;
  gint64 tl;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  if (!_tam_tapping_scope (session, &site, &tl, error))
    return NULL;
  stmt = tam_store_prepare (store,
      "SELECT " CALL_COLUMNS " FROM calls c" CALL_JOINS
      " WHERE c.id = ?1 AND c.state IS NOT NULL AND " TAM_CALL_VISIBLE ("c")
      " AND (?2 IS NULL OR c.site = ?2) AND (?3 IS NULL OR a.team_leader_id = ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  tam_stmt_bind_text_or_null (stmt, 2, site);
  if (tl != 0)
    sqlite3_bind_int64 (stmt, 3, tl);
  return call_get_one (store, session, stmt, error);
}

TamCall *
tam_call_find (TamStore          *store,
               const TamSession  *session,
               const char        *call_id,
               GError           **error)
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
      " WHERE c.call_id = ?1 AND c.state IS NOT NULL AND " TAM_CALL_VISIBLE ("c")
      " AND (?2 IS NULL OR c.site = ?2) AND (?3 IS NULL OR a.team_leader_id = ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 2, site);
  if (tl != 0)
    sqlite3_bind_int64 (stmt, 3, tl);
  return call_get_one (store, session, stmt, error);
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
  MODE_WAITING,     /* PENDING or RECALLED */
  MODE_STATE,       /* state = ?7 */
  MODE_ANY,         /* every tapping state (per-state counts) */
  N_MODES
} QueryMode;

typedef struct
{
  char   *from;           /* inclusive lower bound on call_start */
  char   *to_excl;        /* exclusive upper bound */
  const char *site;
  const char *service;
  gint64  team_leader_id;
  gint64  agent_id;
  const char *state;      /* MODE_STATE only */
  QueryPath path;
  QueryMode mode;
  gboolean empty;         /* the filter contradicts the session's scope */
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
  return g_strcmp0 (state, "PENDING") == 0 || g_strcmp0 (state, "VALID") == 0 ||
         g_strcmp0 (state, "RETURNED") == 0 || g_strcmp0 (state, "RECALLED") == 0;
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
  g_date_set_dmy (&d, (GDateDay)day, (GDateMonth)m, (GDateYear)y);
  g_date_add_days (&d, 1);
  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d",
              g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
  return g_strdup (buf);
}

static gboolean
queue_params_init (QueueParams           *p,
                   const TamSession      *session,
                   const TamQueueFilter  *filter,
                   gboolean               any_state,
                   GError               **error)
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
                       _("“%s” is not a date (YYYY-MM-DD)"), filter->from);
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
                       _("“%s” is not a date (YYYY-MM-DD)"), filter->to);
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
                   _("“%s” is not a tapping state"), filter->state);
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

static void
queue_params_bind (const QueueParams *p,
                   sqlite3_stmt      *stmt)
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
append_where (GString    *sql,
              const char *index,
              QueryPath   path,
              const char *state_term,
              QueryKind   kind)
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
                   " AND c.call_start >= ?1 AND c.call_start < ?2 AND " TAM_CALL_VISIBLE ("c")
                   " AND (?3 IS NULL OR c.site = ?3)"
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
queue_sql (TamStore  *store,
           QueryKind  kind,
           QueryPath  path,
           QueryMode  mode)
{
  static const char *const waiting_index[N_PATHS] = {
    [PATH_AGENT] = "calls_queue_agent",
    [PATH_TEAM] = "calls_queue_agent",
    [PATH_SITE] = "calls_waiting_site",
    [PATH_SERVICE] = "calls_queue",
    [PATH_ALL] = "calls_queue",
  };
  static const char *const state_index[N_PATHS] = {
    [PATH_AGENT] = "calls_queue_agent",
    [PATH_TEAM] = "calls_queue_agent",
    [PATH_SITE] = "calls_queue",
    [PATH_SERVICE] = "calls_queue",
    [PATH_ALL] = "calls_queue",
  };
  static const char *const state_term[N_MODES] = {
    [MODE_WAITING] = "c.state IN ('PENDING','RECALLED')",
    [MODE_STATE] = "c.state = ?7",
    [MODE_ANY] = "c.state IS NOT NULL",
  };
  GHashTable *cache;
  guint key = (guint)kind * 100 + (guint)path * 10 + (guint)mode + 1;
  const char *index = mode == MODE_WAITING ? waiting_index[path] : state_index[path];
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
run_count (TamStore     *store,
           sqlite3_stmt *stmt,
           GError      **error)
{
  gint64 n = -1;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tam_store_set_error (store, error, _("Could not count the queue"));
  sqlite3_reset (stmt);
  return n;
}

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

/* Runs one statement on a row of the per-day tables. The parameters, as
 * far as @sql uses them: ?1 agent, ?2 day (or a whole call_start), ?3
 * site, ?4 service, ?5 state, ?6 first verdict ('' before one), ?7 n.
 * Binding a number @sql does not use is refused (SQLITE_RANGE) and
 * harmless. */
static gboolean
days_exec (TamStore    *store,
           const char  *sql,
           gint64       agent_id,
           const char  *day,
           const char  *site,
           const char  *service,
           const char  *state,
           const char  *first_verdict,
           gint64       n,
           GError     **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, sql, error);
  int params;

  if (stmt == NULL)
    return FALSE;
  params = sqlite3_bind_parameter_count (stmt);
  if (params >= 1)
    sqlite3_bind_int64 (stmt, 1, agent_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, site, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, service, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, state, -1, SQLITE_STATIC);
  if (params >= 6)
    sqlite3_bind_text (stmt, 6, first_verdict ? first_verdict : "", -1, SQLITE_STATIC);
  if (params >= 7)
    sqlite3_bind_int64 (stmt, 7, n);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not count the queue"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Adds @n calls to one row of call_agent_days (@agent_id) or, with
 * @agent_id 0, of call_state_days (no first verdict there); in the
 * caller's transaction. @day may be a whole call_start. */
static gboolean
days_add (TamStore    *store,
          gint64       agent_id,
          const char  *day,
          const char  *site,
          const char  *service,
          const char  *state,
          const char  *first_verdict,
          gint64       n,
          GError     **error)
{
  const char *sql = agent_id != 0
    ? "INSERT INTO call_agent_days (agent_id, day, site, service, state, first_verdict, n)"
      " VALUES (?1, substr (?2, 1, 10), ?3, ?4, ?5, ?6, ?7)"
      " ON CONFLICT (agent_id, day, site, service, state, first_verdict) DO UPDATE SET n = n + excluded.n"
    : "INSERT INTO call_state_days (site, service, day, state, n)"
      " VALUES (?3, ?4, substr (?2, 1, 10), ?5, ?7)"
      " ON CONFLICT (site, service, day, state) DO UPDATE SET n = n + excluded.n";

  return days_exec (store, sql, agent_id, day, site, service, state, first_verdict, n, error);
}

/* Takes one call out of both tables; in the caller's transaction. Rows
 * of call_agent_days that reach 0 are deleted (every agent's day leaves
 * PENDING as it is tapped: they would pile up); call_state_days keeps
 * its few. */
static gboolean
counts_remove (TamStore    *store,
               gint64       agent_id,
               const char  *day,
               const char  *site,
               const char  *service,
               const char  *state,
               const char  *first_verdict,
               GError     **error)
{
  static const char *const sql[] = {
    "UPDATE call_agent_days SET n = n - 1 WHERE agent_id = ?1 AND day = substr (?2, 1, 10)"
    " AND site = ?3 AND service = ?4 AND state = ?5 AND first_verdict = ?6",
    "DELETE FROM call_agent_days WHERE agent_id = ?1 AND day = substr (?2, 1, 10)"
    " AND site = ?3 AND service = ?4 AND state = ?5 AND first_verdict = ?6 AND n <= 0",
    "UPDATE call_state_days SET n = n - 1"
    " WHERE site = ?3 AND service = ?4 AND day = substr (?2, 1, 10) AND state = ?5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    if (!days_exec (store, sql[i], agent_id, day, site, service, state, first_verdict, 0, error))
      return FALSE;
  return TRUE;
}

/* A group of calls being counted: one row of call_agent_days, or with
 * agent_id 0 and no first verdict one of call_state_days. The codes are
 * interned, so they compare as pointers. */
typedef struct
{
  gint64      agent_id;
  const char *site;
  const char *service;
  const char *state;
  const char *first_verdict;
  char        day[11];
  gint64      n;
} DayGroup;

static guint
day_group_hash (gconstpointer data)
{
  const DayGroup *g = data;
  guint h = g_str_hash (g->day);

  h = h * 31 + (guint)g->agent_id;
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
day_group_count (GHashTable     *groups,
                 const DayGroup *key,
                 gint64          n)
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
counts_absorb_range (TamStore  *store,
                     gint64     from,
                     gint64     to,
                     GError   **error)
{
  g_autoptr(GHashTable) agents = g_hash_table_new_full (day_group_hash, day_group_equal, g_free, NULL);
  g_autoptr(GHashTable) sites = g_hash_table_new_full (day_group_hash, day_group_equal, g_free, NULL);
  GHashTableIter iter;
  DayGroup *g;
  sqlite3_stmt *stmt;
  int rc;

  stmt = tam_store_prepare (store,
      "SELECT agent_id, call_start, site, service, state, COALESCE (first_verdict, '') FROM calls"
      " WHERE id > ?1 AND id <= ?2 AND state IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DayGroup key = { 0 };

      key.agent_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (key.day, (const char *)sqlite3_column_text (stmt, 1), sizeof key.day);
      key.site = g_intern_string ((const char *)sqlite3_column_text (stmt, 2));
      key.service = g_intern_string ((const char *)sqlite3_column_text (stmt, 3));
      key.state = g_intern_string ((const char *)sqlite3_column_text (stmt, 4));
      key.first_verdict = g_intern_string ((const char *)sqlite3_column_text (stmt, 5));
      day_group_count (agents, &key, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not count the queue"));
      return FALSE;
    }

  g_hash_table_iter_init (&iter, agents);
  while (g_hash_table_iter_next (&iter, (gpointer *)&g, NULL))
    {
      DayGroup key = *g;

      if (!days_add (store, g->agent_id, g->day, g->site, g->service, g->state, g->first_verdict,
                     g->n, error))
        return FALSE;
      key.agent_id = 0;
      key.first_verdict = NULL;
      day_group_count (sites, &key, g->n);
    }
  g_hash_table_iter_init (&iter, sites);
  while (g_hash_table_iter_next (&iter, (gpointer *)&g, NULL))
    if (!days_add (store, 0, g->day, g->site, g->service, g->state, NULL, g->n, error))
      return FALSE;
  return TRUE;
}

/* The largest id of the calls queries may see: an import in progress
 * hides its rows from the counts too, until it publishes them. (Not
 * max () with a WHERE: SQLite would scan the table for it; this walks
 * the rowids down from the bound.) */
static const char VISIBLE_MAX_SQL[] =
  "SELECT COALESCE ((SELECT c.id FROM calls c WHERE " TAM_CALL_VISIBLE ("c")
  " ORDER BY c.id DESC LIMIT 1), 0)";

/* Calls absorbed per step: the first count after an upgrade or a big
 * import holds the write lock for about 25 ms at a time, not for all
 * of it (other desks wait for the lock up to their busy timeout), and the
 * groups of a step stay small. */
#define COUNTS_STEP 20000

/* Adds the calls above 'queue_counts_upto': one step of COUNTS_STEP ids,
 * or all of them (@all); in the caller's transaction. */
static gboolean
counts_absorb (TamStore  *store,
               gboolean   all,
               GError   **error)
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
static gboolean
counts_behind (TamStore *store)
{
  return tam_store_query_int (store, VISIBLE_MAX_SQL, 0, NULL) > counts_upto (store);
}

gboolean
tam_queue_counts_update (TamStore  *store,
                         GError   **error)
{
  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (tam_store_in_transaction (store))
    return counts_absorb (store, TRUE, error);
  while (counts_behind (store))
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
      if (counts_behind (store))
        tam_store_yield ();
    }
  return TRUE;
}

gboolean
tam_queue_counts_rebuild (TamStore  *store,
                          GError   **error)
{
  gboolean own_tx;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if (!tam_store_exec (store, "DELETE FROM call_state_days", error) ||
      !tam_store_exec (store, "DELETE FROM call_agent_days", error) ||
      !tam_store_set_setting (store, "queue_counts_upto", "0", error) ||
      !counts_absorb (store, TRUE, error))
    {
      if (own_tx)
        tam_store_rollback (store);
      return FALSE;
    }
  return own_tx ? tam_store_commit (store, error) : TRUE;
}

/* A verdict, undo or re-call has just changed call @id, which was in
 * @old_state with @old_first_verdict (NULL: none): moves it in both
 * tables to what the calls row says now. In the caller's transaction.
 * Calls not absorbed yet are counted with their state of then. */
static gboolean
counts_move (TamStore    *store,
             gint64       id,
             const char  *old_state,
             const char  *old_first_verdict,
             GError     **error)
{
  g_autofree char *day = NULL;
  g_autofree char *site = NULL;
  g_autofree char *service = NULL;
  g_autofree char *state = NULL;
  g_autofree char *first_verdict = NULL;
  sqlite3_stmt *stmt;
  gint64 agent_id;

  if (id > counts_upto (store))
    return TRUE;
  stmt = tam_store_prepare (store,
      "SELECT agent_id, call_start, site, service, state, COALESCE (first_verdict, '')"
      " FROM calls WHERE id = ? AND state IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      tam_store_set_error (store, error, _("Could not count the queue"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  agent_id = sqlite3_column_int64 (stmt, 0);
  day = tam_stmt_dup_text (stmt, 1);
  site = tam_stmt_dup_text (stmt, 2);
  service = tam_stmt_dup_text (stmt, 3);
  state = tam_stmt_dup_text (stmt, 4);
  first_verdict = tam_stmt_dup_text (stmt, 5);
  sqlite3_reset (stmt);

  return counts_remove (store, agent_id, day, site, service, old_state, old_first_verdict, error) &&
         days_add (store, agent_id, day, site, service, state, first_verdict, 1, error) &&
         days_add (store, 0, day, site, service, state, NULL, 1, error);
}

/* Whether the counts can come from the tables now: brings them up to
 * date first, unless the caller holds a transaction (then they are used
 * only if already current). */
static gboolean
counts_ready (TamStore *store)
{
  if (tam_store_in_transaction (store))
    return !counts_behind (store);
  return tam_queue_counts_update (store, NULL);
}

gboolean
_tam_queue_counts_ready (TamStore *store)
{
  return counts_ready (store);
}

/* Binds the filter of the call_state_days queries. */
static void
bind_days (const QueueParams *p,
           sqlite3_stmt      *stmt)
{
  sqlite3_bind_text (stmt, 1, p->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p->to_excl, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 3, p->site);
  tam_stmt_bind_text_or_null (stmt, 4, p->service);
  if (p->mode == MODE_STATE)
    sqlite3_bind_text (stmt, 7, p->state, -1, SQLITE_TRANSIENT);
}

/* The counts of an agent or a team: sums over their rows of
 * call_agent_days, one range of days per agent. The parameters are those
 * of the queue's queries (queue_params_bind). */
#define AGENT_DAYS_WHERE(driving) \
  " FROM call_agent_days WHERE " driving \
  " AND day >= ?1 AND day < ?2 AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR service = ?4)" \
  " AND (?5 IS NULL OR agent_id IN (SELECT id FROM people WHERE team_leader_id = ?5))" \
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
  return sql[path == PATH_TEAM][kind == QUERY_STATES ? 2 : mode == MODE_STATE ? 1 : 0];
}

gint64
tam_queue_count (TamStore              *store,
                 const TamSession      *session,
                 const TamQueueFilter  *filter,
                 GError               **error)
{
  QueueParams p;
  sqlite3_stmt *stmt;
  gboolean by_day;
  gint64 n;

  g_return_val_if_fail (TAM_IS_STORE (store), -1);

  if (!queue_params_init (&p, session, filter, FALSE, error))
    return -1;
  if (p.empty)
    {
      queue_params_clear (&p);
      return 0;
    }
  /* From the per-day tables whenever they are up to date: call_agent_days
   * for an agent or a team, call_state_days for the rest. */
  by_day = counts_ready (store);
  if (by_day && (p.path == PATH_AGENT || p.path == PATH_TEAM))
    stmt = tam_store_prepare (store, agent_days_sql (QUERY_COUNT, p.path, p.mode), error);
  else if (by_day)
    {
      if (p.mode == MODE_WAITING)
        stmt = tam_store_prepare (store,
            "SELECT COALESCE (sum (n), 0) FROM call_state_days"
            " WHERE day >= ?1 AND day < ?2 AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR service = ?4)"
            " AND state IN ('PENDING','RECALLED')", error);
      else
        stmt = tam_store_prepare (store,
            "SELECT COALESCE (sum (n), 0) FROM call_state_days"
            " WHERE day >= ?1 AND day < ?2 AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR service = ?4)"
            " AND state = ?7", error);
    }
  else
    stmt = tam_store_prepare (store, queue_sql (store, QUERY_COUNT, p.path, p.mode), error);
  if (stmt == NULL)
    {
      queue_params_clear (&p);
      return -1;
    }
  if (by_day && p.path != PATH_AGENT && p.path != PATH_TEAM)
    bind_days (&p, stmt);
  else
    queue_params_bind (&p, stmt);
  n = run_count (store, stmt, error);
  queue_params_clear (&p);
  return n;
}

static GPtrArray *
run_fetch (TamStore          *store,
           const TamSession  *session,
           sqlite3_stmt      *stmt,
           GError           **error)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify)tam_call_free);
  g_autofree char *cutoff = claim_cutoff (store);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (calls, call_from_row (stmt, session, cutoff));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not read the queue"));
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
narrow_by_days (TamStore    *store,
                QueueParams *p)
{
  sqlite3_stmt *stmt;
  gboolean any = TRUE;

  if (p->path != PATH_SITE && p->path != PATH_SERVICE)
    return TRUE;
  if (p->path == PATH_SITE && p->mode == MODE_WAITING && p->service == NULL)
    return TRUE;      /* calls_waiting_site holds exactly these */
  if (p->mode == MODE_ANY || counts_behind (store))
    return TRUE;

  if (p->mode == MODE_WAITING)
    stmt = tam_store_prepare (store,
        "SELECT min (day), max (day) FROM call_state_days"
        " WHERE day >= substr (?1, 1, 10) AND day < ?2 AND (?3 IS NULL OR site = ?3)"
        " AND (?4 IS NULL OR service = ?4) AND state IN ('PENDING','RECALLED') AND n > 0", NULL);
  else
    stmt = tam_store_prepare (store,
        "SELECT min (day), max (day) FROM call_state_days"
        " WHERE day >= substr (?1, 1, 10) AND day < ?2 AND (?3 IS NULL OR site = ?3)"
        " AND (?4 IS NULL OR service = ?4) AND state = ?7 AND n > 0", NULL);
  if (stmt == NULL)
    return TRUE;
  bind_days (p, stmt);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *first = (const char *)sqlite3_column_text (stmt, 0);
      const char *last = (const char *)sqlite3_column_text (stmt, 1);

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

/* tam_queue_fetch in the caller's transaction. */
static GPtrArray *
queue_fetch_in_tx (TamStore              *store,
                   const TamSession      *session,
                   const TamQueueFilter  *filter,
                   gint64                 offset,
                   guint                  limit,
                   GError               **error)
{
  QueueParams p;
  sqlite3_stmt *stmt;
  GPtrArray *calls;

  if (!queue_params_init (&p, session, filter, FALSE, error))
    return NULL;
  if (p.empty || limit == 0 || !narrow_by_days (store, &p))
    {
      queue_params_clear (&p);
      return g_ptr_array_new_with_free_func ((GDestroyNotify)tam_call_free);
    }
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
          gint64 back = n - offset - (gint64)limit;
          gint64 rows = back < 0 ? (gint64)limit + back : (gint64)limit;

          calls = NULL;
          if (rows <= 0)
            calls = g_ptr_array_new_with_free_func ((GDestroyNotify)tam_call_free);
          else
            {
              stmt = tam_store_prepare (store, queue_sql (store, QUERY_FETCH_BACK, p.path, p.mode), error);
              if (stmt != NULL)
                {
                  queue_params_bind (&p, stmt);
                  sqlite3_bind_int64 (stmt, 10, rows);
                  sqlite3_bind_int64 (stmt, 11, MAX (back, 0));
                  calls = run_fetch (store, session, stmt, error);
                }
            }
          queue_params_clear (&p);
          return calls;
        }
    }

  stmt = tam_store_prepare (store, queue_sql (store, QUERY_FETCH, p.path, p.mode), error);
  if (stmt == NULL)
    {
      queue_params_clear (&p);
      return NULL;
    }
  queue_params_bind (&p, stmt);
  sqlite3_bind_int64 (stmt, 10, limit);
  sqlite3_bind_int64 (stmt, 11, offset);
  calls = run_fetch (store, session, stmt, error);
  queue_params_clear (&p);
  return calls;
}

GPtrArray *
tam_queue_fetch (TamStore              *store,
                 const TamSession      *session,
                 const TamQueueFilter  *filter,
                 gint64                 offset,
                 guint                  limit,
                 GError               **error)
{
  gboolean own_tx;
  GPtrArray *calls;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  /* One snapshot for the per-day counts (narrow_by_days), the count of a
   * deep page and the rows. The counts are not brought up to date here
   * (after a large import that takes a while, and this runs on the
   * window's main loop): while they are behind, the calls are counted. */
  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_exec (store, "BEGIN", error))
    return NULL;
  calls = queue_fetch_in_tx (store, session, filter, offset, limit, error);
  if (own_tx)
    tam_store_exec (store, "COMMIT", NULL);
  return calls;
}

/* tam_queue_fetch_after in the caller's transaction. */
static GPtrArray *
queue_fetch_after_in_tx (TamStore              *store,
                         const TamSession      *session,
                         const TamQueueFilter  *filter,
                         const char            *after_call_start,
                         gint64                 after_id,
                         guint                  limit,
                         GError               **error)
{
  QueueParams p;
  sqlite3_stmt *stmt;
  GPtrArray *calls;

  if (!queue_params_init (&p, session, filter, FALSE, error))
    return NULL;
  /* One lower bound for the index range: the later of the two. */
  if (strcmp (after_call_start, p.from) > 0)
    {
      g_free (p.from);
      p.from = g_strdup (after_call_start);
    }
  if (p.empty || limit == 0 || !narrow_by_days (store, &p))
    {
      queue_params_clear (&p);
      return g_ptr_array_new_with_free_func ((GDestroyNotify)tam_call_free);
    }
  stmt = tam_store_prepare (store, queue_sql (store, QUERY_AFTER, p.path, p.mode), error);
  if (stmt == NULL)
    {
      queue_params_clear (&p);
      return NULL;
    }
  queue_params_bind (&p, stmt);
  sqlite3_bind_text (stmt, 8, after_call_start, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, after_id);
  sqlite3_bind_int64 (stmt, 10, limit);
  sqlite3_bind_int64 (stmt, 11, 0);
  calls = run_fetch (store, session, stmt, error);
  queue_params_clear (&p);
  return calls;
}

GPtrArray *
tam_queue_fetch_after (TamStore              *store,
                       const TamSession      *session,
                       const TamQueueFilter  *filter,
                       const char            *after_call_start,
                       gint64                 after_id,
                       guint                  limit,
                       GError               **error)
{
  gboolean own_tx;
  GPtrArray *calls;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  if (after_call_start == NULL)
    return tam_queue_fetch (store, session, filter, 0, limit, error);
  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_exec (store, "BEGIN", error))
    return NULL;
  calls = queue_fetch_after_in_tx (store, session, filter, after_call_start, after_id, limit, error);
  if (own_tx)
    tam_store_exec (store, "COMMIT", NULL);
  return calls;
}

gint64
tam_queue_position (TamStore              *store,
                    const TamSession      *session,
                    const TamQueueFilter  *filter,
                    gint64                 id,
                    GError               **error)
{
  g_autoptr(TamCall) call = NULL;
  g_autoptr(GError) local_error = NULL;
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
      (p.mode == MODE_WAITING && g_strcmp0 (call->state, "PENDING") != 0 &&
       g_strcmp0 (call->state, "RECALLED") != 0) ||
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

static int
state_index (const char *state)
{
  static const char *const names[TAM_N_STATES] = { "PENDING", "VALID", "RETURNED", "RECALLED" };

  for (int i = 0; i < TAM_N_STATES; i++)
    if (g_strcmp0 (state, names[i]) == 0)
      return i;
  return -1;
}

gboolean
tam_queue_state_counts (TamStore              *store,
                        const TamSession      *session,
                        const TamQueueFilter  *filter,
                        gint64                 counts[TAM_N_STATES],
                        GError               **error)
{
  QueueParams p;
  sqlite3_stmt *stmt;
  gboolean by_day;
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
  /* From the per-day tables whenever they are up to date: call_agent_days
   * for an agent or a team, call_state_days for the rest. */
  by_day = counts_ready (store);
  if (by_day && (p.path == PATH_AGENT || p.path == PATH_TEAM))
    stmt = tam_store_prepare (store, agent_days_sql (QUERY_STATES, p.path, p.mode), error);
  else if (by_day)
    stmt = tam_store_prepare (store,
        "SELECT state, sum (n) FROM call_state_days"
        " WHERE day >= ?1 AND day < ?2 AND (?3 IS NULL OR site = ?3) AND (?4 IS NULL OR service = ?4)"
        " GROUP BY state", error);
  else
    stmt = tam_store_prepare (store, queue_sql (store, QUERY_STATES, p.path, p.mode), error);
  if (stmt == NULL)
    {
      queue_params_clear (&p);
      return FALSE;
    }
  if (by_day && p.path != PATH_AGENT && p.path != PATH_TEAM)
    bind_days (&p, stmt);
  else
    queue_params_bind (&p, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = state_index ((const char *)sqlite3_column_text (stmt, 0));
      if (i >= 0)
        counts[i] = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  queue_params_clear (&p);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not count the queue"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* History */

static gint64
history_slot (const TamTappingRecord *r)
{
  return (gint64)r->attempt * 2 + (r->kind == TAM_HISTORY_RECALL ? 1 : 0);
}

static int
history_cmp (gconstpointer a,
             gconstpointer b)
{
  const TamTappingRecord *x = *(TamTappingRecord * const *)a;
  const TamTappingRecord *y = *(TamTappingRecord * const *)b;
  gint64 sx = history_slot (x), sy = history_slot (y);
  int c;

  if (sx != sy)
    return sx < sy ? -1 : 1;
  c = g_strcmp0 (x->at, y->at);
  if (c != 0)
    return c;
  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
tam_call_history (TamStore          *store,
                  const TamSession  *session,
                  gint64             id,
                  GError           **error)
{
  g_autoptr(TamCall) call = NULL;
  g_autoptr(GPtrArray) taps = g_ptr_array_new_with_free_func ((GDestroyNotify)tam_tapping_record_free);
  g_autoptr(GPtrArray) recalls = g_ptr_array_new_with_free_func ((GDestroyNotify)tam_tapping_record_free);
  g_autoptr(GPtrArray) history = NULL;
  sqlite3_stmt *stmt;
  guint i = 0, j = 0;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  call = tam_call_get (store, session, id, error);
  if (call == NULL)
    return NULL;

  stmt = tam_store_prepare (store,
      "SELECT t.id, t.attempt, p.nik, p.name, t.tapped_at, t.verdict, t.recommendation, t.undone,"
      " (SELECT group_concat (ap.code, ',') FROM"
      "   (SELECT ap.code FROM tapping_failures f"
      "    JOIN assessment_parameters ap ON ap.id = f.parameter_id"
      "    WHERE f.tapping_id = t.id ORDER BY ap.position, ap.code) AS ap)"
      " FROM tappings t JOIN people p ON p.id = t.qco_id"
      " WHERE t.call_id = ? ORDER BY t.tapped_at, t.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TamTappingRecord *r = g_new0 (TamTappingRecord, 1);
      const char *codes = (const char *)sqlite3_column_text (stmt, 8);

      r->kind = TAM_HISTORY_TAPPING;
      r->id = sqlite3_column_int64 (stmt, 0);
      r->attempt = sqlite3_column_int (stmt, 1);
      r->actor_nik = tam_stmt_dup_text (stmt, 2);
      r->actor_name = tam_stmt_dup_text (stmt, 3);
      r->at = tam_stmt_dup_text (stmt, 4);
      r->verdict = tam_stmt_dup_text (stmt, 5);
      r->text = tam_stmt_dup_text (stmt, 6);
      r->undone = sqlite3_column_int (stmt, 7) != 0;
      r->failed_codes = (codes != NULL && *codes != '\0') ? g_strsplit (codes, ",", -1)
                                                          : g_new0 (char *, 1);
      g_ptr_array_add (taps, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  stmt = tam_store_prepare (store,
      "SELECT r.id, r.attempt, p.nik, p.name, r.recorded_at, r.note, r.recording"
      " FROM recalls r JOIN people p ON p.id = r.recorded_by"
      " WHERE r.call_id = ? ORDER BY r.recorded_at, r.id", error);
  if (stmt == NULL)
    goto fail_quiet;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TamTappingRecord *r = g_new0 (TamTappingRecord, 1);

      r->kind = TAM_HISTORY_RECALL;
      r->id = sqlite3_column_int64 (stmt, 0);
      r->attempt = sqlite3_column_int (stmt, 1);
      r->actor_nik = tam_stmt_dup_text (stmt, 2);
      r->actor_name = tam_stmt_dup_text (stmt, 3);
      r->at = tam_stmt_dup_text (stmt, 4);
      r->text = tam_stmt_dup_text (stmt, 5);
      r->recording = tam_stmt_dup_text (stmt, 6);
      g_ptr_array_add (recalls, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail;

  /* In the order things happened, which the attempt numbers give even
   * within one second: tapping N (and its undone predecessors), then the
   * re-call answering it, then tapping N + 1. */
  history = g_ptr_array_new_full (taps->len + recalls->len, (GDestroyNotify)tam_tapping_record_free);
  for (i = 0; i < taps->len; i++)
    g_ptr_array_add (history, taps->pdata[i]);
  for (j = 0; j < recalls->len; j++)
    g_ptr_array_add (history, recalls->pdata[j]);
  g_ptr_array_sort (history, history_cmp);
  /* The records now belong to @history. */
  g_ptr_array_set_free_func (taps, NULL);
  g_ptr_array_set_free_func (recalls, NULL);
  return g_steal_pointer (&history);

fail:
  tam_store_set_error (store, error, _("Could not read the tapping history"));
fail_quiet:
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Parameters */

GPtrArray *
tam_parameters_list (TamStore    *store,
                     const char  *service,
                     gboolean     include_inactive,
                     GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify)tam_parameter_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  stmt = tam_store_prepare (store,
      "SELECT id, service, code, text, critical, active, position FROM assessment_parameters"
      " WHERE (?1 IS NULL OR service = ?1) AND (?2 OR active = 1)"
      " ORDER BY service, position, code", error);
  if (stmt == NULL)
    return NULL;
  tam_stmt_bind_text_or_null (stmt, 1, service);
  sqlite3_bind_int (stmt, 2, include_inactive ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TamParameter *p = g_new0 (TamParameter, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->service = tam_stmt_dup_text (stmt, 1);
      p->code = tam_stmt_dup_text (stmt, 2);
      p->text = tam_stmt_dup_text (stmt, 3);
      p->critical = sqlite3_column_int (stmt, 4) != 0;
      p->active = sqlite3_column_int (stmt, 5) != 0;
      p->position = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (list, p);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not read the assessment parameters"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static char *
parameter_json (TamStore *store,
                gint64    id)
{
  return tam_store_query_text_by_id (store,
      "SELECT json_object ('service', service, 'code', code, 'text', text,"
      " 'critical', critical, 'active', active, 'position', position)"
      " FROM assessment_parameters WHERE id = ?", id);
}

static gboolean
valid_code (const char *code)
{
  if (code == NULL || *code == '\0')
    return FALSE;
  for (const char *s = code; *s; s++)
    if (!(g_ascii_isupper (*s) || g_ascii_isdigit (*s) || *s == '_'))
      return FALSE;
  return TRUE;
}

gboolean
tam_parameter_save (TamStore          *store,
                    const TamSession  *session,
                    TamParameter      *parameter,
                    GError           **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *entity_id = NULL;
  sqlite3_stmt *stmt;
  gboolean own_tx;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (parameter != NULL, FALSE);

  if (!tam_session_require (session, TAM_PERM_EDIT_PARAMETERS, error))
    return FALSE;
  if (!tam_code_is_valid (tam_services (), parameter->service))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _("“%s” is not a service"),
                   parameter->service ? parameter->service : "");
      return FALSE;
    }
  if (!valid_code (parameter->code))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _("A parameter code is upper-case letters, digits and “_”"));
      return FALSE;
    }
  text = g_strstrip (g_strdup (parameter->text ? parameter->text : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _("A parameter needs a text"));
      return FALSE;
    }

  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;

  if (parameter->id != 0)
    {
      /* Service and code name what past tappings failed: they stay. */
      stmt = tam_store_prepare (store,
          "SELECT service, code FROM assessment_parameters WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, parameter->id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _("No such parameter"));
          goto fail;
        }
      if (g_strcmp0 ((const char *)sqlite3_column_text (stmt, 0), parameter->service) != 0 ||
          g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), parameter->code) != 0)
        {
          sqlite3_reset (stmt);
          g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                               _("The service and code of a parameter cannot change; deactivate it and add a new one"));
          goto fail;
        }
      sqlite3_reset (stmt);
      before = parameter_json (store, parameter->id);
      stmt = tam_store_prepare (store,
          "UPDATE assessment_parameters SET text = ?1, critical = ?2, active = ?3, position = ?4"
          " WHERE id = ?5", error);
    }
  else
    stmt = tam_store_prepare (store,
        "INSERT INTO assessment_parameters (text, critical, active, position, service, code)"
        " VALUES (?1, ?2, ?3, ?4, ?6, ?7)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, parameter->critical ? 1 : 0);
  sqlite3_bind_int (stmt, 3, parameter->active ? 1 : 0);
  sqlite3_bind_int (stmt, 4, parameter->position);
  if (parameter->id != 0)
    sqlite3_bind_int64 (stmt, 5, parameter->id);
  else
    {
      sqlite3_bind_text (stmt, 6, parameter->service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, parameter->code, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (tam_store_get_db (store)) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE,
                     _("The service %s already has a parameter %s"),
                     parameter->service, parameter->code);
      else
        tam_store_set_error (store, error, _("Could not save the parameter"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (parameter->id == 0)
    parameter->id = sqlite3_last_insert_rowid (tam_store_get_db (store));

  after = parameter_json (store, parameter->id);
  entity_id = g_strdup_printf ("%s/%s", parameter->service, parameter->code);
  if (g_strcmp0 (before, after) != 0 &&
      !tam_audit_append (store, session, before ? "UPDATE" : "INSERT", "assessment_parameter",
                         entity_id, before, after, error))
    goto fail;
  if (own_tx && !tam_store_commit (store, error))
    return FALSE;
  g_free (parameter->text);
  parameter->text = g_steal_pointer (&text);
  return TRUE;

fail:
  if (own_tx)
    tam_store_rollback (store);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Claims */

/* Explains why a claim or a verdict on a waiting call was refused. */
static void
set_decided_error (TamStore    *store,
                   gint64       id,
                   const char  *state,
                   GError     **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store,
      "SELECT p.name, p.nik, t.tapped_at, t.verdict FROM tappings t JOIN people p ON p.id = t.qco_id"
      " WHERE t.call_id = ? AND t.undone = 0 ORDER BY t.id DESC LIMIT 1", NULL);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *)sqlite3_column_text (stmt, 0);
          const char *nik = (const char *)sqlite3_column_text (stmt, 1);
          const char *at = (const char *)sqlite3_column_text (stmt, 2);
          const char *verdict = (const char *)sqlite3_column_text (stmt, 3);

          if (g_strcmp0 (verdict, "VALID") == 0)
            g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                         _("This call was already decided VALID by %s (%s) at %s"), name, nik, at);
          else
            g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                         _("This call was already returned by %s (%s) at %s; it waits for the team leader's re-call"),
                         name, nik, at);
          sqlite3_reset (stmt);
          return;
        }
      sqlite3_reset (stmt);
    }
  g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
               _("This call is %s and not waiting for a tapping"), state);
}

static void
set_claimed_error (const char  *name,
                   const char  *nik,
                   const char  *since,
                   GError     **error)
{
  g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
               _("This call is being tapped by %s (%s) since %s"), name, nik, since);
}

/* Steps @stmt, a read of one AGREE call whose column 1 is its site: TRUE
 * on a row the QCO's site may tap; otherwise resets @stmt and says the
 * call is not there (whether it exists elsewhere is not told). */
static gboolean
step_call_of_site (sqlite3_stmt      *stmt,
                   const TamSession  *session,
                   GError           **error)
{
  if (sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *)sqlite3_column_text (stmt, 1), session->site) == 0)
    return TRUE;
  sqlite3_reset (stmt);
  g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                       _("No such AGREE call, or not one you may see"));
  return FALSE;
}

/* Why the claim UPDATE changed nothing. */
static gboolean
explain_claim_refusal (TamStore          *store,
                       const TamSession  *session,
                       gint64             id,
                       GError           **error)
{
  g_autofree char *state = NULL;
  sqlite3_stmt *stmt = tam_store_prepare (store,
      "SELECT c.state, c.site, q.name, q.nik, c.claimed_at FROM calls c"
      " LEFT JOIN people q ON q.id = c.claimed_by WHERE c.id = ? AND c.state IS NOT NULL"
      " AND " TAM_CALL_VISIBLE ("c"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_call_of_site (stmt, session, error))
    return FALSE;
  state = tam_stmt_dup_text (stmt, 0);
  if (g_strcmp0 (state, "PENDING") == 0 || g_strcmp0 (state, "RECALLED") == 0)
    {
      set_claimed_error ((const char *)sqlite3_column_text (stmt, 2),
                         (const char *)sqlite3_column_text (stmt, 3),
                         (const char *)sqlite3_column_text (stmt, 4), error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  set_decided_error (store, id, state, error);
  return FALSE;
}

gboolean
tam_call_claim (TamStore          *store,
                const TamSession  *session,
                gint64             id,
                GError           **error)
{
  g_autofree char *now = NULL;
  g_autofree char *cutoff = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  now = tam_now_string ();
  cutoff = claim_cutoff (store);
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
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not claim the call"));
      return FALSE;
    }
  if (sqlite3_changes (tam_store_get_db (store)) == 1)
    return TRUE;
  return explain_claim_refusal (store, session, id, error);
}

gboolean
tam_call_release (TamStore          *store,
                  const TamSession  *session,
                  gint64             id,
                  GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  stmt = tam_store_prepare (store,
      "UPDATE calls SET claimed_by = NULL, claimed_at = NULL WHERE id = ? AND claimed_by = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, session->person_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not release the call"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Verdicts */

static char *
call_json (TamStore *store,
           gint64    id)
{
  return tam_store_query_text_by_id (store,
      "SELECT json_object ('call_id', call_id, 'state', state, 'attempts', attempts,"
      " 'first_verdict', first_verdict) FROM calls WHERE id = ?", id);
}

static char *
tapping_json (TamStore *store,
              gint64    tapping_id)
{
  return tam_store_query_text_by_id (store,
      "SELECT json_object ('call_id', c.call_id, 'state', c.state, 'attempts', c.attempts,"
      " 'first_verdict', c.first_verdict, 'tapping', json_object ('id', t.id, 'attempt', t.attempt,"
      " 'verdict', t.verdict, 'failed', (SELECT json_group_array (ap.code) FROM tapping_failures f"
      "   JOIN assessment_parameters ap ON ap.id = f.parameter_id WHERE f.tapping_id = t.id),"
      " 'recommendation', t.recommendation, 'undone', t.undone))"
      " FROM tappings t JOIN calls c ON c.id = t.call_id WHERE t.id = ?", tapping_id);
}

/* The parameter ids for @codes in @service (deduplicated), checking that
 * each is a known, active parameter; *n_critical gets how many of them
 * are critical and *first_critical the first such code. */
static GArray *
resolve_codes (TamStore            *store,
               const char          *service,
               const char * const  *codes,
               int                 *n_critical,
               char               **first_critical,
               GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  *n_critical = 0;
  *first_critical = NULL;
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    {
      g_autofree char *code = g_ascii_strup (codes[i], -1);
      gint64 pid;
      gboolean dup = FALSE;

      g_strstrip (code);
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
                       _("“%s” is not an active assessment parameter of %s"),
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

gboolean
tam_call_decide (TamStore            *store,
                 const TamSession    *session,
                 gint64               id,
                 const char          *verdict,
                 const char * const  *failed_codes,
                 const char          *recommendation,
                 gint64              *out_tapping_id,
                 GError             **error)
{
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
  g_autoptr(GArray) ids = NULL;
  gboolean valid;
  int attempts;
  int n_critical;
  gint64 tapping_id;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  if (!tam_session_require (session, TAM_PERM_TAP, error))
    return FALSE;
  if (g_strcmp0 (verdict, "VALID") == 0)
    valid = TRUE;
  else if (g_strcmp0 (verdict, "RETURN") == 0)
    valid = FALSE;
  else
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _("“%s” is not a verdict (VALID or RETURN)"), verdict ? verdict : "");
      return FALSE;
    }
  note = g_strstrip (g_strdup (recommendation ? recommendation : ""));
  if (!valid && (failed_codes == NULL || failed_codes[0] == NULL))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _("A RETURN needs at least one failed assessment parameter"));
      return FALSE;
    }
  if (!valid && *note == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _("A RETURN needs a recommendation to the agent"));
      return FALSE;
    }

  now = tam_now_string ();
  cutoff = claim_cutoff (store);

  if (!tam_store_begin (store, error))
    return FALSE;

  /* Re-read the call under the write lock: what we check is what we
   * change. */
  stmt = tam_store_prepare (store,
      "SELECT c.state, c.site, c.service, c.attempts, c.call_id, c.claimed_by, c.claimed_at,"
      " q.name, q.nik, c.first_verdict FROM calls c LEFT JOIN people q ON q.id = c.claimed_by"
      " WHERE c.id = ? AND c.state IS NOT NULL AND " TAM_CALL_VISIBLE ("c"), error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_call_of_site (stmt, session, error))
    goto fail;
  state = tam_stmt_dup_text (stmt, 0);
  site = tam_stmt_dup_text (stmt, 1);
  service = tam_stmt_dup_text (stmt, 2);
  attempts = sqlite3_column_int (stmt, 3);
  call_id = tam_stmt_dup_text (stmt, 4);
  first_verdict = tam_stmt_dup_text (stmt, 9);
  if (g_strcmp0 (state, "PENDING") != 0 && g_strcmp0 (state, "RECALLED") != 0)
    {
      sqlite3_reset (stmt);
      set_decided_error (store, id, state, error);
      goto fail;
    }
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL &&
      sqlite3_column_int64 (stmt, 5) != session->person_id &&
      g_strcmp0 ((const char *)sqlite3_column_text (stmt, 6), cutoff) >= 0)
    {
      set_claimed_error ((const char *)sqlite3_column_text (stmt, 7),
                         (const char *)sqlite3_column_text (stmt, 8),
                         (const char *)sqlite3_column_text (stmt, 6), error);
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
                   _("VALID needs every critical parameter met, but %s failed"), first_critical);
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
      char *finer = g_strdup_printf ("%s.%06d", now, (int)(g_get_real_time () % G_USEC_PER_SEC));
      g_free (now);
      now = finer;
    }
  sqlite3_reset (stmt);

  stmt = tam_store_prepare (store,
      "INSERT INTO tappings (call_id, attempt, qco_id, tapped_at, verdict, recommendation)"
      " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, attempts + 1);
  sqlite3_bind_int64 (stmt, 3, session->person_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, valid ? "VALID" : "RETURN", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, note, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not store the verdict"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  tapping_id = sqlite3_last_insert_rowid (tam_store_get_db (store));

  for (guint i = 0; i < ids->len; i++)
    {
      stmt = tam_store_prepare (store,
          "INSERT INTO tapping_failures (tapping_id, parameter_id) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, tapping_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          tam_store_set_error (store, error, _("Could not store the verdict"));
          sqlite3_reset (stmt);
          goto fail;
        }
      sqlite3_reset (stmt);
    }

  stmt = tam_store_prepare (store,
      "UPDATE calls SET state = ?1, attempts = attempts + 1,"
      " first_verdict = COALESCE (first_verdict, ?2), claimed_by = NULL, claimed_at = NULL"
      " WHERE id = ?3 AND state IN ('PENDING','RECALLED')", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, valid ? "VALID" : "RETURNED", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, valid ? "VALID" : "RETURN", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (tam_store_get_db (store)) != 1)
    {
      tam_store_set_error (store, error, _("Could not store the verdict"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (!counts_move (store, id, state, first_verdict, error))
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
tam_tapping_undo (TamStore          *store,
                  const TamSession  *session,
                  gint64             tapping_id,
                  GError           **error)
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
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _("No such tapping"));
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
                           _("Only the QCO who gave a verdict can undo it"));
      goto fail;
    }
  if (undone)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                           _("This verdict was already undone"));
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
      g_strcmp0 (state, g_strcmp0 (verdict, "VALID") == 0 ? "VALID" : "RETURNED") != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                   _("This verdict can no longer be undone: the call is %s now"), state);
      goto fail;
    }

  before = tapping_json (store, tapping_id);
  stmt = tam_store_prepare (store, "UPDATE tappings SET undone = 1 WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, tapping_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not undo the verdict"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);

  /* Attempt 1 came from PENDING; a later one only ever from RECALLED. The
   * first verdict goes with attempt 1. The QCO is back on the call. */
  now = tam_now_string ();
  stmt = tam_store_prepare (store,
      "UPDATE calls SET state = ?1, attempts = ?2,"
      " first_verdict = CASE WHEN ?2 = 0 THEN NULL ELSE first_verdict END,"
      " claimed_by = ?3, claimed_at = ?4 WHERE id = ?5", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, attempt == 1 ? "PENDING" : "RECALLED", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, attempt - 1);
  sqlite3_bind_int64 (stmt, 3, session->person_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not undo the verdict"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (!counts_move (store, id, state, first_verdict, error))
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
tam_call_recall (TamStore          *store,
                 const TamSession  *session,
                 gint64             id,
                 const char        *recording,
                 const char        *note,
                 gint64            *out_recall_id,
                 GError           **error)
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
                           _("A re-call needs the recording of the new call"));
      return FALSE;
    }

  if (!tam_store_begin (store, error))
    return FALSE;
  stmt = tam_store_prepare (store,
      "SELECT c.state, a.team_leader_id, c.attempts, c.call_id, c.first_verdict"
      " FROM calls c JOIN people a ON a.id = c.agent_id WHERE c.id = ? AND c.state IS NOT NULL"
      " AND " TAM_CALL_VISIBLE ("c"), error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                           _("No such AGREE call, or not one you may see"));
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
                           _("Only the team leader of the call's agent can record its re-call"));
      goto fail;
    }
  if (g_strcmp0 (state, "RETURNED") != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                   _("Only a returned call can be re-called; this one is %s"), state);
      goto fail;
    }

  before = call_json (store, id);
  now = tam_now_string ();
  stmt = tam_store_prepare (store,
      "INSERT INTO recalls (call_id, attempt, recorded_by, recorded_at, recording, note)"
      " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, attempts);
  sqlite3_bind_int64 (stmt, 3, session->person_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, rec, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, text, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _("Could not record the re-call"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  recall_id = sqlite3_last_insert_rowid (tam_store_get_db (store));

  stmt = tam_store_prepare (store,
      "UPDATE calls SET state = 'RECALLED', claimed_by = NULL, claimed_at = NULL"
      " WHERE id = ? AND state = 'RETURNED'", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (tam_store_get_db (store)) != 1)
    {
      tam_store_set_error (store, error, _("Could not record the re-call"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (!counts_move (store, id, "RETURNED", first_verdict, error))
    goto fail;

  {
    sqlite3_stmt *json = tam_store_prepare (store,
        "SELECT json_object ('call_id', c.call_id, 'state', c.state, 'attempts', c.attempts,"
        " 'recall', json_object ('id', r.id, 'attempt', r.attempt, 'recording', r.recording,"
        " 'note', r.note)) FROM recalls r JOIN calls c ON c.id = r.call_id WHERE r.id = ?", error);
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
