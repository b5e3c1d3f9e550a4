/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Finding the files of a kernel build: vmlinux by build-id or release in
 * the debug directories, else from a debuginfod server, refused when its
 * GNU build-id is another build's; modules by name under the module
 * trees, refused when their vermagic names another release.  A kernel
 * build found is opened in its own Dwfl.
 */
#include <ctype.h>
#include <dirent.h>
#include <elfutils/libdwelf.h>
#include <elfutils/libdwfl.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <curl/curl.h>

#include "hex.h"
#include "symbolize_internal.h"

enum {
	DIR_DEPTH_MAX = 8,		/* module tree walk */
	MODFILES_MAX = 65536,		/* .ko files indexed per kernel */
};

/* ---- ELF facts read before a file is given to libdwfl ---- */

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

/* ---- module file index: NAME.ko under the module trees ---- */

struct modfile {
	char *name;
	char *path;
	uint32_t next;		/* next file of the same module name */
};

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
	err = symbolize_strmap_ref(&idx->map, f->name, &head);
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
	symbolize_strmap_deinit(&idx->map);
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

	err = symbolize_strmap_init(&k->index.map, 256);
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
	symbolize_strmap_deinit(&km->symtab.map);
	symbolize_strmap_deinit(&km->memo.map);
	free(km->memo.results);
	symbolize_arena_deinit(&km->memo.store);
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
	err = symbolize_strmap_ref(&k->modmap, km->name, &slot);
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
	uint32_t i = symbolize_strmap_get(&k->index.map, km->name);
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

struct lsg_error *symbolize_kernel_module(const struct symbolize *sym,
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
	i = symbolize_strmap_get(&k->modmap, name);
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

void symbolize_kernel_destroy(struct kernel *k)
{
	size_t i;

	if (!k)
		return;
	for (i = 0; i < k->nmods; i++)
		kmod_destroy(k->mods[i]);
	free(k->mods);
	symbolize_strmap_deinit(&k->modmap);
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
	err = symbolize_strmap_init(&k->modmap, 16);
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
	symbolize_kernel_destroy(k);
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

struct lsg_error *symbolize_kernel_open(const struct symbolize *sym,
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
