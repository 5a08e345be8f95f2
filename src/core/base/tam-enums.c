/* tam-enums.c: codes and labels of the enums of tam-enums.h.
 *
 * The code of a value is its GEnum nick (tam-enum-types.c, generated from
 * the annotations in tam-enums.h): that table is the one mapping. The
 * labels are tables indexed by value, with the texts tam-codes.c used to
 * have, so the translations in po/id.po still apply. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-enums.h"

static GEnumClass *
enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  /* Kept for the life of the process, like every static type's class. */
  if (klass == NULL)
    klass = g_type_class_ref (type);
  return klass;
}

static int
from_code (GType type,
           const char *code)
{
  GEnumValue *value;

  if (code == NULL)
    return -1;
  value = g_enum_get_value_by_nick (enum_class (type), code);
  return value != NULL ? value->value : -1;
}

static const char *
to_code (GType type,
         int value)
{
  GEnumValue *v = g_enum_get_value (enum_class (type), value);

  return v != NULL ? v->value_nick : NULL;
}

static const char *
to_label (const char *const *labels,
          guint n_labels,
          int value)
{
  if (value < 0 || (guint) value >= n_labels || labels[value] == NULL)
    return "";
  return _ (labels[value]);
}

/* Call state */

TamCallState
tam_call_state_from_code (const char *code)
{
  int value = from_code (TAM_TYPE_CALL_STATE, code);

  return value < 0 ? TAM_CALL_STATE_NONE : (TamCallState) value;
}

const char *
tam_call_state_to_code (TamCallState state)
{
  if (state == TAM_CALL_STATE_NONE)
    return NULL;
  return to_code (TAM_TYPE_CALL_STATE, state);
}

const char *
tam_call_state_to_label (TamCallState state)
{
  static const char *const labels[] = {
    [TAM_CALL_STATE_NONE] = NULL,
    [TAM_CALL_STATE_PENDING] = N_ ("Pending"),
    [TAM_CALL_STATE_RECALLED] = N_ ("Re-called"),
    [TAM_CALL_STATE_RETURNED] = N_ ("Returned"),
    [TAM_CALL_STATE_VALID] = N_ ("Valid"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), state);
}

gboolean
tam_call_state_is_waiting (TamCallState state)
{
  return state == TAM_CALL_STATE_PENDING || state == TAM_CALL_STATE_RECALLED;
}

TamCallState
tam_call_state_after_verdict (TamVerdict verdict)
{
  switch (verdict)
    {
    case TAM_VERDICT_VALID:
      return TAM_CALL_STATE_VALID;
    case TAM_VERDICT_RETURN:
      return TAM_CALL_STATE_RETURNED;
    default:
      return TAM_CALL_STATE_NONE;
    }
}

/* Verdict */

TamVerdict
tam_verdict_from_code (const char *code)
{
  return (TamVerdict) from_code (TAM_TYPE_VERDICT, code);
}

const char *
tam_verdict_to_code (TamVerdict verdict)
{
  return to_code (TAM_TYPE_VERDICT, verdict);
}

const char *
tam_verdict_to_label (TamVerdict verdict)
{
  static const char *const labels[] = {
    [TAM_VERDICT_VALID] = N_ ("Valid"),
    [TAM_VERDICT_RETURN] = N_ ("Returned"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), verdict);
}

/* Call result */

TamCallResult
tam_call_result_from_code (const char *code)
{
  return (TamCallResult) from_code (TAM_TYPE_CALL_RESULT, code);
}

const char *
tam_call_result_to_code (TamCallResult result)
{
  return to_code (TAM_TYPE_CALL_RESULT, result);
}

const char *
tam_call_result_to_label (TamCallResult result)
{
  static const char *const labels[] = {
    /* Translators: the result of a sales call: the customer agreed */
    [TAM_CALL_RESULT_AGREE] = N_ ("Agree"),
    /* Translators: the result of a sales call: the customer declined */
    [TAM_CALL_RESULT_DECLINE] = N_ ("Decline"),
    /* Translators: the result of a sales call: to be called again */
    [TAM_CALL_RESULT_FOLLOW_UP] = N_ ("Follow-up"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), result);
}

/* Role */

