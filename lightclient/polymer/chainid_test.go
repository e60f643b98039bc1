package polymer_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/lightclient/polymer"
	"github.com/interopkit/interop/lightclient/polymer/polymertest"
)

type chainIDFact struct {
	Role  string
	JSON  json.RawMessage
	Value uint64
}

func chainIDFacts(t *testing.T) []chainIDFact {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "chain_ids*.json"))
	if len(paths) == 0 {
		t.Fatal("no chain id facts in testdata")
	}
	var all []chainIDFact
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, vectors.JSON[[]chainIDFact](t, raw)...)
	}
	return all
}

// realEVM returns the hub's verifier parameters, with the Polymer chain id as the integer
// it is configured as, and its EVM proof and source chain id.
func realEVM(t *testing.T) (clientType string, seq interop.Address, polymerID polymer.ChainID, src polymer.ChainID, proof []byte) {
	t.Helper()
	path := vectors.Files(t, "hub", "polymer/expectations.json")
	if len(path) == 0 {
		t.Skip("no Polymer vectors")
	}
	var x struct {
		Verifier struct {
			ClientType     string
			Sequencer      interop.Address
			ChainIDBytes32 interop.Hash `json:"chainIdBytes32"`
		}
		EVM struct {
			ProofFile string          `json:"proof_file"`
			ChainID   polymer.ChainID `json:"chainId"`
		}
	}
	if err := json.Unmarshal(vectors.Read(t, path[0]), &x); err != nil {
		t.Fatal(err)
	}
	// The bytes32 the contract is deployed with is a 64-bit integer, as configured.
	w := x.Verifier.ChainIDBytes32
	for _, b := range w[:24] {
		if b != 0 {
			t.Fatalf("chain id word %s over 64 bits", w)
		}
	}
	var id polymer.ChainID
	if err := id.UnmarshalJSON([]byte(fmt.Sprint(binary.BigEndian.Uint64(w[24:])))); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(filepath.Dir(path[0]), x.EVM.ProofFile))
	if err != nil {
		t.Fatal(err)
	}
	proof, err = interop.DecodeHex(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	return x.Verifier.ClientType, x.Verifier.Sequencer, id, x.EVM.ChainID, proof
}

// The real proof verifies with the verifier built from the integer chain id, requested for
// its source chain given as Polymer's API gives it (a JSON number) or as a decimal string;
// the facts decode to their values and Word gives the deployed bytes32.
func TestConformanceChainID(t *testing.T) {
	ct, seq, pid, src, proof := realEVM(t)
	if pid.Word() != (interop.Hash{30: 0x03, 31: 0x85}) {
		t.Fatalf("Polymer chain id %d word %s", pid, pid.Word())
	}
	v, err := polymer.NewVerifier(ct, seq, pid)
	if err != nil {
		t.Fatal(err)
	}
	for _, form := range []string{src.String(), `"` + src.String() + `"`} {
		var s polymer.ChainID
		if err := json.Unmarshal([]byte(form), &s); err != nil {
			t.Fatal(form, err)
		}
		e, err := v.ValidateEventFrom(s, proof)
		if err != nil || uint64(e.ChainID) != uint64(s) {
			t.Fatalf("%s: %v", form, err)
		}
		if !bytes.Contains(v.EventKey(e.ChainID, e.BlockNumber, e.ReceiptIndex, e.LogIndex), []byte("chain/"+s.String()+"/")) {
			t.Fatal("key does not spell the requested chain")
		}
	}
	for _, f := range chainIDFacts(t) {
		var c polymer.ChainID
		if err := json.Unmarshal(f.JSON, &c); err != nil || uint64(c) != f.Value {
			t.Errorf("%s: %d, %v", f.JSON, c, err)
		}
		if f.Role == "polymer" && c != pid {
			t.Errorf("Polymer chain id %d, the vectors' verifier has %d", c, pid)
		}
		if f.Role == "source" {
			if s, err := c.Source(); err != nil || uint64(s) != f.Value {
				t.Errorf("source %d: %v", c, err)
			}
		}
	}
}

