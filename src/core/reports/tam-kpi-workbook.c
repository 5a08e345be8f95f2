/* tam-kpi-workbook.c: the KPI workbook (see tam-kpi-workbook.h): the KPI
 * tables of tam-kpi-table.c on sheets, with libxlsxwriter's native
 * charts whose values, categories and target are ranges of those sheets. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>

#include "tam-error.h"
#include "tam-kpi-workbook.h"
#include "tam-kpi-xlsx.h"
#include "tam-kpi.h"
#include "tam-report-util.h"

typedef struct
{
  TamStore *store;
  const TamSession *session;
  const char *month;
  lxw_workbook *wb;
  TamReportFormats f;
  lxw_format *num2;
  TamProgressFunc progress;
  gpointer user_data;
  guint step;
} Book;

/* The number of steps (sheets) reported as progress. */
#define N_STEPS 11

static void
step_done (Book *b)
{
  b->step++;
  if (b->progress != NULL)
    b->progress ((double) b->step / N_STEPS, b->user_data);
}

/* Where a table landed on its sheet. */
typedef struct
{
  lxw_row_t first; /* first data row */
  lxw_row_t last;  /* last data row (first - 1 when none) */
  int target_col;  /* -1: none */
  guint n_rows;
} Placed;

static int
column_index (const TamKpiTable *t,
              const char *name)
{
  for (int c = 0; t->columns[c] != NULL; c++)
    if (g_strcmp0 (t->columns[c], name) == 0)
      return c;
  return -1;
}

/* @t at @row0 of @ws: its title, its column names, its rows (numbers as
 * numbers), and, when @target is not NAN, a last column "target" holding
 * it on every row (a chart's target series). Returns the row after it. */
static lxw_row_t
put_table (Book *b,
           lxw_worksheet *ws,
           lxw_row_t row0,
           const TamKpiTable *t,
           double target,
           Placed *placed)
{
  guint n = g_strv_length (t->columns);

  _tam_kpi_table_put (t, ws, row0, &b->f, b->num2);
  if (!isnan (target))
    {
      worksheet_write_string (ws, row0 + 1, (lxw_col_t) n, "target", b->f.head);
      for (guint r = 0; r < t->rows->len; r++)
        worksheet_write_number (ws, row0 + 2 + (lxw_row_t) r, (lxw_col_t) n, target, b->num2);
    }
  if (placed != NULL)
    {
      placed->first = row0 + 2;
      placed->n_rows = t->rows->len;
      placed->last = placed->first + t->rows->len - 1;
      placed->target_col = isnan (target) ? -1 : (int) n;
    }
  return row0 + 2 + t->rows->len + 1;
}

/* The target as a series of @chart (a column chart): columns with no
 * fill and a dashed red outline, drawn over the values' columns (overlap
 * 100), so each member's column shows the target's height around it.
 * (libxlsxwriter 1.1 has no combined column + line chart.) */
static void
target_series (lxw_chart *chart,
               const char *sheet,
               const Placed *p,
               int cat_col)
{
  lxw_chart_series *s = chart_add_series (chart, NULL, NULL);
  lxw_chart_line line = { .color = LXW_COLOR_RED, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH };
  lxw_chart_fill none = { .none = LXW_TRUE };

  chart_series_set_categories (s, sheet, p->first, (lxw_col_t) cat_col, p->last, (lxw_col_t) cat_col);
  chart_series_set_values (s, sheet, p->first, (lxw_col_t) p->target_col, p->last, (lxw_col_t) p->target_col);
  chart_series_set_name (s, _ ("Target"));
  chart_series_set_fill (s, &none);
  chart_series_set_line (s, &line);
  chart_set_series_overlap (chart, 100);
}

/* A column chart of @t's column @value against its target, with
 * the categories from column @category, inserted at @at_row of @ws. */
