#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-error.h"
#include "tam-xlsx-reader.h"

/* Placeholder until the streaming reader lands. */
TamXlsxReader *
tam_xlsx_reader_open (const char  *path,
                      GError     **error)
{
  g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _("%s: .xlsx files cannot be read yet"), path);
  return NULL;
}

int tam_xlsx_reader_next (TamXlsxReader *reader, GError **error) { return -1; }
guint tam_xlsx_reader_n_fields (TamXlsxReader *reader) { return 0; }
const char *tam_xlsx_reader_field (TamXlsxReader *reader, guint index) { return ""; }
guint tam_xlsx_reader_row (TamXlsxReader *reader) { return 0; }
double tam_xlsx_reader_progress (TamXlsxReader *reader) { return 0; }
void tam_xlsx_reader_free (TamXlsxReader *reader) { }
