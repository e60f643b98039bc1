// Package ibcgo compares proof/ics23's MerkleProof chain verification with ibc-go's own
// (modules/core/23-commitment/types, v10) on real IBC proof bytes. It is a module of its
// own, outside the bench module, because importing ibc-go pulls the Cosmos SDK; see
// README.md.
package ibcgo
