package ssz_test

// ynode is a YAML value as the conformance tests walk it: a mapping, a sequence or a
// scalar. An empty or null value is a node with an empty scalar, so a key that is present
// without a value still differs from a missing one.
type ynode struct {
	scalar string
	m      map[string]*ynode
	list   []*ynode
}

// toYNode converts a vectors.ParseYAML value (map[string]any, []any, string or nil).
func toYNode(v any) *ynode {
	switch v := v.(type) {
	case map[string]any:
		n := &ynode{m: make(map[string]*ynode, len(v))}
		for k, e := range v {
			n.m[k] = toYNode(e)
		}
		return n
	case []any:
		n := &ynode{list: make([]*ynode, 0, len(v))}
		for _, e := range v {
			n.list = append(n.list, toYNode(e))
		}
		return n
	case string:
		return &ynode{scalar: v}
	}
	return &ynode{}
}

func (n *ynode) get(key string) *ynode {
	if n == nil {
		return nil
	}
	return n.m[key]
}

func (n *ynode) str(key string) string {
	if v := n.get(key); v != nil {
		return v.scalar
	}
	return ""
}
