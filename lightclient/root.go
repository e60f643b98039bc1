package lightclient

import (
	"fmt"

	"github.com/interopkit/interop"
)

// Finality is how settled a root is. The order matters: Unsafe < Safe < Finalized, and a
// conclusion drawn from several roots is only as final as the least final of them.
type Finality uint8

const (
	// Unsafe: seen, signed by whoever produced it, but it can still be reorganised away
	// (a preconfirmation, an optimistic light-client header, an unsafe L2 head).
	Unsafe Finality = iota
	// Safe: unlikely to be reverted without a large, attributable fault (a justified
	// checkpoint, an L2 block derived from L1 data).
	Safe
	// Finalized: reverting it would break the chain's finality guarantee (a finalized
	// beacon checkpoint, an L2 output root past its challenge window).
	Finalized
)

func (f Finality) String() string {
	switch f {
	case Unsafe:
		return "unsafe"
	case Safe:
		return "safe"
	case Finalized:
		return "finalized"
	}
	return fmt.Sprintf("Finality(%d)", uint8(f))
}

// Valid reports whether f is one of the three defined levels.
func (f Finality) Valid() bool { return f <= Finalized }

// MinFinality returns the least final of fs, the finality of a conclusion drawn from all of
// them; with no arguments it is Finalized (nothing weakens the conclusion).
func MinFinality(fs ...Finality) Finality {
	m := Finalized
	for _, f := range fs {
		m = min(m, f)
	}
	return m
}

// RootKind says what a root commits to.
type RootKind uint8

const (
	// StateRoot is an execution-layer state trie root (proof/mpt VerifyAccount).
	StateRoot RootKind = iota + 1
	// ReceiptsRoot is a block's receipts trie root (proof/mpt VerifyReceipt).
	ReceiptsRoot
	// TransactionsRoot is a block's transactions trie root (proof/mpt VerifyTransaction).
	TransactionsRoot
	// BlockHash is an execution block hash: keccak256 of the RLP header.
	BlockHash
	// BeaconBlockRoot is hash_tree_root of a beacon BeaconBlockHeader.
	BeaconBlockRoot
	// OutputRoot is an OP Stack L2 output root.
	OutputRoot
	// MessageRoot is a messaging protocol's commitment to sent messages (a Hyperlane
	// mailbox tree root, a bridge's outbox root).
	MessageRoot
)

func (k RootKind) String() string {
	switch k {
	case StateRoot:
		return "state root"
	case ReceiptsRoot:
		return "receipts root"
	case TransactionsRoot:
		return "transactions root"
	case BlockHash:
		return "block hash"
	case BeaconBlockRoot:
		return "beacon block root"
	case OutputRoot:
		return "output root"
	case MessageRoot:
		return "message root"
	}
	return fmt.Sprintf("RootKind(%d)", uint8(k))
}

// Root is a trusted hash: of what (Kind), for which chain and height, and how final.
type Root struct {
	Chain    interop.ChainID
	Height   uint64
	Kind     RootKind
	Value    interop.Hash
	Finality Finality
}

func (r Root) String() string {
	return fmt.Sprintf("%s of chain %d at %d: %s (%s)", r.Kind, r.Chain, r.Height, r.Value, r.Finality)
}

// RootSource gives trusted roots. Implementations return an error wrapping ErrUnknownRoot
// when they hold no such root, and set Finality honestly: a source never reports a root as
// more final than the evidence it verified.
type RootSource interface {
	Root(chain interop.ChainID, height uint64, kind RootKind) (Root, error)
}

// RequireFinality returns a RootSource that answers from src only with roots at least as
// final as min, and with ErrInsufficientFinality otherwise.
func RequireFinality(src RootSource, min Finality) RootSource {
	return finalityFilter{src: src, min: min}
}

type finalityFilter struct {
	src RootSource
	min Finality
}

func (f finalityFilter) Root(chain interop.ChainID, height uint64, kind RootKind) (Root, error) {
	r, err := f.src.Root(chain, height, kind)
	if err != nil {
		return Root{}, err
	}
	if r.Finality < f.min {
		return Root{}, fmt.Errorf("%w: %s is %s, need %s", ErrInsufficientFinality, r.Kind, r.Finality, f.min)
	}
	return r, nil
}
