package espresso

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/ordering"
)

// TestBuilderLayout checks the byte layout of each builder call against a hand-written
// preimage: constant strings end in C0 7F, integers are little-endian u64, variable-size
// bytes carry their u64 length, and optional(None) is u64_field(name, 0).
func TestBuilderLayout(t *testing.T) {
	c := interop.Hash{1, 2, 3}
	b := newBuilder("T").u64Field("n", 5).varField("v", []byte{9, 9}).field("c", c).
		fixedField("f", []byte{7}).optional("o", nil).optional("p", &c)
	var want []byte
	str := func(s string) { want = append(want, s...); want = append(want, 0xC0, 0x7F) }
	u64 := func(v uint64) { want = binary.LittleEndian.AppendUint64(want, v) }
	str("T")
	str("n")
	u64(5)
	str("v")
	u64(2)
	want = append(want, 9, 9)
	str("c")
	want = append(want, c[:]...)
	str("f")
	want = append(want, 7)
	str("o")
	u64(0)
	str("p")
	want = append(want, c[:]...)
	if !bytes.Equal(b.buf, want) {
		t.Fatalf("preimage\n%x\nwant\n%x", b.buf, want)
	}
	if b.finalize() != keccak.Sum256(want) {
		t.Fatal("finalize is not keccak256 of the preimage")
	}
	// The package's namespace-table commitment is this builder's.
	ns := []byte{1, 0, 0, 0, 5, 0, 0, 0, 9, 0, 0, 0}
	if newBuilder(TagNsTable).varBytes(ns).finalize() != ordering.NsTableCommitment(ns) {
		t.Fatal("NsTableCommitment disagrees with the builder")
	}
}
