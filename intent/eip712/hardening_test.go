package eip712

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/interopkit/interop/internal/hostile"
)

// Regression tests for hostile typed data that cost far more than its size: each builds the
// input at n and 16n and checks that allocation stays within the project bound
// (hostile.Bounded) and that the cost grows linearly (a quadratic cost grows 256-fold when n
// grows 16-fold; the test allows 96-fold, six times the linear growth, so that cache and
// GC effects on a loaded machine cannot fail a linear implementation). Time is the CPU time of the calling thread (not wall time, which a loaded
// machine inflates), compared only between the two sizes, on the best of several runs,
// never against an absolute figure.

// scaling runs f(n) and f(16n), each several times, and fails when the best time grows more
// than 96-fold or either size allocates beyond the project bound.
func scaling(t *testing.T, name string, n int, build func(n int) []byte, f func(b []byte)) {
	t.Helper()
	// best is the least CPU time per call over three measurements, each repeating f until
	// it has used at least 40ms of CPU, well above the clock's tick.
	best := func(b []byte) time.Duration {
		d := time.Duration(1<<63 - 1)
		for range 3 {
			runtime.GC()
			for reps := 1; ; reps *= 4 {
				e := threadCPU(func() {
					for range reps {
						f(b)
					}
				})
				if e >= 40*time.Millisecond || reps >= 1<<12 {
					d = min(d, e/time.Duration(reps))
					break
				}
			}
		}
		return d
	}
	small, large := build(n), build(16*n)
	hostile.Bounded(t, fmt.Sprintf("%s n=%d", name, n), len(small), func() { f(small) })
	u := hostile.Bounded(t, fmt.Sprintf("%s n=%d", name, 16*n), len(large), func() { f(large) })
	ts, tl := best(small), best(large)
	t.Logf("%s: %d bytes in %v, %d bytes in %v and %d allocated bytes", name, len(small), ts, len(large), tl, u.Bytes)
	if tl > 96*ts {
		t.Errorf("%s: 16x the input took %.1fx the time (%v -> %v): not linear", name, float64(tl)/float64(ts), ts, tl)
	}
}

func mustFail(t *testing.T) func([]byte) {
	return func(b []byte) { _, _ = HashTypedData(b) }
}

// pathAmplificationDoc: one field with a long name holding a long array, so that building a
// path string for every element costs len(name) bytes per element.
func pathAmplificationDoc(n int) []byte {
	name := strings.Repeat("a", n)
	elems := strings.TrimSuffix(strings.Repeat("0,", n/2), ",")
	return []byte(`{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"M":[{"name":"` + name + `","type":"uint8[]"}]},"primaryType":"M","domain":{"name":"x"},"message":{"` + name + `":[` + elems + `]}}`)
}

func TestHardeningPathAmplification(t *testing.T) {
	if _, err := HashTypedData(pathAmplificationDoc(100)); err != nil {
		t.Fatal(err)
	}
	scaling(t, "path amplification", 5000, pathAmplificationDoc, mustFail(t))
}

// manyFieldsDoc: one struct with n fields, all present.
func manyFieldsDoc(n int) []byte {
	var ty, msg strings.Builder
	for i := range n {
		if i > 0 {
			ty.WriteByte(',')
			msg.WriteByte(',')
		}
		fmt.Fprintf(&ty, `{"name":"f%d","type":"uint8"}`, i)
		fmt.Fprintf(&msg, `"f%d":1`, i)
	}
	return []byte(`{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"M":[` + ty.String() + `]},"primaryType":"M","domain":{"name":"x"},"message":{` + msg.String() + `}}`)
}

func TestHardeningManyFields(t *testing.T) {
	if _, err := HashTypedData(manyFieldsDoc(20)); err != nil {
		t.Fatal(err)
	}
	scaling(t, "many fields", 4000, manyFieldsDoc, mustFail(t))
}

// typeChainDoc: T0(T1 a), T1(T2 a), …, the leaf last, so that a fixpoint over the types in
// document order needs one pass per type.
func typeChainDoc(n int) []byte {
	var ty strings.Builder
	for i := range n - 1 {
		fmt.Fprintf(&ty, `"T%d":[{"name":"a","type":"T%d"}],`, i, i+1)
	}
	fmt.Fprintf(&ty, `"T%d":[{"name":"x","type":"uint8"}]`, n-1)
	return []byte(`{"types":{"EIP712Domain":[{"name":"name","type":"string"}],` + ty.String() + `},"primaryType":"T0","domain":{"name":"x"},"message":{"a":{"a":{"a":{}}}}}`)
}

func TestHardeningTypeChain(t *testing.T) {
	scaling(t, "type chain", 1000, typeChainDoc, mustFail(t))
}

