package intent

import (
	"fmt"
	"math"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/internal/keccak"
)

// OrderData is a settlement system's order data, parsed. It hashes itself as the EIP-712
// sub-type whose typehash orders carry in orderDataType, resolves an order into the
// ERC's settlement-independent view, and says what a fill owes.
type OrderData interface {
	eip712.StructHasher
	// Resolve sets r.MaxSpent, r.MinReceived and r.FillInstructions for order o; the
	// caller sets the other fields.
	Resolve(o *GaslessCrossChainOrder, r *ResolvedCrossChainOrder) error
	// Owed returns the least amount of r.MaxSpent[i] that a fill at fillTime must deliver
	// (maxSpent is a cap; a destination-side Dutch auction lowers it over time).
	Owed(i int, fillTime uint64) (uint256.Int, error)
}

// OrderDataResolver parses one settlement system's order data. ERC-7683 leaves orderData
// to each settlement system; an origin settler twin holds one resolver per orderDataType
// it accepts.
type OrderDataResolver interface {
	// Types returns the EIP-712 types of the order data and of orders around it.
	Types() *OrderTypes
	// DecodeOrderData parses and checks ABI-encoded order data.
	DecodeOrderData(b []byte) (OrderData, error)
}

// OrderIDRule derives an order's orderId. ERC-7683 leaves the rule to the settlement
// system; it must give the same id in Open, in ResolvedCrossChainOrder.orderId and in
// the destination fill.
type OrderIDRule interface {
	OrderID(o *GaslessCrossChainOrder, data OrderData) (interop.Hash, error)
}

// OrderIDFunc adapts a function to OrderIDRule.
type OrderIDFunc func(o *GaslessCrossChainOrder, data OrderData) (interop.Hash, error)

// OrderID implements OrderIDRule.
func (f OrderIDFunc) OrderID(o *GaslessCrossChainOrder, data OrderData) (interop.Hash, error) {
	return f(o, data)
}

// OrderDataHash is the rule of BootNode's Hyperlane7683 (Base7683.sol, @62a181ff):
// orderId = keccak256(orderData), the ABI-encoded order data as signed. The order data
// must itself commit to the user and a nonce for ids to be unique.
type OrderDataHash struct{}

// OrderID implements OrderIDRule.
func (OrderDataHash) OrderID(o *GaslessCrossChainOrder, _ OrderData) (interop.Hash, error) {
	return keccak.Sum256(o.OrderData), nil
}

// OrderStructHash derives orderId = hashStruct(order) under Types.Order, the order with
// its order data parsed — the witness the user signs, so the id commits to every field,
// settler, user, nonce and chain included, and to nothing else.
type OrderStructHash struct{ Types *OrderTypes }

// OrderID implements OrderIDRule.
func (r OrderStructHash) OrderID(o *GaslessCrossChainOrder, data OrderData) (interop.Hash, error) {
	if data.TypeHash() != r.Types.OrderData.TypeHash() {
		return interop.Hash{}, fmt.Errorf("%w: order data typehash %s, rule expects %s", ErrInvalidOrder, data.TypeHash(), r.Types.OrderData.TypeHash())
	}
	return eip712.HashStruct(&TypedOrder{Order: o, Data: data, Types: r.Types}), nil
}

// Resolve parses o's order data with res and resolves o, as an origin settler's
// resolveFor does:
//
//	a) orderDataType must be the resolver's order-data typehash (ErrInvalidOrder);
//	b) the order data must decode and pass the resolver's checks;
//	c) originChainId must fit a uint64 (ErrOverflow);
//	d) orderId comes from ids.
//
// It returns the resolved order and the parsed order data (for signature checks and Owed).
// Work is the resolver's decode plus one hash of the order; the order data is parsed once.
func Resolve(o *GaslessCrossChainOrder, res OrderDataResolver, ids OrderIDRule) (*ResolvedCrossChainOrder, OrderData, error) {
	want := res.Types().OrderData.TypeHash()
	if o.OrderDataType != want {
		return nil, nil, fmt.Errorf("%w: orderDataType %s, resolver reads %s", ErrInvalidOrder, o.OrderDataType, want)
	}
	data, err := res.DecodeOrderData(o.OrderData)
	if err != nil {
		return nil, nil, err
	}
	if _, err := ChainOf(&o.OriginChainID); err != nil {
		return nil, nil, fmt.Errorf("originChainId: %w", err)
	}
	r := &ResolvedCrossChainOrder{
		User:          o.User,
		OriginChainID: o.OriginChainID,
		OpenDeadline:  o.OpenDeadline,
		FillDeadline:  o.FillDeadline,
	}
	if err := data.Resolve(o, r); err != nil {
		return nil, nil, err
	}
	if r.OrderID, err = ids.OrderID(o, data); err != nil {
		return nil, nil, err
	}
	return r, data, nil
}

