/* The streaming .xlsx reader: files written by libxlsxwriter (shared and
 * inline strings, numbers, dates, gaps), a hand-built container (rich
 * text, phonetic runs, a sheet found through the workbook relationships,
 * cells without references), and broken files. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "tam-error.h"
#include "tam-xlsx-reader.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  f->dir = g_dir_make_tmp ("tam-test-xlsx-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (dir);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  remove_dir (f->dir);
  g_free (f->dir);
}

/* A calls export as MyCX would give it, written with libxlsxwriter. */
static char *
write_calls_xlsx (Fixture *f,
                  const char *name,
                  gboolean inline_strings)
{
  char *path = g_build_filename (f->dir, name, NULL);
  lxw_workbook_options options = { .constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE,
                                   .tmpdir = f->dir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws;
  lxw_format *datetime, *date, *time, *pct;
  lxw_datetime when = { 2026, 10, 5, 9, 12, 33 };
  lxw_datetime day = { 2026, 10, 6, 0, 0, 0 };
  lxw_datetime at = { 0, 0, 0, 8, 30, 0 };

  g_assert_nonnull (wb);
  ws = workbook_add_worksheet (wb, "Calls");
  datetime = workbook_add_format (wb);
  format_set_num_format (datetime, "yyyy-mm-dd hh:mm:ss");
  date = workbook_add_format (wb);
  format_set_num_format (date, "dd/mm/yyyy");
  time = workbook_add_format (wb);
  format_set_num_format (time, "hh:mm");
  pct = workbook_add_format (wb);
  format_set_num_format (pct, "0.0%");

  worksheet_write_string (ws, 0, 0, "call_id", NULL);
  worksheet_write_string (ws, 0, 1, "agent_nik", NULL);
  worksheet_write_string (ws, 0, 2, "service", NULL);
  worksheet_write_string (ws, 0, 3, "call_start", NULL);
  worksheet_write_string (ws, 0, 4, "result", NULL);

  worksheet_write_string (ws, 1, 0, "MYCX-0001", NULL);
  worksheet_write_number (ws, 1, 1, 10000001, NULL);
  worksheet_write_string (ws, 1, 2, "ADDON_CONSUMER", NULL);
  worksheet_write_datetime (ws, 1, 3, &when, datetime);
  worksheet_write_string (ws, 1, 4, "AGREE", NULL);

  /* B3 and D3 left out: gaps read as "". */
  worksheet_write_string (ws, 2, 0, "MYCX-0002, \"quoted\"", NULL);
  worksheet_write_string (ws, 2, 2, "Tëst ünïcode ✓", NULL);
  worksheet_write_string (ws, 2, 4, "DECLINE", NULL);

  /* Row 4 has only formatting: skipped. Row 5 holds the other types. */
  worksheet_write_blank (ws, 3, 0, pct);
  worksheet_write_number (ws, 4, 0, 0.1 + 0.2, NULL);
  worksheet_write_number (ws, 4, 1, 0.25, pct);
  worksheet_write_boolean (ws, 4, 2, 1, NULL);
  worksheet_write_datetime (ws, 4, 3, &day, date);
  worksheet_write_datetime (ws, 4, 4, &at, time);
  worksheet_write_number (ws, 4, 5, -12.5, NULL);
  worksheet_write_number (ws, 4, 6, 46300.3875, NULL);

  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  return path;
}

static GPtrArray *
read_row (TamXlsxReader *r)
{
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < tam_xlsx_reader_n_fields (r); i++)
    g_ptr_array_add (row, g_strdup (tam_xlsx_reader_field (r, i)));
  return row;
}

