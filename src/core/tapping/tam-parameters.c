/* tam-parameters.c: the assessment parameters (the checklist of a
 * tapping), per service, edited by a Supervisor Quality. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-codes.h"
#include "tam-tapping-private.h"
#include "tam-tapping.h"

/* The built-in parameters' texts, as migration 1 wrote them (English):
 * listed here so that they reach po/ and the Indonesian catalogue; the
 * queries show them through tam_tr () (tam-store.c). A text a supervisor
 * wrote stays as written. */
G_GNUC_UNUSED static const char *const builtin_texts[] = {
  N_ ("Greeting, self-introduction and masking number"),
  N_ ("Customer identity and IndiHome number verified"),
  N_ ("Product, price and billing period explained clearly"),
  N_ ("Explicit customer consent (says yes / setuju)"),
  N_ ("Order data captured correctly in MyCX"),
  N_ ("Closing and thanks"),
  N_ ("WiFi / digital add-on, price and terms explained"),
  N_ ("Order data and installation address captured correctly"),
  N_ ("Customer identity verified"),
  N_ ("Outstanding bill and due date explained"),
  N_ ("Negotiation steps followed as directed by Telkom"),
  N_ ("Explicit commitment to pay / stay subscribed"),
};

TamParameter *
tam_parameter_new (void)
{
  TamParameter *p = g_new0 (TamParameter, 1);

  p->active = TRUE;
  return p;
}

TamParameter *
tam_parameter_copy (const TamParameter *parameter)
{
  TamParameter *p;

  g_return_val_if_fail (parameter != NULL, NULL);

  p = g_new0 (TamParameter, 1);
  p->id = parameter->id;
  p->service = g_strdup (parameter->service);
  p->code = g_strdup (parameter->code);
  p->text = g_strdup (parameter->text);
  p->critical = parameter->critical;
  p->active = parameter->active;
  p->position = parameter->position;
  return p;
}

void
tam_parameter_free (TamParameter *parameter)
{
  if (parameter == NULL)
    return;
  g_free (parameter->service);
  g_free (parameter->code);
  g_free (parameter->text);
  g_free (parameter);
}

/* ------------------------------------------------------------------ */
/* Parameters */

