package radius_test

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/ordering/radius"
	"github.com/interopkit/interop/ordering/radius/radiustest"
)

// A user keeps the order commitment tx_orderer returned for its transaction, and checks
// the rollup's block at that height against it; here the leader moved another
// transaction ahead of it.
func ExampleBreach_Verify() {
	key, _ := secp256k1.PrivateKeyFromBytes(bytes.Repeat([]byte{7}, 32))
	leader := radiustest.NewOrderer(key, "rollup-a", 100)
	leader.Send([]byte{0x02, 0x01})
	resp := leader.Send([]byte{0x02, 0x02}).AppendJSON(nil) // the user's: position 1
	late := []byte{0x02, 0x03}
	leader.Send(late)

	c, err := radius.DecodeOrderCommitmentJSON(resp)
	if err != nil {
		panic(err)
	}
	fmt.Println("signed by the leader:", c.Verify(key.Address()) == nil)

	published := radiustest.Insert(leader.Block(), 0, late)[:3]
	b := radius.Breach{Commitment: c, Txs: published}
	fmt.Println("breach:", b.Verify(key.Address()) == nil)
	fmt.Println("position moved:", errors.Is(b.Reason(), radius.ErrPosition))

	b.Txs = leader.Block()
	fmt.Println("honest block kept it:", errors.Is(b.Verify(key.Address()), radius.ErrNotBreach))
	// Output:
	// signed by the leader: true
	// breach: true
	// position moved: true
	// honest block kept it: true
}

// The commitment in the terms of package ordering's neutral model.
func ExampleOrderCommitmentData_Preconf() {
	key, _ := secp256k1.PrivateKeyFromBytes(bytes.Repeat([]byte{7}, 32))
	c := radiustest.NewOrderer(key, "rollup-a", 100).Send([]byte{0x02, 0x01})
	p, _ := c.Data.Preconf(901)
	fmt.Println(p.Rollup, p.First, p.Deadline, p.HasPosition, p.Position)
	// Output: 901 100 100 true 0
}
