package opstack_test

import (
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/lightclient/opstack/opstacktest"
)

// L1 root → output root → L2 storage value and withdrawal, end to end; and each link
// refuses a tampered input.
func TestPropOutputChain(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := opstacktest.Generate().Draw(t, "scenario")
		p := s.OracleProof()
		out, err := p.Verify(s.Source, s.L2Chain)
		if err != nil {
			t.Fatal(err)
		}
		if out.Value != s.Output.Root() || out.Height != s.L2Block || out.Finality != lightclient.Finalized {
			t.Fatalf("proven %v", out)
		}
		v, err := opstack.VerifyL2Storage(out, &s.Output, s.Contract, s.L2.ProveAccount(s.Contract), s.Slot, s.L2.ProveStorage(s.Contract, s.Slot))
		if err != nil || !v.Eq(&s.Value) {
			t.Fatalf("storage %v, %v", v.Hex(), err)
		}
		w := s.Withdrawals[rapid.IntRange(0, len(s.Withdrawals)-1).Draw(t, "w")]
		if err := opstack.VerifyWithdrawal(out, &s.Output, w, s.L2.ProveStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(w))); err != nil {
			t.Fatal(err)
		}
		other := interop.Hash{0xff, 1}
		if err := opstack.VerifyWithdrawal(out, &s.Output, other, s.L2.ProveStorage(opstack.L2ToL1MessagePasser, opstack.WithdrawalSlot(other))); !errors.Is(err, opstack.ErrWithdrawalNotSent) {
			t.Fatalf("unsent withdrawal: %v", err)
		}
		bad := s.Output
		bad.BlockHash[0] ^= 1
		if _, err := opstack.VerifyL2Storage(out, &bad, s.Contract, nil, s.Slot, nil); !errors.Is(err, opstack.ErrOutputMismatch) {
			t.Fatalf("tampered preimage: %v", err)
		}
		p2 := *p
		p2.Index++
		if _, err := p2.Verify(s.Source, s.L2Chain); err == nil {
			t.Fatal("proof for another index")
		}
		p3 := *p
		p3.L1Height++
		if _, err := p3.Verify(s.Source, s.L2Chain); !errors.Is(err, lightclient.ErrUnknownRoot) {
			t.Fatalf("untrusted L1 height: %v", err)
		}
	})
}

func TestPropAccessRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var list []interop.Hash
		var want []opstack.Access
		for range rapid.IntRange(0, 4).Draw(t, "n") {
			a := opstack.Access{
				BlockNumber: rapid.Uint64().Draw(t, "block"),
				Timestamp:   rapid.Uint64().Draw(t, "time"),
				LogIndex:    rapid.Uint32().Draw(t, "log"),
			}
			var cid [32]byte
			copy(cid[rapid.IntRange(0, 31).Draw(t, "cidlen"):], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "cid"))
			a.ChainID.SetBytes32(cid[:])
			id := opstack.Identifier{BlockNumber: a.BlockNumber, Timestamp: a.Timestamp, LogIndex: a.LogIndex, ChainID: a.ChainID}
			a.Checksum = opstack.Checksum(&id, interop.Hash{1})
			want = append(want, a)
			list = a.AppendEntries(list)
		}
		got, err := opstack.DecodeAccessList(list)
		if err != nil || len(got) != len(want) {
			t.Fatalf("%v %d", err, len(got))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("access %d", i)
			}
		}
	})
}

func TestPropSuperRootRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := opstack.SuperRoot{Timestamp: rapid.Uint64().Draw(t, "ts")}
		for i := range rapid.IntRange(1, 4).Draw(t, "n") {
			s.Chains = append(s.Chains, opstack.ChainOutput{ChainID: *uint256.NewInt(uint64(i + 1)), Output: interop.Hash{byte(i)}})
		}
		enc, _ := s.AppendBinary(nil)
		back, err := opstack.DecodeSuperRoot(enc)
		if err != nil || back.Hash() != s.Hash() {
			t.Fatal(err)
		}
	})
}
