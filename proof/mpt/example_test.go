package mpt_test

import (
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/mpt"
)

// A state root, an account proof, and the account it proves: the check a bridge or a
// rollup node makes before acting on another chain's state.
func ExampleVerifyAccount() {
	var state mpt.Trie
	addr := interop.Address{0xc0, 0x2a, 0xaa, 0x39}
	acc := mpt.Account{Nonce: 1, StorageRoot: mpt.EmptyRoot, CodeHash: mpt.EmptyCodeHash}
	acc.Balance.SetUint64(32_000_000_000)
	key := mpt.Keccak256(addr[:]) // EIP-1186: the state trie is keyed by keccak256(address)
	state.Update(key[:], acc.EncodeRLP(nil))

	root, proof := state.Root(), state.Prove(key[:])
	got, exists, err := mpt.VerifyAccount(root, addr, proof)
	fmt.Println(exists, got.Nonce, got.Balance.Dec(), err)

	_, exists, err = mpt.VerifyAccount(root, interop.Address{1}, state.Prove(key[:]))
	fmt.Println(exists, err)
	// Output:
	// true 1 32000000000 <nil>
	// false <nil>
}

func ExampleDeriveRoot() {
	receipts := [][]byte{
		(&mpt.Receipt{Type: 2, Status: 1, CumulativeGasUsed: 21000}).EncodeRLP(nil),
		(&mpt.Receipt{Type: 2, Status: 0, CumulativeGasUsed: 50000}).EncodeRLP(nil),
	}
	root := mpt.DeriveRoot(receipts)

	var tr mpt.Trie
	for i, r := range receipts {
		tr.Update(mpt.IndexKey(uint64(i)), r)
	}
	rec, err := mpt.VerifyReceipt(root, 1, tr.Prove(mpt.IndexKey(1)))
	fmt.Println(root == tr.Root(), rec.Succeeded(), rec.CumulativeGasUsed, err)
	// Output: true false 50000 <nil>
}
