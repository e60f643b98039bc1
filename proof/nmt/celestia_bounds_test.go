package nmt

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
)

// TestBoundsCelestiaDecoders: the protobuf and JSON decoders of the Celestia formats stay
// within the project's allocation bound on the inputs that cost the most per byte (the
// smallest repeated elements), and refuse oversized counts before allocating.
func TestBoundsCelestiaDecoders(t *testing.T) {
	rep := func(elem []byte, n int) []byte { return bytes.Repeat(elem, n) }
	wrap := func(num byte, body []byte) []byte {
		return append(appendVarint([]byte{num<<3 | wireBytes}, uint64(len(body))), body...)
	}
	const n = 20000
	cases := []struct {
		name string
		in   []byte
		f    func([]byte) error
	}{
		{"ShareProof of empty shares", rep([]byte{0x0a, 0}, n), func(b []byte) error { _, err := DecodeShareProof(b); return err }},
		{"ShareProof of empty NMT proofs", rep([]byte{0x12, 0}, n), func(b []byte) error { _, err := DecodeShareProof(b); return err }},
		{"ShareProof of empty row proofs", wrap(4, rep([]byte{0x12, 0}, n)), func(b []byte) error { _, err := DecodeShareProof(b); return err }},
		{"RowProof of empty row roots", rep([]byte{0x0a, 0}, n), func(b []byte) error { _, err := DecodeRowProof(b); return err }},
		{"nmt Proof of 128 empty nodes", rep([]byte{0x1a, 0}, MaxProofNodes), func(b []byte) error { _, err := DecodeProtoProof(b); return err }},
		{"nmt Proof of 129 nodes", rep([]byte{0x1a, 0}, MaxProofNodes+1), func(b []byte) error { _, err := DecodeProtoProof(b); return err }},
		{"Merkle proof of 65 aunts", rep(append([]byte{0x22, 32}, make([]byte, 32)...), 65), func(b []byte) error { _, err := DecodeMerkleProof(b); return err }},
		{"JSON ShareProof of empty shares", []byte(`{"data":[` + strings.Repeat(`"",`, n) + `""],"row_proof":{}}`), func(b []byte) error {
			var sp ShareProof
			return json.Unmarshal(b, &sp)
		}},
		{"JSON ShareProof of empty NMT proofs", []byte(`{"share_proofs":[` + strings.Repeat(`{},`, n) + `{}],"row_proof":{}}`), func(b []byte) error {
			var sp ShareProof
			return json.Unmarshal(b, &sp)
		}},
		{"JSON RowProof of empty Merkle proofs", []byte(`{"proofs":[` + strings.Repeat(`{},`, n) + `{}]}`), func(b []byte) error {
			var rp RowProof
			return json.Unmarshal(b, &rp)
		}},
		{"JSON nmt Proof of 129 nodes", []byte(`{"nodes":[` + strings.Repeat(`"",`, MaxProofNodes) + `""]}`), func(b []byte) error {
			var p Proof
			return json.Unmarshal(b, &p)
		}},
	}
	for _, c := range cases {
		var err error
		u := hostile.Bounded(t, c.name, len(c.in), func() { err = c.f(c.in) })
		if err != nil && !isSentinel(err) {
			t.Errorf("%s: unnamed error %v", c.name, err)
		}
		logUsage(t, c.name, len(c.in), u)
	}
	if _, err := DecodeProtoProof(rep([]byte{0x1a, 0}, MaxProofNodes+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("129 nodes: %v", err)
	}
	if _, err := DecodeMerkleProof(rep(append([]byte{0x22, 32}, make([]byte, 32)...), 65)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("65 aunts: %v", err)
	}
}

// TestBoundsShareProofVerify: verifying many shares, and share proofs claiming a huge row
// or tree, allocates in proportion to the shares given and refuses the claims.
func TestBoundsShareProofVerify(t *testing.T) {
	proofs, roots := fuzzFixtures(&testing.F{})
	if len(proofs) == 0 {
		t.Fatal("no fixtures")
	}
	sp, root := proofs[0], roots[0]
	// Ten thousand shares claimed by one proof of a huge range: refused by the count check
	// before a share is copied.
	big := sp
	big.Data = make([][]byte, 10000)
	for i := range big.Data {
		big.Data[i] = sp.Data[0]
	}
	big.ShareProofs = []Proof{{Start: 0, End: MaxLeaves}}
	in := len(big.Data) * (len(sp.Data[0]) + 24)
	var err error
	u := hostile.Bounded(t, "share proof over a huge range", in, func() { err = big.Verify(root) })
	if !errors.Is(err, ErrInvalidProof) {
		t.Errorf("huge range: %v", err)
	}
	logUsage(t, "share proof over a huge range", in, u)
	// A row proof claiming a tree of 2^62 leaves.
	huge := sp
	huge.RowProof.Proofs = append([]MerkleProof{}, sp.RowProof.Proofs...)
	huge.RowProof.Proofs[0].Total = 1 << 62
	if err := huge.Verify(root); !errors.Is(err, ErrDataRoot) && !errors.Is(err, ErrInvalidRange) {
		t.Errorf("tree of 2^62 leaves: %v", err)
	}
	// Many real shares: all copied once with their namespace.
	many := sp
	many.Data = big.Data[:4096]
	many.ShareProofs = []Proof{{Start: 0, End: 4096}}
	u = hostile.Bounded(t, "4096 shares", 4096*(len(sp.Data[0])+24), func() { err = many.Verify(root) })
	if err == nil {
		t.Error("4096 copies of one share verified")
	}
	logUsage(t, "4096 shares", 4096*(len(sp.Data[0])+24), u)
	_ = fmt.Sprint
	_ = interop.Hash{}
}

// TestConcurrentShareProof: one decoded share proof verified from 16 goroutines at once
// (go test -race): verification only reads it.
func TestConcurrentShareProof(t *testing.T) {
	proofs, roots := fuzzFixtures(&testing.F{})
	sp, root := proofs[len(proofs)-1], roots[len(roots)-1]
	enc, _ := sp.AppendProto(nil)
	shared, err := DecodeShareProof(enc)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 8, func(g int) {
		if err := shared.Verify(root); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if err := shared.RowProof.Verify(root); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if again, _ := shared.AppendProto(nil); !bytes.Equal(again, enc) {
			t.Errorf("goroutine %d: encoding changed", g)
		}
	})
}
