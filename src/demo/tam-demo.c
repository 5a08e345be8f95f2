/* tam-demo.c: deterministic, realistic demo data (tamctl init --demo).
 *
 * Everything random comes from one xoshiro256** generator seeded through
 * splitmix64, consumed in a fixed order: the same seed and the same "today"
 * give the same database (password salts and the audit row's time aside).
 * The whole set is written in one transaction through cached prepared
 * statements; calls are generated day by day, so call ids and row ids grow
 * together and the indexes are appended to rather than scattered. At
 * --scale 4 that is about 1,100 people, two years of attendance and
 * 5,000,000 calls. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tam-audit.h"
#include "tam-auth.h"
#include "tam-demo.h"
#include "tam-tapping.h"

/* ------------------------------------------------------------------ */
/* Random numbers: xoshiro256** (Blackman & Vigna), never rand ().     */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *r,
          guint64  seed)
{
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *r)
{
  guint64 *s = r->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n). */
static guint32
rng_int (Rng     *r,
         guint32  n)
{
  return (guint32)(((rng_next (r) >> 32) * (guint64)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int
rng_range (Rng *r,
           int  lo,
           int  hi)
{
  return lo + (int)rng_int (r, (guint32)(hi - lo + 1));
}

static double
rng_double (Rng *r)
{
  return (double)(rng_next (r) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng    *r,
            double  p)
{
  return rng_double (r) < p;
}

/* About normal (Irwin-Hall with 12 terms): no libm, same on every host. */
static double
rng_normal (Rng    *r,
            double  mean,
            double  sd)
{
  double sum = 0;

  for (int i = 0; i < 12; i++)
    sum += rng_double (r);
  return mean + (sum - 6.0) * sd;
}

/* A function, not CLAMP (): the value is a random draw, evaluated once. */
static double
clamp (double v,
       double lo,
       double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

#define PICK(r, array) ((array)[rng_int ((r), G_N_ELEMENTS (array))])

/* ------------------------------------------------------------------ */
/* Dates as Julian day numbers (GDate: day 1 is Monday 1 January 1).  */

static guint32
jd_from_ymd (int y,
             int m,
             int d)
{
  GDate date;

  if (!g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
  return g_date_get_julian (&date);
}

static void
jd_split (guint32  jd,
          int     *y,
          int     *m,
          int     *d)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, jd);
  *y = g_date_get_year (&date);
  *m = g_date_get_month (&date);
  *d = g_date_get_day (&date);
}

static void
jd_format (guint32  jd,
           char    *buf,
           gsize    len)
{
  int y, m, d;

  jd_split (jd, &y, &m, &d);
  g_snprintf (buf, len, "%04d-%02d-%02d", y, m, d);
}

static guint32
jd_add_months (guint32 jd,
               int     n)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, jd);
  if (n >= 0)
    g_date_add_months (&date, (guint)n);
  else
    g_date_subtract_months (&date, (guint)-n);
  return g_date_get_julian (&date);
}

static guint32
jd_add_years (guint32 jd,
              int     n)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, jd);
  if (n >= 0)
    g_date_add_years (&date, (guint)n);
  else
    g_date_subtract_years (&date, (guint)-n);
  return g_date_get_julian (&date);
}

/* 1 = Monday ... 7 = Sunday. */
static int
jd_weekday (guint32 jd)
{
  return (int)((jd - 1) % 7) + 1;
}

static guint32
jd_uniform (Rng     *r,
            guint32  from,
            guint32  to)
{
  if (to <= from)
    return from;
  return from + rng_int (r, to - from + 1);
}

/* Contracts run a year and are renewed yearly: the first anniversary of
 * the hire date on or after @ref. */
static guint32
contract_end_after (guint32 hired,
                    guint32 ref)
{
  int years = 1;
  guint32 end = jd_add_years (hired, 1);

  while (end < ref)
    end = jd_add_years (hired, ++years);
  return end;
}

static void
format_minutes (int    minutes,
                char  *buf,
                gsize  len)
{
  g_snprintf (buf, len, "%02d:%02d", minutes / 60, minutes % 60);
}

/* ------------------------------------------------------------------ */
/* The operation (DOMAIN.md).                                          */

enum { SITE_MEDAN, SITE_TANGERANG, SITE_BANDUNG, SITE_SEMARANG, SITE_MALANG, SITE_MAKASSAR, N_SITES };
enum { SVC_ADDON, SVC_WIFI, SVC_CT0, N_SERVICES };

static const char * const site_codes[N_SITES] = {
  "MEDAN", "TANGERANG", "BANDUNG", "SEMARANG", "MALANG", "MAKASSAR"
};
static const char * const area_codes[N_SITES] = { "061", "021", "022", "024", "0341", "0411" };

static const char * const service_codes[N_SERVICES] = {
  "ADDON_CONSUMER", "WIFI_DIGITAL", "CT0_PRANPC"
};
static const char * const service_short[N_SERVICES] = {
  "Add On Consumer", "WiFi & Add On Digital", "CT-0 PraNPC"
};
/* Where each service's operation staff (manager, quality, trainers) sit. */
static const int service_home[N_SERVICES] = { SITE_BANDUNG, SITE_TANGERANG, SITE_BANDUNG };

/* Order of QCO numbering, so QCO001 is in Bandung and QCO002 in Tangerang. */
static const int qco_site_order[N_SITES] = {
  SITE_BANDUNG, SITE_TANGERANG, SITE_MEDAN, SITE_SEMARANG, SITE_MALANG, SITE_MAKASSAR
};

/* Service/site pairs and their teams at scale 1. The first pair is
 * Bandung Add On Consumer, so SPV001 and TL001 lead there. */
static const struct
{
  int service;
  int site;
  int teams;
} pairs[] = {
  { SVC_ADDON, SITE_BANDUNG, 3 },
  { SVC_CT0, SITE_BANDUNG, 5 },
  { SVC_ADDON, SITE_TANGERANG, 2 },
  { SVC_WIFI, SITE_TANGERANG, 3 },
  { SVC_ADDON, SITE_MEDAN, 2 },
  { SVC_ADDON, SITE_SEMARANG, 2 },
  { SVC_WIFI, SITE_SEMARANG, 2 },
  { SVC_ADDON, SITE_MALANG, 2 },
  { SVC_ADDON, SITE_MAKASSAR, 2 },
};
#define N_PAIRS G_N_ELEMENTS (pairs)

static const char * const products_addon[] = {
  "IndiHome Minipack Movie", "Minipack Sport", "Minipack Kids", "Upgrade Speed 50 Mbps",
  "Upgrade Speed 100 Mbps", "Indibox", "Vidio Platinum", "Netflix via IndiHome",
  "Telepon Rumah Unlimited",
};
static const char * const products_wifi[] = {
  "WiFi Extender", "Seamless WiFi Mesh", "Smart Camera", "Disney+ Hotstar", "Vidio Platinum",
  "HBO GO",
};
static const char * const products_ct0[] = {
  "Komitmen Bayar", "Cicilan Tunggakan", "Retensi Berlangganan", "Konfirmasi Pembayaran",
};

static const char *
pick_product (Rng *r,
              int  service)
{
  switch (service)
    {
    case SVC_ADDON: return PICK (r, products_addon);
    case SVC_WIFI: return PICK (r, products_wifi);
    default: return PICK (r, products_ct0);
    }
}

static const char * const mobile_prefixes[] = {
  "0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0856", "0857", "0858",
  "0817", "0818", "0819", "0877", "0878", "0895", "0896", "0881", "0882",
};

/* ------------------------------------------------------------------ */
/* Names by region: Batak (Medan), Sundanese (Bandung), Javanese        */
/* (Semarang, Malang), Bugis/Makassar, and the mixed Jabodetabek crowd  */
/* of Tangerang.                                                        */

enum { REGION_BATAK, REGION_SUNDA, REGION_JAWA, REGION_BUGIS, REGION_METRO, N_REGIONS };

static const int site_region[N_SITES] = {
  REGION_BATAK, REGION_METRO, REGION_SUNDA, REGION_JAWA, REGION_JAWA, REGION_BUGIS
};

