/* tam-kpi.h: the monthly KPIs of issue 10 (DOMAIN.md "Monthly KPI",
 * manual chapter III), computed in the core for the KPI tab, the charts,
 * tamctl kpi, the month-end pack, recovery plans and coaching.
 *
 * Conventions of every function here:
 * - @month is "YYYY-MM"; anything else is TAM_ERROR_INVALID.
 * - Reading needs TAM_PERM_VIEW (everyone reads the monthly KPIs);
 *   writing needs TAM_PERM_IMPORT_KPI (supervisors and the manager).
 * - Percentages are 0-100 (F-18 keeps 0.0-1.0); a rate whose
 *   denominator is 0 is NAN ("no data"), never 0.
 * - Rows come in a GPtrArray that owns them, ordered by scope member
 *   (site, team leader, name); every row type starts with a TamKpiMember
 *   saying whom it is about.
 *
 * Which file does what: tam-kpi-qvs.c (QVS, first pass, the series),
 * tam-kpi-budget.c (QVS budget), tam-kpi-headcount.c,
 * tam-kpi-scorecard.c (ABU), tam-kpi-adherence.c (F-02),
 * tam-kpi-ct0.c (CT-0 PraNPC achievement), tam-kpi-inputs.c (writing
 * the inputs, targets and settings), tam-kpi-cards.c (one KPI of one
 * member: the tab's cards, the line charts' series), tam-kpi-table.c
 * (tables for CSV and .xlsx), tam-kpi-member.c (scope members, months,
 * targets and settings). */
#pragma once

#include "tam-auth.h"
#include "tam-enums.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------ */
/* Scope members */

/* Whom a row is about. @key identifies the member within its scope:
 * NULL for NATIONAL, the site or service code, the team leader's NIK
 * (NULL for the agents who have no team leader), the agent's NIK. */
typedef struct
{
  TamKpiScope scope;
  char *key;
  char *name;             /* site name, service label, TL or agent name; NULL national */
  char *site;             /* SITE: its code; TEAM and AGENT: the person's site */
  char *service;          /* SERVICE: its code; TEAM and AGENT: the person's service */
  char *team_leader_nik;  /* AGENT: their team leader (NULL: none) */
  char *team_leader_name; /* AGENT */
  char *month;            /* series rows: the row's month; else the month asked */
} TamKpiMember;

/* Parses the codes of `tamctl kpi --by` (any case): national, site,
 * service, team, agent. FALSE for anything else. */
gboolean tam_kpi_scope_parse (const char *text,
                              TamKpiScope *scope);

/* "2026-10" -> "2026-10-01" (first day) and "2026-11-01" (the next
 * month's); FALSE with TAM_ERROR_INVALID when @month is not a month. */
gboolean tam_kpi_month_bounds (const char *month,
                               char **first,
                               char **next,
                               GError **error);
/* The month @n months after @month (@n may be negative), "YYYY-MM";
 * NULL when @month is not a month. */
char *tam_kpi_month_add (const char *month,
                         int n);
/* The month of today's local date, "YYYY-MM". */
char *tam_kpi_current_month (void);

/* Which months and which member a series is of (tam_kpi_series,
 * tam_kpi_qvs_series, tam_kpi_chart_line): every month from @from to @to
 * ("YYYY-MM", inclusive, at most 120), for the member @key of @scope (a
 * site or service code, a TL's or agent's NIK; NULL with NATIONAL). */
typedef struct
{
  const char *from;
  const char *to;
  TamKpiScope scope;
  const char *key;
} TamKpiSeriesQuery;

/* ------------------------------------------------------------------ */
/* Targets and settings */

/* The target of @kind in percent, from the settings: qvs_target (QVS and
 * FIRST_PASS, 95), headcount_target (95), grade_b (ABU, 60),
 * adherence_target (95), ct0_target (100). */
double tam_kpi_target (TamStore *store,
                       TamKpiKind kind);

/* The ABU weights (settings kpi_weight_AHT ..., as the coaching module
 * reads them: a missing or unreadable one is 1, a negative one 0) into
 * @weights, indexed by TamAbuParameter. */
