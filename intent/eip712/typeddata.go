package eip712

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// TypedData is eth_signTypedData_v4 typed data that has been checked and hashed. It is
// immutable once returned and safe for concurrent use.
type TypedData struct {
	// PrimaryType is the type of the message.
	PrimaryType string
	// DomainSeparator is hashStruct(EIP712Domain, domain).
	DomainSeparator interop.Hash
	// MessageHash is hashStruct(primaryType, message). It is zero when PrimaryType is
	// EIP712Domain, which signs the domain alone.
	MessageHash interop.Hash
	// MessageData is encodeData(primaryType, message) prefixed by the typeHash: the
	// preimage of MessageHash. It is empty when PrimaryType is EIP712Domain.
	MessageData []byte
	// Mode is the reading the document was hashed under.
	Mode Mode

	structs []*structDef // sorted by name
}

// Digest returns the signing digest: keccak256(0x19 ‖ 0x01 ‖ DomainSeparator ‖ MessageHash),
// or keccak256(0x19 ‖ 0x01 ‖ DomainSeparator) when PrimaryType is EIP712Domain (what
// eth-sig-util V4 signs; the EIP does not define that case).
func (td *TypedData) Digest() interop.Hash {
	if td.PrimaryType == domainTypeName {
		return domainOnlyDigest(td.DomainSeparator)
	}
	return Digest(td.DomainSeparator, td.MessageHash)
}

// EncodeType returns encodeType of one of the typed data's struct types. It builds the
// string on every call, in O(size of the types) work and memory, and writes nothing, so
// concurrent calls are safe.
func (td *TypedData) EncodeType(name string) (string, error) {
	st := findStruct(td.structs, name)
	if st == nil {
		return "", fmt.Errorf("%w: %q", ErrUnknownType, name)
	}
	b, _ := appendEncodeType(nil, st, nil, nil)
	return string(b), nil
}

const domainTypeName = "EIP712Domain"

// Resource bounds of the JSON path. Nesting is limited by the JSON reader (maxDepth);
// everything else by the work bound: the bytes fed to keccak256 (member words, string and
// bytes contents, encodeType strings, 32 per hash) may not exceed workPerByte per input
// byte plus workAllowance. Well-formed typed data stays far below it (a member word needs
// at least one input byte, and a struct's typeHash is computed once per document); what it
// stops is a type set whose encodeType strings are quadratic in its size (every type
// referencing every other) or, in EthSigUtilV4 mode, absent members multiplied through
// arrays.
const (
	workPerByte   = 64
	workAllowance = 64 << 10
)

// HashTypedData returns the EIP-712 signing digest of eth_signTypedData_v4 JSON, the
// 32 bytes a wallet signs. It is Strict.HashTypedData. It checks, in order, and returns the
// wrapped sentinel named:
//
//	a) the document is strict JSON without duplicate keys, nested at most 128 deep, and
//	   has types (with EIP712Domain), primaryType, domain and message (ErrSyntax);
//	b) every type definition is well-formed (ErrInvalidType), names only known types
//	   (ErrUnknownType) and has finite values (ErrCyclicType);
//	c) domain and message hold exactly the declared fields (ErrMissingField,
//	   ErrExtraField), null counting as missing;
//	d) every value has the JSON kind its type needs (ErrTypeMismatch): a JSON string for
//	   string; a 0x-hex string for address, bytes and bytesN (ErrInvalidHex), of exactly
//	   20 or N bytes (ErrWrongLength); true or false for bool; an integer JSON number
//	   (ErrAmbiguousNumber) or a decimal or 0x-hex string for intN/uintN, within the
//	   type's range (ErrOutOfRange); arrays of the declared length (ErrWrongLength);
//	e) hashing stays within the work bound (ErrTooComplex).
//
// Bound: O(len(typedData)) memory (at most about 60 bytes allocated per input byte) and
// at most 64 bytes hashed per input byte plus 64 KiB; error paths ("message.to[3].name")
// are rendered only for the error returned.
//
// The package documentation lists where this differs from go-ethereum and eth-sig-util,
// and the compatibility modes that reproduce them.
func HashTypedData(typedData []byte) (interop.Hash, error) { return Strict.HashTypedData(typedData) }

// ParseTypedData checks typed data as HashTypedData does and returns its parts. It is
// Strict.ParseTypedData; the bound is HashTypedData's, plus the copy of MessageData and,
// for a "types" object seen for the first time, at most 4 bytes hashed per byte of it (its
// typeHashes, computed together ahead of the document).
func ParseTypedData(typedData []byte) (*TypedData, error) { return Strict.ParseTypedData(typedData) }

// HashTypedData returns the signing digest of eth_signTypedData_v4 JSON read as mode m
// reads it; see Mode. The bound is the package-level HashTypedData's.
func (m Mode) HashTypedData(typedData []byte) (interop.Hash, error) {
	return hashTypedData(typedData, m)
}

// ParseTypedData checks typed data as m.HashTypedData does and returns its parts.
func (m Mode) ParseTypedData(typedData []byte) (*TypedData, error) {
	return parseTypedData(typedData, m, true)
}

func parseTypedData(b []byte, m Mode, keep bool) (*TypedData, error) {
	return parseTypedDataWith(b, m, keep, true)
}

// parseTypedDataWith is parseTypedData; without fast, the types object is read in place
// and compiled for this document alone, neither skipped by the parser nor looked up in or
// added to the cache (the reading the tests compare the fast one with).
func parseTypedDataWith(b []byte, m Mode, keep, fast bool) (*TypedData, error) {
	s := getSession()
	defer putSession(s)
	td := new(TypedData)
	if err := s.parse(td, b, m, keep, fast, false); err != nil {
		return nil, err
	}
	return td, nil
}

