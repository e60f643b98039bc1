package ssz_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/hostile"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/ssz"
	"github.com/interopkit/interop/proof/ssz/ssztest"
	"pgregory.net/rapid"
)

// forkDecoder is a container with both JSON decoders.
type forkDecoder interface {
	sszObject
	UnmarshalJSON([]byte) error
	UnmarshalJSONFork(ssz.Fork, []byte) error
}

// newByName returns an empty container of the kind a mainnet_real file name says.
func newByName(name string) forkDecoder {
	switch {
	case strings.Contains(name, "bootstrap"):
		return new(ssz.LightClientBootstrap)
	case strings.Contains(name, "optimistic"):
		return new(ssz.LightClientOptimisticUpdate)
	case strings.Contains(name, "finality"):
		return new(ssz.LightClientFinalityUpdate)
	case strings.Contains(name, "update"):
		return new(ssz.LightClientUpdate)
	}
	return nil
}

// sameLayout reports whether two forks have the same light-client JSON and SSZ shapes, so
// that explicit-fork decoding cannot tell them apart.
func sameLayout(a, b ssz.Fork) bool {
	class := func(f ssz.Fork) int {
		switch {
		case f >= ssz.Electra:
			return 3
		case f == ssz.Deneb:
			return 2
		case f == ssz.Capella:
			return 1
		}
		return 0
	}
	return class(a) == class(b)
}

// bareObject is one real Beacon-API object with its envelope stripped.
type bareObject struct {
	where    string
	fork     ssz.Fork
	envelope []byte
	data     []byte
	newEmpty func() forkDecoder
}

func loadBareObjects(t *testing.T) (objs []bareObject, checkpoints map[string]interop.Hash) {
	t.Helper()
	checkpoints = map[string]interop.Hash{}
	for _, path := range vectors.Files(t, "beacon", "*.json") {
		if !strings.Contains(filepath.ToSlash(path), "mainnet_real/") {
			continue
		}
		name, raw := filepath.Base(path), vectors.Read(t, path)
		if strings.Contains(name, "checkpoint") {
			var cp struct {
				Root interop.Hash `json:"trusted_block_root"`
			}
			if err := json.Unmarshal(raw, &cp); err != nil {
				t.Fatal(err)
			}
			checkpoints[filepath.Dir(path)] = cp.Root
			continue
		}
		if newByName(name) == nil {
			continue
		}
		var envs []json.RawMessage
		if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[")) {
			if err := json.Unmarshal(raw, &envs); err != nil {
				t.Fatal(err)
			}
		} else {
			envs = []json.RawMessage{raw}
		}
		for i, env := range envs {
			var e struct {
				Version string          `json:"version"`
				Data    json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal(env, &e); err != nil {
				t.Fatal(err)
			}
			f, err := ssz.ParseFork(e.Version)
			if err != nil {
				t.Fatal(err)
			}
			objs = append(objs, bareObject{fmt.Sprintf("%s[%d]", path, i), f, env, e.Data, func() forkDecoder { return newByName(name) }})
		}
	}
	return objs, checkpoints
}

// TestConformanceBareDataJSON decodes every real Beacon-API light-client object of the
// shared vectors (mainnet Capella bootstrap, 6 updates, finality and optimistic updates;
// Fulu bootstrap and finality update) from its bare "data" object with the fork given
// explicitly: it must equal the envelope decoding byte for byte in SSZ, and every fork of
// another layout must be refused.
func TestConformanceBareDataJSON(t *testing.T) {
	objs, _ := loadBareObjects(t)
	if len(objs) == 0 {
		if vectors.Required() {
			t.Fatal("no mainnet_real objects (INTEROP_VECTORS_REQUIRED=1)")
		}
		t.Skip("no mainnet_real objects")
	}
	refused := 0
	for _, o := range objs {
		want, got := o.newEmpty(), o.newEmpty()
		if err := want.UnmarshalJSON(o.envelope); err != nil {
			t.Fatalf("%s: envelope: %v", o.where, err)
		}
		if err := got.UnmarshalJSONFork(o.fork, o.data); err != nil {
			t.Errorf("%s: bare data as %v: %v", o.where, o.fork, err)
			continue
		}
		a, errA := want.MarshalSSZ()
		b, errB := got.MarshalSSZ()
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: bare decoding differs from the envelope's (%v, %v)", o.where, errA, errB)
		}
		for f := ssz.Altair; f <= ssz.Fulu; f++ {
			if sameLayout(f, o.fork) {
				continue
			}
			err := o.newEmpty().UnmarshalJSONFork(f, o.data)
			if !errors.Is(err, ssz.ErrField) {
				t.Errorf("%s: %v data accepted as %v (err %v)", o.where, o.fork, f, err)
			}
			refused++
		}
		for _, bad := range []ssz.Fork{ssz.Phase0, ssz.Fulu + 1} {
			if err := o.newEmpty().UnmarshalJSONFork(bad, o.data); !errors.Is(err, ssz.ErrFork) {
				t.Errorf("%s: fork %v: err %v, want ErrFork", o.where, bad, err)
			}
		}
		if err := o.newEmpty().UnmarshalJSONFork(o.fork, o.envelope); !errors.Is(err, ssz.ErrField) {
			t.Errorf("%s: the envelope given as bare data: err %v, want ErrField", o.where, err)
		}
	}
	t.Logf("%d real objects decoded bare, %d decodings under a fork of another layout refused", len(objs), refused)
}

