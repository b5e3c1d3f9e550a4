/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "garca/queue.h"
#include "garca/retrain.h"
#include "server/server.h"
#include "store/store.h"

#include "cli.h"

enum {
	MODEL_REFRESH_DEFAULT = 30,
	/* The connections, and room for the store's and debug info's files. */
	FILES_WANTED = SERVER_CONN_LIMIT + 1024,
};

/* The root-cause model: reloaded, and retrained, in the background. */
struct model_keeper {
	struct modelslot *slot;
	struct store *store;
	struct oops_ctx *oops;		/* for the label queue */
	struct file_ctx *file;		/* the report's FILE context */
	struct retrain_opts retrain;
	unsigned refresh_s, retrain_s;	/* 0: never retrain */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int stop, started;
};

static void serve_usage(FILE *f)
{
	fprintf(f,
		"usage: logsage serve [--listen ADDR:PORT] [--db PATH] [--threads N]\n"
		"                     [--workers N] [--max-bundle BYTES]\n"
		"                     [--debug-dir DIR]... [--debuginfod URLS]\n"
		"                     [--maintainers FILE] [--model-refresh S]\n"
		"                     [--retrain-every S [--corpus DIR]]\n"
		"                     [--tls-cert PEM --tls-key PEM]\n"
		"                     [--rate-limit N] [--max-conn-per-addr N]\n"
		"                     [--header-timeout S] [--body-timeout S]\n"
		"                     [--min-body-rate BYTES] [--conn-reserve N]\n"
		"                     [--retain-days N] [--max-db-bytes BYTES]\n"
		"                     [--open-metrics]\n"
		"\n"
		"  --listen ADDR:PORT  address to serve on (default %s;\n"
		"                      [ADDR6]:PORT for IPv6, port 0 picks one)\n"
		"  --db PATH           the store (default %s; sqlite:PATH,\n"
		"                      postgresql://USER@HOST/DB; this build has: %s)\n"
		"  --threads N         HTTP I/O threads (default %u: one per CPU)\n"
		"  --workers N         threads storing bundles (default %u: four\n"
		"                      per CPU)\n"
		"  --max-bundle BYTES  largest bundle accepted (default %zu)\n"
		"  --debug-dir DIR     debug info for symbolization (Debian -dbg\n"
		"                      layout or .build-id; repeatable;\n"
		"                      default /usr/lib/debug)\n"
		"  --debuginfod URLS   debuginfod servers to fetch vmlinux from\n"
		"  --model-refresh S   look for a newer root-cause model every S\n"
		"                      seconds (default %d; `logsage train` makes one)\n"
		"  --retrain-every S   retrain every S seconds from the stored crashes\n"
		"                      and labels (and --corpus DIR) (default: never)\n"
		"  --maintainers FILE  a kernel MAINTAINERS file (default: per\n"
		"                      release, DIR/RELEASE/MAINTAINERS or\n"
		"                      DIR/MAINTAINERS under a --debug-dir)\n"
		"  --tls-cert PEM      serve HTTPS with this certificate chain;\n"
		"  --tls-key PEM       and this key (SIGHUP reads both again)\n"
		"  --rate-limit N      uploads a second per token, then 429 with\n"
		"                      Retry-After (default: no limit)\n"
		"  --max-conn-per-addr N  connections from one address (default %d;\n"
		"                      behind a load balancer, raise it)\n"
		"  --header-timeout S  a request's headers must arrive within S\n"
		"                      seconds of the connection or of the answer\n"
		"                      before (default %d)\n"
		"  --body-timeout S    a body within S seconds and one more per\n"
		"  --min-body-rate BYTES  BYTES received (default %d s, %d bytes)\n"
		"  --conn-reserve N    of the %d connections, N are kept for\n"
		"                      authenticated clients: past the rest, the\n"
		"                      oldest unauthenticated request still coming in\n"
		"                      is closed (default %d; 0: none)\n"
		"  --retain-days N     drop the bytes of bundles older than N days\n"
		"  --max-db-bytes BYTES  drop the bytes of the oldest bundles past\n"
		"                      this total (crashes, reports and groups stay)\n"
		"  --open-metrics      serve /metrics without a token (for a\n"
		"                      local Prometheus); else an operator token\n"
		"\n"
		"Agents need a token: logsage token add NAME --db PATH; operators\n"
		"(the API, and the web UI at /) one with --role operator.\n",
		SERVER_LISTEN_DEFAULT, DB_DEFAULT, store_backends(),
		server_default_threads(),
		server_default_workers(), SERVER_MAX_BUNDLE_DEFAULT,
		MODEL_REFRESH_DEFAULT, SERVER_PER_ADDR_DEFAULT,
		SERVER_HEADER_TIMEOUT_DEFAULT, SERVER_BODY_TIMEOUT_DEFAULT,
		SERVER_MIN_BODY_RATE_DEFAULT, SERVER_CONN_LIMIT,
		SERVER_RESERVE_DEFAULT);
}

