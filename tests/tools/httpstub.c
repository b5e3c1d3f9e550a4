/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * httpstub MODE: a hand-made stand-in for an analyzer that misbehaves, for
 * tests/sh/hook-faults.sh (a real logsage serve cannot be made to do it).
 * Listens on a free loopback port, prints "port N" on stdout, then:
 *   hang     accepts and reads every request and never answers;
 *   STATUS   answers every request with that HTTP status (429, 500, ...).
 * Each request read is logged on stderr as "request N".  Runs until killed.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { MAX_CONN = 64 };

static int listen_loopback(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(fd, 16) || getsockname(fd, (struct sockaddr *)&a, &len))
		return -1;
	printf("port %d\n", ntohs(a.sin_port));
	fflush(stdout);
	return fd;
}

/* Whether @buf holds a whole request: headers and Content-Length body. */
static int request_done(const char *buf, size_t n)
{
	const char *end = memmem(buf, n, "\r\n\r\n", 4), *cl;
	long body;

	if (!end)
		return 0;
	cl = memmem(buf, (size_t)(end - buf), "Content-Length: ", 16);
	body = cl ? strtol(cl + 16, NULL, 10) : 0;
	return (size_t)(end + 4 - buf) + (size_t)body <= n;
}

struct conn {
	int fd;
	size_t used;
	char *buf;
};

static void answer(struct conn *c, int status)
{
	char reply[128];
	int n = snprintf(reply, sizeof(reply),
			 "HTTP/1.1 %d Stub\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
			 status);

	if (write(c->fd, reply, (size_t)n) != n)
		perror("httpstub: write");
	close(c->fd);
	c->fd = -1;
}

int main(int argc, char **argv)
{
	struct conn conns[MAX_CONN];
	struct pollfd p[MAX_CONN + 1];
	int lfd, status, nreq = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: httpstub hang|STATUS\n");
		return 2;
	}
	status = strcmp(argv[1], "hang") ? (int)strtol(argv[1], NULL, 10) : 0;
	lfd = listen_loopback();
	if (lfd < 0) {
		perror("httpstub: listen");
		return 1;
	}
	for (int i = 0; i < MAX_CONN; i++)
		conns[i] = (struct conn){ .fd = -1 };
	for (;;) {
		p[0] = (struct pollfd){ .fd = lfd, .events = POLLIN };
		for (int i = 0; i < MAX_CONN; i++)
			p[i + 1] = (struct pollfd){ .fd = conns[i].fd,
						    .events = POLLIN };
		if (poll(p, MAX_CONN + 1, -1) < 0)
			return 1;
		if (p[0].revents & POLLIN) {
			int fd = accept(lfd, NULL, NULL);

			for (int i = 0; fd >= 0 && i < MAX_CONN; i++) {
				if (conns[i].fd >= 0)
					continue;
				conns[i].fd = fd;
				conns[i].used = 0;
				fd = -1;
			}
			if (fd >= 0)
				close(fd);
		}
		for (int i = 0; i < MAX_CONN; i++) {
			struct conn *c = &conns[i];
			char chunk[65536];
			ssize_t n;

			if (c->fd < 0 || !(p[i + 1].revents & (POLLIN | POLLHUP)))
				continue;
			n = read(c->fd, chunk, sizeof(chunk));
			if (n <= 0) {
				close(c->fd);
				c->fd = -1;
				continue;
			}
			c->buf = realloc(c->buf, c->used + (size_t)n);
			if (!c->buf)
				return 1;
			memcpy(c->buf + c->used, chunk, (size_t)n);
			c->used += (size_t)n;
			if (!request_done(c->buf, c->used))
				continue;
			fprintf(stderr, "request %d\n", ++nreq);
			c->used = 0;
			if (status)
				answer(c, status);
		}
	}
}
