// Package exampledata embeds the real chain data the examples run on; see README.md for
// where each file comes from.
package exampledata

import _ "embed"

// MainnetExcerpts holds mainnet eth_getProof responses and a receipt proof with the block
// roots they are checked against.
//
//go:embed mainnet-excerpts.json
var MainnetExcerpts []byte

// FuluBootstrap is a mainnet LightClientBootstrap (Fulu) at slot 14934240, SSZ-encoded.
//
//go:embed mainnet-fulu-1823-bootstrap.ssz
var FuluBootstrap []byte

// FuluFinalityUpdate is a mainnet LightClientFinalityUpdate (Fulu) signed by the committee
// of FuluBootstrap, attested slot 14934333, SSZ-encoded.
//
//go:embed mainnet-fulu-1823-finality-update.ssz
var FuluFinalityUpdate []byte

// FuluCheckpoint is the block root the Fulu bootstrap is trusted at: in a deployment it comes
// from the operator (a weak-subjectivity checkpoint), never from the bootstrap itself.
const FuluCheckpoint = "0x06b26eecbd0ea78e0cedc8972cd54344ad7515854354f145cf319059f2aa7ce2"