static const char * const batak_m[] = {
  "Roy", "Hotman", "Maruli", "Lamhot", "Rinto", "Parlindungan", "Samuel", "Yosua", "Andreas",
  "Daniel", "Hendra", "Fadli", "Rizky", "Bonar", "Togar", "Poltak", "Jonathan", "Kevin", "Arif",
  "Fauzi", "Benny", "Sahat",
};
static const char * const batak_f[] = {
  "Sondang", "Tiurma", "Rotua", "Dame", "Junita", "Ribka", "Debora", "Friska", "Nurhayati", "Rina",
  "Yohana", "Melati", "Sarah", "Maria", "Lestari", "Intan", "Nova", "Uli", "Tiara", "Siska",
  "Romauli", "Ester",
};
static const char * const batak_family[] = {
  "Siregar", "Simanjuntak", "Nainggolan", "Hutapea", "Sitorus", "Lubis", "Nasution", "Harahap",
  "Pardede", "Sihombing", "Situmorang", "Panjaitan", "Manurung", "Tambunan", "Silalahi",
  "Simatupang", "Sinaga", "Hutagalung", "Purba", "Saragih", "Ginting", "Tarigan", "Sembiring",
  "Damanik", "Rangkuti", "Pohan", "Batubara", "Marpaung", "Hasibuan", "Napitupulu",
};
static const char * const sunda_m[] = {
  "Asep", "Ujang", "Dadang", "Cecep", "Yayan", "Dede", "Agus", "Ridwan", "Fajar", "Rizal", "Gilang",
  "Hilman", "Ilham", "Ikhsan", "Deden", "Engkus", "Jajang", "Acep", "Rudi", "Wawan", "Iwan", "Yudi",
};
static const char * const sunda_f[] = {
  "Euis", "Neneng", "Iis", "Rina", "Lilis", "Wulan", "Nining", "Ai", "Tati", "Yuyun", "Intan",
  "Rani", "Santi", "Siti", "Nurul", "Dewi", "Rika", "Fitri", "Nisa", "Cucu", "Imas", "Dini",
};
static const char * const sunda_family[] = {
  "Sudrajat", "Hidayat", "Permana", "Kurniawan", "Setiawan", "Nugraha", "Suherman", "Supriatna",
  "Gunawan", "Mulyana", "Sumarna", "Kusnadi", "Rukmana", "Suryana", "Hermawan", "Firmansyah",
  "Ramdani", "Maulana", "Nurhadi", "Sobari", "Wiradinata", "Kartasasmita", "Sasmita", "Somantri",
  "Saepudin", "Hamdani",
};
static const char * const jawa_m[] = {
  "Budi", "Joko", "Slamet", "Bambang", "Agus", "Eko", "Wahyu", "Sugeng", "Hadi", "Adi", "Bagus",
  "Dimas", "Galih", "Teguh", "Yoga", "Aris", "Heru", "Bayu", "Rendra", "Anton", "Bima", "Satrio",
};
static const char * const jawa_f[] = {
  "Sri", "Endang", "Siti", "Yuli", "Rini", "Dian", "Ratna", "Retno", "Wulan", "Ayu", "Puji",
  "Tutik", "Putri", "Anisa", "Fitri", "Novi", "Kartika", "Sekar", "Indah", "Dwi", "Laras", "Ningsih",
};
static const char * const jawa_family[] = {
  "Santoso", "Wibowo", "Susanto", "Prasetyo", "Purnomo", "Hartono", "Nugroho", "Wijaya", "Utomo",
  "Setyawan", "Kusuma", "Handoko", "Pratama", "Saputro", "Sulistyo", "Widodo", "Raharjo",
  "Wicaksono", "Cahyono", "Suryadi", "Sutrisno", "Gunadi", "Darmawan", "Hadiwijaya",
};
static const char * const jawa_family_f[] = {
  "Rahayu", "Lestari", "Wulandari", "Astuti", "Handayani", "Puspitasari", "Susanti", "Kurniasari",
  "Pertiwi", "Maharani",
};
static const char * const bugis_m[] = {
  "Muhammad", "Ahmad", "Syamsul", "Rahmat", "Irfan", "Ilham", "Fahri", "Haerul", "Akbar", "Hasbi",
  "Syahrul", "Arif", "Asriadi", "Baharuddin", "Jufri", "Sultan", "Firdaus", "Zulkifli", "Ridwan",
  "Amiruddin", "Kamaruddin", "Ashar",
};
static const char * const bugis_f[] = {
  "Besse", "Hasna", "Nurul", "Sitti", "Rahma", "Wahyuni", "Ayu", "Fitriani", "Kurnia", "Nurhalisa",
  "Indah", "Hasmiati", "Megawati", "Suriani", "Darmawati", "Rosmiati", "Nurfadillah", "Sri",
  "Andriani", "Husnul", "Irma", "Musdalifah",
};
static const char * const bugis_family[] = {
  "Mappangara", "Pallawa", "Mattalatta", "Rasyid", "Amir", "Hamzah", "Latif", "Malik", "Hasanuddin",
  "Syarif", "Makmur", "Baso", "Tenri", "Sanusi", "Mappasessu", "Bachtiar", "Arsyad", "Patongai",
  "Daeng Manye", "Daeng Ngalle", "Rauf", "Mustari", "Parawansa", "Mallarangeng",
};
static const char * const metro_m[] = {
  "Reza", "Aditya", "Kevin", "Michael", "Rizki", "Fadli", "Yusuf", "Andika", "Bayu", "Hendri",
  "Irwan", "Steven", "Fikri", "Dimas", "Rafi", "Alvin", "Yudha", "Haris", "Farhan", "Ferdi",
  "Arya", "Gregorius",
};
static const char * const metro_f[] = {
  "Angela", "Jessica", "Nadia", "Putri", "Dewi", "Citra", "Diana", "Eka", "Vania", "Melisa",
  "Aulia", "Salsabila", "Cindy", "Amelia", "Tasya", "Novita", "Febri", "Rahma", "Zahra", "Lia",
  "Stefani", "Nabila",
};
static const char * const metro_family[] = {
  "Saputra", "Wijaya", "Halim", "Tanoto", "Gunawan", "Setiadi", "Rahman", "Hakim", "Firdaus",
  "Pratama", "Sutanto", "Hartanto", "Ramadhan", "Syahputra", "Kurniadi", "Tanjung", "Salim",
  "Gozali", "Hendrawan", "Effendi", "Sitompul", "Kusumawardhana", "Lim", "Santoso",
};

typedef struct
{
  const char * const *male;
  guint               n_male;
  const char * const *female;
  guint               n_female;
  const char * const *family;
  guint               n_family;
} Region;

#define LIST(a) a, G_N_ELEMENTS (a)
static const Region regions[N_REGIONS] = {
  { LIST (batak_m), LIST (batak_f), LIST (batak_family) },
  { LIST (sunda_m), LIST (sunda_f), LIST (sunda_family) },
  { LIST (jawa_m), LIST (jawa_f), LIST (jawa_family) },
  { LIST (bugis_m), LIST (bugis_f), LIST (bugis_family) },
  { LIST (metro_m), LIST (metro_f), LIST (metro_family) },
};
#undef LIST

/* ------------------------------------------------------------------ */
/* Attendance: shifts inside 08:00-17:00 and short Indonesian notes.  */

static const struct
{
  int         start, end;   /* minutes since midnight */
  const char *start_text, *end_text;
} shifts[] = {
  { 480, 1020, "08:00", "17:00" },
  { 480, 960, "08:00", "16:00" },
  { 540, 1020, "09:00", "17:00" },
};

static const char * const notes_late[] = {
  "Macet di jalan", "Ban motor bocor", "Hujan deras", "Antar anak sekolah", "Kereta terlambat",
  "Bukti keterlambatan diserahkan ke SPV jaga",
};
static const char * const notes_absent_notice[] = {
  "Izin keperluan keluarga", "Izin mengurus dokumen", "Izin acara pernikahan saudara",
  "Izin urusan bank", "Izin mengantar orang tua berobat",
};
static const char * const notes_absent_short[] = {
  "Kabar via WhatsApp pagi hari", "Izin mendadak, anak sakit", "Kendaraan mogok, kabar mendadak",
  "Kabar ke TL 1 jam sebelum shift",
};
static const char * const notes_sick_note[] = {
  "Sakit, surat dokter terlampir", "Demam, ada surat dokter", "Sakit gigi, surat dokter",
  "Rawat jalan, surat dokter diserahkan",
};
static const char * const notes_sick_no_note[] = {
  "Sakit, tanpa surat dokter", "Pusing, surat dokter belum ada", "Sakit perut, tidak ada surat dokter",
};
static const char * const notes_leave[] = {
  "Cuti tahunan", "Cuti tahunan (pulang kampung)", "Cuti tahunan", "Cuti menikah",
};

/* Days of the month on which the demo's ALPA agent stays away. */
static const int alpa_days[4] = { 4, 11, 18, 25 };

/* ------------------------------------------------------------------ */

