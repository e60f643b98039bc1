package astria

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
)

// The blobs the sequencer-relayer posts to Celestia (astria-sequencer-relayer
// relayer/write/conversion.rs): per submission, one SubmittedMetadataList of the
// blocks' metadata in the sequencer namespace, and per rollup one SubmittedRollupDataList
// in that rollup's namespace, each protobuf-encoded and Brotli-compressed (astria-core
// brotli.rs) and posted as a Celestia blob of share version 0 (celestia-types
// Blob::new, app version 3: no signer).

// Namespace is a Celestia namespace: a version byte and a 28-byte id.
type Namespace [nmt.CelestiaNamespaceSize]byte

// namespaceV0 is the version-0 namespace of a 10-byte id: version 0, 18 zero bytes,
// the id (go-square share/namespace.go, celestia-types Namespace::const_v0).
func namespaceV0(id []byte) Namespace {
	var ns Namespace
	copy(ns[len(ns)-10:], id[:10])
	return ns
}

// SequencerNamespace is the namespace of a sequencer's metadata blobs: version 0 with
// the first 10 bytes of sha256 of the CometBFT chain id (astria-core
// namespace_v0_from_sha256_of_bytes, as the relayer and conductor derive it).
func SequencerNamespace(chainID string) Namespace {
	h := sha256.Sum256([]byte(chainID))
	return namespaceV0(h[:])
}

// RollupNamespace is the namespace of a rollup's data blobs: version 0 with the first
// 10 bytes of the rollup id (astria-core namespace_v0_from_rollup_id).
func RollupNamespace(id interop.Hash) Namespace { return namespaceV0(id[:]) }

