# SPDX-License-Identifier: BSD-3-Clause
"""A Linux guest running DPDK testpmd, the DPDK side of the vm-vhost and
vm-tap benchmarks.

image    pure helpers: vmlinux out of a bzImage, newc cpio writer, kernel
         module load order, ldd output, the guest file list
build    builds (and caches) vmlinux + initramfs from Debian packages
console  pure helpers: the kernel command line, the QEMU command line,
         parsing the guest console, the final summary line
"""
