/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The web UI without a browser: sign-in, sessions, CSRF, labels by form
 * and the crash page, through server_handle() on a real store holding
 * the real committed bundle.  tests/sh/web.sh does it in Chromium.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "server/auth.h"
#include "server/server.h"
#include "web/web.h"

#define REAL_BUNDLE "tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst"
#define REAL_ID "125c8dd23fd76995057dad70cd3ac011de34aa41121ddb5f343173aae90d2785"

struct fixture {
	struct store *store;
	struct server *srv;
	char agent[AUTH_TOKEN_LEN + 1], op[AUTH_TOKEN_LEN + 1];
	char cookie[AUTH_TOKEN_LEN + 32];	/* "logsage_session=..." */
};

/* The analysis: a title with markup, as a hostile log could make one. */
static json_t *test_analyze(void *arg, const struct ingest_bundle *b,
			    struct lsg_error **err)
{
	(void)arg;
	(void)err;
	(void)b;
	return json_pack("{s:s,s:s,s:[]}", "title",
			 "<script>alert(1)</script> in \"x\"", "signature",
			 "0123456789abcdef0123456789abcdef", "events");
}

static unsigned req(struct fixture *fx, const char *method, const char *path,
		    const char *cookie, const char *body,
		    struct server_response *ret)
{
	struct server_request rq = {
		.method = method, .path = path, .cookie = cookie,
		.body = body, .body_len = body ? strlen(body) : 0,
	};

	server_handle(fx->srv, &rq, ret);
	return ret->status;
}

static int has(const struct server_response *r, const char *s)
{
	return r->body && memmem(r->body, r->len, s, strlen(s)) != NULL;
}

static void test_signin(struct fixture *fx)
{
	static const struct server_arg args[] = {
		{ "host", "a b" }, { "title", "BUG:" },
	};
	struct server_request rq = { .method = "GET", .path = "/crashes" };
	struct server_response r;
	char body[256];

	CHECK(req(fx, "GET", "/labels", NULL, NULL, &r) == 303);
	CHECK_STR(r.location, "/login?next=/labels");
	server_response_deinit(&r);
	/* The query comes back after sign-in, each value still encoded. */
	rq.args = args;
	rq.nargs = 2;
	server_handle(fx->srv, &rq, &r);
	CHECK_STR(r.location,
		  "/login?next=/crashes%3Fhost%3Da%2520b%26title%3DBUG%253A");
	server_response_deinit(&r);
	CHECK(req(fx, "GET", "/login", NULL, NULL, &r) == 200);
	CHECK(r.page && has(&r, "type=\"password\" name=\"token\""));
	server_response_deinit(&r);
	snprintf(body, sizeof(body), "token=%s&next=%%2Flabels", fx->agent);
	CHECK(req(fx, "POST", "/login", NULL, body, &r) == 403);
	CHECK(!r.set_cookie[0] && has(&r, "agent token"));
	server_response_deinit(&r);
	CHECK(req(fx, "POST", "/login", NULL, "token=nope", &r) == 401);
	CHECK(!r.set_cookie[0]);
	server_response_deinit(&r);
	/* An address elsewhere is never where sign-in sends one back. */
	snprintf(body, sizeof(body), "token=%s&next=%%2F%%2Fevil.example",
		 fx->op);
	CHECK(req(fx, "POST", "/login", NULL, body, &r) == 303);
	CHECK_STR(r.location, "/");
	CHECK(strstr(r.set_cookie, "; HttpOnly; SameSite=Strict") != NULL);
	/* Plain HTTP here: Secure only when the server speaks TLS (tls.sh). */
	CHECK(!strstr(r.set_cookie, "Secure"));
	snprintf(fx->cookie, sizeof(fx->cookie), "%.*s",
		 (int)strcspn(r.set_cookie, ";"), r.set_cookie);
	server_response_deinit(&r);
}

static void test_pages(struct fixture *fx)
{
	static const char *const paths[] = {
		"/", "/crashes", "/crashes/" REAL_ID, "/labels",
		"/groups/0123456789abcdef0123456789abcdef",
	};
	struct server_response r;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		CHECK(req(fx, "GET", paths[i], fx->cookie, NULL, &r) == 200);
		CHECK(r.page && has(&r, "&lt;script&gt;alert(1)&lt;/script&gt;"));
		CHECK(!has(&r, "<script>"));
		server_response_deinit(&r);
	}
	CHECK(req(fx, "GET", "/crashes/" REAL_ID, fx->cookie, NULL, &r) == 200);
	CHECK(has(&r, "sysrq: Trigger a crash"));
	CHECK(has(&r, "id=\"regs\""));
	server_response_deinit(&r);
	CHECK(req(fx, "GET", "/crashes/" REAL_ID "/bundle", fx->cookie, NULL,
		  &r) == 200);
	CHECK_STR(r.content_type, "application/zstd");
	CHECK_STR(r.filename, REAL_ID ".bundle");
	server_response_deinit(&r);
	CHECK(req(fx, "GET", "/groups/zz", fx->cookie, NULL, &r) == 404);
	server_response_deinit(&r);
	CHECK(req(fx, "GET", "/assets/style.css", NULL, NULL, &r) == 200);
	CHECK(has(&r, "font"));
	server_response_deinit(&r);
}

