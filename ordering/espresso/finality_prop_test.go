package espresso_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
	"github.com/interopkit/interop/proof/mpt"
	"pgregory.net/rapid"
)

// TestPropBlockFinalRoundTrip: every block of a generated finalized tree is proven final by
// its proof, before and after the proof's JSON round trip.
func TestPropBlockFinalRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := espressotest.FinalizedOf(30).Draw(t, "finalized")
		pos := rapid.Uint64Range(0, f.State.BlockHeight-1).Draw(t, "pos")
		p := f.Tree.Prove(pos)
		comm := interop.Hash(f.Tree.Leaves[pos])
		if err := espresso.VerifyBlockFinal(f.State, pos, comm, p); err != nil {
			t.Fatalf("generated proof refused: %v", err)
		}
		if err := espresso.VerifyBlockProof(f.Tree.Commitment(), pos, comm[:], p); err != nil {
			t.Fatalf("generated proof refused against its commitment: %v", err)
		}
		b, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		var q espresso.BlockProof
		if err := json.Unmarshal(b, &q); err != nil {
			t.Fatalf("own JSON refused: %v", err)
		}
		if !proofsEqual(p, &q) {
			t.Fatal("JSON round trip changed the proof")
		}
		if err := espresso.VerifyBlockFinal(f.State, pos, comm, &q); err != nil {
			t.Fatalf("decoded proof refused: %v", err)
		}
	})
}

// TestPropBlockFinalRefusals: a wrong height, a wrong leaf, any changed child value, another
// leaf count or another tree's root is refused with its sentinel.
func TestPropBlockFinalRefusals(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := espressotest.FinalizedOf(30).Draw(t, "finalized")
		n := f.State.BlockHeight
		pos := rapid.Uint64Range(0, n-1).Draw(t, "pos")
		p := f.Tree.Prove(pos)
		comm := interop.Hash(f.Tree.Leaves[pos])

		other := rapid.Uint64Range(0, n+5).Filter(func(h uint64) bool { return h != pos }).Draw(t, "other height")
		err := espresso.VerifyBlockFinal(f.State, other, comm, p)
		if want := map[bool]error{true: espresso.ErrNotFinal, false: espresso.ErrBlockProofLeaf}[other >= n]; !errors.Is(err, want) {
			t.Fatalf("height %d for a proof of %d: %v, want %v", other, pos, err, want)
		}

		wrong := espressotest.HeaderCommitment().Filter(func(h interop.Hash) bool { return h != comm }).Draw(t, "wrong commitment")
		if err := espresso.VerifyBlockFinal(f.State, pos, wrong, p); !errors.Is(err, espresso.ErrBlockProofLeaf) {
			t.Fatalf("wrong leaf: %v", err)
		}

		// Change one child value at one level.
		level := rapid.IntRange(0, len(p.Levels)-1).Draw(t, "level")
		child := rapid.IntRange(0, espresso.BlockTreeArity-1).Draw(t, "child")
		bit := rapid.IntRange(0, 255).Draw(t, "bit")
		q := *p
		q.Levels = append([]espresso.BlockProofLevel(nil), p.Levels...)
		q.Levels[level].Children[child][bit/8] ^= 1 << (bit % 8)
		err = espresso.VerifyBlockFinal(f.State, pos, comm, &q)
		if !errors.Is(err, espresso.ErrWrongRoot) && !errors.Is(err, espresso.ErrBlockProofShape) {
			t.Fatalf("level %d child %d changed: %v", level, child, err)
		}

		// The leaf count enters blockCommRoot: a state claiming more blocks over the same root
		// is refused.
		st := f.State
		st.BlockHeight = n + rapid.Uint64Range(1, 1000).Draw(t, "extra")
		if err := espresso.VerifyBlockFinal(st, pos, comm, p); !errors.Is(err, espresso.ErrWrongRoot) {
			t.Fatalf("leaf count %d for %d leaves: %v", st.BlockHeight, n, err)
		}

		// A proof of the same block in another tree of the same size.
		g := espressotest.FinalizedOf(30).Draw(t, "other finalized")
		if g.State.BlockHeight == n {
			g.Tree.Leaves[pos] = f.Tree.Leaves[pos]
		}
		if g.State.BlockHeight == n && g.Tree.Commitment() != f.Tree.Commitment() {
			if err := espresso.VerifyBlockFinal(f.State, pos, comm, g.Tree.Prove(pos)); !errors.Is(err, espresso.ErrWrongRoot) {
				t.Fatalf("proof from another tree: %v", err)
			}
		}
	})
}

