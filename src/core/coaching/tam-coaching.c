/* tam-coaching.c: coaching records and the decisions on them (see
 * tam-coaching.h). Proposals are in tam-coaching-propose.c. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-coaching-private.h"
#include "tam-dates.h"
#include "tam-people.h"
#include "tam-store-read.h"

#define RECORD_JSON                                                                              \
  "SELECT json_object('id', r.id, 'nik', p.nik, 'rule', r.nonconformity, 'catalog',"             \
  " r.catalog_version, 'level', r.level, 'state', r.state, 'conditional', r.conditional,"        \
  " 'occurred_on', r.occurred_on, 'issued_on', r.issued_on, 'valid_until', r.valid_until,"       \
  " 'previous_level', r.previous_level, 'decided_by', r.decided_by, 'acknowledged_on',"          \
  " r.acknowledged_on, 'refused', r.refused, 'witness_id', r.witness_id, 'confirmed_by',"        \
  " r.confirmed_by, 'confirmed_on', r.confirmed_on, 'dismiss_reason', r.dismiss_reason, 'note'," \
  " r.note, 'event', r.event_key, 'call', r.call_id)"                                            \
  " FROM coaching_records r JOIN people p ON p.id = r.person_id WHERE r.id = ?"

#define RECORD_SELECT                                                                                               \
  "SELECT r.id, r.person_id, p.nik, p.name, p.role, p.site, p.service, tl.nik, tl.name,"                            \
  " r.nonconformity, r.catalog_version, r.level, r.state, r.mode, r.conditional,"                                   \
  " r.event_key, r.occurred_on, r.issued_on, r.valid_until, r.previous_level,"                                      \
  " pb.nik, pb.name, db.nik, db.name, db.role, r.note, c.call_id, r.acknowledged_on,"                               \
  " r.refused, w.nik, w.name, cb.nik, r.confirmed_on, r.dismiss_reason"                                             \
  " FROM coaching_records r JOIN people p ON p.id = r.person_id"                                                    \
  " LEFT JOIN people tl ON tl.id = p.team_leader_id"                                                                \
  " LEFT JOIN people pb ON pb.id = r.proposed_by"                                                                   \
  " LEFT JOIN people db ON db.id = r.decided_by"                                                                    \
  " LEFT JOIN calls c ON c.id = r.call_id AND " TAM_CALL_VISIBLE ("c") " LEFT JOIN people w ON w.id = r.witness_id" \
                                                                       " LEFT JOIN people cb ON cb.id = r.confirmed_by"

void
tam_coaching_record_free (TamCoachingRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->nik);
  g_free (r->name);
  g_free (r->role);
  g_free (r->site);
  g_free (r->service);
  g_free (r->team_leader_nik);
  g_free (r->team_leader_name);
  g_free (r->rule_code);
  g_free (r->catalog_version);
  g_free (r->event_key);
  g_free (r->occurred_on);
  g_free (r->issued_on);
  g_free (r->valid_until);
  g_free (r->proposed_by_nik);
  g_free (r->proposed_by_name);
  g_free (r->decided_by_nik);
  g_free (r->decided_by_name);
  g_free (r->decided_by_role);
  g_free (r->note);
  g_free (r->call_id);
  g_free (r->acknowledged_on);
  g_free (r->witness_nik);
  g_free (r->witness_name);
  g_free (r->confirmed_by_nik);
  g_free (r->confirmed_on);
  g_free (r->dismiss_reason);
  g_free (r);
}

static TamCoachingRecord *
record_from_row (sqlite3_stmt *s)
{
  TamCoachingRecord *r = g_new0 (TamCoachingRecord, 1);
  int c = 0;
  g_autofree char *level = NULL, *state = NULL, *mode = NULL, *previous = NULL;

  r->id = sqlite3_column_int64 (s, c++);
  r->person_id = sqlite3_column_int64 (s, c++);
  r->nik = tam_stmt_dup_text (s, c++);
  r->name = tam_stmt_dup_text (s, c++);
  r->role = tam_stmt_dup_text (s, c++);
  r->site = tam_stmt_dup_text (s, c++);
  r->service = tam_stmt_dup_text (s, c++);
  r->team_leader_nik = tam_stmt_dup_text (s, c++);
  r->team_leader_name = tam_stmt_dup_text (s, c++);
  r->rule_code = tam_stmt_dup_text (s, c++);
  r->catalog_version = tam_stmt_dup_text (s, c++);
  level = tam_stmt_dup_text (s, c++);
  state = tam_stmt_dup_text (s, c++);
  mode = tam_stmt_dup_text (s, c++);
  r->level = tam_coaching_level_from_code (level);
  r->state = tam_coaching_state_from_code (state);
  r->mode = tam_coaching_mode_from_code (mode);
  r->conditional = sqlite3_column_int (s, c++) != 0;
  r->event_key = tam_stmt_dup_text (s, c++);
  r->occurred_on = tam_stmt_dup_text (s, c++);
  r->issued_on = tam_stmt_dup_text (s, c++);
  r->valid_until = tam_stmt_dup_text (s, c++);
  previous = tam_stmt_dup_text (s, c++);
  r->previous_level = previous ? (int) tam_coaching_level_from_code (previous) : -1;
  r->proposed_by_nik = tam_stmt_dup_text (s, c++);
  r->proposed_by_name = tam_stmt_dup_text (s, c++);
  r->decided_by_nik = tam_stmt_dup_text (s, c++);
  r->decided_by_name = tam_stmt_dup_text (s, c++);
  r->decided_by_role = tam_stmt_dup_text (s, c++);
  r->note = tam_stmt_dup_text (s, c++);
  r->call_id = tam_stmt_dup_text (s, c++);
  r->acknowledged_on = tam_stmt_dup_text (s, c++);
  r->refused = sqlite3_column_int (s, c++) != 0;
  r->witness_nik = tam_stmt_dup_text (s, c++);
  r->witness_name = tam_stmt_dup_text (s, c++);
  r->confirmed_by_nik = tam_stmt_dup_text (s, c++);
  r->confirmed_on = tam_stmt_dup_text (s, c++);
  r->dismiss_reason = tam_stmt_dup_text (s, c++);
  if (r->note == NULL)
    r->note = g_strdup ("");
  if (r->dismiss_reason == NULL)
    r->dismiss_reason = g_strdup ("");
  return r;
}

static gboolean
is_team_leader (const TamSession *session)
{
  return g_strcmp0 (session->role, "TEAM_LEADER") == 0;
}

gboolean
_tam_coaching_issued_records (TamStore *store,
                              gint64 person_id,
                              gint64 except_id,
                              GArray *out,
                              GStringChunk *chunk,
                              GError **error)
{
  /* One person's by the coaching_person index. */
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "SELECT nonconformity, level, occurred_on, valid_until FROM coaching_records"
                                       " WHERE person_id = ?1 AND state = 'ISSUED' AND id <> ?2",
                                       error);

  g_return_val_if_fail (person_id > 0, FALSE);
  if (s == NULL)
    return FALSE;
  sqlite3_bind_int64 (s, 1, person_id);
  sqlite3_bind_int64 (s, 2, except_id);
  while (sqlite3_step (s) == SQLITE_ROW)
    {
      TamLadderRecord r = {
        g_string_chunk_insert_const (chunk, (const char *) sqlite3_column_text (s, 0)),
        tam_coaching_level_from_code ((const char *) sqlite3_column_text (s, 1)),
        TAM_COACHING_STATE_ISSUED,
        g_string_chunk_insert_const (chunk, (const char *) sqlite3_column_text (s, 2)),
        sqlite3_column_type (s, 3) == SQLITE_NULL ? NULL
                                                  : g_string_chunk_insert_const (chunk, (const char *) sqlite3_column_text (s, 3)),
      };
      g_array_append_val (out, r);
    }
  sqlite3_reset (s);
  return TRUE;
}

