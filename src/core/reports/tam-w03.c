/* tam-w03.c: record W-03, the follow-up of the returns of a month. One
 * query walks the month's RETURN verdicts (the tappings_f18 index, one
 * range per QCO) with, for each, its re-call (recalls of the same call and
 * attempt) and the next verdict; the team sheet is summed here while
 * walking the sorted rows. See tam-w03.h for the definitions. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tam-report-util.h"
#include "tam-tapping-private.h"
#include "tam-w03.h"

void
tam_w03_row_free (TamW03Row *row)
{
  if (row == NULL)
    return;
  g_free (row->call_id);
  g_free (row->call_start);
  g_free (row->agent_nik);
  g_free (row->agent_name);
  g_free (row->team_leader_nik);
  g_free (row->team_leader_name);
  g_free (row->site);
  g_free (row->service);
  g_free (row->qco_nik);
  g_free (row->qco_name);
  g_free (row->returned_at);
  g_free (row->failed_codes);
  g_free (row->recommendation);
  g_free (row->recalled_at);
  g_free (row->recalled_by_nik);
  g_free (row->recall_note);
  g_free (row->next_verdict);
  g_free (row->next_verdict_at);
  g_free (row);
}

void
tam_w03_team_free (TamW03Team *team)
{
  if (team == NULL)
    return;
  g_free (team->site);
  g_free (team->team_leader_nik);
  g_free (team->team_leader_name);
  g_free (team);
}

const char *
tam_w03_status_label (TamW03Status status)
{
  switch (status)
    {
    case TAM_W03_WAITING_RECALL:
      return _ ("Waiting for re-call");
    case TAM_W03_WAITING_TAPPING:
      return _ ("Re-called, waiting for tapping");
    case TAM_W03_VALID_AFTER:
      return _ ("Valid after re-call");
    case TAM_W03_RETURNED_AGAIN:
      return _ ("Returned again");
    default:
      return "";
    }
}

/* The re-call answering a RETURN is the recalls row of its call and
 * attempt (tam_call_recall records calls.attempts, the attempt of the
 * RETURN); the next verdict is the call's first non-undone tapping with a
 * higher attempt, which can only follow that re-call. */
static const char returns_sql[] =
    "SELECT c.call_id, c.call_start, a.nik, a.name, COALESCE (tl.id, 0), tl.nik, tl.name,"
    " c.site, c.service, q.nik, q.name, t.tapped_at, t.attempt,"
    " (SELECT group_concat (name, '; ') FROM (SELECT tam_tr (p.text) AS name, p.position AS pos, p.code AS code"
    "    FROM tapping_failures f JOIN assessment_parameters p ON p.id = f.parameter_id"
    "    WHERE f.tapping_id = t.id"
    "    UNION ALL SELECT ?5, 1000000, '' WHERE t.reason = 'RECORDING' ORDER BY 2, 3)),"
    " t.recommendation, r.recorded_at, rb.nik, r.note, n.verdict, n.tapped_at,"
    " julianday (r.recorded_at) - julianday (t.tapped_at)"
    " FROM people q CROSS JOIN tappings t INDEXED BY tappings_f18 ON t.qco_id = q.id"
    "   AND t.tapped_at >= ?1 AND t.tapped_at < ?2 AND t.undone = 0"
    " JOIN calls c ON c.id = t.call_id"
    " JOIN people a ON a.id = c.agent_id"
    " LEFT JOIN people tl ON tl.id = a.team_leader_id"
    " LEFT JOIN recalls r ON r.id = (SELECT r2.id FROM recalls r2"
    "   WHERE r2.call_id = t.call_id AND r2.attempt = t.attempt ORDER BY r2.recorded_at, r2.id LIMIT 1)"
    " LEFT JOIN people rb ON rb.id = r.recorded_by"
    " LEFT JOIN tappings n ON n.id = (SELECT n2.id FROM tappings n2"
    "   WHERE n2.call_id = t.call_id AND n2.undone = 0 AND n2.attempt > t.attempt"
    "   ORDER BY n2.attempt, n2.tapped_at, n2.id LIMIT 1)"
    " WHERE t.verdict = 'RETURN' AND (?3 IS NULL OR c.site = ?3) AND (?4 IS NULL OR a.team_leader_id = ?4)"
    " ORDER BY c.site, tl.id IS NULL, tl.name, tl.id, a.name, a.nik, t.tapped_at, t.id";

