package espresso

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls/bn254"
	"github.com/interopkit/interop/internal/jsontok"
	"github.com/interopkit/interop/internal/taggedb64"
	"github.com/interopkit/interop/ordering"
)

// maxQCJSON bounds a QC's JSON before it is read: a bit vector for MaxStakeTableSize
// signers is 1024 words of at most 20 digits.
const maxQCJSON = 64 << 10

// commitTag is the tag committable's Commitment displays with.
const commitTag = "COMMIT"

// SignerBits is a QC's signer bit vector: bit i says whether stake table entry i signed.
// It is bitvec's BitVec<u64, Lsb0>: bit i is bit i%64 of word i/64. The zero value is empty.
type SignerBits struct {
	n     int
	words []uint64
}

// NewSignerBits returns the bit vector of signed.
func NewSignerBits(signed []bool) SignerBits {
	b := SignerBits{n: len(signed), words: make([]uint64, (len(signed)+63)/64)}
	for i, s := range signed {
		if s {
			b.words[i/64] |= 1 << (i % 64)
		}
	}
	return b
}

// Len returns the number of bits.
func (b SignerBits) Len() int { return b.n }

// Has reports whether bit i is set.
func (b SignerBits) Has(i int) bool { return i >= 0 && i < b.n && b.words[i/64]>>(i%64)&1 == 1 }

// QuorumCertificate is HotShot's QuorumCertificate2 (SimpleCertificate<QuorumData2>) or its
// pre-epoch form QuorumCertificate (SimpleCertificate<QuorumData>), as nodes serialize it to
// JSON: the certified leaf commitment, the epoch and block number where QuorumData2 has
// them, the vote commitment the signers signed, the view, and the aggregate signature with
// its signer bit vector (nil and empty for the unsigned genesis QC).
type QuorumCertificate struct {
	LeafCommit     interop.Hash
	Epoch          *uint64 // QuorumData2's epoch; nil when absent or null
	BlockNumber    *uint64 // QuorumData2's block_number; nil when absent or null
	VoteCommitment interop.Hash
	ViewNumber     uint64
	Signature      *bn254.Signature
	Signers        SignerBits
}

// ExpectedVoteCommitment returns the vote commitment of the certificate's data and view,
// which VerifyQC requires the certificate to carry.
func (qc *QuorumCertificate) ExpectedVoteCommitment() interop.Hash {
	return VoteCommitment(QuorumData2Commitment(qc.LeafCommit, qc.Epoch, qc.BlockNumber), qc.ViewNumber)
}

// VerifyQC checks that qc certifies leaf under the stake table st, in this order:
//
//	a) qc.LeafCommit is leaf (ErrLeafMismatch);
//	b) qc carries signatures (ErrNoSignatures: the genesis QC proves nothing);
//	c) the bit vector has st.Len() bits (ErrBitVec, ordering.ErrBitmap);
//	d) qc.VoteCommitment is the commitment of its data and view (ErrVoteCommitment);
//	e) the signers' stake reaches st.Threshold() (ordering.ErrNoSigners for none,
//	   ordering.ErrNoQuorum below the threshold);
//	f) the aggregate signature verifies over the vote commitment under the sum of the
//	   signers' keys (ErrQCSignature, ordering.ErrInvalidSignature).
//
// The pairing check goes last: it is the only expensive step, so a malformed or
// under-staked QC costs its sender nothing to refuse. This is hotshot-types' BitVectorQc
// check with the vote commitment recomputed, as HotShot's is_valid_cert does.
func (st *StakeTable) VerifyQC(qc *QuorumCertificate, leaf interop.Hash) error {
	if qc == nil {
		return fmt.Errorf("%w: nil certificate", ErrQC)
	}
	if qc.LeafCommit != leaf {
		return fmt.Errorf("%w: certifies %x, want %x", ErrLeafMismatch, qc.LeafCommit[:8], leaf[:8])
	}
	if qc.Signature == nil {
		return fmt.Errorf("view %d: %w", qc.ViewNumber, ErrNoSignatures)
	}
	if qc.Signers.Len() != len(st.entries) {
		return fmt.Errorf("%w: %d bits for %d entries: %w", ErrBitVec, qc.Signers.Len(), len(st.entries), ordering.ErrBitmap)
	}
	if want := qc.ExpectedVoteCommitment(); qc.VoteCommitment != want {
		return fmt.Errorf("%w: carries %x, data and view %d commit to %x", ErrVoteCommitment, qc.VoteCommitment[:8], qc.ViewNumber, want[:8])
	}
	var signed uint256.Int
	keys := make([]*bn254.PublicKey, 0, len(st.entries))
	for i := range st.entries {
		if qc.Signers.Has(i) {
			// Cannot overflow: the table's total fits in 256 bits.
			signed.Add(&signed, &st.entries[i].Stake)
			keys = append(keys, st.entries[i].Key)
		}
	}
	if len(keys) == 0 {
		return fmt.Errorf("view %d: %w", qc.ViewNumber, ordering.ErrNoSigners)
	}
	if signed.Lt(&st.threshold) {
		return fmt.Errorf("view %d: signed stake %s below %s: %w", qc.ViewNumber, signed.Dec(), st.threshold.Dec(), ordering.ErrNoQuorum)
	}
	if !bn254.FastAggregateVerify(keys, qc.VoteCommitment[:], qc.Signature) {
		return fmt.Errorf("%w: view %d, %d signers: %w", ErrQCSignature, qc.ViewNumber, len(keys), ordering.ErrInvalidSignature)
	}
	return nil
}

