"""Random instruction sequences for the Xtensa differential fuzzer (xtensa-fuzz.py).

There is no Linux Xtensa assembler on Debian (the lx106 one knows only its own core), so
this module encodes the instructions itself, in the little-endian layout, and writes a
complete static ELF program: le_to_be() rearranges each word for the big-endian guests,
where the ISA mirrors the fields.

A program is a series of sequences.  Each sequence loads a random initial state (a0-a14,
SAR, SCOMPARE1, the MAC16 and boolean registers where the core has them), runs a random
body of instruction groups, then stores a0-a14 and the special registers into a dump area
and writes the dump and the scratch memory to stdout.  a15 always points at the state
block: the body reads it but never writes it.  A group is one instruction under test plus
what prepares its operands (an address in the scratch memory from a literal, a non-zero
divisor, a forward branch with the instructions it may skip, a loop body).

Every template produces only defined behaviour: memory accesses land in the scratch area
with their natural alignment, divisors are non-zero, branches go forward inside their
group, loops end before the next group, and no instruction reads a register the core's
configuration leaves undefined.
"""

import os
import random
import struct

TEXT_ADDR = 0x00400000
DATA_ADDR = 0x00600000
SCRATCH_OFF = 0x1000           # scratch memory inside the data segment
SCRATCH_SIZE = 256
STATE_SIZE = 192               # per-sequence init record and the dump: the ST_* words
# word offsets in a state record
ST_A = 0                       # a0..a14 at 0..56
ST_SAR = 15
ST_SCOMPARE1 = 16
ST_ACCLO, ST_ACCHI, ST_M0 = 17, 18, 19  # m0..m3 at 19..22
ST_BR = 23
ST_LCOUNT = 24
ST_F = 32                      # f0..f15 at 32..47
ST_WORDS = 48

SPECIAL = [0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe, 0x7fff, 0x8000,
           0xffff, 0x10000, 0x7f, 0x80, 0xff, 0x100, 0x80000001, 0x00ff00ff, 0xff00ff00,
           0x12345678, 0xdeadbeef, 31, 32, 33, 63, 64, 0xffff8000, 0x00008000]

SPECIAL_F32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
               0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000, 0x00000001, 0x807fffff,
               0x00800000, 0x7f7fffff, 0x4f000000, 0xcf000000, 0x4f800000, 0x3f000000,
               0x3fc00000, 0x40490fdb, 0x4b000000, 0x477fe000, 0xcf000001, 0x4effffff,
               0xbf000000, 0x3fa00000, 0x40200000, 0xc0200000, 0x3effffff]


def rand_float(rng):
    k = rng.random()
    if k < 0.4:
        return rng.choice(SPECIAL_F32)
    if k < 0.8:      # a modest number: sign, exponent near 0, random fraction
        return (rng.getrandbits(1) << 31) | ((127 + rng.randrange(-20, 32)) << 23) | \
            rng.getrandbits(23)
    return rng.getrandbits(32)


B4CONST = [-1, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256]
B4CONSTU = [32768, 65536, 2, 3, 4, 5, 6, 7, 8, 10, 12, 16, 32, 64, 128, 256]


def rand_word(rng):
    k = rng.random()
    if k < 0.35:
        return rng.choice(SPECIAL)
    if k < 0.55:
        return rng.randrange(-300, 300) & 0xffffffff
    if k < 0.65:
        return rng.choice(B4CONST + B4CONSTU) & 0xffffffff
    return rng.getrandbits(32)


# ---------------------------------------------------------------- encodings (LE layout)

def rrr(op2, op1, r, s, t, op0=0):
    return (op2 << 20) | (op1 << 16) | (r << 12) | (s << 8) | (t << 4) | op0


def rri8(op0, r, s, t, imm8):
    return ((imm8 & 0xff) << 16) | (r << 12) | (s << 8) | (t << 4) | op0


def rrrn(op0, r, s, t):
    return (r << 12) | (s << 8) | (t << 4) | op0


