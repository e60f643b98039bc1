package intent_test

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/intenttest"
	"github.com/interopkit/interop/lightclient"
	"pgregory.net/rapid"
)

// normBytes makes empty byte strings comparable after a round trip (decoders return
// non-nil empty slices).
func normBytes(b []byte) []byte {
	if len(b) == 0 {
		return []byte{}
	}
	return b
}

func normResolved(r *intent.ResolvedCrossChainOrder) {
	if r.MaxSpent == nil {
		r.MaxSpent = []intent.Output{}
	}
	if r.MinReceived == nil {
		r.MinReceived = []intent.Output{}
	}
	if r.FillInstructions == nil {
		r.FillInstructions = []intent.FillInstruction{}
	}
	for i := range r.FillInstructions {
		r.FillInstructions[i].OriginData = normBytes(r.FillInstructions[i].OriginData)
	}
}

func TestPropGaslessABIRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := intenttest.GaslessOrder().Draw(t, "order")
		enc := o.AppendABI(nil)
		got, err := intent.DecodeGaslessCrossChainOrderABI(enc)
		if err != nil {
			t.Fatal(err)
		}
		o.OrderData = normBytes(o.OrderData)
		if !reflect.DeepEqual(got, o) {
			t.Fatalf("round trip:\n%+v\n%+v", got, o)
		}
		if !bytes.Equal(got.AppendABI(nil), enc) {
			t.Fatal("re-encoding differs")
		}
	})
}

func TestPropOnchainABIRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := intenttest.OnchainOrder().Draw(t, "order")
		enc := o.AppendABI(nil)
		got, err := intent.DecodeOnchainCrossChainOrderABI(enc)
		if err != nil {
			t.Fatal(err)
		}
		o.OrderData = normBytes(o.OrderData)
		if !reflect.DeepEqual(got, o) {
			t.Fatalf("round trip:\n%+v\n%+v", got, o)
		}
	})
}

// TestPropOpenRoundTrip: a resolved order of either variant survives the Open event,
// topic and data, and the event's bytes are exactly those re-emitted.
func TestPropOpenRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := intent.Variant(rapid.IntRange(0, 1).Draw(t, "variant"))
		r := intenttest.ResolvedOrder(v).Draw(t, "resolved")
		settler := intenttest.Address().Draw(t, "settler")
		log := intent.OpenLog(settler, &r)
		got, err := intent.DecodeOpen(&log, v)
		if err != nil {
			t.Fatal(err)
		}
		normResolved(&r)
		if !reflect.DeepEqual(got, r) {
			t.Fatalf("round trip:\n%+v\n%+v", got, r)
		}
		if other := intent.OpenTopic(1 - v); other == log.Topics[0] {
			t.Fatal("variants share a topic")
		} else if _, err := intent.DecodeOpen(&log, 1-v); !errors.Is(err, intent.ErrMalformed) {
			t.Fatalf("other variant's decoder: %v", err)
		}
	})
}

func TestPropFillEventRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := intent.Fill{
			Settler:  intenttest.Address().Draw(t, "settler"),
			OrderID:  intenttest.Hash().Draw(t, "orderId"),
			Solver:   intenttest.Hash().Draw(t, "solver"),
			FillTime: rapid.Uint32().Draw(t, "fillTime"),
			Outputs:  rapid.SliceOfN(intenttest.Output(), 0, 5).Draw(t, "outputs"),
		}
		log := intent.FillLog(&f)
		got, err := intent.DecodeFill(&log)
		if err != nil {
			t.Fatal(err)
		}
		if f.Outputs == nil {
			f.Outputs = []intent.Output{}
		}
		if !reflect.DeepEqual(got, f) {
			t.Fatalf("round trip:\n%+v\n%+v", got, f)
		}
	})
}

// TestPropABICanonical: any mutation of an encoding either fails to decode or decodes to a
// value whose encoding is the mutated bytes, so no two encodings decode to one value.
func TestPropABICanonical(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := intent.Variant(rapid.IntRange(0, 1).Draw(t, "variant"))
		r := intenttest.ResolvedOrder(v).Draw(t, "resolved")
		enc := r.AppendABI(nil)
		i := rapid.IntRange(0, len(enc)-1).Draw(t, "byte")
		enc[i] ^= rapid.ByteRange(1, 255).Draw(t, "flip")
		if rapid.Bool().Draw(t, "truncate") {
			enc = enc[:rapid.IntRange(0, len(enc)).Draw(t, "len")]
		}
		got, err := intent.DecodeResolvedCrossChainOrderABI(enc, v)
		if err != nil {
			if !errors.Is(err, intent.ErrMalformed) && !errors.Is(err, intent.ErrTooLarge) && !errors.Is(err, intent.ErrOverflow) {
				t.Fatalf("unexpected error class: %v", err)
			}
			return
		}
		if !bytes.Equal(got.AppendABI(nil), enc) {
			t.Fatalf("non-canonical encoding accepted at byte %d", i)
		}
	})
}