gint64
_tam_coaching_insert (TamStore *store,
                      const TamCatalog *catalog,
                      const TamCoachingNewRecord *record,
                      GError **error)
{
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "INSERT INTO coaching_records (person_id, nonconformity, level, state, occurred_on,"
                                       " proposed_by, note, catalog_version, mode, conditional, event_key, call_id,"
                                       " previous_level)"
                                       " VALUES (?, ?, ?, 'PROPOSED', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       error);
  const TamCoachingRule *rule = record->rule;
  const TamLadderProposal *proposal = &record->proposal;
  int rc;

  if (s == NULL)
    return 0;
  sqlite3_bind_int64 (s, 1, record->person_id);
  sqlite3_bind_text (s, 2, rule->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 3, tam_coaching_level_to_code (proposal->level), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 4, record->occurred_on, -1, SQLITE_TRANSIENT);
  if (record->proposed_by > 0)
    sqlite3_bind_int64 (s, 5, record->proposed_by);
  else
    sqlite3_bind_null (s, 5);
  sqlite3_bind_text (s, 6, record->note ? record->note : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 7, catalog->version, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 8, tam_coaching_mode_to_code (rule->mode), -1, SQLITE_STATIC);
  sqlite3_bind_int (s, 9, proposal->conditional ? 1 : 0);
  tam_stmt_bind_text_or_null (s, 10, record->event_key);
  if (record->call_row_id > 0)
    sqlite3_bind_int64 (s, 11, record->call_row_id);
  else
    sqlite3_bind_null (s, 11);
  tam_stmt_bind_text_or_null (s, 12, proposal->previous >= 0 ? tam_coaching_level_to_code (proposal->previous) : NULL);
  rc = sqlite3_step (s);
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT)
        g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE, _ ("%s is already recorded for this person on %s"),
                     rule->code, record->occurred_on);
      else
        tam_store_set_error (store, error, _ ("Could not store the coaching record"));
      return 0;
    }
  return sqlite3_last_insert_rowid (tam_store_get_db (store));
}

