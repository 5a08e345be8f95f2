/* tam-xlsx-reader.c: the first worksheet of an .xlsx, row by row.
 *
 * The container is opened with libzip; every XML part is read through
 * libxml2's xmlTextReader straight from the zip entry (xmlReaderForIO over
 * zip_fread), so no part is ever held whole in memory and no tree is
 * built. The shared strings are kept (in one GStringChunk) because cells
 * refer to them by index; the styles only as one flag per cell format
 * (date, time or neither), so date cells can be given as dates.
 *
 * Bounds (see the header): every read from a zip entry counts the
 * inflated bytes against the part and total limits and checks the
 * cancellable; a DOCTYPE node in any part is refused; a row never grows
 * past the caller's column limit, and empty cells are never placed, so a
 * sheet of styled cells at column XFD costs nothing per cell. */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "tam-dates.h"
#include "tam-error.h"
#include "tam-xlsx-reader.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_REL_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"

typedef enum
{
  FMT_NONE,
  FMT_DATE,
  FMT_TIME,
  FMT_DATETIME,
} FormatKind;

typedef struct _TamXlsxReader TamXlsxReaderSelf;

/* One zip entry read as an XML stream. */
typedef struct
{
  TamXlsxReaderSelf *owner;
  char *name; /* the part's name, for messages */
  zip_file_t *file;
  xmlTextReaderPtr xml;
  zip_uint64_t size;
  zip_uint64_t done;
  char *io_error;  /* libzip's message when a read failed */
  char *xml_error; /* libxml2's first message */
  gboolean cancelled;
  gboolean too_large;       /* over the part limit */
  gboolean too_large_total; /* over the total limit */
  gboolean doctype;         /* a DOCTYPE or entity node */
  char *limit_error;        /* set by the parsers (a cell too long) */
  GString *prolog;          /* the bytes before the root element, while read */
  gboolean prolog_done;
} Entry;

struct _TamXlsxReader
{
  char *path;
  zip_t *zip;
  Entry *sheet;
  guint64 max_part_size;
  guint64 max_total_size;
  guint64 inflated; /* bytes read from every part so far */
  GCancellable *cancellable;
  guint max_columns; /* 0: no limit */

  /* The shared strings: NUL-terminated in @shared_text, found by their
   * offset (4 bytes a string; "" is offset 0, shared by all). */
  GString *shared_text;
  guint32 *shared;
  guint n_shared;
  guint shared_size;
  GByteArray *styles; /* cell format index -> FormatKind */
  gboolean date1904;

  GString *row_text; /* the fields of the row, NUL-separated */
  GArray *offsets;   /* gsize: where each field starts */
  GPtrArray *fields; /* const char * into @row_text */
  GString *cell;
  guint row;
  guint next_column; /* of a cell without a reference */
  guint n_cells;     /* cells seen, for the cancel check */
  guint n_rows;      /* <row> elements seen, blank ones too */
  gboolean done;

  /* The sheet's element and attribute names as interned by the reader's
   * dictionary: compared by address, not strcmp, on every node. */
  const xmlChar *n_row, *n_c, *n_v, *n_is, *n_t, *n_rph, *n_sheet_data, *n_r, *n_s;
};

/* ------------------------------------------------------------------ */
/* Zip entries as XML streams */

/* What the bytes before the root element hold: 1 a document type
 * (<!DOCTYPE, or any other <! that is not a comment), 0 the root element
 * starts without one, -1 not known yet. */
static int
prolog_verdict (const char *p,
                gsize n)
{
  gsize i = 0;

  while (i < n)
    {
      const char *lt = memchr (p + i, '<', n - i);
      const char *end;

      if (lt == NULL)
        return -1;
      i = (gsize) (lt - p);
      if (n - i < 2)
        return -1;
      if (p[i + 1] == '?')
        {
          end = memmem (p + i + 2, n - i - 2, "?>", 2);
          if (end == NULL)
            return -1;
          i = (gsize) (end - p) + 2;
        }
      else if (p[i + 1] == '!')
        {
          if (n - i < 4)
            return -1;
          if (memcmp (p + i, "<!--", 4) != 0)
            return 1;
          end = memmem (p + i + 4, n - i - 4, "-->", 3);
          if (end == NULL)
            return -1;
          i = (gsize) (end - p) + 3;
        }
      else
        return 0;
    }
  return -1;
}

/* Refuses a document type before libxml2 parses it: its internal subset
 * is where entities are declared (and where libxml2 would expand the
 * billion laughs while checking them). The node check in entry_next stays
 * for what this does not see (a part in UTF-16). */
static gboolean
prolog_check (Entry *e,
              const char *buffer,
              gsize n)
{
  int verdict;

  if (e->prolog_done)
    return TRUE;
  if (e->prolog == NULL)
    e->prolog = g_string_new (NULL);
  g_string_append_len (e->prolog, buffer, (gssize) n);
  verdict = prolog_verdict (e->prolog->str, e->prolog->len);
  if (verdict == 1)
    {
      e->doctype = TRUE;
      return FALSE;
    }
  /* A prolog of comments longer than 64 KB is left to the node check. */
  if (verdict == 0 || n == 0 || e->prolog->len > 64 * 1024)
    {
      e->prolog_done = TRUE;
      g_string_free (g_steal_pointer (&e->prolog), TRUE);
    }
  return TRUE;
}

