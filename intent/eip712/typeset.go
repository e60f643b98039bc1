package eip712

import (
	"sync"
	"sync/atomic"

	"github.com/interopkit/interop"
)

// Wallets and relayers see the same few type sets over and over (a dApp's Permit2 witness,
// an ERC-7683 order, the EIP's Mail): the JSON path keeps the compiled form of recent type
// sets, keyed by the exact bytes of the "types" object and the mode, so that a document
// whose types were seen before skips reading, checking and compiling them, and hashing
// their encodeType strings. Everything cached is what the same bytes compile to, so a
// verdict never depends on the cache: a hit stands for a compilation that succeeded on
// identical bytes under the same mode, and the work a document is charged does not change
// (see encoder.typeHash).

// typeSet is a compiled "types" object. It is immutable once built, except for the
// typeHash memos of its structs, which are set atomically to the value any goroutine
// computes for them; it is safe for concurrent use.
type typeSet struct {
	key    string // the "types" object it was compiled from, when cached
	defs   map[string]*structDef
	byRank []*structDef // sorted by name; structDef.rank is the position here
}

// typeMemo is a struct's typeHash in a type set, with the length of its encodeType (what
// computing it charges against a document's work bound).
type typeMemo struct {
	hash   interop.Hash
	encLen int
}

// Bounds of the cache: the entries per mode, and the largest "types" object kept (larger
// ones are compiled for each document). At most about maxCachedSets × maxCachedTypes × 3
// modes of keys, and their compiled forms (O(key size) each), stay in memory.
const (
	maxCachedSets  = 64
	maxCachedTypes = 16 << 10
)

var typeCache struct {
	mu   sync.RWMutex
	sets [maxMode + 1]map[string]*typeSet
}

// lastTypes is, per mode, the type set most recently found or added: the parser looks for
// its bytes first (jparser.reset's known), which spares scanning and hashing the types
// object of a document like the one before.
var lastTypes [maxMode + 1]atomic.Pointer[typeSet]

// cachedTypes returns the compiled type set of raw under m, if it is cached.
func cachedTypes(m Mode, raw []byte) *typeSet {
	if last := lastTypes[m].Load(); last != nil && last.key == string(raw) {
		return last
	}
	typeCache.mu.RLock()
	ts := typeCache.sets[m][string(raw)]
	typeCache.mu.RUnlock()
	if ts != nil {
		lastTypes[m].Store(ts)
	}
	return ts
}

// cacheTypes keeps ts as the compiled form of key under m, dropping an arbitrary entry
// when the mode's entries are full.
func cacheTypes(m Mode, key string, ts *typeSet) {
	if len(key) > maxCachedTypes {
		return
	}
	typeCache.mu.Lock()
	defer typeCache.mu.Unlock()
	sets := typeCache.sets[m]
	if sets == nil {
		sets = make(map[string]*typeSet, maxCachedSets)
		typeCache.sets[m] = sets
	}
	if len(sets) >= maxCachedSets {
		for k := range sets {
			delete(sets, k)
			break
		}
	}
	sets[key] = ts
	lastTypes[m].Store(ts)
}

// session is the reusable state of one JSON document's parse and encoding, pooled so
// that hashing a document allocates little beyond its copy and the error it may return.
type session struct {
	p   jparser
	sub jparser // the types object, when read on its own
	// encoder buffers
	path    []pathSeg
	vals    []*jval
	scratch []byte
	walk    depWalk
	charged []bool
	hb      hashBatch
}

var sessions = sync.Pool{New: func() any { return new(session) }}

func getSession() *session { return sessions.Get().(*session) }

func putSession(s *session) {
	s.p.release()
	s.sub.release()
	clear(s.vals)
	clear(s.walk.deps)
	clear(s.walk.stack)
	clear(s.walk.seen)
	clear(s.hb.nodes) // root pointers
	if cap(s.hb.data) > 2*maxDeferredData {
		s.hb.data = nil
	}
	if cap(s.scratch) > maxPooledList || cap(s.vals) > maxPooledList || cap(s.charged) > maxPooledList || len(s.walk.seen) > maxPooledList {
		*s = session{p: s.p, sub: s.sub}
	}
	sessions.Put(s)
}
