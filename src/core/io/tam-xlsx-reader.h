#pragma once

#include <gio/gio.h>

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
 * (formatting only) are skipped.
 *
 * An .xlsx is untrusted input, so what it may cost is bounded:
 * - every zip part read (workbook, relationships, shared strings, styles,
 *   the sheet) may inflate to TamXlsxLimits.max_part_size, all of them
 *   together to max_total_size; a part is refused before it is read when
 *   the zip gives its size, and while it is inflated in any case (a zip
 *   header may lie);
 * - a cell (or shared string) holds at most TAM_XLSX_MAX_CELL_CHARS
 *   characters and a sheet at most TAM_XLSX_MAX_ROWS rows, Excel's own
 *   limits;
 * - a document type (<!DOCTYPE>, where entities are declared) is refused
 *   in every part: no entity is ever substituted or loaded;
 * - tam_xlsx_reader_set_max_columns() stops rows from growing past the
 *   columns the caller reads;
 * - a GCancellable is checked on every row (blank ones too), every 4,096
 *   cells and every read from the zip. */
typedef struct _TamXlsxReader TamXlsxReader;

/* The defaults: 200 MB a part, 400 MB in all. */
#define TAM_XLSX_MAX_PART_SIZE (G_GUINT64_CONSTANT (200) * 1024 * 1024)
#define TAM_XLSX_MAX_TOTAL_SIZE (G_GUINT64_CONSTANT (400) * 1024 * 1024)
#define TAM_XLSX_MAX_CELL_CHARS 32767
/* Excel's own limit on the rows of a sheet (<row> elements, blank ones
 * too): more is refused. */
#define TAM_XLSX_MAX_ROWS 1048576

typedef struct
{
  guint64 max_part_size;  /* 0: TAM_XLSX_MAX_PART_SIZE */
  guint64 max_total_size; /* 0: TAM_XLSX_MAX_TOTAL_SIZE */
} TamXlsxLimits;

/* Errors name the file: not a zip (“is not an .xlsx file”), a damaged or
 * truncated container, no worksheet, bad XML. */
TamXlsxReader *tam_xlsx_reader_open (const char *path,
                                     GError **error);
/* Worksheet @index (0-based, in the workbook's order) instead of the
 * first. */
TamXlsxReader *tam_xlsx_reader_open_sheet (const char *path,
                                           guint index,
                                           GError **error);
/* @limits: NULL for the defaults. @cancellable (may be NULL) is kept
 * for the reader's life: a cancel makes _open or _next fail with
 * G_IO_ERROR_CANCELLED. */
TamXlsxReader *tam_xlsx_reader_open_full (const char *path,
                                          guint index,
                                          const TamXlsxLimits *limits,
                                          GCancellable *cancellable,
                                          GError **error);
/* Rows are read up to column @max_columns (0: all, up to XFD). A cell
 * right of it is never placed at its column: the first non-empty one of
 * a row is given as field @max_columns (so the row reads as one field
 * wider than asked, which an import reports as a bad row), the others
 * are skipped without being read. */
void tam_xlsx_reader_set_max_columns (TamXlsxReader *reader,
                                      guint max_columns);
/* 1 row ready, 0 end, -1 error (and 0 from then on). Empty cells in a
 * row are "". */
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
