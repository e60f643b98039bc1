package bench

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	cosmos "github.com/cosmos/ics23/go"

	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

// ---- proof/ics23 MerkleProof chains vs ibc-go's MerkleProof.VerifyMembership ----
//
// The anchor is ibc-go's algorithm (modules/core/23-commitment/types/merkle.go, v10:
// validateVerificationArgs, then verifyChainedMembershipProof: per proof
// CommitmentProof.Calculate, then ExistenceProof.Verify against that subroot, then the
// last subroot against the app hash) written here on cosmos/ics23 v0.11.0, which ibc-go
// itself calls, with the MerkleProof wrapper decoded as gogoproto's generated Unmarshal
// does (one cosmos CommitmentProof.Unmarshal per repeated element). Importing
// github.com/cosmos/ibc-go itself would pull the Cosmos SDK (cosmos-sdk, store, iavl,
// cosmos-db and their trees) into this module, several minutes of compilation on CI's
// two cores for two functions of thirty lines; the cosmos/ics23 calls, which are where
// the time goes, are the same ones.

// ibcgoDecodeMerkleProof decodes ibc.core.commitment.v1.MerkleProof as gogoproto does:
// field 1 elements each into a new cosmos CommitmentProof, other fields skipped.
func ibcgoDecodeMerkleProof(b []byte) ([]*cosmos.CommitmentProof, error) {
	var proofs []*cosmos.CommitmentProof
	for len(b) > 0 {
		tag, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("bad tag")
		}
		b = b[n:]
		switch tag & 7 {
		case 0:
			_, n = binary.Uvarint(b)
			if n <= 0 {
				return nil, errors.New("bad varint")
			}
			b = b[n:]
			continue
		case 2:
		default:
			return nil, fmt.Errorf("wire type %d", tag&7)
		}
		l, n := binary.Uvarint(b)
		if n <= 0 || l > uint64(len(b)-n) {
			return nil, errors.New("bad length")
		}
		v := b[n : n+int(l)]
		b = b[n+int(l):]
		if tag>>3 != 1 {
			continue
		}
		p := &cosmos.CommitmentProof{}
		if err := p.Unmarshal(v); err != nil {
			return nil, err
		}
		proofs = append(proofs, p)
	}
	return proofs, nil
}

// ibcgoCheckArgs is ibc-go's validateVerificationArgs.
func ibcgoCheckArgs(proofs []*cosmos.CommitmentProof, path [][]byte, specs []*cosmos.ProofSpec, root []byte) error {
	switch {
	case proofs == nil:
		return errors.New("proof must not be empty")
	case len(root) == 0:
		return errors.New("root cannot be empty")
	case len(specs) != len(proofs):
		return fmt.Errorf("length of specs: %d not equal to length of proof: %d", len(specs), len(proofs))
	case len(path) != len(specs):
		return fmt.Errorf("path length %d not same as proof %d", len(path), len(specs))
	}
	for i, s := range specs {
		if s == nil {
			return fmt.Errorf("spec at position %d is nil", i)
		}
	}
	return nil
}

// ibcgoVerifyMembership is ibc-go's MerkleProof.VerifyMembership.
func ibcgoVerifyMembership(proofs []*cosmos.CommitmentProof, specs []*cosmos.ProofSpec, root []byte, path [][]byte, value []byte) error {
	if err := ibcgoCheckArgs(proofs, path, specs, root); err != nil {
		return err
	}
	if len(value) == 0 {
		return errors.New("empty value in membership proof")
	}
	return ibcgoChain(root, specs, proofs, path, value, 0)
}

// ibcgoVerifyNonMembership is ibc-go's MerkleProof.VerifyNonMembership.
func ibcgoVerifyNonMembership(proofs []*cosmos.CommitmentProof, specs []*cosmos.ProofSpec, root []byte, path [][]byte) error {
	if err := ibcgoCheckArgs(proofs, path, specs, root); err != nil {
		return err
	}
	subroot, err := proofs[0].Calculate()
	if err != nil {
		return err
	}
	np := proofs[0].GetNonexist()
	if np == nil {
		return errors.New("commitment proof must be non-existence proof")
	}
	if err := np.Verify(specs[0], subroot, path[len(path)-1]); err != nil {
		return err
	}
	return ibcgoChain(root, specs, proofs, path, subroot, 1)
}

