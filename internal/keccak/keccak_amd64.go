//go:build amd64 && !purego

package keccak

import "github.com/consensys/gnark-crypto/utils/cpu"

// haveX8 reports whether the eight-lane AVX-512 permutation can run here (AVX-512F with
// the operating system saving its registers; gnark-crypto's check also asks for DQ and
// VBMI2, which every AVX-512 CPU with ternary logic and 64-bit rotates in use has).
var haveX8 = cpu.SupportAVX512

// keccakF1600x8 applies Keccak-f[1600] to each of the eight interleaved states.
//
//go:noescape
func keccakF1600x8(a *state8, rc *[24]uint64)
