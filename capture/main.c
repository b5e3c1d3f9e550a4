/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage-capture: read the dead kernel's log and metadata out of a vmcore
 * and write a bundle.  In the kdump crash kernel it runs with --hook: it
 * always exits 0 so that saving the vmcore goes on, and a hard deadline
 * ends it whatever it is doing.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"

static volatile sig_atomic_t hook_mode, msg_lost;

static void on_deadline(int sig)
{
	static const char msg[] =
		"logsage-capture: deadline reached, giving up\n";

	(void)sig;
	/* Nothing to do if stderr is gone; the exit status is what counts. */
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		msg_lost = 1;
	_exit(hook_mode ? 0 : 124);
}

static void usage(FILE *f)
{
	fputs("usage: logsage-capture [--vmcore FILE] [-o FILE | --json | --dmesg]\n"
	      "                       [--hook] [--deadline SEC] [--budget MIB]\n"
	      "                       [--machine-id ID] [--tag TAG]\n"
	      "\n"
	      "  --vmcore FILE   dump to read (default /proc/vmcore): ELF or\n"
	      "                  kdump-compressed\n"
	      "  -o FILE         write the zstd-compressed bundle to FILE\n"
	      "  --json          print the bundle's JSON, uncompressed\n"
	      "  --dmesg         print the log exactly as vmcore-dmesg does\n"
	      "  --hook          kdump hook mode: always exit 0\n"
	      "  --deadline SEC  hard limit for the whole run (default 60)\n"
	      "  --budget MIB    working memory, fixed at start (default 64)\n",
	      f);
}

static int parse_uint(const char *s, unsigned long max, unsigned long *ret)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	if (!*s || *end || v == 0 || v > max)
		return 0;
	*ret = v;
	return 1;
}

enum { OPT_JSON = 256, OPT_DMESG, OPT_HOOK, OPT_DEADLINE, OPT_BUDGET,
       OPT_MACHINE_ID, OPT_TAG, OPT_VMCORE };

static const struct option options[] = {
	{ "vmcore", required_argument, NULL, OPT_VMCORE },
	{ "output", required_argument, NULL, 'o' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "dmesg", no_argument, NULL, OPT_DMESG },
	{ "hook", no_argument, NULL, OPT_HOOK },
	{ "deadline", required_argument, NULL, OPT_DEADLINE },
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "machine-id", required_argument, NULL, OPT_MACHINE_ID },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int parse_args(int argc, char **argv, struct capture_opts *o,
		      unsigned long *deadline)
{
	unsigned long mib;
	int c;

	while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_VMCORE: o->vmcore = optarg; break;
		case 'o': o->output = optarg; break;
		case OPT_JSON: o->mode = CAPTURE_JSON; break;
		case OPT_DMESG: o->mode = CAPTURE_DMESG; break;
		case OPT_HOOK: o->hook = 1; break;
		case OPT_MACHINE_ID: o->meta.machine_id = optarg; break;
		case OPT_TAG: o->meta.tag = optarg; break;
		case OPT_DEADLINE:
			if (!parse_uint(optarg, 86400, deadline))
				goto bad;
			break;
		case OPT_BUDGET:
			if (!parse_uint(optarg, 4096, &mib))
				goto bad;
			o->budget = mib << 20;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			goto bad;
		}
	}
	if (optind == argc)
		return 0;
bad:
	usage(stderr);
	return -1;
}

/* The crash kernel shares the host's root: its machine-id is the host's. */
static const char *local_machine_id(char *buf, size_t size)
{
	FILE *f = fopen("/etc/machine-id", "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return n ? buf : NULL;
}

int main(int argc, char **argv)
{
	struct capture_opts opts = { .vmcore = "/proc/vmcore" };
	unsigned long deadline = 60;
	struct lsg_error *err;
	struct capture c;
	char mid[64];

	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--hook"))
			hook_mode = 1;
	signal(SIGALRM, on_deadline);
	alarm(60);
	if (parse_args(argc, argv, &opts, &deadline))
		return hook_mode ? 0 : 2;
	alarm((unsigned)deadline);
	if (!opts.meta.machine_id && !strcmp(opts.vmcore, "/proc/vmcore"))
		opts.meta.machine_id = local_machine_id(mid, sizeof(mid));
	err = capture_init(&c, &opts);
	if (!err) {
		err = capture_run(&c);
		capture_deinit(&c);
	}
	if (!err)
		return 0;
	lsg_error_print(err, "logsage-capture", stderr);
	lsg_error_destroy(err);
	return opts.hook ? 0 : 1;
}
