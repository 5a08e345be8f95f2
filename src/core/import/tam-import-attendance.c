/* tam-import-attendance.c: attendance (F-02), parsed in the pipe's
 * thread and stored by upsert, BATCH rows at a time. */
#include "config.h"

#include "tam-coaching.h"
#include "tam-import-private.h"

enum
{
  A_DATE,
  A_NIK,
  A_SHIFT_START,
  A_SHIFT_END,
  A_STATUS,
  A_CHECK_IN,
  A_CHECK_OUT,
  A_NOTE
};
const Column _tam_import_attendance_columns[] = {
  { "date", TRUE }, { "nik", TRUE }, { "shift_start", TRUE }, { "shift_end", TRUE }, { "status", TRUE }, { "check_in", TRUE }, { "check_out", TRUE }, { "note", TRUE }, { NULL, FALSE }
};

/* -- attendance ---------------------------------------------------- */

typedef struct
{
  gint64 person_id;
  const char *status; /* static code */
  gsize note;         /* offset in the chunk's text */
  char date[11];
  char shift_start[6]; /* "" when none */
  char shift_end[6];
  char check_in[6];
  char check_out[6];
} AttendanceRow;

static gboolean
time_field (Import *imp,
            guint which,
            char out[6],
            gboolean *present)
{
  const char *text = _tam_import_get (imp, which);

  *present = text[0] != '\0';
  if (!*present)
    return TRUE;
  if (tam_time_parse (text, imp->serials, out))
    return TRUE;
  _tam_import_row_bad (imp, imp->columns[which].name, _ ("not a time “%s” (write it as 08:00)"), text);
  return FALSE;
}

/* Sorted by the table's key, the rows of a chunk reach the b-tree in
 * runs (a file is usually by day: a chunk holds a few days of everyone),
 * so consecutive inserts land on the same pages. */
static int
attendance_row_compare (const void *a,
                        const void *b)
{
  const AttendanceRow *x = a, *y = b;

  if (x->person_id != y->person_id)
    return x->person_id < y->person_id ? -1 : 1;
  return strcmp (x->date, y->date);
}

