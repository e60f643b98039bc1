package opstack_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/opstack"
	"github.com/interopkit/interop/lightclient/opstack/opstacktest"
)

var outputSentinels = []error{opstack.ErrOutputResponse, opstack.ErrOutputVersion, opstack.ErrOutputMismatch}

func isOutputSentinel(err error) bool {
	for _, s := range outputSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// realOutputResponses returns every optimism_outputAtBlock answer under testdata: files
// named output_at_block*.json holding one response or an array of them.
func realOutputResponses(t testing.TB) map[string][]byte {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "output_at_block*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no output responses in testdata (%v)", err)
	}
	out := map[string][]byte{}
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		raw = bytes.TrimSpace(raw)
		if raw[0] != '[' {
			out[filepath.Base(p)] = raw
			continue
		}
		var list []json.RawMessage
		if err := json.Unmarshal(raw, &list); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for i, r := range list {
			out[fmt.Sprintf("%s[%d]", filepath.Base(p), i)] = r
		}
	}
	return out
}

// Real op-node answers (OP Mainnet, OP Sepolia-era and devnet blocks) decode, and their
// output roots are the hash of their preimages; wrapped in a JSON-RPC envelope too.
func TestConformanceOutputResponse(t *testing.T) {
	for name, raw := range realOutputResponses(t) {
		r, err := opstack.DecodeOutputResponse(raw)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		o := r.Output()
		if o.Root() != r.OutputRoot || r.BlockNumber == 0 {
			t.Errorf("%s: decoded %+v", name, r)
		}
		env := []byte(`{"jsonrpc":"2.0","id":1,"result":` + string(raw) + `}`)
		if e, err := opstack.DecodeOutputResponse(env); err != nil || e != r {
			t.Errorf("%s in an envelope: %v", name, err)
		}
		root := r.Root(10)
		if root.Kind != lightclient.OutputRoot || root.Height != r.BlockNumber || root.Value != r.OutputRoot {
			t.Errorf("%s: root %v", name, root)
		}
		// The preimage verifies against the root it claims, through the package's checks.
		if err := opstack.VerifyWithdrawal(root, &o, interop.Hash{}, nil); errors.Is(err, opstack.ErrOutputMismatch) {
			t.Errorf("%s: preimage refused: %v", name, err)
		}
	}
}

// One changed hex digit in any field the output root commits to is refused with a named
// sentinel; a change anywhere else is refused or leaves those fields as they were.
func TestTamperOutputResponse(t *testing.T) {
	for name, raw := range realOutputResponses(t) {
		want, err := opstack.DecodeOutputResponse(raw)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, h := range []interop.Hash{want.Version, want.OutputRoot, want.BlockHash, want.WithdrawalStorageRoot, want.StateRoot} {
			hexs := h.String()[2:]
			at := bytes.Index(raw, []byte(`"0x`+hexs+`"`))
			if at < 0 {
				t.Fatalf("%s: %s not found", name, h)
			}
			for i := at + 3; i < at+3+64; i++ {
				b := bytes.Clone(raw)
				b[i] = otherHexDigit(b[i])
				if _, err := opstack.DecodeOutputResponse(b); !isOutputSentinel(err) {
					t.Fatalf("%s: digit %d of %s changed: %v", name, i-at-3, h, err)
				}
			}
		}
		for i := range raw {
			b := bytes.Clone(raw)
			b[i] ^= 0x01
			got, err := opstack.DecodeOutputResponse(b)
			if err != nil {
				if !isOutputSentinel(err) {
					t.Fatalf("%s: byte %d: unnamed error %v", name, i, err)
				}
				continue
			}
			got.BlockNumber = want.BlockNumber // not committed to by the root: see the doc
			if got != want {
				t.Fatalf("%s: byte %d changed the decoded fields without an error", name, i)
			}
		}
	}
}

func otherHexDigit(c byte) byte {
	if c == '0' {
		return '1'
	}
	return '0'
}

