package bench

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/lightclient/beacon"
	"github.com/interopkit/interop/proof/ssz"
	blst "github.com/supranational/blst/bindings/go"
)

// beaconFixture is a real mainnet bootstrap and the first period update signed by its
// committee (helios_capella_p862 in the vectors).
type beaconFixture struct {
	checkpoint interop.Hash
	boot       ssz.LightClientBootstrap
	update     ssz.LightClientUpdate
	signing    interop.Hash
}

func loadBeaconFixture(tb testing.TB) *beaconFixture {
	var f beaconFixture
	var found bool
	for _, cp := range vectors.Files(tb, "beacon", "mainnet_real/**/checkpoint.json") {
		dir := filepath.Dir(cp)
		updates, _ := filepath.Glob(filepath.Join(dir, "updates*.json"))
		boots, _ := filepath.Glob(filepath.Join(dir, "bootstrap*.json"))
		if len(updates) == 0 || len(boots) == 0 {
			continue
		}
		var meta struct {
			Root interop.Hash `json:"trusted_block_root"`
		}
		var us []ssz.LightClientUpdate
		if json.Unmarshal(vectors.Read(tb, cp), &meta) != nil || json.Unmarshal(vectors.Read(tb, boots[0]), &f.boot) != nil ||
			json.Unmarshal(vectors.Read(tb, updates[0]), &us) != nil || len(us) == 0 {
			tb.Fatalf("%s: unreadable light-client data", dir)
		}
		f.checkpoint, f.update, found = meta.Root, us[0], true
		break
	}
	if !found {
		tb.Skip("no real mainnet update chain in the vectors")
	}
	domain := beacon.Mainnet.SyncCommitteeDomain(f.update.SignatureSlot)
	f.signing = ssz.ComputeSigningRoot(f.update.AttestedHeader.Beacon.HashTreeRoot(), domain)
	return &f
}

// BenchmarkSyncCommitteeUpdate verifies one real sync-committee update (511 of 512 keys):
//   - impl=interop: Store.ValidateUpdate, keys decoded once per period (at bootstrap),
//     all of validate_light_client_update including branches;
//   - impl=gnark-naive: the same signature check with the 512 keys decompressed and
//     subgroup-checked on every update, as a light client without a committee cache does;
//   - impl=blst: the signature check through blst with keys decoded once: aggregate the
//     participants, hash to G2, pairing (blst's FastAggregateVerify).
func BenchmarkSyncCommitteeUpdate(b *testing.B) {
	f := loadBeaconFixture(b)
	store, err := beacon.Bootstrap(beacon.Mainnet, f.checkpoint, &f.boot)
	if err != nil {
		b.Fatal(err)
	}
	u := &f.update
	participants := func(n int) []int {
		var idx []int
		for i := range n {
			if u.SyncAggregate.Signed(i) {
				idx = append(idx, i)
			}
		}
		return idx
	}(len(f.boot.CurrentSyncCommittee.Pubkeys))

	b.Run("impl=interop", func(b *testing.B) {
		measure(b, func() {
			if err := store.ValidateUpdate(u, u.SignatureSlot); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("impl=gnark-naive", func(b *testing.B) {
		measure(b, func() {
			pks := make([]*bls.PublicKey, 0, len(participants))
			for _, i := range participants {
				pk, err := bls.PublicKeyFromBytes(f.boot.CurrentSyncCommittee.Pubkeys[i][:])
				if err != nil {
					b.Fatal(err)
				}
				pks = append(pks, pk)
			}
			sig, err := bls.SignatureFromBytes(u.SyncAggregate.SyncCommitteeSignature[:])
			if err != nil || !bls.FastAggregateVerify(pks, f.signing[:], sig) {
				b.Fatal("naive path rejects a valid update")
			}
		})
	})
	b.Run("impl=blst", func(b *testing.B) {
		keys := make([]*blst.P1Affine, len(f.boot.CurrentSyncCommittee.Pubkeys))
		for i, pk := range f.boot.CurrentSyncCommittee.Pubkeys {
			keys[i] = new(blst.P1Affine).Uncompress(pk[:])
			if keys[i] == nil || !keys[i].KeyValidate() {
				b.Fatal("blst rejects a committee key")
			}
		}
		measure(b, func() {
			pks := make([]*blst.P1Affine, 0, len(participants))
			for _, i := range participants {
				pks = append(pks, keys[i])
			}
			domain := beacon.Mainnet.SyncCommitteeDomain(u.SignatureSlot)
			root := ssz.ComputeSigningRoot(u.AttestedHeader.Beacon.HashTreeRoot(), domain)
			sig := new(blst.P2Affine).Uncompress(u.SyncAggregate.SyncCommitteeSignature[:])
			if sig == nil || !sig.FastAggregateVerify(true, pks, root[:], []byte(bls.DST)) {
				b.Fatal("blst rejects a valid update")
			}
		})
	})
}

// BenchmarkSyncCommitteeDecode decodes and subgroup-checks a real 512-key committee:
// interop's PublicKeyFromBytes (KeyValidate) against blst's Uncompress + KeyValidate.
func BenchmarkSyncCommitteeDecode(b *testing.B) {
	f := loadBeaconFixture(b)
	keys := f.boot.CurrentSyncCommittee.Pubkeys
	b.Run("impl=interop", func(b *testing.B) {
		measure(b, func() {
			for i := range keys {
				if _, err := bls.PublicKeyFromBytes(keys[i][:]); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("impl=blst", func(b *testing.B) {
		measure(b, func() {
			for i := range keys {
				p := new(blst.P1Affine).Uncompress(keys[i][:])
				if p == nil || !p.KeyValidate() {
					b.Fatal("blst rejects a committee key")
				}
			}
		})
	})
}