// hashTypedData is HashTypedData: parseTypedData and Digest, with the TypedData in the
// session, as every other structure of the call, and the document's bytes borrowed
// rather than copied: it allocates nothing but, on the second sight of a type set, the
// set it caches.
func hashTypedData(b []byte, m Mode) (interop.Hash, error) {
	s := getSession()
	defer putSession(s)
	if err := s.parse(&s.td, b, m, false, true, true); err != nil {
		return interop.Hash{}, err
	}
	return s.td.Digest(), nil
}

// parse is parseTypedDataWith into td, with s's buffers.
func (s *session) parse(td *TypedData, b []byte, m Mode, keep, fast, borrow bool) error {
	if m > maxMode {
		return fmt.Errorf("%w: unknown mode %d", ErrSyntax, m)
	}
	known := ""
	if last := lastTypes[m].Load(); fast && last != nil {
		known = last.key
	}
	// The parser's strings are substrings of src. HashTypedData lends it the caller's
	// bytes (borrow): nothing it keeps past the call is made from them (a cached type set
	// is read from its own copy of its key, errors are formatted into new strings, and
	// the session drops every reference when it is pooled). A kept TypedData holds
	// strings of its document, so ParseTypedData copies it.
	var src string
	if borrow {
		src = unsafe.String(unsafe.SliceData(b), len(b))
	} else {
		src = string(b)
	}
	s.p.reset(b, src, 0, 0, fast, known)
	root, err := s.p.document()
	if err != nil {
		return err
	}
	// The types object, when the parser skipped it, is found in the cache or read on its
	// own here, so that its syntax errors still come before every other check.
	var ts *typeSet
	private := false     // ts is compiled for this call alone
	var typesKey string  // the cache key, when the compiled set is to be cached
	var slab []structDef // the types read by readTypes
	var slabErr error    // the error compileTypes would return on them
	if s.p.skipped {
		raw := b[s.p.types[0]:s.p.types[1]]
		if ts = cachedTypes(m, raw); ts == nil {
			// The names read are substrings of src: a copy of the types object when the
			// set is kept (cached, or held by the TypedData ParseTypedData returns), else
			// the document's own copy, which nothing keeps after this call.
			src := s.p.src[s.p.types[0]:s.p.types[1]]
			if keep || admitTypes(m, raw) {
				typesKey = string(raw)
				src = typesKey
			}
			private = typesKey == ""
			if slab, slabErr, err = readTypes(&s.sub, raw, src, s.p.types[0], m, &s.tb, private); err != nil {
				return err
			}
		}
	}
	if root.kind != jObject {
		return fmt.Errorf("%w: top level is a JSON %v, not an object", ErrSyntax, root.kind)
	}
	if m == GoEthereum {
		// encoding/json matches struct keys case-insensitively; refuse what go-ethereum
		// would read under another spelling instead of guessing which one it took.
		if err := foldedKeys(&root, "types", "primaryType", "domain", "message"); err != nil {
			return err
		}
	}
	// member returns the named top-level member; absent or null is nil when optional.
	member := func(name string, k jkind, optional bool) (*jval, error) {
		v, ok := root.get(name)
		if !ok || v.kind == jNull {
			if optional {
				return nil, nil
			}
			return nil, fmt.Errorf("%w: no %q member", ErrSyntax, name)
		}
		if v.kind != k {
			return nil, fmt.Errorf("%w: %q is a JSON %v, not %v", ErrSyntax, name, v.kind, k)
		}
		return v, nil
	}
	types, err := member("types", jObject, false)
	if err != nil {
		return err
	}
	pt, err := member("primaryType", jString, false)
	if err != nil {
		return err
	}
	// eth-sig-util reads a missing domain or message as undefined, which only a type
	// without fields survives; go-ethereum reads a missing or null message as an empty map.
	domain, err := member("domain", jObject, m == EthSigUtilV4)
	if err != nil {
		return err
	}
	message, err := member("message", jObject, m != Strict)
	if err != nil {
		return err
	}
	domainAbsent, messageAbsent := domain == nil, message == nil
	if domainAbsent {
		domain = &jval{kind: jObject}
	}
	if messageAbsent {
		message = &jval{kind: jObject}
	}
	if ts == nil {
		var byRank []*structDef
		switch {
		case slabErr != nil:
			return slabErr
		case private:
			byRank, err = linkTypes(slab, m, &s.tb)
		case s.p.skipped:
			byRank, err = linkTypes(slab, m, nil)
		default:
			byRank, err = compileTypes(types, m)
		}
		if err != nil {
			return err
		}
		if private {
			s.tb.set = typeSet{byRank: byRank}
			ts = &s.tb.set
		} else {
			ts = &typeSet{key: typesKey, byRank: byRank}
		}
		if typesKey != "" {
			if keep {
				// ParseTypedData hashes as it goes; HashTypedData defers the typeHashes
				// into its batches instead (encoder.typeHash).
				s.scratch = precomputeTypeHashes(ts, m, precomputePerByte*len(typesKey), &s.walk, s.scratch)
			}
			cacheTypes(m, typesKey, ts)
		}
	}
	*td = TypedData{PrimaryType: pt.s, Mode: m, structs: ts.byRank}
	primary := findStruct(ts.byRank, pt.s)
	domainType := findStruct(ts.byRank, domainTypeName)
	if primary == nil {
		return fmt.Errorf("%w: primaryType %q", ErrUnknownType, pt.s)
	}
	if m == EthSigUtilV4 {
		// eth-sig-util reads the members of an undefined domain or message and fails,
		// unless the type has none to read.
		if domainAbsent && len(domainType.fields) > 0 {
			return fmt.Errorf("%w: no \"domain\" member", ErrSyntax)
		}
		if messageAbsent && pt.s != domainTypeName && len(primary.fields) > 0 {
			return fmt.Errorf("%w: no \"message\" member", ErrSyntax)
		}
	}
	if m == GoEthereum {
		if pt.s == domainTypeName {
			// go-ethereum hashes the message as an EIP712Domain struct and signs
			// keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ hashStruct(message)), unlike
			// eth-sig-util: refused rather than given a third reading.
			return fmt.Errorf("%w: primaryType EIP712Domain (go-ethereum and eth-sig-util sign it differently)", ErrInvalidType)
		}
		if domain, err = gethDomain(domain); err != nil {
			return err
		}
		// chainId is a *math.HexOrDecimal256 in go-ethereum, which only an integer type
		// encodes.
		if _, ok := domain.get("chainId"); ok {
			dt := domainType
			if i := dt.fieldIndex("chainId"); i >= 0 && dt.fields[i].ref.kind != kindUint && dt.fields[i].ref.kind != kindInt {
				return fmt.Errorf("%w: domain.chainId declared as %s", ErrTypeMismatch, dt.fields[i].typ)
			}
		}
	}
	enc := keccak.Get()
	defer keccak.Put(enc)
	e := encoder{h: enc, mode: m, limit: workPerByte*len(b) + workAllowance,
		path: s.path[:0], vals: s.vals[:0], scratch: s.scratch[:0], walk: s.walk,
		charged: append(s.charged[:0], make([]bool, len(ts.byRank))...), private: private, hashBatch: s.hb}
	e.walk.byRank = ts.byRank
	// ParseTypedData keeps the message's member words, which deferred hashes would leave
	// as placeholders until the end: it hashes as it goes.
	e.batch = !keep
	e.pend, e.nodes, e.data = e.pend[:0], e.nodes[:0], e.data[:0]
	e.tpend, e.tpatch = e.tpend[:0], e.tpatch[:0]
	e.typeNode = append(e.typeNode[:0], make([]int32, len(ts.byRank))...)
	defer func() {
		s.path, s.vals, s.scratch, s.walk, s.charged, s.hb = e.path, e.vals, e.scratch, e.walk, e.charged, e.hashBatch
		s.walk.byRank = nil
	}()
	enc.Buf = enc.Buf[:0]
	// EIP-712: domainSeparator = hashStruct(eip712Domain)
	e.path = append(e.path[:0], pathSeg{name: "domain", idx: -1})
	if err := e.structData(domainType, domain); err != nil {
		return err
	}
	e.digestTail(0)
	e.rootHash(&td.DomainSeparator)
	if pt.s == domainTypeName {
		// eth-sig-util V4 signs the domain alone here and ignores the message; a
		// non-empty message would be shown to the user but not signed, so the strict
		// reading refuses one.
		if m == Strict && len(message.members) != 0 {
			return fmt.Errorf("%w: primaryType EIP712Domain with a non-empty message", ErrExtraField)
		}
		e.flush()
		return nil
	}
	enc.Buf = enc.Buf[:0]
	e.path = append(e.path[:0], pathSeg{name: "message", idx: -1})
	if err := e.structData(primary, message); err != nil {
		return err
	}
	if keep {
		td.MessageData = append([]byte(nil), enc.Buf...)
	}
	e.digestTail(0)
	e.rootHash(&td.MessageHash)
	e.flush()
	return nil
}

