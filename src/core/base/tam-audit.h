#pragma once

#include "tam-store.h"

G_BEGIN_DECLS

/* Appends one row to the audit log. Call it inside the same transaction
 * as the change it records. @before / @after are JSON text or NULL (build
 * them with SQLite's json_object() from the row itself). */
gboolean tam_audit_append (TamStore *store,
                           const TamSession *actor,
                           const char *action,
                           const char *entity,
                           const char *entity_id,
                           const char *before,
                           const char *after,
                           GError **error);

/* Recomputes the hash chain; a line per broken row goes to @report.
 * Returns FALSE with TAM_ERROR_CORRUPT when the chain is broken. */
gboolean tam_audit_verify (TamStore *store,
                           GString *report,
                           GError **error);

G_END_DECLS
