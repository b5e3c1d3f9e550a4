/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "capture.h"
#include "dump.h"
#include "printk.h"
#include "record.h"
#include "utf8.h"
#include "zwriter.h"

/*
 * The hint sizes the zstd window and tables: 64 KiB keeps the context near
 * half a MiB, and log JSON repeats itself within that distance (a bundle
 * still compresses about 13 times).
 */
static const size_t ZSTD_SRC_HINT = 64u << 10;
/* Gaps are rare; more than this many means the ring is garbage. */
static const size_t MAX_GAPS = 4096;

struct lsg_error *capture_init(struct capture *c,
			       const struct capture_opts *opts)
{
	size_t budget = opts->budget ? opts->budget : CAPTURE_DEFAULT_BUDGET;
	size_t text, recs;
	struct lsg_error *err;

	memset(c, 0, sizeof(*c));
	c->opts = opts;
	c->zwork_size = zwriter_workspace_size(ZSTD_SRC_HINT);
	if (budget < CAPTURE_MIN_BUDGET || budget < 2 * c->zwork_size)
		return lsg_error_create(LSG_ERR_INVALID,
					"memory budget of %zu bytes is below the minimum of %u",
					budget, CAPTURE_MIN_BUDGET);
	budget -= c->zwork_size + LSG_DMESG_LINE_MAX;
	/* Ring copies take half; the kept log the rest. */
	c->scratch_size = budget / 2;
	text = budget / 4;
	recs = budget / 4 / sizeof(struct lsg_record);
	c->scratch = malloc(c->scratch_size);
	c->zwork = malloc(c->zwork_size);
	c->line = malloc(LSG_DMESG_LINE_MAX);
	if (!c->scratch || !c->zwork || !c->line) {
		capture_deinit(c);
		return &lsg_enomem;
	}
	err = lsg_log_init(&c->log, recs, text, MAX_GAPS);
	if (err)
		capture_deinit(c);
	return err;
}

void capture_deinit(struct capture *c)
{
	free(c->scratch);
	free(c->zwork);
	free(c->line);
	lsg_log_deinit(&c->log);
	memset(c, 0, sizeof(*c));
}

static struct lsg_error *read_dump(void *arg, uint64_t addr, void *buf,
				   size_t len)
{
	return dump_read(arg, addr, buf, len);
}

static void note_missing(json_t *missing, const char *what,
			 struct lsg_error *err)
{
	json_array_append_new(missing, json_sprintf("%s: %s", what,
						    err->message));
	lsg_error_destroy(err);
}

static json_t *stats_json(const struct printk_stats *s)
{
	return json_pack("{s:s?,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
			 "layout", s->layout,
			 "ring_slots", (json_int_t)s->ring_records,
			 "kept", (json_int_t)s->kept,
			 "in_flight", (json_int_t)s->reserved,
			 "recycled", (json_int_t)s->reusable,
			 "missed", (json_int_t)s->missed,
			 "dataless", (json_int_t)s->dataless,
			 "truncated", (json_int_t)s->truncated,
			 "corrupt", (json_int_t)s->corrupt,
			 "failed_reservations", (json_int_t)s->failed,
			 "clear_seq", (json_int_t)s->clear_seq);
}

/* Everything gathered from the dump, before it is written out. */
struct gathered {
	struct dump *dump;
	const struct vmcoreinfo *vi;
	struct printk_stats stats;
	struct lsg_error *log_err;
	json_t *missing;
	struct timespec start;
	char started[32];
};

static struct lsg_error *gather(struct capture *c, struct gathered *g)
{
	const char *path = c->opts->vmcore;
	struct lsg_error *err;

	err = dump_open_reader(path, c->opts->reader, &g->dump);
	if (err)
		return err;
	err = dump_vmcoreinfo(g->dump, &g->vi);
	if (err) {
		note_missing(g->missing, "vmcoreinfo", err);
		g->log_err = lsg_error_create(LSG_ERR_NODATA,
			"no VMCOREINFO, so the printk log cannot be found");
	} else {
		struct printk_reader rd = {
			.read = read_dump,
			.arg = g->dump,
			.ptr_size = dump_ptr_size(g->dump),
			.big_endian = dump_big_endian(g->dump),
		};

		g->log_err = printk_read(g->vi, &rd, c->scratch,
					 c->scratch_size, &c->log, &g->stats);
	}
	if (g->log_err)
		json_array_append_new(g->missing, json_sprintf(
			"printk log: %s (%zu records kept)",
			g->log_err->message, c->log.nrecs));
	return NULL;
}

