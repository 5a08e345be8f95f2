#pragma once

#include <adwaita.h>

#include "tam-auth.h"
#include "tam-store.h"

G_BEGIN_DECLS

#define TAM_TYPE_TRAINING_PAGE (tam_training_page_get_type ())
G_DECLARE_FINAL_TYPE (TamTrainingPage, tam_training_page, TAM, TRAINING_PAGE, GtkBox)

/* The Training tab (issue 14): the sessions of a month (running,
 * upcoming, done), a session's participants with attendance per day and
 * score entry, the import of quiz results, and the trainer's overview. */
GtkWidget *tam_training_page_new (TamStore *store,
                                  const TamSession *session);
/* Reads the month's sessions again (in a worker). */
void tam_training_page_reload (TamTrainingPage *self);
/* Shows @month ("YYYY-MM"). */
void tam_training_page_set_month (TamTrainingPage *self,
                                  const char *month);
/* Opens the session @id of the month shown (FALSE if not listed). */
gboolean tam_training_page_select_id (TamTrainingPage *self,
                                      gint64 id);
/* TRUE while a read or a write is in a worker (tests). */
gboolean tam_training_page_is_busy (TamTrainingPage *self);
/* The score entry of participant @nik in the open session (tests). */
GtkWidget *tam_training_page_get_score_entry (TamTrainingPage *self,
                                              const char *nik);

G_END_DECLS
