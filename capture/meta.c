/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "meta.h"

/* strtoll over a bounded, not NUL-terminated field. */
static int parse_int(const char **p, const char *end, int64_t *ret)
{
	int64_t v = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return 0;
	while (s < end && *s >= '0' && *s <= '9' && v < INT64_MAX / 10)
		v = v * 10 + (*s++ - '0');
	*p = s;
	*ret = v;
	return 1;
}

static int skip_word(const char **p, const char *end, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(end - *p) < n || memcmp(*p, word, n))
		return 0;
	*p += n;
	return 1;
}

uint64_t meta_taint_mask(const char *s, size_t len)
{
	uint64_t mask = 0;

	for (size_t i = 0; i < len && i < 64; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z' && !(i == 0 && c == 'G'))
			mask |= 1ULL << i;
	}
	return mask;
}

static void parse_taint(const char *p, const char *end, struct meta_task *t)
{
	const char *hit = memmem(p, (size_t)(end - p), "Not tainted", 11);
	const char *s;

	if (hit) {
		t->taint = 0;
		t->has_taint = 1;
		return;
	}
	hit = memmem(p, (size_t)(end - p), "Tainted: ", 9);
	if (!hit)
		return;
	/* Columns run until the release, which starts with a digit. */
	s = hit + 9;
	while (s < end && ((*s >= 'A' && *s <= 'Z') || *s == ' '))
		s++;
	t->taint = meta_taint_mask(hit + 9, (size_t)(s - hit - 9));
	t->has_taint = 1;
}

int meta_parse_task_header(const char *text, size_t len,
			   struct meta_task *ret)
{
	const char *p = text, *end = text + len, *c;
	struct meta_task t = { 0 };
	int64_t cpu, uid;
	size_t n;

	if (!skip_word(&p, end, "CPU: ") || !parse_int(&p, end, &cpu))
		return 0;
	/* 6.12 and later print the task's uid between CPU and PID. */
	if (skip_word(&p, end, " UID: ") && !parse_int(&p, end, &uid))
		return 0;
	if (!skip_word(&p, end, " PID: ") || !parse_int(&p, end, &t.pid) ||
	    !skip_word(&p, end, " Comm: "))
		return 0;
	c = p;
	while (p < end && *p != ' ')
		p++;
	n = (size_t)(p - c);
	if (!n || n >= sizeof(t.comm) || cpu > INT32_MAX)
		return 0;
	memcpy(t.comm, c, n);
	t.cpu = (int)cpu;
	parse_taint(p, end, &t);
	*ret = t;
	return 1;
}

int meta_last_task(const struct lsg_log *log, struct meta_task *ret)
{
	for (size_t i = log->nrecs; i-- > 0;)
		if (meta_parse_task_header(lsg_log_text(log, i),
					   log->recs[i].text_len, ret))
			return 1;
	return 0;
}

/* A C string from the dump, kept losslessly, or null when absent. */
static int set_str(json_t *o, const char *key, const char *s)
{
	return bundle_set_text(o, key, s, s ? strlen(s) : 0);
}

json_t *meta_host(struct dump *d, const struct meta_opts *o)
{
	json_t *h = json_object();

	if (!h || set_str(h, "hostname", d ? dump_uts(d, "nodename") : NULL) ||
	    set_str(h, "machine_id", o->machine_id) ||
	    set_str(h, "tag", o->tag) ||
	    json_object_set_new(h, "boot_id", json_null())) {
		json_decref(h);
		return NULL;
	}
	return h;
}

/* The boot command line, if its line is still in the ring. */
static int log_cmdline(json_t *k, const struct lsg_log *log)
{
	static const char key[] = "Kernel command line: ";

	for (size_t i = 0; i < log->nrecs; i++) {
		const char *t = lsg_log_text(log, i);
		size_t n = log->recs[i].text_len;

		if (n >= sizeof(key) - 1 && !memcmp(t, key, sizeof(key) - 1))
			return bundle_set_text(k, "cmdline",
					       t + sizeof(key) - 1,
					       n - (sizeof(key) - 1));
	}
	return set_str(k, "cmdline", NULL);
}

