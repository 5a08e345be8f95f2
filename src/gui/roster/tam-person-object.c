#include "config.h"

#include <glib/gi18n.h>

#include "tam-codes.h"
#include "tam-person-object.h"

/* Days before a contract's end when the roster marks it. */
#define CONTRACT_WARNING_DAYS 30

struct _TamPersonObject
{
  GObject parent_instance;
  TamPerson *person;
  char *search_key;
  char *team_leader;
  gboolean contract_ending;
  TamRole role;
  TamPersonStatus status;
  int standing; /* the highest valid coaching level, -1 */
};

G_DEFINE_FINAL_TYPE (TamPersonObject, tam_person_object, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NIK,
  PROP_NAME,
  PROP_ROLE,
  PROP_SITE,
  PROP_SERVICE,
  PROP_TEAM_LEADER,
  PROP_STATUS,
  PROP_HIRED_ON,
  PROP_CONTRACT_END,
  PROP_CONTRACT_ENDING,
  PROP_STANDING,
  PROP_STANDING_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tam_person_object_finalize (GObject *object)
{
  TamPersonObject *self = TAM_PERSON_OBJECT (object);

  g_clear_pointer (&self->person, tam_person_free);
  g_free (self->search_key);
  g_free (self->team_leader);
  G_OBJECT_CLASS (tam_person_object_parent_class)->finalize (object);
}

static void
tam_person_object_get_property (GObject *object,
                                guint prop_id,
                                GValue *value,
                                GParamSpec *pspec)
{
  TamPersonObject *self = TAM_PERSON_OBJECT (object);
  const TamPerson *p = self->person;

  switch (prop_id)
    {
    case PROP_NIK:
      g_value_set_string (value, p->nik);
      break;
    case PROP_NAME:
      g_value_set_string (value, p->name);
      break;
    case PROP_ROLE:
      g_value_set_string (value, tam_role_label (p->role));
      break;
    case PROP_SITE:
      g_value_set_string (value, tam_site_label (p->site));
      break;
    case PROP_SERVICE:
      g_value_set_string (value, p->service ? tam_service_label (p->service) : "");
      break;
    case PROP_TEAM_LEADER:
      g_value_set_string (value, self->team_leader);
      break;
    case PROP_STATUS:
      g_value_set_string (value, tam_person_status_label (p->status));
      break;
    case PROP_HIRED_ON:
      g_value_set_string (value, p->hired_on);
      break;
    case PROP_CONTRACT_END:
      g_value_set_string (value, p->contract_end ? p->contract_end : "");
      break;
    case PROP_CONTRACT_ENDING:
      g_value_set_boolean (value, self->contract_ending);
      break;
    case PROP_STANDING:
      g_value_set_string (value, self->standing >= 0 ? tam_coaching_level_to_label (self->standing) : "");
      break;
    case PROP_STANDING_VALUE:
      g_value_set_int (value, self->standing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_person_object_class_init (TamPersonObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tam_person_object_finalize;
  object_class->get_property = tam_person_object_get_property;

  properties[PROP_NIK] = g_param_spec_string ("nik", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, NULL, flags);
  properties[PROP_SITE] = g_param_spec_string ("site", NULL, NULL, NULL, flags);
  properties[PROP_SERVICE] = g_param_spec_string ("service", NULL, NULL, NULL, flags);
  properties[PROP_TEAM_LEADER] = g_param_spec_string ("team-leader", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_HIRED_ON] = g_param_spec_string ("hired-on", NULL, NULL, NULL, flags);
  properties[PROP_CONTRACT_END] = g_param_spec_string ("contract-end", NULL, NULL, NULL, flags);
  properties[PROP_CONTRACT_ENDING] = g_param_spec_boolean ("contract-ending", NULL, NULL, FALSE, flags);
  properties[PROP_STANDING] = g_param_spec_string ("standing", NULL, NULL, NULL, flags);
  properties[PROP_STANDING_VALUE] = g_param_spec_int ("standing-value", NULL, NULL, -1, G_MAXINT, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tam_person_object_init (TamPersonObject *self)
{
  self->standing = -1;
}

void
tam_person_object_set_standing (TamPersonObject *self,
                                int level)
{
  g_return_if_fail (TAM_IS_PERSON_OBJECT (self));
  self->standing = level;
}

int
tam_person_object_get_standing (TamPersonObject *self)
{
  g_return_val_if_fail (TAM_IS_PERSON_OBJECT (self), -1);
  return self->standing;
}

TamPersonObject *
tam_person_object_new (TamPerson *person,
                       const char *today)
{
  TamPersonObject *self = g_object_new (TAM_TYPE_PERSON_OBJECT, NULL);
  g_autofree char *key = NULL;

  self->person = person;
  key = g_strconcat (person->name ? person->name : "", " ", person->nik ? person->nik : "", NULL);
  self->search_key = g_utf8_casefold (key, -1);
  if (person->team_leader_name != NULL)
    self->team_leader = g_strdup (person->team_leader_name);
  else
    self->team_leader = g_strdup ("");
  self->contract_ending = tam_person_contract_ending (person, today, CONTRACT_WARNING_DAYS);
  self->role = tam_role_from_code (person->role);
  self->status = tam_person_status_from_code (person->status);
  return self;
}

const TamPerson *
tam_person_object_get_person (TamPersonObject *self)
{
  g_return_val_if_fail (TAM_IS_PERSON_OBJECT (self), NULL);
  return self->person;
}

const char *
tam_person_object_get_search_key (TamPersonObject *self)
{
  g_return_val_if_fail (TAM_IS_PERSON_OBJECT (self), NULL);
  return self->search_key;
}

gboolean
tam_person_object_get_contract_ending (TamPersonObject *self)
{
  g_return_val_if_fail (TAM_IS_PERSON_OBJECT (self), FALSE);
  return self->contract_ending;
}

TamRole
tam_person_object_get_role (TamPersonObject *self)
{
  g_return_val_if_fail (TAM_IS_PERSON_OBJECT (self), -1);
  return self->role;
}

TamPersonStatus
tam_person_object_get_status (TamPersonObject *self)
{
  g_return_val_if_fail (TAM_IS_PERSON_OBJECT (self), -1);
  return self->status;
}
