/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage-capture: read the dead kernel's log and metadata out of a vmcore
 * and write a bundle.  In the kdump crash kernel it runs with --hook: it
 * always exits 0 so that saving the vmcore goes on, configuration problems
 * fall back to defaults (and are in the bundle), at the deadline it saves
 * what it has, and the bundle goes to the spool, from where logsage-upload
 * (exec'd when a url is configured) delivers it.
 */
#include <getopt.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "capture.h"
#include "config.h"
#include "deadline.h"
#include "kmodrec.h"
#include "upload.h"
#include "upload_main.h"

static void usage(FILE *f)
{
	fputs("usage: logsage-capture [--vmcore FILE] [-o FILE | --json | --dmesg]\n"
	      "                       [--hook] [--resend] [--config FILE] [--KEY VALUE]...\n"
	      "\n"
	      "  --vmcore FILE   dump to read (default /proc/vmcore): ELF,\n"
	      "                  kdump-compressed, or what libkdumpfile reads\n"
	      "  --reader R      auto (default), fast (the agent's own reader)\n"
	      "                  or libkdumpfile\n"
	      "  -o FILE         write the zstd-compressed bundle to FILE\n"
	      "  --json          print the bundle's JSON, uncompressed\n"
	      "  --dmesg         print the log exactly as vmcore-dmesg does\n"
	      "  --hook          kdump hook mode: always exit 0; the bundle goes\n"
	      "                  to spool_dir and is uploaded if url is set\n"
	      "  --resend        upload what is in spool_dir, then exit\n"
	      "  --config FILE   default " CONFIG_DEFAULT_PATH " (if present)\n"
	      "  --KEY VALUE     any configuration key, e.g. --url, --token-file,\n"
	      "                  --spool-dir, --deadline SEC, --budget-mib MIB, --tag\n",
	      f);
}

enum { OPT_JSON = 256, OPT_DMESG, OPT_HOOK, OPT_RESEND, OPT_VMCORE };

static const struct option options[] = {
	{ "vmcore", required_argument, NULL, OPT_VMCORE },
	{ "output", required_argument, NULL, 'o' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "dmesg", no_argument, NULL, OPT_DMESG },
	{ "hook", no_argument, NULL, OPT_HOOK },
	{ "resend", no_argument, NULL, OPT_RESEND },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Under --hook a bad argument is a configuration problem like any other. */
static int parse_args(int argc, char **argv, struct capture_opts *o,
		      int *resend, struct config *cfg)
{
	int c;

	while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		if (c == '?' && cfg->lenient) {
			config_note(cfg, NULL, lsg_error_create(LSG_ERR_INVALID,
				"bad option %s ignored", argv[optind - 1]));
			continue;
		}
		switch (c) {
		case OPT_VMCORE: o->vmcore = optarg; break;
		case 'o': o->output = optarg; break;
		case OPT_JSON: o->mode = CAPTURE_JSON; break;
		case OPT_DMESG: o->mode = CAPTURE_DMESG; break;
		case OPT_HOOK: o->hook = 1; break;
		case OPT_RESEND: *resend = 1; break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			goto bad;
		}
	}
	if (optind == argc)
		return 0;
	if (cfg->lenient) {
		for (int i = optind; i < argc; i++)
			config_note(cfg, NULL, lsg_error_create(LSG_ERR_INVALID,
				"argument '%s' ignored", argv[i]));
		return 0;
	}
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

/* What logsage-upload is told besides the configuration. */
struct handover {
	const char *fallback_dir;
	int memfd;		/* the bundle in memory, or -1 */
	const char *id;
};

/*
 * Hand over to logsage-upload, next to this program, with the same
 * configuration and what is left of the deadline.  exec, not fork: the
 * capture's memory is given back.
 */
static void exec_upload(const struct config *cfg, int hook,
			const struct deadline *dl, const struct handover *h)
{
	static char hook_flag[] = "--hook", config_flag[] = "--config";
	char self[PATH_MAX], prog[PATH_MAX + 32], fd[16], name[80];
	char fallback[CONFIG_MAX_VALUE + 32];
	char *argv[4 + 2 * 16 + 5 + 1];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int a = 0;

	if (n <= 0)
		return;
	self[n] = '\0';
	snprintf(prog, sizeof(prog), "%s/" UPLOAD_MAIN_NAME, dirname(self));
	argv[a++] = prog;
	if (hook)
		argv[a++] = hook_flag;
	if (cfg->path) {
		argv[a++] = config_flag;
		argv[a++] = cfg->path;
	}
	for (int i = 0; i < cfg->nflags; i++)
		if (cfg->flags[i])
			argv[a++] = cfg->flags[i];
	if (h && h->fallback_dir) {
		snprintf(fallback, sizeof(fallback), "--fallback-dir=%s",
			 h->fallback_dir);
		argv[a++] = fallback;
	}
	if (h && h->memfd >= 0) {
		snprintf(fd, sizeof(fd), "%d", h->memfd);
		snprintf(name, sizeof(name), "%s.bundle", h->id);
		argv[a++] = (char *)"--bundle-fd";
		argv[a++] = fd;
		argv[a++] = (char *)"--bundle-name";
		argv[a++] = name;
	}
	argv[a] = NULL;
	/* Timers survive exec, and the uploader keeps its own time. */
	deadline_disarm();
	deadline_export(dl);
	execv(prog, argv);
	fprintf(stderr, "logsage-capture: cannot run %s: %m\n", prog);
}

/*
 * The record address: --record, or in the crash kernel the
 * logsage.record=0x... the setup script put on its command line.
 */
static void find_record(const struct config *cfg, struct capture_opts *o)
{
	char cmdline[4096] = "";
	FILE *f;

	if (cfg->record[0]) {
		o->has_record = sscanf(cfg->record, "%" SCNx64,
				       &o->record_addr) == 1;
		return;
	}
	if (strcmp(o->vmcore, "/proc/vmcore"))
		return;
	f = fopen("/proc/cmdline", "r");
	if (!f)
		return;
	if (fgets(cmdline, sizeof(cmdline), f))
		o->has_record = kmodrec_cmdline_addr(cmdline, &o->record_addr);
	fclose(f);
}

static size_t seed_from_auxv(void)
{
	const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
	size_t seed = 1;

	if (r)
		memcpy(&seed, r, sizeof(seed));
	return seed ? seed : 1;
}

/* What the crash kernel spent on us: for the console and the e2e test. */
static void report_usage(const struct timespec *start)
{
	struct timespec now;
	struct rusage ru;

	clock_gettime(CLOCK_MONOTONIC, &now);
	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "logsage-capture: done in %lld ms, max RSS %ld KiB\n",
		(long long)(now.tv_sec - start->tv_sec) * 1000 +
			(now.tv_nsec - start->tv_nsec) / 1000000,
		ru.ru_maxrss);
}

static int run(struct capture_opts *opts, struct handover *h, char *id)
{
	struct lsg_error *err;
	struct capture c;

	err = capture_init(&c, opts);
	/* A crash kernel short of memory: a smaller log beats no bundle. */
	if (err == &lsg_enomem && opts->hook &&
	    opts->budget > CAPTURE_MIN_BUDGET) {
		fprintf(stderr,
			"logsage-capture: no memory for a %zu MiB budget, trying %u MiB\n",
			opts->budget >> 20, CAPTURE_MIN_BUDGET >> 20);
		opts->budget = CAPTURE_MIN_BUDGET;
		err = capture_init(&c, opts);
	}
	if (!err) {
		err = capture_run(&c);
		h->memfd = c.memfd;
		memcpy(id, c.id, sizeof(c.id));
		capture_deinit(&c);
	}
	if (!err)
		return 0;
	lsg_error_print(err, "logsage-capture", stderr);
	lsg_error_destroy(err);
	return 1;
}

static int has_arg(int argc, char **argv, const char *arg)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], arg))
			return 1;
	return 0;
}

