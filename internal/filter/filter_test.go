package filter

import (
	"bufio"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// fixtureRow is one socket of testdata/rows.txt.
type fixtureRow struct {
	inet  *sockets.Socket
	unix  *sockets.UnixSocket
	owner owners.Owner
	owned bool
	inode uint64
}

// fakeUsers is a passwd database of a few users.
type fakeUsers map[uint32]string

func (f fakeUsers) User(uid uint32) (string, bool) { n, ok := f[uid]; return n, ok }

var testUsers = fakeUsers{0: "root", 33: "www-data", 1000: "alice", 112: "postgres"}

// fixtureLines returns the non-comment lines of a testdata file.
func fixtureLines(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}

var unixStates = map[string][2]uint64{ // word -> state, flags
	"LISTEN":     {1, sockets.UnixAccept},
	"CONNECTED":  {3, 0},
	"CLOSE":      {1, 0},
	"CONNECTING": {2, 0},
}

func loadRows(t *testing.T) []fixtureRow {
	t.Helper()
	var rows []fixtureRow
	for _, l := range fixtureLines(t, "rows.txt") {
		f := strings.Fields(l)
		if len(f) != 8 {
			t.Fatalf("bad fixture line %q", l)
		}
		r := fixtureRow{}
		r.inode, _ = strconv.ParseUint(f[5], 10, 64)
		if f[6] != "-" {
			pid, _ := strconv.Atoi(f[6])
			r.owner, r.owned = owners.Owner{PID: pid, Program: f[7]}, true
		}
		if f[0] == "unix" {
			st := unixStates[f[1]]
			r.unix = &sockets.UnixSocket{State: st[0], Flags: st[1], Inode: r.inode, Path: f[2]}
			rows = append(rows, r)
			continue
		}
		proto := map[string]sockets.Protocol{"tcp": sockets.TCP, "udp": sockets.UDP, "raw": sockets.Raw}[strings.TrimSuffix(f[0], "6")]
		state, _ := strconv.Atoi(f[3])
		uid, _ := strconv.Atoi(f[4])
		r.inet = &sockets.Socket{
			Protocol: proto, IPv6Table: strings.HasSuffix(f[0], "6"),
			Local: netip.MustParseAddrPort(bracket(f[1])), Remote: netip.MustParseAddrPort(bracket(f[2])),
			State: uint8(state), UID: uint32(uid), Inode: r.inode,
		}
		rows = append(rows, r)
	}
	return rows
}

// bracket turns "fd00::1:80" into "[fd00::1]:80".
func bracket(s string) string {
	i := strings.LastIndexByte(s, ':')
	if strings.Count(s, ":") == 1 {
		return s
	}
	return "[" + s[:i] + "]" + s[i:]
}

// filtersOf reads "name=value;name=value" into cli.Filters.
func filtersOf(t *testing.T, text string) cli.Filters {
	t.Helper()
	var f cli.Filters
	for _, opt := range strings.Split(text, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(opt), "=")
		field := map[string]*string{"state": &f.State, "port": &f.Port, "sport": &f.SPort, "dport": &f.DPort,
			"addr": &f.Addr, "pid": &f.PID, "program-name": &f.Program, "user": &f.User}[name]
		if field == nil {
			t.Fatalf("unknown option %q", name)
		}
		*field = value
	}
	return f
}

func TestMatchFixtures(t *testing.T) {
	rows := loadRows(t)
	for _, c := range fixtureLines(t, "cases.txt") {
		opts, want, _ := strings.Cut(c, "->")
		opts = strings.TrimSpace(opts)
		spec, err := ParseWith(filtersOf(t, opts), testUsers)
		if err != nil || spec == nil {
			t.Errorf("%s: Parse: %v, %v", opts, spec, err)
			continue
		}
		var got []string
		for _, r := range rows {
			var keep bool
			if r.inet != nil {
				keep = spec.Inet(r.inet, r.owner, r.owned)
			} else {
				keep = spec.Unix(r.unix, r.owner, r.owned)
			}
			if keep {
				got = append(got, strconv.FormatUint(r.inode, 10))
			}
		}
		if g, w := strings.Join(got, " "), strings.Join(strings.Fields(want), " "); g != w {
			t.Errorf("--%s kept %q, want %q", opts, g, w)
		}
	}
}

