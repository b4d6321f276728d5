/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console on COM1 (16550 UART at I/O port 0x3f8), 115200 baud 8N1,
 * polled: wait for the transmit holding register to empty, write a byte.
 */
#include <uk/essentials.h>
#include <uk/arch/io.h>
#include <uk/plat/console.h>
#include "kvm.h"

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE	0xc7	/* enable + clear FIFOs, 14-byte threshold */
#define MCR_DTR_RTS	0x03
#define LSR_THRE	0x20
#define UART_DIVISOR	1	/* 115200 / 115200 */

void kvm_serial_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DLL, UART_DIVISOR & 0xff);
	outb(COM1 + UART_DLM, UART_DIVISOR >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, FCR_ENABLE);
	outb(COM1 + UART_MCR, MCR_DTR_RTS);
}

static void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THRE))
		;
	outb(COM1 + UART_THR, (__u8)c);
}

int ukplat_coutk(const char *buf, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++) {
#if CONFIG_KVM_SERIAL_CRLF
		if (buf[i] == '\n')
			serial_putc('\r');
#endif
		serial_putc(buf[i]);
	}
	return len;
}
