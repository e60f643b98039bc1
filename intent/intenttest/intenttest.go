// Package intenttest provides rapid generators for ERC-7683 orders and events, and an
// honest in-process destination chain that fills orders into receipts tries and records
// their roots, for property suites of users of package intent.
package intenttest

import (
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
	"pgregory.net/rapid"
)

// Hash generates any 32-byte word.
func Hash() *rapid.Generator[interop.Hash] {
	return rapid.Custom(func(t *rapid.T) interop.Hash {
		var h interop.Hash
		copy(h[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "hash"))
		return h
	})
}

// Address generates any address.
func Address() *rapid.Generator[interop.Address] {
	return rapid.Custom(func(t *rapid.T) interop.Address {
		var a interop.Address
		copy(a[:], rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "address"))
		return a
	})
}

// AddressWord generates a left-padded EVM address as bytes32.
func AddressWord() *rapid.Generator[interop.Hash] {
	return rapid.Map(Address(), intent.AddressWord)
}

// Uint256 generates any uint256, biased toward small values and the extremes.
func Uint256() *rapid.Generator[uint256.Int] {
	return rapid.Custom(func(t *rapid.T) uint256.Int {
		var v uint256.Int
		switch rapid.IntRange(0, 3).Draw(t, "shape") {
		case 0:
			v.SetUint64(rapid.Uint64().Draw(t, "small"))
		case 1:
			v.SetAllOne()
			v.Rsh(&v, uint(rapid.IntRange(0, 255).Draw(t, "shift")))
		default:
			for i := range v {
				v[i] = rapid.Uint64().Draw(t, "limb")
			}
		}
		return v
	})
}

// Amount generates a token amount in [1, 2^128).
func Amount() *rapid.Generator[uint256.Int] {
	return rapid.Custom(func(t *rapid.T) uint256.Int {
		var v uint256.Int
		v[0] = rapid.Uint64Min(1).Draw(t, "lo")
		v[1] = rapid.Uint64().Draw(t, "hi")
		return v
	})
}

// ChainID generates a chain id that fits a uint64, as a uint256.
func ChainID() *rapid.Generator[uint256.Int] {
	return rapid.Custom(func(t *rapid.T) uint256.Int {
		var v uint256.Int
		v.SetUint64(rapid.Uint64Min(1).Draw(t, "chain"))
		return v
	})
}

// Data generates byte strings of up to max bytes.
func Data(max int) *rapid.Generator[[]byte] { return rapid.SliceOfN(rapid.Byte(), 0, max) }

// Output generates any Output.
func Output() *rapid.Generator[intent.Output] {
	return rapid.Custom(func(t *rapid.T) intent.Output {
		return intent.Output{
			Token:     Hash().Draw(t, "token"),
			Amount:    Uint256().Draw(t, "amount"),
			Recipient: Hash().Draw(t, "recipient"),
			ChainID:   Uint256().Draw(t, "chainId"),
		}
	})
}

// FillInstruction generates a fill instruction valid in variant v.
func FillInstruction(v intent.Variant) *rapid.Generator[intent.FillInstruction] {
	return rapid.Custom(func(t *rapid.T) intent.FillInstruction {
		f := intent.FillInstruction{
			DestinationChainID: Uint256().Draw(t, "destinationChainId"),
			DestinationSettler: Hash().Draw(t, "destinationSettler"),
			OriginData:         Data(200).Draw(t, "originData"),
		}
		if v == intent.Uint64ChainID {
			f.DestinationChainID.SetUint64(f.DestinationChainID.Uint64())
		}
		return f
	})
}

// ResolvedOrder generates any resolved order of variant v.
func ResolvedOrder(v intent.Variant) *rapid.Generator[intent.ResolvedCrossChainOrder] {
	return rapid.Custom(func(t *rapid.T) intent.ResolvedCrossChainOrder {
		return intent.ResolvedCrossChainOrder{
			User:             Address().Draw(t, "user"),
			OriginChainID:    Uint256().Draw(t, "originChainId"),
			OpenDeadline:     rapid.Uint32().Draw(t, "openDeadline"),
			FillDeadline:     rapid.Uint32().Draw(t, "fillDeadline"),
			OrderID:          Hash().Draw(t, "orderId"),
			MaxSpent:         rapid.SliceOfN(Output(), 0, 4).Draw(t, "maxSpent"),
			MinReceived:      rapid.SliceOfN(Output(), 0, 4).Draw(t, "minReceived"),
			FillInstructions: rapid.SliceOfN(FillInstruction(v), 0, 3).Draw(t, "fillInstructions"),
			Variant:          v,
		}
	})
}

