/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI enumeration and driver binding through configuration mechanism #1
 * (I/O ports 0xcf8 address, 0xcfc data; PCI Local Bus Specification
 * 3.0, 3.2.2.3.2). See <uk/bus/pci.h>.
 */
#include <uk/essentials.h>
#include <uk/print.h>
#include <uk/init.h>
#include <uk/arch/io.h>
#include <uk/bus/pci.h>

#define PCI_CONF_ADDR		0xcf8
#define PCI_CONF_DATA		0xcfc
#define PCI_CONF_ENABLE		0x80000000U
#define PCI_MAX_BUSES		256
#define PCI_MAX_DEVICES		32
#define PCI_MAX_FUNCTIONS	8
/* (256 - 64) / 4: more capabilities than that means a loop */
#define PCI_MAX_CAPS		48

#define PCI_BAR_IO_FLAG		0x1
#define PCI_BAR_MEM_TYPE_MASK	0x6
#define PCI_BAR_MEM_TYPE_64	0x4
#define PCI_BAR_MEM_PREFETCH	0x8
#define PCI_BAR_IO_MASK		0xfffffffcU
#define PCI_BAR_MEM_MASK	0xfffffff0U

/* a .config from before the option existed */
#ifndef CONFIG_LIBUKBUS_PCI_MAX_DEVICES
#define CONFIG_LIBUKBUS_PCI_MAX_DEVICES	64
#endif

extern const struct pci_driver *const __uk_drivertab_start[];
extern const struct pci_driver *const __uk_drivertab_end[];

static struct pci_device devices[CONFIG_LIBUKBUS_PCI_MAX_DEVICES];
static int nr_devices;
static __u8 bus_seen[PCI_MAX_BUSES / 8];

static void conf_select(const struct pci_address *a, __u8 off)
{
	outl(PCI_CONF_ADDR, PCI_CONF_ENABLE | (__u32)a->bus << 16 |
	     (__u32)(a->device & 31) << 11 | (__u32)(a->function & 7) << 8 |
	     (off & 0xfc));
}

__u8 uk_pci_conf_read8(const struct pci_address *addr, __u8 off)
{
	conf_select(addr, off);
	return inb(PCI_CONF_DATA + (off & 3));
}

__u16 uk_pci_conf_read16(const struct pci_address *addr, __u8 off)
{
	conf_select(addr, off);
	return inw(PCI_CONF_DATA + (off & 2));
}

__u32 uk_pci_conf_read32(const struct pci_address *addr, __u8 off)
{
	conf_select(addr, off);
	return inl(PCI_CONF_DATA);
}

void uk_pci_conf_write8(const struct pci_address *addr, __u8 off, __u8 v)
{
	conf_select(addr, off);
	outb(PCI_CONF_DATA + (off & 3), v);
}

void uk_pci_conf_write16(const struct pci_address *addr, __u8 off, __u16 v)
{
	conf_select(addr, off);
	outw(PCI_CONF_DATA + (off & 2), v);
}

void uk_pci_conf_write32(const struct pci_address *addr, __u8 off, __u32 v)
{
	conf_select(addr, off);
	outl(PCI_CONF_DATA, v);
}

__u8 uk_pci_cap_find(const struct pci_device *dev, __u8 cap_id, __u8 after)
{
	const struct pci_address *a = &dev->addr;
	__u8 pos;
	int n;

	if (!(uk_pci_conf_read16(a, PCI_STATUS) & PCI_STATUS_CAP_LIST))
		return 0;
	pos = after ? uk_pci_conf_read8(a, after + PCI_CAP_NEXT)
		    : uk_pci_conf_read8(a, PCI_CAPABILITY_LIST);
	for (n = 0; n < PCI_MAX_CAPS && pos >= 0x40; n++) {
		pos &= ~3;
		if (uk_pci_conf_read8(a, pos + PCI_CAP_ID) == cap_id)
			return pos;
		pos = uk_pci_conf_read8(a, pos + PCI_CAP_NEXT);
	}
	return 0;
}

/* All ones written to a BAR read back with the size bits cleared. */
static __u32 bar_probe(const struct pci_address *a, __u8 off, __u32 *orig)
{
	__u32 v;

	*orig = uk_pci_conf_read32(a, off);
	uk_pci_conf_write32(a, off, 0xffffffff);
	v = uk_pci_conf_read32(a, off);
	uk_pci_conf_write32(a, off, *orig);
	return v;
}

