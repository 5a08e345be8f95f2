/* tam-letter.h: the letters of coaching and discipline, in Indonesian, on
 * A4 with cairo and PangoCairo (no GTK): the coaching or counselling
 * record, the BATL minutes (berita acara teguran lisan), SP1-SP3 and the
 * SP4 recommendation to return the agent to the vendor. The same drawing
 * serves the PDF file and printing (GtkPrintOperation's draw-page). */
#pragma once

#include <cairo.h>

#include "tam-coaching.h"

G_BEGIN_DECLS

typedef struct _TamLetter TamLetter;

/* The letter of record @id as the session may see it. */
TamLetter *tam_letter_new (TamStore *store,
                           const TamSession *session,
                           gint64 id,
                           GError **error);
void tam_letter_free (TamLetter *letter);

/* "SURAT PERINGATAN KEDUA (SP2)" and the like. */
const char *tam_letter_get_title (TamLetter *letter);

/* Draws the letter's one page on @cr, @width x @height points. */
void tam_letter_draw (TamLetter *letter,
                      cairo_t *cr,
                      double width,
                      double height);

/* Writes the letter as an A4 PDF (through a temporary file). */
gboolean tam_letter_write_pdf (TamLetter *letter,
                               const char *path,
                               GError **error);

/* "2027-01-05" -> "5 Januari 2027"; NULL or not a date: "-". */
char *tam_letter_format_date (const char *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TamLetter, tam_letter_free)

G_END_DECLS
