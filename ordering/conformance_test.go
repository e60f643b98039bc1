package ordering

import (
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/holiman/uint256"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/crypto/bls"
	"github.com/interopkit/interop/internal/vectors"
)

func dec(t *testing.T, s string) *uint256.Int {
	t.Helper()
	z, err := uint256.FromDecimal(s)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return z
}

// TestConformanceQuorumThresholds checks HotShot's success, failure and upgrade thresholds,
// including the U256 overflow branches, and the quorum decision of a weighted committee
// with real signatures.
func TestConformanceQuorumThresholds(t *testing.T) {
	for _, path := range vectors.Files(t, "sequencing", "*quorum*.json") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var f struct {
				Cases []struct {
					Total   string `json:"total_stake"`
					Success string `json:"success_threshold"`
					Failure string `json:"failure_threshold"`
					Upgrade string `json:"upgrade_threshold"`
				} `json:"cases"`
				Example *struct {
					Members []struct {
						ID    string `json:"id"`
						Stake uint64 `json:"stake"`
					} `json:"members"`
					Total   uint64 `json:"total_stake"`
					Success uint64 `json:"success_threshold"`
					Checks  []struct {
						Signers []string `json:"signers"`
						Signed  uint64   `json:"signed_stake"`
						Quorum  bool     `json:"is_quorum"`
					} `json:"checks"`
				} `json:"example_committee"`
			}
			if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
				t.Fatal(err)
			}
			for _, c := range f.Cases {
				total := dec(t, c.Total)
				if got := SuccessThreshold(total); !got.Eq(dec(t, c.Success)) {
					t.Errorf("success(%s) = %s, want %s", c.Total, got.Dec(), c.Success)
				}
				if got := FailureThreshold(total); !got.Eq(dec(t, c.Failure)) {
					t.Errorf("failure(%s) = %s, want %s", c.Total, got.Dec(), c.Failure)
				}
				if got := UpgradeThreshold(total); !got.Eq(dec(t, c.Upgrade)) {
					t.Errorf("upgrade(%s) = %s, want %s", c.Total, got.Dec(), c.Upgrade)
				}
			}
			e := f.Example
			if e == nil {
				return
			}
			sks := testKeys(len(e.Members))
			members := make([]Member, len(e.Members))
			index := map[string]int{}
			for i, m := range e.Members {
				members[i] = Member{Key: sks[i].PublicKey(), Stake: *uint256.NewInt(m.Stake)}
				index[m.ID] = i
			}
			com, err := NewCommittee(0, interop.Hash{}, members, Threshold{})
			if err != nil {
				t.Fatal(err)
			}
			if q := com.QuorumStake(); q.Uint64() != e.Success {
				t.Fatalf("quorum %d, want %d", q.Uint64(), e.Success)
			}
			msg := interop.Hash{1}
			for _, ch := range e.Checks {
				var idx []int
				var sigs []*bls.Signature
				for _, id := range ch.Signers {
					idx = append(idx, index[id])
					sigs = append(sigs, sks[index[id]].Sign(msg[:]))
				}
				qc, err := NewQC(com, idx, sigs)
				if err != nil {
					t.Fatal(err)
				}
				err = com.VerifyQC(msg, &qc)
				if (err == nil) != ch.Quorum || (err != nil && !errors.Is(err, ErrNoQuorum)) {
					t.Errorf("signers %v (stake %d): %v, want quorum %t", ch.Signers, ch.Signed, err, ch.Quorum)
				}
			}
		})
	}
}

