/* tam-recovery-private.h: what the files of recovery/ share. */
#pragma once

#include "tam-recovery.h"

G_BEGIN_DECLS

/* "YYYY-MM-DD HH:MM:SS" of @at, or now. NULL when @at is not a time. */
char *_tam_recovery_time (const char *at,
                          GError **error);
/* The last day of @month "YYYY-MM" as "YYYY-MM-DD". */
char *_tam_recovery_month_last_day (const char *month);
/* Whether @session may approve, reject or close a plan of @kpi at @site /
 * @service drafted by @drafted_by; FALSE with a message why. */
gboolean _tam_recovery_may_decide (const TamSession *session,
                                   TamKpiKind kpi,
                                   const char *site,
                                   const char *service,
                                   gint64 drafted_by,
                                   GError **error);

G_END_DECLS
