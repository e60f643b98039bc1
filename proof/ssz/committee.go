package ssz

import (
	"crypto/sha256"
	"fmt"
	"math/bits"

	"github.com/interopkit/interop"
)

// A BLSPubkey is a compressed BLS12-381 G1 point as SSZ carries it (Bytes48). This
// package does not check that it is a point; crypto/bls does.
type BLSPubkey [48]byte

// A BLSSignature is a compressed BLS12-381 G2 point as SSZ carries it (Bytes96).
type BLSSignature [96]byte

// pubkeyRoot is hash_tree_root(Bytes48): two chunks, the second zero-padded.
func pubkeyRoot(pk *BLSPubkey) (root interop.Hash) {
	var pad [16]byte
	h := sha256.New()
	h.Write(pk[:])
	h.Write(pad[:])
	h.Sum(root[:0])
	return root
}

// signatureRoot is hash_tree_root(Bytes96): three chunks padded to four.
func signatureRoot(s *BLSSignature) interop.Hash {
	var last interop.Hash
	copy(last[:], s[64:])
	return HashPair(HashPair(interop.Hash(s[:32]), interop.Hash(s[32:64])), HashPair(last, interop.Hash{}))
}

// SyncCommittee is the altair container. Pubkeys has SYNC_COMMITTEE_SIZE entries (512 on
// mainnet, 32 in the minimal preset); the decoders check the length against a Preset.
type SyncCommittee struct {
	Pubkeys         []BLSPubkey
	AggregatePubkey BLSPubkey
}

// SizeSSZ returns the SSZ size of c for the number of pubkeys it holds.
func (c *SyncCommittee) SizeSSZ() int { return 48*len(c.Pubkeys) + 48 }

func syncCommitteeSize(p Preset) int { return 48*p.SyncCommitteeSize + 48 }

