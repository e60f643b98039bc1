package intent

import (
	"errors"
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/abi"
)

// Bounds applied before allocation when decoding. Deployed settlers resolve orders into a
// handful of outputs; the bounds leave room for batch orders while keeping an adversarial
// length word from reserving memory.
const (
	MaxOutputs          = 256     // entries of maxSpent or minReceived, outputs of a fill
	MaxFillInstructions = 256     // entries of fillInstructions
	MaxDataSize         = 1 << 20 // bytes of orderData or originData
)

// Variant picks the FillInstruction.destinationChainId width. ERC-7683's final v1 text
// (ethereum/ERCs 56355554) makes it uint256; drafts before ERCs bb2598ff, and Across's
// deployed ERC7683.sol, use uint64. The ABI words are laid out alike, but the EIP-712
// typehashes of FillInstruction and ResolvedCrossChainOrder, and the Open event's topic,
// differ, and the uint64 variant rejects chain ids past 2^64-1.
type Variant uint8

const (
	// Uint256ChainID is the final v1 text: uint256 destinationChainId.
	Uint256ChainID Variant = iota
	// Uint64ChainID is the earlier draft Across deployed: uint64 destinationChainId.
	Uint64ChainID
)

func (v Variant) String() string {
	switch v {
	case Uint256ChainID:
		return "uint256 destinationChainId"
	case Uint64ChainID:
		return "uint64 destinationChainId"
	}
	return fmt.Sprintf("Variant(%d)", uint8(v))
}

// GaslessCrossChainOrder is ERC-7683's order signed by the user and opened by a filler
// through openFor.
type GaslessCrossChainOrder struct {
	OriginSettler interop.Address // the contract that settles the order on the origin chain
	User          interop.Address // the user, whose signature authorises the order
	Nonce         uint256.Int     // replay protection
	OriginChainID uint256.Int     // chain the order is opened on
	OpenDeadline  uint32          // latest timestamp at which the order may be opened
	FillDeadline  uint32          // latest timestamp at which the order may be filled
	OrderDataType interop.Hash    // EIP-712 typehash of OrderData's type
	OrderData     []byte          // settlement-specific data (see OrderDataResolver)
}

// OnchainCrossChainOrder is ERC-7683's order opened directly by the user through open.
type OnchainCrossChainOrder struct {
	FillDeadline  uint32
	OrderDataType interop.Hash
	OrderData     []byte
}

// Output is a token amount on a chain: an asset the filler sends (maxSpent) or receives
// (minReceived). Token and Recipient are bytes32 so non-EVM chains fit; EVM addresses are
// left-padded.
type Output struct {
	Token     interop.Hash
	Amount    uint256.Int
	Recipient interop.Hash
	ChainID   uint256.Int
}

// FillInstruction tells a filler where and with what to fill one leg of an order.
type FillInstruction struct {
	DestinationChainID uint256.Int  // uint64 in the Uint64ChainID variant
	DestinationSettler interop.Hash // contract on the destination chain that processes the fill
	OriginData         []byte       // passed to the destination settler's fill
}

// ResolvedCrossChainOrder is the settlement-independent view of an order that origin
// settlers emit in Open and fillers read.
type ResolvedCrossChainOrder struct {
	User             interop.Address
	OriginChainID    uint256.Int
	OpenDeadline     uint32
	FillDeadline     uint32
	OrderID          interop.Hash
	MaxSpent         []Output // the most the filler sends: a cap on its liabilities
	MinReceived      []Output // the least the filler receives on the origin chain
	FillInstructions []FillInstruction
	Variant          Variant // width of FillInstruction.destinationChainId
}

// AddressWord returns an EVM address as the left-padded bytes32 that ERC-7683 uses for
// tokens, recipients and settlers.
func AddressWord(a interop.Address) interop.Hash {
	var h interop.Hash
	copy(h[12:], a[:])
	return h
}