// foldedKeys refuses members whose key equals one of names only up to case.
func foldedKeys(obj *jval, names ...string) error {
	for i := range obj.members {
		k := obj.members[i].key
		for _, n := range names {
			if k != n && strings.EqualFold(k, n) {
				return fmt.Errorf("%w: key %q is read as %q by go-ethereum", ErrSyntax, k, n)
			}
		}
	}
	return nil
}

// compileTypes reads the types member: a map from struct name to its list of
// {"name","type"} members. Other keys in a member object are ignored, as both reference
// implementations ignore them; they do not change what is signed. Work is O(len(types))
// plus map operations: names are found through maps, and the inhabitation check is a
// worklist. (readTypes does the same from the JSON text, for the fast path.)
func compileTypes(types *jval, m Mode) ([]*structDef, error) {
	// The definitions and their fields are cut from two slabs.
	slab := make([]structDef, len(types.members))
	nf := 0
	for _, mem := range types.members {
		nf += len(mem.val.list)
	}
	fieldSlab := make([]fieldDef, nf)
	for k, mem := range types.members {
		if err := checkStructName(mem.key); err != nil {
			return nil, err
		}
		if mem.val.kind != jArray {
			return nil, fmt.Errorf("%w: type %s is a JSON %v, not an array", ErrSyntax, mem.key, mem.val.kind)
		}
		st := &slab[k]
		st.name = mem.key
		st.fields, fieldSlab = fieldSlab[:len(mem.val.list):len(mem.val.list)], fieldSlab[len(mem.val.list):]
		for i := range mem.val.list {
			f := &mem.val.list[i]
			if f.kind != jObject {
				return nil, fmt.Errorf("%w: %s member %d is a JSON %v", ErrSyntax, mem.key, i, f.kind)
			}
			if m == GoEthereum {
				if err := foldedKeys(f, "name", "type"); err != nil {
					return nil, err
				}
			}
			name, ok1 := f.get("name")
			typ, ok2 := f.get("type")
			if !ok1 || !ok2 || name.kind != jString || typ.kind != jString {
				return nil, fmt.Errorf("%w: %s member %d needs string name and type", ErrSyntax, mem.key, i)
			}
			st.fields[i] = fieldDef{name: name.s, typ: typ.s}
		}
		if err := checkFieldNames(st); err != nil {
			return nil, err
		}
	}
	return linkTypes(slab, m, nil)
}

