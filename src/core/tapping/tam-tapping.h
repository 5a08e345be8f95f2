/* tam-tapping.h: the QCO's tapping queue (issue 3), no GTK.
 *
 * A call's tapping state (calls.state) moves
 *   PENDING --VALID--> VALID
 *   PENDING --RETURN--> RETURNED --recall (TL)--> RECALLED --VALID/RETURN--> ...
 * Every verdict is a new tappings row; nothing is overwritten. The latest
 * non-undone verdict counts for the QVS, the first one (calls.first_verdict)
 * for the first-pass rate.
 *
 * Who sees what (tam_queue_*, tam_call_get/find/history): a QCO sees the
 * calls of their own site; SUPERVISOR_QUALITY, QA, MANAGER and
 * SUPERVISOR_OPS see every call; a TEAM_LEADER sees the calls of their own
 * team's agents; every other role gets TAM_ERROR_PERMISSION. A call the
 * session may not see is reported as TAM_ERROR_NOT_FOUND.
 *
 * Every function runs on the caller's thread with the store's connection. */
#pragma once

#include "tam-auth.h"
#include "tam-enums.h"

G_BEGIN_DECLS

/* One AGREE call as the queue and the detail pane show it. */
typedef struct
{
  gint64 id;     /* calls.id */
  char *call_id; /* calls.call_id, the MyCX id */
  gint64 agent_id;
  char *agent_nik;
  char *agent_name;
  gint64 team_leader_id;  /* 0 when the agent has none */
  char *team_leader_nik;  /* NULL when none */
  char *team_leader_name; /* NULL when none */
  char *site;             /* site code */
  char *service;          /* service code */
  char *product;
  char *call_start;      /* "YYYY-MM-DD HH:MM:SS" */
  char *customer_number; /* masked "••••1234" unless the session has
                          * TAM_PERM_SEE_CUSTOMER_NUMBER */
  char *recording;       /* the latest recording: the last re-call's if
                          * there is one, else the call's own */
  char *state;           /* PENDING, VALID, RETURNED, RECALLED */
  int attempts;          /* non-undone tappings so far */
  char *first_verdict;   /* VALID, RETURN or NULL */
  gint64 claimed_by;     /* 0 when unclaimed or the claim expired */
  char *claimed_by_nik;  /* NULL when unclaimed or expired */
  char *claimed_by_name;
  char *claimed_at;  /* NULL when unclaimed or expired */
  char *returned_at; /* RETURNED: when its RETURN was given; else NULL */
} TamCall;

/* Whole days from @call's RETURN to now (local time), -1 when the call is
 * not RETURNED (issue 12: the TL's returns desk). */
int tam_call_days_since_returned (const TamCall *call);

void tam_call_free (TamCall *call);
TamCall *tam_call_copy (const TamCall *call);

/* call->state as an enum (TAM_CALL_STATE_NONE when NULL or unknown). The
 * string stays the stored form; set it with tam_call_state_to_code(). */
TamCallState tam_call_get_state (const TamCall *call);

/* "••••1234": everything but the last 4 digits hidden (UTF-8 bullets). */
char *tam_mask_customer_number (const char *number);

/* The queue filter. Every field NULL / 0 means "any". */
typedef struct
{
  char *from;            /* YYYY-MM-DD, inclusive, on call_start */
  char *to;              /* YYYY-MM-DD, inclusive */
  char *site;            /* site code */
  char *service;         /* service code */
  gint64 team_leader_id; /* calls of this TL's agents */
  gint64 agent_id;
  char *state; /* NULL: waiting for a tapping (PENDING and
                * RECALLED); or one of "PENDING", "VALID",
                * "RETURNED", "RECALLED" */
} TamQueueFilter;

TamQueueFilter *tam_queue_filter_new (void);
TamQueueFilter *tam_queue_filter_copy (const TamQueueFilter *filter);
void tam_queue_filter_free (TamQueueFilter *filter);
/* TRUE when both select the same calls (NULL and "" are the same). */
gboolean tam_queue_filter_equal (const TamQueueFilter *a,
                                 const TamQueueFilter *b);

/* The queue is ordered oldest first: call_start, then id. */

/* Number of calls the session may see that match @filter (NULL = no
 * filter), or -1 with @error set. */
