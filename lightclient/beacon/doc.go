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
//
// # Forks
//
// Every light-client object is checked against the fork the network runs at its header's
// epoch (compute_fork_version under the Config's schedule): a bootstrap, update, finality
// or optimistic update labelled with another fork, an undefined one, headers labelled
// otherwise than their container, or branches of another depth than the fork's (finality
// 6, next and current sync committee 5; 7 and 6 from Electra) are refused with [ErrFork]
// before anything is hashed. The store holds its headers in its own container fork
// ([Store.Upgrade]), so a stored header's HashTreeRoot is that of the store's fork.
//
// # Resource bounds
//
// The containers come decoded (proof/ssz bounds the decoding). [Bootstrap] and the update
// entry points ([Store.ProcessUpdate], [Store.ValidateUpdate],
// [Store.ProcessFinalityUpdate], [Store.ProcessOptimisticUpdate]) first check the shape —
// fork label, branch depths, exactly SYNC_COMMITTEE_SIZE keys (512 on mainnet) and
// participation bits of the preset — in O(1), refusing anything larger before hashing or
// allocating for it. The work after that is fixed by the preset: at most two branch checks
// of at most 7 hashes, one 512-key committee root, the execution branch of at most two
// headers (extra_data at most 32 bytes), and one aggregate BLS verification over at most
// 512 keys (the keys of a committee are decompressed once). Memory per call is at most a
// few copies of the update (about 40 KiB on mainnet, under 100 bytes per input byte);
// the store keeps at most 1024 finalized headers for [Store.Root]. [ConfigFromSpec] reads a
// fixed set of keys, O(their lengths).
//
// # Concurrency
//
// A [Store] is safe for concurrent use: updates, upgrades and reads may run at once
// (updates are serialized; a reader sees the store before or after an update, never in
// between). [Config] values and the built-in networks are read-only.
package beacon