// linkTypes completes the struct definitions read from a types object (named, their
// fields read and checked by checkFieldNames, in the object's order): it adds the
// EIP712Domain eth-sig-util supplies, ranks the structs by name, resolves the field types
// and checks that every type has a finite value, and returns the structs by rank. Errors
// name the first struct in the object's order that has one. With tb, the list by rank is
// tb.byRank (a private set's); without, it is allocated.
func linkTypes(slab []structDef, m Mode, tb *typesBuf) ([]*structDef, error) {
	hasDomain := false
	for k := range slab {
		st := &slab[k]
		st.self = typeRef{kind: kindStruct, st: st}
		hasDomain = hasDomain || st.name == domainTypeName
	}
	n := len(slab)
	// The EIP's JSON schema requires types.EIP712Domain; go-ethereum fails without it, and
	// eth-sig-util adds an empty one (sanitizeData).
	var domain *structDef
	if !hasDomain {
		if m != EthSigUtilV4 {
			return nil, fmt.Errorf("%w: types has no EIP712Domain", ErrSyntax)
		}
		domain = &structDef{name: domainTypeName}
		domain.self = typeRef{kind: kindStruct, st: domain}
		_ = checkFieldNames(domain)
		n++
	}
	// list is the object's order (a usual type set's fits the array on the stack), byRank
	// the same structs sorted by name, which is how names are looked up.
	var small [32]*structDef
	list := small[:0]
	if n > len(small) {
		list = make([]*structDef, 0, n)
	}
	for k := range slab {
		list = append(list, &slab[k])
	}
	if domain != nil {
		list = append(list, domain)
	}
	var byRank []*structDef
	if tb != nil {
		tb.byRank = append(tb.byRank[:0], list...)
		byRank = tb.byRank
	} else {
		byRank = make([]*structDef, n)
		copy(byRank, list)
	}
	slices.SortFunc(byRank, func(a, b *structDef) int { return strings.Compare(a.name, b.name) })
	for i, st := range byRank {
		st.rank = i
	}
	lookup := func(n string) *structDef { return findStruct(byRank, n) }
	for _, st := range list {
		for i := range st.fields {
			ref, err := resolve(st.fields[i].typ, lookup)
			if err != nil {
				return nil, fmt.Errorf("%s.%.64s: %w", st.name, st.fields[i].name, err)
			}
			if m == GoEthereum && structOf(ref) != nil {
				if err := checkGethType(st.fields[i].typ); err != nil {
					return nil, fmt.Errorf("%s.%.64s: %w", st.name, st.fields[i].name, err)
				}
			}
			st.fields[i].ref = ref
		}
	}
	// eth-sig-util V4 signs an absent or null struct member as a zero word, so every
	// struct type has a finite value there (Mail(Mail replyTo) ends in replyTo: null).
	if m != EthSigUtilV4 {
		if err := checkInhabitedRanked(list); err != nil {
			return nil, err
		}
	}
	return byRank, nil
}

// findStruct returns the struct named name in byRank (sorted by name), or nil.
func findStruct(byRank []*structDef, name string) *structDef {
	lo, hi := 0, len(byRank)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if byRank[m].name < name {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(byRank) && byRank[lo].name == name {
		return byRank[lo]
	}
	return nil
}

// pathSeg is one step of the path to the value being encoded: a member name, or an array
// index when idx >= 0. The path is rendered only when an error is returned.
type pathSeg struct {
	name string
	idx  int
}

// encoder writes member words into one buffer owned by a pooled hasher: a nested struct or
// array appends its words at the end, hashes that tail and replaces it with the hash, so
// nesting costs no allocation.
type encoder struct {
	h    *keccak.Hasher
	mode Mode
	path []pathSeg
	// vals is a stack of field values, len(fields) per struct being encoded, so that a
	// struct's members are matched to its fields in one pass over the object.
	vals        []*jval
	work, limit int
	scratch     []byte // encodeType strings, reused
	walk        depWalk
	// charged[st.rank] is set once st's encodeType has been charged to this document:
	// a typeHash costs its encodeType once per document, memo or not.
	charged []bool
	// private is set when the type set is this call's alone (neither cached nor kept).
	private bool
	hashBatch
}

// hashBatch is the state of deferred hashing (schedule.go); batch turns it on.
type hashBatch struct {
	batch      bool
	data       []byte
	nodes      []hnode
	pend       []pendHash
	levelStart []int
	order      []int
	fill       []int
	outs, tmp  []interop.Hash
	msgs       [][]byte
	// Deferred typeHashes: typeNode[st.rank] is set while st's typeHash is a node of the
	// batch (level 0); its placeholders are in the buffer (tpend) or in nodes' inputs
	// (tpatch, positions in data), and flush writes the hash there once computed.
	typeNode      []int32
	tpend, tpatch []typePend
	// flushLanes' state (lanes.go): the lanes, each node's first block in need and the
	// words its blocks wait for, its children without a lane, its parent, its priority,
	// the typeHash patches by node (tpStart, tpList) and the node holding each (tpOwner),
	// and the heap of nodes ready for a lane.
	lanes                          *keccak.Lanes
	blk0, need, kids, parent, prio []int32
	tpStart, tpList, tpOwner, heap []int32
}

// typePend is a placeholder word for the typeHash of the struct of rank rank, at pos.
type typePend struct {
	pos, rank int
}

// where renders the path of the value being encoded.
func (e *encoder) where() string {
	var b strings.Builder
	for i, s := range e.path {
		if s.idx >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.idx))
			b.WriteByte(']')
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		if len(s.name) > 64 {
			b.WriteString(s.name[:64])
			b.WriteString("…")
		} else {
			b.WriteString(s.name)
		}
	}
	return b.String()
}

