package espresso_test

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
	"github.com/interopkit/interop/proof/mpt"
)

// FuzzBlockProofJSON: an accepted proof re-encodes canonically (decoding the re-encoding gives
// the same proof, and re-encoding that gives the same bytes), and Root never panics.
func FuzzBlockProofJSON(f *testing.F) {
	for _, path := range []string{"testdata/finality/espresso-network-go/merkle_proof_test_data.json"} {
		raw, err := os.ReadFile(path)
		if err == nil {
			var d goMerkleData
			if json.Unmarshal(raw, &d) == nil {
				f.Add([]byte(d.Proof))
			}
		}
	}
	tr := &espressotest.BlockTree{Height: 3, Leaves: [][]byte{{1}, {2, 3}, {4}, {5}}}
	b, _ := json.Marshal(tr.Prove(1))
	f.Add(b)
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"pos":"FIELD~AAAAAAAAAAD7","proof":[]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var p espresso.BlockProof
		if err := p.UnmarshalJSON(in); err != nil {
			return
		}
		_, _ = p.Root()
		out, err := json.Marshal(p)
		if err != nil {
			t.Fatalf("accepted proof does not encode: %v", err)
		}
		var q espresso.BlockProof
		if err := q.UnmarshalJSON(out); err != nil {
			t.Fatalf("own encoding refused: %v", err)
		}
		if !proofsEqual(&p, &q) {
			t.Fatal("re-encoding changed the proof")
		}
		again, _ := json.Marshal(q)
		if !bytes.Equal(out, again) {
			t.Fatal("encoding is not canonical")
		}
	})
}

// FuzzBlockTreeCommitment: an accepted 48-byte commitment re-encodes to the same bytes, and its
// tagged-base64 form parses back to it.
func FuzzBlockTreeCommitment(f *testing.F) {
	c, _ := espresso.ParseBlockTreeCommitment("MERKLE_COMM~JLL4RUc_aT4OKBsmYdEJIcAUnAA9dCloD5YHKb-6jZYgAAAAAAAAABYAAAAAAAAA3w")
	b, _ := c.AppendBinary(nil)
	f.Add(b)
	f.Add(make([]byte, 48))
	f.Fuzz(func(t *testing.T, in []byte) {
		c, err := espresso.DecodeBlockTreeCommitment(in)
		if err != nil {
			return
		}
		out, _ := c.AppendBinary(nil)
		if !bytes.Equal(out, in) {
			t.Fatalf("re-encodes as %x", out)
		}
		back, err := espresso.ParseBlockTreeCommitment(c.String())
		if err != nil || back != c {
			t.Fatalf("tagged form %s parses as %v, %v", c, back, err)
		}
	})
}

// FuzzParseBlockTreeCommitment: an accepted string is the canonical tagged form.
func FuzzParseBlockTreeCommitment(f *testing.F) {
	f.Add("MERKLE_COMM~JLL4RUc_aT4OKBsmYdEJIcAUnAA9dCloD5YHKb-6jZYgAAAAAAAAABYAAAAAAAAA3w")
	f.Add("MERKLE_COMM~AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIAAAAAAAAAAAAAAAAAAAAEA")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := espresso.ParseBlockTreeCommitment(s)
		if err != nil {
			return
		}
		if c.String() != s {
			t.Fatalf("%q accepted, canonical form %s", s, c)
		}
	})
}

// FuzzReadFinalizedState: a state (and a state history entry) read from an eth_getProof
// response re-encodes into storage words that decode to it.
func FuzzReadFinalizedState(f *testing.F) {
	raw, err := os.ReadFile("testdata/finality/generated/getproof-devnode-height22.json")
	if err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var fx storageFixture
		if json.Unmarshal(in, &fx) != nil {
			return
		}
		var r mpt.GetProofResult
		if r.UnmarshalJSON(fx.GetProof) != nil {
			return
		}
		if h, err := espresso.ReadStateHistory(fx.StateRoot, fx.LightClient, &r, 0); err == nil {
			w0, w1 := h.StorageWords()
			if back, err := espresso.DecodeStateHistoryCommitment(&w0, &w1); err != nil || back != h {
				t.Fatalf("history words of %+v decode as %+v, %v", h, back, err)
			}
		}
		st, err := espresso.ReadFinalizedState(fx.StateRoot, fx.LightClient, &r)
		if err != nil {
			return
		}
		w6, w7 := st.StorageWords()
		back, err := espresso.DecodeFinalizedState(&w6, &w7)
		if err != nil || back != st {
			t.Fatalf("storage words of %+v decode as %+v, %v", st, back, err)
		}
	})
}
