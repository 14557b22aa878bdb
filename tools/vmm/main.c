// SPDX-License-Identifier: GPL-2.0-only
/*
 * vmm: a minimal VMM for the kvm-arm32 module.  Command line, VCPU
 * threads and the guest's lifecycle (power off, reset, fatal exits).
 *
 *   vmm run --kernel zImage [--initrd FILE] [--dtb FILE] [--mem 256M]
 *           [--cpus N] [--cmdline "..."] [--irqchip kernel|user]
 *           [--disk FILE]
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "vmm.h"

#define EXIT_USAGE	2

static const char usage[] =
"usage: vmm run --kernel zImage [options]\n"
"       vmm --help\n"
"\n"
"Boot a Linux (or bare-metal) ARMv7 guest under /dev/kvm, its console on a\n"
"PL011 UART (ttyAMA0) wired to stdin/stdout.\n"
"\n"
"options of run:\n"
"  --kernel FILE        zImage or raw image, loaded at RAM base + 0x8000 (required)\n"
"  --initrd FILE        initial ramdisk, loaded below the device tree\n"
"  --dtb FILE           use this device tree instead of a generated one\n"
"  --mem SIZE           guest RAM at 0x80000000, e.g. 256M or 1G (default 256M)\n"
"  --cpus N             number of VCPUs, 1 to 8 (default 1)\n"
"  --cmdline STRING     kernel command line (default \"console=ttyAMA0\")\n"
"  --irqchip kernel|user  interrupt controller: the in-kernel vGICv2 (default),\n"
"                       or a GICv2 emulated by the VMM (hosts without GIC\n"
"                       virtualization)\n"
"  --disk FILE          a virtio-mmio block device (/dev/vda) on FILE, a whole\n"
"                       number of 512-byte sectors, read and written in place\n"
"\n"
"With VMM_GIC_STATS set in the environment, --irqchip user prints at exit how\n"
"many interrupts of each INTID the guest took on each CPU.\n"
"SIGUSR2 prints the registers of every VCPU on stderr.\n"
"Ctrl-C (SIGINT), SIGTERM or SIGHUP stop the guest and the VMM.\n"
"Exit status: 0 when the guest powers off, 1 on a VMM or guest error,\n"
"2 on bad arguments, 128+N when stopped by signal N (130 for Ctrl-C).\n";

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("vmm: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static _Noreturn void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("vmm: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputs("\nRun 'vmm --help' for the options.\n", stderr);
	va_end(ap);
	exit(EXIT_USAGE);
}

static uint64_t parse_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *s == '-')
		usage_error("--mem %s: not a size; write e.g. 256M or 1G", s);
	switch (*end) {
	case 'k': case 'K':
		v <<= 10, end++;
		break;
	case 'm': case 'M':
		v <<= 20, end++;
		break;
	case 'g': case 'G':
		v <<= 30, end++;
		break;
	case '\0':
		break;
	default:
		usage_error("--mem %s: unknown unit; use K, M or G", s);
	}
	if (*end)
		usage_error("--mem %s: trailing characters; write e.g. 256M", s);
	if (v < (16ULL << 20) || v > (2ULL << 30) || v & 0xfffff)
		usage_error("--mem %s: give a whole number of MiB from 16M to 2G", s);
	return v;
}

static void parse_args(int argc, char **argv, struct vmm_opts *o)
{
	static const struct option longopts[] = {
		{ "kernel",  required_argument, NULL, 'k' },
		{ "initrd",  required_argument, NULL, 'i' },
		{ "dtb",     required_argument, NULL, 'd' },
		{ "mem",     required_argument, NULL, 'm' },
		{ "cpus",    required_argument, NULL, 'c' },
		{ "cmdline", required_argument, NULL, 'l' },
		{ "irqchip", required_argument, NULL, 'q' },
		{ "disk",    required_argument, NULL, 'b' },
		{ "help",    no_argument,       NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	long n;
	int c;

	if (argc < 2)
		usage_error("no command given; the command is 'run'");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		fputs(usage, stdout);
		exit(0);
	}
	if (strcmp(argv[1], "run"))
		usage_error("unknown command '%s'; the command is 'run'", argv[1]);

	*o = (struct vmm_opts){
		.mem = 256ULL << 20,
		.cpus = 1,
		.cmdline = "console=ttyAMA0",
		.irqchip = IRQCHIP_KERNEL,
	};
	opterr = 0;
	optind = 2;
	while ((c = getopt_long(argc, argv, "+h", longopts, NULL)) != -1) {
		switch (c) {
		case 'k':
			o->kernel = optarg;
			break;
		case 'i':
			o->initrd = optarg;
			break;
		case 'd':
			o->dtb = optarg;
			break;
		case 'm':
			o->mem = parse_size(optarg);
			break;
		case 'c':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || n < 1 || n > MAX_CPUS)
				usage_error("--cpus %s: give a number from 1 to %d", optarg,
					    MAX_CPUS);
			o->cpus = n;
			break;
		case 'l':
			o->cmdline = optarg;
			break;
		case 'q':
			if (!strcmp(optarg, "kernel"))
				o->irqchip = IRQCHIP_KERNEL;
			else if (!strcmp(optarg, "user"))
				o->irqchip = IRQCHIP_USER;
			else
				usage_error("--irqchip %s: say 'kernel' or 'user'", optarg);
			break;
		case 'b':
			o->disk = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		case ':':
			usage_error("%s needs a value", argv[optind - 1]);
		default:
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		usage_error("unexpected argument '%s'", argv[optind]);
	if (!o->kernel)
		usage_error("run needs --kernel FILE (a zImage or raw image)");
}

/* ---- VCPU threads ---------------------------------------------------- */

