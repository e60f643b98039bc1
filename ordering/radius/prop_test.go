package radius_test

import (
	"errors"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/radius"
	"github.com/interopkit/interop/ordering/radius/radiustest"
	"github.com/interopkit/interop/proof/merkle"
)

func TestPropHonestBlockRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		key := radiustest.Key().Draw(t, "key")
		b := radiustest.Block(key).Draw(t, "block")
		txs, err := radius.DecodeRawTransactionListJSON(radius.AppendRawTransactionList(nil, b.Txs))
		if err != nil || !reflect.DeepEqual(txs, b.Txs) {
			t.Fatalf("tx list round trip: %v", err)
		}
		for i, c := range b.Commitments {
			if !c.Data.NoTransactionHash {
				c.Form = rapid.SampledFrom([]radius.Form{radius.FormHex, radius.FormBatch}).Draw(t, "form")
			}
			got, err := radius.DecodeOrderCommitmentJSON(c.AppendJSON(nil))
			if err != nil {
				t.Fatalf("commitment %d: %v", i, err)
			}
			if !reflect.DeepEqual(got, c) {
				t.Fatalf("commitment %d: %+v, want %+v", i, got, c)
			}
			if err := got.Verify(key.Address()); err != nil {
				t.Fatalf("commitment %d: %v", i, err)
			}
			if err := got.Data.CheckBlock(txs); err != nil {
				t.Fatalf("commitment %d against its block: %v", i, err)
			}
			leaves := make([]interop.Hash, i)
			for j := range leaves {
				leaves[j] = radius.LeafHash(radius.TxHash(txs[j]))
			}
			if p := radius.PreMerklePath(leaves); !reflect.DeepEqual(p, c.Data.PreMerklePath) {
				t.Fatalf("commitment %d: PreMerklePath %x, orderer's %x", i, p, c.Data.PreMerklePath)
			}
			br := radius.Breach{Commitment: got, Txs: txs}
			if err := br.Verify(key.Address()); !errors.Is(err, radius.ErrNotBreach) || !errors.Is(err, ordering.ErrNotBreach) {
				t.Fatalf("honest block gave %v", err)
			}
			p, err := got.Data.Preconf(7)
			if got.Data.NoTransactionHash {
				if !errors.Is(err, ordering.ErrInvalidPreconf) {
					t.Fatalf("preconf without a transaction: %v", err)
				}
				continue
			}
			if err != nil || p.Tx != c.Data.TransactionHash || !p.HasPosition || int(p.Position) != i || p.First != p.Deadline {
				t.Fatalf("preconf %+v, %v", p, err)
			}
		}
	})
}

// breaks reports whether a block changed from the honest one breaks commitment i: it does
// exactly when the committed transaction moved or anything before it changed.
func TestPropOmittedInsertedReorderedRefused(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		key := radiustest.Key().Draw(t, "key")
		b := radiustest.Block(key).Draw(t, "block")
		n := len(b.Txs)
		var bad [][]byte
		var first int // first index whose transaction or prefix changed
		switch rapid.IntRange(0, 2).Draw(t, "kind") {
		case 0:
			first = rapid.IntRange(0, n-1).Draw(t, "omit")
			bad = radiustest.Omit(b.Txs, first)
		case 1:
			first = rapid.IntRange(0, n).Draw(t, "insert")
			bad = radiustest.Insert(b.Txs, first, []byte("inserted by the leader"))
		default:
			if n < 2 {
				t.Skip("one transaction cannot be reordered")
			}
			i := rapid.IntRange(0, n-2).Draw(t, "i")
			j := rapid.IntRange(i+1, n-1).Draw(t, "j")
			first = i
			bad = radiustest.Swap(b.Txs, i, j)
		}
		for i, c := range b.Commitments {
			br := radius.Breach{Commitment: c, Txs: bad}
			err := br.Verify(key.Address())
			// Without a transaction hash only the prefix and the position's existence
			// are committed: a change at the position itself goes unseen.
			blind := c.Data.NoTransactionHash && i == first && i < len(bad)
			if i < first || blind {
				if !errors.Is(err, radius.ErrNotBreach) {
					t.Fatalf("commitment %d before the change %d: %v", i, first, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("commitment %d, change at %d: %v", i, first, err)
			}
			if r := br.Reason(); !errors.Is(r, radius.ErrPosition) && !errors.Is(r, radius.ErrPrefix) {
				t.Fatalf("reason %v", r)
			}
			other := radiustest.Key().Draw(t, "other")
			if other.Address() != key.Address() {
				if err := br.Verify(other.Address()); !errors.Is(err, radius.ErrWrongSigner) {
					t.Fatalf("breach against another orderer: %v", err)
				}
			}
		}
	})
}

