#pragma once

#include "tam-store.h"

G_BEGIN_DECLS

/* The whole check of a database: PRAGMA integrity_check, foreign keys
 * and the audit chain; @report gets a line each. */
gboolean tam_check (TamStore *store,
                    GString *report,
                    GError **error);

G_END_DECLS
