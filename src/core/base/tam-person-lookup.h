#pragma once

#include "tam-people.h"

G_BEGIN_DECLS

/* The person of @nik (tam_people_find_nik), or NULL with an error: when
 * nobody has it, TAM_ERROR_NOT_FOUND with the desk's own message
 * @not_found, a format with one %s that gets the NIK. */
TamPerson *tam_person_lookup (TamStore *store,
                              const char *nik,
                              const char *not_found,
                              GError **error);

G_END_DECLS
