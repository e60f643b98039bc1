//go:build amd64 && !purego

#include "textflag.h"

// REDUCE sets *z (z+0(FP)) to t0..t7 (R8..R15) mod p: the high half folded in with
// 2^256 ≡ c = 0x1000003D1, then c·r4, then c once more on a carry out, then p
// subtracted if r ≥ p, which is when r + c carries out of 2^256. Clobbers AX, BX, CX,
// DX, SI, DI.
#define REDUCE \
	MOVQ  $0x1000003D1, DX \
	XORQ  CX, CX \
	MULXQ R12, AX, BX \
	ADOXQ AX, R8 \
	ADCXQ BX, R9 \
	MULXQ R13, AX, BX \
	ADOXQ AX, R9 \
	ADCXQ BX, R10 \
	MULXQ R14, AX, BX \
	ADOXQ AX, R10 \
	ADCXQ BX, R11 \
	MULXQ R15, AX, R12 \
	ADOXQ AX, R11 \
	ADCXQ CX, R12 \
	ADOXQ CX, R12 \
	MULXQ R12, AX, BX \
	ADDQ  AX, R8 \
	ADCQ  BX, R9 \
	ADCQ  $0, R10 \
	ADCQ  $0, R11 \
	MOVQ  $0, AX \
	CMOVQCS DX, AX \
	ADDQ  AX, R8 \
	ADCQ  $0, R9 \
	ADCQ  $0, R10 \
	ADCQ  $0, R11 \
	MOVQ R8, AX \
	MOVQ R9, BX \
	MOVQ R10, CX \
	MOVQ R11, SI \
	ADDQ DX, AX \
	ADCQ $0, BX \
	ADCQ $0, CX \
	ADCQ $0, SI \
	CMOVQCS AX, R8 \
	CMOVQCS BX, R9 \
	CMOVQCS CX, R10 \
	CMOVQCS SI, R11 \
	MOVQ z+0(FP), DI \
	MOVQ R8, 0(DI) \
	MOVQ R9, 8(DI) \
	MOVQ R10, 16(DI) \
	MOVQ R11, 24(DI)

// MULROW adds x[off/8]·y (y at DI) into the five words t_i..t_(i+4) = a..e, e starting
// at zero: ADOX carries the low words of the partial products, ADCX the high words.
#define MULROW(off, a, b, c, d, e) \
	MOVQ  off(SI), DX \
	XORQ  e, e \
	XORQ  CX, CX \
	MULXQ 0(DI), AX, BX \
	ADOXQ AX, a \
	ADCXQ BX, b \
	MULXQ 8(DI), AX, BX \
	ADOXQ AX, b \
	ADCXQ BX, c \
	MULXQ 16(DI), AX, BX \
	ADOXQ AX, c \
	ADCXQ BX, d \
	MULXQ 24(DI), AX, BX \
	ADOXQ AX, d \
	ADCXQ BX, e \
	ADOXQ CX, e

// func feMulADX(z, x, y *fe)
//
// z = x·y mod p, p = 2^256 - 0x1000003D1, for x, y < p; z < p. The 512-bit product t0..t7
// (R8..R15) is built row by row, each row with two carry chains (ADOX for the low words of
// the partial products, ADCX for the high words); the high half is then folded in twice
// with 2^256 ≡ 0x1000003D1, and p subtracted once if needed.
TEXT ·feMulADX(SB), NOSPLIT, $0-24
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), DI

	// row 0: t0..t4 = x0·y
	MOVQ  0(SI), DX
	MULXQ 0(DI), R8, R9
	MULXQ 8(DI), AX, R10
	ADDQ  AX, R9
	MULXQ 16(DI), AX, R11
	ADCQ  AX, R10
	MULXQ 24(DI), AX, R12
	ADCQ  AX, R11
	ADCQ  $0, R12

	// rows 1–3: t_i..t_(i+4) += x_i·y
	MULROW(8, R9, R10, R11, R12, R13)
	MULROW(16, R10, R11, R12, R13, R14)
	MULROW(24, R11, R12, R13, R14, R15)

	REDUCE
	RET

