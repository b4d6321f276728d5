/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PCI bus (kvm/x86_64): enumeration, configuration space access and a
 * driver registry.
 *
 * At boot (init class "sys", so libraries of class "lib" are ready) the
 * bus is scanned from bus 0, following PCI-to-PCI bridges to their
 * secondary buses. Every function found is recorded with its IDs, class,
 * BARs (decoded and sized) and interrupt line. Each device is then
 * offered to the registered drivers, in link order; the first driver
 * whose ID table matches gets the device: memory and I/O decoding and
 * bus mastering are enabled, and its add_dev() is called.
 *
 *   static const struct pci_device_id mydrv_ids[] = {
 *           { PCI_DEVICE(0x1af4, 0x1041) },
 *           { PCI_DEVICE_ID_END },
 *   };
 *   static int mydrv_add_dev(struct pci_device *dev) { ... return 0; }
 *   static const struct pci_driver mydrv = {
 *           .device_ids = mydrv_ids,
 *           .add_dev = mydrv_add_dev,
 *           .name = "mydrv",
 *   };
 *   PCI_REGISTER_DRIVER(&mydrv);
 *
 * Memory is identity mapped on kvm (virtual == physical for the first
 * CONFIG_KVM_MAP_GB GiB, uncached attributes are not set: QEMU does not
 * need them), so a memory BAR is used as (void *)dev->bar[i].base.
 *
 * Register offsets and bits: PCI Local Bus Specification 3.0, 6.1-6.2
 * (header), 6.7 (capabilities); PCI-to-PCI Bridge Specification 1.2, 3.2.
 */
#ifndef __UK_BUS_PCI_H__
#define __UK_BUS_PCI_H__

#include <uk/essentials.h>

/* Configuration space header (type 0 and common part) */
#define PCI_VENDOR_ID		0x00	/* 16 bits */
#define PCI_DEVICE_ID		0x02	/* 16 bits */
#define PCI_COMMAND		0x04	/* 16 bits */
#define PCI_STATUS		0x06	/* 16 bits */
#define PCI_REVISION_ID		0x08	/* 8 bits */
#define PCI_CLASS_PROG		0x09	/* 8 bits: programming interface */
#define PCI_CLASS_SUB		0x0a	/* 8 bits */
#define PCI_CLASS_BASE		0x0b	/* 8 bits */
#define PCI_HEADER_TYPE		0x0e	/* 8 bits */
#define PCI_BAR0		0x10	/* 6 x 32 bits (2 for bridges) */
#define PCI_SUBSYSTEM_VENDOR_ID	0x2c	/* 16 bits */
#define PCI_SUBSYSTEM_ID	0x2e	/* 16 bits */
#define PCI_CAPABILITY_LIST	0x34	/* 8 bits */
#define PCI_INTERRUPT_LINE	0x3c	/* 8 bits */
#define PCI_INTERRUPT_PIN	0x3d	/* 8 bits */
#define PCI_SECONDARY_BUS	0x19	/* 8 bits, type 1 (bridge) header */

#define PCI_COMMAND_IO		0x0001
#define PCI_COMMAND_MEMORY	0x0002
#define PCI_COMMAND_MASTER	0x0004
#define PCI_STATUS_CAP_LIST	0x0010

#define PCI_HEADER_TYPE_MASK	0x7f
#define PCI_HEADER_TYPE_NORMAL	0x00
#define PCI_HEADER_TYPE_BRIDGE	0x01
#define PCI_HEADER_MULTIFUNC	0x80

/* Capability IDs (PCI Code and ID Assignment Specification) */
#define PCI_CAP_ID_MSI		0x05
#define PCI_CAP_ID_VNDR		0x09	/* vendor specific (virtio-pci) */
#define PCI_CAP_ID_EXP		0x10	/* PCI Express */
#define PCI_CAP_ID_MSIX		0x11

/* A capability: [id][next] then the capability's own fields */
#define PCI_CAP_ID		0
#define PCI_CAP_NEXT		1

/* What a read from an absent function returns */
#define PCI_INVALID_VENDOR	0xffff
/* Wildcard in struct pci_device_id */
#define PCI_ANY_ID		0xffff
#define PCI_NUM_BARS		6

/** Bus, device and function of a PCI function (one segment). */
struct pci_address {
	__u8 bus;
	__u8 device;	/* 0..31 */
	__u8 function;	/* 0..7 */
};

enum pci_bar_type {
	PCI_BAR_NONE = 0,	/* not implemented, or upper half of 64-bit */
	PCI_BAR_IO,		/* I/O ports: base is a port number */
	PCI_BAR_MEM32,
	PCI_BAR_MEM64,
};