static TamW03Row *
row_from_stmt (sqlite3_stmt *stmt)
{
  TamW03Row *r = g_new0 (TamW03Row, 1);

  r->call_id = tam_stmt_dup_text (stmt, 0);
  r->call_start = tam_stmt_dup_text (stmt, 1);
  r->agent_nik = tam_stmt_dup_text (stmt, 2);
  r->agent_name = tam_stmt_dup_text (stmt, 3);
  r->team_leader_nik = tam_stmt_dup_text (stmt, 5);
  r->team_leader_name = tam_stmt_dup_text (stmt, 6);
  r->site = tam_stmt_dup_text (stmt, 7);
  r->service = tam_stmt_dup_text (stmt, 8);
  r->qco_nik = tam_stmt_dup_text (stmt, 9);
  r->qco_name = tam_stmt_dup_text (stmt, 10);
  r->returned_at = tam_stmt_dup_text (stmt, 11);
  r->attempt = sqlite3_column_int (stmt, 12);
  r->failed_codes = tam_stmt_dup_text (stmt, 13);
  r->recommendation = tam_stmt_dup_text (stmt, 14);
  r->recalled_at = tam_stmt_dup_text (stmt, 15);
  r->recalled_by_nik = tam_stmt_dup_text (stmt, 16);
  r->recall_note = tam_stmt_dup_text (stmt, 17);
  r->next_verdict = tam_stmt_dup_text (stmt, 18);
  r->next_verdict_at = tam_stmt_dup_text (stmt, 19);
  r->days_to_recall = sqlite3_column_type (stmt, 20) == SQLITE_NULL ? -1.0 : sqlite3_column_double (stmt, 20);

  if (r->recalled_at == NULL)
    r->status = TAM_W03_WAITING_RECALL;
  else if (r->next_verdict == NULL)
    r->status = TAM_W03_WAITING_TAPPING;
  else if (g_strcmp0 (r->next_verdict, "VALID") == 0)
    r->status = TAM_W03_VALID_AFTER;
  else
    r->status = TAM_W03_RETURNED_AGAIN;
  return r;
}

/* Adds @r into @team; days_sum collects the days for the average. */
static void
count_into (TamW03Team *team,
            double *days_sum,
            const TamW03Row *r)
{
  team->returns++;
  if (r->status == TAM_W03_WAITING_RECALL)
    team->waiting_recall++;
  else
    {
      team->recalled++;
      *days_sum += r->days_to_recall;
    }
  team->valid_after += r->status == TAM_W03_VALID_AFTER;
  team->returned_again += r->status == TAM_W03_RETURNED_AGAIN;
}

static void
close_team (GPtrArray *teams,
            TamW03Team *team,
            double days_sum)
{
  team->avg_days = team->recalled > 0 ? days_sum / (double) team->recalled : 0.0;
  g_ptr_array_add (teams, team);
}

gboolean
tam_w03_compute (TamStore *store,
                 const TamSession *session,
                 const char *month,
                 GPtrArray **rows,
                 GPtrArray **teams,
                 GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_w03_row_free);
  g_autoptr (GPtrArray) tout = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_w03_team_free);
  g_autofree char *first = NULL;
  g_autofree char *next = NULL;
  TamW03Team *team = NULL;
  TamW03Team *total;
  double team_days = 0.0, total_days = 0.0;
  gint64 team_key = -1;
  const char *site;
  sqlite3_stmt *stmt;
  gint64 tl;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (rows != NULL && teams != NULL, FALSE);

  if (!tam_session_require (session, TAM_PERM_EXPORT, error) ||
      !_tam_tapping_scope (session, &site, &tl, error) ||
      !_tam_report_check_month (month, &first, &next, error))
    return FALSE;

  stmt = tam_store_prepare (store, returns_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, next, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 3, site);
  if (tl != 0)
    sqlite3_bind_int64 (stmt, 4, tl);
  sqlite3_bind_text (stmt, 5, tam_reason_recording_label (), -1, SQLITE_TRANSIENT);

  total = g_new0 (TamW03Team, 1);
  total->is_total = TRUE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TamW03Row *r = row_from_stmt (stmt);
      gint64 key = sqlite3_column_int64 (stmt, 4);

      /* Rows come by site, then team: a new site or TL closes the team. */
      if (team != NULL && (key != team_key || g_strcmp0 (team->site, r->site) != 0))
        {
          close_team (tout, g_steal_pointer (&team), team_days);
          team_days = 0.0;
        }
      if (team == NULL)
        {
          team = g_new0 (TamW03Team, 1);
          team->site = g_strdup (r->site);
          team->team_leader_nik = g_strdup (r->team_leader_nik);
          team->team_leader_name = g_strdup (r->team_leader_name);
          team_key = key;
        }
      count_into (team, &team_days, r);
      count_into (total, &total_days, r);
      g_ptr_array_add (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_w03_team_free (team);
      tam_w03_team_free (total);
      tam_store_set_error (store, error, _ ("Could not compute the W-03 report"));
      return FALSE;
    }
  if (team != NULL)
    close_team (tout, team, team_days);
  close_team (tout, total, total_days);
  *rows = g_steal_pointer (&out);
  *teams = g_steal_pointer (&tout);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Writing */

