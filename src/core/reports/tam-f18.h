/* tam-f18.h: form F-18, the monthly validation results of AGREE calls.
 *
 * Sheet 1, one row per agent (calls of the month by calls.month, i.e. by
 * the call's start), grouped by site, then team (the agent's team leader),
 * with a subtotal per team and per site and a grand total:
 *   total AGREE   every AGREE call of the month
 *   VALID         calls whose latest (non-undone) verdict is VALID
 *   RETURN        calls whose latest verdict is RETURN (RETURNED, or
 *                 RECALLED and waiting for the next tapping)
 *   pending       calls never tapped yet (PENDING)
 *                 so total = VALID + RETURN + pending
 *   QVS           VALID / total AGREE
 *   first-pass    calls whose first verdict was VALID / total AGREE
 *                 (the same denominator as QVS: a call not tapped yet
 *                 has not passed; the DOMAIN target is 95 % on both)
 * Sheet 2, one row per QCO, over the tappings done in the month
 * (tapped_at in the month, undone ones left out), with a total:
 *   calls tapped (distinct calls), VALID, RETURN (verdicts), tappings,
 *   days with at least one tapping, average tappings per such day.
 *
 * Who may: TAM_PERM_EXPORT, over what the session may see in the queue (a
 * QCO their site, a team leader their team; see tam-tapping.h). */
#pragma once

#include "tam-reports.h"

G_BEGIN_DECLS

typedef enum
{
  TAM_F18_AGENT,
  TAM_F18_TEAM,  /* subtotal of the rows above it in the same team */
  TAM_F18_SITE,  /* subtotal of a site */
  TAM_F18_TOTAL, /* grand total */
} TamF18RowKind;

typedef struct
{
  TamF18RowKind kind;
  char *site;            /* site code (NULL on the total row) */
  char *team_leader_nik; /* NULL for agents without a TL, site and total rows */
  char *team_leader_name;
  char *agent_nik; /* agent rows only */
  char *agent_name;
  char *service; /* agent rows only */
  gint64 total;
  gint64 valid;
  gint64 returned;
  gint64 pending;
  gint64 first_pass_valid;
  double qvs;        /* 0.0 - 1.0; 0 when total is 0 */
  double first_pass; /* 0.0 - 1.0 */
} TamF18Row;

typedef struct
{
  gboolean is_total; /* the last row: every QCO */
  char *nik;
  char *name;
  char *site;
  gint64 calls; /* distinct calls tapped */
  gint64 valid;
  gint64 returned;
  gint64 tappings;
  gint64 days;    /* days with at least one tapping */
  double per_day; /* tappings / days; 0 when no days */
} TamF18Qco;

void tam_f18_row_free (TamF18Row *row);
void tam_f18_qco_free (TamF18Qco *qco);

/* @period, a month "YYYY-MM". On success *sheet1 gets the TamF18Row rows in
 * report order (agents, team subtotals, site subtotals, the total last)
 * and *sheet2 the TamF18Qco rows (QCOs by site and name, the total
 * last). One GROUP BY query per sheet. */
TamReportCompute tam_f18_compute;

/* Writes the report to @path: ".xlsx" (two sheets, number cells, percent
 * formats, bold headers and subtotals, frozen header) or ".csv" (the agent
 * sheet; the QCO sheet goes next to it as "NAME-qco.csv"). Written to a
 * temporary file and renamed, so a cancelled or failed run leaves no half
 * file. */
TamReportWrite tam_f18_write;

/* For a .csv path, the QCO sheet's file name ("X.csv" -> "X-qco.csv"). */
#define TAM_F18_QCO_CSV_SUFFIX "-qco"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamF18Row, tam_f18_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamF18Qco, tam_f18_qco_free)

G_END_DECLS