def le_to_be(w, n):
    """The big-endian word of the little-endian layout w (n bytes)."""
    if n == 2:
        return ((w & 0xf) << 12) | (((w >> 4) & 0xf) << 8) | (((w >> 8) & 0xf) << 4) | (w >> 12)
    op0, t, s, r = w & 15, (w >> 4) & 15, (w >> 8) & 15, (w >> 12) & 15
    op1, op2 = (w >> 16) & 15, (w >> 20) & 15

    def nib(*fields):   # fields from the most significant BE nibble down
        v = 0
        for f in fields:
            v = (v << 4) | f
        return v
    if op0 == 0:
        if op1 == 0 and op2 == 0 and r == 0:          # m, n mirrored as 2-bit fields
            t = ((t & 3) << 2) | (t >> 2)
        elif (op1 == 3 and op2 in (0, 1, 15)) or (op1 == 1 and op2 == 6):
            r, s = s, r                               # sr / ur: one 8-bit field
        return nib(op0, t, s, r, op1, op2)
    if op0 == 1:
        return (op0 << 20) | (t << 16) | ((w >> 8) & 0xffff)
    if op0 in (2, 3, 7):
        return (op0 << 20) | (t << 16) | (s << 12) | (r << 8) | ((w >> 16) & 0xff)
    if op0 == 4:
        return nib(op0, t, s, r, op1, op2)
    if op0 == 5:
        return (op0 << 20) | ((w >> 4 & 3) << 18) | ((w >> 6) & 0x3ffff)
    if op0 == 6:
        n, m = (w >> 4) & 3, (w >> 6) & 3
        head = (op0 << 20) | (n << 18) | (m << 16)
        if n == 0:
            return (op0 << 20) | (n << 18) | ((w >> 6) & 0x3ffff)
        if n == 1 or (n == 3 and m == 0):
            return head | (s << 12) | ((w >> 12) & 0xfff)
        return head | (s << 12) | (r << 8) | ((w >> 16) & 0xff)
    return nib(op0, t, s, r, op1, op2)


# ---------------------------------------------------------------- the program image

class Image:
    """Code with a literal pool in front (L32R reaches only backwards)."""

    def __init__(self, be):
        self.be = be
        self.lits = []            # literal values; at TEXT_ADDR + 4 * index
        self.lit_index = {}
        self.code = bytearray()
        self.max_lits = 0
        self.count = 0            # instructions emitted

    def lit(self, v):
        v &= 0xffffffff
        if v not in self.lit_index:
            self.lit_index[v] = len(self.lits)
            self.lits.append(v)
        return TEXT_ADDR + 4 * self.lit_index[v]

    def code_base(self):
        return TEXT_ADDR + 4 * self.max_lits

    def pc(self):
        return self.code_base() + len(self.code)

    def emit(self, w, n=3):
        self.count += 1
        if self.be:
            w = le_to_be(w, n)
            b = w.to_bytes(n, 'big')
        else:
            b = w.to_bytes(n, 'little')
        self.code += b
        return len(self.code) - n

    def patch(self, at, w, n=3):
        if self.be:
            self.code[at:at + n] = le_to_be(w, n).to_bytes(n, 'big')
        else:
            self.code[at:at + n] = w.to_bytes(n, 'little')

    def l32r(self, t, value):
        addr = self.lit(value)
        pc = self.pc()
        off = (addr - ((pc + 3) & ~3)) >> 2
        assert -65536 <= off < 0
        self.emit((((off & 0xffff) << 8) | (t << 4) | 1))


def elf(image, data, be):
    """A static ELF: text (literals + code) and data segments."""
    e = '>' if be else '<'
    text = b''.join(struct.pack(e + 'I', v) for v in image.lits)
    text = text.ljust(4 * image.max_lits, b'\0') + bytes(image.code)
    hdr = bytearray(52)
    hdr[0:16] = b'\x7fELF\x01' + (b'\x02' if be else b'\x01') + b'\x01' + b'\x00' * 9
    phoff, nph = 52, 2
    text_off = 0x1000
    data_off = text_off + ((len(text) + 0xfff) & ~0xfff)
    struct.pack_into(e + 'HHIIIIIHHHHHH', hdr, 16, 2, 94, 1, image.code_base(), phoff, 0, 0x300,
                     52, 32, nph, 40, 0, 0)
    ph = struct.pack(e + 'IIIIIIII', 1, text_off, TEXT_ADDR, TEXT_ADDR, len(text), len(text), 5,
                     0x1000)
    ph += struct.pack(e + 'IIIIIIII', 1, data_off, DATA_ADDR, DATA_ADDR, len(data), len(data), 6,
                      0x1000)
    out = (bytes(hdr) + ph).ljust(text_off, b'\0') + text
    out = out.ljust(data_off, b'\0') + data
    return out


# ---------------------------------------------------------------- the generator

