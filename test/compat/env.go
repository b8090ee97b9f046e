package compat

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Environment variables understood by the harness.
const (
	// envUnderTest names a netstat binary to use as "ours" instead of
	// building ./cmd/netstat.
	envUnderTest = "NETSTAT_UNDER_TEST"
	// envSkip, when "1", skips the suite with an explanation.
	envSkip = "GONETSTAT_SKIP_COMPAT"
)

// refNetstat is the reference implementation.
const refNetstat = "/usr/bin/netstat"

// modulePath is the module whose ./cmd/netstat is built.
const modulePath = "github.com/gonetstat/netstat"

// helperName is the file name of the copy of the test binary used for socket
// holders and the exec shim. It is deliberately longer than 19 bytes so that
// the -p column has to truncate it.
const helperName = "gnst-holder-with-a-long-file-name"

// suiteEnv holds what TestMain prepared for all tests.
type suiteEnv struct {
	// skip, when non-empty, is the reason every test skips.
	skip string
	// dir is a world-readable scratch directory removed after the run.
	dir string
	// ip is the path of the iproute2 ip command.
	ip string
	// ref is the reference netstat, ours the binary under test.
	ref, ours string
	// helper is the world-executable copy of the test binary.
	helper string
}

// env is set up once by TestMain.
var env suiteEnv

// installHint tells the user how to satisfy the suite's prerequisites.
const installHint = "the compat suite needs root (it creates network namespaces) " +
	"plus iproute2 (`ip`) and net-tools (/usr/bin/netstat): " +
	"apt-get install iproute2 net-tools, then run `go test ./test/compat/` as root; " +
	"set " + envSkip + "=1 to skip it explicitly"

// prepare checks the prerequisites and fills env. A non-nil error means the
// suite cannot run and must fail.
func prepare() error {
	if os.Getenv(envSkip) == "1" {
		env.skip = envSkip + "=1: compat suite skipped; it needs root, iproute2 (`ip`) and net-tools (" + refNetstat + ")"
		return nil
	}
	var missing []string
	if os.Geteuid() != 0 {
		missing = append(missing, fmt.Sprintf("not running as root (euid %d)", os.Geteuid()))
	}
	ip, err := exec.LookPath("ip")
	if err != nil {
		missing = append(missing, "`ip` (iproute2) not found in PATH")
	}
	if st, err := os.Stat(refNetstat); err != nil || st.Mode()&0o111 == 0 {
		missing = append(missing, refNetstat+" (net-tools) is missing")
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s; %s", strings.Join(missing, "; "), installHint)
	}
	env.ip = ip
	env.ref = refNetstat
	sweepStale()

	dir, err := os.MkdirTemp("", fmt.Sprintf("gnst-compat-%d-", os.Getpid()))
	if err != nil {
		return err
	}
	env.dir = dir
	// Everything below dir must be reachable by the unprivileged holders
	// and by netstat running as nobody.
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		return err
	}
	if env.helper, err = copySelf(filepath.Join(bin, helperName)); err != nil {
		return fmt.Errorf("copying the test binary: %w", err)
	}
	if ut := os.Getenv(envUnderTest); ut != "" {
		abs, err := filepath.Abs(ut)
		if err != nil {
			return err
		}
		if st, err := os.Stat(abs); err != nil || st.Mode()&0o111 == 0 {
			return fmt.Errorf("%s=%s is not an executable file", envUnderTest, ut)
		}
		env.ours = abs
		return nil
	}
	env.ours, err = buildOurs(bin)
	return err
}

// cleanupEnv removes the scratch directory.
func cleanupEnv() {
	if env.dir != "" {
		os.RemoveAll(env.dir)
	}
}

// copySelf copies the running test binary to dst with mode 0755.
func copySelf(dst string) (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	in, err := os.Open(self)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return "", err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return "", err
	}
	return dst, out.Close()
}

// moduleRoot walks up from the working directory to the go.mod of
// modulePath.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(data, []byte("module "+modulePath)) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("cannot find the go.mod of " + modulePath + " above the working directory")
		}
		dir = parent
	}
}

// buildOurs builds ./cmd/netstat with CGO_ENABLED=0 into dir.
func buildOurs(dir string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, "netstat")
	cmd := exec.Command("go", "build", "-o", out, "./cmd/netstat")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("CGO_ENABLED=0 go build ./cmd/netstat (in %s) failed: %v\n%s", root, err, msg)
	}
	return out, nil
}
