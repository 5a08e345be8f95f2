/* tam-store.c: the one object that owns the SQLite connection.
 *
 * Modelled on epiphany's ephy-sqlite-connection.c: every failure becomes a
 * GError in TAM_ERROR, statements are prepared once and reused with bound
 * parameters. A file that is not ours to change (not SQLite, corrupt, from
 * a newer version) is refused before anything writes to it. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tam-schema.h"
#include "tam-store.h"

struct _TamStore
{
  GObject parent_instance;
  char *path;
  sqlite3 *db;
  GHashTable *statements; /* const char *sql (by address) -> sqlite3_stmt */
  guint busy_timeout_ms;
  gint64 busy_since;
  gboolean read_only;
  GBytes *secret;       /* the database's secret (FILE.key), or NULL */
  GArray *after_commit; /* AfterCommit, run once the transaction commits */
};

typedef struct
{
  GFunc func;
  gpointer data;
  GDestroyNotify destroy;
} AfterCommit;

G_DEFINE_FINAL_TYPE (TamStore, tam_store, G_TYPE_OBJECT)

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
tam_store_finalize (GObject *object)
{
  TamStore *self = (TamStore *) object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_clear_pointer (&self->secret, g_bytes_unref);
  g_clear_pointer (&self->after_commit, g_array_unref);

  G_OBJECT_CLASS (tam_store_parent_class)->finalize (object);
}

static void
tam_store_class_init (TamStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tam_store_finalize;
}

static void
tam_store_init (TamStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
  self->busy_timeout_ms = 5000;
  self->after_commit = g_array_new (FALSE, FALSE, sizeof (AfterCommit));
}

/* Runs (@run) or drops the actions waiting for the commit. */
static void
flush_after_commit (TamStore *self,
                    gboolean run)
{
  g_autoptr (GArray) pending = self->after_commit;

  self->after_commit = g_array_new (FALSE, FALSE, sizeof (AfterCommit));
  for (guint i = 0; i < pending->len; i++)
    {
      AfterCommit *a = &g_array_index (pending, AfterCommit, i);

      if (run)
        a->func (a->data, self);
      if (a->destroy != NULL)
        a->destroy (a->data);
    }
}

void
tam_store_after_commit (TamStore *self,
                        GFunc func,
                        gpointer data,
                        GDestroyNotify destroy)
{
  AfterCommit a = { func, data, destroy };

  g_return_if_fail (TAM_IS_STORE (self));
  if (!tam_store_in_transaction (self))
    {
      func (data, self);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  g_array_append_val (self->after_commit, a);
}

char *
tam_store_sidecar_path (TamStore *self,
                        const char *suffix)
{
  return g_strconcat (self->path, suffix, NULL);
}

GBytes *
tam_store_get_secret (TamStore *self)
{
  g_return_val_if_fail (TAM_IS_STORE (self), NULL);
  return self->secret;
}

/* The database's secret: 32 random bytes in FILE.key beside it, readable
 * by its owner only. Made by the first read-write open that finds none
 * (O_EXCL: two desks opening at once agree on one). It keys the audit
 * log's hash chain, so that a script with the database alone cannot
 * rewrite the chain (tam-audit.c). */
static gboolean
load_secret (TamStore *self,
             gboolean create,
             GError **error)
{
  g_autofree char *path = tam_store_sidecar_path (self, TAM_STORE_KEY_SUFFIX);
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (create)
    {
      int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          guint8 key[32];
          gboolean ok = getrandom (key, sizeof key, 0) == (ssize_t) sizeof key &&
                        write (fd, key, sizeof key) == (ssize_t) sizeof key && fsync (fd) == 0;

          close (fd);
          if (!ok)
            {
              g_unlink (path);
              g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write the key “%s”: %s"),
                           path, g_strerror (errno));
              return FALSE;
            }
        }
      else if (errno != EEXIST)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write the key “%s”: %s"),
                       path, g_strerror (errno));
          return FALSE;
        }
    }
  if (!g_file_get_contents (path, &contents, &len, NULL))
    return TRUE; /* none (a read-only copy without its key): the check says so */
  if (len != 32)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                   _ ("The key “%s” is damaged (%zu bytes instead of 32)"), path, len);
      return FALSE;
    }
  self->secret = g_bytes_new_take (g_steal_pointer (&contents), len);
  return TRUE;
}

