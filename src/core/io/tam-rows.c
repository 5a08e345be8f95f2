/* tam-rows.c: one row source for the imports, whatever the file is.
 *
 * The kind is told by content, not by name: an .xlsx is a zip container
 * ("PK\3\4"), anything else is read as CSV. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "tam-csv.h"
#include "tam-error.h"
#include "tam-rows.h"
#include "tam-xlsx-reader.h"

struct _TamRowReader
{
  char *path;
  TamCsvReader *csv;
  TamXlsxReader *xlsx;
  gboolean header_read;
};

static gboolean
is_zip (const char *path,
        gboolean *zip,
        GError **error)
{
  static const char magic[4] = { 'P', 'K', 3, 4 };
  char buf[4];
  size_t n;
  FILE *fp;

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT, _ ("Cannot read %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  n = fread (buf, 1, sizeof buf, fp);
  fclose (fp);
  *zip = n == sizeof buf && memcmp (buf, magic, sizeof buf) == 0;
  return TRUE;
}

TamRowReader *
tam_row_reader_open (const char *path,
                     GError **error)
{
  return tam_row_reader_open_full (path, NULL, error);
}

TamRowReader *
tam_row_reader_open_full (const char *path,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr (TamRowReader) self = NULL;
  gboolean zip = FALSE;

  g_return_val_if_fail (path != NULL, NULL);

  if (!is_zip (path, &zip, error))
    return NULL;

  self = g_new0 (TamRowReader, 1);
  self->path = g_strdup (path);
  if (zip)
    self->xlsx = tam_xlsx_reader_open_full (path, 0, NULL, cancellable, error);
  else
    self->csv = tam_csv_reader_open (path, error);
  if (self->xlsx == NULL && self->csv == NULL)
    return NULL;
  if (self->xlsx != NULL)
    tam_xlsx_reader_set_max_columns (self->xlsx, TAM_ROWS_MAX_COLUMNS);
  else
    tam_csv_reader_set_cancellable (self->csv, cancellable);
  return g_steal_pointer (&self);
}

int
tam_row_reader_next (TamRowReader *self,
                     GError **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, -1);

  if (self->csv != NULL)
    rc = tam_csv_reader_next (self->csv, error);
  else
    rc = tam_xlsx_reader_next (self->xlsx, error);
  if (rc == 1 && !self->header_read)
    {
      guint n = tam_row_reader_n_fields (self);

      self->header_read = TRUE;
      if (n > TAM_ROWS_MAX_COLUMNS)
        {
          g_autofree char *name = g_path_get_basename (self->path);
          g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                       _ ("%s:%u: the header has more than %d columns (a value right of column IV?); an import file may have at most %d"),
                       name, tam_row_reader_line (self), TAM_ROWS_MAX_COLUMNS, TAM_ROWS_MAX_COLUMNS);
          return -1;
        }
      /* Only the header's columns matter from here on. */
      if (self->xlsx != NULL)
        tam_xlsx_reader_set_max_columns (self->xlsx, MAX (n, 1));
    }
  return rc;
}

guint
tam_row_reader_n_fields (TamRowReader *self)
{
  if (self->csv != NULL)
    return tam_csv_reader_n_fields (self->csv);
  return tam_xlsx_reader_n_fields (self->xlsx);
}

const char *
tam_row_reader_field (TamRowReader *self,
                      guint index)
{
  const char *field;

  if (self->csv != NULL)
    return tam_csv_reader_field (self->csv, index);
  field = tam_xlsx_reader_field (self->xlsx, index);
  return field != NULL ? field : "";
}

guint
tam_row_reader_line (TamRowReader *self)
{
  if (self->csv != NULL)
    return tam_csv_reader_line (self->csv);
  return tam_xlsx_reader_row (self->xlsx);
}

double
tam_row_reader_progress (TamRowReader *self)
{
  double p;

  if (self->csv != NULL)
    p = tam_csv_reader_progress (self->csv);
  else
    p = tam_xlsx_reader_progress (self->xlsx);
  return CLAMP (p, 0.0, 1.0);
}

const char *
tam_row_reader_path (TamRowReader *self)
{
  return self->path;
}

char
tam_row_reader_separator (TamRowReader *self)
{
  if (self->csv != NULL)
    return tam_csv_reader_separator (self->csv);
  return '\0';
}

void
tam_row_reader_free (TamRowReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->csv, tam_csv_reader_free);
  g_clear_pointer (&self->xlsx, tam_xlsx_reader_free);
  g_free (self->path);
  g_free (self);
}
