/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel frame symbolizer over elfutils libdwfl: the public API.  A
 * context copies its options, keeps up to max_kernels opened kernel
 * builds (least recently used evicted) and serializes calls with its
 * lock; finding files is symbolize_find.c, resolving a frame
 * symbolize_dwarf.c.  Also the arena and string map all three use.
 */
#include <ctype.h>
#include <elfutils/libdwfl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize_internal.h"

enum {
	URLS_MAX = 4,
	KERNELS_DEFAULT = 4,
};

static const size_t ARENA_CHUNK = 16384;
static const size_t ARENA_LIMIT = 8u << 20;	/* bytes per trace */
static const uint64_t DEBUGINFOD_MAX_DEFAULT = 2ull << 30;

/* ---- arena: the strings and arrays of one trace ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t cap;
	max_align_t data[];
};

struct lsg_error *symbolize_arena_alloc(struct arena *a, size_t n, void **ret)
{
	const size_t align = sizeof(max_align_t);
	size_t need = (n + align - 1) / align * align;
	struct arena_chunk *c = a->head;

	if (!c || c->cap - c->used < need) {
		size_t cap = need > ARENA_CHUNK ? need : ARENA_CHUNK;
		size_t limit = a->limit ? a->limit : ARENA_LIMIT;

		if (a->total + cap > limit)
			return lsg_error_create(LSG_ERR_LIMIT,
						"symbolize: results exceed %zu bytes",
						limit);
		c = malloc(sizeof(*c) + cap);
		if (!c)
			return &lsg_enomem;
		c->next = a->head;
		c->used = 0;
		c->cap = cap;
		a->head = c;
		a->total += cap;
	}
	*ret = (char *)c->data + c->used;
	c->used += need;
	return NULL;
}

struct lsg_error *symbolize_arena_strdup(struct arena *a, const char *s,
					 const char **ret)
{
	size_t len = strnlen(s, SYMBOLIZE_PATH_MAX - 1);
	struct lsg_error *err;
	char *p;

	err = symbolize_arena_alloc(a, len + 1, (void **)&p);
	if (err)
		return err;
	memcpy(p, s, len);
	p[len] = '\0';
	*ret = p;
	return NULL;
}

void symbolize_arena_deinit(struct arena *a)
{
	struct arena_chunk *c = a->head, *next;

	for (; c; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
}

/* ---- strmap: open-addressing string -> uint32_t, keys borrowed ---- */

struct strmap_slot {
	const char *key;
	uint32_t hash;
	uint32_t val;
};

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;	/* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static struct strmap_slot *strmap_slot(const struct strmap *m, const char *key,
				       uint32_t h)
{
	size_t i = h & m->mask;

	for (;; i = (i + 1) & m->mask) {
		struct strmap_slot *s = &m->slots[i];

		if (!s->key || (s->hash == h && !strcmp(s->key, key)))
			return s;
	}
}

static struct lsg_error *strmap_resize(struct strmap *m, size_t cap)
{
	struct strmap old = *m;
	size_t i;

	m->slots = calloc(cap, sizeof(*m->slots));
	if (!m->slots) {
		*m = old;
		return &lsg_enomem;
	}
	m->mask = cap - 1;
	for (i = 0; old.slots && i <= old.mask; i++) {
		if (old.slots[i].key)
			*strmap_slot(m, old.slots[i].key,
				     old.slots[i].hash) = old.slots[i];
	}
	free(old.slots);
	return NULL;
}

struct lsg_error *symbolize_strmap_init(struct strmap *m, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	m->slots = NULL;
	m->n = 0;
	return strmap_resize(m, cap);
}

void symbolize_strmap_deinit(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
}

uint32_t symbolize_strmap_get(const struct strmap *m, const char *key)
{
	const struct strmap_slot *s;

	if (!m->slots)
		return NONE;
	s = strmap_slot(m, key, str_hash(key));
	return s->key ? s->val : NONE;
}

struct lsg_error *symbolize_strmap_ref(struct strmap *m, const char *key,
				       uint32_t **valp)
{
	uint32_t h = str_hash(key);
	struct strmap_slot *s;
	struct lsg_error *err;

	if (2 * (m->n + 1) > m->mask + 1) {
		err = strmap_resize(m, 2 * (m->mask + 1));
		if (err)
			return err;
	}
	s = strmap_slot(m, key, h);
	if (!s->key) {
		s->key = key;
		s->hash = h;
		s->val = NONE;
		m->n++;
	}
	*valp = &s->val;
	return NULL;
}

/* ---- input checks ---- */

