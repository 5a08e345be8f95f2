#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "tam-error.h"
#include "tam-types.h"

G_BEGIN_DECLS

#define TAM_TYPE_STORE (tam_store_get_type ())
G_DECLARE_FINAL_TYPE (TamStore, tam_store, TAM, STORE, GObject)

/* The schema version this build writes (PRAGMA user_version). */
#define TAM_SCHEMA_VERSION 9

typedef void (*TamProgressFunc) (double fraction, gpointer user_data);

typedef enum
{
  TAM_STORE_OPEN_EXISTING = 0,
  TAM_STORE_OPEN_CREATE = 1 << 0,    /* tamctl init and the app's New Database only */
  TAM_STORE_OPEN_READ_ONLY = 1 << 1, /* check, export, reports */
} TamStoreOpenFlags;

char *tam_store_default_path (void);
/* An existing database, read-write; a missing path is refused
 * (TAM_ERROR_NOT_FOUND), never created. */
TamStore *tam_store_open (const char *path,
                          GError **error);
/* Creates @path when it does not exist (or opens it as tam_store_open). */
TamStore *tam_store_create (const char *path,
                            GError **error);
TamStore *tam_store_open_read_only (const char *path,
                                    GError **error);
TamStore *tam_store_open_full (const char *path,
                               TamStoreOpenFlags flags,
                               GError **error);
gboolean tam_store_is_read_only (TamStore *self);
/* How long a write waits for another desk's lock (default 5000 ms)
 * before failing with TAM_ERROR_BUSY. */
void tam_store_set_busy_timeout (TamStore *self,
                                 guint milliseconds);
const char *tam_store_get_path (TamStore *self);
sqlite3 *tam_store_get_db (TamStore *self);

/* Returns a cached, reset statement for a literal SQL text (the text's
 * address is the cache key, so pass string literals only). Values are
 * always bound, never formatted into the text. */
sqlite3_stmt *tam_store_prepare (TamStore *self,
                                 const char *sql,
                                 GError **error);
gboolean tam_store_exec (TamStore *self,
                         const char *sql,
                         GError **error);
/* Beside the database: FILE.key, its secret; FILE.checkpoint, the audit
 * log's signed head (tam-audit.c). Backups carry both. */
#define TAM_STORE_KEY_SUFFIX ".key"
#define TAM_STORE_CHECKPOINT_SUFFIX ".checkpoint"
char *tam_store_sidecar_path (TamStore *self,
                              const char *suffix);
/* The database's secret (32 bytes, from FILE.key, made by the first
 * read-write open), or NULL when a read-only open found no key. */
GBytes *tam_store_get_secret (TamStore *self);
/* Runs @func (@data, store) once the current transaction has committed
 * (at once outside one); dropped on rollback. @destroy frees @data. */
void tam_store_after_commit (TamStore *self,
                             GFunc func,
                             gpointer data,
                             GDestroyNotify destroy);

gboolean tam_store_begin (TamStore *self,
                          GError **error);
gboolean tam_store_commit (TamStore *self,
                           GError **error);
void tam_store_rollback (TamStore *self);
/* Between two write transactions of a long job: leaves the lock free
 * for 3 ms, in which desks waiting for it (their busy handler polls
 * every millisecond) take their turn, and longer (up to 100 ms) while a
 * connection of this process still polls. */
void tam_store_yield (void);
gboolean tam_store_in_transaction (TamStore *self);
/* A write opens its own short transaction only outside the caller's:
 *
 *   gboolean own_tx = !tam_store_in_transaction (store);
 *
 *   if (own_tx && !tam_store_begin (store, error))
 *     return FALSE;
 *   ... (goto fail on an error)
 *   return tam_store_commit_own (store, own_tx, error);
 *
 * fail:
 *   return tam_store_rollback_own (store, own_tx);
 *
 * tam_store_commit_own commits the transaction the write opened (@own_tx;
 * a failed commit is rolled back) and is TRUE inside the caller's
 * transaction; tam_store_rollback_own rolls back the transaction the
 * write opened (the caller's is the caller's to end) and is always FALSE. */
gboolean tam_store_commit_own (TamStore *self,
                               gboolean own_tx,
                               GError **error);
