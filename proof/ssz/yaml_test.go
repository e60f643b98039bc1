package ssz_test

import (
	"fmt"
	"strings"
)

// ynode is a node of the small YAML subset the consensus-spec-tests files use: block
// maps, block sequences (of scalars or maps), plain and quoted scalars, plain scalars
// continued on more-indented lines, and the empty flow collections [] and {}.
type ynode struct {
	scalar string
	isMap  bool
	keys   []string
	vals   []*ynode
	list   []*ynode
}

func (n *ynode) get(key string) *ynode {
	if n == nil {
		return nil
	}
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

func (n *ynode) str(key string) string {
	if v := n.get(key); v != nil {
		return v.scalar
	}
	return ""
}

type yline struct {
	indent int
	text   string
	open   int // unclosed flow brackets
}

// depthChange counts opened minus closed flow brackets outside quotes.
func depthChange(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '{' || ch == '[':
			d++
		case ch == '}' || ch == ']':
			d--
		}
	}
	return d
}

// flow parses a flow collection or scalar starting at s[*i].
func flow(s string, i *int) (*ynode, error) {
	skip := func() {
		for *i < len(s) && s[*i] == ' ' {
			*i++
		}
	}
	skip()
	if *i >= len(s) {
		return nil, fmt.Errorf("yaml: truncated flow %q", s)
	}
	switch s[*i] {
	case '{', '[':
		isMap := s[*i] == '{'
		closer := byte(']')
		if isMap {
			closer = '}'
		}
		*i++
		n := &ynode{isMap: isMap, list: []*ynode{}}
		for {
			skip()
			if *i < len(s) && s[*i] == closer {
				*i++
				return n, nil
			}
			if isMap {
				k, err := flow(s, i)
				if err != nil {
					return nil, err
				}
				skip()
				if *i >= len(s) || s[*i] != ':' {
					return nil, fmt.Errorf("yaml: expected ':' in %q", s)
				}
				*i++
				v, err := flow(s, i)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, k.scalar)
				n.vals = append(n.vals, v)
			} else {
				v, err := flow(s, i)
				if err != nil {
					return nil, err
				}
				n.list = append(n.list, v)
			}
			skip()
			if *i < len(s) && s[*i] == ',' {
				*i++
			}
		}
	case '\'', '"':
		q := s[*i]
		end := strings.IndexByte(s[*i+1:], q)
		if end < 0 {
			return nil, fmt.Errorf("yaml: unterminated quote in %q", s)
		}
		v := s[*i+1 : *i+1+end]
		*i += end + 2
		return &ynode{scalar: v}, nil
	}
	start := *i
	for *i < len(s) && !strings.ContainsRune(",}]", rune(s[*i])) && !(s[*i] == ':' && (*i+1 == len(s) || s[*i+1] == ' ')) {
		*i++
	}
	return &ynode{scalar: strings.TrimSpace(s[start:*i])}, nil
}

func flowValue(s string) (*ynode, error) {
	i := 0
	return flow(s, &i)
}

func parseYAML(src string) (*ynode, error) {
	var lines []yline
	for _, raw := range strings.Split(src, "\n") {
		t := strings.TrimRight(raw, " \r\t")
		trimmed := strings.TrimLeft(t, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || trimmed == "---" {
			continue
		}
		if n := len(lines); n > 0 && lines[n-1].open > 0 {
			// A flow collection continues on this line.
			lines[n-1].text += " " + trimmed
			lines[n-1].open += depthChange(trimmed)
			continue
		}
		lines = append(lines, yline{len(t) - len(trimmed), trimmed, depthChange(trimmed)})
	}
	p := &yparser{lines: lines}
	if len(lines) == 0 {
		return &ynode{isMap: true}, nil
	}
	n, err := p.block(lines[0].indent)
	if err != nil {
		return nil, err
	}
	if p.i != len(lines) {
		return nil, fmt.Errorf("yaml: unexpected line %q", lines[p.i].text)
	}
	return n, nil
}

type yparser struct {
	lines []yline
	i     int
}

func isSeqItem(t string) bool { return t == "-" || strings.HasPrefix(t, "- ") }

func (p *yparser) block(indent int) (*ynode, error) {
	if t := p.lines[p.i].text; strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		p.i++
		return flowValue(t)
	}
	if isSeqItem(p.lines[p.i].text) {
		return p.seq(indent)
	}
	return p.mapping(indent)
}

func (p *yparser) seq(indent int) (*ynode, error) {
	n := &ynode{list: []*ynode{}}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text) {
		rest := strings.TrimPrefix(strings.TrimPrefix(p.lines[p.i].text, "-"), " ")
		if rest == "" {
			p.i++
			item, err := p.block(p.lines[p.i].indent)
			if err != nil {
				return nil, err
			}
			n.list = append(n.list, item)
			continue
		}
		if _, _, ok := splitKey(rest); ok {
			// "- key: value" opens a map whose keys sit two columns further in.
			p.lines[p.i] = yline{indent + 2, rest, 0}
			item, err := p.mapping(indent + 2)
			if err != nil {
				return nil, err
			}
			n.list = append(n.list, item)
			continue
		}
		n.list = append(n.list, &ynode{scalar: unquoteYAML(rest)})
		p.i++
	}
	return n, nil
}

func splitKey(t string) (key, val string, ok bool) {
	if strings.HasPrefix(t, "'") || strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		return "", "", false
	}
	if k, v, found := strings.Cut(t, ": "); found {
		return k, strings.TrimSpace(v), true
	}
	if strings.HasSuffix(t, ":") {
		return strings.TrimSuffix(t, ":"), "", true
	}
	return "", "", false
}

func (p *yparser) mapping(indent int) (*ynode, error) {
	n := &ynode{isMap: true}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent {
		key, val, ok := splitKey(p.lines[p.i].text)
		if !ok {
			return nil, fmt.Errorf("yaml: expected key at %q", p.lines[p.i].text)
		}
		p.i++
		var v *ynode
		switch {
		case strings.HasPrefix(val, "{") || strings.HasPrefix(val, "["):
			var err error
			if v, err = flowValue(val); err != nil {
				return nil, err
			}
		case val != "":
			v = &ynode{scalar: unquoteYAML(val)}
		case p.i < len(p.lines) && (p.lines[p.i].indent > indent || (p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text))):
			next := p.lines[p.i]
			if _, _, isKey := splitKey(next.text); !isKey && !isSeqItem(next.text) {
				// A plain scalar continued on the following, deeper lines.
				var parts []string
				for p.i < len(p.lines) && p.lines[p.i].indent > indent {
					parts = append(parts, p.lines[p.i].text)
					p.i++
				}
				v = &ynode{scalar: unquoteYAML(strings.Join(parts, " "))}
				break
			}
			var err error
			if v, err = p.block(next.indent); err != nil {
				return nil, err
			}
		default:
			v = &ynode{}
		}
		n.keys = append(n.keys, key)
		n.vals = append(n.vals, v)
	}
	return n, nil
}

func unquoteYAML(s string) string {
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		return s[1 : len(s)-1]
	}
	return s
}
