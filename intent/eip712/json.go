package eip712

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"unicode/utf8"
)

// The JSON reader is strict RFC 8259 and keeps what encoding/json throws away: duplicate
// keys are an error (a signer must not see one value while a verifier reads another), member
// order is kept, and numbers stay as their literal text so integer values are read exactly.

type jkind uint8

const (
	jNull jkind = iota
	jFalse
	jTrue
	jNumber
	jString
	jArray
	jObject
)

func (k jkind) String() string {
	return [...]string{"null", "false", "true", "number", "string", "array", "object"}[k]
}

type jval struct {
	kind    jkind
	s       string // string contents, or a number's literal text
	list    []jval
	members []jmember
}

type jmember struct {
	key string
	val jval
}

// get returns the member named key.
func (v *jval) get(key string) (*jval, bool) {
	for i := range v.members {
		if v.members[i].key == key {
			return &v.members[i].val, true
		}
	}
	return nil, false
}

// maxDepth bounds nesting so a hostile document cannot exhaust the stack.
const maxDepth = 128

type jparser struct {
	b     []byte
	src   string // b as a string, so unescaped strings and numbers are substrings of it
	i     int
	base  int // offset of b in the document, for error messages
	depth int
	// An array's elements and an object's members are read onto a stack (vstack,
	// mstack), where the lists of the containers being read sit one above the other, and
	// moved, once their container closes and their number is known, into a list of that
	// size cut from an arena (vals, mems), so every list is allocated at its final size
	// (appending element by element would double the memory a long array of small values
	// costs). An arena that runs out of room is replaced by one twice as large (the lists
	// cut before keep the old one); a pooled parser's arenas usually have room, and then
	// a document costs no allocation of lists at all.
	vstack []jval
	mstack []jmember
	vals   []jval
	mems   []jmember
	// A document longer than prescanAbove is scanned first instead (containerWidths):
	// widths holds, for each array and object in document order, its number of top-level
	// commas (one less than its length) shifted left once, with the low bit set for an
	// object, and each list is cut from the arena at that size as the container opens,
	// so that a long document costs its lists' exact size and no stack. room bounds the
	// elements the hints may reserve in all: a value takes at least two bytes with its
	// separator or opening bracket, so valid JSON never needs more than len(b)/2+1, and
	// commas that are no separators (",,,,") cannot reserve more.
	widths  []int32
	next    int
	room    int
	prescan bool
	// types is the extent [types[0], types[1]) of the top-level "types" object, which the
	// parser, with skipTypes, skips, leaving an empty object in its place (skipped is then
	// set); the type set is read from those bytes on its own (and usually found in the
	// cache of compiled type sets). known, when not empty, is a types object seen before:
	// where the document holds its bytes, they are the extent, found without scanning
	// them.
	types     [2]int
	skipTypes bool
	skipped   bool
	known     string
}

// release drops what p's arenas point to, so a pooled parser pins no document, and
// forgets arenas too large to keep.
func (p *jparser) release() {
	clear(p.vals)
	clear(p.mems)
	clear(p.vstack[:cap(p.vstack)])
	clear(p.mstack[:cap(p.mstack)])
	if cap(p.vals) > maxPooledList || cap(p.vstack) > maxPooledList {
		p.vals, p.vstack = nil, nil
	}
	if cap(p.widths) > maxPooledList {
		p.widths = nil
	}
	if cap(p.mems) > maxPooledList || cap(p.mstack) > maxPooledList {
		p.mems, p.mstack = nil, nil
	}
	p.b, p.src, p.known = nil, "", ""
}

// maxPooledList is the largest arena a pooled parser keeps.
const maxPooledList = 1 << 12

// Memory: a value costs one jval (72 bytes), or one jmember (88 bytes) in an object, and
// takes at least two input bytes ("0," or "{}"); strings and numbers without escapes share
// one copy of the input. The whole tree is at most about 40 bytes per input byte.
func parseJSON(b []byte) (jval, error) {
	var p jparser
	p.reset(b, string(b), 0, 0, false, "")
	return p.document()
}