/* Counts what is inflated against the limits and checks the cancel
 * before every read: libxml2 reads a few kilobytes at a time, so a bomb
 * stops within one read of its limit, whatever its header says. */
static int
entry_read_cb (void *context,
               char *buffer,
               int len)
{
  Entry *e = context;
  TamXlsxReaderSelf *self = e->owner;
  zip_int64_t n;

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      e->cancelled = TRUE;
      return -1;
    }
  n = zip_fread (e->file, buffer, (zip_uint64_t) len);
  if (n < 0)
    {
      if (e->io_error == NULL)
        e->io_error = g_strdup (zip_file_strerror (e->file));
      return -1;
    }
  e->done += (zip_uint64_t) n;
  self->inflated += (guint64) n;
  if (e->done > self->max_part_size)
    {
      e->too_large = TRUE;
      return -1;
    }
  if (self->inflated > self->max_total_size)
    {
      e->too_large_total = TRUE;
      return -1;
    }
  if (!prolog_check (e, buffer, (gsize) n))
    return -1;
  return (int) n;
}

static int
entry_close_cb (void *context)
{
  return 0;
}

static void
entry_error_cb (void *context,
                xmlErrorPtr error)
{
  Entry *e = context;

  if (e->xml_error == NULL && error != NULL && error->message != NULL)
    {
      g_autofree char *message = g_strstrip (g_strdup (error->message));
      e->xml_error = g_strdup_printf (_ ("line %d: %s"), error->line, message);
    }
}

static void
entry_free (Entry *e)
{
  if (e == NULL)
    return;
  if (e->xml != NULL)
    xmlFreeTextReader (e->xml);
  if (e->file != NULL)
    zip_fclose (e->file);
  g_free (e->name);
  g_free (e->io_error);
  g_free (e->xml_error);
  g_free (e->limit_error);
  if (e->prolog != NULL)
    g_string_free (e->prolog, TRUE);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

static void entry_set_error (TamXlsxReader *self,
                             Entry *e,
                             GError **error);

/* NULL without an error when the entry does not exist. */
static Entry *
entry_open (TamXlsxReader *self,
            const char *name,
            GError **error)
{
  g_autoptr (Entry) e = g_new0 (Entry, 1);
  zip_stat_t st;
  zip_int64_t index;

  index = zip_name_locate (self->zip, name, ZIP_FL_NOCASE);
  if (index < 0)
    return NULL;
  e->owner = self;
  e->name = g_strdup (name);
  zip_stat_init (&st);
  if (zip_stat_index (self->zip, (zip_uint64_t) index, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
    e->size = st.size;
  /* What the zip says first; the reads count again (it may lie). */
  if (e->size > self->max_part_size || self->inflated + e->size > self->max_total_size)
    {
      e->too_large = e->size > self->max_part_size;
      e->too_large_total = !e->too_large;
      entry_set_error (self, e, error);
      return NULL;
    }
  e->file = zip_fopen_index (self->zip, (zip_uint64_t) index, 0);
  if (e->file == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                   _ ("“%s” is damaged: cannot read %s (%s)"),
                   self->path, name, zip_strerror (self->zip));
      return NULL;
    }
  /* No network, no entity expansion: the file is untrusted input. */
  e->xml = xmlReaderForIO (entry_read_cb, entry_close_cb, e, name, NULL,
                           XML_PARSE_NONET | XML_PARSE_COMPACT);
  if (e->xml == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED,
                   _ ("“%s”: cannot read %s"), self->path, name);
      return NULL;
    }
  xmlTextReaderSetStructuredErrorHandler (e->xml, entry_error_cb, e);
  return g_steal_pointer (&e);
}

/* xmlTextReaderRead, refusing a document type: entities are declared
 * there, and none is ever wanted in an .xlsx. */
static int
entry_next (Entry *e)
{
  int rc = xmlTextReaderRead (e->xml);

  if (rc == 1)
    {
      int type = xmlTextReaderNodeType (e->xml);
      if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY ||
          type == XML_READER_TYPE_ENTITY_REFERENCE)
        {
          e->doctype = TRUE;
          return -1;
        }
    }
  return rc;
}

/* Turns a failed xmlTextReaderRead into an error naming the file and
 * the part. */