// TestBareBootstrapTamper flips one byte at every 97th position of each real bootstrap's bare
// data object. A bootstrap is anchored completely by the trusted block root (the header),
// the committee branch (the committee) and the execution branch (the execution header), so
// each flip must be refused by the decoder or by one of those checks, each with a sentinel,
// unless it leaves the decoded bootstrap unchanged (hex letter case).
func TestBareBootstrapTamper(t *testing.T) {
	objs, checkpoints := loadBareObjects(t)
	var tried, refused, same int
	for _, o := range objs {
		trusted, ok := checkpoints[filepath.Dir(strings.SplitN(o.where, "[", 2)[0])]
		if _, isBoot := o.newEmpty().(*ssz.LightClientBootstrap); !isBoot || !ok {
			continue
		}
		var orig ssz.LightClientBootstrap
		if err := orig.UnmarshalJSONFork(o.fork, o.data); err != nil {
			t.Fatal(err)
		}
		if err := anchored(&orig, trusted); err != nil {
			t.Fatalf("%s: untampered bootstrap: %v", o.where, err)
		}
		origSSZ, _ := orig.MarshalSSZ()
		for i := 0; i < len(o.data); i += 97 {
			bad := bytes.Clone(o.data)
			bad[i] ^= 0x01
			tried++
			var b ssz.LightClientBootstrap
			err := b.UnmarshalJSONFork(o.fork, bad)
			if err == nil {
				err = anchored(&b, trusted)
			}
			switch {
			case errors.Is(err, ssz.ErrField) || errors.Is(err, ssz.ErrInvalidProof):
				refused++
			case err != nil:
				t.Fatalf("%s: byte %d: error %v wraps no sentinel", o.where, i, err)
			default:
				if enc, _ := b.MarshalSSZ(); !bytes.Equal(enc, origSSZ) {
					t.Fatalf("%s: byte %d flipped: accepted with other contents", o.where, i)
				}
				same++
			}
		}
	}
	if tried == 0 && vectors.Required() {
		t.Fatal("no real bootstrap with a checkpoint")
	}
	t.Logf("%d one-byte tampers: %d refused with a sentinel, %d decode to the same bootstrap", tried, refused, same)
}

