// Package opstacktest builds small Ethereum-style states (accounts with storage, in
// proof/mpt tries) for L1 and L2, and a whole proposal scenario: an L2 block with sent
// withdrawals and storage, its output root, and an L1 L2OutputOracle holding that
// output, with a lightclient.Memory trusting the L1 state root. Property tests of
// code that proves OP Stack state use it as an honest world to tamper with.
package opstacktest

import (
	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/proof/mpt"
)

// Chain is a state of accounts with storage. The zero value is empty.
type Chain struct {
	storage map[interop.Address]*mpt.Trie
	order   []interop.Address
}

// SetStorage sets slot of addr to v (zero deletes), creating the account.
func (c *Chain) SetStorage(addr interop.Address, slot interop.Hash, v *uint256.Int) {
	if c.storage == nil {
		c.storage = map[interop.Address]*mpt.Trie{}
	}
	tr, ok := c.storage[addr]
	if !ok {
		tr = &mpt.Trie{}
		c.storage[addr] = tr
		c.order = append(c.order, addr)
	}
	key := mpt.Keccak256(slot[:])
	if v.IsZero() {
		tr.Delete(key[:])
		return
	}
	tr.Update(key[:], rlp.AppendUint256(nil, v))
}

func (c *Chain) state() *mpt.Trie {
	st := &mpt.Trie{}
	for _, a := range c.order {
		sr := c.storage[a].Root()
		var acc []byte
		acc = rlp.AppendUint64(acc, 1)
		acc = rlp.AppendUint64(acc, 0)
		acc = rlp.AppendString(acc, sr[:])
		acc = rlp.AppendString(acc, mpt.EmptyCodeHash[:])
		k := mpt.Keccak256(a[:])
		st.Update(k[:], append(rlp.AppendListHeader(nil, len(acc)), acc...))
	}
	return st
}

// StateRoot is the state trie root.
func (c *Chain) StateRoot() interop.Hash { return c.state().Root() }

// StorageRoot is addr's storage root (the empty root for an unknown account).
func (c *Chain) StorageRoot(addr interop.Address) interop.Hash {
	if tr, ok := c.storage[addr]; ok {
		return tr.Root()
	}
	return mpt.EmptyRoot
}

// ProveAccount returns addr's account proof.
func (c *Chain) ProveAccount(addr interop.Address) [][]byte {
	k := mpt.Keccak256(addr[:])
	return c.state().Prove(k[:])
}

// ProveStorage returns the proof of slot in addr's storage.
func (c *Chain) ProveStorage(addr interop.Address, slot interop.Hash) [][]byte {
	tr, ok := c.storage[addr]
	if !ok {
		tr = &mpt.Trie{}
	}
	k := mpt.Keccak256(slot[:])
	return tr.Prove(k[:])
}

// Scenario is an L2 block proposed to an L1 oracle.
type Scenario struct {
	L1, L2      Chain
	L1Chain     interop.ChainID
	L1Height    uint64
	L2Chain     interop.ChainID
	L2Block     uint64
	Oracle      interop.Address
	Index       uint64
	Output      opstack.OutputV0
	Withdrawals []interop.Hash
	Contract    interop.Address
	Slot        interop.Hash
	Value       uint256.Int
	Source      *lightclient.Memory
}

// Build computes the output, proposes it at s.Index in the oracle and records the L1
// state root in s.Source, finalized. Set the inputs first.
func (s *Scenario) Build() {
	one := uint256.NewInt(1)
	for _, w := range s.Withdrawals {
		s.L2.SetStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(w), one)
	}
	// The message passer exists on every OP chain; give it a slot so it is in the state.
	s.L2.SetStorage(opstack.L2ToL1MessagePasser, interop.Hash{31: 1}, one)
	s.L2.SetStorage(s.Contract, s.Slot, &s.Value)
	s.Output = opstack.OutputV0{
		StateRoot:                s.L2.StateRoot(),
		MessagePasserStorageRoot: s.L2.StorageRoot(opstack.L2ToL1MessagePasser),
		BlockHash:                mpt.Keccak256([]byte{byte(s.L2Block)}),
	}
	root := s.Output.Root()
	outSlot, blockSlot := opstack.OracleSlots(s.Index)
	var packed uint256.Int
	packed.SetUint64(s.L2Block)
	packed.Lsh(&packed, 128)
	packed.Or(&packed, uint256.NewInt(1700000000))
	s.L1.SetStorage(s.Oracle, outSlot, new(uint256.Int).SetBytes32(root[:]))
	s.L1.SetStorage(s.Oracle, blockSlot, &packed)
	s.Source = &lightclient.Memory{}
	if err := s.Source.Add(lightclient.Root{Chain: s.L1Chain, Height: s.L1Height, Kind: lightclient.StateRoot, Value: s.L1.StateRoot(), Finality: lightclient.Finalized}); err != nil {
		panic(err)
	}
}

// OracleProof returns the proof of the proposal at s.Index.
func (s *Scenario) OracleProof() *opstack.OracleProof {
	outSlot, blockSlot := opstack.OracleSlots(s.Index)
	return &opstack.OracleProof{
		L1Chain: s.L1Chain, L1Height: s.L1Height, Oracle: s.Oracle, Index: s.Index,
		AccountProof:     s.L1.ProveAccount(s.Oracle),
		OutputRootProof:  s.L1.ProveStorage(s.Oracle, outSlot),
		BlockNumberProof: s.L1.ProveStorage(s.Oracle, blockSlot),
	}
}

// Generate draws a built scenario.
func Generate() *rapid.Generator[*Scenario] {
	return rapid.Custom(func(t *rapid.T) *Scenario {
		hash := func(label string) interop.Hash {
			return interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, label))
		}
		s := &Scenario{
			L1Chain: 1, L1Height: rapid.Uint64Range(1, 1e6).Draw(t, "l1height"),
			L2Chain: 10, L2Block: rapid.Uint64Range(0, 1e9).Draw(t, "l2block"),
			Oracle: interop.Address{0xde, 19: 0xad}, Index: rapid.Uint64Range(0, 1000).Draw(t, "index"),
			Contract: interop.Address{0xc0, 19: 0x01}, Slot: hash("slot"),
		}
		s.Value.SetUint64(rapid.Uint64().Draw(t, "value"))
		for range rapid.IntRange(1, 5).Draw(t, "withdrawals") {
			s.Withdrawals = append(s.Withdrawals, hash("withdrawal"))
		}
		s.Build()
		return s
	})
}

// OutputResponse draws an honest optimism_outputAtBlock answer: random roots and block,
// version 0, and the output root they hash to.
func OutputResponse() *rapid.Generator[opstack.OutputResponse] {
	return rapid.Custom(func(t *rapid.T) opstack.OutputResponse {
		h := func(name string) interop.Hash {
			return interop.Hash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, name))
		}
		r := opstack.OutputResponse{
			BlockHash: h("blockHash"), BlockNumber: rapid.Uint64().Draw(t, "number"),
			WithdrawalStorageRoot: h("withdrawalStorageRoot"), StateRoot: h("stateRoot"),
		}
		o := r.Output()
		r.OutputRoot = o.Root()
		return r
	})
}
