package astria_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
	"github.com/interopkit/interop/proof/nmt"
)

func seedSubmission() []astria.SequencerBlock {
	blk := seedBlock()
	blk.BlockHash = interop.Hash{1}
	return []astria.SequencerBlock{blk}
}

// FuzzDecodeMetadataList: an accepted list re-encodes to bytes that decode to the same
// encoding; errors carry a sentinel.
func FuzzDecodeMetadataList(f *testing.F) {
	for _, c := range parseBlobCases(f) {
		if raw, err := astria.DecompressBlob(c.compressed); err == nil {
			f.Add(raw)
		}
	}
	m, _ := astriatest.Split(&seedSubmission()[0])
	f.Add(astria.AppendMetadataList(nil, []astria.FilteredSequencerBlock{m, m}))
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := astria.DecodeMetadataList(b)
		if err != nil {
			if !errors.Is(err, astria.ErrDecode) && !errors.Is(err, astria.ErrTooLarge) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		enc := astria.AppendMetadataList(nil, list)
		again, err := astria.DecodeMetadataList(enc)
		if err != nil || len(again) != len(list) || !bytes.Equal(astria.AppendMetadataList(nil, again), enc) {
			t.Fatalf("re-encoding not stable: %v", err)
		}
	})
}

// FuzzDecodeRollupDataList: as FuzzDecodeMetadataList.
func FuzzDecodeRollupDataList(f *testing.F) {
	for _, c := range parseBlobCases(f) {
		if raw, err := astria.DecompressBlob(c.compressed); err == nil {
			f.Add(raw)
		}
	}
	_, d := astriatest.Split(&seedSubmission()[0])
	f.Add(astria.AppendRollupDataList(nil, d))
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := astria.DecodeRollupDataList(b)
		if err != nil {
			if !errors.Is(err, astria.ErrDecode) && !errors.Is(err, astria.ErrTooLarge) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		enc := astria.AppendRollupDataList(nil, list)
		again, err := astria.DecodeRollupDataList(enc)
		if err != nil || len(again) != len(list) || !bytes.Equal(astria.AppendRollupDataList(nil, again), enc) {
			t.Fatalf("re-encoding not stable: %v", err)
		}
	})
}

