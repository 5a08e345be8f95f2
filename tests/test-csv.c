/* test-csv.c: the CSV reader on the files offices really produce. */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "tam-csv.h"
#include "tam-error.h"

/* Reads every row of @data into a strv per row. */
static GPtrArray *
read_all (const char *data,
          gssize len,
          char *sep,
          GArray *lines,
          GError **error)
{
  g_autoptr (TamCsvReader) r = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  int rc;

  r = tam_csv_reader_new_for_data (data, len < 0 ? strlen (data) : (gsize) len, "test.csv", error);
  if (r == NULL)
    return NULL;
  if (sep != NULL)
    *sep = tam_csv_reader_separator (r);
  while ((rc = tam_csv_reader_next (r, error)) > 0)
    {
      guint n = tam_csv_reader_n_fields (r);
      char **row = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        row[i] = g_strdup (tam_csv_reader_field (r, i));
      g_assert_cmpstr (tam_csv_reader_field (r, n), ==, "");
      g_ptr_array_add (rows, row);
      if (lines != NULL)
        {
          guint line = tam_csv_reader_line (r);
          g_array_append_val (lines, line);
        }
    }
  if (rc < 0)
    return NULL;
  g_assert_cmpfloat (tam_csv_reader_progress (r), ==, 1.0);
  return g_steal_pointer (&rows);
}

static void
assert_row (GPtrArray *rows,
            guint index,
            const char *first,
            ...)
{
  char **row;
  va_list args;
  const char *expected = first;
  guint i = 0;

  g_assert_cmpuint (index, <, rows->len);
  row = rows->pdata[index];
  va_start (args, first);
  while (expected != NULL)
    {
      g_assert_nonnull (row[i]);
      g_assert_cmpstr (row[i], ==, expected);
      i++;
      expected = va_arg (args, const char *);
    }
  va_end (args);
  g_assert_null (row[i]);
}

static void
test_plain_comma (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  char sep = 0;

  rows = read_all ("nik,name\n100,Budi Santoso\n101,Siti\n", -1, &sep, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ',');
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "nik", "name", NULL);
  assert_row (rows, 1, "100", "Budi Santoso", NULL);
  assert_row (rows, 2, "101", "Siti", NULL);
}

static void
test_bom_semicolon_crlf (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  char sep = 0;

  /* Excel "CSV UTF-8" in an Indonesian locale: BOM, ';', CRLF, and a
   * comma inside a field that needs no quoting with ';'. */
  rows = read_all ("\xef\xbb\xbftanggal;nik;catatan\r\n05/10/2026;100;telat 5 menit, macet\r\n"
                   "06/10/2026;101;\r\n",
                   -1, &sep, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ';');
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 0, "tanggal", "nik", "catatan", NULL);
  assert_row (rows, 1, "05/10/2026", "100", "telat 5 menit, macet", NULL);
  assert_row (rows, 2, "06/10/2026", "101", "", NULL);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 3);
}

static void
test_quotes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));

  rows = read_all ("a,b,c\r\n"
                   "\"x,y\",\"he said \"\"ya\"\"\",\"line one\r\nline two\"\r\n"
                   "\"\",plain,\"\"\"\"\n"
                   "last,\"quoted\"tail,3",
                   -1, NULL, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  assert_row (rows, 1, "x,y", "he said \"ya\"", "line one\nline two", NULL);
  assert_row (rows, 2, "", "plain", "\"", NULL);
  /* No final line end; text after a closing quote is kept. */
  assert_row (rows, 3, "last", "quotedtail", "3", NULL);
  /* The quoted line break moves the following rows down a line. */
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 2);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 4);
  g_assert_cmpuint (g_array_index (lines, guint, 3), ==, 5);
}

static void
test_separator_detection (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  char sep = 0;

  /* Commas inside a quoted header name do not count. */
  rows = read_all ("\"a,b,c\";d\n1;2\n", -1, &sep, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ';');
  assert_row (rows, 0, "a,b,c", "d", NULL);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = read_all ("a\tb\n1\t2\n", -1, &sep, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, '\t');
  assert_row (rows, 1, "1", "2", NULL);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = read_all ("single\nvalue\n", -1, &sep, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ',');
  g_assert_cmpuint (rows->len, ==, 2);
}

