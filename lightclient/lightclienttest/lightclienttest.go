// Package lightclienttest provides rapid generators of roots and finality levels, and
// honest fakes of lightclient.RootSource, for property tests of code that consumes roots.
package lightclienttest

import (
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"pgregory.net/rapid"
)

// Finality generates one of the three finality levels.
func Finality() *rapid.Generator[lightclient.Finality] {
	return rapid.SampledFrom([]lightclient.Finality{lightclient.Unsafe, lightclient.Safe, lightclient.Finalized})
}

// Kind generates a defined root kind.
func Kind() *rapid.Generator[lightclient.RootKind] {
	return rapid.SampledFrom([]lightclient.RootKind{
		lightclient.StateRoot, lightclient.ReceiptsRoot, lightclient.TransactionsRoot, lightclient.BlockHash,
		lightclient.BeaconBlockRoot, lightclient.OutputRoot, lightclient.MessageRoot,
	})
}

// Hash generates a hash, sometimes zero.
func Hash() *rapid.Generator[interop.Hash] {
	return rapid.Custom(func(t *rapid.T) interop.Hash {
		var h interop.Hash
		if rapid.IntRange(0, 9).Draw(t, "zero") != 0 {
			copy(h[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "hash"))
		}
		return h
	})
}

// Root generates a root on one of a few chains (so that generated roots collide on chain
// and height often enough to exercise conflicts).
func Root() *rapid.Generator[lightclient.Root] {
	return rapid.Custom(func(t *rapid.T) lightclient.Root {
		return lightclient.Root{
			Chain:    interop.ChainID(rapid.SampledFrom([]uint64{1, 10, 8453, 42161}).Draw(t, "chain")),
			Height:   rapid.Uint64Range(0, 8).Draw(t, "height"),
			Kind:     Kind().Draw(t, "kind"),
			Value:    Hash().Draw(t, "value"),
			Finality: Finality().Draw(t, "finality"),
		}
	})
}

// Source returns a Memory source holding the given roots; roots that conflict with an
// earlier one are dropped, as Memory.Add refuses them.
func Source(roots ...lightclient.Root) *lightclient.Memory {
	var m lightclient.Memory
	for _, r := range roots {
		_ = m.Add(r)
	}
	return &m
}
