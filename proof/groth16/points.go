package groth16

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// Moduli as 32-byte big-endian strings, for range checks that need no field arithmetic.
var (
	pBytes = fp.Modulus().FillBytes(make([]byte, 32))
	rBytes = fr.Modulus().FillBytes(make([]byte, 32))
)

// belowModulus reports whether the 32-byte big-endian b is below the modulus m.
func belowModulus(b, m []byte) bool { return bytes.Compare(b, m) < 0 }

// setFp sets e from a canonical 32-byte big-endian coordinate.
func setFp(e *fp.Element, b []byte) error {
	if !belowModulus(b, pBytes) {
		return fmt.Errorf("%w: %x", ErrFieldRange, b)
	}
	return e.SetBytesCanonical(b)
}

// SetScalar sets e from a 32-byte big-endian public input, rejecting values ≥ r.
func setScalar(e *fr.Element, b *[32]byte) error {
	if !belowModulus(b[:], rBytes) {
		return fmt.Errorf("%w: %x", ErrInputRange, b[:])
	}
	return e.SetBytesCanonical(b[:])
}

// g1FromCoords builds an affine G1 point from canonical coordinates; (0, 0) is the point
// at infinity, as in gnark-crypto and EIP-196.
func g1FromCoords(x, y []byte) (bn254.G1Affine, error) {
	var p bn254.G1Affine
	if err := setFp(&p.X, x); err != nil {
		return p, err
	}
	if err := setFp(&p.Y, y); err != nil {
		return p, err
	}
	// G1 has cofactor 1: on the curve means in the subgroup.
	if !p.IsOnCurve() {
		return p, fmt.Errorf("%w: G1 (%x, %x)", ErrNotOnCurve, x, y)
	}
	return p, nil
}

// g2FromCoords builds an affine G2 point from canonical coordinates given as
// x.c0, x.c1, y.c0, y.c1 and checks it is in the order-r subgroup.
func g2FromCoords(x0, x1, y0, y1 []byte) (bn254.G2Affine, error) {
	var p bn254.G2Affine
	for _, c := range []struct {
		e *fp.Element
		b []byte
	}{{&p.X.A0, x0}, {&p.X.A1, x1}, {&p.Y.A0, y0}, {&p.Y.A1, y1}} {
		if err := setFp(c.e, c.b); err != nil {
			return p, err
		}
	}
	return p, checkG2(&p)
}

func checkG2(p *bn254.G2Affine) error {
	if !p.IsOnCurve() {
		return fmt.Errorf("%w: G2 %s", ErrNotOnCurve, p.String())
	}
	if !p.IsInSubGroup() {
		return fmt.Errorf("%w: G2 %s", ErrNotInSubgroup, p.String())
	}
	return nil
}

// gnark-crypto's point encoding flags, in the top two bits of the first byte.
const (
	flagMask         = 0b11 << 6
	flagUncompressed = 0b00 << 6
	flagInfinity     = 0b01 << 6
	flagSmallest     = 0b10 << 6
	flagLargest      = 0b11 << 6
)

// decodeG1Gnark reads one G1 point in gnark-crypto's encoding from the front of b: 32
// bytes compressed (flags 10, 11), 32 bytes infinity (flags 01, the rest zero) or 64
// bytes uncompressed x ‖ y (flags 00, where (0, 0) is infinity). It returns the number of
// bytes used.
func decodeG1Gnark(b []byte) (bn254.G1Affine, int, error) {
	var p bn254.G1Affine
	if len(b) < 32 {
		return p, 0, fmt.Errorf("%w: G1 needs 32 bytes, have %d", ErrMalformed, len(b))
	}
	switch b[0] & flagMask {
	case flagUncompressed:
		if len(b) < 64 {
			return p, 0, fmt.Errorf("%w: uncompressed G1 needs 64 bytes, have %d", ErrMalformed, len(b))
		}
		p, err := g1FromCoords(b[:32], b[32:64])
		return p, 64, err
	case flagInfinity:
		if b[0]&^flagMask != 0 || !allZero(b[1:32]) {
			return p, 0, fmt.Errorf("%w: infinity G1 with nonzero bytes %x", ErrMalformed, b[:32])
		}
		return p, 32, nil
	}
	var x [32]byte
	copy(x[:], b[:32])
	x[0] &^= flagMask
	if err := setFp(&p.X, x[:]); err != nil {
		return p, 0, err
	}
	var y2 fp.Element
	y2.Square(&p.X).Mul(&y2, &p.X).Add(&y2, &curveB)
	if p.Y.Sqrt(&y2) == nil {
		return p, 0, fmt.Errorf("%w: compressed G1 x %x", ErrNotOnCurve, x)
	}
	// gnark-crypto: flag 11 selects the lexicographically largest y, 10 the other.
	if p.Y.LexicographicallyLargest() != (b[0]&flagMask == flagLargest) {
		p.Y.Neg(&p.Y)
	}
	return p, 32, nil
}