static const TamCatalog *
catalog_or_error (GError **error)
{
  g_autoptr (GError) local = NULL;
  const TamCatalog *catalog = tam_catalog_get_default (&local);

  if (catalog == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The rule catalog cannot be used: %s"), local->message);
      return NULL;
    }
  return catalog;
}

gint64
tam_coaching_record (TamStore *store,
                     const TamSession *session,
                     const char *nik,
                     const char *rule_code,
                     const char *date,
                     const char *note,
                     const char *call_id,
                     GError **error)
{
  const TamCatalog *catalog;
  const TamCoachingRule *rule;
  g_autoptr (TamPerson) person = NULL;
  g_autofree char *day = NULL;
  g_autofree char *key = NULL;
  g_autofree char *after = NULL;
  g_autofree char *entity_id = NULL;
  g_autoptr (GArray) records = g_array_new (FALSE, FALSE, sizeof (TamLadderRecord));
  g_autoptr (GStringChunk) chunk = g_string_chunk_new (256);
  TamCoachingNewRecord record;
  gboolean own_tx = !tam_store_in_transaction (store);
  gint64 call_row = 0;
  gint64 id;

  g_return_val_if_fail (TAM_IS_STORE (store), 0);

  if (!tam_session_require (session, TAM_PERM_PROPOSE_COACHING, error))
    return 0;
  if ((catalog = catalog_or_error (error)) == NULL)
    return 0;
  rule = tam_catalog_find (catalog, rule_code);
  if (rule == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The rule code %s is not in the catalog (%s)"),
                   rule_code ? rule_code : "", catalog->version);
      return 0;
    }
  if ((day = tam_parse_date_or_error (date, error)) == NULL)
    return 0;
  person = tam_person_lookup (store, nik, _ ("No person with NIK %s"), error);
  if (person == NULL)
    return 0;
  if (person->id == session->person_id)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("Nobody records a nonconformity of their own"));
      return 0;
    }
  if (is_team_leader (session) && person->team_leader_id != session->person_id)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                   _ ("%s is not in your team: a team leader records for their own team only"), person->nik);
      return 0;
    }
  /* A day of attendance is one event, whoever records it first. */
  if (rule->trigger == TAM_TRIGGER_ATTENDANCE)
    key = g_strdup_printf ("att:%s", day);

  if (own_tx && !tam_store_begin (store, error))
    return 0;
  if (call_id != NULL && *call_id != '\0')
    {
      sqlite3_stmt *s = tam_store_prepare (store,
                                           "SELECT c.id, c.agent_id FROM calls c WHERE c.call_id = ? AND " TAM_CALL_VISIBLE ("c"),
                                           error);
      gint64 agent = 0;

      if (s == NULL)
        goto fail;
      sqlite3_bind_text (s, 1, call_id, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (s) == SQLITE_ROW)
        {
          call_row = sqlite3_column_int64 (s, 0);
          agent = sqlite3_column_int64 (s, 1);
        }
      sqlite3_reset (s);
      if (call_row == 0)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No call %s"), call_id);
          goto fail;
        }
      if (agent != person->id)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Call %s was not made by %s"), call_id, person->nik);
          goto fail;
        }
    }
  if (!_tam_coaching_issued_records (store, person->id, 0, records, chunk, error))
    goto fail;
  record = (TamCoachingNewRecord){
    .person_id = person->id,
    .rule = rule,
    .proposal = tam_ladder_propose (rule, day, (TamLadderRecord *) (void *) records->data, records->len, 0),
    .occurred_on = day,
    .event_key = key,
    .proposed_by = session->person_id,
    .call_row_id = call_row,
    .note = note,
  };
  id = _tam_coaching_insert (store, catalog, &record, error);
  if (id == 0)
    goto fail;
  after = tam_store_query_text_by_id (store, RECORD_JSON, id);
  entity_id = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  if (!tam_audit_append (store, session, "RECORD", "coaching_records", entity_id, NULL, after, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error) ? id : 0;

fail:
  tam_store_rollback_own (store, own_tx);
  return 0;
}

