/* tam-reports.c: the registry of reports (see tam-reports.h). */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-f02.h"
#include "tam-f03.h"
#include "tam-f18.h"
#include "tam-kpi-workbook.h"
#include "tam-recovery-cycle.h"
#include "tam-report-util.h"
#include "tam-reports.h"
#include "tam-training-report.h"
#include "tam-w03.h"

static const TamReport f18 = {
  "f18",
  "F-18",
  N_ ("Report F-18"),
  N_ ("Validation results of the AGREE calls of one month, per agent, team and site, with a sheet per QCO."),
  TAM_REPORT_MONTH,
  TAM_PERM_EXPORT,
  tam_f18_write,
  TAM_F18_QCO_CSV_SUFFIX,
};

static const TamReport w03 = {
  "w03",
  "W-03",
  N_ ("Report W-03"),
  N_ ("Follow-up of the QC recommendations on the calls returned in one month: the re-calls and the next verdicts, with a sheet per team leader."),
  TAM_REPORT_MONTH,
  TAM_PERM_EXPORT,
  tam_w03_write,
  TAM_W03_TEAM_CSV_SUFFIX,
};

static const TamReport f02 = {
  "f02",
  "F-02",
  N_ ("Report F-02"),
  N_ ("Attendance of one month: each person's shifts and what happened, with their adherence on a second sheet."),
  TAM_REPORT_MONTH,
  TAM_PERM_EXPORT,
  tam_f02_write,
  TAM_F02_ADHERENCE_CSV_SUFFIX,
};

static const TamReport f03 = {
  "f03",
  "F-03",
  N_ ("Form F-03"),
  N_ ("Discipline and rule violations of one month: every coaching record, with counts per team, site and level."),
  TAM_REPORT_MONTH,
  TAM_PERM_EXPORT,
  tam_f03_write,
  TAM_F03_COUNTS_CSV_SUFFIX,
};

static const TamReport kpi = {
  "kpi",
  "KPI",
  N_ ("KPI workbook"),
  N_ ("The monthly KPIs of one month: every table, with spreadsheet charts against their targets."),
  TAM_REPORT_MONTH,
  TAM_PERM_EXPORT,
  tam_kpi_workbook_write,
  TAM_KPI_WORKBOOK_SCORECARD_CSV_SUFFIX,
};

static const TamReport cycle = {
  "cycle",
  "RP-CYCLE",
  N_ ("Recovery plan cycle"),
  N_ ("How fast the recovery plans of one missed month ran, per drafter and site: days to the draft and to the decision, and the share verified met."),
  TAM_REPORT_MONTH,
  TAM_PERM_EXPORT,
  tam_recovery_cycle_write,
  TAM_RECOVERY_CYCLE_SITES_CSV_SUFFIX,
};

static const TamReport training = {
  "training",
  "Training",
  N_ ("Training batches"),
  N_ ("The trainings of one month: each participant's attendance, quiz attempts, latest score and whether they passed, with every attempt on a second sheet."),
  TAM_REPORT_MONTH,
  TAM_PERM_EXPORT,
  tam_training_report_write,
  TAM_TRAINING_REPORT_ATTEMPTS_CSV_SUFFIX,
};

static const TamReport *const reports[] = { &f18, &w03, &f02, &f03, &kpi, &cycle, &training, NULL };

const TamReport *const *
tam_reports (void)
{
  return reports;
}

const TamReport *
tam_report_find (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  for (guint i = 0; reports[i] != NULL; i++)
    if (g_ascii_strcasecmp (reports[i]->code, code) == 0 ||
        g_ascii_strcasecmp (reports[i]->form, code) == 0)
      return reports[i];
  return NULL;
}

char *
tam_report_second_csv_path (const TamReport *report,
                            const char *path)
{
  gboolean is_csv;

  g_return_val_if_fail (report != NULL && path != NULL, NULL);

  if (report->second_csv_suffix == NULL || !_tam_report_check_path (path, &is_csv, NULL) || !is_csv)
    return NULL;
  return _tam_report_csv_sibling (path, report->second_csv_suffix);
}
