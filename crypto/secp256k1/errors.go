package secp256k1

import "errors"

// Sentinel errors. Every error returned by the package wraps one of them together with the
// offending value; test with errors.Is.
var (
	// ErrInvalidPrivateKey: not 32 bytes, zero, or not below the group order n.
	ErrInvalidPrivateKey = errors.New("secp256k1: invalid private key")
	// ErrInvalidPublicKey: wrong length or prefix, a coordinate not below p, or off the curve.
	ErrInvalidPublicKey = errors.New("secp256k1: invalid public key")
	// ErrInvalidSignature: r or s zero or not below n, no curve point with x = r, or a
	// recovered key at infinity. ErrInvalidRecoveryID and ErrHighS also wrap it.
	ErrInvalidSignature = errors.New("secp256k1: invalid signature")
	// ErrInvalidRecoveryID: v not in {0, 1, 27, 28}.
	ErrInvalidRecoveryID = errors.New("secp256k1: invalid recovery id")
	// ErrHighS: s > n/2, rejected by the strict functions (EIP-2).
	ErrHighS = errors.New("secp256k1: s above n/2 (EIP-2)")
	// ErrVerification: a well-formed signature that does not verify under the key.
	ErrVerification = errors.New("secp256k1: signature does not verify")
)