void tam_kpi_abu_weights (TamStore *store,
                          double weights[TAM_N_ABU_PARAMETERS]);

/* The grade bands (settings grade_a, grade_b, grade_c: 80, 60, 40). */
typedef struct
{
  double a, b, c;
} TamAbuBands;

void tam_kpi_abu_bands (TamStore *store,
                        TamAbuBands *bands);

/* The grade of @score: A when >= bands->a, B when >= b, C when >= c,
 * else D. A score within 1e-9 under a band edge counts as on it
 * (floating sums of 60.0 must give B). */
TamAbuGrade tam_kpi_abu_grade (double score,
                               const TamAbuBands *bands);

/* Sets the ABU weight of @parameter (>= 0) or one grade band (@grade A,
 * B or C: its lower bound, 0-100; A > B > C is kept). Audited. */
gboolean tam_kpi_set_abu_weight (TamStore *store,
                                 const TamSession *actor,
                                 TamAbuParameter parameter,
                                 double weight,
                                 GError **error);
gboolean tam_kpi_set_grade_band (TamStore *store,
                                 const TamSession *actor,
                                 TamAbuGrade grade,
                                 double lower_bound,
                                 GError **error);

/* ------------------------------------------------------------------ */
/* Writing the monthly inputs (tam-kpi-inputs.c)
 *
 * Each checks TAM_PERM_IMPORT_KPI and its values (the person must be an
 * AGENT; values as said), then stores one row (insert or replace).
 * Inside the caller's transaction it writes no audit row: the caller
 * records one for the batch (the imports: one per file; the demo: its
 * own). Outside one it opens a short BEGIN IMMEDIATE transaction and
 * appends an audit row with the value before and after (an edit in the
 * app). @counts, if not NULL, gets +1 in inserted, updated or
 * unchanged. */
typedef struct
{
  guint64 inserted;
  guint64 updated;
  guint64 unchanged;
} TamKpiWriteCounts;

/* kpi_inputs: @value 0-100. */
gboolean tam_kpi_put_input (TamStore *store,
                            const TamSession *actor,
                            const char *month,
                            gint64 person_id,
                            TamAbuParameter parameter,
                            double value,
                            TamKpiWriteCounts *counts,
                            GError **error);
/* headcount_targets: the CAPLAN of a service at a site (a pair of
 * service_sites), @target >= 0. */
gboolean tam_kpi_put_headcount_target (TamStore *store,
                                       const TamSession *actor,
                                       const char *month,
                                       const char *service,
                                       const char *site,
                                       gint64 target,
                                       TamKpiWriteCounts *counts,
                                       GError **error);
/* agent_targets: an agent's CT-0 daily AGREE target, @daily_target >= 0. */
gboolean tam_kpi_put_agent_target (TamStore *store,
                                   const TamSession *actor,
                                   const char *month,
                                   gint64 person_id,
                                   gint64 daily_target,
                                   TamKpiWriteCounts *counts,
                                   GError **error);

/* ------------------------------------------------------------------ */
/* 1. Quality Validation Score (tam-kpi-qvs.c)
 *
 * The AGREE calls of the month (by the call's start), by the latest
 * verdict of each call, exactly as F-18 counts them (tam-f18.h): agree =
 * valid + returned + pending; returned = RETURNED or RECALLED; qvs =
 * valid / agree; first_pass = calls whose first verdict was VALID /
 * agree. A SITE or SERVICE is the call's; a TEAM is the agent's team
 * leader now; an AGENT sums the agent's calls of every site and service.
 * Members with no AGREE call in the month have no row.
 *
 * From the month totals per agent or per site and service
 * (kpi_agent_months, kpi_site_months, kept with the per-day counts of
 * tam-queue-counts.c, which are brought up to date first); never a scan
 * of the calls, except when the counts cannot be
 * brought up to date (a read-only store behind an import, or the
 * caller's transaction): then, like F-18, from the calls. */
