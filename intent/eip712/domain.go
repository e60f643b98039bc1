package eip712

import (
	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
)

// DomainFields selects which of the EIP's optional domain fields a Domain has.
type DomainFields uint8

// The EIP712Domain fields, in the order the EIP lists them and encodeType writes them.
const (
	DomainName DomainFields = 1 << iota
	DomainVersion
	DomainChainID
	DomainVerifyingContract
	DomainSalt
)

// Domain is the EIP712Domain struct with the EIP's five optional fields. Only the fields
// selected in Fields are part of the type and of the separator; the others are ignored. A
// domain with a custom field set (extra or renamed fields) is a struct like any other:
// define it with NewType("EIP712Domain", …) and hash it with HashStruct.
type Domain struct {
	Fields            DomainFields
	Name              string // string name: the user-readable name of the signing domain
	Version           string // string version: the current major version of the domain
	ChainID           uint256.Int
	VerifyingContract interop.Address
	Salt              interop.Hash // bytes32 salt
}

// domainTypes holds the EIP712Domain type of each of the 32 field sets.
var domainTypes [32]*Type

func init() {
	all := []Field{
		{"name", "string"},
		{"version", "string"},
		{"chainId", "uint256"},
		{"verifyingContract", "address"},
		{"salt", "bytes32"},
	}
	for set := range domainTypes {
		var fs []Field
		for i, f := range all {
			if set&(1<<i) != 0 {
				fs = append(fs, f)
			}
		}
		domainTypes[set] = MustNewType("EIP712Domain", fs)
	}
}

// Type returns the EIP712Domain type for d's field set; with no fields it is
// "EIP712Domain()".
func (d *Domain) Type() *Type { return domainTypes[d.Fields&31] }

// TypeHash implements StructHasher.
func (d *Domain) TypeHash() interop.Hash { return domainTypes[d.Fields&31].def.typeHash }

// EncodeData implements StructHasher.
func (d *Domain) EncodeData(dst []byte) []byte {
	if d.Fields&DomainName != 0 {
		dst = AppendString(dst, d.Name)
	}
	if d.Fields&DomainVersion != 0 {
		dst = AppendString(dst, d.Version)
	}
	if d.Fields&DomainChainID != 0 {
		dst = AppendUint256(dst, &d.ChainID)
	}
	if d.Fields&DomainVerifyingContract != 0 {
		dst = AppendAddress(dst, d.VerifyingContract)
	}
	if d.Fields&DomainSalt != 0 {
		dst = AppendWord(dst, d.Salt)
	}
	return dst
}

// Separator returns domainSeparator = hashStruct(eip712Domain). It depends only on the
// domain, so callers signing many messages compute it once.
func (d *Domain) Separator() interop.Hash { return HashStruct(d) }

// Hash returns the signing digest of s in this domain, Digest(d.Separator(), HashStruct(s)).
func (d *Domain) Hash(s StructHasher) interop.Hash { return Digest(d.Separator(), HashStruct(s)) }
