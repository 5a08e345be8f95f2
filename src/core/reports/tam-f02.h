/* tam-f02.h: form F-02, the attendance of one month (issue 12): sheet 1
 * one row per person and day (the planned shift, the status, check-in and
 * check-out, the note), ordered by name then date; sheet 2 the adherence
 * per person and the total (scheduled days, on time, late, absent, sick,
 * leave, off, adherence %, empty when nothing was scheduled).
 *
 * Who may: TAM_PERM_EXPORT; a team leader gets their own team, the other
 * roles everybody. */
#pragma once

#include "tam-reports.h"

G_BEGIN_DECLS

TamReportCompute tam_f02_compute;
TamReportWrite tam_f02_write;
/* The CSV file of sheet 2 beside X.csv: "X-adherence.csv". */
#define TAM_F02_ADHERENCE_CSV_SUFFIX "-adherence"

G_END_DECLS
