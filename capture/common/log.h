/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printk log as both the agent and the analyzer hold it: records in
 * sequence order, their text kept verbatim (not NUL-terminated, may hold
 * any byte), and the gaps where records were lost.
 *
 * Storage is a caller-supplied budget: lsg_log_init() takes fixed capacities
 * and every later append fails with LSG_ERR_LIMIT rather than growing past
 * them, so the agent's memory is known at start-up.
 */
#ifndef LSG_LOG_H
#define LSG_LOG_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Bit 31 of a caller id marks CPU (interrupt) context, else it is a pid. */
#define LSG_CALLER_CPU 0x80000000u

/* printk_info flags we name; other bits are kept opaque. */
enum lsg_record_flags {
	LSG_LOG_NEWLINE = 2,
	LSG_LOG_CONT = 8,
};

struct lsg_record {
	uint64_t seq;
	uint64_t ts_nsec;
	uint32_t caller_id;	/* see LSG_CALLER_CPU; valid if has_caller */
	uint32_t text_off;	/* into lsg_log.text */
	uint32_t text_len;
	uint32_t dict_off;	/* "KEY=value\0..." or empty */
	uint32_t dict_len;
	uint8_t level;		/* 0 emerg .. 7 debug */
	uint8_t facility;
	uint8_t flags;
	uint8_t has_caller;
};

/* A jump in sequence numbers between two kept records. */
struct lsg_log_gap {
	uint64_t after_seq;	/* last seq before the gap */
	uint64_t lost;		/* how many seqs are missing */
};

struct lsg_log {
	struct lsg_record *recs;
	size_t nrecs, cap_recs;
	char *text;		/* text and dict bytes of all records */
	size_t text_used, cap_text;
	struct lsg_log_gap *gaps;
	size_t ngaps, cap_gaps;
	uint64_t first_seq;	/* oldest seq the ring still described */
	int has_seq;		/* seq numbers are real (not synthesized) */
	int raw_text;		/* text is a pre-3.5 console buffer line */
	int owns;		/* buffers were allocated by lsg_log_init */
};

/**
 * lsg_log_init() - allocate a log with fixed capacities.
 * Free with lsg_log_deinit().  Returns &lsg_enomem on allocation failure.
 */
struct lsg_error *lsg_log_init(struct lsg_log *log, size_t max_recs,
			       size_t max_text, size_t max_gaps);

/** lsg_log_deinit() - free what lsg_log_init() allocated. */
void lsg_log_deinit(struct lsg_log *log);

/** lsg_log_reset() - drop all records, keep the buffers. */
void lsg_log_reset(struct lsg_log *log);

/**
 * lsg_log_append() - copy one record; @rec's text_off/dict_off are ignored
 * and set from @text/@dict.  Records must come in increasing seq order;
 * a jump is recorded as a gap.  LSG_ERR_LIMIT when a capacity is reached.
 */
struct lsg_error *lsg_log_append(struct lsg_log *log,
				 const struct lsg_record *rec,
				 const char *text, const char *dict);

/** lsg_log_text() - the text of record @i (borrowed from @log). */
static inline const char *lsg_log_text(const struct lsg_log *log, size_t i)
{
	return log->text + log->recs[i].text_off;
}

/** lsg_log_dict() - the dictionary bytes of record @i (borrowed). */
static inline const char *lsg_log_dict(const struct lsg_log *log, size_t i)
{
	return log->text + log->recs[i].dict_off;
}

/**
 * lsg_caller_format() - "T123" or "C1" into @buf (at least 12 bytes).
 */
void lsg_caller_format(uint32_t caller_id, char *buf, size_t size);


/* Room lsg_log_format_dmesg() may need: prefix, 4 bytes a char, newline. */
#define LSG_DMESG_LINE_MAX (32 + 4 * 65536 + 1)

/**
 * lsg_log_format_dmesg() - record @i as kexec-tools' vmcore-dmesg prints
 * it: "[%5llu.%06llu] " and the text with bytes that are neither
 * printable nor space as "\xNN", then a newline.  A pre-3.5 buffer line
 * is printed as it is.  @buf must hold LSG_DMESG_LINE_MAX bytes for a
 * 64 KiB record; returns the length written, never more than @size.
 */
size_t lsg_log_format_dmesg(const struct lsg_log *log, size_t i, char *buf,
			    size_t size);

#endif
