package opstack_test

import (
	"bytes"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/lightclient/opstack/opstacktest"
)

func logged(t *testing.T, name string, in int, f func()) {
	t.Helper()
	u := hostile.Bounded(t, name, in, f)
	t.Logf("%s: %d input bytes, %d allocated (%.2f per byte)", name, in, u.Bytes, float64(u.Bytes)/float64(in))
}

func size(proofs ...[][]byte) int {
	n := 0
	for _, p := range proofs {
		for _, node := range p {
			n += len(node) + 24
		}
	}
	return n
}

func scenario() *opstacktest.Scenario {
	s := &opstacktest.Scenario{
		L1Chain: 1, L1Height: 7, L2Chain: 10, L2Block: 99,
		Oracle: interop.Address{0xde, 19: 0xad}, Index: 3,
		Contract: interop.Address{0xc0, 19: 1}, Slot: interop.Hash{5},
		Withdrawals: []interop.Hash{{0xaa}},
	}
	s.Value.SetUint64(42)
	s.Build()
	return s
}

// Decoders at and over their bounds, access lists of every shape at 2^16 accesses, and the
// proof verifiers on honest proofs and on proofs padded or filled with junk nodes (the
// bounds of those are proof/mpt's: one pass over the nodes, memory O(total node size)).
func TestBoundsAllocPerInputByte(t *testing.T) {
	full := make([]byte, 9+64*opstack.MaxSuperRootChains)
	full[0] = opstack.SuperRootVersion
	logged(t, "DecodeSuperRoot at MaxSuperRootChains", len(full), func() {
		if _, err := opstack.DecodeSuperRoot(full); err != nil {
			t.Error(err)
		}
	})
	over := append(full, make([]byte, 64)...)
	logged(t, "DecodeSuperRoot over the bound", len(over), func() {
		if _, err := opstack.DecodeSuperRoot(over); err == nil {
			t.Error("decoded more than MaxSuperRootChains")
		}
	})

	const n = 1 << 16
	short := make([]interop.Hash, 0, 2*n)
	long := make([]interop.Hash, 0, 3*n)
	for i := range n {
		a := opstack.Access{BlockNumber: uint64(i), Checksum: interop.Hash{0x03}}
		a.ChainID.SetUint64(10)
		short = a.AppendEntries(short)
		a.ChainID.Lsh(&a.ChainID, 100)
		long = a.AppendEntries(long)
	}
	logged(t, "DecodeAccessList 2^16 two-entry accesses", 32*len(short), func() {
		if l, err := opstack.DecodeAccessList(short); err != nil || len(l) != n {
			t.Error(len(l), err)
		}
	})
	logged(t, "DecodeAccessList 2^16 three-entry accesses", 32*len(long), func() {
		if l, err := opstack.DecodeAccessList(long); err != nil || len(l) != n {
			t.Error(len(l), err)
		}
	})
	bad := append(append([]interop.Hash(nil), short...), interop.Hash{0x01})
	logged(t, "DecodeAccessList truncated at the end", 32*len(bad), func() {
		if _, err := opstack.DecodeAccessList(bad); err == nil {
			t.Error("accepted a truncated list")
		}
	})

	extra := bytes.Repeat([]byte{7}, 1<<20)
	logged(t, "GameUUID 1 MiB extra data", len(extra), func() { _ = opstack.GameUUID(1, interop.Hash{}, extra) })
	topics := make([]interop.Hash, 1<<14)
	logged(t, "LogPayload 2^14 topics + 1 MiB", 32*len(topics)+len(extra), func() {
		_ = opstack.PayloadHash(opstack.LogPayload(topics, extra))
	})

	s := scenario()
	p := s.OracleProof()
	logged(t, "OracleProof.Verify honest", size(p.AccountProof, p.OutputRootProof, p.BlockNumberProof), func() {
		if _, err := p.Verify(s.Source, s.L2Chain); err != nil {
			t.Error(err)
		}
	})
	junk := make([][]byte, 1<<12)
	for i := range junk {
		junk[i] = bytes.Repeat([]byte{byte(i)}, 512)
	}
	padded := *p
	padded.AccountProof = append(append([][]byte(nil), p.AccountProof...), junk...)
	padded.OutputRootProof = append(append([][]byte(nil), p.OutputRootProof...), junk...)
	logged(t, "OracleProof.Verify padded with 2^12 junk nodes", size(padded.AccountProof, padded.OutputRootProof, padded.BlockNumberProof), func() {
		_, _ = padded.Verify(s.Source, s.L2Chain)
	})
	junked := *p
	junked.AccountProof = junk
	logged(t, "OracleProof.Verify 2^12 junk nodes", size(junk), func() {
		if _, err := junked.Verify(s.Source, s.L2Chain); err == nil {
			t.Error("junk proof verified")
		}
	})
	out := lightclient.Root{Chain: s.L2Chain, Height: s.L2Block, Kind: lightclient.OutputRoot, Value: s.Output.Root()}
	acc, st := s.L2.ProveAccount(s.Contract), s.L2.ProveStorage(s.Contract, s.Slot)
	logged(t, "VerifyL2Storage honest", size(acc, st), func() {
		if v, err := opstack.VerifyL2Storage(out, &s.Output, s.Contract, acc, s.Slot, st); err != nil || !v.Eq(&s.Value) {
			t.Error(v.Hex(), err)
		}
	})
	logged(t, "VerifyL2Storage junk", 2*size(junk), func() {
		_, _ = opstack.VerifyL2Storage(out, &s.Output, s.Contract, junk, s.Slot, junk)
	})
	wp := s.L2.ProveStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(s.Withdrawals[0]))
	logged(t, "VerifyWithdrawal honest", size(wp), func() {
		if err := opstack.VerifyWithdrawal(out, &s.Output, s.Withdrawals[0], wp); err != nil {
			t.Error(err)
		}
	})
	logged(t, "VerifyWithdrawal junk", size(junk), func() { _ = opstack.VerifyWithdrawal(out, &s.Output, s.Withdrawals[0], junk) })
	mp := s.L2.ProveAccount(opstack.L2ToL1MessagePasser)
	logged(t, "OutputFromState honest", size(mp), func() {
		if o, err := opstack.OutputFromState(s.Output.StateRoot, s.Output.BlockHash, mp); err != nil || o != s.Output {
			t.Error(err)
		}
	})
	logged(t, "OutputFromState junk", size(junk), func() { _, _ = opstack.OutputFromState(s.Output.StateRoot, s.Output.BlockHash, junk) })
}

