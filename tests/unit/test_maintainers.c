/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Issue 14: maintainers of a guilty file from the real MAINTAINERS file of
 * Debian's linux-source-6.1 6.1.192-2 (tests/data/maintainers/README.md).
 * Expected people and lists are read off the sections named below.
 */
#include <stdlib.h>
#include <string.h>

#include <zstd.h>

#include "fileio.h"
#include "harness.h"
#include "report/maintainers.h"

#define DATA "tests/data/maintainers/MAINTAINERS-6.1.192.zst"

static char *load(size_t *len)
{
	char *z, *buf = NULL;
	size_t zlen;
	unsigned long long n;
	struct lsg_error *err = fileio_read_file(DATA, (size_t)4 << 20, &z,
						 &zlen);

	if (err) {
		lsg_error_destroy(err);
		return NULL;
	}
	n = ZSTD_getFrameContentSize(z, zlen);
	if (n < MAINT_MAX_FILE && (buf = malloc(n ? n : 1)) &&
	    ZSTD_decompress(buf, n, z, zlen) != n) {
		free(buf);
		buf = NULL;
	}
	*len = n;
	free(z);
	return buf;
}

/* Entry @i of @m: its email, role and section. */
static void check_entry(const json_t *m, size_t i, const char *email,
			const char *role, const char *section)
{
	const json_t *e = json_array_get(m, i);

	CHECK_STR(json_string_value(json_object_get(e, "email")), email);
	CHECK_STR(json_string_value(json_object_get(e, "role")), role);
	CHECK_STR(json_string_value(json_object_get(e, "section")), section);
}

static int has_email(const json_t *m, const char *email)
{
	const json_t *e;
	size_t i;

	json_array_foreach(m, i, e)
		if (!strcmp(json_string_value(json_object_get(e, "email")),
			    email))
			return 1;
	return 0;
}

static void test_files(const struct maint_db *db)
{
	json_t *m = maint_lookup(db, "fs/ext4/inode.c", NULL, 0);

	/* EXT4 FILE SYSTEM: F: fs/ext4/ (a directory). */
	check_entry(m, 0, "tytso@mit.edu", "maintainer", "EXT4 FILE SYSTEM");
	CHECK_STR(json_string_value(json_object_get(json_array_get(m, 0),
						    "name")),
		  "\"Theodore Ts'o\"");
	check_entry(m, 1, "adilger.kernel@dilger.ca", "maintainer",
		    "EXT4 FILE SYSTEM");
	check_entry(m, 2, "linux-ext4@vger.kernel.org", "list",
		    "EXT4 FILE SYSTEM");
	/* FILESYSTEMS' "F: fs/<glob>" does not reach into fs/ext4/. */
	CHECK(!has_email(m, "viro@zeniv.linux.org.uk"));
	json_decref(m);

	/* NETWORKING DRIVERS has drivers/net/, the wireless section the
	 * deeper drivers/net/wireless/: the more specific comes first. */
	m = maint_lookup(db, "drivers/net/wireless/Kconfig", NULL, 0);
	check_entry(m, 0, "kvalo@kernel.org", "maintainer",
		    "NETWORKING DRIVERS (WIRELESS)");
	CHECK(has_email(m, "netdev@vger.kernel.org"));
	json_decref(m);
	/* ... and a driver's own section before both. */
	m = maint_lookup(db, "drivers/net/wireless/ath/ath9k/main.c", NULL,
			 0);
	check_entry(m, 0, "toke@toke.dk", "maintainer",
		    "QUALCOMM ATHEROS ATH9K WIRELESS DRIVER");
	CHECK(has_email(m, "kvalo@kernel.org"));
	json_decref(m);

	/* Glob: "F: include/linux/hwmon*.h" (HARDWARE MONITORING). */
	m = maint_lookup(db, "include/linux/hwmon-sysfs.h", NULL, 0);
	CHECK(has_email(m, "linux@roeck-us.net"));
	json_decref(m);

	/* X: drivers/media/i2c/ takes the file out of the i.MX section,
	 * whose "N: imx" would match it. */
	m = maint_lookup(db, "drivers/media/i2c/imx219.c", NULL, 0);
	CHECK(!has_email(m, "kernel@pengutronix.de"));
	json_decref(m);
	m = maint_lookup(db, "drivers/clk/imx/clk-imx8mq.c", NULL, 0);
	CHECK(has_email(m, "kernel@pengutronix.de"));
	json_decref(m);
}

static void test_keywords(const struct maint_db *db)
{
	static const char text[] =
		"Call Trace:\n devm_hwmon_device_register_with_info+0x6b/0xb0\n";
	json_t *m = maint_lookup(db, NULL, text, strlen(text));

	/* HARDWARE MONITORING's K: (devm_)?hwmon_device_(un)?register... */
	CHECK(has_email(m, "jdelvare@suse.com"));
	json_decref(m);
	m = maint_lookup(db, NULL, "nothing", 7);
	CHECK(m && json_array_size(m) == 0);
	json_decref(m);
}

static void test_errors(void)
{
	struct maint_db *db = NULL;
	struct lsg_error *err = maint_parse("no sections here\n", 17, &db);

	CHECK(err && err->code == LSG_ERR_INVALID && !db);
	lsg_error_destroy(err);
	err = maint_parse("", 0, &db);
	CHECK(err && err->code == LSG_ERR_INVALID);
	lsg_error_destroy(err);
}

/*
 * Patterns whose compiling grows without bound (a fuzzer's: stacked "+",
 * intervals of intervals, groups repeated in repeated groups) are left
 * out, not compiled; the section's other patterns stay.
 */
static void test_costly(void)
{
	static const char text[] =
		"HWMON\n"
		"K:\t(devm_)?hw+++++++++++++++++++++++++++++++++info)\n"
		"K:\t((a{100}){100}){100}\n"
		"K:\t((((((((((x)+)+)+)+)+)+)+)+)+)+\n"
		"K:\t[+*]hwmon_[a-z]+\\+\n"
		"N:\t(devm_)?hwmon_device_(un)?register(|_with_info)\n";
	struct maint_db *db = NULL;
	struct lsg_error *err = maint_parse(text, sizeof(text) - 1, &db);

	CHECK(!err && db);
	if (err) {
		lsg_error_destroy(err);
		return;
	}
	CHECK(maint_db_skipped(db) == 3);
	maint_db_destroy(db);
}

int main(void)
{
	struct maint_db *db;
	struct lsg_error *err;
	size_t len;
	char *buf = load(&len);

	CHECK(buf != NULL);
	if (!buf)
		return test_exit();
	err = maint_parse(buf, len, &db);
	free(buf);
	CHECK(!err);
	if (err) {
		lsg_error_destroy(err);
		return test_exit();
	}
	/* 6.1's file has 2,614 sections; Perl-only K:/N: are left out. */
	CHECK(maint_db_sections(db) > 2500);
	printf("sections %zu, N:/K: left out %zu\n", maint_db_sections(db),
	       maint_db_skipped(db));
	test_files(db);
	test_keywords(db);
	test_errors();
	test_costly();
	maint_db_destroy(db);
	return test_exit();
}
