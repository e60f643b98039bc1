package ordering

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/internal/keccak"
)

// MaxPreconfWindow bounds the heights a preconfirmation may span, and so the size of
// breach evidence.
const MaxPreconfWindow = 1 << 12

// TxHash is keccak256 of a transaction's bytes, the hash Ethereum-style rollups name
// transactions by.
func TxHash(tx []byte) interop.Hash {
	return keccak.Sum256(tx)
}

// Preconf is a sequencer's promise that transaction Tx will be in Rollup's block at some
// height in [First, Deadline] and, if HasPosition, at index Position of that block.
type Preconf struct {
	Tx          interop.Hash
	Rollup      interop.ChainID
	First       uint64
	Deadline    uint64
	HasPosition bool
	Position    uint32
}

var preconfDomain = []byte("interop/ordering/preconf/v1\x00")

// Hash returns the domain-separated hash the sequencer signs.
func (p *Preconf) Hash() interop.Hash {
	var buf [64 + 32 + 8*3 + 1 + 4]byte
	b := append(buf[:0], preconfDomain...)
	b = append(b, p.Tx[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(p.Rollup))
	b = binary.BigEndian.AppendUint64(b, p.First)
	b = binary.BigEndian.AppendUint64(b, p.Deadline)
	if p.HasPosition {
		b = append(b, 1)
		b = binary.BigEndian.AppendUint32(b, p.Position)
	} else {
		b = append(b, 0)
	}
	return sha256.Sum256(b)
}

// SignedPreconf is a preconfirmation with the sequencer's BLS signature of its Hash.
type SignedPreconf struct {
	Preconf   Preconf
	Signature *bls.Signature
}

// SignPreconf signs p with the sequencer's key.
func SignPreconf(sk *bls.SecretKey, p Preconf) SignedPreconf {
	h := p.Hash()
	return SignedPreconf{Preconf: p, Signature: sk.Sign(h[:])}
}

// Breach is evidence that a signed preconfirmation was broken: for every height from
// First to Deadline, the certified commitment and the rollup's complete block under it,
// none of which holds the transaction (at the promised position).
type Breach struct {
	Promise SignedPreconf
	Heights []BreachHeight
}

// BreachHeight is one height of breach evidence.
type BreachHeight struct {
	Certified Certified
	Block     RollupBlock
}

// Verify checks b against the sequencer's key and the committee that certified the
// heights. The checks, in order:
//
//	a) the promise spans First ≤ Deadline within MaxPreconfWindow heights (ErrInvalidPreconf);
//	b) there is one entry per height First..Deadline, in order, each commitment naming c's
//	   epoch and linking to the previous one (ErrNotBreach, ErrEpoch, ErrFork);
//	c) each rollup block is the promised rollup's, complete under its commitment
//	   (ErrNotBreach, ErrInvalidProof);
//	d) no block holds the transaction (at Position, if promised) (ErrNotBreach);
//	e) the sequencer signed the promise and c certified every commitment
//	   (ErrInvalidSignature, ErrNoQuorum, ...): pairings last.
//
// Bound: at most MaxPreconfWindow heights, refused before any entry is read; per height a
// commitment hash, RollupBlock.Verify and a keccak256 per transaction, then one BLS and one
// QC verification; memory 32 bytes per height beyond the proofs'.
func (b *Breach) Verify(sequencer *bls.PublicKey, c *Committee) error {
	p := &b.Promise.Preconf
	if p.Deadline < p.First || p.Deadline-p.First >= MaxPreconfWindow {
		return fmt.Errorf("%w: window [%d, %d]", ErrInvalidPreconf, p.First, p.Deadline)
	}
	if uint64(len(b.Heights)) != p.Deadline-p.First+1 {
		return fmt.Errorf("%w: %d heights for window [%d, %d]", ErrNotBreach, len(b.Heights), p.First, p.Deadline)
	}
	hashes := make([]interop.Hash, len(b.Heights))
	for i := range b.Heights {
		bh := &b.Heights[i]
		cm := &bh.Certified.Commitment
		if cm.Height != p.First+uint64(i) {
			return fmt.Errorf("%w: entry %d at height %d, want %d", ErrNotBreach, i, cm.Height, p.First+uint64(i))
		}
		if cm.Epoch != c.Epoch() {
			return fmt.Errorf("%w: height %d epoch %d, committee %d", ErrEpoch, cm.Height, cm.Epoch, c.Epoch())
		}
		hashes[i] = cm.Hash()
		if i > 0 && cm.Parent != hashes[i-1] {
			return fmt.Errorf("%w: height %d does not link to %d", ErrFork, cm.Height, cm.Height-1)
		}
		if bh.Block.Rollup != p.Rollup {
			return fmt.Errorf("%w: height %d: block of rollup %d, promise for %d", ErrNotBreach, cm.Height, bh.Block.Rollup, p.Rollup)
		}
		if err := bh.Block.Verify(cm); err != nil {
			return err
		}
		if at := kept(p, bh.Block.Txs); at >= 0 {
			return fmt.Errorf("%w: transaction %x at index %d of height %d", ErrNotBreach, p.Tx, at, cm.Height)
		}
	}
	ph := p.Hash()
	if !bls.Verify(sequencer, ph[:], b.Promise.Signature) {
		return fmt.Errorf("%w: preconfirmation signature", ErrInvalidSignature)
	}
	for i := range b.Heights {
		if err := c.VerifyQC(hashes[i], &b.Heights[i].Certified.QC); err != nil {
			return fmt.Errorf("height %d: %w", p.First+uint64(i), err)
		}
	}
	return nil
}

// kept returns the index at which txs honour the promise, or -1.
func kept(p *Preconf, txs [][]byte) int {
	if p.HasPosition {
		if int64(p.Position) < int64(len(txs)) && TxHash(txs[p.Position]) == p.Tx {
			return int(p.Position)
		}
		return -1
	}
	for i, tx := range txs {
		if TxHash(tx) == p.Tx {
			return i
		}
	}
	return -1
}
