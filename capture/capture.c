/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bundle.h"
#include "capture.h"
#include "hex.h"
#include "deadline.h"
#include "dump.h"
#include "printk.h"
#include "kmodrec.h"
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
/* --dmesg lines go out in writes of about this many bytes, not one each. */
enum { DMESG_BATCH = 32 << 10 };

struct lsg_error *capture_init(struct capture *c,
			       const struct capture_opts *opts)
{
	size_t budget = opts->budget ? opts->budget : CAPTURE_DEFAULT_BUDGET;
	size_t text, recs;
	struct lsg_error *err;

	memset(c, 0, sizeof(*c));
	c->opts = opts;
	c->memfd = -1;
	c->zwork_size = zwriter_workspace_size(ZSTD_SRC_HINT);
	if (budget < CAPTURE_MIN_BUDGET || budget < 2 * c->zwork_size)
		return lsg_error_create(LSG_ERR_INVALID,
					"memory budget of %zu bytes is below the minimum of %u",
					budget, CAPTURE_MIN_BUDGET);
	budget -= c->zwork_size + LSG_DMESG_LINE_MAX + DMESG_BATCH;
	/* Ring copies take half; the kept log the rest. */
	c->scratch_size = budget / 2;
	text = budget / 4;
	recs = budget / 4 / sizeof(struct lsg_record);
	c->scratch = malloc(c->scratch_size);
	c->zwork = malloc(c->zwork_size);
	c->line = malloc(LSG_DMESG_LINE_MAX + DMESG_BATCH);
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
	c->memfd = -1;
}

static struct lsg_error *read_dump(void *arg, uint64_t addr, void *buf,
				   size_t len)
{
	return dump_read(arg, addr, buf, len);
}

/* Diagnostics may quote paths and dump bytes: keep them whatever they are. */
static void add_text(json_t *list, const char *s)
{
	json_array_append_new(list, bundle_text_json(s, strlen(s), NULL));
}

static void note_missing(json_t *missing, const char *what,
			 struct lsg_error *err)
{
	char *s;

	if (asprintf(&s, "%s: %s", what, err->message) >= 0) {
		add_text(missing, s);
		free(s);
	}
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
	long long started_ns;	/* wall clock ns, for dump_key() */
	char *spool_error;	/* why spool_dir did not take the bundle */
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
		note_missing(g->missing, "printk log", lsg_error_create(
			g->log_err->code, "%s (%zu records kept)",
			g->log_err->message, c->log.nrecs));
	return NULL;
}

/*
 * The dump's part of the id: the hash of its notes (dump_identity()).
 * Nothing else read from a dump is sure to tell two crashes apart (the
 * first 4 KiB of two kdump-compressed dumps can be identical, timestamp
 * and all), so without notes the capture's start time stands in: a second
 * capture of that unreadable dump gets a new id, a duplicate report rather
 * than a crash dropped as a duplicate of another.
 */
static void dump_key(const struct gathered *g, char *key, size_t size)
{
	unsigned char md[DUMP_IDENTITY_SIZE];
	char hex[2 * DUMP_IDENTITY_SIZE + 1];

	if (!dump_identity(g->dump, md)) {
		snprintf(key, size, "run:%lld", g->started_ns);
		return;
	}
	hex_encode(md, sizeof(md), hex);
	snprintf(key, size, "notes:%s", hex);
}

static void make_id(const struct capture *c, const struct gathered *g,
		    char id[65])
{
	const char *t = g->vi ? vmcoreinfo_get(g->vi, "CRASHTIME") : NULL;
	char seq[64] = "", key[128];

	if (c->log.nrecs) {
		const struct lsg_record *r = &c->log.recs[c->log.nrecs - 1];

		snprintf(seq, sizeof(seq), "%" PRIu64 ":%" PRIu64, r->seq,
			 r->ts_nsec);
	}
	dump_key(g, key, sizeof(key));
	bundle_make_id(c->opts->meta.machine_id, NULL, t, seq, key, id);
}

