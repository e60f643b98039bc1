package espresso

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/jsontok"
)

// MaxBlockProofJSON bounds the JSON of one block tree proof: a height-32 proof as the query
// service writes it is about 8 KiB.
const MaxBlockProofJSON = 64 << 10

// fieldTag is the tag jf-utils' canonical serde writes arkworks values under.
const fieldTag = "FIELD"

// UnmarshalJSON decodes a block tree proof as the query service serves it: jellyfish's
// MerkleProof {"pos": "FIELD~…", "proof": [node, …]}, or the bare node list (as
// espresso-network-go passes it), whose position is then the leaf's. A node is "Empty",
// {"Leaf": {"value", "pos", "elem"}}, {"Branch": {"value", "children": [three nodes]}} or
// {"ForgettenSubtree": {"value"}} (upstream's spelling); values are FIELD~ tagged base64 of 32
// bytes, positions of 8 (u64 little-endian). The first node must be the Leaf, every other a
// Branch with a zero value whose children are Empty or ForgettenSubtree, as the query service
// writes them; both positions must agree. Errors wrap ErrBlockProofJSON (and the tagged-base64
// error beneath). The shape against a tree is checked by Root and VerifyBlockProof, not here.
//
// Bound: input over MaxBlockProofJSON bytes is refused before parsing; at most
// MaxBlockTreeHeight+1 nodes are read; allocates what encoding/json's token reader allocates
// plus the proof itself (about 100 bytes a level).
func (p *BlockProof) UnmarshalJSON(input []byte) error {
	if len(input) > MaxBlockProofJSON {
		return fmt.Errorf("%w: %d bytes, at most %d", ErrBlockProofJSON, len(input), MaxBlockProofJSON)
	}
	dec := json.NewDecoder(bytes.NewReader(input))
	var out BlockProof
	var leafPos uint64
	var err error
	first := bytes.TrimLeft(input, " \t\r\n")
	bare := len(first) > 0 && first[0] == '['
	if bare {
		err = readBlockPath(dec, &out, &leafPos)
		out.Pos = leafPos
	} else {
		err = jsontok.ReadObject(dec, ErrBlockProofJSON, "MerkleProof",
			jsontok.Field{Name: "pos", Read: func() error {
				pos, err := readFieldU64(dec)
				out.Pos = pos
				return err
			}},
			jsontok.Field{Name: "proof", Read: func() error { return readBlockPath(dec, &out, &leafPos) }},
		)
	}
	if err != nil {
		return err
	}
	if out.Pos != leafPos {
		return fmt.Errorf("%w: proof pos %d, leaf pos %d", ErrBlockProofJSON, out.Pos, leafPos)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: data after the proof", ErrBlockProofJSON)
	}
	*p = out
	return nil
}

// readBlockPath reads the node list into out, and the leaf's position into leafPos (the
// caller compares it with the proof's).
func readBlockPath(dec *json.Decoder, out *BlockProof, leafPos *uint64) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	n := 0
	for dec.More() {
		if n > MaxBlockTreeHeight {
			return fmt.Errorf("%w: more than %d nodes", ErrBlockProofJSON, MaxBlockTreeHeight+1)
		}
		kind, err := readNodeKind(dec)
		if err != nil {
			return err
		}
		switch {
		case n == 0 && kind == "Leaf":
			err = jsontok.ReadObject(dec, ErrBlockProofJSON, "Leaf",
				jsontok.Field{Name: "value", Read: func() error { return readFieldHash(dec, &out.LeafValue) }},
				jsontok.Field{Name: "pos", Read: func() error {
					var err error
					*leafPos, err = readFieldU64(dec)
					return err
				}},
				jsontok.Field{Name: "elem", Read: func() error {
					var err error
					out.Elem, err = readFieldBytes(dec, MaxBlockLeafSize)
					return err
				}},
			)
		case n > 0 && kind == "Branch":
			var lv BlockProofLevel
			var value interop.Hash
			err = jsontok.ReadObject(dec, ErrBlockProofJSON, "Branch",
				jsontok.Field{Name: "value", Read: func() error { return readFieldHash(dec, &value) }},
				jsontok.Field{Name: "children", Read: func() error { return readChildren(dec, &lv) }},
			)
			if err == nil && !value.IsZero() {
				err = fmt.Errorf("%w: branch %d has value %s, served proofs carry zero", ErrBlockProofJSON, n, value)
			}
			out.Levels = append(out.Levels, lv)
		default:
			return fmt.Errorf("%w: node %d is %s", ErrBlockProofJSON, n, kind)
		}
		if err != nil {
			return err
		}
		if err := expectDelim(dec, '}'); err != nil { // closes the {"Kind": …} wrapper
			return err
		}
		n++
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%w: %v", ErrBlockProofJSON, err)
	}
	if n == 0 {
		return fmt.Errorf("%w: empty proof", ErrBlockProofJSON)
	}
	return nil
}

