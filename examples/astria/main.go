// Command astria verifies what Astria really emits, with package ordering/astria:
//
//  1. a real sequencer-metadata blob the astria-dusk-5 relayer posted to Celestia
//     (astriaorg/astria, astria-sequencer-utils tests/resources/parse_blob/
//     batched_metadata/input.txt, MIT OR Apache-2.0; embedded as
//     dusk5_batched_metadata.b64): Brotli-decoded, each block's rollup ids and rollup
//     transactions root proven into its data_hash, a rollup proven absent, and the blob
//     proven in a Celestia square built around it (the data root is generated: no share
//     proof of this blob is published);
//  2. a generated block end to end: soft, a CometBFT commit from a trusted validator set
//     to the header and one rollup's complete transactions; firm, the relayer's blobs
//     split into Celestia shares, proven by NMT share proofs under a data root, linked
//     back to the same signed header and the same transactions; a changed transaction
//     refused.
//
// It exits non-zero on any failure.
package main

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/ordering"
	"github.com/interopkit/interop/ordering/astria"
	"github.com/interopkit/interop/ordering/astria/astriatest"
	"github.com/interopkit/interop/proof/nmt"
)

//go:embed dusk5_batched_metadata.b64
var dusk5Blob string

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "astria:", err)
		os.Exit(1)
	}
}

func run(w io.Writer) error {
	if err := realBlob(w); err != nil {
		return fmt.Errorf("real blob: %w", err)
	}
	if err := endToEnd(w); err != nil {
		return fmt.Errorf("generated block: %w", err)
	}
	return nil
}

func realBlob(w io.Writer) error {
	blob, err := base64.StdEncoding.DecodeString(dusk5Blob)
	if err != nil {
		return err
	}
	raw, err := astria.DecompressBlob(blob)
	if err != nil {
		return err
	}
	blocks, err := astria.DecodeMetadataList(raw)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "real astria-dusk-5 metadata blob: %d bytes, Brotli-decoded to %d: %d blocks\n", len(blob), len(raw), len(blocks))
	absent := ordering.AstriaRollupID([]byte("some-rollup"))
	for i := range blocks {
		b := &blocks[i]
		if err := b.VerifyStructure(); err != nil {
			return err
		}
		if _, present, err := b.Rollup(absent); err != nil || present {
			return fmt.Errorf("block %d: rollup not proven absent (%v)", b.Header.Height, err)
		}
		fmt.Fprintf(w, "  height %d hash %x…: roots proven into data_hash %x…, rollup %x… proven absent\n",
			b.Header.Height, b.BlockHash[:6], b.Header.DataHash[:6], absent[:4])
	}
	v, err := astria.NewFirmVerifier(blocks[0].Header.ChainID)
	if err != nil {
		return err
	}
	sq, err := astriatest.NewSquare([]astriatest.Blob{{Namespace: v.Namespace(), Data: blob}})
	if err != nil {
		return err
	}
	sp, err := sq.Prove(0)
	if err != nil {
		return err
	}
	ns := v.Namespace()
	for i := range blocks {
		if _, err := v.Verify(sq.DataRoot, blocks[i].BlockHash, &sp, nil); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "  the blob in namespace %x, %d shares, proven under a generated data root %x…: firm for all %d blocks\n",
		ns[19:], len(sp.Data), sq.DataRoot[:6], len(blocks))
	return nil
}