// WordAddress returns the EVM address held in a bytes32, or false if the 12 high bytes
// are not zero (the word is no left-padded EVM address).
func WordAddress(h interop.Hash) (interop.Address, bool) {
	var a interop.Address
	for _, c := range h[:12] {
		if c != 0 {
			return a, false
		}
	}
	copy(a[:], h[12:])
	return a, true
}

// ChainOf converts a uint256 chain id to an interop.ChainID, or fails with ErrOverflow.
func ChainOf(v *uint256.Int) (interop.ChainID, error) {
	if !v.IsUint64() {
		return 0, fmt.Errorf("%w: chain id %s", ErrOverflow, v.Dec())
	}
	return interop.ChainID(v.Uint64()), nil
}

func malformed(what string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrMalformed, what, err)
}

func cloneBytes(b []byte) []byte {
	if len(b) == 0 {
		return []byte{}
	}
	return append([]byte(nil), b...)
}

// ABI head sizes in words.
const (
	gaslessWords  = 8
	onchainWords  = 3
	outputWords   = 4
	fillWords     = 3
	resolvedWords = 8
)

// AppendABI appends abi.encode(o): the offset word of the dynamic struct, then the struct.
func (o *GaslessCrossChainOrder) AppendABI(dst []byte) []byte {
	e := abi.NewEncoder(dst, 1)
	t := e.Tuple(gaslessWords)
	o.encode(&t)
	e.End(&t)
	return e.Finish()
}

func (o *GaslessCrossChainOrder) encode(e *abi.Encoder) {
	e.Address(o.OriginSettler)
	e.Address(o.User)
	e.Uint256(&o.Nonce)
	e.Uint256(&o.OriginChainID)
	e.Uint64(uint64(o.OpenDeadline))
	e.Uint64(uint64(o.FillDeadline))
	e.Word(o.OrderDataType)
	e.Bytes(o.OrderData)
}

// DecodeGaslessCrossChainOrderABI decodes abi.encode(order), accepting only the
// canonical encoding (what AppendABI writes). The order data is copied out of b. Bound:
// orderData at most MaxDataSize bytes and within b (checked before the copy); time
// O(len(b)), memory one copy of orderData.
func DecodeGaslessCrossChainOrderABI(b []byte) (GaslessCrossChainOrder, error) {
	var x GaslessCrossChainOrder
	if err := x.decodeABI(b); err != nil {
		return GaslessCrossChainOrder{}, err
	}
	return x, nil
}

func (o *GaslessCrossChainOrder) decodeABI(b []byte) error {
	d, err := abi.NewDecoder(b, 1)
	if err != nil {
		return malformed("GaslessCrossChainOrder", err)
	}
	t, err := d.Tuple(gaslessWords)
	if err == nil {
		err = o.decode(&t)
	}
	if err == nil {
		err = d.End(&t)
	}
	if err == nil {
		err = d.Finish()
	}
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	if err != nil {
		return malformed("GaslessCrossChainOrder", err)
	}
	return nil
}

func (o *GaslessCrossChainOrder) decode(d *abi.Decoder) (err error) {
	var v uint64
	if o.OriginSettler, err = d.Address(); err != nil {
		return fmt.Errorf("originSettler: %w", err)
	}
	if o.User, err = d.Address(); err != nil {
		return fmt.Errorf("user: %w", err)
	}
	if o.Nonce, err = d.Uint256(); err != nil {
		return err
	}
	if o.OriginChainID, err = d.Uint256(); err != nil {
		return err
	}
	if v, err = d.Uint(32); err != nil {
		return fmt.Errorf("openDeadline: %w", err)
	}
	o.OpenDeadline = uint32(v)
	if v, err = d.Uint(32); err != nil {
		return fmt.Errorf("fillDeadline: %w", err)
	}
	o.FillDeadline = uint32(v)
	if o.OrderDataType, err = d.Word(); err != nil {
		return err
	}
	data, err := d.Bytes(MaxDataSize)
	if err != nil {
		return decodeError("orderData", err)
	}
	o.OrderData = cloneBytes(data)
	return nil
}

