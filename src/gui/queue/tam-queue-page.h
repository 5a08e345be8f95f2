#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-enums.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_QUEUE_PAGE (tam_queue_page_get_type ())
G_DECLARE_FINAL_TYPE (TamQueuePage, tam_queue_page, TAM, QUEUE_PAGE, GtkWidget)

/* The QCO's tapping validation queue (issue 3). */
GtkWidget *tam_queue_page_new (TamStore *store,
                               const TamSession *session);

/* The calls of the agent @nik in @month ("YYYY-MM") in @state
 * (TAM_CALL_STATE_NONE: those waiting for a tapping), as the filter bar
 * would select them: from the month's first to its last day, the agent,
 * the state; the other choices back to "all". FALSE (and nothing changed)
 * when @nik is not an agent of the filter's list or @month not a month.
 * The KPI tab's drill-down from an agent (win.queue-agent-month). */
gboolean tam_queue_page_show_agent_month (TamQueuePage *self,
                                          const char *nik,
                                          const char *month,
                                          TamCallState state);

G_END_DECLS
