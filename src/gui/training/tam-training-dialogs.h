#pragma once

#include <adwaita.h>

#include "tam-training.h"

G_BEGIN_DECLS

/* What the New Training dialog asks (codes, dates as typed): the spec
 * for tam_training_add () and the typed texts it points to. */
typedef struct
{
  TamTrainingSpec spec; /* trainer_nik NULL: the actor */
  GStringChunk *texts;  /* title, from, to, material */
} TamTrainingDraft;

void tam_training_draft_free (TamTrainingDraft *draft);

typedef void (*TamTrainingDraftFunc) (GtkWidget *owner,
                                      TamTrainingDraft *draft);
typedef void (*TamTrainingNiksFunc) (GtkWidget *owner,
                                     char **niks);

/* New Training…: kind, title, service, site, first and last day,
 * material; @done gets the draft (owned) on Add. */
void tam_training_ask_new (GtkWidget *owner,
                           const char *site,
                           const char *service,
                           const char *today,
                           TamTrainingDraftFunc done);
/* Enroll…: NIKs separated by spaces, commas or new lines; @done gets
 * them (a NULL-terminated array, owned). */
void tam_training_ask_enroll (GtkWidget *owner,
                              const char *title,
                              TamTrainingNiksFunc done);

typedef void (*TamTrainingSettingsFunc) (GtkWidget *owner,
                                         double pass_mark,
                                         int refresher_months);
/* The pass mark (0-100) and the refresher interval (1-60 months). */
void tam_training_ask_settings (GtkWidget *owner,
                                double pass_mark,
                                int refresher_months,
                                TamTrainingSettingsFunc done);

G_END_DECLS
