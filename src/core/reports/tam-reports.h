/* tam-reports.h: the registry of reports. tamctl's `report CODE` and the
 * window's report dialogs are driven by it; a new report (F-03, the KPI
 * workbook, training records, the month-end pack) is one entry here. */
#pragma once

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

typedef enum
{
  TAM_REPORT_MONTH, /* one calendar month, "YYYY-MM" */
} TamReportPeriod;

/* A report's computation: the rows of its two sheets for @period, in
 * report order (GPtrArrays of the report's own row types). Each report
 * declares its own as `TamReportCompute tam_x_compute;`. */
typedef gboolean TamReportCompute (TamStore *store,
                                   const TamSession *session,
                                   const char *period,
                                   GPtrArray **sheet1,
                                   GPtrArray **sheet2,
                                   GError **error);

/* Writes the report of @period to @path (.xlsx or .csv, by its name).
 * Declared `TamReportWrite tam_x_write;`, defined with
 * TAM_REPORT_DEFINE_WRITE (tam-report-util.h). */
typedef gboolean TamReportWrite (TamStore *store,
                                 const TamSession *session,
                                 const char *period,
                                 const char *path,
                                 TamProgressFunc progress,
                                 gpointer user_data,
                                 GCancellable *cancellable,
                                 GError **error);
typedef TamReportWrite *TamReportWriteFunc;

typedef struct
{
  const char *code;        /* "f18": tamctl report f18 */
  const char *form;        /* "F-18": the operation's form number, file names */
  const char *title;       /* translatable (N_): "Report F-18" */
  const char *description; /* translatable (N_), one sentence */
  TamReportPeriod period;
  TamPermission permission; /* who may run it (the write checks again) */
  TamReportWriteFunc write;
  /* For a .csv path, the second sheet goes to the file named with this
   * suffix ("X.csv" -> "X-qco.csv"); NULL: one file. */
  const char *second_csv_suffix;
} TamReport;

/* Every report, NULL-terminated, in menu order. */
const TamReport *const *tam_reports (void);
/* By its code, in any case ("f18", "F18", "F-18"); NULL if none. */
const TamReport *tam_report_find (const char *code);
/* The file of @report's second sheet when it writes @path, a .csv (in
 * any case), or NULL when it writes one file (an .xlsx, or a report of
 * one sheet). */
char *tam_report_second_csv_path (const TamReport *report,
                                  const char *path);

G_END_DECLS
