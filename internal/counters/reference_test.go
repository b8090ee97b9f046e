package counters_test

import (
	"bytes"
	"errors"
	"github.com/gonetstat/netstat/internal/testenv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/linux/procnet"
)

// referenceBinary is the net-tools netstat the output must match.
const referenceBinary = "/usr/bin/netstat"

// fixtureRoot holds the fake proc trees: fixtureRoot/NAME/net/{snmp,…}.
const fixtureRoot = "../linux/procnet/testdata/stats"

// statsArgs are the command lines every fixture is run with.
var statsArgs = [][]string{
	{"-s"}, {"-st"}, {"-su"}, {"-sw"}, {"-sS"}, {"-sU"},
	{"-s", "-6"}, {"-st6"}, {"-su6"}, {"-sw6"}, {"-sS6"},
	{"--statistics", "--raw"}, {"-s", "-4"}, {"-s", "-A", "inet6"},
	{"-s", "-x"}, {"-s", "-A", "inet,inet6"}, {"-s", "-A", "inet,inet"},
	{"-sc"}, {"-s", "-tu"}, {"-s", "--inet6", "-tw"}, {"-sSw"},
}

// result is what one netstat run produced.
type result struct {
	stdout, stderr string
	exit           int
}

// requireReference skips the test unless the reference binary can be run
// over a fake /proc in a private mount namespace (root, unshare).
func requireReference(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		testenv.Skip(t, "needs root for a private mount namespace")
	}
	if _, err := os.Stat(referenceBinary); err != nil {
		testenv.Skip(t, "no reference netstat:", err)
	}
	if _, err := exec.LookPath("unshare"); err != nil {
		testenv.Skip(t, "no unshare:", err)
	}
}

// runReference runs the real netstat with procRoot bind-mounted over /proc
// in a private mount namespace, which vanishes with the process.
func runReference(t *testing.T, procRoot string, args []string) result {
	t.Helper()
	script := `mount --bind "$0" /proc || exit 99; exec ` + referenceBinary + ` "$@"`
	cmd := exec.Command("unshare", append([]string{"-m", "sh", "-c", script, procRoot}, args...)...)
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running reference: %v", err)
	}
	if code == 99 {
		testenv.Skipf(t, "cannot mount a fake /proc: %s", errb.String())
	}
	return result{out.String(), errb.String(), code}
}

// runOurs parses args with cli.Parse and prints the statistics of src.
func runOurs(args []string, src counters.Source) result {
	var out, errb bytes.Buffer
	opts, code, done := cli.Parse(append([]string{"netstat"}, args...), &out, &errb)
	if !done {
		code = counters.Print(&out, &errb, opts, src)
	}
	return result{out.String(), errb.String(), code}
}

// compareResults reports every difference between got and want.
func compareResults(t *testing.T, got, want result) {
	t.Helper()
	if got.stdout != want.stdout {
		t.Errorf("stdout differs:\n%s", lineDiff(got.stdout, want.stdout))
	}
	if got.stderr != want.stderr {
		t.Errorf("stderr: got %q, want %q", got.stderr, want.stderr)
	}
	if got.exit != want.exit {
		t.Errorf("exit status: got %d, want %d", got.exit, want.exit)
	}
}

// lineDiff shows the first differing line of two outputs with context.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			return "line " + itoa(i+1) + ":\n got: " + quoteOr(g, i) + "\nwant: " + quoteOr(w, i)
		}
	}
	return "(same lines)"
}

func quoteOr(lines []string, i int) string {
	if i >= len(lines) {
		return "(end of output)"
	}
	return "\"" + strings.ReplaceAll(lines[i], "\t", `\t`) + "\""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestFixturesAgainstReference runs every fixture tree with every command
// line through the real netstat and through Print, and wants the same bytes
// on both streams and the same exit status.
func TestFixturesAgainstReference(t *testing.T) {
	requireReference(t)
	entries, err := os.ReadDir(fixtureRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		root, err := filepath.Abs(filepath.Join(fixtureRoot, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range statsArgs {
			t.Run(e.Name()+"/"+strings.Join(args, "_"), func(t *testing.T) {
				want := runReference(t, root, args)
				got := runOurs(args, procnet.Stats{Root: root})
				compareResults(t, got, want)
			})
		}
	}
}
