/* tam-f03.c: form F-03 (see tam-f03.h). The rows come from the coaching
 * module's list (the same visibility: a team leader sees their team). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tam-coaching.h"
#include "tam-f03.h"
#include "tam-report-util.h"

void
tam_f03_count_free (TamF03Count *count)
{
  if (count == NULL)
    return;
  g_free (count->key);
  g_free (count->label);
  g_free (count);
}

static void
count_add (GHashTable *index,
           GPtrArray *counts,
           const char *kind,
           const char *key,
           const char *label)
{
  g_autofree char *id = g_strdup_printf ("%s\x1f%s", kind, key ? key : "");
  TamF03Count *c = g_hash_table_lookup (index, id);

  if (c == NULL)
    {
      c = g_new0 (TamF03Count, 1);
      c->kind = kind;
      c->key = g_strdup (key ? key : "");
      c->label = g_strdup (label ? label : "");
      g_ptr_array_add (counts, c);
      g_hash_table_insert (index, g_steal_pointer (&id), c);
    }
  c->n++;
}

static int
count_cmp (gconstpointer a,
           gconstpointer b)
{
  const TamF03Count *x = *(TamF03Count **) a, *y = *(TamF03Count **) b;
  static const char order[] = "TSLO"; /* TEAM, SITE, LEVEL, TOTAL */
  int kx = (int) (strchr (order, x->kind[0]) - order), ky = (int) (strchr (order, y->kind[0]) - order);

  if (kx != ky)
    return kx - ky;
  if (x->kind[0] == 'L')
    return (int) tam_coaching_level_from_code (x->key) - (int) tam_coaching_level_from_code (y->key);
  return strcmp (x->key, y->key);
}

gboolean
tam_f03_compute (TamStore *store,
                 const TamSession *session,
                 const char *month,
                 GPtrArray **records,
                 GPtrArray **counts,
                 GError **error)
{
  g_autofree char *first = NULL, *next = NULL;
  g_autofree char *last = NULL;
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  TamCoachingFilter filter = TAM_COACHING_FILTER_INIT;
  GPtrArray *rows, *out;

  if (!tam_session_require (session, TAM_PERM_EXPORT, error))
    return FALSE;
  if (!_tam_report_check_month (month, &first, &next, error))
    return FALSE;
  last = g_strdup_printf ("%s-31", month); /* occurred_on <= YYYY-MM-31 covers the month */
  filter.from = first;
  filter.until = last;
  rows = tam_coaching_list (store, session, &filter, error);
  if (rows == NULL)
    return FALSE;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_f03_count_free);
  for (guint i = 0; i < rows->len; i++)
    {
      TamCoachingRecord *r = rows->pdata[i];

      count_add (index, out, "TEAM", r->team_leader_nik, r->team_leader_name);
      count_add (index, out, "SITE", r->site, tam_site_to_label (tam_site_from_code (r->site)));
      count_add (index, out, "LEVEL", tam_coaching_level_to_code (r->level), tam_coaching_level_to_label (r->level));
    }
  g_ptr_array_sort (out, count_cmp);
  {
    TamF03Count *total = g_new0 (TamF03Count, 1);

    total->kind = "TOTAL";
    total->key = g_strdup ("");
    total->label = g_strdup (_ ("Total"));
    total->n = rows->len;
    g_ptr_array_add (out, total);
  }
  *records = rows;
  *counts = out;
  return TRUE;
}

enum
{
  N_COLS = 15
};

static void
row_texts (const TamCoachingRecord *r,
           gboolean codes,
           const char *texts[N_COLS])
{
  const char *t[N_COLS] = {
    r->occurred_on,
    r->nik,
    r->name,
    r->team_leader_nik,
    r->team_leader_name,
    r->site,
    r->service,
    r->rule_code,
    codes ? tam_coaching_level_to_code (r->level) : tam_coaching_level_to_label (r->level),
    codes ? tam_coaching_state_to_code (r->state) : tam_coaching_state_to_label (r->state),
    r->issued_on,
    r->valid_until,
    r->acknowledged_on,
    r->refused ? r->witness_nik : NULL,
    r->decided_by_nik,
  };

  memcpy (texts, t, sizeof t);
}

