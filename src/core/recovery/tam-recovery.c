/* tam-recovery.c: recovery plans, their drafts and the steps of their
 * state machine (see tam-recovery.h). Lists are in tam-recovery-list.c,
 * verification in tam-recovery-verify.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-dates.h"
#include "tam-kpi.h"
#include "tam-people.h"
#include "tam-recovery-private.h"
#include "tam-store-read.h"

/* The plan and its actions as JSON: the audit's before / after and the
 * events' snapshots. */
#define PLAN_JSON                                                                                            \
  "SELECT json_object('id', p.id, 'kpi', p.kpi, 'scope', p.scope_kind, 'ref', p.scope_ref,"                  \
  " 'period', p.period, 'verify_month', p.verify_month, 'state', p.state, 'version', p.version,"             \
  " 'analysis', p.analysis, 'causes', p.causes, 'actual', p.actual, 'target', p.target,"                     \
  " 'drafted_by', p.drafted_by, 'decided_by', p.decided_by, 'reason', p.decision_reason,"                    \
  " 'verified_value', p.verified_value, 'follows', p.follows_id, 'actions', json ((SELECT"                   \
  " json_group_array (json_object ('id', a.id, 'action', a.action, 'owner', a.owner_id, 'due_on',"           \
  " a.due_on, 'done_on', a.done_on, 'note', a.done_note)) FROM recovery_actions a WHERE a.plan_id = p.id)))" \
  " FROM recovery_plans p WHERE p.id = ?"

/* ------------------------------------------------------------------ */
/* Codes */

static const char *const state_codes[] = {
  "DRAFT",
  "SUBMITTED",
  "APPROVED",
  "REJECTED",
  "VERIFIED_MET",
  "VERIFIED_NOT_MET",
  "CLOSED",
};

int
tam_recovery_state_from_code (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (state_codes); i++)
    if (g_ascii_strcasecmp (code, state_codes[i]) == 0)
      return (int) i;
  return -1;
}

const char *
tam_recovery_state_to_code (TamRecoveryState state)
{
  return (guint) state < G_N_ELEMENTS (state_codes) ? state_codes[state] : NULL;
}

const char *
tam_recovery_state_to_label (TamRecoveryState state)
{
  static const char *const labels[] = {
    N_ ("Draft"),
    N_ ("Submitted"),
    N_ ("Approved"),
    N_ ("Rejected"),
    N_ ("Verified: met"),
    N_ ("Verified: not met"),
    N_ ("Closed"),
  };
  return (guint) state < G_N_ELEMENTS (labels) ? _ (labels[state]) : "";
}

static const char *const cause_codes[TAM_N_CAUSES] = { "PEOPLE", "PROCESS", "TOOLS", "DAPROS", "OTHER" };

guint
tam_recovery_cause_from_code (const char *code)
{
  for (guint i = 0; code != NULL && i < TAM_N_CAUSES; i++)
    if (g_ascii_strcasecmp (code, cause_codes[i]) == 0)
      return 1u << i;
  return 0;
}

static int
cause_index (TamRecoveryCause cause)
{
  for (int i = 0; i < TAM_N_CAUSES; i++)
    if ((guint) cause == 1u << i)
      return i;
  return -1;
}

const char *
tam_recovery_cause_to_code (TamRecoveryCause cause)
{
  int i = cause_index (cause);
  return i >= 0 ? cause_codes[i] : NULL;
}

const char *
tam_recovery_cause_to_label (TamRecoveryCause cause)
{
  static const char *const labels[TAM_N_CAUSES] = {
    N_ ("People"),
    N_ ("Process"),
    N_ ("Tools"),
    N_ ("Customer data (DAPROS)"),
    N_ ("Other"),
  };
  int i = cause_index (cause);
  return i >= 0 ? _ (labels[i]) : "";
}

char *
tam_recovery_causes_to_codes (guint causes)
{
  GString *out = g_string_new (NULL);

  for (int i = 0; i < TAM_N_CAUSES; i++)
    if (causes & (1u << i))
      {
        if (out->len > 0)
          g_string_append_c (out, ',');
        g_string_append (out, cause_codes[i]);
      }
  return g_string_free (out, FALSE);
}

guint
tam_recovery_causes_from_codes (const char *codes)
{
  g_auto (GStrv) parts = g_strsplit (codes ? codes : "", ",", -1);
  guint bits = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    bits |= tam_recovery_cause_from_code (g_strstrip (parts[i]));
  return bits;
}

