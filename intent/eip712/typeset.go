package eip712

import (
	"hash/maphash"
	"sync"
	"sync/atomic"

	"github.com/interopkit/interop"
	"github.com/interopkit/interop/internal/keccak"
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
	key    string       // the "types" object it was compiled from, when cached
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

// A type set enters the cache on its second sight, not its first: a compiled set is some
// kilobytes of long-lived heap and a copy of its key, which a document whose types are
// new pays for nothing unless they come again, while a stream of one-off type sets (a
// fuzzer, a hostile peer, many dApps each seen once) would otherwise churn the cache and
// the collector. The doorkeeper remembers, per mode, the hashes (hash/maphash, seeded per
// process) of the last type sets seen, one per slot; a collision only admits a set early.
const doorSlots = 256

var (
	doorSeed   = maphash.MakeSeed()
	doorkeeper [maxMode + 1][doorSlots]atomic.Uint64
)

// admitTypes records a sight of the type set raw under m and reports whether it was seen
// before (so that it should be cached now).
func admitTypes(m Mode, raw []byte) bool {
	h := maphash.Bytes(doorSeed, raw) | 1 // never the empty slot's 0
	return doorkeeper[m][h%doorSlots].Swap(h) == h
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
	tb  typesBuf
	// encoder buffers
	path    []pathSeg
	vals    []*jval
	scratch []byte
	walk    depWalk
	charged []bool
	hb      hashBatch
	td      TypedData // HashTypedData's
}

var sessions = sync.Pool{New: func() any { return new(session) }}

func getSession() *session { return sessions.Get().(*session) }

func putSession(s *session) {
	s.p.release()
	s.sub.release()
	s.tb.release()
	clear(s.vals)
	clear(s.path[:cap(s.path)])
	clear(s.walk.deps)
	clear(s.walk.stack)
	clear(s.walk.seen)
	clear(s.hb.nodes) // root pointers
	s.td = TypedData{}
	if cap(s.hb.data) > 2*maxDeferredData {
		s.hb.data = nil
	}
	if cap(s.scratch) > maxPooledList || cap(s.vals) > maxPooledList || cap(s.charged) > maxPooledList || len(s.walk.seen) > maxPooledList {
		*s = session{p: s.p, sub: s.sub, tb: s.tb}
	}
	sessions.Put(s)
}

// maxPrecomputed bounds the type set whose typeHashes are computed ahead, together, when it
// is compiled: larger ones are left to encoder.typeHash, one struct at a time as the
// document reaches it. precomputePerByte bounds the encodeType bytes hashed ahead per byte
// of the types object (well below the document's work limit, workPerByte per input byte):
// the encodeType strings of a usual type set add up to one or two times its JSON, and a
// hostile one (every type referencing every other) is left to the lazy path and its
// charges.
const (
	maxPrecomputed    = 64
	precomputePerByte = 4
)

// precomputeTypeHashes computes, for a type set just compiled, the typeHash memo of every
// struct that encoder.typeHash would memoize, all in one batch of keccak256 calls (the
// eight-lane permutation of internal/keccak), instead of one after another as the document
// reaches them. It does not change any verdict: a memo holds what typeHash would compute,
// a struct that fails the mode's checks (checkSigUtilNames, checkGethEmpty) gets none, so
// typeHash still finds and reports the failure on its own, and a document is charged for
// a memo what computing it would have cost (see encoder.typeHash). Its own work is bounded
// by budget (precomputePerByte per byte of the types object, far below the document's work
// limit): past it, the remaining structs get no memo here.
func precomputeTypeHashes(ts *typeSet, m Mode, budget int, w *depWalk, buf []byte) []byte {
	if len(ts.byRank) < 2 || len(ts.byRank) > maxPrecomputed {
		return buf
	}
	var (
		ends [maxPrecomputed]int
		sts  [maxPrecomputed]*structDef
		msgs [maxPrecomputed][]byte
		outs [maxPrecomputed]interop.Hash
	)
	spent := 0
	charge := func(n int) error {
		spent += n
		if spent > budget {
			return ErrTooComplex
		}
		return nil
	}
	w.byRank = ts.byRank
	defer func() { w.byRank = nil }()
	buf = buf[:0]
	n := 0
	for _, st := range ts.byRank {
		if st.memo.Load() != nil {
			continue
		}
		start := len(buf)
		var err error
		if buf, err = appendEncodeType(buf, st, w, charge); err != nil {
			buf = buf[:start]
			break
		}
		switch m {
		case EthSigUtilV4:
			err = checkSigUtilNames(st, w.deps)
		case GoEthereum:
			err = checkGethEmpty(st, w.deps)
		}
		if err != nil {
			buf = buf[:start]
			continue
		}
		sts[n], ends[n] = st, len(buf)
		n++
	}
	start := 0
	for i := range n {
		msgs[i] = buf[start:ends[i]]
		start = ends[i]
	}
	keccak.Sum256Many(outs[:n], msgs[:n])
	memos := make([]typeMemo, n)
	for i := range n {
		memos[i] = typeMemo{hash: outs[i], encLen: len(msgs[i])}
		sts[i].memo.CompareAndSwap(nil, &memos[i])
	}
	clear(msgs[:n])
	return buf
}
