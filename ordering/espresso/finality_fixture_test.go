package espresso_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/rlp"
	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/proof/mpt"
)

// lightClientStorage builds the storage trie of a LightClient proxy holding st as its
// finalizedState, with the other slots of the V1 layout filled as a deployment would (the
// genesis stake table of the Decaf deployment record, a permissioned prover, a retention period
// and one state history entry), and returns it with the slots' values.
func lightClientStorage(st espresso.FinalizedState) (*mpt.Trie, map[interop.Hash]uint256.Int) {
	vals := map[interop.Hash]uint256.Int{}
	set := func(slot interop.Hash, v *uint256.Int) {
		if !v.IsZero() {
			vals[slot] = *v
		}
	}
	word := func(hex string) *uint256.Int { return uint256.MustFromHex(hex) }
	slot := func(n uint64) interop.Hash { return uint256.NewInt(n).Bytes32() }
	// genesisStakeTableState (contracts/deployments/decaf/deployment.json).
	set(slot(0), word("0x22"))
	set(slot(1), word("0x2259e27d9afea1905d5bdead9d0a0c0caff5fb4d7647b962a84781e6656ece8b"))
	set(slot(2), word("0x1acc0bbacf659730dbd98abdb9866435d6887839d891b45ed60be324ad05155a"))
	set(slot(3), word("0xc5dcfcbf351b8264a4e1afbb3ee46c4801fed73713484f4077dd55d6d886c3"))
	// genesisState is zero (slots 4, 5); finalizedState.
	w6, w7 := st.StorageWords()
	set(slot(espresso.LightClientFinalizedStateSlot), &w6)
	set(slot(espresso.LightClientFinalizedRootSlot), &w7)
	// permissionedProver | stateHistoryRetentionPeriod (864000) << 160 | firstIndex << 192.
	set(slot(8), word("0xd2f000000000000000000000000000000000000000000000000000000000001")) // prover 0x…01
	w8 := vals[slot(8)]
	w8.Or(&w8, new(uint256.Int).Lsh(uint256.NewInt(864000), 160))
	vals[slot(8)] = w8
	// stateHistoryCommitments: length 1 at slot 9; element 0 recording this state at L1 block
	// 40, timestamp 1745984900.
	set(slot(espresso.LightClientStateHistorySlot), uint256.NewInt(1))
	h0 := espresso.StateHistoryCommitment{L1BlockHeight: 40, L1BlockTimestamp: 1745984900, HotShotBlockHeight: st.BlockHeight, HotShotBlockCommRoot: st.BlockCommRoot}
	e0, e1 := h0.StorageWords()
	hs := espresso.StateHistorySlots(0)
	set(hs[0], &e0)
	set(hs[1], &e1)

	tr := new(mpt.Trie)
	for k, v := range vals {
		key := mpt.Keccak256(k[:])
		tr.Update(key[:], rlp.AppendString(nil, v.Bytes()))
	}
	return tr, vals
}

// writeStorageFixture builds a state trie holding the light client and a few other accounts,
// and writes the eth_getProof response for slots 6 and 7 with the expected state.
func writeStorageFixture(t *testing.T, path string, lc interop.Address, st espresso.FinalizedState) {
	storage, vals := lightClientStorage(st)
	acc := mpt.Account{Nonce: 1, StorageRoot: storage.Root(), CodeHash: mpt.Keccak256([]byte("ERC1967Proxy runtime code"))}
	state := new(mpt.Trie)
	for i := byte(1); i < 40; i++ {
		other := interop.Address{i, 0xee, i}
		a := mpt.Account{Nonce: uint64(i), StorageRoot: mpt.EmptyRoot, CodeHash: mpt.EmptyCodeHash}
		a.Balance.SetUint64(uint64(i) * 1e15)
		k := mpt.Keccak256(other[:])
		state.Update(k[:], a.EncodeRLP(nil))
	}
	k := mpt.Keccak256(lc[:])
	state.Update(k[:], acc.EncodeRLP(nil))
	r := mpt.GetProofResult{
		Address: lc, AccountProof: state.Prove(k[:]), Nonce: acc.Nonce, Balance: acc.Balance,
		CodeHash: acc.CodeHash, StorageHash: acc.StorageRoot,
	}
	fs, hs := espresso.FinalizedStateSlots(), espresso.StateHistorySlots(0)
	for _, s := range [][2]interop.Hash{fs, hs} {
		for _, s := range s {
			sk := mpt.Keccak256(s[:])
			r.StorageProof = append(r.StorageProof, mpt.StorageResult{Key: s, Value: vals[s], Proof: storage.Prove(sk[:])})
		}
	}
	gp, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.MarshalIndent(storageFixture{
		StateRoot: state.Root(), LightClient: lc, GetProof: gp,
		FinalizedState: storageFixtureState{st.ViewNum, st.BlockHeight, "0x" + hexString(st.BlockCommRoot[:])},
		StateHistory0:  &storageFixtureHistory{40, 1745984900, st.BlockHeight, "0x" + hexString(st.BlockCommRoot[:])},
	}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(out, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestWriteFinalityFixtures regenerates testdata/finality/generated when
// INTEROP_WRITE_FIXTURES=1. The fixture's finalizedState has the real blockCommRoot and height
// of espresso-network-go's dev-node artefact (so that the real block proof is final under it)
// and the dev node's light client address from that repository's generator; the view number
// and every other slot are made up, and the Ethereum state is built here.
func TestWriteFinalityFixtures(t *testing.T) {
	if os.Getenv("INTEROP_WRITE_FIXTURES") != "1" {
		t.Skip("set INTEROP_WRITE_FIXTURES=1 to regenerate")
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "finality", "espresso-network-go", "merkle_proof_test_data.json"))
	if err != nil {
		t.Fatal(err)
	}
	st, _, _, _, err := checkGoMerkle(t, raw)
	if err != nil {
		t.Fatal(err)
	}
	st.ViewNum = 37
	dir := filepath.Join("testdata", "finality", "generated")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	devnode := interop.Address{0x9f, 0xe4, 0x67, 0x36, 0x67, 0x9d, 0x2d, 0x9a, 0x65, 0xf0, 0x99, 0x2f, 0x22, 0x72, 0xde, 0x9f, 0x3c, 0x7f, 0xa6, 0xe0}
	writeStorageFixture(t, filepath.Join(dir, "getproof-devnode-height22.json"), devnode, st)
}
