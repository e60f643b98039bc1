package intent

import (
	"fmt"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

// FillProof is the evidence of a fill on a destination chain: the receipt of the fill
// transaction, proven against the receipts root of its block.
type FillProof struct {
	Chain    interop.ChainID // destination chain
	Height   uint64          // block whose receiptsRoot the proof is against
	TxIndex  uint64          // position of the fill transaction in the block
	LogIndex uint64          // position of the OrderFilled log among the receipt's logs
	Proof    [][]byte        // receipts trie proof, root node first
}

// FillTerms are what a fill of one leg of an order is checked against.
type FillTerms struct {
	Order *ResolvedCrossChainOrder
	// Leg is the index of the fill instruction being settled.
	Leg int
	// Owed gives the least amount of each output owed at fill time, typically the
	// order's OrderData; nil means every maxSpent amount in full.
	Owed interface {
		Owed(i int, fillTime uint64) (uint256.Int, error)
	}
	// Finality is the least finality the destination root must have.
	Finality lightclient.Finality
}

// VerifyFill checks that a fill of terms.Order's leg happened, as proven by p against a
// root from roots, and returns the fill; the solver to pay is Fill.Solver. The checks, in
// order, each with the error it returns:
//
//	a) the leg exists and its destination chain is p.Chain (ErrWrongChain, ErrOverflow);
//	   its destinationSettler is a left-padded EVM address (ErrWrongSettler);
//	b) roots has the receipts root of p.Chain at p.Height, at least terms.Finality final
//	   (ErrNoRoot, also wrapping the source's error);
//	c) p.Proof proves a receipt at p.TxIndex under that root (ErrInvalidProof, also
//	   wrapping proof/mpt's error), and the receipt's status is success (ErrFillReverted);
//	d) the receipt has a log at p.LogIndex, emitted by the destinationSettler
//	   (ErrNoFillEvent, ErrWrongSettler), that decodes as OrderFilled (ErrNoFillEvent,
//	   ErrMalformed, ErrTooLarge) for the order's orderId (ErrWrongOrder);
//	e) fillTimestamp ≤ fillDeadline (ErrLateFill: the deadline is inclusive, as Across's
//	   fillDeadline >= block.timestamp);
//	f) the event's outputs are the order's maxSpent outputs on this chain, in order and as
//	   many (ErrShortFill), each with the same token (ErrWrongToken), recipient
//	   (ErrWrongRecipient) and chainId (ErrWrongChain), and an amount at least Owed at the
//	   fill time (ErrShortFill);
//	g) the solver is a left-padded EVM address, payable on the origin chain (ErrMalformed).
//
// The receipt proof, the only attacker-sized input, is walked only after the cheap checks
// on the order; the walk is proof/mpt's (linear in the proof), the event decode is
// DecodeFill's, and f) is one pass over maxSpent and the fill's outputs. VerifyFill does not track which orders were settled: the caller's escrow
// must release each order once.
func VerifyFill(terms *FillTerms, p *FillProof, roots lightclient.RootSource) (Fill, error) {
	o := terms.Order
	if terms.Leg < 0 || terms.Leg >= len(o.FillInstructions) {
		return Fill{}, fmt.Errorf("%w: leg %d of %d fill instructions", ErrInvalidOrder, terms.Leg, len(o.FillInstructions))
	}
	leg := &o.FillInstructions[terms.Leg]
	chain, err := ChainOf(&leg.DestinationChainID)
	if err != nil {
		return Fill{}, fmt.Errorf("leg %d: %w", terms.Leg, err)
	}
	if chain != p.Chain {
		return Fill{}, fmt.Errorf("%w: leg %d is for chain %d, proof from chain %d", ErrWrongChain, terms.Leg, chain, p.Chain)
	}
	settler, ok := WordAddress(leg.DestinationSettler)
	if !ok {
		return Fill{}, fmt.Errorf("%w: destinationSettler %s is no EVM address", ErrWrongSettler, leg.DestinationSettler)
	}

	root, err := lightclient.RequireFinality(roots, terms.Finality).Root(p.Chain, p.Height, lightclient.ReceiptsRoot)
	if err != nil {
		return Fill{}, fmt.Errorf("%w: chain %d block %d: %w", ErrNoRoot, p.Chain, p.Height, err)
	}
	if root.Chain != p.Chain || root.Height != p.Height || root.Kind != lightclient.ReceiptsRoot {
		return Fill{}, fmt.Errorf("%w: asked for the receipts root of chain %d at %d, got %s", ErrNoRoot, p.Chain, p.Height, root)
	}
	rcpt, err := mpt.VerifyReceipt(root.Value, p.TxIndex, p.Proof)
	if err != nil {
		return Fill{}, fmt.Errorf("%w: %w", ErrInvalidProof, err)
	}
	if !rcpt.Succeeded() {
		return Fill{}, fmt.Errorf("%w: receipt %d of block %d has status %d", ErrFillReverted, p.TxIndex, p.Height, rcpt.Status)
	}

	if p.LogIndex >= uint64(len(rcpt.Logs)) {
		return Fill{}, fmt.Errorf("%w: log %d of %d", ErrNoFillEvent, p.LogIndex, len(rcpt.Logs))
	}
	log := &rcpt.Logs[p.LogIndex]
	if log.Address != settler {
		return Fill{}, fmt.Errorf("%w: log emitted by %s, destinationSettler is %s", ErrWrongSettler, log.Address, settler)
	}
	f, err := DecodeFill(log)
	if err != nil {
		return Fill{}, err
	}
	if f.OrderID != o.OrderID {
		return f, fmt.Errorf("%w: fill of %s, order %s", ErrWrongOrder, f.OrderID, o.OrderID)
	}
	if f.FillTime > o.FillDeadline {
		return f, fmt.Errorf("%w: filled at %d, fillDeadline %d", ErrLateFill, f.FillTime, o.FillDeadline)
	}
	if err := checkOutputs(terms, &leg.DestinationChainID, &f); err != nil {
		return f, err
	}
	if _, ok := WordAddress(f.Solver); !ok {
		return f, fmt.Errorf("%w: solver %s is no EVM address", ErrMalformed, f.Solver)
	}
	return f, nil
}

func checkOutputs(terms *FillTerms, chain *uint256.Int, f *Fill) error {
	j := 0
	for i := range terms.Order.MaxSpent {
		want := &terms.Order.MaxSpent[i]
		if !want.ChainID.Eq(chain) {
			continue
		}
		if j >= len(f.Outputs) {
			return fmt.Errorf("%w: fill has %d outputs, order promises more on chain %s", ErrShortFill, len(f.Outputs), chain.Dec())
		}
		got := &f.Outputs[j]
		j++
		if got.Token != want.Token {
			return fmt.Errorf("%w: output %d token %s, promised %s", ErrWrongToken, i, got.Token, want.Token)
		}
		if got.Recipient != want.Recipient {
			return fmt.Errorf("%w: output %d to %s, promised to %s", ErrWrongRecipient, i, got.Recipient, want.Recipient)
		}
		if !got.ChainID.Eq(&want.ChainID) {
			return fmt.Errorf("%w: output %d on chain %s, promised on %s", ErrWrongChain, i, got.ChainID.Dec(), want.ChainID.Dec())
		}
		owed := want.Amount
		if terms.Owed != nil {
			var err error
			if owed, err = terms.Owed.Owed(i, uint64(f.FillTime)); err != nil {
				return fmt.Errorf("output %d owed at %d: %w", i, f.FillTime, err)
			}
		}
		if got.Amount.Lt(&owed) {
			return fmt.Errorf("%w: output %d amount %s, owed %s at %d", ErrShortFill, i, got.Amount.Dec(), owed.Dec(), f.FillTime)
		}
	}
	if j != len(f.Outputs) {
		return fmt.Errorf("%w: fill has %d outputs, order promises %d on chain %s", ErrShortFill, len(f.Outputs), j, chain.Dec())
	}
	return nil
}

// RefundEligible reports whether the user may reclaim the escrowed inputs at time now:
// only once the fill deadline has passed (now > fillDeadline; a fill at the deadline
// itself is still valid), else ErrNotExpired. The caller must also know the order was not
// settled to a solver; a fill proven after the deadline is refused by VerifyFill, so a
// refund and a payout cannot both be justified.
func RefundEligible(o *ResolvedCrossChainOrder, now uint64) error {
	if now <= uint64(o.FillDeadline) {
		return fmt.Errorf("%w: now %d, fillDeadline %d", ErrNotExpired, now, o.FillDeadline)
	}
	return nil
}
