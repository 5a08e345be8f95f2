#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-people-private.h"
#include "tam-people.h"
#include "tam-training.h"

TamPerson *
tam_person_new (void)
{
  return g_new0 (TamPerson, 1);
}

TamPerson *
tam_person_copy (const TamPerson *p)
{
  TamPerson *c = g_new0 (TamPerson, 1);

  c->id = p->id;
  c->nik = g_strdup (p->nik);
  c->name = g_strdup (p->name);
  c->role = g_strdup (p->role);
  c->site = g_strdup (p->site);
  c->service = g_strdup (p->service);
  c->team_leader_id = p->team_leader_id;
  c->team_leader_nik = g_strdup (p->team_leader_nik);
  c->team_leader_name = g_strdup (p->team_leader_name);
  c->status = g_strdup (p->status);
  c->hired_on = g_strdup (p->hired_on);
  c->contract_end = g_strdup (p->contract_end);
  return c;
}

void
tam_person_free (TamPerson *p)
{
  if (p == NULL)
    return;
  g_free (p->nik);
  g_free (p->name);
  g_free (p->role);
  g_free (p->site);
  g_free (p->service);
  g_free (p->team_leader_nik);
  g_free (p->team_leader_name);
  g_free (p->status);
  g_free (p->hired_on);
  g_free (p->contract_end);
  g_free (p);
}

