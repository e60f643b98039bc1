package eip712

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/interopkit/interop/internal/hostile"
)

var allModes = []Mode{Strict, EthSigUtilV4, GoEthereum}

// doc wraps types (without braces) and a message into typed data with a one-field domain,
// which every mode accepts.
func doc(types, primary, message string) []byte {
	return []byte(`{"types":{"EIP712Domain":[{"name":"name","type":"string"}]` + types + `},"primaryType":"` + primary + `","domain":{"name":"x"},"message":` + message + `}`)
}

// hostileDocs are typed data at or beyond the package's bounds, each built at about size
// bytes.
func hostileDocs(size int) map[string][]byte {
	n := size / 4
	docs := map[string][]byte{
		// The issue's inputs: a long name times a long array (path strings), many fields
		// (field lookup), a chain of types (inhabitation fixpoint), a star of types (each
		// encodeType repeats the set).
		"path amplification": pathAmplificationDoc(size / 3),
		"many fields":        manyFieldsDoc(size / 42),
		"type chain":         typeChainDoc(size / 37),
		"type star":          typeStarDoc(size / 82),
		// Long arrays of the smallest elements.
		"long uint8 array": doc(`,"M":[{"name":"a","type":"uint8[]"}]`, "M", `{"a":[`+strings.TrimSuffix(strings.Repeat("0,", n), ",")+`]}`),
		"long array of empty arrays": doc(`,"M":[{"name":"a","type":"uint8[][]"}]`, "M",
			`{"a":[`+strings.TrimSuffix(strings.Repeat("[],", n/2), ",")+`]}`),
		"long array of empty structs": doc(`,"E":[{"name":"x","type":"uint8"}],"M":[{"name":"a","type":"E[]"}]`, "M",
			`{"a":[`+strings.TrimSuffix(strings.Repeat(`{"x":0},`, n/4), ",")+`]}`),
		// Deepest nesting the JSON reader allows, through arrays and through structs.
		"deep arrays": doc(`,"M":[{"name":"a","type":"uint8`+strings.Repeat("[]", maxArrayDims)+`"}]`, "M",
			`{"a":`+strings.Repeat("[", maxArrayDims)+strings.Repeat("]", maxArrayDims)+`}`),
		"deep structs": doc(`,"T":[{"name":"t","type":"T[]"}]`, "T", strings.Repeat(`{"t":[`, maxDepth/2)+strings.Repeat(`]}`, maxDepth/2)),
		"too deep":     doc(`,"T":[{"name":"t","type":"T[]"}]`, "T", strings.Repeat(`{"t":[`, maxDepth)+strings.Repeat(`]}`, maxDepth)),
		// A fixed-size array declared huge, with a small value.
		"huge fixed array": doc(`,"M":[{"name":"a","type":"uint8[16777216]"}]`, "M", `{"a":[1,2,3]}`),
		// Long strings and hex.
		"long string": doc(`,"M":[{"name":"a","type":"string"}]`, "M", `{"a":"`+strings.Repeat("x", size)+`"}`),
		"long hex":    doc(`,"M":[{"name":"a","type":"bytes"}]`, "M", `{"a":"0x`+strings.Repeat("ab", size/2)+`"}`),
		"long escapes": doc(`,"M":[{"name":"a","type":"string"}]`, "M",
			`{"a":"`+strings.Repeat(`\ud83d\ude00`, size/12)+`"}`),
		// Long integers.
		"long decimal": doc(`,"M":[{"name":"a","type":"uint256"}]`, "M", `{"a":"`+strings.Repeat("0", size)+`1"}`),
		"long number":  doc(`,"M":[{"name":"a","type":"uint256"}]`, "M", `{"a":1`+strings.Repeat("0", size)+`e-`+fmt.Sprint(size)+`}`),
		// Many undeclared members (EthSigUtilV4 ignores them; the others refuse).
		"many extra members": doc(`,"M":[{"name":"a","type":"uint8"}]`, "M", `{"a":1`+strings.Repeat(`,"b`, 1)+manyKeys(size/8)+`}`),
		// Struct types whose members EthSigUtilV4 may leave out, in a long array: every
		// absent member still costs a word.
		"absent members": doc(`,"E":[`+absentFields(64)+`],"M":[{"name":"a","type":"E[]"}]`, "M",
			`{"a":[`+strings.TrimSuffix(strings.Repeat(`{},`, n/3), ",")+`]}`),
		// Commas that separate nothing: the capacity hints must not reserve a list for
		// each of them.
		"stray commas in an object": []byte(`{"types":{` + strings.Repeat(",", size)),
		"stray commas in an array":  []byte(`{"types":[0` + strings.Repeat(",", size)),
		"stray commas, nested":      []byte(strings.Repeat(`[0,`, size/3)),
		// Many types, each referencing the next through an array.
		"many types": doc(manyTypes(size/40), "T0", `{"a":[]}`),
	}
	return docs
}

