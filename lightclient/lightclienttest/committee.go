package lightclienttest

import (
	"encoding/binary"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/lightclient"
)

// Member is a committee member whose key a test holds, so it can sign claims.
type Member struct {
	Key    *secp256k1.PrivateKey
	Signer lightclient.Signer
}

// Members returns n deterministic ECDSA members; member i's key is 0x1000 + seed*4096 + i
// (big-endian), so that tests can build disjoint committees from different seeds.
func Members(seed uint32, n int) []Member {
	out := make([]Member, n)
	for i := range out {
		var b [32]byte
		binary.BigEndian.PutUint64(b[24:], 0x1000+uint64(seed)*4096+uint64(i))
		k, err := secp256k1.PrivateKeyFromBytes(b[:])
		if err != nil {
			panic(err)
		}
		out[i] = Member{Key: k, Signer: lightclient.ECDSASigner(k.Address())}
	}
	return out
}

// Signers returns the members' Signers, for Threshold.
func Signers(ms []Member) []lightclient.Signer {
	out := make([]lightclient.Signer, len(ms))
	for i, m := range ms {
		out[i] = m.Signer
	}
	return out
}

// Sign returns m's ECDSA signature of c, as a relayer would collect it.
func (m Member) Sign(c lightclient.Claim) [65]byte { return m.Key.Sign(c.SigningDigest()) }

// Attest returns an attestation carrying the signatures of ms, in order, over c.
func Attest(c lightclient.Claim, ms ...Member) *lightclient.Attestation {
	a := &lightclient.Attestation{}
	for _, m := range ms {
		a.ECDSA = append(a.ECDSA, m.Sign(c))
	}
	return a
}

// Claim generates claims over a few small route and epoch values, so that collisions
// between generated claims happen.
func Claim() *rapid.Generator[lightclient.Claim] {
	return rapid.Custom(func(t *rapid.T) lightclient.Claim {
		return lightclient.Claim{
			Origin:      interop.ChainID(rapid.Uint64Range(1, 4).Draw(t, "origin")),
			Destination: interop.ChainID(rapid.Uint64Range(1, 4).Draw(t, "destination")),
			Epoch:       rapid.Uint64Range(0, 3).Draw(t, "epoch"),
			Digest:      Hash().Draw(t, "digest"),
		}
	})
}

// Subset draws a sub-list of ms (each kept or not, order kept).
func Subset(t *rapid.T, ms []Member, label string) []Member {
	var out []Member
	for _, m := range ms {
		if rapid.Bool().Draw(t, label) {
			out = append(out, m)
		}
	}
	return out
}
