#include "config.h"

#include <crypt.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-auth.h"
#include "tam-codes.h"

/* Which role may do what (DOMAIN.md, "People and roles"). */
static const struct
{
  TamPermission perm;
  const char *roles[8];
} grants[] = {
  { TAM_PERM_VIEW, { "TEAM_LEADER", "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "QCO", "QA", "TRAINER", "MANAGER", "HD_SUPPORT" } },
  { TAM_PERM_EDIT_PEOPLE, { "SUPERVISOR_OPS", "MANAGER" } },
  { TAM_PERM_EDIT_ATTENDANCE, { "TEAM_LEADER", "SUPERVISOR_OPS" } },
  { TAM_PERM_IMPORT_ATTENDANCE, { "TEAM_LEADER", "SUPERVISOR_OPS" } },
  { TAM_PERM_EXPORT, { "TEAM_LEADER", "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "QCO", "QA", "TRAINER", "MANAGER" } },
  { TAM_PERM_TAP, { "QCO" } },
  { TAM_PERM_RECALL, { "TEAM_LEADER" } },
  { TAM_PERM_IMPORT_CALLS, { "QCO", "SUPERVISOR_QUALITY", "SUPERVISOR_OPS" } },
  { TAM_PERM_EDIT_PARAMETERS, { "SUPERVISOR_QUALITY" } },
  { TAM_PERM_SEE_CUSTOMER_NUMBER, { "TEAM_LEADER", "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "HD_SUPPORT", "QC_TIER2" } },
  { TAM_PERM_PROPOSE_COACHING, { "TEAM_LEADER", "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "QCO" } },
  { TAM_PERM_ISSUE_COACHING, { "SUPERVISOR_OPS", "MANAGER" } },
  { TAM_PERM_DRAFT_RECOVERY, { "TEAM_LEADER", "SUPERVISOR_OPS", "SUPERVISOR_QUALITY" } },
  { TAM_PERM_DECIDE_RECOVERY, { "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "MANAGER" } },
  { TAM_PERM_RECORD_TRAINING, { "TRAINER", "MANAGER" } },
  { TAM_PERM_MANAGE_USERS, { "MANAGER" } },
  { TAM_PERM_BACKUP, { "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "MANAGER" } },
  { TAM_PERM_IMPORT_KPI, { "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "MANAGER" } },
  { TAM_PERM_EDIT_CALENDAR, { "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "MANAGER" } },
};

gboolean
tam_role_is_desk_role (const char *role)
{
  return g_strcmp0 (role, "AGENT") != 0 && tam_code_is_valid (tam_roles (), role);
}

gboolean
tam_role_can (const char *role,
              TamPermission perm)
{
  if (role == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (grants); i++)
    {
      if (grants[i].perm != perm)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (grants[i].roles) && grants[i].roles[j]; j++)
        if (strcmp (grants[i].roles[j], role) == 0)
          return TRUE;
      return FALSE;
    }
  return FALSE;
}

TamSession *
tam_session_new (gint64 person_id,
                 const char *nik,
                 const char *name,
                 const char *role,
                 const char *site,
                 const char *service)
{
  TamSession *s = g_new0 (TamSession, 1);

  s->person_id = person_id;
  s->nik = g_strdup (nik);
  s->name = g_strdup (name);
  s->role = g_strdup (role);
  s->site = g_strdup (site);
  s->service = g_strdup (service);
  return s;
}

TamSession *
tam_session_copy (const TamSession *session)
{
  if (session == NULL)
    return NULL;
  return tam_session_new (session->person_id, session->nik, session->name,
                          session->role, session->site, session->service);
}

void
tam_session_free (TamSession *session)
{
  if (session == NULL)
    return;
  g_free (session->nik);
  g_free (session->name);
  g_free (session->role);
  g_free (session->site);
  g_free (session->service);
  g_free (session);
}

gboolean
tam_session_can (const TamSession *session,
                 TamPermission perm)
{
  return session != NULL && tam_role_can (session->role, perm);
}

gboolean
tam_session_require (const TamSession *session,
                     TamPermission perm,
                     GError **error)
{
  if (session == NULL)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_PERMISSION, _ ("Sign in first"));
      return FALSE;
    }
  if (!tam_session_can (session, perm))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                   _ ("%s (%s) may not do this as %s"),
                   session->name, session->nik, tam_role_label (session->role));
      return FALSE;
    }
  return TRUE;
}

char *
tam_auth_hash_password (const char *password,
                        GError **error)
{
  struct crypt_data data;
  char salt[CRYPT_GENSALT_OUTPUT_SIZE];
  const char *out;

  if (password == NULL || strlen (password) < 6)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A password needs at least 6 characters"));
      return NULL;
    }
  if (crypt_gensalt_rn ("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Could not make a password salt"));
      return NULL;
    }
  memset (&data, 0, sizeof data);
  out = crypt_r (password, salt, &data);
  if (out == NULL || out[0] == '*')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED, _ ("Could not hash the password"));
      return NULL;
    }
  return g_strdup (out);
}

gboolean
tam_auth_verify_password (const char *hash,
                          const char *password)
{
  struct crypt_data data;
  const char *out;
  gboolean ok;

  if (hash == NULL || password == NULL)
    return FALSE;
  memset (&data, 0, sizeof data);
  out = crypt_r (password, hash, &data);
  ok = out != NULL && out[0] != '*' && strlen (out) == strlen (hash);
  if (ok)
    {
      /* Constant-time compare. */
      unsigned char diff = 0;
      for (gsize i = 0; hash[i] != '\0'; i++)
        diff |= (unsigned char) (out[i] ^ hash[i]);
      ok = diff == 0;
    }
  explicit_bzero (&data, sizeof data);
  return ok;
}

int
tam_role_rank (const char *role)
{
  if (role == NULL || !tam_code_is_valid (tam_roles (), role))
    return -1;
  if (strcmp (role, "MANAGER") == 0)
    return 3;
  if (strcmp (role, "SUPERVISOR_OPS") == 0 || strcmp (role, "SUPERVISOR_QUALITY") == 0)
    return 2;
  if (strcmp (role, "AGENT") == 0)
    return 0;
  return 1;
}

/* A manager reaches every role; anyone else only roles below their own. */
static gboolean
within_reach (const TamSession *actor,
              const char *role)
{
  int mine = tam_role_rank (actor->role);

  if (mine == 3)
    return tam_role_rank (role) >= 0;
  return tam_role_rank (role) < mine;
}

gboolean
tam_session_may_grant (const TamSession *actor,
                       const char *nik,
                       const char *old_role,
                       const char *old_status,
                       const char *new_role,
                       const char *new_status,
                       GError **error)
{
  if (!tam_session_require (actor, TAM_PERM_EDIT_PEOPLE, error))
    return FALSE;
  if (old_role != NULL && g_strcmp0 (actor->nik, nik) == 0)
    {
      if (g_strcmp0 (old_role, new_role) == 0 && g_strcmp0 (old_status, new_status) == 0)
        return TRUE; /* one's own name, dates… */
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                   _ ("%s: nobody changes their own role or status; ask a manager"), nik);
      return FALSE;
    }
  if (old_role != NULL && !within_reach (actor, old_role))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                   _ ("%s is a %s: only a manager changes a person of that role"),
                   nik, tam_role_label (old_role));
      return FALSE;
    }
  if (!within_reach (actor, new_role))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                   _ ("%s: only a manager gives the role %s"), nik, tam_role_label (new_role));
      return FALSE;
    }
  return TRUE;
}

/* Failed sign-ins: the first TAM_AUTH_FREE_FAILURES are free, then each
 * further guess at a NIK waits 1, 2, 4… seconds after the last failure,
 * up to TAM_AUTH_MAX_DELAY_S (issue 13: 36 guesses a second were possible). */
#define TAM_AUTH_FREE_FAILURES 3
#define TAM_AUTH_MAX_DELAY_S 300

gint64
tam_auth_sign_in_delay (gint64 failures)
{
  if (failures < TAM_AUTH_FREE_FAILURES)
    return 0;
  if (failures - TAM_AUTH_FREE_FAILURES >= 9)
    return TAM_AUTH_MAX_DELAY_S;
  return MIN ((gint64) 1 << (failures - TAM_AUTH_FREE_FAILURES), TAM_AUTH_MAX_DELAY_S);
}

/* Seconds until @nik may try again (0: now). */
static gint64
wait_left (TamStore *store,
           const char *nik)
{
  sqlite3_stmt *stmt = tam_store_prepare (store, "SELECT failures, last_failed_at FROM sign_in_failures WHERE nik = ?", NULL);
  gint64 left = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, nik, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 until = sqlite3_column_int64 (stmt, 1) + tam_auth_sign_in_delay (sqlite3_column_int64 (stmt, 0));
      left = MAX (0, until - g_get_real_time () / G_USEC_PER_SEC);
    }
  sqlite3_reset (stmt);
  return left;
}

/* Counts a failure (or clears them, @failed FALSE) and audits the failure.
 * A read-only store (check, export and reports sign in read-only) writes
 * it all the same: guesses through those commands count too. Best effort:
 * a copy that cannot be written at all (read-only media) counts nothing. */
static void
record_attempt (TamStore *store,
                const char *nik,
                gboolean failed)
{
  gboolean read_only = tam_store_is_read_only (store);
  sqlite3_stmt *stmt;

  if (tam_store_in_transaction (store))
    return;
  if (read_only && !tam_store_exec (store, "PRAGMA query_only = OFF", NULL))
    return;
  if (tam_store_begin (store, NULL))
    {
      gboolean ok;

      stmt = tam_store_prepare (store,
                                failed ? "INSERT INTO sign_in_failures (nik, failures, last_failed_at) VALUES (?1, 1, ?2)"
                                         " ON CONFLICT (nik) DO UPDATE SET failures = failures + 1, last_failed_at = ?2"
                                       : "DELETE FROM sign_in_failures WHERE nik = ?1 AND ?2 IS NOT NULL",
                                NULL);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, nik, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
          ok = sqlite3_step (stmt) == SQLITE_DONE;
          sqlite3_reset (stmt);
        }
      if (ok && failed)
        ok = tam_audit_append (store, NULL, "SIGN_IN_FAILED", "user", nik, NULL, NULL, NULL);
      if (ok)
        tam_store_commit (store, NULL);
      else
        tam_store_rollback (store);
    }
  if (read_only)
    tam_store_exec (store, "PRAGMA query_only = ON", NULL);
}

