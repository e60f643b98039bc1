//go:build amd64 && !purego

package keccak

import (
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/utils/cpu"
)

// TestDispatchAVX512F: the kernel is gated on exactly AVX-512F and the OS's ZMM state,
// not on gnark-crypto's stricter check (which also demands DQ and VBMI2 and so turned the
// kernel off on Skylake-SP and Cascade Lake).
func TestDispatchAVX512F(t *testing.T) {
	const (
		osxsave = 1 << 27
		f512    = 1 << 16
		xcr0    = 0xe7 // x87, SSE, AVX, opmask, ZMM_Hi256, Hi16_ZMM
	)
	for _, tc := range []struct {
		name string
		f    features
		want bool
	}{
		// Skylake-SP/Cascade Lake: F, CD, BW, DQ, VL (EBX bits 16, 17, 28, 30, 31), no VBMI2.
		{"skylake-sp", features{maxLeaf: 0x16, leaf1ECX: osxsave, leaf7EBX: f512 | 1<<17 | 1<<28 | 1<<30 | 1<<31, xcr0: xcr0}, true},
		{"foundation only", features{maxLeaf: 7, leaf1ECX: osxsave, leaf7EBX: f512, xcr0: xcr0}, true},
		{"no avx512f", features{maxLeaf: 0x16, leaf1ECX: osxsave, leaf7EBX: 1 << 5, xcr0: xcr0}, false},
		{"os does not save zmm", features{maxLeaf: 0x16, leaf1ECX: osxsave, leaf7EBX: f512, xcr0: 0x07}, false},
		{"os does not save opmask", features{maxLeaf: 0x16, leaf1ECX: osxsave, leaf7EBX: f512, xcr0: 0xc7}, false},
		{"no osxsave", features{maxLeaf: 0x16, leaf7EBX: f512, xcr0: xcr0}, false},
		{"no leaf 7", features{maxLeaf: 6, leaf1ECX: osxsave, leaf7EBX: f512, xcr0: xcr0}, false},
	} {
		if got := avx512F(tc.f); got != tc.want {
			t.Errorf("%s: avx512F = %v, want %v", tc.name, got, tc.want)
		}
	}

	// On this machine: whenever gnark-crypto's stricter check passes, ours does; and on
	// Linux the kernel's own flag list agrees with what we read.
	if cpu.SupportAVX512 && !haveX8 {
		t.Error("gnark-crypto reports AVX-512 (F, DQ, VBMI2) but the dispatch is off")
	}
	if runtime.GOOS == "linux" {
		info, err := os.ReadFile("/proc/cpuinfo")
		if err != nil {
			t.Skipf("no /proc/cpuinfo: %v", err)
		}
		has := false
		for _, line := range strings.Split(string(info), "\n") {
			if strings.HasPrefix(line, "flags") {
				has = strings.Contains(" "+line+" ", " avx512f ")
				break
			}
		}
		if has != haveX8 {
			t.Errorf("/proc/cpuinfo avx512f = %v, dispatch = %v", has, haveX8)
		}
	}
}
