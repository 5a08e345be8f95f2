/* tam-bench-probe.h: what `tamctl bench` asks of a database to set its
 * measurements up and to describe them (sizes, the last day stored, the
 * people to generate rows for, a QCO, the largest team). Read-only;
 * kept in the core so that no SQL runs outside it. */
#pragma once

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 people;
  gint64 attendance;
  gint64 calls;        /* visible calls (TAM_CALL_VISIBLE) */
  gint64 last_call_id; /* the highest visible call id, 0 when none */
} TamBenchSizes;

gboolean tam_bench_probe_sizes (TamStore *store,
                                TamBenchSizes *sizes,
                                GError **error);

/* The last attendance date / the last visible call's start as stored
 * ("YYYY-MM-DD…"); *@last NULL on an empty table. */
gboolean tam_bench_probe_last_attendance_day (TamStore *store,
                                              char **last,
                                              GError **error);
gboolean tam_bench_probe_last_call_day (TamStore *store,
                                        char **last,
                                        GError **error);

/* The NIKs of the active people (ACTIVE or TRAINING), by id: agents and
 * team leaders, or (@agents_only, the calls' agents) the ACTIVE agents
 * only: a trainee's calls are refused by the import (issue 14). With @services, each
 * one's service code too (ADDON_CONSUMER when none), in the same order. */
GPtrArray *tam_bench_probe_active_niks (TamStore *store,
                                        gboolean agents_only,
                                        GPtrArray **services,
                                        GError **error);

/* A session of the first QCO with a site, NULL (no error) when none. */
TamSession *tam_bench_probe_qco (TamStore *store,
                                 GError **error);

/* The team leader with the most agents (0 when no agent has one), its
 * number of agents and its agent of the lowest id. */
gboolean tam_bench_probe_largest_team (TamStore *store,
                                       gint64 *team_leader_id,
                                       gint64 *members,
                                       gint64 *first_agent_id,
                                       GError **error);

G_END_DECLS
