package eip712

import (
	"fmt"
	"strings"
)

// On first sight of a type set, the fast path reads its "types" object straight into
// struct definitions (readTypes), without building the value tree compileTypes reads and
// without the parser's lists of members: the object is as long as the type set,
// and reading it is most of what a new type set costs besides hashing.
//
// The reading keeps compileTypes' verdicts and their order. A syntax error is returned
// at once, as the parser returns it; the errors compileTypes finds in a well-formed object
// (a struct name that is no identifier, a member that is no {"name","type"} object, a
// repeated field name...) come in the order compileTypes meets them, one struct after the
// other in the object's order: readTypes records the first and reads on for syntax errors,
// which come first, and the caller returns it where compileTypes would run.

// typesBuf holds a session's buffers for readTypes.
type typesBuf struct {
	heads  []typeHead
	fields []fieldDef
	keys   []string
	seen   map[string]struct{}
	// The compiled set, when it is private to the call (readTypes, linkTypes): reused
	// from call to call instead of allocated.
	slab   []structDef
	byRank []*structDef
	set    typeSet
}

// typeHead is one struct read: its name, its fields tb.fields[f0:f1], and what
// checkFieldNames computed for it.
type typeHead struct {
	name   string
	f0, f1 int
	ownLen int
	index  []int32
}

// release drops what tb points to, so a pooled session pins no document.
func (tb *typesBuf) release() {
	clear(tb.heads)
	clear(tb.fields)
	clear(tb.keys)
	clear(tb.seen)
	clear(tb.slab)
	clear(tb.byRank)
	tb.set = typeSet{}
	if cap(tb.heads) > maxPooledList || cap(tb.fields) > maxPooledList || len(tb.seen) > maxPooledList || cap(tb.slab) > maxPooledList {
		*tb = typesBuf{}
	}
}

// readTypes reads b, the bytes of a top-level "types" object that begins with '{', found
// at offset base of the document; src holds the same bytes, and the names read are
// substrings of it. It returns the struct definitions, named and with their fields read
// and checked as compileTypes' first pass leaves them (for linkTypes), or the first error
// that pass would return (compileErr), or a syntax error. With private, the definitions
// live in tb's buffers, for this call alone.
func readTypes(p *jparser, b []byte, src string, base int, m Mode, tb *typesBuf, private bool) (slab []structDef, compileErr, syntaxErr error) {
	*p = jparser{b: b, src: src, base: base, depth: 1,
		vstack: p.vstack[:0], mstack: p.mstack[:0], vals: p.vals[:0], mems: p.mems[:0]}
	tb.heads, tb.fields = tb.heads[:0], tb.fields[:0]
	clear(tb.seen)
	r := typesReader{p: p, m: m, tb: tb}
	if err := r.object(); err != nil {
		return nil, nil, err
	}
	p.ws()
	if p.i != len(p.b) {
		return nil, nil, p.errorf("trailing data")
	}
	if r.err != nil {
		return nil, r.err, nil
	}
	// A private set's fields stay where they were read: tb.fields lives as long as it.
	fields := tb.fields
	if private {
		tb.slab = append(tb.slab[:0], make([]structDef, len(tb.heads))...)
		slab = tb.slab
	} else {
		slab = make([]structDef, len(tb.heads))
		fields = make([]fieldDef, len(tb.fields))
		copy(fields, tb.fields)
	}
	for k, h := range tb.heads {
		st := &slab[k]
		st.name = h.name
		st.fields = fields[h.f0:h.f1:h.f1]
		st.ownLen, st.index = h.ownLen, h.index
	}
	return slab, nil, nil
}

// typesReader is the state of one readTypes: err is the first error compileTypes would
// return, kept while the rest is read for syntax errors.
type typesReader struct {
	p   *jparser
	m   Mode
	tb  *typesBuf
	err error
}

func (r *typesReader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

// object reads the types object: struct names to lists of members (jparser.object, with
// its duplicate-key check).
func (r *typesReader) object() error {
	p, tb := r.p, r.tb
	if empty, err := p.open('}'); err != nil || empty {
		return err
	}
	for {
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return p.errorf("expected object key")
		}
		key, err := p.str()
		if err != nil {
			return err
		}
		if len(tb.heads) < 16 {
			for i := range tb.heads {
				if tb.heads[i].name == key {
					return p.errorf("duplicate key %q", key)
				}
			}
		} else {
			if len(tb.seen) == 0 {
				if tb.seen == nil {
					tb.seen = make(map[string]struct{}, 2*len(tb.heads))
				}
				for i := range tb.heads {
					tb.seen[tb.heads[i].name] = struct{}{}
				}
			}
			if _, dup := tb.seen[key]; dup {
				return p.errorf("duplicate key %q", key)
			}
			tb.seen[key] = struct{}{}
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return p.errorf("expected ':'")
		}
		p.i++
		p.ws()
		if r.err == nil {
			if err := checkStructName(key); err != nil {
				r.fail(err)
			}
		}
		h := typeHead{name: key, f0: len(tb.fields)}
		if p.i < len(p.b) && p.b[p.i] == '[' {
			if err := r.fieldList(key); err != nil {
				return err
			}
		} else {
			v, err := p.value()
			if err != nil {
				return err
			}
			r.fail(fmt.Errorf("%w: type %s is a JSON %v, not an array", ErrSyntax, key, v.kind))
		}
		h.f1 = len(tb.fields)
		if r.err == nil {
			st := structDef{name: key, fields: tb.fields[h.f0:h.f1]}
			if err := checkFieldNames(&st); err != nil {
				r.fail(err)
			}
			h.ownLen, h.index = st.ownLen, st.index
		}
		tb.heads = append(tb.heads, h)
		if more, err := p.after('}'); err != nil || !more {
			p.depth-- // no matter on error: reading stops
			return err
		}
	}
}

