# SPDX-License-Identifier: BSD-3-Clause
# Configure and build one application (A=) against the uknf libraries.
# Included by the top-level Makefile; see `make help`.

ifeq ($(UK_ROOT),)
UK_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))/..))
endif

# ---------------------------------------------------------------------------
# Paths and verbosity
# ---------------------------------------------------------------------------
A           := $(abspath $(if $(A),$(A),.))
UK_APP      := $(A)
UK_APP_NAME := $(notdir $(A))
BUILD_DIR   := $(if $(O),$(abspath $(O)),$(A)/build)
UK_BUILD    := $(BUILD_DIR)
UK_CONFIG   := $(if $(C),$(abspath $(C)),$(A)/.config)
CONFIG_H    := $(BUILD_DIR)/include/uk/config.h
# L= names extra library folders, separated by ':' (as in Unikraft)
UK_EXTLIBS  := $(foreach l,$(subst :, ,$(L)),$(abspath $(l)))
# A workshop Makefile names Unikraft's external libc and network stack in
# L= (LIBS := $(UK_LIBS)/newlib); uknf has its own. Such a folder that does
# not exist (newlib, musl, lwip, or lib-<name> as their repositories are
# called) leaves L= with a note. For newlib and musl the configuration
# gets uknf's libc: kconfig.py turns CONFIG_LIBMUSL on wherever it writes
# a .config (UK_LIBC_FROM_L), as a select would. lwIP is not in uknf yet.
UK_L_LIBC := newlib lib-newlib musl lib-musl
UK_L_NET := lwip lib-lwip
UK_L_NOTE_LIBC := uknf's own libc (libc/musl, CONFIG_LIBMUSL) is used instead
UK_L_NOTE_NET := uknf's lwIP (LIBLWIP) is not in this tree yet: this \
	build has no sockets
UK_L_GONE := $(foreach l,$(UK_EXTLIBS),$(if $(wildcard $(l)),,$(if \
	$(filter $(UK_L_LIBC) $(UK_L_NET),$(notdir $(l))),$(l))))
UK_EXTLIBS := $(filter-out $(UK_L_GONE),$(UK_EXTLIBS))
export UK_LIBC_FROM_L := $(firstword $(foreach l,$(UK_L_GONE),$(if \
	$(filter $(UK_L_LIBC),$(notdir $(l))),$(l))))
# One note per command: none again in a sub-make (`make defconfig all`)
# or when make restarts after updating .config.
ifeq ($(UK_L_NOTED)$(MAKE_RESTARTS),)
$(foreach l,$(UK_L_GONE),$(info L=: $(l) is not here: $(if $(filter \
	$(UK_L_LIBC),$(notdir $(l))),$(UK_L_NOTE_LIBC),$(UK_L_NOTE_NET))))
export UK_L_NOTED := 1
endif
# A .config written before L= named the libc is brought up to date (make
# then re-reads it) before anything is built from it.
ifneq ($(UK_LIBC_FROM_L),)
ifneq ($(shell grep -sqx 'CONFIG_LIBMUSL=y' $(UK_CONFIG) && echo y),y)
$(UK_CONFIG): FORCE
endif
endif
# Every other L= folder must be a library (a Makefile.uk in it): name the
# first one that is not, instead of make's "No rule to make target".
UK_EXTLIB_BAD := $(firstword $(foreach l,$(UK_EXTLIBS),$(if \
	$(wildcard $(l)/Makefile.uk),,$(l))))
ifneq ($(UK_EXTLIB_BAD),)
$(error L=: '$(UK_EXTLIB_BAD)' is not a library folder \
	($(if $(wildcard $(UK_EXTLIB_BAD)),it has no Makefile.uk,no such folder)))
endif
KCONFIG     := /usr/bin/python3 $(UK_ROOT)/mk/kconfig/kconfig.py
export UK_ROOT UK_APP UK_APP_NAME UK_BUILD
export KCONFIG_CONFIG := $(UK_CONFIG)

