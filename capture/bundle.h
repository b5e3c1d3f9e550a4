/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The agent's bundle writer: one JSON document in the wire format of
 * wire.h (DESIGN §3), streamed into a sink, normally one zstd frame.
 */
#ifndef LSG_BUNDLE_H
#define LSG_BUNDLE_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "log.h"
#include "zwriter.h"

/* Everything but the log, as JSON objects borrowed from the caller. */
struct bundle_head {
	const char *id;		/* 64 hex digits, see bundle_make_id() */
	json_t *host, *kernel, *crash, *capture;
	const char *vmcoreinfo;	/* raw text, or NULL */
	size_t vmcoreinfo_len;
};

/**
 * bundle_make_id() - the idempotency key: hex SHA-256 of
 * "machine_id|boot_id|crash_time|capture_seq|dump_key" (absent parts
 * empty), where @dump_key names what identifies the dump itself (see the
 * README), so the same crash captured twice gets the same id and two
 * dumps whose logs could not be read still get two.  @ret holds 65 bytes.
 */
void bundle_make_id(const char *machine_id, const char *boot_id,
		    const char *crash_time, const char *capture_seq,
		    const char *dump_key, char ret[65]);


/**
 * bundle_text_json() - @len bytes at @s as a JSON string: as they are when
 * valid UTF-8, else by the latin1 rule; *@latin1 (if not NULL) says which.
 * NULL only when out of memory.
 */
json_t *bundle_text_json(const char *s, size_t len, int *latin1);

/**
 * bundle_set_text() - @obj[@key] = bundle_text_json(@s), or null when @s is
 * NULL; when the latin1 rule was used, also @obj["<key>_encoding"] =
 * "latin1", as log records carry "text_encoding".  -1 when out of memory.
 */
int bundle_set_text(json_t *obj, const char *key, const char *s,
		    size_t len);

/**
 * bundle_write() - stream the bundle to @out and finish it.  The log is
 * written a record at a time, so memory stays bounded by one record.
 * "log_gaps" is added to the capture object from @log.
 */
struct lsg_error *bundle_write(const struct bundle_head *head,
			       const struct lsg_log *log, struct sink *out);

#endif
