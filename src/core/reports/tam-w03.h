/* tam-w03.h: record W-03, the follow-up of the QCO's recommendations on
 * the calls returned after tapping (monitoring pelaksanaan rekomendasi QC
 * terhadap hasil validasi dengan status return).
 *
 * Sheet 1, one row per RETURN verdict given in the month (tapped_at in the
 * month; undone verdicts left out), ordered by site, team leader, agent
 * and the time of the return: the call, its agent and team leader, the
 * QCO, the failed parameters and the recommendation; the re-call answering
 * it (the recalls row of that call and attempt: when, by whom, the note);
 * the next verdict (the call's first non-undone tapping after the re-call)
 * and the follow-up status it gives:
 *   WAITING_RECALL    no re-call yet
 *   WAITING_TAPPING   re-called, not tapped again yet
 *   VALID_AFTER       the next verdict is VALID
 *   RETURNED_AGAIN    the next verdict is RETURN (which is a row of its own)
 * and the days from the return to the re-call.
 * Sheet 2, one row per team leader (and site), then a total: returns,
 * re-called, still waiting for a re-call, VALID after the re-call,
 * returned again, average days to the re-call (over the re-called ones).
 *
 * Who may: TAM_PERM_EXPORT, over what the session may see in the queue (a
 * QCO their site, a team leader their team; see tam-tapping.h), as F-18. */
#pragma once

#include "tam-reports.h"

G_BEGIN_DECLS

typedef enum
{
  TAM_W03_WAITING_RECALL,
  TAM_W03_WAITING_TAPPING,
  TAM_W03_VALID_AFTER,
  TAM_W03_RETURNED_AGAIN,
} TamW03Status;

typedef struct
{
  char *call_id; /* the MyCX id */
  char *call_start;
  char *agent_nik;
  char *agent_name;
  char *team_leader_nik; /* NULL when the agent has none */
  char *team_leader_name;
  char *site;
  char *service;
  char *qco_nik;
  char *qco_name;
  char *returned_at;
  int attempt;
  char *failed_codes; /* the failed parameters' names, "; " between them
                       * (checklist order), the built-in reason last */
  char *recommendation;
  char *recalled_at; /* NULL when not re-called */
  char *recalled_by_nik;
  char *recall_note;
  char *next_verdict; /* NULL when not tapped again */
  char *next_verdict_at;
  TamW03Status status;
  double days_to_recall; /* < 0 when not re-called */
} TamW03Row;

typedef struct
{
  gboolean is_total;     /* the last row */
  char *site;            /* NULL on the total */
  char *team_leader_nik; /* NULL for agents without a TL and the total */
  char *team_leader_name;
  gint64 returns;
  gint64 recalled;
  gint64 waiting_recall;
  gint64 valid_after;
  gint64 returned_again;
  double avg_days; /* over the re-called rows; 0 when none */
} TamW03Team;

void tam_w03_row_free (TamW03Row *row);
void tam_w03_team_free (TamW03Team *team);

/* The status in the report's words ("Waiting for re-call"...),
 * translated. */
const char *tam_w03_status_label (TamW03Status status);

/* @period, a month "YYYY-MM". *sheet1 gets the TamW03Row rows in report order,
 * *sheet2 the TamW03Team rows (by site and team leader, the total last). */
TamReportCompute tam_w03_compute;

/* Writes the report to @path, ".xlsx" (two sheets) or ".csv" (the return
 * sheet; the team sheet goes next to it as "NAME-tl.csv"), as
 * tam_f18_write does. */
TamReportWrite tam_w03_write;

/* For a .csv path, the team sheet's file name ("X.csv" -> "X-tl.csv"). */
#define TAM_W03_TEAM_CSV_SUFFIX "-tl"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamW03Row, tam_w03_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamW03Team, tam_w03_team_free)

G_END_DECLS
