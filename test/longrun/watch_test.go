package longrun

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// The --watch run: its command line, and how long its samples may take
// (about three times what they took on a loaded 2-core machine). The
// interval is --watch's own option, which takes any positive duration:
// 1µs makes the samples follow each other, as NETSTAT_TEST_INTERVAL=0
// does for -c. UDP keeps each sample cheap: the kernel dumps TCP by
// walking its whole established hash table (see the package comment).
var (
	watchArgs  = []string{"--watch=1us", "-uan"}
	watchLimit = 15 * time.Second
)

// changeWait is how long the watch may take to report one change.
const changeWait = 10 * time.Second

// TestWatch runs --watch into a pipe for passes samples and checks that
// memory, descriptors and threads stay flat.
//
// The watch prints only changes, so the test makes every change it
// reports: it opens a UDP socket, waits for the watch's "+" line for it,
// closes it, waits for the "-" line, and so on. A change made after the
// previous line was read can only be seen by a later sample, so each line
// is a sample of its own: the count of lines is a lower bound on the
// samples taken (there are more, between the test's changes).
func TestWatch(t *testing.T) {
	nstest.Require(t)
	p := startProcess(t, nstest.Ours(), watchArgs)
	lines := make(chan string, 16)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(p.stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	var count atomic.Int64
	stop := make(chan struct{})
	var drive driverError
	var driving sync.WaitGroup
	driving.Go(func() { drive.set(toggle(lines, &count, stop)) })
	what := "netstat " + strings.Join(watchArgs, " ")
	f, err := observe(p, &count, watchLimit, drive.get)
	close(stop)
	driving.Wait()
	go func() {
		for range lines { // what the watch still says, so it never blocks
		}
	}()
	if err != nil {
		t.Fatalf("%s: %v; stderr %q", what, err, p.stderr)
	}
	st := p.stop()
	p.heap(&f)
	f.log(t, what)
	f.check(t, watchLimit)
	if err := drive.get(); err != nil {
		t.Error(err)
	}
	if st != "exit 0" {
		t.Errorf("ended with %s after SIGTERM, want exit 0 (--watch ends cleanly); stderr %q", st, p.stderr)
	}
}

// toggle opens and closes a UDP socket on 127.0.0.1, each time waiting
// for the watch to report it, and counts the reports in count, until stop
// is closed. It returns what went wrong, or nil.
func toggle(lines <-chan string, count *atomic.Int64, stop <-chan struct{}) error {
	r := reports{lines: lines, stop: stop}
	err := r.settle()
	for err == nil {
		var c net.PacketConn
		if c, err = net.ListenPacket("udp4", "127.0.0.1:0"); err != nil {
			break
		}
		local := c.LocalAddr().String()
		err = r.expect("+", local)
		c.Close()
		if err != nil {
			break
		}
		count.Add(1)
		if err = r.expect("-", local); err == nil {
			count.Add(1)
		}
	}
	if errors.Is(err, errStopped) {
		return nil
	}
	return err
}

// reports reads the watch's lines, until stop is closed.
type reports struct {
	lines <-chan string
	stop  <-chan struct{}
}

// Why reports found no line: the test stopped waiting, or the time ran
// out.
var (
	errStopped = errors.New("stopped")
	errTimeout = errors.New("timed out")
)

// next reads the next line, which must report that the UDP socket on
// local opened or closed, for up to wait, and returns its kind: "+" or
// "-". Any other line is an error: nothing else changes in the namespace.
func (r reports) next(local string, wait time.Duration) (string, error) {
	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	select {
	case line, ok := <-r.lines:
		if !ok {
			return "", errors.New("the watch closed its output")
		}
		f := strings.Fields(line)
		if len(f) < 4 || (f[1] != "+" && f[1] != "-") || f[2] != "udp" || f[3] != local {
			return "", fmt.Errorf("watch line %q, want udp %s opened or closed", line, local)
		}
		return f[1], nil
	case <-r.stop:
		return "", errStopped
	case <-timeout.C:
		return "", fmt.Errorf("%w: no line for udp %s within %v", errTimeout, local, wait)
	}
}

// expect reads the next line, which must report kind for the UDP socket
// on local, within changeWait.
func (r reports) expect(kind, local string) error {
	got, err := r.next(local, changeWait)
	if err == nil && got != kind {
		err = fmt.Errorf("udp %s: %q reported, want %q", local, got, kind)
	}
	return err
}

// firstWait is how long settle waits for its socket to be reported
// opened before it closes it.
const firstWait = time.Second

// settle waits for the watch's first reading, which reports nothing: it
// opens a socket and closes it once the watch has reported it opened, or
// after firstWait when the socket was already there at the first reading
// (the watch then reports it closed, or opened and closed if the first
// reading came late after all).
func (r reports) settle() error {
	c, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return err
	}
	local := c.LocalAddr().String()
	kind, err := r.next(local, firstWait)
	c.Close()
	if errors.Is(err, errTimeout) {
		kind, err = r.next(local, changeWait)
		if err == nil && kind == "-" {
			return nil
		}
	}
	if err == nil && kind == "-" {
		err = fmt.Errorf("udp %s reported closed while open", local)
	}
	if err == nil {
		err = r.expect("-", local)
	}
	if err != nil && !errors.Is(err, errStopped) {
		err = fmt.Errorf("the watch's start: %w", err)
	}
	return err
}
