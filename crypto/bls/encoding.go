package bls

import (
	"errors"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/interopkit/interop/internal/zcash"
)

// flagCompressed is the ZCash format's c_flag, set in every compressed point.
const flagCompressed = zcash.FlagCompressed

// decodeG1 decompresses a 48-byte G1 point and checks it is in the subgroup (the ZCash
// format, internal/zcash, shared with proof/kzg). The point at infinity is returned as such
// (gnark-crypto's (0, 0)); the caller decides whether to accept it.
func decodeG1(p *bls12381.G1Affine, b *[PublicKeySize]byte) error {
	return sentinel(zcash.DecodeG1(p, b))
}

// decodeG2 decompresses a 96-byte G2 point (x = x_c1 ‖ x_c0, imaginary part first) and checks
// it is in the subgroup. Infinity is returned as gnark-crypto's (0, 0).
func decodeG2(p *bls12381.G2Affine, b *[SignatureSize]byte) error {
	return sentinel(zcash.DecodeG2(p, b))
}

// sentinel wraps a zcash decoding error in this package's sentinel for its kind.
func sentinel(err error) error {
	var e *zcash.Error
	if !errors.As(err, &e) {
		return err
	}
	var s error
	switch e.Kind {
	case zcash.BadFlags:
		s = ErrInvalidEncoding
	case zcash.NotCanonical:
		s = ErrNotCanonical
	case zcash.NotOnCurve:
		s = ErrNotOnCurve
	default:
		s = ErrNotInSubgroup
	}
	return fmt.Errorf("%w: %s", s, e.Detail)
}
