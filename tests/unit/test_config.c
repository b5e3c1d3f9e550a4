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
	return test_exit();
}
