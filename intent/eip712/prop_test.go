package eip712_test

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"
	"testing"

	"github.com/holiman/uint256"
	"github.com/interopkit/interop"
	"github.com/interopkit/interop/intent/eip712"
	"github.com/interopkit/interop/intent/eip712/eip712test"
	"golang.org/x/crypto/sha3"
	"pgregory.net/rapid"
)

// dynStruct hashes a generated value through the Go-types path: Types built with NewType
// and member words appended by the Append functions, independently of the JSON reader.
type dynStruct struct {
	t      *eip712.Type
	fields []eip712.Field
	v      *eip712test.Value
}

func (d dynStruct) TypeHash() interop.Hash { return d.t.TypeHash() }

func (d dynStruct) EncodeData(dst []byte) []byte {
	for i, e := range d.v.Elems {
		dst = d.appendValue(dst, d.fields[i].Type, e)
	}
	return dst
}

var goTypes map[string]*eip712.Type // per property iteration; rapid runs checks sequentially

func (d dynStruct) appendValue(dst []byte, typ string, v *eip712test.Value) []byte {
	switch {
	case strings.HasSuffix(typ, "]"):
		elem := typ[:strings.LastIndexByte(typ, '[')]
		return eip712.AppendArray(dst, len(v.Elems), func(b []byte, i int) []byte { return d.appendValue(b, elem, v.Elems[i]) })
	case v.Struct != nil:
		return eip712.AppendStruct(dst, dynStruct{goTypes[v.Struct.Name], goTypes[v.Struct.Name].Fields(), v})
	case typ == "string":
		return eip712.AppendString(dst, string(v.Dynamic))
	case typ == "bytes":
		return eip712.AppendBytes(dst, v.Dynamic)
	default:
		return eip712.AppendWord(dst, v.Word)
	}
}

func buildGoTypes(t *rapid.T, doc *eip712test.Doc) {
	goTypes = map[string]*eip712.Type{}
	for _, s := range doc.Structs {
		var deps []*eip712.Type
		for _, d := range goTypes {
			deps = append(deps, d)
		}
		ty, err := eip712.NewType(s.Name, s.Fields, deps...)
		if err != nil {
			t.Fatalf("NewType %s: %v", s.Name, err)
		}
		goTypes[s.Name] = ty
	}
}

// TestPropJSONMatchesGoTypes: the JSON path and the Go-types path give the same digest for
// the same random typed data.
func TestPropJSONMatchesGoTypes(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc := eip712test.TypedData(t, 4)
		buildGoTypes(t, doc)
		got, err := eip712.HashTypedData(doc.JSON())
		if err != nil {
			t.Fatalf("%v\n%s", err, doc.JSON())
		}
		p := doc.Primary()
		want := doc.Domain.Hash(dynStruct{goTypes[p.Name], goTypes[p.Name].Fields(), doc.Message})
		if got != want {
			t.Fatalf("JSON %v, Go types %v\n%s", got, want, doc.JSON())
		}
	})
}

// TestPropChangesChangeDigest: changing one value, a type name, a field name or the order of
// two fields changes the digest.
func TestPropChangesChangeDigest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc := eip712test.TypedData(t, 3)
		before, err := eip712.HashTypedData(doc.JSON())
		if err != nil {
			t.Fatal(err)
		}
		p := doc.Primary()
		switch rapid.IntRange(0, 3).Draw(t, "mutation") {
		case 0: // a type name
			old := p.Name
			p.Name = "Renamed" + old
			_ = old
		case 1: // a field name
			if len(p.Fields) == 0 {
				t.Skip("no fields")
			}
			i := rapid.IntRange(0, len(p.Fields)-1).Draw(t, "field")
			obj := doc.Message.JSON.(map[string]any)
			val := obj[p.Fields[i].Name]
			delete(obj, p.Fields[i].Name)
			p.Fields[i].Name += "X"
			if _, clash := obj[p.Fields[i].Name]; clash {
				t.Skip("name clash")
			}
			obj[p.Fields[i].Name] = val
		case 2: // field order
			if len(p.Fields) < 2 || p.Fields[0].Type == p.Fields[1].Type && fmt.Sprint(doc.Message.Elems[0].JSON) == fmt.Sprint(doc.Message.Elems[1].JSON) {
				t.Skip("nothing to swap")
			}
			p.Fields[0], p.Fields[1] = p.Fields[1], p.Fields[0]
		case 3: // a value: the domain name, always a string when present, or the chain id
			if doc.Domain.Fields == 0 {
				t.Skip("empty domain")
			}
			doc.Domain.Name += "!"
			doc.Domain.ChainID.AddUint64(&doc.Domain.ChainID, 1)
			doc.Domain.Salt[0] ^= 1
			doc.Domain.VerifyingContract[0] ^= 1
			doc.Domain.Version += "1"
		}
		after, err := eip712.HashTypedData(doc.JSON())
		if err == nil && after == before {
			t.Fatalf("digest unchanged: %v\n%s", after, doc.JSON())
		}
	})
}

// TestPropAtomicValueChange: changing any atomic member word of the message changes the
// digest (through the Go-types path, where values are easy to reach).
func TestPropAtomicValueChange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc := eip712test.TypedData(t, 3)
		buildGoTypes(t, doc)
		p := doc.Primary()
		before := eip712.HashStruct(dynStruct{goTypes[p.Name], goTypes[p.Name].Fields(), doc.Message})
		var leaves []*eip712test.Value
		var walk func(v *eip712test.Value)
		walk = func(v *eip712test.Value) {
			if v.Elems == nil && v.Struct == nil && !strings.HasSuffix(v.Type, "]") {
				leaves = append(leaves, v)
			}
			for _, e := range v.Elems {
				walk(e)
			}
		}
		walk(doc.Message)
		if len(leaves) == 0 {
			t.Skip("no atomic values")
		}
		l := leaves[rapid.IntRange(0, len(leaves)-1).Draw(t, "leaf")]
		l.Word[31] ^= 1
		l.Dynamic = append(l.Dynamic, 'x')
		if eip712.HashStruct(dynStruct{goTypes[p.Name], goTypes[p.Name].Fields(), doc.Message}) == before {
			t.Fatal("hash unchanged")
		}
	})
}