gboolean
tam_recovery_kpi_parse (const char *text,
                        TamKpiKind *kind)
{
  g_autofree char *up = NULL;
  int k;

  if (text == NULL)
    return FALSE;
  up = g_ascii_strup (text, -1);
  if (strcmp (up, "CT0") == 0)
    k = TAM_KPI_CT0_AGREE;
  else
    k = tam_kpi_kind_from_code (up);
  if (k < 0)
    return FALSE;
  *kind = (TamKpiKind) k;
  return TRUE;
}

gboolean
tam_recovery_scope_parse (const char *text,
                          TamKpiScope *scope,
                          char **ref)
{
  const char *colon = text ? strchr (text, ':') : NULL;
  g_autofree char *kind = NULL;
  TamKpiScope s;

  if (colon == NULL || colon[1] == '\0')
    return FALSE;
  kind = g_strndup (text, (gsize) (colon - text));
  if (!tam_kpi_scope_parse (kind, &s) || s == TAM_KPI_SCOPE_NATIONAL)
    return FALSE;
  *scope = s;
  *ref = g_strdup (colon + 1);
  return TRUE;
}

gboolean
tam_recovery_kpi_is_quality (TamKpiKind kind)
{
  return kind == TAM_KPI_QVS || kind == TAM_KPI_FIRST_PASS;
}

void
tam_recovery_action_free (TamRecoveryAction *a)
{
  if (a == NULL)
    return;
  g_free (a->text);
  g_free (a->owner_nik);
  g_free (a->owner_name);
  g_free (a->due_on);
  g_free (a->done_on);
  g_free (a->done_note);
  g_free (a->done_by_nik);
  g_free (a);
}

void
tam_recovery_plan_free (TamRecoveryPlan *p)
{
  if (p == NULL)
    return;
  g_free (p->scope_ref);
  g_free (p->scope_name);
  g_free (p->site);
  g_free (p->service);
  g_free (p->period);
  g_free (p->verify_month);
  g_free (p->analysis);
  g_free (p->drafted_by_nik);
  g_free (p->drafted_by_name);
  g_free (p->drafted_at);
  g_free (p->submitted_at);
  g_free (p->decided_by_nik);
  g_free (p->decided_by_name);
  g_free (p->decided_at);
  g_free (p->decision_reason);
  g_free (p->verified_at);
  g_free (p->closed_by_nik);
  g_free (p->closed_at);
  g_clear_pointer (&p->actions, g_ptr_array_unref);
  g_free (p);
}

void
tam_recovery_event_free (TamRecoveryEvent *e)
{
  if (e == NULL)
    return;
  g_free (e->event);
  g_free (e->actor_nik);
  g_free (e->actor_name);
  g_free (e->at);
  g_free (e->reason);
  g_free (e->snapshot);
  g_free (e);
}

gboolean
tam_recovery_action_spec_parse (const char *text,
                                TamRecoveryActionSpec *spec,
                                char **buffer,
                                GError **error)
{
  char *copy, *bar1, *bar2;

  *buffer = NULL;
  if (text == NULL || (bar1 = strchr (text, '|')) == NULL || (bar2 = strchr (bar1 + 1, '|')) == NULL ||
      strchr (bar2 + 1, '|') != NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not an action: say \"TEXT|OWNER_NIK|YYYY-MM-DD\""),
                   text ? text : "");
      return FALSE;
    }
  copy = g_strdup (text);
  bar1 = copy + (bar1 - text);
  bar2 = copy + (bar2 - text);
  *bar1 = '\0';
  *bar2 = '\0';
  spec->text = g_strstrip (copy);
  spec->owner_nik = g_strstrip (bar1 + 1);
  spec->due_on = g_strstrip (bar2 + 1);
  *buffer = copy;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Shared helpers */

char *
_tam_recovery_time (const char *at,
                    GError **error)
{
  char out[20];

  if (at == NULL)
    return tam_now_string ();
  if (!tam_datetime_parse (at, FALSE, out))
    {
      g_autofree char *day = tam_parse_date (at);

      if (day == NULL)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a time (2026-10-05 09:00:00)"), at);
          return NULL;
        }
      return g_strdup_printf ("%s 00:00:00", day);
    }
  return g_strdup (out);
}

char *
_tam_recovery_month_last_day (const char *month)
{
  g_autofree char *first = NULL, *next = NULL;
  GDate d;
  int y, m;

  if (!tam_kpi_month_bounds (month, &first, &next, NULL))
    return NULL;
  sscanf (next, "%4d-%2d", &y, &m);
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 1, (GDateMonth) m, (GDateYear) y);
  g_date_subtract_days (&d, 1);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d));
}

