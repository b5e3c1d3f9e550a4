/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Symbolizer on real DWARF: Debian's linux-image-6.1.0-56-cloud-amd64-dbg
 * (fetched into the cache by tests/data/symbolize/fetch-dbg), real oops
 * traces from that kernel, and the lsgoops.ko the QEMU harness built and
 * crashed.  Every resolved frame is compared with eu-addr2line -i -f on
 * the address computed from objdump -t's symbol + offset (- 1), inline
 * chains included; normalized output is also diffed against golden files.
 * Then the error paths: build-id mismatch, unknown module, missing debug
 * info, the .build-id and lib/modules layouts, vermagic of another
 * release, debuginfod over HTTP, concurrent use.
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "harness.h"
#include "symbolize/symbolize.h"

#define REL "6.1.0-56-cloud-amd64"
#define DATA "tests/data/symbolize"

enum { FRAMES = 64, ORACLE_LOCS = 32, TEXT_MAX = 65536 };

struct env {
	char cache[1024];
	char dbg[2048];			/* .../usr/lib/debug */
	char vmlinux[PATH_MAX];
	char build_id[129];
	bool ci;
};

struct trace_in {
	struct symbolize_frame frames[FRAMES];
	char text[FRAMES][160];		/* the frame as printed */
	char names[FRAMES][SYMBOLIZE_NAME_MAX + 1];
	char mods[FRAMES][SYMBOLIZE_MODNAME_MAX];
	size_t n;
};

struct oracle_loc {
	char func[256];
	char file[PATH_MAX];
	unsigned int line;
	unsigned int col;
};

struct oracle {
	struct oracle_loc locs[ORACLE_LOCS];
	size_t n;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool exists(const char *path)
{
	return access(path, F_OK) == 0;
}

/* ---- parsing oops text (test-local; the analyzer has its own) ---- */

/* "[    8.174960] " console prefix. */
static const char *strip_prefix(const char *s)
{
	const char *end;

	if (s[0] != '[')
		return s;
	end = strchr(s, ']');
	return end ? end + 1 + (end[1] == ' ') : s;
}

/* " ? func+0xoff/0xsize [mod]" or "RIP: 0010:func+0xoff/0xsize [mod]". */
static bool parse_frame(const char *line, struct trace_in *t)
{
	size_t i = t->n;
	struct symbolize_frame *f = &t->frames[i];
	const char *s = strip_prefix(line), *rip = strstr(s, "RIP: ");
	unsigned long long off, size;
	const char *m;

	if (i == FRAMES)
		return false;
	if (rip) {
		s = rip + 5;
		if (strncmp(s, "0010:", 5))
			return false;	/* user-mode RIP */
		s += 5;
	} else if (s[0] != ' ') {
		return false;
	}
	while (*s == ' ' || *s == '?')
		s++;
	if (sscanf(s, "%512[A-Za-z0-9_.$]+0x%llx/0x%llx", t->names[i], &off,
		   &size) != 3)
		return false;
	*f = (struct symbolize_frame){ .function = t->names[i],
				       .offset = off, .size = size,
				       .exact_pc = rip != NULL };
	m = strstr(s, " [");
	if (m && sscanf(m + 2, "%63[A-Za-z0-9_-]", t->mods[i]) == 1)
		f->module = t->mods[i];
	snprintf(t->text[i], sizeof(t->text[i]), "%s%.*s",
		 rip ? "RIP " : "", (int)strcspn(s, "\n"), s);
	t->n++;
	return true;
}

/* Frames of the first oops/panic block of a console log. */
static int parse_log(const char *path, struct trace_in *t)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	bool in = false;

	memset(t, 0, sizeof(*t));
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		const char *s = strip_prefix(line);

		if (!in)
			in = !strncmp(s, "BUG:", 4) || !strncmp(s, "Oops", 4) ||
			     !strncmp(s, "Kernel panic", 12);
		else if (strstr(s, "</TASK>") || !strncmp(s, "Modules linked", 14))
			break;
		if (in)
			parse_frame(line, t);
	}
	fclose(f);
	return 0;
}

/* ---- the oracle: objdump -t + eu-addr2line ---- */

struct objsym {
	unsigned long long value;
	unsigned long long size;
	char section[64];
};

/* Code symbol @name in @file as objdump -t prints it; the one whose size
 * is @size among duplicates, else the first (as §D.3). */
static int objdump_lookup(const char *file, const char *name,
			  unsigned long long size, struct objsym *ret)
{
	char cmd[PATH_MAX + 64], line[1024];
	struct objsym s;
	int found = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "objdump -t '%s'", file);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p)) {
		char *tab = strchr(line, '\t'), *sym;

		/* "%016llx %7c %s\t%016llx %s" */
		if (strlen(line) < 26 || !tab ||
		    (line[23] != 'F' && line[23] != ' '))
			continue;
		s.value = strtoull(line, NULL, 16);
		snprintf(s.section, sizeof(s.section), "%.*s",
			 (int)(tab - line - 25), line + 25);
		s.size = strtoull(tab + 1, &sym, 16);
		sym += strspn(sym, " ");
		if (!strncmp(sym, ".hidden ", 8))
			sym += 8;
		sym[strcspn(sym, "\n")] = '\0';
		if (strcmp(sym, name) || !strstr(s.section, "text"))
			continue;
		if (!found++ || s.size == size)
			*ret = s;
		if (s.size == size)
			break;
	}
	pclose(p);
	return found ? 0 : -1;
}

