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
// A key repeated in one mapping is an error, as YAML requires keys to be unique.
// It is test infrastructure, not a YAML implementation: anything else is an error.
func ParseYAML(data []byte) (any, error) { return parseYAML(data, false) }

// ParseYAMLTyped is ParseYAML that also resolves the plain (unquoted) scalars the YAML 1.2
// core schema reads as null or bool (null, Null, NULL, ~, true, True, TRUE, false, False,
// FALSE) to nil and bool, the shapes encoding/json decodes JSON's null, true and false
// into, so YAML and JSON files of one vector format read alike. Quoted scalars, numbers
// and mapping keys stay strings.
func ParseYAMLTyped(data []byte) (any, error) { return parseYAML(data, true) }

func parseYAML(data []byte, typed bool) (any, error) {
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
	p := &yparser{lines: ls, typed: typed}
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
	typed bool // resolve plain null and bool scalars (ParseYAMLTyped)
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
		return scalar(strings.Join(parts, " "), p.typed)
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
		key, err := scalar(l.text[:k], false)
		if err != nil {
			return nil, err
		}
		ks, _ := key.(string)
		if _, dup := out[ks]; dup {
			return nil, fmt.Errorf("yaml line %d: duplicate key %q", l.num, ks)
		}
		value := strings.TrimLeft(l.text[k+1:], " ")
		p.i++
		var v any
		switch {
		case value != "":
			v, err = scalar(value, p.typed)
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

// scalar reads one scalar or flow collection; typed resolves plain null and bool scalars
// by the YAML 1.2 core schema.
func scalar(s string, typed bool) (any, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "null" || s == "~":
		return nil, nil
	case typed && (s == "Null" || s == "NULL"):
		return nil, nil
	case typed && (s == "true" || s == "True" || s == "TRUE"):
		return true, nil
	case typed && (s == "false" || s == "False" || s == "FALSE"):
		return false, nil
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
		v, rest, err := flow(s, typed)
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
func flow(s string, typed bool) (any, string, error) {
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
				k, rest, err := flowScalar(s, ":", false)
				if err != nil {
					return nil, "", err
				}
				if !strings.HasPrefix(rest, ":") {
					return nil, "", fmt.Errorf("yaml: flow mapping key without value")
				}
				v, rest2, err := flow(rest[1:], typed)
				if err != nil {
					return nil, "", err
				}
				ks, _ := k.(string)
				if _, dup := m[ks]; dup {
					return nil, "", fmt.Errorf("yaml: duplicate key %q in flow mapping", ks)
				}
				m[ks] = v
				s = rest2
			} else {
				v, rest, err := flow(s, typed)
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
	return flowScalar(s, "", typed)
}

// flowScalar reads a scalar inside a flow collection, up to a comma, closing bracket, or
// one of stop.
func flowScalar(s, stop string, typed bool) (any, string, error) {
	if s[0] == '\'' || s[0] == '"' {
		for i := 1; i < len(s); i++ {
			if s[i] == s[0] && (s[0] == '"' && s[i-1] != '\\' || s[0] == '\'' && (i+1 >= len(s) || s[i+1] != '\'')) {
				v, err := scalar(s[:i+1], typed)
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
	v, err := scalar(s[:i], typed)
	return v, s[i:], err
}
