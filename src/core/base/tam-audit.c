/* tam-audit.c: the append-only, hash-chained audit log.
 *
 * hash = HMAC-SHA-256, keyed with the database's secret (FILE.key, see
 * tam_store_get_secret), over prev_hash and every column of the row, each
 * field preceded by its length so that no two different rows hash the
 * same input. The first row's prev_hash is 64 zeros. Rows written before
 * the database had a key (setting audit_keyed_from) are plain SHA-256.
 * Triggers in the schema refuse UPDATE and DELETE; the chain catches edits
 * made around them, and the key makes a re-hashed chain show: a script
 * with the database but not the key cannot compute a valid hash.
 *
 * The head of the chain (last id and hash) is also kept outside the
 * database, in FILE.checkpoint, signed with the key and rewritten after
 * each commit that appended rows: deleting the last rows of the log (the
 * chain of what is left is intact) then shows, because the checkpoint
 * names a row that is gone. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "tam-audit.h"
#include "tam-auth.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"
#define KEYED_FROM "audit_keyed_from"
#define CHECKPOINT_MAGIC "TAM-AUDIT-CHECKPOINT 1"

typedef struct
{
  GChecksum *sum;
  GHmac *hmac;
} Hasher;

static void
feed (Hasher *h,
      const char *field)
{
  char len[24];

  if (field == NULL)
    g_strlcpy (len, "N;", sizeof len);
  else
    g_snprintf (len, sizeof len, "%zu:", strlen (field));
  if (h->hmac != NULL)
    {
      g_hmac_update (h->hmac, (const guchar *) len, -1);
      if (field != NULL)
        g_hmac_update (h->hmac, (const guchar *) field, -1);
    }
  else
    {
      g_checksum_update (h->sum, (const guchar *) len, -1);
      if (field != NULL)
        g_checksum_update (h->sum, (const guchar *) field, -1);
    }
}

/* @key NULL: the plain SHA-256 of the rows before the key. */
static char *
row_hash (GBytes *key,
          const char *prev_hash,
          const char *at,
          const char *actor,
          const char *action,
          const char *entity,
          const char *entity_id,
          const char *before,
          const char *after)
{
  Hasher h = { 0 };
  char *hash;

  if (key != NULL)
    {
      gsize len;
      const guchar *data = g_bytes_get_data (key, &len);
      h.hmac = g_hmac_new (G_CHECKSUM_SHA256, data, len);
    }
  else
    h.sum = g_checksum_new (G_CHECKSUM_SHA256);
  feed (&h, prev_hash);
  feed (&h, at);
  feed (&h, actor);
  feed (&h, action);
  feed (&h, entity);
  feed (&h, entity_id);
  feed (&h, before);
  feed (&h, after);
  if (h.hmac != NULL)
    {
      hash = g_strdup (g_hmac_get_string (h.hmac));
      g_hmac_unref (h.hmac);
    }
  else
    {
      hash = g_strdup (g_checksum_get_string (h.sum));
      g_checksum_free (h.sum);
    }
  return hash;
}

static char *
keyed_from_mac (GBytes *key,
                gint64 from)
{
  gsize len;
  const guchar *data = g_bytes_get_data (key, &len);
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, data, len);
  g_autofree char *text = g_strdup_printf ("keyed-from:%" G_GINT64_FORMAT, from);

  g_hmac_update (hmac, (const guchar *) text, -1);
  return g_strdup (g_hmac_get_string (hmac));
}

/* The first id hashed with the key; G_MAXINT64 when there is none yet.
 * The setting is "N MAC": moving the start (to pass keyed rows off as
 * older, unkeyed ones) needs the key. *forged: the MAC does not match. */
static gint64
keyed_from (TamStore *store,
            gboolean *forged)
{
  g_autofree char *value = tam_store_get_setting (store, KEYED_FROM, NULL);
  GBytes *key = tam_store_get_secret (store);
  const char *space;
  gint64 from;

  if (forged != NULL)
    *forged = FALSE;
  if (value == NULL)
    return G_MAXINT64;
  from = g_ascii_strtoll (value, NULL, 10);
  space = strchr (value, ' ');
  if (key != NULL && forged != NULL)
    {
      g_autofree char *mac = keyed_from_mac (key, from);
      *forged = space == NULL || g_strcmp0 (space + 1, mac) != 0;
    }
  return from;
}

static char *
checkpoint_mac (GBytes *key,
                gint64 from,
                gint64 id,
                const char *hash)
{
  gsize len;
  const guchar *data = g_bytes_get_data (key, &len);
  g_autoptr (GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, data, len);
  g_autofree char *text = g_strdup_printf ("checkpoint:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%s", from, id, hash);

  g_hmac_update (hmac, (const guchar *) text, -1);
  return g_strdup (g_hmac_get_string (hmac));
}

typedef struct
{
  TamStore *store; /* not a reference: the store runs or drops it */
  gint64 from;
  gint64 id;
  char hash[65];
} Head;

