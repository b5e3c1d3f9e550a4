/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * runstat CMD [ARG...]: run CMD with stdout to /dev/null and print
 * "<wall microseconds> <max RSS KiB> <exit status>" for benchmarks.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: runstat CMD [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, STDOUT_FILENO);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("%lld %ld %d\n",
	       (long long)(b.tv_sec - a.tv_sec) * 1000000 +
		       (b.tv_nsec - a.tv_nsec) / 1000,
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 0;
}
