package astria

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/lightclient/tendermint"
	"github.com/interopkit/interop/proof/nmt"
)

// VerifyBlob checks that a Celestia share proof proves exactly one blob of namespace
// ns under dataRoot, and returns the blob's data (still compressed, as Astria posts
// it) and its signer (nil for share version 0). In order: the proof's namespace is ns
// (ErrNamespace); nmt.ShareProof.Verify proves the shares under NMT row roots and the
// row roots under dataRoot, binding each share's position (ErrDataRoot beside proof/nmt's
// sentinel; a nil proof is ErrDataRoot); the shares, each carrying ns, are one whole blob (DecodeBlobShares:
// ErrShares). It proves the blob is in the block, not that it is the namespace's only
// blob: a share proof proves inclusion, not namespace completeness. Bound: at most
// MaxBlobShares shares (ErrTooLarge) before any hashing, then ShareProof.Verify's
// (one hash per share and proof node, one Merkle path per row) and one copy of the
// data.
func VerifyBlob(dataRoot interop.Hash, ns Namespace, sp *nmt.ShareProof) (data, signer []byte, err error) {
	if sp == nil {
		return nil, nil, fmt.Errorf("%w: no share proof", ErrDataRoot)
	}
	got, err := sp.Namespace()
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrNamespace, err)
	}
	if Namespace(got) != ns {
		return nil, nil, fmt.Errorf("%w: share proof of namespace %x, want %x", ErrNamespace, got, ns)
	}
	if len(sp.Data) > MaxBlobShares {
		return nil, nil, fmt.Errorf("%w: %d shares, limit %d", ErrTooLarge, len(sp.Data), MaxBlobShares)
	}
	if err := sp.Verify(dataRoot); err != nil {
		return nil, nil, fmt.Errorf("%w: %w", ErrDataRoot, err)
	}
	return DecodeBlobShares(ns, sp.Data)
}

// FirmVerifier checks Astria's firm commitment for one sequencer chain: a sequencer
// block's metadata and its rollups' data, as the relayer posted them to Celestia,
// proven under a Celestia data root and linked to the block hash, as the conductor
// reads them back (astria-conductor celestia: convert.rs, verify.rs, reconstruct.rs).
// It is immutable and safe for concurrent use.
type FirmVerifier struct {
	chainID string
	ns      Namespace
}

// NewFirmVerifier returns the verifier of the sequencer chain chainID (the CometBFT
// chain id, 1 to tendermint.MaxChainIDLen bytes: ErrConfig); its metadata namespace is
// SequencerNamespace(chainID).
func NewFirmVerifier(chainID string) (*FirmVerifier, error) {
	if len(chainID) == 0 || len(chainID) > tendermint.MaxChainIDLen {
		return nil, fmt.Errorf("%w: chain id of %d bytes", ErrConfig, len(chainID))
	}
	return &FirmVerifier{chainID: chainID, ns: SequencerNamespace(chainID)}, nil
}

// Namespace returns the namespace of the chain's metadata blobs.
func (v *FirmVerifier) Namespace() Namespace { return v.ns }