gboolean
tam_person_contract_ending (const TamPerson *person,
                            const char *today,
                            int days)
{
  GDate t, end;
  int y, m, d;

  if (person->contract_end == NULL || today == NULL)
    return FALSE;
  if (!tam_person_status_is_active (tam_person_status_from_code (person->status)))
    return FALSE;
  g_date_clear (&t, 1);
  g_date_clear (&end, 1);
  if (sscanf (today, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (&t, d, m, y);
  if (sscanf (person->contract_end, "%d-%d-%d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
    g_date_set_dmy (&end, d, m, y);
  if (!g_date_valid (&t) || !g_date_valid (&end))
    return FALSE;
  return g_date_days_between (&t, &end) >= 0 && g_date_days_between (&t, &end) <= days;
}

#define PERSON_COLUMNS                                                                        \
  "SELECT p.id, p.nik, p.name, p.role, p.site, p.service, p.team_leader_id, tl.nik, tl.name," \
  " p.status, p.hired_on, p.contract_end FROM people p LEFT JOIN people tl ON tl.id = p.team_leader_id"

static gpointer
person_from_row (sqlite3_stmt *stmt,
                 gpointer user_data G_GNUC_UNUSED)
{
  TamPerson *p = g_new0 (TamPerson, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->nik = tam_stmt_dup_text (stmt, 1);
  p->name = tam_stmt_dup_text (stmt, 2);
  p->role = tam_stmt_dup_text (stmt, 3);
  p->site = tam_stmt_dup_text (stmt, 4);
  p->service = tam_stmt_dup_text (stmt, 5);
  p->team_leader_id = sqlite3_column_int64 (stmt, 6);
  p->team_leader_nik = tam_stmt_dup_text (stmt, 7);
  p->team_leader_name = tam_stmt_dup_text (stmt, 8);
  p->status = tam_stmt_dup_text (stmt, 9);
  p->hired_on = tam_stmt_dup_text (stmt, 10);
  p->contract_end = tam_stmt_dup_text (stmt, 11);
  return p;
}

gint64
tam_people_count (TamStore *store,
                  GError **error)
{
  g_return_val_if_fail (TAM_IS_STORE (store), -1);

  return tam_store_query_int (store, "SELECT count(*) FROM people", -1, error);
}

GPtrArray *
tam_people_list (TamStore *store,
                 GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, PERSON_COLUMNS " ORDER BY p.name, p.nik", error);

  if (stmt == NULL)
    return NULL;
  return tam_store_collect (store, stmt, person_from_row, NULL, (GDestroyNotify) tam_person_free,
                            _ ("Could not read the roster"), error);
}

static TamPerson *
get_one (TamStore *store,
         sqlite3_stmt *stmt,
         GError **error)
{
  TamPerson *p = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    p = person_from_row (stmt, NULL);
  else if (rc != SQLITE_DONE)
    tam_store_set_error (store, error, _ ("Could not read a person"));
  else
    g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No such person"));
  sqlite3_reset (stmt);
  return p;
}

TamPerson *
tam_people_get (TamStore *store,
                gint64 id,
                GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, PERSON_COLUMNS " WHERE p.id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return get_one (store, stmt, error);
}

TamPerson *
tam_people_find_nik (TamStore *store,
                     const char *nik,
                     GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, PERSON_COLUMNS " WHERE p.nik = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, nik, -1, SQLITE_TRANSIENT);
  return get_one (store, stmt, error);
}

TamPerson *
tam_person_lookup (TamStore *store,
                   const char *nik,
                   const char *not_found,
                   GError **error)
{
  g_autoptr (GError) local = NULL;
  TamPerson *p = tam_people_find_nik (store, nik, &local);

  if (p != NULL)
    return p;
  if (g_error_matches (local, TAM_ERROR, TAM_ERROR_NOT_FOUND))
    g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, not_found, nik ? nik : "");
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

static gboolean
field_error (char **field,
             GError **error,
             const char *name,
             const char *message)
{
  if (field != NULL)
    *field = g_strdup (name);
  g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
is_blank (const char *s)
{
  if (s == NULL)
    return TRUE;
  while (*s == ' ' || *s == '\t')
    s++;
  return *s == '\0';
}

gboolean
tam_people_validate (TamStore *store,
                     const TamPerson *p,
                     char **field,
                     GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *hired = NULL;
  g_autofree char *end = NULL;

  if (is_blank (p->nik))
    return field_error (field, error, "nik", _ ("The NIK is required"));
  for (const char *c = p->nik; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '-' && *c != '.')
      return field_error (field, error, "nik", _ ("A NIK has only letters, digits, “-” and “.”"));
  if (strlen (p->nik) > 32)
    return field_error (field, error, "nik", _ ("A NIK has at most 32 characters"));

  stmt = tam_store_prepare (store, "SELECT id FROM people WHERE nik = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, p->nik, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != p->id)
    {
      sqlite3_reset (stmt);
      if (field != NULL)
        *field = g_strdup ("nik");
      g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE,
                   _ ("Another person already has the NIK %s"), p->nik);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (is_blank (p->name))
    return field_error (field, error, "name", _ ("The name is required"));
  if (!tam_code_is_valid (tam_roles (), p->role))
    return field_error (field, error, "role", _ ("Choose a role"));
  if (!tam_code_is_valid (tam_sites (), p->site))
    return field_error (field, error, "site", _ ("Choose a site"));
  if (p->service != NULL && !tam_code_is_valid (tam_services (), p->service))
    return field_error (field, error, "service", _ ("Unknown service"));
  if (g_strcmp0 (p->role, "AGENT") == 0 && p->service == NULL)
    return field_error (field, error, "service", _ ("An agent works for a service: choose one"));
  if (p->service != NULL)
    {
      stmt = tam_store_prepare (store, "SELECT 1 FROM service_sites WHERE service = ? AND site = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, p->service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, p->site, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          if (field != NULL)
            *field = g_strdup ("service");
          g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("%s is not run at %s"),
                       tam_service_label (p->service), tam_site_label (p->site));
          return FALSE;
        }
      sqlite3_reset (stmt);
    }

  if (p->team_leader_id != 0)
    {
      g_autofree char *tl_role = NULL;

      if (p->team_leader_id == p->id)
        return field_error (field, error, "team_leader", _ ("A person cannot be their own team leader"));
      stmt = tam_store_prepare (store, "SELECT role FROM people WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, p->team_leader_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        tl_role = tam_stmt_dup_text (stmt, 0);
      sqlite3_reset (stmt);
      if (tl_role == NULL)
        return field_error (field, error, "team_leader", _ ("The team leader does not exist"));
      if (g_strcmp0 (tl_role, "TEAM_LEADER") != 0)
        return field_error (field, error, "team_leader",
                            _ ("The chosen team leader is not a team leader (role TEAM_LEADER)"));
    }

  if (!tam_code_is_valid (tam_person_statuses (), p->status))
    return field_error (field, error, "status", _ ("Choose a status"));
  /* The gate (issue 14): from TRAINING to ACTIVE only after passing an
   * INITIAL training for the person's service. Someone entered ACTIVE
   * from the start is the workforce already live, taken as trained. */
  if (p->id != 0 && g_strcmp0 (p->status, "ACTIVE") == 0)
    {
      g_autofree char *stored = NULL;

      stmt = tam_store_prepare (store, "SELECT status FROM people WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, p->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        stored = tam_stmt_dup_text (stmt, 0);
      sqlite3_reset (stmt);
      if (g_strcmp0 (stored, "TRAINING") == 0 &&
          !tam_training_gate_check (store, p->id, p->nik, p->name, p->service, error))
        {
          if (field != NULL)
            *field = g_strdup ("status");
          return FALSE;
        }
    }

  hired = tam_parse_date (p->hired_on);
  if (hired == NULL || g_strcmp0 (hired, p->hired_on) != 0)
    return field_error (field, error, "hired_on", _ ("The hire date must be a real date (YYYY-MM-DD)"));
  if (p->contract_end != NULL)
    {
      end = tam_parse_date (p->contract_end);
      if (end == NULL || g_strcmp0 (end, p->contract_end) != 0)
        return field_error (field, error, "contract_end",
                            _ ("The contract end must be a real date (YYYY-MM-DD)"));
      if (strcmp (end, hired) < 0)
        return field_error (field, error, "contract_end",
                            _ ("The contract cannot end before the hire date"));
    }
  return TRUE;
}

#define PERSON_JSON                                                                                 \
  "SELECT json_object('nik', p.nik, 'name', p.name, 'role', p.role, 'site', p.site,"                \
  " 'service', p.service, 'team_leader', (SELECT nik FROM people t WHERE t.id = p.team_leader_id)," \
  " 'status', p.status, 'hired_on', p.hired_on, 'contract_end', p.contract_end)"                    \
  " FROM people p WHERE p.id = ?"

char *
_tam_people_json (TamStore *store,
                  gint64 id)
{
  return tam_store_query_text_by_id (store, PERSON_JSON, id);
}

static void
bind_person (sqlite3_stmt *stmt,
             const TamPerson *p)
{
  sqlite3_bind_text (stmt, 1, p->nik, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, p->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, p->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, p->site, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 5, p->service);
  if (p->team_leader_id != 0)
    sqlite3_bind_int64 (stmt, 6, p->team_leader_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, p->status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, p->hired_on, -1, SQLITE_TRANSIENT);
  tam_stmt_bind_text_or_null (stmt, 9, p->contract_end);
}

gboolean
tam_people_save (TamStore *store,
                 const TamSession *actor,
                 TamPerson *p,
                 char **field,
                 GError **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id_text = NULL;
  sqlite3_stmt *stmt;
  gboolean own_tx = !tam_store_in_transaction (store);

  if (!tam_session_require (actor, TAM_PERM_EDIT_PEOPLE, error))
    return FALSE;
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  if (!tam_people_validate (store, p, field, error))
    goto fail;
  {
    g_autoptr (TamPerson) old = p->id != 0 ? tam_people_get (store, p->id, NULL) : NULL;

    if (!tam_session_may_grant (actor, old ? old->nik : p->nik, old ? old->role : NULL,
                                old ? old->status : NULL, p->role, p->status, error))
      {
        if (field != NULL)
          *field = g_strdup ("role");
        goto fail;
      }
  }

  if (p->id == 0)
    stmt = tam_store_prepare (store,
                              "INSERT INTO people (nik, name, role, site, service, team_leader_id, status, hired_on, contract_end)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              error);
  else
    {
      before = _tam_people_json (store, p->id);
      if (before == NULL)
        {
          g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No such person"));
          goto fail;
        }
      stmt = tam_store_prepare (store,
                                "UPDATE people SET nik = ?, name = ?, role = ?, site = ?, service = ?, team_leader_id = ?,"
                                " status = ?, hired_on = ?, contract_end = ? WHERE id = ?",
                                error);
    }
  if (stmt == NULL)
    goto fail;
  bind_person (stmt, p);
  if (p->id != 0)
    sqlite3_bind_int64 (stmt, 10, p->id);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not save the person"), error))
    goto fail;
  if (p->id == 0)
    p->id = sqlite3_last_insert_rowid (tam_store_get_db (store));

  after = _tam_people_json (store, p->id);
  if (g_strcmp0 (before, after) != 0)
    {
      id_text = g_strdup (p->nik);
      if (!tam_audit_append (store, actor, before ? "UPDATE" : "INSERT", "person", id_text,
                             before, after, error))
        goto fail;
    }
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gboolean
tam_people_deactivate (TamStore *store,
                       const TamSession *actor,
                       gint64 id,
                       const char *status,
                       GError **error)
{
  g_autoptr (TamPerson) p = NULL;

  if (g_strcmp0 (status, "RESIGNED") != 0 && g_strcmp0 (status, "RETURNED_TO_VENDOR") != 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A person leaves as RESIGNED or RETURNED_TO_VENDOR"));
      return FALSE;
    }
  if (!tam_session_require (actor, TAM_PERM_EDIT_PEOPLE, error))
    return FALSE;
  p = tam_people_get (store, id, error);
  if (p == NULL)
    return FALSE;
  g_free (p->status);
  p->status = g_strdup (status);
  return tam_people_save (store, actor, p, NULL, error);
}
