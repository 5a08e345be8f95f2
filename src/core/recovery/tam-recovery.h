/* tam-recovery.h: recovery plans (issue 11; DOMAIN.md "Recovery plans",
 * the real-time management SOP IN.OCC.TELK.P-10, point 7.2).
 *
 * A team leader (own team only) or a supervisor drafts a plan for a KPI
 * missed by a scope (agent, team, site, service) in a month (the period):
 * the figures come from the KPI module (tam-kpi.h), never typed. The plan
 * goes DRAFT -> SUBMITTED -> APPROVED or REJECTED; a rejected plan goes
 * back to its drafter, who revises it (a new version, DRAFT again) and
 * submits it again. Approved plans are carried out (actions marked done),
 * then verified against the KPI of the month after the period
 * (verify_month): VERIFIED_MET or VERIFIED_NOT_MET, with the figure; a
 * supervisor closes it, and a plan not met can start a follow-up plan.
 *
 * Who decides: never the drafter; SUPERVISOR_QUALITY for the quality
 * KPIs (QVS, first pass) within their service (when they have one),
 * SUPERVISOR_OPS for the others within their site (and service, when
 * they have one), or a MANAGER.
 *
 * Every step is a short BEGIN IMMEDIATE transaction (or joins the
 * caller's), audited, and recorded in recovery_events with the plan as
 * it was. @at: the step's time "YYYY-MM-DD HH:MM:SS" (NULL: now; the
 * demo gives its own). */
#pragma once

#include "tam-auth.h"
#include "tam-enums.h"

G_BEGIN_DECLS

typedef enum
{
  TAM_RECOVERY_DRAFT,
  TAM_RECOVERY_SUBMITTED,
  TAM_RECOVERY_APPROVED,
  TAM_RECOVERY_REJECTED,
  TAM_RECOVERY_VERIFIED_MET,
  TAM_RECOVERY_VERIFIED_NOT_MET,
  TAM_RECOVERY_CLOSED,
  TAM_RECOVERY_N_STATES
} TamRecoveryState;

/* Cause categories, a bit each in TamRecoveryPlan.causes. */
typedef enum
{
  TAM_CAUSE_PEOPLE = 1 << 0,
  TAM_CAUSE_PROCESS = 1 << 1,
  TAM_CAUSE_TOOLS = 1 << 2,
  TAM_CAUSE_DAPROS = 1 << 3, /* customer data */
  TAM_CAUSE_OTHER = 1 << 4,
} TamRecoveryCause;

#define TAM_N_CAUSES 5

/* Codes (DRAFT ... CLOSED; PEOPLE, PROCESS, TOOLS, DAPROS, OTHER) and
 * translated labels. from_code: any case; -1 (0 for a cause) when
 * unknown. */
int tam_recovery_state_from_code (const char *code);
const char *tam_recovery_state_to_code (TamRecoveryState state);
const char *tam_recovery_state_to_label (TamRecoveryState state);
guint tam_recovery_cause_from_code (const char *code);
const char *tam_recovery_cause_to_code (TamRecoveryCause cause);
const char *tam_recovery_cause_to_label (TamRecoveryCause cause);
/* "PEOPLE,TOOLS" <-> bits; unknown codes are skipped. */
char *tam_recovery_causes_to_codes (guint causes);
guint tam_recovery_causes_from_codes (const char *codes);

/* The KPI codes of `tamctl recovery draft --kpi` (any case): qvs,
 * first_pass, headcount, abu, adherence, ct0_agree (ct0 too). */
gboolean tam_recovery_kpi_parse (const char *text,
                                 TamKpiKind *kind);
/* "team:TL001" -> TEAM, "TL001" (agent, team, site or service; any case
 * for the kind). */
gboolean tam_recovery_scope_parse (const char *text,
                                   TamKpiScope *scope,
                                   char **ref);
/* QVS and FIRST_PASS: decided by SUPERVISOR_QUALITY. */
gboolean tam_recovery_kpi_is_quality (TamKpiKind kind);

typedef struct
{
  gint64 id;
  gint64 plan_id;
  char *text;
  char *owner_nik; /* NULL: nobody */
  char *owner_name;
  char *due_on;
  char *done_on; /* NULL: not done */
  char *done_note;
  char *done_by_nik;
  gboolean overdue; /* not done and due before the day the list was read */
} TamRecoveryAction;

