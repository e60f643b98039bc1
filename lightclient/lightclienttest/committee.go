package lightclienttest

import (
	"encoding/binary"
	"math/big"

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

// secp256k1 parameters, for SignWithNonce's reference arithmetic.
var (
	secpP, _  = new(big.Int).SetString("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16)
	secpN, _  = new(big.Int).SetString("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16)
	secpGx, _ = new(big.Int).SetString("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", 16)
	secpGy, _ = new(big.Int).SetString("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8", 16)
)

// SignWithNonce returns m's signature of c made with the nonce k (k mod n must not be
// zero), low-s, r‖s‖v with v in {0,1}: another valid signature by the same member than
// Sign's, as a signer with a random nonce makes. Tests use it for "one member, two
// signatures", which must count once. It is slow reference arithmetic (math/big).
func (m Member) SignWithNonce(c lightclient.Claim, k uint64) [65]byte {
	d := m.Key.Bytes()
	digest := c.SigningDigest()
	kk := new(big.Int).SetUint64(k)
	rx, ry := secpMul(kk)
	r := new(big.Int).Mod(rx, secpN)
	z := new(big.Int).SetBytes(digest[:])
	s := new(big.Int).Mul(r, new(big.Int).SetBytes(d[:]))
	s.Add(s, z)
	s.Mul(s, new(big.Int).ModInverse(kk, secpN))
	s.Mod(s, secpN)
	v := byte(ry.Bit(0))
	if s.Cmp(new(big.Int).Rsh(secpN, 1)) > 0 {
		s.Sub(secpN, s)
		v ^= 1
	}
	var sig [65]byte
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:64])
	sig[64] = v
	return sig
}

// secpMul returns k·G in affine coordinates (double-and-add; k > 0).
func secpMul(k *big.Int) (*big.Int, *big.Int) {
	var x, y *big.Int // nil: the point at infinity
	for i := k.BitLen() - 1; i >= 0; i-- {
		x, y = secpAdd(x, y, x, y)
		if k.Bit(i) == 1 {
			x, y = secpAdd(x, y, secpGx, secpGy)
		}
	}
	return x, y
}

func secpAdd(x1, y1, x2, y2 *big.Int) (*big.Int, *big.Int) {
	if x1 == nil {
		return x2, y2
	}
	if x2 == nil {
		return x1, y1
	}
	var l *big.Int
	if x1.Cmp(x2) == 0 {
		if y1.Cmp(y2) != 0 || y1.Sign() == 0 {
			return nil, nil
		}
		l = new(big.Int).Mul(x1, x1)
		l.Mul(l, big.NewInt(3))
		l.Mul(l, new(big.Int).ModInverse(new(big.Int).Lsh(y1, 1), secpP))
	} else {
		l = new(big.Int).Sub(y2, y1)
		l.Mul(l, new(big.Int).ModInverse(new(big.Int).Sub(x2, x1).Mod(new(big.Int).Sub(x2, x1), secpP), secpP))
	}
	l.Mod(l, secpP)
	x3 := new(big.Int).Mul(l, l)
	x3.Sub(x3, x1).Sub(x3, x2).Mod(x3, secpP)
	y3 := new(big.Int).Sub(x1, x3)
	y3.Mul(y3, l).Sub(y3, y1).Mod(y3, secpP)
	return x3, y3
}
