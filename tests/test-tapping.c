/* The tapping queue in the core: the state machine, the rules of a
 * verdict, permissions and visibility, claims and their expiry, undo, the
 * queue's filters and paging, the parameters, and tamctl tap / recall. */
#include "config.h"

#include <gio/gio.h>

#include "tam-audit.h"
#include "tam-tapping.h"
#include "tapping-world.h"

typedef struct
{
  World w;
  gint64 b1, b2, b3;   /* AGREE, Bandung, ani (ADDON_CONSUMER) */
  gint64 c1;           /* AGREE, Bandung, cici (CT0_PRANPC) */
  gint64 m1;           /* AGREE, Medan, dodi */
  gint64 d1;           /* DECLINE, Bandung, ani */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  world_setup (&f->w, "tapping", GPOINTER_TO_INT (data));
  f->b1 = world_call (&f->w, "B-001", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-05 09:12:33", "AGREE");
  f->b2 = world_call (&f->w, "B-002", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-05 10:00:00", "AGREE");
  f->b3 = world_call (&f->w, "B-003", f->w.budi, "BANDUNG", "ADDON_CONSUMER", "2026-10-06 08:30:00", "AGREE");
  f->c1 = world_call (&f->w, "C-001", f->w.cici, "BANDUNG", "CT0_PRANPC", "2026-10-04 14:00:00", "AGREE");
  f->m1 = world_call (&f->w, "M-001", f->w.dodi, "MEDAN", "ADDON_CONSUMER", "2026-10-05 11:00:00", "AGREE");
  f->d1 = world_call (&f->w, "B-900", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-05 12:00:00", "DECLINE");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  world_teardown (&f->w);
}

static char *
call_state (Fixture *f,
            gint64   id)
{
  return world_text (&f->w, "SELECT state FROM calls WHERE id = ?", id);
}

static const char *const consent[] = { "CONSENT", NULL };
static const char *const greeting[] = { "GREETING", NULL };

static void
test_valid (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TamCall) call = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  gint64 audits = world_int (&f->w, "SELECT count(*) FROM audit_log WHERE ? > 0", 1);
  gint64 tid = 0;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, "", &tid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tid, >, 0);

  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (call->state, ==, "VALID");
  g_assert_cmpint (call->attempts, ==, 1);
  g_assert_cmpstr (call->first_verdict, ==, "VALID");
  g_assert_cmpint (call->claimed_by, ==, 0);

  history = tam_call_history (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  {
    TamTappingRecord *r = history->pdata[0];
    g_assert_cmpint (r->kind, ==, TAM_HISTORY_TAPPING);
    g_assert_cmpint (r->id, ==, tid);
    g_assert_cmpint (r->attempt, ==, 1);
    g_assert_cmpstr (r->verdict, ==, "VALID");
    g_assert_cmpstr (r->actor_nik, ==, "QCB001");
    g_assert_cmpuint (g_strv_length (r->failed_codes), ==, 0);
    g_assert_false (r->undone);
  }

  /* One audit row, inside the chain. */
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM audit_log WHERE ? > 0", 1), ==, audits + 1);
  state = world_text (&f->w, "SELECT action || ' ' || entity_id FROM audit_log WHERE id = (SELECT max (id) FROM audit_log) AND ? > 0", 1);
  g_assert_cmpstr (state, ==, "TAP B-001");
  g_assert_true (tam_audit_verify (f->w.store, report, &error));
  g_assert_no_error (error);
}

static void
test_return_loop (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TamCall) call = NULL;
  g_autoptr(TamCall) after = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *state = NULL;
  gint64 t1 = 0, t2 = 0, r1 = 0;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent,
                                  "  Ask for an explicit yes before closing  ", &t1, &error));
  g_assert_no_error (error);
  state = call_state (f, f->b1);
  g_assert_cmpstr (state, ==, "RETURNED");
  g_clear_pointer (&state, g_free);

  /* RETURNED waits for the TL: no new tapping yet. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);

  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "vr/B-001-recall.wav",
                                  "Customer confirmed again", &r1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r1, >, 0);

  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (call->state, ==, "RECALLED");
  g_assert_cmpint (call->attempts, ==, 1);
  g_assert_cmpstr (call->first_verdict, ==, "RETURN");
  g_assert_cmpstr (call->recording, ==, "vr/B-001-recall.wav");

  /* Recalled twice? No: it is not RETURNED any more. */
  g_assert_false (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "x.wav", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b2, f->b1, "VALID", NULL, NULL, &t2, &error));
  g_assert_no_error (error);
  after = tam_call_get (f->w.store, f->w.spvq, f->b1, &error);
  g_assert_cmpstr (after->state, ==, "VALID");
  g_assert_cmpint (after->attempts, ==, 2);
  g_assert_cmpstr (after->first_verdict, ==, "RETURN");   /* the first one stays */

  /* Nothing was overwritten: two tappings, one re-call, in order. */
  history = tam_call_history (f->w.store, f->w.spvq, f->b1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  {
    TamTappingRecord *a = history->pdata[0], *b = history->pdata[1], *c = history->pdata[2];

    g_assert_cmpint (a->kind, ==, TAM_HISTORY_TAPPING);
    g_assert_cmpint (a->id, ==, t1);
    g_assert_cmpint (a->attempt, ==, 1);
    g_assert_cmpstr (a->verdict, ==, "RETURN");
    g_assert_cmpstr (a->text, ==, "Ask for an explicit yes before closing");
    g_assert_cmpuint (g_strv_length (a->failed_codes), ==, 1);
    g_assert_cmpstr (a->failed_codes[0], ==, "CONSENT");
    g_assert_cmpint (b->kind, ==, TAM_HISTORY_RECALL);
    g_assert_cmpint (b->id, ==, r1);
    g_assert_cmpstr (b->actor_nik, ==, "TLB001");
    g_assert_cmpstr (b->recording, ==, "vr/B-001-recall.wav");
    g_assert_cmpint (c->kind, ==, TAM_HISTORY_TAPPING);
    g_assert_cmpint (c->id, ==, t2);
    g_assert_cmpint (c->attempt, ==, 2);
    g_assert_cmpstr (c->verdict, ==, "VALID");
    g_assert_cmpstr (c->actor_nik, ==, "QCB002");
  }
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE call_id = ?", f->b1), ==, 2);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  const char *const unknown[] = { "NO_SUCH_THING", NULL };
  const char *const wrong_service[] = { "BILL", NULL };   /* a CT0_PRANPC parameter */
  const char *const mixed[] = { "greeting", "Closing", "GREETING", NULL };

  /* RETURN needs a recommendation... */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "   ", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  /* ...and at least one failed parameter. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", NULL, "Fix it", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  /* VALID with a failed critical parameter is refused. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", consent, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "CONSENT"));
  g_clear_error (&error);
  /* Unknown codes, codes of another service, unknown verdicts. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", unknown, "x", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", wrong_service, "x", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "MAYBE", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  /* A DECLINE call is not in the tapping queue at all. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->d1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Nothing was stored by the refusals. */
  state = call_state (f, f->b1);
  g_assert_cmpstr (state, ==, "PENDING");
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE ? > 0", 1), ==, 0);

  /* Non-critical failures may go with VALID (remarks); case and repeats
   * do not matter. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b2, "VALID", mixed, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tapping_failures f JOIN tappings t ON t.id = f.tapping_id"
                                     " WHERE t.call_id = ?", f->b2), ==, 2);

  /* A deactivated parameter can no longer be failed. */
  {
    g_autoptr(GPtrArray) params = tam_parameters_list (f->w.store, "ADDON_CONSUMER", FALSE, &error);
    TamParameter *closing = NULL;

    for (guint i = 0; i < params->len; i++)
      if (g_strcmp0 (((TamParameter *)params->pdata[i])->code, "CLOSING") == 0)
        closing = params->pdata[i];
    g_assert_nonnull (closing);
    closing->active = FALSE;
    g_assert_true (tam_parameter_save (f->w.store, f->w.spvq, closing, &error));
    g_assert_no_error (error);
  }
  {
    const char *const closing[] = { "CLOSING", NULL };
    g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b3, "VALID", closing, NULL, NULL, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  }
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TamCall) call = NULL;
  TamSession *cannot_tap[] = { f->w.agent, f->w.trainer, f->w.tl_b, f->w.spvq, f->w.admin };

  for (guint i = 0; i < G_N_ELEMENTS (cannot_tap); i++)
    {
      g_assert_false (tam_call_decide (f->w.store, cannot_tap[i], f->b1, "VALID", NULL, NULL, NULL, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
      g_assert_false (tam_call_claim (f->w.store, cannot_tap[i], f->b1, &error));
      g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
      g_clear_error (&error);
    }
  g_assert_false (tam_call_decide (f->w.store, NULL, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  /* An agent or a trainer does not see the queue at all. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.agent, NULL, &error), ==, -1);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (tam_queue_fetch (f->w.store, f->w.trainer, NULL, 0, 50, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A QCO of Medan neither sees nor decides a Bandung call. */
  call = tam_call_get (f->w.store, f->w.qco_m, f->b1, &error);
  g_assert_null (call);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_m, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_m, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_m, NULL, &error), ==, 1);
  g_assert_no_error (error);

  /* A QCO cannot record a re-call; only the agent's own TL can. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "Ask again", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (tam_call_recall (f->w.store, f->w.qco_b, f->b1, "x.wav", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_call_recall (f->w.store, f->w.tl_b2, f->b1, "x.wav", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "  ", NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* Parameters: only the Supervisor Quality edits them. */
  {
    g_autoptr(TamParameter) p = tam_parameter_new ();
    p->service = g_strdup ("ADDON_CONSUMER");
    p->code = g_strdup ("EMPATHY");
    p->text = g_strdup ("Empathy");
    g_assert_false (tam_parameter_save (f->w.store, f->w.qco_b, p, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  }
}

static void
test_visibility (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TamCall) masked = NULL;
  g_autoptr(TamCall) whole = NULL;
  g_autoptr(TamCall) other = NULL;
  g_autoptr(TamQueueFilter) filter = tam_queue_filter_new ();

  /* Waiting calls: 4 in Bandung, 1 in Medan. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, NULL, &error), ==, 4);
  /* A TL sees their own team only. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.tl_b, NULL, &error), ==, 3);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.tl_b2, NULL, &error), ==, 1);
  /* Asking for another site or team gives nothing, not everything. */
  filter->site = g_strdup ("MEDAN");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 0);
  g_clear_pointer (&filter->site, g_free);
  filter->team_leader_id = f->w.tl_m->person_id;
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.tl_b, filter, &error), ==, 0);
  g_assert_no_error (error);

  other = tam_call_get (f->w.store, f->w.tl_b2, f->b1, &error);
  g_assert_null (other);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The customer number is masked unless the role needs it. */
  masked = tam_call_find (f->w.store, f->w.qco_b, "B-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (masked->customer_number, ==, "••••7890");
  g_assert_cmpstr (masked->agent_nik, ==, "10000001");
  g_assert_cmpstr (masked->team_leader_name, ==, "Asep Sunarya");
  g_assert_cmpstr (masked->recording, ==, "vr/B-001.wav");
  whole = tam_call_find (f->w.store, f->w.tl_b, "B-001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (whole->customer_number, ==, "081234567890");
  {
    g_autofree char *m = tam_mask_customer_number ("123");
    g_assert_cmpstr (m, ==, "••••");
  }
}

static void
set_claimed_at (Fixture    *f,
                gint64      id,
                const char *when)
{
  sqlite3_stmt *stmt = tam_store_prepare (f->w.store, "UPDATE calls SET claimed_at = ? WHERE id = ?", NULL);

  sqlite3_bind_text (stmt, 1, when, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
}

static void
test_claims (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TamCall) call = NULL;
  g_autoptr(TamCall) expired = NULL;
  g_autofree char *at = NULL;

  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
  g_assert_no_error (error);
  call = tam_call_get (f->w.store, f->w.spvq, f->b1, &error);
  g_assert_cmpint (call->claimed_by, ==, f->w.qco_b->person_id);
  g_assert_cmpstr (call->claimed_by_name, ==, "Rudi Hartono");

  /* Another QCO can neither claim nor decide it; the message says who. */
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b2, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);

  /* Claiming again refreshes the time (activity). */
  set_claimed_at (f, f->b1, "2000-01-01 08:00:00");
  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
  at = world_text (&f->w, "SELECT claimed_at FROM calls WHERE id = ?", f->b1);
  g_assert_cmpstr (at, >, "2000-01-01 08:00:00");

  /* Nine minutes without activity: still held. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) nine = g_date_time_add_minutes (now, -9);
    g_autofree char *text = g_date_time_format (nine, "%Y-%m-%d %H:%M:%S");

    set_claimed_at (f, f->b1, text);
    g_assert_false (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* Eleven minutes: expired, free for anyone; shown as unclaimed. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) eleven = g_date_time_add_minutes (now, -11);
    g_autofree char *text = g_date_time_format (eleven, "%Y-%m-%d %H:%M:%S");

    set_claimed_at (f, f->b1, text);
  }
  expired = tam_call_get (f->w.store, f->w.qco_b2, f->b1, &error);
  g_assert_cmpint (expired->claimed_by, ==, 0);
  g_assert_null (expired->claimed_by_nik);
  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_no_error (error);
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Lina Marlina"));
  g_clear_error (&error);

  /* The claim_minutes setting rules the expiry. */
  g_assert_true (tam_store_set_setting (f->w.store, "claim_minutes", "30", &error));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) twenty = g_date_time_add_minutes (now, -20);
    g_autofree char *text = g_date_time_format (twenty, "%Y-%m-%d %H:%M:%S");

    set_claimed_at (f, f->b1, text);
    g_assert_false (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));
    g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* Releasing someone else's claim does nothing; one's own frees it. */
  g_assert_true (tam_call_release (f->w.store, f->w.qco_b, f->b1, &error));
  g_assert_cmpint (world_int (&f->w, "SELECT claimed_by FROM calls WHERE id = ?", f->b1), ==,
                   f->w.qco_b2->person_id);
  g_assert_true (tam_call_release (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_cmpint (world_int (&f->w, "SELECT claimed_by IS NULL FROM calls WHERE id = ?", f->b1), ==, 1);
  g_assert_true (tam_call_claim (f->w.store, f->w.qco_b, f->b1, &error));

  /* The verdict clears the claim; a decided call cannot be claimed. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (world_int (&f->w, "SELECT claimed_by IS NULL FROM calls WHERE id = ?", f->b1), ==, 1);
  g_assert_false (tam_call_claim (f->w.store, f->w.qco_b2, f->b1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "VALID"));
}

static void
test_double_decision (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b2, f->b1, "RETURN", consent, "x", NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "already decided"));
  g_assert_nonnull (strstr (error->message, "Rudi Hartono"));
  g_clear_error (&error);
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tappings WHERE call_id = ?", f->b1), ==, 1);
}

static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TamCall) call = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 t1 = 0, t2 = 0, t3 = 0, t4 = 0;

  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", greeting, NULL, &t1, &error));
  /* Only the QCO who gave it. */
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b2, t1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_tapping_undo (f->w.store, f->w.tl_b, t1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, t1, &error));
  g_assert_no_error (error);
  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpstr (call->state, ==, "PENDING");
  g_assert_cmpint (call->attempts, ==, 0);
  g_assert_null (call->first_verdict);
  g_assert_cmpint (call->claimed_by, ==, f->w.qco_b->person_id);   /* back on it */
  /* Kept, flagged. */
  g_assert_cmpint (world_int (&f->w, "SELECT undone FROM tappings WHERE id = ?", t1), ==, 1);
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b, t1, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* The verdict again, within the same second: a new row. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "Ask again", &t2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t2, !=, t1);
  g_assert_cmpint (world_int (&f->w, "SELECT attempt FROM tappings WHERE id = ?", t2), ==, 1);
  g_clear_pointer (&call, tam_call_free);
  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpstr (call->first_verdict, ==, "RETURN");

  /* Once the TL has recorded the re-call, the RETURN stays. */
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "vr/again.wav", NULL, NULL, &error));
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b, t2, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Undoing attempt 2 goes back to RECALLED and keeps the first verdict. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, &t3, &error));
  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, t3, &error));
  g_assert_no_error (error);
  g_clear_pointer (&call, tam_call_free);
  call = tam_call_get (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpstr (call->state, ==, "RECALLED");
  g_assert_cmpint (call->attempts, ==, 1);
  g_assert_cmpstr (call->first_verdict, ==, "RETURN");

  /* An older tapping cannot be undone. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, &t4, &error));
  g_assert_false (tam_tapping_undo (f->w.store, f->w.qco_b, t2, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_CONFLICT);
  g_clear_error (&error);

  world_check_state_days (&f->w);
  history = tam_call_history (f->w.store, f->w.qco_b, f->b1, &error);
  g_assert_cmpuint (history->len, ==, 5);   /* 4 tappings (2 undone) + 1 re-call */
  g_assert_true (((TamTappingRecord *)history->pdata[0])->undone);
  g_assert_false (((TamTappingRecord *)history->pdata[4])->undone);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM audit_log WHERE action = 'UNDO_TAP' AND ? > 0", 1), ==, 2);
}

