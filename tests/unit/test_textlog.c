/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Plain-text logs into records: every prefix format we read, and inputs
 * that are not well-formed text (empty, NUL bytes, invalid UTF-8, \r,
 * huge lines, oversized input).
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "parse/textlog.h"

struct prefix_case {
	const char *line;
	const char *text;	/* what the record keeps */
	uint64_t ts_nsec;
	int level;
	int facility;
	int has_caller;
	uint32_t caller_id;
};

static const struct prefix_case prefix_cases[] = {
	/* console with printk.time */
	{ "[    3.418899] Oops: 0000 [#1]", "Oops: 0000 [#1]", 3418899000,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	/* CONFIG_PRINTK_CALLER, task and CPU context */
	{ "[  744.592276][ T3173] BUG: KASAN", "BUG: KASAN", 744592276000,
	  TEXTLOG_LEVEL_DEFAULT, 0, 1, 3173 },
	{ "[  110.420358][    C0] general protection fault",
	  "general protection fault", 110420358000, TEXTLOG_LEVEL_DEFAULT, 0,
	  1, LSG_CALLER_CPU },
	{ "[ 1.5][T1] x", "x", 1500000000, TEXTLOG_LEVEL_DEFAULT, 0, 1, 1 },
	/* dmesg -r: syslog priority, facility 0 kern */
	{ "<4>[    0.000000] Linux version", "Linux version", 0, 4, 0, 0, 0 },
	{ "<14>hello", "hello", TEXTLOG_TS_NONE, 6, 1, 0, 0 },
	/* dmesg -x */
	{ "kern  :err   : [   12.000001] I/O error", "I/O error", 12000001000,
	  3, 0, 0, 0 },
	/* /dev/kmsg and extended netconsole */
	{ "6,1234,5678901,-;usb 1-1: new device", "usb 1-1: new device",
	  5678901000, 6, 0, 0, 0 },
	{ "4,7,100,c,caller=C2;more", "more", 100000, 4, 0, 1,
	  LSG_CALLER_CPU | 2 },
	/* syzkaller consoles */
	{ "syzkaller login: [   10.100000] audit: x", "audit: x", 10100000000,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	{ "** 3 printk messages dropped ** [ 9.000000] y", "y", 9000000000,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	/* syslog, journalctl and dmesg -T dates are dropped */
	{ "Nov 25 19:50:00 host kernel: [  1.000000] z", "z", 1000000000,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	{ "2025-11-25T19:50:00.123456+00:00 host kernel: w", "w",
	  TEXTLOG_TS_NONE, TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	{ "[Tue Nov 25 19:50:00 2025] v", "v", TEXTLOG_TS_NONE,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	/* not prefixes: kept as they are */
	{ "executing program 0:", "executing program 0:", TEXTLOG_TS_NONE,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	{ "[   12.345678]no space", "[   12.345678]no space", TEXTLOG_TS_NONE,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	{ "[  pid  ]   uid  tgid", "[  pid  ]   uid  tgid", TEXTLOG_TS_NONE,
	  TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
	{ "<999>x", "<999>x", TEXTLOG_TS_NONE, TEXTLOG_LEVEL_DEFAULT, 0, 0,
	  0 },
	{ "[    1.000000]", "", 1000000000, TEXTLOG_LEVEL_DEFAULT, 0, 0, 0 },
};

static void test_prefixes(void)
{
	for (size_t i = 0; i < sizeof(prefix_cases) / sizeof(prefix_cases[0]);
	     i++) {
		const struct prefix_case *c = &prefix_cases[i];
		struct lsg_record rec;
		size_t n = textlog_prefix(c->line, strlen(c->line), &rec);

		if (strcmp(c->line + n, c->text) || rec.ts_nsec != c->ts_nsec ||
		    rec.level != c->level || rec.facility != c->facility ||
		    rec.has_caller != c->has_caller ||
		    (c->has_caller && rec.caller_id != c->caller_id)) {
			fprintf(stderr, "prefix case %zu: \"%s\"\n", i,
				c->line);
			CHECK(!"prefix parsed as expected");
		}
	}
}

static void text_is(const struct lsg_log *log, size_t i, const char *s,
		    size_t n)
{
	CHECK(i < log->nrecs);
	if (i >= log->nrecs)
		return;
	CHECK(log->recs[i].text_len == n);
	CHECK(log->recs[i].text_len == n &&
	      !memcmp(lsg_log_text(log, i), s, n));
}

static void test_lines(void)
{
	static const char in[] =
		"[ 1.000000] a\r\nb\n\n\xff\xfe\x80 c\r\r\nlast";
	struct textlog_stats st;
	struct lsg_log log;
	struct lsg_error *err = textlog_parse(in, sizeof(in) - 1, &log, &st);

	CHECK(!err);
	if (err)
		return;
	CHECK(log.nrecs == 5 && st.lines == 5 && st.with_ts == 1);
	CHECK(!log.has_seq && log.first_seq == 0);
	for (size_t i = 0; i < log.nrecs; i++)
		CHECK(log.recs[i].seq == i);
	text_is(&log, 0, "a", 1);
	text_is(&log, 1, "b", 1);
	text_is(&log, 2, "", 0);
	text_is(&log, 3, "\xff\xfe\x80 c", 5);
	text_is(&log, 4, "last", 4);
	CHECK(log.recs[1].ts_nsec == TEXTLOG_TS_NONE);
	lsg_log_deinit(&log);
}

static void test_nul_bytes(void)
{
	static const char in[] = "[ 2.000000] a\0b\n\0\n";
	struct lsg_log log;
	struct lsg_error *err = textlog_parse(in, sizeof(in) - 1, &log, NULL);

	CHECK(!err);
	if (err)
		return;
	CHECK(log.nrecs == 2);
	text_is(&log, 0, "a\0b", 3);
	text_is(&log, 1, "\0", 1);
	lsg_log_deinit(&log);
}

static void test_empty(void)
{
	struct lsg_log log;
	struct lsg_error *err = textlog_parse("", 0, &log, NULL);

	CHECK(!err && log.nrecs == 0);
	if (!err)
		lsg_log_deinit(&log);
	err = textlog_parse("\n", 1, &log, NULL);
	CHECK(!err && log.nrecs == 1 && log.recs[0].text_len == 0);
	if (!err)
		lsg_log_deinit(&log);
}

static void test_huge_line(void)
{
	size_t n = 3 * TEXTLOG_MAX_LINE;
	char *in = malloc(n + 3);
	struct textlog_stats st;
	struct lsg_log log;
	struct lsg_error *err;

	if (!in)
		return;
	memset(in, 'x', n);
	memcpy(in + n, "\ny", 3);
	err = textlog_parse(in, n + 2, &log, &st);
	CHECK(!err);
	if (!err) {
		CHECK(log.nrecs == 2 && st.truncated == 1);
		CHECK(log.recs[0].text_len == TEXTLOG_MAX_LINE);
		text_is(&log, 1, "y", 1);
		lsg_log_deinit(&log);
	}
	free(in);
}

static void test_too_big(void)
{
	static const char tiny[] = "x";
	struct lsg_log log;
	/* The size is refused before a byte is read. */
	struct lsg_error *err = textlog_parse(tiny, TEXTLOG_MAX_INPUT + 1,
					      &log, NULL);

	CHECK(err && err->code == LSG_ERR_LIMIT);
	CHECK(err && strstr(err->message, "exceeds"));
	lsg_error_destroy(err);
}

/* Issue 14: the host of syslog prefixes (rsyslog, netconsole received). */
static void test_host(void)
{
	static const struct {
		const char *text;
		const char *host;
	} cases[] = {
		{ "Mar  1 12:00:00 web-17 kernel: [    1.000000] a\n"
		  "Mar  1 12:00:01 web-17 kernel: [    1.100000] b\n",
		  "web-17" },
		{ "2025-11-25T19:50:00.123456+00:00 db1.example kernel: w\n",
		  "db1.example" },
		/* other programs' syslog lines name no kernel host */
		{ "Mar  1 12:00:00 web-17 sshd[42]: x\n[    1.0] y\n", "" },
		/* two hosts in one file: no one host */
		{ "Mar  1 12:00:00 a kernel: x\nMar  1 12:00:00 b kernel: y\n",
		  "" },
		{ "[    1.000000] no prefix\n", "" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct textlog_stats st;
		struct lsg_log log;
		struct lsg_error *err = textlog_parse(cases[i].text,
						      strlen(cases[i].text),
						      &log, &st);

		CHECK(!err);
		if (err) {
			lsg_error_destroy(err);
			continue;
		}
		CHECK_STR(st.host, cases[i].host);
		CHECK((st.hosts == 1) == (cases[i].host[0] != '\0'));
		lsg_log_deinit(&log);
	}
}

int main(void)
{
	test_prefixes();
	test_lines();
	test_nul_bytes();
	test_empty();
	test_huge_line();
	test_too_big();
	test_host();
	return test_exit();
}