static void
entry_set_error (TamXlsxReader *self,
                 Entry *e,
                 GError **error)
{
  const char *name = e->name;

  if (e->cancelled || g_cancellable_is_cancelled (self->cancellable))
    {
      if (!g_cancellable_set_error_if_cancelled (self->cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Cancelled"));
    }
  else if (e->too_large)
    {
      g_autofree char *limit = g_format_size_full (self->max_part_size, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("“%s” is refused: its part %s inflates to more than %s, the limit for one part of an .xlsx"),
                   self->path, name, limit);
    }
  else if (e->too_large_total)
    {
      g_autofree char *limit = g_format_size_full (self->max_total_size, G_FORMAT_SIZE_IEC_UNITS);
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("“%s” is refused: its parts inflate to more than %s together (at %s), the limit for an .xlsx"),
                   self->path, limit, name);
    }
  else if (e->doctype)
    g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                 _ ("“%s” is refused: %s declares a document type (<!DOCTYPE>); external entities are not allowed"),
                 self->path, name);
  else if (e->limit_error != NULL)
    g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, "“%s”: %s: %s", self->path, name, e->limit_error);
  else if (e->io_error != NULL)
    g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                 _ ("“%s” is damaged or truncated: %s: %s"), self->path, name, e->io_error);
  else
    g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                 _ ("“%s” is damaged or truncated: %s: %s"), self->path, name,
                 e->xml_error ? e->xml_error : _ ("bad XML"));
}

static const char *
local_name (xmlTextReaderPtr xml)
{
  const xmlChar *name = xmlTextReaderConstLocalName (xml);
  return name ? (const char *) name : "";
}

/* The value of attribute @name (no namespace) of the current element, or
 * NULL; valid until the reader moves on. Walks the attributes without
 * allocating. */
static const char *
attribute (xmlTextReaderPtr xml,
           const char *name)
{
  const char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (xml) != 1)
    return NULL;
  do
    {
      if (xmlTextReaderConstNamespaceUri (xml) == NULL &&
          strcmp (local_name (xml), name) == 0)
        {
          value = (const char *) xmlTextReaderConstValue (xml);
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (xml) == 1);
  xmlTextReaderMoveToElement (xml);
  return value;
}

/* ------------------------------------------------------------------ */
/* Dates */

char *
tam_xlsx_serial_to_iso (double serial)
{
  int y, m, d, hh, mm, ss;

  if (!tam_serial_to_parts (serial, FALSE, &y, &m, &d, &hh, &mm, &ss))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mm, ss);
}

/* Whether a number format shows a date, a time, or both. Quoted text,
 * escaped characters, [colour/locale] sections and padding are skipped;
 * "m" is a month unless hours or seconds are shown. */
static FormatKind
classify_format_code (const char *code)
{
  gboolean date = FALSE, time = FALSE, month_or_minute = FALSE;

  for (const char *s = code; s && *s; s++)
    {
      switch (*s)
        {
        case '"':
          s = strchr (s + 1, '"');
          if (s == NULL)
            return FMT_NONE;
          break;
        case '\\':
        case '_':
        case '*':
          if (s[1] != '\0')
            s++;
          break;
        case '[':
          {
            const char *end = strchr (s, ']');
            /* [h], [mm], [ss]: elapsed time */
            if (end != NULL && end - s >= 2 && strchr ("hHmMsS", s[1]) != NULL)
              time = TRUE;
            if (end == NULL)
              return FMT_NONE;
            s = end;
          }
          break;
        case 'y':
        case 'Y':
        case 'd':
        case 'D':
          date = TRUE;
          break;
        case 'h':
        case 'H':
        case 's':
        case 'S':
          time = TRUE;
          break;
        case 'm':
        case 'M':
          month_or_minute = TRUE;
          break;
        default:
          break;
        }
    }
  if (month_or_minute && !time)
    date = TRUE;
  if (date && time)
    return FMT_DATETIME;
  return date ? FMT_DATE : time ? FMT_TIME
                                : FMT_NONE;
}

static FormatKind
classify_builtin_format (int id)
{
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
      (id >= 50 && id <= 58))
    return FMT_DATE;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47))
    return FMT_TIME;
  if (id == 22)
    return FMT_DATETIME;
  return FMT_NONE;
}

