// Package rlp implements the Recursive Length Prefix encoding of the Ethereum Yellow Paper
// (Appendix B), strictly: the decoder accepts only the canonical encoding of a value, so that
// one value has exactly one byte form and a hash over it means one thing.
//
// The decoder rejects, each with its own sentinel error:
//   - an empty input or one that ends inside a header or payload (ErrUnexpectedEOF),
//   - a single byte below 0x80 wrapped as a one-byte string, 0x81 0x00..0x7f (ErrNonCanonicalSize),
//   - the long form (0xb8.., 0xf8..) for a payload shorter than 56 bytes (ErrNonCanonicalSize),
//   - a length-of-length with leading zero bytes (ErrNonCanonicalSize),
//   - a length that does not fit the input or overflows an int (ErrValueTooLarge / ErrUnexpectedEOF),
//   - an integer with leading zero bytes, or wider than its Go type (ErrNonCanonicalInteger, ErrUint64Range),
//   - trailing bytes after a value where the caller asks for exactly one (ErrTrailingBytes).
//
// Decoding is zero-copy: the Split functions return sub-slices of their input. Encoding
// appends to a caller-supplied buffer. There is no reflection: callers walk the structure
// they expect, as the Yellow Paper's definitions do.
//
// # Resource bounds
//
// The decoder allocates nothing: Split, SplitString, SplitList, SplitUint64, Uint64 and
// Uint256 read one header in O(1) (a length is checked against the input before it is
// used, so a header claiming 2^64-1 bytes is ErrValueTooLarge); CountValues reads each
// header of a list once, O(len(b)); Validate reads each header once and recurses at most
// maxDepth lists deep (ErrTooDeep past it). Encoding appends exactly the encoded size.
//
// # Concurrency
//
// The package has no state: every function is safe for concurrent use on inputs that
// nobody changes meanwhile.
//
// The package is internal: users of interop exchange typed values, not RLP.
package rlp
