package espresso

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	"golang.org/x/crypto/sha3"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// MaxAvidMTotalWeights bounds an AVID-M parameter's total weights: the commitment keeps one
// hash state per weight (about 0.5 KiB each), so a parameter read from the network cannot
// make a verifier allocate more than a few MiB. Espresso's networks use one weight per
// stake-table member, far below it.
const MaxAvidMTotalWeights = 1 << 14

// avidmElemBytes is bytes_to_field's capacity of a BN254 scalar: (254-1)/8 = 31 bytes,
// read little-endian.
const avidmElemBytes = 31

// avidmTwoAdicRoot is arkworks' TWO_ADIC_ROOT_OF_UNITY of BN254's Fr (5^((r-1)/2^28)), of
// order 2^28; Radix2EvaluationDomain's generator of size N is its 2^(28-log2 N)-th power.
const (
	avidmTwoAdicRoot = "19103219067921713944291392827692070036145651957329286315305642004821462161904"
	avidmTwoAdicity  = 28
)

// VIDScheme names the VID scheme of a namespace proof: the variant of espresso-types'
// NsProof (and VidCommon) it came in.
type VIDScheme uint8

const (
	// VIDSchemeAvidM is AVID-M over BN254's scalar field (NsProof::V1, AvidMCommit).
	VIDSchemeAvidM VIDScheme = iota
	// VIDSchemeAvidmGf2 is AVID-M over GF(2^16) with reed-solomon-simd (NsProof::V2,
	// AvidmGf2Commit).
	VIDSchemeAvidmGf2
)

// String is the NsProof variant name.
func (s VIDScheme) String() string {
	switch s {
	case VIDSchemeAvidM:
		return "V1"
	case VIDSchemeAvidmGf2:
		return "V2"
	}
	return fmt.Sprintf("VIDScheme(%d)", uint8(s))
}

// namespaceCommit is the scheme's commitment of one namespace payload.
func (s VIDScheme) namespaceCommit(p AvidMParam, payload []byte) (interop.Hash, error) {
	switch s {
	case VIDSchemeAvidM:
		return AvidMCommit(p, payload)
	case VIDSchemeAvidmGf2:
		return AvidmGf2Commit(p, payload)
	}
	return interop.Hash{}, fmt.Errorf("%w: %v", ErrVIDUnsupported, s)
}

// AvidMParam is AVID-M's public parameter (vid AvidMParam, served as VidCommon V1): the
// payload is cut into chunks of RecoveryThreshold field elements, each Reed-Solomon encoded
// into TotalWeights evaluations. Build it with NewAvidMParam; the zero value is invalid.
type AvidMParam struct {
	RecoveryThreshold uint32
	TotalWeights      uint32
}

// NewAvidMParam returns the parameter after AvidMParam::new's check (0 < recoveryThreshold
// <= totalWeights) and this package's bound totalWeights <= MaxAvidMTotalWeights; anything
// else is ErrVIDParam.
func NewAvidMParam(recoveryThreshold, totalWeights uint64) (AvidMParam, error) {
	if recoveryThreshold == 0 || totalWeights < recoveryThreshold || totalWeights > MaxAvidMTotalWeights {
		return AvidMParam{}, fmt.Errorf("%w: recovery threshold %d, total weights %d (max %d)",
			ErrVIDParam, recoveryThreshold, totalWeights, MaxAvidMTotalWeights)
	}
	return AvidMParam{RecoveryThreshold: uint32(recoveryThreshold), TotalWeights: uint32(totalWeights)}, nil
}

// InitAvidMParam is HotShot's init_avidm_param(total_weight): a recovery threshold of
// ⌈totalWeights/3⌉. Espresso nodes re-derive the parameter this way from the total weights
// of the VID common data rather than trusting its threshold; a client may do the same.
// (Before the epoch upgrade HotShot used 2^⌊log2 n⌋; NewAvidMParam takes any pair.)
func InitAvidMParam(totalWeights uint64) (AvidMParam, error) {
	return NewAvidMParam((totalWeights+2)/3, totalWeights)
}

