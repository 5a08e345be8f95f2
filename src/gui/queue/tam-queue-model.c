/* tam-queue-model.c: the tapping queue as a GListModel paged from SQLite.
 *
 * A million waiting calls must scroll smoothly, so the model never loads
 * them all: it knows its length from the state counts of the filter and
 * fetches rows in blocks of TAM_QUEUE_MODEL_BLOCK when the view asks for
 * them, keeping the TAM_QUEUE_MODEL_MAX_BLOCKS most recently used. A
 * block that follows a known row is fetched with keyset paging (no walk
 * over the rows before it); a jump far down falls back to an OFFSET.
 *
 * Counting a million rows takes SQLite a good fraction of a second, the
 * counts per state longer, so a new filter shows its first block at once
 * (n_items = that block) and the counts come from a worker thread on its
 * own connection, growing the list when they arrive. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tam-codes.h"
#include "tam-queue-model.h"

/* TamQueueItem */

struct _TamQueueItem
{
  GObject parent_instance;
  TamCall *call;
};

enum
{
  SIGNAL_COUNTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  ITEM_PROP_0,
  ITEM_PROP_CALL_ID,
  ITEM_PROP_CALL_START,
  ITEM_PROP_AGENT,
  ITEM_PROP_TEAM_LEADER,
  ITEM_PROP_SITE,
  ITEM_PROP_SERVICE,
  ITEM_PROP_STATE,
  ITEM_PROP_ATTEMPTS,
  ITEM_PROP_CLAIMED_BY,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (TamQueueItem, tam_queue_item, G_TYPE_OBJECT)

static char *
person_text (const char *name,
             const char *nik)
{
  if (name == NULL)
    return NULL;
  /* Translators: a person as "name (NIK)" */
  return g_strdup_printf (_ ("%s (%s)"), name, nik ? nik : "");
}

static void
tam_queue_item_get_property (GObject *object,
                             guint prop_id,
                             GValue *value,
                             GParamSpec *pspec)
{
  TamQueueItem *self = TAM_QUEUE_ITEM (object);
  const TamCall *c = self->call;

  if (c == NULL)
    {
      if (G_VALUE_HOLDS_STRING (value))
        g_value_set_string (value, prop_id == ITEM_PROP_CALL_ID ? _ ("(changed, refresh)") : "");
      return;
    }

  switch (prop_id)
    {
    case ITEM_PROP_CALL_ID:
      g_value_set_string (value, c->call_id);
      break;
    case ITEM_PROP_CALL_START:
      g_value_set_string (value, c->call_start);
      break;
    case ITEM_PROP_AGENT:
      g_value_take_string (value, person_text (c->agent_name, c->agent_nik));
      break;
    case ITEM_PROP_TEAM_LEADER:
      g_value_set_string (value, c->team_leader_name);
      break;
    case ITEM_PROP_SITE:
      g_value_set_string (value, tam_site_label (c->site));
      break;
    case ITEM_PROP_SERVICE:
      g_value_set_string (value, tam_service_label (c->service));
      break;
    case ITEM_PROP_STATE:
      g_value_set_string (value, tam_call_state_to_label (tam_call_get_state (c)));
      break;
    case ITEM_PROP_ATTEMPTS:
      g_value_take_string (value, g_strdup_printf ("%d", c->attempts));
      break;
    case ITEM_PROP_CLAIMED_BY:
      g_value_set_string (value, c->claimed_by_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_queue_item_finalize (GObject *object)
{
  TamQueueItem *self = TAM_QUEUE_ITEM (object);

  g_clear_pointer (&self->call, tam_call_free);
  G_OBJECT_CLASS (tam_queue_item_parent_class)->finalize (object);
}

static void
tam_queue_item_class_init (TamQueueItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tam_queue_item_get_property;
  object_class->finalize = tam_queue_item_finalize;

  item_properties[ITEM_PROP_CALL_ID] = g_param_spec_string ("call-id", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_CALL_START] = g_param_spec_string ("call-start", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_AGENT] = g_param_spec_string ("agent", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_TEAM_LEADER] = g_param_spec_string ("team-leader", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_SITE] = g_param_spec_string ("site", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_SERVICE] = g_param_spec_string ("service", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, flags);
  /* A string, for the cell factories that show text. */
  item_properties[ITEM_PROP_ATTEMPTS] = g_param_spec_string ("attempts", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_CLAIMED_BY] = g_param_spec_string ("claimed-by", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
tam_queue_item_init (TamQueueItem *self)
{
}

TamQueueItem *
tam_queue_item_new (TamCall *call)
{
  TamQueueItem *self = g_object_new (TAM_TYPE_QUEUE_ITEM, NULL);

  self->call = call;
  return self;
}

const TamCall *
tam_queue_item_get_call (TamQueueItem *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_ITEM (self), NULL);
  return self->call;
}

gint64
tam_queue_item_get_id (TamQueueItem *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_ITEM (self), 0);
  return self->call ? self->call->id : 0;
}

/* TamQueueModel */

typedef struct
{
  GPtrArray *items;  /* TamQueueItem, rows block*B ... */
  guint64 tick;      /* last use, for LRU */
  gboolean complete; /* as fetched: a short block means the end */
} Block;

typedef struct
{
  char *call_start;
  gint64 id;
} Anchor;

struct _TamQueueModel
{
  GObject parent_instance;

  TamStore *store;
  TamSession *session;
  TamQueueFilter *filter;

  guint n_items;
  gint64 counts[TAM_N_STATES];
  gboolean counts_ready;

  /* The counting worker: one at a time, for the filter of generation. */
  guint generation;
  gboolean counting;
  gboolean edited;             /* a local edit while it was counting */
  gboolean need_length;        /* n_items is only the first block */
  gboolean recount_on_release; /* counted while calls were held */
  gboolean recount_length;

  GHashTable *blocks;  /* block index -> Block */
  GHashTable *anchors; /* block index -> Anchor: the row just before it */
  GHashTable *held;    /* calls.id -> TamCall: our changes not stored yet */
  guint64 tick;
  guint n_fetches;
};

static void tam_queue_model_list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TamQueueModel, tam_queue_model, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, tam_queue_model_list_model_iface_init))

static void
block_free (gpointer data)
{
  Block *block = data;

  g_ptr_array_unref (block->items);
  g_free (block);
}

static void
anchor_free (gpointer data)
{
  Anchor *anchor = data;

  g_free (anchor->call_start);
  g_free (anchor);
}

gboolean
tam_queue_model_filter_has_state (TamQueueModel *self,
                                  TamCallState state)
{
  const char *want;

  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), FALSE);