/* "file:line:col" or "file:line". */
static void oracle_parse_pos(char *s, struct oracle_loc *l)
{
	char *c1 = strrchr(s, ':'), *c2;

	s[strcspn(s, "\n")] = '\0';
	if (!c1)
		return;
	*c1 = '\0';
	c2 = strrchr(s, ':');
	if (c2 && strspn(c2 + 1, "0123456789") == strlen(c2 + 1)) {
		*c2 = '\0';
		l->line = strtoul(c2 + 1, NULL, 10);
		l->col = strtoul(c1 + 1, NULL, 10);
	} else {
		l->line = strtoul(c1 + 1, NULL, 10);
	}
	snprintf(l->file, sizeof(l->file), "%s", s);
}

static int oracle_run(const char *file, const char *section,
		      unsigned long long addr, struct oracle *o)
{
	char cmd[2 * PATH_MAX], fn[1024], pos[PATH_MAX];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "eu-addr2line -i -f %s%s%s -e '%s' %#llx",
		 section ? "-j '" : "", section ? section : "",
		 section ? "'" : "", file, addr);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	o->n = 0;
	while (o->n < ORACLE_LOCS && fgets(fn, sizeof(fn), p) &&
	       fgets(pos, sizeof(pos), p)) {
		struct oracle_loc *l = &o->locs[o->n++];

		memset(l, 0, sizeof(*l));
		snprintf(l->func, sizeof(l->func), "%.*s",
			 (int)strcspn(fn, " \n"), fn);
		oracle_parse_pos(pos, l);
	}
	return pclose(p) == 0 && o->n ? 0 : -1;
}

/* eu-addr2line for frame @f resolved in @object (vmlinux or a .ko). */
static int oracle_frame(const char *object, const struct symbolize_frame *f,
			struct oracle *o, unsigned long long *addr)
{
	bool is_ko = strstr(object, ".ko") != NULL;
	struct objsym s;

	if (objdump_lookup(object, f->function, f->size, &s))
		return -1;
	*addr = s.value + f->offset - (f->exact_pc ? 0 : 1);
	return oracle_run(object, is_ko ? s.section : NULL, *addr, o);
}

static bool path_matches(const char *theirs, const char *ours)
{
	size_t lt = strlen(theirs), lo = strlen(ours);

	if (!strcmp(theirs, ours))
		return true;
	return lt > lo && theirs[lt - lo - 1] == '/' &&
	       !strcmp(theirs + lt - lo, ours);
}

static bool loc_matches(const struct oracle_loc *o,
			const struct symbolize_location *l, bool asm_frame)
{
	/* For code without a DWARF subprogram eu-addr2line names the
	 * enclosing sized symbol; we keep the oops's name. */
	bool func_ok = !strcmp(o->func, l->function) || asm_frame;

	return func_ok && l->file && path_matches(o->file, l->file) &&
	       o->line == l->line && o->col == l->column;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);

	return ls >= lx && !strcmp(s + ls - lx, suffix);
}

/* Compare one resolved frame with eu-addr2line; returns locations seen. */
static size_t check_frame(const char *text, const struct symbolize_frame *f,
			  const struct symbolize_result *r)
{
	struct oracle o;
	unsigned long long addr = 0;
	size_t i;
	bool asm_frame;

	if (oracle_frame(r->object, f, &o, &addr)) {
		fprintf(stderr, "%s: no oracle answer\n", text);
		CHECK(!"eu-addr2line answered");
		return 0;
	}
	asm_frame = r->nlocs == 1 && r->locs[0].file &&
		    ends_with(r->locs[0].file, ".S");
	printf("  %-48s %#llx\n", text, addr);
	CHECK(o.n == r->nlocs);
	for (i = 0; i < o.n && i < r->nlocs; i++) {
		const struct symbolize_location *l = &r->locs[i];
		bool ok = loc_matches(&o.locs[i], l, asm_frame);

		printf("    %s %s%s %s:%u:%u | eu: %s %s:%u:%u\n",
		       ok ? "==" : "!=", l->function,
		       l->inlined ? " [inline]" : "",
		       l->file ? l->file : "??", l->line, l->column,
		       o.locs[i].func, o.locs[i].file, o.locs[i].line,
		       o.locs[i].col);
		CHECK(ok);
		CHECK(l->inlined == (i + 1 < r->nlocs));
	}
	return r->nlocs;
}

/* ---- golden text ---- */

