/* tam-csv.c: CSV as it comes out of office spreadsheets.
 *
 * The file is mapped (GMappedFile) and validated as UTF-8 once. Rows are
 * unescaped into a single buffer that is reused for the whole file: fields
 * are NUL-terminated slices of it, so reading a million rows costs no
 * allocation per field. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "tam-csv.h"
#include "tam-error.h"

struct _TamCsvReader
{
  GMappedFile *mapped;
  char *owned; /* copy of the data for _new_for_data */
  const char *data;
  gsize len;
  gsize pos;
  char *name; /* for error messages */
  char sep;
  guint line;     /* physical line at pos, 1-based */
  guint row_line; /* line where the current row starts */

  char *buf; /* the current row, fields NUL-terminated */
  gsize buf_len;
  gsize buf_size;
  gsize *offsets; /* start of each field in buf */
  guint n_fields;
  guint offsets_size;
  gsize released;   /* mapped bytes given back to the kernel */
  guint field_line; /* line where the last field read starts */
  GCancellable *cancellable;
};

typedef enum
{
  FIELD_OK,
  FIELD_UNCLOSED, /* a quote never closed */
  FIELD_TOO_LONG,
} FieldStatus;

static void
ensure_buf (TamCsvReader *self,
            gsize extra)
{
  if (self->buf_len + extra <= self->buf_size)
    return;
  while (self->buf_len + extra > self->buf_size)
    self->buf_size = self->buf_size ? self->buf_size * 2 : 4096;
  self->buf = g_realloc (self->buf, self->buf_size);
}

static void
start_field (TamCsvReader *self)
{
  if (self->n_fields == self->offsets_size)
    {
      self->offsets_size = self->offsets_size ? self->offsets_size * 2 : 32;
      self->offsets = g_renew (gsize, self->offsets, self->offsets_size);
    }
  self->offsets[self->n_fields++] = self->buf_len;
}

/* The separator is whichever of , ; TAB occurs most often outside quotes
 * in the header line; a one-column header means ','. */
static char
detect_separator (const char *p,
                  const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }
  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/* Word-at-a-time tests (a million-row file is scanned byte by byte
 * otherwise): a byte of @w is zero / has its high bit set. */
#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
#define HAS_ZERO(w) ((((w) -ONES) & ~(w) &HIGHS) != 0)

static inline guint64
load64 (const char *p)
{
  guint64 w;

  memcpy (&w, p, sizeof w);
  return w;
}

#define RELEASE_STEP (8 << 20)

void
tam_mapped_release (const char *data,
                    gsize from,
                    gsize to)
{
  gsize page = (gsize) sysconf (_SC_PAGESIZE);
  guintptr start = ((guintptr) (data + from) + page - 1) & ~(guintptr) (page - 1);
  guintptr stop = (guintptr) (data + to) & ~(guintptr) (page - 1);

  /* A private read-only file mapping: the pages are re-read from the
   * file if touched again, so this changes nothing but the resident
   * size (a 200 MB file would otherwise stay resident while parsed). */
  if (stop > start)
    madvise ((void *) start, stop - start, MADV_DONTNEED);
}

/* Like g_utf8_validate_len(), which also refuses NUL bytes, but skipping
 * runs of ASCII eight bytes at a time. Returns NULL when @data is valid,
 * or where the first bad byte is. @release: give back the pages read,
 * every few megabytes (a mapped file). */
static const char *
find_invalid_utf8 (const char *data,
                   gsize len,
                   gboolean release)
{
  const char *p = data;
  const char *end = data + len;
  const char *released = data;

  while (p < end)
    {
      guchar c;
      gsize n;

      if (release && p - released >= RELEASE_STEP)
        {
          tam_mapped_release (data, (gsize) (released - data), (gsize) (p - data));
          released = p;
        }

      {
        /* ASCII eight bytes at a time, up to the next release point. */
        const char *stop = release && end - p > RELEASE_STEP ? p + RELEASE_STEP : end;

        while (stop - p >= 8)
          {
            guint64 w = load64 (p);
            if ((w & HIGHS) != 0 || HAS_ZERO (w))
              break;
            p += 8;
          }
        /* Short of @stop, the bytes left go one by one below, and
         * the release point is passed at the top of the loop. */
      }
      if (p >= end)
        break;
      c = (guchar) *p;
      if (c == 0)
        return p;
      if (c < 0x80)
        {
          p++;
          continue;
        }
      n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3
                                    : 2;
      if (c < 0xc2 || c > 0xf4 || (gsize) (end - p) < n ||
          !g_utf8_validate_len (p, n, NULL))
        return p;
      p += n;
    }
  return NULL;
}