func (p AvidMParam) check() error {
	_, err := NewAvidMParam(uint64(p.RecoveryThreshold), uint64(p.TotalWeights))
	return err
}

// AvidMCommit returns AvidMScheme::commit of payload: payload ‖ 0x01 ‖ zeros up to a
// multiple of RecoveryThreshold·31 bytes, read as 31-byte little-endian Fr elements; each
// chunk of RecoveryThreshold elements is a polynomial's coefficients, evaluated at the first
// TotalWeights points of the radix-2 domain (Reed-Solomon, arkworks' fft truncated); share i
// collects evaluation i of every chunk and is hashed as keccak256(u64le(count) ‖ 32-byte
// little-endian elements) (ark's serialize_uncompressed of Vec<Fr>); the shares' hashes are
// the leaves of jellyfish's keccak256 ternary Merkle tree, whose root is the commitment.
// Cost: O(len(payload)·min(RecoveryThreshold·TotalWeights, N·log N)/RecoveryThreshold) field
// multiplications (N the domain size); memory O(TotalWeights), whatever the payload length.
func AvidMCommit(p AvidMParam, payload []byte) (interop.Hash, error) {
	if err := p.check(); err != nil {
		return interop.Hash{}, err
	}
	k, n := int(p.RecoveryThreshold), int(p.TotalWeights)
	chunkBytes := k * avidmElemBytes
	chunks := (len(payload) + 1 + chunkBytes - 1) / chunkBytes

	ev := newAvidmEvaluator(k, n)
	hashers := make([]sha3State, n)
	var lenLE [8]byte
	binary.LittleEndian.PutUint64(lenLE[:], uint64(chunks))
	for i := range hashers {
		hashers[i] = sha3.NewLegacyKeccak256().(sha3State)
		hashers[i].Write(lenLE[:])
	}
	coeffs := make([]fr.Element, k)
	var elem [avidmElemBytes]byte
	var out [32]byte
	for c := 0; c < chunks; c++ {
		for j := range coeffs {
			off := (c*k + j) * avidmElemBytes
			paddedBytes(&elem, payload, off)
			coeffs[j] = frFromLE31(&elem)
		}
		evals := ev.eval(coeffs)
		for i := range hashers {
			frToLE(&out, &evals[i])
			hashers[i].Write(out[:])
		}
	}
	leaves := make([]interop.Hash, n)
	for i := range hashers {
		hashers[i].Read(leaves[i][:])
	}
	return avidmMerkleRoot(leaves), nil
}

// sha3State is the legacy Keccak sponge with Read, so a digest can be squeezed into a
// fixed array.
type sha3State interface {
	Write(p []byte) (int, error)
	Read(p []byte) (int, error)
}

// paddedBytes copies bytes [off, off+31) of payload ‖ 0x01 ‖ 0x00… into elem.
func paddedBytes(elem *[avidmElemBytes]byte, payload []byte, off int) {
	for i := range elem {
		switch j := off + i; {
		case j < len(payload):
			elem[i] = payload[j]
		case j == len(payload):
			elem[i] = 1
		default:
			elem[i] = 0
		}
	}
}

// frFromLE31 is from_le_bytes_mod_order of 31 bytes (always below r, so no reduction).
func frFromLE31(b *[avidmElemBytes]byte) fr.Element {
	var be [32]byte
	for i := range b {
		be[31-i] = b[i]
	}
	var e fr.Element
	e.SetBytes(be[:])
	return e
}

// frToLE writes e's canonical 32-byte little-endian form (ark's serialize_uncompressed).
func frToLE(out *[32]byte, e *fr.Element) {
	be := e.Bytes()
	for i := range be {
		out[31-i] = be[i]
	}
}

// hornerEval evaluates the polynomial with coefficients c (c[0] constant) at x.
func hornerEval(c []fr.Element, x *fr.Element) fr.Element {
	var acc fr.Element
	for j := len(c) - 1; j >= 0; j-- {
		acc.Mul(&acc, x)
		acc.Add(&acc, &c[j])
	}
	return acc
}