char *
tam_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "tam", "tam.db", NULL);
}

char *
tam_now_string (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
}

void
tam_store_set_error (TamStore *self,
                     GError **error,
                     const char *what)
{
  int code = sqlite3_extended_errcode (self->db);
  int tam_code = TAM_ERROR_FAILED;

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
      tam_code = TAM_ERROR_CORRUPT;
      break;
    case SQLITE_NOTADB:
      tam_code = TAM_ERROR_NOT_SQLITE;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      tam_code = TAM_ERROR_BUSY;
      break;
    case SQLITE_CONSTRAINT:
      tam_code = (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
                     ? TAM_ERROR_DUPLICATE
                     : TAM_ERROR_INVALID;
      break;
    default:
      break;
    }

  g_set_error (error, TAM_ERROR, tam_code, "%s: %s", what, sqlite3_errmsg (self->db));
}

sqlite3 *
tam_store_get_db (TamStore *self)
{
  g_return_val_if_fail (TAM_IS_STORE (self), NULL);
  return self->db;
}

const char *
tam_store_get_path (TamStore *self)
{
  g_return_val_if_fail (TAM_IS_STORE (self), NULL);
  return self->path;
}

sqlite3_stmt *
tam_store_prepare (TamStore *self,
                   const char *sql,
                   GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      tam_store_set_error (self, error, _ ("Could not prepare a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
tam_store_exec (TamStore *self,
                const char *sql,
                GError **error)
{
  char *msg = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      tam_store_set_error (self, error, _ ("Database error"));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_store_begin (TamStore *self,
                 GError **error)
{
  /* IMMEDIATE: take the write lock now, so two desks writing at once are
   * serialised by SQLite instead of failing half-way. */
  return tam_store_exec (self, "BEGIN IMMEDIATE", error);
}

/* Polls of the busy handler by any connection of this process: while it
 * moves, a desk of this process is waiting for the write lock. */
static gint busy_polls;

void
tam_store_yield (void)
{
  int seen = g_atomic_int_get (&busy_polls);

  g_usleep (3000);
  /* Still polling: not scheduled yet, or it missed the gap. Up to
   * 100 ms more, for as long as it polls. */
  for (int i = 0; i < 50; i++)
    {
      int now = g_atomic_int_get (&busy_polls);

      if (now == seen)
        break;
      seen = now;
      g_usleep (2000);
    }
}

gboolean
tam_store_commit (TamStore *self,
                  GError **error)
{
  if (!tam_store_exec (self, "COMMIT", error))
    {
      tam_store_rollback (self);
      return FALSE;
    }
  flush_after_commit (self, TRUE);
  return TRUE;
}

void
tam_store_rollback (TamStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  flush_after_commit (self, FALSE);
}

gboolean
tam_store_commit_own (TamStore *self,
                      gboolean own_tx,
                      GError **error)
{
  return !own_tx || tam_store_commit (self, error);
}

gboolean
tam_store_rollback_own (TamStore *self,
                        gboolean own_tx)
{
  if (own_tx)
    tam_store_rollback (self);
  return FALSE;
}

GPtrArray *
tam_store_collect (TamStore *self,
                   sqlite3_stmt *stmt,
                   TamStoreRowFunc row,
                   gpointer user_data,
                   GDestroyNotify free_func,
                   const char *what,
                   GError **error)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, row (stmt, user_data));
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (self, error, what);
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&items);
}

gboolean
tam_store_in_transaction (TamStore *self)
{
  return !sqlite3_get_autocommit (self->db);
}

gboolean
tam_store_step_write (TamStore *self,
                      sqlite3_stmt *stmt,
                      gboolean one_row,
                      const char *what,
                      GError **error)
{
  gboolean ok = sqlite3_step (stmt) == SQLITE_DONE && (!one_row || sqlite3_changes (self->db) == 1);

  /* The connection's error is read before the reset. */
  if (!ok)
    tam_store_set_error (self, error, what);
  sqlite3_reset (stmt);
  return ok;
}

gint64
tam_store_query_int (TamStore *self,
                     const char *sql,
                     gint64 fallback,
                     GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (self, sql, error);
  int rc;
  gint64 value = fallback;

  if (stmt == NULL)
    return fallback;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    tam_store_set_error (self, error, _ ("Database error"));
  sqlite3_reset (stmt);
  return value;
}

char *
tam_store_query_text_by_id (TamStore *self,
                            const char *sql,
                            gint64 id)
{
  sqlite3_stmt *stmt = tam_store_prepare (self, sql, NULL);
  char *text = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return text;
}

char *
tam_stmt_dup_text (sqlite3_stmt *stmt,
                   int col)
{
  const unsigned char *text = sqlite3_column_text (stmt, col);
  return text ? g_strdup ((const char *) text) : NULL;
}

void
tam_stmt_bind_text_or_null (sqlite3_stmt *stmt,
                            int idx,
                            const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
}

char *
tam_store_get_setting (TamStore *self,
                       const char *key,
                       const char *fallback)
{
  sqlite3_stmt *stmt = tam_store_prepare (self, "SELECT value FROM settings WHERE key = ?", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return g_strdup (fallback);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return value ? value : g_strdup (fallback);
}

gboolean
tam_store_set_setting (TamStore *self,
                       const char *key,
                       const char *value,
                       GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (self,
                                          "INSERT INTO settings (key, value) VALUES (?, ?)"
                                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (!tam_store_step_write (self, stmt, FALSE, _ ("Could not save a setting"), error))
    return FALSE;
  return TRUE;
}

static gboolean
migrate (TamStore *self,
         int from,
         GError **error)
{
  for (guint i = (guint) from; i < tam_schema_n_migrations; i++)
    {
      if (!tam_store_begin (self, error))
        return FALSE;
      if (!tam_store_exec (self, tam_schema_migrations[i], error))
        {
          tam_store_rollback (self);
          g_prefix_error (error, _ ("Upgrading the database to version %u failed: "), i + 1);
          return FALSE;
        }
      /* PRAGMA takes no bound parameters; the number is our own loop
       * counter, never input. */
      {
        g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %u", i + 1);
        if (!tam_store_exec (self, pragma, error) || !tam_store_commit (self, error))
          {
            tam_store_rollback (self);
            return FALSE;
          }
      }
    }
  return TRUE;
}

/* Waits for another desk's write lock in small steps. SQLite's own
 * busy handler sleeps up to 100 ms between tries, so a desk that writes
 * in short slices (an import) would take the lock back before a waiting
 * desk woke up; polling every millisecond finds the gap between slices. */
static int
busy_cb (void *data,
         int count)
{
  TamStore *self = data;
  gint64 now = g_get_monotonic_time ();

  if (count == 0)
    self->busy_since = now;
  g_atomic_int_inc (&busy_polls);
  if (now - self->busy_since >= (gint64) self->busy_timeout_ms * 1000)
    return 0;
  g_usleep (count < 200 ? 1000 : 2000);
  return 1;
}

void
tam_store_set_busy_timeout (TamStore *self,
                            guint milliseconds)
{
  g_return_if_fail (TAM_IS_STORE (self));
  self->busy_timeout_ms = milliseconds;
}

gboolean
tam_store_is_read_only (TamStore *self)
{
  g_return_val_if_fail (TAM_IS_STORE (self), TRUE);
  return self->read_only;
}

/* tam_tr (TEXT): TEXT in the desk's language when it is one of the
 * project's own strings (seed data the schema wrote in English, such as
 * the built-in assessment parameters; see tam-codes.c), else as it is:
 * a parameter a supervisor wrote stays as written. */
static void
tr_func (sqlite3_context *context,
         int argc,
         sqlite3_value **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, g_dgettext (GETTEXT_PACKAGE, text), -1, SQLITE_TRANSIENT);
}

static void
register_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "tam_tr", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, tr_func, NULL, NULL);
}

