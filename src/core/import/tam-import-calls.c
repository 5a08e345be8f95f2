/* tam-import-calls.c: calls, parsed in the pipe's thread and published
 * in short slices that stay hidden until the import's last commit. */
#include "config.h"

#include "tam-import-private.h"

/* Calls are only ever added, never updated, so the two descriptive
 * columns may be left out of an export without wiping anything. */
enum
{
  C_CALL_ID,
  C_AGENT,
  C_SERVICE,
  C_START,
  C_RESULT,
  C_CUSTOMER,
  C_PRODUCT,
  C_RECORDING
};
const Column _tam_import_calls_columns[] = {
  { "call_id", TRUE }, { "agent_nik", TRUE }, { "service", TRUE }, { "call_start", TRUE }, { "result", TRUE }, { "customer_number", TRUE }, { "product", FALSE }, { "recording", FALSE }, { NULL, FALSE }
};

/* -- calls --------------------------------------------------------- */

/* Calls are stored BATCH rows per INSERT. A call touches the table and
 * its indexes (call_id and the queue's three, see tam-schema.c): a
 * statement per row paid for opening and closing all their cursors on
 * every row. (Measured at 5,000,000 calls: 256 rows per INSERT, a larger
 * page cache or mmap gained nothing.)
 *
 * OR IGNORE: a call_id already stored is left alone, so re-importing a
 * file adds nothing. Every NOT NULL column is filled from checked
 * values, so nothing else can be ignored; and since no statement can
 * abort half-way, SQLite keeps no statement journal for the batches. */
#define CALL_INSERT                                                                           \
  "INSERT OR IGNORE INTO calls (call_id, agent_id, site, service, call_start, month, result," \
  " customer_number, product, recording, state) VALUES "
#define CALL_ROW "(?,?,?,?,?,?,?,?,?,?,?)"
#define CALL_ROWS4 CALL_ROW "," CALL_ROW "," CALL_ROW "," CALL_ROW
#define CALL_ROWS16 CALL_ROWS4 "," CALL_ROWS4 "," CALL_ROWS4 "," CALL_ROWS4
#define CALL_ROWS64 CALL_ROWS16 "," CALL_ROWS16 "," CALL_ROWS16 "," CALL_ROWS16

/* Static arrays: tam_store_prepare() caches statements by address. */
static const char calls_sql_1[] = CALL_INSERT CALL_ROW;
static const char calls_sql_batch[] = CALL_INSERT CALL_ROWS64;

typedef struct
{
  gint64 agent_id;
  const char *site; /* static codes */
  const char *service;
  const char *result;
  gsize text; /* call_id, customer, product, recording */
  char start[20];
} CallRow;

static int
call_row_compare (const void *a,
                  const void *b)
{
  const CallRow *x = a, *y = b;

  return strcmp (x->start, y->start);
}

/* Stored in call_start order within a chunk: the queue's indexes are by
 * call_start, and the ids (rowids) then follow the calls' times as far
 * as one file can make them. */
static Chunk *
calls_pass (Pipe *pipe,
            Chunk *chunk,
            gboolean last)
{
  qsort (chunk->rows, chunk->n, sizeof (CallRow), call_row_compare);
  return _tam_import_pipe_pass (pipe, chunk, last);
}

