package eip712

import (
	"fmt"
	"strings"
)

// Mode is a reading of eth_signTypedData_v4 JSON: what a document means, and which
// documents are refused. Strict is the package's own reading and the default of
// HashTypedData and ParseTypedData. The compatibility modes reproduce the digest a given
// signer computes, so that a relayer can check a signature a user's wallet made over a
// document the strict reading refuses; where that signer's reading is ambiguous or
// undocumented the mode refuses the input rather than guess. Every mode is held to the
// same resource bound (see HashTypedData).
//
// Whenever two modes both accept a document they produce the same digest, except where a
// mode's documentation names the difference (eth-sig-util's reading of odd-length hex and
// of numbers for bytes and string, and go-ethereum's reading of intN values outside the
// type's range, which the strict reading refuses).
type Mode uint8

const (
	// Strict is the EIP read literally; see HashTypedData for what it checks and the
	// package documentation for the inputs it refuses on purpose.
	Strict Mode = iota

	// EthSigUtilV4 reproduces MetaMask's eth-sig-util signTypedData with version V4 (what
	// MetaMask and most browser wallets sign for eth_signTypedData_v4), checked against
	// eth-sig-util's own signatures. Beyond the strict reading it:
	//
	//   - ignores members of domain and message (at any depth) that the type does not
	//     declare, and ignores the message when primaryType is EIP712Domain;
	//   - encodes an absent or null struct-typed member, or a null struct element, as 32
	//     zero bytes, so recursive types may end in an absent member (Mail(Mail replyTo)
	//     is a valid type here);
	//   - reads a null string as "";
	//   - adds an empty EIP712Domain when types has none, and accepts a missing domain when
	//     EIP712Domain has no fields;
	//   - does not compare a fixed-size array's length with its type;
	//   - reads intN/uintN from JSON integers (exact up to 2^63-1), decimal strings
	//     (optionally negative) and 0x-hex strings (lower-case x), and checks the magnitude's bit length
	//     against N as eth-sig-util does (255 and -255 are int8 values here, encoded as
	//     256-bit two's complement), refusing negative uintN;
	//   - reads bytes from 0x-hex (an odd digit count gets a leading zero), from any other
	//     string except one starting with 0X as its UTF-8 bytes, and from a non-negative JSON integer as its minimal
	//     big-endian bytes; a JSON integer for string likewise (10 hashes the byte 0x0a);
	//   - reads address from 0x-hex of up to 20 bytes (odd counts padded, left-padded to
	//     20) or a non-negative JSON integer; bytesN from 0x-hex or a non-negative JSON
	//     integer, right-padded to 32 bytes without comparing the length with N (a bytes1
	//     value of two bytes signs both, as eth-sig-util does); bool from true, false,
	//     "true" or a JSON integer (non-zero is true).
	//
	// It still refuses: undeclared or malformed types, a struct type to hash whose
	// dependencies include a name with $, or whose own name has $ while it has
	// dependencies (eth-sig-util finds dependencies through the name's leading \w
	// characters, so its encodeType would leave them out), a missing or null value of any other type,
	// JSON numbers that are not exact integers or exceed 2^63-1 (JavaScript reads them
	// through float64), strings for integers that are neither decimal nor 0x-hex, and
	// values of the wrong JSON kind (an object for string, an array for bool). It also
	// refuses three inputs eth-sig-util signs as a value other than the one the JSON shows:
	// an address string without 0x (read by bn.js in base 10 with hex letters as digits,
	// so bBbB… signs 0x23eafa…), the string "false" for bool (signed as true), and a
	// negative number for bytesN (signed as no bytes).
	EthSigUtilV4

	// GoEthereum reproduces go-ethereum's signer/core/apitypes (TypedDataAndHash, v1.17),
	// as clef and Go services sign. Beyond the strict reading it:
	//
	//   - reads the domain as go-ethereum's TypedDataDomain struct: only name, version,
	//     chainId, verifyingContract and salt are read (other domain keys are ignored),
	//     empty strings and null count as absent, and the EIP712Domain type must declare
	//     exactly the members that remain; chainId may be a JSON number or a decimal or
	//     0x-hex string;
	//   - reads intN/uintN from JSON integers exact as float64 up to 2^63-1, and from
	//     strings as math.ParseBig256 does ("" is 0, "+5", "0x-5"), checks the bit length
	//     of the magnitude against N (255 and -255 are int8 values here, encoded as 256-bit
	//     two's complement), refusing negative uintN;
	//   - reads address from 40 hex digits with or without 0x;
	//   - does not compare a fixed-size array's length with its type;
	//   - reads a missing or null message as {}.
	//
	// It refuses, as go-ethereum does: a domain with none of the five members ("domain is
	// undefined"), undeclared members ("extra data"), null or missing values, field types
	// naming a struct outside [A-Za-z][A-Za-z0-9_]* ("unknown reference type"), and
	// everything the strict reading refuses about values' JSON kinds and hex. It also
	// refuses, where go-ethereum would sign something the EIP does not define:
	// primaryType EIP712Domain, an encodeType that includes a struct without fields
	// (go-ethereum writes "Name)" for it), and
	// JSON keys that match types, primaryType, domain, message, name, type or a domain
	// member only up to case (encoding/json would read them).
	GoEthereum

	maxMode = GoEthereum
)

