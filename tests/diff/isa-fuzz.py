#!/usr/bin/env python3
"""Differential random-instruction testing of ferry against qemu-arm.

For a seed and an instruction set (A32 or Thumb-2) this writes an assembly
program holding many random sequences (isa_fuzz_gen.py).  Each sequence
loads a random initial state (r0-r12, LR, NZCVQ, GE, D0-D31, FPSCR and 1 KiB
of scratch memory; SP points into the scratch), runs its random body, then
dumps r0-r14, APSR, FPSCR, D0-D31 and the scratch memory to stdout.  The
program is assembled with arm-linux-gnueabihf-as/ld (no libc), run under
qemu-arm -cpu cortex-a15 (the reference) and under ferry-arm with each
backend (and with -one-insn-per-tb on a subset), and the dumps are compared
field by field.  A mismatch prints the seed, the sequence, its listing and
the differing state, and is minimised by removing instruction groups.

    isa-fuzz.py --ferry build/ferry-arm                  # default short campaign
    isa-fuzz.py --ferry build/ferry-arm --binaries 300 --seed 7 --isa thumb
    isa-fuzz.py --regressions-only                       # just the kept cases
    isa-fuzz.py --replay tests/diff/regressions/x.case   # one kept case, verbose

Exit status: 0 when everything matched (or qemu-arm is missing: skipped),
1 on any mismatch, 2 on usage or tool errors.
"""

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import isa_fuzz_gen as gen  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REGRESSION_DIR = os.path.join(HERE, "regressions")
CROSS = "arm-linux-gnueabihf-"

# Layout of the dump (seq_dump) and of the per-sequence init records (record_data):
# r0-r15, APSR, FPSCR, D0-D31, then the scratch memory.
STATE_SIZE = gen.STATE_SIZE
RECORD_SIZE = STATE_SIZE + gen.SCRATCH_SIZE
APSR_MASK = 0xf80f0000          # NZCVQ and GE; the other bits read UNKNOWN in user mode
REC_APSR, REC_FPSCR, REC_D, REC_MEM = 64, 68, 72, 328

MODES = {
    "x86": [],
    "interp": ["-backend", "interp"],
    "x86-1": ["-one-insn-per-tb"],
    "interp-1": ["-backend", "interp", "-one-insn-per-tb"],
}


# ---------------------------------------------------------------- program text

def lo16(v):
    return v & 0xffff


def hi16(v):
    return (v >> 16) & 0xffff


def prologue(isa):
    mode = ".thumb" if isa == "thumb" else ".arm"
    func = "\t.thumb_func\n" if isa == "thumb" else ""
    return f"""\t.syntax unified
\t.cpu cortex-a15
\t.fpu neon-vfpv4
\t{mode}
\t.text
\t.global _start
\t.type _start, %function
{func}_start:
"""


def seq_init(i):
    return [
        f"movw r0, #:lower16:fz_rec_{i}",
        f"movt r0, #:upper16:fz_rec_{i}",
        "bl fz_setup",
        "ldr sp, [r0, #52]",
        "ldr lr, [r0, #56]",
        "ldm r0, {r0-r12}",
    ]


def seq_dump(i, setend):
    s = gen.STATE_ADDR + 4
    out = ["setend le"] if setend else []
    return out + [
        "mcr p15, 0, r0, c13, c0, 2",      # park r0 in TPIDRURW
        f"movw r0, #0x{lo16(s):x}",
        f"movt r0, #0x{hi16(s):x}",
        "stm r0, {r1-r12}",
        "str sp, [r0, #48]",
        "str lr, [r0, #52]",
        "mrc p15, 0, r1, c13, c0, 2",
        "str r1, [r0, #-4]",
        "mrs r1, apsr",
        "str r1, [r0, #56]",
        "vmrs r1, fpscr",
        "str r1, [r0, #60]",
        "add r1, r0, #68",
        "vstmia r1!, {d0-d15}",
        "vstmia r1, {d16-d31}",
        "bl fz_write",
        f"b .Lfz_next_{i}",
        ".ltorg",
        f".Lfz_next_{i}:",
    ]


