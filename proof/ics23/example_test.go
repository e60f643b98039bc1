package ics23_test

import (
	"errors"
	"fmt"

	"github.com/interopkit/interop/proof/ics23"
	"github.com/interopkit/interop/proof/ics23/ics23test"
)

// A light client that trusts a CometBFT app hash checks that a key holds a value, and
// that another key is absent, from the proof bytes a relayer delivered.
func ExampleVerifyMembership() {
	tree := ics23test.New(
		[][]byte{[]byte("channel/0"), []byte("channel/1"), []byte("channel/3")},
		[][]byte{[]byte("OPEN"), []byte("OPEN"), []byte("CLOSED")},
	)
	proof := tree.ProveMembership(1)
	fmt.Println(ics23.VerifyMembership(ics23.TendermintSpec, tree.Root, proof, []byte("channel/1"), []byte("OPEN")))

	err := ics23.VerifyMembership(ics23.TendermintSpec, tree.Root, proof, []byte("channel/1"), []byte("CLOSED"))
	fmt.Println(errors.Is(err, ics23.ErrValueMismatch))

	absent := tree.ProveNonMembership([]byte("channel/2"))
	fmt.Println(ics23.VerifyNonMembership(ics23.TendermintSpec, tree.Root, absent, []byte("channel/2")))
	// Output:
	// <nil>
	// true
	// <nil>
}

// An IBC light client checks a packet commitment in the counterparty's ibc store against
// the app hash of a header it trusts, from the MerkleProof bytes a relayer put in
// MsgRecvPacket.
func ExampleMerkleProof_VerifyMembership() {
	key := []byte("commitments/ports/transfer/channels/channel-0/sequences/1")
	commitment := []byte{0x9b, 0x2f, 0x61, 0x7e}
	ibc := ics23test.NewIAVL([][]byte{key, []byte("nextSequenceSend/ports/transfer/channels/channel-0")}, [][]byte{commitment, {2}})
	bank := ics23test.NewIAVL([][]byte{[]byte("balances")}, [][]byte{{1}})
	app := ics23test.NewApp([][]byte{[]byte("ibc"), []byte("bank")}, []*ics23test.IAVL{ibc, bank})
	proofBytes, _ := app.ProveMembership(1, 0).AppendBinary(nil) // "ibc" sorts after "bank"; key sorts first

	proof, err := ics23.DecodeMerkleProof(proofBytes)
	if err != nil {
		fmt.Println(err)
		return
	}
	path := ics23.NewMerklePath([]byte("ibc"), key)
	fmt.Println(proof.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, commitment))

	err = proof.VerifyMembership(ics23.SDKSpecs, app.AppHash, path, []byte{0})
	fmt.Println(errors.Is(err, ics23.ErrValueMismatch))

	// The same bytes given to the single-proof decoder are named for what they are.
	_, err = ics23.DecodeCommitmentProof(proofBytes)
	fmt.Println(errors.Is(err, ics23.ErrIsMerkleProof))
	// Output:
	// <nil>
	// true
	// true
}

// The proof of an ABCI query with prove=true, as CometBFT's RPC returns it, proves a key
// absent from a module store of the chain whose app hash is trusted.
func ExampleDecodeProofOps() {
	store := ics23test.NewIAVL([][]byte{[]byte("a"), []byte("c")}, [][]byte{{1}, {3}})
	app := ics23test.NewApp([][]byte{[]byte("ibc")}, []*ics23test.IAVL{store})
	chain := app.ProveNonMembership(0, []byte("b"))
	ops, err := ics23.DecodeProofOps(app.ProofOps(0, chain))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ops.VerifyNonMembership(ics23.SDKSpecs, app.AppHash, ics23.NewMerklePath([]byte("ibc"), []byte("b"))))

	_, err = ics23.DecodeProofOpsJSON([]byte(`{"ops":[{"type":"iavl:v","key":"Yg==","data":""}]}`))
	fmt.Println(errors.Is(err, ics23.ErrProofOp))
	// Output:
	// <nil>
	// true
}
