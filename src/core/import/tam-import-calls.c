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
  guint line; /* in the file */
} CallRow;

/* A stored call the file changes (with TAM_IMPORT_UPDATE). */
typedef struct
{
  gint64 id;
  CallRow row;
  char *call_id, *customer, *product, *recording;
} CallUpdate;

static void
call_update_free (gpointer data)
{
  CallUpdate *u = data;

  g_free (u->call_id);
  g_free (u->customer);
  g_free (u->product);
  g_free (u->recording);
  g_free (u);
}

/* Stored in call_start order within a chunk: the queue's indexes are by
 * call_start, and the ids (rowids) then follow the calls' times as far
 * as one file can make them. */
static int
call_row_compare (const void *a,
                  const void *b)
{
  const CallRow *x = a, *y = b;

  return strcmp (x->start, y->start);
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
      if (ref->untrained)
        {
          _tam_import_row_bad (imp, "agent_nik", _ ("%s has not passed initial training and may not take calls yet"), nik);
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
      r->line = tam_row_reader_line (imp->reader);
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
          chunk = _tam_import_pipe_pass (pipe, chunk, FALSE);
        }
    }
  _tam_import_pipe_pass (pipe, chunk, TRUE);
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

static void
append_change (GString *diff,
               const char *column,
               const char *stored,
               const char *file)
{
  if (g_strcmp0 (stored, file) == 0)
    return;
  if (diff->len > 0)
    g_string_append (diff, "; ");
  g_string_append_printf (diff, "%s “%s” → “%s”", column, stored ? stored : "", file);
}

static void
add_differing (Import *imp,
               guint line,
               const char *reason)
{
  if (imp->differing == NULL)
    imp->differing = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (imp->differing, g_strdup_printf ("%u\t%s", line, reason));
}

/* Rows [done, done + count) of @chunk, some of whose call IDs were
 * stored before: a row that differs from its stored call is refused, or
 * with TAM_IMPORT_UPDATE kept for the publishing transaction (issue 13: a
 * FOLLOW_UP that became AGREE was reported "up to date"). */
static gboolean
compare_stored (Import *imp,
                Chunk *chunk,
                guint done,
                guint count,
                GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (imp->store,
                                          "SELECT c.id, p.nik, c.service, c.call_start, c.result, c.customer_number,"
                                          " c.product, c.recording, c.state, c.attempts, c.agent_id"
                                          " FROM calls c JOIN people p ON p.id = c.agent_id WHERE c.call_id = ?",
                                          error);

  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < count; k++)
    {
      const CallRow *r = &((CallRow *) chunk->rows)[done + k];
      const char *call_id = chunk->text->str + r->text;
      const char *customer = call_id + strlen (call_id) + 1;
      const char *product = customer + strlen (customer) + 1;
      const char *recording = product + strlen (product) + 1;
      g_autoptr (GString) diff = g_string_new (NULL);
      g_autofree char *state = NULL;
      char start[20];
      gint64 id, attempts;

      sqlite3_bind_text (stmt, 1, call_id, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          continue;
        }
      id = sqlite3_column_int64 (stmt, 0);
      if (sqlite3_column_int64 (stmt, 10) != r->agent_id)
        {
          g_autofree char *nik = tam_stmt_dup_text (stmt, 1);
          append_change (diff, "agent_nik", nik, _ ("another agent"));
        }
      append_change (diff, "service", (const char *) sqlite3_column_text (stmt, 2), r->service);
      memcpy (start, r->start, sizeof start);
      append_change (diff, "call_start", (const char *) sqlite3_column_text (stmt, 3), start);
      append_change (diff, "result", (const char *) sqlite3_column_text (stmt, 4), r->result);
      append_change (diff, "customer_number", (const char *) sqlite3_column_text (stmt, 5), customer);
      append_change (diff, "product", (const char *) sqlite3_column_text (stmt, 6), product);
      append_change (diff, "recording", (const char *) sqlite3_column_text (stmt, 7), recording);
      state = tam_stmt_dup_text (stmt, 8);
      attempts = sqlite3_column_int64 (stmt, 9);
      sqlite3_reset (stmt);
      if (diff->len == 0)
        continue;

      if (!(imp->flags & TAM_IMPORT_UPDATE))
        {
          g_autofree char *reason = g_strdup_printf (_ ("call %s is stored with other content: %s (import with --update to apply the changes)"),
                                                     call_id, diff->str);
          add_differing (imp, r->line, reason);
        }
      else if (attempts > 0 || (state != NULL && strcmp (state, "PENDING") != 0))
        {
          g_autofree char *reason = g_strdup_printf (_ ("call %s was tapped already (%s): it keeps its history, and the change is refused: %s"),
                                                     call_id, state ? tam_call_state_to_label (tam_call_state_from_code (state)) : "", diff->str);
          add_differing (imp, r->line, reason);
        }
      else
        {
          CallUpdate *u = g_new0 (CallUpdate, 1);

          u->id = id;
          u->row = *r;
          u->call_id = g_strdup (call_id);
          u->customer = g_strdup (customer);
          u->product = g_strdup (product);
          u->recording = g_strdup (recording);
          if (imp->updates == NULL)
            imp->updates = g_ptr_array_new_with_free_func (call_update_free);
          g_ptr_array_add (imp->updates, u);
        }
    }
  return TRUE;
}

