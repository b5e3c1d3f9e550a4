/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Internals shared by the symbolizer's files:
 *
 *   symbolize.c        the public API: options, the per-context cache of
 *                      kernel builds, the lock, traces; the arena and
 *                      string map every part uses
 *   symbolize_find.c   locating vmlinux (debug dirs, debuginfod) and
 *                      modules, build-id and vermagic checks, opening a
 *                      kernel build in libdwfl
 *   symbolize_dwarf.c  one frame: symbol table by name, pc, line table,
 *                      inline scope walk, path normalization, and the
 *                      per-module memo of resolved frames
 *
 * The kernel and frame functions run with the context's lock held
 * (symbolize_frames() takes it): a Dwfl and the caches hanging off
 * struct kernel are not thread-safe.  The containers have no locking.
 */
#ifndef LSG_SYMBOLIZE_INTERNAL_H
#define LSG_SYMBOLIZE_INTERNAL_H

#include <elfutils/libdwfl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "symbolize.h"

enum {
	BUILD_ID_MAX = 64,		/* bytes; GNU build-ids are 20 */
};

static const uint32_t NONE = UINT32_MAX;

/* ---- arena: the strings and arrays of one trace (symbolize.c) ---- */

struct arena_chunk;

/* Zeroed is empty; everything is freed at once by _deinit. */
struct arena {
	struct arena_chunk *head;
	size_t total;
	size_t limit;		/* 0: ARENA_LIMIT */
};

/* @n bytes aligned for any type; LSG_ERR_LIMIT past the arena's limit. */
struct lsg_error *symbolize_arena_alloc(struct arena *a, size_t n,
					void **ret);

/* Copies at most SYMBOLIZE_PATH_MAX - 1 bytes of @s: the bound on any
 * returned string. */
struct lsg_error *symbolize_arena_strdup(struct arena *a, const char *s,
					 const char **ret);

void symbolize_arena_deinit(struct arena *a);

/* ---- strmap: open-addressing string -> uint32_t, keys borrowed ---- */

struct strmap_slot;

struct strmap {
	struct strmap_slot *slots;
	size_t mask;
	size_t n;
};

/* A map sized for @n keys without growing. */
struct lsg_error *symbolize_strmap_init(struct strmap *m, size_t n);

void symbolize_strmap_deinit(struct strmap *m);

/* The value of @key, NONE if absent. */
uint32_t symbolize_strmap_get(const struct strmap *m, const char *key);

/*
 * The value slot of @key, inserted as NONE if absent.  *@valp is valid
 * until the next insertion; @key must outlive the map.
 */
struct lsg_error *symbolize_strmap_ref(struct strmap *m, const char *key,
				       uint32_t **valp);

/* ---- state ---- */

struct sym;

struct symtab {
	struct sym *syms;
	struct strmap map;	/* name -> first index in syms */
	bool built;
};

/*
 * Resolved frames of a module, keyed "func+off/size" plus '!' for an
 * exact pc: the DWARF scope walk costs milliseconds, and fleets see the
 * same frames again and again.  Bounded; when full, nothing more is kept.
 */
struct memo {
	struct strmap map;	/* key -> index in results */
	struct symbolize_result *results;
	size_t n;
	size_t cap;
	struct arena store;	/* keys, strings and location arrays */
};

/* vmlinux or one module of a kernel; also a cached negative lookup. */
struct kmod {
	char *name;		/* "kernel" or the module name with '_' */
	char *path;		/* NULL when not found */
	bool is_module;		/* not vmlinux */
	char *reason;		/* why there is no @mod */
	Dwfl_Module *mod;
	struct symtab symtab;
	struct memo memo;
};

struct modfile;

struct modindex {
	struct modfile *files;
	size_t n;
	size_t cap;
	struct strmap map;
	bool built;
};

struct kernel {
	char *release;
	char build_id[2 * BUILD_ID_MAX + 1];
	char *vmlinux;
	Dwfl *dwfl;
	struct kmod **mods;	/* [0] is vmlinux */
	size_t nmods;
	struct strmap modmap;	/* name -> index in mods */
	struct modindex index;
	uint64_t last_used;
};

struct symbolize {
	pthread_mutex_t lock;
	char **debug_dirs;
	char **module_dirs;
	char **urls;
	char *cache;
	uint64_t max_bytes;
	unsigned int max_kernels;
	char *dwfl_path;
	Dwfl_Callbacks cb;
	struct kernel **kernels;
	size_t nkernels;
	uint64_t tick;
};

/* ---- kernels and modules (symbolize_find.c) ---- */

/*
 * Open kernel @release, its vmlinux having build-id @want (lower-case
 * hex) unless that is NULL.  Not finding any vmlinux is not an error:
 * *@ret is NULL and *@why (malloc'd) says where we looked.  On success
 * *@ret is owned by the caller (symbolize_kernel_destroy()).
 */
struct lsg_error *symbolize_kernel_open(const struct symbolize *sym,
					const char *release, const char *want,
					struct kernel **ret, char **why);

/* Closes @k's Dwfl and frees its modules; NULL ok. */
void symbolize_kernel_destroy(struct kernel *k);

/*
 * The vmlinux (@module NULL or "") or module @module of @k, found and
 * opened on first use; a module that is not found is kept with its
 * reason.  *@ret is NULL (and no error) for a malformed name and past
 * SYMBOLIZE_MODULES_MAX modules.  *@ret is borrowed from @k.
 */
struct lsg_error *symbolize_kernel_module(const struct symbolize *sym,
					  struct kernel *k, const char *module,
					  struct kmod **ret);

/* ---- frames (symbolize_dwarf.c) ---- */

/*
 * Resolve @f in kernel @k into @r, its strings and locations in @a.  A
 * frame that cannot be resolved gets a status and reason in @r, which is
 * not an error.  Results are remembered in the module's memo.
 */
struct lsg_error *symbolize_frame_run(const struct symbolize *sym,
				      struct kernel *k,
				      const struct symbolize_frame *f,
				      struct arena *a,
				      struct symbolize_result *r);

#endif
