/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fileio.h"
#include "parse/textlog.h"

#include "cli.h"

static void analyze_usage(FILE *f)
{
	fputs("usage: logsage analyze FILE|- [--json] [--db PATH] [--debug-dir DIR]... [--debuginfod URLS]\n"
	      "                       [--maintainers FILE] [--wait SEC]\n"
	      "\n"
	      "FILE is a bundle (zstd or JSON), a vmcore (ELF or kdump-compressed,\n"
	      "read with logsage-capture), or a plain log: serial console, dmesg,\n"
	      "netconsole or a syzkaller report.  --json prints the report object.\n"
	      "--db: FILE's background templates from this store (logsage learn)\n"
	      "and the root-cause model `logsage train` stored there.\n"
	      "A FIFO is waited on for SEC seconds at most (default 30).\n",
	      f);
}

static const struct option analyze_options[] = {
	{ "json", no_argument, NULL, 'j' },
	{ "db", required_argument, NULL, 'd' },
	{ "debug-dir", required_argument, NULL, 'g' },
	{ "debuginfod", required_argument, NULL, 'u' },
	{ "maintainers", required_argument, NULL, 'm' },
	{ "wait", required_argument, NULL, 'w' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* logsage-capture, installed beside logsage, into @ret. */
static struct lsg_error *capture_path(char *ret, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", ret, size - 1);
	char *slash;

	if (n <= 0)
		return lsg_error_os(errno, "readlink /proc/self/exe");
	ret[n] = '\0';
	slash = strrchr(ret, '/');
	if (!slash || (size_t)(slash - ret) + sizeof("/logsage-capture") > size)
		return lsg_error_create(LSG_ERR_INVALID, "%s: path too long",
					ret);
	memcpy(slash, "/logsage-capture", sizeof("/logsage-capture"));
	return NULL;
}

/*
 * A vmcore goes through the agent, run without a shell: the file name is
 * one argument, whatever bytes it holds.
 */
static struct lsg_error *capture_vmcore(const char *path, char **buf,
					size_t *len)
{
	char agent[4096], json[] = "--json", vmcore[] = "--vmcore";
	char *file = strdup(path);
	char *const argv[] = { agent, json, vmcore, file, NULL };
	posix_spawn_file_actions_t fa;
	struct lsg_error *err;
	int fds[2], status, rc;
	pid_t pid;
	FILE *out;

	err = file ? capture_path(agent, sizeof(agent)) : &lsg_enomem;
	if (!err && pipe2(fds, O_CLOEXEC))
		err = lsg_error_os(errno, "pipe");
	if (err) {
		free(file);
		return err;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	rc = posix_spawn(&pid, agent, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	free(file);
	close(fds[1]);
	if (rc) {
		close(fds[0]);
		return lsg_error_os(rc, "run %s", agent);
	}
	out = fdopen(fds[0], "r");
	err = out ? fileio_read_stream(out, INGEST_MAX_JSON, buf, len) :
		    lsg_error_os(errno, "fdopen");
	if (out)
		fclose(out);
	else
		close(fds[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		if (!err)
			free(*buf);
		lsg_error_destroy(err);
		return lsg_error_create(LSG_ERR_INVALID,
					"logsage-capture could not read %s",
					path);
	}
	return err;
}

enum input_kind { INPUT_BUNDLE, INPUT_VMCORE, INPUT_TEXT };

static enum input_kind input_kind(const char *buf, size_t len)
{
	static const unsigned char zstd[4] = { 0x28, 0xb5, 0x2f, 0xfd };
	size_t i = 0;

	if (len >= 4 && !memcmp(buf, zstd, 4))
		return INPUT_BUNDLE;
	if ((len >= 4 && !memcmp(buf, "\177ELF", 4)) ||
	    (len >= 8 && !memcmp(buf, "KDUMP   ", 8)))
		return INPUT_VMCORE;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n'))
		i++;
	return i < len && buf[i] == '{' ? INPUT_BUNDLE : INPUT_TEXT;
}

/* Vmcores are read by the agent, not loaded: peek at the magic. */
static int is_vmcore(const char *path)
{
	FILE *f = fopen(path, "rb");
	char head[8];
	size_t n;

	if (!f)
		return 0;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	return input_kind(head, n) == INPUT_VMCORE;
}

static struct lsg_error *analyze_bytes(struct report_ctx *rc, const char *buf,
				       size_t len, json_t **ret)
{
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	struct lsg_log log;

	if (input_kind(buf, len) == INPUT_TEXT) {
		struct textlog_stats st;
		json_t *host = NULL;

		err = textlog_parse(buf, len, &log, &st);
		if (err)
			return err;
		/* NULL too when the name is not UTF-8: no host then. */
		if (st.host[0])
			host = json_pack("{s:s}", "hostname", st.host);
		err = report_build(rc, &log, NULL, host, ret);
		json_decref(host);
		lsg_log_deinit(&log);
		return err;
	}
	err = ingest_decode(buf, len, NULL, &why, &b);
	if (err)
		return lsg_error_wrap(err, "not a valid bundle (%s)",
				      ingest_reason_name(why));
	err = report_build(rc, &b.log, b.kernel, b.host, ret);
	ingest_bundle_deinit(&b);
	return err;
}

static struct lsg_error *analyze_input(struct report_ctx *rc,
				       const char *path, int wait_s,
				       json_t **ret)
{
	struct lsg_error *err;
	struct stat st;
	size_t len;
	char *buf;

	if (!strcmp(path, "-"))
		err = fileio_read_stream(stdin, INGEST_MAX_JSON, &buf, &len);
	else if (!stat(path, &st) && S_ISFIFO(st.st_mode))
		err = fileio_read_fifo(path, INGEST_MAX_JSON, wait_s * 1000,
				       &buf, &len);
	else if (is_vmcore(path))
		err = capture_vmcore(path, &buf, &len);
	else
		err = fileio_read_file(path, INGEST_MAX_JSON, &buf, &len);
	if (err)
		return err;
	err = analyze_bytes(rc, buf, len, ret);
	free(buf);
	return err;
}

int cmd_analyze(int argc, char **argv)
{
	struct analysis_opts a = { .ndirs = 0 };
	struct report_ctx *rc = NULL;
	struct store *s = NULL;
	struct lsg_error *err = NULL;
	const char *db = NULL;
	json_t *report = NULL;
	int c, as_json = 0, wait_s = 30;
	unsigned long long v;

	while ((c = getopt_long(argc, argv, "h", analyze_options, NULL)) != -1) {
		if (c == 'j') {
			as_json = 1;
		} else if (c == 'g') {
			if (cli_add_debug_dir(&a, optarg))
				return 2;
		} else if (c == 'u') {
			a.debuginfod = optarg;
		} else if (c == 'd') {
			db = optarg;
		} else if (c == 'm') {
			a.maintainers = optarg;
		} else if (c == 'w') {
			if (cli_parse_size(optarg, 1, 86400, &v)) {
				analyze_usage(stderr);
				return 2;
			}
			wait_s = (int)v;
		} else {
			analyze_usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	if (optind != argc - 1) {
		analyze_usage(stderr);
		return 2;
	}
	if (db)
		err = store_open(db, &s);
	if (!err)
		err = cli_file_ctx(s, CLI_FILE_FIXED, &a.file);
	/* the root-cause model trained into that store */
	if (!err && s)
		err = cli_model_load(s, &a.model);
	if (!err)
		err = cli_analysis_ctx(&a, &rc);
	if (!err)
		err = analyze_input(rc, argv[optind], wait_s, &report);
	report_ctx_destroy(rc);
	modelslot_destroy(a.model);
	file_ctx_destroy(a.file);
	store_close(s);
	if (err)
		return cli_fail(err);
	if (as_json) {
		json_dumpf(report, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		report_print(report, stdout, isatty(STDOUT_FILENO));
	}
	json_decref(report);
	return 0;
}
