/* tam-coaching-private.h: what tam-coaching.c and tam-coaching-propose.c
 * share. Not public API. */
#pragma once

#include "tam-coaching.h"
#include "tam-ladder.h"
#include "tam-store.h"

G_BEGIN_DECLS

/* The issued records of @person_id except @except_id, as
 * ladder records, appended to @out; strings live in @chunk. */
gboolean _tam_coaching_issued_records (TamStore *store,
                                       gint64 person_id,
                                       gint64 except_id,
                                       GArray *out,
                                       GStringChunk *chunk,
                                       GError **error);

/* A new PROPOSED record: the nonconformity @rule of @person_id on
 * @occurred_on at the level of @proposal. */
typedef struct
{
  gint64 person_id;
  const TamCoachingRule *rule;
  TamLadderProposal proposal;
  const char *occurred_on;
  const char *event_key; /* one event recorded once (NULL: none) */
  gint64 proposed_by;    /* 0: proposed by the desk itself */
  gint64 call_row_id;    /* the call's row (0: none) */
  const char *note;
} TamCoachingNewRecord;

/* Inserts @record under @catalog; returns its id or 0. */
gint64 _tam_coaching_insert (TamStore *store,
                             const TamCatalog *catalog,
                             const TamCoachingNewRecord *record,
                             GError **error);

/* One row of the monthly KPI inputs. */
typedef struct
{
  gint64 person_id;
  TamLadderKpi kpi;
} TamCoachingKpiRow;

/* The monthly KPI parameter values up to @through_month (YYYY-MM, NULL:
 * all) of the agents (@person_id, 0: all), ordered by person: the one
 * place that reads kpi_inputs, to be swapped for the KPI module's
 * reader. GArray of TamCoachingKpiRow. */
GArray *_tam_coaching_kpi_read (TamStore *store,
                                gint64 person_id,
                                const char *through_month,
                                GError **error);

/* Weights of the overall ABU score from the settings kpi_weight_PARAM;
 * NULL when none is set (equal weights). */
GHashTable *_tam_coaching_kpi_weights (TamStore *store,
                                       GError **error);

G_END_DECLS
