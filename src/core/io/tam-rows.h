#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A row source for imports: CSV (tam-csv.c) or the first sheet of an
 * .xlsx (tam-xlsx-reader.c), picked by content ("PK\3\4" = xlsx). */
typedef struct _TamRowReader TamRowReader;

/* An import reads at most this many columns (A to IV, old Excel's
 * limit): a header with a value right of IV is refused. */
#define TAM_ROWS_MAX_COLUMNS 256

TamRowReader *tam_row_reader_open (const char *path,
                                   GError **error);
/* The first row read is the header: later rows of an .xlsx are read only
 * up to its last column (a value right of it is given as one extra field,
 * see tam_xlsx_reader_set_max_columns()), so a sheet with cells at column
 * XFD costs no more than a narrow one. @cancellable (may be NULL) is
 * checked on every row, blank ones included, and while an .xlsx is
 * inflated: _next then fails with G_IO_ERROR_CANCELLED. */
TamRowReader *tam_row_reader_open_full (const char *path,
                                        GCancellable *cancellable,
                                        GError **error);
/* 1: a row is ready; 0: end of file; -1: error (names file and line). */
int tam_row_reader_next (TamRowReader *reader,
                         GError **error);
guint tam_row_reader_n_fields (TamRowReader *reader);
/* Valid until the next call to _next; "" past the last field. */
const char *tam_row_reader_field (TamRowReader *reader,
                                  guint index);
/* 1-based line (CSV: where the row starts) or sheet row (xlsx). */
guint tam_row_reader_line (TamRowReader *reader);
double tam_row_reader_progress (TamRowReader *reader);
const char *tam_row_reader_path (TamRowReader *reader);
/* The CSV separator (',', ';' or '\t'), or '\0' for an .xlsx. */
char tam_row_reader_separator (TamRowReader *reader);
void tam_row_reader_free (TamRowReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamRowReader, tam_row_reader_free)

G_END_DECLS
