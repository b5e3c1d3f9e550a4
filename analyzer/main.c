/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage: the analyzer's command line.  Each subcommand is one entry of
 * the commands[] table below.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "ingest.h"
#include "report.h"
#include "server.h"
#include "store.h"
#include "textlog.h"
#include "token.h"

#define DB_DEFAULT "logsage.db"

/* The analysis the server and `ingest` run on every bundle. */
static json_t *analyze(void *arg, const struct ingest_bundle *b,
		       struct lsg_error **err)
{
	json_t *r = NULL;

	*err = report_build(arg, &b->log, b->kernel, b->host, &r);
	return r;
}

/*
 * Debug info for the symbolizer: every --debug-dir, else the distribution
 * location when it exists.
 */
#define MAX_DEBUG_DIRS 8

struct analysis_opts {
	const char *debug_dirs[MAX_DEBUG_DIRS + 1];
	int ndirs;
	const char *debuginfod;
};

static int add_debug_dir(struct analysis_opts *a, const char *dir)
{
	if (a->ndirs == MAX_DEBUG_DIRS) {
		fprintf(stderr, "logsage: at most %d --debug-dir\n",
			MAX_DEBUG_DIRS);
		return -1;
	}
	a->debug_dirs[a->ndirs++] = dir;
	return 0;
}

static struct lsg_error *analysis_ctx(struct analysis_opts *a,
				      struct report_ctx **ret)
{
	struct report_opts ro = { .debuginfod_urls = a->debuginfod };

	if (!a->ndirs && !access("/usr/lib/debug", R_OK))
		a->debug_dirs[a->ndirs++] = "/usr/lib/debug";
	if (a->ndirs || a->debuginfod)
		ro.debug_dirs = a->debug_dirs;
	return report_ctx_create(&ro, ret);
}

static int fail(struct lsg_error *err)
{
	lsg_error_print(err, "logsage", stderr);
	lsg_error_destroy(err);
	return 1;
}

static int parse_size(const char *s, unsigned long long lo,
		      unsigned long long hi, unsigned long long *ret)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || errno || v < lo || v > hi || *s == '-')
		return -1;
	*ret = v;
	return 0;
}

/* ---- serve ---- */

static void serve_usage(FILE *f)
{
	fprintf(f,
		"usage: logsage serve [--listen ADDR:PORT] [--db PATH] [--threads N]\n"
		"                     [--workers N] [--max-bundle BYTES]\n"
		"                     [--debug-dir DIR]... [--debuginfod URLS]\n"
		"\n"
		"  --listen ADDR:PORT  address to serve on (default %s;\n"
		"                      [ADDR6]:PORT for IPv6, port 0 picks one)\n"
		"  --db PATH           the store (default %s; sqlite:PATH)\n"
		"  --threads N         HTTP I/O threads (default %d)\n"
		"  --workers N         threads storing bundles (default %d)\n"
		"  --max-bundle BYTES  largest bundle accepted (default %zu)\n"
		"  --debug-dir DIR     debug info for symbolization (Debian -dbg\n"
		"                      layout or .build-id; repeatable;\n"
		"                      default /usr/lib/debug)\n"
		"  --debuginfod URLS   debuginfod servers to fetch vmlinux from\n"
		"\n"
		"Agents need a token: logsage token add NAME --db PATH.\n",
		SERVER_LISTEN_DEFAULT, DB_DEFAULT, SERVER_THREADS_DEFAULT,
		SERVER_WORKERS_DEFAULT, SERVER_MAX_BUNDLE_DEFAULT);
}

