/* tam-people-private.h: for the core only (the roster import writes the
 * same audit snapshots as the people editor). */
#pragma once

#include "tam-store.h"

G_BEGIN_DECLS

/* The person's row as JSON, for an audit row's before/after. */
char *_tam_people_json (TamStore *store,
                        gint64 id);

G_END_DECLS
