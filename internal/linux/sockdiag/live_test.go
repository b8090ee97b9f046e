package sockdiag

import (
	"errors"
	"fmt"
	"github.com/gonetstat/netstat/internal/testenv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// threadProc reads the /proc/net tables of the calling thread's network
// namespace: /proc/self/net follows the main thread, not a thread that
// unshared its namespace.
var threadProc = procnet.FS{Root: "/proc/thread-self"}

// tickTolerance is how far apart (in clock ticks) the timer of one socket
// may be between the netlink read and the /proc read that follows it.
const tickTolerance = 10

var inetTables = []struct {
	p    sockets.Protocol
	ipv6 bool
}{
	{sockets.TCP, false}, {sockets.TCP, true},
	{sockets.UDP, false}, {sockets.UDP, true},
	{sockets.UDPLite, false}, {sockets.UDPLite, true},
	{sockets.Raw, false}, {sockets.Raw, true},
}

func tableName(p sockets.Protocol, ipv6 bool) string {
	name := inetProtocols[p].name
	if ipv6 {
		name += "6"
	}
	return name
}

// collect reads one table from src into a slice of copies.
func collect(src sockets.Source, p sockets.Protocol, ipv6 bool) ([]sockets.Socket, int, error) {
	var rows []sockets.Socket
	bad := 0
	err := src.Inet(p, ipv6, func(s *sockets.Socket) { rows = append(rows, *s) }, func() { bad++ })
	return rows, bad, err
}

func rowString(s *sockets.Socket) string {
	return fmt.Sprintf("%s v6=%v %v -> %v st=%d tx=%d rx=%d tr=%d when=%d retr=%d timeout=%d uid=%d inode=%d",
		tableName(s.Protocol, false), s.IPv6Table, s.Local, s.Remote, s.State, s.SendQ, s.RecvQ,
		s.TimerKind, s.TimerTicks, s.Retransmits, s.Timeout, s.UID, s.Inode)
}

// sameRow compares two records, the timer value with tolerance.
func sameRow(diag, proc *sockets.Socket) bool {
	a, b := *diag, *proc
	d := int64(a.TimerTicks) - int64(b.TimerTicks)
	if d < -tickTolerance || d > tickTolerance {
		return false
	}
	a.TimerTicks, b.TimerTicks = 0, 0
	return a == b
}

// compareTable reads one table through r and then through /proc, and
// describes every difference.
func compareTable(r *Reader, p sockets.Protocol, ipv6 bool, keep func(*sockets.Socket) bool) (rows []sockets.Socket, diff []string, err error) {
	got, bad, err := collect(r, p, ipv6)
	if err != nil {
		return nil, nil, err
	}
	diff, err = compareRows(got, bad, p, ipv6, keep)
	return got, diff, err
}

// compareRows reads one table through /proc and describes every
// difference from got (read before, with bad undecodable messages).
func compareRows(got []sockets.Socket, bad int, p sockets.Protocol, ipv6 bool, keep func(*sockets.Socket) bool) (diff []string, err error) {
	want, _, err := collect(threadProc, p, ipv6)
	if err != nil {
		return nil, fmt.Errorf("/proc: %w", err)
	}
	if keep != nil {
		kept := want[:0]
		for i := range want {
			if keep(&want[i]) {
				kept = append(kept, want[i])
			}
		}
		want = kept
	}
	if bad != 0 {
		diff = append(diff, fmt.Sprintf("%d undecodable messages", bad))
	}
	for i := 0; i < max(len(got), len(want)); i++ {
		switch {
		case i >= len(got):
			diff = append(diff, "missing: "+rowString(&want[i]))
		case i >= len(want):
			diff = append(diff, "extra:   "+rowString(&got[i]))
		case !sameRow(&got[i], &want[i]):
			diff = append(diff, "netlink: "+rowString(&got[i]), "proc:    "+rowString(&want[i]))
		}
	}
	return diff, nil
}

// compareBoth reads TCP as netstat does with BothFamilies (IPv4, then
// IPv6 from the same dump), then both tables through /proc, a few times
// until they agree. It fails if the Reader did not use the one dump.
func compareBoth(r *Reader, keep func(*sockets.Socket) bool) (rows4, rows6 []sockets.Socket, err error) {
	var diff []string
	for try := 0; try < 3; try++ {
		r.BothFamilies = true
		got4, bad4, err := collect(r, sockets.TCP, false)
		if err != nil {
			return nil, nil, err
		}
		if r.noLegacy || !r.held.valid {
			return nil, nil, errors.New("the legacy dump of both families was not used")
		}
		held := r.held.n
		got6, bad6, err := collect(r, sockets.TCP, true)
		if err != nil {
			return nil, nil, err
		}
		if len(got6) != held || r.held.valid {
			return nil, nil, fmt.Errorf("tcp6 visited %d rows, %d were held", len(got6), held)
		}
		d4, err := compareRows(got4, bad4, sockets.TCP, false, keep)
		if err != nil {
			return nil, nil, err
		}
		d6, err := compareRows(got6, bad6, sockets.TCP, true, keep)
		if err != nil {
			return nil, nil, err
		}
		if len(d4)+len(d6) == 0 {
			return got4, got6, nil
		}
		diff = append(d4, d6...)
		time.Sleep(30 * time.Millisecond)
	}
	return nil, nil, fmt.Errorf("tcp+tcp6 from one dump differ from /proc:\n\t%s", strings.Join(diff, "\n\t"))
}

// compareWithRetry repeats compareTable a few times: a timer can fire, or
// a handshake finish, between the two reads.
func compareWithRetry(r *Reader, p sockets.Protocol, ipv6 bool, keep func(*sockets.Socket) bool) ([]sockets.Socket, error) {
	var diff []string
	for try := 0; try < 3; try++ {
		rows, d, err := compareTable(r, p, ipv6, keep)
		if err != nil {
			return nil, err
		}
		if len(d) == 0 {
			return rows, nil
		}
		diff = d
		time.Sleep(30 * time.Millisecond)
	}
	return nil, fmt.Errorf("%s differs from /proc:\n\t%s", tableName(p, ipv6), strings.Join(diff, "\n\t"))
}

func TestLiveEquivalence(t *testing.T) {
	var logs []string
	err := inFreshNetNS(func() error {
		var s scenario
		defer s.closeAll()
		s.build()

		var errs []error
		for _, timers := range []bool{false, true} {
			r, err := Open()
			if err != nil {
				return err
			}
			r.Timers = timers
			for _, tb := range inetTables {
				rows, err := compareWithRetry(r, tb.p, tb.ipv6, nil)
				if errors.Is(err, ErrUnsupported) {
					logs = append(logs, fmt.Sprintf("%s: %v", tableName(tb.p, tb.ipv6), err))
					continue
				}
				if err != nil {
					errs = append(errs, fmt.Errorf("timers=%v: %w", timers, err))
					continue
				}
				if tb.p == sockets.TCP && timers {
					errs = append(errs, checkTCPCoverage(rows, tb.ipv6))
				}
				logs = append(logs, fmt.Sprintf("timers=%v %s: %d rows identical", timers, tableName(tb.p, tb.ipv6), len(rows)))
			}

			// TCP of both families from one legacy dump.
			rows4, rows6, err := compareBoth(r, nil)
			if err != nil {
				errs = append(errs, fmt.Errorf("timers=%v BothFamilies: %w", timers, err))
			} else {
				if timers {
					errs = append(errs, checkTCPCoverage(rows4, false), checkTCPCoverage(rows6, true))
				}
				logs = append(logs, fmt.Sprintf("timers=%v tcp+tcp6 from one dump: %d+%d rows identical", timers, len(rows4), len(rows6)))
			}
			r.BothFamilies = false
			r.Close()
		}

		// A state mask: LISTEN only (netstat -l over TCP), CLOSE only
		// (unconnected UDP).
		r, err := Open()
		if err != nil {
			return err
		}
		defer r.Close()
		for _, c := range []struct {
			p     sockets.Protocol
			state uint8
		}{{sockets.TCP, sockets.Listen}, {sockets.TCP, sockets.SynRecv}, {sockets.UDP, sockets.Close}} {
			r.States = 1 << c.state
			for _, v6 := range []bool{false, true} {
				rows, err := compareWithRetry(r, c.p, v6, func(s *sockets.Socket) bool { return s.State == c.state })
				if err != nil {
					errs = append(errs, fmt.Errorf("States=1<<%d: %w", c.state, err))
					continue
				}
				if len(rows) == 0 {
					errs = append(errs, fmt.Errorf("States=1<<%d %s: no rows", c.state, tableName(c.p, v6)))
				}
			}
			if c.p == sockets.TCP {
				rows4, rows6, err := compareBoth(r, func(s *sockets.Socket) bool { return s.State == c.state })
				r.BothFamilies = false
				switch {
				case err != nil:
					errs = append(errs, fmt.Errorf("States=1<<%d BothFamilies: %w", c.state, err))
				case len(rows4) == 0 || len(rows6) == 0:
					errs = append(errs, fmt.Errorf("States=1<<%d BothFamilies: %d+%d rows", c.state, len(rows4), len(rows6)))
				}
			}
		}
		return errors.Join(errs...)
	})
	for _, l := range logs {
		t.Log(l)
	}
	if errors.Is(err, errSkip) {
		testenv.Skip(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// checkTCPCoverage makes sure the scenario produced the cases it is meant
// to test, so that "identical" means something.
func checkTCPCoverage(rows []sockets.Socket, ipv6 bool) error {
	has := map[string]bool{}
	for i := range rows {
		s := &rows[i]
		switch {
		case s.State == sockets.Listen && s.RecvQ > 0:
			has["listen with accept queue"] = true
		case s.State == sockets.SynRecv && s.Inode == 0 && s.UID == listenerUID:
			has["request socket with listener uid"] = true
			if s.Local.Addr().Is4In6() {
				has["v4-mapped request socket"] = true
			}
		case s.State == sockets.TimeWait && s.TimerKind == timerTimeWait:
			has["time-wait"] = true
		case s.State == sockets.CloseWait && s.RecvQ > 0:
			has["close-wait with data"] = true
		case s.State == sockets.SynSent && s.TimerKind == timerRetrans:
			has["syn-sent retransmit timer"] = true
		case s.State == sockets.Established && s.TimerKind == timerKeepalive:
			has["keepalive timer"] = true
		case s.State == sockets.Established && s.Local.Addr().Is4In6():
			has["v4-mapped"] = true
		}
	}
	want := []string{"listen with accept queue", "request socket with listener uid", "time-wait",
		"close-wait with data", "syn-sent retransmit timer", "keepalive timer"}
	if ipv6 {
		want = []string{"request socket with listener uid", "v4-mapped request socket", "v4-mapped"}
	}
	var missing []string
	for _, w := range want {
		if !has[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("tcp (ipv6=%v) scenario lacks: %s", ipv6, strings.Join(missing, ", "))
	}
	return nil
}

// TestCaptureFixtures rewrites testdata/*.nl (the raw replies of one dump)
// and testdata/*.proc (the /proc table read right after) from the live
// scenario. Run with SOCKDIAG_CAPTURE=1.
func TestCaptureFixtures(t *testing.T) {
	if os.Getenv("SOCKDIAG_CAPTURE") == "" {
		t.Skip("set SOCKDIAG_CAPTURE=1 to rewrite the fixtures")
	}
	err := inFreshNetNS(func() error {
		var s scenario
		defer s.closeAll()
		s.build()
		r, err := Open()
		if err != nil {
			return err
		}
		defer r.Close()
		for _, tb := range []struct {
			p     sockets.Protocol
			ipv6  bool
			ext   uint8
			label string
		}{
			{sockets.TCP, false, extInfo, "tcp4-info"},
			{sockets.TCP, true, extInfo, "tcp6-info"},
			{sockets.TCP, false, 0, "tcp4"},
			{sockets.UDP, false, 0, "udp4"},
			{sockets.UDP, true, 0, "udp6"},
			{sockets.UDPLite, false, 0, "udplite4"},
		} {
			raw, err := captureDump(r, tb.p, tb.ipv6, tb.ext)
			if err != nil {
				return err
			}
			proc, err := os.ReadFile(filepath.Join("/proc/thread-self/net", tableName(tb.p, tb.ipv6)))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join("testdata", tb.label+".nl"), raw, 0o644); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join("testdata", tb.label+".proc"), proc, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errSkip) {
		testenv.Skip(t, err)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// captureDump sends the dump request Inet would send and returns the
// replies as the kernel framed them (netlink headers included).
func captureDump(r *Reader, p sockets.Protocol, ipv6 bool, ext uint8) ([]byte, error) {
	family := uint8(unix.AF_INET)
	if ipv6 {
		family = unix.AF_INET6
	}
	r.req.dump(family, inetProtocols[p].proto, ext, stateMask(0, p == sockets.TCP))
	_, err := r.conn.Send(netlink.Message{
		Header: netlink.Header{Type: unix.SOCK_DIAG_BY_FAMILY, Flags: netlink.Request | netlink.Dump},
		Data:   r.req[:],
	})
	if err != nil {
		return nil, err
	}
	var out []byte
	for m, err := range r.conn.ReceiveIter() {
		if err != nil {
			return nil, err
		}
		b, err := m.MarshalBinary()
		if err != nil {
			return nil, err
		}
		out = append(out, b...)
	}
	return out, nil
}
