/* tam-queue-writer.c: the Queue tab's serial writer (see tam-queue-writer.h).
 *
 * Threads: the main thread pushes operations into an async queue and gets
 * results in an idle on its main context; the worker pops, runs the core
 * function on its own connection and hands the operation back. The store,
 * last_decide_seq and last_tapping_id belong to the worker alone; results,
 * idle_pending and closing are shared under the mutex; busy is atomic;
 * everything else is the main thread's. */
#include "config.h"

#include "tam-queue-writer.h"
#include "tam-store.h"

/* The worker's connection gives up on a held lock after this, so that
 * "busy" shows quickly; the operation is then tried again. */
#define BUSY_TIMEOUT_MS 250
#define RETRY_INTERVAL_US (250 * G_TIME_SPAN_MILLISECOND)
#define RETRY_LIMIT_MS (60 * 1000)
/* How long a closing writer still waits for a busy database. */
#define CLOSE_LIMIT_US (5 * G_TIME_SPAN_SECOND)

struct _TamQueueWriter
{
  GObject parent_instance;

  char *db_path;
  TamSession *session;
  TamWriteDoneFunc done;
  TamWriteBusyFunc busy_func;
  gpointer user_data;
  GMainContext *context;

  GThread *thread;
  GAsyncQueue *queue; /* TamWrite, or &stop_op */

  /* Main thread only */
  guint next_seq;
  guint pending;
  gboolean closed;
  gboolean busy_shown;

  /* Shared, under mutex */
  GMutex mutex;
  GQueue results;
  gboolean idle_pending;
  gint64 close_deadline; /* 0 while open */

  /* Atomic */
  gint busy;
  gint retry_limit_ms;
  gint latest_claim_seq; /* the last CLAIM pushed */

  /* Worker only */
  TamStore *store;
  guint last_decide_seq;
  gint64 last_tapping_id;
  gint64 last_claim_id; /* the last CLAIM taken from the queue */
  gboolean last_claim_skipped;
};

G_DEFINE_FINAL_TYPE (TamQueueWriter, tam_queue_writer, G_TYPE_OBJECT)

/* Tells the worker to stop; never freed. */
static TamWrite stop_op;

TamWrite *
tam_write_new (TamWriteKind kind,
               gint64 id)
{
  TamWrite *op = g_new0 (TamWrite, 1);

  op->kind = kind;
  op->id = id;
  return op;
}

void
tam_write_free (TamWrite *op)
{
  if (op == NULL || op == &stop_op)
    return;
  g_free (op->verdict);
  g_strfreev (op->failed);
  g_free (op->text);
  g_free (op->recording);
  g_clear_error (&op->error);
  g_clear_pointer (&op->call, tam_call_free);
  if (op->data_free != NULL && op->data != NULL)
    op->data_free (op->data);
  g_free (op);
}

/* Main thread: hands the finished operations over, in order. */
static gboolean
deliver_cb (gpointer user_data)
{
  TamQueueWriter *self = user_data;
  GQueue results = G_QUEUE_INIT;
  TamWrite *op;
  gboolean busy;

  g_mutex_lock (&self->mutex);
  results = self->results;
  g_queue_init (&self->results);
  self->idle_pending = FALSE;
  g_mutex_unlock (&self->mutex);

  while ((op = g_queue_pop_head (&results)) != NULL)
    {
      g_assert (self->pending > 0);
      self->pending--;
      if (!self->closed && self->done != NULL)
        self->done (op, self->user_data);
      tam_write_free (op);
    }

  busy = g_atomic_int_get (&self->busy) != 0;
  if (busy != self->busy_shown && !self->closed)
    {
      self->busy_shown = busy;
      if (self->busy_func != NULL)
        self->busy_func (busy, self->user_data);
    }
  return G_SOURCE_REMOVE;
}