// TestConcurrentOracleProof: one proof, one source and one output preimage shared by 16
// goroutines verifying the whole chain at once.
func TestConcurrentOracleProof(t *testing.T) {
	s := scenario()
	p := s.OracleProof()
	acc, st := s.L2.ProveAccount(s.Contract), s.L2.ProveStorage(s.Contract, s.Slot)
	wp := s.L2.ProveStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(s.Withdrawals[0]))
	hostile.Concurrent(t, 5, func(g int) {
		out, err := p.Verify(s.Source, s.L2Chain)
		if err != nil || out.Value != s.Output.Root() || out.Height != s.L2Block {
			t.Errorf("goroutine %d: %v, %v", g, out, err)
			return
		}
		if v, err := opstack.VerifyL2Storage(out, &s.Output, s.Contract, acc, s.Slot, st); err != nil || !v.Eq(&s.Value) {
			t.Errorf("goroutine %d: storage %s, %v", g, v.Hex(), err)
		}
		if err := opstack.VerifyWithdrawal(out, &s.Output, s.Withdrawals[0], wp); err != nil {
			t.Errorf("goroutine %d: withdrawal %v", g, err)
		}
	})
}

// TestConcurrentSuperRoot: a decoded super root hashed and re-encoded by 16 goroutines.
func TestConcurrentSuperRoot(t *testing.T) {
	var sr opstack.SuperRoot
	sr.Timestamp = 1700000000
	for i := range 8 {
		var c opstack.ChainOutput
		c.ChainID.SetUint64(uint64(10 + i))
		c.Output = interop.Hash{byte(i)}
		sr.Chains = append(sr.Chains, c)
	}
	enc, _ := sr.AppendBinary(nil)
	want := sr.Hash()
	hostile.Concurrent(t, 20, func(g int) {
		back, err := opstack.DecodeSuperRoot(enc)
		re, _ := sr.AppendBinary(nil)
		if err != nil || back.Hash() != want || !bytes.Equal(re, enc) {
			t.Errorf("goroutine %d: %v", g, err)
		}
	})
}
