/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Plain-text kernel logs into struct lsg_log.  Each line is split from its
 * prefixes by small cursor-based recognizers; a recognizer either consumes
 * its prefix entirely or leaves the cursor where it was.
 */
#include <stdio.h>
#include <string.h>

#include "textlog.h"

/* A read position inside one line. */
struct tl_cur {
	const char *p;
	const char *end;
};

static int tl_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int tl_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int tl_peek(const struct tl_cur *c, char ch)
{
	return c->p < c->end && *c->p == ch;
}

static int tl_lit(struct tl_cur *c, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n))
		return 0;
	c->p += n;
	return 1;
}

static void tl_spaces(struct tl_cur *c)
{
	while (c->p < c->end && *c->p == ' ')
		c->p++;
}

/* 1..@max decimal digits into *@val; *@ndig gets how many were read. */
static int tl_num(struct tl_cur *c, unsigned max, uint64_t *val,
		  unsigned *ndig)
{
	unsigned n = 0;
	uint64_t v = 0;

	while (c->p + n < c->end && tl_is_digit(c->p[n]) && n < max)
		v = v * 10 + (uint64_t)(c->p[n++] - '0');
	if (!n || (c->p + n < c->end && tl_is_digit(c->p[n])))
		return 0;
	c->p += n;
	*val = v;
	if (ndig)
		*ndig = n;
	return 1;
}

static int tl_word(struct tl_cur *c, int (*cls)(char), unsigned min)
{
	const char *p = c->p;

	while (p < c->end && cls(*p))
		p++;
	if ((unsigned)(p - c->p) < min)
		return 0;
	c->p = p;
	return 1;
}

static int tl_is_word(char ch)
{
	return tl_is_alpha(ch) || tl_is_digit(ch);
}

static int tl_is_host(char ch)
{
	return ch != ' ' && ch != '\t';
}

/* "[  12.345678]" */
static int tl_timestamp(struct tl_cur *c, uint64_t *ns)
{
	struct tl_cur s = *c;
	uint64_t sec, frac;
	unsigned nfrac;

	if (!tl_lit(&s, "["))
		return 0;
	tl_spaces(&s);
	/* Ten digits of seconds cannot overflow the nanoseconds. */
	if (!tl_num(&s, 10, &sec, NULL) || !tl_lit(&s, ".") ||
	    !tl_num(&s, 9, &frac, &nfrac) || !tl_lit(&s, "]"))
		return 0;
	while (nfrac++ < 9)
		frac *= 10;
	*ns = sec * 1000000000u + frac;
	*c = s;
	return 1;
}

/* "[  T123]" or "[C1]" */
static int tl_caller(struct tl_cur *c, uint32_t *id)
{
	struct tl_cur s = *c;
	uint64_t v;
	int cpu;

	if (!tl_lit(&s, "["))
		return 0;
	tl_spaces(&s);
	if (!tl_peek(&s, 'T') && !tl_peek(&s, 'C'))
		return 0;
	cpu = *s.p++ == 'C';
	if (!tl_num(&s, 10, &v, NULL) || !tl_lit(&s, "]") ||
	    v >= LSG_CALLER_CPU)
		return 0;
	*id = (uint32_t)v | (cpu ? LSG_CALLER_CPU : 0);
	*c = s;
	return 1;
}

/* "<6>": syslog priority, facility * 8 + level. */
static int tl_prio(struct tl_cur *c, struct lsg_record *rec)
{
	struct tl_cur s = *c;
	uint64_t v;

	if (!tl_lit(&s, "<") || !tl_num(&s, 3, &v, NULL) || !tl_lit(&s, ">") ||
	    v > 191)
		return 0;
	rec->level = (uint8_t)(v & 7);
	rec->facility = (uint8_t)(v >> 3);
	*c = s;
	return 1;
}

static const char *const tl_level_names[] = {
	"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug",
};

/* dmesg -x: "kern  :warn  : " */
static int tl_decoded_prio(struct tl_cur *c, struct lsg_record *rec)
{
	struct tl_cur s = *c;
	const char *lvl;
	size_t n;

	if (!tl_word(&s, tl_is_word, 2))
		return 0;
	tl_spaces(&s);
	if (!tl_lit(&s, ":"))
		return 0;
	lvl = s.p;
	if (!tl_word(&s, tl_is_alpha, 3))
		return 0;
	n = (size_t)(s.p - lvl);
	tl_spaces(&s);
	if (!tl_lit(&s, ": "))
		return 0;
	for (uint8_t i = 0; i < 8; i++) {
		if (strlen(tl_level_names[i]) == n &&
		    !memcmp(tl_level_names[i], lvl, n)) {
			rec->level = i;
			*c = s;
			return 1;
		}
	}
	return 0;
}

/* "hh:mm:ss" */
static int tl_clock(struct tl_cur *c)
{
	uint64_t v;

	return tl_num(c, 2, &v, NULL) && tl_lit(c, ":") &&
	       tl_num(c, 2, &v, NULL) && tl_lit(c, ":") &&
	       tl_num(c, 2, &v, NULL);
}