// MarshalSSZ returns the SSZ encoding of c.
func (c *SyncCommittee) MarshalSSZ() ([]byte, error) {
	return c.MarshalSSZTo(make([]byte, 0, c.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of c to dst. An empty committee is an error
// (SSZ has no vectors of length zero).
func (c *SyncCommittee) MarshalSSZTo(dst []byte) ([]byte, error) {
	if len(c.Pubkeys) == 0 || len(c.Pubkeys) > MaxSyncCommitteeSize {
		return dst, fmt.Errorf("%w: sync committee of %d pubkeys", ErrField, len(c.Pubkeys))
	}
	for i := range c.Pubkeys {
		dst = append(dst, c.Pubkeys[i][:]...)
	}
	return append(dst, c.AggregatePubkey[:]...), nil
}

// UnmarshalSSZ decodes a SyncCommittee of preset p: exactly 48*(SyncCommitteeSize+1)
// bytes.
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (c *SyncCommittee) UnmarshalSSZ(p Preset, data []byte) error {
	if err := p.check(); err != nil {
		return err
	}
	if want := syncCommitteeSize(p); len(data) != want {
		return fmt.Errorf("SyncCommittee: %w: %d bytes, want %d", ErrSize, len(data), want)
	}
	c.Pubkeys = make([]BLSPubkey, p.SyncCommitteeSize)
	for i := range c.Pubkeys {
		copy(c.Pubkeys[i][:], data[48*i:])
	}
	copy(c.AggregatePubkey[:], data[48*p.SyncCommitteeSize:])
	return nil
}

// HashTreeRoot returns hash_tree_root(c) for Vector[BLSPubkey, len(c.Pubkeys)]. It
// allocates nothing; for 512 pubkeys it costs 1025 hashes.
func (c *SyncCommittee) HashTreeRoot() interop.Hash {
	return HashPair(c.pubkeysRoot(), pubkeyRoot(&c.AggregatePubkey))
}

// pubkeysRoot is hash_tree_root(Vector[BLSPubkey, len(c.Pubkeys)]). Up to the mainnet
// size it hashes layer by layer in a stack array with one reused digest, which is what
// the once-per-period committee check spends its time on; larger committees go through
// the streaming merkleizer.
func (c *SyncCommittee) pubkeysRoot() interop.Hash {
	n := len(c.Pubkeys)
	if n > 512 {
		var m merkleizer
		for i := range c.Pubkeys {
			m.add(pubkeyRoot(&c.Pubkeys[i]))
		}
		return m.root(depthFor(uint64(n)))
	}
	var layer [512]interop.Hash
	var pad [16]byte
	h := sha256.New()
	for i := range c.Pubkeys {
		h.Reset()
		h.Write(c.Pubkeys[i][:])
		h.Write(pad[:])
		h.Sum(layer[i][:0])
	}
	depth := depthFor(uint64(n))
	for level := 0; level < depth; level++ {
		if n%2 == 1 {
			// Pad the layer to even width with the zero subtree of this height.
			layer[n] = zeroHashes[level]
			n++
		}
		for i := 0; i < n/2; i++ {
			h.Reset()
			h.Write(layer[2*i][:])
			h.Write(layer[2*i+1][:])
			h.Sum(layer[i][:0])
		}
		n /= 2
	}
	if n == 0 {
		return zeroHashes[0]
	}
	return layer[0]
}

// SyncAggregate is the altair container. SyncCommitteeBits is the SSZ form of
// Bitvector[SYNC_COMMITTEE_SIZE]: participant i is bit i%8 of byte i/8.
type SyncAggregate struct {
	SyncCommitteeBits      []byte
	SyncCommitteeSignature BLSSignature
}

func bitvectorLen(n int) int { return (n + 7) / 8 }

func syncAggregateSize(p Preset) int { return bitvectorLen(p.SyncCommitteeSize) + 96 }

// SizeSSZ returns the SSZ size of a.
func (a *SyncAggregate) SizeSSZ() int { return len(a.SyncCommitteeBits) + 96 }

// MarshalSSZ returns the SSZ encoding of a.
func (a *SyncAggregate) MarshalSSZ() ([]byte, error) {
	return a.MarshalSSZTo(make([]byte, 0, a.SizeSSZ()))
}

// MarshalSSZTo appends the SSZ encoding of a to dst. Empty bits are an error.
func (a *SyncAggregate) MarshalSSZTo(dst []byte) ([]byte, error) {
	if len(a.SyncCommitteeBits) == 0 || len(a.SyncCommitteeBits) > MaxSyncCommitteeSize/8 {
		return dst, fmt.Errorf("%w: sync committee bits of %d bytes", ErrField, len(a.SyncCommitteeBits))
	}
	dst = append(dst, a.SyncCommitteeBits...)
	return append(dst, a.SyncCommitteeSignature[:]...), nil
}

// UnmarshalSSZ decodes a SyncAggregate of preset p. Bits past SyncCommitteeSize in the
// last byte must be zero (simple-serialize.md, bitvector deserialization).
//
// Resource bound: the size is checked against the fork and preset before anything is
// allocated; work O(len(data)), memory at most len(data).
func (a *SyncAggregate) UnmarshalSSZ(p Preset, data []byte) error {
	if err := p.check(); err != nil {
		return err
	}
	nb := bitvectorLen(p.SyncCommitteeSize)
	if len(data) != nb+96 {
		return fmt.Errorf("SyncAggregate: %w: %d bytes, want %d", ErrSize, len(data), nb+96)
	}
	if err := checkBitvector(data[:nb], p.SyncCommitteeSize); err != nil {
		return err
	}
	a.SyncCommitteeBits = append([]byte(nil), data[:nb]...)
	copy(a.SyncCommitteeSignature[:], data[nb:])
	return nil
}

func checkBitvector(b []byte, n int) error {
	if n%8 != 0 && b[len(b)-1]>>(uint(n)%8) != 0 {
		return fmt.Errorf("%w: last byte %#02x of Bitvector[%d]", ErrBitvector, b[len(b)-1], n)
	}
	return nil
}

// HashTreeRoot returns hash_tree_root(a).
func (a *SyncAggregate) HashTreeRoot() interop.Hash {
	return HashPair(BitvectorRoot(a.SyncCommitteeBits), signatureRoot(&a.SyncCommitteeSignature))
}

// Participants returns the number of set bits: the committee members who signed.
func (a *SyncAggregate) Participants() int {
	n := 0
	for _, b := range a.SyncCommitteeBits {
		n += bits.OnesCount8(b)
	}
	return n
}

// Signed reports whether committee member i signed (bit i is set). Out-of-range i is
// false.
func (a *SyncAggregate) Signed(i int) bool {
	return i >= 0 && i/8 < len(a.SyncCommitteeBits) && a.SyncCommitteeBits[i/8]>>(uint(i)%8)&1 == 1
}