// prescanAbove is the document length above which the parser scans for list widths
// first (see jparser.widths): below it, the stacks and arenas of a pooled parser hold a
// document's lists (at most about 216 bytes of them per input byte, within the bounds the
// package documents) without a pass over the input for their sizes. (A variable, so that
// tests read documents both ways.)
var prescanAbove = 4 << 10

// reset prepares p to read b, a value found at offset base of the document at nesting
// depth, reusing p's buffers. src holds the bytes of b; the strings read are substrings of
// it. With skipTypes, a top-level "types" object is skipped (see jparser.types).
func (p *jparser) reset(b []byte, src string, base, depth int, skipTypes bool, known string) {
	*p = jparser{b: b, src: src, base: base, depth: depth, skipTypes: skipTypes, known: known,
		vstack: p.vstack[:0], mstack: p.mstack[:0], vals: p.vals[:0], mems: p.mems[:0], widths: p.widths[:0]}
	if len(b) <= prescanAbove {
		return
	}
	p.prescan = true
	var nv, nm int
	p.widths, nv, nm, p.types = containerWidths(b, p.widths, skipTypes, known)
	p.room = len(b)/2 + 1
	nv = min(nv, p.room)
	nm = min(nm, p.room-nv)
	if cap(p.vals) < nv {
		p.vals = make([]jval, 0, nv)
	}
	if cap(p.mems) < nm {
		p.mems = make([]jmember, 0, nm)
	}
}

// document reads one JSON value filling all of p.b.
func (p *jparser) document() (jval, error) {
	p.ws()
	v, err := p.value()
	if err != nil {
		return jval{}, err
	}
	p.ws()
	if p.i != len(p.b) {
		return jval{}, p.errorf("trailing data")
	}
	return v, nil
}

// containerWidths appends to widths the top-level commas of every array and object, in
// the order their openings appear, and returns the list slots they reserve (arrays, then
// objects). It does not validate (the parser does); on malformed input the counts are only
// wrong capacity hints, and each is at most the number of commas in the input, so they
// never cost more than the input's size in elements overall.
//
// With skipTypes, the value of a member "types" of the top-level object that is an
// object gets no entries: its extent is returned instead, for the parser to skip.
func containerWidths(b []byte, widths []int32, skipTypes bool, known string) (_ []int32, nv, nm int, types [2]int) {
	var stack [maxDepth + 2]int // indices into widths of the containers enclosing the scan position
	open := stack[:0]
	inString := false
	keyStart := -1  // start of the last string closed at depth 1, while it may be a key
	prev := byte(0) // the last byte outside strings and whitespace, '"' for a string
	quote := -1     // the next quote at or after the scan position, once searched
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inString {
			// Jump to the next quote, or to the backslash before it (strings are most of
			// a typed-data document: addresses, hashes, names). The quote found is kept
			// until the scan passes it, so a string of many escapes costs one search.
			if quote < i {
				q := bytes.IndexByte(b[i:], '"')
				if q < 0 {
					break
				}
				quote = i + q
			}
			if e := bytes.IndexByte(b[i:quote], '\\'); e >= 0 {
				i += e + 1 // skip the escaped byte
				continue
			}
			i = quote
			inString = false
			prev = '"'
			if skipTypes && len(open) == 1 && widths[open[0]]&1 == 1 && types[1] == 0 && string(b[keyStart:i+1]) == `"types"` {
				if end, ok := typesExtent(b, i+1, known); ok {
					types = [2]int{end[0], end[1]}
					i = end[1] - 1
				}
			}
			continue
		}
		switch c {
		case '"':
			inString = true
			keyStart = i
		case '[', '{':
			if len(open) > maxDepth {
				return widths, nv, nm, types // the parser refuses this depth before reaching here
			}
			open = append(open, len(widths))
			if c == '{' {
				widths = append(widths, 1)
			} else {
				widths = append(widths, 0)
			}
		case ' ', '\t', '\n', '\r':
			continue
		case ']', '}':
			// An empty container ("[]", "{}") reserves no list.
			if len(open) > 0 && prev != '[' && prev != '{' {
				w := int(widths[open[len(open)-1]])
				if w&1 == 1 {
					nm += w>>1 + 1
				} else {
					nv += w>>1 + 1
				}
			}
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case ',':
			if len(open) > 0 {
				widths[open[len(open)-1]] += 2
			}
		}
		prev = c
	}
	return widths, nv, nm, types
}

