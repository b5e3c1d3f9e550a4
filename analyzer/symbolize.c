/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Kernel frame symbolizer over elfutils libdwfl.  The algorithm is the one
 * verified in shared/reference/capture-and-symbolize.md §D.3: symbol by
 * name (size disambiguates duplicates), pc = sym + off (- 1 for return
 * addresses), line table for the innermost location, then the physical
 * scope chain (dwarf_getscopes + dwarf_getscopes_die) with
 * DW_AT_call_file/line/column for each inlined caller.
 */
#include <ctype.h>
#include <dirent.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwelf.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "symbolize.h"

enum {
	BUILD_ID_MAX = 64,		/* bytes; GNU build-ids are 20 */
	DIR_DEPTH_MAX = 8,		/* module tree walk */
	MODFILES_MAX = 65536,		/* .ko files indexed per kernel */
	URLS_MAX = 4,
	KERNELS_DEFAULT = 4,
	PATH_COMPONENTS_MAX = 128,
};

static const size_t ARENA_CHUNK = 16384;
static const size_t ARENA_LIMIT = 8u << 20;	/* bytes per trace */
static const size_t MEMO_BYTES_MAX = 16u << 20;	/* per module */
static const size_t MEMO_FRAMES_MAX = 65536;	/* per module */
static const uint64_t DEBUGINFOD_MAX_DEFAULT = 2ull << 30;
static const uint32_t NONE = UINT32_MAX;

/* ---- arena: the strings and arrays of one trace ---- */

struct arena_chunk {
	struct arena_chunk *next;
	size_t used;
	size_t cap;
	max_align_t data[];
};

struct arena {
	struct arena_chunk *head;
	size_t total;
	size_t limit;		/* 0: ARENA_LIMIT */
};

static struct lsg_error *arena_alloc(struct arena *a, size_t n, void **ret)
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

/* Copies at most SYMBOLIZE_PATH_MAX - 1 bytes of @s: the bound on any
 * returned string. */
static struct lsg_error *arena_strdup(struct arena *a, const char *s,
				      const char **ret)
{
	size_t len = strnlen(s, SYMBOLIZE_PATH_MAX - 1);
	struct lsg_error *err;
	char *p;

	err = arena_alloc(a, len + 1, (void **)&p);
	if (err)
		return err;
	memcpy(p, s, len);
	p[len] = '\0';
	*ret = p;
	return NULL;
}

static void arena_deinit(struct arena *a)
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

struct strmap {
	struct strmap_slot *slots;
	size_t mask;
	size_t n;
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

/* A map sized for @n keys without growing. */
static struct lsg_error *strmap_init(struct strmap *m, size_t n)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	m->slots = NULL;
	m->n = 0;
	return strmap_resize(m, cap);
}

static void strmap_deinit(struct strmap *m)
{
	free(m->slots);
	m->slots = NULL;
}

static uint32_t strmap_get(const struct strmap *m, const char *key)
{
	const struct strmap_slot *s;

	if (!m->slots)
		return NONE;
	s = strmap_slot(m, key, str_hash(key));
	return s->key ? s->val : NONE;
}

/*
 * The value slot of @key, inserted as NONE if absent.  *@valp is valid
 * until the next insertion; @key must outlive the map.
 */
static struct lsg_error *strmap_ref(struct strmap *m, const char *key,
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

/* ---- state ---- */

struct sym {
	GElf_Addr addr;
	GElf_Xword size;
	uint32_t next;		/* next symbol of the same name, or NONE */
};

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

struct modfile {
	char *name;
	char *path;
	uint32_t next;		/* next file of the same module name */
};

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

/* Module name with '-' folded to '_' into @out (SYMBOLIZE_MODNAME_MAX). */
static bool module_name_fold(const char *s, size_t len, char *out)
{
	size_t i;

	if (!len || len >= SYMBOLIZE_MODNAME_MAX)
		return false;
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' &&
		    s[i] != '-')
			return false;
		out[i] = s[i] == '-' ? '_' : s[i];
	}
	out[len] = '\0';
	return true;
}

static bool valid_function(const char *s)
{
	size_t len = s ? strnlen(s, SYMBOLIZE_NAME_MAX + 1) : 0;

	return len && len <= SYMBOLIZE_NAME_MAX;
}

/* ---- ELF facts read before a file is given to libdwfl ---- */

