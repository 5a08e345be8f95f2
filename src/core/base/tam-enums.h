/* tam-enums.h: the states, verdicts, results, roles, statuses, services
 * and sites of TAM Desk as C enums, registered as GEnum types by
 * gnome.mkenums (tam-enum-types.h). Each value's nick is the upper-case
 * code stored in the database and used in files, so the GEnum table is
 * the one code <-> enum mapping; tam-enums.c adds the labels.
 *
 * For each enum TamX:
 *   tam_x_from_code (code)  the value of a code (exact, upper-case);
 *                           unknown or NULL codes give the fallback
 *                           named below
 *   tam_x_to_code (value)   the code, a static string (NULL for an
 *                           unknown value)
 *   tam_x_to_label (value)  the translated label ("" for an unknown value)
 *
 * The string-based tam_*_label() of tam-codes.h are wrappers over these. */
#pragma once

#include <glib-object.h>

#include "tam-enum-types.h"

G_BEGIN_DECLS

/* calls.state: the tapping state of a call. NONE for calls that are not
 * AGREE (state IS NULL) and the fallback for unknown codes. The order is
 * the Queue tab's state filter (NONE standing for "waiting"). */
typedef enum
{
  TAM_CALL_STATE_NONE,     /*< nick=NONE >*/
  TAM_CALL_STATE_PENDING,  /*< nick=PENDING >*/
  TAM_CALL_STATE_RECALLED, /*< nick=RECALLED >*/
  TAM_CALL_STATE_RETURNED, /*< nick=RETURNED >*/
  TAM_CALL_STATE_VALID,    /*< nick=VALID >*/
} TamCallState;

/* tappings.verdict. Unknown codes: -1. */
typedef enum
{
  TAM_VERDICT_VALID,  /*< nick=VALID >*/
  TAM_VERDICT_RETURN, /*< nick=RETURN >*/
} TamVerdict;

/* calls.result, the outcome of the sales call. Unknown codes: -1. */
typedef enum
{
  TAM_CALL_RESULT_AGREE,     /*< nick=AGREE >*/
  TAM_CALL_RESULT_DECLINE,   /*< nick=DECLINE >*/
  TAM_CALL_RESULT_FOLLOW_UP, /*< nick=FOLLOW_UP >*/
} TamCallResult;

/* people.role. Unknown codes: -1. */
typedef enum
{
  TAM_ROLE_AGENT,              /*< nick=AGENT >*/
  TAM_ROLE_TEAM_LEADER,        /*< nick=TEAM_LEADER >*/
  TAM_ROLE_SUPERVISOR_OPS,     /*< nick=SUPERVISOR_OPS >*/
  TAM_ROLE_SUPERVISOR_QUALITY, /*< nick=SUPERVISOR_QUALITY >*/
  TAM_ROLE_QCO,                /*< nick=QCO >*/
  TAM_ROLE_QA,                 /*< nick=QA >*/
  TAM_ROLE_TRAINER,            /*< nick=TRAINER >*/
  TAM_ROLE_QC_TIER2,           /*< nick=QC_TIER2 >*/
  TAM_ROLE_HD_SUPPORT,         /*< nick=HD_SUPPORT >*/
  TAM_ROLE_MANAGER,            /*< nick=MANAGER >*/
} TamRole;

/* people.status. Unknown codes: -1. */
typedef enum
{
  TAM_PERSON_STATUS_TRAINING,           /*< nick=TRAINING >*/
  TAM_PERSON_STATUS_ACTIVE,             /*< nick=ACTIVE >*/
  TAM_PERSON_STATUS_RESIGNED,           /*< nick=RESIGNED >*/
  TAM_PERSON_STATUS_RETURNED_TO_VENDOR, /*< nick=RETURNED_TO_VENDOR >*/
} TamPersonStatus;

/* attendance.status. Unknown codes: -1 (tam_attendance_status_parse()
 * also accepts lower case and the Indonesian words). */
typedef enum
{
  TAM_ATTENDANCE_STATUS_PRESENT,             /*< nick=PRESENT >*/
  TAM_ATTENDANCE_STATUS_LATE,                /*< nick=LATE >*/
  TAM_ATTENDANCE_STATUS_LATE_FROM_BREAK,     /*< nick=LATE_FROM_BREAK >*/
  TAM_ATTENDANCE_STATUS_ABSENT_NOTICE,       /*< nick=ABSENT_NOTICE >*/
  TAM_ATTENDANCE_STATUS_ABSENT_SHORT_NOTICE, /*< nick=ABSENT_SHORT_NOTICE >*/
  TAM_ATTENDANCE_STATUS_ABSENT_NO_NOTICE,    /*< nick=ABSENT_NO_NOTICE >*/
  TAM_ATTENDANCE_STATUS_SICK_NOTE,           /*< nick=SICK_NOTE >*/
  TAM_ATTENDANCE_STATUS_SICK_NO_NOTE,        /*< nick=SICK_NO_NOTE >*/
  TAM_ATTENDANCE_STATUS_LEAVE,               /*< nick=LEAVE >*/
  TAM_ATTENDANCE_STATUS_OFF,                 /*< nick=OFF >*/
} TamAttendanceStatus;

