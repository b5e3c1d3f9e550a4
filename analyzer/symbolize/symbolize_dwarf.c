/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel frame symbolizer over elfutils libdwfl.  The algorithm is the one
 * verified in shared/reference/capture-and-symbolize.md §D.3: symbol by
 * name (size disambiguates duplicates), pc = sym + off (- 1 for return
 * addresses), line table for the innermost location, then the physical
 * scope chain (dwarf_getscopes + dwarf_getscopes_die) with
 * DW_AT_call_file/line/column for each inlined caller.  Paths come out
 * kernel-tree-relative, and resolved frames are remembered per module.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symbolize_internal.h"

enum {
	PATH_COMPONENTS_MAX = 128,
};

static const size_t MEMO_BYTES_MAX = 16u << 20;	/* per module */
static const size_t MEMO_FRAMES_MAX = 65536;	/* per module */

/* ---- paths ---- */

static const char *const kernel_topdirs[] = {
	"arch", "block", "certs", "crypto", "drivers", "fs", "include",
	"init", "io_uring", "ipc", "kernel", "lib", "mm", "net", "rust",
	"samples", "scripts", "security", "sound", "tools", "usr", "virt",
};

static bool is_dotdot(const char *component, size_t len)
{
	return len == 2 && !memcmp(component, "..", 2);
}

/* Lexically clean @in into @out: drop "." and empty components, fold
 * "dir/..".  Truncates to @outlen. */
static void path_clean(const char *in, char *out, size_t outlen)
{
	size_t stack[PATH_COMPONENTS_MAX], depth = 0, o = 0;
	bool abs = in[0] == '/';

	if (abs && outlen > 1)
		out[o++] = '/';
	while (*in) {
		size_t len = strcspn(in, "/");

		if ((len == 1 && in[0] == '.') || !len) {
			/* skip */
		} else if (is_dotdot(in, len) && depth &&
			   !is_dotdot(out + stack[depth - 1],
				      strcspn(out + stack[depth - 1], "/"))) {
			o = stack[--depth];
		} else if (depth < PATH_COMPONENTS_MAX &&
			   o + len + 2 <= outlen) {
			if (o && out[o - 1] != '/')
				out[o++] = '/';
			stack[depth++] = o;
			memcpy(out + o, in, len);
			o += len;
		}
		out[o] = '\0';	/* ends the top component for strcspn */
		in += len;
		in += *in == '/';
	}
	if (o > 1 && out[o - 1] == '/')
		o--;
	out[o] = '\0';
}

/* @p without "@prefix/" if it starts with it, else NULL. */
static const char *path_after(const char *p, const char *prefix)
{
	size_t len = strlen(prefix);

	if (!len || strncmp(p, prefix, len) || p[len] != '/')
		return NULL;
	return p + len + 1;
}

static bool is_kernel_topdir(const char *p)
{
	size_t len = strcspn(p, "/"), i;

	if (!p[len])
		return false;	/* a file, not a directory */
	for (i = 0; i < sizeof(kernel_topdirs) / sizeof(*kernel_topdirs);
	     i++) {
		if (strlen(kernel_topdirs[i]) == len &&
		    !memcmp(p, kernel_topdirs[i], len))
			return true;
	}
	return false;
}

/* An absolute path outside the compilation directory: the part from the
 * first kernel top-level directory after the prefix it shares with
 * @comp_dir ("/build/linux-6.1/arch/x86/..." -> "arch/x86/..."). */
static const char *path_kernel_suffix(const char *p, const char *comp_dir)
{
	size_t i = 0, start = 0;

	while (comp_dir[0] == '/' && p[i] && p[i] == comp_dir[i]) {
		if (p[i] == '/')
			start = i + 1;
		i++;
	}
	for (p += start; *p; p += strcspn(p, "/") + 1) {
		if (is_kernel_topdir(p))
			return p;
		if (!strchr(p, '/'))
			break;
	}
	return NULL;
}

