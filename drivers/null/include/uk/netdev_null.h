/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * null network device (public interface: the driver name, the frame
 * size limits, and a call for tests and benches that want a fresh device
 * in addition to the null.count ones).
 */
#ifndef __UK_NETDEV_NULL_H__
#define __UK_NETDEV_NULL_H__

#include <uk/alloc.h>

/** Driver name of null devices (uk_netdev_drv_name_get()). */
#define NETDEV_NULL_DRV_NAME	"null"

/** Smallest and largest synthetic frame (bytes, without FCS). */
#define NETDEV_NULL_SIZE_MIN	60
#define NETDEV_NULL_SIZE_MAX	1514

/**
 * Create and register one more null device, allocated from @p a.
 * @return its netdev id, -ENOMEM, or a registration error
 */
int netdev_null_add(struct uk_alloc *a);

#endif /* __UK_NETDEV_NULL_H__ */
