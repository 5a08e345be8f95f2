/* tam-backup.h: a backup as a desk user asks for it: the role's
 * permission first, then the store's consistent copy. */
#pragma once

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* Needs TAM_PERM_BACKUP (supervisors and the manager), then
 * tam_store_backup(). A failed or cancelled backup leaves no file. */
gboolean tam_backup (TamStore *store,
                     const TamSession *session,
                     const char *dest_path,
                     TamProgressFunc progress,
                     gpointer user_data,
                     GCancellable *cancellable,
                     GError **error);

G_END_DECLS
