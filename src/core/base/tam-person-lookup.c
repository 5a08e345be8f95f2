/* tam-person-lookup.c: a person by NIK for the desks (coaching, recovery,
 * training), each naming a missing NIK in its own words. */
#include "config.h"

#include "tam-person-lookup.h"

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
