package ordering

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
)

const (
	// MaxTxSize bounds a single transaction.
	MaxTxSize = 1 << 20
	// MaxTxsPerHeight bounds the transactions of one height across all rollups.
	MaxTxsPerHeight = 1 << 22
)

// Leg is one transaction of a bundle, for one rollup.
type Leg struct {
	Rollup interop.ChainID
	Tx     []byte
}

// Bundle is what the Builder needs from an atomic cross-rollup bundle: its legs, all of
// which must land at the same height or none. Package bundle implements it; ordering only
// orders the legs and proves where they landed, it does not judge their execution.
type Bundle interface {
	Legs() []Leg
}

// Header is what a commitment holds besides the transaction root.
type Header struct {
	Height    uint64
	Parent    interop.Hash
	Timestamp uint64
	Epoch     uint64
}

type lane struct {
	rollup interop.ChainID
	txs    [][]byte
	start  int // first leaf in the tree, set by Build
}

// Builder is the sequencer side: it collects per-rollup mempools, in arrival order, and
// bundles whose legs must share a height, and builds a Block. Transactions are kept by
// reference: the caller must not modify them afterwards. A Builder is not safe for
// concurrent use.
type Builder struct {
	lanes []lane
	index map[interop.ChainID]int
	last  int // lane of the previous Add: mempools usually arrive a rollup at a time
	count int
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{index: make(map[interop.ChainID]int)}
}

func checkTx(tx []byte) error {
	if len(tx) == 0 || len(tx) > MaxTxSize {
		return fmt.Errorf("%w: transaction of %d bytes", ErrInvalidTx, len(tx))
	}
	return nil
}

// Add appends tx to rollup's list for this height.
func (b *Builder) Add(rollup interop.ChainID, tx []byte) error {
	if err := checkTx(tx); err != nil {
		return err
	}
	if b.count >= MaxTxsPerHeight {
		return fmt.Errorf("%w: %d transactions", ErrInvalidTx, b.count)
	}
	l := b.lane(rollup)
	l.txs = append(l.txs, tx)
	b.count++
	return nil
}

// AddMempool appends a rollup's pending transactions, in order, as one batch: it checks
// them all first and adds nothing if one is invalid.
func (b *Builder) AddMempool(rollup interop.ChainID, txs [][]byte) error {
	if len(txs) > MaxTxsPerHeight-b.count {
		return fmt.Errorf("%w: %d transactions plus %d", ErrInvalidTx, b.count, len(txs))
	}
	for i, tx := range txs {
		if err := checkTx(tx); err != nil {
			return fmt.Errorf("transaction %d: %w", i, err)
		}
	}
	l := b.lane(rollup)
	l.txs = append(l.txs, txs...)
	b.count += len(txs)
	return nil
}

func (b *Builder) lane(rollup interop.ChainID) *lane {
	if b.last < len(b.lanes) && b.lanes[b.last].rollup == rollup {
		return &b.lanes[b.last]
	}
	i, ok := b.index[rollup]
	if !ok {
		i = len(b.lanes)
		b.index[rollup] = i
		b.lanes = append(b.lanes, lane{rollup: rollup})
	}
	b.last = i
	return &b.lanes[i]
}

// AddBundle appends every leg of bu to its rollup's list, all at this height: it checks
// every leg first and adds nothing if one is invalid.
func (b *Builder) AddBundle(bu Bundle) error {
	legs := bu.Legs()
	if len(legs) == 0 {
		return fmt.Errorf("%w: bundle without legs", ErrInvalidTx)
	}
	if len(legs) > MaxTxsPerHeight-b.count {
		return fmt.Errorf("%w: %d transactions plus %d legs", ErrInvalidTx, b.count, len(legs))
	}
	for i, l := range legs {
		if err := checkTx(l.Tx); err != nil {
			return fmt.Errorf("leg %d: %w", i, err)
		}
	}
	for _, leg := range legs {
		l := b.lane(leg.Rollup)
		l.txs = append(l.txs, leg.Tx)
	}
	b.count += len(legs)
	return nil
}

