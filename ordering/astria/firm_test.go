package astria_test

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
	"github.com/interopkit/interop/proof/nmt"
)

func firmVerifier(t testing.TB) *astria.FirmVerifier {
	v, err := astria.NewFirmVerifier("astria")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// rollupProofs returns the share proofs of every blob but the first (the metadata).
func rollupProofs(ps []nmt.ShareProof) []*nmt.ShareProof {
	out := make([]*nmt.ShareProof, 0, len(ps)-1)
	for i := 1; i < len(ps); i++ {
		out = append(out, &ps[i])
	}
	return out
}

// TestPropFirmRoundTrip: blocks → the relayer's blobs → Celestia shares in a square →
// share proofs → FirmVerifier.Verify gives, for every block of the submission, every
// rollup's complete transactions (AllServed), and a rollup not in a block proven
// absent; without a rollup's blob, that rollup is not served (ErrNotServed, AllServed
// ErrNotPosted) while the others still verify.
func TestPropFirmRoundTrip(t *testing.T) {
	v := firmVerifier(t)
	rapid.Check(t, func(t *rapid.T) {
		blocks := astriatest.Submission(3).Draw(t, "blocks")
		sq, _, proofs, err := astriatest.Post(blocks)
		if err != nil {
			t.Fatal(err)
		}
		for bi := range blocks {
			blk := &blocks[bi]
			got, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], rollupProofs(proofs))
			if err != nil {
				t.Fatalf("block %d: %v", bi, err)
			}
			if err := got.AllServed(); err != nil {
				t.Fatal(err)
			}
			if got.Header.Height != blk.Header.Height || len(got.RollupTransactions) != len(blk.RollupTransactions) {
				t.Fatalf("block %d: height %d, %d rollups", bi, got.Header.Height, len(got.RollupTransactions))
			}
			for _, r := range blk.RollupTransactions {
				txs, ok, err := got.Rollup(r.RollupID)
				if err != nil || !ok || !slices.EqualFunc(txs, r.Transactions, bytes.Equal) {
					t.Fatalf("rollup %x: %v %v", r.RollupID, ok, err)
				}
			}
			if _, ok, err := got.Rollup(ordering.AstriaRollupID([]byte("not posted at all"))); ok || err != nil {
				t.Fatalf("absent rollup: %v %v", ok, err)
			}
			if len(proofs) > 1 {
				drop := rapid.IntRange(1, len(proofs)-1).Draw(t, "drop")
				rest := rollupProofs(proofs)
				rest = slices.Delete(rest, drop-1, drop)
				part, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], rest)
				if err != nil {
					t.Fatal(err)
				}
				if len(part.RollupTransactions) < len(blk.RollupTransactions) {
					if err := part.AllServed(); !errors.Is(err, astria.ErrNotPosted) {
						t.Fatalf("missing blob: %v", err)
					}
				}
			}
		}
	})
}

// postAndVerify posts blocks with edit applied to the rollup data entries first, and
// verifies block 0.
func postAndVerify(t *rapid.T, v *astria.FirmVerifier, blocks []astria.SequencerBlock, edit func(meta []astria.FilteredSequencerBlock, data map[astria.Namespace][]astria.SubmittedRollupData)) (astria.FilteredSequencerBlock, error) {
	var meta []astria.FilteredSequencerBlock
	data := map[astria.Namespace][]astria.SubmittedRollupData{}
	for i := range blocks {
		m, ds := astriatest.Split(&blocks[i])
		meta = append(meta, m)
		for _, d := range ds {
			ns := astria.RollupNamespace(d.RollupID)
			data[ns] = append(data[ns], d)
		}
	}
	edit(meta, data)
	blobs := []astriatest.Blob{{Namespace: astria.SequencerNamespace("astria"), Data: astriatest.Compress(astria.AppendMetadataList(nil, meta))}}
	for ns, ds := range data {
		blobs = append(blobs, astriatest.Blob{Namespace: ns, Data: astriatest.Compress(astria.AppendRollupDataList(nil, ds))})
	}
	sq, err := astriatest.NewSquare(blobs)
	if err != nil {
		t.Fatal(err)
	}
	proofs := make([]nmt.ShareProof, len(blobs))
	for i := range blobs {
		if proofs[i], err = sq.Prove(i); err != nil {
			t.Fatal(err)
		}
	}
	return v.Verify(sq.DataRoot, blocks[0].BlockHash, &proofs[0], rollupProofs(proofs))
}

