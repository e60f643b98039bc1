package eip712

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/secp256k1"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/internal/vectors"
)

// The EIP-712 vector files come in four shapes, told apart by their content rather than by
// name so that files added later are picked up: a single typed-data document (go-ethereum's
// signer testdata, "expfail_" files must fail, fuzzing corpus must not crash), an array of
// random cases with encoded data and digest, the EIP's own example with intermediate
// values, and eth-sig-util cases with signatures.

// divergent lists the sentinels HashTypedData returns where it deliberately refuses what
// eth-sig-util signs (see the package documentation).
var divergent = []error{ErrTypeMismatch, ErrInvalidHex, ErrWrongLength, ErrOutOfRange, ErrMissingField, ErrAmbiguousNumber}

func TestConformanceEIP712(t *testing.T) {
	files := vectors.Files(t, "intent", "eip712/**/*.json")
	counts := map[string]int{}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel := filepath.ToSlash(path)
		var probe any
		if err := json.Unmarshal(raw, &probe); err != nil {
			if !strings.Contains(rel, "/fuzzing/") {
				t.Errorf("%s: %v", rel, err)
				continue
			}
		}
		switch v := probe.(type) {
		case []any:
			counts["random"] += checkRandomCases(t, rel, raw)
		case map[string]any:
			switch {
			case v["expected"] != nil && v["typedData"] != nil:
				counts["example"] += checkExample(t, rel, raw)
			case v["cases"] != nil && v["privateKey"] != nil:
				m, d, e := checkSigUtil(t, rel, raw)
				counts["sig-util signed, digest matches"] += m
				counts["sig-util signed, refused as ambiguous"] += d
				counts["sig-util error, refused"] += e
			default:
				counts[checkDocument(t, rel, raw)]++
			}
		default:
			counts[checkDocument(t, rel, raw)]++
		}
	}
	for k, n := range counts {
		t.Logf("%-40s %d", k, n)
	}
}

// checkDocument hashes one go-ethereum signer testdata document.
func checkDocument(t *testing.T, rel string, raw []byte) string {
	t.Helper()
	_, err := HashTypedData(raw)
	switch {
	case strings.Contains(rel, "/fuzzing/"):
		return "geth fuzzing corpus, no crash"
	case strings.HasPrefix(filepath.Base(rel), "expfail"):
		if err == nil {
			t.Errorf("%s: hashed, must fail", rel)
		}
		return "geth expfail rejected"
	default:
		if err != nil {
			t.Errorf("%s: %v", rel, err)
		}
		return "geth valid hashed"
	}
}

