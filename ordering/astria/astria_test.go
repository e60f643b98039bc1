package astria_test

import (
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/lightclient/tendermint/tenderminttest"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
)

func verifier(t testing.TB) *astria.SoftVerifier {
	v, err := astria.NewSoftVerifier(24*3600e9, 10e9, tendermint.DefaultTrustLevel)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func drawBlock(t *rapid.T) (astria.SequencerBlock, []ordering.AstriaRollup) {
	rs := astriatest.Rollups(5).Draw(t, "rollups")
	user := rapid.SliceOfN(rapid.SliceOfN(rapid.Byte(), 1, 30), 0, 4).Draw(t, "user")
	return astriatest.Build(rs, user), rs
}

// TestPropSoftRoundTrip: block → filtered block → encode → decode → soft verification
// returns exactly each rollup's transactions, for adjacent and skipping steps; a rollup
// not in the block is proven absent.
func TestPropSoftRoundTrip(t *testing.T) {
	v := verifier(t)
	rapid.Check(t, func(t *rapid.T) {
		blk, rs := drawBlock(t)
		var step tenderminttest.Step
		skip := rapid.Bool().Draw(t, "skip")
		if skip {
			step = tenderminttest.SkippingStep(t, "astria", true)
		} else {
			step = tenderminttest.AdjacentStep(t, "astria", true)
		}
		astriatest.Sign(&step, &blk, nil)
		enc, _ := blk.AppendBinary(nil)
		dec, err := astria.DecodeSequencerBlock(enc)
		if err != nil {
			t.Fatal(err)
		}
		if err := dec.VerifyStructure(); err != nil {
			t.Fatal(err)
		}
		var ids []interop.Hash
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
		f := astriatest.Filter(&blk, ids...)
		fenc, _ := f.AppendBinary(nil)
		fdec, err := astria.DecodeFilteredSequencerBlock(fenc)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			txs, ok, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, astriatest.Now(&step), &fdec, nil, r.ID)
			if skip && errors.Is(err, tendermint.ErrNotTrusted) {
				return // the drawn skip keeps too little of the trusted set: not a trusted step
			}
			if err != nil || !ok || len(txs) != len(r.Txs) {
				t.Fatalf("rollup %x: %v %v %d", r.ID, err, ok, len(txs))
			}
			for i := range txs {
				if string(txs[i]) != string(r.Txs[i]) {
					t.Fatalf("tx %d differs", i)
				}
			}
		}
		absent := ordering.AstriaRollupID([]byte("absent rollup, names are 1-8 bytes"))
		if _, ok, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, astriatest.Now(&step), &fdec, nil, absent); (err != nil && !(skip && errors.Is(err, tendermint.ErrNotTrusted))) || ok {
			t.Fatalf("absent rollup: %v %v", err, ok)
		}
	})
}

// TestPropTamperedTransactionsRefused: omitting, inserting or reordering one rollup's
// transactions is refused with ErrRollupNotIncluded (filtered) or
// ErrRollupTransactionsRoot (whole block).
func TestPropTamperedTransactionsRefused(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rs := astriatest.Rollups(4).Draw(t, "rollups")
		if len(rs) == 0 {
			rs = append(rs, ordering.AstriaRollup{ID: ordering.AstriaRollupID([]byte("r"))})
		}
		blk := astriatest.Build(rs, nil)
		i := rapid.IntRange(0, len(blk.RollupTransactions)-1).Draw(t, "rollup")
		r := &blk.RollupTransactions[i]
		txs := slices.Clone(r.Transactions)
		switch op := rapid.IntRange(0, 2).Draw(t, "op"); {
		case op == 0 && len(txs) > 0:
			j := rapid.IntRange(0, len(txs)-1).Draw(t, "omit")
			txs = slices.Delete(txs, j, j+1)
		case op == 1 && len(txs) > 1 && string(txs[0]) != string(txs[len(txs)-1]):
			txs[0], txs[len(txs)-1] = txs[len(txs)-1], txs[0]
		default:
			j := rapid.IntRange(0, len(txs)).Draw(t, "insert")
			txs = slices.Insert(txs, j, []byte("inserted"))
		}
		f := astriatest.Filter(&blk, r.RollupID)
		f.RollupTransactions[0].Transactions = txs
		if err := f.VerifyStructure(); !errors.Is(err, astria.ErrRollupNotIncluded) {
			t.Fatalf("filtered: %v", err)
		}
		r.Transactions = txs
		if err := blk.VerifyStructure(); !errors.Is(err, astria.ErrRollupTransactionsRoot) {
			t.Fatalf("whole: %v", err)
		}
	})
}