  /* No state in the filter: the calls waiting for a tapping. */
  want = self->filter->state;
  if (want == NULL || want[0] == '\0')
    return tam_call_state_is_waiting (state);
  return tam_call_state_from_code (want) == state;
}

static GType
tam_queue_model_get_item_type (GListModel *model)
{
  return TAM_TYPE_QUEUE_ITEM;
}

static guint
tam_queue_model_get_n_items (GListModel *model)
{
  return TAM_QUEUE_MODEL (model)->n_items;
}

static void
evict (TamQueueModel *self)
{
  while (g_hash_table_size (self->blocks) > TAM_QUEUE_MODEL_MAX_BLOCKS)
    {
      GHashTableIter iter;
      gpointer key, value;
      gpointer oldest_key = NULL;
      guint64 oldest = G_MAXUINT64;

      g_hash_table_iter_init (&iter, self->blocks);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Block *block = value;
          if (block->tick < oldest)
            {
              oldest = block->tick;
              oldest_key = key;
            }
        }
      g_hash_table_remove (self->blocks, oldest_key);
    }
}

/* The last row of a full block is where the next block starts after. */
static void
remember_anchor (TamQueueModel *self,
                 guint index,
                 Block *block)
{
  TamQueueItem *last;
  Anchor *next;

  if (block->items->len != TAM_QUEUE_MODEL_BLOCK)
    return;
  last = g_ptr_array_index (block->items, block->items->len - 1);
  next = g_new0 (Anchor, 1);
  next->call_start = g_strdup (last->call->call_start);
  next->id = last->call->id;
  g_hash_table_replace (self->anchors, GUINT_TO_POINTER (index + 1), next);
}

