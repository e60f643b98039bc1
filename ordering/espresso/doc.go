// Package espresso checks what the Espresso network really emits, in its own formats:
// block headers and leaves with their committable commitments, HotShot quorum
// certificates (BLS over BN254), namespace proofs of the VID scheme, and finality read
// from the light-client contract on Ethereum. It sits beside package ordering's neutral
// model and reuses it (the namespace table, stake thresholds) and the library's verifiers.
//
// # Commitments
//
// Espresso names every object by a committable commitment: keccak256 over a tag and the
// object's fields in order, each field name followed by the bytes C0 7F, integers as
// little-endian u64, U256 values as 32 little-endian bytes, variable-size bytes with a u64
// length (EspressoSystems/commit, RawCommitmentBuilder). Commitments travel as tagged base64
// (tag~base64url of the value and a CRC-8 checksum byte; ParseTaggedBase64,
// ParseCommitment, FormatCommitment).
//
// DecodeHeaderJSON reads a block header as the query service serves it, every version
// from 0.1 to 0.6 (v0.1 as a bare object, later versions in a {"fields", "version"}
// envelope), and Header.Commit computes its BLOCK commitment, the block hash: v0.1 commits
// to its fields; later versions wrap the fields commitment with the version. The
// sub-objects commit on their own (ChainConfig, FeeInfo, L1BlockInfo, the namespace table
// through ordering.NsTableCommitment). DecodeLeafJSON and DecodeLeafQueryDataJSON read
// HotShot leaves (Leaf2 and the legacy Leaf) and Leaf.Commit computes the leaf commitment
// over the view, the parent's commitment, the header's commitment, the justify QC's
// commitment (with its signature serialized as hotshot-types does, SignaturesBytes) and the
// epoch members; LeafQueryData.Check ties a leaf to the QC that names
// it. QuorumDataCommitment, QuorumData2Commitment and VoteCommitment give the message
// HotShot's quorum votes sign; TransactionCommitment a transaction's TX commitment.
//
// What the library checks: that a header or leaf served by any node commits to the value
// a QC or the light client names, so a rollup can trust the header's fields (height,
// timestamps, L1 references, payload and namespace-table commitments, tree roots) exactly
// as far as it trusts that commitment. Every expected value upstream's reference tests
// assert is reproduced, and so are the block hashes and leaf commitments of upstream's
// protocol 0.2 to 0.5 test chains, whose leaves carry signed QCs (testdata/reference).
// Decoding is strict: unknown or repeated members, missing ones (except those serde reads
// as None), numbers in another form than upstream writes, wrong tags or checksums are
// refused.
//
// What it cannot check: that a header is valid (that its state transition, fees, tree
// roots, L1 references or reward accounting are right: that is re-executing the chain);
// the builder's signature, which no commitment covers; the payload behind the payload
// commitment (see the namespace proofs); that a QC's signatures are valid (Check ties the
// QC to the leaf; StakeTable.VerifyQC checks the signatures); a leaf's view-change
// evidence (kept, not checked: no commitment covers it); leaves carrying an upgrade
// certificate (ErrUnsupported: its form is not decoded); header
// versions after 0.6, and the v0.99 marketplace headers.
//
// # HotShot QCs
//
// # Namespace proofs
//
// # Finality
//
// # Resource bounds
//
// DecodeHeaderJSON refuses input past MaxHeaderJSON (64 KiB) before decoding, namespace
// tables past MaxNsTableLen, tree roots past MaxMerkleCommLen and objects of more than 32
// members; DecodeLeafJSON and DecodeLeafQueryDataJSON refuse input past MaxLeafJSON (8 MiB);
// ParseTaggedBase64 refuses strings past MaxTaggedBase64Len. Within those bounds each
// decoder allocates a small multiple of its input (tests hold them to 100 bytes per input
// byte plus 64 KiB). Commitments hash pooled buffers and allocate a few small objects.
//
// # Concurrency
//
// Decoders and commitment functions share no state and are safe for concurrent use;
// decoded values are safe for concurrent reads.
package espresso
