package espresso_test

import (
	"fmt"
	"strings"
)

// parseInstaYAML reads the subset of YAML that cargo-insta writes for jellyfish-compat's
// serialization snapshots: a "---" header block (skipped), then block lists ("- "), block maps
// ("key: value", "key:" with a deeper block) and plain scalars, indented by spaces. Lists
// become []any, maps map[string]any, scalars string. Test-only: it refuses anything else.
func parseInstaYAML(text string) (any, error) {
	parts := strings.SplitN(text, "---\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		return nil, fmt.Errorf("not an insta snapshot")
	}
	var lines []yamlLine
	for _, raw := range strings.Split(parts[2], "\n") {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		ind := len(raw) - len(strings.TrimLeft(raw, " "))
		lines = append(lines, yamlLine{ind, raw[ind:]})
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("empty snapshot")
	}
	v, n, err := yamlBlock(lines, 0, lines[0].indent)
	if err != nil {
		return nil, err
	}
	if n != len(lines) {
		return nil, fmt.Errorf("line %d: unexpected indentation", n)
	}
	return v, nil
}

type yamlLine struct {
	indent int
	text   string
}

func yamlBlock(lines []yamlLine, i, indent int) (any, int, error) {
	first := lines[i]
	switch {
	case strings.HasPrefix(first.text, "- ") || first.text == "-":
		var list []any
		for i < len(lines) && lines[i].indent == indent && strings.HasPrefix(lines[i].text, "- ") {
			// "- x" opens an item whose content starts at indent+2 on the same line.
			sub := append([]yamlLine{{indent + 2, lines[i].text[2:]}}, lines[i+1:]...)
			v, n, err := yamlBlock(sub, 0, indent+2)
			if err != nil {
				return nil, 0, err
			}
			list = append(list, v)
			i += n
		}
		return list, i, nil
	case strings.Contains(first.text, ": ") || strings.HasSuffix(first.text, ":"):
		m := map[string]any{}
		for i < len(lines) && lines[i].indent == indent {
			t := lines[i].text
			if k, v, ok := strings.Cut(t, ": "); ok {
				m[k] = v
				i++
				continue
			}
			if !strings.HasSuffix(t, ":") {
				return nil, 0, fmt.Errorf("line %q in a map", t)
			}
			key := strings.TrimSuffix(t, ":")
			if i+1 >= len(lines) || lines[i+1].indent <= indent {
				return nil, 0, fmt.Errorf("key %q without a value", key)
			}
			v, j, err := yamlBlock(lines, i+1, lines[i+1].indent)
			if err != nil {
				return nil, 0, err
			}
			m[key] = v
			i = j
		}
		return m, i, nil
	default:
		return first.text, i + 1, nil
	}
}
