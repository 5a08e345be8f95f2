#pragma once

#include "tam-store.h"
#include "tam-training.h"

G_BEGIN_DECLS

gboolean _tam_training_check_score (double score,
                                    GError **error);
/* One quiz attempt: @nik's (@person_id) @score in the training
 * @training_id against @pass_mark, recorded at @now. */
typedef struct
{
  gint64 training_id;
  gint64 person_id;
  const char *nik;
  double score;
  double pass_mark;
  const char *now; /* YYYY-MM-DD HH:MM:SS */
} TamTrainingScoreRow;

/* Stores @row as the person's next attempt (its number in @attempt), in
 * the caller's transaction. */
gboolean _tam_training_score_one (TamStore *store,
                                  const TamSession *actor,
                                  const TamTrainingScoreRow *row,
                                  guint *attempt,
                                  GError **error);

G_END_DECLS