/* Any thread, with the mutex held. */
static void
schedule_locked (TamQueueWriter *self)
{
  GSource *source;

  if (self->idle_pending)
    return;
  self->idle_pending = TRUE;
  source = g_idle_source_new ();
  /* Results are what the QCO waits for: not behind redraws. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, g_object_ref (self), g_object_unref);
  g_source_set_static_name (source, "[tam] queue writer result");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static void
set_busy (TamQueueWriter *self,
          gboolean busy)
{
  if ((g_atomic_int_get (&self->busy) != 0) == busy)
    return;
  g_atomic_int_set (&self->busy, busy);
  g_mutex_lock (&self->mutex);
  schedule_locked (self);
  g_mutex_unlock (&self->mutex);
}

static gint64
get_close_deadline (TamQueueWriter *self)
{
  gint64 deadline;

  g_mutex_lock (&self->mutex);
  deadline = self->close_deadline;
  g_mutex_unlock (&self->mutex);
  return deadline;
}

/* Worker: one attempt at the write itself. */
static gboolean
write_once (TamQueueWriter *self,
            TamWrite *op)
{
  TamStore *store = self->store;

  switch (op->kind)
    {
    case TAM_WRITE_CLAIM:
      return tam_call_claim (store, self->session, op->id, &op->error);
    case TAM_WRITE_RELEASE:
      return tam_call_release (store, self->session, op->id, &op->error);
    case TAM_WRITE_DECIDE:
      return tam_call_decide_heard (store, self->session, op->id, op->verdict,
                                    (const char *const *) op->failed, op->text, op->heard,
                                    &op->out_id, &op->error);
    case TAM_WRITE_UNDO:
      return tam_tapping_undo (store, self->session, op->out_id, &op->error);
    case TAM_WRITE_RECALL:
      return tam_call_recall (store, self->session, op->id, op->recording, op->text,
                              &op->out_id, &op->error);
    case TAM_WRITE_UNDO_RECALL:
      return tam_call_recall_undo (store, self->session, op->tapping_id, &op->error);
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

/* Worker: the write, tried again while the database is busy. */
static void
run (TamQueueWriter *self,
     TamWrite *op)
{
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      gint64 attempt = g_get_monotonic_time ();
      gint64 now, deadline;

      g_clear_error (&op->error);
      op->ok = FALSE;
      if (self->store == NULL)
        {
          self->store = tam_store_open (self->db_path, &op->error);
          if (self->store != NULL)
            tam_store_set_busy_timeout (self->store, BUSY_TIMEOUT_MS);
        }
      if (self->store != NULL)
        op->ok = write_once (self, op);
      if (op->ok || !g_error_matches (op->error, TAM_ERROR, TAM_ERROR_BUSY))
        break;

      now = g_get_monotonic_time ();
      deadline = get_close_deadline (self);
      if (now - start >= g_atomic_int_get (&self->retry_limit_ms) * G_TIME_SPAN_MILLISECOND ||
          (deadline != 0 && now >= deadline))
        break;
      op->waited = TRUE;
      set_busy (self, TRUE);
      /* The busy handler has usually waited already. */
      if (now - attempt < RETRY_INTERVAL_US)
        g_usleep (RETRY_INTERVAL_US - (now - attempt));
    }
}

static gpointer
writer_thread (gpointer data)
{
  TamQueueWriter *self = data;
  TamWrite *op;

  while ((op = g_async_queue_pop (self->queue)) != &stop_op)
    {
      if (op->kind == TAM_WRITE_CLAIM)
        {
          self->last_claim_id = op->id;
          self->last_claim_skipped = get_close_deadline (self) != 0 ||
                                     op->seq < (guint) g_atomic_int_get (&self->latest_claim_seq);
        }
      if (op->kind == TAM_WRITE_CLAIM && self->last_claim_skipped)
        {
          /* Nobody is looking at the call any more: the writer closes,
           * or the QCO has moved on (J J J V while another desk imports
           * would otherwise queue a claim and a release per key, each
           * waiting for the lock, in front of the verdict). */
        }
      else if (op->kind == TAM_WRITE_RELEASE && op->id == self->last_claim_id && self->last_claim_skipped)
        {
          /* The release of a claim skipped above: nothing to release. */
        }
      else if (op->kind == TAM_WRITE_UNDO && op->tapping_id == 0 &&
               (op->undo_seq != self->last_decide_seq || self->last_tapping_id == 0))
        {
          /* Its verdict was not stored: nothing to undo, on purpose. */
        }
      else
        {
          if (op->kind == TAM_WRITE_UNDO)
            op->out_id = op->tapping_id != 0 ? op->tapping_id : self->last_tapping_id;
          run (self, op);
          if (op->kind == TAM_WRITE_DECIDE)
            {
              self->last_decide_seq = op->seq;
              self->last_tapping_id = op->ok ? op->out_id : 0;
            }
          else if (op->kind == TAM_WRITE_UNDO && op->ok)
            self->last_tapping_id = 0;
          /* The call as it is now, for the list and the pane. */
          if (op->ok && op->kind != TAM_WRITE_CLAIM && op->kind != TAM_WRITE_RELEASE)
            op->call = tam_call_get (self->store, self->session, op->id, NULL);
        }
      set_busy (self, FALSE);

      g_mutex_lock (&self->mutex);
      g_queue_push_tail (&self->results, op);
      schedule_locked (self);
      g_mutex_unlock (&self->mutex);
    }

  g_clear_object (&self->store);
  return NULL;
}

TamQueueWriter *
tam_queue_writer_new (const char *db_path,
                      const TamSession *session,
                      TamWriteDoneFunc done,
                      TamWriteBusyFunc busy,
                      gpointer user_data)
{
  TamQueueWriter *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (session != NULL, NULL);

  self = g_object_new (TAM_TYPE_QUEUE_WRITER, NULL);
  self->db_path = g_strdup (db_path);
  self->session = tam_session_copy (session);
  self->done = done;
  self->busy_func = busy;
  self->user_data = user_data;
  self->thread = g_thread_new ("tam-queue-writer", writer_thread, self);
  return self;
}

guint
tam_queue_writer_push (TamQueueWriter *self,
                       TamWrite *op)
{
  g_return_val_if_fail (TAM_IS_QUEUE_WRITER (self), 0);
  g_return_val_if_fail (op != NULL, 0);
  g_return_val_if_fail (!self->closed, 0);

  op->seq = ++self->next_seq;
  self->pending++;
  if (op->kind == TAM_WRITE_CLAIM)
    g_atomic_int_set (&self->latest_claim_seq, (gint) op->seq);
  g_async_queue_push (self->queue, op);
  return op->seq;
}

guint
tam_queue_writer_get_pending (TamQueueWriter *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_WRITER (self), 0);
  return self->pending;
}

gboolean
tam_queue_writer_get_busy (TamQueueWriter *self)
{
  g_return_val_if_fail (TAM_IS_QUEUE_WRITER (self), FALSE);
  return self->busy_shown;
}

void
tam_queue_writer_set_retry_limit (TamQueueWriter *self,
                                  guint milliseconds)
{
  g_return_if_fail (TAM_IS_QUEUE_WRITER (self));
  g_atomic_int_set (&self->retry_limit_ms, (gint) MIN (milliseconds, G_MAXINT));
}

void
tam_queue_writer_close (TamQueueWriter *self)
{
  TamWrite *op;

  g_return_if_fail (TAM_IS_QUEUE_WRITER (self));

  self->closed = TRUE;
  if (self->thread == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->close_deadline = g_get_monotonic_time () + CLOSE_LIMIT_US;
  g_mutex_unlock (&self->mutex);
  g_async_queue_push (self->queue, &stop_op);
  g_thread_join (self->thread);
  self->thread = NULL;

  /* Results nobody will look at. */
  g_mutex_lock (&self->mutex);
  while ((op = g_queue_pop_head (&self->results)) != NULL)
    {
      self->pending--;
      tam_write_free (op);
    }
  g_mutex_unlock (&self->mutex);
}

static void
tam_queue_writer_finalize (GObject *object)
{
  TamQueueWriter *self = TAM_QUEUE_WRITER (object);

  tam_queue_writer_close (self);
  g_async_queue_unref (self->queue);
  g_mutex_clear (&self->mutex);
  g_main_context_unref (self->context);
  g_clear_pointer (&self->session, tam_session_free);
  g_free (self->db_path);
  G_OBJECT_CLASS (tam_queue_writer_parent_class)->finalize (object);
}

static void
tam_queue_writer_class_init (TamQueueWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tam_queue_writer_finalize;
}

static void
tam_queue_writer_init (TamQueueWriter *self)
{
  g_mutex_init (&self->mutex);
  g_queue_init (&self->results);
  self->queue = g_async_queue_new ();
  self->retry_limit_ms = RETRY_LIMIT_MS;
  self->context = g_main_context_ref_thread_default ();
}
