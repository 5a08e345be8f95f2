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

/* Writes the current row of @r after a header that fixes the separator,
 * reads it back and compares. */
static void
round_trip (TamCsvReader *r)
{
  char sep = tam_csv_reader_separator (r);
  guint n = tam_csv_reader_n_fields (r);
  g_autoptr (GString) text = g_string_new ("a");
  g_autoptr (TamCsvReader) back = NULL;
  g_autoptr (GError) error = NULL;

  /* One empty field is written as a blank line, which is skipped. */
  if (n == 1 && tam_csv_reader_field (r, 0)[0] == '\0')
    return;
  g_string_append_c (text, sep);
  g_string_append (text, "b\n");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, sep);
      tam_csv_append_field (text, tam_csv_reader_field (r, i), -1, sep);
    }
  g_string_append_c (text, '\n');
  /* Quotes doubled or an apostrophe added may take a row or a field at
   * the limit over it. */
  if (text->len > TAM_CSV_MAX_ROW / 2)
    return;
  for (guint i = 0; i < n; i++)
    if (strlen (tam_csv_reader_field (r, i)) >= TAM_CSV_MAX_FIELD)
      return;
  back = tam_csv_reader_new_for_data (text->str, text->len, "back.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_csv_reader_separator (back), ==, sep);
  g_assert_cmpint (tam_csv_reader_next (back, &error), ==, 1);
  g_assert_cmpint (tam_csv_reader_next (back, &error), ==, 1);
  g_assert_cmpuint (tam_csv_reader_n_fields (back), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const char *f = tam_csv_reader_field (r, i);
      g_autofree char *want = tam_csv_field_is_formula (f, strlen (f)) ? g_strconcat ("'", f, NULL)
                                                                       : g_strdup (f);

      /* A quoted CRLF reads as LF: a field holding CRLF (from "\r\r\n")
       * does not come back whole, by design. */
      if (strstr (want, "\r\n") == NULL)
        g_assert_cmpstr (tam_csv_reader_field (back, i), ==, want);
    }
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
      round_trip (r);
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
