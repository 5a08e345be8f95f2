#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-enums.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_RECOVERY_PAGE (tam_recovery_page_get_type ())
G_DECLARE_FINAL_TYPE (TamRecoveryPage, tam_recovery_page, TAM, RECOVERY_PAGE, GtkWidget)

/* The Recovery plans tab (issue 11): my drafts, waiting for my approval
 * (its count in the sidebar's title), in progress, to verify, closed; a
 * plan's figures, actions, history and KPI chart; draft, submit,
 * approve, reject, action done, close, follow-up and the plan's PDF.
 * Lists are read in GTask workers on stores of their own; writes go
 * through tam_save_async (). Approved plans whose month is over are
 * verified when the tab opens (a supervisor's or team leader's desk).
 *
 * The window gets the action win.recovery-draft (a string
 * "KPI\tSCOPE\tPERIOD", e.g. "qvs\tteam:TL001\t2026-10", KPI codes as
 * `tamctl recovery draft --kpi`) while the page is in it: it shows the
 * tab and opens the draft dialog filled in (the KPI tab's "Draft
 * recovery plan"). */
GtkWidget *tam_recovery_page_new (TamStore *store,
                                  const TamSession *session);
void tam_recovery_page_reload (TamRecoveryPage *self);
/* TRUE while a list, a plan's detail or a write is in a worker (tests). */
gboolean tam_recovery_page_is_busy (TamRecoveryPage *self);
/* Plans waiting for the session's decision, as last read (-1: not yet). */
gint64 tam_recovery_page_get_to_decide (TamRecoveryPage *self);
gint64 tam_recovery_page_get_selected_id (TamRecoveryPage *self);
gboolean tam_recovery_page_select_id (TamRecoveryPage *self,
                                      gint64 id);
/* Shows @box (TamRecoveryBox) and reads it. */
void tam_recovery_page_show_box (TamRecoveryPage *self,
                                 guint box);
/* Opens the draft dialog filled in; FALSE when the text is not
 * "KPI\tSCOPE\tPERIOD" or the session may not draft. */
gboolean tam_recovery_page_draft (TamRecoveryPage *self,
                                  const char *spec);
/* The draft dialog open now, or NULL (tests). */
GtkWidget *tam_recovery_page_get_dialog (TamRecoveryPage *self);

G_END_DECLS
