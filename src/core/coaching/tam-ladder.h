/* tam-ladder.h: the ladder of coaching and discipline, pure functions (no
 * SQL): from a rule, a date and the person's records to the proposed
 * level; the counting rules over a person's attendance; the performance
 * chains over the monthly KPI inputs. tam-coaching-propose.c feeds them
 * from the database, the tests feed them tables. */
#pragma once

#include "tam-catalog.h"

G_BEGIN_DECLS

/* One earlier record of the person, as the ladder needs it. */
typedef struct
{
  const char *rule_code;
  TamCoachingLevel level;
  TamCoachingState state;
  const char *occurred_on; /* YYYY-MM-DD */
  const char *valid_until; /* YYYY-MM-DD, issued records only */
} TamLadderRecord;

typedef struct
{
  TamCoachingLevel level;
  gboolean conditional; /* the supervisor decides whether it applies */
  int previous;         /* highest valid level of the rule before, or -1 */
} TamLadderProposal;

/* The level to propose for @rule on @date, given the person's @records
 * (any rules, any order; the proposal itself not among them).
 * STEPWISE: the rule's first level, or one above the highest issued record
 * of the same rule still valid on @date (valid_until >= @date, occurred
 * on or before it), up to SP4 (the catalog's return-to-vendor level,
 * rule->top); a lapsed record no longer counts.
 * DIRECT: the first level, SP4 on a repeat while one is valid.
 * IMMEDIATE_SP4: SP4. CONDITIONAL: as STEPWISE, flagged.
 * @chain > 0 (monthly performance): the number of consecutive failing
 * months ending at this one; the level is the first level + @chain - 1,
 * whatever the records. */
TamLadderProposal tam_ladder_propose (const TamCoachingRule *rule,
                                      const char *date,
                                      const TamLadderRecord *records,
                                      gsize n_records,
                                      guint chain);

/* YYYY-MM-DD plus @months calendar months (the 31st becomes the last day
 * of a shorter month); newly allocated, NULL if @date is not a date. */
char *tam_ladder_add_months (const char *date,
                             guint months);

/* One day of a person's attendance, in date order. */
typedef struct
{
  char date[11];
  TamAttendanceStatus status;
} TamLadderDay;

/* An event of a counting rule. */
typedef struct
{
  TamCountRule count;
  char date[11]; /* the day it happens */
  char key[24];  /* "alpa:2026-10", "abs:2026-10-14": never twice */
  guint n;       /* the absences counted */
} TamLadderCountEvent;

/* Appends to @events (TamLadderCountEvent) what the counting rules of
 * @settings make of one person's @days (sorted by date):
 * ALPA_MONTH: the alpa_per_month-th ABSENT_NO_NOTICE of a calendar month,
 * on that day (once a month);
 * ABSENCES_3_MONTHS: the day on which the absences (any ABSENT_* and
 * SICK_NO_NOTE; not SICK_NOTE, LEAVE or OFF) within the calendar month
 * and the absence_months - 1 before it reach @settings->absences; the
 * absences counted then are used up (the next event needs as many new
 * ones). */
void tam_ladder_count (const TamCatalogSettings *settings,
                       const TamLadderDay *days,
                       gsize n_days,
                       GArray *events);

/* Whether an attendance status counts as an absence for
 * ABSENCES_3_MONTHS. */
gboolean tam_ladder_is_absence (TamAttendanceStatus status);

/* One monthly value of a person. */
typedef struct
{
  char month[8]; /* YYYY-MM */
  char parameter[16];
  double value;
} TamLadderKpi;

/* A failing month of a performance chain. */
typedef struct
{
  char month[8];
  char parameter[16]; /* AHT ... or OVERALL */
  double value;
  guint chain; /* consecutive failing months ending here, >= 1 */
} TamLadderKpiEvent;

/* Weights of the overall ABU score, by parameter; NULL or a parameter not
 * in it: equal weights over the parameters present in the month. */
typedef GHashTable TamLadderWeights;

/* The overall score of one month's @values (one person), weighted. */
double tam_ladder_overall_score (const TamLadderKpi *values,
                                 gsize n_values,
                                 TamLadderWeights *weights);

/* Appends to @events (TamLadderKpiEvent) the failing months of one
 * person's @values (any order): per parameter, a month under the
 * threshold starts or continues a chain (the month before failed too),
 * a month that meets it or a month without a value breaks it; the same
 * for the overall score (parameter "OVERALL"). */
void tam_ladder_kpi (const TamCatalogSettings *settings,
                     const TamLadderKpi *values,
                     gsize n_values,
                     TamLadderWeights *weights,
                     GArray *events);

/* "2026-12" -> "2027-01". @out: 8 bytes. */
void tam_ladder_next_month (const char *month,
                            char out[8]);

G_END_DECLS
