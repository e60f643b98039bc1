package intent_test

import (
	"encoding/binary"
	"errors"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/eip712"
)

func sampleTransfer() intent.TransferOrderData {
	d := intent.TransferOrderData{
		InputToken:         intent.AddressWord(interop.Address{0xaa}),
		OutputToken:        intent.AddressWord(interop.Address{0xbb}),
		DecayStartTime:     1000,
		DecayEndTime:       1100,
		DestinationSettler: intent.AddressWord(interop.Address{0x5e}),
		Recipient:          intent.AddressWord(interop.Address{0x0c}),
	}
	d.InputAmount.SetUint64(1_000_000)
	d.OutputStartAmount.SetUint64(1_000_000)
	d.OutputEndAmount.SetUint64(990_000)
	d.DestinationChainID.SetUint64(8453)
	return d
}

func sampleOrder(d *intent.TransferOrderData) intent.GaslessCrossChainOrder {
	o := intent.GaslessCrossChainOrder{
		OriginSettler: interop.Address{0x01},
		User:          interop.Address{0x02},
		OpenDeadline:  900,
		FillDeadline:  1200,
		OrderDataType: intent.TransferOrderDataType.TypeHash(),
		OrderData:     d.AppendABI(nil),
	}
	o.Nonce.SetUint64(7)
	o.OriginChainID.SetUint64(10)
	return o
}

func word(v uint64) []byte {
	var w [32]byte
	binary.BigEndian.PutUint64(w[24:], v)
	return w[:]
}

