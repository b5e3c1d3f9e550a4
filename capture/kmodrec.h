/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The crash record left by logsage.ko (layout: kmod/logsage_record.h,
 * version 1), read from the dead kernel's physical memory.  The agent has
 * its own reader of the fixed little-endian layout: capture never includes
 * kmod headers.
 */
#ifndef LSG_KMODREC_H
#define LSG_KMODREC_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"

#define RECORD_SIZE_V1 976

/**
 * kmodrec_parse() - check and decode @len bytes of a record.  Returns the
 * bundle's crash.record object in *@ret (a new reference), or an error
 * naming what is wrong (bad magic, unknown version, CRC mismatch).
 */
struct lsg_error *kmodrec_parse(const uint8_t *buf, size_t len, json_t **ret);

/**
 * kmodrec_cmdline_addr() - the address in "logsage.record=0x..." on a kernel
 * command line; 1 if found.
 */
int kmodrec_cmdline_addr(const char *cmdline, uint64_t *ret);

#endif