TamRole
tam_role_from_code (const char *code)
{
  return (TamRole) from_code (TAM_TYPE_ROLE, code);
}

const char *
tam_role_to_code (TamRole role)
{
  return to_code (TAM_TYPE_ROLE, role);
}

const char *
tam_role_to_label (TamRole role)
{
  static const char *const labels[] = {
    [TAM_ROLE_AGENT] = N_ ("Agent"),
    [TAM_ROLE_TEAM_LEADER] = N_ ("Team leader"),
    [TAM_ROLE_SUPERVISOR_OPS] = N_ ("Supervisor operational"),
    [TAM_ROLE_SUPERVISOR_QUALITY] = N_ ("Supervisor quality"),
    [TAM_ROLE_QCO] = N_ ("Quality control officer"),
    [TAM_ROLE_QA] = N_ ("Quality assurance"),
    [TAM_ROLE_TRAINER] = N_ ("Trainer"),
    [TAM_ROLE_QC_TIER2] = N_ ("QC tier 2"),
    [TAM_ROLE_HD_SUPPORT] = N_ ("HD support"),
    [TAM_ROLE_MANAGER] = N_ ("Manager"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), role);
}

/* Person status */

TamPersonStatus
tam_person_status_from_code (const char *code)
{
  return (TamPersonStatus) from_code (TAM_TYPE_PERSON_STATUS, code);
}

const char *
tam_person_status_to_code (TamPersonStatus status)
{
  return to_code (TAM_TYPE_PERSON_STATUS, status);
}

gboolean
tam_person_status_is_active (TamPersonStatus status)
{
  return status == TAM_PERSON_STATUS_ACTIVE || status == TAM_PERSON_STATUS_TRAINING;
}

const char *
tam_person_status_to_label (TamPersonStatus status)
{
  static const char *const labels[] = {
    [TAM_PERSON_STATUS_TRAINING] = N_ ("In training"),
    [TAM_PERSON_STATUS_ACTIVE] = N_ ("Active"),
    [TAM_PERSON_STATUS_RESIGNED] = N_ ("Resigned"),
    [TAM_PERSON_STATUS_RETURNED_TO_VENDOR] = N_ ("Returned to vendor"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), status);
}

/* Attendance status */

TamAttendanceStatus
tam_attendance_status_from_code (const char *code)
{
  return (TamAttendanceStatus) from_code (TAM_TYPE_ATTENDANCE_STATUS, code);
}

const char *
tam_attendance_status_to_code (TamAttendanceStatus status)
{
  return to_code (TAM_TYPE_ATTENDANCE_STATUS, status);
}

const char *
tam_attendance_status_to_label (TamAttendanceStatus status)
{
  static const char *const labels[] = {
    [TAM_ATTENDANCE_STATUS_PRESENT] = N_ ("Present"),
    [TAM_ATTENDANCE_STATUS_LATE] = N_ ("Late"),
    [TAM_ATTENDANCE_STATUS_LATE_FROM_BREAK] = N_ ("Late from break"),
    [TAM_ATTENDANCE_STATUS_ABSENT_NOTICE] = N_ ("Absent, notified"),
    [TAM_ATTENDANCE_STATUS_ABSENT_SHORT_NOTICE] = N_ ("Absent, short notice"),
    [TAM_ATTENDANCE_STATUS_ABSENT_NO_NOTICE] = N_ ("Absent without notice (ALPA)"),
    [TAM_ATTENDANCE_STATUS_SICK_NOTE] = N_ ("Sick with doctor's note"),
    [TAM_ATTENDANCE_STATUS_SICK_NO_NOTE] = N_ ("Sick without note"),
    [TAM_ATTENDANCE_STATUS_LEAVE] = N_ ("Leave"),
    [TAM_ATTENDANCE_STATUS_OFF] = N_ ("Off"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), status);
}

/* Service */

TamService
tam_service_from_code (const char *code)
{
  return (TamService) from_code (TAM_TYPE_SERVICE, code);
}

const char *
tam_service_to_code (TamService service)
{
  return to_code (TAM_TYPE_SERVICE, service);
}

