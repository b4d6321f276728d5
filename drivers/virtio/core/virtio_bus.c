/* SPDX-License-Identifier: BSD-3-Clause */
/* Registry of virtio drivers, matched to devices by device type. */
#include <errno.h>
#include <uk/print.h>
#include <uk/virtio/virtio_dev.h>

static struct virtio_driver *virtio_drivers;

void virtio_driver_register(struct virtio_driver *drv)
{
	drv->next = virtio_drivers;
	virtio_drivers = drv;
}

int virtio_dev_attach(struct virtio_dev *vdev)
{
	struct virtio_driver *drv;

	for (drv = virtio_drivers; drv; drv = drv->next) {
		if (drv->device_id == vdev->device_id) {
			uk_pr_debug("virtio: %s device bound to %s\n",
				    vdev->transport, drv->name);
			return drv->add_dev(vdev);
		}
	}
	uk_pr_warn("virtio: no driver for device type %u\n",
		   vdev->device_id);
	return -ENODEV;
}
