package longrun

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// A repeating mode: its name, its command line, the start of the line
// that begins each of its passes, and how long its passes may take: about
// three times what they took on a loaded 2-core machine, 5 s at least
// (see the package comment).
type repeating struct {
	name   string
	args   []string
	starts string
	limit  time.Duration
}

// The pass headers.
const (
	inetHeader = "Active Internet connections (servers and established)"
	unixHeader = "Active UNIX domain sockets (w/o servers)"
)

// repeatingModes lists every mode that repeats with -c. self is the path
// of this process's network namespace, for --netns.
func repeatingModes(self string) []repeating {
	return []repeating{
		{"-tanc", []string{"-tanc"}, inetHeader, 40 * time.Second},
		{"-tanpc", []string{"-tanpc"}, inetHeader, 150 * time.Second},
		{"-xc", []string{"-xc"}, unixHeader, 5 * time.Second},
		{"-xpc", []string{"-xpc"}, unixHeader, 120 * time.Second},
		{"-ic", []string{"-ic"}, "Iface ", 5 * time.Second},
		// The namespace has lo only: one block per pass.
		{"-iec", []string{"-iec"}, "lo: flags=", 6 * time.Second},
		{"-rc", []string{"-rc"}, "Kernel IP routing table", 5 * time.Second},
		{"-rnc -6", []string{"-rnc", "-6"}, "Kernel IPv6 routing table", 5 * time.Second},
		{"-gc", []string{"-gc"}, "IPv6/IPv4 Group Memberships", 5 * time.Second},
		{"--json -c -tan", []string{"--json", "-c", "-tan"}, `{"version":1,"table":"sockets",`, 45 * time.Second},
		{"--json -c -i", []string{"--json", "-c", "-i"}, `{"version":1,"table":"interfaces",`, 5 * time.Second},
		{"--json -c -r", []string{"--json", "-c", "-r"}, `{"version":1,"table":"routes",`, 5 * time.Second},
		{"--summary -c", []string{"--summary", "-c"}, "Sockets by protocol, family and state:", 60 * time.Second},
		// --all-netns refuses -c (test/netns checks it); --netns repeats
		// inside the namespace it entered.
		{"--netns=PATH -c -tan", []string{"--netns=" + self, "-c", "-tan"}, inetHeader, 45 * time.Second},
		{"--nat -c", []string{"--nat", "-c"}, "Tracked connections (conntrack)", 90 * time.Second},
	}
}

// TestContinuous runs each -c mode for passes passes and checks that
// memory, descriptors and threads stay flat (see the package comment).
func TestContinuous(t *testing.T) {
	nstest.Require(t)
	holder, err := nstest.StartHolder("gnst-longrun-holder")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Kill()
	self := fmt.Sprintf("/proc/%d/ns/net", os.Getpid())
	var total time.Duration
	for _, r := range repeatingModes(self) {
		t.Run(r.name, func(t *testing.T) { total += continuousRun(t, r) })
	}
	t.Logf("every -c mode: %v", total.Round(time.Millisecond))
}

// continuousRun runs one mode, checks its figures and returns how long
// its passes took.
func continuousRun(t *testing.T, r repeating) time.Duration {
	p := startProcess(t, nstest.Ours(), r.args, "NETSTAT_TEST_INTERVAL=0")
	var count atomic.Int64
	var closed atomic.Bool
	go func() {
		sc := bufio.NewScanner(p.stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), r.starts) {
				count.Add(1)
			}
		}
		closed.Store(true)
	}()
	ended := func() error {
		if closed.Load() {
			return errors.New("stdout closed: the process ended")
		}
		return nil
	}
	what := "netstat " + strings.Join(r.args, " ")
	f, err := observe(p, &count, r.limit, ended)
	if err != nil {
		t.Fatalf("%s: %v; stderr %q", what, err, p.stderr)
	}
	st := p.stop()
	p.heap(&f)
	f.log(t, what)
	f.check(t, r.limit)
	if st != "signal "+syscall.SIGTERM.String() {
		t.Errorf("ended with %s after SIGTERM; stderr %q", st, p.stderr)
	}
	return f.elapsed
}
