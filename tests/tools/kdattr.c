/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kdattr VMCORE KEY...: print libkdumpfile's value of each attribute, one
 * "KEY=value" line each ("KEY" alone when absent).  libkdumpfile is the
 * independent reference the agent's own reader is checked against.
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <unistd.h>

#include <libkdumpfile/kdumpfile.h>

static void print_attr(kdump_ctx_t *ctx, const char *key)
{
	kdump_attr_t attr;

	if (kdump_get_attr(ctx, key, &attr) != KDUMP_OK) {
		printf("%s\n", key);
		return;
	}
	switch (attr.type) {
	case KDUMP_NUMBER:
		printf("%s=%" PRIuFAST64 "\n", key, attr.val.number);
		break;
	case KDUMP_ADDRESS:
		printf("%s=0x%" PRIx64 "\n", key, (uint64_t)attr.val.address);
		break;
	case KDUMP_STRING:
		printf("%s=%s\n", key, attr.val.string);
		break;
	default:
		printf("%s=?\n", key);
		break;
	}
}

int main(int argc, char **argv)
{
	kdump_ctx_t *ctx;
	int fd;

	if (argc < 3) {
		fprintf(stderr, "usage: kdattr VMCORE KEY...\n");
		return 2;
	}
	fd = open(argv[1], O_RDONLY);
	ctx = kdump_new();
	if (fd < 0 || !ctx || kdump_open_fd(ctx, fd) != KDUMP_OK) {
		fprintf(stderr, "kdattr: cannot open %s\n", argv[1]);
		return 1;
	}
	kdump_set_string_attr(ctx, KDUMP_ATTR_OSTYPE, "linux");
	for (int i = 2; i < argc; i++)
		print_attr(ctx, argv[i]);
	kdump_free(ctx);
	close(fd);
	return 0;
}
