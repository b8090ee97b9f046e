package nstest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gonetstat/netstat/internal/testenv"
)

// envUnderTest names a netstat binary to test instead of building
// ./cmd/netstat (the same variable as test/compat's).
const envUnderTest = "NETSTAT_UNDER_TEST"

// Reference is net-tools' netstat, which the tests compare behaviour with.
const Reference = "/usr/bin/netstat"

// ours is the netstat under test.
var ours string

// Ours returns the path of the netstat under test.
func Ours() string { return ours }

// RequireReference skips t, or fails it under CI, without net-tools.
func RequireReference(t testing.TB) {
	t.Helper()
	if st, err := os.Stat(Reference); err != nil || st.Mode()&0o111 == 0 {
		skip(t, Reference+" (net-tools) is missing")
	}
}

// skip is testenv.Skip.
func skip(t testing.TB, reason string) {
	t.Helper()
	testenv.Skip(t, reason)
}

// build sets ours: NETSTAT_UNDER_TEST, or ./cmd/netstat built with
// CGO_ENABLED=0 into the scratch directory.
func build() error {
	if p := os.Getenv(envUnderTest); p != "" {
		abs, err := filepath.Abs(p)
		if err != nil {
			return err
		}
		ours = abs
		return nil
	}
	out, err := Build("./cmd/netstat", scratch)
	if err != nil {
		return err
	}
	ours = out
	return nil
}

// Build builds the module's command pkg ("./cmd/netstat-exporter") with
// CGO_ENABLED=0 into dir and returns the binary's path.
func Build(pkg, dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, msg)
	}
	return out, nil
}

// moduleRoot walks up from the working directory to the repository's go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(data, []byte("module github.com/gonetstat/netstat\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod of github.com/gonetstat/netstat above the working directory")
		}
		dir = parent
	}
}