static void
check_calls_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpfloat (tam_xlsx_reader_progress (r), <, 1.0);

  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_row (r), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_n_fields (r), ==, 5);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, "call_id");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 3), ==, "call_start");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 4), ==, "result");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 5), ==, "");

  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_row (r), ==, 2);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, "MYCX-0001");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, "10000001");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 3), ==, "2026-10-05 09:12:33");

  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_row (r), ==, 3);
  g_assert_cmpuint (tam_xlsx_reader_n_fields (r), ==, 5);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, "MYCX-0002, \"quoted\"");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, "");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 2), ==, "Tëst ünïcode ✓");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 3), ==, "");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 4), ==, "DECLINE");

  /* Row 4 (formatting only) is skipped. */
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_row (r), ==, 5);
  {
    g_autoptr (GPtrArray) row = read_row (r);
    const char *expected[] = { "0.3", "0.25", "TRUE", "2026-10-06", "08:30:00", "-12.5", "46300.3875" };

    g_assert_cmpuint (row->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < row->len; i++)
      g_assert_cmpstr (row->pdata[i], ==, expected[i]);
  }

  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 0);
  g_assert_cmpfloat (tam_xlsx_reader_progress (r), ==, 1.0);
}

static void
test_shared_strings (Fixture *f,
                     gconstpointer data)
{
  g_autofree char *path = write_calls_xlsx (f, "shared.xlsx", FALSE);
  zip_t *zip = zip_open (path, ZIP_RDONLY, NULL);

  /* libxlsxwriter's default: strings go to xl/sharedStrings.xml */
  g_assert_nonnull (zip);
  g_assert_cmpint (zip_name_locate (zip, "xl/sharedStrings.xml", 0), >=, 0);
  zip_discard (zip);
  check_calls_file (path);
}

static void
test_inline_strings (Fixture *f,
                     gconstpointer data)
{
  g_autofree char *path = write_calls_xlsx (f, "inline.xlsx", TRUE);
  zip_t *zip = zip_open (path, ZIP_RDONLY, NULL);

  /* constant_memory mode writes t="inlineStr" cells, no shared strings */
  g_assert_nonnull (zip);
  g_assert_cmpint (zip_name_locate (zip, "xl/sharedStrings.xml", 0), <, 0);
  zip_discard (zip);
  check_calls_file (path);
}

static void
add_entry (zip_t *zip,
           const char *name,
           const char *text)
{
  zip_source_t *src = zip_source_buffer (zip, text, strlen (text), 0);

  g_assert_nonnull (src);
  g_assert_cmpint (zip_file_add (zip, name, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8), >=, 0);
}

