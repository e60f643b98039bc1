package secp256k1

import (
	"crypto/sha256"

	curve "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"

	"github.com/interopkit/interop"
)

// Sign returns the 65-byte signature r‖s‖v of a 32-byte digest, as go-ethereum's crypto.Sign:
//   - the nonce is RFC 6979 (section 3.2) with HMAC-SHA256, over the private key and the
//     digest reduced mod n (bits2octets), as libsecp256k1 does; go-ethereum's pure-Go build
//     (decred) feeds the unreduced digest to HMAC, so it signs digests ≥ n differently;
//   - e = digest mod n (SEC 1 section 4.1.3 step 5), s = k⁻¹(e + r·d) mod n;
//   - s is normalized to s ≤ n/2 (EIP-2), flipping the parity bit of v;
//   - v in {0, 1} is the parity of R.y. Add 27 for eth_sign / EIP-712 and ecrecover.
//
// A nonce k is skipped (RFC 6979 section 3.2 step h.3 draws the next one) when r = 0 or s = 0,
// and also when R.x ≥ n: such an R needs a recovery id of 2 or 3, which v in {0, 1} cannot
// carry. libsecp256k1 returns those ids instead; the case has probability below 2^-127.
//
// Sign is deterministic and does not read randomness. Its inversions run in variable time on
// blinded inputs (k·b and Z·b' for secret b, b' derived from the key and digest), so their
// timing says nothing about k; the table lookups of k·G do depend on k, and Sign is not
// hardened against cache-timing attacks.
func (k *PrivateKey) Sign(digest interop.Hash) [65]byte {
	e := reduceDigest((*[32]byte)(&digest))
	x := k.d.bytes()
	h1 := e.bytes()
	drbg := newRFC6979(&x, &h1)
	d := k.d.toFr()
	ef := e.toFr()
	bn, bp := blinding(&x, h1[:])
	for {
		kk := drbg.next()
		if !kk.inScalarRange() {
			continue
		}
		rj := mulGen(&kk)
		var rAff curve.G1Affine
		toAffineBlinded(&rAff, &rj, &bp) // k ≠ 0 mod n, so R is not infinity
		rx := limbs(rAff.X.Bits())
		if rx.isZero() || rx.cmp(&orderN) >= 0 {
			continue
		}
		// s = k⁻¹(e + r·d)
		rf := rx.toFr()
		var s, kb fr.Element
		s.Mul(&rf, &d).Add(&s, &ef)
		kf := kk.toFr()
		kb.Mul(&kf, &bn)
		kinv := invVarN(&kb) // (k·b)⁻¹·b = k⁻¹
		kinv.Mul(&kinv, &bn)
		s.Mul(&s, &kinv)
		sl := frToLimbs(&s)
		if sl.isZero() {
			continue
		}
		v := byte(rAff.Y.Bits()[0] & 1)
		if sl.cmp(&halfN) > 0 {
			// EIP-2: publish n - s; the signature of -k has R negated, so y's parity flips.
			m := orderN
			m.sub(&sl)
			sl = m
			v ^= 1
		}
		var sig [65]byte
		rb, sb := rx.bytes(), sl.bytes()
		copy(sig[:32], rb[:])
		copy(sig[32:64], sb[:])
		sig[64] = v
		return sig
	}
}

// rfc6979 is the HMAC_DRBG of RFC 6979 section 3.2 for SHA-256 and a 256-bit order: qlen =
// hlen = 256, so bits2int(T) is T itself and one HMAC output fills a candidate.
type rfc6979 struct {
	k, v    [32]byte
	started bool
}

// newRFC6979 runs steps b to g for private key x and h1 = bits2octets(digest) = digest mod n.
func newRFC6979(x, h1 *[32]byte) rfc6979 {
	var g rfc6979 // step c: K = 0x00 0x00 ... 0x00
	for i := range g.v {
		g.v[i] = 0x01 // step b
	}
	var buf [32 + 1 + 32 + 32]byte
	copy(buf[:32], g.v[:])
	buf[32] = 0x00
	copy(buf[33:65], x[:])
	copy(buf[65:], h1[:])
	g.k = hmacSHA256(&g.k, buf[:]) // step d
	g.v = hmacSHA256(&g.k, g.v[:]) // step e
	copy(buf[:32], g.v[:])
	buf[32] = 0x01
	g.k = hmacSHA256(&g.k, buf[:]) // step f
	g.v = hmacSHA256(&g.k, g.v[:]) // step g
	return g
}

// next returns the next candidate nonce (step h); after the first, it applies step h.3.
func (g *rfc6979) next() limbs {
	if g.started {
		var buf [33]byte
		copy(buf[:32], g.v[:])
		g.k = hmacSHA256(&g.k, buf[:])
		g.v = hmacSHA256(&g.k, g.v[:])
	}
	g.started = true
	g.v = hmacSHA256(&g.k, g.v[:])
	return limbsFromBytes(&g.v)
}

// hmacSHA256 is HMAC (RFC 2104) with a 32-byte key and a message of at most 97 bytes, in fixed
// buffers: crypto/hmac allocates per call.
func hmacSHA256(key *[32]byte, msg []byte) [32]byte {
	const block = 64
	var inner [block + 97]byte
	var outer [block + 32]byte
	for i := range block {
		var b byte
		if i < 32 {
			b = key[i]
		}
		inner[i] = b ^ 0x36
		outer[i] = b ^ 0x5c
	}
	n := copy(inner[block:], msg)
	ih := sha256.Sum256(inner[:block+n])
	copy(outer[block:], ih[:])
	return sha256.Sum256(outer[:])
}

// blinding derives secret non-zero factors mod n and mod p from the key: HMAC-SHA256(x, data ‖
// "blind"), top bit cleared so the value is below both moduli.
func blinding(x *[32]byte, data []byte) (fr.Element, fp.Element) {
	var msg [32 + 5]byte
	n := copy(msg[:], data)
	n += copy(msg[n:], "blind")
	b := hmacSHA256(x, msg[:n])
	b[0] &= 0x7f
	bn, _ := fr.BigEndian.Element(&b)
	bp, _ := fp.BigEndian.Element(&b)
	if bn.IsZero() || bp.IsZero() {
		bn.SetOne()
		bp.SetOne()
	}
	return bn, bp
}
