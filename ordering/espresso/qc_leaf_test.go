package espresso

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop"
)

// leafCommitSigned is Leaf.Commit of a leaf the test knows to be committable.
func leafCommitSigned(t *testing.T, l *Leaf) interop.Hash {
	t.Helper()
	c, err := l.Commit()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// legacyV3Table is the stake table of the recorded v3 chain, which signed the leaf fixtures.
func legacyV3Table(t *testing.T) *StakeTable {
	t.Helper()
	tb, err := os.ReadFile(filepath.Join("testdata", "qc", "legacy_v3", "stake_table.json"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := DecodeStakeTableJSON(tb)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestConformanceSignedLeafQC takes real leaves whose justify QC is signed, with the QC
// that certifies them: SignaturesBytes reproduces hotshot-types' serialize_signature2 (the
// leaf commitment computed with it is the one the certifying QC names), and the certifying
// QC verifies against the chain's stake table for that commitment. Leaf → commitment → QC →
// stake table, end to end on HotShot's own bytes.
func TestConformanceSignedLeafQC(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "qc", "*", "leaf_query_data_*.json"))
	if len(paths) == 0 {
		t.Fatal("no leaf fixtures")
	}
	st := legacyV3Table(t)
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		q, err := DecodeLeafQueryDataJSON(raw)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if q.Leaf.JustifyQC == nil || q.Leaf.JustifyQC.Signature == nil {
			t.Fatalf("%s: justify QC not signed", p)
		}
		c := leafCommitSigned(t, &q.Leaf)
		if c != q.QC.LeafCommit {
			t.Fatalf("%s: leaf commits to %s, the QC names %s", p, FormatCommitment(commitTag, c), FormatCommitment(commitTag, q.QC.LeafCommit))
		}
		if err := st.VerifyQC(q.QC, c); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		// The justify QC is itself a real QC of the same table.
		if err := st.VerifyQC(q.Leaf.JustifyQC, q.Leaf.JustifyQC.LeafCommit); err != nil {
			t.Fatalf("%s: justify QC: %v", p, err)
		}
		// A changed signer bit changes the leaf commitment.
		jq := *q.Leaf.JustifyQC
		w := append([]uint64(nil), jq.Signers.words...)
		w[0] ^= 2
		jq.Signers.words = w
		l := q.Leaf
		l.JustifyQC = &jq
		if leafCommitSigned(t, &l) == c {
			t.Fatal("signer bits not committed")
		}
	}
}

// TestConformanceSignedLeafQCTamper changes every byte of the real leaf-and-QC fixtures in
// turn: each change is refused when decoded (a named sentinel), or yields a leaf whose
// commitment the QC does not name, or a QC that does not verify — or, where the change
// carries no meaning, the very same leaf commitment and certificate.
func TestConformanceSignedLeafQCTamper(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "qc", "*", "leaf_query_data_*.json"))
	st := legacyV3Table(t)
	named := append([]error{ErrJSON, ErrNumber, ErrVersion, ErrUnsupported, ErrStakeAmount}, qcSentinels...)
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		orig, err := DecodeLeafQueryDataJSON(raw)
		if err != nil {
			t.Fatal(err)
		}
		origCommit := leafCommitSigned(t, &orig.Leaf)
		origQC, _ := orig.QC.MarshalJSON()
		for i := range raw {
			b := append([]byte(nil), raw...)
			b[i] = tamperByte(b[i])
			q, err := DecodeLeafQueryDataJSON(b)
			if err != nil {
				ok := false
				for _, s := range named {
					ok = ok || errors.Is(err, s)
				}
				if !ok {
					t.Fatalf("%s byte %d (%q→%q): unnamed error %v", p, i, raw[i], b[i], err)
				}
				continue
			}
			if q.Leaf.JustifyQC == nil || q.Leaf.JustifyQC.Signature == nil {
				continue // the justify QC lost its signatures: it no longer commits alike
			}
			c := leafCommitSigned(t, &q.Leaf)
			if c != q.QC.LeafCommit {
				continue
			}
			if err := st.VerifyQC(q.QC, c); err != nil {
				continue
			}
			if qcj, _ := q.QC.MarshalJSON(); c != origCommit || string(qcj) != string(origQC) {
				t.Fatalf("%s byte %d (%q→%q): a different leaf or QC verifies", p, i, raw[i], b[i])
			}
		}
	}
}
