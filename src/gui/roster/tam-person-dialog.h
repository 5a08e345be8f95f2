#pragma once

#include <adwaita.h>

#include "tam-people.h"

G_BEGIN_DECLS

#define TAM_TYPE_PERSON_DIALOG (tam_person_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TamPersonDialog, tam_person_dialog, TAM, PERSON_DIALOG, AdwWindow)

/* Add (@person NULL) or edit a person. Save validates with
 * tam_people_validate and saves with tam_people_save in a worker of its
 * own (tam-save.h), the button showing "Saving…" meanwhile; then the
 * dialog shows each message under its field, or emits "saved" (the NIK)
 * and closes. Closed while a save waits, it hides at once and the save
 * completes: "saved" is still emitted, a refusal is shown over the
 * parent window. */
TamPersonDialog *tam_person_dialog_new (GtkWindow *parent,
                                        TamStore *store,
                                        const TamSession *session,
                                        const TamPerson *person);
/* The same as clicking Save, then waits for the outcome, iterating the
 * main context (for tests; the button does not wait): TRUE when the
 * person was stored. FALSE at once when a save is on its way already. */
gboolean tam_person_dialog_save (TamPersonDialog *self);

G_END_DECLS