/* Parses FILE.checkpoint; FALSE when it is not one (or missing). */
static gboolean
read_checkpoint (const char *path,
                 Head *head,
                 char mac[65])
{
  g_autofree char *text = NULL;
  g_auto (GStrv) parts = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL) || !g_str_has_prefix (text, CHECKPOINT_MAGIC " "))
    return FALSE;
  g_strchomp (text);
  parts = g_strsplit (text + strlen (CHECKPOINT_MAGIC " "), " ", -1);
  if (g_strv_length (parts) != 4 || strlen (parts[2]) != 64 || strlen (parts[3]) != 64)
    return FALSE;
  head->from = g_ascii_strtoll (parts[0], NULL, 10);
  head->id = g_ascii_strtoll (parts[1], NULL, 10);
  g_strlcpy (head->hash, parts[2], sizeof head->hash);
  g_strlcpy (mac, parts[3], 65);
  return TRUE;
}

/* Writes @head to FILE.checkpoint unless it already names a later row.
 * Desks of several processes do this after their commits: the lock file
 * orders them (it is not the database, whose locks only SQLite touches). */
static void
write_checkpoint (TamStore *store,
                  const Head *head)
{
  GBytes *key = tam_store_get_secret (store);
  g_autofree char *path = NULL;
  g_autofree char *lock_path = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *text = NULL;
  Head stored;
  char stored_mac[65];
  int fd;

  if (key == NULL)
    return;
  path = tam_store_sidecar_path (store, TAM_STORE_CHECKPOINT_SUFFIX);
  lock_path = g_strconcat (path, ".lock", NULL);
  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  if (flock (fd, LOCK_EX) == 0)
    {
      if (!read_checkpoint (path, &stored, stored_mac) || stored.from != head->from || stored.id < head->id)
        {
          mac = checkpoint_mac (key, head->from, head->id, head->hash);
          text = g_strdup_printf (CHECKPOINT_MAGIC " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s %s\n",
                                  head->from, head->id, head->hash, mac);
          /* Best effort: a checkpoint that lags behind is not an alarm,
           * only a shorter guarantee. */
          g_file_set_contents (path, text, -1, NULL);
        }
      flock (fd, LOCK_UN);
    }
  close (fd);
}

#define PENDING_HEAD "tam-audit-pending-head"

static void
head_committed (gpointer data,
                gpointer user_data)
{
  write_checkpoint (user_data, data);
}

/* After a commit or a rollback: the store no longer has a pending head. */
static void
head_done (gpointer data)
{
  Head *head = data;

  g_object_set_data (G_OBJECT (head->store), PENDING_HEAD, NULL);
  g_free (head);
}

gboolean
tam_audit_append (TamStore *store,
                  const TamSession *actor,
                  const char *action,
                  const char *entity,
                  const char *entity_id,
                  const char *before,
                  const char *after,
                  GError **error)
{
  g_autofree char *prev = NULL;
  g_autofree char *at = tam_now_string ();
  g_autofree char *hash = NULL;
  const char *actor_nik = actor ? actor->nik : "system";
  GBytes *key = tam_store_get_secret (store);
  gint64 prev_id = 0, from;
  Head *head;
  sqlite3_stmt *stmt;

  stmt = tam_store_prepare (store, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      prev_id = sqlite3_column_int64 (stmt, 0);
      prev = tam_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (prev == NULL)
    prev = g_strdup (GENESIS);

  /* The first row after the database got its key starts the keyed part. */
  from = keyed_from (store, NULL);
  if (key != NULL && from == G_MAXINT64)
    {
      g_autofree char *mac = keyed_from_mac (key, prev_id + 1);
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT " %s", prev_id + 1, mac);

      if (!tam_store_set_setting (store, KEYED_FROM, value, error))
        return FALSE;
      from = prev_id + 1;
    }

  hash = row_hash (key != NULL && prev_id + 1 >= from ? key : NULL, prev, at, actor_nik, action, entity,
                   entity_id, before, after);

  stmt = tam_store_prepare (store,
                            "INSERT INTO audit_log (id, at, actor_nik, action, entity, entity_id, before, after, prev_hash, hash)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, prev_id + 1);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, actor_nik, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, entity_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, before, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, after, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, prev, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, hash, -1, SQLITE_STATIC);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not write the audit log"), error))
    return FALSE;

  /* After the commit, the checkpoint names the transaction's last row:
   * one write however many rows (a roster import appends thousands). */
  head = g_object_get_data (G_OBJECT (store), PENDING_HEAD);
  if (head == NULL)
    {
      head = g_new0 (Head, 1);
      head->store = store;
      if (tam_store_in_transaction (store))
        g_object_set_data (G_OBJECT (store), PENDING_HEAD, head);
      head->from = from;
      head->id = prev_id + 1;
      g_strlcpy (head->hash, hash, sizeof head->hash);
      tam_store_after_commit (store, head_committed, head, head_done);
      return TRUE;
    }
  head->from = from;
  head->id = prev_id + 1;
  g_strlcpy (head->hash, hash, sizeof head->hash);
  return TRUE;
}

