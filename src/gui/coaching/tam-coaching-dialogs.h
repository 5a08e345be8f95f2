#pragma once

#include <adwaita.h>

#include "tam-catalog.h"

G_BEGIN_DECLS

/* What a coaching dialog hands back when the user accepts it: the
 * fields it asked for, in its order (see each dialog). */
typedef void (*TamCoachingAnswerFunc) (GtkWidget *owner,
                                       const char *const *values);

/* Dismiss: the reason (required: Dismiss is insensitive while it is
 * empty). values: { reason }. */
AdwMessageDialog *tam_coaching_ask_dismiss (GtkWidget *owner,
                                            const char *what,
                                            TamCoachingAnswerFunc answer);
/* Acknowledge: the date of receipt, or a refusal to sign with the
 * witness's NIK. values: { date, witness or NULL }. */
AdwMessageDialog *tam_coaching_ask_acknowledge (GtkWidget *owner,
                                                const char *what,
                                                const char *today,
                                                TamCoachingAnswerFunc answer);
/* Record a nonconformity: NIK, a rule of @catalog (its notes shown under
 * it), the date, a note. values: { nik, rule code, date, note }. */
AdwMessageDialog *tam_coaching_ask_record (GtkWidget *owner,
                                           const TamCatalog *catalog,
                                           const char *nik,
                                           const char *today,
                                           TamCoachingAnswerFunc answer);
/* The rule catalog, read-only. */
GtkWindow *tam_coaching_catalog_window_new (GtkWidget *owner,
                                            const TamCatalog *catalog);

G_END_DECLS
