/* tam-recovery-cycle.c: how fast the recovery cycle runs (see
 * tam-recovery-cycle.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tam-calendar.h"
#include "tam-kpi.h"
#include "tam-recovery-cycle.h"
#include "tam-recovery-private.h"
#include "tam-report-util.h"

void
tam_recovery_cycle_free (TamRecoveryCycle *row)
{
  if (row == NULL)
    return;
  g_free (row->key);
  g_free (row->name);
  g_free (row->site);
  g_free (row);
}

/* Sums of one row while counting. */
typedef struct
{
  TamRecoveryCycle *row;
  double draft_days, draft_workdays, decision_days;
} Acc;

static GDateTime *
parse_time (const char *text)
{
  g_autofree char *iso = NULL;
  g_autoptr (GTimeZone) tz = g_time_zone_new_local ();

  if (text == NULL || strlen (text) < 19)
    return NULL;
  iso = g_strndup (text, 19);
  iso[10] = 'T';
  return g_date_time_new_from_iso8601 (iso, tz);
}

static double
days_between (const char *from,
              const char *to)
{
  g_autoptr (GDateTime) a = parse_time (from);
  g_autoptr (GDateTime) b = parse_time (to);

  if (a == NULL || b == NULL)
    return NAN;
  return (double) g_date_time_difference (b, a) / G_TIME_SPAN_DAY;
}

static Acc *
acc_for (GHashTable *table,
         GPtrArray *order,
         const char *key,
         const char *name,
         const char *site)
{
  Acc *acc = g_hash_table_lookup (table, key);

  if (acc == NULL)
    {
      acc = g_new0 (Acc, 1);
      acc->row = g_new0 (TamRecoveryCycle, 1);
      acc->row->key = g_strdup (key);
      acc->row->name = g_strdup (name ? name : "");
      acc->row->site = g_strdup (site ? site : "");
      g_hash_table_insert (table, acc->row->key, acc);
      g_ptr_array_add (order, acc);
    }
  return acc;
}

static int
compare_acc (gconstpointer a,
             gconstpointer b)
{
  const Acc *x = *(Acc *const *) a;
  const Acc *y = *(Acc *const *) b;
  int c = strcmp (x->row->site, y->row->site);

  return c != 0 ? c : strcmp (x->row->key, y->row->key);
}

static void
add_plan (Acc *acc,
          double draft_days,
          int draft_workdays,
          double decision_days,
          gboolean verified,
          gboolean met)
{
  acc->row->plans++;
  acc->draft_days += draft_days;
  acc->draft_workdays += draft_workdays;
  if (!isnan (decision_days))
    {
      acc->row->decided++;
      acc->decision_days += decision_days;
    }
  acc->row->verified += verified;
  acc->row->met += met;
}

static GPtrArray *
finish (GPtrArray *order,
        Acc *total)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_recovery_cycle_free);

  g_ptr_array_sort (order, compare_acc);
  g_ptr_array_add (order, total);
  for (guint i = 0; i < order->len; i++)
    {
      Acc *acc = order->pdata[i];
      TamRecoveryCycle *r = acc->row;

      r->days_to_draft = r->plans ? acc->draft_days / r->plans : NAN;
      r->workdays_to_draft = r->plans ? acc->draft_workdays / r->plans : NAN;
      r->days_to_decision = r->decided ? acc->decision_days / r->decided : NAN;
      r->met_share = r->verified ? 100.0 * r->met / r->verified : NAN;
      g_ptr_array_add (rows, r);
      acc->row = NULL;
    }
  return rows;
}