static void hex_encode(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/*
 * The GNU build-id of @path in hex, "" if it has none.  *@exists is false
 * (and no error) when the file is absent.
 */
static struct lsg_error *elf_build_id(const char *path, char *hex,
				      bool *exists)
{
	const void *id;
	ssize_t len;
	Elf *elf;
	int fd;

	*exists = false;
	hex[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ?
			NULL : lsg_error_os(errno, "%s", path);
	*exists = true;
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!elf) {
		close(fd);
		return lsg_error_create(LSG_ERR_LIB, "%s: %s", path,
					elf_errmsg(-1));
	}
	len = dwelf_elf_gnu_build_id(elf, &id);
	if (len > 0 && len <= BUILD_ID_MAX)
		hex_encode(id, len, hex);
	elf_end(elf);
	close(fd);
	return NULL;
}

static Elf_Data *elf_section_named(Elf *elf, const char *want)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	GElf_Shdr shdr;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return NULL;
	while ((scn = elf_nextscn(elf, scn))) {
		const char *name;

		if (!gelf_getshdr(scn, &shdr))
			return NULL;
		name = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (name && !strcmp(name, want))
			return shdr.sh_type == SHT_NOBITS ?
				NULL : elf_getdata(scn, NULL);
	}
	return NULL;
}

/* Does .modinfo's "vermagic=RELEASE ..." name @release?  Files without
 * .modinfo are given the benefit of the doubt. */
static bool ko_for_release(const char *path, const char *release,
			   char *found, size_t foundlen)
{
	static const char key[] = "vermagic=";
	size_t rlen = strlen(release), off = 0;
	bool ok = true;
	Elf_Data *d;
	Elf *elf;
	int fd;

	snprintf(found, foundlen, "unreadable");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	found[0] = '\0';
	elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	d = elf ? elf_section_named(elf, ".modinfo") : NULL;
	while (d && off < d->d_size) {
		const char *s = (const char *)d->d_buf + off;
		size_t len = strnlen(s, d->d_size - off);

		if (len > sizeof(key) - 1 && !memcmp(s, key, sizeof(key) - 1)) {
			s += sizeof(key) - 1;
			ok = !strncmp(s, release, rlen) &&
			     (s[rlen] == ' ' || s[rlen] == '\0');
			snprintf(found, foundlen, "%.*s",
				 (int)strcspn(s, " "), s);
			break;
		}
		off += len + 1;
	}
	elf_end(elf);
	close(fd);
	return ok;
}

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
	err = strmap_init(&t->map, n);
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
		err = strmap_ref(&t->map, name, &head);
		if (err)
			goto out_free;
		t->syms[i] = (struct sym){ addr, s.st_size, *head };
		*head = i;
	}
	t->built = true;
	return NULL;

out_free:
	strmap_deinit(&t->map);
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
	uint32_t first = strmap_get(&t->map, f->function), i;

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

/* ---- module file index: NAME.ko under the module trees ---- */

/* "crc-itu-t.ko" -> "crc_itu_t"; false if not a module file name. */
static bool module_name_from_file(const char *file, char *out)
{
	static const char *const exts[] = {
		".ko", ".ko.xz", ".ko.zst", ".ko.gz",
	};
	size_t len = strlen(file), i;

	for (i = 0; i < sizeof(exts) / sizeof(*exts); i++) {
		size_t elen = strlen(exts[i]);

		if (len > elen && !strcmp(file + len - elen, exts[i]))
			return module_name_fold(file, len - elen, out);
	}
	return false;
}

static struct lsg_error *modindex_add(struct modindex *idx, const char *name,
				      const char *path)
{
	struct modfile *f;
	struct lsg_error *err;
	uint32_t *head, i;

	if (idx->n == MODFILES_MAX)
		return NULL;	/* the rest of the tree is not indexed */
	if (idx->n == idx->cap) {
		size_t cap = idx->cap ? 2 * idx->cap : 256;

		f = realloc(idx->files, cap * sizeof(*f));
		if (!f)
			return &lsg_enomem;
		idx->files = f;
		idx->cap = cap;
	}
	f = &idx->files[idx->n];
	f->name = strdup(name);
	f->path = strdup(path);
	f->next = NONE;
	if (!f->name || !f->path)
		goto out_nomem;
	err = strmap_ref(&idx->map, f->name, &head);
	if (err)
		goto out_free;
	if (*head == NONE) {
		*head = idx->n;
	} else {
		/* Append: earlier directories take precedence. */
		for (i = *head; idx->files[i].next != NONE;)
			i = idx->files[i].next;
		idx->files[i].next = idx->n;
	}
	idx->n++;
	return NULL;

out_nomem:
	err = &lsg_enomem;
out_free:
	free(f->name);
	free(f->path);
	return err;
}

