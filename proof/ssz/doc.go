// Package ssz computes SSZ hash_tree_root and verifies SSZ Merkle proofs, against
// consensus-specs ssz/simple-serialize.md and ssz/merkle-proofs.md, for the containers of
// the sync-committee light client (altair, capella, deneb and electra
// light-client/sync-protocol.md).
//
// It covers:
//
//   - the merkleization building blocks of simple-serialize.md: Merkleize (zero-hash
//     padding to a chunk limit, in memory proportional to the depth), MixInLength,
//     PackBytes, PackUint64s, Uint64Root, Uint256Root, ByteVectorRoot, ByteListRoot,
//     BitvectorRoot, HashPair and ZeroHash;
//   - branch verification: IsValidMerkleBranch and VerifyMerkleBranch
//     (is_valid_merkle_branch), VerifyBranchAt for a generalized index, and
//     IsValidNormalizedMerkleBranch (electra);
//   - generalized indices (merkle-proofs.md): GeneralizedIndex with Depth, Bit, Sibling,
//     Child and Parent, GetSubtreeIndex, ConcatGeneralizedIndices, GetBranchIndices,
//     GetPathIndices, GetHelperIndices (bounded like the multiproof it serves),
//     CalculateMerkleRoot;
//   - multiproofs: CalculateMultiMerkleRoot and VerifyMerkleMultiproof;
//   - the light-client containers, written out per type with no reflection, each with SSZ
//     decoding (UnmarshalSSZ), encoding (MarshalSSZ, MarshalSSZTo, SizeSSZ),
//     HashTreeRoot and Beacon-API JSON: BeaconBlockHeader, SyncCommittee, SyncAggregate,
//     ExecutionPayloadHeader, LightClientHeader, LightClientBootstrap, LightClientUpdate,
//     LightClientFinalityUpdate and LightClientOptimisticUpdate (the last four also from
//     the bare "data" object with the fork given, UnmarshalJSONFork); and the signing helpers
//     ComputeForkDataRoot, ComputeForkDigest, ComputeDomain and ComputeSigningRoot;
//   - blob commitments in the block body (deneb p2p-interface.md, unchanged through Fulu):
//     BlobKZGCommitmentGindex (get_generalized_index(BeaconBlockBody,
//     'blob_kzg_commitments', index)), KZGCommitmentRoot, VerifyBlobKZGCommitmentInclusion
//     (verify_blob_sidecar_inclusion_proof's branch check) and SignedBeaconBlockHeader.
//
// # Forks and presets
//
// One set of Go types covers Altair to Fulu. A Fork field on each fork-dependent
// container says which layout it holds: the header gains execution fields in Capella, the
// execution header gains blob fields in Deneb, and the sync-committee and finality
// branches gain a level in Electra. Decoders take the fork and set the field; encoders
// and HashTreeRoot read it. The sync committee size is a preset value (512 on mainnet, 32
// in the minimal preset): SSZ decoders take a Preset, and SyncCommittee.Pubkeys and
// SyncAggregate.SyncCommitteeBits are slices whose lengths the decoders check.
//
// # Strictness
//
// SSZ decoding accepts exactly the canonical encoding: exact sizes, offsets that start
// right after the fixed part and never decrease, lists within their limits, bitvector
// padding bits zero. Branch and multiproof verification are stricter than the spec where
// the spec ignores input (bits of an index above the branch depth, extra branch nodes,
// multiproof leaves under other leaves), so that a proof is valid for exactly one
// position. Every decoder and verifier returns an error wrapping one of the package's
// sentinels; none panics on any input.
//
// Hashing is SHA-256 through crypto/sha256 on 64-byte stack buffers: HashTreeRoot of the
// fixed containers and branch verification allocate nothing.
//
// # Resource bounds
//
// Every bound is checked before anything is allocated:
//
//   - UnmarshalSSZ (every container): exact size for the fork and preset (a Preset's
//     committee is at most MaxSyncCommitteeSize); work O(len(data)), memory ≤ len(data).
//   - UnmarshalJSON (every container): work and memory O(len(b)); pubkey lists are counted
//     against MaxSyncCommitteeSize and branches against MaxDepth before any element is
//     decoded; integers are at most 20 (uint64) or 78 (uint256) digits. UnmarshalJSONFork:
//     the same, after one more linear pass that refuses an envelope.
//   - VerifyMerkleBranch, IsValidMerkleBranch, VerifyBranchAt, CalculateMerkleRoot: depth
//     at most MaxDepth (63), so at most 63 hashes; no allocation.
//     IsValidNormalizedMerkleBranch: one pass over the padding, then the same.
//   - CalculateMultiMerkleRoot, VerifyMerkleMultiproof: at most MaxMultiproofLeaves leaves
//     and MaxDepth proof nodes per leaf; work O(n log n) plus one hash per node; memory 80
//     bytes per leaf.
//   - GetHelperIndices: at most MaxMultiproofLeaves indices (ErrProofShape beyond); work
//     O(n log n + n*MaxDepth); memory O(n) plus the result, at most MaxDepth per index.
//   - ConcatGeneralizedIndices: depth at most MaxDepth (ErrIndex beyond, before the
//     arithmetic could wrap); GeneralizedIndex.Child of a node MaxDepth deep is 0.
//   - VerifyBlobKZGCommitmentInclusion: 18 hashes, no allocation.
//     SignedBeaconBlockHeader.UnmarshalSSZ: exact size, no allocation; UnmarshalJSON: as
//     the other containers.
//   - Merkleize, ByteListRoot: limit at most 2^63; one hash per chunk plus MaxDepth;
//     memory O(MaxDepth).
//
// # Concurrency
//
// The package holds no mutable state. Every function is safe for concurrent use, and the
// containers' read methods (HashTreeRoot, MarshalSSZ, MarshalJSON, Participants, Signed)
// may be called from many goroutines at once on a value that no goroutine is writing;
// decoding into a value writes it.
package ssz