// fail wraps err (which wraps a sentinel) with the path of the current value.
func (e *encoder) fail(err error) error {
	return fmt.Errorf("%s: %w", e.where(), err)
}

// charge counts n bytes of hashing against the document's work bound.
func (e *encoder) charge(n int) error {
	e.work += n
	if e.work > e.limit {
		return fmt.Errorf("%w: more than %d bytes to hash (%d per input byte plus %d)", ErrTooComplex, e.limit, workPerByte, workAllowance)
	}
	return nil
}

// typeHash returns keccak256(encodeType(st)). It is computed once per type set and kept in
// st's memo, and charged once per document: the charge is the length of encodeType either
// way, which keeps the verdict on the work bound what computing it here would give (the
// charges only add up, so their sum passes the bound exactly when each step does).
//
// When hashes are batched, a typeHash not memoized yet is deferred as well (deferred is
// then set and the hash is left zero): its encodeType becomes a node of the batch, hashed
// beside the document's strings, and the struct's word is a placeholder that flush fills.
func (e *encoder) typeHash(st *structDef) (_ interop.Hash, deferred bool, _ error) {
	if m := st.memo.Load(); m != nil {
		if !e.charged[st.rank] {
			e.charged[st.rank] = true
			if err := e.charge(m.encLen); err != nil {
				return interop.Hash{}, false, e.fail(err)
			}
		}
		return m.hash, false, nil
	}
	if e.batch && e.typeNode[st.rank] != 0 {
		return interop.Hash{}, true, nil // charged when deferred
	}
	var err error
	e.scratch, err = appendEncodeType(e.scratch[:0], st, &e.walk, e.charge)
	if err != nil {
		return interop.Hash{}, false, e.fail(err)
	}
	e.charged[st.rank] = true
	switch e.mode {
	case EthSigUtilV4:
		if err := checkSigUtilNames(st, e.walk.deps); err != nil {
			return interop.Hash{}, false, e.fail(err)
		}
	case GoEthereum:
		if err := checkGethEmpty(st, e.walk.deps); err != nil {
			return interop.Hash{}, false, e.fail(err)
		}
	}
	if e.batch && len(e.scratch) <= maxDeferredInput {
		at := len(e.data)
		e.data = append(e.data, e.scratch...)
		e.nodes = append(e.nodes, hnode{start: at, end: len(e.data), dst: -1, st: st})
		e.typeNode[st.rank] = int32(len(e.nodes))
		if len(e.data) <= maxDeferredData && len(e.nodes) < maxDeferredNodes {
			return interop.Hash{}, true, nil
		}
		e.flush() // sets the memo
		return st.memo.Load().hash, false, nil
	}
	// Hash writes its input to the sponge without copying it (Sum256 would copy a long
	// encodeType into a fresh buffer).
	h := e.h.Hash(e.scratch, nil)
	e.setMemo(st, h, len(e.scratch))
	return h, false, nil
}

// setMemo records st's typeHash h (of an encodeType of encLen bytes). A struct of a type
// set that only this call sees (private) keeps it in its own slot; one of a shared set (in
// the cache, or held by a TypedData) gets a new memo, published atomically, and the first
// of the goroutines that computed it wins (they computed the same value).
func (e *encoder) setMemo(st *structDef, h interop.Hash, encLen int) {
	if e.private {
		st.slot = typeMemo{hash: h, encLen: encLen}
		st.memo.Store(&st.slot)
		return
	}
	st.memo.CompareAndSwap(nil, &typeMemo{hash: h, encLen: encLen})
}

// structData appends typeHash ‖ encodeData(st, v).
func (e *encoder) structData(st *structDef, v *jval) error {
	if v.kind != jObject {
		if v.kind == jNull {
			return e.fail(fmt.Errorf("%w: null", ErrMissingField))
		}
		return e.fail(fmt.Errorf("%w: %s is a JSON %v", ErrTypeMismatch, st.name, v.kind))
	}
	th, deferred, err := e.typeHash(st)
	if err != nil {
		return err
	}
	if err := e.charge(32 * (len(st.fields) + 2)); err != nil {
		return e.fail(err)
	}
	e.h.Buf = slices.Grow(e.h.Buf, 32*(len(st.fields)+1))
	if deferred {
		e.tpend = append(e.tpend, typePend{pos: len(e.h.Buf), rank: st.rank})
	}
	e.h.Buf = append(e.h.Buf, th[:]...)
	// Match members to fields in one pass. Names are unique on both sides, so when every
	// field is found any further member is undeclared.
	base := len(e.vals)
	for range st.fields {
		e.vals = append(e.vals, nil)
	}
	found := 0
	extra := ""
	if st.index == nil && len(v.members) <= 2*smallStruct {
		for i := range st.fields {
			if fv, ok := v.get(st.fields[i].name); ok {
				e.vals[base+i] = fv
				found++
			}
		}
		if found < len(v.members) {
			for j := range v.members {
				if st.fieldIndex(v.members[j].key) < 0 {
					extra = v.members[j].key
					break
				}
			}
		}
	} else {
		for j := range v.members {
			i := st.fieldIndex(v.members[j].key)
			if i < 0 {
				if extra == "" {
					extra = v.members[j].key
				}
				continue
			}
			e.vals[base+i] = &v.members[j].val
		}
	}
	// eth-sig-util V4 hashes only the declared fields and ignores the rest (Trezor's
	// firmware fixtures sign such a message); the strict reading and go-ethereum refuse.
	if extra != "" && e.mode != EthSigUtilV4 {
		e.vals = e.vals[:base]
		return e.fail(fmt.Errorf("%w: %.64s is not a member of %s", ErrExtraField, extra, st.name))
	}
	for i := range st.fields {
		f := &st.fields[i]
		e.path = append(e.path, pathSeg{name: f.name, idx: -1})
		var err error
		if fv := e.vals[base+i]; fv != nil {
			err = e.value(f.ref, fv)
		} else {
			err = e.absent(f.ref, f.typ)
		}
		e.path = e.path[:len(e.path)-1]
		if err != nil {
			e.vals = e.vals[:base]
			return err
		}
	}
	e.vals = e.vals[:base]
	return nil
}