// Gasless returns the onchain order as the gasless order its open call amounts to: the
// caller is the user, the chain and settler are where open runs, and since opening is
// immediate the openDeadline is the largest uint32 and the nonce is the caller's choice.
func (o *OnchainCrossChainOrder) Gasless(settler, user interop.Address, originChainID uint64, nonce *uint256.Int) GaslessCrossChainOrder {
	g := GaslessCrossChainOrder{
		OriginSettler: settler,
		User:          user,
		Nonce:         *nonce,
		OpenDeadline:  math.MaxUint32,
		FillDeadline:  o.FillDeadline,
		OrderDataType: o.OrderDataType,
		OrderData:     o.OrderData,
	}
	g.OriginChainID.SetUint64(originChainID)
	return g
}

// CheckOpen checks that o may be opened on chain at time now: originChainId must be chain
// (ErrWrongChain) and now must not be past openDeadline (ErrExpired, as ERC-7683's
// "the timestamp by which the order must be opened").
func CheckOpen(o *GaslessCrossChainOrder, chain interop.ChainID, now uint64) error {
	if !o.OriginChainID.IsUint64() || o.OriginChainID.Uint64() != uint64(chain) {
		return fmt.Errorf("%w: order for chain %s opened on %d", ErrWrongChain, o.OriginChainID.Dec(), chain)
	}
	if now > uint64(o.OpenDeadline) {
		return fmt.Errorf("%w: opened at %d, openDeadline %d", ErrExpired, now, o.OpenDeadline)
	}
	return nil
}

// SigningDigest returns the EIP-712 digest a user signs for o under the origin settler's
// domain, with orderData parsed (Types.Order). The domain must commit to the order's
// chain and settler: its chainId must be originChainId (ErrWrongChain) and its
// verifyingContract the originSettler (ErrWrongSettler), so that a signature cannot be
// replayed on another chain or settler.
func SigningDigest(o *GaslessCrossChainOrder, data OrderData, t *OrderTypes, domain *eip712.Domain) (interop.Hash, error) {
	if domain.Fields&eip712.DomainChainID == 0 || !domain.ChainID.Eq(&o.OriginChainID) {
		return interop.Hash{}, fmt.Errorf("%w: domain chainId %s, order originChainId %s", ErrWrongChain, domain.ChainID.Dec(), o.OriginChainID.Dec())
	}
	if domain.Fields&eip712.DomainVerifyingContract == 0 || domain.VerifyingContract != o.OriginSettler {
		return interop.Hash{}, fmt.Errorf("%w: domain verifyingContract %s, order originSettler %s", ErrWrongSettler, domain.VerifyingContract, o.OriginSettler)
	}
	if data.TypeHash() != t.OrderData.TypeHash() {
		return interop.Hash{}, fmt.Errorf("%w: order data typehash %s, types expect %s", ErrInvalidOrder, data.TypeHash(), t.OrderData.TypeHash())
	}
	return domain.Hash(&TypedOrder{Order: o, Data: data, Types: t}), nil
}

// VerifySignature checks that sig is the order's user signing SigningDigest, in strict
// (EIP-2 low-s) form, as OpenZeppelin's ECDSA library requires on chain.
func VerifySignature(o *GaslessCrossChainOrder, data OrderData, t *OrderTypes, domain *eip712.Domain, sig [65]byte) error {
	digest, err := SigningDigest(o, data, t, domain)
	if err != nil {
		return err
	}
	signer, err := secp256k1.RecoverAddressStrict(digest, sig)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadSignature, err)
	}
	if signer != o.User {
		return fmt.Errorf("%w: signed by %s, user %s", ErrBadSignature, signer, o.User)
	}
	return nil
}
