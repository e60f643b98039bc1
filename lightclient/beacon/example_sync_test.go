package beacon_test

import (
	"errors"
	"fmt"

	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/lightclient/beacon/beacontest"
	"github.com/interopkit/interop/proof/ssz"
)

// The light client's life: start from a block root you trust (a checkpoint from a source
// you trust, not from the node serving the data), take the bootstrap a beacon node serves
// for it (/eth/v1/beacon/light_client/bootstrap/{root}), then follow the updates the sync
// committee signs (/eth/v1/beacon/light_client/updates, finality_update). The store then
// answers "which execution state root is finalized" as a lightclient.RootSource.
//
// The data here is made by beacontest, which holds the committee's secret keys; a real
// client decodes the same containers from a beacon node with proof/ssz.
func ExampleBootstrap() {
	cfg := beacon.Mainnet
	chain := beacontest.NewChain(cfg, 1) // stands in for a beacon node
	p := cfg.SlotsPerPeriod()
	start := 1425 * p // an Electra-era period (slot 11673600)

	trusted, bootstrap := chain.Bootstrap(start + 1)
	store, err := beacon.Bootstrap(cfg, trusted, bootstrap)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("bootstrapped at slot", store.FinalizedHeader().Beacon.Slot)

	// An update signed by the whole committee: it finalizes slot start+64 and hands
	// over the next period's committee.
	all := make([]int, cfg.Preset.SyncCommitteeSize)
	for i := range all {
		all[i] = i
	}
	bits := beacontest.BitsOf(len(all), all)
	u := chain.Update(start+96, start+64, start+97, bits, true, true)
	if err := store.ProcessUpdate(u, u.SignatureSlot); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("finalized slot", store.FinalizedHeader().Beacon.Slot, "next committee known:", store.NextSyncCommitteeKnown())

	// A finality update (no committee) moves the finalized header on.
	f := chain.Update(start+160, start+128, start+161, bits, false, true)
	fu := &ssz.LightClientFinalityUpdate{Fork: f.Fork, AttestedHeader: f.AttestedHeader,
		FinalizedHeader: f.FinalizedHeader, FinalityBranch: f.FinalityBranch,
		SyncAggregate: f.SyncAggregate, SignatureSlot: f.SignatureSlot}
	if err := store.ProcessFinalityUpdate(fu, fu.SignatureSlot); err != nil {
		fmt.Println(err)
		return
	}
	block, _ := store.Latest(lightclient.Finalized)
	root, err := store.Root(cfg.ExecutionChainID, block, lightclient.StateRoot)
	fmt.Println("execution block", block, root.Kind, root.Finality, err)

	// The same update with one signature byte changed is refused, and the store is unchanged.
	bad := chain.Update(start+224, start+192, start+225, bits, false, true)
	bad.SyncAggregate.SyncCommitteeSignature[10] ^= 1
	err = store.ProcessUpdate(bad, bad.SignatureSlot)
	fmt.Println(errors.Is(err, beacon.ErrInvalidSignature), store.FinalizedHeader().Beacon.Slot)
	// Output:
	// bootstrapped at slot 11673601
	// finalized slot 11673664 next committee known: true
	// execution block 11673728 state root finalized <nil>
	// true 11673728
}
