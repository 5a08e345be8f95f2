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
  /* Holidays and cuti bersama of the working-day calendar (issue 11). */
  TAM_PERM_EDIT_CALENDAR,
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

/* The ladder of roles for granting them: 3 MANAGER; 2 SUPERVISOR_OPS and
 * SUPERVISOR_QUALITY; 1 every other desk role; 0 AGENT; -1 unknown. */
int tam_role_rank (const char *role);
/* Whether @actor may give the person @nik, whose role is @old_role (NULL:
 * a new person) and status @old_status, the role @new_role and status
 * @new_status (issue 13): nobody changes their own role or status; a
 * person of a role at or above the actor's own is out of reach, and so is
 * giving such a role, except that a MANAGER manages managers and
 * supervisors. FALSE with TAM_ERROR_PERMISSION and a message naming the
 * person and the role. Checked by the person dialog, the roster import and
 * tamctl alike (tam_people_save and the import call it). */
gboolean tam_session_may_grant (const TamSession *actor,
                                const char *nik,
                                const char *old_role,
                                const char *old_status,
                                const char *new_role,
                                const char *new_status,
                                GError **error);

/* yescrypt via libxcrypt; the clear password is never stored or logged. */
char *tam_auth_hash_password (const char *password,
                              GError **error);
gboolean tam_auth_verify_password (const char *hash,
                                   const char *password);

/* Seconds a NIK waits after @failures failed sign-ins in a row. */
gint64 tam_auth_sign_in_delay (gint64 failures);
/* A failed sign-in is audited and counted per NIK; after three, the next
 * attempt waits a growing delay (refused before the password is read). */
TamSession *tam_auth_sign_in (TamStore *store,
                              const char *nik,
                              const char *password,
                              GError **error);
/* @actor NULL is allowed only while the database has no users yet (set-up
 * and demo data); otherwise the actor must be changing their own
 * password, or be a MANAGER (TAM_PERM_MANAGE_USERS) setting the password
 * of a role below theirs. */
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
