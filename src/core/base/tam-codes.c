#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "tam-codes.h"

static const char * const roles[] = {
  "AGENT", "TEAM_LEADER", "SUPERVISOR_OPS", "SUPERVISOR_QUALITY", "QCO", "QA",
  "TRAINER", "QC_TIER2", "HD_SUPPORT", "MANAGER", NULL
};
static const char * const sites[] = {
  "MEDAN", "TANGERANG", "BANDUNG", "SEMARANG", "MALANG", "MAKASSAR", NULL
};
static const char * const services[] = {
  "ADDON_CONSUMER", "WIFI_DIGITAL", "CT0_PRANPC", NULL
};
static const char * const person_statuses[] = {
  "TRAINING", "ACTIVE", "RESIGNED", "RETURNED_TO_VENDOR", NULL
};
static const char * const attendance_statuses[] = {
  "PRESENT", "LATE", "LATE_FROM_BREAK", "ABSENT_NOTICE", "ABSENT_SHORT_NOTICE",
  "ABSENT_NO_NOTICE", "SICK_NOTE", "SICK_NO_NOTE", "LEAVE", "OFF", NULL
};

const char * const *tam_roles (void) { return roles; }
const char * const *tam_sites (void) { return sites; }
const char * const *tam_services (void) { return services; }
const char * const *tam_person_statuses (void) { return person_statuses; }
const char * const *tam_attendance_statuses (void) { return attendance_statuses; }

gboolean
tam_code_is_valid (const char * const *codes,
                   const char         *code)
{
  if (code == NULL)
    return FALSE;
  for (guint i = 0; codes[i] != NULL; i++)
    if (strcmp (codes[i], code) == 0)
      return TRUE;
  return FALSE;
}

typedef struct { const char *code; const char *label; } Label;

static const char *
lookup (const Label *labels,
        const char  *code)
{
  for (guint i = 0; labels[i].code != NULL; i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return _(labels[i].label);
  return code ? code : "";
}

const char *
tam_role_label (const char *code)
{
  static const Label labels[] = {
    { "AGENT", N_("Agent") },
    { "TEAM_LEADER", N_("Team leader") },
    { "SUPERVISOR_OPS", N_("Supervisor operational") },
    { "SUPERVISOR_QUALITY", N_("Supervisor quality") },
    { "QCO", N_("Quality control officer") },
    { "QA", N_("Quality assurance") },
    { "TRAINER", N_("Trainer") },
    { "QC_TIER2", N_("QC tier 2") },
    { "HD_SUPPORT", N_("HD support") },
    { "MANAGER", N_("Manager") },
    { NULL, NULL }
  };
  return lookup (labels, code);
}

const char *
tam_site_label (const char *code)
{
  static const Label labels[] = {
    { "MEDAN", "Medan" }, { "TANGERANG", "Tangerang" }, { "BANDUNG", "Bandung" },
    { "SEMARANG", "Semarang" }, { "MALANG", "Malang" }, { "MAKASSAR", "Makassar" },
    { NULL, NULL }
  };
  /* Place names are not translated. */
  for (guint i = 0; labels[i].code != NULL; i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return labels[i].label;
  return code ? code : "";
}

const char *
tam_service_label (const char *code)
{
  static const Label labels[] = {
    { "ADDON_CONSUMER", N_("Add On Consumer") },
    { "WIFI_DIGITAL", N_("WiFi & Add On Digital") },
    { "CT0_PRANPC", N_("CT-0 PraNPC") },
    { NULL, NULL }
  };
  return lookup (labels, code);
}

const char *
tam_person_status_label (const char *code)
{
  static const Label labels[] = {
    { "TRAINING", N_("In training") },
    { "ACTIVE", N_("Active") },
    { "RESIGNED", N_("Resigned") },
    { "RETURNED_TO_VENDOR", N_("Returned to vendor") },
    { NULL, NULL }
  };
  return lookup (labels, code);
}

const char *
tam_attendance_status_label (const char *code)
{
  static const Label labels[] = {
    { "PRESENT", N_("Present") },
    { "LATE", N_("Late") },
    { "LATE_FROM_BREAK", N_("Late from break") },
    { "ABSENT_NOTICE", N_("Absent, notified") },
    { "ABSENT_SHORT_NOTICE", N_("Absent, short notice") },
    { "ABSENT_NO_NOTICE", N_("Absent without notice (ALPA)") },
    { "SICK_NOTE", N_("Sick with doctor's note") },
    { "SICK_NO_NOTE", N_("Sick without note") },
    { "LEAVE", N_("Leave") },
    { "OFF", N_("Off") },
    { NULL, NULL }
  };
  return lookup (labels, code);
}

const char *
tam_attendance_status_parse (const char *text)
{
  static const struct { const char *word; const char *code; } words[] = {
    { "HADIR", "PRESENT" }, { "TELAT", "LATE" }, { "ALPA", "ABSENT_NO_NOTICE" },
    { "SAKIT", "SICK_NOTE" }, { "CUTI", "LEAVE" }, { "LIBUR", "OFF" },
  };
  char up[32];
  gsize n;

  if (text == NULL)
    return NULL;
  while (*text == ' ')
    text++;
  n = strlen (text);
  while (n > 0 && text[n - 1] == ' ')
    n--;
  if (n == 0 || n >= sizeof up)
    return NULL;
  for (gsize i = 0; i < n; i++)
    up[i] = g_ascii_toupper (text[i]);
  up[n] = '\0';

  for (guint i = 0; attendance_statuses[i] != NULL; i++)
    if (strcmp (attendance_statuses[i], up) == 0)
      return attendance_statuses[i];
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (words[i].word, up) == 0)
      return words[i].code;
  return NULL;
}

