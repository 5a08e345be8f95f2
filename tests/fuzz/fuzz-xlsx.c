/* fuzz-xlsx.c: the .xlsx reader (src/core/io/tam-xlsx-reader.c) on any
 * bytes taken as a whole file: the zip container first (libzip), then
 * the XML parts. The file lives in a memfd, opened by its /proc path. */
#include "config.h"

#include <sys/mman.h>
#include <unistd.h>

#include "fuzz-common.h"
#include "fuzz-xlsx-common.h"

static int fd = -1;
static char path[64];

int
LLVMFuzzerInitialize (int *argc,
                      char ***argv)
{
  fuzz_init ();
  fd = memfd_create ("fuzz.xlsx", 0);
  g_assert_cmpint (fd, >=, 0);
  g_snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t size)
{
  g_assert_cmpint (ftruncate (fd, 0), ==, 0);
  g_assert_cmpint (pwrite (fd, data, size, 0), ==, (ssize_t) size);
  fuzz_read_xlsx (path);
  return 0;
}
