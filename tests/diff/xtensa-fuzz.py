#!/usr/bin/env python3
"""Differential random-instruction testing of ferry's Xtensa guests against qemu-xtensa.

For a seed, a core and a byte order this writes a static ELF program of random instruction
sequences (xtensa_fuzz_gen.py: it encodes the instructions itself, so both byte orders and
every core option can be tested without an assembler), runs it under qemu-xtensa or
qemu-xtensaeb with the same -cpu (the reference) and under ferry-xtensa/ferry-xtensaeb with
each backend (and with -one-insn-per-tb on a subset), and compares the register and memory
dumps every sequence writes.  A mismatch prints the seed, the sequence, the group list and
the differing words, and keeps the program.

    xtensa-fuzz.py --ferry build/ferry                         # short campaign, every core
    xtensa-fuzz.py --ferry build/ferry --binaries 200 --core dc233c --seed 5
    xtensa-fuzz.py --ferry build/ferry --core test_kc705_be    # big-endian

Exit status: 0 when everything matched (or qemu-xtensa is missing: skipped), 1 on any
mismatch, 2 on usage or tool errors.
"""

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xtensa_fuzz_gen as gen  # noqa: E402

# The cores, their byte order and the options the generator may use (what both qemu's core
# of that name and ferry's configuration of it have).
CORES = {
    'lx106': (False, {'nsa', 'litbase'}),
    'dc233c': (False, {'nsa', 'div32', 'minmax', 'sext', 'clamps', 's32c1i', 'loop', 'mac16',
                        'mpsync', 'litbase', 'threadptr'}),
    'de233_fpu': (False, {'nsa', 'div32', 'minmax', 'sext', 'clamps', 's32c1i', 'loop',
                          'mac16', 'boolean', 'salt', 'mpsync', 'fp', 'threadptr'}),
    'test_kc705_be': (True, {'nsa', 'div32', 'minmax', 'sext', 'clamps', 's32c1i', 'loop',
                             'mac16', 'boolean', 'mul32_high', 'mpsync', 'threadptr'}),
}

MODES = {
    'x86': [],
    'interp': ['-backend', 'interp'],
    'x86-1': ['-one-insn-per-tb'],
}

RECORD = gen.STATE_SIZE + gen.SCRATCH_SIZE
REG_NAMES = ['a%d' % i for i in range(15)] + ['sar', 'scompare1', 'acclo', 'acchi', 'm0', 'm1',
                                              'm2', 'm3', 'br', 'lcount'] + \
    ['word %d' % i for i in range(25, 32)] + ['f%d' % i for i in range(16)]


def run(cmd, env=None, timeout=120):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                           timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return 'timeout', b'', b''


def describe_mismatch(ref, got, be, listing):
    """The first differing sequence: its groups and the differing dump words."""
    n = min(len(ref), len(got)) // RECORD
    e = '>' if be else '<'
    for i in range(n + 1):
        a, b = ref[i * RECORD:(i + 1) * RECORD], got[i * RECORD:(i + 1) * RECORD]
        if a == b:
            continue
        lines = ['sequence %d differs:' % i]
        if len(a) < RECORD or len(b) < RECORD:
            lines.append('  output ends early (reference %d bytes, ferry %d bytes)'
                         % (len(ref), len(got)))
        for w in range(min(len(a), len(b)) // 4):
            x = struct.unpack_from(e + 'I', a, 4 * w)[0]
            y = struct.unpack_from(e + 'I', b, 4 * w)[0]
            if x != y:
                if w < len(REG_NAMES):
                    what = REG_NAMES[w]
                elif w < gen.STATE_SIZE // 4:
                    what = 'state word %d' % w
                else:
                    what = 'scratch +0x%x' % (4 * w - gen.STATE_SIZE)
                lines.append('  %-14s qemu %08x ferry %08x' % (what, x, y))
        if i < len(listing):
            lines.append('  groups: ' + '; '.join(listing[i]))
        return '\n'.join(lines)
    return 'outputs differ in length only'


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--ferry', default='build/ferry', help='the ferry binary')
    ap.add_argument('--core', action='append', choices=sorted(CORES),
                    help='core(s) to test (default: all)')
    ap.add_argument('--binaries', type=int, default=2, help='programs per core')
    ap.add_argument('--sequences', type=int, default=100, help='sequences per program')
    ap.add_argument('--length', type=int, default=40, help='groups per sequence')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--modes', default='x86,interp,x86-1', help='ferry modes to compare')
    ap.add_argument('--keep', default=None, help='directory for failing programs')
    args = ap.parse_args()

    ferry = os.path.abspath(args.ferry)
    if not os.access(ferry, os.X_OK):
        print('xtensa-fuzz: no ferry binary at %s' % ferry, file=sys.stderr)
        return 2
    cores = args.core or sorted(CORES)
    modes = [m for m in args.modes.split(',') if m]
    for m in modes:
        if m not in MODES:
            print('xtensa-fuzz: unknown mode %s' % m, file=sys.stderr)
            return 2
    tmp = tempfile.mkdtemp(prefix='xtensa-fuzz-')
    failures = 0
    insns = 0
    groups = 0
    runs = 0
    start = time.time()
    try:
        for core in cores:
            be, opts = CORES[core]
            qemu = shutil.which('qemu-xtensaeb' if be else 'qemu-xtensa')
            if not qemu:
                print('xtensa-fuzz: %s is not installed: core %s SKIPPED'
                      % ('qemu-xtensaeb' if be else 'qemu-xtensa', core))
                continue
            guest = 'xtensaeb' if be else 'xtensa'
            for k in range(args.binaries):
                seed = args.seed * 100003 + k * 7919 + sum(map(ord, core))
                image, listing, ninsns = gen.generate(seed, opts, be, args.sequences, args.length)
                path = os.path.join(tmp, '%s-%d' % (core, seed))
                with open(path, 'wb') as f:
                    f.write(image)
                os.chmod(path, 0o755)
                env = dict(os.environ, QEMU_CPU=core)
                qs, qout, qerr = run([qemu, path], env)
                if qs != 0:
                    print('xtensa-fuzz: qemu failed on seed %d (%s, status %s): %s'
                          % (seed, core, qs, qerr.decode(errors='replace')[:300]))
                    failures += 1
                    if args.keep:
                        os.makedirs(args.keep, exist_ok=True)
                        shutil.copy(path, args.keep)
                    continue
                groups += sum(len(s) for s in listing)
                insns += ninsns
                # one-insn-per-tb on every third program only (it is slow)
                for m in modes:
                    if m == 'x86-1' and k % 3:
                        continue
                    # ferry-xtensa / ferry-xtensaeb beside ferry: the name forces the guest
                    cmd = [ferry + '-' + guest if os.path.exists(ferry + '-' + guest) else ferry]
                    cmd += ['-cpu', core] + MODES[m] + [path]
                    fs, fout, ferr = run(cmd)
                    runs += 1
                    if fs != 0 or fout != qout:
                        failures += 1
                        print('MISMATCH core %s seed %d mode %s (status %s)' % (core, seed, m, fs))
                        if ferr:
                            print('  ferry stderr: ' + ferr.decode(errors='replace')[:400])
                        print(describe_mismatch(qout, fout, be, listing))
                        if args.keep:
                            os.makedirs(args.keep, exist_ok=True)
                            shutil.copy(path, args.keep)
                            print('  program kept in %s' % os.path.join(args.keep,
                                                                        os.path.basename(path)))
                        break
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print('xtensa-fuzz: %d random instructions in %d groups, %d ferry runs, %d mismatches, %.1f s'
          % (insns, groups, runs, failures, time.time() - start))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