/* The service (layanan) of a call or a person. Unknown codes: -1. */
typedef enum
{
  TAM_SERVICE_ADDON_CONSUMER, /*< nick=ADDON_CONSUMER >*/
  TAM_SERVICE_WIFI_DIGITAL,   /*< nick=WIFI_DIGITAL >*/
  TAM_SERVICE_CT0_PRANPC,     /*< nick=CT0_PRANPC >*/
} TamService;

/* The site of a call or a person. Unknown codes: -1. */
typedef enum
{
  TAM_SITE_MEDAN,     /*< nick=MEDAN >*/
  TAM_SITE_TANGERANG, /*< nick=TANGERANG >*/
  TAM_SITE_BANDUNG,   /*< nick=BANDUNG >*/
  TAM_SITE_SEMARANG,  /*< nick=SEMARANG >*/
  TAM_SITE_MALANG,    /*< nick=MALANG >*/
  TAM_SITE_MAKASSAR,  /*< nick=MAKASSAR >*/
} TamSite;

/* coaching_records.level: the IK Pembinaan ladder, lowest to highest
 * (DOMAIN.md, "Coaching and discipline"); the order is the ladder's, so
 * levels compare with < and >. SP4 recommends returning the agent to the
 * vendor. Unknown codes: -1. */
typedef enum
{
  TAM_COACHING_LEVEL_COACHING1,  /*< nick=COACHING1 >*/
  TAM_COACHING_LEVEL_COACHING2,  /*< nick=COACHING2 >*/
  TAM_COACHING_LEVEL_KONSELING1, /*< nick=KONSELING1 >*/
  TAM_COACHING_LEVEL_KONSELING2, /*< nick=KONSELING2 >*/
  TAM_COACHING_LEVEL_BATL,       /*< nick=BATL >*/
  TAM_COACHING_LEVEL_SP1,        /*< nick=SP1 >*/
  TAM_COACHING_LEVEL_SP2,        /*< nick=SP2 >*/
  TAM_COACHING_LEVEL_SP3,        /*< nick=SP3 >*/
  TAM_COACHING_LEVEL_SP4,        /*< nick=SP4 >*/
} TamCoachingLevel;

/* coaching_records.state. Unknown codes: -1. */
typedef enum
{
  TAM_COACHING_STATE_PROPOSED,  /*< nick=PROPOSED >*/
  TAM_COACHING_STATE_ISSUED,    /*< nick=ISSUED >*/
  TAM_COACHING_STATE_DISMISSED, /*< nick=DISMISSED >*/
} TamCoachingState;

/* How a catalog rule escalates on a repeat (data/pembinaan.xml).
 * Unknown codes: -1. */
typedef enum
{
  TAM_COACHING_MODE_STEPWISE,      /*< nick=STEPWISE >*/
  TAM_COACHING_MODE_DIRECT,        /*< nick=DIRECT >*/
  TAM_COACHING_MODE_IMMEDIATE_SP4, /*< nick=IMMEDIATE_SP4 >*/
  TAM_COACHING_MODE_CONDITIONAL,   /*< nick=CONDITIONAL >*/
} TamCoachingMode;
/* The monthly KPIs (issue 10, kpi/tam-kpi.h). The codes are those of
 * recovery_plans.kpi. Unknown codes: -1. */
typedef enum
{
  TAM_KPI_QVS,        /*< nick=QVS >*/
  TAM_KPI_FIRST_PASS, /*< nick=FIRST_PASS >*/
  TAM_KPI_HEADCOUNT,  /*< nick=HEADCOUNT >*/
  TAM_KPI_ABU,        /*< nick=ABU >*/
  TAM_KPI_ADHERENCE,  /*< nick=ADHERENCE >*/
  TAM_KPI_CT0_AGREE,  /*< nick=CT0_AGREE >*/
} TamKpiKind;

/* Who a KPI row is about, from the widest to the narrowest; the codes
 * are those of recovery_plans.scope_kind (which has no NATIONAL) and of
 * `tamctl kpi --by` in lower case. A TEAM is a team leader's agents.
 * Unknown codes: -1. */
typedef enum
{
  TAM_KPI_SCOPE_NATIONAL, /*< nick=NATIONAL >*/
  TAM_KPI_SCOPE_SITE,     /*< nick=SITE >*/
  TAM_KPI_SCOPE_SERVICE,  /*< nick=SERVICE >*/
  TAM_KPI_SCOPE_TEAM,     /*< nick=TEAM >*/
  TAM_KPI_SCOPE_AGENT,    /*< nick=AGENT >*/
} TamKpiScope;

/* kpi_inputs.parameter: the five parameters of the ABU scorecard, each a
 * score 0-100 for the month. Unknown codes: -1. */