gboolean
tam_recovery_cycle_compute (TamStore *store,
                            const TamSession *session,
                            const char *month,
                            GPtrArray **by_drafter,
                            GPtrArray **by_site,
                            GError **error)
{
  g_autoptr (GPtrArray) plans = NULL;
  g_autoptr (TamCalendar) calendar = NULL;
  g_autoptr (GHashTable) drafters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GHashTable) sites = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr (GPtrArray) drafter_order = g_ptr_array_new ();
  g_autoptr (GPtrArray) site_order = g_ptr_array_new ();
  g_autofree char *first = NULL, *next = NULL, *last_day = NULL, *end = NULL;
  Acc total_d = { 0 }, total_s = { 0 };
  sqlite3_stmt *s;

  if (!tam_session_require (session, TAM_PERM_EXPORT, error))
    return FALSE;
  if (!tam_kpi_month_bounds (month, &first, &next, NULL))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a month (YYYY-MM)"), month ? month : "");
      return FALSE;
    }
  last_day = _tam_recovery_month_last_day (month);
  end = g_strdup_printf ("%s 00:00:00", next);
  if ((plans = tam_recovery_list (store, session, NULL, error)) == NULL ||
      (calendar = tam_calendar_load (store, error)) == NULL)
    return FALSE;
  s = tam_store_prepare (store,
                         "SELECT (SELECT min (at) FROM recovery_events WHERE plan_id = ?1 AND event = 'SUBMIT'),"
                         " (SELECT min (at) FROM recovery_events WHERE plan_id = ?1 AND event IN ('APPROVE', 'REJECT')),"
                         " (SELECT site FROM people WHERE id = ?2)",
                         error);
  if (s == NULL)
    return FALSE;
  total_d.row = g_new0 (TamRecoveryCycle, 1);
  total_d.row->key = g_strdup ("");
  total_d.row->name = g_strdup (_ ("Total"));
  total_d.row->site = g_strdup ("");
  total_s.row = g_new0 (TamRecoveryCycle, 1);
  total_s.row->key = g_strdup ("");
  total_s.row->name = g_strdup (_ ("Total"));
  total_s.row->site = g_strdup ("");
  for (guint i = 0; i < plans->len; i++)
    {
      TamRecoveryPlan *p = plans->pdata[i];
      g_autofree char *submitted = NULL, *decided = NULL, *drafter_site = NULL;
      g_autofree char *drafted_day = NULL;
      double draft_days, decision_days;
      int draft_workdays;
      gboolean verified, met;
      const char *site;

      if (g_strcmp0 (p->period, month) != 0)
        continue;
      sqlite3_bind_int64 (s, 1, p->id);
      sqlite3_bind_int64 (s, 2, p->drafted_by_id);
      if (sqlite3_step (s) == SQLITE_ROW)
        {
          submitted = tam_stmt_dup_text (s, 0);
          decided = tam_stmt_dup_text (s, 1);
          drafter_site = tam_stmt_dup_text (s, 2);
        }
      sqlite3_reset (s);
      draft_days = days_between (end, p->drafted_at);
      drafted_day = g_strndup (p->drafted_at, 10);
      draft_workdays = tam_workdays_between (calendar, last_day, drafted_day);
      decision_days = submitted && decided ? days_between (submitted, decided) : NAN;
      verified = !isnan (p->verified_value);
      met = verified && p->verified_value + 1e-9 >= p->verified_target;
      site = p->site ? p->site : drafter_site ? drafter_site
                                              : "";
      add_plan (acc_for (drafters, drafter_order, p->drafted_by_nik, p->drafted_by_name, drafter_site), draft_days,
                draft_workdays, decision_days, verified, met);
      add_plan (acc_for (sites, site_order, site, site, site), draft_days, draft_workdays, decision_days, verified,
                met);
      add_plan (&total_d, draft_days, draft_workdays, decision_days, verified, met);
      add_plan (&total_s, draft_days, draft_workdays, decision_days, verified, met);
    }
  *by_drafter = finish (drafter_order, &total_d);
  *by_site = finish (site_order, &total_s);
  /* The accumulators' rows moved into the arrays; the totals' Acc are on
   * the stack. */
  return TRUE;
}

/* ---- writing ------------------------------------------------------------ */

static const TamReportColumn heads[] = {
  { N_ ("NIK or site"), 14 },
  { N_ ("Name"), 26 },
  { N_ ("Site"), 13 },
  { N_ ("Plans"), 13 },
  { N_ ("Days to draft"), 13 },
  { N_ ("Working days to draft"), 13 },
  { N_ ("Decided"), 13 },
  { N_ ("Days to decision"), 13 },
  { N_ ("Verified"), 13 },
  { N_ ("Met"), 13 },
  { N_ ("Met %"), 13 },
};

static const char *const csv_heads[] = { "key", "name", "site", "plans", "days_to_draft",
                                         "workdays_to_draft", "decided", "days_to_decision", "verified", "met",
                                         "met_share" };

static char *
num (double v)
{
  return isnan (v) ? g_strdup ("") : g_strdup_printf ("%.2f", v);
}