static void format_trace(const struct trace_in *t,
			 const struct symbolize_trace *tr, char *buf,
			 size_t len)
{
	size_t i, j, o = 0;

	buf[0] = '\0';
	for (i = 0; i < tr->nframes && o < len; i++) {
		const struct symbolize_result *r = &tr->frames[i];

		o += snprintf(buf + o, len - o, "%s\n", t->text[i]);
		if (r->status != SYMBOLIZE_OK && o < len)
			o += snprintf(buf + o, len - o, "    %s: %s\n",
				      symbolize_status_name(r->status),
				      r->reason);
		for (j = 0; j < r->nlocs && o < len; j++) {
			const struct symbolize_location *l = &r->locs[j];

			o += snprintf(buf + o, len - o, "    %s%s %s:%u:%u\n",
				      l->function,
				      l->inlined ? " [inline]" : "",
				      l->file ? l->file : "??", l->line,
				      l->column);
		}
	}
}

static void check_golden(const char *name, const char *text)
{
	char path[PATH_MAX], *want = calloc(1, TEXT_MAX);
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", DATA, name);
	if (getenv("LSG_GOLDEN_UPDATE")) {
		f = fopen(path, "w");
		CHECK(f && fputs(text, f) >= 0 && !fclose(f));
		free(want);
		return;
	}
	f = fopen(path, "r");
	if (f) {
		n = fread(want, 1, TEXT_MAX - 1, f);
		fclose(f);
	}
	want[n] = '\0';
	if (strcmp(want, text))
		fprintf(stderr, "%s differs; got:\n%s", path, text);
	CHECK(!strcmp(want, text));
	free(want);
}

/* ---- setup ---- */

static int env_init(struct env *e)
{
	const char *c = getenv("LOGSAGE_CACHE"), *home = getenv("HOME");
	char path[PATH_MAX + 64];
	FILE *f;

	e->ci = getenv("LOGSAGE_CI") && !strcmp(getenv("LOGSAGE_CI"), "1");
	snprintf(e->cache, sizeof(e->cache), "%s%s", c ? c : home,
		 c ? "" : "/.cache/logsage");
	snprintf(e->dbg, sizeof(e->dbg), "%s/dbg/" REL "/usr/lib/debug",
		 e->cache);
	snprintf(e->vmlinux, sizeof(e->vmlinux), "%s/boot/vmlinux-" REL,
		 e->dbg);
	snprintf(path, sizeof(path), "%s/dbg/" REL "/.done", e->cache);
	if (!exists(path) && system(DATA "/fetch-dbg " REL " >/dev/null"))
		return -1;
	f = fopen(DATA "/" REL ".build-id", "r");
	if (!f || fscanf(f, "%128s", e->build_id) != 1)
		return -1;
	fclose(f);
	return exists(e->vmlinux) ? 0 : -1;
}

static struct symbolize *ctx_create(const char *const *dbg,
				    const char *const *mods, const char *url,
				    const char *cache)
{
	struct symbolize_opts o = {
		.debug_dirs = dbg, .module_dirs = mods,
		.debuginfod_urls = url, .debuginfod_cache = cache,
	};
	struct symbolize *sym = NULL;
	struct lsg_error *err = symbolize_create(&o, &sym);

	if (err)
		lsg_error_print(err, "symbolize_create", stderr);
	CHECK(!err);
	lsg_error_destroy(err);
	return sym;
}

static struct symbolize_trace *run(struct symbolize *sym, const char *rel,
				   const char *id, const struct trace_in *t)
{
	struct symbolize_trace *tr = NULL;
	struct lsg_error *err;

	err = symbolize_frames(sym, rel, id, t->frames, t->n, &tr);
	if (err)
		lsg_error_print(err, "symbolize_frames", stderr);
	CHECK(!err);
	lsg_error_destroy(err);
	return tr;
}

/* Every OK frame against eu-addr2line; counts what came back. */
static void check_trace(const char *name, const struct trace_in *t,
			const struct symbolize_trace *tr, size_t *ok)
{
	size_t i, locs = 0;

	printf("%s: %zu frames, vmlinux build-id %s%s\n", name, t->n,
	       tr->build_id, tr->build_id_checked ? " (checked)" : "");
	*ok = 0;
	for (i = 0; i < tr->nframes; i++) {
		if (tr->frames[i].status != SYMBOLIZE_OK) {
			printf("  %-48s %s: %s\n", t->text[i],
			       symbolize_status_name(tr->frames[i].status),
			       tr->frames[i].reason);
			continue;
		}
		(*ok)++;
		locs += check_frame(t->text[i], &t->frames[i],
				    &tr->frames[i]);
	}
	printf("%s: %zu/%zu frames resolved, %zu locations, all compared\n",
	       name, *ok, t->n, locs);
}

static const struct symbolize_result *find_frame(const struct trace_in *t,
						 const struct symbolize_trace *tr,
						 const char *function)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (!strcmp(t->names[i], function))
			return &tr->frames[i];
	}
	return NULL;
}

/* A location stated independently of eu-addr2line (reference §D.3);
 * @line 0 is not checked. */
static void check_loc(const struct symbolize_result *r, size_t i,
		      const char *function, const char *file,
		      unsigned int line, bool inlined)
{
	CHECK(r && r->status == SYMBOLIZE_OK && i < r->nlocs);
	if (!r || i >= r->nlocs)
		return;
	CHECK_STR(r->locs[i].function, function);
	CHECK_STR(r->locs[i].file, file);
	CHECK(!line || r->locs[i].line == line);
	CHECK(r->locs[i].inlined == inlined);
}

