package auction

import "errors"

// Sentinel errors. Every error returned by this package wraps exactly one of them, with the
// offending values; test with errors.Is.
var (
	// ErrOverflow is an arithmetic result that does not fit its type: a checked uint256 or
	// int256 operation that would revert in Solidity ≥0.8, a FixedPointMathLib mulDiv whose
	// product exceeds 256 bits, or a CoW amount or score past 2^256-1.
	ErrOverflow = errors.New("auction: arithmetic overflow")
	// ErrEndBeforeStart is DutchDecayLib's EndTimeBeforeStartTime: decayEndTime ≤
	// decayStartTime while the amounts differ.
	ErrEndBeforeStart = errors.New("auction: decay end time not after start time")
	// ErrIncorrectAmounts is DutchDecayLib's IncorrectAmounts: an output that would rise or
	// an input that would fall over the decay.
	ErrIncorrectAmounts = errors.New("auction: decay direction incorrect for input or output")
	// ErrInvalidCurve is NonlinearDutchDecayLib's InvalidDecayCurve: more than 16 points.
	ErrInvalidCurve = errors.New("auction: invalid decay curve")
	// ErrNoExclusiveOverride is ExclusivityLib's NoExclusiveOverride: a filler without
	// filling rights on a strictly exclusive order.
	ErrNoExclusiveOverride = errors.New("auction: order is strictly exclusive to another filler")

	// ErrMalformed is JSON that does not follow the solver API's instance or solution schema.
	ErrMalformed = errors.New("auction: malformed auction JSON")
	// ErrTooLarge is an input whose size or element count is over this package's bounds.
	ErrTooLarge = errors.New("auction: input too large")
	// ErrUnknownOrder is a trade that names an order uid absent from the auction.
	ErrUnknownOrder = errors.New("auction: trade for an order not in the auction")
	// ErrDuplicateTrade is an order traded more than once in one solution.
	ErrDuplicateTrade = errors.New("auction: order traded twice in one solution")
	// ErrUnknownToken is a clearing price for a token that is not in the auction.
	ErrUnknownToken = errors.New("auction: price for a token not in the auction")
	// ErrNonUniformPrice is a token given more than one clearing price in one solution.
	ErrNonUniformPrice = errors.New("auction: token has more than one clearing price")
	// ErrMissingPrice is a traded token without a clearing price, or a zero price.
	ErrMissingPrice = errors.New("auction: traded token has no usable clearing price")
	// ErrInvalidExecution is an executed amount that a fill-or-kill order does not match,
	// that exceeds a partially fillable order, or is zero.
	ErrInvalidExecution = errors.New("auction: invalid executed amount")
	// ErrInvalidFee is a solver fee on an order whose fee the protocol fixes, or a missing
	// one on an order whose fee the solver must set.
	ErrInvalidFee = errors.New("auction: invalid trade fee")
	// ErrLimitPrice is a trade that gives the order less than its signed limit price.
	ErrLimitPrice = errors.New("auction: limit price not respected")
	// ErrUnsupportedTrade is a trade kind this package does not settle (JIT orders).
	ErrUnsupportedTrade = errors.New("auction: unsupported trade kind")
	// ErrMissingNativePrice is a surplus token without a reference (native) price, so the
	// trade's score cannot be computed.
	ErrMissingNativePrice = errors.New("auction: surplus token has no reference price")

	// ErrNoBids is a selection over no (fair) bids.
	ErrNoBids = errors.New("auction: no bids")
	// ErrDuplicateBid is two bids with the same solver and solution id.
	ErrDuplicateBid = errors.New("auction: duplicate bid")
	// ErrDuplicatePair is one bid scoring the same directed token pair twice.
	ErrDuplicatePair = errors.New("auction: directed token pair scored twice in one bid")
)