// DecodeMetadataList decodes a decompressed SubmittedMetadataList, the body of a
// sequencer-namespace blob, strictly (as DecodeSubmittedMetadata for every entry;
// unknown top-level fields skipped as proto3 does). Each entry comes back as the
// FilteredSequencerBlock it describes, no rollup served. Bound: input at most
// MaxMessageSize (ErrTooLarge); the entries' slice grows only with entries decoded
// (a 336-byte entry takes at least 137 input bytes with its required fields); their
// bytes alias b.
func DecodeMetadataList(b []byte) ([]FilteredSequencerBlock, error) {
	if err := checkSize("submitted metadata list", b); err != nil {
		return nil, err
	}
	var out []FilteredSequencerBlock
	err := message("submitted metadata list", b, map[uint64]spec{1: {wireBytes, true}}, func(f field) error {
		m, err := DecodeSubmittedMetadata(f.b)
		if err != nil {
			return fmt.Errorf("entry %d: %w", len(out), err)
		}
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AppendMetadataList appends the canonical SubmittedMetadataList encoding of the
// metadata of each block (their served rollups are not part of it).
func AppendMetadataList(b []byte, blocks []FilteredSequencerBlock) []byte {
	for i := range blocks {
		b = appendMessage(b, 1, AppendSubmittedMetadata(nil, &blocks[i]), true)
	}
	return b
}

// DecodeRollupDataList decodes a decompressed SubmittedRollupDataList, the body of a
// rollup-namespace blob, strictly (as DecodeSubmittedRollupData for every entry).
// Bound: input at most MaxMessageSize (ErrTooLarge); the entries' slice grows only with
// entries decoded (a 128-byte entry takes at least 72 input bytes), transactions are
// counted per entry before their slice is allocated; transactions and paths alias b.
func DecodeRollupDataList(b []byte) ([]SubmittedRollupData, error) {
	if err := checkSize("submitted rollup data list", b); err != nil {
		return nil, err
	}
	var out []SubmittedRollupData
	err := message("submitted rollup data list", b, map[uint64]spec{1: {wireBytes, true}}, func(f field) error {
		d, err := DecodeSubmittedRollupData(f.b)
		if err != nil {
			return fmt.Errorf("entry %d: %w", len(out), err)
		}
		out = append(out, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// AppendRollupDataList appends the canonical SubmittedRollupDataList encoding of data.
func AppendRollupDataList(b []byte, data []SubmittedRollupData) []byte {
	for i := range data {
		e, _ := data[i].AppendBinary(nil)
		b = appendMessage(b, 1, e, true)
	}
	return b
}

// Celestia share layout (go-square share/: consts.go, share_builder.go,
// split_sparse_shares.go, parse_sparse_shares.go): a blob is a sequence of sparse
// shares of ShareSize bytes. Every share starts with the namespace and an info byte
// (share version << 1 | sequence start); the first share then holds the blob's length
// (4 bytes big-endian) and, for share version 1, the 20-byte signer; the rest of each
// share is blob data, the last share padded with zeros.
const (
	// ShareSize is the size of a Celestia share.
	ShareSize = 512
	// SignerSize is the size of the signer a version-1 share carries.
	SignerSize = 20
	// MaxBlobShares bounds the shares DecodeBlobShares takes: a blob of MaxMessageSize
	// bytes needs fewer.
	MaxBlobShares = MaxMessageSize/continuationContent + 2

	infoOffset          = nmt.CelestiaNamespaceSize
	firstContent        = ShareSize - nmt.CelestiaNamespaceSize - 1 - 4
	continuationContent = ShareSize - nmt.CelestiaNamespaceSize - 1
)

// SharesNeeded returns how many shares a blob of n bytes takes (go-square
// SparseSharesNeeded), with a signer when signed (share version 1).
func SharesNeeded(n int, signed bool) int {
	first := firstContent
	if signed {
		first -= SignerSize
	}
	if n <= first {
		return 1
	}
	return 1 + (n-first+continuationContent-1)/continuationContent
}

// BlobShares splits a blob into its Celestia shares as go-square's sparse share
// splitter does: share version 0 when signer is nil, 1 when it is SignerSize bytes.
// A blob over MaxMessageSize bytes or a signer of another size is an error (ErrShares).
func BlobShares(ns Namespace, data, signer []byte) ([][]byte, error) {
	if len(data) > MaxMessageSize {
		return nil, fmt.Errorf("%w: blob of %d bytes, limit %d", ErrTooLarge, len(data), MaxMessageSize)
	}
	if signer != nil && len(signer) != SignerSize {
		return nil, fmt.Errorf("%w: signer of %d bytes, want %d", ErrShares, len(signer), SignerSize)
	}
	n := SharesNeeded(len(data), signer != nil)
	buf := make([]byte, n*ShareSize)
	shares := make([][]byte, n)
	version := byte(0)
	if signer != nil {
		version = 1
	}
	rest := data
	for i := range shares {
		s := buf[i*ShareSize : (i+1)*ShareSize : (i+1)*ShareSize]
		copy(s, ns[:])
		body := s[infoOffset+1:]
		s[infoOffset] = version << 1
		if i == 0 {
			s[infoOffset] |= 1
			binary.BigEndian.PutUint32(body, uint32(len(data)))
			body = body[4:]
			if signer != nil {
				body = body[copy(body, signer):]
			}
		}
		rest = rest[copy(body, rest):]
		shares[i] = s
	}
	return shares, nil
}

// DecodeBlobShares reads one blob back from its shares, strictly: every share
// ShareSize bytes in namespace ns with the same share version (0, or 1 with a signer),
// the first a sequence start and the others not, exactly SharesNeeded shares for the
// sequence length, the padding after the data zero. It returns the data and, for share
// version 1, the signer; both alias shares when the blob fits one share, and are
// copied otherwise. Errors wrap ErrShares, or ErrNamespace for a share of another
// namespace. Bound: at most MaxBlobShares shares (ErrTooLarge), checked first; one copy
// of the data.
func DecodeBlobShares(ns Namespace, shares [][]byte) (data, signer []byte, err error) {
	if len(shares) == 0 {
		return nil, nil, fmt.Errorf("%w: no shares", ErrShares)
	}
	if len(shares) > MaxBlobShares {
		return nil, nil, fmt.Errorf("%w: %d shares, limit %d", ErrTooLarge, len(shares), MaxBlobShares)
	}
	for i, s := range shares {
		if len(s) != ShareSize {
			return nil, nil, fmt.Errorf("%w: share %d of %d bytes", ErrShares, i, len(s))
		}
		if Namespace(s[:infoOffset]) != ns {
			return nil, nil, fmt.Errorf("%w: share %d in namespace %x, want %x", ErrNamespace, i, s[:infoOffset], ns)
		}
	}
	info := shares[0][infoOffset]
	version := info >> 1
	if info&1 == 0 || version > 1 {
		return nil, nil, fmt.Errorf("%w: first share's info byte %#x (share version %d, sequence start %v)", ErrShares, info, version, info&1 == 1)
	}
	body := shares[0][infoOffset+1:]
	length := int(binary.BigEndian.Uint32(body))
	body = body[4:]
	if version == 1 {
		signer, body = body[:SignerSize], body[SignerSize:]
	}
	if length > MaxMessageSize {
		return nil, nil, fmt.Errorf("%w: sequence length %d, limit %d", ErrTooLarge, length, MaxMessageSize)
	}
	if want := SharesNeeded(length, version == 1); want != len(shares) {
		return nil, nil, fmt.Errorf("%w: sequence length %d needs %d shares, %d given", ErrShares, length, want, len(shares))
	}
	if len(shares) == 1 {
		data = body[:length:length]
		if !allZero(body[length:]) {
			return nil, nil, fmt.Errorf("%w: non-zero padding after %d bytes", ErrShares, length)
		}
		return data, signer, nil
	}
	data = make([]byte, 0, length)
	data = append(data, body...)
	for i, s := range shares[1:] {
		if s[infoOffset] != version<<1 {
			return nil, nil, fmt.Errorf("%w: share %d's info byte %#x, want %#x", ErrShares, i+1, s[infoOffset], version<<1)
		}
		part := s[infoOffset+1:]
		if n := length - len(data); n < len(part) {
			if !allZero(part[n:]) {
				return nil, nil, fmt.Errorf("%w: non-zero padding after %d bytes", ErrShares, length)
			}
			part = part[:n]
		}
		data = append(data, part...)
	}
	if signer != nil {
		signer = append([]byte(nil), signer...)
	}
	return data, signer, nil
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
