// Package tendermint checks CometBFT light-client steps (cometbft light/verifier.go,
// types/validator_set.go, spec/light-client/verification): header hashes (the RFC 6962
// Merkle root of the protobuf-encoded header fields, types/block.go Header.Hash),
// validator-set hashes, CometBFT's stateless checks (ValidateBasic of headers, commits
// and signed headers), commits signed by more than 2/3 of the voting power with Ed25519
// over canonical vote sign bytes (VerifyCommitLight), and adjacent steps
// (VerifyAdjacent) with the trusting period and clock drift. tenderminttest generates
// validator sets, headers and signed commits for property tests.
//
// Headers, commits and validator sets decode from CometBFT RPC JSON (int64 as strings,
// base64 signatures, hex hashes; a part-set header under "parts" or "part_set_header").
// Only Ed25519 validator keys are supported. Every error wraps one of the package's
// sentinels. Functions are safe for concurrent use.
package tendermint
