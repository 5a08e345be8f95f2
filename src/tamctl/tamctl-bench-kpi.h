#pragma once

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* Prints the KPI tab's figures (kpi_tab_month_ms, kpi_tab_team_month_ms
 * when @team_nik is set, kpi_series_24_months_ms, kpi_chart_redraw_ms,
 * kpi_chart_layout_draw_ms, kpi_chart_png_ms, kpi_month_pack_s) for the
 * last complete month (the one the tab opens on; @month, that of the
 * imported calls, is the current one and partial), writing its files
 * under @dir (removed after). */
gboolean tamctl_bench_kpi (TamStore *store,
                           const TamSession *session,
                           const char *month,
                           const char *team_nik,
                           int runs,
                           const char *dir,
                           GError **error);

/* What the two files of `tamctl bench` share (tamctl-bench.c): a figure
 * printed "NAME VALUE (NOTE)" (no note: "NAME VALUE"), and the median of
 * @n values (sorts them). */
void tamctl_bench_figure (const char *name,
                          double value,
                          const char *note);
double tamctl_bench_median (double *values,
                            guint n);

G_END_DECLS