func TestPropTamperedSignatureRefused(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		key := radiustest.Key().Draw(t, "key")
		b := radiustest.Block(key).Draw(t, "block")
		c := b.Commitments[rapid.IntRange(0, len(b.Commitments)-1).Draw(t, "i")]
		i := rapid.IntRange(0, 64).Draw(t, "byte")
		c.Signature[i] ^= 1 << rapid.IntRange(0, 7).Draw(t, "bit")
		err := c.Verify(key.Address())
		if !errors.Is(err, radius.ErrInvalidSignature) && !errors.Is(err, radius.ErrWrongSigner) {
			t.Fatalf("tampered signature byte %d: %v", i, err)
		}
	})
}

func TestPropTamperedDataRefused(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		key := radiustest.Key().Draw(t, "key")
		b := radiustest.Block(key).Draw(t, "block")
		c := b.Commitments[len(b.Commitments)-1]
		switch rapid.IntRange(0, 4).Draw(t, "field") {
		case 0:
			c.Data.RollupID += "x"
		case 1:
			c.Data.BlockHeight++
		case 2:
			c.Data.TransactionOrder++
		case 3:
			if c.Data.NoTransactionHash {
				c.Data.NoTransactionHash = false // add one the orderer did not sign
			} else {
				c.Data.TransactionHash[rapid.IntRange(0, 31).Draw(t, "i")] ^= 1
			}
		default:
			c.Data.PreMerklePath = append(c.Data.PreMerklePath, interop.Hash{})
		}
		if err := c.Verify(key.Address()); !errors.Is(err, radius.ErrWrongSigner) && !errors.Is(err, radius.ErrInvalidSignature) {
			t.Fatalf("tampered data verified: %v", err)
		}
	})
}

// TestBlockCommitmentAsUpstream pins BlockCommitment to tx_orderer's finalize_tree and
// get_merkle_root traced by hand for small blocks, quirks included.
func TestBlockCommitmentAsUpstream(t *testing.T) {
	var l [7]interop.Hash
	for i := range l {
		l[i] = radius.LeafHash(interop.Hash{byte(i + 1)})
	}
	p := merkle.Keccak256{}.Pair
	cases := []struct {
		name string
		n    int
		want interop.Hash
	}{
		{"empty block: keccak of nothing", 0, keccak.Sum256(nil)},
		{"one leaf is the root", 1, l[0]},
		{"two leaves", 2, p(l[0], l[1])},
		{"three: padded with the last leaf", 3, p(p(l[0], l[1]), p(l[2], l[2]))},
		{"four: the pending pair is never merged", 4, p(l[0], l[1])},
		{"five: upper levels padded with the last leaf, not the last node", 5, p(p(p(l[0], l[1]), p(l[2], l[3])), p(p(l[4], l[4]), l[4]))},
		{"six: the root of the first four", 6, p(p(l[0], l[1]), p(l[2], l[3]))},
	}
	for _, tc := range cases {
		got, err := radius.BlockCommitment(l[:tc.n])
		if err != nil || got != tc.want {
			t.Errorf("%s: %x, %v; want %x", tc.name, got, err, tc.want)
		}
	}
}