func endToEnd(w io.Writer) error {
	mine := ordering.AstriaRollupID([]byte("my-rollup"))
	txs := [][]byte{[]byte("transfer 1"), []byte("swap 2"), bytes.Repeat([]byte{7}, 900)}
	blk := astriatest.Build([]ordering.AstriaRollup{
		{ID: mine, Txs: txs},
		{ID: ordering.AstriaRollupID([]byte("other-rollup")), Txs: [][]byte{[]byte("not mine")}},
	}, [][]byte{[]byte("a sequencer transaction")})
	step := astriatest.FixedStep("astria", 4, 1)
	astriatest.Sign(&step, &blk, nil)

	soft, err := astria.NewSoftVerifier(14*24*time.Hour, 10*time.Second, tendermint.DefaultTrustLevel)
	if err != nil {
		return err
	}
	filtered := astriatest.Filter(&blk, mine)
	got, present, err := soft.Verify(&step.Trusted, &step.Set1.Vals, &step.Untrusted, &step.Set2.Vals,
		astriatest.Now(&step), &filtered, nil, mine)
	if err != nil || !present || !slices.EqualFunc(got, txs, bytes.Equal) {
		return fmt.Errorf("soft: %v", err)
	}
	fmt.Fprintf(w, "generated block %d hash %x…: soft: commit of 4 validators, %d transactions of my-rollup complete\n",
		blk.Header.Height, blk.BlockHash[:6], len(got))

	sq, blobs, proofs, err := astriatest.Post([]astria.SequencerBlock{blk})
	if err != nil {
		return err
	}
	var rollupProof *nmt.ShareProof
	for i := range blobs {
		if blobs[i].Namespace == astria.RollupNamespace(mine) {
			rollupProof = &proofs[i]
		}
	}
	firm, err := astria.NewFirmVerifier(blk.Header.ChainID)
	if err != nil {
		return err
	}
	// VerifySigned: the metadata's block hash and header are the signed header's.
	block, err := firm.VerifySigned(sq.DataRoot, &step.Untrusted, nil, &proofs[0], []*nmt.ShareProof{rollupProof})
	if err != nil {
		return fmt.Errorf("firm: %w", err)
	}
	fg, present, err := block.Rollup(mine)
	if err != nil || !present || !slices.EqualFunc(fg, txs, bytes.Equal) {
		return fmt.Errorf("firm: rollup: %v", err)
	}
	fmt.Fprintf(w, "  firm: %d blobs in a %dx%d square, metadata and my-rollup's blob (%d shares) proven under data root %x…, header the signed one: same %d transactions\n",
		len(blobs), sq.K, sq.K, len(rollupProof.Data), sq.DataRoot[:6], len(fg))

	// The relayer posts my-rollup's data with one transaction changed.
	forged := blk
	forged.RollupTransactions = slices.Clone(blk.RollupTransactions)
	for i := range forged.RollupTransactions {
		if forged.RollupTransactions[i].RollupID == mine {
			forged.RollupTransactions[i].Transactions = [][]byte{txs[0], []byte("swap 3"), txs[2]}
		}
	}
	fsq, fblobs, fproofs, err := astriatest.Post([]astria.SequencerBlock{forged})
	if err != nil {
		return err
	}
	for i := range fblobs {
		if fblobs[i].Namespace == astria.RollupNamespace(mine) {
			_, err = firm.VerifySigned(fsq.DataRoot, &step.Untrusted, nil, &fproofs[0], []*nmt.ShareProof{&fproofs[i]})
		}
	}
	if !errors.Is(err, astria.ErrRollupNotIncluded) {
		return fmt.Errorf("changed transaction not refused: %v", err)
	}
	fmt.Fprintln(w, "  a changed transaction in the posted blob: refused (rollup transactions not in block)")

	// Someone posts metadata with the real block hash but a data_hash of its own, and
	// rollup data proven under it: a block hash alone (Verify, as the conductor checks)
	// accepts it; the signed header does not.
	fake := astriatest.Build([]ordering.AstriaRollup{{ID: mine, Txs: [][]byte{[]byte("forged")}}}, nil)
	fake.Header.ChainID, fake.Header.Height, fake.Header.Time = blk.Header.ChainID, blk.Header.Height, blk.Header.Time
	fake.Header.ProposerAddress, fake.BlockHash = blk.Header.ProposerAddress, blk.BlockHash
	xsq, _, xproofs, err := astriatest.Post([]astria.SequencerBlock{fake})
	if err != nil {
		return err
	}
	if _, err := firm.Verify(xsq.DataRoot, blk.BlockHash, &xproofs[0], []*nmt.ShareProof{&xproofs[1]}); err != nil {
		return fmt.Errorf("forged metadata: %w", err)
	}
	if _, err := firm.VerifySigned(xsq.DataRoot, &step.Untrusted, nil, &xproofs[0], []*nmt.ShareProof{&xproofs[1]}); !errors.Is(err, astria.ErrHeaderMismatch) {
		return fmt.Errorf("forged metadata not refused: %v", err)
	}
	fmt.Fprintln(w, "  metadata with the real block hash and another data_hash: passes a block-hash check, refused against the signed header")
	return nil
}