/* Up to a block of rows from the database as the QCO will see them: a
 * call held by a verdict still on its way shows as it will be, or is left
 * out when it leaves the filter (a few more rows are read for those). */
static GPtrArray *
fetch_rows (TamQueueModel *self,
            gboolean by_offset,
            const char *after_call_start,
            gint64 after_id,
            gint64 offset,
            GError **error)
{
  guint n_held = g_hash_table_size (self->held);
  guint limit = TAM_QUEUE_MODEL_BLOCK + n_held;
  g_autoptr (GPtrArray) calls = NULL;
  GPtrArray *rows;

  if (by_offset)
    calls = tam_queue_fetch (self->store, self->session, self->filter, offset, limit, error);
  else
    calls = tam_queue_fetch_after (self->store, self->session, self->filter,
                                   after_call_start, after_id, limit, error);
  if (calls == NULL || n_held == 0)
    {
      if (calls != NULL && calls->len > TAM_QUEUE_MODEL_BLOCK)
        g_ptr_array_set_size (calls, TAM_QUEUE_MODEL_BLOCK);
      return g_steal_pointer (&calls);
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_call_free);
  for (guint i = 0; i < calls->len && rows->len < TAM_QUEUE_MODEL_BLOCK; i++)
    {
      TamCall *call = g_ptr_array_index (calls, i);
      const TamCall *held = g_hash_table_lookup (self->held, &call->id);

      if (held == NULL)
        g_ptr_array_add (rows, tam_call_copy (call));
      else if (tam_queue_model_filter_has_state (self, tam_call_get_state (held)))
        g_ptr_array_add (rows, tam_call_copy (held));
    }
  return rows;
}

static Block *
fetch_block (TamQueueModel *self,
             guint index)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) calls = NULL;
  Block *block;
  Block *before;
  Anchor *anchor;

  g_assert (TAM_IS_QUEUE_MODEL (self));

  anchor = g_hash_table_lookup (self->anchors, GUINT_TO_POINTER (index));
  before = index > 0 ? g_hash_table_lookup (self->blocks, GUINT_TO_POINTER (index - 1)) : NULL;

  self->n_fetches++;
  if (index == 0)
    calls = fetch_rows (self, FALSE, NULL, 0, 0, &error);
  else if (anchor != NULL)
    calls = fetch_rows (self, FALSE, anchor->call_start, anchor->id, 0, &error);
  else if (before != NULL && before->complete && before->items->len == TAM_QUEUE_MODEL_BLOCK)
    {
      TamQueueItem *last = g_ptr_array_index (before->items, before->items->len - 1);
      calls = fetch_rows (self, FALSE, last->call->call_start, last->call->id, 0, &error);
    }
  else
    /* Held calls before this row are not known here: the rows may be
     * off by as many (never doubled). */
    calls = fetch_rows (self, TRUE, NULL, 0, (gint64) index * TAM_QUEUE_MODEL_BLOCK, &error);

  if (calls == NULL)
    g_message ("Queue rows %u..: %s", index * TAM_QUEUE_MODEL_BLOCK, error->message);

  block = g_new0 (Block, 1);
  block->items = g_ptr_array_new_with_free_func (g_object_unref);
  block->complete = TRUE;
  if (calls != NULL)
    {
      /* The calls change hands: the array must not free them. */
      g_ptr_array_set_free_func (calls, NULL);
      for (guint i = 0; i < calls->len; i++)
        g_ptr_array_add (block->items, tam_queue_item_new (g_ptr_array_index (calls, i)));
    }

  remember_anchor (self, index, block);

  /* Newest first, so eviction never drops the block being fetched. */
  block->tick = ++self->tick;
  g_hash_table_replace (self->blocks, GUINT_TO_POINTER (index), block);
  evict (self);
  return block;
}

