package astria

import (
	"fmt"

	"github.com/interopkit/interop/internal/brotli"
)

// DecompressBlob returns the protobuf bytes of a blob's data as Astria posts it,
// Brotli-compressed (astria-core brotli.rs: compress_bytes, quality 5). A stream that
// is corrupt, truncated, followed by other bytes, or that would decompress to more
// than MaxMessageSize bytes is ErrDecompress, internal/brotli's sentinel wrapped
// beside it. Bound: at most MaxMessageSize bytes of output, the decoder's window
// besides; a hostile stream can expand that far, whatever its size.
func DecompressBlob(data []byte) ([]byte, error) {
	out, err := brotli.Decode(data, MaxMessageSize)
	if err != nil {
		return nil, fmt.Errorf("%w: %d compressed bytes: %w", ErrDecompress, len(data), err)
	}
	return out, nil
}

// DecodeMetadataBlob decompresses a sequencer-namespace blob (DecompressBlob) and
// decodes its SubmittedMetadataList (DecodeMetadataList), as the conductor does
// (convert.rs). Bound: DecompressBlob's, then DecodeMetadataList's on the output.
func DecodeMetadataBlob(data []byte) ([]FilteredSequencerBlock, error) {
	b, err := DecompressBlob(data)
	if err != nil {
		return nil, err
	}
	return DecodeMetadataList(b)
}

// DecodeRollupDataBlob decompresses a rollup-namespace blob (DecompressBlob) and
// decodes its SubmittedRollupDataList (DecodeRollupDataList). Bound: DecompressBlob's,
// then DecodeRollupDataList's on the output.
func DecodeRollupDataBlob(data []byte) ([]SubmittedRollupData, error) {
	b, err := DecompressBlob(data)
	if err != nil {
		return nil, err
	}
	return DecodeRollupDataList(b)
}