// Malformed answers, each with its sentinel.
func TestOutputResponseStrict(t *testing.T) {
	var raw []byte
	for _, r := range realOutputResponses(t) {
		raw = r
		break
	}
	good, _ := opstack.DecodeOutputResponse(raw)
	canon, _ := good.MarshalJSON()
	s := string(canon)
	bad := map[string]string{
		"not json":         `{`,
		"array":            `[]`,
		"trailing data":    s + `{}`,
		"missing root":     strings.Replace(s, `"stateRoot"`, `"stateRoot2"`, 1),
		"repeated root":    strings.Replace(s, `{"version"`, `{"stateRoot":"`+good.StateRoot.String()+`","version"`, 1),
		"short hash":       strings.Replace(s, good.StateRoot.String(), good.StateRoot.String()[:64], 1),
		"no 0x":            strings.Replace(s, good.StateRoot.String(), "00"+good.StateRoot.String()[2:], 1),
		"number as string": strings.Replace(s, fmt.Sprintf(`"number":%d`, good.BlockNumber), fmt.Sprintf(`"number":"%d"`, good.BlockNumber), 1),
		"number leading 0": strings.Replace(s, `"number":`, `"number":0`, 1),
		"number negative":  strings.Replace(s, `"number":`, `"number":-`, 1),
		"number fraction":  strings.Replace(s, fmt.Sprintf(`"number":%d`, good.BlockNumber), fmt.Sprintf(`"number":%d.0`, good.BlockNumber), 1),
		"number too big":   strings.Replace(s, fmt.Sprintf(`"number":%d`, good.BlockNumber), `"number":18446744073709551616`, 1),
		"no number":        strings.Replace(s, fmt.Sprintf(`,"number":%d`, good.BlockNumber), ``, 1),
		"rpc error":        `{"jsonrpc":"2.0","id":1,"error":{"code":-32000,"message":"not found"}}`,
		"envelope only":    `{"jsonrpc":"2.0","id":1}`,
		"result and field": `{"result":` + s + `,"stateRoot":"` + good.StateRoot.String() + `"}`,
	}
	for name, in := range bad {
		if _, err := opstack.DecodeOutputResponse([]byte(in)); !errors.Is(err, opstack.ErrOutputResponse) {
			t.Errorf("%s: %v", name, err)
		}
	}
	v1 := strings.Replace(s, good.Version.String(), "0x"+strings.Repeat("0", 63)+"1", 1)
	if _, err := opstack.DecodeOutputResponse([]byte(v1)); !errors.Is(err, opstack.ErrOutputVersion) {
		t.Errorf("version 1: %v", err)
	}
	huge := make([]byte, opstack.MaxOutputResponseSize+1)
	if _, err := opstack.DecodeOutputResponse(huge); !errors.Is(err, opstack.ErrOutputResponse) {
		t.Errorf("over MaxOutputResponseSize: %v", err)
	}
}

// Generated answers round-trip through MarshalJSON, and any changed root is refused.
func TestPropOutputResponse(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := opstacktest.OutputResponse().Draw(t, "response")
		b, _ := r.MarshalJSON()
		got, err := opstack.DecodeOutputResponse(b)
		if err != nil || got != r {
			t.Fatalf("round trip: %v\n%s", err, b)
		}
		r.StateRoot[rapid.IntRange(0, 31).Draw(t, "byte")] ^= byte(rapid.IntRange(1, 255).Draw(t, "flip"))
		b, _ = r.MarshalJSON()
		if _, err := opstack.DecodeOutputResponse(b); !errors.Is(err, opstack.ErrOutputMismatch) {
			t.Fatalf("tampered state root: %v", err)
		}
	})
}

