/* tam-store-tx.c: the end of a write that opened its own transaction
 * (see tam-store-tx.h). */
#include "config.h"

#include "tam-store-tx.h"

gboolean
tam_store_commit_own (TamStore *store,
                      gboolean own_tx,
                      GError **error)
{
  return !own_tx || tam_store_commit (store, error);
}

gboolean
tam_store_rollback_own (TamStore *store,
                        gboolean own_tx)
{
  if (own_tx)
    tam_store_rollback (store);
  return FALSE;
}