// ibcgoChain is ibc-go's verifyChainedMembershipProof.
func ibcgoChain(root []byte, specs []*cosmos.ProofSpec, proofs []*cosmos.CommitmentProof, path [][]byte, value []byte, index int) error {
	subroot := value
	for i := index; i < len(proofs); i++ {
		var err error
		if subroot, err = proofs[i].Calculate(); err != nil {
			return err
		}
		ep := proofs[i].GetExist()
		if ep == nil {
			return fmt.Errorf("commitment proof must be existence proof at index %d", i)
		}
		if err := ep.Verify(specs[i], subroot, path[len(path)-1-i], value); err != nil {
			return err
		}
		value = subroot
	}
	if !bytes.Equal(root, subroot) {
		return fmt.Errorf("proof did not commit to expected root: %X, got: %X", root, subroot)
	}
	return nil
}

var ibcgoSDKSpecs = []*cosmos.ProofSpec{cosmos.IavlSpec, cosmos.TendermintSpec}

// ibcgoVerify decodes and verifies as an ibc-go light client does with the proof bytes
// of an IBC message. A panic counts as a rejection.
func ibcgoVerify(root, proof []byte, path [][]byte, value []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	proofs, err := ibcgoDecodeMerkleProof(proof)
	if err != nil {
		return err
	}
	if len(value) == 0 {
		return ibcgoVerifyNonMembership(proofs, ibcgoSDKSpecs, root, path)
	}
	return ibcgoVerifyMembership(proofs, ibcgoSDKSpecs, root, path, value)
}

func interopChainVerify(root, proof []byte, path [][]byte, value []byte) error {
	if len(value) == 0 {
		return ics23.VerifyMerkleNonMembership(ics23.SDKSpecs, root, proof, ics23.MerklePath{KeyPath: path})
	}
	return ics23.VerifyMerkleMembership(ics23.SDKSpecs, root, proof, ics23.MerklePath{KeyPath: path}, value)
}

// interopChainDecoded is the same check through DecodeMerkleProof and the method, the
// general path that VerifyMerkleMembership falls back to.
func interopChainDecoded(root, proof []byte, path [][]byte, value []byte) error {
	m, err := ics23.DecodeMerkleProof(proof)
	if err != nil {
		return err
	}
	if len(value) == 0 {
		return m.VerifyNonMembership(ics23.SDKSpecs, root, ics23.MerklePath{KeyPath: path})
	}
	return m.VerifyMembership(ics23.SDKSpecs, root, ics23.MerklePath{KeyPath: path}, value)
}

// chainCase is one chained proof as MerkleProof bytes.
type chainCase struct {
	name        string
	root, proof []byte
	path        [][]byte
	value       []byte
}