static void
bar_chart (Book *b,
           lxw_worksheet *ws,
           const char *sheet,
           const TamKpiTable *t,
           const Placed *p,
           const char *category,
           const char *value,
           const char *series_name,
           const char *title,
           lxw_row_t at_row,
           lxw_col_t at_col)
{
  int cat_col = column_index (t, category), val_col = column_index (t, value);
  lxw_chart *bars;
  lxw_chart_series *s;

  /* A chart of nothing is no chart. */
  if (p->n_rows == 0 || cat_col < 0 || val_col < 0 || p->target_col < 0)
    return;
  bars = workbook_add_chart (b->wb, LXW_CHART_COLUMN);
  s = chart_add_series (bars, NULL, NULL);
  chart_series_set_categories (s, sheet, p->first, (lxw_col_t) cat_col, p->last, (lxw_col_t) cat_col);
  chart_series_set_values (s, sheet, p->first, (lxw_col_t) val_col, p->last, (lxw_col_t) val_col);
  chart_series_set_name (s, series_name);
  target_series (bars, sheet, p, cat_col);
  chart_title_set_name (bars, title);
  chart_legend_set_position (bars, LXW_CHART_LEGEND_BOTTOM);
  chart_title_set_name_font (bars, &(lxw_chart_font){ .size = 11, .bold = LXW_TRUE });
  worksheet_insert_chart_opt (ws, at_row, at_col, bars, &(lxw_chart_options){ .x_scale = 1.4, .y_scale = 1.2 });
}

static lxw_worksheet *
sheet_new (Book *b,
           const char *name)
{
  lxw_worksheet *ws = workbook_add_worksheet (b->wb, name);

  worksheet_set_column (ws, 0, 1, 16, NULL);
  worksheet_freeze_panes (ws, 2, 0);
  /* Printed (and read back as PDF) one page wide, the charts beside
   * their tables. */
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9); /* A4 */
  worksheet_fit_to_pages (ws, 1, 0);
  return ws;
}

/* ------------------------------------------------------------------ */
/* The tables */

/* The Summary: one row per KPI, national. */
static TamKpiTable *
summary_table (Book *b,
               GError **error)
{
  g_autoptr (GArray) cards = NULL;
  static const char *const columns[] = { "kpi", "name", "value", "target", "last_month", "numerator", "denominator",
                                         "under", NULL };
  static const TamKpiColumnType types[] = { TAM_KPI_COLUMN_TEXT, TAM_KPI_COLUMN_TEXT, TAM_KPI_COLUMN_PERCENT,
                                            TAM_KPI_COLUMN_PERCENT, TAM_KPI_COLUMN_PERCENT, TAM_KPI_COLUMN_INT,
                                            TAM_KPI_COLUMN_INT, TAM_KPI_COLUMN_INT };
  TamKpiTable *t;

  if (!tam_kpi_cards (b->store, b->session, b->month, TAM_KPI_SCOPE_NATIONAL, NULL, &cards, error))
    return NULL;
  t = g_new0 (TamKpiTable, 1);
  /* Translators: %s is a month, "2026-10" */
  t->title = g_strdup_printf (_ ("KPI of %s, national"), b->month);
  t->columns = g_strdupv ((GStrv) columns);
  t->types = g_array_new (FALSE, FALSE, sizeof (TamKpiColumnType));
  g_array_append_vals (t->types, types, G_N_ELEMENTS (types));
  t->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < cards->len; i++)
    {
      const TamKpiCard *c = &g_array_index (cards, TamKpiCard, i);
      char v[G_ASCII_DTOSTR_BUF_SIZE], tg[G_ASCII_DTOSTR_BUF_SIZE], pr[G_ASCII_DTOSTR_BUF_SIZE];
      char **row = g_new0 (char *, 9);

      row[0] = g_ascii_strdown (tam_kpi_kind_to_code (c->kind), -1);
      row[1] = g_strdup (tam_kpi_kind_to_label (c->kind));
      row[2] = g_strdup (isnan (c->value) ? "" : g_ascii_formatd (v, sizeof v, "%.2f", c->value));
      row[3] = g_strdup (isnan (c->target) ? "" : g_ascii_formatd (tg, sizeof tg, "%.2f", c->target));
      row[4] = g_strdup (isnan (c->previous) ? "" : g_ascii_formatd (pr, sizeof pr, "%.2f", c->previous));
      row[5] = g_strdup_printf ("%" G_GINT64_FORMAT, c->numerator);
      row[6] = g_strdup_printf ("%" G_GINT64_FORMAT, c->denominator);
      row[7] = g_strdup (c->under ? "1" : "0");
      g_ptr_array_add (t->rows, row);
    }
  return t;
}