static const struct option serve_options[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "db", required_argument, NULL, 'd' },
	{ "threads", required_argument, NULL, 't' },
	{ "workers", required_argument, NULL, 'w' },
	{ "max-bundle", required_argument, NULL, 'm' },
	{ "debug-dir", required_argument, NULL, 'g' },
	{ "debuginfod", required_argument, NULL, 'u' },
	{ "model-refresh", required_argument, NULL, 'F' },
	{ "retrain-every", required_argument, NULL, 'T' },
	{ "corpus", required_argument, NULL, 'C' },
	{ "maintainers", required_argument, NULL, 'M' },
	{ "tls-cert", required_argument, NULL, 'c' },
	{ "tls-key", required_argument, NULL, 'k' },
	{ "rate-limit", required_argument, NULL, 'r' },
	{ "max-conn-per-addr", required_argument, NULL, 'a' },
	{ "header-timeout", required_argument, NULL, 'H' },
	{ "body-timeout", required_argument, NULL, 'D' },
	{ "min-body-rate", required_argument, NULL, 'E' },
	{ "conn-reserve", required_argument, NULL, 'v' },
	{ "retain-days", required_argument, NULL, 'R' },
	{ "max-db-bytes", required_argument, NULL, 'B' },
	{ "open-metrics", no_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Retention, applied at start and every RETENTION_PERIOD seconds. */
struct retention {
	unsigned long long days, max_bytes;	/* 0: no bound */
};

enum {
	RETENTION_PERIOD = 60,
	FILE_SAVE_PERIOD = 5,	/* seconds between saves of FILE's learning */
};

static int serve_args(int argc, char **argv, struct server_config *cfg,
		      const char **db, struct analysis_opts *a,
		      struct retention *keep, struct model_keeper *k)
{
	unsigned long long v;
	int c;

	while ((c = getopt_long(argc, argv, "h", serve_options, NULL)) != -1) {
		switch (c) {
		case 'l': cfg->listen = optarg; break;
		case 'd': *db = optarg; break;
		case 't':
			if (cli_parse_size(optarg, 1, 256, &v))
				goto bad;
			cfg->threads = (unsigned)v;
			break;
		case 'w':
			if (cli_parse_size(optarg, 1, 1024, &v))
				goto bad;
			cfg->workers = (unsigned)v;
			break;
		case 'm':
			if (cli_parse_size(optarg, 1024, 1ull << 30, &v))
				goto bad;
			cfg->max_bundle = (size_t)v;
			break;
		case 'g':
			if (cli_add_debug_dir(a, optarg))
				goto bad;
			break;
		case 'u':
			a->debuginfod = optarg;
			break;
		case 'F':
			if (cli_parse_size(optarg, 1, 86400, &v))
				goto bad;
			k->refresh_s = (unsigned)v;
			break;
		case 'T':
			if (cli_parse_size(optarg, 60, 86400 * 30, &v))
				goto bad;
			k->retrain_s = (unsigned)v;
			break;
		case 'C':
			k->retrain.corpus = optarg;
			break;
		case 'M':
			a->maintainers = optarg;
			break;
		case 'c': cfg->tls_cert = optarg; break;
		case 'k': cfg->tls_key = optarg; break;
		case 'r':
			if (cli_parse_size(optarg, 1, 1000000, &v))
				goto bad;
			cfg->rate_limit = (double)v;
			break;
		case 'a':
			if (cli_parse_size(optarg, 1, 1024, &v))
				goto bad;
			cfg->max_conn_per_addr = (unsigned)v;
			break;
		case 'H':
			if (cli_parse_size(optarg, 1, 3600, &v))
				goto bad;
			cfg->header_timeout = (unsigned)v;
			break;
		case 'D':
			if (cli_parse_size(optarg, 1, 3600, &v))
				goto bad;
			cfg->body_timeout = (unsigned)v;
			break;
		case 'E':
			if (cli_parse_size(optarg, 1, 1u << 30, &v))
				goto bad;
			cfg->min_body_rate = (unsigned)v;
			break;
		case 'v':
			if (cli_parse_size(optarg, 0, SERVER_CONN_LIMIT / 2, &v))
				goto bad;
			cfg->conn_reserve = (unsigned)v;
			break;
		case 'R':
			if (cli_parse_size(optarg, 1, 100000, &keep->days))
				goto bad;
			break;
		case 'B':
			if (cli_parse_size(optarg, 1, 1ull << 62,
					   &keep->max_bytes))
				goto bad;
			break;
		case 'o':
			cfg->metrics_open = 1;
			break;
		case 'h':
			serve_usage(stdout);
			exit(0);
		default:
			goto bad;
		}
	}
	if (!cfg->tls_cert != !cfg->tls_key) {
		fprintf(stderr, "logsage serve: --tls-cert and --tls-key go together\n");
		goto bad;
	}
	if (optind == argc)
		return 0;
bad:
	serve_usage(stderr);
	return -1;
}

static json_t *serve_label_queue(void *arg, unsigned limit,
				 struct lsg_error **err)
{
	struct model_keeper *k = arg;
	json_t *q = NULL;

	*err = queue_build(k->slot, k->store, k->oops, k->file, limit, &q);
	return *err ? NULL : q;
}

static void keeper_tick(struct model_keeper *k, time_t *last_train)
{
	struct retrain_result r;
	struct lsg_error *err = NULL;
	int changed;

	if (k->retrain_s && time(NULL) - *last_train >= k->retrain_s) {
		*last_train = time(NULL);
		err = retrain_run(&k->retrain, k->store, &r);
		if (!err)
			fprintf(stderr, "logsage: retrained: model version %lld, %zu labeled stored crashes\n",
				(long long)r.version, r.stored_labeled);
	}
	if (!err)
		err = modelslot_refresh(k->slot, k->store, &changed);
	if (err) {
		lsg_error_print(err, "logsage: model", stderr);
		lsg_error_destroy(err);
	} else if (changed) {
		fprintf(stderr, "logsage: root-cause model version %lld loaded\n",
			(long long)modelslot_version(k->slot));
	}
}

static void *keeper_run(void *arg)
{
	struct model_keeper *k = arg;
	time_t last_train = time(NULL);

	pthread_mutex_lock(&k->lock);
	while (!k->stop) {
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += k->refresh_s;
		pthread_cond_timedwait(&k->cond, &k->lock, &until);
		if (k->stop)
			break;
		pthread_mutex_unlock(&k->lock);
		keeper_tick(k, &last_train);
		pthread_mutex_lock(&k->lock);
	}
	pthread_mutex_unlock(&k->lock);
	return NULL;
}

static struct lsg_error *keeper_start(struct model_keeper *k,
				      struct store *s)
{
	struct lsg_error *err;
	sigset_t all, old;
	int rc;

	k->store = s;
	garca_hparams_default(&k->retrain.h);
	err = cli_model_load(s, &k->slot);
	if (!err)
		err = oops_ctx_create(&k->oops);
	if (err)
		return err;
	pthread_mutex_init(&k->lock, NULL);
	pthread_cond_init(&k->cond, NULL);
	/* signals are for serve_run()'s sigwait(), not this thread */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&k->thread, NULL, keeper_run, k);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc)
		return lsg_error_create(LSG_ERR_OS, "model thread");
	k->started = 1;
	return NULL;
}

