#pragma once

#include <adwaita.h>

#include "tam-import.h"
#include "tam-job.h"

G_BEGIN_DECLS

/* Called on the main loop when an import is over; @stored is TRUE when
 * rows may have changed (refresh your view). */
typedef void (*TamImportDoneFunc) (GObject  *owner,
                                   gboolean  stored);

/* Imports @path with tam_import_file in @bar's worker (own store on
 * @store's file, progress, Cancel), then shows a dialog with the summary,
 * the errors (first 20) or "cancelled", and calls @done. @owner (usually
 * the page) is kept alive until then. */
void tam_import_run (TamJobBar         *bar,
                     TamStore          *store,
                     const TamSession  *session,
                     TamImportKind      kind,
                     const char        *path,
                     TamImportDoneFunc  done,
                     GObject           *owner);

G_END_DECLS