static gboolean
write_summary (Book *b,
               GError **error)
{
  TamKpiTable *t = summary_table (b, error);
  lxw_worksheet *ws;

  if (t == NULL)
    return FALSE;
  ws = sheet_new (b, _ ("Summary"));
  worksheet_set_column (ws, 1, 1, 30, NULL);
  put_table (b, ws, 0, t, NAN, NULL);
  tam_kpi_table_free (t);
  step_done (b);
  return TRUE;
}

/* QVS and first pass, national, twelve months, a line chart. */
static gboolean
write_trend (Book *b,
             GError **error)
{
  g_autofree char *from = tam_kpi_month_add (b->month, -11);
  TamKpiSeriesQuery year = { .from = from, .to = b->month, .scope = TAM_KPI_SCOPE_NATIONAL, .key = NULL };
  g_autoptr (GArray) qvs = NULL;
  g_autoptr (GArray) first = NULL;
  const char *name = _ ("QVS trend");
  double target = tam_kpi_target (b->store, TAM_KPI_QVS);
  lxw_worksheet *ws;
  lxw_chart *chart;
  lxw_chart_series *s;
  lxw_chart_line dashed = { .color = LXW_COLOR_RED, .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH };
  g_autofree char *title = NULL;
  static const char *const heads[] = { "month", "qvs", "first_pass", "agree", "valid", "target" };
  lxw_row_t last;

  if (!tam_kpi_series (b->store, b->session, TAM_KPI_QVS, &year, &qvs, error) ||
      !tam_kpi_series (b->store, b->session, TAM_KPI_FIRST_PASS, &year, &first, error))
    return FALSE;
  ws = sheet_new (b, name);
  /* Translators: %s and %s are months, "2025-11" and "2026-10" */
  title = g_strdup_printf (_ ("Quality Validation Score and first pass, national, %s to %s"), from, b->month);
  worksheet_write_string (ws, 0, 0, title, b->f.title);
  for (lxw_col_t c = 0; c < G_N_ELEMENTS (heads); c++)
    worksheet_write_string (ws, 1, c, heads[c], b->f.head);
  for (guint i = 0; i < qvs->len; i++)
    {
      const TamKpiPoint *q = &g_array_index (qvs, TamKpiPoint, i);
      const TamKpiPoint *f = &g_array_index (first, TamKpiPoint, i);
      lxw_row_t row = 2 + i;

      worksheet_write_string (ws, row, 0, q->month, NULL);
      if (!isnan (q->value))
        worksheet_write_number (ws, row, 1, q->value, b->num2);
      if (!isnan (f->value))
        worksheet_write_number (ws, row, 2, f->value, b->num2);
      worksheet_write_number (ws, row, 3, (double) q->denominator, NULL);
      worksheet_write_number (ws, row, 4, (double) q->numerator, NULL);
      worksheet_write_number (ws, row, 5, target, b->num2);
    }
  last = 2 + qvs->len - 1;
  chart = workbook_add_chart (b->wb, LXW_CHART_LINE);
  s = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (s, name, 2, 0, last, 0);
  chart_series_set_values (s, name, 2, 1, last, 1);
  chart_series_set_name (s, tam_kpi_kind_to_label (TAM_KPI_QVS));
  chart_series_set_marker_type (s, LXW_CHART_MARKER_CIRCLE);
  s = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (s, name, 2, 0, last, 0);
  chart_series_set_values (s, name, 2, 2, last, 2);
  chart_series_set_name (s, tam_kpi_kind_to_label (TAM_KPI_FIRST_PASS));
  s = chart_add_series (chart, NULL, NULL);
  chart_series_set_categories (s, name, 2, 0, last, 0);
  chart_series_set_values (s, name, 2, 5, last, 5);
  chart_series_set_name (s, _ ("Target"));
  chart_series_set_line (s, &dashed);
  chart_title_set_name (chart, title);
  chart_title_set_name_font (chart, &(lxw_chart_font){ .size = 11, .bold = LXW_TRUE });
  chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
  worksheet_insert_chart_opt (ws, 1, 7, chart, &(lxw_chart_options){ .x_scale = 1.6, .y_scale = 1.4 });
  step_done (b);
  return TRUE;
}

