#pragma once

#include <gio/gio.h>

#include "tam-auth.h"
#include "tam-store.h"
#include "tam-tapping.h"

G_BEGIN_DECLS

/* One row of the queue: a small object around a TamCall. */
#define TAM_TYPE_QUEUE_ITEM (tam_queue_item_get_type ())
G_DECLARE_FINAL_TYPE (TamQueueItem, tam_queue_item, TAM, QUEUE_ITEM, GObject)

/* Takes ownership of @call (NULL: a placeholder for a row that vanished). */
TamQueueItem *tam_queue_item_new (TamCall *call);
const TamCall *tam_queue_item_get_call (TamQueueItem *self);
gint64 tam_queue_item_get_id (TamQueueItem *self);

/* The AGREE calls of the queue for a filter, paged from SQLite through the
 * core on demand: n_items comes from the state counts, rows are fetched
 * in blocks and a few blocks are kept (least recently used goes first). */
#define TAM_TYPE_QUEUE_MODEL (tam_queue_model_get_type ())
G_DECLARE_FINAL_TYPE (TamQueueModel, tam_queue_model, TAM, QUEUE_MODEL, GObject)

#define TAM_QUEUE_MODEL_BLOCK 200
#define TAM_QUEUE_MODEL_MAX_BLOCKS 8

TamQueueModel *tam_queue_model_new (TamStore *store,
                                    const TamSession *session);
TamStore *tam_queue_model_get_store (TamQueueModel *self);
const TamSession *tam_queue_model_get_session (TamQueueModel *self);
const TamQueueFilter *tam_queue_model_get_filter (TamQueueModel *self);

/* Counts again and drops the cache: one items-changed for the whole list.
 * @filter NULL keeps the current one. On error the model is empty. */
gboolean tam_queue_model_set_filter (TamQueueModel *self,
                                     const TamQueueFilter *filter,
                                     GError **error);
gboolean tam_queue_model_reload (TamQueueModel *self,
                                 GError **error);
/* Counts per state for the current filter (state ignored), kept up to
 * date by the edits below. They come from a worker thread after a new
 * filter: "counts-changed" is emitted when they (and the full length of a
 * list longer than one block) are there; all 0 until then. */
const gint64 *tam_queue_model_get_state_counts (TamQueueModel *self);
gboolean tam_queue_model_get_counts_ready (TamQueueModel *self);
/* TRUE while the worker is counting. */
gboolean tam_queue_model_get_counting (TamQueueModel *self);
/* TRUE when calls in @state belong to the current filter. */
gboolean tam_queue_model_filter_has_state (TamQueueModel *self,
                                           TamCallState state);

/* A local edit after our own action, so the list need not be counted
 * again: @call (taken) moved from @old_state to call->state. @position is
 * its row when it was in the list, else where it goes back in (from
 * tam_queue_position). One items-changed for that row. */
void tam_queue_model_call_changed (TamQueueModel *self,
                                   guint position,
                                   TamCall *call,
                                   TamCallState old_state);

/* Our own change to a call that the database does not show yet (a
 * verdict on its way to the page's writer): rows read meanwhile show
 * @call (taken) as it will be, or leave it out when it no longer belongs
 * to the filter. The counts are not corrected. */
void tam_queue_model_hold_call (TamQueueModel *self,
                                TamCall *call);
/* The database caught up, or refused the change: its rows count again. */
void tam_queue_model_release_call (TamQueueModel *self,
                                   gint64 id);
/* Figures for tests and benchmarks. */
guint tam_queue_model_get_n_fetches (TamQueueModel *self);
guint tam_queue_model_get_n_cached_blocks (TamQueueModel *self);

G_END_DECLS
