package espresso_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"pgregory.net/rapid"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/ordering/espresso"
	"github.com/interopkit/interop/ordering/espresso/espressotest"
)

// TestPropHeaderJSONRoundTrip: every generated header of every version encodes, decodes
// back equal, and re-encodes to the same bytes.
func TestPropHeaderJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := espressotest.AnyHeader().Draw(t, "header")
		enc, err := h.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		h2, err := espresso.DecodeHeaderJSON(enc)
		if err != nil {
			t.Fatalf("%v\n%s", err, enc)
		}
		if !reflect.DeepEqual(h, h2) {
			t.Fatalf("decoded header differs\n%s", enc)
		}
		enc2, err := h2.MarshalJSON()
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("re-encoding differs: %v", err)
		}
		if h.Commit() != h2.Commit() {
			t.Fatal("commitment changed")
		}
	})
}

// headerMutations change one committed field of a header of version v each.
func headerMutations(v espresso.Version) map[string]func(h *espresso.Header) {
	flip := func(b []byte) []byte { b = bytes.Clone(b); b[0] ^= 1; return b }
	m := map[string]func(h *espresso.Header){
		"height":      func(h *espresso.Header) { h.Height++ },
		"timestamp":   func(h *espresso.Header) { h.Timestamp ^= 1 },
		"l1_head":     func(h *espresso.Header) { h.L1Head ^= 1 << 63 },
		"payload":     func(h *espresso.Header) { h.PayloadCommitment.Value[31] ^= 1 },
		"builder":     func(h *espresso.Header) { h.BuilderCommitment[0] ^= 0x80 },
		"ns_table":    func(h *espresso.Header) { h.NsTable = append(bytes.Clone(h.NsTable), 0) },
		"block_root":  func(h *espresso.Header) { h.BlockMerkleTreeRoot = flip(h.BlockMerkleTreeRoot) },
		"fee_root":    func(h *espresso.Header) { h.FeeMerkleTreeRoot = flip(h.FeeMerkleTreeRoot) },
		"fee_account": func(h *espresso.Header) { h.FeeInfo.Account[19] ^= 1 },
		"fee_amount":  func(h *espresso.Header) { h.FeeInfo.Amount[0] ^= 1 },
		"l1_finalized": func(h *espresso.Header) {
			if h.L1Finalized == nil {
				h.L1Finalized = &espresso.L1BlockInfo{}
			} else {
				l := *h.L1Finalized
				l.Number ^= 1
				h.L1Finalized = &l
			}
		},
		"chain_config": func(h *espresso.Header) {
			if h.ChainConfig.Config == nil {
				h.ChainConfig.Commitment[5] ^= 1
			} else {
				c := *h.ChainConfig.Config
				c.MaxBlockSize ^= 1
				h.ChainConfig.Config = &c
			}
		},
		// Versions with the same fields: 0.1↔0.2 and 0.5↔0.6.
		"version": func(h *espresso.Header) {
			switch h.Version {
			case espresso.V01:
				h.Version = espresso.V02
			case espresso.V02:
				h.Version = espresso.V01
			case espresso.V05:
				h.Version = espresso.V06
			case espresso.V06:
				h.Version = espresso.V05
			default:
				h.Height++
			}
		},
	}
	if v.Minor >= 3 {
		m["reward_root"] = func(h *espresso.Header) { h.RewardMerkleTreeRoot = flip(h.RewardMerkleTreeRoot) }
	}
	if v.Minor >= 4 {
		m["timestamp_millis"] = func(h *espresso.Header) { h.TimestampMillis++ }
		m["total_reward"] = func(h *espresso.Header) { h.TotalRewardDistributed[3] ^= 1 }
		m["next_stake_table"] = func(h *espresso.Header) {
			if h.NextStakeTableHash == nil {
				h.NextStakeTableHash = &interop.Hash{}
			} else {
				h.NextStakeTableHash = nil
			}
		}
	}
	if v.Minor >= 5 {
		m["leader_counts"] = func(h *espresso.Header) { h.LeaderCounts[99]++ }
	}
	return m
}

// TestPropHeaderCommitmentBindsFields: changing any committed field of a header changes
// its commitment (the builder signature, outside the commitment upstream too, is not one).
func TestPropHeaderCommitmentBindsFields(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := espressotest.AnyHeader().Draw(t, "header")
		c := h.Commit()
		for name, mutate := range headerMutations(h.Version) {
			h2 := *h
			mutate(&h2)
			if h2.Commit() == c {
				t.Fatalf("%s (v0.%d): commitment unchanged", name, h.Version.Minor)
			}
		}
		// The builder signature is not committed.
		h2 := *h
		h2.BuilderSignature = &espresso.BuilderSignature{V: 28}
		if h2.Commit() != c {
			t.Fatal("builder signature changed the commitment")
		}
	})
}

