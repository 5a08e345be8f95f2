#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TAM_TYPE_CELL (tam_cell_get_type ())
G_DECLARE_FINAL_TYPE (TamCell, tam_cell, TAM, CELL, GtkWidget)

/* A one-line text cell for the big tables. Unlike GtkLabel it lays its
 * text out only when drawn and reports a constant height, so binding a
 * row (GTK 4.8's list views keep ~200 rows bound, visible or not) costs a
 * string copy, not a Pango layout. It ellipsizes at the column's width;
 * the full text is its accessible label and, when cut, its tooltip. */
GtkWidget *tam_cell_new (void);
void tam_cell_set_text (TamCell *self,
                        const char *text);
const char *tam_cell_get_text (TamCell *self);
/* FALSE (the default) for fixed-width columns: the cell then asks for no
 * width of its own. TRUE: its natural width is the text's. */
void tam_cell_set_measure_text (TamCell *self,
                                gboolean measure_text);

/* A list item factory of TamCells, each showing the string property
 * @property (an interned or static string) of its row's item, and
 * following the row's slot (tam-slot-model.h) as its item changes. Each
 * cell keeps its bound slot as object data "tam-slot". */
GtkListItemFactory *tam_cell_slot_factory_new (const char *property);

/* Drawing a line of text as a TamCell does (the Queue tab's rows draw
 * their columns so too). */
/* A layout of @text for @widget that stays on one line and is ellipsized
 * at its end once given a width. */
PangoLayout *tam_one_line_layout_new (GtkWidget *widget,
                                      const char *text);
/* Draws @layout at @x in @color, centred in a height of @height. */
void tam_snapshot_one_line (GtkSnapshot *snapshot,
                            PangoLayout *layout,
                            const GdkRGBA *color,
                            int x,
                            int height);

G_END_DECLS
