package espresso

import (
	"encoding/hex"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

// Rescue-254 over the BN254 scalar field, the hash hotshot-types' hash_bytes_to_field uses to turn
// the serialized block Merkle tree commitment into the light client's blockCommRoot. Parameters
// as jellyfish jf-rescue v0.3.0 fixes them: state width 4, rate 3, 12 double rounds (24 half
// rounds), alpha 5 and its inverse modulo r-1.
const (
	rescueWidth  = 4
	rescueRate   = 3
	rescueRounds = 12
	// rescueChunk is hash_bytes_to_field's chunk size: ceil(254/8) - 1 = 31 bytes, so that
	// from_le_bytes_mod_order never reduces.
	rescueChunk = 31
)

// rescueAlphaInv is 1/5 mod (r-1), little-endian 64-bit limbs (jf-rescue's A_INV).
var rescueAlphaInv = [4]uint64{0xcfe7f7a98ccccccd, 0x535cb9d394945a0d, 0x93736af8679aad17, 0x26b6a528b427b354}

var (
	rescueMDS  [rescueWidth][rescueWidth]fr.Element
	rescueKeys [2*rescueRounds + 1][rescueWidth]fr.Element
)

func init() {
	for i := range rescueMDSHex {
		for j := range rescueMDSHex[i] {
			rescueMDS[i][j] = rescueConstant(rescueMDSHex[i][j])
		}
	}
	for i := range rescueRoundKeyHex {
		for j := range rescueRoundKeyHex[i] {
			rescueKeys[i][j] = rescueConstant(rescueRoundKeyHex[i][j])
		}
	}
}

// rescueConstant parses one of the fixed constants above; they are program text, checked by
// TestRescueConstants, so a malformed one is a build defect.
func rescueConstant(s string) fr.Element {
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != fr.Bytes {
		panic("espresso: malformed Rescue constant " + s)
	}
	var e fr.Element
	if err := e.SetBytesCanonical(b); err != nil {
		panic("espresso: Rescue constant not below r: " + s)
	}
	return e
}

// rescuePermutation is jf-rescue's Permutation::eval with the fixed round keys: add key 0, then
// 24 half rounds alternating x^(1/5) (even) and x^5 (odd), each followed by the MDS product and
// the next round key.
func rescuePermutation(s *[rescueWidth]fr.Element) {
	for i := range s {
		s[i].Add(&s[i], &rescueKeys[0][i])
	}
	for r := 0; r < 2*rescueRounds; r++ {
		for i := range s {
			if r%2 == 0 {
				rescuePowAlphaInv(&s[i])
			} else {
				var sq fr.Element
				sq.Square(&s[i])
				sq.Square(&sq)
				s[i].Mul(&s[i], &sq)
			}
		}
		var next [rescueWidth]fr.Element
		for i := range next {
			var acc, t fr.Element
			for j := range s {
				t.Mul(&rescueMDS[i][j], &s[j])
				acc.Add(&acc, &t)
			}
			next[i].Add(&acc, &rescueKeys[r+1][i])
		}
		*s = next
	}
}

// rescuePowAlphaInv sets x to x^(1/5) by left-to-right square and multiply over the fixed
// exponent; no allocation.
func rescuePowAlphaInv(x *fr.Element) {
	base := *x
	var acc fr.Element
	acc.SetOne()
	for limb := 3; limb >= 0; limb-- {
		w := rescueAlphaInv[limb]
		n := 64
		if limb == 3 {
			n = 64 - bits.LeadingZeros64(w)
		}
		for b := n - 1; b >= 0; b-- {
			acc.Square(&acc)
			if w>>uint(b)&1 == 1 {
				acc.Mul(&acc, &base)
			}
		}
	}
	*x = acc
}

// rescueSponge absorbs input (whose length is a multiple of the rate) into a zero state and
// squeezes one element: jf-rescue RescueCRHF::sponge_no_padding(input, 1).
func rescueSponge(input []fr.Element) fr.Element {
	var s [rescueWidth]fr.Element
	for len(input) >= rescueRate {
		for i := 0; i < rescueRate; i++ {
			s[i].Add(&s[i], &input[i])
		}
		rescuePermutation(&s)
		input = input[rescueRate:]
	}
	return s[0]
}

// hashBytesToField is hotshot-types light_client::hash_bytes_to_field: the bytes in 31-byte
// little-endian chunks, then VariableLengthRescueCRHF (a 1 appended, zeros to a multiple of
// the rate) and the first output. It is used here on 48-byte tree commitments only, so the
// element buffer is fixed: inputs longer than 31*8 bytes are refused by the caller.
func hashBytesToField(b []byte) fr.Element {
	var buf [9]fr.Element
	n := 0
	for len(b) > 0 && n < len(buf)-1 {
		k := min(len(b), rescueChunk)
		var le [fr.Bytes]byte
		for i := 0; i < k; i++ {
			le[fr.Bytes-1-i] = b[i] // from_le_bytes_mod_order: reverse into big-endian
		}
		buf[n].SetBytes(le[:])
		b = b[k:]
		n++
	}
	buf[n].SetOne()
	n++
	for n%rescueRate != 0 {
		n++ // zero padding: buf is zero beyond what was written
	}
	return rescueSponge(buf[:n])
}
