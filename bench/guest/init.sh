#!/bin/busybox sh
# SPDX-License-Identifier: BSD-3-Clause
# shellcheck shell=dash disable=SC3045 # busybox ash: read -t exists
#
# /init of the Linux benchmark guest (bench/guest/build packs it).
#
# Loads uio_pci_generic, reserves hugepages, binds the first virtio-net
# PCI device to uio_pci_generic, runs dpdk-testpmd on it for a while,
# then powers the machine off so that QEMU exits by itself.
#
# Settings come from the kernel command line; the kernel hands every
# undotted name=value it does not know to init as an environment
# variable (quotes allow spaces in the value):
#   testpmd_args="..."   arguments after testpmd's "--"
#   testpmd_eal="..."    EAL arguments (default: two lcores on CPU 0,
#                        --iova-mode=pa, the device found, no telemetry)
#   testpmd_seconds=N    longest run time in seconds (default 10); a
#                        "stop" line on the console ends it sooner
#   hugepages_n=N        2 MiB hugepages to reserve (default 64)
#
# Lines it prints start with "guest-init: " and are key=value after the
# event name (bench/guest/lib/linuxguest/console.py parses them):
#   guest-init: start uptime=S
#   guest-init: modules uptime=S
#   guest-init: hugepages n=N uptime=S
#   guest-init: device bdf=0000:00:02.0 id=1af4:1000
#   guest-init: testpmd-start uptime=S
#   guest-init: testpmd-exit status=N uptime=S
#   guest-init: error what=...
#   guest-init: poweroff

# EAL refuses plugin paths below a world-writable directory (rootfs /)
/bin/busybox chmod 755 /
/bin/busybox mkdir -p /proc /sys /dev /tmp /run /var
/bin/busybox mount -t proc proc /proc
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
ln -s /run /var/run

uptime_s()
{
	read -r up _ < /proc/uptime
	echo "$up"
}

say()
{
	echo "guest-init: $*"
}

off()
{
	say poweroff
	sync
	poweroff -f
	sleep 5
}

fail()
{
	say "error what=$1"
	off
}

say "start uptime=$(uptime_s)"

while read -r mod; do
	[ -n "$mod" ] || continue
	insmod "/lib/modules/$mod" || fail "insmod-${mod##*/}"
done < /etc/guest/modules
say "modules uptime=$(uptime_s)"

echo "${hugepages_n:-64}" > /proc/sys/vm/nr_hugepages
mkdir -p /dev/hugepages
mount -t hugetlbfs nodev /dev/hugepages || fail hugetlbfs
say "hugepages n=$(cat /proc/sys/vm/nr_hugepages) uptime=$(uptime_s)"

# The first virtio-net function (legacy 1000 or modern 1041), handed to
# uio_pci_generic through driver_override (no virtio_pci driver here).
bdf=
for d in /sys/bus/pci/devices/*; do
	read -r ven < "$d/vendor"
	read -r dev < "$d/device"
	if [ "$ven" = 0x1af4 ] &&
		{ [ "$dev" = 0x1000 ] || [ "$dev" = 0x1041 ]; }; then
		bdf=${d##*/}
		break
	fi
done
[ -n "$bdf" ] || fail no-virtio-net
say "device bdf=$bdf id=${ven#0x}:${dev#0x}"
echo uio_pci_generic > "/sys/bus/pci/devices/$bdf/driver_override"
echo "$bdf" > /sys/bus/pci/drivers_probe
[ -e "/sys/bus/pci/drivers/uio_pci_generic/$bdf" ] || fail bind

eal=${testpmd_eal:---lcores=0@0,1@0 --iova-mode=pa --no-telemetry}
secs=${testpmd_seconds:-10}
say "testpmd-start uptime=$(uptime_s)"
# shellcheck disable=SC2086 # the argument lists are meant to split
dpdk-testpmd $eal -a "$bdf" -- ${testpmd_args:-} < /dev/null &
pid=$!
# Until the run time is up, testpmd ends or the host types "stop" on
# the console (bench/guest/run does once it has its measuring window).
i=0
while [ "$i" -lt "$secs" ] && kill -0 "$pid" 2>/dev/null; do
	if read -r -t 1 line && [ "$line" = stop ]; then
		break
	fi
	i=$((i + 1))
done
kill -INT "$pid" 2>/dev/null
( sleep 10; kill -KILL "$pid" 2>/dev/null ) &
wait "$pid"
say "testpmd-exit status=$? uptime=$(uptime_s)"
off
