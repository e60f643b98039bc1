package eip712

import (
	"bytes"
	"errors"
	"math/big"
	"strconv"
	"strings"
	"testing"

	"github.com/holiman/uint256"
	"pgregory.net/rapid"
)

// SameVerdict is sameVerdict for the external tests.
func SameVerdict(t interface {
	Helper()
	Fatalf(string, ...any)
}, b []byte) {
	t.Helper()
	sameVerdict(t, b)
}

// sameVerdict fails unless the fast reading of b (types skipped by the parser, compiled
// type sets cached) and the plain one (types read in place and compiled for the document
// alone) agree in every mode: the same digest, or errors with the same sentinel. The fast
// reading runs three times: on the type set's first sight, on its second (when it is
// cached), and with it found in the cache, unless an earlier call had it cached already.
func sameVerdict(t interface {
	Helper()
	Fatalf(string, ...any)
}, b []byte) {
	t.Helper()
	for _, m := range allModes {
		plain, err2 := parseTypedDataWith(b, m, false, false)
		for sight := 1; sight <= 3; sight++ {
			fast, err1 := parseTypedDataWith(b, m, false, true)
			if (err1 == nil) != (err2 == nil) {
				t.Fatalf("%v, sight %d: fast %v, plain %v\n%s", m, sight, err1, err2, b)
			}
			if err1 != nil {
				for _, s := range sentinels {
					if errors.Is(err1, s) != errors.Is(err2, s) {
						t.Fatalf("%v, sight %d: fast %v, plain %v\n%s", m, sight, err1, err2, b)
					}
				}
				continue
			}
			if fast.Digest() != plain.Digest() {
				t.Fatalf("%v, sight %d: fast %v, plain %v\n%s", m, sight, fast.Digest(), plain.Digest(), b)
			}
		}
	}
}

// skipInputs are documents around the parser's skipping of "types": spellings of the key
// it must not take for it, duplicates, brackets and quotes inside strings, and extents that
// are no valid value.
var skipInputs = []string{
	`{"typ\u0065s":{"EIP712Domain":[{"name":"name","type":"string"}]},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string"}]},"types":{},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`,
	`{"types" : {"EIP712Domain":[{"name":"n}]\"{[","type":"string"}]} ,"primaryType":"EIP712Domain","domain":{"n}]\"{[":"x"},"message":{}}`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"M":[{"name":"a","type":"string"}]},"primaryType":"M","domain":{"name":"x"},"message":{"a":"types"}}`,
	`{"primaryType":"M","message":{"types":{"a":1}},"domain":{"name":"x"},"types":{"EIP712Domain":[{"name":"name","type":"string"}],"M":[{"name":"types","type":"T"}],"T":[{"name":"a","type":"uint8"}]}}`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string"}]]},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string"}]`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string"}]}}}`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string"]}},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`,
	`{"types":{"a":"\"}"},"primaryType":"EIP712Domain"}`,
	`{"types":{"EIP712Domain":[]},"primaryType":"EIP712Domain","domain":{},"message":{}`,
	`[{"types":{}}]`,
	`{"a":{"types":{"EIP712Domain":[]}},"types":[]}`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string"}]},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}} {"types":{}}`,
	`{"types":{"EIP712Domain":[{"name":"name","type":"string","type":"bool"}]},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`,
	`{"types":{"\u0045IP712Domain":[{"name":"name","type":"string"}]},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`,
	"{\"types\":{\"EIP712Domain\":[{\"name\":\"na\x01me\",\"type\":\"string\"}]},\"primaryType\":\"EIP712Domain\",\"domain\":{},\"message\":{}}",
}

func TestSkipTypesSameVerdict(t *testing.T) {
	for _, s := range skipInputs {
		sameVerdict(t, []byte(s))
	}
	for _, c := range badInputs {
		sameVerdict(t, []byte(c.doc))
	}
	for _, tf := range trezorFixtures {
		sameVerdict(t, []byte(tf.doc))
	}
}

// FuzzSkipTypes: the fast reading and the plain one agree on any input.
func FuzzSkipTypes(f *testing.F) {
	for _, s := range skipInputs {
		f.Add([]byte(s))
	}
	f.Add([]byte(mailJSON))
	f.Fuzz(func(t *testing.T, b []byte) { sameVerdict(t, b) })
}

