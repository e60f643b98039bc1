package auction

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
)

// Bounds on decoded solver-API documents, checked before the bulk of the work.
const (
	MaxJSONSize  = 64 << 20 // bytes of one auction or solutions document
	MaxOrders    = 1 << 16  // orders in one auction
	MaxTokens    = 1 << 16  // tokens in one auction, prices in one solution
	MaxTrades    = 1 << 16  // trades in one solution
	MaxSolutions = 1 << 10  // solutions in one response
	MaxJSONDepth = 1 << 9   // nesting of arrays and objects, unknown members included
)

// OrderUID is a CoW Protocol order uid: orderDigest (32) ‖ owner (20) ‖ validTo (4, big-endian).
type OrderUID [56]byte

// String returns the uid as 0x-prefixed lower-case hex.
func (u OrderUID) String() string { return interop.EncodeHex(u[:]) }

// OrderKind is an order's side: a sell order fixes the sell amount, a buy order the buy amount.
type OrderKind uint8

const (
	Sell OrderKind = iota
	Buy
)

// Token is one entry of the auction's token map.
type Token struct {
	Address interop.Address
	// ReferencePrice is the native (wei) price of 1e18 base units; HasReferencePrice is false
	// when the API sent null, and then the token's surplus cannot be scored.
	ReferencePrice    uint256.Int
	HasReferencePrice bool
	Decimals          int // -1 when absent or null
	Trusted           bool
}

// Order is one order of an auction, as the solver API gives it. SellAmount and BuyAmount
// are what is still available; FullSellAmount and FullBuyAmount are the signed amounts.
type Order struct {
	UID                           OrderUID
	SellToken, BuyToken           interop.Address
	SellAmount, BuyAmount         uint256.Int
	FullSellAmount, FullBuyAmount uint256.Int
	Kind                          OrderKind
	PartiallyFillable             bool
	// SolverFee is set for "limit" class orders, whose fee the solver computes and reports
	// on the trade; "market" and "liquidity" orders carry a protocol fee and no trade fee.
	SolverFee   bool
	Owner       interop.Address
	ValidTo     uint32
	FeePolicies int // count of protocol fee policies (decoded, not scored)
}

// Auction is a solver-API auction (the POST /solve body of cowprotocol/services
// crates/solvers/openapi.yml). Tokens are sorted by address and Orders by uid, so lookups
// are binary searches; liquidity is not decoded.
type Auction struct {
	ID     string
	Tokens []Token
	Orders []Order
}

// Price is one uniform clearing price of a solution.
type Price struct {
	Token interop.Address
	Price uint256.Int
}

// Trade is one trade of a solution. Kind is "fulfillment" or "jit"; only fulfillments are
// validated here.
type Trade struct {
	Kind           string
	Order          OrderUID
	ExecutedAmount uint256.Int
	Fee            uint256.Int
	HasFee         bool
}

// Solution is one solution of a solver-API response. Prices are sorted by token and hold
// each token once.
type Solution struct {
	ID     uint64
	Prices []Price
	Trades []Trade
}

// Token returns the auction's entry for addr.
func (a *Auction) Token(addr interop.Address) (*Token, bool) {
	lo, hi := 0, len(a.Tokens)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(a.Tokens[m].Address[:], addr[:]) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(a.Tokens) && a.Tokens[lo].Address == addr {
		return &a.Tokens[lo], true
	}
	return nil, false
}

// Order returns the auction's order with the given uid and its index in Orders.
func (a *Auction) Order(uid *OrderUID) (*Order, int, bool) {
	lo, hi := 0, len(a.Orders)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(a.Orders[m].UID[:], uid[:]) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(a.Orders) && a.Orders[lo].UID == *uid {
		return &a.Orders[lo], lo, true
	}
	return nil, 0, false
}

// Price returns the solution's clearing price for token.
func (s *Solution) Price(token interop.Address) (*uint256.Int, bool) {
	lo, hi := 0, len(s.Prices)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(s.Prices[m].Token[:], token[:]) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(s.Prices) && s.Prices[lo].Token == token {
		return &s.Prices[lo].Price, true
	}
	return nil, false
}

