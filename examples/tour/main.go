// Command tour runs every demo of the library in turn, on embedded data, as one report:
//
//  1. stateproof: real mainnet account, storage and receipt proofs (proof/mpt)
//  2. beaconproof: Ethereum's sync-committee light client from a mainnet checkpoint
//  3. zkproofs: a real SP1 Groth16 proof and an EIP-4844 blob proof (proof/groth16, proof/kzg)
//  4. sharedsequencer: certified ordering with completeness proofs, equivocation and
//     preconfirmation-breach evidence (ordering)
//  5. atomicbundle: atomic inclusion versus atomic execution (bundle)
//  6. crosschainintent: an ERC-7683 order, a Dutch auction among solvers, a proven fill
//     releasing escrow, and a short fill refused (intent)
//  7. hub: one message verified by a committee, a routing stack and an OP Stack state
//     proof; a LayerZero packet through a DVN stack and its storage route; an IBC packet
//     commitment proven to an app hash; forgeries and replays refused (lightclient,
//     hyperlane, opstack, layerzero, proof/ics23)
//
// Each demo is a command of its own, examples/<name>, whose code and documentation live
// there. The tour builds the seven commands once with the go tool (run it from inside
// this module: go run ./examples/tour from the repository root), then runs each binary,
// streaming its output under a banner; it stops at the first demo that exits non-zero and
// names it.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// modulePath is the module the demos belong to; the tour builds them from its root.
const modulePath = "github.com/interopkit/interop"

// demos are the commands the tour runs, in order, each in examples/<name>.
var demos = []string{
	"stateproof",
	"beaconproof",
	"zkproofs",
	"sharedsequencer",
	"atomicbundle",
	"crosschainintent",
	"hub",
}

func main() {
	// With SIGPIPE caught, a write to a closed stdout (go run ./examples/tour | head)
	// returns EPIPE instead of killing the tour before it removes its binaries.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout, os.Stderr)
	stop()
	switch {
	case errors.Is(err, syscall.EPIPE):
		// The reader stopped reading: nothing is left to report.
	case err != nil:
		fmt.Fprintln(os.Stderr, "tour:", err)
		os.Exit(1)
	}
}

// run builds every demo into a temporary directory, runs each one with its output going
// to stdout under a banner and its errors to stderr, and removes the binaries.
func run(ctx context.Context, stdout, stderr io.Writer) error {
	goCmd, err := goTool()
	if err != nil {
		return err
	}
	root, err := moduleRoot(ctx, goCmd)
	if err != nil {
		return err
	}
	bin, err := os.MkdirTemp("", "interop-tour-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(bin)

	args := []string{"build", "-o", bin}
	for _, d := range demos {
		args = append(args, "./examples/"+d)
	}
	build := exec.CommandContext(ctx, goCmd, args...)
	build.Dir, build.Stdout, build.Stderr = root, stderr, stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the demos (%s): %w", strings.Join(build.Args, " "), err)
	}

	out := &stickyWriter{w: stdout}
	for i, d := range demos {
		title := fmt.Sprintf(" %d/%d  %s ", i+1, len(demos), d)
		fmt.Fprintf(out, "\n%s%s\n\n", title, strings.Repeat("═", max(0, 78-len(title))))
		if out.err != nil {
			return out.err
		}
		cmd := exec.CommandContext(ctx, filepath.Join(bin, d+exeSuffix()))
		cmd.Dir, cmd.Stdout, cmd.Stderr = root, out, stderr
		err := cmd.Run()
		if out.err != nil {
			// stdout failed first (a closed pipe): that, not the demo, stopped the run.
			return out.err
		}
		if err != nil {
			return fmt.Errorf("%s: %w", d, err)
		}
	}
	return nil
}

// goTool is the go command of the toolchain that built the tour (what go run used), or
// the first go on PATH when that one is not there.
func goTool() (string, error) {
	// The deprecation is about binaries copied to other machines; the tour is built by
	// go run or go test on this one, and its GOROOT is the toolchain that just built it
	// (even when GOTOOLCHAIN switched away from the go on PATH).
	//lint:ignore SA1019 see above: the building toolchain's root is the one wanted
	if r := runtime.GOROOT(); r != "" {
		p := filepath.Join(r, "bin", "go"+exeSuffix())
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	p, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("the tour builds the demos with the go command, found neither in GOROOT nor on PATH: %w", err)
	}
	return p, nil
}

// moduleRoot is the directory of the go.mod that governs the working directory; it must
// be this module's.
func moduleRoot(ctx context.Context, goCmd string) (string, error) {
	var b bytes.Buffer
	cmd := exec.CommandContext(ctx, goCmd, "env", "GOMOD")
	cmd.Stdout, cmd.Stderr = &b, &b
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go env GOMOD: %w: %s", err, strings.TrimSpace(b.String()))
	}
	gomod := strings.TrimSpace(b.String())
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("not inside a Go module: run the tour from the %s repository (go run ./examples/tour)", modulePath)
	}
	if m, err := moduleLine(gomod); err != nil {
		return "", err
	} else if m != modulePath {
		return "", fmt.Errorf("%s is module %s, not %s: run the tour from the %s repository", gomod, m, modulePath, modulePath)
	}
	return filepath.Dir(gomod), nil
}

// moduleLine reads the module path a go.mod declares.
func moduleLine(gomod string) (string, error) {
	f, err := os.Open(gomod)
	if err != nil {
		return "", err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(s.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`), nil
		}
	}
	if err := s.Err(); err != nil {
		return "", err
	}
	return "", fmt.Errorf("%s declares no module", gomod)
}

func exeSuffix() string {
	if runtime.GOOS == "windows" {
		return ".exe"
	}
	return ""
}

// stickyWriter passes writes to w and keeps the first error, so the tour can tell its own
// stdout failing from a demo failing.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}
