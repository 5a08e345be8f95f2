#pragma once

#include <glib.h>

#include "tam-dates.h"

G_BEGIN_DECLS

/* The upper-case codes stored in the database and used in files, with
 * their translated labels. Each list is NULL-terminated. These are the
 * nicks of the enums of tam-enums.h, and the labels wrap theirs: new code
 * should use the enums. */
const char *const *tam_roles (void);
const char *const *tam_sites (void);
const char *const *tam_services (void);
const char *const *tam_person_statuses (void);
const char *const *tam_attendance_statuses (void);

gboolean tam_code_is_valid (const char *const *codes,
                            const char *code);

/* An Indonesian telephone number as a calls file writes it: 08… (mobile),
 * 0 and an area code (a fixed IndiHome line) or 62… / +62…, 10 to 15
 * digits, single spaces or hyphens allowed between digits. A mobile
 * number whose leading 0 a spreadsheet dropped (8…, a number cell) gets
 * it back. Returns @text, or @buf holding the number with its 0, or NULL
 * when it is not such a number. */
#define TAM_CUSTOMER_NUMBER_MAX 32
const char *tam_customer_number_normalize (const char *text,
                                           char buf[TAM_CUSTOMER_NUMBER_MAX + 2]);

const char *tam_role_label (const char *code);
const char *tam_site_label (const char *code);
const char *tam_service_label (const char *code);
const char *tam_person_status_label (const char *code);
const char *tam_attendance_status_label (const char *code);

/* Accepts the code in any case, and the plain Indonesian words HADIR,
 * TELAT, ALPA, SAKIT, CUTI, LIBUR. Returns the canonical code or NULL. */
const char *tam_attendance_status_parse (const char *text);

/* tam_parse_date() and tam_parse_time() live in tam-dates.h. */

G_END_DECLS