/* Symbolic links to directories are not followed (build/, source/). */
static struct lsg_error *modindex_walk(struct modindex *idx, char *path,
				       size_t len, int depth)
{
	struct lsg_error *err = NULL;
	struct dirent *de;
	DIR *d = opendir(path);

	if (!d)
		return NULL;	/* absent trees are fine */
	while (!err && (de = readdir(d))) {
		char name[SYMBOLIZE_MODNAME_MAX];
		size_t nlen = strlen(de->d_name);
		struct stat st;

		if (de->d_name[0] == '.' || len + 1 + nlen >= PATH_MAX)
			continue;
		path[len] = '/';
		memcpy(path + len + 1, de->d_name, nlen + 1);
		if (lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode) && depth < DIR_DEPTH_MAX)
			err = modindex_walk(idx, path, len + 1 + nlen,
					    depth + 1);
		else if (module_name_from_file(de->d_name, name) &&
			 !stat(path, &st) && S_ISREG(st.st_mode))
			err = modindex_add(idx, name, path);
	}
	path[len] = '\0';
	closedir(d);
	return err;
}

static void modindex_deinit(struct modindex *idx)
{
	size_t i;

	for (i = 0; i < idx->n; i++) {
		free(idx->files[i].name);
		free(idx->files[i].path);
	}
	free(idx->files);
	strmap_deinit(&idx->map);
	memset(idx, 0, sizeof(*idx));
}

/* Extra module dirs first, then each debug dir's lib/modules/RELEASE. */
static struct lsg_error *modindex_build(const struct symbolize *sym,
					struct kernel *k)
{
	char path[PATH_MAX];
	struct lsg_error *err;
	size_t i;
	int len;

	err = strmap_init(&k->index.map, 256);
	for (i = 0; !err && sym->module_dirs[i]; i++) {
		len = snprintf(path, sizeof(path), "%s", sym->module_dirs[i]);
		err = modindex_walk(&k->index, path, len, 0);
	}
	for (i = 0; !err && sym->debug_dirs[i]; i++) {
		len = snprintf(path, sizeof(path), "%s/lib/modules/%s",
			       sym->debug_dirs[i], k->release);
		if (len < (int)sizeof(path))
			err = modindex_walk(&k->index, path, len, 0);
	}
	if (err)
		modindex_deinit(&k->index);
	else
		k->index.built = true;
	return err;
}

/* ---- modules of a kernel ---- */

static void kmod_destroy(struct kmod *km)
{
	if (!km)
		return;
	free(km->name);
	free(km->path);
	free(km->reason);
	free(km->symtab.syms);
	strmap_deinit(&km->symtab.map);
	strmap_deinit(&km->memo.map);
	free(km->memo.results);
	arena_deinit(&km->memo.store);
	free(km);
}

static struct lsg_error *kmod_create(const char *name, struct kmod **ret)
{
	struct kmod *km = calloc(1, sizeof(*km));

	if (!km)
		return &lsg_enomem;
	km->name = strdup(name);
	if (!km->name) {
		free(km);
		return &lsg_enomem;
	}
	*ret = km;
	return NULL;
}

/* Takes @km; on failure it is destroyed. */
static struct lsg_error *kernel_add_kmod(struct kernel *k, struct kmod *km)
{
	struct kmod **mods;
	struct lsg_error *err;
	uint32_t *slot;

	mods = realloc(k->mods, (k->nmods + 1) * sizeof(*mods));
	if (!mods) {
		kmod_destroy(km);
		return &lsg_enomem;
	}
	k->mods = mods;
	err = strmap_ref(&k->modmap, km->name, &slot);
	if (err) {
		kmod_destroy(km);
		return err;
	}
	*slot = k->nmods;
	k->mods[k->nmods++] = km;
	return NULL;
}

