package intent

import (
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/eip712"
)

// EIP-712 types of the ERC-7683 v1 structs, with their fields in the order of the ERC's
// Solidity definitions (ethereum/ERCs 56355554, ERCS/erc-7683.md). The ERC gives no type
// strings; these are the canonical encodeType of its structs.
var (
	// OutputType is Output(bytes32 token,uint256 amount,bytes32 recipient,uint256 chainId).
	OutputType = eip712.MustNewType("Output", []eip712.Field{
		{Name: "token", Type: "bytes32"},
		{Name: "amount", Type: "uint256"},
		{Name: "recipient", Type: "bytes32"},
		{Name: "chainId", Type: "uint256"},
	})
	// GaslessOrderType is the order with orderData as plain bytes. Signers that follow the
	// ERC's Permit2 advice sign OrderTypes.Order instead, with orderData parsed.
	GaslessOrderType = eip712.MustNewType("GaslessCrossChainOrder", gaslessFields("bytes"))
	// OnchainOrderType is OnchainCrossChainOrder(uint32 fillDeadline,bytes32 orderDataType,bytes orderData).
	OnchainOrderType = eip712.MustNewType("OnchainCrossChainOrder", []eip712.Field{
		{Name: "fillDeadline", Type: "uint32"},
		{Name: "orderDataType", Type: "bytes32"},
		{Name: "orderData", Type: "bytes"},
	})

	fillTypes = [2]*eip712.Type{
		Uint256ChainID: fillType("uint256"),
		Uint64ChainID:  fillType("uint64"),
	}
	resolvedTypes = [2]*eip712.Type{
		Uint256ChainID: resolvedType(fillTypes[Uint256ChainID]),
		Uint64ChainID:  resolvedType(fillTypes[Uint64ChainID]),
	}
)

func gaslessFields(orderData string) []eip712.Field {
	return []eip712.Field{
		{Name: "originSettler", Type: "address"},
		{Name: "user", Type: "address"},
		{Name: "nonce", Type: "uint256"},
		{Name: "originChainId", Type: "uint256"},
		{Name: "openDeadline", Type: "uint32"},
		{Name: "fillDeadline", Type: "uint32"},
		{Name: "orderDataType", Type: "bytes32"},
		{Name: "orderData", Type: orderData},
	}
}

func fillType(chainID string) *eip712.Type {
	return eip712.MustNewType("FillInstruction", []eip712.Field{
		{Name: "destinationChainId", Type: chainID},
		{Name: "destinationSettler", Type: "bytes32"},
		{Name: "originData", Type: "bytes"},
	})
}

func resolvedType(fill *eip712.Type) *eip712.Type {
	return eip712.MustNewType("ResolvedCrossChainOrder", []eip712.Field{
		{Name: "user", Type: "address"},
		{Name: "originChainId", Type: "uint256"},
		{Name: "openDeadline", Type: "uint32"},
		{Name: "fillDeadline", Type: "uint32"},
		{Name: "orderId", Type: "bytes32"},
		{Name: "maxSpent", Type: "Output[]"},
		{Name: "minReceived", Type: "Output[]"},
		{Name: "fillInstructions", Type: "FillInstruction[]"},
	}, OutputType, fill)
}

// FillInstructionType returns the EIP-712 FillInstruction type of the variant.
func FillInstructionType(v Variant) *eip712.Type { return fillTypes[v&1] }

// ResolvedOrderType returns the EIP-712 ResolvedCrossChainOrder type of the variant.
func ResolvedOrderType(v Variant) *eip712.Type { return resolvedTypes[v&1] }

// TypeHash implements eip712.StructHasher.
func (o *Output) TypeHash() interop.Hash { return OutputType.TypeHash() }

// EncodeData implements eip712.StructHasher.
func (o *Output) EncodeData(dst []byte) []byte {
	dst = eip712.AppendWord(dst, o.Token)
	dst = eip712.AppendUint256(dst, &o.Amount)
	dst = eip712.AppendWord(dst, o.Recipient)
	return eip712.AppendUint256(dst, &o.ChainID)
}