/* xl/styles.xml: which cell formats (the s="" of a cell) are dates. */
static gboolean
load_styles (TamXlsxReader *self,
             GError **error)
{
  g_autoptr (Entry) e = NULL;
  g_autoptr (GHashTable) custom = g_hash_table_new (NULL, NULL);
  GError *local_error = NULL;
  gboolean in_cell_xfs = FALSE;
  int rc;

  e = entry_open (self, "xl/styles.xml", &local_error);
  if (e == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return TRUE; /* no styles: no dates */
    }

  while ((rc = entry_next (e)) == 1)
    {
      int type = xmlTextReaderNodeType (e->xml);
      const char *name = local_name (e->xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (strcmp (name, "numFmt") == 0)
            {
              /* Each attribute value is used before the next is read: the
               * reader may hand out the same buffer again. */
              const char *id_text = attribute (e->xml, "numFmtId");
              int id = id_text ? atoi (id_text) : -1;
              FormatKind kind;

              if (id < 0)
                continue;
              kind = classify_format_code (attribute (e->xml, "formatCode"));
              g_hash_table_insert (custom, GINT_TO_POINTER (id + 1), GINT_TO_POINTER (kind + 1));
            }
          else if (strcmp (name, "cellXfs") == 0 && !xmlTextReaderIsEmptyElement (e->xml))
            in_cell_xfs = TRUE;
          else if (in_cell_xfs && strcmp (name, "xf") == 0)
            {
              const char *id_text = attribute (e->xml, "numFmtId");
              int id = id_text ? atoi (id_text) : 0;
              gpointer kind = g_hash_table_lookup (custom, GINT_TO_POINTER (id + 1));
              guint8 k = kind ? (guint8) (GPOINTER_TO_INT (kind) - 1)
                              : (guint8) classify_builtin_format (id);

              g_byte_array_append (self->styles, &k, 1);
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && strcmp (name, "cellXfs") == 0)
        in_cell_xfs = FALSE;
    }
  if (rc < 0)
    {
      entry_set_error (self, e, error);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Shared strings, workbook */

/* Whether @text (of @len bytes) holds more characters than a cell may. */
static gboolean
too_long (const char *text,
          gsize len)
{
  /* At most 4 bytes a character: counted only when it may be over. */
  if (len <= TAM_XLSX_MAX_CELL_CHARS)
    return FALSE;
  if (len > 4 * TAM_XLSX_MAX_CELL_CHARS)
    return TRUE;
  return g_utf8_strlen (text, (gssize) len) > TAM_XLSX_MAX_CELL_CHARS;
}

static void
add_shared (TamXlsxReader *self,
            const char *text,
            gsize len)
{
  guint32 off = 0;

  if (self->n_shared == self->shared_size)
    {
      /* Grown by hand, not GArray: gc-friendly would clear it all. */
      self->shared_size = self->shared_size ? self->shared_size * 2 : 1024;
      self->shared = g_renew (guint32, self->shared, self->shared_size);
    }
  if (len > 0)
    {
      off = (guint32) self->shared_text->len;
      g_string_append_len (self->shared_text, text, (gssize) len);
      g_string_append_c (self->shared_text, '\0');
    }
  self->shared[self->n_shared++] = off;
}

/* xl/sharedStrings.xml: each <si> is the text of its <t> elements (plain
 * or rich-text runs), leaving out phonetic guides (<rPh>). */
static gboolean
load_shared_strings (TamXlsxReader *self,
                     GError **error)
{
  g_autoptr (Entry) e = NULL;
  g_autoptr (GString) text = g_string_new (NULL);
  GError *local_error = NULL;
  gboolean in_si = FALSE, in_t = FALSE;
  int in_rph = 0;
  int rc;

  e = entry_open (self, "xl/sharedStrings.xml", &local_error);
  if (e == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      return TRUE; /* only inline strings and numbers */
    }

  while ((rc = entry_next (e)) == 1)
    {
      int type = xmlTextReaderNodeType (e->xml);
      const char *name;

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          name = local_name (e->xml);
          if (strcmp (name, "si") == 0)
            {
              g_string_truncate (text, 0);
              if (xmlTextReaderIsEmptyElement (e->xml))
                add_shared (self, "", 0);
              else
                in_si = TRUE;
            }
          else if (strcmp (name, "rPh") == 0 && !xmlTextReaderIsEmptyElement (e->xml))
            in_rph++;
          else if (strcmp (name, "t") == 0 && in_si && in_rph == 0 &&
                   !xmlTextReaderIsEmptyElement (e->xml))
            in_t = TRUE;
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_WHITESPACE:
          if (in_t)
            {
              g_string_append (text, (const char *) xmlTextReaderConstValue (e->xml));
              if (too_long (text->str, text->len))
                {
                  e->limit_error = g_strdup_printf (_ ("shared string %u holds more than %d characters, more than a cell may"),
                                                    self->n_shared + 1, TAM_XLSX_MAX_CELL_CHARS);
                  rc = -1;
                  goto out;
                }
            }
          break;

        case XML_READER_TYPE_END_ELEMENT:
          name = local_name (e->xml);
          if (strcmp (name, "t") == 0)
            in_t = FALSE;
          else if (strcmp (name, "rPh") == 0 && in_rph > 0)
            in_rph--;
          else if (strcmp (name, "si") == 0 && in_si)
            {
              if (self->shared_text->len + text->len + 1 > G_MAXUINT32)
                {
                  e->too_large = TRUE;
                  rc = -1;
                  goto out;
                }
              add_shared (self, text->str, text->len);
              in_si = FALSE;
            }
          break;

        default:
          break;
        }
    }
out:
  if (rc < 0)
    {
      entry_set_error (self, e, error);
      return FALSE;
    }
  return TRUE;
}

/* The part name of worksheet @index (0-based, workbook order), from
 * xl/workbook.xml and its relationships; NULL when they do not say (the
 * caller falls back to xl/worksheets/sheet1.xml for the first). Also reads
 * the 1904 date system flag. */
static char *
sheet_part (TamXlsxReader *self,
            guint index,
            GError **error)
{
  guint seen = 0;
  g_autoptr (Entry) wb = NULL;
  g_autoptr (Entry) rels = NULL;
  g_autofree char *rel_id = NULL;
  g_autofree char *target = NULL;
  GError *local_error = NULL;
  int rc;

  wb = entry_open (self, "xl/workbook.xml", &local_error);
  if (wb == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return NULL;
    }
  while ((rc = entry_next (wb)) == 1 && rel_id == NULL)
    {
      const char *name;

      if (xmlTextReaderNodeType (wb->xml) != XML_READER_TYPE_ELEMENT)
        continue;
      name = local_name (wb->xml);
      if (strcmp (name, "workbookPr") == 0)
        {
          const char *v = attribute (wb->xml, "date1904");
          self->date1904 = v != NULL && (strcmp (v, "1") == 0 || strcmp (v, "true") == 0);
        }
      else if (strcmp (name, "sheet") == 0 && seen++ == index)
        {
          xmlChar *id = xmlTextReaderGetAttributeNs (wb->xml, (const xmlChar *) "id",
                                                     (const xmlChar *) NS_REL);
          if (id == NULL)
            id = xmlTextReaderGetAttributeNs (wb->xml, (const xmlChar *) "id",
                                              (const xmlChar *) NS_REL_STRICT);
          if (id != NULL)
            {
              rel_id = g_strdup ((const char *) id);
              xmlFree (id);
            }
          else
            break;
        }
    }
  if (rc < 0)
    {
      entry_set_error (self, wb, error);
      return NULL;
    }
  if (rel_id == NULL)
    return NULL;

  rels = entry_open (self, "xl/_rels/workbook.xml.rels", &local_error);
  if (rels == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return NULL;
    }
  while ((rc = entry_next (rels)) == 1 && target == NULL)
    {
      if (xmlTextReaderNodeType (rels->xml) == XML_READER_TYPE_ELEMENT &&
          strcmp (local_name (rels->xml), "Relationship") == 0 &&
          g_strcmp0 (attribute (rels->xml, "Id"), rel_id) == 0)
        {
          const char *t = attribute (rels->xml, "Target");
          if (t != NULL)
            target = t[0] == '/' ? g_strdup (t + 1) : g_strconcat ("xl/", t, NULL);
        }
    }
  if (rc < 0)
    {
      entry_set_error (self, rels, error);
      return NULL;
    }
  return g_steal_pointer (&target);
}

/* ------------------------------------------------------------------ */
/* Open */

TamXlsxReader *
tam_xlsx_reader_open (const char *path,
                      GError **error)
{
  return tam_xlsx_reader_open_sheet (path, 0, error);
}

TamXlsxReader *
tam_xlsx_reader_open_sheet (const char *path,
                            guint index,
                            GError **error)
{
  return tam_xlsx_reader_open_full (path, index, NULL, NULL, error);
}

TamXlsxReader *
tam_xlsx_reader_open_full (const char *path,
                           guint index,
                           const TamXlsxLimits *limits,
                           GCancellable *cancellable,
                           GError **error)
{
  g_autoptr (TamXlsxReader) self = NULL;
  g_autofree char *part = NULL;
  GError *local_error = NULL;
  unsigned char magic[4] = { 0 };
  size_t n;
  FILE *fp;
  int zerr = 0;

  g_return_val_if_fail (path != NULL, NULL);

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot open “%s”: %s"),
                   path, g_strerror (saved));
      return NULL;
    }
  n = fread (magic, 1, sizeof magic, fp);
  fclose (fp);
  if (n < sizeof magic || memcmp (magic, "PK\3\4", 4) != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("“%s” is not an .xlsx file (not a zip container)"), path);
      return NULL;
    }

  self = g_new0 (TamXlsxReader, 1);
  self->path = g_strdup (path);
  self->max_part_size = limits && limits->max_part_size ? limits->max_part_size : TAM_XLSX_MAX_PART_SIZE;
  self->max_total_size = limits && limits->max_total_size ? limits->max_total_size : TAM_XLSX_MAX_TOTAL_SIZE;
  self->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  self->shared_text = g_string_new_len ("", 1); /* offset 0: "" */
  self->styles = g_byte_array_new ();
  self->row_text = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  self->cell = g_string_sized_new (64);

  self->zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  if (self->zip == NULL)
    {
      zip_error_t ze;

      zip_error_init_with_code (&ze, zerr);
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                   _ ("“%s” is damaged or truncated (%s)"), path, zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return NULL;
    }

  if (!load_shared_strings (self, error) || !load_styles (self, error))
    return NULL;
  part = sheet_part (self, index, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (part != NULL)
    self->sheet = entry_open (self, part, &local_error);
  if (self->sheet == NULL && local_error == NULL && index == 0)
    self->sheet = entry_open (self, "xl/worksheets/sheet1.xml", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (self->sheet == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("“%s” has no worksheet %u"), path, index + 1);
      return NULL;
    }
#define INTERN(s) xmlTextReaderConstString (self->sheet->xml, (const xmlChar *) (s))
  self->n_row = INTERN ("row");
  self->n_c = INTERN ("c");
  self->n_v = INTERN ("v");
  self->n_is = INTERN ("is");
  self->n_t = INTERN ("t");
  self->n_rph = INTERN ("rPh");
  self->n_sheet_data = INTERN ("sheetData");
  self->n_r = INTERN ("r");
  self->n_s = INTERN ("s");
#undef INTERN
  return g_steal_pointer (&self);
}