static void
test_blank_lines (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));

  rows = read_all ("a,b\n\n1,2\r\n\r\n\n3,4\n\n", -1, NULL, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_row (rows, 2, "3", "4", NULL);
  g_assert_cmpuint (g_array_index (lines, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (lines, guint, 2), ==, 6);
}

static void
test_empty (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  rows = read_all ("", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_ptr_array_unref);

  rows = read_all ("\xef\xbb\xbf\r\n", -1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_unclosed_quote (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  rows = read_all ("a,b\n1,2\n3,\"never closed\n4,5\n", -1, NULL, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "test.csv:3:"));
}

static void
test_invalid_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCsvReader) r = NULL;
  /* Windows-1252 "é" on line 3. */
  const char data[] = "nik,name\n1,Budi\n2,Ren\xe9\n";

  r = tam_csv_reader_new_for_data (data, sizeof data - 1, "kantor.csv", &error);
  g_assert_null (r);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_true (g_str_has_prefix (error->message, "kantor.csv:3:"));
  g_clear_error (&error);

  /* A NUL byte is not text either. */
  r = tam_csv_reader_new_for_data ("a\n\0b\n", 5, "nul.csv", &error);
  g_assert_null (r);
  g_assert_true (g_str_has_prefix (error->message, "nul.csv:2:"));
  g_clear_error (&error);

  r = tam_csv_reader_new_for_data ("\xff\xfe"
                                   "a\0,\0",
                                   6, "utf16.csv", &error);
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "UTF-16"));
}

static void
test_valid_utf8 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  rows = read_all ("nik;name\n7;Nur’aini Siregar\n", -1, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_row (rows, 1, "7", "Nur’aini Siregar", NULL);
}

/* The scanners work eight bytes at a time: separators, line ends and
 * non-ASCII characters at every offset within a word. */
static void
test_alignment (void)
{
  for (guint off = 0; off < 20; off++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GString) text = g_string_new ("h;i\n");
      g_autofree char *pad = g_strnfill (off, 'a');
      g_autofree char *want = NULL;
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (TamCsvReader) r = NULL;

      g_string_append_printf (text, "%s;%s\r\n%sé;x\n", pad, pad, pad);
      rows = read_all (text->str, (gssize) text->len, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 3);
      assert_row (rows, 1, pad, pad, NULL);
      want = g_strconcat (pad, "é", NULL);
      assert_row (rows, 2, want, "x", NULL);

      /* A lone lead byte, and a sequence cut short by the end. */
      g_string_assign (text, "h\n");
      g_string_append_printf (text, "%s\xc3"
                                    "b\n",
                              pad);
      r = tam_csv_reader_new_for_data (text->str, text->len, "bad.csv", &error);
      g_assert_null (r);
      g_assert_true (g_str_has_prefix (error->message, "bad.csv:2:"));
      g_clear_error (&error);
      g_string_assign (text, pad);
      g_string_append (text, "\xe2\x80");
      r = tam_csv_reader_new_for_data (text->str, text->len, "cut.csv", &error);
      g_assert_null (r);
      g_assert_true (g_str_has_prefix (error->message, "cut.csv:1:"));
    }
}

static void
test_open_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamCsvReader) r = NULL;
  g_autofree char *path = NULL;
  int fd;

  r = tam_csv_reader_open ("/nonexistent/x.csv", &error);
  g_assert_null (r);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_clear_error (&error);

  fd = g_file_open_tmp ("tam-csv-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, "x;y\n1;\"2;3\"\n", -1, &error));
  r = tam_csv_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_csv_reader_next (r, &error), ==, 1);
  g_assert_cmpint (tam_csv_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_csv_reader_field (r, 1), ==, "2;3");
  g_assert_cmpint (tam_csv_reader_next (r, &error), ==, 0);
  g_assert_no_error (error);
  g_unlink (path);
}

static void
test_writer_round_trip (void)
{
  const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", " padded ", "", "a;b" };
  g_autoptr (GString) line = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      tam_csv_append_field (line, fields[i], -1, ',');
    }
  g_assert_cmpstr (line->str, ==, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded \",,a;b");
  g_string_append_c (line, '\n');
  rows = read_all (line->str, (gssize) line->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (((char **) rows->pdata[0])[i], ==, fields[i]);
}

