#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A row source for imports: CSV (tam-csv.c) or the first sheet of an
 * .xlsx (tam-xlsx-reader.c), picked by content ("PK\3\4" = xlsx). */
typedef struct _TamRowReader TamRowReader;

TamRowReader *tam_row_reader_open (const char *path,
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
