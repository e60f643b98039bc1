package secp256k1

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"

	"github.com/interopkit/interop"
)

// pMinusN is p - n: r + n is a field element, and may be R.x, only when r < p - n.
var pMinusN = limbs{0x402DA1722FC9BAEE, 0x4551231950B75FC4, 0x0000000000000001, 0}

// Verify checks an ECDSA signature sig = r‖s over digest (SEC 1 section 4.1.4):
//
//	a) r and s must be in [1, n-1], else ErrInvalidSignature; s > n/2 is accepted;
//	b) with e = digest mod n and w = s⁻¹: X = (e·w)·G + (r·w)·Q;
//	c) X must not be infinity and X.x mod n must equal r, else ErrVerification.
//
// High s is accepted, as in SEC 1 and Wycheproof; use VerifyStrict for Ethereum's rule.
// Cost: one double-scalar multiplication, no allocation on success.
func Verify(pub *PublicKey, digest interop.Hash, sig [64]byte) error {
	return verify(pub, &digest, &sig, false)
}

// VerifyStrict is Verify that also rejects s > n/2 with ErrHighS, as go-ethereum's
// crypto.VerifySignature and libsecp256k1's ecdsa_verify do.
func VerifyStrict(pub *PublicKey, digest interop.Hash, sig [64]byte) error {
	return verify(pub, &digest, &sig, true)
}

func verify(pub *PublicKey, digest *interop.Hash, sig *[64]byte, strict bool) error {
	r, s, err := parseRS(sig[:], strict)
	if err != nil {
		return err
	}
	if pub == nil || pub.p.IsInfinity() {
		return fmt.Errorf("%w: nil or zero public key", ErrInvalidPublicKey)
	}
	e := reduceDigest((*[32]byte)(digest))
	var u1f, u2f fr.Element
	sf := s.toFr()
	w := invVarN(&sf) // s is public
	ef, rf := e.toFr(), r.toFr()
	u1f.Mul(&ef, &w)
	u2f.Mul(&rf, &w)
	u1, u2 := frToLimbs(&u1f), frToLimbs(&u2f)
	q := affFromCurve(&pub.p)
	xj := mulGenAdd(&u1, &u2, &q)
	if xj.isInfinity() {
		return fmt.Errorf("%w: u1·G + u2·Q is infinity", ErrVerification)
	}
	// Compare in Jacobian coordinates, X = x·Z², to skip an inversion: x mod n = r means
	// x = r or, when r + n < p, x = r + n.
	var z2, t fe
	z2.sqr(&xj.z)
	rx := fe(r) // r < n < p
	if t.mul(&rx, &z2); t.equal(&xj.x) {
		return nil
	}
	if r.cmp(&pMinusN) < 0 {
		rn := fe(orderN)
		rn.add(&rn, &rx)
		if t.mul(&rn, &z2); t.equal(&xj.x) {
			return nil
		}
	}
	return fmt.Errorf("%w: r = %x", ErrVerification, r.bytes())
}
