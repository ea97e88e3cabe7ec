"""A small seccomp filter for the sandbox: deny the syscalls that get around its limits.

Namespaces and rlimits leave a few kernel features that hold memory outside
RLIMIT_AS or widen the kernel surface for no use an interview answer has:
System V shared memory, semaphores and message queues (kept alive by the IPC
namespace until the run ends, whatever the address-space limit says),
io_uring, userfaultfd, the kernel keyring, perf events, BPF and ptrace. Each
fails with EPERM, as if forbidden, rather than killing the answer, so the
scorecard shows an ordinary exception.

The program is classic BPF, built here by hand (a dozen instructions) rather
than by adding libseccomp: bubblewrap loads it with `--seccomp FD`. Syscalls of
another ABI (i386 via int 0x80, x32) are denied wholesale; Python never
makes them.
"""

from __future__ import annotations

import platform
import struct

# Syscall numbers per machine, from the kernel's unistd headers.
_DENIED = {
    "x86_64": {
        "shmget": 29, "shmat": 30, "shmctl": 31, "semget": 64, "semop": 65, "msgget": 68,
        "msgsnd": 69, "ptrace": 101, "add_key": 248, "request_key": 249, "keyctl": 250,
        "perf_event_open": 298, "bpf": 321, "userfaultfd": 323, "io_uring_setup": 425,
        "io_uring_enter": 426, "io_uring_register": 427,
    },
    "aarch64": {
        "msgget": 186, "msgsnd": 189, "semget": 190, "semop": 193, "shmget": 194,
        "shmctl": 195, "shmat": 196, "ptrace": 117, "add_key": 217, "request_key": 218,
        "keyctl": 219, "perf_event_open": 241, "bpf": 280, "userfaultfd": 282,
        "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
    },
}  # fmt: skip
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_X32_BIT = 0x40000000

# BPF opcodes and seccomp return values (linux/filter.h, linux/seccomp.h).
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
_ALLOW = 0x7FFF0000
_ERRNO = 0x00050000
_EPERM = 1


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def denied_names(machine: str | None = None) -> list[str]:
    return sorted(_DENIED.get(machine or platform.machine(), {}))


def filter_program(machine: str | None = None) -> bytes | None:
    """The filter for this machine's ABI, or None where we have no syscall table."""
    machine = machine or platform.machine()
    numbers = sorted(_DENIED.get(machine, {}).values())
    if not numbers:
        return None
    deny = _RET_K, 0, 0, _ERRNO | _EPERM
    body: list[tuple[int, int, int, int]] = []
    # Each check jumps to the deny at the end when it matches; n checks then allow, deny.
    for i, nr in enumerate(numbers):
        body.append((_JEQ_K, len(numbers) - i, 0, nr))
    head = [
        (_LD_W_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ_K, 1, 0, _AUDIT_ARCH[machine]),
        deny,  # another ABI
        (_LD_W_ABS, 0, 0, 0),  # seccomp_data.nr
    ]
    if machine == "x86_64":
        head.append((_JGE_K, len(numbers) + 1, 0, _X32_BIT))  # x32 calls: to the deny
    program = [*head, *body, (_RET_K, 0, 0, _ALLOW), deny]
    return b"".join(_insn(*i) for i in program)
