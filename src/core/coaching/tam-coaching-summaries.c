/* tam-coaching-summaries.c: the English summaries of data/pembinaan.xml,
 * so that xgettext finds them (po/POTFILES.in). tests/test-coaching.c
 * checks that every summary of the catalog is here. */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "tam-catalog.h"

const char *const tam_coaching_summaries[] = {
  N_ ("Monthly KPI parameter (AHT, FCR, CALLMON, sales target, quiz) under grade B (60)"),
  N_ ("Overall monthly ABU score under grade B (60)"),
  N_ ("Drunkenness, drugs, immoral or other criminal conduct"),
  N_ ("Committing a crime"),
  N_ ("Giving confidential company information to a customer"),
  N_ ("Defaming colleagues, superiors, the company or its client"),
  N_ ("Logging in or out for someone else (work systems, attendance, door access, fingerprint)"),
  N_ ("Logging in or out of the work systems wrongly"),
  N_ ("Not logging out of the work systems when done or leaving"),
  N_ ("Not following the rostered shift or seat"),
  N_ ("Not meeting a superior's request for a shift or overtime (SCR and SL targets)"),
  N_ ("Missing a meeting, training or briefing held by the office, except force majeure"),
  N_ ("Receiving a personal guest at the workstation"),
  N_ ("Using devices other than the work equipment (MP3 players and the like)"),
  N_ ("Playing games or browsing unrelated to work on duty"),
  N_ ("Mobile phone switched on while on duty in the call center"),
  N_ ("Untidy workplace that damaged work equipment"),
  N_ ("Not tidying or cleaning the workplace"),
  N_ ("Not wearing the ID card"),
  N_ ("Falsifying or misusing customer documents (vouchers, card numbers)"),
  N_ ("Serving a customer against the SOP: rude, impolite or intimidating"),
  N_ ("Hanging up on a customer"),
  N_ ("Open ticket (NOCR) not entered in the application"),
  N_ ("Closed ticket (OCR) not entered in the application"),
  N_ ("Wrong ticket or execution in the application"),
  N_ ("Wrong information given"),
  N_ ("Wrong information leading to a complaint in the mass media"),
  N_ ("Late for work or login after the rostered start"),
  N_ ("Late back from the break"),
  N_ ("Absent, notice given less than 3 hours before the shift (first shift: 1 hour)"),
  N_ ("Absent without notice on the day (ALPA)"),
  N_ ("Fourth absence without notice (ALPA) in one calendar month"),
  N_ ("Absent sick without a doctor's note or prescription"),
  N_ ("Six absences over three consecutive months (sick with a note and annual leave excepted)"),
  N_ ("Resigning without 30 days' written notice to the direct superior"),
  NULL,
};
