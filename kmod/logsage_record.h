/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The crash record logsage.ko keeps in physically contiguous memory, read
 * back by logsage-capture from the vmcore at the physical address the
 * crash kernel is given as logsage.record=0x...
 *
 * Wire layout: little-endian, packed, fixed offsets; logsage-capture has
 * its own reader of this layout (capture/record.c), kept in step by the
 * version number.  crc is the standard CRC-32 (zlib's crc32()) of the
 * whole record with the crc field taken as zero.
 */
#ifndef LOGSAGE_RECORD_H
#define LOGSAGE_RECORD_H

#include <linux/types.h>

#define LOGSAGE_RECORD_MAGIC	0x5247534cU	/* "LSGR" */
#define LOGSAGE_RECORD_VERSION	1
#define LOGSAGE_MCE_SLOTS	8

enum logsage_record_flags {
	LOGSAGE_HAVE_PANIC	= 1 << 0,
	LOGSAGE_HAVE_DIE	= 1 << 1,
	LOGSAGE_HAVE_FIRST_OOPS	= 1 << 2,
	LOGSAGE_HAVE_DUMP	= 1 << 3,
};

struct logsage_event {
	__le64 time_ns;		/* CLOCK_REALTIME */
	__le32 cpu;
	__le32 pid;
	char comm[16];
	__le64 taint;
	__le32 trap;		/* die: trap number */
	__le32 signr;
	__le64 err;		/* die: error code */
	char text[128];		/* panic or die string */
} __packed;

struct logsage_mce {
	__le64 time_ns;
	__le64 status;
	__le64 addr;
	__le64 misc;
	__le32 bank;
	__le32 cpu;
} __packed;

struct logsage_record {
	__le32 magic;
	__le16 version;
	__le16 size;
	__le32 crc;
	__le32 flags;
	__le64 updates;			/* bumped on every write */
	__le32 oops_count;
	__le32 mce_count;		/* total seen; slots hold the last */
	struct logsage_event panic;	/* panic() reason */
	struct logsage_event die;	/* last oops/die */
	struct logsage_event first_oops;	/* first oops of this boot */
	__le32 dump_reason;		/* kmsg_dump_reason of the last dump */
	__le32 reserved;
	struct logsage_mce mce[LOGSAGE_MCE_SLOTS];
	char tag[64];			/* the fleet's host tag */
} __packed;

#endif