static json_t *capture_json(const struct capture *c, struct gathered *g)
{
	const struct capture_opts *o = c->opts;
	struct timespec now;
	json_t *j, *errs;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - g->start.tv_sec) * 1000LL +
	     (now.tv_nsec - g->start.tv_nsec) / 1000000;
	j = json_pack("{s:s,s:s?,s:s,s:I,s:s?,s:b,s:O,s:o}",
		      "agent", CAPTURE_AGENT,
		      "reader", g->dump ? dump_reader_name(g->dump) : NULL,
		      "started", g->started,
		      "duration_ms", (json_int_t)ms,
		      "format", g->dump ? dump_format(g->dump) : NULL,
		      "complete", json_array_size(g->missing) == 0,
		      "missing", g->missing,
		      "printk", stats_json(&g->stats));
	if (!j || bundle_set_text(j, "source", o->vmcore, strlen(o->vmcore))) {
		json_decref(j);
		return NULL;
	}
	if (o->nconfig_errors) {
		errs = json_array();
		for (size_t i = 0; errs && i < o->nconfig_errors; i++)
			add_text(errs, o->config_errors[i]);
		json_object_set_new(j, "config_errors", errs);
	}
	if (g->spool_error)
		json_object_set_new(j, "spool_error", bundle_text_json(
			g->spool_error, strlen(g->spool_error), NULL));
	return j;
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
		err = kmodrec_parse(buf, sizeof(buf), &rec);
	if (err) {
		char what[64];

		snprintf(what, sizeof(what), "crash record at 0x%" PRIx64,
			 addr);
		note_missing(g->missing, what, err);
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
	if (g->vi) {
		h.vmcoreinfo = g->vi->raw;
		h.vmcoreinfo_len = g->vi->raw_len;
	}
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
	size_t n = 0;

	for (size_t i = 0; !err && i < c->log.nrecs; i++) {
		n += lsg_log_format_dmesg(&c->log, i, c->line + n,
					  LSG_DMESG_LINE_MAX);
		if (n >= DMESG_BATCH || i + 1 == c->log.nrecs) {
			err = sink_write_all(fd, c->line, n);
			n = 0;
		}
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

static struct lsg_error *write_output(struct capture *c, struct gathered *g,
				      int fd)
{
	if (c->opts->mode == CAPTURE_DMESG)
		return write_dmesg(c, fd);
	return write_bundle(c, g, c->id, fd);
}

/* The output to @path (NULL or "-": stdout), via a temporary name. */
static struct lsg_error *write_file(struct capture *c, struct gathered *g,
				    const char *path)
{
	char tmp[4096];
	struct lsg_error *err;
	int fd;

	err = open_output(path, tmp, sizeof(tmp), &fd);
	if (err)
		return err;
	err = write_output(c, g, fd);
	err = close_output(path, tmp, fd, c->opts->hook, err);
	if (err)
		return lsg_error_wrap(err, "write %s", path ? path : "stdout");
	return NULL;
}

/* mkdir -p: a spool on a fresh dump target may not exist yet. */
static struct lsg_error *make_dirs(const char *dir)
{
	char path[4096];
	size_t n = strlen(dir);

	if (n >= sizeof(path))
		return lsg_error_create(LSG_ERR_INVALID, "path too long: %s",
					dir);
	memcpy(path, dir, n + 1);
	for (char *p = path + 1; ; p++) {
		if (*p && *p != '/')
			continue;
		char sep = *p;

		*p = '\0';
		if (mkdir(path, 0700) && errno != EEXIST)
			return lsg_error_os(errno, "create %s", path);
		if (!sep)
			return NULL;
		*p = sep;
	}
}

/* <dir>/<id>.bundle, written durably. */
static struct lsg_error *write_in(struct capture *c, struct gathered *g,
				  const char *dir)
{
	char path[4096];
	struct lsg_error *err;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s.bundle", dir,
			     c->id) >= sizeof(path))
		return lsg_error_create(LSG_ERR_INVALID, "path too long: %s",
					dir);
	err = make_dirs(dir);
	if (!err)
		err = write_file(c, g, path);
	if (err)
		return err;
	snprintf(c->saved, sizeof(c->saved), "%s", path);
	fprintf(stderr, "logsage-capture: bundle %s written\n", path);
	return NULL;
}

/* Bytes of @s for a console line: control and non-ASCII bytes as '?'. */
static void console_text(char *dst, size_t size, const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 1 < size; i++) {
		unsigned char ch = (unsigned char)s[i];

		dst[n++] = ch < 0x20 || ch >= 0x7f ? '?' : (char)ch;
	}
	dst[n] = '\0';
}

