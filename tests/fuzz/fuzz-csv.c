/* fuzz-csv.c: the CSV reader (src/core/io/tam-csv.c) on any bytes.
 *
 * Besides ASan and UBSan, checks what a caller relies on: every field is
 * valid UTF-8 and within TAM_CSV_MAX_FIELD, the field past the last one
 * is "", an error comes with a message naming the file, progress stays
 * within 0..1 and never goes back. */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "tam-csv.h"

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCsvReader) r = NULL;
  double last = 0.0;
  int rc;

  r = tam_csv_reader_new_for_data ((const char *) data, size, "fuzz.csv", &error);
  if (r == NULL)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "fuzz.csv"));
      return 0;
    }
  g_assert_true (strchr (",;\t", tam_csv_reader_separator (r)) != NULL);
  while ((rc = tam_csv_reader_next (r, &error)) == 1)
    {
      guint n = tam_csv_reader_n_fields (r);
      double p = tam_csv_reader_progress (r);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpuint (tam_csv_reader_line (r), >, 0);
      for (guint i = 0; i < n; i++)
        {
          const char *f = tam_csv_reader_field (r, i);
          gsize len = strlen (f);

          g_assert_cmpuint (len, <=, TAM_CSV_MAX_FIELD);
          g_assert_true (g_utf8_validate (f, (gssize) len, NULL));
        }
      g_assert_cmpstr (tam_csv_reader_field (r, n), ==, "");
      g_assert_cmpfloat (p, >=, last);
      g_assert_cmpfloat (p, <=, 1.0);
      last = p;
    }
  if (rc < 0)
    {
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "fuzz.csv:"));
    }
  else
    g_assert_null (error);
  return 0;
}
