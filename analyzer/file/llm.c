/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "llm.h"

struct answer {
	char *buf;
	size_t len;
	int too_big;
};

static size_t on_data(char *p, size_t size, size_t n, void *arg)
{
	struct answer *a = arg;
	size_t add = size * n;
	char *b;

	if (a->len + add > LLM_MAX_ANSWER) {
		a->too_big = 1;
		return 0;
	}
	b = realloc(a->buf, a->len + add + 1);
	if (!b)
		return 0;
	memcpy(b + a->len, p, add);
	a->len += add;
	b[a->len] = '\0';
	a->buf = b;
	return add;
}

static struct lsg_error *post(const char *url, const char *body,
			      long timeout_ms, struct answer *a)
{
	struct curl_slist *hdr = curl_slist_append(NULL,
		"Content-Type: application/json");
	CURL *c = curl_easy_init();
	struct lsg_error *err = NULL;
	long status = 0;
	CURLcode rc;

	if (!c || !hdr) {
		err = &lsg_enomem;
		goto out;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, a);
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK) {
		err = a->too_big ?
			lsg_error_create(LSG_ERR_LIMIT, "llm: answer over %zu bytes",
					 LLM_MAX_ANSWER) :
			lsg_error_create(LSG_ERR_LIB, "llm: %s: %s", url,
					 curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (status != 200)
		err = lsg_error_create(LSG_ERR_INVALID, "llm: %s: HTTP %ld",
				       url, status);
out:
	curl_slist_free_all(hdr);
	curl_easy_cleanup(c);
	return err;
}

static struct lsg_error *content_of(const struct answer *a, char **ret)
{
	json_t *doc = a->buf ? json_loadb(a->buf, a->len, 0, NULL) : NULL;
	const char *s = json_string_value(json_object_get(json_object_get(
		json_array_get(json_object_get(doc, "choices"), 0), "message"),
		"content"));
	struct lsg_error *err = NULL;

	if (!s || !*s)
		err = lsg_error_create(LSG_ERR_INVALID,
				       "llm: no choices[0].message.content");
	else if (!(*ret = strdup(s)))
		err = &lsg_enomem;
	json_decref(doc);
	return err;
}

struct lsg_error *llm_chat(const char *url, const char *model,
			   const char *system, const char *user,
			   long timeout_ms, char **ret)
{
	json_t *req = json_pack("{s:s,s:f,s:[{s:s,s:s},{s:s,s:s}]}",
		"model", model, "temperature", 0.0, "messages",
		"role", "system", "content", system,
		"role", "user", "content", user);
	struct answer a = { 0 };
	struct lsg_error *err;
	char *body;

	body = req ? json_dumps(req, JSON_COMPACT) : NULL;
	json_decref(req);
	if (!body)
		return &lsg_enomem;
	err = post(url, body, timeout_ms, &a);
	if (!err)
		err = content_of(&a, ret);
	free(a.buf);
	free(body);
	return err;
}