// Build orders the collected transactions into a Block for h and resets the builder. In
// the tree, rollups follow each other by namespace (chain id) and each keeps its own order.
func (b *Builder) Build(h Header) (*Block, error) {
	lanes := slices.DeleteFunc(b.lanes, func(l lane) bool { return len(l.txs) == 0 })
	b.lanes, b.index, b.last, b.count = nil, make(map[interop.ChainID]int), 0, 0
	slices.SortFunc(lanes, func(x, y lane) int {
		return cmpChain(x.rollup, y.rollup)
	})
	tree := nmt.NewTree(hasher)
	total := 0
	for _, l := range lanes {
		total += len(l.txs)
	}
	tree.Grow(total)
	for i := range lanes {
		l := &lanes[i]
		ns := Namespace(l.rollup)
		l.start = tree.Len()
		for _, tx := range l.txs {
			if err := tree.PushData(ns[:], tx); err != nil {
				return nil, err
			}
		}
	}
	blk := &Block{tree: tree, lanes: lanes}
	blk.Commitment = Commitment{Height: h.Height, Parent: h.Parent, Timestamp: h.Timestamp, Epoch: h.Epoch}
	copy(blk.Commitment.Root[:], tree.Root())
	blk.hash = blk.Commitment.Hash()
	return blk, nil
}

func cmpChain(a, b interop.ChainID) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Block is one height as the sequencer built it: the commitment and the tree to prove from.
// It is safe for concurrent use.
type Block struct {
	Commitment Commitment
	hash       interop.Hash
	tree       *nmt.Tree
	lanes      []lane // sorted by rollup
}

// Hash returns Commitment.Hash().
func (blk *Block) Hash() interop.Hash { return blk.hash }

// Rollups returns the rollups with transactions in the block, in namespace order.
func (blk *Block) Rollups() []interop.ChainID {
	out := make([]interop.ChainID, len(blk.lanes))
	for i, l := range blk.lanes {
		out[i] = l.rollup
	}
	return out
}

func (blk *Block) find(rollup interop.ChainID) (*lane, bool) {
	i, ok := slices.BinarySearchFunc(blk.lanes, rollup, func(l lane, r interop.ChainID) int { return cmpChain(l.rollup, r) })
	if !ok {
		return nil, false
	}
	return &blk.lanes[i], true
}

// RollupBlock returns rollup's transactions at this height with the namespace proof that
// they are all of them, in order. A rollup with none gets an absence or empty proof.
func (blk *Block) RollupBlock(rollup interop.ChainID) (RollupBlock, error) {
	ns := Namespace(rollup)
	p, err := blk.tree.ProveNamespace(ns[:])
	if err != nil {
		return RollupBlock{}, err
	}
	rb := RollupBlock{Rollup: rollup, Height: blk.Commitment.Height, Proof: p}
	if l, ok := blk.find(rollup); ok {
		rb.Txs = l.txs
	}
	return rb, nil
}

// RollupBlocks returns the RollupBlock of every rollup in the block, in namespace order.
func (blk *Block) RollupBlocks() ([]RollupBlock, error) {
	out := make([]RollupBlock, len(blk.lanes))
	for i, l := range blk.lanes {
		p, err := blk.tree.ProveRange(l.start, l.start+len(l.txs))
		if err != nil {
			return nil, err
		}
		out[i] = RollupBlock{Rollup: l.rollup, Height: blk.Commitment.Height, Txs: l.txs, Proof: p}
	}
	return out, nil
}

