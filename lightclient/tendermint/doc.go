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
// Headers, commits and validator sets decode from CometBFT RPC JSON (int64 as strings,
// base64 signatures, hex hashes; a part-set header under "parts" or "part_set_header").
// Only Ed25519 validator keys are supported. Every error wraps one of the package's
// sentinels. Functions are safe for concurrent use.
package tendermint
