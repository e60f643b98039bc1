// Package zktest provides an honest fake proof system and rapid generators of
// light-client updates, for property tests of code that consumes lightclient/zk.
package zktest

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/zk"
)

// ErrFakeProof is returned by FakeVerifier for a proof it did not issue.
var ErrFakeProof = errors.New("zktest: proof not issued for these values")

// FakeVerifier accepts exactly the proofs FakeProve issues: sha256(programVKey ‖
// publicValues). It stands in for a Groth16 verifier where the test is about the client's
// logic, not the pairing.
type FakeVerifier struct{}

// FakeProve issues the fake proof of publicValues for a program.
func FakeProve(programVKey [32]byte, publicValues []byte) []byte {
	h := sha256.New()
	h.Write(programVKey[:])
	h.Write(publicValues)
	return h.Sum(nil)
}

// Verify implements zk.ProofVerifier.
func (FakeVerifier) Verify(programVKey [32]byte, publicValues, proof []byte) error {
	if string(FakeProve(programVKey, publicValues)) != string(proof) {
		return fmt.Errorf("%w: %x", ErrFakeProof, proof)
	}
	return nil
}

// Hash generates a nonzero hash.
func Hash() *rapid.Generator[interop.Hash] {
	return rapid.Custom(func(t *rapid.T) interop.Hash {
		h := interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "hash"))
		h[0] |= 1
		return h
	})
}

// Checkpoint generates a trusted checkpoint.
func Checkpoint() *rapid.Generator[zk.Checkpoint] {
	return rapid.Custom(func(t *rapid.T) zk.Checkpoint {
		return zk.Checkpoint{
			Slot:               rapid.Uint64Range(0, 1<<40).Draw(t, "slot"),
			Header:             Hash().Draw(t, "header"),
			ExecutionStateRoot: Hash().Draw(t, "stateRoot"),
			SyncCommitteeHash:  Hash().Draw(t, "committee"),
		}
	})
}

// Chain builds a sequence of n honest updates from a checkpoint: each starts at the
// previous head, advances by up to two periods, and carries the committees a real chain
// would (the signer's committee is the one of the previous head's period).
func Chain(cp zk.Checkpoint, n int, slotsPerPeriod uint64) *rapid.Generator[[]zk.Outputs] {
	return rapid.Custom(func(t *rapid.T) []zk.Outputs {
		committees := map[uint64]interop.Hash{cp.Slot / slotsPerPeriod: cp.SyncCommitteeHash}
		committee := func(p uint64) interop.Hash {
			if h, ok := committees[p]; ok {
				return h
			}
			h := Hash().Draw(t, "committee")
			committees[p] = h
			return h
		}
		slot, header := cp.Slot, cp.Header
		out := make([]zk.Outputs, n)
		for i := range out {
			next := slot + rapid.Uint64Range(1, 2*slotsPerPeriod).Draw(t, "advance")
			p := next / slotsPerPeriod
			o := zk.Outputs{
				PrevHeader: header, PrevSlot: slot,
				NewHeader: Hash().Draw(t, "header"), NewSlot: next,
				ExecutionStateRoot:     Hash().Draw(t, "stateRoot"),
				StartSyncCommitteeHash: committee(slot / slotsPerPeriod),
				SyncCommitteeHash:      committee(p),
				NextSyncCommitteeHash:  committee(p + 1),
			}
			out[i] = o
			slot, header = next, o.NewHeader
		}
		return out
	})
}

// Slots generates up to four storage slots.
func Slots() *rapid.Generator[[]zk.StorageSlot] {
	return rapid.SliceOfN(rapid.Custom(func(t *rapid.T) zk.StorageSlot {
		return zk.StorageSlot{
			Key:      Hash().Draw(t, "key"),
			Value:    Hash().Draw(t, "value"),
			Contract: interop.Address(rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "contract")),
		}
	}), 0, 4)
}
