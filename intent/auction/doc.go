// Package auction evaluates the auctions that decide who fills an intent and at what price:
// UniswapX Dutch decay and exclusivity, CoW Protocol batch-auction solutions, and the
// selection of winning solvers.
//
// It is a subpackage of intent because it needs none of the ERC-7683 or EIP-712 machinery:
// amounts are uint256.Int, tokens and solvers interop.Address, and an order type from any
// settlement system can be priced with it.
//
// # UniswapX (Uniswap/UniswapX @52299e91)
//
// Linear.At is DutchDecayLib.decay (V1 DutchOrder, ExclusiveDutchOrder, V2DutchOrder):
// linear between decayStartTime and decayEndTime, the change rounded down, the amounts
// passed through int256 as the reference casts them — except that an amount past 2^255-1,
// which that cast turns negative, is refused (ErrOverflow) mid-decay rather than decayed to
// a value outside [start, end]. Curve is the V3DutchOrder
// NonlinearDutchDecay: up to 16 points of relative amounts over uint16 block offsets,
// rounded in the swapper's favour by v3LinearOutputDecay / v3LinearInputDecay, then
// MathExt.boundedSub into [minAmount, 2^256-1] for outputs or [0, maxAmount] for inputs.
// HasFillingRights and ExclusiveOverride are ExclusivityLib: a filler without rights pays
// mulDivUp(amount, 10000+bps, 10000) on every output, or is refused when bps is 0.
// Every revert of the reference (EndTimeBeforeStartTime, IncorrectAmounts,
// InvalidDecayCurve, NoExclusiveOverride, checked-arithmetic panics and FixedPointMathLib's
// mulDiv overflow) is a wrapped sentinel error here; nothing wraps silently.
//
// The rounding of DutchDecayLib changed twice in the reference's history (rising amounts
// were rounded up between 0e7be6ec and e4bd92a2); this package follows HEAD, where the
// change is always rounded down. A reactor compiled from that window rounds rising inputs
// one unit higher.
//
// # CoW Protocol (cowprotocol/services, cowprotocol/contracts GPv2Settlement)
//
// DecodeAuction and DecodeSolutions read the solver engine API's JSON
// (crates/solvers/openapi.yml). Validate checks a solution against its auction — uniform
// clearing prices per token, executed amounts, the settlement contract's limit-price check
// and the driver's surplus — and Score sums the CIP-38 score in native wei. Protocol fees
// (feePolicies) are decoded as a count but not scored; JIT trades are refused with
// ErrUnsupportedTrade; interactions are not simulated.
//
// # Solver selection
//
// SelectWinner picks the best score; SelectCombinatorial runs CIP-67's fair combinatorial
// auction (baseline filter, winners on disjoint directed token pairs, reference scores).
// Ties are broken by keccak256(seed ‖ solver ‖ solution id), so the outcome depends on the
// bids and the seed, never on their order.
//
// # Resource bounds
//
// Every limit is checked before the memory it guards is allocated, and exceeding one is
// ErrTooLarge:
//
//   - DecodeAuction, DecodeSolutions, DecodeSolution: at most MaxJSONSize bytes,
//     MaxJSONDepth levels, MaxTokens tokens or prices, MaxOrders orders, MaxTrades
//     trades, MaxSolutions solutions; time O(n log n), memory O(n) in the document size
//     (at most 50 bytes allocated per input byte in the hostile shapes of
//     TestBoundsAllocPerInputByte). A member named twice in one object, in any letter
//     case, or a member the decoders read spelled in another case, is ErrMalformed, so
//     no document reads differently here and in serde.
//   - Validate: O((prices + trades) · log orders) time, one Execution per trade.
//   - Score, TradeScore, Linear, Curve (≤ MaxCurvePoints points), ExclusiveOverride,
//     ParseAmount, ParseInt256 (≤ 78 digits): constant work per item, no allocation.
//   - PairScores: O(n) with a map past 16 pairs.
//   - Bid.Score: at most MaxBidPairs pairs, O(n log n) (sorted keys, 40 bytes per pair).
//   - Rank, SelectWinner: at most MaxBids bids and MaxSelectionPairs pairs in all,
//     O(P log P).
//   - SelectCombinatorial: as Rank for steps a)–d); the reference scores of e) visit at
//     most MaxSelectionWork pairs over all re-runs (about 0.2 s), else ErrTooLarge.
//
// # Concurrency
//
// All functions are pure and safe for concurrent use; they start no goroutines. Decoded
// Auction and Solution values, Linear, Curve and Bid slices are safe for concurrent reads
// (TestConcurrentAuction, TestConcurrentLinear, TestConcurrentBids); ExclusiveOverride
// writes its outputs slice, and Validate and PairScores append to dst, which the caller
// must not share.
package auction