static GPtrArray *
fetch (Fixture               *f,
       TamSession            *s,
       const TamQueueFilter  *filter,
       gint64                 offset,
       guint                  limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *calls = tam_queue_fetch (f->w.store, s, filter, offset, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (calls);
  return calls;
}

static void
test_queue (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TamQueueFilter) filter = tam_queue_filter_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  gint64 counts[TAM_N_STATES];
  char id[32], start[32];

  /* More Bandung calls, some at the same second (ordered by id then). */
  for (int i = 0; i < 30; i++)
    {
      g_snprintf (id, sizeof id, "Q-%03d", i);
      g_snprintf (start, sizeof start, "2026-10-%02d 09:%02d:00", 10 + i / 10, (i % 10) / 2);
      world_call (&f->w, id, i % 2 ? f->w.ani : f->w.budi, "BANDUNG", "ADDON_CONSUMER", start, "AGREE");
    }

  /* Oldest first, for everyone who sees them. */
  all = fetch (f, f->w.qco_b, NULL, 0, 1000);
  g_assert_cmpuint (all->len, ==, 34);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, NULL, &error), ==, 34);
  g_assert_cmpstr (((TamCall *)all->pdata[0])->call_id, ==, "C-001");
  for (guint i = 1; i < all->len; i++)
    {
      TamCall *a = all->pdata[i - 1], *b = all->pdata[i];
      int cmp = strcmp (a->call_start, b->call_start);
      g_assert_true (cmp < 0 || (cmp == 0 && a->id < b->id));
    }

  /* Offset paging and keyset paging agree with the whole list. */
  page = fetch (f, f->w.qco_b, NULL, 10, 7);
  g_assert_cmpuint (page->len, ==, 7);
  for (guint i = 0; i < page->len; i++)
    g_assert_cmpint (((TamCall *)page->pdata[i])->id, ==, ((TamCall *)all->pdata[10 + i])->id);
  {
    TamCall *last = page->pdata[page->len - 1];
    rest = tam_queue_fetch_after (f->w.store, f->w.qco_b, NULL, last->call_start, last->id, 100, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rest->len, ==, 34 - 17);
    for (guint i = 0; i < rest->len; i++)
      g_assert_cmpint (((TamCall *)rest->pdata[i])->id, ==, ((TamCall *)all->pdata[17 + i])->id);
    for (guint i = 0; i < all->len; i += 5)
      g_assert_cmpint (tam_queue_position (f->w.store, f->w.qco_b, NULL,
                                           ((TamCall *)all->pdata[i])->id, &error), ==, i);
  }
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.qco_b, NULL, 100, 10);
  g_assert_cmpuint (page->len, ==, 0);

  /* Filters. */
  filter->service = g_strdup ("CT0_PRANPC");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, 1);
  g_clear_pointer (&filter->service, g_free);
  filter->agent_id = f->w.ani;
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 2 + 15);
  filter->agent_id = 0;
  filter->team_leader_id = f->w.tl_b->person_id;
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, 33);
  filter->team_leader_id = 0;
  filter->from = g_strdup ("2026-10-05");
  filter->to = g_strdup ("05/10/2026");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, 3);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 2);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.spvq, filter, 0, 10);
  g_assert_cmpuint (page->len, ==, 3);
  g_assert_cmpstr (((TamCall *)page->pdata[2])->call_id, ==, "M-001");
  g_clear_pointer (&filter->to, g_free);
  filter->to = g_strdup ("not a date");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, -1);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&filter->to, g_free);
  g_clear_pointer (&filter->from, g_free);

  /* States: decide some, and look at each state. */
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b2, "RETURN", consent, "x", NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b3, "RETURN", consent, "x", NULL, &error));
  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b3, "vr/b3.wav", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (tam_queue_state_counts (f->w.store, f->w.qco_b, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 31);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RECALLED], ==, 1);
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.spvq, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 32);
  filter->agent_id = f->w.ani;
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.spvq, filter, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 15);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RECALLED], ==, 0);
  filter->agent_id = 0;

  /* Waiting = PENDING + RECALLED. */
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, NULL, &error), ==, 32);
  filter->state = g_strdup ("RETURNED");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.qco_b, filter, &error), ==, 1);
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.tl_b, filter, 0, 10);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((TamCall *)page->pdata[0])->call_id, ==, "B-002");
  g_clear_pointer (&filter->state, g_free);
  filter->state = g_strdup ("RECALLED");
  filter->site = g_strdup ("BANDUNG");
  g_clear_pointer (&page, g_ptr_array_unref);
  page = fetch (f, f->w.spvq, filter, 0, 10);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((TamCall *)page->pdata[0])->recording, ==, "vr/b3.wav");
  g_assert_cmpint (tam_queue_position (f->w.store, f->w.spvq, filter, f->b3, &error), ==, 0);
  g_assert_cmpint (tam_queue_position (f->w.store, f->w.spvq, filter, f->b1, &error), ==, -1);
  g_clear_pointer (&filter->state, g_free);
  filter->state = g_strdup ("DONE");
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, filter, &error), ==, -1);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  world_check_state_days (&f->w);

  {
    g_autoptr(TamQueueFilter) a = tam_queue_filter_new ();
    g_autoptr(TamQueueFilter) b = NULL;
    a->site = g_strdup ("");
    g_assert_true (tam_queue_filter_equal (a, NULL));
    b = tam_queue_filter_copy (filter);
    g_assert_true (tam_queue_filter_equal (b, filter));
    g_assert_false (tam_queue_filter_equal (a, filter));
  }
}