/* Opens @path with SQLite only: nothing else ever opens the database file
 * or its -wal and -shm, because closing any descriptor of a file drops
 * every POSIX lock the process holds on it (other connections of this
 * process included) and another desk could then delete a WAL in use. */
static sqlite3 *
connect (TamStore *self,
         int flags,
         GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (self->path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot open “%s”: %s"),
                   self->path, db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_handler (db, busy_cb, self);
  register_functions (db);
  return db;
}

/* Whether the last error of @db says it could not open or make the WAL's
 * shared memory, because the folder or the file is read-only to us. */
static gboolean
cannot_share_memory (sqlite3 *db)
{
  int code = sqlite3_extended_errcode (db);

  return (code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN;
}

/* stat() only: nothing but SQLite opens the files of a database. */
static gboolean
wal_is_empty (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

/* The file as it is on disk, with no locks and no -shm (SQLite's
 * "immutable" URI parameter): only for reading a file we cannot write. */
static sqlite3 *
connect_immutable (TamStore *self,
                   GError **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *abs = NULL;
  g_autofree char *escaped = NULL;
  sqlite3 *db = NULL;

  abs = g_canonicalize_filename (self->path, NULL);
  escaped = g_uri_escape_string (abs, "/", FALSE);
  uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot open “%s”: %s"),
                   self->path, db ? sqlite3_errmsg (db) : g_strerror (ENOMEM));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  register_functions (db);
  return db;
}

/* Reads the schema version and the number of objects, turning SQLite's
 * own answers (SQLITE_NOTADB, SQLITE_CORRUPT) into our messages. */
static gboolean
probe (TamStore *self,
       gint64 *version,
       gint64 *n_objects,
       GError **error)
{
  GError *local_error = NULL;

  *version = tam_store_query_int (self, "PRAGMA user_version", -1, &local_error);
  if (local_error == NULL)
    *n_objects = tam_store_query_int (self, "SELECT count(*) FROM sqlite_schema", -1, &local_error);
  if (local_error == NULL)
    return TRUE;

  if (local_error->code == TAM_ERROR_NOT_SQLITE)
    g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE,
                 _ ("“%s” is not a TAM Desk database (not an SQLite file); it was left unchanged"),
                 self->path);
  else if (local_error->code == TAM_ERROR_CORRUPT)
    g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT,
                 _ ("The database “%s” is damaged (%s); it was left unchanged. Restore it from a backup."),
                 self->path, local_error->message);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  g_clear_error (&local_error);
  return FALSE;
}

