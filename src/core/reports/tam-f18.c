/* tam-f18.c: form F-18, validation results of AGREE calls per month.
 * The numbers come from one GROUP BY per sheet: over call_agent_days (the
 * AGREE calls per agent, day, site, service, state and first verdict that
 * tam-queue-counts.c keeps; one range of days per agent, a few rows a day), and
 * over tappings_f18; the subtotals are summed here while walking the
 * sorted rows. See tam-f18.h for the definitions. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-f18.h"
#include "tam-report-util.h"
#include "tam-tapping-private.h"

void
tam_f18_row_free (TamF18Row *row)
{
  if (row == NULL)
    return;
  g_free (row->site);
  g_free (row->team_leader_nik);
  g_free (row->team_leader_name);
  g_free (row->agent_nik);
  g_free (row->agent_name);
  g_free (row->service);
  g_free (row);
}

void
tam_f18_qco_free (TamF18Qco *qco)
{
  if (qco == NULL)
    return;
  g_free (qco->nik);
  g_free (qco->name);
  g_free (qco->site);
  g_free (qco);
}

static void
finish_rates (TamF18Row *r)
{
  r->qvs = r->total > 0 ? (double) r->valid / (double) r->total : 0.0;
  r->first_pass = r->total > 0 ? (double) r->first_pass_valid / (double) r->total : 0.0;
}

static TamF18Row *
sum_row (TamF18RowKind kind,
         const char *site,
         const char *tl_nik,
         const char *tl_name)
{
  TamF18Row *r = g_new0 (TamF18Row, 1);

  r->kind = kind;
  r->site = g_strdup (site);
  r->team_leader_nik = g_strdup (tl_nik);
  r->team_leader_name = g_strdup (tl_name);
  return r;
}

static void
add_into (TamF18Row *sum,
          const TamF18Row *r)
{
  sum->total += r->total;
  sum->valid += r->valid;
  sum->returned += r->returned;
  sum->pending += r->pending;
  sum->first_pass_valid += r->first_pass_valid;
}

/* Sheet 1 from call_agent_days (?4 / ?5: the month's first day and the
 * next month's), or, when it is not up to date (a caller's transaction),
 * from the calls themselves, a scan of the table. Same columns, same
 * order. */
#define AGENT_SUMS(n)                                                                    \
  " sum (" n ") > 0 AS any,"                                                             \
  " sum (" n ") AS total,"                                                               \
  " sum (CASE WHEN state = 'VALID' THEN " n " ELSE 0 END) AS valid,"                     \
  " sum (CASE WHEN state IN ('RETURNED','RECALLED') THEN " n " ELSE 0 END) AS returned," \
  " sum (CASE WHEN state = 'PENDING' THEN " n " ELSE 0 END) AS pending,"                 \
  " sum (CASE WHEN first_verdict IS 'VALID' THEN " n " ELSE 0 END) AS first_valid"
#define AGENT_ROWS(groups)                                                         \
  "SELECT g.site, g.service, a.nik, a.name, COALESCE (tl.id, 0), tl.nik, tl.name," \
  " g.total, g.valid, g.returned, g.pending, g.first_valid"                        \
  " FROM (" groups ") AS g"                                                        \
  " JOIN people a ON a.id = g.agent_id"                                            \
  " LEFT JOIN people tl ON tl.id = a.team_leader_id"                               \
  " WHERE g.any AND (?3 IS NULL OR a.team_leader_id = ?3)"                         \
  " ORDER BY g.site, tl.id IS NULL, tl.name, tl.id, a.name, a.nik, g.service"

static const char agents_sql[] = AGENT_ROWS (
    "SELECT d.agent_id AS agent_id, d.site AS site, d.service AS service," AGENT_SUMS ("d.n") " FROM people p CROSS JOIN call_agent_days d ON d.agent_id = p.id AND d.day >= ?4 AND d.day < ?5"
                                                                                              " WHERE (?2 IS NULL OR d.site = ?2) AND (?3 IS NULL OR p.team_leader_id = ?3)"
                                                                                              " GROUP BY d.agent_id, d.site, d.service");