// avidmEvaluator evaluates a chunk's polynomial (k coefficients) at the first n points of
// the radix-2 domain of size N = next_power_of_two(n): by Horner's rule at each point (k·n
// multiplications) or, when cheaper, by a radix-2 FFT over the whole domain (N/2·log2 N),
// which is what arkworks' domain.fft computes before AVID-M truncates it to n values.
type avidmEvaluator struct {
	points []fr.Element // ω^0 … ω^(n-1), for Horner
	tw     []fr.Element // ω^0 … ω^(N/2-1), for the FFT
	buf    []fr.Element // N elements, for the FFT
	horner []fr.Element // n results, for Horner
	useFFT bool
}

func newAvidmEvaluator(k, n int) *avidmEvaluator {
	logN := bits.Len(uint(n - 1))
	size := 1 << logN
	e := &avidmEvaluator{points: avidmPoints(n)}
	if e.useFFT = size > 1 && size/2*logN < k*n; e.useFFT {
		omega := avidmOmega(logN)
		e.tw = make([]fr.Element, size/2)
		e.tw[0].SetOne()
		for j := 1; j < len(e.tw); j++ {
			e.tw[j].Mul(&e.tw[j-1], &omega)
		}
		e.buf = make([]fr.Element, size)
	} else {
		e.horner = make([]fr.Element, n)
	}
	return e
}

// eval returns the n evaluations of the polynomial with coefficients c (c[0] constant);
// the result is valid until the next call.
func (e *avidmEvaluator) eval(c []fr.Element) []fr.Element {
	if !e.useFFT {
		for i := range e.points {
			e.horner[i] = hornerEval(c, &e.points[i])
		}
		return e.horner
	}
	a := e.buf
	copy(a, c)
	clear(a[len(c):])
	// iterative radix-2 decimation in time: bit-reversed input, natural-order output
	logN := bits.Len(uint(len(a) - 1))
	for i := range a {
		if j := int(bits.Reverse(uint(i)) >> (bits.UintSize - logN)); i < j {
			a[i], a[j] = a[j], a[i]
		}
	}
	for half := 1; half < len(a); half <<= 1 {
		step := len(a) / (2 * half)
		for start := 0; start < len(a); start += 2 * half {
			for j := 0; j < half; j++ {
				var v fr.Element
				v.Mul(&a[start+j+half], &e.tw[j*step])
				u := a[start+j]
				a[start+j].Add(&u, &v)
				a[start+j+half].Sub(&u, &v)
			}
		}
	}
	return a[:len(e.points)]
}

// avidmOmega is the generator of the radix-2 domain of size 2^logN.
func avidmOmega(logN int) fr.Element {
	var root fr.Element
	if _, err := root.SetString(avidmTwoAdicRoot); err != nil {
		panic("espresso: bad two-adic root constant") // a constant: unreachable
	}
	var omega fr.Element
	omega.Exp(root, new(big.Int).Lsh(big.NewInt(1), uint(avidmTwoAdicity-logN)))
	return omega
}

// avidmPoints returns ω^0 … ω^(n-1) for ω the generator of the radix-2 domain of size
// next_power_of_two(n), as Radix2EvaluationDomain::new(n) builds it.
func avidmPoints(n int) []fr.Element {
	omega := avidmOmega(bits.Len(uint(n - 1)))
	pts := make([]fr.Element, n)
	pts[0].SetOne()
	for i := 1; i < n; i++ {
		pts[i].Mul(&pts[i-1], &omega)
	}
	return pts
}

// jellyfish's HasherMerkleTree<Keccak256, _> is ternary (ARITY 3), indexed by u64, with
// domain-separated hashes (merkle_tree/src/hasher.rs, prelude.rs): a leaf is
// keccak256("1" ‖ u64le(pos) ‖ elem), a branch keccak256("0" ‖ child0 ‖ child1 ‖ child2),
// and an empty subtree is 32 zero bytes.
const avidmArity = 3

