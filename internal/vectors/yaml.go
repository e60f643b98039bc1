package vectors

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseYAML reads the small subset of YAML that the consensus-spec-tests and similar vector
// files use: block mappings and sequences by indentation, "- key: value" items, flow
// sequences of scalars ("[a, b]"), single- and double-quoted and plain scalars (a plain
// scalar may continue on more-indented lines), "null"/"~", comments and "---". Mappings
// become map[string]any, sequences []any, scalars string (quotes removed), null nil.
// It is test infrastructure, not a YAML implementation: anything else is an error.
func ParseYAML(data []byte) (any, error) {
	var ls []yline
	for n, raw := range strings.Split(string(data), "\n") {
		raw = strings.TrimRight(raw, " \t\r")
		trimmed := strings.TrimLeft(raw, " ")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") || trimmed == "---" || trimmed == "..." {
			continue
		}
		if strings.Contains(raw, "\t") && strings.TrimLeft(raw, " \t") != trimmed {
			return nil, fmt.Errorf("yaml line %d: tab indentation", n+1)
		}
		ls = append(ls, yline{indent: len(raw) - len(trimmed), text: stripComment(trimmed), num: n + 1})
	}
	// A flow collection may span lines: join them until its brackets balance.
	var joined []yline
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		for depth(l.text) > 0 && i+1 < len(ls) {
			i++
			l.text += " " + ls[i].text
		}
		joined = append(joined, l)
	}
	ls = joined
	if len(ls) == 0 {
		return nil, nil
	}
	p := &yparser{lines: ls}
	v, err := p.block(ls[0].indent)
	if err != nil {
		return nil, err
	}
	if p.i != len(ls) {
		return nil, fmt.Errorf("yaml line %d: unexpected indentation", ls[p.i].num)
	}
	return v, nil
}

type yline struct {
	indent int
	text   string
	num    int
}

type yparser struct {
	lines []yline
	i     int
}

func (p *yparser) block(indent int) (any, error) {
	l := p.lines[p.i]
	switch {
	case isSeqItem(l.text):
		return p.seq(indent)
	case splitKey(l.text) >= 0:
		return p.mapping(indent)
	default:
		// A plain scalar, possibly continued on following more-indented lines.
		parts := []string{l.text}
		p.i++
		for p.i < len(p.lines) && p.lines[p.i].indent > indent-1 && p.lines[p.i].indent >= l.indent &&
			!isSeqItem(p.lines[p.i].text) && splitKey(p.lines[p.i].text) < 0 {
			parts = append(parts, p.lines[p.i].text)
			p.i++
		}
		return scalar(strings.Join(parts, " "))
	}
}

func (p *yparser) seq(indent int) (any, error) {
	out := []any{}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text) {
		l := p.lines[p.i]
		rest := strings.TrimLeft(strings.TrimPrefix(l.text, "-"), " ")
		if rest == "" {
			p.i++
			if p.i >= len(p.lines) || p.lines[p.i].indent <= indent {
				out = append(out, nil)
				continue
			}
			v, err := p.block(p.lines[p.i].indent)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			continue
		}
		// "- key: value" opens a mapping whose keys line up with "key".
		inner := indent + len(l.text) - len(rest)
		p.lines[p.i] = yline{indent: inner, text: rest, num: l.num}
		v, err := p.block(inner)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (p *yparser) mapping(indent int) (any, error) {
	out := map[string]any{}
	for p.i < len(p.lines) && p.lines[p.i].indent == indent && !isSeqItem(p.lines[p.i].text) {
		l := p.lines[p.i]
		k := splitKey(l.text)
		if k < 0 {
			return nil, fmt.Errorf("yaml line %d: expected key: value", l.num)
		}
		key, err := scalar(l.text[:k])
		if err != nil {
			return nil, err
		}
		ks, _ := key.(string)
		value := strings.TrimLeft(l.text[k+1:], " ")
		p.i++
		var v any
		switch {
		case value != "":
			v, err = scalar(value)
		case p.i < len(p.lines) && p.lines[p.i].indent > indent:
			v, err = p.block(p.lines[p.i].indent)
		case p.i < len(p.lines) && p.lines[p.i].indent == indent && isSeqItem(p.lines[p.i].text):
			v, err = p.seq(indent)
		}
		if err != nil {
			return nil, err
		}
		out[ks] = v
	}
	return out, nil
}

func isSeqItem(s string) bool { return s == "-" || strings.HasPrefix(s, "- ") }

// splitKey returns the index of the colon ending a mapping key, or -1.
func splitKey(s string) int {
	if s == "" || s[0] == '[' || s[0] == '{' {
		return -1
	}
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case (c == '\'' || c == '"') && i == 0:
			quote = c
		case c == ':' && (i == len(s)-1 || s[i+1] == ' '):
			return i
		}
	}
	return -1
}