def routines(isa):
    func = "\t.thumb_func\n" if isa == "thumb" else ""
    sa, sc = gen.STATE_ADDR, gen.SCRATCH_ADDR
    words = gen.SCRATCH_SIZE // 16
    return f"""
\tmov r0, #0
\tmov r7, #1
\tsvc 0
\t.type fz_setup, %function
{func}fz_setup:
\tmovw r1, #0x{lo16(sc):x}
\tmovt r1, #0x{hi16(sc):x}
\tadd r2, r0, #{REC_MEM}
\tmov r3, #{words}
1:\tldmia r2!, {{r4-r7}}
\tstmia r1!, {{r4-r7}}
\tsubs r3, r3, #1
\tbne 1b
\tadd r2, r0, #{REC_D}
\tvldmia r2!, {{d0-d15}}
\tvldmia r2, {{d16-d31}}
\tldr r1, [r0, #{REC_FPSCR}]
\tvmsr fpscr, r1
\tclrex
\tldr r1, [r0, #{REC_APSR}]
\tmsr APSR_nzcvqg, r1
\tbx lr
\t.type fz_write, %function
{func}fz_write:
\tmov r0, #1
\tmovw r1, #0x{lo16(sa):x}
\tmovt r1, #0x{hi16(sa):x}
\tmovw r2, #{STATE_SIZE}
\tmov r7, #4
\tsvc 0
\tmov r0, #1
\tmovw r1, #0x{lo16(sc):x}
\tmovt r1, #0x{hi16(sc):x}
\tmovw r2, #{gen.SCRATCH_SIZE}
\tsvc 0
\tbx lr
\t.ltorg
"""


def record_data(i, seq):
    words = list(seq.regs) + [seq.apsr, seq.fpscr]
    for d in seq.dregs:
        words += [d & 0xffffffff, d >> 32]
    mem = seq.mem
    words += [int.from_bytes(mem[k:k + 4], "little") for k in range(0, len(mem), 4)]
    out = [f"\t.balign 8\nfz_rec_{i}:"]
    for k in range(0, len(words), 8):
        out.append("\t.word " + ", ".join("0x%x" % w for w in words[k:k + 8]))
    return "\n".join(out) + "\n"


def program(isa, seqs, setend=True):
    text = [prologue(isa)]
    for i, seq in enumerate(seqs):
        text.append(f"@ ---- sequence {i}\n")
        body = seq_init(i) + [f"@ body {i}"] + seq.lines() + [f"@ end {i}"] + seq_dump(i, setend)
        text.append("".join(ln + "\n" if ln.endswith(":") else "\t" + ln + "\n" for ln in body))
    text.append(routines(isa))
    text.append('\t.section .fzdata,"aw",%%progbits\n\t.space %d\n'
                % (gen.SCRATCH_ADDR + gen.SCRATCH_SIZE - gen.STATE_ADDR))
    text.append("\t.data\n")
    for i, seq in enumerate(seqs):
        text.append(record_data(i, seq))
    return "".join(text)


class BuildError(Exception):
    pass


class ToolError(Exception):
    pass


def build(asm, workdir, name):
    src = os.path.join(workdir, name + ".s")
    obj = os.path.join(workdir, name + ".o")
    exe = os.path.join(workdir, name)
    with open(src, "w") as f:
        f.write(asm)
    r = subprocess.run([CROSS + "as", "--fatal-warnings", "-o", obj, src],
                       capture_output=True, text=True)
    if r.returncode:
        raise BuildError(r.stderr)
    r = subprocess.run([CROSS + "ld", "-static", "-o", exe, obj,
                        "--section-start=.fzdata=0x%x" % gen.STATE_ADDR],
                       capture_output=True, text=True)
    if r.returncode:
        raise BuildError(r.stderr)
    return exe


# ---------------------------------------------------------------- running

class Run:
    def __init__(self, cmd, timeout):
        try:
            p = subprocess.run(cmd, capture_output=True, timeout=timeout)
            self.out, self.err, self.status = p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired as e:
            self.out, self.err, self.status = e.stdout or b"", b"timeout", "timeout"
        self.records = [self.out[k:k + RECORD_SIZE]
                        for k in range(0, len(self.out) - RECORD_SIZE + 1, RECORD_SIZE)]


def decode(rec):
    w = lambda k: int.from_bytes(rec[k:k + 4], "little")
    st = {}
    for r in range(15):
        st[gen.reg(r)] = w(4 * r)
    st["apsr"] = w(60) & APSR_MASK
    st["fpscr"] = w(64)
    for d in range(32):
        st["d%d" % d] = int.from_bytes(rec[72 + 8 * d:80 + 8 * d], "little")
    return st


