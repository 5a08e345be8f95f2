/* Sign-in, roles and the roster rules, checked in the core. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tam-auth.h"
#include "tam-people.h"
#include "tam-store.h"

typedef struct
{
  char *dir;
  char *path;
  TamStore *store;
  TamSession *admin; /* SUPERVISOR_OPS, for setting up */
  gint64 tl_id;
  gint64 agent_id;
} Fixture;

static TamPerson *
make_person (const char *nik,
             const char *name,
             const char *role,
             const char *service,
             gint64 tl_id)
{
  TamPerson *p = tam_person_new ();

  p->nik = g_strdup (nik);
  p->name = g_strdup (name);
  p->role = g_strdup (role);
  p->site = g_strdup ("BANDUNG");
  p->service = g_strdup (service);
  p->team_leader_id = tl_id;
  p->status = g_strdup ("ACTIVE");
  p->hired_on = g_strdup ("2025-01-06");
  p->contract_end = g_strdup ("2026-12-31");
  return p;
}

static void
add_person (Fixture *f,
            TamPerson *p)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *field = NULL;

  g_assert_true (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_no_error (error);
  g_assert_cmpint (p->id, >, 0);
}

static void
fixture_setup (Fixture *f,
               gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamPerson) spv = make_person ("SPV001", "Dewi Lestari", "SUPERVISOR_OPS", NULL, 0);
  g_autoptr (TamPerson) tl = NULL;
  g_autoptr (TamPerson) agent = NULL;
  g_autoptr (TamPerson) qco = make_person ("QCO001", "Rudi Hartono", "QCO", NULL, 0);
  g_autoptr (TamPerson) trainer = make_person ("TRN001", "Sri Wahyuni", "TRAINER", NULL, 0);

  f->dir = g_dir_make_tmp ("tam-test-auth-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "tam.db", NULL);
  f->store = tam_store_create (f->path, &error);
  g_assert_no_error (error);

  /* The first supervisor is inserted by hand: nobody can sign in yet. */
  f->admin = tam_session_new (0, "SETUP", "Setup", "MANAGER", "BANDUNG", NULL);
  add_person (f, spv);
  f->admin->person_id = spv->id;

  tl = make_person ("TL001", "Asep Sunarya", "TEAM_LEADER", "ADDON_CONSUMER", 0);
  add_person (f, tl);
  f->tl_id = tl->id;
  agent = make_person ("10000001", "Cecep Gumilar", "AGENT", "ADDON_CONSUMER", tl->id);
  add_person (f, agent);
  f->agent_id = agent->id;
  add_person (f, qco);
  add_person (f, trainer);

  g_assert_true (tam_auth_set_password (f->store, NULL, "SPV001", "rahasia-spv", &error));
  g_assert_no_error (error);
  g_assert_true (tam_auth_set_password (f->store, f->admin, "QCO001", "rahasia-qco", &error));
  g_assert_true (tam_auth_set_password (f->store, f->admin, "TRN001", "rahasia-trn", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f,
                  gconstpointer data)
{
  g_clear_object (&f->store);
  tam_session_free (f->admin);
  for (const char *s = "-wal"; s; s = (*s == '-' && s[1] == 'w') ? "-shm" : NULL)
    {
      g_autofree char *p = g_strconcat (f->path, s, NULL);
      g_unlink (p);
    }
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
test_hash (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *h1 = tam_auth_hash_password ("kata-sandi", &error);
  g_autofree char *h2 = tam_auth_hash_password ("kata-sandi", &error);

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (h1, "$y$")); /* yescrypt */
  g_assert_cmpstr (h1, !=, h2);                 /* own salt each */
  g_assert_null (strstr (h1, "kata-sandi"));
  g_assert_true (tam_auth_verify_password (h1, "kata-sandi"));
  g_assert_false (tam_auth_verify_password (h1, "kata-sandI"));
  g_assert_false (tam_auth_verify_password (h1, ""));
  g_assert_null (tam_auth_hash_password ("short", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static void
test_sign_in (Fixture *f,
              gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) s = tam_auth_sign_in (f->store, "QCO001", "rahasia-qco", &error);
  g_autoptr (TamSession) bad = NULL;
  g_autofree char *stored = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->role, ==, "QCO");
  g_assert_cmpstr (s->name, ==, "Rudi Hartono");

  bad = tam_auth_sign_in (f->store, "QCO001", "wrong-password", &error);
  g_assert_null (bad);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_AUTH);
  g_clear_error (&error);
  bad = tam_auth_sign_in (f->store, "NOBODY", "rahasia-qco", &error);
  g_assert_null (bad);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_AUTH);
  g_clear_error (&error);

  /* The password is stored hashed only. */
  {
    sqlite3_stmt *stmt = tam_store_prepare (f->store, "SELECT group_concat(password_hash) FROM users", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    stored = tam_stmt_dup_text (stmt, 0);
    sqlite3_reset (stmt);
  }
  g_assert_null (strstr (stored, "rahasia"));

  /* Agents have no desk account. */
  g_assert_false (tam_auth_set_password (f->store, f->admin, "10000001", "rahasia-agent", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_clear_error (&error);

  /* Once accounts exist, nobody anonymous may set passwords. */
  g_assert_false (tam_auth_set_password (f->store, NULL, "TRN001", "another-one", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  /* A QCO may change their own password but not the trainer's. */
  g_assert_true (tam_auth_set_password (f->store, s, "QCO001", "rahasia-baru", &error));
  g_assert_no_error (error);
  g_assert_false (tam_auth_set_password (f->store, s, "TRN001", "rahasia-baru", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A person who left cannot sign in. */
  {
    g_autoptr (TamPerson) trn = tam_people_find_nik (f->store, "TRN001", &error);
    g_autoptr (TamSession) gone = NULL;

    g_assert_no_error (error);
    g_assert_true (tam_people_deactivate (f->store, f->admin, trn->id, "RESIGNED", &error));
    g_assert_no_error (error);
    gone = tam_auth_sign_in (f->store, "TRN001", "rahasia-trn", &error);
    g_assert_null (gone);
    g_assert_error (error, TAM_ERROR, TAM_ERROR_AUTH);
  }
}

static void
test_permissions (void)
{
  g_assert_true (tam_role_can ("QCO", TAM_PERM_TAP));
  g_assert_false (tam_role_can ("TRAINER", TAM_PERM_TAP));
  g_assert_false (tam_role_can ("AGENT", TAM_PERM_TAP));
  g_assert_false (tam_role_can ("AGENT", TAM_PERM_VIEW));
  g_assert_true (tam_role_can ("TEAM_LEADER", TAM_PERM_RECALL));
  g_assert_false (tam_role_can ("QCO", TAM_PERM_RECALL));
  g_assert_true (tam_role_can ("SUPERVISOR_QUALITY", TAM_PERM_EDIT_PARAMETERS));
  g_assert_false (tam_role_can ("QCO", TAM_PERM_EDIT_PARAMETERS));
  g_assert_true (tam_role_can ("TRAINER", TAM_PERM_RECORD_TRAINING));
  g_assert_false (tam_role_can ("QCO", TAM_PERM_EDIT_PEOPLE));
  g_assert_true (tam_role_can ("SUPERVISOR_OPS", TAM_PERM_EDIT_PEOPLE));
  g_assert_false (tam_role_can ("QCO", TAM_PERM_SEE_CUSTOMER_NUMBER));
  g_assert_false (tam_role_is_desk_role ("AGENT"));
  g_assert_true (tam_role_is_desk_role ("QCO"));
  g_assert_false (tam_role_is_desk_role ("JANITOR"));
}

static void
test_people_rules (Fixture *f,
                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) qco = tam_auth_sign_in (f->store, "QCO001", "rahasia-qco", &error);
  g_autoptr (TamPerson) p = make_person ("10000002", "Dadang Suhendar", "AGENT", "ADDON_CONSUMER", f->tl_id);
  g_autofree char *field = NULL;
  gint64 people = tam_store_query_int (f->store, "SELECT count(*) FROM people", 0, NULL);
  gint64 audit = tam_store_query_int (f->store, "SELECT count(*) FROM audit_log", 0, NULL);

  g_assert_no_error (error);

  /* A QCO may not add people; nothing is stored. */
  g_assert_false (tam_people_save (f->store, qco, p, &field, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM people", 0, NULL), ==, people);

  /* Duplicate NIK, at the nik field. */
  g_free (p->nik);
  p->nik = g_strdup ("10000001");
  g_assert_false (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_DUPLICATE);
  g_assert_cmpstr (field, ==, "nik");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  g_free (p->nik);
  p->nik = g_strdup ("10000002");

  /* A team leader who is not a TL. */
  p->team_leader_id = f->agent_id;
  g_assert_false (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "team_leader");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  p->team_leader_id = f->tl_id;

  /* Contract ending before the hire date. */
  g_free (p->contract_end);
  p->contract_end = g_strdup ("2024-12-31");
  g_assert_false (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_cmpstr (field, ==, "contract_end");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* Not a real date. */
  g_free (p->contract_end);
  p->contract_end = g_strdup ("2026-02-30");
  g_assert_false (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_cmpstr (field, ==, "contract_end");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);

  /* A service that is not run at the site. */
  g_free (p->contract_end);
  p->contract_end = g_strdup ("2026-12-31");
  g_free (p->service);
  p->service = g_strdup ("WIFI_DIGITAL");
  g_assert_false (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_cmpstr (field, ==, "service");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  g_free (p->service);
  p->service = g_strdup ("ADDON_CONSUMER");

  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM people", 0, NULL), ==, people);
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM audit_log", 0, NULL), ==, audit);

  /* Now valid: stored and audited, with a before/after for the update. */
  g_assert_true (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_no_error (error);
  g_free (p->name);
  p->name = g_strdup ("Dadang Suhendar S.");
  g_assert_true (tam_people_save (f->store, f->admin, p, &field, &error));
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM audit_log", 0, NULL), ==, audit + 2);
  g_assert_cmpint (tam_store_query_int (f->store,
                                        "SELECT count(*) FROM audit_log WHERE action = 'UPDATE' AND entity = 'person'"
                                        " AND before LIKE '%Dadang Suhendar\"%' AND after LIKE '%Dadang Suhendar S.%'",
                                        0, NULL),
                   ==, 1);

  /* Deactivation is a status, never a deletion. */
  g_assert_true (tam_people_deactivate (f->store, f->admin, p->id, "RETURNED_TO_VENDOR", &error));
  g_assert_no_error (error);
  {
    g_autoptr (TamPerson) again = tam_people_get (f->store, p->id, &error);
    g_assert_cmpstr (again->status, ==, "RETURNED_TO_VENDOR");
  }
  g_assert_false (tam_people_deactivate (f->store, f->admin, p->id, "ACTIVE", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_INVALID);
}

static void
test_contract_ending (void)
{
  g_autoptr (TamPerson) p = make_person ("1", "A", "AGENT", "ADDON_CONSUMER", 0);

  g_free (p->contract_end);
  p->contract_end = g_strdup ("2026-12-15");
  g_assert_true (tam_person_contract_ending (p, "2026-11-22", 30));
  g_assert_false (tam_person_contract_ending (p, "2026-11-01", 30));
  g_assert_false (tam_person_contract_ending (p, "2026-12-16", 30)); /* already ended */
  g_free (p->status);
  p->status = g_strdup ("RESIGNED");
  g_assert_false (tam_person_contract_ending (p, "2026-11-22", 30));
}

/* Issue 13: a supervisor took over the manager's account. Through the
 * person dialog's core call and passwd, every step is now refused. */
static void
test_escalation (Fixture *f,
                 gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) spv = tam_auth_sign_in (f->store, "SPV001", "rahasia-spv", &error);
  g_autoptr (TamPerson) manager = make_person ("MGR001", "Hendra Wijaya", "MANAGER", NULL, 0);
  g_autoptr (TamPerson) newcomer = make_person ("MGR002", "Orang Baru", "MANAGER", NULL, 0);
  g_autoptr (TamPerson) self = NULL;
  g_autoptr (TamPerson) m = NULL;
  g_autofree char *field = NULL;

  g_assert_no_error (error);
  add_person (f, manager);

  /* Promote oneself. */
  self = tam_people_find_nik (f->store, "SPV001", &error);
  g_assert_no_error (error);
  g_free (self->role);
  self->role = g_strdup ("MANAGER");
  g_assert_false (tam_people_save (f->store, spv, self, &field, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_assert_cmpstr (field, ==, "role");
  g_clear_error (&error);
  g_clear_pointer (&field, g_free);
  /* One's own name is one's own to correct. */
  g_free (self->role);
  self->role = g_strdup ("SUPERVISOR_OPS");
  g_free (self->name);
  self->name = g_strdup ("Dewi Lestari Putri");
  g_assert_true (tam_people_save (f->store, spv, self, NULL, &error));
  g_assert_no_error (error);

  /* Create a manager; demote the manager. */
  g_assert_false (tam_people_save (f->store, spv, newcomer, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (tam_people_find_nik (f->store, "MGR002", NULL));
  m = tam_people_find_nik (f->store, "MGR001", &error);
  g_free (m->role);
  m->role = g_strdup ("QCO");
  g_assert_false (tam_people_save (f->store, spv, m, NULL, &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&m, tam_person_free);
  m = tam_people_find_nik (f->store, "MGR001", &error);
  g_assert_cmpstr (m->role, ==, "MANAGER");

  /* Passwords: a supervisor sets nobody's but their own; a manager sets
   * those of the roles below, not another manager's. */
  g_assert_false (tam_auth_set_password (f->store, spv, "MGR001", "diambil-alih", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (tam_auth_set_password (f->store, spv, "QCO001", "diambil-alih", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (tam_auth_set_password (f->store, spv, "SPV001", "rahasia-spv-2", &error));
  g_assert_no_error (error);
  g_assert_false (tam_auth_set_password (f->store, f->admin, "MGR001", "diambil-alih", &error));
  g_assert_error (error, TAM_ERROR, TAM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (tam_auth_set_password (f->store, f->admin, "SPV001", "reset-oleh-manajer", &error));
  g_assert_no_error (error);
}

/* Issue 13: 36 guesses a second were possible. */
static void
test_sign_in_delay (Fixture *f,
                    gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TamSession) ok = NULL;
  TamSession *s;

  g_assert_cmpint (tam_auth_sign_in_delay (0), ==, 0);
  g_assert_cmpint (tam_auth_sign_in_delay (2), ==, 0);
  g_assert_cmpint (tam_auth_sign_in_delay (3), ==, 1);
  g_assert_cmpint (tam_auth_sign_in_delay (5), ==, 4);
  g_assert_cmpint (tam_auth_sign_in_delay (11), ==, 256);
  g_assert_cmpint (tam_auth_sign_in_delay (12), ==, 300);
  g_assert_cmpint (tam_auth_sign_in_delay (1000), ==, 300);

  /* Three wrong guesses are answered as such, and audited… */
  for (int i = 0; i < 3; i++)
    {
      s = tam_auth_sign_in (f->store, "QCO001", "tebakan", &error);
      g_assert_null (s);
      g_assert_error (error, TAM_ERROR, TAM_ERROR_AUTH);
      g_assert_cmpstr (error->message, ==, "Unknown NIK or wrong password");
      g_clear_error (&error);
    }
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM audit_log WHERE action = 'SIGN_IN_FAILED'"
                                                  " AND entity_id = 'QCO001'",
                                        -1, NULL),
                   ==, 3);
  /* …then even the right password waits, without being looked at. The
   * wait counts in whole seconds from the last failure: the test moves
   * that failure an hour ahead, so that a second boundary or a slow
   * machine cannot end a one-second wait before the next attempt. */
  g_assert_true (tam_store_exec (f->store, "UPDATE sign_in_failures SET last_failed_at = last_failed_at + 3600", &error));
  s = tam_auth_sign_in (f->store, "QCO001", "rahasia-qco", &error);
  g_assert_null (s);
  g_assert_error (error, TAM_ERROR, TAM_ERROR_AUTH);
  g_assert_true (g_str_has_prefix (error->message, "Too many failed sign-ins for QCO001: try again in "));
  g_clear_error (&error);
  /* Other NIKs are not held up; a NIK nobody has is counted all the same. */
  ok = tam_auth_sign_in (f->store, "TRN001", "rahasia-trn", &error);
  g_assert_no_error (error);
  g_clear_pointer (&ok, tam_session_free);
  for (int i = 0; i < 4; i++)
    {
      if (i == 3)
        g_assert_true (tam_store_exec (f->store, "UPDATE sign_in_failures SET last_failed_at = last_failed_at + 3600"
                                                 " WHERE nik = 'NOBODY'",
                                       &error));
      g_assert_null (tam_auth_sign_in (f->store, "NOBODY", "x", &error));
      g_clear_error (&error);
    }
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT failures FROM sign_in_failures WHERE nik = 'NOBODY'", -1, NULL),
                   ==, 3);

  /* Once the wait is over, a good sign-in clears the count. */
  g_assert_true (tam_store_exec (f->store, "UPDATE sign_in_failures SET last_failed_at = last_failed_at - 3610", &error));
  ok = tam_auth_sign_in (f->store, "QCO001", "rahasia-qco", &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
  g_assert_cmpint (tam_store_query_int (f->store, "SELECT count(*) FROM sign_in_failures WHERE nik = 'QCO001'", -1, NULL),
                   ==, 0);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/hash", test_hash);
  g_test_add_func ("/auth/permissions", test_permissions);
  g_test_add_func ("/auth/contract-ending", test_contract_ending);
  g_test_add ("/auth/sign-in", Fixture, NULL, fixture_setup, test_sign_in, fixture_teardown);
  g_test_add ("/auth/people-rules", Fixture, NULL, fixture_setup, test_people_rules, fixture_teardown);
  g_test_add ("/auth/escalation", Fixture, NULL, fixture_setup, test_escalation, fixture_teardown);
  g_test_add ("/auth/sign-in-delay", Fixture, NULL, fixture_setup, test_sign_in_delay, fixture_teardown);

  return g_test_run ();
}
