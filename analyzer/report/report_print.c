/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The report for people at a terminal: title, facts, events, the fatal
 * event's stacks, with colour when asked.
 */
#include <stdio.h>

#include "file/file.h"
#include "report.h"

static const char *json_str(const json_t *obj, const char *key)
{
	return obj ? json_string_value(json_object_get(obj, key)) : NULL;
}

/* ANSI colours, only when printing to a terminal. */
struct palette {
	const char *bold, *red, *dim, *off;
};

static void print_frames(const json_t *stack, const struct palette *p,
			 FILE *f)
{
	const json_t *fr;
	size_t i;

	fprintf(f, "  %s%s:%s\n", p->dim,
		json_string_value(json_object_get(stack, "context")), p->off);
	json_array_foreach(json_object_get(stack, "frames"), i, fr) {
		const char *func = json_string_value(json_object_get(fr, "func"));
		const char *mod = json_string_value(json_object_get(fr, "module"));
		const char *file = json_string_value(json_object_get(fr, "file"));
		json_int_t line = json_integer_value(json_object_get(fr, "line"));

		fprintf(f, "    %s%s%s%s%s%s%s", json_is_true(json_object_get(
				fr, "reliable")) ? "" : "? ",
			p->bold, func ? func : "?", p->off,
			json_is_true(json_object_get(fr, "inlined")) ?
				" [inline]" : "",
			mod ? " [" : "", mod ? mod : "");
		fprintf(f, "%s", mod ? "]" : "");
		if (file)
			fprintf(f, "  %s%s:%lld%s", p->dim, file,
				(long long)line, p->off);
		fputc('\n', f);
	}
}

static void print_event_list(const json_t *events, const struct palette *p,
			     FILE *f)
{
	const json_t *ev;
	size_t i;

	fprintf(f, "\nevents (%zu):\n", json_array_size(events));
	json_array_foreach(events, i, ev)
		fprintf(f, "  %s seq %-6lld %s%s%s\n",
			json_is_true(json_object_get(ev, "fatal")) ? "*" : " ",
			(long long)json_integer_value(json_object_get(ev, "seq")),
			json_is_true(json_object_get(ev, "fatal")) ? p->red : "",
			json_string_value(json_object_get(ev, "title")), p->off);
}

void report_print(const json_t *report, FILE *f, int color)
{
	static const struct palette on = { "\033[1m", "\033[1;31m",
					   "\033[2m", "\033[0m" };
	static const struct palette plain = { "", "", "", "" };
	const struct palette *p = color ? &on : &plain;
	const json_t *events = json_object_get(report, "events"), *ev, *st;
	const char *title = json_string_value(json_object_get(report, "title"));
	const char *guilty = json_string_value(json_object_get(report,
							       "guilty_file"));
	json_t *kernel = json_object_get(report, "kernel");
	size_t i, k;

	fprintf(f, "%s%s%s\n", p->red, title ? title : "no crash found",
		p->off);
	if (json_str(kernel, "release"))
		fprintf(f, "kernel:    %s %s\n", json_str(kernel, "release"),
			json_str(kernel, "build_id") ?
				json_str(kernel, "build_id") : "");
	if (json_str(json_object_get(report, "host"), "hostname"))
		fprintf(f, "host:      %s\n", json_str(json_object_get(
			report, "host"), "hostname"));
	fprintf(f, "signature: %s%s\n", json_string_value(json_object_get(
		report, "signature")) ?: "-", json_is_true(json_object_get(
		report, "corrupted")) ? "  (report corrupted)" : "");
	if (guilty)
		fprintf(f, "guilty:    %s%s%s\n", p->bold, guilty, p->off);
	print_event_list(events, p, f);
	json_array_foreach(events, i, ev) {
		if (!json_is_true(json_object_get(ev, "fatal")))
			continue;
		fprintf(f, "\nfatal event stacks:\n");
		json_array_foreach(json_object_get(ev, "stacks"), k, st)
			print_frames(st, p, f);
	}
	file_print(report, f, p->red, p->dim, p->off);
	fprintf(f, "\nanalysis: %.2f ms\n", json_number_value(json_object_get(
		json_object_get(report, "timings_ms"), "total")));
}
