// Package beacon is Ethereum's sync-committee light client (consensus-specs
// specs/altair/light-client/sync-protocol.md, with the Capella, Deneb and Electra changes;
// Fulu keeps the Electra rules). From a trusted block root and a LightClientBootstrap it
// follows LightClientUpdates signed by the 512-member sync committee and exposes the
// finalized and optimistic headers, and, from Capella on, the execution payload's state,
// receipts and transactions roots, as a lightclient.RootSource.
//
// Names follow the spec: [Store] is LightClientStore, [Bootstrap] is
// initialize_light_client_store, [Store.ProcessUpdate] is process_light_client_update,
// [Store.ProcessFinalityUpdate], [Store.ProcessOptimisticUpdate] and [Store.ForceUpdate]
// (process_light_client_store_force_update). Containers come from proof/ssz.
//
// A network is a [Config]: genesis validators root, fork schedule and [Preset]. Mainnet,
// Sepolia, Holesky and Hoodi are built in; [ConfigFromSpec] reads a chain's /eth/v1/config/spec
// values (or a consensus-specs config.yaml) for any other, including the minimal preset of
// the spec tests.
//
// Every rejected update leaves the store exactly as it was. Each sync committee's 512 keys
// are decompressed and subgroup-checked once, when the committee first signs, not per update.
package beacon