// TestConformanceNsTable checks Espresso-style namespace tables: validity rules and the
// committable commitment.
func TestConformanceNsTable(t *testing.T) {
	for _, path := range vectors.Files(t, "sequencing", "*ns_table*.json") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var f struct {
				Cases []struct {
					Name       string `json:"name"`
					Hex        string `json:"bytes_hex"`
					Base64     string `json:"bytes_base64"`
					Commitment string `json:"nstable_commitment_keccak256"`
					Valid      bool   `json:"expect_valid"`
					Entries    []struct {
						ID  uint32 `json:"ns_id"`
						End uint32 `json:"end_offset"`
					} `json:"entries"`
				} `json:"cases"`
			}
			if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
				t.Fatal(err)
			}
			for _, c := range f.Cases {
				b, err := hex.DecodeString(c.Hex)
				if err != nil {
					t.Fatal(err)
				}
				if c.Base64 != "" {
					b64, err := base64.StdEncoding.DecodeString(c.Base64)
					if err != nil || string(b64) != string(b) {
						t.Fatalf("%s: base64 and hex disagree", c.Name)
					}
				}
				payload := uint64(0)
				if n := len(c.Entries); n > 0 {
					payload = uint64(c.Entries[n-1].End)
				}
				tab, err := DecodeNsTable(b, payload)
				if (err == nil) != c.Valid {
					t.Errorf("%s: %v, want valid %t", c.Name, err, c.Valid)
					continue
				}
				if err != nil {
					if !errors.Is(err, ErrInvalidNsTable) {
						t.Errorf("%s: unwrapped %v", c.Name, err)
					}
					continue
				}
				for i, e := range c.Entries {
					if tab.Entries[i] != (NsEntry{ID: e.ID, End: e.End}) {
						t.Errorf("%s entry %d: %+v", c.Name, i, tab.Entries[i])
					}
				}
				if got := tab.Commitment(); c.Commitment != "" && hex.EncodeToString(got[:]) != c.Commitment {
					t.Errorf("%s: commitment %x, want %s", c.Name, got, c.Commitment)
				}
				if _, err := DecodeNsTable(b, payload+1); !errors.Is(err, ErrInvalidNsTable) {
					t.Errorf("%s: payload length not checked: %v", c.Name, err)
				}
			}
		})
	}
}

// TestConformanceAstria checks Astria's per-rollup leaves and roots.
func TestConformanceAstria(t *testing.T) {
	for _, path := range vectors.Files(t, "sequencing", "rfc6962*.json") {
		var f struct {
			Ex *struct {
				Rollups []struct {
					Name    string   `json:"rollup_name"`
					ID      string   `json:"rollup_id"`
					Txs     []string `json:"transactions"`
					TxsRoot string   `json:"txs_root"`
				} `json:"rollups"`
				TxsRoot string `json:"rollup_transactions_root"`
				IDsRoot string `json:"rollup_ids_root"`
			} `json:"astria_derived_example"`
		}
		if err := json.Unmarshal(vectors.Read(t, path), &f); err != nil {
			t.Fatal(err)
		}
		if f.Ex == nil {
			continue
		}
		var rs []AstriaRollup
		for i := len(f.Ex.Rollups) - 1; i >= 0; i-- { // reversed: AstriaRoots must sort
			r := f.Ex.Rollups[i]
			id := AstriaRollupID([]byte(r.Name))
			if hex.EncodeToString(id[:]) != r.ID {
				t.Errorf("%s: id %x, want %s", r.Name, id, r.ID)
			}
			ar := AstriaRollup{ID: id}
			for _, tx := range r.Txs {
				b, _ := hex.DecodeString(tx)
				ar.Txs = append(ar.Txs, b)
			}
			rs = append(rs, ar)
		}
		txs, ids, err := AstriaRoots(rs)
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(txs[:]) != f.Ex.TxsRoot || hex.EncodeToString(ids[:]) != f.Ex.IDsRoot {
			t.Errorf("roots %x %x, want %s %s", txs, ids, f.Ex.TxsRoot, f.Ex.IDsRoot)
		}
	}
}

// testKeys returns n deterministic secret keys.
func testKeys(n int) []*bls.SecretKey {
	out := make([]*bls.SecretKey, n)
	for i := range out {
		var b [32]byte
		b[30] = byte(i >> 8)
		b[31] = byte(i) + 1
		b[0] = 0x11
		sk, err := bls.SecretKeyFromBytes(b[:])
		if err != nil {
			panic(err)
		}
		out[i] = sk
	}
	return out
}