/* A container as other programs write it, entry by entry. */
static char *
write_handmade_full (Fixture *f,
                     const char *name,
                     const char *sheet_xml,
                     const char *styles_xml,
                     gboolean date1904)
{
  char *path = g_build_filename (f->dir, name, NULL);
  int err = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);

  g_assert_nonnull (zip);
  add_entry (zip, "[Content_Types].xml",
             "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
  if (styles_xml != NULL)
    add_entry (zip, "xl/styles.xml", styles_xml);
  add_entry (zip, "xl/workbook.xml",
             date1904 ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                        " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        "<workbookPr date1904=\"1\"/>"
                        "<sheets><sheet name=\"Data\" sheetId=\"7\" r:id=\"rId3\"/>"
                        "<sheet name=\"Other\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
                      : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                        " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        "<sheets><sheet name=\"Data\" sheetId=\"7\" r:id=\"rId3\"/>"
                        "<sheet name=\"Other\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
  add_entry (zip, "xl/_rels/workbook.xml.rels",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>"
             "<Relationship Id=\"rId3\" Type=\"worksheet\" Target=\"worksheets/data.xml\"/>"
             "</Relationships>");
  add_entry (zip, "xl/worksheets/sheet1.xml",
             "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
             "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>WRONG SHEET</t></is></c></row>"
             "</sheetData></worksheet>");
  add_entry (zip, "xl/sharedStrings.xml",
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
             "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">"
             "<x:si><x:t>nik</x:t></x:si>"
             "<x:si><x:r><x:rPr><x:b/></x:rPr><x:t xml:space=\"preserve\">Siti </x:t></x:r>"
             "<x:r><x:t>Nurhaliza</x:t></x:r><x:rPh sb=\"0\" eb=\"1\"><x:t>PHONETIC</x:t></x:rPh></x:si>"
             "<x:si/>"
             "</x:sst>");
  add_entry (zip, "xl/worksheets/data.xml", sheet_xml);
  g_assert_cmpint (zip_close (zip), ==, 0);
  return path;
}

static char *
write_handmade (Fixture *f,
                const char *name,
                const char *sheet_xml)
{
  return write_handmade_full (f, name, sheet_xml, NULL, FALSE);
}

/* Which cell formats are dates: built-in ids and custom codes, with the
 * quoted text, [locale] and [h] sections Excel writes. */
static void
test_styles (Fixture *f,
             gconstpointer data)
{
  static const char styles[] =
      "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
      "<numFmts count=\"5\">"
      "<numFmt numFmtId=\"164\" formatCode=\"[$-421]dd mmmm yyyy;@\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"&quot;Rp&quot;#,##0\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm:ss\"/>"
      "<numFmt numFmtId=\"167\" formatCode=\"yyyy-mm-dd hh:mm\"/>"
      "<numFmt numFmtId=\"168\" formatCode=\"&quot;day&quot; 0\"/>"
      "</numFmts>"
      "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
      "<cellXfs count=\"8\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
      "<xf numFmtId=\"166\"/><xf numFmtId=\"167\"/><xf numFmtId=\"14\"/><xf numFmtId=\"22\"/>"
      "<xf numFmtId=\"168\"/></cellXfs></styleSheet>";
  static const char sheet[] =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>46300</v></c><c r=\"B1\" s=\"2\"><v>15000</v></c>"
      "<c r=\"C1\" s=\"3\"><v>0.5</v></c><c r=\"D1\" s=\"4\"><v>46300.5</v></c>"
      "<c r=\"E1\" s=\"5\"><v>46300</v></c><c r=\"F1\" s=\"6\"><v>46300.25</v></c>"
      "<c r=\"G1\" s=\"0\"><v>46300</v></c><c r=\"H1\" s=\"7\"><v>3</v></c>"
      "<c r=\"I1\" s=\"5\" t=\"s\"><v>0</v></c><c r=\"J1\" s=\"5\"><v>1.5E3</v></c></row>"
      "</sheetData></worksheet>";
  const char *expected[] = { "2026-10-05", "15000", "12:00:00", "2026-10-05 12:00:00", "2026-10-05",
                             "2026-10-05 06:00:00", "46300", "3", "nik", "1904-02-08" };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_handmade_full (f, "styles.xlsx", sheet, styles, FALSE);
  g_autofree char *path1904 = write_handmade_full (f, "styles1904.xlsx", sheet, styles, TRUE);
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open (path, &error);
  g_autoptr (TamXlsxReader) r1904 = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_n_fields (r), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected) - 1; i++)
    g_assert_cmpstr (tam_xlsx_reader_field (r, i), ==, expected[i]);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 9), ==, "1904-02-08");

  /* The 1904 date system: 4 years and a day later for the same serial. */
  r1904 = tam_xlsx_reader_open (path1904, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r1904, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r1904, 0), ==, "2030-10-06");
  g_assert_cmpstr (tam_xlsx_reader_field (r1904, 2), ==, "12:00:00");
}

static void
test_handmade (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_handmade (f, "handmade.xlsx",
                                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                          "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                                          "<x:sheetData>"
                                          "<x:row r=\"1\"><x:c r=\"A1\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"B1\" t=\"s\"><x:v>1</x:v></x:c></x:row>"
                                          /* no r on the cells: one after the other; a formula keeps its value */
                                          "<x:row><x:c t=\"inlineStr\"><x:is><x:r><x:t>a</x:t></x:r><x:r><x:t>b</x:t></x:r></x:is></x:c>"
                                          "<x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c t=\"s\"><x:v>2</x:v></x:c>"
                                          "<x:c t=\"str\"><x:f>\"x\"&amp;\"y\"</x:f><x:v>xy</x:v></x:c></x:row>"
                                          "<x:row r=\"9\"/>"
                                          "<x:row r=\"10\"><x:c r=\"AA10\" t=\"inlineStr\"><x:is><x:t>far</x:t></x:is></x:c>"
                                          "<x:c r=\"AB10\" t=\"b\"><x:v>0</x:v></x:c><x:c r=\"AC10\" t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
                                          "</x:sheetData></x:worksheet>");
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, "nik");
  /* rich-text runs joined, phonetic guide left out */
  g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, "Siti Nurhaliza");

  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_row (r), ==, 2);
  g_assert_cmpuint (tam_xlsx_reader_n_fields (r), ==, 4);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, "ab");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, "2");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 2), ==, "");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 3), ==, "xy");

  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_row (r), ==, 10);
  g_assert_cmpuint (tam_xlsx_reader_n_fields (r), ==, 29);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 25), ==, "");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 26), ==, "far");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 27), ==, "FALSE");
  g_assert_cmpstr (tam_xlsx_reader_field (r, 28), ==, "#N/A");

  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 0);
  g_assert_no_error (error);
}

