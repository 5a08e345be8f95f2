/* tam-import-roster.c: the roster, read whole (a row may name a team
 * leader defined further down), checked, then stored. */
#include "config.h"

#include "tam-import-private.h"

enum
{
  R_NIK,
  R_NAME,
  R_ROLE,
  R_SITE,
  R_SERVICE,
  R_TL,
  R_STATUS,
  R_HIRED,
  R_END
};
const Column _tam_import_roster_columns[] = {
  { "nik", TRUE }, { "name", TRUE }, { "role", TRUE }, { "site", TRUE }, { "service", TRUE }, { "team_leader_nik", TRUE }, { "status", TRUE }, { "hired_on", TRUE }, { "contract_end", TRUE }, { NULL, FALSE }
};

/* -- roster -------------------------------------------------------- */

typedef struct
{
  guint line;
  char **raw; /* the file's fields, for the rejects */
  TamPerson *person;
  char *tl_nik;
  gint64 existing_id; /* 0: a new person */
  char *existing_role;
  char *before; /* JSON of the stored person */
  gboolean bad;
} RosterRow;

static void
roster_row_free (gpointer data)
{
  RosterRow *r = data;

  g_strfreev (r->raw);
  tam_person_free (r->person);
  g_free (r->tl_nik);
  g_free (r->existing_role);
  g_free (r->before);
  g_free (r);
}

static const char *
roster_column_of_field (const char *field)
{
  if (g_strcmp0 (field, "team_leader") == 0)
    return "team_leader_nik";
  return field;
}

static void G_GNUC_PRINTF (4, 5)
    roster_bad (Import *imp,
                RosterRow *r,
                const char *column,
                const char *format,
                ...)
{
  va_list args;

  r->bad = TRUE;
  va_start (args, format);
  _tam_import_bad_v (imp, r->line, (const char *const *) r->raw, g_strv_length (r->raw), column, format, args);
  va_end (args);
}

static char *
upper_or_null (const char *s)
{
  return s[0] ? g_ascii_strup (s, -1) : NULL;
}

/* Reads and checks one row on its own (team leaders come later). */
/* Whether the file's row would change the stored person @old (NULL: a
 * new person). A re-imported export carries the managers unchanged: those
 * rows grant nothing, so a supervisor may load the file. */
static gboolean
person_row_changes (const TamPerson *old,
                    const TamPerson *p,
                    const char *tl_nik)
{
  return old == NULL || g_strcmp0 (old->name, p->name) != 0 || g_strcmp0 (old->role, p->role) != 0 ||
         g_strcmp0 (old->site, p->site) != 0 || g_strcmp0 (old->service, p->service) != 0 ||
         g_strcmp0 (old->status, p->status) != 0 || g_strcmp0 (old->hired_on, p->hired_on) != 0 ||
         g_strcmp0 (old->contract_end, p->contract_end) != 0 || g_strcmp0 (old->team_leader_nik, tl_nik) != 0;
}