gint64 tam_queue_count (TamStore *store,
                        const TamSession *session,
                        const TamQueueFilter *filter,
                        GError **error);

/* Up to @limit calls (TamCall) starting at row @offset in queue order.
 * Any offset works (past the middle the page is read from the end), but
 * sequential reading is cheapest with tam_queue_fetch_after. */
GPtrArray *tam_queue_fetch (TamStore *store,
                            const TamSession *session,
                            const TamQueueFilter *filter,
                            gint64 offset,
                            guint limit,
                            GError **error);

/* Keyset paging: up to @limit calls that come after the call
 * (@after_call_start, @after_id) in queue order. @after_call_start NULL
 * starts at the beginning. */
GPtrArray *tam_queue_fetch_after (TamStore *store,
                                  const TamSession *session,
                                  const TamQueueFilter *filter,
                                  const char *after_call_start,
                                  gint64 after_id,
                                  guint limit,
                                  GError **error);

/* The counts (and F-18's agent sheet) come from per-day tables
 * (call_state_days, call_agent_days) that absorb newly inserted calls on
 * the next count, half a million calls per transaction. An import may
 * call this at its end (in its worker thread) so that the first count
 * after a large import is instant; harmless otherwise. */
gboolean tam_queue_counts_update (TamStore *store,
                                  GError **error);
/* Recounts both tables from the calls: for code that deletes calls (the
 * 2-year purge). */
gboolean tam_queue_counts_rebuild (TamStore *store,
                                   GError **error);

/* Call @id, never tapped, was changed by a calls re-import (its agent,
 * time, service or result); it was @old_state (NULL: not an AGREE call)
 * with those old values: moves it in both count tables. In the caller's
 * transaction. */
gboolean tam_queue_counts_call_replaced (TamStore *store,
                                         gint64 id,
                                         gint64 old_agent_id,
                                         const char *old_start,
                                         const char *old_site,
                                         const char *old_service,
                                         const char *old_state,
                                         GError **error);

/* The 0-based position of call @id in the queue for @filter, or -1 when
 * it is not in it (e.g. to keep the selection after a refresh). */
gint64 tam_queue_position (TamStore *store,
                           const TamSession *session,
                           const TamQueueFilter *filter,
                           gint64 id,
                           GError **error);

/* Indexes of the counts per state (not the order of TamCallState). */
typedef enum
{
  TAM_STATE_PENDING,
  TAM_STATE_VALID,
  TAM_STATE_RETURNED,
  TAM_STATE_RECALLED,
  TAM_N_STATES
} TamStateIndex;

/* Where the count of calls in @state is in tam_queue_state_counts()'s
 * array, or -1 for TAM_CALL_STATE_NONE. */
int tam_call_state_count_index (TamCallState state);

/* Counts per state for @filter with its state field ignored:
 * counts[TAM_STATE_PENDING] ... counts[TAM_STATE_RECALLED]. */
gboolean tam_queue_state_counts (TamStore *store,
                                 const TamSession *session,
                                 const TamQueueFilter *filter,
                                 gint64 counts[TAM_N_STATES],
                                 GError **error);

/* One call by calls.id / by its MyCX call_id; NULL with TAM_ERROR_NOT_FOUND
 * when it does not exist, is not an AGREE call, or is not visible. */
TamCall *tam_call_get (TamStore *store,
                       const TamSession *session,
                       gint64 id,
                       GError **error);
TamCall *tam_call_find (TamStore *store,
                        const TamSession *session,
                        const char *call_id,
                        GError **error);

/* The history of a call in the order it happened: tapping 1 (and any
 * undone ones before it, flagged), the re-call answering it, tapping 2... */
typedef enum
{
  TAM_HISTORY_TAPPING,
  TAM_HISTORY_RECALL,
} TamHistoryKind;

