/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI enumeration tests. QEMU's pc machine always has the i440FX host
 * bridge at 00:00.0 (8086:1237); the virtio-net case needs
 * `-device virtio-net-pci` (scripts/run-tests boots the test images with
 * one on QEMU's hub) and is reported skipped without it.
 */
#include <uk/test.h>
#include <uk/print.h>
#include <uk/bus/pci.h>

#define VIRTIO_VENDOR		0x1af4
#define QEMU_HOST_VENDOR	0x8086
#define QEMU_HOST_DEVICE	0x1237	/* i440FX */

UK_TESTCASE(ukbus_pci, host_bridge_found)
{
	struct pci_device *dev = uk_pci_device_get(0);

	UK_TEST_ASSERT(uk_pci_device_count() > 0);
	UK_TEST_ASSERT(dev != NULL);
	UK_TEST_EXPECT_UNUM_EQ(dev->addr.bus, 0);
	UK_TEST_EXPECT_UNUM_EQ(dev->addr.device, 0);
	UK_TEST_EXPECT_UNUM_EQ(dev->vendor_id, QEMU_HOST_VENDOR);
	UK_TEST_EXPECT_UNUM_EQ(dev->device_id, QEMU_HOST_DEVICE);
	UK_TEST_EXPECT_UNUM_EQ(dev->class_code, 0x06);	/* bridge */
	UK_TEST_EXPECT_NULL(uk_pci_device_get(uk_pci_device_count()));
	UK_TEST_EXPECT_NULL(uk_pci_device_get(-1));
}

UK_TESTCASE(ukbus_pci, absent_function_reads_ones)
{
	/* QEMU's pc machine leaves device 31 of bus 0 empty */
	struct pci_address a = { .bus = 0, .device = 31, .function = 0 };

	UK_TEST_EXPECT_UNUM_EQ(uk_pci_conf_read16(&a, PCI_VENDOR_ID),
			       PCI_INVALID_VENDOR);
	UK_TEST_EXPECT_UNUM_EQ(uk_pci_conf_read32(&a, PCI_VENDOR_ID),
			       0xffffffff);
}

UK_TESTCASE(ukbus_pci, conf_widths_agree)
{
	struct pci_device *dev = uk_pci_device_get(0);
	__u32 id;

	UK_TEST_ASSERT(dev != NULL);
	id = uk_pci_conf_read32(&dev->addr, PCI_VENDOR_ID);
	UK_TEST_EXPECT_UNUM_EQ(id & 0xffff, dev->vendor_id);
	UK_TEST_EXPECT_UNUM_EQ(id >> 16, dev->device_id);
	UK_TEST_EXPECT_UNUM_EQ(uk_pci_conf_read8(&dev->addr, PCI_VENDOR_ID),
			       dev->vendor_id & 0xff);
	UK_TEST_EXPECT_UNUM_EQ(uk_pci_conf_read8(&dev->addr,
						 PCI_VENDOR_ID + 1),
			       dev->vendor_id >> 8);
}

UK_TESTCASE(ukbus_pci, find_by_id)
{
	struct pci_device *dev;

	dev = uk_pci_device_find(QEMU_HOST_VENDOR, QEMU_HOST_DEVICE, NULL);
	UK_TEST_EXPECT_PTR_EQ(dev, uk_pci_device_get(0));
	UK_TEST_EXPECT_NULL(uk_pci_device_find(0x1234, 0x5678, NULL));
	dev = uk_pci_device_find(PCI_ANY_ID, PCI_ANY_ID, NULL);
	UK_TEST_EXPECT_PTR_EQ(dev, uk_pci_device_get(0));
	if (uk_pci_device_count() > 1)
		UK_TEST_EXPECT_PTR_EQ(uk_pci_device_find(PCI_ANY_ID,
							 PCI_ANY_ID, dev),
				      uk_pci_device_get(1));
}

UK_TESTCASE(ukbus_pci, virtio_net_bars_and_caps)
{
	struct pci_device *dev;
	int i, mem = 0, vndr = 0;
	__u8 cap;

	dev = uk_pci_device_find(VIRTIO_VENDOR, PCI_ANY_ID, NULL);
	while (dev && dev->class_code != 0x02)	/* network controller */
		dev = uk_pci_device_find(VIRTIO_VENDOR, PCI_ANY_ID, dev);
	if (!dev)
		UK_TEST_SKIP("no virtio-net-pci device");
	/* transitional 0x1000 or modern 0x1041 */
	UK_TEST_EXPECT(dev->device_id == 0x1000 || dev->device_id == 0x1041);
	UK_TEST_EXPECT_UNUM_EQ(dev->subsystem_vendor_id, VIRTIO_VENDOR);
	for (i = 0; i < PCI_NUM_BARS; i++) {
		if (dev->bar[i].type == PCI_BAR_NONE)
			continue;
		UK_TEST_EXPECT(IS_POW2(dev->bar[i].size));
		UK_TEST_EXPECT(IS_ALIGNED(dev->bar[i].base,
					  dev->bar[i].size));
		if (dev->bar[i].type == PCI_BAR_MEM64 ||
		    dev->bar[i].type == PCI_BAR_MEM32)
			mem++;
	}
	/* modern virtio-pci: common, notify, ISR, device (+ pci) config
	 * as vendor capabilities, in a 64-bit memory BAR */
	UK_TEST_EXPECT(mem > 0);
	for (cap = uk_pci_cap_find(dev, PCI_CAP_ID_VNDR, 0); cap;
	     cap = uk_pci_cap_find(dev, PCI_CAP_ID_VNDR, cap)) {
		UK_TEST_EXPECT_UNUM_EQ(uk_pci_conf_read8(&dev->addr, cap),
				       PCI_CAP_ID_VNDR);
		vndr++;
	}
	UK_TEST_EXPECT_SNUM_GE(vndr, 4);
	UK_TEST_EXPECT_UNUM_EQ(uk_pci_cap_find(dev, 0xee, 0), 0);
}

/* A test driver for QEMU's PIIX3 ISA bridge (00:01.0, 8086:7000),
 * which nothing else drives: checks matching, binding and add_dev(). */
#define PIIX3_DEVICE		0x7000

static int test_drv_calls;
static __u16 test_drv_cmd;

static int test_drv_add_dev(struct pci_device *dev)
{
	test_drv_calls++;
	test_drv_cmd = uk_pci_conf_read16(&dev->addr, PCI_COMMAND);
	return 0;
}

static const struct pci_device_id test_drv_ids[] = {
	{ PCI_DEVICE(0x1234, 0x0001) },		/* never present */
	{ PCI_DEVICE(QEMU_HOST_VENDOR, PIIX3_DEVICE) },
	{ PCI_DEVICE_ID_END },
};

static const struct pci_driver test_drv = {
	.device_ids = test_drv_ids,
	.add_dev = test_drv_add_dev,
	.name = "ukbus-test",
};
PCI_REGISTER_DRIVER(&test_drv);

UK_TESTCASE(ukbus_pci, driver_bound)
{
	struct pci_device *dev;

	dev = uk_pci_device_find(QEMU_HOST_VENDOR, PIIX3_DEVICE, NULL);
	UK_TEST_ASSERT(dev != NULL);
	UK_TEST_EXPECT_SNUM_EQ(test_drv_calls, 1);
	UK_TEST_EXPECT_PTR_EQ(dev->driver, &test_drv);
	UK_TEST_EXPECT_PTR_EQ(dev->id, &test_drv_ids[1]);
	UK_TEST_EXPECT(test_drv_cmd & PCI_COMMAND_MASTER);
	/* the host bridge matched no driver */
	UK_TEST_EXPECT_NULL(uk_pci_device_get(0)->driver);
}

uk_testsuite_register(ukbus_pci, NULL);
