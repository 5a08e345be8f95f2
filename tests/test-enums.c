/* The enums of tam-enums.h: every code of tam-codes.c's lists maps to a
 * value and back, the GEnum types carry the codes as nicks, labels, and
 * the fallbacks for unknown codes. */
#include "config.h"

#include <string.h>

#include "tam-codes.h"
#include "tam-enums.h"
#include "tam-tapping.h"

typedef int (*FromCode) (const char *code);
typedef const char *(*ToCode) (int value);
typedef const char *(*ToLabel) (int value);
typedef const char *(*CodeLabel) (const char *code);

typedef struct
{
  const char *name;
  GType (*get_type) (void);
  const char *const *(*codes) (void); /* NULL: no list in tam-codes.c */
  FromCode from_code;
  ToCode to_code;
  ToLabel to_label;
  CodeLabel code_label; /* NULL: no string-based label */
  int first;            /* the first value with a code */
} EnumInfo;

#define INFO(n, type, list, first_value, legacy)                                \
  {                                                                             \
#n, type, list, (FromCode) tam_##n##_from_code, (ToCode) tam_##n##_to_code, \
        (ToLabel) tam_##n##_to_label, legacy, first_value                       \
  }

static const EnumInfo enums[] = {
  INFO (call_state, tam_call_state_get_type, NULL, TAM_CALL_STATE_PENDING, NULL),
  INFO (verdict, tam_verdict_get_type, NULL, 0, NULL),
  INFO (call_result, tam_call_result_get_type, NULL, 0, NULL),
  INFO (role, tam_role_get_type, tam_roles, 0, tam_role_label),
  INFO (person_status, tam_person_status_get_type, tam_person_statuses, 0, tam_person_status_label),
  INFO (attendance_status, tam_attendance_status_get_type, tam_attendance_statuses, 0, tam_attendance_status_label),
  INFO (service, tam_service_get_type, tam_services, 0, tam_service_label),
  INFO (site, tam_site_get_type, tam_sites, 0, tam_site_label),
  INFO (coaching_level, tam_coaching_level_get_type, NULL, 0, NULL),
  INFO (coaching_state, tam_coaching_state_get_type, NULL, 0, NULL),
  INFO (coaching_mode, tam_coaching_mode_get_type, NULL, 0, NULL),
  INFO (kpi_kind, tam_kpi_kind_get_type, NULL, 0, NULL),
  INFO (kpi_scope, tam_kpi_scope_get_type, NULL, 0, NULL),
  INFO (abu_parameter, tam_abu_parameter_get_type, NULL, 0, NULL),
  INFO (abu_grade, tam_abu_grade_get_type, NULL, 0, NULL),
};

/* The codes written down in the tests, as the database stores them:
 * tam-codes.c's lists (before the enums) and the tapping codes. */
static const char *const expected_codes[][11] = {
  { "PENDING", "RECALLED", "RETURNED", "VALID", NULL },
  { "VALID", "RETURN", NULL },
  { "AGREE", "DECLINE", "FOLLOW_UP", NULL },
  { "AGENT", "TEAM_LEADER", "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "QCO", "QA",
    "TRAINER", "QC_TIER2", "HD_SUPPORT", "MANAGER", NULL },
  { "TRAINING", "ACTIVE", "RESIGNED", "RETURNED_TO_VENDOR", NULL },
  { "PRESENT", "LATE", "LATE_FROM_BREAK", "ABSENT_NOTICE", "ABSENT_SHORT_NOTICE",
    "ABSENT_NO_NOTICE", "SICK_NOTE", "SICK_NO_NOTE", "LEAVE", "OFF", NULL },
  { "ADDON_CONSUMER", "WIFI_DIGITAL", "CT0_PRANPC", NULL },
  { "MEDAN", "TANGERANG", "BANDUNG", "SEMARANG", "MALANG", "MAKASSAR", NULL },
  /* coaching_records (migration_coaching) and data/pembinaan.xml */
  { "COACHING1", "COACHING2", "KONSELING1", "KONSELING2", "BATL", "SP1", "SP2", "SP3", "SP4", NULL },
  { "PROPOSED", "ISSUED", "DISMISSED", NULL },
  { "STEPWISE", "DIRECT", "IMMEDIATE_SP4", "CONDITIONAL", NULL },
  { "QVS", "FIRST_PASS", "HEADCOUNT", "ABU", "ADHERENCE", "CT0_AGREE", NULL },
  { "NATIONAL", "SITE", "SERVICE", "TEAM", "AGENT", NULL },
  { "AHT", "FCR", "CALLMON", "SALES_TARGET", "KUIS", NULL },
  { "A", "B", "C", "D", NULL },
};