// absent handles a declared field without a member: an error, except that eth-sig-util V4
// signs a missing struct-typed member as a zero word (how recursive types end there).
func (e *encoder) absent(r *typeRef, typ string) error {
	if e.mode == EthSigUtilV4 && r.kind == kindStruct {
		var zero [32]byte
		e.h.Buf = append(e.h.Buf, zero[:]...)
		return nil
	}
	return e.fail(fmt.Errorf("%w: no value of type %s", ErrMissingField, typ))
}

// value appends the 32-byte member word of v as type r (EIP-712 "Definition of encodeData").
func (e *encoder) value(r *typeRef, v *jval) error {
	if v.kind == jNull {
		if e.mode == EthSigUtilV4 {
			switch r.kind {
			case kindStruct:
				// encodeField: a null struct value is the zero word.
				var zero [32]byte
				e.h.Buf = append(e.h.Buf, zero[:]...)
				return nil
			case kindString:
				// encodeField: Buffer.from(value ?? '', 'utf8').
				h := e.h.Hash(nil, nil)
				e.h.Buf = append(e.h.Buf, h[:]...)
				return nil
			}
		}
		return e.fail(fmt.Errorf("%w: null", ErrMissingField))
	}
	switch r.kind {
	case kindStruct:
		// The struct values are encoded recursively as hashStruct(value).
		start := len(e.h.Buf)
		if err := e.structData(r.st, v); err != nil {
			return err
		}
		e.digestTail(start)
		return nil
	case kindArray:
		// The array values are encoded as the keccak256 hash of the concatenated
		// encodeData of their contents.
		if v.kind != jArray {
			return e.fail(fmt.Errorf("%w: a JSON %v, not an array", ErrTypeMismatch, v.kind))
		}
		// go-ethereum and eth-sig-util do not compare a fixed-size array's length with
		// its type; the strict reading does.
		if e.mode == Strict && r.length >= 0 && len(v.list) != r.length {
			return e.fail(fmt.Errorf("%w: %d elements, type says %d", ErrWrongLength, len(v.list), r.length))
		}
		if err := e.charge(32 * (len(v.list) + 2)); err != nil {
			return e.fail(err)
		}
		// Grow once for every element word: appending word by word would grow a long
		// array's buffer by a quarter at a time, allocating five times its size.
		e.h.Buf = slices.Grow(e.h.Buf, 32*len(v.list))
		start := len(e.h.Buf)
		e.path = append(e.path, pathSeg{idx: 0})
		for i := range v.list {
			e.path[len(e.path)-1].idx = i
			if err := e.value(r.elem, &v.list[i]); err != nil {
				return err
			}
		}
		e.path = e.path[:len(e.path)-1]
		e.digestTail(start)
		return nil
	}
	var err error
	switch e.mode {
	case EthSigUtilV4:
		err = e.sigUtilAtomic(r, v)
	case GoEthereum:
		err = e.gethAtomic(r, v)
	default:
		err = e.strictAtomic(r, v)
	}
	if err != nil {
		return e.fail(err)
	}
	return nil
}

// strictAtomic appends the word of an atomic or dynamic (string, bytes) value. Hex is
// decoded into the buffer's tail and strings are hashed from it, so no value allocates.
func (e *encoder) strictAtomic(r *typeRef, v *jval) error {
	start := len(e.h.Buf)
	switch r.kind {
	case kindString:
		// bytes and string are encoded as a keccak256 hash of their contents.
		if v.kind != jString {
			return fmt.Errorf("%w: a JSON %v, not a string", ErrTypeMismatch, v.kind)
		}
		return e.appendHashString(v.s)
	case kindBytes:
		var err error
		if e.h.Buf, err = appendHexValue(e.h.Buf, v); err != nil {
			e.h.Buf = e.h.Buf[:start]
			return err
		}
		return e.hashTail(start)
	case kindFixedBytes:
		var err error
		if e.h.Buf, err = appendHexValue(e.h.Buf, v); err != nil {
			e.h.Buf = e.h.Buf[:start]
			return err
		}
		// bytesN is right-padded; anything but exactly N bytes is ambiguous (eth-sig-util
		// pads short values, go-ethereum rejects them).
		if n := len(e.h.Buf) - start; n != r.size {
			e.h.Buf = e.h.Buf[:start]
			return fmt.Errorf("%w: %d bytes for bytes%d", ErrWrongLength, n, r.size)
		}
		var zero [32]byte
		e.h.Buf = append(e.h.Buf, zero[r.size:]...)
	case kindAddress:
		var err error
		if e.h.Buf, err = appendHexValue(e.h.Buf, v); err != nil {
			e.h.Buf = e.h.Buf[:start]
			return err
		}
		if n := len(e.h.Buf) - start; n != 20 {
			e.h.Buf = e.h.Buf[:start]
			return fmt.Errorf("%w: %d bytes for address", ErrWrongLength, n)
		}
		var w [32]byte
		copy(w[12:], e.h.Buf[start:])
		e.h.Buf = append(e.h.Buf[:start], w[:]...)
	case kindBool:
		var w [32]byte
		switch v.kind {
		case jTrue:
			w[31] = 1
		case jFalse:
		default:
			return fmt.Errorf("%w: a JSON %v, not a boolean", ErrTypeMismatch, v.kind)
		}
		e.h.Buf = append(e.h.Buf, w[:]...)
	case kindUint, kindInt:
		w, err := intValue(v, r.kind == kindInt, r.size)
		if err != nil {
			return err
		}
		e.h.Buf = append(e.h.Buf, w[:]...)
	}
	return nil
}