func manyKeys(n int) string {
	var b strings.Builder
	b.WriteString(`0":1`)
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, `,"b%d":1`, i)
	}
	return b.String()
}

func absentFields(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"name":"f%d","type":"E"}`, i)
	}
	return b.String()
}

func manyTypes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, `,"T%d":[{"name":"a","type":"T%d[]"}]`, i, (i+1)%n)
	}
	return b.String()
}

// TestBoundsAllocPerInputByte feeds every mode each hostile document at about 256 KiB and
// asserts the allocation stays within the project bound, and that a refusal is a sentinel.
func TestBoundsAllocPerInputByte(t *testing.T) {
	for name, b := range hostileDocs(256 << 10) {
		for _, m := range allModes {
			var err error
			var took time.Duration
			u := hostile.Bounded(t, fmt.Sprintf("%s %v", name, m), len(b), func() {
				start := time.Now()
				_, err = m.HashTypedData(b)
				took = time.Since(start)
			})
			if err != nil && !isSentinel(err) {
				t.Errorf("%s %v: error without sentinel: %v", name, m, err)
			}
			t.Logf("%-28s %-12v %7d B in: %9d B, %6d objects, %v (%v)", name, m, len(b), u.Bytes, u.Objects, took.Round(time.Microsecond), errors.Unwrap(err) != nil)
		}
	}
}

// TestBoundsParseType: ParseType on long canonical and non-canonical strings.
func TestBoundsParseType(t *testing.T) {
	chain := string(parseTypeChain(40000))
	var many strings.Builder
	many.WriteString("P(")
	for i := range 10000 {
		if i > 0 {
			many.WriteByte(',')
		}
		fmt.Fprintf(&many, "uint8 f%d", i)
	}
	many.WriteString(")")
	for name, s := range map[string]string{
		"chain of 40000":       chain,
		"10000 fields":         many.String(),
		"unreachable types":    "A()" + strings.Repeat("B()", 1) + chain[len("A000000(A000001 a)"):],
		"non-canonical order":  "A(B b,C c)C()B()" + strings.Repeat("", 0),
		"deep array dims":      "A(uint8" + strings.Repeat("[]", 1000) + " a)",
		"long member list ,,,": "A(" + strings.Repeat(",", 100000) + ")",
	} {
		u := hostile.Bounded(t, name, len(s), func() { _, _ = ParseType(s) })
		t.Logf("%-22s %7d B in: %9d B", name, len(s), u.Bytes)
	}
}

func isSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// TestBoundsIssueInputs runs the five inputs of the amplification report at the sizes it
// gives (a 240 KB path document, 16,000 fields, a chain of 8,000 types, a star of 4,000
// types, ParseType with 40,000 definitions) in every mode, within the project bound.
func TestBoundsIssueInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	inputs := []struct {
		name string
		b    []byte
		f    func(m Mode, b []byte) error
	}{
		{"240 KB path document", pathAmplificationDoc(80000), hashIn},
		{"16,000 fields", manyFieldsDoc(16000), hashIn},
		{"chain of 8,000 types", typeChainDoc(8000), hashIn},
		{"star of 4,000 types", typeStarDoc(4000), hashIn},
		{"ParseType, 40,000 definitions", parseTypeChain(40000), func(_ Mode, b []byte) error { _, err := ParseType(string(b)); return err }},
	}
	for _, in := range inputs {
		for _, m := range allModes {
			var err error
			var cpu time.Duration
			u := hostile.Bounded(t, in.name, len(in.b), func() { cpu = threadCPU(func() { err = in.f(m, in.b) }) })
			t.Logf("%-30s %-12v %7d B in: %9d B allocated, %v CPU, err=%v", in.name, m, len(in.b), u.Bytes, cpu, errors.Unwrap(err) != nil)
		}
	}
}

func hashIn(m Mode, b []byte) error {
	_, err := m.HashTypedData(b)
	return err
}
