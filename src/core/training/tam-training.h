#pragma once

/* Training (issue 14): initial training as the gate to go live,
 * refreshers and product socializations, attendance per day, quiz
 * attempts (every one kept, the latest counts), the due list. Writes
 * need TAM_PERM_RECORD_TRAINING (a TRAINER or a MANAGER); each is one
 * short BEGIN IMMEDIATE transaction (or the caller's) with its audit row. */

#include "tam-auth.h"
#include "tam-enums.h"

G_BEGIN_DECLS

/* The person (SQL alias @p, a people row) has passed an INITIAL training
 * for their service (any INITIAL one when they have no service). For the
 * imports, which read the roster with their own queries. */
#define TAM_TRAINING_PASSED_INITIAL(p)                                                           \
  "EXISTS (SELECT 1 FROM training_participants tp_ JOIN trainings t_ ON t_.id = tp_.training_id" \
  " WHERE tp_.person_id = " p ".id AND tp_.passed = 1 AND t_.kind = 'INITIAL'"                   \
  " AND (" p ".service IS NULL OR t_.service = " p ".service))"

/* The default pass mark and refresher interval (settings
 * training_pass_mark and training_refresher_months). */
#define TAM_TRAINING_DEFAULT_PASS_MARK 70.0
#define TAM_TRAINING_DEFAULT_REFRESHER_MONTHS 6

typedef struct
{
  gint64 id;
  TamTrainingKind kind;
  char *title;
  char *service; /* NULL: none */
  char *site;    /* NULL: none */
  char *trainer_nik;
  char *trainer_name;
  char *starts_on; /* YYYY-MM-DD */
  char *ends_on;
  char *material;
  guint n_participants;
  guint n_scored; /* with at least one attempt */
  guint n_passed; /* latest attempt at or above the pass mark */
  guint n_absences;
  double mean_score; /* of the latest scores; NAN when none */
} TamTraining;

typedef struct
{
  gint64 person_id;
  char *nik;
  char *name;
  char *status;
  char *service;
  guint days_present;
  guint days_absent;
  guint attempts;
  double score; /* the latest attempt's, NAN when none */
  int passed;   /* -1: no attempt yet */
} TamTrainingParticipant;

typedef struct
{
  char *nik;
  char *name;
  guint attempt;
  double score;
  double pass_mark;
  gboolean passed;
  char *recorded_at;
} TamTrainingAttempt;

typedef struct
{
  char *nik;
  char *date;
  gboolean present;
} TamTrainingDay;

/* A person's training, for their history. */
typedef struct
{
  gint64 training_id;
  TamTrainingKind kind;
  char *title;
  char *starts_on;
  char *ends_on;
  guint days_present;
  guint days_absent;
  guint attempts;
  double score; /* NAN when none */
  int passed;   /* -1: no attempt */
} TamTrainingRecord;

typedef enum
{
  TAM_TRAINING_DUE,       /* due within a month */
  TAM_TRAINING_OVERDUE,   /* past its date */
  TAM_TRAINING_SUGGESTED, /* a scorecard parameter under grade B last month */
} TamTrainingDueState;

typedef struct
{
  char *nik;
  char *name;
  char *service;
  char *site;
  TamTrainingKind kind; /* REFRESHMENT or PRODUCT_SOCIALIZATION */
  char *last_training;  /* ends_on of the last passed one; NULL: none */
  char *due_on;         /* YYYY-MM-DD */
  TamTrainingDueState state;
  char *reason; /* the socialization's title, the low parameters */
} TamTrainingDueRow;

/* A trainer's figures over the trainings listed. */
typedef struct
{
  char *nik; /* NULL: trainings with no trainer */
  char *name;
  guint trainings;
  guint participants;
  guint scored;
  guint passed;
  double mean_score; /* NAN when none */
} TamTrainerStats;

/* Someone status TRAINING now, with their INITIAL training. */
typedef struct
{
  char *nik;
  char *name;
  char *service;
  char *site;
  gint64 training_id; /* 0: not enrolled in an INITIAL training */
  char *training_title;
  char *ends_on;
  double score; /* NAN when none */
  int passed;   /* -1: no attempt */
} TamTrainee;

void tam_training_free (TamTraining *t);
void tam_training_participant_free (TamTrainingParticipant *p);
void tam_training_attempt_free (TamTrainingAttempt *a);
void tam_training_day_free (TamTrainingDay *d);
void tam_training_record_free (TamTrainingRecord *r);
void tam_training_due_row_free (TamTrainingDueRow *r);
void tam_trainer_stats_free (TamTrainerStats *s);
void tam_trainee_free (TamTrainee *t);
const char *tam_training_due_state_to_code (TamTrainingDueState state);
const char *tam_training_due_state_to_label (TamTrainingDueState state);

/* Settings. */
double tam_training_pass_mark (TamStore *store);
int tam_training_refresher_months (TamStore *store);
/* 0-100, by a TRAINER or MANAGER; later attempts are judged against it,
 * earlier ones keep theirs. */