const char *
tam_service_to_label (TamService service)
{
  static const char *const labels[] = {
    [TAM_SERVICE_ADDON_CONSUMER] = N_ ("Add On Consumer"),
    [TAM_SERVICE_WIFI_DIGITAL] = N_ ("WiFi & Add On Digital"),
    [TAM_SERVICE_CT0_PRANPC] = N_ ("CT-0 PraNPC"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), service);
}

/* Site */

TamSite
tam_site_from_code (const char *code)
{
  return (TamSite) from_code (TAM_TYPE_SITE, code);
}

const char *
tam_site_to_code (TamSite site)
{
  return to_code (TAM_TYPE_SITE, site);
}

const char *
tam_site_to_label (TamSite site)
{
  /* Place names are not translated. */
  static const char *const labels[] = {
    [TAM_SITE_MEDAN] = "Medan",
    [TAM_SITE_TANGERANG] = "Tangerang",
    [TAM_SITE_BANDUNG] = "Bandung",
    [TAM_SITE_SEMARANG] = "Semarang",
    [TAM_SITE_MALANG] = "Malang",
    [TAM_SITE_MAKASSAR] = "Makassar",
  };

  if ((int) site < 0 || (guint) site >= G_N_ELEMENTS (labels))
    return "";
  return labels[site];
}

/* Coaching level */

TamCoachingLevel
tam_coaching_level_from_code (const char *code)
{
  return (TamCoachingLevel) from_code (TAM_TYPE_COACHING_LEVEL, code);
}

const char *
tam_coaching_level_to_code (TamCoachingLevel level)
{
  return to_code (TAM_TYPE_COACHING_LEVEL, level);
}

const char *
tam_coaching_level_to_label (TamCoachingLevel level)
{
  static const char *const labels[] = {
    [TAM_COACHING_LEVEL_COACHING1] = N_ ("Coaching 1"),
    [TAM_COACHING_LEVEL_COACHING2] = N_ ("Coaching 2"),
    [TAM_COACHING_LEVEL_KONSELING1] = N_ ("Counselling 1"),
    [TAM_COACHING_LEVEL_KONSELING2] = N_ ("Counselling 2"),
    [TAM_COACHING_LEVEL_BATL] = N_ ("Verbal warning (BATL)"),
    [TAM_COACHING_LEVEL_SP1] = N_ ("Warning letter 1 (SP1)"),
    [TAM_COACHING_LEVEL_SP2] = N_ ("Warning letter 2 (SP2)"),
    [TAM_COACHING_LEVEL_SP3] = N_ ("Warning letter 3 (SP3)"),
    [TAM_COACHING_LEVEL_SP4] = N_ ("Return to vendor (SP4)"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), level);
}

/* Coaching record state */

TamCoachingState
tam_coaching_state_from_code (const char *code)
{
  return (TamCoachingState) from_code (TAM_TYPE_COACHING_STATE, code);
}

const char *
tam_coaching_state_to_code (TamCoachingState state)
{
  return to_code (TAM_TYPE_COACHING_STATE, state);
}

const char *
tam_coaching_state_to_label (TamCoachingState state)
{
  static const char *const labels[] = {
    [TAM_COACHING_STATE_PROPOSED] = N_ ("Proposed"),
    [TAM_COACHING_STATE_ISSUED] = N_ ("Issued"),
    [TAM_COACHING_STATE_DISMISSED] = N_ ("Dismissed"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), state);
}

/* Escalation mode */

TamCoachingMode
tam_coaching_mode_from_code (const char *code)
{
  return (TamCoachingMode) from_code (TAM_TYPE_COACHING_MODE, code);
}

const char *
tam_coaching_mode_to_code (TamCoachingMode mode)
{
  return to_code (TAM_TYPE_COACHING_MODE, mode);
}

const char *
tam_coaching_mode_to_label (TamCoachingMode mode)
{
  static const char *const labels[] = {
    [TAM_COACHING_MODE_STEPWISE] = N_ ("Stepwise"),
    [TAM_COACHING_MODE_DIRECT] = N_ ("Repeat goes to SP4"),
    [TAM_COACHING_MODE_IMMEDIATE_SP4] = N_ ("SP4 at once"),
    [TAM_COACHING_MODE_CONDITIONAL] = N_ ("Conditional: the supervisor decides"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), mode);
}

/* KPI kind */

