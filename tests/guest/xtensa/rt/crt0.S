/*
 * Process entry for the Xtensa guest test programs (call0 ABI, any core):
 * Linux starts a process with a1 at argc, followed by argv[], NULL,
 * envp[], NULL.  a0 = 0 marks the outermost frame.
 */
	.text
	.global	_start
	.type	_start, @function
	.align	4
_start:
	movi	a0, 0
	l32i	a2, a1, 0		/* argc */
	addi	a3, a1, 4		/* argv */
	addx4	a4, a2, a3		/* envp = argv + argc + 1 */
	addi	a4, a4, 4
	movi	a5, -16
	and	a1, a1, a5		/* 16-byte aligned stack */
	call0	__xt_start_c
1:	j	1b
	.size	_start, . - _start