/* "Nov 25 19:50:00" (syslog) */
static int tl_syslog_date(struct tl_cur *c)
{
	uint64_t v;

	if (!tl_word(c, tl_is_alpha, 3) || !tl_lit(c, " "))
		return 0;
	tl_spaces(c);
	return tl_num(c, 2, &v, NULL) && tl_lit(c, " ") && tl_clock(c);
}

/* "2025-11-25T19:50:00.123456+00:00" (RFC 3339, rsyslog) */
static int tl_iso_date(struct tl_cur *c)
{
	uint64_t v;

	if (!tl_num(c, 4, &v, NULL) || !tl_lit(c, "-") ||
	    !tl_num(c, 2, &v, NULL) || !tl_lit(c, "-") ||
	    !tl_num(c, 2, &v, NULL) || !tl_lit(c, "T") || !tl_clock(c))
		return 0;
	while (c->p < c->end && *c->p != ' ')
		c->p++;
	return 1;
}

/* A host name from a syslog prefix: where it starts and its length. */
struct tl_host {
	const char *s;
	size_t len;
};

/* "Nov 25 19:50:00 host kernel: " and the RFC 3339 variant. */
static int tl_syslog(struct tl_cur *c, struct tl_host *host)
{
	struct tl_cur s = *c;
	const char *h;

	if (!tl_syslog_date(&s)) {
		s = *c;
		if (!tl_iso_date(&s))
			return 0;
	}
	if (!tl_lit(&s, " "))
		return 0;
	h = s.p;
	if (!tl_word(&s, tl_is_host, 1))
		return 0;
	host->len = (size_t)(s.p - h);
	if (!tl_lit(&s, " kernel: "))
		return 0;
	host->s = h;
	*c = s;
	return 1;
}

/* dmesg -T: "[Tue Nov 25 19:50:00 2025] " */
static int tl_human_date(struct tl_cur *c)
{
	struct tl_cur s = *c;
	uint64_t v;

	if (!tl_lit(&s, "[") || !tl_word(&s, tl_is_alpha, 3) ||
	    !tl_lit(&s, " ") || !tl_syslog_date(&s) || !tl_lit(&s, " ") ||
	    !tl_num(&s, 4, &v, NULL) || !tl_lit(&s, "] "))
		return 0;
	*c = s;
	return 1;
}

/* ",caller=T123" inside the /dev/kmsg header, which ends at @end. */
static void tl_kmsg_caller(const char *p, const char *end,
			   struct lsg_record *rec)
{
	static const char key[] = ",caller=";

	for (; (size_t)(end - p) > sizeof(key); p++) {
		struct tl_cur t = { p + sizeof(key) - 1, end };
		uint64_t v;
		int cpu;

		if (memcmp(p, key, sizeof(key) - 1) ||
		    (!tl_peek(&t, 'T') && !tl_peek(&t, 'C')))
			continue;
		cpu = *t.p++ == 'C';
		if (tl_num(&t, 10, &v, NULL) && v < LSG_CALLER_CPU) {
			rec->caller_id = (uint32_t)v |
					 (cpu ? LSG_CALLER_CPU : 0);
			rec->has_caller = 1;
		}
		return;
	}
}

/* /dev/kmsg and extended netconsole: "6,1234,5678901,-[,caller=T1];text" */
static int tl_kmsg(struct tl_cur *c, struct lsg_record *rec)
{
	struct tl_cur s = *c;
	uint64_t prio, seq, usec;
	const char *semi;

	if (!tl_num(&s, 3, &prio, NULL) || !tl_lit(&s, ",") ||
	    !tl_num(&s, 20, &seq, NULL) || !tl_lit(&s, ",") ||
	    !tl_num(&s, 20, &usec, NULL) || !tl_lit(&s, ",") || prio > 191 ||
	    usec > UINT64_MAX / 1000)
		return 0;
	semi = memchr(s.p, ';', (size_t)(s.end - s.p));
	if (!semi)
		return 0;
	rec->level = (uint8_t)(prio & 7);
	rec->facility = (uint8_t)(prio >> 3);
	rec->ts_nsec = usec * 1000;
	tl_kmsg_caller(s.p, semi, rec);
	c->p = semi + 1;
	return 1;
}

/* The console prefix after any "login: ": [<N>][[ts][caller]] then ' '. */
static int tl_console(struct tl_cur *c, struct lsg_record *rec)
{
	struct tl_cur s = *c;
	struct lsg_record r = *rec;
	int prio, ts, caller;

	prio = tl_prio(&s, &r);
	ts = tl_timestamp(&s, &r.ts_nsec);
	caller = tl_caller(&s, &r.caller_id);
	/* A timestamp or caller tag ends with ' ' (or the line). */
	if ((ts || caller) && s.p < s.end && !tl_lit(&s, " "))
		return 0;
	if (!prio && !ts && !caller)
		return 0;
	r.has_caller = (uint8_t)caller;
	*rec = r;
	*c = s;
	return 1;
}

