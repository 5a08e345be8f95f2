#pragma once

#include "tam-auth.h"

G_BEGIN_DECLS

struct _TamPerson
{
  gint64 id; /* 0 for a new person */
  char *nik;
  char *name;
  char *role; /* codes, see tam-codes.h */
  char *site;
  char *service;         /* NULL when none */
  gint64 team_leader_id; /* 0 when none */
  char *team_leader_nik; /* filled by the list/get functions */
  char *team_leader_name;
  char *status;
  char *hired_on;     /* YYYY-MM-DD */
  char *contract_end; /* YYYY-MM-DD or NULL */
};

TamPerson *tam_person_new (void);
TamPerson *tam_person_copy (const TamPerson *person);
void tam_person_free (TamPerson *person);
/* TRUE when the contract ends within @days days from @today (YYYY-MM-DD). */
gboolean tam_person_contract_ending (const TamPerson *person,
                                     const char *today,
                                     int days);

/* How many people the roster holds (any status); -1 on an error. */
gint64 tam_people_count (TamStore *store,
                         GError **error);
/* Every person, ordered by name; a GPtrArray of TamPerson. */
GPtrArray *tam_people_list (TamStore *store,
                            GError **error);
TamPerson *tam_people_get (TamStore *store,
                           gint64 id,
                           GError **error);
TamPerson *tam_people_find_nik (TamStore *store,
                                const char *nik,
                                GError **error);
/* The person of @nik (tam_people_find_nik), or NULL with an error: when
 * nobody has it, TAM_ERROR_NOT_FOUND with the desk's own message
 * @not_found, a format with one %s that gets the NIK (coaching, recovery
 * and training each name a missing NIK in their own words). */
TamPerson *tam_person_lookup (TamStore *store,
                              const char *nik,
                              const char *not_found,
                              GError **error);

/* Checks every field. On failure @field (if not NULL) gets the name of the
 * offending field ("nik", "name", "role", "site", "service", "team_leader",
 * "status", "hired_on", "contract_end") and @error a message for it. */
gboolean tam_people_validate (TamStore *store,
                              const TamPerson *person,
                              char **field,
                              GError **error);
/* Inserts (id 0) or updates; validated, permission-checked, audited.
 * Sets person->id on insert. */
gboolean tam_people_save (TamStore *store,
                          const TamSession *actor,
                          TamPerson *person,
                          char **field,
                          GError **error);
/* Sets status RESIGNED or RETURNED_TO_VENDOR (people are never deleted). */
gboolean tam_people_deactivate (TamStore *store,
                                const TamSession *actor,
                                gint64 id,
                                const char *status,
                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamPerson, tam_person_free)

G_END_DECLS