// Verify checks the firm commitment of the sequencer block blockHash, the hash a soft
// verification established, and returns the block as the blobs give
// it: its metadata with every rollup whose data the rollupData blobs hold for it
// served. Then Rollup gives a rollup's complete transactions or proves its absence,
// and AllServed checks that the blobs hold every rollup the block lists.
//
// In order:
//
//   - metadata is the share proof of a blob in the chain's sequencer namespace under
//     dataRoot (VerifyBlob); its data decompresses (DecodeMetadataBlob: ErrDecompress)
//     to a SubmittedMetadataList holding exactly one entry for blockHash (ErrNotPosted),
//     of this chain (ErrHeaderMismatch);
//   - the entry's rollup ids strictly sorted, and its rollup_transactions_root and the
//     root of its rollup ids proven into its data_hash (VerifyStructure:
//     ErrRollupTransactionsRoot, ErrRollupIDsRoot);
//   - each rollupData proof is of a blob under dataRoot, in a rollup namespace; its
//     SubmittedRollupDataList's entries for blockHash are each in their rollup's
//     namespace (RollupNamespace: ErrNamespace), listed by the metadata
//     (ErrRollupIDsRoot), given once (ErrNotPosted), and their transactions proven
//     complete, the leaf rollup id ‖ MTH(txs) under rollup_transactions_root with the
//     entry's proof (ErrRollupNotIncluded); entries for other blocks are skipped, as
//     the conductor matches them to their own metadata.
//
// It binds the metadata to blockHash by the entry's block hash field only: the entry's
// header is not compared with the signed CometBFT header. Use VerifySigned, or call
// MatchSignedHeader on the result, to bind its data_hash to the validators' signatures.
// On error the block returned is empty. A nil proof is ErrDataRoot. Bound: VerifyBlob's per blob, decompression to at most MaxMessageSize bytes per blob,
// the list decoders' bounds, then one hash per transaction and rollup id.
func (v *FirmVerifier) Verify(dataRoot, blockHash interop.Hash, metadata *nmt.ShareProof, rollupData []*nmt.ShareProof) (FilteredSequencerBlock, error) {
	block, err := v.verify(dataRoot, blockHash, metadata, rollupData)
	if err != nil {
		return FilteredSequencerBlock{}, err
	}
	return block, nil
}

func (v *FirmVerifier) verify(dataRoot, blockHash interop.Hash, metadata *nmt.ShareProof, rollupData []*nmt.ShareProof) (FilteredSequencerBlock, error) {
	var block FilteredSequencerBlock
	data, _, err := VerifyBlob(dataRoot, v.ns, metadata)
	if err != nil {
		return block, fmt.Errorf("metadata blob: %w", err)
	}
	list, err := DecodeMetadataBlob(data)
	if err != nil {
		return block, fmt.Errorf("metadata blob: %w", err)
	}
	found := -1
	for i := range list {
		if list[i].BlockHash == blockHash {
			if found >= 0 {
				return block, fmt.Errorf("%w: block %x twice in the metadata blob", ErrNotPosted, blockHash)
			}
			found = i
		}
	}
	if found < 0 {
		return block, fmt.Errorf("%w: no metadata of block %x among %d entries", ErrNotPosted, blockHash, len(list))
	}
	block = list[found]
	if block.Header.ChainID != v.chainID {
		return block, fmt.Errorf("%w: metadata of chain %q in the namespace of %q", ErrHeaderMismatch, block.Header.ChainID, v.chainID)
	}
	// The ids sorted and both roots in data_hash, before any rollup is served.
	if err := block.VerifyStructure(); err != nil {
		return block, err
	}
	served := make([]bool, len(block.AllRollupIDs))
	for i, sp := range rollupData {
		if err := v.serveBlob(&block, served, dataRoot, sp); err != nil {
			return block, fmt.Errorf("rollup data blob %d: %w", i, err)
		}
	}
	return block, nil
}

// VerifySigned is Verify for the block of a CometBFT signed header that the caller's
// soft verification accepted (lightclient/tendermint, SoftVerifier): the block hash is
// the signed header's hash, and the metadata's SequencerBlockHeader must match the
// signed header (MatchSignedHeader: chain id, height, time, proposer, and data_hash,
// through blockTxs for blocks of typed DataItems, nil for legacy blocks), so that the
// roots proven into data_hash, and the rollup data proven under them, are the ones the
// validators signed (ErrHeaderMismatch). Verify alone binds the metadata by its block
// hash field only, as the conductor does (verify.rs compares the block hash and chain
// id with the commit): metadata carrying a real block hash with another data_hash
// passes Verify and fails here. Bound: Verify's, then one header hash.
func (v *FirmVerifier) VerifySigned(dataRoot interop.Hash, sh *tendermint.SignedHeader, blockTxs [][]byte, metadata *nmt.ShareProof, rollupData []*nmt.ShareProof) (FilteredSequencerBlock, error) {
	blockHash, err := hash32("signed header hash", sh.Header.Hash())
	if err != nil {
		return FilteredSequencerBlock{}, fmt.Errorf("%w: %w", ErrHeaderMismatch, err)
	}
	block, err := v.verify(dataRoot, blockHash, metadata, rollupData)
	if err == nil {
		err = MatchSignedHeader(&block.Header, block.BlockHash, sh, blockTxs)
	}
	if err != nil {
		return FilteredSequencerBlock{}, err
	}
	return block, nil
}

