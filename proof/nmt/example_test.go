package nmt_test

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/interopkit/interop"
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

// A rollup holds a share proof fetched from a Celestia node (the JSON celestia-node's share
// API returns) and the data root of the block from its light client; one call checks the
// shares are in that block.
func ExampleShareProof_Verify() {
	b, err := os.ReadFile("testdata/blobstream_rollup_height21.json")
	if err != nil {
		panic(err)
	}
	var fixture struct {
		DataRoot   string          `json:"data_root"`
		ShareProof json.RawMessage `json:"share_proof"`
	}
	_ = json.Unmarshal(b, &fixture)
	var dataRoot interop.Hash
	_, _ = hex.Decode(dataRoot[:], []byte(fixture.DataRoot))

	var sp nmt.ShareProof
	if err := json.Unmarshal(fixture.ShareProof, &sp); err != nil {
		panic(err)
	}
	fmt.Println(sp.Verify(dataRoot))
	sp.Data[0][100] ^= 1
	fmt.Println(errors.Is(sp.Verify(dataRoot), nmt.ErrInvalidProof))
	// Output:
	// <nil>
	// true
}

// A raw Celestia share is not an NMT leaf: the leaf is namespace ‖ share. Passing the share
// as a leaf says so.
func ExampleVerifyRange_rawShare() {
	h, _ := nmt.NewHasher(1, false)
	tree := nmt.NewTree(h)
	share := []byte{0x07, 'd', 'a', 't', 'a'} // begins with its namespace, 0x07
	_ = tree.PushData(share[:1], share)       // what Celestia pushes: namespace ‖ share
	proof, _ := tree.ProveRange(0, 1)

	err := nmt.VerifyRange(tree.Root(), 1, [][]byte{share}, &proof)
	fmt.Println(errors.Is(err, nmt.ErrMissingNamespacePrefix))
	fmt.Println(nmt.VerifyRange(tree.Root(), 1, [][]byte{append([]byte{0x07}, share...)}, &proof))
	// Output:
	// true
	// <nil>
}

// A Blobstream contract stores a root over the data roots of a range of Celestia heights;
// a relayer proves one block's data root tuple under it.
func ExampleDataRootTuple_Verify() {
	var tuples []nmt.DataRootTuple
	var leaves [][]byte
	for h := uint64(100); h < 104; h++ {
		t := nmt.DataRootTuple{Height: h, DataRoot: interop.Hash{byte(h)}}
		l := t.Leaf()
		tuples, leaves = append(tuples, t), append(leaves, l[:])
	}
	root := nmt.RFC6962Root(leaves) // what the contract holds for this nonce
	aunts, _ := nmt.RFC6962Path(leaves, 2)
	proof := nmt.MerkleProof{Total: 4, Index: 2, Aunts: aunts} // key = height − first height
	fmt.Println(tuples[2].Verify(root, &proof))
	fmt.Println(errors.Is(tuples[3].Verify(root, &proof), nmt.ErrDataRootTuple))
	// Output:
	// <nil>
	// true
}
