package ibcgo

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/cosmos/cosmos-sdk/codec"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	commitmenttypes "github.com/cosmos/ibc-go/v10/modules/core/23-commitment/types"
	commitmenttypesv2 "github.com/cosmos/ibc-go/v10/modules/core/23-commitment/types/v2"

	"github.com/interopkit/interop/proof/ics23"
)

// cdc is the codec an ibc-go light client unmarshals proof bytes with (07-tendermint
// ClientState.VerifyMembership: cdc.Unmarshal(proof, &merkleProof)).
var cdc = codec.NewProtoCodec(codectypes.NewInterfaceRegistry())

// ibcgoVerify is what ibc-go's 07-tendermint light client does with the proof bytes of an
// IBC message: unmarshal them into a commitmenttypes.MerkleProof, then VerifyMembership
// (or VerifyNonMembership for an empty value) with GetSDKSpecs against the consensus
// state's root. A panic counts as a refusal.
func ibcgoVerify(root, proof []byte, path [][]byte, value []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	var mp commitmenttypes.MerkleProof
	if err := cdc.Unmarshal(proof, &mp); err != nil {
		return err
	}
	r := commitmenttypes.NewMerkleRoot(root)
	p := commitmenttypesv2.NewMerklePath(path...)
	if len(value) == 0 {
		return mp.VerifyNonMembership(commitmenttypes.GetSDKSpecs(), r, p)
	}
	return mp.VerifyMembership(commitmenttypes.GetSDKSpecs(), r, p, value)
}

// interopVerify is proof/ics23's one call from bytes: VerifyMerkleMembership (or
// VerifyMerkleNonMembership) with SDKSpecs.
func interopVerify(root, proof []byte, path [][]byte, value []byte) error {
	p := ics23.MerklePath{KeyPath: path}
	if len(value) == 0 {
		return ics23.VerifyMerkleNonMembership(ics23.SDKSpecs, root, proof, p)
	}
	return ics23.VerifyMerkleMembership(ics23.SDKSpecs, root, proof, p, value)
}

// interopDecoded is the same check through DecodeMerkleProof and the MerkleProof method,
// the general path VerifyMerkleMembership falls back to when its streaming check fails.
func interopDecoded(root, proof []byte, path [][]byte, value []byte) error {
	m, err := ics23.DecodeMerkleProof(proof)
	if err != nil {
		return err
	}
	p := ics23.MerklePath{KeyPath: path}
	if len(value) == 0 {
		return m.VerifyNonMembership(ics23.SDKSpecs, root, p)
	}
	return m.VerifyMembership(ics23.SDKSpecs, root, p, value)
}

// chain is one real chained proof: MerkleProof bytes, the app hash, the path from the
// root down, and the value (empty for a non-membership proof).
type chain struct {
	name        string
	root, proof []byte
	path        [][]byte
	value       []byte
}