static char *
call_snapshot (TamStore *store,
               gint64 id)
{
  return tam_store_query_text_by_id (store,
                                     "SELECT json_object ('call_id', c.call_id, 'state', c.state, 'attempts', c.attempts,"
                                     " 'first_verdict', c.first_verdict, 'agent_nik', p.nik, 'service', c.service,"
                                     " 'call_start', c.call_start, 'result', c.result, 'customer_number', c.customer_number,"
                                     " 'product', c.product, 'recording', c.recording)"
                                     " FROM calls c JOIN people p ON p.id = c.agent_id WHERE c.id = ?",
                                     id);
}

gboolean
_tam_import_calls_apply_updates (Import *imp,
                                 GError **error)
{
  if (imp->updates == NULL)
    return TRUE;
  for (guint i = 0; i < imp->updates->len; i++)
    {
      CallUpdate *u = imp->updates->pdata[i];
      g_autofree char *before = call_snapshot (imp->store, u->id);
      g_autofree char *after = NULL;
      g_autofree char *old_start = NULL;
      g_autofree char *old_site = NULL;
      g_autofree char *old_service = NULL;
      g_autofree char *old_state = NULL;
      gint64 old_agent = 0;
      sqlite3_stmt *stmt;

      stmt = tam_store_prepare (imp->store,
                                "SELECT agent_id, call_start, site, service, state FROM calls WHERE id = ?"
                                " AND attempts = 0 AND (state IS NULL OR state = 'PENDING')",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, u->id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          /* Tapped by a desk while the file was read. */
          sqlite3_reset (stmt);
          g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                       _ ("%s:%u: call %s was tapped while the file was imported; nothing was imported"),
                       imp->name, u->row.line, u->call_id);
          return FALSE;
        }
      old_agent = sqlite3_column_int64 (stmt, 0);
      old_start = tam_stmt_dup_text (stmt, 1);
      old_site = tam_stmt_dup_text (stmt, 2);
      old_service = tam_stmt_dup_text (stmt, 3);
      old_state = tam_stmt_dup_text (stmt, 4);
      sqlite3_reset (stmt);

      stmt = tam_store_prepare (imp->store,
                                "UPDATE calls SET agent_id = ?1, site = ?2, service = ?3, call_start = ?4,"
                                " month = substr (?4, 1, 7), result = ?5, customer_number = ?6, product = ?7,"
                                " recording = ?8, state = CASE WHEN ?5 = 'AGREE' THEN 'PENDING' END,"
                                " first_verdict = NULL WHERE id = ?9",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, u->row.agent_id);
      sqlite3_bind_text (stmt, 2, u->row.site, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, u->row.service, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, u->row.start, 19, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, u->row.result, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, u->customer, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, u->product, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, u->recording, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, u->id);
      if (!_tam_import_step_done (imp, stmt, N_ ("Could not store a call"), error))
        return FALSE;
      if (!tam_queue_counts_call_replaced (imp->store, u->id, old_agent, old_start, old_site, old_service,
                                           old_state, error))
        return FALSE;
      after = call_snapshot (imp->store, u->id);
      if (!tam_audit_append (imp->store, imp->actor, "IMPORT_UPDATE", "call", u->call_id, before, after, error))
        return FALSE;
      imp->result->updated++;
      if (imp->result->unchanged > 0)
        imp->result->unchanged--;
    }
  return TRUE;
}

void
_tam_import_calls_clear (Import *imp)
{
  g_clear_pointer (&imp->differing, g_ptr_array_unref);
  g_clear_pointer (&imp->updates, g_ptr_array_unref);
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
      {
        int inserted = sqlite3_changes (db);

        imp->changed += (guint64) inserted;
        /* Some call IDs were stored already: the same call, or changed? */
        if ((guint) inserted < count && !compare_stored (imp, chunk, done, count, error))
          return FALSE;
      }
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

  if (!_tam_import_pipe_init (&pipe, imp, sizeof (CallRow), call_row_compare, error))
    return FALSE;
  ok = _tam_import_pipe_run (&pipe, calls_parse, calls_write, error);
  _tam_import_pipe_clear (&pipe);
  if (!ok)
    return FALSE;
  imp->result->inserted = imp->changed;
  imp->result->unchanged = imp->result->rows - imp->bad_rows - imp->changed;
  /* Rows that differ from their stored calls are never skipped: the file
   * is refused, --skip-bad or not, until --update decides. */
  if (imp->differing != NULL)
    {
      for (guint i = 0; i < imp->differing->len; i++)
        {
          const char *entry = imp->differing->pdata[i];
          const char *tab = strchr (entry, '\t');

          _tam_import_add_error (imp, (guint) g_ascii_strtoull (entry, NULL, 10), "call_id", tab + 1);
        }
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %u row differs from the call already stored; nothing was imported",
                                "%s: %u rows differ from the calls already stored; nothing was imported",
                                imp->differing->len),
                   imp->name, imp->differing->len);
      return FALSE;
    }
  return TRUE;
}