gboolean
_tam_recovery_may_decide (const TamSession *session,
                          TamKpiKind kpi,
                          const char *site,
                          const char *service,
                          gint64 drafted_by,
                          GError **error)
{
  if (!tam_session_require (session, TAM_PERM_DECIDE_RECOVERY, error))
    return FALSE;
  if (session->person_id == drafted_by)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("Nobody decides a plan they drafted"));
      return FALSE;
    }
  if (g_strcmp0 (session->role, "MANAGER") == 0)
    return TRUE;
  if (tam_recovery_kpi_is_quality (kpi) != (g_strcmp0 (session->role, "SUPERVISOR_QUALITY") == 0))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                   tam_recovery_kpi_is_quality (kpi) ? _ ("A plan for %s is decided by a quality supervisor or a manager")
                                                     : _ ("A plan for %s is decided by an operations supervisor or a manager"),
                   tam_kpi_kind_to_label (kpi));
      return FALSE;
    }
  /* Quality supervisors work per service, across the sites. */
  if ((g_strcmp0 (session->role, "SUPERVISOR_OPS") == 0 && site != NULL && session->site != NULL &&
       strcmp (site, session->site) != 0) ||
      (service != NULL && session->service != NULL && strcmp (service, session->service) != 0))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("This plan is outside your area (%s %s)"),
                   site ? site : "", service ? service : "");
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_recovery_figures (TamStore *store,
                      const TamSession *session,
                      const TamRecoveryFigureQuery *query,
                      double *actual,
                      double *target,
                      GError **error)
{
  g_autoptr (GArray) points = NULL;

  *actual = NAN;
  *target = NAN;
  if (!tam_kpi_series (store, session, query->kpi,
                       &(TamKpiSeriesQuery){ .from = query->period,
                                             .to = query->period,
                                             .scope = query->scope,
                                             .key = query->scope_ref },
                       &points, error))
    return FALSE;
  if (points->len > 0)
    *actual = g_array_index (points, TamKpiPoint, 0).value;
  *target = tam_kpi_target (store, query->kpi);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Writing */

static gboolean
code_exists (TamStore *store,
             const char *sql,
             const char *code)
{
  sqlite3_stmt *s = tam_store_prepare (store, sql, NULL);
  gboolean found;

  if (s == NULL)
    return FALSE;
  sqlite3_bind_text (s, 1, code, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (s) == SQLITE_ROW;
  sqlite3_reset (s);
  return found;
}

/* Checks the scope against the session; sets the plan's site and service. */
static gboolean
check_scope (TamStore *store,
             const TamSession *session,
             TamKpiKind kpi,
             TamKpiScope scope,
             const char *ref,
             char **site,
             char **service,
             GError **error)
{
  gboolean tl = g_strcmp0 (session->role, "TEAM_LEADER") == 0;

  if (ref == NULL || *ref == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A plan needs its scope: agent, team, site or service"));
      return FALSE;
    }
  if (kpi == TAM_KPI_HEADCOUNT && (scope == TAM_KPI_SCOPE_TEAM || scope == TAM_KPI_SCOPE_AGENT))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("Headcount fulfilment is measured per site or service, not per team or agent"));
      return FALSE;
    }
  switch (scope)
    {
    case TAM_KPI_SCOPE_AGENT:
    case TAM_KPI_SCOPE_TEAM:
      {
        g_autoptr (TamPerson) p = tam_person_lookup (store, ref, _ ("No person with NIK %s"), error);

        if (p == NULL)
          return FALSE;
        if (scope == TAM_KPI_SCOPE_AGENT && g_strcmp0 (p->role, "AGENT") != 0)
          {
            g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is not an agent"), ref);
            return FALSE;
          }
        if (scope == TAM_KPI_SCOPE_TEAM && g_strcmp0 (p->role, "TEAM_LEADER") != 0)
          {
            g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is not a team leader: a team is named by its leader's NIK"),
                         ref);
            return FALSE;
          }
        if (tl && ((scope == TAM_KPI_SCOPE_TEAM && p->id != session->person_id) ||
                   (scope == TAM_KPI_SCOPE_AGENT && p->team_leader_id != session->person_id)))
          {
            g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                         _ ("%s is not in your team: a team leader drafts for their own team only"), ref);
            return FALSE;
          }
        *site = g_steal_pointer (&p->site);
        *service = g_steal_pointer (&p->service);
        return TRUE;
      }
    case TAM_KPI_SCOPE_SITE:
    case TAM_KPI_SCOPE_SERVICE:
      if (tl)
        {
          g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                               _ ("A team leader drafts for their own team only, not for a site or a service"));
          return FALSE;
        }
      if (!code_exists (store,
                        scope == TAM_KPI_SCOPE_SITE ? "SELECT 1 FROM sites WHERE code = ?" : "SELECT 1 FROM services WHERE code = ?",
                        ref))
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND,
                       scope == TAM_KPI_SCOPE_SITE ? _ ("No site %s") : _ ("No service %s"), ref);
          return FALSE;
        }
      if (scope == TAM_KPI_SCOPE_SITE)
        *site = g_strdup (ref);
      else
        *service = g_strdup (ref);
      return TRUE;
    case TAM_KPI_SCOPE_NATIONAL:
    default:
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A plan is for an agent, a team, a site or a service"));
      return FALSE;
    }
}