static void
expect_open_error (const char *path,
                   int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open (path, &error);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_null (r);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, code);
  g_assert_nonnull (strstr (error->message, base));
}

static void
test_truncated (Fixture *f,
                gconstpointer data)
{
  g_autofree char *path = write_calls_xlsx (f, "whole.xlsx", FALSE);
  g_autofree char *cut = g_build_filename (f->dir, "truncated.xlsx", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *fixture = g_build_filename (g_getenv ("TAM_TEST_DATA") ? g_getenv ("TAM_TEST_DATA") : ".",
                                               "xlsx", "truncated.xlsx", NULL);
  gsize len;

  /* Cut where a failed download or a full disk would leave it. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, (gssize) (len * 2 / 3), NULL));
  expect_open_error (cut, TAM_ERROR_CORRUPT);
  g_assert_true (g_file_set_contents (cut, contents, 100, NULL));
  expect_open_error (cut, TAM_ERROR_CORRUPT);

  /* The checked-in fixture, cut from an export the same way. */
  expect_open_error (fixture, TAM_ERROR_CORRUPT);
}

static void
test_not_zip (Fixture *f,
              gconstpointer data)
{
  g_autofree char *csv = g_build_filename (f->dir, "calls.xlsx", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.xlsx", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.xlsx", NULL);
  g_autofree char *fixture = g_build_filename (g_getenv ("TAM_TEST_DATA") ? g_getenv ("TAM_TEST_DATA") : ".",
                                               "xlsx", "not-a-zip.xlsx", NULL);

  g_assert_true (g_file_set_contents (csv, "call_id,agent_nik\nC1,100\n", -1, NULL));
  expect_open_error (csv, TAM_ERROR_INVALID);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  expect_open_error (empty, TAM_ERROR_INVALID);
  expect_open_error (missing, TAM_ERROR_FAILED);
  expect_open_error (fixture, TAM_ERROR_INVALID);
}

static void
test_broken_parts (Fixture *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (TamXlsxReader) r = NULL;

  /* The sheet XML stops in the middle of a row. */
  path = write_handmade (f, "cut-sheet.xlsx",
                         "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                         "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>"
                         "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>bro");
  r = tam_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, "ok");
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, -1);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "cut-sheet.xlsx"));
  g_clear_error (&error);
  g_clear_pointer (&r, tam_xlsx_reader_free);
  g_free (path);

  /* A shared string index past the table. */
  path = write_handmade (f, "bad-index.xlsx",
                         "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                         "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>42</v></c></row></sheetData></worksheet>");
  r = tam_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, -1);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "bad-index.xlsx"));
}

