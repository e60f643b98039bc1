package radius

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/interopkit/interop"
)

// TestEIP191Digest pins the personal_sign hash to the value ethers' hashMessage documents
// for "hello world".
func TestEIP191Digest(t *testing.T) {
	got := eip191Digest([]byte("hello world"))
	if want := "d9eba16ed0ecae432b71fe008c98cc872bb4cc214d3220a36f365326cf807d68"; hex.EncodeToString(got[:]) != want {
		t.Fatalf("hashMessage(hello world) = %x, want %s", got, want)
	}
}

// TestSigningBytesLayout spells out bincode 1.x's encoding of OrderCommitmentData by hand:
// u64 little-endian lengths and integers, the hashes as 66-byte strings.
func TestSigningBytesLayout(t *testing.T) {
	d := OrderCommitmentData{
		RollupID:         "ab",
		BlockHeight:      0x0102,
		TransactionOrder: 3,
		TransactionHash:  interop.Hash{0xff},
		PreMerklePath:    []interop.Hash{{0x01}},
	}
	h0 := "0xff" + strings.Repeat("00", 31)
	h1 := "0x01" + strings.Repeat("00", 31)
	want := "0200000000000000" + hex.EncodeToString([]byte("ab")) +
		"0201000000000000" + "0300000000000000" +
		"4200000000000000" + hex.EncodeToString([]byte(h0)) +
		"0100000000000000" + "4200000000000000" + hex.EncodeToString([]byte(h1))
	if got := hex.EncodeToString(d.AppendSigningBytes(nil)); got != want {
		t.Fatalf("signing bytes\n%s\nwant\n%s", got, want)
	}
	if LeafHash(interop.Hash{0xff}) != keccakString(h0) {
		t.Fatal("leaf is not keccak of the hash's hex string")
	}
}

func keccakString(s string) interop.Hash { return TxHash([]byte(s)) }
