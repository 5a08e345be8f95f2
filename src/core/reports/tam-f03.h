/* tam-f03.h: form F-03 (IN.OCC.TELK.F-03), discipline and rule
 * violations of one month: a row per coaching record that occurred in the
 * month, and the counts per team, site and level. */
#pragma once

#include "tam-auth.h"
#include "tam-reports.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* A count of the second sheet. */
typedef struct
{
  const char *kind; /* "TEAM", "SITE", "LEVEL", "TOTAL" (static) */
  char *key;        /* the team leader's NIK, the site or level code */
  char *label;      /* the team leader's name, the site or level label */
  gint64 n;
} TamF03Count;

void tam_f03_count_free (TamF03Count *count);

/* The records (TamCoachingRecord) of @month the session may see and
 * their counts (TamF03Count). */
TamReportCompute tam_f03_compute;

/* The report registry's writer: .xlsx (two sheets) or .csv (the counts
 * in FILE-counts.csv). */
TamReportWrite tam_f03_write;
#define TAM_F03_COUNTS_CSV_SUFFIX "-counts"

G_END_DECLS