// typeStarDoc: C(L0 l0, …) with every Li(C[] c): each Li's encodeType holds every type, so
// computing each one costs the whole type set.
func typeStarDoc(n int) []byte {
	var c, ty, msg strings.Builder
	for i := range n {
		if i > 0 {
			c.WriteByte(',')
			msg.WriteByte(',')
		}
		fmt.Fprintf(&c, `{"name":"l%d","type":"L%d"}`, i, i)
		fmt.Fprintf(&ty, `,"L%d":[{"name":"c","type":"C[]"}]`, i)
		fmt.Fprintf(&msg, `"l%d":{"c":[]}`, i)
	}
	return []byte(`{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"C":[` + c.String() + `]` + ty.String() + `},"primaryType":"C","domain":{"name":"x"},"message":{` + msg.String() + `}}`)
}

func TestHardeningTypeStar(t *testing.T) {
	if _, err := HashTypedData(typeStarDoc(3)); err != nil {
		t.Fatal(err)
	}
	scaling(t, "type star", 500, typeStarDoc, mustFail(t))
}

// parseTypeChain: A0(A1 a)A1(A2 a)…, canonical: its dependencies are sorted by name.
func parseTypeChain(n int) []byte {
	var b strings.Builder
	for i := range n - 1 {
		fmt.Fprintf(&b, "A%06d(A%06d a)", i, i+1)
	}
	fmt.Fprintf(&b, "A%06d(uint8 x)", n-1)
	return []byte(b.String())
}

func TestHardeningParseTypeMany(t *testing.T) {
	if _, err := ParseType(string(parseTypeChain(5))); err != nil {
		t.Fatal(err)
	}
	scaling(t, "ParseType chain", 2000, parseTypeChain, func(b []byte) {
		if _, err := ParseType(string(b)); err != nil {
			t.Error(err)
		}
	})
}

// TestHashTypedDataKeepsNoBorrowedBytes: HashTypedData reads the caller's bytes without
// copying them, so nothing it keeps may point into them. After the caller overwrites its
// buffer, the type set cached from it (on its second sight) still hashes the document as
// before, and an error returned before still says what it said.
func TestHashTypedDataKeepsNoBorrowedBytes(t *testing.T) {
	bad := strings.Replace(mailJSON, `"type":"Person"`, `"type":"Persona"`, 1)
	for _, m := range []Mode{Strict, EthSigUtilV4, GoEthereum} {
		forgetTypes(m)
		want, err := m.HashTypedData([]byte(mailJSON))
		if err != nil {
			t.Fatal(err)
		}
		buf := []byte(mailJSON)
		for range 2 { // first sight, then second: the set is cached
			if h, err := m.HashTypedData(buf); err != nil || h != want {
				t.Fatalf("%v: %x, %v", m, h, err)
			}
		}
		badBuf := []byte(bad)
		_, errBad := m.HashTypedData(badBuf)
		if errBad == nil {
			t.Fatalf("%v: unknown type accepted", m)
		}
		msg := errBad.Error()
		for i := range buf {
			buf[i] = 'x'
		}
		for i := range badBuf {
			badBuf[i] = 'x'
		}
		if h, err := m.HashTypedData([]byte(mailJSON)); err != nil || h != want {
			t.Fatalf("%v: after the buffer changed: %x, %v", m, h, err)
		}
		if errBad.Error() != msg {
			t.Fatalf("%v: error changed with the buffer: %q, was %q", m, errBad.Error(), msg)
		}
	}
}

// TestHashTypedDataAllocations: HashTypedData allocates nothing per call, on a cached type
// set and on the first sight of one (a type set seen once is neither copied nor cached).
func TestHashTypedDataAllocations(t *testing.T) {
	if testing.CoverMode() != "" || raceEnabled {
		t.Skip("instrumented build")
	}
	doc := []byte(mailJSON)
	forgetTypes(Strict)
	for range 3 {
		if _, err := HashTypedData(doc); err != nil {
			t.Fatal(err)
		}
	}
	if a := testing.AllocsPerRun(100, func() { _, _ = HashTypedData(doc) }); a != 0 {
		t.Errorf("cached type set: %v allocations per call", a)
	}
	// Each run reads a type set it has not seen: its types object differs in whitespace.
	open := strings.Index(mailJSON, `"types":{`) + len(`"types":{`)
	var docs [][]byte
	for k := range 102 {
		docs = append(docs, []byte(mailJSON[:open]+strings.Repeat(" ", k+1)+mailJSON[open:]))
	}
	next := 0
	if a := testing.AllocsPerRun(100, func() {
		if _, err := HashTypedData(docs[next]); err != nil {
			t.Fatal(err)
		}
		next++
	}); a != 0 {
		t.Errorf("first sight: %v allocations per call", a)
	}
}
