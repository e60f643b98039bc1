package secp256k1

import (
	"fmt"

	curve "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// PrivateKey is a secp256k1 secret scalar 0 < d < n with its public key. It is immutable and
// safe for concurrent use.
type PrivateKey struct {
	d   limbs
	pub PublicKey
}

// PrivateKeyFromBytes parses a 32-byte big-endian scalar d and rejects d = 0 and d ≥ n
// (SEC 1 section 3.2.1), as go-ethereum's crypto.ToECDSA does. Any other length is refused
// first; a valid key costs one fixed-base multiplication.
func PrivateKeyFromBytes(b []byte) (*PrivateKey, error) {
	if len(b) != 32 {
		return nil, fmt.Errorf("%w: length %d, want 32", ErrInvalidPrivateKey, len(b))
	}
	d := limbsFromBytes((*[32]byte)(b))
	if !d.inScalarRange() {
		return nil, fmt.Errorf("%w: scalar %x not in [1, n-1]", ErrInvalidPrivateKey, b)
	}
	k := &PrivateKey{d: d}
	q := mulGen(&d)
	_, bp := blinding((*[32]byte)(b), nil)
	toAffineBlinded(&k.pub.p, &q, &bp) // d ≠ 0 mod n, so Q is not infinity
	return k, nil
}

// Bytes returns the 32-byte big-endian scalar.
func (k *PrivateKey) Bytes() [32]byte { return k.d.bytes() }

// PublicKey returns Q = d·G.
func (k *PrivateKey) PublicKey() *PublicKey {
	p := k.pub
	return &p
}

// Address returns the Ethereum address of the key's public key.
func (k *PrivateKey) Address() interop.Address { return k.pub.Address() }

// PublicKey is a point on secp256k1 other than infinity. Every constructor checks that the point
// is on the curve; the group has prime order, so that also puts it in the subgroup. The zero
// value is not a valid key.
type PublicKey struct {
	p curve.G1Affine
}

// PublicKeyFromBytes parses a public key in one of three encodings, told apart by length:
//   - 64 bytes X‖Y, the form Ethereum hashes into an address;
//   - 65 bytes 0x04‖X‖Y, SEC 1 uncompressed (section 2.3.3), as go-ethereum's UnmarshalPubkey;
//   - 33 bytes 0x02‖X or 0x03‖X, SEC 1 compressed, the prefix giving the parity of Y.
//
// Coordinates must be canonical (below p) and the point on the curve. The SEC 1 encoding of
// infinity (a single 0x00) and the hybrid prefixes 0x06/0x07 are rejected. Any other
// length is refused before the bytes are read; a key costs at most one square root.
func PublicKeyFromBytes(b []byte) (*PublicKey, error) {
	var pk PublicKey
	switch len(b) {
	case 64:
		if err := pk.setXY(b); err != nil {
			return nil, err
		}
	case 65:
		if b[0] != 0x04 {
			return nil, fmt.Errorf("%w: uncompressed prefix %#02x, want 0x04", ErrInvalidPublicKey, b[0])
		}
		if err := pk.setXY(b[1:]); err != nil {
			return nil, err
		}
	case 33:
		if b[0] != 0x02 && b[0] != 0x03 {
			return nil, fmt.Errorf("%w: compressed prefix %#02x, want 0x02 or 0x03", ErrInvalidPublicKey, b[0])
		}
		x, err := fp.BigEndian.Element((*[32]byte)(b[1:]))
		if err != nil {
			return nil, fmt.Errorf("%w: x %x not below p", ErrInvalidPublicKey, b[1:])
		}
		xf := feFromFp(&x)
		a, ok := liftXFe(&xf, b[0] == 0x03)
		if !ok {
			return nil, fmt.Errorf("%w: x %x is not on the curve", ErrInvalidPublicKey, b[1:])
		}
		pk.p = a.toCurve()
	default:
		return nil, fmt.Errorf("%w: length %d, want 33, 64 or 65", ErrInvalidPublicKey, len(b))
	}
	return &pk, nil
}

func (pk *PublicKey) setXY(b []byte) error {
	x, errX := fp.BigEndian.Element((*[32]byte)(b[:32]))
	y, errY := fp.BigEndian.Element((*[32]byte)(b[32:64]))
	if errX != nil || errY != nil {
		return fmt.Errorf("%w: coordinate not below p in %x", ErrInvalidPublicKey, b)
	}
	pk.p.X, pk.p.Y = x, y
	if !pk.p.IsOnCurve() || pk.p.IsInfinity() {
		return fmt.Errorf("%w: point %x is not on the curve", ErrInvalidPublicKey, b)
	}
	return nil
}

// Bytes returns X‖Y, 32 bytes each, big-endian.
func (pk *PublicKey) Bytes() (out [64]byte) {
	x, y := pk.p.X.Bytes(), pk.p.Y.Bytes()
	copy(out[:32], x[:])
	copy(out[32:], y[:])
	return out
}

// BytesUncompressed returns the SEC 1 uncompressed encoding 0x04‖X‖Y.
func (pk *PublicKey) BytesUncompressed() (out [65]byte) {
	out[0] = 0x04
	xy := pk.Bytes()
	copy(out[1:], xy[:])
	return out
}

// BytesCompressed returns the SEC 1 compressed encoding: 0x02 or 0x03 (Y even or odd), then X.
func (pk *PublicKey) BytesCompressed() (out [33]byte) {
	out[0] = 0x02
	if pk.p.Y.Bits()[0]&1 == 1 {
		out[0] = 0x03
	}
	x := pk.p.X.Bytes()
	copy(out[1:], x[:])
	return out
}

// Equal reports whether pk and other are the same point.
func (pk *PublicKey) Equal(other *PublicKey) bool { return pk.p.Equal(&other.p) }

// Address returns the last 20 bytes of keccak256(X‖Y) (yellow paper, Appendix F: A(p_r) = B_{96..255}(KEC(ECDSAPUBKEY(p_r)))).
func (pk *PublicKey) Address() interop.Address { return addressOf(&pk.p) }

func addressOf(p *curve.G1Affine) interop.Address {
	q := affFromCurve(p)
	return addressOfFe(&q)
}

// addressOfFe is keccak256(x ‖ y)[12:].
func addressOfFe(p *affPt) (a interop.Address) {
	var xy [64]byte
	lx, ly := limbs(p.x), limbs(p.y)
	x, y := lx.bytes(), ly.bytes()
	copy(xy[:32], x[:])
	copy(xy[32:], y[:])
	sum := keccak.Sum256(xy[:])
	copy(a[:], sum[12:])
	return a
}
