package interop

import (
	"bytes"
	"strconv"
)

// Hash is a 32-byte digest: a keccak256 or sha256 output, a state, receipts or block root.
// Its text form is "0x" followed by exactly 64 hex digits.
type Hash [32]byte

// Address is a 20-byte Ethereum account address. Its text form is "0x" followed by exactly
// 40 hex digits; mixed case is accepted on input (the EIP-55 checksum is not checked) and
// lower case is emitted.
type Address [20]byte

// ChainID is an EIP-155 chain id, or a protocol's domain id (a Hyperlane domain, a
// rollup's namespace number) where the protocol names its chains that way.
type ChainID uint64

// HashFromHex parses "0x"-prefixed hex text of exactly 32 bytes.
func HashFromHex(s string) (Hash, error) {
	var h Hash
	err := decodeFixed(h[:], []byte(s), "hash")
	return h, err
}

// AddressFromHex parses "0x"-prefixed hex text of exactly 20 bytes.
func AddressFromHex(s string) (Address, error) {
	var a Address
	err := decodeFixed(a[:], []byte(s), "address")
	return a, err
}

// String returns the "0x"-prefixed lower-case hex form.
func (h Hash) String() string { return EncodeHex(h[:]) }

// IsZero reports whether every byte of h is zero.
func (h Hash) IsZero() bool { return h == Hash{} }

// MarshalText implements encoding.TextMarshaler.
func (h Hash) MarshalText() ([]byte, error) { return appendHex(nil, h[:]), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it requires the 0x prefix and exactly
// 64 hex digits.
func (h *Hash) UnmarshalText(text []byte) error { return decodeFixed(h[:], text, "hash") }

// UnmarshalJSON requires a JSON string holding the text form.
func (h *Hash) UnmarshalJSON(input []byte) error {
	text, err := unquote(input, "hash")
	if err != nil {
		return err
	}
	return decodeFixed(h[:], text, "hash")
}

// String returns the "0x"-prefixed lower-case hex form.
func (a Address) String() string { return EncodeHex(a[:]) }

// IsZero reports whether every byte of a is zero.
func (a Address) IsZero() bool { return a == Address{} }

// MarshalText implements encoding.TextMarshaler.
func (a Address) MarshalText() ([]byte, error) { return appendHex(nil, a[:]), nil }

// UnmarshalText implements encoding.TextUnmarshaler; it requires the 0x prefix and exactly
// 40 hex digits.
func (a *Address) UnmarshalText(text []byte) error { return decodeFixed(a[:], text, "address") }

// UnmarshalJSON requires a JSON string holding the text form.
func (a *Address) UnmarshalJSON(input []byte) error {
	text, err := unquote(input, "address")
	if err != nil {
		return err
	}
	return decodeFixed(a[:], text, "address")
}

// Bytes is a byte string whose text form is "0x"-prefixed hex with an even number of digits
// (JSON-RPC "DATA"). Use it in JSON structs; it is a plain []byte otherwise.
type Bytes []byte

// String returns the "0x"-prefixed lower-case hex form.
func (b Bytes) String() string { return EncodeHex(b) }

// MarshalText implements encoding.TextMarshaler.
func (b Bytes) MarshalText() ([]byte, error) { return appendHex(nil, b), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (b *Bytes) UnmarshalText(text []byte) error {
	out, err := DecodeHex(string(text))
	if err != nil {
		return err
	}
	*b = out
	return nil
}

// UnmarshalJSON requires a JSON string holding the text form.
func (b *Bytes) UnmarshalJSON(input []byte) error {
	text, err := unquote(input, "bytes")
	if err != nil {
		return err
	}
	return b.UnmarshalText(text)
}

// String returns the decimal chain id.
func (c ChainID) String() string { return strconv.FormatUint(uint64(c), 10) }

// Compare returns -1, 0 or +1 as h sorts before, equal to, or after o bytewise.
func (h Hash) Compare(o Hash) int { return bytes.Compare(h[:], o[:]) }