func avidmLeaf(pos uint64, elem *interop.Hash) interop.Hash {
	var buf [1 + 8 + 32]byte
	buf[0] = '1'
	binary.LittleEndian.PutUint64(buf[1:], pos)
	copy(buf[9:], elem[:])
	return keccak256(buf[:])
}

func avidmBranch(c0, c1, c2 *interop.Hash) interop.Hash {
	var buf [1 + 3*32]byte
	buf[0] = '0'
	copy(buf[1:], c0[:])
	copy(buf[33:], c1[:])
	copy(buf[65:], c2[:])
	return keccak256(buf[:])
}

func keccak256(b []byte) interop.Hash { return keccak.Sum256(b) }

// avidmTreeHeight is build_tree_internal's height: the least h with 3^h >= n.
func avidmTreeHeight(n uint64) int {
	h, c := 0, uint64(1)
	for c < n {
		h++
		c *= avidmArity
	}
	return h
}

// avidmMerkleRoot is MerkleTree::from_elems(None, elems).commitment(): zero for no leaves,
// the leaf itself for one, else the ternary tree of height avidmTreeHeight with each level
// padded by empty subtrees.
func avidmMerkleRoot(elems []interop.Hash) interop.Hash {
	if len(elems) == 0 {
		return interop.Hash{}
	}
	level := make([]interop.Hash, len(elems))
	for i := range elems {
		level[i] = avidmLeaf(uint64(i), &elems[i])
	}
	for h := avidmTreeHeight(uint64(len(elems))); h > 0; h-- {
		next := make([]interop.Hash, (len(level)+avidmArity-1)/avidmArity)
		for i := range next {
			var c [avidmArity]interop.Hash
			copy(c[:], level[i*avidmArity:min(len(level), (i+1)*avidmArity)])
			next[i] = avidmBranch(&c[0], &c[1], &c[2])
		}
		level = next
	}
	return level[0]
}

// avidmMerkleProve returns the membership path of leaf pos (siblings per level, bottom
// first), as MerkleTree::lookup(pos) returns it.
func avidmMerkleProve(elems []interop.Hash, pos int) [][avidmArity - 1]interop.Hash {
	level := make([]interop.Hash, len(elems))
	for i := range elems {
		level[i] = avidmLeaf(uint64(i), &elems[i])
	}
	var path [][avidmArity - 1]interop.Hash
	for h := avidmTreeHeight(uint64(len(elems))); h > 0; h-- {
		group := pos / avidmArity
		var c [avidmArity]interop.Hash
		copy(c[:], level[group*avidmArity:min(len(level), (group+1)*avidmArity)])
		var sib [avidmArity - 1]interop.Hash
		copy(sib[:], c[:pos%avidmArity])
		copy(sib[pos%avidmArity:], c[pos%avidmArity+1:])
		path = append(path, sib)
		next := make([]interop.Hash, (len(level)+avidmArity-1)/avidmArity)
		for i := range next {
			var cc [avidmArity]interop.Hash
			copy(cc[:], level[i*avidmArity:min(len(level), (i+1)*avidmArity)])
			next[i] = avidmBranch(&cc[0], &cc[1], &cc[2])
		}
		level = next
		pos = group
	}
	return path
}

// avidmMerklePathRoot folds a membership path (verify_merkle_proof): at each level the
// running digest takes position pos mod 3 among its two siblings.
func avidmMerklePathRoot(pos uint64, elem *interop.Hash, path [][avidmArity - 1]interop.Hash) interop.Hash {
	v := avidmLeaf(pos, elem)
	for _, sib := range path {
		var c [avidmArity]interop.Hash
		b := int(pos % avidmArity)
		copy(c[:b], sib[:b])
		c[b] = v
		copy(c[b+1:], sib[b:])
		v = avidmBranch(&c[0], &c[1], &c[2])
		pos /= avidmArity
	}
	return v
}