typedef struct
{
  TamKpiMember m;
  gint64 agree;
  gint64 valid;
  gint64 returned;
  gint64 pending;
  gint64 first_pass_valid;
  double qvs;        /* percent; NAN when agree is 0 */
  double first_pass; /* percent; NAN when agree is 0 */
} TamKpiQvs;

void tam_kpi_qvs_free (TamKpiQvs *row);

/* One row per member of @scope (one for NATIONAL) for @month. */
gboolean tam_kpi_qvs (TamStore *store,
                      const TamSession *session,
                      const char *month,
                      TamKpiScope scope,
                      GPtrArray **rows,
                      GError **error);

/* The series for a chart: for each month of @query and each member of
 * its scope (only its key's when not NULL), one TamKpiQvs with m.month
 * set, by month then member. Months without calls have no row.
 * 24 months at 4,800,000 calls: 2.4 ms national, 3.3 ms a team (tamctl
 * bench kpi_qvs_series_ms, kpi_qvs_team_series_ms). */
gboolean tam_kpi_qvs_series (TamStore *store,
                             const TamSession *session,
                             const TamKpiSeriesQuery *query,
                             GPtrArray **rows,
                             GError **error);

/* ------------------------------------------------------------------ */
/* 2. QVS budget (tam-kpi-budget.c)
 *
 * With its AGREE so far and its pending calls, how many of the pending
 * a member can still see RETURNed and end the month at or above the QVS
 * target t: returns_left = floor (valid + pending - t * agree), computed
 * in integers (t in hundredths of a percent). When that is negative the
 * member is under even if every pending call passes (@under): then
 * valid_needed = ceil ((t * agree - valid - pending) / (1 - t)) new
 * AGREE calls that pass would bring it back to t (and returns_left 0). */
typedef struct
{
  TamKpiMember m;
  gint64 agree;
  gint64 valid;
  gint64 returned;
  gint64 pending;
  double qvs;  /* now: valid / agree, percent (NAN when no AGREE) */
  double best; /* if every pending call passes, percent */
  gint64 returns_left;
  gint64 valid_needed;
  gboolean under;
} TamKpiBudget;

void tam_kpi_budget_free (TamKpiBudget *row);

/* The budget arithmetic alone (@target in percent). */
void tam_kpi_budget_compute (TamKpiBudget *budget,
                             double target);

/* One row per member of @scope for @month (normally the current one). */
gboolean tam_kpi_qvs_budget (TamStore *store,
                             const TamSession *session,
                             const char *month,
                             TamKpiScope scope,
                             GPtrArray **rows,
                             GError **error);

/* ------------------------------------------------------------------ */
/* 3. Headcount fulfilment (tam-kpi-headcount.c)
 *
 * available = agents (role AGENT) whose status is ACTIVE (passed the
 * initial training) and hired on or before the month's last day, of the
 * service and site (the person's); target = headcount_targets (CAPLAN)
 * of the month; fulfilment = available / target (NAN without a target).
 * Every pair of service_sites and every pair with a target has a row at
 * SERVICE x SITE; SITE, SERVICE and NATIONAL sum them. (The status is
 * today's: there is no status history, so a past month counts the agents
 * still ACTIVE now.) TEAM and AGENT are refused. */
typedef struct
{
  TamKpiMember m; /* per pair: m.scope SITE, m.key and m.site the site, m.service set */
  gint64 available;
  gint64 target; /* -1: no target for the month */
  double fulfilment;
} TamKpiHeadcount;

void tam_kpi_headcount_free (TamKpiHeadcount *row);

/* @scope NATIONAL, SITE or SERVICE; @pairs TRUE: one row per service and
 * site (then m.scope is SITE and m.service the service), the issue's
 * `service,site,available,target,fulfilment`. */
gboolean tam_kpi_headcount (TamStore *store,
                            const TamSession *session,
                            const char *month,
                            TamKpiScope scope,
                            gboolean pairs,
                            GPtrArray **rows,
                            GError **error);

