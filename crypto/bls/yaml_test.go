package bls

import (
	"fmt"
	"strings"
)

// parseYAML reads the small YAML subset the eth2 BLS vectors use (block and flow mappings
// and sequences of quoted or plain scalars, as PyYAML and ruamel emit them) into the shapes
// encoding/json produces: map[string]any, []any, string, bool and nil. A vector outside the
// subset is an error, so a format change fails the test instead of passing silently.
func parseYAML(src string) (any, error) {
	var lines []yamlLine
	raw := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i := 0; i < len(raw); i++ {
		text := strings.TrimRight(raw[i], " \t")
		trimmed := strings.TrimLeft(text, " ")
		if trimmed == "" || trimmed == "---" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		// A flow collection may wrap over several lines; join them.
		for flowDepth(trimmed) > 0 && i+1 < len(raw) {
			i++
			trimmed += " " + strings.TrimSpace(raw[i])
		}
		lines = append(lines, yamlLine{indent: len(text) - len(strings.TrimLeft(text, " ")), text: trimmed})
	}
	if len(lines) == 0 {
		return nil, nil
	}
	v, next, err := parseBlock(lines, 0, lines[0].indent)
	if err != nil {
		return nil, err
	}
	if next != len(lines) {
		return nil, fmt.Errorf("yaml: unexpected line %q", lines[next].text)
	}
	return v, nil
}

type yamlLine struct {
	indent int
	text   string
}

// flowDepth returns how many brackets are open at the end of s, outside quotes.
func flowDepth(s string) int {
	depth := 0
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
			depth++
		case c == ']' || c == '}':
			depth--
		}
	}
	return depth
}

func parseBlock(lines []yamlLine, i, indent int) (any, int, error) {
	if strings.HasPrefix(lines[i].text, "- ") || lines[i].text == "-" {
		return parseSequence(lines, i, indent)
	}
	return parseMapping(lines, i, indent)
}

func parseSequence(lines []yamlLine, i, indent int) (any, int, error) {
	out := []any{}
	for i < len(lines) && lines[i].indent == indent && (strings.HasPrefix(lines[i].text, "- ") || lines[i].text == "-") {
		item := strings.TrimSpace(strings.TrimPrefix(lines[i].text, "-"))
		switch {
		case item == "":
			if i+1 >= len(lines) || lines[i+1].indent <= indent {
				out = append(out, nil)
				i++
				continue
			}
			v, next, err := parseBlock(lines, i+1, lines[i+1].indent)
			if err != nil {
				return nil, 0, err
			}
			out, i = append(out, v), next
		case isMappingEntry(item):
			// "- key: value" opens a mapping indented past the dash.
			lines[i] = yamlLine{indent: indent + 2, text: item}
			v, next, err := parseMapping(lines, i, indent+2)
			if err != nil {
				return nil, 0, err
			}
			out, i = append(out, v), next
		default:
			v, err := parseScalarOrFlow(item)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, v)
			i++
		}
	}
	return out, i, nil
}

func isMappingEntry(s string) bool {
	if s == "" || s[0] == '\'' || s[0] == '"' || s[0] == '[' || s[0] == '{' {
		return false
	}
	k := strings.Index(s, ":")
	return k > 0 && (k == len(s)-1 || s[k+1] == ' ')
}

func parseMapping(lines []yamlLine, i, indent int) (any, int, error) {
	out := map[string]any{}
	for i < len(lines) && lines[i].indent == indent {
		text := lines[i].text
		if !isMappingEntry(text) {
			return nil, 0, fmt.Errorf("yaml: expected key in %q", text)
		}
		k := strings.Index(text, ":")
		key, rest := strings.TrimSpace(text[:k]), strings.TrimSpace(text[k+1:])
		i++
		if rest != "" {
			v, err := parseScalarOrFlow(rest)
			if err != nil {
				return nil, 0, err
			}
			out[key] = v
			continue
		}
		// An empty value is a nested block: deeper, or a sequence at the key's own indent.
		if i < len(lines) && (lines[i].indent > indent ||
			(lines[i].indent == indent && strings.HasPrefix(lines[i].text, "- "))) {
			v, next, err := parseBlock(lines, i, lines[i].indent)
			if err != nil {
				return nil, 0, err
			}
			out[key], i = v, next
			continue
		}
		out[key] = nil
	}
	return out, i, nil
}