/* Checks the actions (owners exist, dates real and not before @from),
 * then stores them. */
static gboolean
insert_actions (TamStore *store,
                gint64 plan_id,
                const TamRecoveryActionSpec *actions,
                guint n_actions,
                const char *from,
                GError **error)
{
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "INSERT INTO recovery_actions (plan_id, action, owner_id, due_on) VALUES (?, ?, ?, ?)",
                                       error);

  if (s == NULL)
    return FALSE;
  for (guint i = 0; i < n_actions; i++)
    {
      const TamRecoveryActionSpec *a = &actions[i];
      g_autofree char *due = tam_parse_date (a->due_on);
      g_autofree char *text = g_strstrip (g_strdup (a->text ? a->text : ""));
      gint64 owner = 0;

      if (*text == '\0')
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Action %u: say what is to be done"), i + 1);
          return FALSE;
        }
      if (due == NULL)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Action %u: “%s” is not a date (2026-10-05 or 05/10/2026)"),
                       i + 1, a->due_on ? a->due_on : "");
          return FALSE;
        }
      if (strcmp (due, from) < 0)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Action %u: due on %s, before the plan was made (%s)"), i + 1,
                       due, from);
          return FALSE;
        }
      if (a->owner_nik != NULL && *a->owner_nik != '\0')
        {
          g_autoptr (GError) local = NULL;
          g_autoptr (TamPerson) p = tam_person_lookup (store, a->owner_nik, _ ("No person with NIK %s"), &local);

          if (p == NULL)
            {
              g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("Action %u: %s"), i + 1, local->message);
              return FALSE;
            }
          owner = p->id;
        }
      sqlite3_bind_int64 (s, 1, plan_id);
      sqlite3_bind_text (s, 2, text, -1, SQLITE_TRANSIENT);
      if (owner > 0)
        sqlite3_bind_int64 (s, 3, owner);
      else
        sqlite3_bind_null (s, 3);
      sqlite3_bind_text (s, 4, due, -1, SQLITE_TRANSIENT);
      if (!tam_store_step_write (store, s, FALSE, _ ("Could not store the action"), error))
        return FALSE;
    }
  return TRUE;
}

/* Appends the event (with the plan as it is now) and the audit row. */
static gboolean
record_step (TamStore *store,
             const TamSession *session,
             gint64 id,
             const char *event,
             const char *reason,
             const char *at,
             const char *before,
             GError **error)
{
  g_autofree char *after = tam_store_query_text_by_id (store, PLAN_JSON, id);
  g_autofree char *entity_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *action = g_strdup_printf ("RECOVERY_%s", event);
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "INSERT INTO recovery_events (plan_id, version, event, actor_id, at, reason, snapshot)"
                                       " SELECT id, version, ?2, ?3, ?4, ?5, ?6 FROM recovery_plans WHERE id = ?1",
                                       error);

  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, id);
  sqlite3_bind_text (s, 2, event, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, session->person_id);
  sqlite3_bind_text (s, 4, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 5, reason ? reason : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 6, after ? after : "{}", -1, SQLITE_TRANSIENT);
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not record the plan's history"), error))
    return FALSE;
  return tam_audit_append (store, session, action, "recovery_plans", entity_id, before, after, error);
}

static gboolean
valid_month (const char *month,
             GError **error)
{
  g_autofree char *first = NULL, *next = NULL;

  if (!tam_kpi_month_bounds (month, &first, &next, NULL))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a month (YYYY-MM)"), month ? month : "");
      return FALSE;
    }
  return TRUE;
}