func stripComment(s string) string {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '#' && i > 0 && s[i-1] == ' ':
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}

func scalar(s string) (any, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "null" || s == "~":
		return nil, nil
	case strings.HasPrefix(s, "'"):
		if len(s) < 2 || !strings.HasSuffix(s, "'") {
			return nil, fmt.Errorf("yaml: unterminated %q", s)
		}
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'"), nil
	case strings.HasPrefix(s, `"`):
		v, err := strconv.Unquote(s)
		if err != nil {
			return nil, fmt.Errorf("yaml: %q: %w", s, err)
		}
		return v, nil
	case strings.HasPrefix(s, "[") || strings.HasPrefix(s, "{"):
		v, rest, err := flow(s)
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(rest) != "" {
			return nil, fmt.Errorf("yaml: trailing %q after flow collection", rest)
		}
		return v, nil
	}
	return s, nil
}

// depth returns how many flow brackets s leaves open, outside quotes.
func depth(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '[' || c == '{':
			d++
		case c == ']' || c == '}':
			d--
		}
	}
	return d
}

// flow parses one flow collection or scalar at the start of s and returns the rest.
func flow(s string) (any, string, error) {
	s = strings.TrimLeft(s, " ")
	if s == "" {
		return nil, "", fmt.Errorf("yaml: empty flow item")
	}
	switch s[0] {
	case '[', '{':
		isMap := s[0] == '{'
		end := byte(']')
		if isMap {
			end = '}'
		}
		s = strings.TrimLeft(s[1:], " ")
		seq, m := []any{}, map[string]any{}
		for {
			if s == "" {
				return nil, "", fmt.Errorf("yaml: unterminated flow collection")
			}
			if s[0] == end {
				if isMap {
					return m, s[1:], nil
				}
				return seq, s[1:], nil
			}
			if isMap {
				k, rest, err := flowScalar(s, ":")
				if err != nil {
					return nil, "", err
				}
				if !strings.HasPrefix(rest, ":") {
					return nil, "", fmt.Errorf("yaml: flow mapping key without value")
				}
				v, rest2, err := flow(rest[1:])
				if err != nil {
					return nil, "", err
				}
				ks, _ := k.(string)
				m[ks] = v
				s = rest2
			} else {
				v, rest, err := flow(s)
				if err != nil {
					return nil, "", err
				}
				seq = append(seq, v)
				s = rest
			}
			s = strings.TrimLeft(s, " ")
			if strings.HasPrefix(s, ",") {
				s = strings.TrimLeft(s[1:], " ")
			}
		}
	}
	return flowScalar(s, "")
}

// flowScalar reads a scalar inside a flow collection, up to a comma, closing bracket, or
// one of stop.
func flowScalar(s, stop string) (any, string, error) {
	if s[0] == '\'' || s[0] == '"' {
		for i := 1; i < len(s); i++ {
			if s[i] == s[0] && (s[0] == '"' && s[i-1] != '\\' || s[0] == '\'' && (i+1 >= len(s) || s[i+1] != '\'')) {
				v, err := scalar(s[:i+1])
				return v, strings.TrimLeft(s[i+1:], " "), err
			}
			if s[0] == '\'' && s[i] == '\'' {
				i++ // a doubled quote inside single quotes
			}
		}
		return nil, "", fmt.Errorf("yaml: unterminated quote in %q", s)
	}
	i := strings.IndexAny(s, ",]}"+stop)
	if i < 0 {
		i = len(s)
	}
	v, err := scalar(s[:i])
	return v, s[i:], err
}
