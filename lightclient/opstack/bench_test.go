package opstack_test

import (
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/lightclient/opstack/opstacktest"
)

func benchScenario() *opstacktest.Scenario {
	s := &opstacktest.Scenario{L1Chain: 1, L1Height: 100, L2Chain: 10, L2Block: 5000, Oracle: interop.Address{0xde},
		Index: 3, Contract: interop.Address{0xc0}, Slot: interop.Hash{1}}
	for i := range 64 {
		s.Withdrawals = append(s.Withdrawals, interop.Hash{byte(i), 1})
	}
	s.Build()
	return s
}

func BenchmarkOracleProofVerify(b *testing.B) {
	s := benchScenario()
	p := s.OracleProof()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Verify(s.Source, 10); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyWithdrawal(b *testing.B) {
	s := benchScenario()
	out, _ := s.OracleProof().Verify(s.Source, 10)
	w := s.Withdrawals[7]
	proof := s.L2.ProveStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(w))
	b.ReportAllocs()
	for b.Loop() {
		if err := opstack.VerifyWithdrawal(out, &s.Output, w, proof); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkChecksum(b *testing.B) {
	id := opstack.Identifier{BlockNumber: 1, Timestamp: 2, LogIndex: 3}
	b.ReportAllocs()
	for b.Loop() {
		_ = opstack.Checksum(&id, interop.Hash{1})
	}
}
