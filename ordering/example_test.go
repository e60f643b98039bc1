package ordering_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/orderingtest"
)

// A sequencer orders two rollups' transactions; a node of rollup 10 checks that the
// sequencer's block holds all of its transactions, in order, and a quorum certified it.
func Example() {
	f, _ := orderingtest.NewFixture("example", 0, interop.Hash{}, []uint64{40, 30, 20, 10}, ordering.Threshold{})

	b := ordering.NewBuilder()
	_ = b.Add(10, []byte("a1"))
	_ = b.Add(20, []byte("b1"))
	_ = b.Add(10, []byte("a2"))
	genesis := ordering.Commitment{}
	blk, _ := b.Build(ordering.Header{Height: 1, Parent: genesis.Hash(), Timestamp: 12})
	qc, _ := f.Certify(blk.Hash(), []int{0, 1}) // 70 of 100: a quorum

	chain, _ := ordering.NewChain(genesis, f.Committee)
	fmt.Println(chain.Append(&ordering.Certified{Commitment: blk.Commitment, QC: qc}))

	rb, _ := blk.RollupBlock(10)
	fmt.Printf("%s %v\n", rb.Txs, rb.Verify(&blk.Commitment))

	rb.Txs = rb.Txs[1:] // the sequencer hides a1
	fmt.Println(rb.Verify(&blk.Commitment) != nil)
	// Output:
	// <nil>
	// [a1 a2] <nil>
	// true
}

// Two certificates for one height name who signed both and what they stake.
func ExampleEquivocation_Verify() {
	f, _ := orderingtest.NewFixture("example", 0, interop.Hash{}, []uint64{40, 30, 20, 10}, ordering.Threshold{})
	a := ordering.Commitment{Height: 5, Root: ordering.Root{1}}
	b := ordering.Commitment{Height: 5, Root: ordering.Root{2}}
	qa, _ := f.Certify(a.Hash(), []int{0, 1})
	qb, _ := f.Certify(b.Hash(), []int{1, 2, 3})
	off, err := (&ordering.Equivocation{
		A: ordering.Certified{Commitment: a, QC: qa},
		B: ordering.Certified{Commitment: b, QC: qb},
	}).Verify(f.Committee)
	fmt.Println(off.Signers, off.Slashable.Dec(), err)
	// Output: [1] 30 <nil>
}