/* ---- the tests ---- */

/* Shapes of paths seen in Debian, out-of-tree and O= builds. */
static void test_paths(void)
{
	static const char *const cases[][4] = {
		/* file, comp_dir, module dir, normalized */
		{ "fs/proc/inode.c", "debian/build/build_amd64_none_cloud-amd64",
		  NULL, "fs/proc/inode.c" },
		{ "debian/build/build_amd64_none_cloud-amd64/fs/proc/inode.c",
		  "debian/build/build_amd64_none_cloud-amd64", NULL,
		  "fs/proc/inode.c" },
		{ "/build/reproducible-path/linux-6.1.192/arch/x86/entry/entry_64.S",
		  "/build/reproducible-path/linux-6.1.192/debian/build/build_amd64_none_cloud-amd64",
		  NULL, "arch/x86/entry/entry_64.S" },
		{ "/usr/src/linux-headers-6.1.0-56-common/include/linux/printk.h",
		  "/usr/src/linux-headers-6.1.0-56-cloud-amd64", "/src/m",
		  "include/linux/printk.h" },
		{ "/src/m/lsgoops.c", "/usr/src/linux-headers-6.1.0-56-cloud-amd64",
		  "/src/m", "lsgoops.c" },
		{ "../../../mm/memory.c", "/src/linux/build/x86", NULL,
		  "mm/memory.c" },
		{ "./fs//proc/./inode.c", NULL, NULL, "fs/proc/inode.c" },
		{ "../a/../..", NULL, NULL, "../.." },
		{ "/home/u/mymod/x.c", "/usr/src/h", NULL, "/home/u/mymod/x.c" },
	};
	char out[SYMBOLIZE_PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		symbolize_path_normalize(cases[i][0], cases[i][1], cases[i][2],
					 out, sizeof(out));
		CHECK_STR(out, cases[i][3]);
	}
	symbolize_path_normalize("fs/proc/inode.c", NULL, NULL, out, 8);
	CHECK(strlen(out) < 8);
}

static void test_sysrq(const struct env *e, struct symbolize *sym)
{
	struct trace_in *t = calloc(1, sizeof(*t));
	char *text = malloc(TEXT_MAX);
	struct symbolize_trace *tr;
	const struct symbolize_result *r;
	size_t ok;

	CHECK(!parse_log(DATA "/sysrq-" REL ".log", t) && t->n == 22);
	tr = run(sym, REL, e->build_id, t);
	if (tr) {
		check_trace("sysrq", t, tr, &ok);
		CHECK(ok == t->n && tr->build_id_checked);
		CHECK_STR(tr->build_id, e->build_id);
		r = find_frame(t, tr, "proc_reg_write");
		check_loc(r, 0, "pde_write", "fs/proc/inode.c", 340, true);
		check_loc(r, 1, "proc_reg_write", "fs/proc/inode.c", 352,
			  false);
		r = find_frame(t, tr, "entry_SYSCALL_64_after_hwframe");
		check_loc(r, 0, "entry_SYSCALL_64_after_hwframe",
			  "arch/x86/entry/entry_64.S", 121, false);
		format_trace(t, tr, text, TEXT_MAX);
		check_golden("sysrq-" REL ".expected", text);
	}
	symbolize_trace_destroy(tr);
	free(text);
	free(t);
}

/* §D.1: its lsoops.ko is not available, so two frames are no-module. */
static void test_reference_oops(const struct env *e, struct symbolize *sym)
{
	struct trace_in *t = calloc(1, sizeof(*t));
	char *text = malloc(TEXT_MAX);
	struct symbolize_trace *tr;
	const struct symbolize_result *r;
	size_t ok;

	CHECK(!parse_log(DATA "/ref-oops-" REL ".log", t) && t->n == 10);
	tr = run(sym, REL, e->build_id, t);
	if (tr) {
		check_trace("reference oops", t, tr, &ok);
		CHECK(ok == t->n - 2);
		CHECK(tr->frames[0].status == SYMBOLIZE_NO_MODULE);
		CHECK(tr->frames[1].status == SYMBOLIZE_NO_MODULE);
		CHECK(strstr(tr->frames[0].reason, "no lsoops.ko for " REL));
		r = find_frame(t, tr, "syscall_exit_to_user_mode");
		check_loc(r, 0, "arch_exit_to_user_mode",
			  "arch/x86/include/asm/entry-common.h", 98, true);
		check_loc(r, 1, "__exit_to_user_mode", "kernel/entry/common.c",
			  144, true);
		check_loc(r, 2, "syscall_exit_to_user_mode",
			  "kernel/entry/common.c", 308, false);
		format_trace(t, tr, text, TEXT_MAX);
		check_golden("ref-oops-" REL ".expected", text);
	}
	symbolize_trace_destroy(tr);
	free(text);
	free(t);
}

/*
 * A finished (DONE) nullderef vmcore of the harness and the lsgoops.ko it
 * crashed in: the copy kept beside the vmcore, else the build's.
 */
