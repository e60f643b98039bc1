// Package radius verifies what Radius's shared sequencer, tx_orderer (formerly
// "sequencer", github.com/radiusxyz/tx_orderer), promises a user: the signed order
// commitment its leader returns for each transaction, and evidence that a later block
// broke it. It is the Radius form of package ordering's preconfirmations and breaches.
//
// What tx_orderer emits, and what is checked here:
//
//   - SignedOrderCommitment: OrderCommitmentData {rollup_id, block_height,
//     transaction_order, transaction_hash, pre_merkle_path} and the leader's signature, as
//     send_raw_transaction, send_encrypted_transaction and get_order_commitment return it
//     (DecodeOrderCommitmentJSON), in the form of tx_orderer 11aa36cb ("block_height", hex
//     signature) or the later one ("batch_number", signature as a byte array; Form). The
//     signature is radius-sdk's: EIP-191 personal_sign, that
//     is keccak256("\x19Ethereum Signed Message:\n" ‖ len ‖ msg), over msg = bincode 1.x of
//     the data, in which the hashes are their "0x…" hex strings (AppendSigningBytes,
//     Digest), secp256k1 with v = 27 + parity and low s (Verify, through crypto/secp256k1).
//   - The transaction Merkle tree (tx_orderer src/types/merkle.rs): a leaf is keccak256 of
//     the transaction hash's hex string (LeafHash), the hash keccak256 of the raw
//     transaction (TxHash, ordering.TxHash); nodes are keccak256(left ‖ right)
//     (proof/merkle's Keccak256). pre_merkle_path is the list of roots of the perfect
//     subtrees over the transactions before the committed one (PreMerklePath), so it
//     commits to that whole prefix. CheckBlock checks a block's transactions against a
//     commitment: the committed transaction at its position, and the prefix giving the path.
//   - Breach: a signed commitment and the block at its height without the transaction at
//     its position, or with another prefix before it; Verify checks the block first and
//     the signature last. Preconf maps a commitment to ordering's neutral Preconf.
//   - BlockCommitment: the block_commitment the leader signs per block, reproduced with
//     upstream's quirks, which leave transactions out of it (for 4 transactions it covers
//     only the first 2); it is given for comparison, and nothing here relies on it.
//
// What it cannot check:
//
//   - An order commitment promises a position, not execution: that the transaction is
//     valid, runs, or has any effect is for proof and lightclient (see package bundle).
//   - Who the orderer is: the leader's address comes from Radius's cluster and liveness
//     contracts (which rotate leaders per block); the caller supplies the address it
//     trusts for that rollup and height.
//   - That a block is the rollup's: tx_orderer's signed block_commitment does not cover
//     every transaction, so Breach takes the transactions as the caller got them from
//     where the rollup publishes its blocks, and the caller authenticates them.
//   - Commitments of type transaction_hash (a bare hash: ErrUnsigned) and bundle
//     commitments (declared upstream but never signed: ErrBundle); transactions after
//     the committed one, which only their own commitments cover; encrypted (SKDE)
//     transactions are checked only through the raw transaction the block reveals.
//   - What the earlier data without transaction_hash (tx_orderer dd9735d4,
//     NoTransactionHash) does not say: which transaction holds the position. Such a
//     commitment is decoded and verified, and breached only by a changed prefix or a
//     missing position. The data with previous_order_hash and forks keyed by "epoch" are
//     other formats and are refused (unknown or missing field).
//
// # Resource bounds
//
//   - [DecodeOrderCommitmentJSON]: at most MaxCommitmentJSON bytes, refused before reading;
//     rollup id at most MaxRollupIDLen bytes, path at most MaxPathLen roots.
//   - [DecodeRawTransactionListJSON]: at most MaxTxs transactions of at most MaxTxLen bytes,
//     each refused before it is decoded; memory the decoded bytes and one string at a time.
//   - [OrderCommitmentData.CheckBlock], [Breach.Verify]: at most MaxTxs transactions;
//     TransactionOrder+1 transaction hashes and as many leaf and pair hashes, 122 bytes per
//     transaction before the position; then one public-key recovery.
//   - [SignedOrderCommitment.Verify]: one signing-bytes encoding (on the stack up to 1024
//     bytes), one keccak256 and one recovery.
//   - [BlockCommitment]: at most MaxTxs leaves, about two hashes and 64 bytes per leaf.
//
// TestBoundsAllocPerInputByte holds the decoders to at most 100 bytes allocated per input byte.
//
// # Concurrency
//
// The package starts no goroutines and keeps no state; its functions are safe for
// concurrent use, and decoded commitments and breaches for concurrent reads and
// verification.
package radius