TamSession *
tam_auth_sign_in (TamStore *store,
                  const char *nik,
                  const char *password,
                  GError **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *hash = NULL;
  g_autoptr (TamSession) session = NULL;
  g_autofree char *now = NULL;
  gint64 left;

  /* Refused before the password is even looked at: a guess during the
   * wait tells nothing. */
  left = wait_left (store, nik);
  if (left > 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_AUTH,
                   g_dngettext (GETTEXT_PACKAGE, "Too many failed sign-ins for %s: try again in %d second",
                                "Too many failed sign-ins for %s: try again in %d seconds", (gulong) left),
                   nik, (int) left);
      return NULL;
    }

  stmt = tam_store_prepare (store,
                            "SELECT p.id, p.nik, p.name, p.role, p.site, p.service, u.password_hash, p.status"
                            " FROM people p JOIN users u ON u.person_id = p.id WHERE p.nik = ?",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, nik, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *status = (const char *) sqlite3_column_text (stmt, 7);
      if (g_strcmp0 (status, "ACTIVE") == 0 || g_strcmp0 (status, "TRAINING") == 0)
        {
          session = tam_session_new (sqlite3_column_int64 (stmt, 0),
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3),
                                     (const char *) sqlite3_column_text (stmt, 4),
                                     (const char *) sqlite3_column_text (stmt, 5));
          hash = tam_stmt_dup_text (stmt, 6);
        }
    }
  sqlite3_reset (stmt);

  /* One message for unknown NIK, inactive person and wrong password, so
   * the desk does not tell a stranger which NIKs exist. */
  if (session == NULL || !tam_role_is_desk_role (session->role) ||
      !tam_auth_verify_password (hash, password))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_AUTH, _ ("Unknown NIK or wrong password"));
      record_attempt (store, nik, TRUE);
      return NULL;
    }
  record_attempt (store, nik, FALSE);

  now = tam_now_string ();
  stmt = tam_store_prepare (store, "UPDATE users SET last_sign_in = ? WHERE person_id = ?", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, session->person_id);
      sqlite3_step (stmt); /* best effort: a busy database must not block sign-in */
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&session);
}

