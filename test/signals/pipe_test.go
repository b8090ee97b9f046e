package signals

import (
	"net"
	"syscall"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// Enough sockets that `netstat -an` prints far more than a pipe holds.
const (
	fillListeners = 1000
	fillPairs     = 1000
	pipeBuffer    = 64 << 10 // Linux default
)

// TestPipeClosed runs `netstat ARGS | head -1` for both netstats.
func TestPipeClosed(t *testing.T) {
	nstest.Require(t)
	nstest.RequireReference(t)
	fill(t)
	for _, args := range [][]string{{"-an"}, {"-anp"}} {
		full, err := start(nstest.Ours(), args, nil)
		if err != nil {
			t.Fatal(err)
		}
		var size int
		for {
			line, err := full.out.ReadString('\n')
			size += len(line)
			if err != nil {
				break
			}
		}
		if st := full.wait(10 * time.Second); st != "exit 0" {
			t.Fatalf("netstat %v with a full read: %s", args, st)
		}
		if size < 2*pipeBuffer {
			t.Fatalf("netstat %v prints %d bytes, not enough to fill the %d-byte pipe buffer", args, size, pipeBuffer)
		}
		ref, refErr := headOne(t, nstest.Reference, args, inetTitle)
		ours, oursErr := headOne(t, nstest.Ours(), args, inetTitle)
		for _, e := range []string{refErr, oursErr} {
			if e != "" {
				t.Errorf("netstat %v | head -1: stderr %q", args, e)
			}
		}
		t.Logf("netstat %v (%d bytes) | head -1: reference %s, ours %s", args, size, ref, ours)
		if ours != ref {
			t.Errorf("netstat %v | head -1: ours ended with %s, reference with %s", args, ours, ref)
		}
		if ours != "signal "+syscall.SIGPIPE.String() && ours != "exit 0" {
			t.Errorf("netstat %v | head -1: ours ended with %s, want SIGPIPE or exit 0", args, ours)
		}
	}
}

// inetTitle is the first line of `netstat -an`.
const inetTitle = "Active Internet connections (servers and established)"

// headLimit is how long netstat may take to end once its reader is gone.
const headLimit = 10 * time.Second

// headOne runs bin, reads the first line, which must be first, and closes
// the pipe, and returns how bin ended and what it wrote on stderr.
func headOne(t *testing.T, bin string, args []string, first string) (status, stderr string) {
	t.Helper()
	p, err := start(bin, args, nil)
	if err != nil {
		t.Fatal(err)
	}
	line, err := p.firstLine()
	if err != nil || line != first+"\n" {
		t.Errorf("%s %v: first line %q, %v", bin, args, line, err)
	}
	p.pipe.Close()
	st := p.wait(headLimit)
	if st == "" {
		t.Fatalf("%s %v did not end within %v of its reader closing the pipe", bin, args, headLimit)
	}
	return st, p.stderr.String()
}

// fill opens fillListeners TCP listeners and fillPairs UNIX socket pairs
// for the rest of the test.
func fill(t *testing.T) {
	for range fillListeners {
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ln.Close() })
	}
	for range fillPairs {
		fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { syscall.Close(fds[0]); syscall.Close(fds[1]) })
	}
}
