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

/* Writes the report of @period to @path (.xlsx or .csv, by its name). */
typedef gboolean (*TamReportWriteFunc) (TamStore *store,
                                        const TamSession *session,
                                        const char *period,
                                        const char *path,
                                        TamProgressFunc progress,
                                        gpointer user_data,
                                        GCancellable *cancellable,
                                        GError **error);

typedef struct
{
  const char *code;        /* "f18": tamctl report f18 */
  const char *form;        /* "F-18": the operation's form number, file names */
  const char *title;       /* translatable (N_): "Report F-18" */
  const char *description; /* translatable (N_), one sentence */
  TamReportPeriod period;
  TamPermission permission; /* who may run it (the write checks again) */
  TamReportWriteFunc write;
  /* For a .csv path, the file of the second sheet; NULL: one file. */
  char *(*second_csv_path) (const char *path);
} TamReport;

/* Every report, NULL-terminated, in menu order. */
const TamReport *const *tam_reports (void);
/* By its code, in any case ("f18", "F18", "F-18"); NULL if none. */
const TamReport *tam_report_find (const char *code);

G_END_DECLS
