// Package abi implements the Solidity contract ABI encoding
// (https://docs.soliditylang.org/en/latest/abi-spec.html, "Formal Specification of the
// Encoding") for the static and dynamic types that cross-chain messages use: uintN, intN via
// words, address, bool, bytes32, bytes, tuples and T[] arrays.
//
// There is no reflection and no type description at run time: callers walk the structure
// they expect, field by field, as the spec's enc() recursion does, with an Encoder that
// fills a tuple's head and appends its tail, and a Decoder that reads them back.
//
// The decoder is strict: it accepts exactly the bytes the encoder produces and nothing else,
// so that one value has one encoding and a hash over the encoding means one thing. It
// rejects, each with a wrapped sentinel error:
//   - input that ends inside a head, a length or a payload (ErrShort);
//   - a uintN, address or bool word with nonzero high bytes, or bytes whose padding is not
//     zero (ErrNonCanonical);
//   - an offset that does not point exactly at the end of the previous dynamic member, so
//     tails cannot overlap, leave gaps, or come out of order (ErrOffset);
//   - a length over the caller's bound (ErrTooLong), or larger than what the remaining
//     input can hold (ErrShort), both checked before anything is allocated;
//   - trailing bytes after a top-level value (ErrTrailing).
//
// solc's abi.decode is lenient about offsets and trailing data; a message accepted here is
// accepted by abi.decode, and its re-encoding is byte-identical.
//
// # Resource bounds
//
// The Decoder allocates nothing (bytes alias the input) and reads every word at most
// once: each method is O(1) beyond the bytes it checks for padding, so decoding a value is
// O(len(b)). Every length and count is compared with the caller's bound and with the room
// left in the input before it is used, so a count of 2^256-1 costs one comparison.
//
// # Concurrency
//
// Encoder and Decoder are single-use values that one goroutine drives; distinct ones may
// run concurrently on inputs nobody changes meanwhile. The package has no shared state.
//
// The package is internal: users exchange typed values (intent orders, events), not ABI.
package abi