static RosterRow *
roster_read_row (Import *imp,
                 GHashTable *by_nik,
                 GError **error)
{
  RosterRow *r = g_new0 (RosterRow, 1);
  TamPerson *p;
  guint n = tam_row_reader_n_fields (imp->reader);
  const char *hired_text, *end_text;
  g_autofree char *field = NULL;
  g_autoptr (GError) invalid = NULL;
  RosterRow *other;
  sqlite3_stmt *stmt;

  r->line = tam_row_reader_line (imp->reader);
  r->raw = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    r->raw[i] = g_strdup (tam_row_reader_field (imp->reader, i));

  p = r->person = tam_person_new ();
  p->nik = g_strdup (_tam_import_get (imp, R_NIK));
  p->name = g_strdup (_tam_import_get (imp, R_NAME));
  p->role = upper_or_null (_tam_import_get (imp, R_ROLE));
  p->site = upper_or_null (_tam_import_get (imp, R_SITE));
  p->service = upper_or_null (_tam_import_get (imp, R_SERVICE));
  p->status = upper_or_null (_tam_import_get (imp, R_STATUS));
  r->tl_nik = _tam_import_get (imp, R_TL)[0] ? g_strdup (_tam_import_get (imp, R_TL)) : NULL;

  /* Remembered even when bad, so its team hears why their leader is. */
  if (p->nik[0] != '\0')
    {
      other = g_hash_table_lookup (by_nik, p->nik);
      if (other != NULL)
        {
          roster_bad (imp, r, "nik", _ ("the NIK %s is already on line %u"), p->nik, other->line);
          return r;
        }
      g_hash_table_insert (by_nik, p->nik, r);
    }
  if (p->role != NULL && !tam_code_is_valid (tam_roles (), p->role))
    {
      roster_bad (imp, r, "role", _ ("unknown role “%s”"), _tam_import_get (imp, R_ROLE));
      return r;
    }
  if (p->site != NULL && !tam_code_is_valid (tam_sites (), p->site))
    {
      roster_bad (imp, r, "site", _ ("unknown site “%s”"), _tam_import_get (imp, R_SITE));
      return r;
    }
  if (p->service != NULL && !tam_code_is_valid (tam_services (), p->service))
    {
      roster_bad (imp, r, "service", _ ("unknown service “%s”"), _tam_import_get (imp, R_SERVICE));
      return r;
    }
  if (p->status != NULL && !tam_code_is_valid (tam_person_statuses (), p->status))
    {
      roster_bad (imp, r, "status", _ ("unknown status “%s”"), _tam_import_get (imp, R_STATUS));
      return r;
    }

  hired_text = _tam_import_get (imp, R_HIRED);
  end_text = _tam_import_get (imp, R_END);
  {
    char date[11];
    if (!tam_date_parse (hired_text, imp->serials, date, NULL))
      {
        roster_bad (imp, r, "hired_on", _ ("not a date “%s” (write it as 2026-10-05 or 05/10/2026)"), hired_text);
        return r;
      }
    p->hired_on = g_strdup (date);
    if (end_text[0] != '\0')
      {
        if (!tam_date_parse (end_text, imp->serials, date, NULL))
          {
            roster_bad (imp, r, "contract_end", _ ("not a date “%s” (write it as 2026-10-05 or 05/10/2026)"), end_text);
            return r;
          }
        p->contract_end = g_strdup (date);
      }
  }

  stmt = tam_store_prepare (imp->store, "SELECT id, role FROM people WHERE nik = ?", error);
  if (stmt == NULL)
    {
      roster_row_free (r);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, p->nik, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      r->existing_id = sqlite3_column_int64 (stmt, 0);
      r->existing_role = tam_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  p->id = r->existing_id;

  /* Nobody grants a role at or above their own, nor changes their own
   * (issue 13: a supervisor's roster file made them manager). */
  {
    g_autoptr (GError) refused = NULL;
    g_autoptr (TamPerson) old = r->existing_id != 0 ? tam_people_get (imp->store, r->existing_id, NULL) : NULL;

    /* A NULL actor is the set-up of a database with no accounts yet,
     * which the driver allows. */
    if (imp->actor != NULL && person_row_changes (old, p, r->tl_nik) &&
        !tam_session_may_grant (imp->actor, p->nik, old ? old->role : NULL, old ? old->status : NULL,
                                p->role, p->status, &refused))
      {
        roster_bad (imp, r, "role", "%s", refused->message);
        return r;
      }
  }

  /* The same rules as the person dialog; the team leader is checked
   * once every row is known. */
  if (!tam_people_validate (imp->store, p, &field, &invalid))
    {
      if (invalid->domain != TAM_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&invalid));
          roster_row_free (r);
          return NULL;
        }
      roster_bad (imp, r, roster_column_of_field (field), "%s", invalid->message);
      return r;
    }
  return r;
}

/* Team leaders: in the file (its role counts) or already stored. Repeated
 * until stable, because a rejected team leader takes their team's rows
 * with them. */
static gboolean
roster_check_leaders (Import *imp,
                      GPtrArray *rows,
                      GHashTable *by_nik,
                      GError **error)
{
  gboolean again = TRUE;

  while (again)
    {
      again = FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          RosterRow *r = rows->pdata[i];
          RosterRow *tl;
          sqlite3_stmt *stmt;

          if (r->bad)
            continue;

          /* Demoting a team leader who still leads people not moved by
           * this file would leave them under a non-leader. */
          if (g_strcmp0 (r->existing_role, "TEAM_LEADER") == 0 &&
              g_strcmp0 (r->person->role, "TEAM_LEADER") != 0)
            {
              stmt = tam_store_prepare (imp->store, "SELECT nik FROM people WHERE team_leader_id = ?", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, r->existing_id);
              while (sqlite3_step (stmt) == SQLITE_ROW)
                {
                  const char *member = (const char *) sqlite3_column_text (stmt, 0);
                  RosterRow *m = g_hash_table_lookup (by_nik, member);

                  if (m == NULL || m->bad || g_strcmp0 (m->tl_nik, r->person->nik) == 0)
                    {
                      roster_bad (imp, r, "role",
                                  _ ("%s still leads %s; give the team another leader first"),
                                  r->person->nik, member);
                      again = TRUE;
                      break;
                    }
                }
              sqlite3_reset (stmt);
              if (r->bad)
                continue;
            }

          if (r->tl_nik == NULL)
            continue;
          if (strcmp (r->tl_nik, r->person->nik) == 0)
            {
              roster_bad (imp, r, "team_leader_nik", _ ("a person cannot be their own team leader"));
              again = TRUE;
              continue;
            }
          tl = g_hash_table_lookup (by_nik, r->tl_nik);
          if (tl != NULL)
            {
              if (tl->bad)
                {
                  roster_bad (imp, r, "team_leader_nik",
                              _ ("the team leader %s has errors on line %u"), r->tl_nik, tl->line);
                  again = TRUE;
                }
              else if (g_strcmp0 (tl->person->role, "TEAM_LEADER") != 0)
                {
                  roster_bad (imp, r, "team_leader_nik",
                              _ ("%s is not a team leader (role %s on line %u)"),
                              r->tl_nik, tl->person->role, tl->line);
                  again = TRUE;
                }
              continue;
            }

          stmt = tam_store_prepare (imp->store, "SELECT role FROM people WHERE nik = ?", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, r->tl_nik, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              sqlite3_reset (stmt);
              roster_bad (imp, r, "team_leader_nik", _ ("unknown team leader NIK “%s”"), r->tl_nik);
              again = TRUE;
              continue;
            }
          if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "TEAM_LEADER") != 0)
            {
              g_autofree char *role = tam_stmt_dup_text (stmt, 0);
              sqlite3_reset (stmt);
              roster_bad (imp, r, "team_leader_nik", _ ("%s is not a team leader (role %s)"),
                          r->tl_nik, role);
              again = TRUE;
              continue;
            }
          sqlite3_reset (stmt);
        }
    }
  return TRUE;
}