static gpointer
tam_queue_model_get_item (GListModel *model,
                          guint position)
{
  TamQueueModel *self = TAM_QUEUE_MODEL (model);
  guint index = position / TAM_QUEUE_MODEL_BLOCK;
  guint offset = position % TAM_QUEUE_MODEL_BLOCK;
  Block *block;

  if (position >= self->n_items)
    return NULL;

  block = g_hash_table_lookup (self->blocks, GUINT_TO_POINTER (index));
  if (block == NULL || (offset >= block->items->len && !block->complete))
    block = fetch_block (self, index);
  block->tick = ++self->tick;

  if (offset < block->items->len)
    return g_object_ref (g_ptr_array_index (block->items, offset));

  /* The row went away since we counted (another QCO, another process):
   * a placeholder keeps the model consistent until the next reload. */
  return tam_queue_item_new (NULL);
}

static void
tam_queue_model_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tam_queue_model_get_item_type;
  iface->get_n_items = tam_queue_model_get_n_items;
  iface->get_item = tam_queue_model_get_item;
}

static void
tam_queue_model_finalize (GObject *object)
{
  TamQueueModel *self = TAM_QUEUE_MODEL (object);

  g_clear_pointer (&self->blocks, g_hash_table_unref);
  g_clear_pointer (&self->anchors, g_hash_table_unref);
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_pointer (&self->filter, tam_queue_filter_free);
  g_clear_pointer (&self->session, tam_session_free);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (tam_queue_model_parent_class)->finalize (object);
}

static void
tam_queue_model_class_init (TamQueueModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tam_queue_model_finalize;

  /* The counts per state (and the full length) arrived from the worker. */
  signals[SIGNAL_COUNTS_CHANGED] =
      g_signal_new ("counts-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tam_queue_model_init (TamQueueModel *self)
{
  self->blocks = g_hash_table_new_full (NULL, NULL, NULL, block_free);
  self->anchors = g_hash_table_new_full (NULL, NULL, NULL, anchor_free);
  self->held = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) tam_call_free);
  self->filter = tam_queue_filter_new ();
}

TamQueueModel *
tam_queue_model_new (TamStore *store,
                     const TamSession *session)
{
  TamQueueModel *self;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (TAM_TYPE_QUEUE_MODEL, NULL);
  self->store = g_object_ref (store);
  self->session = tam_session_copy (session);
  return self;
}

TamStore *
tam_queue_model_get_store (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), NULL);
  return self->store;
}

const TamSession *
tam_queue_model_get_session (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), NULL);
  return self->session;
}

const TamQueueFilter *
tam_queue_model_get_filter (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), NULL);
  return self->filter;
}

const gint64 *
tam_queue_model_get_state_counts (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), NULL);
  return self->counts;
}

guint
tam_queue_model_get_n_fetches (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), 0);
  return self->n_fetches;
}

guint
tam_queue_model_get_n_cached_blocks (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), 0);
  return g_hash_table_size (self->blocks);
}

typedef struct
{
  char *db_path;
  TamSession *session;
  TamQueueFilter *filter;
  guint generation;
  gboolean need_length;
  gint64 length;
  gint64 counts[TAM_N_STATES];
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->db_path);
  tam_session_free (job->session);
  tam_queue_filter_free (job->filter);
  g_free (job);
}

