/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The service's counters, and /metrics in Prometheus' text format.
 */
#include <stdio.h>
#include <time.h>

#include "server_internal.h"
#include "conntrack.h"

static const unsigned statuses[] = {
	200, 201, 400, 401, 404, 405, 413, 429, 500, 503,
};

_Static_assert(sizeof(statuses) / sizeof(statuses[0]) + 1 == SERVER_NSTATUS,
	       "SERVER_NSTATUS");

/* Upper bounds of the ingest latency histogram, in microseconds. */
static const uint64_t latency_le_us[] = {
	1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000,
	1000000, 2500000,
};

_Static_assert(sizeof(latency_le_us) / sizeof(latency_le_us[0]) ==
	       SERVER_NBUCKETS, "SERVER_NBUCKETS");

void metrics_bump(uint64_t *counter, uint64_t n)
{
	__atomic_fetch_add(counter, n, __ATOMIC_RELAXED);
}

uint64_t metrics_load(const uint64_t *counter)
{
	return __atomic_load_n(counter, __ATOMIC_RELAXED);
}

uint64_t metrics_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static unsigned status_index(unsigned status)
{
	for (unsigned i = 0; i < SERVER_NSTATUS - 1; i++)
		if (statuses[i] == status)
			return i;
	return SERVER_NSTATUS - 1;
}

void metrics_count_request(struct server *srv, int route, unsigned status)
{
	metrics_bump(&srv->m.requests[route][status_index(status)], 1);
}

void metrics_count_latency(struct server *srv, uint64_t start_ns)
{
	uint64_t us = (metrics_now_ns() - start_ns) / 1000;
	unsigned b = 0;

	while (b < SERVER_NBUCKETS && us > latency_le_us[b])
		b++;
	metrics_bump(&srv->m.latency[b], 1);
	metrics_bump(&srv->m.latency_count, 1);
	metrics_bump(&srv->m.latency_sum_us, us);
}

static void metrics_requests(const struct server *srv, FILE *f)
{
	fputs("# HELP logsage_http_requests_total HTTP requests by route and status.\n"
	      "# TYPE logsage_http_requests_total counter\n", f);
	for (int i = 0; i < NROUTES; i++) {
		for (unsigned s = 0; s < SERVER_NSTATUS; s++) {
			uint64_t n = metrics_load(&srv->m.requests[i][s]);

			if (!n)
				continue;
			if (s < SERVER_NSTATUS - 1)
				fprintf(f, "logsage_http_requests_total{route=\"%s\",status=\"%u\"} %llu\n",
					routes_name(i), statuses[s],
					(unsigned long long)n);
			else
				fprintf(f, "logsage_http_requests_total{route=\"%s\",status=\"other\"} %llu\n",
					routes_name(i), (unsigned long long)n);
		}
	}
}

static void metrics_bundles(const struct server *srv, FILE *f)
{
	fprintf(f, "# HELP logsage_bundles_stored_total Bundles stored.\n"
		"# TYPE logsage_bundles_stored_total counter\n"
		"logsage_bundles_stored_total %llu\n"
		"# HELP logsage_bundles_duplicate_total Bundles received again.\n"
		"# TYPE logsage_bundles_duplicate_total counter\n"
		"logsage_bundles_duplicate_total %llu\n"
		"# HELP logsage_analysis_failures_total Analyses that failed.\n"
		"# TYPE logsage_analysis_failures_total counter\n"
		"logsage_analysis_failures_total %llu\n"
		"# HELP logsage_bundles_rejected_total Bundles refused, by reason.\n"
		"# TYPE logsage_bundles_rejected_total counter\n",
		(unsigned long long)metrics_load(&srv->m.stored),
		(unsigned long long)metrics_load(&srv->m.duplicates),
		(unsigned long long)metrics_load(&srv->m.analysis_failures));
	for (int i = INGEST_EMPTY; i < INGEST_REASON_COUNT; i++)
		fprintf(f, "logsage_bundles_rejected_total{reason=\"%s\"} %llu\n",
			ingest_reason_name((enum ingest_reason)i),
			(unsigned long long)metrics_load(&srv->m.rejects[i]));
}

static void metrics_latency(const struct server *srv, FILE *f)
{
	uint64_t cum = 0;

	fputs("# HELP logsage_ingest_duration_seconds Time to answer POST /api/v1/bundles.\n"
	      "# TYPE logsage_ingest_duration_seconds histogram\n", f);
	for (int b = 0; b < SERVER_NBUCKETS; b++) {
		cum += metrics_load(&srv->m.latency[b]);
		fprintf(f, "logsage_ingest_duration_seconds_bucket{le=\"%g\"} %llu\n",
			(double)latency_le_us[b] / 1e6,
			(unsigned long long)cum);
	}
	cum += metrics_load(&srv->m.latency[SERVER_NBUCKETS]);
	fprintf(f, "logsage_ingest_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
		"logsage_ingest_duration_seconds_sum %.6f\n"
		"logsage_ingest_duration_seconds_count %llu\n",
		(unsigned long long)cum,
		(double)metrics_load(&srv->m.latency_sum_us) / 1e6,
		(unsigned long long)metrics_load(&srv->m.latency_count));
}

static void metrics_store(const struct server *srv, FILE *f)
{
	struct store_counters c;
	struct lsg_error *err = store_counters(srv->cfg.store, &c);

	if (err) {
		lsg_error_destroy(err);
		return;
	}
	fprintf(f, "# HELP logsage_store_crashes Crashes in the store.\n"
		"# TYPE logsage_store_crashes gauge\n"
		"logsage_store_crashes %llu\n"
		"# HELP logsage_store_groups Crash groups in the store.\n"
		"# TYPE logsage_store_groups gauge\n"
		"logsage_store_groups %llu\n"
		"# HELP logsage_store_tokens Agent tokens in the store.\n"
		"# TYPE logsage_store_tokens gauge\n"
		"logsage_store_tokens %llu\n",
		(unsigned long long)c.crashes, (unsigned long long)c.groups,
		(unsigned long long)c.tokens);
}

static void metrics_connections(const struct server *srv, FILE *f)
{
	uint64_t closed[CONNTRACK_NREASONS];
	unsigned open;

	conntrack_stats(srv->conns, closed, &open);
	fprintf(f, "# HELP logsage_http_connections Connections open.\n"
		"# TYPE logsage_http_connections gauge\n"
		"logsage_http_connections %u\n"
		"# HELP logsage_http_connections_closed_total Connections the server closed: late headers or body, or shed for the reserve.\n"
		"# TYPE logsage_http_connections_closed_total counter\n",
		open);
	for (int i = 0; i < CONNTRACK_NREASONS; i++)
		fprintf(f, "logsage_http_connections_closed_total{reason=\"%s\"} %llu\n",
			conntrack_reason_name((enum conntrack_reason)i),
			(unsigned long long)closed[i]);
}

void metrics_text(const struct server *srv, FILE *f)
{
	metrics_requests(srv, f);
	metrics_bundles(srv, f);
	metrics_latency(srv, f);
	metrics_connections(srv, f);
	metrics_store(srv, f);
}