// TestBadInput: each malformed or out-of-range input is refused with its sentinel.
func TestBadInput(t *testing.T) {
	d := sampleTransfer()
	o := sampleOrder(&d)
	enc := o.AppendABI(nil)
	odd := o
	odd.OrderData = []byte{1, 2, 3}
	short := odd.AppendABI(nil)
	resolve := func(mut func(d *intent.TransferOrderData, o *intent.GaslessCrossChainOrder)) error {
		d := sampleTransfer()
		o := sampleOrder(&d)
		mut(&d, &o)
		if o.OrderDataType == intent.TransferOrderDataType.TypeHash() {
			o.OrderData = d.AppendABI(nil)
		}
		_, _, err := intent.Resolve(&o, intent.TransferResolver{}, intent.OrderDataHash{})
		return err
	}
	decode := func(b []byte) error {
		_, err := intent.DecodeGaslessCrossChainOrderABI(b)
		return err
	}
	with := func(b []byte, at int, w []byte) []byte {
		c := append([]byte(nil), b...)
		copy(c[at:], w)
		return c
	}
	domain := eip712.Domain{Fields: eip712.DomainChainID | eip712.DomainVerifyingContract, VerifyingContract: o.OriginSettler}
	domain.ChainID.SetUint64(1)
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"empty", decode(nil), intent.ErrMalformed},
		{"truncated", decode(enc[:len(enc)-1]), intent.ErrMalformed},
		{"trailing byte", decode(append(append([]byte(nil), enc...), 0)), intent.ErrMalformed},
		{"outer offset 0x40", decode(with(enc, 0, word(0x40))), intent.ErrMalformed},
		{"bytes offset past end", decode(with(enc, 32+7*32, word(1<<40))), intent.ErrMalformed},
		{"openDeadline over uint32", decode(with(enc, 32+4*32, word(1<<32))), intent.ErrMalformed},
		{"address with dirty padding", decode(with(enc, 32, []byte{1})), intent.ErrMalformed},
		{"orderData length 2^64-1", decode(with(enc, 32+8*32, word(1<<64-1))), intent.ErrTooLarge},
		{"orderData dirty padding", decode(with(short, len(short)-1, []byte{1})), intent.ErrMalformed},
		{"destination chain past uint64", resolve(func(d *intent.TransferOrderData, _ *intent.GaslessCrossChainOrder) {
			d.DestinationChainID.Lsh(uint256.NewInt(1), 64)
		}), intent.ErrOverflow},
		{"origin chain past uint64", resolve(func(_ *intent.TransferOrderData, o *intent.GaslessCrossChainOrder) {
			o.OriginChainID.Lsh(uint256.NewInt(1), 70)
		}), intent.ErrOverflow},
		{"zero input", resolve(func(d *intent.TransferOrderData, _ *intent.GaslessCrossChainOrder) { d.InputAmount.Clear() }), intent.ErrInvalidOrder},
		{"rising output", resolve(func(d *intent.TransferOrderData, _ *intent.GaslessCrossChainOrder) {
			d.OutputEndAmount.SetUint64(2_000_000)
		}), intent.ErrInvalidOrder},
		{"decay window reversed", resolve(func(d *intent.TransferOrderData, _ *intent.GaslessCrossChainOrder) { d.DecayEndTime = 999 }), intent.ErrInvalidOrder},
		{"foreign orderDataType", resolve(func(_ *intent.TransferOrderData, o *intent.GaslessCrossChainOrder) { o.OrderDataType[0] ^= 1 }), intent.ErrInvalidOrder},
		{"expired", intent.CheckOpen(&o, 10, 901), intent.ErrExpired},
		{"opened on another chain", intent.CheckOpen(&o, 1, 800), intent.ErrWrongChain},
		{"domain for chain 1, order for 10", func() error {
			_, data, err := intent.Resolve(&o, intent.TransferResolver{}, intent.OrderDataHash{})
			if err != nil {
				return err
			}
			_, err = intent.SigningDigest(&o, data, intent.TransferTypes, &domain)
			return err
		}(), intent.ErrWrongChain},
		{"refund before deadline", intent.RefundEligible(&intent.ResolvedCrossChainOrder{FillDeadline: 1200}, 1200), intent.ErrNotExpired},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.err, c.want)
		}
	}
	// The order data itself must be exactly ten words.
	bad := sampleOrder(&d)
	bad.OrderData = append(bad.OrderData, make([]byte, 32)...)
	if _, _, err := intent.Resolve(&bad, intent.TransferResolver{}, intent.OrderDataHash{}); !errors.Is(err, intent.ErrMalformed) {
		t.Errorf("order data with a trailing word: %v", err)
	}
	if err := intent.RefundEligible(&intent.ResolvedCrossChainOrder{FillDeadline: 1200}, 1201); err != nil {
		t.Errorf("refund after deadline: %v", err)
	}
	// A Uint64ChainID resolved order with a chain id past 2^64-1 does not decode.
	r := intent.ResolvedCrossChainOrder{FillInstructions: []intent.FillInstruction{{}}}
	r.FillInstructions[0].DestinationChainID.Lsh(uint256.NewInt(1), 64)
	if _, err := intent.DecodeResolvedCrossChainOrderABI(r.AppendABI(nil), intent.Uint64ChainID); !errors.Is(err, intent.ErrOverflow) {
		t.Errorf("uint64 variant with chain 2^64: %v", err)
	}
}

// TestOwedPast2To255 builds order data whose start amount is past int256 and asks what is
// owed mid-decay: DutchDecayLib's int256 casts would make it negative, Owed computes it in
// full width (half of 2^255-990000 decayed at the midpoint, rounded in the user's favour).
func TestOwedPast2To255(t *testing.T) {
	d := sampleTransfer()
	d.OutputStartAmount.Lsh(uint256.NewInt(1), 255)
	got, err := d.Owed(0, 1050)
	if err != nil {
		t.Fatal(err)
	}
	var want uint256.Int
	want.Sub(&d.OutputStartAmount, uint256.NewInt(990_000))
	want.Rsh(&want, 1)
	want.Sub(&d.OutputStartAmount, &want)
	if !got.Eq(&want) {
		t.Fatalf("Owed = %s, want %s", got.Dec(), want.Dec())
	}
}