static void keeper_stop(struct model_keeper *k)
{
	if (k->started) {
		pthread_mutex_lock(&k->lock);
		k->stop = 1;
		pthread_cond_signal(&k->cond);
		pthread_mutex_unlock(&k->lock);
		pthread_join(k->thread, NULL);
		pthread_mutex_destroy(&k->lock);
		pthread_cond_destroy(&k->cond);
	}
	oops_ctx_destroy(k->oops);
	modelslot_destroy(k->slot);
}

static void retention_run(struct store *s, const struct retention *keep)
{
	struct lsg_error *err;
	uint64_t n = 0;

	if (!keep->days && !keep->max_bytes)
		return;
	err = store_prune(s, keep->days ? (int64_t)time(NULL) -
			  (int64_t)keep->days * 86400 : STORE_TIME_NONE,
			  keep->max_bytes, &n);
	if (err)
		lsg_error_print(err, "logsage: retention", stderr);
	else if (n)
		fprintf(stderr, "logsage: retention: dropped the bytes of %llu bundles\n",
			(unsigned long long)n);
	lsg_error_destroy(err);
}

static void reload_tls(struct server *srv)
{
	struct lsg_error *err = server_reload_tls(srv);

	if (err)
		lsg_error_print(err, "logsage: reload, keeping the old certificate",
				stderr);
	else
		fprintf(stderr, "logsage: reloaded the TLS certificate\n");
	lsg_error_destroy(err);
}