// func feSqrADX(z, x *fe)
//
// z = x² mod p: the six cross products once, doubled, plus the four squares, then REDUCE.
TEXT ·feSqrADX(SB), NOSPLIT, $0-16
	MOVQ x+8(FP), SI

	// cross products x_i·x_j, i < j, into t1..t6
	MOVQ  0(SI), DX
	MULXQ 8(SI), R9, R10
	MULXQ 16(SI), AX, R11
	ADDQ  AX, R10
	MULXQ 24(SI), AX, R12
	ADCQ  AX, R11
	ADCQ  $0, R12
	MOVQ  8(SI), DX
	XORQ  R13, R13
	XORQ  CX, CX
	MULXQ 16(SI), AX, BX
	ADOXQ AX, R11
	ADCXQ BX, R12
	MULXQ 24(SI), AX, BX
	ADOXQ AX, R12
	ADCXQ BX, R13
	ADOXQ CX, R13
	MOVQ  16(SI), DX
	XORQ  R14, R14
	MULXQ 24(SI), AX, R14
	ADDQ  AX, R13
	ADCQ  $0, R14

	// double them into t1..t7
	XORQ R15, R15
	ADDQ R9, R9
	ADCQ R10, R10
	ADCQ R11, R11
	ADCQ R12, R12
	ADCQ R13, R13
	ADCQ R14, R14
	ADCQ $0, R15

	// add the squares x_i² at t_2i
	MOVQ  0(SI), DX
	MULXQ DX, R8, AX
	ADDQ  AX, R9
	MOVQ  8(SI), DX
	MULXQ DX, AX, BX
	ADCQ  AX, R10
	ADCQ  BX, R11
	MOVQ  16(SI), DX
	MULXQ DX, AX, BX
	ADCQ  AX, R12
	ADCQ  BX, R13
	MOVQ  24(SI), DX
	MULXQ DX, AX, BX
	ADCQ  AX, R14
	ADCQ  BX, R15

	REDUCE
	RET

// func feAddAsm(z, x, y *fe)
//
// z = x + y mod p for x, y < p: a carry out of 2^256 is 2^256 ≡ c, and then the sum is
// below p - c; otherwise p is subtracted when sum + c carries.
TEXT ·feAddAsm(SB), NOSPLIT, $0-24
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), DI
	MOVQ 0(SI), R8
	MOVQ 8(SI), R9
	MOVQ 16(SI), R10
	MOVQ 24(SI), R11
	ADDQ 0(DI), R8
	ADCQ 8(DI), R9
	ADCQ 16(DI), R10
	ADCQ 24(DI), R11
	MOVQ $0x1000003D1, DX
	MOVQ $0, AX
	CMOVQCS DX, AX
	ADDQ AX, R8
	ADCQ $0, R9
	ADCQ $0, R10
	ADCQ $0, R11
	MOVQ R8, AX
	MOVQ R9, BX
	MOVQ R10, CX
	MOVQ R11, SI
	ADDQ DX, AX
	ADCQ $0, BX
	ADCQ $0, CX
	ADCQ $0, SI
	CMOVQCS AX, R8
	CMOVQCS BX, R9
	CMOVQCS CX, R10
	CMOVQCS SI, R11
	MOVQ z+0(FP), DI
	MOVQ R8, 0(DI)
	MOVQ R9, 8(DI)
	MOVQ R10, 16(DI)
	MOVQ R11, 24(DI)
	RET

// func feSubAsm(z, x, y *fe)
//
// z = x - y mod p for x, y < p: on a borrow the difference wrapped by 2^256, and
// subtracting c more gives x - y + p.
TEXT ·feSubAsm(SB), NOSPLIT, $0-24
	MOVQ x+8(FP), SI
	MOVQ y+16(FP), DI
	MOVQ 0(SI), R8
	MOVQ 8(SI), R9
	MOVQ 16(SI), R10
	MOVQ 24(SI), R11
	SUBQ 0(DI), R8
	SBBQ 8(DI), R9
	SBBQ 16(DI), R10
	SBBQ 24(DI), R11
	MOVQ $0x1000003D1, DX
	MOVQ $0, AX
	CMOVQCS DX, AX
	SUBQ AX, R8
	SBBQ $0, R9
	SBBQ $0, R10
	SBBQ $0, R11
	MOVQ z+0(FP), DI
	MOVQ R8, 0(DI)
	MOVQ R9, 8(DI)
	MOVQ R10, 16(DI)
	MOVQ R11, 24(DI)
	RET