// GaslessOrder generates any gasless order, with arbitrary order data.
func GaslessOrder() *rapid.Generator[intent.GaslessCrossChainOrder] {
	return rapid.Custom(func(t *rapid.T) intent.GaslessCrossChainOrder {
		return intent.GaslessCrossChainOrder{
			OriginSettler: Address().Draw(t, "originSettler"),
			User:          Address().Draw(t, "user"),
			Nonce:         Uint256().Draw(t, "nonce"),
			OriginChainID: Uint256().Draw(t, "originChainId"),
			OpenDeadline:  rapid.Uint32().Draw(t, "openDeadline"),
			FillDeadline:  rapid.Uint32().Draw(t, "fillDeadline"),
			OrderDataType: Hash().Draw(t, "orderDataType"),
			OrderData:     Data(300).Draw(t, "orderData"),
		}
	})
}

// OnchainOrder generates any onchain order.
func OnchainOrder() *rapid.Generator[intent.OnchainCrossChainOrder] {
	return rapid.Custom(func(t *rapid.T) intent.OnchainCrossChainOrder {
		return intent.OnchainCrossChainOrder{
			FillDeadline:  rapid.Uint32().Draw(t, "fillDeadline"),
			OrderDataType: Hash().Draw(t, "orderDataType"),
			OrderData:     Data(300).Draw(t, "orderData"),
		}
	})
}

// TransferOrderData generates order data that passes TransferOrderData.Check: an input
// below 2^128, a falling (or flat) output anywhere in [1, 2^256-1] (token-sized, near the
// top of uint256, or spanning it), with a decay window inside [0, 2^32).
func TransferOrderData() *rapid.Generator[intent.TransferOrderData] {
	return rapid.Custom(func(t *rapid.T) intent.TransferOrderData {
		d := intent.TransferOrderData{
			InputToken:         AddressWord().Draw(t, "inputToken"),
			InputAmount:        Amount().Draw(t, "inputAmount"),
			OutputToken:        AddressWord().Draw(t, "outputToken"),
			DestinationChainID: ChainID().Draw(t, "destinationChainId"),
			DestinationSettler: AddressWord().Draw(t, "destinationSettler"),
			Recipient:          AddressWord().Draw(t, "recipient"),
		}
		if rapid.Bool().Draw(t, "tokenSized") {
			d.OutputEndAmount = Amount().Draw(t, "outputEndAmount")
			var extra uint256.Int
			extra.SetUint64(rapid.Uint64().Draw(t, "decayRange"))
			d.OutputStartAmount.Add(&d.OutputEndAmount, &extra)
		} else {
			// Any uint256 pair: start ≥ end ≥ 1.
			a, b := Uint256().Draw(t, "outputA"), Uint256().Draw(t, "outputB")
			if a.Lt(&b) {
				a, b = b, a
			}
			if b.IsZero() {
				b.SetOne()
			}
			if a.Lt(&b) {
				a = b
			}
			d.OutputStartAmount, d.OutputEndAmount = a, b
		}
		d.DecayStartTime = rapid.Uint32Range(0, 1<<31).Draw(t, "decayStartTime")
		d.DecayEndTime = d.DecayStartTime + rapid.Uint32Range(1, 1<<20).Draw(t, "decayDuration")
		return d
	})
}

// TransferOrder generates a gasless order carrying valid TransferOrderData, opened on a
// chain that fits a uint64, with fillDeadline after the decay starts.
func TransferOrder() *rapid.Generator[intent.GaslessCrossChainOrder] {
	return rapid.Custom(func(t *rapid.T) intent.GaslessCrossChainOrder {
		d := TransferOrderData().Draw(t, "orderData")
		return intent.GaslessCrossChainOrder{
			OriginSettler: Address().Draw(t, "originSettler"),
			User:          Address().Draw(t, "user"),
			Nonce:         Uint256().Draw(t, "nonce"),
			OriginChainID: ChainID().Draw(t, "originChainId"),
			OpenDeadline:  rapid.Uint32().Draw(t, "openDeadline"),
			FillDeadline:  d.DecayStartTime + rapid.Uint32Range(0, 1<<30).Draw(t, "fillWindow"),
			OrderDataType: intent.TransferOrderDataType.TypeHash(),
			OrderData:     d.AppendABI(nil),
		}
	})
}

