#pragma once

#include "tam-store.h"

G_BEGIN_DECLS

/* Who is at the desk. Every acting core function takes one and checks it
 * (tam_session_require), so tamctl obeys the same rules as the window. */
struct _TamSession
{
  gint64 person_id;
  char *nik;
  char *name;
  char *role; /* a role code, e.g. "QCO" */
  char *site;
  char *service; /* may be NULL */
};

typedef enum
{
  TAM_PERM_VIEW,            /* read the desk: every desk role */
  TAM_PERM_EDIT_PEOPLE,     /* add / edit / deactivate people, import roster */
  TAM_PERM_EDIT_ATTENDANCE, /* F-02 realisation (a TL: own team only) */
  TAM_PERM_IMPORT_ATTENDANCE,
  TAM_PERM_EXPORT,
  TAM_PERM_TAP,    /* give VALID / RETURN verdicts */
  TAM_PERM_RECALL, /* record an agent's re-call after a RETURN */
  TAM_PERM_IMPORT_CALLS,
  TAM_PERM_EDIT_PARAMETERS, /* assessment parameters */
  TAM_PERM_SEE_CUSTOMER_NUMBER,
  TAM_PERM_PROPOSE_COACHING,
  TAM_PERM_ISSUE_COACHING,
  TAM_PERM_DRAFT_RECOVERY,
  TAM_PERM_DECIDE_RECOVERY,
  TAM_PERM_RECORD_TRAINING,
  TAM_PERM_MANAGE_USERS, /* set other people's passwords */
  TAM_PERM_BACKUP,
  TAM_PERM_IMPORT_KPI, /* KPI inputs, headcount and CT-0 targets (issue 10) */
  TAM_N_PERMS
} TamPermission;

gboolean tam_role_is_desk_role (const char *role);
gboolean tam_role_can (const char *role,
                       TamPermission perm);

TamSession *tam_session_new (gint64 person_id,
                             const char *nik,
                             const char *name,
                             const char *role,
                             const char *site,
                             const char *service);
TamSession *tam_session_copy (const TamSession *session);
void tam_session_free (TamSession *session);
gboolean tam_session_can (const TamSession *session,
                          TamPermission perm);
/* FALSE with TAM_ERROR_PERMISSION and a message naming the role when the
 * session may not do @perm. A NULL session may do nothing. */
gboolean tam_session_require (const TamSession *session,
                              TamPermission perm,
                              GError **error);

/* yescrypt via libxcrypt; the clear password is never stored or logged. */
char *tam_auth_hash_password (const char *password,
                              GError **error);
gboolean tam_auth_verify_password (const char *hash,
                                   const char *password);

TamSession *tam_auth_sign_in (TamStore *store,
                              const char *nik,
                              const char *password,
                              GError **error);
/* @actor NULL is allowed only while the database has no users yet (set-up
 * and demo data); otherwise the actor needs TAM_PERM_MANAGE_USERS or must
 * be changing their own password. */
gboolean tam_auth_set_password (TamStore *store,
                                const TamSession *actor,
                                const char *nik,
                                const char *password,
                                GError **error);

/* Whether anyone can sign in yet: FALSE on a new database, until the
 * first password is set (tamctl passwd). */
gboolean tam_auth_has_users (TamStore *store);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamSession, tam_session_free)

G_END_DECLS
