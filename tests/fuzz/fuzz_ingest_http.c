/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the HTTP request path without sockets: server_handle() is what the
 * libmicrohttpd callbacks call, on a real SQLite store in a temporary
 * directory.  Input format:
 *	METHOD SP PATH [? QUERY] LF
 *	AUTH LF		'1': a valid token, '2': a wrong one, else none
 *	BODY		the rest
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/server.h"
#include "server/auth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_env {
	char dir[64];
	struct store *store;
	struct server *srv;
	char auth[AUTH_TOKEN_LEN + 16];
};

static struct fuzz_env env;

static json_t *fuzz_analyze(void *arg, const struct ingest_bundle *b,
			    struct lsg_error **err)
{
	json_t *r;

	(void)arg;
	r = json_pack("{s:s?,s:s,s:{s:s}}", "title",
		      ingest_member_str(b->crash, "comm"), "signature",
		      b->id, "root_cause", "class", "unknown");
	if (!r)
		*err = &lsg_enomem;
	return r;
}

static void env_fini(void)
{
	char cmd[128];

	server_destroy(env.srv);
	store_close(env.store);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", env.dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", env.dir);
}

static int env_init(void)
{
	struct server_config cfg = {
		.max_bundle = 1 << 20, .max_json = 4 << 20,
		.analyze = fuzz_analyze,
	};
	char path[128], tok[AUTH_TOKEN_LEN + 1];

	strcpy(env.dir, "/tmp/fuzz_ingest_http.XXXXXX");
	if (!mkdtemp(env.dir))
		return -1;
	snprintf(path, sizeof(path), "%s/db", env.dir);
	if (store_open(path, &env.store) || auth_add(env.store, "f", tok))
		return -1;
	snprintf(env.auth, sizeof(env.auth), "Bearer %s", tok);
	cfg.store = env.store;
	if (server_create(&cfg, &env.srv))
		return -1;
	atexit(env_fini);
	return 0;
}

/* Split "a=1&b&c=" into @args (pointers into @q, which is modified). */
static size_t split_query(char *q, struct server_arg *args)
{
	size_t n = 0;

	while (q && *q && n < SERVER_MAX_ARGS) {
		char *amp = strchr(q, '&'), *eq;

		if (amp)
			*amp++ = '\0';
		eq = strchr(q, '=');
		if (eq)
			*eq++ = '\0';
		args[n].key = q;
		args[n].value = eq;
		n++;
		q = amp;
	}
	return n;
}

static void run(char *line, char auth, const uint8_t *body, size_t len)
{
	struct server_arg args[SERVER_MAX_ARGS];
	struct server_request rq = { .body = body, .body_len = len };
	struct server_response r;
	char *sp = strchr(line, ' '), *q;

	if (!sp)
		return;
	*sp = '\0';
	rq.method = line;
	rq.path = sp + 1;
	q = strchr(sp + 1, '?');
	if (q)
		*q++ = '\0';
	rq.args = args;
	rq.nargs = split_query(q, args);
	rq.authorization = auth == '1' ? env.auth :
			   auth == '2' ? "Bearer nope" : NULL;
	server_handle(env.srv, &rq, &r);
	if (r.status < 200 || r.status > 599 || !r.body)
		abort();
	server_response_deinit(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl, *body;
	char line[512];
	size_t n;

	if (!env.srv && env_init())
		abort();
	nl = memchr(data, '\n', size);
	if (!nl || (size_t)(nl - data) >= sizeof(line))
		return 0;
	n = (size_t)(nl - data);
	memcpy(line, data, n);
	line[n] = '\0';
	if (memchr(line, '\0', n))
		return 0;
	body = nl + 1;
	n = size - (size_t)(body - data);
	if (n >= 2 && body[1] == '\n')
		run(line, (char)body[0], body + 2, n - 2);
	else
		run(line, 0, body, n);
	return 0;
}
