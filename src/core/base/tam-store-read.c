/* tam-store-read.c: reading the one row that a lookup by id or NIK
 * selects, with the caller's "not found" message. */
#include "config.h"

#include "tam-store-read.h"

static gboolean G_GNUC_PRINTF (5, 0)
    read_one_valist (sqlite3_stmt *stmt,
                     TamRowFillFunc fill,
                     gpointer out,
                     GError **error,
                     const char *not_found_format,
                     va_list args)
{
  gboolean found = sqlite3_step (stmt) == SQLITE_ROW;

  if (found)
    fill (stmt, out);
  sqlite3_reset (stmt);
  if (!found && error != NULL)
    g_propagate_error (error, g_error_new_valist (TAM_ERROR, TAM_ERROR_NOT_FOUND, not_found_format, args));
  return found;
}

gboolean
tam_stmt_read_one (sqlite3_stmt *stmt,
                   TamRowFillFunc fill,
                   gpointer out,
                   GError **error,
                   const char *not_found_format,
                   ...)
{
  va_list args;
  gboolean found;

  va_start (args, not_found_format);
  found = read_one_valist (stmt, fill, out, error, not_found_format, args);
  va_end (args);
  return found;
}

sqlite3_stmt *
tam_store_prepare_by_id (TamStore *store,
                         const char *sql,
                         gint64 id,
                         GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, id);
  return stmt;
}

gboolean
tam_store_read_by_id (TamStore *store,
                      const char *sql,
                      gint64 id,
                      TamRowFillFunc fill,
                      gpointer out,
                      GError **error,
                      const char *not_found_format,
                      ...)
{
  sqlite3_stmt *stmt = tam_store_prepare_by_id (store, sql, id, error);
  va_list args;
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  va_start (args, not_found_format);
  found = read_one_valist (stmt, fill, out, error, not_found_format, args);
  va_end (args);
  return found;
}
