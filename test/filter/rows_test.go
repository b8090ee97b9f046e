package filter

import (
	"bytes"
	"net/netip"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// row is one data line of a netstat listing run with -e and -p (and -n),
// read back from its text.
type row struct {
	proto   string // Proto column: tcp, tcp6, udp, udp6, raw, unix, ...
	local   netip.AddrPort
	remote  netip.AddrPort // port 0 for "*"
	state   string         // as printed; blank for unconnected UDP
	uid     int            // -1 for UNIX rows
	pid     int            // 0 when "-"
	program string
}

// run runs a netstat and returns its stdout; a failure ends the test.
func run(t *testing.T, bin string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, errOut.String())
	}
	return out.String()
}

// lines splits text into lines without their newlines.
func lines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

// isRow reports whether a line is a socket row rather than a header.
func isRow(l string) bool {
	for _, p := range []string{"tcp", "udp", "raw", "unix"} {
		if strings.HasPrefix(l, p) {
			return true
		}
	}
	return false
}

// parseAddrPort reads "127.0.0.1:80", "::1:80" or "0.0.0.0:*".
func parseAddrPort(t *testing.T, s string) netip.AddrPort {
	t.Helper()
	i := strings.LastIndexByte(s, ':')
	a, err := netip.ParseAddr(s[:i])
	if err != nil {
		t.Fatalf("address %q: %v", s, err)
	}
	port := 0
	if s[i+1:] != "*" {
		if port, err = strconv.Atoi(s[i+1:]); err != nil {
			t.Fatalf("port %q: %v", s, err)
		}
	}
	return netip.AddrPortFrom(a, uint16(port))
}

// parseOwner reads the PID/Program name column.
func parseOwner(s string) (int, string) {
	pid, prog, ok := strings.Cut(s, "/")
	if !ok {
		return 0, ""
	}
	n, _ := strconv.Atoi(pid)
	return n, prog
}

// parseRow reads a row of "netstat -nep" (Internet) or "netstat -np"
// (UNIX) text, by net-tools' fixed column positions.
func parseRow(t *testing.T, l string) row {
	t.Helper()
	if strings.HasPrefix(l, "unix") {
		// Proto RefCnt Flags Type State I-Node PID/Program Path
		r := row{proto: "unix", uid: -1, state: strings.TrimSpace(l[36:49])}
		r.pid, r.program = parseOwner(strings.TrimSpace(l[59:79]))
		return r
	}
	r := row{
		proto:  strings.TrimSpace(l[0:5]),
		local:  parseAddrPort(t, strings.TrimSpace(l[20:43])),
		remote: parseAddrPort(t, strings.TrimSpace(l[44:67])),
		state:  strings.TrimSpace(l[68:79]),
	}
	tail := strings.Fields(l[79:]) // user, inode, pid/program
	if len(tail) != 3 {
		t.Fatalf("row without -e -p columns: %q", l)
	}
	r.uid, _ = strconv.Atoi(tail[0])
	r.pid, r.program = parseOwner(tail[2])
	return r
}

// reference runs net-tools' netstat twice: with the display flags, and
// with -e -p added to read each row's owner and uid. Both list the same
// sockets in the same order (the namespace does not change in between).
func reference(t *testing.T, display string) (shown []string, rows []row) {
	t.Helper()
	shown = lines(run(t, nstest.Reference, display))
	full := lines(run(t, nstest.Reference, display+"ep"))
	var dataShown []string
	for _, l := range shown {
		if isRow(l) {
			dataShown = append(dataShown, l)
		}
	}
	for _, l := range full {
		if isRow(l) {
			rows = append(rows, parseRow(t, l))
		}
	}
	if len(rows) != len(dataShown) {
		t.Fatalf("netstat %s and %sep list %d and %d rows", display, display, len(dataShown), len(rows))
	}
	for i, l := range dataShown {
		if len(l) > 20 && rows[i].proto != strings.TrimSpace(l[:5]) {
			t.Fatalf("row %d differs between the two runs: %q", i, l)
		}
	}
	return shown, rows
}

// expected keeps the header lines of shown and the rows whose parsed row
// satisfies keep.
func expected(shown []string, rows []row, keep func(r row) bool) string {
	var b strings.Builder
	i := 0
	for _, l := range shown {
		if isRow(l) {
			r := rows[i]
			i++
			if !keep(r) {
				continue
			}
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}