// realChains reads proof/ics23's real chained proofs (union testnet and devnets, Sei;
// see its testdata/SOURCES.md), ProofOps converted to MerkleProof bytes.
func realChains(tb testing.TB) []chainCase {
	paths, _ := filepath.Glob(filepath.Join("..", "proof", "ics23", "testdata", "chain", "*.json"))
	if len(paths) == 0 {
		tb.Fatal("no chain fixtures under proof/ics23/testdata/chain")
	}
	var out []chainCase
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var v struct {
			Root, Value, Proof string
			Path               []string
			ProofOps           json.RawMessage `json:"proof_ops"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			tb.Fatal(err)
		}
		d := func(s string) []byte { b, _ := hex.DecodeString(s); return b }
		c := chainCase{name: filepath.Base(p), root: d(v.Root), value: d(v.Value), proof: d(v.Proof)}
		for _, k := range v.Path {
			c.path = append(c.path, d(k))
		}
		if len(v.ProofOps) > 0 {
			m, err := ics23.DecodeProofOpsJSON(v.ProofOps)
			if err != nil {
				tb.Fatalf("%s: %v", c.name, err)
			}
			c.proof, _ = m.AppendBinary(nil) // never fails
		}
		out = append(out, c)
	}
	return out
}

// TestDifferentialICS23Chain runs both on every real chain and on mutations of it (bit
// flips, truncations, changed path keys and values), and on generated SDK application
// states: they must agree on every input, but for the one documented difference (a
// non-existence proof whose key field names another key, which ibc-go ignores).
func TestDifferentialICS23Chain(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 23))
	agree, stricter := 0, 0
	check := func(what string, c chainCase) {
		o := interopChainVerify(c.root, c.proof, c.path, c.value)
		d := interopChainDecoded(c.root, c.proof, c.path, c.value)
		g := ibcgoVerify(c.root, c.proof, c.path, c.value)
		if (o == nil) != (d == nil) {
			t.Fatalf("%s: streaming %v, decoded %v", what, o, d)
		}
		if o != nil && g == nil && errors.Is(o, ics23.ErrNoProofForKey) && namesOtherKey(c) {
			stricter++ // the one documented difference: ibc-go ignores the key field
			return
		}
		if (o == nil) != (g == nil) {
			t.Fatalf("%s: interop %v, decoded %v, ibc-go %v\nproof %x\npath %x value %x", what, o, d, g, c.proof, c.path, c.value)
		}
		agree++
	}
	for _, c := range realChains(t) {
		check(c.name, c)
		for range 500 {
			m := c
			m.proof = bytes.Clone(c.proof)
			m.path = append([][]byte(nil), c.path...)
			switch rng.IntN(4) {
			case 0:
				i := rng.IntN(8 * len(m.proof))
				m.proof[i/8] ^= 1 << (i % 8)
			case 1:
				m.proof = m.proof[:rng.IntN(len(m.proof))]
			case 2:
				k := rng.IntN(len(m.path))
				m.path[k] = bytes.Clone(m.path[k])
				m.path[k][rng.IntN(len(m.path[k]))] ^= byte(1 + rng.IntN(255))
			case 3:
				if len(m.value) > 0 {
					m.value = append(bytes.Clone(m.value), 0)
				}
			}
			check(c.name+" mutated", m)
		}
	}
	for i := range 200 {
		app := genApp(rng, i)
		s := rng.IntN(len(app.Stores))
		st := app.Stores[s]
		j := rng.IntN(len(st.Keys))
		member, _ := app.ProveMembership(s, j).AppendBinary(nil) // never fails
		check("generated member", chainCase{root: app.AppHash, proof: member,
			path: [][]byte{app.Names[s], st.Keys[j]}, value: st.Values[j]})
		k := []byte{byte('a' + rng.IntN(6)), byte('a' + rng.IntN(6)), byte('a' + rng.IntN(7))}
		if _, ok := st.Index(k); !ok {
			absent, _ := app.ProveNonMembership(s, k).AppendBinary(nil) // never fails
			check("generated absent", chainCase{root: app.AppHash, proof: absent,
				path: [][]byte{app.Names[s], k}})
		}
	}
	t.Logf("%d agreements; %d non-existence proofs naming another key, refused by interop only", agree, stricter)
}

// namesOtherKey reports whether the chain's first proof is a non-existence proof whose
// key field names a key other than the path's.
func namesOtherKey(c chainCase) bool {
	m, err := ics23.DecodeMerkleProof(c.proof)
	if err != nil || len(m.Proofs) == 0 || m.Proofs[0].Nonexist == nil || len(c.path) == 0 {
		return false
	}
	k := m.Proofs[0].Nonexist.Key
	return len(k) > 0 && !bytes.Equal(k, c.path[len(c.path)-1])
}

func genApp(rng *rand.Rand, seed int) *ics23test.App {
	var names [][]byte
	var stores []*ics23test.IAVL
	for s := range 1 + rng.IntN(5) {
		n := 1 + rng.IntN(30)
		var keys, vals [][]byte
		seen := map[string]bool{}
		for len(keys) < n {
			k := []byte{byte('a' + rng.IntN(6)), byte('a' + rng.IntN(6)), byte('a' + rng.IntN(6))}
			if !seen[string(k)] {
				seen[string(k)] = true
				keys = append(keys, k)
				vals = append(vals, []byte{byte(seed), byte(len(keys))})
			}
		}
		names = append(names, []byte{'m', byte('a' + s)})
		stores = append(stores, ics23test.NewIAVL(keys, vals))
	}
	return ics23test.NewApp(names, stores)
}

// BenchmarkICS23Chain verifies each real chained membership proof from its MerkleProof
// bytes, both sides decoding them, as a light client does for every packet it receives.
func BenchmarkICS23Chain(b *testing.B) {
	for _, c := range realChains(b) {
		if len(c.value) == 0 {
			continue
		}
		b.Run(c.name+"/impl=ibc-go", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := ibcgoVerify(c.root, c.proof, c.path, c.value); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(c.name+"/impl=interop", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := interopChainVerify(c.root, c.proof, c.path, c.value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestICS23ChainRatio measures the chained verification against ibc-go's, interleaved,
// on each real membership proof (BENCH_RATIOS=1).
func TestICS23ChainRatio(t *testing.T) {
	skipUnlessRatios(t)
	for _, c := range realChains(t) {
		if len(c.value) == 0 {
			continue
		}
		r := measureRatio(
			func() { _ = interopChainVerify(c.root, c.proof, c.path, c.value) },
			func() { _ = ibcgoVerify(c.root, c.proof, c.path, c.value) },
			30, 100)
		t.Logf("%-28s interop %8.0f ns/op %3.0f allocs   ibc-go %8.0f ns/op %3.0f allocs   ratio %.3f (speed-up %.2fx)",
			c.name, r.oursNs(), r.oursAllocs, r.theirsNs(), r.theirsAllocs, r.ratio(), 1/r.ratio())
	}
}
