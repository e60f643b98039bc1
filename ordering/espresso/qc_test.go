package espresso

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop/crypto/bls/bn254"
	"github.com/interopkit/interop/ordering"
)

// qcFixture is a directory of testdata/qc: qc_*.json certificates as HotShot wrote them
// and, where the signers' table is known, the stake_table.json that signed them.
type qcFixture struct {
	dir   string
	table []byte
	qcs   map[string][]byte
}

func loadQCFixtures(t *testing.T) []qcFixture {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join("testdata", "qc", "*"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no QC fixtures: %v", err)
	}
	var out []qcFixture
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		f := qcFixture{dir: dir, qcs: map[string][]byte{}}
		// stake_table.json is optional: without it, certificates are only decoded and
		// their vote commitments checked.
		if f.table, err = os.ReadFile(filepath.Join(dir, "stake_table.json")); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		qcs, _ := filepath.Glob(filepath.Join(f.dir, "qc_*.json"))
		for _, q := range qcs {
			b, err := os.ReadFile(q)
			if err != nil {
				t.Fatal(err)
			}
			f.qcs[filepath.Base(q)] = b
		}
		if len(f.qcs) == 0 {
			continue // e.g. leaf_v3: leaves with their QCs, read by TestConformanceSignedLeafQC
		}
		out = append(out, f)
	}
	return out
}

