/* SPDX-License-Identifier: GPL-2.0-or-later */
/* agent.conf parsing: values, defaults, and errors naming file:line:key. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "harness.h"

static char *write_tmp(const char *text)
{
	static char path[] = "/tmp/lsg-config-XXXXXX";
	int fd;

	snprintf(path, sizeof(path), "/tmp/lsg-config-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		return NULL;
	close(fd);
	return path;
}

static void check_error(const char *text, const char *want)
{
	struct lsg_error *err;
	struct config c;
	char *path = write_tmp(text), expect[256];

	config_defaults(&c);
	err = config_load(&c, path, 0);
	snprintf(expect, sizeof(expect), "%s:%s", path, want);
	CHECK(err && err->code == LSG_ERR_INVALID);
	CHECK_STR(err ? err->message : NULL, expect);
	lsg_error_destroy(err);
	unlink(path);
}

/* Issue 20: under --hook no configuration problem stops the capture. */
static void test_issue20_lenient(void)
{
	static const char text[] = "bogus_key = 1\ndeadline = -5\n"
				   "retries = 7\nurl = a\0b\n";
	char *argv[] = { (char *)"agent", (char *)"--config", NULL,
			 (char *)"--timeout", (char *)"0", (char *)"--hook",
			 NULL };
	int argc = 6, fd;
	char path[] = "/tmp/lsg-config-XXXXXX", buf[64];
	struct lsg_error *err;
	struct config c;

	fd = mkstemp(path);
	CHECK(fd >= 0 && write(fd, text, sizeof(text) - 1) > 0);
	close(fd);
	argv[2] = path;
	CHECK(!config_from_args(&c, &argc, argv, 1));
	CHECK(c.nerrors == 4);
	CHECK(strstr(c.errors[0], ":1: unknown key 'bogus_key'") != NULL);
	CHECK(strstr(c.errors[1], ":2: 'deadline' must be") != NULL);
	CHECK(strstr(c.errors[2], ":4: NUL byte in line") != NULL);
	CHECK(strstr(c.errors[3], "--timeout: ") != NULL);
	CHECK(c.deadline == 60 && c.retries == 7 && c.timeout == 20);
	CHECK(!c.url[0]);
	CHECK(argc == 2 && !strcmp(argv[1], "--hook"));
	/* Without --hook the same file is an error. */
	argc = 3;
	argv[1] = (char *)"--config";
	argv[2] = path;
	argv[3] = NULL;
	err = config_from_args(&c, &argc, argv, 0);
	CHECK(err && strstr(err->message, ":1: unknown key 'bogus_key'"));
	lsg_error_destroy(err);
	unlink(path);
	/* A missing file, under --hook, is a recorded problem. */
	argc = 3;
	argv[1] = (char *)"--config";
	argv[2] = (char *)"/nonexistent/agent.conf";
	argv[3] = NULL;
	CHECK(!config_from_args(&c, &argc, argv, 1));
	CHECK(c.nerrors == 1 && strstr(c.errors[0], "No such file"));
	/* The fallback: configured, else the dump's directory. */
	CHECK_STR(config_fallback_dir(&c, "/srv/dumps/vmcore", buf,
				      sizeof(buf)), "/srv/dumps");
	CHECK_STR(config_fallback_dir(&c, "/proc/vmcore", buf, sizeof(buf)),
		  CONFIG_DUMP_DIR);
	CHECK_STR(config_fallback_dir(&c, "vmcore", buf, sizeof(buf)), ".");
	snprintf(c.fallback_dir, sizeof(c.fallback_dir), "/x");
	CHECK_STR(config_fallback_dir(&c, "/srv/vmcore", buf, sizeof(buf)),
		  "/x");
}

int main(void)
{
	struct lsg_error *err;
	struct config c;
	char *path;

	path = write_tmp("# logsage agent\n\n url = https://logsage.example:8443/api/v1/bundles \n"
			 "token_file=/etc/logsage/token\nretries = 5\n"
			 "connect-timeout = 3\n");
	config_defaults(&c);
	err = config_load(&c, path, 0);
	CHECK(!err);
	CHECK_STR(c.url, "https://logsage.example:8443/api/v1/bundles");
	CHECK_STR(c.token_file, "/etc/logsage/token");
	CHECK(c.retries == 5 && c.connect_timeout == 3 && c.timeout == 20);
	CHECK_STR(c.spool_dir, "/var/spool/logsage");
	unlink(path);

	CHECK(!config_load(&c, "/nonexistent/agent.conf", 1));
	err = config_load(&c, "/nonexistent/agent.conf", 0);
	CHECK(err && err->code == LSG_ERR_OS);
	lsg_error_destroy(err);

	check_error("url = x\nbogus = 1\n", "2: unknown key 'bogus'");
	check_error("retries = many\n",
		    "1: 'retries' must be a whole number from 0 to 100, not 'many'");
	check_error("\n\njust words\n",
		    "3: expected 'key = value', got 'just words'");
	err = config_set(&c, "timeout", "0");
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
	test_issue20_lenient();
	return test_exit();
}
