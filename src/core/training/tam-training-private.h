#pragma once

#include "tam-store.h"
#include "tam-training.h"

G_BEGIN_DECLS

gboolean _tam_training_check_score (double score,
                                    GError **error);
/* One attempt of @person_id, in the caller's transaction. */
gboolean _tam_training_score_one (TamStore *store,
                                  const TamSession *actor,
                                  gint64 training_id,
                                  gint64 person_id,
                                  const char *nik,
                                  double score,
                                  double pass_mark,
                                  const char *now,
                                  guint *attempt,
                                  GError **error);

G_END_DECLS
