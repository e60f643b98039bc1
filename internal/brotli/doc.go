// Package brotli decodes Brotli streams (RFC 7932) without dependencies beyond the
// standard library. It exists so that Astria's sequencer blobs, which Astria posts to
// Celestia as Brotli-compressed protobuf, can be decompressed by the firm-commitment
// verifier.
//
// Decode implements the whole RFC: meta-block headers, uncompressed and metadata blocks,
// simple and complex prefix codes, block switching, literal context modes (LSB6, MSB6,
// UTF8, Signed) and context maps with run-length coding and inverse move-to-front,
// distance codes with NPOSTFIX and NDIRECT and the ring of last distances, and the static
// dictionary (Appendix A, embedded from dictionary.bin) with its 121 transforms
// (Appendix B). Window sizes WBITS 10–24 are accepted; the large-window extension, which
// uses a code the RFC reserves, is refused with ErrCorrupt. It is strict where the RFC
// is: non-zero padding bits, a zero high nibble or byte in a length, incomplete or
// over-full prefix codes, repeated simple-code symbols, and lengths that run past their
// meta-block are errors; so are bytes after the last meta-block.
//
// Resource bounds: Decode takes a limit on the output size. The output (which is also the
// sliding window, so no separate window is allocated) grows as bytes are produced,
// doubling and never past limit: at most 2·min(limit, n) bytes are allocated for it over a
// call producing n bytes, and a meta-block, insert or copy that would pass limit is
// refused before the buffer grows. Prefix-code tables and context maps take at most about
// 3.5 MiB, a constant, reused across meta-blocks. So memory is at most 2·limit + O(1),
// and in terms of the output at most 2·output + O(1) plus the last command's length.
// Work is linear in input plus output size; no input can make it quadratic.
package brotli
