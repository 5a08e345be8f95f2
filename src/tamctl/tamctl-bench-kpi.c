/* tamctl-bench-kpi.c: the KPI tab's figures of `tamctl bench` (issue 10):
 * the core calls the tab makes to show a month (tam-kpi-page.c's
 * load_thread), a 24-month series, a chart redraw and its first layout,
 * a PNG export and the month-end pack. Figures, never assertions. */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "tam-kpi-chart.h"
#include "tam-pack.h"
#include "tamctl-bench-kpi.h"

typedef struct
{
  TamStore *store;
  const TamSession *session;
  const char *month;
  TamKpiScope scope;
  const char *key;
  TamChart *chart;
  cairo_t *cr;
  const char *path;
  guint n;
} Run;

typedef gboolean (*RunFunc) (Run *r,
                             GError **error);

/* The median of @runs runs in ms; *first the first (a cold cache). */
static double
timed (int runs,
       RunFunc func,
       Run *r,
       double *first,
       GError **error)
{
  g_autofree double *times = g_new0 (double, runs);

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!func (r, error))
        return -1;
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (i == 0)
        *first = times[i];
    }
  return tamctl_bench_median (times, (guint) runs);
}

/* What the KPI tab's worker computes for one month and member: the cards,
 * the QVS line of twelve months, the bars one level down, the scorecard,
 * the members of the scope picker, the QVS budget. */
/* Where run_tab's time goes, once, in ms: cards, line, bars, scorecard,
 * budget, members. */
static double tab_parts[6];

static double
part_done (gint64 *start)
{
  gint64 now = g_get_monotonic_time ();
  double ms = (now - *start) / 1000.0;

  *start = now;
  return ms;
}

static gboolean
run_tab (Run *r,
         GError **error)
{
  g_autoptr (GArray) cards = NULL;
  g_autoptr (TamChart) line = NULL;
  g_autoptr (TamChart) bars = NULL;
  g_autoptr (GPtrArray) scores = NULL;
  g_autoptr (GPtrArray) budget = NULL;
  g_autofree char *from = tam_kpi_month_add (r->month, -11);
  TamKpiSeriesQuery year = { .from = from, .to = r->month, .scope = r->scope, .key = r->key };
  static const TamKpiScope levels[] = { TAM_KPI_SCOPE_SITE, TAM_KPI_SCOPE_SERVICE, TAM_KPI_SCOPE_TEAM };
  TamKpiScope child = r->scope == TAM_KPI_SCOPE_NATIONAL ? TAM_KPI_SCOPE_SITE : TAM_KPI_SCOPE_AGENT;

  gint64 start = g_get_monotonic_time ();

  if (!tam_kpi_cards (r->store, r->session, r->month, r->scope, r->key, &cards, error))
    return FALSE;
  tab_parts[0] = part_done (&start);
  line = tam_kpi_chart_line (r->store, r->session, TAM_KPI_QVS, &year, error);
  if (line == NULL)
    return FALSE;
  tab_parts[1] = part_done (&start);
  bars = tam_kpi_chart_bars_within (r->store, r->session, TAM_KPI_QVS, r->month, child, r->scope, r->key, error);
  if (bars == NULL)
    return FALSE;
  tab_parts[2] = part_done (&start);
  if (!tam_kpi_scorecard (r->store, r->session, r->month, &scores, error))
    return FALSE;
  tab_parts[3] = part_done (&start);
  if (!tam_kpi_qvs_budget (r->store, r->session, r->month, r->scope, &budget, error))
    return FALSE;
  tab_parts[4] = part_done (&start);
  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      g_autoptr (GPtrArray) members = NULL;

      if (!tam_kpi_qvs (r->store, r->session, r->month, levels[i], &members, error))
        return FALSE;
    }
  tab_parts[5] = part_done (&start);
  r->n = tam_chart_get_n_items (bars);
  return TRUE;
}

static gboolean
run_series (Run *r,
            GError **error)
{
  g_autoptr (GArray) points = NULL;
  g_autofree char *from = tam_kpi_month_add (r->month, -23);
  TamKpiSeriesQuery two_years = { .from = from, .to = r->month, .scope = r->scope, .key = r->key };

  if (!tam_kpi_series (r->store, r->session, TAM_KPI_QVS, &two_years, &points, error))
    return FALSE;
  r->n = points->len;
  return TRUE;
}

#define CHART_W 1280
#define CHART_H 300

/* A redraw as on hover: the highlight moves, the layout is kept. */
static gboolean
run_redraw (Run *r,
            GError **error)
{
  tam_chart_set_highlight (r->chart, (int) (r->n++ % MAX (tam_chart_get_n_items (r->chart), 1)));
  tam_chart_draw (r->chart, tam_chart_style_default_light (), r->cr, CHART_W, CHART_H);
  return TRUE;
}

/* The first paint at a size: layout and draw. */
static gboolean
run_layout (Run *r,
            GError **error)
{
  tam_chart_layout (r->chart, tam_chart_style_default_light (), CHART_W - (r->n++ % 2), CHART_H);
  tam_chart_draw (r->chart, tam_chart_style_default_light (), r->cr, CHART_W, CHART_H);
  return TRUE;
}

static gboolean
run_png (Run *r,
         GError **error)
{
  return tam_chart_write_png (r->chart, tam_chart_style_default_light (), CHART_W, 800, r->path, error);
}

