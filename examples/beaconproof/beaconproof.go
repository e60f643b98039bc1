package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/examples/internal/exampledata"
	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/proof/ssz"
)

// run runs the demo, writing its report to w.
func run(w io.Writer) error {
	checkpoint, err := interop.HashFromHex(exampledata.FuluCheckpoint)
	if err != nil {
		return err
	}
	var boot ssz.LightClientBootstrap
	if err := boot.UnmarshalSSZ(ssz.Fulu, ssz.Mainnet, exampledata.FuluBootstrap); err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	var fu ssz.LightClientFinalityUpdate
	if err := fu.UnmarshalSSZ(ssz.Fulu, ssz.Mainnet, exampledata.FuluFinalityUpdate); err != nil {
		return fmt.Errorf("finality update: %w", err)
	}

	fmt.Fprintln(w, "interop beaconproof: Ethereum's sync-committee light client on real mainnet data")
	fmt.Fprintf(w, "\n[1] bootstrap from checkpoint %s\n", checkpoint)
	store, err := beacon.Bootstrap(beacon.Mainnet, checkpoint, &boot)
	if err != nil {
		return err
	}
	fin := store.FinalizedHeader()
	fmt.Fprintf(w, "    header slot %d (period %d, fork %s), 512 committee keys decoded and subgroup-checked once\n",
		fin.Beacon.Slot, beacon.Mainnet.Period(fin.Beacon.Slot), beacon.Mainnet.ForkAtSlot(fin.Beacon.Slot))

	fmt.Fprintf(w, "\n[2] finality update: attested slot %d, finalized slot %d, signed at %d by %d/512\n",
		fu.AttestedHeader.Beacon.Slot, fu.FinalizedHeader.Beacon.Slot, fu.SignatureSlot, fu.SyncAggregate.Participants())
	tampered := fu
	tampered.SyncAggregate.SyncCommitteeBits = append([]byte(nil), fu.SyncAggregate.SyncCommitteeBits...)
	tampered.SyncAggregate.SyncCommitteeBits[0] ^= 1
	err = store.ProcessFinalityUpdate(&tampered, fu.SignatureSlot)
	if !errors.Is(err, beacon.ErrInvalidSignature) {
		return fmt.Errorf("a tampered update was not refused as expected: %v", err)
	}
	fmt.Fprintf(w, "    with one participation bit flipped  ✗ refused: %v\n", beacon.ErrInvalidSignature)
	if err := store.ProcessFinalityUpdate(&fu, fu.SignatureSlot); err != nil {
		return err
	}
	fmt.Fprintln(w, "    as received                         ✓ accepted: BLS aggregate, finality branch, execution branches")

	fmt.Fprintln(w, "\n[3] the store as a lightclient.RootSource (execution chain 1)")
	var src lightclient.RootSource = store
	for _, f := range []lightclient.Finality{lightclient.Finalized, lightclient.Unsafe} {
		block, err := store.Latest(f)
		if err != nil {
			return err
		}
		r, err := src.Root(1, block, lightclient.StateRoot)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "    block %d state root %s  (%s)\n", r.Height, r.Value, r.Finality)
	}

	d, err := exampledata.Excerpts()
	if err != nil {
		return err
	}
	acc := d.Accounts[0]
	var header exampledata.Block
	for _, b := range d.Blocks {
		if b.Number == acc.Block {
			header = b
		}
	}
	fmt.Fprintf(w, "\n[4] an eth_getProof response for block %d, against a RootSource\n", acc.Block)
	fmt.Fprintf(w, "    the light client above finalizes block %d, not %d, so this root is taken from the\n", mustLatest(store), acc.Block)
	fmt.Fprintln(w, "    block's header (as a trusted checkpoint) through the same interface:")
	var checkpoints lightclient.Memory
	if err := checkpoints.Add(lightclient.Root{Chain: 1, Height: header.Number, Kind: lightclient.StateRoot, Value: header.StateRoot, Finality: lightclient.Finalized}); err != nil {
		return err
	}
	if err := verifyAt(w, &checkpoints, acc); err != nil {
		return err
	}
	fmt.Fprintln(w, "    and against the light client, which has no root at that height:")
	if err := verifyAt(w, store, acc); !errors.Is(err, lightclient.ErrUnknownRoot) {
		return fmt.Errorf("expected an unknown root, got %v", err)
	}
	return nil
}

// verifyAt checks an eth_getProof response against the state root src gives for its block:
// the one line of code a consumer writes once it trusts src.
func verifyAt(w io.Writer, src lightclient.RootSource, acc exampledata.Account) error {
	root, err := src.Root(1, acc.Block, lightclient.StateRoot)
	if err != nil {
		fmt.Fprintf(w, "    ✗ %v\n", err)
		return err
	}
	if err := acc.GetProof.Verify(root.Value); err != nil {
		return err
	}
	res := acc.GetProof
	fmt.Fprintf(w, "    ✓ %s (%s): nonce %d, %d storage slot(s) proven under %s (%s)\n",
		res.Address, acc.Label, res.Nonce, len(res.StorageProof), root.Value, root.Finality)
	return nil
}

func mustLatest(s *beacon.Store) uint64 {
	n, _ := s.Latest(lightclient.Finalized)
	return n
}
