/* tam-report-util.c: helpers shared by the report writers; see
 * tam-report-util.h. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "tam-csv.h"
#include "tam-error.h"
#include "tam-report-util.h"

gboolean
_tam_report_month_bounds (const char *month,
                          char **first,
                          char **next)
{
  int y, m;

  if (month == NULL || strlen (month) != 7 || month[4] != '-' ||
      !g_ascii_isdigit (month[0]) || !g_ascii_isdigit (month[1]) ||
      !g_ascii_isdigit (month[2]) || !g_ascii_isdigit (month[3]) ||
      !g_ascii_isdigit (month[5]) || !g_ascii_isdigit (month[6]))
    return FALSE;
  y = atoi (month);
  m = atoi (month + 5);
  if (y < 1900 || m < 1 || m > 12)
    return FALSE;
  *first = g_strdup_printf ("%04d-%02d-01", y, m);
  *next = m == 12 ? g_strdup_printf ("%04d-01-01", y + 1) : g_strdup_printf ("%04d-%02d-01", y, m + 1);
  return TRUE;
}

gboolean
_tam_report_check_month (const char *month,
                         char **first,
                         char **next,
                         GError **error)
{
  if (_tam_report_month_bounds (month, first, next))
    return TRUE;
  g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
               _ ("“%s” is not a month (YYYY-MM)"), month ? month : "");
  return FALSE;
}

gboolean
_tam_report_check_path (const char *path,
                        gboolean *is_csv,
                        GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  *is_csv = g_str_has_suffix (lower, ".csv");
  if (*is_csv || g_str_has_suffix (lower, ".xlsx"))
    return TRUE;
  g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
               _ ("The report is written as .xlsx or .csv, not “%s”"), path);
  return FALSE;
}

void
_tam_report_progress (TamProgressFunc progress,
                      gpointer user_data,
                      guint done,
                      guint total)
{
  if (progress != NULL && total > 0 && (done % 256 == 0 || done == total))
    progress ((double) done / (double) total, user_data);
}

const char *
_tam_report_or_empty (const char *s)
{
  return s ? s : "";
}

lxw_workbook *
_tam_report_workbook_new (const char *path,
                          const char *tmp_path,
                          TamReportFormats *f,
                          GError **error)
{
  lxw_workbook *wb = workbook_new (tmp_path);

  if (wb == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”"), path);
      return NULL;
    }
  f->title = workbook_add_format (wb);
  format_set_bold (f->title);
  format_set_font_size (f->title, 13);
  f->head = workbook_add_format (wb);
  format_set_bold (f->head);
  format_set_bottom (f->head, LXW_BORDER_THIN);
  format_set_text_wrap (f->head);
  f->bold = workbook_add_format (wb);
  format_set_bold (f->bold);
  f->pct = workbook_add_format (wb);
  format_set_num_format (f->pct, "0.0%");
  f->bold_pct = workbook_add_format (wb);
  format_set_num_format (f->bold_pct, "0.0%");
  format_set_bold (f->bold_pct);
  f->dec = workbook_add_format (wb);
  format_set_num_format (f->dec, "0.0");
  f->bold_dec = workbook_add_format (wb);
  format_set_num_format (f->bold_dec, "0.0");
  format_set_bold (f->bold_dec);
  return wb;
}

lxw_worksheet *
_tam_report_sheet_new (lxw_workbook *wb,
                       const TamReportFormats *formats,
                       const char *name,
                       const char *title,
                       const TamReportColumn *columns,
                       guint n_columns)
{
  lxw_worksheet *ws = workbook_add_worksheet (wb, name);

  worksheet_write_string (ws, 0, 0, title, formats->title);
  for (lxw_col_t c = 0; c < n_columns; c++)
    {
      worksheet_write_string (ws, 1, c, _ (columns[c].head), formats->head);
      if (columns[c].width > 0)
        worksheet_set_column (ws, c, c, columns[c].width, NULL);
    }
  worksheet_freeze_panes (ws, 2, 0);
  return ws;
}

void
_tam_report_write_text (lxw_worksheet *ws,
                        lxw_row_t row,
                        lxw_col_t col,
                        const char *text,
                        lxw_format *format)
{
  if (text != NULL && *text != '\0')
    worksheet_write_string (ws, row, col, text, format);
}

gboolean
_tam_report_workbook_close (lxw_workbook *wb,
                            const char *path,
                            const char *tmp_path,
                            GCancellable *cancellable,
                            GError **error)
{
  lxw_error err = workbook_close (wb);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (err != LXW_NO_ERROR)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”: %s"),
                   path, lxw_strerror (err));
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved = errno;
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      g_unlink (tmp_path);
      return FALSE;
    }
  return TRUE;
}

void
_tam_report_csv_field (GString *out,
                       const char *value,
                       gboolean last)
{
  /* The one CSV writer of the core (io/tam-csv.c): the same quoting as
   * the roster export, which the imports read back. */
  tam_csv_append_field (out, value, -1, ',');
  g_string_append (out, last ? "\r\n" : ",");
}

void
_tam_report_csv_int (GString *out,
                     gint64 value)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT ",", value);
}

void
_tam_report_csv_double (GString *out,
                        double value,
                        gboolean last)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.1f", value));
  g_string_append (out, last ? "\r\n" : ",");
}

char *
_tam_report_csv_sibling (const char *path,
                         const char *suffix)
{
  if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    {
      g_autofree char *base = g_strndup (path, strlen (path) - 4);
      return g_strconcat (base, suffix, ".csv", NULL);
    }
  return g_strconcat (path, suffix, ".csv", NULL);
}

gboolean
_tam_report_csv_save (const char *path,
                      GString *out,
                      const char *path2,
                      GString *out2,
                      GError **error)
{
  g_autoptr (GError) local_error = NULL;

  /* g_file_set_contents writes a temporary file and renames it. */
  if (!g_file_set_contents (path, out->str, (gssize) out->len, &local_error) ||
      !g_file_set_contents (path2, out2->str, (gssize) out2->len, &local_error))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write the report: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tam_report_write (TamStore *store,
                   const TamSession *session,
                   TamReportCompute *compute,
                   TamReportSheetsFunc write_csv,
                   TamReportSheetsFunc write_xlsx,
                   const char *second_csv_suffix,
                   const TamReportOutput *output,
                   GError **error)
{
  g_autoptr (GPtrArray) sheet1 = NULL;
  g_autoptr (GPtrArray) sheet2 = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *second_path = NULL;
  TamReportOutput o = *output;
  gboolean is_csv;

  if (!_tam_report_check_path (o.path, &is_csv, error) ||
      !compute (store, session, o.month, &sheet1, &sheet2, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (o.cancellable, error))
    return FALSE;

  if (is_csv)
    {
      if (second_csv_suffix != NULL)
        o.second_path = second_path = _tam_report_csv_sibling (o.path, second_csv_suffix);
      return write_csv (&o, sheet1, sheet2, error);
    }
  o.tmp_path = tmp_path = g_strconcat (o.path, ".part", NULL);
  return write_xlsx (&o, sheet1, sheet2, error);
}