static gboolean
run_pack (Run *r,
          GError **error)
{
  g_autoptr (GPtrArray) written = NULL;

  if (!tam_report_pack (r->store, r->session, r->month, r->path, &written, NULL, NULL, NULL, error))
    return FALSE;
  r->n = written->len;
  for (guint i = 0; i < written->len; i++)
    g_unlink (written->pdata[i]);
  return TRUE;
}

gboolean
tamctl_bench_kpi (TamStore *store,
                  const TamSession *session,
                  const char *month,
                  const char *team_nik,
                  int runs,
                  const char *dir,
                  GError **error)
{
  /* The month the tab opens on (a whole month of attendance and calls),
   * not the month of the calls just imported (the current one, partial). */
  g_autofree char *last = tam_kpi_last_complete_month ();
  Run r = { store, session, last, TAM_KPI_SCOPE_NATIONAL, NULL, NULL, NULL, NULL, 0 };
  g_autofree char *note = NULL;
  g_autofree char *png = g_build_filename (dir, "kpi-chart.png", NULL);
  g_autofree char *pack = g_build_filename (dir, "kpi-pack", NULL);
  g_autofree char *from = tam_kpi_month_add (last, -23);
  TamKpiSeriesQuery national = { .from = from, .to = last, .scope = TAM_KPI_SCOPE_NATIONAL, .key = NULL };
  cairo_surface_t *surface;
  double ms, first = 0;

  (void) month;
  month = last;
  ms = timed (runs, run_tab, &r, &first, error);
  if (ms < 0)
    return FALSE;
  note = g_strdup_printf (_ ("target < 200 painted; the core calls of the KPI tab for %s, national (cards, QVS line,"
                             " %u site bars, scorecard, picker members, budget); median of %d, first %.1f ms;"
                             " the last run: cards %.1f, line %.1f, bars %.1f, scorecard %.1f, budget %.1f,"
                             " members %.1f ms"),
                          month, r.n, runs, first, tab_parts[0], tab_parts[1], tab_parts[2], tab_parts[3],
                          tab_parts[4], tab_parts[5]);
  tamctl_bench_figure ("kpi_tab_month_ms", ms, note);
  g_clear_pointer (&note, g_free);

  if (team_nik != NULL)
    {
      r.scope = TAM_KPI_SCOPE_TEAM;
      r.key = team_nik;
      ms = timed (runs, run_tab, &r, &first, error);
      if (ms < 0)
        return FALSE;
      note = g_strdup_printf (_ ("the same for the team of %s (%u agent bars); median of %d, first %.1f ms"),
                              team_nik, r.n, runs, first);
      tamctl_bench_figure ("kpi_tab_team_month_ms", ms, note);
      g_clear_pointer (&note, g_free);
      r.scope = TAM_KPI_SCOPE_NATIONAL;
      r.key = NULL;
    }

  ms = timed (runs, run_series, &r, &first, error);
  if (ms < 0)
    return FALSE;
  note = g_strdup_printf (_ ("target < 100; national QVS as the line chart reads it, %u months; median of %d, first"
                             " %.1f ms"),
                          r.n, runs, first);
  tamctl_bench_figure ("kpi_series_24_months_ms", ms, note);
  g_clear_pointer (&note, g_free);

  /* The charts: the 24-month line. */
  r.chart = tam_kpi_chart_line (store, session, TAM_KPI_QVS, &national, error);
  if (r.chart == NULL)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, CHART_W, CHART_H);
  r.cr = cairo_create (surface);
  tam_chart_layout (r.chart, tam_chart_style_default_light (), CHART_W, CHART_H);
  r.n = 0;
  ms = timed (MAX (runs, 20), run_redraw, &r, &first, error);
  note = g_strdup_printf (_ ("target < 4; the 24-month line at %d×%d, highlight moved, layout kept; median of %d"),
                          CHART_W, CHART_H, MAX (runs, 20));
  tamctl_bench_figure ("kpi_chart_redraw_ms", ms, note);
  g_clear_pointer (&note, g_free);
  ms = timed (MAX (runs, 20), run_layout, &r, &first, error);
  note = g_strdup_printf (_ ("the same with a new layout (a resize); median of %d"), MAX (runs, 20));
  tamctl_bench_figure ("kpi_chart_layout_draw_ms", ms, note);
  g_clear_pointer (&note, g_free);
  cairo_destroy (r.cr);
  cairo_surface_destroy (surface);
  r.cr = NULL;

  r.path = png;
  ms = timed (runs, run_png, &r, &first, error);
  g_unlink (png);
  if (ms < 0)
    {
      tam_chart_unref (r.chart);
      return FALSE;
    }
  note = g_strdup_printf (_ ("target < 200; the 24-month line as a %d×800 PNG; median of %d, first %.1f ms"), CHART_W,
                          runs, first);
  tamctl_bench_figure ("kpi_chart_png_ms", ms, note);
  g_clear_pointer (&note, g_free);
  tam_chart_unref (r.chart);
  r.chart = NULL;

  r.path = pack;
  ms = timed (MIN (runs, 2), run_pack, &r, &first, error);
  g_rmdir (pack);
  if (ms < 0)
    return FALSE;
  note = g_strdup_printf (_ ("target < 10; the month-end pack of %s (%u files: every report, the KPI workbook, the"
                             " charts' PDF); median of %d, first %.1f s"),
                          month, r.n, MIN (runs, 2), first / 1000.0);
  tamctl_bench_figure ("kpi_month_pack_s", ms / 1000.0, note);
  return TRUE;
}