/* The record's row for a decision, in the transaction. */
typedef struct
{
  gint64 person_id;
  char *rule_code;
  TamCoachingLevel level;
  TamCoachingState state;
  char *occurred_on;
  char *issued_on;
  char *acknowledged_on;
  gboolean refused;
  gboolean confirmed;
} Row;

static void
row_clear (Row *r)
{
  g_free (r->rule_code);
  g_free (r->occurred_on);
  g_free (r->issued_on);
  g_free (r->acknowledged_on);
}

static void
row_fill (sqlite3_stmt *s,
          gpointer out)
{
  Row *r = out;

  r->person_id = sqlite3_column_int64 (s, 0);
  r->rule_code = tam_stmt_dup_text (s, 1);
  r->level = tam_coaching_level_from_code ((const char *) sqlite3_column_text (s, 2));
  r->state = tam_coaching_state_from_code ((const char *) sqlite3_column_text (s, 3));
  r->occurred_on = tam_stmt_dup_text (s, 4);
  r->issued_on = tam_stmt_dup_text (s, 5);
  r->acknowledged_on = tam_stmt_dup_text (s, 6);
  r->refused = sqlite3_column_int (s, 7) != 0;
  r->confirmed = sqlite3_column_int (s, 8) != 0;
}

#define ROW_SELECT                                                         \
  "SELECT person_id, nonconformity, level, state, occurred_on, issued_on," \
  " acknowledged_on, refused, confirmed_by IS NOT NULL FROM coaching_records WHERE id = ?"

/* A supervisor (operational) decides for their site and service, a
 * manager for everybody; a team leader acts for their own team. */
static gboolean
in_scope (const TamSession *session,
          const TamPerson *p,
          GError **error)
{
  gboolean ok = TRUE;

  if (g_strcmp0 (session->role, "SUPERVISOR_OPS") == 0)
    ok = g_strcmp0 (p->site, session->site) == 0 &&
         (session->service == NULL || g_strcmp0 (p->service, session->service) == 0);
  else if (is_team_leader (session))
    ok = p->team_leader_id == session->person_id;
  if (!ok)
    g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("%s is outside your scope"), p->nik);
  return ok;
}

/* A decision on the record @id by @session (issue, dismiss, receipt,
 * confirmation), from decision_begin() to decision_end(). */
typedef struct
{
  TamStore *store;
  const TamSession *session;
  gint64 id;
  gboolean own_tx;
  Row row;
  TamPerson *person; /* the record's */
  char *day;         /* the decision's date */
  char *before;      /* the record's JSON before the decision */
} Decision;

static void
decision_clear (Decision *d)
{
  row_clear (&d->row);
  g_clear_pointer (&d->person, tam_person_free);
  g_free (d->day);
  g_free (d->before);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Decision, decision_clear)

/* Rolls back the transaction the decision opened; FALSE. */
static gboolean
decision_fail (Decision *d)
{
  return tam_store_rollback_own (d->store, d->own_tx);
}

/* Parses @date (NULL: today), begins, reads the record and its person,
 * checks self and scope. */
static gboolean
decision_begin (Decision *d,
                TamStore *store,
                const TamSession *session,
                gint64 id,
                const char *date,
                GError **error)
{
  sqlite3_stmt *s;

  d->store = store;
  d->session = session;
  d->id = id;
  d->own_tx = !tam_store_in_transaction (store);
  if ((d->day = tam_date_or_today (date, error)) == NULL)
    return FALSE;
  if (d->own_tx && !tam_store_begin (store, error))
    return FALSE;
  s = tam_store_prepare_by_id (store, ROW_SELECT, id, error);
  if (s == NULL || !tam_stmt_read_one (s, row_fill, &d->row, error, _ ("No coaching record %lld"), (long long) id) ||
      (d->person = tam_people_get (store, d->row.person_id, error)) == NULL)
    return decision_fail (d);
  if (d->person->id == session->person_id)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("Nobody decides a record of their own"));
      return decision_fail (d);
    }
  if (!in_scope (session, d->person, error))
    return decision_fail (d);
  d->before = tam_store_query_text_by_id (store, RECORD_JSON, id);
  return TRUE;
}

