package auction

import (
	"fmt"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
)

// Execution is one validated trade: what the user gives and gets, fees included, and the
// surplus over the order's limit price.
type Execution struct {
	Order    *Order
	Executed uint256.Int // executedAmount as the solver reported it
	Fee      uint256.Int // solver fee in sell token (zero for protocol-fee orders)
	Sold     uint256.Int // sell token leaving the user, fee included
	Bought   uint256.Int // buy token reaching the user
	// Surplus is in SurplusToken: buy token for sell orders, sell token for buy orders.
	Surplus uint256.Int
}

// SurplusToken is the token Surplus is denominated in.
func (e *Execution) SurplusToken() interop.Address {
	if e.Order.Kind == Sell {
		return e.Order.BuyToken
	}
	return e.Order.SellToken
}

// Validate checks a solution against its auction, appends one Execution per trade to dst and
// returns it. The checks, in order, per trade (the cheap lookups first, arithmetic last):
//
//	a) the trade is a fulfillment (ErrUnsupportedTrade) of an auction order (ErrUnknownOrder),
//	   traded once in the solution (ErrDuplicateTrade);
//	b) the fee is present exactly for orders whose fee the solver sets (ErrInvalidFee);
//	c) the executed amount, plus the fee for sell orders, is nonzero and equals the available
//	   amount of a fill-or-kill order or does not exceed that of a partially fillable one
//	   (ErrInvalidExecution; cowprotocol/services driver Fulfillment::new);
//	d) both tokens have a nonzero clearing price (ErrMissingPrice);
//	e) the traded amounts at the uniform prices, as the driver and GPv2Settlement compute them:
//	   a sell order sells executed+fee and buys ceil(executed·p[sell]/p[buy]); a buy order buys
//	   executed and sells floor(executed·p[buy]/p[sell])+fee; 256-bit overflow is ErrOverflow;
//	f) GPv2Settlement's limit check on the signed amounts,
//	   fullSellAmount·bought ≥ fullBuyAmount·sold, with its SafeMath overflow (ErrLimitPrice,
//	   ErrOverflow), and a non-negative surplus over the available amounts' limit
//	   (ErrLimitPrice): sell orders bought - ceil(buyAmount·(executed+fee)/sellAmount), buy
//	   orders floor(sellAmount·executed/buyAmount) - sold.
//
// Every clearing price must be for an auction token (ErrUnknownToken); DecodeSolution has
// already refused a token priced twice (ErrNonUniformPrice).
//
// Bound: time O((P + T) log N) for P prices, T trades and N orders and tokens (binary
// searches); memory one Execution per trade appended to dst, plus a bitset of N/8 bytes
// when T > 64 (a duplicate trade is found in O(1) either way).
func Validate(a *Auction, s *Solution, dst []Execution) ([]Execution, error) {
	for i := range s.Prices {
		if _, ok := a.Token(s.Prices[i].Token); !ok {
			return dst, fmt.Errorf("%w: %s", ErrUnknownToken, s.Prices[i].Token)
		}
	}
	for i := 1; i < len(s.Prices); i++ {
		if s.Prices[i].Token == s.Prices[i-1].Token {
			return dst, fmt.Errorf("%w: %s", ErrNonUniformPrice, s.Prices[i].Token)
		}
	}
	var seen []uint64
	if len(s.Trades) > 64 {
		seen = make([]uint64, (len(a.Orders)+63)/64)
	}
	base := len(dst)
	for i := range s.Trades {
		tr := &s.Trades[i]
		if tr.Kind != "fulfillment" {
			return dst, fmt.Errorf("trade %d: %w: %q", i, ErrUnsupportedTrade, tr.Kind)
		}
		o, idx, ok := a.Order(&tr.Order)
		if !ok {
			return dst, fmt.Errorf("trade %d: %w: %s", i, ErrUnknownOrder, tr.Order)
		}
		if seen != nil {
			if seen[idx/64]&(1<<(idx%64)) != 0 {
				return dst, fmt.Errorf("trade %d: %w: %s", i, ErrDuplicateTrade, tr.Order)
			}
			seen[idx/64] |= 1 << (idx % 64)
		} else {
			for j := base; j < len(dst); j++ {
				if dst[j].Order == o {
					return dst, fmt.Errorf("trade %d: %w: %s", i, ErrDuplicateTrade, tr.Order)
				}
			}
		}
		dst = append(dst, Execution{Order: o})
		if err := execute(&dst[len(dst)-1], tr, s); err != nil {
			return dst[:len(dst)-1], fmt.Errorf("trade %d (order %s): %w", i, tr.Order, err)
		}
	}
	return dst, nil
}

