package eip712

import (
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

// concurrentDoc declares a type no value uses (Unused) and one reached only through an
// empty array (Attachment), whose encodeType nothing computes while the document is hashed.
const concurrentDoc = `{"types":{"EIP712Domain":[{"name":"name","type":"string"}],` +
	`"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},{"name":"files","type":"Attachment[]"}],` +
	`"Person":[{"name":"name","type":"string"}],"Attachment":[{"name":"data","type":"bytes"},{"name":"by","type":"Person"}],` +
	`"Unused":[{"name":"x","type":"uint8"}]},"primaryType":"Mail","domain":{"name":"d"},` +
	`"message":{"from":{"name":"a"},"to":[{"name":"b"}],"files":[]}}`

// TestConcurrentTypedData: a parsed document's read methods (EncodeType of every type,
// Digest) from 16 goroutines at once give the values a sequential run gives, and
// `go test -race` finds no write (EncodeType used to fill in encodeType lazily).
func TestConcurrentTypedData(t *testing.T) {
	for _, m := range []Mode{Strict, EthSigUtilV4, GoEthereum} {
		ref, err := m.ParseTypedData([]byte(concurrentDoc))
		if err != nil {
			t.Fatalf("%v: %v", m, err)
		}
		names := []string{"Mail", "Person", "Attachment", "Unused", "EIP712Domain"}
		want := map[string]string{}
		for _, n := range names {
			if want[n], err = ref.EncodeType(n); err != nil {
				t.Fatal(err)
			}
		}
		td, err := m.ParseTypedData([]byte(concurrentDoc))
		if err != nil {
			t.Fatal(err)
		}
		hostile.Concurrent(t, 20, func(g int) {
			for i := range names {
				n := names[(i+g)%len(names)]
				if got, err := td.EncodeType(n); err != nil || got != want[n] {
					t.Errorf("%v goroutine %d: EncodeType(%s) = %q, %v", m, g, n, got, err)
				}
			}
			if td.Digest() != ref.Digest() {
				t.Errorf("%v goroutine %d: digest differs", m, g)
			}
		})
	}
}

// TestConcurrentType: a Type's read methods and the hashing of values of it, from 16
// goroutines at once.
func TestConcurrentType(t *testing.T) {
	person := MustNewType("Person", []Field{{"name", "string"}, {"wallet", "address"}})
	mail := MustNewType("Mail", []Field{{"from", "Person"}, {"to", "Person"}, {"contents", "string"}}, person)
	parsed, err := ParseType(mail.EncodeType())
	if err != nil {
		t.Fatal(err)
	}
	want := mail.EncodeType()
	wantHash := mail.TypeHash()
	d := &Domain{Fields: DomainName | DomainChainID, Name: "x"}
	sep := d.Separator()
	hostile.Concurrent(t, 50, func(g int) {
		for _, ty := range []*Type{mail, parsed} {
			if ty.EncodeType() != want || ty.TypeHash() != wantHash || ty.Name() != "Mail" || len(ty.Fields()) != 3 {
				t.Errorf("goroutine %d: %v", g, ty)
			}
		}
		if d.Separator() != sep {
			t.Errorf("goroutine %d: separator differs", g)
		}
	})
}

// TestConcurrentHashTypedData: every mode hashing the same input bytes from 16 goroutines
// at once (the pooled hashers and the per-document type definitions must not be shared).
func TestConcurrentHashTypedData(t *testing.T) {
	docs := [][]byte{[]byte(concurrentDoc), []byte(mailJSON), typeStarDoc(20)}
	modes := []Mode{Strict, EthSigUtilV4, GoEthereum}
	want := make([][]any, len(modes))
	for i, m := range modes {
		for _, b := range docs {
			d, err := m.HashTypedData(b)
			want[i] = append(want[i], [2]any{d, err == nil})
		}
	}
	hostile.Concurrent(t, 10, func(g int) {
		for i, m := range modes {
			for j, b := range docs {
				d, err := m.HashTypedData(b)
				if got := [2]any{d, err == nil}; got != want[i][j] {
					t.Errorf("%v doc %d goroutine %d: %v %v", m, j, g, d, err)
				}
			}
		}
	})
}
