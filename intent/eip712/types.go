package eip712

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"

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

// structDef is a struct type with every field type resolved. Once built it is only read,
// except for the typeHash memo of definitions compiled from JSON, which is set atomically.
type structDef struct {
	name   string
	fields []fieldDef
	// index lists the field positions sorted by name for structs with more than
	// smallStruct fields, so a member lookup costs O(log n) instead of a scan of every
	// field.
	index []int32
	// ownLen is len(name(fields)), the struct's own part of any encodeType.
	ownLen int

	// self, when its st is set, is the typeRef of a field of this struct type, shared
	// by the fields that name it (set where a JSON type set is compiled).
	self typeRef

	rank     int    // position by name in the parse's type set (depWalk.byRank)
	encType  string // set by NewType and ParseType for the Type's own definition
	hashed   bool   // typeHash is set (NewType and ParseType)
	typeHash interop.Hash
	// memo is the typeHash of a struct compiled from JSON, set once computed; the type
	// set may be shared through the cache, so it is written atomically.
	memo atomic.Pointer[typeMemo]
	// slot holds the memo of a struct whose type set this call alone sees (setMemo).
	slot typeMemo
}

// smallStruct is the field count up to which fields are found by scanning.
const smallStruct = 16

type fieldDef struct {
	name string
	typ  string // as written, which is what encodeType uses
	ref  *typeRef
}

// maxArrayLen bounds a fixed array length so it fits any int arithmetic done on it.
const maxArrayLen = 1 << 24

// maxArrayDims bounds the array suffixes of one type: a value can nest at most maxDepth
// JSON levels anyway, and type-level walks stay shallow.
const maxArrayDims = 64

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
		if len(dims) == maxArrayDims {
			return "", nil, fmt.Errorf("%w: %.64q…: more than %d array dimensions", ErrInvalidType, s, maxArrayDims)
		}
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
	if len(dims) > maxArrayDims {
		return "", nil, fmt.Errorf("%w: %.64q…: more than %d array dimensions", ErrInvalidType, s, maxArrayDims)
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
		ref = atomicRef(a)
	} else if !isIdentifier(base) {
		return nil, fmt.Errorf("%w: %q", ErrInvalidType, s)
	} else if st := lookup(base); st != nil {
		if st.self.st == st {
			ref = &st.self
		} else {
			ref = &typeRef{kind: kindStruct, st: st}
		}
	} else {
		return nil, fmt.Errorf("%w: %q", ErrUnknownType, base)
	}
	for _, n := range dims {
		ref = &typeRef{kind: kindArray, length: n, elem: ref}
	}
	return ref, nil
}

// atomicRefs holds one shared, never written typeRef per atomic type, so that resolving a
// field of atomic type allocates nothing: [kind][slot], the slot being N for bytesN, N/8
// for uintN and intN, and 0 for the rest.
var atomicRefs = func() (t [kindInt + 1][33]typeRef) {
	for k := range t {
		for s := range t[k] {
			t[k][s] = typeRef{kind: kind(k)}
			switch kind(k) {
			case kindFixedBytes:
				t[k][s].size = s
			case kindUint, kindInt:
				t[k][s].size = 8 * s
			}
		}
	}
	return t
}()

// atomicRef returns the shared typeRef equal to a, an atomic type from parseAtomic.
func atomicRef(a typeRef) *typeRef {
	slot := 0
	switch a.kind {
	case kindFixedBytes:
		slot = a.size
	case kindUint, kindInt:
		slot = a.size / 8
	}
	if r := &atomicRefs[a.kind][slot]; *r == a {
		return r
	}
	// Not reached (parseAtomic's sizes all have a slot); a copy, so that a itself is not
	// moved to the heap on every call.
	c := a
	return &c
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

// checkFieldNames rejects field names that are not identifiers and repeated names, and
// builds the field index of large structs and the length of the struct's own encoding.
func checkFieldNames(st *structDef) error {
	st.ownLen = len(st.name) + 2
	for i, f := range st.fields {
		if !isIdentifier(f.name) {
			return fmt.Errorf("%w: %s field %q is not an identifier", ErrInvalidType, st.name, f.name)
		}
		st.ownLen += len(f.typ) + 1 + len(f.name)
		if i > 0 {
			st.ownLen++ // ","
		}
	}
	if len(st.fields) <= smallStruct {
		for i, f := range st.fields {
			for _, g := range st.fields[:i] {
				if g.name == f.name {
					return fmt.Errorf("%w: %s declares field %q twice", ErrInvalidType, st.name, f.name)
				}
			}
		}
		return nil
	}
	// The index lists the positions sorted by name, ties by position: a repeated name
	// shows as equal neighbours, and the first field in declaration order whose name came
	// before is the least position following an equal neighbour.
	fs := st.fields
	idx := make([]int32, len(fs))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		if c := strings.Compare(fs[a].name, fs[b].name); c != 0 {
			return c
		}
		return int(a - b)
	})
	dup := -1
	for k := 1; k < len(idx); k++ {
		if fs[idx[k]].name == fs[idx[k-1]].name && (dup < 0 || int(idx[k]) < dup) {
			dup = int(idx[k])
		}
	}
	if dup >= 0 {
		return fmt.Errorf("%w: %s declares field %q twice", ErrInvalidType, st.name, fs[dup].name)
	}
	st.index = idx
	return nil
}

