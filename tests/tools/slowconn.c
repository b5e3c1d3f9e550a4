/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slowconn [-n ADDRS] [-b TOKEN] FROM HOST PORT COUNT SECONDS: a slow
 * client (slowloris).  Opens COUNT connections from address FROM (or from
 * ADDRS consecutive addresses from FROM, in turn) to HOST:PORT, sends a
 * request line, then one header byte a second on each for SECONDS.  With
 * -b, the headers are whole (an upload with TOKEN, 100,000 bytes long)
 * and the bytes a second are its body.  Prints how many connections were
 * open once all were made ("opened N"), for each one the server closed
 * the seconds since its connect ("closed S"), and how many the server
 * kept open to the end ("kept N of COUNT").
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct conn {
	int fd;			/* -1: closed */
	double opened;		/* seconds, CLOCK_MONOTONIC */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int open_one(const struct sockaddr_in *from,
		    const struct sockaddr_in *to, const char *request,
		    int len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, (const struct sockaddr *)from, sizeof(*from)) ||
	    connect(fd, (const struct sockaddr *)to, sizeof(*to)) ||
	    send(fd, request, (size_t)len, MSG_NOSIGNAL) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void closed(struct conn *c)
{
	printf("closed %.3f\n", now() - c->opened);
	close(c->fd);
	c->fd = -1;
}

/* One byte on every open connection; a closed one is dropped. */
static unsigned drip(struct conn *conns, unsigned n)
{
	unsigned open = 0;

	for (unsigned i = 0; i < n; i++) {
		if (conns[i].fd < 0)
			continue;
		if (send(conns[i].fd, "X", 1, MSG_NOSIGNAL) < 0) {
			closed(&conns[i]);
			continue;
		}
		open++;
	}
	return open;
}

/* Until @until, note each connection the server closes as it does. */
static void watch(struct conn *conns, unsigned n, struct pollfd *pfds,
		  double until)
{
	double t;

	while ((t = now()) < until) {
		unsigned m = 0;

		for (unsigned i = 0; i < n; i++)
			if (conns[i].fd >= 0)
				pfds[m++] = (struct pollfd){
					.fd = conns[i].fd, .events = POLLIN,
				};
		if (poll(pfds, m, (int)((until - t) * 1000) + 1) <= 0)
			continue;
		for (unsigned i = 0, j = 0; i < n; i++) {
			char buf[512];
			ssize_t r;

			if (conns[i].fd < 0 || pfds[j++].revents == 0)
				continue;
			/* The end, or a reset; an answer is read and ignored. */
			r = recv(conns[i].fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (r == 0 || (r < 0 && errno != EAGAIN))
				closed(&conns[i]);
		}
	}
}

int main(int argc, char **argv)
{
	struct sockaddr_in from = { .sin_family = AF_INET };
	struct sockaddr_in to = { .sin_family = AF_INET };
	const char *token = NULL;
	unsigned n, secs, addrs = 1, open = 0;
	struct pollfd *pfds;
	struct conn *conns;
	struct rlimit rl;
	char request[512];
	int opt, len;
	double t;

	while ((opt = getopt(argc, argv, "n:b:")) != -1) {
		if (opt == 'n')
			addrs = (unsigned)strtoul(optarg, NULL, 10);
		else if (opt == 'b')
			token = optarg;
		else
			addrs = 0;
	}
	if (argc - optind != 5 || !addrs ||
	    inet_pton(AF_INET, argv[optind], &from.sin_addr) != 1 ||
	    inet_pton(AF_INET, argv[optind + 1], &to.sin_addr) != 1) {
		fprintf(stderr, "usage: slowconn [-n ADDRS] [-b TOKEN] FROM HOST PORT COUNT SECONDS\n");
		return 2;
	}
	to.sin_port = htons((unsigned short)strtoul(argv[optind + 2], NULL, 10));
	n = (unsigned)strtoul(argv[optind + 3], NULL, 10);
	secs = (unsigned)strtoul(argv[optind + 4], NULL, 10);
	len = token ?
		snprintf(request, sizeof(request),
			 "POST /api/v1/bundles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 100000\r\n\r\n",
			 token) :
		snprintf(request, sizeof(request),
			 "POST /api/v1/bundles HTTP/1.1\r\nHost: x\r\n");
	if (len < 0 || len >= (int)sizeof(request))
		return 2;
	/* COUNT sockets need more than the usual soft limit of 1,024. */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < n + 64) {
		rl.rlim_cur = rl.rlim_max < n + 64 ? rl.rlim_max : n + 64;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	conns = calloc(n, sizeof(*conns));
	pfds = calloc(n, sizeof(*pfds));
	if (!conns || !pfds)
		return 1;
	for (unsigned i = 0; i < n; i++) {
		struct sockaddr_in f = from;

		f.sin_addr.s_addr = htonl(ntohl(from.sin_addr.s_addr) +
					  i % addrs);
		conns[i].opened = now();
		conns[i].fd = open_one(&f, &to, request, len);
	}
	printf("opened %u\n", drip(conns, n));
	fflush(stdout);
	t = now();
	for (unsigned s = 0; s < secs; s++) {
		watch(conns, n, pfds, t + s + 1);
		open = drip(conns, n);
	}
	printf("kept %u of %u\n", open, n);
	for (unsigned i = 0; i < n; i++)
		if (conns[i].fd >= 0)
			close(conns[i].fd);
	free(pfds);
	free(conns);
	return 0;
}
