package espresso

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

// TestBoundsVID holds the VID decoders and the verifier to the project's memory bound on
// real and on hostile inputs (long byte arrays, many transactions, long tx tables).
func TestBoundsVID(t *testing.T) {
	real, err := os.ReadFile("testdata/vid/v3/ns_proof_V1.json")
	if err != nil {
		t.Fatal(err)
	}
	hostile.Bounded(t, "real response", len(real), func() { _, _ = DecodeNamespaceProofResponse(real) })

	arr := `{"V1":{"ns_index":0,"ns_payload":[` + strings.Repeat("255,", 1<<15) + `0],"ns_proof":"` + vidFormatMerkleProof(nil) + `"}}`
	hostile.Bounded(t, "byte array payload", len(arr), func() {
		if _, err := DecodeNsProofJSON([]byte(arr)); err != nil {
			t.Fatal(err)
		}
	})

	var many bytes.Buffer
	many.WriteString(`{"proof":null,"transactions":[`)
	for i := range 1 << 12 {
		if i > 0 {
			many.WriteByte(',')
		}
		fmt.Fprintf(&many, `{"namespace":%d,"payload":""}`, i)
	}
	many.WriteString(`]}`)
	hostile.Bounded(t, "many transactions", many.Len(), func() {
		if _, err := DecodeNamespaceProofResponse(many.Bytes()); err != nil {
			t.Fatal(err)
		}
	})

	table := make([]byte, 1<<16)
	table[0], table[1], table[2], table[3] = 0xff, 0xff, 0, 0
	hostile.Bounded(t, "long tx table", len(table), func() { _ = SplitNsPayload(1, table) })

	deep := `{"V1":{"ns_index":0,"ns_payload":"","ns_proof":"MERKLE_PROOF~` + strings.Repeat("A", 1<<16) + `"}}`
	hostile.Bounded(t, "oversized Merkle proof", len(deep), func() {
		if _, err := DecodeNsProofJSON([]byte(deep)); err == nil {
			t.Fatal("accepted")
		}
	})

	// verification: memory follows the parameter's weights, not the payload
	param := AvidMParam{RecoveryThreshold: 4, TotalWeights: 10}
	payload, tbl, _ := BuildPayload([]Transaction{{1, bytes.Repeat([]byte{7}, 1<<16)}})
	root, p, err := ProveNamespace(param, payload, tbl, 1)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Bounded(t, "verify 64 KiB namespace", len(payload), func() {
		if _, err := VerifyNamespaceProof(root, tbl, param, 1, p); err != nil {
			t.Fatal(err)
		}
	})
	gf2Init() // the process-wide tables are a fixed cost, not the input's
	root2, p2, err := ProveNamespaceScheme(VIDSchemeAvidmGf2, param, payload, tbl, 1)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Bounded(t, "verify 64 KiB namespace, GF(2^16)", len(payload), func() {
		if _, err := VerifyNamespaceProof(root2, tbl, param, 1, p2); err != nil {
			t.Fatal(err)
		}
	})
}

// TestConcurrentNamespaceProofResponse: one decoded response verified from many goroutines.
func TestConcurrentNamespaceProofResponse(t *testing.T) {
	payload, tbl, _ := BuildPayload([]Transaction{{1, []byte("a")}, {2, []byte("b")}, {1, []byte("c")}})
	param := AvidMParam{RecoveryThreshold: 2, TotalWeights: 6}
	root, p, _ := ProveNamespace(param, payload, tbl, 1)
	r := &NamespaceProofResponse{Proof: p, Transactions: SplitNsPayload(1, p.NsPayload)}
	hostile.Concurrent(t, 4, func(int) {
		if _, err := r.Verify(root, tbl, param, 1); err != nil {
			t.Error(err)
		}
	})
}
