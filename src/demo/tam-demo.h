#pragma once

#include "tam-store.h"

G_BEGIN_DECLS

/* The demo accounts' password (README lists the accounts). */
#define TAM_DEMO_PASSWORD "tam-demo-2026"

/* A tiny data set for tests: one small team per service and site, two
 * months of history. tamctl accepts only 1 and more. */
#define TAM_DEMO_SCALE_TINY 0

/* Fills an empty database with deterministic, realistic demo data: the
 * 6 sites and 3 services, ~250 agents per @scale in teams of ~10 under
 * their TLs, supervisors, QCOs, QA, trainers (each desk role with an
 * account), 6 months of rosters and attendance, calls with AGREE /
 * DECLINE / FOLLOW_UP of which some are tapped. Same @seed, same data.
 * Runs in one transaction; @cancellable stops it and stores nothing. */
gboolean tam_demo_generate (TamStore *store,
                            int scale,
                            guint64 seed,
                            TamProgressFunc progress,
                            gpointer user_data,
                            GCancellable *cancellable,
                            GError **error);

/* The same with an explicit "today" (YYYY-MM-DD; NULL: the local date):
 * history runs up to the day before it. Same @seed and @today, same data
 * (password salts and the audit row's time aside).
 * History: min (24, 6 * @scale) months before today's month (2 at scale 0). */
gboolean tam_demo_generate_for_date (TamStore *store,
                                     int scale,
                                     guint64 seed,
                                     const char *today,
                                     TamProgressFunc progress,
                                     gpointer user_data,
                                     GCancellable *cancellable,
                                     GError **error);

G_END_DECLS