void
tam_xlsx_reader_set_max_columns (TamXlsxReader *self,
                                 guint max_columns)
{
  g_return_if_fail (self != NULL);
  self->max_columns = max_columns;
}

void
tam_xlsx_reader_free (TamXlsxReader *self)
{
  if (self == NULL)
    return;
  entry_free (self->sheet);
  if (self->zip != NULL)
    zip_discard (self->zip);
  g_free (self->path);
  g_clear_object (&self->cancellable);
  g_string_free (self->shared_text, TRUE);
  g_free (self->shared);
  g_byte_array_unref (self->styles);
  g_string_free (self->row_text, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->fields);
  g_string_free (self->cell, TRUE);
  g_free (self);
}

/* ------------------------------------------------------------------ */
/* Rows */

/* "C5" -> column 2 (0-based); -1 when there are no letters. */
static int
ref_column (const char *ref)
{
  int col = 0, letters = 0;

  for (; ref && g_ascii_isalpha (*ref); ref++, letters++)
    {
      col = col * 26 + (g_ascii_toupper (*ref) - 'A' + 1);
      if (col > 16384)
        return -1;
    }
  return letters > 0 ? col - 1 : -1;
}

/* Plain decimal notation with at most 15 significant digits is already
 * what Excel shows: copied as is (most cells), no conversion. */