// DecodeQCJSON decodes a quorum certificate as HotShot serializes it to JSON (the leaf's
// justify_qc, the query service's leaf qc, data/vN/messages.json):
//
//	{"data": {"leaf_commit": "COMMIT~…", "epoch": N|null, "block_number": N|null},
//	 "vote_commitment": "COMMIT~…", "view_number": N,
//	 "signatures": null | ["BLS_SIG~…", {"order": "bitvec::order::Lsb0",
//	                                      "head": {"width": 64, "index": 0},
//	                                      "bits": n, "data": [u64…]}],
//	 "_pd": null}
//
// epoch and block_number may be absent (QuorumData). Members are read exactly once (a
// repeat or a missing one is ErrQC); other members of the certificate are skipped, while
// the data object admits no other member, since the commitment would not cover it.
// Numbers must be canonical decimals within u64; commitments tagged COMMIT with 32 bytes
// (the tagged-base64 sentinels); the signature decodes strictly (bn254 sentinels); the bit
// vector must be bitvec's Lsb0 u64 form with ⌈bits/64⌉ words, no bit set past bits, and at
// most MaxStakeTableSize bits (ErrBitVec). Bound: input past 64 KiB is refused before
// reading; the bit vector allocates ⌈bits/64⌉ words after bits is checked.
func DecodeQCJSON(b []byte) (*QuorumCertificate, error) {
	if len(b) > maxQCJSON {
		return nil, fmt.Errorf("%w: %d bytes of JSON", ErrQC, len(b))
	}
	if !json.Valid(b) {
		return nil, fmt.Errorf("%w: not valid JSON", ErrQC)
	}
	qc := new(QuorumCertificate)
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := jsontok.ReadObject(dec, ErrQC, "QuorumCertificate",
		jsontok.Field{Name: "data", Read: func() error { return qc.readData(dec) }},
		jsontok.Field{Name: "vote_commitment", Read: func() error {
			c, err := readCommitment(dec)
			qc.VoteCommitment = c
			return err
		}},
		jsontok.Field{Name: "view_number", Read: func() error { return readU64(dec, &qc.ViewNumber) }},
		jsontok.Field{Name: "signatures", Read: func() error { return qc.readSignatures(dec) }},
	)
	if err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: data after the certificate", ErrQC)
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("%w: data after the certificate", ErrQC)
	}
	return qc, nil
}

func readCommitment(dec *json.Decoder) (interop.Hash, error) {
	t, err := dec.Token()
	if err != nil {
		return interop.Hash{}, fmt.Errorf("%w: %v", ErrQC, err)
	}
	s, ok := t.(string)
	if !ok {
		return interop.Hash{}, fmt.Errorf("%w: commitment %v is not a string", ErrQC, t)
	}
	return ParseCommitment(s, commitTag)
}

// readU64 reads a canonical decimal JSON number within u64.
func readU64(dec *json.Decoder, dst *uint64) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrQC, err)
	}
	n, ok := t.(json.Number)
	if !ok {
		return fmt.Errorf("%w: %v is not a number", ErrQC, t)
	}
	v, err := interop.ParseUint64([]byte(n))
	if err != nil {
		return fmt.Errorf("%w: %w", ErrQC, err)
	}
	*dst = v
	return nil
}