static gpointer
parameter_from_row (sqlite3_stmt *stmt,
                    gpointer user_data G_GNUC_UNUSED)
{
  TamParameter *p = g_new0 (TamParameter, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->service = tam_stmt_dup_text (stmt, 1);
  p->code = tam_stmt_dup_text (stmt, 2);
  p->text = tam_stmt_dup_text (stmt, 3);
  p->critical = sqlite3_column_int (stmt, 4) != 0;
  p->active = sqlite3_column_int (stmt, 5) != 0;
  p->position = sqlite3_column_int (stmt, 6);
  return p;
}

GPtrArray *
tam_parameters_list (TamStore *store,
                     const char *service,
                     gboolean include_inactive,
                     GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (TAM_IS_STORE (store), NULL);

  stmt = tam_store_prepare (store,
                            "SELECT id, service, code, tam_tr (text), critical, active, position FROM assessment_parameters"
                            " WHERE (?1 IS NULL OR service = ?1) AND (?2 OR active = 1)"
                            " ORDER BY service, position, code",
                            error);
  if (stmt == NULL)
    return NULL;
  tam_stmt_bind_text_or_null (stmt, 1, service);
  sqlite3_bind_int (stmt, 2, include_inactive ? 1 : 0);
  return tam_store_collect (store, stmt, parameter_from_row, NULL, (GDestroyNotify) tam_parameter_free,
                            _ ("Could not read the assessment parameters"), error);
}

static char *
parameter_json (TamStore *store,
                gint64 id)
{
  return tam_store_query_text_by_id (store,
                                     "SELECT json_object ('service', service, 'code', code, 'text', text,"
                                     " 'critical', critical, 'active', active, 'position', position)"
                                     " FROM assessment_parameters WHERE id = ?",
                                     id);
}

static gboolean
valid_code (const char *code)
{
  if (code == NULL || *code == '\0')
    return FALSE;
  for (const char *s = code; *s; s++)
    if (!(g_ascii_isupper (*s) || g_ascii_isdigit (*s) || *s == '_'))
      return FALSE;
  return TRUE;
}

gboolean
tam_parameter_save (TamStore *store,
                    const TamSession *session,
                    TamParameter *parameter,
                    GError **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *entity_id = NULL;
  sqlite3_stmt *stmt;
  gboolean own_tx;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (parameter != NULL, FALSE);

  if (!tam_session_require (session, TAM_PERM_EDIT_PARAMETERS, error))
    return FALSE;
  if (!tam_code_is_valid (tam_services (), parameter->service))
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _ ("“%s” is not a service"),
                   parameter->service ? parameter->service : "");
      return FALSE;
    }
  if (!valid_code (parameter->code))
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A parameter code is upper-case letters, digits and “_”"));
      return FALSE;
    }
  text = g_strstrip (g_strdup (parameter->text ? parameter->text : ""));
  if (*text == '\0')
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _ ("A parameter needs a text"));
      return FALSE;
    }

  own_tx = !tam_store_in_transaction (store);
  if (own_tx && !tam_store_begin (store, error))
    return FALSE;

  if (parameter->id != 0)
    {
      /* Service and code name what past tappings failed: they stay. */
      stmt = tam_store_prepare (store,
                                "SELECT service, code FROM assessment_parameters WHERE id = ?", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, parameter->id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error_literal (error, TAM_ERROR, TAM_ERROR_NOT_FOUND, _ ("No such parameter"));
          goto fail;
        }
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), parameter->service) != 0 ||
          g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), parameter->code) != 0)
        {
          sqlite3_reset (stmt);
          g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                               _ ("The service and code of a parameter cannot change; deactivate it and add a new one"));
          goto fail;
        }
      sqlite3_reset (stmt);
      before = parameter_json (store, parameter->id);
      stmt = tam_store_prepare (store,
                                "UPDATE assessment_parameters SET text = ?1, critical = ?2, active = ?3, position = ?4"
                                " WHERE id = ?5",
                                error);
    }
  else
    stmt = tam_store_prepare (store,
                              "INSERT INTO assessment_parameters (text, critical, active, position, service, code)"
                              " VALUES (?1, ?2, ?3, ?4, ?6, ?7)",
                              error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, parameter->critical ? 1 : 0);
  sqlite3_bind_int (stmt, 3, parameter->active ? 1 : 0);
  sqlite3_bind_int (stmt, 4, parameter->position);
  if (parameter->id != 0)
    sqlite3_bind_int64 (stmt, 5, parameter->id);
  else
    {
      sqlite3_bind_text (stmt, 6, parameter->service, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, parameter->code, -1, SQLITE_TRANSIENT);
    }
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      if ((sqlite3_extended_errcode (tam_store_get_db (store)) & 0xff) == SQLITE_CONSTRAINT)
        g_set_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE,
                     _ ("The service %s already has a parameter %s"),
                     parameter->service, parameter->code);
      else
        tam_store_set_error (store, error, _ ("Could not save the parameter"));
      sqlite3_reset (stmt);
      goto fail;
    }
  sqlite3_reset (stmt);
  if (parameter->id == 0)
    parameter->id = sqlite3_last_insert_rowid (tam_store_get_db (store));

  after = parameter_json (store, parameter->id);
  entity_id = g_strdup_printf ("%s/%s", parameter->service, parameter->code);
  if (g_strcmp0 (before, after) != 0 &&
      !tam_audit_append (store, session, before ? "UPDATE" : "INSERT", "assessment_parameter",
                         entity_id, before, after, error))
    goto fail;
  if (!tam_store_commit_own (store, own_tx, error))
    return FALSE;
  g_free (parameter->text);
  parameter->text = g_steal_pointer (&text);
  return TRUE;

fail:
  return tam_store_rollback_own (store, own_tx);
}
