package eip712

import (
	"fmt"
	"strings"

	"github.com/interopkit/interop"
)

// Field is one member of a struct type: its name and its EIP-712 type as written in
// encodeType ("uint256", "address[]", "Person", "Output[2]").
type Field struct {
	Name string
	Type string
}

// Type is a struct type with its encodeType and typeHash computed once, for Go types that
// hash themselves through StructHasher. A Type is immutable and safe for concurrent use.
type Type struct {
	def *structDef
}

// NewType defines the struct type name(fields...). Every struct type a field refers to
// (after stripping array suffixes) must be name itself or one of deps or their own
// dependencies; deps that no field reaches are ignored, as encodeType leaves them out.
// NewType rejects names that are not Solidity identifiers, struct names that are atomic
// types, repeated field names, malformed array suffixes, unknown types, two different
// definitions under one name, and self-references that admit no finite value. Work and
// memory are O(size of the type set it reaches).
func NewType(name string, fields []Field, deps ...*Type) (*Type, error) {
	if err := checkStructName(name); err != nil {
		return nil, err
	}
	scope := map[string]*structDef{}
	var all []*structDef
	// Collect every struct the dependencies reach, iteratively: a long chain of types
	// must not exhaust the stack.
	var stack []*structDef
	for _, t := range deps {
		if t == nil {
			return nil, fmt.Errorf("%w: nil dependency of %s", ErrInvalidType, name)
		}
		stack = append(stack, t.def)
	}
	for len(stack) > 0 {
		d := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if prev, ok := scope[d.name]; ok {
			if prev != d && ownEncoding(prev) != ownEncoding(d) {
				return nil, fmt.Errorf("%w: two definitions of %s: %s and %s", ErrInvalidType, d.name, ownEncoding(prev), ownEncoding(d))
			}
			continue
		}
		scope[d.name] = d
		all = append(all, d)
		for i := range d.fields {
			if s := structOf(d.fields[i].ref); s != nil {
				stack = append(stack, s)
			}
		}
	}
	if _, ok := scope[name]; ok {
		return nil, fmt.Errorf("%w: %s is also defined by a dependency", ErrInvalidType, name)
	}
	st := &structDef{name: name, fields: make([]fieldDef, len(fields))}
	lookup := func(n string) *structDef {
		if n == name {
			return st
		}
		return scope[n]
	}
	for i, f := range fields {
		ref, err := resolve(f.Type, lookup)
		if err != nil {
			return nil, fmt.Errorf("%s.%s: %w", name, f.Name, err)
		}
		st.fields[i] = fieldDef{name: f.Name, typ: f.Type, ref: ref}
	}
	if err := checkFieldNames(st); err != nil {
		return nil, err
	}
	if err := checkInhabited(append(all, st)); err != nil {
		return nil, err
	}
	st.setEncodeType()
	return &Type{def: st}, nil
}

// MustNewType is NewType for package-level type definitions; it panics on error.
func MustNewType(name string, fields []Field, deps ...*Type) *Type {
	t, err := NewType(name, fields, deps...)
	if err != nil {
		panic(err)
	}
	return t
}

func ownEncoding(d *structDef) string { return string(d.appendOwn(nil)) }

// ParseType reads a type from its encodeType string, "Primary(fields)Dep1(fields)…", as
// contracts write it in their TYPEHASH constants. The string must be canonical: the
// dependencies are exactly those the primary type reaches, sorted by name, so that the
// returned type's EncodeType equals the input byte for byte.
//
// Work and memory are O(len(encodeType)) (plus a sort of the dependencies by name): each
// definition is read once, names are found through a map, and only the primary type's
// encodeType is built, to compare with the input.
func ParseType(encodeType string) (*Type, error) {
	var defs []*structDef
	byName := map[string]*structDef{}
	type rawField struct{ typ, name string }
	var raws [][]rawField
	s := encodeType
	for s != "" {
		open := strings.IndexByte(s, '(')
		closing := strings.IndexByte(s, ')')
		if open <= 0 || closing < open {
			return nil, fmt.Errorf("%w: malformed type string %.64q", ErrInvalidType, encodeType)
		}
		name := s[:open]
		if err := checkStructName(name); err != nil {
			return nil, err
		}
		body := s[open+1 : closing]
		s = s[closing+1:]
		var fs []rawField
		for body != "" {
			var m string
			m, body, _ = strings.Cut(body, ",")
			typ, fname, ok := strings.Cut(m, " ")
			if !ok || typ == "" {
				return nil, fmt.Errorf("%w: malformed member %.64q in %s", ErrInvalidType, m, name)
			}
			fs = append(fs, rawField{typ, fname})
		}
		if _, dup := byName[name]; dup {
			return nil, fmt.Errorf("%w: %s defined twice", ErrInvalidType, name)
		}
		d := &structDef{name: name}
		byName[name] = d
		defs = append(defs, d)
		raws = append(raws, fs)
	}
	if len(defs) == 0 {
		return nil, fmt.Errorf("%w: empty type string", ErrInvalidType)
	}
	lookup := func(n string) *structDef { return byName[n] }
	for i, d := range defs {
		d.fields = make([]fieldDef, len(raws[i]))
		for j, f := range raws[i] {
			ref, err := resolve(f.typ, lookup)
			if err != nil {
				return nil, fmt.Errorf("%s.%.64s: %w", d.name, f.name, err)
			}
			d.fields[j] = fieldDef{name: f.name, typ: f.typ, ref: ref}
		}
		if err := checkFieldNames(d); err != nil {
			return nil, err
		}
	}
	if err := checkInhabited(defs); err != nil {
		return nil, err
	}
	primary := defs[0]
	primary.setEncodeType()
	if primary.encType != encodeType {
		return nil, fmt.Errorf("%w: %.64q is not canonical; encodeType is %.64q", ErrInvalidType, encodeType, primary.encType)
	}
	return &Type{def: primary}, nil
}

// Name returns the struct type's name.
func (t *Type) Name() string { return t.def.name }

// Fields returns a copy of the struct's members in declaration order.
func (t *Type) Fields() []Field {
	out := make([]Field, len(t.def.fields))
	for i, f := range t.def.fields {
		out[i] = Field{Name: f.name, Type: f.typ}
	}
	return out
}

// EncodeType returns encodeType: this type's signature followed by those of every struct
// type it references, sorted by name.
func (t *Type) EncodeType() string { return t.def.encType }

// TypeHash returns keccak256(EncodeType()).
func (t *Type) TypeHash() interop.Hash { return t.def.typeHash }

// String returns EncodeType().
func (t *Type) String() string { return t.def.encType }
