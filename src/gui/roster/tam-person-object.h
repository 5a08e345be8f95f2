#pragma once

#include <glib-object.h>

#include "tam-enums.h"
#include "tam-people.h"

G_BEGIN_DECLS

#define TAM_TYPE_PERSON_OBJECT (tam_person_object_get_type ())
G_DECLARE_FINAL_TYPE (TamPersonObject, tam_person_object, TAM, PERSON_OBJECT, GObject)

/* One roster row for list models: an immutable TamPerson with its
 * display strings as properties (for cells and sorters). */
TamPersonObject *tam_person_object_new (TamPerson *person,
                                        const char *today);
const TamPerson *tam_person_object_get_person (TamPersonObject *self);
/* Case-folded "name nik", for the search. */
const char *tam_person_object_get_search_key (TamPersonObject *self);
gboolean tam_person_object_get_contract_ending (TamPersonObject *self);
/* The person's role and status (-1 for an unknown code). */
TamRole tam_person_object_get_role (TamPersonObject *self);
TamPersonStatus tam_person_object_get_status (TamPersonObject *self);
/* The person's standing (highest coaching level issued and still valid,
 * a TamCoachingLevel; -1 for none): the "standing" column. Set before the
 * object is shown. */
void tam_person_object_set_standing (TamPersonObject *self,
                                     int level);
int tam_person_object_get_standing (TamPersonObject *self);

G_END_DECLS