// TestPropFirmTamperRefused: rollup data with a transaction omitted, inserted, changed
// or two swapped is refused (ErrRollupNotIncluded); data posted in another rollup's
// namespace (ErrNamespace), twice (ErrNotPosted), or for a rollup the block does not
// list (ErrRollupIDsRoot) is refused; metadata whose rollup ids lose one is refused
// (ErrRollupIDsRoot), and a block hash the metadata blob lacks is ErrNotPosted.
func TestPropFirmTamperRefused(t *testing.T) {
	v := firmVerifier(t)
	rapid.Check(t, func(t *rapid.T) {
		blocks := astriatest.Submission(2).Draw(t, "blocks")
		blk := &blocks[0]
		if len(blk.RollupTransactions) == 0 {
			*blk = astriatest.Build([]ordering.AstriaRollup{{ID: ordering.AstriaRollupID([]byte("r")), Txs: [][]byte{{1}, {2}}}}, nil)
			blk.BlockHash = interop.Hash{0xAA}
		}
		ri := rapid.IntRange(0, len(blk.RollupTransactions)-1).Draw(t, "rollup")
		id := blk.RollupTransactions[ri].RollupID
		ns := astria.RollupNamespace(id)
		entry := func(data map[astria.Namespace][]astria.SubmittedRollupData) *astria.SubmittedRollupData {
			for i := range data[ns] {
				if data[ns][i].RollupID == id && data[ns][i].SequencerBlockHash == blk.BlockHash {
					return &data[ns][i]
				}
			}
			t.Fatal("entry not found")
			return nil
		}
		kind := rapid.IntRange(0, 7).Draw(t, "kind")
		var want error
		_, err := postAndVerify(t, v, blocks, func(meta []astria.FilteredSequencerBlock, data map[astria.Namespace][]astria.SubmittedRollupData) {
			e := entry(data)
			txs := slices.Clone(e.Transactions)
			switch kind {
			case 0: // insert
				at := rapid.IntRange(0, len(txs)).Draw(t, "at")
				e.Transactions = slices.Insert(txs, at, []byte("inserted"))
				want = astria.ErrRollupNotIncluded
			case 1: // omit, or change the only... (an empty list gains one)
				if len(txs) == 0 {
					e.Transactions = [][]byte{{}}
				} else {
					at := rapid.IntRange(0, len(txs)-1).Draw(t, "at")
					e.Transactions = slices.Delete(txs, at, at+1)
				}
				want = astria.ErrRollupNotIncluded
			case 2: // reorder, or change when no two differ
				i, j := -1, -1
				for a := range txs {
					for b := a + 1; b < len(txs); b++ {
						if !bytes.Equal(txs[a], txs[b]) && i < 0 {
							i, j = a, b
						}
					}
				}
				if i < 0 {
					e.Transactions = append(txs, []byte{7})
				} else {
					txs[i], txs[j] = txs[j], txs[i]
					e.Transactions = txs
				}
				want = astria.ErrRollupNotIncluded
			case 3: // posted in another namespace
				other := ns
				other[len(other)-1] ^= 1
				data[other] = append(data[other], *e)
				*e = astria.SubmittedRollupData{SequencerBlockHash: interop.Hash{0xEE}, RollupTransactions: e.RollupTransactions}
				want = astria.ErrNamespace
			case 4: // posted twice
				data[ns] = append(data[ns], *e)
				want = astria.ErrNotPosted
			case 5: // data of a rollup the block does not list
				rid := id
				rid[31] ^= 0x55
				d := *e
				d.RollupID = rid
				data[ns] = append(data[ns], d)
				want = astria.ErrRollupIDsRoot
			case 6: // metadata loses a rollup id
				meta[0].AllRollupIDs = slices.Delete(slices.Clone(meta[0].AllRollupIDs), ri, ri+1)
				want = astria.ErrRollupIDsRoot
			case 7: // metadata of another block
				meta[0].BlockHash[31] ^= 1
				want = astria.ErrNotPosted
			}
		})
		if !errors.Is(err, want) {
			t.Fatalf("kind %d: got %v, want %v", kind, err, want)
		}
	})
}