/** A decoded base address register. */
struct pci_bar {
	__u64 base;		/* bus address (== virtual on kvm) */
	__u64 size;		/* bytes (or ports); 0 when type is NONE */
	enum pci_bar_type type;
	bool prefetchable;
};

/** One ID a driver handles; PCI_ANY_ID matches any value. */
struct pci_device_id {
	__u16 vendor_id;
	__u16 device_id;
	__u16 subsystem_vendor_id;
	__u16 subsystem_device_id;
};

/** Fields of a pci_device_id matching vendor @p v, device @p d. */
#define PCI_DEVICE(v, d)						\
	.vendor_id = (v), .device_id = (d),				\
	.subsystem_vendor_id = PCI_ANY_ID,				\
	.subsystem_device_id = PCI_ANY_ID
/** Fields of the entry that ends an ID table. */
#define PCI_DEVICE_ID_END	.vendor_id = 0, .device_id = 0

struct pci_driver;

/** A PCI function found at boot. */
struct pci_device {
	struct pci_address addr;
	__u16 vendor_id;
	__u16 device_id;
	__u16 subsystem_vendor_id;
	__u16 subsystem_device_id;
	__u8 class_code;	/* base class, e.g. 0x02 network */
	__u8 subclass;
	__u8 prog_if;
	__u8 revision;
	__u8 header_type;	/* without the multi-function bit */
	__u8 irq_line;		/* legacy interrupt line (firmware set) */
	__u8 irq_pin;		/* 0 none, 1..4 INTA..INTD */
	struct pci_bar bar[PCI_NUM_BARS];
	/** The driver bound to the device, or NULL. */
	const struct pci_driver *driver;
	/** The entry of driver->device_ids that matched. */
	const struct pci_device_id *id;
	/** Free for the driver's use. */
	void *priv;
};

/** A PCI driver; register it with PCI_REGISTER_DRIVER(). */
struct pci_driver {
	/** IDs handled, ended by { PCI_DEVICE_ID_END } */
	const struct pci_device_id *device_ids;
	/**
	 * Take a matching device (decoding and bus mastering already on).
	 * @return 0, or a negative errno: the device stays unbound and the
	 *         boot goes on
	 */
	int (*add_dev)(struct pci_device *dev);
	/** For messages */
	const char *name;
};

/**
 * Register a driver: a pointer to @p drv goes into the linker table
 * .uk_drivertab (core/plat/common/tables.lds), read at boot. Use at
 * file scope, once per driver.
 */
#define PCI_REGISTER_DRIVER(drv)					\
	static const struct pci_driver *const __used __align(8)	\
	__section(".uk_drivertab_pci")					\
	UK_CONCAT(__uk_pci_driver_, __LINE__) = (drv)

/**
 * Configuration space reads. @p off is a byte offset below 256,
 * aligned to the access size. A function that does not exist reads as
 * all ones (e.g. vendor 0xffff).
 */
__u8 uk_pci_conf_read8(const struct pci_address *addr, __u8 off);
__u16 uk_pci_conf_read16(const struct pci_address *addr, __u8 off);
__u32 uk_pci_conf_read32(const struct pci_address *addr, __u8 off);

/** Configuration space writes; same rules as the reads. */
void uk_pci_conf_write8(const struct pci_address *addr, __u8 off, __u8 v);
void uk_pci_conf_write16(const struct pci_address *addr, __u8 off, __u16 v);
void uk_pci_conf_write32(const struct pci_address *addr, __u8 off, __u32 v);

/**
 * Walk the capability list of @p dev.
 * @param cap_id capability ID to look for (PCI_CAP_ID_*)
 * @param after 0 to start from the head of the list, or the offset a
 *        previous call returned, to find the next one with that ID
 *        (virtio-pci has several vendor capabilities)
 * @return the configuration space offset of the capability, or 0 when
 *         there is none (further)
 */
__u8 uk_pci_cap_find(const struct pci_device *dev, __u8 cap_id, __u8 after);

/** @return the number of PCI functions found at boot */
int uk_pci_device_count(void);

/** @return function @p i (0 .. count - 1, bus order), or NULL */
struct pci_device *uk_pci_device_get(int i);

/**
 * Find a function by IDs (PCI_ANY_ID allowed).
 * @param prev NULL to search from the start, or a previous result to
 *        find the next match
 * @return the device, or NULL
 */
struct pci_device *uk_pci_device_find(__u16 vendor_id, __u16 device_id,
				      const struct pci_device *prev);

#endif /* __UK_BUS_PCI_H__ */
