package tendermint_test

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"time"

	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
)

// One step of a CometBFT light client: the client trusts header 9, whose
// next_validators_hash names the set that must sign header 10; the signed header is what
// /commit?height=10 returns, the validator set what /validators?height=10 returns. (The
// conformance tests run the same step on a real CometBFT v0.38 chain's RPC responses, from
// the shared vectors.)
func ExampleVerifyAdjacent() {
	key := func(seed byte) ed25519.PrivateKey {
		return ed25519.NewKeyFromSeed(append([]byte{seed}, make([]byte, ed25519.SeedSize-1)...))
	}
	set := tenderminttest.NewSet([]ed25519.PrivateKey{key(1), key(2), key(3)}, []int64{10, 10, 10})
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	trusted := signed(&set, 9, t0)
	untrusted := signed(&set, 10, t0.Add(5*time.Second))
	vals := &set.Vals

	const trustingPeriod, maxClockDrift = 14 * 24 * time.Hour, 10 * time.Second
	now := t0.Add(time.Minute)
	err := tendermint.VerifyAdjacent(&trusted, &untrusted, vals, trustingPeriod, now, maxClockDrift)
	fmt.Printf("height %d %s: %v\n", untrusted.Header.Height, untrusted.Header.ChainID, err)

	// Three weeks later the trusted header has expired: the client must re-bootstrap.
	err = tendermint.VerifyAdjacent(&trusted, &untrusted, vals, trustingPeriod, now.Add(21*24*time.Hour), maxClockDrift)
	fmt.Println(errors.Is(err, tendermint.ErrExpired))

	// A header whose app hash was changed no longer matches what the validators signed.
	untrusted.Header.AppHash = []byte("forged state")
	err = tendermint.VerifyAdjacent(&trusted, &untrusted, vals, trustingPeriod, now, maxClockDrift)
	fmt.Println(errors.Is(err, tendermint.ErrInvalidCommit))
	// Output:
	// height 10 example-1: <nil>
	// true
	// true
}

// A skipping step: from a trusted header at height 100, signed by validators A to D, to
// one at height 1000 signed by a set that changed since. The new header is accepted
// because members of the trusted set holding more than a third of its power (A and B,
// half of it) signed it too. When too few of them did, the client must first verify a
// header in between (bisection).
func ExampleVerifyNonAdjacent() {
	key := func(seed byte) ed25519.PrivateKey {
		return ed25519.NewKeyFromSeed(append([]byte{seed}, make([]byte, ed25519.SeedSize-1)...))
	}
	a, b, c, d, e, f := key(1), key(2), key(3), key(4), key(5), key(6)
	old := tenderminttest.NewSet([]ed25519.PrivateKey{a, b, c, d}, []int64{10, 10, 10, 10})
	moved := tenderminttest.NewSet([]ed25519.PrivateKey{a, b, e, f}, []int64{10, 10, 10, 10})
	rotated := tenderminttest.NewSet([]ed25519.PrivateKey{d, e, f}, []int64{10, 10, 10})

	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	trusted := signed(&old, 100, t0)
	now := t0.Add(2 * time.Hour)
	const trustingPeriod, maxClockDrift = 14 * 24 * time.Hour, 10 * time.Second

	untrusted := signed(&moved, 1000, t0.Add(time.Hour))
	err := tendermint.VerifyNonAdjacent(&trusted, &old.Vals, &untrusted, &moved.Vals,
		trustingPeriod, now, maxClockDrift, tendermint.DefaultTrustLevel)
	fmt.Println("height 1000:", err)

	// Only D, a quarter of the trusted power, signed this one.
	untrusted = signed(&rotated, 1000, t0.Add(time.Hour))
	err = tendermint.VerifyNonAdjacent(&trusted, &old.Vals, &untrusted, &rotated.Vals,
		trustingPeriod, now, maxClockDrift, tendermint.DefaultTrustLevel)
	fmt.Println(errors.Is(err, tendermint.ErrNotTrusted))
	// Output:
	// height 1000: <nil>
	// true
}

// signed returns a header of chain "example-1" at height and time, whose validators (and
// next validators) are s, with a commit every member of s signed.
func signed(s *tenderminttest.Set, height int64, t time.Time) tendermint.SignedHeader {
	var h tendermint.Header
	h.Version.Block = tendermint.BlockProtocol
	h.ChainID = "example-1"
	h.Height = tendermint.Int64(height)
	h.Time = t
	h.ValidatorsHash = s.Vals.Hash()
	h.NextValidatorsHash = s.Vals.Hash()
	h.ProposerAddress = s.Vals.Validators[0].Address
	votes := make([]tenderminttest.Vote, len(s.Keys))
	for i := range votes {
		votes[i] = tenderminttest.ForBlock
	}
	return tendermint.SignedHeader{Header: h, Commit: tenderminttest.Commit(&h, s, 0, votes)}
}
