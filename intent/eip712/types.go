package eip712

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// kind is an EIP-712 type's category ("Definition of typed structured data 𝕊").
type kind uint8

const (
	kindAddress kind = iota + 1
	kindBool
	kindString
	kindBytes
	kindFixedBytes // bytes1 … bytes32
	kindUint       // uint8 … uint256, and the alias uint
	kindInt        // int8 … int256, and the alias int
	kindStruct
	kindArray
)

// typeRef is a resolved field type.
type typeRef struct {
	kind   kind
	size   int        // bytesN: N; uintN/intN: N bits
	length int        // arrays: the fixed length, or -1 for T[]
	elem   *typeRef   // arrays: the element type
	st     *structDef // structs
}

// structDef is a struct type with every field type resolved.
type structDef struct {
	name   string
	fields []fieldDef

	encoded  bool // encType and typeHash are set
	encType  string
	typeHash interop.Hash
}

type fieldDef struct {
	name string
	typ  string // as written, which is what encodeType uses
	ref  *typeRef
}

// maxArrayLen bounds a fixed array length so it fits any int arithmetic done on it.
const maxArrayLen = 1 << 24

// parseAtomic recognises the EIP's atomic and dynamic non-struct types: bytes1 to bytes32,
// uint8 to uint256 and int8 to int256 in steps of 8, bool, address, bytes, string. The
// aliases uint and int (256 bits) are accepted as eth-sig-util and go-ethereum accept them;
// encodeType keeps the spelling given.
func parseAtomic(s string) (typeRef, bool) {
	switch s {
	case "address":
		return typeRef{kind: kindAddress}, true
	case "bool":
		return typeRef{kind: kindBool}, true
	case "string":
		return typeRef{kind: kindString}, true
	case "bytes":
		return typeRef{kind: kindBytes}, true
	case "uint":
		return typeRef{kind: kindUint, size: 256}, true
	case "int":
		return typeRef{kind: kindInt, size: 256}, true
	}
	var k kind
	var rest string
	switch {
	case strings.HasPrefix(s, "bytes"):
		k, rest = kindFixedBytes, s[5:]
	case strings.HasPrefix(s, "uint"):
		k, rest = kindUint, s[4:]
	case strings.HasPrefix(s, "int"):
		k, rest = kindInt, s[3:]
	default:
		return typeRef{}, false
	}
	if rest == "" || rest[0] == '0' || len(rest) > 3 {
		return typeRef{}, false
	}
	n := 0
	for _, c := range []byte(rest) {
		if c < '0' || c > '9' {
			return typeRef{}, false
		}
		n = n*10 + int(c-'0')
	}
	if k == kindFixedBytes {
		if n > 32 {
			return typeRef{}, false
		}
	} else if n > 256 || n%8 != 0 {
		return typeRef{}, false
	}
	return typeRef{kind: k, size: n}, true
}

// isIdentifier reports whether s is a Solidity identifier, [A-Za-z_$][A-Za-z0-9_$]*. Names
// outside this set could smuggle the delimiters of encodeType ("(", ",", " ", ")") into a
// type string and make two different type sets encode alike.
func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '$':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// splitArray splits "T[2][]" into "T" and the dimensions innermost first ([2, -1]).
func splitArray(s string) (base string, dims []int, err error) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, nil, nil
	}
	base, rest := s[:i], s[i:]
	for rest != "" {
		if rest[0] != '[' {
			return "", nil, fmt.Errorf("%w: %q: malformed array suffix", ErrInvalidType, s)
		}
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return "", nil, fmt.Errorf("%w: %q: malformed array suffix", ErrInvalidType, s)
		}
		num := rest[1:j]
		rest = rest[j+1:]
		if num == "" {
			dims = append(dims, -1)
			continue
		}
		// Solidity has no zero-length fixed arrays, and "T[02]" would hash differently
		// from "T[2]" while meaning the same type.
		n, err := strconv.Atoi(num)
		if err != nil || num[0] == '0' || n <= 0 || n > maxArrayLen {
			return "", nil, fmt.Errorf("%w: %q: array length %q", ErrInvalidType, s, num)
		}
		dims = append(dims, n)
	}
	return base, dims, nil
}