// fieldIndex returns the position of the field named name, or -1.
func (st *structDef) fieldIndex(name string) int {
	if st.index != nil {
		idx := st.index
		lo, hi := 0, len(idx)
		for lo < hi {
			m := int(uint(lo+hi) >> 1)
			if st.fields[idx[m]].name < name {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(idx) && st.fields[idx[lo]].name == name {
			return int(idx[lo])
		}
		return -1
	}
	for i := range st.fields {
		if st.fields[i].name == name {
			return i
		}
	}
	return -1
}

// checkInhabited rejects struct types without any finite value: those that reach
// themselves only through struct fields and fixed-size arrays. A dynamic array can be
// empty, so Tree(Tree[] children) has values and is accepted (as eth-sig-util and
// go-ethereum accept it); Mail(Mail replyTo) has none, since a missing or null value is an
// error here.
//
// A field needs at most one struct to be inhabited (its type with fixed-size array suffixes
// stripped; a dynamic array needs none), so the least fixpoint is a worklist over those
// edges: O(types + fields), whatever order the types come in.
func checkInhabited(defs []*structDef) error {
	pending := make(map[*structDef]int, len(defs))
	waiting := make(map[*structDef][]*structDef)
	var ready []*structDef
	for _, st := range defs {
		n := 0
		for i := range st.fields {
			if d := needs(st.fields[i].ref); d != nil && d != st {
				n++
				waiting[d] = append(waiting[d], st)
			} else if d == st {
				n = -1 // needs itself: never inhabited
				break
			}
		}
		pending[st] = n
		if n == 0 {
			ready = append(ready, st)
		}
	}
	inhabited := 0
	for len(ready) > 0 {
		st := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		inhabited++
		for _, w := range waiting[st] {
			if pending[w] > 0 {
				pending[w]--
				if pending[w] == 0 {
					ready = append(ready, w)
				}
			}
		}
	}
	if inhabited == len(defs) {
		return nil
	}
	for _, st := range defs {
		if pending[st] != 0 {
			return fmt.Errorf("%w: %s has no finite value", ErrCyclicType, st.name)
		}
	}
	return nil
}

// checkInhabitedRanked is checkInhabited for the structs of a type set whose ranks number
// them 0…len(defs)-1 (in any order; errors name the first in defs' order): it keeps its
// worklist in slices indexed by rank.
func checkInhabitedRanked(defs []*structDef) error {
	n := len(defs)
	edges := 0
	for _, st := range defs {
		for i := range st.fields {
			if needs(st.fields[i].ref) != nil {
				edges++
			}
		}
	}
	// A usual type set fits the array on the stack.
	var small [256]int32
	var buf []int32
	if k := 5*n + 1 + edges; k <= len(small) {
		buf = small[:k]
	} else {
		buf = make([]int32, k)
	}
	// By rank r: pending[r] is the structs r still waits for, -1 when it needs itself;
	// the structs waiting for r are waiting[start[r]:start[r+1]]; ready is the worklist,
	// which holds each struct at most once.
	pending, start, fill, ready, waiting := buf[:n], buf[n:2*n+1], buf[2*n+1:3*n+1], buf[3*n+1:3*n+1:4*n+1], buf[4*n+1:]
	for _, st := range defs {
		k := int32(0)
		for j := range st.fields {
			if d := needs(st.fields[j].ref); d == st {
				k = -1
				break
			} else if d != nil {
				k++
			}
		}
		pending[st.rank] = k
		if k == 0 {
			ready = append(ready, int32(st.rank))
		}
	}
	for _, st := range defs {
		if pending[st.rank] > 0 {
			for j := range st.fields {
				if d := needs(st.fields[j].ref); d != nil {
					start[d.rank+1]++
				}
			}
		}
	}
	for i := range n {
		start[i+1] += start[i]
	}
	copy(fill, start[:n])
	for _, st := range defs {
		if pending[st.rank] > 0 {
			for j := range st.fields {
				if d := needs(st.fields[j].ref); d != nil {
					waiting[fill[d.rank]] = int32(st.rank)
					fill[d.rank]++
				}
			}
		}
	}
	inhabited := 0
	for len(ready) > 0 {
		i := ready[len(ready)-1]
		ready = ready[:len(ready)-1]
		inhabited++
		for _, w := range waiting[start[i]:start[i+1]] {
			if pending[w] > 0 {
				pending[w]--
				if pending[w] == 0 {
					ready = append(ready, w)
				}
			}
		}
	}
	if inhabited == n {
		return nil
	}
	for _, st := range defs {
		if pending[st.rank] != 0 {
			return fmt.Errorf("%w: %s has no finite value", ErrCyclicType, st.name)
		}
	}
	return nil
}

// needs returns the struct a value of type r cannot be built without: the struct itself,
// through fixed-size arrays; none through a dynamic array (it can be empty).
func needs(r *typeRef) *structDef {
	for r.kind == kindArray {
		if r.length < 0 {
			return nil
		}
		r = r.elem
	}
	if r.kind == kindStruct {
		return r.st
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

// depWalk collects the struct types a type reaches, with a set of those visited (no mark
// on the structDefs, which may be shared), and reuses its buffers from walk to walk.
//
// byRank, when set, lists every struct of the walk's type set sorted by name, each
// structDef's rank being its position there: dependencies are then put in order by rank,
// or by one pass over byRank when they are a large share of it, instead of comparing
// names, so that a type set with many large encodeTypes costs O(size) per type.
type depWalk struct {
	seen        map[*structDef]bool
	deps, stack []*structDef
	byRank      []*structDef
	// seenRank replaces seen when byRank is set: every struct the walk can reach is then
	// in byRank, and its rank indexes this set.
	seenRank []bool
}

func (w *depWalk) visit(d *structDef) bool {
	if w.byRank != nil {
		if w.seenRank[d.rank] {
			return false
		}
		w.seenRank[d.rank] = true
		return true
	}
	if w.seen[d] {
		return false
	}
	if w.seen == nil {
		w.seen = map[*structDef]bool{}
	}
	w.seen[d] = true
	return true
}

// has reports whether the walk visited d.
func (w *depWalk) has(d *structDef) bool {
	if w.byRank != nil {
		return w.seenRank[d.rank]
	}
	return w.seen[d]
}

// reset forgets the structs visited.
func (w *depWalk) reset() {
	if w.byRank != nil {
		w.seenRank = append(w.seenRank[:0], make([]bool, len(w.byRank))...)
		return
	}
	clear(w.seen)
}

// appendEncodeType appends encodeType(st). EIP-712 "Definition of encodeType":
// name ‖ "(" ‖ member₁ ‖ "," ‖ … ‖ memberₙ ‖ ")", member = type ‖ " " ‖ name, followed by
// the referenced struct types (collected transitively, array suffixes stripped) sorted by
// name. The walk is iterative and visits each reachable struct once, so recursive types
// terminate and a long chain of types cannot exhaust the stack. charge, when not nil, is
// told each struct's share of the output before anything is written; an error from it
// stops the walk (the caller's work bound). w may be nil.
func appendEncodeType(dst []byte, st *structDef, w *depWalk, charge func(n int) error) ([]byte, error) {
	if w == nil {
		w = &depWalk{}
	}
	w.reset()
	if charge != nil {
		if err := charge(st.ownLen); err != nil {
			return dst, err
		}
	}
	w.visit(st)
	deps := w.deps[:0]
	stack := append(w.stack[:0], st)
	// w.deps keeps the dependencies found until the next walk.
	defer func() { w.deps, w.stack = deps, stack[:0] }()
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i := range cur.fields {
			if d := structOf(cur.fields[i].ref); d != nil && d != st && w.visit(d) {
				if charge != nil {
					if err := charge(d.ownLen); err != nil {
						return dst, err
					}
				}
				deps = append(deps, d)
				stack = append(stack, d)
			}
		}
	}
	switch {
	case w.byRank == nil:
		sort.Slice(deps, func(i, j int) bool { return deps[i].name < deps[j].name })
	case 16*len(deps) > len(w.byRank):
		deps = deps[:0]
		for _, d := range w.byRank {
			if w.has(d) && d != st {
				deps = append(deps, d)
			}
		}
	default:
		slices.SortFunc(deps, func(a, b *structDef) int { return a.rank - b.rank })
	}
	dst = st.appendOwn(dst)
	for _, d := range deps {
		dst = d.appendOwn(dst)
	}
	return dst, nil
}

// setEncodeType computes and keeps encType and typeHash, for a Type's own definition.
func (st *structDef) setEncodeType() {
	b, _ := appendEncodeType(nil, st, nil, nil)
	st.encType = string(b)
	st.typeHash = keccak.Sum256(b)
	st.hashed = true
}

func (st *structDef) appendOwn(b []byte) []byte {
	b = append(b, st.name...)
	b = append(b, '(')
	for i, f := range st.fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, f.typ...)
		b = append(b, ' ')
		b = append(b, f.name...)
	}
	return append(b, ')')
}
