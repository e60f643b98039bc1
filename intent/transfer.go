package intent

import (
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/internal/abi"
)

// TransferOrderDataType is the order data of a simple cross-chain transfer: the user gives
// inputAmount of inputToken on the origin chain for outputToken delivered to recipient on
// destinationChainId, through destinationSettler. The output amount falls linearly from
// outputStartAmount to outputEndAmount between decayStartTime and decayEndTime (a
// UniswapX-style Dutch auction run by the clock on the destination chain); equal amounts
// make it a fixed-price order.
var TransferOrderDataType = eip712.MustNewType("TransferOrderData", []eip712.Field{
	{Name: "inputToken", Type: "bytes32"},
	{Name: "inputAmount", Type: "uint256"},
	{Name: "outputToken", Type: "bytes32"},
	{Name: "outputStartAmount", Type: "uint256"},
	{Name: "outputEndAmount", Type: "uint256"},
	{Name: "decayStartTime", Type: "uint32"},
	{Name: "decayEndTime", Type: "uint32"},
	{Name: "destinationChainId", Type: "uint256"},
	{Name: "destinationSettler", Type: "bytes32"},
	{Name: "recipient", Type: "bytes32"},
})

// TransferTypes are the order and Permit2 witness types around TransferOrderData.
var TransferTypes = mustOrderTypes(TransferOrderDataType)

func mustOrderTypes(t *eip712.Type) *OrderTypes {
	ts, err := NewOrderTypes(t)
	if err != nil {
		panic(err)
	}
	return ts
}

const transferWords = 10

// TransferOrderData is the Go value of TransferOrderDataType; its ABI encoding,
// abi.encode(TransferOrderData), is the order's orderData (a static struct: ten words).
type TransferOrderData struct {
	InputToken         interop.Hash
	InputAmount        uint256.Int
	OutputToken        interop.Hash
	OutputStartAmount  uint256.Int
	OutputEndAmount    uint256.Int
	DecayStartTime     uint32
	DecayEndTime       uint32
	DestinationChainID uint256.Int
	DestinationSettler interop.Hash
	Recipient          interop.Hash
}

// TypeHash implements eip712.StructHasher.
func (t *TransferOrderData) TypeHash() interop.Hash { return TransferOrderDataType.TypeHash() }

// EncodeData implements eip712.StructHasher.
func (t *TransferOrderData) EncodeData(dst []byte) []byte {
	dst = eip712.AppendWord(dst, t.InputToken)
	dst = eip712.AppendUint256(dst, &t.InputAmount)
	dst = eip712.AppendWord(dst, t.OutputToken)
	dst = eip712.AppendUint256(dst, &t.OutputStartAmount)
	dst = eip712.AppendUint256(dst, &t.OutputEndAmount)
	dst = eip712.AppendUint64(dst, uint64(t.DecayStartTime))
	dst = eip712.AppendUint64(dst, uint64(t.DecayEndTime))
	dst = eip712.AppendUint256(dst, &t.DestinationChainID)
	dst = eip712.AppendWord(dst, t.DestinationSettler)
	return eip712.AppendWord(dst, t.Recipient)
}

// AppendABI appends abi.encode(t).
func (t *TransferOrderData) AppendABI(dst []byte) []byte {
	e := abi.NewEncoder(dst, transferWords)
	e.Word(t.InputToken)
	e.Uint256(&t.InputAmount)
	e.Word(t.OutputToken)
	e.Uint256(&t.OutputStartAmount)
	e.Uint256(&t.OutputEndAmount)
	e.Uint64(uint64(t.DecayStartTime))
	e.Uint64(uint64(t.DecayEndTime))
	e.Uint256(&t.DestinationChainID)
	e.Word(t.DestinationSettler)
	e.Word(t.Recipient)
	return e.Finish()
}

// DecodeTransferOrderDataABI decodes the canonical ABI encoding of transfer order data
// (what AppendABI writes), without checking the values (see Check): exactly ten words
// (320 bytes), constant work, no allocation.
func DecodeTransferOrderDataABI(b []byte) (TransferOrderData, error) {
	var x TransferOrderData
	if err := x.decodeABI(b); err != nil {
		return TransferOrderData{}, err
	}
	return x, nil
}

func (t *TransferOrderData) decodeABI(b []byte) error {
	d, err := abi.NewDecoder(b, transferWords)
	if err != nil {
		return malformed("TransferOrderData", err)
	}
	// The head was checked to fit b, so the unsized reads cannot fail.
	t.InputToken, _ = d.Word()
	t.InputAmount, _ = d.Uint256()
	t.OutputToken, _ = d.Word()
	t.OutputStartAmount, _ = d.Uint256()
	t.OutputEndAmount, _ = d.Uint256()
	v, err := d.Uint(32)
	if err != nil {
		return malformed("TransferOrderData.decayStartTime", err)
	}
	t.DecayStartTime = uint32(v)
	if v, err = d.Uint(32); err != nil {
		return malformed("TransferOrderData.decayEndTime", err)
	}
	t.DecayEndTime = uint32(v)
	t.DestinationChainID, _ = d.Uint256()
	t.DestinationSettler, _ = d.Word()
	t.Recipient, _ = d.Word()
	if err := d.Finish(); err != nil {
		return malformed("TransferOrderData", err)
	}
	return nil
}

