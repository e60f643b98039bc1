package exampledata

import _ "embed"

// UnionDevnetConnection is a real chained IBC proof, as JSON with hex fields: a union
// devnet's connections/connection-1 in its ibc store (app_hash, path, the ConnectionEnd
// value, and the relayer's MerkleProof bytes). The values are chain data served by a node,
// quoted in unionlabs/union @ edaacacccc3544d69ce1fac0aa1c7e9b6fe83216,
// lib/ics23/src/ibc_api.rs (test connection_exists), licensed Apache-2.0 OR MIT; copied
// unchanged in value.
//
//go:embed union-devnet-connection.json
var UnionDevnetConnection []byte