static gboolean
write_xlsx (const TamReportOutput *o,
            GPtrArray *rows,
            GPtrArray *counts,
            GError **error)
{
  static const TamReportColumn heads[] = {
    { N_ ("Date"), 14 },
    { N_ ("Agent NIK"), 14 },
    { N_ ("Agent"), 24 },
    { N_ ("Team leader NIK"), 14 },
    { N_ ("Team leader"), 24 },
    { N_ ("Site"), 14 },
    { N_ ("Service"), 14 },
    { N_ ("Rule"), 22 },
    { N_ ("Level"), 22 },
    { N_ ("State"), 22 },
    { N_ ("Issued on"), 14 },
    { N_ ("Valid until"), 14 },
    { N_ ("Acknowledged on"), 14 },
    { N_ ("Refused, witness"), 14 },
    { N_ ("Decided by"), 14 },
    { N_ ("Record"), 0 },
  };
  static const TamReportColumn cheads[] = {
    { N_ ("Count of"), 14 },
    { N_ ("Code"), 14 },
    { N_ ("Name"), 28 },
    { N_ ("Records"), 0 },
  };
  TamReportFormats fmt;
  lxw_workbook *wb;
  lxw_worksheet *ws, *wc;
  g_autofree char *title_text = NULL;
  guint total = rows->len + counts->len, done = 0;
  lxw_row_t row = 2;

  wb = _tam_report_workbook_new (o->path, o->tmp_path, &fmt, error);
  if (wb == NULL)
    return FALSE;
  title_text = g_strdup_printf (_ ("F-03 Discipline and rule violations, %s"), o->month);
  ws = _tam_report_sheet_new (wb, &fmt, "F-03", title_text, heads, G_N_ELEMENTS (heads));
  for (guint i = 0; i < rows->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      TamCoachingRecord *r = rows->pdata[i];
      const char *texts[N_COLS];

      row_texts (r, FALSE, texts);
      for (lxw_col_t c = 0; c < N_COLS; c++)
        _tam_report_write_text (ws, row, c, texts[c], NULL);
      worksheet_write_number (ws, row, N_COLS, (double) r->id, NULL);
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }

  g_free (title_text);
  title_text = g_strdup_printf (_ ("F-03 Counts per team, site and level, %s"), o->month);
  wc = _tam_report_sheet_new (wb, &fmt, _ ("Counts"), title_text, cheads, G_N_ELEMENTS (cheads));
  row = 2;
  for (guint i = 0; i < counts->len && !g_cancellable_is_cancelled (o->cancellable); i++, row++)
    {
      TamF03Count *c = counts->pdata[i];
      gboolean is_total = strcmp (c->kind, "TOTAL") == 0;
      lxw_format *f = is_total ? fmt.bold : NULL;
      const char *kind = c->kind[0] == 'T' && !is_total ? _ ("Team")
                         : c->kind[0] == 'S'            ? _ ("Site")
                         : c->kind[0] == 'L'            ? _ ("Level")
                                                        : _ ("Total");

      worksheet_write_string (wc, row, 0, kind, f);
      if (*c->key != '\0')
        worksheet_write_string (wc, row, 1, c->key, f);
      if (*c->label != '\0')
        worksheet_write_string (wc, row, 2, c->label, f);
      worksheet_write_number (wc, row, 3, (double) c->n, f);
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }
  return _tam_report_workbook_close (wb, o->path, o->tmp_path, o->cancellable, error);
}

static gboolean
write_csv (const TamReportOutput *o,
           GPtrArray *rows,
           GPtrArray *counts,
           GError **error)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) cout = g_string_new (NULL);
  guint total = rows->len + counts->len, done = 0;

  g_string_append (out, "date,agent_nik,agent,team_leader_nik,team_leader,site,service,rule,level,state,"
                        "issued_on,valid_until,acknowledged_on,refused_witness_nik,decided_by_nik,id\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      TamCoachingRecord *r = rows->pdata[i];
      const char *texts[N_COLS];

      if (g_cancellable_set_error_if_cancelled (o->cancellable, error))
        return FALSE;
      row_texts (r, TRUE, texts);
      for (guint k = 0; k < N_COLS; k++)
        _tam_report_csv_field (out, texts[k], FALSE);
      {
        char id[32];

        g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, r->id);
        _tam_report_csv_field (out, id, TRUE);
      }
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }
  g_string_append (cout, "kind,code,name,records\r\n");
  for (guint i = 0; i < counts->len; i++)
    {
      TamF03Count *c = counts->pdata[i];
      char n[32];

      _tam_report_csv_field (cout, c->kind, FALSE);
      _tam_report_csv_field (cout, c->key, FALSE);
      _tam_report_csv_field (cout, c->label, FALSE);
      g_snprintf (n, sizeof n, "%" G_GINT64_FORMAT, c->n);
      _tam_report_csv_field (cout, n, TRUE);
      _tam_report_progress (o->progress, o->user_data, ++done, total);
    }
  return _tam_report_csv_save (o->path, out, o->second_path, cout, error);
}

TAM_REPORT_DEFINE_WRITE (tam_f03_write, tam_f03_compute, write_csv, write_xlsx, TAM_F03_COUNTS_CSV_SUFFIX)
