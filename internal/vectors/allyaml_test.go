package vectors

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConformanceYAMLParses reads every YAML vector file with ParseYAML, so a file in a
// shape the reader does not know fails here rather than as a silently empty case elsewhere.
func TestConformanceYAMLParses(t *testing.T) {
	n := 0
	err := filepath.WalkDir(Dir(t, "."), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if _, err := ParseYAML(b); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d YAML files parsed", n)
}