// TestPropFinalizedStateStorage: a finalized state written into a LightClient's storage is
// read back from the eth_getProof response exactly; a response for another account, or a
// state root of another trie, is refused.
func TestPropFinalizedStateStorage(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var root uint256.Int
		root.SetBytes(rapid.SliceOfN(rapid.Byte(), 31, 31).Draw(t, "root")) // below r
		var st espresso.FinalizedState
		st.ViewNum = rapid.Uint64().Draw(t, "view")
		st.BlockHeight = rapid.Uint64().Draw(t, "height")
		st.BlockCommRoot = root.Bytes32()
		w6, w7 := st.StorageWords()
		back, err := espresso.DecodeFinalizedState(&w6, &w7)
		if err != nil || back != st {
			t.Fatalf("storage words round trip: %+v, %v", back, err)
		}
		storage, vals := lightClientStorage(st)
		lc := interop.Address(rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "light client"))
		acc := mpt.Account{Nonce: 1, StorageRoot: storage.Root(), CodeHash: mpt.Keccak256([]byte("code"))}
		state := new(mpt.Trie)
		k := mpt.Keccak256(lc[:])
		state.Update(k[:], acc.EncodeRLP(nil))
		r := mpt.GetProofResult{Address: lc, AccountProof: state.Prove(k[:]), Nonce: 1, CodeHash: acc.CodeHash, StorageHash: acc.StorageRoot}
		for _, s := range espresso.FinalizedStateSlots() {
			sk := mpt.Keccak256(s[:])
			r.StorageProof = append(r.StorageProof, mpt.StorageResult{Key: s, Value: vals[s], Proof: storage.Prove(sk[:])})
		}
		got, err := espresso.ReadFinalizedState(state.Root(), lc, &r)
		if err != nil || got != st {
			t.Fatalf("read %+v, %v; wrote %+v", got, err, st)
		}
		otherAddr := lc
		otherAddr[0] ^= 1
		if _, err := espresso.ReadFinalizedState(state.Root(), otherAddr, &r); !errors.Is(err, espresso.ErrStorageProof) {
			t.Fatalf("another light client: %v", err)
		}
		otherRoot := state.Root()
		otherRoot[31] ^= 1
		if _, err := espresso.ReadFinalizedState(otherRoot, lc, &r); !errors.Is(err, espresso.ErrStorageProof) {
			t.Fatalf("another state root: %v", err)
		}
		r.StorageProof = r.StorageProof[:1]
		if _, err := espresso.ReadFinalizedState(state.Root(), lc, &r); !errors.Is(err, espresso.ErrStorageProof) {
			t.Fatalf("slot 7 missing: %v", err)
		}
	})
}

// TestFinalizedStateStorageRange: words the contract cannot hold are refused.
func TestFinalizedStateStorageRange(t *testing.T) {
	ok := uint256.NewInt(1)
	high := new(uint256.Int).Lsh(uint256.NewInt(1), 128)
	if _, err := espresso.DecodeFinalizedState(high, ok); !errors.Is(err, espresso.ErrLightClientStorage) {
		t.Fatalf("bit 128 set in slot 6: %v", err)
	}
	r := uint256.MustFromDecimal("21888242871839275222246405745257275088548364400416034343698204186575808495617")
	if _, err := espresso.DecodeFinalizedState(ok, r); !errors.Is(err, espresso.ErrLightClientStorage) {
		t.Fatalf("blockCommRoot = r: %v", err)
	}
	r.SubUint64(r, 1)
	if _, err := espresso.DecodeFinalizedState(ok, r); err != nil {
		t.Fatalf("blockCommRoot = r-1: %v", err)
	}
}

// TestBlockTreeCommitmentRefusals covers the commitment decoder's edge cases.
func TestBlockTreeCommitmentRefusals(t *testing.T) {
	good := espresso.BlockTreeCommitment{Digest: interop.Hash{1}, Height: 32, NumLeaves: 22}
	b, _ := good.AppendBinary(nil)
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"short", b[:47]},
		{"long", append(append([]byte(nil), b...), 0)},
		{"height 41", func() []byte { c := good; c.Height = 41; x, _ := c.AppendBinary(nil); return x }()},
		{"over capacity", func() []byte { c := good; c.Height = 2; c.NumLeaves = 10; x, _ := c.AppendBinary(nil); return x }()},
		{"empty with digest", func() []byte { c := good; c.NumLeaves = 0; x, _ := c.AppendBinary(nil); return x }()},
	} {
		if _, err := espresso.DecodeBlockTreeCommitment(tc.b); !errors.Is(err, espresso.ErrBlockTreeCommitment) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	for _, s := range []string{"", "MERKLE_COMM", "FIELD~" + good.String()[len("MERKLE_COMM~"):], good.String()[:40], good.String() + "A"} {
		if _, err := espresso.ParseBlockTreeCommitment(s); !errors.Is(err, espresso.ErrBlockTreeCommitment) {
			t.Errorf("%q: %v", s, err)
		}
	}
	if c, err := espresso.ParseBlockTreeCommitment(good.String()); err != nil || c != good {
		t.Fatalf("round trip: %v %v", c, err)
	}
}

