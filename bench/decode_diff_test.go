package bench

// Decoders against go-ethereum on random and mutated bytes: internal/rlp.Split against
// rlp.Split, mpt.DecodeReceipt against types.Receipt.UnmarshalBinary, mpt.DecodeAccount
// against rlp.DecodeBytes into types.StateAccount. Each test starts from valid encodings
// go-ethereum produced, mutates them (byte flips, truncation, insertion, header rewrites)
// and requires the two libraries to accept the same inputs and decode the same values.
// Where the libraries differ by design the difference is named in the test and checked to
// be the only reason.

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	gethrlp "github.com/ethereum/go-ethereum/rlp"
	"github.com/holiman/uint256"
	"pgregory.net/rapid"

	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/proof/mpt"
)

// mutate draws a small corruption of b: a byte replaced, a bit flipped, bytes cut from the
// end, a byte inserted, or the first byte (usually a header) replaced. It may return b.
func mutate(t *rapid.T, b []byte) []byte {
	out := bytes.Clone(b)
	if len(out) == 0 {
		return append(out, rapid.Byte().Draw(t, "byte"))
	}
	switch rapid.IntRange(0, 5).Draw(t, "mutation") {
	case 0:
		out[rapid.IntRange(0, len(out)-1).Draw(t, "at")] = rapid.Byte().Draw(t, "byte")
	case 1:
		i := rapid.IntRange(0, len(out)-1).Draw(t, "at")
		out[i] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
	case 2:
		out = out[:rapid.IntRange(0, len(out)-1).Draw(t, "len")]
	case 3:
		i := rapid.IntRange(0, len(out)).Draw(t, "at")
		out = append(out[:i], append([]byte{rapid.Byte().Draw(t, "byte")}, out[i:]...)...)
	case 4:
		out[0] = rapid.Byte().Draw(t, "byte")
	}
	return out
}

// rlpValue draws the go-ethereum encoding of a random RLP tree: strings of lengths around
// the 1/55/56 boundaries and lists of such items, up to three deep.
func rlpValue(t *rapid.T, depth int) []byte {
	if depth > 0 && rapid.Bool().Draw(t, "isList") {
		var items []any
		for range rapid.IntRange(0, 4).Draw(t, "items") {
			items = append(items, gethrlp.RawValue(rlpValue(t, depth-1)))
		}
		enc, err := gethrlp.EncodeToBytes(items)
		if err != nil {
			t.Fatal(err)
		}
		return enc
	}
	n := rapid.SampledFrom([]int{0, 1, 2, 55, 56, 57, 300}).Draw(t, "strLen")
	s := rapid.SliceOfN(rapid.Byte(), n, n).Draw(t, "str")
	enc, err := gethrlp.EncodeToBytes(s)
	if err != nil {
		t.Fatal(err)
	}
	return enc
}

// TestDifferentialRLPSplit: both Splits accept the same headers and cut them the same way,
// walked recursively through every list.
func TestDifferentialRLPSplit(t *testing.T) {
	var walk func(t *rapid.T, b []byte) (accepted bool)
	walk = func(t *rapid.T, b []byte) bool {
		for len(b) > 0 {
			gk, gc, gr, gerr := gethrlp.Split(b)
			k, c, r, err := rlp.Split(b)
			if (gerr == nil) != (err == nil) {
				t.Fatalf("Split(%x): go-ethereum %v, interop %v", b, gerr, err)
			}
			if err != nil {
				return false
			}
			if (gk == gethrlp.List) != (k == rlp.List) || !bytes.Equal(gc, c) || !bytes.Equal(gr, r) {
				t.Fatalf("Split(%x): go-ethereum (%v, %x, %x), interop (%v, %x, %x)", b, gk, gc, gr, k, c, r)
			}
			if k == rlp.List && !walk(t, c) {
				return false
			}
			b = r
		}
		return true
	}
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		enc := rlpValue(t, 3)
		if !walk(t, enc) {
			t.Fatalf("valid encoding %x refused", enc)
		}
		if walk(t, mutate(t, enc)) {
			accepted++
		} else {
			refused++
		}
	})
	t.Logf("mutated encodings: %d accepted by both, %d refused by both", accepted, refused)
}

// gethReceipt draws a receipt of a type go-ethereum encodes (0–4), pre- or post-Byzantium.
func gethReceipt(t *rapid.T) *types.Receipt {
	r := &types.Receipt{Type: uint8(rapid.IntRange(0, 4).Draw(t, "type"))}
	if rapid.IntRange(0, 4).Draw(t, "preByzantium") == 0 {
		r.PostState = rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "postState")
	} else {
		r.Status = uint64(rapid.IntRange(0, 1).Draw(t, "status"))
	}
	r.CumulativeGasUsed = rapid.Uint64().Draw(t, "gas")
	copy(r.Bloom[:], rapid.SliceOfN(rapid.Byte(), 0, 256).Draw(t, "bloom"))
	for range rapid.IntRange(0, 3).Draw(t, "logs") {
		l := &types.Log{Address: common.BytesToAddress(rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(t, "addr"))}
		for range rapid.IntRange(0, 4).Draw(t, "topics") {
			l.Topics = append(l.Topics, common.BytesToHash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "topic")))
		}
		l.Data = rapid.SliceOfN(rapid.Byte(), 0, 80).Draw(t, "data")
		r.Logs = append(r.Logs, l)
	}
	return r
}

