#!/bin/sh
# The QEMU end-to-end test (tests/e2e/README.md): a real Debian kernel with
# logsage.ko crashes, the crash kernel's dracut image runs the agent, which
# uploads to logsage serve; the vmcore is still saved; no-network spool and
# resend, all over HTTPS.  Last line: "e2e: acked over HTTPS in N ms ...".
exec tests/e2e/run