static const char agents_from_calls_sql[] = AGENT_ROWS (
    "SELECT agent_id, site, service," AGENT_SUMS ("1") " FROM calls c WHERE month = ?1 AND state IS NOT NULL AND (?2 IS NULL OR site = ?2)"
                                                       " AND " TAM_CALL_VISIBLE ("c") " GROUP BY agent_id, site, service");

/* What an F-18 counts: the month (YYYY-MM, its first day and the next
 * month's), and the session's scope (@site, @tl: NULL / 0 for all). */
typedef struct
{
  const char *month;
  const char *first;
  const char *next;
  const char *site;
  gint64 tl;
} F18Query;

static gboolean
compute_agents (TamStore *store,
                const F18Query *q,
                GPtrArray *out,
                GError **error)
{
  g_autoptr (TamF18Row) team = NULL;
  g_autoptr (TamF18Row) site_sum = NULL;
  g_autoptr (TamF18Row) total = sum_row (TAM_F18_TOTAL, NULL, NULL, NULL);
  gint64 team_key = -1;
  sqlite3_stmt *stmt;
  int rc;

  /* A range of the month's days per agent (a few rows a day), grouped;
   * the few hundred agent rows are then joined and sorted. Rows whose
   * calls all moved away (n = 0) are no agent row. */
  stmt = tam_store_prepare (store,
                            _tam_queue_counts_ready (store) ? agents_sql : agents_from_calls_sql,
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, q->month, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 2, q->site);
  if (q->tl != 0)
    sqlite3_bind_int64 (stmt, 3, q->tl);
  if (sqlite3_bind_parameter_count (stmt) >= 5)
    {
      sqlite3_bind_text (stmt, 4, q->first, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, q->next, -1, SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TamF18Row *r = g_new0 (TamF18Row, 1);
      gint64 key = sqlite3_column_int64 (stmt, 4);

      r->kind = TAM_F18_AGENT;
      r->site = tam_stmt_dup_text (stmt, 0);
      r->service = tam_stmt_dup_text (stmt, 1);
      r->agent_nik = tam_stmt_dup_text (stmt, 2);
      r->agent_name = tam_stmt_dup_text (stmt, 3);
      r->team_leader_nik = tam_stmt_dup_text (stmt, 5);
      r->team_leader_name = tam_stmt_dup_text (stmt, 6);
      r->total = sqlite3_column_int64 (stmt, 7);
      r->valid = sqlite3_column_int64 (stmt, 8);
      r->returned = sqlite3_column_int64 (stmt, 9);
      r->pending = sqlite3_column_int64 (stmt, 10);
      r->first_pass_valid = sqlite3_column_int64 (stmt, 11);
      finish_rates (r);

      /* Close the team and the site above when this row starts new ones. */
      if (site_sum != NULL && g_strcmp0 (site_sum->site, r->site) != 0)
        {
          finish_rates (team);
          g_ptr_array_add (out, g_steal_pointer (&team));
          finish_rates (site_sum);
          g_ptr_array_add (out, g_steal_pointer (&site_sum));
          team_key = -1;
        }
      else if (team != NULL && key != team_key)
        {
          finish_rates (team);
          g_ptr_array_add (out, g_steal_pointer (&team));
        }
      if (site_sum == NULL)
        site_sum = sum_row (TAM_F18_SITE, r->site, NULL, NULL);
      if (team == NULL)
        {
          team = sum_row (TAM_F18_TEAM, r->site, r->team_leader_nik, r->team_leader_name);
          team_key = key;
        }

      add_into (team, r);
      add_into (site_sum, r);
      add_into (total, r);
      g_ptr_array_add (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not compute the F-18 report"));
      return FALSE;
    }
  if (team != NULL)
    {
      finish_rates (team);
      g_ptr_array_add (out, g_steal_pointer (&team));
    }
  if (site_sum != NULL)
    {
      finish_rates (site_sum);
      g_ptr_array_add (out, g_steal_pointer (&site_sum));
    }
  finish_rates (total);
  g_ptr_array_add (out, g_steal_pointer (&total));
  return TRUE;
}

/* The QCO sheet's queries: with no scope (the roles that see every call)
 * they read only the tappings_f18 index; a QCO's site or a TL's team needs
 * each tapping's call. CROSS JOIN keeps people outside: each QCO is one
 * range of the index. */
#define QCO_COLUMNS                                                   \
  "SELECT q.nik, q.name, q.site, count(DISTINCT t.call_id),"          \
  " sum (t.verdict = 'VALID'), sum (t.verdict = 'RETURN'), count(*)," \
  " count(DISTINCT substr (t.tapped_at, 1, 10))"
#define TOTAL_COLUMNS                                                 \
  "SELECT NULL, NULL, NULL, count(DISTINCT t.call_id),"               \
  " sum (t.verdict = 'VALID'), sum (t.verdict = 'RETURN'), count(*)," \
  " count(DISTINCT substr (t.tapped_at, 1, 10))"
#define QCO_FROM                                                                    \
  " FROM people q CROSS JOIN tappings t INDEXED BY tappings_f18 ON t.qco_id = q.id" \
  "   AND t.tapped_at >= ?1 AND t.tapped_at < ?2 AND t.undone = 0"
#define QCO_SCOPE                       \
  " JOIN calls c ON c.id = t.call_id"   \
  " JOIN people a ON a.id = c.agent_id" \
  " WHERE (?3 IS NULL OR c.site = ?3) AND (?4 IS NULL OR a.team_leader_id = ?4)"
#define QCO_GROUP " GROUP BY q.id ORDER BY q.site, q.name, q.nik"

static TamF18Qco *
qco_from_row (sqlite3_stmt *stmt)
{
  TamF18Qco *q = g_new0 (TamF18Qco, 1);

  q->nik = tam_stmt_dup_text (stmt, 0);
  q->name = tam_stmt_dup_text (stmt, 1);
  q->site = tam_stmt_dup_text (stmt, 2);
  q->calls = sqlite3_column_int64 (stmt, 3);
  q->valid = sqlite3_column_int64 (stmt, 4);
  q->returned = sqlite3_column_int64 (stmt, 5);
  q->tappings = sqlite3_column_int64 (stmt, 6);
  q->days = sqlite3_column_int64 (stmt, 7);
  q->per_day = q->days > 0 ? (double) q->tappings / (double) q->days : 0.0;
  return q;
}

static gboolean
compute_qcos (TamStore *store,
              const F18Query *q,
              GPtrArray *out,
              GError **error)
{
  gboolean scoped = q->site != NULL || q->tl != 0;
  sqlite3_stmt *stmt;
  TamF18Qco *total;
  int rc;

  for (int pass = 0; pass < 2; pass++)
    {
      /* Pass 0: a row per QCO. Pass 1: the total, which counts distinct
       * calls and days over every QCO (a call tapped by two QCOs is one
       * call), so it is not the sum of the rows. */
      if (pass == 0)
        stmt = scoped ? tam_store_prepare (store, QCO_COLUMNS QCO_FROM QCO_SCOPE QCO_GROUP, error)
                      : tam_store_prepare (store, QCO_COLUMNS QCO_FROM QCO_GROUP, error);
      else
        stmt = scoped ? tam_store_prepare (store, TOTAL_COLUMNS QCO_FROM QCO_SCOPE, error)
                      : tam_store_prepare (store, TOTAL_COLUMNS QCO_FROM, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, q->first, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, q->next, -1, SQLITE_TRANSIENT);
      if (scoped)
        {
          tam_stmt_bind_text_or_null (stmt, 3, q->site);
          if (q->tl != 0)
            sqlite3_bind_int64 (stmt, 4, q->tl);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (pass == 0)
            g_ptr_array_add (out, qco_from_row (stmt));
          else
            {
              total = qco_from_row (stmt);
              total->is_total = TRUE;
              g_ptr_array_add (out, total);
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          tam_store_set_error (store, error, _ ("Could not compute the F-18 report"));
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
tam_f18_compute (TamStore *store,
                 const TamSession *session,
                 const char *month,
                 GPtrArray **agent_rows,
                 GPtrArray **qco_rows,
                 GError **error)
{
  g_autoptr (GPtrArray) agents = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_f18_row_free);
  g_autoptr (GPtrArray) qcos = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_f18_qco_free);
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  const char *site;
  gint64 tl;
  F18Query q;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (agent_rows != NULL && qco_rows != NULL, FALSE);

  if (!tam_session_require (session, TAM_PERM_EXPORT, error) ||
      !_tam_tapping_scope (session, &site, &tl, error))
    return FALSE;
  if (!_tam_report_check_month (month, &first, &next, error))
    return FALSE;
  q = (F18Query){ month, first, next, site, tl };
  if (!compute_agents (store, &q, agents, error) || !compute_qcos (store, &q, qcos, error))
    return FALSE;
  *agent_rows = g_steal_pointer (&agents);
  *qco_rows = g_steal_pointer (&qcos);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Writing */

static const char *
level_label (TamF18RowKind kind)
{
  switch (kind)
    {
    case TAM_F18_AGENT:
      return _ ("Agent");
    case TAM_F18_TEAM:
      return _ ("Team subtotal");
    case TAM_F18_SITE:
      return _ ("Site subtotal");
    case TAM_F18_TOTAL:
      return _ ("Total");
    default:
      return "";
    }
}

static gboolean
write_xlsx (const TamReportOutput *o,
            GPtrArray *agents,
            GPtrArray *qcos,
            GError **error)
{
  lxw_workbook *wb;
  lxw_worksheet *ws, *wq;
  TamReportFormats fmt;
  g_autofree char *title_text = NULL;
  guint total_rows = agents->len + qcos->len, done = 0;
  lxw_row_t row;
  static const TamReportColumn heads[] = {
    { N_ ("Level"), 14 },
    { N_ ("Site"), 12 },
    { N_ ("Team leader"), 24 },
    { N_ ("NIK"), 12 },
    { N_ ("Agent"), 26 },
    { N_ ("Service"), 16 },
    { N_ ("Total AGREE"), 11 },
    { N_ ("VALID"), 11 },
    { N_ ("RETURN"), 11 },
    { N_ ("Pending"), 11 },
    { N_ ("QVS %"), 11 },
    { N_ ("First-pass VALID"), 11 },
    { N_ ("First-pass %"), 11 },
  };
  static const TamReportColumn qheads[] = {
    { N_ ("Site"), 12 },
    { N_ ("NIK"), 12 },
    { N_ ("QCO"), 26 },
    { N_ ("Calls tapped"), 12 },
    { N_ ("VALID"), 12 },
    { N_ ("RETURN"), 12 },
    { N_ ("Tappings"), 12 },
    { N_ ("Days with tappings"), 12 },
    { N_ ("Tappings per day"), 12 },
  };

  wb = _tam_report_workbook_new (o->path, o->tmp_path, &fmt, error);
  if (wb == NULL)
    return FALSE;

  title_text = g_strdup_printf (_ ("F-18 Validation results of AGREE calls, %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, "F-18", title_text, heads, G_N_ELEMENTS (heads));

  row = 2;
  for (guint i = 0; i < agents->len; i++, row++)
    {
      TamF18Row *r = agents->pdata[i];
      lxw_format *f = r->kind == TAM_F18_AGENT ? NULL : fmt.bold;
      lxw_format *fp = r->kind == TAM_F18_AGENT ? fmt.pct : fmt.bold_pct;

      if (g_cancellable_is_cancelled (o->cancellable))
        break;
      worksheet_write_string (ws, row, 0, level_label (r->kind), f);
      worksheet_write_string (ws, row, 1, _tam_report_or_empty (r->site), f);
      worksheet_write_string (ws, row, 2, _tam_report_or_empty (r->team_leader_name), f);
      worksheet_write_string (ws, row, 3, _tam_report_or_empty (r->agent_nik), f);
      worksheet_write_string (ws, row, 4, _tam_report_or_empty (r->agent_name), f);
      worksheet_write_string (ws, row, 5, _tam_report_or_empty (r->service), f);
      worksheet_write_number (ws, row, 6, (double) r->total, f);
      worksheet_write_number (ws, row, 7, (double) r->valid, f);
      worksheet_write_number (ws, row, 8, (double) r->returned, f);
      worksheet_write_number (ws, row, 9, (double) r->pending, f);
      worksheet_write_number (ws, row, 10, r->qvs, fp);
      worksheet_write_number (ws, row, 11, (double) r->first_pass_valid, f);
      worksheet_write_number (ws, row, 12, r->first_pass, fp);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  g_free (title_text);
  title_text = g_strdup_printf (_ ("F-18 Tappings per QCO, %s"), o->month);
  wq = _tam_report_sheet_new (wb, &fmt, "QCO", title_text, qheads, G_N_ELEMENTS (qheads));

  row = 2;
  for (guint i = 0; i < qcos->len; i++, row++)
    {
      TamF18Qco *q = qcos->pdata[i];
      lxw_format *f = q->is_total ? fmt.bold : NULL;

      if (g_cancellable_is_cancelled (o->cancellable))
        break;
      worksheet_write_string (wq, row, 0, q->is_total ? _ ("Total") : _tam_report_or_empty (q->site), f);
      worksheet_write_string (wq, row, 1, _tam_report_or_empty (q->nik), f);
      worksheet_write_string (wq, row, 2, _tam_report_or_empty (q->name), f);
      worksheet_write_number (wq, row, 3, (double) q->calls, f);
      worksheet_write_number (wq, row, 4, (double) q->valid, f);
      worksheet_write_number (wq, row, 5, (double) q->returned, f);
      worksheet_write_number (wq, row, 6, (double) q->tappings, f);
      worksheet_write_number (wq, row, 7, (double) q->days, f);
      worksheet_write_number (wq, row, 8, q->per_day, q->is_total ? fmt.bold_dec : fmt.dec);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  return _tam_report_workbook_close (wb, o->path, o->tmp_path, o->cancellable, error);
}

static gboolean
write_csv (const TamReportOutput *o,
           GPtrArray *agents,
           GPtrArray *qcos,
           GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) qout = g_string_new (NULL);
  guint total_rows = agents->len + qcos->len, done = 0;

  /* Machine-readable: codes, plain numbers, percentages as 0-100 with
   * one decimal. */
  g_string_append (out, "level,site,team_leader_nik,team_leader,nik,agent,service,"
                        "total_agree,valid,return,pending,qvs_pct,first_pass_valid,first_pass_pct\r\n");
  for (guint i = 0; i < agents->len; i++)
    {
      TamF18Row *r = agents->pdata[i];
      static const char *const levels[] = { "AGENT", "TEAM", "SITE", "TOTAL" };

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      _tam_report_csv_field (out, levels[r->kind], FALSE);
      _tam_report_csv_field (out, r->site, FALSE);
      _tam_report_csv_field (out, r->team_leader_nik, FALSE);
      _tam_report_csv_field (out, r->team_leader_name, FALSE);
      _tam_report_csv_field (out, r->agent_nik, FALSE);
      _tam_report_csv_field (out, r->agent_name, FALSE);
      _tam_report_csv_field (out, r->service, FALSE);
      _tam_report_csv_int (out, r->total);
      _tam_report_csv_int (out, r->valid);
      _tam_report_csv_int (out, r->returned);
      _tam_report_csv_int (out, r->pending);
      _tam_report_csv_double (out, r->qvs * 100.0, FALSE);
      _tam_report_csv_int (out, r->first_pass_valid);
      _tam_report_csv_double (out, r->first_pass * 100.0, TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  g_string_append (qout, "level,site,nik,qco,calls_tapped,valid,return,tappings,days,tappings_per_day\r\n");
  for (guint i = 0; i < qcos->len; i++)
    {
      TamF18Qco *q = qcos->pdata[i];

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      _tam_report_csv_field (qout, q->is_total ? "TOTAL" : "QCO", FALSE);
      _tam_report_csv_field (qout, q->site, FALSE);
      _tam_report_csv_field (qout, q->nik, FALSE);
      _tam_report_csv_field (qout, q->name, FALSE);
      _tam_report_csv_int (qout, q->calls);
      _tam_report_csv_int (qout, q->valid);
      _tam_report_csv_int (qout, q->returned);
      _tam_report_csv_int (qout, q->tappings);
      _tam_report_csv_int (qout, q->days);
      _tam_report_csv_double (qout, q->per_day, TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  return _tam_report_csv_save (o->path, out, o->second_path, qout, error);
}

TAM_REPORT_DEFINE_WRITE (tam_f18_write, tam_f18_compute, write_csv, write_xlsx, TAM_F18_QCO_CSV_SUFFIX)