// typesExtent finds, after a key that ends at i, ws ':' ws '{' and the matching '}': the
// extent of an object value, by counting brackets outside strings. On valid JSON it is the
// value's exact extent; on anything else it may be wrong, which the parser's reading of the
// extent on its own then reports.
//
// A JSON value's end follows from its own bytes, so where the bytes from '{' on begin with
// known, a complete object, they are its extent.
func typesExtent(b []byte, i int, known string) ([2]int, bool) {
	ws := func() {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
			i++
		}
	}
	ws()
	if i >= len(b) || b[i] != ':' {
		return [2]int{}, false
	}
	i++
	ws()
	if i >= len(b) || b[i] != '{' {
		return [2]int{}, false
	}
	start, depth := i, 0
	if known != "" && len(b)-start >= len(known) && string(b[start:start+len(known)]) == known {
		return [2]int{start, start + len(known)}, true
	}
	for ; i < len(b); i++ {
		switch b[i] {
		case '"':
			// The strings of a types object are names and types, a few bytes each: a
			// byte loop passes them faster than a search (containerWidths' way) starts.
			for i++; i < len(b) && b[i] != '"'; i++ {
				if b[i] == '\\' {
					i++ // the escaped byte
				}
			}
			if i >= len(b) {
				return [2]int{}, false
			}
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return [2]int{start, i + 1}, true
			}
		}
	}
	return [2]int{}, false
}

// width returns the capacity for the next container's list.
func (p *jparser) width() int {
	if p.next >= len(p.widths) {
		return 0
	}
	w := min(int(p.widths[p.next]>>1)+1, p.room)
	p.room -= w
	p.next++
	return w
}

// cutList returns an empty list with room for n elements, cut from the arena when it has
// room left (valList and memList, after a prescan).
func cutList[T any](arena *[]T, n int) []T {
	if l := len(*arena); cap(*arena)-l >= n {
		*arena = (*arena)[:l+n]
		return (*arena)[l : l : l+n]
	}
	return make([]T, 0, n)
}

// keepList moves the elements of stack from start up into a list of their own, cut from
// the arena, and pops them. An arena without room is replaced by one twice as large: the
// lists cut before keep the old one.
func keepList[T any](stack, arena *[]T, start int) []T {
	n := len(*stack) - start
	if cap(*arena)-len(*arena) < n {
		*arena = make([]T, 0, max(2*cap(*arena), n, 16))
	}
	l := len(*arena)
	*arena = append(*arena, (*stack)[start:]...)
	*stack = (*stack)[:start]
	return (*arena)[l : l+n : l+n]
}

// open enters the object or array (close is '}' or ']') whose opening byte is at p.i,
// and reports whether it is empty, in which case it has left it again.
func (p *jparser) open(close byte) (empty bool, err error) {
	if err := p.enter(); err != nil {
		return false, err
	}
	p.i++ // '{' or '['
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == close {
		p.i++
		p.depth--
		return true, nil
	}
	return false, nil
}

// after reads what follows a member of an object or array (close is '}' or ']'): the ','
// before another member (more) or the closing byte; anything else, or the end of the
// input, is a syntax error. The caller leaves the container (depth) when there is no more.
func (p *jparser) after(close byte) (more bool, err error) {
	p.ws()
	if p.i < len(p.b) {
		switch p.b[p.i] {
		case ',':
			p.i++
			return true, nil
		case close:
			p.i++
			return false, nil
		}
		return false, p.errorf("expected ',' or '%c'", close)
	}
	if close == '}' {
		return false, p.errorf("unexpected end in object")
	}
	return false, p.errorf("unexpected end in array")
}

