// Package eip712test generates random EIP-712 typed data for property tests: struct type
// sets with nested structs and arrays, values of every atomic type, and the
// eth_signTypedData_v4 JSON for them, with each value's expected member word alongside so a
// suite can check an encoder against an independent model.
package eip712test

import (
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/eip712"
	"pgregory.net/rapid"
)

// Struct is a struct type definition.
type Struct struct {
	Name   string
	Fields []eip712.Field
}

// Value is a value of an EIP-712 type with what it must encode to.
type Value struct {
	Type string
	// JSON is the value as eth_signTypedData_v4 carries it (strings, json.Number, bool,
	// []any, map[string]any).
	JSON any
	// Word is the member word of an atomic value (address, bool, intN, uintN, bytesN).
	Word [32]byte
	// Dynamic is the content of a string or bytes value, hashed into its word.
	Dynamic []byte
	// Elems are the elements of an array or the field values of a struct, in order.
	Elems []*Value
	// Struct is the definition of a struct value's type.
	Struct *Struct
}

// Doc is random typed data.
type Doc struct {
	// Structs are the message's struct types, each referencing only earlier ones; the
	// last is the primary type.
	Structs []Struct
	Domain  eip712.Domain
	Message *Value
}

// Primary returns the primary type's definition.
func (d *Doc) Primary() *Struct { return &d.Structs[len(d.Structs)-1] }

// JSON returns the eth_signTypedData_v4 document.
func (d *Doc) JSON() []byte {
	types := map[string]any{}
	domFields := []map[string]string{}
	dom := map[string]any{}
	if d.Domain.Fields&eip712.DomainName != 0 {
		domFields = append(domFields, map[string]string{"name": "name", "type": "string"})
		dom["name"] = d.Domain.Name
	}
	if d.Domain.Fields&eip712.DomainVersion != 0 {
		domFields = append(domFields, map[string]string{"name": "version", "type": "string"})
		dom["version"] = d.Domain.Version
	}
	if d.Domain.Fields&eip712.DomainChainID != 0 {
		domFields = append(domFields, map[string]string{"name": "chainId", "type": "uint256"})
		dom["chainId"] = d.Domain.ChainID.Dec()
	}
	if d.Domain.Fields&eip712.DomainVerifyingContract != 0 {
		domFields = append(domFields, map[string]string{"name": "verifyingContract", "type": "address"})
		dom["verifyingContract"] = d.Domain.VerifyingContract.String()
	}
	if d.Domain.Fields&eip712.DomainSalt != 0 {
		domFields = append(domFields, map[string]string{"name": "salt", "type": "bytes32"})
		dom["salt"] = d.Domain.Salt.String()
	}
	types["EIP712Domain"] = domFields
	for _, s := range d.Structs {
		fs := []map[string]string{}
		for _, f := range s.Fields {
			fs = append(fs, map[string]string{"name": f.Name, "type": f.Type})
		}
		types[s.Name] = fs
	}
	out, err := json.Marshal(map[string]any{
		"types": types, "primaryType": d.Primary().Name, "domain": dom, "message": d.Message.JSON,
	})
	if err != nil {
		panic(err)
	}
	return out
}

var structNames = []string{"Zeta", "Alpha", "Mail", "Person", "Order", "Output", "B", "a", "Ab", "AB", "Item_2", "$x"}

// TypedData draws typed data of up to maxStructs struct types.
func TypedData(t *rapid.T, maxStructs int) *Doc {
	n := rapid.IntRange(1, maxStructs).Draw(t, "structs")
	names := rapid.SliceOfNDistinct(rapid.SampledFrom(structNames), n, n, rapid.ID[string]).Draw(t, "names")
	d := &Doc{}
	for i := range n {
		nf := rapid.IntRange(0, 5).Draw(t, "fields")
		fnames := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z][a-zA-Z0-9]{0,6}`), nf, nf, rapid.ID[string]).Draw(t, "fieldNames")
		s := Struct{Name: names[i]}
		for _, fn := range fnames {
			s.Fields = append(s.Fields, eip712.Field{Name: fn, Type: fieldType(t, names[:i])})
		}
		d.Structs = append(d.Structs, s)
	}
	d.Domain = Domain(t)
	d.Message = ValueOf(t, d.Primary().Name, d.Structs)
	return d
}

// Damaged draws the JSON of typed data of up to maxStructs struct types with up to two
// bytes replaced or inserted, drawn from JSON's structural bytes, digits, 'x' and '$'
// (which eth-sig-util's encodeType treats apart): mostly well-formed documents that fail
// somewhere inside, for properties that readers agree on bad input too.
func Damaged(t *rapid.T, maxStructs int) []byte {
	raw := TypedData(t, maxStructs).JSON()
	for range rapid.IntRange(0, 2).Draw(t, "damages") {
		i := rapid.IntRange(0, len(raw)-1).Draw(t, "at")
		c := rapid.SampledFrom([]byte(`{}[]",:\ 0x$`)).Draw(t, "byte")
		if rapid.Bool().Draw(t, "insert") {
			raw = append(raw[:i:i], append([]byte{c}, raw[i:]...)...)
		} else {
			raw = append(append(raw[:i:i], c), raw[i+1:]...)
		}
	}
	return raw
}

// Domain draws a domain with a random field set.
func Domain(t *rapid.T) eip712.Domain {
	d := eip712.Domain{Fields: eip712.DomainFields(rapid.IntRange(0, 31).Draw(t, "domainFields"))}
	d.Name = rapid.String().Draw(t, "domainName")
	d.Version = rapid.StringMatching(`[0-9]{1,2}(\.[0-9])?`).Draw(t, "version")
	d.ChainID.SetUint64(rapid.Uint64().Draw(t, "chainId"))
	copy(d.VerifyingContract[:], rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "contract"))
	copy(d.Salt[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "salt"))
	return d
}