typedef struct
{
  gint64       id;
  char         nik[16];
  char        *name;
  const char  *role;
  int          site;
  int          service;       /* -1: none */
  int          pair;          /* -1: none */
  int          team;          /* -1: none; a TL's own team */
  const char  *status;
  guint32      hired;
  guint32      last_day;      /* 0: still working */
  guint32      live_from;     /* initial training done: takes calls */
  guint32      contract_end;
  gboolean     attends;       /* has a roster (agents and TLs) */

  double       late_rate;
  double       absence;       /* multiplies the absence rates */
  double       skill;         /* 0-100, drives KPI inputs and returns */
  double       agree_rate;
  double       return_rate;
  int          off_offset;
  int          alpa_month;    /* -1, or the month with 4 forced ALPA days */

  /* While generating. */
  gint64       week;
  int          shift;
  int          alpa_done;
  guint16     *worked;        /* per month: days worked as a live agent */
  guint8      *late;          /* per month: late arrivals */
  guint32     *late3;         /* per month: the day of the 3rd late arrival */
  guint32      sick_no_note;  /* last sick day without a doctor's note */
  guint32      short_notice;  /* last absence notified too late */
  char        *password_hash;
} Person;

typedef struct
{
  int pair;
  int leader;                 /* index into people */
} Team;

typedef struct
{
  guint32 jd;
  int     weekday;
  int     dom;
  int     month;              /* index into months */
  char    date[11];           /* 2026-10-05 */
  char    compact[9];         /* 20261005 */
  char    path[11];           /* 2026/10/05 */
} Day;

typedef struct
{
  char text[8];               /* 2026-10 */
} Month;

typedef struct
{
  gint64      id;
  const char *code;
  gboolean    critical;
} Param;

typedef struct
{
  TamStore        *store;
  sqlite3         *db;
  Rng              rng;
  int              scale;
  guint64          seed;
  guint32          today;
  guint32          hist_start;
  GCancellable    *cancellable;
  TamProgressFunc  progress;
  gpointer         user_data;

  GPtrArray       *people;     /* Person */
  GHashTable      *names;      /* used names */
  guint            nik_seq[200]; /* per hire year - 1950: agent NIK counters */
  GHashTable      *role_seq;   /* NIK prefix -> last number */

  Team            *teams;
  guint            n_teams;
  int              pair_first_team[N_PAIRS];
  int              pair_n_teams[N_PAIRS];
  GArray          *pair_spv[N_PAIRS];   /* int person index */
  GArray          *site_qco[N_SITES];
  GArray          *service_staff[N_SERVICES][4]; /* SPQ, QA, TRAINER, MANAGER */

  Day             *days;
  guint            n_days;
  Month           *months;
  guint            n_months;

  Param            params[N_SERVICES][16];
  guint            n_params[N_SERVICES];

  guint            call_seq;    /* per day */
  gint64           n_calls;
  gint64           n_tappings;
  gint64           n_attendance;

  sqlite3_stmt    *st_attendance;
  sqlite3_stmt    *st_call;
  sqlite3_stmt    *st_tapping;
  sqlite3_stmt    *st_failure;
  sqlite3_stmt    *st_recall;
} Gen;

enum { STAFF_SPQ, STAFF_QA, STAFF_TRAINER, STAFF_MANAGER };

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->name);
  g_free (p->worked);
  g_free (p->late);
  g_free (p->late3);
  g_free (p->password_hash);
  g_free (p);
}

static Person *
person_at (Gen *g,
           int  index)
{
  return g->people->pdata[index];
}

