/* fuzz-common.h: what every libFuzzer target of tests/fuzz shares.
 *
 * A GLib warning or critical is a crash here (as G_DEBUG=fatal-warnings
 * makes it in the tests), and so is a broken invariant (g_assert). */
#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize (int *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t size);

static inline void
fuzz_init (void)
{
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  xmlInitParser ();
}