var curveB = fp.NewElement(3)

// decodeG2Gnark reads one G2 point in gnark-crypto's encoding from the front of b: 64
// bytes compressed x.c1 ‖ x.c0 or 128 bytes uncompressed x.c1 ‖ x.c0 ‖ y.c1 ‖ y.c0,
// flags as for G1. The point is checked to be in the order-r subgroup.
func decodeG2Gnark(b []byte) (bn254.G2Affine, int, error) {
	var p bn254.G2Affine
	if len(b) < 64 {
		return p, 0, fmt.Errorf("%w: G2 needs 64 bytes, have %d", ErrMalformed, len(b))
	}
	switch b[0] & flagMask {
	case flagUncompressed:
		if len(b) < 128 {
			return p, 0, fmt.Errorf("%w: uncompressed G2 needs 128 bytes, have %d", ErrMalformed, len(b))
		}
		p, err := g2FromCoords(b[32:64], b[:32], b[96:128], b[64:96])
		return p, 128, err
	case flagInfinity:
		if b[0]&^flagMask != 0 || !allZero(b[1:64]) {
			return p, 0, fmt.Errorf("%w: infinity G2 with nonzero bytes %x", ErrMalformed, b[:64])
		}
		return p, 64, nil
	}
	var x1 [32]byte
	copy(x1[:], b[:32])
	x1[0] &^= flagMask
	if err := setFp(&p.X.A1, x1[:]); err != nil {
		return p, 0, err
	}
	if err := setFp(&p.X.A0, b[32:64]); err != nil {
		return p, 0, err
	}
	// Let gnark-crypto solve y² = x³ + b' in Fp2 and pick the sign the flag names; on-curve
	// and subgroup membership are checked here so that each failure gets its own error.
	var q bn254.G2Affine
	var buf [64]byte
	copy(buf[:], b[:64])
	dec := bn254.NewDecoder(bytes.NewReader(buf[:]), bn254.NoSubgroupChecks())
	if err := dec.Decode(&q); err != nil {
		return p, 0, fmt.Errorf("%w: compressed G2 x %x: %v", ErrNotOnCurve, buf, err)
	}
	return q, 64, checkG2(&q)
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// reader walks a byte slice for the gnark decoders, bounding every count by the bytes
// that remain before anything is allocated.
type reader struct {
	b   []byte
	off int
}

func (r *reader) rest() []byte { return r.b[r.off:] }

func (r *reader) g1(what string) (bn254.G1Affine, error) {
	p, n, err := decodeG1Gnark(r.rest())
	if err != nil {
		return p, fmt.Errorf("%s at offset %d: %w", what, r.off, err)
	}
	r.off += n
	return p, nil
}

func (r *reader) g2(what string) (bn254.G2Affine, error) {
	p, n, err := decodeG2Gnark(r.rest())
	if err != nil {
		return p, fmt.Errorf("%s at offset %d: %w", what, r.off, err)
	}
	r.off += n
	return p, nil
}

func (r *reader) uint32(what string) (uint32, error) {
	if len(r.rest()) < 4 {
		return 0, fmt.Errorf("%w: %s at offset %d: need 4 bytes, have %d", ErrMalformed, what, r.off, len(r.rest()))
	}
	v := binary.BigEndian.Uint32(r.rest())
	r.off += 4
	return v, nil
}

func (r *reader) uint64(what string) (uint64, error) {
	if len(r.rest()) < 8 {
		return 0, fmt.Errorf("%w: %s at offset %d: need 8 bytes, have %d", ErrMalformed, what, r.off, len(r.rest()))
	}
	v := binary.BigEndian.Uint64(r.rest())
	r.off += 8
	return v, nil
}

// count reads a uint32 length prefix of items at least minSize bytes each and refuses one
// the remaining bytes cannot hold.
func (r *reader) count(what string, minSize int) (int, error) {
	n, err := r.uint32(what)
	if err != nil {
		return 0, err
	}
	if uint64(n)*uint64(minSize) > uint64(len(r.rest())) {
		return 0, fmt.Errorf("%w: %s %d needs at least %d bytes, have %d", ErrMalformed, what, n, uint64(n)*uint64(minSize), len(r.rest()))
	}
	return int(n), nil
}

func (r *reader) end(what string) error {
	if len(r.rest()) != 0 {
		return fmt.Errorf("%w: %d trailing bytes after %s", ErrMalformed, len(r.rest()), what)
	}
	return nil
}

// bigOf converts an Fr element for gnark-crypto's big.Int scalar multiplication.
func bigOf(e *fr.Element) *big.Int {
	var b big.Int
	return e.BigInt(&b)
}
