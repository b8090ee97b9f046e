package linkinfo

import (
	"github.com/gonetstat/netstat/internal/cerr"
	"net"
	"os"
	"os/signal"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/links"
)

// helperEnv carries the netstat arguments (separated by \x1f) to
// TestHelperPrint when the test binary is re-executed inside a namespace.
const helperEnv = "LINKINFO_HELPER_ARGS"

// trafficEnv names the UDP address TestHelperTraffic sends to.
const trafficEnv = "LINKINFO_HELPER_TRAFFIC"

// TestHelperTraffic is not a test: re-executed inside a namespace with
// trafficEnv set, it sends a few datagrams of several sizes there (the
// closed port answers with ICMP errors, so both directions are counted).
func TestHelperTraffic(t *testing.T) {
	to, ok := os.LookupEnv(trafficEnv)
	if !ok {
		t.Skip("helper process only")
	}
	conn, err := net.Dial("udp", to)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, size := range []int{100, 1400, 5000, 8000} {
		conn.Write(make([]byte, size))
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
}

// TestHelperPrint is not a test: re-executed with helperEnv set, the test
// binary acts as "netstat -i ..." on this package's Source and exits.
func TestHelperPrint(t *testing.T) {
	args, ok := os.LookupEnv(helperEnv)
	if !ok {
		t.Skip("helper process only")
	}
	argv := append([]string{"netstat"}, strings.Split(args, "\x1f")...)
	opts, code, done := cli.Parse(argv, os.Stdout, os.Stderr)
	if done {
		os.Exit(code)
	}
	if opts.Mode != cli.ModeInterfaces {
		os.Stderr.WriteString("helper: not an interface table\n")
		os.Exit(2)
	}
	os.Exit(runInterfaces(opts))
}

// runInterfaces is the -i part of main: the title once, then passes until
// a pass fails, or once without -c.
func runInterfaces(opts *cli.Options) int {
	src, err := New()
	if err != nil {
		os.Stderr.WriteString("socket: " + cerr.Reason(err) + "\n")
		return 1
	}
	defer src.Close()
	links.PrintTitle(os.Stdout)
	signal.Reset(os.Interrupt)
	for {
		code := links.Print(os.Stdout, os.Stderr, opts, src)
		if code != 0 || !opts.Continuous {
			return code
		}
		time.Sleep(time.Second)
	}
}
