/* fuzz-xlsx-common.h: reads an .xlsx file the way an import does (the
 * first row is the header, later rows only up to its columns), with
 * small limits so that one input costs milliseconds, checking what a
 * caller relies on. */
#pragma once

#include <gio/gio.h>
#include <string.h>

#include "tam-error.h"
#include "tam-xlsx-reader.h"

static inline void
fuzz_read_xlsx (const char *path)
{
  TamXlsxLimits limits = { 1024 * 1024, 2 * 1024 * 1024 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open_full (path, 0, &limits, NULL, &error);
  guint header = 0;
  double last = 0.0;
  int rc;

  if (r == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TAM_ERROR);
      g_assert_nonnull (strstr (error->message, path));
      return;
    }
  tam_xlsx_reader_set_max_columns (r, 256);
  while ((rc = tam_xlsx_reader_next (r, &error)) == 1)
    {
      guint n = tam_xlsx_reader_n_fields (r);
      double p = tam_xlsx_reader_progress (r);

      g_assert_cmpuint (n, >, 0);
      if (header == 0)
        {
          g_assert_cmpuint (n, <=, 257);
          header = n;
          tam_xlsx_reader_set_max_columns (r, header);
        }
      else
        g_assert_cmpuint (n, <=, header + 1);
      for (guint i = 0; i < n; i++)
        {
          const char *f = tam_xlsx_reader_field (r, i);
          g_assert_nonnull (f);
          g_assert_cmpuint (strlen (f), <=, 4 * TAM_XLSX_MAX_CELL_CHARS);
        }
      /* A row is never all empty, and never ends with an empty field. */
      g_assert_cmpstr (tam_xlsx_reader_field (r, n - 1), !=, "");
      g_assert_cmpstr (tam_xlsx_reader_field (r, n), ==, "");
      g_assert_cmpfloat (p, >=, 0.0);
      g_assert_cmpfloat (p, <=, 1.0);
      last = p;
    }
  (void) last;
  if (rc < 0)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == TAM_ERROR);
      g_assert_nonnull (strstr (error->message, path));
    }
  else
    g_assert_null (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, NULL), ==, 0);
}
