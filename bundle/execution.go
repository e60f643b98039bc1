package bundle

import (
	"bytes"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/proof/mpt"
)

// Outcome is what happened to one leg on its chain.
type Outcome uint8

const (
	// Executed: included, succeeded, and showed its expected effect.
	Executed Outcome = iota + 1
	// Reverted: included, and failed.
	Reverted
	// Ineffective: included and succeeded, but without the effect the leg expects (the
	// expected log was not emitted). For atomicity it counts as not executed.
	Ineffective
	// Missing: not included anywhere in the leg's window.
	Missing
)

func (o Outcome) String() string {
	switch o {
	case Executed:
		return "executed"
	case Reverted:
		return "reverted"
	case Ineffective:
		return "succeeded without its effect"
	case Missing:
		return "missing"
	}
	return fmt.Sprintf("Outcome(%d)", uint8(o))
}

// BlockTxs is every transaction of one block, in order: the evidence that a transaction is
// not in it (their DeriveRoot must be the block's transactionsRoot).
type BlockTxs struct {
	Block uint64
	Txs   [][]byte
}

// LegEvidence is what a relayer submits for one leg. For an included leg: the block, the
// transaction's index and two proofs (transaction and receipt tries). For a missing leg:
// the full transaction list of every block of the leg's window.
type LegEvidence struct {
	Chain        interop.ChainID
	Block        uint64
	Index        uint64
	TxProof      [][]byte
	ReceiptProof [][]byte
	Absent       []BlockTxs
}

// ExecutionVerifier checks one leg's evidence and says what happened to it, with the
// finality of the weakest root the conclusion rests on. It returns an error, never an
// outcome, when the evidence does not prove one.
type ExecutionVerifier interface {
	VerifyLeg(leg *Leg, ev *LegEvidence) (Outcome, lightclient.Finality, error)
}

// MaxAbsenceBlocks bounds the window over which ReceiptVerifier proves a leg Missing: the
// evidence lists every block of the window, so a longer window (up to 2^64 heights) cannot
// be covered and is refused with ErrAbsenceWindow.
const MaxAbsenceBlocks = 1 << 16

// ReceiptVerifier is the EVM ExecutionVerifier: transaction and receipt proofs (proof/mpt)
// against the transactions and receipts roots that Roots gives for the block.
type ReceiptVerifier struct {
	Roots lightclient.RootSource
}

// VerifyLeg checks, for an included leg: the block is within the leg's height window; the
// transaction proof shows exactly the leg's bytes at Index under the block's
// transactionsRoot; the receipt proof shows the receipt at the same Index under its
// receiptsRoot; then status and expected log decide Executed, Reverted or Ineffective. For
// a missing leg: the window is bounded, opens, spans at most MaxAbsenceBlocks heights
// (ErrAbsenceWindow otherwise, before any block is read), and for every height in it the
// evidence lists the block's complete transactions (DeriveRoot equals the
// transactionsRoot) without the leg. Timestamp windows are the sequencer's to enforce:
// roots carry no timestamps.
//
// Bound: an included leg costs two root lookups and two proof/mpt verifications (at most
// mpt.MaxProofNodes nodes each, linear in the proof bytes); a missing leg one root lookup,
// one DeriveRoot and one scan per block: linear in the evidence.
func (v ReceiptVerifier) VerifyLeg(leg *Leg, ev *LegEvidence) (Outcome, lightclient.Finality, error) {
	if v.Roots == nil {
		return 0, 0, fmt.Errorf("%w: no root source to check it against", ErrEvidence)
	}
	if ev.Chain != leg.Chain {
		return 0, 0, fmt.Errorf("%w: evidence for chain %d, leg on %d", ErrEvidence, ev.Chain, leg.Chain)
	}
	if ev.Absent != nil {
		return v.verifyMissing(leg, ev)
	}
	w := leg.Window
	if ev.Block < w.MinHeight || (w.MaxHeight != 0 && ev.Block > w.MaxHeight) {
		return 0, 0, fmt.Errorf("%w: block %d outside the leg's window [%d, %d]", ErrEvidence, ev.Block, w.MinHeight, w.MaxHeight)
	}
	txRoot, err := v.Roots.Root(ev.Chain, ev.Block, lightclient.TransactionsRoot)
	if err != nil {
		return 0, 0, err
	}
	rcRoot, err := v.Roots.Root(ev.Chain, ev.Block, lightclient.ReceiptsRoot)
	if err != nil {
		return 0, 0, err
	}
	tx, err := mpt.VerifyTransaction(txRoot.Value, ev.Index, ev.TxProof)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: transaction proof: %w", ErrEvidence, err)
	}
	if !bytes.Equal(tx, leg.Tx) {
		return 0, 0, fmt.Errorf("%w: block %d index %d holds another transaction", ErrEvidence, ev.Block, ev.Index)
	}
	rec, err := mpt.VerifyReceipt(rcRoot.Value, ev.Index, ev.ReceiptProof)
	if err != nil {
		return 0, 0, fmt.Errorf("%w: receipt proof: %w", ErrEvidence, err)
	}
	fin := lightclient.MinFinality(txRoot.Finality, rcRoot.Finality)
	switch {
	case !rec.Succeeded():
		return Reverted, fin, nil
	case leg.Expect != nil && leg.Expect.Log != nil && !emits(&rec, leg.Expect.Log):
		return Ineffective, fin, nil
	}
	return Executed, fin, nil
}

