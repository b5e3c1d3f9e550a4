#!/bin/bash
# dracut module: run logsage-capture in the kdump initramfs (kdump-utils on
# Fedora/RHEL), before the vmcore is saved.  Added on request only, with
# "dracut_args --add logsage" in /etc/kdump.conf (logsage-kdump-setup
# writes it).
#
# moddir, initdir and systemdsystemunitdir come from dracut.
# shellcheck disable=SC2154

# Where the agent is installed (tests point it at a build directory).
logsage_sbin() {
	echo "${LOGSAGE_SBIN:-/usr/sbin}"
}

# The agent's configuration, as the installed system has it.
logsage_conf() {
	echo "${LOGSAGE_CONF:-/etc/logsage/agent.conf}"
}

# A key's value in agent.conf (last one wins, as the agent reads it).
logsage_key() {
	sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$(logsage_conf)" \
		2>/dev/null | tail -n 1
}

check() {
	require_binaries "$(logsage_sbin)/logsage-capture" || return 1
	# Only when asked for.
	return 255
}

depends() {
	# Networking only when there is somewhere to upload to.
	if [ -n "$(logsage_key url)" ]; then
		echo network
	fi
	return 0
}

install() {
	local f

	inst_binary "$(logsage_sbin)/logsage-capture" /usr/sbin/logsage-capture
	inst_simple "$(logsage_conf)" /etc/logsage/agent.conf
	if [ -n "$(logsage_key url)" ]; then
		# The uploader is the agent under another name (static, HTTP
		# and TLS built in); the name only then.
		ln_r /usr/sbin/logsage-capture /usr/sbin/logsage-upload
		for f in "$(logsage_key token_file)" "$(logsage_key ca_file)"; do
			[ -n "$f" ] && inst_simple "$f"
		done
	fi
	inst_dir /var/spool/logsage
	if dracut_module_included "systemd"; then
		inst_simple "$moddir/logsage-capture-initrd.service" \
			"$systemdsystemunitdir/logsage-capture.service"
		mkdir -p "$initdir$systemdsystemunitdir/initrd.target.wants"
		ln_r "$systemdsystemunitdir/logsage-capture.service" \
			"$systemdsystemunitdir/initrd.target.wants/logsage-capture.service"
	else
		inst_hook pre-pivot 50 "$moddir/logsage-capture.sh"
	fi
}
