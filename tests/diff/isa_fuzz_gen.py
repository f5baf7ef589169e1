"""Random instruction sequences for the ARM differential fuzzer (isa-fuzz.py).

A sequence is a list of groups; a group is a few lines of GNU assembler
(unified syntax) that belong together: the instruction under test plus the
instructions that prepare its operands (an in-range address in a base
register, a small shift amount, ...), an IT block with its members, a forward
branch with the instructions it may skip.  The minimiser removes whole groups,
so every group is self-contained: it defines its own labels and leaves the
stack pointer where it found it unless the sequence tracks the change.

Every template produces only encodings whose behaviour the ARMv7-A
architecture defines (ARM DDI 0406C): the UNPREDICTABLE register
combinations (Rd == PC, RdLo == RdHi, Rn == Rt with writeback, SP in a
Thumb operand, ...) are excluded by the register choices, and every memory
access lands inside the scratch buffer with the alignment the instruction
requires (LDRD/STRD, LDM/STM, VLDR/VSTR and the exclusives need it; the
plain loads and stores are also tried unaligned, which Linux user space
permits).
"""

import random

# Guest addresses fixed by the linker (--section-start), so that the
# generator can compute in-range base addresses itself.
STATE_ADDR = 0x00400000      # dump area: r0-r14, APSR, FPSCR, D0-D31
STATE_SIZE = 0x150
SCRATCH_ADDR = 0x00400e00    # the scratch memory (it straddles a page boundary)
SCRATCH_SIZE = 1024
PAGE_CROSS = 0x00401000      # the page boundary inside the scratch buffer
SP_INIT = SCRATCH_ADDR + 768  # SP points into the scratch buffer
SP_MAX_PUSH = 384             # bytes the body may push below SP_INIT

CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
         "hi", "ls", "ge", "lt", "gt", "le"]
INVERSE = {"eq": "ne", "ne": "eq", "cs": "cc", "cc": "cs", "mi": "pl", "pl": "mi",
           "vs": "vc", "vc": "vs", "hi": "ls", "ls": "hi", "ge": "lt", "lt": "ge",
           "gt": "le", "le": "gt"}

GPRS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]   # never SP or PC
LOW = [0, 1, 2, 3, 4, 5, 6, 7]

SPECIAL_WORDS = [0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fff, 0x8000,
                 0xffff, 0x10000, 0x7f, 0x80, 0xff, 0x100, 0x7ffffffe,
                 0x80000001, 0xfffffffe, 0x00ff00ff, 0xff00ff00, 0x80008000,
                 0x7fff7fff, 0x80808080, 0x7f7f7f7f, 0xffff0000, 0x0000ffff,
                 0x8000ffff, 0x7fff8000, 0x01010101, 0xfefefefe]

# Floating-point bit patterns worth having in D registers.
SPECIAL_F32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000,
               0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000,
               0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0x4f000000,
               0xcf000000, 0x4f800000, 0x3f000000, 0x3fc00000, 0x40490fdb,
               0x33800000, 0x4b000000, 0x477fe000, 0x38800000, 0x33000000]
SPECIAL_F64 = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000,
               0xbff0000000000000, 0x7ff0000000000000, 0xfff0000000000000,
               0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001,
               0x7ff4000000000000, 0x0000000000000001, 0x800fffffffffffff,
               0x0010000000000000, 0x7fefffffffffffff, 0x41e0000000000000,
               0xc1e0000000000000, 0x41f0000000000000, 0x3fe0000000000000,
               0x3ff8000000000000, 0x400921fb54442d18, 0x4330000000000000,
               0x36a0000000000000, 0x47efffffe0000000, 0x3810000000000000,
               0x41dfffffffc00000, 0xc1e0000000200000]


# Marks the instructions that only prepare operands (counted apart).
SETUP = "\t@ setup"


def reg(r):
    return {13: "sp", 14: "lr", 15: "pc"}.get(r, "r%d" % r)


def hexv(v):
    return "#0x%x" % (v & 0xffffffff)


def rand_word(rng):
    """A 32-bit value biased towards the edges integer arithmetic cares about."""
    k = rng.random()
    if k < 0.30:
        return rng.getrandbits(32)
    if k < 0.42:
        return rng.randrange(0, 33)
    if k < 0.50:
        return (-rng.randrange(1, 33)) & 0xffffffff
    if k < 0.72:
        return rng.choice(SPECIAL_WORDS)
    v = 0
    for _ in range(4):
        v = (v << 8) | rng.choice([0x00, 0x01, 0x7f, 0x80, 0xff, rng.getrandbits(8)])
    return v


def rand_f32(rng):
    k = rng.random()
    if k < 0.4:
        return rng.choice(SPECIAL_F32)
    if k < 0.7:   # a "normal looking" number: exponent near the bias
        return (rng.getrandbits(1) << 31) | (rng.randrange(100, 160) << 23) | rng.getrandbits(23)
    if k < 0.8:   # subnormal
        return (rng.getrandbits(1) << 31) | rng.getrandbits(23)
    return rng.getrandbits(32)


def rand_f64(rng):
    k = rng.random()
    if k < 0.4:
        return rng.choice(SPECIAL_F64)
    if k < 0.7:
        return (rng.getrandbits(1) << 63) | (rng.randrange(990, 1060) << 52) | rng.getrandbits(52)
    if k < 0.8:
        return (rng.getrandbits(1) << 63) | rng.getrandbits(52)
    return rng.getrandbits(64)


def rand_dreg_value(rng):
    k = rng.random()
    if k < 0.35:
        return rand_f64(rng)
    if k < 0.7:
        return rand_f32(rng) | (rand_f32(rng) << 32)
    return rand_word(rng) | (rand_word(rng) << 32)


def arm_modimm(rng):
    """A value encodable as an A32 modified immediate (imm8 ror 2*rot)."""
    imm8 = rng.choice([rng.getrandbits(8), 0, 1, 0xff, 0x80, 0x7f])
    rot = rng.choice([0, 0, rng.randrange(16)])
    r = 2 * rot
    return ((imm8 >> r) | (imm8 << (32 - r))) & 0xffffffff if r else imm8


def thumb_modimm(rng):
    """A value encodable as a Thumb-2 modified immediate (ThumbExpandImm)."""
    b = rng.getrandbits(8)
    k = rng.randrange(5)
    if k == 0:
        return b
    if k == 1:
        return b | (b << 16)
    if k == 2:
        return (b << 8) | (b << 24)
    if k == 3:
        return b * 0x01010101
    v = 0x80 | (b & 0x7f)
    r = rng.randrange(8, 32)
    return ((v >> r) | (v << (32 - r))) & 0xffffffff


class Seq:
    """One test sequence: initial state plus a body of groups."""

    def __init__(self, regs, apsr, fpscr, dregs, mem, groups):
        self.regs = regs        # 16 words; [13] is SP_INIT, [15] unused
        self.apsr = apsr
        self.fpscr = fpscr
        self.dregs = dregs      # 32 x 64-bit
        self.mem = mem          # bytes, SCRATCH_SIZE long
        self.groups = groups    # list of list of str

    def lines(self):
        return [ln for g in self.groups for ln in g]

    def count(self):
        return sum(count_insns(g) for g in self.groups)


def is_insn(line):
    s = line.strip()
    return bool(s) and not (s.endswith(":") or s.startswith(".") or s.startswith("@"))


def count_insns(lines):
    return sum(1 for ln in lines if is_insn(ln))


def count_setup(lines):
    return sum(1 for ln in lines if is_insn(ln) and ln.endswith(SETUP))


def random_state(rng, vfp_arith):
    regs = [rand_word(rng) for _ in range(16)]
    regs[13] = SP_INIT
    regs[15] = 0
    apsr = (rng.getrandbits(5) << 27) | (rng.getrandbits(4) << 16)
    # FPSCR: NZCV, QC, AHP, DN, FZ, RMode and the cumulative flags; no trap
    # enables and no short vectors (a Cortex-A15 has neither).
    fpscr = rng.getrandbits(32) & 0xffc0009f
    dregs = [rand_dreg_value(rng) for _ in range(32)]
    mem = bytearray()
    while len(mem) < SCRATCH_SIZE:
        mem += rand_word(rng).to_bytes(4, "little")
    return regs, apsr, fpscr, dregs, bytes(mem)