// TestPropLeafCommitmentBindsFields: each committed member of a leaf changes its
// commitment; the leaf commitment is what a QC over it names.
func TestPropLeafCommitmentBindsFields(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := espressotest.Leaf().Draw(t, "leaf")
		c, err := l.Commit()
		if err != nil {
			t.Fatal(err)
		}
		muts := map[string]func(l *espresso.Leaf){
			"view":   func(l *espresso.Leaf) { l.ViewNumber++ },
			"parent": func(l *espresso.Leaf) { l.ParentCommitment[0] ^= 1 },
			"header": func(l *espresso.Leaf) { h := *l.BlockHeader; h.Height++; l.BlockHeader = &h },
			"justify": func(l *espresso.Leaf) {
				q := *l.JustifyQC
				q.ViewNumber++
				l.JustifyQC = &q
			},
			"upgrade": func(l *espresso.Leaf) {
				if l.UpgradeCertificate == nil {
					l.UpgradeCertificate = &interop.Hash{}
				} else {
					l.UpgradeCertificate = nil
				}
			},
			"with_epoch": func(l *espresso.Leaf) { l.WithEpoch = !l.WithEpoch },
		}
		if l.WithEpoch {
			muts["drb"] = func(l *espresso.Leaf) {
				if l.NextDrbResult == nil {
					l.NextDrbResult = &[32]byte{}
				} else {
					l.NextDrbResult = nil
				}
			}
		}
		for name, mutate := range muts {
			l2 := *l
			mutate(&l2)
			c2, err := l2.Commit()
			if err != nil {
				t.Fatal(err)
			}
			if c2 == c {
				t.Fatalf("%s: leaf commitment unchanged", name)
			}
		}
	})
}

func TestConcurrentHeader(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "reference", "header_v5.json"))
	if err != nil {
		t.Fatal(err)
	}
	hdr, err := espresso.DecodeHeaderJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := hdr.Commit()
	hostile.Concurrent(t, 50, func(g int) {
		d, err := espresso.DecodeHeaderJSON(raw)
		if err != nil || d.Commit() != want || hdr.Commit() != want {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if _, err := hdr.MarshalJSON(); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	})
}

// TestPropLeafJSONRoundTrip: a generated leaf (without upgrade certificate, which only its
// commitment represents) encodes, decodes back equal with the same commitment, and
// re-encodes to the same bytes.
func TestPropLeafJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := espressotest.Leaf().Draw(t, "leaf")
		l.UpgradeCertificate = nil
		if !l.WithEpoch && rapid.Bool().Draw(t, "legacy") {
			l.Legacy = true
			l.NextEpochJustifyQC, l.NextDrbResult = nil, nil
		}
		enc, err := l.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		l2, err := espresso.DecodeLeafJSON(enc)
		if err != nil {
			t.Fatalf("%v\n%s", err, enc)
		}
		if !reflect.DeepEqual(l, l2) {
			t.Fatalf("decoded leaf differs\n%s", enc)
		}
		c1, err1 := l.Commit()
		c2, err2 := l2.Commit()
		if err1 != nil || err2 != nil || c1 != c2 {
			t.Fatalf("commitment changed: %v %v", err1, err2)
		}
		enc2, err := l2.MarshalJSON()
		if err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("re-encoding differs: %v", err)
		}
	})
}

// TestLeafViewChangeEvidenceKept: view-change evidence, outside the leaf commitment, is
// kept as received and written back.
func TestLeafViewChangeEvidenceKept(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "reference", "legacy_v4_leaf_height2.json"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := espresso.DecodeLeafQueryDataJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := q.Leaf.Commit()
	ev := `{"Timeout":{"view_number":7,"data":{"view":7}}}`
	withEv := bytes.Replace(raw, []byte(`"view_change_evidence":null`), []byte(`"view_change_evidence":`+ev), 1)
	q2, err := espresso.DecodeLeafQueryDataJSON(withEv)
	if err != nil {
		t.Fatal(err)
	}
	if string(q2.Leaf.ViewChangeEvidence) != ev {
		t.Fatalf("evidence %s", q2.Leaf.ViewChangeEvidence)
	}
	if c2, err := q2.Check(); err != nil || c2 != c {
		t.Fatalf("evidence changed the leaf commitment: %v", err)
	}
	enc, err := q2.Leaf.MarshalJSON()
	if err != nil || !bytes.Contains(enc, []byte(`"view_change_evidence":`+ev)) {
		t.Fatalf("evidence not written back: %v", err)
	}
}

func TestConcurrentLeaf(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "reference", "legacy_v5_leaf_height3.json"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := espresso.DecodeLeafQueryDataJSON(raw)
	if err != nil {
		t.Fatal(err)
	}
	want, err := q.Check()
	if err != nil {
		t.Fatal(err)
	}
	hostile.Concurrent(t, 20, func(g int) {
		if c, err := q.Check(); err != nil || c != want {
			t.Errorf("goroutine %d: %v", g, err)
		}
		if _, err := q.Leaf.MarshalJSON(); err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	})
}