def diff_records(ref, got):
    """List of (field, reference value, ferry value) lines."""
    a, b = decode(ref), decode(got)
    out = []
    for k in a:
        if a[k] != b[k]:
            width = 16 if k.startswith("d") else 8
            out.append("%-6s qemu 0x%0*x  ferry 0x%0*x" % (k, width, a[k], width, b[k]))
    ma, mb = ref[STATE_SIZE:], got[STATE_SIZE:]
    for k in range(0, len(ma), 4):
        if ma[k:k + 4] != mb[k:k + 4]:
            out.append("mem[0x%08x] qemu %s  ferry %s" % (gen.SCRATCH_ADDR + k,
                                                           ma[k:k + 4].hex(), mb[k:k + 4].hex()))
    return out


class Tester:
    def __init__(self, args):
        self.args = args
        self.ferry = args.ferry
        self.qemu = args.qemu
        self.timeout = args.timeout
        self.workdir = args.workdir
        self.nbuild = 0

    def run_qemu(self, exe):
        return Run([self.qemu, "-cpu", "cortex-a15", exe], self.timeout)

    def run_ferry(self, exe, mode):
        return Run([self.ferry] + MODES[mode] + [exe], self.timeout)

    def make(self, isa, seqs):
        self.nbuild += 1
        return build(program(isa, seqs, self.args.setend), self.workdir, "fz%d" % self.nbuild)

    def failing(self, isa, seqs, mode):
        """Indices of the sequences whose state differs under mode (ferry vs qemu)."""
        exe = self.make(isa, seqs)
        ref = self.run_qemu(exe)
        got = self.run_ferry(exe, mode)
        bad = []
        for i in range(len(seqs)):
            if i >= len(ref.records):
                break
            if i >= len(got.records) or diff_records(ref.records[i], got.records[i]):
                bad.append(i)
                if i >= len(got.records):
                    break
        return bad, ref, got

    def still_fails(self, isa, cands, mode):
        """First candidate (in order) that fails on its own."""
        start = 0
        while start < len(cands):
            bad, _, got = self.failing(isa, cands[start:], mode)
            if not bad:
                return None
            i = bad[0]
            if i < len(got.records) or i == len(cands[start:]) - 1:
                return start + i
            # ferry died at candidate i: confirm it alone (it may crash every time)
            b2, _, _ = self.failing(isa, [cands[start + i]], mode)
            if b2:
                return start + i
            start += i + 1
        return None

    def minimise(self, isa, seq, mode):
        """Remove groups one at a time while the sequence keeps failing."""
        groups = list(seq.groups)
        progress = True
        while progress and len(groups) > 1:
            progress = False
            cands = []
            for j in range(len(groups)):
                cands.append(gen.Seq(seq.regs, seq.apsr, seq.fpscr, seq.dregs, seq.mem,
                                     groups[:j] + groups[j + 1:]))
            k = self.still_fails(isa, cands, mode)
            if k is not None:
                groups = cands[k].groups
                progress = True
        return gen.Seq(seq.regs, seq.apsr, seq.fpscr, seq.dregs, seq.mem, groups)


# ---------------------------------------------------------------- reporting

def listing(seq):
    return "\n".join("    " + ln.replace(gen.SETUP, "    @ setup") for ln in seq.lines())


def describe_state(seq):
    regs = " ".join("%s=%08x" % (gen.reg(r), seq.regs[r]) for r in range(15))
    return "  initial: %s\n           apsr=%08x fpscr=%08x" % (regs, seq.apsr, seq.fpscr)


def case_text(isa, seq, comment):
    out = ["# " + ln for ln in comment.splitlines()]
    out.append("isa %s" % isa)
    for r in range(15):
        out.append("%s 0x%08x" % (gen.reg(r), seq.regs[r]))
    out.append("apsr 0x%08x" % seq.apsr)
    out.append("fpscr 0x%08x" % seq.fpscr)
    for d in range(32):
        out.append("d%d 0x%016x" % (d, seq.dregs[d]))
    for k in range(0, len(seq.mem), 32):
        out.append("mem 0x%03x %s" % (k, seq.mem[k:k + 32].hex()))
    out.append("body")
    out += ["    " + ln for ln in seq.lines()]
    return "\n".join(out) + "\n"


