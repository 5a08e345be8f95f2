/* tam-queue-writer.h: the Queue tab's writes, one after the other, in a
 * thread of their own (issue 7).
 *
 * Claims, releases, verdicts, undo and re-calls are write transactions:
 * when another desk holds the database's write lock they wait for it, so
 * they never run on the main loop. A TamQueueWriter is one serial worker
 * (a GThread fed by a GAsyncQueue) with its own TamStore, opened in the
 * worker on first use: operations run in the order they were pushed, and
 * each result comes back to the main context the writer was made in.
 *
 * A busy database (TAM_ERROR_BUSY: the lock is held past a short busy
 * timeout) is not a failure: the worker tries the same operation again
 * for up to a minute and reports "busy" meanwhile. */
#pragma once

#include <gio/gio.h>

#include "tam-auth.h"
#include "tam-tapping.h"

G_BEGIN_DECLS

typedef enum
{
  TAM_WRITE_CLAIM,       /* tam_call_claim (id = calls.id) */
  TAM_WRITE_RELEASE,     /* tam_call_release */
  TAM_WRITE_DECIDE,      /* tam_call_decide_heard (verdict, failed, text,
                          * heard) */
  TAM_WRITE_UNDO,        /* tam_tapping_undo (tapping_id, or 0: the tapping
                          * stored by the DECIDE numbered undo_seq) */
  TAM_WRITE_RECALL,      /* tam_call_recall (recording, text = note) */
  TAM_WRITE_UNDO_RECALL, /* tam_call_recall_undo (tapping_id = the
                          * recalls.id) */
} TamWriteKind;

/* One operation and, once done, its result. */
typedef struct
{
  TamWriteKind kind;
  guint seq;         /* set by tam_queue_writer_push: 1, 2, ... */
  gint64 id;         /* calls.id */
  gint64 tapping_id; /* UNDO */
  guint undo_seq;    /* UNDO */
  char *verdict;
  GStrv failed;
  char *text;
  char *recording;
  TamHeard heard; /* DECIDE: what the player found */

  /* The result, set by the worker. ok FALSE with error NULL: nothing was
   * done on purpose (an undo whose verdict was not stored; a claim pushed
   * while the writer closes). */
  gboolean ok;
  GError *error;
  gint64 out_id;   /* the new tapping (DECIDE) or re-call, the
                    * tapping undone (UNDO) */
  TamCall *call;   /* the call as stored afterwards (DECIDE,
                    * UNDO, RECALL), read by the worker; may be
                    * NULL */
  gboolean waited; /* the database was busy on the way */

  /* The caller's own context, freed with the operation. */
  gpointer data;
  GDestroyNotify data_free;
} TamWrite;

TamWrite *tam_write_new (TamWriteKind kind,
                         gint64 id);
void tam_write_free (TamWrite *op);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamWrite, tam_write_free)

/* Called on the main context with each finished operation, in order; the
 * operation is freed after the call. */
typedef void (*TamWriteDoneFunc) (TamWrite *op,
                                  gpointer user_data);
/* Called on the main context when the database turns busy or free again. */
typedef void (*TamWriteBusyFunc) (gboolean busy,
                                  gpointer user_data);

#define TAM_TYPE_QUEUE_WRITER (tam_queue_writer_get_type ())
G_DECLARE_FINAL_TYPE (TamQueueWriter, tam_queue_writer, TAM, QUEUE_WRITER, GObject)

/* The callbacks get @user_data until tam_queue_writer_close (). */
TamQueueWriter *tam_queue_writer_new (const char *db_path,
                                      const TamSession *session,
                                      TamWriteDoneFunc done,
                                      TamWriteBusyFunc busy,
                                      gpointer user_data);
/* Queues @op (taken); returns its sequence number. */
guint tam_queue_writer_push (TamQueueWriter *self,
                             TamWrite *op);
/* Operations pushed whose result has not been handed back yet. */
guint tam_queue_writer_get_pending (TamQueueWriter *self);
gboolean tam_queue_writer_get_busy (TamQueueWriter *self);
/* How long a busy database is waited for before an operation fails with
 * TAM_ERROR_BUSY (60 s; tests make it shorter). */
void tam_queue_writer_set_retry_limit (TamQueueWriter *self,
                                       guint milliseconds);
/* Runs what is queued (claims are dropped; a busy database is waited for
 * 5 s at most from now on), stops the thread and waits for it. No callback
 * is called any more. Idempotent; finalize does it too. */
void tam_queue_writer_close (TamQueueWriter *self);

G_END_DECLS
