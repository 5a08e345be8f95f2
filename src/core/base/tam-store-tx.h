#pragma once

#include "tam-store.h"

G_BEGIN_DECLS

/* A write opens its own short transaction only outside the caller's:
 *
 *   gboolean own_tx = !tam_store_in_transaction (store);
 *
 *   if (own_tx && !tam_store_begin (store, error))
 *     return FALSE;
 *   ... (goto fail on an error)
 *   return tam_store_commit_own (store, own_tx, error);
 *
 * fail:
 *   return tam_store_rollback_own (store, own_tx);
 */

/* Commits the transaction the write opened (@own_tx; a failed commit is
 * rolled back); TRUE inside the caller's transaction. */
gboolean tam_store_commit_own (TamStore *store,
                               gboolean own_tx,
                               GError **error);
/* Rolls back the transaction the write opened (@own_tx); the caller's
 * transaction is the caller's to end. Always FALSE (the write failed). */
gboolean tam_store_rollback_own (TamStore *store,
                                 gboolean own_tx);

G_END_DECLS