def parse_case(path):
    isa = None
    regs = [0] * 16
    regs[13] = gen.SP_INIT
    apsr = fpscr = 0
    dregs = [0] * 32
    mem = bytearray(gen.SCRATCH_SIZE)
    body = None
    names = {gen.reg(r): r for r in range(15)}
    with open(path) as f:
        for raw in f:
            line = raw.rstrip("\n")
            if body is not None:
                if line.strip() and not line.lstrip().startswith("#"):
                    body.append(line.strip())
                continue
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            key, _, val = line.partition(" ")
            if key == "isa":
                isa = val.strip()
            elif key in names:
                regs[names[key]] = int(val, 0)
            elif key == "apsr":
                apsr = int(val, 0)
            elif key == "fpscr":
                fpscr = int(val, 0)
            elif key.startswith("d") and key[1:].isdigit():
                dregs[int(key[1:])] = int(val, 0)
            elif key == "mem":
                off, data = val.split()
                b = bytes.fromhex(data)
                mem[int(off, 0):int(off, 0) + len(b)] = b
            elif key == "body":
                body = []
            else:
                raise ValueError("%s: unknown line %r" % (path, raw))
    if isa not in ("arm", "thumb") or body is None:
        raise ValueError("%s: needs an 'isa' line and a 'body'" % path)
    return isa, gen.Seq(regs, apsr, fpscr, dregs, bytes(mem), [[ln] for ln in body])


# ---------------------------------------------------------------- campaign

class Stats:
    def __init__(self):
        self.insns = {"arm": 0, "thumb": 0}
        self.setup = {"arm": 0, "thumb": 0}
        self.seqs = {"arm": 0, "thumb": 0}
        self.binaries = {"arm": 0, "thumb": 0}
        self.runs = 0
        self.mismatches = []


def report(t, isa, seq, label, i, fails, ref, runs, stats, minimise, quiet):
    """Print one failing sequence (once for all the modes it failed in)."""
    print("=" * 78)
    print("MISMATCH %s sequence %d, modes %s" % (label, i, ",".join(m for m, _ in fails)))
    shown = False
    for mode, crashed in fails:
        got = runs[mode]
        if crashed:
            print("  %s: ferry stopped (status %s) before dumping this sequence; stderr:\n    %s"
                  % (mode, got.status,
                     got.err.decode(errors="replace")[-1500:].rstrip().replace("\n", "\n    ")))
        elif not shown:
            shown = True
            for d in diff_records(ref.records[i], got.records[i]):
                print("  " + d)
    print(describe_state(seq))
    if not quiet:
        print("  body:\n" + listing(seq))
    mini = None
    mode = fails[0][0]
    if minimise:
        mini = t.minimise(isa, seq, mode)
        print("  minimised (%s, %d instructions):\n%s" % (mode, mini.count(), listing(mini)))
        bad, r2, g2 = t.failing(isa, [mini], mode)
        if bad and g2.records:
            for d in diff_records(r2.records[0], g2.records[0]):
                print("    " + d)
    stats.mismatches.append("%s sequence %d" % (label, i))
    if t.args.save_cases:
        os.makedirs(t.args.save_cases, exist_ok=True)
        name = "%s-%d-%d.case" % (isa, t.args.seed, len(stats.mismatches))
        path = os.path.join(t.args.save_cases, name)
        with open(path, "w") as f:
            f.write(case_text(isa, mini or seq, "found by %s sequence %d (%s)" % (label, i, mode)))
        print("  saved %s" % path)


def check_binary(t, isa, seqs, modes, label, stats, minimise, quiet):
    """Build one program, run it everywhere, report mismatches. True when all matched."""
    exe = t.make(isa, seqs)
    ref = t.run_qemu(exe)
    if len(ref.records) != len(seqs) or ref.status != 0:
        print("REFERENCE FAILURE %s: qemu-arm status %s after %d of %d sequences\n%s"
              % (label, ref.status, len(ref.records), len(seqs), ref.err.decode(errors="replace")))
        if len(ref.records) < len(seqs):
            print(listing(seqs[len(ref.records)]))
        stats.mismatches.append(label + " reference failure")
        return False
    runs, fails = {}, {}
    for mode in modes:
        got = runs[mode] = t.run_ferry(exe, mode)
        stats.runs += 1
        if not got.records and got.status == 1:
            # ferry refused to run the program at all: not a translation problem
            raise ToolError("ferry (%s) did not run the program: %s"
                            % (mode, got.err.decode(errors="replace").strip()))
        for i in range(len(seqs)):
            if i >= len(got.records):
                fails.setdefault(i, []).append((mode, True))
                break
            if diff_records(ref.records[i], got.records[i]):
                fails.setdefault(i, []).append((mode, False))
    for i in sorted(fails):
        report(t, isa, seqs[i], label, i, fails[i], ref, runs, stats, minimise, quiet)
    return not fails


