package espresso

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/interopkit/interop/internal/hostile"
)

// TestBoundsHeader: the decoders stay within the project's allocation bound on the
// reference fixtures and on hostile inputs (deep nesting, long strings, many members,
// oversized inputs refused before decoding).
func TestBoundsHeader(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "reference", "*.json"))
	inputs := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		inputs[filepath.Base(p)] = b
	}
	inputs["deep"] = []byte(strings.Repeat("[", 60000))
	inputs["deep object"] = []byte(`{"fields":` + strings.Repeat(`{"a":`, 20000))
	inputs["long string"] = []byte(`{"ns_table":{"bytes":"` + strings.Repeat("A", MaxHeaderJSON-40) + `"}}`)
	inputs["many members"] = []byte("{" + strings.Repeat(`"height":1,`, 5000) + `"x":1}`)
	inputs["oversized"] = bytes.Repeat([]byte(" "), MaxHeaderJSON+1)
	inputs["huge leaf"] = append([]byte(`{"leaf":{"block_payload":{"raw_payload":"`), bytes.Repeat([]byte("A"), 1<<20)...)
	inputs["leader counts"] = []byte(`{"fields":{"leader_counts":[` + strings.Repeat("1,", 20000) + `1]},"version":{"Version":{"major":0,"minor":5}}}`)
	for name, b := range inputs {
		hostile.Bounded(t, "DecodeHeaderJSON "+name, len(b), func() { _, _ = DecodeHeaderJSON(b) })
		hostile.Bounded(t, "DecodeLeafQueryDataJSON "+name, len(b), func() { _, _ = DecodeLeafQueryDataJSON(b) })
	}
	long := "T~" + strings.Repeat("A", 1<<20)
	hostile.Bounded(t, "ParseTaggedBase64 long", len(long), func() { _, _ = ParseTaggedBase64(long) })
	ok := "MERKLE_COMM~" + strings.Repeat("A", MaxTaggedBase64Len-20)
	hostile.Bounded(t, "ParseTaggedBase64 max", len(ok), func() { _, _ = ParseTaggedBase64(ok) })
}
