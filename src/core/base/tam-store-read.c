/* tam-store-read.c: reading the one row that a lookup by id or NIK
 * selects, with the caller's "not found" message. */
#include "config.h"

#include "tam-store-read.h"

gboolean
tam_stmt_read_one (sqlite3_stmt *stmt,
                   TamRowFillFunc fill,
                   gpointer out,
                   GError **error,
                   const char *not_found_format,
                   ...)
{
  gboolean found = sqlite3_step (stmt) == SQLITE_ROW;

  if (found)
    fill (stmt, out);
  sqlite3_reset (stmt);
  if (!found && error != NULL)
    {
      va_list args;

      va_start (args, not_found_format);
      g_propagate_error (error, g_error_new_valist (TAM_ERROR, TAM_ERROR_NOT_FOUND, not_found_format, args));
      va_end (args);
    }
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
