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
// What the library checks: a QC as HotShot serializes it (SimpleCertificate over QuorumData
// or QuorumData2, with its (signature, bit vector) pair) is decoded strictly; its
// vote_commitment is recomputed from the data and view with committable ("Quorum data",
// then "Vote"), so a signature cannot be moved to other data; the bit vector must have the
// stake table's length; the signers' stake must reach HotShot's success threshold
// (⌊2·total/3⌋ + 1, ordering.SuccessThreshold); and the aggregate BLS signature over BN254
// (crypto/bls/bn254, jellyfish's scheme) must verify under the sum of the signers' keys.
// SignaturesBytes gives a signed QC's bytes in a leaf commitment (serialize_signature2), so
// a leaf whose justify QC is signed commits exactly as HotShot's does: leaf → commitment →
// certifying QC → stake table is checked end to end on HotShot's own bytes.
//
// What it cannot check: that the stake table is the right one for the QC's epoch (the
// caller brings it from a trusted source: the genesis config, the stake table contract read
// through proofs, or the previous epoch's certified state); that the certified leaf is
// final (a QC certifies one view; HotShot decides a leaf after a chain of QCs, and the
// light-client contract after that); and anything about the leaf's payload beyond its
// commitment. Timeout, view-sync, DA and upgrade certificates use other data and thresholds
// and are not verified here.
//
// # Namespace proofs
//
// What the library checks. A namespace proof as Espresso's query service serves it
// (/availability/block/:height/namespace/:ns, NamespaceProofQueryData) is checked against
// the block header's payload commitment and namespace table: the namespace payload is
// re-encoded with AVID-M (espresso-network vid/src/avidm, the keccak256 configuration that
// HotShot builds) into its namespace commitment, whose leaf is proven by the Merkle path into
// the payload commitment at the namespace's index; the index, the namespace id and the
// payload length are checked against the namespace table (ordering.DecodeNsTable); the
// payload is split into transactions exactly as Espresso's nodes split it (tx table rules
// of namespace_payload/types.rs), so the list is complete: no transaction can be omitted,
// inserted, altered or reordered without changing the committed bytes. The transactions the
// service lists beside the proof are compared with that list. A namespace absent from the
// table is reported empty, and only then: the table itself is committed in the header.
// Header.VerifyNamespace takes both from a decoded header, whose commitment tag must name
// the proof's scheme.
//
// What it cannot check. The payload commitment and the namespace table are taken from a
// header the caller has verified (QC, finality): this part proves nothing about the header.
// AVID-M parameters (recovery threshold, total weights) come from the VID common data the
// network serves; a wrong parameter only makes an honest proof fail. Commitments prove
// that the data was committed, not that it was dispersed or is retrievable (availability is
// the DA committee's promise), nor that transactions are valid or executed. ADVZ (NsProof V0,
// KZG over BN254 with the network's SRS, which no served object carries) is decoded only far
// enough to be refused with ErrVIDUnsupported. NsProof V2 (AVID-M over GF(2^16),
// reed-solomon-simd) is verified the same way as V1 with its own namespace commitment
// (AvidmGf2Commit); its per-namespace commitment is checked against upstream's reference
// VID common, but no upstream V2 namespace proof or V2 header exists to check the whole path
// against, and upstream's newest code adds a final "binding" leaf to the V2 tree (a path
// one level longer is accepted for V2; the leaf itself is never needed by a verifier).
//
// # Finality
//
// What the library checks. A rollup that trusts an Ethereum state root (from its own beacon
// light client, never from an RPC) reads the Espresso light client contract's finalizedState
// through an EIP-1186 storage proof (ReadFinalizedState: proof/mpt verifies the account and
// slots 6-7, the packing is decoded strictly), and then checks that a block commitment is final
// (VerifyBlockFinal): the block's height is below the finalized height, its header commitment is
// the leaf at that height in a block Merkle tree proof (SHA3-256, arity 3, height 32), and the
// tree the proof leads to, with the finalized height as its leaf count, hashes with Rescue-254
// (hotshot-types hash_bytes_to_field) to the contract's blockCommRoot. Nothing served by an
// Espresso node or an Ethereum RPC is trusted: the proof JSON and the eth_getProof response are
// both checked against the roots. VerifyHeaderFinal does it for a decoded header (its height
// and Header.Commit).
//
// What it cannot check. That the contract's state is right: the contract accepted it because a
// Plonk proof showed a quorum of the stake table signed it (the library does not verify that
// SNARK, nor who may upgrade the proxy or set a permissioned prover). That the state root is
// final on Ethereum: the caller's light client says so. The finalized block itself (height
// blockHeight) is not in its own tree: its header commitment is final, but it is proven only by
// a later state. The header commitment binds the block's payload through the header's fields;
// what the block contains is the namespace part's question. Freshness: a state read at an old
// Ethereum block is a true but old finalized state.
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
// DecodeQCJSON refuses input past 64 KiB before reading and allocates the
// bit vector only after checking its length against MaxStakeTableSize; DecodeStakeTableJSON
// refuses input past 64 MiB and more than MaxStakeTableSize entries before allocating;
// VerifyQC allocates one key pointer per entry.
//
// DecodeNsProofJSON, DecodeNamespaceProofResponse and
// DecodeVidCommonJSON allocate in proportion to their input (a payload is at most 3/4 of
// its base64, a byte array is counted before it is allocated, a Merkle path is at most 40
// levels and its size is checked before decoding); SplitNsPayload allocates one slice of at
// most len/4 transactions that alias its input; AvidMCommit and VerifyNamespaceProof keep
// O(TotalWeights) state whatever the payload length (TotalWeights <= MaxAvidMTotalWeights)
// and cost O(len·min(k·n, N·log N)/k) field multiplications; AvidmGf2Commit likewise keeps
// O(TotalWeights) state, plus GF(2^16) tables of 384 KiB built once per process. Every
// function is safe for concurrent use; a NamespaceProofResponse may be verified from many
// goroutines.
//
// # Concurrency
//
// Decoders and commitment functions share no state and are safe for concurrent use;
// decoded values are safe for concurrent reads.
package espresso