// String returns the mode's name.
func (m Mode) String() string {
	switch m {
	case Strict:
		return "Strict"
	case EthSigUtilV4:
		return "EthSigUtilV4"
	case GoEthereum:
		return "GoEthereum"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// checkSigUtilNames refuses, for EthSigUtilV4, a type whose encodeType eth-sig-util writes
// differently from the EIP: findTypeDependencies reads a type name only up to its first
// character outside \w, so a name with $ loses its dependencies, and a dependency named
// with $ is left out (or replaced by the struct its prefix names).
func checkSigUtilNames(st *structDef, deps []*structDef) error {
	hasDollar := func(s string) bool {
		for _, c := range []byte(s) {
			if c == '$' {
				return true
			}
		}
		return false
	}
	if len(deps) > 0 && hasDollar(st.name) {
		return fmt.Errorf("%w: %s has dependencies and a $ in its name (eth-sig-util leaves them out of encodeType)", ErrInvalidType, st.name)
	}
	for _, d := range deps {
		if hasDollar(d.name) {
			return fmt.Errorf("%w: dependency %s of %s has a $ in its name (eth-sig-util leaves it out of encodeType)", ErrInvalidType, d.name, st.name)
		}
	}
	return nil
}

// checkGethType refuses, for GoEthereum, what go-ethereum's Types.validate refuses about a
// field type naming a struct: typedDataReferenceTypeRegexp, ^[A-Za-z](\w*)(\[\d*\])*$
// ("unknown reference type"); a struct named with $ or a leading _ may still be the
// primary type.
func checkGethType(typ string) error {
	base, _, _ := strings.Cut(typ, "[")
	ok := base != "" && (base[0] >= 'a' && base[0] <= 'z' || base[0] >= 'A' && base[0] <= 'Z')
	for _, c := range []byte(base) {
		ok = ok && c != '$'
	}
	if !ok {
		return fmt.Errorf("%w: field type %q (go-ethereum: unknown reference type)", ErrInvalidType, typ)
	}
	return nil
}

// checkGethEmpty refuses, for GoEthereum, an encodeType that includes a struct without
// fields: go-ethereum's EncodeType truncates its "(" and hashes "Name)", which is no
// EIP-712 encoding.
func checkGethEmpty(st *structDef, deps []*structDef) error {
	for _, d := range append([]*structDef{st}, deps...) {
		if len(d.fields) == 0 {
			return fmt.Errorf("%w: struct %s has no fields (go-ethereum hashes %q)", ErrInvalidType, d.name, d.name+")")
		}
	}
	return nil
}