static gboolean
is_plain_number (const char *text)
{
  const char *s = text;
  int digits = 0;
  gboolean dot = FALSE;

  if (*s == '-')
    s++;
  if (!g_ascii_isdigit (*s) || (s[0] == '0' && g_ascii_isdigit (s[1])))
    return FALSE;
  for (; *s; s++)
    {
      if (g_ascii_isdigit (*s))
        digits++;
      else if (*s == '.' && !dot && g_ascii_isdigit (s[1]))
        dot = TRUE;
      else
        return FALSE;
    }
  /* "2.50" would show as 2.5 */
  return digits <= 15 && !(dot && s[-1] == '0');
}

static void
append_number (GString *out,
               const char *text)
{
  char *end = NULL;
  double v;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (is_plain_number (text))
    {
      g_string_append (out, text);
      return;
    }
  v = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (v))
    {
      g_string_append (out, text);
      return;
    }
  if (v == floor (v) && fabs (v) < 1e15)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) v);
      return;
    }
  /* As Excel shows it: 15 significant digits, so 0.1 + 0.2 reads 0.3. */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.15g", v));
}

static void
append_date (GString *out,
             const char *text,
             FormatKind kind,
             gboolean date1904)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);
  int y, m, d, hh, mm, ss;

  if (end == text || *end != '\0')
    {
      g_string_append (out, text);
      return;
    }
  if (kind == FMT_TIME && v >= 0 && v < 1)
    {
      gint64 secs = (gint64) llround (v * 86400.0) % 86400;
      g_string_append_printf (out, "%02d:%02d:%02d",
                              (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
      return;
    }
  if (!tam_serial_to_parts (v, date1904, &y, &m, &d, &hh, &mm, &ss))
    {
      append_number (out, text);
      return;
    }
  if (kind == FMT_DATE)
    g_string_append_printf (out, "%04d-%02d-%02d", y, m, d);
  else
    g_string_append_printf (out, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, hh, mm, ss);
}

static void
add_field (TamXlsxReader *self)
{
  gsize off = self->row_text->len;

  g_array_append_val (self->offsets, off);
}

typedef struct
{
  int column;    /* 0-based, from r="C5"; -1 without a reference */
  guint slot;    /* where the value goes in the row */
  gboolean skip; /* right of the column limit, with a value there already */
  char type[12];
  int style;
  gboolean in_v;
  gboolean in_is;
  gboolean in_t;
  int in_rph;
} CellState;

/* Column @col (0-based) as letters: 0 -> "A", 16383 -> "XFD". */
static void
column_name (guint col,
             char buf[8])
{
  char tmp[8];
  int n = 0, i = 0;

  col++;
  while (col > 0 && n < 7)
    {
      tmp[n++] = (char) ('A' + (col - 1) % 26);
      col = (col - 1) / 26;
    }
  while (n > 0)
    buf[i++] = tmp[--n];
  buf[i] = '\0';
}

/* Decides where a cell goes as it starts; FALSE on cells out of order. */
static gboolean
start_cell (TamXlsxReader *self,
            CellState *c,
            GError **error)
{
  guint col;

  if (c->column >= 0)
    {
      col = (guint) c->column;
      if (col < self->next_column)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                       _ ("“%s” is damaged: row %u has its cells out of order"), self->path, self->row);
          return FALSE;
        }
    }
  else
    col = self->next_column;
  if (col < G_MAXUINT)
    self->next_column = col + 1;
  c->slot = col;
  if (self->max_columns > 0 && col >= self->max_columns)
    {
      /* Right of the limit: one slot for the first value found there. */
      c->slot = self->max_columns;
      c->skip = self->offsets->len > self->max_columns;
    }
  return TRUE;
}