type rawToken struct {
	Decimals       *int    `json:"decimals"`
	ReferencePrice *string `json:"referencePrice"`
	Trusted        bool    `json:"trusted"`
}

type rawOrder struct {
	UID               *string      `json:"uid"`
	SellToken         *string      `json:"sellToken"`
	BuyToken          *string      `json:"buyToken"`
	SellAmount        *string      `json:"sellAmount"`
	BuyAmount         *string      `json:"buyAmount"`
	FullSellAmount    *string      `json:"fullSellAmount"`
	FullBuyAmount     *string      `json:"fullBuyAmount"`
	Kind              *string      `json:"kind"`
	PartiallyFillable bool         `json:"partiallyFillable"`
	Class             *string      `json:"class"`
	Owner             *string      `json:"owner"`
	ValidTo           *uint32      `json:"validTo"`
	FeePolicies       elementCount `json:"feePolicies"`
}

// elementCount decodes a JSON array (or null) as the number of its elements, keeping none
// of them: feePolicies are counted, not scored, and an attacker's million-entry list costs
// no memory.
type elementCount int

// UnmarshalJSON implements json.Unmarshaler. encoding/json hands it one complete, valid
// JSON value, so only depth and strings need tracking.
func (c *elementCount) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*c = 0
		return nil
	}
	if len(b) < 2 || b[0] != '[' {
		return fmt.Errorf("%w: feePolicies is not an array", ErrMalformed)
	}
	n, depth, inString, empty := 0, 0, false, true
	for i := 1; i < len(b)-1; i++ {
		ch := b[i]
		switch {
		case inString:
			if ch == '\\' {
				i++
			} else if ch == '"' {
				inString = false
			}
		case ch == '"':
			inString, empty = true, false
		case ch == '[' || ch == '{':
			depth++
			empty = false
		case ch == ']' || ch == '}':
			depth--
		case ch == ',' && depth == 0:
			n++
		case ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r':
			empty = false
		}
	}
	if !empty {
		n++
	}
	*c = elementCount(n)
	return nil
}

type rawAuction struct {
	ID     json.RawMessage `json:"id"`
	Tokens json.RawMessage `json:"tokens"`
	Orders json.RawMessage `json:"orders"`
}

type rawTrade struct {
	Kind           *string `json:"kind"`
	Order          *string `json:"order"`
	ExecutedAmount *string `json:"executedAmount"`
	Fee            *string `json:"fee"`
}

type rawSolution struct {
	ID     *uint64         `json:"id"`
	Prices json.RawMessage `json:"prices"`
	Trades json.RawMessage `json:"trades"`
}

// objectEach calls fn for each member of a JSON object, in document order, without
// merging duplicate keys (encoding/json would keep the last silently). At most max members.
func objectEach(raw json.RawMessage, what string, max int, fn func(key string, val json.RawMessage) error) error {
	if string(bytes.TrimSpace(raw)) == "{}" {
		return nil // the common empty case, without a decoder's buffers
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return fmt.Errorf("%w: %s is not an object", ErrMalformed, what)
	}
	n := 0
	for dec.More() {
		if n++; n > max {
			return fmt.Errorf("%w: more than %d %s entries", ErrTooLarge, max, what)
		}
		tok, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %s: %v", ErrMalformed, what, err)
		}
		key, ok := tok.(string)
		if !ok {
			return fmt.Errorf("%w: %s key %v", ErrMalformed, what, tok)
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return fmt.Errorf("%w: %s[%q]: %v", ErrMalformed, what, key, err)
		}
		if err := fn(key, val); err != nil {
			return err
		}
	}
	return nil
}