/*
 * systemd's default soft limit of 1,024 descriptors is less than the
 * server's connections and files: take what the hard limit allows (nothing
 * here uses select(), which cannot see past 1,023).
 */
static void raise_file_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur >= FILES_WANTED)
		return;
	if (rl.rlim_max >= FILES_WANTED) {
		rl.rlim_cur = FILES_WANTED;
		if (!setrlimit(RLIMIT_NOFILE, &rl))
			return;
	}
	fprintf(stderr, "logsage serve: open files limited to %llu: fewer than %d connections may fit\n",
		(unsigned long long)rl.rlim_cur, SERVER_CONN_LIMIT);
}

/*
 * FILE's learning, saved from here rather than by the request that crosses
 * a count: a save reads, merges and writes the store with an fsync (tens of
 * ms), which would land on every 64th upload's latency.  At most
 * FILE_SAVE_PERIOD seconds of learning are lost to a kill -9; the crashes
 * and reports themselves are committed before their 201.
 */
static void save_learning(struct file_ctx *file, struct store *s,
			  uint64_t *saved_docs)
{
	struct lsg_error *err;
	size_t templates;
	uint64_t docs;

	file_stats(file, &templates, &docs);
	if (docs == *saved_docs)
		return;
	err = file_state_save(file, s);
	if (err) {
		lsg_error_print(err, "logsage: FILE", stderr);
		lsg_error_destroy(err);
		return;
	}
	file_stats(file, &templates, saved_docs);
}

/*
 * Serve until SIGINT or SIGTERM; SIGHUP reloads the TLS certificate.
 * Between signals, FILE's learning is saved and retention runs.
 */
static int serve_run(struct server *srv, struct store *s,
		     struct file_ctx *file, const struct retention *keep)
{
	const struct timespec period = { .tv_sec = FILE_SAVE_PERIOD };
	time_t retained = 0;
	uint64_t saved_docs;
	struct lsg_error *err;
	size_t templates;
	sigset_t set;
	int sig;

	/* Blocked before the pool starts, so only sigtimedwait() sees them. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	raise_file_limit();
	file_stats(file, &templates, &saved_docs);
	err = server_start(srv);
	if (err)
		return cli_fail(err);
	fprintf(stderr, "logsage: listening on port %u\n", server_port(srv));
	for (;;) {
		if (time(NULL) - retained >= RETENTION_PERIOD) {
			retention_run(s, keep);
			retained = time(NULL);
		}
		sig = sigtimedwait(&set, NULL, &period);
		if (sig == SIGHUP)
			reload_tls(srv);
		else if (sig > 0)
			break;
		save_learning(file, s, &saved_docs);
	}
	fprintf(stderr, "logsage: %s, stopping\n", strsignal(sig));
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct server_config cfg = { .analyze = cli_analyze,
				     .label_queue = serve_label_queue,
				     .conn_reserve = SERVER_RESERVE_DEFAULT };
	struct model_keeper k = { .refresh_s = MODEL_REFRESH_DEFAULT };
	struct analysis_opts a = { .ndirs = 0 };
	struct retention keep = { 0, 0 };
	const char *db = DB_DEFAULT;
	struct report_ctx *rc = NULL;
	struct server *srv = NULL;
	struct store *s = NULL;
	struct lsg_error *err;
	int ret = 1;

	if (serve_args(argc, argv, &cfg, &db, &a, &keep, &k))
		return 2;
	err = store_open(db, &s);
	if (!err)
		err = cli_file_ctx(s, CLI_FILE_ONLINE_UNSAVED, &a.file);
	k.file = a.file;
	if (!err)
		err = keeper_start(&k, s);
	a.model = k.slot;
	if (!err)
		err = cli_analysis_ctx(&a, &rc);
	if (err)
		goto out;
	cfg.store = s;
	cfg.label_queue_arg = &k;
	cfg.analyze_arg = rc;
	cfg.learn = cli_learn;
	cfg.learn_arg = a.file;
	err = server_create(&cfg, &srv);
	if (!err)
		ret = serve_run(srv, s, a.file, &keep);
out:
	server_destroy(srv);
	/* What was learned since the last save. */
	if (!err && a.file)
		err = file_state_save(a.file, s);
	report_ctx_destroy(rc);
	keeper_stop(&k);
	file_ctx_destroy(a.file);
	store_close(s);
	return err ? cli_fail(err) : ret;
}