// serveBlob adds the entries of one rollup data blob that belong to block, each
// proven complete under its rollup_transactions_root; served marks the listed ids
// served so far.
func (v *FirmVerifier) serveBlob(block *FilteredSequencerBlock, served []bool, dataRoot interop.Hash, sp *nmt.ShareProof) error {
	if sp == nil {
		return fmt.Errorf("%w: no share proof", ErrDataRoot)
	}
	got, err := sp.Namespace()
	if err != nil {
		return fmt.Errorf("%w: %w", ErrNamespace, err)
	}
	ns := Namespace(got)
	if ns == v.ns {
		return fmt.Errorf("%w: rollup data in the sequencer namespace %x", ErrNamespace, ns)
	}
	data, _, err := VerifyBlob(dataRoot, ns, sp)
	if err != nil {
		return err
	}
	list, err := DecodeRollupDataBlob(data)
	if err != nil {
		return err
	}
	for i := range list {
		d := &list[i]
		if d.SequencerBlockHash != block.BlockHash {
			continue
		}
		if RollupNamespace(d.RollupID) != ns {
			return fmt.Errorf("%w: data of rollup %x in namespace %x, want %x", ErrNamespace, d.RollupID, ns, RollupNamespace(d.RollupID))
		}
		k, ok := block.listed(d.RollupID)
		if !ok {
			return fmt.Errorf("%w: data of rollup %x, which block %x does not list", ErrRollupIDsRoot, d.RollupID, block.BlockHash)
		}
		if served[k] {
			return fmt.Errorf("%w: data of rollup %x posted twice for block %x", ErrNotPosted, d.RollupID, block.BlockHash)
		}
		if err := d.Proof.Verify(rollupLeaf(&d.RollupTransactions), block.Header.RollupTransactionsRoot); err != nil {
			return fmt.Errorf("%w: rollup %x: %w", ErrRollupNotIncluded, d.RollupID, err)
		}
		served[k] = true
		if err := block.Serve(d); err != nil {
			return err
		}
	}
	return nil
}

// listed returns the index of id among the block's sorted rollup ids.
func (s *FilteredSequencerBlock) listed(id interop.Hash) (int, bool) {
	return slices.BinarySearchFunc(s.AllRollupIDs, id, func(a, b interop.Hash) int { return bytes.Compare(a[:], b[:]) })
}

// AllServed checks that every rollup the block lists is served (ErrNotPosted naming
// the first that is not): for a block from FirmVerifier.Verify, that the rollup data
// blobs given hold the whole block. It expects the sorted ids VerifyStructure checked.
// Bound: a binary search per served rollup, one byte allocated per listed id.
func (s *FilteredSequencerBlock) AllServed() error {
	served := make([]bool, len(s.AllRollupIDs))
	for j := range s.RollupTransactions {
		if k, ok := s.listed(s.RollupTransactions[j].RollupID); ok {
			served[k] = true
		}
	}
	for k, ok := range served {
		if !ok {
			return fmt.Errorf("%w: data of rollup %x of block %x", ErrNotPosted, s.AllRollupIDs[k], s.BlockHash)
		}
	}
	return nil
}
