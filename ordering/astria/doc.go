// Package astria verifies Astria's soft and firm commitments. Soft: a sequencer block
// as the sequencer's gRPC serves it (astria.sequencerblock.v1 SequencerBlock and
// FilteredSequencerBlock), committed by CometBFT validators the caller trusts, down to
// one rollup's complete transaction list. Firm: the same block as the relayer posted
// it to Celestia, proven under a Celestia data root (see "Firm commitment"). It follows astria-core (sequencerblock/v1: try_from_raw,
// are_rollup_txs_included, are_rollup_ids_included, do_rollup_transactions_match_root)
// and astria-merkle, and reuses lightclient/tendermint for the commit, ordering's
// AstriaRoots and proof/nmt's RFC 6962 tree for the Merkle work.
//
// # What is checked
//
//   - The CometBFT step from a trusted header and validator set to the block's header
//     (VerifyAdjacent or VerifyNonAdjacent), the block hash being that header's hash, and
//     the chain id, height, time, proposer and data_hash of Astria's header equal to the
//     signed ones, directly or through the block's raw transactions (MatchSignedHeader,
//     BlockDataHash).
//   - rollup_transactions_root and the root of the block's rollup ids proven into
//     data_hash (each data_hash leaf is sha256 of the 32-byte root, as the sequencer
//     puts them first among the block's transactions).
//   - A rollup's transactions complete: the leaf rollup id ‖ MTH(txs) proven under
//     rollup_transactions_root, so any omitted, inserted, changed or reordered
//     transaction is refused; a rollup proven absent when the strictly sorted list of all
//     rollup ids, proven into data_hash, does not hold it.
//
// # Firm commitment
//
// The sequencer-relayer posts each block to Celestia in two kinds of blob, protobuf
// (celestia.proto) compressed with Brotli: a SubmittedMetadataList in the sequencer's
// namespace (version 0, the first 10 bytes of sha256 of the chain id:
// SequencerNamespace) and, per rollup, a SubmittedRollupDataList in the rollup's
// namespace (the first 10 bytes of its id: RollupNamespace). FirmVerifier.Verify
// follows the conductor (astria-conductor celestia/: convert.rs, verify.rs,
// reconstruct.rs) and checks, from a Celestia data root and the share proofs
// celestia-node serves (proof/nmt ShareProof: NMT range proofs of the shares under row
// roots, row roots under the data root):
//
//   - each blob's shares are under the data root, in the namespace Astria uses for
//     it, and are exactly one blob (share version 0 or 1, sequence start and length,
//     zero padding, as go-square lays it out: BlobShares, DecodeBlobShares);
//   - the blobs decompress (DecompressBlob, the module's own Brotli decoder) and decode
//     strictly (DecodeMetadataList, DecodeRollupDataList);
//   - the metadata holds exactly one entry of the block hash the soft commitment
//     established, of this chain, whose rollup_transactions_root and rollup ids are
//     proven into its data_hash (the soft verification's code, VerifyStructure), and,
//     with VerifySigned, whose header matches the signed CometBFT header;
//   - each rollup data entry of that block is in its rollup's namespace, listed by the
//     metadata, given once, and its transactions proven complete under
//     rollup_transactions_root; AllServed checks that the blobs held every listed
//     rollup; Rollup gives a rollup's transactions or proves its absence.
//
// What the firm check cannot promise: a share proof proves a blob is in the Celestia
// block, not that it is the only blob of its namespace there (celestia-node's
// namespace-complete GetAll is what the conductor relies on for that); the data root
// must come from a Celestia header the caller trusts (a Celestia light client, or
// Blobstream through proof/nmt's DataRootTuple), which this package does not verify;
// and the block must be the one a soft verification accepted: FirmVerifier.VerifySigned
// takes the signed CometBFT header and matches the metadata's header to it
// (MatchSignedHeader), so that its data_hash is the one the validators signed.
// FirmVerifier.Verify, like the conductor (verify.rs compares only the block hash and
// chain id with the commit), takes a block hash and trusts the metadata's header
// beside it.
// The relayer's early single-entry blobs (a bare SubmittedMetadata, as in the
// upstream unbatched_metadata fixture) decode with DecodeSubmittedMetadata after
// DecompressBlob; FirmVerifier reads lists only, as today's conductor does.
//
// # What is not checked
//
//   - A soft commitment is CometBFT finality of the sequencer only: it says these bytes
//     were ordered for this rollup at this height, not that they are valid rollup
//     transactions, nor anything about execution.
//   - That rollup_transactions_root and the ids root describe the same rollups is what
//     the validators check when they commit the block; a filtered block proves each
//     served rollup's leaf and the ids list, not that the two trees agree.
//   - Blocks whose transactions are typed DataItems (astria-core new_from_typed_data)
//     carry an Astria data_hash that is not the CometBFT header's; they are linked only
//     when the caller passes the block's raw transactions (BlockDataHash), which these
//     messages do not hold. Legacy blocks link directly. The extended commit info item is
//     recognised by its DataItem variant, where upstream uses the height's
//     vote-extension setting.
//   - Extended commit info (oracle prices) and upgrade change hashes are decoded as bytes
//     and not verified. RollupData items (sequenced data, deposits) are returned as bytes.
//
// # Resource bounds
//
// Every decoder (DecodeSequencerBlock, DecodeFilteredSequencerBlock, DecodeHeader,
// DecodeRollupTransactions, DecodeProof, DecodeSubmittedMetadata,
// DecodeSubmittedRollupData, DecodeMetadataList, DecodeRollupDataList) refuses inputs over MaxMessageSize (ErrTooLarge) and reads strict
// protobuf: minimal varints, known wire types, lengths within the input, no non-repeated
// field twice (ErrDecode); unknown fields of valid wire types are skipped as proto3 does.
// Repeated fields are counted before their slices are allocated; transactions, audit
// paths and addresses alias the input. Allocation is at most about 60 bytes per input
// byte (TestBounds). Proof.Verify handles at most MaxAuditPath hashes without
// allocating; BlockDataHash takes at most MaxBlockTxs transactions and hashes each once
// (64 bytes allocated per transaction); VerifyStructure hashes each transaction and rollup id once; SoftVerifier's
// light-client step is lightclient/tendermint's (one Ed25519 verification per signature
// at most).
//
// # Concurrency
//
// Functions are safe for concurrent use; a SoftVerifier and a FirmVerifier are immutable, and decoded blocks
// are only read by the verifiers.
package astria
