/* test-coaching.c: coaching and discipline (IK Pembinaan): the catalog and
 * its validation, the ladder (every catalog row, escalation, lapse), the
 * counting rules at month edges, performance chains, proposals from
 * attendance and KPI inputs (idempotent), decisions and their
 * permissions, letters read back with pdftotext, form F-03. */
#include "config.h"

#include <string.h>

#include "import-fixture.h"
#include "tam-attendance.h"
#include "tam-coaching.h"
#include "tam-f03.h"
#include "tam-import.h"
#include "tam-ladder.h"
#include "tam-letter.h"
#include "tam-reports.h"

static char *
catalog_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "pembinaan.xml", NULL);
}

static TamCatalog *
load_catalog (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = catalog_path ();
  TamCatalog *c = tam_catalog_load (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (c);
  return c;
}

/* ------------------------------------------------------------------ */
/* The catalog                                                          */

/* Every row of the IK, as the seed gives it. */
static const struct
{
  const char *code;
  const char *category;
  TamCoachingLevel first;
  TamCoachingMode mode;
  TamTriggerKind trigger;
} rows[] = {
  { "PERF_PARAMETER", "PERFORMANCE", TAM_COACHING_LEVEL_COACHING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_KPI },
  { "PERF_ABU", "PERFORMANCE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_KPI },
  { "CRIMINAL_CONDUCT", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_MANUAL },
  { "CRIME", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_MANUAL },
  { "LEAK_SECRETS", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_MANUAL },
  { "DEFAMATION", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_MANUAL },
  { "LOGIN_FOR_OTHERS", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_SP1, TAM_COACHING_MODE_DIRECT, TAM_TRIGGER_MANUAL },
  { "LOGIN_ERROR", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "NO_LOGOUT", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_SP1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "SHIFT_SEAT", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "OVERTIME_REFUSED", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_CONDITIONAL, TAM_TRIGGER_MANUAL },
  { "MEETING_ABSENT", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_CONDITIONAL, TAM_TRIGGER_MANUAL },
  { "PERSONAL_GUEST", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "FOREIGN_DEVICE", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "GAMES_INTERNET", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "PHONE_ON", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "DESK_DAMAGE", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "DESK_UNTIDY", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_COACHING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "NO_ID_CARD", "SERVICE_DISCIPLINE", TAM_COACHING_LEVEL_COACHING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "FALSIFY_DOCUMENTS", "CUSTOMER_SOP", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_MANUAL },
  { "RUDE_TO_CUSTOMER", "CUSTOMER_SOP", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_MANUAL },
  { "HANG_UP", "CUSTOMER_SOP", TAM_COACHING_LEVEL_SP1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "NO_OPEN_TICKET", "CUSTOMER_SOP", TAM_COACHING_LEVEL_SP1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "NO_CLOSED_TICKET", "CUSTOMER_SOP", TAM_COACHING_LEVEL_BATL, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "WRONG_TICKET", "CUSTOMER_SOP", TAM_COACHING_LEVEL_KONSELING2, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "WRONG_INFORMATION", "CUSTOMER_SOP", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "WRONG_INFO_MEDIA", "CUSTOMER_SOP", TAM_COACHING_LEVEL_SP1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_MANUAL },
  { "LATE_LOGIN", "PRODUCTIVITY", TAM_COACHING_LEVEL_COACHING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_ATTENDANCE },
  { "LATE_FROM_BREAK", "PRODUCTIVITY", TAM_COACHING_LEVEL_COACHING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_ATTENDANCE },
  { "ABSENT_SHORT_NOTICE", "PRODUCTIVITY", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_ATTENDANCE },
  { "ABSENT_NO_NOTICE", "PRODUCTIVITY", TAM_COACHING_LEVEL_KONSELING2, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_ATTENDANCE },
  { "ALPA_4_IN_MONTH", "PRODUCTIVITY", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_COUNT },
  { "SICK_NO_NOTE", "PRODUCTIVITY", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_ATTENDANCE },
  { "ABSENCES_6_IN_3_MONTHS", "PRODUCTIVITY", TAM_COACHING_LEVEL_KONSELING1, TAM_COACHING_MODE_STEPWISE, TAM_TRIGGER_COUNT },
  { "RESIGN_NO_NOTICE", "PRODUCTIVITY", TAM_COACHING_LEVEL_SP4, TAM_COACHING_MODE_IMMEDIATE_SP4, TAM_TRIGGER_MANUAL },
};

static void
test_catalog (void)
{
  g_autoptr (TamCatalog) c = load_catalog ();

  g_assert_cmpstr (c->version, ==, "IK-PEMBINAAN-TRANSVISION-1");
  g_assert_cmpuint (c->settings.validity_months, ==, 6);
  g_assert_cmpfloat (c->settings.performance_threshold, ==, 60);
  g_assert_cmpint (c->settings.return_level, ==, TAM_COACHING_LEVEL_SP4);
  g_assert_cmpuint (c->settings.alpa_per_month, ==, 4);
  g_assert_cmpuint (c->settings.absences, ==, 6);
  g_assert_cmpuint (c->settings.absence_months, ==, 3);
  /* Every row of the IK, in its order, nothing more. */
  g_assert_cmpuint (c->rules->len, ==, G_N_ELEMENTS (rows));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const TamCoachingRule *r = c->rules->pdata[i];
      gboolean in_table = FALSE;

      g_assert_cmpstr (r->code, ==, rows[i].code);
      g_assert_cmpstr (r->category, ==, rows[i].category);
      g_assert_cmpint (r->first, ==, rows[i].first);
      g_assert_cmpint (r->mode, ==, rows[i].mode);
      g_assert_cmpint (r->trigger, ==, rows[i].trigger);
      g_assert_cmpuint (strlen (r->text), >, 10);
      g_assert_cmpuint (r->line, >, 1);
      g_assert_true (tam_catalog_find (c, r->code) == r);
      /* The summary reaches po/ through the N_() table. */
      for (guint k = 0; tam_coaching_summaries[k] != NULL; k++)
        in_table |= strcmp (tam_coaching_summaries[k], r->summary) == 0;
      g_assert_true (in_table);
    }
  g_assert_cmpint (tam_catalog_find (c, "LATE_LOGIN")->status, ==, TAM_ATTENDANCE_STATUS_LATE);
  g_assert_true (strstr (tam_catalog_find (c, "LATE_LOGIN")->notes, "barang bukti") != NULL);
  g_assert_true (strstr (tam_catalog_find (c, "SHIFT_SEAT")->notes, "urgent") != NULL);
  g_assert_cmpint (tam_catalog_find (c, "ALPA_4_IN_MONTH")->count, ==, TAM_COUNT_ALPA_MONTH);
  g_assert_true (g_strv_contains ((const char *const *) tam_catalog_find (c, "PERF_PARAMETER")->parameters, "SALES_TARGET"));
  g_assert_null (tam_catalog_find (c, "NO_SUCH_RULE"));
}

/* A copy of the catalog with @from replaced by @to, in a folder with the
 * schema; returns the folder. */
static char *
broken_copy (const char *from,
             const char *to,
             guint *line)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = catalog_path ();
  g_autofree char *rng = g_test_build_filename (G_TEST_DIST, "..", "data", "pembinaan.rng", NULL);
  g_autofree char *text = NULL, *schema = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tam-catalog-XXXXXX", &error);
  g_autofree char *out = NULL, *out_rng = NULL;
  g_autoptr (GString) s = NULL;
  const char *at;

  g_assert_no_error (error);
  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (rng, &schema, NULL, &error);
  g_assert_no_error (error);
  at = strstr (text, from);
  g_assert_nonnull (at);
  *line = 1;
  for (const char *p = text; p < at; p++)
    *line += *p == '\n';
  s = g_string_new (text);
  g_string_replace (s, from, to, 1);
  out = g_build_filename (dir, "pembinaan.xml", NULL);
  out_rng = g_build_filename (dir, "pembinaan.rng", NULL);
  g_file_set_contents (out, s->str, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (out_rng, schema, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&dir);
}

static void
expect_refused (const char *from,
                const char *to)
{
  g_autoptr (GError) error = NULL;
  guint line = 0;
  g_autofree char *dir = broken_copy (from, to, &line);
  g_autofree char *path = g_build_filename (dir, "pembinaan.xml", NULL);
  g_autofree char *where = g_strdup_printf ("%s:%u:", path, line);
  g_autoptr (TamCatalog) c = tam_catalog_load (path, NULL, &error);

  g_assert_null (c);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, where));
  fixture_rm_rf (dir);
}

