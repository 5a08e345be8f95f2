#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One row of a TamSlotModel: a stable object whose "item" changes. */
#define TAM_TYPE_SLOT (tam_slot_get_type ())
G_DECLARE_FINAL_TYPE (TamSlot, tam_slot, TAM, SLOT, GObject)

gpointer tam_slot_get_item (TamSlot *self);

/* A GListModel of TamSlot over another list model, for the big tables.
 *
 * GTK 4.8's list and column views keep about 200 rows bound, visible or
 * not, and rebuild the row widgets of every item that changes: with nine
 * columns, one keystroke in a search that narrows a thousand people
 * destroys and builds thousands of widgets. Through this model the rows
 * stay the same objects: when the model below changes, the slots change
 * their "item" (cells follow notify::item and rebind their text), and only
 * a change in the number of items reaches the view, at the end.
 *
 * Stack it on top of the usual chain, under the selection:
 *   GtkColumnView → GtkSingleSelection → TamSlotModel → GtkFilterListModel
 *   → GtkSortListModel (the column view's sorter) → GListStore
 * Positions are stable but the items in them are not: after a change,
 * look the selected item up again (tam_slot_model_find). */
#define TAM_TYPE_SLOT_MODEL (tam_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (TamSlotModel, tam_slot_model, TAM, SLOT_MODEL, GObject)

TamSlotModel *tam_slot_model_new (GListModel *model);
GListModel *tam_slot_model_get_model (TamSlotModel *self);
/* The item at @position of the model below (no reference), or NULL. */
gpointer tam_slot_model_peek (TamSlotModel *self,
                              guint position);
/* The first position whose item satisfies @func, or
 * GTK_INVALID_LIST_POSITION. */
guint tam_slot_model_find (TamSlotModel *self,
                           GEqualFunc func,
                           gconstpointer data);

G_END_DECLS