/* Audits the decision as @action and commits. */
static gboolean
decision_end (Decision *d,
              const char *action,
              GError **error)
{
  g_autofree char *after = tam_store_query_text_by_id (d->store, RECORD_JSON, d->id);
  g_autofree char *entity_id = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);

  if (!tam_audit_append (d->store, d->session, action, "coaching_records", entity_id, d->before, after, error) ||
      !tam_store_commit_own (d->store, d->own_tx, error))
    return decision_fail (d);
  return TRUE;
}

static gboolean
step_update (Decision *d,
             sqlite3_stmt *s,
             GError **error)
{
  if (tam_store_step_write (d->store, s, FALSE, _ ("Could not update the coaching record"), error))
    return TRUE;
  return decision_fail (d);
}

static gboolean
wrong_state (Decision *d,
             GError **error,
             const char *message)
{
  g_set_error_literal (error, TAM_ERROR, TAM_ERROR_CONFLICT, message);
  return decision_fail (d);
}

gboolean
tam_coaching_issue (TamStore *store,
                    const TamSession *session,
                    gint64 id,
                    const char *date,
                    GError **error)
{
  const TamCatalog *catalog;
  const TamCoachingRule *rule;
  g_autofree char *until = NULL;
  TamCoachingLevel level;
  int previous = -1;
  g_auto (Decision) d = { 0 };
  sqlite3_stmt *s;

  if (!tam_session_require (session, TAM_PERM_ISSUE_COACHING, error))
    return FALSE;
  if ((catalog = catalog_or_error (error)) == NULL)
    return FALSE;
  if (!decision_begin (&d, store, session, id, date, error))
    return FALSE;
  if (d.row.state != TAM_COACHING_STATE_PROPOSED)
    return wrong_state (&d, error, _ ("Only a proposed record can be issued"));
  if (strcmp (d.day, d.row.occurred_on) < 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A record cannot be issued before it occurred (%s)"),
                   d.row.occurred_on);
      return decision_fail (&d);
    }
  level = d.row.level;
  rule = tam_catalog_find (catalog, d.row.rule_code);
  /* The ladder again, with what has been issued since the proposal
   * (two late days proposed together: the second issued is one up). A
   * performance chain keeps its level. */
  if (rule != NULL && rule->trigger != TAM_TRIGGER_KPI)
    {
      g_autoptr (GArray) records = g_array_new (FALSE, FALSE, sizeof (TamLadderRecord));
      g_autoptr (GStringChunk) chunk = g_string_chunk_new (256);
      TamLadderProposal p;

      if (!_tam_coaching_issued_records (store, d.row.person_id, id, records, chunk, error))
        return decision_fail (&d);
      p = tam_ladder_propose (rule, d.row.occurred_on, (TamLadderRecord *) (void *) records->data, records->len, 0);
      level = p.level;
      previous = p.previous;
    }
  until = tam_ladder_add_months (d.day, catalog->settings.validity_months);
  s = tam_store_prepare (store,
                         "UPDATE coaching_records SET state = 'ISSUED', level = ?, issued_on = ?, valid_until = ?,"
                         " decided_by = ?,"
                         " previous_level = COALESCE (?, previous_level) WHERE id = ?",
                         error);
  if (s == NULL)
    return decision_fail (&d);
  sqlite3_bind_text (s, 1, tam_coaching_level_to_code (level), -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, d.day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (s, 3, until, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 4, session->person_id);
  tam_stmt_bind_text_or_null (s, 5, previous >= 0 ? tam_coaching_level_to_code (previous) : NULL);
  sqlite3_bind_int64 (s, 6, id);
  if (!step_update (&d, s, error))
    return FALSE;
  return decision_end (&d, "ISSUE", error);
}

