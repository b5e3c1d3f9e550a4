/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <errno.h>

#include "error.h"
#include "harness.h"

int main(void)
{
	struct lsg_error *err;

	err = lsg_error_create(LSG_ERR_CORRUPT, "record at 0x%x", 0x1a40);
	err = lsg_error_wrap(err, "printk");
	CHECK(err->code == LSG_ERR_CORRUPT);
	CHECK_STR(err->message, "printk: record at 0x1a40");
	lsg_error_destroy(err);

	err = lsg_error_os(ENOENT, "open %s", "/nonexistent");
	CHECK(err->code == LSG_ERR_OS && err->errnum == ENOENT);
	CHECK_STR(err->message, "open /nonexistent: No such file or directory");
	lsg_error_destroy(err);

	CHECK(lsg_error_wrap(&lsg_enomem, "ctx") == &lsg_enomem);
	lsg_error_destroy(&lsg_enomem);
	lsg_error_destroy(NULL);
	return test_exit();
}
