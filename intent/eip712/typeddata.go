package eip712

import (
	"fmt"
	"strings"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
)

// TypedData is eth_signTypedData_v4 typed data that has been checked and hashed.
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

	defs map[string]*structDef
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

// EncodeType returns encodeType of one of the typed data's struct types.
func (td *TypedData) EncodeType(name string) (string, error) {
	st := td.defs[name]
	if st == nil {
		return "", fmt.Errorf("%w: %q", ErrUnknownType, name)
	}
	st.encode()
	return st.encType, nil
}

const domainTypeName = "EIP712Domain"

// HashTypedData returns the EIP-712 signing digest of eth_signTypedData_v4 JSON, the
// 32 bytes a wallet signs. It checks, in order, and returns the wrapped sentinel named:
//
//	a) the document is strict JSON without duplicate keys, and has types (with
//	   EIP712Domain), primaryType, domain and message (ErrSyntax);
//	b) every type definition is well-formed (ErrInvalidType), names only known types
//	   (ErrUnknownType) and has finite values (ErrCyclicType);
//	c) domain and message hold exactly the declared fields (ErrMissingField,
//	   ErrExtraField), null counting as missing;
//	d) every value has the JSON kind its type needs (ErrTypeMismatch): a JSON string for
//	   string; a 0x-hex string for address, bytes and bytesN (ErrInvalidHex), of exactly
//	   20 or N bytes (ErrWrongLength); true or false for bool; an integer JSON number
//	   (ErrAmbiguousNumber) or a decimal or 0x-hex string for intN/uintN, within the
//	   type's range (ErrOutOfRange); arrays of the declared length (ErrWrongLength).
//
// The package documentation lists where this differs from go-ethereum and eth-sig-util.
func HashTypedData(typedData []byte) (interop.Hash, error) {
	td, err := parseTypedData(typedData, false)
	if err != nil {
		return interop.Hash{}, err
	}
	return td.Digest(), nil
}

// ParseTypedData checks typed data as HashTypedData does and returns its parts.
func ParseTypedData(typedData []byte) (*TypedData, error) {
	return parseTypedData(typedData, true)
}

func parseTypedData(b []byte, keep bool) (*TypedData, error) {
	root, err := parseJSON(b)
	if err != nil {
		return nil, err
	}
	if root.kind != jObject {
		return nil, fmt.Errorf("%w: top level is a JSON %v, not an object", ErrSyntax, root.kind)
	}
	member := func(name string, k jkind) (*jval, error) {
		v, ok := root.get(name)
		if !ok || v.kind == jNull {
			return nil, fmt.Errorf("%w: no %q member", ErrSyntax, name)
		}
		if v.kind != k {
			return nil, fmt.Errorf("%w: %q is a JSON %v, not %v", ErrSyntax, name, v.kind, k)
		}
		return v, nil
	}
	types, err := member("types", jObject)
	if err != nil {
		return nil, err
	}
	pt, err := member("primaryType", jString)
	if err != nil {
		return nil, err
	}
	domain, err := member("domain", jObject)
	if err != nil {
		return nil, err
	}
	message, err := member("message", jObject)
	if err != nil {
		return nil, err
	}
	defs, err := compileTypes(types)
	if err != nil {
		return nil, err
	}
	td := &TypedData{PrimaryType: pt.s, defs: defs}
	primary := defs[pt.s]
	if primary == nil {
		return nil, fmt.Errorf("%w: primaryType %q", ErrUnknownType, pt.s)
	}
	enc := keccak.Get()
	defer keccak.Put(enc)
	e := encoder{h: enc}
	enc.Buf = enc.Buf[:0]
	// EIP-712: domainSeparator = hashStruct(eip712Domain)
	if err := e.structData(defs[domainTypeName], domain, "domain"); err != nil {
		return nil, err
	}
	td.DomainSeparator = e.hashFrom(0)
	if pt.s == domainTypeName {
		// eth-sig-util V4 signs the domain alone here and ignores the message; a
		// non-empty message would be shown to the user but not signed.
		if len(message.members) != 0 {
			return nil, fmt.Errorf("%w: primaryType EIP712Domain with a non-empty message", ErrExtraField)
		}
		return td, nil
	}
	enc.Buf = enc.Buf[:0]
	if err := e.structData(primary, message, "message"); err != nil {
		return nil, err
	}
	if keep {
		td.MessageData = append([]byte(nil), enc.Buf...)
	}
	td.MessageHash = e.hashFrom(0)
	return td, nil
}

