/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Ingest load generator for tests/bench/ingest.sh: CLIENTS threads, each
 * with its own keep-alive libcurl handle, POST distinct bundles made up
 * front from one real bundle (its id rewritten, then recompressed with zstd
 * level 1 as the agent does), and report bundles/s and latency percentiles.
 *
 *	ingest_client URL[,URL...] TOKEN BUNDLE[,BUNDLE...] COUNT CLIENTS
 *
 * Several URLs (analyzers sharing one database) take the clients in turn;
 * several bundles (different crashes) are posted in turn.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <zstd.h>

struct body {
	void *data;
	size_t len;
};

struct bench {
	char *urls[16];
	unsigned nurls;
	char auth[128];
	struct body *bodies;
	double *lat_ms;
	unsigned count, next, ok, dup, failed;
	unsigned nlogs;		/* different bundles posted in turn */
	size_t bytes;		/* of all the bodies */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(*len);
	if (buf && fread(buf, 1, *len, f) != *len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* A bundle's JSON (caller frees), and where its id's hex digits start. */
static char *bundle_json(const char *path, size_t *len, size_t *id_at)
{
	size_t zlen, cap = 64 << 20;
	char *z = read_file(path, &zlen), *plain = malloc(cap), *id;

	if (!z || !plain)
		goto fail;
	*len = ZSTD_decompress(plain, cap, z, zlen);
	if (ZSTD_isError(*len) || !(id = strstr(plain, "\"id\":\"")))
		goto fail;
	free(z);
	*id_at = (size_t)(id - plain) + 6;
	return plain;
fail:
	fprintf(stderr, "ingest_client: %s: not a bundle\n", path);
	free(z);
	free(plain);
	return NULL;
}

/* One log's share of the COUNT bodies: every nlogs-th, from @first. */
static int add_bodies(struct bench *b, const char *path, unsigned first)
{
	size_t plen, at;
	char *plain = bundle_json(path, &plen, &at);

	if (!plain)
		return -1;
	for (unsigned i = first; i < b->count; i += b->nlogs) {
		size_t bound = ZSTD_compressBound(plen);
		char hex[65];

		snprintf(hex, sizeof(hex), "%016x%048x", 0xbe7c4u, i);
		memcpy(plain + at, hex, 64);
		b->bodies[i].data = malloc(bound);
		b->bodies[i].len = ZSTD_compress(b->bodies[i].data, bound,
						 plain, plen, 1);
		b->bytes += b->bodies[i].len;
	}
	free(plain);
	return 0;
}

/*
 * COUNT bodies from the bundles in @paths (comma-separated) in turn, each
 * with its own id, compressed as the agent does.
 */
static int make_bodies(struct bench *b, char *paths)
{
	char *save = NULL, **list = calloc(strlen(paths) / 2 + 1,
					   sizeof(*list));
	int ret = 0;

	b->bodies = calloc(b->count, sizeof(*b->bodies));
	if (!b->bodies || !list)
		return -1;
	for (char *p = strtok_r(paths, ",", &save); p;
	     p = strtok_r(NULL, ",", &save))
		list[b->nlogs++] = p;
	for (unsigned k = 0; !ret && k < b->nlogs; k++)
		ret = add_bodies(b, list[k], k);
	free(list);
	return b->nlogs ? ret : -1;
}

static size_t discard(char *p, size_t size, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return size * n;
}

struct client_arg {
	struct bench *b;
	unsigned n;		/* the client's number */
};

static void *client(void *arg)
{
	const struct client_arg *a = arg;
	struct bench *b = a->b;
	struct curl_slist *h = curl_slist_append(NULL, b->auth);
	CURL *c = curl_easy_init();

	h = curl_slist_append(h, "Expect:");
	curl_easy_setopt(c, CURLOPT_URL, b->urls[a->n % b->nurls]);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	for (;;) {
		unsigned i = __atomic_fetch_add(&b->next, 1, __ATOMIC_RELAXED);
		long code = 0;
		double t0;

		if (i >= b->count)
			break;
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, b->bodies[i].data);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
				 (curl_off_t)b->bodies[i].len);
		t0 = now_s();
		if (curl_easy_perform(c) == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		b->lat_ms[i] = (now_s() - t0) * 1e3;
		__atomic_fetch_add(code == 201 ? &b->ok : code == 200 ?
				   &b->dup : &b->failed, 1, __ATOMIC_RELAXED);
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(h);
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct bench b = { 0 };
	struct client_arg *args;
	char *save = NULL;
	pthread_t *t;
	unsigned clients;
	double t0, secs;

	if (argc != 6) {
		fprintf(stderr, "usage: ingest_client URL[,URL...] TOKEN BUNDLE[,BUNDLE...] COUNT CLIENTS\n");
		return 2;
	}
	for (char *u = strtok_r(argv[1], ",", &save); u && b.nurls < 16;
	     u = strtok_r(NULL, ",", &save))
		b.urls[b.nurls++] = u;
	snprintf(b.auth, sizeof(b.auth), "Authorization: Bearer %s", argv[2]);
	b.count = (unsigned)atoi(argv[4]);
	clients = (unsigned)atoi(argv[5]);
	if (!b.count || !clients || make_bodies(&b, argv[3])) {
		fprintf(stderr, "ingest_client: cannot prepare bundles\n");
		return 1;
	}
	b.lat_ms = calloc(b.count, sizeof(double));
	t = calloc(clients, sizeof(*t));
	args = calloc(clients, sizeof(*args));
	curl_global_init(CURL_GLOBAL_DEFAULT);
	t0 = now_s();
	for (unsigned i = 0; i < clients; i++) {
		args[i] = (struct client_arg){ .b = &b, .n = i };
		pthread_create(&t[i], NULL, client, &args[i]);
	}
	for (unsigned i = 0; i < clients; i++)
		pthread_join(t[i], NULL);
	secs = now_s() - t0;
	qsort(b.lat_ms, b.count, sizeof(double), cmp_double);
	printf("bundles %u (%zu bytes on average, %u different logs), clients %u on %u analyzer(s), %.2f s\n",
	       b.count, b.bytes / b.count, b.nlogs, clients, b.nurls, secs);
	printf("201 %u, 200 %u, failed %u\n", b.ok, b.dup, b.failed);
	printf("throughput %.0f bundles/s\n", b.count / secs);
	printf("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
	       b.lat_ms[b.count / 2], b.lat_ms[b.count * 9 / 10],
	       b.lat_ms[b.count * 99 / 100], b.lat_ms[b.count - 1]);
	curl_global_cleanup();
	return b.failed ? 1 : 0;
}