static void
count_thread (GTask *task,
              gpointer source,
              gpointer task_data,
              GCancellable *cancellable)
{
  CountJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TamStore) store = tam_store_open (job->db_path, &error);

  /* Its own connection: SQLite connections are not shared by threads. */
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->need_length)
    {
      job->length = tam_queue_count (store, job->session, job->filter, &error);
      if (job->length < 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  if (!tam_queue_state_counts (store, job->session, job->filter, job->counts, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void start_count (TamQueueModel *self);

static void
set_length (TamQueueModel *self,
            guint n)
{
  guint old = self->n_items;

  if (n == old)
    return;
  self->n_items = n;
  if (n > old)
    g_list_model_items_changed (G_LIST_MODEL (self), old, 0, n - old);
  else
    g_list_model_items_changed (G_LIST_MODEL (self), n, old - n, 0);
}

static void
count_done_cb (GObject *source,
               GAsyncResult *result,
               gpointer user_data)
{
  TamQueueModel *self = TAM_QUEUE_MODEL (source);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  self->counting = FALSE;
  if (job->generation != self->generation || self->edited)
    {
      /* The filter changed, or we changed rows meanwhile: the figures may
       * be from before; count again. */
      start_count (self);
      return;
    }
  if (!ok)
    {
      g_message ("Counting the queue: %s", error->message);
      return;
    }
  if (g_hash_table_size (self->held) > 0)
    {
      /* A verdict on its way may or may not be in these figures: count
       * again once it is stored. */
      self->recount_on_release = TRUE;
      self->recount_length = self->recount_length || job->need_length;
    }
  memcpy (self->counts, job->counts, sizeof self->counts);
  self->counts_ready = TRUE;
  if (job->need_length)
    {
      self->need_length = FALSE;
      set_length (self, (guint) CLAMP (job->length, 0, G_MAXUINT));
    }
  g_signal_emit (self, signals[SIGNAL_COUNTS_CHANGED], 0);
}

static void
start_count (TamQueueModel *self)
{
  g_autoptr (GTask) task = NULL;
  CountJob *job;

  g_assert (TAM_IS_QUEUE_MODEL (self));

  if (self->counting)
    return; /* count_done_cb starts the next one */

  job = g_new0 (CountJob, 1);
  job->db_path = g_strdup (tam_store_get_path (self->store));
  job->session = tam_session_copy (self->session);
  job->filter = tam_queue_filter_copy (self->filter);
  job->generation = self->generation;
  job->need_length = self->need_length;

  self->counting = TRUE;
  self->edited = FALSE;
  task = g_task_new (self, NULL, count_done_cb, NULL);
  g_task_set_source_tag (task, start_count);
  g_task_set_task_data (task, job, count_job_free);
  g_task_run_in_thread (task, count_thread);
}

gboolean
tam_queue_model_get_counts_ready (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), FALSE);
  return self->counts_ready;
}

gboolean
tam_queue_model_get_counting (TamQueueModel *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), FALSE);
  return self->counting;
}

