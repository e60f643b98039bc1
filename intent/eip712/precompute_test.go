package eip712

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/keccak"
	"pgregory.net/rapid"
)

// forgetTypes empties the cache of compiled type sets of mode m and its doorkeeper, so
// the next document is read as on first sight.
func forgetTypes(m Mode) {
	typeCache.mu.Lock()
	clear(typeCache.sets[m])
	typeCache.mu.Unlock()
	lastTypes[m].Store(nil)
	for i := range doorkeeper[m] {
		doorkeeper[m][i].Store(0)
	}
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

// ColdWarmParseAgree fails unless raw gives one verdict read cold (the type set compiled
// for this document, its typeHashes deferred into the hash batches), on second sight (the
// same, and then cached), warm (found in the cache), through ParseTypedData (hashing as
// it goes) warm and cold (typeHashes precomputed), and plain (types compiled for the
// document alone), in every mode, and unless cold, second and warm give the very same
// error.
func ColdWarmParseAgree(t *rapid.T, raw []byte) {
	t.Helper()
	for _, m := range allModes {
		forgetTypes(m)
		cold, errC := parseTypedDataWith(raw, m, false, true)
		second, errS := parseTypedDataWith(raw, m, false, true)
		warm, errW := parseTypedDataWith(raw, m, false, true)
		parsed, errP := parseTypedDataWith(raw, m, true, true)
		forgetTypes(m)
		parsedCold, errPC := parseTypedDataWith(raw, m, true, true)
		plain, errL := parseTypedDataWith(raw, m, false, false)
		sameOutcome(t, "cold/second", m, cold, second, errC, errS, true, raw)
		sameOutcome(t, "cold/warm", m, cold, warm, errC, errW, true, raw)
		sameOutcome(t, "cold/parse", m, cold, parsed, errC, errP, false, raw)
		sameOutcome(t, "cold/cold parse", m, cold, parsedCold, errC, errPC, false, raw)
		sameOutcome(t, "cold/plain", m, cold, plain, errC, errL, false, raw)
		// HashTypedData on first sight (its type set and TypedData in the session), with
		// the hashes scheduled on lanes and level by level.
		for _, lanes := range []bool{keccak.HaveLanes(), false} {
			forgetTypes(m)
			useLanes = lanes
			h, errH := hashTypedData(raw, m)
			useLanes = keccak.HaveLanes()
			switch {
			case (errH == nil) != (errC == nil) || errH != nil && errH.Error() != errC.Error():
				t.Fatalf("%v, lanes %v: HashTypedData error %v, cold parse %v\n%s", m, lanes, errH, errC, raw)
			case errH == nil && h != cold.Digest():
				t.Fatalf("%v, lanes %v: HashTypedData %x, cold parse %x\n%s", m, lanes, h, cold.Digest(), raw)
			}
		}
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
		byRank, err := compileTypes(&v, m)
		if err != nil {
			t.Fatalf("%v: %v", m, err)
		}
		return &typeSet{byRank: byRank}
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
			want, _, err := e.typeHash(findStruct(lazy.byRank, st.name))
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

// TypesReadersAgree fails unless readTypes (with linkTypes) and the value tree read by
// compileTypes agree on the types object raw, in every mode: the very same error, or the
// same definitions.
func TypesReadersAgree(t interface {
	Helper()
	Fatalf(string, ...any)
}, raw []byte) {
	t.Helper()
	if len(raw) == 0 || raw[0] != '{' {
		return // readTypes is only given what typesExtent found: an object's extent
	}
	for _, m := range allModes {
		var p jparser
		p.reset(raw, string(raw), 0, 1, false, "")
		v, errA := p.document()
		var rankA, rankB []*structDef
		if errA == nil {
			rankA, errA = compileTypes(&v, m)
		}
		var q jparser
		var tb typesBuf
		slab, errB, serr := readTypes(&q, raw, string(raw), 0, m, &tb, false)
		if serr != nil {
			errB = serr
		} else if errB == nil {
			rankB, errB = linkTypes(slab, m, nil)
		}
		if (errA == nil) != (errB == nil) || errA != nil && errA.Error() != errB.Error() {
			t.Fatalf("%v: tree %v, direct %v\n%s", m, errA, errB, raw)
		}
		if errA != nil {
			continue
		}
		if len(rankA) != len(rankB) {
			t.Fatalf("%v: %d types, direct %d\n%s", m, len(rankA), len(rankB), raw)
		}
		for i, a := range rankA {
			b := rankB[i]
			encA, _ := appendEncodeType(nil, a, nil, nil)
			encB, _ := appendEncodeType(nil, b, nil, nil)
			if a.name != b.name || a.rank != b.rank || a.ownLen != b.ownLen || (a.index == nil) != (b.index == nil) ||
				len(a.fields) != len(b.fields) || string(encA) != string(encB) || findStruct(rankB, b.name) != b || (i > 0 && rankB[i-1].name >= b.name) {
				t.Fatalf("%v: %s: tree %s, direct %s\n%s", m, a.name, encA, encB, raw)
			}
			for j := range a.fields {
				if a.fields[j].name != b.fields[j].name || a.fields[j].typ != b.fields[j].typ {
					t.Fatalf("%v: %s field %d differs\n%s", m, a.name, j, raw)
				}
			}
		}
	}
}

// typesInputs are types objects around readTypes' checks, each well-formed or broken in
// one way.
var typesInputs = []string{
	`{}`,
	`{"EIP712Domain":[]}`,
	`{"EIP712Domain":[{"name":"a","type":"string","Name":"b"}]}`,
	`{"EIP712Domain":[{"TYPE":"string","name":"a","type":"string"}]}`,
	`{"EIP712Domain":[{"name":"a","type":"string","extra":[1,{"x":null}],"z":{"name":1}}]}`,
	`{"EIP712Domain":[{"n\u0061me":"a","type":"str\u0069ng"}]}`,
	`{"EIP712Domain":[{"name":1,"type":"string"}]}`,
	`{"EIP712Domain":[{"type":"string"}]}`,
	`{"EIP712Domain":[{"name":"a","type":"string"},{"name":"a","type":"bool"}]}`,
	`{"EIP712Domain":[{"name":"a","type":"string","name":"b"}]}`,
	`{"EIP712Domain":[1,{"name":"a","type":"string"}],"1x":[]}`,
	`{"1x":[],"EIP712Domain":[1]}`,
	`{"EIP712Domain":{},"uint8":[]}`,
	`{"EIP712Domain":[],"A":[{"name":"b","type":"B"}],"B":[{"name":"a","type":"A"}]}`,
	`{"EIP712Domain":[],"A":[{"name":"b","type":"B[]"}],"B":[{"name":"a","type":"A"}],"C":[{"name":"x","type":"Nope"}]}`,
	`{"EIP712Domain":[],"A":[{"name":"x0","type":"bool"},{"name":"x1","type":"bool"},{"name":"x2","type":"bool"},{"name":"x3","type":"bool"},{"name":"x4","type":"bool"},{"name":"x5","type":"bool"},{"name":"x6","type":"bool"},{"name":"x7","type":"bool"},{"name":"x8","type":"bool"}]}`,
	`{"EIP712Domain":[],"A":[{"name":"x0","type":"bool"},{"name":"x1","type":"bool"},{"name":"x2","type":"bool"},{"name":"x3","type":"bool"},{"name":"x4","type":"bool"},{"name":"x5","type":"bool"},{"name":"x6","type":"bool"},{"name":"x7","type":"bool"},{"name":"x0","type":"bool"}]}`,
	`{"EIP712Domain":[{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"j":10,"k":11,"l":12,"m":13,"n":14,"o":15,"p":16,"q":17,"name":"a","type":"bool","a":0}]}`,
	`{"A0":[],"A1":[],"A2":[],"A3":[],"A4":[],"A5":[],"A6":[],"A7":[],"A8":[],"A9":[],"B0":[],"B1":[],"B2":[],"B3":[],"B4":[],"B5":[],"B6":[],"A3":[]}`,
	`{"EIP712Domain":[{"name":"a","type":"string"}]} `,
	`{"EIP712Domain":[{"name":"a","type":"string"}]}}`,
	`{"EIP712Domain":[{"name":"a","type":"string"}],}`,
	`{"EIP712Domain":[{"name":"a","type":"string"},]}`,
	`{"EIP712Domain":[{"name":"a","type":"string",}]}`,
	`{"EIP712Domain":[{"name":"a" "type":"string"}]}`,
	`{"EIP712Domain":[{"name":"a\x","type":"string"}]}`,
	"{\"EIP712Domain\":[{\"name\":\"a\x01\",\"type\":\"string\"}]}",
	`{"EIP712Domain":[{"name":"a","type":"string"}]`,
	`{"EIP712Domain":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`,
}

func TestTypesReadersAgree(t *testing.T) {
	for _, s := range typesInputs {
		TypesReadersAgree(t, []byte(s))
	}
}

// FuzzTypesReaders: readTypes and compileTypes agree on any types object.
func FuzzTypesReaders(f *testing.F) {
	for _, s := range typesInputs {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { TypesReadersAgree(t, b) })
}

// ObjectLen returns the length of the JSON object b begins with (typesExtent's reading).
func ObjectLen(b []byte) int {
	end, _ := typesExtent(append([]byte(`"":`), b...), 2, "")
	return end[1] - end[0]
}

// TestPropInhabitedRanked: checkInhabitedRanked gives checkInhabited's verdict, error for
// error, on random graphs of struct types referencing each other directly, through
// fixed-size arrays and through dynamic ones.
func TestPropInhabitedRanked(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(rt, "structs")
		build := func() []*structDef {
			defs := make([]*structDef, n)
			for i := range defs {
				defs[i] = &structDef{name: string(rune('A' + i))}
			}
			return defs
		}
		a, b := build(), build()
		for i := range n {
			for range rapid.IntRange(0, 3).Draw(rt, "fields") {
				to := rapid.IntRange(-1, n-1).Draw(rt, "to")
				arr := rapid.IntRange(0, 2).Draw(rt, "array") // none, [2], []
				ref := func(defs []*structDef) *typeRef {
					r := &atomicRefs[kindBool][0]
					if to >= 0 {
						r = &typeRef{kind: kindStruct, st: defs[to]}
					}
					switch arr {
					case 1:
						r = &typeRef{kind: kindArray, length: 2, elem: r}
					case 2:
						r = &typeRef{kind: kindArray, length: -1, elem: r}
					}
					return r
				}
				a[i].fields = append(a[i].fields, fieldDef{ref: ref(a)})
				b[i].fields = append(b[i].fields, fieldDef{ref: ref(b)})
			}
		}
		// Ranks are any numbering; errors name the first struct in the list's order.
		for i, r := range rapid.Permutation(seq(n)).Draw(rt, "ranks") {
			b[i].rank = r
		}
		errA, errB := checkInhabited(a), checkInhabitedRanked(b)
		if (errA == nil) != (errB == nil) || errA != nil && errA.Error() != errB.Error() {
			rt.Fatalf("maps %v, ranked %v", errA, errB)
		}
	})
}

// TestPropFieldIndex: the sorted index of a large struct finds every field and no other
// name, and a repeated name is reported at the first field that repeats an earlier one.
func TestPropFieldIndex(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		names := rapid.SliceOfN(rapid.SampledFrom([]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r"}), 0, 20).Draw(rt, "names")
		st := &structDef{name: "S"}
		for _, n := range names {
			st.fields = append(st.fields, fieldDef{name: n, typ: "bool"})
		}
		err := checkFieldNames(st)
		first := -1
		for i := range names {
			if slices.Contains(names[:i], names[i]) {
				first = i
				break
			}
		}
		if first >= 0 {
			want := fmt.Sprintf("%s declares field %q twice", "S", names[first])
			if err == nil || !errors.Is(err, ErrInvalidType) || !strings.HasSuffix(err.Error(), want) {
				rt.Fatalf("%v: %v, want %s", names, err, want)
			}
			return
		}
		if err != nil {
			rt.Fatalf("%v: %v", names, err)
		}
		for _, n := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "", "zz"} {
			if got, want := st.fieldIndex(n), slices.Index(names, n); got != want {
				rt.Fatalf("%v: %q at %d, want %d", names, n, got, want)
			}
		}
	})
}