func TestNoFilter(t *testing.T) {
	spec, err := Parse(cli.Filters{})
	if spec != nil || err != nil {
		t.Fatalf("Parse of nothing = %v, %v; want nil, nil", spec, err)
	}
	if spec.NeedsOwners() || spec.StateMask() != 0 {
		t.Error("a nil Spec must need nothing and allow every state")
	}
	if !spec.Inet(&sockets.Socket{}, owners.Owner{}, false) || !spec.Unix(&sockets.UnixSocket{}, owners.Owner{}, false) {
		t.Error("a nil Spec must keep every row")
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ opts, want string }{
		{"state=foo", "invalid argument 'foo' for --state: unknown state (want LISTEN, ESTABLISHED, "},
		{"state=LISTEN,foo", "invalid argument 'LISTEN,foo' for --state: unknown state 'foo' (want LISTEN"},
		{"state=LISTEN,", "invalid argument 'LISTEN,' for --state: empty item in the list"},
		{"port=http", "invalid argument 'http' for --port: want port numbers from 0 to 65535"},
		{"port=65536", "invalid argument '65536' for --port: want port numbers"},
		{"port=-5", "invalid argument '-5' for --port: want port numbers"},
		{"port=+5", "invalid argument '+5' for --port: want port numbers"},
		{"sport=90-80", "invalid argument '90-80' for --sport: a port range must go from low to high"},
		{"dport=1-2-3", "invalid argument '1-2-3' for --dport: want port numbers"},
		{"addr=10.0.0.0/33", "invalid argument '10.0.0.0/33' for --addr: want an address or a CIDR prefix"},
		{"addr=example.com", "invalid argument 'example.com' for --addr: want an address"},
		{"addr=fe80::1%eth0", "invalid argument 'fe80::1%eth0' for --addr: want an address"},
		{"pid=0", "invalid argument '0' for --pid: want process ids"},
		{"pid=12x", "invalid argument '12x' for --pid: want process ids"},
		{"pid=1,,2", "invalid argument '1,,2' for --pid: empty item in the list"},
		{"user=4294967296", "invalid argument '4294967296' for --user: a uid must be below 4294967296"},
		{"user=a:b", "invalid argument 'a:b' for --user: want login names or numeric uids"},
		{"port=80;state=nope", "invalid argument 'nope' for --state: unknown state"},
	}
	for _, c := range cases {
		spec, err := ParseWith(filtersOf(t, c.opts), testUsers)
		if err == nil || spec != nil {
			t.Errorf("--%s: got %v, %v; want an error", c.opts, spec, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("--%s: error %q, want it to start with %q", c.opts, err, c.want)
		}
	}
}

func TestStateMask(t *testing.T) {
	cases := []struct {
		opts string
		want uint32
	}{
		{"port=80", 0},
		{"state=LISTEN", 1 << sockets.Listen},
		{"state=established,close", 1<<sockets.Established | 1<<sockets.Close},
		{"state=synchronized", 1<<sockets.Established | 1<<sockets.FinWait1 | 1<<sockets.FinWait2 |
			1<<sockets.CloseWait | 1<<sockets.LastAck | 1<<sockets.Closing},
		{"state=FREE", nothing},
	}
	for _, c := range cases {
		spec, err := Parse(filtersOf(t, c.opts))
		if err != nil {
			t.Fatal(err)
		}
		if got := spec.StateMask(); got != c.want {
			t.Errorf("--%s: StateMask %#x, want %#x", c.opts, got, c.want)
		}
	}
}

func TestNeedsOwners(t *testing.T) {
	for opts, want := range map[string]bool{"pid=1": true, "program-name=x": true, "user=0": false, "state=LISTEN": false} {
		spec, _ := Parse(filtersOf(t, opts))
		if spec.NeedsOwners() != want {
			t.Errorf("--%s: NeedsOwners %v, want %v", opts, !want, want)
		}
	}
}

func TestStateWords(t *testing.T) {
	if got := InetState(&sockets.Socket{Protocol: sockets.UDP, State: sockets.Close}); got != "CLOSE" {
		t.Errorf("unconnected UDP: %q", got)
	}
	if got := InetState(&sockets.Socket{State: 42}); got != "UNKNOWN" {
		t.Errorf("state 42: %q", got)
	}
	for _, c := range []struct {
		u    sockets.UnixSocket
		want string
	}{
		{sockets.UnixSocket{State: 1, Flags: sockets.UnixAccept}, "LISTEN"},
		{sockets.UnixSocket{State: 1}, "CLOSE"},
		{sockets.UnixSocket{State: 3}, "CONNECTED"},
		{sockets.UnixSocket{State: 0}, "FREE"},
		{sockets.UnixSocket{State: 9}, "UNKNOWN"},
	} {
		if got := UnixState(&c.u); got != c.want {
			t.Errorf("unix state %d flags %#x: %q, want %q", c.u.State, c.u.Flags, got, c.want)
		}
		// Every word a count prints selects the rows it names.
		spec, err := Parse(cli.Filters{State: c.want})
		if c.want == "UNKNOWN" {
			if err == nil {
				t.Error("UNKNOWN must not be a --state word")
			}
			continue
		}
		if err != nil || !spec.Unix(&c.u, owners.Owner{}, false) {
			t.Errorf("--state=%s does not keep its own row (%v)", c.want, err)
		}
	}
}

func TestNarrowStates(t *testing.T) {
	listen := Spec{states: &stateSet{inet: 1 << sockets.Listen}}
	var none *Spec
	cases := []struct {
		s          *Spec
		mask, want uint32
	}{
		{none, 0, 0},
		{none, 0x3fe, 0x3fe},
		{&listen, 0, 1 << sockets.Listen},
		{&listen, 1<<sockets.Listen | 1<<sockets.Close, 1 << sockets.Listen},
		{&listen, 1 << sockets.Established, nothing},
	}
	for _, c := range cases {
		if got := c.s.NarrowStates(c.mask); got != c.want {
			t.Errorf("NarrowStates(%#x) = %#x, want %#x", c.mask, got, c.want)
		}
	}
}
