/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage: the analyzer's command line.  Each subcommand is one entry of
 * the commands[] table below.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"
#include "server.h"
#include "store.h"
#include "token.h"

#define DB_DEFAULT "logsage.db"

/*
 * PLACEHOLDER ANALYSIS.  The real one (parser, symbolizer, FILE, GARCA) is
 * plugged in here when it lands; until then every report has the shape of
 * DESIGN §6 with nothing found: no title, class "unknown", no signature
 * (so nothing is grouped), and the bundle's kernel and host copied in.
 * "analyzer": "placeholder" marks such reports for re-analysis later.
 */
static json_t *placeholder_analyze(void *arg, const struct ingest_bundle *b,
				   struct lsg_error **err)
{
	json_t *r;

	(void)arg;
	r = json_pack("{s:s,s:n,s:b,s:n,s:n,s:{s:s,s:f,s:[]},s:[],s:n,s:[],"
		      "s:O,s:O,s:{}}",
		      "analyzer", "placeholder", "title", "corrupted", 0,
		      "guilty_file", "signature", "root_cause", "class",
		      "unknown", "confidence", 0.0, "evidence", "fault_lines",
		      "summary", "events", "kernel", b->kernel, "host", b->host,
		      "timings_ms");
	if (!r)
		*err = &lsg_enomem;
	return r;
}

static server_analyze_fn *const analyze = placeholder_analyze;

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
		"\n"
		"  --listen ADDR:PORT  address to serve on (default %s;\n"
		"                      [ADDR6]:PORT for IPv6, port 0 picks one)\n"
		"  --db PATH           the store (default %s; sqlite:PATH)\n"
		"  --threads N         HTTP I/O threads (default %d)\n"
		"  --workers N         threads storing bundles (default %d)\n"
		"  --max-bundle BYTES  largest bundle accepted (default %zu)\n"
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
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int serve_args(int argc, char **argv, struct server_config *cfg,
		      const char **db)
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
	const char *db = DB_DEFAULT;
	struct lsg_error *err;
	struct server *srv;
	struct store *s;
	int ret;

	if (serve_args(argc, argv, &cfg, &db))
		return 2;
	err = store_open(db, &s);
	if (err)
		return fail(err);
	cfg.store = s;
	err = server_create(&cfg, &srv);
	if (err) {
		store_close(s);
		return fail(err);
	}
	ret = serve_run(srv);
	server_destroy(srv);
	store_close(s);
	return ret;
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

static struct lsg_error *read_file(const char *path, size_t max, char **ret,
				   size_t *ret_len)
{
	FILE *f = fopen(path, "rb");
	size_t len = 0, cap = 1 << 16;
	char *buf = malloc(cap);
	struct lsg_error *err = NULL;

	if (!f || !buf) {
		err = f ? &lsg_enomem : lsg_error_os(errno, "%s", path);
		goto out;
	}
	for (;;) {
		size_t n = fread(buf + len, 1, cap - len, f);

		len += n;
		if (len < cap)
			break;
		if (cap > max) {
			err = lsg_error_create(LSG_ERR_LIMIT,
					       "%s: larger than %zu bytes",
					       path, max);
			goto out;
		}
		buf = realloc(buf, cap * 2);
		if (!buf) {
			err = &lsg_enomem;
			goto out;
		}
		cap *= 2;
	}
	if (ferror(f))
		err = lsg_error_os(EIO, "%s", path);
out:
	if (f)
		fclose(f);
	if (err) {
		free(buf);
		return err;
	}
	*ret = buf;
	*ret_len = len;
	return NULL;
}

static struct lsg_error *ingest_one(struct store *s, const char *path)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	json_t *report;
	size_t len;
	char *buf;
	int dup;

	err = read_file(path, INGEST_MAX_JSON, &buf, &len);
	if (err)
		return err;
	err = ingest_decode(buf, len, NULL, &why, &b);
	if (err) {
		free(buf);
		return lsg_error_wrap(err, "%s: rejected (%s)", path,
				      ingest_reason_name(why));
	}
	report = analyze(NULL, &b, &err);
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
	const char *db = DB_DEFAULT;
	struct lsg_error *err;
	struct store *s;
	int ret = 0;

	if (db_args(argc, argv, &db, ingest_usage))
		return 2;
	if (optind == argc) {
		ingest_usage(stderr);
		return 2;
	}
	err = store_open(db, &s);
	if (err)
		return fail(err);
	for (int i = optind; i < argc; i++) {
		err = ingest_one(s, argv[i]);
		if (err)
			ret = fail(err);
	}
	store_close(s);
	return ret;
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
	/*
	 * Analysis commands go below, one entry each, e.g.
	 *	{ "analyze", "FILE|- [--json]", cmd_analyze },
	 * with cmd_analyze(argc, argv) defined above the table.
	 */
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
