package beacon

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/vectors"
	"github.com/interopkit/interop/proof/ssz"
)

func readYAML(t *testing.T, path string) map[string]any {
	t.Helper()
	v, err := vectors.ParseYAML(vectors.Read(t, path))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%s: not a mapping", path)
	}
	return m
}

func yamlString(t *testing.T, m map[string]any, key string) string {
	t.Helper()
	s, ok := m[key].(string)
	if !ok {
		t.Fatalf("field %q missing or not a scalar: %#v", key, m[key])
	}
	return s
}

func yamlUint(t *testing.T, m map[string]any, key string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(yamlString(t, m, key), 10, 64)
	if err != nil {
		t.Fatalf("field %q: %v", key, err)
	}
	return v
}

func yamlHash(t *testing.T, m map[string]any, key string) interop.Hash {
	t.Helper()
	h, err := interop.HashFromHex(yamlString(t, m, key))
	if err != nil {
		t.Fatalf("field %q: %v", key, err)
	}
	return h
}

// specConfig reads a case's config.yaml into a Config.
func specConfig(t *testing.T, path string, gvr interop.Hash) Config {
	t.Helper()
	spec := map[string]string{}
	for k, v := range readYAML(t, path) {
		if s, ok := v.(string); ok {
			spec[k] = s
		}
	}
	cfg, err := ConfigFromSpec(filepath.Base(filepath.Dir(path)), spec, gvr, 1)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cfg
}

// forkOfDigest maps a fork digest to its fork through the config. Fulu changes
// compute_fork_digest (it mixes in the blob schedule), so an unknown digest is Fulu.
func forkOfDigest(t *testing.T, cfg *Config, digest string) ssz.Fork {
	t.Helper()
	for f := ssz.Altair; f <= ssz.Electra; f++ {
		d := ssz.ComputeForkDigest(cfg.Version(f), cfg.GenesisValidatorsRoot)
		if interop.EncodeHex(d[:]) == strings.ToLower(digest) {
			return f
		}
	}
	return ssz.Fulu
}

// TestConformanceLightClientSync runs every consensus-spec-tests light_client/sync case:
// bootstrap, then each step (process_update, force_update, upgrade_store), checking the
// finalized and optimistic headers' slots, beacon roots and execution roots after each.
func TestConformanceLightClientSync(t *testing.T) {
	cases, steps := 0, 0
	for _, stepsFile := range vectors.Files(t, "beacon", "**/light_client/sync/**/steps.yaml") {
		dir := filepath.Dir(stepsFile)
		name, _ := filepath.Rel(vectors.Dir(t, "beacon"), dir)
		t.Run(name, func(t *testing.T) {
			steps += runSyncCase(t, dir)
		})
		cases++
	}
	t.Logf("%d light_client/sync cases, %d steps", cases, steps)
}