// fieldList reads the members of struct st (jparser.array).
func (r *typesReader) fieldList(st string) error {
	p := r.p
	if empty, err := p.open(']'); err != nil || empty {
		return err
	}
	for i := 0; ; i++ {
		p.ws()
		if p.i < len(p.b) && p.b[p.i] == '{' {
			if !r.plainField() {
				if err := r.field(st, i); err != nil {
					return err
				}
			}
		} else {
			v, err := p.value()
			if err != nil {
				return err
			}
			r.fail(fmt.Errorf("%w: %s member %d is a JSON %v", ErrSyntax, st, i, v.kind))
		}
		if more, err := p.after(']'); err != nil || !more {
			p.depth-- // no matter on error: reading stops
			return err
		}
	}
}

// plainField reads a member written {"name":"N","type":"T"}, N and T printable ASCII
// without escapes and no whitespace anywhere, the way most signers serialize it, faster
// than field: such a member passes every check field makes. It returns false, having
// read nothing, for anything else, which field then reads.
func (r *typesReader) plainField() bool {
	p := r.p
	if p.depth >= maxDepth {
		return false // field reports it
	}
	b := p.b[p.i:]
	const head, mid = `{"name":"`, `","type":"`
	if len(b) < len(head) || string(b[:len(head)]) != head {
		return false
	}
	plain := func(i int) int { // the closing quote of a plain string from i, or -1
		for ; i < len(b); i++ {
			switch c := b[i]; {
			case c == '"':
				return i
			case c < 0x20 || c >= 0x80 || c == '\\':
				return -1
			}
		}
		return -1
	}
	n1 := plain(len(head))
	if n1 < 0 || len(b)-n1 < len(mid) || string(b[n1:n1+len(mid)]) != mid {
		return false
	}
	t0 := n1 + len(mid)
	t1 := plain(t0)
	if t1 < 0 || t1+1 >= len(b) || b[t1+1] != '}' {
		return false
	}
	at := p.i
	p.i += t1 + 2
	r.tb.fields = append(r.tb.fields, fieldDef{name: p.src[at+len(head) : at+n1], typ: p.src[at+t0 : at+t1]})
	return true
}

// field reads member i of struct st, an object whose "name" and "type" must be strings;
// other keys are read and ignored (jparser.object, with its duplicate-key check).
func (r *typesReader) field(st string, i int) error {
	p, tb := r.p, r.tb
	if err := p.enter(); err != nil {
		return err
	}
	p.i++ // '{'
	var name, typ string
	var nameOK, typeOK bool // present and a string
	var folded error        // go-ethereum's reading of a key under another case
	keys := tb.keys[:0]
	defer func() { tb.keys = keys }()
	var seen map[string]struct{}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
	} else {
		for {
			p.ws()
			if p.i >= len(p.b) || p.b[p.i] != '"' {
				return p.errorf("expected object key")
			}
			key, err := p.str()
			if err != nil {
				return err
			}
			if len(keys) < 16 {
				for _, k := range keys {
					if k == key {
						return p.errorf("duplicate key %q", key)
					}
				}
			} else {
				if seen == nil {
					seen = make(map[string]struct{}, 2*len(keys))
					for _, k := range keys {
						seen[k] = struct{}{}
					}
				}
				if _, dup := seen[key]; dup {
					return p.errorf("duplicate key %q", key)
				}
				seen[key] = struct{}{}
			}
			keys = append(keys, key)
			p.ws()
			if p.i >= len(p.b) || p.b[p.i] != ':' {
				return p.errorf("expected ':'")
			}
			p.i++
			p.ws()
			isName, isType := key == "name", key == "type"
			if (isName || isType) && p.i < len(p.b) && p.b[p.i] == '"' {
				s, err := p.str()
				if err != nil {
					return err
				}
				if isName {
					name, nameOK = s, true
				} else {
					typ, typeOK = s, true
				}
			} else {
				if _, err := p.value(); err != nil {
					return err
				}
			}
			if r.m == GoEthereum && folded == nil {
				for _, n := range [...]string{"name", "type"} {
					if key != n && strings.EqualFold(key, n) {
						folded = fmt.Errorf("%w: key %q is read as %q by go-ethereum", ErrSyntax, key, n)
						break
					}
				}
			}
			more, err := p.after('}')
			if err != nil {
				return err
			}
			if !more {
				break
			}
		}
	}
	p.depth--
	if folded != nil {
		r.fail(folded)
	}
	if !nameOK || !typeOK {
		r.fail(fmt.Errorf("%w: %s member %d needs string name and type", ErrSyntax, st, i))
	}
	tb.fields = append(tb.fields, fieldDef{name: name, typ: typ})
	return nil
}
