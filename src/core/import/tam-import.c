/* tam-import.c: roster, attendance and calls from office files.
 *
 * One transaction per import. Without a rejects file it is all or
 * nothing: after the first bad row nothing more is written (the rows are
 * still checked, to report up to TAM_IMPORT_MAX_ERRORS problems) and the
 * transaction is rolled back. With a rejects file the good rows are kept
 * and the bad ones written there with their reason.
 *
 * Attendance and calls are the big files (a million rows). A parser
 * thread reads and checks them (NIKs looked up in a hash table loaded
 * once, in-file duplicates found by open addressing over integers or an
 * arena of strings, nothing allocated per row) while the calling thread
 * stores them through multi-row INSERTs; the file's SHA-256 is computed
 * in a third thread. The roster is small and is read whole, because a
 * row may name a team leader who is defined further down. One audit row
 * records each import, not each row. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-csv.h"
#include "tam-dates.h"
#include "tam-import.h"
#include "tam-people-private.h"
#include "tam-people.h"
#include "tam-rows.h"
#include "tam-tapping.h"
#include "tam-xlsx-reader.h"

#define CHECK_EVERY 4096
#define MAX_COLUMNS 9

typedef struct
{
  const char *name;
  gboolean required;
} Column;

enum
{
  R_NIK,
  R_NAME,
  R_ROLE,
  R_SITE,
  R_SERVICE,
  R_TL,
  R_STATUS,
  R_HIRED,
  R_END
};
static const Column roster_columns[] = {
  { "nik", TRUE }, { "name", TRUE }, { "role", TRUE }, { "site", TRUE }, { "service", TRUE }, { "team_leader_nik", TRUE }, { "status", TRUE }, { "hired_on", TRUE }, { "contract_end", TRUE }, { NULL, FALSE }
};

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
static const Column attendance_columns[] = {
  { "date", TRUE }, { "nik", TRUE }, { "shift_start", TRUE }, { "shift_end", TRUE }, { "status", TRUE }, { "check_in", TRUE }, { "check_out", TRUE }, { "note", TRUE }, { NULL, FALSE }
};

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
static const Column calls_columns[] = {
  { "call_id", TRUE }, { "agent_nik", TRUE }, { "service", TRUE }, { "call_start", TRUE }, { "result", TRUE }, { "customer_number", TRUE }, { "product", FALSE }, { "recording", FALSE }, { NULL, FALSE }
};

static const char *const kind_names[] = { "roster", "attendance", "calls" };

/* ------------------------------------------------------------------ */
/* Seen: open addressing over 64-bit keys, remembering the line of the
 * first occurrence. A call ID is kept as two independent hashes (96 bits)
 * rather than as its text: 16 bytes an entry, so a file of two million
 * calls costs 64 MB at most instead of 200 (two IDs would have to agree
 * in all 96 bits to be taken for one another). */

typedef struct
{
  guint64 key;
  guint32 key2;
  guint32 line; /* 0: empty slot */
} SeenEntry;

typedef struct
{
  SeenEntry *entries;
  gsize mask;
  gsize n;
} Seen;

/* Zeroed by writing: calloc's fresh pages would be mapped to the shared
 * zero page by the first lookup (a read) and fault again, copy-on-write
 * with a TLB flush that interrupts the writer thread too, on the first
 * insert. */
static SeenEntry *
seen_alloc (gsize n)
{
  SeenEntry *entries = g_new (SeenEntry, n);

  memset (entries, 0, n * sizeof (SeenEntry));
  return entries;
}

static void
seen_init (Seen *s)
{
  s->mask = 1023;
  s->entries = seen_alloc (s->mask + 1);
  s->n = 0;
}

static void
seen_clear (Seen *s)
{
  g_clear_pointer (&s->entries, g_free);
}

static inline gsize
seen_slot (guint64 key)
{
  return (gsize) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 17);
}

/* Rehashes into @size slots (a power of two). */
static void
seen_resize (Seen *s,
             gsize size)
{
  SeenEntry *old = s->entries;
  gsize old_size = s->mask + 1;

  s->mask = size - 1;
  s->entries = seen_alloc (s->mask + 1);
  for (gsize i = 0; i < old_size; i++)
    {
      gsize j;
      if (old[i].line == 0)
        continue;
      for (j = seen_slot (old[i].key) & s->mask; s->entries[j].line != 0; j = (j + 1) & s->mask)
        ;
      s->entries[j] = old[i];
    }
  g_free (old);
}

static void
seen_grow (Seen *s)
{
  seen_resize (s, (s->mask + 1) * 2);
}

/* Makes room for about @n entries at once, so a large file's set is
 * not copied on its way up (the copy doubled its peak memory). */
static void
seen_reserve (Seen *s,
              gsize n)
{
  gsize size = s->mask + 1;

  while ((n + 1) * 4 > size * 3)
    size *= 2;
  if (size > s->mask + 1)
    seen_resize (s, size);
}

/* Returns the line where (@key, @key2) was seen first, or 0 after
 * remembering it at @line. Fills up to 3/4 before growing. */
static guint
seen_check (Seen *s,
            guint64 key,
            guint32 key2,
            guint line)
{
  gsize j;

  if ((s->n + 1) * 4 > (s->mask + 1) * 3)
    seen_grow (s);
  for (j = seen_slot (key) & s->mask; s->entries[j].line != 0; j = (j + 1) & s->mask)
    if (s->entries[j].key == key && s->entries[j].key2 == key2)
      return s->entries[j].line;

  s->entries[j].key = key;
  s->entries[j].key2 = key2;
  s->entries[j].line = line ? line : 1;
  s->n++;
  return 0;
}

/* FNV-1a, 64 bits. */
static guint64
hash_str (const char *s)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (; *s; s++)
    {
      h ^= (guchar) *s;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

/* An independent second hash (djb2 xor, with the length mixed in). */
static guint32
hash_str2 (const char *s)
{
  guint32 h = 5381;
  guint32 n = 0;

  for (; *s; s++, n++)
    h = (h * 33) ^ (guchar) *s;
  return h ^ (n * 0x9E3779B9u);
}

/* The canonical (static) code matching @text in any case, or NULL. */
static const char *
canonical_code (const char *const *codes,
                const char *text)
{
  /* Files nearly always have the code as it is: try that first. */
  for (guint i = 0; codes[i] != NULL; i++)
    if (strcmp (codes[i], text) == 0)
      return codes[i];
  for (guint i = 0; codes[i] != NULL; i++)
    if (g_ascii_strcasecmp (codes[i], text) == 0)
      return codes[i];
  return NULL;
}

static const char *
parse_result (const char *text)
{
  static const char *const results[] = { "AGREE", "DECLINE", "FOLLOW_UP", NULL };
  const char *code = canonical_code (results, text);

  if (code == NULL && (g_ascii_strcasecmp (text, "FOLLOW UP") == 0 ||
                       g_ascii_strcasecmp (text, "FOLLOW-UP") == 0 ||
                       g_ascii_strcasecmp (text, "FOLLOWUP") == 0))
    code = results[2];
  return code;
}

/* ------------------------------------------------------------------ */
/* The import itself. */

typedef struct
{
  gint64 id;
  gint64 team_leader_id;
  const char *role; /* static codes from tam-codes.c */
  const char *site;
} PersonRef;

typedef struct
{
  TamStore *store;
  const TamSession *actor;
  TamImportKind kind;
  const Column *columns;
  TamImportResult *result;
  TamRowReader *reader;
  char *name;       /* file name for messages */
  gboolean serials; /* .xlsx: dates may be serial numbers */
  int col[MAX_COLUMNS];
  guint n_header;
  GPtrArray *header; /* the file's own header fields */
  GString *scratch[MAX_COLUMNS];
  GString *rejects; /* CSV text, NULL without --skip-bad */
  char sep;
  guint64 bad_rows;
  TamProgressFunc progress;
  gpointer user_data;
  double last_progress;
  GCancellable *cancellable;
  gboolean threaded; /* rows are parsed in a thread of their own */
  guint64 changed;   /* rows the writer inserted or updated */
  /* Calls are published in short slices, hidden until the end. */
  gboolean sliced;
  gint64 run_id;
  gint64 slice_start; /* monotonic, µs; 0 outside a slice */
  gint64 last_beat;
  gint64 max_slice_us; /* the longest hold of the write lock */
  guint n_slices;
  int wal_frames; /* after the last commit (wal hook) */
} Import;

static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->reader, tam_row_reader_free);
  g_clear_pointer (&imp->name, g_free);
  g_clear_pointer (&imp->header, g_ptr_array_unref);
  for (guint i = 0; i < MAX_COLUMNS; i++)
    if (imp->scratch[i] != NULL)
      g_string_free (imp->scratch[i], TRUE);
  if (imp->rejects != NULL)
    g_string_free (imp->rejects, TRUE);
}

