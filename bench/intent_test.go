package bench

import (
	"bytes"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent"
)

// ERC-7683's Open event data, abi.encode(ResolvedCrossChainOrder), decoded by intent
// (strict, no reflection) and by go-ethereum's accounts/abi (reflection), on the same
// bytes. TestDifferentialIntentABI checks first that both encoders produce the same bytes
// for random orders, so the benchmark compares decoders of one format.

const openABI = `[{"type":"event","name":"Open","anonymous":false,"inputs":[
 {"name":"orderId","type":"bytes32","indexed":true},
 {"name":"resolvedOrder","type":"tuple","indexed":false,"components":[
  {"name":"user","type":"address"},{"name":"originChainId","type":"uint256"},
  {"name":"openDeadline","type":"uint32"},{"name":"fillDeadline","type":"uint32"},
  {"name":"orderId","type":"bytes32"},
  {"name":"maxSpent","type":"tuple[]","components":[{"name":"token","type":"bytes32"},{"name":"amount","type":"uint256"},{"name":"recipient","type":"bytes32"},{"name":"chainId","type":"uint256"}]},
  {"name":"minReceived","type":"tuple[]","components":[{"name":"token","type":"bytes32"},{"name":"amount","type":"uint256"},{"name":"recipient","type":"bytes32"},{"name":"chainId","type":"uint256"}]},
  {"name":"fillInstructions","type":"tuple[]","components":[{"name":"destinationChainId","type":"uint256"},{"name":"destinationSettler","type":"bytes32"},{"name":"originData","type":"bytes"}]}
 ]}]}]`

type gethOutput struct {
	Token     [32]byte
	Amount    *big.Int
	Recipient [32]byte
	ChainId   *big.Int
}

type gethFill struct {
	DestinationChainId *big.Int
	DestinationSettler [32]byte
	OriginData         []byte
}

type gethResolved struct {
	User             common.Address
	OriginChainId    *big.Int
	OpenDeadline     uint32
	FillDeadline     uint32
	OrderId          [32]byte
	MaxSpent         []gethOutput
	MinReceived      []gethOutput
	FillInstructions []gethFill
}

func gethOpenArgs(tb testing.TB) abi.Arguments {
	parsed, err := abi.JSON(strings.NewReader(openABI))
	if err != nil {
		tb.Fatal(err)
	}
	return parsed.Events["Open"].Inputs.NonIndexed()
}

func randWord(r *rand.Rand) (h interop.Hash) {
	for i := range h {
		h[i] = byte(r.UintN(256))
	}
	return h
}

func randUint(r *rand.Rand) uint256.Int {
	return uint256.Int{r.Uint64(), r.Uint64() >> r.UintN(64), 0, r.Uint64() & 0xff}
}

func randResolved(r *rand.Rand) intent.ResolvedCrossChainOrder {
	o := intent.ResolvedCrossChainOrder{OriginChainID: randUint(r), OpenDeadline: r.Uint32(), FillDeadline: r.Uint32(), OrderID: randWord(r)}
	w := randWord(r)
	copy(o.User[:], w[:20])
	outs := func() []intent.Output {
		s := make([]intent.Output, r.IntN(4))
		for i := range s {
			s[i] = intent.Output{Token: randWord(r), Amount: randUint(r), Recipient: randWord(r), ChainID: randUint(r)}
		}
		return s
	}
	o.MaxSpent, o.MinReceived = outs(), outs()
	o.FillInstructions = make([]intent.FillInstruction, r.IntN(3))
	for i := range o.FillInstructions {
		data := make([]byte, r.IntN(100))
		for j := range data {
			data[j] = byte(r.UintN(256))
		}
		o.FillInstructions[i] = intent.FillInstruction{DestinationChainID: randUint(r), DestinationSettler: randWord(r), OriginData: data}
	}
	return o
}

func toGeth(o *intent.ResolvedCrossChainOrder) gethResolved {
	outs := func(s []intent.Output) []gethOutput {
		g := make([]gethOutput, len(s))
		for i, x := range s {
			g[i] = gethOutput{x.Token, x.Amount.ToBig(), x.Recipient, x.ChainID.ToBig()}
		}
		return g
	}
	g := gethResolved{User: common.Address(o.User), OriginChainId: o.OriginChainID.ToBig(), OpenDeadline: o.OpenDeadline,
		FillDeadline: o.FillDeadline, OrderId: o.OrderID, MaxSpent: outs(o.MaxSpent), MinReceived: outs(o.MinReceived)}
	g.FillInstructions = make([]gethFill, len(o.FillInstructions))
	for i, f := range o.FillInstructions {
		g.FillInstructions[i] = gethFill{f.DestinationChainID.ToBig(), f.DestinationSettler, f.OriginData}
	}
	return g
}

// TestDifferentialIntentABI: for random resolved orders, go-ethereum packs the Open
// event data to the same bytes as intent, and intent decodes them back.
func TestDifferentialIntentABI(t *testing.T) {
	args := gethOpenArgs(t)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		o := randResolved(r)
		ours := o.AppendABI(nil)
		theirs, err := args.Pack(toGeth(&o))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(ours, theirs) {
			t.Fatalf("case %d: encodings differ\nours   %x\ntheirs %x", i, ours, theirs)
		}
		back, err := intent.DecodeResolvedCrossChainOrderABI(theirs, intent.Uint256ChainID)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if !bytes.Equal(back.AppendABI(nil), theirs) {
			t.Fatalf("case %d: round trip differs", i)
		}
		if _, err := args.Unpack(theirs); err != nil {
			t.Fatalf("case %d: geth unpack: %v", i, err)
		}
	}
}

func benchOrder() intent.ResolvedCrossChainOrder {
	return randResolved(rand.New(rand.NewPCG(3, 4)))
}

func BenchmarkIntentOpenDecode(b *testing.B) {
	o := benchOrder()
	data := o.AppendABI(nil)
	b.Run("impl=interop", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := intent.DecodeResolvedCrossChainOrderABI(data, intent.Uint256ChainID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=geth-accounts-abi", func(b *testing.B) {
		args := gethOpenArgs(b)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := args.Unpack(data); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkIntentOpenEncode(b *testing.B) {
	o := benchOrder()
	b.Run("impl=interop", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]byte, 0, 4096)
		for b.Loop() {
			buf = o.AppendABI(buf[:0])
		}
	})
	b.Run("impl=geth-accounts-abi", func(b *testing.B) {
		args := gethOpenArgs(b)
		g := toGeth(&o)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := args.Pack(g); err != nil {
				b.Fatal(err)
			}
		}
	})
}
