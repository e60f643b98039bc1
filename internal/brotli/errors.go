package brotli

import "errors"

// Sentinel errors. Decode wraps ErrCorrupt with %w and a detail naming the offending field
// and value; the other three are returned as they are or wrapped with the sizes involved.
var (
	// ErrCorrupt reports a stream that breaks RFC 7932: an invalid prefix code, a reserved
	// bit set, a length that runs past its meta-block, a distance before the start of the
	// output or outside the static dictionary, non-zero padding, or a large-window header.
	ErrCorrupt = errors.New("brotli: corrupt stream")
	// ErrTruncated reports an input that ends before the last meta-block does.
	ErrTruncated = errors.New("brotli: truncated stream")
	// ErrTooLarge reports an output that would exceed the caller's limit (or a limit ≤ 0).
	ErrTooLarge = errors.New("brotli: output exceeds limit")
	// ErrTrailing reports bytes after the last meta-block.
	ErrTrailing = errors.New("brotli: trailing bytes after the last meta-block")
)