static void make_id(const struct capture *c, const struct gathered *g,
		    char id[65])
{
	const char *t = g->vi ? vmcoreinfo_get(g->vi, "CRASHTIME") : NULL;
	char seq[64] = "";

	if (c->log.nrecs) {
		const struct lsg_record *r = &c->log.recs[c->log.nrecs - 1];

		snprintf(seq, sizeof(seq), "%" PRIu64 ":%" PRIu64, r->seq,
			 r->ts_nsec);
	}
	bundle_make_id(c->opts->meta.machine_id, NULL, t, seq, id);
}

static json_t *capture_json(const struct capture *c, struct gathered *g)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - g->start.tv_sec) * 1000LL +
	     (now.tv_nsec - g->start.tv_nsec) / 1000000;
	return json_pack("{s:s,s:s?,s:s,s:I,s:s,s:s?,s:b,s:O,s:o}",
			 "agent", CAPTURE_AGENT,
			 "reader", g->dump ? dump_reader_name(g->dump) : NULL,
			 "started", g->started,
			 "duration_ms", (json_int_t)ms,
			 "source", c->opts->vmcore,
			 "format", g->dump ? dump_format(g->dump) : NULL,
			 "complete", json_array_size(g->missing) == 0,
			 "missing", g->missing,
			 "printk", stats_json(&g->stats));
}

/* logsage.ko's record, checked; or why it is missing. */
static void add_record(const struct capture *c, struct gathered *g,
		       json_t *crash, json_t *host)
{
	uint64_t addr = c->opts->record_addr;
	uint8_t buf[RECORD_SIZE_V1];
	struct lsg_error *err;
	json_t *rec;

	err = g->dump ? dump_read_phys(g->dump, addr, buf, sizeof(buf)) :
			lsg_error_create(LSG_ERR_NODATA, "no dump");
	if (!err)
		err = record_parse(buf, sizeof(buf), &rec);
	if (err) {
		json_array_append_new(g->missing, json_sprintf(
			"crash record at 0x%" PRIx64 ": %s", addr,
			err->message));
		lsg_error_destroy(err);
		return;
	}
	json_object_set_new(crash, "record", rec);
	/* A tag given only to logsage.ko still names the host. */
	if (json_is_null(json_object_get(host, "tag")) &&
	    json_string_length(json_object_get(rec, "tag")))
		json_object_set(host, "tag", json_object_get(rec, "tag"));
}

static struct lsg_error *write_bundle(struct capture *c, struct gathered *g,
				      const char *id, int fd)
{
	struct bundle_head h = { 0 };
	struct fd_sink fs;
	struct sink *out;
	struct lsg_error *err = NULL;

	h.id = id;
	h.host = meta_host(g->dump, &c->opts->meta);
	h.kernel = meta_kernel(g->dump, g->vi, &c->log);
	h.crash = meta_crash(g->dump, g->vi, &c->log, g->missing);
	if (h.crash && c->opts->has_record)
		add_record(c, g, h.crash, h.host);
	if (g->vi && utf8_valid(g->vi->raw, g->vi->raw_len))
		h.vmcoreinfo = g->vi->raw;
	h.capture = capture_json(c, g);
	if (!h.host || !h.kernel || !h.crash || !h.capture)
		err = &lsg_enomem;
	if (!err && c->opts->mode == CAPTURE_JSON)
		out = fd_sink_init(&fs, fd);
	else if (!err)
		err = zwriter_create(c->zwork, c->zwork_size, ZSTD_SRC_HINT,
				     fd, &out);
	if (!err)
		err = bundle_write(&h, &c->log, out);
	json_decref(h.host);
	json_decref(h.kernel);
	json_decref(h.crash);
	json_decref(h.capture);
	return err;
}

static struct lsg_error *write_dmesg(struct capture *c, int fd)
{
	struct lsg_error *err = NULL;