static void
test_round_trip (void)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (enums) == G_N_ELEMENTS (expected_codes));

  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      const EnumInfo *info = &enums[e];
      guint n = 0;

      g_test_message ("%s", info->name);
      for (guint i = 0; expected_codes[e][i] != NULL; i++, n++)
        {
          const char *code = expected_codes[e][i];
          int value = info->from_code (code);

          g_assert_cmpint (value, ==, info->first + (int) i);
          g_assert_cmpstr (info->to_code (value), ==, code);
        }
      /* The lists of tam-codes.c are the same codes in the same order. */
      if (info->codes != NULL)
        {
          const char *const *codes = info->codes ();

          g_assert_cmpuint (g_strv_length ((char **) codes), ==, n);
          for (guint i = 0; codes[i] != NULL; i++)
            {
              g_assert_cmpstr (codes[i], ==, expected_codes[e][i]);
              g_assert_true (tam_code_is_valid (codes, codes[i]));
              g_assert_cmpint (info->from_code (codes[i]), ==, (int) i);
            }
          /* The same list every time. */
          g_assert_true (info->codes () == codes);
        }
    }
}

static void
test_types (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      const EnumInfo *info = &enums[e];
      GType type = info->get_type ();
      g_autoptr (GTypeClass) klass = NULL;
      GEnumClass *enum_class;

      g_test_message ("%s", info->name);
      g_assert_true (G_TYPE_IS_ENUM (type));
      g_assert_true (type == g_type_from_name (g_type_name (type)));
      klass = g_type_class_ref (type);
      enum_class = G_ENUM_CLASS (klass);
      for (guint i = 0; expected_codes[e][i] != NULL; i++)
        {
          const char *code = expected_codes[e][i];
          GEnumValue *v = g_enum_get_value_by_nick (enum_class, code);

          g_assert_nonnull (v);
          g_assert_cmpint (v->value, ==, info->first + (int) i);
          g_assert_cmpstr (v->value_nick, ==, code);
        }
      g_assert_cmpuint (enum_class->n_values, ==,
                        g_strv_length ((char **) expected_codes[e]) + (guint) info->first);
    }
  g_assert_cmpstr (g_type_name (TAM_TYPE_CALL_STATE), ==, "TamCallState");
  g_assert_cmpstr (g_type_name (TAM_TYPE_ATTENDANCE_STATUS), ==, "TamAttendanceStatus");
}

static void
test_labels (void)
{
  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      const EnumInfo *info = &enums[e];

      g_test_message ("%s", info->name);
      for (guint i = 0; expected_codes[e][i] != NULL; i++)
        {
          const char *code = expected_codes[e][i];
          const char *label = info->to_label (info->from_code (code));

          g_assert_nonnull (label);
          g_assert_cmpuint (strlen (label), >, 0);
          /* The string-based labels of tam-codes.c give the same. */
          if (info->code_label != NULL)
            g_assert_cmpstr (info->code_label (code), ==, label);
        }
      /* An unknown value has an empty label, not a crash. */
      g_assert_cmpstr (info->to_label (-1), ==, "");
      g_assert_cmpstr (info->to_label (1000), ==, "");
    }
  g_assert_cmpstr (tam_call_state_to_label (TAM_CALL_STATE_RECALLED), ==, "Re-called");
  g_assert_cmpstr (tam_role_to_label (TAM_ROLE_TEAM_LEADER), ==, "Team leader");
  g_assert_cmpstr (tam_site_to_label (TAM_SITE_MAKASSAR), ==, "Makassar");
  g_assert_cmpstr (tam_call_state_to_label (TAM_CALL_STATE_NONE), ==, "");
}

