package lightclient

import (
	"fmt"
	"sync"

	"github.com/interopkit/interop"
)

// Memory is a RootSource that holds roots recorded by hand: trusted checkpoints, roots a
// caller verified elsewhere, or fixtures in tests and examples. It is safe for concurrent
// use. The zero value is empty and ready.
type Memory struct {
	mu    sync.RWMutex
	roots map[rootKey]Root
}

type rootKey struct {
	chain  interop.ChainID
	height uint64
	kind   RootKind
}

// Add records r. Recording the same value again keeps the more final of the two levels
// (a root can become final; it never becomes less final). A different value for the same
// chain, height and kind is refused with ErrConflictingRoot and nothing changes.
func (m *Memory) Add(r Root) error {
	if r.Kind == 0 || !r.Finality.Valid() {
		return fmt.Errorf("%w: kind %d, finality %d", ErrInvalidRoot, r.Kind, r.Finality)
	}
	k := rootKey{r.Chain, r.Height, r.Kind}
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.roots[k]; ok {
		if old.Value != r.Value {
			return fmt.Errorf("%w: %s of chain %d at %d: have %s, got %s", ErrConflictingRoot, r.Kind, r.Chain, r.Height, old.Value, r.Value)
		}
		r.Finality = max(r.Finality, old.Finality)
	}
	if m.roots == nil {
		m.roots = make(map[rootKey]Root)
	}
	m.roots[k] = r
	return nil
}

// Root implements RootSource.
func (m *Memory) Root(chain interop.ChainID, height uint64, kind RootKind) (Root, error) {
	m.mu.RLock()
	r, ok := m.roots[rootKey{chain, height, kind}]
	m.mu.RUnlock()
	if !ok {
		return Root{}, fmt.Errorf("%w: %s of chain %d at %d", ErrUnknownRoot, kind, chain, height)
	}
	return r, nil
}

// Latest returns the highest root of the kind held for chain with at least the given
// finality.
func (m *Memory) Latest(chain interop.ChainID, kind RootKind, atLeast Finality) (Root, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var best Root
	found := false
	for k, r := range m.roots {
		if k.chain == chain && k.kind == kind && r.Finality >= atLeast && (!found || r.Height > best.Height) {
			best, found = r, true
		}
	}
	if !found {
		return Root{}, fmt.Errorf("%w: no %s %s of chain %d", ErrUnknownRoot, atLeast, kind, chain)
	}
	return best, nil
}