// One changed digit of either chain id is refused with a named sentinel: the Polymer
// chain id breaks the sequencer signature, the source chain id no longer names the proof's
// chain; and every one-byte change of the real proof is refused too.
func TestTamperChainID(t *testing.T) {
	ct, seq, pid, src, proof := realEVM(t)
	v, _ := polymer.NewVerifier(ct, seq, pid)
	tamper := func(c polymer.ChainID, f func(polymer.ChainID) error) {
		s := []byte(c.String())
		for i := range s {
			b := bytes.Clone(s)
			b[i] = '0' + (b[i]-'0'+1)%10
			var d polymer.ChainID
			if err := d.UnmarshalJSON(b); err != nil {
				if !errors.Is(err, polymer.ErrChainID) {
					t.Fatalf("%s: %v", b, err)
				}
				continue
			}
			if err := f(d); err == nil {
				t.Fatalf("chain id %s accepted in place of %d", b, c)
			}
		}
	}
	tamper(pid, func(d polymer.ChainID) error {
		w, _ := polymer.NewVerifier(ct, seq, d)
		_, err := w.ValidateEventFrom(src, proof)
		if err != nil && !errors.Is(err, polymer.ErrSignature) {
			t.Fatalf("Polymer chain id %d: %v", d, err)
		}
		return err
	})
	tamper(src, func(d polymer.ChainID) error {
		_, err := v.ValidateEventFrom(d, proof)
		if err != nil && !errors.Is(err, polymer.ErrChainID) {
			t.Fatalf("source chain id %d: %v", d, err)
		}
		return err
	})
	for i := range proof {
		b := bytes.Clone(proof)
		b[i] ^= 0x01
		_, err := v.ValidateEventFrom(src, b)
		if err == nil {
			if i == 125 {
				continue // the topic count is not covered (package doc)
			}
			t.Fatalf("byte %d changed and accepted", i)
		}
		if !errors.Is(err, polymer.ErrMalformed) && !errors.Is(err, polymer.ErrSignature) && !errors.Is(err, polymer.ErrInvalidProof) && !errors.Is(err, polymer.ErrChainID) {
			t.Fatalf("byte %d: unnamed error %v", i, err)
		}
	}
}

func TestChainIDStrict(t *testing.T) {
	for _, in := range []string{``, `""`, `"0x385"`, `0x385`, `-1`, `+1`, `01`, `"01"`, `1.0`, `1e3`, `" 1"`, `"1`, `1"`,
		`18446744073709551616`, `99999999999999999999`, `"\u0031"`, `null`, `true`, `[1]`, strings.Repeat("1", 23)} {
		var c polymer.ChainID
		if err := c.UnmarshalJSON([]byte(in)); !errors.Is(err, polymer.ErrChainID) {
			t.Errorf("%s: %v", in, err)
		}
	}
	var c polymer.ChainID
	if err := c.UnmarshalJSON([]byte(`18446744073709551615`)); err != nil || c != math.MaxUint64 {
		t.Errorf("max: %d %v", c, err)
	}
	if _, err := polymer.ChainID(1 << 32).Source(); !errors.Is(err, polymer.ErrChainID) {
		t.Errorf("2^32 as a source: %v", err)
	}
	for _, bad := range []struct {
		ct  string
		seq interop.Address
		id  polymer.ChainID
	}{{"", interop.Address{1}, 901}, {"proof_api", interop.Address{}, 901}, {"proof_api", interop.Address{1}, 0}} {
		if _, err := polymer.NewVerifier(bad.ct, bad.seq, bad.id); !errors.Is(err, polymer.ErrConfig) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

// Generated ids round-trip through both JSON forms; Word is the id big-endian in the last
// 8 bytes; Source refuses exactly the ids over 32 bits; a generated proof verifies for its
// own source chain and for no other.
func TestPropChainID(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := polymertest.ChainID().Draw(t, "id")
		num, _ := json.Marshal(c)
		for _, form := range [][]byte{num, []byte(`"` + c.String() + `"`)} {
			var d polymer.ChainID
			if err := json.Unmarshal(form, &d); err != nil || d != c {
				t.Fatalf("%s: %d %v", form, d, err)
			}
		}
		w := c.Word()
		if [24]byte(w[:24]) != [24]byte{} || binary.BigEndian.Uint64(w[24:]) != uint64(c) {
			t.Fatalf("word %s of %d", w, c)
		}
		if _, err := c.Source(); (err != nil) != (c > math.MaxUint32) {
			t.Fatalf("source %d: %v", c, err)
		}
		s := polymertest.NewSetup().Draw(t, "setup")
		proof, e := polymertest.EventProof(t, s)
		if _, err := s.Verifier.ValidateEventFrom(polymer.ChainID(e.ChainID), proof); err != nil {
			t.Fatal(err)
		}
		if uint64(c) != uint64(e.ChainID) {
			if _, err := s.Verifier.ValidateEventFrom(c, proof); !errors.Is(err, polymer.ErrChainID) {
				t.Fatalf("proof for %d requested as %d: %v", e.ChainID, c, err)
			}
		}
	})
}

