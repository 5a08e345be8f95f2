/* tam-recovery-list.c: reading recovery plans (see tam-recovery.h). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tam-dates.h"
#include "tam-kpi.h"
#include "tam-recovery-private.h"

/* ?1 sees every plan, ?2 the session's person, ?3 its NIK, ?4 a team
 * leader (Desk Control of ?5, the site), ?6 one plan (0: all), ?7 a state
 * (NULL: any). */
#define PLAN_SELECT                                                                                                   \
  "SELECT p.id, p.kpi, p.scope_kind, p.scope_ref,"                                                                    \
  " CASE p.scope_kind WHEN 'SITE' THEN (SELECT name FROM sites WHERE code = p.scope_ref)"                             \
  "  WHEN 'SERVICE' THEN (SELECT name FROM services WHERE code = p.scope_ref)"                                        \
  "  ELSE (SELECT name FROM people WHERE nik = p.scope_ref) END,"                                                     \
  " p.site, p.service, p.period, p.verify_month, p.analysis, p.causes, p.state, p.version, p.actual, p.target,"       \
  " p.verified_value, p.verified_target, p.drafted_by, d.nik, d.name, p.drafted_at, p.submitted_at, dc.nik, dc.name," \
  " p.decided_at, p.decision_reason, p.verified_at, cb.nik, p.closed_at, COALESCE (p.follows_id, 0),"                 \
  " COALESCE ((SELECT f.id FROM recovery_plans f WHERE f.follows_id = p.id), 0)"                                      \
  " FROM recovery_plans p JOIN people d ON d.id = p.drafted_by"                                                       \
  " LEFT JOIN people dc ON dc.id = p.decided_by LEFT JOIN people cb ON cb.id = p.closed_by"                           \
  " WHERE (?6 = 0 OR p.id = ?6) AND (?7 IS NULL OR p.state = ?7)"                                                     \
  " AND (?1 = 1 OR p.drafted_by = ?2 OR (p.scope_kind = 'TEAM' AND p.scope_ref = ?3)"                                 \
  "  OR (p.scope_kind = 'AGENT' AND EXISTS (SELECT 1 FROM people ag WHERE ag.nik = p.scope_ref"                       \
  "   AND ag.team_leader_id = ?2))"                                                                                   \
  "  OR EXISTS (SELECT 1 FROM recovery_actions a WHERE a.plan_id = p.id AND a.owner_id = ?2)"                         \
  "  OR (?4 = 1 AND p.site = ?5 AND p.state IN ('APPROVED','VERIFIED_MET','VERIFIED_NOT_MET','CLOSED')))"             \
  " ORDER BY p.id DESC"

static double
column_double (sqlite3_stmt *s,
               int c)
{
  return sqlite3_column_type (s, c) == SQLITE_NULL ? NAN : sqlite3_column_double (s, c);
}

static TamRecoveryPlan *
plan_from_row (sqlite3_stmt *s)
{
  TamRecoveryPlan *p = g_new0 (TamRecoveryPlan, 1);
  int c = 0;

  p->id = sqlite3_column_int64 (s, c++);
  p->kpi = tam_kpi_kind_from_code ((const char *) sqlite3_column_text (s, c++));
  p->scope = tam_kpi_scope_from_code ((const char *) sqlite3_column_text (s, c++));
  p->scope_ref = tam_stmt_dup_text (s, c++);
  p->scope_name = tam_stmt_dup_text (s, c++);
  p->site = tam_stmt_dup_text (s, c++);
  p->service = tam_stmt_dup_text (s, c++);
  p->period = tam_stmt_dup_text (s, c++);
  p->verify_month = tam_stmt_dup_text (s, c++);
  p->analysis = tam_stmt_dup_text (s, c++);
  p->causes = tam_recovery_causes_from_codes ((const char *) sqlite3_column_text (s, c++));
  p->state = tam_recovery_state_from_code ((const char *) sqlite3_column_text (s, c++));
  p->version = sqlite3_column_int (s, c++);
  p->actual = column_double (s, c++);
  p->target = column_double (s, c++);
  p->verified_value = column_double (s, c++);
  p->verified_target = column_double (s, c++);
  p->drafted_by_id = sqlite3_column_int64 (s, c++);
  p->drafted_by_nik = tam_stmt_dup_text (s, c++);
  p->drafted_by_name = tam_stmt_dup_text (s, c++);
  p->drafted_at = tam_stmt_dup_text (s, c++);
  p->submitted_at = tam_stmt_dup_text (s, c++);
  p->decided_by_nik = tam_stmt_dup_text (s, c++);
  p->decided_by_name = tam_stmt_dup_text (s, c++);
  p->decided_at = tam_stmt_dup_text (s, c++);
  p->decision_reason = tam_stmt_dup_text (s, c++);
  p->verified_at = tam_stmt_dup_text (s, c++);
  p->closed_by_nik = tam_stmt_dup_text (s, c++);
  p->closed_at = tam_stmt_dup_text (s, c++);
  p->follows_id = sqlite3_column_int64 (s, c++);
  p->follow_up_id = sqlite3_column_int64 (s, c++);
  if (p->analysis == NULL)
    p->analysis = g_strdup ("");
  if (p->decision_reason == NULL)
    p->decision_reason = g_strdup ("");
  if (p->scope_name == NULL)
    p->scope_name = g_strdup (p->scope_ref);
  p->actions = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_recovery_action_free);
  return p;
}