static void
test_unknown (void)
{
  static const char *const unknown[] = { "", "valid", "NOPE", "NONE_AT_ALL", NULL };

  for (guint e = 0; e < G_N_ELEMENTS (enums); e++)
    {
      const EnumInfo *info = &enums[e];
      /* Call states fall back to NONE, every other enum to -1. */
      int fallback = info->first == 0 ? -1 : TAM_CALL_STATE_NONE;

      g_test_message ("%s", info->name);
      g_assert_cmpint (info->from_code (NULL), ==, fallback);
      for (guint i = 0; unknown[i] != NULL; i++)
        g_assert_cmpint (info->from_code (unknown[i]), ==, fallback);
      g_assert_null (info->to_code (-1));
      g_assert_null (info->to_code (1000));
      /* The string-based labels show an unknown code as it is. */
      if (info->code_label != NULL)
        {
          g_assert_cmpstr (info->code_label ("NOPE"), ==, "NOPE");
          g_assert_cmpstr (info->code_label (NULL), ==, "");
        }
    }
  g_assert_null (tam_call_state_to_code (TAM_CALL_STATE_NONE));
  g_assert_cmpint (tam_call_state_from_code ("NONE"), ==, TAM_CALL_STATE_NONE);
}

static void
test_call_state (void)
{
  TamCall call = { 0 };

  g_assert_false (tam_call_state_is_waiting (TAM_CALL_STATE_NONE));
  g_assert_true (tam_call_state_is_waiting (TAM_CALL_STATE_PENDING));
  g_assert_true (tam_call_state_is_waiting (TAM_CALL_STATE_RECALLED));
  g_assert_false (tam_call_state_is_waiting (TAM_CALL_STATE_RETURNED));
  g_assert_false (tam_call_state_is_waiting (TAM_CALL_STATE_VALID));

  g_assert_cmpint (tam_call_state_after_verdict (TAM_VERDICT_VALID), ==, TAM_CALL_STATE_VALID);
  g_assert_cmpint (tam_call_state_after_verdict (TAM_VERDICT_RETURN), ==, TAM_CALL_STATE_RETURNED);

  g_assert_cmpint (tam_call_state_count_index (TAM_CALL_STATE_NONE), ==, -1);
  g_assert_cmpint (tam_call_state_count_index (TAM_CALL_STATE_PENDING), ==, TAM_STATE_PENDING);
  g_assert_cmpint (tam_call_state_count_index (TAM_CALL_STATE_RECALLED), ==, TAM_STATE_RECALLED);
  g_assert_cmpint (tam_call_state_count_index (TAM_CALL_STATE_RETURNED), ==, TAM_STATE_RETURNED);
  g_assert_cmpint (tam_call_state_count_index (TAM_CALL_STATE_VALID), ==, TAM_STATE_VALID);

  g_assert_cmpint (tam_call_get_state (&call), ==, TAM_CALL_STATE_NONE);
  call.state = (char *) "RECALLED";
  g_assert_cmpint (tam_call_get_state (&call), ==, TAM_CALL_STATE_RECALLED);
}

/* Still on the floor: ACTIVE and TRAINING, not the ones who left. */
static void
test_person_status_active (void)
{
  g_assert_true (tam_person_status_is_active (tam_person_status_from_code ("ACTIVE")));
  g_assert_true (tam_person_status_is_active (tam_person_status_from_code ("TRAINING")));
  g_assert_false (tam_person_status_is_active (tam_person_status_from_code ("RESIGNED")));
  g_assert_false (tam_person_status_is_active (tam_person_status_from_code ("RETURNED_TO_VENDOR")));
  g_assert_false (tam_person_status_is_active (tam_person_status_from_code ("SLEEPING")));
}

static void
test_attendance_parse (void)
{
  /* Still the canonical code, now the enum's nick. */
  g_assert_cmpstr (tam_attendance_status_parse (" sick_note "), ==, "SICK_NOTE");
  g_assert_true (tam_attendance_status_parse ("late") ==
                 tam_attendance_status_to_code (TAM_ATTENDANCE_STATUS_LATE));
  g_assert_cmpstr (tam_attendance_status_parse ("alpa"), ==, "ABSENT_NO_NOTICE");
  g_assert_null (tam_attendance_status_parse ("sometimes"));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/enums/round-trip", test_round_trip);
  g_test_add_func ("/enums/types", test_types);
  g_test_add_func ("/enums/labels", test_labels);
  g_test_add_func ("/enums/unknown", test_unknown);
  g_test_add_func ("/enums/call-state", test_call_state);
  g_test_add_func ("/enums/attendance-parse", test_attendance_parse);
  g_test_add_func ("/enums/person-status-active", test_person_status_active);

  return g_test_run ();
}