/* Is there a " login: " in the line?  Cheaper than memmem() per line. */
static int tl_has_login(const struct tl_cur *c)
{
	for (const char *p = c->p; (p = memchr(p, ':', (size_t)(c->end - p)));
	     p++)
		if (p - c->p >= 6 && !memcmp(p - 6, " login", 6) &&
		    p + 1 < c->end && p[1] == ' ')
			return 1;
	return 0;
}

/* syzkaller consoles prefix lines with a getty prompt: "x login: [ts] ". */
static void tl_login(struct tl_cur *c, struct lsg_record *rec)
{
	static const char key[] = " login: ";
	const size_t klen = sizeof(key) - 1;

	if (!tl_has_login(c)) {
		tl_console(c, rec);
		return;
	}
	/* The last prompt that a console prefix follows, as a greedy ".*". */
	for (size_t i = (size_t)(c->end - c->p); i >= klen; i--) {
		const char *p = c->p + i - klen;
		struct tl_cur s = { c->p + i, c->end };

		if (!memcmp(p, key, klen) && tl_console(&s, rec)) {
			*c = s;
			return;
		}
	}
	tl_console(c, rec);
}

static size_t tl_prefix(const char *line, size_t len, struct lsg_record *rec,
			struct tl_host *host)
{
	struct tl_cur c = { line, line + len }, s;
	uint64_t n;

	rec->ts_nsec = TEXTLOG_TS_NONE;
	rec->level = TEXTLOG_LEVEL_DEFAULT;
	rec->facility = 0;
	rec->caller_id = 0;
	rec->has_caller = 0;
	if (tl_kmsg(&c, rec))
		return (size_t)(c.p - line);
	/* At most one of the date prefixes; the console prefix may follow. */
	if (!tl_syslog(&c, host))
		tl_human_date(&c);
	s = c;
	if (tl_lit(&s, "** ") && tl_num(&s, 10, &n, NULL) &&
	    tl_lit(&s, " printk messages dropped ** "))
		c = s;
	tl_decoded_prio(&c, rec);
	tl_login(&c, rec);
	return (size_t)(c.p - line);
}

size_t textlog_prefix(const char *line, size_t len, struct lsg_record *rec)
{
	struct tl_host host = { NULL, 0 };

	return tl_prefix(line, len, rec, &host);
}

/* The first syslog host; a second, different one makes it unknown. */
static void tl_note_host(struct textlog_stats *st, const struct tl_host *h)
{
	if (!h->s || st->hosts > 1)
		return;
	if (!st->hosts) {
		snprintf(st->host, sizeof(st->host), "%.*s", (int)h->len,
			 h->s);
		st->hosts = 1;
	} else if (strlen(st->host) != h->len ||
		   memcmp(st->host, h->s, h->len)) {
		st->host[0] = '\0';
		st->hosts = 2;
	}
}

/* Upper bound on the number of lines, to size the log once. */
static size_t tl_count_lines(const char *buf, size_t len)
{
	size_t n = 1;

	for (const char *p = buf, *end = buf + len;
	     (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	return n;
}

static struct lsg_error *tl_add_line(struct lsg_log *log, const char *line,
				     size_t len, struct textlog_stats *st)
{
	struct lsg_record rec = { 0 };
	struct tl_host host = { NULL, 0 };
	size_t skip;

	while (len && line[len - 1] == '\r')
		len--;
	skip = tl_prefix(line, len, &rec, &host);
	if (host.len < sizeof(st->host))
		tl_note_host(st, &host);
	line += skip;
	len -= skip;
	if (len > TEXTLOG_MAX_LINE) {
		len = TEXTLOG_MAX_LINE;
		st->truncated++;
	}
	rec.seq = log->nrecs;
	rec.text_len = (uint32_t)len;
	rec.flags = LSG_LOG_NEWLINE;
	st->with_ts += rec.ts_nsec != TEXTLOG_TS_NONE;
	st->with_caller += rec.has_caller;
	st->with_level += rec.level != TEXTLOG_LEVEL_DEFAULT || rec.facility;
	st->lines++;
	return lsg_log_append(log, &rec, line, NULL);
}

struct lsg_error *textlog_parse(const char *buf, size_t len,
				struct lsg_log *ret,
				struct textlog_stats *stats)
{
	struct textlog_stats st = { 0 };
	struct lsg_log log;
	struct lsg_error *err;
	const char *p = buf, *end;

	if (len > TEXTLOG_MAX_INPUT)
		return lsg_error_create(LSG_ERR_LIMIT,
					"text log of %zu bytes exceeds %zu",
					len, TEXTLOG_MAX_INPUT);
	end = buf + len;
	err = lsg_log_init(&log, len ? tl_count_lines(buf, len) : 1,
			   len ? len : 1, 1);
	if (err)
		return err;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;

		err = tl_add_line(&log, p, (size_t)(eol - p), &st);
		if (err) {
			lsg_log_deinit(&log);
			return lsg_error_wrap(err, "text log line %zu",
					      st.lines + 1);
		}
		p = eol + 1;
	}
	log.first_seq = 0;
	log.has_seq = 0;
	*ret = log;
	if (stats)
		*stats = st;
	return NULL;
}
