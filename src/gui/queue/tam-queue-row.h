#pragma once

#include <gtk/gtk.h>

#include "tam-tapping.h"

G_BEGIN_DECLS

/* One row of the tapping queue, drawn as a single widget: a list of a
 * million calls re-creates its visible rows on every filter change, and
 * GTK 4.8 spends most of that time creating widgets (a GtkColumnView cell
 * is two widgets per column). The columns line up with
 * tam_queue_row_header_new (). */
#define TAM_TYPE_QUEUE_ROW (tam_queue_row_get_type ())
G_DECLARE_FINAL_TYPE (TamQueueRow, tam_queue_row, TAM, QUEUE_ROW, GtkWidget)

GtkWidget *tam_queue_row_new (void);
/* @call NULL: a row that changed meanwhile. */
void tam_queue_row_set_call (TamQueueRow *self,
                             const TamCall *call);
/* The calls.id of the call shown (0: none), for the tests. */
gint64 tam_queue_row_get_id (TamQueueRow *self);
/* The column titles, as wide as the row's columns. */
GtkWidget *tam_queue_row_header_new (void);

G_END_DECLS