static void test_label_form(struct fixture *fx)
{
	struct store_session sess;
	struct server_response r;
	json_t *c = NULL;
	char body[256];
	int found = 0;

	CHECK(!auth_session_find(fx->store, fx->cookie, &sess, &found));
	CHECK(found);
	CHECK(req(fx, "POST", "/crashes/" REAL_ID "/label", fx->cookie,
		  "class=oom", &r) == 403);
	server_response_deinit(&r);
	snprintf(body, sizeof(body), "class=gremlins&csrf=%s", sess.csrf);
	CHECK(req(fx, "POST", "/crashes/" REAL_ID "/label", fx->cookie, body,
		  &r) == 400);
	server_response_deinit(&r);
	snprintf(body, sizeof(body), "class=hw-cpu&next=%%2Flabels&csrf=%s",
		 sess.csrf);
	CHECK(req(fx, "POST", "/crashes/" REAL_ID "/label", fx->cookie, body,
		  &r) == 303);
	CHECK_STR(r.location, "/labels");
	server_response_deinit(&r);
	CHECK(!store_get(fx->store, REAL_ID, &c));
	CHECK_STR(json_string_value(json_object_get(c, "label")), "hw-cpu");
	json_decref(c);
	/* Sign-out: the cookie is cleared and the session is gone. */
	snprintf(body, sizeof(body), "csrf=%s", sess.csrf);
	CHECK(req(fx, "POST", "/logout", fx->cookie, body, &r) == 303);
	CHECK(strstr(r.set_cookie, "Max-Age=0") != NULL);
	server_response_deinit(&r);
	CHECK(req(fx, "GET", "/", fx->cookie, NULL, &r) == 303);
	server_response_deinit(&r);
}

static void test_form_values(void)
{
	static const char form[] = "a=1&token=x%2By+z&next=%2F&bad=%4&nul=%00";
	char v[8];

	CHECK(!web_form_value(form, strlen(form), "token", v, sizeof(v)));
	CHECK_STR(v, "x+y z");
	CHECK(web_form_value(form, strlen(form), "bad", v, sizeof(v)));
	CHECK(web_form_value(form, strlen(form), "nul", v, sizeof(v)));
	CHECK(web_form_value(form, strlen(form), "tok", v, sizeof(v)));
	CHECK(web_form_value("k=123456789", 11, "k", v, sizeof(v)));
	CHECK(web_local_path("/crashes?host=a"));
	CHECK(!web_local_path("//evil.example"));
	CHECK(!web_local_path("/\\evil.example"));
	CHECK(!web_local_path("https://evil.example"));
}

static int setup(struct fixture *fx, const char *dir)
{
	struct server_config cfg = { .analyze = test_analyze };
	static char buf[65536];
	struct server_request rq = {
		.method = "POST", .path = "/api/v1/bundles", .body = buf,
	};
	char path[256], auth[AUTH_TOKEN_LEN + 16];
	FILE *f = fopen(REAL_BUNDLE, "rb");
	struct server_response r;
	unsigned status;
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (store_open(path, &fx->store) ||
	    auth_add(fx->store, "a", STORE_ROLE_AGENT, fx->agent) ||
	    auth_add(fx->store, "o", STORE_ROLE_OPERATOR, fx->op))
		return -1;
	cfg.store = fx->store;
	if (server_create(&cfg, &fx->srv))
		return -1;
	snprintf(auth, sizeof(auth), "Bearer %s", fx->agent);
	rq.authorization = auth;
	rq.body_len = n;
	server_handle(fx->srv, &rq, &r);
	status = r.status;
	server_response_deinit(&r);
	return status == 201 ? 0 : -1;
}

int main(void)
{
	char dir[] = "/tmp/test_web.XXXXXX", cmd[128];
	static struct fixture fx;

	if (!mkdtemp(dir))
		return test_skip("no temporary directory");
	if (setup(&fx, dir)) {
		fprintf(stderr, "setup failed\n");
		return TEST_FAIL;
	}
	test_form_values();
	test_signin(&fx);
	test_pages(&fx);
	test_label_form(&fx);
	server_destroy(fx.srv);
	store_close(fx.store);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", dir);
	return test_exit();
}