static void
close_db (TamStore *self)
{
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    sqlite3_close (self->db);
  self->db = NULL;
}

TamStore *
tam_store_open_full (const char *path,
                     TamStoreOpenFlags flags,
                     GError **error)
{
  g_autoptr (TamStore) self = NULL;
  gboolean create = (flags & TAM_STORE_OPEN_CREATE) != 0;
  gboolean read_only = (flags & TAM_STORE_OPEN_READ_ONLY) != 0;
  GStatBuf st;
  gboolean existed;
  gint64 version = 0;
  gint64 n_objects = 0;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (!(create && read_only), NULL);

  self = g_object_new (TAM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  /* stat() opens nothing. */
  existed = g_stat (path, &st) == 0;
  if (existed && !S_ISREG (st.st_mode))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE,
                   _ ("“%s” is not a TAM Desk database (not a file)"), path);
      return NULL;
    }
  if (!existed && !create)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                   _ ("There is no database “%s”. Check the path, or create a new database with “tamctl --db FILE init” or the app's New Database."),
                   path);
      return NULL;
    }

  if (existed)
    {
      /* Read-only first: nothing writes until we know the file is a
       * healthy TAM Desk database of a version we know. */
      self->db = connect (self, SQLITE_OPEN_READONLY, error);
      if (self->db == NULL)
        return NULL;
      if (!probe (self, &version, &n_objects, &local_error))
        {
          if (!read_only || !cannot_share_memory (self->db))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* A WAL database in a folder we may not write (a backup on a
           * read-only medium, a copy handed to the auditor): SQLite cannot
           * make its -shm. Nobody can be writing it through us, so read
           * the file as it is on disk. */
          g_clear_error (&local_error);
          close_db (self);
          if (!wal_is_empty (self->path))
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED,
                           _ ("“%s” cannot be read here: its latest changes are in “%s-wal”, and this folder is read-only to you. Copy both files to a folder you can write."),
                           path, path);
              return NULL;
            }
          self->db = connect_immutable (self, error);
          if (self->db == NULL || !probe (self, &version, &n_objects, error))
            return NULL;
        }
      if (version > TAM_SCHEMA_VERSION)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_TOO_NEW,
                       _ ("The database “%s” was written by a newer TAM Desk (schema %d, this one knows %d); it was left unchanged. Update TAM Desk."),
                       path, (int) version, TAM_SCHEMA_VERSION);
          return NULL;
        }
      if (version == 0 && n_objects > 0)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE,
                       _ ("“%s” is an SQLite file of another program, not a TAM Desk database; it was left unchanged"),
                       path);
          return NULL;
        }
      if (version == 0 && !create)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_SQLITE,
                       _ ("“%s” is an empty file, not a TAM Desk database; it was left unchanged. Create a database with “tamctl --db FILE init”."),
                       path);
          return NULL;
        }
      if (read_only)
        {
          if (version < TAM_SCHEMA_VERSION)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED,
                           _ ("The database “%s” needs an upgrade (schema %d to %d): open it once with the app or a tamctl command that writes; it was left unchanged."),
                           path, (int) version, TAM_SCHEMA_VERSION);
              return NULL;
            }
          if (!tam_store_exec (self, "PRAGMA query_only = ON", error) || !load_secret (self, FALSE, error))
            return NULL;
          return g_steal_pointer (&self);
        }
      close_db (self);
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED,
                       _ ("Cannot create the folder “%s”: %s"), dir, g_strerror (errno));
          return NULL;
        }
    }

  self->db = connect (self, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0), error);
  if (self->db == NULL || !probe (self, &version, &n_objects, error))
    return NULL;
  if (version > TAM_SCHEMA_VERSION || (version == 0 && n_objects > 0))
    {
      /* Changed between the probe and now: leave it alone. */
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                   _ ("The database “%s” changed while it was being opened; it was left unchanged. Try again."),
                   path);
      return NULL;
    }

  /* journal_size_limit: once a checkpoint has copied the WAL back, the
   * next writer truncates it to this size instead of keeping the largest
   * it ever was (an import of a million calls wrote ~170 MB). */
  if (!tam_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !tam_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !tam_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      !tam_store_exec (self, "PRAGMA journal_size_limit = 67108864", error))
    return NULL;

  if (!migrate (self, (int) version, error) || !load_secret (self, TRUE, error))
    return NULL;

  /* An import killed half-way left hidden calls behind: remove them. */
  if (!tam_store_clean_abandoned_imports (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

TamStore *
tam_store_open (const char *path,
                GError **error)
{
  return tam_store_open_full (path, TAM_STORE_OPEN_EXISTING, error);
}

TamStore *
tam_store_create (const char *path,
                  GError **error)
{
  return tam_store_open_full (path, TAM_STORE_OPEN_CREATE, error);
}

TamStore *
tam_store_open_read_only (const char *path,
                          GError **error)
{
  return tam_store_open_full (path, TAM_STORE_OPEN_READ_ONLY, error);
}

/* A backup's temporary file and what SQLite may have made beside it. */
static void
unlink_partial (const char *tmp_path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (tmp_path, suffixes[i], NULL);
      g_unlink (path);
    }
}

static void
remove_sidecars (const char *db_path)
{
  g_autofree char *key = g_strconcat (db_path, TAM_STORE_KEY_SUFFIX, NULL);
  g_autofree char *checkpoint = g_strconcat (db_path, TAM_STORE_CHECKPOINT_SUFFIX, NULL);

  g_unlink (key);
  g_unlink (checkpoint);
}

/* A copy carries its key (owner-only, like the original) and the audit
 * checkpoint, so that it can be checked on its own. */
static gboolean
write_sidecars (TamStore *self,
                const char *dest_path,
                const char *checkpoint,
                gsize checkpoint_len,
                GError **error)
{
  g_autofree char *key_path = g_strconcat (dest_path, TAM_STORE_KEY_SUFFIX, NULL);
  g_autofree char *checkpoint_path = g_strconcat (dest_path, TAM_STORE_CHECKPOINT_SUFFIX, NULL);

  remove_sidecars (dest_path);
  if (self->secret != NULL)
    {
      gsize len;
      const guint8 *key = g_bytes_get_data (self->secret, &len);
      int fd = open (key_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      gboolean ok = fd >= 0 && write (fd, key, len) == (ssize_t) len && fsync (fd) == 0;

      if (fd >= 0)
        close (fd);
      if (!ok)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”: %s"),
                       key_path, g_strerror (errno));
          remove_sidecars (dest_path);
          return FALSE;
        }
    }
  if (checkpoint != NULL && !g_file_set_contents (checkpoint_path, checkpoint, (gssize) checkpoint_len, error))
    {
      remove_sidecars (dest_path);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_store_backup (TamStore *self,
                  const char *dest_path,
                  TamProgressFunc progress,
                  gpointer user_data,
                  GCancellable *cancellable,
                  GError **error)
{
  g_autofree char *tmp_path = NULL;
  g_autofree char *checkpoint = NULL;
  gsize checkpoint_len = 0;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (self), FALSE);

  if (tam_store_in_transaction (self))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED,
                           _ ("A backup cannot start inside a transaction"));
      return FALSE;
    }

  /* Written next to the target and renamed at the end, so a cancelled,
   * failed or killed backup never leaves a file under the real name: a
   * "FILE.part" is never a complete backup. */
  tmp_path = g_strconcat (dest_path, ".part", NULL);
  unlink_partial (tmp_path);
  /* The audit checkpoint as it was before the copy's snapshot: it never
   * vouches for more than the copy holds. */
  {
    g_autofree char *source = tam_store_sidecar_path (self, TAM_STORE_CHECKPOINT_SUFFIX);
    g_file_get_contents (source, &checkpoint, &checkpoint_len, NULL);
  }
  if (sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”: %s"),
                   dest_path, dest ? sqlite3_errmsg (dest) : "");
      sqlite3_close (dest);
      unlink_partial (tmp_path);
      return FALSE;
    }

  /* One read transaction over the whole copy: every step reads the same
   * snapshot, so desks that write meanwhile (into the WAL) neither wait
   * for the backup nor make it start over. */
  if (!tam_store_exec (self, "BEGIN", error) ||
      tam_store_query_int (self, "SELECT count(*) FROM sqlite_schema", -1, error) < 0)
    {
      tam_store_rollback (self);
      sqlite3_close (dest);
      unlink_partial (tmp_path);
      return FALSE;
    }

  backup = sqlite3_backup_init (dest, "main", self->db, "main");
  if (backup == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot start the backup: %s"),
                   sqlite3_errmsg (dest));
      tam_store_rollback (self);
      sqlite3_close (dest);
      unlink_partial (tmp_path);
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, 1024);
      if (progress != NULL)
        {
          int total = sqlite3_backup_pagecount (backup);
          int left = sqlite3_backup_remaining (backup);
          progress (total > 0 ? (double) (total - left) / total : 0.0, user_data);
        }
      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (5);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  {
    int finish_rc = sqlite3_backup_finish (backup);
    if (rc == SQLITE_DONE && finish_rc != SQLITE_OK)
      rc = finish_rc;
  }
  tam_store_rollback (self);
  /* The copy's own commit was synced (synchronous=FULL on a rollback
   * journal), so the rename publishes a complete file. */
  sqlite3_close (dest);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      unlink_partial (tmp_path);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("The backup failed: %s"),
                   sqlite3_errstr (rc));
      unlink_partial (tmp_path);
      return FALSE;
    }
  if (!write_sidecars (self, dest_path, checkpoint, checkpoint_len, error))
    {
      unlink_partial (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, dest_path) != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Cannot write “%s”: %s"),
                   dest_path, g_strerror (errno));
      unlink_partial (tmp_path);
      remove_sidecars (dest_path);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_store_check (TamStore *self,
                 GString *report,
                 GError **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  stmt = tam_store_prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        ok = FALSE;
      g_string_append_printf (report, "integrity_check: %s\n", line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (self, error, _ ("Integrity check failed"));
      return FALSE;
    }

  stmt = tam_store_prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ok = FALSE;
      g_string_append_printf (report, "foreign_key_check: %s row %lld\n",
                              sqlite3_column_text (stmt, 0),
                              (long long) sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (!ok)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CORRUPT, _ ("The database “%s” failed its integrity check"),
                   self->path);
      return FALSE;
    }
  return TRUE;
}

