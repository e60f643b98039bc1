package intent_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/intenttest"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

func sampleResolved() intent.ResolvedCrossChainOrder {
	d := sampleTransfer()
	o := sampleOrder(&d)
	r, _, err := intent.Resolve(&o, intent.TransferResolver{}, intent.OrderDataHash{})
	if err != nil {
		panic(err)
	}
	return *r
}

func isDecodeError(err error) bool {
	return errors.Is(err, intent.ErrMalformed) || errors.Is(err, intent.ErrTooLarge) || errors.Is(err, intent.ErrOverflow)
}

// FuzzDecodeGasless: decoding never panics, fails only with a sentinel, and accepts only
// canonical encodings (re-encoding gives the input back).
func FuzzDecodeGasless(f *testing.F) {
	d := sampleTransfer()
	o := sampleOrder(&d)
	f.Add(o.AppendABI(nil))
	o.OrderData = []byte{1, 2, 3}
	f.Add(o.AppendABI(nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := intent.DecodeGaslessCrossChainOrderABI(b)
		if err != nil {
			if !isDecodeError(err) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		if !bytes.Equal(g.AppendABI(nil), b) {
			t.Fatal("accepted a non-canonical encoding")
		}
		// Resolution of whatever decoded must not panic either; an order it accepts resolves
		// to an Open event that decodes back to the same resolved order, and resolving again
		// gives the same orderId.
		r, data, err := intent.Resolve(&g, intent.TransferResolver{}, intent.OrderStructHash{Types: intent.TransferTypes})
		if err != nil {
			if !isDecodeError(err) && !errors.Is(err, intent.ErrInvalidOrder) {
				t.Fatalf("unexpected resolve error class: %v", err)
			}
			return
		}
		log := intent.OpenLog(g.OriginSettler, r)
		back, err := intent.DecodeOpen(&log, r.Variant)
		if err != nil {
			t.Fatalf("own Open event refused: %v", err)
		}
		if !bytes.Equal(back.AppendABI(nil), log.Data) {
			t.Fatal("Open event does not round-trip")
		}
		if again, _, err := intent.Resolve(&g, intent.TransferResolver{}, intent.OrderStructHash{Types: intent.TransferTypes}); err != nil || again.OrderID != r.OrderID {
			t.Fatalf("orderId not deterministic: %v", err)
		}
		if _, err := data.Owed(0, uint64(g.FillDeadline)); err != nil {
			t.Fatalf("resolved order owes nothing computable: %v", err)
		}
	})
}

func FuzzDecodeOnchain(f *testing.F) {
	o := intent.OnchainCrossChainOrder{FillDeadline: 5, OrderData: []byte("order data")}
	f.Add(o.AppendABI(nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, err := intent.DecodeOnchainCrossChainOrderABI(b)
		if err != nil {
			if !isDecodeError(err) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		if !bytes.Equal(g.AppendABI(nil), b) {
			t.Fatal("accepted a non-canonical encoding")
		}
	})
}

// FuzzDecodeOpen decodes Open event data in both variants.
func FuzzDecodeOpen(f *testing.F) {
	r := sampleResolved()
	f.Add(r.AppendABI(nil), false)
	r.MaxSpent = append(r.MaxSpent, r.MinReceived...)
	r.FillInstructions = append(r.FillInstructions, intent.FillInstruction{OriginData: []byte{9}})
	f.Add(r.AppendABI(nil), true)
	f.Fuzz(func(t *testing.T, b []byte, u64 bool) {
		v := intent.Uint256ChainID
		if u64 {
			v = intent.Uint64ChainID
		}
		got, err := intent.DecodeResolvedCrossChainOrderABI(b, v)
		if err != nil {
			if !isDecodeError(err) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		if !bytes.Equal(got.AppendABI(nil), b) {
			t.Fatal("accepted a non-canonical encoding")
		}
		log := mpt.Log{Topics: []interop.Hash{intent.OpenTopic(v), got.OrderID}, Data: b}
		if _, err := intent.DecodeOpen(&log, v); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzDecodeFill(f *testing.F) {
	fill := intent.Fill{FillTime: 77, Outputs: sampleResolved().MaxSpent}
	f.Add(intent.FillLog(&fill).Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		log := mpt.Log{Topics: []interop.Hash{intent.FilledTopic(), {1}, {2}}, Data: b}
		got, err := intent.DecodeFill(&log)
		if err != nil {
			if !isDecodeError(err) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		if !bytes.Equal(intent.FillLog(&got).Data, b) {
			t.Fatal("accepted a non-canonical encoding")
		}
	})
}

// FuzzVerifyFill feeds arbitrary receipt proofs, indices and log positions to VerifyFill
// against a real root: nothing panics, and only the honest proof is accepted.
func FuzzVerifyFill(f *testing.F) {
	r := sampleResolved()
	d, err := intent.DecodeTransferOrderDataABI(r.FillInstructions[0].OriginData)
	if err != nil {
		f.Fatal(err)
	}
	terms := intent.FillTerms{Order: &r, Owed: &d, Finality: lightclient.Finalized}
	roots := new(lightclient.Memory)
	dest := intenttest.NewDestination(8453, roots)
	dest.Before = 5
	fill, err := intenttest.HonestFill(&terms, interop.Address{0x50}, 1050)
	if err != nil {
		f.Fatal(err)
	}
	honest, err := dest.Include(intenttest.FillReceipt(&fill, 90000), lightclient.Finalized)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(bytes.Join(honest.Proof, []byte{0xfe, 0xed}), honest.TxIndex, honest.LogIndex)
	f.Fuzz(func(t *testing.T, joined []byte, tx, logIndex uint64) {
		p := honest
		p.Proof = bytes.Split(joined, []byte{0xfe, 0xed})
		p.TxIndex, p.LogIndex = tx, logIndex
		got, err := intent.VerifyFill(&terms, &p, roots)
		if err != nil {
			return
		}
		if tx != honest.TxIndex || logIndex != honest.LogIndex || got.Solver != fill.Solver {
			t.Fatalf("accepted tx %d log %d: %+v", tx, logIndex, got)
		}
	})
}

func FuzzTransferOrderData(f *testing.F) {
	d := sampleTransfer()
	f.Add(d.AppendABI(nil), uint64(1050))
	d.OutputStartAmount.SetAllOne()
	d.OutputEndAmount.SetUint64(1)
	d.DecayStartTime, d.DecayEndTime = 0, 100
	f.Add(d.AppendABI(nil), uint64(50)) // issue 13 finding 3
	f.Fuzz(func(t *testing.T, b []byte, now uint64) {
		data, err := intent.TransferResolver{}.DecodeOrderData(b)
		if err != nil {
			if !isDecodeError(err) && !errors.Is(err, intent.ErrInvalidOrder) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		// Accepted order data re-encodes to its input, and Owed is exact, inside
		// [end, start] and never rising, at every time.
		td := data.(*intent.TransferOrderData)
		if !bytes.Equal(td.AppendABI(nil), b) {
			t.Fatal("accepted a non-canonical encoding")
		}
		owed, err := data.Owed(0, now)
		if err != nil {
			t.Fatalf("owed after Check: %v", err)
		}
		if owed.Gt(&td.OutputStartAmount) || owed.Lt(&td.OutputEndAmount) {
			t.Fatalf("owed %s outside [%s, %s]", owed.Dec(), td.OutputEndAmount.Dec(), td.OutputStartAmount.Dec())
		}
		if want := exactOwed(td, now); owed.ToBig().Cmp(want) != 0 {
			t.Fatalf("owed %s at %d, exact %s", owed.Dec(), now, want)
		}
		if now < 1<<63 {
			later, err := data.Owed(0, now+1+now%97)
			if err != nil || later.Gt(&owed) {
				t.Fatalf("owed rises from %s to %s (%v)", owed.Dec(), later.Dec(), err)
			}
		}
	})
}

// FuzzVerifySignature decodes an order, resolves it and checks a signature over it. The
// signer's own signature is accepted; an accepted signature recovers to the user, and the
// order re-encoded and decoded again verifies with it too; a signature with any byte
// changed is refused unless it still recovers to the user.
func FuzzVerifySignature(f *testing.F) {
	key, err := secp256k1.PrivateKeyFromBytes(bytes.Repeat([]byte{3}, 32))
	if err != nil {
		f.Fatal(err)
	}
	d := sampleTransfer()
	o := sampleOrder(&d)
	o.User = key.Address()
	f.Add(o.AppendABI(nil), uint8(0), uint8(0))
	f.Add(o.AppendABI(nil), uint8(64), uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, at, flip uint8) {
		g, err := intent.DecodeGaslessCrossChainOrderABI(b)
		if err != nil {
			return
		}
		g.User = key.Address()
		_, data, err := intent.Resolve(&g, intent.TransferResolver{}, intent.OrderDataHash{})
		if err != nil {
			return
		}
		domain := eip712.Domain{Fields: eip712.DomainChainID | eip712.DomainVerifyingContract, ChainID: g.OriginChainID, VerifyingContract: g.OriginSettler}
		digest, err := intent.SigningDigest(&g, data, intent.TransferTypes, &domain)
		if err != nil {
			t.Fatalf("digest of a resolved order: %v", err)
		}
		sig := key.Sign(digest)
		if err := intent.VerifySignature(&g, data, intent.TransferTypes, &domain, sig); err != nil {
			t.Fatalf("own signature refused: %v", err)
		}
		again, err := intent.DecodeGaslessCrossChainOrderABI(g.AppendABI(nil))
		if err != nil {
			t.Fatal(err)
		}
		if err := intent.VerifySignature(&again, data, intent.TransferTypes, &domain, sig); err != nil {
			t.Fatalf("re-encoded order refused: %v", err)
		}
		sig[int(at)%65] ^= flip
		if err := intent.VerifySignature(&g, data, intent.TransferTypes, &domain, sig); err == nil {
			if signer, rerr := secp256k1.RecoverAddressStrict(digest, sig); rerr != nil || signer != g.User {
				t.Fatal("accepted a signature that does not recover to the user")
			}
		} else if !errors.Is(err, intent.ErrBadSignature) {
			t.Fatalf("unexpected error: %v", err)
		}
	})
}
