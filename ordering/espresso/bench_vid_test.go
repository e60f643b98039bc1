package espresso

import (
	"bytes"
	"os"
	"testing"
)

// BenchmarkVerifyNamespaceProof verifies the reference namespace proof (1564-byte namespace,
// 4 of 10 weights, three namespaces).
func BenchmarkVerifyNamespaceProof(b *testing.B) {
	body, err := os.ReadFile("testdata/vid/v3/ns_proof_V1.json")
	if err != nil {
		b.Fatal(err)
	}
	r, err := DecodeNamespaceProofResponse(body)
	if err != nil {
		b.Fatal(err)
	}
	tbl := []byte{3, 0, 0, 0, 0xee, 0xff, 0xc0, 0, 0x1c, 6, 0, 0, 0xa1, 0xb0, 0xb9, 0x12, 0x40, 0x0e, 0, 0, 0x64, 0xb0, 5, 0xa2, 0x5c, 0x14, 0, 0}
	root, _ := ParseAvidMCommit("AvidMCommit~YF-HIVxIUpJxAoZDrBZWOhtcMQiydYBSFEIGawnT0cVP")
	b.SetBytes(int64(len(r.Proof.NsPayload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Verify(root, tbl, vidRefParam, 12648430); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyNamespaceProof1MiB verifies a 1 MiB namespace under 34 of 100 weights
// (⌈n/3⌉, hotshot's init_avidm_param), the shape of a busy rollup on a 100-node network.
func BenchmarkVerifyNamespaceProof1MiB(b *testing.B) { benchVerify1MiB(b, VIDSchemeAvidM) }

// BenchmarkVerifyNamespaceProofGf2_1MiB is the same in the GF(2^16) scheme (NsProof V2).
func BenchmarkVerifyNamespaceProofGf2_1MiB(b *testing.B) { benchVerify1MiB(b, VIDSchemeAvidmGf2) }

func benchVerify1MiB(b *testing.B, scheme VIDScheme) {
	param := AvidMParam{RecoveryThreshold: 34, TotalWeights: 100}
	payload, tbl, _ := BuildPayload([]Transaction{{1, bytes.Repeat([]byte{0xab}, 1<<20)}, {2, []byte("x")}})
	root, p, err := ProveNamespaceScheme(scheme, param, payload, tbl, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(p.NsPayload)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := VerifyNamespaceProof(root, tbl, param, 1, p); err != nil {
			b.Fatal(err)
		}
	}
}
