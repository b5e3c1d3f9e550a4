/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Symbolizer: kernel stack frames as printed in an oops
 * ("func+0xoff/0xsize [mod]") to source locations, inline chains
 * expanded, using vmlinux and module DWARF through elfutils libdwfl.
 *
 * Frames are resolved by symbol name + offset inside the debug files, so
 * KASLR and module load addresses never matter.  vmlinux is located by
 * release in each debug directory (Debian -dbg layout) or by build-id
 * (.build-id/xx/yyyy.debug), or fetched from a debuginfod server, and its
 * GNU build-id must equal the one from the bundle: a mismatch is an error,
 * never silently wrong lines.  Modules are found by name ('-' and '_' are
 * the same) under the extra module directories and each debug directory's
 * lib/modules/RELEASE/, and must carry vermagic for the same release.
 *
 * One Dwfl is opened per kernel build and kept (up to max_kernels, least
 * recently used evicted) together with a name -> symbol hash per module.
 *
 * Thread safety: a struct symbolize may be shared between threads.  A
 * Dwfl is not thread-safe, so symbolize_frames() holds a per-context
 * mutex for the whole call: calls on one context run one at a time.  For
 * parallel symbolization give each worker its own context (each opens its
 * own copy of the DWARF indexes).  Results own their memory and stay valid
 * after the call, whatever other threads do to the context.
 *
 * The mutex is held during a debuginfod download too (bounded by
 * debuginfod_max_bytes and a 30 s stall timeout).
 *
 * debuginfod downloads go through libcurl; the program must call
 * curl_global_init() before starting threads.  Separately, libdwfl itself
 * may consult DEBUGINFOD_URLS from the environment for the separate debug
 * file of a stripped .ko; logsage's own server list is
 * symbolize_opts.debuginfod_urls.
 */
#ifndef LSG_SYMBOLIZE_H
#define LSG_SYMBOLIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Bounds on every input and output; exceeding one is LSG_ERR_LIMIT or a
 * per-frame SYMBOLIZE_INVALID, never unbounded work. */
enum {
	SYMBOLIZE_FRAMES_MAX = 256,	/* frames per symbolize_frames() call */
	SYMBOLIZE_LOCS_MAX = 32,	/* locations (inline depth) per frame */
	SYMBOLIZE_NAME_MAX = 512,	/* function name, as KSYM_NAME_LEN */
	SYMBOLIZE_MODNAME_MAX = 64,	/* module name, MODULE_NAME_LEN is 56 */
	SYMBOLIZE_RELEASE_MAX = 64,	/* utsname release */
	SYMBOLIZE_PATH_MAX = 1024,	/* any path built or returned */
	SYMBOLIZE_DIRS_MAX = 16,	/* entries of each directory list */
	SYMBOLIZE_MODULES_MAX = 1024,	/* modules opened per kernel */
};

/**
 * struct symbolize_opts - configuration, copied by symbolize_create().
 * @debug_dirs: NULL-terminated list of debug-info roots searched in order,
 *	e.g. "/usr/lib/debug" or a dpkg -x tree's usr/lib/debug.  Each is
 *	tried as DIR/.build-id/xx/yyyy.debug, DIR/boot/vmlinux-RELEASE,
 *	DIR/vmlinux-RELEASE, DIR/lib/modules/RELEASE/vmlinux; modules under
 *	DIR/lib/modules/RELEASE/.
 * @module_dirs: NULL-terminated list of extra directories searched
 *	(recursively) for NAME.ko before the debug dirs; may be NULL.
 * @debuginfod_urls: space-separated debuginfod server URLs for vmlinux
 *	not found locally (by build-id); NULL or "" for none.
 * @debuginfod_cache: directory that downloads are kept in; required
 *	with @debuginfod_urls.
 * @debuginfod_max_bytes: largest download accepted (0: 2 GiB).
 * @max_kernels: kernel builds kept open (0: 4).
 */
struct symbolize_opts {
	const char *const *debug_dirs;
	const char *const *module_dirs;
	const char *debuginfod_urls;
	const char *debuginfod_cache;
	uint64_t debuginfod_max_bytes;
	unsigned int max_kernels;
};

/**
 * struct symbolize_frame - one frame of a trace, as parsed from the oops.
 * @function: symbol name verbatim, clone suffixes included
 *	("lsoops_poke.constprop.0", "__handle_sysrq.cold").
 * @offset: the +0xOFF.
 * @size: the /0xSIZE (kallsyms size; 0 if unknown).
 * @module: the [mod] name, NULL or "" for vmlinux.
 * @exact_pc: true for the RIP/IP line (the faulting PC itself), false for
 *	call-trace return addresses, which are looked up at PC - 1.
 */
struct symbolize_frame {
	const char *function;
	uint64_t offset;
	uint64_t size;
	const char *module;
	bool exact_pc;
};

enum symbolize_status {
	SYMBOLIZE_OK = 0,
	SYMBOLIZE_NO_DEBUGINFO,	/* no vmlinux for this kernel */
	SYMBOLIZE_NO_MODULE,	/* no .ko with debug info for the module */
	SYMBOLIZE_NO_SYMBOL,	/* function not in the symbol table */
	SYMBOLIZE_BAD_OFFSET,	/* offset beyond the symbol: corrupt line */
	SYMBOLIZE_NO_DWARF,	/* file found but without DWARF */
	SYMBOLIZE_INVALID,	/* frame fields malformed or over a limit */
};