gboolean
tam_queue_model_set_filter (TamQueueModel *self,
                            const TamQueueFilter *filter,
                            GError **error)
{
  g_autoptr (GPtrArray) first = NULL;
  guint old_n;

  g_return_val_if_fail (TAM_IS_QUEUE_MODEL (self), FALSE);

  if (filter != NULL && filter != self->filter)
    {
      tam_queue_filter_free (self->filter);
      self->filter = tam_queue_filter_copy (filter);
    }

  self->generation++;
  self->counts_ready = FALSE;
  memset (self->counts, 0, sizeof self->counts);
  g_hash_table_remove_all (self->blocks);
  g_hash_table_remove_all (self->anchors);

  /* Empty first, then fill: one items-changed with rows both removed and
   * added makes GTK 4.8's list item manager ask for every added row. */
  old_n = self->n_items;
  self->n_items = 0;
  if (old_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, 0);

  first = fetch_rows (self, FALSE, NULL, 0, 0, error);
  self->n_fetches++;
  if (first == NULL)
    {
      self->need_length = FALSE;
      g_signal_emit (self, signals[SIGNAL_COUNTS_CHANGED], 0);
      return FALSE;
    }

  {
    Block *block = g_new0 (Block, 1);

    block->items = g_ptr_array_new_with_free_func (g_object_unref);
    block->complete = TRUE;
    g_ptr_array_set_free_func (first, NULL);
    for (guint i = 0; i < first->len; i++)
      g_ptr_array_add (block->items, tam_queue_item_new (g_ptr_array_index (first, i)));
    block->tick = ++self->tick;
    g_hash_table_replace (self->blocks, GUINT_TO_POINTER (0), block);
    remember_anchor (self, 0, block);
    self->n_items = block->items->len;
    /* A full block: there may be more; the worker tells how many. */
    self->need_length = block->items->len == TAM_QUEUE_MODEL_BLOCK;
  }

  if (self->n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
  start_count (self);
  return TRUE;
}

gboolean
tam_queue_model_reload (TamQueueModel *self,
                        GError **error)
{
  return tam_queue_model_set_filter (self, NULL, error);
}

/* Blocks from @index on no longer hold the rows at their positions. */
static void
drop_from (TamQueueModel *self,
           guint index)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->blocks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (GPOINTER_TO_UINT (key) >= index)
      g_hash_table_iter_remove (&iter);
  g_hash_table_iter_init (&iter, self->anchors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (GPOINTER_TO_UINT (key) >= index)
      g_hash_table_iter_remove (&iter);
}

static void
insert_call (TamQueueModel *self,
             guint position,
             TamCall *call)
{
  g_autoptr (TamCall) owned = call;
  guint index, offset;
  Block *block;

  g_assert (TAM_IS_QUEUE_MODEL (self));

  position = MIN (position, self->n_items);
  index = position / TAM_QUEUE_MODEL_BLOCK;
  offset = position % TAM_QUEUE_MODEL_BLOCK;
  block = g_hash_table_lookup (self->blocks, GUINT_TO_POINTER (index));
  if (block != NULL && offset <= block->items->len)
    {
      g_ptr_array_insert (block->items, offset, tam_queue_item_new (g_steal_pointer (&owned)));
      if (block->items->len > TAM_QUEUE_MODEL_BLOCK)
        g_ptr_array_set_size (block->items, TAM_QUEUE_MODEL_BLOCK);
    }
  else if (block != NULL)
    g_hash_table_remove (self->blocks, GUINT_TO_POINTER (index));
  drop_from (self, index + 1);
  self->n_items++;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
}

void
tam_queue_model_call_changed (TamQueueModel *self,
                              guint position,
                              TamCall *call,
                              TamCallState old_state)
{
  g_autoptr (TamCall) owned = call;
  gboolean was_in, now_in;
  guint index = position / TAM_QUEUE_MODEL_BLOCK;
  guint offset = position % TAM_QUEUE_MODEL_BLOCK;
  Block *block;
  int old_i, new_i;

  g_return_if_fail (TAM_IS_QUEUE_MODEL (self));
  g_return_if_fail (call != NULL);

  /* A count running now may or may not see this change: redo it. */
  if (self->counting)
    self->edited = TRUE;
  old_i = tam_call_state_count_index (old_state);
  new_i = tam_call_state_count_index (tam_call_get_state (call));
  if (old_i >= 0)
    self->counts[old_i] = MAX (self->counts[old_i] - 1, 0);
  if (new_i >= 0)
    self->counts[new_i]++;

  was_in = tam_queue_model_filter_has_state (self, old_state);
  now_in = tam_queue_model_filter_has_state (self, tam_call_get_state (call));
  block = g_hash_table_lookup (self->blocks, GUINT_TO_POINTER (index));

  if (was_in && now_in && position < self->n_items)
    {
      if (block != NULL && offset < block->items->len)
        {
          g_object_unref (g_ptr_array_index (block->items, offset));
          g_ptr_array_index (block->items, offset) = tam_queue_item_new (g_steal_pointer (&owned));
        }
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
    }
  else if (was_in && position < self->n_items)
    {
      if (block != NULL && offset < block->items->len)
        {
          g_ptr_array_remove_index (block->items, offset);
          /* Its last position now belongs to the next block's first row. */
          block->complete = FALSE;
        }
      drop_from (self, index + 1);
      self->n_items--;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
    }
  else if (now_in)
    insert_call (self, position, g_steal_pointer (&owned));
}

void
tam_queue_model_hold_call (TamQueueModel *self,
                           TamCall *call)
{
  g_return_if_fail (TAM_IS_QUEUE_MODEL (self));
  g_return_if_fail (call != NULL);

  /* The key lives in the value. */
  g_hash_table_replace (self->held, &call->id, call);
}

void
tam_queue_model_release_call (TamQueueModel *self,
                              gint64 id)
{
  g_return_if_fail (TAM_IS_QUEUE_MODEL (self));

  if (!g_hash_table_remove (self->held, &id) || g_hash_table_size (self->held) > 0 ||
      !self->recount_on_release)
    return;
  self->recount_on_release = FALSE;
  if (self->recount_length)
    self->need_length = TRUE;
  self->recount_length = FALSE;
  if (self->counting)
    self->edited = TRUE;
  else
    start_count (self);
}