/* ------------------------------------------------------------------ */
/* 4. ABU scorecard (tam-kpi-scorecard.c)
 *
 * Per agent with kpi_inputs in the month: the five scores (NAN when not
 * given), score = the weighted mean over the parameters given (weights
 * renormalised over them: an agent without KUIS is scored on the other
 * four), grade by the bands. Flags: under_b (grade C or D) and
 * low_parameters, a bit (1 << TamAbuParameter) for each parameter under
 * the B band (60). */
typedef struct
{
  TamKpiMember m;
  double values[TAM_N_ABU_PARAMETERS];
  double score; /* NAN when no weight applies */
  TamAbuGrade grade;
  gboolean under_b;
  guint low_parameters;
} TamKpiScore;

void tam_kpi_score_free (TamKpiScore *row);

/* The score of one set of values (NAN: not given). */
double tam_kpi_abu_score (const double values[TAM_N_ABU_PARAMETERS],
                          const double weights[TAM_N_ABU_PARAMETERS]);

/* One row per agent scored in @month. */
gboolean tam_kpi_scorecard (TamStore *store,
                            const TamSession *session,
                            const char *month,
                            GPtrArray **rows,
                            GError **error);

/* A summary per member of @scope (not AGENT): the agents scored, the
 * mean score, how many are under B. */
typedef struct
{
  TamKpiMember m;
  gint64 agents;
  double mean_score;
  gint64 under_b;
} TamKpiScoreSummary;

void tam_kpi_score_summary_free (TamKpiScoreSummary *row);

gboolean tam_kpi_scorecard_summary (TamStore *store,
                                    const TamSession *session,
                                    const char *month,
                                    TamKpiScope scope,
                                    GPtrArray **rows,
                                    GError **error);

/* ------------------------------------------------------------------ */
/* 5. Roster adherence, F-02 (tam-kpi-adherence.c)
 *
 * tam_attendance_adherence() (people/tam-attendance.c) of the agents,
 * summed per member with its rule (present on time / scheduled days;
 * OFF and LEAVE are not scheduled). */
typedef struct
{
  TamKpiMember m;
  gint64 agents;
  gint64 scheduled;
  gint64 present;
  gint64 late;
  gint64 absent;
  gint64 sick;
  gint64 leave;
  double adherence; /* percent; 100 when nothing was scheduled */
} TamKpiAdherence;

void tam_kpi_adherence_free (TamKpiAdherence *row);

/* SERVICE is the agent's service. */
gboolean tam_kpi_adherence (TamStore *store,
                            const TamSession *session,
                            const char *month,
                            TamKpiScope scope,
                            GPtrArray **rows,
                            GError **error);

/* ------------------------------------------------------------------ */
/* 6. CT-0 PraNPC achievement (tam-kpi-ct0.c)
 *
 * For the agents with a daily target in agent_targets for the month:
 * agree = their AGREE calls (any tapping state, any service) on the day
 * or in the month; target = daily_target x working days, a working day
 * being one whose attendance is scheduled (not OFF or LEAVE) or, with no
 * attendance row, one with an AGREE call; days after today do not count
 * yet; achievement = agree / target (NAN when the target is 0). TEAM and
 * SITE sum their agents with targets. */
typedef struct
{
  TamKpiMember m;
  gint64 agents;
  gint64 daily_target; /* AGENT rows; the sum at other scopes */
  gint64 days;         /* working days (agent-days above AGENT) */
  gint64 agree;
  gint64 valid;
  gint64 target;
  double achievement; /* percent */
} TamKpiCt0;

void tam_kpi_ct0_free (TamKpiCt0 *row);

/* @day NULL: the month; else a day of @month ("YYYY-MM-DD"). */
gboolean tam_kpi_ct0 (TamStore *store,
                      const TamSession *session,
                      const char *month,
                      const char *day,
                      TamKpiScope scope,
                      GPtrArray **rows,
                      GError **error);

/* ------------------------------------------------------------------ */
/* KPI cards (tam-kpi-cards.c): the KPI tab's headline numbers for one
 * member, against the target and the month before. */