// AtomicType draws an atomic or dynamic non-struct type name.
func AtomicType(t *rapid.T) string {
	switch rapid.IntRange(0, 8).Draw(t, "atomic") {
	case 0:
		return "address"
	case 1:
		return "bool"
	case 2:
		return "string"
	case 3:
		return "bytes"
	case 4:
		return fmt.Sprintf("bytes%d", rapid.IntRange(1, 32).Draw(t, "N"))
	case 5:
		return fmt.Sprintf("uint%d", 8*rapid.IntRange(1, 32).Draw(t, "N"))
	case 6:
		return fmt.Sprintf("int%d", 8*rapid.IntRange(1, 32).Draw(t, "N"))
	case 7:
		return "uint"
	default:
		return "int"
	}
}

func fieldType(t *rapid.T, earlier []string) string {
	base := AtomicType(t)
	if len(earlier) > 0 && rapid.Bool().Draw(t, "structField") {
		base = rapid.SampledFrom(earlier).Draw(t, "ref")
	}
	for range rapid.IntRange(0, 2).Draw(t, "dims") {
		if rapid.Bool().Draw(t, "dynamic") {
			base += "[]"
		} else {
			base += fmt.Sprintf("[%d]", rapid.IntRange(1, 3).Draw(t, "len"))
		}
	}
	return base
}

// ValueOf draws a value of type typ, whose struct types are among structs.
func ValueOf(t *rapid.T, typ string, structs []Struct) *Value {
	v := &Value{Type: typ}
	if l := lastBracket(typ); l >= 0 {
		elem, dim := typ[:l], typ[l+1:len(typ)-1]
		n := 0
		if dim == "" {
			n = rapid.IntRange(0, 3).Draw(t, "arrayLen")
		} else {
			fmt.Sscan(dim, &n)
		}
		list := []any{}
		for range n {
			e := ValueOf(t, elem, structs)
			v.Elems = append(v.Elems, e)
			list = append(list, e.JSON)
		}
		v.JSON = list
		return v
	}
	for i := range structs {
		if structs[i].Name == typ {
			v.Struct = &structs[i]
			obj := map[string]any{}
			for _, f := range structs[i].Fields {
				e := ValueOf(t, f.Type, structs)
				v.Elems = append(v.Elems, e)
				obj[f.Name] = e.JSON
			}
			v.JSON = obj
			return v
		}
	}
	switch {
	case typ == "address":
		b := rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "address")
		copy(v.Word[12:], b)
		v.JSON = interop.EncodeHex(b)
	case typ == "bool":
		b := rapid.Bool().Draw(t, "bool")
		if b {
			v.Word[31] = 1
		}
		v.JSON = b
	case typ == "string":
		s := rapid.String().Draw(t, "string")
		v.Dynamic = []byte(s)
		v.JSON = s
	case typ == "bytes":
		b := rapid.SliceOfN(rapid.Byte(), 0, 70).Draw(t, "bytes")
		v.Dynamic = b
		v.JSON = interop.EncodeHex(b)
	case len(typ) > 5 && typ[:5] == "bytes":
		var n int
		fmt.Sscan(typ[5:], &n)
		b := rapid.SliceOfN(rapid.Byte(), n, n).Draw(t, "bytesN")
		copy(v.Word[:], b)
		v.JSON = interop.EncodeHex(b)
	default:
		signed := typ[0] == 'i'
		bits := 256
		if signed && len(typ) > 3 {
			fmt.Sscan(typ[3:], &bits)
		} else if !signed && len(typ) > 4 {
			fmt.Sscan(typ[4:], &bits)
		}
		x := Integer(t, signed, bits)
		var w uint256.Int
		w.SetFromBig(x) // two's complement for negatives
		v.Word = w.Bytes32()
		switch rapid.IntRange(0, 2).Draw(t, "intForm") {
		case 0:
			v.JSON = x.String()
		case 1:
			if x.Sign() >= 0 {
				v.JSON = "0x" + x.Text(16)
			} else {
				v.JSON = x.String()
			}
		default:
			if x.IsInt64() && x.Int64() <= 1<<53-1 && x.Int64() >= -(1<<53-1) {
				v.JSON = json.Number(x.String())
			} else {
				v.JSON = x.String()
			}
		}
	}
	return v
}

// Integer draws a value in the range of intN (signed) or uintN, biased to the bounds.
func Integer(t *rapid.T, signed bool, bits int) *big.Int {
	lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), uint(bits))
	if signed {
		hi.Rsh(hi, 1)
		lo.Neg(hi)
	}
	hi.Sub(hi, big.NewInt(1))
	switch rapid.IntRange(0, 4).Draw(t, "intKind") {
	case 0:
		return lo
	case 1:
		return hi
	case 2:
		if signed {
			return big.NewInt(rapid.Int64Range(-3, 3).Draw(t, "small"))
		}
		return big.NewInt(rapid.Int64Range(0, 6).Draw(t, "small"))
	}
	b := rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "intBytes")
	x := new(big.Int).SetBytes(b)
	span := new(big.Int).Sub(hi, lo)
	span.Add(span, big.NewInt(1))
	x.Mod(x, span)
	return x.Add(x, lo)
}

func lastBracket(s string) int {
	if len(s) == 0 || s[len(s)-1] != ']' {
		return -1
	}
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '[' {
			return i
		}
	}
	return -1
}