/**
 * struct symbolize_location - one source location of a frame.
 * @function: DWARF name of the (possibly inlined) function; for code
 *	without a DWARF subprogram (assembly) the frame's own name.
 * @file: kernel-tree-relative path ("fs/proc/inode.c"); for out-of-tree
 *	modules relative to their source directory (the directory of the
 *	CU's absolute DW_AT_name: "lsgoops.c"); NULL if unknown.
 * @line: 0 if unknown.
 * @column: 0 if unknown.
 * @inlined: this function was inlined into the next location.
 */
struct symbolize_location {
	const char *function;
	const char *file;
	unsigned int line;
	unsigned int column;
	bool inlined;
};

/**
 * struct symbolize_result - what one input frame became.
 * @status: SYMBOLIZE_OK or why there are no locations.
 * @reason: human-readable detail when @status is not OK, else NULL.
 * @object: the vmlinux or .ko the frame was resolved in; NULL when none.
 * @pc: the address looked up, in @object's own (offline) layout: the
 *	link address for vmlinux, a libdwfl-assigned one for a .ko.
 * @locs: @nlocs locations, innermost first: inlined ones, then the
 *	physical function.  Empty unless @status is SYMBOLIZE_OK.
 * @truncated: the inline chain was deeper than SYMBOLIZE_LOCS_MAX.
 */
struct symbolize_result {
	enum symbolize_status status;
	const char *reason;
	const char *object;
	uint64_t pc;
	size_t nlocs;
	const struct symbolize_location *locs;
	bool truncated;
};

/**
 * struct symbolize_trace - the results of one symbolize_frames() call.
 * @vmlinux: path of the vmlinux used; NULL if none was found.
 * @build_id: its GNU build-id in hex; NULL with @vmlinux.
 * @build_id_checked: the caller's build-id was compared and matched.
 * @frames: @nframes results, in the order of the input frames.
 */
struct symbolize_trace {
	const char *vmlinux;
	const char *build_id;
	bool build_id_checked;
	size_t nframes;
	const struct symbolize_result *frames;
};

struct symbolize;

/**
 * symbolize_create() - a symbolizer context.
 * @opts is copied; nothing is opened until the first symbolize_frames().
 * Errors: LSG_ERR_INVALID for bad options, LSG_ERR_NOMEM.  On success
 * *@ret is owned by the caller, freed with symbolize_destroy().
 */
struct lsg_error *symbolize_create(const struct symbolize_opts *opts,
				   struct symbolize **ret);

/** symbolize_destroy() - close every cached kernel and free @sym; NULL ok. */
void symbolize_destroy(struct symbolize *sym);

/**
 * symbolize_frames() - resolve @nframes frames of kernel @release.
 * @release: utsname release ("6.1.0-56-cloud-amd64"); no '/'.
 * @build_id: vmlinux GNU build-id in hex (VMCOREINFO BUILD-ID), or NULL
 *	when the bundle has none (kernels before 5.9): then nothing is
 *	checked and *@ret says so.
 *
 * A frame that cannot be resolved (no debug info at all, unknown module,
 * unknown symbol, ...) comes back with a status and reason; that is not
 * an error.  Errors: LSG_ERR_CORRUPT when the only vmlinux found has
 * another build-id, LSG_ERR_INVALID for a malformed release or build-id,
 * LSG_ERR_LIMIT for more than SYMBOLIZE_FRAMES_MAX frames, LSG_ERR_NOMEM,
 * LSG_ERR_LIB when libdwfl cannot open a vmlinux.
 * On success *@ret is owned by the caller (symbolize_trace_destroy()) and
 * shares no memory with @sym.
 */
struct lsg_error *symbolize_frames(struct symbolize *sym, const char *release,
				   const char *build_id,
				   const struct symbolize_frame *frames,
				   size_t nframes,
				   struct symbolize_trace **ret);

/** symbolize_trace_destroy() - free @trace and all its strings; NULL ok. */
void symbolize_trace_destroy(struct symbolize_trace *trace);

/**
 * symbolize_path_normalize() - kernel-tree-relative form of a DWARF path.
 * @file: path as DWARF gives it; @comp_dir: its CU's DW_AT_comp_dir or
 * NULL; @mod_dir: source directory of an out-of-tree module or NULL.
 *
 * Lexically cleaned ("./", "//", "dir/.."; a leading "../" is resolved
 * against an absolute @comp_dir), then the first that applies is
 * stripped: "@comp_dir/", "@mod_dir/", or for an absolute path everything
 * before the first kernel top-level directory (arch/, fs/, include/, ...)
 * after the prefix it shares with @comp_dir.  Otherwise left as is.
 * Writes at most @outlen bytes, NUL included, to @out.
 */
void symbolize_path_normalize(const char *file, const char *comp_dir,
			      const char *mod_dir, char *out, size_t outlen);

/** symbolize_status_name() - "ok", "no-debuginfo", ...: a static string. */
const char *symbolize_status_name(enum symbolize_status status);

#endif