// Inclusion returns the proof that transaction i of rollup is in the block.
func (blk *Block) Inclusion(rollup interop.ChainID, i int) (Inclusion, error) {
	l, ok := blk.find(rollup)
	if !ok {
		return Inclusion{}, fmt.Errorf("%w: rollup %d at height %d", ErrUnknownRollup, rollup, blk.Commitment.Height)
	}
	if i < 0 || i >= len(l.txs) {
		return Inclusion{}, fmt.Errorf("%w: transaction %d of %d", ErrInvalidTx, i, len(l.txs))
	}
	p, err := blk.tree.ProveRange(l.start+i, l.start+i+1)
	if err != nil {
		return Inclusion{}, err
	}
	return Inclusion{Rollup: rollup, Height: blk.Commitment.Height, Tx: l.txs[i], Proof: p}, nil
}

// BundleInclusions returns, for each leg of bu, the proof that it is in the block: the
// evidence that the bundle was included atomically, at one height. A leg that is not in
// the block is an error (ErrUnknownRollup, ErrInvalidTx).
func (blk *Block) BundleInclusions(bu Bundle) ([]Inclusion, error) {
	legs := bu.Legs()
	out := make([]Inclusion, len(legs))
	for j, leg := range legs {
		l, ok := blk.find(leg.Rollup)
		if !ok {
			return nil, fmt.Errorf("%w: leg %d rollup %d", ErrUnknownRollup, j, leg.Rollup)
		}
		i := slices.IndexFunc(l.txs, func(tx []byte) bool { return bytes.Equal(tx, leg.Tx) })
		if i < 0 {
			return nil, fmt.Errorf("%w: leg %d not at height %d", ErrInvalidTx, j, blk.Commitment.Height)
		}
		in, err := blk.Inclusion(leg.Rollup, i)
		if err != nil {
			return nil, err
		}
		out[j] = in
	}
	return out, nil
}

// RollupBlock is a rollup's ordered transactions at a height with the NMT namespace proof
// that they are exactly the rollup's transactions under the commitment's root: nothing
// omitted, inserted or reordered.
type RollupBlock struct {
	Rollup interop.ChainID
	Height uint64
	Txs    [][]byte
	Proof  nmt.Proof
}

// Verify checks rb against c: same height (ErrHeight), and the namespace proof of Txs
// under c.Root (ErrInvalidProof beside the proof/nmt error, e.g. nmt.ErrIncomplete).
// c itself must come from a verified Chain. Bound: proof/nmt's, one leaf hash per
// transaction and at most nmt.MaxProofNodes nodes; memory linear in the transactions.
func (rb *RollupBlock) Verify(c *Commitment) error {
	if rb.Height != c.Height {
		return fmt.Errorf("%w: rollup block at height %d, commitment at %d", ErrHeight, rb.Height, c.Height)
	}
	// Ordering's trees never ignore the max namespace; a proof that says otherwise was not
	// made from one (and proof/nmt would verify it with another hasher).
	if rb.Proof.IgnoreMaxNamespace {
		return fmt.Errorf("%w: rollup %d at height %d: proof ignores the max namespace", ErrInvalidProof, rb.Rollup, rb.Height)
	}
	ns := Namespace(rb.Rollup)
	if err := nmt.VerifyNamespaceData(c.Root[:], ns[:], rb.Txs, &rb.Proof); err != nil {
		return fmt.Errorf("rollup %d at height %d: %w: %w", rb.Rollup, rb.Height, ErrInvalidProof, err)
	}
	return nil
}

// Inclusion proves that one transaction of a rollup is under a commitment's root. It
// proves presence, not position in the rollup's block nor completeness: for those use
// RollupBlock.
type Inclusion struct {
	Rollup interop.ChainID
	Height uint64
	Tx     []byte
	Proof  nmt.Proof
}