static gpointer
calls_parse (gpointer data)
{
  Pipe *pipe = data;
  Import *imp = pipe->imp;
  Chunk *chunk = g_async_queue_pop (pipe->empty);

  while (_tam_import_next_row (imp, &pipe->error) > 0)
    {
      const char *call_id = _tam_import_get (imp, C_CALL_ID);
      const char *nik = _tam_import_get (imp, C_AGENT);
      const char *service_text = _tam_import_get (imp, C_SERVICE);
      const char *start_text = _tam_import_get (imp, C_START);
      const char *result_text = _tam_import_get (imp, C_RESULT);
      const char *customer = _tam_import_get (imp, C_CUSTOMER);
      const char *service, *result;
      PersonRef *ref;
      CallRow *r;
      char start[20];
      char customer_buf[TAM_CUSTOMER_NUMBER_MAX + 2];
      guint first;

      if (call_id[0] == '\0')
        {
          _tam_import_row_bad (imp, "call_id", _ ("the call ID is empty"));
          continue;
        }
      if (nik[0] == '\0')
        {
          _tam_import_row_bad (imp, "agent_nik", _ ("the agent's NIK is empty"));
          continue;
        }
      ref = g_hash_table_lookup (pipe->people, nik);
      if (ref == NULL)
        {
          _tam_import_row_bad (imp, "agent_nik", _ ("unknown NIK “%s”"), nik);
          continue;
        }
      if (g_strcmp0 (ref->role, "AGENT") != 0)
        {
          _tam_import_row_bad (imp, "agent_nik", _ ("%s is not an agent (role %s)"), nik,
                               ref->role ? ref->role : "?");
          continue;
        }
      service = _tam_import_canonical_code (tam_services (), service_text);
      if (service == NULL)
        {
          _tam_import_row_bad (imp, "service", _ ("unknown service “%s”"), service_text);
          continue;
        }
      if (!tam_datetime_parse (start_text, imp->serials, start))
        {
          _tam_import_row_bad (imp, "call_start", _ ("not a date and time “%s” (write it as 2026-10-05 09:12:33 or 05/10/2026 09:12)"),
                               start_text);
          continue;
        }
      result = _tam_import_parse_result (result_text);
      if (result == NULL)
        {
          _tam_import_row_bad (imp, "result", _ ("unknown result “%s” (AGREE, DECLINE or FOLLOW_UP)"), result_text);
          continue;
        }
      if (customer[0] == '\0')
        {
          _tam_import_row_bad (imp, "customer_number", _ ("the customer number is empty"));
          continue;
        }
      customer = tam_customer_number_normalize (customer, customer_buf);
      if (customer == NULL)
        {
          _tam_import_row_bad (imp, "customer_number",
                               _ ("“%s” is not an Indonesian telephone number (08…, 0 and an area code, or 62…, with 10 to 15 digits)"),
                               _tam_import_get (imp, C_CUSTOMER));
          continue;
        }
      first = _tam_import_seen_check (&pipe->seen, _tam_import_hash_str (call_id), _tam_import_hash_str2 (call_id), tam_row_reader_line (imp->reader));
      if (first != 0)
        {
          _tam_import_row_bad (imp, "call_id", _ ("the call ID %s is already on line %u"), call_id, first);
          continue;
        }
      if (!_tam_import_writing (imp))
        continue;
      if (g_atomic_int_get (&pipe->stop))
        break;

      r = &((CallRow *) chunk->rows)[chunk->n++];
      r->agent_id = ref->id;
      r->site = ref->site;
      r->service = service;
      r->result = result;
      memcpy (r->start, start, sizeof start);
      r->text = _tam_import_text_append (chunk->text, call_id);
      _tam_import_text_append (chunk->text, customer);
      _tam_import_text_append (chunk->text, _tam_import_get (imp, C_PRODUCT));
      _tam_import_text_append (chunk->text, _tam_import_get (imp, C_RECORDING));
      if (chunk->n == CHUNK_ROWS)
        {
          /* The file's size over what the first chunk took: the number
           * of rows to expect, with a tenth to spare. */
          if (pipe->seen.n == CHUNK_ROWS)
            {
              double done = tam_row_reader_progress (imp->reader);
              if (done > 0.0 && done < 1.0)
                _tam_import_seen_reserve (&pipe->seen, (gsize) (CHUNK_ROWS / done * 1.1));
            }
          chunk = calls_pass (pipe, chunk, FALSE);
        }
    }
  calls_pass (pipe, chunk, TRUE);
  return NULL;
}

/* A slice inserts for SLICE_US, then commits (the write lock is held
 * for that plus the commit: under 100 ms measured at 5M calls), then
 * lets go of the lock (tam_store_yield) so that a desk waiting for it
 * (polling every millisecond, see tam-store.c) takes its turn: a verdict
 * waits one slice at most, never the whole import. Every commit writes
 * the pages the slice changed to the WAL again, so shorter slices cost
 * import speed (40 ms: about a third slower than 80 ms). The rows stay
 * hidden until the import's last transaction (TAM_CALL_VISIBLE). */
#define WAL_CHECKPOINT_FRAMES 32768
#define HEARTBEAT_US (5 * G_USEC_PER_SEC)

int
_tam_import_wal_hook_cb (void *data,
                         sqlite3 *db,
                         const char *name,
                         int frames)
{
  Import *imp = data;

  imp->wal_frames = frames;
  return SQLITE_OK;
}