// realChains reads proof/ics23's real chained proofs (union testnet and devnets, Sei, a
// CosmWasm chain; see ../../proof/ics23/testdata/SOURCES.md). Files given as ABCI
// ProofOps JSON are converted to MerkleProof bytes with proof/ics23 (DecodeProofOpsJSON,
// AppendBinary); the others carry MerkleProof bytes as they are.
func realChains(tb testing.TB) []chain {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("..", "..", "proof", "ics23", "testdata", "chain", "*.json"))
	if len(files) == 0 {
		tb.Fatal("no chain fixtures under ../../proof/ics23/testdata/chain")
	}
	var out []chain
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		var v struct {
			Root, Value, Proof string
			Path               []string
			ProofOps           json.RawMessage `json:"proof_ops"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			tb.Fatalf("%s: %v", f, err)
		}
		dec := func(s string) []byte {
			b, err := hex.DecodeString(s)
			if err != nil {
				tb.Fatalf("%s: %v", f, err)
			}
			return b
		}
		c := chain{name: filepath.Base(f), root: dec(v.Root), value: dec(v.Value), proof: dec(v.Proof)}
		for _, k := range v.Path {
			c.path = append(c.path, dec(k))
		}
		if len(v.ProofOps) > 0 {
			m, err := ics23.DecodeProofOpsJSON(v.ProofOps)
			if err != nil {
				tb.Fatalf("%s: %v", c.name, err)
			}
			if c.proof, err = m.AppendBinary(nil); err != nil {
				tb.Fatalf("%s: %v", c.name, err)
			}
		}
		if len(c.proof) == 0 || len(c.root) == 0 || len(c.path) == 0 {
			tb.Fatalf("%s: incomplete fixture", c.name)
		}
		out = append(out, c)
	}
	return out
}

// namesOtherKey reports whether the chain's first proof is a non-existence proof whose
// key field is set and names a key other than the path's last. ibc-go (through
// cosmos/ics23 v0.11) ignores that field; proof/ics23 refuses such a proof with
// ErrNoProofForKey (see proof/ics23's package doc). It is the one documented difference.
func namesOtherKey(c chain) bool {
	m, err := ics23.DecodeMerkleProof(c.proof)
	if err != nil || len(m.Proofs) == 0 || m.Proofs[0].Nonexist == nil {
		return false
	}
	k := m.Proofs[0].Nonexist.Key
	return len(k) > 0 && !bytes.Equal(k, c.path[len(c.path)-1])
}

// tally counts the verdicts of a differential run.
type tally struct {
	accepted, refused, keyField int
	acceptedWhat                []string // the first few tampers both accept
}

// compare runs the three verifiers on c and fails unless they agree (accept or refuse),
// allowing only the documented key-field difference.
func compare(t *testing.T, what string, c chain, n *tally) {
	t.Helper()
	g := ibcgoVerify(c.root, c.proof, c.path, c.value)
	o := interopVerify(c.root, c.proof, c.path, c.value)
	d := interopDecoded(c.root, c.proof, c.path, c.value)
	if (o == nil) != (d == nil) {
		t.Fatalf("%s: interop one-call %v, decoded %v", what, o, d)
	}
	if g == nil && o != nil && errors.Is(o, ics23.ErrNoProofForKey) && namesOtherKey(c) {
		n.keyField++
		return
	}
	if (g == nil) != (o == nil) {
		t.Fatalf("%s: ibc-go %v, interop %v\nproof %x", what, g, o, c.proof)
	}
	if o == nil {
		n.accepted++
		if len(n.acceptedWhat) < 4 {
			n.acceptedWhat = append(n.acceptedWhat, what)
		}
	} else {
		n.refused++
	}
}

// tamperValues are the replacement bytes tried at each position in -short mode; the full
// run tries all 255 other values.
var tamperValues = []byte{0x00, 0x01, 0x02, 0x08, 0x0a, 0x12, 0x1a, 0x7f, 0x80, 0xff}

// TestDifferentialTamper checks that ibc-go and proof/ics23 both accept every real
// proof, and that for every one-byte change of the proof bytes (every position, every
// other byte value; in -short mode a fixed set of values), of the root, of each path key
// and of the value, both accept or both refuse.
func TestDifferentialTamper(t *testing.T) {
	for _, c := range realChains(t) {
		t.Run(c.name, func(t *testing.T) {
			if err := ibcgoVerify(c.root, c.proof, c.path, c.value); err != nil {
				t.Fatalf("ibc-go refuses the real proof: %v", err)
			}
			if err := interopVerify(c.root, c.proof, c.path, c.value); err != nil {
				t.Fatalf("interop refuses the real proof: %v", err)
			}
			if err := interopDecoded(c.root, c.proof, c.path, c.value); err != nil {
				t.Fatalf("interop (decoded) refuses the real proof: %v", err)
			}
			var n tally
			each := func(b []byte, f func(i int, v byte)) {
				for i := range b {
					orig := b[i]
					if testing.Short() {
						for _, v := range tamperValues {
							if v != orig {
								f(i, v)
							}
						}
						continue
					}
					for v := range 256 {
						if byte(v) != orig {
							f(i, byte(v))
						}
					}
				}
			}
			each(c.proof, func(i int, v byte) {
				m := c
				m.proof = bytes.Clone(c.proof)
				m.proof[i] = v
				compare(t, fmt.Sprintf("proof[%d]=%#02x", i, v), m, &n)
			})
			each(c.root, func(i int, v byte) {
				m := c
				m.root = bytes.Clone(c.root)
				m.root[i] = v
				compare(t, fmt.Sprintf("root[%d]=%#02x", i, v), m, &n)
			})
			for k := range c.path {
				each(c.path[k], func(i int, v byte) {
					m := c
					m.path = append([][]byte(nil), c.path...)
					m.path[k] = bytes.Clone(c.path[k])
					m.path[k][i] = v
					compare(t, fmt.Sprintf("path[%d][%d]=%#02x", k, i, v), m, &n)
				})
			}
			each(c.value, func(i int, v byte) {
				m := c
				m.value = bytes.Clone(c.value)
				m.value[i] = v
				compare(t, fmt.Sprintf("value[%d]=%#02x", i, v), m, &n)
			})
			if n.refused == 0 {
				t.Fatal("no tamper was refused")
			}
			t.Logf("%d proof bytes: %d tampers accepted by both, %d refused by both, %d refused by interop only (key field names another key)",
				len(c.proof), n.accepted, n.refused, n.keyField)
			if n.accepted > 0 {
				t.Logf("accepted by both, first ones: %v", n.acceptedWhat)
			}
		})
	}
}

// measure runs body b.N times with allocations reported, and also reports the process
// CPU time per op (user+system over all threads, so ibc-go's garbage collection counts
// against it): on a shared machine sec/op includes time spent descheduled, cpu-ns/op
// does not.
func measure(b *testing.B, body func() error) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if err := body(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time the process has used, in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// benchChains runs the three verifiers on each real chain that membership selects
// (true: membership proofs, false: non-membership proofs), from the same bytes.
func benchChains(b *testing.B, membership bool) {
	for _, c := range realChains(b) {
		if (len(c.value) > 0) != membership {
			continue
		}
		b.Run(c.name+"/impl=ibcgo", func(b *testing.B) {
			measure(b, func() error { return ibcgoVerify(c.root, c.proof, c.path, c.value) })
		})
		b.Run(c.name+"/impl=interop", func(b *testing.B) {
			measure(b, func() error { return interopVerify(c.root, c.proof, c.path, c.value) })
		})
		b.Run(c.name+"/impl=interop-decoded", func(b *testing.B) {
			measure(b, func() error { return interopDecoded(c.root, c.proof, c.path, c.value) })
		})
	}
}

// BenchmarkVerifyMembership verifies each real chained membership proof from its
// MerkleProof bytes: impl=ibcgo unmarshals them with the SDK's proto codec and calls
// commitmenttypes.MerkleProof.VerifyMembership with GetSDKSpecs, as 07-tendermint does;
// impl=interop calls ics23.VerifyMerkleMembership with SDKSpecs; impl=interop-decoded
// calls DecodeMerkleProof then MerkleProof.VerifyMembership.
func BenchmarkVerifyMembership(b *testing.B) { benchChains(b, true) }

// BenchmarkVerifyNonMembership is BenchmarkVerifyMembership for the real non-membership
// proofs (VerifyNonMembership on both sides).
func BenchmarkVerifyNonMembership(b *testing.B) { benchChains(b, false) }
