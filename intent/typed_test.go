package intent_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/intenttest"
	"pgregory.net/rapid"
)

func jsonFields(t *eip712.Type) string {
	var parts []string
	for _, f := range t.Fields() {
		parts = append(parts, fmt.Sprintf(`{"name":%q,"type":%q}`, f.Name, f.Type))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func hexOf(b []byte) string { return interop.EncodeHex(b) }

func transferJSON(d *intent.TransferOrderData) string {
	return fmt.Sprintf(`{"inputToken":%q,"inputAmount":"%s","outputToken":%q,"outputStartAmount":"%s","outputEndAmount":"%s","decayStartTime":%d,"decayEndTime":%d,"destinationChainId":"%s","destinationSettler":%q,"recipient":%q}`,
		d.InputToken, d.InputAmount.Dec(), d.OutputToken, d.OutputStartAmount.Dec(), d.OutputEndAmount.Dec(), d.DecayStartTime, d.DecayEndTime,
		d.DestinationChainID.Dec(), d.DestinationSettler, d.Recipient)
}

func orderJSON(o *intent.GaslessCrossChainOrder, data string) string {
	return fmt.Sprintf(`{"originSettler":%q,"user":%q,"nonce":"%s","originChainId":"%s","openDeadline":%d,"fillDeadline":%d,"orderDataType":%q,"orderData":%s}`,
		o.OriginSettler, o.User, o.Nonce.Dec(), o.OriginChainID.Dec(), o.OpenDeadline, o.FillDeadline, o.OrderDataType, data)
}

// TestPropPermit2WitnessMatchesJSON: the Go-types hashing of the Permit2 witness (and of
// the order inside it) gives the digest that eth_signTypedData_v4 JSON of the same
// values gives through eip712.HashTypedData.
func TestPropPermit2WitnessMatchesJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := intenttest.TransferOrder().Draw(t, "order")
		d, err := intent.DecodeTransferOrderDataABI(o.OrderData)
		if err != nil {
			t.Fatal(err)
		}
		w := intent.Permit2Witness{Token: intenttest.Address().Draw(t, "token"), Amount: intenttest.Uint256().Draw(t, "amount"),
			Order: intent.TypedOrder{Order: &o, Data: &d, Types: intent.TransferTypes}}
		permit2 := intenttest.Address().Draw(t, "permit2")
		chain := rapid.Uint64Range(1, 1<<53-1).Draw(t, "chain")
		domain := intent.Permit2Domain(chain, permit2)
		types := fmt.Sprintf(`{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
			"PermitWitnessTransferFrom":%s,"TokenPermissions":%s,"GaslessCrossChainOrder":%s,"TransferOrderData":%s}`,
			jsonFields(intent.TransferTypes.Witness), jsonFields(intent.TokenPermissionsType), jsonFields(intent.TransferTypes.Order), jsonFields(intent.TransferOrderDataType))
		msg := fmt.Sprintf(`{"permitted":{"token":%q,"amount":"%s"},"spender":%q,"nonce":"%s","deadline":%d,"witness":%s}`,
			w.Token, w.Amount.Dec(), o.OriginSettler, o.Nonce.Dec(), o.OpenDeadline, orderJSON(&o, transferJSON(&d)))
		doc := fmt.Sprintf(`{"types":%s,"primaryType":"PermitWitnessTransferFrom","domain":{"name":"Permit2","chainId":%d,"verifyingContract":%q},"message":%s}`,
			types, chain, permit2, msg)
		want, err := eip712.HashTypedData([]byte(doc))
		if err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
		if got := domain.Hash(&w); got != want {
			t.Fatalf("Go types %s, JSON %s", got, want)
		}
	})
}

// TestPropResolvedHashMatchesJSON: hashStruct of a resolved order, in both variants,
// equals the JSON path's.
func TestPropResolvedHashMatchesJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		v := intent.Variant(rapid.IntRange(0, 1).Draw(t, "variant"))
		r := intenttest.ResolvedOrder(v).Draw(t, "resolved")
		outs := func(s []intent.Output) string {
			var p []string
			for _, o := range s {
				p = append(p, fmt.Sprintf(`{"token":%q,"amount":"%s","recipient":%q,"chainId":"%s"}`, o.Token, o.Amount.Dec(), o.Recipient, o.ChainID.Dec()))
			}
			return "[" + strings.Join(p, ",") + "]"
		}
		var fills []string
		for _, f := range r.FillInstructions {
			fills = append(fills, fmt.Sprintf(`{"destinationChainId":"%s","destinationSettler":%q,"originData":%q}`, f.DestinationChainID.Dec(), f.DestinationSettler, hexOf(f.OriginData)))
		}
		rt := intent.ResolvedOrderType(v)
		doc := fmt.Sprintf(`{"types":{"EIP712Domain":[],"ResolvedCrossChainOrder":%s,"Output":%s,"FillInstruction":%s},"primaryType":"ResolvedCrossChainOrder","domain":{},
			"message":{"user":%q,"originChainId":"%s","openDeadline":%d,"fillDeadline":%d,"orderId":%q,"maxSpent":%s,"minReceived":%s,"fillInstructions":[%s]}}`,
			jsonFields(rt), jsonFields(intent.OutputType), jsonFields(intent.FillInstructionType(v)),
			r.User, r.OriginChainID.Dec(), r.OpenDeadline, r.FillDeadline, r.OrderID, outs(r.MaxSpent), outs(r.MinReceived), strings.Join(fills, ","))
		want, err := eip712.HashTypedData([]byte(doc))
		if err != nil {
			t.Fatalf("%v\n%s", err, doc)
		}
		var empty eip712.Domain
		if got := empty.Hash(&r); got != want {
			t.Fatalf("Go types %s, JSON %s", got, want)
		}
	})
}

// TestOnchainOrderResolves: an onchain order resolves as the gasless order its open call
// amounts to.
func TestOnchainOrderResolves(t *testing.T) {
	d := sampleTransfer()
	on := intent.OnchainCrossChainOrder{FillDeadline: 1200, OrderDataType: intent.TransferOrderDataType.TypeHash(), OrderData: d.AppendABI(nil)}
	nonce := d.InputAmount
	g := on.Gasless(interop.Address{1}, interop.Address{2}, 10, &nonce)
	r, _, err := intent.Resolve(&g, intent.TransferResolver{}, intent.OrderDataHash{})
	if err != nil {
		t.Fatal(err)
	}
	if r.User != (interop.Address{2}) || r.OriginChainID.Uint64() != 10 || r.OpenDeadline != 1<<32-1 || r.FillDeadline != 1200 {
		t.Fatalf("resolved %+v", r)
	}
}