func (v ReceiptVerifier) verifyMissing(leg *Leg, ev *LegEvidence) (Outcome, lightclient.Finality, error) {
	w := leg.Window
	// Absence needs one complete block per height of the window, so the window must be
	// bounded, open, and short enough for evidence to cover. Its span is never computed as
	// MaxHeight-MinHeight+1, which wraps to 0 for [0, 2^64-1] and would let an empty list
	// prove absence; last is the offset of the window's last height.
	switch {
	case w.MaxHeight == 0:
		return 0, 0, fmt.Errorf("%w: %w: unbounded window [%d, ∞)", ErrEvidence, ErrAbsenceWindow, w.MinHeight)
	case w.MinHeight > w.MaxHeight:
		return 0, 0, fmt.Errorf("%w: %w: window [%d, %d] never opens", ErrEvidence, ErrAbsenceWindow, w.MinHeight, w.MaxHeight)
	}
	last := w.MaxHeight - w.MinHeight
	if last >= MaxAbsenceBlocks {
		return 0, 0, fmt.Errorf("%w: %w: window [%d, %d] is longer than %d blocks", ErrEvidence, ErrAbsenceWindow, w.MinHeight, w.MaxHeight, MaxAbsenceBlocks)
	}
	if uint64(len(ev.Absent)) != last+1 { // last+1 <= MaxAbsenceBlocks: no wrap
		return 0, 0, fmt.Errorf("%w: %d blocks of absence for the %d heights of window [%d, %d]", ErrEvidence, len(ev.Absent), last+1, w.MinHeight, w.MaxHeight)
	}
	fin := lightclient.Finalized
	for i, b := range ev.Absent {
		if b.Block != w.MinHeight+uint64(i) {
			return 0, 0, fmt.Errorf("%w: absence block %d, want %d", ErrEvidence, b.Block, w.MinHeight+uint64(i))
		}
		root, err := v.Roots.Root(ev.Chain, b.Block, lightclient.TransactionsRoot)
		if err != nil {
			return 0, 0, err
		}
		if got := mpt.DeriveRoot(b.Txs); got != root.Value {
			return 0, 0, fmt.Errorf("%w: block %d transactions give root %s, trusted %s", ErrEvidence, b.Block, got, root.Value)
		}
		for _, tx := range b.Txs {
			if bytes.Equal(tx, leg.Tx) {
				return 0, 0, fmt.Errorf("%w: the leg is in block %d", ErrEvidence, b.Block)
			}
		}
		fin = min(fin, root.Finality)
	}
	return Missing, fin, nil
}

// emits reports whether the receipt holds a log matching m.
func emits(r *mpt.Receipt, m *LogMatch) bool {
	for _, l := range r.Logs {
		if l.Address != m.Address || len(l.Topics) < len(m.Topics) {
			continue
		}
		match := true
		for i, t := range m.Topics {
			match = match && l.Topics[i] == t
		}
		if match && (m.Data == nil || bytes.Equal(l.Data, m.Data)) {
			return true
		}
	}
	return false
}

// ExecutionStatus is the atomic-execution verdict.
type ExecutionStatus uint8

const (
	// AllExecuted: every leg executed (a MayRevert leg may instead have reverted).
	AllExecuted ExecutionStatus = iota + 1
	// NoneExecuted: no leg executed.
	NoneExecuted
	// Violated: some legs executed and others did not: atomicity was broken. The evidence
	// names the legs that failed it.
	Violated
)

