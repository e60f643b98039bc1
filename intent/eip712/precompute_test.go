package eip712

import (
	"errors"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/keccak"
	"pgregory.net/rapid"
)

// forgetTypes empties the cache of compiled type sets of mode m, so the next document is
// read cold.
func forgetTypes(m Mode) {
	typeCache.mu.Lock()
	clear(typeCache.sets[m])
	typeCache.mu.Unlock()
	lastTypes[m].Store(nil)
}

// sameOutcome fails unless two readings give the same digest, or errors with the same
// sentinels (and, when exact, the same message).
func sameOutcome(t *rapid.T, what string, m Mode, a, b *TypedData, errA, errB error, exact bool, doc []byte) {
	t.Helper()
	if (errA == nil) != (errB == nil) {
		t.Fatalf("%v %s: %v vs %v\n%s", m, what, errA, errB, doc)
	}
	if errA != nil {
		for _, s := range sentinels {
			if errors.Is(errA, s) != errors.Is(errB, s) {
				t.Fatalf("%v %s: %v vs %v\n%s", m, what, errA, errB, doc)
			}
		}
		if exact && errA.Error() != errB.Error() {
			t.Fatalf("%v %s: %q vs %q\n%s", m, what, errA, errB, doc)
		}
		return
	}
	if a.Digest() != b.Digest() {
		t.Fatalf("%v %s: %v vs %v\n%s", m, what, a.Digest(), b.Digest(), doc)
	}
}

// ColdWarmParseAgree fails unless raw gives one verdict read cold (the type set compiled,
// its typeHashes precomputed, and cached), warm (found in the cache), through
// ParseTypedData (hashing as it goes) and plain (types compiled for the document alone),
// in every mode, and unless cold and warm give the very same error.
func ColdWarmParseAgree(t *rapid.T, raw []byte) {
	t.Helper()
	for _, m := range allModes {
		forgetTypes(m)
		cold, errC := parseTypedDataWith(raw, m, false, true)
		warm, errW := parseTypedDataWith(raw, m, false, true)
		parsed, errP := parseTypedDataWith(raw, m, true, true)
		plain, errL := parseTypedDataWith(raw, m, false, false)
		sameOutcome(t, "cold/warm", m, cold, warm, errC, errW, true, raw)
		sameOutcome(t, "cold/parse", m, cold, parsed, errC, errP, false, raw)
		sameOutcome(t, "cold/plain", m, cold, plain, errC, errL, false, raw)
	}
}

// TestPrecomputedMemos: precomputeTypeHashes leaves every struct the memo the lazy
// typeHash gives it, or none; none where the mode's checks refuse the struct, and none past
// its budget.
func TestPrecomputedMemos(t *testing.T) {
	const types = `{"EIP712Domain":[{"name":"name","type":"string"}],"A$":[{"name":"b","type":"B"}],"B":[{"name":"x","type":"uint8"}],"C":[{"name":"a","type":"A$[]"},{"name":"e","type":"E"}],"E":[]}`
	compile := func(m Mode) *typeSet {
		types := types
		if m == GoEthereum {
			types = strings.ReplaceAll(types, "$", "") // go-ethereum refuses $ in a field's type
		}
		var p jparser
		p.reset([]byte(types), types, 0, 0, false, "")
		v, err := p.document()
		if err != nil {
			t.Fatal(err)
		}
		defs, byRank, err := compileTypes(&v, m)
		if err != nil {
			t.Fatalf("%v: %v", m, err)
		}
		return &typeSet{defs: defs, byRank: byRank}
	}
	// refused lists the structs each mode's checks refuse.
	refused := map[Mode]string{Strict: "", EthSigUtilV4: "A$ C", GoEthereum: "C E"}
	for _, m := range allModes {
		ts := compile(m)
		var w depWalk
		precomputeTypeHashes(ts, m, 1<<20, &w, nil)
		lazy := compile(m)
		for _, st := range ts.byRank {
			memo := st.memo.Load()
			if strings.Contains(" "+refused[m]+" ", " "+st.name+" ") {
				if memo != nil {
					t.Errorf("%v: %s has a memo", m, st.name)
				}
				continue
			}
			if memo == nil {
				t.Errorf("%v: %s has no memo", m, st.name)
				continue
			}
			e := encoder{mode: m, limit: 1 << 20, charged: make([]bool, len(lazy.byRank))}
			e.walk.byRank = lazy.byRank
			e.h = keccak.Get()
			want, err := e.typeHash(lazy.defs[st.name])
			keccak.Put(e.h)
			if err != nil || want != memo.hash || len(e.scratch) != memo.encLen {
				t.Errorf("%v: %s memo %x (%d bytes), lazy %x (%d bytes), %v", m, st.name, memo.hash, memo.encLen, want, len(e.scratch), err)
			}
		}
		// A budget below the first struct's encodeType leaves every struct without one.
		ts = compile(m)
		precomputeTypeHashes(ts, m, 8, &w, nil)
		for _, st := range ts.byRank {
			if st.memo.Load() != nil {
				t.Errorf("%v: %s has a memo beyond the budget", m, st.name)
			}
		}
	}
}