// HashStruct returns the EIP-712 hashStruct of f under the variant's type. The uint256
// and uint64 encodings of a chain id below 2^64 are the same word; only the typehash
// differs.
func (f *FillInstruction) HashStruct(v Variant) interop.Hash {
	return eip712.HashStruct(fillHasher{f, v})
}

type fillHasher struct {
	f *FillInstruction
	v Variant
}

func (h fillHasher) TypeHash() interop.Hash { return fillTypes[h.v&1].TypeHash() }

func (h fillHasher) EncodeData(dst []byte) []byte {
	dst = eip712.AppendUint256(dst, &h.f.DestinationChainID)
	dst = eip712.AppendWord(dst, h.f.DestinationSettler)
	return eip712.AppendBytes(dst, h.f.OriginData)
}

// TypeHash implements eip712.StructHasher, under r.Variant's type.
func (r *ResolvedCrossChainOrder) TypeHash() interop.Hash {
	return resolvedTypes[r.Variant&1].TypeHash()
}

func appendOutputs(dst []byte, outs []Output) []byte {
	return eip712.AppendArray(dst, len(outs), func(dst []byte, i int) []byte {
		return eip712.AppendStruct(dst, &outs[i])
	})
}

// EncodeData implements eip712.StructHasher.
func (r *ResolvedCrossChainOrder) EncodeData(dst []byte) []byte {
	dst = eip712.AppendAddress(dst, r.User)
	dst = eip712.AppendUint256(dst, &r.OriginChainID)
	dst = eip712.AppendUint64(dst, uint64(r.OpenDeadline))
	dst = eip712.AppendUint64(dst, uint64(r.FillDeadline))
	dst = eip712.AppendWord(dst, r.OrderID)
	dst = appendOutputs(dst, r.MaxSpent)
	dst = appendOutputs(dst, r.MinReceived)
	return eip712.AppendArray(dst, len(r.FillInstructions), func(dst []byte, i int) []byte {
		return eip712.AppendStruct(dst, fillHasher{&r.FillInstructions[i], r.Variant})
	})
}

// TypeHash implements eip712.StructHasher with orderData as plain bytes (GaslessOrderType).
func (o *GaslessCrossChainOrder) TypeHash() interop.Hash { return GaslessOrderType.TypeHash() }

// EncodeData implements eip712.StructHasher with orderData as plain bytes.
func (o *GaslessCrossChainOrder) EncodeData(dst []byte) []byte {
	dst = o.encodeHead(dst)
	return eip712.AppendBytes(dst, o.OrderData)
}

func (o *GaslessCrossChainOrder) encodeHead(dst []byte) []byte {
	dst = eip712.AppendAddress(dst, o.OriginSettler)
	dst = eip712.AppendAddress(dst, o.User)
	dst = eip712.AppendUint256(dst, &o.Nonce)
	dst = eip712.AppendUint256(dst, &o.OriginChainID)
	dst = eip712.AppendUint64(dst, uint64(o.OpenDeadline))
	dst = eip712.AppendUint64(dst, uint64(o.FillDeadline))
	return eip712.AppendWord(dst, o.OrderDataType)
}

// TypeHash implements eip712.StructHasher.
func (o *OnchainCrossChainOrder) TypeHash() interop.Hash { return OnchainOrderType.TypeHash() }

// EncodeData implements eip712.StructHasher.
func (o *OnchainCrossChainOrder) EncodeData(dst []byte) []byte {
	dst = eip712.AppendUint64(dst, uint64(o.FillDeadline))
	dst = eip712.AppendWord(dst, o.OrderDataType)
	return eip712.AppendBytes(dst, o.OrderData)
}

// OrderTypes are the EIP-712 types a settlement system signs its gasless orders with,
// with orderData parsed as the system's order-data struct, as ERC-7683 recommends for
// Permit2 witnesses:
//
//	GaslessCrossChainOrder(…,bytes32 orderDataType,<OrderData> orderData)<OrderData>(…)
//	PermitWitnessTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline,GaslessCrossChainOrder witness)…
//
// Build them once per order-data type; they are immutable and safe for concurrent use.
type OrderTypes struct {
	OrderData *eip712.Type // the settlement system's order data; its typehash is orderDataType
	Order     *eip712.Type // GaslessCrossChainOrder with orderData parsed
	Witness   *eip712.Type // Permit2 PermitWitnessTransferFrom with the order as witness
}