static guint
count_lines (const char *data,
             gsize len)
{
  guint lines = 1;

  for (const char *p = data, *end = data + len; p < end; p++)
    {
      p = memchr (p, '\n', end - p);
      if (p == NULL)
        break;
      lines++;
    }
  return lines;
}

static TamCsvReader *
reader_init (TamCsvReader *self,
             GError **error)
{
  const char *invalid = NULL;
  const guchar *u = (const guchar *) self->data;

  self->line = 1;

  if (self->len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff)))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   _ ("%s: the file is saved as UTF-16; save it as “CSV UTF-8” and try again"),
                   self->name);
      tam_csv_reader_free (self);
      return NULL;
    }
  if (self->len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
    self->pos = 3;

  /* Also refuses NUL bytes, which would cut fields short. */
  invalid = find_invalid_utf8 (self->data, self->len, self->mapped != NULL);
  if (invalid != NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                   _ ("%s:%u: the text is not valid UTF-8; save the file as “CSV UTF-8” and try again"),
                   self->name, count_lines (self->data, invalid - self->data));
      tam_csv_reader_free (self);
      return NULL;
    }

  self->sep = detect_separator (self->data + self->pos, self->data + self->len);
  return self;
}

TamCsvReader *
tam_csv_reader_open (const char *path,
                     GError **error)
{
  g_autoptr (GError) local_error = NULL;
  TamCsvReader *self;
  GMappedFile *mapped;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT, _ ("Cannot read %s: %s"),
                   path, local_error->message);
      return NULL;
    }
  self = g_new0 (TamCsvReader, 1);
  self->mapped = mapped;
  self->data = g_mapped_file_get_contents (mapped);
  self->len = g_mapped_file_get_length (mapped);
  if (self->data == NULL)
    self->data = "";
  self->name = g_path_get_basename (path);
  return reader_init (self, error);
}

TamCsvReader *
tam_csv_reader_new_for_data (const char *data,
                             gsize len,
                             const char *name,
                             GError **error)
{
  TamCsvReader *self = g_new0 (TamCsvReader, 1);

  /* One spare NUL so the copy is a C string too. */
  self->owned = g_malloc (len + 1);
  memcpy (self->owned, data, len);
  self->owned[len] = '\0';
  self->data = self->owned;
  self->len = len;
  self->name = g_strdup (name ? name : "data");
  return reader_init (self, error);
}

void
tam_csv_reader_free (TamCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->mapped, g_mapped_file_unref);
  g_free (self->owned);
  g_free (self->name);
  g_free (self->buf);
  g_free (self->offsets);
  g_clear_object (&self->cancellable);
  g_free (self);
}

/* Reads one field starting at self->pos; stops on the separator or the
 * line end without consuming it. Never copies or scans much more than
 * TAM_CSV_MAX_FIELD bytes of a field. */
