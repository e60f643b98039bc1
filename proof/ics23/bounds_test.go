package ics23

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/interopkit/interop/internal/hostile"
)

// hostileProofs are CommitmentProofs at the bounds of the decoder: the most objects per
// input byte each field allows, the longest paths, the most shared bytes.
func hostileProofs() []struct {
	name  string
	proof []byte
} {
	const n = 1 << 18
	emptyOp := pb(nil).bytes(4, nil) // an InnerOp of 2 bytes: the most ops per byte
	deepPath := pb(nil).bytes(1, []byte("k")).bytes(2, []byte("v")).bytes(3, tmLeaf)
	deepPath = append(deepPath, bytes.Repeat(emptyOp, n/2)...)
	var tinyExist, tinyNonexist, manyLookups, unknown pb
	for range n / 4 {
		tinyExist = tinyExist.bytes(1, pb(nil).bytes(1, nil)) // entry{exist{}}
	}
	for range n / 8 {
		tinyNonexist = tinyNonexist.bytes(1, pb(nil).bytes(2, pb(nil).bytes(2, nil).bytes(3, nil)))
	}
	for range n / 2 {
		manyLookups = manyLookups.bytes(2, nil)
	}
	manyLookups = manyLookups.bytes(1, pb(nil).bytes(1, compressedExist([]byte("k"), 128)))
	for range n / 2 {
		unknown = unknown.varint(15, 1)
	}
	// One lookup op with a 256 KB suffix that every step of 64 entries names 128 times.
	bigOp := pb(nil).varint(1, uint64(SHA256)).bytes(2, []byte{1}).bytes(3, make([]byte, 1<<18))
	var shared pb
	for i := range 64 {
		shared = shared.bytes(1, pb(nil).bytes(1, compressedExist([]byte{'k', byte(i)}, 128)))
	}
	shared = shared.bytes(2, bigOp)
	return []struct {
		name  string
		proof []byte
	}{
		{"a path of empty inner ops", pb(nil).bytes(1, deepPath)},
		{"a batch of empty existence proofs", pb(nil).bytes(3, tinyExist)},
		{"a batch of empty non-existence proofs", pb(nil).bytes(3, tinyNonexist)},
		{"a compressed batch of empty lookup ops", pb(nil).bytes(4, manyLookups)},
		{"a compressed batch of empty entries", pb(nil).bytes(4, tinyExist)},
		{"unknown fields", append(unknown, pb(nil).bytes(1, deepPath[:64])...)},
		{"a 256 KB lookup op at every step", pb(nil).bytes(4, shared)},
	}
}

// Every decoder and verifier allocates at most the project bound per input byte on every
// hostile proof. Not parallel: the counters are process-wide.
func TestBoundsAllocPerInputByte(t *testing.T) {
	root := make([]byte, 32)
	items := make([]KeyValue, 64)
	keys := make([][]byte, 64)
	for i := range items {
		items[i] = KeyValue{[]byte{'k', byte(i)}, []byte("v")}
		keys[i] = []byte{'k', byte(i), 0}
	}
	for _, c := range hostileProofs() {
		p := c.proof
		start := time.Now()
		for _, e := range []struct {
			name string
			f    func() error
		}{
			{"DecodeCommitmentProof", func() error { _, err := DecodeCommitmentProof(p); return err }},
			{"VerifyMembership", func() error { return VerifyMembership(TendermintSpec, root, p, []byte("k"), []byte("v")) }},
			{"VerifyNonMembership", func() error { return VerifyNonMembership(SMTSpec, root, p, []byte("m")) }},
			{"BatchVerifyMembership", func() error { return BatchVerifyMembership(TendermintSpec, root, p, items) }},
			{"BatchVerifyNonMembership", func() error { return BatchVerifyNonMembership(IAVLSpec, root, p, keys) }},
			{"AppendBinary", func() error {
				q, err := DecodeCommitmentProof(p)
				if err == nil {
					_ = must(q.AppendBinary(nil))
				}
				return err
			}},
			{"Calculate", func() error {
				q, err := DecodeCommitmentProof(p)
				if err == nil {
					_, err = q.Calculate()
				}
				return err
			}},
		} {
			var err error
			u := hostile.Bounded(t, c.name+": "+e.name, len(p), func() { err = e.f() })
			if err == nil && e.name != "DecodeCommitmentProof" && e.name != "Calculate" && e.name != "AppendBinary" {
				t.Errorf("%s: %s accepted", c.name, e.name)
			}
			if u.Bytes > 1<<20 {
				t.Logf("%s: %s of %d bytes allocated %d", c.name, e.name, len(p), u.Bytes)
			}
		}
		t.Logf("%s (%d bytes): %v for all entry points", c.name, len(p), time.Since(start))
	}
}

