/* tam-coaching-object.c: a coaching record as a list item. */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-catalog.h"
#include "tam-coaching-object.h"

struct _TamCoachingObject
{
  GObject parent_instance;

  TamCoachingRecord *record;
  char *person;
  char *rule;
};

G_DEFINE_FINAL_TYPE (TamCoachingObject, tam_coaching_object, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PERSON,
  PROP_RULE,
  PROP_LEVEL,
  PROP_STATE,
  PROP_OCCURRED,
  PROP_VALID_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tam_coaching_object_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  TamCoachingObject *self = TAM_COACHING_OBJECT (object);
  const TamCoachingRecord *r = self->record;

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_string (value, self->person);
      break;
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    case PROP_LEVEL:
      g_value_set_string (value, tam_coaching_level_to_label (r->level));
      break;
    case PROP_STATE:
      g_value_set_string (value, tam_coaching_state_to_label (r->state));
      break;
    case PROP_OCCURRED:
      g_value_set_string (value, r->occurred_on);
      break;
    case PROP_VALID_UNTIL:
      g_value_set_string (value, r->valid_until);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_coaching_object_finalize (GObject *object)
{
  TamCoachingObject *self = TAM_COACHING_OBJECT (object);

  g_clear_pointer (&self->record, tam_coaching_record_free);
  g_free (self->person);
  g_free (self->rule);
  G_OBJECT_CLASS (tam_coaching_object_parent_class)->finalize (object);
}

static void
tam_coaching_object_class_init (TamCoachingObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "person", "rule", "level", "state", "occurred", "valid-until" };

  object_class->get_property = tam_coaching_object_get_property;
  object_class->finalize = tam_coaching_object_finalize;
  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tam_coaching_object_init (TamCoachingObject *self)
{
}

TamCoachingObject *
tam_coaching_object_new (TamCoachingRecord *record)
{
  TamCoachingObject *self = g_object_new (TAM_TYPE_COACHING_OBJECT, NULL);
  const TamCatalog *catalog = tam_catalog_get_default (NULL);
  const TamCoachingRule *rule = catalog ? tam_catalog_find (catalog, record->rule_code) : NULL;

  self->record = record;
  /* Translators: a person in the coaching list: "Name (NIK)" */
  self->person = g_strdup_printf (_ ("%s (%s)"), record->name, record->nik);
  /* The rule as the IK words it, after its code. */
  self->rule = rule ? g_strdup_printf ("%s · %s", record->rule_code, rule->text) : g_strdup (record->rule_code);
  return self;
}

const TamCoachingRecord *
tam_coaching_object_get_record (TamCoachingObject *self)
{
  g_return_val_if_fail (TAM_IS_COACHING_OBJECT (self), NULL);
  return self->record;
}