static pthread_mutex_t ev_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ev_cond = PTHREAD_COND_INITIALIZER;
static bool reset_requested;
static unsigned int running;
/* lock-free atomics: safe to set from a signal handler */
static atomic_int stopping;
static atomic_int dump_requested;
static atomic_int quit_signal;		/* SIGINT, SIGTERM, SIGHUP: stop */
static unsigned int dump_gen;

static void dump_handler(int sig)
{
	dump_requested = 1;
}

static void quit_handler(int sig)
{
	quit_signal = sig;
}

static void kick_handler(int sig)
{
	/* only there to make KVM_RUN return with EINTR */
}

static const char *exit_name(uint32_t reason)
{
	switch (reason) {
	case KVM_EXIT_UNKNOWN:		return "UNKNOWN";
	case KVM_EXIT_EXCEPTION:	return "EXCEPTION";
	case KVM_EXIT_HYPERCALL:	return "HYPERCALL";
	case KVM_EXIT_DEBUG:		return "DEBUG";
	case KVM_EXIT_MMIO:		return "MMIO";
	case KVM_EXIT_SHUTDOWN:		return "SHUTDOWN";
	case KVM_EXIT_FAIL_ENTRY:	return "FAIL_ENTRY";
	case KVM_EXIT_INTERNAL_ERROR:	return "INTERNAL_ERROR";
	case KVM_EXIT_SYSTEM_EVENT:	return "SYSTEM_EVENT";
	default:			return "?";
	}
}

static void *vcpu_thread(void *arg)
{
	struct vcpu *vcpu = arg;
	struct kvm_run *run = vcpu->run;
	unsigned int dumped = 0;

	while (!stopping) {
		int r = ioctl(vcpu->fd, KVM_RUN, 0);

		/*
		 * --irqchip user: the timer's level comes with every return,
		 * also KVM_EXIT_INTR's (-EINTR), and is older than the exit.
		 */
		ugic_vcpu_sync(vcpu);
		if (r) {
			if (errno == EINTR && dumped != dump_gen) {
				/* SIGUSR2: where is the guest? */
				dumped = dump_gen;
				vcpu_dump(vcpu);
			}
			if (errno == EINTR || errno == EAGAIN)
				continue;
			die("VCPU %d: KVM_RUN: %s", vcpu->id, strerror(errno));
		}
		switch (run->exit_reason) {
		case KVM_EXIT_MMIO:
			mmio_handle(vcpu);
			continue;
		case KVM_EXIT_INTR:
			/* a signal, or (user irqchip) the timer's level changed */
			continue;
		case KVM_EXIT_SYSTEM_EVENT:
			if (run->system_event.type == KVM_SYSTEM_EVENT_SHUTDOWN) {
				fflush(stdout);
				fprintf(stderr, "vmm: the guest powered off\n");
				exit(0);
			}
			if (run->system_event.type == KVM_SYSTEM_EVENT_RESET) {
				pthread_mutex_lock(&ev_lock);
				reset_requested = true;
				pthread_cond_signal(&ev_cond);
				pthread_mutex_unlock(&ev_lock);
				goto out;
			}
			break;
		default:
			break;
		}
		fflush(stdout);
		fprintf(stderr, "vmm: VCPU %d: unhandled exit %u (%s)", vcpu->id,
			run->exit_reason, exit_name(run->exit_reason));
		if (run->exit_reason == KVM_EXIT_SYSTEM_EVENT)
			fprintf(stderr, " type %u", run->system_event.type);
		if (run->exit_reason == KVM_EXIT_FAIL_ENTRY)
			fprintf(stderr, " reason 0x%llx", (unsigned long long)
				run->fail_entry.hardware_entry_failure_reason);
		fputc('\n', stderr);
		vcpu_dump(vcpu);
		exit(1);
	}
out:
	pthread_mutex_lock(&ev_lock);
	running--;
	pthread_cond_signal(&ev_cond);
	pthread_mutex_unlock(&ev_lock);
	return NULL;
}