def campaign(t, args, stats):
    all_ok = True
    isas = ["arm", "thumb"] if args.isa == "both" else [args.isa]
    t0 = time.time()
    for k in range(args.first, args.first + args.binaries):
        for isa in isas:
            rng = random.Random("%d:%s:%d" % (args.seed, isa, k))
            lengths = [rng.randrange(200, 601) if rng.random() < args.long_frac
                       else rng.randrange(args.min_len, args.max_len + 1)
                       for _ in range(args.seqs)]
            seqs = [gen.make_seq(rng, isa, n,
                                 vfp_arith=args.vfp_arith, setend=args.setend, skip=args.skip,
                                 neon_scalar=args.neon_scalar, neon=args.neon)
                    for n in lengths]
            modes = list(args.modes)
            if args.one_insn_every and k % args.one_insn_every == 0:
                modes += [m + "-1" for m in args.modes if not m.endswith("-1")]
            label = "seed=%d isa=%s binary=%d" % (args.seed, isa, k)
            try:
                ok = check_binary(t, isa, seqs, modes, label, stats, args.minimise, args.quiet)
            except BuildError as e:
                print("GENERATOR ERROR %s: the assembler rejected the program:\n%s" % (label, e))
                stats.mismatches.append((label, "assembler error"))
                ok = False
            all_ok &= ok
            stats.binaries[isa] += 1
            stats.seqs[isa] += len(seqs)
            for s in seqs:
                lines = s.lines()
                stats.insns[isa] += gen.count_insns(lines)
                stats.setup[isa] += gen.count_setup(lines)
        if args.progress and (k - args.first + 1) % args.progress == 0:
            print("progress: %d binaries per set, %s instructions, %d mismatches, %.0fs"
                  % (k - args.first + 1, stats.insns, len(stats.mismatches), time.time() - t0),
                  flush=True)
        if args.max_failures and len(stats.mismatches) >= args.max_failures:
            print("stopping after %d mismatches" % len(stats.mismatches))
            break
    return all_ok


def regressions(t, args, stats, paths):
    cases = {"arm": [], "thumb": []}
    for p in paths:
        isa, seq = parse_case(p)
        cases[isa].append((os.path.basename(p), seq))
    ok = True
    for isa, lst in cases.items():
        if not lst:
            continue
        seqs = [s for _, s in lst]
        exe = t.make(isa, seqs)
        ref = t.run_qemu(exe)
        if len(ref.records) != len(seqs):
            print("REFERENCE FAILURE on regression cases (%s)" % isa)
            return False
        for mode in MODES:
            got = t.run_ferry(exe, mode)
            stats.runs += 1
            if not got.records and got.status == 1:
                raise ToolError("ferry (%s) did not run the program: %s"
                                % (mode, got.err.decode(errors="replace").strip()))
            for i, (name, seq) in enumerate(lst):
                if i >= len(got.records):
                    print("REGRESSION %s (%s, %s): ferry stopped (status %s)\n%s"
                          % (name, isa, mode, got.status, got.err.decode(errors="replace")[-1000:]))
                    ok = False
                    stats.mismatches.append(name)
                    break
                d = diff_records(ref.records[i], got.records[i])
                if d:
                    ok = False
                    stats.mismatches.append(name)
                    print("REGRESSION %s (%s, %s) differs:\n  %s\n  body:\n%s"
                          % (name, isa, mode, "\n  ".join(d), listing(seq)))
        print("regressions: %d %s cases, %d modes: %s"
              % (len(lst), isa, len(MODES), "ok" if ok else "FAILED"))
    return ok


