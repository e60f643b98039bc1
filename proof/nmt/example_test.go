package nmt_test

import (
	"fmt"

	"github.com/interopkit/interop/proof/nmt"
)

// A rollup fetches its namespace from a tree it knows only by root, and checks it got every
// leaf: the proof fails if the server omits one.
func ExampleVerifyNamespace() {
	h, _ := nmt.NewHasher(1, false)
	tree := nmt.NewTree(h)
	for _, leaf := range []string{"\x01a", "\x02b", "\x02c", "\x03d"} {
		_ = tree.Push([]byte(leaf))
	}
	root := tree.Root()

	ns := []byte{0x02}
	proof, _ := tree.ProveNamespace(ns)
	fmt.Println(nmt.VerifyNamespace(root, ns, [][]byte{[]byte("\x02b"), []byte("\x02c")}, &proof))
	fmt.Println(nmt.VerifyNamespace(root, ns, [][]byte{[]byte("\x02b")}, &proof) != nil)

	absent, _ := tree.ProveNamespace([]byte{0x00})
	fmt.Println(absent.IsEmpty(), nmt.VerifyNamespace(root, []byte{0x00}, nil, &absent))
	// Output:
	// <nil>
	// true
	// true <nil>
}

// Astria commits each rollup's transactions as an RFC 6962 tree; a path proves one.
func ExampleVerifyRFC6962() {
	txs := [][]byte{[]byte("tx-a1"), []byte("tx-a2"), []byte("tx-a3")}
	root := nmt.RFC6962Root(txs)
	path, _ := nmt.RFC6962Path(txs, 2)
	fmt.Println(nmt.VerifyRFC6962(root, txs[2], 2, 3, path))
	// Output: <nil>
}
