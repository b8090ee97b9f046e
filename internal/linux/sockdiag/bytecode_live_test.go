package sockdiag

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/gonetstat/netstat/internal/testenv"
	"golang.org/x/sys/unix"
)

// buildAddresses adds to the live scenario sockets on more addresses:
// TCP on 127.0.0.2 and on the IPv4-mapped ::ffff:127.0.0.3, v6 and
// v4-mapped TIME_WAIT sockets, UDP on 127.0.0.2 and ::1, and count
// connections to one more listener, whose port it returns.
func (s *scenario) buildAddresses(count int) (bulk int) {
	// TCP on a second IPv4 address, one connection.
	l2 := s.socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	check(unix.Bind(l2, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 2}}), "bind 127.0.0.2")
	check(unix.Listen(l2, 16), "listen")
	c := s.socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	check(unix.Connect(c, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 2}, Port: port(l2)}), "connect")
	s.accept(l2)

	// An IPv6 socket bound to a mapped address, and a v4 client.
	lm := s.socket(unix.AF_INET6, unix.SOCK_STREAM, 0)
	check(unix.SetsockoptInt(lm, unix.IPPROTO_IPV6, unix.IPV6_V6ONLY, 0), "v6only")
	check(unix.Bind(lm, &unix.SockaddrInet6{Addr: [16]byte{10: 0xff, 11: 0xff, 12: 127, 15: 3}}), "bind mapped")
	check(unix.Listen(lm, 16), "listen mapped")
	c = s.socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	check(unix.Connect(c, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 3}, Port: port(lm)}), "connect mapped")
	s.accept(lm)

	// TIME_WAIT over IPv6 (the client closes first) and over a mapped
	// address (the dual-stack server's side closes first).
	l6 := s.listen6(true, true, 16)
	tc := s.connect6(port(l6))
	ts := s.accept(l6)
	ldual := s.listen6(false, false, 16)
	mc := s.connect4(port(ldual))
	ms := s.accept(ldual)
	s.close(tc)
	s.close(ms)
	time.Sleep(20 * time.Millisecond)
	s.close(ts)
	s.close(mc)

	// UDP on 127.0.0.2, connected to 127.0.0.1; UDP on ::1.
	u := s.socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	check(unix.Bind(u, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 2}}), "bind udp")
	check(unix.Connect(u, &unix.SockaddrInet4{Addr: lo4, Port: 53}), "connect udp")
	u6 := s.socket(unix.AF_INET6, unix.SOCK_DGRAM, 0)
	check(unix.Bind(u6, &unix.SockaddrInet6{Addr: lo6}), "bind udp6")

	// Many connections to one listener.
	lb := s.listen4(4096)
	for range count {
		s.connect4(port(lb))
		s.accept(lb)
	}
	time.Sleep(50 * time.Millisecond)
	return port(lb)
}

// rowKey is what the comparison looks at: the fields that do not move
// with time.
func rowKey(s *sockets.Socket) string {
	return fmt.Sprintf("%s v6=%v %v -> %v st=%d uid=%d inode=%d",
		tableName(s.Protocol, false), s.IPv6Table, s.Local, s.Remote, s.State, s.UID, s.Inode)
}

// keys returns the keys of rows, only those spec keeps when spec is set.
func keys(rows []sockets.Socket, spec *filter.Spec) []string {
	var out []string
	for i := range rows {
		if spec == nil || spec.Inet(&rows[i], owners.Owner{}, false) {
			out = append(out, rowKey(&rows[i]))
		}
	}
	return out
}

// liveTable is one table the kernel filters, or TCP of both families from
// one legacy dump (both).
type liveTable struct {
	p    sockets.Protocol
	ipv6 bool
	both bool
}

func (t liveTable) String() string {
	if t.both {
		return "tcp+tcp6 (one dump)"
	}
	return tableName(t.p, t.ipv6)
}

var filteredTables = []liveTable{
	{sockets.TCP, false, false}, {sockets.TCP, true, false},
	{sockets.UDP, false, false}, {sockets.UDP, true, false},
	{sockets.UDPLite, false, false}, {sockets.UDPLite, true, false},
	{sockets.TCP, false, true},
}

// readTable reads t through r (both families in one list for both).
func readTable(r *Reader, t liveTable) ([]sockets.Socket, error) {
	r.BothFamilies = t.both
	defer func() { r.BothFamilies = false }()
	rows, _, err := collect(r, t.p, t.ipv6)
	if err != nil || !t.both {
		return rows, err
	}
	if r.noLegacy || r.noLegacyBC || !r.held.valid {
		return nil, errors.New("the legacy dump of both families was not used")
	}
	rows6, _, err := collect(r, t.p, true)
	return append(rows, rows6...), err
}

