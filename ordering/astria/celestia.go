package astria

import (
	"fmt"

	"github.com/interopkit/interop"
)

// The blobs Astria posts to Celestia (astria.sequencerblock.v1 celestia.proto), once
// decompressed: the sequencer posts SubmittedMetadataList and SubmittedRollupDataList
// Brotli-compressed (DecompressBlob, DecodeMetadataBlob and DecodeRollupDataBlob undo it,
// blob.go); FirmVerifier (firm.go) proves them into a Celestia data root.

// SubmittedRollupData is one rollup's data of one block as posted to Celestia.
type SubmittedRollupData struct {
	SequencerBlockHash interop.Hash
	RollupTransactions
}

// DecodeSubmittedMetadata decodes a SubmittedMetadata blob entry into the
// FilteredSequencerBlock it describes (no rollup served; rollup_ids as AllRollupIDs),
// which VerifyStructure and MatchSignedHeader then check. Bound: as
// DecodeFilteredSequencerBlock.
func DecodeSubmittedMetadata(b []byte) (FilteredSequencerBlock, error) {
	var s FilteredSequencerBlock
	if err := checkSize("submitted metadata", b); err != nil {
		return s, err
	}
	var have [8]bool
	ids := make([]interop.Hash, 0, count(b, 3))
	var ups [][]byte
	if n := count(b, 6); n > 0 {
		ups = make([][]byte, 0, n)
	}
	err := message("submitted metadata", b, map[uint64]spec{
		1: {wireBytes, false}, 2: {wireBytes, false}, 3: {wireBytes, true}, 4: {wireBytes, false},
		5: {wireBytes, false}, 6: {wireBytes, true}, 7: {wireBytes, false},
	}, func(f field) (err error) {
		have[f.num] = true
		switch f.num {
		case 1:
			s.BlockHash, err = hash32("block hash", f.b)
		case 2:
			s.Header, err = DecodeHeader(f.b)
		case 3:
			var id interop.Hash
			id, err = decodeRollupID(f.b)
			ids = append(ids, id)
		case 4:
			s.RollupTransactionsProof, err = DecodeProof(f.b)
		case 5:
			s.RollupIDsProof, err = DecodeProof(f.b)
		case 6:
			ups = append(ups, f.b)
		case 7:
			s.ExtendedCommitInfo = f.b
		}
		return err
	})
	if err != nil {
		return s, err
	}
	for _, n := range []int{1, 2, 4, 5} {
		if !have[n] {
			return s, fmt.Errorf("%w: submitted metadata field %d not set", ErrDecode, n)
		}
	}
	s.AllRollupIDs, s.UpgradeChangeHashes = ids, ups
	return s, nil
}

// AppendSubmittedMetadata appends the canonical SubmittedMetadata encoding of the
// metadata of s (its served rollups are not part of it).
func AppendSubmittedMetadata(b []byte, s *FilteredSequencerBlock) []byte {
	b = appendBytes(b, 1, s.BlockHash[:])
	h, _ := s.Header.AppendBinary(nil)
	b = appendMessage(b, 2, h, true)
	for _, id := range s.AllRollupIDs {
		b = appendMessage(b, 3, appendBytes(nil, 1, id[:]), true)
	}
	p, _ := s.RollupTransactionsProof.AppendBinary(nil)
	b = appendMessage(b, 4, p, true)
	p, _ = s.RollupIDsProof.AppendBinary(nil)
	b = appendMessage(b, 5, p, true)
	for _, u := range s.UpgradeChangeHashes {
		b = appendMessage(b, 6, u, true)
	}
	return appendMessage(b, 7, s.ExtendedCommitInfo, s.ExtendedCommitInfo != nil)
}

// DecodeSubmittedRollupData decodes a SubmittedRollupData blob entry (block hash, rollup
// id and proof required). Bound: as DecodeRollupTransactions.
func DecodeSubmittedRollupData(b []byte) (SubmittedRollupData, error) {
	var d SubmittedRollupData
	if err := checkSize("submitted rollup data", b); err != nil {
		return d, err
	}
	var have [5]bool
	txs := make([][]byte, 0, count(b, 3))
	err := message("submitted rollup data", b, map[uint64]spec{1: {wireBytes, false}, 2: {wireBytes, false}, 3: {wireBytes, true}, 4: {wireBytes, false}}, func(f field) (err error) {
		have[f.num] = true
		switch f.num {
		case 1:
			d.SequencerBlockHash, err = hash32("sequencer block hash", f.b)
		case 2:
			d.RollupID, err = decodeRollupID(f.b)
		case 3:
			txs = append(txs, f.b)
		case 4:
			d.Proof, err = DecodeProof(f.b)
		}
		return err
	})
	if err != nil {
		return d, err
	}
	if !have[1] || !have[2] || !have[4] {
		return d, fmt.Errorf("%w: submitted rollup data without block hash, rollup id or proof", ErrDecode)
	}
	d.Transactions = txs
	return d, nil
}

// AppendBinary appends the canonical SubmittedRollupData encoding of d.
func (d *SubmittedRollupData) AppendBinary(b []byte) ([]byte, error) {
	b = appendBytes(b, 1, d.SequencerBlockHash[:])
	b = appendMessage(b, 2, appendBytes(nil, 1, d.RollupID[:]), true)
	for _, tx := range d.Transactions {
		b = appendMessage(b, 3, tx, true)
	}
	p, _ := d.Proof.AppendBinary(nil)
	return appendMessage(b, 4, p, true), nil
}

// Serve adds rollup data posted to Celestia to the block its metadata describes, so
// that VerifyStructure proves it complete: data of another block is ErrHeaderMismatch.
func (s *FilteredSequencerBlock) Serve(d *SubmittedRollupData) error {
	if d.SequencerBlockHash != s.BlockHash {
		return fmt.Errorf("%w: rollup data of block %x, metadata of %x", ErrHeaderMismatch, d.SequencerBlockHash, s.BlockHash)
	}
	s.RollupTransactions = append(s.RollupTransactions, d.RollupTransactions)
	return nil
}