ifeq ($(V),1)
Q :=
cmd = $(2)
else
Q := @
cmd = @printf '  %-8s %s\n' '$(1)' '$(patsubst $(BUILD_DIR)/%,%,$@)'; $(2)
endif

CC      ?= gcc
ifeq ($(origin CC),default)
CC      := gcc
endif
NM      ?= nm
STRIP   ?= strip
RANLIB  ?= ranlib
OBJCOPY ?= objcopy

.DEFAULT_GOAL := all
.SUFFIXES:
FORCE:
.PHONY: FORCE all menuconfig defconfig olddefconfig savedefconfig clean \
	properclean distclean help help-targets print-libs

CONFIG_GOALS := menuconfig defconfig olddefconfig savedefconfig
NOCONFIG_GOALS := $(CONFIG_GOALS) clean properclean distclean help \
	help-targets

# `make defconfig all`: run each goal in its own make, in order, so the
# build sees the .config the first goal wrote.
ifneq ($(filter $(CONFIG_GOALS),$(MAKECMDGOALS)),)
ifneq ($(filter-out $(CONFIG_GOALS),$(MAKECMDGOALS)),)
UK_MIXED := 1
endif
endif

ifeq ($(UK_MIXED),1)
$(MAKECMDGOALS): __mixed
	@:
__mixed:
	$(Q)set -e; for g in $(MAKECMDGOALS); do \
		$(MAKE) --no-print-directory -f $(UK_ROOT)/Makefile $$g; done
else # !UK_MIXED

# ---------------------------------------------------------------------------
# Configuration (kconfiglib)
# ---------------------------------------------------------------------------
EXTLIBS_UK := $(BUILD_DIR)/kconfig/extlibs.uk

# Rewritten only when L= changes, so it never forces a rebuild by itself.
$(EXTLIBS_UK): FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' $(foreach l,$(UK_EXTLIBS),'osource "$(l)/Config.uk"') \
		> $@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

DEFCONFIG_FRAGMENT := $(firstword $(wildcard $(if $(UK_DEFCONFIG),\
	$(UK_DEFCONFIG),$(A)/defconfig)))

menuconfig: $(EXTLIBS_UK)
	$(Q)$(KCONFIG) menuconfig

defconfig: $(EXTLIBS_UK)
	$(Q)$(KCONFIG) defconfig $(DEFCONFIG_FRAGMENT)

olddefconfig: $(EXTLIBS_UK)
	$(Q)$(KCONFIG) olddefconfig

savedefconfig: $(EXTLIBS_UK)
	$(Q)$(KCONFIG) savedefconfig $(A)/defconfig.min

# ---------------------------------------------------------------------------
# Library registration, as in Unikraft's Makefile.uk files:
#   $(eval $(call addlib,libname))            always built
#   $(eval $(call addlib_s,libname,$(CONFIG_X)))  built when CONFIG_X=y
# A library then fills LIBNAME_SRCS-y, LIBNAME_CFLAGS-y,
# LIBNAME_CINCLUDES-y, LIBNAME_ASFLAGS-y; LIBNAME_BASE is its folder and
# LIBNAME_BUILD its object folder. Global CINCLUDES-y, CFLAGS-y,
# ASFLAGS-y and LDFLAGS-y apply to every library.
# ---------------------------------------------------------------------------
uc = $(subst a,A,$(subst b,B,$(subst c,C,$(subst d,D,$(subst e,E,$(subst \
	f,F,$(subst g,G,$(subst h,H,$(subst i,I,$(subst j,J,$(subst k,K,$(subst \
	l,L,$(subst m,M,$(subst n,N,$(subst o,O,$(subst p,P,$(subst q,Q,$(subst \
	r,R,$(subst s,S,$(subst t,T,$(subst u,U,$(subst v,V,$(subst w,W,$(subst \
	x,X,$(subst y,Y,$(subst z,Z,$(subst -,_,$(1))))))))))))))))))))))))))))

