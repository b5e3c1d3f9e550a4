/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One deadline for a whole run, capture and upload together (DESIGN §4),
 * counted on CLOCK_MONOTONIC from the capture's start.  Armed, it makes
 * SIGALRM arrive at the deadline and every DEADLINE_TICK_MS after it,
 * without SA_RESTART: a system call blocked on a stalled dump returns
 * EINTR, and the code sees deadline_expired() and saves what it has.
 * Nothing here ends the process early except deadline_arm()'s last resort.
 */
#ifndef LSG_DEADLINE_H
#define LSG_DEADLINE_H

#include <time.h>

#include "error.h"

/* CLOCK_MONOTONIC nanoseconds at which the capture started, for exec. */
#define DEADLINE_START_ENV "LOGSAGE_START_NS"
/* Re-interrupts a blocking call started just after the first signal. */
#define DEADLINE_TICK_MS 100
/* Past the deadline, time to write out what was read before giving up. */
#define DEADLINE_GRACE_MS 2000

struct deadline {
	struct timespec start;
	long long limit_ms;
};

/**
 * deadline_init() - @seconds from now, or from DEADLINE_START_ENV when
 * @from_env and the environment holds a valid start.
 */
void deadline_init(struct deadline *d, long seconds, int from_env);

/** deadline_elapsed_ms() - milliseconds since the start. */
long long deadline_elapsed_ms(const struct deadline *d);

/** deadline_left_ms() - milliseconds left; 0 or less once it has passed. */
long long deadline_left_ms(const struct deadline *d);

/**
 * deadline_cap_ms() - @want_ms, or the time left if that is shorter
 * (never below 1, so a caller's timeout never means "no timeout").
 */
long deadline_cap_ms(const struct deadline *d, long long want_ms);

/** deadline_export() - put the start in DEADLINE_START_ENV for an exec. */
void deadline_export(const struct deadline *d);

/**
 * deadline_arm() - deliver SIGALRM at the deadline and then every tick.
 * @grace_ms after the deadline, a process still running writes @last_words
 * to stderr and _exit()s with @status: the one stop for a write that hangs
 * on a dead disk, never the path by which a capture ends.
 */
struct lsg_error *deadline_arm(const struct deadline *d, long grace_ms,
			       const char *last_words, int status);

/** deadline_disarm() - no more signals (before exec: timers survive it). */
void deadline_disarm(void);

/** deadline_expired() - whether the armed deadline has passed. */
int deadline_expired(void);

#endif
