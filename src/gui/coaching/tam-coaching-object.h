#pragma once

#include <glib-object.h>

#include "tam-coaching.h"

G_BEGIN_DECLS

#define TAM_TYPE_COACHING_OBJECT (tam_coaching_object_get_type ())
G_DECLARE_FINAL_TYPE (TamCoachingObject, tam_coaching_object, TAM, COACHING_OBJECT, GObject)

/* One coaching record for list models: it takes @record over and shows
 * its display strings as properties ("person", "rule", "level", "state",
 * "occurred", "valid-until") for cells and sorters. */
TamCoachingObject *tam_coaching_object_new (TamCoachingRecord *record);
const TamCoachingRecord *tam_coaching_object_get_record (TamCoachingObject *self);

G_END_DECLS