static gboolean
sees_all (const TamSession *session)
{
  return tam_session_can (session, TAM_PERM_DECIDE_RECOVERY);
}

static gboolean
in_box (const TamRecoveryPlan *p,
        const TamSession *session,
        TamRecoveryBox box,
        const char *today)
{
  g_autofree char *last = NULL;

  switch (box)
    {
    case TAM_RECOVERY_BOX_MY_DRAFTS:
      return (p->state == TAM_RECOVERY_DRAFT || p->state == TAM_RECOVERY_REJECTED) && p->drafted_by_id == session->person_id;
    case TAM_RECOVERY_BOX_TO_DECIDE:
      return p->state == TAM_RECOVERY_SUBMITTED && p->may_decide;
    case TAM_RECOVERY_BOX_IN_PROGRESS:
    case TAM_RECOVERY_BOX_TO_VERIFY:
      if (p->state == TAM_RECOVERY_VERIFIED_MET || p->state == TAM_RECOVERY_VERIFIED_NOT_MET)
        return box == TAM_RECOVERY_BOX_TO_VERIFY;
      if (p->state != TAM_RECOVERY_APPROVED)
        return FALSE;
      last = _tam_recovery_month_last_day (p->verify_month);
      return (box == TAM_RECOVERY_BOX_TO_VERIFY) == (last != NULL && strcmp (last, today) < 0);
    case TAM_RECOVERY_BOX_CLOSED:
      return p->state == TAM_RECOVERY_CLOSED;
    case TAM_RECOVERY_BOX_ALL:
    case TAM_RECOVERY_N_BOXES:
    default:
      return TRUE;
    }
}