/* The first indexed file for @km's name with this release's vermagic
 * that libdwfl accepts; otherwise km->reason says why none. */
static struct lsg_error *kmod_open(struct kernel *k, struct kmod *km)
{
	char vermagic[SYMBOLIZE_RELEASE_MAX + 1];
	uint32_t i = strmap_get(&k->index.map, km->name);
	char *why = NULL;
	int ret = 0;

	if (i == NONE)
		ret = asprintf(&why, "no %s.ko for %s", km->name, k->release);
	for (; i != NONE && ret >= 0; i = k->index.files[i].next) {
		const char *path = k->index.files[i].path;
		Dwfl_Module *mod;

		free(why);
		why = NULL;
		if (!ko_for_release(path, k->release, vermagic,
				    sizeof(vermagic))) {
			ret = asprintf(&why, "%s: vermagic %s, not %s", path,
				       vermagic, k->release);
			continue;
		}
		dwfl_report_begin_add(k->dwfl);
		mod = dwfl_report_offline(k->dwfl, km->name, path, -1);
		dwfl_report_end(k->dwfl, NULL, NULL);
		if (mod) {
			km->mod = mod;
			km->path = strdup(path);
			return km->path ? NULL : &lsg_enomem;
		}
		ret = asprintf(&why, "%s: %s", path, dwfl_errmsg(-1));
	}
	if (ret < 0)
		return &lsg_enomem;
	km->reason = why;
	return NULL;
}

/* *@ret is NULL (and no error) past SYMBOLIZE_MODULES_MAX modules. */
static struct lsg_error *kernel_module(const struct symbolize *sym,
				       struct kernel *k, const char *module,
				       struct kmod **ret)
{
	char name[SYMBOLIZE_MODNAME_MAX];
	struct lsg_error *err;
	struct kmod *km;
	uint32_t i;

	*ret = NULL;
	if (!module || !*module) {
		*ret = k->mods[0];
		return NULL;
	}
	if (!module_name_fold(module, strlen(module), name))
		return NULL;
	i = strmap_get(&k->modmap, name);
	if (i != NONE) {
		*ret = k->mods[i];
		return NULL;
	}
	if (k->nmods > SYMBOLIZE_MODULES_MAX)
		return NULL;
	if (!k->index.built) {
		err = modindex_build(sym, k);
		if (err)
			return err;
	}
	err = kmod_create(name, &km);
	if (err)
		return err;
	km->is_module = true;
	err = kmod_open(k, km);
	if (err) {
		kmod_destroy(km);
		return err;
	}
	err = kernel_add_kmod(k, km);
	if (!err)
		*ret = km;
	return err;
}

/* ---- finding vmlinux ---- */

struct vmlinux_search {
	const char *release;
	const char *want;		/* build-id hex, or NULL */
	char path[PATH_MAX];		/* the match */
	char id[2 * BUILD_ID_MAX + 1];
	char other[PATH_MAX];		/* first vmlinux with another id */
	char other_id[2 * BUILD_ID_MAX + 1];
	bool found;
};

/* Candidate @form (0..3) in debug dir @dir; false if it does not apply. */
static bool vmlinux_path(const char *dir, int form,
			 const struct vmlinux_search *vs, char *buf)
{
	const char *rel = vs->release;
	int n;

	switch (form) {
	case 0:
		if (!vs->want)
			return false;
		n = snprintf(buf, PATH_MAX, "%s/.build-id/%.2s/%s.debug", dir,
			     vs->want, vs->want + 2);
		break;
	case 1:
		n = snprintf(buf, PATH_MAX, "%s/boot/vmlinux-%s", dir, rel);
		break;
	case 2:
		n = snprintf(buf, PATH_MAX, "%s/vmlinux-%s", dir, rel);
		break;
	default:
		n = snprintf(buf, PATH_MAX, "%s/lib/modules/%s/vmlinux", dir,
			     rel);
		break;
	}
	return n > 0 && n < PATH_MAX;
}

