/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Plain-text kernel logs into a struct lsg_log: serial console captures,
 * `dmesg` (plain, -r, -x, -T), journalctl -k, /dev/kmsg and netconsole
 * lines, syzkaller console output with its executor noise.  One record per
 * input line; sequence numbers are synthesized (log->has_seq = 0).
 *
 * What each record holds:
 *   text      the line without its recognized prefixes and without
 *             trailing '\r'; any other byte is kept as it was (NUL, invalid
 *             UTF-8); at most TEXTLOG_MAX_LINE bytes (the rest is dropped
 *             and counted in textlog_stats.truncated)
 *   ts_nsec   from "[  12.345678]" or a /dev/kmsg timestamp, else
 *             TEXTLOG_TS_NONE
 *   level,    from "<N>" (N = facility * 8 + level), "kern  :warn  : "
 *   facility  or /dev/kmsg; TEXTLOG_LEVEL_DEFAULT and 0 when absent
 *   caller_id from "[  T123]" / "[C1]" after the timestamp or ",caller="
 *             in /dev/kmsg lines (has_caller = 1)
 *
 * A record with ts_nsec == TEXTLOG_TS_NONE had no kernel timestamp: in a
 * console capture such lines are usually other programs' output, and the
 * oops parser keeps them out of a timestamped crash report.
 */
#ifndef LSG_TEXTLOG_H
#define LSG_TEXTLOG_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "log.h"

/* ts_nsec of a record whose line carried no kernel timestamp. */
#define TEXTLOG_TS_NONE UINT64_MAX

enum {
	TEXTLOG_MAX_LINE = 4096,	/* bytes of text kept per line */
	TEXTLOG_LEVEL_DEFAULT = 4,	/* default_message_loglevel */
	TEXTLOG_HOST_MAX = 256,	/* bytes of a host name, NUL included */
};

/* Inputs larger than this are refused with LSG_ERR_LIMIT. */
#define TEXTLOG_MAX_INPUT ((size_t)256 << 20)

struct textlog_stats {
	size_t lines;		/* records made */
	size_t with_ts;		/* lines with a kernel timestamp */
	size_t with_caller;	/* lines with a caller tag */
	size_t with_level;	/* lines with a syslog level */
	size_t truncated;	/* lines cut at TEXTLOG_MAX_LINE */
	/*
	 * The host of the syslog prefixes ("Mar  1 12:00:00 HOST kernel: ",
	 * as rsyslog writes local and netconsole logs); "" when there are
	 * none, or several hosts (no one host can be named).
	 */
	char host[TEXTLOG_HOST_MAX];
	unsigned hosts;		/* 0, 1, or 2 for "more than one" */
};

/**
 * textlog_parse() - split @buf into lines and make one record per line.
 * @buf, @len:	the text; any bytes; need not be NUL-terminated
 * @ret:	initialized here with lsg_log_init(), sized for the input;
 *		the caller frees it with lsg_log_deinit().  Written only on
 *		success.
 * @stats:	optional; filled on success
 *
 * A trailing newline does not make an empty last record; an empty input
 * gives an empty log.  Errors: LSG_ERR_LIMIT when @len exceeds
 * TEXTLOG_MAX_INPUT, &lsg_enomem.
 */
struct lsg_error *textlog_parse(const char *buf, size_t len,
				struct lsg_log *ret,
				struct textlog_stats *stats);

/**
 * textlog_prefix() - recognize the prefixes of one line.
 * @line, @len:	the line without its '\n'
 * @rec:	ts_nsec, level, facility, caller_id and has_caller are set
 *		(to the "absent" values when not found); other fields are
 *		left alone
 *
 * Returns how many bytes of @line the prefixes take: the message text
 * starts there.
 */
size_t textlog_prefix(const char *line, size_t len, struct lsg_record *rec);

#endif
