/* The streaming .xlsx reader: files written by libxlsxwriter (shared and
 * inline strings, numbers, dates, gaps), a hand-built container (rich
 * text, phonetic runs, a sheet found through the workbook relationships,
 * cells without references), broken files, and hostile ones (issue 13):
 * zip bombs, a column bomb, entity declarations, over-long cells. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <zlib.h>

#include "tam-error.h"
#include "tam-rows.h"
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
  /* After an error, the end (found by fuzz-xlsx-parts: it went on). */
  g_clear_error (&error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 0);
  g_assert_no_error (error);
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

/* ------------------------------------------------------------------ */
/* Hostile files, written by hand */

/* A zip part: @head, @chunk @repeat times, @tail. Each piece is deflated
 * as a stream of its own, flushed to a byte boundary, so the pieces can be
 * laid end to end and a part of gigabytes costs a few megabytes to write.
 * @declared: the uncompressed size the zip headers give (0: the true one;
 * a bomb may lie). */
typedef struct
{
  const char *name;
  const char *head;
  const char *chunk;
  guint64 repeat;
  const char *tail;
  guint64 declared;
} Part;

static GByteArray *
deflate_piece (const char *data,
               gboolean last)
{
  z_stream z = { 0 };
  gsize len = data ? strlen (data) : 0;
  GByteArray *out;
  int rc;

  g_assert_cmpint (deflateInit2 (&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), ==, Z_OK);
  out = g_byte_array_sized_new (deflateBound (&z, len) + 64);
  g_byte_array_set_size (out, deflateBound (&z, len) + 64);
  z.next_in = (Bytef *) (data ? data : "");
  z.avail_in = (uInt) len;
  z.next_out = out->data;
  z.avail_out = out->len;
  rc = deflate (&z, last ? Z_FINISH : Z_FULL_FLUSH);
  g_assert_cmpint (rc, ==, last ? Z_STREAM_END : Z_OK);
  g_assert_cmpuint (z.avail_in, ==, 0);
  g_byte_array_set_size (out, out->len - z.avail_out);
  deflateEnd (&z);
  return out;
}

static void
put16 (GByteArray *b,
       guint v)
{
  guint8 x[2] = { v & 0xff, (v >> 8) & 0xff };
  g_byte_array_append (b, x, 2);
}

static void
put32 (GByteArray *b,
       guint32 v)
{
  guint8 x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >> 24) & 0xff };
  g_byte_array_append (b, x, 4);
}

static void
put_header (GByteArray *b,
            gboolean central,
            const char *name,
            guint32 crc,
            guint64 csize,
            guint64 usize,
            guint32 offset)
{
  g_assert_cmpuint (csize, <, G_MAXUINT32);
  g_assert_cmpuint (usize, <, G_MAXUINT32);
  put32 (b, central ? 0x02014b50 : 0x04034b50);
  if (central)
    put16 (b, 20); /* made by */
  put16 (b, 20);   /* needed */
  put16 (b, 0);    /* flags */
  put16 (b, 8);    /* deflate */
  put16 (b, 0);    /* time */
  put16 (b, 0x21); /* 1980-01-01 */
  put32 (b, crc);
  put32 (b, (guint32) csize);
  put32 (b, (guint32) usize);
  put16 (b, (guint) strlen (name));
  put16 (b, 0); /* extra */
  if (central)
    {
      put16 (b, 0); /* comment */
      put16 (b, 0); /* disk */
      put16 (b, 0); /* internal attributes */
      put32 (b, 0); /* external attributes */
      put32 (b, offset);
    }
  g_byte_array_append (b, (const guint8 *) name, (guint) strlen (name));
}