/* Sets vs->found, or records in vs->other the first mismatch. */
static struct lsg_error *vmlinux_check(struct vmlinux_search *vs,
				       const char *path)
{
	char id[2 * BUILD_ID_MAX + 1];
	struct lsg_error *err;
	bool exists;

	err = elf_build_id(path, id, &exists);
	if (err || !exists)
		return err;
	if (!vs->want || !strcmp(id, vs->want)) {
		snprintf(vs->path, sizeof(vs->path), "%s", path);
		snprintf(vs->id, sizeof(vs->id), "%s", id);
		vs->found = true;
	} else if (!vs->other[0]) {
		snprintf(vs->other, sizeof(vs->other), "%s", path);
		snprintf(vs->other_id, sizeof(vs->other_id), "%s",
			 id[0] ? id : "(none)");
	}
	return NULL;
}

static struct lsg_error *vmlinux_search_local(const struct symbolize *sym,
					      struct vmlinux_search *vs)
{
	char path[PATH_MAX];
	struct lsg_error *err;
	size_t i;
	int form;

	for (i = 0; sym->debug_dirs[i]; i++) {
		for (form = 0; form < 4; form++) {
			if (!vmlinux_path(sym->debug_dirs[i], form, vs, path))
				continue;
			err = vmlinux_check(vs, path);
			if (err || vs->found)
				return err;
		}
	}
	return NULL;
}

/* ---- debuginfod (GET URL/buildid/ID/debuginfo) through libcurl ---- */

struct download {
	int fd;
	uint64_t bytes;
	uint64_t max;
	bool too_big;
	bool write_failed;
};

static size_t download_write(char *p, size_t size, size_t nmemb, void *arg)
{
	struct download *d = arg;
	size_t len = size * nmemb, done = 0;

	if (d->bytes + len > d->max) {
		d->too_big = true;
		return 0;
	}
	while (done < len) {
		ssize_t n = write(d->fd, p + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			d->write_failed = true;
			return 0;
		}
		done += n;
	}
	d->bytes += len;
	return len;
}

static struct lsg_error *http_get(const char *url, struct download *d)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	CURLcode rc;
	CURL *c = curl_easy_init();

	if (!c)
		return lsg_error_create(LSG_ERR_LIB, "curl_easy_init failed");
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, download_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, d);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1024L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 30L);
	rc = curl_easy_perform(c);
	curl_easy_cleanup(c);
	if (d->too_big)
		return lsg_error_create(LSG_ERR_LIMIT,
					"%s: larger than %llu bytes", url,
					(unsigned long long)d->max);
	if (rc != CURLE_OK)
		return lsg_error_create(LSG_ERR_LIB, "%s: %s", url,
					errbuf[0] ? errbuf :
					curl_easy_strerror(rc));
	return NULL;
}

/* Download from @url into the cache as ID.debug, kept only if its
 * build-id is the one asked for. */
static struct lsg_error *debuginfod_fetch(const struct symbolize *sym,
					  const char *url,
					  struct vmlinux_search *vs,
					  const char *dest)
{
	char full[PATH_MAX], tmp[PATH_MAX], id[2 * BUILD_ID_MAX + 1];
	struct download d = { .max = sym->max_bytes };
	struct lsg_error *err;
	bool exists;

	snprintf(full, sizeof(full), "%s/buildid/%s/debuginfo", url,
		 vs->want);
	snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", sym->cache, vs->want);
	if (mkdir(sym->cache, 0755) && errno != EEXIST)
		return lsg_error_os(errno, "%s", sym->cache);
	d.fd = mkostemp(tmp, O_CLOEXEC);
	if (d.fd < 0)
		return lsg_error_os(errno, "%s", tmp);
	err = http_get(full, &d);
	if (!err && d.write_failed)
		err = lsg_error_os(errno, "%s", tmp);
	if (close(d.fd) && !err)
		err = lsg_error_os(errno, "%s", tmp);
	if (!err)
		err = elf_build_id(tmp, id, &exists);
	if (!err && strcmp(id, vs->want))
		err = lsg_error_create(LSG_ERR_CORRUPT,
				       "%s: build-id %s, asked for %s", full,
				       id[0] ? id : "(none)", vs->want);
	if (!err && rename(tmp, dest))
		err = lsg_error_os(errno, "%s", dest);
	if (err)
		unlink(tmp);
	return err;
}