static GPtrArray *
read_plans (TamStore *store,
            const TamSession *session,
            gint64 id,
            const TamRecoveryFilter *filter,
            GError **error)
{
  g_autoptr (GPtrArray) plans = NULL;
  g_autoptr (GHashTable) by_id = NULL;
  g_autofree char *today = NULL;
  TamRecoveryFilter all = TAM_RECOVERY_FILTER_INIT;
  gboolean tl;
  sqlite3_stmt *s;

  if (!tam_session_require (session, TAM_PERM_VIEW, error))
    return NULL;
  if (filter == NULL)
    filter = &all;
  today = filter->today ? g_strdup (filter->today) : tam_today ();
  tl = g_strcmp0 (session->role, "TEAM_LEADER") == 0;
  s = tam_store_prepare (store, PLAN_SELECT, error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_int (s, 1, sees_all (session) ? 1 : 0);
  sqlite3_bind_int64 (s, 2, session->person_id);
  sqlite3_bind_text (s, 3, session->nik, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (s, 4, tl ? 1 : 0);
  tam_stmt_bind_text_or_null (s, 5, session->site);
  sqlite3_bind_int64 (s, 6, id);
  tam_stmt_bind_text_or_null (s, 7, filter->state >= 0 ? tam_recovery_state_to_code (filter->state) : NULL);
  plans = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_recovery_plan_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      TamRecoveryPlan *p = plan_from_row (s);

      p->may_decide = (p->state == TAM_RECOVERY_SUBMITTED || p->state == TAM_RECOVERY_VERIFIED_MET ||
                       p->state == TAM_RECOVERY_VERIFIED_NOT_MET) &&
                      _tam_recovery_may_decide (session, p->kpi, p->site, p->service, p->drafted_by_id, NULL);
      if (!in_box (p, session, filter->box, today))
        {
          tam_recovery_plan_free (p);
          continue;
        }
      g_ptr_array_add (plans, p);
      g_hash_table_insert (by_id, &p->id, p);
    }
  sqlite3_reset (s);

  if (plans->len == 0)
    return g_steal_pointer (&plans);
  s = tam_store_prepare (store,
                         "SELECT a.id, a.plan_id, a.action, o.nik, o.name, a.due_on, a.done_on, a.done_note, db.nik"
                         " FROM recovery_actions a LEFT JOIN people o ON o.id = a.owner_id"
                         " LEFT JOIN people db ON db.id = a.done_by"
                         " WHERE (?1 = 0 OR a.plan_id = ?1) ORDER BY a.plan_id, a.due_on, a.id",
                         error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_int64 (s, 1, plans->len == 1 ? ((TamRecoveryPlan *) plans->pdata[0])->id : 0);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      gint64 plan_id = sqlite3_column_int64 (s, 1);
      TamRecoveryPlan *p = g_hash_table_lookup (by_id, &plan_id);
      TamRecoveryAction *a;

      if (p == NULL)
        continue;
      a = g_new0 (TamRecoveryAction, 1);
      a->id = sqlite3_column_int64 (s, 0);
      a->plan_id = plan_id;
      a->text = tam_stmt_dup_text (s, 2);
      a->owner_nik = tam_stmt_dup_text (s, 3);
      a->owner_name = tam_stmt_dup_text (s, 4);
      a->due_on = tam_stmt_dup_text (s, 5);
      a->done_on = tam_stmt_dup_text (s, 6);
      a->done_note = tam_stmt_dup_text (s, 7);
      a->done_by_nik = tam_stmt_dup_text (s, 8);
      a->overdue = a->done_on == NULL && p->state == TAM_RECOVERY_APPROVED && strcmp (a->due_on, today) < 0;
      if (a->done_on != NULL)
        p->n_done++;
      if (a->overdue)
        p->n_overdue++;
      g_ptr_array_add (p->actions, a);
    }
  sqlite3_reset (s);
  return g_steal_pointer (&plans);
}

GPtrArray *
tam_recovery_list (TamStore *store,
                   const TamSession *session,
                   const TamRecoveryFilter *filter,
                   GError **error)
{
  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  return read_plans (store, session, 0, filter, error);
}

TamRecoveryPlan *
tam_recovery_get (TamStore *store,
                  const TamSession *session,
                  gint64 id,
                  GError **error)
{
  g_autoptr (GPtrArray) plans = NULL;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);
  plans = read_plans (store, session, id, NULL, error);
  if (plans == NULL)
    return NULL;
  if (plans->len == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No recovery plan %lld that you may see"), (long long) id);
      return NULL;
    }
  return g_ptr_array_steal_index (plans, 0);
}

guint
tam_recovery_count_to_decide (TamStore *store,
                              const TamSession *session,
                              GError **error)
{
  TamRecoveryFilter filter = { TAM_RECOVERY_BOX_TO_DECIDE, TAM_RECOVERY_SUBMITTED, NULL };
  g_autoptr (GPtrArray) plans = NULL;

  if (!tam_session_can (session, TAM_PERM_DECIDE_RECOVERY))
    return 0;
  plans = tam_recovery_list (store, session, &filter, error);
  return plans ? plans->len : 0;
}

GPtrArray *
tam_recovery_history (TamStore *store,
                      const TamSession *session,
                      gint64 id,
                      GError **error)
{
  g_autoptr (TamRecoveryPlan) plan = tam_recovery_get (store, session, id, error);
  GPtrArray *out;
  sqlite3_stmt *s;

  if (plan == NULL)
    return NULL;
  s = tam_store_prepare (store,
                         "SELECT e.id, e.version, e.event, a.nik, a.name, e.at, e.reason, e.snapshot"
                         " FROM recovery_events e LEFT JOIN people a ON a.id = e.actor_id"
                         " WHERE e.plan_id = ? ORDER BY e.id",
                         error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_int64 (s, 1, id);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_recovery_event_free);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      TamRecoveryEvent *e = g_new0 (TamRecoveryEvent, 1);

      e->id = sqlite3_column_int64 (s, 0);
      e->version = sqlite3_column_int (s, 1);
      e->event = tam_stmt_dup_text (s, 2);
      e->actor_nik = tam_stmt_dup_text (s, 3);
      e->actor_name = tam_stmt_dup_text (s, 4);
      e->at = tam_stmt_dup_text (s, 5);
      e->reason = tam_stmt_dup_text (s, 6);
      e->snapshot = tam_stmt_dup_text (s, 7);
      g_ptr_array_add (out, e);
    }
  sqlite3_reset (s);
  return out;
}