// AppendABI appends abi.encode(o).
func (o *OnchainCrossChainOrder) AppendABI(dst []byte) []byte {
	e := abi.NewEncoder(dst, 1)
	t := e.Tuple(onchainWords)
	t.Uint64(uint64(o.FillDeadline))
	t.Word(o.OrderDataType)
	t.Bytes(o.OrderData)
	e.End(&t)
	return e.Finish()
}

// DecodeOnchainCrossChainOrderABI decodes abi.encode(order), accepting only the
// canonical encoding (what AppendABI writes). Bound: orderData at most MaxDataSize bytes
// and within b; time O(len(b)), memory one copy of it.
func DecodeOnchainCrossChainOrderABI(b []byte) (OnchainCrossChainOrder, error) {
	var x OnchainCrossChainOrder
	if err := x.decodeABI(b); err != nil {
		return OnchainCrossChainOrder{}, err
	}
	return x, nil
}

func (o *OnchainCrossChainOrder) decodeABI(b []byte) error {
	d, err := abi.NewDecoder(b, 1)
	if err != nil {
		return malformed("OnchainCrossChainOrder", err)
	}
	t, err := d.Tuple(onchainWords)
	if err != nil {
		return malformed("OnchainCrossChainOrder", err)
	}
	v, err := t.Uint(32)
	if err != nil {
		return malformed("OnchainCrossChainOrder.fillDeadline", err)
	}
	o.FillDeadline = uint32(v)
	if o.OrderDataType, err = t.Word(); err != nil {
		return malformed("OnchainCrossChainOrder", err)
	}
	data, err := t.Bytes(MaxDataSize)
	if err != nil {
		return decodeError("OnchainCrossChainOrder.orderData", err)
	}
	if err = d.End(&t); err == nil {
		err = d.Finish()
	}
	if err != nil {
		return malformed("OnchainCrossChainOrder", err)
	}
	o.OrderData = cloneBytes(data)
	return nil
}

// AppendABI appends abi.encode(r).
func (r *ResolvedCrossChainOrder) AppendABI(dst []byte) []byte {
	e := abi.NewEncoder(dst, 1)
	t := e.Tuple(resolvedWords)
	r.encode(&t)
	e.End(&t)
	return e.Finish()
}

func encodeOutputs(e *abi.Encoder, outs []Output) {
	a := e.Array(len(outs), outputWords)
	for i := range outs {
		o := &outs[i]
		a.Word(o.Token)
		a.Uint256(&o.Amount)
		a.Word(o.Recipient)
		a.Uint256(&o.ChainID)
	}
	e.End(&a)
}

func (r *ResolvedCrossChainOrder) encode(e *abi.Encoder) {
	e.Address(r.User)
	e.Uint256(&r.OriginChainID)
	e.Uint64(uint64(r.OpenDeadline))
	e.Uint64(uint64(r.FillDeadline))
	e.Word(r.OrderID)
	encodeOutputs(e, r.MaxSpent)
	encodeOutputs(e, r.MinReceived)
	a := e.Array(len(r.FillInstructions), 1)
	for i := range r.FillInstructions {
		f := &r.FillInstructions[i]
		t := a.Tuple(fillWords)
		t.Uint256(&f.DestinationChainID)
		t.Word(f.DestinationSettler)
		t.Bytes(f.OriginData)
		a.End(&t)
	}
	e.End(&a)
}

// DecodeResolvedCrossChainOrderABI decodes abi.encode(resolvedOrder) in the given
// variant, accepting only the canonical encoding (what AppendABI writes); byte strings are
// copied out of b. Bound: at most MaxOutputs entries in maxSpent and in minReceived,
// MaxFillInstructions fill instructions and MaxDataSize bytes of originData each, every
// length checked against b before allocating; time O(len(b)), memory O(len(b)).
func DecodeResolvedCrossChainOrderABI(b []byte, v Variant) (ResolvedCrossChainOrder, error) {
	var x ResolvedCrossChainOrder
	if err := x.decodeABI(b, v); err != nil {
		return ResolvedCrossChainOrder{}, err
	}
	return x, nil
}