func resolveTransfer(t *rapid.T, o *intent.GaslessCrossChainOrder) (*intent.ResolvedCrossChainOrder, intent.OrderData) {
	r, data, err := intent.Resolve(o, intent.TransferResolver{}, intent.OrderStructHash{Types: intent.TransferTypes})
	if err != nil {
		t.Fatal(err)
	}
	return r, data
}

// TestPropOrderIDChangesWithAnyField: under OrderStructHash, changing any field of the
// order or of its parsed order data changes the orderId; under OrderDataHash, any byte of
// orderData does.
func TestPropOrderIDChangesWithAnyField(t *testing.T) {
	maxU256 := new(uint256.Int).SetAllOne()
	rapid.Check(t, func(t *rapid.T) {
		o := intenttest.TransferOrder().Draw(t, "order")
		r, _ := resolveTransfer(t, &o)
		m := o
		d, err := intent.DecodeTransferOrderDataABI(o.OrderData)
		if err != nil {
			t.Fatal(err)
		}
		one := uint256.NewInt(1)
		field := rapid.IntRange(0, 13).Draw(t, "field")
		switch field {
		case 0:
			m.OriginSettler[rapid.IntRange(0, 19).Draw(t, "i")] ^= 1
		case 1:
			m.User[rapid.IntRange(0, 19).Draw(t, "i")] ^= 1
		case 2:
			m.Nonce.Xor(&m.Nonce, one)
		case 3:
			m.OriginChainID.Xor(&m.OriginChainID, uint256.NewInt(2))
		case 4:
			m.OpenDeadline ^= 1
		case 5:
			m.FillDeadline ^= 1
		case 6:
			d.InputToken[31] ^= 1
		case 7:
			// Step away from 2^256-1 rather than wrap to 0 (the generator draws the whole
			// range).
			if d.InputAmount.Eq(maxU256) {
				d.InputAmount.Sub(&d.InputAmount, one)
			} else {
				d.InputAmount.Add(&d.InputAmount, one)
			}
		case 8:
			d.OutputToken[31] ^= 1
		case 9:
			// The start amount must stay at or above the end amount: step down from
			// 2^256-1 (taking the end amount along if it was there too) instead of wrapping.
			if d.OutputStartAmount.Eq(maxU256) {
				d.OutputStartAmount.Sub(&d.OutputStartAmount, one)
				if d.OutputEndAmount.Gt(&d.OutputStartAmount) {
					d.OutputEndAmount.Set(&d.OutputStartAmount)
				}
			} else {
				d.OutputStartAmount.Add(&d.OutputStartAmount, one)
			}
		case 10:
			d.DecayEndTime++
		case 11:
			// Flip the low bit: the chain id stays a uint64 (ChainID draws up to 2^64-1).
			d.DestinationChainID.Xor(&d.DestinationChainID, one)
		case 12:
			d.DestinationSettler[31] ^= 1
		case 13:
			d.Recipient[31] ^= 1
		}
		if field >= 6 {
			m.OrderData = d.AppendABI(nil)
		}
		mr, _ := resolveTransfer(t, &m)
		if mr.OrderID == r.OrderID {
			t.Fatalf("field %d changed, orderId did not", field)
		}
		if field >= 6 {
			a, _ := intent.OrderDataHash{}.OrderID(&o, nil)
			b, _ := intent.OrderDataHash{}.OrderID(&m, nil)
			if a == b {
				t.Fatalf("orderData field %d changed, keccak256(orderData) did not", field)
			}
		}
	})
}

// fillCase is a resolved transfer order with an honest fill proven on its destination.
type fillCase struct {
	order  *intent.GaslessCrossChainOrder
	terms  intent.FillTerms
	fill   intent.Fill
	roots  *lightclient.Memory
	solver interop.Address
	dest   *intenttest.Destination
}

func drawFill(t *rapid.T) *fillCase {
	o := intenttest.TransferOrder().Draw(t, "order")
	r, data := resolveTransfer(t, &o)
	chain, _ := intent.ChainOf(&r.FillInstructions[0].DestinationChainID)
	c := &fillCase{order: &o, roots: new(lightclient.Memory)}
	c.terms = intent.FillTerms{Order: r, Owed: data, Finality: lightclient.Finalized}
	c.solver = intenttest.Address().Draw(t, "solver")
	fillTime := rapid.Uint32Range(0, r.FillDeadline).Draw(t, "fillTime")
	f, err := intenttest.HonestFill(&c.terms, c.solver, fillTime)
	if err != nil {
		t.Fatal(err)
	}
	c.fill = f
	c.dest = intenttest.NewDestination(chain, c.roots)
	c.dest.Before = rapid.IntRange(0, 20).Draw(t, "before")
	return c
}

func (c *fillCase) include(t *rapid.T, f *intent.Fill, fin lightclient.Finality) intent.FillProof {
	p, err := c.dest.Include(intenttest.FillReceipt(f, 90000), fin)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPropVerifyFillHonest: the honest fill, at any time up to the deadline and exactly
// the owed amount, is accepted and names its solver.
func TestPropVerifyFillHonest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := drawFill(t)
		p := c.include(t, &c.fill, lightclient.Finalized)
		got, err := intent.VerifyFill(&c.terms, &p, c.roots)
		if err != nil {
			t.Fatal(err)
		}
		if got.Solver != intent.AddressWord(c.solver) || got.OrderID != c.terms.Order.OrderID {
			t.Fatalf("fill %+v", got)
		}
	})
}

