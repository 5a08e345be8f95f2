/* tam-kpi-xlsx.h: a KPI table on a libxlsxwriter sheet, for
 * tam_kpi_table_write() and the KPI workbook (not public API). */
#pragma once

#include "tam-kpi.h"
#include "tam-report-util.h"

G_BEGIN_DECLS

/* Writes @table's title on @row0 of @ws, its column names under it (in
 * @f's title and head formats), then its rows: numbers as numbers (the
 * decimals and percentages, which keep their 0-100 value, in @decimal),
 * empty cells not at all. */
void _tam_kpi_table_put (const TamKpiTable *table,
                         lxw_worksheet *ws,
                         lxw_row_t row0,
                         const TamReportFormats *f,
                         lxw_format *decimal);

G_END_DECLS
