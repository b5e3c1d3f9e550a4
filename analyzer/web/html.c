/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html.h"

static const char page_nomem[] =
	"<!doctype html><title>logsage</title><p>Out of memory; try again.";

int html_open(struct html *h)
{
	h->buf = NULL;
	h->len = 0;
	h->f = open_memstream(&h->buf, &h->len);
	return h->f ? 0 : -1;
}

void html_close(struct html *h)
{
	if (h->f)
		fclose(h->f);
	free(h->buf);
	h->f = NULL;
	h->buf = NULL;
}

void html_nomem(struct server_response *r)
{
	*r = (struct server_response){
		.status = 503, .page = 1,
		.content_type = "text/html; charset=utf-8",
		.body = (char *)(uintptr_t)page_nomem,
		.len = sizeof(page_nomem) - 1,
	};
}

void html_finish(struct html *h, unsigned status, struct server_response *r)
{
	int bad = ferror(h->f);

	if (fclose(h->f) || bad || !h->buf) {
		free(h->buf);
		html_nomem(r);
	} else {
		*r = (struct server_response){
			.status = status, .page = 1,
			.content_type = "text/html; charset=utf-8",
			.body = h->buf, .len = h->len, .owned = 1,
		};
	}
	h->f = NULL;
	h->buf = NULL;
}

void html_raw(struct html *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(h->f, fmt, ap);
	va_end(ap);
}

void html_textn(struct html *h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&': fputs("&amp;", h->f); break;
		case '<': fputs("&lt;", h->f); break;
		case '>': fputs("&gt;", h->f); break;
		case '"': fputs("&quot;", h->f); break;
		case '\'': fputs("&#39;", h->f); break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				fprintf(h->f, "\\x%02x", c);
			else
				fputc(c, h->f);
		}
	}
}

void html_text(struct html *h, const char *s)
{
	if (s)
		html_textn(h, s, strlen(s));
}

void html_url(struct html *h, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			fputc(c, h->f);
		else
			fprintf(h->f, "%%%02X", c);
	}
}

void html_time(struct html *h, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];

	if (t <= 0 || !gmtime_r(&tt, &tm) ||
	    !strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M", &tm)) {
		fputs("—", h->f);
		return;
	}
	fputs(buf, h->f);
}

void html_head(struct html *h, const char *title,
	       const struct store_session *sess)
{
	html_raw(h, "<!doctype html>\n<html lang=\"en\"><head>"
		 "<meta charset=\"utf-8\">"
		 "<meta name=\"viewport\" content=\"width=device-width\">"
		 "<title>");
	html_text(h, title);
	html_raw(h, " · logsage</title>"
		 "<link rel=\"stylesheet\" href=\"/assets/style.css\">"
		 "</head><body><header><a class=\"brand\" href=\"/\">logsage</a>");
	if (sess) {
		html_raw(h, "<nav><a href=\"/\">Dashboard</a>"
			 "<a href=\"/crashes\">Crashes</a>"
			 "<a href=\"/labels\">Label queue</a></nav>"
			 "<form class=\"who\" method=\"post\" action=\"/logout\">"
			 "<span id=\"who\">");
		html_text(h, sess->token);
		html_raw(h, " (%s)</span><input type=\"hidden\" name=\"csrf\""
			 " value=\"%s\"><button>Sign out</button></form>",
			 store_role_name(sess->role) ?: "none", sess->csrf);
	}
	html_raw(h, "</header><main>");
}

void html_foot(struct html *h)
{
	html_raw(h, "</main></body></html>\n");
}
