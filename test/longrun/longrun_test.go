package longrun

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// A long run: args, the line that starts each of its passes, how many
// passes it aims for, how long it may take, and the fewest passes that
// make a meaningful run.
type longRun struct {
	args            []string
	marker          string
	target, minimum int64
	limit           time.Duration
}

var runs = []longRun{
	{[]string{"-tanc"}, "Active Internet connections (servers and established)", 10000, 1000, 60 * time.Second},
	{[]string{"-tanpc"}, "Active Internet connections (servers and established)", 2000, 200, 10 * time.Second},
	{[]string{"-ic"}, "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg", 20000, 1000, 10 * time.Second},
	{[]string{"-rc"}, "Kernel IP routing table", 20000, 1000, 10 * time.Second},
	{[]string{"-gc"}, "IPv6/IPv4 Group Memberships", 20000, 1000, 10 * time.Second},
}

// Bounds. The start sample is taken after warmupShare of the target
// passes, once the Go runtime has been through a few collections and its
// heap has reached its working size. At the end, RSS may exceed the start
// sample by at most rssSlackKB, no more descriptors may be held open, and
// the live heap after the last collection may exceed the one after the
// first by at most heapSlackMB (gctrace's unit).
const (
	warmupShare = 5 // a fifth
	rssSlackKB  = 2048
	heapSlackMB = 1
)

// TestLongRun runs each -c mode for many passes and checks that memory
// and descriptors stay flat (see the package comment).
func TestLongRun(t *testing.T) {
	nstest.Require(t)
	hold(t)
	for _, r := range runs {
		t.Run(r.args[0], func(t *testing.T) { longRunOne(t, r) })
	}
}

// longRunOne runs one mode and checks its samples.
func longRunOne(t *testing.T, r longRun) {
	cmd := exec.Command(nstest.Ours(), r.args...)
	cmd.Env = append(os.Environ(), "NETSTAT_TEST_INTERVAL=0", "GODEBUG=gctrace=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr stderrLog
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
	}()
	var passes atomic.Int64
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if sc.Text() == r.marker {
				passes.Add(1)
			}
		}
	}()
	pid := cmd.Process.Pid
	began := time.Now()
	var start, end usage
	var startPasses int64
	warmup := r.target / warmupShare
	for {
		time.Sleep(5 * time.Millisecond)
		n := passes.Load()
		if startPasses == 0 && (n >= warmup || time.Since(began) >= r.limit/warmupShare) {
			if start, err = sample(pid); err != nil {
				t.Fatalf("netstat %v ended early (%d passes): %v; stderr %q", r.args, n, err, stderr.String())
			}
			startPasses = n
		}
		if n >= r.target || time.Since(began) >= r.limit {
			break
		}
	}
	if end, err = sample(pid); err != nil {
		t.Fatalf("netstat %v ended early: %v; stderr %q", r.args, err, stderr.String())
	}
	n := passes.Load()
	elapsed := time.Since(began)
	syscall.Kill(pid, syscall.SIGTERM)
	cmd.Wait()
	gcs, firstMB, lastMB := stderr.heap()
	t.Logf("netstat %v: %d passes in %v; after %d passes %v; at the end %v; live heap %d MB after the first of %d collections, %d MB after the last",
		r.args, n, elapsed.Round(time.Millisecond), startPasses, start, end, firstMB, gcs, lastMB)
	if n < r.minimum {
		t.Errorf("only %d passes in %v, want at least %d", n, r.limit, r.minimum)
	}
	if startPasses == 0 {
		t.Fatalf("no start sample")
	}
	if end.rssKB > start.rssKB+rssSlackKB {
		t.Errorf("VmRSS grew from %d kB to %d kB over %d passes (allowed: +%d kB)", start.rssKB, end.rssKB, n-startPasses, rssSlackKB)
	}
	if end.fds > start.fds {
		t.Errorf("descriptors held open grew from %d to %d over %d passes", start.fds, end.fds, n-startPasses)
	}
	if lastMB > firstMB+heapSlackMB {
		t.Errorf("live heap grew from %d MB to %d MB over %d collections", firstMB, lastMB, gcs)
	}
	if st := nstest.Status(cmd.ProcessState); st != "signal "+syscall.SIGTERM.String() {
		t.Errorf("ended with %s after SIGTERM; stderr %q", st, stderr.String())
	}
}

// hold opens a few sockets for the passes to list: a TCP listener with an
// established connection, and a UNIX stream pair.
func hold(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cl, err := net.Dial("tcp4", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	sv, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ln.Close()
		cl.Close()
		sv.Close()
		syscall.Close(fds[0])
		syscall.Close(fds[1])
	})
}
