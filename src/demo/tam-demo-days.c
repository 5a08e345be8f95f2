/* tam-demo-days.c: the demo's days: attendance (F-02), calls, tappings
 * and re-calls, day by day. */
#include "config.h"

#include "tam-demo-private.h"

gboolean
_tam_demo_load_params (Gen *g,
                       GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
                                          "SELECT id, code, critical FROM assessment_parameters"
                                          " WHERE service = ? AND active = 1 ORDER BY position, id",
                                          error);

  if (stmt == NULL)
    return FALSE;
  for (int s = 0; s < N_SERVICES; s++)
    {
      sqlite3_bind_text (stmt, 1, service_codes[s], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW && g->n_params[s] < G_N_ELEMENTS (g->params[s]))
        {
          Param *param = &g->params[s][g->n_params[s]++];
          const char *code = (const char *) sqlite3_column_text (stmt, 1);

          param->id = sqlite3_column_int64 (stmt, 0);
          /* Interned: the statement's text goes away on the next step. */
          param->code = g_intern_string (code ? code : "");
          param->critical = sqlite3_column_int (stmt, 2) != 0;
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static const char *
recommendation_for (const char *code)
{
  static const struct
  {
    const char *code, *text;
  } texts[] = {
    { "GREETING", "Salam pembuka, perkenalan diri dan nomor masking wajib disampaikan di awal panggilan." },
    { "IDENTITY", "Lakukan verifikasi nama pelanggan dan nomor IndiHome sebelum penawaran." },
    { "PRODUCT", "Jelaskan produk, harga dan periode tagihan dengan jelas sebelum meminta persetujuan." },
    { "CONSENT", "Persetujuan pelanggan harus eksplisit (\"ya, setuju\"); lakukan re-call untuk konfirmasi ulang." },
    { "DATA", "Periksa kembali data order dan alamat di MyCX sebelum submit." },
    { "CLOSING", "Tutup panggilan dengan ringkasan order dan ucapan terima kasih." },
    { "BILL", "Sampaikan jumlah tunggakan dan tanggal jatuh tempo dengan jelas." },
    { "NEGOTIATION", "Ikuti tahapan negosiasi sesuai arahan Telkom." },
    { "COMMITMENT", "Pastikan komitmen bayar pelanggan eksplisit beserta tanggalnya; lakukan re-call." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (strcmp (texts[i].code, code) == 0)
      return texts[i].text;
  return "Perbaiki sesuai parameter penilaian, lalu lakukan re-call ke pelanggan.";
}

/* A moment on day @jd during office hours, "YYYY-MM-DD HH:MM:SS". */
void
_tam_demo_office_time (Gen *g,
                       guint32 jd,
                       char *buf,
                       gsize len)
{
  int minute = 510 + (int) rng_int (&g->rng, 450);

  g_snprintf (buf, len, "%s %02d:%02d:%02d", day_of (g, jd)->date, minute / 60, minute % 60,
              (int) rng_int (&g->rng, 60));
}

static gboolean
insert_tapping (Gen *g,
                gint64 call_rowid,
                int attempt,
                gint64 qco_id,
                const char *tapped_at,
                gboolean valid,
                int service,
                GError **error)
{
  sqlite3_stmt *stmt = g->st_tapping;
  const Param *failed[2] = { NULL, NULL };
  gint64 tapping_id;

  if (!valid)
    {
      const Param *critical[16];
      guint n_critical = 0;

      for (guint i = 0; i < g->n_params[service]; i++)
        if (g->params[service][i].critical)
          critical[n_critical++] = &g->params[service][i];
      if (n_critical > 0 && rng_chance (&g->rng, 0.85))
        failed[0] = critical[rng_int (&g->rng, n_critical)];
      else if (g->n_params[service] > 0)
        failed[0] = &g->params[service][rng_int (&g->rng, g->n_params[service])];
      if (g->n_params[service] > 0 && rng_chance (&g->rng, 0.3))
        {
          failed[1] = &g->params[service][rng_int (&g->rng, g->n_params[service])];
          if (failed[1] == failed[0])
            failed[1] = NULL;
        }
    }

  sqlite3_bind_int64 (stmt, 1, call_rowid);
  sqlite3_bind_int (stmt, 2, attempt);
  sqlite3_bind_int64 (stmt, 3, qco_id);
  bind_text (stmt, 4, tapped_at);
  bind_text (stmt, 5, valid ? "VALID" : "RETURN");
  bind_text (stmt, 6, failed[0] ? recommendation_for (failed[0]->code) : "");
  if (!step (g, stmt, error))
    return FALSE;
  tapping_id = sqlite3_last_insert_rowid (g->db);
  g->n_tappings++;

  for (int i = 0; i < 2; i++)
    {
      if (failed[i] == NULL)
        continue;
      sqlite3_bind_int64 (g->st_failure, 1, tapping_id);
      sqlite3_bind_int64 (g->st_failure, 2, failed[i]->id);
      if (!step (g, g->st_failure, error))
        return FALSE;
    }
  return TRUE;
}

static void
customer_number (Gen *g,
                 const Person *p,
                 char *buf,
                 gsize len)
{
  Rng *r = &g->rng;

  if (rng_chance (r, 0.6))
    g_snprintf (buf, len, "%s%08u", PICK (r, mobile_prefixes), rng_int (r, 100000000));
  else
    g_snprintf (buf, len, "%s%u%06u", area_codes[p->site], 2 + rng_int (r, 7), rng_int (r, 1000000));
}

typedef enum
{
  OUTCOME_PENDING,
  OUTCOME_VALID,
  OUTCOME_RETURNED, /* returned, not (yet) re-called */
  OUTCOME_RECALLED, /* re-called, waiting for the next tapping */
  OUTCOME_RECALLED_VALID,
  OUTCOME_RECALLED_RETURNED,
} Outcome;

static gboolean
gen_calls (Gen *g,
           Person *p,
           const Day *day,
           int from_minute,
           int to_minute,
           GError **error)
{
  Rng *r = &g->rng;
  int n = rng_range (r, 7, 12);
  int seconds[16];
  int span = (to_minute - from_minute) * 60;
  int lunch_from = 720 * 60, lunch_to = 780 * 60;
  guint32 age = g->today - day->jd;

  if (span <= 0)
    return TRUE;
  /* Random moments of the shift, skipping the 12:00-13:00 break. */
  if (from_minute * 60 < lunch_from && to_minute * 60 > lunch_to)
    span -= lunch_to - lunch_from;
  for (int i = 0; i < n; i++)
    {
      int s = from_minute * 60 + (int) rng_int (r, (guint32) span);

      if (from_minute * 60 < lunch_from && s >= lunch_from)
        s += lunch_to - lunch_from;
      /* Insertion sort: the day's calls in order. */
      int j = i;
      while (j > 0 && seconds[j - 1] > s)
        {
          seconds[j] = seconds[j - 1];
          j--;
        }
      seconds[j] = s;
    }

  for (int i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = g->st_call;
      char call_id[32], start[24], number[20], recording[64];
      double x = rng_double (r);
      const char *result = x < p->agree_rate ? "AGREE" : x < p->agree_rate + 0.25 ? "FOLLOW_UP"
                                                                                  : "DECLINE";
      gboolean agree = result[0] == 'A';
      Outcome outcome = OUTCOME_PENDING;
      const char *state = NULL, *first_verdict = NULL;
      int attempts = 0;
      gint64 call_rowid;

      g_snprintf (call_id, sizeof call_id, "MYCX-%s-%06u", day->compact, ++g->call_seq);
      g_snprintf (start, sizeof start, "%s %02d:%02d:%02d", day->date,
                  seconds[i] / 3600, seconds[i] / 60 % 60, seconds[i] % 60);
      g_snprintf (recording, sizeof recording, "%s/%s.wav", day->path, call_id);
      customer_number (g, p, number, sizeof number);

      if (agree && age > 7)
        {
          /* Tapped within three days. A RETURN goes back to the agent; some
           * are re-called and pass, some fail again, many customers cannot
           * be reached again (that keeps QVS near its 95 % target). */
          if (!rng_chance (r, p->return_rate))
            outcome = OUTCOME_VALID;
          else if (age <= 14)
            outcome = rng_chance (r, 0.5) ? OUTCOME_RETURNED : OUTCOME_RECALLED;
          else
            {
              double y = rng_double (r);
              outcome = y < 0.35 ? OUTCOME_RECALLED_VALID : y < 0.45 ? OUTCOME_RECALLED_RETURNED
                                                                     : OUTCOME_RETURNED;
            }
        }
      if (agree)
        {
          switch (outcome)
            {
            case OUTCOME_PENDING:
              state = "PENDING";
              break;
            case OUTCOME_VALID:
              state = "VALID";
              first_verdict = "VALID";
              attempts = 1;
              break;
            case OUTCOME_RETURNED:
              state = "RETURNED";
              first_verdict = "RETURN";
              attempts = 1;
              break;
            case OUTCOME_RECALLED:
              state = "RECALLED";
              first_verdict = "RETURN";
              attempts = 1;
              break;
            case OUTCOME_RECALLED_VALID:
              state = "VALID";
              first_verdict = "RETURN";
              attempts = 2;
              break;
            case OUTCOME_RECALLED_RETURNED:
              state = "RETURNED";
              first_verdict = "RETURN";
              attempts = 2;
              break;
            }
        }

      bind_text (stmt, 1, call_id);
      sqlite3_bind_int64 (stmt, 2, p->id);
      bind_text (stmt, 3, site_codes[p->site]);
      bind_text (stmt, 4, service_codes[p->service]);
      bind_text (stmt, 5, start);
      bind_text (stmt, 6, g->months[day->month].text);
      bind_text (stmt, 7, result);
      bind_text (stmt, 8, number);
      bind_text (stmt, 9, pick_product (r, p->service));
      bind_text (stmt, 10, recording);
      bind_text (stmt, 11, state);
      sqlite3_bind_int (stmt, 12, attempts);
      bind_text (stmt, 13, first_verdict);
      if (!step (g, stmt, error))
        return FALSE;
      call_rowid = sqlite3_last_insert_rowid (g->db);
      g->n_calls++;

      if (agree && outcome != OUTCOME_PENDING)
        {
          GArray *qcos = g->site_qco[p->site];
          gint64 qco = person_at (g, g_array_index (qcos, int, rng_int (r, qcos->len)))->id;
          guint32 tap_day = day->jd + (guint32) rng_range (r, 1, 3);
          char tapped_at[24];

          _tam_demo_office_time (g, tap_day, tapped_at, sizeof tapped_at);
          if (!insert_tapping (g, call_rowid, 1, qco, tapped_at, outcome == OUTCOME_VALID,
                               p->service, error))
            return FALSE;

          if (outcome == OUTCOME_RECALLED || outcome == OUTCOME_RECALLED_VALID ||
              outcome == OUTCOME_RECALLED_RETURNED)
            {
              guint32 recall_day = tap_day + (guint32) rng_range (r, 1, 2);
              char recalled_at[24], recall_recording[80];
              static const char *const recall_notes[] = {
                "Pelanggan dihubungi ulang, persetujuan dikonfirmasi",
                "Re-call sesuai rekomendasi QCO",
                "Konfirmasi ulang produk dan harga ke pelanggan",
                "Pelanggan setuju ulang, data order diperbaiki",
              };

              _tam_demo_office_time (g, recall_day, recalled_at, sizeof recalled_at);
              g_snprintf (recall_recording, sizeof recall_recording, "%s/%s-R2.wav",
                          day_of (g, recall_day)->path, call_id);
              sqlite3_bind_int64 (g->st_recall, 1, call_rowid);
              /* The attempt of the tapping it answers (tam-tapping.h). */
              sqlite3_bind_int (g->st_recall, 2, 1);
              sqlite3_bind_int64 (g->st_recall, 3, person_at (g, g->teams[p->team].leader)->id);
              bind_text (g->st_recall, 4, recalled_at);
              bind_text (g->st_recall, 5, recall_recording);
              bind_text (g->st_recall, 6, PICK (r, recall_notes));
              if (!step (g, g->st_recall, error))
                return FALSE;

              if (outcome != OUTCOME_RECALLED)
                {
                  char tapped2_at[24];

                  _tam_demo_office_time (g, recall_day + (guint32) rng_range (r, 1, 2), tapped2_at, sizeof tapped2_at);
                  if (!insert_tapping (g, call_rowid, 2, qco, tapped2_at,
                                       outcome == OUTCOME_RECALLED_VALID, p->service, error))
                    return FALSE;
                }
            }
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Attendance, day by day                                              */

static const char *
draw_status (Gen *g,
             Person *p)
{
  double r = rng_double (&g->rng);
  double a = p->absence;

  if ((r -= p->late_rate) < 0)
    return "LATE";
  if ((r -= 0.01) < 0)
    return "LATE_FROM_BREAK";
  if ((r -= 0.015 * a) < 0)
    return "ABSENT_NOTICE";
  if ((r -= 0.008 * a) < 0)
    return "ABSENT_SHORT_NOTICE";
  if ((r -= 0.0025 * a) < 0)
    return "ABSENT_NO_NOTICE";
  if ((r -= 0.015 * a) < 0)
    return "SICK_NOTE";
  if ((r -= 0.006 * a) < 0)
    return "SICK_NO_NOTE";
  if ((r -= 0.02) < 0)
    return "LEAVE";
  return "PRESENT";
}

gboolean
_tam_demo_gen_day (Gen *g,
                   Person *p,
                   const Day *day,
                   GError **error)
{
  Rng *r = &g->rng;
  sqlite3_stmt *stmt = g->st_attendance;
  gint64 week = (day->jd - 1) / 7;
  gboolean agent = p->role[0] == 'A';
  gboolean training = agent && day->jd < p->live_from;
  const char *status;
  const char *note = "";
  char note_buf[64];
  char in_text[8], out_text[8];
  gboolean worked;
  int start, end, check_in = 0;

  if (week != p->week)
    {
      int x = (int) rng_int (r, 10);

      p->week = week;
      p->shift = x < 6 ? 0 : x < 8 ? 1
                                   : 2;
    }
  start = shifts[p->shift].start;
  end = shifts[p->shift].end;

  /* One day off a week, a day later each week. */
  if ((int) ((p->off_offset + week) % 7) + 1 == day->weekday)
    status = "OFF";
  else if (training)
    {
      status = "PRESENT";
      note = "Training awal";
    }
  else if (p->alpa_month == day->month && p->alpa_done < 4 && day->dom >= alpa_days[p->alpa_done])
    {
      status = "ABSENT_NO_NOTICE";
      note = "Tidak ada kabar";
      p->alpa_done++;
    }
  else
    status = draw_status (g, p);

  worked = strcmp (status, "PRESENT") == 0 || strcmp (status, "LATE") == 0 ||
           strcmp (status, "LATE_FROM_BREAK") == 0;
  if (strcmp (status, "LATE") == 0)
    {
      check_in = start + rng_range (r, 3, 35);
      if (rng_chance (r, 0.5))
        note = PICK (r, notes_late);
      p->late[day->month]++;
      if (p->late[day->month] == 3)
        p->late3[day->month] = day->jd;
    }
  else if (worked)
    check_in = start - rng_range (r, 2, 20);

  if (strcmp (status, "LATE_FROM_BREAK") == 0)
    {
      g_snprintf (note_buf, sizeof note_buf, "Terlambat kembali dari istirahat %d menit",
                  rng_range (r, 5, 25));
      note = note_buf;
    }
  else if (strcmp (status, "ABSENT_NOTICE") == 0)
    note = PICK (r, notes_absent_notice);
  else if (strcmp (status, "ABSENT_SHORT_NOTICE") == 0)
    {
      note = PICK (r, notes_absent_short);
      p->short_notice = day->jd;
    }
  else if (strcmp (status, "ABSENT_NO_NOTICE") == 0)
    note = "Tidak ada kabar";
  else if (strcmp (status, "SICK_NOTE") == 0)
    note = PICK (r, notes_sick_note);
  else if (strcmp (status, "SICK_NO_NOTE") == 0)
    {
      note = PICK (r, notes_sick_no_note);
      p->sick_no_note = day->jd;
    }
  else if (strcmp (status, "LEAVE") == 0)
    note = PICK (r, notes_leave);

  sqlite3_bind_int64 (stmt, 1, p->id);
  bind_text (stmt, 2, day->date);
  if (strcmp (status, "OFF") == 0)
    {
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_null (stmt, 4);
    }
  else
    {
      bind_text (stmt, 3, shifts[p->shift].start_text);
      bind_text (stmt, 4, shifts[p->shift].end_text);
    }
  bind_text (stmt, 5, status);
  if (worked)
    {
      format_minutes (check_in, in_text, sizeof in_text);
      format_minutes (end + rng_range (r, 0, 15), out_text, sizeof out_text);
      bind_text (stmt, 6, in_text);
      bind_text (stmt, 7, out_text);
    }
  else
    {
      sqlite3_bind_null (stmt, 6);
      sqlite3_bind_null (stmt, 7);
    }
  bind_text (stmt, 8, note);
  if (!step (g, stmt, error))
    return FALSE;
  g->n_attendance++;

  if (agent && worked && !training)
    {
      p->worked[day->month]++;
      return gen_calls (g, p, day, MAX (check_in, start) + 5, end - 10, error);
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Monthly inputs, trainings, coaching, recovery plans                 */