// compileTypes reads the types member: a map from struct name to its list of
// {"name","type"} members. Other keys in a member object are ignored, as both reference
// implementations ignore them; they do not change what is signed.
func compileTypes(types *jval) (map[string]*structDef, error) {
	defs := make(map[string]*structDef, len(types.members))
	list := make([]*structDef, 0, len(types.members))
	for _, m := range types.members {
		if err := checkStructName(m.key); err != nil {
			return nil, err
		}
		if m.val.kind != jArray {
			return nil, fmt.Errorf("%w: type %s is a JSON %v, not an array", ErrSyntax, m.key, m.val.kind)
		}
		st := &structDef{name: m.key, fields: make([]fieldDef, len(m.val.list))}
		for i := range m.val.list {
			f := &m.val.list[i]
			if f.kind != jObject {
				return nil, fmt.Errorf("%w: %s member %d is a JSON %v", ErrSyntax, m.key, i, f.kind)
			}
			name, ok1 := f.get("name")
			typ, ok2 := f.get("type")
			if !ok1 || !ok2 || name.kind != jString || typ.kind != jString {
				return nil, fmt.Errorf("%w: %s member %d needs string name and type", ErrSyntax, m.key, i)
			}
			st.fields[i] = fieldDef{name: name.s, typ: typ.s}
		}
		if err := checkFieldNames(st); err != nil {
			return nil, err
		}
		defs[m.key] = st
		list = append(list, st)
	}
	// The EIP's JSON schema requires types.EIP712Domain; eth-sig-util would add an empty
	// one, go-ethereum fails. A missing definition is malformed, not an empty domain.
	if defs[domainTypeName] == nil {
		return nil, fmt.Errorf("%w: types has no EIP712Domain", ErrSyntax)
	}
	lookup := func(n string) *structDef { return defs[n] }
	for _, st := range list {
		for i := range st.fields {
			ref, err := resolve(st.fields[i].typ, lookup)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", st.name, st.fields[i].name, err)
			}
			st.fields[i].ref = ref
		}
	}
	if err := checkInhabited(list); err != nil {
		return nil, err
	}
	return defs, nil
}

// encoder writes member words into one buffer owned by a pooled hasher: a nested struct or
// array appends its words at the end, hashes that tail and replaces it with the hash, so
// nesting costs no allocation.
type encoder struct {
	h *keccak.Hasher
}

func (e *encoder) hashFrom(start int) interop.Hash {
	return e.h.Hash(e.h.Buf[start:], nil)
}

// structData appends typeHash ‖ encodeData(st, v).
func (e *encoder) structData(st *structDef, v *jval, path string) error {
	if v.kind != jObject {
		if v.kind == jNull {
			return fmt.Errorf("%w: %s is null", ErrMissingField, path)
		}
		return fmt.Errorf("%w: %s of type %s is a JSON %v", ErrTypeMismatch, path, st.name, v.kind)
	}
	st.encode()
	e.h.Buf = append(e.h.Buf, st.typeHash[:]...)
	for i := range st.fields {
		f := &st.fields[i]
		fv, ok := v.get(f.name)
		if !ok {
			return fmt.Errorf("%w: %s.%s of type %s", ErrMissingField, path, f.name, f.typ)
		}
		if err := e.value(f.ref, fv, path+"."+f.name); err != nil {
			return err
		}
	}
	// Names are unique and all were found, so any further member is undeclared.
	if len(v.members) > len(st.fields) {
		for _, m := range v.members {
			if !st.has(m.key) {
				return fmt.Errorf("%w: %s.%s is not a member of %s", ErrExtraField, path, m.key, st.name)
			}
		}
	}
	return nil
}

