package astria_test

import (
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
)

// TestPropBlockTxsLink: for legacy and typed blocks (with or without upgrade hashes and
// extended commit info), the raw block transactions link the CometBFT data hash to
// Astria's, and soft verification returns every rollup's transactions; a changed,
// dropped or added raw transaction, or a typed block checked without its transactions,
// is refused with ErrHeaderMismatch or ErrDecode.
func TestPropBlockTxsLink(t *testing.T) {
	v := verifier(t)
	rapid.Check(t, func(t *rapid.T) {
		rs := astriatest.Rollups(4).Draw(t, "rollups")
		user := rapid.SliceOfN(rapid.SliceOfN(rapid.Byte(), 1, 200), 0, 4).Draw(t, "user")
		typed := rapid.Bool().Draw(t, "typed")
		var blk astria.SequencerBlock
		var txs [][]byte
		if typed {
			var ups [][]byte
			if rapid.Bool().Draw(t, "upgrade") {
				ups = [][]byte{make([]byte, 32)}
			}
			var eci []byte
			if rapid.Bool().Draw(t, "eci") {
				eci = rapid.SliceOfN(rapid.Byte(), 0, 300).Draw(t, "eciBytes")
			}
			blk, txs = astriatest.BuildTyped(rs, user, ups, eci)
		} else {
			blk, txs = astriatest.Build(rs, user), astriatest.LegacyTxs(rs, user)
		}
		step := tenderminttest.AdjacentStep(t, "astria", true)
		astriatest.Sign(&step, &blk, txs)
		var ids []interop.Hash
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
		f := astriatest.Filter(&blk, ids...)
		now := astriatest.Now(&step)
		verify := func(txs [][]byte, id interop.Hash) error {
			_, _, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, now, &f, txs, id)
			return err
		}
		for _, id := range append(ids, interop.Hash{7}) {
			if err := verify(txs, id); err != nil {
				t.Fatalf("typed=%v: %v", typed, err)
			}
		}
		if typed {
			if err := verify(nil, interop.Hash{7}); !errors.Is(err, astria.ErrHeaderMismatch) {
				t.Fatalf("typed block without its txs: %v", err)
			}
		}
		bad := slices.Clone(txs)
		switch op := rapid.IntRange(0, 2).Draw(t, "op"); op {
		case 0:
			i := rapid.IntRange(0, len(bad)-1).Draw(t, "tx")
			bad[i] = append(slices.Clone(bad[i]), 0)
		case 1:
			bad = append(bad, []byte("extra"))
		case 2:
			bad = bad[:len(bad)-1]
		}
		if err := verify(bad, interop.Hash{7}); !errors.Is(err, astria.ErrHeaderMismatch) && !errors.Is(err, astria.ErrDecode) {
			t.Fatalf("tampered block txs: %v", err)
		}
	})
}

// TestMatchSignedHeaderFields: each field of the sequencer header that the CometBFT
// header also holds is compared.
func TestMatchSignedHeaderFields(t *testing.T) {
	step := astriatest.FixedStep("astria", 4, 9)
	blk := astriatest.Build(nil, [][]byte{{1}})
	astriatest.Sign(&step, &blk, nil)
	if err := astria.MatchSignedHeader(&blk.Header, blk.BlockHash, &step.Untrusted, nil); err != nil {
		t.Fatal(err)
	}
	for name, change := range map[string]func(h *astria.Header, bh *interop.Hash){
		"block hash": func(_ *astria.Header, bh *interop.Hash) { bh[0] ^= 1 },
		"chain id":   func(h *astria.Header, _ *interop.Hash) { h.ChainID += "x" },
		"height":     func(h *astria.Header, _ *interop.Hash) { h.Height++ },
		"time":       func(h *astria.Header, _ *interop.Hash) { h.Time.Nanos++ },
		"proposer":   func(h *astria.Header, _ *interop.Hash) { h.ProposerAddress = make([]byte, 20) },
		"data hash":  func(h *astria.Header, _ *interop.Hash) { h.DataHash[31] ^= 1 },
	} {
		h, bh := blk.Header, blk.BlockHash
		change(&h, &bh)
		if err := astria.MatchSignedHeader(&h, bh, &step.Untrusted, nil); !errors.Is(err, astria.ErrHeaderMismatch) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A commit signature changed is the light client's to refuse.
	v := verifier(t)
	f := astriatest.Filter(&blk)
	step.Untrusted.Commit.Signatures[0].Signature[0] ^= 1
	for i := range step.Untrusted.Commit.Signatures {
		step.Untrusted.Commit.Signatures[i].Signature[0] ^= byte(i % 2)
	}
	if _, _, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, step.Untrusted.Header.Time.Add(1), &f, nil, interop.Hash{}); !errors.Is(err, tendermint.ErrInvalidCommit) {
		t.Errorf("bad signatures: %v", err)
	}
}

func TestBlockDataHashRefuses(t *testing.T) {
	for name, txs := range map[string][][]byte{
		"none":           nil,
		"one":            {make([]byte, 32)},
		"ids item first": {append([]byte{0x12, 32}, make([]byte, 32)...), append([]byte{0x12, 32}, make([]byte, 32)...)},
		"short root":     {append([]byte{0x0a, 31}, make([]byte, 31)...), append([]byte{0x12, 32}, make([]byte, 32)...)},
		"trailing byte":  {append([]byte{0x0a, 32}, make([]byte, 33)...), append([]byte{0x12, 32}, make([]byte, 32)...)},
	} {
		if _, _, _, err := astria.BlockDataHash(txs); !errors.Is(err, astria.ErrDecode) {
			t.Errorf("%s: %v", name, err)
		}
	}
}