func (s ExecutionStatus) String() string {
	switch s {
	case AllExecuted:
		return "all executed"
	case NoneExecuted:
		return "none executed"
	case Violated:
		return "atomicity violated"
	}
	return fmt.Sprintf("ExecutionStatus(%d)", uint8(s))
}

// LegResult is one leg's proven outcome.
type LegResult struct {
	Leg      int
	Outcome  Outcome
	Finality lightclient.Finality
	Evidence *LegEvidence
}

// Execution is the verdict, at the finality of its weakest root, with per-leg results;
// Violations lists the legs that broke atomicity (those not executed while others were).
type Execution struct {
	Status     ExecutionStatus
	Finality   lightclient.Finality
	Legs       []LegResult
	Violations []int
}

// CheckExecution verifies every leg's evidence with v and decides the verdict. Any evidence
// that does not verify makes it an error: a verdict is never built on unproven legs.
//
// It decides in this order; the first case that applies is the result. Cases a) to f) are
// Validate's (with no chain check: known is nil), and c) to f) run leg by leg, so the first
// faulty leg decides, by the first of c) to f) it fails:
//
//	a) no legs: ErrEmpty;
//	b) more than MaxLegs legs: ErrTooManyLegs;
//	c) a leg's transaction is empty or longer than MaxTxSize: ErrOversize;
//	d) a leg's window never opens: ErrWindow;
//	e) a leg expects a log of more than MaxTopics topics or MaxEffectLen data bytes: ErrEffect;
//	f) a leg repeats an earlier leg's chain and transaction: ErrDuplicateLeg;
//	g) v is nil: ErrEvidence;
//	h) the evidence is not exactly one piece per leg: ErrEvidence;
//	i) v.VerifyLeg fails on a leg (legs verified in order): its error, prefixed "leg i: ";
//	   the later legs are not verified;
//	   an answer that is not one of the four Outcomes, or a Finality that is not Valid,
//	   is ErrEvidence (a custom verifier's Outcome(0) must not count as included);
//	j) no leg is Executed: NoneExecuted, without Violations, whatever the MayRevert marks
//	   (legs that all reverted, or are all missing, kept atomicity);
//	k) otherwise each leg that is not Executed is a violation, unless it is MayRevert and
//	   was included (Reverted or Ineffective): a MayRevert leg that is Missing is one;
//	l) no violation: AllExecuted;
//	m) else Violated, Violations listing the violating legs in leg order.
//
// a) to i) return the zero Execution. From j) on, Finality is the lowest of the legs'
// finalities, and each LegResult's Evidence points into the caller's evidence slice.
//
// Bound: Validate, then exactly one VerifyLeg per leg (at most MaxLegs); memory one result
// per leg beyond what v uses.
func CheckExecution(b *Bundle, v ExecutionVerifier, evidence []LegEvidence) (Execution, error) {
	if err := b.Validate(nil); err != nil {
		return Execution{}, err
	}
	if v == nil {
		return Execution{}, fmt.Errorf("%w: no verifier", ErrEvidence)
	}
	if len(evidence) != len(b.Legs) {
		return Execution{}, fmt.Errorf("%w: %d pieces of evidence for %d legs", ErrEvidence, len(evidence), len(b.Legs))
	}
	res := Execution{Finality: lightclient.Finalized, Legs: make([]LegResult, len(b.Legs))}
	executed := 0
	for i := range b.Legs {
		out, fin, err := v.VerifyLeg(&b.Legs[i], &evidence[i])
		if err != nil {
			return Execution{}, fmt.Errorf("leg %d: %w", i, err)
		}
		if out < Executed || out > Missing || !fin.Valid() {
			return Execution{}, fmt.Errorf("%w: leg %d: verifier answered %v at %v", ErrEvidence, i, out, fin)
		}
		res.Legs[i] = LegResult{Leg: i, Outcome: out, Finality: fin, Evidence: &evidence[i]}
		res.Finality = min(res.Finality, fin)
		if out == Executed {
			executed++
		}
	}
	if executed == 0 {
		res.Status = NoneExecuted
		return res, nil
	}
	for i, l := range res.Legs {
		ok := l.Outcome == Executed || (b.Legs[i].MayRevert && l.Outcome != Missing)
		if !ok {
			res.Violations = append(res.Violations, i)
		}
	}
	res.Status = AllExecuted
	if len(res.Violations) > 0 {
		res.Status = Violated
	}
	return res, nil
}