void tam_recovery_action_free (TamRecoveryAction *action);

typedef struct
{
  gint64 id;
  TamKpiKind kpi;
  TamKpiScope scope;
  char *scope_ref;  /* NIK or code */
  char *scope_name; /* the person's, site's or service's name */
  char *site;       /* NULL for a service */
  char *service;    /* may be NULL */
  char *period;     /* the month missed, YYYY-MM */
  char *verify_month;
  char *analysis;
  guint causes;
  TamRecoveryState state;
  int version;
  double actual; /* the KPI in the period; NAN: no data */
  double target;
  double verified_value; /* NAN until verified */
  double verified_target;
  gint64 drafted_by_id;
  char *drafted_by_nik;
  char *drafted_by_name;
  char *drafted_at;
  char *submitted_at;
  char *decided_by_nik;
  char *decided_by_name;
  char *decided_at;
  char *decision_reason;
  char *verified_at;
  char *closed_by_nik;
  char *closed_at;
  gint64 follows_id;   /* 0: none */
  gint64 follow_up_id; /* 0: none */
  GPtrArray *actions;  /* TamRecoveryAction, by due date */
  guint n_done;
  guint n_overdue;
  gboolean may_decide; /* the session that read it may approve / reject / close it */
} TamRecoveryPlan;

void tam_recovery_plan_free (TamRecoveryPlan *plan);

/* One action of a draft: @due_on "YYYY-MM-DD" (or DD/MM/YYYY). */
typedef struct
{
  const char *text;
  const char *owner_nik; /* NULL or "": nobody */
  const char *due_on;
} TamRecoveryActionSpec;

/* Parses "TEXT|OWNER_NIK|YYYY-MM-DD" into @spec (pointing into @buffer,
 * which it owns and the caller frees). */
gboolean tam_recovery_action_spec_parse (const char *text,
                                         TamRecoveryActionSpec *spec,
                                         char **buffer,
                                         GError **error);

typedef struct
{
  TamKpiKind kpi;
  TamKpiScope scope; /* AGENT, TEAM, SITE or SERVICE */
  const char *scope_ref;
  const char *period; /* YYYY-MM */
  const char *analysis;
  guint causes;
  const TamRecoveryActionSpec *actions;
  guint n_actions;
} TamRecoveryDraft;

/* Which figure a plan is about: the KPI of one member of a scope in one
 * month (a draft's period, a plan's verify month). */
typedef struct
{
  TamKpiKind kpi;
  TamKpiScope scope;
  const char *scope_ref; /* NIK or code */
  const char *period;    /* YYYY-MM */
} TamRecoveryFigureQuery;

/* The KPI @query asks for and its target, as the draft dialog shows
 * them (NAN: no data). */
gboolean tam_recovery_figures (TamStore *store,
                               const TamSession *session,
                               const TamRecoveryFigureQuery *query,
                               double *actual,
                               double *target,
                               GError **error);

/* A new DRAFT plan; returns its id (0 on error). TAM_PERM_DRAFT_RECOVERY;
 * a team leader for their own team or one of its agents only. Due dates
 * before the day of drafting are refused. The figures are read from the
 * KPI module first, so call it outside a transaction when you can (in
 * one, the KPI reads scan the calls). */
gint64 tam_recovery_draft (TamStore *store,
                           const TamSession *session,
                           const TamRecoveryDraft *draft,
                           const char *at,
                           GError **error);
/* The drafter changes a DRAFT or revises a REJECTED plan (which becomes
 * DRAFT again, version + 1): the analysis, causes and actions (all
 * replaced); the KPI, scope and period stay. */
gboolean tam_recovery_revise (TamStore *store,
                              const TamSession *session,
                              gint64 id,
                              const char *analysis,
                              guint causes,
                              const TamRecoveryActionSpec *actions,
                              guint n_actions,
                              const char *at,
                              GError **error);
/* DRAFT -> SUBMITTED, by its drafter; a plan without actions is refused. */
gboolean tam_recovery_submit (TamStore *store,
                              const TamSession *session,
                              gint64 id,
                              const char *at,
                              GError **error);
/* SUBMITTED -> APPROVED / REJECTED (@reason required), by a decider. */
gboolean tam_recovery_approve (TamStore *store,
                               const TamSession *session,
                               gint64 id,
                               const char *at,
                               GError **error);