TamKpiKind
tam_kpi_kind_from_code (const char *code)
{
  return (TamKpiKind) from_code (TAM_TYPE_KPI_KIND, code);
}

const char *
tam_kpi_kind_to_code (TamKpiKind kind)
{
  return to_code (TAM_TYPE_KPI_KIND, kind);
}

const char *
tam_kpi_kind_to_label (TamKpiKind kind)
{
  static const char *const labels[] = {
    [TAM_KPI_QVS] = N_ ("Quality Validation Score"),
    [TAM_KPI_FIRST_PASS] = N_ ("First-pass valid"),
    [TAM_KPI_HEADCOUNT] = N_ ("Headcount fulfilment"),
    [TAM_KPI_ABU] = N_ ("ABU score"),
    [TAM_KPI_ADHERENCE] = N_ ("Roster adherence"),
    [TAM_KPI_CT0_AGREE] = N_ ("CT-0 AGREE achievement"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), kind);
}

/* KPI scope */

TamKpiScope
tam_kpi_scope_from_code (const char *code)
{
  return (TamKpiScope) from_code (TAM_TYPE_KPI_SCOPE, code);
}

const char *
tam_kpi_scope_to_code (TamKpiScope scope)
{
  return to_code (TAM_TYPE_KPI_SCOPE, scope);
}

const char *
tam_kpi_scope_to_label (TamKpiScope scope)
{
  static const char *const labels[] = {
    /* Translators: the whole operation, every site */
    [TAM_KPI_SCOPE_NATIONAL] = N_ ("National"),
    [TAM_KPI_SCOPE_SITE] = N_ ("Site"),
    [TAM_KPI_SCOPE_SERVICE] = N_ ("Service"),
    [TAM_KPI_SCOPE_TEAM] = N_ ("Team"),
    [TAM_KPI_SCOPE_AGENT] = N_ ("Agent"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), scope);
}

/* ABU parameter */

TamAbuParameter
tam_abu_parameter_from_code (const char *code)
{
  return (TamAbuParameter) from_code (TAM_TYPE_ABU_PARAMETER, code);
}

const char *
tam_abu_parameter_to_code (TamAbuParameter parameter)
{
  return to_code (TAM_TYPE_ABU_PARAMETER, parameter);
}

const char *
tam_abu_parameter_to_label (TamAbuParameter parameter)
{
  static const char *const labels[] = {
    [TAM_ABU_AHT] = N_ ("Average handling time"),
    [TAM_ABU_FCR] = N_ ("First call resolution"),
    [TAM_ABU_CALLMON] = N_ ("Call monitoring"),
    [TAM_ABU_SALES_TARGET] = N_ ("Sales target"),
    /* Translators: the quiz score of the ABU scorecard */
    [TAM_ABU_KUIS] = N_ ("Quiz"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), parameter);
}

/* ABU grade: the letters are not translated. */

TamAbuGrade
tam_abu_grade_from_code (const char *code)
{
  return (TamAbuGrade) from_code (TAM_TYPE_ABU_GRADE, code);
}

const char *
tam_abu_grade_to_code (TamAbuGrade grade)
{
  return to_code (TAM_TYPE_ABU_GRADE, grade);
}

const char *
tam_abu_grade_to_label (TamAbuGrade grade)
{
  const char *code = to_code (TAM_TYPE_ABU_GRADE, grade);

  return code != NULL ? code : "";
}

/* Training kinds (issue 14). */

TamTrainingKind
tam_training_kind_from_code (const char *code)
{
  return (TamTrainingKind) from_code (TAM_TYPE_TRAINING_KIND, code);
}

const char *
tam_training_kind_to_code (TamTrainingKind kind)
{
  return to_code (TAM_TYPE_TRAINING_KIND, kind);
}

const char *
tam_training_kind_to_label (TamTrainingKind kind)
{
  static const char *const labels[] = {
    [TAM_TRAINING_INITIAL] = N_ ("Initial training"),
    [TAM_TRAINING_REFRESHMENT] = N_ ("Refresher"),
    [TAM_TRAINING_PRODUCT_SOCIALIZATION] = N_ ("Product socialization"),
  };
  return to_label (labels, G_N_ELEMENTS (labels), kind);
}
