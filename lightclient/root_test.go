package lightclient_test

import (
	"errors"
	"testing"

	"github.com/interopkit/interop/lightclient"
	"github.com/interopkit/interop/lightclient/lightclienttest"
	"pgregory.net/rapid"
)

func TestPropMemory(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var m lightclient.Memory
		model := map[[3]uint64]lightclient.Root{}
		for _, r := range rapid.SliceOfN(lightclienttest.Root(), 0, 40).Draw(t, "roots") {
			k := [3]uint64{uint64(r.Chain), r.Height, uint64(r.Kind)}
			err := m.Add(r)
			old, had := model[k]
			switch {
			case had && old.Value != r.Value:
				if !errors.Is(err, lightclient.ErrConflictingRoot) {
					t.Fatalf("conflict accepted: %v", err)
				}
			case err != nil:
				t.Fatalf("Add(%v): %v", r, err)
			default:
				if had {
					r.Finality = max(r.Finality, old.Finality)
				}
				model[k] = r
			}
		}
		for k, want := range model {
			got, err := m.Root(want.Chain, want.Height, want.Kind)
			if err != nil || got != want {
				t.Fatalf("Root%v = %v, %v; want %v", k, got, err, want)
			}
			strict := lightclient.RequireFinality(&m, lightclient.Finalized)
			_, err = strict.Root(want.Chain, want.Height, want.Kind)
			if (want.Finality == lightclient.Finalized) != (err == nil) {
				t.Fatalf("RequireFinality(Finalized) on %s root: %v", want.Finality, err)
			}
			if err != nil && !errors.Is(err, lightclient.ErrInsufficientFinality) {
				t.Fatalf("wrong error %v", err)
			}
		}
	})
}

func TestPropMinFinality(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		fs := rapid.SliceOf(lightclienttest.Finality()).Draw(t, "fs")
		m := lightclient.MinFinality(fs...)
		for _, f := range fs {
			if m > f {
				t.Fatalf("MinFinality %s above member %s", m, f)
			}
		}
		if len(fs) == 0 && m != lightclient.Finalized {
			t.Fatalf("MinFinality() = %s", m)
		}
	})
}

func TestMemoryRejects(t *testing.T) {
	var m lightclient.Memory
	if _, err := m.Root(1, 1, lightclient.StateRoot); !errors.Is(err, lightclient.ErrUnknownRoot) {
		t.Fatalf("empty source: %v", err)
	}
	if err := m.Add(lightclient.Root{Chain: 1}); !errors.Is(err, lightclient.ErrInvalidRoot) {
		t.Fatalf("zero kind: %v", err)
	}
	if err := m.Add(lightclient.Root{Chain: 1, Kind: lightclient.StateRoot, Finality: 7}); !errors.Is(err, lightclient.ErrInvalidRoot) {
		t.Fatalf("finality 7: %v", err)
	}
	r := lightclient.Root{Chain: 1, Height: 5, Kind: lightclient.StateRoot, Value: [32]byte{1}, Finality: lightclient.Finalized}
	if err := m.Add(r); err != nil {
		t.Fatal(err)
	}
	r.Finality = lightclient.Unsafe
	if err := m.Add(r); err != nil {
		t.Fatal(err)
	}
	if got, _ := m.Root(1, 5, lightclient.StateRoot); got.Finality != lightclient.Finalized {
		t.Fatalf("finality went down to %s", got.Finality)
	}
	if got, err := m.Latest(1, lightclient.StateRoot, lightclient.Finalized); err != nil || got.Height != 5 {
		t.Fatalf("Latest: %v %v", got, err)
	}
}