static bool valid_release(const char *s)
{
	size_t len = strnlen(s, SYMBOLIZE_RELEASE_MAX + 1);

	if (!len || len > SYMBOLIZE_RELEASE_MAX || !strcmp(s, ".") ||
	    !strcmp(s, ".."))
		return false;
	for (; *s; s++) {
		if (!isgraph((unsigned char)*s) || *s == '/')
			return false;
	}
	return true;
}

/* Lower-cases a hex build-id into @out (2 * BUILD_ID_MAX + 1 bytes). */
static bool valid_build_id(const char *s, char *out)
{
	size_t len = strnlen(s, 2 * BUILD_ID_MAX + 1), i;

	if (len < 2 || len > 2 * BUILD_ID_MAX || len % 2)
		return false;
	for (i = 0; i < len; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return false;
		out[i] = tolower((unsigned char)s[i]);
	}
	out[len] = '\0';
	return true;
}

/* ---- the kernel cache ---- */

static struct kernel *kernel_cached(struct symbolize *sym, const char *release,
				    const char *want)
{
	size_t i;

	for (i = 0; i < sym->nkernels; i++) {
		struct kernel *k = sym->kernels[i];

		if (!strcmp(k->release, release) &&
		    (!want || !strcmp(k->build_id, want)))
			return k;
	}
	return NULL;
}

/* Takes @k; evicts the least recently used kernel when full. */
static void kernel_cache_add(struct symbolize *sym, struct kernel *k)
{
	size_t i, lru = 0;

	if (sym->nkernels == sym->max_kernels) {
		for (i = 1; i < sym->nkernels; i++) {
			if (sym->kernels[i]->last_used <
			    sym->kernels[lru]->last_used)
				lru = i;
		}
		symbolize_kernel_destroy(sym->kernels[lru]);
		sym->kernels[lru] = sym->kernels[--sym->nkernels];
	}
	sym->kernels[sym->nkernels++] = k;
}

/* The kernel, opening it on a miss; *@ret NULL and *@why set when there
 * is no vmlinux for it. */
static struct lsg_error *kernel_get(struct symbolize *sym, const char *release,
				    const char *want, struct kernel **ret,
				    char **why)
{
	struct lsg_error *err;
	struct kernel *k = kernel_cached(sym, release, want);

	if (!k) {
		err = symbolize_kernel_open(sym, release, want, &k, why);
		if (err || !k) {
			*ret = NULL;
			return err;
		}
		kernel_cache_add(sym, k);
	}
	k->last_used = ++sym->tick;
	*ret = k;
	return NULL;
}

/* ---- traces ---- */

/* What a struct symbolize_trace * really points to: pub comes first. */
struct trace_box {
	struct symbolize_trace pub;
	struct symbolize_result *frames;	/* pub.frames, writable */
	struct arena arena;
};

void symbolize_trace_destroy(struct symbolize_trace *trace)
{
	struct trace_box *box = (struct trace_box *)trace;

	if (!box)
		return;
	symbolize_arena_deinit(&box->arena);
	free(box);
}

static struct lsg_error *trace_create(size_t nframes, struct trace_box **ret)
{
	struct symbolize_result *frames;
	struct trace_box *box = calloc(1, sizeof(*box));
	struct lsg_error *err;

	if (!box)
		return &lsg_enomem;
	err = symbolize_arena_alloc(&box->arena, (nframes ? nframes : 1) *
				    sizeof(*frames), (void **)&frames);
	if (err) {
		symbolize_trace_destroy(&box->pub);
		return err;
	}
	memset(frames, 0, nframes * sizeof(*frames));
	box->frames = frames;
	box->pub.frames = frames;
	box->pub.nframes = nframes;
	*ret = box;
	return NULL;
}

/* Every frame unsymbolized, for a kernel without debug info. */
static struct lsg_error *trace_no_debuginfo(struct trace_box *box,
					    const char *why)
{
	struct symbolize_result *r = box->frames;
	const char *reason;
	struct lsg_error *err;
	size_t i;

	err = symbolize_arena_strdup(&box->arena, why, &reason);
	for (i = 0; !err && i < box->pub.nframes; i++) {
		r[i].status = SYMBOLIZE_NO_DEBUGINFO;
		r[i].reason = reason;
	}
	return err;
}

static struct lsg_error *trace_run(const struct symbolize *sym,
				   struct kernel *k, bool checked,
				   const struct symbolize_frame *frames,
				   struct trace_box *box)
{
	struct symbolize_result *r = box->frames;
	struct symbolize_trace *t = &box->pub;
	struct lsg_error *err;
	size_t i;