// TestPropOneByteTamper: any one-byte change of an encoded filtered block either fails
// to decode, fails verification, or changes nothing verified (an unknown field).
func TestPropOneByteTamper(t *testing.T) {
	v := verifier(t)
	rapid.Check(t, func(t *rapid.T) {
		blk, rs := drawBlock(t)
		step := tenderminttest.AdjacentStep(t, "astria", true)
		astriatest.Sign(&step, &blk, nil)
		var ids []interop.Hash
		for _, r := range rs {
			ids = append(ids, r.ID)
		}
		f := astriatest.Filter(&blk, ids...)
		enc, _ := f.AppendBinary(nil)
		i := rapid.IntRange(0, len(enc)-1).Draw(t, "at")
		enc[i] ^= byte(rapid.IntRange(1, 255).Draw(t, "xor"))
		fdec, err := astria.DecodeFilteredSequencerBlock(enc)
		if err != nil {
			if !errors.Is(err, astria.ErrDecode) {
				t.Fatalf("decode error without sentinel: %v", err)
			}
			return
		}
		ok := true
		for _, id := range append(ids, ordering.AstriaRollupID([]byte("absent rollup, names are 1-8 bytes"))) {
			if _, _, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, astriatest.Now(&step), &fdec, nil, id); err != nil {
				ok = false
			}
		}
		if ok && !sameContent(&fdec, &f) {
			// Accepted: what was verified must be what was built. (Proof sizes and
			// indices are not themselves authenticated: an RFC 6962 path can fit
			// more than one tree size, as upstream's.)
			t.Fatalf("tampered block accepted with other content")
		}
	})
}

func TestStrictDecoding(t *testing.T) {
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: ordering.AstriaRollupID([]byte("a")), Txs: [][]byte{{1}}}}, nil)
	enc, _ := blk.AppendBinary(nil)
	cases := map[string][]byte{
		"duplicate block hash": append(slices.Clone(enc), append([]byte{0x2a, 32}, make([]byte, 32)...)...),
		"wire type 3":          append(slices.Clone(enc), 0x0b),
		"overlong varint":      append(slices.Clone(enc), 0x10, 0x80, 0x00),
		"length past end":      append(slices.Clone(enc), 0x3a, 0x05, 1),
		"field zero":           append(slices.Clone(enc), 0x02, 0x00),
		"block hash wire type": append(slices.Clone(enc), 0x28, 0x01),
		"truncated":            enc[:len(enc)-1],
		"empty":                {},
	}
	for name, b := range cases {
		if _, err := astria.DecodeSequencerBlock(b); !errors.Is(err, astria.ErrDecode) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// An unknown field of a valid wire type is skipped (proto3).
	if _, err := astria.DecodeSequencerBlock(append(slices.Clone(enc), 0xf8, 0x01, 0x05)); err != nil {
		t.Errorf("unknown field: %v", err)
	}
}