typedef struct
{
  TamHistoryKind kind;
  gint64 id;       /* tappings.id or recalls.id */
  int attempt;     /* tapping: 1, 2...; re-call: the tapping it
                    * answers is attempt, the next one attempt + 1 */
  char *actor_nik; /* the QCO (tapping) or TL (re-call) */
  char *actor_name;
  char *at;           /* "YYYY-MM-DD HH:MM:SS" */
  char *verdict;      /* tapping: "VALID" / "RETURN"; re-call: NULL */
  char *text;         /* tapping: recommendation; re-call: note */
  char *recording;    /* re-call: the new recording; tapping: NULL */
  GStrv failed_codes; /* tapping: parameter codes failed (never NULL,
                       * may be empty); re-call: NULL */
  GStrv failed_texts; /* tapping: their texts (the parameter's name),
                       * parallel to failed_codes, the built-in reason
                       * last; re-call: NULL */
  char *reason;       /* tapping: "" or TAM_REASON_RECORDING */
  gboolean undone;    /* tapping undone by its QCO */
} TamTappingRecord;

void tam_tapping_record_free (TamTappingRecord *record);

/* A GPtrArray of TamTappingRecord. */
GPtrArray *tam_call_history (TamStore *store,
                             const TamSession *session,
                             gint64 id,
                             GError **error);

/* An assessment parameter (parameter penilaian) of a service. */
typedef struct
{
  gint64 id; /* 0 for a new one */
  char *service;
  char *code; /* upper-case, unique per service */
  char *text;
  gboolean critical; /* one failure forbids VALID */
  gboolean active;   /* inactive ones are kept for history */
  int position;      /* checklist order */
} TamParameter;

TamParameter *tam_parameter_new (void);
TamParameter *tam_parameter_copy (const TamParameter *parameter);
void tam_parameter_free (TamParameter *parameter);

/* The parameters of @service (NULL: every service) ordered by service,
 * position; a GPtrArray of TamParameter. */
GPtrArray *tam_parameters_list (TamStore *store,
                                const char *service,
                                gboolean include_inactive,
                                GError **error);
/* Inserts (id 0; sets parameter->id) or updates a parameter; needs
 * TAM_PERM_EDIT_PARAMETERS; validated (known service, code [A-Z0-9_]+
 * unique within the service, non-empty text); audited. */
gboolean tam_parameter_save (TamStore *store,
                             const TamSession *session,
                             TamParameter *parameter,
                             GError **error);

/* Claims: a QCO claims the call they are tapping so no other QCO taps it.
 * A claim expires after the setting 'claim_minutes' (default 10) without
 * activity; claiming again by the holder refreshes it. Needs TAM_PERM_TAP
 * and a visible call waiting for a tapping (PENDING or RECALLED).
 * Refused with TAM_ERROR_CONFLICT naming the holder ("being tapped by ...")
 * or saying the call was decided meanwhile. One atomic UPDATE. Claims
 * are working state, not records: they are not audited. */
gboolean tam_call_claim (TamStore *store,
                         const TamSession *session,
                         gint64 id,
                         GError **error);
/* Drops the session's claim on the call (no-op when it holds none). */
gboolean tam_call_release (TamStore *store,
                           const TamSession *session,
                           gint64 id,
                           GError **error);

/* The verdict. Needs TAM_PERM_TAP and a visible call. In one BEGIN
 * IMMEDIATE transaction: the call must be PENDING or RECALLED and not
 * claimed by another QCO (expired claims do not count), else
 * TAM_ERROR_CONFLICT ("already decided by X at T" / "being tapped by X").
 * @verdict "VALID" or "RETURN".
 * @failed_codes: NULL-terminated parameter codes of the call's service
 * that were not met (NULL = none); unknown or inactive codes are
 * TAM_ERROR_INVALID.
 * VALID: no critical parameter may be failed; failed non-critical ones are
 * allowed and recorded (a VALID call may still carry remarks).
 * RETURN: at least one failed parameter and a non-empty @recommendation.
 * Inserts a new tappings row (attempt = calls.attempts + 1) and its
 * failures, sets calls.state (VALID / RETURNED), attempts, first_verdict
 * (only the first time), clears the claim, appends an audit row.
 * @out_tapping_id (may be NULL) gets the new tapping's id, for undo. */
gboolean tam_call_decide (TamStore *store,
                          const TamSession *session,
                          gint64 id,
                          const char *verdict,
                          const char *const *failed_codes,
                          const char *recommendation,
                          gint64 *out_tapping_id,
                          GError **error);

/* The built-in return reason (issue 12): "recording missing / unplayable".
 * Given among @failed_codes like a parameter code, it is critical (no
 * VALID with it), needs no recommendation (a default one is stored) and is
 * kept in tappings.reason, so that the call's team leader supplies the
 * recording (re-call). */
