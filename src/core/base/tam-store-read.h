#pragma once

#include "tam-store.h"

G_BEGIN_DECLS

/* Fills @out (a caller's struct) from the current row of @stmt. */
typedef void (*TamRowFillFunc) (sqlite3_stmt *stmt,
                                gpointer out);

/* Steps @stmt (prepared and bound), which selects one row or none, and
 * resets it. TRUE after @fill (@stmt, @out) when there is a row; FALSE
 * with TAM_ERROR_NOT_FOUND and the message @not_found_format when there
 * is none (or the step fails). */
gboolean tam_stmt_read_one (sqlite3_stmt *stmt,
                            TamRowFillFunc fill,
                            gpointer out,
                            GError **error,
                            const char *not_found_format,
                            ...) G_GNUC_PRINTF (5, 6);

/* @sql (a literal) prepared with @id bound to its parameter 1; NULL
 * with @error when it cannot be prepared. */
sqlite3_stmt *tam_store_prepare_by_id (TamStore *store,
                                       const char *sql,
                                       gint64 id,
                                       GError **error);

G_END_DECLS