static char *
write_parts (Fixture *f,
             const char *file,
             const Part *parts,
             guint n)
{
  char *path = g_build_filename (f->dir, file, NULL);
  g_autoptr (GByteArray) central = g_byte_array_new ();
  FILE *fp = fopen (path, "wb");
  guint32 offset = 0;

  g_assert_nonnull (fp);
  for (guint i = 0; i < n; i++)
    {
      const Part *p = &parts[i];
      g_autoptr (GByteArray) h = deflate_piece (p->head, FALSE);
      g_autoptr (GByteArray) c = deflate_piece (p->chunk, FALSE);
      g_autoptr (GByteArray) t = deflate_piece (p->tail, TRUE);
      g_autoptr (GByteArray) local = g_byte_array_new ();
      gsize head_len = p->head ? strlen (p->head) : 0;
      gsize chunk_len = p->chunk ? strlen (p->chunk) : 0;
      gsize tail_len = p->tail ? strlen (p->tail) : 0;
      guint64 usize = head_len + chunk_len * p->repeat + tail_len;
      guint64 csize = h->len + (guint64) c->len * p->repeat + t->len;
      uLong crc = crc32 (0, (const Bytef *) p->head, (uInt) head_len);
      uLong chunk_crc = crc32 (0, (const Bytef *) p->chunk, (uInt) chunk_len);

      for (guint64 k = 0; k < p->repeat; k++)
        crc = crc32_combine (crc, chunk_crc, (z_off_t) chunk_len);
      crc = crc32_combine (crc, crc32 (0, (const Bytef *) p->tail, (uInt) tail_len), (z_off_t) tail_len);
      if (p->declared)
        usize = p->declared;

      put_header (local, FALSE, p->name, (guint32) crc, csize, usize, 0);
      put_header (central, TRUE, p->name, (guint32) crc, csize, usize, offset);
      g_assert_cmpuint (fwrite (local->data, 1, local->len, fp), ==, local->len);
      g_assert_cmpuint (fwrite (h->data, 1, h->len, fp), ==, h->len);
      for (guint64 k = 0; k < p->repeat; k++)
        g_assert_cmpuint (fwrite (c->data, 1, c->len, fp), ==, c->len);
      g_assert_cmpuint (fwrite (t->data, 1, t->len, fp), ==, t->len);
      offset += (guint32) (local->len + csize);
    }
  {
    g_autoptr (GByteArray) end = g_byte_array_new ();

    put32 (end, 0x06054b50);
    put16 (end, 0);
    put16 (end, 0);
    put16 (end, n);
    put16 (end, n);
    put32 (end, central->len);
    put32 (end, offset);
    put16 (end, 0);
    g_assert_cmpuint (fwrite (central->data, 1, central->len, fp), ==, central->len);
    g_assert_cmpuint (fwrite (end->data, 1, end->len, fp), ==, end->len);
  }
  g_assert_cmpint (fclose (fp), ==, 0);
  return path;
}