gboolean
tam_auth_set_password (TamStore *store,
                       const TamSession *actor,
                       const char *nik,
                       const char *password,
                       GError **error)
{
  g_autofree char *hash = NULL;
  g_autofree char *now = NULL;
  gint64 person_id = 0;
  g_autofree char *role = NULL;
  sqlite3_stmt *stmt;
  gboolean own_tx = !tam_store_in_transaction (store);

  if (actor == NULL)
    {
      if (tam_auth_has_users (store))
        return tam_session_require (NULL, TAM_PERM_MANAGE_USERS, error);
    }
  else if (g_strcmp0 (actor->nik, nik) != 0 &&
           !tam_session_require (actor, TAM_PERM_MANAGE_USERS, error))
    return FALSE;

  stmt = tam_store_prepare (store, "SELECT id, role FROM people WHERE nik = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, nik, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      person_id = sqlite3_column_int64 (stmt, 0);
      role = tam_stmt_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (person_id == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No person has the NIK “%s”"), nik);
      return FALSE;
    }
  if (!tam_role_is_desk_role (role))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID,
                   _ ("%s is an agent; agents do not sign in to the desk"), nik);
      return FALSE;
    }
  /* A manager sets the passwords of the roles below: one manager may not
   * take over another's account (issue 13). */
  if (actor != NULL && g_strcmp0 (actor->nik, nik) != 0 && tam_role_rank (role) >= tam_role_rank (actor->role))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_PERMISSION,
                   _ ("%s is a %s: nobody sets the password of a person of their own role or above"),
                   nik, tam_role_label (role));
      return FALSE;
    }

  hash = tam_auth_hash_password (password, error);
  if (hash == NULL)
    return FALSE;
  now = tam_now_string ();

  if (own_tx && !tam_store_begin (store, error))
    return FALSE;
  stmt = tam_store_prepare (store,
                            "INSERT INTO users (person_id, password_hash, created_at) VALUES (?, ?, ?)"
                            " ON CONFLICT (person_id) DO UPDATE SET password_hash = excluded.password_hash",
                            error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!tam_store_step_write (store, stmt, FALSE, _ ("Could not save the password"), error))
    goto fail;
  /* The audit row says that the password changed, never what it is. */
  if (!tam_audit_append (store, actor, "SET_PASSWORD", "user", nik, NULL, NULL, error))
    goto fail;
  return tam_store_commit_own (store, own_tx, error);

fail:
  return tam_store_rollback_own (store, own_tx);
}

gboolean
tam_auth_has_users (TamStore *store)
{
  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);

  /* On an error, say yes: the sign-in then reports the real problem. */
  return tam_store_query_int (store, "SELECT EXISTS (SELECT 1 FROM users)", 1, NULL) != 0;
}
