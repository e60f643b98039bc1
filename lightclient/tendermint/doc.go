// Package tendermint checks CometBFT light-client steps (cometbft light/verifier.go,
// types/validator_set.go, spec/light-client/verification): header hashes (the RFC 6962
// Merkle root of the protobuf-encoded header fields, types/block.go Header.Hash),
// validator-set hashes, CometBFT's stateless checks (ValidateBasic of headers, commits
// and signed headers), commits signed by more than 2/3 of the voting power with Ed25519
// over canonical vote sign bytes (VerifyCommitLight), adjacent steps (VerifyAdjacent)
// and skipping steps (VerifyNonAdjacent: the trusted set's members, found by address,
// must have signed more than a trust level of its power, VerifyCommitLightTrusting), with
// the trusting period and clock drift. A differential test in the bench module holds all
// of it to CometBFT v0.38.17's verdicts. tenderminttest generates validator sets, headers,
// signed commits and adjacent and skipping steps for property tests.
//
// Headers, commits and validator sets decode from CometBFT RPC JSON (int64 as canonical
// decimal strings, base64 signatures, hex hashes; a part-set header under "parts" or
// "part_set_header"). Only Ed25519 validator keys are supported. Every error wraps one of
// the package's sentinels.
//
// # Resource bounds
//
//   - JSON: commits and validator sets hold at most MaxValidators (10,000, CometBFT's
//     MaxVotesCount) entries, counted before the slice is allocated, which is allocated
//     once at its exact size; Int64 reads at most 20 digits; HexBytes 1.5 bytes per input
//     byte. Decoding allocates about 3 bytes per input byte for RPC-shaped entries and
//     at most about 30 for the smallest ("{}", 3 bytes for an 80-byte entry).
//   - Header.Hash, ValidatorSet.Hash: one pass; 32 bytes per validator plus one buffer the
//     size of the longest key.
//   - VerifyCommitLight, VerifyCommitLightTrusting: refuse more than MaxValidators
//     validators or signatures, a total power over MaxTotalVotingPower (MaxInt64/8, as
//     CometBFT), a chain id over MaxChainIDLen and a block id whose hashes are not 32
//     bytes (each would be hashed once per signature), all before any signature is
//     checked; then at most one Ed25519 verification per entry, stopping as soon as the
//     power suffices, with the sign-bytes buffer reused (constant memory; the trusting
//     form adds an address index of O(validators)); a key listed twice in a set is refused
//     (sorting a 32-byte copy of each key).
//   - VerifyAdjacent, VerifyNonAdjacent: the above, plus the header and validator-set
//     hashes, each once.
//
// TestBoundsAllocPerInputByte holds each to a few bytes allocated per input byte at
// MaxValidators.
//
// # Concurrency
//
// Functions are safe for concurrent use. Header, Commit, SignedHeader and ValidatorSet are
// only read by the verifiers and hashes (nothing is cached in them), so one value may be
// checked by many goroutines at once, as long as none modifies it.
package tendermint