func (st *structDef) has(name string) bool {
	for _, f := range st.fields {
		if f.name == name {
			return true
		}
	}
	return false
}

// value appends the 32-byte member word of v as type r (EIP-712 "Definition of encodeData").
func (e *encoder) value(r *typeRef, v *jval, path string) error {
	if v.kind == jNull {
		return fmt.Errorf("%w: %s is null", ErrMissingField, path)
	}
	switch r.kind {
	case kindStruct:
		// The struct values are encoded recursively as hashStruct(value).
		start := len(e.h.Buf)
		if err := e.structData(r.st, v, path); err != nil {
			return err
		}
		h := e.hashFrom(start)
		e.h.Buf = append(e.h.Buf[:start], h[:]...)
	case kindArray:
		// The array values are encoded as the keccak256 hash of the concatenated
		// encodeData of their contents.
		if v.kind != jArray {
			return fmt.Errorf("%w: %s is a JSON %v, not an array", ErrTypeMismatch, path, v.kind)
		}
		if r.length >= 0 && len(v.list) != r.length {
			return fmt.Errorf("%w: %s has %d elements, type says %d", ErrWrongLength, path, len(v.list), r.length)
		}
		start := len(e.h.Buf)
		for i := range v.list {
			if err := e.value(r.elem, &v.list[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		h := e.hashFrom(start)
		e.h.Buf = append(e.h.Buf[:start], h[:]...)
	case kindString:
		// bytes and string are encoded as a keccak256 hash of their contents.
		if v.kind != jString {
			return fmt.Errorf("%w: %s is a JSON %v, not a string", ErrTypeMismatch, path, v.kind)
		}
		h := keccak.Sum256String(v.s)
		e.h.Buf = append(e.h.Buf, h[:]...)
	case kindBytes:
		b, err := hexValue(v, path)
		if err != nil {
			return err
		}
		h := keccak.Sum256(b)
		e.h.Buf = append(e.h.Buf, h[:]...)
	case kindFixedBytes:
		b, err := hexValue(v, path)
		if err != nil {
			return err
		}
		// bytesN is right-padded; anything but exactly N bytes is ambiguous (eth-sig-util
		// pads short values, go-ethereum rejects them).
		if len(b) != r.size {
			return fmt.Errorf("%w: %s has %d bytes for bytes%d", ErrWrongLength, path, len(b), r.size)
		}
		var w [32]byte
		copy(w[:], b)
		e.h.Buf = append(e.h.Buf, w[:]...)
	case kindAddress:
		b, err := hexValue(v, path)
		if err != nil {
			return err
		}
		if len(b) != 20 {
			return fmt.Errorf("%w: %s has %d bytes for address", ErrWrongLength, path, len(b))
		}
		var w [32]byte
		copy(w[12:], b)
		e.h.Buf = append(e.h.Buf, w[:]...)
	case kindBool:
		var w [32]byte
		switch v.kind {
		case jTrue:
			w[31] = 1
		case jFalse:
		default:
			return fmt.Errorf("%w: %s is a JSON %v, not a boolean", ErrTypeMismatch, path, v.kind)
		}
		e.h.Buf = append(e.h.Buf, w[:]...)
	case kindUint, kindInt:
		w, err := intValue(v, r.kind == kindInt, r.size, path)
		if err != nil {
			return err
		}
		e.h.Buf = append(e.h.Buf, w[:]...)
	}
	return nil
}

// hexValue decodes a 0x-prefixed, even-length hex string.
func hexValue(v *jval, path string) ([]byte, error) {
	if v.kind != jString {
		return nil, fmt.Errorf("%w: %s is a JSON %v, not a hex string", ErrTypeMismatch, path, v.kind)
	}
	s := v.s
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return nil, fmt.Errorf("%w: %s: %.24q has no 0x prefix", ErrInvalidHex, path, s)
	}
	s = s[2:]
	if len(s)%2 != 0 {
		return nil, fmt.Errorf("%w: %s: %.24q has an odd number of digits", ErrInvalidHex, path, v.s)
	}
	out := make([]byte, len(s)/2)
	for i := range out {
		hi, ok1 := unhex(s[2*i])
		lo, ok2 := unhex(s[2*i+1])
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%w: %s: %.24q", ErrInvalidHex, path, v.s)
		}
		out[i] = hi<<4 | lo
	}
	return out, nil
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
func intValue(v *jval, signed bool, bits int, path string) ([32]byte, error) {
	var mag uint256.Int
	neg := false
	switch v.kind {
	case jNumber:
		n, ok := exactInteger(v.s)
		if !ok {
			return [32]byte{}, fmt.Errorf("%w: %s: %.32s", ErrAmbiguousNumber, path, v.s)
		}
		if n < 0 {
			neg, n = true, -n
		}
		mag.SetUint64(uint64(n))
	case jString:
		s := v.s
		if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
			if err := parseHexInt(&mag, s[2:]); err != nil {
				return [32]byte{}, fmt.Errorf("%w: %s: %.80q", err, path, v.s)
			}
		} else {
			if strings.HasPrefix(s, "-") {
				neg, s = true, s[1:]
			}
			if err := parseDecimal(&mag, s); err != nil {
				return [32]byte{}, fmt.Errorf("%w: %s: %.80q", err, path, v.s)
			}
		}
	default:
		return [32]byte{}, fmt.Errorf("%w: %s is a JSON %v, not an integer", ErrTypeMismatch, path, v.kind)
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
		return [32]byte{}, fmt.Errorf("%w: %s: %s%s for %s%d", ErrOutOfRange, path, sign, mag.Dec(), typ, bits)
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

func parseDecimal(z *uint256.Int, s string) error {
	if s == "" {
		return fmt.Errorf("%w: empty integer", ErrTypeMismatch)
	}
	z.Clear()
	ten := uint256.NewInt(10)
	var d uint256.Int
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return fmt.Errorf("%w: not a decimal integer", ErrTypeMismatch)
		}
		if _, over := z.MulOverflow(z, ten); over {
			return fmt.Errorf("%w: more than 256 bits", ErrOutOfRange)
		}
		d.SetUint64(uint64(c - '0'))
		if _, over := z.AddOverflow(z, &d); over {
			return fmt.Errorf("%w: more than 256 bits", ErrOutOfRange)
		}
	}
	return nil
}

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
// magnitude at most 2^53-1 ("5", "-7", "5.0", "1e3" all qualify; "255.3", "1e30" do not).
func exactInteger(lit string) (int64, bool) {
	neg := false
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
			if exp > 1000 {
				break // clamp: far beyond any safe integer either way
			}
			exp = exp*10 + int(c-'0')
		}
		if eneg {
			exp = -exp
		}
	}
	digits := mant
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		digits = mant[:i] + mant[i+1:]
		exp -= len(mant) - i - 1
	}
	digits = strings.TrimLeft(digits, "0")
	if digits == "" {
		return 0, true
	}
	for exp < 0 {
		if digits[len(digits)-1] != '0' {
			return 0, false
		}
		digits = digits[:len(digits)-1]
		exp++
	}
	if len(digits)+exp > 16 {
		return 0, false
	}
	var n int64
	for _, c := range []byte(digits) {
		n = n*10 + int64(c-'0')
	}
	for ; exp > 0; exp-- {
		n *= 10
	}
	if n > maxSafeInteger {
		return 0, false
	}
	if neg {
		n = -n
	}
	return n, true
}