// Verify checks in against c: same height (ErrHeight), a one-leaf range proof of
// namespace ‖ Tx under c.Root (ErrInvalidProof beside the proof/nmt error). Bound: one
// leaf and at most nmt.MaxProofNodes nodes.
func (in *Inclusion) Verify(c *Commitment) error {
	if in.Height != c.Height {
		return fmt.Errorf("%w: inclusion at height %d, commitment at %d", ErrHeight, in.Height, c.Height)
	}
	// Compare without subtracting: End-Start wraps to 1 for Start = MaxInt, End = MinInt.
	// Ordering's trees never ignore the max namespace.
	if in.Proof.Start < 0 || in.Proof.End <= in.Proof.Start || in.Proof.End-in.Proof.Start != 1 || in.Proof.IgnoreMaxNamespace {
		return fmt.Errorf("%w: inclusion over [%d, %d)", ErrInvalidProof, in.Proof.Start, in.Proof.End)
	}
	ns := Namespace(in.Rollup)
	leaf := append(ns[:len(ns):len(ns)], in.Tx...)
	if err := nmt.VerifyRange(c.Root[:], NamespaceSize, [][]byte{leaf}, &in.Proof); err != nil {
		return fmt.Errorf("rollup %d at height %d: %w: %w", in.Rollup, in.Height, ErrInvalidProof, err)
	}
	return nil
}

// AppendBinary appends rb's encoding: rollup and height as 8 big-endian bytes, the
// transaction count as 4, each transaction as a 4-byte length and its bytes, then the
// proof/nmt encoding of the proof.
func (rb *RollupBlock) AppendBinary(dst []byte) ([]byte, error) {
	if len(rb.Txs) > MaxTxsPerHeight { // and so the count fits its 4 bytes
		return dst, fmt.Errorf("%w: %d transactions (max %d)", ErrInvalidTx, len(rb.Txs), MaxTxsPerHeight)
	}
	dst = binary.BigEndian.AppendUint64(dst, uint64(rb.Rollup))
	dst = binary.BigEndian.AppendUint64(dst, rb.Height)
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(rb.Txs)))
	for _, tx := range rb.Txs {
		if err := checkTx(tx); err != nil {
			return dst, err
		}
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(tx)))
		dst = append(dst, tx...)
	}
	return rb.Proof.AppendBinary(dst, NamespaceSize)
}

// DecodeRollupBlock decodes AppendBinary's encoding. Counts and lengths are checked against
// the bytes left before anything is allocated; transactions alias b. Bound: at most
// MaxTxsPerHeight transactions and one per 5 bytes left; work O(len(b)); memory 24 bytes
// per transaction plus the proof's node headers.
func DecodeRollupBlock(b []byte) (RollupBlock, error) {
	if len(b) < 20 {
		return RollupBlock{}, fmt.Errorf("%w: %d bytes", ErrInvalidEncoding, len(b))
	}
	rb := RollupBlock{Rollup: interop.ChainID(binary.BigEndian.Uint64(b)), Height: binary.BigEndian.Uint64(b[8:])}
	n := binary.BigEndian.Uint32(b[16:])
	rest := b[20:]
	// Each transaction takes at least 5 bytes (a length and one byte): the count is checked
	// against the bytes left, and the height's limit, before the list is allocated.
	if n > MaxTxsPerHeight || uint64(n)*5 > uint64(len(rest)) {
		return RollupBlock{}, fmt.Errorf("%w: %d transactions in %d bytes", ErrInvalidEncoding, n, len(rest))
	}
	if n > 0 {
		rb.Txs = make([][]byte, n)
	}
	for i := range rb.Txs {
		if len(rest) < 4 {
			return RollupBlock{}, fmt.Errorf("%w: transaction %d truncated", ErrInvalidEncoding, i)
		}
		l := binary.BigEndian.Uint32(rest)
		rest = rest[4:]
		if l == 0 || l > MaxTxSize || uint64(l) > uint64(len(rest)) {
			return RollupBlock{}, fmt.Errorf("%w: transaction %d of %d bytes, %d left", ErrInvalidEncoding, i, l, len(rest))
		}
		rb.Txs[i] = rest[:l:l]
		rest = rest[l:]
	}
	p, err := nmt.DecodeProof(rest, NamespaceSize)
	if err != nil {
		return RollupBlock{}, fmt.Errorf("proof: %w: %w", ErrInvalidEncoding, err)
	}
	rb.Proof = p
	return rb, nil
}