func execute(e *Execution, tr *Trade, s *Solution) error {
	o := e.Order
	if tr.HasFee != o.SolverFee {
		return fmt.Errorf("%w: fee given %v, order class wants solver fee %v", ErrInvalidFee, tr.HasFee, o.SolverFee)
	}
	e.Executed, e.Fee = tr.ExecutedAmount, tr.Fee
	// c) executed amount against the available amount.
	var target, withFee uint256.Int
	if o.Kind == Sell {
		target = o.SellAmount
		if _, over := withFee.AddOverflow(&e.Executed, &e.Fee); over {
			return fmt.Errorf("%w: executed %s + fee %s overflows", ErrInvalidExecution, e.Executed.Dec(), e.Fee.Dec())
		}
	} else {
		target = o.BuyAmount
		withFee = e.Executed
	}
	if e.Executed.IsZero() {
		return fmt.Errorf("%w: zero executed amount", ErrInvalidExecution)
	}
	if o.PartiallyFillable && withFee.Gt(&target) || !o.PartiallyFillable && !withFee.Eq(&target) {
		return fmt.Errorf("%w: executed %s (fee included) against available %s, partially fillable %v", ErrInvalidExecution, withFee.Dec(), target.Dec(), o.PartiallyFillable)
	}
	// d) uniform prices.
	ps, ok := s.Price(o.SellToken)
	if !ok || ps.IsZero() {
		return fmt.Errorf("%w: sell token %s", ErrMissingPrice, o.SellToken)
	}
	pb, ok := s.Price(o.BuyToken)
	if !ok || pb.IsZero() {
		return fmt.Errorf("%w: buy token %s", ErrMissingPrice, o.BuyToken)
	}
	// e) traded amounts.
	var p, r uint256.Int
	if o.Kind == Sell {
		e.Sold = withFee
		if _, over := p.MulOverflow(&e.Executed, ps); over {
			return fmt.Errorf("%w: executed %s * price %s", ErrOverflow, e.Executed.Dec(), ps.Dec())
		}
		// GPv2Settlement computes a sell order's buy amount rounded up, for the user.
		e.Bought.DivMod(&p, pb, &r)
		if !r.IsZero() {
			e.Bought.AddUint64(&e.Bought, 1)
		}
	} else {
		e.Bought = e.Executed
		if _, over := p.MulOverflow(&e.Executed, pb); over {
			return fmt.Errorf("%w: executed %s * price %s", ErrOverflow, e.Executed.Dec(), pb.Dec())
		}
		// A buy order's sell amount is rounded down, for the user.
		e.Sold.Div(&p, ps)
		if _, over := e.Sold.AddOverflow(&e.Sold, &e.Fee); over {
			return fmt.Errorf("%w: sell amount plus fee %s", ErrOverflow, e.Fee.Dec())
		}
	}
	// f) GPv2Settlement: order.sellAmount.mul(sellPrice) >= order.buyAmount.mul(buyPrice), where
	// the custom prices are (sellPrice, buyPrice) = (bought, sold).
	var lhs, rhs uint256.Int
	if _, over := lhs.MulOverflow(&o.FullSellAmount, &e.Bought); over {
		return fmt.Errorf("%w: limit check fullSellAmount %s * bought %s", ErrOverflow, o.FullSellAmount.Dec(), e.Bought.Dec())
	}
	if _, over := rhs.MulOverflow(&o.FullBuyAmount, &e.Sold); over {
		return fmt.Errorf("%w: limit check fullBuyAmount %s * sold %s", ErrOverflow, o.FullBuyAmount.Dec(), e.Sold.Dec())
	}
	if lhs.Lt(&rhs) {
		return fmt.Errorf("%w: sells %s for %s, signed %s for %s", ErrLimitPrice, e.Sold.Dec(), e.Bought.Dec(), o.FullSellAmount.Dec(), o.FullBuyAmount.Dec())
	}
	// Surplus over the limit (driver surplus_over_reference_price).
	var limit uint256.Int
	if o.Kind == Sell {
		if err := mulDiv(&limit, &o.BuyAmount, &withFee, &o.SellAmount, true); err != nil {
			return fmt.Errorf("surplus limit: %w", err)
		}
		if _, under := e.Surplus.SubOverflow(&e.Bought, &limit); under {
			return fmt.Errorf("%w: buys %s, limit %s", ErrLimitPrice, e.Bought.Dec(), limit.Dec())
		}
	} else {
		if err := mulDiv(&limit, &o.SellAmount, &e.Executed, &o.BuyAmount, false); err != nil {
			return fmt.Errorf("surplus limit: %w", err)
		}
		if _, under := e.Surplus.SubOverflow(&limit, &e.Sold); under {
			return fmt.Errorf("%w: sells %s, limit %s", ErrLimitPrice, e.Sold.Dec(), limit.Dec())
		}
	}
	return nil
}

