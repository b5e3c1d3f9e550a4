/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <time.h>

#include "garca/queue.h"
#include "garca/retrain.h"
#include "server/server.h"
#include "store/store.h"

#include "cli.h"

enum { MODEL_REFRESH_DEFAULT = 30 };

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
		"                     [--maintainers FILE]\n"
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
		"  --model-refresh S   look for a newer root-cause model every S\n"
		"                      seconds (default %d; `logsage train` makes one)\n"
		"  --retrain-every S   retrain every S seconds from the stored crashes\n"
		"                      and labels (and --corpus DIR) (default: never)\n"
		"  --maintainers FILE  a kernel MAINTAINERS file (default: per\n"
		"                      release, DIR/RELEASE/MAINTAINERS or\n"
		"                      DIR/MAINTAINERS under a --debug-dir)\n"
		"\n"
		"Agents need a token: logsage token add NAME --db PATH.\n",
		SERVER_LISTEN_DEFAULT, DB_DEFAULT, SERVER_THREADS_DEFAULT,
		SERVER_WORKERS_DEFAULT, SERVER_MAX_BUNDLE_DEFAULT,
		MODEL_REFRESH_DEFAULT);
}

static const struct option serve_options[] = {
	{ "listen", required_argument, NULL, 'l' },
	{ "db", required_argument, NULL, 'd' },
	{ "threads", required_argument, NULL, 't' },
	{ "workers", required_argument, NULL, 'w' },
	{ "max-bundle", required_argument, NULL, 'm' },
	{ "debug-dir", required_argument, NULL, 'g' },
	{ "debuginfod", required_argument, NULL, 'u' },
	{ "model-refresh", required_argument, NULL, 'R' },
	{ "retrain-every", required_argument, NULL, 'T' },
	{ "corpus", required_argument, NULL, 'c' },
	{ "maintainers", required_argument, NULL, 'M' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int serve_args(int argc, char **argv, struct server_config *cfg,
		      const char **db, struct analysis_opts *a,
		      struct model_keeper *k)
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
		case 'R':
			if (cli_parse_size(optarg, 1, 86400, &v))
				goto bad;
			k->refresh_s = (unsigned)v;
			break;
		case 'T':
			if (cli_parse_size(optarg, 60, 86400 * 30, &v))
				goto bad;
			k->retrain_s = (unsigned)v;
			break;
		case 'c':
			k->retrain.corpus = optarg;
			break;
		case 'M':
			a->maintainers = optarg;
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
		return cli_fail(err);
	fprintf(stderr, "logsage: listening on port %u\n", server_port(srv));
	sigwait(&set, &sig);
	fprintf(stderr, "logsage: %s, stopping\n", strsignal(sig));
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	struct server_config cfg = { .analyze = cli_analyze,
				     .label_queue = serve_label_queue };
	struct model_keeper k = { .refresh_s = MODEL_REFRESH_DEFAULT };
	struct analysis_opts a = { .ndirs = 0 };
	const char *db = DB_DEFAULT;
	struct report_ctx *rc = NULL;
	struct server *srv = NULL;
	struct store *s = NULL;
	struct lsg_error *err;
	int ret = 1;

	if (serve_args(argc, argv, &cfg, &db, &a, &k))
		return 2;
	err = store_open(db, &s);
	if (!err)
		err = cli_file_ctx(s, 1, &a.file);
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
		ret = serve_run(srv);
out:
	server_destroy(srv);
	/* What was learned since the last batch was saved. */
	if (!err && a.file)
		err = file_state_save(a.file, s);
	report_ctx_destroy(rc);
	keeper_stop(&k);
	file_ctx_destroy(a.file);
	store_close(s);
	return err ? cli_fail(err) : ret;
}