func (r *ResolvedCrossChainOrder) decodeABI(b []byte, v Variant) error {
	if v > Uint64ChainID {
		return fmt.Errorf("%w: unknown variant %d", ErrInvalidOrder, v)
	}
	d, err := abi.NewDecoder(b, 1)
	if err != nil {
		return malformed("ResolvedCrossChainOrder", err)
	}
	t, err := d.Tuple(resolvedWords)
	if err != nil {
		return malformed("ResolvedCrossChainOrder", err)
	}
	if err := r.decode(&t, v); err != nil {
		return err
	}
	if err = d.End(&t); err == nil {
		err = d.Finish()
	}
	if err != nil {
		return malformed("ResolvedCrossChainOrder", err)
	}
	return nil
}

func decodeOutputs(d *abi.Decoder, what string) ([]Output, error) {
	n, a, err := d.Array(MaxOutputs, outputWords)
	if err != nil {
		return nil, decodeError(what, err)
	}
	outs := make([]Output, n)
	for i := range outs {
		o := &outs[i]
		// The array's head was bounded to the input, so these reads cannot fail.
		o.Token, _ = a.Word()
		o.Amount, _ = a.Uint256()
		o.Recipient, _ = a.Word()
		o.ChainID, _ = a.Uint256()
	}
	if err := d.End(&a); err != nil {
		return nil, malformed(what, err)
	}
	return outs, nil
}

func decodeError(what string, err error) error {
	if isTooLong(err) {
		return fmt.Errorf("%w: %s: %w", ErrTooLarge, what, err)
	}
	return malformed(what, err)
}

func (r *ResolvedCrossChainOrder) decode(d *abi.Decoder, v Variant) (err error) {
	var w uint64
	r.Variant = v
	if r.User, err = d.Address(); err != nil {
		return malformed("ResolvedCrossChainOrder.user", err)
	}
	r.OriginChainID, _ = d.Uint256()
	if w, err = d.Uint(32); err != nil {
		return malformed("ResolvedCrossChainOrder.openDeadline", err)
	}
	r.OpenDeadline = uint32(w)
	if w, err = d.Uint(32); err != nil {
		return malformed("ResolvedCrossChainOrder.fillDeadline", err)
	}
	r.FillDeadline = uint32(w)
	r.OrderID, _ = d.Word()
	if r.MaxSpent, err = decodeOutputs(d, "maxSpent"); err != nil {
		return err
	}
	if r.MinReceived, err = decodeOutputs(d, "minReceived"); err != nil {
		return err
	}
	n, a, err := d.Array(MaxFillInstructions, 1)
	if err != nil {
		return decodeError("fillInstructions", err)
	}
	r.FillInstructions = make([]FillInstruction, n)
	for i := range r.FillInstructions {
		f := &r.FillInstructions[i]
		t, err := a.Tuple(fillWords)
		if err != nil {
			return malformed(fmt.Sprintf("fillInstructions[%d]", i), err)
		}
		if v == Uint64ChainID {
			var c uint64
			if c, err = t.Uint(64); err != nil {
				return fmt.Errorf("%w: fillInstructions[%d].destinationChainId: %w", ErrOverflow, i, err)
			}
			f.DestinationChainID.SetUint64(c)
		} else {
			f.DestinationChainID, _ = t.Uint256()
		}
		f.DestinationSettler, _ = t.Word()
		data, err := t.Bytes(MaxDataSize)
		if err != nil {
			return decodeError(fmt.Sprintf("fillInstructions[%d].originData", i), err)
		}
		f.OriginData = cloneBytes(data)
		if err := a.End(&t); err != nil {
			return malformed(fmt.Sprintf("fillInstructions[%d]", i), err)
		}
	}
	if err := d.End(&a); err != nil {
		return malformed("fillInstructions", err)
	}
	return nil
}

func isTooLong(err error) bool { return errors.Is(err, abi.ErrTooLong) }