static gboolean
step (Gen           *g,
      sqlite3_stmt  *stmt,
      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      tam_store_set_error (g->store, error, _("Could not write the demo data"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           idx,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_STATIC);
}

static const Day *
day_of (Gen     *g,
        guint32  jd)
{
  g_assert (jd >= g->days[0].jd && jd - g->days[0].jd < g->n_days);
  return &g->days[jd - g->days[0].jd];
}

/* ------------------------------------------------------------------ */
/* People                                                              */

static char *
make_name (Gen      *g,
           int       site,
           gboolean  female)
{
  Rng *r = &g->rng;

  for (int attempt = 0; ; attempt++)
    {
      int region = rng_chance (r, 0.8) ? site_region[site] : (int)rng_int (r, N_REGIONS);
      const Region *reg = &regions[region];
      const char * const *firsts = female ? reg->female : reg->male;
      guint n_firsts = female ? reg->n_female : reg->n_male;
      const char *first = firsts[rng_int (r, n_firsts)];
      const char *middle = NULL;
      const char *family;
      g_autofree char *name = NULL;

      if (rng_chance (r, 0.2))
        {
          middle = firsts[rng_int (r, n_firsts)];
          if (strcmp (middle, first) == 0)
            middle = NULL;
        }
      if (region == REGION_JAWA && female && rng_chance (r, 0.5))
        family = PICK (r, jawa_family_f);
      else
        family = reg->family[rng_int (r, reg->n_family)];

      if (region == REGION_BUGIS && !female && rng_chance (r, 0.15))
        name = g_strdup_printf ("Andi %s%s%s %s", first, middle ? " " : "", middle ? middle : "", family);
      else
        name = g_strdup_printf ("%s%s%s %s", first, middle ? " " : "", middle ? middle : "", family);

      /* Namesakes exist in real rosters too, but keep them rare. */
      if (!g_hash_table_contains (g->names, name) || attempt >= 30)
        {
          g_hash_table_add (g->names, g_strdup (name));
          return g_steal_pointer (&name);
        }
    }
}

static Person *
add_person (Gen        *g,
            const char *role,
            const char *prefix,
            int         site,
            int         service)
{
  Person *p = g_new0 (Person, 1);

  p->role = role;
  p->site = site;
  p->service = service;
  p->pair = -1;
  p->team = -1;
  p->status = "ACTIVE";
  p->alpa_month = -1;
  p->week = -1;
  p->name = make_name (g, site, rng_chance (&g->rng, 0.58));
  if (prefix != NULL)
    {
      int n = GPOINTER_TO_INT (g_hash_table_lookup (g->role_seq, prefix)) + 1;

      /* Fixed, memorable desk NIKs: MGR001, SPV001, TL001, ... */
      g_hash_table_insert (g->role_seq, (gpointer)prefix, GINT_TO_POINTER (n));
      g_snprintf (p->nik, sizeof p->nik, "%s%03d", prefix, n);
    }
  p->worked = g_new0 (guint16, g->n_months);
  p->late = g_new0 (guint8, g->n_months);
  p->late3 = g_new0 (guint32, g->n_months);
  g_ptr_array_add (g->people, p);
  return p;
}

/* Staff: hired one to three years ago (and before the history starts, so
 * every team has its leader throughout), contracts renewed yearly. */
static void
staff_dates (Gen    *g,
             Person *p)
{
  p->hired = jd_uniform (&g->rng, jd_add_years (g->today, -3),
                         MIN (jd_add_years (g->today, -1), g->hist_start));
  p->live_from = p->hired;
  p->contract_end = contract_end_after (p->hired, g->today);
  p->late_rate = 0.02;
  p->absence = 0.6;
  p->skill = 80;
  p->off_offset = (int)rng_int (&g->rng, 7);
}

static void
agent_nik (Gen    *g,
           Person *p)
{
  int y, m, d;
  guint slot;

  /* Eight digits: the hire year and a sequence, as the vendor issues them. */
  jd_split (p->hired, &y, &m, &d);
  slot = (guint)CLAMP (y - 1950, 0, (int)G_N_ELEMENTS (g->nik_seq) - 1);
  if (g->nik_seq[slot] == 0)
    g->nik_seq[slot] = 100 + rng_int (&g->rng, 200);
  g->nik_seq[slot] += 1 + rng_int (&g->rng, 6);
  g_snprintf (p->nik, sizeof p->nik, "%04d%04u", y, g->nik_seq[slot]);
}

typedef enum
{
  AGENT_VETERAN,
  AGENT_NEW,        /* hired during the history, after a batch training */
  AGENT_TRAINING,   /* in initial training now */
  AGENT_LEFT,       /* resigned or returned to the vendor during the history */
} AgentKind;

static guint32
batch_date (Gen *g,
            int  month_index)
{
  int y, m, d;
  guint32 jd;

  /* Training batches start on the first Monday after the 2nd. */
  jd_split (jd_add_months (g->hist_start, month_index), &y, &m, &d);
  jd = jd_from_ymd (y, m, 3);
  while (jd_weekday (jd) != 1)
    jd++;
  return jd;
}

static void
add_agent (Gen       *g,
           int        team,
           AgentKind  kind)
{
  Rng *r = &g->rng;
  const Team *t = &g->teams[team];
  Person *p = add_person (g, "AGENT", NULL, pairs[t->pair].site, pairs[t->pair].service);
  guint32 newest_veteran = g->hist_start > 30 ? g->hist_start - 30 : g->hist_start;

  p->pair = t->pair;
  p->team = team;
  p->attends = TRUE;
  switch (kind)
    {
    case AGENT_VETERAN:
      p->hired = jd_uniform (r, jd_add_years (g->today, -3), newest_veteran);
      break;
    case AGENT_NEW:
      {
        /* A batch in some month of the history, live well before today. */
        int last = (int)g->n_months - 2;
        guint32 jd = batch_date (g, rng_range (r, 0, MAX (0, last)));
        p->hired = MIN (jd, g->today - 45);
      }
      break;
    case AGENT_TRAINING:
      p->hired = batch_date (g, (int)g->n_months - 1);
      if (p->hired >= g->today - 3 || p->hired + 14 <= g->today)
        p->hired = g->today - 10; /* the current batch, still in class */
      p->status = "TRAINING";
      break;
    case AGENT_LEFT:
      p->hired = jd_uniform (r, jd_add_years (g->today, -3), newest_veteran);
      p->last_day = jd_uniform (r, g->hist_start + 20, g->today - 20);
      p->status = rng_chance (r, 0.7) ? "RESIGNED" : "RETURNED_TO_VENDOR";
      break;
    }
  /* Ten working days of initial training before going live. */
  p->live_from = p->hired + 14;
  p->contract_end = contract_end_after (p->hired, p->last_day ? p->last_day : g->today);
  agent_nik (g, p);

  if (rng_chance (r, 0.08))
    p->skill = rng_range (r, 42, 58);
  else
    p->skill = clamp (rng_normal (r, 77, 8), 60, 97);
  p->late_rate = rng_chance (r, 0.04) ? 0.15 + rng_double (r) * 0.12 : 0.02 + rng_double (r) * 0.04;
  p->absence = 0.5 + rng_double (r);
  p->agree_rate = 0.20 + rng_double (r) * 0.10;
  p->return_rate = 0.03 + (100.0 - p->skill) / 100.0 * 0.15;
  p->off_offset = (int)rng_int (r, 7);
}

static void
build_people (Gen *g)
{
  Rng *r = &g->rng;
  int site_agents[N_SITES] = { 0 };
  int service_teams[N_SERVICES] = { 0 };
  int scale = MAX (g->scale, 1);
  int n_teams = 0;
  int max_qco = 0;
  int team = 0;

  for (guint i = 0; i < N_PAIRS; i++)
    {
      g->pair_n_teams[i] = g->scale == 0 ? 1 : pairs[i].teams * scale;
      g->pair_first_team[i] = n_teams;
      n_teams += g->pair_n_teams[i];
      service_teams[pairs[i].service] += g->pair_n_teams[i];
    }
  g->n_teams = (guint)n_teams;
  g->teams = g_new0 (Team, g->n_teams);

  /* The operation's staff, per service, at its home site. */
  for (int s = 0; s < N_SERVICES; s++)
    {
      int agents = service_teams[s] * 10;
      int home = service_home[s];
      struct { const char *role, *prefix; int n, kind; } staff[] = {
        { "MANAGER", "MGR", 1, STAFF_MANAGER },
        { "SUPERVISOR_QUALITY", "SPQ", 1, STAFF_SPQ },
        { "QA", "QA", MAX (1, (agents + 99) / 100), STAFF_QA },
        { "TRAINER", "TRN", MAX (1, (agents + 79) / 80), STAFF_TRAINER },
        { "QC_TIER2", "QCT", MAX (1, (agents + 149) / 150), -1 },
        { "HD_SUPPORT", "HDS", 1, -1 },
      };

      for (guint k = 0; k < G_N_ELEMENTS (staff); k++)
        for (int n = 0; n < staff[k].n; n++)
          {
            Person *p = add_person (g, staff[k].role, staff[k].prefix, home, s);
            int index = (int)g->people->len - 1;

            staff_dates (g, p);
            if (staff[k].kind >= 0)
              g_array_append_val (g->service_staff[s][staff[k].kind], index);
          }
    }

  /* Per service and site: operational supervisors, team leaders, agents. */
  for (guint i = 0; i < N_PAIRS; i++)
    {
      int n_spv = (g->pair_n_teams[i] + 5) / 6;

      for (int n = 0; n < n_spv; n++)
        {
          Person *p = add_person (g, "SUPERVISOR_OPS", "SPV", pairs[i].site, pairs[i].service);
          int index = (int)g->people->len - 1;

          staff_dates (g, p);
          p->pair = (int)i;
          g_array_append_val (g->pair_spv[i], index);
        }

      for (int n = 0; n < g->pair_n_teams[i]; n++, team++)
        {
          Person *tl = add_person (g, "TEAM_LEADER", "TL", pairs[i].site, pairs[i].service);
          int members = g->scale == 0 ? rng_range (r, 4, 5) : rng_range (r, 9, 11);

          staff_dates (g, tl);
          tl->pair = (int)i;
          tl->team = team;
          tl->attends = TRUE;
          g->teams[team].pair = (int)i;
          g->teams[team].leader = (int)g->people->len - 1;

          for (int k = 0; k < members; k++)
            {
              double x = rng_double (r);
              AgentKind kind = x < 0.03 ? AGENT_TRAINING : x < 0.14 ? AGENT_NEW : AGENT_VETERAN;

              /* A recent batch in half of the pairs, so TRAINING shows. */
              if (n == 0 && k == members - 1 && i % 2 == 0)
                kind = AGENT_TRAINING;
              /* TL001's team carries the cases the coaching desk needs. */
              if (team == 0 && (k == 1 || k == 2))
                kind = AGENT_VETERAN;
              add_agent (g, team, kind);
              if (team == 0 && k == 1 && g->n_months >= 2)
                person_at (g, (int)g->people->len - 1)->alpa_month = (int)g->n_months - 2;
              if (team == 0 && k == 2)
                person_at (g, (int)g->people->len - 1)->late_rate = 0.25;
              if (kind != AGENT_LEFT)
                site_agents[pairs[i].site]++;
            }
          if (rng_chance (r, 0.5))
            add_agent (g, team, AGENT_LEFT);
        }
    }

  /* QCOs, about one per 40 agents of a site, numbered across sites first. */
  {
    int n_qco[N_SITES];

    for (int s = 0; s < N_SITES; s++)
      {
        n_qco[s] = site_agents[s] > 0 ? MAX (1, (site_agents[s] + 39) / 40) : 0;
        max_qco = MAX (max_qco, n_qco[s]);
      }
    for (int k = 0; k < max_qco; k++)
      for (int j = 0; j < N_SITES; j++)
        {
          int s = qco_site_order[j];

          if (k < n_qco[s])
            {
              Person *p = add_person (g, "QCO", "QCO", s, -1);
              int index = (int)g->people->len - 1;

              staff_dates (g, p);
              g_array_append_val (g->site_qco[s], index);
            }
        }
  }
}

static gboolean
insert_people (Gen     *g,
               GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "INSERT INTO people (nik, name, role, site, service, team_leader_id, status, hired_on, contract_end)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  /* Leaders first (agents refer to them), then agents. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g->people->len; i++)
      {
        Person *p = g->people->pdata[i];
        gboolean agent = strcmp (p->role, "AGENT") == 0;
        char hired[11], end[11];

        if (agent != (pass == 1))
          continue;
        jd_format (p->hired, hired, sizeof hired);
        jd_format (p->contract_end, end, sizeof end);
        bind_text (stmt, 1, p->nik);
        bind_text (stmt, 2, p->name);
        bind_text (stmt, 3, p->role);
        bind_text (stmt, 4, site_codes[p->site]);
        bind_text (stmt, 5, p->service >= 0 ? service_codes[p->service] : NULL);
        if (agent)
          sqlite3_bind_int64 (stmt, 6, person_at (g, g->teams[p->team].leader)->id);
        else
          sqlite3_bind_null (stmt, 6);
        bind_text (stmt, 7, p->status);
        bind_text (stmt, 8, hired);
        bind_text (stmt, 9, end);
        if (!step (g, stmt, error))
          return FALSE;
        p->id = sqlite3_last_insert_rowid (g->db);
      }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Desk accounts: yescrypt is slow on purpose (~20 ms a hash), so the   */
/* hashes, each with its own salt, are made on all cores.               */

typedef struct
{
  GPtrArray    *people;   /* Person with an account */
  gint          next;
  gint          failed;
  GCancellable *cancellable;
} HashJob;

static gpointer
hash_worker (gpointer data)
{
  HashJob *job = data;
  int i;

  while ((i = g_atomic_int_add (&job->next, 1)) < (int)job->people->len)
    {
      Person *p = job->people->pdata[i];

      if (g_cancellable_is_cancelled (job->cancellable))
        break;
      p->password_hash = tam_auth_hash_password (TAM_DEMO_PASSWORD, NULL);
      if (p->password_hash == NULL)
        g_atomic_int_set (&job->failed, 1);
    }
  return NULL;
}

static gboolean
hash_passwords (Gen     *g,
                GError **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new ();
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  HashJob job = { 0 };
  guint n_threads = CLAMP (g_get_num_processors (), 1, 8);

  for (guint i = 0; i < g->people->len; i++)
    {
      Person *p = g->people->pdata[i];

      if (strcmp (p->role, "AGENT") != 0 && strcmp (p->status, "ACTIVE") == 0)
        g_ptr_array_add (accounts, p);
    }
  job.people = accounts;
  job.cancellable = g->cancellable;
  for (guint i = 0; i < n_threads; i++)
    g_ptr_array_add (threads, g_thread_new ("tam-demo-hash", hash_worker, &job));
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (threads->pdata[i]);

  if (g_cancellable_set_error_if_cancelled (g->cancellable, error))
    return FALSE;
  if (job.failed)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_FAILED, _("Could not hash the password"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
insert_users (Gen     *g,
              GError **error)
{
  g_autofree char *now = tam_now_string ();
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "INSERT INTO users (person_id, password_hash, created_at) VALUES (?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < g->people->len; i++)
    {
      Person *p = g->people->pdata[i];

      if (p->password_hash == NULL)
        continue;
      sqlite3_bind_int64 (stmt, 1, p->id);
      bind_text (stmt, 2, p->password_hash);
      bind_text (stmt, 3, now);
      if (!step (g, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Calls and tappings                                                  */

static gboolean
load_params (Gen     *g,
             GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "SELECT id, code, critical FROM assessment_parameters"
      " WHERE service = ? AND active = 1 ORDER BY position, id", error);

  if (stmt == NULL)
    return FALSE;
  for (int s = 0; s < N_SERVICES; s++)
    {
      sqlite3_bind_text (stmt, 1, service_codes[s], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW && g->n_params[s] < G_N_ELEMENTS (g->params[s]))
        {
          Param *param = &g->params[s][g->n_params[s]++];
          const char *code = (const char *)sqlite3_column_text (stmt, 1);

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
  static const struct { const char *code, *text; } texts[] = {
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
static void
office_time (Gen     *g,
             guint32  jd,
             char    *buf,
             gsize    len)
{
  int minute = 510 + (int)rng_int (&g->rng, 450);

  g_snprintf (buf, len, "%s %02d:%02d:%02d", day_of (g, jd)->date, minute / 60, minute % 60,
              (int)rng_int (&g->rng, 60));
}

static gboolean
insert_tapping (Gen         *g,
                gint64       call_rowid,
                int          attempt,
                gint64       qco_id,
                const char  *tapped_at,
                gboolean     valid,
                int          service,
                GError     **error)
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
customer_number (Gen          *g,
                 const Person *p,
                 char         *buf,
                 gsize         len)
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
  OUTCOME_RETURNED,         /* returned, not (yet) re-called */
  OUTCOME_RECALLED,         /* re-called, waiting for the next tapping */
  OUTCOME_RECALLED_VALID,
  OUTCOME_RECALLED_RETURNED,
} Outcome;

static gboolean
gen_calls (Gen         *g,
           Person      *p,
           const Day   *day,
           int          from_minute,
           int          to_minute,
           GError     **error)
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
      int s = from_minute * 60 + (int)rng_int (r, (guint32)span);

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
      const char *result = x < p->agree_rate ? "AGREE" : x < p->agree_rate + 0.25 ? "FOLLOW_UP" : "DECLINE";
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
              outcome = y < 0.35 ? OUTCOME_RECALLED_VALID : y < 0.45 ? OUTCOME_RECALLED_RETURNED : OUTCOME_RETURNED;
            }
        }
      if (agree)
        {
          switch (outcome)
            {
            case OUTCOME_PENDING: state = "PENDING"; break;
            case OUTCOME_VALID: state = "VALID"; first_verdict = "VALID"; attempts = 1; break;
            case OUTCOME_RETURNED: state = "RETURNED"; first_verdict = "RETURN"; attempts = 1; break;
            case OUTCOME_RECALLED: state = "RECALLED"; first_verdict = "RETURN"; attempts = 1; break;
            case OUTCOME_RECALLED_VALID: state = "VALID"; first_verdict = "RETURN"; attempts = 2; break;
            case OUTCOME_RECALLED_RETURNED: state = "RETURNED"; first_verdict = "RETURN"; attempts = 2; break;
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
          guint32 tap_day = day->jd + (guint32)rng_range (r, 1, 3);
          char tapped_at[24];

          office_time (g, tap_day, tapped_at, sizeof tapped_at);
          if (!insert_tapping (g, call_rowid, 1, qco, tapped_at, outcome == OUTCOME_VALID,
                               p->service, error))
            return FALSE;

          if (outcome == OUTCOME_RECALLED || outcome == OUTCOME_RECALLED_VALID ||
              outcome == OUTCOME_RECALLED_RETURNED)
            {
              guint32 recall_day = tap_day + (guint32)rng_range (r, 1, 2);
              char recalled_at[24], recall_recording[80];
              static const char * const recall_notes[] = {
                "Pelanggan dihubungi ulang, persetujuan dikonfirmasi",
                "Re-call sesuai rekomendasi QCO",
                "Konfirmasi ulang produk dan harga ke pelanggan",
                "Pelanggan setuju ulang, data order diperbaiki",
              };

              office_time (g, recall_day, recalled_at, sizeof recalled_at);
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

                  office_time (g, recall_day + (guint32)rng_range (r, 1, 2), tapped2_at, sizeof tapped2_at);
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
draw_status (Gen    *g,
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

static gboolean
gen_day (Gen        *g,
         Person     *p,
         const Day  *day,
         GError    **error)
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
      int x = (int)rng_int (r, 10);

      p->week = week;
      p->shift = x < 6 ? 0 : x < 8 ? 1 : 2;
    }
  start = shifts[p->shift].start;
  end = shifts[p->shift].end;

  /* One day off a week, a day later each week. */
  if ((int)((p->off_offset + week) % 7) + 1 == day->weekday)
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

static gboolean
insert_kpi (Gen     *g,
            GError **error)
{
  static const char * const parameters[] = { "AHT", "FCR", "CALLMON", "SALES_TARGET", "KUIS" };
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "INSERT INTO kpi_inputs (month, person_id, parameter, value) VALUES (?, ?, ?, ?)", error);
  sqlite3_stmt *target = tam_store_prepare (g->store,
      "INSERT INTO headcount_targets (month, service, site, target) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL || target == NULL)
    return FALSE;

  /* Completed months only: the scorecard is made after the month closes. */
  for (guint m = 0; m + 1 < g->n_months; m++)
    for (guint i = 0; i < g->people->len; i++)
      {
        Person *p = g->people->pdata[i];

        if (p->role[0] != 'A' || p->worked[m] < 5)
          continue;
        for (guint k = 0; k < G_N_ELEMENTS (parameters); k++)
          {
            double v = clamp (rng_normal (&g->rng, p->skill, 8), 0, 100);

            bind_text (stmt, 1, g->months[m].text);
            sqlite3_bind_int64 (stmt, 2, p->id);
            bind_text (stmt, 3, parameters[k]);
            sqlite3_bind_double (stmt, 4, (double)(gint64)(v * 10 + 0.5) / 10);
            if (!step (g, stmt, error))
              return FALSE;
          }
      }

  /* CAPLAN: about ten and a half agents a team. */
  for (guint m = 0; m < g->n_months; m++)
    for (guint i = 0; i < N_PAIRS; i++)
      {
        bind_text (target, 1, g->months[m].text);
        bind_text (target, 2, service_codes[pairs[i].service]);
        bind_text (target, 3, site_codes[pairs[i].site]);
        sqlite3_bind_int (target, 4, g->pair_n_teams[i] * 10 + (g->pair_n_teams[i] + 1) / 2 +
                          (int)rng_int (&g->rng, 2));
        if (!step (g, target, error))
          return FALSE;
      }
  return TRUE;
}

static gint64
staff_id (Gen *g,
          int  service,
          int  kind,
          int  n)
{
  GArray *staff = g->service_staff[service][kind];

  return person_at (g, g_array_index (staff, int, (guint)n % staff->len))->id;
}

static gboolean
insert_training (Gen         *g,
                 const char  *kind,
                 const char  *title,
                 int          service,
                 int          site,
                 guint32      starts,
                 guint32      ends,
                 gint64      *id,
                 GError     **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "INSERT INTO trainings (kind, title, service, site, trainer_id, starts_on, ends_on)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  char from[11], to[11];

  if (stmt == NULL)
    return FALSE;
  jd_format (starts, from, sizeof from);
  jd_format (ends, to, sizeof to);
  bind_text (stmt, 1, kind);
  bind_text (stmt, 2, title);
  bind_text (stmt, 3, service_codes[service]);
  bind_text (stmt, 4, site_codes[site]);
  sqlite3_bind_int64 (stmt, 5, staff_id (g, service, STAFF_TRAINER, (int)rng_int (&g->rng, 8)));
  bind_text (stmt, 6, from);
  bind_text (stmt, 7, to);
  if (!step (g, stmt, error))
    return FALSE;
  *id = sqlite3_last_insert_rowid (g->db);
  return TRUE;
}

static gboolean
insert_participant (Gen      *g,
                    gint64    training,
                    Person   *p,
                    gboolean  attended,
                    double    quiz,      /* < 0: no score yet */
                    double    pass_mark,
                    GError  **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "INSERT INTO training_participants (training_id, person_id, attended, quiz_score, passed)"
      " VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, training);
  sqlite3_bind_int64 (stmt, 2, p->id);
  sqlite3_bind_int (stmt, 3, attended ? 1 : 0);
  if (attended && quiz >= 0)
    {
      sqlite3_bind_double (stmt, 4, quiz);
      sqlite3_bind_int (stmt, 5, quiz >= pass_mark ? 1 : 0);
    }
  else
    {
      sqlite3_bind_null (stmt, 4);
      sqlite3_bind_null (stmt, 5);
    }
  return step (g, stmt, error);
}

static gboolean
live_on (const Person *p,
         guint32       jd)
{
  return p->role[0] == 'A' && p->live_from <= jd && (p->last_day == 0 || p->last_day >= jd);
}

static gboolean
insert_trainings (Gen     *g,
                  GError **error)
{
  Rng *r = &g->rng;

  /* Initial training of every batch hired during the history (and the
   * class in session now: no scores yet). */
  for (guint i = 0; i < N_PAIRS; i++)
    {
      g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (guint32));

      for (guint k = 0; k < g->people->len; k++)
        {
          Person *p = g->people->pdata[k];
          gboolean seen = FALSE;

          if (p->pair != (int)i || p->role[0] != 'A' || p->hired < g->hist_start)
            continue;
          for (guint b = 0; b < batches->len; b++)
            seen |= g_array_index (batches, guint32, b) == p->hired;
          if (!seen)
            g_array_append_val (batches, p->hired);
        }
      for (guint b = 0; b < batches->len; b++)
        {
          guint32 starts = g_array_index (batches, guint32, b);
          char date[11];
          g_autofree char *title = NULL;
          gint64 id;

          jd_format (starts, date, sizeof date);
          title = g_strdup_printf ("Training Awal Agent %s %s, batch %s",
                                   service_short[pairs[i].service], site_codes[pairs[i].site], date);
          if (!insert_training (g, "INITIAL", title, pairs[i].service, pairs[i].site,
                                starts, starts + 13, &id, error))
            return FALSE;
          for (guint k = 0; k < g->people->len; k++)
            {
              Person *p = g->people->pdata[k];
              gboolean done = starts + 13 < g->today;

              if (p->pair != (int)i || p->role[0] != 'A' || p->hired != starts)
                continue;
              /* Whoever went live passed it. */
              if (!insert_participant (g, id, p, TRUE, done ? rng_range (r, 70, 98) : -1, 70, error))
                return FALSE;
            }
        }
    }

  /* Refreshment every other month per pair, for one team at a time, and
   * product socialization every third month per service. */
  for (guint m = 1; m + 1 < g->n_months; m += 2)
    for (guint i = 0; i < N_PAIRS; i++)
      {
        guint32 day = jd_add_months (g->hist_start, (int)m) + 9;
        int team = g->pair_first_team[i] + (int)(m / 2) % g->pair_n_teams[i];
        g_autofree char *title = g_strdup_printf ("Refreshment Product Knowledge & Parameter Penilaian %s",
                                                  service_short[pairs[i].service]);
        gint64 id;

        if (!insert_training (g, "REFRESHMENT", title, pairs[i].service, pairs[i].site,
                              day, day, &id, error))
          return FALSE;
        for (guint k = 0; k < g->people->len; k++)
          {
            Person *p = g->people->pdata[k];
            gboolean attended;

            if (p->team != team || !live_on (p, day))
              continue;
            attended = rng_chance (r, 0.92);
            if (!insert_participant (g, id, p, attended,
                                     (gint64)clamp (rng_normal (r, p->skill, 9), 0, 100), 60, error))
              return FALSE;
          }
      }

  for (guint m = 2; m + 1 < g->n_months; m += 3)
    for (int s = 0; s < N_SERVICES; s++)
      {
        guint32 day = jd_add_months (g->hist_start, (int)m) + 14;
        const char *product = pick_product (r, s);
        g_autofree char *title = g_strdup_printf ("Sosialisasi Produk Baru: %s", product);
        int home = service_home[s];
        gint64 id;

        if (!insert_training (g, "PRODUCT_SOCIALIZATION", title, s, home, day, day, &id, error))
          return FALSE;
        for (guint k = 0; k < g->people->len; k++)
          {
            Person *p = g->people->pdata[k];

            if (p->service != s || p->site != home || !live_on (p, day))
              continue;
            if (!insert_participant (g, id, p, rng_chance (r, 0.95),
                                     (gint64)clamp (rng_normal (r, p->skill + 5, 7), 0, 100), 60, error))
              return FALSE;
          }
      }
  return TRUE;
}

static gint64
pair_spv_id (Gen *g,
             int  pair)
{
  return person_at (g, g_array_index (g->pair_spv[pair], int, 0))->id;
}

static gboolean
insert_coaching (Gen     *g,
                 GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "INSERT INTO coaching_records (person_id, nonconformity, level, state, occurred_on, issued_on,"
      " valid_until, proposed_by, decided_by, note) VALUES (?, ?, ?, 'ISSUED', ?, ?, ?, ?, ?, ?)", error);
  int scale = MAX (g->scale, 1);
  int n_late = 0, n_sick = 0, n_short = 0;

  if (stmt == NULL)
    return FALSE;

  /* Issued sanctions follow real events of the attendance above. The
   * nonconformity codes are the catalog's (coaching issue). */
  /* Visit people in a scattered order (a prime stride), so the records
   * spread over teams and sites instead of filling the first team. */
  for (guint k = 0; k < g->people->len; k++)
    {
      Person *p = g->people->pdata[(guint)(((guint64)k * 104729) % g->people->len)];
      struct { const char *code, *level; guint32 day; char note[96]; } rec[3];
      int n_rec = 0;

      if (p->role[0] != 'A' || p->alpa_month >= 0)
        continue;
      for (int m = (int)g->n_months - 2; m >= 0; m--)
        if (p->late3[m] != 0 && n_late < 6 * scale)
          {
            rec[n_rec].code = "LATE_LOGIN";
            rec[n_rec].level = "COACHING1";
            rec[n_rec].day = p->late3[m];
            g_snprintf (rec[n_rec].note, sizeof rec[n_rec].note,
                        "Terlambat login %u kali pada bulan %s", (guint)p->late[m], g->months[m].text);
            n_rec++;
            n_late++;
            break;
          }
      if (p->sick_no_note != 0 && p->sick_no_note + 3 < g->today && n_sick < 3 * scale)
        {
          rec[n_rec].code = "SICK_NO_NOTE";
          rec[n_rec].level = "KONSELING1";
          rec[n_rec].day = p->sick_no_note;
          g_snprintf (rec[n_rec].note, sizeof rec[n_rec].note, "Sakit tanpa surat dokter");
          n_rec++;
          n_sick++;
        }
      else if (p->short_notice != 0 && p->short_notice + 3 < g->today && n_short < 2 * scale)
        {
          rec[n_rec].code = "ABSENT_SHORT_NOTICE";
          rec[n_rec].level = "KONSELING1";
          rec[n_rec].day = p->short_notice;
          g_snprintf (rec[n_rec].note, sizeof rec[n_rec].note,
                      "Izin tidak masuk kurang dari 3 jam sebelum shift");
          n_rec++;
          n_short++;
        }

      for (int k = 0; k < n_rec; k++)
        {
          char occurred[11], issued[11], until[11];
          guint32 issued_jd = MIN (rec[k].day + 2, g->today - 1);

          jd_format (rec[k].day, occurred, sizeof occurred);
          jd_format (issued_jd, issued, sizeof issued);
          jd_format (jd_add_months (issued_jd, 6), until, sizeof until);
          sqlite3_bind_int64 (stmt, 1, p->id);
          bind_text (stmt, 2, rec[k].code);
          bind_text (stmt, 3, rec[k].level);
          bind_text (stmt, 4, occurred);
          bind_text (stmt, 5, issued);
          bind_text (stmt, 6, until);
          sqlite3_bind_int64 (stmt, 7, person_at (g, g->teams[p->team].leader)->id);
          sqlite3_bind_int64 (stmt, 8, pair_spv_id (g, p->pair));
          bind_text (stmt, 9, rec[k].note);
          if (!step (g, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static int
first_team_of (Gen *g,
               int  service,
               int  site)
{
  for (guint i = 0; i < N_PAIRS; i++)
    if (pairs[i].service == service && pairs[i].site == site)
      return g->pair_first_team[i];
  return 0;
}

static gboolean
insert_recovery_plans (Gen     *g,
                       GError **error)
{
  sqlite3_stmt *plan = tam_store_prepare (g->store,
      "INSERT INTO recovery_plans (kpi, scope_kind, scope_ref, period, analysis, state, drafted_by,"
      " drafted_at, decided_by, decided_at, decision_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  sqlite3_stmt *action = tam_store_prepare (g->store,
      "INSERT INTO recovery_actions (plan_id, action, owner_id, due_on, done_on) VALUES (?, ?, ?, ?, ?)", error);
  Person *weak = NULL;
  int last = (int)g->n_months - 1;
  int team_bdg = 0;
  int team_ct0 = first_team_of (g, SVC_CT0, SITE_BANDUNG);
  int team_wifi = first_team_of (g, SVC_WIFI, SITE_TANGERANG);
  int team_mdn = first_team_of (g, SVC_ADDON, SITE_MEDAN);
  int team_smg = first_team_of (g, SVC_ADDON, SITE_SEMARANG);
  struct
  {
    const char *kpi, *scope_kind;
    int         team;        /* drafting TL's team; scope TEAM refers to it */
    const char *scope_ref;   /* for SITE / SERVICE / AGENT */
    int         months_back;
    const char *state;
    gint64      decider;     /* 0: not decided yet */
    const char *analysis, *reason;
    const char *actions[3];
  } plans[] = {
    { "QVS", "TEAM", team_bdg, NULL, 1, "SUBMITTED", 0,
      "QVS tim di bawah target 95%: beberapa AGREE di-RETURN karena persetujuan pelanggan tidak eksplisit.", "",
      { "Briefing ulang parameter CONSENT setiap pagi", "Role play closing untuk agent yang RETURN", NULL } },
    { "QVS", "TEAM", team_bdg, NULL, 0, "DRAFT", 0,
      "Tren RETURN naik pada minggu pertama; analisis per parameter sedang disusun.", "",
      { "Kalibrasi parameter penilaian bersama QCO", NULL, NULL } },
    { "HEADCOUNT", "SITE", team_mdn, "MEDAN", 2, "APPROVED", -1,
      "Pemenuhan SDM di bawah 95% karena agent resign dan batch rekrutmen berikutnya terlambat.", "",
      { "Percepat rekrutmen batch pengganti", "Atur ulang jadwal shift tim yang ada", NULL } },
    { "ABU", "AGENT", team_bdg, NULL, 1, "REJECTED", -1,
      "Nilai CALLMON dan SALES TARGET di bawah 60 dua bulan berturut-turut.",
      "Analisis akar masalah belum lengkap; lampirkan hasil call monitoring.",
      { "Coaching harian oleh TL", "Pendampingan call oleh agent senior", NULL } },
    { "CT0_AGREE", "TEAM", team_ct0, NULL, 2, "VERIFIED_MET", -1,
      "Pencapaian AGREE caring CT-0 di bawah target harian pada minggu kedua.", "",
      { "Prioritaskan DAPROS dengan tunggakan kecil", "Evaluasi harian di akhir shift (HK+3)", NULL } },
    { "QVS", "TEAM", team_wifi, NULL, 3, "VERIFIED_NOT_MET", -2,
      "RETURN tinggi pada parameter DATA: alamat instalasi sering tidak lengkap.", "",
      { "Checklist alamat instalasi sebelum submit", "Sharing session bersama QCO", NULL } },
    { "ADHERENCE", "TEAM", team_smg, NULL, 3, "CLOSED", -1,
      "Adherence roster tim turun karena keterlambatan login berulang.", "",
      { "Coaching agent yang terlambat login", "Pantau login harian oleh TL", NULL } },
    { "HEADCOUNT", "SERVICE", team_wifi, "WIFI_DIGITAL", 1, "APPROVED", -3,
      "Kebutuhan SDM WiFi Digital naik setelah penambahan DAPROS dari Telkom.", "",
      { "Ajukan tambahan batch training", "Pinjam sementara agent Add On Consumer Tangerang", NULL } },
  };

  if (plan == NULL || action == NULL)
    return FALSE;
  for (guint i = 0; i < g->people->len && weak == NULL; i++)
    {
      Person *p = g->people->pdata[i];
      if (p->role[0] == 'A' && p->team == team_bdg && p->skill < 60 && p->last_day == 0)
        weak = p;
    }
  if (weak == NULL)
    for (guint i = 0; i < g->people->len && weak == NULL; i++)
      {
        Person *p = g->people->pdata[i];
        if (p->role[0] == 'A' && p->team == team_bdg && p->last_day == 0)
          weak = p;
      }

  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      int month = MAX (0, last - plans[i].months_back);
      Person *tl = person_at (g, g->teams[plans[i].team].leader);
      int pair = g->teams[plans[i].team].pair;
      const char *scope_ref;
      gint64 decider = 0;
      guint32 drafted = MIN (jd_add_months (g->hist_start, month + 1) + 2, g->today - 1);
      guint32 decided = MIN (drafted + 2, g->today - 1);
      gboolean closed = strncmp (plans[i].state, "VERIFIED", 8) == 0 || strcmp (plans[i].state, "CLOSED") == 0;
      char drafted_at[24], decided_at[24];
      gint64 plan_id;

      if (month == last)
        drafted = g->today - 1;
      if (strcmp (plans[i].scope_kind, "TEAM") == 0)
        scope_ref = tl->nik;
      else if (strcmp (plans[i].scope_kind, "AGENT") == 0)
        scope_ref = weak ? weak->nik : tl->nik;
      else
        scope_ref = plans[i].scope_ref;
      /* Supervisors decide; never the one who drafted. */
      if (plans[i].decider == -1)
        decider = pair_spv_id (g, pair);
      else if (plans[i].decider == -2)
        decider = staff_id (g, pairs[pair].service, STAFF_SPQ, 0);
      else if (plans[i].decider == -3)
        decider = staff_id (g, pairs[pair].service, STAFF_MANAGER, 0);

      office_time (g, drafted, drafted_at, sizeof drafted_at);
      office_time (g, decided, decided_at, sizeof decided_at);
      bind_text (plan, 1, plans[i].kpi);
      bind_text (plan, 2, plans[i].scope_kind);
      bind_text (plan, 3, scope_ref);
      bind_text (plan, 4, g->months[month].text);
      bind_text (plan, 5, plans[i].analysis);
      bind_text (plan, 6, plans[i].state);
      sqlite3_bind_int64 (plan, 7, tl->id);
      bind_text (plan, 8, drafted_at);
      if (decider != 0)
        {
          sqlite3_bind_int64 (plan, 9, decider);
          bind_text (plan, 10, decided_at);
        }
      else
        {
          sqlite3_bind_null (plan, 9);
          sqlite3_bind_null (plan, 10);
        }
      bind_text (plan, 11, plans[i].reason);
      if (!step (g, plan, error))
        return FALSE;
      plan_id = sqlite3_last_insert_rowid (g->db);

      for (int k = 0; k < 3 && plans[i].actions[k] != NULL; k++)
        {
          char due[11], done[11];
          guint32 due_jd = decided + 7 * (guint32)(k + 1);

          jd_format (due_jd, due, sizeof due);
          jd_format (MIN (due_jd - 1, g->today - 1), done, sizeof done);
          sqlite3_bind_int64 (action, 1, plan_id);
          bind_text (action, 2, plans[i].actions[k]);
          sqlite3_bind_int64 (action, 3, k == 0 ? tl->id : pair_spv_id (g, pair));
          bind_text (action, 4, due);
          bind_text (action, 5, closed || (decider != 0 && due_jd < g->today && k == 0) ? done : NULL);
          if (!step (g, action, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
append_audit (Gen     *g,
              GError **error)
{
  sqlite3_stmt *stmt = tam_store_prepare (g->store,
      "SELECT json_object('scale', ?1, 'seed', ?2, 'today', ?3, 'people', ?4,"
      " 'attendance', ?5, 'calls', ?6, 'tappings', ?7)", error);
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, g->seed);
  g_autofree char *after = NULL;
  char today[11];

  if (stmt == NULL)
    return FALSE;
  jd_format (g->today, today, sizeof today);
  sqlite3_bind_int (stmt, 1, g->scale);
  bind_text (stmt, 2, seed);
  bind_text (stmt, 3, today);
  sqlite3_bind_int64 (stmt, 4, g->people->len);
  sqlite3_bind_int64 (stmt, 5, g->n_attendance);
  sqlite3_bind_int64 (stmt, 6, g->n_calls);
  sqlite3_bind_int64 (stmt, 7, g->n_tappings);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    after = tam_stmt_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return tam_audit_append (g->store, NULL, "DEMO", "database", "demo", NULL, after, error);
}

/* ------------------------------------------------------------------ */

static void
gen_clear (Gen *g)
{
  g_clear_pointer (&g->people, g_ptr_array_unref);
  g_clear_pointer (&g->names, g_hash_table_unref);
  g_clear_pointer (&g->role_seq, g_hash_table_unref);
  g_clear_pointer (&g->teams, g_free);
  g_clear_pointer (&g->days, g_free);
  g_clear_pointer (&g->months, g_free);
  for (guint i = 0; i < N_PAIRS; i++)
    g_clear_pointer (&g->pair_spv[i], g_array_unref);
  for (int s = 0; s < N_SITES; s++)
    g_clear_pointer (&g->site_qco[s], g_array_unref);
  for (int s = 0; s < N_SERVICES; s++)
    for (int k = 0; k < 4; k++)
      g_clear_pointer (&g->service_staff[s][k], g_array_unref);
}

static void
report (Gen    *g,
        double  fraction)
{
  if (g->progress != NULL)
    g->progress (CLAMP (fraction, 0.0, 1.0), g->user_data);
}

static guint32
parse_today (const char *today)
{
  int y, m, d;
  char tail;

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      return jd_from_ymd (g_date_time_get_year (now), g_date_time_get_month (now),
                          g_date_time_get_day_of_month (now));
    }
  if (sscanf (today, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
    return 0;
  return jd_from_ymd (y, m, d);
}

static void
init_calendar (Gen *g,
               int  months)
{
  int y, m, d;
  int first_y, first_m, first_d;

  jd_split (g->today, &y, &m, &d);
  g->hist_start = jd_add_months (jd_from_ymd (y, m, 1), -months);
  g->n_months = (guint)months + 1;
  g->months = g_new0 (Month, g->n_months);
  for (guint i = 0; i < g->n_months; i++)
    {
      jd_split (jd_add_months (g->hist_start, (int)i), &y, &m, &d);
      g_snprintf (g->months[i].text, sizeof g->months[i].text, "%04d-%02d", y, m);
    }

  jd_split (g->hist_start, &first_y, &first_m, &first_d);
  g->n_days = g->today - g->hist_start;
  g->days = g_new0 (Day, g->n_days);
  for (guint i = 0; i < g->n_days; i++)
    {
      Day *day = &g->days[i];

      day->jd = g->hist_start + i;
      day->weekday = jd_weekday (day->jd);
      jd_split (day->jd, &y, &m, &d);
      day->dom = d;
      day->month = (y - first_y) * 12 + (m - first_m);
      g_snprintf (day->date, sizeof day->date, "%04d-%02d-%02d", y, m, d);
      g_snprintf (day->compact, sizeof day->compact, "%04d%02d%02d", y, m, d);
      g_snprintf (day->path, sizeof day->path, "%04d/%02d/%02d", y, m, d);
    }
}

gboolean
tam_demo_generate_for_date (TamStore        *store,
                            int              scale,
                            guint64          seed,
                            const char      *today,
                            TamProgressFunc  progress,
                            gpointer         user_data,
                            GCancellable    *cancellable,
                            GError         **error)
{
  Gen g = { 0 };
  GError *local_error = NULL;
  gint64 old_cache = -2000;
  gint64 n_people;
  gboolean delete_journal = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (TAM_IS_STORE (store), FALSE);
  g_return_val_if_fail (scale >= 0, FALSE);

  n_people = tam_store_query_int (store, "SELECT count(*) FROM people", -1, error);
  if (n_people < 0)
    return FALSE;
  if (n_people > 0)
    {
      g_set_error_literal (error, TAM_ERROR, TAM_ERROR_INVALID,
                           _("The database already has people; demo data goes only into a new database"));
      return FALSE;
    }
  g.today = parse_today (today);
  if (g.today == 0)
    {
      g_set_error (error, TAM_ERROR, TAM_ERROR_INVALID, _("“%s” is not a date (YYYY-MM-DD)"), today);
      return FALSE;
    }

  g.store = store;
  g.db = tam_store_get_db (store);
  g.scale = scale;
  g.seed = seed;
  g.cancellable = cancellable;
  g.progress = progress;
  g.user_data = user_data;
  rng_init (&g.rng, seed);
  g.people = g_ptr_array_new_with_free_func (person_free);
  g.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g.role_seq = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < N_PAIRS; i++)
    g.pair_spv[i] = g_array_new (FALSE, FALSE, sizeof (int));
  for (int s = 0; s < N_SITES; s++)
    g.site_qco[s] = g_array_new (FALSE, FALSE, sizeof (int));
  for (int s = 0; s < N_SERVICES; s++)
    for (int k = 0; k < 4; k++)
      g.service_staff[s][k] = g_array_new (FALSE, FALSE, sizeof (int));

  init_calendar (&g, scale == 0 ? 2 : MIN (24, 6 * scale));
  build_people (&g);
  report (&g, 0.01);

  /* Passwords before the write lock is taken. */
  if (!hash_passwords (&g, error))
    goto out;
  report (&g, 0.03);

  /* A new file: write the pages once, through a rollback journal, rather
   * than twice through the WAL; and keep the growing indexes in memory.
   * Back to WAL (and the usual cache) at the end. If another connection
   * holds the file, the journal mode simply stays WAL. */
  old_cache = tam_store_query_int (store, "PRAGMA cache_size", -2000, NULL);
  delete_journal = sqlite3_exec (g.db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_exec (g.db, "PRAGMA cache_size = -131072", NULL, NULL, NULL);

  if (!tam_store_begin (store, error))
    goto restore;
  if (!load_params (&g, error) || !insert_people (&g, error) || !insert_users (&g, error))
    goto rollback;

  g.st_attendance = tam_store_prepare (store,
      "INSERT INTO attendance (person_id, date, shift_start, shift_end, status, check_in, check_out, note)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  g.st_call = g.st_attendance ? tam_store_prepare (store,
      "INSERT INTO calls (call_id, agent_id, site, service, call_start, month, result, customer_number,"
      " product, recording, state, attempts, first_verdict) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      error) : NULL;
  g.st_tapping = g.st_call ? tam_store_prepare (store,
      "INSERT INTO tappings (call_id, attempt, qco_id, tapped_at, verdict, recommendation)"
      " VALUES (?, ?, ?, ?, ?, ?)", error) : NULL;
  g.st_failure = g.st_tapping ? tam_store_prepare (store,
      "INSERT INTO tapping_failures (tapping_id, parameter_id) VALUES (?, ?)", error) : NULL;
  g.st_recall = g.st_failure ? tam_store_prepare (store,
      "INSERT INTO recalls (call_id, attempt, recorded_by, recorded_at, recording, note)"
      " VALUES (?, ?, ?, ?, ?, ?)", error) : NULL;
  if (g.st_recall == NULL)
    goto rollback;

  for (guint di = 0; di < g.n_days; di++)
    {
      const Day *day = &g.days[di];

      g.call_seq = 0;
      for (guint i = 0; i < g.people->len; i++)
        {
          Person *p = g.people->pdata[i];

          if (!p->attends || day->jd < p->hired || (p->last_day != 0 && day->jd > p->last_day))
            continue;
          if (!gen_day (&g, p, day, error))
            goto rollback;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto rollback;
      report (&g, 0.03 + 0.92 * (di + 1) / g.n_days);
    }

  if (!insert_kpi (&g, error) ||
      !insert_trainings (&g, error) ||
      !insert_coaching (&g, error) ||
      !insert_recovery_plans (&g, error) ||
      !append_audit (&g, error))
    goto rollback;
  /* The per-day counts of the queue take the calls now, as an import
   * does: the first desk to open the new database does not pay for
   * them (issue 7). */
  if (!tam_queue_counts_update (store, error))
    goto rollback;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto rollback;
  report (&g, 0.97);
  if (!tam_store_commit (store, error))
    goto restore;
  ok = TRUE;
  goto restore;

rollback:
  tam_store_rollback (store);
restore:
  {
    /* PRAGMAs take no bound parameters; the number is the connection's
     * own earlier value, never input. */
    g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, old_cache);
    sqlite3_exec (g.db, pragma, NULL, NULL, NULL);
  }
  if (delete_journal && !tam_store_exec (store, "PRAGMA journal_mode = WAL", ok ? &local_error : NULL))
    {
      if (ok)
        {
          g_propagate_error (error, local_error);
          ok = FALSE;
        }
    }
  if (ok)
    report (&g, 1.0);
out:
  gen_clear (&g);
  return ok;
}

gboolean
tam_demo_generate (TamStore        *store,
                   int              scale,
                   guint64          seed,
                   TamProgressFunc  progress,
                   gpointer         user_data,
                   GCancellable    *cancellable,
                   GError         **error)
{
  return tam_demo_generate_for_date (store, scale, seed, NULL, progress, user_data,
                                     cancellable, error);
}
