package eip712

import (
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
	depth int
	// widths holds, for each array and object in document order, its number of
	// top-level commas (one less than its length), so that every list is allocated at its
	// final size: appending element by element would double the memory a long array of
	// small values costs.
	widths []int32
	next   int
	// room bounds the elements the hints may reserve in all: a value takes at least two
	// bytes with its separator or opening bracket, so valid JSON never needs more than
	// len(b)/2+1, and commas that are no separators (",,,,") cannot reserve more.
	room int
}

// Memory: a value costs one jval (72 bytes), or one jmember (88 bytes) in an object, and
// takes at least two input bytes ("0," or "{}"); strings and numbers without escapes share
// one copy of the input. The whole tree is at most about 40 bytes per input byte.
func parseJSON(b []byte) (jval, error) {
	p := jparser{b: b, src: string(b), widths: containerWidths(b), room: len(b)/2 + 1}
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

// containerWidths counts the top-level commas of every array and object, in the order
// their openings appear. It does not validate (the parser does); on malformed input the
// counts are only wrong capacity hints, and each is at most the number of commas in the
// input, so they never cost more than the input's size in elements overall.
func containerWidths(b []byte) []int32 {
	var widths []int32
	var open []int // indices into widths of the containers enclosing the scan position
	inString := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			if len(open) > maxDepth {
				return widths // the parser refuses this depth before reaching here
			}
			open = append(open, len(widths))
			widths = append(widths, 0)
		case ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case ',':
			if len(open) > 0 {
				widths[open[len(open)-1]]++
			}
		}
	}
	return widths
}

// width returns the capacity for the next container's list.
func (p *jparser) width() int {
	if p.next >= len(p.widths) {
		return 0
	}
	w := min(int(p.widths[p.next])+1, p.room)
	p.room -= w
	p.next++
	return w
}

func (p *jparser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: JSON offset %d: %s", ErrSyntax, p.i, fmt.Sprintf(format, args...))
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

func (p *jparser) object() (jval, error) {
	if err := p.enter(); err != nil {
		return jval{}, err
	}
	p.i++ // '{'
	v := jval{kind: jObject}
	w := p.width()
	var seen map[string]struct{}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		p.depth--
		return v, nil
	}
	for {
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return jval{}, p.errorf("expected object key")
		}
		if v.members == nil {
			v.members = make([]jmember, 0, w)
		}
		key, err := p.str()
		if err != nil {
			return jval{}, err
		}
		// Small objects are checked by scan; large ones through a set, so a hostile
		// object cannot make the check quadratic.
		if len(v.members) < 16 {
			for i := range v.members {
				if v.members[i].key == key {
					return jval{}, p.errorf("duplicate key %q", key)
				}
			}
		} else {
			if seen == nil {
				seen = make(map[string]struct{}, 2*len(v.members))
				for i := range v.members {
					seen[v.members[i].key] = struct{}{}
				}
			}
			if _, dup := seen[key]; dup {
				return jval{}, p.errorf("duplicate key %q", key)
			}
			seen[key] = struct{}{}
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return jval{}, p.errorf("expected ':'")
		}
		p.i++
		p.ws()
		val, err := p.value()
		if err != nil {
			return jval{}, err
		}
		v.members = append(v.members, jmember{key: key, val: val})
		p.ws()
		if p.i >= len(p.b) {
			return jval{}, p.errorf("unexpected end in object")
		}
		if p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.b[p.i] == '}' {
			p.i++
			p.depth--
			return v, nil
		}
		return jval{}, p.errorf("expected ',' or '}'")
	}
}

func (p *jparser) array() (jval, error) {
	if err := p.enter(); err != nil {
		return jval{}, err
	}
	p.i++ // '['
	v := jval{kind: jArray}
	w := p.width()
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		p.depth--
		return v, nil
	}
	v.list = make([]jval, 0, w)
	for {
		p.ws()
		val, err := p.value()
		if err != nil {
			return jval{}, err
		}
		v.list = append(v.list, val)
		p.ws()
		if p.i >= len(p.b) {
			return jval{}, p.errorf("unexpected end in array")
		}
		if p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.b[p.i] == ']' {
			p.i++
			p.depth--
			return v, nil
		}
		return jval{}, p.errorf("expected ',' or ']'")
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