static void
test_catalog_broken (void)
{
  /* A mode the schema does not know, a level, a missing summary... */
  expect_refused ("code=\"NO_LOGOUT\" row=\"7\" first=\"SP1\" mode=\"STEPWISE\"",
                  "code=\"NO_LOGOUT\" row=\"7\" first=\"SP1\" mode=\"SOMETIMES\"");
  expect_refused ("code=\"HANG_UP\" row=\"3\" first=\"SP1\"", "code=\"HANG_UP\" row=\"3\" first=\"SP5\"");
  /* ...what only the reader can tell: a code twice... */
  expect_refused ("code=\"CRIME\"", "code=\"CRIMINAL_CONDUCT\"");
  /* ...and XML that is not well-formed. */
  expect_refused ("<text>Lalai atau alpa tidak mengenakan", "<text>Lalai <atau alpa tidak mengenakan");
}

/* Nothing is proposed from a catalog that fails validation (in a child
 * process: the default catalog is read once per process). */
static void
test_catalog_broken_proposes_nothing (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      guint line, n = 99;
      g_autofree char *dir = broken_copy ("mode=\"IMMEDIATE_SP4\"", "mode=\"LATER\"", &line);
      Fixture fx = { 0 };

      g_setenv ("TAM_DATADIR", dir, TRUE);
      fixture_setup (&fx, NULL);
      tam_store_exec (fx.store,
                      "INSERT INTO attendance (person_id, date, status) SELECT id, '2026-10-05', 'LATE' FROM people"
                      " WHERE nik = 'A001'",
                      &error);
      g_assert_no_error (error);
      g_assert_false (tam_coaching_propose (fx.store, fx.sup, "2026-10-31", &n, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "pembinaan.xml:"));
      g_clear_error (&error);
      g_assert_cmpint (fixture_count (&fx, "SELECT count(*) FROM coaching_records"), ==, 0);
      g_assert_cmpint (tam_coaching_record (fx.store, fx.qco, "A001", "LATE_LOGIN", "2026-10-05", NULL, NULL, &error), ==, 0);
      g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
      fixture_teardown (&fx, NULL);
      fixture_rm_rf (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------------ */
/* The ladder                                                           */

static TamLadderRecord
issued (const char *code,
        TamCoachingLevel level,
        const char *occurred_on,
        const char *valid_until)
{
  TamLadderRecord r = { code, level, TAM_COACHING_STATE_ISSUED, occurred_on, valid_until };

  return r;
}

/* Every catalog row: the first time, and a repeat while it is valid. */
static void
test_ladder_every_row (void)
{
  g_autoptr (TamCatalog) c = load_catalog ();

  for (guint i = 0; i < c->rules->len; i++)
    {
      const TamCoachingRule *rule = c->rules->pdata[i];
      TamLadderRecord before[2];
      TamLadderProposal first, again, chain2;
      TamCoachingLevel expect_first, expect_again;

      first = tam_ladder_propose (rule, "2026-10-05", NULL, 0, 0);
      before[0] = issued (rule->code, first.level, "2026-09-01", "2027-03-03");
      /* Another rule's record does not count. */
      before[1] = issued (strcmp (rule->code, "HANG_UP") == 0 ? "NO_ID_CARD" : "HANG_UP", TAM_COACHING_LEVEL_SP3,
                          "2026-09-01", "2027-03-03");
      again = tam_ladder_propose (rule, "2026-10-05", before, 2, 0);
      chain2 = tam_ladder_propose (rule, "2026-10-31", NULL, 0, 2);

      switch (rule->mode)
        {
        case TAM_COACHING_MODE_IMMEDIATE_SP4:
          expect_first = expect_again = TAM_COACHING_LEVEL_SP4;
          break;
        case TAM_COACHING_MODE_DIRECT:
          expect_first = rule->first;
          expect_again = TAM_COACHING_LEVEL_SP4;
          break;
        default:
          expect_first = rule->first;
          expect_again = MIN (rule->first + 1, TAM_COACHING_LEVEL_SP4);
          break;
        }
      g_assert_cmpint (first.level, ==, expect_first);
      g_assert_cmpint (first.previous, ==, -1);
      g_assert_cmpint (again.level, ==, expect_again);
      g_assert_cmpint (again.previous, ==, first.level);
      g_assert_cmpint (first.conditional, ==, rule->mode == TAM_COACHING_MODE_CONDITIONAL);
      g_assert_cmpint (again.conditional, ==, rule->mode == TAM_COACHING_MODE_CONDITIONAL);
      /* A chain of two failing months: one above the first level. */
      g_assert_cmpint (chain2.level, ==, MIN (rule->first + 1, TAM_COACHING_LEVEL_SP4));
    }
}

static void
test_ladder_stepwise (void)
{
  g_autoptr (TamCatalog) c = load_catalog ();
  const TamCoachingRule *late = tam_catalog_find (c, "LATE_LOGIN");
  const TamCoachingRule *direct = tam_catalog_find (c, "LOGIN_FOR_OTHERS");
  TamLadderRecord recs[12];
  char dates[12][11];
  guint n = 0;

  /* Each repeat, issued, one level up: COACHING1 ... SP4, then SP4. */
  for (int step = 0; step < 11; step++)
    {
      TamLadderProposal p;

      g_snprintf (dates[step], sizeof dates[step], "2026-10-%02d", step + 1);
      p = tam_ladder_propose (late, dates[step], recs, n, 0);
      g_assert_cmpint (p.level, ==, MIN (step, TAM_COACHING_LEVEL_SP4));
      recs[n++] = issued ("LATE_LOGIN", p.level, dates[step], "2027-04-01");
    }
  /* The return-to-vendor level is a setting of the catalog: the ladder
   * stops there. */
  {
    TamCoachingRule capped = *late;

    capped.top = TAM_COACHING_LEVEL_SP3;
    g_assert_cmpint (tam_ladder_propose (&capped, "2026-10-20", recs, n, 0).level, ==, TAM_COACHING_LEVEL_SP3);
    g_assert_cmpint (tam_ladder_propose (&capped, "2026-10-20", NULL, 0, 12).level, ==, TAM_COACHING_LEVEL_SP3);
  }
  /* A proposal or a dismissed record does not count. */
  {
    TamLadderRecord other[2] = { issued ("LATE_LOGIN", TAM_COACHING_LEVEL_SP2, "2026-10-01", "2027-04-01"),
                                 issued ("LATE_LOGIN", TAM_COACHING_LEVEL_SP3, "2026-10-01", "2027-04-01") };

    other[0].state = TAM_COACHING_STATE_PROPOSED;
    other[1].state = TAM_COACHING_STATE_DISMISSED;
    g_assert_cmpint (tam_ladder_propose (late, "2026-10-05", other, 2, 0).level, ==, TAM_COACHING_LEVEL_COACHING1);
  }
  /* DIRECT: SP1, and SP4 on a repeat while the SP1 is valid. */
  {
    TamLadderRecord sp1 = issued ("LOGIN_FOR_OTHERS", TAM_COACHING_LEVEL_SP1, "2026-10-01", "2027-04-03");

    g_assert_cmpint (tam_ladder_propose (direct, "2026-10-01", NULL, 0, 0).level, ==, TAM_COACHING_LEVEL_SP1);
    g_assert_cmpint (tam_ladder_propose (direct, "2027-04-03", &sp1, 1, 0).level, ==, TAM_COACHING_LEVEL_SP4);
    /* After it lapsed: SP1 again. */
    g_assert_cmpint (tam_ladder_propose (direct, "2027-04-04", &sp1, 1, 0).level, ==, TAM_COACHING_LEVEL_SP1);
  }
}

static void
test_ladder_lapse (void)
{
  g_autoptr (TamCatalog) c = load_catalog ();
  const TamCoachingRule *sick = tam_catalog_find (c, "SICK_NO_NOTE");
  g_autofree char *until = tam_ladder_add_months ("2026-08-31", c->settings.validity_months);
  TamLadderRecord recs[2];

  /* Issued 31 August: valid six months, to the end of February. */
  g_assert_cmpstr (until, ==, "2027-02-28");
  recs[0] = issued ("SICK_NO_NOTE", TAM_COACHING_LEVEL_KONSELING1, "2026-08-28", until);
  recs[1] = issued ("SICK_NO_NOTE", TAM_COACHING_LEVEL_KONSELING2, "2026-09-20", "2027-01-15");
  /* Both valid: one above the highest. */
  g_assert_cmpint (tam_ladder_propose (sick, "2027-01-15", recs, 2, 0).level, ==, TAM_COACHING_LEVEL_BATL);
  /* The KONSELING2 lapsed: one above the KONSELING1. */
  g_assert_cmpint (tam_ladder_propose (sick, "2027-01-16", recs, 2, 0).level, ==, TAM_COACHING_LEVEL_KONSELING2);
  g_assert_cmpint (tam_ladder_propose (sick, "2027-02-28", recs, 2, 0).level, ==, TAM_COACHING_LEVEL_KONSELING2);
  /* Both lapsed: the ladder starts again. */
  g_assert_cmpint (tam_ladder_propose (sick, "2027-03-01", recs, 2, 0).level, ==, TAM_COACHING_LEVEL_KONSELING1);
  g_assert_cmpint (tam_ladder_propose (sick, "2027-03-01", recs, 2, 0).previous, ==, -1);

  g_free (until);
  until = tam_ladder_add_months ("2027-08-31", 6);
  g_assert_cmpstr (until, ==, "2028-02-29");
  g_assert_null (tam_ladder_add_months ("2027-02-30", 6));
}

/* ------------------------------------------------------------------ */
/* Counting rules                                                       */

static GArray *
count (const char *const *spec)
{
  g_autoptr (TamCatalog) c = load_catalog ();
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (TamLadderDay));
  GArray *events = g_array_new (FALSE, FALSE, sizeof (TamLadderCountEvent));

  /* "2026-10-05 ABSENT_NO_NOTICE" */
  for (guint i = 0; spec[i] != NULL; i++)
    {
      TamLadderDay d;

      g_strlcpy (d.date, spec[i], sizeof d.date);
      d.status = tam_attendance_status_from_code (spec[i] + 11);
      g_assert_cmpint (d.status, >=, 0);
      g_array_append_val (days, d);
    }
  tam_ladder_count (&c->settings, (TamLadderDay *) (void *) days->data, days->len, events);
  return events;
}

static guint
n_of (GArray *events,
      TamCountRule rule)
{
  guint n = 0;

  for (guint i = 0; i < events->len; i++)
    n += g_array_index (events, TamLadderCountEvent, i).count == rule;
  return n;
}

static const TamLadderCountEvent *
first_of (GArray *events,
          TamCountRule rule)
{
  for (guint i = 0; i < events->len; i++)
    if (g_array_index (events, TamLadderCountEvent, i).count == rule)
      return &g_array_index (events, TamLadderCountEvent, i);
  g_assert_not_reached ();
  return NULL;
}

static void
test_count_alpa (void)
{
  /* The 4th on the 31st: SP4 on that day. */
  {
    static const char *const s[] = { "2026-10-28 ABSENT_NO_NOTICE", "2026-10-29 ABSENT_NO_NOTICE",
                                     "2026-10-30 ABSENT_NO_NOTICE", "2026-10-31 ABSENT_NO_NOTICE", NULL };
    g_autoptr (GArray) e = count (s);

    g_assert_cmpuint (n_of (e, TAM_COUNT_ALPA_MONTH), ==, 1);
    g_assert_cmpstr (first_of (e, TAM_COUNT_ALPA_MONTH)->date, ==, "2026-10-31");
    g_assert_cmpstr (first_of (e, TAM_COUNT_ALPA_MONTH)->key, ==, "alpa:2026-10");
  }
  /* Three on 29-31 October and one on 1 November: two months, none. */
  {
    static const char *const s[] = { "2026-10-29 ABSENT_NO_NOTICE", "2026-10-30 ABSENT_NO_NOTICE",
                                     "2026-10-31 ABSENT_NO_NOTICE", "2026-11-01 ABSENT_NO_NOTICE", NULL };
    g_autoptr (GArray) e = count (s);

    g_assert_cmpuint (n_of (e, TAM_COUNT_ALPA_MONTH), ==, 0);
  }
  /* December -> January: none; February of a leap year, the 29th. */
  {
    static const char *const s[] = { "2027-12-29 ABSENT_NO_NOTICE", "2027-12-30 ABSENT_NO_NOTICE",
                                     "2027-12-31 ABSENT_NO_NOTICE", "2028-01-01 ABSENT_NO_NOTICE",
                                     "2028-02-02 ABSENT_NO_NOTICE", "2028-02-27 ABSENT_NO_NOTICE",
                                     "2028-02-28 ABSENT_NO_NOTICE", "2028-02-29 ABSENT_NO_NOTICE",
                                     "2028-03-01 ABSENT_NO_NOTICE", NULL };
    g_autoptr (GArray) e = count (s);

    g_assert_cmpuint (n_of (e, TAM_COUNT_ALPA_MONTH), ==, 1);
    g_assert_cmpstr (first_of (e, TAM_COUNT_ALPA_MONTH)->date, ==, "2028-02-29");
  }
  /* Other absences are not ALPA; a fifth ALPA is the same month's event. */
  {
    static const char *const s[] = { "2026-10-01 ABSENT_NO_NOTICE", "2026-10-02 ABSENT_SHORT_NOTICE",
                                     "2026-10-03 ABSENT_NO_NOTICE", "2026-10-04 SICK_NO_NOTE",
                                     "2026-10-05 ABSENT_NO_NOTICE", "2026-10-06 ABSENT_NO_NOTICE",
                                     "2026-10-07 ABSENT_NO_NOTICE", NULL };
    g_autoptr (GArray) e = count (s);

    g_assert_cmpuint (n_of (e, TAM_COUNT_ALPA_MONTH), ==, 1);
    g_assert_cmpstr (first_of (e, TAM_COUNT_ALPA_MONTH)->date, ==, "2026-10-06");
  }
}

static void
test_count_absences (void)
{
  /* Six over November, December and January: on the sixth. */
  {
    static const char *const s[] = { "2026-11-30 ABSENT_NOTICE", "2026-12-01 SICK_NO_NOTE",
                                     "2026-12-15 ABSENT_SHORT_NOTICE", "2026-12-31 ABSENT_NO_NOTICE",
                                     "2027-01-02 SICK_NOTE", "2027-01-03 LEAVE", "2027-01-10 ABSENT_NOTICE",
                                     "2027-01-31 ABSENT_NOTICE", NULL };
    g_autoptr (GArray) e = count (s);

    g_assert_cmpuint (n_of (e, TAM_COUNT_ABSENCES_3_MONTHS), ==, 1);
    g_assert_cmpstr (first_of (e, TAM_COUNT_ABSENCES_3_MONTHS)->date, ==, "2027-01-31");
    g_assert_cmpuint (first_of (e, TAM_COUNT_ABSENCES_3_MONTHS)->n, ==, 6);
  }
  /* Sick with a note and annual leave excepted: five absences, none. */
  {
    static const char *const s[] = { "2026-11-02 ABSENT_NOTICE", "2026-11-03 SICK_NOTE", "2026-11-04 SICK_NOTE",
                                     "2026-12-01 LEAVE", "2026-12-02 LEAVE", "2026-12-03 ABSENT_NOTICE",
                                     "2027-01-04 ABSENT_NOTICE", "2027-01-05 ABSENT_NOTICE",
                                     "2027-01-06 ABSENT_NOTICE", NULL };
    g_autoptr (GArray) e = count (s);

    g_assert_cmpuint (n_of (e, TAM_COUNT_ABSENCES_3_MONTHS), ==, 0);
  }
  /* Four months apart do not make three consecutive: the window slides
   * (31 October falls out in February); after an event the count starts
   * again. */
  {
    static const char *const s[] = { "2026-10-31 ABSENT_NOTICE", "2026-11-01 ABSENT_NOTICE",
                                     "2026-12-01 ABSENT_NOTICE", "2027-01-01 ABSENT_NOTICE",
                                     "2027-02-01 ABSENT_NOTICE", "2027-02-28 ABSENT_NOTICE",
                                     "2027-03-01 ABSENT_NOTICE", "2027-03-02 ABSENT_NOTICE",
                                     "2027-03-03 ABSENT_NOTICE", "2027-03-04 ABSENT_NOTICE", NULL };
    g_autoptr (GArray) e = count (s);

    /* October to January: never more than three in a window; in March
     * the window is January to March (December fell out): Jan, Feb, Feb,
     * Mar, Mar, Mar on 3 March. The 4 March starts a new count. */
    g_assert_cmpuint (n_of (e, TAM_COUNT_ABSENCES_3_MONTHS), ==, 1);
    g_assert_cmpstr (first_of (e, TAM_COUNT_ABSENCES_3_MONTHS)->date, ==, "2027-03-03");
  }
}

/* ------------------------------------------------------------------ */
/* Performance chains                                                   */

static void
test_kpi_chains (void)
{
  g_autoptr (TamCatalog) c = load_catalog ();
  static const TamLadderKpi v[] = {
    { "2026-11", "AHT", 55 },
    { "2026-12", "AHT", 50 },
    { "2027-01", "AHT", 45 }, /* Nov-Jan: 1, 2, 3 */
    { "2027-02", "AHT", 60 }, /* meets it: broken */
    { "2027-03", "AHT", 40 }, /* 1 again */
    { "2027-05", "AHT", 40 }, /* April missing: 1 */
    { "2026-11", "FCR", 90 },
    { "2026-12", "FCR", 90 },
    { "2027-01", "FCR", 90 },
    { "2027-03", "FCR", 90 },
    { "2027-05", "FCR", 90 },
    { "2027-02", "FCR", 90 },
  };
  g_autoptr (GArray) e = g_array_new (FALSE, FALSE, sizeof (TamLadderKpiEvent));
  g_autoptr (GHashTable) weights = g_hash_table_new (g_str_hash, g_str_equal);
  GString *seen = g_string_new (NULL);
  g_autofree char *text = NULL;

  tam_ladder_kpi (&c->settings, v, G_N_ELEMENTS (v), NULL, e);
  for (guint i = 0; i < e->len; i++)
    {
      const TamLadderKpiEvent *x = &g_array_index (e, TamLadderKpiEvent, i);

      g_string_append_printf (seen, "%s %s %u;", x->parameter, x->month, x->chain);
    }
  text = g_string_free (seen, FALSE);
  /* Equal weights: the overall score never falls under 60 here
   * ((40 + 90) / 2 = 65). */
  g_assert_cmpstr (text, ==, "AHT 2026-11 1;AHT 2026-12 2;AHT 2027-01 3;AHT 2027-03 1;AHT 2027-05 1;");

  /* AHT weighing three times FCR: (3 * 55 + 90) / 4 = 63.75, (3 * 50 + 90) / 4 = 60,
   * (3 * 45 + 90) / 4 = 56.25, (3 * 40 + 90) / 4 = 52.5. */
  g_hash_table_insert (weights, (char *) "AHT", (char *) "3");
  g_hash_table_insert (weights, (char *) "FCR", (char *) "1");
  g_assert_cmpfloat_with_epsilon (tam_ladder_overall_score (v, 1, weights), 55, 1e-9);
  {
    TamLadderKpi two[] = { v[0], v[6] };

    g_assert_cmpfloat_with_epsilon (tam_ladder_overall_score (two, 2, weights), 63.75, 1e-9);
    g_assert_cmpfloat_with_epsilon (tam_ladder_overall_score (two, 2, NULL), 72.5, 1e-9);
  }
  g_array_set_size (e, 0);
  tam_ladder_kpi (&c->settings, v, G_N_ELEMENTS (v), weights, e);
  {
    GString *o = g_string_new (NULL);
    g_autofree char *overall = NULL;

    for (guint i = 0; i < e->len; i++)
      {
        const TamLadderKpiEvent *x = &g_array_index (e, TamLadderKpiEvent, i);

        if (strcmp (x->parameter, "OVERALL") == 0)
          g_string_append_printf (o, "%s %u;", x->month, x->chain);
      }
    overall = g_string_free (o, FALSE);
    /* December is exactly 60: met, so January starts a chain. */
    g_assert_cmpstr (overall, ==, "2027-01 1;2027-03 1;2027-05 1;");
  }
}

/* ------------------------------------------------------------------ */
/* The store: records, proposals, decisions                             */

typedef struct
{
  Fixture fx;
  TamSession *manager;
  TamSession *far_spv; /* a supervisor of another site */
} World;

static void
world_setup (World *w,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_autoptr (TamSession) boot = tam_session_new (0, "SETUP", "Set-up", "MANAGER", "BANDUNG", NULL);

  fixture_setup (&w->fx, data);
  /* A manager and supervisors are entered by a manager (issue 13). */
  fixture_add_person (w->fx.store, boot, "M001", "Hendra Wijaya", "MANAGER", NULL, 0);
  fixture_add_person (w->fx.store, boot, "S002", "Yusuf Hakim", "SUPERVISOR_OPS", NULL, 0);
  tam_store_exec (w->fx.store, "UPDATE people SET site = 'MEDAN' WHERE nik = 'S002'", &error);
  g_assert_no_error (error);
  w->manager = fixture_session (w->fx.store, "M001");
  w->far_spv = fixture_session (w->fx.store, "S002");
}

static void
world_teardown (World *w,
                gconstpointer data)
{
  tam_session_free (w->manager);
  tam_session_free (w->far_spv);
  fixture_teardown (&w->fx, data);
}

static gint64
record_ok (World *w,
           const TamSession *who,
           const char *nik,
           const char *rule,
           const char *date)
{
  g_autoptr (GError) error = NULL;
  gint64 id = tam_coaching_record (w->fx.store, who, nik, rule, date, "catatan", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
issue_ok (World *w,
          const TamSession *who,
          gint64 id,
          const char *date)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (tam_coaching_issue (w->fx.store, who, id, date, &error));
  g_assert_no_error (error);
}

static TamCoachingRecord *
get (World *w,
     gint64 id)
{
  g_autoptr (GError) error = NULL;
  TamCoachingRecord *r = tam_coaching_get (w->fx.store, w->fx.sup, id, &error);

  g_assert_no_error (error);
  return r;
}

static gint64
count_sql (World *w,
           const char *sql)
{
  return fixture_count (&w->fx, sql);
}

static void
test_permissions (World *w,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) seen = NULL;
  gint64 by_qco, by_tl, self;

  /* A QCO records, and cannot issue. */
  by_qco = record_ok (w, w->fx.qco, "A003", "WRONG_INFORMATION", "2026-10-05");
  g_assert_false (tam_coaching_issue (w->fx.store, w->fx.qco, by_qco, "2026-10-06", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  /* A team leader records for their own team only, and cannot issue. */
  by_tl = record_ok (w, w->fx.tl1, "A001", "NO_ID_CARD", "2026-10-05");
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.tl1, "A003", "NO_ID_CARD", "2026-10-05", NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_coaching_issue (w->fx.store, w->fx.tl1, by_tl, "2026-10-06", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  /* An agent does nothing. */
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.agent, "A002", "NO_ID_CARD", "2026-10-05", NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  /* A team leader sees their own team only. */
  seen = tam_coaching_list (w->fx.store, w->fx.tl1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 1);
  g_assert_cmpstr (((TamCoachingRecord *) seen->pdata[0])->nik, ==, "A001");
  g_assert_null (tam_coaching_get (w->fx.store, w->fx.tl1, by_qco, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&seen, g_ptr_array_unref);
  seen = tam_coaching_list (w->fx.store, w->fx.sup, NULL, &error);
  g_assert_cmpuint (seen->len, ==, 2);

  /* Nobody issues a record to themselves. */
  self = record_ok (w, w->fx.qco, "S001", "NO_ID_CARD", "2026-10-05");
  g_assert_false (tam_coaching_issue (w->fx.store, w->fx.sup, self, "2026-10-06", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.sup, "S001", "NO_ID_CARD", "2026-10-05", NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  /* A supervisor of another site is out of scope; a manager is not. */
  g_assert_false (tam_coaching_issue (w->fx.store, w->far_spv, by_qco, "2026-10-06", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  issue_ok (w, w->manager, self, "2026-10-06");
  issue_ok (w, w->fx.sup, by_qco, "2026-10-06");

  /* Bad input: nothing stored. */
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.sup, "A001", "NOT_A_RULE", "2026-10-05", NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "NOT_A_RULE"));
  g_clear_error (&error);
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.sup, "A001", "NO_ID_CARD", "2026-02-30", NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.sup, "X999", "NO_ID_CARD", "2026-10-05", NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.sup, "A001", "NO_ID_CARD", "2026-10-05", NULL, "NO-CALL", &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records"), ==, 3);
  /* The inbox: the one open proposal (TL001's), seen by its team leader
   * and the Bandung supervisor, not by a Medan one. */
  g_assert_cmpint (tam_coaching_count_open (w->fx.store, w->fx.sup, NULL), ==, 1);
  g_assert_cmpint (tam_coaching_count_open (w->fx.store, w->fx.tl1, NULL), ==, 1);
  g_assert_cmpint (tam_coaching_count_open (w->fx.store, w->fx.tl2, NULL), ==, 0);
  g_assert_cmpint (tam_coaching_count_open (w->fx.store, w->far_spv, NULL), ==, 0);
  /* Filters. */
  {
    TamCoachingFilter f = TAM_COACHING_FILTER_INIT;
    g_autoptr (GPtrArray) some = NULL;

    f.level = TAM_COACHING_LEVEL_KONSELING1;
    some = tam_coaching_list (w->fx.store, w->fx.sup, &f, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (some->len, ==, 1);
    g_assert_cmpstr (((TamCoachingRecord *) some->pdata[0])->rule_code, ==, "WRONG_INFORMATION");
    g_clear_pointer (&some, g_ptr_array_unref);
    f.level = -1;
    f.team_leader_id = fixture_person_id (&w->fx, "T001");
    some = tam_coaching_list (w->fx.store, w->fx.sup, &f, &error);
    g_assert_cmpuint (some->len, ==, 1);
    g_clear_pointer (&some, g_ptr_array_unref);
    f.team_leader_id = 0;
    f.site = "MEDAN";
    some = tam_coaching_list (w->fx.store, w->fx.sup, &f, &error);
    g_assert_cmpuint (some->len, ==, 0);
  }
  /* Every step in the audit log. */
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE entity = 'coaching_records' AND action = 'RECORD'"),
                   ==, 3);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE entity = 'coaching_records' AND action = 'ISSUE'"),
                   ==, 2);
}

/* Every catalog row through the store: recorded by hand, proposed at its
 * first level (SP4 for IMMEDIATE_SP4), with its mode and the catalog's
 * version kept. */
static void
test_record_every_row (World *w,
                       gconstpointer data)
{
  g_autoptr (TamCatalog) c = load_catalog ();

  for (guint i = 0; i < c->rules->len; i++)
    {
      const TamCoachingRule *rule = c->rules->pdata[i];
      g_autofree char *day = g_strdup_printf ("2026-%02u-%02u", 1 + i / 28, 1 + i % 28);
      gint64 id = record_ok (w, w->fx.sup, "A004", rule->code, day);
      g_autoptr (TamCoachingRecord) r = get (w, id);

      g_assert_cmpstr (r->rule_code, ==, rule->code);
      g_assert_cmpint (r->level, ==, rule->mode == TAM_COACHING_MODE_IMMEDIATE_SP4 ? TAM_COACHING_LEVEL_SP4 : rule->first);
      g_assert_cmpint (r->mode, ==, rule->mode);
      g_assert_cmpint (r->conditional, ==, rule->mode == TAM_COACHING_MODE_CONDITIONAL);
      g_assert_cmpstr (r->catalog_version, ==, c->version);
      g_assert_cmpstr (r->occurred_on, ==, day);
      g_assert_cmpstr (r->proposed_by_nik, ==, "S001");
    }
  g_assert_cmpint (count_sql (w, "SELECT count(DISTINCT nonconformity) FROM coaching_records"), ==, c->rules->len);
}

static void
test_escalation (World *w,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 ids[6];
  static const TamCoachingLevel expect[6] = {
    TAM_COACHING_LEVEL_COACHING1,
    TAM_COACHING_LEVEL_COACHING2,
    TAM_COACHING_LEVEL_KONSELING1,
    TAM_COACHING_LEVEL_KONSELING2,
    TAM_COACHING_LEVEL_BATL,
    TAM_COACHING_LEVEL_SP1,
  };
  gint64 d1, d2, imm;

  /* Proposed together, issued in turn: each issue takes the ladder again. */
  for (int i = 0; i < 6; i++)
    {
      g_autofree char *day = g_strdup_printf ("2026-10-%02d", 5 + i);

      ids[i] = record_ok (w, w->fx.tl1, "A001", "DESK_UNTIDY", day);
    }
  for (int i = 0; i < 6; i++)
    {
      g_autoptr (TamCoachingRecord) r = NULL;

      issue_ok (w, w->fx.sup, ids[i], "2026-10-20");
      r = get (w, ids[i]);
      g_assert_cmpint (r->level, ==, expect[i]);
      g_assert_cmpint (r->previous_level, ==, i == 0 ? -1 : (int) expect[i - 1]);
      g_assert_cmpstr (r->issued_on, ==, "2026-10-20");
      g_assert_cmpstr (r->valid_until, ==, "2027-04-20");
      g_assert_cmpstr (r->decided_by_nik, ==, "S001");
      g_assert_cmpstr (r->catalog_version, ==, "IK-PEMBINAAN-TRANSVISION-1");
    }
  g_assert_cmpint (tam_coaching_standing (w->fx.store, fixture_person_id (&w->fx, "A001"), "2026-10-21", NULL), ==,
                   TAM_COACHING_LEVEL_SP1);
  g_assert_cmpint (tam_coaching_standing (w->fx.store, fixture_person_id (&w->fx, "A001"), "2027-04-21", NULL), ==, -1);
  /* After the lapse, the first level again. */
  {
    gint64 later = record_ok (w, w->fx.tl1, "A001", "DESK_UNTIDY", "2027-04-21");
    g_autoptr (TamCoachingRecord) r = get (w, later);

    g_assert_cmpint (r->level, ==, TAM_COACHING_LEVEL_COACHING1);
  }

  /* DIRECT: the repeat goes to SP4. */
  d1 = record_ok (w, w->fx.sup, "A002", "LOGIN_FOR_OTHERS", "2026-10-05");
  issue_ok (w, w->manager, d1, "2026-10-06");
  d2 = record_ok (w, w->fx.sup, "A002", "LOGIN_FOR_OTHERS", "2026-11-05");
  {
    g_autoptr (TamCoachingRecord) r = get (w, d2);

    g_assert_cmpint (r->level, ==, TAM_COACHING_LEVEL_SP4);
    g_assert_cmpint (r->mode, ==, TAM_COACHING_MODE_DIRECT);
  }
  /* IMMEDIATE_SP4 the first time; CONDITIONAL flagged, decided explicitly. */
  imm = record_ok (w, w->fx.sup, "A003", "RUDE_TO_CUSTOMER", "2026-10-05");
  {
    g_autoptr (TamCoachingRecord) r = get (w, imm);
    gint64 cond = record_ok (w, w->fx.tl1, "A001", "OVERTIME_REFUSED", "2026-10-05");
    g_autoptr (TamCoachingRecord) c = get (w, cond);

    g_assert_cmpint (r->level, ==, TAM_COACHING_LEVEL_SP4);
    g_assert_true (c->conditional);
    g_assert_cmpint (c->level, ==, TAM_COACHING_LEVEL_KONSELING1);
    g_assert_cmpint (c->state, ==, TAM_COACHING_STATE_PROPOSED);
    /* Dismissed needs a reason. */
    g_assert_false (tam_coaching_dismiss (w->fx.store, w->fx.sup, cond, "  ", &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (tam_coaching_dismiss (w->fx.store, w->fx.sup, cond, "Sedang sakit, ada surat dokter", &error));
    g_assert_no_error (error);
    g_assert_false (tam_coaching_issue (w->fx.store, w->fx.sup, cond, "2026-10-07", &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* SP4 is a recommendation: only a manager confirms, then the agent is
   * returned to the vendor. */
  issue_ok (w, w->fx.sup, imm, "2026-10-06");
  g_assert_false (tam_coaching_confirm (w->fx.store, w->fx.sup, imm, "2026-10-07", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_coaching_confirm (w->fx.store, w->manager, d1, "2026-10-07", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM people WHERE nik = 'A003' AND status = 'ACTIVE'"), ==, 1);
  g_assert_true (tam_coaching_confirm (w->fx.store, w->manager, imm, "2026-10-07", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM people WHERE nik = 'A003' AND status = 'RETURNED_TO_VENDOR'"), ==, 1);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE action = 'RETURN_TO_VENDOR'"), ==, 1);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE action = 'CONFIRM'"), ==, 1);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE action = 'DISMISS'"), ==, 1);
}

static void
test_receipt (World *w,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 a = record_ok (w, w->fx.tl1, "A001", "NO_ID_CARD", "2026-10-05");
  gint64 b = record_ok (w, w->fx.tl1, "A002", "NO_ID_CARD", "2026-10-05");

  /* Not before it is issued. */
  g_assert_false (tam_coaching_acknowledge (w->fx.store, w->fx.sup, a, "2026-10-07", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);
  issue_ok (w, w->fx.sup, a, "2026-10-06");
  issue_ok (w, w->fx.sup, b, "2026-10-06");
  /* Not before the issue date; the team leader may record it. */
  g_assert_false (tam_coaching_acknowledge (w->fx.store, w->fx.tl1, a, "2026-10-05", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tam_coaching_acknowledge (w->fx.store, w->fx.tl1, a, "2026-10-07", &error));
  g_assert_no_error (error);
  g_assert_false (tam_coaching_acknowledge (w->fx.store, w->fx.tl1, a, "2026-10-08", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);
  /* A refusal needs a witness who is not the agent. */
  g_assert_false (tam_coaching_refuse (w->fx.store, w->fx.sup, b, NULL, "2026-10-07", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_coaching_refuse (w->fx.store, w->fx.sup, b, "A002", "2026-10-07", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_coaching_refuse (w->fx.store, w->fx.qco, b, "T001", "2026-10-07", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (tam_coaching_refuse (w->fx.store, w->fx.sup, b, "T001", "2026-10-07", &error));
  g_assert_no_error (error);
  {
    g_autoptr (TamCoachingRecord) ra = get (w, a);
    g_autoptr (TamCoachingRecord) rb = get (w, b);

    g_assert_cmpstr (ra->acknowledged_on, ==, "2026-10-07");
    g_assert_false (ra->refused);
    g_assert_true (rb->refused);
    g_assert_cmpstr (rb->witness_nik, ==, "T001");
  }
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE action IN ('ACKNOWLEDGE','REFUSE')"), ==, 2);
}

static void
save_day (World *w,
          const char *nik,
          const char *date,
          const char *status)
{
  g_autoptr (GError) error = NULL;
  TamAttendance row = { 0 };
  gboolean off = strcmp (status, "OFF") == 0 || strcmp (status, "LEAVE") == 0 || g_str_has_prefix (status, "ABSENT") ||
                 g_str_has_prefix (status, "SICK");

  row.person_id = fixture_person_id (&w->fx, nik);
  row.date = (char *) date;
  row.status = (char *) status;
  row.shift_start = off ? NULL : (char *) "08:00";
  row.shift_end = off ? NULL : (char *) "17:00";
  row.note = (char *) "";
  g_assert_true (tam_attendance_save (w->fx.store, w->fx.sup, &row, &error));
  g_assert_no_error (error);
}

static void
test_propose_attendance (World *w,
                         gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint n = 99;

  /* No attendance yet: nothing, and no failure. */
  tam_coaching_attendance_changed (w->fx.store, 0);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records"), ==, 0);
  /* The edit of a day proposes at once (the hook). */
  save_day (w, "A001", "2026-10-05", "LATE");
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE nonconformity = 'LATE_LOGIN'"
                                 " AND level = 'COACHING1' AND state = 'PROPOSED' AND occurred_on = '2026-10-05'"
                                 " AND event_key = 'att:2026-10-05' AND proposed_by IS NULL"),
                   ==, 1);
  /* Corrected to PRESENT: the desk's undecided proposal is withdrawn;
   * late again, proposed again. */
  save_day (w, "A001", "2026-10-05", "PRESENT");
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records"), ==, 0);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE action = 'WITHDRAW'"), ==, 1);
  save_day (w, "A001", "2026-10-05", "LATE");
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE event_key = 'att:2026-10-05'"), ==, 1);
  save_day (w, "A001", "2026-10-06", "PRESENT");
  save_day (w, "A002", "2026-10-06", "LATE_FROM_BREAK");
  save_day (w, "A002", "2026-10-07", "SICK_NO_NOTE");
  save_day (w, "A003", "2026-10-07", "ABSENT_SHORT_NOTICE");
  save_day (w, "A004", "2026-10-07", "SICK_NOTE");
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records"), ==, 4);
  /* Idempotent: nothing new, however often. */
  g_assert_true (tam_coaching_propose (w->fx.store, w->fx.sup, "2026-10-31", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  /* A dismissed proposal is not made again. */
  g_assert_true (tam_coaching_dismiss (w->fx.store, w->fx.sup,
                                       count_sql (w, "SELECT id FROM coaching_records WHERE nonconformity = 'SICK_NO_NOTE'"),
                                       "Surat dokter menyusul", &error));
  g_assert_no_error (error);
  save_day (w, "A002", "2026-10-07", "SICK_NO_NOTE");
  g_assert_true (tam_coaching_propose (w->fx.store, w->fx.sup, "2026-10-31", &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records"), ==, 4);
  /* Recorded by hand for the same day: the same event, refused. */
  g_assert_cmpint (tam_coaching_record (w->fx.store, w->fx.tl1, "A001", "LATE_LOGIN", "2026-10-05", NULL, NULL, &error),
                   ==, 0);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_clear_error (&error);
  /* An agent may not run the proposals (a team leader may, below). */
  g_assert_false (tam_coaching_propose (w->fx.store, w->fx.agent, "2026-10-31", &n, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  /* An import proposes too, once: four ALPA in October, the 4th on the
   * 31st, is SP4 that day besides each day's own proposal. */
  {
    g_autofree char *path = fixture_file (&w->fx, "alpa.csv",
                                          "date,nik,shift_start,shift_end,status,check_in,check_out,note\n"
                                          "2026-10-20,A004,,,ABSENT_NO_NOTICE,,,\n"
                                          "2026-10-22,A004,,,ABSENT_NO_NOTICE,,,\n"
                                          "2026-10-30,A004,,,ABSENT_NO_NOTICE,,,\n"
                                          "2026-10-31,A004,,,ABSENT_NO_NOTICE,,,\n"
                                          "2026-10-31,A001,08:00,17:00,LATE,08:20,17:00,\n");
    TamImportResult result = { 0 };

    g_assert_true (tam_import_file (w->fx.store, w->fx.sup, TAM_IMPORT_ATTENDANCE, path, NULL, NULL, NULL, NULL,
                                    &result, &error));
    g_assert_no_error (error);
    tam_import_result_clear (&result);
    g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE nonconformity = 'ALPA_4_IN_MONTH'"
                                   " AND level = 'SP4' AND occurred_on = '2026-10-31'"),
                     ==, 1);
    g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE nonconformity = 'ABSENT_NO_NOTICE'"),
                     ==, 4);
    g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records"), ==, 10);
    /* The same file again: nothing new. */
    g_assert_true (tam_import_file (w->fx.store, w->fx.sup, TAM_IMPORT_ATTENDANCE, path, NULL, NULL, NULL, NULL,
                                    &result, &error));
    g_assert_no_error (error);
    tam_import_result_clear (&result);
    g_assert_true (tam_coaching_propose (w->fx.store, w->fx.tl1, "2026-12-31", &n, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n, ==, 0);
    g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records"), ==, 10);
  }
  /* Escalation follows the issued records: A001's LATE of 5 October is
   * issued; the LATE of 31 October, proposed at COACHING1 before, is
   * COACHING2 when issued. */
  issue_ok (w, w->fx.sup, count_sql (w, "SELECT id FROM coaching_records WHERE event_key = 'att:2026-10-05'"), "2026-10-06");
  {
    gint64 id = count_sql (w, "SELECT id FROM coaching_records WHERE event_key = 'att:2026-10-31' AND nonconformity = 'LATE_LOGIN'");

    issue_ok (w, w->fx.sup, id, "2026-11-02");
    g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE level = 'COACHING2' AND state = 'ISSUED'"), ==, 1);
  }
  /* One audit row for each batch of proposals: five edits and the import. */
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM audit_log WHERE action = 'PROPOSE' AND actor_nik = 'system'"), ==, 6);
}

static void
kpi (World *w,
     const char *month,
     const char *nik,
     const char *parameter,
     double value)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *s = tam_store_prepare (w->fx.store,
                                       "INSERT INTO kpi_inputs (month, person_id, parameter, value)"
                                       " SELECT ?, id, ?, ? FROM people WHERE nik = ?",
                                       &error);

  g_assert_no_error (error);
  sqlite3_bind_text (s, 1, month, -1, SQLITE_STATIC);
  sqlite3_bind_text (s, 2, parameter, -1, SQLITE_STATIC);
  sqlite3_bind_double (s, 3, value);
  sqlite3_bind_text (s, 4, nik, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (s), ==, SQLITE_DONE);
  sqlite3_reset (s);
}

static void
test_propose_kpi (World *w,
                  gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  /* A001: AHT under 60 in November, December and January (chain across
   * the year), FCR fine; the overall (equal weights) under 60 in
   * December and January. */
  kpi (w, "2026-11", "A001", "AHT", 55);
  kpi (w, "2026-11", "A001", "FCR", 70);
  kpi (w, "2026-12", "A001", "AHT", 50);
  kpi (w, "2026-12", "A001", "FCR", 60);
  kpi (w, "2027-01", "A001", "AHT", 30);
  kpi (w, "2027-01", "A001", "FCR", 80);
  kpi (w, "2027-02", "A001", "AHT", 60);
  kpi (w, "2027-02", "A001", "FCR", 80);
  kpi (w, "2027-03", "A001", "AHT", 10);
  kpi (w, "2027-03", "A001", "FCR", 90);
  g_assert_true (tam_coaching_propose (w->fx.store, w->fx.sup, "2027-01-31", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE nonconformity = 'PERF_PARAMETER'"
                                 " AND ((event_key = 'kpi:AHT:2026-11' AND level = 'COACHING1' AND occurred_on = '2026-11-30')"
                                 " OR (event_key = 'kpi:AHT:2026-12' AND level = 'COACHING2' AND occurred_on = '2026-12-31')"
                                 " OR (event_key = 'kpi:AHT:2027-01' AND level = 'KONSELING1'))"),
                   ==, 3);
  /* Overall: November (55 + 70) / 2 = 62.5 meets it; December
   * (50 + 60) / 2 = 55 and January (30 + 80) / 2 = 55 do not:
   * KONSELING1, then one up. */
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE nonconformity = 'PERF_ABU'"), ==, 2);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE nonconformity = 'PERF_ABU'"
                                 " AND ((event_key = 'kpi:OVERALL:2026-12' AND level = 'KONSELING1')"
                                 " OR (event_key = 'kpi:OVERALL:2027-01' AND level = 'KONSELING2'))"),
                   ==, 2);
  /* February meets the target: the chain is broken; March starts again. */
  g_assert_true (tam_coaching_propose (w->fx.store, w->fx.sup, "2027-03-31", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE event_key = 'kpi:AHT:2027-03'"
                                 " AND level = 'COACHING1'"),
                   ==, 1);
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE event_key = 'kpi:OVERALL:2027-03'"
                                 " AND level = 'KONSELING1'"),
                   ==, 1);
  /* Weights from the settings: FCR only, the overall passes in March. */
  g_assert_true (tam_store_set_setting (w->fx.store, "kpi_weight_AHT", "0", &error));
  g_assert_true (tam_store_set_setting (w->fx.store, "kpi_weight_FCR", "1", &error));
  kpi (w, "2027-04", "A001", "AHT", 10);
  kpi (w, "2027-04", "A001", "FCR", 90);
  g_assert_true (tam_coaching_propose (w->fx.store, w->fx.sup, "2027-04-30", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1); /* AHT April, chain 2; no overall */
  g_assert_cmpint (count_sql (w, "SELECT count(*) FROM coaching_records WHERE event_key = 'kpi:AHT:2027-04'"
                                 " AND level = 'COACHING2'"),
                   ==, 1);
}

/* ------------------------------------------------------------------ */
/* Letters and F-03                                                     */

static char *
pdf_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* One space for every run of blanks and line breaks: wrapped lines
   * read as one text. */
  {
    GString *flat = g_string_new (NULL);

    for (const char *p = out; *p != '\0'; p++)
      {
        if (g_ascii_isspace (*p))
          {
            if (flat->len > 0 && flat->str[flat->len - 1] != ' ')
              g_string_append_c (flat, ' ');
          }
        else
          g_string_append_c (flat, *p);
      }
    g_free (out);
    return g_string_free (flat, FALSE);
  }
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    {
      g_test_message ("%s", text);
      g_test_fail_printf ("the letter has no “%s”", part);
    }
}

static void
test_letter (World *w,
             gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = g_build_filename (w->fx.dir, "sp2.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *d = NULL;
  g_autoptr (TamLetter) letter = NULL;
  gint64 a, b, c;

  d = tam_letter_format_date ("2027-01-05");
  g_assert_cmpstr (d, ==, "5 Januari 2027");
  g_free (d);
  d = tam_letter_format_date ("2026-12-31");
  g_assert_cmpstr (d, ==, "31 Desember 2026");

  /* SP1 then SP2 for hanging up on a customer. */
  a = record_ok (w, w->fx.qco, "A002", "HANG_UP", "2026-12-01");
  issue_ok (w, w->fx.sup, a, "2026-12-02");
  b = record_ok (w, w->fx.qco, "A002", "HANG_UP", "2027-01-04");
  issue_ok (w, w->fx.sup, b, "2027-01-05");
  g_assert_true (tam_coaching_refuse (w->fx.store, w->fx.sup, b, "T001", "2027-01-06", &error));
  g_assert_no_error (error);

  /* A proposal has no letter. */
  c = record_ok (w, w->fx.qco, "A002", "HANG_UP", "2027-01-10");
  g_assert_null (tam_letter_new (w->fx.store, w->fx.sup, c, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  letter = tam_letter_new (w->fx.store, w->fx.sup, b, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tam_letter_get_title (letter), ==, "SURAT PERINGATAN KEDUA (SP2)");
  g_assert_true (tam_letter_write_pdf (letter, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_contains (text, "SURAT PERINGATAN KEDUA (SP2)");
  assert_contains (text, "Citra Dewi");
  assert_contains (text, "A002");
  assert_contains (text, "Agen Telemarketing");
  assert_contains (text, "Bandung");
  assert_contains (text, "Agus Salim");                      /* team leader */
  assert_contains (text, "memutuskan hubungan kontak");      /* the catalog row's words */
  assert_contains (text, "butir 3 (HANG_UP)");               /* the row */
  assert_contains (text, "4 Januari 2027");                  /* occurred */
  assert_contains (text, "Surat Peringatan Pertama (SP1)");  /* the previous valid level */
  assert_contains (text, "5 Januari 2027 s.d. 5 Juli 2027"); /* validity */
  assert_contains (text, "Surat Peringatan Ketiga (SP3)");   /* on a repeat */
  assert_contains (text, "Dewi Lestari");                    /* the signer */
  assert_contains (text, "menolak menandatangani");          /* refused... */
  assert_contains (text, "Yang menerima");                   /* signature lines */
  assert_contains (text, "Saksi");                           /* ...before a witness */
  assert_contains (text, "memberikan Surat Peringatan Kedua (SP2) kepada");
  g_clear_pointer (&letter, tam_letter_free);
  g_free (text);

  /* The BATL minutes. */
  c = record_ok (w, w->fx.qco, "A001", "NO_CLOSED_TICKET", "2027-01-11");
  issue_ok (w, w->fx.sup, c, "2027-01-12");
  letter = tam_letter_new (w->fx.store, w->fx.sup, c, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tam_letter_get_title (letter), ==, "BERITA ACARA TEGURAN LISAN");
  g_assert_true (tam_letter_write_pdf (letter, pdf, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);
  assert_contains (text, "BERITA ACARA TEGURAN LISAN");
  assert_contains (text, "Pada hari ini, 12 Januari 2027, telah dilakukan teguran lisan");
  assert_contains (text, "Budi Santoso");
  assert_contains (text, "Surat Peringatan Pertama (SP1)"); /* what a repeat brings */
}

static void
test_f03 (World *w,
          gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = g_build_filename (w->fx.dir, "f03.csv", NULL);
  g_autofree char *counts_path = NULL;
  g_autofree char *xlsx = g_build_filename (w->fx.dir, "f03.xlsx", NULL);
  g_autofree char *text = NULL, *counts = NULL;
  gint64 a;

  a = record_ok (w, w->fx.qco, "A001", "NO_ID_CARD", "2026-10-05");
  issue_ok (w, w->fx.sup, a, "2026-10-06");
  record_ok (w, w->fx.qco, "A003", "NO_ID_CARD", "2026-10-31");
  record_ok (w, w->fx.qco, "A003", "NO_ID_CARD", "2026-11-01"); /* not October */
  g_assert_true (tam_f03_write (w->fx.store, w->fx.sup, "2026-10", csv, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "date,agent_nik,agent,team_leader_nik,team_leader,site,service,rule,level,state,"
                                         "issued_on,valid_until,acknowledged_on,refused_witness_nik,decided_by_nik,id\r\n"
                                         "2026-10-05,A001,Budi Santoso,T001,Agus Salim,BANDUNG,ADDON_CONSUMER,NO_ID_CARD,"
                                         "COACHING1,ISSUED,2026-10-06,2027-04-06,,,S001,"));
  assert_contains (text, "2026-10-31,A003,");
  g_assert_null (strstr (text, "2026-11-01"));
  counts_path = tam_report_second_csv_path (tam_report_find ("f03"), csv);
  g_file_get_contents (counts_path, &counts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (counts, ==,
                   "kind,code,name,records\r\n"
                   "TEAM,T001,Agus Salim,1\r\n"
                   "TEAM,T002,Rina Wati,1\r\n"
                   "SITE,BANDUNG,Bandung,2\r\n"
                   "LEVEL,COACHING1,Coaching 1,2\r\n"
                   "TOTAL,,Total,2\r\n");
  /* The registry's entry writes the workbook. */
  g_assert_true (tam_report_find ("f03") != NULL);
  g_assert_true (tam_report_find ("F-03")->write (w->fx.store, w->fx.sup, "2026-10", xlsx, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  /* A team leader's F-03 holds their team. */
  g_assert_true (tam_f03_write (w->fx.store, w->fx.tl1, "2026-10", csv, NULL, NULL, NULL, &error));
  g_free (text);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_null (strstr (text, "A003"));
}

int
main (int argc,
      char **argv)
{
  g_autofree char *datadir = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The source tree's catalog, whatever is installed. */
  datadir = g_test_build_filename (G_TEST_DIST, "..", "data", NULL);
  if (g_getenv ("TAM_DATADIR") == NULL)
    g_setenv ("TAM_DATADIR", datadir, TRUE);

  g_test_add_func ("/coaching/catalog", test_catalog);
  g_test_add_func ("/coaching/catalog/broken", test_catalog_broken);
  g_test_add_func ("/coaching/catalog/broken-proposes-nothing", test_catalog_broken_proposes_nothing);
  g_test_add_func ("/coaching/ladder/every-row", test_ladder_every_row);
  g_test_add_func ("/coaching/ladder/stepwise", test_ladder_stepwise);
  g_test_add_func ("/coaching/ladder/lapse", test_ladder_lapse);
  g_test_add_func ("/coaching/count/alpa", test_count_alpa);
  g_test_add_func ("/coaching/count/absences", test_count_absences);
  g_test_add_func ("/coaching/kpi/chains", test_kpi_chains);
  g_test_add ("/coaching/permissions", World, NULL, world_setup, test_permissions, world_teardown);
  g_test_add ("/coaching/record/every-row", World, NULL, world_setup, test_record_every_row, world_teardown);
  g_test_add ("/coaching/escalation", World, NULL, world_setup, test_escalation, world_teardown);
  g_test_add ("/coaching/receipt", World, NULL, world_setup, test_receipt, world_teardown);
  g_test_add ("/coaching/propose/attendance", World, NULL, world_setup, test_propose_attendance, world_teardown);
  g_test_add ("/coaching/propose/kpi", World, NULL, world_setup, test_propose_kpi, world_teardown);
  g_test_add ("/coaching/letter", World, NULL, world_setup, test_letter, world_teardown);
  g_test_add ("/coaching/f03", World, NULL, world_setup, test_f03, world_teardown);
  return g_test_run ();
}