// The chain decoders and verifiers allocate at most the project bound per input byte on
// hostile chains: the most proofs or ops per byte, every hostile CommitmentProof inside a
// chain and inside an op, and MerkleProof-shaped bytes given to DecodeCommitmentProof (whose wrapper
// check decodes the proofs again). Not parallel: the counters are process-wide.
func TestBoundsChainAllocPerInputByte(t *testing.T) {
	const n = 1 << 17
	root := make([]byte, 32)
	path := NewMerklePath([]byte("ibc"), []byte("k"))
	var emptyProofs, tinyExists, emptyOps, tinyOps pb
	for range n {
		emptyProofs = emptyProofs.bytes(1, nil)
		emptyOps = emptyOps.bytes(1, nil)
	}
	for range n / 2 {
		tinyExists = tinyExists.bytes(1, pb(nil).bytes(1, nil))
	}
	for range n / 8 {
		tinyOps = tinyOps.bytes(1, pb(nil).bytes(1, []byte(ProofOpIAVL)).bytes(3, pb(nil).bytes(1, nil)))
	}
	type input struct {
		name string
		b    []byte
	}
	chains := []input{{"empty proofs", emptyProofs}, {"tiny existence proofs", tinyExists}}
	ops := []input{{"empty ops", emptyOps}, {"tiny ops", tinyOps}}
	for _, h := range hostileProofs() {
		chains = append(chains, input{"chain of " + h.name, pb(nil).bytes(1, h.proof).bytes(1, h.proof)})
		ops = append(ops, input{"op of " + h.name, pb(nil).bytes(1, pb(nil).bytes(1, []byte(ProofOpIAVL)).bytes(2, []byte("k")).bytes(3, h.proof))})
	}
	for _, c := range chains {
		hostile.Bounded(t, c.name+": DecodeMerkleProof", len(c.b), func() {
			if m, err := DecodeMerkleProof(c.b); err == nil {
				_ = m.VerifyMembership(SDKSpecs, root, path, []byte("v"))
				_ = m.VerifyNonMembership(SDKSpecs, root, path)
			}
		})
		hostile.Bounded(t, c.name+": DecodeCommitmentProof", len(c.b), func() { _, _ = DecodeCommitmentProof(c.b) })
		hostile.Bounded(t, c.name+": VerifyMerkleMembership", len(c.b), func() {
			if VerifyMerkleMembership(SDKSpecs, root, c.b, path, []byte("v")) == nil {
				t.Errorf("%s: accepted", c.name)
			}
		})
		hostile.Bounded(t, c.name+": VerifyMerkleNonMembership", len(c.b), func() {
			if VerifyMerkleNonMembership(SDKSpecs, root, c.b, path) == nil {
				t.Errorf("%s: accepted", c.name)
			}
		})
	}
	for _, c := range ops {
		hostile.Bounded(t, c.name+": DecodeProofOps", len(c.b), func() {
			if m, err := DecodeProofOps(c.b); err == nil {
				_ = m.VerifyMembership(SDKSpecs, root, path, []byte("v"))
			}
		})
		hostile.Bounded(t, c.name+": DecodeCommitmentProof", len(c.b), func() { _, _ = DecodeCommitmentProof(c.b) })
	}
	var js bytes.Buffer
	js.WriteString(`{"ops":[`)
	for i := range n / 16 {
		if i > 0 {
			js.WriteByte(',')
		}
		js.WriteString(`{"type":"ics23:iavl","key":"","data":""}`)
	}
	js.WriteString(`]}`)
	hostile.Bounded(t, "DecodeProofOpsJSON", js.Len(), func() { _, _ = DecodeProofOpsJSON(js.Bytes()) })
	big := make([]byte, maxProofOpsJSON+1)
	hostile.Bounded(t, "DecodeProofOpsJSON over the limit", len(big), func() {
		if _, err := DecodeProofOpsJSON(big); !errors.Is(err, ErrMalformed) {
			t.Errorf("over the limit: %v", err)
		}
	})
}