static gboolean
roster_write (Import *imp,
              GPtrArray *rows,
              GError **error)
{
  sqlite3_stmt *stmt;

  /* Pass 1: everybody in, without team leaders (they may be new). */
  for (guint i = 0; i < rows->len; i++)
    {
      RosterRow *r = rows->pdata[i];
      TamPerson *p = r->person;

      if (r->bad)
        continue;
      if (r->existing_id != 0)
        {
          r->before = _tam_people_json (imp->store, r->existing_id);
          stmt = tam_store_prepare (imp->store,
                                    "UPDATE people SET name = ?, role = ?, site = ?, service = ?, status = ?,"
                                    " hired_on = ?, contract_end = ? WHERE id = ?",
                                    error);
        }
      else
        stmt = tam_store_prepare (imp->store,
                                  "INSERT INTO people (name, role, site, service, status, hired_on, contract_end, nik)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, p->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, p->role, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, p->site, -1, SQLITE_STATIC);
      tam_stmt_bind_text_or_null (stmt, 4, p->service);
      sqlite3_bind_text (stmt, 5, p->status, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, p->hired_on, -1, SQLITE_STATIC);
      tam_stmt_bind_text_or_null (stmt, 7, p->contract_end);
      if (r->existing_id != 0)
        sqlite3_bind_int64 (stmt, 8, r->existing_id);
      else
        sqlite3_bind_text (stmt, 8, p->nik, -1, SQLITE_STATIC);
      if (!_tam_import_step_done (imp, stmt, N_ ("Could not save a person"), error))
        return FALSE;
      p->id = r->existing_id ? r->existing_id : sqlite3_last_insert_rowid (tam_store_get_db (imp->store));
    }

  /* Pass 2: team leaders, now that every NIK is stored. */
  for (guint i = 0; i < rows->len; i++)
    {
      RosterRow *r = rows->pdata[i];
      g_autofree char *after = NULL;

      if (r->bad)
        continue;
      stmt = tam_store_prepare (imp->store,
                                "UPDATE people SET team_leader_id = (SELECT id FROM people WHERE nik = ?1)"
                                " WHERE id = ?2 AND team_leader_id IS NOT (SELECT id FROM people WHERE nik = ?1)",
                                error);
      if (stmt == NULL)
        return FALSE;
      if (r->tl_nik != NULL)
        sqlite3_bind_text (stmt, 1, r->tl_nik, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, 1);
      sqlite3_bind_int64 (stmt, 2, r->person->id);
      if (!_tam_import_step_done (imp, stmt, N_ ("Could not save a person"), error))
        return FALSE;

      after = _tam_people_json (imp->store, r->person->id);
      if (r->before == NULL)
        {
          imp->result->inserted++;
          if (g_strcmp0 (r->person->status, "ACTIVE") == 0 && g_strcmp0 (r->person->role, "AGENT") == 0)
            imp->result->taken_as_trained++;
        }
      else if (g_strcmp0 (r->before, after) != 0)
        imp->result->updated++;
      else
        imp->result->unchanged++;
      /* Every person the file changed has an audit row of its own, with
       * before and after, like a change in the person dialog. */
      if (g_strcmp0 (r->before, after) != 0 &&
          !tam_audit_append (imp->store, imp->actor, r->before ? "UPDATE" : "INSERT", "person",
                             r->person->nik, r->before, after, error))
        return FALSE;
      if (i % 256 == 0)
        _tam_import_report_progress (imp, 0.5 + 0.49 * i / rows->len);
    }
  return TRUE;
}

gboolean
_tam_import_import_roster (Import *imp,
                           GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (roster_row_free);
  g_autoptr (GHashTable) by_nik = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  while ((rc = _tam_import_next_row (imp, error)) > 0)
    {
      RosterRow *r = roster_read_row (imp, by_nik, error);
      if (r == NULL)
        return FALSE;
      g_ptr_array_add (rows, r);
    }
  if (rc < 0)
    return FALSE;
  if (!roster_check_leaders (imp, rows, by_nik, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (imp->cancellable, error))
    return FALSE;
  if (!_tam_import_writing (imp))
    return TRUE;
  return roster_write (imp, rows, error);
}
