// Package kzg computes and verifies KZG commitments and proofs over BLS12-381 exactly as
// Ethereum's blobs use them: EIP-4844 (consensus-specs deneb/polynomial-commitments.md),
// the point-evaluation precompile at address 0x0a, and the EIP-7594 cell proofs of PeerDAS
// (fulu/polynomial-commitments-sampling.md).
//
// EIP-4844: BlobToKZGCommitment, ComputeKZGProof, ComputeBlobKZGProof, VerifyKZGProof,
// VerifyBlobKZGProof, VerifyBlobKZGProofBatch, KZGToVersionedHash and
// PointEvaluationPrecompile follow the spec functions of the same names, including the
// bit-reversed evaluation domain, the Fiat–Shamir challenges (FSBLOBVERIFY_V1_,
// RCKZGBATCH___V1_) and the accepted encodings: every 32-byte scalar must be below
// BLS_MODULUS, every 48-byte point must be a compressed G1 point on the curve and in the
// r-order subgroup, and the point at infinity (0xc0 followed by zeros) is a valid
// commitment and proof. An empty batch is valid.
//
// EIP-7594: ComputeCells, ComputeCellsAndKZGProofs, VerifyCellKZGProofBatch and
// RecoverCellsAndKZGProofs follow the fulu spec; verification is the spec's universal
// batched equation (one two-pairing check for any number of cells and blobs).
//
// Blob sidecars: BlobSidecar is the Deneb container as the Beacon API's blob_sidecars
// endpoint returns it (DecodeBlobSidecarsJSON; DecodeBlobSidecarsSSZ for the SSZ
// response). BlobSidecar.Verify checks one against a trusted block root: the header's
// root, the commitment's inclusion proof into the body root (generalized index computed by
// proof/ssz), then the blob's KZG proof.
//
// The Ethereum mainnet trusted setup (c-kzg-4844's trusted_setup.txt) is embedded and
// checked against its published sha256 the first time it is needed. It is decoded lazily
// and in parts: verification needs only the G2 points (milliseconds), commitments and
// blob proofs the Lagrange G1 points, cell proofs the monomial G1 points (each a few
// hundred milliseconds, once per process). Cell proofs are computed by FK20, whose table
// of transformed setup points (0.8 MB) costs 64 G1 FFTs, about 2 s on the reference
// machine, the first time cell proofs are computed; each blob then takes about 0.5 s.
//
// Every error wraps one of the package's sentinels (ErrInvalidProof, ErrInvalidFieldElement,
// ErrInvalidPoint, ErrNotInSubgroup, ...); a nil error from a Verify function means the
// proof is valid.
//
// # Resource bounds
//
// Inputs are fixed-size arrays (Blob, Cell, Commitment, Proof) or lists of them whose
// lengths are checked against each other first. Beyond the one-time setup costs above:
//   - VerifyKZGProof, PointEvaluationPrecompile (exactly 192 bytes): two point decodings
//     and one two-pairing check; O(1) memory.
//   - VerifyBlobKZGProof: one evaluation over the 4096-element domain; pooled scratch.
//     VerifyBlobKZGProofBatch: one evaluation per blob, one multi-exponentiation of 2n+1
//     points and one two-pairing check; memory under 40 KiB per 128 KiB blob, plus 512
//     KiB of pooled scratch per worker.
//   - VerifyCellKZGProofBatch: cell indices checked first; one subgroup check per distinct
//     commitment and per proof, distinct commitments found in O(1) each (indexed past 16),
//     at most 128 inverse FFTs of 64 elements, one multi-exponentiation of
//     distinct+64+n points; memory about twice the cells' size.
//   - DecodeBlobSidecarsJSON: at most MaxBlobSidecars sidecars, each refused before a blob
//     is allocated for it unless its JSON is long enough to hold one; one at a time;
//     under 8 bytes per input byte. DecodeBlobSidecarsSSZ: a multiple of BlobSidecarSize,
//     checked first; len(data) bytes. BlobSidecar.Verify: 18 hashes for the inclusion
//     proof, then VerifyBlobKZGProof.
//   - RecoverCellsAndKZGProofs: 64 to 128 distinct cells, checked first; a fixed amount of
//     work (FFTs of 8192 elements, 128 cell proofs by FK20) and about 6 MB of memory,
//     under 50 bytes per input byte.
//
// # Concurrency
//
// All functions are safe for concurrent use: the trusted setup and the tables derived
// from it are built once under sync.Once and then only read, and scratch space comes
// from pools. The batch verifiers, VerifyBlobKZGProofBatch and VerifyCellKZGProofBatch,
// take trailing interop.BatchOption values: interop.Workers(n) lets one call use n
// goroutines (default GOMAXPROCS, 1 keeps it on the caller's), which share the per-blob
// or per-cell decoding and evaluation and the multi-exponentiations; all are joined before
// the call returns, and the verdict, error included, does not depend on n. Everything else
// runs on the caller's goroutine; gnark-crypto's multi-exponentiation, used to compute
// commitments and proofs, runs short-lived internal goroutines limited to one task at a
// time.
package kzg
