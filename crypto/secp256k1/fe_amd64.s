//go:build amd64 && !purego

#include "textflag.h"

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

	// row 1: t1..t5 += x1·y
	MOVQ  8(SI), DX
	XORQ  R13, R13
	XORQ  CX, CX
	MULXQ 0(DI), AX, BX
	ADOXQ AX, R9
	ADCXQ BX, R10
	MULXQ 8(DI), AX, BX
	ADOXQ AX, R10
	ADCXQ BX, R11
	MULXQ 16(DI), AX, BX
	ADOXQ AX, R11
	ADCXQ BX, R12
	MULXQ 24(DI), AX, BX
	ADOXQ AX, R12
	ADCXQ BX, R13
	ADOXQ CX, R13

	// row 2: t2..t6 += x2·y
	MOVQ  16(SI), DX
	XORQ  R14, R14
	XORQ  CX, CX
	MULXQ 0(DI), AX, BX
	ADOXQ AX, R10
	ADCXQ BX, R11
	MULXQ 8(DI), AX, BX
	ADOXQ AX, R11
	ADCXQ BX, R12
	MULXQ 16(DI), AX, BX
	ADOXQ AX, R12
	ADCXQ BX, R13
	MULXQ 24(DI), AX, BX
	ADOXQ AX, R13
	ADCXQ BX, R14
	ADOXQ CX, R14

	// row 3: t3..t7 += x3·y
	MOVQ  24(SI), DX
	XORQ  R15, R15
	XORQ  CX, CX
	MULXQ 0(DI), AX, BX
	ADOXQ AX, R11
	ADCXQ BX, R12
	MULXQ 8(DI), AX, BX
	ADOXQ AX, R12
	ADCXQ BX, R13
	MULXQ 16(DI), AX, BX
	ADOXQ AX, R13
	ADCXQ BX, R14
	MULXQ 24(DI), AX, BX
	ADOXQ AX, R14
	ADCXQ BX, R15
	ADOXQ CX, R15

	// fold: r0..r4 = t0..t3 + c·(t4..t7)
	MOVQ  $0x1000003D1, DX
	XORQ  CX, CX
	MULXQ R12, AX, BX
	ADOXQ AX, R8
	ADCXQ BX, R9
	MULXQ R13, AX, BX
	ADOXQ AX, R9
	ADCXQ BX, R10
	MULXQ R14, AX, BX
	ADOXQ AX, R10
	ADCXQ BX, R11
	MULXQ R15, AX, R12
	ADOXQ AX, R11
	ADCXQ CX, R12
	ADOXQ CX, R12

	// fold r4 (< 2^34): r0..r3 += c·r4, then c once more on a carry out
	MULXQ R12, AX, BX
	ADDQ  AX, R8
	ADCQ  BX, R9
	ADCQ  $0, R10
	ADCQ  $0, R11
	MOVQ  $0, AX
	CMOVQCS DX, AX
	ADDQ  AX, R8
	ADCQ  $0, R9
	ADCQ  $0, R10
	ADCQ  $0, R11

	// r ≥ p exactly when r + c carries out of 2^256; then r + c - 2^256 = r - p
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