gboolean tam_recovery_reject (TamStore *store,
                              const TamSession *session,
                              gint64 id,
                              const char *reason,
                              const char *at,
                              GError **error);
/* An action of an APPROVED plan done (@on NULL: today), by its owner, the
 * plan's drafter or a decider. */
gboolean tam_recovery_action_done (TamStore *store,
                                   const TamSession *session,
                                   gint64 action_id,
                                   const char *note,
                                   const char *on,
                                   GError **error);
/* APPROVED -> VERIFIED_MET / VERIFIED_NOT_MET by the KPI of its
 * verify_month, once that month is over (its last day <= @through). A
 * plan whose KPI has no data is left APPROVED. TAM_PERM_DRAFT_RECOVERY or
 * TAM_PERM_DECIDE_RECOVERY. */
gboolean tam_recovery_verify_plan (TamStore *store,
                                   const TamSession *session,
                                   gint64 id,
                                   const char *through,
                                   const char *at,
                                   GError **error);
/* Every APPROVED plan the session sees whose verify_month is over by
 * @through (NULL: today), each in its own transaction; *n_met and
 * *n_not_met (may be NULL) get the counts. */
gboolean tam_recovery_verify (TamStore *store,
                              const TamSession *session,
                              const char *through,
                              guint *n_met,
                              guint *n_not_met,
                              GError **error);
/* VERIFIED_* -> CLOSED, by a decider. */
gboolean tam_recovery_close (TamStore *store,
                             const TamSession *session,
                             gint64 id,
                             const char *at,
                             GError **error);
/* A follow-up DRAFT of a plan verified not met: same KPI and scope, its
 * verify_month as the period, linked to it (one follow-up a plan). */
gint64 tam_recovery_follow_up (TamStore *store,
                               const TamSession *session,
                               gint64 id,
                               const char *analysis,
                               const TamRecoveryActionSpec *actions,
                               guint n_actions,
                               const char *at,
                               GError **error);

/* Which plans a list shows. */
typedef enum
{
  TAM_RECOVERY_BOX_ALL,
  TAM_RECOVERY_BOX_MY_DRAFTS,   /* DRAFT or REJECTED, drafted by the session */
  TAM_RECOVERY_BOX_TO_DECIDE,   /* SUBMITTED, the session may decide */
  TAM_RECOVERY_BOX_IN_PROGRESS, /* APPROVED, verify_month not over */
  TAM_RECOVERY_BOX_TO_VERIFY,   /* APPROVED with verify_month over, or VERIFIED_* */
  TAM_RECOVERY_BOX_CLOSED,
  TAM_RECOVERY_N_BOXES
} TamRecoveryBox;

typedef struct
{
  TamRecoveryBox box;
  int state;         /* -1: any */
  const char *today; /* NULL: today (overdue actions, the boxes) */
} TamRecoveryFilter;

#define TAM_RECOVERY_FILTER_INIT   \
  {                                \
    TAM_RECOVERY_BOX_ALL, -1, NULL \
  }

/* The plans the session sees, newest first, with their actions. A team
 * leader sees their own team's plans, those they drafted or own an
 * action of, and the approved plans of their site (Desk Control);
 * supervisors and managers see every plan; others, those they own an
 * action of. */
GPtrArray *tam_recovery_list (TamStore *store,
                              const TamSession *session,
                              const TamRecoveryFilter *filter,
                              GError **error);
TamRecoveryPlan *tam_recovery_get (TamStore *store,
                                   const TamSession *session,
                                   gint64 id,
                                   GError **error);
/* How many plans wait for the session's decision (the sidebar's count). */
guint tam_recovery_count_to_decide (TamStore *store,
                                    const TamSession *session,
                                    GError **error);

typedef struct
{
  gint64 id;
  int version;
  char *event; /* DRAFT, REVISE, SUBMIT, APPROVE, REJECT, DONE, VERIFY, CLOSE */
  char *actor_nik;
  char *actor_name;
  char *at;
  char *reason;
  char *snapshot; /* the plan as it was, JSON */
} TamRecoveryEvent;

void tam_recovery_event_free (TamRecoveryEvent *event);
/* Oldest first. */
GPtrArray *tam_recovery_history (TamStore *store,
                                 const TamSession *session,
                                 gint64 id,
                                 GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamRecoveryPlan, tam_recovery_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamRecoveryAction, tam_recovery_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamRecoveryEvent, tam_recovery_event_free)

G_END_DECLS