#define TAM_REASON_RECORDING "RECORDING"
const char *tam_reason_recording_label (void);

/* What the caller knows of the call's recording when it gives a verdict. */
typedef enum
{
  TAM_HEARD_UNCHECKED, /* nothing (tam_call_decide): VALID needs the call
                        * to name a recording */
  TAM_HEARD_PLAYED,    /* the desk's player opened it, or the file was
                        * found and looks like audio (tam_recording_probe) */
  TAM_HEARD_MISSING,   /* not found, or it would not play: no VALID */
} TamHeard;

/* tam_call_decide with what the caller knows of the recording: VALID is
 * refused (TAM_ERROR_INVALID) when @heard is TAM_HEARD_MISSING, when the
 * call names no recording at all, or with TAM_REASON_RECORDING among
 * @failed_codes. The window passes what its player found; tamctl what
 * tam_recording_probe found under --recordings DIR. tam_call_decide () is
 * this with TAM_HEARD_UNCHECKED. */
gboolean tam_call_decide_heard (TamStore *store,
                                const TamSession *session,
                                gint64 id,
                                const char *verdict,
                                const char *const *failed_codes,
                                const char *recommendation,
                                TamHeard heard,
                                gint64 *out_tapping_id,
                                GError **error);

/* Whether @recording (a call's recording: absolute, or under @folder) can
 * be heard, as far as a program without an audio stack can tell: the file
 * exists, is a readable regular file and starts like a WAV, Ogg, FLAC or
 * MP3 file. FALSE with a message naming the file and what is wrong. */
gboolean tam_recording_probe (const char *folder,
                              const char *recording,
                              GError **error);

/* Undoes a verdict: only by the QCO who gave it, only the call's latest
 * tapping, only while the call is still in the state that tapping put it
 * in (no re-call since). Marks the tapping undone (never deletes it) and
 * restores the call's state, attempts and first_verdict; audited. The call
 * stays claimed by the QCO (they are back on it). */
gboolean tam_tapping_undo (TamStore *store,
                           const TamSession *session,
                           gint64 tapping_id,
                           GError **error);

/* The return loop (W-03): the agent re-called the customer after a RETURN;
 * their team leader records it. Needs TAM_PERM_RECALL and to be the TL of
 * the call's agent; the call must be RETURNED. Inserts a recalls row
 * (with the new @recording, non-empty, and @note) and sets the call
 * RECALLED, back in the queue for tapping attempt N + 1. Audited.
 * @out_recall_id may be NULL. */
gboolean tam_call_recall (TamStore *store,
                          const TamSession *session,
                          gint64 id,
                          const char *recording,
                          const char *note,
                          gint64 *out_recall_id,
                          GError **error);

/* Undoes re-call @recall_id (issue 12): only by the team leader who
 * recorded it, only while the call is still RECALLED by it (not tapped
 * since, not being tapped). Deletes the recalls row (the audit row
 * UNDO_RECALL keeps it) and sets the call RETURNED again. */
gboolean tam_call_recall_undo (TamStore *store,
                               const TamSession *session,
                               gint64 recall_id,
                               GError **error);

/* The signed-in QCO's verdicts of today (local time), not undone (issue
 * 12: the counter in the Queue header). */
gboolean tam_tapping_count_today (TamStore *store,
                                  const TamSession *session,
                                  int *out_valid,
                                  int *out_returned,
                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamCall, tam_call_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamQueueFilter, tam_queue_filter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamTappingRecord, tam_tapping_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamParameter, tam_parameter_free)

/* Issue 13: the calls and tappings against the audit log
 * (tam-tapping-audit.c). vouch appends one VOUCH row for history loaded
 * in bulk (the demo), with a digest of its tappings; verify reports a
 * tapping no TAP row names, a call not as its latest audit row says and
 * an unaudited call that is not as imported; FALSE with TAM_ERROR_CORRUPT
 * when any. tam_check() runs it. */
gboolean tam_tapping_audit_vouch (TamStore *store,
                                  const TamSession *actor,
                                  GError **error);
gboolean tam_tapping_audit_verify (TamStore *store,
                                   GString *report,
                                   GError **error);

G_END_DECLS
