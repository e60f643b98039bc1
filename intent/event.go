package intent

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/abi"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/proof/mpt"
)

// Canonical event signatures (Solidity ABI spec: tuples written as their component types).
const (
	outputTuple = "(bytes32,uint256,bytes32,uint256)"
	// OpenSignature is ERC-7683's
	// event Open(bytes32 indexed orderId, ResolvedCrossChainOrder resolvedOrder)
	// with the final text's uint256 destinationChainId.
	OpenSignature = "Open(bytes32,(address,uint256,uint32,uint32,bytes32," + outputTuple + "[]," + outputTuple + "[],(uint256,bytes32,bytes)[]))"
	// OpenSignatureUint64 is the Open event of the Uint64ChainID variant (Across).
	OpenSignatureUint64 = "Open(bytes32,(address,uint256,uint32,uint32,bytes32," + outputTuple + "[]," + outputTuple + "[],(uint64,bytes32,bytes)[]))"
	// FilledSignature is the fill event this package verifies (see VerifyFill):
	//
	//	event OrderFilled(bytes32 indexed orderId, bytes32 indexed solver, uint32 fillTimestamp, Output[] outputs)
	FilledSignature = "OrderFilled(bytes32,bytes32,uint32," + outputTuple + "[])"
)

func topic(sig string) interop.Hash {
	return keccak.Sum256String(sig)
}

var (
	openTopics  = [2]interop.Hash{Uint256ChainID: topic(OpenSignature), Uint64ChainID: topic(OpenSignatureUint64)}
	filledTopic = topic(FilledSignature)
)

// OpenTopic returns topic 0 of the Open event in the variant: keccak256 of its signature.
func OpenTopic(v Variant) interop.Hash { return openTopics[v&1] }

// FilledTopic returns topic 0 of the OrderFilled event.
func FilledTopic() interop.Hash { return filledTopic }

// OpenLog returns the Open event an origin settler at settler emits for r: topics
// [OpenTopic, orderId], data abi.encode(resolvedOrder).
func OpenLog(settler interop.Address, r *ResolvedCrossChainOrder) mpt.Log {
	return mpt.Log{
		Address: settler,
		Topics:  []interop.Hash{OpenTopic(r.Variant), r.OrderID},
		Data:    r.AppendABI(nil),
	}
}

// DecodeOpen decodes an Open event in the variant: exactly two topics, the first the
// variant's OpenTopic (ErrMalformed otherwise), the data the
// canonical encoding of the resolved order, and the indexed orderId equal to
// resolvedOrder.orderId (ErrWrongOrder). Bounds as DecodeResolvedCrossChainOrderABI.
func DecodeOpen(log *mpt.Log, v Variant) (ResolvedCrossChainOrder, error) {
	var r ResolvedCrossChainOrder
	if len(log.Topics) != 2 || log.Topics[0] != OpenTopic(v) {
		return r, fmt.Errorf("%w: not an Open event (%s): %d topics", ErrMalformed, v, len(log.Topics))
	}
	if err := r.decodeABI(log.Data, v); err != nil {
		return r, err
	}
	if r.OrderID != log.Topics[1] {
		return r, fmt.Errorf("%w: indexed orderId %s, resolved orderId %s", ErrWrongOrder, log.Topics[1], r.OrderID)
	}
	return r, nil
}

// Fill is a decoded OrderFilled event.
type Fill struct {
	Settler  interop.Address // the contract that emitted it
	OrderID  interop.Hash
	Solver   interop.Hash // the filler's repayment account on the origin chain
	FillTime uint32       // block.timestamp of the fill on the destination chain
	Outputs  []Output     // what the settler transferred: token, amount, recipient, chain
}

// FillLog returns the OrderFilled event a destination settler at f.Settler emits.
func FillLog(f *Fill) mpt.Log {
	e := abi.NewEncoder(nil, 2)
	e.Uint64(uint64(f.FillTime))
	encodeOutputs(&e, f.Outputs)
	return mpt.Log{
		Address: f.Settler,
		Topics:  []interop.Hash{filledTopic, f.OrderID, f.Solver},
		Data:    e.Finish(),
	}
}

// DecodeFill decodes an OrderFilled event: three topics, the first FilledTopic
// (ErrNoFillEvent), and data abi.encode(uint32 fillTimestamp, Output[] outputs) in
// canonical form (ErrMalformed, ErrTooLarge). Bound: at most MaxOutputs outputs, within
// log.Data; time and memory O(len(log.Data)).
func DecodeFill(log *mpt.Log) (Fill, error) {
	f := Fill{Settler: log.Address}
	if len(log.Topics) != 3 || log.Topics[0] != filledTopic {
		return f, fmt.Errorf("%w: log of %s with %d topics is not OrderFilled", ErrNoFillEvent, log.Address, len(log.Topics))
	}
	f.OrderID, f.Solver = log.Topics[1], log.Topics[2]
	d, err := abi.NewDecoder(log.Data, 2)
	if err != nil {
		return f, malformed("OrderFilled", err)
	}
	t, err := d.Uint(32)
	if err != nil {
		return f, malformed("OrderFilled.fillTimestamp", err)
	}
	f.FillTime = uint32(t)
	if f.Outputs, err = decodeOutputs(&d, "OrderFilled.outputs"); err != nil {
		return f, err
	}
	if err := d.Finish(); err != nil {
		return f, malformed("OrderFilled", err)
	}
	return f, nil
}