static void
report_progress (Import *imp,
                 double fraction)
{
  if (imp->progress == NULL)
    return;
  fraction = CLAMP (fraction, 0.0, 1.0);
  /* At most about a hundred calls, whatever the size of the file. */
  if (fraction < 1.0 && fraction - imp->last_progress < 0.01)
    return;
  if (fraction >= 1.0 && imp->last_progress >= 1.0)
    return;
  imp->last_progress = fraction;
  imp->progress (fraction, imp->user_data);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A known column's value, with blanks around it removed; "" when the
 * column is absent. Trimming copies into a buffer kept per column. */
static const char *
get (Import *imp,
     guint which)
{
  int c = imp->col[which];
  const char *s, *e;
  gsize n;

  if (c < 0)
    return "";
  s = tam_row_reader_field (imp->reader, (guint) c);
  if (s[0] == '\0')
    return s;
  n = strlen (s);
  if (!is_blank (s[0]) && !is_blank (s[n - 1]))
    return s;
  e = s + n;
  while (s < e && is_blank (*s))
    s++;
  while (e > s && is_blank (e[-1]))
    e--;
  if (imp->scratch[which] == NULL)
    imp->scratch[which] = g_string_sized_new (64);
  g_string_truncate (imp->scratch[which], 0);
  g_string_append_len (imp->scratch[which], s, e - s);
  return imp->scratch[which]->str;
}

static void
add_error (Import *imp,
           guint line,
           const char *column,
           const char *reason)
{
  if (imp->result->errors->len >= TAM_IMPORT_MAX_ERRORS)
    return;
  if (column != NULL)
    g_ptr_array_add (imp->result->errors,
                     g_strdup_printf (_ ("%s:%u: column %s: %s"), imp->name, line, column, reason));
  else
    g_ptr_array_add (imp->result->errors, g_strdup_printf ("%s:%u: %s", imp->name, line, reason));
}

static void
append_reject (Import *imp,
               const char *const *fields,
               guint n_fields,
               const char *column,
               const char *reason)
{
  g_autofree char *why = NULL;

  if (imp->rejects == NULL)
    return;
  for (guint i = 0; i < imp->n_header; i++)
    {
      tam_csv_append_field (imp->rejects, i < n_fields ? fields[i] : "", -1, imp->sep);
      g_string_append_c (imp->rejects, imp->sep);
    }
  why = column ? g_strdup_printf (_ ("column %s: %s"), column, reason) : g_strdup (reason);
  tam_csv_append_field (imp->rejects, why, -1, imp->sep);
  g_string_append_c (imp->rejects, '\n');
}

/* The current row of the reader is bad: reported and, with --skip-bad,
 * written to the rejects. */
static void G_GNUC_PRINTF (3, 4)
    row_bad (Import *imp,
             const char *column,
             const char *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  imp->bad_rows++;
  add_error (imp, tam_row_reader_line (imp->reader), column, reason);
  if (imp->rejects != NULL)
    {
      const char *fields[256];
      guint n = MIN (imp->n_header, G_N_ELEMENTS (fields));

      for (guint i = 0; i < n; i++)
        fields[i] = tam_row_reader_field (imp->reader, i);
      append_reject (imp, fields, n, column, reason);
    }
}

/* Writing stops after the first bad row unless bad rows are skipped. */
static inline gboolean
writing (Import *imp)
{
  return imp->rejects != NULL || imp->bad_rows == 0;
}

static gboolean
read_header (Import *imp,
             GError **error)
{
  g_autoptr (GString) missing = g_string_new (NULL);
  int rc;

  rc = tam_row_reader_next (imp->reader, error);
  if (rc < 0)
    return FALSE;
  if (rc == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   _ ("%s: the file is empty; it needs a header row naming its columns"), imp->name);
      return FALSE;
    }

  for (guint i = 0; i < MAX_COLUMNS; i++)
    imp->col[i] = -1;
  imp->n_header = tam_row_reader_n_fields (imp->reader);
  imp->header = g_ptr_array_new_with_free_func (g_free);
  for (guint f = 0; f < imp->n_header; f++)
    {
      g_autofree char *name = g_strstrip (g_strdup (tam_row_reader_field (imp->reader, f)));

      g_ptr_array_add (imp->header, g_strdup (name));
      for (guint i = 0; imp->columns[i].name != NULL; i++)
        {
          if (g_ascii_strcasecmp (imp->columns[i].name, name) != 0)
            continue;
          if (imp->col[i] >= 0)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                           _ ("%s:%u: the column “%s” appears twice in the header"),
                           imp->name, tam_row_reader_line (imp->reader), imp->columns[i].name);
              return FALSE;
            }
          imp->col[i] = (int) f;
        }
    }
  for (guint i = 0; imp->columns[i].name != NULL; i++)
    if (imp->columns[i].required && imp->col[i] < 0)
      g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", imp->columns[i].name);
  if (missing->len > 0)
    {
      g_autoptr (GString) expected = g_string_new (NULL);

      for (guint i = 0; imp->columns[i].name != NULL; i++)
        g_string_append_printf (expected, "%s%s", i ? "," : "", imp->columns[i].name);
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   _ ("%s:%u: missing column: %s (the header must name %s)"),
                   imp->name, tam_row_reader_line (imp->reader), missing->str, expected->str);
      return FALSE;
    }

  if (imp->rejects != NULL)
    {
      for (guint f = 0; f < imp->header->len; f++)
        {
          tam_csv_append_field (imp->rejects, imp->header->pdata[f], -1, imp->sep);
          g_string_append_c (imp->rejects, imp->sep);
        }
      g_string_append (imp->rejects, "reason\n");
    }
  return TRUE;
}