// compareFiltered reads t with spec's state mask and Match, and without
// either, and compares. It returns the row counts with and without the
// kernel's filtering.
func compareFiltered(filtered, plain *Reader, spec *filter.Spec, t liveTable) (withBC, without int, err error) {
	filtered.States = spec.NarrowStates(0)
	filtered.Match = matchOf(spec)
	var diff []string
	for try := 0; try < 3; try++ {
		got, err := readTable(filtered, t)
		if err != nil {
			return 0, 0, err
		}
		all, err := readTable(plain, t)
		if err != nil {
			return 0, 0, err
		}
		want := keys(all, spec)
		diff = nil
		if g := keys(got, spec); !slices.Equal(g, want) {
			diff = append(diff, fmt.Sprintf("filtered in userspace after the kernel:\n\t\t%s\n\tafter no kernel filter:\n\t\t%s",
				strings.Join(g, "\n\t\t"), strings.Join(want, "\n\t\t")))
		}
		// Without IPv6 prefixes over the mapped range, the kernel
		// keeps exactly the rows the filter keeps.
		if g := keys(got, nil); !overlapsMapped(spec.Prefixes()) && !slices.Equal(g, want) {
			diff = append(diff, fmt.Sprintf("the kernel kept:\n\t\t%s\n\tthe filter keeps:\n\t\t%s",
				strings.Join(g, "\n\t\t"), strings.Join(want, "\n\t\t")))
		}
		if len(diff) == 0 {
			return len(got), len(all), nil
		}
		time.Sleep(30 * time.Millisecond)
	}
	return 0, 0, errors.New(strings.Join(diff, "\n\t"))
}

// liveFilters returns the filter options of the live test: fixed ones and
// ones made from the ports and addresses of rows of interest (TIME_WAIT,
// request sockets, v4-mapped, UDP).
func liveFilters(rows []sockets.Socket, bulk int) []cli.Filters {
	b := strconv.Itoa(bulk)
	fs := []cli.Filters{
		{DPort: b}, {Port: b}, {SPort: b}, {DPort: "0"}, {SPort: "1-1023"}, {Port: "0-" + b},
		{Port: "53"}, {DPort: "53,9"},
		{Addr: "127.0.0.2"}, {Addr: "::ffff:127.0.0.3"}, {Addr: "127.0.0.3"}, {Addr: "127.0.0.0/8"},
		{Addr: "::1"}, {Addr: "::/0"}, {Addr: "0.0.0.0/0"}, {Addr: "fd00::/8"}, {Addr: "::"}, {Addr: "0.0.0.0"},
		{Addr: "::ffff:127.0.0.0/104", Port: b}, {Addr: "::/1,127.0.0.2"},
		{State: "TIME_WAIT", Addr: "::ffff:127.0.0.1"}, {State: "TIME_WAIT", Addr: "::1"},
		{State: "SYN_RECV", SPort: "1024-65535"}, {State: "SYN_RECV", Addr: "127.0.0.1"},
		{State: "LISTEN", Addr: "::"},
	}
	seen := map[string]bool{}
	for i := range rows {
		s := &rows[i]
		var what string
		switch {
		case s.State == sockets.TimeWait:
			what = "time-wait"
		case s.State == sockets.SynRecv:
			what = "syn-recv"
		case s.Local.Addr().Is4In6():
			what = "mapped"
		case s.Protocol != sockets.TCP:
			what = "udp"
		default:
			continue
		}
		what += strconv.FormatBool(s.IPv6Table)
		if seen[what] {
			continue
		}
		seen[what] = true
		lp, rp := strconv.Itoa(int(s.Local.Port())), strconv.Itoa(int(s.Remote.Port()))
		fs = append(fs,
			cli.Filters{SPort: lp}, cli.Filters{DPort: rp}, cli.Filters{Port: rp + "," + lp},
			cli.Filters{Addr: s.Local.Addr().String()}, cli.Filters{Addr: s.Remote.Addr().Unmap().String() + "/24"},
			cli.Filters{SPort: lp, DPort: rp, Addr: s.Local.Addr().String()})
	}
	return fs
}