func TestProofShape(t *testing.T) {
	leaves := [][]byte{{1}, {2}, {3}}
	p, _ := astria.NewProof(leaves, 2)
	if p.TreeSize != 5 {
		t.Fatalf("tree size %d", p.TreeSize)
	}
	root := astriaRoot(leaves)
	if err := p.Verify([]byte{3}, root); err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]astria.Proof{
		"even size":    {AuditPath: p.AuditPath, LeafIndex: 2, TreeSize: 6},
		"zero size":    {AuditPath: p.AuditPath, LeafIndex: 2},
		"leaf outside": {AuditPath: p.AuditPath, LeafIndex: 3, TreeSize: 5},
		"half hash":    {AuditPath: p.AuditPath[:16], LeafIndex: 2, TreeSize: 5},
		"long path":    {AuditPath: append(slices.Clone(p.AuditPath), make([]byte, 32)...), LeafIndex: 2, TreeSize: 5},
	} {
		if err := q.Verify([]byte{3}, root); !errors.Is(err, astria.ErrProof) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func astriaRoot(leaves [][]byte) interop.Hash { return nmtRoot(leaves) }

func TestConcurrentSoftVerifier(t *testing.T) {
	v := verifier(t)
	id := ordering.AstriaRollupID([]byte("rollup"))
	step := astriatest.FixedStep("astria", 7, 3)
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: id, Txs: [][]byte{{1, 2}, {3}}}}, [][]byte{{9}})
	astriatest.Sign(&step, &blk, nil)
	f := astriatest.Filter(&blk, id)
	hostile.Concurrent(t, 20, func(int) {
		if txs, ok, err := v.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals, astriatest.Now(&step), &f, nil, id); err != nil || !ok || len(txs) != 2 {
			t.Errorf("%v %v %d", err, ok, len(txs))
		}
	})
}

func TestBoundsDecoders(t *testing.T) {
	// Many empty rollup transactions, rollup ids and transactions: the worst ratio.
	var b []byte
	for range 20000 {
		b = append(b, 0x1a, 0x00) // empty RollupTransactions (refused, after counting)
	}
	u := hostile.Bounded(t, "filtered empty rollups", len(b), func() { _, _ = astria.DecodeFilteredSequencerBlock(b) })
	t.Logf("empty rollups: %d input bytes, %d bytes allocated", len(b), u.Bytes)
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: ordering.AstriaRollupID([]byte("a")), Txs: make([][]byte, 30000)}}, nil)
	enc, _ := blk.AppendBinary(nil)
	u = hostile.Bounded(t, "block of empty txs", len(enc), func() {
		if _, err := astria.DecodeSequencerBlock(enc); err != nil {
			t.Error(err)
		}
	})
	t.Logf("empty txs: %d input bytes, %d bytes allocated", len(enc), u.Bytes)
	var rs []ordering.AstriaRollup
	for i := range 3000 {
		rs = append(rs, ordering.AstriaRollup{ID: ordering.AstriaRollupID([]byte{byte(i), byte(i >> 8)})})
	}
	blk = astriatest.Build(rs, nil)
	f := astriatest.Filter(&blk)
	enc, _ = f.AppendBinary(nil)
	u = hostile.Bounded(t, "filtered many ids", len(enc), func() {
		if _, err := astria.DecodeFilteredSequencerBlock(enc); err != nil {
			t.Error(err)
		}
	})
	t.Logf("many ids: %d input bytes, %d bytes allocated", len(enc), u.Bytes)
	whole, _ := blk.AppendBinary(nil)
	dec, err := astria.DecodeSequencerBlock(whole)
	if err != nil {
		t.Fatal(err)
	}
	u = hostile.Bounded(t, "verify whole block of 3000 rollups", len(whole), func() {
		if err := dec.VerifyStructure(); err != nil {
			t.Error(err)
		}
	})
	t.Logf("VerifyStructure: %d input bytes, %d bytes allocated", len(whole), u.Bytes)
	fdec, err := astria.DecodeFilteredSequencerBlock(enc)
	if err != nil {
		t.Fatal(err)
	}
	hostile.Bounded(t, "verify filtered block of 3000 ids", len(enc), func() {
		if err := fdec.VerifyStructure(); err != nil {
			t.Error(err)
		}
	})
	meta := astria.AppendSubmittedMetadata(nil, &f)
	hostile.Bounded(t, "submitted metadata of 3000 ids", len(meta), func() {
		if _, err := astria.DecodeSubmittedMetadata(meta); err != nil {
			t.Error(err)
		}
	})
	var rd []byte
	for range 30000 {
		rd = append(rd, 0x1a, 0x00) // empty transactions
	}
	hostile.Bounded(t, "submitted rollup data of empty txs", len(rd), func() { _, _ = astria.DecodeSubmittedRollupData(rd) })
	big := make([]byte, astria.MaxMessageSize+1)
	if _, err := astria.DecodeSequencerBlock(big); !errors.Is(err, astria.ErrTooLarge) {
		t.Error(err)
	}
}