static void
test_corrupt_data (Fixture *f,
                   gconstpointer data)
{
  g_autofree char *path = write_calls_xlsx (f, "flipped.xlsx", FALSE);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = NULL;
  const char *name = "xl/worksheets/sheet1.xml";
  gsize len;
  char *hit;
  int rc = 1;

  /* Damage the compressed bytes of the sheet (its local header is followed
   * by the data): the CRC or inflate check must catch it. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  hit = memmem (contents, len, name, strlen (name));
  g_assert_nonnull (hit);
  for (gsize i = 0; i < 40 && (gsize) (hit - contents) + strlen (name) + 10 + i < len; i++)
    hit[strlen (name) + 10 + i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));

  r = tam_xlsx_reader_open (path, &error);
  if (r == NULL)
    {
      g_test_message ("%s", error->message);
      g_assert_error (error, TAM_ERROR, TAM_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "flipped.xlsx"));
      return;
    }
  while (rc == 1)
    rc = tam_xlsx_reader_next (r, &error);
  g_assert_cmpint (rc, ==, -1);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "flipped.xlsx"));
}

static void
check_serial (double serial,
              const char *expected)
{
  g_autofree char *iso = tam_xlsx_serial_to_iso (serial);
  g_assert_cmpstr (iso, ==, expected);
}

static void
test_serial_dates (void)
{
  check_serial (46300.0, "2026-10-05 00:00:00");
  check_serial (46300.3875, "2026-10-05 09:18:00");
  check_serial (46300.38371527778, "2026-10-05 09:12:33");
  /* rounding to the second carries into the next day */
  check_serial (45000.999999, "2023-03-16 00:00:00");
  check_serial (1.0, "1900-01-01 00:00:00");
  check_serial (59.0, "1900-02-28 00:00:00");
  check_serial (61.0, "1900-03-01 00:00:00");
  check_serial (2958465.0, "9999-12-31 00:00:00");
  check_serial (0.5, NULL);
  check_serial (-1.0, NULL);
  check_serial (2958466.0, NULL);
}

/* A large sheet streams row by row. */
static void
test_many_rows (Fixture *f,
                gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "many.xlsx", NULL);
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .tmpdir = f->dir };
  lxw_workbook *wb = workbook_new_opt (path, &options);
  lxw_worksheet *ws = workbook_add_worksheet (wb, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = NULL;
  guint n = 0;
  int rc;

  for (lxw_row_t i = 0; i < 20000; i++)
    {
      char id[32];
      g_snprintf (id, sizeof id, "C%06u", i);
      worksheet_write_string (ws, i, 0, id, NULL);
      worksheet_write_number (ws, i, 1, i, NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);

  r = tam_xlsx_reader_open (path, &error);
  g_assert_no_error (error);
  while ((rc = tam_xlsx_reader_next (r, &error)) == 1)
    {
      char id[32], num[32];
      g_snprintf (id, sizeof id, "C%06u", n);
      g_snprintf (num, sizeof num, "%u", n);
      g_assert_cmpstr (tam_xlsx_reader_field (r, 0), ==, id);
      g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, num);
      n++;
      if (n == 10000)
        {
          double p = tam_xlsx_reader_progress (r);
          g_assert_cmpfloat (p, >, 0.2);
          g_assert_cmpfloat (p, <, 0.8);
        }
    }
  g_assert_cmpint (rc, ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 20000);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/xlsx/shared-strings", Fixture, NULL, fixture_setup, test_shared_strings, fixture_teardown);
  g_test_add ("/xlsx/inline-strings", Fixture, NULL, fixture_setup, test_inline_strings, fixture_teardown);
  g_test_add ("/xlsx/handmade", Fixture, NULL, fixture_setup, test_handmade, fixture_teardown);
  g_test_add ("/xlsx/styles", Fixture, NULL, fixture_setup, test_styles, fixture_teardown);
  g_test_add ("/xlsx/truncated", Fixture, NULL, fixture_setup, test_truncated, fixture_teardown);
  g_test_add ("/xlsx/not-zip", Fixture, NULL, fixture_setup, test_not_zip, fixture_teardown);
  g_test_add ("/xlsx/broken-parts", Fixture, NULL, fixture_setup, test_broken_parts, fixture_teardown);
  g_test_add ("/xlsx/corrupt-data", Fixture, NULL, fixture_setup, test_corrupt_data, fixture_teardown);
  g_test_add ("/xlsx/many-rows", Fixture, NULL, fixture_setup, test_many_rows, fixture_teardown);
  g_test_add_func ("/xlsx/serial-dates", test_serial_dates);

  return g_test_run ();
}
