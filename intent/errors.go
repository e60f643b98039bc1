package intent

import "errors"

// Sentinel errors. Every error the package returns wraps one of them (and, for ABI faults,
// the internal ABI error as well) with the offending value; test with errors.Is.
var (
	// ErrMalformed: ABI bytes that are not the canonical encoding of the expected order,
	// order data or event (short input, non-canonical word or offset, trailing bytes).
	ErrMalformed = errors.New("intent: malformed ABI encoding")
	// ErrTooLarge: a list or byte string over this package's bounds (MaxOutputs,
	// MaxFillInstructions, MaxDataSize).
	ErrTooLarge = errors.New("intent: input too large")
	// ErrOverflow: an amount or chain id that does not fit where it must go (a chain id
	// past 2^64-1, a uint64 FillInstruction chain id in the Across variant, a decay that
	// overflows int256 as the reference computes it).
	ErrOverflow = errors.New("intent: integer overflow")
	// ErrInvalidOrder: an order whose fields contradict each other or its order data (zero
	// amounts, a rising output, an orderDataType the resolver does not read).
	ErrInvalidOrder = errors.New("intent: invalid order")
	// ErrExpired: an order opened after its openDeadline.
	ErrExpired = errors.New("intent: order expired")
	// ErrWrongChain: a chain id that differs from the one required: the EIP-712 domain's
	// chainId against the order's originChainId, the chain an order is opened on, the
	// destination chain of a fill or of one of its outputs.
	ErrWrongChain = errors.New("intent: wrong chain")
	// ErrWrongSettler: a domain's verifyingContract that is not the order's originSettler,
	// or a fill event emitted by a contract other than the fill instruction's
	// destinationSettler.
	ErrWrongSettler = errors.New("intent: wrong settler contract")
	// ErrBadSignature: a signature that does not recover to the order's user.
	ErrBadSignature = errors.New("intent: signature does not match the user")
	// ErrNoRoot: no trusted root for the fill's block, or one not final enough.
	ErrNoRoot = errors.New("intent: no trusted root for the fill")
	// ErrInvalidProof: a receipt proof that does not prove a receipt under the trusted root.
	ErrInvalidProof = errors.New("intent: invalid fill receipt proof")
	// ErrFillReverted: the proven fill transaction failed.
	ErrFillReverted = errors.New("intent: fill transaction reverted")
	// ErrNoFillEvent: the proven receipt has no OrderFilled log at the given index, or the
	// log is not an OrderFilled event.
	ErrNoFillEvent = errors.New("intent: no fill event")
	// ErrWrongOrder: a fill or Open event for a different orderId.
	ErrWrongOrder = errors.New("intent: event is for another order")
	// ErrLateFill: a fill after the order's fillDeadline.
	ErrLateFill = errors.New("intent: filled after the fill deadline")
	// ErrWrongToken: a filled output in another token than promised.
	ErrWrongToken = errors.New("intent: wrong output token")
	// ErrWrongRecipient: a filled output paid to another recipient than promised.
	ErrWrongRecipient = errors.New("intent: wrong output recipient")
	// ErrShortFill: a filled output below the amount owed at fill time, or a fill with
	// fewer or more outputs than the order promises on that chain.
	ErrShortFill = errors.New("intent: fill short of the promised outputs")
	// ErrNotExpired: a refund asked for before the fill deadline has passed.
	ErrNotExpired = errors.New("intent: fill deadline not yet passed")
)
