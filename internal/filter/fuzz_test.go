package filter

import (
	"net/netip"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// documentedStates are the --state words of the package comment, upper
// case with '_'.
var documentedStates = []string{"ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
	"CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "LISTENING", "CLOSING", "CONNECTED", "SYNCHRONIZED",
	"CONNECTING", "DISCONNECTING", "FREE"}

// asciiUpper upper-cases the ASCII letters of s only.
func asciiUpper(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// laterUser names one uid, set after parsing to a name --user was given.
type laterUser struct {
	uid  uint32
	name string
}

func (u *laterUser) User(uid uint32) (string, bool) { return u.name, uid == u.uid && u.name != "" }

// optionOrder is the order ParseWith checks the options in, with each
// one's field.
var optionOrder = []struct {
	name  string
	field func(*cli.Filters) *string
}{
	{"state", func(f *cli.Filters) *string { return &f.State }},
	{"port", func(f *cli.Filters) *string { return &f.Port }},
	{"sport", func(f *cli.Filters) *string { return &f.SPort }},
	{"dport", func(f *cli.Filters) *string { return &f.DPort }},
	{"addr", func(f *cli.Filters) *string { return &f.Addr }},
	{"pid", func(f *cli.Filters) *string { return &f.PID }},
	{"program-name", func(f *cli.Filters) *string { return &f.Program }},
	{"user", func(f *cli.Filters) *string { return &f.User }},
}

// tcpSocket is an established TCP socket between two ends.
func tcpSocket(local, remote netip.AddrPort) *sockets.Socket {
	return &sockets.Socket{Protocol: sockets.TCP, State: sockets.Established, Local: local, Remote: remote}
}

// portOutside returns a port in none of the ranges, if there is one.
func portOutside(l portList) (uint16, bool) {
	for _, r := range l {
		for _, p := range []int{int(r.lo) - 1, int(r.hi) + 1} {
			if p >= 0 && p <= 0xFFFF && !l.has(uint16(p)) {
				return uint16(p), true
			}
		}
	}
	return 0, len(l) == 0
}

// addCaseSeeds adds the option sets of testdata/cases.txt to the corpus.
func addCaseSeeds(f *testing.F) {
	b, err := os.ReadFile("testdata/cases.txt")
	if err != nil {
		f.Fatal(err)
	}
	added := 0
	for _, line := range strings.Split(string(b), "\n") {
		opts, _, ok := strings.Cut(line, "->")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		var c cli.Filters
		for _, opt := range strings.Split(strings.TrimSpace(opts), ";") {
			name, value, _ := strings.Cut(strings.TrimSpace(opt), "=")
			for _, o := range optionOrder {
				if o.name == name {
					*o.field(&c) = value
				}
			}
		}
		f.Add(c.State, c.Port, c.SPort, c.DPort, c.Addr, c.PID, c.Program, c.User)
		added++
	}
	if added == 0 {
		f.Fatal("no cases in testdata/cases.txt")
	}
}

func FuzzParse(f *testing.F) {
	addCaseSeeds(f)
	for _, c := range []string{"liſten", "LISTEN,", " close_wait , Last-Ack", "unknown"} {
		f.Add(c, "", "", "", "", "", "", "")
	}
	f.Add("", "443,5432", "90-80", "1-2-3", "fd00::2", "0", "", "4294967296")
	f.Add("established", "+5", "-5", "65536", "10.0.0.0/33", "12x", "ngin", "a:b")
	f.Add("", " 80 , 81-82", "00080", "0-65535", "198.51.100.0/24,fd00::1", "1,,2", "a program", " 1000")
	f.Add("", "", "", "", "fe80::1%eth0", "007", "\xff\x00", "0,root")
	f.Add("", "", "", "", "::ffff:1.2.3.4/120,1.2.3.4/8,::/0", "2147483647", "-", "4294967295")
	f.Fuzz(func(t *testing.T, state, port, sport, dport, addr, pid, program, user string) {
		all := cli.Filters{State: state, Port: port, SPort: sport, DPort: dport, Addr: addr, PID: pid, Program: program, User: user}
		spec, err := ParseWith(all, &laterUser{})
		// Options combine with AND and are checked in order: the first
		// that fails alone is the error.
		var firstErr error
		for _, o := range optionOrder {
			var one cli.Filters
			arg := *o.field(&all)
			*o.field(&one) = arg
			s, e := ParseWith(one, &laterUser{})
			if arg == "" {
				if s != nil || e != nil {
					t.Fatalf("--%s= alone: %v, %v; want nothing", o.name, s, e)
				}
				continue
			}
			if (s == nil) == (e == nil) {
				t.Fatalf("--%s=%q alone: %v, %v", o.name, arg, s, e)
			}
			if e != nil {
				if prefix := "invalid argument '" + arg + "' for --" + o.name + ": "; !strings.HasPrefix(e.Error(), prefix) {
					t.Fatalf("error %q does not start with %q", e, prefix)
				}
				if firstErr == nil {
					firstErr = e
				}
				continue
			}
			checkOption(t, o.name, arg, s)
		}
		switch {
		case firstErr != nil:
			if spec != nil || err == nil || err.Error() != firstErr.Error() {
				t.Fatalf("all options: %v, %v; want the error %v", spec, err, firstErr)
			}
			return
		case err != nil:
			t.Fatalf("all options: %v, though each alone is valid", err)
		case !all.Any():
			if spec != nil {
				t.Fatalf("no option, but %+v", spec)
			}
			return
		case spec == nil:
			t.Fatal("options, but no Spec")
		}
		unix := &sockets.UnixSocket{State: 3}
		if (spec.port != nil || spec.sport != nil || spec.dport != nil || spec.addrs != nil || spec.users != nil) &&
			spec.Unix(unix, owners.Owner{PID: 1}, true) {
			t.Fatal("a port, address or user filter kept a UNIX socket")
		}
		if spec.NeedsOwners() != (pid != "" || program != "") {
			t.Fatalf("NeedsOwners %v with --pid=%q --program-name=%q", spec.NeedsOwners(), pid, program)
		}
	})
}

// checkOption checks what one valid option parsed to.
func checkOption(t *testing.T, name, arg string, s *Spec) {
	t.Helper()
	items := strings.Split(arg, ",")
	switch name {
	case "state":
		for _, it := range items {
			word := asciiUpper(strings.ReplaceAll(strings.TrimSpace(it), "-", "_"))
			if !strings.Contains(" "+strings.Join(documentedStates, " ")+" ", " "+word+" ") {
				t.Fatalf("--state item %q accepted as %q, no state word", it, word)
			}
		}
		if s.StateMask() == 0 {
			t.Fatalf("--state=%q allows every state", arg)
		}
	case "port", "sport", "dport":
		l := map[string]portList{"port": s.port, "sport": s.sport, "dport": s.dport}[name]
		if len(l) != len(items) {
			t.Fatalf("--%s=%q: %d ranges for %d items", name, arg, len(l), len(items))
		}
		host := netip.MustParseAddr("192.0.2.1")
		for _, r := range l {
			if r.lo > r.hi {
				t.Fatalf("--%s=%q: range %d-%d", name, arg, r.lo, r.hi)
			}
			for _, p := range []uint16{r.lo, r.hi} {
				local, remote := netip.AddrPortFrom(host, p), netip.AddrPortFrom(host, p)
				if !s.Inet(tcpSocket(local, remote), owners.Owner{}, false) {
					t.Fatalf("--%s=%q drops port %d", name, arg, p)
				}
			}
		}
		if p, ok := portOutside(l); ok {
			ap := netip.AddrPortFrom(host, p)
			if s.Inet(tcpSocket(ap, ap), owners.Owner{}, false) {
				t.Fatalf("--%s=%q keeps port %d", name, arg, p)
			}
		}
	case "addr":
		ps := s.Prefixes()
		if len(ps) != len(items) {
			t.Fatalf("--addr=%q: %d prefixes for %d items", arg, len(ps), len(items))
		}
		for _, p := range ps {
			a := p.Addr()
			if !p.IsValid() || p != p.Masked() || a.Zone() != "" || a.Is4In6() && p.Bits() >= 96 {
				t.Fatalf("--addr=%q: prefix %v", arg, p)
			}
			ends := []netip.Addr{a}
			if a.Is4() {
				ends = append(ends, netip.AddrFrom16(a.As16())) // IPv4-mapped
			}
			for _, e := range ends {
				if !s.Inet(tcpSocket(netip.AddrPortFrom(e, 1), netip.AddrPortFrom(e, 2)), owners.Owner{}, false) {
					t.Fatalf("--addr=%q drops %v", arg, e)
				}
			}
		}
	case "pid":
		top := 0
		for _, it := range items {
			it = strings.TrimSpace(it)
			n, err := strconv.Atoi(it)
			if err != nil || n < 1 || strings.Trim(it, "0123456789") != "" {
				t.Fatalf("--pid item %q accepted", it)
			}
			if !s.Inet(tcpSocket(netip.AddrPort{}, netip.AddrPort{}), owners.Owner{PID: n}, true) {
				t.Fatalf("--pid=%q drops pid %d", arg, n)
			}
			top = max(top, n)
		}
		if top < int(^uint(0)>>1) && s.Inet(tcpSocket(netip.AddrPort{}, netip.AddrPort{}), owners.Owner{PID: top + 1}, true) {
			t.Fatalf("--pid=%q keeps pid %d", arg, top+1)
		}
		if s.Inet(tcpSocket(netip.AddrPort{}, netip.AddrPort{}), owners.Owner{}, false) {
			t.Fatalf("--pid=%q keeps a socket without owner", arg)
		}
	case "program-name":
		sk := tcpSocket(netip.AddrPort{}, netip.AddrPort{})
		if !s.Inet(sk, owners.Owner{PID: 1, Program: arg}, true) || s.Inet(sk, owners.Owner{PID: 1, Program: arg + "x"}, true) {
			t.Fatalf("--program-name=%q does not match in full", arg)
		}
	case "user":
		u := s.users
		for _, it := range items {
			it = strings.TrimSpace(it) // blanks around an item are dropped
			if n, err := strconv.ParseUint(it, 10, 32); err == nil && strings.Trim(it, "0123456789") == "" {
				if !u.uids[uint32(n)] {
					t.Fatalf("--user=%q: uid %d not kept", arg, n)
				}
				continue
			}
			if it == "" || strings.ContainsAny(it, ": \t\n") || !u.names[it] {
				t.Fatalf("--user=%q: item %q accepted as %v", arg, it, u)
			}
			named := &laterUser{uid: 4242, name: it}
			u.namer = named
			if !u.has(4242) {
				t.Fatalf("--user=%q: the uid named %q not kept", arg, it)
			}
		}
	}
}