// TestDifferentialReceipts: DecodeReceipt reads go-ethereum's encodings to the same values,
// re-encodes them byte for byte, and accepts exactly the mutations go-ethereum accepts —
// except, by design, an envelope type above 4 (go-ethereum: not supported; here: decoded,
// so receipts of new or L2 types such as OP's 0x7e deposits can be proven) and a log with
// more than four topics (no EVM can emit one; go-ethereum decodes it).
func TestDifferentialReceipts(t *testing.T) {
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		g := gethReceipt(t)
		enc, err := g.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		o, err := mpt.DecodeReceipt(enc)
		if err != nil {
			t.Fatalf("DecodeReceipt(%x): %v", enc, err)
		}
		if err := sameReceipt(g, &o); err != nil {
			t.Fatalf("DecodeReceipt(%x): %v", enc, err)
		}
		if again := o.EncodeRLP(nil); !bytes.Equal(again, enc) {
			t.Fatalf("EncodeRLP %x, go-ethereum %x", again, enc)
		}
		bad := mutate(t, enc)
		var gm types.Receipt
		gerr := gm.UnmarshalBinary(bad)
		om, err := mpt.DecodeReceipt(bad)
		switch {
		case gerr == nil && err == nil:
			if err := sameReceipt(&gm, &om); err != nil {
				t.Fatalf("mutated %x: %v", bad, err)
			}
			accepted++
		case gerr != nil && err != nil:
			refused++
		case err == nil && len(bad) > 0 && bad[0] > 4 && bad[0] < 0x80:
			// an envelope type go-ethereum does not know
		case gerr == nil && tooManyTopics(&gm):
		default:
			t.Fatalf("mutated %x: go-ethereum %v, interop %v", bad, gerr, err)
		}
	})
	t.Logf("mutated receipts: %d accepted by both, %d refused by both", accepted, refused)
}

func tooManyTopics(r *types.Receipt) bool {
	for _, l := range r.Logs {
		if len(l.Topics) > 4 {
			return true
		}
	}
	return false
}

// TestDifferentialAccounts: DecodeAccount against go-ethereum's StateAccount decoding on
// its encodings and their mutations. By design DecodeAccount requires a 32-byte code
// hash, which go-ethereum (a []byte field) does not check.
func TestDifferentialAccounts(t *testing.T) {
	accepted, refused := 0, 0
	rapid.Check(t, func(t *rapid.T) {
		bal := new(big.Int).SetBytes(rapid.SliceOfN(rapid.Byte(), 0, 32).Draw(t, "balance"))
		g := types.StateAccount{
			Nonce:    rapid.Uint64().Draw(t, "nonce"),
			Balance:  uint256.MustFromBig(bal),
			Root:     common.BytesToHash(rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "root")),
			CodeHash: rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, "codeHash"),
		}
		enc, err := gethrlp.EncodeToBytes(&g)
		if err != nil {
			t.Fatal(err)
		}
		same := func(g *types.StateAccount, o *mpt.Account) bool {
			return g.Nonce == o.Nonce && g.Balance.Eq(&o.Balance) && g.Root == common.Hash(o.StorageRoot) && bytes.Equal(g.CodeHash, o.CodeHash[:])
		}
		o, err := mpt.DecodeAccount(enc)
		if err != nil || !same(&g, &o) {
			t.Fatalf("DecodeAccount(%x) = %+v, %v; go-ethereum %+v", enc, o, err, g)
		}
		if again := o.EncodeRLP(nil); !bytes.Equal(again, enc) {
			t.Fatalf("EncodeRLP %x, go-ethereum %x", again, enc)
		}
		bad := mutate(t, enc)
		var gm types.StateAccount
		gerr := gethrlp.DecodeBytes(bad, &gm)
		om, err := mpt.DecodeAccount(bad)
		switch {
		case gerr == nil && err == nil:
			if !same(&gm, &om) {
				t.Fatalf("mutated %x: interop %+v, go-ethereum %+v", bad, om, gm)
			}
			accepted++
		case gerr != nil && err != nil:
			refused++
		case gerr == nil && len(gm.CodeHash) != 32:
		default:
			t.Fatalf("mutated %x: go-ethereum %v, interop %v", bad, gerr, err)
		}
	})
	t.Logf("mutated accounts: %d accepted by both, %d refused by both", accepted, refused)
}
