#pragma once

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* Roster export: .csv (UTF-8, comma, header as the import reads it) or
 * .xlsx (libxlsxwriter), chosen by the file's extension. */
gboolean tam_export_roster (TamStore *store,
                            const TamSession *actor,
                            const char *path,
                            TamProgressFunc progress,
                            gpointer user_data,
                            GCancellable *cancellable,
                            GError **error);

G_END_DECLS