gboolean
tam_coaching_dismiss (TamStore *store,
                      const TamSession *session,
                      gint64 id,
                      const char *reason,
                      GError **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  g_auto (Decision) d = { 0 };
  sqlite3_stmt *s;

  if (!tam_session_require (session, TAM_PERM_ISSUE_COACHING, error))
    return FALSE;
  if (*why == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("Say why the proposal is dismissed"));
      return FALSE;
    }
  if (!decision_begin (&d, store, session, id, NULL, error))
    return FALSE;
  if (d.row.state != TAM_COACHING_STATE_PROPOSED)
    return wrong_state (&d, error, _ ("Only a proposed record can be dismissed"));
  s = tam_store_prepare (store,
                         "UPDATE coaching_records SET state = 'DISMISSED', dismiss_reason = ?, decided_by = ?"
                         " WHERE id = ?",
                         error);
  if (s == NULL)
    return decision_fail (&d);
  sqlite3_bind_text (s, 1, why, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 2, session->person_id);
  sqlite3_bind_int64 (s, 3, id);
  if (!step_update (&d, s, error))
    return FALSE;
  return decision_end (&d, "DISMISS", error);
}

/* Who hands the letter to the agent: the issuers, or the agent's team
 * leader. */
static gboolean
require_receipt (const TamSession *session,
                 GError **error)
{
  if (session != NULL && is_team_leader (session))
    return TRUE;
  return tam_session_require (session, TAM_PERM_ISSUE_COACHING, error);
}

static gboolean
receipt (TamStore *store,
         const TamSession *session,
         gint64 id,
         const char *witness_nik,
         const char *date,
         GError **error)
{
  g_autoptr (TamPerson) witness = NULL;
  g_auto (Decision) d = { 0 };
  sqlite3_stmt *s;

  if (!require_receipt (session, error))
    return FALSE;
  if (!decision_begin (&d, store, session, id, date, error))
    return FALSE;
  if (d.row.state != TAM_COACHING_STATE_ISSUED)
    return wrong_state (&d, error, _ ("Only an issued record is handed to the agent"));
  if (d.row.acknowledged_on != NULL || d.row.refused)
    return wrong_state (&d, error, _ ("The receipt of this record is already recorded"));
  if (strcmp (d.day, d.row.issued_on) < 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The receipt cannot be before the issue (%s)"),
                   d.row.issued_on);
      return decision_fail (&d);
    }
  if (witness_nik != NULL)
    {
      witness = tam_person_lookup (store, witness_nik, _ ("No person with NIK %s"), error);
      if (witness == NULL)
        return decision_fail (&d);
      if (witness->id == d.row.person_id)
        {
          g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("The agent cannot witness their own refusal"));
          return decision_fail (&d);
        }
    }
  s = tam_store_prepare (store,
                         "UPDATE coaching_records SET acknowledged_on = ?, refused = ?, witness_id = ? WHERE id = ?",
                         error);
  if (s == NULL)
    return decision_fail (&d);
  sqlite3_bind_text (s, 1, d.day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (s, 2, witness_nik != NULL);
  if (witness_nik != NULL)
    sqlite3_bind_int64 (s, 3, witness->id);
  else
    sqlite3_bind_null (s, 3);
  sqlite3_bind_int64 (s, 4, id);
  if (!step_update (&d, s, error))
    return FALSE;
  return decision_end (&d, witness_nik ? "REFUSE" : "ACKNOWLEDGE", error);
}

gboolean
tam_coaching_acknowledge (TamStore *store,
                          const TamSession *session,
                          gint64 id,
                          const char *date,
                          GError **error)
{
  return receipt (store, session, id, NULL, date, error);
}

gboolean
tam_coaching_refuse (TamStore *store,
                     const TamSession *session,
                     gint64 id,
                     const char *witness_nik,
                     const char *date,
                     GError **error)
{
  if (witness_nik == NULL || *witness_nik == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("A refusal to sign needs a witness"));
      return FALSE;
    }
  return receipt (store, session, id, witness_nik, date, error);
}

