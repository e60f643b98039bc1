package bn254

import (
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"golang.org/x/crypto/sha3"
)

// CSID is jellyfish's ciphersuite id for BLS over BN254 (signature/src/constants.rs
// CS_ID_BLS_BN254), appended to every message before hashing. "NCTH" marks the
// non-constant-time hash; it is not one of the IETF suites.
const CSID = "BLS_SIG_BN254G1_XMD:KECCAK_NCTH_NUL_"

// expandLen is arkworks' get_len_per_elem for Fq: ⌈(254 + 128)/8⌉ = 48 bytes.
const expandLen = 48

// dstPrime is DST ‖ len(DST) for jellyfish's DST, the single byte 1.
var dstPrime = [2]byte{1, 1}

// expand is arkworks' ExpanderXmd with Keccak-256 as DefaultFieldHasher builds it: the zero
// pad is block_size = 48 bytes long (the element length, not Keccak's rate), so the result
// differs from RFC 9380's expand_message_xmd. ell = 2 blocks, 48 bytes kept.
// BLSSig.sol's expand computes the same bytes.
func expand(msg []byte) (out [expandLen]byte) {
	h := sha3.NewLegacyKeccak256()
	var zpad [expandLen]byte
	h.Write(zpad[:])
	h.Write(msg)
	h.Write([]byte{0, expandLen, 0}) // I2OSP(48, 2) ‖ 0
	h.Write(dstPrime[:])
	var b0, b1, b2 [32]byte
	h.Sum(b0[:0])

	h.Reset()
	h.Write(b0[:])
	h.Write([]byte{1})
	h.Write(dstPrime[:])
	h.Sum(b1[:0])

	var x [32]byte
	for i := range x {
		x[i] = b0[i] ^ b1[i]
	}
	h.Reset()
	h.Write(x[:])
	h.Write([]byte{2})
	h.Write(dstPrime[:])
	h.Sum(b2[:0])

	copy(out[:], b1[:])
	copy(out[32:], b2[:expandLen-32])
	return out
}

// HashToCurve is jellyfish's hash_to_curve::<Keccak256>(input) (BLSSig.sol hashToCurve):
// x = OS2IP(expand(input)) mod p, incremented until x³ + 3 is a square, and y = √(x³ + 3)
// taken with 2y < p. Signing and verifying apply it to msg ‖ CSID. It does not run in
// constant time; the input is public in every use here.
func HashToCurve(input []byte) bn254.G1Affine {
	u := expand(input)
	var p bn254.G1Affine
	p.X.SetBytes(u[:]) // big-endian, reduced mod p (arkworks from_be_bytes_mod_order)
	var y2, three, one fp.Element
	three.SetUint64(3)
	one.SetOne()
	for {
		y2.Square(&p.X).Mul(&y2, &p.X).Add(&y2, &three)
		if y2.Legendre() == 1 {
			break
		}
		p.X.Add(&p.X, &one)
	}
	p.Y.Sqrt(&y2)
	// jellyfish negates y when 2y > p, so y is the smaller root.
	if p.Y.LexicographicallyLargest() {
		p.Y.Neg(&p.Y)
	}
	return p
}

// hashMessage is H(msg ‖ CSID), the point a signature on msg is a multiple of.
func hashMessage(msg []byte) bn254.G1Affine {
	in := make([]byte, 0, len(msg)+len(CSID))
	in = append(in, msg...)
	in = append(in, CSID...)
	return HashToCurve(in)
}