// TestFirmShareTamper: any one-byte change of a posted share, or shares proven in
// another namespace's proof, is refused (ErrDataRoot, ErrNamespace, ErrShares).
func TestFirmShareTamper(t *testing.T) {
	v := firmVerifier(t)
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: ordering.AstriaRollupID([]byte("r")), Txs: [][]byte{bytes.Repeat([]byte{1}, 700), {2}}}}, nil)
	blk.BlockHash = interop.Hash{1}
	sq, _, proofs, err := astriatest.Post([]astria.SequencerBlock{blk})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], rollupProofs(proofs)); err != nil {
		t.Fatal(err)
	}
	for pi := range proofs {
		for si := range proofs[pi].Data {
			for _, at := range []int{0, 28, 29, 30, 33, 34, 100, 511} {
				p := proofs[pi]
				p.Data = slices.Clone(p.Data)
				p.Data[si] = slices.Clone(p.Data[si])
				p.Data[si][at] ^= 1
				if _, _, err := astria.VerifyBlob(sq.DataRoot, astria.Namespace(append([]byte{0}, p.NamespaceID...)), &p); !errors.Is(err, astria.ErrDataRoot) {
					t.Fatalf("proof %d share %d byte %d: %v", pi, si, at, err)
				}
			}
		}
	}
	// The rollup's blob offered as the metadata: another namespace.
	if _, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[1], nil); !errors.Is(err, astria.ErrNamespace) {
		t.Fatalf("rollup blob as metadata: %v", err)
	}
	// The metadata blob offered as rollup data.
	if _, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], []*nmt.ShareProof{&proofs[0]}); !errors.Is(err, astria.ErrNamespace) {
		t.Fatalf("metadata blob as rollup data: %v", err)
	}
	// No proof at all.
	if _, err := v.Verify(sq.DataRoot, blk.BlockHash, nil, nil); !errors.Is(err, astria.ErrDataRoot) {
		t.Fatalf("nil metadata proof: %v", err)
	}
	if _, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], []*nmt.ShareProof{nil}); !errors.Is(err, astria.ErrDataRoot) {
		t.Fatalf("nil rollup proof: %v", err)
	}
	// Another data root.
	root := sq.DataRoot
	root[0] ^= 1
	if _, err := v.Verify(root, blk.BlockHash, &proofs[0], nil); !errors.Is(err, astria.ErrDataRoot) || !errors.Is(err, nmt.ErrDataRoot) {
		t.Fatalf("other data root: %v", err)
	}
	// A proof of only some of a blob's shares.
	if len(proofs[1].Data) > 1 {
		p := proofs[1]
		p.Data = p.Data[:1]
		p.ShareProofs = slices.Clone(p.ShareProofs)
		p.ShareProofs[0].End = p.ShareProofs[0].Start + 1
		p.RowProof.RowRoots, p.RowProof.Proofs, p.RowProof.EndRow = p.RowProof.RowRoots[:1], p.RowProof.Proofs[:1], p.RowProof.StartRow
		if _, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], []*nmt.ShareProof{&p}); err == nil {
			t.Fatal("partial blob accepted")
		} else if !errors.Is(err, astria.ErrShares) && !errors.Is(err, astria.ErrDataRoot) {
			t.Fatalf("partial blob: %v", err)
		}
	}
}

func TestNewFirmVerifierConfig(t *testing.T) {
	for _, id := range []string{"", string(make([]byte, 51))} {
		if _, err := astria.NewFirmVerifier(id); !errors.Is(err, astria.ErrConfig) {
			t.Fatalf("chain id of %d bytes: %v", len(id), err)
		}
	}
}

func TestConcurrentFirmVerifier(t *testing.T) {
	v := firmVerifier(t)
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: ordering.AstriaRollupID([]byte("r")), Txs: [][]byte{{1}, {2}}}}, nil)
	blk.BlockHash = interop.Hash{1}
	sq, _, proofs, err := astriatest.Post([]astria.SequencerBlock{blk})
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 10, func(int) {
		got, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], rollupProofs(proofs))
		if err != nil || got.AllServed() != nil {
			t.Error(err)
		}
	})
}

// TestFirmVerifySigned: metadata carrying the real block hash but another data_hash
// (and rollup data proven under the roots it carries) passes Verify, which binds the
// metadata by its block hash field as the conductor does, and is refused by
// VerifySigned (ErrHeaderMismatch); the honest blobs pass both. A signed header of
// another block is ErrNotPosted.
func TestFirmVerifySigned(t *testing.T) {
	v := firmVerifier(t)
	id := ordering.AstriaRollupID([]byte("r"))
	step := astriatest.FixedStep("astria", 4, 3)
	blk := astriatest.Build([]ordering.AstriaRollup{{ID: id, Txs: [][]byte{[]byte("real")}}}, nil)
	astriatest.Sign(&step, &blk, nil)
	forged := astriatest.Build([]ordering.AstriaRollup{{ID: id, Txs: [][]byte{[]byte("forged")}}}, nil)
	forged.Header.ChainID, forged.Header.Height, forged.Header.Time = blk.Header.ChainID, blk.Header.Height, blk.Header.Time
	forged.Header.ProposerAddress, forged.BlockHash = blk.Header.ProposerAddress, blk.BlockHash
	for _, c := range []struct {
		name   string
		blk    astria.SequencerBlock
		signed error
	}{{"honest", blk, nil}, {"forged", forged, astria.ErrHeaderMismatch}} {
		sq, _, proofs, err := astriatest.Post([]astria.SequencerBlock{c.blk})
		if err != nil {
			t.Fatal(err)
		}
		got, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], rollupProofs(proofs))
		if err != nil {
			t.Fatalf("%s: Verify: %v", c.name, err)
		}
		txs, _, _ := got.Rollup(id)
		if string(txs[0]) != string(c.blk.RollupTransactions[0].Transactions[0]) {
			t.Fatalf("%s: %q", c.name, txs[0])
		}
		if _, err := v.VerifySigned(sq.DataRoot, &step.Untrusted, nil, &proofs[0], rollupProofs(proofs)); !errors.Is(err, c.signed) && (c.signed != nil || err != nil) {
			t.Fatalf("%s: VerifySigned: %v", c.name, err)
		}
		if _, err := v.VerifySigned(sq.DataRoot, &step.Trusted, nil, &proofs[0], rollupProofs(proofs)); !errors.Is(err, astria.ErrNotPosted) {
			t.Fatalf("%s: another block's header: %v", c.name, err)
		}
	}
}
