/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * textres START END CMD [ARG...]: run CMD (stdout to /dev/null), stop it as
 * it exits and print "<resident pages in [START, END)> <resident KiB of its
 * text>", the text being the executable mappings of files (for a static
 * CMD, its own).  It
 * shows which code a run left mapped, fault-around included.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static int resident(int pagemap, uint64_t addr)
{
	uint64_t e;

	if (pread(pagemap, &e, sizeof(e), (off_t)(addr / 4096 * 8)) !=
	    (ssize_t)sizeof(e))
		return -1;
	return (int)(e >> 63);
}

/* Resident pages of [@lo, @hi): in all, and in [@start, @end). */
static int count(int pagemap, uint64_t lo, uint64_t hi, uint64_t start,
		 uint64_t end, uint64_t *in, uint64_t *all)
{
	for (uint64_t a = lo; a < hi; a += 4096) {
		int r = resident(pagemap, a);

		if (r < 0)
			return -1;
		*all += (uint64_t)r;
		*in += (uint64_t)r && a + 4096 > start && a < end;
	}
	return 0;
}

/* Every executable file mapping: a static program maps only its own. */
static int report(pid_t pid, uint64_t start, uint64_t end)
{
	uint64_t lo, hi, in = 0, all = 0;
	char path[64], line[512];
	int fd, rc = 0;
	FILE *maps;

	snprintf(path, sizeof(path), "/proc/%d/pagemap", (int)pid);
	fd = open(path, O_RDONLY);
	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	maps = fopen(path, "r");
	if (fd < 0 || !maps) {
		perror("textres: /proc");
		return -1;
	}
	while (!rc && fgets(line, sizeof(line), maps))
		if (strstr(line, " r-xp ") && strchr(line, '/') &&
		    sscanf(line, "%" SCNx64 "-%" SCNx64, &lo, &hi) == 2)
			rc = count(fd, lo, hi, start, end, &in, &all);
	fclose(maps);
	close(fd);
	if (!rc)
		printf("%" PRIu64 " %" PRIu64 "\n", in, all * 4);
	return rc;
}

int main(int argc, char **argv)
{
	uint64_t start, end;
	int status, rc;
	pid_t pid;

	if (argc < 4) {
		fprintf(stderr, "usage: textres START END CMD [ARG...]\n");
		return 2;
	}
	start = strtoull(argv[1], NULL, 0);
	end = strtoull(argv[2], NULL, 0);
	pid = fork();
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, STDOUT_FILENO);
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		raise(SIGSTOP);
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
		return 1;
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)PTRACE_O_TRACEEXIT);
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	rc = 1;
	while (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
		int sig = WSTOPSIG(status);

		/* Stopped in exit, mappings still in place. */
		if (status >> 8 == (SIGTRAP | PTRACE_EVENT_EXIT << 8)) {
			rc = report(pid, start, end) ? 1 : 0;
			sig = 0;
		} else if (sig == SIGTRAP) {
			sig = 0;	/* the exec */
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(intptr_t)sig);
	}
	return rc;
}
