// Package astria verifies Astria's soft commitment: a sequencer block as the sequencer's
// gRPC serves it (astria.sequencerblock.v1 SequencerBlock and FilteredSequencerBlock),
// committed by CometBFT validators the caller trusts, down to one rollup's complete
// transaction list. It follows astria-core (sequencerblock/v1: try_from_raw,
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
// # What is not checked
//
//   - A soft commitment is CometBFT finality of the sequencer only: it says these bytes
//     were ordered for this rollup at this height, not that they are valid rollup
//     transactions, nor anything about execution.
//   - The firm commitment is not implemented: the blobs Astria posts to Celestia are
//     decoded (DecodeSubmittedMetadata, DecodeSubmittedRollupData, once the caller has
//     Brotli-decompressed them: the standard library has no Brotli decoder) and verified
//     like a filtered block (Serve, VerifyStructure, MatchSignedHeader), but their
//     inclusion in a Celestia data root (proof/nmt share proofs) is not checked here.
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
// DecodeSubmittedRollupData) refuses inputs over MaxMessageSize (ErrTooLarge) and reads strict
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
// Functions are safe for concurrent use; a SoftVerifier is immutable, and decoded blocks
// are only read by the verifiers.
package astria