gboolean tam_training_set_pass_mark (TamStore *store,
                                     const TamSession *actor,
                                     double pass_mark,
                                     GError **error);
gboolean tam_training_set_refresher_months (TamStore *store,
                                            const TamSession *actor,
                                            int months,
                                            GError **error);

/* What a new training is (tam_training_add()); the strings stay the
 * caller's. */
typedef struct
{
  TamTrainingKind kind;
  const char *title;
  const char *service;
  const char *site;
  const char *from;
  const char *to;
  const char *trainer_nik;
  const char *material;
} TamTrainingSpec;

/* A new training; the new id, 0 on an error. In @spec, @service and @site
 * are codes (@site may be NULL); @from and @to dates (YYYY-MM-DD or
 * DD/MM/YYYY); @trainer_nik NULL: the actor when a TRAINER; @material
 * may be NULL. */
gint64 tam_training_add (TamStore *store,
                         const TamSession *actor,
                         const TamTrainingSpec *spec,
                         GError **error);
/* Enrolls each NIK; all or none (an unknown NIK, someone enrolled
 * already or twice in @niks, someone who left, an INITIAL training of
 * another service: nothing stored). */
gboolean tam_training_enroll (TamStore *store,
                              const TamSession *actor,
                              gint64 training_id,
                              const char *const *niks,
                              GError **error);
/* Present or absent on @date (within the training's dates). An absence
 * of an agent is proposed to coaching (IK Pembinaan row 10,
 * MEETING_ABSENT); marking them present again withdraws the proposal
 * while it is undecided. */
gboolean tam_training_attend (TamStore *store,
                              const TamSession *actor,
                              gint64 training_id,
                              const char *nik,
                              const char *date,
                              gboolean present,
                              GError **error);
/* A new quiz attempt (0-100); *attempt (may be NULL) gets its number. */
gboolean tam_training_score (TamStore *store,
                             const TamSession *actor,
                             gint64 training_id,
                             const char *nik,
                             double score,
                             guint *attempt,
                             GError **error);
/* tam_training_score() recorded at @recorded_at ("YYYY-MM-DD HH:MM:SS";
 * NULL: now), for scores entered after the fact (the demo's history). */
gboolean tam_training_score_at (TamStore *store,
                                const TamSession *actor,
                                gint64 training_id,
                                const char *nik,
                                double score,
                                const char *recorded_at,
                                guint *attempt,
                                GError **error);
/* nik,score (CSV or .xlsx, columns found by name in the header, any
 * order, other columns ignored); all or nothing: a bad row stores
 * nothing and fails with TAM_ERROR_IMPORT, @errors (may be NULL) getting
 * "FILE:LINE: column C: reason" lines (at most 20). *n_scores: rows
 * stored. */
gboolean tam_training_import_scores (TamStore *store,
                                     const TamSession *actor,
                                     gint64 training_id,
                                     const char *path,
                                     guint *n_scores,
                                     GPtrArray **errors,
                                     GError **error);

TamTraining *tam_training_get (TamStore *store,
                               gint64 id,
                               GError **error);
/* Trainings that overlap @from..@to (NULL: unbounded), by start date. */
GPtrArray *tam_training_list (TamStore *store,
                              const char *from,
                              const char *to,
                              GError **error);
GPtrArray *tam_training_participants (TamStore *store,
                                      gint64 training_id,
                                      GError **error);
/* Every attempt, by participant name then attempt. */
GPtrArray *tam_training_attempts (TamStore *store,
                                  gint64 training_id,
                                  GError **error);
GPtrArray *tam_training_days (TamStore *store,
                              gint64 training_id,
                              GError **error);
/* A person's trainings, newest first. */
GPtrArray *tam_training_history (TamStore *store,
                                 gint64 person_id,
                                 GError **error);
/* The ACTIVE agents due or overdue on @on (a refresher N months after
 * their last passed INITIAL or REFRESHMENT training, or after they were
 * hired when none is recorded; due within a month of @on), a product
 * socialization of their service (and site) from the last N months they
 * have neither attended nor passed, and agents with a scorecard parameter under grade B in the
 * month before @on (SUGGESTED). Sorted by due date. */
GPtrArray *tam_training_due (TamStore *store,
                             const char *on,
                             GError **error);
GPtrArray *tam_training_trainer_stats (TamStore *store,
                                       const char *from,
                                       const char *to,
                                       GError **error);
GPtrArray *tam_training_trainees (TamStore *store,
                                  GError **error);

/* The gate: FALSE with TAM_ERROR_INVALID naming the person and what is
 * missing when @person (a people row's id, nik, name and service) may
 * not go from TRAINING to ACTIVE. */
gboolean tam_training_gate_check (TamStore *store,
                                  gint64 person_id,
                                  const char *nik,
                                  const char *name,
                                  const char *service,
                                  GError **error);

/* Adds @months to a YYYY-MM-DD date, the last day of a shorter month
 * when the day does not exist (2026-08-31 + 6 = 2027-02-28). */
char *tam_training_add_months (const char *date,
                               int months);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamTraining, tam_training_free)

G_END_DECLS