void symbolize_path_normalize(const char *file, const char *comp_dir,
			      const char *mod_dir, char *out, size_t outlen)
{
	char cd[SYMBOLIZE_PATH_MAX], buf[SYMBOLIZE_PATH_MAX];
	const char *rest;

	path_clean(comp_dir ? comp_dir : "", cd, sizeof(cd));
	if (cd[0] == '/' && !strncmp(file, "../", 3) &&
	    snprintf(buf, sizeof(buf), "%s/%s", cd, file) < (int)sizeof(buf))
		path_clean(buf, out, outlen);
	else
		path_clean(file, out, outlen);
	rest = path_after(out, cd);
	if (!rest && mod_dir)
		rest = path_after(out, mod_dir);
	if (!rest && out[0] == '/')
		rest = path_kernel_suffix(out, cd);
	if (rest)
		memmove(out, rest, strlen(rest) + 1);
}

/* ---- symbol table: name -> symbols, built once per module ---- */

struct sym {
	GElf_Addr addr;
	GElf_Xword size;
	uint32_t next;		/* next symbol of the same name, or NONE */
};

static bool sym_is_code(const GElf_Sym *s, GElf_Word shndx, Elf *elf)
{
	unsigned int type = GELF_ST_TYPE(s->st_info);
	GElf_Shdr shdr;
	Elf_Scn *scn;

	if (shndx == SHN_UNDEF || shndx >= SHN_LORESERVE)
		return false;
	if (type == STT_FUNC)
		return true;
	/* Assembly entry points (entry_SYSCALL_64_after_hwframe) are
	 * NOTYPE symbols in an executable section. */
	if (type != STT_NOTYPE || !elf)
		return false;
	scn = elf_getscn(elf, shndx);
	return scn && gelf_getshdr(scn, &shdr) &&
	       (shdr.sh_flags & SHF_EXECINSTR);
}

static struct lsg_error *symtab_build(struct kmod *km)
{
	int n = dwfl_module_getsymtab(km->mod), i;
	struct symtab *t = &km->symtab;
	struct lsg_error *err;

	if (n < 0)
		n = 0;
	t->syms = calloc(n ? n : 1, sizeof(*t->syms));
	if (!t->syms)
		return &lsg_enomem;
	err = symbolize_strmap_init(&t->map, n);
	if (err)
		goto out_free;
	/* Backwards, so that each name's chain is in symtab order. */
	for (i = n - 1; i > 0; i--) {
		GElf_Sym s;
		GElf_Addr addr;
		GElf_Word shndx;
		Elf *elf;
		const char *name;
		uint32_t *head;

		name = dwfl_module_getsym_info(km->mod, i, &s, &addr, &shndx,
					       &elf, NULL);
		if (!name || !*name || !sym_is_code(&s, shndx, elf))
			continue;
		err = symbolize_strmap_ref(&t->map, name, &head);
		if (err)
			goto out_free;
		t->syms[i] = (struct sym){ addr, s.st_size, *head };
		*head = i;
	}
	t->built = true;
	return NULL;

out_free:
	symbolize_strmap_deinit(&t->map);
	free(t->syms);
	t->syms = NULL;
	return err;
}

/* Return address (or PC) @f falls on if @s is its symbol. */
static GElf_Addr frame_pc(const struct sym *s, const struct symbolize_frame *f)
{
	return s->addr + f->offset - (f->exact_pc ? 0 : 1);
}

/*
 * The symbol a frame names.  Among duplicates (static functions of the
 * same name) prefer the one whose st_size equals the oops's size, then
 * one whose pc still maps back to that name, then the first: the oops
 * size comes from kallsyms (distance to the next symbol) and can exceed
 * st_size, so an exact size match is not guaranteed.
 */
static const struct sym *symtab_pick(const struct kmod *km,
				     const struct symbolize_frame *f)
{
	const struct symtab *t = &km->symtab;
	uint32_t first = symbolize_strmap_get(&t->map, f->function), i;

	if (first == NONE || t->syms[first].next == NONE)
		return first == NONE ? NULL : &t->syms[first];
	for (i = first; i != NONE; i = t->syms[i].next) {
		if (f->size && t->syms[i].size == f->size)
			return &t->syms[i];
	}
	for (i = first; i != NONE; i = t->syms[i].next) {
		GElf_Off off;
		GElf_Sym s;
		const char *name;

		name = dwfl_module_addrinfo(km->mod,
					    frame_pc(&t->syms[i], f), &off,
					    &s, NULL, NULL, NULL);
		if (name && !strcmp(name, f->function))
			return &t->syms[i];
	}
	return &t->syms[first];
}