// TestTypeCacheBounded: many different type sets, each seen twice so that it is admitted,
// keep at most maxCachedSets entries per mode, and type sets above maxCachedTypes bytes
// are not kept.
func TestTypeCacheBounded(t *testing.T) {
	forgetTypes(Strict)
	for i := range 3 * maxCachedSets {
		doc := `{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"M` + strings.Repeat("x", i) + `":[{"name":"a","type":"uint8"}]},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`
		for range 2 {
			if _, err := HashTypedData([]byte(doc)); err != nil {
				t.Fatal(err)
			}
		}
	}
	big := `{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"M":[{"name":"a","type":"string"}]` + strings.Repeat(" ", maxCachedTypes) + `},"primaryType":"EIP712Domain","domain":{"name":"x"},"message":{}}`
	for range 2 {
		if _, err := HashTypedData([]byte(big)); err != nil {
			t.Fatal(err)
		}
	}
	typeCache.mu.RLock()
	defer typeCache.mu.RUnlock()
	if n := len(typeCache.sets[Strict]); n == 0 || n > maxCachedSets {
		t.Errorf("%d cached type sets", n)
	}
	for k := range typeCache.sets[Strict] {
		if len(k) > maxCachedTypes {
			t.Errorf("cached a type set of %d bytes", len(k))
		}
	}
}

// TestPlainASCII compares the word-at-a-time check with a byte loop.
func TestPlainASCII(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		b := rapid.SliceOfN(rapid.OneOf(rapid.Byte(), rapid.SampledFrom([]byte{0, 0x1f, 0x20, 0x21, '\\', 0x5b, 0x5d, 0x7f, 0x80, 0xff})), 0, 40).Draw(rt, "b")
		want := true
		for _, c := range b {
			if c < 0x20 || c >= 0x80 || c == '\\' {
				want = false
			}
		}
		if got := plainASCII(b); got != want {
			rt.Fatalf("plainASCII(%q) = %v", b, got)
		}
	})
	if !plainASCII(bytes.Repeat([]byte("0x1234abcd ~"), 5)) {
		t.Error("printable ASCII refused")
	}
}

// TestPropParseDecimal compares the chunked decimal reader with math/big, digit strings
// of any length up to past 256 bits, with a non-digit somewhere or not: the same value, or
// the sentinel a digit-by-digit reading meets first.
func TestPropParseDecimal(t *testing.T) {
	limit := new(big.Int).Lsh(big.NewInt(1), 256)
	rapid.Check(t, func(rt *rapid.T) {
		s := rapid.StringMatching(`[0-9]{1,90}`).Draw(rt, "digits")
		if rapid.Bool().Draw(rt, "bad") {
			i := rapid.IntRange(0, len(s)).Draw(rt, "at")
			s = s[:i] + rapid.SampledFrom([]string{"x", " ", "-", "."}).Draw(rt, "c") + s[i:]
		}
		var want error
		v := new(big.Int)
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				want = ErrTypeMismatch
				break
			}
			v.Mul(v, big.NewInt(10)).Add(v, big.NewInt(int64(c-'0')))
			if v.Cmp(limit) >= 0 {
				want = ErrOutOfRange
				break
			}
		}
		var z uint256.Int
		err := parseDecimal(&z, s)
		if !errors.Is(err, want) || (want == nil && err != nil) {
			rt.Fatalf("%q: %v, want %v", s, err, want)
		}
		if want == nil && z.ToBig().Cmp(v) != 0 {
			rt.Fatalf("%q: %v, want %v", s, z.Dec(), v)
		}
	})
}

// TestTypeCacheConcurrent hashes documents of different type sets from several goroutines
// at once, in every mode, while the cache fills, evicts and answers; every verdict must be
// the one the plain reading gives (run with -race).
func TestTypeCacheConcurrent(t *testing.T) {
	docs := [][]byte{[]byte(mailJSON), []byte(concurrentDoc)}
	for _, s := range skipInputs {
		docs = append(docs, []byte(s))
	}
	for _, tf := range trezorFixtures {
		docs = append(docs, []byte(tf.doc))
	}
	type verdict struct {
		h   [32]byte
		err bool
	}
	want := map[string]verdict{}
	key := func(m Mode, i int) string { return m.String() + "/" + strings.Repeat("x", i) }
	for _, m := range allModes {
		for i, d := range docs {
			td, err := parseTypedDataWith(d, m, false, false)
			v := verdict{err: err != nil}
			if err == nil {
				v.h = td.Digest()
			}
			want[key(m, i)] = v
		}
	}
	done := make(chan string, 8)
	for g := range 8 {
		go func() {
			for r := range 50 {
				m := allModes[(g+r)%len(allModes)]
				i := (g*7 + r) % len(docs)
				h, err := m.HashTypedData(docs[i])
				if w := want[key(m, i)]; w.err != (err != nil) || (err == nil && h != w.h) {
					done <- key(m, i)
					return
				}
			}
			done <- ""
		}()
	}
	for range 8 {
		if k := <-done; k != "" {
			t.Errorf("%s: verdict differs from the plain reading", k)
		}
	}
}

