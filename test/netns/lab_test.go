package netns_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/gonetstat/netstat/internal/testenv"
	"github.com/gonetstat/netstat/test/internal/nstest"
)

// lab is what the tests read: two named namespaces made with "ip netns
// add", each with a holder process, and one namespace that only a process
// made with "unshare -n" is in.
type lab struct {
	blue, red  string // names under /run/netns
	bluePID    int
	redPID     int
	lonePID    int
	bluePort   int
	redPort    int
	lonePort   int
	loneInode  string
	holders    []*exec.Cmd
	stdins     []io.Closer // the holders' stdin: closing it ends them
	namespaces []string
}

// Fixed ports: each namespace is new, so nothing else holds them.
const (
	bluePort = 7101
	redPort  = 7202
	lonePort = 7303
)

// newLab builds the lab and removes it when t ends.
func newLab(t *testing.T) *lab {
	t.Helper()
	nstest.Require(t)
	nstest.RequireReference(t)
	for _, tool := range []string{"ip", "unshare"} {
		if _, err := exec.LookPath(tool); err != nil {
			testenv.Skip(t, tool+" is missing")
		}
	}
	prefix := fmt.Sprintf("gnst-d%d-", os.Getpid())
	l := &lab{blue: prefix + "blue", red: prefix + "red", bluePort: bluePort, redPort: redPort, lonePort: lonePort}
	t.Cleanup(l.remove)
	for _, ns := range []string{l.blue, l.red} {
		run(t, "ip", "netns", "add", ns)
		l.namespaces = append(l.namespaces, ns)
		run(t, "ip", "-n", ns, "link", "set", "lo", "up")
	}
	l.bluePID = l.startHolder(t, "gnst-blue", fmt.Sprintf("%d /run/netns/%s", bluePort, l.blue), nil)
	l.redPID = l.startHolder(t, "gnst-red", fmt.Sprintf("%d /run/netns/%s", redPort, l.red), nil)
	// unshare execs its argument with that path as argv[0], so a link
	// named gnst-lone makes the program name.
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "gnst-lone")
	if err := os.Symlink(self, link); err != nil {
		t.Fatal(err)
	}
	l.lonePID = l.startHolder(t, "unshare", strconv.Itoa(lonePort), []string{"unshare", "-n", link})
	// unshare execs in place: the holder has unshare's pid.
	target, err := os.Readlink(fmt.Sprintf("/proc/%d/ns/net", l.lonePID))
	if err != nil {
		t.Fatal(err)
	}
	l.loneInode = target
	return l
}

// startHolder starts a holder with argv (argv0 and the test binary when
// argv is nil) and waits for it to be ready.
func (l *lab) startHolder(t *testing.T, argv0, spec string, argv []string) int {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := &exec.Cmd{Path: self, Args: []string{argv0}}
	if argv != nil {
		path, err := exec.LookPath(argv[0])
		if err != nil {
			t.Fatal(err)
		}
		cmd = &exec.Cmd{Path: path, Args: argv}
	}
	cmd.Env = append(os.Environ(), envHolder+"="+spec)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	l.stdins = append(l.stdins, stdin)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	l.holders = append(l.holders, cmd)
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "ready\n" {
		t.Fatalf("holder %s did not start (said %q)", argv0, line)
	}
	return cmd.Process.Pid
}

// remove kills the holders by pid and deletes the namespaces.
func (l *lab) remove() {
	for _, h := range l.holders {
		syscall.Kill(h.Process.Pid, syscall.SIGKILL)
		h.Wait()
	}
	for _, c := range l.stdins {
		c.Close()
	}
	for _, ns := range l.namespaces {
		exec.Command("ip", "netns", "del", ns).Run()
	}
}

// run runs a command that must succeed.
func run(t *testing.T, argv ...string) {
	t.Helper()
	if out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
}

// result is one run of a program.
type result struct {
	stdout, stderr string
	code           int
}

// execute runs argv and returns what it printed and its exit status.
func execute(t *testing.T, argv ...string) result {
	t.Helper()
	cmd := exec.Command(argv[0], argv[1:]...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errOut.String()}
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s: %v", strings.Join(argv, " "), err)
		}
		r.code = ee.ExitCode()
	}
	return r
}

// ours runs the netstat under test.
func ours(t *testing.T, args ...string) result {
	t.Helper()
	return execute(t, append([]string{nstest.Ours()}, args...)...)
}