/* Deep pages: past the middle the page is read from the end; both ways
 * must give the same rows as the plain order. */
static void
test_deep_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  const gint64 offsets[] = { 0, 4999, 5000, 6100, 9000, 11950, 12003, 12004, 20000 };
  gint64 n;

  g_assert_true (tam_store_begin (f->w.store, &error));
  for (int i = 0; i < 12000; i++)
    {
      char id[32], start[32];

      g_snprintf (id, sizeof id, "DEEP-%05d", i);
      /* Three calls a second, out of id order. */
      g_snprintf (start, sizeof start, "2026-09-%02d %02d:%02d:%02d", 1 + (11999 - i) / 1200,
                  8 + ((11999 - i) / 180) % 6, ((11999 - i) / 3) % 60, 0);
      world_call (&f->w, id, i % 3 ? f->w.ani : f->w.budi, "BANDUNG", "ADDON_CONSUMER", start, "AGREE");
    }
  g_assert_true (tam_store_commit (f->w.store, &error));

  stmt = tam_store_prepare (f->w.store,
      "SELECT id FROM calls WHERE site = 'BANDUNG' AND state IN ('PENDING','RECALLED')"
      " ORDER BY call_start, id", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  n = tam_queue_count (f->w.store, f->w.qco_b, NULL, &error);
  g_assert_cmpint (n, ==, ids->len);
  g_assert_cmpint (n, ==, 12004);

  for (guint k = 0; k < G_N_ELEMENTS (offsets); k++)
    {
      g_autoptr(GPtrArray) page = fetch (f, f->w.qco_b, NULL, offsets[k], 200);
      gint64 expected = CLAMP (n - offsets[k], 0, 200);

      g_assert_cmpint (page->len, ==, expected);
      for (guint i = 0; i < page->len; i++)
        g_assert_cmpint (((TamCall *)page->pdata[i])->id, ==, g_array_index (ids, gint64, offsets[k] + i));
    }
}