/* Issue 13: cells a spreadsheet would run come out as text. */
static void
test_writer_formulas (void)
{
  static const struct
  {
    const char *field;
    const char *written;
  } cases[] = {
    { "=HYPERLINK(\"http://evil\";\"x\")", "\"'=HYPERLINK(\"\"http://evil\"\";\"\"x\"\")\"" },
    { "+1+1", "'+1+1" },
    { "-1+1", "'-1+1" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tcmd", "'\tcmd" },
    { "\rcmd", "\"'\rcmd\"" },
    { "=1,2", "\"'=1,2\"" },
    /* plain numbers stay numbers */
    { "-5", "-5" },
    { "+6281234567", "+6281234567" },
    { "-0.25", "-0.25" },
    { "-", "'-" },
    { "a=b", "a=b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) line = g_string_new (NULL);

      tam_csv_append_field (line, cases[i].field, -1, ',');
      g_assert_cmpstr (line->str, ==, cases[i].written);
    }
}

/* A field over 64 KB or a row over 1 MB is refused with the file, the
 * line where the field starts and its column; just under passes. */
static void
test_limits (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) text = g_string_new ("id,note\n");
  g_autoptr (GString) big = g_string_new (NULL);

  /* Exactly the limit, unquoted and quoted (doubled quotes and CRLF count
   * as what they become: one quote, one LF). */
  g_string_append (text, "1,");
  for (guint i = 0; i < TAM_CSV_MAX_FIELD; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\n2,\"");
  for (guint i = 0; i < TAM_CSV_MAX_FIELD / 2; i++)
    g_string_append (text, i % 2 ? "\"\"" : "\r\n");
  g_string_append (text, "\"\n");
  rows = read_all (text->str, (gssize) text->len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpuint (strlen (((char **) rows->pdata[1])[1]), ==, TAM_CSV_MAX_FIELD);
  g_assert_cmpuint (strlen (((char **) rows->pdata[2])[1]), ==, TAM_CSV_MAX_FIELD / 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One byte more, unquoted: line 3 (after a row of two lines), column 2. */
  g_string_assign (text, "id,note\n1,\"two\nlines\"\n3,");
  for (guint i = 0; i <= TAM_CSV_MAX_FIELD; i++)
    g_string_append_c (text, 'x');
  g_string_append (text, "\n4,ok\n");
  rows = read_all (text->str, (gssize) text->len, NULL, NULL, &error);
  g_assert_null (rows);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "test.csv:4: column 2: the field is longer than 64 KB"));
  g_clear_error (&error);

  /* Quoted, 10 MB (the call ID), starting on line 2 in column 1
   * and running over many lines; a quote closes it far away. */
  g_string_assign (text, "id,note\n\"");
  for (guint i = 0; i < 10 * 1024 * 1024 / 8; i++)
    g_string_append (text, "abc\r\ndef");
  g_string_append (text, "\",x\n");
  rows = read_all (text->str, (gssize) text->len, NULL, NULL, &error);
  g_assert_null (rows);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "test.csv:2: column 1: the field is longer than 64 KB"));
  g_clear_error (&error);

  /* A quote never closed is still told as such, however far the end. */
  g_string_truncate (text, text->len - 4);
  rows = read_all (text->str, (gssize) text->len, NULL, NULL, &error);
  g_assert_null (rows);
  g_assert_nonnull (strstr (error->message, "test.csv:2: a quoted field starts on this line and is never closed"));
  g_clear_error (&error);

  /* A row of 60,000-byte fields: the 18th crosses 1 MB. */
  for (guint i = 0; i < 60000; i++)
    g_string_append_c (big, 'y');
  g_string_assign (text, "a,b\n");
  for (guint i = 0; i < 20; i++)
    g_string_append_printf (text, "%s%s", i ? "," : "", big->str);
  g_string_append_c (text, '\n');
  rows = read_all (text->str, (gssize) text->len, NULL, NULL, &error);
  g_assert_null (rows);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "test.csv:2: column 18: the row is longer than 1024 KB"));
}

/* Cancel is checked on every row, blank lines too. */
static void
test_cancel (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GString) text = g_string_new ("a,b\n1,2\n");
  g_autoptr (TamCsvReader) r = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (text, i % 2 ? "\r\n" : "\n");
  g_string_append (text, "3,4\n");
  r = tam_csv_reader_new_for_data (text->str, text->len, "blank.csv", &error);
  g_assert_no_error (error);
  tam_csv_reader_set_cancellable (r, cancellable);
  g_assert_cmpint (tam_csv_reader_next (r, &error), ==, 1);
  g_assert_cmpint (tam_csv_reader_next (r, &error), ==, 1);
  g_cancellable_cancel (cancellable);
  /* 100,000 blank lines, then "3,4": the cancel is seen first. */
  g_assert_cmpint (tam_csv_reader_next (r, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/plain-comma", test_plain_comma);
  g_test_add_func ("/csv/bom-semicolon-crlf", test_bom_semicolon_crlf);
  g_test_add_func ("/csv/quotes", test_quotes);
  g_test_add_func ("/csv/separator-detection", test_separator_detection);
  g_test_add_func ("/csv/blank-lines", test_blank_lines);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/csv/valid-utf8", test_valid_utf8);
  g_test_add_func ("/csv/alignment", test_alignment);
  g_test_add_func ("/csv/open-file", test_open_file);
  g_test_add_func ("/csv/writer-round-trip", test_writer_round_trip);
  g_test_add_func ("/csv/writer-formulas", test_writer_formulas);
  g_test_add_func ("/csv/limits", test_limits);
  g_test_add_func ("/csv/cancel", test_cancel);

  return g_test_run ();
}