// anchored checks everything in a bootstrap against the trusted block root.
func anchored(b *ssz.LightClientBootstrap, trusted interop.Hash) error {
	if root := b.Header.Beacon.HashTreeRoot(); root != trusted {
		return fmt.Errorf("%w: header root %s, trusted %s", ssz.ErrInvalidProof, root, trusted)
	}
	if err := ssz.VerifyBranchAt(b.CurrentSyncCommittee.HashTreeRoot(), b.CurrentSyncCommitteeBranch,
		b.Fork.CurrentSyncCommitteeGindex(), b.Header.Beacon.StateRoot); err != nil {
		return err
	}
	if !b.Fork.HasExecution() {
		return nil
	}
	leaf, err := b.Header.Execution.HashTreeRoot()
	if err != nil {
		return err
	}
	return ssz.VerifyBranchAt(leaf, b.Header.ExecutionBranch[:], ssz.ExecutionPayloadGindex, b.Header.Beacon.BodyRoot)
}

// stripEnvelope returns the data member of a {"version", "data"} document.
func stripEnvelope(t interface{ Fatalf(string, ...any) }, doc []byte) []byte {
	var e struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(doc, &e); err != nil || e.Data == nil {
		t.Fatalf("not an envelope: %v", err)
	}
	return e.Data
}

// TestPropBareDataJSONRoundTrip: for every fork and both presets, the data object of
// MarshalJSON decodes with UnmarshalJSONFork to the same container.
func TestPropBareDataJSONRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := ssztest.Fork().Draw(t, "fork")
		p := ssz.Minimal
		var objs []forkDecoder
		switch rapid.IntRange(0, 3).Draw(t, "kind") {
		case 0:
			v := ssztest.LightClientBootstrap(f, p).Draw(t, "bootstrap")
			objs = []forkDecoder{&v, new(ssz.LightClientBootstrap)}
		case 1:
			v := ssztest.LightClientUpdate(f, p).Draw(t, "update")
			objs = []forkDecoder{&v, new(ssz.LightClientUpdate)}
		case 2:
			v := ssztest.LightClientFinalityUpdate(f, p).Draw(t, "finality")
			objs = []forkDecoder{&v, new(ssz.LightClientFinalityUpdate)}
		default:
			v := ssztest.LightClientOptimisticUpdate(f, p).Draw(t, "optimistic")
			objs = []forkDecoder{&v, new(ssz.LightClientOptimisticUpdate)}
		}
		doc, err := json.Marshal(objs[0])
		if err != nil {
			t.Fatal(err)
		}
		if err := objs[1].UnmarshalJSONFork(f, stripEnvelope(t, doc)); err != nil {
			t.Fatalf("bare data of %v refused: %v", f, err)
		}
		a, _ := objs[0].MarshalSSZ()
		b, err := objs[1].MarshalSSZ()
		if err != nil || !bytes.Equal(a, b) {
			t.Fatalf("round trip differs (%v)", err)
		}
	})
}

// TestBoundsJSONForkDecoders holds the explicit-fork decoders to the project bound on the
// hostile documents the envelope decoders are tested with, given bare.
func TestBoundsJSONForkDecoders(t *testing.T) {
	zero32 := "0x" + strings.Repeat("00", 32)
	header := `{"beacon":{"slot":"1","proposer_index":"0","parent_root":"` + zero32 + `","state_root":"` + zero32 + `","body_root":"` + zero32 + `"}}`
	agg := `{"sync_committee_bits":"0xff","sync_committee_signature":"0x` + strings.Repeat("00", 96) + `"}`
	cases := []struct {
		name string
		v    forkDecoder
		doc  string
	}{
		{"LightClientUpdate: long branches", new(ssz.LightClientUpdate), `{"attested_header":` + header + `,"finalized_header":` + header +
			`,"next_sync_committee_branch":` + hexList(zero32, 1<<14) + `,"finality_branch":` + hexList(zero32, 1<<14) +
			`,"sync_aggregate":` + agg + `,"signature_slot":"1"}`},
		{"LightClientBootstrap: 2^18 empty pubkeys", new(ssz.LightClientBootstrap),
			`{"header":` + header + `,"current_sync_committee":{"pubkeys":` + hexList("0x", 1<<18) + `}}`},
		{"LightClientFinalityUpdate: deep unknown value", new(ssz.LightClientFinalityUpdate),
			`{"x":` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `}`},
		{"LightClientOptimisticUpdate: many unknown keys", new(ssz.LightClientOptimisticUpdate),
			`{` + strings.Repeat(`"x":0,`, 1<<16) + `"y":0}`},
		{"LightClientOptimisticUpdate: huge envelope", new(ssz.LightClientOptimisticUpdate),
			`{"version":"altair","data":{"x":"` + strings.Repeat("a", 1<<20) + `"}}`},
	}
	for _, c := range cases {
		doc := []byte(c.doc)
		var err error
		u := hostile.Bounded(t, c.name, len(doc), func() { err = c.v.UnmarshalJSONFork(ssz.Electra, doc) })
		if err == nil {
			t.Errorf("%s: accepted", c.name)
		}
		t.Logf("%s: %d bytes, %d allocated", c.name, len(doc), u.Bytes)
	}
}