// TestBoundsOutputResponse: real answers, an answer at the size bound made of a deeply
// nested and a wide informational field, and one over the bound.
func TestBoundsOutputResponse(t *testing.T) {
	for name, raw := range realOutputResponses(t) {
		logged(t, "DecodeOutputResponse "+name, len(raw), func() {
			if _, err := opstack.DecodeOutputResponse(raw); err != nil {
				t.Error(err)
			}
		})
	}
	r := opstacktest.OutputResponse().Example(1)
	canon, _ := r.MarshalJSON()
	pad := opstack.MaxOutputResponseSize - len(canon) - 64
	wide := `,"syncStatus":[` + strings.Repeat(`0,`, pad/2-8) + `0]`
	deep := `,"x":` + strings.Repeat(`[`, 5000) + strings.Repeat(`]`, 5000)
	strs := `,"s":[` + strings.Repeat(`"",`, pad/3-8) + `""]`
	obj := `,"o":{` + strings.Repeat(`"":0,`, pad/5-8) + `"":0}`
	for name, extra := range map[string]string{"wide": wide, "deep": deep, "strings": strs, "keys": obj} {
		in := []byte(string(canon[:len(canon)-1]) + extra + "}")
		if len(in) > opstack.MaxOutputResponseSize {
			in = in[:0]
		}
		logged(t, "DecodeOutputResponse "+name, len(in), func() {
			if _, err := opstack.DecodeOutputResponse(in); err != nil {
				t.Error(name, err)
			}
		})
	}
	over := make([]byte, opstack.MaxOutputResponseSize+1)
	logged(t, "DecodeOutputResponse over the bound", len(over), func() {
		if _, err := opstack.DecodeOutputResponse(over); err == nil {
			t.Error("decoded over MaxOutputResponseSize")
		}
	})
}

// TestConcurrentOutputResponse: one answer decoded and its preimage hashed by 16
// goroutines at once.
func TestConcurrentOutputResponse(t *testing.T) {
	var raw []byte
	for _, r := range realOutputResponses(t) {
		raw = r
		break
	}
	want, _ := opstack.DecodeOutputResponse(raw)
	hostile.Concurrent(t, 5, func(int) {
		got, err := opstack.DecodeOutputResponse(raw)
		o := got.Output()
		if err != nil || got != want || o.Root() != want.OutputRoot {
			t.Error("concurrent decode differs", err)
		}
	})
}

// FuzzDecodeOutputResponse: no panic; every error is named; an accepted answer's output
// root is the hash of its preimage and its canonical form decodes to the same value.
func FuzzDecodeOutputResponse(f *testing.F) {
	for _, raw := range realOutputResponses(f) {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := opstack.DecodeOutputResponse(b)
		if err != nil {
			if !isOutputSentinel(err) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		o := r.Output()
		if o.Root() != r.OutputRoot || r.Version != (interop.Hash{}) {
			t.Fatalf("accepted %+v", r)
		}
		canon, _ := r.MarshalJSON()
		if again, err := opstack.DecodeOutputResponse(canon); err != nil || again != r {
			t.Fatalf("canonical form: %v", err)
		}
	})
}

func BenchmarkDecodeOutputResponse(b *testing.B) {
	raw, _ := os.ReadFile(filepath.Join("testdata", "output_at_block_op_mainnet_118818299.json"))
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := opstack.DecodeOutputResponse(raw); err != nil {
			b.Fatal(err)
		}
	}
}

// encoding/json goes through DecodeOutputResponse: a struct holding a response checks
// its root, and a tampered one is refused with the sentinel.
func TestOutputResponseUnmarshalJSON(t *testing.T) {
	for name, raw := range realOutputResponses(t) {
		var env struct{ Result opstack.OutputResponse }
		if err := json.Unmarshal([]byte(`{"result":`+string(raw)+`}`), &env); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, _ := opstack.DecodeOutputResponse(raw)
		if env.Result != want {
			t.Fatalf("%s: %+v", name, env.Result)
		}
		bad := bytes.Replace(raw, []byte(want.StateRoot.String()[2:6]), []byte("ffff"), 1)
		if err := json.Unmarshal(bad, &env.Result); !errors.Is(err, opstack.ErrOutputMismatch) {
			t.Fatalf("%s tampered: %v", name, err)
		}
	}
}