static const struct option serve_options[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "db", required_argument, NULL, 'd' },
	{ "threads", required_argument, NULL, 't' },
	{ "workers", required_argument, NULL, 'w' },
	{ "max-bundle", required_argument, NULL, 'm' },
	{ "debug-dir", required_argument, NULL, 'g' },
	{ "debuginfod", required_argument, NULL, 'u' },
	{ "wait", required_argument, NULL, 'w' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int serve_args(int argc, char **argv, struct server_config *cfg,
		      const char **db, struct analysis_opts *a)
{
	unsigned long long v;
	int c;

	while ((c = getopt_long(argc, argv, "h", serve_options, NULL)) != -1) {
		switch (c) {
		case 'l': cfg->listen = optarg; break;
		case 'd': *db = optarg; break;
		case 't':
			if (parse_size(optarg, 1, 256, &v))
				goto bad;
			cfg->threads = (unsigned)v;
			break;
		case 'w':
			if (parse_size(optarg, 1, 1024, &v))
				goto bad;
			cfg->workers = (unsigned)v;
			break;
		case 'm':
			if (parse_size(optarg, 1024, 1ull << 30, &v))
				goto bad;
			cfg->max_bundle = (size_t)v;
			break;
		case 'g':
			if (add_debug_dir(a, optarg))
				goto bad;
			break;
		case 'u':
			a->debuginfod = optarg;
			break;
		case 'h':
			serve_usage(stdout);
			exit(0);
		default:
			goto bad;
		}
	}
	if (optind == argc)
		return 0;
bad:
	serve_usage(stderr);
	return -1;
}

/* Serve until SIGINT or SIGTERM. */
static int serve_run(struct server *srv)
{
	struct lsg_error *err;
	sigset_t set;
	int sig;

	/* Blocked before the pool starts, so only sigwait() sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	err = server_start(srv);
	if (err)
		return fail(err);
	fprintf(stderr, "logsage: listening on port %u\n", server_port(srv));
	sigwait(&set, &sig);
	fprintf(stderr, "logsage: %s, stopping\n", strsignal(sig));
	return 0;
}

static int cmd_serve(int argc, char **argv)
{
	struct server_config cfg = { .analyze = analyze };
	struct analysis_opts a = { .ndirs = 0 };
	const char *db = DB_DEFAULT;
	struct report_ctx *rc = NULL;
	struct server *srv = NULL;
	struct store *s = NULL;
	struct lsg_error *err;
	int ret = 1;

	if (serve_args(argc, argv, &cfg, &db, &a))
		return 2;
	err = analysis_ctx(&a, &rc);
	if (!err)
		err = store_open(db, &s);
	if (err)
		goto out;
	cfg.store = s;
	cfg.analyze_arg = rc;
	err = server_create(&cfg, &srv);
	if (!err)
		ret = serve_run(srv);
out:
	server_destroy(srv);
	store_close(s);
	report_ctx_destroy(rc);
	return err ? fail(err) : ret;
}

/* ---- token ---- */

static const struct option db_options[] = {
	{ "db", required_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Only --db: the rest of argv is positional. */
static int db_args(int argc, char **argv, const char **db,
		   void (*usage)(FILE *f))
{
	int c;

	while ((c = getopt_long(argc, argv, "h", db_options, NULL)) != -1) {
		if (c == 'd') {
			*db = optarg;
		} else if (c == 'h') {
			usage(stdout);
			exit(0);
		} else {
			usage(stderr);
			return -1;
		}
	}
	return 0;
}

static void token_usage(FILE *f)
{
	fputs("usage: logsage token add NAME [--db PATH]\n"
	      "\n"
	      "Makes a token for the agent NAME and prints it once; only its\n"
	      "SHA-256 is stored.  Agents send it as Authorization: Bearer.\n",
	      f);
}

static int cmd_token(int argc, char **argv)
{
	char tok[TOKEN_TEXT_LEN + 1];
	const char *db = DB_DEFAULT;
	struct lsg_error *err;
	struct store *s;

	if (db_args(argc, argv, &db, token_usage))
		return 2;
	if (argc - optind != 2 || strcmp(argv[optind], "add")) {
		token_usage(stderr);
		return 2;
	}
	err = store_open(db, &s);
	if (err)
		return fail(err);
	err = token_add(s, argv[optind + 1], tok);
	store_close(s);
	if (err)
		return fail(err);
	printf("%s\n", tok);
	fprintf(stderr, "logsage: token for \"%s\" stored; it is not shown again\n",
		argv[optind + 1]);
	return 0;
}

/* ---- ingest ---- */

static void ingest_usage(FILE *f)
{
	fputs("usage: logsage ingest FILE... [--db PATH]\n"
	      "\n"
	      "Stores bundles (zstd or JSON) offline, as if they were uploaded.\n",
	      f);
}

static struct lsg_error *ingest_one(struct store *s, struct report_ctx *rc,
				    const char *path)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	json_t *report;
	size_t len;
	char *buf;
	int dup;

	err = fileio_read_file(path, INGEST_MAX_JSON, &buf, &len);
	if (err)
		return err;
	err = ingest_decode(buf, len, NULL, &why, &b);
	if (err) {
		free(buf);
		return lsg_error_wrap(err, "%s: rejected (%s)", path,
				      ingest_reason_name(why));
	}
	report = analyze(rc, &b, &err);
	if (report) {
		err = store_put(s, &b, buf, len, report, &dup);
		json_decref(report);
	}
	if (!err)
		printf("%s: %s %s\n", path, b.id, dup ? "duplicate" : "stored");
	ingest_bundle_deinit(&b);
	free(buf);
	return err ? lsg_error_wrap(err, "%s", path) : NULL;
}

static int cmd_ingest(int argc, char **argv)
{
	struct analysis_opts a = { .ndirs = 0 };
	const char *db = DB_DEFAULT;
	struct report_ctx *rc;
	struct lsg_error *err;
	struct store *s;
	int ret = 0;

	if (db_args(argc, argv, &db, ingest_usage))
		return 2;
	if (optind == argc) {
		ingest_usage(stderr);
		return 2;
	}
	err = analysis_ctx(&a, &rc);
	if (err)
		return fail(err);
	err = store_open(db, &s);
	if (err) {
		report_ctx_destroy(rc);
		return fail(err);
	}
	for (int i = optind; i < argc; i++) {
		err = ingest_one(s, rc, argv[i]);
		if (err)
			ret = fail(err);
	}
	store_close(s);
	report_ctx_destroy(rc);
	return ret;
}

/* ---- analyze ---- */

static void analyze_usage(FILE *f)
{
	fputs("usage: logsage analyze FILE|- [--json] [--debug-dir DIR]... [--debuginfod URLS]\n"
	      "                       [--wait SEC]\n"
	      "\n"
	      "FILE is a bundle (zstd or JSON), a vmcore (ELF or kdump-compressed,\n"
	      "read with logsage-capture), or a plain log: serial console, dmesg,\n"
	      "netconsole or a syzkaller report.  --json prints the report object.\n"
	      "A FIFO is waited on for SEC seconds at most (default 30).\n",
	      f);
}

static const struct option analyze_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "debug-dir", required_argument, NULL, 'g' },
	{ "debuginfod", required_argument, NULL, 'u' },
	{ "wait", required_argument, NULL, 'w' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* A vmcore goes through logsage-capture, installed beside logsage. */
static struct lsg_error *capture_vmcore(const char *path, char **buf,
					size_t *len)
{
	char self[4096], cmd[8192];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	struct lsg_error *err;
	FILE *p;

	if (n <= 0)
		return lsg_error_os(errno, "readlink /proc/self/exe");
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	if (strchr(path, '\'') || (size_t)snprintf(cmd, sizeof(cmd),
			"'%s/logsage-capture' --json --vmcore '%s'", self,
			path) >= sizeof(cmd))
		return lsg_error_create(LSG_ERR_INVALID, "bad path %s", path);
	p = popen(cmd, "r");
	if (!p)
		return lsg_error_os(errno, "run logsage-capture");
	err = fileio_read_stream(p, INGEST_MAX_JSON, buf, len);
	if (pclose(p) && !err)
		err = lsg_error_create(LSG_ERR_INVALID,
				       "logsage-capture could not read %s", path);
	return err;
}

enum input_kind { INPUT_BUNDLE, INPUT_VMCORE, INPUT_TEXT };

static enum input_kind input_kind(const char *buf, size_t len)
{
	static const unsigned char zstd[4] = { 0x28, 0xb5, 0x2f, 0xfd };
	size_t i = 0;

	if (len >= 4 && !memcmp(buf, zstd, 4))
		return INPUT_BUNDLE;
	if ((len >= 4 && !memcmp(buf, "\177ELF", 4)) ||
	    (len >= 8 && !memcmp(buf, "KDUMP   ", 8)))
		return INPUT_VMCORE;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n'))
		i++;
	return i < len && buf[i] == '{' ? INPUT_BUNDLE : INPUT_TEXT;
}

/* Vmcores are read by the agent, not loaded: peek at the magic. */
static int is_vmcore(const char *path)
{
	FILE *f = fopen(path, "rb");
	char head[8];
	size_t n;

	if (!f)
		return 0;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return input_kind(head, n) == INPUT_VMCORE;
}

static struct lsg_error *analyze_bytes(struct report_ctx *rc, const char *buf,
				       size_t len, json_t **ret)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	struct lsg_log log;

	if (input_kind(buf, len) == INPUT_TEXT) {
		err = textlog_parse(buf, len, &log, NULL);
		if (err)
			return err;
		err = report_build(rc, &log, NULL, NULL, ret);
		lsg_log_deinit(&log);
		return err;
	}
	err = ingest_decode(buf, len, NULL, &why, &b);
	if (err)
		return lsg_error_wrap(err, "not a valid bundle (%s)",
				      ingest_reason_name(why));
	err = report_build(rc, &b.log, b.kernel, b.host, ret);
	ingest_bundle_deinit(&b);
	return err;
}

static struct lsg_error *analyze_input(struct report_ctx *rc,
				       const char *path, int wait_s,
				       json_t **ret)
{
	struct lsg_error *err;
	struct stat st;
	size_t len;
	char *buf;

	if (!strcmp(path, "-"))
		err = fileio_read_stream(stdin, INGEST_MAX_JSON, &buf, &len);
	else if (!stat(path, &st) && S_ISFIFO(st.st_mode))
		err = fileio_read_fifo(path, INGEST_MAX_JSON, wait_s * 1000,
				       &buf, &len);
	else if (is_vmcore(path))
		err = capture_vmcore(path, &buf, &len);
	else
		err = fileio_read_file(path, INGEST_MAX_JSON, &buf, &len);
	if (err)
		return err;
	err = analyze_bytes(rc, buf, len, ret);
	free(buf);
	return err;
}

static int cmd_analyze(int argc, char **argv)
{
	struct analysis_opts a = { .ndirs = 0 };
	struct report_ctx *rc;
	struct lsg_error *err;
	json_t *report = NULL;
	int c, as_json = 0, wait_s = 30;
	char *end;

	while ((c = getopt_long(argc, argv, "h", analyze_options, NULL)) != -1) {
		if (c == 'j') {
			as_json = 1;
		} else if (c == 'g') {
			if (add_debug_dir(&a, optarg))
				return 2;
		} else if (c == 'u') {
			a.debuginfod = optarg;
		} else if (c == 'w') {
			wait_s = (int)strtol(optarg, &end, 10);
			if (*end || wait_s <= 0 || wait_s > 86400) {
				analyze_usage(stderr);
				return 2;
			}
		} else {
			analyze_usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (optind != argc - 1) {
		analyze_usage(stderr);
		return 2;
	}
	err = analysis_ctx(&a, &rc);
	if (!err)
		err = analyze_input(rc, argv[optind], wait_s, &report);
	report_ctx_destroy(rc);
	if (err)
		return fail(err);
	if (as_json) {
		json_dumpf(report, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		report_print(report, stdout, isatty(STDOUT_FILENO));
	}
	json_decref(report);
	return 0;
}

/* ---- the table ---- */

struct command {
	const char *name;
	const char *args;	/* for the usage line */
	int (*run)(int argc, char **argv);	/* argv[0] is the name */
};

static const struct command commands[] = {
	{ "serve", "[--listen ADDR:PORT] [--db PATH] [--threads N] "
		   "[--workers N] [--max-bundle BYTES]", cmd_serve },
	{ "ingest", "FILE... [--db PATH]", cmd_ingest },
	{ "token", "add NAME [--db PATH]", cmd_token },
	{ "analyze", "FILE|- [--json] [--debug-dir DIR]...", cmd_analyze },
};

static void usage(FILE *f)
{
	fputs("usage:\n", f);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  logsage %s %s\n", commands[i].name,
			commands[i].args);
	fputs("\nlogsage COMMAND --help for more.\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "logsage: unknown command \"%s\"\n", argv[1]);
	usage(stderr);
	return 2;
}
