/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The agent's reader of logsage.ko's crash record.  The bytes here are a
 * HAND-MADE STAND-IN laid out as kmod/logsage_record.h defines version 1;
 * the real module's record is read from a real vmcore by the QEMU
 * end-to-end test.
 */
#include <string.h>

#include <zlib.h>

#include "harness.h"
#include "kmodrec.h"

static void put(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static void seal(uint8_t *r)
{
	memset(r + 8, 0, 4);
	put(r + 8, crc32(0, r, RECORD_SIZE_V1), 4);
}

static void make_record(uint8_t *r)
{
	memset(r, 0, RECORD_SIZE_V1);
	put(r, 0x5247534c, 4);
	put(r + 4, 1, 2);
	put(r + 6, RECORD_SIZE_V1, 2);
	put(r + 12, 2 | 4, 4);			/* die + first oops */
	put(r + 24, 2, 4);			/* two oopses */
	put(r + 28, 9, 4);			/* nine machine checks */
	/* die event at 216: cpu 1, pid 1, comm init, trap 14 */
	put(r + 216 + 8, 1, 4);
	put(r + 216 + 12, 1, 4);
	memcpy(r + 216 + 16, "init", 4);
	put(r + 216 + 32, 0x3000, 8);
	put(r + 216 + 40, 14, 4);
	memcpy(r + 216 + 56, "Oops", 4);
	memcpy(r + 400 + 56, "general protection fault", 24);
	for (int i = 0; i < 8; i++)
		put(r + 592 + i * 40 + 32, (uint64_t)i + 1, 4);	/* bank */
	memcpy(r + 912, "rack-7/host-12", 14);
	seal(r);
}

int main(void)
{
	uint8_t r[RECORD_SIZE_V1];
	struct lsg_error *err;
	json_t *j = NULL, *mce;
	uint64_t addr;

	make_record(r);
	err = kmodrec_parse(r, sizeof(r), &j);
	CHECK(!err && j);
	if (j) {
		CHECK_STR(json_string_value(json_object_get(j, "tag")),
			  "rack-7/host-12");
		CHECK(json_is_null(json_object_get(j, "panic")));
		CHECK_STR(json_string_value(json_object_get(
			json_object_get(j, "die"), "comm")), "init");
		CHECK(json_integer_value(json_object_get(
			json_object_get(j, "die"), "trap")) == 14);
		CHECK_STR(json_string_value(json_object_get(
			json_object_get(j, "die"), "taint")), "0x3000");
		CHECK_STR(json_string_value(json_object_get(
			json_object_get(j, "first_oops"), "text")),
			"general protection fault");
		/* Nine seen, eight kept, oldest first: banks 2..8 then 1. */
		mce = json_object_get(j, "mce");
		CHECK(json_array_size(mce) == 8);
		CHECK(json_integer_value(json_object_get(
			json_array_get(mce, 0), "bank")) == 2);
		CHECK(json_integer_value(json_object_get(
			json_array_get(mce, 7), "bank")) == 1);
	}
	json_decref(j);
	lsg_error_destroy(err);

	r[300] ^= 1;			/* torn write */
	err = kmodrec_parse(r, sizeof(r), &j);
	CHECK(err && err->code == LSG_ERR_CORRUPT &&
	      strstr(err->message, "CRC"));
	lsg_error_destroy(err);

	make_record(r);
	put(r + 4, 2, 2);
	seal(r);
	err = kmodrec_parse(r, sizeof(r), &j);
	CHECK(err && err->code == LSG_ERR_UNSUPPORTED);
	lsg_error_destroy(err);

	CHECK(kmodrec_cmdline_addr("ro quiet logsage.record=0x1f2e3000 x=1",
				  &addr) && addr == 0x1f2e3000);
	CHECK(!kmodrec_cmdline_addr("xlogsage.record=0x10", &addr));
	CHECK(!kmodrec_cmdline_addr("logsage.record=zz", &addr));
	return test_exit();
}
