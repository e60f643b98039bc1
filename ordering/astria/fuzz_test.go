package astria_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
)

type encoder interface{ AppendBinary([]byte) ([]byte, error) }

// canonical checks the decoders' invariant: an accepted input re-encodes to bytes that
// decode again to the same encoding, and errors carry a sentinel.
func canonical[T any, P interface {
	*T
	encoder
}](t *testing.T, b []byte, decode func([]byte) (T, error)) {
	v, err := decode(b)
	if err != nil {
		if !errors.Is(err, astria.ErrDecode) && !errors.Is(err, astria.ErrTooLarge) {
			t.Fatalf("error without sentinel: %v", err)
		}
		return
	}
	enc, err := P(&v).AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := decode(enc)
	if err != nil {
		t.Fatalf("re-encoding refused: %v", err)
	}
	enc2, _ := P(&w).AppendBinary(nil)
	if string(enc) != string(enc2) {
		t.Fatalf("re-encoding not stable:\n%x\n%x", enc, enc2)
	}
}

func seedBlock() astria.SequencerBlock {
	return astriatest.Build([]ordering.AstriaRollup{
		{ID: ordering.AstriaRollupID([]byte("a")), Txs: [][]byte{{1, 2}, {3}}},
		{ID: ordering.AstriaRollupID([]byte("b"))},
	}, [][]byte{{9}})
}

func FuzzDecodeSequencerBlock(f *testing.F) {
	blk := seedBlock()
	enc, _ := blk.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) {
		canonical[astria.SequencerBlock](t, b, astria.DecodeSequencerBlock)
		if s, err := astria.DecodeSequencerBlock(b); err == nil {
			_ = s.VerifyStructure() // must not panic
		}
	})
}

func FuzzDecodeFilteredSequencerBlock(f *testing.F) {
	blk := seedBlock()
	fb := astriatest.Filter(&blk, ordering.AstriaRollupID([]byte("a")))
	enc, _ := fb.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) {
		canonical[astria.FilteredSequencerBlock](t, b, astria.DecodeFilteredSequencerBlock)
		if s, err := astria.DecodeFilteredSequencerBlock(b); err == nil {
			if err := s.VerifyStructure(); err == nil {
				for i := range s.RollupTransactions {
					if _, ok, err := s.Rollup(s.RollupTransactions[i].RollupID); err != nil || !ok {
						t.Fatalf("served rollup not returned: %v", err)
					}
				}
			}
		}
	})
}

func FuzzDecodeHeader(f *testing.F) {
	blk := seedBlock()
	enc, _ := blk.Header.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) { canonical[astria.Header](t, b, astria.DecodeHeader) })
}

func FuzzDecodeRollupTransactions(f *testing.F) {
	blk := seedBlock()
	enc, _ := blk.RollupTransactions[0].AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) {
		canonical[astria.RollupTransactions](t, b, astria.DecodeRollupTransactions)
	})
}

func FuzzDecodeProof(f *testing.F) {
	blk := seedBlock()
	enc, _ := blk.RollupTransactionsProof.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) {
		canonical[astria.Proof](t, b, astria.DecodeProof)
		if p, err := astria.DecodeProof(b); err == nil {
			if err := p.Verify([]byte{1}, blk.Header.DataHash); err != nil && !errors.Is(err, astria.ErrProof) {
				t.Fatalf("error without sentinel: %v", err)
			}
		}
	})
}

func FuzzBlockDataHash(f *testing.F) {
	_, txs := astriatest.BuildTyped(nil, [][]byte{{1}}, [][]byte{make([]byte, 32)}, []byte{5})
	f.Add(txs[0], txs[1], txs[2], txs[3])
	f.Fuzz(func(t *testing.T, a, b, c, d []byte) {
		comet, seq, root, err := astria.BlockDataHash([][]byte{a, b, c, d})
		if err != nil {
			if !errors.Is(err, astria.ErrDecode) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		if len(a) == 32 && len(b) == 32 {
			if seq != comet || string(root[:]) != string(a) {
				t.Fatal("legacy block: data hashes differ")
			}
		} else if string(a[len(a)-32:]) != string(root[:]) {
			t.Fatal("typed block: root not the first item's")
		}
	})
}

func FuzzDecodeSubmittedMetadata(f *testing.F) {
	for _, m := range realBlocksF(f) {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := astria.DecodeSubmittedMetadata(b)
		if err != nil {
			if !errors.Is(err, astria.ErrDecode) && !errors.Is(err, astria.ErrTooLarge) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		enc := astria.AppendSubmittedMetadata(nil, &s)
		s2, err := astria.DecodeSubmittedMetadata(enc)
		if err != nil {
			t.Fatalf("re-encoding refused: %v", err)
		}
		if string(astria.AppendSubmittedMetadata(nil, &s2)) != string(enc) {
			t.Fatal("re-encoding not stable")
		}
		_ = s.VerifyStructure()
	})
}

func FuzzDecodeSubmittedRollupData(f *testing.F) {
	blk := seedBlock()
	d := astria.SubmittedRollupData{SequencerBlockHash: blk.BlockHash, RollupTransactions: blk.RollupTransactions[0]}
	enc, _ := d.AppendBinary(nil)
	f.Add(enc)
	f.Fuzz(func(t *testing.T, b []byte) {
		canonical[astria.SubmittedRollupData](t, b, astria.DecodeSubmittedRollupData)
	})
}
