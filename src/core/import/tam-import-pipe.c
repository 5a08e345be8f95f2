/* tam-import-pipe.c: the big files (attendance, calls) are read and
 * checked in a parser thread while the caller stores them; the chunks go
 * round between two queues. In-file duplicates are found by Seen. */
#include "config.h"

#include <stdlib.h>

#include "tam-import-private.h"

/* ------------------------------------------------------------------ */
/* Seen: open addressing over 64-bit keys, remembering the line of the
 * first occurrence. A call ID is kept as two independent hashes (96 bits)
 * rather than as its text: 16 bytes an entry, so a file of two million
 * calls costs 64 MB at most instead of 200 (two IDs would have to agree
 * in all 96 bits to be taken for one another). */

/* Zeroed by _tam_import_writing: calloc's fresh pages would be mapped to the shared
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
void
_tam_import_seen_reserve (Seen *s,
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
guint
_tam_import_seen_check (Seen *s,
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
guint64
_tam_import_hash_str (const char *s)
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
guint32
_tam_import_hash_str2 (const char *s)
{
  guint32 h = 5381;
  guint32 n = 0;

  for (; *s; s++, n++)
    h = (h * 33) ^ (guchar) *s;
  return h ^ (n * 0x9E3779B9u);
}

/* The canonical (static) code matching @text in any case, or NULL. */
const char *
_tam_import_canonical_code (const char *const *codes,
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

const char *
_tam_import_parse_result (const char *text)
{
  static const char *const results[] = { "AGREE", "DECLINE", "FOLLOW_UP", NULL };
  const char *code = _tam_import_canonical_code (results, text);

  if (code == NULL && (g_ascii_strcasecmp (text, "FOLLOW UP") == 0 ||
                       g_ascii_strcasecmp (text, "FOLLOW-UP") == 0 ||
                       g_ascii_strcasecmp (text, "FOLLOWUP") == 0))
    code = results[2];
  return code;
}

/* -- the big files: a parser thread and the writer ------------------ */

gboolean
_tam_import_pipe_init (Pipe *pipe,
                       Import *imp,
                       gsize row_size,
                       GCompareFunc compare,
                       GError **error)
{
  memset (pipe, 0, sizeof *pipe);
  pipe->imp = imp;
  pipe->row_size = row_size;
  pipe->compare = compare;
  pipe->people = _tam_import_load_people (imp, error);
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

void
_tam_import_pipe_clear (Pipe *pipe)
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

/* Parser side: hands a full chunk over, its rows in the pipe's order,
 * and takes an empty one. */
Chunk *
_tam_import_pipe_pass (Pipe *pipe,
                       Chunk *chunk,
                       gboolean last)
{
  qsort (chunk->rows, chunk->n, pipe->row_size, pipe->compare);
  chunk->last = last;
  chunk->progress = tam_row_reader_progress (pipe->imp->reader);
  g_async_queue_push (pipe->full, chunk);
  return last ? NULL : g_async_queue_pop (pipe->empty);
}

gsize
_tam_import_text_append (GString *text,
                         const char *s)
{
  gsize offset = text->len;

  g_string_append_len (text, s, (gssize) strlen (s) + 1);
  return offset;
}

/* Writer side: stores every chunk until the parser's last one; after a
 * failure or a cancel it only hands the chunks back, so the parser can
 * finish. Returns FALSE with @error on a write error. */
gboolean
_tam_import_pipe_run (Pipe *pipe,
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
          if (chunk == NULL && write_error == NULL && !_tam_import_slice_end (imp, TRUE, &write_error))
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
          _tam_import_report_progress (imp, chunk->progress * 0.99);
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
