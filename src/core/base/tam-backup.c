/* tam-backup.c: a backup needs its permission (issue 13: anyone could
 * copy the whole database, customer numbers included, without signing
 * in). The copy itself is tam_store_backup(). */
#include "config.h"

#include "tam-backup.h"

gboolean
tam_backup (TamStore *store,
            const TamSession *session,
            const char *dest_path,
            TamProgressFunc progress,
            gpointer user_data,
            GCancellable *cancellable,
            GError **error)
{
  if (!tam_session_require (session, TAM_PERM_BACKUP, error))
    return FALSE;
  return tam_store_backup (store, dest_path, progress, user_data, cancellable, error);
}
