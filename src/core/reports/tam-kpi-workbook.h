/* tam-kpi-workbook.h: the KPI workbook of a month (issue 10), an entry of
 * the report registry ("kpi"): the tables of tam-kpi.h with native
 * spreadsheet charts (libxlsxwriter's), each KPI's target a series of its
 * chart, so a site's manager gets the charts they used to paste by hand. */
#pragma once

#include "tam-reports.h"

G_BEGIN_DECLS

/* Writes @path for @month (TAM_PERM_EXPORT).
 * .xlsx, one sheet each, in this order (sheet names translated):
 *   Summary      the national KPIs: value, target, last month, counts
 *   QVS trend    QVS and first pass, national, the twelve months up to
 *                @month, with the target; a line chart (QVS, first pass,
 *                target dashed)
 *   QVS sites    the sites' QVS with the target; a column chart + target line
 *   QVS teams    the teams' QVS with the target; a column chart + target line
 *   QVS agents   every agent's QVS (the table of `tamctl kpi qvs --by agent`)
 *   QVS budget   the teams' budget of @month
 *   Headcount    per service and site, with the target; a column chart of
 *                the sites' fulfilment + target line
 *   Scorecard    every agent's ABU scorecard
 *   ABU sites    the sites' mean score with the B band; a column chart
 *   Adherence    the sites' and teams' roster adherence (F-02) with the
 *                target; a column chart of the sites
 *   CT-0         the sites' and teams' CT-0 PraNPC achievement, target, chart
 * Every percentage is a number 0-100 (as `tamctl kpi`); the charts' values
 * and target are cell ranges of their sheet.
 * .csv: the Summary sheet, and the agents' scorecard beside it
 * (TAM_KPI_WORKBOOK_SCORECARD_CSV_SUFFIX). */
TamReportWrite tam_kpi_workbook_write;

/* "X.csv" -> "X-scorecard.csv". */
#define TAM_KPI_WORKBOOK_SCORECARD_CSV_SUFFIX "-scorecard"

G_END_DECLS
