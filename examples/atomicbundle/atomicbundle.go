package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/bundle"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
	"github.com/interopkit/interop/proof/mpt"
)

const (
	rollupA interop.ChainID = 901
	rollupB interop.ChainID = 902
	rollupC interop.ChainID = 903
	height                  = 1
)

var (
	swapTopic = mpt.Keccak256([]byte("Swap(address,uint256,uint256)"))
	mintTopic = mpt.Keccak256([]byte("BridgeMint(address,uint256)"))
	dex       = interop.Address{0xde, 0x0e}
	bridge    = interop.Address{0xb1, 0xd9}
)

// run runs the demo, writing its report to w.
func run(w io.Writer) error {
	// The user signs the bundle.
	seed := mpt.Keccak256([]byte("user"))
	userKey, err := secp256k1.PrivateKeyFromBytes(seed[:])
	if err != nil {
		return err
	}
	swap := bundle.Leg{Chain: rollupA, Tx: []byte("A: swap 10 ETH for USDC at >= 30000"),
		Expect: &bundle.Effect{Log: &bundle.LogMatch{Address: dex, Topics: []interop.Hash{swapTopic}}},
		Window: bundle.Window{MinHeight: height, MaxHeight: height}}
	mint := bundle.Leg{Chain: rollupB, Tx: []byte("B: bridge-mint the USDC to the user"),
		Expect: &bundle.Effect{Log: &bundle.LogMatch{Address: bridge, Topics: []interop.Hash{mintTopic}}},
		Window: bundle.Window{MinHeight: height, MaxHeight: height}}
	signed, err := bundle.Sign(bundle.Bundle{Legs: []bundle.Leg{swap, mint}, Nonce: 1}, userKey)
	if err != nil {
		return err
	}
	id, err := signed.Verify()
	if err != nil {
		return err
	}
	b := &signed.Bundle
	fmt.Fprintf(w, "bundle %s signed by %s: swap on rollup %d, bridge to rollup %d\n", short(id), b.Submitter, rollupA, rollupB)

	// The shared sequencer orders it with other traffic; a 4-member committee certifies.
	f, err := orderingtest.NewFixture("atomicbundle", 0, interop.Hash{}, []uint64{40, 30, 20, 10}, ordering.Threshold{})
	if err != nil {
		return err
	}
	seq := orderingtest.NewSequencer(f, orderingtest.Keys("atomicbundle-sequencer", 1)[0])
	seq.Signers = []int{0, 1, 2}
	lanes := []orderingtest.Lane{
		{Rollup: rollupA, Txs: [][]byte{[]byte("A: transfer 1"), []byte("A: transfer 2")}},
		{Rollup: rollupB, Txs: [][]byte{[]byte("B: oracle update")}},
		{Rollup: rollupC, Txs: [][]byte{[]byte("C: game move")}},
	}
	cert, err := seq.Propose(lanes, b.Sequenced())
	if err != nil {
		return err
	}
	var blocks []ordering.RollupBlock
	for _, r := range []interop.ChainID{rollupA, rollupB, rollupC} {
		rb, err := seq.RollupBlock(r, height)
		if err != nil {
			return err
		}
		blocks = append(blocks, rb)
	}
	ordered, err := bundle.VerifyOrdered(f.Committee, &cert, blocks)
	if err != nil {
		return err
	}
	inc, err := bundle.CheckInclusion(b, ordered)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "sequencer height %d certified by stake %s of %s (quorum %s)\n\n", height,
		signedStake(f.Committee, seq.Signers), total(f.Committee), quorum(f.Committee))

	// Each rollup executes its ordered transactions; its light client gives us its roots.
	verdicts := make([]bundle.Execution, 2)
	for runIdx, bReverts := range []bool{false, true} {
		roots := &lightclient.Memory{}
		ev := make([]bundle.LegEvidence, len(b.Legs))
		for _, rb := range blocks {
			finality := lightclient.Finalized
			if rb.Rollup == rollupB {
				finality = lightclient.Safe // B's light client has not finalized this block yet
			}
			txTrie, rcTrie, err := execute(rb, bReverts, roots, finality)
			if err != nil {
				return err
			}
			for i, l := range b.Legs {
				for j, tx := range rb.Txs {
					if l.Chain == rb.Rollup && string(tx) == string(l.Tx) {
						key := mpt.IndexKey(uint64(j))
						ev[i] = bundle.LegEvidence{Chain: l.Chain, Block: height, Index: uint64(j), TxProof: txTrie.Prove(key), ReceiptProof: rcTrie.Prove(key)}
					}
				}
			}
		}
		verdicts[runIdx], err = bundle.CheckExecution(b, bundle.ReceiptVerifier{Roots: roots}, ev)
		if err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "%-30s %-36s %s\n", "", "run 1: both legs execute", "run 2: leg B reverts")
	fmt.Fprintf(w, "%-30s %-36s %s\n", "atomic inclusion (ordering)", inc.Status, inc.Status)
	fmt.Fprintf(w, "%-30s %-36s %s\n", "atomic execution (receipts)", verdicts[0].Status, verdicts[1].Status)
	fmt.Fprintf(w, "%-30s %-36s %s\n", "finality of the verdict", verdicts[0].Finality, verdicts[1].Finality)
	for i := range b.Legs {
		fmt.Fprintf(w, "%-30s %-36s %s\n", fmt.Sprintf("  leg %d (rollup %d)", i, b.Legs[i].Chain), verdicts[0].Legs[i].Outcome, verdicts[1].Legs[i].Outcome)
	}
	fmt.Fprintln(w)
	for _, i := range verdicts[1].Violations {
		e := verdicts[1].Legs[i].Evidence
		fmt.Fprintf(w, "evidence of the violation: leg %d is transaction %d of rollup %d block %d,\n", i, e.Index, e.Chain, e.Block)
		fmt.Fprintf(w, "  proven by a %d-node transaction proof and a %d-node receipt proof (status 0)\n", len(e.TxProof), len(e.ReceiptProof))
		fmt.Fprintf(w, "  against roots anyone following rollup %d's light client can check.\n", e.Chain)
	}
	fmt.Fprintln(w, "\nThe sequencer kept its promise both times: it ordered both legs at one height.")
	fmt.Fprintln(w, "Only state proofs show whether the bundle executed atomically.")
	return nil
}

