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
 * bundle_record_json() - record @i of @log as a bundle log entry.
 * Returns a new reference, or NULL on allocation failure.
 */
json_t *bundle_record_json(const struct lsg_log *log, size_t i);

/**
 * bundle_write() - stream the bundle to @out and finish it.  The log is
 * written a record at a time, so memory stays bounded by one record.
 * "log_gaps" is added to the capture object from @log.
 */
struct lsg_error *bundle_write(const struct bundle_head *head,
			       const struct lsg_log *log, struct sink *out);

#endif
