/* tam-pack.h: the month-end pack (issue 10): every monthly report of the
 * registry and the KPI charts, written in one go into a folder. */
#pragma once

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* Writes into @dir (made if missing) for @month: each report of the
 * registry as FORM-YYYY-MM.xlsx (F-18, W-03, F-02, F-03, the KPI workbook
 * KPI-YYYY-MM.xlsx with its native charts), and KPI-charts-YYYY-MM.pdf (the
 * QVS and first-pass lines over twelve months, the QVS, headcount and ABU
 * score of the sites). Each file goes through a temporary one, so a failed
 * or cancelled pack leaves no half-written file; files already written stay.
 * @written (may be NULL) gets the paths, in order. */
gboolean tam_report_pack (TamStore *store,
                          const TamSession *session,
                          const char *month,
                          const char *dir,
                          GPtrArray **written,
                          TamProgressFunc progress,
                          gpointer user_data,
                          GCancellable *cancellable,
                          GError **error);

G_END_DECLS