// sameContent compares what a soft verification vouches for.
func sameContent(a, b *astria.FilteredSequencerBlock) bool {
	ha, _ := a.Header.AppendBinary(nil)
	hb, _ := b.Header.AppendBinary(nil)
	if a.BlockHash != b.BlockHash || string(ha) != string(hb) || !slices.Equal(a.AllRollupIDs, b.AllRollupIDs) || len(a.RollupTransactions) != len(b.RollupTransactions) {
		return false
	}
	for i := range a.RollupTransactions {
		ra, rb := &a.RollupTransactions[i], &b.RollupTransactions[i]
		if ra.RollupID != rb.RollupID || !slices.EqualFunc(ra.Transactions, rb.Transactions, func(x, y []byte) bool { return string(x) == string(y) }) {
			return false
		}
	}
	return true
}

func TestFilteredRollupServedTwice(t *testing.T) {
	id := ordering.AstriaRollupID([]byte("a"))
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: id, Txs: [][]byte{{1}}}}, nil)
	f := astriatest.Filter(&blk, id)
	f.RollupTransactions = append(f.RollupTransactions, f.RollupTransactions[0])
	if err := f.VerifyStructure(); !errors.Is(err, astria.ErrDecode) {
		t.Fatal(err)
	}
	f.RollupTransactions = f.RollupTransactions[:1]
	f.AllRollupIDs = nil // the served rollup must be listed
	if err := f.VerifyStructure(); !errors.Is(err, astria.ErrRollupIDsRoot) {
		t.Fatal(err)
	}
}

// TestPropProofRoundTrip: NewProof → encode → DecodeProof → Verify for every leaf of
// trees of 1 to 40 leaves; another leaf, index or root is refused with ErrProof.
func TestPropProofRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		leaves := rapid.SliceOfN(rapid.SliceOfN(rapid.Byte(), 0, 8), 1, 40).Draw(t, "leaves")
		i := rapid.IntRange(0, len(leaves)-1).Draw(t, "index")
		root := nmtRoot(leaves)
		p, err := astria.NewProof(leaves, i)
		if err != nil {
			t.Fatal(err)
		}
		enc, _ := p.AppendBinary(nil)
		q, err := astria.DecodeProof(enc)
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Verify(leaves[i], root); err != nil {
			t.Fatal(err)
		}
		if err := q.Verify(append(slices.Clone(leaves[i]), 0), root); !errors.Is(err, astria.ErrProof) {
			t.Fatalf("other leaf: %v", err)
		}
		if j := rapid.IntRange(0, len(leaves)-1).Draw(t, "other"); j != i && string(leaves[j]) != string(leaves[i]) {
			r := q
			r.LeafIndex = uint64(j)
			if err := r.Verify(leaves[i], root); !errors.Is(err, astria.ErrProof) {
				t.Fatalf("other index: %v", err)
			}
		}
		root[0] ^= 1
		if err := q.Verify(leaves[i], root); !errors.Is(err, astria.ErrProof) {
			t.Fatalf("other root: %v", err)
		}
	})
}
