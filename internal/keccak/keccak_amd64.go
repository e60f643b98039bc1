//go:build amd64 && !purego

package keccak

//go:generate sh -c "python3 gen.py > keccakf_amd64.s"

// haveX8 reports whether the eight-lane AVX-512 permutation can run here. The kernel uses
// only AVX-512F instructions on ZMM registers (VPTERNLOGQ, VPROLQ, VPXORQ, VMOVDQA64,
// VMOVDQU64, VPBROADCASTQ), so that is all it asks for: Skylake-SP and Cascade Lake
// servers, which lack DQ's and VBMI2's companions in some checks, run it too.
var haveX8 = avx512F(readFeatures())

// features are the CPUID and XCR0 bits the dispatch reads.
type features struct {
	maxLeaf  uint32 // CPUID.0:EAX
	leaf1ECX uint32 // CPUID.1:ECX
	leaf7EBX uint32 // CPUID.(EAX=7,ECX=0):EBX
	xcr0     uint32 // XGETBV(0) low word; read only when OSXSAVE is set
}

func readFeatures() features {
	var f features
	f.maxLeaf, _, _, _ = cpuid(0, 0)
	if f.maxLeaf < 1 {
		return f
	}
	_, _, f.leaf1ECX, _ = cpuid(1, 0)
	if f.maxLeaf >= 7 {
		_, f.leaf7EBX, _, _ = cpuid(7, 0)
	}
	if f.leaf1ECX&(1<<27) != 0 { // OSXSAVE: XGETBV may be executed
		f.xcr0, _ = xgetbv0()
	}
	return f
}

// avx512F reports whether the processor has AVX-512 Foundation and the operating system
// saves the state it needs (Intel SDM vol. 1 §15.2: XCR0 bits 1, 2 for SSE and AVX, 5, 6, 7
// for the opmask registers and the upper halves of ZMM0-15 and ZMM16-31).
func avx512F(f features) bool {
	const (
		osxsave  = 1 << 27
		avx512f  = 1 << 16
		xcr0ZMM  = 1<<1 | 1<<2 | 1<<5 | 1<<6 | 1<<7
		leafAVX5 = 7
	)
	return f.maxLeaf >= leafAVX5 && f.leaf1ECX&osxsave != 0 && f.xcr0&xcr0ZMM == xcr0ZMM && f.leaf7EBX&avx512f != 0
}

// cpuid executes CPUID with EAX and ECX set as given.
func cpuid(eaxArg, ecxArg uint32) (eax, ebx, ecx, edx uint32)

// xgetbv0 reads XCR0.
func xgetbv0() (eax, edx uint32)

// keccakF1600x8 applies Keccak-f[1600] to each of the eight interleaved states.
//
//go:noescape
func keccakF1600x8(a *state8, rc *[24]uint64)
