/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu tap network device: what a user of the driver may rely on.
 * Devices are created at boot from the kernel parameters
 *   tap.ifname=<name>[,<name>...]  one device per existing tap interface
 *   tap.mac=<mac>                  MAC of the first device (next ones +1)
 */
#ifndef __UK_NETDEV_TAP_H__
#define __UK_NETDEV_TAP_H__

/** Driver name of tap devices (uk_netdev_drv_name_get()). */
#define NETDEV_TAP_DRV_NAME	"tap"

/** Descriptor counts a tap queue accepts (uk_netdev_[rt]xq_info_get()). */
#define NETDEV_TAP_QUEUE_DESC_MIN	1
#define NETDEV_TAP_QUEUE_DESC_MAX	1024

/** Largest MTU a tap device accepts. */
#define NETDEV_TAP_MAX_MTU		9000

/** Most tap devices one image opens. */
#define NETDEV_TAP_MAX_DEVS		16

#endif /* __UK_NETDEV_TAP_H__ */
