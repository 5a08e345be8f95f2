/* tam-training-report.h: the batch report of one month's trainings, an
 * entry of the report registry (tam-reports.c). */
#pragma once

#include "tam-reports.h"
#include "tam-training.h"

G_BEGIN_DECLS

/* Sheet 1: a row per participant of each training that overlaps the
 * month; sheet 2: every quiz attempt. TAM_PERM_EXPORT. */
TamReportCompute tam_training_report_compute;
TamReportWrite tam_training_report_write;
/* For a .csv path, the attempts' file: FILE-attempts.csv. */
#define TAM_TRAINING_REPORT_ATTEMPTS_CSV_SUFFIX "-attempts"

G_END_DECLS
