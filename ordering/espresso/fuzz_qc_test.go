package espresso

import (
	"os"
	"path/filepath"
	"testing"
)

func addQCSeeds(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "qc", "*", "*.json"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// FuzzDecodeQCJSON: no panic; an accepted certificate re-encodes to JSON that decodes to
// the same certificate and re-encodes identically.
func FuzzDecodeQCJSON(f *testing.F) {
	addQCSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		qc, err := DecodeQCJSON(b)
		if err != nil {
			return
		}
		enc, _ := qc.MarshalJSON()
		qc2, err := DecodeQCJSON(enc)
		if err != nil {
			t.Fatalf("re-encoding %s refused: %v", enc, err)
		}
		enc2, _ := qc2.MarshalJSON()
		if string(enc) != string(enc2) {
			t.Fatalf("not canonical:\n%s\n%s", enc, enc2)
		}
		if qc.Signers.Len() > MaxStakeTableSize {
			t.Fatal("bit vector past its bound")
		}
	})
}

// FuzzDecodeStakeTableJSON: no panic; an accepted table has its bound, positive stakes whose
// sum is the total, and re-encodes to a table that decodes identically.
func FuzzDecodeStakeTableJSON(f *testing.F) {
	addQCSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := DecodeStakeTableJSON(b)
		if err != nil {
			return
		}
		if st.Len() == 0 || st.Len() > MaxStakeTableSize {
			t.Fatalf("%d entries", st.Len())
		}
		enc, _ := st.MarshalJSON()
		st2, err := DecodeStakeTableJSON(enc)
		if err != nil {
			t.Fatal(err)
		}
		enc2, _ := st2.MarshalJSON()
		if string(enc) != string(enc2) || st.TotalStake() != st2.TotalStake() || st.Threshold() != st2.Threshold() {
			t.Fatal("round trip differs")
		}
	})
}

// FuzzVerifyQC: no panic verifying any decodable certificate against the real stake
// table; whatever verifies has the table's length and carries a signature.
func FuzzVerifyQC(f *testing.F) {
	addQCSeeds(f)
	tables, _ := filepath.Glob(filepath.Join("testdata", "qc", "*", "stake_table.json"))
	if len(tables) == 0 {
		f.Skip("no stake table")
	}
	tb, err := os.ReadFile(tables[0])
	if err != nil {
		f.Fatal(err)
	}
	st, err := DecodeStakeTableJSON(tb)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		qc, err := DecodeQCJSON(b)
		if err != nil {
			return
		}
		if st.VerifyQC(qc, qc.LeafCommit) == nil && (qc.Signature == nil || qc.Signers.Len() != st.Len()) {
			t.Fatal("verified a certificate without signatures or of another size")
		}
	})
}
