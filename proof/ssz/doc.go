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
//     GetPathIndices, GetHelperIndices, CalculateMerkleRoot;
//   - multiproofs: CalculateMultiMerkleRoot and VerifyMerkleMultiproof;
//   - the light-client containers, written out per type with no reflection, each with SSZ
//     decoding (UnmarshalSSZ), encoding (MarshalSSZ, MarshalSSZTo, SizeSSZ),
//     HashTreeRoot and Beacon-API JSON: BeaconBlockHeader, SyncCommittee, SyncAggregate,
//     ExecutionPayloadHeader, LightClientHeader, LightClientBootstrap, LightClientUpdate,
//     LightClientFinalityUpdate and LightClientOptimisticUpdate; and the signing helpers
//     ComputeForkDataRoot, ComputeForkDigest, ComputeDomain and ComputeSigningRoot.
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
// fixed containers and branch verification allocate nothing. Values are safe for
// concurrent reads.
package ssz
