package kzg

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/vectors"
)

// errBadLength marks an input the fixed-size Go types cannot even hold (a 47-byte
// commitment, a blob one byte short): the c-kzg vectors expect an error there, and the type
// system is what rejects it.
var errBadLength = errors.New("input has the wrong length for its type")

// kzgCase is one c-kzg-4844 data.yaml: its function (the folder above the case), input
// and expected output (nil for "must fail").
type kzgCase struct {
	fn, name string
	input    map[string]any
	output   any
}

// kzgHandler runs one case and returns its output as lower-case 0x-hex strings, bools and
// nested []any, in the shape of the YAML output.
type kzgHandler func(in map[string]any) (any, error)

var kzgHandlers = map[string]kzgHandler{}

func loadKZGCases(t *testing.T) []kzgCase {
	t.Helper()
	var out []kzgCase
	for _, path := range vectors.Files(t, "zk", "kzg/*/*/data.yaml") {
		v, err := vectors.ParseYAML(vectors.Read(t, path))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%s: not a mapping", path)
		}
		in, _ := m["input"].(map[string]any)
		caseDir := filepath.Dir(path)
		out = append(out, kzgCase{
			fn:     filepath.Base(filepath.Dir(caseDir)),
			name:   filepath.Base(caseDir),
			input:  in,
			output: m["output"],
		})
	}
	return out
}