// readOptU64 reads null or a u64.
func readOptU64(dec *json.Decoder, dst **uint64) error {
	if !dec.More() {
		return fmt.Errorf("%w: missing value", ErrQC)
	}
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("%w: %v", ErrQC, err)
	}
	if string(raw) == "null" {
		*dst = nil
		return nil
	}
	inner := json.NewDecoder(bytes.NewReader(raw))
	inner.UseNumber()
	v := new(uint64)
	if err := readU64(inner, v); err != nil {
		return err
	}
	*dst = v
	return nil
}

func (qc *QuorumCertificate) readData(dec *json.Decoder) error {
	var seenLeaf, seenEpoch, seenBlock bool
	err := jsontok.EachField(dec, ErrQC, func(key string) error {
		var seen *bool
		var read func() error
		switch key {
		case "leaf_commit":
			seen, read = &seenLeaf, func() error {
				c, err := readCommitment(dec)
				qc.LeafCommit = c
				return err
			}
		case "epoch":
			seen, read = &seenEpoch, func() error { return readOptU64(dec, &qc.Epoch) }
		case "block_number":
			seen, read = &seenBlock, func() error { return readOptU64(dec, &qc.BlockNumber) }
		default:
			return fmt.Errorf("%w: data member %q is not covered by the commitment", ErrQC, key)
		}
		if *seen {
			return fmt.Errorf("%w: data.%s given twice", ErrQC, key)
		}
		*seen = true
		return read()
	})
	if err != nil {
		return err
	}
	if !seenLeaf {
		return fmt.Errorf("%w: data without leaf_commit", ErrQC)
	}
	return nil
}

func (qc *QuorumCertificate) readSignatures(dec *json.Decoder) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrQC, err)
	}
	if t == nil {
		return nil
	}
	if t != json.Delim('[') {
		return fmt.Errorf("%w: signatures %v is neither null nor a pair", ErrQC, t)
	}
	t, err = dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrQC, err)
	}
	s, ok := t.(string)
	if !ok {
		return fmt.Errorf("%w: signature %v is not a string", ErrQC, t)
	}
	sig, err := bn254.ParseSignature(s)
	if err != nil {
		return err
	}
	if !dec.More() {
		return fmt.Errorf("%w: signatures without a bit vector", ErrQC)
	}
	bits, err := readBitVec(dec)
	if err != nil {
		return err
	}
	if dec.More() {
		return fmt.Errorf("%w: signatures with more than two members", ErrQC)
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%w: %v", ErrQC, err)
	}
	qc.Signature, qc.Signers = sig, bits
	return nil
}

// readBitVec reads bitvec's serde form of a BitVec<u64, Lsb0>.
func readBitVec(dec *json.Decoder) (SignerBits, error) {
	var b SignerBits
	var n uint64
	var words json.RawMessage
	err := jsontok.ReadObject(dec, ErrBitVec, "BitVec",
		jsontok.Field{Name: "order", Read: func() error {
			var s string
			if err := dec.Decode(&s); err != nil || s != "bitvec::order::Lsb0" {
				return fmt.Errorf("%w: order %q, want bitvec::order::Lsb0", ErrBitVec, s)
			}
			return nil
		}},
		jsontok.Field{Name: "head", Read: func() error {
			var width, index uint64
			err := jsontok.ReadObject(dec, ErrBitVec, "BitVec.head",
				jsontok.Field{Name: "width", Read: func() error { return readU64(dec, &width) }},
				jsontok.Field{Name: "index", Read: func() error { return readU64(dec, &index) }})
			if err != nil {
				return err
			}
			if width != 64 || index != 0 {
				return fmt.Errorf("%w: head width %d index %d, want 64 and 0", ErrBitVec, width, index)
			}
			return nil
		}},
		jsontok.Field{Name: "bits", Read: func() error { return readU64(dec, &n) }},
		jsontok.Field{Name: "data", Read: func() error {
			if err := dec.Decode(&words); err != nil {
				return fmt.Errorf("%w: data: %v", ErrBitVec, err)
			}
			return nil
		}},
	)
	if err != nil {
		return b, err
	}
	if n > MaxStakeTableSize {
		return b, fmt.Errorf("%w: %d bits, at most %d", ErrBitVec, n, MaxStakeTableSize)
	}
	want := int(n+63) / 64
	if got, ok := jsontok.ArrayLen(words); !ok || got != want {
		return b, fmt.Errorf("%w: %d bits need %d words, data is %.40s", ErrBitVec, n, want, words)
	}
	b.n, b.words = int(n), make([]uint64, 0, want)
	wd := json.NewDecoder(bytes.NewReader(words))
	wd.UseNumber()
	if _, err := wd.Token(); err != nil {
		return b, fmt.Errorf("%w: %v", ErrBitVec, err)
	}
	for range want {
		var w uint64
		if err := readU64(wd, &w); err != nil {
			return b, fmt.Errorf("%w: %w", ErrBitVec, err)
		}
		b.words = append(b.words, w)
	}
	if r := n % 64; r != 0 && b.words[want-1]>>r != 0 {
		return b, fmt.Errorf("%w: bits set past bit %d", ErrBitVec, n)
	}
	return b, nil
}