// arrayEach is objectEach for a JSON array.
func arrayEach(raw json.RawMessage, what string, max int, fn func(i int, val json.RawMessage) error) error {
	if string(bytes.TrimSpace(raw)) == "[]" {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('[') {
		return fmt.Errorf("%w: %s is not an array", ErrMalformed, what)
	}
	for i := 0; dec.More(); i++ {
		if i >= max {
			return fmt.Errorf("%w: more than %d %s", ErrTooLarge, max, what)
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return fmt.Errorf("%w: %s[%d]: %v", ErrMalformed, what, i, err)
		}
		if err := fn(i, val); err != nil {
			return err
		}
	}
	return nil
}

func parseAddress(s *string, what string) (interop.Address, error) {
	if s == nil {
		return interop.Address{}, fmt.Errorf("%w: missing %s", ErrMalformed, what)
	}
	a, err := interop.AddressFromHex(*s)
	if err != nil {
		return a, fmt.Errorf("%w: %s: %v", ErrMalformed, what, err)
	}
	return a, nil
}

func parseUID(s *string, what string) (OrderUID, error) {
	var u OrderUID
	if s == nil {
		return u, fmt.Errorf("%w: missing %s", ErrMalformed, what)
	}
	b, err := interop.DecodeHex(*s)
	if err != nil || len(b) != len(u) {
		return u, fmt.Errorf("%w: %s %.120q is not 56 bytes of hex", ErrMalformed, what, *s)
	}
	copy(u[:], b)
	return u, nil
}

func parseAmountField(s *string, what string) (uint256.Int, error) {
	if s == nil {
		return uint256.Int{}, fmt.Errorf("%w: missing %s", ErrMalformed, what)
	}
	v, err := parseDecimal(*s)
	if err != nil {
		return v, fmt.Errorf("%s: %w", what, err)
	}
	return v, nil
}

// checkDocument walks a whole JSON document once, before it is decoded, and refuses
// (ErrMalformed) nesting deeper than MaxJSONDepth and any object that names a key twice,
// compared in any letter case: encoding/json would keep the last of two equal keys and
// match keys case-insensitively, where the autopilot's serde refuses a duplicate field and
// reads keys exactly, so such a document could be read as different orders by the two.
// Time O(len(b)); memory O(len(b)) (the keys of the open objects and the tokens read).
func checkDocument(b []byte) error {
	type frame struct {
		object    bool
		expectKey bool
		few       []string            // the first 32 folded keys
		keys      map[string]struct{} // every folded key, once there are more
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []frame
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: %v", ErrMalformed, err)
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch v := tok.(type) {
		case json.Delim:
			switch v {
			case '{', '[':
				if len(stack) >= MaxJSONDepth {
					return fmt.Errorf("%w: nesting deeper than %d", ErrMalformed, MaxJSONDepth)
				}
				// Reuse the key buffers of the last object closed at this depth.
				if len(stack) < cap(stack) {
					stack = stack[:len(stack)+1]
				} else {
					stack = append(stack, frame{})
				}
				f := &stack[len(stack)-1]
				f.object, f.expectKey = v == '{', v == '{'
				f.few = f.few[:0]
				if f.keys != nil {
					clear(f.keys)
				}
			default:
				stack = stack[:len(stack)-1]
				if len(stack) > 0 && stack[len(stack)-1].object {
					stack[len(stack)-1].expectKey = true
				}
			}
		default:
			if top == nil || !top.object {
				continue
			}
			if !top.expectKey {
				top.expectKey = true // a scalar member value
				continue
			}
			key, _ := v.(string)
			top.expectKey = false
			if strings.HasPrefix(key, "0x") {
				// Address-keyed maps (tokens, prices) are read member by member by
				// objectEach, which refuses an address twice with its own error.
				continue
			}
			fold := foldKey(key)
			if name, ok := memberNames[fold]; ok && name != key {
				return fmt.Errorf("%w: key %.80q is %q in another letter case", ErrMalformed, key, name)
			}
			dup := false
			if len(top.few) < 32 {
				dup = slices.Contains(top.few, fold)
				top.few = append(top.few, fold)
			} else {
				if top.keys == nil {
					top.keys = make(map[string]struct{}, 64)
				}
				if len(top.keys) == 0 {
					for _, k := range top.few {
						top.keys[k] = struct{}{}
					}
				}
				_, dup = top.keys[fold]
				top.keys[fold] = struct{}{}
			}
			if dup {
				return fmt.Errorf("%w: key %.80q given twice in one object (letter case ignored)", ErrMalformed, key)
			}
		}
	}
}

// memberNames are the member names the decoders read, by folded name: encoding/json would
// bind a key in another letter case to them, serde would not, so such keys are refused.
var memberNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range []string{"id", "tokens", "orders", "decimals", "referencePrice", "trusted",
		"uid", "sellToken", "buyToken", "sellAmount", "buyAmount", "fullSellAmount", "fullBuyAmount",
		"kind", "partiallyFillable", "class", "owner", "validTo", "feePolicies",
		"solutions", "prices", "trades", "order", "executedAmount", "fee"} {
		m[foldKey(n)] = n
	}
	return m
}()