/* The text columns of a row, in sheet order; the attempt (a number) goes
 * before text ATTEMPT_COLUMN, the days (a number) after the last. */
enum
{
  ATTEMPT_COLUMN = 11,
  N_TEXTS = 19
};

static void
row_texts (const TamW03Row *r,
           const char *status,
           const char *texts[N_TEXTS])
{
  const char *t[N_TEXTS] = {
    r->call_id,
    r->call_start,
    r->agent_nik,
    r->agent_name,
    r->team_leader_nik,
    r->team_leader_name,
    r->site,
    r->service,
    r->qco_nik,
    r->qco_name,
    r->returned_at,
    r->failed_codes,
    r->recommendation,
    r->recalled_at,
    r->recalled_by_nik,
    r->recall_note,
    r->next_verdict,
    r->next_verdict_at,
    status,
  };

  memcpy (texts, t, sizeof t);
}

static gboolean
write_xlsx (const TamReportOutput *o,
            GPtrArray *rows,
            GPtrArray *teams,
            GError **error)
{
  lxw_workbook *wb;
  lxw_worksheet *ws, *wt;
  TamReportFormats fmt;
  g_autofree char *title_text = NULL;
  guint total_rows = rows->len + teams->len, done = 0;
  lxw_row_t row = 2;
  static const TamReportColumn heads[] = {
    { N_ ("Call ID"), 18 },
    { N_ ("Call time"), 18 },
    { N_ ("Agent NIK"), 14 },
    { N_ ("Agent"), 14 },
    { N_ ("Team leader NIK"), 14 },
    { N_ ("Team leader"), 14 },
    { N_ ("Site"), 14 },
    { N_ ("Service"), 14 },
    { N_ ("QCO NIK"), 14 },
    { N_ ("QCO"), 14 },
    { N_ ("Returned at"), 14 },
    { N_ ("Attempt"), 14 },
    { N_ ("Failed parameters"), 28 },
    { N_ ("Recommendation"), 28 },
    { N_ ("Re-called at"), 18 },
    { N_ ("Re-called by"), 18 },
    { N_ ("Re-call note"), 18 },
    { N_ ("Next verdict"), 18 },
    { N_ ("Next verdict at"), 18 },
    { N_ ("Follow-up"), 18 },
    { N_ ("Days to re-call"), 18 },
  };
  static const TamReportColumn theads[] = {
    { N_ ("Site"), 14 },
    { N_ ("Team leader NIK"), 14 },
    { N_ ("Team leader"), 26 },
    { N_ ("Returns"), 12 },
    { N_ ("Re-called"), 12 },
    { N_ ("Waiting for re-call"), 12 },
    { N_ ("Valid after re-call"), 12 },
    { N_ ("Returned again"), 12 },
    { N_ ("Average days to re-call"), 12 },
  };

  wb = _tam_report_workbook_new (o->path, o->tmp_path, &fmt, error);
  if (wb == NULL)
    return FALSE;

  title_text = g_strdup_printf (_ ("W-03 Follow-up of the QC recommendations on returned calls, %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, "W-03", title_text, heads, G_N_ELEMENTS (heads));
  for (guint i = 0; i < rows->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      TamW03Row *r = rows->pdata[i];
      const char *texts[N_TEXTS];

      row_texts (r, tam_w03_status_label (r->status), texts);
      for (lxw_col_t c = 0; c < N_TEXTS; c++)
        _tam_report_write_text (ws, row, c < ATTEMPT_COLUMN ? c : c + 1, texts[c], NULL);
      worksheet_write_number (ws, row, ATTEMPT_COLUMN, r->attempt, NULL);
      if (r->days_to_recall >= 0.0)
        worksheet_write_number (ws, row, N_TEXTS + 1, r->days_to_recall, fmt.dec);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  g_free (title_text);
  title_text = g_strdup_printf (_ ("W-03 Follow-up per team leader, %s"), o->month);
  wt = _tam_report_sheet_new (wb, &fmt, "TL", title_text, theads, G_N_ELEMENTS (theads));
  row = 2;
  for (guint i = 0; i < teams->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      TamW03Team *t = teams->pdata[i];
      lxw_format *f = t->is_total ? fmt.bold : NULL;
      const gint64 counts[] = { t->returns, t->recalled, t->waiting_recall, t->valid_after, t->returned_again };

      worksheet_write_string (wt, row, 0, t->is_total ? _ ("Total") : _tam_report_or_empty (t->site), f);
      _tam_report_write_text (wt, row, 1, t->team_leader_nik, f);
      _tam_report_write_text (wt, row, 2, t->team_leader_name, f);
      for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
        worksheet_write_number (wt, row, 3 + k, (double) counts[k], f);
      worksheet_write_number (wt, row, 8, t->avg_days, t->is_total ? fmt.bold_dec : fmt.dec);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  return _tam_report_workbook_close (wb, o->path, o->tmp_path, o->cancellable, error);
}

static gboolean
write_csv (const TamReportOutput *o,
           GPtrArray *rows,
           GPtrArray *teams,
           GError **error)
{
  static const char *const statuses[] = {
    "WAITING_RECALL",
    "WAITING_TAPPING",
    "VALID_AFTER_RECALL",
    "RETURNED_AGAIN",
  };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) tout = g_string_new (NULL);
  guint total_rows = rows->len + teams->len, done = 0;

  /* Machine-readable: codes for the status, days with one decimal, empty
   * when not re-called. */
  g_string_append (out, "call_id,call_start,agent_nik,agent,team_leader_nik,team_leader,site,service,"
                        "qco_nik,qco,returned_at,attempt,failed_parameters,recommendation,"
                        "recalled_at,recalled_by_nik,recall_note,next_verdict,next_verdict_at,"
                        "status,days_to_recall\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      TamW03Row *r = rows->pdata[i];
      const char *texts[N_TEXTS];

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      row_texts (r, statuses[r->status], texts);
      for (guint k = 0; k < N_TEXTS; k++)
        {
          if (k == ATTEMPT_COLUMN)
            _tam_report_csv_int (out, r->attempt);
          _tam_report_csv_field (out, texts[k], FALSE);
        }
      if (r->days_to_recall >= 0.0)
        _tam_report_csv_double (out, r->days_to_recall, TRUE);
      else
        _tam_report_csv_field (out, NULL, TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  g_string_append (tout, "level,site,team_leader_nik,team_leader,returns,recalled,waiting_recall,"
                         "valid_after_recall,returned_again,avg_days_to_recall\r\n");
  for (guint i = 0; i < teams->len; i++)
    {
      TamW03Team *t = teams->pdata[i];
      const gint64 counts[] = { t->returns, t->recalled, t->waiting_recall, t->valid_after, t->returned_again };

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      _tam_report_csv_field (tout, t->is_total ? "TOTAL" : "TEAM", FALSE);
      _tam_report_csv_field (tout, t->site, FALSE);
      _tam_report_csv_field (tout, t->team_leader_nik, FALSE);
      _tam_report_csv_field (tout, t->team_leader_name, FALSE);
      for (guint k = 0; k < G_N_ELEMENTS (counts); k++)
        _tam_report_csv_int (tout, counts[k]);
      _tam_report_csv_double (tout, t->avg_days, TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total_rows);
    }

  return _tam_report_csv_save (o->path, out, o->second_path, tout, error);
}

TAM_REPORT_DEFINE_WRITE (tam_w03_write, tam_w03_compute, write_csv, write_xlsx, TAM_W03_TEAM_CSV_SUFFIX)
