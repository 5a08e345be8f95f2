/* tam-attendance-object.c: F-02 rows and adherence rows as GObjects, with
 * their display strings as properties (for cells and sorters). */
#include "config.h"

#include <glib/gi18n.h>

#include "tam-attendance-object.h"
#include "tam-codes.h"
#include "tam-format.h"

/* TamAttendanceObject */

struct _TamAttendanceObject
{
  GObject parent_instance;
  TamAttendance *row;
};

G_DEFINE_FINAL_TYPE (TamAttendanceObject, tam_attendance_object, G_TYPE_OBJECT)

enum
{
  ROW_PROP_0,
  ROW_PROP_DATE,
  ROW_PROP_NIK,
  ROW_PROP_NAME,
  ROW_PROP_SHIFT,
  ROW_PROP_STATUS,
  ROW_PROP_CHECK_IN,
  ROW_PROP_CHECK_OUT,
  ROW_PROP_NOTE,
  ROW_N_PROPS
};

static GParamSpec *row_properties[ROW_N_PROPS];

static void
tam_attendance_object_finalize (GObject *object)
{
  TamAttendanceObject *self = TAM_ATTENDANCE_OBJECT (object);

  g_clear_pointer (&self->row, tam_attendance_free);
  G_OBJECT_CLASS (tam_attendance_object_parent_class)->finalize (object);
}

static void
tam_attendance_object_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  const TamAttendance *r = TAM_ATTENDANCE_OBJECT (object)->row;

  switch (prop_id)
    {
    case ROW_PROP_DATE:
      g_value_set_string (value, r->date);
      break;
    case ROW_PROP_NIK:
      g_value_set_string (value, r->nik);
      break;
    case ROW_PROP_NAME:
      g_value_set_string (value, r->name);
      break;
    case ROW_PROP_SHIFT:
      if (r->shift_start != NULL)
        g_value_take_string (value, g_strdup_printf ("%s–%s", r->shift_start,
                                                     r->shift_end ? r->shift_end : ""));
      else
        g_value_set_string (value, "");
      break;
    case ROW_PROP_STATUS:
      g_value_set_string (value, tam_attendance_status_label (r->status));
      break;
    case ROW_PROP_CHECK_IN:
      g_value_set_string (value, r->check_in);
      break;
    case ROW_PROP_CHECK_OUT:
      g_value_set_string (value, r->check_out);
      break;
    case ROW_PROP_NOTE:
      g_value_set_string (value, r->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_attendance_object_class_init (TamAttendanceObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tam_attendance_object_finalize;
  object_class->get_property = tam_attendance_object_get_property;

  row_properties[ROW_PROP_DATE] = g_param_spec_string ("date", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_NIK] = g_param_spec_string ("nik", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_SHIFT] = g_param_spec_string ("shift", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_CHECK_IN] = g_param_spec_string ("check-in", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_CHECK_OUT] = g_param_spec_string ("check-out", NULL, NULL, NULL, flags);
  row_properties[ROW_PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, ROW_N_PROPS, row_properties);
}

static void
tam_attendance_object_init (TamAttendanceObject *self)
{
}

TamAttendanceObject *
tam_attendance_object_new (TamAttendance *row)
{
  TamAttendanceObject *self = g_object_new (TAM_TYPE_ATTENDANCE_OBJECT, NULL);

  self->row = row;
  return self;
}

const TamAttendance *
tam_attendance_object_get_row (TamAttendanceObject *self)
{
  g_return_val_if_fail (TAM_IS_ATTENDANCE_OBJECT (self), NULL);
  return self->row;
}

/* TamAdherenceObject */

struct _TamAdherenceObject
{
  GObject parent_instance;
  TamAdherence *row;
};

G_DEFINE_FINAL_TYPE (TamAdherenceObject, tam_adherence_object, G_TYPE_OBJECT)

enum
{
  ADH_PROP_0,
  ADH_PROP_NIK,
  ADH_PROP_NAME,
  ADH_PROP_SCHEDULED,
  ADH_PROP_PRESENT,
  ADH_PROP_LATE,
  ADH_PROP_ABSENT,
  ADH_PROP_SICK,
  ADH_PROP_LEAVE,
  ADH_PROP_ADHERENCE,
  ADH_PROP_ADHERENCE_VALUE,
  ADH_N_PROPS
};

static GParamSpec *adh_properties[ADH_N_PROPS];

static void
tam_adherence_object_finalize (GObject *object)
{
  TamAdherenceObject *self = TAM_ADHERENCE_OBJECT (object);

  g_clear_pointer (&self->row, tam_adherence_free);
  G_OBJECT_CLASS (tam_adherence_object_parent_class)->finalize (object);
}

static void
tam_adherence_object_get_property (GObject *object,
                                   guint prop_id,
                                   GValue *value,
                                   GParamSpec *pspec)
{
  const TamAdherence *r = TAM_ADHERENCE_OBJECT (object)->row;

  switch (prop_id)
    {
    case ADH_PROP_NIK:
      g_value_set_string (value, r->nik);
      break;
    case ADH_PROP_NAME:
      g_value_set_string (value, r->name);
      break;
    case ADH_PROP_SCHEDULED:
      g_value_take_string (value, g_strdup_printf ("%u", r->scheduled));
      break;
    case ADH_PROP_PRESENT:
      g_value_take_string (value, g_strdup_printf ("%u", r->present));
      break;
    case ADH_PROP_LATE:
      g_value_take_string (value, g_strdup_printf ("%u", r->late));
      break;
    case ADH_PROP_ABSENT:
      g_value_take_string (value, g_strdup_printf ("%u", r->absent));
      break;
    case ADH_PROP_SICK:
      g_value_take_string (value, g_strdup_printf ("%u", r->sick));
      break;
    case ADH_PROP_LEAVE:
      g_value_take_string (value, g_strdup_printf ("%u", r->leave));
      break;
    case ADH_PROP_ADHERENCE:
      g_value_take_string (value, tam_format_percent (TAM_LANGUAGE_AUTO, r->adherence, 1));
      break;
    case ADH_PROP_ADHERENCE_VALUE:
      g_value_set_double (value, r->adherence);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tam_adherence_object_class_init (TamAdherenceObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tam_adherence_object_finalize;
  object_class->get_property = tam_adherence_object_get_property;

  adh_properties[ADH_PROP_NIK] = g_param_spec_string ("nik", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_SCHEDULED] = g_param_spec_string ("scheduled", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_PRESENT] = g_param_spec_string ("present", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_LATE] = g_param_spec_string ("late", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_ABSENT] = g_param_spec_string ("absent", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_SICK] = g_param_spec_string ("sick", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_LEAVE] = g_param_spec_string ("leave", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_ADHERENCE] = g_param_spec_string ("adherence", NULL, NULL, NULL, flags);
  adh_properties[ADH_PROP_ADHERENCE_VALUE] =
      g_param_spec_double ("adherence-value", NULL, NULL, 0.0, 100.0, 0.0, flags);
  g_object_class_install_properties (object_class, ADH_N_PROPS, adh_properties);
}

static void
tam_adherence_object_init (TamAdherenceObject *self)
{
}

TamAdherenceObject *
tam_adherence_object_new (TamAdherence *row)
{
  TamAdherenceObject *self = g_object_new (TAM_TYPE_ADHERENCE_OBJECT, NULL);

  self->row = row;
  return self;
}

const TamAdherence *
tam_adherence_object_get_row (TamAdherenceObject *self)
{
  g_return_val_if_fail (TAM_IS_ADHERENCE_OBJECT (self), NULL);
  return self->row;
}