// nativeUnit is 1e18: reference prices are wei per 1e18 base units.
var nativeUnit = uint256.Int{1_000_000_000_000_000_000, 0, 0, 0}

// TradeScore is one execution's CIP-38 score in native wei: its surplus in buy token,
// times the buy token's reference price, over 1e18. A buy order's surplus (in sell token)
// is first converted at the signed limit ratio, surplus·fullBuyAmount/fullSellAmount, with a
// 512-bit intermediate. Protocol fees are not added: the feePolicies of the solver API are
// counted (Order.FeePolicies) but not evaluated. A missing reference price is
// ErrMissingNativePrice; a score past 2^256-1 is ErrOverflow. Constant work (512-bit
// intermediates), no allocation.
func TradeScore(a *Auction, e *Execution) (uint256.Int, error) {
	var z uint256.Int
	o := e.Order
	tok, ok := a.Token(o.BuyToken)
	if !ok || !tok.HasReferencePrice {
		return z, fmt.Errorf("%w: %s", ErrMissingNativePrice, o.BuyToken)
	}
	surplus := e.Surplus
	if o.Kind == Buy {
		if o.FullSellAmount.IsZero() {
			return z, fmt.Errorf("%w: buy order with zero sell amount", ErrLimitPrice)
		}
		if _, over := surplus.MulDivOverflow(&e.Surplus, &o.FullBuyAmount, &o.FullSellAmount); over {
			return z, fmt.Errorf("%w: surplus in buy token", ErrOverflow)
		}
	}
	if _, over := z.MulDivOverflow(&surplus, &tok.ReferencePrice, &nativeUnit); over {
		return z, fmt.Errorf("%w: native surplus %s * %s", ErrOverflow, surplus.Dec(), tok.ReferencePrice.Dec())
	}
	return z, nil
}

// Score is the CIP-38 score of validated executions: the sum of their TradeScore. Work
// O(n), no allocation.
func Score(a *Auction, execs []Execution) (uint256.Int, error) {
	var total uint256.Int
	for i := range execs {
		s, err := TradeScore(a, &execs[i])
		if err != nil {
			return uint256.Int{}, fmt.Errorf("trade %d: %w", i, err)
		}
		if _, over := total.AddOverflow(&total, &s); over {
			return uint256.Int{}, fmt.Errorf("%w: total score", ErrOverflow)
		}
	}
	return total, nil
}

// PairScores aggregates the executions' scores per directed token pair (sell, buy), as the
// fair combinatorial auction compares them, appending to dst in first-seen order. Work
// O(n) in the n executions (a map from pair to entry past 16 pairs); memory O(pairs).
func PairScores(a *Auction, execs []Execution, dst []PairScore) ([]PairScore, error) {
	return pairScores(a, execs, dst, nil)
}

func pairScores(a *Auction, execs []Execution, dst []PairScore, m *meter) ([]PairScore, error) {
	base := len(dst)
	var index map[pairKey]int
	for i := range execs {
		s, err := TradeScore(a, &execs[i])
		if err != nil {
			return dst, fmt.Errorf("trade %d: %w", i, err)
		}
		o := execs[i].Order
		p := PairScore{Sell: o.SellToken, Buy: o.BuyToken}
		j := -1
		if index != nil {
			m.add(1)
			if k, ok := index[keyOf(&p)]; ok {
				j = k
			}
		} else {
			for k := base; k < len(dst); k++ {
				m.add(1)
				if dst[k].Sell == p.Sell && dst[k].Buy == p.Buy {
					j = k
					break
				}
			}
		}
		if j < 0 {
			j = len(dst)
			dst = append(dst, p)
			if index != nil {
				index[keyOf(&p)] = j
			} else if len(dst)-base > smallBid {
				index = make(map[pairKey]int, 2*(len(dst)-base))
				m.add(len(dst) - base)
				for k := base; k < len(dst); k++ {
					index[keyOf(&dst[k])] = k
				}
			}
		}
		if _, over := dst[j].Score.AddOverflow(&dst[j].Score, &s); over {
			return dst, fmt.Errorf("%w: pair score", ErrOverflow)
		}
	}
	return dst, nil
}