/* Tries each server; *@why gets the last failure when none had it. */
static struct lsg_error *vmlinux_search_debuginfod(const struct symbolize *sym,
						   struct vmlinux_search *vs,
						   char **why)
{
	char dest[PATH_MAX];
	struct lsg_error *err;
	size_t i;

	snprintf(dest, sizeof(dest), "%s/%s.debug", sym->cache, vs->want);
	err = vmlinux_check(vs, dest);
	if (err || vs->found)
		return err;
	for (i = 0; sym->urls[i] && !vs->found; i++) {
		err = debuginfod_fetch(sym, sym->urls[i], vs, dest);
		if (err == &lsg_enomem)
			return err;
		if (!err)
			return vmlinux_check(vs, dest);
		free(*why);
		*why = strdup(err->message);
		lsg_error_destroy(err);
	}
	return NULL;
}

/* ---- kernels ---- */

static void kernel_destroy(struct kernel *k)
{
	size_t i;

	if (!k)
		return;
	for (i = 0; i < k->nmods; i++)
		kmod_destroy(k->mods[i]);
	free(k->mods);
	strmap_deinit(&k->modmap);
	modindex_deinit(&k->index);
	if (k->dwfl)
		dwfl_end(k->dwfl);
	free(k->vmlinux);
	free(k->release);
	free(k);
}

/* libdwfl's own view of the build-id, to be sure it read the same file. */
static bool kernel_build_id_agrees(Dwfl_Module *mod, const char *hex)
{
	char got[2 * BUILD_ID_MAX + 1] = "";
	const unsigned char *bits;
	GElf_Addr vaddr;
	int len = dwfl_module_build_id(mod, &bits, &vaddr);

	if (len > 0 && len <= BUILD_ID_MAX)
		hex_encode(bits, len, got);
	return !strcmp(got, hex);
}

static struct lsg_error *kernel_create(const struct symbolize *sym,
				       const struct vmlinux_search *vs,
				       struct kernel **ret)
{
	struct kernel *k = calloc(1, sizeof(*k));
	struct lsg_error *err;
	struct kmod *km;
	Dwfl_Module *mod;

	if (!k)
		return &lsg_enomem;
	k->release = strdup(vs->release);
	k->vmlinux = strdup(vs->path);
	snprintf(k->build_id, sizeof(k->build_id), "%s", vs->id);
	k->dwfl = dwfl_begin(&sym->cb);
	err = strmap_init(&k->modmap, 16);
	if (err || !k->release || !k->vmlinux || !k->dwfl)
		goto out_nomem;
	dwfl_report_begin(k->dwfl);
	mod = dwfl_report_offline(k->dwfl, "kernel", vs->path, -1);
	dwfl_report_end(k->dwfl, NULL, NULL);
	if (!mod) {
		err = lsg_error_create(LSG_ERR_LIB, "%s: %s", vs->path,
				       dwfl_errmsg(-1));
		goto out_destroy;
	}
	if (!kernel_build_id_agrees(mod, vs->id)) {
		err = lsg_error_create(LSG_ERR_CORRUPT,
				       "%s: libdwfl reads another build-id than %s",
				       vs->path, vs->id);
		goto out_destroy;
	}
	err = kmod_create("kernel", &km);
	if (err)
		goto out_destroy;
	km->mod = mod;
	km->path = strdup(vs->path);
	if (!km->path) {
		kmod_destroy(km);
		goto out_nomem;
	}
	err = kernel_add_kmod(k, km);
	if (err)
		goto out_destroy;
	*ret = k;
	return NULL;

out_nomem:
	err = &lsg_enomem;
out_destroy:
	kernel_destroy(k);
	return err;
}

static struct lsg_error *mismatch_error(const struct vmlinux_search *vs,
					const char *why)
{
	return lsg_error_create(LSG_ERR_CORRUPT,
				"symbolize: %s has build-id %s, the kernel's is %s: refusing to symbolize with another build%s%s",
				vs->other, vs->other_id, vs->want,
				why ? "; debuginfod: " : "", why ? why : "");
}

/*
 * Open kernel @release.  Not finding any vmlinux is not an error: *@ret is
 * NULL and *@why (malloc'd) says where we looked.
 */
static struct lsg_error *kernel_open(const struct symbolize *sym,
				     const char *release, const char *want,
				     struct kernel **ret, char **why)
{
	struct vmlinux_search *vs = calloc(1, sizeof(*vs));
	struct lsg_error *err;
	char *dwhy = NULL;
	int n;

