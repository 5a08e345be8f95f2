/* tam-catalog.h: the rule catalog of coaching and discipline (IK
 * Pembinaan), data/pembinaan.xml, read with libxml2 and validated against
 * the RELAX NG schema beside it (data/pembinaan.rng). */
#pragma once

#include "tam-enums.h"

G_BEGIN_DECLS

typedef enum
{
  TAM_TRIGGER_MANUAL,     /* recorded by a person */
  TAM_TRIGGER_ATTENDANCE, /* one attendance status, each day */
  TAM_TRIGGER_COUNT,      /* a counting rule over attendance */
  TAM_TRIGGER_KPI,        /* monthly KPI inputs */
} TamTriggerKind;

typedef enum
{
  TAM_COUNT_NONE,
  TAM_COUNT_ALPA_MONTH,        /* the Nth ALPA in a calendar month */
  TAM_COUNT_ABSENCES_3_MONTHS, /* N absences over consecutive months */
} TamCountRule;

typedef struct
{
  char *code;       /* stable: LATE_LOGIN */
  char *category;   /* PERFORMANCE, SERVICE_DISCIPLINE, CUSTOMER_SOP, PRODUCTIVITY */
  guint row;        /* its number within the category in the IK */
  char *text;       /* Indonesian, as the IK words it */
  char *summary;    /* English msgid: tam_coaching_rule_summary() translates */
  char *escalation; /* the IK's "Urutan Pembinaan", may be "" */
  char *notes;      /* exemptions, evidence; may be "" */
  TamCoachingLevel first;
  TamCoachingMode mode;
  TamTriggerKind trigger;
  TamAttendanceStatus status; /* TAM_TRIGGER_ATTENDANCE */
  TamCountRule count;         /* TAM_TRIGGER_COUNT */
  char **parameters;          /* TAM_TRIGGER_KPI: AHT ... or OVERALL */
  TamCoachingLevel top;       /* the catalog's return-to-vendor level */
  guint line;                 /* where the rule starts in the file */
} TamCoachingRule;

typedef struct
{
  guint validity_months;         /* an issued level counts this long (6) */
  double performance_threshold;  /* a KPI value under it fails (60) */
  TamCoachingLevel return_level; /* SP4: recommend returning to the vendor */
  guint alpa_per_month;          /* 4 */
  guint absences;                /* 6 ... */
  guint absence_months;          /* ... over 3 consecutive months */
} TamCatalogSettings;

typedef struct
{
  char *path;
  char *version;
  TamCatalogSettings settings;
  GPtrArray *rules; /* TamCoachingRule, in the file's order */
  GHashTable *by_code;
} TamCatalog;

/* Reads and validates @path against @schema_path (NULL: pembinaan.rng in
 * the same folder). A file that fails is refused with TAM_ERROR_INVALID
 * and a message "FILE:LINE: reason". */
TamCatalog *tam_catalog_load (const char *path,
                              const char *schema_path,
                              GError **error);
void tam_catalog_free (TamCatalog *catalog);

/* The installed catalog: $TAM_DATADIR/pembinaan.xml, else the installed
 * data folder, else the source tree's data/ (an uninstalled build). */
char *tam_catalog_default_path (void);
/* The installed catalog, read once per process and kept (a failure is
 * not kept: the next call reads again). Not to be freed. */
const TamCatalog *tam_catalog_get_default (GError **error);

const TamCoachingRule *tam_catalog_find (const TamCatalog *catalog,
                                         const char *code);
/* The translated English summary of @rule. */
const char *tam_coaching_rule_summary (const TamCoachingRule *rule);
/* The translated name of a category code. */
const char *tam_coaching_category_label (const char *category);

/* The N_() table of every summary (tam-coaching-summaries.c): how the
 * summaries reach po/. NULL-terminated. */
extern const char *const tam_coaching_summaries[];

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamCatalog, tam_catalog_free)

G_END_DECLS