// TokenPermissionsType is Permit2's TokenPermissions(address token,uint256 amount).
var TokenPermissionsType = eip712.MustNewType("TokenPermissions", []eip712.Field{
	{Name: "token", Type: "address"},
	{Name: "amount", Type: "uint256"},
})

// NewOrderTypes builds the order and Permit2 witness types around an order-data type.
func NewOrderTypes(orderData *eip712.Type) (*OrderTypes, error) {
	if orderData == nil {
		return nil, fmt.Errorf("%w: nil order data type", ErrInvalidOrder)
	}
	order, err := eip712.NewType("GaslessCrossChainOrder", gaslessFields(orderData.Name()), orderData)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOrder, err)
	}
	// Permit2 PermitHash.sol: the witness type string is the stub
	// "PermitWitnessTransferFrom(TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline,"
	// followed by the witness member and every referenced type sorted by name, which is
	// exactly EIP-712's encodeType of this struct.
	witness, err := eip712.NewType("PermitWitnessTransferFrom", []eip712.Field{
		{Name: "permitted", Type: "TokenPermissions"},
		{Name: "spender", Type: "address"},
		{Name: "nonce", Type: "uint256"},
		{Name: "deadline", Type: "uint256"},
		{Name: "witness", Type: "GaslessCrossChainOrder"},
	}, TokenPermissionsType, order)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidOrder, err)
	}
	return &OrderTypes{OrderData: orderData, Order: order, Witness: witness}, nil
}

// TypedOrder is a gasless order with its order data parsed, hashed under Types.Order.
type TypedOrder struct {
	Order *GaslessCrossChainOrder
	Data  OrderData
	Types *OrderTypes
}

// TypeHash implements eip712.StructHasher.
func (t *TypedOrder) TypeHash() interop.Hash { return t.Types.Order.TypeHash() }

// EncodeData implements eip712.StructHasher: the order's words with hashStruct(orderData)
// in place of keccak256(orderData).
func (t *TypedOrder) EncodeData(dst []byte) []byte {
	dst = t.Order.encodeHead(dst)
	return eip712.AppendStruct(dst, t.Data)
}

// Permit2Witness is Permit2's PermitWitnessTransferFrom with an ERC-7683 order as witness:
// the user's single signature both authorises the input transfer and commits to the
// order. As Across's origin settler does, the spender is the originSettler, the Permit2
// nonce is the order's nonce and the deadline its openDeadline.
type Permit2Witness struct {
	Token  interop.Address
	Amount uint256.Int
	Order  TypedOrder
}

// TypeHash implements eip712.StructHasher.
func (p *Permit2Witness) TypeHash() interop.Hash { return p.Order.Types.Witness.TypeHash() }

// EncodeData implements eip712.StructHasher.
func (p *Permit2Witness) EncodeData(dst []byte) []byte {
	var perm [64]byte
	copy(perm[12:32], p.Token[:])
	p.Amount.PutUint256(perm[32:])
	dst = eip712.AppendStruct(dst, rawStruct{TokenPermissionsType.TypeHash(), perm[:]})
	dst = eip712.AppendAddress(dst, p.Order.Order.OriginSettler)
	dst = eip712.AppendUint256(dst, &p.Order.Order.Nonce)
	dst = eip712.AppendUint64(dst, uint64(p.Order.Order.OpenDeadline))
	return eip712.AppendStruct(dst, &p.Order)
}

type rawStruct struct {
	th   interop.Hash
	data []byte
}

func (r rawStruct) TypeHash() interop.Hash       { return r.th }
func (r rawStruct) EncodeData(dst []byte) []byte { return append(dst, r.data...) }

// Permit2Domain is Permit2's EIP-712 domain: name "Permit2", the chain id and the Permit2
// contract; it has no version.
func Permit2Domain(chainID uint64, permit2 interop.Address) eip712.Domain {
	d := eip712.Domain{
		Fields:            eip712.DomainName | eip712.DomainChainID | eip712.DomainVerifyingContract,
		Name:              "Permit2",
		VerifyingContract: permit2,
	}
	d.ChainID.SetUint64(chainID)
	return d
}
