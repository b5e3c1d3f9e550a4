/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage-upload's main.  logsage-capture runs it when invoked under that
 * name: one static binary (and one libc) in the crash initramfs, with
 * logsage-upload a symlink to it.
 */
#ifndef LSG_UPLOAD_MAIN_H
#define LSG_UPLOAD_MAIN_H

#define UPLOAD_MAIN_NAME "logsage-upload"

/* Exit status as logsage-upload's: 0, 1 (bundles kept) or 2 (usage). */
int upload_main(int argc, char **argv);

#endif