gboolean tam_store_rollback_own (TamStore *self,
                                 gboolean own_tx);

/* Sets @error from the connection's last error, prefixed by @what. */
void tam_store_set_error (TamStore *self,
                          GError **error,
                          const char *what);

/* Steps @stmt, a write (INSERT, UPDATE, DELETE), and resets it. FALSE
 * with @error (@what and the connection's message) when the step fails
 * or, with @one_row, when it changed no row or more than one. */
gboolean tam_store_step_write (TamStore *self,
                               sqlite3_stmt *stmt,
                               gboolean one_row,
                               const char *what,
                               GError **error);

/* What one row of a statement becomes (tam_store_collect). */
typedef gpointer (*TamStoreRowFunc) (sqlite3_stmt *stmt,
                                     gpointer user_data);
/* Steps @stmt (prepared and bound) through its rows, adding what @row
 * makes of each to a new array that frees them with @free_func, and
 * resets it. NULL with @error (@what and the connection's message) when
 * a step fails. */
GPtrArray *tam_store_collect (TamStore *self,
                              sqlite3_stmt *stmt,
                              TamStoreRowFunc row,
                              gpointer user_data,
                              GDestroyNotify free_func,
                              const char *what,
                              GError **error);

/* One row, one integer (or @fallback when there is no row). */
gint64 tam_store_query_int (TamStore *self,
                            const char *sql,
                            gint64 fallback,
                            GError **error);

/* The first column of the row that @sql (one bound integer, e.g. an id)
 * selects, as text; NULL when there is no row or on an error (the audit
 * snapshots of a row as JSON). */
char *tam_store_query_text_by_id (TamStore *self,
                                  const char *sql,
                                  gint64 id);

gboolean tam_store_backup (TamStore *self,
                           const char *dest_path,
                           TamProgressFunc progress,
                           gpointer user_data,
                           GCancellable *cancellable,
                           GError **error);

/* PRAGMA integrity_check and foreign_key_check; @report gets a line
 * each. tam_check() (tam-check.h) adds the audit chain. */
gboolean tam_store_check (TamStore *self,
                          GString *report,
                          GError **error);

/* Settings table (key/value text). */
char *tam_store_get_setting (TamStore *self,
                             const char *key,
                             const char *fallback);
gboolean tam_store_set_setting (TamStore *self,
                                const char *key,
                                const char *value,
                                GError **error);

/* The calls that queries may see: an import in progress hides the rows
 * it has published so far (see migration 3 in tam-schema.c). @alias is
 * a string literal naming the calls table in the query. */
#define TAM_CALL_VISIBLE(alias) \
  alias ".id < (SELECT COALESCE (min (first_call_id), 9223372036854775807) FROM import_runs)"

/* Import runs (tam-store.c): a calls import registers itself before
 * publishing hidden rows, keeps a heartbeat, and either publishes them
 * (deleting its run in the caller's transaction) or removes them. */
gint64 tam_store_import_run_start (TamStore *self,
                                   const char *kind,
                                   gint64 person_id,
                                   gint64 *first_call_id,
                                   GError **error);
gboolean tam_store_import_run_beat (TamStore *self,
                                    gint64 run_id,
                                    GError **error);
/* Deletes the run in the caller's transaction, which then publishes its
 * calls; TAM_ERROR_CONFLICT when another desk removed it meanwhile. */
gboolean tam_store_import_run_finish (TamStore *self,
                                      gint64 run_id,
                                      GError **error);
/* Removes the run and the calls it hid, in short transactions. */
gboolean tam_store_import_run_abort (TamStore *self,
                                     gint64 run_id,
                                     GError **error);
/* Aborts every run whose process is gone; TRUE when there was none or
 * all were removed. Called at each read-write open. */
gboolean tam_store_clean_abandoned_imports (TamStore *self,
                                            GError **error);

/* Small helpers for reading columns. */
char *tam_stmt_dup_text (sqlite3_stmt *stmt,
                         int col);
void tam_stmt_bind_text_or_null (sqlite3_stmt *stmt,
                                 int idx,
                                 const char *text);

/* Current local time as "YYYY-MM-DD HH:MM:SS". */
char *tam_now_string (void);

G_END_DECLS
