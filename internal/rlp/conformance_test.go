package rlp

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
)

type rlpCase struct {
	In  json.RawMessage `json:"in"`
	Out string          `json:"out"`
}

// TestConformanceRLP runs ethereum/tests RLPTests: every valid "out" decodes strictly and
// re-encodes from "in" byte for byte; every "INVALID" case is rejected.
func TestConformanceRLP(t *testing.T) {
	var valid, invalid int
	for _, path := range vectors.Files(t, "mpt", "rlp/*.json") {
		var cases map[string]rlpCase
		if err := json.Unmarshal(vectors.Read(t, path), &cases); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for name, tc := range cases {
			// A few ethereum/tests files omit the 0x prefix; the vectors, not the library, are lenient here.
			out, err := interop.DecodeHex("0x" + strings.TrimPrefix(tc.Out, "0x"))
			if err != nil {
				t.Fatalf("%s/%s: %v", path, name, err)
			}
			var marker string
			_ = json.Unmarshal(tc.In, &marker)
			switch marker {
			case "INVALID":
				invalid++
				if err := Validate(out, 1024); err == nil {
					t.Errorf("%s: invalid RLP %x accepted", name, out)
				}
				continue
			case "VALID":
				valid++
				if err := Validate(out, 1024); err != nil {
					t.Errorf("%s: valid RLP rejected: %v", name, err)
				}
				continue
			}
			valid++
			want, err := jsonToItem(tc.In)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if enc := encodeItem(nil, want); !bytes.Equal(enc, out) {
				t.Errorf("%s: encoded %x, want %x", name, enc, out)
			}
			if err := Validate(out, 1024); err != nil {
				t.Errorf("%s: valid RLP rejected: %v", name, err)
				continue
			}
			got, err := decodeItem(out)
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if re := encodeItem(nil, got); !bytes.Equal(re, out) {
				t.Errorf("%s: decode/encode round trip %x", name, re)
			}
		}
	}
	t.Logf("%d valid and %d invalid RLP vectors", valid, invalid)
}

// jsonToItem converts the RLPTests "in" notation: strings are raw bytes, numbers and
// "#decimal" strings are big-endian integers, arrays are lists.
func jsonToItem(raw json.RawMessage) (item, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) > 0 && raw[0] == '[':
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return item{}, err
		}
		it := item{list: true}
		for _, e := range elems {
			c, err := jsonToItem(e)
			if err != nil {
				return item{}, err
			}
			it.childs = append(it.childs, c)
		}
		return it, nil
	case len(raw) > 0 && raw[0] == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return item{}, err
		}
		if num, ok := strings.CutPrefix(s, "#"); ok {
			n, _ := new(big.Int).SetString(num, 10)
			return item{str: n.Bytes()}, nil
		}
		return item{str: []byte(s)}, nil
	default:
		n, ok := new(big.Int).SetString(string(raw), 10)
		if !ok {
			return item{}, errBadNumber
		}
		return item{str: n.Bytes()}, nil
	}
}

var errBadNumber = &json.UnsupportedValueError{Str: "number"}