// resolve parses a field type against the struct types in scope.
func resolve(s string, lookup func(string) *structDef) (*typeRef, error) {
	base, dims, err := splitArray(s)
	if err != nil {
		return nil, err
	}
	var ref *typeRef
	if a, ok := parseAtomic(base); ok {
		ref = &a
	} else if !isIdentifier(base) {
		return nil, fmt.Errorf("%w: %q", ErrInvalidType, s)
	} else if st := lookup(base); st != nil {
		ref = &typeRef{kind: kindStruct, st: st}
	} else {
		return nil, fmt.Errorf("%w: %q", ErrUnknownType, base)
	}
	for _, n := range dims {
		ref = &typeRef{kind: kindArray, length: n, elem: ref}
	}
	return ref, nil
}

// checkStructName rejects names that are not identifiers and names of atomic types, which
// the EIP reserves and which would make a field type ambiguous.
func checkStructName(name string) error {
	if !isIdentifier(name) {
		return fmt.Errorf("%w: struct name %q is not an identifier", ErrInvalidType, name)
	}
	if _, ok := parseAtomic(name); ok {
		return fmt.Errorf("%w: struct name %q is an atomic type", ErrInvalidType, name)
	}
	return nil
}

func checkFieldNames(st *structDef) error {
	for i, f := range st.fields {
		if !isIdentifier(f.name) {
			return fmt.Errorf("%w: %s field %q is not an identifier", ErrInvalidType, st.name, f.name)
		}
		for _, g := range st.fields[:i] {
			if g.name == f.name {
				return fmt.Errorf("%w: %s declares field %q twice", ErrInvalidType, st.name, f.name)
			}
		}
	}
	return nil
}

// checkInhabited rejects struct types without any finite value: those that reach
// themselves only through struct fields and fixed-size arrays. A dynamic array can be
// empty, so Tree(Tree[] children) has values and is accepted (as eth-sig-util and
// go-ethereum accept it); Mail(Mail replyTo) has none, since a missing or null value is an
// error here.
func checkInhabited(defs []*structDef) error {
	inhabited := make(map[*structDef]bool, len(defs))
	var ok func(r *typeRef) bool
	ok = func(r *typeRef) bool {
		switch r.kind {
		case kindStruct:
			return inhabited[r.st]
		case kindArray:
			return r.length < 0 || ok(r.elem)
		default:
			return true
		}
	}
	for changed := true; changed; {
		changed = false
		for _, st := range defs {
			if inhabited[st] {
				continue
			}
			all := true
			for _, f := range st.fields {
				if !ok(f.ref) {
					all = false
					break
				}
			}
			if all {
				inhabited[st] = true
				changed = true
			}
		}
	}
	for _, st := range defs {
		if !inhabited[st] {
			return fmt.Errorf("%w: %s has no finite value", ErrCyclicType, st.name)
		}
	}
	return nil
}

// structOf returns the struct a field type refers to once array suffixes are stripped.
func structOf(r *typeRef) *structDef {
	for r.kind == kindArray {
		r = r.elem
	}
	if r.kind == kindStruct {
		return r.st
	}
	return nil
}

// encode sets encType and typeHash. EIP-712 "Definition of encodeType":
// name ‖ "(" ‖ member₁ ‖ "," ‖ … ‖ memberₙ ‖ ")", member = type ‖ " " ‖ name, followed by
// the referenced struct types (collected transitively, array suffixes stripped) sorted by
// name.
func (st *structDef) encode() {
	if st.encoded {
		return
	}
	seen := map[*structDef]bool{st: true}
	var deps []*structDef
	queue := []*structDef{st}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		for _, f := range cur.fields {
			if d := structOf(f.ref); d != nil && !seen[d] {
				seen[d] = true
				deps = append(deps, d)
				queue = append(queue, d)
			}
		}
	}
	sort.Slice(deps, func(i, j int) bool { return deps[i].name < deps[j].name })
	var b strings.Builder
	st.appendOwn(&b)
	for _, d := range deps {
		d.appendOwn(&b)
	}
	st.encType = b.String()
	st.typeHash = keccak.Sum256String(st.encType)
	st.encoded = true
}

func (st *structDef) appendOwn(b *strings.Builder) {
	b.WriteString(st.name)
	b.WriteByte('(')
	for i, f := range st.fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f.typ)
		b.WriteByte(' ')
		b.WriteString(f.name)
	}
	b.WriteByte(')')
}