/* Places the finished cell in the row at its slot, "" in any gap before
 * it. An empty cell is not placed (the gap reads as "" all the same), so
 * formatting far to the right costs nothing. */
static gboolean
finish_cell (TamXlsxReader *self,
             CellState *c,
             GError **error)
{
  const char *raw = self->cell->str;
  guint old_fields = self->offsets->len;
  gsize old_len = self->row_text->len;
  gsize value_start;

  if (c->skip)
    return TRUE;
  if (too_long (raw, self->cell->len))
    {
      char name[8];

      column_name (c->column >= 0 ? (guint) c->column : c->slot, name);
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("“%s”: row %u, column %s: the cell holds more than %d characters, more than a cell may"),
                   self->path, self->row, name, TAM_XLSX_MAX_CELL_CHARS);
      return FALSE;
    }
  while (self->offsets->len < c->slot)
    {
      add_field (self);
      g_string_append_c (self->row_text, '\0');
    }
  add_field (self);
  value_start = self->row_text->len;

  if (strcmp (c->type, "s") == 0)
    {
      char *end = NULL;
      guint64 index = g_ascii_strtoull (raw, &end, 10);

      if (*raw == '\0' || end == NULL || *end != '\0' || index >= self->n_shared)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                       _ ("“%s” is damaged: row %u refers to shared string “%s”, which does not exist"),
                       self->path, self->row, raw);
          return FALSE;
        }
      g_string_append (self->row_text, self->shared_text->str + self->shared[index]);
    }
  else if (strcmp (c->type, "b") == 0)
    g_string_append (self->row_text, strcmp (raw, "1") == 0 ? "TRUE" : *raw ? "FALSE"
                                                                            : "");
  else if (strcmp (c->type, "inlineStr") == 0 || strcmp (c->type, "str") == 0 ||
           strcmp (c->type, "e") == 0 || strcmp (c->type, "d") == 0)
    g_string_append (self->row_text, raw);
  else if (*raw != '\0')
    {
      FormatKind kind = (c->style >= 0 && (guint) c->style < self->styles->len)
                            ? (FormatKind) self->styles->data[c->style]
                            : FMT_NONE;
      if (kind != FMT_NONE)
        append_date (self->row_text, raw, kind, self->date1904);
      else
        append_number (self->row_text, raw);
    }
  if (self->row_text->len == value_start)
    {
      /* Empty: as if the cell were not there. */
      g_array_set_size (self->offsets, old_fields);
      g_string_truncate (self->row_text, old_len);
      return TRUE;
    }
  g_string_append_c (self->row_text, '\0');
  return TRUE;
}

/* Builds the field pointers; FALSE when every field is empty. */
static gboolean
finish_row (TamXlsxReader *self)
{
  guint n = self->offsets->len;
  gboolean any = FALSE;

  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < n; i++)
    {
      const char *f = self->row_text->str + g_array_index (self->offsets, gsize, i);
      g_ptr_array_add (self->fields, (gpointer) f);
    }
  /* Trailing empty cells are formatting, not data. */
  while (self->fields->len > 0 && *(const char *) self->fields->pdata[self->fields->len - 1] == '\0')
    g_ptr_array_set_size (self->fields, self->fields->len - 1);
  any = self->fields->len > 0;
  return any;
}

static int next_row (TamXlsxReader *self,
                     GError **error);

int
tam_xlsx_reader_next (TamXlsxReader *self,
                      GError **error)
{
  int rc;

  g_return_val_if_fail (self != NULL, -1);

  if (self->done)
    return 0;
  rc = next_row (self, error);
  /* After an error the reader is at its end: nothing half-read follows. */
  if (rc < 0)
    self->done = TRUE;
  return rc;
}