/* Decode and size the BARs; decoding is off meanwhile so the probe
 * value never claims addresses. */
static void read_bars(struct pci_device *dev, int nbars)
{
	const struct pci_address *a = &dev->addr;
	__u16 cmd = uk_pci_conf_read16(a, PCI_COMMAND);
	__u32 lo, lo_mask, hi, hi_mask;
	struct pci_bar *bar;
	__u8 off;
	int i;

	uk_pci_conf_write16(a, PCI_COMMAND,
			    cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (i = 0; i < nbars; i++) {
		off = PCI_BAR0 + 4 * i;
		bar = &dev->bar[i];
		lo_mask = bar_probe(a, off, &lo);
		if (!lo_mask)
			continue;
		if (lo & PCI_BAR_IO_FLAG) {
			lo_mask &= PCI_BAR_IO_MASK;
			if (!(lo_mask & 0xffff0000))	/* 16-bit decoder */
				lo_mask |= 0xffff0000;
			bar->type = PCI_BAR_IO;
			bar->base = lo & PCI_BAR_IO_MASK;
			bar->size = (__u32)~lo_mask + 1;
			continue;
		}
		bar->prefetchable = !!(lo & PCI_BAR_MEM_PREFETCH);
		if ((lo & PCI_BAR_MEM_TYPE_MASK) == PCI_BAR_MEM_TYPE_64 &&
		    i + 1 < nbars) {
			hi_mask = bar_probe(a, off + 4, &hi);
			bar->type = PCI_BAR_MEM64;
			bar->base = (__u64)hi << 32 | (lo & PCI_BAR_MEM_MASK);
			bar->size = ~((__u64)hi_mask << 32 |
				      (lo_mask & PCI_BAR_MEM_MASK)) + 1;
			i++;	/* the next BAR is the upper half */
			continue;
		}
		bar->type = PCI_BAR_MEM32;
		bar->base = lo & PCI_BAR_MEM_MASK;
		bar->size = (__u32)~(lo_mask & PCI_BAR_MEM_MASK) + 1;
	}
	uk_pci_conf_write16(a, PCI_COMMAND, cmd);
}

static struct pci_device *add_device(const struct pci_address *a)
{
	struct pci_device *dev;

	if (nr_devices == ARRAY_SIZE(devices)) {
		uk_pr_warn("pci: more than %d functions, %02x:%02x.%x ignored\n",
			   (int)ARRAY_SIZE(devices), a->bus, a->device,
			   a->function);
		return NULL;
	}
	dev = &devices[nr_devices++];
	dev->addr = *a;
	dev->vendor_id = uk_pci_conf_read16(a, PCI_VENDOR_ID);
	dev->device_id = uk_pci_conf_read16(a, PCI_DEVICE_ID);
	dev->revision = uk_pci_conf_read8(a, PCI_REVISION_ID);
	dev->prog_if = uk_pci_conf_read8(a, PCI_CLASS_PROG);
	dev->subclass = uk_pci_conf_read8(a, PCI_CLASS_SUB);
	dev->class_code = uk_pci_conf_read8(a, PCI_CLASS_BASE);
	dev->header_type = uk_pci_conf_read8(a, PCI_HEADER_TYPE) &
			   PCI_HEADER_TYPE_MASK;
	dev->irq_line = uk_pci_conf_read8(a, PCI_INTERRUPT_LINE);
	dev->irq_pin = uk_pci_conf_read8(a, PCI_INTERRUPT_PIN);
	if (dev->header_type == PCI_HEADER_TYPE_NORMAL) {
		dev->subsystem_vendor_id =
			uk_pci_conf_read16(a, PCI_SUBSYSTEM_VENDOR_ID);
		dev->subsystem_device_id =
			uk_pci_conf_read16(a, PCI_SUBSYSTEM_ID);
		read_bars(dev, PCI_NUM_BARS);
	} else if (dev->header_type == PCI_HEADER_TYPE_BRIDGE) {
		read_bars(dev, 2);
	}
	uk_pr_debug("pci: %02x:%02x.%x %04x:%04x class %02x.%02x irq %u\n",
		    a->bus, a->device, a->function, dev->vendor_id,
		    dev->device_id, dev->class_code, dev->subclass,
		    dev->irq_line);
	return dev;
}

/* Scan one bus, then the buses behind its bridges (depth first). */
static void scan_bus(__u8 bus)
{
	struct pci_address a = { .bus = bus };
	struct pci_device *dev;
	int nfunc;

	if (bus_seen[bus / 8] & (1 << (bus % 8)))
		return;
	bus_seen[bus / 8] |= 1 << (bus % 8);

	for (a.device = 0; a.device < PCI_MAX_DEVICES; a.device++) {
		a.function = 0;
		if (uk_pci_conf_read16(&a, PCI_VENDOR_ID) == PCI_INVALID_VENDOR)
			continue;
		nfunc = (uk_pci_conf_read8(&a, PCI_HEADER_TYPE) &
			 PCI_HEADER_MULTIFUNC) ? PCI_MAX_FUNCTIONS : 1;
		for (a.function = 0; a.function < nfunc; a.function++) {
			if (uk_pci_conf_read16(&a, PCI_VENDOR_ID) ==
			    PCI_INVALID_VENDOR)
				continue;
			dev = add_device(&a);
			if (dev && dev->header_type == PCI_HEADER_TYPE_BRIDGE)
				scan_bus(uk_pci_conf_read8(&a,
							   PCI_SECONDARY_BUS));
		}
	}
}

static bool id_matches(const struct pci_device_id *id,
		       const struct pci_device *dev)
{
	return (id->vendor_id == PCI_ANY_ID ||
		id->vendor_id == dev->vendor_id) &&
	       (id->device_id == PCI_ANY_ID ||
		id->device_id == dev->device_id) &&
	       (id->subsystem_vendor_id == PCI_ANY_ID ||
		id->subsystem_vendor_id == dev->subsystem_vendor_id) &&
	       (id->subsystem_device_id == PCI_ANY_ID ||
		id->subsystem_device_id == dev->subsystem_device_id);
}

static const struct pci_device_id *
driver_match(const struct pci_driver *drv, const struct pci_device *dev)
{
	const struct pci_device_id *id;

	for (id = drv->device_ids; id->vendor_id || id->device_id; id++)
		if (id_matches(id, dev))
			return id;
	return NULL;
}

static void bind_device(struct pci_device *dev)
{
	const struct pci_driver *const *drv;
	const struct pci_device_id *id;
	__u16 cmd;
	int rc;

	for (drv = __uk_drivertab_start; drv < __uk_drivertab_end; drv++) {
		id = driver_match(*drv, dev);
		if (!id)
			continue;
		cmd = uk_pci_conf_read16(&dev->addr, PCI_COMMAND);
		uk_pci_conf_write16(&dev->addr, PCI_COMMAND, cmd |
				    PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
				    PCI_COMMAND_MASTER);
		dev->driver = *drv;
		dev->id = id;
		rc = (*drv)->add_dev(dev);
		if (rc < 0) {
			uk_pr_err("pci: %02x:%02x.%x: %s failed: %d\n",
				  dev->addr.bus, dev->addr.device,
				  dev->addr.function, (*drv)->name, rc);
			uk_pci_conf_write16(&dev->addr, PCI_COMMAND, cmd);
			dev->driver = NULL;
			dev->id = NULL;
			continue;
		}
		uk_pr_info("pci: %02x:%02x.%x %04x:%04x -> %s\n",
			   dev->addr.bus, dev->addr.device, dev->addr.function,
			   dev->vendor_id, dev->device_id, (*drv)->name);
		return;
	}
}

static int uk_pci_probe(void)
{
	int i;

	scan_bus(0);
	for (i = 0; i < nr_devices; i++)
		bind_device(&devices[i]);
	return 0;
}
/* At lib class: devices exist before the rootfs class mounts / (a 9p
 * root needs its virtio-9p device). */
uk_lib_initcall_prio(uk_pci_probe, 0);

int uk_pci_device_count(void)
{
	return nr_devices;
}

struct pci_device *uk_pci_device_get(int i)
{
	return (i >= 0 && i < nr_devices) ? &devices[i] : NULL;
}

struct pci_device *uk_pci_device_find(__u16 vendor_id, __u16 device_id,
				      const struct pci_device *prev)
{
	int i = prev ? (int)(prev - devices) + 1 : 0;

	for (; i < nr_devices; i++)
		if ((vendor_id == PCI_ANY_ID ||
		     devices[i].vendor_id == vendor_id) &&
		    (device_id == PCI_ANY_ID ||
		     devices[i].device_id == device_id))
			return &devices[i];
	return NULL;
}