typedef struct
{
  TamKpiKind kind;
  double value;    /* percent (ABU: the mean score); NAN: no data */
  double previous; /* the same for the month before; NAN: no data */
  double target;   /* tam_kpi_target() */
  gboolean under;  /* value < target */
  /* What the value is made of, for a tooltip ("1.402 valid / 1.488
   * agree"): QVS valid / agree, FIRST_PASS first-pass valid / agree,
   * HEADCOUNT available / target, ABU agents under B / agents scored,
   * ADHERENCE present / scheduled days, CT0_AGREE agree / target. */
  gint64 numerator;
  gint64 denominator;
} TamKpiCard;

/* One card per TamKpiKind, in enum order, for @month and the member
 * @key of @scope (NULL with NATIONAL). A KPI that does not apply (the
 * headcount of a team or an agent) or has no data has value NAN. */
gboolean tam_kpi_cards (TamStore *store,
                        const TamSession *session,
                        const char *month,
                        TamKpiScope scope,
                        const char *key,
                        GArray **cards,
                        GError **error);

/* One month of a line chart. */
typedef struct
{
  char month[8]; /* YYYY-MM */
  double value;  /* as TamKpiCard's; NAN: no data that month */
  gint64 numerator;
  gint64 denominator;
} TamKpiPoint;

/* @kind for every month of @query (a member is required at the scopes
 * other than NATIONAL), one TamKpiPoint each, in order. QVS and
 * FIRST_PASS come from tam_kpi_qvs_series (fast); the others are
 * computed month by month. */
gboolean tam_kpi_series (TamStore *store,
                         const TamSession *session,
                         TamKpiKind kind,
                         const TamKpiSeriesQuery *query,
                         GArray **points,
                         GError **error);

/* The month the KPI tab opens on: the last complete one (the month
 * before today's), "YYYY-MM". */
char *tam_kpi_last_complete_month (void);

/* ------------------------------------------------------------------ */
/* Tables (tam-kpi-table.c): the rows above as columns with the names of
 * the issue, for `tamctl kpi` and the KPI workbook. Numbers are written
 * with a dot and no grouping, percentages 0-100 with 2 decimals, NAN as
 * an empty cell. */
typedef enum
{
  TAM_KPI_COLUMN_TEXT,
  TAM_KPI_COLUMN_INT,
  TAM_KPI_COLUMN_DECIMAL,
  TAM_KPI_COLUMN_PERCENT,
} TamKpiColumnType;

typedef struct
{
  char *title;     /* the sheet's title */
  GStrv columns;   /* machine names: nik,name,agree,... */
  GArray *types;   /* TamKpiColumnType per column */
  GPtrArray *rows; /* GStrv, one string per column */
} TamKpiTable;

void tam_kpi_table_free (TamKpiTable *table);

/* @kind QVS (or FIRST_PASS: the same table), HEADCOUNT, ABU, ADHERENCE,
 * CT0_AGREE with the rows its function gave for @scope (ABU: agent rows
 * from tam_kpi_scorecard, or summaries). */
TamKpiTable *tam_kpi_table_new (TamKpiKind kind,
                                TamKpiScope scope,
                                const char *title,
                                GPtrArray *rows);
/* A QVS budget table. */
TamKpiTable *tam_kpi_budget_table_new (const char *title,
                                       GPtrArray *rows);

/* CSV text (RFC 4180, CRLF), header first. */
char *tam_kpi_table_to_csv (const TamKpiTable *table);
/* Writes @path, .csv or .xlsx (one sheet, numbers as numbers), through a
 * temporary file renamed at the end. */
gboolean tam_kpi_table_write (const TamKpiTable *table,
                              const char *path,
                              GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiQvs, tam_kpi_qvs_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiBudget, tam_kpi_budget_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiHeadcount, tam_kpi_headcount_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiScore, tam_kpi_score_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiScoreSummary, tam_kpi_score_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiAdherence, tam_kpi_adherence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiCt0, tam_kpi_ct0_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamKpiTable, tam_kpi_table_free)

G_END_DECLS