	*ret = NULL;
	if (!vs)
		return &lsg_enomem;
	vs->release = release;
	vs->want = want;
	err = vmlinux_search_local(sym, vs);
	if (!err && !vs->found && want && sym->urls[0])
		err = vmlinux_search_debuginfod(sym, vs, &dwhy);
	if (err || vs->found) {
		if (!err)
			err = kernel_create(sym, vs, ret);
		goto out;
	}
	if (vs->other[0]) {
		err = mismatch_error(vs, dwhy);
		goto out;
	}
	n = asprintf(why, "no vmlinux for %s%s%s in the debug directories%s%s",
		     release, want ? " build-id " : "", want ? want : "",
		     dwhy ? "; debuginfod: " : "", dwhy ? dwhy : "");
	if (n < 0)
		err = &lsg_enomem;
out:
	free(dwhy);
	free(vs);
	return err;
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
	err = arena_strdup(w->arena, function ? function : "??",
			   &l->function);
	if (err)
		return err;
	l->file = NULL;
	if (pos->file) {
		if (w->km->is_module)
			mod_dir = module_src_dir(pos, srcdir, sizeof(srcdir));
		symbolize_path_normalize(pos->file, pos->comp_dir, mod_dir,
					 norm, sizeof(norm));
		err = arena_strdup(w->arena, norm, &l->file);
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
	return arena_strdup(a, buf, &r->reason);
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

	err = arena_strdup(w->arena, km->path, &r->object);
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
	err = arena_alloc(w->arena, w->n * sizeof(*locs), (void **)&locs);
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
		err = arena_strdup(a, src->reason, &dst->reason);
	if (!err && src->object)
		err = arena_strdup(a, src->object, &dst->object);
	if (!err && src->nlocs)
		err = arena_alloc(a, src->nlocs * sizeof(*locs),
				  (void **)&locs);
	for (i = 0; !err && i < src->nlocs; i++) {
		locs[i] = src->locs[i];
		err = arena_strdup(a, src->locs[i].function,
				   &locs[i].function);
		if (!err && src->locs[i].file)
			err = arena_strdup(a, src->locs[i].file,
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
	err = arena_strdup(&m->store, key, &k);
	if (!err)
		err = result_copy(r, &m->store, &m->results[m->n]);
	if (!err)
		err = strmap_ref(&m->map, k, &slot);
	if (err && err->code == LSG_ERR_LIMIT) {
		lsg_error_destroy(err);
		return NULL;
	}
	if (!err)
		*slot = m->n++;
	return err;
}

static struct lsg_error *frame_run(const struct symbolize *sym,
				   struct kernel *k,
				   const struct symbolize_frame *f,
				   struct arena *a, struct symbolize_result *r)
{
	char key[SYMBOLIZE_NAME_MAX + 64];
	struct loc_walk *w;
	struct lsg_error *err;
	struct kmod *km;
	uint32_t i;

	if (!valid_function(f->function))
		return result_set(r, a, SYMBOLIZE_INVALID,
				  "function name missing or too long");
	err = kernel_module(sym, k, f->module, &km);
	if (err)
		return err;
	if (!km)
		return result_set(r, a, SYMBOLIZE_INVALID,
				  "bad module name or too many modules");
	if (!km->mod)
		return result_set(r, a, SYMBOLIZE_NO_MODULE, "%s",
				  km->reason ? km->reason : "not found");
	memo_key(f, key, sizeof(key));
	i = strmap_get(&km->memo.map, key);
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
		kernel_destroy(sym->kernels[lru]);
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
		err = kernel_open(sym, release, want, &k, why);
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
	arena_deinit(&box->arena);
	free(box);
}

static struct lsg_error *trace_create(size_t nframes, struct trace_box **ret)
{
	struct symbolize_result *frames;
	struct trace_box *box = calloc(1, sizeof(*box));
	struct lsg_error *err;

	if (!box)
		return &lsg_enomem;
	err = arena_alloc(&box->arena, (nframes ? nframes : 1) *
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

	err = arena_strdup(&box->arena, why, &reason);
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

	err = arena_strdup(&box->arena, k->vmlinux, &t->vmlinux);
	if (!err)
		err = arena_strdup(&box->arena, k->build_id, &t->build_id);
	t->build_id_checked = checked;
	for (i = 0; !err && i < t->nframes; i++)
		err = frame_run(sym, k, &frames[i], &box->arena, &r[i]);
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
		kernel_destroy(sym->kernels[i]);
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
