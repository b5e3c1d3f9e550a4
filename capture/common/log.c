/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "hex.h"
#include "log.h"

struct lsg_error *lsg_log_init(struct lsg_log *log, size_t max_recs,
			       size_t max_text, size_t max_gaps)
{
	memset(log, 0, sizeof(*log));
	/*
	 * Not zeroed: only what is appended is read, and the pages of a
	 * budget that are never touched cost no memory.
	 */
	log->recs = reallocarray(NULL, max_recs ? max_recs : 1,
				 sizeof(*log->recs));
	log->text = malloc(max_text ? max_text : 1);
	log->gaps = reallocarray(NULL, max_gaps ? max_gaps : 1,
				 sizeof(*log->gaps));
	if (!log->recs || !log->text || !log->gaps) {
		lsg_log_deinit(log);
		return &lsg_enomem;
	}
	log->cap_recs = max_recs;
	log->cap_text = max_text;
	log->cap_gaps = max_gaps;
	log->owns = 1;
	return NULL;
}

void lsg_log_deinit(struct lsg_log *log)
{
	free(log->recs);
	free(log->text);
	free(log->gaps);
	memset(log, 0, sizeof(*log));
}

void lsg_log_reset(struct lsg_log *log)
{
	log->nrecs = 0;
	log->text_used = 0;
	log->ngaps = 0;
}

static struct lsg_error *log_note_gap(struct lsg_log *log, uint64_t seq)
{
	const struct lsg_record *prev;

	if (!log->nrecs)
		return NULL;
	prev = &log->recs[log->nrecs - 1];
	if (seq <= prev->seq)
		return lsg_error_create(LSG_ERR_CORRUPT,
					"record seq %llu after seq %llu",
					(unsigned long long)seq,
					(unsigned long long)prev->seq);
	if (seq == prev->seq + 1)
		return NULL;
	if (log->ngaps == log->cap_gaps)
		return lsg_error_create(LSG_ERR_LIMIT,
					"more than %zu sequence gaps",
					log->cap_gaps);
	log->gaps[log->ngaps].after_seq = prev->seq;
	log->gaps[log->ngaps].lost = seq - prev->seq - 1;
	log->ngaps++;
	return NULL;
}

struct lsg_error *lsg_log_append(struct lsg_log *log,
				 const struct lsg_record *rec,
				 const char *text, const char *dict)
{
	size_t need = (size_t)rec->text_len + rec->dict_len;
	struct lsg_record *r;
	struct lsg_error *err;

	if (log->nrecs == log->cap_recs)
		return lsg_error_create(LSG_ERR_LIMIT, "more than %zu records",
					log->cap_recs);
	if (need > log->cap_text - log->text_used)
		return lsg_error_create(LSG_ERR_LIMIT,
					"log text exceeds %zu bytes",
					log->cap_text);
	err = log_note_gap(log, rec->seq);
	if (err)
		return err;
	r = &log->recs[log->nrecs++];
	*r = *rec;
	r->text_off = (uint32_t)log->text_used;
	memcpy(log->text + log->text_used, text, rec->text_len);
	log->text_used += rec->text_len;
	r->dict_off = (uint32_t)log->text_used;
	if (rec->dict_len)
		memcpy(log->text + log->text_used, dict, rec->dict_len);
	log->text_used += rec->dict_len;
	return NULL;
}

/* @v in decimal, at least @width digits wide, padded with @pad. */
static size_t put_decimal(char *buf, uint64_t v, unsigned width, char pad)
{
	char digits[20];
	size_t k = 0, n = 0;

	do {
		digits[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (width > k) {
		buf[n++] = pad;
		width--;
	}
	while (k)
		buf[n++] = digits[--k];
	return n;
}

/* Without snprintf: the bundle writer formats one caller per record. */
void lsg_caller_format(uint32_t caller_id, char *buf, size_t size)
{
	size_t n;

	/* A letter, up to 10 digits and the NUL: the documented minimum. */
	if (size < 12) {
		if (size)
			buf[0] = '\0';
		return;
	}
	buf[0] = caller_id & LSG_CALLER_CPU ? 'C' : 'T';
	n = 1 + put_decimal(buf + 1, caller_id & ~LSG_CALLER_CPU, 0, ' ');
	buf[n] = '\0';
}

/* Whether all 8 bytes of @w are printable ASCII (0x20-0x7e). */
static int word_printable(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;

	return !((((w - ones * 0x20) & ~w) | ((w + ones) | w)) & high);
}

size_t lsg_log_format_dmesg(const struct lsg_log *log, size_t i, char *buf,
			    size_t size)
{
	const struct lsg_record *r = &log->recs[i];
	const unsigned char *t = (const unsigned char *)lsg_log_text(log, i);
	size_t n = 0;

	if (size < 64)
		return 0;
	/* "[%5llu.%06llu] ", without snprintf: this runs once a record. */
	if (!log->raw_text) {
		buf[n++] = '[';
		n += put_decimal(buf + n, r->ts_nsec / 1000000000, 5, ' ');
		buf[n++] = '.';
		n += put_decimal(buf + n, r->ts_nsec % 1000000000 / 1000, 6,
				 '0');
		buf[n++] = ']';
		buf[n++] = ' ';
	}
	for (uint32_t k = 0; k < r->text_len && n + 6 < size;) {
		unsigned char c = t[k];

		/* Printable runs 8 bytes at a time, where all 8 fit. */
		if (r->text_len - k >= 8 && n + 13 < size &&
		    word_printable(bytes_load(t + k, 8, 0))) {
			memcpy(buf + n, t + k, 8);
			n += 8;
			k += 8;
			continue;
		}
		/* isprint()/isspace() in the C locale, without locale state. */
		if ((c >= 0x20 && c < 0x7f) || (c >= '\t' && c <= '\r')) {
			buf[n++] = (char)c;
		} else {
			buf[n++] = '\\';
			buf[n++] = 'x';
			hex_encode(&c, 1, buf + n);
			n += 2;
		}
		k++;
	}
	buf[n++] = '\n';
	return n;
}