static void
problem (GString *report,
         gint64 *broken,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (GString *report,
         gint64 *broken,
         const char *format,
         ...)
{
  va_list args;

  (*broken)++;
  if (report == NULL)
    return;
  g_string_append (report, "audit: ");
  va_start (args, format);
  g_string_append_vprintf (report, format, args);
  va_end (args);
  g_string_append_c (report, '\n');
}

gboolean
tam_audit_verify (TamStore *store,
                  GString *report,
                  GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *expected_prev = g_strdup (GENESIS);
  g_autofree char *checkpoint_path = tam_store_sidecar_path (store, TAM_STORE_CHECKPOINT_SUFFIX);
  g_autofree char *key_path = tam_store_sidecar_path (store, TAM_STORE_KEY_SUFFIX);
  g_autofree char *checkpoint_row_hash = NULL;
  GBytes *key = tam_store_get_secret (store);
  gboolean from_forged = FALSE;
  gint64 from = keyed_from (store, &from_forged);
  gint64 rows = 0, broken = 0, last_id = 0, after_key = 0;
  g_autofree char *key_made = NULL;
  GStatBuf st;
  Head cp;
  char cp_mac[65];
  gboolean has_checkpoint;
  int rc;

  has_checkpoint = read_checkpoint (checkpoint_path, &cp, cp_mac);
  /* When the key was made: rows written since must be keyed. */
  if (key != NULL && g_stat (key_path, &st) == 0)
    {
      g_autoptr (GDateTime) made = g_date_time_new_from_unix_local (st.st_mtime);
      key_made = g_date_time_format (made, "%Y-%m-%d %H:%M:%S");
    }
  stmt = tam_store_prepare (store,
                            "SELECT id, at, actor_nik, action, entity, entity_id, before, after, prev_hash, hash"
                            " FROM audit_log ORDER BY id",
                            error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *c[10];
      g_autofree char *hash = NULL;
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean keyed = id >= from;

      for (int i = 0; i < 10; i++)
        c[i] = (const char *) sqlite3_column_text (stmt, i);
      rows++;
      if (!keyed && key_made != NULL && g_strcmp0 (c[1], key_made) > 0)
        after_key++;
      if (id != last_id + 1)
        problem (report, &broken, "rows %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " were deleted",
                 last_id + 1, id - 1);
      last_id = id;
      if (keyed && key == NULL)
        {
          g_free (expected_prev);
          expected_prev = g_strdup (c[9]);
          continue; /* reported once below */
        }
      hash = row_hash (keyed ? key : NULL, c[8], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
      if (g_strcmp0 (c[8], expected_prev) != 0 || g_strcmp0 (hash, c[9]) != 0)
        problem (report, &broken, "row %s does not match its hash chain", c[0]);
      if (has_checkpoint && id == cp.id)
        checkpoint_row_hash = g_strdup (c[9]);
      g_free (expected_prev);
      expected_prev = g_strdup (c[9]);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not read the audit log"));
      return FALSE;
    }

  /* The keyed part needs the key, and its end the checkpoint. */
  if (from_forged)
    problem (report, &broken, "the start of the keyed log (setting %s) is not signed with this database's key", KEYED_FROM);
  if (after_key > 0)
    problem (report, &broken, "%" G_GINT64_FORMAT " rows written after the key was made (%s) are not keyed",
             after_key, key_made);
  if (last_id >= from && key == NULL)
    problem (report, &broken, "there is no key %s: rows from %" G_GINT64_FORMAT " on cannot be verified",
             key_path, from);
  else if (key != NULL && (last_id >= from || has_checkpoint))
    {
      g_autofree char *mac = has_checkpoint ? checkpoint_mac (key, cp.from, cp.id, cp.hash) : NULL;

      if (!has_checkpoint)
        problem (report, &broken, "the checkpoint %s is missing or unreadable: the end of the log cannot be vouched for",
                 checkpoint_path);
      else if (g_strcmp0 (mac, cp_mac) != 0)
        problem (report, &broken, "the checkpoint %s is not signed with this database's key", checkpoint_path);
      else if (cp.from != from)
        problem (report, &broken, "the keyed part of the log should start at row %" G_GINT64_FORMAT ", not %" G_GINT64_FORMAT,
                 cp.from, from);
      else if (cp.id > last_id)
        problem (report, &broken, "the last %" G_GINT64_FORMAT " rows were deleted (the checkpoint names row %" G_GINT64_FORMAT ", the log ends at %" G_GINT64_FORMAT ")",
                 cp.id - last_id, cp.id, last_id);
      else if (g_strcmp0 (checkpoint_row_hash, cp.hash) != 0)
        problem (report, &broken, "row %" G_GINT64_FORMAT " is not the one the checkpoint signed", cp.id);
    }

  if (report != NULL)
    g_string_append_printf (report, "audit: %" G_GINT64_FORMAT " rows, %" G_GINT64_FORMAT " broken\n",
                            rows, broken);
  if (broken > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                   ngettext ("The audit log has been tampered with: %d problem (see the report)",
                             "The audit log has been tampered with: %d problems (see the report)",
                             (gulong) broken),
                   (int) broken);
      return FALSE;
    }
  return TRUE;
}
