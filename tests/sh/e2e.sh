#!/bin/sh
# The QEMU end-to-end test (tests/e2e/README.md): a real Debian kernel with
# logsage.ko crashes, the crash kernel's dracut image runs the agent, which
# uploads to logsage serve; the vmcore is still saved; no-network spool and
# resend.  Last line: "e2e: acked in N ms after agent start; ...".
exec tests/e2e/run