// foldKey maps a key to one representative of its case-folding class, the class
// encoding/json matches member names in (bytes.EqualFold: ſ matches s, the Kelvin sign k):
// each rune becomes the lower case of the least rune of its unicode.SimpleFold orbit, which
// is a rune's own value for lower-case ASCII, so ASCII keys without upper case come back
// unchanged and unallocated.
func foldKey(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(unicode.ToLower(least))
	}
	return b.String()
}

func unmarshalStrict(raw json.RawMessage, v any, what string) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrMalformed, what, err)
	}
	return nil
}

// DecodeAuction decodes a solver-API auction. It rejects, with ErrMalformed: invalid JSON,
// missing required order fields, addresses that are not 20 bytes of hex, uids that are not
// 56, amounts that are not canonical decimals, unknown kinds or classes, a token listed twice
// (in any letter case), an order uid listed twice, and an order whose tokens are not in the
// token map. Amounts past 2^256-1 are ErrOverflow; oversize input is ErrTooLarge.
//
// A member named twice in one object, in any letter case, is ErrMalformed (encoding/json
// would keep the last; the autopilot's serde refuses it), as is a member this decoder
// reads spelled in another letter case (encoding/json would bind it, serde would not) and
// nesting deeper than MaxJSONDepth.
//
// Bound: at most MaxJSONSize bytes (checked before any work), MaxJSONDepth levels,
// MaxTokens tokens and MaxOrders orders (counted while reading, before each is stored); fee
// policies are counted, not kept. Time O(n log n) in the input size n (a checking pass, a
// decoding pass, then sorts); memory O(n), measured at 14–22 bytes per input byte and at
// most 50 for any shape tried (TestBoundsAllocPerInputByte).
func DecodeAuction(b []byte) (*Auction, error) {
	if len(b) > MaxJSONSize {
		return nil, fmt.Errorf("%w: auction of %d bytes", ErrTooLarge, len(b))
	}
	if err := checkDocument(b); err != nil {
		return nil, fmt.Errorf("auction: %w", err)
	}
	var raw rawAuction
	if err := unmarshalStrict(b, &raw, "auction"); err != nil {
		return nil, err
	}
	a := &Auction{}
	if len(raw.ID) > 0 && string(raw.ID) != "null" {
		if err := unmarshalStrict(raw.ID, &a.ID, "auction id"); err != nil {
			return nil, err
		}
	}
	if raw.Tokens == nil || raw.Orders == nil {
		return nil, fmt.Errorf("%w: auction without tokens or orders", ErrMalformed)
	}
	err := objectEach(raw.Tokens, "tokens", MaxTokens, func(key string, val json.RawMessage) error {
		addr, err := parseAddress(&key, "token address")
		if err != nil {
			return err
		}
		var rt rawToken
		if err := unmarshalStrict(val, &rt, "token "+key); err != nil {
			return err
		}
		tok := Token{Address: addr, Decimals: -1, Trusted: rt.Trusted}
		if rt.Decimals != nil {
			if *rt.Decimals < 0 || *rt.Decimals > math.MaxUint8 {
				return fmt.Errorf("%w: token %s decimals %d", ErrMalformed, key, *rt.Decimals)
			}
			tok.Decimals = *rt.Decimals
		}
		if rt.ReferencePrice != nil {
			if tok.ReferencePrice, err = parseAmountField(rt.ReferencePrice, "referencePrice of "+key); err != nil {
				return err
			}
			tok.HasReferencePrice = true
		}
		a.Tokens = append(a.Tokens, tok)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortTokens(a.Tokens)
	for i := 1; i < len(a.Tokens); i++ {
		if a.Tokens[i].Address == a.Tokens[i-1].Address {
			return nil, fmt.Errorf("%w: token %s listed twice", ErrMalformed, a.Tokens[i].Address)
		}
	}
	err = arrayEach(raw.Orders, "orders", MaxOrders, func(i int, val json.RawMessage) error {
		var ro rawOrder
		if err := unmarshalStrict(val, &ro, fmt.Sprintf("order %d", i)); err != nil {
			return err
		}
		o, err := convertOrder(&ro)
		if err != nil {
			return fmt.Errorf("order %d: %w", i, err)
		}
		if _, ok := a.Token(o.SellToken); !ok {
			return fmt.Errorf("%w: order %d sell token %s not in the token map", ErrMalformed, i, o.SellToken)
		}
		if _, ok := a.Token(o.BuyToken); !ok {
			return fmt.Errorf("%w: order %d buy token %s not in the token map", ErrMalformed, i, o.BuyToken)
		}
		a.Orders = append(a.Orders, o)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortOrders(a.Orders)
	for i := 1; i < len(a.Orders); i++ {
		if a.Orders[i].UID == a.Orders[i-1].UID {
			return nil, fmt.Errorf("%w: order %s listed twice", ErrMalformed, a.Orders[i].UID)
		}
	}
	return a, nil
}

func convertOrder(ro *rawOrder) (Order, error) {
	var o Order
	var err error
	if o.UID, err = parseUID(ro.UID, "uid"); err != nil {
		return o, err
	}
	if o.SellToken, err = parseAddress(ro.SellToken, "sellToken"); err != nil {
		return o, err
	}
	if o.BuyToken, err = parseAddress(ro.BuyToken, "buyToken"); err != nil {
		return o, err
	}
	if o.SellAmount, err = parseAmountField(ro.SellAmount, "sellAmount"); err != nil {
		return o, err
	}
	if o.BuyAmount, err = parseAmountField(ro.BuyAmount, "buyAmount"); err != nil {
		return o, err
	}
	o.FullSellAmount, o.FullBuyAmount = o.SellAmount, o.BuyAmount
	if ro.FullSellAmount != nil {
		if o.FullSellAmount, err = parseAmountField(ro.FullSellAmount, "fullSellAmount"); err != nil {
			return o, err
		}
	}
	if ro.FullBuyAmount != nil {
		if o.FullBuyAmount, err = parseAmountField(ro.FullBuyAmount, "fullBuyAmount"); err != nil {
			return o, err
		}
	}
	if ro.Kind == nil {
		return o, fmt.Errorf("%w: missing kind", ErrMalformed)
	}
	switch *ro.Kind {
	case "sell":
		o.Kind = Sell
	case "buy":
		o.Kind = Buy
	default:
		return o, fmt.Errorf("%w: kind %.20q", ErrMalformed, *ro.Kind)
	}
	if ro.Class != nil {
		switch *ro.Class {
		case "limit":
			o.SolverFee = true
		case "market", "liquidity":
		default:
			return o, fmt.Errorf("%w: class %.20q", ErrMalformed, *ro.Class)
		}
	}
	if ro.Owner != nil {
		if o.Owner, err = parseAddress(ro.Owner, "owner"); err != nil {
			return o, err
		}
	}
	if ro.ValidTo != nil {
		o.ValidTo = *ro.ValidTo
	}
	o.PartiallyFillable = ro.PartiallyFillable
	o.FeePolicies = int(ro.FeePolicies)
	return o, nil
}

// DecodeSolutions decodes a solver-API response {"solutions": [...]}. Besides the checks of
// DecodeAuction's kind, a token priced twice (in any letter case) is ErrNonUniformPrice, and a
// trade without an order uid or executed amount is ErrMalformed. Interactions and gas are
// not decoded.
//
// Members named twice and deep nesting are refused as by DecodeAuction. Bound: at most
// MaxJSONSize bytes and MaxSolutions solutions, each bounded as DecodeSolution; time
// O(n log n), memory O(n) in the input size n.
func DecodeSolutions(b []byte) ([]Solution, error) {
	if len(b) > MaxJSONSize {
		return nil, fmt.Errorf("%w: solutions of %d bytes", ErrTooLarge, len(b))
	}
	var raw struct {
		Solutions json.RawMessage `json:"solutions"`
	}
	if err := checkDocument(b); err != nil {
		return nil, fmt.Errorf("solutions response: %w", err)
	}
	if err := unmarshalStrict(b, &raw, "solutions response"); err != nil {
		return nil, err
	}
	if raw.Solutions == nil {
		return nil, fmt.Errorf("%w: no solutions member", ErrMalformed)
	}
	var out []Solution
	err := arrayEach(raw.Solutions, "solutions", MaxSolutions, func(i int, val json.RawMessage) error {
		s, err := decodeSolution(val)
		if err != nil {
			return fmt.Errorf("solution %d: %w", i, err)
		}
		out = append(out, *s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DecodeSolution decodes one solution object of the solver API, refusing members named
// twice and deep nesting as DecodeAuction does. Bound: at most MaxJSONSize bytes,
// MaxJSONDepth levels, MaxTokens prices and MaxTrades trades (ErrTooLarge, counted before
// each is stored); time O(n log n), memory O(n) in the input size n (at most 50 bytes per
// input byte measured, for a list of minimal trades).
func DecodeSolution(b []byte) (*Solution, error) {
	if len(b) > MaxJSONSize {
		return nil, fmt.Errorf("%w: solution of %d bytes", ErrTooLarge, len(b))
	}
	if err := checkDocument(b); err != nil {
		return nil, fmt.Errorf("solution: %w", err)
	}
	return decodeSolution(b)
}

// decodeSolution is DecodeSolution on a document checkDocument has accepted.
func decodeSolution(b []byte) (*Solution, error) {
	var rs rawSolution
	if err := unmarshalStrict(b, &rs, "solution"); err != nil {
		return nil, err
	}
	if rs.ID == nil || rs.Prices == nil || rs.Trades == nil {
		return nil, fmt.Errorf("%w: solution needs id, prices and trades", ErrMalformed)
	}
	s := &Solution{ID: *rs.ID}
	err := objectEach(rs.Prices, "prices", MaxTokens, func(key string, val json.RawMessage) error {
		addr, err := parseAddress(&key, "price token")
		if err != nil {
			return err
		}
		var ps *string
		if err := unmarshalStrict(val, &ps, "price of "+key); err != nil {
			return err
		}
		p, err := parseAmountField(ps, "price of "+key)
		if err != nil {
			return err
		}
		s.Prices = append(s.Prices, Price{Token: addr, Price: p})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortPrices(s.Prices)
	for i := 1; i < len(s.Prices); i++ {
		if s.Prices[i].Token == s.Prices[i-1].Token {
			return nil, fmt.Errorf("%w: %s priced %s and %s", ErrNonUniformPrice, s.Prices[i].Token, s.Prices[i-1].Price.Dec(), s.Prices[i].Price.Dec())
		}
	}
	err = arrayEach(rs.Trades, "trades", MaxTrades, func(i int, val json.RawMessage) error {
		var rt rawTrade
		if err := unmarshalStrict(val, &rt, fmt.Sprintf("trade %d", i)); err != nil {
			return err
		}
		if rt.Kind == nil {
			return fmt.Errorf("%w: trade %d has no kind", ErrMalformed, i)
		}
		tr := Trade{Kind: *rt.Kind}
		switch tr.Kind {
		case "fulfillment":
			if tr.Order, err = parseUID(rt.Order, "trade order"); err != nil {
				return fmt.Errorf("trade %d: %w", i, err)
			}
		case "jit":
		default:
			return fmt.Errorf("%w: trade %d kind %.20q", ErrMalformed, i, tr.Kind)
		}
		if tr.ExecutedAmount, err = parseAmountField(rt.ExecutedAmount, "executedAmount"); err != nil {
			return fmt.Errorf("trade %d: %w", i, err)
		}
		if rt.Fee != nil {
			if tr.Fee, err = parseAmountField(rt.Fee, "fee"); err != nil {
				return fmt.Errorf("trade %d: %w", i, err)
			}
			tr.HasFee = true
		}
		s.Trades = append(s.Trades, tr)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}