static gpointer
attendance_parse (gpointer data)
{
  Pipe *pipe = data;
  Import *imp = pipe->imp;
  Chunk *chunk = g_async_queue_pop (pipe->empty);

  while (_tam_import_next_row (imp, &pipe->error) > 0)
    {
      const char *nik = _tam_import_get (imp, A_NIK);
      const char *date_text = _tam_import_get (imp, A_DATE);
      const char *status_text = _tam_import_get (imp, A_STATUS);
      const char *status;
      PersonRef *ref;
      AttendanceRow *r;
      char date[11], ss[6] = "", se[6] = "", ci[6] = "", co[6] = "";
      gboolean has_ss, has_se, has_ci, has_co;
      guint32 day;
      guint first;

      if (nik[0] == '\0')
        {
          _tam_import_row_bad (imp, "nik", _ ("the NIK is empty"));
          continue;
        }
      ref = g_hash_table_lookup (pipe->people, nik);
      if (ref == NULL)
        {
          _tam_import_row_bad (imp, "nik", _ ("unknown NIK “%s”"), nik);
          continue;
        }
      if (pipe->team_only && ref->team_leader_id != imp->actor->person_id)
        {
          _tam_import_row_bad (imp, "nik", _ ("%s is not in your team; a team leader imports attendance for their own team only"), nik);
          continue;
        }
      if (!tam_date_parse (date_text, imp->serials, date, &day))
        {
          _tam_import_row_bad (imp, "date", _ ("not a date “%s” (write it as 2026-10-05 or 05/10/2026)"), date_text);
          continue;
        }
      status = tam_attendance_status_parse (status_text);
      if (status == NULL)
        {
          _tam_import_row_bad (imp, "status", _ ("unknown status “%s”"), status_text);
          continue;
        }
      if (!time_field (imp, A_SHIFT_START, ss, &has_ss) ||
          !time_field (imp, A_SHIFT_END, se, &has_se) ||
          !time_field (imp, A_CHECK_IN, ci, &has_ci) ||
          !time_field (imp, A_CHECK_OUT, co, &has_co))
        continue;
      if (has_ss != has_se)
        {
          _tam_import_row_bad (imp, has_ss ? "shift_end" : "shift_start",
                               _ ("a shift needs both its start and its end"));
          continue;
        }
      if (has_ss && strcmp (se, ss) <= 0)
        {
          _tam_import_row_bad (imp, "shift_end", _ ("the shift ends (%s) before it starts (%s)"), se, ss);
          continue;
        }
      if (has_ci && has_co && strcmp (co, ci) < 0)
        {
          _tam_import_row_bad (imp, "check_out", _ ("check-out (%s) is before check-in (%s)"), co, ci);
          continue;
        }
      first = _tam_import_seen_check (&pipe->seen, ((guint64) ref->id << 21) | day, 0, tam_row_reader_line (imp->reader));
      if (first != 0)
        {
          _tam_import_row_bad (imp, "date", _ ("%s already has a row for %s on line %u"), nik, date, first);
          continue;
        }
      if (!_tam_import_writing (imp))
        continue;
      if (g_atomic_int_get (&pipe->stop))
        break;

      r = &((AttendanceRow *) chunk->rows)[chunk->n++];
      r->person_id = ref->id;
      r->status = status;
      memcpy (r->date, date, sizeof date);
      memcpy (r->shift_start, ss, sizeof ss);
      memcpy (r->shift_end, se, sizeof se);
      memcpy (r->check_in, ci, sizeof ci);
      memcpy (r->check_out, co, sizeof co);
      r->note = _tam_import_text_append (chunk->text, _tam_import_get (imp, A_NOTE));
      if (chunk->n == CHUNK_ROWS)
        chunk = _tam_import_pipe_pass (pipe, chunk, FALSE);
    }
  _tam_import_pipe_pass (pipe, chunk, TRUE);
  return NULL;
}

static void
bind_time_or_null (sqlite3_stmt *stmt,
                   int idx,
                   const char *time)
{
  if (time[0] != '\0')
    sqlite3_bind_text (stmt, idx, time, 5, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, idx);
}

/* Fresh rows go BATCH at a time through one multi-row INSERT OR IGNORE,
 * which saves SQLite the work of a statement per row (cursors opened and
 * closed on the table and its index). A multi-row upsert would not do:
 * its DO UPDATE may abort, so SQLite would keep a statement journal of
 * every page the batch touches, which costs more than it saves. OR
 * IGNORE cannot abort (every NOT NULL column is filled from checked
 * values), so it needs none; it skips the rows already stored, and when
 * a batch has some, the batch goes again through the single-row upsert,
 * which updates those that differ and leaves the others alone. */
#define ATT_COLUMNS "(person_id, date, shift_start, shift_end, status, check_in, check_out, note)"
#define ATT_ROW "(?,?,?,?,?,?,?,?)"
#define ATT_ROWS4 ATT_ROW "," ATT_ROW "," ATT_ROW "," ATT_ROW
#define ATT_ROWS16 ATT_ROWS4 "," ATT_ROWS4 "," ATT_ROWS4 "," ATT_ROWS4
#define ATT_ROWS64 ATT_ROWS16 "," ATT_ROWS16 "," ATT_ROWS16 "," ATT_ROWS16

/* Static arrays: tam_store_prepare() caches statements by address. */
static const char attendance_sql_batch[] =
    "INSERT OR IGNORE INTO attendance " ATT_COLUMNS " VALUES " ATT_ROWS64;
/* The WHERE leaves identical rows alone, so sqlite3_changes() does not
 * count them; inserted rows are told from updated ones by the row count. */
