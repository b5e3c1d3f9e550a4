/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What a log's own lines say about the kernel that wrote it, for plain-text
 * logs, which carry no bundle "kernel" object: the release from the boot
 * banner ("Linux version 6.1.0-56-cloud-amd64 (debian-kernel@...) #1 SMP
 * ...") or, when the banner has scrolled out, from a task header of a
 * crash ("CPU: 0 PID: 1 Comm: sh Tainted: G  OE  6.1.0-56-cloud-amd64 #1"),
 * and the command line ("Command line: ...").  With the release the
 * symbolizer finds the debug info as it does for a bundle.
 */
#ifndef LSG_LOGMETA_H
#define LSG_LOGMETA_H

#include <jansson.h>

#include "log.h"

/**
 * logmeta_kernel() - {"release", "version", "cmdline", "source"} from
 * @log's lines; members not found are null.  @header_release is the
 * release a task header named (e.g. the fatal event's), or NULL; the
 * banner wins over it.  Returns a new reference, or NULL when neither
 * gives a release (or on ENOMEM).
 */
json_t *logmeta_kernel(const struct lsg_log *log, const char *header_release);

#endif