func checkRandomCases(t *testing.T, rel string, raw []byte) int {
	t.Helper()
	var cases []struct {
		Name        string          `json:"name"`
		Domain      json.RawMessage `json:"domain"`
		PrimaryType string          `json:"primaryType"`
		Types       json.RawMessage `json:"types"`
		Data        json.RawMessage `json:"data"`
		Encoded     interop.Bytes   `json:"encoded"`
		Digest      interop.Hash    `json:"digest"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	n := 0
	for _, c := range cases {
		doc, _ := json.Marshal(map[string]any{"types": c.Types, "primaryType": c.PrimaryType, "domain": c.Domain, "message": c.Data})
		td, err := ParseTypedData(doc)
		if err != nil {
			t.Errorf("%s %s: %v", rel, c.Name, err)
			continue
		}
		if got := td.MessageData; string(got) != string(c.Encoded) {
			t.Errorf("%s %s: encodeData\n got %x\nwant %x", rel, c.Name, got, []byte(c.Encoded))
		}
		if got := td.Digest(); got != c.Digest {
			t.Errorf("%s %s: digest %v, want %v", rel, c.Name, got, c.Digest)
		}
		n++
	}
	return n
}

func checkExample(t *testing.T, rel string, raw []byte) int {
	t.Helper()
	var ex struct {
		TypedData json.RawMessage `json:"typedData"`
		Seed      string          `json:"privateKeySeed"`
		Expected  struct {
			EncodeType      string        `json:"encodeType_Mail"`
			TypeHash        interop.Hash  `json:"typeHash_Mail"`
			EncodeData      interop.Bytes `json:"encodeData_Mail"`
			HashStruct      interop.Hash  `json:"hashStruct_Mail"`
			DomainSeparator interop.Hash  `json:"domainSeparator"`
			Digest          interop.Hash  `json:"digest"`
			Signer          string        `json:"signerAddress"`
			V               byte          `json:"v"`
			R, S            interop.Hash
		} `json:"expected"`
	}
	if err := json.Unmarshal(raw, &ex); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	td, err := ParseTypedData(ex.TypedData)
	if err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	et, err := td.EncodeType(td.PrimaryType)
	if err != nil || et != ex.Expected.EncodeType {
		t.Errorf("%s: encodeType %q (%v), want %q", rel, et, err, ex.Expected.EncodeType)
	}
	if th := keccak.Sum256String(et); th != ex.Expected.TypeHash {
		t.Errorf("%s: typeHash %v", rel, th)
	}
	if string(td.MessageData) != string(ex.Expected.EncodeData) {
		t.Errorf("%s: encodeData %x", rel, td.MessageData)
	}
	if td.MessageHash != ex.Expected.HashStruct || td.DomainSeparator != ex.Expected.DomainSeparator || td.Digest() != ex.Expected.Digest {
		t.Errorf("%s: hashStruct %v domainSeparator %v digest %v", rel, td.MessageHash, td.DomainSeparator, td.Digest())
	}
	if ex.Seed != "" {
		key, err := secp256k1.PrivateKeyFromBytes(func() []byte { h := keccak.Sum256String(ex.Seed); return h[:] }())
		if err != nil {
			t.Fatal(err)
		}
		sig := key.Sign(td.Digest())
		if !strings.EqualFold(key.Address().String(), ex.Expected.Signer) ||
			[32]byte(sig[:32]) != ex.Expected.R || [32]byte(sig[32:64]) != ex.Expected.S || sig[64]+27 != ex.Expected.V {
			t.Errorf("%s: signature %x by %v", rel, sig, key.Address())
		}
	}
	return 1
}

// sigUtilJSON rewrites eth-sig-util's {"$buffer":"0x…"} stand-ins for Node Buffers to the
// hex strings a JSON-RPC caller would send for them.
func sigUtilJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if b, ok := x["$buffer"].(string); ok && len(x) == 1 {
			return b
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = sigUtilJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = sigUtilJSON(e)
		}
		return out
	}
	return v
}

func checkSigUtil(t *testing.T, rel string, raw []byte) (match, refused, errs int) {
	t.Helper()
	var file struct {
		PrivateKey interop.Bytes `json:"privateKey"`
		Cases      []struct {
			Name      string          `json:"name"`
			TypedData json.RawMessage `json:"typedData"`
			Signature interop.Bytes   `json:"expectedSignature"`
			Error     string          `json:"expectError"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	key, err := secp256k1.PrivateKeyFromBytes(file.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range file.Cases {
		dec := json.NewDecoder(strings.NewReader(string(c.TypedData)))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s %s: %v", rel, c.Name, err)
		}
		doc, _ := json.Marshal(sigUtilJSON(v))
		digest, err := HashTypedData(doc)
		if c.Error != "" {
			if err == nil {
				t.Errorf("%s %s: hashed, eth-sig-util fails with %q", rel, c.Name, c.Error)
			}
			errs++
			continue
		}
		if err != nil {
			ok := false
			for _, d := range divergent {
				ok = ok || errors.Is(err, d)
			}
			if !ok {
				t.Errorf("%s %s: %v", rel, c.Name, err)
			}
			t.Logf("refused (eth-sig-util signs): %s: %v", c.Name, err)
			refused++
			continue
		}
		sig := key.Sign(digest)
		sig[64] += 27
		if string(sig[:]) != string(c.Signature) {
			t.Errorf("%s %s: signature %x, want %x", rel, c.Name, sig, []byte(c.Signature))
			continue
		}
		match++
	}
	return
}

// TestConformanceTypeStrings reads every contract type string in the intent vectors
// (ERC-7683, UniswapX with Permit2 witnesses, CoW) with ParseType: each must be canonical
// and hash to the listed typehash.
func TestConformanceTypeStrings(t *testing.T) {
	n := 0
	for _, path := range vectors.Files(t, "intent", "**/*.json") {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Types []struct {
				Name       string       `json:"name"`
				TypeString string       `json:"typeString"`
				TypeHash   interop.Hash `json:"typeHash"`
			} `json:"types"`
		}
		if json.Unmarshal(raw, &f) != nil {
			continue
		}
		for _, ty := range f.Types {
			if ty.TypeString == "" {
				continue
			}
			got, err := ParseType(ty.TypeString)
			if err != nil {
				t.Errorf("%s %s: %v", path, ty.Name, err)
				continue
			}
			if got.TypeHash() != ty.TypeHash {
				t.Errorf("%s %s: typeHash %v, want %v", path, ty.Name, got.TypeHash(), ty.TypeHash)
			}
			n++
		}
	}
	t.Logf("%d type strings", n)
}