// Check rejects order data no fill could honestly satisfy: a zero input or end amount
// (ErrInvalidOrder), an output that rises over the decay or a decay window that ends
// before it starts (ErrInvalidOrder, as UniswapX's IncorrectAmounts and
// EndTimeBeforeStartTime), and a destination chain past 2^64-1 (ErrOverflow). Every
// uint256 amount that passes is one Owed computes exactly. Constant work.
func (t *TransferOrderData) Check() error {
	if t.InputAmount.IsZero() || t.OutputEndAmount.IsZero() {
		return fmt.Errorf("%w: zero amount (input %s, output end %s)", ErrInvalidOrder, t.InputAmount.Dec(), t.OutputEndAmount.Dec())
	}
	if t.OutputStartAmount.Lt(&t.OutputEndAmount) {
		return fmt.Errorf("%w: output rises from %s to %s", ErrInvalidOrder, t.OutputStartAmount.Dec(), t.OutputEndAmount.Dec())
	}
	if !t.OutputStartAmount.Eq(&t.OutputEndAmount) && t.DecayEndTime <= t.DecayStartTime {
		return fmt.Errorf("%w: decay ends at %d, starts at %d", ErrInvalidOrder, t.DecayEndTime, t.DecayStartTime)
	}
	if _, err := ChainOf(&t.DestinationChainID); err != nil {
		return fmt.Errorf("destinationChainId: %w", err)
	}
	return nil
}

// Resolve implements OrderData: one output on the destination chain, capped at the start
// amount; the input, received by whichever filler fills (recipient zero, as ERC-7683
// settlers mark "the filler"); one fill instruction whose originData is the order data.
func (t *TransferOrderData) Resolve(o *GaslessCrossChainOrder, r *ResolvedCrossChainOrder) error {
	r.MaxSpent = []Output{{
		Token:     t.OutputToken,
		Amount:    t.OutputStartAmount,
		Recipient: t.Recipient,
		ChainID:   t.DestinationChainID,
	}}
	r.MinReceived = []Output{{
		Token:   t.InputToken,
		Amount:  t.InputAmount,
		ChainID: o.OriginChainID,
	}}
	r.FillInstructions = []FillInstruction{{
		DestinationChainID: t.DestinationChainID,
		DestinationSettler: t.DestinationSettler,
		OriginData:         t.AppendABI(nil),
	}}
	return nil
}

// Owed implements OrderData: the output decayed linearly to fillTime, as UniswapX's
// DutchDecayLib decays a DutchOutput (the change rounded down, so the amount owed is
// rounded up, in the user's favour), but computed exactly for every uint256:
//
//	fillTime ≤ decayStartTime (or start == end): start; fillTime ≥ decayEndTime: end;
//	otherwise start - floor((start-end)·(fillTime-decayStartTime)/(decayEndTime-decayStartTime))
//
// with a 512-bit intermediate, so the result always lies in [end, start] and never rises
// with fillTime. (DutchDecayLib at UniswapX HEAD casts the amounts to int256, where an
// amount of 2^255 or more is negative; its result for such an order can fall below the end
// amount, and intent/auction.Linear refuses those amounts rather than reproduce it.)
// Data that Check refuses — a rising output, an empty decay window — is ErrInvalidOrder
// here too; there is no other failure. Constant work, no allocation.
func (t *TransferOrderData) Owed(i int, fillTime uint64) (uint256.Int, error) {
	if i != 0 {
		return uint256.Int{}, fmt.Errorf("%w: output %d of a one-output order", ErrInvalidOrder, i)
	}
	start, end := &t.OutputStartAmount, &t.OutputEndAmount
	if start.Lt(end) {
		return uint256.Int{}, fmt.Errorf("%w: output rises from %s to %s", ErrInvalidOrder, start.Dec(), end.Dec())
	}
	if start.Eq(end) {
		return *start, nil
	}
	t0, t1 := uint64(t.DecayStartTime), uint64(t.DecayEndTime)
	if t1 <= t0 {
		return uint256.Int{}, fmt.Errorf("%w: decay ends at %d, starts at %d", ErrInvalidOrder, t1, t0)
	}
	switch {
	case fillTime <= t0:
		return *start, nil
	case fillTime >= t1:
		return *end, nil
	}
	// 0 < elapsed < duration < 2^32, so the quotient is below diff and cannot overflow.
	var diff, elapsed, duration, change, owed uint256.Int
	diff.Sub(start, end)
	elapsed.SetUint64(fillTime - t0)
	duration.SetUint64(t1 - t0)
	change.MulDivOverflow(&diff, &elapsed, &duration)
	owed.Sub(start, &change)
	return owed, nil
}

// TransferResolver resolves orders whose orderDataType is TransferOrderDataType's typehash.
type TransferResolver struct{}

// Types implements OrderDataResolver.
func (TransferResolver) Types() *OrderTypes { return TransferTypes }

// DecodeOrderData implements OrderDataResolver: canonical ABI, then Check. Anything but 320
// bytes is ErrMalformed before any allocation besides the result.
func (TransferResolver) DecodeOrderData(b []byte) (OrderData, error) {
	t := new(TransferOrderData)
	if err := t.decodeABI(b); err != nil {
		return nil, err
	}
	if err := t.Check(); err != nil {
		return nil, err
	}
	return t, nil
}