/* The newest "Kernel panic" line, else the newest line: the crash in brief. */
static size_t crash_line(const struct lsg_log *log)
{
	static const char panic[] = "Kernel panic";

	for (size_t i = log->nrecs; i-- > 0;)
		if (log->recs[i].text_len >= sizeof(panic) - 1 &&
		    !memcmp(lsg_log_text(log, i), panic, sizeof(panic) - 1))
			return i;
	return log->nrecs - 1;
}

/* The last resort: the id and a summary of the crash on the console. */
static void print_summary(const struct capture *c, const struct gathered *g)
{
	const char *host = g->dump ? dump_uts(g->dump, "nodename") : NULL;
	const char *rel = g->dump ? dump_uts(g->dump, "release") : NULL;
	char h[80], r[80], line[256] = "no log read";

	console_text(h, sizeof(h), host ? host : "?", host ? strlen(host) : 1);
	console_text(r, sizeof(r), rel ? rel : "?", rel ? strlen(rel) : 1);
	if (c->log.nrecs) {
		size_t i = crash_line(&c->log);

		console_text(line, sizeof(line), lsg_log_text(&c->log, i),
			     c->log.recs[i].text_len);
	}
	fprintf(stderr,
		"logsage-capture: bundle %s saved nowhere: host %s kernel %s: %s\n",
		c->id, h, r, line);
}

/* The bundle in an in-memory file that logsage-upload inherits. */
static struct lsg_error *write_memfd(struct capture *c, struct gathered *g)
{
	struct lsg_error *err;

	c->memfd = memfd_create("logsage-bundle", 0);
	if (c->memfd < 0)
		return lsg_error_os(errno, "memfd_create");
	err = write_output(c, g, c->memfd);
	if (err) {
		close(c->memfd);
		c->memfd = -1;
	}
	return err;
}

/*
 * Spool mode: spool_dir, else fallback_dir, else memory.  Each failure is
 * on the console, and the spool's is in the bundle that goes elsewhere.
 */
static struct lsg_error *emit_spooled(struct capture *c, struct gathered *g)
{
	const char *fallback = c->opts->fallback_dir;
	struct lsg_error *err;

	err = write_in(c, g, c->opts->spool_dir);
	if (!err)
		return NULL;
	lsg_error_print(err, "logsage-capture: spool", stderr);
	g->spool_error = strdup(err->message);
	lsg_error_destroy(err);
	err = fallback ? write_in(c, g, fallback) :
			 lsg_error_create(LSG_ERR_INVALID, "no fallback_dir");
	if (!err)
		return NULL;
	lsg_error_print(err, "logsage-capture: fallback", stderr);
	lsg_error_destroy(err);
	err = write_memfd(c, g);
	print_summary(c, g);
	return err;
}

static struct lsg_error *emit(struct capture *c, struct gathered *g)
{
	const char *path = c->opts->output;
	struct lsg_error *err;

	make_id(c, g, c->id);
	/* No output named: a bundle goes to the spool, named by its id. */
	if (!path && c->opts->mode == CAPTURE_BUNDLE && c->opts->spool_dir)
		return emit_spooled(c, g);
	err = write_file(c, g, path);
	if (!err && c->opts->hook && path)
		fprintf(stderr, "logsage-capture: bundle %s written\n", path);
	return err;
}

struct lsg_error *capture_run(struct capture *c)
{
	struct gathered g = { 0 };
	struct lsg_error *err;
	struct timespec wall;
	struct tm tm;

	clock_gettime(CLOCK_MONOTONIC, &g.start);
	clock_gettime(CLOCK_REALTIME, &wall);
	g.started_ns = (long long)wall.tv_sec * 1000000000LL + wall.tv_nsec;
	gmtime_r(&wall.tv_sec, &tm);
	strftime(g.started, sizeof(g.started), "%Y-%m-%dT%H:%M:%SZ", &tm);
	g.missing = json_array();
	if (!g.missing)
		return &lsg_enomem;
	lsg_log_reset(&c->log);
	c->saved[0] = '\0';
	err = gather(c, &g);
	if (deadline_expired())
		add_text(g.missing, "deadline reached while reading the dump");
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
	free(g.spool_error);
	json_decref(g.missing);
	dump_close(g.dump);
	return err;
}