// TestPropEncodeTypeSort: encodeType is the primary type followed by every reachable struct
// type sorted by name, each once, and ParseType reads it back to the same type hash.
func TestPropEncodeTypeSort(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		doc := eip712test.TypedData(t, 5)
		buildGoTypes(t, doc)
		p := doc.Primary()
		ty := goTypes[p.Name]
		own := func(s eip712test.Struct) string {
			var m []string
			for _, f := range s.Fields {
				m = append(m, f.Type+" "+f.Name)
			}
			return s.Name + "(" + strings.Join(m, ",") + ")"
		}
		byName := map[string]eip712test.Struct{}
		for _, s := range doc.Structs {
			byName[s.Name] = s
		}
		reach := map[string]bool{}
		var visit func(s eip712test.Struct)
		visit = func(s eip712test.Struct) {
			for _, f := range s.Fields {
				base, _, _ := strings.Cut(f.Type, "[")
				if d, ok := byName[base]; ok && !reach[base] {
					reach[base] = true
					visit(d)
				}
			}
		}
		visit(*p)
		var names []string
		for n := range reach {
			names = append(names, n)
		}
		sort.Strings(names)
		want := own(*p)
		for _, n := range names {
			want += own(byName[n])
		}
		if ty.EncodeType() != want {
			t.Fatalf("encodeType %q, want %q", ty.EncodeType(), want)
		}
		back, err := eip712.ParseType(want)
		if err != nil || back.TypeHash() != keccak(want) || back.TypeHash() != ty.TypeHash() {
			t.Fatalf("eip712.ParseType(%q): %v", want, err)
		}
	})
}

// TestPropIntegerBounds: a value is accepted for intN/uintN exactly when it is in range, and
// its word is the two's complement.
func TestPropIntegerBounds(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		signed := rapid.Bool().Draw(t, "signed")
		bits := 8 * rapid.IntRange(1, 32).Draw(t, "bytes")
		typ := fmt.Sprintf("uint%d", bits)
		lo, hi := big.NewInt(0), new(big.Int).Lsh(big.NewInt(1), uint(bits))
		if signed {
			typ = fmt.Sprintf("int%d", bits)
			hi.Rsh(hi, 1)
			lo.Neg(hi)
		}
		hi.Sub(hi, big.NewInt(1))
		x := eip712test.Integer(t, true, 264)
		switch rapid.IntRange(0, 3).Draw(t, "near") {
		case 0:
			x = new(big.Int).Add(hi, big.NewInt(rapid.Int64Range(-2, 2).Draw(t, "d")))
		case 1:
			x = new(big.Int).Add(lo, big.NewInt(rapid.Int64Range(-2, 2).Draw(t, "d")))
		}
		doc := fmt.Sprintf(`{"types":{"EIP712Domain":[],"M":[{"name":"v","type":%q}]},"primaryType":"M","domain":{},"message":{"v":%q}}`, typ, x.String())
		td, err := eip712.ParseTypedData([]byte(doc))
		in := x.Cmp(lo) >= 0 && x.Cmp(hi) <= 0
		if !in {
			if !errors.Is(err, eip712.ErrOutOfRange) {
				t.Fatalf("%s %v: err %v, want eip712.ErrOutOfRange", typ, x, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("%s %v: %v", typ, x, err)
		}
		var w uint256.Int
		w.SetFromBig(x)
		word := w.Bytes32()
		if string(td.MessageData[32:]) != string(word[:]) {
			t.Fatalf("%s %v: word %x", typ, x, td.MessageData[32:])
		}
	})
}

func keccak(s string) (h interop.Hash) {
	k := sha3.NewLegacyKeccak256()
	k.Write([]byte(s))
	copy(h[:], k.Sum(nil))
	return h
}

// TestPropModesAgree: on generated well-formed typed data, which the strict reading
// accepts, EthSigUtilV4 gives the same digest (or refuses a $ in a struct name), and GoEthereum gives the same digest
// whenever it accepts (it refuses, as go-ethereum does, empty domains and empty strings in
// the domain, among others).
func TestPropModesAgree(t *testing.T) {
	gethHashed := 0
	rapid.Check(t, func(rt *rapid.T) {
		raw := eip712test.TypedData(rt, 4).JSON()
		want, err := eip712.HashTypedData(raw)
		if err != nil {
			rt.Fatalf("strict refuses generated data: %v\n%s", err, raw)
		}
		// EthSigUtilV4 refuses struct names with $ where eth-sig-util would drop
		// dependencies from encodeType.
		if got, err := eip712.EthSigUtilV4.HashTypedData(raw); err != nil && !(errors.Is(err, eip712.ErrInvalidType) && strings.Contains(string(raw), "$")) || err == nil && got != want {
			rt.Fatalf("EthSigUtilV4: %v, %v; strict %v\n%s", got, err, want, raw)
		}
		if got, err := eip712.GoEthereum.HashTypedData(raw); err == nil {
			gethHashed++
			if got != want {
				rt.Fatalf("GoEthereum: %v; strict %v\n%s", got, want, raw)
			}
		}
	})
	t.Logf("GoEthereum hashed %d generated documents", gethHashed)
}
