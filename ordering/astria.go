package ordering

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"slices"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/proof/nmt"
)

// AstriaRollupID is Astria's RollupId::from_unhashed_bytes: sha256 of the rollup's name.
func AstriaRollupID(name []byte) interop.Hash { return sha256.Sum256(name) }

// AstriaRollup is one rollup's data in an Astria sequencer block.
type AstriaRollup struct {
	ID  interop.Hash
	Txs [][]byte
}

// AstriaRoots returns Astria's rollup_transactions_root and rollup_ids_root
// (astria-core sequencerblock/v1): with rollups sorted by id, the RFC 6962 root of the
// leaves id ‖ MTH(txs), and the RFC 6962 root of the ids. Two rollups with one id are an
// error (ErrInvalidTx, with the repeated id). Bound: one hash per transaction and per
// rollup, a sort of the rollups; memory linear in rollups and transactions.
func AstriaRoots(rollups []AstriaRollup) (txsRoot, idsRoot interop.Hash, err error) {
	sorted := slices.Clone(rollups)
	slices.SortFunc(sorted, func(a, b AstriaRollup) int { return bytes.Compare(a.ID[:], b.ID[:]) })
	leaves := make([][]byte, len(sorted))
	ids := make([][]byte, len(sorted))
	for i, r := range sorted {
		if i > 0 && sorted[i-1].ID == r.ID {
			return interop.Hash{}, interop.Hash{}, fmt.Errorf("%w: rollup id %x twice", ErrInvalidTx, r.ID)
		}
		root := nmt.RFC6962Root(r.Txs)
		leaves[i] = append(append(make([]byte, 0, 64), r.ID[:]...), root[:]...)
		ids[i] = r.ID[:]
	}
	return nmt.RFC6962Root(leaves), nmt.RFC6962Root(ids), nil
}