/* ---- one frame ---- */

struct loc_walk {
	const struct kmod *km;
	struct arena *arena;
	struct symbolize_location locs[SYMBOLIZE_LOCS_MAX];
	size_t n;
	bool truncated;
};

static const char *die_name(Dwarf_Die *die)
{
	Dwarf_Attribute a;
	const char *name;

	name = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_linkage_name,
						     &a));
	return name ? name : dwarf_diename(die);
}

static const char *cu_comp_dir(Dwarf_Die *cu)
{
	Dwarf_Attribute a;

	return cu ? dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &a)) :
		    NULL;
}

/* A source position as the scope walk moves outward. */
struct srcpos {
	const char *file;
	const char *comp_dir;
	const char *cu_name;
	Dwarf_Word line;
	Dwarf_Word col;
};

/*
 * Where an out-of-tree module's sources were: the directory of its CU's
 * absolute DW_AT_name, unless that looks like a kernel tree.  The .ko may
 * have been copied anywhere since, so its own directory says nothing.
 */
static const char *module_src_dir(const struct srcpos *pos, char *buf,
				  size_t len)
{
	const char *slash;

	if (!pos->cu_name || pos->cu_name[0] != '/' ||
	    path_kernel_suffix(pos->cu_name, pos->comp_dir ? pos->comp_dir : ""))
		return NULL;
	slash = strrchr(pos->cu_name, '/');
	snprintf(buf, len, "%.*s", (int)(slash - pos->cu_name), pos->cu_name);
	return buf;
}

static struct lsg_error *loc_add(struct loc_walk *w, const char *function,
				 const struct srcpos *pos, bool inlined)
{
	struct symbolize_location *l = &w->locs[w->n];
	char norm[SYMBOLIZE_PATH_MAX], srcdir[SYMBOLIZE_PATH_MAX];
	const char *mod_dir = NULL;
	struct lsg_error *err;

	if (w->n == SYMBOLIZE_LOCS_MAX) {
		w->truncated = true;
		return NULL;
	}
	err = symbolize_arena_strdup(w->arena, function ? function : "??",
				     &l->function);
	if (err)
		return err;
	l->file = NULL;
	if (pos->file) {
		if (w->km->is_module)
			mod_dir = module_src_dir(pos, srcdir, sizeof(srcdir));
		symbolize_path_normalize(pos->file, pos->comp_dir, mod_dir,
					 norm, sizeof(norm));
		err = symbolize_arena_strdup(w->arena, norm, &l->file);
		if (err)
			return err;
	}
	l->line = pos->line <= UINT_MAX ? pos->line : 0;
	l->column = pos->col <= UINT_MAX ? pos->col : 0;
	l->inlined = inlined;
	w->n++;
	return NULL;
}

static struct lsg_error *loc_add_pos(struct loc_walk *w, const char *function,
				     const struct srcpos *pos, bool inlined)
{
	return loc_add(w, function, pos, inlined);
}

/* Where @inl was called from: its DW_AT_call_file/line/column. */
static void call_site(Dwarf_Die *inl, struct srcpos *pos)
{
	Dwarf_Word idx = 0;
	Dwarf_Attribute a;
	Dwarf_Files *files;
	Dwarf_Die cu;
	size_t nfiles;

	pos->file = NULL;
	pos->line = pos->col = 0;
	if (!dwarf_diecu(inl, &cu, NULL, NULL))
		return;
	pos->comp_dir = cu_comp_dir(&cu);
	pos->cu_name = dwarf_diename(&cu);
	if (!dwarf_formudata(dwarf_attr(inl, DW_AT_call_file, &a), &idx) &&
	    !dwarf_getsrcfiles(&cu, &files, &nfiles) && idx < nfiles)
		pos->file = dwarf_filesrc(files, idx, NULL, NULL);
	dwarf_formudata(dwarf_attr(inl, DW_AT_call_line, &a), &pos->line);
	dwarf_formudata(dwarf_attr(inl, DW_AT_call_column, &a), &pos->col);
}

/*
 * Walk the physical scopes outward from the innermost DIE at the pc:
 * each inlined_subroutine gets the current position and moves it to its
 * call site; the subprogram ends the walk (*@found).
 */
