/* tam-recovery-cycle.h: how fast the recovery cycle runs (issue 11,
 * point 7; the SOP's indicator 7.2, "kecepatan dan ketepatan
 * pelaksanaan, analisa dan verifikasi recovery plan"): for the plans of a
 * missed month, per drafter (team leader or supervisor) and per site,
 * the time from the end of the missed month to the draft (days and
 * working days), from the first submission to the first decision, and
 * the share of verified plans that met their target. A report of the
 * registry (`tamctl report cycle --month M`). */
#pragma once

#include "tam-auth.h"
#include "tam-reports.h"

G_BEGIN_DECLS

typedef struct
{
  char *key;  /* the drafter's NIK, or the site code; "" for the total */
  char *name; /* the drafter's or site's name */
  char *site; /* the drafter's site (sheet 1) */
  gint64 plans;
  double days_to_draft;     /* mean, calendar days; NAN without plans */
  double workdays_to_draft; /* mean, working days (tam-calendar.h) */
  gint64 decided;
  double days_to_decision; /* mean over the decided plans; NAN: none */
  gint64 verified;
  gint64 met;
  double met_share; /* percent of the verified; NAN: none verified */
} TamRecoveryCycle;

void tam_recovery_cycle_free (TamRecoveryCycle *row);

/* The plans whose period is @month the session may see
 * (tam_recovery_list): @by_drafter a row per drafter, @by_site a row per
 * site (a service-wide plan counts at its drafter's site), each ending
 * with the total. TAM_PERM_EXPORT. */
TamReportCompute tam_recovery_cycle_compute;

/* The registry's writer: .xlsx (two sheets) or .csv (the sites in
 * FILE-sites.csv). */
TamReportWrite tam_recovery_cycle_write;
#define TAM_RECOVERY_CYCLE_SITES_CSV_SUFFIX "-sites"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamRecoveryCycle, tam_recovery_cycle_free)

G_END_DECLS
