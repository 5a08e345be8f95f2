/* fuzz-xlsx-parts.c: the .xlsx reader's XML side. Mutating a zip mostly
 * breaks its checksums, so here the input is the parts themselves,
 * separated by NUL bytes (which XML never holds), in this order: the
 * sheet (xl/worksheets/sheet1.xml), xl/sharedStrings.xml, xl/styles.xml,
 * xl/workbook.xml, xl/_rels/workbook.xml.rels; missing ones are left
 * out. They are stored (not deflated) in a fresh zip, which is read. */
#include "config.h"

#include <glib/gstdio.h>
#include <zip.h>

#include "fuzz-common.h"
#include "fuzz-xlsx-common.h"

static const char *const names[] = {
  "xl/worksheets/sheet1.xml",
  "xl/sharedStrings.xml",
  "xl/styles.xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
};

static char *path;

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  g_autofree char *dir = NULL;

  fuzz_init ();
  dir = g_dir_make_tmp ("tam-fuzz-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = g_build_filename (dir, "parts.xlsx", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  const char *p = (const char *) data;
  const char *end = p + size;
  zip_t *zip;
  int err = 0;

  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &err);
  g_assert_nonnull (zip);
  for (guint i = 0; i < G_N_ELEMENTS (names) && p <= end; i++)
    {
      const char *nul = memchr (p, '\0', (size_t) (end - p));
      size_t len = nul ? (size_t) (nul - p) : (size_t) (end - p);
      zip_source_t *src = zip_source_buffer (zip, p, len, 0);
      zip_int64_t index;

      g_assert_nonnull (src);
      index = zip_file_add (zip, names[i], src, ZIP_FL_OVERWRITE);
      g_assert_cmpint (index, >=, 0);
      zip_set_file_compression (zip, (zip_uint64_t) index, ZIP_CM_STORE, 0);
      p += len + 1;
    }
  /* An empty input: an empty zip, which libzip does not write at all. */
  if (zip_close (zip) != 0)
    {
      zip_discard (zip);
      g_unlink (path);
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    fuzz_read_xlsx (path);
  g_unlink (path);
  return 0;
}