static void start_vcpus(struct vm *vm)
{
	unsigned int i;

	stopping = 0;
	running = vm->nr_vcpus;
	for (i = 0; i < vm->nr_vcpus; i++)
		if (pthread_create(&vm->vcpus[i].thread, NULL, vcpu_thread, &vm->vcpus[i]))
			die("cannot start the thread of VCPU %u", i);
}

/* Stop every VCPU thread: a signal ends KVM_RUN, resent until all left. */
static void stop_vcpus(struct vm *vm)
{
	struct timespec ts;
	unsigned int i;

	stopping = 1;
	pthread_mutex_lock(&ev_lock);
	while (running) {
		for (i = 0; i < vm->nr_vcpus; i++)
			pthread_kill(vm->vcpus[i].thread, SIGUSR1);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 10 * 1000 * 1000;
		if (ts.tv_nsec >= 1000000000)
			ts.tv_sec++, ts.tv_nsec -= 1000000000;
		pthread_cond_timedwait(&ev_cond, &ev_lock, &ts);
	}
	pthread_mutex_unlock(&ev_lock);
	for (i = 0; i < vm->nr_vcpus; i++)
		pthread_join(vm->vcpus[i].thread, NULL);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = kick_handler };
	struct vmm_opts opts;
	static struct vm vm;

	parse_args(argc, argv, &opts);
	/* no SA_RESTART: the kick must interrupt KVM_RUN */
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = dump_handler;
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = quit_handler;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	vm_create(&vm, &opts);
	if (opts.irqchip == IRQCHIP_USER)
		ugic_init(&vm);
	pl011_init(&vm);
	if (opts.disk)
		virtio_blk_init(&vm, opts.disk);
	load_images(&vm);

	for (;;) {
		start_vcpus(&vm);
		pthread_mutex_lock(&ev_lock);
		while (!reset_requested && !quit_signal) {
			struct timespec ts;
			unsigned int i;

			/* signals cannot signal the condvar: look 5 times a second */
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 200 * 1000 * 1000;
			if (ts.tv_nsec >= 1000000000)
				ts.tv_sec++, ts.tv_nsec -= 1000000000;
			pthread_cond_timedwait(&ev_cond, &ev_lock, &ts);
			if (!dump_requested)
				continue;
			dump_requested = 0;
			dump_gen++;
			for (i = 0; i < vm.nr_vcpus; i++)
				pthread_kill(vm.vcpus[i].thread, SIGUSR1);
		}
		reset_requested = false;
		pthread_mutex_unlock(&ev_lock);

		if (quit_signal) {
			int sig = quit_signal;

			stop_vcpus(&vm);
			fflush(stdout);
			fprintf(stderr, "\nvmm: %s: guest stopped\n", strsignal(sig));
			exit(128 + sig);	/* as a shell reports a signal */
		}

		fflush(stdout);
		fprintf(stderr, "vmm: the guest asked for a reset: rebooting it\n");
		stop_vcpus(&vm);
		vm_reset_vcpus(&vm);
		if (opts.irqchip == IRQCHIP_USER)
			ugic_init(&vm);
		pl011_init(&vm);
		if (opts.disk)
			virtio_blk_init(&vm, opts.disk);
		load_images(&vm);
	}
}