static const char *vi_get(const struct vmcoreinfo *vi, const char *key)
{
	return vi ? vmcoreinfo_get(vi, key) : NULL;
}

json_t *meta_kernel(struct dump *d, const struct vmcoreinfo *vi,
		    const struct lsg_log *log)
{
	const char *release = d ? dump_uts(d, "release") : NULL;
	const char *page_s = vi_get(vi, "PAGESIZE");
	json_t *k = json_object();
	long long page = page_s ? strtoll(page_s, NULL, 10) : 0;
	uint64_t off;

	if (!k || set_str(k, "release", release ? release :
			  vi_get(vi, "OSRELEASE")) ||
	    set_str(k, "version", d ? dump_uts(d, "version") : NULL) ||
	    set_str(k, "arch", d ? dump_arch(d) : NULL) ||
	    set_str(k, "build_id", vi_get(vi, "BUILD-ID")) ||
	    log_cmdline(k, log) ||
	    json_object_set_new(k, "page_size", page > 0 ?
				json_integer(page) : json_null()) ||
	    json_object_set_new(k, "kaslr_offset",
				vi && vmcoreinfo_hex(vi, "KERNELOFFSET", &off) ?
				json_sprintf("0x%" PRIx64, off) :
				json_null())) {
		json_decref(k);
		return NULL;
	}
	return k;
}

/* Registers of note @i; an unreadable note just does not match. */
static int note_regs(struct dump *d, unsigned i, struct dump_regs *regs)
{
	struct lsg_error *err = dump_cpu_regs(d, i, regs);

	lsg_error_destroy(err);
	return !err;
}

/* The note whose task is the header's; else the note at the CPU's index. */
static int pick_note(struct dump *d, const struct meta_task *t,
		     struct dump_regs *regs)
{
	unsigned n = dump_ncpus(d);
	int match = -1, count = 0;

	for (unsigned i = 0; i < n; i++) {
		if (!note_regs(d, i, regs))
			continue;
		if ((int64_t)regs->pid == t->pid && t->pid) {
			match = (int)i;
			count++;
		}
	}
	if (count != 1)
		match = t->cpu < (int)n ? t->cpu : -1;
	if (match < 0 || !note_regs(d, (unsigned)match, regs))
		return -1;
	return match;
}

static json_t *regs_json(const struct dump_regs *regs)
{
	json_t *o = json_object();

	for (unsigned i = 0; o && i < regs->nregs; i++)
		json_object_set_new(o, regs->names[i],
				    json_sprintf("0x%016" PRIx64,
						 regs->values[i]));
	return o;
}

static void crash_task(json_t *c, struct dump *d, const struct lsg_log *log,
		       json_t *missing)
{
	struct dump_regs regs;
	struct meta_task t;

	if (!meta_last_task(log, &t)) {
		json_array_append_new(missing, json_string(
			"crash task: no \"CPU: N PID: P Comm:\" header in the log"));
		return;
	}
	json_object_set_new(c, "panic_cpu", json_integer(t.cpu));
	json_object_set_new(c, "pid", json_integer(t.pid));
	set_str(c, "comm", t.comm);
	if (t.has_taint)
		json_object_set_new(c, "taint",
				    json_sprintf("0x%" PRIx64, t.taint));
	if (!d || pick_note(d, &t, &regs) < 0) {
		json_array_append_new(missing, json_string(
			"crash registers: no CPU note matches the crashing task"));
		return;
	}
	json_object_set_new(c, "regs", regs_json(&regs));
}

json_t *meta_crash(struct dump *d, const struct vmcoreinfo *vi,
		   const struct lsg_log *log, json_t *missing)
{
	const char *t = vi ? vmcoreinfo_get(vi, "CRASHTIME") : NULL;
	json_t *c;

	c = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
		      "time", t ? json_integer(strtoll(t, NULL, 10)) :
			      json_null(),
		      "panic_cpu", json_null(), "pid", json_null(),
		      "comm", json_null(), "taint", json_null(),
		      "regs", json_null(), "record", json_null());
	if (!c)
		return NULL;
	if (!t)
		json_array_append_new(missing,
				      json_string("crash time: no CRASHTIME"));
	crash_task(c, d, log, missing);
	return c;
}
