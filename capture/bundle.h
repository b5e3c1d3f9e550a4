/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bundle, wire format v1 (DESIGN §3): one JSON document, normally in
 * one zstd frame.  This module writes it from parts and reads it back;
 * the agent and the analyzer share it.
 *
 * Log text that is not valid UTF-8 is carried losslessly: the record gets
 * "text_encoding": "latin1" and each byte becomes the code point of the
 * same value (U+0000..U+00FF), so decoding maps it back byte for byte.
 */
#ifndef LSG_BUNDLE_H
#define LSG_BUNDLE_H

#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "log.h"
#include "zwriter.h"

#define BUNDLE_FORMAT "logsage-bundle/1"

/* Everything but the log, as JSON objects borrowed from the caller. */
struct bundle_head {
	const char *id;		/* 64 hex digits, see bundle_make_id() */
	json_t *host, *kernel, *crash, *capture;
	const char *vmcoreinfo;	/* raw text, or NULL */
};

/**
 * bundle_make_id() - the idempotency key: hex SHA-256 of
 * "machine_id|boot_id|crash_time|capture_seq" (absent parts empty), so the
 * same crash captured twice gets the same id.  @ret holds 65 bytes.
 */
void bundle_make_id(const char *machine_id, const char *boot_id,
		    const char *crash_time, const char *capture_seq,
		    char ret[65]);

/**
 * bundle_write() - stream the bundle to @out and finish it.  The log is
 * written a record at a time, so memory stays bounded by one record.
 * "log_gaps" is added to the capture object from @log.
 */
struct lsg_error *bundle_write(const struct bundle_head *head,
			       const struct lsg_log *log, struct sink *out);

#endif