	err = symbolize_arena_strdup(&box->arena, k->vmlinux, &t->vmlinux);
	if (!err)
		err = symbolize_arena_strdup(&box->arena, k->build_id,
					     &t->build_id);
	t->build_id_checked = checked;
	for (i = 0; !err && i < t->nframes; i++)
		err = symbolize_frame_run(sym, k, &frames[i], &box->arena,
					  &r[i]);
	return err;
}

static struct lsg_error *check_args(const char *release, const char *build_id,
				    const struct symbolize_frame *frames,
				    size_t nframes, char *want)
{
	if (!release || !valid_release(release))
		return lsg_error_create(LSG_ERR_INVALID,
					"symbolize: bad kernel release");
	if (build_id && !valid_build_id(build_id, want))
		return lsg_error_create(LSG_ERR_INVALID,
					"symbolize: bad build-id \"%.*s\"",
					2 * BUILD_ID_MAX, build_id);
	if (nframes > SYMBOLIZE_FRAMES_MAX)
		return lsg_error_create(LSG_ERR_LIMIT,
					"symbolize: %zu frames, at most %d",
					nframes, SYMBOLIZE_FRAMES_MAX);
	if (nframes && !frames)
		return lsg_error_create(LSG_ERR_INVALID,
					"symbolize: no frames");
	return NULL;
}

struct lsg_error *symbolize_frames(struct symbolize *sym, const char *release,
				   const char *build_id,
				   const struct symbolize_frame *frames,
				   size_t nframes,
				   struct symbolize_trace **ret)
{
	char want[2 * BUILD_ID_MAX + 1];
	struct trace_box *box = NULL;
	struct lsg_error *err;
	struct kernel *k;
	char *why = NULL;

	err = check_args(release, build_id, frames, nframes, want);
	if (err)
		return err;
	err = trace_create(nframes, &box);
	if (err)
		return err;
	pthread_mutex_lock(&sym->lock);
	err = kernel_get(sym, release, build_id ? want : NULL, &k, &why);
	if (!err && !k)
		err = trace_no_debuginfo(box, why);
	else if (!err)
		err = trace_run(sym, k, build_id != NULL, frames, box);
	pthread_mutex_unlock(&sym->lock);
	free(why);
	if (err) {
		symbolize_trace_destroy(&box->pub);
		return lsg_error_wrap(err, "symbolize %s", release);
	}
	*ret = &box->pub;
	return NULL;
}

/* ---- contexts ---- */

