/* tam-report-util.h: what the monthly report writers (tam-f18.c,
 * tam-w03.c) share: the month's bounds, the .xlsx formats and sheet
 * headers, CSV fields, progress, and writing through a temporary file.
 * Not public API. */
#pragma once

#include <xlsxwriter.h>

#include "tam-reports.h"

G_BEGIN_DECLS

/* "2026-10" -> "2026-10-01" and "2026-11-01"; FALSE when not a month. */
gboolean _tam_report_month_bounds (const char *month,
                                   char **first,
                                   char **next);

/* _tam_report_month_bounds, or TAM_ERROR_INVALID naming @month. */
gboolean _tam_report_check_month (const char *month,
                                  char **first,
                                  char **next,
                                  GError **error);

/* @path must end in .xlsx or .csv (any case); *is_csv says which. */
gboolean _tam_report_check_path (const char *path,
                                 gboolean *is_csv,
                                 GError **error);

/* Calls @progress every 256 rows and at the end. */
void _tam_report_progress (TamProgressFunc progress,
                           gpointer user_data,
                           guint done,
                           guint total);

const char *_tam_report_or_empty (const char *s);

/* The formats every report sheet uses. */
typedef struct
{
  lxw_format *title, *head, *bold, *pct, *bold_pct, *dec, *bold_dec;
} TamReportFormats;

/* A workbook at @tmp_path with its formats; NULL with @error naming @path. */
lxw_workbook *_tam_report_workbook_new (const char *path,
                                        const char *tmp_path,
                                        TamReportFormats *formats,
                                        GError **error);
/* A column of a sheet: its head (translatable, N_()) and its width in
 * characters (0: the spreadsheet's default). */
typedef struct
{
  const char *head;
  double width;
} TamReportColumn;

/* A sheet with its title in A1, the heads of @columns in row 2, frozen
 * below them, and the columns' widths. The rows start at row 2
 * (0-based). */
lxw_worksheet *_tam_report_sheet_new (lxw_workbook *wb,
                                      const TamReportFormats *formats,
                                      const char *name,
                                      const char *title,
                                      const TamReportColumn *columns,
                                      guint n_columns);
/* @text in a cell, or an empty cell (not an empty string) for NULL or "". */
void _tam_report_write_text (lxw_worksheet *ws,
                             lxw_row_t row,
                             lxw_col_t col,
                             const char *text,
                             lxw_format *format);
/* Closes @wb and renames @tmp_path to @path; on cancellation or failure
 * removes @tmp_path and returns FALSE. */
gboolean _tam_report_workbook_close (lxw_workbook *wb,
                                     const char *path,
                                     const char *tmp_path,
                                     GCancellable *cancellable,
                                     GError **error);

/* CSV: a field (quoted when needed) followed by "," or, @last, "\r\n". */
void _tam_report_csv_field (GString *out,
                            const char *value,
                            gboolean last);
void _tam_report_csv_int (GString *out,
                          gint64 value);
/* One decimal. */
void _tam_report_csv_double (GString *out,
                             double value,
                             gboolean last);
/* "X.csv" -> "X@suffix.csv" (the second sheet's file). */
char *_tam_report_csv_sibling (const char *path,
                               const char *suffix);
/* Writes @out to @path and @out2 to @path2 (each through a temporary
 * file). */
gboolean _tam_report_csv_save (const char *path,
                               GString *out,
                               const char *path2,
                               GString *out2,
                               GError **error);

/* Where and how a report is written. */
typedef struct
{
  const char *month;
  const char *path;
  const char *tmp_path;    /* .xlsx: written there, then renamed */
  const char *second_path; /* .csv: the second sheet's file, or NULL */
  TamProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
} TamReportOutput;

/* A report's two sheets (computed by its TamReportCompute), written. */
typedef gboolean (*TamReportSheetsFunc) (const TamReportOutput *output,
                                         GPtrArray *sheet1,
                                         GPtrArray *sheet2,
                                         GError **error);

/* Checks @output->path (.xlsx or .csv), computes the sheets and writes
 * them with @write_csv (@output->second_path set from
 * @second_csv_suffix) or @write_xlsx (@output->tmp_path set). */
gboolean _tam_report_write (TamStore *store,
                            const TamSession *session,
                            TamReportCompute *compute,
                            TamReportSheetsFunc write_csv,
                            TamReportSheetsFunc write_xlsx,
                            const char *second_csv_suffix,
                            const TamReportOutput *output,
                            GError **error);

/* Defines a report's TamReportWrite @name over _tam_report_write: the
 * path checked, @compute, then @write_csv (its second sheet to the file
 * named with @second_csv_suffix, as the registry's entry says) or
 * @write_xlsx. */
#define TAM_REPORT_DEFINE_WRITE(name, compute, write_csv, write_xlsx, second_csv_suffix)          \
  gboolean name (TamStore *store, const TamSession *session, const char *month, const char *path, \
                 TamProgressFunc progress, gpointer user_data, GCancellable *cancellable,         \
                 GError **error)                                                                  \
  {                                                                                               \
    TamReportOutput o = { month, path, NULL, NULL, progress, user_data, cancellable };            \
                                                                                                  \
    g_return_val_if_fail (TAM_IS_STORE (store), FALSE);                                           \
    g_return_val_if_fail (path != NULL, FALSE);                                                   \
    return _tam_report_write (store, session, compute, write_csv, write_xlsx, second_csv_suffix,  \
                              &o, error);                                                         \
  }

G_END_DECLS