/* The per-day counts follow inserts (absorbed on the next count), every
 * verdict, undo and re-call, and can be rebuilt. */
static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 counts[TAM_N_STATES];
  gint64 late, tid = 0;

  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
  world_check_state_days (&f->w);

  /* A call imported after the counts were taken, decided before the next
   * count: counted once, in its new state. */
  late = world_call (&f->w, "LATE-1", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-07 09:00:00", "AGREE");
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, late, "VALID", NULL, NULL, NULL, &error));
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "RETURN", consent, "x", &tid, &error));
  g_assert_no_error (error);

  /* Inside someone's transaction the counts are not brought up to date
   * (that would need the write lock): counted from the calls instead. */
  world_call (&f->w, "LATE-2", f->w.ani, "BANDUNG", "ADDON_CONSUMER", "2026-10-07 10:00:00", "AGREE");
  g_assert_true (tam_store_exec (f->w.store, "BEGIN", &error));
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.qco_b, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 4);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  g_assert_true (tam_store_exec (f->w.store, "COMMIT", &error));

  g_assert_true (tam_queue_state_counts (f->w.store, f->w.qco_b, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_PENDING], ==, 4);
  g_assert_cmpint (counts[TAM_STATE_VALID], ==, 1);
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 1);
  world_check_state_days (&f->w);

  g_assert_true (tam_call_recall (f->w.store, f->w.tl_b, f->b1, "vr/x.wav", NULL, NULL, &error));
  g_assert_true (tam_queue_state_counts (f->w.store, f->w.spvq, NULL, counts, &error));
  g_assert_cmpint (counts[TAM_STATE_RETURNED], ==, 0);
  g_assert_cmpint (counts[TAM_STATE_RECALLED], ==, 1);
  g_assert_true (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", NULL, NULL, &tid, &error));
  g_assert_true (tam_tapping_undo (f->w.store, f->w.qco_b, tid, &error));
  g_assert_no_error (error);
  world_check_state_days (&f->w);

  /* A purge deletes calls, then rebuilds. */
  g_assert_true (tam_store_exec (f->w.store, "DELETE FROM calls WHERE call_id = 'LATE-2'", &error));
  g_assert_true (tam_queue_counts_rebuild (f->w.store, &error));
  g_assert_no_error (error);
  world_check_state_days (&f->w);
  g_assert_cmpint (tam_queue_count (f->w.store, f->w.spvq, NULL, &error), ==, 5);
}