func runSyncCase(t *testing.T, dir string) int {
	meta := readYAML(t, filepath.Join(dir, "meta.yaml"))
	gvr := yamlHash(t, meta, "genesis_validators_root")
	cfg := specConfig(t, filepath.Join(dir, "config.yaml"), gvr)
	bootstrapFork := forkOfDigest(t, &cfg, yamlString(t, meta, "bootstrap_fork_digest"))
	storeFork := forkOfDigest(t, &cfg, yamlString(t, meta, "store_fork_digest"))

	var b ssz.LightClientBootstrap
	if err := b.UnmarshalSSZ(bootstrapFork, cfg.sszPreset(), vectors.Read(t, filepath.Join(dir, "bootstrap.ssz"))); err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	store, err := Bootstrap(cfg, yamlHash(t, meta, "trusted_block_root"), &b)
	if err != nil {
		t.Fatalf("bootstrap: %v", err)
	}
	if err := store.Upgrade(storeFork); err != nil {
		t.Fatal(err)
	}

	raw, err := vectors.ParseYAML(vectors.Read(t, filepath.Join(dir, "steps.yaml")))
	if err != nil {
		t.Fatal(err)
	}
	list, _ := raw.([]any)
	for i, item := range list {
		step, _ := item.(map[string]any)
		var body map[string]any
		switch {
		case step["process_update"] != nil:
			body = step["process_update"].(map[string]any)
			f := forkOfDigest(t, &cfg, yamlString(t, body, "update_fork_digest"))
			var u ssz.LightClientUpdate
			file := filepath.Join(dir, yamlString(t, body, "update")+".ssz")
			if err := u.UnmarshalSSZ(f, cfg.sszPreset(), vectors.Read(t, file)); err != nil {
				t.Fatalf("step %d: %s: %v", i, filepath.Base(file), err)
			}
			if err := store.ProcessUpdate(&u, yamlUint(t, body, "current_slot")); err != nil {
				t.Fatalf("step %d: process_update %s: %v", i, filepath.Base(file), err)
			}
		case step["force_update"] != nil:
			body = step["force_update"].(map[string]any)
			if _, err := store.ForceUpdate(yamlUint(t, body, "current_slot")); err != nil {
				t.Fatalf("step %d: force_update: %v", i, err)
			}
		case step["upgrade_store"] != nil:
			body = step["upgrade_store"].(map[string]any)
			if err := store.Upgrade(forkOfDigest(t, &cfg, yamlString(t, body, "store_fork_digest"))); err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
		default:
			t.Fatalf("step %d: unknown step %v", i, step)
		}
		checks, _ := body["checks"].(map[string]any)
		if checks == nil {
			t.Fatalf("step %d: no checks", i)
		}
		fin, opt := store.FinalizedHeader(), store.OptimisticHeader()
		checkHeader(t, fmt.Sprintf("step %d finalized", i), store, &fin, checks["finalized_header"])
		checkHeader(t, fmt.Sprintf("step %d optimistic", i), store, &opt, checks["optimistic_header"])
	}
	return len(list)
}

func checkHeader(t *testing.T, what string, s *Store, h *ssz.LightClientHeader, want any) {
	t.Helper()
	m, ok := want.(map[string]any)
	if !ok {
		t.Fatalf("%s: no expected header", what)
	}
	if got, want := h.Beacon.Slot, yamlUint(t, m, "slot"); got != want {
		t.Fatalf("%s: slot %d, want %d", what, got, want)
	}
	if got, want := h.Beacon.HashTreeRoot(), yamlHash(t, m, "beacon_root"); got != want {
		t.Fatalf("%s: beacon root %s, want %s", what, got, want)
	}
	if _, ok := m["execution_root"]; ok {
		got, err := s.ExecutionRoot(h)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if want := yamlHash(t, m, "execution_root"); got != want {
			t.Fatalf("%s: execution root %s, want %s", what, got, want)
		}
	}
}

// TestConformanceUpdateRanking checks is_better_update against the update_ranking cases:
// the updates are sorted best first.
func TestConformanceUpdateRanking(t *testing.T) {
	n := 0
	for _, metaFile := range vectors.Files(t, "beacon", "**/light_client/update_ranking/**/meta.yaml") {
		dir := filepath.Dir(metaFile)
		// .../minimal/<fork>/light_client/update_ranking/...
		parts := strings.Split(filepath.ToSlash(dir), "/")
		fork, err := ssz.ParseFork(parts[len(parts)-5])
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		cfg := Config{Preset: MinimalPreset}
		count := int(yamlUint(t, readYAML(t, metaFile), "updates_count"))
		updates := make([]*ssz.LightClientUpdate, count)
		for i := range updates {
			updates[i] = new(ssz.LightClientUpdate)
			data := vectors.Read(t, filepath.Join(dir, fmt.Sprintf("updates_%d.ssz", i)))
			if err := updates[i].UnmarshalSSZ(fork, cfg.sszPreset(), data); err != nil {
				t.Fatalf("%s updates_%d: %v", dir, i, err)
			}
		}
		for i := 0; i < count; i++ {
			for j := i + 1; j < count; j++ {
				if !cfg.IsBetterUpdate(updates[i], updates[j]) {
					t.Fatalf("%s: updates_%d should rank above updates_%d", dir, i, j)
				}
				if cfg.IsBetterUpdate(updates[j], updates[i]) {
					t.Fatalf("%s: updates_%d ranks above updates_%d", dir, j, i)
				}
			}
		}
		n++
	}
	t.Logf("%d update_ranking cases", n)
}