func (p *jparser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: JSON offset %d: %s", ErrSyntax, p.base+p.i, fmt.Sprintf(format, args...))
}

func (p *jparser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jparser) lit(word string, v jval) (jval, error) {
	if len(p.b)-p.i < len(word) || string(p.b[p.i:p.i+len(word)]) != word {
		return jval{}, p.errorf("invalid literal")
	}
	p.i += len(word)
	return v, nil
}

func (p *jparser) value() (jval, error) {
	if p.i >= len(p.b) {
		return jval{}, p.errorf("unexpected end")
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		return jval{kind: jString, s: s}, err
	case c == 't':
		return p.lit("true", jval{kind: jTrue})
	case c == 'f':
		return p.lit("false", jval{kind: jFalse})
	case c == 'n':
		return p.lit("null", jval{kind: jNull})
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	default:
		return jval{}, p.errorf("unexpected character %q", c)
	}
}

func (p *jparser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errorf("nesting deeper than %d", maxDepth)
	}
	return nil
}

// object reads an object. Its members go onto mstack and into a list of their own when
// it closes, or, after a prescan, into a list cut at its width as it opens.
func (p *jparser) object() (jval, error) {
	empty, err := p.open('}')
	if err != nil {
		return jval{}, err
	}
	var list []jmember
	if p.prescan {
		w := p.width()
		if !empty {
			list = cutList(&p.mems, w)
		}
	}
	if empty {
		return jval{kind: jObject}, nil
	}
	start := len(p.mstack)
	var seen map[string]struct{}
	for {
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return jval{}, p.errorf("expected object key")
		}
		keyAt := p.i
		key, err := p.str()
		if err != nil {
			return jval{}, err
		}
		// Small objects are checked by scan; large ones through a set, so a hostile
		// object cannot make the check quadratic.
		mems := list
		if !p.prescan {
			mems = p.mstack[start:]
		}
		if len(mems) < 16 {
			for i := range mems {
				if mems[i].key == key {
					return jval{}, p.errorf("duplicate key %q", key)
				}
			}
		} else {
			if seen == nil {
				seen = make(map[string]struct{}, 2*len(mems))
				for i := range mems {
					seen[mems[i].key] = struct{}{}
				}
			}
			if _, dup := seen[key]; dup {
				return jval{}, p.errorf("duplicate key %q", key)
			}
			seen[key] = struct{}{}
		}
		keyEnd := p.i
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return jval{}, p.errorf("expected ':'")
		}
		p.i++
		p.ws()
		val, skip := jval{kind: jObject}, false
		if p.skipTypes && p.depth == 1 && string(p.b[keyAt:keyEnd]) == `"types"` && p.i < len(p.b) && p.b[p.i] == '{' {
			// The top-level "types" object (its key written without escapes) is read on
			// its own, from the extent typesExtent finds (in the prescan, or here); if it
			// finds none, it is read here.
			if !p.prescan && p.types[1] == 0 {
				if ext, ok := typesExtent(p.b, keyEnd, p.known); ok {
					p.types = ext
				}
			}
			if p.types[1] != 0 && p.i == p.types[0] {
				p.i = p.types[1]
				p.skipped, skip = true, true
			}
		}
		if !skip {
			if val, err = p.value(); err != nil {
				return jval{}, err
			}
		}
		if p.prescan {
			list = append(list, jmember{key: key, val: val})
		} else {
			p.mstack = append(p.mstack, jmember{key: key, val: val})
		}
		more, err := p.after('}')
		if err != nil {
			return jval{}, err
		}
		if !more {
			p.depth--
			if !p.prescan {
				list = keepList(&p.mstack, &p.mems, start)
			}
			return jval{kind: jObject, members: list}, nil
		}
	}
}