static int find_nullderef(const struct env *e, char *log, char *moddir)
{
	char pat[PATH_MAX + 64], ko[PATH_MAX + 64];
	glob_t g;
	size_t i;
	int ret = -1;

	snprintf(pat, sizeof(pat), "%s/vmcores/" REL "/nullderef-*/DONE",
		 e->cache);
	if (glob(pat, 0, NULL, &g))
		return -1;
	for (i = 0; i < g.gl_pathc && ret; i++) {
		const char *dir = g.gl_pathv[i];
		int dlen = strrchr(dir, '/') - dir;
		const char *key = strstr(dir, "/nullderef-") + 11;

		snprintf(log, PATH_MAX, "%.*s/console.log", dlen, dir);
		snprintf(moddir, PATH_MAX, "%.*s", dlen, dir);
		snprintf(ko, sizeof(ko), "%s/lsgoops.ko", moddir);
		if (!exists(ko))
			snprintf(moddir, PATH_MAX, "%s/build/" REL "-%.*s/module",
				 e->cache, (int)strcspn(key, "/"), key);
		snprintf(ko, sizeof(ko), "%s/lsgoops.ko", moddir);
		if (exists(ko) && exists(log))
			ret = 0;
	}
	globfree(&g);
	return ret;
}

static void test_nullderef(const struct env *e)
{
	char log[PATH_MAX], moddir[PATH_MAX];
	const char *dbg[] = { e->dbg, NULL }, *mods[] = { moddir, NULL };
	struct trace_in *t;
	struct symbolize_trace *tr;
	struct symbolize *sym;
	size_t ok;

	if (find_nullderef(e, log, moddir)) {
		printf("note: no 6.1 nullderef vmcore with its lsgoops.ko in %s (make vmcores)\n",
		       e->cache);
		CHECK(!e->ci);
		return;
	}
	printf("nullderef: %s, module from %s\n", log, moddir);
	t = calloc(1, sizeof(*t));
	sym = ctx_create(dbg, mods, NULL, NULL);
	CHECK(!parse_log(log, t) && t->n >= 5);
	tr = sym ? run(sym, REL, e->build_id, t) : NULL;
	if (tr) {
		check_trace("nullderef", t, tr, &ok);
		CHECK(ok == t->n);
		/* lsg_write() -> lsg_poke() -> lsg_walk() -> lsg_read_gen() */
		CHECK(t->frames[0].exact_pc &&
		      !strcmp(t->names[0], "lsg_walk"));
		CHECK(tr->frames[0].nlocs == 2);
		check_loc(&tr->frames[0], 0, "lsg_read_gen", "lsgoops.c", 0,
			  true);
		CHECK(tr->frames[0].nlocs == 2 &&
		      !strcmp(tr->frames[0].locs[1].function, "lsg_walk"));
	}
	symbolize_trace_destroy(tr);
	symbolize_destroy(sym);
	free(t);
}

static void add_frame(struct trace_in *t, const char *func,
		      unsigned long long off, unsigned long long size,
		      const char *mod)
{
	size_t i = t->n++;

	snprintf(t->names[i], sizeof(t->names[i]), "%s", func);
	snprintf(t->mods[i], sizeof(t->mods[i]), "%s", mod ? mod : "");
	snprintf(t->text[i], sizeof(t->text[i]), "%s+%#llx/%#llx [%s]", func,
		 off, size, mod ? mod : "vmlinux");
	t->frames[i] = (struct symbolize_frame){
		.function = t->names[i], .offset = off, .size = size,
		.module = mod ? t->mods[i] : NULL,
	};
}

/* Debian modules ('-' in the file name, .cold in .text.unlikely), an
 * unknown module, unknown symbols and impossible offsets. */
static void test_modules(const struct env *e, struct symbolize *sym)
{
	struct trace_in *t = calloc(1, sizeof(*t));
	struct symbolize_trace *tr;
	size_t ok;

	add_frame(t, "crc_itu_t", 0x20, 0x30, "crc_itu_t");
	add_frame(t, "load_misc_binary", 0x120, 0x300, "binfmt_misc");
	add_frame(t, "bm_register_write.cold", 0x10, 0x20, "binfmt-misc");
	add_frame(t, "bm_entry_write", 0x50, 0xa0, "binfmt_misc");
	add_frame(t, "crc_itu_t", 0x10, 0x30, "nosuchmod");
	add_frame(t, "no_such_function", 0x10, 0x30, NULL);
	add_frame(t, "proc_reg_write", 0xb0, 0xa0, NULL);
	add_frame(t, "", 0x10, 0x30, NULL);
	add_frame(t, "proc_reg_write", 0x10, 0xa0, "bad/name");
	tr = run(sym, REL, e->build_id, t);
	if (tr) {
		check_trace("modules", t, tr, &ok);
		CHECK(ok == 4);
		check_loc(&tr->frames[0], 0, "crc_itu_t_byte",
			  "include/linux/crc-itu-t.h", 22, true);
		CHECK(tr->frames[0].object &&
		      ends_with(tr->frames[0].object, "/crc-itu-t.ko"));
		CHECK(tr->frames[4].status == SYMBOLIZE_NO_MODULE &&
		      strstr(tr->frames[4].reason, "no nosuchmod.ko"));
		CHECK(tr->frames[5].status == SYMBOLIZE_NO_SYMBOL);
		CHECK(tr->frames[6].status == SYMBOLIZE_BAD_OFFSET);
		CHECK(tr->frames[7].status == SYMBOLIZE_INVALID);
		CHECK(tr->frames[8].status == SYMBOLIZE_INVALID);
	}
	symbolize_trace_destroy(tr);
	free(t);
}