def run_all(t, args, stats):
    ok = True
    if args.replay:
        ok = regressions(t, args, stats, args.replay)
    else:
        if args.regressions or args.regressions_only:
            paths = sorted(os.path.join(REGRESSION_DIR, f) for f in os.listdir(REGRESSION_DIR)
                           if f.endswith(".case")) if os.path.isdir(REGRESSION_DIR) else []
            if paths:
                ok &= regressions(t, args, stats, paths)
        if not args.regressions_only:
            ok &= campaign(t, args, stats)
            for isa in ("arm", "thumb"):
                if stats.binaries[isa]:
                    print("isa-fuzz %s: seed %d, programs %d-%d, %d sequences, %d instructions "
                          "(%d of them operand setup), modes %s%s"
                          % (isa, args.seed, args.first, args.first + stats.binaries[isa] - 1,
                             stats.seqs[isa], stats.insns[isa], stats.setup[isa],
                             ",".join(args.modes),
                             " (+ -one-insn-per-tb on every %dth)" % args.one_insn_every
                             if args.one_insn_every else ""))
    print("isa-fuzz: %d ferry runs, %d mismatches: %s"
          % (stats.runs, len(stats.mismatches), "PASS" if ok else "FAIL"))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ferry", default=os.environ.get("FERRY", "build/ferry-arm"))
    ap.add_argument("--qemu", default=os.environ.get("QEMU_ARM") or shutil.which("qemu-arm"))
    ap.add_argument("--isa", choices=["arm", "thumb", "both"], default="both")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--binaries", type=int, default=2, help="programs per instruction set")
    ap.add_argument("--first", type=int, default=0, help="index of the first program")
    ap.add_argument("--seqs", type=int, default=50, help="sequences per program")
    ap.add_argument("--min-len", type=int, default=20)
    ap.add_argument("--max-len", type=int, default=60)
    ap.add_argument("--long-frac", type=float, default=0.05,
                    help="fraction of sequences with 200-600 instructions (blocks up to the size limit)")
    ap.add_argument("--modes", default="x86,interp",
                    help="ferry modes run on every program (x86, interp, x86-1, interp-1)")
    ap.add_argument("--one-insn-every", type=int, default=4,
                    help="every Nth program also runs with -one-insn-per-tb (0: never)")
    ap.add_argument("--no-vfp-arith", dest="vfp_arith", action="store_false",
                    help="leave out VFP data-processing instructions (included by default)")
    ap.add_argument("--neon-scalar", action="store_true",
                    help="include VMOV.8/.16 between core registers and scalars (Advanced SIMD)")
    ap.add_argument("--no-neon", dest="neon", action="store_false",
                    help="leave out Advanced SIMD data processing, element and structure "
                         "loads and stores, and the core register transfers (included by "
                         "default; they imply --neon-scalar)")
    ap.add_argument("--no-setend", dest="setend", action="store_false",
                    help="leave SETEND (big-endian data) out")
    ap.add_argument("--skip", metavar="REGEX",
                    help="never generate instruction lines matching REGEX (to get past a known bug)")
    ap.add_argument("--no-minimise", dest="minimise", action="store_false")
    ap.add_argument("--no-regressions", dest="regressions", action="store_false")
    ap.add_argument("--regressions-only", action="store_true")
    ap.add_argument("--replay", nargs="+", metavar="CASE", help="run these case files only")
    ap.add_argument("--save-cases", metavar="DIR", help="write each (minimised) mismatch here")
    ap.add_argument("--max-failures", type=int, default=20)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--keep", metavar="DIR", help="keep the generated programs in DIR")
    ap.add_argument("--progress", type=int, default=0, help="print a progress line every N programs")
    ap.add_argument("--quiet", action="store_true", help="leave full listings out of reports")
    args = ap.parse_args()
    args.modes = args.modes.split(",")
    args.skip = re.compile(args.skip) if args.skip else None
    for m in args.modes:
        if m not in MODES:
            ap.error("unknown mode %s" % m)

    if not args.qemu or not shutil.which(args.qemu):
        print("isa-fuzz: qemu-arm is not installed; differential fuzzing SKIPPED (counted as passed).")
        return 0
    for tool in ("as", "ld"):
        if not shutil.which(CROSS + tool):
            print("isa-fuzz: %s%s not found; differential fuzzing SKIPPED." % (CROSS, tool))
            return 0
    if not os.access(args.ferry, os.X_OK):
        print("isa-fuzz: ferry binary %s not found" % args.ferry, file=sys.stderr)
        return 2

    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        args.workdir = args.keep
    else:
        args.workdir = tempfile.mkdtemp(prefix="isa-fuzz-")
    t = Tester(args)
    stats = Stats()
    try:
        ok = run_all(t, args, stats)
    except ToolError as e:
        print("isa-fuzz: %s" % e, file=sys.stderr)
        return 2
    finally:
        if not args.keep:
            shutil.rmtree(args.workdir, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
