/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage-upload: deliver the bundles in the spool to the analyzer.  Run by
 * logsage-capture in the crash kernel (exec, after the bundle is on disk),
 * and by logsage-resend.service at the next normal boot.
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "config.h"
#include "upload.h"

int main(int argc, char **argv)
{
	struct upload_stats st;
	struct lsg_error *err;
	struct config cfg;
	int hook = 0;

	err = config_from_args(&cfg, &argc, argv);
	for (int i = 1; !err && i < argc; i++) {
		if (!strcmp(argv[i], "--hook")) {
			hook = 1;
		} else {
			fprintf(stderr,
				"usage: logsage-upload [--hook] [--config FILE] [--KEY VALUE]...\n");
			return 2;
		}
	}
	if (!err && curl_global_init(CURL_GLOBAL_DEFAULT))
		err = lsg_error_create(LSG_ERR_LIB, "curl_global_init failed");
	if (!err)
		err = upload_spool(&cfg, &st);
	if (err) {
		lsg_error_print(err, "logsage-upload", stderr);
		lsg_error_destroy(err);
		return hook ? 0 : 1;
	}
	fprintf(stderr,
		"logsage-upload: %u sent, %u already stored, %u rejected, %u kept in %s; first ack after %ld ms\n",
		st.sent, st.duplicate, st.rejected, st.kept, cfg.spool_dir,
		st.first_ack_ms);
	curl_global_cleanup();
	return hook || !st.kept ? 0 : 1;
}