static void
test_parameters (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = tam_parameters_list (f->w.store, "CT0_PRANPC", FALSE, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(TamParameter) p = tam_parameter_new ();
  g_autoptr(TamParameter) dup = NULL;
  TamParameter *first;
  int critical = 0;
  const char *const empathy[] = { "EMPATHY", NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 6);
  first = list->pdata[0];
  g_assert_cmpstr (first->code, ==, "GREETING");
  for (guint i = 0; i < list->len; i++)
    critical += ((TamParameter *)list->pdata[i])->critical;
  g_assert_cmpint (critical, ==, 3);

  p->service = g_strdup ("ADDON_CONSUMER");
  p->code = g_strdup ("EMPATHY");
  p->text = g_strdup ("  Empathy shown  ");
  p->critical = TRUE;
  p->position = 7;
  g_assert_true (tam_parameter_save (f->w.store, f->w.spvq, p, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
  g_assert_cmpstr (p->text, ==, "Empathy shown");
  dup = tam_parameter_copy (p);
  dup->id = 0;
  g_assert_false (tam_parameter_save (f->w.store, f->w.spvq, dup, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_free (dup->code);
  dup->code = g_strdup ("bad code");
  g_assert_false (tam_parameter_save (f->w.store, f->w.spvq, dup, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* The new critical parameter is used at once. */
  g_assert_false (tam_call_decide (f->w.store, f->w.qco_b, f->b1, "VALID", empathy, NULL, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* Codes stay; edits are audited; inactive ones are listed on request. */
  g_free (p->code);
  p->code = g_strdup ("EMPATHY2");
  g_assert_false (tam_parameter_save (f->w.store, f->w.spvq, p, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);
  g_free (p->code);
  p->code = g_strdup ("EMPATHY");
  p->active = FALSE;
  g_assert_true (tam_parameter_save (f->w.store, f->w.spvq, p, &error));
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM audit_log WHERE entity = 'assessment_parameter' AND ? > 0", 1),
                   ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = tam_parameters_list (f->w.store, "ADDON_CONSUMER", FALSE, &error);
  g_assert_cmpuint (list->len, ==, 6);
  all = tam_parameters_list (f->w.store, "ADDON_CONSUMER", TRUE, &error);
  g_assert_cmpuint (all->len, ==, 7);
}

/* tamctl obeys the same rules: run it as a separate process. */
static int
run_tamctl (Fixture     *f,
            char       **out,
            const char  *first,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *tamctl = g_getenv ("TAMCTL");
  va_list ap;

  g_assert_nonnull (tamctl);
  g_ptr_array_add (args, (char *)tamctl);
  g_ptr_array_add (args, "--db");
  g_ptr_array_add (args, f->w.path);
  va_start (ap, first);
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *)a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_setenv (launcher, "TAM_PASSWORD", WORLD_PASSWORD, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (proc, NULL, NULL, out, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("tamctl: %s", *out);
  return g_subprocess_get_exit_status (proc);
}

static void
test_tamctl (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *state = NULL;
  g_autofree char *csv = g_build_filename (f->w.dir, "f18.csv", NULL);

  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-001", "valid", "--as", "QCB001", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "B-001"));
  g_clear_pointer (&out, g_free);
  state = call_state (f, f->b1);
  g_assert_cmpstr (state, ==, "VALID");
  g_clear_pointer (&state, g_free);

  /* Refusals exit non-zero and say why. */
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-001", "valid", "--as", "QCB001", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "already decided"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "return", "--fail", "CONSENT", "--as", "QCB001", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "valid", "--as", "TLB001", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "valid", "--as", "QCM001", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "perhaps", "--as", "QCB001", NULL), ==, 2);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_tamctl (f, &out, "tap", "B-002", "return", "--fail", "consent", "--fail", "DATA",
                               "--note", "Confirm consent and re-enter the order", "--as", "QCB001", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (world_int (&f->w, "SELECT count(*) FROM tapping_failures f JOIN tappings t ON t.id = f.tapping_id"
                                     " WHERE t.call_id = ?", f->b2), ==, 2);
  g_assert_cmpint (run_tamctl (f, &out, "recall", "B-002", "--as", "QCB001", "--recording", "r.wav", NULL), ==, 1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_tamctl (f, &out, "recall", "B-002", "--as", "TLB001", "--recording", "vr/B-002-2.wav",
                               "--note", "re-called on 7 Oct", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  state = call_state (f, f->b2);
  g_assert_cmpstr (state, ==, "RECALLED");

  g_assert_cmpint (run_tamctl (f, &out, "report", "f18", "--month", "2026-10", "-o", csv, "--as", "SPQ001", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_true (g_file_test (csv, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_tamctl (f, &out, "report", "f18", "--month", "2026-13", "-o", csv, "--as", "SPQ001", NULL), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (FALSE), fixture_setup, func, fixture_teardown)
  ADD ("/tapping/valid", test_valid);
  ADD ("/tapping/return-loop", test_return_loop);
  ADD ("/tapping/rules", test_rules);
  ADD ("/tapping/permissions", test_permissions);
  ADD ("/tapping/visibility", test_visibility);
  ADD ("/tapping/claims", test_claims);
  ADD ("/tapping/double-decision", test_double_decision);
  ADD ("/tapping/undo", test_undo);
  ADD ("/tapping/queue", test_queue);
  ADD ("/tapping/deep-pages", test_deep_pages);
  ADD ("/tapping/counts", test_counts);
  ADD ("/tapping/parameters", test_parameters);
#undef ADD
  g_test_add ("/tapping/tamctl", Fixture, GINT_TO_POINTER (TRUE), fixture_setup, test_tamctl, fixture_teardown);

  return g_test_run ();
}