static int
next_row (TamXlsxReader *self,
          GError **error)
{
  CellState c = { 0 };
  gboolean in_row = FALSE, in_cell = FALSE;
  xmlTextReaderPtr xml;
  int rc;

  xml = self->sheet->xml;
  g_ptr_array_set_size (self->fields, 0);

  while ((rc = xmlTextReaderRead (xml)) == 1)
    {
      int type = xmlTextReaderNodeType (xml);
      const xmlChar *name;

      switch (type)
        {
        case XML_READER_TYPE_ELEMENT:
          name = xmlTextReaderConstLocalName (xml);
          if (name == self->n_row)
            {
              const char *r;
              guint64 number;

              /* Every row, blank ones too. */
              if (g_cancellable_set_error_if_cancelled (self->cancellable, error))
                return -1;
              if (++self->n_rows > TAM_XLSX_MAX_ROWS)
                {
                  g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                               _ ("“%s” is refused: the sheet has more than %d rows, more than a sheet may have"),
                               self->path, TAM_XLSX_MAX_ROWS);
                  return -1;
                }
              r = attribute (xml, "r");
              number = r ? g_ascii_strtoull (r, NULL, 10) : 0;
              self->row = number > 0 && number <= G_MAXUINT ? (guint) number : self->row + 1;
              g_string_truncate (self->row_text, 0);
              g_array_set_size (self->offsets, 0);
              self->next_column = 0;
              in_row = !xmlTextReaderIsEmptyElement (xml);
            }
          else if (in_row && name == self->n_c)
            {
              gboolean empty = xmlTextReaderIsEmptyElement (xml);

              /* And within a long row. */
              if (++self->n_cells % 4096 == 0 &&
                  g_cancellable_set_error_if_cancelled (self->cancellable, error))
                return -1;
              memset (&c, 0, sizeof c);
              c.column = -1;
              c.style = -1;
              c.type[0] = 'n';
              /* r, t and s in one walk over the attributes */
              if (xmlTextReaderMoveToFirstAttribute (xml) == 1)
                {
                  do
                    {
                      const xmlChar *a = xmlTextReaderConstLocalName (xml);
                      const char *v = (const char *) xmlTextReaderConstValue (xml);

                      if (xmlTextReaderConstNamespaceUri (xml) != NULL || v == NULL)
                        continue;
                      if (a == self->n_r)
                        c.column = ref_column (v);
                      else if (a == self->n_t)
                        g_strlcpy (c.type, v, sizeof c.type);
                      else if (a == self->n_s)
                        c.style = atoi (v);
                    }
                  while (xmlTextReaderMoveToNextAttribute (xml) == 1);
                  xmlTextReaderMoveToElement (xml);
                }
              g_string_truncate (self->cell, 0);
              if (!start_cell (self, &c, error))
                return -1;
              if (empty)
                {
                  if (!finish_cell (self, &c, error))
                    return -1;
                }
              else
                in_cell = TRUE;
            }
          else if (in_cell && !xmlTextReaderIsEmptyElement (xml))
            {
              if (name == self->n_v)
                c.in_v = TRUE;
              else if (name == self->n_is)
                c.in_is = TRUE;
              else if (name == self->n_rph)
                c.in_rph++;
              else if (name == self->n_t && c.in_is && c.in_rph == 0)
                c.in_t = TRUE;
            }
          break;

        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        case XML_READER_TYPE_WHITESPACE:
          if (in_cell && !c.skip && (c.in_v || c.in_t))
            {
              g_string_append (self->cell, (const char *) xmlTextReaderConstValue (xml));
              /* Refused at once when surely too long (checked exactly at
               * the cell's end), so the text never grows unbounded. */
              if (self->cell->len > 4 * TAM_XLSX_MAX_CELL_CHARS && !finish_cell (self, &c, error))
                return -1;
            }
          break;

        case XML_READER_TYPE_END_ELEMENT:
          name = xmlTextReaderConstLocalName (xml);
          if (in_cell)
            {
              if (name == self->n_v)
                c.in_v = FALSE;
              else if (name == self->n_t)
                c.in_t = FALSE;
              else if (name == self->n_rph && c.in_rph > 0)
                c.in_rph--;
              else if (name == self->n_is)
                c.in_is = FALSE;
              else if (name == self->n_c)
                {
                  in_cell = FALSE;
                  if (!finish_cell (self, &c, error))
                    return -1;
                }
            }
          else if (name == self->n_row)
            {
              in_row = FALSE;
              if (finish_row (self))
                return 1;
            }
          else if (name == self->n_sheet_data)
            {
              self->done = TRUE;
              return 0;
            }
          break;

        case XML_READER_TYPE_DOCUMENT_TYPE:
        case XML_READER_TYPE_ENTITY:
        case XML_READER_TYPE_ENTITY_REFERENCE:
          self->sheet->doctype = TRUE;
          rc = -1;
          goto out;

        default:
          break;
        }
    }

out:
  if (rc < 0)
    {
      self->done = TRUE;
      entry_set_error (self, self->sheet, error);
      return -1;
    }
  self->done = TRUE;
  if (in_row)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                   _ ("“%s” is damaged or truncated: the sheet ends inside row %u"),
                   self->path, self->row);
      return -1;
    }
  return 0;
}

guint
tam_xlsx_reader_n_fields (TamXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->fields->len;
}

const char *
tam_xlsx_reader_field (TamXlsxReader *self,
                       guint index)
{
  g_return_val_if_fail (self != NULL, "");
  return index < self->fields->len ? self->fields->pdata[index] : "";
}

guint
tam_xlsx_reader_row (TamXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->row;
}

double
tam_xlsx_reader_progress (TamXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  if (self->done)
    return 1.0;
  if (self->sheet == NULL || self->sheet->size == 0)
    return 0.0;
  return MIN (1.0, (double) self->sheet->done / (double) self->sheet->size);
}