// FuzzUnmarshalJSONFork: whatever a container accepts as bare data under a fork encodes
// back (MarshalJSON) to an envelope of that fork whose data decodes to the same container.
func FuzzUnmarshalJSONFork(f *testing.F) {
	f.Add(uint8(ssz.Capella), []byte(`{}`))
	f.Add(uint8(ssz.Altair), []byte(`{"attested_header":{"beacon":{"slot":"1","proposer_index":"0","parent_root":"0x`+
		strings.Repeat("00", 32)+`","state_root":"0x`+strings.Repeat("00", 32)+`","body_root":"0x`+strings.Repeat("00", 32)+
		`"}},"sync_aggregate":{"sync_committee_bits":"0x01","sync_committee_signature":"0x`+strings.Repeat("00", 96)+`"},"signature_slot":"1"}`))
	f.Add(uint8(ssz.Electra), []byte(`{"version":"electra","data":{}}`))
	f.Fuzz(func(t *testing.T, fork uint8, data []byte) {
		for _, v := range []forkDecoder{new(ssz.LightClientBootstrap), new(ssz.LightClientUpdate),
			new(ssz.LightClientFinalityUpdate), new(ssz.LightClientOptimisticUpdate)} {
			err := v.UnmarshalJSONFork(ssz.Fork(fork), data)
			if err != nil {
				if !errors.Is(err, ssz.ErrField) && !errors.Is(err, ssz.ErrFork) && !errors.Is(err, ssz.ErrBitvector) {
					t.Fatalf("%T: error wraps no sentinel: %v", v, err)
				}
				continue
			}
			doc, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%T accepted but does not encode: %v", v, err)
			}
			a, _ := v.MarshalSSZ()
			if err := v.UnmarshalJSONFork(ssz.Fork(fork), stripEnvelope(t, doc)); err != nil {
				t.Fatalf("%T: own data refused: %v", v, err)
			}
			if b, _ := v.MarshalSSZ(); !bytes.Equal(a, b) {
				t.Fatalf("%T: not stable", v)
			}
		}
	})
}

// A finality update kept as its bare "data" object (say, in a database keyed by slot)
// decodes with the fork the caller knows from the slot.
func ExampleLightClientFinalityUpdate_UnmarshalJSONFork() {
	zero := "0x" + strings.Repeat("00", 32)
	header := `{"beacon":{"slot":"100","proposer_index":"7","parent_root":"` + zero + `","state_root":"` + zero + `","body_root":"` + zero + `"}}`
	data := []byte(`{"attested_header":` + header + `,"finalized_header":` + header +
		`,"finality_branch":[` + strings.TrimSuffix(strings.Repeat(`"`+zero+`",`, 6), ",") + `],` +
		`"sync_aggregate":{"sync_committee_bits":"0xffffffff","sync_committee_signature":"0x` + strings.Repeat("00", 96) + `"},` +
		`"signature_slot":"101"}`)
	var u ssz.LightClientFinalityUpdate
	fmt.Println(u.UnmarshalJSONFork(ssz.Altair, data), u.Fork, u.AttestedHeader.Beacon.Slot)
	fmt.Println(errors.Is(u.UnmarshalJSONFork(ssz.Electra, data), ssz.ErrField)) // Electra's finality branch has 7 nodes
	// Output:
	// <nil> altair 100
	// true
}