/* One KPI at one scope: its table on a sheet of its own (or at @row0 of
 * @ws), its target, and a bar chart of @value by @category. */
typedef struct
{
  TamKpiKind kind;
  TamKpiScope scope;
  const char *category; /* column of the bars' names */
  const char *value;    /* column of the bars' values */
} Part;

static gboolean
rows_of (Book *b,
         TamKpiKind kind,
         TamKpiScope scope,
         GPtrArray **rows,
         GError **error)
{
  switch (kind)
    {
    case TAM_KPI_QVS:
      return tam_kpi_qvs (b->store, b->session, b->month, scope, rows, error);
    case TAM_KPI_HEADCOUNT:
      return tam_kpi_headcount (b->store, b->session, b->month, scope, FALSE, rows, error);
    case TAM_KPI_ABU:
      if (scope == TAM_KPI_SCOPE_AGENT)
        return tam_kpi_scorecard (b->store, b->session, b->month, rows, error);
      return tam_kpi_scorecard_summary (b->store, b->session, b->month, scope, rows, error);
    case TAM_KPI_ADHERENCE:
      return tam_kpi_adherence (b->store, b->session, b->month, scope, rows, error);
    case TAM_KPI_CT0_AGREE:
      return tam_kpi_ct0 (b->store, b->session, b->month, NULL, scope, rows, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* "Quality Validation Score by team, 2026-10" */
static char *
part_title (Book *b,
            TamKpiKind kind,
            TamKpiScope scope)
{
  /* Translators: a KPI, a scope, a month: "Roster adherence by Site, 2026-10" */
  return g_strdup_printf (_ ("%s by %s, %s"), tam_kpi_kind_to_label (kind), tam_kpi_scope_to_label (scope), b->month);
}

/* Writes @part's table at @row0 of @ws (with a chart to its right when
 * @part->value is set); returns the row after it, 0 on error. */
static lxw_row_t
put_part (Book *b,
          lxw_worksheet *ws,
          const char *sheet,
          lxw_row_t row0,
          const Part *part,
          GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *title = part_title (b, part->kind, part->scope);
  TamKpiTable *t;
  Placed p;
  lxw_row_t next;
  double target = part->value != NULL ? tam_kpi_target (b->store, part->kind) : NAN;

  if (!rows_of (b, part->kind, part->scope, &rows, error))
    return 0;
  t = tam_kpi_table_new (part->kind, part->scope, title, rows);
  next = put_table (b, ws, row0, t, target, &p);
  if (part->value != NULL)
    bar_chart (b, ws, sheet, t, &p, part->category, part->value, tam_kpi_kind_to_label (part->kind), title, row0,
               (lxw_col_t) (g_strv_length (t->columns) + 2));
  tam_kpi_table_free (t);
  return next;
}

/* A sheet of one or two parts (the second under the first). */
static gboolean
write_parts (Book *b,
             const char *sheet,
             const Part *first,
             const Part *second,
             GError **error)
{
  lxw_worksheet *ws = sheet_new (b, sheet);
  lxw_row_t next = put_part (b, ws, sheet, 0, first, error);

  if (next == 0)
    return FALSE;
  /* A chart takes about 15 rows: the second table starts below it. */
  if (second != NULL && put_part (b, ws, sheet, first->value != NULL ? MAX (next, 18) : next, second, error) == 0)
    return FALSE;
  step_done (b);
  return TRUE;
}

static gboolean
write_budget (Book *b,
              GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  /* Translators: %s is a month, "2026-10" */
  g_autofree char *title = g_strdup_printf (_ ("QVS budget by team, %s"), b->month);
  TamKpiTable *t;

  if (!tam_kpi_qvs_budget (b->store, b->session, b->month, TAM_KPI_SCOPE_TEAM, &rows, error))
    return FALSE;
  t = tam_kpi_budget_table_new (title, rows);
  put_table (b, sheet_new (b, _ ("QVS budget")), 0, t, NAN, NULL);
  tam_kpi_table_free (t);
  step_done (b);
  return TRUE;
}

static gboolean
write_headcount (Book *b,
                 GError **error)
{
  g_autoptr (GPtrArray) pairs = NULL;
  /* Translators: %s is a month, "2026-10" */
  g_autofree char *title = g_strdup_printf (_ ("Headcount fulfilment by service and site, %s"), b->month);
  const char *sheet = _ ("Headcount");
  static const Part sites = { TAM_KPI_HEADCOUNT, TAM_KPI_SCOPE_SITE, "name", "fulfilment" };
  lxw_worksheet *ws;
  TamKpiTable *t;
  lxw_row_t next;

  if (!tam_kpi_headcount (b->store, b->session, b->month, TAM_KPI_SCOPE_SITE, TRUE, &pairs, error))
    return FALSE;
  ws = sheet_new (b, sheet);
  /* The sites with their chart first, then every pair. */
  next = put_part (b, ws, sheet, 0, &sites, error);
  if (next == 0)
    return FALSE;
  t = tam_kpi_table_new (TAM_KPI_HEADCOUNT, TAM_KPI_SCOPE_SITE, title, pairs);
  put_table (b, ws, MAX (next, 18), t, tam_kpi_target (b->store, TAM_KPI_HEADCOUNT), NULL);
  tam_kpi_table_free (t);
  step_done (b);
  return TRUE;
}

static gboolean
write_xlsx (Book *b,
            const char *path,
            const char *tmp_path,
            GCancellable *cancellable,
            GError **error)
{
  static const Part qvs_sites = { TAM_KPI_QVS, TAM_KPI_SCOPE_SITE, "name", "qvs" };
  static const Part qvs_teams = { TAM_KPI_QVS, TAM_KPI_SCOPE_TEAM, "name", "qvs" };
  static const Part qvs_agents = { TAM_KPI_QVS, TAM_KPI_SCOPE_AGENT, NULL, NULL };
  static const Part abu_agents = { TAM_KPI_ABU, TAM_KPI_SCOPE_AGENT, NULL, NULL };
  static const Part abu_sites = { TAM_KPI_ABU, TAM_KPI_SCOPE_SITE, "name", "mean_score" };
  static const Part abu_teams = { TAM_KPI_ABU, TAM_KPI_SCOPE_TEAM, NULL, NULL };
  static const Part adh_sites = { TAM_KPI_ADHERENCE, TAM_KPI_SCOPE_SITE, "name", "adherence" };
  static const Part adh_teams = { TAM_KPI_ADHERENCE, TAM_KPI_SCOPE_TEAM, NULL, NULL };
  static const Part ct0_sites = { TAM_KPI_CT0_AGREE, TAM_KPI_SCOPE_SITE, "name", "achievement" };
  static const Part ct0_teams = { TAM_KPI_CT0_AGREE, TAM_KPI_SCOPE_TEAM, NULL, NULL };
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  b->wb = _tam_report_workbook_new (path, tmp_path, &b->f, error);
  if (b->wb == NULL)
    return FALSE;
  b->num2 = workbook_add_format (b->wb);
  format_set_num_format (b->num2, "0.00");

#define CANCELLED() g_cancellable_is_cancelled (cancellable)
  ok = write_summary (b, &local_error) && !CANCELLED () && write_trend (b, &local_error) && !CANCELLED () &&
       write_parts (b, _ ("QVS sites"), &qvs_sites, NULL, &local_error) && !CANCELLED () &&
       write_parts (b, _ ("QVS teams"), &qvs_teams, NULL, &local_error) && !CANCELLED () &&
       write_parts (b, _ ("QVS agents"), &qvs_agents, NULL, &local_error) && !CANCELLED () &&
       write_budget (b, &local_error) && !CANCELLED () && write_headcount (b, &local_error) && !CANCELLED () &&
       write_parts (b, _ ("Scorecard"), &abu_agents, NULL, &local_error) && !CANCELLED () &&
       write_parts (b, _ ("ABU sites"), &abu_sites, &abu_teams, &local_error) && !CANCELLED () &&
       write_parts (b, _ ("Adherence"), &adh_sites, &adh_teams, &local_error) && !CANCELLED () &&
       write_parts (b, _ ("CT-0"), &ct0_sites, &ct0_teams, &local_error);
#undef CANCELLED
  if (!ok && local_error != NULL)
    {
      /* The workbook is closed (its memory freed), its file removed. */
      workbook_close (b->wb);
      g_unlink (tmp_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Cancelled: _tam_report_workbook_close removes the file. */
  return _tam_report_workbook_close (b->wb, path, tmp_path, cancellable, error);
}

static gboolean
write_csv (Book *b,
           const char *path,
           GError **error)
{
  g_autoptr (GPtrArray) scores = NULL;
  g_autofree char *second = _tam_report_csv_sibling (path, TAM_KPI_WORKBOOK_SCORECARD_CSV_SUFFIX);
  /* Translators: %s is a month, "2026-10" */
  g_autofree char *title = g_strdup_printf (_ ("ABU scorecard, %s"), b->month);
  TamKpiTable *summary = summary_table (b, error);
  TamKpiTable *card;
  gboolean ok;

  if (summary == NULL)
    return FALSE;
  if (!tam_kpi_scorecard (b->store, b->session, b->month, &scores, error))
    {
      tam_kpi_table_free (summary);
      return FALSE;
    }
  card = tam_kpi_table_new (TAM_KPI_ABU, TAM_KPI_SCOPE_AGENT, title, scores);
  ok = tam_kpi_table_write (summary, path, error) && tam_kpi_table_write (card, second, error);
  tam_kpi_table_free (summary);
  tam_kpi_table_free (card);
  return ok;
}

gboolean
tam_kpi_workbook_write (TamStore *store,
                        const TamSession *session,
                        const char *month,
                        const char *path,
                        TamProgressFunc progress,
                        gpointer user_data,
                        GCancellable *cancellable,
                        GError **error)
{
  g_autofree char *tmp_path = NULL;
  Book b = { store, session, month, NULL, { 0 }, NULL, progress, user_data, 0 };
  gboolean is_csv;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!tam_session_require (session, TAM_PERM_EXPORT, error) ||
      !tam_kpi_month_bounds (month, NULL, NULL, error) || !_tam_report_check_path (path, &is_csv, error))
    return FALSE;
  if (is_csv)
    return write_csv (&b, path, error);
  tmp_path = g_strconcat (path, ".part", NULL);
  return write_xlsx (&b, path, tmp_path, cancellable, error);
}