/* Reads the next data row: 1 ready, 0 end, -1 error. Rows whose fields
 * are all blank (spreadsheets leave ";;;;" lines) are skipped. A row
 * with more non-empty fields than the header is bad: a separator inside
 * a field that should have been quoted. */
static int
next_row (Import *imp,
          GError **error)
{
  for (;;)
    {
      int rc = tam_row_reader_next (imp->reader, error);
      guint n;
      gboolean blank = TRUE;
      gboolean extra = FALSE;

      if (rc <= 0)
        return rc;
      n = tam_row_reader_n_fields (imp->reader);
      for (guint i = 0; i < n; i++)
        {
          const char *f = tam_row_reader_field (imp->reader, i);
          while (is_blank (*f))
            f++;
          if (*f != '\0')
            {
              blank = FALSE;
              if (i >= imp->n_header)
                extra = TRUE;
            }
        }
      if (blank)
        continue;

      imp->result->rows++;
      if (imp->result->rows % CHECK_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
            return -1;
          /* A parser thread leaves progress to the writer. */
          if (!imp->threaded)
            report_progress (imp, tam_row_reader_progress (imp->reader) * 0.5);
        }
      if (extra)
        {
          row_bad (imp, NULL, _ ("the row has %u fields but the header only %u (a “%c” inside a field that is not quoted?)"),
                   n, imp->n_header, imp->sep ? imp->sep : ',');
          continue;
        }
      return 1;
    }
}

static GHashTable *
load_people (Import *imp,
             GError **error)
{
  g_autoptr (GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tam_store_prepare (imp->store, "SELECT id, nik, role, site, team_leader_id FROM people", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PersonRef *ref = g_new0 (PersonRef, 1);

      ref->id = sqlite3_column_int64 (stmt, 0);
      ref->role = canonical_code (tam_roles (), (const char *) sqlite3_column_text (stmt, 2));
      ref->site = canonical_code (tam_sites (), (const char *) sqlite3_column_text (stmt, 3));
      ref->team_leader_id = sqlite3_column_int64 (stmt, 4);
      g_hash_table_insert (people, tam_stmt_dup_text (stmt, 1), ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (imp->store, error, _ ("Could not read the roster"));
      return NULL;
    }
  return g_steal_pointer (&people);
}

/* @what is untranslated (N_()): it is translated only on failure, not
 * for each of a million rows. */
static gboolean
step_done (Import *imp,
           sqlite3_stmt *stmt,
           const char *what,
           GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (imp->store, error, _ (what));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* -- the big files: a parser thread and the writer ------------------ */

/* Attendance and calls are read, checked and stored at once: a thread
 * parses and validates rows into chunks while the calling thread (the
 * only one that touches the SQLite connection) stores them. The chunks
 * go round between two queues, so memory stays bounded. Errors and
 * rejects are written by the parser only; the writer reads the counts
 * after joining it. */
#define CHUNK_ROWS 4096
#define N_CHUNKS 4
/* Rows per multi-row INSERT (a divisor of CHUNK_ROWS). */
#define BATCH 64

typedef struct
{
  guint n;
  gboolean last;
  double progress;
  GString *text; /* the rows' strings, NUL-separated */
  gpointer rows; /* CHUNK_ROWS AttendanceRow or CallRow */
} Chunk;

typedef struct
{
  Import *imp;
  GHashTable *people; /* NIK -> PersonRef, read-only in the parser */
  gboolean team_only;
  Seen seen; /* parser only */
  GAsyncQueue *full;
  GAsyncQueue *empty;
  gint stop;     /* atomic: the writer gave up */
  GError *error; /* the parser's (reader, cancelled) */
} Pipe;

static gboolean
pipe_init (Pipe *pipe,
           Import *imp,
           gsize row_size,
           GError **error)
{
  memset (pipe, 0, sizeof *pipe);
  pipe->imp = imp;
  pipe->people = load_people (imp, error);
  if (pipe->people == NULL)
    return FALSE;
  pipe->team_only = imp->actor != NULL && g_strcmp0 (imp->actor->role, "TEAM_LEADER") == 0;
  seen_init (&pipe->seen);
  pipe->full = g_async_queue_new ();
  pipe->empty = g_async_queue_new ();
  for (guint i = 0; i < N_CHUNKS; i++)
    {
      Chunk *chunk = g_new0 (Chunk, 1);
      chunk->text = g_string_sized_new (CHUNK_ROWS * 16);
      chunk->rows = g_malloc (row_size * CHUNK_ROWS);
      g_async_queue_push (pipe->empty, chunk);
    }
  imp->threaded = TRUE;
  return TRUE;
}

static void
pipe_clear (Pipe *pipe)
{
  Chunk *chunk;

  if (pipe->empty != NULL)
    {
      while ((chunk = g_async_queue_try_pop (pipe->empty)) != NULL)
        {
          g_string_free (chunk->text, TRUE);
          g_free (chunk->rows);
          g_free (chunk);
        }
      g_async_queue_unref (pipe->empty);
    }
  g_clear_pointer (&pipe->full, g_async_queue_unref);
  g_clear_pointer (&pipe->people, g_hash_table_unref);
  seen_clear (&pipe->seen);
  g_clear_error (&pipe->error);
  pipe->imp->threaded = FALSE;
}

/* Parser side: hands a full chunk over and takes an empty one. */
static Chunk *
pipe_pass (Pipe *pipe,
           Chunk *chunk,
           gboolean last)
{
  chunk->last = last;
  chunk->progress = tam_row_reader_progress (pipe->imp->reader);
  g_async_queue_push (pipe->full, chunk);
  return last ? NULL : g_async_queue_pop (pipe->empty);
}

static gsize
text_append (GString *text,
             const char *s)
{
  gsize offset = text->len;

  g_string_append_len (text, s, (gssize) strlen (s) + 1);
  return offset;
}

typedef gboolean (*WriteChunkFunc) (Import *imp, Chunk *chunk, GError **error);

#define SLICE_US 80000
static gboolean slice_end (Import *imp,
                           gboolean force,
                           GError **error);

/* Writer side: stores every chunk until the parser's last one; after a
 * failure or a cancel it only hands the chunks back, so the parser can
 * finish. Returns FALSE with @error on a write error. */
static gboolean
pipe_run (Pipe *pipe,
          GThreadFunc parse,
          WriteChunkFunc write_chunk,
          GError **error)
{
  Import *imp = pipe->imp;
  GError *write_error = NULL;
  GThread *parser;

  parser = g_thread_new ("tam-import-parse", parse, pipe);
  for (;;)
    {
      Chunk *chunk = NULL;
      gboolean last;

      /* A slice never waits for the parser with the lock held: when the
       * next chunk is not ready by the slice's end, the slice ends. */
      if (imp->sliced && imp->slice_start != 0)
        {
          gint64 left = imp->slice_start + SLICE_US - g_get_monotonic_time ();

          if (left > 0)
            chunk = g_async_queue_timeout_pop (pipe->full, (guint64) left);
          if (chunk == NULL && write_error == NULL && !slice_end (imp, TRUE, &write_error))
            g_atomic_int_set (&pipe->stop, 1);
        }
      if (chunk == NULL)
        chunk = g_async_queue_pop (pipe->full);
      last = chunk->last;

      if (write_error == NULL && !g_cancellable_is_cancelled (imp->cancellable))
        {
          /* In all-or-nothing mode the parser stops filling chunks at
           * the first bad row; what it sent before is rolled back. */
          if (chunk->n > 0 && !write_chunk (imp, chunk, &write_error))
            g_atomic_int_set (&pipe->stop, 1);
          report_progress (imp, chunk->progress * 0.99);
        }
      else
        g_atomic_int_set (&pipe->stop, 1);
      chunk->n = 0;
      g_string_truncate (chunk->text, 0);
      g_async_queue_push (pipe->empty, chunk);
      if (last)
        break;
    }
  g_thread_join (parser);

  if (write_error != NULL)
    {
      g_propagate_error (error, write_error);
      return FALSE;
    }
  if (pipe->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&pipe->error));
      return FALSE;
    }
  return g_cancellable_set_error_if_cancelled (imp->cancellable, error) == FALSE;
}

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
  const char *text = get (imp, which);

  *present = text[0] != '\0';
  if (!*present)
    return TRUE;
  if (tam_time_parse (text, imp->serials, out))
    return TRUE;
  row_bad (imp, imp->columns[which].name, _ ("not a time “%s” (write it as 08:00)"), text);
  return FALSE;
}