static FieldStatus
read_field (TamCsvReader *self)
{
  const char *data = self->data;
  const char sep = self->sep;
  gsize pos = self->pos;
  const gsize len = self->len;
  gsize field_start;

  start_field (self);
  field_start = self->buf_len;
  self->field_line = self->line;

  if (pos < len && data[pos] == '"')
    {
      pos++;
      for (;;)
        {
          const char *q;
          gsize chunk, span;
          gsize allowance = TAM_CSV_MAX_FIELD - (self->buf_len - field_start);

          if (pos >= len)
            return FIELD_UNCLOSED;
          /* CRLF is copied as LF: the closing quote of a field that fits
           * lies within twice the room left. */
          span = MIN (len - pos, 2 * allowance + 2);
          q = memchr (data + pos, '"', span);
          if (q == NULL)
            {
              if (span < len - pos && memchr (data + pos + span, '"', len - pos - span) != NULL)
                return FIELD_TOO_LONG;
              return FIELD_UNCLOSED;
            }
          chunk = (gsize) (q - (data + pos));
          ensure_buf (self, chunk + 2);
          /* Copy the quoted text, turning CRLF into LF and counting
           * lines so later rows report the right line. */
          for (gsize i = 0; i < chunk; i++)
            {
              char c = data[pos + i];
              if (c == '\r' && i + 1 < chunk && data[pos + i + 1] == '\n')
                continue;
              if (c == '\n')
                self->line++;
              self->buf[self->buf_len++] = c;
            }
          pos += chunk + 1;
          if (pos < len && data[pos] == '"')
            {
              self->buf[self->buf_len++] = '"';
              pos++;
              if (self->buf_len - field_start > TAM_CSV_MAX_FIELD)
                return FIELD_TOO_LONG;
              continue;
            }
          if (self->buf_len - field_start > TAM_CSV_MAX_FIELD)
            return FIELD_TOO_LONG;
          break;
        }
    }

  /* Unquoted text, or stray text after a closing quote (kept as is, the
   * way spreadsheets read it). */
  {
    gsize start = pos;
    gsize n;
    gsize room = TAM_CSV_MAX_FIELD - (self->buf_len - field_start);
    /* One byte past the room is enough to know the field is too long. */
    gsize stop = pos + MIN (len - pos, room + 1);
    const guint64 seps = ONES * (guchar) sep;
    const guint64 lfs = ONES * (guchar) '\n';
    const guint64 crs = ONES * (guchar) '\r';

    while (stop - pos >= 8)
      {
        guint64 w = load64 (data + pos);
        if (HAS_ZERO (w ^ seps) || HAS_ZERO (w ^ lfs) || HAS_ZERO (w ^ crs))
          break;
        pos += 8;
      }
    while (pos < stop)
      {
        char c = data[pos];
        if (c == sep || c == '\n' || c == '\r')
          break;
        pos++;
      }
    n = pos - start;
    if (n > room)
      return FIELD_TOO_LONG;
    ensure_buf (self, n + 1);
    memcpy (self->buf + self->buf_len, data + start, n);
    self->buf_len += n;
    self->buf[self->buf_len++] = '\0';
  }
  self->pos = pos;
  return FIELD_OK;
}

void
tam_csv_reader_set_cancellable (TamCsvReader *self,
                                GCancellable *cancellable)
{
  g_return_if_fail (self != NULL);
  g_set_object (&self->cancellable, cancellable);
}

int
tam_csv_reader_next (TamCsvReader *self,
                     GError **error)
{
  g_return_val_if_fail (self != NULL, -1);

  for (;;)
    {
      gsize row_start = self->pos;

      if (self->pos >= self->len)
        {
          self->n_fields = 0;
          return 0;
        }
      /* Every row, blank lines too. */
      if (self->cancellable != NULL && g_cancellable_set_error_if_cancelled (self->cancellable, error))
        {
          self->n_fields = 0;
          return -1;
        }
      /* Rows are copied into buf: what lies behind is read for good. */
      if (self->mapped != NULL && row_start - self->released >= RELEASE_STEP)
        {
          tam_mapped_release (self->data, self->released, row_start);
          self->released = row_start;
        }

      self->row_line = self->line;
      self->buf_len = 0;
      self->n_fields = 0;

      for (;;)
        {
          char c;
          FieldStatus status = read_field (self);

          if (status == FIELD_OK && self->pos - row_start > TAM_CSV_MAX_ROW)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                           _ ("%s:%u: column %u: the row is longer than %d KB, the most a row may hold"),
                           self->name, self->field_line, self->n_fields, TAM_CSV_MAX_ROW / 1024);
              self->pos = self->len;
              self->n_fields = 0;
              return -1;
            }
          if (status == FIELD_TOO_LONG)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                           _ ("%s:%u: column %u: the field is longer than %d KB, the most a field may hold"),
                           self->name, self->field_line, self->n_fields, TAM_CSV_MAX_FIELD / 1024);
              self->pos = self->len;
              self->n_fields = 0;
              return -1;
            }
          if (status == FIELD_UNCLOSED)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_IMPORT,
                           _ ("%s:%u: a quoted field starts on this line and is never closed"),
                           self->name, self->field_line);
              self->pos = self->len;
              self->n_fields = 0;
              return -1;
            }
          if (self->pos >= self->len)
            break;
          c = self->data[self->pos++];
          if (c == self->sep)
            continue;
          if (c == '\r' && self->pos < self->len && self->data[self->pos] == '\n')
            self->pos++;
          self->line++;
          break;
        }

      /* A blank line: nothing between two line ends. */
      if (self->n_fields == 1 && self->buf[0] == '\0' && self->data[row_start] != '"')
        continue;
      return 1;
    }
}

