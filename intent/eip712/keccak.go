package eip712

import (
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// Digest returns the EIP-712 signing digest
// keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash).
func Digest(domainSeparator, structHash interop.Hash) interop.Hash {
	// EIP-712 "Specification": encode(domainSeparator, message) = "\x19\x01" ‖ domainSeparator ‖ hashStruct(message)
	var b [66]byte
	b[0], b[1] = 0x19, 0x01
	copy(b[2:], domainSeparator[:])
	copy(b[34:], structHash[:])
	return keccak.Sum256(b[:])
}

// domainOnlyDigest is eth-sig-util V4's digest when primaryType is EIP712Domain: the message
// hash is left out, keccak256(0x19 ‖ 0x01 ‖ domainSeparator).
func domainOnlyDigest(domainSeparator interop.Hash) interop.Hash {
	var b [34]byte
	b[0], b[1] = 0x19, 0x01
	copy(b[2:], domainSeparator[:])
	return keccak.Sum256(b[:])
}
