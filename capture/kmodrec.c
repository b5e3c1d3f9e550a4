/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "bytes.h"
#include "kmodrec.h"
#include "utf8.h"

enum {
	R_MAGIC = 0, R_VERSION = 4, R_SIZE = 6, R_CRC = 8, R_FLAGS = 12,
	R_UPDATES = 16, R_OOPS_COUNT = 24, R_MCE_COUNT = 28,
	R_PANIC = 32, R_DIE = 216, R_FIRST_OOPS = 400, R_DUMP_REASON = 584,
	R_MCE = 592, R_TAG = 912,
	EVENT_SIZE = 184, MCE_SIZE = 40, MCE_SLOTS = 8,
	E_TIME = 0, E_CPU = 8, E_PID = 12, E_COMM = 16, E_TAINT = 32,
	E_TRAP = 40, E_SIGNR = 44, E_ERR = 48, E_TEXT = 56,
};

static const uint32_t RECORD_MAGIC = 0x5247534c;	/* "LSGR" */

enum { HAVE_PANIC = 1, HAVE_DIE = 2, HAVE_FIRST_OOPS = 4, HAVE_DUMP = 8 };

static uint64_t le(const uint8_t *p, unsigned n)
{
	return bytes_load(p, n, 0);
}

/* A NUL-padded field as a JSON string; lossy bytes become '?'. */
static json_t *str_field(const uint8_t *p, size_t size)
{
	char buf[256];
	size_t n = strnlen((const char *)p, size);

	memcpy(buf, p, n);
	buf[n] = '\0';
	if (!utf8_valid(buf, n))
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)buf[i] >= 0x80)
				buf[i] = '?';
	return json_stringn(buf, n);
}

static json_t *event_json(const uint8_t *e)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:o,s:I,s:I,s:o,s:o}",
		"time_ns", (json_int_t)le(e + E_TIME, 8),
		"cpu", (json_int_t)le(e + E_CPU, 4),
		"pid", (json_int_t)(int32_t)le(e + E_PID, 4),
		"comm", str_field(e + E_COMM, 16),
		"taint", json_sprintf("0x%" PRIx64, le(e + E_TAINT, 8)),
		"trap", (json_int_t)le(e + E_TRAP, 4),
		"signr", (json_int_t)le(e + E_SIGNR, 4),
		"err", json_sprintf("0x%" PRIx64, le(e + E_ERR, 8)),
		"text", str_field(e + E_TEXT, 128));
}

static json_t *event_or_null(const uint8_t *buf, unsigned flags, int have,
			     size_t off)
{
	return flags & have ? event_json(buf + off) : json_null();
}

static json_t *mce_json(const uint8_t *buf)
{
	uint32_t count = (uint32_t)le(buf + R_MCE_COUNT, 4);
	uint32_t n = count < MCE_SLOTS ? count : MCE_SLOTS;
	json_t *a = json_array();

	/* Oldest first: slot (count - n) % MCE_SLOTS onwards. */
	for (uint32_t i = 0; a && i < n; i++) {
		const uint8_t *m = buf + R_MCE +
				   ((count - n + i) % MCE_SLOTS) * MCE_SIZE;

		json_array_append_new(a, json_pack(
			"{s:I,s:o,s:o,s:o,s:I,s:I}",
			"time_ns", (json_int_t)le(m, 8),
			"status", json_sprintf("0x%016" PRIx64, le(m + 8, 8)),
			"addr", json_sprintf("0x%" PRIx64, le(m + 16, 8)),
			"misc", json_sprintf("0x%" PRIx64, le(m + 24, 8)),
			"bank", (json_int_t)le(m + 32, 4),
			"cpu", (json_int_t)le(m + 36, 4)));
	}
	return a;
}

static struct lsg_error *record_check(const uint8_t *buf, size_t len)
{
	uint8_t copy[RECORD_SIZE_V1];
	uint32_t crc;

	if (len < RECORD_SIZE_V1 || le(buf + R_MAGIC, 4) != RECORD_MAGIC)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"no logsage record magic");
	if (le(buf + R_VERSION, 2) != 1 ||
	    le(buf + R_SIZE, 2) != RECORD_SIZE_V1)
		return lsg_error_create(LSG_ERR_UNSUPPORTED,
			"record version %u, size %u (this agent reads version 1, %d bytes)",
			(unsigned)le(buf + R_VERSION, 2),
			(unsigned)le(buf + R_SIZE, 2), RECORD_SIZE_V1);
	memcpy(copy, buf, sizeof(copy));
	memset(copy + R_CRC, 0, 4);
	crc = libdeflate_crc32(0, copy, sizeof(copy));
	if (crc != le(buf + R_CRC, 4))
		return lsg_error_create(LSG_ERR_CORRUPT,
			"record CRC 0x%08x does not match its contents (0x%08x): torn write",
			(unsigned)le(buf + R_CRC, 4), crc);
	return NULL;
}

struct lsg_error *kmodrec_parse(const uint8_t *buf, size_t len, json_t **ret)
{
	struct lsg_error *err = record_check(buf, len);
	unsigned flags;
	json_t *r;

	if (err)
		return err;
	flags = (unsigned)le(buf + R_FLAGS, 4);
	r = json_pack("{s:i,s:s,s:I,s:I,s:I,s:o,s:o,s:o,s:o,s:o,s:o}",
		"version", 1, "crc", "ok",
		"updates", (json_int_t)le(buf + R_UPDATES, 8),
		"oops_count", (json_int_t)le(buf + R_OOPS_COUNT, 4),
		"mce_count", (json_int_t)le(buf + R_MCE_COUNT, 4),
		"tag", str_field(buf + R_TAG, 64),
		"panic", event_or_null(buf, flags, HAVE_PANIC, R_PANIC),
		"die", event_or_null(buf, flags, HAVE_DIE, R_DIE),
		"first_oops", event_or_null(buf, flags, HAVE_FIRST_OOPS,
					    R_FIRST_OOPS),
		"dump_reason", flags & HAVE_DUMP ?
			json_integer((json_int_t)le(buf + R_DUMP_REASON, 4)) :
			json_null(),
		"mce", mce_json(buf));
	if (!r)
		return &lsg_enomem;
	*ret = r;
	return NULL;
}

int kmodrec_cmdline_addr(const char *cmdline, uint64_t *ret)
{
	static const char key[] = "logsage.record=";
	const char *p = cmdline;

	while ((p = strstr(p, key))) {
		char *end;
		uint64_t v;

		if (p == cmdline || p[-1] == ' ') {
			v = strtoull(p + sizeof(key) - 1, &end, 0);
			if (end != p + sizeof(key) - 1 &&
			    (*end == ' ' || *end == '\n' || !*end)) {
				*ret = v;
				return 1;
			}
		}
		p += sizeof(key) - 1;
	}
	return 0;
}
