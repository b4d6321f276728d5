# SPDX-License-Identifier: BSD-3-Clause
# uknf top-level Makefile.
#
#   make -C <uknf> A=<app folder> [L=<lib>:<lib>] [O=<build dir>] <target>
#       configure and build an application (what an app's Makefile calls)
#   make test        build and run every test image and host-side test
#   make help        this text, plus the application targets
#
# The app folder holds main.c, Config.uk, Makefile.uk and, after
# configuration, .config and build/.

UK_ROOT := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
export UK_ROOT

ifneq ($(A),)
include $(UK_ROOT)/mk/app.mk
else
.PHONY: help test clean
.DEFAULT_GOAL := help

help:
	@echo "uknf: high-performance network functions on a unikernel core"
	@echo
	@echo "In an app folder (e.g. apps/helloworld), or with A=<app folder>:"
	@$(MAKE) --no-print-directory -f $(UK_ROOT)/mk/app.mk help-targets
	@echo
	@echo "At the top of the tree:"
	@echo "  test            build and run all tests (linuxu, kvm, host);"
	@echo "                  ends with 'N passed, N failed, N skipped'"
	@echo "                  (CI=true: a skip fails)"
	@echo "  clean           remove the test build trees"
	@echo "  help            this text"

test:
	@$(UK_ROOT)/scripts/run-tests

clean:
	rm -rf $(UK_ROOT)/build
endif