// FuzzDecodeMetadataBlob: compressed input never panics; errors carry a sentinel; an
// accepted blob's entries re-encode stably.
func FuzzDecodeMetadataBlob(f *testing.F) {
	for _, c := range parseBlobCases(f) {
		f.Add(c.compressed)
	}
	f.Add(astriatest.Blobs(&seedSubmission()[0])[0].Data)
	f.Fuzz(func(t *testing.T, b []byte) {
		list, err := astria.DecodeMetadataBlob(b)
		if err != nil {
			if !errors.Is(err, astria.ErrDecompress) && !errors.Is(err, astria.ErrDecode) && !errors.Is(err, astria.ErrTooLarge) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		if _, err := astria.DecodeMetadataList(astria.AppendMetadataList(nil, list)); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDecodeBlobShares: shares that parse are exactly what BlobShares builds from the
// data and signer they give back.
func FuzzDecodeBlobShares(f *testing.F) {
	ns := astria.Namespace{0: 0, 28: 7}
	for _, n := range []int{0, 100, 478, 479, 1000} {
		shares, _ := astria.BlobShares(ns, bytes.Repeat([]byte{9}, n), nil)
		f.Add(bytes.Join(shares, nil))
	}
	shares, _ := astria.BlobShares(ns, []byte{1, 2, 3}, make([]byte, 20))
	f.Add(bytes.Join(shares, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		var shares [][]byte
		for len(b) >= astria.ShareSize {
			s := bytes.Clone(b[:astria.ShareSize])
			copy(s, ns[:])
			shares = append(shares, s)
			b = b[astria.ShareSize:]
		}
		data, signer, err := astria.DecodeBlobShares(ns, shares)
		if err != nil {
			if !errors.Is(err, astria.ErrShares) && !errors.Is(err, astria.ErrNamespace) && !errors.Is(err, astria.ErrTooLarge) {
				t.Fatalf("error without sentinel: %v", err)
			}
			return
		}
		again, err := astria.BlobShares(ns, data, signer)
		if err != nil || len(again) != len(shares) {
			t.Fatalf("rebuild: %v", err)
		}
		for i := range again {
			if !bytes.Equal(again[i], shares[i]) {
				t.Fatalf("share %d not canonical", i)
			}
		}
	})
}

// FuzzVerifyFirm: a posted block's share proofs with one byte of one share changed
// never verify, and never panic.
func FuzzVerifyFirm(f *testing.F) {
	blocks := seedSubmission()
	sq, _, proofs, err := astriatest.Post(blocks)
	if err != nil {
		f.Fatal(err)
	}
	v, _ := astria.NewFirmVerifier(blocks[0].Header.ChainID)
	f.Add(uint8(0), uint16(0), uint16(40), byte(1))
	f.Fuzz(func(t *testing.T, which uint8, share, at uint16, x byte) {
		ps := make([]nmt.ShareProof, len(proofs))
		copy(ps, proofs)
		p := &ps[int(which)%len(ps)]
		p.Data = append([][]byte(nil), p.Data...)
		si := int(share) % len(p.Data)
		p.Data[si] = bytes.Clone(p.Data[si])
		p.Data[si][int(at)%astria.ShareSize] ^= x
		_, err := v.Verify(sq.DataRoot, blocks[0].BlockHash, &ps[0], rollupProofs(ps))
		if x != 0 && !errors.Is(err, astria.ErrDataRoot) {
			t.Fatalf("changed share: %v", err)
		}
		if x == 0 && err != nil {
			t.Fatal(err)
		}
	})
}

// A rollup node reads its rollup's firm commitment from Celestia: the sequencer's
// metadata blob and the rollup's data blob, each with the share proof celestia-node
// serves, under the data root of a Celestia header it trusts (Blobstream or a
// Celestia light client), for the block hash its soft verification established.
func ExampleFirmVerifier_Verify() {
	rollup := ordering.AstriaRollupID([]byte("my-rollup"))
	blk := astriatest.Build([]ordering.AstriaRollup{
		{ID: rollup, Txs: [][]byte{[]byte("tx 1"), []byte("tx 2")}},
		{ID: ordering.AstriaRollupID([]byte("other-rollup")), Txs: [][]byte{[]byte("not mine")}},
	}, nil)
	blk.BlockHash = interop.Hash{0xB1} // from SoftVerifier.Verify in a real node
	sq, blobs, proofs, err := astriatest.Post([]astria.SequencerBlock{blk})
	if err != nil {
		panic(err)
	}
	v, err := astria.NewFirmVerifier(blk.Header.ChainID)
	if err != nil {
		panic(err)
	}
	var mine *nmt.ShareProof
	for i := range blobs {
		if blobs[i].Namespace == astria.RollupNamespace(rollup) {
			mine = &proofs[i]
		}
	}
	block, err := v.Verify(sq.DataRoot, blk.BlockHash, &proofs[0], []*nmt.ShareProof{mine})
	if err != nil {
		panic(err)
	}
	txs, present, err := block.Rollup(rollup)
	fmt.Println(len(txs), present, err)
	for _, tx := range txs {
		fmt.Printf("%s\n", tx)
	}
	fmt.Println(errors.Is(block.AllServed(), astria.ErrNotPosted)) // the other rollup's blob was not fetched
	// Output:
	// 2 true <nil>
	// tx 1
	// tx 2
	// true
}

// BenchmarkVerifyFirmOneRollup: the firm commitment of one block for one rollup: the
// metadata blob and the rollup's blob (10 transactions of 200 bytes), their share
// proofs under the data root, Brotli decoding, both data_hash proofs and the rollup's
// completeness, in a block of 20 rollups.
func BenchmarkVerifyFirmOneRollup(b *testing.B) {
	id, rs := benchRollups()
	blk := astriatest.Build(rs, nil)
	blk.BlockHash = interop.Hash{1}
	sq, blobs, proofs, err := astriatest.Post([]astria.SequencerBlock{blk})
	if err != nil {
		b.Fatal(err)
	}
	var mine *nmt.ShareProof
	for i := range blobs {
		if blobs[i].Namespace == astria.RollupNamespace(id) {
			mine = &proofs[i]
		}
	}
	v, _ := astria.NewFirmVerifier(blk.Header.ChainID)
	rollup := []*nmt.ShareProof{mine}
	b.ReportAllocs()
	for b.Loop() {
		blk, err := v.Verify(sq.DataRoot, interop.Hash{1}, &proofs[0], rollup)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok, err := blk.Rollup(id); !ok || err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyFirmRealMetadata: the firm check of one block of the real
// astria-dusk-5 metadata blob (489 bytes of quality-5 Brotli, five blocks) in a
// generated square: share proof, Brotli decoding, list decoding, the entry's two
// data_hash proofs.
func BenchmarkVerifyFirmRealMetadata(b *testing.B) {
	for _, c := range parseBlobCases(b) {
		if c.name != "batched_metadata" {
			continue
		}
		v, _ := astria.NewFirmVerifier(c.want.Metadata[0].Header.ChainID)
		sq, err := astriatest.NewSquare([]astriatest.Blob{{Namespace: v.Namespace(), Data: c.compressed}})
		if err != nil {
			b.Fatal(err)
		}
		sp, _ := sq.Prove(0)
		hash := interop.Hash(c.want.Metadata[2].BlockHash)
		b.ReportAllocs()
		for b.Loop() {
			if _, err := v.Verify(sq.DataRoot, hash, &sp, nil); err != nil {
				b.Fatal(err)
			}
		}
		return
	}
	b.Skip("no batched_metadata case in testdata/parse_blob")
}

// The real blob the astria-dusk-5 relayer posted for heights 597420 to 597424, as
// Celestia returns it (base64 here): Brotli-decoded, each block's two roots verify
// into its data_hash.
func ExampleDecodeMetadataBlob() {
	raw, err := os.ReadFile("testdata/parse_blob/batched_metadata/input.txt")
	if err != nil {
		panic(err)
	}
	blob, err := base64.StdEncoding.DecodeString(string(bytes.TrimSpace(raw)))
	if err != nil {
		panic(err)
	}
	blocks, err := astria.DecodeMetadataBlob(blob)
	if err != nil {
		panic(err)
	}
	for i := range blocks {
		fmt.Printf("%s %d %x %v\n", blocks[i].Header.ChainID, blocks[i].Header.Height, blocks[i].BlockHash[:4], blocks[i].VerifyStructure())
	}
	fmt.Printf("namespace %x\n", astria.SequencerNamespace(blocks[0].Header.ChainID))
	// Output:
	// astria-dusk-5 597420 badd89c7 <nil>
	// astria-dusk-5 597421 ac0774e9 <nil>
	// astria-dusk-5 597422 4f91f6ff <nil>
	// astria-dusk-5 597423 b08b67eb <nil>
	// astria-dusk-5 597424 f60b8444 <nil>
	// namespace 0000000000000000000000000000000000000051cc1a73d65f95f6bde6
}