// TestConformanceQC decodes real HotShot certificates and their stake tables, recomputes
// every vote commitment upstream wrote (QuorumData2 then VersionedVoteData, committable),
// verifies every signed QC, refuses the unsigned genesis QC with ErrNoSignatures, and
// re-encodes each certificate to its upstream bytes (where upstream wrote the compact
// member order; sorted pretty-printed ones must decode back to the same certificate).
func TestConformanceQC(t *testing.T) {
	signed := 0
	for _, f := range loadQCFixtures(t) {
		var st *StakeTable
		if f.table != nil {
			var err error
			if st, err = DecodeStakeTableJSON(f.table); err != nil {
				t.Fatalf("%s: %v", f.dir, err)
			}
		}
		for name, raw := range f.qcs {
			t.Run(filepath.Base(f.dir)+"/"+name, func(t *testing.T) {
				qc, err := DecodeQCJSON(raw)
				if err != nil {
					t.Fatal(err)
				}
				if got := qc.ExpectedVoteCommitment(); got != qc.VoteCommitment {
					t.Fatalf("vote commitment %x, upstream %x", got, qc.VoteCommitment)
				}
				enc, _ := qc.MarshalJSON()
				if compact := compactJSON(t, raw); strings.HasPrefix(compact, `{"data":{"leaf_commit"`) && compact != string(enc) {
					t.Fatalf("re-encodes as\n%s\nupstream\n%s", enc, compact)
				}
				if again, err := DecodeQCJSON(enc); err != nil || again.ExpectedVoteCommitment() != qc.VoteCommitment {
					t.Fatalf("re-encoding does not decode to the same certificate: %v", err)
				}
				if st == nil {
					return
				}
				err = st.VerifyQC(qc, qc.LeafCommit)
				if qc.Signature == nil {
					if !errors.Is(err, ErrNoSignatures) {
						t.Fatalf("unsigned QC: %v", err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				signed++
			})
		}
	}
	if signed == 0 {
		t.Fatal("no signed QC verified")
	}
}

// compactJSON is raw without insignificant whitespace, member order kept.
func compactJSON(t *testing.T, raw []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// qcSentinels are the errors a refused real certificate must name.
var qcSentinels = []error{ErrQC, ErrBitVec, ErrNoSignatures, ErrVoteCommitment, ErrLeafMismatch,
	ErrQCSignature, ErrTaggedBase64, ErrChecksum, ErrTag, bn254.ErrInvalidLength, bn254.ErrInvalidEncoding,
	bn254.ErrNotCanonical, bn254.ErrNotOnCurve, bn254.ErrInfinity, bn254.ErrTaggedBase64, bn254.ErrChecksum,
	bn254.ErrTag, ordering.ErrNoQuorum, ordering.ErrNoSigners, ordering.ErrBitmap}

func namedQCError(err error) bool {
	for _, s := range qcSentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestConformanceQCTamper changes every byte of every real signed certificate in turn (to
// another byte of the same JSON class, so most changes stay well-formed JSON): each change
// is refused, when decoded or when verified against the same leaf, with a named sentinel,
// or leaves the certificate's meaning unchanged (it decodes to the same certificate).
func TestConformanceQCTamper(t *testing.T) {
	for _, sq := range signedQCs(t) {
		origEnc, _ := sq.qc.MarshalJSON()
		for i := range sq.raw {
			b := append([]byte(nil), sq.raw...)
			b[i] = tamperByte(b[i])
			qc, err := DecodeQCJSON(b)
			if err == nil {
				if enc, _ := qc.MarshalJSON(); string(enc) == string(origEnc) {
					continue // e.g. whitespace
				}
				if err = sq.table.VerifyQC(qc, sq.qc.LeafCommit); err == nil {
					t.Fatalf("%s: byte %d (%q→%q) still verifies", sq.name, i, sq.raw[i], b[i])
				}
			}
			if !namedQCError(err) {
				t.Fatalf("%s: byte %d (%q→%q): unnamed error %v", sq.name, i, sq.raw[i], b[i], err)
			}
		}
	}
}

// signedQC is a real signed certificate with the stake table that signed it.
type signedQC struct {
	name  string
	raw   []byte
	qc    *QuorumCertificate
	table *StakeTable
}

// signedQCs returns every signed certificate of the fixtures that have a stake table.
func signedQCs(t *testing.T) []signedQC {
	t.Helper()
	var out []signedQC
	for _, f := range loadQCFixtures(t) {
		if f.table == nil {
			continue
		}
		st, err := DecodeStakeTableJSON(f.table)
		if err != nil {
			t.Fatal(err)
		}
		for name, raw := range f.qcs {
			qc, err := DecodeQCJSON(raw)
			if err != nil {
				t.Fatal(err)
			}
			if qc.Signature != nil {
				out = append(out, signedQC{name: filepath.Join(f.dir, name), raw: raw, qc: qc, table: st})
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no signed QC fixtures")
	}
	return out
}

// tamperByte maps a byte to another of its kind: digits to digits, letters to letters,
// anything else to a letter.
func tamperByte(c byte) byte {
	switch {
	case c >= '0' && c <= '8':
		return c + 1
	case c == '9':
		return '0'
	case c >= 'a' && c < 'z', c >= 'A' && c < 'Z':
		return c + 1
	case c == 'z':
		return 'a'
	case c == 'Z':
		return 'A'
	}
	return 'x'
}

// TestConformanceStakeTableTamper changes every byte of every real stake table in turn:
// each change is refused with a named sentinel, or leaves the table's meaning unchanged
// (whitespace, the skipped state_ver_key), or changes only a stake — stakes carry no
// checksum, which is why a stake table must come from a trusted source (see the Part
// comment in qc.go).
func TestConformanceStakeTableTamper(t *testing.T) {
	for _, f := range loadQCFixtures(t) {
		if f.table == nil {
			continue
		}
		orig, err := DecodeStakeTableJSON(f.table)
		if err != nil {
			t.Fatal(err)
		}
		origEnc, _ := orig.MarshalJSON()
		stakeOnly := 0
		for i := range f.table {
			b := append([]byte(nil), f.table...)
			b[i] = tamperByte(b[i])
			st, err := DecodeStakeTableJSON(b)
			if err != nil {
				if !namedQCError(err) && !errors.Is(err, ErrStakeTable) && !errors.Is(err, ErrStakeAmount) &&
					!errors.Is(err, ordering.ErrZeroStake) && !errors.Is(err, ordering.ErrDuplicateSigner) {
					t.Fatalf("%s byte %d: unnamed error %v", f.dir, i, err)
				}
				continue
			}
			if enc, _ := st.MarshalJSON(); string(enc) == string(origEnc) {
				continue
			}
			if st.Len() != orig.Len() {
				t.Fatalf("%s byte %d: accepted with %d entries", f.dir, i, st.Len())
			}
			for j := range st.Len() {
				if !st.Entry(j).Key.Equal(orig.Entry(j).Key) {
					t.Fatalf("%s byte %d: accepted with key %d changed", f.dir, i, j)
				}
			}
			stakeOnly++
		}
		t.Logf("%s: %d one-byte changes accepted, each changing only a stake", f.dir, stakeOnly)
	}
}