static void
csv_rows (GString *out,
          GPtrArray *rows)
{
  for (guint k = 0; k < G_N_ELEMENTS (csv_heads); k++)
    _tam_report_csv_field (out, csv_heads[k], k + 1 == G_N_ELEMENTS (csv_heads));
  for (guint i = 0; i < rows->len; i++)
    {
      TamRecoveryCycle *r = rows->pdata[i];
      g_autofree char *a = num (r->days_to_draft), *b = num (r->workdays_to_draft), *c = num (r->days_to_decision),
                      *d = num (r->met_share);
      g_autofree char *plans = g_strdup_printf ("%" G_GINT64_FORMAT, r->plans);
      g_autofree char *decided = g_strdup_printf ("%" G_GINT64_FORMAT, r->decided);
      g_autofree char *verified = g_strdup_printf ("%" G_GINT64_FORMAT, r->verified);
      g_autofree char *met = g_strdup_printf ("%" G_GINT64_FORMAT, r->met);
      const char *fields[] = { r->key, r->name, r->site, plans, a, b, decided, c, verified, met, d };

      for (guint k = 0; k < G_N_ELEMENTS (fields); k++)
        _tam_report_csv_field (out, fields[k], k + 1 == G_N_ELEMENTS (fields));
    }
}

static gboolean
write_csv (const TamReportOutput *o,
           GPtrArray *by_drafter,
           GPtrArray *by_site,
           GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) sites = g_string_new (NULL);

  csv_rows (out, by_drafter);
  csv_rows (sites, by_site);
  _tam_report_progress (o->progress, o->user_data, 1, 1);
  return _tam_report_csv_save (o->path, out, o->second_path, sites, error);
}

static void
sheet_rows (lxw_worksheet *ws,
            const TamReportFormats *fmt,
            GPtrArray *rows)
{
  lxw_row_t row = 2;

  for (guint i = 0; i < rows->len; i++, row++)
    {
      TamRecoveryCycle *r = rows->pdata[i];
      lxw_format *f = i + 1 == rows->len ? fmt->bold : NULL;
      double values[] = { r->days_to_draft, r->workdays_to_draft, NAN, r->days_to_decision, NAN, NAN, r->met_share };

      worksheet_write_string (ws, row, 0, r->key, f);
      worksheet_write_string (ws, row, 1, r->name, f);
      worksheet_write_string (ws, row, 2, r->site, f);
      worksheet_write_number (ws, row, 3, (double) r->plans, f);
      worksheet_write_number (ws, row, 6, (double) r->decided, f);
      worksheet_write_number (ws, row, 8, (double) r->verified, f);
      worksheet_write_number (ws, row, 9, (double) r->met, f);
      for (int k = 0; k < 7; k++)
        if (!isnan (values[k]))
          worksheet_write_number (ws, row, (lxw_col_t) (4 + k), values[k], i + 1 == rows->len ? fmt->bold_dec : fmt->dec);
    }
}

static gboolean
write_xlsx (const TamReportOutput *o,
            GPtrArray *by_drafter,
            GPtrArray *by_site,
            GError **error)
{
  TamReportFormats fmt;
  lxw_workbook *wb = _tam_report_workbook_new (o->path, o->tmp_path, &fmt, error);
  g_autofree char *t1 = NULL, *t2 = NULL;
  lxw_worksheet *ws;

  if (wb == NULL)
    return FALSE;
  t1 = g_strdup_printf (_ ("Recovery plan cycle per drafter, plans for %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, _ ("Drafters"), t1, heads, G_N_ELEMENTS (heads));
  sheet_rows (ws, &fmt, by_drafter);
  t2 = g_strdup_printf (_ ("Recovery plan cycle per site, plans for %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, _ ("Sites"), t2, heads, G_N_ELEMENTS (heads));
  sheet_rows (ws, &fmt, by_site);
  _tam_report_progress (o->progress, o->user_data, 1, 1);
  return _tam_report_workbook_close (wb, o->path, o->tmp_path, o->cancellable, error);
}

TAM_REPORT_DEFINE_WRITE (tam_recovery_cycle_write, tam_recovery_cycle_compute, write_csv, write_xlsx, TAM_RECOVERY_CYCLE_SITES_CSV_SUFFIX)
