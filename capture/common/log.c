/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"

struct lsg_error *lsg_log_init(struct lsg_log *log, size_t max_recs,
			       size_t max_text, size_t max_gaps)
{
	memset(log, 0, sizeof(*log));
	/* Entries are written whole as they are appended: no zeroing. */
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

void lsg_caller_format(uint32_t caller_id, char *buf, size_t size)
{
	if (caller_id & LSG_CALLER_CPU)
		snprintf(buf, size, "C%u", caller_id & ~LSG_CALLER_CPU);
	else
		snprintf(buf, size, "T%u", caller_id);
}

size_t lsg_log_format_dmesg(const struct lsg_log *log, size_t i, char *buf,
			    size_t size)
{
	const struct lsg_record *r = &log->recs[i];
	const unsigned char *t = (const unsigned char *)lsg_log_text(log, i);
	size_t n = 0;

	if (size < 64)
		return 0;
	if (!log->raw_text)
		n = (size_t)snprintf(buf, size, "[%5llu.%06llu] ",
			(unsigned long long)(r->ts_nsec / 1000000000),
			(unsigned long long)(r->ts_nsec % 1000000000 / 1000));
	for (uint32_t k = 0; k < r->text_len && n + 6 < size; k++) {
		unsigned char c = t[k];

		/* isprint()/isspace() in the C locale, without locale state. */
		if ((c >= 0x20 && c < 0x7f) || (c >= '\t' && c <= '\r'))
			buf[n++] = (char)c;
		else
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
	}
	buf[n++] = '\n';
	return n;
}