static gint64
draft_full (TamStore *store,
            const TamSession *session,
            const TamRecoveryDraft *draft,
            gint64 follows_id,
            const char *at,
            GError **error)
{
  g_autofree char *when = NULL;
  g_autofree char *site = NULL, *service = NULL, *causes = NULL, *verify_month = NULL;
  g_autofree char *today = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  double actual = NAN, target = NAN;
  sqlite3_stmt *s;
  gint64 id;
  int rc;

  g_return_val_if_fail (TAM_IS_STORE (store), 0);
  if (!tam_session_require (session, TAM_PERM_DRAFT_RECOVERY, error))
    return 0;
  if ((int) draft->kpi < 0 || tam_kpi_kind_to_code (draft->kpi) == NULL)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A plan needs the KPI it recovers"));
      return 0;
    }
  if (!valid_month (draft->period, error) || (when = _tam_recovery_time (at, error)) == NULL)
    return 0;
  today = g_strndup (when, 10);
  verify_month = tam_kpi_month_add (draft->period, 1);
  /* The figures first: in a transaction the KPI reads would scan the calls. */
  if (!check_scope (store, session, draft->kpi, draft->scope, draft->scope_ref, &site, &service, error) ||
      !tam_recovery_figures (store, session,
                             &(TamRecoveryFigureQuery){ .kpi = draft->kpi,
                                                        .scope = draft->scope,
                                                        .scope_ref = draft->scope_ref,
                                                        .period = draft->period },
                             &actual, &target, error))
    return 0;
  causes = tam_recovery_causes_to_codes (draft->causes);

  if (own_tx && !tam_store_begin (store, error))
    return 0;
  s = tam_store_prepare (store,
                         "INSERT INTO recovery_plans (kpi, scope_kind, scope_ref, period, analysis, state, drafted_by,"
                         " drafted_at, site, service, verify_month, causes, actual, target, follows_id)"
                         " VALUES (?, ?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_text (s, 1, tam_kpi_kind_to_code (draft->kpi), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, tam_kpi_scope_to_code (draft->scope), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, draft->scope_ref, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 4, draft->period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 5, draft->analysis ? draft->analysis : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 6, session->person_id);
  sqlite3_bind_text (s, 7, when, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (s, 8, site);
  tam_stmt_bind_text_or_null (s, 9, service);
  sqlite3_bind_text (s, 10, verify_month, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 11, causes, -1, SQLITE_TRANSIENT);
  if (isnan (actual))
    sqlite3_bind_null (s, 12);
  else
    sqlite3_bind_double (s, 12, actual);
  if (isnan (target))
    sqlite3_bind_null (s, 13);
  else
    sqlite3_bind_double (s, 13, target);
  if (follows_id > 0)
    sqlite3_bind_int64 (s, 14, follows_id);
  else
    sqlite3_bind_null (s, 14);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT && follows_id > 0)
        g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE, _ ("Plan %lld already has a follow-up plan"),
                     (long long) follows_id);
      else
        tam_store_set_error (store, error, _ ("Could not store the plan"));
      goto fail;
    }
  id = sqlite3_last_insert_rowid (tam_store_get_db (store));
  if (!insert_actions (store, id, draft->actions, draft->n_actions, today, error) ||
      !record_step (store, session, id, "DRAFT", NULL, when, NULL, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error) ? id : 0;

fail:
  tam_store_rollback_own (store, own_tx);
  return 0;
}

gint64
tam_recovery_draft (TamStore *store,
                    const TamSession *session,
                    const TamRecoveryDraft *draft,
                    const char *at,
                    GError **error)
{
  return draft_full (store, session, draft, 0, at, error);
}

/* The plan's row for a step, in the transaction. */
typedef struct
{
  TamKpiKind kpi;
  TamKpiScope scope;
  char *scope_ref;
  char *site;
  char *service;
  char *period;
  char *verify_month;
  char *analysis;
  TamRecoveryState state;
  gint64 drafted_by;
  char *drafted_at;
  gint64 follow_up;
} Row;