/* @n times @unit, as one string. */
static char *
repeat (const char *unit,
        guint n)
{
  GString *s = g_string_sized_new (strlen (unit) * n);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

#define SHEET_HEAD                                                                             \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"                                                 \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" \
  "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>call_id</t></is></c>"                       \
  "<c r=\"B1\" t=\"inlineStr\"><is><t>agent_nik</t></is></c>"                                  \
  "<c r=\"C1\" t=\"inlineStr\"><is><t>result</t></is></c></row>"
#define SHEET_TAIL "</sheetData></worksheet>"

/* The column bomb of issue 13: a three-column header, then @rows rows
 * whose only cell is at column XFD, with a value or (@blank) only a
 * style. */
static char *
write_column_bomb (Fixture *f,
                   const char *file,
                   guint64 rows,
                   gboolean blank)
{
  g_autofree char *chunk = repeat (blank ? "<row r=\"2\"><c r=\"XFD2\" s=\"1\"/></row>"
                                         : "<row r=\"2\"><c r=\"XFD2\"><v>1</v></c></row>",
                                   1000);
  Part part = { "xl/worksheets/sheet1.xml", SHEET_HEAD, chunk, rows / 1000, SHEET_TAIL, 0 };

  g_assert_cmpuint (rows % 1000, ==, 0);
  return write_parts (f, file, &part, 1);
}

/* A sharedStrings bomb: @megabytes of 1,000-character strings, the zip's
 * header telling the truth or (@lie) saying 1 MB. */
static char *
write_shared_strings_bomb (Fixture *f,
                           const char *file,
                           guint megabytes,
                           gboolean lie)
{
  g_autofree char *a = repeat ("A", 1000);
  g_autofree char *si = g_strdup_printf ("<si><t>%s</t></si>", a);
  g_autofree char *chunk = repeat (si, 1024 * 1024 / (guint) strlen (si));
  Part parts[] = {
    { "xl/sharedStrings.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
      chunk, megabytes, "</sst>", lie ? 1024 * 1024 : 0 },
    { "xl/worksheets/sheet1.xml", SHEET_HEAD, NULL, 0, SHEET_TAIL, 0 },
  };

  return write_parts (f, file, parts, G_N_ELEMENTS (parts));
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

/* Reads a file through the import's row source: @rows gets the number of
 * rows after the header. */
static int
read_through_rows (const char *path,
                   GCancellable *cancellable,
                   guint64 *rows,
                   GError **error)
{
  g_autoptr (TamRowReader) r = tam_row_reader_open_full (path, cancellable, error);
  int rc;

  *rows = 0;
  if (r == NULL)
    return -1;
  rc = tam_row_reader_next (r, error);
  if (rc <= 0)
    return rc;
  g_assert_cmpuint (tam_row_reader_n_fields (r), ==, 3);
  while ((rc = tam_row_reader_next (r, error)) == 1)
    {
      /* The value at XFD comes as one field right of the header. */
      g_assert_cmpuint (tam_row_reader_n_fields (r), ==, 4);
      g_assert_cmpstr (tam_row_reader_field (r, 0), ==, "");
      g_assert_cmpstr (tam_row_reader_field (r, 2), ==, "");
      g_assert_cmpstr (tam_row_reader_field (r, 3), ==, "1");
      (*rows)++;
    }
  return rc;
}

/* The column bomb: values at XFD on every row no longer pad each row to
 * 16,384 fields; styled cells there cost nothing. (The time is measured
 * by /xlsx/bench/column-bomb.) */
static void
test_column_bomb (Fixture *f,
                  gconstpointer data)
{
  g_autofree char *values = write_column_bomb (f, "bomb-values.xlsx", 100000, FALSE);
  g_autofree char *blank = write_column_bomb (f, "bomb-blank.xlsx", 100000, TRUE);
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) x = NULL;
  guint64 rows = 0;

  g_assert_cmpint (read_through_rows (values, NULL, &rows, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 100000);
  g_assert_cmpint (read_through_rows (blank, NULL, &rows, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 0);

  /* The reader alone, with the header's limit set by hand and without. */
  x = tam_xlsx_reader_open (values, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (x, &error), ==, 1);
  g_assert_cmpint (tam_xlsx_reader_next (x, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_n_fields (x), ==, 16384);
  g_assert_cmpstr (tam_xlsx_reader_field (x, 16383), ==, "1");
  tam_xlsx_reader_set_max_columns (x, 2);
  g_assert_cmpint (tam_xlsx_reader_next (x, &error), ==, 1);
  g_assert_cmpuint (tam_xlsx_reader_n_fields (x), ==, 3);
  g_assert_cmpstr (tam_xlsx_reader_field (x, 2), ==, "1");
}

/* More rows than Excel allows (1,048,576, blank ones counted): refused. */
static void
test_too_many_rows (Fixture *f,
                    gconstpointer data)
{
  /* The header and 1,048,000 rows; the header and 1,049,000. */
  g_autofree char *most = write_column_bomb (f, "most.xlsx", 1048000, TRUE);
  g_autofree char *over = write_column_bomb (f, "over.xlsx", 1049000, TRUE);
  g_autoptr (GError) error = NULL;
  guint64 rows;

  g_assert_cmpint (read_through_rows (most, NULL, &rows, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (read_through_rows (over, NULL, &rows, &error), ==, -1);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "over.xlsx” is refused: the sheet has more than 1048576 rows"));
}

/* A header reaching past column IV is refused by the row source. */
static void
test_wide_header (Fixture *f,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_handmade (f, "wide.xlsx",
                                          "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                                          "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"IV1\" t=\"s\"><v>0</v></c></row>"
                                          "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"IV2\"><v>2</v></c><c r=\"IW2\"><v>3</v></c>"
                                          "<c r=\"XFD2\"><v>4</v></c></row>"
                                          "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>0</v></c><c r=\"IW3\" t=\"s\"><v>0</v></c></row>"
                                          "</sheetData></worksheet>");
  g_autofree char *wider = write_handmade (f, "wider.xlsx",
                                           "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                                           "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"IW1\" t=\"s\"><v>0</v></c></row>"
                                           "</sheetData></worksheet>");
  g_autoptr (TamRowReader) r = tam_row_reader_open (path, &error);

  /* 256 columns: read, and a row's values past IV come as field 257 (the
   * first of them). */
  g_assert_no_error (error);
  g_assert_cmpint (tam_row_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_row_reader_n_fields (r), ==, TAM_ROWS_MAX_COLUMNS);
  g_assert_cmpint (tam_row_reader_next (r, &error), ==, 1);
  g_assert_cmpuint (tam_row_reader_n_fields (r), ==, TAM_ROWS_MAX_COLUMNS + 1);
  g_assert_cmpstr (tam_row_reader_field (r, 255), ==, "2");
  g_assert_cmpstr (tam_row_reader_field (r, 256), ==, "3");
  g_clear_pointer (&r, tam_row_reader_free);

  r = tam_row_reader_open (wider, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tam_row_reader_next (r, &error), ==, -1);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_IMPORT);
  g_assert_nonnull (strstr (error->message, "wider.xlsx:1: the header has more than 256 columns"));
}

typedef struct
{
  GCancellable *cancellable;
  gint64 cancelled_at;
} Canceller;

static gpointer
cancel_later (gpointer data)
{
  Canceller *c = data;

  g_usleep (200 * 1000);
  c->cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (c->cancellable);
  return NULL;
}

/* Reads @path until done; a thread cancels after 0.2 s. Returns the reader's last answer; @latency_us: from the
 * cancel to the return. */
static int
read_cancelled (const char *path,
                gint64 *latency_us,
                GError **error)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Canceller c = { cancellable, 0 };
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open_full (path, 0, NULL, cancellable, error);
  GThread *thread;
  gint64 end;
  int rc;

  g_assert_nonnull (r);
  tam_xlsx_reader_set_max_columns (r, 3);
  thread = g_thread_new ("cancel", cancel_later, &c);

  while ((rc = tam_xlsx_reader_next (r, error)) == 1)
    ;
  end = g_get_monotonic_time ();
  g_thread_join (thread);
  *latency_us = end - c.cancelled_at;
  return rc;
}

/* A cancel from another thread stops a sheet of blank rows (which never
 * come back to the caller) and one of rows with values; a cancel before
 * the first row stops the import's row source at once. */
static void
test_cancel (Fixture *f,
             gconstpointer data)
{
  /* A million rows each: seconds to read without the cancel. */
  g_autofree char *blank = write_column_bomb (f, "cancel-blank.xlsx", 1000000, TRUE);
  g_autofree char *values = write_column_bomb (f, "cancel-values.xlsx", 1000000, FALSE);
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  gint64 latency = 0;
  guint64 rows;

  g_assert_cmpint (read_cancelled (blank, &latency, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("blank rows: stopped %.1f ms after the cancel", latency / 1000.0);
  g_clear_error (&error);
  g_assert_cmpint (read_cancelled (values, &latency, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_message ("rows with values: stopped %.1f ms after the cancel", latency / 1000.0);
  g_clear_error (&error);

  g_cancellable_cancel (cancelled);
  g_assert_cmpint (read_through_rows (blank, cancelled, &rows, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
expect_refused (const char *path,
                const TamXlsxLimits *limits,
                const char *part,
                const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open_full (path, 0, limits, NULL, &error);
  g_autofree char *base = g_path_get_basename (path);

  /* The sheet is read by _next: its refusal comes there. */
  if (r != NULL)
    {
      int rc;
      while ((rc = tam_xlsx_reader_next (r, &error)) == 1)
        ;
      g_assert_cmpint (rc, ==, -1);
    }
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, base));
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
  g_assert_nonnull (strstr (error->message, what));
}

/* CPU seconds (user + system) of this process so far: what a benchmark
 * reports beside the wall time, which a busy machine stretches. */
static double
cpu_seconds (void)
{
  struct rusage ru;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/* Peak RSS of this process, in MB. */
static double
peak_rss_mb (int who)
{
  struct rusage ru;

  g_assert_cmpint (getrusage (who, &ru), ==, 0);
  return ru.ru_maxrss / 1024.0;
}

/* The sharedStrings bomb of issue 13 (2.6 MB here, inflating to 1.17 GB):
 * refused before a byte is inflated when the zip tells its size, and
 * after 200 MB when it lies. The lying one runs in a child process whose
 * peak RSS must stay under 300 MB (not checked under AddressSanitizer,
 * whose shadow and quarantine change the figure). */
static void
test_shared_strings_bomb (Fixture *f,
                          gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *lying = write_shared_strings_bomb (f, "lying.xlsx", 1170, TRUE);
      g_autoptr (GError) error = NULL;
      g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open (lying, &error);

      g_assert_null (r);
      g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
      g_print ("%s\n", error->message);
      return;
    }
  {
    g_autofree char *honest = write_shared_strings_bomb (f, "honest.xlsx", 1170, FALSE);
    g_autofree char *lying = write_shared_strings_bomb (f, "lying.xlsx", 1170, TRUE);
    struct stat st;
    double rss;

    g_assert_cmpint (g_stat (honest, &st), ==, 0);
    g_test_message ("%s: %.1f MB", honest, st.st_size / 1048576.0);
    g_assert_cmpint (st.st_size, <, 4 * 1024 * 1024);
    expect_refused (honest, NULL, "xl/sharedStrings.xml", "inflates to more than 200.0");
    expect_refused (lying, NULL, "xl/sharedStrings.xml", "inflates to more than 200.0");

    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    g_test_trap_assert_stdout ("*lying.xlsx*xl/sharedStrings.xml inflates to more than*");
    rss = peak_rss_mb (RUSAGE_CHILDREN);
    g_test_message ("peak RSS of the child refusing the lying bomb: %.0f MB", rss);
#if !defined(__SANITIZE_ADDRESS__)
    g_assert_cmpfloat (rss, <, 300.0);
#endif
  }
}

/* Limits given by the caller: one part over, all parts together over. */
static void
test_part_limits (Fixture *f,
                  gconstpointer data)
{
  g_autofree char *row = repeat ("<row><c t=\"inlineStr\"><is><t>abcdefghij</t></is></c></row>", 100);
  Part one[] = { { "xl/worksheets/sheet1.xml", SHEET_HEAD, row, 20, SHEET_TAIL, 0 } };
  Part two[] = {
    { "xl/styles.xml", "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
      "<numFmts/>", 4000, "</styleSheet>", 0 },
    { "xl/worksheets/sheet1.xml", SHEET_HEAD, row, 5, SHEET_TAIL, 0 },
  };
  g_autofree char *big = write_parts (f, "big.xlsx", one, 1);
  g_autofree char *pair = write_parts (f, "pair.xlsx", two, 2);
  TamXlsxLimits part_limit = { 64 * 1024, 0 };
  TamXlsxLimits total_limit = { 0, 64 * 1024 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = NULL;

  /* Within the defaults, both read. */
  r = tam_xlsx_reader_open (big, &error);
  g_assert_no_error (error);
  g_clear_pointer (&r, tam_xlsx_reader_free);
  r = tam_xlsx_reader_open (pair, &error);
  g_assert_no_error (error);

  expect_refused (big, &part_limit, "xl/worksheets/sheet1.xml", "inflates to more than 64.0");
  expect_refused (pair, &total_limit, "xl/worksheets/sheet1.xml", "inflate to more than 64.0");
  /* The same, the zip lying about the sheet's size: counted as read. */
  one[0].declared = 100;
  g_free (big);
  big = write_parts (f, "big-lying.xlsx", one, 1);
  expect_refused (big, &part_limit, "xl/worksheets/sheet1.xml", "inflates to more than 64.0");
}

/* A DOCTYPE, where entities are declared, is refused in any part:
 * an external entity (XXE), the billion laughs, a harmless-looking one. */
static void
test_entities (Fixture *f,
               gconstpointer data)
{
  static const char xxe_sheet[] =
      "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>";
  static const char laughs[] =
      "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"ha\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
      "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">]>"
      "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>&e;&e;&e;</t></si></sst>";
  static const char plain_sheet[] =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
  Part in_sheet[] = { { "xl/worksheets/sheet1.xml", xxe_sheet, NULL, 0, NULL, 0 } };
  Part in_strings[] = { { "xl/sharedStrings.xml", laughs, NULL, 0, NULL, 0 },
                        { "xl/worksheets/sheet1.xml", plain_sheet, NULL, 0, NULL, 0 } };
  Part in_workbook[] = { { "xl/workbook.xml",
                           "<!DOCTYPE workbook SYSTEM \"http://example.com/x.dtd\">"
                           "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"/>",
                           NULL, 0, NULL, 0 },
                         { "xl/worksheets/sheet1.xml", plain_sheet, NULL, 0, NULL, 0 } };
  g_autofree char *a = write_parts (f, "xxe.xlsx", in_sheet, G_N_ELEMENTS (in_sheet));
  g_autofree char *b = write_parts (f, "laughs.xlsx", in_strings, G_N_ELEMENTS (in_strings));
  g_autofree char *c = write_parts (f, "dtd.xlsx", in_workbook, G_N_ELEMENTS (in_workbook));

  g_autofree char *d = g_build_filename (f->dir, "utf16.xlsx", NULL);
  g_autofree char *utf16 = NULL;
  gsize utf16_len = 0;
  zip_t *zip;

  expect_refused (a, NULL, "xl/worksheets/sheet1.xml", "external entities are not allowed");
  expect_refused (b, NULL, "xl/sharedStrings.xml", "external entities are not allowed");
  expect_refused (c, NULL, "xl/workbook.xml", "external entities are not allowed");

  /* In UTF-16 the byte check of the prolog sees no "<!": libxml2's
   * DOCTYPE node is refused instead. */
  utf16 = g_convert ("\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                     "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                     "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&xxe;</t></is></c>"
                     "</row></sheetData></worksheet>",
                     -1, "UTF-16LE", "UTF-8", NULL, &utf16_len, NULL);
  g_assert_nonnull (utf16);
  zip = zip_open (d, ZIP_CREATE | ZIP_TRUNCATE, NULL);
  g_assert_nonnull (zip);
  g_assert_cmpint (zip_file_add (zip, "xl/worksheets/sheet1.xml",
                                 zip_source_buffer (zip, utf16, utf16_len, 0), 0),
                   >=, 0);
  g_assert_cmpint (zip_close (zip), ==, 0);
  expect_refused (d, NULL, "xl/worksheets/sheet1.xml", "external entities are not allowed");
}

/* A cell holds at most 32,767 characters (Excel's limit), counted as
 * characters, not bytes; a shared string the same. */
static void
test_long_cells (Fixture *f,
                 gconstpointer data)
{
  g_autofree char *most = repeat ("é", TAM_XLSX_MAX_CELL_CHARS);
  g_autofree char *over = repeat ("a", TAM_XLSX_MAX_CELL_CHARS + 1);
  g_autofree char *ok_sheet = g_strdup_printf ("<worksheet><sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>%s</t></is></c></row>"
                                               "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>%s</t></is></c></row></sheetData></worksheet>",
                                               most, over);
  g_autofree char *strings = g_strdup_printf ("<sst><si><t>%s</t></si><si><t>%s</t><t>b</t></si></sst>", most, most);
  Part cells[] = { { "xl/worksheets/sheet1.xml", ok_sheet, NULL, 0, NULL, 0 } };
  Part shared[] = { { "xl/sharedStrings.xml", strings, NULL, 0, NULL, 0 },
                    { "xl/worksheets/sheet1.xml", "<worksheet><sheetData/></worksheet>", NULL, 0, NULL, 0 } };
  g_autofree char *a = write_parts (f, "long-cell.xlsx", cells, 1);
  g_autofree char *b = write_parts (f, "long-string.xlsx", shared, 2);
  g_autoptr (GError) error = NULL;
  g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open (a, &error);

  g_assert_no_error (error);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, 1);
  g_assert_cmpstr (tam_xlsx_reader_field (r, 1), ==, most);
  g_assert_cmpint (tam_xlsx_reader_next (r, &error), ==, -1);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "long-cell.xlsx”: row 2, column C: the cell holds more than 32767 characters"));
  g_clear_pointer (&r, tam_xlsx_reader_free);
  g_clear_error (&error);

  r = tam_xlsx_reader_open (b, &error);
  g_assert_null (r);
  g_test_message ("%s", error->message);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "xl/sharedStrings.xml: shared string 2 holds more than 32767 characters"));
}

/* ------------------------------------------------------------------ */
/* Benchmarks (-m perf): the figures of issue 13, measured */

static void
bench_column_bomb (Fixture *f,
                   gconstpointer data)
{
  /* The 333 KB file: 2M rows with a value at XFD; and its 17 KB
   * one (100,000 rows); 1M and 2M blank rows. */
  struct
  {
    const char *name;
    guint64 rows;
    gboolean blank;
  } cases[] = {
    { "values-100k.xlsx", 100000, FALSE },
    { "values-2M.xlsx", 2000000, FALSE },
    { "blank-1M.xlsx", 1000000, TRUE },
    { "blank-2M.xlsx", 2000000, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_column_bomb (f, cases[i].name, cases[i].rows, cases[i].blank);
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_seconds ();
      guint64 rows = 0;
      struct stat st;

      int rc = read_through_rows (path, NULL, &rows, &error);

      /* Over a sheet's 1,048,576 rows: refused there. */
      g_assert_cmpint (rc, ==, cases[i].rows > TAM_XLSX_MAX_ROWS ? -1 : 0);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_test_minimized_result ((g_get_monotonic_time () - start) / 1e6,
                               "column bomb %s (%.0f KB, %" G_GUINT64_FORMAT " rows with values read): %s after %.2f s (%.2f s of CPU)",
                               cases[i].name, st.st_size / 1024.0, rows, rc == 0 ? "read" : "refused",
                               (g_get_monotonic_time () - start) / 1e6, cpu_seconds () - cpu);
    }
}

static void
bench_cancel (Fixture *f,
              gconstpointer data)
{
  g_autofree char *blank = NULL;
  g_autoptr (GError) error = NULL;
  gint64 latency = 0;

  blank = write_column_bomb (f, "cancel-blank.xlsx", 1000000, TRUE);
  g_assert_cmpint (read_cancelled (blank, &latency, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_test_minimized_result (latency / 1000.0, "cancel latency (blank rows at XFD): %.2f ms", latency / 1000.0);
}

static void
bench_shared_strings_bomb (Fixture *f,
                           gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autofree char *lying = write_shared_strings_bomb (f, "lying.xlsx", 1170, TRUE);
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (TamXlsxReader) r = tam_xlsx_reader_open (lying, &error);

      g_assert_null (r);
      g_printerr ("refused after %.2f s: %s\n", (g_get_monotonic_time () - start) / 1e6, error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_minimized_result (peak_rss_mb (RUSAGE_CHILDREN),
                           "sharedStrings bomb (1.17 GB, header lying): peak RSS %.0f MB",
                           peak_rss_mb (RUSAGE_CHILDREN));
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
  g_test_add ("/xlsx/bounds/column-bomb", Fixture, NULL, fixture_setup, test_column_bomb, fixture_teardown);
  g_test_add ("/xlsx/bounds/too-many-rows", Fixture, NULL, fixture_setup, test_too_many_rows, fixture_teardown);
  g_test_add ("/xlsx/bounds/wide-header", Fixture, NULL, fixture_setup, test_wide_header, fixture_teardown);
  g_test_add ("/xlsx/bounds/cancel", Fixture, NULL, fixture_setup, test_cancel, fixture_teardown);
  g_test_add ("/xlsx/bounds/shared-strings-bomb", Fixture, NULL, fixture_setup, test_shared_strings_bomb, fixture_teardown);
  g_test_add ("/xlsx/bounds/part-limits", Fixture, NULL, fixture_setup, test_part_limits, fixture_teardown);
  g_test_add ("/xlsx/bounds/entities", Fixture, NULL, fixture_setup, test_entities, fixture_teardown);
  g_test_add ("/xlsx/bounds/long-cells", Fixture, NULL, fixture_setup, test_long_cells, fixture_teardown);
  /* Measured, not tested: only with -m perf (meson test --benchmark),
   * and in the child a benchmark starts (which is not given -m perf). */
  if (g_test_perf () || g_test_subprocess ())
    {
      g_test_add ("/xlsx/bench/column-bomb", Fixture, NULL, fixture_setup, bench_column_bomb, fixture_teardown);
      g_test_add ("/xlsx/bench/cancel", Fixture, NULL, fixture_setup, bench_cancel, fixture_teardown);
      g_test_add ("/xlsx/bench/shared-strings-bomb", Fixture, NULL, fixture_setup, bench_shared_strings_bomb, fixture_teardown);
    }

  return g_test_run ();
}
