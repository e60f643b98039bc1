package intent_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/intenttest"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

// bigResolved is a resolved order at the decoders' bounds: MaxOutputs outputs on each side
// and MaxFillInstructions instructions whose originData share dataSize bytes in all.
func bigResolved(dataSize int) intent.ResolvedCrossChainOrder {
	r := sampleResolved()
	out := r.MaxSpent[0]
	r.MaxSpent = make([]intent.Output, intent.MaxOutputs)
	r.MinReceived = make([]intent.Output, intent.MaxOutputs)
	for i := range r.MaxSpent {
		r.MaxSpent[i], r.MinReceived[i] = out, out
	}
	r.FillInstructions = make([]intent.FillInstruction, intent.MaxFillInstructions)
	for i := range r.FillInstructions {
		r.FillInstructions[i] = intent.FillInstruction{OriginData: make([]byte, dataSize/intent.MaxFillInstructions)}
	}
	return r
}

// TestBoundsAllocPerInputByte feeds every decoder and verifier of the package input at its
// bounds — the longest order data, the most outputs and fill instructions, length words
// that claim more than the input holds, a long receipt proof — and holds the allocation to
// the project-wide 100 bytes per input byte.
func TestBoundsAllocPerInputByte(t *testing.T) {
	d := sampleTransfer()
	o := sampleOrder(&d)
	o.OrderData = make([]byte, intent.MaxDataSize)
	gasless := o.AppendABI(nil)
	onchain := (&intent.OnchainCrossChainOrder{OrderData: make([]byte, intent.MaxDataSize)}).AppendABI(nil)
	r := bigResolved(intent.MaxDataSize)
	resolved := r.AppendABI(nil)
	fill := intent.FillLog(&intent.Fill{Outputs: r.MaxSpent})
	// A gasless order whose orderData length word claims 2^32 bytes, with 64 KiB behind it.
	lying := sampleOrder(&d)
	lying.OrderData = make([]byte, 64<<10)
	claim := lying.AppendABI(nil)
	copy(claim[32+8*32:32+9*32], word(1<<32))

	cases := []struct {
		name string
		in   []byte
		f    func() error
	}{
		{"gasless with MaxDataSize orderData", gasless, func() error {
			_, err := intent.DecodeGaslessCrossChainOrderABI(gasless)
			return err
		}},
		{"gasless claiming 2^32 bytes", claim, func() error {
			if _, err := intent.DecodeGaslessCrossChainOrderABI(claim); !errors.Is(err, intent.ErrTooLarge) && !errors.Is(err, intent.ErrMalformed) {
				t.Errorf("length past the input: %v", err)
			}
			return nil
		}},
		{"onchain with MaxDataSize orderData", onchain, func() error {
			_, err := intent.DecodeOnchainCrossChainOrderABI(onchain)
			return err
		}},
		{"resolved at every bound", resolved, func() error {
			_, err := intent.DecodeResolvedCrossChainOrderABI(resolved, intent.Uint256ChainID)
			return err
		}},
		{"Open event at every bound", resolved, func() error {
			_, err := intent.DecodeOpen(&mpt.Log{Topics: []interop.Hash{intent.OpenTopic(r.Variant), r.OrderID}, Data: resolved}, r.Variant)
			return err
		}},
		{"OrderFilled with MaxOutputs outputs", fill.Data, func() error {
			_, err := intent.DecodeFill(&fill)
			return err
		}},
		{"resolve MaxDataSize order data", gasless, func() error {
			_, _, err := intent.Resolve(&o, intent.TransferResolver{}, intent.OrderDataHash{})
			if !errors.Is(err, intent.ErrMalformed) {
				t.Errorf("1 MiB transfer order data: %v", err)
			}
			return nil
		}},
		{"hash resolved at every bound", resolved, func() error {
			_ = r.FillInstructions[0].HashStruct(r.Variant)
			_ = r.EncodeData(nil)
			return nil
		}},
	}
	for _, c := range cases {
		var err error
		u := hostile.Bounded(t, c.name, len(c.in), func() { err = c.f() })
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		t.Logf("%s: %d bytes in, %d allocated (%.1f/byte)", c.name, len(c.in), u.Bytes, float64(u.Bytes)/float64(len(c.in)))
	}

	// One output past MaxOutputs is refused before the outputs are allocated.
	r.MaxSpent = append(r.MaxSpent, r.MaxSpent[0])
	over := r.AppendABI(nil)
	hostile.Proportional(t, "resolved with MaxOutputs+1 outputs", 1, 0, 4096, func() {
		if _, err := intent.DecodeResolvedCrossChainOrderABI(over, intent.Uint256ChainID); !errors.Is(err, intent.ErrTooLarge) {
			t.Errorf("MaxOutputs+1: %v", err)
		}
	})

	// VerifyFill with a long, junk receipt proof: the order's checks come first, the proof
	// walk allocates in proportion to the proof.
	res := sampleResolved()
	td, err := intent.DecodeTransferOrderDataABI(res.FillInstructions[0].OriginData)
	if err != nil {
		t.Fatal(err)
	}
	terms := intent.FillTerms{Order: &res, Owed: &td, Finality: lightclient.Finalized}
	roots := new(lightclient.Memory)
	dest := intenttest.NewDestination(8453, roots)
	f, err := intenttest.HonestFill(&terms, interop.Address{0x50}, 1050)
	if err != nil {
		t.Fatal(err)
	}
	p, err := dest.Include(intenttest.FillReceipt(&f, 90000), lightclient.Finalized)
	if err != nil {
		t.Fatal(err)
	}
	junk := p
	junk.Proof = append([][]byte(nil), p.Proof...)
	for range 4096 {
		junk.Proof = append(junk.Proof, bytes.Repeat([]byte{0xc0}, 256))
	}
	size := 0
	for _, n := range junk.Proof {
		size += len(n)
	}
	hostile.Bounded(t, "VerifyFill with 1 MiB of proof", size, func() {
		if _, err := intent.VerifyFill(&terms, &junk, roots); !errors.Is(err, intent.ErrInvalidProof) {
			t.Errorf("junk proof: %v", err)
		}
	})
	hostile.Bounded(t, "VerifyFill honest", 1, func() {
		if _, err := intent.VerifyFill(&terms, &p, roots); err != nil {
			t.Errorf("honest fill: %v", err)
		}
	})
}