static void
row_clear (Row *r)
{
  g_free (r->scope_ref);
  g_free (r->site);
  g_free (r->service);
  g_free (r->period);
  g_free (r->verify_month);
  g_free (r->analysis);
  g_free (r->drafted_at);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static void
row_fill (sqlite3_stmt *s,
          gpointer out)
{
  Row *r = out;

  r->kpi = tam_kpi_kind_from_code ((const char *) sqlite3_column_text (s, 0));
  r->scope = tam_kpi_scope_from_code ((const char *) sqlite3_column_text (s, 1));
  r->scope_ref = tam_stmt_dup_text (s, 2);
  r->site = tam_stmt_dup_text (s, 3);
  r->service = tam_stmt_dup_text (s, 4);
  r->period = tam_stmt_dup_text (s, 5);
  r->verify_month = tam_stmt_dup_text (s, 6);
  r->state = tam_recovery_state_from_code ((const char *) sqlite3_column_text (s, 7));
  r->drafted_by = sqlite3_column_int64 (s, 8);
  r->drafted_at = tam_stmt_dup_text (s, 9);
  r->analysis = tam_stmt_dup_text (s, 10);
  r->follow_up = sqlite3_column_int64 (s, 11);
}

#define ROW_SELECT                                                                 \
  "SELECT kpi, scope_kind, scope_ref, site, service, period, verify_month, state," \
  " drafted_by, drafted_at, analysis,"                                             \
  " COALESCE ((SELECT f.id FROM recovery_plans f WHERE f.follows_id = p.id), 0)"   \
  " FROM recovery_plans p WHERE id = ?"

static gboolean
read_row (TamStore *store,
          gint64 id,
          Row *r,
          GError **error)
{
  sqlite3_stmt *s = tam_store_prepare_by_id (store, ROW_SELECT, id, error);

  return s != NULL && tam_stmt_read_one (s, row_fill, r, error, _ ("No recovery plan %lld"), (long long) id);
}

static gboolean
wrong_state (gint64 id,
             TamRecoveryState state,
             const char *what,
             GError **error)
{
  g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT, _ ("Plan %lld is %s: %s"), (long long) id,
               tam_recovery_state_to_label (state), what);
  return FALSE;
}

/* Runs one step: begins (unless in the caller's transaction), reads the
 * row, lets @check refuse, runs @sql (bound: ?1 id, ?2 actor, ?3 time,
 * ?4 text), records the event, commits. */
typedef gboolean (*StepCheck) (const TamSession *session, gint64 id, Row *row, gpointer data, GError **error);

