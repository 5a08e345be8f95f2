#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A CSV reader for files as Indonesian offices produce them: UTF-8 with or
 * without BOM, comma, semicolon or tab separated (detected from the header
 * line), fields quoted with embedded separators, doubled quotes and line
 * breaks, CRLF or LF line ends. The file is mapped, not read; each row is
 * unescaped into one buffer reused for the whole file, so reading a row
 * allocates nothing once the buffer has grown. Blank lines are skipped.
 *
 * What a row may cost is bounded: a field holds at most TAM_CSV_MAX_FIELD
 * bytes, a row (its physical lines together) at most TAM_CSV_MAX_ROW;
 * past either the reader stops with an error naming the file, the line
 * and the column (the 1-based field). */
typedef struct _TamCsvReader TamCsvReader;

#define TAM_CSV_MAX_FIELD (64 * 1024)
#define TAM_CSV_MAX_ROW (1024 * 1024)

TamCsvReader *tam_csv_reader_open (const char *path,
                                   GError **error);
/* Reads from memory (tests); @name is used in error messages. */
TamCsvReader *tam_csv_reader_new_for_data (const char *data,
                                           gsize len,
                                           const char *name,
                                           GError **error);
/* Checked on every row, blank lines included: _next then fails with
 * G_IO_ERROR_CANCELLED. */
void tam_csv_reader_set_cancellable (TamCsvReader *reader,
                                     GCancellable *cancellable);
/* 1: a row is ready; 0: end of file; -1: error naming file and line
 * (TAM_ERROR_IMPORT). */
int tam_csv_reader_next (TamCsvReader *reader,
                         GError **error);
guint tam_csv_reader_n_fields (TamCsvReader *reader);
/* NUL-terminated and unescaped; "" past the last field. Valid until the
 * next call to tam_csv_reader_next. */
const char *tam_csv_reader_field (TamCsvReader *reader,
                                  guint index);
/* The 1-based line on which the current row starts. */
guint tam_csv_reader_line (TamCsvReader *reader);
/* ',', ';' or '\t'. */
char tam_csv_reader_separator (TamCsvReader *reader);
double tam_csv_reader_progress (TamCsvReader *reader);
void tam_csv_reader_free (TamCsvReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamCsvReader, tam_csv_reader_free)

/* Appends @field to @line, quoted when it holds the separator, a quote, a
 * line break or leading/trailing blanks. @len -1: NUL-terminated. A field
 * a spreadsheet would run as a formula (tam_csv_field_is_formula) is
 * written as text, behind an apostrophe: every CSV the project writes goes
 * through here. */
/* Whether a spreadsheet would take @field as a formula: it begins with
 * '=', '+', '-', '@', a tab or a CR, and is not a plain signed number. */
gboolean tam_csv_field_is_formula (const char *field,
                                   gsize len);
void tam_csv_append_field (GString *line,
                           const char *field,
                           gssize len,
                           char separator);

/* Gives the pages of data[from, to) of a read-only file mapping back to
 * the kernel (they are read again if touched): bounds the resident size
 * of a large mapped file read once from start to end. */
void tam_mapped_release (const char *data,
                         gsize from,
                         gsize to);

G_END_DECLS