// execute runs a rollup block: every transaction succeeds, the swap and the bridge mint
// emit their events, and in run 2 the bridge mint on B reverts. It records the block's roots
// in roots at the given finality and returns the tries for proofs.
func execute(rb ordering.RollupBlock, bReverts bool, roots *lightclient.Memory, f lightclient.Finality) (*mpt.Trie, *mpt.Trie, error) {
	var txTrie, rcTrie mpt.Trie
	var gas uint64
	for i, tx := range rb.Txs {
		gas += 50_000
		r := mpt.Receipt{Type: 2, Status: 1, CumulativeGasUsed: gas}
		switch {
		case strings.Contains(string(tx), "swap"):
			r.Logs = []mpt.Log{{Address: dex, Topics: []interop.Hash{swapTopic}, Data: []byte("10 ETH -> 30500 USDC")}}
		case strings.Contains(string(tx), "bridge-mint") && bReverts:
			r.Status = 0 // the bridge's rate limit tripped: reverted
		case strings.Contains(string(tx), "bridge-mint"):
			r.Logs = []mpt.Log{{Address: bridge, Topics: []interop.Hash{mintTopic}, Data: []byte("30500 USDC")}}
		}
		txTrie.Update(mpt.IndexKey(uint64(i)), tx)
		rcTrie.Update(mpt.IndexKey(uint64(i)), r.EncodeRLP(nil))
	}
	for _, root := range []lightclient.Root{
		{Chain: rb.Rollup, Height: height, Kind: lightclient.TransactionsRoot, Value: txTrie.Root(), Finality: f},
		{Chain: rb.Rollup, Height: height, Kind: lightclient.ReceiptsRoot, Value: rcTrie.Root(), Finality: f},
	} {
		if err := roots.Add(root); err != nil {
			return nil, nil, err
		}
	}
	return &txTrie, &rcTrie, nil
}

func signedStake(c *ordering.Committee, signers []int) string {
	var s uint64
	for _, i := range signers {
		m := c.Member(i)
		s += m.Stake.Uint64()
	}
	return fmt.Sprint(s)
}

func total(c *ordering.Committee) string  { t := c.TotalStake(); return t.Dec() }
func quorum(c *ordering.Committee) string { q := c.QuorumStake(); return q.Dec() }

func short(h interop.Hash) string { s := h.String(); return s[:10] + "…" }