static int
attendance_row_compare (const void *a,
                        const void *b)
{
  const AttendanceRow *x = a, *y = b;

  if (x->person_id != y->person_id)
    return x->person_id < y->person_id ? -1 : 1;
  return strcmp (x->date, y->date);
}

/* Sorted by the table's key, the rows of a chunk reach the b-tree in
 * runs (a file is usually by day: a chunk holds a few days of everyone),
 * so consecutive inserts land on the same pages. */
static Chunk *
attendance_pass (Pipe *pipe,
                 Chunk *chunk,
                 gboolean last)
{
  qsort (chunk->rows, chunk->n, sizeof (AttendanceRow), attendance_row_compare);
  return pipe_pass (pipe, chunk, last);
}

static gpointer
attendance_parse (gpointer data)
{
  Pipe *pipe = data;
  Import *imp = pipe->imp;
  Chunk *chunk = g_async_queue_pop (pipe->empty);

  while (next_row (imp, &pipe->error) > 0)
    {
      const char *nik = get (imp, A_NIK);
      const char *date_text = get (imp, A_DATE);
      const char *status_text = get (imp, A_STATUS);
      const char *status;
      PersonRef *ref;
      AttendanceRow *r;
      char date[11], ss[6] = "", se[6] = "", ci[6] = "", co[6] = "";
      gboolean has_ss, has_se, has_ci, has_co;
      guint32 day;
      guint first;

      if (nik[0] == '\0')
        {
          row_bad (imp, "nik", _ ("the NIK is empty"));
          continue;
        }
      ref = g_hash_table_lookup (pipe->people, nik);
      if (ref == NULL)
        {
          row_bad (imp, "nik", _ ("unknown NIK “%s”"), nik);
          continue;
        }
      if (pipe->team_only && ref->team_leader_id != imp->actor->person_id)
        {
          row_bad (imp, "nik", _ ("%s is not in your team; a team leader imports attendance for their own team only"), nik);
          continue;
        }
      if (!tam_date_parse (date_text, imp->serials, date, &day))
        {
          row_bad (imp, "date", _ ("not a date “%s” (write it as 2026-10-05 or 05/10/2026)"), date_text);
          continue;
        }
      status = tam_attendance_status_parse (status_text);
      if (status == NULL)
        {
          row_bad (imp, "status", _ ("unknown status “%s”"), status_text);
          continue;
        }
      if (!time_field (imp, A_SHIFT_START, ss, &has_ss) ||
          !time_field (imp, A_SHIFT_END, se, &has_se) ||
          !time_field (imp, A_CHECK_IN, ci, &has_ci) ||
          !time_field (imp, A_CHECK_OUT, co, &has_co))
        continue;
      if (has_ss != has_se)
        {
          row_bad (imp, has_ss ? "shift_end" : "shift_start",
                   _ ("a shift needs both its start and its end"));
          continue;
        }
      if (has_ss && strcmp (se, ss) <= 0)
        {
          row_bad (imp, "shift_end", _ ("the shift ends (%s) before it starts (%s)"), se, ss);
          continue;
        }
      if (has_ci && has_co && strcmp (co, ci) < 0)
        {
          row_bad (imp, "check_out", _ ("check-out (%s) is before check-in (%s)"), co, ci);
          continue;
        }
      first = seen_check (&pipe->seen, ((guint64) ref->id << 21) | day, 0, tam_row_reader_line (imp->reader));
      if (first != 0)
        {
          row_bad (imp, "date", _ ("%s already has a row for %s on line %u"), nik, date, first);
          continue;
        }
      if (!writing (imp))
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
      r->note = text_append (chunk->text, get (imp, A_NOTE));
      if (chunk->n == CHUNK_ROWS)
        chunk = attendance_pass (pipe, chunk, FALSE);
    }
  attendance_pass (pipe, chunk, TRUE);
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
      if (!step_done (imp, stmt, N_ ("Could not store attendance"), error))
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
      if (!step_done (imp, stmt, N_ ("Could not store attendance"), error))
        return FALSE;
      sqlite3_clear_bindings (stmt);
      inserted = (guint) sqlite3_changes (tam_store_get_db (imp->store));
      imp->changed += inserted;
      if (inserted < BATCH && !attendance_upsert (imp, chunk, rows + done, BATCH, error))
        return FALSE;
    }
  return attendance_upsert (imp, chunk, rows + done, chunk->n - done, error);
}

static gboolean
import_attendance (Import *imp,
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
  if (!pipe_init (&pipe, imp, sizeof (AttendanceRow), error))
    return FALSE;
  ok = pipe_run (&pipe, attendance_parse, attendance_write, error);
  pipe_clear (&pipe);
  if (!ok)
    return FALSE;

  if (writing (imp))
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
    }
  return TRUE;
}

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
  return pipe_pass (pipe, chunk, last);
}