/* Print the configuration problems and list them for the bundle. */
static size_t config_problems(const struct config *cfg, const char **list,
			      char *more, size_t more_size)
{
	size_t n = 0;

	for (int i = 0; i < cfg->nerrors; i++) {
		fprintf(stderr, "logsage-capture: config: %s (default kept)\n",
			cfg->errors[i]);
		list[n++] = cfg->errors[i];
	}
	if (cfg->more_errors) {
		snprintf(more, more_size, "%u more problems not listed",
			 cfg->more_errors);
		fprintf(stderr, "logsage-capture: config: %s\n", more);
		list[n++] = more;
	}
	return n;
}

/* Whether argv[0] names NAME (libgen's basename may write to argv[0]). */
static int invoked_as(const char *argv0, const char *name)
{
	const char *slash = strrchr(argv0, '/');

	return !strcmp(slash ? slash + 1 : argv0, name);
}

static const char last_words[] =
	"logsage-capture: deadline passed while saving the bundle, giving up\n";

int main(int argc, char **argv)
{
	struct capture_opts opts = { .vmcore = "/proc/vmcore" };
	const char *problems[CONFIG_MAX_ERRORS + 1];
	struct handover h = { .memfd = -1 };
	char mid[64], fallback[CONFIG_MAX_VALUE], more[64], id[65] = "";
	int resend = 0, rc, hook;
	struct lsg_error *err;
	struct deadline dl;
	struct config cfg;

	if (invoked_as(argc ? argv[0] : "", UPLOAD_MAIN_NAME))
		return upload_main(argc, argv);
	/* Until the configuration is read, its default deadline holds. */
	config_defaults(&cfg);
	deadline_init(&dl, cfg.deadline, 0);
	/*
	 * jansson would seed its hash from /dev/urandom, which in a crash
	 * kernel under virtualization can block for a second before the pool
	 * is ready; the kernel's per-process AT_RANDOM bytes serve as well.
	 */
	json_object_seed(seed_from_auxv());
	hook = has_arg(argc, argv, "--hook");
	/* A file size limit is a full disk: an error, not death. */
	signal(SIGXFSZ, SIG_IGN);
	err = deadline_arm(&dl, DEADLINE_GRACE_MS, last_words, hook ? 0 : 124);
	if (!err)
		err = config_from_args(&cfg, &argc, argv, hook);
	if (err) {
		lsg_error_print(err, "logsage-capture", stderr);
		lsg_error_destroy(err);
		return 2;
	}
	if (parse_args(argc, argv, &opts, &resend, &cfg))
		return 2;
	opts.config_errors = problems;
	opts.nconfig_errors = config_problems(&cfg, problems, more,
					      sizeof(more));
	dl.limit_ms = cfg.deadline * 1000LL;
	deadline_arm(&dl, DEADLINE_GRACE_MS, last_words, hook ? 0 : 124);
	if (resend) {
		exec_upload(&cfg, opts.hook, &dl, NULL);
		return opts.hook ? 0 : 1;
	}
	/* In a kdump hook a bad reader name must not cost the capture. */
	err = dump_reader_parse(cfg.reader, &opts.reader);
	if (err) {
		lsg_error_print(err, "logsage-capture", stderr);
		lsg_error_destroy(err);
		if (!opts.hook)
			return 2;
	}
	opts.budget = (size_t)cfg.budget_mib << 20;
	opts.meta.tag = cfg.tag[0] ? cfg.tag : NULL;
	opts.meta.machine_id = cfg.machine_id[0] ? cfg.machine_id : NULL;
	if (!opts.meta.machine_id && !strcmp(opts.vmcore, "/proc/vmcore"))
		opts.meta.machine_id = local_machine_id(mid, sizeof(mid));
	find_record(&cfg, &opts);
	if (opts.hook && !opts.output && opts.mode == CAPTURE_BUNDLE) {
		opts.spool_dir = cfg.spool_dir;
		opts.fallback_dir = config_fallback_dir(&cfg, opts.vmcore,
							fallback,
							sizeof(fallback));
	}
	rc = run(&opts, &h, id);
	if (opts.hook)
		report_usage(&dl.start);
	h.fallback_dir = opts.fallback_dir;
	h.id = id;
	if (opts.spool_dir && cfg.url[0])
		exec_upload(&cfg, 1, &dl, &h);
	return opts.hook ? 0 : rc;
}