// TestDeferredTypeHashes: documents whose type sets are new at every reading, so that
// their typeHashes are deferred into the hash batches, hash as ParseTypedData does (one
// hash after another) through every path of the scheduler: batches flushed at the node
// and byte bounds, with typeHash nodes pending or placeholders waiting in the buffer and
// in other nodes' inputs; an encodeType longer than maxDeferredInput, hashed at once; a
// struct type used hundreds of times, deferred once.
func TestDeferredTypeHashes(t *testing.T) {
	long := strings.Repeat("x", maxDeferredInput)
	for _, n := range []int{0, 1, 7, 8, 9, 100, 600, 1500} {
		for _, m := range allModes {
			types := `{"EIP712Domain":[{"name":"name","type":"string"}],"Leaf":[{"name":"v","type":"uint8"}],"Item":[{"name":"s","type":"string"},{"name":"leaf","type":"Leaf"},{"name":"leaves","type":"Leaf[]"}],"Big":[{"name":"` + long + `","type":"Leaf"}],"M":[{"name":"items","type":"Item[]"},{"name":"big","type":"Big"},{"name":"one","type":"Item"}]}`
			item := func(i int) string {
				return `{"s":"` + strings.Repeat("y", i%300) + `","leaf":{"v":` + strconv.Itoa(i%256) + `},"leaves":[` + joinElems(i%3, func(j int) string { return `{"v":` + strconv.Itoa(j) + `}` }) + `]}`
			}
			doc := []byte(`{"types":` + types + `,"primaryType":"M","domain":{"name":"d"},"message":{"items":[` + joinElems(n, item) + `],"big":{"` + long + `":{"v":1}},"one":` + item(n) + `}}`)
			forgetTypes(m)
			h, err := m.HashTypedData(doc)
			if err != nil {
				t.Fatalf("%v %d: %v", m, n, err)
			}
			forgetTypes(m)
			td, err := m.ParseTypedData(doc)
			if err != nil {
				t.Fatalf("%v %d: %v", m, n, err)
			}
			plain, err := parseTypedDataWith(doc, m, true, false)
			if err != nil {
				t.Fatalf("%v %d: %v", m, n, err)
			}
			if h != td.Digest() || h != plain.Digest() {
				t.Errorf("%v %d items: deferred %v, one by one %v, plain %v", m, n, h, td.Digest(), plain.Digest())
			}
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}
