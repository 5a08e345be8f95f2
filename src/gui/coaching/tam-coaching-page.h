#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_COACHING_PAGE (tam_coaching_page_get_type ())
G_DECLARE_FINAL_TYPE (TamCoachingPage, tam_coaching_page, TAM, COACHING_PAGE, GtkWidget)

/* The Coaching tab (IK Pembinaan): the inbox of open proposals, the
 * records by site, team, level, state, category and month, a person's
 * ladder, and the decisions. */
GtkWidget *tam_coaching_page_new (TamStore *store,
                                  const TamSession *session);
/* Reads the list again (in a worker). */
void tam_coaching_page_reload (TamCoachingPage *self);
/* TRUE while the list or a decision is in a worker (tests). */
gboolean tam_coaching_page_is_busy (TamCoachingPage *self);
/* Open proposals in the session's inbox, as last read (-1: not yet). */
gint64 tam_coaching_page_get_open_count (TamCoachingPage *self);
/* Selects the record @id if shown. */
gboolean tam_coaching_page_select_id (TamCoachingPage *self,
                                      gint64 id);
/* The record selected, 0 for none. */
gint64 tam_coaching_page_get_selected_id (TamCoachingPage *self);

G_END_DECLS