	for (size_t i = 0; !err && i < c->log.nrecs; i++) {
		size_t n = lsg_log_format_dmesg(&c->log, i, c->line,
						LSG_DMESG_LINE_MAX);

		err = sink_write_all(fd, c->line, n);
	}
	return err;
}

/* Output goes to a temporary name and is renamed when complete. */
static struct lsg_error *open_output(const char *path, char *tmp,
				     size_t size, int *ret)
{
	if (!path || !strcmp(path, "-")) {
		*ret = STDOUT_FILENO;
		return NULL;
	}
	if ((size_t)snprintf(tmp, size, "%s.tmp", path) >= size)
		return lsg_error_create(LSG_ERR_INVALID,
					"output path too long: %s", path);
	*ret = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (*ret < 0)
		return lsg_error_os(errno, "create %s", tmp);
	return NULL;
}

/*
 * In hook mode the machine reboots right after kdump: the bundle must be on
 * disk before we return.  Interactively, rename without fsync is enough.
 */
static struct lsg_error *close_output(const char *path, const char *tmp,
				      int fd, int durable,
				      struct lsg_error *err)
{
	if (fd == STDOUT_FILENO)
		return err;
	if (!err && durable && fsync(fd))
		err = lsg_error_os(errno, "fsync %s", tmp);
	if (close(fd) && !err)
		err = lsg_error_os(errno, "close %s", tmp);
	if (!err && rename(tmp, path))
		err = lsg_error_os(errno, "rename %s to %s", tmp, path);
	if (err)
		unlink(tmp);
	return err;
}

static void report_missing(const json_t *missing)
{
	size_t i;
	json_t *v;

	json_array_foreach(missing, i, v)
		fprintf(stderr, "logsage-capture: incomplete: %s\n",
			json_string_value(v));
}

static struct lsg_error *emit(struct capture *c, struct gathered *g)
{
	const char *path = c->opts->output;
	char tmp[4096], spooled[4096], id[65];
	struct lsg_error *err;
	int fd;

	make_id(c, g, id);
	/* No output named: a bundle goes to the spool, named by its id. */
	if (!path && c->opts->mode == CAPTURE_BUNDLE && c->opts->spool_dir) {
		if ((size_t)snprintf(spooled, sizeof(spooled), "%s/%s.bundle",
				     c->opts->spool_dir, id) >= sizeof(spooled))
			return lsg_error_create(LSG_ERR_INVALID,
						"spool path too long");
		path = spooled;
	}
	err = open_output(path, tmp, sizeof(tmp), &fd);
	if (err)
		return err;
	if (c->opts->mode == CAPTURE_DMESG)
		err = write_dmesg(c, fd);
	else
		err = write_bundle(c, g, id, fd);
	err = close_output(path, tmp, fd, c->opts->hook, err);
	if (err)
		return lsg_error_wrap(err, "write %s", path ? path : "stdout");
	if (c->opts->hook && path)
		fprintf(stderr, "logsage-capture: bundle %s written\n", path);
	return NULL;
}

struct lsg_error *capture_run(struct capture *c)
{
	struct gathered g = { 0 };
	struct lsg_error *err;
	time_t now = time(NULL);
	struct tm tm;

	clock_gettime(CLOCK_MONOTONIC, &g.start);
	gmtime_r(&now, &tm);
	strftime(g.started, sizeof(g.started), "%Y-%m-%dT%H:%M:%SZ", &tm);
	g.missing = json_array();
	if (!g.missing)
		return &lsg_enomem;
	lsg_log_reset(&c->log);
	err = gather(c, &g);
	if (err && !c->opts->hook)
		goto out;
	if (err)
		note_missing(g.missing, "vmcore", err);
	err = NULL;
	if (c->opts->mode == CAPTURE_DMESG && g.log_err) {
		/* Print what was read, but a short log is a failure here. */
		err = emit(c, &g);
		lsg_error_destroy(err);
		err = g.log_err;
		g.log_err = NULL;
		goto out;
	}
	err = emit(c, &g);
	if (!err)
		report_missing(g.missing);
out:
	lsg_error_destroy(g.log_err);
	json_decref(g.missing);
	dump_close(g.dump);
	return err;
}