guint
tam_csv_reader_n_fields (TamCsvReader *self)
{
  return self->n_fields;
}

const char *
tam_csv_reader_field (TamCsvReader *self,
                      guint index)
{
  if (index >= self->n_fields)
    return "";
  return self->buf + self->offsets[index];
}

guint
tam_csv_reader_line (TamCsvReader *self)
{
  return self->row_line;
}

char
tam_csv_reader_separator (TamCsvReader *self)
{
  return self->sep;
}

double
tam_csv_reader_progress (TamCsvReader *self)
{
  if (self->len == 0)
    return 1.0;
  return (double) self->pos / (double) self->len;
}

gboolean
tam_csv_field_is_formula (const char *field,
                          gsize len)
{
  gsize i = 0;
  gboolean digits = FALSE;

  if (len == 0)
    return FALSE;
  switch (field[0])
    {
    case '=':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    case '+':
    case '-':
      break;
    default:
      return FALSE;
    }
  /* A plain signed number ("-5", "+62812", "-0.25") is a number to a
   * spreadsheet, not a formula: leave it as it is. "-1+1" is a formula. */
  i = 1;
  while (i < len && g_ascii_isdigit (field[i]))
    i++, digits = TRUE;
  if (digits && i < len && (field[i] == '.' || field[i] == ','))
    {
      i++;
      digits = FALSE;
      while (i < len && g_ascii_isdigit (field[i]))
        i++, digits = TRUE;
    }
  return !(digits && i == len);
}

void
tam_csv_append_field (GString *line,
                      const char *field,
                      gssize len,
                      char separator)
{
  gboolean quote = FALSE;
  gsize n;

  if (field == NULL)
    field = "";
  n = len < 0 ? strlen (field) : (gsize) len;
  if (tam_csv_field_is_formula (field, n))
    {
      /* OWASP's advice for CSV injection: a leading apostrophe makes a
       * spreadsheet take the cell as text. The apostrophe is quoted with
       * the rest when the field needs quotes. */
      GString *safe = g_string_sized_new (n + 1);

      g_string_append_c (safe, '\'');
      g_string_append_len (safe, field, n);
      tam_csv_append_field (line, safe->str, (gssize) safe->len, separator);
      g_string_free (safe, TRUE);
      return;
    }
  if (n > 0 && (field[0] == ' ' || field[0] == '\t' || field[n - 1] == ' ' || field[n - 1] == '\t'))
    quote = TRUE;
  for (gsize i = 0; i < n && !quote; i++)
    if (field[i] == separator || field[i] == '"' || field[i] == '\n' || field[i] == '\r')
      quote = TRUE;

  if (!quote)
    {
      g_string_append_len (line, field, n);
      return;
    }
  g_string_append_c (line, '"');
  for (gsize i = 0; i < n; i++)
    {
      if (field[i] == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, field[i]);
    }
  g_string_append_c (line, '"');
}