// readChildren reads a branch's three children: each "Empty" or {"ForgettenSubtree": {value}}.
func readChildren(dec *json.Decoder, lv *BlockProofLevel) error {
	if err := expectDelim(dec, '['); err != nil {
		return err
	}
	c := 0
	for dec.More() {
		if c == BlockTreeArity {
			return fmt.Errorf("%w: more than %d children", ErrBlockProofJSON, BlockTreeArity)
		}
		kind, err := readNodeKind(dec)
		if err != nil {
			return err
		}
		switch kind {
		case "Empty":
			lv.Empty |= 1 << c
		case "ForgettenSubtree":
			err := jsontok.ReadObject(dec, ErrBlockProofJSON, "ForgettenSubtree",
				jsontok.Field{Name: "value", Read: func() error { return readFieldHash(dec, &lv.Children[c]) }})
			if err != nil {
				return err
			}
			if err := expectDelim(dec, '}'); err != nil {
				return err
			}
		default:
			return fmt.Errorf("%w: child %d is %s", ErrBlockProofJSON, c, kind)
		}
		c++
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("%w: %v", ErrBlockProofJSON, err)
	}
	if c != BlockTreeArity {
		return fmt.Errorf("%w: %d children, want %d", ErrBlockProofJSON, c, BlockTreeArity)
	}
	return nil
}

// readNodeKind reads "Empty", or the opening of {"Kind": and returns Kind (the caller reads the
// payload and the closing brace).
func readNodeKind(dec *json.Decoder) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrBlockProofJSON, err)
	}
	if s, ok := t.(string); ok {
		if s != "Empty" {
			return "", fmt.Errorf("%w: node %q", ErrBlockProofJSON, s)
		}
		return s, nil
	}
	if t != json.Delim('{') {
		return "", fmt.Errorf("%w: node %v", ErrBlockProofJSON, t)
	}
	t, err = dec.Token()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrBlockProofJSON, err)
	}
	kind, ok := t.(string)
	if !ok || kind == "Empty" {
		return "", fmt.Errorf("%w: node kind %v", ErrBlockProofJSON, t)
	}
	return kind, nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBlockProofJSON, err)
	}
	if t != d {
		return fmt.Errorf("%w: %v where %v is expected", ErrBlockProofJSON, t, d)
	}
	return nil
}

// readFieldBytes reads a "FIELD~…" string of 1 to max bytes.
func readFieldBytes(dec *json.Decoder, max int) ([]byte, error) {
	t, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBlockProofJSON, err)
	}
	s, ok := t.(string)
	if !ok {
		return nil, fmt.Errorf("%w: %v where a FIELD string is expected", ErrBlockProofJSON, t)
	}
	if len(s) > len(fieldTag)+1+4*(max+2)/3+1 {
		return nil, fmt.Errorf("%w: FIELD value of %d characters", ErrBlockProofJSON, len(s))
	}
	tb, err := ParseTaggedBase64(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBlockProofJSON, err)
	}
	if tb.Tag != fieldTag || len(tb.Value) == 0 || len(tb.Value) > max {
		return nil, fmt.Errorf("%w: %w: %q with %d bytes", ErrBlockProofJSON, ErrTag, tb.Tag, len(tb.Value))
	}
	return tb.Value, nil
}

func readFieldHash(dec *json.Decoder, h *interop.Hash) error {
	b, err := readFieldBytes(dec, 32)
	if err != nil {
		return err
	}
	if len(b) != 32 {
		return fmt.Errorf("%w: node value of %d bytes", ErrBlockProofJSON, len(b))
	}
	copy(h[:], b)
	return nil
}

func readFieldU64(dec *json.Decoder) (uint64, error) {
	b, err := readFieldBytes(dec, 8)
	if err != nil {
		return 0, err
	}
	if len(b) != 8 {
		return 0, fmt.Errorf("%w: position of %d bytes", ErrBlockProofJSON, len(b))
	}
	return binary.LittleEndian.Uint64(b), nil
}

// MarshalJSON writes the proof as the query service does ({"pos", "proof"}, branch values
// zero, children Empty or ForgettenSubtree).
func (p BlockProof) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	fieldU64 := func(v uint64) string {
		return TaggedBase64{Tag: fieldTag, Value: binary.LittleEndian.AppendUint64(nil, v)}.String()
	}
	fieldHash := func(h interop.Hash) string { return TaggedBase64{Tag: fieldTag, Value: h[:]}.String() }
	if len(p.Elem) == 0 {
		return nil, errors.New("espresso: block proof without a leaf element")
	}
	fmt.Fprintf(&b, `{"pos":%q,"proof":[{"Leaf":{"value":%q,"pos":%q,"elem":%q}}`,
		fieldU64(p.Pos), fieldHash(p.LeafValue), fieldU64(p.Pos), TaggedBase64{Tag: fieldTag, Value: p.Elem}.String())
	for _, lv := range p.Levels {
		fmt.Fprintf(&b, `,{"Branch":{"value":%q,"children":[`, fieldHash(interop.Hash{}))
		for c := range lv.Children {
			if c > 0 {
				b.WriteByte(',')
			}
			if lv.Empty>>c&1 == 1 {
				b.WriteString(`"Empty"`)
			} else {
				fmt.Fprintf(&b, `{"ForgettenSubtree":{"value":%q}}`, fieldHash(lv.Children[c]))
			}
		}
		b.WriteString("]}}")
	}
	b.WriteString("]}")
	return b.Bytes(), nil
}