/* A 6.12 build of lsgoops.ko must not be used for a 6.1 frame. */
static void test_vermagic(const struct env *e)
{
	char pat[PATH_MAX + 64], dir[PATH_MAX];
	const char *dbg[] = { e->dbg, NULL }, *mods[] = { dir, NULL };
	struct trace_in *t = calloc(1, sizeof(*t));
	struct symbolize_trace *tr;
	struct symbolize *sym;
	glob_t g;

	snprintf(pat, sizeof(pat), "%s/build/6.12*/module/lsgoops.ko",
		 e->cache);
	if (glob(pat, 0, NULL, &g)) {
		printf("note: no 6.12 lsgoops build, vermagic check not run\n");
		free(t);
		return;
	}
	snprintf(dir, sizeof(dir), "%.*s",
		 (int)(strrchr(g.gl_pathv[0], '/') - g.gl_pathv[0]),
		 g.gl_pathv[0]);
	sym = ctx_create(dbg, mods, NULL, NULL);
	add_frame(t, "lsg_walk", 0x10, 0x30, "lsgoops");
	tr = sym ? run(sym, REL, e->build_id, t) : NULL;
	if (tr) {
		printf("vermagic: %s\n", tr->frames[0].reason);
		CHECK(tr->frames[0].status == SYMBOLIZE_NO_MODULE);
		CHECK(strstr(tr->frames[0].reason, "vermagic 6.12"));
	}
	symbolize_trace_destroy(tr);
	symbolize_destroy(sym);
	globfree(&g);
	free(t);
}

static struct trace_in *one_frame(void)
{
	struct trace_in *t = calloc(1, sizeof(*t));

	add_frame(t, "proc_reg_write", 0x56, 0xa0, NULL);
	return t;
}

static void test_mismatch(const struct env *e, struct symbolize *sym)
{
	static const char other[] = "00112233445566778899aabbccddeeff00112233";
	struct trace_in *t = one_frame();
	struct symbolize_trace *tr = NULL;
	struct lsg_error *err;

	err = symbolize_frames(sym, REL, other, t->frames, t->n, &tr);
	CHECK(err && !tr);
	if (err) {
		printf("mismatch: %s\n", err->message);
		CHECK(err->code == LSG_ERR_CORRUPT);
		CHECK(strstr(err->message, e->build_id));
		CHECK(strstr(err->message, other));
		CHECK(strstr(err->message, "refusing"));
	}
	lsg_error_destroy(err);
	/* Without a build-id nothing is checked, and the trace says so. */
	tr = run(sym, REL, NULL, t);
	CHECK(tr && !tr->build_id_checked &&
	      tr->frames[0].status == SYMBOLIZE_OK);
	symbolize_trace_destroy(tr);
	free(t);
}

static void test_missing(const struct env *e, struct symbolize *sym)
{
	struct trace_in *t = one_frame();
	struct symbolize_trace *tr;
	struct symbolize_frame many[SYMBOLIZE_FRAMES_MAX + 1];
	struct lsg_error *err;

	add_frame(t, "crc_itu_t", 0x20, 0x30, "crc_itu_t");
	tr = run(sym, "6.1.0-99-cloud-amd64", e->build_id, t);
	CHECK(tr && !tr->vmlinux && tr->nframes == 2);
	if (tr) {
		printf("missing: %s\n", tr->frames[0].reason);
		CHECK(tr->frames[0].status == SYMBOLIZE_NO_DEBUGINFO);
		CHECK(tr->frames[1].status == SYMBOLIZE_NO_DEBUGINFO);
		CHECK(tr->frames[0].nlocs == 0);
		CHECK(strstr(tr->frames[0].reason, "no vmlinux"));
	}
	symbolize_trace_destroy(tr);
	err = symbolize_frames(sym, "../../etc", NULL, t->frames, 1, &tr);
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
	err = symbolize_frames(sym, REL, "xyz", t->frames, 1, &tr);
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
	memset(many, 0, sizeof(many));
	err = symbolize_frames(sym, REL, NULL, many, SYMBOLIZE_FRAMES_MAX + 1,
			       &tr);
	CHECK(err && err->code == LSG_ERR_LIMIT);
	lsg_error_destroy(err);
	free(t);
}

static int make_link(const char *target, const char *dir, const char *rel)
{
	char path[PATH_MAX], cmd[3 * PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\" && ln -sf '%s' '%s'",
		 path, target, path);
	return system(cmd);
}

static void rm_rf(const char *dir)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	CHECK(system(cmd) == 0);
}

/* vmlinux found through DIR/.build-id/xx/yyyy.debug and through
 * DIR/lib/modules/REL/vmlinux; a wrong-build vmlinux in an earlier
 * directory is passed over for a matching one in a later directory. */
