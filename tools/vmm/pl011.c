// SPDX-License-Identifier: GPL-2.0-only
/*
 * An ARM PL011 UART (PrimeCell UART, ARM DDI 0183) on stdin/stdout, enough
 * for Linux's amba-pl011 driver and its earlycon.  Transmission is
 * instantaneous: the transmit FIFO is always empty, so TXIS stays raised
 * once data was written (as on a real PL011 whose FIFO drained).  Receive
 * data comes from a thread reading stdin into a FIFO; RXIS is raised while
 * the FIFO holds data.  The interrupt is a level on an SPI.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "vmm.h"

#define UARTDR		0x000
#define UARTRSR		0x004
#define UARTFR		0x018
#define UARTILPR	0x020
#define UARTIBRD	0x024
#define UARTFBRD	0x028
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTIFLS	0x034
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define UARTDMACR	0x048

#define FR_RXFE		(1U << 4)
#define FR_TXFF		(1U << 5)
#define FR_RXFF		(1U << 6)
#define FR_TXFE		(1U << 7)

#define INT_RX		(1U << 4)
#define INT_TX		(1U << 5)
#define INT_RT		(1U << 6)

#define RX_FIFO		16

struct pl011 {
	struct vm *vm;
	pthread_mutex_t lock;
	pthread_cond_t room;
	uint8_t rx[RX_FIFO];
	unsigned int rx_head, rx_count;
	uint32_t ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, ilpr, dmacr;
	int irq_level;
	unsigned long tx_lost;
};

static struct pl011 uart = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.room = PTHREAD_COND_INITIALIZER,
};

/* PrimeCell peripheral and cell ID registers at 0xfe0..0xffc (TRM 3.3.x) */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* Called with the lock held: the SPI follows UARTMIS. */
static void pl011_update(struct pl011 *u)
{
	int level;

	u->ris &= ~(INT_RX | INT_RT);
	if (u->rx_count)
		u->ris |= INT_RX | INT_RT;
	level = !!(u->ris & u->imsc);
	if (level != u->irq_level) {
		u->irq_level = level;
		vm_irq_line(u->vm, UART_SPI, level);
	}
}

static uint32_t pl011_read(void *opaque, uint64_t off, unsigned int len)
{
	struct pl011 *u = opaque;
	uint32_t val = 0;

	if (off >= 0xfe0 && off < 0x1000)
		return pl011_id[(off - 0xfe0) >> 2];

	pthread_mutex_lock(&u->lock);
	switch (off) {
	case UARTDR:
		if (u->rx_count) {
			val = u->rx[u->rx_head];
			u->rx_head = (u->rx_head + 1) % RX_FIFO;
			u->rx_count--;
			pthread_cond_signal(&u->room);
			pl011_update(u);
		}
		break;
	case UARTFR:
		val = FR_TXFE | (u->rx_count ? 0 : FR_RXFE) |
		      (u->rx_count == RX_FIFO ? FR_RXFF : 0);
		break;
	case UARTILPR:
		val = u->ilpr;
		break;
	case UARTIBRD:
		val = u->ibrd;
		break;
	case UARTFBRD:
		val = u->fbrd;
		break;
	case UARTLCR_H:
		val = u->lcr_h;
		break;
	case UARTCR:
		val = u->cr;
		break;
	case UARTIFLS:
		val = u->ifls;
		break;
	case UARTIMSC:
		val = u->imsc;
		break;
	case UARTRIS:
		val = u->ris;
		break;
	case UARTMIS:
		val = u->ris & u->imsc;
		break;
	case UARTDMACR:
		val = u->dmacr;
		break;
	default:	/* UARTRSR and reserved: no errors, nothing there */
		break;
	}
	pthread_mutex_unlock(&u->lock);
	return val;
}

static void pl011_write(void *opaque, uint64_t off, uint32_t val, unsigned int len)
{
	struct pl011 *u = opaque;
	char c;

	pthread_mutex_lock(&u->lock);
	switch (off) {
	case UARTDR:
		c = val & 0xff;
		/* a failed write cannot be reported to the guest: the byte is lost */
		if (write(STDOUT_FILENO, &c, 1) < 0)
			u->tx_lost++;
		u->ris |= INT_TX;
		break;
	case UARTILPR:
		u->ilpr = val & 0xff;
		break;
	case UARTIBRD:
		u->ibrd = val & 0xffff;
		break;
	case UARTFBRD:
		u->fbrd = val & 0x3f;
		break;
	case UARTLCR_H:
		u->lcr_h = val & 0xff;
		break;
	case UARTCR:
		u->cr = val & 0xffff;
		break;
	case UARTIFLS:
		u->ifls = val & 0x3f;
		break;
	case UARTIMSC:
		u->imsc = val & 0x7ff;
		break;
	case UARTICR:
		u->ris &= ~val;
		break;
	case UARTDMACR:
		u->dmacr = val & 7;
		break;
	default:	/* UARTRSR/ECR clears errors we never have; IDs are RO */
		break;
	}
	pl011_update(u);
	pthread_mutex_unlock(&u->lock);
}

static void *pl011_rx_thread(void *arg)
{
	struct pl011 *u = arg;
	uint8_t c;

	for (;;) {
		ssize_t n = read(STDIN_FILENO, &c, 1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return NULL;	/* end of input: the guest just sees none */
		pthread_mutex_lock(&u->lock);
		while (u->rx_count == RX_FIFO)
			pthread_cond_wait(&u->room, &u->lock);
		u->rx[(u->rx_head + u->rx_count) % RX_FIFO] = c;
		u->rx_count++;
		pl011_update(u);
		pthread_mutex_unlock(&u->lock);
	}
}

static struct termios saved_tty;

static void console_restore(void)
{
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
}

/*
 * A terminal on stdin is the guest's: keys go to it one at a time, unechoed
 * (its own tty echoes), Enter as the CR a serial line sends.  ISIG stays, so
 * Ctrl-C still stops the VMM; the settings come back at any exit.
 */
static void console_setup(void)
{
	struct termios t;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tty))
		return;
	t = saved_tty;
	t.c_lflag &= ~(ICANON | ECHO | ECHONL | IEXTEN);
	t.c_iflag &= ~(ICRNL | INLCR | IGNCR | IXON);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		atexit(console_restore);
}

void pl011_init(struct vm *vm)
{
	static bool started;
	pthread_t t;

	pthread_mutex_lock(&uart.lock);
	/* reset values: UARTCR TXE|RXE, IFLS half-full (TRM 3.3) */
	uart.vm = vm;
	uart.cr = 0x300;
	uart.ifls = 0x12;
	uart.imsc = uart.ris = uart.lcr_h = uart.ibrd = uart.fbrd = 0;
	uart.ilpr = uart.dmacr = 0;
	uart.rx_count = uart.rx_head = 0;
	pthread_cond_signal(&uart.room);
	if (uart.irq_level) {
		uart.irq_level = 0;
		vm_irq_line(vm, UART_SPI, 0);
	}
	pthread_mutex_unlock(&uart.lock);
	if (started)
		return;
	started = true;
	console_setup();
	mmio_register(UART_BASE, UART_SIZE, pl011_read, pl011_write, &uart);
	if (pthread_create(&t, NULL, pl011_rx_thread, &uart))
		die("cannot start the console input thread");
	pthread_detach(t);
}