static gpointer
calls_parse (gpointer data)
{
  Pipe *pipe = data;
  Import *imp = pipe->imp;
  Chunk *chunk = g_async_queue_pop (pipe->empty);

  while (next_row (imp, &pipe->error) > 0)
    {
      const char *call_id = get (imp, C_CALL_ID);
      const char *nik = get (imp, C_AGENT);
      const char *service_text = get (imp, C_SERVICE);
      const char *start_text = get (imp, C_START);
      const char *result_text = get (imp, C_RESULT);
      const char *customer = get (imp, C_CUSTOMER);
      const char *service, *result;
      PersonRef *ref;
      CallRow *r;
      char start[20];
      guint first;

      if (call_id[0] == '\0')
        {
          row_bad (imp, "call_id", _ ("the call ID is empty"));
          continue;
        }
      if (nik[0] == '\0')
        {
          row_bad (imp, "agent_nik", _ ("the agent's NIK is empty"));
          continue;
        }
      ref = g_hash_table_lookup (pipe->people, nik);
      if (ref == NULL)
        {
          row_bad (imp, "agent_nik", _ ("unknown NIK “%s”"), nik);
          continue;
        }
      if (g_strcmp0 (ref->role, "AGENT") != 0)
        {
          row_bad (imp, "agent_nik", _ ("%s is not an agent (role %s)"), nik,
                   ref->role ? ref->role : "?");
          continue;
        }
      service = canonical_code (tam_services (), service_text);
      if (service == NULL)
        {
          row_bad (imp, "service", _ ("unknown service “%s”"), service_text);
          continue;
        }
      if (!tam_datetime_parse (start_text, imp->serials, start))
        {
          row_bad (imp, "call_start", _ ("not a date and time “%s” (write it as 2026-10-05 09:12:33 or 05/10/2026 09:12)"),
                   start_text);
          continue;
        }
      result = parse_result (result_text);
      if (result == NULL)
        {
          row_bad (imp, "result", _ ("unknown result “%s” (AGREE, DECLINE or FOLLOW_UP)"), result_text);
          continue;
        }
      if (customer[0] == '\0')
        {
          row_bad (imp, "customer_number", _ ("the customer number is empty"));
          continue;
        }
      first = seen_check (&pipe->seen, hash_str (call_id), hash_str2 (call_id), tam_row_reader_line (imp->reader));
      if (first != 0)
        {
          row_bad (imp, "call_id", _ ("the call ID %s is already on line %u"), call_id, first);
          continue;
        }
      if (!writing (imp))
        continue;
      if (g_atomic_int_get (&pipe->stop))
        break;

      r = &((CallRow *) chunk->rows)[chunk->n++];
      r->agent_id = ref->id;
      r->site = ref->site;
      r->service = service;
      r->result = result;
      memcpy (r->start, start, sizeof start);
      r->text = text_append (chunk->text, call_id);
      text_append (chunk->text, customer);
      text_append (chunk->text, get (imp, C_PRODUCT));
      text_append (chunk->text, get (imp, C_RECORDING));
      if (chunk->n == CHUNK_ROWS)
        {
          /* The file's size over what the first chunk took: the number
           * of rows to expect, with a tenth to spare. */
          if (pipe->seen.n == CHUNK_ROWS)
            {
              double done = tam_row_reader_progress (imp->reader);
              if (done > 0.0 && done < 1.0)
                seen_reserve (&pipe->seen, (gsize) (CHUNK_ROWS / done * 1.1));
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

static int
wal_hook_cb (void *data,
             sqlite3 *db,
             const char *name,
             int frames)
{
  Import *imp = data;

  imp->wal_frames = frames;
  return SQLITE_OK;
}

static gboolean
slice_begin (Import *imp,
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
static gboolean
slice_end (Import *imp,
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

      if (!slice_begin (imp, error))
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
      if (!step_done (imp, stmt, N_ ("Could not store a call"), error))
        return FALSE;
      sqlite3_clear_bindings (stmt);
      imp->changed += (guint64) sqlite3_changes (db);
      done += count;
      if (!slice_end (imp, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
import_calls (Import *imp,
              GError **error)
{
  Pipe pipe;
  gboolean ok;

  if (!pipe_init (&pipe, imp, sizeof (CallRow), error))
    return FALSE;
  ok = pipe_run (&pipe, calls_parse, calls_write, error);
  pipe_clear (&pipe);
  if (!ok)
    return FALSE;
  imp->result->inserted = imp->changed;
  imp->result->unchanged = imp->result->rows - imp->bad_rows - imp->changed;
  return TRUE;
}

/* -- roster -------------------------------------------------------- */

typedef struct
{
  guint line;
  char **raw; /* the file's fields, for the rejects */
  TamPerson *person;
  char *tl_nik;
  gint64 existing_id; /* 0: a new person */
  char *existing_role;
  char *before; /* JSON of the stored person */
  gboolean bad;
} RosterRow;

static void
roster_row_free (gpointer data)
{
  RosterRow *r = data;

  g_strfreev (r->raw);
  tam_person_free (r->person);
  g_free (r->tl_nik);
  g_free (r->existing_role);
  g_free (r->before);
  g_free (r);
}

static const char *
roster_column_of_field (const char *field)
{
  if (g_strcmp0 (field, "team_leader") == 0)
    return "team_leader_nik";
  return field;
}

static void G_GNUC_PRINTF (4, 5)
    roster_bad (Import *imp,
                RosterRow *r,
                const char *column,
                const char *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  r->bad = TRUE;
  imp->bad_rows++;
  add_error (imp, r->line, column, reason);
  append_reject (imp, (const char *const *) r->raw, g_strv_length (r->raw), column, reason);
}

static char *
upper_or_null (const char *s)
{
  return s[0] ? g_ascii_strup (s, -1) : NULL;
}

/* Reads and checks one row on its own (team leaders come later). */
static RosterRow *
roster_read_row (Import *imp,
                 GHashTable *by_nik,
                 GError **error)
{
  RosterRow *r = g_new0 (RosterRow, 1);
  TamPerson *p;
  guint n = tam_row_reader_n_fields (imp->reader);
  const char *hired_text, *end_text;
  g_autofree char *field = NULL;
  g_autoptr (GError) invalid = NULL;
  RosterRow *other;
  sqlite3_stmt *stmt;

  r->line = tam_row_reader_line (imp->reader);
  r->raw = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    r->raw[i] = g_strdup (tam_row_reader_field (imp->reader, i));

  p = r->person = tam_person_new ();
  p->nik = g_strdup (get (imp, R_NIK));
  p->name = g_strdup (get (imp, R_NAME));
  p->role = upper_or_null (get (imp, R_ROLE));
  p->site = upper_or_null (get (imp, R_SITE));
  p->service = upper_or_null (get (imp, R_SERVICE));
  p->status = upper_or_null (get (imp, R_STATUS));
  r->tl_nik = get (imp, R_TL)[0] ? g_strdup (get (imp, R_TL)) : NULL;

  /* Remembered even when bad, so its team hears why their leader is. */
  if (p->nik[0] != '\0')
    {
      other = g_hash_table_lookup (by_nik, p->nik);
      if (other != NULL)
        {
          roster_bad (imp, r, "nik", _ ("the NIK %s is already on line %u"), p->nik, other->line);
          return r;
        }
      g_hash_table_insert (by_nik, p->nik, r);
    }
  if (p->role != NULL && !tam_code_is_valid (tam_roles (), p->role))
    {
      roster_bad (imp, r, "role", _ ("unknown role “%s”"), get (imp, R_ROLE));
      return r;
    }
  if (p->site != NULL && !tam_code_is_valid (tam_sites (), p->site))
    {
      roster_bad (imp, r, "site", _ ("unknown site “%s”"), get (imp, R_SITE));
      return r;
    }
  if (p->service != NULL && !tam_code_is_valid (tam_services (), p->service))
    {
      roster_bad (imp, r, "service", _ ("unknown service “%s”"), get (imp, R_SERVICE));
      return r;
    }
  if (p->status != NULL && !tam_code_is_valid (tam_person_statuses (), p->status))
    {
      roster_bad (imp, r, "status", _ ("unknown status “%s”"), get (imp, R_STATUS));
      return r;
    }

  hired_text = get (imp, R_HIRED);
  end_text = get (imp, R_END);
  {
    char date[11];
    if (!tam_date_parse (hired_text, imp->serials, date, NULL))
      {
        roster_bad (imp, r, "hired_on", _ ("not a date “%s” (write it as 2026-10-05 or 05/10/2026)"), hired_text);
        return r;
      }
    p->hired_on = g_strdup (date);
    if (end_text[0] != '\0')
      {
        if (!tam_date_parse (end_text, imp->serials, date, NULL))
          {
            roster_bad (imp, r, "contract_end", _ ("not a date “%s” (write it as 2026-10-05 or 05/10/2026)"), end_text);
            return r;
          }
        p->contract_end = g_strdup (date);
      }
  }

  stmt = tam_store_prepare (imp->store, "SELECT id, role FROM people WHERE nik = ?", error);
  if (stmt == NULL)
    {
      roster_row_free (r);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, p->nik, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      r->existing_id = sqlite3_column_int64 (stmt, 0);
      r->existing_role = tam_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  p->id = r->existing_id;

  /* The same rules as the person dialog; the team leader is checked
   * once every row is known. */
  if (!tam_people_validate (imp->store, p, &field, &invalid))
    {
      if (invalid->domain != TAM_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&invalid));
          roster_row_free (r);
          return NULL;
        }
      roster_bad (imp, r, roster_column_of_field (field), "%s", invalid->message);
      return r;
    }
  return r;
}

/* Team leaders: in the file (its role counts) or already stored. Repeated
 * until stable, because a rejected team leader takes their team's rows
 * with them. */
static gboolean
roster_check_leaders (Import *imp,
                      GPtrArray *rows,
                      GHashTable *by_nik,
                      GError **error)
{
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          RosterRow *r = rows->pdata[i];
          RosterRow *tl;
          sqlite3_stmt *stmt;

          if (r->bad)
            continue;

          /* Demoting a team leader who still leads people not moved by
           * this file would leave them under a non-leader. */
          if (g_strcmp0 (r->existing_role, "TEAM_LEADER") == 0 &&
              g_strcmp0 (r->person->role, "TEAM_LEADER") != 0)
            {
              stmt = tam_store_prepare (imp->store, "SELECT nik FROM people WHERE team_leader_id = ?", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, r->existing_id);
              while (sqlite3_step (stmt) == SQLITE_ROW)
                {
                  const char *member = (const char *) sqlite3_column_text (stmt, 0);
                  RosterRow *m = g_hash_table_lookup (by_nik, member);

                  if (m == NULL || m->bad || g_strcmp0 (m->tl_nik, r->person->nik) == 0)
                    {
                      roster_bad (imp, r, "role",
                                  _ ("%s still leads %s; give the team another leader first"),
                                  r->person->nik, member);
                      again = TRUE;
                      break;
                    }
                }
              sqlite3_reset (stmt);
              if (r->bad)
                continue;
            }

          if (r->tl_nik == NULL)
            continue;
          if (strcmp (r->tl_nik, r->person->nik) == 0)
            {
              roster_bad (imp, r, "team_leader_nik", _ ("a person cannot be their own team leader"));
              again = TRUE;
              continue;
            }
          tl = g_hash_table_lookup (by_nik, r->tl_nik);
          if (tl != NULL)
            {
              if (tl->bad)
                {
                  roster_bad (imp, r, "team_leader_nik",
                              _ ("the team leader %s has errors on line %u"), r->tl_nik, tl->line);
                  again = TRUE;
                }
              else if (g_strcmp0 (tl->person->role, "TEAM_LEADER") != 0)
                {
                  roster_bad (imp, r, "team_leader_nik",
                              _ ("%s is not a team leader (role %s on line %u)"),
                              r->tl_nik, tl->person->role, tl->line);
                  again = TRUE;
                }
              continue;
            }

          stmt = tam_store_prepare (imp->store, "SELECT role FROM people WHERE nik = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, r->tl_nik, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              sqlite3_reset (stmt);
              roster_bad (imp, r, "team_leader_nik", _ ("unknown team leader NIK “%s”"), r->tl_nik);
              again = TRUE;
              continue;
            }
          if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "TEAM_LEADER") != 0)
            {
              g_autofree char *role = tam_stmt_dup_text (stmt, 0);
              sqlite3_reset (stmt);
              roster_bad (imp, r, "team_leader_nik", _ ("%s is not a team leader (role %s)"),
                          r->tl_nik, role);
              again = TRUE;
              continue;
            }
          sqlite3_reset (stmt);
        }
    }
  return TRUE;
}

static gboolean
roster_write (Import *imp,
              GPtrArray *rows,
              GError **error)
{
  sqlite3_stmt *stmt;

  /* Pass 1: everybody in, without team leaders (they may be new). */
  for (guint i = 0; i < rows->len; i++)
    {
      RosterRow *r = rows->pdata[i];
      TamPerson *p = r->person;

      if (r->bad)
        continue;
      if (r->existing_id != 0)
        {
          r->before = _tam_people_json (imp->store, r->existing_id);
          stmt = tam_store_prepare (imp->store,
                                    "UPDATE people SET name = ?, role = ?, site = ?, service = ?, status = ?,"
                                    " hired_on = ?, contract_end = ? WHERE id = ?",
                                    error);
        }
      else
        stmt = tam_store_prepare (imp->store,
                                  "INSERT INTO people (name, role, site, service, status, hired_on, contract_end, nik)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, p->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, p->role, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, p->site, -1, SQLITE_STATIC);
      tam_stmt_bind_text_or_null (stmt, 4, p->service);
      sqlite3_bind_text (stmt, 5, p->status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, p->hired_on, -1, SQLITE_STATIC);
      tam_stmt_bind_text_or_null (stmt, 7, p->contract_end);
      if (r->existing_id != 0)
        sqlite3_bind_int64 (stmt, 8, r->existing_id);
      else
        sqlite3_bind_text (stmt, 8, p->nik, -1, SQLITE_STATIC);
      if (!step_done (imp, stmt, N_ ("Could not save a person"), error))
        return FALSE;
      p->id = r->existing_id ? r->existing_id : sqlite3_last_insert_rowid (tam_store_get_db (imp->store));
    }

  /* Pass 2: team leaders, now that every NIK is stored. */
  for (guint i = 0; i < rows->len; i++)
    {
      RosterRow *r = rows->pdata[i];
      g_autofree char *after = NULL;

      if (r->bad)
        continue;
      stmt = tam_store_prepare (imp->store,
                                "UPDATE people SET team_leader_id = (SELECT id FROM people WHERE nik = ?1)"
                                " WHERE id = ?2 AND team_leader_id IS NOT (SELECT id FROM people WHERE nik = ?1)",
                                error);
      if (stmt == NULL)
        return FALSE;
      if (r->tl_nik != NULL)
        sqlite3_bind_text (stmt, 1, r->tl_nik, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, r->person->id);
      if (!step_done (imp, stmt, N_ ("Could not save a person"), error))
        return FALSE;

      after = _tam_people_json (imp->store, r->person->id);
      if (r->before == NULL)
        imp->result->inserted++;
      else if (g_strcmp0 (r->before, after) != 0)
        imp->result->updated++;
      else
        imp->result->unchanged++;
      if (i % 256 == 0)
        report_progress (imp, 0.5 + 0.49 * i / rows->len);
    }
  return TRUE;
}

static gboolean
import_roster (Import *imp,
               GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (roster_row_free);
  g_autoptr (GHashTable) by_nik = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  while ((rc = next_row (imp, error)) > 0)
    {
      RosterRow *r = roster_read_row (imp, by_nik, error);
      if (r == NULL)
        return FALSE;
      g_ptr_array_add (rows, r);
    }
  if (rc < 0)
    return FALSE;
  if (!roster_check_leaders (imp, rows, by_nik, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;
  if (!writing (imp))
    return TRUE;
  return roster_write (imp, rows, error);
}

/* ------------------------------------------------------------------ */

/* The file's SHA-256 is computed in a thread of its own while the rows
 * are read and stored: GLib's SHA-256 costs about a tenth of an import
 * and is needed only at the end. */
typedef struct
{
  char *path;
  char *sha256;
  GError *error;
  gint stop; /* atomic: the import gave up, stop hashing */
} HashJob;

static char *
file_sha256 (const char *path,
             gint *stop,
             GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  const guchar *data;
  gsize len;

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT, _ ("Cannot read %s: %s"),
                   path, local_error->message);
      return NULL;
    }
  data = (const guchar *) g_mapped_file_get_contents (mapped);
  len = g_mapped_file_get_length (mapped);
  for (gsize off = 0; off < len; off += 1 << 20)
    {
      if (g_atomic_int_get (stop))
        return NULL;
      g_checksum_update (sum, data + off, MIN ((gsize) 1 << 20, len - off));
      tam_mapped_release ((const char *) data, off, off + MIN ((gsize) 1 << 20, len - off));
    }
  return g_strdup (g_checksum_get_string (sum));
}

static gpointer
hash_thread (gpointer data)
{
  HashJob *job = data;

  job->sha256 = file_sha256 (job->path, &job->stop, &job->error);
  return NULL;
}

/* Waits for the hash; returns it (owned by @job) or NULL with @error. */
static const char *
hash_finish (GThread **thread,
             HashJob *job,
             gboolean stop,
             GError **error)
{
  if (*thread != NULL)
    {
      if (stop)
        g_atomic_int_set (&job->stop, 1);
      g_thread_join (g_steal_pointer (thread));
    }
  if (job->sha256 == NULL && job->error != NULL && error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  return job->sha256;
}

static gboolean
record_import (Import *imp,
               const char *sha256,
               GError **error)
{
  TamImportResult *res = imp->result;
  g_autofree char *now = tam_now_string ();
  g_autofree char *after = NULL;
  sqlite3_stmt *stmt;

  stmt = tam_store_prepare (imp->store,
                            "INSERT INTO imports (kind, sha256, file_name, rows, imported_at, imported_by)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind_names[imp->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, imp->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, (gint64) res->rows);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (imp->actor != NULL && imp->actor->person_id > 0)
    sqlite3_bind_int64 (stmt, 6, imp->actor->person_id);
  else
    sqlite3_bind_null (stmt, 6);
  if (!step_done (imp, stmt, N_ ("Could not record the import"), error))
    return FALSE;

  stmt = tam_store_prepare (imp->store,
                            "SELECT json_object('file', ?1, 'sha256', ?2, 'rows', ?3, 'inserted', ?4,"
                            " 'updated', ?5, 'unchanged', ?6, 'rejected', ?7)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, imp->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) res->rows);
  sqlite3_bind_int64 (stmt, 4, (gint64) res->inserted);
  sqlite3_bind_int64 (stmt, 5, (gint64) res->updated);
  sqlite3_bind_int64 (stmt, 6, (gint64) res->unchanged);
  sqlite3_bind_int64 (stmt, 7, (gint64) res->rejected);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    after = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  if (after == NULL)
    {
      tam_store_set_error (imp->store, error, _ ("Could not record the import"));
      return FALSE;
    }
  return tam_audit_append (imp->store, imp->actor, "IMPORT", kind_names[imp->kind],
                           imp->name, NULL, after, error);
}

static gboolean
check_permission (TamStore *store,
                  const TamSession *actor,
                  TamImportKind kind,
                  GError **error)
{
  static const TamPermission perms[] = {
    TAM_PERM_EDIT_PEOPLE, TAM_PERM_IMPORT_ATTENDANCE, TAM_PERM_IMPORT_CALLS
  };

  /* Like tam_auth_set_password(): the first roster of a database that
   * has no accounts yet is loaded without signing in (set-up). */
  if (actor == NULL && kind == TAM_IMPORT_ROSTER &&
      tam_store_query_int (store, "SELECT count(*) FROM users", 1, NULL) == 0)
    return TRUE;
  return tam_session_require (actor, perms[kind], error);
}

void
tam_import_result_clear (TamImportResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->errors, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

char *
tam_import_result_summary (const TamImportResult *r)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (r->inserted == 0 && r->updated == 0 && r->rejected == 0)
    {
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "no changes: %llu row already up to date", "no changes: %llu rows already up to date", (gulong) r->unchanged),
                              (unsigned long long) r->unchanged);
    }
  else
    {
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%llu row read: %llu new, %llu changed, %llu unchanged", "%llu rows read: %llu new, %llu changed, %llu unchanged", (gulong) r->rows),
                              (unsigned long long) r->rows, (unsigned long long) r->inserted,
                              (unsigned long long) r->updated, (unsigned long long) r->unchanged);
      if (r->rejected > 0)
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, ", %llu rejected", ", %llu rejected", (gulong) r->rejected),
                                (unsigned long long) r->rejected);
    }
  if (r->same_file_before)
    g_string_append (s, _ (" (this file was imported before)"));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
tam_import_file (TamStore *store,
                 const TamSession *actor,
                 TamImportKind kind,
                 const char *path,
                 const char *rejects_path,
                 TamProgressFunc progress,
                 gpointer user_data,
                 GCancellable *cancellable,
                 TamImportResult *result,
                 GError **error)
{
  static const Column *const columns[] = { roster_columns, attendance_columns, calls_columns };
  Import imp = { 0 };
  HashJob hash = { 0 };
  GThread *hash_thread_ = NULL;
  const char *sha256;
  gint64 old_cache = 0;
  gboolean fast = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind <= TAM_IMPORT_CALLS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  tam_import_result_clear (result);
  result->errors = g_ptr_array_new_with_free_func (g_free);

  if (!check_permission (store, actor, kind, error))
    return FALSE;
  if (tam_store_in_transaction (store))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED,
                           _ ("An import runs in its own transaction"));
      return FALSE;
    }

  imp.store = store;
  imp.actor = actor;
  imp.kind = kind;
  imp.columns = columns[kind];
  imp.result = result;
  imp.name = g_path_get_basename (path);
  imp.progress = progress;
  imp.user_data = user_data;
  imp.cancellable = cancellable;
  imp.last_progress = -1.0;

  hash.path = g_strdup (path);
  hash_thread_ = g_thread_new ("tam-import-hash", hash_thread, &hash);
  imp.reader = tam_row_reader_open (path, error);
  if (imp.reader == NULL)
    goto out;
  imp.sep = tam_row_reader_separator (imp.reader);
  imp.serials = imp.sep == '\0';
  if (imp.sep == '\0')
    imp.sep = ',';
  if (rejects_path != NULL)
    imp.rejects = g_string_new (NULL);
  if (!read_header (&imp, error))
    goto out;
  report_progress (&imp, 0.0);

  /* Attendance and calls are the big files. Two per-row costs of SQLite
   * are switched off for this connection while they are stored, because
   * the import has already checked everything they would check:
   * - the CHECK constraints test codes against IN lists, which SQLite
   *   evaluates through a temporary b-tree built for every single-row
   *   INSERT (this tripled the cost of a row); status, result and state
   *   are bound from our own constant codes;
   * - the foreign keys look up people, sites and services for every row;
   *   person ids come from the people table read inside this same
   *   IMMEDIATE transaction, sites from those people, services from the
   *   fixed list.
   * foreign_keys can only change outside a transaction. Both are restored
   * below whatever happens; flag pragmas expire the prepared statements,
   * so nothing compiled without the checks survives the import. */
  fast = kind != TAM_IMPORT_ROSTER;
  if (fast)
    {
      tam_store_exec (store, "PRAGMA foreign_keys = OFF", NULL);
      tam_store_exec (store, "PRAGMA ignore_check_constraints = ON", NULL);
    }
  /* Calls, the biggest files, are published in short slices that stay
   * hidden until the end (see slice_begin); the roster and attendance
   * are one transaction. */
  imp.sliced = kind == TAM_IMPORT_CALLS;
  if (imp.sliced)
    {
      gint64 first_call_id = 0;

      imp.run_id = tam_store_import_run_start (store, kind_names[kind],
                                               actor ? actor->person_id : 0, &first_call_id, error);
      if (imp.run_id == 0)
        goto out;
      imp.last_beat = g_get_monotonic_time ();
      /* Checkpoints cost the importer time: fewer, larger ones while it
       * runs (journal_size_limit still trims the WAL afterwards). */
      /* The import checkpoints between its slices itself (slice_end),
       * out of the lock, instead of in the commit of a slice. */
      sqlite3_wal_hook (tam_store_get_db (store), wal_hook_cb, &imp);
      /* Restarting the WAL from its start (after each checkpoint) would
       * cut it back to the limit inside the next slice's lock; it is cut
       * once the import is over instead. */
      tam_store_exec (store, "PRAGMA journal_size_limit = -1", NULL);
    }
  else if (!tam_store_begin (store, error))
    goto out;

  /* A bigger page cache for the duration keeps index pages of a large
   * import in memory instead of spilling them to the WAL. The sliced
   * calls import commits every 80 ms, so its dirty pages never pile
   * up: half as much serves it as well and keeps its memory down. */
  old_cache = tam_store_query_int (store, "PRAGMA cache_size", -2000, NULL);
  tam_store_exec (store, imp.sliced ? "PRAGMA cache_size = -32768" : "PRAGMA cache_size = -65536", NULL);
  switch (kind)
    {
    case TAM_IMPORT_ROSTER:
      ok = import_roster (&imp, error);
      break;
    case TAM_IMPORT_ATTENDANCE:
      ok = import_attendance (&imp, error);
      break;
    case TAM_IMPORT_CALLS:
      ok = import_calls (&imp, error);
      break;
    default:
      g_assert_not_reached ();
    }
  {
    /* PRAGMA takes no bound parameters; the number is the connection's
     * own setting read above, never input. */
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, old_cache);
    tam_store_exec (store, pragma, NULL);
  }
  if (!ok)
    goto rollback;
  ok = FALSE;
  /* The last slice; then one short transaction publishes them all. */
  if (imp.sliced)
    {
      if (!slice_end (&imp, TRUE, error))
        goto rollback;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;

  if (imp.bad_rows > 0 && rejects_path == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %llu row has errors; nothing was imported",
                                "%s: %llu rows have errors; nothing was imported",
                                (gulong) imp.bad_rows),
                   imp.name, (unsigned long long) imp.bad_rows);
      goto rollback;
    }
  result->rejected = imp.bad_rows;

  sha256 = hash_finish (&hash_thread_, &hash, FALSE, error);
  if (sha256 == NULL)
    goto rollback;
  if (imp.sliced && !tam_store_begin (store, error))
    goto rollback;
  {
    sqlite3_stmt *stmt = tam_store_prepare (store,
                                            "SELECT 1 FROM imports WHERE kind = ? AND sha256 = ? LIMIT 1", error);
    if (stmt == NULL)
      goto rollback;
    sqlite3_bind_text (stmt, 1, kind_names[kind], -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
    result->same_file_before = sqlite3_step (stmt) == SQLITE_ROW;
    sqlite3_reset (stmt);
  }

  /* Nothing changed, nothing recorded: a re-import leaves the database
   * exactly as it was. */
  if (result->inserted + result->updated > 0 && !record_import (&imp, sha256, error))
    goto rollback;

  if (imp.rejects != NULL)
    {
      g_autoptr (GError) local_error = NULL;

      if (!g_file_set_contents (rejects_path, imp.rejects->str, (gssize) imp.rejects->len, &local_error))
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write the rejected rows to %s: %s"),
                       rejects_path, local_error->message);
          goto rollback;
        }
    }
  if (imp.sliced)
    {
      /* The run's row goes in the same commit as the imports and audit
       * rows: every call of the file becomes visible at once. */
      sqlite3_stmt *stmt = tam_store_prepare (store, "DELETE FROM import_runs WHERE id = ?", error);

      if (stmt == NULL)
        goto rollback;
      sqlite3_bind_int64 (stmt, 1, imp.run_id);
      if (sqlite3_step (stmt) != SQLITE_DONE || sqlite3_changes (tam_store_get_db (store)) != 1)
        {
          if (sqlite3_changes (tam_store_get_db (store)) != 1)
            g_set_error_literal (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                                 _ ("The import was stopped by another desk, which found it had stalled; nothing was imported."));
          else
            tam_store_set_error (store, error, _ ("Could not finish the import"));
          sqlite3_reset (stmt);
          goto rollback;
        }
      sqlite3_reset (stmt);
    }
  if (!tam_store_commit (store, error))
    goto rollback;
  imp.run_id = 0;
  if (imp.sliced)
    {
      g_autoptr (GError) counts_error = NULL;

      /* The per-day counts take the new calls now, in short steps, so
       * the next reader is as fast as any other. They are a cache: a
       * failure here leaves them for the next reader to catch up. */
      if (!tam_queue_counts_update (store, &counts_error))
        g_debug ("Counting the imported calls: %s", counts_error->message);
      g_debug ("Calls import: %u slices, the longest held the write lock %.1f ms",
               imp.n_slices, imp.max_slice_us / 1000.0);
    }
  report_progress (&imp, 1.0);
  ok = TRUE;
  goto out;

rollback:
  tam_store_rollback (store);
  imp.slice_start = 0;
  if (imp.run_id != 0)
    {
      g_autoptr (GError) abort_error = NULL;

      /* Hidden until now, the published slices are removed; if this
       * fails too, the next open removes them. */
      if (!tam_store_import_run_abort (store, imp.run_id, &abort_error))
        g_warning ("Removing the calls of an unfinished import: %s", abort_error->message);
    }
out:
  if (fast)
    {
      tam_store_exec (store, "PRAGMA ignore_check_constraints = OFF", NULL);
      tam_store_exec (store, "PRAGMA foreign_keys = ON", NULL);
    }
  /* Back to SQLite's own checkpoints (this replaces our wal hook). */
  if (imp.sliced)
    {
      tam_store_exec (store, "PRAGMA wal_autocheckpoint = 1000", NULL);
      tam_store_exec (store, "PRAGMA journal_size_limit = 67108864", NULL);
    }
  hash_finish (&hash_thread_, &hash, TRUE, NULL);
  g_free (hash.path);
  g_free (hash.sha256);
  g_clear_error (&hash.error);
  import_clear (&imp);
  return ok;
}