// TestBoundsChainID: UnmarshalJSON reads at most 22 bytes of any input and allocates
// nothing for a valid one.
func TestBoundsChainID(t *testing.T) {
	long := bytes.Repeat([]byte("9"), 1<<20)
	hostile.Bounded(t, "ChainID.UnmarshalJSON 1 MiB", len(long), func() {
		var c polymer.ChainID
		if c.UnmarshalJSON(long) == nil {
			t.Error("accepted 1 MiB")
		}
	})
	in := []byte(`"18446744073709551615"`)
	var c polymer.ChainID
	if n := testing.AllocsPerRun(100, func() { _ = c.UnmarshalJSON(in) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}

// FuzzChainIDUnmarshalJSON: no panic; errors are ErrChainID; an accepted id is what its
// digits say, and both its JSON forms read back to it.
func FuzzChainIDUnmarshalJSON(f *testing.F) {
	for _, s := range []string{`901`, `"11155420"`, `18446744073709551615`, `0`, `"4294967296"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var c polymer.ChainID
		if err := c.UnmarshalJSON(b); err != nil {
			if !errors.Is(err, polymer.ErrChainID) {
				t.Fatalf("unnamed error %v", err)
			}
			return
		}
		if digits := strings.Trim(string(b), `"`); digits != c.String() {
			t.Fatalf("%q read as %d", b, c)
		}
		num, _ := c.MarshalJSON()
		var d polymer.ChainID
		if err := d.UnmarshalJSON(num); err != nil || d != c {
			t.Fatalf("round trip %s: %v", num, err)
		}
	})
}

// A verifier configured with Polymer's integer chain id, checking a proof requested for
// a source chain given as the API gives it.
func ExampleNewVerifier() {
	var polymerID, src polymer.ChainID
	_ = json.Unmarshal([]byte(`901`), &polymerID)
	_ = json.Unmarshal([]byte(`"11155420"`), &src)
	v, err := polymer.NewVerifier("proof_api", interop.Address{0x8d, 0x39}, polymerID)
	fmt.Println(v.ChainID, err)
	id, err := src.Source()
	fmt.Println(string(v.EventKey(id, 23562439, 1, 0)), err)
	_, err = polymer.ChainID(1 << 32).Source()
	fmt.Println(err)
	// Output:
	// 0x0000000000000000000000000000000000000000000000000000000000000385 <nil>
	// chain/11155420/storedLogs/proof_api/23562439/1/0 <nil>
	// polymer: invalid chain id: source chain 4294967296 does not fit the proof's 32-bit chain id
}
