package secp256k1_test

import (
	"os"
	"os/exec"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/hostile"
)

// The tables behind recovery and key derivation are built on first use. Building them
// allocated on the heap (the 2^-k inversion table through math/big, and ~220 KiB of
// Jacobian scratch for the generator tables), so the first recovery in a process cost
// 143 KB for 97 bytes of input, over the 100-per-byte bound. They are now filled in place
// from stack buffers. The measurement runs in a fresh process, where it is the first use.
func TestHardeningFirstUseAllocation(t *testing.T) {
	if os.Getenv("SECP256K1_FIRST_USE_CHILD") == "1" {
		sig := [65]byte{31: 1, 63: 1}
		d := interop.Hash{1}
		hostile.Bounded(t, "first RecoverAddress in the process", 97, func() { _, _ = secp256k1.RecoverAddress(d, sig) })
		key := []byte("0123456789abcdef0123456789abcdef")
		hostile.Bounded(t, "first PrivateKeyFromBytes in the process", 32, func() { _, _ = secp256k1.PrivateKeyFromBytes(key) })
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHardeningFirstUseAllocation$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SECP256K1_FIRST_USE_CHILD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("first use in a fresh process: %v\n%s", err, out)
	}
}
