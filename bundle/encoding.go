package bundle

import (
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/proof/mpt"
)

// encodingVersion is the first byte of every encoding; a new layout takes a new version.
const encodingVersion = 1

// idDomain and signDomain separate bundle hashes from every other keccak256 in the system:
// an ID can never collide with a transaction hash, a trie node or another protocol's digest.
var (
	idDomain   = []byte("interop/bundle/v1/id")
	signDomain = []byte("\x19interop/bundle/v1/signature")
)

// Leg flag bits of the encoding.
const (
	flagMayRevert = 1 << iota
	flagExpect
	flagLog
	flagData
	flagMask = flagMayRevert | flagExpect | flagLog | flagData
)

// AppendBinary appends the canonical encoding to dst and returns the extended buffer:
//
//	version(1) ‖ nonce(8) ‖ submitter(20) ‖ legs(1) ‖ leg...
//	leg = chain(8) ‖ flags(1) ‖ minHeight(8) ‖ maxHeight(8) ‖ minTime(8) ‖ maxTime(8)
//	      ‖ txLen(4) ‖ tx ‖ [address(20) ‖ topics(1) ‖ topic(32)... ‖ [dataLen(4) ‖ data]]
//
// integers big-endian; the log part present when an expected log is set, its data part
// when the log's data is constrained. It fails only on a bundle that Validate rejects,
// and then returns dst unchanged.
func (b *Bundle) AppendBinary(dst []byte) ([]byte, error) {
	if err := b.Validate(nil); err != nil {
		return dst, err
	}
	return b.appendEncoding(slices.Grow(dst, b.encodedSize())), nil
}

func (b *Bundle) encodedSize() int {
	n := 1 + 8 + 20 + 1
	for i := range b.Legs {
		l := &b.Legs[i]
		n += 8 + 1 + 32 + 4 + len(l.Tx)
		if l.Expect != nil && l.Expect.Log != nil {
			n += 20 + 1 + 32*len(l.Expect.Log.Topics)
			if l.Expect.Log.Data != nil {
				n += 4 + len(l.Expect.Log.Data)
			}
		}
	}
	return n
}

func (b *Bundle) appendEncoding(dst []byte) []byte {
	dst = append(dst, encodingVersion)
	dst = binary.BigEndian.AppendUint64(dst, b.Nonce)
	dst = append(dst, b.Submitter[:]...)
	dst = append(dst, byte(len(b.Legs)))
	for i := range b.Legs {
		l := &b.Legs[i]
		var flags byte
		if l.MayRevert {
			flags |= flagMayRevert
		}
		var log *LogMatch
		if l.Expect != nil {
			flags |= flagExpect
			if log = l.Expect.Log; log != nil {
				flags |= flagLog
				if log.Data != nil {
					flags |= flagData
				}
			}
		}
		dst = binary.BigEndian.AppendUint64(dst, uint64(l.Chain))
		dst = append(dst, flags)
		for _, v := range [4]uint64{l.Window.MinHeight, l.Window.MaxHeight, l.Window.MinTimestamp, l.Window.MaxTimestamp} {
			dst = binary.BigEndian.AppendUint64(dst, v)
		}
		dst = binary.BigEndian.AppendUint32(dst, uint32(len(l.Tx)))
		dst = append(dst, l.Tx...)
		if log != nil {
			dst = append(dst, log.Address[:]...)
			dst = append(dst, byte(len(log.Topics)))
			for _, t := range log.Topics {
				dst = append(dst, t[:]...)
			}
			if log.Data != nil {
				dst = binary.BigEndian.AppendUint32(dst, uint32(len(log.Data)))
				dst = append(dst, log.Data...)
			}
		}
	}
	return dst
}

// minLegSize is the smallest encoded leg: chain, flags, window, a transaction length and
// one byte of transaction.
const minLegSize = 8 + 1 + 32 + 4 + 1

