/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "logmeta.h"

/* Text lines never exceed this; longer records are not banner lines. */
enum { LOGMETA_MAX_LINE = 4096 };

static const char banner[] = "Linux version ";
static const char cmdline[] = "Command line: ";

/* The first line of record @i after @key when it starts with it. */
static const char *after(const struct lsg_log *log, size_t i, const char *key,
			 size_t *len)
{
	const struct lsg_record *r = &log->recs[i];
	const char *t = lsg_log_text(log, i), *nl;
	size_t klen = strlen(key);

	if (r->text_len <= klen || r->text_len > LOGMETA_MAX_LINE ||
	    memcmp(t, key, klen))
		return NULL;
	*len = r->text_len - klen;
	nl = memchr(t + klen, '\n', *len);
	if (nl)
		*len = (size_t)(nl - (t + klen));
	return t + klen;
}

/* A JSON string of @n bytes, null when absent or not valid UTF-8. */
static json_t *str_n(const char *s, size_t n)
{
	json_t *j = s ? json_stringn(s, n) : NULL;

	return j ? j : json_null();
}

/*
 * "6.1.0-56-cloud-amd64 (debian-kernel@...) (gcc-12 ...) #1 SMP ...":
 * the release is the first word, the version the text from " #" on.
 */
static void split_banner(const char *s, size_t n, size_t *rel_len,
			 const char **ver, size_t *ver_len)
{
	size_t i = 0;

	while (i < n && s[i] != ' ')
		i++;
	*rel_len = i;
	*ver = NULL;
	for (; i + 1 < n; i++) {
		if (s[i] == ' ' && s[i + 1] == '#') {
			*ver = s + i + 1;
			*ver_len = n - i - 1;
			return;
		}
	}
}

json_t *logmeta_kernel(const struct lsg_log *log, const char *header_release)
{
	const char *ban = NULL, *cmd = NULL, *ver = NULL;
	size_t ban_len = 0, cmd_len = 0, rel_len = 0, ver_len = 0;
	json_t *k;

	for (size_t i = 0; i < log->nrecs && (!ban || !cmd); i++) {
		if (!ban)
			ban = after(log, i, banner, &ban_len);
		if (!cmd)
			cmd = after(log, i, cmdline, &cmd_len);
	}
	if (ban)
		split_banner(ban, ban_len, &rel_len, &ver, &ver_len);
	if (!rel_len && !header_release)
		return NULL;
	k = json_object();
	if (!k)
		return NULL;
	json_object_set_new(k, "release", rel_len ? str_n(ban, rel_len) :
			    str_n(header_release, strlen(header_release)));
	json_object_set_new(k, "version", str_n(ver, ver_len));
	json_object_set_new(k, "cmdline", str_n(cmd, cmd_len));
	json_object_set_new(k, "source", json_string(rel_len ? "banner" :
							  "task header"));
	return k;
}