func TestLiveBytecode(t *testing.T) {
	var logs []string
	err := inFreshNetNS(func() error {
		var s scenario
		defer s.closeAll()
		s.build()
		bulk := s.buildAddresses(200)

		filtered, err := Open()
		if err != nil {
			return err
		}
		defer filtered.Close()
		plain, err := Open()
		if err != nil {
			return err
		}
		defer plain.Close()

		var rows []sockets.Socket
		for _, tb := range inetTables {
			if tb.p == sockets.Raw {
				continue
			}
			got, _, err := collect(plain, tb.p, tb.ipv6)
			if err != nil && !errors.Is(err, ErrUnsupported) {
				return err
			}
			rows = append(rows, got...)
		}

		var errs []error
		fewer := 0
		for _, f := range liveFilters(rows, bulk) {
			spec, err := filter.Parse(f)
			if err != nil {
				return fmt.Errorf("%+v: %v", f, err)
			}
			var counts []string
			for _, tb := range filteredTables {
				n, all, err := compareFiltered(filtered, plain, spec, tb)
				if errors.Is(err, ErrUnsupported) {
					continue
				}
				if err != nil {
					errs = append(errs, fmt.Errorf("%+v %v:\n\t%w", f, tb, err))
					continue
				}
				if n < all {
					fewer++
				}
				counts = append(counts, fmt.Sprintf("%v %d/%d", tb, n, all))
			}
			logs = append(logs, fmt.Sprintf("%+v: %s", f, strings.Join(counts, ", ")))
		}
		if filtered.bcLevel != bcFull || filtered.noLegacyBC {
			errs = append(errs, fmt.Errorf("the kernel refused a program: level %d, legacy refused %v", filtered.bcLevel, filtered.noLegacyBC))
		}
		if fewer == 0 {
			errs = append(errs, errors.New("the kernel never sent fewer rows with a program"))
		}

		// --dport=bulk over TCP: the kernel sends the bulk's clients only.
		filtered.States, filtered.Match = 0, Match{RemotePorts: []PortRange{{uint16(bulk), uint16(bulk)}}}
		got, _, err := collect(filtered, sockets.TCP, false)
		if err != nil {
			return err
		}
		if len(got) != 200 {
			errs = append(errs, fmt.Errorf("--dport=%d: %d rows from the kernel, want the 200 clients", bulk, len(got)))
		}

		// A program the kernel refuses is an EINVAL before any row, and
		// the Reader then asks without the operations it refused.
		filtered.req.dump(unix.AF_INET, unix.IPPROTO_TCP, 0, tcpAllStates)
		seen, err := filtered.dumpFamily(sockets.TCP, false, []byte{99, 4, 8, 0}, false, func(*sockets.Socket) {}, nil)
		if seen || !errors.Is(err, unix.EINVAL) {
			errs = append(errs, fmt.Errorf("invalid program: seen %v, error %v, want EINVAL", seen, err))
		}
		if !filtered.refused(err, []byte{99, 4, 8, 0}, seen) || filtered.bcLevel != bcNoEQ {
			errs = append(errs, fmt.Errorf("refused program: level %d", filtered.bcLevel))
		}
		got, _, err = collect(filtered, sockets.TCP, false)
		if err != nil || len(got) != 200 {
			errs = append(errs, fmt.Errorf("without S_EQ/D_EQ: %d rows, %v", len(got), err))
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

// TestLiveBytecodeEffect measures what the kernel's filtering saves: a
// namespace with a few thousand TCP sockets, read with --dport of one
// listener as a program and without one. It only reports.
func TestLiveBytecodeEffect(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	const conns, rounds = 1500, 30
	var logs []string
	err := inFreshNetNS(func() error {
		var s scenario
		defer s.closeAll()
		bulk := s.buildAddresses(conns)
		other := s.listen4(4096)
		for range conns {
			s.connect4(port(other))
			s.accept(other)
		}
		r, err := Open()
		if err != nil {
			return err
		}
		defer r.Close()
		for _, c := range []struct {
			name string
			m    Match
			both bool
		}{
			{"no program", Match{}, false},
			{fmt.Sprintf("--dport=%d", bulk), Match{RemotePorts: []PortRange{{uint16(bulk), uint16(bulk)}}}, false},
			{"no program, both families", Match{}, true},
			{fmt.Sprintf("--dport=%d, both families", bulk), Match{RemotePorts: []PortRange{{uint16(bulk), uint16(bulk)}}}, true},
			{"--addr=127.0.0.2", Match{Prefixes: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}}, false},
		} {
			r.Match = c.m
			var rows int
			start := time.Now()
			for range rounds {
				got, err := readTable(r, liveTable{sockets.TCP, false, c.both})
				if err != nil {
					return err
				}
				rows = len(got)
			}
			logs = append(logs, fmt.Sprintf("%-32s %5d rows, %v per read", c.name, rows, time.Since(start)/rounds))
		}
		return nil
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