// TestBlockProofJSONRefusals covers the proof decoder's structural rules on a generated proof.
func TestBlockProofJSONRefusals(t *testing.T) {
	tr := &espressotest.BlockTree{Height: 3, Leaves: [][]byte{{1}, {2}, {3}, {4}}}
	good, _ := json.Marshal(tr.Prove(3))
	var p espresso.BlockProof
	if err := json.Unmarshal(good, &p); err != nil {
		t.Fatal(err)
	}
	s := string(good)
	for name, bad := range map[string]string{
		"trailing data":      s + "{}",
		"no proof":           `{"pos":"FIELD~AwAAAAAAAAA7"}`,
		"pos mismatch":       replaceFirst(s, `"pos":"`+fieldU64(3), `"pos":"`+fieldU64(4)),
		"branch first":       `[` + s[len(`{"pos":"`+fieldU64(3)+`","proof":[`)+len(leafJSON(s)):],
		"unknown child kind": replaceFirst(s, `"Empty"`, `"Nothing"`),
		"two children":       replaceFirst(s, `,"Empty"]`, `]`),
		"not json":           `{"pos":`,
	} {
		var q espresso.BlockProof
		if err := q.UnmarshalJSON([]byte(bad)); !errors.Is(err, espresso.ErrBlockProofJSON) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func fieldU64(v uint64) string {
	return espresso.TaggedBase64{Tag: "FIELD", Value: []byte{byte(v), 0, 0, 0, 0, 0, 0, 0}}.String()
}

// leafJSON returns the proof's first node with its separating comma.
func leafJSON(s string) string {
	i := len(`{"pos":"` + fieldU64(3) + `","proof":[`)
	j := i
	for depth := 0; ; j++ {
		if s[j] == '{' {
			depth++
		} else if s[j] == '}' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	return s[i : j+2]
}

func replaceFirst(s, old, new string) string {
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	return s + "<no match>"
}

// TestLightClientSlots pins the storage keys: slots 6 and 7, and the state history array at
// keccak256(9) (Solidity's well-known keccak256 of slot 9), two slots an entry.
func TestLightClientSlots(t *testing.T) {
	fs := espresso.FinalizedStateSlots()
	if fs[0] != uint256.NewInt(6).Bytes32() || fs[1] != uint256.NewInt(7).Bytes32() {
		t.Fatalf("finalizedState slots %s %s", fs[0], fs[1])
	}
	base := uint256.MustFromHex("0x6e1540171b6c0c960b71a7020d9f60077f6af931a8bbf590da0223dacf75c7af")
	for i := uint64(0); i < 3; i++ {
		hs := espresso.StateHistorySlots(i)
		var want0, want1 uint256.Int
		want0.AddUint64(base, 2*i)
		want1.AddUint64(base, 2*i+1)
		if hs[0] != want0.Bytes32() || hs[1] != want1.Bytes32() {
			t.Fatalf("stateHistoryCommitments[%d] at %s %s", i, hs[0], hs[1])
		}
	}
}

// TestPropStateHistoryWords: entries round-trip through their storage words; a word with bits
// above 192 or a root not below r is refused.
func TestPropStateHistoryWords(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var root uint256.Int
		root.SetBytes(rapid.SliceOfN(rapid.Byte(), 31, 31).Draw(t, "root"))
		h := espresso.StateHistoryCommitment{
			L1BlockHeight: rapid.Uint64().Draw(t, "l1"), L1BlockTimestamp: rapid.Uint64().Draw(t, "ts"),
			HotShotBlockHeight: rapid.Uint64().Draw(t, "height"), HotShotBlockCommRoot: root.Bytes32(),
		}
		w0, w1 := h.StorageWords()
		back, err := espresso.DecodeStateHistoryCommitment(&w0, &w1)
		if err != nil || back != h {
			t.Fatalf("%+v decodes as %+v, %v", h, back, err)
		}
		w0[3] = rapid.Uint64Range(1, ^uint64(0)).Draw(t, "high")
		if _, err := espresso.DecodeStateHistoryCommitment(&w0, &w1); !errors.Is(err, espresso.ErrLightClientStorage) {
			t.Fatalf("bits above 192: %v", err)
		}
	})
}