func parseScalarOrFlow(s string) (any, error) {
	p := flowParser{s: s}
	v, err := p.value(false)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, fmt.Errorf("yaml: trailing text in %q", s)
	}
	return v, nil
}

type flowParser struct {
	s string
	i int
}

func (p *flowParser) space() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *flowParser) value(inFlow bool) (any, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, nil
	}
	switch p.s[p.i] {
	case '[':
		p.i++
		out := []any{}
		for {
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.i++
				return out, nil
			}
			v, err := p.value(true)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.i++
				return out, nil
			}
			return nil, fmt.Errorf("yaml: bad flow sequence %q", p.s)
		}
	case '{':
		p.i++
		out := map[string]any{}
		for {
			p.space()
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				return out, nil
			}
			k, err := p.scalar(true, true)
			if err != nil {
				return nil, err
			}
			p.space()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, fmt.Errorf("yaml: bad flow mapping %q", p.s)
			}
			p.i++
			v, err := p.value(true)
			if err != nil {
				return nil, err
			}
			key, ok := k.(string)
			if !ok {
				return nil, fmt.Errorf("yaml: non-string key in %q", p.s)
			}
			out[key] = v
			p.space()
			if p.i < len(p.s) && p.s[p.i] == ',' {
				p.i++
				continue
			}
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				return out, nil
			}
			return nil, fmt.Errorf("yaml: bad flow mapping %q", p.s)
		}
	}
	return p.scalar(false, inFlow)
}

// scalar reads a quoted or plain scalar. A plain one runs to the end of the line in block
// context, and to a flow delimiter (or ':' for a key) inside a flow collection.
func (p *flowParser) scalar(key, inFlow bool) (any, error) {
	switch q := p.s[p.i]; q {
	case '\'':
		var b strings.Builder
		for p.i++; p.i < len(p.s); p.i++ {
			if p.s[p.i] == '\'' {
				if p.i+1 < len(p.s) && p.s[p.i+1] == '\'' {
					b.WriteByte('\'')
					p.i++
					continue
				}
				p.i++
				return b.String(), nil
			}
			b.WriteByte(p.s[p.i])
		}
		return nil, fmt.Errorf("yaml: unterminated quote in %q", p.s)
	case '"':
		var b strings.Builder
		for p.i++; p.i < len(p.s); p.i++ {
			switch p.s[p.i] {
			case '"':
				p.i++
				return b.String(), nil
			case '\\':
				p.i++
				if p.i >= len(p.s) {
					return nil, fmt.Errorf("yaml: bad escape in %q", p.s)
				}
				switch e := p.s[p.i]; e {
				case 'n':
					b.WriteByte('\n')
				case 't':
					b.WriteByte('\t')
				case '"', '\\', '/':
					b.WriteByte(e)
				default:
					return nil, fmt.Errorf("yaml: unsupported escape \\%c in %q", e, p.s)
				}
			default:
				b.WriteByte(p.s[p.i])
			}
		}
		return nil, fmt.Errorf("yaml: unterminated quote in %q", p.s)
	}
	start := p.i
	for p.i < len(p.s) && !(inFlow && strings.ContainsRune(",]}", rune(p.s[p.i]))) && !(key && p.s[p.i] == ':') {
		p.i++
	}
	plain := strings.TrimSpace(p.s[start:p.i])
	switch plain {
	case "null", "~", "Null", "NULL":
		return nil, nil
	case "true", "True", "TRUE":
		return true, nil
	case "false", "False", "FALSE":
		return false, nil
	}
	return plain, nil
}