func TestConformanceKZG(t *testing.T) {
	counts := map[string][2]int{}
	for _, c := range loadKZGCases(t) {
		h, ok := kzgHandlers[c.fn]
		if !ok {
			t.Errorf("%s/%s: no handler for function %q", c.fn, c.name, c.fn)
			continue
		}
		t.Run(c.fn+"/"+c.name, func(t *testing.T) {
			got, err := h(c.input)
			if c.output == nil {
				if err == nil {
					t.Fatalf("want an error, got %v", short(got))
				}
				if !errors.Is(err, errBadLength) && !isSentinel(err) {
					t.Fatalf("error does not wrap a package sentinel: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("want %v, got error %v", short(c.output), err)
			}
			if !sameOutput(got, c.output) {
				t.Fatalf("got %v\nwant %v", short(got), short(c.output))
			}
		})
		n := counts[c.fn]
		if c.output == nil {
			n[1]++
		} else {
			n[0]++
		}
		counts[c.fn] = n
	}
	for fn, n := range counts {
		t.Logf("%-32s %3d with output, %3d must-fail", fn, n[0], n[1])
	}
}

func isSentinel(err error) bool {
	for _, s := range []error{ErrInvalidProof, ErrInvalidFieldElement, ErrInvalidPoint, ErrNotInSubgroup,
		ErrLengthMismatch, ErrInvalidLength, ErrVersionedHashMismatch, ErrInvalidCellIndex,
		ErrDuplicateCellIndex, ErrNotEnoughCells} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// sameOutput compares a handler result with the YAML output (strings, "true"/"false", lists).
func sameOutput(got, want any) bool {
	switch w := want.(type) {
	case string:
		switch g := got.(type) {
		case bool:
			return strconv.FormatBool(g) == w
		case string:
			return strings.EqualFold(g, w)
		}
		return false
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !sameOutput(g[i], w[i]) {
				return false
			}
		}
		return true
	}
	return false
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

func hexOf(b []byte) string { return "0x" + hex.EncodeToString(b) }

// fixedHex decodes the 0x-hex string field into dst, or reports errBadLength.
func fixedHex(v any, dst []byte) error {
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("not a string: %v", v)
	}
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		return fmt.Errorf("bad hex: %w", err)
	}
	if len(b) != len(dst) {
		return fmt.Errorf("%w: %d bytes, want %d", errBadLength, len(b), len(dst))
	}
	copy(dst, b)
	return nil
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func init() {
	kzgHandlers["blob_to_kzg_commitment"] = func(in map[string]any) (any, error) {
		blob := new(Blob)
		if err := fixedHex(in["blob"], blob[:]); err != nil {
			return nil, err
		}
		c, err := BlobToKZGCommitment(blob)
		return hexOf(c[:]), err
	}
	kzgHandlers["compute_kzg_proof"] = func(in map[string]any) (any, error) {
		blob := new(Blob)
		var z [32]byte
		if err := fixedHex(in["blob"], blob[:]); err != nil {
			return nil, err
		}
		if err := fixedHex(in["z"], z[:]); err != nil {
			return nil, err
		}
		p, y, err := ComputeKZGProof(blob, z)
		return []any{hexOf(p[:]), hexOf(y[:])}, err
	}
	kzgHandlers["compute_blob_kzg_proof"] = func(in map[string]any) (any, error) {
		blob := new(Blob)
		var c Commitment
		if err := fixedHex(in["blob"], blob[:]); err != nil {
			return nil, err
		}
		if err := fixedHex(in["commitment"], c[:]); err != nil {
			return nil, err
		}
		p, err := ComputeBlobKZGProof(blob, c)
		return hexOf(p[:]), err
	}
	kzgHandlers["verify_kzg_proof"] = func(in map[string]any) (any, error) {
		var c Commitment
		var p Proof
		var z, y [32]byte
		for _, f := range []struct {
			k string
			b []byte
		}{{"commitment", c[:]}, {"z", z[:]}, {"y", y[:]}, {"proof", p[:]}} {
			if err := fixedHex(in[f.k], f.b); err != nil {
				return nil, err
			}
		}
		return verdict(VerifyKZGProof(c, z, y, p))
	}
	kzgHandlers["verify_blob_kzg_proof"] = func(in map[string]any) (any, error) {
		blob := new(Blob)
		var c Commitment
		var p Proof
		for _, f := range []struct {
			k string
			b []byte
		}{{"blob", blob[:]}, {"commitment", c[:]}, {"proof", p[:]}} {
			if err := fixedHex(in[f.k], f.b); err != nil {
				return nil, err
			}
		}
		return verdict(VerifyBlobKZGProof(blob, c, p))
	}
	kzgHandlers["verify_blob_kzg_proof_batch"] = func(in map[string]any) (any, error) {
		bl, cl, pl := list(in["blobs"]), list(in["commitments"]), list(in["proofs"])
		blobs := make([]Blob, len(bl))
		cs := make([]Commitment, len(cl))
		ps := make([]Proof, len(pl))
		for i := range bl {
			if err := fixedHex(bl[i], blobs[i][:]); err != nil {
				return nil, err
			}
		}
		for i := range cl {
			if err := fixedHex(cl[i], cs[i][:]); err != nil {
				return nil, err
			}
		}
		for i := range pl {
			if err := fixedHex(pl[i], ps[i][:]); err != nil {
				return nil, err
			}
		}
		return verdict(VerifyBlobKZGProofBatch(blobs, cs, ps))
	}
}

// verdict maps a verifier's error to the vectors' true / false / error: ErrInvalidProof
// alone is "false", anything else is an error.
func verdict(err error) (any, error) {
	if err == nil {
		return true, nil
	}
	if errors.Is(err, ErrInvalidProof) {
		return false, nil
	}
	return nil, err
}

func TestConformancePointEvaluation(t *testing.T) {
	for _, path := range vectors.Files(t, "zk", "evm-precompiles/pointEvaluation*.json") {
		var cases []struct {
			Input, Expected, Name string
			Gas                   uint64
		}
		if err := json.Unmarshal(vectors.Read(t, path), &cases); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) {
				in, err := hex.DecodeString(c.Input)
				if err != nil {
					t.Fatal(err)
				}
				out, err := PointEvaluationPrecompile(in)
				if c.Expected == "" {
					if err == nil {
						t.Fatalf("want failure, got %x", out)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if got := hex.EncodeToString(out[:]); got != strings.ToLower(c.Expected) {
					t.Fatalf("got %s want %s", got, c.Expected)
				}
				if c.Gas != PointEvaluationPrecompileGas {
					t.Fatalf("gas %d, constant %d", c.Gas, PointEvaluationPrecompileGas)
				}
			})
		}
	}
}