// TestBatchedHashingAgrees compares HashTypedData, which defers its hashes and runs them in
// batches, with ParseTypedData, which hashes as it goes, on documents that reach every
// path of the scheduler: flushes at the node and byte bounds, inputs above
// maxDeferredInput holding deferred placeholders, long strings hashed at once, empty
// arrays and strings, and nesting several levels deep.
func TestBatchedHashingAgrees(t *testing.T) {
	types := `{"EIP712Domain":[{"name":"name","type":"string"}],"Item":[{"name":"s","type":"string"},{"name":"n","type":"uint64"},{"name":"b","type":"bytes"},{"name":"tags","type":"string[]"}],"M":[{"name":"items","type":"Item[]"},{"name":"big","type":"string"},{"name":"grid","type":"uint8[][]"},{"name":"one","type":"Item"}]}`
	item := func(i int) string {
		return `{"s":"item ` + strings.Repeat("x", i%200) + `","n":` + strconv.Itoa(i) + `,"b":"0x` + strings.Repeat("ab", i%90) + `","tags":[` + joinElems(i%4, func(j int) string { return `"t` + strconv.Itoa(j) + `"` }) + `]}`
	}
	for _, n := range []int{0, 1, 7, 8, 9, 40, 300, 1500} {
		doc := `{"types":` + types + `,"primaryType":"M","domain":{"name":"batch"},"message":{"items":[` + joinElems(n, item) +
			`],"big":"` + strings.Repeat("long ", 400) + `","grid":[` + joinElems(n%50, func(i int) string { return "[" + joinElems(i%5, strconv.Itoa) + "]" }) + `],"one":` + item(n) + `}}`
		h, err := HashTypedData([]byte(doc))
		if err != nil {
			t.Fatalf("%d items: %v", n, err)
		}
		td, err := ParseTypedData([]byte(doc))
		if err != nil {
			t.Fatalf("%d items: %v", n, err)
		}
		if td.Digest() != h {
			t.Errorf("%d items: batched %v, one by one %v", n, h, td.Digest())
		}
	}
}

// TestDoorkeeper: a type set is cached on its second sight, not its first, and is found
// in the cache on its third; ParseTypedData, which keeps its type set, caches at once.
func TestDoorkeeper(t *testing.T) {
	doc := []byte(`{"types":{"EIP712Domain":[{"name":"name","type":"string"}],"Door":[{"name":"a","type":"uint8"}]},"primaryType":"Door","domain":{"name":"x"},"message":{"a":1}}`)
	raw := []byte(`{"EIP712Domain":[{"name":"name","type":"string"}],"Door":[{"name":"a","type":"uint8"}]}`)
	forgetTypes(Strict)
	want, err := HashTypedData(doc)
	if err != nil {
		t.Fatal(err)
	}
	if cachedTypes(Strict, raw) != nil {
		t.Fatal("type set cached on first sight")
	}
	for sight := 2; sight <= 3; sight++ {
		got, err := HashTypedData(doc)
		if err != nil || got != want {
			t.Fatalf("sight %d: %x, %v; want %x", sight, got, err, want)
		}
		if cachedTypes(Strict, raw) == nil {
			t.Fatalf("type set not cached after sight %d", sight)
		}
	}
	forgetTypes(Strict)
	if _, err := ParseTypedData(doc); err != nil {
		t.Fatal(err)
	}
	if cachedTypes(Strict, raw) == nil {
		t.Fatal("ParseTypedData's type set not cached")
	}
}

// joinElems joins f(0), ..., f(n-1) with commas: the elements of a JSON array.
func joinElems(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(f(i))
	}
	return b.String()
}