// Destination is an honest in-process destination chain: each Fill produces a block of
// receipts (other transactions around the fill), builds its receipts trie with
// proof/mpt, and records the root in Roots at the chosen finality. It is not safe for
// concurrent use.
type Destination struct {
	Chain  interop.ChainID
	Roots  *lightclient.Memory
	Height uint64 // height of the last block built
	// Before is how many unrelated receipts precede the fill in each block.
	Before int
}

// NewDestination returns an empty destination chain whose roots go to roots.
func NewDestination(chain interop.ChainID, roots *lightclient.Memory) *Destination {
	return &Destination{Chain: chain, Roots: roots}
}

// FillReceipt returns the receipt of a successful fill transaction: an ERC-20 Transfer
// log per output from the solver to the recipient, then the settler's OrderFilled.
func FillReceipt(f *intent.Fill, gasUsed uint64) mpt.Receipt {
	transfer := interop.Hash{0xdd, 0xf2, 0x52, 0xad, 0x1b, 0xe2, 0xc8, 0x9b, 0x69, 0xc2, 0xb0, 0x68, 0xfc, 0x37, 0x8d, 0xaa, 0x95, 0x2b, 0xa7, 0xf1, 0x63, 0xc4, 0xa1, 0x16, 0x28, 0xf5, 0x5a, 0x4d, 0xf5, 0x23, 0xb3, 0xef}
	r := mpt.Receipt{Type: 2, Status: 1, CumulativeGasUsed: gasUsed}
	for _, o := range f.Outputs {
		token, _ := intent.WordAddress(o.Token)
		amount := o.Amount.Bytes32()
		r.Logs = append(r.Logs, mpt.Log{Address: token, Topics: []interop.Hash{transfer, f.Solver, o.Recipient}, Data: amount[:]})
	}
	r.Logs = append(r.Logs, intent.FillLog(f))
	return r
}

// Include builds the next block with d.Before unrelated receipts followed by rcpt,
// records its receipts root at finality, and returns the proof of rcpt.
func (d *Destination) Include(rcpt mpt.Receipt, finality lightclient.Finality) (intent.FillProof, error) {
	d.Height++
	var trie mpt.Trie
	gas := uint64(0)
	for i := range d.Before {
		gas += 21000
		noise := mpt.Receipt{Type: 2, Status: uint64(i & 1), CumulativeGasUsed: gas}
		trie.Update(mpt.IndexKey(uint64(i)), noise.EncodeRLP(nil))
	}
	idx := uint64(d.Before)
	rcpt.CumulativeGasUsed += gas
	trie.Update(mpt.IndexKey(idx), rcpt.EncodeRLP(nil))
	root := lightclient.Root{Chain: d.Chain, Height: d.Height, Kind: lightclient.ReceiptsRoot, Value: trie.Root(), Finality: finality}
	if err := d.Roots.Add(root); err != nil {
		return intent.FillProof{}, fmt.Errorf("intenttest: %w", err)
	}
	return intent.FillProof{
		Chain:    d.Chain,
		Height:   d.Height,
		TxIndex:  idx,
		LogIndex: uint64(len(rcpt.Logs) - 1),
		Proof:    trie.Prove(mpt.IndexKey(idx)),
	}, nil
}

// HonestFill returns the fill a correct solver makes of terms' leg at fillTime: every
// maxSpent output on the leg's chain, at exactly the amount owed then.
func HonestFill(terms *intent.FillTerms, solver interop.Address, fillTime uint32) (intent.Fill, error) {
	o := terms.Order
	leg := &o.FillInstructions[terms.Leg]
	settler, ok := intent.WordAddress(leg.DestinationSettler)
	if !ok {
		return intent.Fill{}, fmt.Errorf("intenttest: settler %s is no address", leg.DestinationSettler)
	}
	f := intent.Fill{Settler: settler, OrderID: o.OrderID, Solver: intent.AddressWord(solver), FillTime: fillTime}
	for i, out := range o.MaxSpent {
		if !out.ChainID.Eq(&leg.DestinationChainID) {
			continue
		}
		if terms.Owed != nil {
			amt, err := terms.Owed.Owed(i, uint64(fillTime))
			if err != nil {
				return f, err
			}
			out.Amount = amt
		}
		f.Outputs = append(f.Outputs, out)
	}
	return f, nil
}
