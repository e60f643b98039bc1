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