typedef enum
{
  TAM_ABU_AHT,          /*< nick=AHT >*/
  TAM_ABU_FCR,          /*< nick=FCR >*/
  TAM_ABU_CALLMON,      /*< nick=CALLMON >*/
  TAM_ABU_SALES_TARGET, /*< nick=SALES_TARGET >*/
  TAM_ABU_KUIS,         /*< nick=KUIS >*/
} TamAbuParameter;

#define TAM_N_ABU_PARAMETERS 5

/* The grade of an ABU score (bands in the settings grade_a, grade_b,
 * grade_c). Unknown codes: -1; the labels are the letters. */
typedef enum
{
  TAM_ABU_GRADE_A, /*< nick=A >*/
  TAM_ABU_GRADE_B, /*< nick=B >*/
  TAM_ABU_GRADE_C, /*< nick=C >*/
  TAM_ABU_GRADE_D, /*< nick=D >*/
} TamAbuGrade;

/* NONE has no stored code: tam_call_state_to_code() gives NULL for it. */
TamCallState tam_call_state_from_code (const char *code);
const char *tam_call_state_to_code (TamCallState state);
const char *tam_call_state_to_label (TamCallState state);
/* PENDING or RECALLED: waiting for a tapping. */
gboolean tam_call_state_is_waiting (TamCallState state);
/* The state a call waiting for a tapping is in after @verdict: VALID or
 * RETURNED. The transition tam_call_decide() stores. */
TamCallState tam_call_state_after_verdict (TamVerdict verdict);

TamVerdict tam_verdict_from_code (const char *code);
const char *tam_verdict_to_code (TamVerdict verdict);
const char *tam_verdict_to_label (TamVerdict verdict);

TamCallResult tam_call_result_from_code (const char *code);
const char *tam_call_result_to_code (TamCallResult result);
const char *tam_call_result_to_label (TamCallResult result);

TamRole tam_role_from_code (const char *code);
const char *tam_role_to_code (TamRole role);
const char *tam_role_to_label (TamRole role);

TamPersonStatus tam_person_status_from_code (const char *code);
/* ACTIVE or TRAINING: still on the floor (a deactivation ends it). */
gboolean tam_person_status_is_active (TamPersonStatus status);
const char *tam_person_status_to_code (TamPersonStatus status);
const char *tam_person_status_to_label (TamPersonStatus status);

TamAttendanceStatus tam_attendance_status_from_code (const char *code);
const char *tam_attendance_status_to_code (TamAttendanceStatus status);
const char *tam_attendance_status_to_label (TamAttendanceStatus status);

TamService tam_service_from_code (const char *code);
const char *tam_service_to_code (TamService service);
const char *tam_service_to_label (TamService service);

/* Place names are not translated. */
TamSite tam_site_from_code (const char *code);
const char *tam_site_to_code (TamSite site);
const char *tam_site_to_label (TamSite site);

TamCoachingLevel tam_coaching_level_from_code (const char *code);
const char *tam_coaching_level_to_code (TamCoachingLevel level);
const char *tam_coaching_level_to_label (TamCoachingLevel level);

TamCoachingState tam_coaching_state_from_code (const char *code);
const char *tam_coaching_state_to_code (TamCoachingState state);
const char *tam_coaching_state_to_label (TamCoachingState state);

TamCoachingMode tam_coaching_mode_from_code (const char *code);
const char *tam_coaching_mode_to_code (TamCoachingMode mode);
const char *tam_coaching_mode_to_label (TamCoachingMode mode);
TamKpiKind tam_kpi_kind_from_code (const char *code);
const char *tam_kpi_kind_to_code (TamKpiKind kind);
const char *tam_kpi_kind_to_label (TamKpiKind kind);

TamKpiScope tam_kpi_scope_from_code (const char *code);
const char *tam_kpi_scope_to_code (TamKpiScope scope);
const char *tam_kpi_scope_to_label (TamKpiScope scope);

TamAbuParameter tam_abu_parameter_from_code (const char *code);
const char *tam_abu_parameter_to_code (TamAbuParameter parameter);
const char *tam_abu_parameter_to_label (TamAbuParameter parameter);

TamAbuGrade tam_abu_grade_from_code (const char *code);
const char *tam_abu_grade_to_code (TamAbuGrade grade);
const char *tam_abu_grade_to_label (TamAbuGrade grade);

/* The kinds of training (issue 14; trainings.kind). Unknown codes: -1. */
typedef enum
{
  TAM_TRAINING_INITIAL,               /*< nick=INITIAL >*/
  TAM_TRAINING_REFRESHMENT,           /*< nick=REFRESHMENT >*/
  TAM_TRAINING_PRODUCT_SOCIALIZATION, /*< nick=PRODUCT_SOCIALIZATION >*/
} TamTrainingKind;

TamTrainingKind tam_training_kind_from_code (const char *code);
const char *tam_training_kind_to_code (TamTrainingKind kind);
const char *tam_training_kind_to_label (TamTrainingKind kind);

G_END_DECLS