static void test_layouts(const struct env *e)
{
	char tmp[] = "/tmp/lsg-symbolize-XXXXXX", a[PATH_MAX], b[PATH_MAX],
	     c[PATH_MAX], rel[256], ko[PATH_MAX];
	const char *da[] = { a, NULL }, *db[] = { b, NULL },
		   *dcb[] = { c, b, NULL }, *dc[] = { c, NULL };
	struct trace_in *t = one_frame();
	const char *const *sets[] = { da, db, dcb };
	const char *expect[] = { "/.build-id/3b/", "/lib/modules/", b };
	struct symbolize_trace *tr = NULL;
	struct symbolize *sym;
	struct lsg_error *err;
	size_t i;

	CHECK(mkdtemp(tmp) != NULL);
	snprintf(a, sizeof(a), "%s/a", tmp);
	snprintf(b, sizeof(b), "%s/b", tmp);
	snprintf(c, sizeof(c), "%s/c", tmp);
	snprintf(rel, sizeof(rel), ".build-id/%.2s/%s.debug", e->build_id,
		 e->build_id + 2);
	snprintf(ko, sizeof(ko), "%s/lib/modules/" REL "/kernel/lib/crc-itu-t.ko",
		 e->dbg);
	CHECK(!make_link(e->vmlinux, a, rel));
	CHECK(!make_link(e->vmlinux, b, "lib/modules/" REL "/vmlinux"));
	CHECK(!make_link(ko, c, "boot/vmlinux-" REL));
	for (i = 0; i < 3; i++) {
		sym = ctx_create(sets[i], NULL, NULL, NULL);
		tr = sym ? run(sym, REL, e->build_id, t) : NULL;
		CHECK(tr && tr->vmlinux && strstr(tr->vmlinux, expect[i]) &&
		      tr->frames[0].status == SYMBOLIZE_OK);
		symbolize_trace_destroy(tr);
		symbolize_destroy(sym);
	}
	sym = ctx_create(dc, NULL, NULL, NULL);
	tr = NULL;
	err = sym ? symbolize_frames(sym, REL, e->build_id, t->frames, 1, &tr) :
		    NULL;
	CHECK(err && err->code == LSG_ERR_CORRUPT && !tr);
	if (err)
		printf("layouts: %s\n", err->message);
	lsg_error_destroy(err);
	symbolize_destroy(sym);
	rm_rf(tmp);
	free(t);
}

/* ---- debuginfod: a local server with the real vmlinux ---- */

struct server {
	struct MHD_Daemon *daemon;
	const char *file;
	char path[256];		/* /buildid/ID/debuginfo */
	unsigned int port;
	int requests;
};

static enum MHD_Result serve(void *cls, struct MHD_Connection *conn,
			     const char *url, const char *method,
			     const char *version, const char *upload,
			     size_t *upload_size, void **state)
{
	struct server *s = cls;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	unsigned int code = MHD_HTTP_OK;
	struct stat st;
	int fd = -1;

	(void)method, (void)version, (void)upload, (void)upload_size;
	(void)state;
	__atomic_add_fetch(&s->requests, 1, __ATOMIC_SEQ_CST);
	if (!strcmp(url, s->path))
		fd = open(s->file, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && !fstat(fd, &st)) {
		resp = MHD_create_response_from_fd(st.st_size, fd);
	} else {
		if (fd >= 0)
			close(fd);
		code = MHD_HTTP_NOT_FOUND;
		resp = MHD_create_response_from_buffer(0, NULL,
						       MHD_RESPMEM_PERSISTENT);
	}
	ret = MHD_queue_response(conn, code, resp);
	MHD_destroy_response(resp);
	return ret;
}

static int server_start(struct server *s)
{
	struct sockaddr_in sa = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	const union MHD_DaemonInfo *info;

	s->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD, 0,
				     NULL, NULL, serve, s,
				     MHD_OPTION_SOCK_ADDR, &sa,
				     MHD_OPTION_END);
	if (!s->daemon)
		return -1;
	info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = info ? info->port : 0;
	return s->port ? 0 : -1;
}

static void test_debuginfod(const struct env *e)
{
	char tmp[] = "/tmp/lsg-debuginfod-XXXXXX", url[64], cached[PATH_MAX];
	const char *none[] = { NULL };
	struct server s = { .file = e->vmlinux };
	struct trace_in *t = one_frame();
	struct symbolize_trace *tr;
	struct symbolize *sym;
	double t0;

	snprintf(s.path, sizeof(s.path), "/buildid/%s/debuginfo", e->build_id);
	CHECK(mkdtemp(tmp) != NULL);
	CHECK(!server_start(&s));
	snprintf(url, sizeof(url), "http://127.0.0.1:%u/", s.port);
	snprintf(cached, sizeof(cached), "%s/%s.debug", tmp, e->build_id);

	sym = ctx_create(none, NULL, url, tmp);
	t0 = now();
	tr = sym ? run(sym, REL, e->build_id, t) : NULL;
	printf("debuginfod: download + symbolize %.0f ms\n",
	       (now() - t0) * 1e3);
	CHECK(tr && tr->vmlinux && !strcmp(tr->vmlinux, cached) &&
	      tr->frames[0].status == SYMBOLIZE_OK && s.requests == 1);
	symbolize_trace_destroy(tr);
	symbolize_destroy(sym);

	/* A new context finds the download in the cache. */
	sym = ctx_create(none, NULL, url, tmp);
	tr = sym ? run(sym, REL, e->build_id, t) : NULL;
	CHECK(tr && tr->frames[0].status == SYMBOLIZE_OK && s.requests == 1);
	symbolize_trace_destroy(tr);

	/* The server has nothing for another build: unsymbolized, why. */
	tr = sym ? run(sym, REL, "00112233445566778899aabbccddeeff00112233",
		       t) : NULL;
	CHECK(tr && tr->frames[0].status == SYMBOLIZE_NO_DEBUGINFO);
	if (tr) {
		printf("debuginfod: %s\n", tr->frames[0].reason);
		CHECK(strstr(tr->frames[0].reason, "404"));
	}
	symbolize_trace_destroy(tr);
	symbolize_destroy(sym);
	MHD_stop_daemon(s.daemon);
	rm_rf(tmp);
	free(t);
}

