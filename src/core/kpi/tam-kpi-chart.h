/* tam-kpi-chart.h: the KPI charts, made once for the KPI tab, `tamctl
 * chart`, the KPI workbook's PDF and the month-end pack: the data of
 * kpi/ in the renderer of charts/ (no GTK). */
#pragma once

#include "tam-chart.h"
#include "tam-kpi.h"

G_BEGIN_DECLS

/* @kind month by month over @query (tam_kpi_series): a line with the
 * KPI's target, each point's detail its counts ("1.402 valid / 1.488
 * agree"), its id the month. */
TamChart *tam_kpi_chart_line (TamStore *store,
                              const TamSession *session,
                              TamKpiKind kind,
                              const TamKpiSeriesQuery *query,
                              GError **error);

/* @kind in @month for every member of @scope (SITE, SERVICE, TEAM or
 * AGENT): bars, highest first, with the target; each bar's id is the
 * member's key (drill-down). QVS, FIRST_PASS, HEADCOUNT (SITE, SERVICE)
 * and ABU (the mean score; not AGENT); the others: TAM_ERROR_INVALID. */
TamChart *tam_kpi_chart_bars (TamStore *store,
                              const TamSession *session,
                              TamKpiKind kind,
                              const char *month,
                              TamKpiScope scope,
                              GError **error);

/* The same, only the members inside @parent_key of @parent_scope (NATIONAL:
 * all): a site's (or service's) teams or agents, a team's agents. */
TamChart *tam_kpi_chart_bars_within (TamStore *store,
                                     const TamSession *session,
                                     TamKpiKind kind,
                                     const char *month,
                                     TamKpiScope scope,
                                     TamKpiScope parent_scope,
                                     const char *parent_key,
                                     GError **error);

/* "1.402 valid / 1.488 agree": what a KPI value is made of, in the
 * desk's language. */
char *tam_kpi_chart_detail (TamKpiKind kind,
                            gint64 numerator,
                            gint64 denominator);

G_END_DECLS
