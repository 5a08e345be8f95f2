/* tam-coaching.h: coaching and discipline records (IK Pembinaan): manual
 * records, proposals from attendance and the monthly KPI inputs, and the
 * decisions on them (issue, dismiss, acknowledge or refusal with a
 * witness, a manager's confirmation of SP4). Every entry point checks the
 * session (TAM_PERM_PROPOSE_COACHING, TAM_PERM_ISSUE_COACHING) and every
 * change is audited. */
#pragma once

#include "tam-auth.h"
#include "tam-catalog.h"
#include "tam-enums.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 id;
  gint64 person_id;
  char *nik;
  char *name;
  char *role; /* the person's position (role code) */
  char *site;
  char *service;          /* may be NULL */
  char *team_leader_nik;  /* may be NULL */
  char *team_leader_name; /* may be NULL */
  char *rule_code;
  char *catalog_version;
  TamCoachingLevel level;
  TamCoachingState state;
  TamCoachingMode mode;
  gboolean conditional;
  char *event_key; /* NULL: recorded by hand */
  char *occurred_on;
  char *issued_on;       /* NULL until issued */
  char *valid_until;     /* NULL until issued */
  int previous_level;    /* the highest valid level of the rule when issued, -1 */
  char *proposed_by_nik; /* NULL: proposed by the desk itself */
  char *proposed_by_name;
  char *decided_by_nik; /* issuer or dismisser */
  char *decided_by_name;
  char *decided_by_role;
  char *note;
  char *call_id; /* the linked call's call_id, or NULL */
  char *acknowledged_on;
  gboolean refused;
  char *witness_nik;
  char *witness_name;
  char *confirmed_by_nik; /* SP4 */
  char *confirmed_on;
  char *dismiss_reason;
} TamCoachingRecord;

void tam_coaching_record_free (TamCoachingRecord *record);

/* Records a nonconformity of the person @nik under catalog rule
 * @rule_code, occurred on @date, as a PROPOSED record at the level the
 * ladder gives. A team leader (own team only), a supervisor or a QCO;
 * @call_id (a calls.call_id, may be NULL) links the call it came from.
 * Returns the record's id, 0 on error. */
gint64 tam_coaching_record (TamStore *store,
                            const TamSession *session,
                            const char *nik,
                            const char *rule_code,
                            const char *date,
                            const char *note,
                            const char *call_id,
                            GError **error);

/* Proposes what attendance (statuses and counting rules) and the monthly
 * KPI inputs call for, for every agent, up to and including @through
 * (YYYY-MM-DD; KPI months up to its month). Never twice for the same
 * event, a dismissed one included. The desk's own proposals not decided
 * yet whose event is gone (a LATE day corrected to PRESENT) are withdrawn
 * (deleted, audited), so the event is proposed again if it comes back.
 * *n_new (may be NULL) gets how many were added. Nothing is proposed from
 * a catalog that fails validation. */
gboolean tam_coaching_propose (TamStore *store,
                               const TamSession *session,
                               const char *through,
                               guint *n_new,
                               GError **error);

/* The hook of the attendance import and edit: proposals for @person_id (0:
 * everybody) up to the last attendance day, in the caller's transaction if
 * one is open. A failure is logged, never fails the caller. */
void tam_coaching_attendance_changed (TamStore *store,
                                      gint64 person_id);

/* The hook of the training attendance (issue 14): an agent absent from
 * a day of a training they were enrolled in is proposed under the rule
 * MEETING_ABSENT (IK Pembinaan row 10, Konseling 1, conditional), event
 * "trn:TRAINING:DATE"; proposals for @person_id up to @through, in the
 * caller's transaction. A failure is logged, never fails the caller. */
void tam_coaching_training_changed (TamStore *store,
                                    gint64 person_id,
                                    const char *through);

/* PROPOSED -> ISSUED on @date (NULL: today), valid until @date + the
 * catalog's validity. SUPERVISOR_OPS (their site and service) or MANAGER;
 * never to oneself. The level of a STEPWISE / DIRECT record is taken
 * again from the ladder with the records issued by then. */
gboolean tam_coaching_issue (TamStore *store,
                             const TamSession *session,
                             gint64 id,
                             const char *date,
                             GError **error);
/* PROPOSED -> DISMISSED, @reason required. */
gboolean tam_coaching_dismiss (TamStore *store,
                               const TamSession *session,
                               gint64 id,
                               const char *reason,
                               GError **error);
/* The agent signed for receipt of an issued record on @date. */
gboolean tam_coaching_acknowledge (TamStore *store,
                                   const TamSession *session,
                                   gint64 id,
                                   const char *date,
                                   GError **error);
/* The agent refused to sign; @witness_nik saw it (not the agent). */
gboolean tam_coaching_refuse (TamStore *store,
                              const TamSession *session,
                              gint64 id,
                              const char *witness_nik,
                              const char *date,
                              GError **error);
/* A MANAGER confirms an issued SP4 (the return-to-vendor level): the
 * person's status becomes RETURNED_TO_VENDOR. */
gboolean tam_coaching_confirm (TamStore *store,
                               const TamSession *session,
                               gint64 id,
                               const char *date,
                               GError **error);

TamCoachingRecord *tam_coaching_get (TamStore *store,
                                     const TamSession *session,
                                     gint64 id,
                                     GError **error);

/* Initialise with TAM_COACHING_FILTER_INIT, then set what narrows. */
typedef struct
{
  const char *nik;       /* NULL: anybody */
  int state;             /* a TamCoachingState, -1: any */
  const char *from;      /* occurred on or after, NULL: no bound */
  const char *until;     /* occurred on or before, NULL: no bound */
  const char *site;      /* the person's site code, NULL: any */
  gint64 team_leader_id; /* the person's team, 0: any */
  int level;             /* a TamCoachingLevel, -1: any */
} TamCoachingFilter;

#define TAM_COACHING_FILTER_INIT      \
  {                                   \
    NULL, -1, NULL, NULL, NULL, 0, -1 \
  }

/* Records the session may see (a team leader: their team), by occurrence
 * date then id. GPtrArray of TamCoachingRecord. */
GPtrArray *tam_coaching_list (TamStore *store,
                              const TamSession *session,
                              const TamCoachingFilter *filter,
                              GError **error);

/* Open proposals the session would see in its inbox: PROPOSED records
 * in its scope (a supervisor (operational) their site and service, a team
 * leader their team, others everything); -1 on error. */
gint64 tam_coaching_count_open (TamStore *store,
                                const TamSession *session,
                                GError **error);

/* The person's standing on @date: the highest level issued and still
 * valid, or -1. */
int tam_coaching_standing (TamStore *store,
                           gint64 person_id,
                           const char *date,
                           GError **error);

/* Everybody's standing on @date in one query: person id (gint64 *) ->
 * level (GINT_TO_POINTER (level + 1)); people without a valid level are
 * absent. For the Roster's column. NULL on error. */
GHashTable *tam_coaching_standings (TamStore *store,
                                    const char *date,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamCoachingRecord, tam_coaching_record_free)

G_END_DECLS