static const char attendance_sql_upsert[] =
    "INSERT INTO attendance " ATT_COLUMNS " VALUES " ATT_ROW
    " ON CONFLICT (person_id, date) DO UPDATE SET shift_start = excluded.shift_start,"
    " shift_end = excluded.shift_end, status = excluded.status, check_in = excluded.check_in,"
    " check_out = excluded.check_out, note = excluded.note"
    " WHERE shift_start IS NOT excluded.shift_start OR shift_end IS NOT excluded.shift_end"
    " OR status IS NOT excluded.status OR check_in IS NOT excluded.check_in"
    " OR check_out IS NOT excluded.check_out OR note IS NOT excluded.note";

static void
bind_attendance (sqlite3_stmt *stmt,
                 int base,
                 const Chunk *chunk,
                 const AttendanceRow *r)
{
  sqlite3_bind_int64 (stmt, base + 1, r->person_id);
  sqlite3_bind_text (stmt, base + 2, r->date, 10, SQLITE_STATIC);
  bind_time_or_null (stmt, base + 3, r->shift_start);
  bind_time_or_null (stmt, base + 4, r->shift_end);
  sqlite3_bind_text (stmt, base + 5, r->status, -1, SQLITE_STATIC);
  bind_time_or_null (stmt, base + 6, r->check_in);
  bind_time_or_null (stmt, base + 7, r->check_out);
  sqlite3_bind_text (stmt, base + 8, chunk->text->str + r->note, -1, SQLITE_STATIC);
}

static gboolean
attendance_upsert (Import *imp,
                   const Chunk *chunk,
                   const AttendanceRow *rows,
                   guint n,
                   GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (imp->store, attendance_sql_upsert, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      bind_attendance (stmt, 0, chunk, &rows[i]);
      if (!_tam_import_step_done (imp, stmt, N_ ("Could not store attendance"), error))
        return FALSE;
      imp->changed += (guint64) sqlite3_changes (tam_store_get_db (imp->store));
    }
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static gboolean
attendance_write (Import *imp,
                  Chunk *chunk,
                  GError **error)
{
  const AttendanceRow *rows = chunk->rows;
  guint done = 0;

  for (; chunk->n - done >= BATCH; done += BATCH)
    {
      sqlite3_stmt *stmt = tam_store_prepare (imp->store, attendance_sql_batch, error);
      guint inserted;

      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < BATCH; k++)
        bind_attendance (stmt, (int) k * 8, chunk, &rows[done + k]);
      if (!_tam_import_step_done (imp, stmt, N_ ("Could not store attendance"), error))
        return FALSE;
      sqlite3_clear_bindings (stmt);
      inserted = (guint) sqlite3_changes (tam_store_get_db (imp->store));
      imp->changed += inserted;
      if (inserted < BATCH && !attendance_upsert (imp, chunk, rows + done, BATCH, error))
        return FALSE;
    }
  return attendance_upsert (imp, chunk, rows + done, chunk->n - done, error);
}

gboolean
_tam_import_import_attendance (Import *imp,
                               GError **error)
{
  Pipe pipe;
  gint64 before, after;
  GError *local_error = NULL;
  gboolean ok;

  before = tam_store_query_int (imp->store, "SELECT count(*) FROM attendance", 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (!_tam_import_pipe_init (&pipe, imp, sizeof (AttendanceRow), attendance_row_compare, error))
    return FALSE;
  ok = _tam_import_pipe_run (&pipe, attendance_parse, attendance_write, error);
  _tam_import_pipe_clear (&pipe);
  if (!ok)
    return FALSE;

  if (_tam_import_writing (imp))
    {
      after = tam_store_query_int (imp->store, "SELECT count(*) FROM attendance", 0, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      imp->result->inserted = (guint64) (after - before);
      imp->result->updated = imp->changed - imp->result->inserted;
      imp->result->unchanged = imp->result->rows - imp->bad_rows - imp->changed;
      /* Coaching proposals in the import's own transaction. */
      if (imp->changed > 0)
        tam_coaching_attendance_changed (imp->store, 0);
    }
  return TRUE;
}
