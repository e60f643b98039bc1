package rlp

import "errors"

// Sentinel errors of the decoder. Every error returned by this package wraps one of them.
var (
	ErrUnexpectedEOF       = errors.New("rlp: unexpected end of input")
	ErrNonCanonicalSize    = errors.New("rlp: non-canonical size information")
	ErrNonCanonicalInteger = errors.New("rlp: non-canonical integer (leading zero bytes)")
	ErrUint64Range         = errors.New("rlp: integer too large for its type")
	ErrValueTooLarge       = errors.New("rlp: value size exceeds input")
	ErrTrailingBytes       = errors.New("rlp: trailing bytes after value")
	ErrExpectedString      = errors.New("rlp: expected string, found list")
	ErrExpectedList        = errors.New("rlp: expected list, found string")
	ErrTooDeep             = errors.New("rlp: nesting too deep")
)