# Libraries registered while UK_IMPORT_TREE is y (this tree's own) are
# built with -Werror when CONFIG_UK_WERROR is set; the app's and L= ones
# keep warnings as warnings.
define addlib
UK_ALIBS += $(1)
$(call uc,$(1))_BASE := $(_IMPORT_BASE)
$(call uc,$(1))_BUILD := $(BUILD_DIR)/$(1)
$(call uc,$(1))_WERROR := $(if $(filter y,$(UK_IMPORT_TREE)),$(if \
	$(filter y,$(CONFIG_UK_WERROR)),-Werror))
endef

define addlib_s
$(if $(filter y,$(2)),$(call addlib,$(1)))
endef

# Include a component's Makefile.uk with _IMPORT_BASE set to its folder.
define import_lib
_IMPORT_BASE := $(patsubst %/,%,$(1))
include $(patsubst %/,%,$(1))/Makefile.uk
endef
uk_import = $(eval $(call import_lib,$(1)))

ifeq ($(filter-out $(NOCONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
# Only configuration or cleaning goals: no .config needed.
else
ifeq ($(wildcard $(UK_CONFIG)),)
$(error $(UK_CONFIG) not found: run 'make defconfig' or 'make menuconfig' \
	first (or 'scripts/kraft configure'))
endif
include $(UK_CONFIG)
endif

# ---------------------------------------------------------------------------
# Toolchain flags from the configuration
# ---------------------------------------------------------------------------
GCC_INC := $(shell $(CC) -print-file-name=include)
# Linux's uapi headers (Debian's linux-libc-dev): the virtio structures,
# the system call numbers. asm/ lives in the multiarch folder.
UK_UAPI_SRC ?= /usr/include
UK_UAPI_ASM ?= $(firstword $(wildcard \
	$(UK_UAPI_SRC)/$(shell $(CC) -print-multiarch 2>/dev/null)/asm) \
	$(UK_UAPI_SRC)/asm)

OPT_FLAGS-$(CONFIG_OPTIMIZE_NONE)  := -O0
OPT_FLAGS-$(CONFIG_OPTIMIZE_SIZE)  := -Os
OPT_FLAGS-$(CONFIG_OPTIMIZE_PERF)  := -O2
OPT_FLAGS-$(CONFIG_OPTIMIZE_PERF3) := -O3
DBG_FLAGS-$(CONFIG_DEBUG_SYMBOLS_LVL0) := -g0
DBG_FLAGS-$(CONFIG_DEBUG_SYMBOLS_LVL1) := -g1
DBG_FLAGS-$(CONFIG_DEBUG_SYMBOLS_LVL2) := -g
DBG_FLAGS-$(CONFIG_DEBUG_SYMBOLS_LVL3) := -g3
LTO_FLAGS-$(CONFIG_OPTIMIZE_LTO) := -flto=auto -ffat-lto-objects
DCE_FLAGS-$(CONFIG_OPTIMIZE_DEADELIM) := -ffunction-sections -fdata-sections
DCE_LDFLAGS-$(CONFIG_OPTIMIZE_DEADELIM) := -Wl,--gc-sections

ifeq ($(CONFIG_PLAT_KVM),y)
UK_PLAT := kvm
else ifeq ($(CONFIG_PLAT_LINUXU),y)
UK_PLAT := linuxu
endif
UK_ARCH := x86_64
UK_IMAGE_NAME := $(or $(patsubst "%",%,$(CONFIG_UK_NAME)),$(UK_APP_NAME))
UK_IMAGE := $(BUILD_DIR)/$(UK_IMAGE_NAME)_$(UK_PLAT)-$(UK_ARCH)

# -ffreestanding (no hosted libc, __STDC_HOSTED__ 0) turns builtins off;
# -fbuiltin turns them back on, so a memcpy/memset of a constant size is
# a few moves instead of a call (nolibc provides the real functions).
COMMON_FLAGS := $(OPT_FLAGS-y) $(DBG_FLAGS-y) $(LTO_FLAGS-y) \
	$(DCE_FLAGS-y) -fno-omit-frame-pointer -fno-stack-protector \
	-fno-pic -fno-pie -fno-common -fno-asynchronous-unwind-tables \
	-ffreestanding -fbuiltin

# Headers: the libraries' include/ folders (-I; nolibc's among them),
# a complete libc's system headers (UK_LIBC_ISYSTEM, set by libc/musl),
# gcc's own freestanding headers (stdint.h, stddef.h, stdarg.h) and the
# generated uk/config.h, which every file sees first.
UK_CFLAGS = $(COMMON_FLAGS) -std=gnu11 -Wall -Wextra -nostdinc \
	$(UK_LIBC_ISYSTEM) -isystem $(GCC_INC) -I$(BUILD_DIR)/include -include $(CONFIG_H) \
	$(CINCLUDES-y) $(CFLAGS-y)
UK_ASFLAGS = $(COMMON_FLAGS) -D__ASSEMBLY__ -nostdinc $(UK_LIBC_ISYSTEM) \
	-isystem $(GCC_INC) \
	-I$(BUILD_DIR)/include -include $(CONFIG_H) $(CINCLUDES-y) $(ASFLAGS-y)
UK_LDFLAGS = $(COMMON_FLAGS) -nostdlib -static -no-pie \
	-Wl,--build-id=none $(DCE_LDFLAGS-y) $(LDFLAGS-y)

# ---------------------------------------------------------------------------
# Components. Order matters only for readability; every Makefile.uk
# registers itself through addlib/addlib_s.
# ---------------------------------------------------------------------------
UK_ALIBS :=
UK_TREE_LIBS := core allocpool netbuf netdev nf libc/musl fs/vfscore \
	fs/ramfs fs/devfs fs/ukcpio fs/uk9p fs/9pfs drivers/virtio/core \
	drivers/virtio/net drivers/virtio/9p drivers/null drivers/tap
UK_IMPORT_TREE := y
$(foreach c,$(UK_TREE_LIBS),$(call uk_import,$(UK_ROOT)/$(c)))
UK_IMPORT_TREE := n
$(foreach l,$(UK_EXTLIBS),$(call uk_import,$(l)))
ifneq ($(wildcard $(A)/Makefile.uk),)
$(call uk_import,$(A))
endif

# ---------------------------------------------------------------------------
# Objects: build/<lib>/<source basename>.o
# ---------------------------------------------------------------------------
lib_flags = -D__LIBNAME__=\"$(1)\" $($(call uc,$(1))_WERROR) \
	$($(call uc,$(1))_CFLAGS-y) $($(call uc,$(1))_CINCLUDES-y)
lib_objs = $(foreach s,$($(call uc,$(1))_SRCS-y),\
	$($(call uc,$(1))_BUILD)/$(notdir $(basename $(firstword \
	$(subst |, ,$(s))))).o)

define c_rule
$(2): $(1) $(CONFIG_H)
	@mkdir -p $$(dir $$@)
	$$(call cmd,CC,$$(CC) $$(UK_CFLAGS) $$(call lib_flags,$(3)) \
		-MMD -MP -c $$< -o $$@)
endef
define S_rule
$(2): $(1) $(CONFIG_H)
	@mkdir -p $$(dir $$@)
	$$(call cmd,AS,$$(CC) $$(UK_ASFLAGS) $$(call lib_flags,$(3)) \
		$$($(call uc,$(3))_ASFLAGS-y) -MMD -MP -c $$< -o $$@)
endef

define lib_rules
$(foreach s,$($(call uc,$(1))_SRCS-y),$(eval $(call \
	$(if $(filter %.S,$(s)),S_rule,c_rule),$(firstword $(subst |, ,$(s))),\
	$($(call uc,$(1))_BUILD)/$(notdir $(basename $(firstword \
	$(subst |, ,$(s))))).o,$(1))))
endef
$(foreach l,$(UK_ALIBS),$(eval $(call lib_rules,$(l))))

UK_OBJS := $(foreach l,$(UK_ALIBS),$(call lib_objs,$(l)))
-include $(UK_OBJS:.o=.d)
# Files every object waits for (a library appends to UK_OBJ_PREREQS,
# e.g. musl's installed headers).
ifneq ($(UK_OBJ_PREREQS),)
$(UK_OBJS): | $(UK_OBJ_PREREQS)
endif

# A Config.uk newer than .config may bring new symbols: give them their
# defaults (make then re-reads the updated .config before building).
UK_CONFIG_DEPS := $(shell find $(UK_ROOT) $(A) $(UK_EXTLIBS) -name build \
	-prune -o -name Config.uk -print 2>/dev/null)
$(UK_CONFIG): $(UK_CONFIG_DEPS)
	$(call cmd,CONFIG,$(KCONFIG) olddefconfig >/dev/null)
	@touch $@

$(CONFIG_H): $(UK_CONFIG) $(EXTLIBS_UK)
	@mkdir -p $(dir $@)
	$(call cmd,CONFIG,$(KCONFIG) genheader $@)

# ---------------------------------------------------------------------------
# Link. The platform's Makefile.uk sets UK_PLAT_LDFLAGS (linker script)
# and may set UK_PLAT_POSTLINK, a rule body turning $@.dbg into $@.
# Archives in UK_LDLIBS-y (e.g. musl's libc.a) come after the objects:
# a definition in an object wins over the archive's member.
# ---------------------------------------------------------------------------
UK_LINK_LIBS = $(UK_LDLIBS-y) $(UK_PLAT_LDLIBS) -lgcc
all: $(UK_IMAGE)
	@printf '  %-8s %s (%s bytes)\n' 'IMAGE' '$(UK_IMAGE)' \
		"$$(stat -c %s $(UK_IMAGE))"

$(UK_IMAGE).dbg: $(UK_OBJS) $(UK_LDLIBS-y) $(UK_PLAT_LDDEPS)
	$(call cmd,LD,$(CC) $(UK_LDFLAGS) $(UK_PLAT_LDFLAGS) \
		-o $@ $(UK_OBJS) $(UK_LINK_LIBS))
	$(UK_PLAT_POSTLINK)

$(UK_IMAGE): $(UK_IMAGE).dbg
	$(call cmd,STRIP,$(STRIP) -s -R .comment -o $@ $<)

print-libs:
	@echo $(UK_ALIBS)

endif # UK_MIXED

# ---------------------------------------------------------------------------
# Cleaning and help
# ---------------------------------------------------------------------------
clean:
	rm -rf $(filter-out $(BUILD_DIR)/kconfig,$(wildcard $(BUILD_DIR)/*))

properclean:
	rm -rf $(BUILD_DIR)

distclean: properclean
	rm -f $(UK_CONFIG) $(UK_CONFIG).old

help: help-targets

help-targets:
	@echo "  all (default)   build build/<app>_<plat>-x86_64 and its .dbg"
	@echo "  menuconfig      edit .config (kconfiglib menuconfig)"
	@echo "  defconfig       new .config from defaults and the app's"
	@echo "                  'defconfig' fragment (or UK_DEFCONFIG=file)"
	@echo "  olddefconfig    update .config, new symbols get defaults"
	@echo "  savedefconfig   write the minimal fragment to defconfig.min"
	@echo "  clean           remove objects and images (keep .config)"
	@echo "  properclean     remove the whole build/ folder"
	@echo "  distclean       properclean and remove .config"
	@echo "  print-libs      list the libraries this configuration builds"
	@echo "  Variables: A=<app> L=<lib>:<lib> O=<build dir> C=<.config path> V=1"