// array reads an array, its elements as object reads members.
func (p *jparser) array() (jval, error) {
	empty, err := p.open(']')
	if err != nil {
		return jval{}, err
	}
	var list []jval
	if p.prescan {
		w := p.width()
		if !empty {
			list = cutList(&p.vals, w)
		}
	}
	if empty {
		return jval{kind: jArray}, nil
	}
	start := len(p.vstack)
	for {
		p.ws()
		val, err := p.value()
		if err != nil {
			return jval{}, err
		}
		if p.prescan {
			list = append(list, val)
		} else {
			p.vstack = append(p.vstack, val)
		}
		more, err := p.after(']')
		if err != nil {
			return jval{}, err
		}
		if !more {
			p.depth--
			if !p.prescan {
				list = keepList(&p.vstack, &p.vals, start)
			}
			return jval{kind: jArray, list: list}, nil
		}
	}
}

func (p *jparser) number() (jval, error) {
	start := p.i
	if p.b[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return jval{}, p.errorf("malformed number")
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return jval{}, p.errorf("malformed number")
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return jval{}, p.errorf("malformed number")
		}
	}
	return jval{kind: jNumber, s: p.src[start:p.i]}, nil
}

// str reads a string starting at its opening quote. Unpaired surrogate escapes become
// U+FFFD, as JavaScript's UTF-8 encoders (and encoding/json) turn them into.
func (p *jparser) str() (string, error) {
	p.i++ // opening quote
	start := p.i
	// Fastest path: printable ASCII up to the closing quote, checked eight bytes at a time.
	if q := bytes.IndexByte(p.b[p.i:], '"'); q >= 0 && plainASCII(p.b[p.i:p.i+q]) {
		p.i += q + 1
		return p.src[start : start+q], nil
	}
	// Fast path: no escapes, ASCII or valid UTF-8 only.
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '"' {
			s := p.src[start:p.i]
			if !utf8.ValidString(s) {
				return "", p.errorf("string is not valid UTF-8")
			}
			p.i++
			return s, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", p.errorf("control character in string")
		}
		p.i++
	}
	out := append([]byte(nil), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			if !utf8.Valid(out) {
				return "", p.errorf("string is not valid UTF-8")
			}
			p.i++
			return string(out), nil
		case c < 0x20:
			return "", p.errorf("control character in string")
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		p.i++
		if p.i >= len(p.b) {
			break
		}
		e := p.b[p.i]
		p.i++
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", p.errorf("malformed \\u escape")
			}
			if r >= 0xd800 && r < 0xdc00 && p.i+1 < len(p.b) && p.b[p.i] == '\\' && p.b[p.i+1] == 'u' {
				save := p.i
				p.i += 2
				if lo, ok := p.hex4(); ok && lo >= 0xdc00 && lo < 0xe000 {
					r = 0x10000 + (r-0xd800)<<10 + (lo - 0xdc00)
				} else {
					p.i = save
				}
			}
			if r >= 0xd800 && r < 0xe000 {
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", p.errorf("invalid escape \\%c", e)
		}
	}
	return "", p.errorf("unterminated string")
}

func (p *jparser) hex4() (rune, bool) {
	if len(p.b)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.b[p.i : p.i+4] {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(d)
	}
	p.i += 4
	return r, true
}

// plainASCII reports whether b holds only bytes in 0x20…0x7f other than the backslash:
// string contents that need neither unescaping nor UTF-8 validation. (A quote is not
// looked for: b ends before the first one.)
func plainASCII(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	var acc uint64
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// A byte is flagged when its high bit is set, when it is below 0x20, or when it is
		// a backslash (x ^ 0x5c… has a zero byte there); the subtraction tricks may flag
		// bytes after a flagged one, never a clean word.
		y := x ^ 0x5c*ones
		acc |= x | (x - 0x20*ones) | (y-ones)&^y
		b = b[8:]
	}
	if acc&highs != 0 {
		return false
	}
	for _, c := range b {
		if c < 0x20 || c >= 0x80 || c == '\\' {
			return false
		}
	}
	return true
}
