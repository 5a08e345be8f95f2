#pragma once

#include <gtk/gtk.h>

#include "tam-store.h"

G_BEGIN_DECLS

/* A person's training history (issue 14), read in a worker on a store of
 * its own: each training newest first, with days present and absent,
 * attempts, the latest score and whether they passed. For the person
 * dialog of the Roster. */
GtkWidget *tam_training_history_new (TamStore *store,
                                     gint64 person_id);

G_END_DECLS