static struct lsg_error *scopes_walk(struct loc_walk *w, Dwarf_Die *scopes,
				     int n, struct srcpos *pos, bool *found)
{
	struct lsg_error *err;
	int i;

	*found = false;
	for (i = 0; i < n && !*found; i++) {
		int tag = dwarf_tag(&scopes[i]);

		if (tag != DW_TAG_inlined_subroutine &&
		    tag != DW_TAG_subprogram)
			continue;
		*found = tag == DW_TAG_subprogram;
		err = loc_add_pos(w, die_name(&scopes[i]), pos, !*found);
		if (err)
			return err;
		if (!*found)
			call_site(&scopes[i], pos);
	}
	return NULL;
}

/* Innermost position from the line table, then the scope chain. */
static struct lsg_error *frame_locations(struct loc_walk *w, Dwarf_Addr pc,
					 const char *symname)
{
	Dwfl_Module *mod = w->km->mod;
	Dwarf_Die *scopes = NULL, *cu;
	struct srcpos pos = { 0 };
	struct lsg_error *err = NULL;
	int line = 0, col = 0, n = 0;
	Dwarf_Addr bias = 0;
	Dwfl_Line *l;
	bool found = false;

	cu = dwfl_module_addrdie(mod, pc, &bias);
	l = dwfl_module_getsrc(mod, pc);
	if (l)
		pos.file = dwfl_lineinfo(l, NULL, &line, &col, NULL, NULL);
	pos.line = line > 0 ? line : 0;
	pos.col = col > 0 ? col : 0;
	pos.comp_dir = cu_comp_dir(cu);
	pos.cu_name = cu ? dwarf_diename(cu) : NULL;
	if (cu)
		n = dwarf_getscopes(cu, pc - bias, &scopes);
	if (n > 0) {
		/* dwarf_getscopes follows abstract origins after an inline;
		 * re-walk the concrete nesting from the innermost DIE. */
		Dwarf_Die inner = scopes[0];

		free(scopes);
		scopes = NULL;
		n = dwarf_getscopes_die(&inner, &scopes);
	}
	if (n > 0)
		err = scopes_walk(w, scopes, n, &pos, &found);
	free(scopes);
	/* No DWARF function around the pc (assembly): the symbol's name. */
	if (!err && !found)
		err = loc_add_pos(w, symname, &pos, false);
	return err;
}

