#pragma once

#include <adwaita.h>

#include "tam-import.h"
#include "tam-job.h"

G_BEGIN_DECLS

/* Called on the main loop when an import is over; @stored is TRUE when
 * rows may have changed (refresh your view). */
typedef void (*TamImportDoneFunc) (GObject *owner,
                                   gboolean stored);

/* Imports @path with tam_import_file in @bar's worker (own store on
 * @store's file, progress, Cancel), then shows a dialog with the summary,
 * the errors (first 20) or "cancelled", and calls @done. @owner (usually
 * the page) is kept alive until then. */
void tam_import_run (TamJobBar *bar,
                     TamStore *store,
                     const TamSession *session,
                     TamImportKind kind,
                     const char *path,
                     TamImportDoneFunc done,
                     GObject *owner);

/* Called with the file the user chose to import. */
typedef void (*TamImportFileFunc) (GtkWidget *page,
                                   const char *path);

/* Asks for a CSV or .xlsx file with a chooser titled @title, then calls
 * @import_file with @page (kept alive meanwhile) and the file's path;
 * nothing when the user cancels. */
void tam_import_choose (GtkWidget *page,
                        const char *title,
                        TamImportFileFunc import_file);

G_END_DECLS
