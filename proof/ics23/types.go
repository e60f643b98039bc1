package ics23

// HashOp is the cosmos.ics23.v1.HashOp enum: the hash applied by a leaf or inner step.
type HashOp int32

// HashOp values, numbered as in proofs.proto.
const (
	NoHash     HashOp = 0
	SHA256     HashOp = 1
	SHA512     HashOp = 2
	Keccak256  HashOp = 3
	RIPEMD160  HashOp = 4
	Bitcoin    HashOp = 5 // ripemd160(sha256(x))
	SHA512_256 HashOp = 6
	Blake2b512 HashOp = 7
	Blake2s256 HashOp = 8
	Blake3     HashOp = 9
)

// LengthOp is the cosmos.ics23.v1.LengthOp enum: how a leaf's key and value are
// length-prefixed before hashing.
type LengthOp int32

// LengthOp values, numbered as in proofs.proto.
const (
	NoPrefix       LengthOp = 0
	VarProto       LengthOp = 1
	VarRLP         LengthOp = 2
	Fixed32Big     LengthOp = 3
	Fixed32Little  LengthOp = 4
	Fixed64Big     LengthOp = 5
	Fixed64Little  LengthOp = 6
	Require32Bytes LengthOp = 7
	Require64Bytes LengthOp = 8
)

// LeafOp is how a key and value become a leaf hash:
// Hash(Prefix ‖ Length(PrehashKey(key)) ‖ Length(PrehashValue(value))).
type LeafOp struct {
	Hash         HashOp
	PrehashKey   HashOp
	PrehashValue HashOp
	Length       LengthOp
	Prefix       []byte
}

// InnerOp is one step from a child hash towards the root: Hash(Prefix ‖ child ‖ Suffix).
type InnerOp struct {
	Hash   HashOp
	Prefix []byte
	Suffix []byte
}

// ExistenceProof proves that Key maps to Value: the leaf operation, then the path of
// inner operations from the leaf to the root.
type ExistenceProof struct {
	Key   []byte
	Value []byte
	Leaf  *LeafOp
	Path  []InnerOp

	// depth is the length of a path that was decoded but not built because it is
	// longer than the spec the proof was decoded for allows (Path is then nil). Only
	// the package's Verify functions decode so; DecodeCommitmentProof builds every path.
	depth int
}

// NonExistenceProof proves a key absent by proving its neighbours: Left is the greatest
// key below it and Right the least key above it; either may be nil at an edge of the
// tree. Key is carried on the wire but ignored, as ics23/go ignores it.
type NonExistenceProof struct {
	Key   []byte
	Left  *ExistenceProof
	Right *ExistenceProof
}

// BatchEntry is one proof of a batch: exactly one of Exist and Nonexist is set, or
// neither when the wire entry was empty (such an entry proves nothing).
type BatchEntry struct {
	Exist    *ExistenceProof
	Nonexist *NonExistenceProof
}

// CommitmentProof is the cosmos.ics23.v1.CommitmentProof oneof. A compressed batch is
// expanded when decoded, so Batch holds both legacy forms; Compressed records which one
// the wire carried.
type CommitmentProof struct {
	Exist      *ExistenceProof
	Nonexist   *NonExistenceProof
	Batch      []BatchEntry
	IsBatch    bool
	Compressed bool
}

// InnerSpec describes the inner nodes of a tree: where the children sit in an inner
// node's preimage, how large each is, and what an empty child looks like.
type InnerSpec struct {
	ChildOrder      []int32
	ChildSize       int32
	MinPrefixLength int32
	MaxPrefixLength int32
	EmptyChild      []byte
	Hash            HashOp
}

// ProofSpec is the format a tree's proofs must follow. A verifier checks every proof
// against the spec of the store it expects, which is what stops a prover from passing
// an inner node off as a leaf.
type ProofSpec struct {
	LeafSpec  *LeafOp
	InnerSpec *InnerSpec
	// MaxDepth bounds the path length; 0 means 128 (ics23/go v0.11, #352).
	MaxDepth int32
	MinDepth int32
	// PrehashKeyBeforeComparison orders keys by their PrehashKey hash, as sparse Merkle
	// trees store them, when checking non-existence neighbours.
	PrehashKeyBeforeComparison bool
}

// IAVLSpec is the format of IAVL proofs (cosmos-sdk stores): ics23/go IavlSpec.
var IAVLSpec = &ProofSpec{
	LeafSpec: &LeafOp{
		Prefix:       []byte{0},
		PrehashKey:   NoHash,
		Hash:         SHA256,
		PrehashValue: SHA256,
		Length:       VarProto,
	},
	InnerSpec: &InnerSpec{
		ChildOrder:      []int32{0, 1},
		MinPrefixLength: 4,
		MaxPrefixLength: 12,
		ChildSize:       33, // the 32-byte hash with its length byte
		Hash:            SHA256,
	},
}

// TendermintSpec is the format of CometBFT's crypto/merkle simple proofs (RFC 6962
// leaf 0x00 and inner 0x01 prefixes): ics23/go TendermintSpec.
var TendermintSpec = &ProofSpec{
	LeafSpec: &LeafOp{
		Prefix:       []byte{0},
		PrehashKey:   NoHash,
		Hash:         SHA256,
		PrehashValue: SHA256,
		Length:       VarProto,
	},
	InnerSpec: &InnerSpec{
		ChildOrder:      []int32{0, 1},
		MinPrefixLength: 1,
		MaxPrefixLength: 1,
		ChildSize:       32,
		Hash:            SHA256,
	},
}

// SMTSpec is the format of celestiaorg/smt sparse Merkle tree proofs: ics23/go SmtSpec.
var SMTSpec = &ProofSpec{
	LeafSpec: &LeafOp{
		Hash:         SHA256,
		PrehashKey:   SHA256,
		PrehashValue: SHA256,
		Length:       NoPrefix,
		Prefix:       []byte{0},
	},
	InnerSpec: &InnerSpec{
		ChildOrder:      []int32{0, 1},
		ChildSize:       32,
		MinPrefixLength: 1,
		MaxPrefixLength: 1,
		EmptyChild:      make([]byte, 32),
		Hash:            SHA256,
	},
	MaxDepth:                   256,
	PrehashKeyBeforeComparison: true,
}

// iavlLike is ics23/go's SpecEquals(IavlSpec): a spec that matches IAVL in these fields
// gets the IAVL node-metadata checks, whatever its prefixes and empty child.
func iavlLike(s *ProofSpec) bool {
	t := IAVLSpec
	if (s.LeafSpec == nil) != (t.LeafSpec == nil) || (s.InnerSpec == nil) != (t.InnerSpec == nil) {
		return false
	}
	if s.LeafSpec != nil {
		a, b := s.LeafSpec, t.LeafSpec
		if a.Hash != b.Hash || a.PrehashKey != b.PrehashKey || a.PrehashValue != b.PrehashValue || a.Length != b.Length {
			return false
		}
	}
	if s.InnerSpec != nil {
		a, b := s.InnerSpec, t.InnerSpec
		if a.Hash != b.Hash || a.MinPrefixLength != b.MinPrefixLength || a.MaxPrefixLength != b.MaxPrefixLength ||
			a.ChildSize != b.ChildSize || len(a.ChildOrder) != len(b.ChildOrder) {
			return false
		}
	}
	return true
}