gboolean
tam_coaching_confirm (TamStore *store,
                      const TamSession *session,
                      gint64 id,
                      const char *date,
                      GError **error)
{
  const TamCatalog *catalog;
  g_autofree char *person_before = NULL;
  g_autofree char *person_after = NULL;
  g_auto (Decision) d = { 0 };
  sqlite3_stmt *s;

  if (!tam_session_require (session, TAM_PERM_ISSUE_COACHING, error))
    return FALSE;
  if (g_strcmp0 (session->role, "MANAGER") != 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("Only a manager confirms a return to the vendor"));
      return FALSE;
    }
  if ((catalog = catalog_or_error (error)) == NULL)
    return FALSE;
  if (!decision_begin (&d, store, session, id, date, error))
    return FALSE;
  if (d.row.state != TAM_COACHING_STATE_ISSUED || d.row.level != catalog->settings.return_level)
    return wrong_state (&d, error, _ ("Only an issued return-to-vendor record can be confirmed"));
  if (d.row.confirmed)
    return wrong_state (&d, error, _ ("This return to the vendor is already confirmed"));
  s = tam_store_prepare (store, "UPDATE coaching_records SET confirmed_by = ?, confirmed_on = ? WHERE id = ?", error);
  if (s == NULL)
    return decision_fail (&d);
  sqlite3_bind_int64 (s, 1, session->person_id);
  sqlite3_bind_text (s, 2, d.day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (s, 3, id);
  if (!step_update (&d, s, error))
    return FALSE;

  person_before = tam_store_query_text_by_id (store, "SELECT json_object('nik', nik, 'status', status) FROM people WHERE id = ?",
                                              d.person->id);
  s = tam_store_prepare (store, "UPDATE people SET status = 'RETURNED_TO_VENDOR' WHERE id = ?", error);
  if (s == NULL)
    return decision_fail (&d);
  sqlite3_bind_int64 (s, 1, d.person->id);
  if (!step_update (&d, s, error))
    return FALSE;
  person_after = tam_store_query_text_by_id (store, "SELECT json_object('nik', nik, 'status', status) FROM people WHERE id = ?",
                                             d.person->id);
  if (!tam_audit_append (store, session, "RETURN_TO_VENDOR", "people", d.person->nik, person_before, person_after, error))
    return decision_fail (&d);
  return decision_end (&d, "CONFIRM", error);
}

TamCoachingRecord *
tam_coaching_get (TamStore *store,
                  const TamSession *session,
                  gint64 id,
                  GError **error)
{
  sqlite3_stmt *s;
  TamCoachingRecord *r = NULL;
  gint64 team_leader = 0;

  if (!tam_session_require (session, TAM_PERM_VIEW, error))
    return NULL;
  s = tam_store_prepare (store, RECORD_SELECT " WHERE r.id = ?", error);
  if (s == NULL)
    return NULL;
  sqlite3_bind_int64 (s, 1, id);
  if (sqlite3_step (s) == SQLITE_ROW)
    r = record_from_row (s);
  sqlite3_reset (s);
  if (r == NULL)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No coaching record %lld"), (long long) id);
      return NULL;
    }
  if (is_team_leader (session))
    {
      s = tam_store_prepare (store, "SELECT COALESCE (team_leader_id, 0) FROM people WHERE id = ?", error);
      if (s == NULL)
        {
          tam_coaching_record_free (r);
          return NULL;
        }
      sqlite3_bind_int64 (s, 1, r->person_id);
      if (sqlite3_step (s) == SQLITE_ROW)
        team_leader = sqlite3_column_int64 (s, 0);
      sqlite3_reset (s);
      if (team_leader != session->person_id)
        {
          g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                       _ ("%s is not in your team: a team leader sees their own team only"), r->nik);
          tam_coaching_record_free (r);
          return NULL;
        }
    }
  return r;
}

