#pragma once

#include <gtk/gtk.h>

#include "tam-coaching.h"

G_BEGIN_DECLS

#define TAM_TYPE_LADDER_VIEW (tam_ladder_view_get_type ())
G_DECLARE_FINAL_TYPE (TamLadderView, tam_ladder_view, TAM, LADDER_VIEW, GtkWidget)

/* A person's ladder as a timeline: one row per level (Coaching 1 at the
 * bottom, SP4 at the top), each issued record a bar from its issue to the
 * end of its validity, still valid ones in colour, lapsed ones grey, a
 * line for today; proposals as open marks on their date. Its accessible
 * description says the same in words. */
GtkWidget *tam_ladder_view_new (void);
/* @records: TamCoachingRecord of one person (copied what is needed), or
 * NULL for nobody; @today YYYY-MM-DD. */
void tam_ladder_view_set_records (TamLadderView *self,
                                  GPtrArray *records,
                                  const char *today);
/* The words the view says, for tests and its accessible description. */
const char *tam_ladder_view_get_summary (TamLadderView *self);

G_END_DECLS
