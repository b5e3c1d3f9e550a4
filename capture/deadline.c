/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "deadline.h"

/* Signal-handler state: the only globals, because a handler needs them. */
static volatile sig_atomic_t expired, ticks, grace_ticks, final_status;
static volatile sig_atomic_t words_lost;
static const char *volatile final_words;

static void on_alarm(int sig)
{
	(void)sig;
	expired = 1;
	if (grace_ticks <= 0 || ++ticks < grace_ticks)
		return;
	if (final_words &&
	    write(STDERR_FILENO, final_words, strlen(final_words)) < 0)
		words_lost = 1;	/* stderr is gone: the status still counts */
	_exit(final_status);
}

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

void deadline_init(struct deadline *d, long seconds, int from_env)
{
	const char *s = from_env ? getenv(DEADLINE_START_ENV) : NULL;
	struct timespec now;
	unsigned long long ns;
	char *end;

	clock_gettime(CLOCK_MONOTONIC, &now);
	d->start = now;
	d->limit_ms = (long long)seconds * 1000;
	if (!s)
		return;
	errno = 0;
	ns = strtoull(s, &end, 10);
	/* A start in the future is not ours: count from now. */
	if (errno || *end || !ns || (long long)ns > ns_of(&now))
		return;
	d->start.tv_sec = (time_t)(ns / 1000000000);
	d->start.tv_nsec = (long)(ns % 1000000000);
}

long long deadline_elapsed_ms(const struct deadline *d)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (ns_of(&now) - ns_of(&d->start)) / 1000000;
}

long long deadline_left_ms(const struct deadline *d)
{
	return d->limit_ms - deadline_elapsed_ms(d);
}

long deadline_cap_ms(const struct deadline *d, long long want_ms)
{
	long long left = deadline_left_ms(d);

	if (left < want_ms)
		want_ms = left;
	return want_ms < 1 ? 1 : (long)want_ms;
}

void deadline_export(const struct deadline *d)
{
	char t0[32];

	snprintf(t0, sizeof(t0), "%lld", ns_of(&d->start));
	setenv(DEADLINE_START_ENV, t0, 1);
}

struct lsg_error *deadline_arm(const struct deadline *d, long grace_ms,
			       const char *last_words, int status)
{
	struct sigaction sa;
	struct itimerval it = { 0 };
	long long left = deadline_left_ms(d);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked read must come back with EINTR. */
	if (sigaction(SIGALRM, &sa, NULL))
		return lsg_error_os(errno, "sigaction");
	final_words = last_words;
	final_status = status;
	grace_ticks = (sig_atomic_t)(grace_ms / DEADLINE_TICK_MS + 1);
	if (left < 1)
		left = 1;
	it.it_value.tv_sec = (time_t)(left / 1000);
	it.it_value.tv_usec = (suseconds_t)(left % 1000 * 1000);
	it.it_interval.tv_usec = DEADLINE_TICK_MS * 1000;
	if (setitimer(ITIMER_REAL, &it, NULL))
		return lsg_error_os(errno, "setitimer");
	return NULL;
}

void deadline_disarm(void)
{
	struct itimerval it = { 0 };

	setitimer(ITIMER_REAL, &it, NULL);
	signal(SIGALRM, SIG_IGN);
}

int deadline_expired(void)
{
	return expired;
}