static gboolean
run_step (TamStore *store,
          const TamSession *session,
          gint64 id,
          StepCheck check,
          gpointer data,
          const char *sql,
          const char *text,
          const char *event,
          const char *at,
          GError **error)
{
  g_auto (Row) row = { 0 };
  g_autofree char *when = NULL;
  g_autofree char *before = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  sqlite3_stmt *s;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  if (session == NULL)
    return tam_session_require (session, TAM_PERM_VIEW, error);
  if ((when = _tam_recovery_time (at, error)) == NULL)
    return FALSE;
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if (!read_row (store, id, &row, error) || !check (session, id, &row, data, error))
    goto fail;
  before = tam_store_query_text_by_id (store, PLAN_JSON, id);
  if ((s = tam_store_prepare (store, sql, error)) == NULL)
    goto fail;
  sqlite3_bind_int64 (s, 1, id);
  sqlite3_bind_int64 (s, 2, session->person_id);
  sqlite3_bind_text (s, 3, when, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (s) >= 4)
    sqlite3_bind_text (s, 4, text ? text : "", -1, SQLITE_TRANSIENT);
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not update the plan"), error))
    goto fail;
  if (!record_step (store, session, id, event, text, when, before, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

static gint64
count_actions (TamStore *store,
               gint64 id)
{
  sqlite3_stmt *s = tam_store_prepare (store, "SELECT count(*) FROM recovery_actions WHERE plan_id = ?", NULL);
  gint64 n = 0;

  if (s == NULL)
    return 0;
  sqlite3_bind_int64 (s, 1, id);
  if (sqlite3_step (s) == SQLITE_ROW)
    n = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  return n;
}

typedef struct
{
  TamStore *store;
} SubmitData;

static gboolean
check_submit (const TamSession *session,
              gint64 id,
              Row *row,
              gpointer data,
              GError **error)
{
  SubmitData *d = data;

  if (!tam_session_require (session, TAM_PERM_DRAFT_RECOVERY, error))
    return FALSE;
  if (row->state == TAM_RECOVERY_REJECTED)
    return wrong_state (id, row->state, _ ("revise it before submitting it again"), error);
  if (row->state != TAM_RECOVERY_DRAFT)
    return wrong_state (id, row->state, _ ("only a draft is submitted"), error);
  if (row->drafted_by != session->person_id)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("Only the plan's drafter submits it"));
      return FALSE;
    }
  if (count_actions (d->store, id) == 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A plan without actions cannot be submitted"));
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_recovery_submit (TamStore *store,
                     const TamSession *session,
                     gint64 id,
                     const char *at,
                     GError **error)
{
  SubmitData d = { store };

  return run_step (store, session, id, check_submit, &d,
                   "UPDATE recovery_plans SET state = 'SUBMITTED', submitted_at = ?3 WHERE id = ?1 AND ?2 > 0", NULL,
                   "SUBMIT", at, error);
}

static gboolean
check_decide (const TamSession *session,
              gint64 id,
              Row *row,
              gpointer data,
              GError **error)
{
  const char *reason = data;

  if (!_tam_recovery_may_decide (session, row->kpi, row->site, row->service, row->drafted_by, error))
    return FALSE;
  if (row->state != TAM_RECOVERY_SUBMITTED)
    return wrong_state (id, row->state, _ ("only a submitted plan is approved or rejected"), error);
  if (reason != NULL && strspn (reason, " \t\r\n") == strlen (reason))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A rejection needs a reason"));
      return FALSE;
    }
  return TRUE;
}

gboolean
tam_recovery_approve (TamStore *store,
                      const TamSession *session,
                      gint64 id,
                      const char *at,
                      GError **error)
{
  return run_step (store, session, id, check_decide, NULL,
                   "UPDATE recovery_plans SET state = 'APPROVED', decided_by = ?2, decided_at = ?3,"
                   " decision_reason = '' WHERE id = ?1",
                   NULL, "APPROVE", at, error);
}

gboolean
tam_recovery_reject (TamStore *store,
                     const TamSession *session,
                     gint64 id,
                     const char *reason,
                     const char *at,
                     GError **error)
{
  g_autofree char *text = g_strstrip (g_strdup (reason ? reason : ""));

  return run_step (store, session, id, check_decide, text,
                   "UPDATE recovery_plans SET state = 'REJECTED', decided_by = ?2, decided_at = ?3,"
                   " decision_reason = ?4 WHERE id = ?1",
                   text, "REJECT", at, error);
}

static gboolean
check_close (const TamSession *session,
             gint64 id,
             Row *row,
             gpointer data,
             GError **error)
{
  if (!_tam_recovery_may_decide (session, row->kpi, row->site, row->service, row->drafted_by, error))
    return FALSE;
  if (row->state != TAM_RECOVERY_VERIFIED_MET && row->state != TAM_RECOVERY_VERIFIED_NOT_MET)
    return wrong_state (id, row->state, _ ("only a verified plan is closed"), error);
  return TRUE;
}

gboolean
tam_recovery_close (TamStore *store,
                    const TamSession *session,
                    gint64 id,
                    const char *at,
                    GError **error)
{
  return run_step (store, session, id, check_close, NULL,
                   "UPDATE recovery_plans SET state = 'CLOSED', closed_by = ?2, closed_at = ?3 WHERE id = ?1", NULL,
                   "CLOSE", at, error);
}

gboolean
tam_recovery_revise (TamStore *store,
                     const TamSession *session,
                     gint64 id,
                     const char *analysis,
                     guint causes,
                     const TamRecoveryActionSpec *actions,
                     guint n_actions,
                     const char *at,
                     GError **error)
{
  g_auto (Row) row = { 0 };
  g_autofree char *when = NULL;
  g_autofree char *before = NULL;
  g_autofree char *codes = tam_recovery_causes_to_codes (causes);
  g_autofree char *from = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  gboolean revision;
  sqlite3_stmt *s;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  if (!tam_session_require (session, TAM_PERM_DRAFT_RECOVERY, error) ||
      (when = _tam_recovery_time (at, error)) == NULL)
    return FALSE;
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if (!read_row (store, id, &row, error))
    goto fail;
  if (row.state != TAM_RECOVERY_DRAFT && row.state != TAM_RECOVERY_REJECTED)
    {
      wrong_state (id, row.state, _ ("its analysis and actions can no longer be changed"), error);
      goto fail;
    }
  if (row.drafted_by != session->person_id)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("Only the plan's drafter changes it"));
      goto fail;
    }
  revision = row.state == TAM_RECOVERY_REJECTED;
  before = tam_store_query_text_by_id (store, PLAN_JSON, id);
  s = tam_store_prepare (store,
                         "UPDATE recovery_plans SET analysis = ?2, causes = ?3, state = 'DRAFT',"
                         " version = version + ?4, decided_by = NULL, decided_at = NULL, decision_reason = '',"
                         " submitted_at = NULL WHERE id = ?1",
                         error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_int64 (s, 1, id);
  sqlite3_bind_text (s, 2, analysis ? analysis : row.analysis, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, codes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (s, 4, revision ? 1 : 0);
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not update the plan"), error))
    goto fail;
  s = tam_store_prepare (store, "DELETE FROM recovery_actions WHERE plan_id = ?", error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_int64 (s, 1, id);
  from = g_strndup (row.drafted_at, 10);
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not update the plan"), error) || !insert_actions (store, id, actions, n_actions, from, error) ||
      !record_step (store, session, id, "REVISE", NULL, when, before, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gboolean
tam_recovery_action_done (TamStore *store,
                          const TamSession *session,
                          gint64 action_id,
                          const char *note,
                          const char *on,
                          GError **error)
{
  g_auto (Row) row = { 0 };
  g_autofree char *day = NULL;
  g_autofree char *before = NULL;
  g_autofree char *when = NULL;
  g_autofree char *reason = NULL;
  gboolean own_tx = !tam_store_in_transaction (store);
  gint64 plan_id = 0, owner = 0;
  gboolean done = FALSE;
  sqlite3_stmt *s;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  if (!tam_session_require (session, TAM_PERM_VIEW, error))
    return FALSE;
  if ((day = tam_date_or_today (on, error)) == NULL)
    return FALSE;
  when = on ? g_strdup_printf ("%s 00:00:00", day) : tam_now_string ();
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  s = tam_store_prepare (store, "SELECT plan_id, COALESCE (owner_id, 0), done_on IS NOT NULL FROM recovery_actions WHERE id = ?",
                         error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_int64 (s, 1, action_id);
  if (sqlite3_step (s) == SQLITE_ROW)
    {
      plan_id = sqlite3_column_int64 (s, 0);
      owner = sqlite3_column_int64 (s, 1);
      done = sqlite3_column_int (s, 2) != 0;
    }
  sqlite3_reset (s);
  if (plan_id == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No action %lld"), (long long) action_id);
      goto fail;
    }
  if (!read_row (store, plan_id, &row, error))
    goto fail;
  if (row.state != TAM_RECOVERY_APPROVED)
    {
      wrong_state (plan_id, row.state, _ ("actions are done only while an approved plan is carried out"), error);
      goto fail;
    }
  if (done)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_CONFLICT, _ ("Action %lld is already done"), (long long) action_id);
      goto fail;
    }
  if (owner != session->person_id && row.drafted_by != session->person_id &&
      !tam_session_can (session, TAM_PERM_DECIDE_RECOVERY))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                           _ ("An action is marked done by its owner, the plan's drafter or a supervisor"));
      goto fail;
    }
  before = tam_store_query_text_by_id (store, PLAN_JSON, plan_id);
  s = tam_store_prepare (store, "UPDATE recovery_actions SET done_on = ?2, done_note = ?3, done_by = ?4 WHERE id = ?1",
                         error);
  if (s == NULL)
    goto fail;
  sqlite3_bind_int64 (s, 1, action_id);
  sqlite3_bind_text (s, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, note ? note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 4, session->person_id);
  if (!tam_store_step_write (store, s, FALSE, _ ("Could not update the action"), error))
    goto fail;
  reason = g_strdup_printf ("#%" G_GINT64_FORMAT "%s%s", action_id, note && *note ? ": " : "", note ? note : "");
  if (!record_step (store, session, plan_id, "DONE", reason, when, before, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gint64
tam_recovery_follow_up (TamStore *store,
                        const TamSession *session,
                        gint64 id,
                        const char *analysis,
                        const TamRecoveryActionSpec *actions,
                        guint n_actions,
                        const char *at,
                        GError **error)
{
  g_auto (Row) row = { 0 };
  gboolean not_met;
  TamRecoveryDraft draft = { 0 };

  if (!tam_session_require (session, TAM_PERM_DRAFT_RECOVERY, error) || !read_row (store, id, &row, error))
    return 0;
  not_met = row.state == TAM_RECOVERY_VERIFIED_NOT_MET;
  if (row.state == TAM_RECOVERY_CLOSED)
    {
      /* A closed plan: as its verification found it. */
      g_autofree char *verified = tam_store_query_text_by_id (store,
                                                              "SELECT json_extract (snapshot, '$.state') FROM recovery_events"
                                                              " WHERE plan_id = ? AND event = 'VERIFY' ORDER BY id DESC LIMIT 1",
                                                              id);
      not_met = g_strcmp0 (verified, "VERIFIED_NOT_MET") == 0;
    }
  if (!not_met)
    {
      wrong_state (id, row.state, _ ("a follow-up plan is for a plan verified not met"), error);
      return 0;
    }
  if (row.follow_up != 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE, _ ("Plan %lld already has a follow-up plan (%lld)"),
                   (long long) id, (long long) row.follow_up);
      return 0;
    }
  draft.kpi = row.kpi;
  draft.scope = row.scope;
  draft.scope_ref = row.scope_ref;
  draft.period = row.verify_month;
  draft.analysis = analysis;
  draft.actions = actions;
  draft.n_actions = n_actions;
  return draft_full (store, session, &draft, id, at, error);
}
