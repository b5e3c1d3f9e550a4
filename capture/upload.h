/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Delivery of spooled bundles to the analyzer (POST /api/v1/bundles with a
 * bearer token, http.h).  A bundle leaves the spool only after a 2xx; a
 * bundle the analyzer rejects as malformed (400, 413) is renamed *.rejected
 * so it is kept but not retried forever.  This runs in logsage-upload
 * (logsage-capture under that name), so a capture never touches the TLS
 * code.
 */
#ifndef LSG_UPLOAD_H
#define LSG_UPLOAD_H

#include "config.h"
#include "error.h"

/* A spooled bundle is "<id>.bundle"; in flight it is "<id>.bundle.tmp". */
#define UPLOAD_SUFFIX ".bundle"
#define UPLOAD_MAX_BUNDLE (64u << 20)

struct upload_stats {
	unsigned sent, duplicate, rejected, kept;
	long last_status;
	long first_ack_ms;	/* from the capture's start to the first 2xx */
};

/* A bundle handed over in memory, when no spool could take it. */
struct upload_memory {
	const char *name;	/* "<id>.bundle": a copy of that name is it */
	const char *body;
	size_t len;
};

/**
 * upload_spool() - send @mem (if not NULL), then every bundle in
 * c->spool_dir and in the fallback directory (config_fallback_dir()),
 * oldest name first, with c->retries retries and exponential backoff.
 * Every connect, transfer, retry and wait is capped by what is left of
 * c->deadline, counted from DEADLINE_START_ENV when the capture set it.
 * Returns an error only when nothing could be attempted (no URL, token
 * unreadable); per-bundle failures are counted in @ret.
 */
struct lsg_error *upload_spool(const struct config *c,
			       const struct upload_memory *mem,
			       struct upload_stats *ret);

#endif