/* Import runs ---------------------------------------------------------- */

/* A run is alive while its process is: on this host we can ask the
 * kernel; a run of another host (or a pid reused since) is judged by its
 * heartbeat, which the importer renews every few seconds. */
#define RUN_HEARTBEAT_STALE_S 120
/* Calls removed per transaction when a run is aborted. */
#define RUN_DELETE_STEP 10000

static gboolean
run_abandoned (const char *host,
               gint64 pid,
               gint64 heartbeat)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (heartbeat < now - RUN_HEARTBEAT_STALE_S)
    return TRUE;
  if (g_strcmp0 (host, g_get_host_name ()) == 0 && pid > 0 &&
      kill ((pid_t) pid, 0) != 0 && errno == ESRCH)
    return TRUE;
  return FALSE;
}

/* Another desk judged the run abandoned and removed it. */
static void
set_run_stopped_error (GError **error)
{
  g_set_error_literal (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                       _ ("The import was stopped by another desk, which found it had stalled; nothing was imported."));
}

gint64
tam_store_import_run_start (TamStore *self,
                            const char *kind,
                            gint64 person_id,
                            gint64 *first_call_id,
                            GError **error)
{
  g_autofree char *now = tam_now_string ();
  sqlite3_stmt *stmt;
  gint64 run_id;

  g_return_val_if_fail (TAM_IS_STORE (self), 0);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      gboolean abandoned = FALSE;

      if (!tam_store_begin (self, error))
        return 0;
      stmt = tam_store_prepare (self,
                                "SELECT r.host, r.pid, r.heartbeat, r.started_at, COALESCE (p.name, '') FROM import_runs r"
                                " LEFT JOIN people p ON p.id = r.person_id ORDER BY r.id LIMIT 1",
                                error);
      if (stmt == NULL)
        {
          tam_store_rollback (self);
          return 0;
        }
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          abandoned = run_abandoned ((const char *) sqlite3_column_text (stmt, 0),
                                     sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2));
          if (!abandoned)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT,
                           _ ("Another desk (%s) has been importing calls since %s; try again when it has finished."),
                           (const char *) sqlite3_column_text (stmt, 4),
                           (const char *) sqlite3_column_text (stmt, 3));
              sqlite3_reset (stmt);
              tam_store_rollback (self);
              return 0;
            }
        }
      sqlite3_reset (stmt);
      if (!abandoned)
        break;
      tam_store_rollback (self);
      if (attempt == 1 || !tam_store_clean_abandoned_imports (self, error))
        return 0;
    }

  *first_call_id = tam_store_query_int (self, "SELECT COALESCE (max (id), 0) + 1 FROM calls", 0, error);
  if (*first_call_id == 0)
    {
      tam_store_rollback (self);
      return 0;
    }
  stmt = tam_store_prepare (self,
                            "INSERT INTO import_runs (kind, first_call_id, host, pid, person_id, started_at, heartbeat)"
                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                            error);
  if (stmt == NULL)
    {
      tam_store_rollback (self);
      return 0;
    }
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, *first_call_id);
  sqlite3_bind_text (stmt, 3, g_get_host_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, (gint64) getpid ());
  if (person_id > 0)
    sqlite3_bind_int64 (stmt, 5, person_id);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      tam_store_set_error (self, error, _ ("Could not start the import"));
      sqlite3_reset (stmt);
      tam_store_rollback (self);
      return 0;
    }
  sqlite3_reset (stmt);
  run_id = sqlite3_last_insert_rowid (self->db);
  if (!tam_store_commit (self, error))
    return 0;
  return run_id;
}