// MarshalJSON writes the certificate in HotShot's JSON form: QuorumData2's members when
// Epoch or BlockNumber is set, else QuorumData's.
func (qc *QuorumCertificate) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"data":{"leaf_commit":"`)
	b.WriteString(FormatCommitment(commitTag, qc.LeafCommit))
	b.WriteByte('"')
	if qc.Epoch != nil || qc.BlockNumber != nil {
		for _, f := range []struct {
			name string
			v    *uint64
		}{{"epoch", qc.Epoch}, {"block_number", qc.BlockNumber}} {
			b.WriteString(`,"` + f.name + `":`)
			if f.v == nil {
				b.WriteString("null")
			} else {
				b.WriteString(strconv.FormatUint(*f.v, 10))
			}
		}
	}
	b.WriteString(`},"vote_commitment":"`)
	b.WriteString(FormatCommitment(commitTag, qc.VoteCommitment))
	b.WriteString(`","view_number":`)
	b.WriteString(strconv.FormatUint(qc.ViewNumber, 10))
	b.WriteString(`,"signatures":`)
	if qc.Signature == nil {
		b.WriteString("null")
	} else {
		b.WriteString(`["` + qc.Signature.String() + `",{"order":"bitvec::order::Lsb0","head":{"width":64,"index":0},"bits":`)
		b.WriteString(strconv.Itoa(qc.Signers.n))
		b.WriteString(`,"data":[`)
		for i, w := range qc.Signers.words {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.FormatUint(w, 10))
		}
		b.WriteString("]}]")
	}
	b.WriteString(`,"_pd":null}`)
	return b.Bytes(), nil
}

// bitvecOrder is bitvec's type name of its Lsb0 order, as its serde form carries it.
const bitvecOrder = "bitvec::order::Lsb0"

// SignaturesBytes is hotshot-types' serialize_signature2 of the certificate's signatures,
// the bytes a leaf's commitment puts under "signatures" for its justify QC (see
// CertificateCommitment): "Yes" ‖ "bitvec proof" ‖ bincode(signer bits) ‖ "aggregated
// signature" ‖ bincode(signature), with HotShot's bincode options (fixed-width
// little-endian integers). The bit vector is bitvec's BitSeq (u64 order-name length and
// name, head width and index as bytes, u64 bit count, u64 word count and words); the
// signature is its TaggedBase64 in binary serde form: a u64 byte count, then arkworks'
// serialization of the TaggedBase64 (u64 tag length, tag, u64 value length, the 64-byte
// uncompressed point, checksum). It is nil for a certificate without signatures.
func (qc *QuorumCertificate) SignaturesBytes() []byte {
	if qc.Signature == nil {
		return nil
	}
	le := binary.LittleEndian
	b := make([]byte, 0, 160+8*len(qc.Signers.words))
	b = append(b, "Yes"...)
	b = append(b, "bitvec proof"...)
	b = le.AppendUint64(b, uint64(len(bitvecOrder)))
	b = append(b, bitvecOrder...)
	b = append(b, 64, 0) // head: width, index
	b = le.AppendUint64(b, uint64(qc.Signers.n))
	b = le.AppendUint64(b, uint64(len(qc.Signers.words)))
	for _, w := range qc.Signers.words {
		b = le.AppendUint64(b, w)
	}
	b = append(b, "aggregated signature"...)
	sig := qc.Signature.Bytes()
	tb := bn254.TagSignature
	inner := 8 + len(tb) + 8 + len(sig) + 1
	b = le.AppendUint64(b, uint64(inner))
	b = le.AppendUint64(b, uint64(len(tb)))
	b = append(b, tb...)
	b = le.AppendUint64(b, uint64(len(sig)))
	b = append(b, sig[:]...)
	return append(b, taggedb64.Checksum(tb, sig[:]))
}