// appendHash appends keccak256(b), counted against the work bound.
func (e *encoder) appendHash(b []byte) error {
	if err := e.charge(len(b) + 32); err != nil {
		return err
	}
	start := len(e.h.Buf)
	e.h.Buf = append(e.h.Buf, b...)
	e.digestTail(start)
	return nil
}

// appendHashString appends keccak256 of the bytes of s, counted against the work bound.
func (e *encoder) appendHashString(s string) error {
	if err := e.charge(len(s) + 32); err != nil {
		return err
	}
	start := len(e.h.Buf)
	e.h.Buf = append(e.h.Buf, s...)
	e.digestTail(start)
	return nil
}

// hashTail replaces the buffer's bytes from start with their keccak256, counted against
// the work bound.
func (e *encoder) hashTail(start int) error {
	if err := e.charge(len(e.h.Buf) - start + 32); err != nil {
		e.h.Buf = e.h.Buf[:start]
		return err
	}
	e.digestTail(start)
	return nil
}

// appendHexValue appends the bytes of a 0x-prefixed, even-length hex string. The prefix
// is lower-case: eth-sig-util does not read 0X… as hex (bytes hash its text, an address
// or bytesN goes through bn.js in base 10), so the strict reading refuses it.
func appendHexValue(dst []byte, v *jval) ([]byte, error) {
	if v.kind != jString {
		return dst, fmt.Errorf("%w: a JSON %v, not a hex string", ErrTypeMismatch, v.kind)
	}
	s := v.s
	if len(s) < 2 || s[0] != '0' || s[1] != 'x' {
		if len(s) >= 2 && s[0] == '0' && s[1] == 'X' {
			return dst, fmt.Errorf("%w: %.24q has a 0X prefix, which eth-sig-util does not read as hex", ErrInvalidHex, s)
		}
		return dst, fmt.Errorf("%w: %.24q has no 0x prefix", ErrInvalidHex, s)
	}
	return appendHex(dst, s[2:], false)
}

// decodeHex decodes hex digits; an odd count is an error unless padOdd, which reads it
// with a leading zero digit (as eth-sig-util does).
func decodeHex(s string, padOdd bool) ([]byte, error) {
	return appendHex(make([]byte, 0, (len(s)+1)/2), s, padOdd)
}

