// Package vectors finds the third-party conformance vectors for tests.
//
// The vectors live outside the module, in the folder named by INTEROP_VECTORS (default
// ../shared/vectors relative to the module root). A test asks for an area ("mpt", "beacon",
// ...) and a file pattern; the folder is walked, so files added later are picked up. When the
// folder is absent the test is skipped with a message, unless INTEROP_VECTORS_REQUIRED=1, in
// which case it fails.
package vectors

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
)

const modulePath = "github.com/interopkit/interop"

// Root returns the vectors folder as configured, without checking that it exists.
func Root() string {
	if dir := os.Getenv("INTEROP_VECTORS"); dir != "" {
		if filepath.IsAbs(dir) {
			return dir
		}
		if root, ok := moduleRoot(); ok {
			return filepath.Join(root, dir)
		}
		return dir
	}
	root, ok := moduleRoot()
	if !ok {
		root = "."
	}
	return filepath.Join(root, "..", "shared", "vectors")
}

// skipped counts the tests of this test binary skipped for missing vectors.
var skipped atomic.Int64

// Main runs a package's tests (m.Run) and returns their exit code for os.Exit. When some
// conformance tests were skipped because the vectors are missing, it says so in one line,
// "<package>: N conformance tests skipped: ...", so that a plain `go test ./...` (which
// shows a passing package's output only with -v) does not pass silently without them: the
// line goes to the controlling terminal when there is one and -v is off, else to standard
// output (shown by -v, by `go test` in a package folder, and on failure).
func Main(m *testing.M) int {
	code := m.Run()
	if n := skipped.Load(); n > 0 {
		noun := "tests"
		if n == 1 {
			noun = "test"
		}
		report(fmt.Sprintf("%s: %d conformance %s skipped: vectors not found at %s; set INTEROP_VECTORS to run them\n", packageName(), n, noun, Root()))
	}
	return code
}

func report(line string) {
	if !testing.Verbose() {
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			_, werr := tty.WriteString(line)
			if cerr := tty.Close(); werr == nil && cerr == nil {
				return
			}
		}
	}
	fmt.Print(line)
}

// packageName is the test's folder relative to the module root ("proof/mpt"), or the
// folder's name when the module root is not found.
func packageName() string {
	wd, err := os.Getwd()
	if err != nil {
		return "package"
	}
	if root, ok := moduleRoot(); ok {
		if rel, err := filepath.Rel(root, wd); err == nil {
			if rel == "." {
				return "interop"
			}
			return filepath.ToSlash(rel)
		}
	}
	return filepath.Base(wd)
}

// Required reports whether missing vectors must fail rather than skip.
func Required() bool { return os.Getenv("INTEROP_VECTORS_REQUIRED") == "1" }

// Dir returns the folder of one area, skipping (or failing, when required) tb when it is
// absent.
func Dir(tb testing.TB, area string) string {
	tb.Helper()
	dir := filepath.Join(Root(), filepath.FromSlash(area))
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if Required() {
			tb.Fatalf("conformance vectors %q not found at %s (INTEROP_VECTORS_REQUIRED=1)", area, dir)
		}
		skipped.Add(1)
		tb.Skipf("conformance vectors %q not found at %s; set INTEROP_VECTORS to run them", area, dir)
	}
	return dir
}

// Files walks the area folder and returns, sorted, every regular file whose path relative
// to the area matches pattern: filepath.Match syntax per path segment, tried against the
// base name and against the slash-separated relative path, where a "**" segment matches any
// number of segments ("**/light_client/sync/**/steps.yaml"). When none match, tb is skipped,
// or failed when vectors are required.
func Files(tb testing.TB, area, pattern string) []string {
	tb.Helper()
	dir := Dir(tb, area)
	var out []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if ok, _ := filepath.Match(pattern, d.Name()); ok {
			out = append(out, path)
		} else if matchSegments(strings.Split(pattern, "/"), strings.Split(rel, "/")) {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("walking %s: %v", dir, err)
	}
	sort.Strings(out)
	if len(out) == 0 {
		if Required() {
			tb.Fatalf("no vector files match %q under %s", pattern, dir)
		}
		skipped.Add(1)
		tb.Skipf("no vector files match %q under %s", pattern, dir)
	}
	return out
}

// Read returns a file's bytes or fails tb.
func Read(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("reading vector: %v", err)
	}
	return b
}

// moduleRoot walks up from the working directory to the go.mod of this module (skipping
// nested modules such as bench/).
func moduleRoot() (string, bool) {
	dir, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if isModuleRoot(filepath.Join(dir, "go.mod")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isModuleRoot(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if rest, ok := strings.CutPrefix(line, "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`) == modulePath
		}
	}
	return false
}

// matchSegments matches path segments against pattern segments, "**" standing for any
// number of segments.
func matchSegments(pattern, segs []string) bool {
	for len(pattern) > 0 {
		if pattern[0] == "**" {
			for i := 0; i <= len(segs); i++ {
				if matchSegments(pattern[1:], segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := filepath.Match(pattern[0], segs[0]); !ok {
			return false
		}
		pattern, segs = pattern[1:], segs[1:]
	}
	return len(segs) == 0
}
