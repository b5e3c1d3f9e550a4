/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The two pre-5.10 printk layouts.  No kernel that old is installable here
 * (Debian 12's archive has 6.1 and 6.12 only), so these are HAND-MADE
 * STAND-INS: memory images built by this test with the layout that
 * VMCOREINFO of a 4.19 x86_64 kernel describes (struct printk_log, 16 bytes:
 * ts_nsec@0 len@8 text_len@10 dict_len@12 facility@14 flags|level@15) and
 * a pre-3.5 plain byte buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "memimage.h"

enum {
	LOG_BUF = 0x10000, BUF_LEN = 256,
	SYM_LOG_BUF = 0x1000, SYM_LEN = 0x1008, SYM_FIRST = 0x1010,
	SYM_NEXT = 0x1018, SYM_END = 0x1020,
};

static const char plog_vmcoreinfo[] =
	"OSRELEASE=4.19.0-stand-in\n"
	"SYMBOL(log_buf)=1000\nSYMBOL(log_buf_len)=1008\n"
	"SYMBOL(log_first_idx)=1010\nSYMBOL(log_next_idx)=1018\n"
	"SIZE(printk_log)=16\nOFFSET(printk_log.ts_nsec)=0\n"
	"OFFSET(printk_log.len)=8\nOFFSET(printk_log.text_len)=10\n"
	"OFFSET(printk_log.dict_len)=12\n";

static const char legacy_vmcoreinfo[] =
	"OSRELEASE=3.2.0-stand-in\n"
	"SYMBOL(log_buf)=1000\nSYMBOL(log_buf_len)=1008\n"
	"SYMBOL(log_end)=1020\nSYMBOL(logged_chars)=1028\n";

static void put_u(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/* One struct printk_log record at @idx; returns its aligned length. */
static unsigned put_rec(uint8_t *buf, unsigned idx, uint64_t ts, int level,
			const char *text, const char *dict, unsigned dl)
{
	unsigned tl = (unsigned)strlen(text);
	unsigned len = (16 + tl + dl + 7) & ~7u;

	put_u(buf + idx, ts, 8);
	put_u(buf + idx + 8, len, 2);
	put_u(buf + idx + 10, tl, 2);
	put_u(buf + idx + 12, dl, 2);
	buf[idx + 14] = 0;
	buf[idx + 15] = (uint8_t)(level << 5 | 2);
	memcpy(buf + idx + 16, text, tl);
	if (dl)
		memcpy(buf + idx + 16 + tl, dict, dl);
	return len;
}

static struct lsg_error *walk_image(struct memimage_writer *w,
				    struct lsg_log *log)
{
	static char scratch[1 << 16];
	struct printk_stats stats;
	struct printk_reader rd;
	struct memimage img;
	struct vmcoreinfo vi;
	struct lsg_error *err;

	CHECK(!memimage_parse(w->buf, w->len, &img));
	err = vmcoreinfo_parse(img.vmcoreinfo, img.vmcoreinfo_len, &vi);
	if (err)
		return err;
	rd = memimage_reader(&img);
	lsg_log_reset(log);
	err = printk_read(&vi, &rd, scratch, sizeof(scratch), log, &stats);
	vmcoreinfo_deinit(&vi);
	return err;
}

static void add_vars(struct memimage_writer *w, uint32_t first, uint32_t next)
{
	uint8_t v[8];

	put_u(v, LOG_BUF, 8);
	memimage_writer_add(w, SYM_LOG_BUF, v, 8);
	put_u(v, BUF_LEN, 4);
	memimage_writer_add(w, SYM_LEN, v, 4);
	put_u(v, first, 4);
	memimage_writer_add(w, SYM_FIRST, v, 4);
	put_u(v, next, 4);
	memimage_writer_add(w, SYM_NEXT, v, 4);
}

static int text_is(const struct lsg_log *log, size_t i, const char *s)
{
	return i < log->nrecs && log->recs[i].text_len == strlen(s) &&
	       !memcmp(lsg_log_text(log, i), s, strlen(s));
}

/* Records from idx 128 to the end marker at 224, then wrapped to 0. */
static void test_printk_log(struct lsg_log *log)
{
	struct memimage_writer w;
	uint8_t buf[BUF_LEN] = { 0 };
	struct lsg_error *err;
	unsigned idx = 128, next;

	static const char dict[] = "SUBSYSTEM=usb\0DEVICE=c189:1";

	idx += put_rec(buf, idx, 1000000, 6, "first record", NULL, 0);
	idx += put_rec(buf, idx, 2000000, 3, "usb 1-1: new device", dict,
		       sizeof(dict) - 1);
	/* len 0 marks the end: the walk continues at index 0. */
	next = put_rec(buf, 0, 3000000000ULL, 1, "BUG: wrapped record", NULL,
		       0);
	memimage_writer_init(&w, 8, 0, plog_vmcoreinfo,
			     sizeof(plog_vmcoreinfo) - 1);
	add_vars(&w, 128, next);
	memimage_writer_add(&w, LOG_BUF, buf, sizeof(buf));
	err = walk_image(&w, log);
	CHECK(!err);
	CHECK(log->nrecs == 3);
	CHECK(text_is(log, 0, "first record") && log->recs[0].level == 6);
	CHECK(text_is(log, 1, "usb 1-1: new device") &&
	      log->recs[1].level == 3 && log->recs[1].dict_len == 27 &&
	      !memcmp(lsg_log_dict(log, 1), "SUBSYSTEM=usb", 14));
	CHECK(text_is(log, 2, "BUG: wrapped record") &&
	      log->recs[2].ts_nsec == 3000000000ULL);
	lsg_error_destroy(err);

	/* A record length that runs past the buffer: an error, records kept. */
	put_u(buf + 128 + 8, 250, 2);
	free(w.buf);
	memimage_writer_init(&w, 8, 0, plog_vmcoreinfo,
			     sizeof(plog_vmcoreinfo) - 1);
	add_vars(&w, 128, next);
	memimage_writer_add(&w, LOG_BUF, buf, sizeof(buf));
	err = walk_image(&w, log);
	CHECK(err && err->code == LSG_ERR_CORRUPT);
	CHECK(log->nrecs == 1);
	if (err)
		printf("corrupt printk_log: %s\n", err->message);
	lsg_error_destroy(err);
	free(w.buf);
}

/* The pre-3.5 byte buffer, written past its end and rotated. */
static void test_legacy(struct lsg_log *log)
{
	static const char lines[] = "<6>old line\n<4>newer\n<0>newest\n";
	struct memimage_writer w;
	uint8_t buf[BUF_LEN], v[8];
	struct lsg_error *err;
	uint32_t end = BUF_LEN + 20;

	memset(buf, 'x', sizeof(buf));
	/* Logical positions end-31 .. end-1 hold the lines, modulo BUF_LEN. */
	for (unsigned i = 0; i < sizeof(lines) - 1; i++)
		buf[(end - (sizeof(lines) - 1) + i) % BUF_LEN] =
			(uint8_t)lines[i];
	buf[(end - (sizeof(lines) - 1) - 1) % BUF_LEN] = '\n';
	memimage_writer_init(&w, 8, 0, legacy_vmcoreinfo,
			     sizeof(legacy_vmcoreinfo) - 1);
	put_u(v, LOG_BUF, 8);
	memimage_writer_add(&w, SYM_LOG_BUF, v, 8);
	put_u(v, BUF_LEN, 4);
	memimage_writer_add(&w, SYM_LEN, v, 4);
	put_u(v, end, 4);
	memimage_writer_add(&w, SYM_END, v, 4);
	memimage_writer_add(&w, LOG_BUF, buf, sizeof(buf));
	err = walk_image(&w, log);
	CHECK(!err);
	CHECK(log->raw_text && log->nrecs >= 3);
	CHECK(text_is(log, log->nrecs - 3, "<6>old line"));
	CHECK(text_is(log, log->nrecs - 1, "<0>newest") &&
	      log->recs[log->nrecs - 1].level == 0);
	lsg_error_destroy(err);
	free(w.buf);
}

int main(void)
{
	struct lsg_log log;

	CHECK(!lsg_log_init(&log, 64, 4096, 16));
	test_printk_log(&log);
	test_legacy(&log);
	lsg_log_deinit(&log);
	return test_exit();
}
