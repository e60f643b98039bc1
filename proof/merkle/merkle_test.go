package merkle

import (
	"errors"
	"strings"
	"testing"

	"github.com/interopkit/interop"
)

func mustHash(t *testing.T, s string) interop.Hash {
	t.Helper()
	h, err := interop.HashFromHex(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestEmptyRoots(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  func() interop.Hash
		want string
	}{
		// Hyperlane merkle.test.ts "no leaves".
		{"keccak incremental", func() interop.Hash { return NewIncremental(Keccak256{}).Root() }, "0x27ae5ba08d7291c96c8cbddcc148bf48a6d68c7974b94356f53754ef6171d757"},
		{"keccak tree", func() interop.Hash { return NewTree(Keccak256{}).Root() }, "0x27ae5ba08d7291c96c8cbddcc148bf48a6d68c7974b94356f53754ef6171d757"},
		// EIP-4881 test_empty_root: the empty deposit contract's get_deposit_root().
		{"deposit incremental", func() interop.Hash { return NewIncremental(SHA256{}).DepositRoot() }, "0xd70a234731285c6804c2a4f56711ddb8c82c99740f207854891028af34e27e5e"},
		{"deposit tree", func() interop.Hash { return NewDepositTree().Root() }, "0xd70a234731285c6804c2a4f56711ddb8c82c99740f207854891028af34e27e5e"},
		// The deposit contract's zero_hashes[1] is sha256 of 64 zero bytes.
		{"sha256 zero ladder", func() interop.Hash { return Zeros(SHA256{})[1] }, "0xf5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b"},
		{"keccak zero ladder", func() interop.Hash { return Zeros(Keccak256{})[1] }, "0xad3228b676f7d3cd4284a5443f17f1962b36e491b30a40b2405849e597ba5fb5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.got(); got != mustHash(t, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// A user-defined Hasher gets its own ladder, equal to the built-in one for the same hash.
type plainSHA256 struct{}

func (plainSHA256) Pair(l, r interop.Hash) interop.Hash { return SHA256{}.Pair(l, r) }

func TestZerosOfCustomHasher(t *testing.T) {
	if *Zeros(plainSHA256{}) != *Zeros(SHA256{}) {
		t.Fatal("ladders differ")
	}
}

// The last slot of a depth-32 tree stays empty, as in both contracts.
func TestTreeFull(t *testing.T) {
	var frontier Branch
	inc, err := IncrementalFrom(SHA256{}, &frontier, MaxLeaves-1)
	if err != nil {
		t.Fatal(err)
	}
	if err := inc.Insert(interop.Hash{1}); err != nil {
		t.Fatalf("last insert: %v", err)
	}
	if err := inc.Insert(interop.Hash{2}); !errors.Is(err, ErrTreeFull) {
		t.Fatalf("insert into a full tree: %v", err)
	}
	if _, err := IncrementalFrom(SHA256{}, &frontier, MaxLeaves+1); !errors.Is(err, ErrTreeFull) {
		t.Fatalf("resume past the limit: %v", err)
	}
	// A deposit tree from a snapshot one short of full takes one deposit more.
	s := Snapshot{Finalized: make([]interop.Hash, 31), DepositCount: MaxLeaves - 1}
	root, err := s.CalculateRoot()
	if err != nil {
		t.Fatal(err)
	}
	s.DepositRoot = root
	d, err := DepositTreeFromSnapshot(&s)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Insert(interop.Hash{1}); err != nil {
		t.Fatal(err)
	}
	if err := d.Insert(interop.Hash{2}); !errors.Is(err, ErrTreeFull) {
		t.Fatalf("insert into a full deposit tree: %v", err)
	}
	leaf, proof, err := d.Proof(MaxLeaves - 1)
	if err != nil || leaf != (interop.Hash{1}) {
		t.Fatalf("proof of the last deposit: %v", err)
	}
	if err := VerifyBranch(leaf, proof[:], MaxLeaves-1, d.Root(), SHA256{}); err != nil {
		t.Fatal(err)
	}
}

func TestBranchErrors(t *testing.T) {
	leaf := interop.Hash{7}
	for _, tc := range []struct {
		name   string
		branch []interop.Hash
		index  uint64
		want   error
	}{
		{"depth 65", make([]interop.Hash, 65), 0, ErrDepth},
		{"index beyond depth 0", nil, 1, ErrIndex},
		{"index beyond depth 32", make([]interop.Hash, 32), 1 << 32, ErrIndex},
		{"index beyond depth 63", make([]interop.Hash, 63), 1 << 63, ErrIndex},
		{"wrong root at depth 64", make([]interop.Hash, 64), 1<<64 - 1, ErrInvalidProof},
		{"wrong root at depth 0", nil, 0, ErrInvalidProof},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := VerifyBranch(leaf, tc.branch, tc.index, interop.Hash{}, Keccak256{})
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	if err := VerifyBranch(leaf, nil, 0, leaf, SHA256{}); err != nil {
		t.Fatalf("depth 0 proves the root itself: %v", err)
	}
}

func TestTreeIndexErrors(t *testing.T) {
	tree := NewTree(Keccak256{})
	if _, err := tree.Branch(0); !errors.Is(err, ErrIndex) {
		t.Fatalf("branch in an empty tree: %v", err)
	}
	for i := 0; i < 5; i++ {
		if err := tree.Insert(interop.Hash{byte(i)}); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name         string
		index, count uint64
	}{
		{"index at count", 3, 3},
		{"count past the tree", 1, 6},
		{"index past the tree", 5, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := tree.BranchAt(tc.index, tc.count); !errors.Is(err, ErrIndex) {
				t.Fatalf("got %v", err)
			}
		})
	}
}

func TestDepositTreeErrors(t *testing.T) {
	d := NewDepositTree()
	if _, err := d.Snapshot(); !errors.Is(err, ErrNotFinalized) {
		t.Fatalf("snapshot before finalization: %v", err)
	}
	if _, _, err := d.Proof(0); !errors.Is(err, ErrIndex) {
		t.Fatalf("proof in an empty tree: %v", err)
	}
	// EIP-4881 test_invalid_snapshot: an empty snapshot whose root is not the empty root.
	if _, err := DepositTreeFromSnapshot(&Snapshot{}); !errors.Is(err, ErrInvalidSnapshot) {
		t.Fatalf("invalid snapshot: %v", err)
	}
	for _, s := range []Snapshot{
		{DepositCount: 3, Finalized: make([]interop.Hash, 1)},
		{DepositCount: 0, Finalized: make([]interop.Hash, 1)},
		{DepositCount: MaxLeaves + 1, Finalized: make([]interop.Hash, 1)},
	} {
		if _, err := s.CalculateRoot(); !errors.Is(err, ErrInvalidSnapshot) {
			t.Fatalf("count %d with %d roots: %v", s.DepositCount, len(s.Finalized), err)
		}
	}
}

func TestSnapshotSSZErrors(t *testing.T) {
	good, err := (&Snapshot{Finalized: make([]interop.Hash, 2)}).MarshalSSZ()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"short fixed part", good[:83]},
		{"partial root", good[:len(good)-1]},
		{"offset too large", append([]byte{85, 0, 0, 0}, good[4:]...)},
		{"offset too small", append([]byte{83, 0, 0, 0}, good[4:]...)},
		{"33 roots", append(append([]byte{}, good[:84]...), make([]byte, 33*32)...)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s Snapshot
			if err := s.UnmarshalSSZ(tc.b); !errors.Is(err, ErrInvalidSnapshot) {
				t.Fatalf("got %v", err)
			}
		})
	}
	if _, err := (&Snapshot{Finalized: make([]interop.Hash, 33)}).MarshalSSZ(); !errors.Is(err, ErrInvalidSnapshot) {
		t.Fatalf("encoding 33 roots: %v", err)
	}
}

func TestSnapshotJSONErrors(t *testing.T) {
	const h = `"0x0000000000000000000000000000000000000000000000000000000000000000"`
	fields := func(fin, count, height string) string {
		return `{"finalized":` + fin + `,"deposit_root":` + h + `,"deposit_count":` + count +
			`,"execution_block_hash":` + h + `,"execution_block_height":` + height + `}`
	}
	var s Snapshot
	for _, ok := range []string{fields("[]", `"0"`, `"12"`), fields("["+h+"]", "1", "0"), fields("[]", `"18446744073709551615"`, "0")} {
		if err := s.UnmarshalJSON([]byte(ok)); err != nil {
			t.Fatalf("%s: %v", ok, err)
		}
	}
	for _, tc := range []struct{ name, in string }{
		{"not an object", `[]`},
		{"missing finalized", `{"deposit_root":` + h + `,"deposit_count":"0","execution_block_hash":` + h + `,"execution_block_height":"0"}`},
		{"null finalized", fields("null", `"0"`, `"0"`)},
		{"finalized not an array", fields(`{}`, `"0"`, `"0"`)},
		{"33 finalized", fields("["+strings.Repeat(h+",", 32)+h+"]", `"0"`, `"0"`)},
		{"short hash", fields(`["0x00"]`, `"1"`, `"0"`)},
		{"missing count", fields("[]", `""`, `"0"`)},
		{"leading zero", fields("[]", `"01"`, `"0"`)},
		{"negative", fields("[]", `-1`, `"0"`)},
		{"overflow", fields("[]", `"18446744073709551616"`, `"0"`)},
		{"float", fields("[]", `1e3`, `"0"`)},
		{"hex count", fields("[]", `"0x1"`, `"0"`)},
		{"bad height", fields("[]", `"1"`, `"one"`)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := s.UnmarshalJSON([]byte(tc.in)); !errors.Is(err, ErrInvalidSnapshot) {
				t.Fatalf("got %v", err)
			}
		})
	}
}

// hash_tree_root(DepositData) of all-zero fields, by the SSZ rules: a zero Bytes48 is two
// zero chunks (root z[1]), a zero Bytes96 three chunks padded to four (root z[2]).
func TestDepositDataRootZero(t *testing.T) {
	var pk [48]byte
	var sig [96]byte
	z := Zeros(SHA256{})
	left := SHA256{}.Pair(z[1], interop.Hash{})
	right := SHA256{}.Pair(interop.Hash{}, z[2])
	root := SHA256{}.Pair(left, right)
	if got := DepositDataRoot(&pk, interop.Hash{}, 0, &sig); got != root {
		t.Fatalf("got %v, want %v", got, root)
	}
}