// reader reads the encoding with bounds checks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b) {
		r.err = fmt.Errorf("%w: need %d bytes, %d left", ErrEncoding, n, len(r.b))
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) u8() byte {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (r *reader) u64() uint64 {
	if b := r.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

// DecodeBundle decodes the canonical encoding strictly: the version, flag bits, counts
// and lengths must be in range, and nothing may follow the last leg. The decoded bundle
// passes Validate (without a chain set). Byte slices are copied.
//
// Bound: counts and lengths are checked against their limits and against the bytes left
// before anything is allocated for them; work O(len(data)) plus Validate's; memory one copy
// of data's transaction and log bytes plus 80 bytes per leg (a leg takes at least 46 bytes).
func DecodeBundle(data []byte) (Bundle, error) {
	r := reader{b: data}
	if v := r.u8(); r.err == nil && v != encodingVersion {
		return Bundle{}, fmt.Errorf("%w: version %d", ErrEncoding, v)
	}
	var out Bundle
	out.Nonce = r.u64()
	copy(out.Submitter[:], r.take(20))
	n := int(r.u8())
	if r.err == nil && (n == 0 || n > MaxLegs) {
		return Bundle{}, fmt.Errorf("%w: %d legs", ErrEncoding, n)
	}
	// Every leg takes at least minLegSize bytes: the count is checked against the bytes
	// left before the legs are allocated.
	if r.err == nil && n*minLegSize > len(r.b) {
		return Bundle{}, fmt.Errorf("%w: %d legs in %d bytes", ErrEncoding, n, len(r.b))
	}
	out.Legs = make([]Leg, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		var l Leg
		l.Chain = interop.ChainID(r.u64())
		flags := r.u8()
		if flags&^flagMask != 0 || (flags&flagLog != 0 && flags&flagExpect == 0) || (flags&flagData != 0 && flags&flagLog == 0) {
			return Bundle{}, fmt.Errorf("%w: leg %d flags 0x%02x", ErrEncoding, i, flags)
		}
		l.MayRevert = flags&flagMayRevert != 0
		l.Window = Window{r.u64(), r.u64(), r.u64(), r.u64()}
		txLen := r.u32()
		if r.err == nil && (txLen == 0 || txLen > MaxTxSize) {
			return Bundle{}, fmt.Errorf("%w: leg %d transaction of %d bytes", ErrEncoding, i, txLen)
		}
		l.Tx = append([]byte(nil), r.take(int(txLen))...)
		if flags&flagExpect != 0 {
			l.Expect = &Effect{}
		}
		if flags&flagLog != 0 {
			log := &LogMatch{}
			copy(log.Address[:], r.take(20))
			topics := int(r.u8())
			if r.err == nil && topics > MaxTopics {
				return Bundle{}, fmt.Errorf("%w: leg %d expects %d topics", ErrEncoding, i, topics)
			}
			for range topics {
				var t interop.Hash
				copy(t[:], r.take(32))
				log.Topics = append(log.Topics, t)
			}
			if flags&flagData != 0 {
				dataLen := r.u32()
				if r.err == nil && dataLen > MaxEffectLen {
					return Bundle{}, fmt.Errorf("%w: leg %d expects %d data bytes", ErrEncoding, i, dataLen)
				}
				log.Data = append([]byte{}, r.take(int(dataLen))...)
			}
			l.Expect.Log = log
		}
		out.Legs = append(out.Legs, l)
	}
	if r.err != nil {
		return Bundle{}, r.err
	}
	if len(r.b) != 0 {
		return Bundle{}, fmt.Errorf("%w: %d trailing bytes", ErrEncoding, len(r.b))
	}
	if err := out.Validate(nil); err != nil {
		return Bundle{}, fmt.Errorf("%w: %w", ErrEncoding, err)
	}
	return out, nil
}

// ID is keccak256 of a domain tag and the canonical encoding. It commits to every leg's
// chain, transaction, window and effect, to the nonce and to the submitter, so a signature
// over it cannot be replayed on another chain, at heights outside the windows, or for
// another nonce. The bundle must be valid.
func (b *Bundle) ID() (interop.Hash, error) {
	enc, err := b.AppendBinary(append(make([]byte, 0, len(idDomain)+b.encodedSize()), idDomain...))
	if err != nil {
		return interop.Hash{}, err
	}
	return mpt.Keccak256(enc), nil
}

// SigningDigest is the digest a submitter signs: keccak256 of a domain tag and the ID.
func SigningDigest(id interop.Hash) interop.Hash {
	return mpt.Keccak256(append(append([]byte{}, signDomain...), id[:]...))
}

// Signed is a bundle with its submitter's signature.
type Signed struct {
	Bundle    Bundle
	Signature [65]byte
}

// Sign signs b's ID with key, setting b.Submitter to key's address first.
func Sign(b Bundle, key *secp256k1.PrivateKey) (Signed, error) {
	b.Submitter = key.Address()
	id, err := b.ID()
	if err != nil {
		return Signed{}, err
	}
	return Signed{Bundle: b, Signature: key.Sign(SigningDigest(id))}, nil
}

// Verify checks the signature: it must recover (strictly: low s, EIP-2) to the submitter.
// It returns the bundle's ID. Bound: Validate, one encoding (memory O(size)), one
// keccak256 and one ecrecover.
func (s *Signed) Verify() (interop.Hash, error) {
	id, err := s.Bundle.ID()
	if err != nil {
		return interop.Hash{}, err
	}
	addr, err := secp256k1.RecoverAddressStrict(SigningDigest(id), s.Signature)
	if err != nil {
		return interop.Hash{}, fmt.Errorf("%w: %w", ErrSignature, err)
	}
	if addr != s.Bundle.Submitter {
		return interop.Hash{}, fmt.Errorf("%w: recovered %s, submitter %s", ErrWrongSubmitter, addr, s.Bundle.Submitter)
	}
	return id, nil
}