GPtrArray *
tam_coaching_list (TamStore *store,
                   const TamSession *session,
                   const TamCoachingFilter *filter,
                   GError **error)
{
  sqlite3_stmt *s = NULL;
  g_autoptr (GString) sql = NULL;
  GPtrArray *out;
  int rc;

  if (!tam_session_require (session, TAM_PERM_VIEW, error))
    return NULL;
  /* Only the conditions the filter sets, so SQLite picks the index that
   * fits (state, occurrence date, the person): "?N IS NULL OR ..." would
   * read every record. Values are still bound, never formatted in. */
  sql = g_string_new (RECORD_SELECT " WHERE 1");
  if (filter != NULL && filter->nik != NULL)
    g_string_append (sql, " AND p.nik = ?1");
  if (filter != NULL && filter->state >= 0)
    g_string_append (sql, " AND r.state = ?2");
  if (filter != NULL && filter->from != NULL)
    g_string_append (sql, " AND r.occurred_on >= ?3");
  if (filter != NULL && filter->until != NULL)
    g_string_append (sql, " AND r.occurred_on <= ?4");
  if (is_team_leader (session))
    g_string_append (sql, " AND p.team_leader_id = ?5");
  if (filter != NULL && filter->site != NULL)
    g_string_append (sql, " AND p.site = ?6");
  if (filter != NULL && filter->team_leader_id != 0)
    g_string_append (sql, " AND p.team_leader_id = ?7");
  if (filter != NULL && filter->level >= 0)
    g_string_append (sql, " AND r.level = ?8");
  g_string_append (sql, " ORDER BY r.occurred_on, r.id");
  if (sqlite3_prepare_v2 (tam_store_get_db (store), sql->str, -1, &s, NULL) != SQLITE_OK)
    {
      tam_store_set_error (store, error, _ ("Could not read the coaching records"));
      sqlite3_finalize (s);
      return NULL;
    }
  /* A number the statement does not use is refused (SQLITE_RANGE) and
   * harmless. */
  tam_stmt_bind_text_or_null (s, 1, filter ? filter->nik : NULL);
  tam_stmt_bind_text_or_null (s, 2, filter && filter->state >= 0 ? tam_coaching_state_to_code (filter->state) : NULL);
  tam_stmt_bind_text_or_null (s, 3, filter ? filter->from : NULL);
  tam_stmt_bind_text_or_null (s, 4, filter ? filter->until : NULL);
  sqlite3_bind_int64 (s, 5, session->person_id);
  tam_stmt_bind_text_or_null (s, 6, filter ? filter->site : NULL);
  sqlite3_bind_int64 (s, 7, filter ? filter->team_leader_id : 0);
  tam_stmt_bind_text_or_null (s, 8, filter && filter->level >= 0 ? tam_coaching_level_to_code (filter->level) : NULL);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) tam_coaching_record_free);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    g_ptr_array_add (out, record_from_row (s));
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not read the coaching records"));
      g_clear_pointer (&out, g_ptr_array_unref);
    }
  sqlite3_finalize (s);
  return out;
}

gint64
tam_coaching_count_open (TamStore *store,
                         const TamSession *session,
                         GError **error)
{
  sqlite3_stmt *s;
  gint64 n = -1;
  gboolean spv;

  if (!tam_session_require (session, TAM_PERM_VIEW, error))
    return -1;
  spv = g_strcmp0 (session->role, "SUPERVISOR_OPS") == 0;
  s = tam_store_prepare (store,
                         "SELECT count(*) FROM coaching_records r JOIN people p ON p.id = r.person_id"
                         " WHERE r.state = 'PROPOSED' AND (?1 = 0 OR p.team_leader_id = ?1)"
                         " AND (?2 IS NULL OR p.site = ?2) AND (?3 IS NULL OR p.service = ?3)",
                         error);
  if (s == NULL)
    return -1;
  sqlite3_bind_int64 (s, 1, is_team_leader (session) ? session->person_id : 0);
  tam_stmt_bind_text_or_null (s, 2, spv ? session->site : NULL);
  tam_stmt_bind_text_or_null (s, 3, spv ? session->service : NULL);
  if (sqlite3_step (s) == SQLITE_ROW)
    n = sqlite3_column_int64 (s, 0);
  sqlite3_reset (s);
  return n;
}

int
tam_coaching_standing (TamStore *store,
                       gint64 person_id,
                       const char *date,
                       GError **error)
{
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "SELECT level FROM coaching_records WHERE person_id = ? AND state = 'ISSUED'"
                                       " AND issued_on <= ?2 AND valid_until >= ?2",
                                       error);
  int best = -1;

  if (s == NULL)
    return -1;
  sqlite3_bind_int64 (s, 1, person_id);
  sqlite3_bind_text (s, 2, date, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (s) == SQLITE_ROW)
    best = MAX (best, (int) tam_coaching_level_from_code ((const char *) sqlite3_column_text (s, 0)));
  sqlite3_reset (s);
  return best;
}

GHashTable *
tam_coaching_standings (TamStore *store,
                        const char *date,
                        GError **error)
{
  sqlite3_stmt *s = tam_store_prepare (store,
                                       "SELECT person_id, level FROM coaching_records WHERE state = 'ISSUED'"
                                       " AND issued_on <= ?1 AND valid_until >= ?1",
                                       error);
  GHashTable *standings;
  int rc;

  if (s == NULL)
    return NULL;
  standings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_bind_text (s, 1, date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (s)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (s, 0);
      int level = (int) tam_coaching_level_from_code ((const char *) sqlite3_column_text (s, 1));
      int known = GPOINTER_TO_INT (g_hash_table_lookup (standings, &id)) - 1;

      if (level > known)
        g_hash_table_insert (standings, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (level + 1));
    }
  sqlite3_reset (s);
  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (store, error, _ ("Could not read the standings"));
      g_hash_table_unref (standings);
      return NULL;
    }
  return standings;
}
