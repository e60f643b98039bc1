package bundle

import (
	"bytes"
	"fmt"

	"github.com/interopkit/interop"
)

// Limits checked by Validate and the decoder, so that a bundle's size is bounded before
// anything is allocated for it.
const (
	MaxLegs      = 64
	MaxTxSize    = 128 << 10 // 128 KiB, as Ethereum's tx pool
	MaxTopics    = 4
	MaxEffectLen = 64 << 10
)

// Window bounds where a leg may land: a block height range and a timestamp range on its
// chain, both inclusive. A zero maximum means no upper bound.
type Window struct {
	MinHeight, MaxHeight       uint64
	MinTimestamp, MaxTimestamp uint64
}

// Opens reports whether some height and time satisfy w.
func (w Window) Opens() bool {
	return (w.MaxHeight == 0 || w.MinHeight <= w.MaxHeight) && (w.MaxTimestamp == 0 || w.MinTimestamp <= w.MaxTimestamp)
}

// Contains reports whether a block at height and timestamp lies in w.
func (w Window) Contains(height, timestamp uint64) bool {
	return height >= w.MinHeight && (w.MaxHeight == 0 || height <= w.MaxHeight) &&
		timestamp >= w.MinTimestamp && (w.MaxTimestamp == 0 || timestamp <= w.MaxTimestamp)
}

// LogMatch is a log a leg is expected to emit: from Address, with Topics as a prefix of the
// log's topics, and, when Data is non-nil, exactly Data.
type LogMatch struct {
	Address interop.Address
	Topics  []interop.Hash
	Data    []byte
}

// Effect is what a leg is expected to do beyond being included: succeed, and optionally
// emit a log.
type Effect struct {
	Log *LogMatch
}

// Leg is one transaction of a bundle.
type Leg struct {
	Chain interop.ChainID
	// Tx is the transaction as its chain encodes it (EIP-2718 for EVM chains); opaque here.
	Tx []byte
	// MayRevert marks a leg whose revert does not break atomicity (Flashbots'
	// revertingTxHashes): it must be included, but it may fail.
	MayRevert bool
	// Expect, when set, is an effect the leg must show to count as executed.
	Expect *Effect
	Window Window
}

// Bundle is a set of legs that must all land, on their chains, or none.
type Bundle struct {
	Legs      []Leg
	Nonce     uint64
	Submitter interop.Address
}

// Validate checks a bundle's shape: at least one and at most MaxLegs legs, none duplicated
// (same chain and transaction), every window able to open, transactions and effects within
// their limits, and, when known is non-nil, every chain known.
//
// Bound: no allocation on success; at most MaxLegs²/2 byte comparisons of transactions of at
// most MaxTxSize bytes.
func (b *Bundle) Validate(known func(interop.ChainID) bool) error {
	if len(b.Legs) == 0 {
		return ErrEmpty
	}
	if len(b.Legs) > MaxLegs {
		return fmt.Errorf("%w: %d (max %d)", ErrTooManyLegs, len(b.Legs), MaxLegs)
	}
	for i := range b.Legs {
		l := &b.Legs[i]
		switch {
		case len(l.Tx) == 0:
			return fmt.Errorf("%w: leg %d has no transaction", ErrOversize, i)
		case len(l.Tx) > MaxTxSize:
			return fmt.Errorf("%w: leg %d is %d bytes (max %d)", ErrOversize, i, len(l.Tx), MaxTxSize)
		case !l.Window.Opens():
			return fmt.Errorf("%w: leg %d window %+v", ErrWindow, i, l.Window)
		case known != nil && !known(l.Chain):
			return fmt.Errorf("%w: leg %d chain %d", ErrUnknownChain, i, l.Chain)
		}
		if l.Expect != nil && l.Expect.Log != nil {
			if len(l.Expect.Log.Topics) > MaxTopics || len(l.Expect.Log.Data) > MaxEffectLen {
				return fmt.Errorf("%w: leg %d expects %d topics, %d data bytes", ErrEffect, i, len(l.Expect.Log.Topics), len(l.Expect.Log.Data))
			}
		}
		for j := range i {
			if b.Legs[j].Chain == l.Chain && bytes.Equal(b.Legs[j].Tx, l.Tx) {
				return fmt.Errorf("%w: legs %d and %d", ErrDuplicateLeg, j, i)
			}
		}
	}
	return nil
}

// Chains returns the distinct chains of the bundle's legs, in first-leg order.
func (b *Bundle) Chains() []interop.ChainID {
	var out []interop.ChainID
	for _, l := range b.Legs {
		seen := false
		for _, c := range out {
			seen = seen || c == l.Chain
		}
		if !seen {
			out = append(out, l.Chain)
		}
	}
	return out
}