/* ---- concurrency and timing ---- */

struct worker {
	struct symbolize *sym;
	const struct env *e;
	const struct trace_in *t;
	const char *want;
	int mismatches;
};

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	char *text = malloc(TEXT_MAX);
	struct symbolize_trace *tr;
	int i;

	for (i = 0; i < 3; i++) {
		tr = NULL;
		lsg_error_destroy(symbolize_frames(w->sym, REL, w->e->build_id,
						   w->t->frames, w->t->n, &tr));
		if (tr)
			format_trace(w->t, tr, text, TEXT_MAX);
		w->mismatches += !tr || strcmp(text, w->want);
		symbolize_trace_destroy(tr);
	}
	free(text);
	return NULL;
}

/* Four threads on one context get what one thread gets. */
static void test_threads(const struct env *e, struct symbolize *sym)
{
	struct trace_in *t = calloc(1, sizeof(*t));
	char *want = malloc(TEXT_MAX);
	struct symbolize_trace *tr;
	struct worker w[4];
	pthread_t th[4];
	int i;

	parse_log(DATA "/sysrq-" REL ".log", t);
	tr = run(sym, REL, e->build_id, t);
	if (tr)
		format_trace(t, tr, want, TEXT_MAX);
	symbolize_trace_destroy(tr);
	for (i = 0; i < 4; i++) {
		w[i] = (struct worker){ sym, e, t, want, 0 };
		CHECK(!pthread_create(&th[i], NULL, worker_run, &w[i]));
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		CHECK(w[i].mismatches == 0);
	}
	free(want);
	free(t);
}

static double time_runs(struct symbolize *sym, const struct env *e,
			const struct trace_in *t, int n)
{
	double t0 = now();
	int i;

	for (i = 0; i < n; i++)
		symbolize_trace_destroy(run(sym, REL, e->build_id, t));
	return (now() - t0) / n;
}

/*
 * Cold: a new context opens vmlinux, hashes its symbol table and resolves
 * 20 frames.  Warm: the same trace again (memo hits), and 20 frames the
 * context has not seen yet (open Dwfl, DWARF scope walk per frame).
 */
static void test_timing(const struct env *e)
{
	const char *dbg[] = { e->dbg, NULL };
	struct trace_in *t = calloc(1, sizeof(*t));
	struct symbolize *sym;
	double t0, cold, warm, unseen;
	size_t i;

	parse_log(DATA "/sysrq-" REL ".log", t);
	t->n = 20;
	t0 = now();
	sym = ctx_create(dbg, NULL, NULL, NULL);
	symbolize_trace_destroy(sym ? run(sym, REL, e->build_id, t) : NULL);
	cold = now() - t0;
	warm = sym ? time_runs(sym, e, t, 20) : 0;
	for (i = 0; i < t->n; i++)
		t->frames[i].offset--;
	unseen = sym ? time_runs(sym, e, t, 1) : 0;
	printf("timing: cold (open vmlinux, symtab hash, 20 frames): %.0f ms\n",
	       cold * 1e3);
	printf("timing: warm 20-frame trace, seen before: %.3f ms\n",
	       warm * 1e3);
	printf("timing: warm 20-frame trace, frames not seen before: %.1f ms\n",
	       unseen * 1e3);
	symbolize_destroy(sym);
	free(t);
}

int main(void)
{
	struct env e;
	const char *dbg[] = { e.dbg, NULL };
	struct symbolize *sym;

	test_paths();
	if (env_init(&e))
		return test_skip("no " REL " debug info (tests/data/symbolize/fetch-dbg failed)");
	curl_global_init(CURL_GLOBAL_DEFAULT);
	test_timing(&e);
	sym = ctx_create(dbg, NULL, NULL, NULL);
	if (sym) {
		test_sysrq(&e, sym);
		test_reference_oops(&e, sym);
		test_modules(&e, sym);
		test_mismatch(&e, sym);
		test_missing(&e, sym);
		test_threads(&e, sym);
	}
	symbolize_destroy(sym);
	test_nullderef(&e);
	test_vermagic(&e);
	test_layouts(&e);
	test_debuginfod(&e);
	curl_global_cleanup();
	return test_exit();
}