class Gen:
    """Generates the body of one sequence for one instruction set."""

    def __init__(self, rng, isa, vfp_arith=False, setend=True, skip=None,
                 neon_scalar=False, nested=False, neon=False):
        self.rng = rng
        self.isa = isa                  # "arm" or "thumb"
        self.thumb = isa == "thumb"
        self.vfp_arith = vfp_arith
        self.setend = setend
        self.sp_off = 0                 # bytes pushed below SP_INIT so far
        self.pinned = set()             # registers never written (a loop counter)
        self.locked = set()             # ... and those of the current group or IT block
        self.written = set()            # registers written in the current IT block
        self.in_it = False
        self.bigend = False
        self.skip = skip                # compiled regex of lines never to emit
        self.neon_scalar = neon_scalar or neon  # VMOV.8/.16 core <-> scalar (Advanced SIMD)
        self.neon = neon                # Advanced SIMD data processing and loads/stores
        self.nested = nested            # a stretch of the other instruction set
        self.templates = self._template_table()

    # ------------------------------------------------------------ helpers

    def r(self, pool=None, exclude=()):
        """Any register (never a locked one: sources do not need them, and
        setup code that picks its register here must not clobber them)."""
        pool = GPRS if pool is None else pool
        cands = [x for x in pool if x not in exclude and x not in self.locked]
        if not cands:
            cands = [x for x in pool if x not in exclude]
        return self.rng.choice(cands)

    def rd(self, pool=None, exclude=()):
        """A destination register: not locked by a pending address."""
        pool = GPRS if pool is None else pool
        r = self.r(pool, tuple(exclude) + tuple(self.locked))
        self.written.add(r)
        return r

    def rsetup(self, exclude=()):
        """A register to prepare before an IT block: not written in it yet."""
        r = self.r(GPRS, tuple(exclude) + tuple(self.locked) + tuple(self.written))
        self.locked.add(r)
        return r

    def narrow(self):
        """Thumb: favour registers (and rd == rn) that allow 16-bit encodings."""
        return self.thumb and self.rng.random() < 0.35

    def set_const(self, r, v):
        v &= 0xffffffff
        if v < 0x10000:
            return ["movw %s, #0x%x%s" % (reg(r), v, SETUP)]
        return ["movw %s, #0x%x%s" % (reg(r), v & 0xffff, SETUP),
                "movt %s, #0x%x%s" % (reg(r), v >> 16, SETUP)]

    def scratch_addr(self, size, align):
        """An address in the scratch buffer for an access of size bytes, now
        and then right at the page boundary inside the buffer."""
        lo = SCRATCH_ADDR
        hi = SCRATCH_ADDR + SCRATCH_SIZE - size
        if self.rng.random() < 0.1:
            a = PAGE_CROSS - self.rng.randrange(1, min(size, 8) + 1) + self.rng.randrange(-4, 5)
        else:
            a = self.rng.randrange(lo, hi + 1)
        a = max(lo, min(hi, a))
        if align > 1:
            a -= a % align
            if a < lo:
                a += align
        return a

    def cond(self):
        """A32: a random condition (or none) for one instruction."""
        if self.thumb or self.rng.random() > 0.25:
            return ""
        return self.rng.choice(CONDS)

    def shift_imm(self, allow_rrx=True, thumb_asr32=True):
        k = self.rng.randrange(5 if allow_rrx else 4)
        if k == 0:
            n = self.rng.choice([0, 1, 31, self.rng.randrange(32)])
            return "" if n == 0 else ", lsl #%d" % n
        if k == 1:
            return ", lsr #%d" % self.rng.choice([1, 32, 31, self.rng.randrange(1, 33)])
        if k == 2:
            return ", asr #%d" % self.rng.choice([1, 32, 31, self.rng.randrange(1, 33)])
        if k == 3:
            return ", ror #%d" % self.rng.choice([1, 31, 16, self.rng.randrange(1, 32)])
        return ", rrx"

    # ------------------------------------------------------------ the body

    def body(self, n):
        groups = []
        count = 0
        names = [t[0] for t in self.templates]
        weights = [t[1] for t in self.templates]
        while count < n:
            if self.thumb and self.rng.random() < 0.12:
                try:
                    g = self.it_block()
                except IndexError:
                    g = None
                self.in_it = False
                self.locked = set(self.pinned)
                self.written.clear()
            else:
                saved = (self.sp_off, self.bigend)
                fn = self.rng.choices(names, weights)[0]
                try:
                    g = fn(self.cond())
                except IndexError:      # no register left for an operand
                    g = None
                self.locked = set(self.pinned)
                self.written.clear()
                if g and self.skipped(g):
                    self.sp_off, self.bigend = saved
                    g = None
            if not g:
                continue
            groups.append(g)
            count += count_insns(g)
        tail = []
        if self.sp_off:
            # give the stack back: VPOP, POP or ADD SP
            k = self.rng.random()
            if k < 0.3 and self.sp_off % 8 == 0 and self.sp_off <= 128:
                n = self.sp_off // 8
                tail.append("vpop {%s}" % dlist(self.rng.randrange(0, 33 - n), n))
            elif k < 0.6 and self.sp_off <= 4 * len(GPRS):
                regs = sorted(self.rng.sample(GPRS, self.sp_off // 4))
                tail.append("pop {%s}" % ", ".join(reg(x) for x in regs))
            else:
                tail.append("add sp, sp, #%d" % self.sp_off)
            self.sp_off = 0
        if self.bigend:
            tail.append("setend le")
            self.bigend = False
        if tail:
            groups.append(tail)
        return groups

    def it_block(self):
        """Thumb: an IT block of 1-4 instructions, conditions following the mask."""
        n = self.rng.randrange(1, 5)
        first = self.rng.choice(CONDS)
        pattern = "".join(self.rng.choice("te") for _ in range(n - 1))
        conds = [first] + [first if p == "t" else INVERSE[first] for p in pattern]
        self.in_it = True
        self.locked = set(self.pinned)
        self.written.clear()
        setup, members = [], []
        names = [t[0] for t in self.templates if t[2]]
        weights = [t[1] for t in self.templates if t[2]]
        used = []
        for c in conds:
            g = None
            for _ in range(50):
                fn = self.rng.choices(names, weights)[0]
                try:
                    g = fn(c)
                except IndexError:      # every register is spoken for
                    g = None
                if g and not self.skipped(g):
                    break
                g = None
            if not g:
                break
            used.append(c)
            pre, main = g if isinstance(g, tuple) else ([], g)
            if count_insns(main) != 1:
                raise RuntimeError("IT member with %d instructions: %r" % (count_insns(main), main))
            setup += pre
            members += main
        self.in_it = False
        if not used:
            return None
        conds = used
        pattern = "".join("t" if x == first else "e" for x in conds[1:])
        tail = []
        if self.rng.random() < 0.15 and not self.bigend:
            # the last instruction of the block may be a branch
            c = conds[-1]
            k = self.rng.randrange(4)
            rx = self.r(exclude=tuple(self.written) + tuple(self.locked))
            tbit = "+1" if self.rng.random() < 0.7 else ""
            if k == 0:
                members[-1] = "b%s 9f" % c
            elif k == 1:
                setup += ["adr %s, 9f+1" % reg(rx)]
                members[-1] = "bx%s %s" % (c, reg(rx))
            elif k == 2:
                members[-1] = "ldr%s pc, =9f+1" % c
            else:
                setup += ["adr %s, 9f%s" % (reg(rx), tbit)]
                members[-1] = "mov%s pc, %s" % (c, reg(rx))
            self.locked = set(self.pinned)
            self.written.clear()
            skipped = self.t_dp_imm("") if self.rng.random() < 0.7 else []
            tail = skipped + ["9:"]
        self.locked = set(self.pinned)
        self.written.clear()
        return setup + ["it%s %s" % (pattern, first)] + members + tail

    def skipped(self, g):
        if not self.skip:
            return False
        lines = g[0] + g[1] if isinstance(g, tuple) else g
        return any(self.skip.search(ln) for ln in lines)

    def emit(self, pre, main):
        """Templates return setup + instruction; inside IT blocks they stay apart."""
        if self.in_it:
            return (pre, main)
        return pre + main

    # ------------------------------------------------------------ templates

    def _template_table(self):
        # (function, weight, allowed inside an IT block)
        t = [
            (self.t_dp_imm, 10, True),
            (self.t_dp_reg, 12, True),
            (self.t_dp_regshift, 6, True),
            (self.t_shift_mov, 5, True),
            (self.t_movw_movt, 2, True),
            (self.t_mul, 4, True),
            (self.t_mul_long, 4, True),
            (self.t_mul_dsp, 5, True),
            (self.t_div, 2, True),
            (self.t_misc_alu, 5, True),
            (self.t_bitfield, 3, True),
            (self.t_extend, 4, True),
            (self.t_parallel, 6, True),
            (self.t_sat, 3, True),
            (self.t_qadd, 2, True),
            (self.t_pack, 2, True),
            (self.t_sel, 2, True),
            (self.t_ldst, 10, True),
            (self.t_ldst_extra, 6, True),
            (self.t_ldst_unpriv, 1, True),
            (self.t_ldrd, 3, True),
            (self.t_ldm, 3, True),
            (self.t_literal, 1, True),
            (self.t_exclusive, 2, False),
            (self.t_clrex_barrier, 1, False),
            (self.t_mrs_msr, 2, True),
            (self.t_sp, 3, False),
            (self.t_branch, 3, False),
            (self.t_pc_read, 1, True),
            (self.t_vmov_core, 4, True),
            (self.t_vldst, 3, True),
            (self.t_vldm, 2, True),
            (self.t_vmrs, 1, True),
        ]
        if not self.thumb:
            t.append((self.t_pc_write, 1, False))
        else:
            t.append((self.t_tbb, 1, False))
        if self.nested:
            t = [x for x in t if x[0] != self.t_sp]
        else:
            t += [(self.t_interwork, 2, False), (self.t_indirect, 2, False),
                  (self.t_loop, 2, False)]
            if self.setend:
                t.append((self.t_setend, 1, False))
        if self.vfp_arith:
            t += [(self.t_vfp_arith, 10, True), (self.t_vfp_cmp, 2, True),
                  (self.t_vfp_cvt, 4, True), (self.t_vfp_misc, 2, True)]
        if self.neon:
            # Advanced SIMD data processing is unconditional in A32; in Thumb an IT block
            # would make it conditional, which ARM deprecates: kept out of IT blocks. The
            # core register transfers (VMOV scalar, VDUP) have condition fields.
            t += [(self.t_neon_3same, 10, False), (self.t_neon_3diff, 4, False),
                  (self.t_neon_scalar, 4, False), (self.t_neon_shift, 6, False),
                  (self.t_neon_misc, 6, False), (self.t_neon_imm, 2, False),
                  (self.t_neon_perm, 4, False), (self.t_neon_ldst, 6, False),
                  (self.t_neon_core, 3, True)]
        return t

    # ---- data processing

    DP3 = ["and", "eor", "sub", "rsb", "add", "adc", "sbc", "orr", "bic"]

    def dp_ops(self):
        ops = list(self.DP3)
        ops.append("orn" if self.thumb else "rsc")
        return ops

    def t_dp_imm(self, c):
        rng = self.rng
        imm = thumb_modimm(rng) if self.thumb else arm_modimm(rng)
        s = rng.choice(["", "s"])
        kind = rng.randrange(10)
        if kind < 6:
            op = rng.choice(self.dp_ops())
            if self.narrow() and op in ("add", "sub"):
                rn = self.r(LOW)
                rd = self.rd(LOW) if rng.random() < 0.5 else rn
                if rd in self.locked:
                    rd = self.rd(LOW)
                self.written.add(rd)
                imm = rng.randrange(8) if rd != rn else rng.randrange(256)
                return self.emit([], ["%s%s%s %s, %s, #%d" % (op, s, c, reg(rd), reg(rn), imm)])
            if self.thumb and op in ("add", "sub") and rng.random() < 0.3:
                imm = rng.randrange(4096)
                return self.emit([], ["%sw%s %s, %s, #%d" % (op, c, reg(self.rd()), reg(self.r()), imm)])
            return self.emit([], ["%s%s%s %s, %s, %s" % (op, s, c, reg(self.rd()), reg(self.r()), hexv(imm))])
        if kind < 8:
            op = rng.choice(["mov", "mvn"])
            if self.narrow() and op == "mov":
                imm = rng.randrange(256)
            return self.emit([], ["%s%s%s %s, %s" % (op, s, c, reg(self.rd()), hexv(imm))])
        op = rng.choice(["tst", "teq", "cmp", "cmn"])
        if self.narrow() and op == "cmp":
            return self.emit([], ["cmp%s %s, #%d" % (c, reg(self.r(LOW)), rng.randrange(256))])
        return self.emit([], ["%s%s %s, %s" % (op, c, reg(self.r()), hexv(imm))])

    def t_dp_reg(self, c):
        rng = self.rng
        s = rng.choice(["", "s"])
        sh = self.shift_imm()
        kind = rng.randrange(10)
        w = ".w" if self.thumb and rng.random() < 0.2 else ""
        if self.narrow():
            sh = ""
            pool = LOW
        else:
            pool = GPRS
        if kind < 6:
            op = rng.choice(self.dp_ops())
            rn, rm = self.r(pool), self.r(pool)
            rd = rn if self.narrow() and rn not in self.locked else self.rd(pool)
            self.written.add(rd)
            return self.emit([], ["%s%s%s%s %s, %s, %s%s" % (op, s, c, w, reg(rd), reg(rn), reg(rm), sh)])
        if kind < 8:
            op = rng.choice(["mov", "mvn"])
            if op == "mov" and sh and (rng.random() < 0.7 or self.thumb):
                # UAL spells a shifted MOV as the shift instruction
                return self.t_shift_mov(c)
            return self.emit([], ["%s%s%s%s %s, %s%s" % (op, s, c, w, reg(self.rd(pool)), reg(self.r(pool)), sh)])
        op = rng.choice(["tst", "teq", "cmp", "cmn"])
        return self.emit([], ["%s%s%s %s, %s%s" % (op, c, w, reg(self.r(pool)), reg(self.r(pool)), sh)])

    def shift_amount_setup(self, rs):
        """Make the low byte of Rs an interesting shift amount (or leave it random)."""
        k = self.rng.random()
        if k < 0.6:
            n = self.rng.choice([0, 1, 31, 32, 33, 255, self.rng.randrange(40)])
            return ["mov %s, #%d%s" % (reg(rs), n, SETUP)]
        return []

    def t_dp_regshift(self, c):
        rng = self.rng
        s = rng.choice(["", "s"])
        ty = rng.choice(["lsl", "lsr", "asr", "ror"])
        if self.thumb:
            # Thumb has the register-shifted form only as the shift instructions
            return self.t_shift_reg(c)
        rs = self.rsetup() if self.in_it else self.r()
        pre = self.shift_amount_setup(rs)
        kind = rng.randrange(10)
        if kind < 6:
            op = rng.choice(self.dp_ops())
            line = "%s%s%s %s, %s, %s, %s %s" % (op, s, c, reg(self.rd()), reg(self.r()),
                                                reg(self.r()), ty, reg(rs))
        elif kind < 8:
            op = rng.choice(["mov", "mvn"])
            line = "%s%s%s %s, %s, %s %s" % (op, s, c, reg(self.rd()), reg(self.r()), ty, reg(rs))
        else:
            op = rng.choice(["tst", "teq", "cmp", "cmn"])
            line = "%s%s %s, %s, %s %s" % (op, c, reg(self.r()), reg(self.r()), ty, reg(rs))
        return self.emit(pre, [line])

    def t_shift_reg(self, c):
        rng = self.rng
        s = rng.choice(["", "s"])
        ty = rng.choice(["lsl", "lsr", "asr", "ror"])
        rs = self.rsetup() if self.in_it else self.r()
        pre = self.shift_amount_setup(rs)
        if self.narrow():
            rd = self.rd(LOW)
            return self.emit(pre, ["%s%s%s %s, %s, %s" % (ty, s, c, reg(rd), reg(rd), reg(rs))])
        w = ".w" if self.thumb and rng.random() < 0.2 else ""
        return self.emit(pre, ["%s%s%s%s %s, %s, %s" % (ty, s, c, w, reg(self.rd()), reg(self.r()), reg(rs))])

    def t_shift_mov(self, c):
        rng = self.rng
        s = rng.choice(["", "s"])
        if rng.random() < 0.3:
            return self.t_shift_reg(c)
        k = rng.randrange(5)
        pool = LOW if self.narrow() else GPRS
        rd, rm = self.rd(pool), self.r(pool)
        if k == 4:
            return self.emit([], ["rrx%s%s %s, %s" % (s, c, reg(rd), reg(rm))])
        ty = ["lsl", "lsr", "asr", "ror"][k]
        lo, hi = {"lsl": (0, 31), "lsr": (1, 32), "asr": (1, 32), "ror": (1, 31)}[ty]
        n = rng.choice([lo, hi, rng.randrange(lo, hi + 1)])
        if ty == "lsl" and n == 0:
            return self.emit([], ["mov%s%s %s, %s" % (s, c, reg(rd), reg(rm))])
        return self.emit([], ["%s%s%s %s, %s, #%d" % (ty, s, c, reg(rd), reg(rm), n)])

    def t_movw_movt(self, c):
        op = self.rng.choice(["movw", "movt"])
        return self.emit([], ["%s%s %s, #0x%x" % (op, c, reg(self.rd()), self.rng.getrandbits(16))])

    # ---- multiplies and divides

    def t_mul(self, c):
        rng = self.rng
        k = rng.randrange(3)
        if k == 0:
            if self.thumb:
                if not self.in_it and rng.random() < 0.4:
                    rd = self.rd(LOW)
                    return ["muls %s, %s, %s" % (reg(rd), reg(self.r(LOW)), reg(rd))]
                return self.emit([], ["mul%s %s, %s, %s" % (c, reg(self.rd()), reg(self.r()), reg(self.r()))])
            s = rng.choice(["", "s"])
            return ["mul%s%s %s, %s, %s" % (s, c, reg(self.rd()), reg(self.r()), reg(self.r()))]
        op = "mla" if k == 1 else "mls"
        s = rng.choice(["", "s"]) if op == "mla" and not self.thumb else ""
        return self.emit([], ["%s%s%s %s, %s, %s, %s" % (op, s, c, reg(self.rd()), reg(self.r()),
                                                        reg(self.r()), reg(self.r()))])

    def two_dests(self):
        lo = self.rd()
        hi = self.rd(exclude=(lo,))
        return lo, hi

    def t_mul_long(self, c):
        rng = self.rng
        op = rng.choice(["umull", "umlal", "smull", "smlal", "umaal"])
        s = rng.choice(["", "s"]) if op != "umaal" and not self.thumb else ""
        lo, hi = self.two_dests()
        return self.emit([], ["%s%s%s %s, %s, %s, %s" % (op, s, c, reg(lo), reg(hi), reg(self.r()), reg(self.r()))])

    def t_mul_dsp(self, c):
        rng = self.rng
        xy = rng.choice(["bb", "bt", "tb", "tt"])
        y = rng.choice("bt")
        x = rng.choice(["", "x"])
        r = rng.choice(["", "r"])
        k = rng.randrange(12)
        R = lambda: reg(self.r())
        if k == 0:
            return self.emit([], ["smla%s%s %s, %s, %s, %s" % (xy, c, reg(self.rd()), R(), R(), R())])
        if k == 1:
            return self.emit([], ["smul%s%s %s, %s, %s" % (xy, c, reg(self.rd()), R(), R())])
        if k == 2:
            return self.emit([], ["smlaw%s%s %s, %s, %s, %s" % (y, c, reg(self.rd()), R(), R(), R())])
        if k == 3:
            return self.emit([], ["smulw%s%s %s, %s, %s" % (y, c, reg(self.rd()), R(), R())])
        if k == 4:
            lo, hi = self.two_dests()
            return self.emit([], ["smlal%s%s %s, %s, %s, %s" % (xy, c, reg(lo), reg(hi), R(), R())])
        if k == 5:
            op = rng.choice(["smuad", "smusd"])
            return self.emit([], ["%s%s%s %s, %s, %s" % (op, x, c, reg(self.rd()), R(), R())])
        if k == 6:
            op = rng.choice(["smlad", "smlsd"])
            return self.emit([], ["%s%s%s %s, %s, %s, %s" % (op, x, c, reg(self.rd()), R(), R(), R())])
        if k == 7:
            op = rng.choice(["smlald", "smlsld"])
            lo, hi = self.two_dests()
            return self.emit([], ["%s%s%s %s, %s, %s, %s" % (op, x, c, reg(lo), reg(hi), R(), R())])
        if k == 8:
            return self.emit([], ["smmul%s%s %s, %s, %s" % (r, c, reg(self.rd()), R(), R())])
        if k in (9, 10):
            op = rng.choice(["smmla", "smmls"])
            return self.emit([], ["%s%s%s %s, %s, %s, %s" % (op, r, c, reg(self.rd()), R(), R(), R())])
        op = rng.choice(["usad8", "usada8"])
        if op == "usad8":
            return self.emit([], ["usad8%s %s, %s, %s" % (c, reg(self.rd()), R(), R())])
        return self.emit([], ["usada8%s %s, %s, %s, %s" % (c, reg(self.rd()), R(), R(), R())])

    def t_div(self, c):
        rng = self.rng
        op = rng.choice(["sdiv", "udiv"])
        rn, rm = self.r(), self.r()
        pre = []
        k = rng.random()
        if k < 0.15 and not self.in_it:
            pre = ["mov %s, #0%s" % (reg(rm), SETUP)]
        elif k < 0.25 and not self.in_it and rn != rm:
            pre = self.set_const(rn, 0x80000000) + ["mvn %s, #0%s" % (reg(rm), SETUP)]
        return self.emit(pre, ["%s%s %s, %s, %s" % (op, c, reg(self.rd()), reg(rn), reg(rm))])

    # ---- miscellaneous ALU and media

    def t_misc_alu(self, c):
        rng = self.rng
        op = rng.choice(["clz", "rev", "rev16", "revsh", "rbit"])
        pool = LOW if self.narrow() and op in ("rev", "rev16", "revsh") else GPRS
        return self.emit([], ["%s%s %s, %s" % (op, c, reg(self.rd(pool)), reg(self.r(pool)))])

    def t_bitfield(self, c):
        rng = self.rng
        lsb = rng.randrange(32)
        width = rng.randrange(1, 33 - lsb)
        k = rng.randrange(4)
        if k == 0:
            return self.emit([], ["bfc%s %s, #%d, #%d" % (c, reg(self.rd()), lsb, width)])
        if k == 1:
            return self.emit([], ["bfi%s %s, %s, #%d, #%d" % (c, reg(self.rd()), reg(self.r()), lsb, width)])
        op = "sbfx" if k == 2 else "ubfx"
        return self.emit([], ["%s%s %s, %s, #%d, #%d" % (op, c, reg(self.rd()), reg(self.r()), lsb, width)])

    def t_extend(self, c):
        rng = self.rng
        base = rng.choice(["sxtb", "sxth", "uxtb", "uxth", "sxtb16", "uxtb16"])
        rot = rng.choice(["", "", ", ror #8", ", ror #16", ", ror #24"])
        if rng.random() < 0.5:
            if self.narrow() and not base.endswith("16"):
                return self.emit([], ["%s%s %s, %s" % (base, c, reg(self.rd(LOW)), reg(self.r(LOW)))])
            return self.emit([], ["%s%s %s, %s%s" % (base, c, reg(self.rd()), reg(self.r()), rot)])
        op = base[:3] + "a" + base[3:]
        return self.emit([], ["%s%s %s, %s, %s%s" % (op, c, reg(self.rd()), reg(self.r()), reg(self.r()), rot)])

    def t_parallel(self, c):
        rng = self.rng
        pre = rng.choice(["s", "q", "sh", "u", "uq", "uh"])
        op = rng.choice(["add16", "asx", "sax", "sub16", "add8", "sub8"])
        return self.emit([], ["%s%s%s %s, %s, %s" % (pre, op, c, reg(self.rd()), reg(self.r()), reg(self.r()))])

    def t_sat(self, c):
        rng = self.rng
        k = rng.randrange(4)
        rd, rn = self.rd(), self.r()
        if k == 0:
            sh = rng.choice(["", ", lsl #%d" % rng.randrange(1, 32),
                             ", asr #%d" % rng.randrange(1, 32 if self.thumb else 33)])
            return self.emit([], ["ssat%s %s, #%d, %s%s" % (c, reg(rd), rng.randrange(1, 33), reg(rn), sh)])
        if k == 1:
            sh = rng.choice(["", ", lsl #%d" % rng.randrange(1, 32),
                             ", asr #%d" % rng.randrange(1, 32 if self.thumb else 33)])
            return self.emit([], ["usat%s %s, #%d, %s%s" % (c, reg(rd), rng.randrange(0, 32), reg(rn), sh)])
        if k == 2:
            return self.emit([], ["ssat16%s %s, #%d, %s" % (c, reg(rd), rng.randrange(1, 17), reg(rn))])
        return self.emit([], ["usat16%s %s, #%d, %s" % (c, reg(rd), rng.randrange(0, 16), reg(rn))])

    def t_qadd(self, c):
        op = self.rng.choice(["qadd", "qsub", "qdadd", "qdsub"])
        return self.emit([], ["%s%s %s, %s, %s" % (op, c, reg(self.rd()), reg(self.r()), reg(self.r()))])

    def t_pack(self, c):
        rng = self.rng
        if rng.random() < 0.5:
            sh = rng.choice(["", ", lsl #%d" % rng.randrange(1, 32)])
            return self.emit([], ["pkhbt%s %s, %s, %s%s" % (c, reg(self.rd()), reg(self.r()), reg(self.r()), sh)])
        sh = ", asr #%d" % rng.randrange(1, 33)
        return self.emit([], ["pkhtb%s %s, %s, %s%s" % (c, reg(self.rd()), reg(self.r()), reg(self.r()), sh)])

    def t_sel(self, c):
        return self.emit([], ["sel%s %s, %s, %s" % (c, reg(self.rd()), reg(self.r()), reg(self.r()))])

    # ---- loads and stores

    def base_for(self, rn, addr, offset):
        """Setup for base register rn so that rn + offset == addr."""
        return self.set_const(rn, (addr - offset) & 0xffffffff)

    def pick_base(self, exclude=()):
        return self.rsetup(exclude) if self.in_it else self.r(exclude=exclude)

    def t_ldst(self, c):
        """LDR/STR/LDRB/STRB, immediate and register offsets, all index modes."""
        rng = self.rng
        size = rng.choice([4, 1])
        load = rng.random() < 0.55
        op = ("ldr" if load else "str") + ("b" if size == 1 else "")
        align = size if rng.random() < 0.6 else 1
        addr = self.scratch_addr(size, align)
        rn = self.pick_base()
        mode = rng.randrange(3)           # 0 offset, 1 pre-indexed !, 2 post-indexed
        wb = mode != 0
        # the transfer register: no Rt == Rn with writeback; loads write Rt
        excl = (rn,) if wb else ()
        rt = self.rd(exclude=excl) if load else self.r(exclude=excl)
        if load and rt == rn and not wb:
            self.locked.discard(rn)
        use_reg = rng.random() < 0.4
        if self.thumb:
            return self.thumb_ldst(c, op, size, addr, rn, rt, mode, use_reg, load)
        neg = rng.random() < 0.4
        if use_reg:
            rm = self.pick_base(exclude=(rn,)) if self.in_it else self.r(exclude=(rn,))
            if load and rm == rt and wb:
                rm = self.r(exclude=(rn, rt))
            sh = rng.choice(["", "", ", lsl #%d" % rng.randrange(1, 4), self.shift_imm()])
            idx = rng.randrange(0, 64) if rng.random() < 0.7 else rng.getrandbits(32)
            offv = shifted_value(idx, sh, rng)
            if offv is None:
                sh, offv = "", idx
            offv = (-offv if neg else offv) & 0xffffffff
            pre = self.set_const(rm, idx)
            if mode == 2:
                pre += self.base_for(rn, addr, 0)
            else:
                pre += self.base_for(rn, addr, offv)
            sign = "-" if neg else ""
            if rm == rt and load and wb:
                return None
            if mode == 0:
                line = "%s%s %s, [%s, %s%s%s]" % (op, c, reg(rt), reg(rn), sign, reg(rm), sh)
            elif mode == 1:
                line = "%s%s %s, [%s, %s%s%s]!" % (op, c, reg(rt), reg(rn), sign, reg(rm), sh)
            else:
                line = "%s%s %s, [%s], %s%s%s" % (op, c, reg(rt), reg(rn), sign, reg(rm), sh)
            if rt in (rn, rm) and not load:
                # a store of the base or index register: it holds a setup
                # value, which is fine; the value stored is defined
                pass
            return self.emit(pre, [line])
        off = rng.choice([0, rng.randrange(0, 16), rng.randrange(0, 256), rng.randrange(0, 4096)])
        if neg:
            off = -off
        pre = self.base_for(rn, addr, 0 if mode == 2 else off)
        if mode == 0:
            line = "%s%s %s, [%s, #%d]" % (op, c, reg(rt), reg(rn), off)
        elif mode == 1:
            line = "%s%s %s, [%s, #%d]!" % (op, c, reg(rt), reg(rn), off)
        else:
            line = "%s%s %s, [%s], #%d" % (op, c, reg(rt), reg(rn), off)
        return self.emit(pre, [line])

    def thumb_ldst(self, c, op, size, addr, rn, rt, mode, use_reg, load):
        rng = self.rng
        if use_reg and mode == 0:
            rm = self.pick_base(exclude=(rn,))
            sh = rng.randrange(4)
            idx = rng.randrange(0, 64)
            pre = self.set_const(rm, idx) + self.base_for(rn, addr, idx << sh)
            shs = ", lsl #%d" % sh if sh else ""
            return self.emit(pre, ["%s%s %s, [%s, %s%s]" % (op, c, reg(rt), reg(rn), reg(rm), shs)])
        if mode == 0:
            k = rng.randrange(3)
            if k == 0:
                off = rng.randrange(0, 32) * size          # 16-bit candidates
            elif k == 1:
                off = rng.randrange(0, 4096)
            else:
                off = -rng.randrange(0, 256)
            pre = self.base_for(rn, addr, off)
            return self.emit(pre, ["%s%s %s, [%s, #%d]" % (op, c, reg(rt), reg(rn), off)])
        off = rng.randrange(-255, 256)
        if mode == 1:
            pre = self.base_for(rn, addr, off)
            return self.emit(pre, ["%s%s %s, [%s, #%d]!" % (op, c, reg(rt), reg(rn), off)])
        pre = self.base_for(rn, addr, 0)
        return self.emit(pre, ["%s%s %s, [%s], #%d" % (op, c, reg(rt), reg(rn), off)])

    def t_ldst_extra(self, c):
        """LDRH/STRH/LDRSB/LDRSH."""
        rng = self.rng
        op = rng.choice(["ldrh", "strh", "ldrsb", "ldrsh"])
        size = 1 if op == "ldrsb" else 2
        load = op != "strh"
        align = size if rng.random() < 0.6 else 1
        addr = self.scratch_addr(size, align)
        rn = self.pick_base()
        mode = rng.randrange(3)
        wb = mode != 0
        excl = (rn,) if wb else ()
        rt = self.rd(exclude=excl) if load else self.r(exclude=excl)
        use_reg = rng.random() < 0.4
        if self.thumb:
            return self.thumb_ldst(c, op, size, addr, rn, rt, mode, use_reg, load)
        neg = rng.random() < 0.4
        sign = "-" if neg else ""
        if use_reg:
            rm = self.pick_base(exclude=(rn,)) if self.in_it else self.r(exclude=(rn,))
            if wb and load and rm == rt:
                return None
            idx = rng.randrange(0, 256)
            offv = (-idx if neg else idx) & 0xffffffff
            pre = self.set_const(rm, idx) + self.base_for(rn, addr, 0 if mode == 2 else offv)
            if mode == 0:
                line = "%s%s %s, [%s, %s%s]" % (op, c, reg(rt), reg(rn), sign, reg(rm))
            elif mode == 1:
                line = "%s%s %s, [%s, %s%s]!" % (op, c, reg(rt), reg(rn), sign, reg(rm))
            else:
                line = "%s%s %s, [%s], %s%s" % (op, c, reg(rt), reg(rn), sign, reg(rm))
            return self.emit(pre, [line])
        off = rng.randrange(0, 256)
        if neg:
            off = -off
        pre = self.base_for(rn, addr, 0 if mode == 2 else off)
        if mode == 0:
            line = "%s%s %s, [%s, #%d]" % (op, c, reg(rt), reg(rn), off)
        elif mode == 1:
            line = "%s%s %s, [%s, #%d]!" % (op, c, reg(rt), reg(rn), off)
        else:
            line = "%s%s %s, [%s], #%d" % (op, c, reg(rt), reg(rn), off)
        return self.emit(pre, [line])

    def t_ldst_unpriv(self, c):
        """LDRT/STRT and friends: in user mode they behave like the plain forms."""
        rng = self.rng
        if self.thumb:
            op = rng.choice(["ldrt", "strt", "ldrbt", "strbt", "ldrht", "strht", "ldrsbt", "ldrsht"])
        else:
            op = rng.choice(["ldrt", "strt", "ldrbt", "strbt", "ldrht", "strht", "ldrsbt", "ldrsht"])
        size = 4 if op in ("ldrt", "strt") else 1 if "b" in op[3:] else 2
        load = op.startswith("ldr")
        addr = self.scratch_addr(size, 1)
        rn = self.pick_base()
        rt = self.rd(exclude=(rn,)) if load else self.r(exclude=(rn,))
        if self.thumb:
            off = rng.randrange(0, 256)
            pre = self.base_for(rn, addr, off)
            return self.emit(pre, ["%s%s %s, [%s, #%d]" % (op, c, reg(rt), reg(rn), off)])
        # A32: post-indexed only
        off = rng.randrange(0, 4096 if size == 4 or op in ("ldrbt", "strbt") else 256)
        if rng.random() < 0.4:
            off = -off
        pre = self.base_for(rn, addr, 0)
        return self.emit(pre, ["%s%s %s, [%s], #%d" % (op, c, reg(rt), reg(rn), off)])

    def t_ldrd(self, c):
        rng = self.rng
        load = rng.random() < 0.5
        op = "ldrd" if load else "strd"
        addr = self.scratch_addr(8, 4)
        mode = rng.randrange(3)
        wb = mode != 0
        if self.thumb:
            rn = self.pick_base()
            excl = (rn,) if wb else ()
            if load:
                rt = self.rd(exclude=excl)
                rt2 = self.rd(exclude=excl + (rt,))
            else:
                rt, rt2 = self.r(exclude=excl), self.r(exclude=excl)
            off = rng.randrange(-255, 256) * 4
            pre = self.base_for(rn, addr, 0 if mode == 2 else off)
            if mode == 0:
                line = "%s%s %s, %s, [%s, #%d]" % (op, c, reg(rt), reg(rt2), reg(rn), off)
            elif mode == 1:
                line = "%s%s %s, %s, [%s, #%d]!" % (op, c, reg(rt), reg(rt2), reg(rn), off)
            else:
                line = "%s%s %s, %s, [%s], #%d" % (op, c, reg(rt), reg(rt2), reg(rn), off)
            return self.emit(pre, [line])
        # A32: Rt even and not LR, Rt2 = Rt + 1
        evens = [0, 2, 4, 6, 8, 10]
        if load:
            cands = [x for x in evens if x not in self.locked and x + 1 not in self.locked]
            if not cands:
                return None
            rt = rng.choice(cands)
            self.written.update((rt, rt + 1))
        else:
            rt = rng.choice(evens)
        rn = self.pick_base(exclude=(rt, rt + 1) if (wb or load) else ())
        if rn in (rt, rt + 1) and (wb or load):
            return None
        neg = rng.random() < 0.4
        sign = "-" if neg else ""
        if rng.random() < 0.4:
            rm = self.pick_base(exclude=(rn, rt, rt + 1)) if self.in_it else self.r(exclude=(rn, rt, rt + 1))
            idx = rng.randrange(0, 64) * 4
            offv = (-idx if neg else idx) & 0xffffffff
            pre = self.set_const(rm, idx) + self.base_for(rn, addr, 0 if mode == 2 else offv)
            if mode == 0:
                line = "%s%s %s, %s, [%s, %s%s]" % (op, c, reg(rt), reg(rt + 1), reg(rn), sign, reg(rm))
            elif mode == 1:
                line = "%s%s %s, %s, [%s, %s%s]!" % (op, c, reg(rt), reg(rt + 1), reg(rn), sign, reg(rm))
            else:
                line = "%s%s %s, %s, [%s], %s%s" % (op, c, reg(rt), reg(rt + 1), reg(rn), sign, reg(rm))
            return self.emit(pre, [line])
        off = rng.randrange(0, 64) * 4
        if neg:
            off = -off
        pre = self.base_for(rn, addr, 0 if mode == 2 else off)
        if mode == 0:
            line = "%s%s %s, %s, [%s, #%d]" % (op, c, reg(rt), reg(rt + 1), reg(rn), off)
        elif mode == 1:
            line = "%s%s %s, %s, [%s, #%d]!" % (op, c, reg(rt), reg(rt + 1), reg(rn), off)
        else:
            line = "%s%s %s, %s, [%s], #%d" % (op, c, reg(rt), reg(rt + 1), reg(rn), off)
        return self.emit(pre, [line])

    def t_ldm(self, c):
        rng = self.rng
        load = rng.random() < 0.5
        if self.thumb:
            mode = rng.choice(["ia", "ia", "db"])
        else:
            mode = rng.choice(["ia", "ib", "da", "db"])
        wb = rng.random() < 0.5
        rn = self.pick_base()
        avail = [x for x in GPRS if not (load and x in self.locked and x != rn)]
        nregs = rng.randrange(1, 7) if rng.random() < 0.8 else rng.randrange(1, len(avail) + 1)
        if self.thumb:
            nregs = max(nregs, 2)
        if self.narrow():
            avail = [x for x in avail if x < 8]
        regs = sorted(rng.sample(avail, min(nregs, len(avail))))
        if self.thumb and len(regs) < 2:
            return None
        if wb and rn in regs:
            if load or self.thumb or regs[0] != rn:
                regs.remove(rn)
                if len(regs) < (2 if self.thumb else 1):
                    return None
        if load:
            self.written.update(regs)
            if rn in regs:
                self.locked.discard(rn)
        span = 4 * len(regs)
        a = self.scratch_addr(span, 4)   # lowest address transferred
        start = {"ia": a, "ib": a - 4, "da": a + span - 4, "db": a + span}[mode]
        pre = self.set_const(rn, start)
        lst = ", ".join(reg(x) for x in regs)
        op = ("ldm" if load else "stm") + mode
        return self.emit(pre, ["%s%s %s%s, {%s}" % (op, c, reg(rn), "!" if wb else "", lst)])

    def t_literal(self, c):
        v = rand_word(self.rng)
        return self.emit([], ["ldr%s %s, =0x%x" % (c, reg(self.rd()), v)])

    def t_exclusive(self, c):
        rng = self.rng
        size = rng.choice([4, 4, 1, 2, 8])
        sfx = {4: "", 1: "b", 2: "h", 8: "d"}[size]
        addr = self.scratch_addr(size, size)
        rn = self.r()
        pre = self.set_const(rn, addr)
        if size == 8:
            if self.thumb:
                rt = self.r(exclude=(rn,))
                rt2 = self.r(exclude=(rn, rt))
            else:
                cands = [x for x in (0, 2, 4, 6, 8, 10) if x not in (rn, rn - 1)
                         and x not in self.locked and x + 1 not in self.locked]
                if not cands:
                    return None
                rt = rng.choice(cands)
                rt2 = rt + 1
            ld = "ldrexd %s, %s, [%s]" % (reg(rt), reg(rt2), reg(rn))
            if self.thumb:
                s1 = self.r(exclude=(rn,))
                s2 = self.r(exclude=(rn, s1))
            else:
                s1 = rng.choice([x for x in (0, 2, 4, 6, 8, 10)])
                s2 = s1 + 1
            rs = self.r(exclude=(rn, s1, s2))
            st = "strexd %s, %s, %s, [%s]" % (reg(rs), reg(s1), reg(s2), reg(rn))
        else:
            off = rng.randrange(0, 64) * 4 if self.thumb and size == 4 and rng.random() < 0.3 else 0
            if off:
                pre = self.set_const(rn, addr - off)
            ofs = ", #%d" % off if off else ""
            rt = self.r(exclude=(rn,))
            ld = "ldrex%s %s, [%s%s]" % (sfx, reg(rt), reg(rn), ofs)
            st_src = self.r(exclude=(rn,))
            rs = self.r(exclude=(rn, st_src))
            st = "strex%s %s, %s, [%s%s]" % (sfx, reg(rs), reg(st_src), reg(rn), ofs)
        k = rng.random()
        if k < 0.1:
            return pre + ["clrex", st]        # no reservation: the store must fail
        mid = []
        for _ in range(rng.randrange(3)):
            # a little arithmetic that leaves the base and the operands alone
            d = self.r(exclude=(rn,))
            mid.append("eor %s, %s, #0x%x" % (reg(d), reg(d), rng.getrandbits(8)))
        if k < 0.2:
            return pre + [ld] + mid           # reservation left open
        return pre + [ld] + mid + [st]

    def t_clrex_barrier(self, c):
        rng = self.rng
        if rng.random() < 0.3:
            # preload hints: no architectural effect, any address
            op = rng.choice(["pld", "pli", "pldw"])
            return ["%s [%s, #%d]" % (op, reg(self.r()), rng.randrange(-255, 256))]
        return [rng.choice(["clrex", "dmb ish", "dsb sy", "isb sy", "dmb", "nop", "yield", "sev"])]

    def t_mrs_msr(self, c):
        rng = self.rng
        k = rng.randrange(4)
        if k == 0:
            # the reserved APSR bits read UNKNOWN in user mode: keep NZCVQ and GE
            if self.in_it:
                return None
            rd = self.rd()
            return ["mrs%s %s, apsr" % (c, reg(rd)),
                    "bfc %s, #0, #16" % reg(rd), "bfc %s, #20, #7" % reg(rd)]
        fields = rng.choice(["nzcvq", "g", "nzcvqg"])
        if k == 1 and not self.thumb:
            imm = rng.getrandbits(5) << 27 if fields == "nzcvq" else \
                rng.getrandbits(4) << 16 if fields == "g" else \
                (rng.getrandbits(4) << 28)
            return self.emit([], ["msr%s APSR_%s, #0x%x" % (c, fields, imm)])
        return self.emit([], ["msr%s APSR_%s, %s" % (c, fields, reg(self.r()))])

    def t_sp(self, c):
        """Stack pointer forms; the body keeps SP 4-aligned and inside the scratch."""
        rng = self.rng
        k = rng.randrange(6)
        room = SP_MAX_PUSH - self.sp_off
        if rng.random() < 0.2:                             # VPUSH/VPOP
            if self.sp_off >= 8 and rng.random() < 0.5:
                n = rng.randrange(1, min(self.sp_off // 8, 16) + 1)
                first = rng.randrange(0, 33 - n)
                self.sp_off -= 8 * n
                return ["vpop {%s}" % dlist(first, n)]
            if room >= 8:
                n = rng.randrange(1, min(room // 8, 16) + 1)
                first = rng.randrange(0, 33 - n)
                self.sp_off += 8 * n
                return ["vpush {%s}" % dlist(first, n)]
            return None
        if k == 0 and room >= 8:                           # PUSH
            n = rng.randrange(1, min(room // 4, 8) + 1)
            regs = sorted(rng.sample(GPRS, n))
            self.sp_off += 4 * n
            return ["push {%s}" % ", ".join(reg(x) for x in regs)]
        if k == 1 and self.sp_off >= 4:                    # POP
            n = rng.randrange(1, min(self.sp_off // 4, 8) + 1)
            regs = sorted(rng.sample(GPRS, n))
            self.sp_off -= 4 * n
            return ["pop {%s}" % ", ".join(reg(x) for x in regs)]
        if k == 2:                                         # SP-relative load/store
            sp = SP_INIT - self.sp_off
            top = SCRATCH_ADDR + SCRATCH_SIZE - 4 - sp
            off = rng.randrange(0, top // 4 + 1) * 4
            op = rng.choice(["ldr", "str"])
            rt = self.rd() if op == "ldr" else self.r()
            return ["%s %s, [sp, #%d]" % (op, reg(rt), off)]
        if k == 3:                                         # ADD Rd, SP, #imm / ADD Rd, SP, Rm
            if rng.random() < 0.5:
                return ["add %s, sp, #%d" % (reg(self.rd()), rng.randrange(0, 256) * 4)]
            return ["add %s, sp, %s" % (reg(self.rd()), reg(self.r()))]
        if k == 4:                                         # MOV Rd, SP
            return ["mov %s, sp" % reg(self.rd())]
        if room >= 4 and rng.random() < 0.5:               # SUB SP, SP, #imm
            n = rng.randrange(1, min(room // 4, 64) + 1) * 4
            self.sp_off += n
            return ["sub sp, sp, #%d" % n]
        if self.sp_off:
            n = rng.randrange(1, self.sp_off // 4 + 1) * 4
            self.sp_off -= n
            return ["add sp, sp, #%d" % n]
        return None

    def t_branch(self, c):
        rng = self.rng
        skipped = []
        for _ in range(rng.randrange(0, 3)):
            fn = rng.choice([self.t_dp_imm, self.t_dp_reg, self.t_mul, self.t_misc_alu])
            g = fn("")
            if g:
                skipped += g
        cond = rng.choice(CONDS + ["al"])
        k = rng.random()
        if self.thumb and k < 0.25 and skipped:
            rn = self.r(LOW)
            op = rng.choice(["cbz", "cbnz"])
            return ["%s %s, 9f" % (op, reg(rn))] + skipped + ["9:"]
        if k < 0.4:
            # BL to the next instruction: LR gets the return address
            return ["bl 9f", "9:"]
        w = ".w" if self.thumb and rng.random() < 0.3 else ""
        b = "b" if cond == "al" else "b" + cond
        return ["%s%s 9f" % (b, w)] + skipped + ["9:"]

    def t_pc_read(self, c):
        rng = self.rng
        if self.thumb:
            k = rng.randrange(4)
            if k == 0:
                return self.emit([], ["mov%s %s, pc" % (c, reg(self.rd()))])
            if k == 1:
                return self.emit([], ["add%s %s, pc" % (c, reg(self.rd()))])
            if k == 2 and not self.in_it:
                return ["5:", "adr %s, 5b" % reg(self.rd())]      # ADR, subtracting form
            return self.emit([], ["adr%s %s, 9f" % (c, reg(self.rd())), "b 9f", "nop", ".balign 4", "9:"]
                             if not self.in_it else ["mov%s %s, pc" % (c, reg(self.rd()))])
        k = rng.randrange(3)
        if k == 0:
            return self.emit([], ["mov%s %s, pc" % (c, reg(self.rd()))])
        if k == 1:
            return self.emit([], ["add%s %s, pc, #%d" % (c, reg(self.rd()), rng.randrange(256))])
        return self.emit([], ["add%s %s, pc, %s%s" % (c, reg(self.rd()), reg(self.r()), self.shift_imm(False))])

    def t_pc_write(self, c):
        """A32: a data-processing write to the PC that skips the next instructions."""
        c = self.cond()
        fill = ["mov r%d, #%d" % (self.r(list(range(13))), self.rng.randrange(256)) for _ in range(2)]
        return ["add%s pc, pc, #0" % c] + fill

    def t_interwork(self, c):
        """A few instructions of the other instruction set, entered and left
        through the interworking branches (BX, BLX, LDR PC, POP {PC}, and in
        ARM state a data-processing write to the PC)."""
        if self.bigend:
            return None         # the loaded branch targets would be byte-swapped
        rng = self.rng
        other = "arm" if self.thumb else "thumb"
        inner = Gen(rng, other, vfp_arith=self.vfp_arith, setend=False, skip=self.skip,
                    neon_scalar=self.neon_scalar, nested=True, neon=self.neon)
        inner.pinned = set(self.locked)     # a loop counter, say
        inner.locked = set(self.locked)
        body = [ln for g in inner.body(rng.randrange(1, 7)) for ln in g]
        rx = self.r()
        out = []
        # going in: the target is label 8, in the other instruction set
        tbit = "+1" if other == "thumb" else ""
        k = rng.randrange(6 if not self.thumb else 5)
        if k == 0:
            out += ["adr %s, 8f%s" % (reg(rx), tbit), "bx %s" % reg(rx)]
        elif k == 1:
            out += ["adr %s, 8f%s" % (reg(rx), tbit), "blx %s" % reg(rx)]
        elif k == 2:
            out += ["blx 8f"]
        elif k == 3:
            out += ["ldr pc, =8f%s" % tbit]
        elif k == 4:
            out += ["adr %s, 8f%s" % (reg(rx), tbit), "push {%s}" % reg(rx), "pop {pc}"]
        else:
            out += ["adr %s, 8f%s" % (reg(rx), tbit), "mov pc, %s" % reg(rx)]
        out += [".balign 4", "." + other, "8:"] + body
        # coming back: label 7, in this instruction set
        back = "+1" if self.thumb else ""
        ry = inner.r()
        k = rng.randrange(6 if other == "arm" else 5)
        if k == 0:
            out += ["adr %s, 7f%s" % (reg(ry), back), "bx %s" % reg(ry)]
        elif k == 1:
            out += ["adr %s, 7f%s" % (reg(ry), back), "blx %s" % reg(ry)]
        elif k == 2:
            out += ["blx 7f"]
        elif k == 3:
            out += ["ldr pc, =7f%s" % back]
        elif k == 4:
            out += ["adr %s, 7f%s" % (reg(ry), back), "push {%s}" % reg(ry), "pop {pc}"]
        else:
            out += ["adr %s, 7f%s" % (reg(ry), back), "mov pc, %s" % reg(ry)]
        out += [".balign 4", "." + self.isa, "7:"]
        return out

    def t_indirect(self, c):
        """Indirect branches within the instruction set (to label 9)."""
        if self.bigend:
            return None
        rng = self.rng
        tbit = "+1" if self.thumb else ""
        rx = self.r()
        skipped = self.t_dp_imm("") if rng.random() < 0.5 else []
        k = rng.randrange(7)
        if k == 5:
            # a function epilogue: the return address comes off the stack with another register
            ra = self.r(exclude=(14,))
            rb = self.rd(exclude=(14,))
            return ["adr lr, 9f%s" % tbit, "push {%s, lr}" % reg(ra), "pop {%s, pc}" % reg(rb)] + skipped + ["9:"]
        if k == 6:
            if not self.thumb:
                return ["add pc, pc, #%d" % (rng.randrange(3) * 4)] + \
                       ["mov %s, #%d" % (reg(self.rd()), rng.randrange(256)) for _ in range(3)]
            # Thumb MOV PC is a plain branch: bit 0 of the target is ignored
            return ["adr %s, 9f%s" % (reg(rx), rng.choice(["", "+1"])), "mov pc, %s" % reg(rx)] + skipped + ["9:"]
        if k == 4 and self.thumb:
            k = 0
        if k == 0:
            out = ["adr %s, 9f%s" % (reg(rx), tbit), "bx %s" % reg(rx)]
        elif k == 1:
            out = ["adr %s, 9f%s" % (reg(rx), tbit), "blx %s" % reg(rx)]
        elif k == 2:
            out = ["ldr pc, =9f%s" % tbit]
        elif k == 3:
            out = ["adr %s, 9f%s" % (reg(rx), tbit), "push {%s}" % reg(rx), "pop {pc}"]
        else:
            out = ["adr %s, 9f" % reg(rx), "mov pc, %s" % reg(rx)]
        return out + skipped + ["9:"]

    def t_loop(self, c):
        """A short counted loop around a few random instructions (label 3)."""
        rng = self.rng
        rc = self.r(exclude=(14,))          # BL and BLX write LR
        self.pinned.add(rc)
        self.locked.add(rc)
        inner = [t for t in self.templates
                 if t[0] not in (self.t_sp, self.t_setend, self.t_loop)]
        names = [t[0] for t in inner]
        weights = [t[1] for t in inner]
        body = []
        for _ in range(rng.randrange(1, 5)):
            g = None
            while not g or self.skipped(g):
                g = rng.choices(names, weights)[0](self.cond())
            self.written.clear()
            body += g
        self.pinned.discard(rc)
        self.locked.discard(rc)
        n = rng.randrange(1, 6)
        k = rng.randrange(3)
        if k == 0:
            step = ["subs %s, %s, #1" % (reg(rc), reg(rc)), "bne 3b"]
        elif k == 1:
            step = ["sub %s, %s, #1" % (reg(rc), reg(rc)), "cmp %s, #0" % reg(rc), "bgt 3b"]
        else:
            # counting up, the exit test on the other condition
            return ["mov %s, #0" % reg(rc), "3:"] + body + \
                   ["add %s, %s, #1" % (reg(rc), reg(rc)), "cmp %s, #%d" % (reg(rc), n), "blt 3b"]
        return ["mov %s, #%d" % (reg(rc), n), "3:"] + body + step

    def t_tbb(self, c):
        """Thumb TBB/TBH jump tables indexed by a small register value."""
        if self.bigend:
            return None         # the table is data: read big-endian it would point elsewhere
        rng = self.rng
        n = rng.randrange(2, 5)
        rx = self.r()
        idx = rng.randrange(n)
        half = rng.random() < 0.5
        out = self.set_const(rx, idx)
        lab = lambda i: 21 + i
        if half:
            out += ["tbh [pc, %s, lsl #1]" % reg(rx), "6:"]
            out += [".hword (%df-6b)/2" % lab(i) for i in range(n)]
        else:
            out += ["tbb [pc, %s]" % reg(rx), "6:"]
            out += [".byte (%df-6b)/2" % lab(i) for i in range(n)]
            out += [".balign 2"]
        for i in range(n):
            d = self.rd()
            out += ["%d:" % lab(i), "add %s, %s, #%d" % (reg(d), reg(d), i + 1), "b 9f"]
        return out + ["9:"]

    def t_setend(self, c):
        if self.bigend:
            self.bigend = False
            return ["setend le"]
        self.bigend = True
        return ["setend be"]

    # ---- VFP moves and loads/stores

    def t_vmov_core(self, c):
        rng = self.rng
        k = rng.randrange(8)
        R = lambda: reg(self.r())
        if k == 0:
            return self.emit([], ["vmov%s s%d, %s" % (c, rng.randrange(32), R())])
        if k == 1:
            return self.emit([], ["vmov%s %s, s%d" % (c, reg(self.rd()), rng.randrange(32))])
        if k == 2:
            return self.emit([], ["vmov%s d%d, %s, %s" % (c, rng.randrange(32), R(), R())])
        if k == 3:
            a, b = self.two_dests()
            return self.emit([], ["vmov%s %s, %s, d%d" % (c, reg(a), reg(b), rng.randrange(32))])
        if k == 4:
            s = rng.randrange(31)
            if rng.random() < 0.5:
                return self.emit([], ["vmov%s s%d, s%d, %s, %s" % (c, s, s + 1, R(), R())])
            a, b = self.two_dests()
            return self.emit([], ["vmov%s %s, %s, s%d, s%d" % (c, reg(a), reg(b), s, s + 1)])
        if k == 5:
            if rng.random() < 0.5:
                return self.emit([], ["vmov%s.32 d%d[%d], %s" % (c, rng.randrange(32), rng.randrange(2), R())])
            return self.emit([], ["vmov%s.32 %s, d%d[%d]" % (c, reg(self.rd()), rng.randrange(32), rng.randrange(2))])
        if k == 6 and self.neon_scalar:
            sz = rng.choice([8, 16])
            lanes = 64 // sz
            if rng.random() < 0.5:
                return self.emit([], ["vmov%s.%d d%d[%d], %s" % (c, sz, rng.randrange(32), rng.randrange(lanes), R())])
            # GNU as refuses a condition on the A32 VMOV.S8/.U8/.S16/.U16 to a core register
            cc = c if self.thumb else ""
            return self.emit([], ["vmov%s.%s%d %s, d%d[%d]" % (cc, rng.choice("su"), sz, reg(self.rd()),
                                                               rng.randrange(32), rng.randrange(lanes))])
        # register to register copies
        if rng.random() < 0.5:
            return self.emit([], ["vmov%s.f32 s%d, s%d" % (c, rng.randrange(32), rng.randrange(32))])
        return self.emit([], ["vmov%s.f64 d%d, d%d" % (c, rng.randrange(32), rng.randrange(32))])

    def t_vldst(self, c):
        rng = self.rng
        dbl = rng.random() < 0.5
        size = 8 if dbl else 4
        op = rng.choice(["vldr", "vstr"])
        addr = self.scratch_addr(size, 4)
        rn = self.pick_base()
        off = rng.randrange(-255, 256) * 4
        pre = self.base_for(rn, addr, off)
        r = "d%d" % rng.randrange(32) if dbl else "s%d" % rng.randrange(32)
        return self.emit(pre, ["%s%s %s, [%s, #%d]" % (op, c, r, reg(rn), off)])

    def t_vldm(self, c):
        rng = self.rng
        dbl = rng.random() < 0.5
        load = rng.random() < 0.5
        if dbl:
            n = rng.randrange(1, 17)
            first = rng.randrange(0, 33 - n)
            lst = "d%d-d%d" % (first, first + n - 1) if n > 1 else "d%d" % first
            span = 8 * n
        else:
            n = rng.randrange(1, 33)
            first = rng.randrange(0, 33 - n)
            lst = "s%d-s%d" % (first, first + n - 1) if n > 1 else "s%d" % first
            span = 4 * n
        mode = rng.choice(["ia", "ia", "db"])
        wb = mode == "db" or rng.random() < 0.5
        rn = self.pick_base()
        a = self.scratch_addr(span, 4)
        start = a if mode == "ia" else a + span
        pre = self.set_const(rn, start)
        op = ("vldm" if load else "vstm") + mode
        return self.emit(pre, ["%s%s %s%s, {%s}" % (op, c, reg(rn), "!" if wb else "", lst)])

    def t_vmrs(self, c):
        rng = self.rng
        k = rng.randrange(3)
        if k == 0:
            return self.emit([], ["vmrs%s %s, fpscr" % (c, reg(self.rd()))])
        if k == 1:
            return self.emit([], ["vmrs%s APSR_nzcv, fpscr" % c])
        rt = self.rsetup() if self.in_it else self.r()
        v = rng.getrandbits(32) & 0xffc0009f
        return self.emit(self.set_const(rt, v), ["vmsr%s fpscr, %s" % (c, reg(rt))])

    # ---- VFP data processing (only with --vfp-arith)

    def fregs(self, dbl):
        if dbl:
            return ["d%d" % self.rng.randrange(32) for _ in range(3)]
        return ["s%d" % self.rng.randrange(32) for _ in range(3)]

    def t_vfp_arith(self, c):
        rng = self.rng
        dbl = rng.random() < 0.5
        t = ".f64" if dbl else ".f32"
        d, n, m = self.fregs(dbl)
        op = rng.choice(["vadd", "vsub", "vmul", "vdiv", "vnmul", "vmla", "vmls", "vnmla",
                         "vnmls", "vfma", "vfms", "vfnma", "vfnms"])
        return self.emit([], ["%s%s%s %s, %s, %s" % (op, c, t, d, n, m)])

    def t_vfp_misc(self, c):
        rng = self.rng
        dbl = rng.random() < 0.5
        t = ".f64" if dbl else ".f32"
        d, n, m = self.fregs(dbl)
        k = rng.randrange(4)
        if k == 0:
            op = rng.choice(["vabs", "vneg", "vsqrt"])
            return self.emit([], ["%s%s%s %s, %s" % (op, c, t, d, m)])
        if k == 1:
            imm = rng.choice(["1.0", "-2.0", "0.5", "31.0", "0.125", "-1.5", "17.0", "0.1875"])
            return self.emit([], ["vmov%s%s %s, #%s" % (c, t, d, imm)])
        return self.t_vfp_arith(c)

    def t_vfp_cmp(self, c):
        rng = self.rng
        dbl = rng.random() < 0.5
        t = ".f64" if dbl else ".f32"
        d, n, m = self.fregs(dbl)
        op = rng.choice(["vcmp", "vcmpe"])
        src = "#0" if rng.random() < 0.2 else m
        if self.in_it:
            return ([], ["%s%s%s %s, %s" % (op, c, t, d, src)])
        return ["%s%s%s %s, %s" % (op, c, t, d, src), "vmrs%s APSR_nzcv, fpscr" % c]

    def t_vfp_cvt(self, c):
        rng = self.rng
        k = rng.randrange(6)
        s = lambda: "s%d" % rng.randrange(32)
        d = lambda: "d%d" % rng.randrange(32)
        if k == 0:
            return self.emit([], ["vcvt%s.f64.f32 %s, %s" % (c, d(), s())] if rng.random() < 0.5 else
                             ["vcvt%s.f32.f64 %s, %s" % (c, s(), d())])
        if k == 1:
            op = rng.choice(["vcvt", "vcvtr"])
            ty = rng.choice(["s32", "u32"])
            if rng.random() < 0.5:
                return self.emit([], ["%s%s.%s.f32 %s, %s" % (op, c, ty, s(), s())])
            return self.emit([], ["%s%s.%s.f64 %s, %s" % (op, c, ty, s(), d())])
        if k == 2:
            ty = rng.choice(["s32", "u32"])
            if rng.random() < 0.5:
                return self.emit([], ["vcvt%s.f32.%s %s, %s" % (c, ty, s(), s())])
            return self.emit([], ["vcvt%s.f64.%s %s, %s" % (c, ty, d(), s())])
        if k == 3:
            ty = rng.choice(["s16", "u16", "s32", "u32"])
            bits = int(ty[1:])
            fb = rng.randrange(1 if bits == 32 else 0, bits + 1) if bits == 16 else rng.randrange(1, 33)
            fl = rng.choice(["f32", "f64"])
            r = "s%d" % rng.randrange(32) if fl == "f32" else "d%d" % rng.randrange(32)
            if rng.random() < 0.5:
                return self.emit([], ["vcvt%s.%s.%s %s, %s, #%d" % (c, ty, fl, r, r, fb)])
            return self.emit([], ["vcvt%s.%s.%s %s, %s, #%d" % (c, fl, ty, r, r, fb)])
        op = rng.choice(["vcvtb", "vcvtt"])
        if rng.random() < 0.5:
            return self.emit([], ["%s%s.f32.f16 %s, %s" % (op, c, s(), s())])
        return self.emit([], ["%s%s.f16.f32 %s, %s" % (op, c, s(), s())])

    # ---- Advanced SIMD (only with --neon)
    #
    # The encodings follow the ARM ARM (DDI 0406C) A7.4 (data processing) and A7.7 (element
    # and structure loads/stores). Avoided: odd D numbers for Q operands (Q registers are
    # named q0-q15), element sizes an instruction does not have (UNDEFINED), VZIP/VUZP.32
    # on D registers (UNDEFINED), VSWP/VTRN/VUZP/VZIP with d == m and register lists past
    # D31 (UNPREDICTABLE), scalars out of range for the size (D0-D7 for 16-bit, D0-D15 for
    # 32-bit elements), and for loads/stores Rm = SP or PC (other encodings) and Rm == Rn.

    def dreg(self, limit=32):
        return "d%d" % self.rng.randrange(limit)

    def qreg(self):
        return "q%d" % self.rng.randrange(16)

    def vregs(self, q, n=3):
        return [self.qreg() if q else self.dreg() for _ in range(n)]

    NEON_INT_SAME = [
        # (mnemonic, types, D only)
        ("vhadd", "s8 s16 s32 u8 u16 u32", False), ("vhsub", "s8 s16 s32 u8 u16 u32", False),
        ("vrhadd", "s8 s16 s32 u8 u16 u32", False), ("vqadd", "s8 s16 s32 s64 u8 u16 u32 u64", False),
        ("vqsub", "s8 s16 s32 s64 u8 u16 u32 u64", False), ("vadd", "i8 i16 i32 i64", False),
        ("vsub", "i8 i16 i32 i64", False), ("vand", "", False), ("vbic", "", False),
        ("vorr", "", False), ("vorn", "", False), ("veor", "", False), ("vbsl", "", False),
        ("vbit", "", False), ("vbif", "", False), ("vcgt", "s8 s16 s32 u8 u16 u32", False),
        ("vcge", "s8 s16 s32 u8 u16 u32", False), ("vclt", "s8 s16 s32 u8 u16 u32", False),
        ("vcle", "s8 s16 s32 u8 u16 u32", False), ("vceq", "i8 i16 i32", False),
        ("vtst", "8 16 32", False), ("vshl", "s8 s16 s32 s64 u8 u16 u32 u64", False),
        ("vqshl", "s8 s16 s32 s64 u8 u16 u32 u64", False),
        ("vrshl", "s8 s16 s32 s64 u8 u16 u32 u64", False),
        ("vqrshl", "s8 s16 s32 s64 u8 u16 u32 u64", False),
        ("vmax", "s8 s16 s32 u8 u16 u32", False), ("vmin", "s8 s16 s32 u8 u16 u32", False),
        ("vabd", "s8 s16 s32 u8 u16 u32", False), ("vaba", "s8 s16 s32 u8 u16 u32", False),
        ("vmla", "i8 i16 i32", False), ("vmls", "i8 i16 i32", False),
        ("vmul", "i8 i16 i32 p8", False), ("vqdmulh", "s16 s32", False),
        ("vqrdmulh", "s16 s32", False), ("vpmax", "s8 s16 s32 u8 u16 u32", True),
        ("vpmin", "s8 s16 s32 u8 u16 u32", True), ("vpadd", "i8 i16 i32", True),
    ]
    NEON_F32_SAME = [
        ("vadd", False), ("vsub", False), ("vmul", False), ("vmla", False), ("vmls", False),
        ("vfma", False), ("vfms", False), ("vabd", False), ("vmax", False), ("vmin", False),
        ("vceq", False), ("vcge", False), ("vcgt", False), ("vcle", False), ("vclt", False),
        ("vacge", False), ("vacgt", False), ("vacle", False), ("vaclt", False),
        ("vrecps", False), ("vrsqrts", False), ("vpadd", True), ("vpmax", True),
        ("vpmin", True),
    ]

    def t_neon_3same(self, c):
        """A7.4.1: three registers of the same length."""
        rng = self.rng
        if rng.random() < 0.3:
            op, donly = rng.choice(self.NEON_F32_SAME)
            ty = ".f32"
        else:
            op, types, donly = rng.choice(self.NEON_INT_SAME)
            ty = "." + rng.choice(types.split()) if types else ""
        q = not donly and rng.random() < 0.5
        d, n, m = self.vregs(q)
        if rng.random() < 0.1:
            n = m           # equal operands (VORR d, n, n is VMOV)
        return ["%s%s %s, %s, %s" % (op, ty, d, n, m)]

    def t_neon_3diff(self, c):
        """A7.4.2: three registers of different lengths."""
        rng = self.rng
        k = rng.randrange(5)
        su = "s8 s16 s32 u8 u16 u32".split()
        if k == 0:
            op = rng.choice(["vaddl", "vsubl", "vabdl", "vmull", "vmlal", "vmlsl", "vabal"])
            ty = rng.choice(su + (["p8"] if op == "vmull" else []))
            return ["%s.%s %s, %s, %s" % (op, ty, self.qreg(), self.dreg(), self.dreg())]
        if k == 1:
            op = rng.choice(["vaddw", "vsubw"])
            return ["%s.%s %s, %s, %s" % (op, rng.choice(su), self.qreg(), self.qreg(), self.dreg())]
        if k == 2:
            op = rng.choice(["vaddhn", "vraddhn", "vsubhn", "vrsubhn"])
            ty = rng.choice(["i16", "i32", "i64"])
            return ["%s.%s %s, %s, %s" % (op, ty, self.dreg(), self.qreg(), self.qreg())]
        op = rng.choice(["vqdmull", "vqdmlal", "vqdmlsl"])
        return ["%s.%s %s, %s, %s" % (op, rng.choice(["s16", "s32"]), self.qreg(), self.dreg(),
                                      self.dreg())]

    def neon_scalar_operand(self, bits):
        """Dm[x] for a by-scalar operation: D0-D7 and x 0-3 for 16-bit elements, D0-D15 and
        x 0-1 for 32-bit elements."""
        if bits == 16:
            return "d%d[%d]" % (self.rng.randrange(8), self.rng.randrange(4))
        return "d%d[%d]" % (self.rng.randrange(16), self.rng.randrange(2))

    def t_neon_scalar(self, c):
        """A7.4.3: two registers and a scalar."""
        rng = self.rng
        k = rng.randrange(4)
        if k == 0:
            op = rng.choice(["vmla", "vmls", "vmul"])
            ty = rng.choice(["i16", "i32", "f32"])
            q = rng.random() < 0.5
            d, n = self.vregs(q, 2)
            return ["%s.%s %s, %s, %s" % (op, ty, d, n, self.neon_scalar_operand(int(ty[1:])))]
        if k == 1:
            op = rng.choice(["vmlal", "vmlsl", "vmull"])
            ty = rng.choice(["s16", "s32", "u16", "u32"])
            return ["%s.%s %s, %s, %s" % (op, ty, self.qreg(), self.dreg(),
                                          self.neon_scalar_operand(int(ty[1:])))]
        if k == 2:
            op = rng.choice(["vqdmlal", "vqdmlsl", "vqdmull"])
            ty = rng.choice(["s16", "s32"])
            return ["%s.%s %s, %s, %s" % (op, ty, self.qreg(), self.dreg(),
                                          self.neon_scalar_operand(int(ty[1:])))]
        op = rng.choice(["vqdmulh", "vqrdmulh"])
        ty = rng.choice(["s16", "s32"])
        d, n = self.vregs(rng.random() < 0.5, 2)
        return ["%s.%s %s, %s, %s" % (op, ty, d, n, self.neon_scalar_operand(int(ty[1:])))]

    def shift_count(self, lo, hi):
        rng = self.rng
        return rng.choice([lo, hi, rng.randrange(lo, hi + 1)])

    def t_neon_shift(self, c):
        """A7.4.4: two registers and a shift amount (incl. the fixed-point VCVT)."""
        rng = self.rng
        k = rng.randrange(8)
        sizes = [8, 16, 32, 64]
        q = rng.random() < 0.5
        d, m = self.vregs(q, 2)
        if k == 0:
            op = rng.choice(["vshr", "vrshr", "vsra", "vrsra"])
            bits = rng.choice(sizes)
            return ["%s.%s%d %s, %s, #%d" % (op, rng.choice("su"), bits, d, m, self.shift_count(1, bits))]
        if k == 1:
            bits = rng.choice(sizes)
            if rng.random() < 0.5:
                return ["vsri.%d %s, %s, #%d" % (bits, d, m, self.shift_count(1, bits))]
            return ["vsli.%d %s, %s, #%d" % (bits, d, m, self.shift_count(0, bits - 1))]
        if k == 2:
            bits = rng.choice(sizes)
            r = rng.randrange(3)
            if r == 0:
                return ["vshl.i%d %s, %s, #%d" % (bits, d, m, self.shift_count(0, bits - 1))]
            if r == 1:
                return ["vqshl.%s%d %s, %s, #%d" % (rng.choice("su"), bits, d, m,
                                                   self.shift_count(0, bits - 1))]
            return ["vqshlu.s%d %s, %s, #%d" % (bits, d, m, self.shift_count(0, bits - 1))]
        if k == 3:
            bits = rng.choice([16, 32, 64])
            r = rng.randrange(3)
            dd, qm = self.dreg(), self.qreg()
            n = self.shift_count(1, bits // 2)
            if r == 0:
                op = rng.choice(["vshrn", "vrshrn"])
                return ["%s.i%d %s, %s, #%d" % (op, bits, dd, qm, n)]
            if r == 1:
                op = rng.choice(["vqshrn", "vqrshrn"])
                return ["%s.%s%d %s, %s, #%d" % (op, rng.choice("su"), bits, dd, qm, n)]
            op = rng.choice(["vqshrun", "vqrshrun"])
            return ["%s.s%d %s, %s, #%d" % (op, bits, dd, qm, n)]
        if k == 4:
            bits = rng.choice([8, 16, 32])
            qd, dm = self.qreg(), self.dreg()
            r = rng.randrange(3)
            if r == 0:
                return ["vmovl.%s%d %s, %s" % (rng.choice("su"), bits, qd, dm)]
            if r == 1:
                return ["vshll.%s%d %s, %s, #%d" % (rng.choice("su"), bits, qd, dm,
                                                   self.shift_count(1, bits - 1))]
            return ["vshll.i%d %s, %s, #%d" % (bits, qd, dm, bits)]
        if k == 5:
            ty = rng.choice(["s32.f32", "u32.f32", "f32.s32", "f32.u32"])
            return ["vcvt.%s %s, %s, #%d" % (ty, d, m, self.shift_count(1, 32))]
        op = rng.choice(["vshr", "vsra", "vqshl", "vrshr"])
        bits = rng.choice(sizes)
        if op == "vqshl":
            return ["vqshl.%s%d %s, %s, #%d" % (rng.choice("su"), bits, d, m, self.shift_count(0, bits - 1))]
        return ["%s.%s%d %s, %s, #%d" % (op, rng.choice("su"), bits, d, m, self.shift_count(1, bits))]

    def t_neon_misc(self, c):
        """A7.4.5: two registers, miscellaneous."""
        rng = self.rng
        k = rng.randrange(12)
        q = rng.random() < 0.5
        d, m = self.vregs(q, 2)
        s3 = "s8 s16 s32".split()
        if k == 0:
            r = rng.randrange(3)
            if r == 0:
                return ["vrev64.%s %s, %s" % (rng.choice(["8", "16", "32"]), d, m)]
            if r == 1:
                return ["vrev32.%s %s, %s" % (rng.choice(["8", "16"]), d, m)]
            return ["vrev16.8 %s, %s" % (d, m)]
        if k == 1:
            op = rng.choice(["vpaddl", "vpadal"])
            return ["%s.%s %s, %s" % (op, rng.choice("s8 s16 s32 u8 u16 u32".split()), d, m)]
        if k == 2:
            r = rng.randrange(4)
            if r == 0:
                return ["vcls.%s %s, %s" % (rng.choice(s3), d, m)]
            if r == 1:
                return ["vclz.i%s %s, %s" % (rng.choice(["8", "16", "32"]), d, m)]
            if r == 2:
                return ["vcnt.8 %s, %s" % (d, m)]
            return ["vmvn %s, %s" % (d, m)]
        if k == 3:
            op = rng.choice(["vqabs", "vqneg", "vabs", "vneg"])
            ty = rng.choice(s3 + (["f32"] if op in ("vabs", "vneg") else []))
            return ["%s.%s %s, %s" % (op, ty, d, m)]
        if k == 4:
            op = rng.choice(["vcgt", "vcge", "vceq", "vcle", "vclt"])
            if rng.random() < 0.3:
                ty = "f32"
            elif op == "vceq":
                ty = rng.choice(["i8", "i16", "i32"])
            else:
                ty = rng.choice(s3)
            return ["%s.%s %s, %s, #0" % (op, ty, d, m)]
        if k == 5:
            while d == m:
                d, m = self.vregs(q, 2)
            op = rng.choice(["vswp", "vtrn", "vuzp", "vzip"])
            if op == "vswp":
                return ["vswp %s, %s" % (d, m)]
            sizes = ["8", "16", "32"] if q or op == "vtrn" else ["8", "16"]
            return ["%s.%s %s, %s" % (op, rng.choice(sizes), d, m)]
        if k == 6:
            dd, qm = self.dreg(), self.qreg()
            r = rng.randrange(3)
            if r == 0:
                return ["vmovn.i%s %s, %s" % (rng.choice(["16", "32", "64"]), dd, qm)]
            if r == 1:
                return ["vqmovn.%s %s, %s" % (rng.choice("s16 s32 s64 u16 u32 u64".split()), dd, qm)]
            return ["vqmovun.s%s %s, %s" % (rng.choice(["16", "32", "64"]), dd, qm)]
        if k == 7:
            if rng.random() < 0.5:
                return ["vcvt.f16.f32 %s, %s" % (self.dreg(), self.qreg())]
            return ["vcvt.f32.f16 %s, %s" % (self.qreg(), self.dreg())]
        if k == 8:
            op = rng.choice(["vrecpe", "vrsqrte"])
            return ["%s.%s %s, %s" % (op, rng.choice(["u32", "f32"]), d, m)]
        if k == 9:
            ty = rng.choice(["s32.f32", "u32.f32", "f32.s32", "f32.u32"])
            return ["vcvt.%s %s, %s" % (ty, d, m)]
        if k == 10:
            return ["vmov %s, %s" % (d, m)]
        return ["vabs.f32 %s, %s" % (d, m)] if rng.random() < 0.5 else \
            ["vneg.s%s %s, %s" % (rng.choice(["8", "16", "32"]), d, m)]

    def neon_modimm(self, op):
        """An immediate and type that A7.4.6 (one register and a modified immediate) can
        encode for op."""
        rng = self.rng
        b = rng.choice([rng.randrange(256), 0x80, 0xff, 0x01, 0x7f])
        b = b or 1
        if op in ("vorr", "vbic"):
            if rng.random() < 0.5:
                return "i16", b << rng.choice([0, 8])
            return "i32", b << rng.choice([0, 8, 16, 24])
        k = rng.randrange(6 if op == "vmov" else 3)
        if k == 0:
            return "i16", b << rng.choice([0, 8])
        if k == 1:
            return "i32", b << rng.choice([0, 8, 16, 24])
        if k == 2:
            return "i32", rng.choice([(b << 8) | 0xff, (b << 16) | 0xffff])
        if k == 3:
            return "i8", b
        if k == 4:
            mask = rng.getrandbits(8)
            v = 0
            for i in range(8):
                if mask >> i & 1:
                    v |= 0xff << (8 * i)
            return "i64", v
        return "f32", rng.choice(["1.0", "-2.0", "0.5", "31.0", "0.125", "-1.5", "17.0", "0.1875"])

    def t_neon_imm(self, c):
        rng = self.rng
        op = rng.choice(["vmov", "vmov", "vmvn", "vorr", "vbic"])
        ty, v = self.neon_modimm(op)
        d = self.qreg() if rng.random() < 0.5 else self.dreg()
        imm = "#%s" % v if isinstance(v, str) else "#0x%x" % v
        return ["%s.%s %s, %s" % (op, ty, d, imm)]

    def t_neon_perm(self, c):
        """VEXT, VTBL/VTBX, VDUP (scalar)."""
        rng = self.rng
        k = rng.randrange(3)
        if k == 0:
            q = rng.random() < 0.5
            d, n, m = self.vregs(q)
            size = rng.choice([8, 16, 32, 64])
            lanes = (16 if q else 8) * 8 // size
            return ["vext.%d %s, %s, %s, #%d" % (size, d, n, m, rng.randrange(lanes))]
        if k == 1:
            ln = rng.randrange(1, 5)
            first = rng.randrange(0, 33 - ln)
            lst = ", ".join("d%d" % (first + i) for i in range(ln))
            return ["%s.8 %s, {%s}, %s" % (rng.choice(["vtbl", "vtbx"]), self.dreg(), lst,
                                           self.dreg())]
        size = rng.choice([8, 16, 32])
        d = self.qreg() if rng.random() < 0.5 else self.dreg()
        return ["vdup.%d %s, %s[%d]" % (size, d, self.dreg(), rng.randrange(64 // size))]

    def t_neon_core(self, c):
        """VMOV between a core register and a scalar, VDUP from a core register (A7.8)."""
        rng = self.rng
        k = rng.randrange(3)
        size = rng.choice([8, 16, 32])
        lane = rng.randrange(64 // size)
        if k == 0:
            return self.emit([], ["vmov%s.%d d%d[%d], %s" % (c, size, rng.randrange(32), lane,
                                                             reg(self.r()))])
        if k == 1:
            ty = "%d" % size if size == 32 else rng.choice("su") + "%d" % size
            # GNU as refuses a condition on the A32 VMOV.S8/.U8/.S16/.U16 to a core register
            cc = c if self.thumb or size == 32 else ""
            return self.emit([], ["vmov%s.%s %s, d%d[%d]" % (cc, ty, reg(self.rd()),
                                                             rng.randrange(32), lane)])
        d = self.qreg() if rng.random() < 0.5 else self.dreg()
        return self.emit([], ["vdup%s.%d %s, %s" % (c, size, d, reg(self.r()))])

    def t_neon_ldst(self, c):
        """A7.7: VLD1-4/VST1-4, multiple structures, one lane or all lanes, with [Rn],
        [Rn]! or [Rn], Rm, on the scratch buffer."""
        rng = self.rng
        load = rng.random() < 0.6
        kind = rng.randrange(3) if load else rng.randrange(2)   # no all-lanes stores
        n = rng.randrange(1, 5)                                 # VLDn / VSTn
        op = ("vld%d" if load else "vst%d") % n
        if kind == 0:
            # multiple structures: VLD1 1-4 registers, VLD2 2 (spacing 1 or 2) or 4,
            # VLD3 3 and VLD4 4 (spacing 1 or 2)
            size = rng.choice([8, 16, 32, 64] if n == 1 else [8, 16, 32])
            if n == 1:
                nregs, inc = rng.randrange(1, 5), 1
            elif n == 2:
                nregs, inc = rng.choice([(2, 1), (2, 2), (4, 1)])
            else:
                nregs, inc = n, rng.choice([1, 2])
            span = 1 + (nregs - 1) * inc
            first = rng.randrange(0, 33 - span)
            regs = ["d%d" % (first + i * inc) for i in range(nregs)]
            lst = "{%s}" % ", ".join(regs)
            nbytes = 8 * nregs
            aligns = [0, 64]
            if n != 3 and nregs in (2, 4):
                aligns.append(128)
            if n != 3 and nregs == 4:
                aligns.append(256)
            align = rng.choice(aligns)
            ty = size
        elif kind == 1:
            # one lane
            size = rng.choice([8, 16, 32])
            inc = 1 if size == 8 or rng.random() < 0.5 else 2
            first = rng.randrange(0, 33 - (1 + (n - 1) * inc))
            lane = rng.randrange(64 // size)
            lst = "{%s}" % ", ".join("d%d[%d]" % (first + i * inc, lane) for i in range(n))
            nbytes = n * size // 8
            aligns = [0]
            if n == 1 and size > 8:
                aligns.append(size)
            elif n == 2:
                aligns.append(2 * size)
            elif n == 4:
                aligns.append(64 if size == 16 else 32 if size == 8 else rng.choice([64, 128]))
            align = rng.choice(aligns)
            ty = size
        else:
            # all lanes (loads only)
            size = rng.choice([8, 16, 32])
            if n == 1:
                cnt, inc = rng.choice([1, 2]), 1
            else:
                cnt, inc = n, rng.choice([1, 2])
            first = rng.randrange(0, 33 - (1 + (cnt - 1) * inc))
            lst = "{%s}" % ", ".join("d%d[]" % (first + i * inc) for i in range(cnt))
            nbytes = n * size // 8
            aligns = [0]
            if n == 1 and size > 8:
                aligns.append(size)
            elif n == 2:
                aligns.append(2 * size)
            elif n == 4:
                aligns.append(32 if size == 8 else 64 if size == 16 else rng.choice([64, 128]))
            align = rng.choice(aligns)
            ty = size
        ebytes = ty // 8
        if align:
            addr = self.scratch_addr(nbytes, align // 8)
        else:
            addr = self.scratch_addr(nbytes, ebytes if rng.random() < 0.8 else 1)
        rn = self.pick_base()
        pre = self.set_const(rn, addr)
        base = "[%s%s]" % (reg(rn), ":%d" % align if align else "")
        wb = rng.randrange(3)
        if wb == 0:
            line = "%s.%d %s, %s" % (op, ty, lst, base)
        elif wb == 1:
            line = "%s.%d %s, %s!" % (op, ty, lst, base)
        else:
            rm = self.r(exclude=(rn,))
            pre += self.set_const(rm, rng.choice([0, 4, 8, 16, 32, rng.getrandbits(32)]))
            line = "%s.%d %s, %s, %s" % (op, ty, lst, base, reg(rm))
        return pre + [line]


def dlist(first, n):
    return "d%d-d%d" % (first, first + n - 1) if n > 1 else "d%d" % first


def shifted_value(v, sh, rng):
    """The value of an A32 index register after shift sh (None for RRX)."""
    v &= 0xffffffff
    if not sh:
        return v
    kind, _, amt = sh.strip(", ").partition(" #")
    if kind == "rrx":
        return None           # depends on the carry flag: not computable here
    n = int(amt)
    if kind == "lsl":
        return (v << n) & 0xffffffff
    if kind == "lsr":
        return v >> n if n < 32 else 0
    if kind == "asr":
        s = v - (1 << 32) if v & 0x80000000 else v
        return (s >> min(n, 31)) & 0xffffffff
    return ((v >> n) | (v << (32 - n))) & 0xffffffff


def make_seq(rng, isa, nins, vfp_arith=False, setend=True, skip=None, neon_scalar=False,
             neon=False):
    regs, apsr, fpscr, dregs, mem = random_state(rng, vfp_arith)
    g = Gen(rng, isa, vfp_arith=vfp_arith, setend=setend, skip=skip, neon_scalar=neon_scalar,
            neon=neon)
    return Seq(regs, apsr, fpscr, dregs, mem, g.body(nins))