// TestPropVerifyFillTampered: each tampering of the fill, its proof or its root is refused
// with the error naming that check.
func TestPropVerifyFillTampered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := drawFill(t)
		f := c.fill
		f.Outputs = append([]intent.Output(nil), c.fill.Outputs...)
		fin := lightclient.Finalized
		one := uint256.NewInt(1)
		kind := rapid.IntRange(0, 12).Draw(t, "tamper")
		var want error
		switch kind {
		case 0: // one unit short of what is owed at fill time
			f.Outputs[0].Amount.Sub(&f.Outputs[0].Amount, one)
			want = intent.ErrShortFill
		case 1:
			f.Outputs[0].Recipient[31] ^= 1
			want = intent.ErrWrongRecipient
		case 2:
			f.Outputs[0].Token[31] ^= 1
			want = intent.ErrWrongToken
		case 3:
			f.Outputs[0].ChainID.Add(&f.Outputs[0].ChainID, one)
			want = intent.ErrWrongChain
		case 4:
			if c.terms.Order.FillDeadline == 1<<32-1 {
				t.Skip("deadline at the end of time")
			}
			f.FillTime = rapid.Uint32Range(c.terms.Order.FillDeadline+1, 1<<32-1).Draw(t, "late")
			want = intent.ErrLateFill
		case 5:
			f.OrderID[0] ^= 1
			want = intent.ErrWrongOrder
		case 6:
			f.Settler[0] ^= 1
			want = intent.ErrWrongSettler
		case 7:
			f.Outputs = nil
			want = intent.ErrShortFill
		case 8:
			fin = lightclient.Safe
			want = intent.ErrNoRoot
		}
		p := c.include(t, &f, fin)
		switch kind {
		case 9: // a proof node altered
			p.Proof = append([][]byte(nil), p.Proof...)
			n := rapid.IntRange(0, len(p.Proof)-1).Draw(t, "node")
			node := append([]byte(nil), p.Proof[n]...)
			node[rapid.IntRange(0, len(node)-1).Draw(t, "at")] ^= rapid.ByteRange(1, 255).Draw(t, "flip")
			p.Proof[n] = node
			want = intent.ErrInvalidProof
		case 10: // the proof claims another chain
			p.Chain++
			want = intent.ErrWrongChain
		case 11: // another transaction of the block
			p.TxIndex = uint64(rapid.IntRange(0, c.dest.Before+3).Filter(func(i int) bool { return i != c.dest.Before }).Draw(t, "tx"))
			want = intent.ErrInvalidProof
		case 12: // a block with no trusted root
			p.Height++
			want = intent.ErrNoRoot
		}
		_, err := intent.VerifyFill(&c.terms, &p, c.roots)
		if !errors.Is(err, want) {
			t.Fatalf("tamper %d: got %v, want %v", kind, err, want)
		}
	})
}

// TestPropSignature: the user's signature verifies; a domain for another chain or
// settler, or any changed order, is refused.
func TestPropSignature(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "key")
		seed[0] = 1 // keeps the scalar below the group order
		key, err := secp256k1.PrivateKeyFromBytes(seed)
		if err != nil {
			t.Fatal(err)
		}
		o := intenttest.TransferOrder().Draw(t, "order")
		o.User = key.Address()
		_, data := resolveTransfer(t, &o)
		domain := eip712.Domain{
			Fields:            eip712.DomainName | eip712.DomainChainID | eip712.DomainVerifyingContract,
			Name:              "OriginSettler",
			ChainID:           o.OriginChainID,
			VerifyingContract: o.OriginSettler,
		}
		digest, err := intent.SigningDigest(&o, data, intent.TransferTypes, &domain)
		if err != nil {
			t.Fatal(err)
		}
		sig := key.Sign(digest)
		if err := intent.VerifySignature(&o, data, intent.TransferTypes, &domain, sig); err != nil {
			t.Fatal(err)
		}
		bad := domain
		bad.ChainID.Add(&bad.ChainID, uint256.NewInt(1))
		if err := intent.VerifySignature(&o, data, intent.TransferTypes, &bad, sig); !errors.Is(err, intent.ErrWrongChain) {
			t.Fatalf("domain for another chain: %v", err)
		}
		bad = domain
		bad.VerifyingContract[0] ^= 1
		if err := intent.VerifySignature(&o, data, intent.TransferTypes, &bad, sig); !errors.Is(err, intent.ErrWrongSettler) {
			t.Fatalf("domain for another settler: %v", err)
		}
		m := o
		m.Nonce.Add(&m.Nonce, uint256.NewInt(1))
		if err := intent.VerifySignature(&m, data, intent.TransferTypes, &domain, sig); !errors.Is(err, intent.ErrBadSignature) {
			t.Fatalf("changed nonce: %v", err)
		}
	})
}