gboolean
tam_store_import_run_beat (TamStore *self,
                           gint64 run_id,
                           GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (self, "UPDATE import_runs SET heartbeat = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 2, run_id);
  if (!tam_store_step_write (self, stmt, FALSE, _ ("Could not save the import's progress"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      set_run_stopped_error (error);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_store_import_run_finish (TamStore *self,
                             gint64 run_id,
                             GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (tam_store_in_transaction (self), FALSE);

  stmt = tam_store_prepare (self, "DELETE FROM import_runs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (!tam_store_step_write (self, stmt, FALSE, _ ("Could not finish the import"), error))
    return FALSE;
  if (sqlite3_changes (self->db) != 1)
    {
      set_run_stopped_error (error);
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_store_import_run_abort (TamStore *self,
                            gint64 run_id,
                            GError **error)
{
  g_return_val_if_fail (TAM_IS_STORE (self), FALSE);
  g_return_val_if_fail (!tam_store_in_transaction (self), FALSE);

  for (;;)
    {
      sqlite3_stmt *stmt;
      gint64 first;
      int removed = 0;

      if (!tam_store_begin (self, error))
        return FALSE;
      stmt = tam_store_prepare (self, "SELECT first_call_id FROM import_runs WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, run_id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          return tam_store_commit (self, error);
        }
      first = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      /* Only one run publishes at a time, so every call from its first
       * id on is its own. */
      stmt = tam_store_prepare (self,
                                "DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE id >= ? ORDER BY id DESC LIMIT ?)",
                                error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, first);
      sqlite3_bind_int (stmt, 2, RUN_DELETE_STEP);
      if (!tam_store_step_write (self, stmt, FALSE, _ ("Could not remove an unfinished import"), error))
        goto fail;
      removed = sqlite3_changes (self->db);
      if (removed == 0)
        {
          stmt = tam_store_prepare (self, "DELETE FROM import_runs WHERE id = ?", error);
          if (stmt == NULL)
            goto fail;
          sqlite3_bind_int64 (stmt, 1, run_id);
          if (!tam_store_step_write (self, stmt, FALSE, _ ("Could not remove an unfinished import"), error))
            goto fail;
        }
      if (!tam_store_commit (self, error))
        return FALSE;
      if (removed == 0)
        return TRUE;
      continue;

    fail:
      tam_store_rollback (self);
      return FALSE;
    }
}

gboolean
tam_store_clean_abandoned_imports (TamStore *self,
                                   GError **error)
{
  g_autoptr (GArray) runs = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (self), FALSE);

  stmt = tam_store_prepare (self, "SELECT id, host, pid, heartbeat FROM import_runs", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (run_abandoned ((const char *) sqlite3_column_text (stmt, 1),
                       sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3)))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (runs, id);
      }
  sqlite3_reset (stmt);
  for (guint i = 0; i < runs->len; i++)
    {
      g_debug ("Removing the unfinished import run %" G_GINT64_FORMAT, g_array_index (runs, gint64, i));
      if (!tam_store_import_run_abort (self, g_array_index (runs, gint64, i), error))
        return FALSE;
    }
  return TRUE;
}
