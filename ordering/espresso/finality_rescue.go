package espresso

import (
	"encoding/hex"

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

// rescueAlphaInvSteps is the sliding-window (width 5) schedule of rescueAlphaInv: square
// sq times, then multiply by x^digit (digit odd, or 0 for none). Built once at init.
var rescueAlphaInvSteps = func() (steps []struct{ sq, digit uint8 }) {
	bit := func(i int) uint64 { return rescueAlphaInv[i/64] >> uint(i%64) & 1 }
	i := 255
	for bit(i) == 0 {
		i--
	}
	pending := uint8(0) // squarings owed before the next window
	first := true
	for i >= 0 {
		if bit(i) == 0 {
			pending++
			i--
			continue
		}
		// The longest window ≤ 5 bits from i down that ends in a 1.
		l := max(i-4, 0)
		for bit(l) == 0 {
			l++
		}
		d := uint8(0)
		for j := i; j >= l; j-- {
			d = d<<1 | uint8(bit(j))
		}
		if first {
			steps = append(steps, struct{ sq, digit uint8 }{0, d})
			first = false
		} else {
			steps = append(steps, struct{ sq, digit uint8 }{pending + uint8(i-l+1), d})
		}
		pending = 0
		i = l - 1
	}
	if pending > 0 {
		steps = append(steps, struct{ sq, digit uint8 }{pending, 0})
	}
	return steps
}()

// rescuePowAlphaInv sets x to x^(1/5) with the fixed window schedule above; no allocation.
func rescuePowAlphaInv(x *fr.Element) {
	var odd [16]fr.Element // x^1, x^3, …, x^31
	var x2 fr.Element
	odd[0] = *x
	x2.Square(x)
	for i := 1; i < len(odd); i++ {
		odd[i].Mul(&odd[i-1], &x2)
	}
	var acc fr.Element
	for k, st := range rescueAlphaInvSteps {
		if k == 0 {
			acc = odd[st.digit>>1]
			continue
		}
		for range st.sq {
			acc.Square(&acc)
		}
		if st.digit != 0 {
			acc.Mul(&acc, &odd[st.digit>>1])
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
// the rate) and the first output. Its one caller hashes 48-byte tree commitments, so the element
// buffer is fixed at eight chunks (248 bytes); longer input is not supported.
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
