package tendermint

// CometBFT's protobuf encoding (gogoproto's output for the types involved), the header and
// validator-set hashes, and vote sign bytes.

import (
	"crypto/sha256"
	"encoding/binary"
	"time"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
)

func appendTag(b []byte, field, wire int) []byte {
	return binary.AppendUvarint(b, uint64(field<<3|wire))
}

func appendVarintField(b []byte, field int, v uint64) []byte {
	if v == 0 {
		return b
	}
	return binary.AppendUvarint(appendTag(b, field, 0), v)
}

func appendBytesField(b []byte, field int, v []byte) []byte {
	if len(v) == 0 {
		return b
	}
	b = binary.AppendUvarint(appendTag(b, field, 2), uint64(len(v)))
	return append(b, v...)
}

// appendMessage always writes the field, as gogoproto does for non-nullable messages.
func appendMessage(b []byte, field int, m []byte) []byte {
	b = binary.AppendUvarint(appendTag(b, field, 2), uint64(len(m)))
	return append(b, m...)
}

func timestamp(t time.Time) []byte { return appendTimestamp(nil, t) }

// appendTimestamp appends the google.protobuf.Timestamp of t.
func appendTimestamp(b []byte, t time.Time) []byte {
	b = appendVarintField(b, 1, uint64(t.Unix()))
	return appendVarintField(b, 2, uint64(int64(t.Nanosecond())))
}

func (id *BlockID) proto() []byte {
	psh := appendVarintField(nil, 1, uint64(id.PartSetHeader.Total))
	psh = appendBytesField(psh, 2, id.PartSetHeader.Hash)
	b := appendBytesField(nil, 1, id.Hash)
	return appendMessage(b, 2, psh)
}

// hashFromByteSlices is CometBFT's merkle.HashFromByteSlices: the RFC 6962 root of the
// items (proof/nmt keeps the one copy of the tree).
func hashFromByteSlices(items [][]byte) []byte {
	h := nmt.RFC6962Root(items)
	return h[:]
}

// Hash is Header.Hash: the Merkle root of the header's fields, each protobuf-encoded
// (scalars in their gogotypes wrappers). Work and memory are linear in the header's size.
func (h *Header) Hash() []byte {
	version := appendVarintField(nil, 1, uint64(h.Version.Block))
	version = appendVarintField(version, 2, uint64(h.Version.App))
	wrapBytes := func(v []byte) []byte { return appendBytesField(nil, 1, v) }
	return hashFromByteSlices([][]byte{
		version,
		wrapBytes([]byte(h.ChainID)),
		appendVarintField(nil, 1, uint64(h.Height)),
		timestamp(h.Time),
		h.LastBlockID.proto(),
		wrapBytes(h.LastCommitHash),
		wrapBytes(h.DataHash),
		wrapBytes(h.ValidatorsHash),
		wrapBytes(h.NextValidatorsHash),
		wrapBytes(h.ConsensusHash),
		wrapBytes(h.AppHash),
		wrapBytes(h.LastResultsHash),
		wrapBytes(h.EvidenceHash),
		wrapBytes(h.ProposerAddress),
	})
}

// Hash is ValidatorSet.Hash: the Merkle root of SimpleValidator{pub_key, voting_power}.
// It allocates 32 bytes per validator and one buffer the size of the longest key.
func (vs *ValidatorSet) Hash() []byte {
	leaves := make([]interop.Hash, len(vs.Validators))
	var scratch []byte
	for i := range vs.Validators {
		v := &vs.Validators[i]
		// RFC 6962 leaf prefix, then SimpleValidator: field 1 the PublicKey message
		// (oneof ed25519 = field 1), field 2 the power.
		key := v.PubKey.Value
		var keyMsg int
		if len(key) > 0 {
			keyMsg = 1 + uvarintLen(uint64(len(key))) + len(key)
		}
		scratch = append(scratch[:0], 0)
		scratch = binary.AppendUvarint(appendTag(scratch, 1, 2), uint64(keyMsg))
		scratch = appendBytesField(scratch, 1, key)
		scratch = appendVarintField(scratch, 2, uint64(v.VotingPower))
		leaves[i] = sha256.Sum256(scratch)
	}
	h := nmt.RFC6962RootOfLeafHashes(leaves)
	return h[:]
}

func uvarintLen(x uint64) int {
	var b [binary.MaxVarintLen64]byte
	return len(binary.AppendUvarint(b[:0], x))
}

// VoteSignBytes is the length-delimited CanonicalVote a validator signs for a
// precommit in commit c (types/vote.go VoteSignBytes, CanonicalizeVote).
func VoteSignBytes(chainID string, c *Commit, sig *CommitSig) []byte {
	var s signBytes
	return s.of(chainID, c, c.BlockID.proto(), sig)
}

// signBytes holds the buffers VoteSignBytes writes into, reused across a commit's entries
// so that verifying n signatures allocates a constant, not n copies of the sign bytes.
type signBytes struct{ body, out []byte }

// of returns the sign bytes of sig in c, whose block id encodes as blockID. The result is
// valid until the next call.
func (s *signBytes) of(chainID string, c *Commit, blockID []byte, sig *CommitSig) []byte {
	b := appendVarintField(s.body[:0], 1, 2) // SIGNED_MSG_TYPE_PRECOMMIT
	if c.Height != 0 {
		b = binary.LittleEndian.AppendUint64(appendTag(b, 2, 1), uint64(c.Height))
	}
	if c.Round != 0 {
		b = binary.LittleEndian.AppendUint64(appendTag(b, 3, 1), uint64(int64(c.Round)))
	}
	if sig.BlockIDFlag == FlagCommit {
		b = appendMessage(b, 4, blockID)
	}
	var ts [2 * (1 + binary.MaxVarintLen64)]byte
	b = appendMessage(b, 5, appendTimestamp(ts[:0], sig.Timestamp))
	b = appendBytesField(b, 6, []byte(chainID))
	s.body = b
	s.out = append(binary.AppendUvarint(s.out[:0], uint64(len(b))), b...)
	return s.out
}