class Gen:
    def __init__(self, rng, core, be):
        self.rng = rng
        self.core = core          # set of option names
        self.img = Image(be)
        self.be = be
        self.listing = []         # per sequence: list of group descriptions
        self.body_insns = 0       # instructions in the random bodies

    def has(self, opt):
        return opt in self.core

    def dreg(self):
        return self.rng.randrange(15)          # never a15

    def sreg(self):
        return self.rng.randrange(16)

    # ---- groups: each emits code and returns a description ----

    def g_alu(self):
        rng = self.rng
        op2 = rng.choice([1, 2, 3, 8, 9, 10, 11, 12, 13, 14, 15])
        r, s, t = self.dreg(), self.sreg(), self.sreg()
        self.img.emit(rrr(op2, 0, r, s, t))
        return 'alu op2=%d a%d,a%d,a%d' % (op2, r, s, t)

    def g_neg_abs(self):
        r, t, k = self.dreg(), self.sreg(), self.rng.randrange(2)
        self.img.emit(rrr(6, 0, r, k, t))
        return ('neg', 'abs')[k]

    def g_addi(self):
        rng = self.rng
        t, s = self.dreg(), self.sreg()
        kind = rng.randrange(3)
        if kind == 0:
            self.img.emit(rri8(2, 12, s, t, rng.getrandbits(8)))
            return 'addi'
        if kind == 1:
            self.img.emit(rri8(2, 13, s, t, rng.getrandbits(8)))
            return 'addmi'
        self.img.emit(rri8(2, 10, rng.randrange(16), t, rng.getrandbits(8)))
        return 'movi'

    def g_shift_imm(self):
        rng = self.rng
        r, s = self.dreg(), self.sreg()
        kind = rng.randrange(4)
        if kind == 0:
            sa = rng.randrange(1, 32)
            f = 32 - sa
            self.img.emit(rrr(f >> 4, 1, r, s, f & 15))
            return 'slli %d' % sa
        if kind == 1:
            sa = rng.randrange(32)
            self.img.emit(rrr(2 | (sa >> 4), 1, r, sa & 15, s))
            return 'srai %d' % sa
        if kind == 2:
            self.img.emit(rrr(4, 1, r, rng.randrange(16), s))
            return 'srli'
        shift, bits = rng.randrange(32), rng.randrange(1, 17)
        self.img.emit(rrr(bits - 1, 4 | (shift >> 4), r, shift & 15, s))
        return 'extui %d,%d' % (shift, bits)

    def g_sar(self):
        """Set SAR one of five ways, then shift with it."""
        rng = self.rng
        s = self.sreg()
        k = rng.randrange(5)
        if k == 4:
            sa = rng.randrange(32)
            self.img.emit(rrr(4, 0, 4, sa & 15, sa >> 4))
        else:
            self.img.emit(rrr(4, 0, k, s, 0))
        r, a, b = self.dreg(), self.sreg(), self.sreg()
        # SSL and SSA8B set SAR for left shifts: qemu then does SRL and SRA as 32-bit shifts,
        # which differ from the ISA's 64-bit ones when SAR is 32.  Pair them with SLL/SRC.
        op2 = rng.choice([8, 10] if k in (1, 3) else [8, 9, 10, 11])
        if op2 == 8:
            self.img.emit(rrr(8, 1, r, a, b))
        elif op2 == 9:
            self.img.emit(rrr(9, 1, r, 0, b))
        elif op2 == 10:
            self.img.emit(rrr(10, 1, r, a, 0))
        else:
            self.img.emit(rrr(11, 1, r, 0, b))
        return 'sar%d shift op2=%d' % (k, op2)

    def g_nsa(self):
        t, s = self.dreg(), self.sreg()
        k = self.rng.randrange(2)
        self.img.emit(rrr(4, 0, 14 + k, s, t))
        return ('nsa', 'nsau')[k]

    def g_mul(self):
        rng = self.rng
        r, s, t = self.dreg(), self.sreg(), self.sreg()
        choices = [(12, 1), (13, 1), (8, 2)]
        if self.has('mul32_high'):
            choices += [(10, 2), (11, 2)]
        op2, op1 = rng.choice(choices)
        self.img.emit(rrr(op2, op1, r, s, t))
        return 'mul op2=%d op1=%d' % (op2, op1)

    def g_div(self):
        rng = self.rng
        r, s, t = self.dreg(), self.sreg(), self.dreg()
        # a non-zero divisor: movi t, k (k != 0)
        k = rng.choice([1, -1, 2, 3, 7, -7, 100, -2048, 2047, 0x123])
        self.img.emit(rri8(2, 10, (k >> 8) & 15, t, k & 0xff))
        if s == t and rng.random() < 0.5:
            s = self.sreg()
        op2 = rng.randrange(12, 16)
        self.img.emit(rrr(op2, 2, r, s, t))
        return 'div op2=%d' % op2

    def g_misc(self):
        rng = self.rng
        r, s, t = self.dreg(), self.sreg(), self.sreg()
        opts = []
        if self.has('minmax'):
            opts += ['minmax']
        if self.has('sext'):
            opts += ['sext']
        if self.has('clamps'):
            opts += ['clamps']
        if self.has('salt'):
            opts += ['salt']
        opts += ['movcc']
        k = rng.choice(opts)
        if k == 'minmax':
            self.img.emit(rrr(rng.randrange(4, 8), 3, r, s, t))
        elif k == 'sext':
            self.img.emit(rrr(2, 3, r, s, rng.randrange(16)))
        elif k == 'clamps':
            self.img.emit(rrr(3, 3, r, s, rng.randrange(16)))
        elif k == 'salt':
            self.img.emit(rrr(rng.randrange(6, 8), 2, r, s, t))
        else:
            self.img.emit(rrr(rng.randrange(8, 12), 3, r, s, t))
        return k

    def g_rsr(self):
        """RSR/WSR/XSR of SAR (and SCOMPARE1 where present)."""
        rng = self.rng
        srs = [3]
        if self.has('s32c1i'):
            srs.append(12)
        if self.has('mac16'):
            srs += [16, 17, 32, 33, 34, 35]
        if self.has('boolean'):
            srs.append(4)
        sr = rng.choice(srs)
        t = self.dreg()
        kind = rng.randrange(3)
        if kind == 0:
            self.img.emit(rrr(0, 3, sr >> 4, sr & 15, t))
        elif kind == 1:
            self.img.emit(rrr(1, 3, sr >> 4, sr & 15, self.sreg() if rng.random() < 0.5 else t))
        else:
            self.img.emit(rrr(6, 1, sr >> 4, sr & 15, t))
        if kind and (32 <= sr <= 35 or sr == 4):
            self.tb_break()
        return ('rsr', 'wsr', 'xsr')[kind] + ' %d' % sr

    def g_narrow(self):
        rng = self.rng
        k = rng.randrange(5)
        r, s, t = self.dreg(), self.sreg(), self.sreg()
        if k == 0:
            self.img.emit(rrrn(10, r, s, t), 2)
            return 'add.n'
        if k == 1:
            self.img.emit(rrrn(11, r, s, rng.randrange(16)), 2)
            return 'addi.n'
        if k == 2:
            self.img.emit(rrrn(13, 0, s, self.dreg()), 2)
            return 'mov.n'
        if k == 3:
            imm = rng.randrange(128)
            self.img.emit(rrrn(12, imm & 15, self.dreg(), (imm >> 4) & 7), 2)
            return 'movi.n'
        self.img.emit(rrrn(13, 15, 0, 3), 2)
        return 'nop.n'

    def addr_reg(self, size):
        """a register holding an address in the scratch memory, aligned for size, from an
        L32R (returns the register and the largest scaled offset that stays inside)."""
        rng = self.rng
        a = self.dreg()
        base = DATA_ADDR + SCRATCH_OFF + rng.randrange(0, SCRATCH_SIZE // 2, size)
        self.img.l32r(a, base)
        room = (DATA_ADDR + SCRATCH_OFF + SCRATCH_SIZE - size - base) // size
        return a, min(room, 255)

    def g_mem(self):
        rng = self.rng
        kinds = ['l8ui', 'l16ui', 'l16si', 'l32i', 's8i', 's16i', 's32i', 'l32i.n', 's32i.n']
        if self.has('mpsync'):
            kinds += ['l32ai', 's32ri']
        kind = rng.choice(kinds)
        size = {'l8ui': 1, 's8i': 1, 'l16ui': 2, 'l16si': 2, 's16i': 2}.get(kind, 4)
        a, room = self.addr_reg(size)
        t = self.dreg() if kind[0] == 'l' else self.sreg()
        if kind.endswith('.n'):
            off = rng.randrange(min(room, 15) + 1)
            self.img.emit(rrrn(8 if kind[0] == 'l' else 9, off, a, t), 2)
        else:
            r = {'l8ui': 0, 'l16ui': 1, 'l32i': 2, 's8i': 4, 's16i': 5, 's32i': 6, 'l16si': 9,
                 'l32ai': 11, 's32ri': 15}[kind]
            self.img.emit(rri8(2, r, a, t, rng.randrange(room + 1)))
        return kind

    def g_s32c1i(self):
        a, room = self.addr_reg(4)
        t = self.dreg()
        # SCOMPARE1 from a register, sometimes from the word itself (so the store happens)
        if self.rng.random() < 0.5:
            tmp = self.rng.choice([x for x in range(15) if x not in (a, t)])
            self.img.emit(rri8(2, 2, a, tmp, 0))      # l32i tmp, a, 0
            self.img.emit(rrr(1, 3, 0, 12, tmp))      # wsr scompare1, tmp
        else:
            self.img.emit(rrr(1, 3, 0, 12, self.sreg()))
        self.img.emit(rri8(2, 14, a, t, 0))
        return 's32c1i'

    def g_l32r(self):
        self.img.l32r(self.dreg(), rand_word(self.rng))
        return 'l32r'

    def tb_break(self):
        """J to the next instruction: ends qemu's translation block.  qemu keeps m0-m3 in two
        aliasing TCG globals (the MAC16 operands and the special registers): a write
        through one is not seen through the other until the block ends, so every write of
        an m register is followed by this."""
        self.img.emit(((-1 & 0x3ffff) << 6) | 6)     # J pc + 3: offset -1

    def g_litbase(self):
        """L32R through LITBASE: LITBASE = TEXT_ADDR + 0x40000 (enabled) makes imm16 = i
        load literal i; then LITBASE is turned off again."""
        img = self.img
        a = self.dreg()
        img.l32r(a, (TEXT_ADDR + 0x40000) | 1)
        img.emit(rrr(1, 3, 0, 5, a))                 # wsr a, litbase
        v = rand_word(self.rng)
        idx = (img.lit(v) - TEXT_ADDR) // 4
        t = self.dreg()
        img.emit(((idx & 0xffff) << 8) | (t << 4) | 1)
        z = self.rng.choice([x for x in range(15) if x != t])
        img.emit(rri8(2, 10, 0, z, 0))               # movi z, 0
        img.emit(rrr(1, 3, 0, 5, z))                 # wsr z, litbase
        return 'litbase l32r'

    def g_threadptr(self):
        img = self.img
        if self.rng.random() < 0.5:
            img.emit(rrr(15, 3, 0xe, 7, self.sreg()))   # wur threadptr
            return 'wur threadptr'
        img.emit(rrr(14, 3, self.dreg(), 0xe, 7))       # rur threadptr
        return 'rur threadptr'

    def filler(self, n):
        for _ in range(n):
            if self.rng.random() < 0.5:
                self.g_alu()
            else:
                self.g_narrow()

    def g_branch(self):
        """A forward conditional branch over 0-3 filler instructions."""
        rng = self.rng
        kind = rng.choice(['rri8', 'rri8', 'bz', 'bi0', 'bi1u', 'bzn', 'bbi'])
        s, t = self.sreg(), self.sreg()
        at = self.img.emit(0)       # placeholder (3 bytes)
        pc = self.img.pc() - 3
        width = 3
        if kind == 'bzn':
            self.img.code = self.img.code[:-3]
            at = self.img.emit(0, 2)
            pc = self.img.pc() - 2
            width = 2
        # BEQZ.N/BNEZ.N reach pc + 4 at the least: skip one instruction or more
        self.filler(rng.randrange(1 if kind == 'bzn' else 0, 4))
        target = self.img.pc()
        off = target - pc - 4
        if kind == 'rri8':
            r = rng.choice([0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13])
            w = rri8(7, r, s, t, off)
        elif kind == 'bbi':
            bit = rng.randrange(32)
            w = rri8(7, (6 if rng.random() < 0.5 else 14) | (bit >> 4), s, bit & 15, off)
        elif kind == 'bz':
            m = rng.randrange(4)
            w = ((off & 0xfff) << 12) | (s << 8) | (m << 6) | (1 << 4) | 6
        elif kind == 'bi0':
            m, r = rng.randrange(4), rng.randrange(16)
            w = rri8(6, r, s, (m << 2) | 2, off)
        elif kind == 'bi1u':
            m, r = rng.choice([2, 3]), rng.randrange(16)
            w = rri8(6, r, s, (m << 2) | 3, off)
        else:
            assert 0 <= off <= 63
            w = ((off & 15) << 12) | (s << 8) | (((2 | rng.randrange(2)) << 2 | (off >> 4)) << 4) | 12
        assert -128 <= off < 128
        self.img.patch(at, w, width)
        return 'branch %s off=%d' % (kind, off)

    def g_jump(self):
        at = self.img.emit(0)
        pc = self.img.pc() - 3
        self.filler(self.rng.randrange(3))
        off = self.img.pc() - pc - 4
        self.img.patch(at, ((off & 0x3ffff) << 6) | 6)
        return 'j'

    def g_call0(self):
        """j over; f: filler; ret(.n); over: call0 f / callx0 -- f aligned for CALL0."""
        img = self.img
        at = img.emit(0)
        jpc = img.pc() - 3
        while img.pc() & 3:
            img.emit(rrrn(13, 15, 0, 3), 2) if (4 - (img.pc() & 3)) % 2 == 0 \
                else img.emit(0x0020f0)   # nop.n or nop (3 bytes)
        f = img.pc()
        for _ in range(self.rng.randrange(3)):
            r, s, t = self.rng.randrange(1, 15), self.sreg(), self.sreg()
            img.emit(rrr(self.rng.choice([1, 2, 3, 8, 12]), 0, r, s, t))
        if self.rng.random() < 0.5:
            img.emit(rrrn(13, 15, 0, 0), 2)   # ret.n
        else:
            img.emit(0x000080)                # ret
        img.patch(at, (((img.pc() - jpc - 4) & 0x3ffff) << 6) | 6)
        if self.rng.random() < 0.5:
            pc = img.pc()
            off = (f - ((pc & ~3) + 4)) >> 2
            img.emit(((off & 0x3ffff) << 6) | 5)
            return 'call0'
        r = self.rng.randrange(2, 15)
        img.l32r(r, f)
        img.emit(rrr(0, 0, 0, r, 0xc))        # callx0
        return 'callx0'

    def g_loop(self):
        """LOOP/LOOPNEZ/LOOPGTZ over a small body; the count register is set first."""
        rng = self.rng
        img = self.img
        c = rng.randrange(2, 15)
        n = rng.choice([0, 1, 2, 3, 5, -1]) if rng.random() < 0.3 else rng.randrange(1, 6)
        img.emit(rri8(2, 10, (n >> 8) & 15, c, n & 0xff))
        # LOOP needs a positive count, LOOPNEZ a non-negative one (else 2^32 passes)
        kind = rng.randrange(3) if n > 0 else (rng.randrange(1, 3) if n == 0 else 2)
        at = img.emit(0)
        pc = img.pc() - 3
        for _ in range(rng.randrange(1, 4)):
            k = rng.random()
            if k < 0.6:
                r, s, t = rng.choice([x for x in range(15) if x != c]), self.sreg(), self.sreg()
                img.emit(rrr(rng.choice([1, 2, 3, 8, 9, 12]), 0, r, s, t))
            else:
                r = rng.choice([x for x in range(15) if x != c])
                img.emit(rrrn(11, r, r, rng.randrange(16)), 2)
        end = img.pc()
        img.patch(at, rri8(6, 8 + kind, c, 7, end - pc - 4))
        return ('loop', 'loopnez', 'loopgtz')[kind] + ' n=%d' % n

    def g_mac16(self):
        """The MAC16 forms: (U)MUL*.AA, MUL*.AD/DA/DD, the MULA.DA/DD load forms and
        LDINC/LDDEC (their address register points into the scratch memory)."""
        rng = self.rng
        img = self.img
        k = rng.randrange(6)
        half = rng.randrange(4)
        op = rng.randrange(1, 4)
        s, t = self.sreg(), self.sreg()
        x, y = rng.randrange(2), rng.randrange(2)
        if k == 0:
            op = rng.randrange(4)
            img.emit(rrr(7, (op << 2) | half, 0, s, t, 4))
            return 'mac16 aa op=%d h=%d' % (op, half)
        if k == 1:
            img.emit(rrr(6, (op << 2) | half, x << 2, 0, t, 4))
            return 'mac16 da op=%d x=%d h=%d' % (op, x, half)
        if k == 2:
            img.emit(rrr(3, (op << 2) | half, 0, s, y << 2, 4))
            return 'mac16 ad op=%d y=%d h=%d' % (op, y, half)
        if k == 3:
            img.emit(rrr(2, (op << 2) | half, x << 2, 0, y << 2, 4))
            return 'mac16 dd op=%d x=%d y=%d h=%d' % (op, x, y, half)
        # the load forms: as = an address in the scratch with room on both sides
        a = self.dreg()
        img.l32r(a, DATA_ADDR + SCRATCH_OFF + rng.randrange(8, SCRATCH_SIZE - 8, 4))
        w = rng.randrange(4)
        inc = rng.randrange(2)
        if k == 4:
            kind = rng.randrange(3)
            if kind == 0:
                img.emit(rrr(9 - inc, 0, w, a, 0, 4))
                self.tb_break()
                return 'mac16 ld%s w=%d' % ('inc' if inc else 'dec', w)
            if kind == 1:
                img.emit(rrr(1 - inc, (2 << 2) | half, (x << 2) | w, a, y << 2, 4))
                self.tb_break()
                return 'mac16 mula.dd.ld w=%d x=%d y=%d' % (w, x, y)
        img.emit(rrr(5 - inc, (2 << 2) | half, (x << 2) | w, a, t, 4))
        self.tb_break()
        return 'mac16 mula.da.ld w=%d x=%d t=%d' % (w, x, t)

    def g_bool(self):
        """Boolean ops, ANY/ALL, MOVF/MOVT and BF/BT."""
        rng = self.rng
        img = self.img
        k = rng.randrange(4)
        if k == 0:
            img.emit(rrr(rng.randrange(5), 2, rng.randrange(16), rng.randrange(16),
                         rng.randrange(16)))
            self.tb_break()     # qemu aliases BR, BR4, BR8 as separate TCG globals too
            return 'bool op'
        if k == 1:
            r = rng.randrange(8, 12)
            n = 8 if r & 2 else 4
            img.emit(rrr(0, 0, r, rng.randrange(0, 16, n), rng.randrange(16)))
            self.tb_break()
            return 'any/all'
        if k == 2:
            img.emit(rrr(rng.randrange(12, 14), 3, self.dreg(), self.sreg(), rng.randrange(16)))
            return 'movf/movt'
        at = img.emit(0)
        pc = img.pc() - 3
        self.filler(rng.randrange(3))
        img.patch(at, rri8(6, rng.randrange(2), rng.randrange(16), 7, img.pc() - pc - 4))
        return 'bf/bt'

    def g_fp(self):
        """The FP coprocessor: arithmetic, multiply-add, scaled conversions, moves,
        compares into booleans, conditional moves, loads and stores, the rounding mode."""
        rng = self.rng
        img = self.img
        k = rng.randrange(10)
        fr, fs, ft = rng.randrange(16), rng.randrange(16), rng.randrange(16)
        if k <= 2:
            op2 = rng.choice([0, 1, 2, 4, 5])
            img.emit(rrr(op2, 10, fr, fs, ft))
            return 'fp arith op2=%d' % op2
        if k == 3:
            op2 = rng.choice([8, 9, 10, 11, 14])
            img.emit(rrr(op2, 10, self.dreg(), fs, rng.randrange(16)))
            return 'fp to int op2=%d' % op2
        if k == 4:
            op2 = rng.choice([12, 13])
            img.emit(rrr(op2, 10, fr, self.sreg(), rng.randrange(16)))
            return 'fp from int op2=%d' % op2
        if k == 5:
            t = rng.choice([0, 1, 4, 5, 6])
            if t == 4:
                img.emit(rrr(15, 10, self.dreg(), fs, 4))
            elif t == 5:
                img.emit(rrr(15, 10, fr, self.sreg(), 5))
            else:
                img.emit(rrr(15, 10, fr, fs, t))
            return 'fp1op t=%d' % t
        if k == 6:
            if not self.has('boolean'):
                return self.g_fp()
            op2 = rng.randrange(1, 8)
            img.emit(rrr(op2, 11, rng.randrange(16), fs, ft))
            self.tb_break()
            return 'fp cmp op2=%d' % op2
        if k == 7:
            op2 = rng.randrange(8, 14 if self.has('boolean') else 12)
            img.emit(rrr(op2, 11, fr, fs, self.sreg() if op2 < 12 else rng.randrange(16)))
            return 'fp movcc op2=%d' % op2
        if k == 8:
            a, room = self.addr_reg(4)
            r = rng.choice([0, 4, 8, 12])
            img.emit(rri8(3, r, a, ft, rng.randrange(room + 1)))
            return 'fp lsi r=%d' % r
        # the rounding mode: movi a, rm; wur fcr, a
        a = self.dreg()
        img.emit(rri8(2, 10, 0, a, rng.randrange(4)))
        img.emit(rrr(15, 3, 0xe, 8, a))
        return 'wur fcr'

    def groups(self):
        g = [(self.g_alu, 8), (self.g_neg_abs, 1), (self.g_addi, 3), (self.g_shift_imm, 4),
             (self.g_sar, 3), (self.g_mul, 2), (self.g_misc, 3), (self.g_rsr, 2),
             (self.g_narrow, 3), (self.g_mem, 4), (self.g_l32r, 1), (self.g_branch, 4),
             (self.g_jump, 1), (self.g_call0, 1)]
        if self.has('nsa'):
            g.append((self.g_nsa, 1))
        if self.has('div32'):
            g.append((self.g_div, 2))
        if self.has('s32c1i'):
            g.append((self.g_s32c1i, 1))
        if self.has('loop'):
            g.append((self.g_loop, 2))
        if self.has('mac16'):
            g.append((self.g_mac16, 2))
        if self.has('boolean'):
            g.append((self.g_bool, 2))
        if self.has('fp'):
            g.append((self.g_fp, 8))
        if self.has('litbase'):
            g.append((self.g_litbase, 1))
        if self.has('threadptr'):
            g.append((self.g_threadptr, 1))
        only = os.environ.get('XTENSA_FUZZ_ONLY')   # debugging: "g_mac16,g_rsr"
        if only:
            g = [(f, w) for f, w in g if f.__name__ in only.split(',')]
        return g

    # ---- sequences ----

    def sequence(self, init_addr, dump_addr, length):
        img = self.img
        # initial state: a15 = init record; SAR and the special registers from it
        img.l32r(15, init_addr)
        img.emit(rri8(2, 2, 15, 0, ST_SAR))
        img.emit(rrr(1, 3, 0, 3, 0))                 # wsr a0, sar
        if self.has('s32c1i'):
            img.emit(rri8(2, 2, 15, 0, ST_SCOMPARE1))
            img.emit(rrr(1, 3, 0, 12, 0))
        if self.has('mac16'):
            for word, sr in ((ST_ACCLO, 16), (ST_ACCHI, 17), (ST_M0, 32), (ST_M0 + 1, 33),
                             (ST_M0 + 2, 34), (ST_M0 + 3, 35)):
                img.emit(rri8(2, 2, 15, 0, word))
                img.emit(rrr(1, 3, sr >> 4, sr & 15, 0))
        if self.has('boolean'):
            img.emit(rri8(2, 2, 15, 0, ST_BR))
            img.emit(rrr(1, 3, 0, 4, 0))
        if self.has('fp'):
            img.emit(rri8(2, 10, 0, 0, 0))
            img.emit(rrr(15, 3, 0xe, 8, 0))          # wur fcr, a0 (= 0: nearest)
            for f in range(16):
                img.emit(rri8(2, 2, 15, 0, ST_F + f))
                img.emit(rrr(15, 10, f, 0, 5))       # wfr f, a0
        for r in range(15):
            img.emit(rri8(2, 2, 15, r, r))
        img.l32r(15, dump_addr)
        if self.has('mac16') or self.has('boolean'):
            self.tb_break()
        # body
        table = self.groups()
        weights = [w for _, w in table]
        desc = []
        before = img.count
        for _ in range(length):
            fn = self.rng.choices([f for f, _ in table], weights)[0]
            desc.append(fn())
        self.body_insns += img.count - before
        # dump
        for r in range(15):
            img.emit(rri8(2, 6, 15, r, r))
        img.emit(rrr(0, 3, 0, 3, 0))                 # rsr a0, sar
        img.emit(rri8(2, 6, 15, 0, ST_SAR))
        if self.has('s32c1i'):
            img.emit(rrr(0, 3, 0, 12, 0))
            img.emit(rri8(2, 6, 15, 0, ST_SCOMPARE1))
        if self.has('mac16'):
            for word, sr in ((ST_ACCLO, 16), (ST_ACCHI, 17), (ST_M0, 32), (ST_M0 + 1, 33),
                             (ST_M0 + 2, 34), (ST_M0 + 3, 35)):
                img.emit(rrr(0, 3, sr >> 4, sr & 15, 0))
                img.emit(rri8(2, 6, 15, 0, word))
        if self.has('boolean'):
            img.emit(rrr(0, 3, 0, 4, 0))
            img.emit(rri8(2, 6, 15, 0, ST_BR))
        if self.has('fp'):
            for f in range(16):
                img.emit(rrr(15, 10, 0, f, 4))       # rfr a0, f
                img.emit(rri8(2, 6, 15, 0, ST_F + f))
        if self.has('loop'):
            img.emit(rrr(0, 3, 0, 2, 0))             # rsr a0, lcount
            img.emit(rri8(2, 6, 15, 0, ST_LCOUNT))
        # write(1, dump, STATE_SIZE); write(1, scratch, SCRATCH_SIZE)
        for buf, size in ((dump_addr, STATE_SIZE), (DATA_ADDR + SCRATCH_OFF, SCRATCH_SIZE)):
            img.emit(rri8(2, 10, 0, 2, 13))          # movi a2, 13 (write)
            img.emit(rri8(2, 10, 0, 6, 1))           # movi a6, 1
            img.l32r(3, buf)
            img.emit(rri8(2, 10, size >> 8, 4, size & 0xff))
            img.emit(0x005000)                       # syscall
        self.listing.append(desc)


def generate(seed, core, be, nseq=100, length=40):
    """Returns (elf bytes, listing, random instructions) for a program of nseq sequences."""
    rng = random.Random(seed)
    g = Gen(rng, core, be)
    # literal pool size is fixed first so that code addresses do not move
    g.img.max_lits = 64 + nseq * (length + 8)
    data = bytearray(0x1000 + SCRATCH_SIZE + 0x1000)
    e = '>' if be else '<'
    for i in range(SCRATCH_SIZE // 4):
        struct.pack_into(e + 'I', data, SCRATCH_OFF + 4 * i, rand_word(rng))
    dump = DATA_ADDR + 0x2000 - STATE_SIZE
    inits = []
    for i in range(nseq):
        rec = [rand_word(rng) for _ in range(ST_WORDS)]
        rec[ST_SAR] &= 0x3f
        rec[ST_BR] &= 0xffff
        for f in range(16):
            rec[ST_F + f] = rand_float(rng)
        inits.append(rec)
    init_area = bytearray()
    for rec in inits:
        init_area += b''.join(struct.pack(e + 'I', v) for v in rec).ljust(STATE_SIZE, b'\0')
    data = bytes(data[:0x2000 - STATE_SIZE]).ljust(0x2000, b'\0') + bytes(init_area)
    for i in range(nseq):
        g.sequence(DATA_ADDR + 0x2000 + STATE_SIZE * i, dump, length)
    g.img.emit(rri8(2, 10, 0, 2, 119))               # exit_group(0)
    g.img.emit(rri8(2, 10, 0, 6, 0))
    g.img.emit(0x005000)
    assert len(g.img.lits) <= g.img.max_lits
    return elf(g.img, data, be), g.listing, g.body_insns