// appendHex is decodeHex appending to dst; on error dst may hold part of the bytes.
func appendHex(dst []byte, s string, padOdd bool) ([]byte, error) {
	digits := s
	if len(s)%2 != 0 {
		if !padOdd {
			return dst, fmt.Errorf("%w: %.24q has an odd number of digits", ErrInvalidHex, s)
		}
		lo, ok := unhex(s[0])
		if !ok {
			return dst, fmt.Errorf("%w: %.24q", ErrInvalidHex, "0"+s)
		}
		dst = append(dst, lo)
		digits = s[1:]
	}
	for i := 0; i < len(digits); i += 2 {
		hi, ok1 := unhex(digits[i])
		lo, ok2 := unhex(digits[i+1])
		if !ok1 || !ok2 {
			if len(s)%2 != 0 {
				s = "0" + s
			}
			return dst, fmt.Errorf("%w: %.24q", ErrInvalidHex, s)
		}
		dst = append(dst, hi<<4|lo)
	}
	return dst, nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// maxSafeInteger is 2^53-1, JavaScript's Number.MAX_SAFE_INTEGER: the largest magnitude a
// JSON number keeps through a float64 parse.
const maxSafeInteger = 1<<53 - 1

// intValue reads an intN/uintN value and returns its word: big-endian, negative values
// sign-extended (two's complement over 256 bits).
func intValue(v *jval, signed bool, bits int) ([32]byte, error) {
	var mag uint256.Int
	neg := false
	switch v.kind {
	case jNumber:
		var n uint64
		var ok bool
		neg, n, ok = exactInteger(v.s, maxSafeInteger)
		if !ok {
			return [32]byte{}, fmt.Errorf("%w: %.32s", ErrAmbiguousNumber, v.s)
		}
		mag.SetUint64(n)
	case jString:
		s := v.s
		if len(s) >= 2 && s[0] == '0' && s[1] == 'X' {
			// bn.js (eth-sig-util) reads 0X… in base 10.
			return [32]byte{}, fmt.Errorf("%w: %.80q has a 0X prefix, which eth-sig-util does not read as hex", ErrInvalidHex, v.s)
		}
		if len(s) >= 2 && s[0] == '0' && s[1] == 'x' {
			if err := parseHexInt(&mag, s[2:]); err != nil {
				return [32]byte{}, fmt.Errorf("%w: %.80q", err, v.s)
			}
		} else {
			if strings.HasPrefix(s, "-") {
				neg, s = true, s[1:]
			}
			if err := parseDecimal(&mag, s); err != nil {
				return [32]byte{}, fmt.Errorf("%w: %.80q", err, v.s)
			}
		}
	default:
		return [32]byte{}, fmt.Errorf("%w: a JSON %v, not an integer", ErrTypeMismatch, v.kind)
	}
	if mag.IsZero() {
		neg = false
	}
	// Range of intN: [-2^(N-1), 2^(N-1)-1]; of uintN: [0, 2^N-1].
	ok := true
	switch {
	case !signed:
		ok = !neg && mag.BitLen() <= bits
	case !neg:
		ok = mag.BitLen() <= bits-1
	default:
		ok = mag.BitLen() <= bits-1 || (mag.BitLen() == bits && trailingZeros(&mag) == bits-1)
	}
	if !ok {
		sign := ""
		if neg {
			sign = "-"
		}
		typ := "uint"
		if signed {
			typ = "int"
		}
		return [32]byte{}, fmt.Errorf("%w: %s%s for %s%d", ErrOutOfRange, sign, mag.Dec(), typ, bits)
	}
	if neg {
		mag.Neg(&mag)
	}
	return mag.Bytes32(), nil
}

func trailingZeros(x *uint256.Int) int {
	for i := range 4 {
		if x[i] != 0 {
			n := 0
			for w := x[i]; w&1 == 0; w >>= 1 {
				n++
			}
			return 64*i + n
		}
	}
	return 256
}

// parseDecimal reads decimal digits into z. Digits go in by chunks of up to 19 (which
// fit a uint64), each chunk one multiply-add on z; the value only grows digit by digit, so
// the chunk overflows 256 bits exactly when some digit of it would, and the digits before
// a non-digit are taken first, as a digit-by-digit reading meets them.
func parseDecimal(z *uint256.Int, s string) error {
	if s == "" {
		return fmt.Errorf("%w: empty integer", ErrTypeMismatch)
	}
	z.Clear()
	for s != "" {
		n := min(len(s), 19)
		bad := false
		var chunk uint64
		for i := 0; i < n; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				n, bad = i, true
				break
			}
			chunk = chunk*10 + uint64(c-'0')
		}
		if n > 0 {
			var add uint256.Int
			add.SetUint64(chunk)
			if _, over := z.MulOverflow(z, &pow10[n]); over {
				return fmt.Errorf("%w: more than 256 bits", ErrOutOfRange)
			}
			if _, over := z.AddOverflow(z, &add); over {
				return fmt.Errorf("%w: more than 256 bits", ErrOutOfRange)
			}
		}
		if bad {
			return fmt.Errorf("%w: not a decimal integer", ErrTypeMismatch)
		}
		s = s[n:]
	}
	return nil
}

// pow10[n] is 10^n for n ≤ 19.
var pow10 = func() (p [20]uint256.Int) {
	p[0].SetUint64(1)
	for i := 1; i < len(p); i++ {
		p[i].SetUint64(p[i-1].Uint64() * 10)
	}
	return p
}()

func parseHexInt(z *uint256.Int, s string) error {
	if s == "" {
		return fmt.Errorf("%w: no digits after 0x", ErrInvalidHex)
	}
	z.Clear()
	for _, c := range []byte(s) {
		d, ok := unhex(c)
		if !ok {
			return fmt.Errorf("%w: not a hex integer", ErrInvalidHex)
		}
		if z[3]>>60 != 0 {
			return fmt.Errorf("%w: more than 256 bits", ErrOutOfRange)
		}
		z.Lsh(z, 4)
		z[0] |= uint64(d)
	}
	return nil
}

// exactInteger returns the value of a JSON number literal when it is an integer of
// magnitude at most max ("5", "-7", "5.0", "1e3" all qualify; "255.3", "1e30" do not when
// max is 2^53-1). Work is O(len(lit)).
func exactInteger(lit string, max uint64) (neg bool, mag uint64, ok bool) {
	if lit != "" && lit[0] == '-' {
		neg, lit = true, lit[1:]
	}
	mant, exp := lit, 0
	if i := strings.IndexAny(mant, "eE"); i >= 0 {
		e := mant[i+1:]
		mant = mant[:i]
		eneg := false
		if e != "" && (e[0] == '+' || e[0] == '-') {
			eneg = e[0] == '-'
			e = e[1:]
		}
		for _, c := range []byte(e) {
			if exp > 1<<20 {
				break // clamp: far beyond any integer of 64 bits either way
			}
			exp = exp*10 + int(c-'0')
		}
		if eneg {
			exp = -exp
		}
	}
	intPart, frac := mant, ""
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		intPart, frac = mant[:i], mant[i+1:]
	}
	// The value is digits(intPart ‖ frac) × 10^(exp-len(frac)); trailing zeros of the
	// digit string may absorb a negative exponent.
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= len(frac)
	for len(digits) > 0 && exp < 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	if digits == "" {
		return false, 0, true
	}
	if exp < 0 || len(digits)+exp > 20 {
		return false, 0, false
	}
	var n uint64
	for _, c := range []byte(digits) {
		d := uint64(c - '0')
		if n > (max-d)/10 {
			return false, 0, false
		}
		n = n*10 + d
	}
	for ; exp > 0; exp-- {
		if n > max/10 {
			return false, 0, false
		}
		n *= 10
	}
	return neg, n, true
}
