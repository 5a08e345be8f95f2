#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Streams the first worksheet of an .xlsx: the zip container is opened
 * with libzip, xl/sharedStrings.xml is loaded, the sheet XML is read with
 * libxml2's xmlTextReader without building a tree.
 *
 * Cells come as text: shared and inline strings as written; numbers in
 * plain notation (integers without ".0", others with up to 15 significant
 * digits, as Excel shows them); booleans "TRUE" / "FALSE"; cells whose
 * style is a date or time format as "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS"
 * or "HH:MM:SS" (time-only formats). Cells are placed by their reference
 * (r="C5"), so skipped cells read as "". Rows whose cells are all empty
 * (formatting only) are skipped. */
typedef struct _TamXlsxReader TamXlsxReader;

/* Errors name the file: not a zip (“is not an .xlsx file”), a damaged or
 * truncated container, no worksheet, bad XML. */
TamXlsxReader *tam_xlsx_reader_open (const char *path,
                                     GError **error);
/* Worksheet @index (0-based, in the workbook's order) instead of the
 * first. */
TamXlsxReader *tam_xlsx_reader_open_sheet (const char *path,
                                           guint index,
                                           GError **error);
/* 1 row ready, 0 end, -1 error. Empty cells in a row are "". */
int tam_xlsx_reader_next (TamXlsxReader *reader,
                          GError **error);
guint tam_xlsx_reader_n_fields (TamXlsxReader *reader);
/* Valid until the next call to _next; "" past the last field. */
const char *tam_xlsx_reader_field (TamXlsxReader *reader,
                                   guint index);
/* The 1-based sheet row number of the current row. */
guint tam_xlsx_reader_row (TamXlsxReader *reader);
/* 0.0 to 1.0: how much of the sheet XML has been read. */
double tam_xlsx_reader_progress (TamXlsxReader *reader);
void tam_xlsx_reader_free (TamXlsxReader *reader);

/* An Excel date serial (1900 date system: 1.0 is 1900-01-01, with
 * Excel's phantom 1900-02-29 accounted for) as "YYYY-MM-DD HH:MM:SS",
 * rounded to the second; NULL when out of range (before 1900-01-01 or
 * after 9999-12-31). */
char *tam_xlsx_serial_to_iso (double serial);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamXlsxReader, tam_xlsx_reader_free)

G_END_DECLS