gboolean
_tam_import_slice_begin (Import *imp,
                         GError **error)
{
  if (!imp->sliced || imp->slice_start != 0)
    return TRUE;
  if (!tam_store_begin (imp->store, error))
    return FALSE;
  imp->slice_start = g_get_monotonic_time ();
  return TRUE;
}

/* Commits the slice in progress; @force: whatever its length. */
gboolean
_tam_import_slice_end (Import *imp,
                       gboolean force,
                       GError **error)
{
  gint64 now = g_get_monotonic_time ();

  if (!imp->sliced || imp->slice_start == 0)
    return TRUE;
  if (!force && now - imp->slice_start < SLICE_US)
    return TRUE;
  if (now - imp->last_beat >= HEARTBEAT_US)
    {
      if (!tam_store_import_run_beat (imp->store, imp->run_id, error))
        return FALSE;
      imp->last_beat = now;
    }
  if (!tam_store_commit (imp->store, error))
    {
      imp->slice_start = 0;
      return FALSE;
    }
  now = g_get_monotonic_time ();
  imp->max_slice_us = MAX (imp->max_slice_us, now - imp->slice_start);
  if (now - imp->slice_start > 100000)
    g_debug ("Calls import: slice %u held the write lock %.1f ms", imp->n_slices,
             (now - imp->slice_start) / 1000.0);
  imp->n_slices++;
  imp->slice_start = 0;
  /* Out of the lock: copy the WAL back once it holds 128 MB (PASSIVE:
   * it waits for nobody), so it does not grow with the file. Every
   * checkpoint writes the pages the slices rewrote once: 32 MB made the
   * import a quarter slower. */
  if (imp->wal_frames >= WAL_CHECKPOINT_FRAMES)
    sqlite3_wal_checkpoint_v2 (tam_store_get_db (imp->store), NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  /* Other desks of this process (the window's writer while the window
   * imports) go first; other processes take their turn in the gap. */
  if (!force)
    tam_store_yield ();
  return TRUE;
}

static gboolean
calls_write (Import *imp,
             Chunk *chunk,
             GError **error)
{
  static const int text_slots[] = { 1, 8, 9, 10 };
  sqlite3 *db = tam_store_get_db (imp->store);
  guint done = 0;

  while (done < chunk->n)
    {
      gboolean full = chunk->n - done >= BATCH;
      guint count = full ? BATCH : 1;
      sqlite3_stmt *stmt;

      if (!_tam_import_slice_begin (imp, error))
        return FALSE;

      stmt = tam_store_prepare (imp->store, full ? calls_sql_batch : calls_sql_1, error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < count; k++)
        {
          const CallRow *r = &((CallRow *) chunk->rows)[done + k];
          const char *text = chunk->text->str + r->text;
          int base = (int) k * 11;

          for (guint f = 0; f < G_N_ELEMENTS (text_slots); f++)
            {
              gsize len = strlen (text);

              sqlite3_bind_text (stmt, base + text_slots[f], text, (int) len, SQLITE_STATIC);
              text += len + 1;
            }
          sqlite3_bind_int64 (stmt, base + 2, r->agent_id);
          sqlite3_bind_text (stmt, base + 3, r->site, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, base + 4, r->service, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, base + 5, r->start, 19, SQLITE_STATIC);
          sqlite3_bind_text (stmt, base + 6, r->start, 7, SQLITE_STATIC);
          sqlite3_bind_text (stmt, base + 7, r->result, -1, SQLITE_STATIC);
          /* An AGREE call waits for tapping; the others have no state. */
          if (strcmp (r->result, "AGREE") == 0)
            sqlite3_bind_text (stmt, base + 11, "PENDING", -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (stmt, base + 11);
        }
      if (!_tam_import_step_done (imp, stmt, N_ ("Could not store a call"), error))
        return FALSE;
      sqlite3_clear_bindings (stmt);
      imp->changed += (guint64) sqlite3_changes (db);
      done += count;
      if (!_tam_import_slice_end (imp, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_tam_import_import_calls (Import *imp,
                          GError **error)
{
  Pipe pipe;
  gboolean ok;

  if (!_tam_import_pipe_init (&pipe, imp, sizeof (CallRow), error))
    return FALSE;
  ok = _tam_import_pipe_run (&pipe, calls_parse, calls_write, error);
  _tam_import_pipe_clear (&pipe);
  if (!ok)
    return FALSE;
  imp->result->inserted = imp->changed;
  imp->result->unchanged = imp->result->rows - imp->bad_rows - imp->changed;
  return TRUE;
}