static struct lsg_error *result_set(struct symbolize_result *r,
				    struct arena *a,
				    enum symbolize_status status,
				    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static struct lsg_error *result_set(struct symbolize_result *r,
				    struct arena *a,
				    enum symbolize_status status,
				    const char *fmt, ...)
{
	char buf[SYMBOLIZE_PATH_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r->status = status;
	return symbolize_arena_strdup(a, buf, &r->reason);
}

static struct lsg_error *frame_locate(struct loc_walk *w,
				      const struct symbolize_frame *f,
				      struct symbolize_result *r)
{
	const struct kmod *km = w->km;
	struct symbolize_location *locs;
	const struct sym *s;
	struct lsg_error *err;
	Dwarf_Addr bias;

	err = symbolize_arena_strdup(w->arena, km->path, &r->object);
	if (err)
		return err;
	s = symtab_pick(km, f);
	if (!s)
		return result_set(r, w->arena, SYMBOLIZE_NO_SYMBOL,
				  "no function %s in %s", f->function,
				  km->path);
	/* kallsyms prints the offset of the return address, which may sit
	 * right past the end of a function ending in a call. */
	if (f->size && (f->offset > f->size ||
			(f->offset == f->size && f->exact_pc)))
		return result_set(r, w->arena, SYMBOLIZE_BAD_OFFSET,
				  "offset %#llx beyond size %#llx of %s",
				  (unsigned long long)f->offset,
				  (unsigned long long)f->size, f->function);
	r->pc = frame_pc(s, f);
	if (!dwfl_module_getdwarf(km->mod, &bias))
		return result_set(r, w->arena, SYMBOLIZE_NO_DWARF,
				  "%s: %s", km->path, dwfl_errmsg(-1));
	err = frame_locations(w, r->pc, f->function);
	if (err)
		return err;
	err = symbolize_arena_alloc(w->arena, w->n * sizeof(*locs),
				    (void **)&locs);
	if (err)
		return err;
	memcpy(locs, w->locs, w->n * sizeof(*locs));
	r->locs = locs;
	r->nlocs = w->n;
	r->truncated = w->truncated;
	r->status = SYMBOLIZE_OK;
	return NULL;
}

/* ---- memo of resolved frames ---- */

/* Deep copy of @src's strings and locations into @a. */
static struct lsg_error *result_copy(const struct symbolize_result *src,
				     struct arena *a,
				     struct symbolize_result *dst)
{
	struct symbolize_location *locs = NULL;
	struct lsg_error *err = NULL;
	size_t i;

	*dst = *src;
	dst->reason = dst->object = NULL;
	if (src->reason)
		err = symbolize_arena_strdup(a, src->reason, &dst->reason);
	if (!err && src->object)
		err = symbolize_arena_strdup(a, src->object, &dst->object);
	if (!err && src->nlocs)
		err = symbolize_arena_alloc(a, src->nlocs * sizeof(*locs),
					    (void **)&locs);
	for (i = 0; !err && i < src->nlocs; i++) {
		locs[i] = src->locs[i];
		err = symbolize_arena_strdup(a, src->locs[i].function,
					     &locs[i].function);
		if (!err && src->locs[i].file)
			err = symbolize_arena_strdup(a, src->locs[i].file,
						     &locs[i].file);
	}
	dst->locs = locs;
	return err;
}

static void memo_key(const struct symbolize_frame *f, char *key, size_t len)
{
	snprintf(key, len, "%s+%llx/%llx%s", f->function,
		 (unsigned long long)f->offset, (unsigned long long)f->size,
		 f->exact_pc ? "!" : "");
}

/* Keep a copy of @r under @key; a full memo keeps nothing more. */
static struct lsg_error *memo_add(struct memo *m, const char *key,
				  const struct symbolize_result *r)
{
	struct lsg_error *err;
	const char *k;
	uint32_t *slot;

	if (m->n == MEMO_FRAMES_MAX)
		return NULL;
	if (m->n == m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 64;
		struct symbolize_result *v;

		v = realloc(m->results, cap * sizeof(*v));
		if (!v)
			return &lsg_enomem;
		m->results = v;
		m->cap = cap;
	}
	m->store.limit = MEMO_BYTES_MAX;
	err = symbolize_arena_strdup(&m->store, key, &k);
	if (!err)
		err = result_copy(r, &m->store, &m->results[m->n]);
	if (!err)
		err = symbolize_strmap_ref(&m->map, k, &slot);
	if (err && err->code == LSG_ERR_LIMIT) {
		lsg_error_destroy(err);
		return NULL;
	}
	if (!err)
		*slot = m->n++;
	return err;
}

static bool valid_function(const char *s)
{
	size_t len = s ? strnlen(s, SYMBOLIZE_NAME_MAX + 1) : 0;

	return len && len <= SYMBOLIZE_NAME_MAX;
}

struct lsg_error *symbolize_frame_run(const struct symbolize *sym,
				      struct kernel *k,
				      const struct symbolize_frame *f,
				      struct arena *a,
				      struct symbolize_result *r)
{
	char key[SYMBOLIZE_NAME_MAX + 64];
	struct loc_walk *w;
	struct lsg_error *err;
	struct kmod *km;
	uint32_t i;

	if (!valid_function(f->function))
		return result_set(r, a, SYMBOLIZE_INVALID,
				  "function name missing or too long");
	err = symbolize_kernel_module(sym, k, f->module, &km);
	if (err)
		return err;
	if (!km)
		return result_set(r, a, SYMBOLIZE_INVALID,
				  "bad module name or too many modules");
	if (!km->mod)
		return result_set(r, a, SYMBOLIZE_NO_MODULE, "%s",
				  km->reason ? km->reason : "not found");
	memo_key(f, key, sizeof(key));
	i = symbolize_strmap_get(&km->memo.map, key);
	if (i != NONE)
		return result_copy(&km->memo.results[i], a, r);
	if (!km->symtab.built) {
		err = symtab_build(km);
		if (err)
			return err;
	}
	w = calloc(1, sizeof(*w));
	if (!w)
		return &lsg_enomem;
	w->km = km;
	w->arena = a;
	err = frame_locate(w, f, r);
	free(w);
	if (!err)
		err = memo_add(&km->memo, key, r);
	return err;
}

