package bn254

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
)

// Sizes of arkworks' CanonicalSerialize encodings of BN254 points.
const (
	PublicKeySize           = 128 // uncompressed G2: x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1
	PublicKeyCompressedSize = 64  // compressed G2: x.c0 ‖ x.c1, flags in the last byte
	SignatureSize           = 64  // uncompressed G1: x ‖ y
	SignatureCompressedSize = 32  // compressed G1: x, flags in the last byte
	fieldSize               = 32
)

// arkworks SWFlags, in the top two bits of a field element's last (most significant) byte.
const (
	flagNegative = 1 << 7 // YIsNegative: y is the larger of ±y
	flagInfinity = 1 << 6 // PointAtInfinity
	flagMask     = flagNegative | flagInfinity
)

// bTwist is the G2 curve constant b' = 3/(9+u).
var bTwist = func() bn254.E2 {
	var t, b bn254.E2
	t.A0.SetUint64(9)
	t.A1.SetUint64(1)
	t.Inverse(&t)
	b.A0.SetUint64(3)
	b.Mul(&b, &t)
	return b
}()

// readFp reads a little-endian field element; flags says whether the top two bits are flags
// (returned) or must be part of a value below p.
func readFp(z *fp.Element, b []byte, flags bool) (byte, error) {
	var be [fieldSize]byte
	for i := range fieldSize {
		be[i] = b[fieldSize-1-i]
	}
	var f byte
	if flags {
		f = be[0] & flagMask
		be[0] &^= flagMask
	}
	if err := z.SetBytesCanonical(be[:]); err != nil {
		return 0, fmt.Errorf("%x: %w", b[:fieldSize], ErrNotCanonical)
	}
	return f, nil
}

func writeFp(b []byte, z *fp.Element) {
	be := z.Bytes()
	for i := range fieldSize {
		b[i] = be[fieldSize-1-i]
	}
}

// checkFlags refuses the flag combinations a key or signature cannot carry.
func checkFlags(f byte) error {
	switch f {
	case flagMask:
		return fmt.Errorf("flags %#02x: %w", f, ErrInvalidEncoding)
	case flagInfinity:
		return ErrInfinity
	}
	return nil
}

// decodeG1 decodes an arkworks G1 point, compressed (32 bytes) or uncompressed (64).
func decodeG1(p *bn254.G1Affine, b []byte) error {
	switch len(b) {
	case SignatureSize:
		if _, err := readFp(&p.X, b[:fieldSize], false); err != nil {
			return err
		}
		f, err := readFp(&p.Y, b[fieldSize:], true)
		if err != nil {
			return err
		}
		if err := checkFlags(f); err != nil {
			return err
		}
		// gnark-crypto reads (0, 0) as infinity; arkworks, without the flag, as off the curve.
		if p.IsInfinity() || !p.IsOnCurve() {
			return ErrNotOnCurve
		}
		if neg := p.Y.LexicographicallyLargest(); neg != (f == flagNegative) {
			return fmt.Errorf("sign flag %#02x for y: %w", f, ErrInvalidEncoding)
		}
		return nil
	case SignatureCompressedSize:
		f, err := readFp(&p.X, b, true)
		if err != nil {
			return err
		}
		if err := checkFlags(f); err != nil {
			return err
		}
		var y2, three fp.Element
		three.SetUint64(3)
		y2.Square(&p.X).Mul(&y2, &p.X).Add(&y2, &three)
		if p.Y.Sqrt(&y2) == nil {
			return ErrNotOnCurve
		}
		if p.Y.LexicographicallyLargest() != (f == flagNegative) {
			p.Y.Neg(&p.Y)
		}
		return nil
	}
	return fmt.Errorf("G1 point of %d bytes: %w", len(b), ErrInvalidLength)
}

// decodeG2 decodes an arkworks G2 point, compressed (64 bytes) or uncompressed (128), and
// checks it is in the prime-order subgroup.
func decodeG2(p *bn254.G2Affine, b []byte) error {
	switch len(b) {
	case PublicKeySize:
		if _, err := readFp(&p.X.A0, b[0:], false); err != nil {
			return err
		}
		if _, err := readFp(&p.X.A1, b[32:], false); err != nil {
			return err
		}
		if _, err := readFp(&p.Y.A0, b[64:], false); err != nil {
			return err
		}
		f, err := readFp(&p.Y.A1, b[96:], true)
		if err != nil {
			return err
		}
		if err := checkFlags(f); err != nil {
			return err
		}
		if p.IsInfinity() || !p.IsOnCurve() {
			return ErrNotOnCurve
		}
		if neg := p.Y.LexicographicallyLargest(); neg != (f == flagNegative) {
			return fmt.Errorf("sign flag %#02x for y: %w", f, ErrInvalidEncoding)
		}
	case PublicKeyCompressedSize:
		if _, err := readFp(&p.X.A0, b[0:], false); err != nil {
			return err
		}
		f, err := readFp(&p.X.A1, b[32:], true)
		if err != nil {
			return err
		}
		if err := checkFlags(f); err != nil {
			return err
		}
		var y2 bn254.E2
		y2.Square(&p.X).Mul(&y2, &p.X).Add(&y2, &bTwist)
		if y2.Legendre() == -1 {
			return ErrNotOnCurve
		}
		p.Y.Sqrt(&y2)
		if p.Y.LexicographicallyLargest() != (f == flagNegative) {
			p.Y.Neg(&p.Y)
		}
	default:
		return fmt.Errorf("G2 point of %d bytes: %w", len(b), ErrInvalidLength)
	}
	if !p.IsInSubGroup() {
		return ErrNotInSubgroup
	}
	return nil
}

func signFlag(neg bool) byte {
	if neg {
		return flagNegative
	}
	return 0
}

// The encoders write the point at infinity as arkworks does (zero coordinates, the infinity
// flag); only aggregates can be it, and the decoders refuse it.

func encodeG1(p *bn254.G1Affine) (out [SignatureSize]byte) {
	if p.IsInfinity() {
		out[63] = flagInfinity
		return out
	}
	writeFp(out[:], &p.X)
	writeFp(out[32:], &p.Y)
	out[63] |= signFlag(p.Y.LexicographicallyLargest())
	return out
}

func encodeG1Compressed(p *bn254.G1Affine) (out [SignatureCompressedSize]byte) {
	if p.IsInfinity() {
		out[31] = flagInfinity
		return out
	}
	writeFp(out[:], &p.X)
	out[31] |= signFlag(p.Y.LexicographicallyLargest())
	return out
}

func encodeG2(p *bn254.G2Affine) (out [PublicKeySize]byte) {
	if p.IsInfinity() {
		out[127] = flagInfinity
		return out
	}
	writeFp(out[0:], &p.X.A0)
	writeFp(out[32:], &p.X.A1)
	writeFp(out[64:], &p.Y.A0)
	writeFp(out[96:], &p.Y.A1)
	out[127] |= signFlag(p.Y.LexicographicallyLargest())
	return out
}

func encodeG2Compressed(p *bn254.G2Affine) (out [PublicKeyCompressedSize]byte) {
	if p.IsInfinity() {
		out[63] = flagInfinity
		return out
	}
	writeFp(out[0:], &p.X.A0)
	writeFp(out[32:], &p.X.A1)
	out[63] |= signFlag(p.Y.LexicographicallyLargest())
	return out
}