static void strv_free(char **v)
{
	size_t i;

	for (i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

/* A NULL-terminated copy of @in (NULL: empty), each entry a directory
 * path shorter than SYMBOLIZE_PATH_MAX. */
static struct lsg_error *dirs_copy(const char *const *in, const char *what,
				   char ***ret)
{
	size_t n = 0, i;
	char **v;

	while (in && in[n])
		n++;
	if (n > SYMBOLIZE_DIRS_MAX)
		return lsg_error_create(LSG_ERR_INVALID,
					"symbolize: more than %d %s",
					SYMBOLIZE_DIRS_MAX, what);
	v = calloc(n + 1, sizeof(*v));
	if (!v)
		return &lsg_enomem;
	for (i = 0; i < n; i++) {
		if (!in[i][0] || strlen(in[i]) >= SYMBOLIZE_PATH_MAX) {
			strv_free(v);
			return lsg_error_create(LSG_ERR_INVALID,
						"symbolize: bad entry in %s",
						what);
		}
		v[i] = strdup(in[i]);
		if (!v[i]) {
			strv_free(v);
			return &lsg_enomem;
		}
	}
	*ret = v;
	return NULL;
}

static bool url_ok(const char *u, size_t len)
{
	return len < SYMBOLIZE_PATH_MAX &&
	       ((len > 7 && !strncmp(u, "http://", 7)) ||
		(len > 8 && !strncmp(u, "https://", 8)));
}

/* Split the space-separated URL list; trailing '/' dropped. */
static struct lsg_error *urls_parse(const char *s, char ***ret)
{
	char **v = calloc(URLS_MAX + 1, sizeof(*v));
	size_t n = 0;

	if (!v)
		return &lsg_enomem;
	while (s && *(s += strspn(s, " \t"))) {
		size_t len = strcspn(s, " \t"), keep = len;

		while (keep && s[keep - 1] == '/')
			keep--;
		if (n == URLS_MAX || !url_ok(s, keep)) {
			strv_free(v);
			return lsg_error_create(LSG_ERR_INVALID,
						"symbolize: bad debuginfod URL list (at most %d http(s) URLs)",
						URLS_MAX);
		}
		v[n] = strndup(s, keep);
		if (!v[n++]) {
			strv_free(v);
			return &lsg_enomem;
		}
		s += len;
	}
	*ret = v;
	return NULL;
}

static struct lsg_error *dwfl_path_build(struct symbolize *sym)
{
	size_t len = sizeof(":.debug"), i;

	for (i = 0; sym->debug_dirs[i]; i++)
		len += strlen(sym->debug_dirs[i]) + 1;
	sym->dwfl_path = malloc(len);
	if (!sym->dwfl_path)
		return &lsg_enomem;
	strcpy(sym->dwfl_path, ":.debug");
	for (i = 0; sym->debug_dirs[i]; i++) {
		strcat(sym->dwfl_path, ":");
		strcat(sym->dwfl_path, sym->debug_dirs[i]);
	}
	/* Where libdwfl looks for separate debug files of stripped .ko's. */
	sym->cb = (Dwfl_Callbacks){
		.find_elf = dwfl_build_id_find_elf,
		.find_debuginfo = dwfl_standard_find_debuginfo,
		.section_address = dwfl_offline_section_address,
		.debuginfo_path = &sym->dwfl_path,
	};
	return NULL;
}

static struct lsg_error *opts_copy(struct symbolize *sym,
				   const struct symbolize_opts *opts)
{
	struct lsg_error *err;

	err = dirs_copy(opts->debug_dirs, "debug_dirs", &sym->debug_dirs);
	if (!err)
		err = dirs_copy(opts->module_dirs, "module_dirs",
				&sym->module_dirs);
	if (!err)
		err = urls_parse(opts->debuginfod_urls, &sym->urls);
	if (err)
		return err;
	if (sym->urls[0] && (!opts->debuginfod_cache ||
			     !opts->debuginfod_cache[0] ||
			     strlen(opts->debuginfod_cache) >=
				     SYMBOLIZE_PATH_MAX))
		return lsg_error_create(LSG_ERR_INVALID,
					"symbolize: debuginfod needs a cache directory");
	if (opts->debuginfod_cache) {
		sym->cache = strdup(opts->debuginfod_cache);
		if (!sym->cache)
			return &lsg_enomem;
	}
	sym->max_bytes = opts->debuginfod_max_bytes ?
		opts->debuginfod_max_bytes : DEBUGINFOD_MAX_DEFAULT;
	sym->max_kernels = opts->max_kernels ? opts->max_kernels :
		KERNELS_DEFAULT;
	return dwfl_path_build(sym);
}

struct lsg_error *symbolize_create(const struct symbolize_opts *opts,
				   struct symbolize **ret)
{
	struct symbolize *sym;
	struct lsg_error *err;

	if (!opts)
		return lsg_error_create(LSG_ERR_INVALID,
					"symbolize: no options");
	sym = calloc(1, sizeof(*sym));
	if (!sym)
		return &lsg_enomem;
	if (pthread_mutex_init(&sym->lock, NULL)) {
		free(sym);
		return &lsg_enomem;
	}
	elf_version(EV_CURRENT);
	err = opts_copy(sym, opts);
	if (!err) {
		sym->kernels = calloc(sym->max_kernels, sizeof(*sym->kernels));
		if (!sym->kernels)
			err = &lsg_enomem;
	}
	if (err) {
		symbolize_destroy(sym);
		return err;
	}
	*ret = sym;
	return NULL;
}

void symbolize_destroy(struct symbolize *sym)
{
	size_t i;

	if (!sym)
		return;
	for (i = 0; i < sym->nkernels; i++)
		symbolize_kernel_destroy(sym->kernels[i]);
	free(sym->kernels);
	strv_free(sym->debug_dirs);
	strv_free(sym->module_dirs);
	strv_free(sym->urls);
	free(sym->cache);
	free(sym->dwfl_path);
	pthread_mutex_destroy(&sym->lock);
	free(sym);
}

const char *symbolize_status_name(enum symbolize_status status)
{
	static const char *const names[] = {
		[SYMBOLIZE_OK] = "ok",
		[SYMBOLIZE_NO_DEBUGINFO] = "no-debuginfo",
		[SYMBOLIZE_NO_MODULE] = "no-module",
		[SYMBOLIZE_NO_SYMBOL] = "no-symbol",
		[SYMBOLIZE_BAD_OFFSET] = "bad-offset",
		[SYMBOLIZE_NO_DWARF] = "no-dwarf",
		[SYMBOLIZE_INVALID] = "invalid",
	};

	if ((unsigned int)status >= sizeof(names) / sizeof(*names))
		return "unknown";
	return names[status];
}
