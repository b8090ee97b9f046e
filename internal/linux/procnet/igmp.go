package procnet

import (
	"bytes"
	"io"
	"net/netip"
	"os"

	"github.com/gonetstat/netstat/internal/groups"
)

// Groups reads the multicast membership tables from a proc file system.
// It implements groups.Source. It carries net-tools' parser state from one
// table to the next and from one -c pass to the next, so use one *Groups
// for the whole run.
type Groups struct {
	// Root is the proc mount point; empty means "/proc".
	Root string

	st igmpState
}

var _ groups.Source = (*Groups)(nil)

// igmpState is the static state of net-tools' igmp_do_one. The mode chosen
// by the first line of a table sticks: once /proc/net/igmp6 has been read,
// the rows of /proc/net/igmp are taken apart as igmp6 lines too (net-tools
// does this from the second -c pass on).
type igmpState struct {
	idx    bool     // the igmp header starts with "Idx"
	igmp6  bool     // a first line without "Device" was seen
	device [16]byte // the device name, a C string
	in6    [16]byte // the IPv6 group, kept between lines as the C stack slot is
	m      groups.Membership
}

// read opens ROOT/net/name and feeds its lines to the parser.
func (g *Groups) read(name string, visit func(*groups.Membership), bad func(bool, int)) error {
	f, err := os.Open(netPath(g.Root, name))
	if err != nil {
		return err
	}
	defer f.Close()
	return g.Parse(f, visit, bad)
}

// IPv4 reads ROOT/net/igmp.
func (g *Groups) IPv4(visit func(*groups.Membership), bad func(bool, int)) error {
	return g.read("igmp", visit, bad)
}

// Parse feeds the lines of one table (igmp or igmp6, numbered from 0) to
// net-tools' parser: line 0 decides the format, "Idx"/"Device" headers and
// device lines set the current device, and each group line gives a
// membership. Lines it cannot read are reported to bad.
func (g *Groups) Parse(r io.Reader, visit func(*groups.Membership), bad func(bool, int)) error {
	return eachProcLine(r, func(n int, line []byte) { g.st.line(n, line, visit, bad) })
}

// line is igmp_do_one.
func (st *igmpState) line(lnr int, line []byte, visit func(*groups.Membership), bad func(bool, int)) {
	if lnr == 0 {
		if !bytes.Contains(line, []byte("Device")) {
			st.igmp6 = true
		} else {
			st.idx = bytes.HasPrefix(line, []byte("Idx"))
			return
		}
	}
	if st.igmp6 {
		st.igmp6Line(lnr, line, visit, bad)
		return
	}
	if len(line) == 0 || line[0] != '\t' {
		st.deviceLine(lnr, line, bad)
		return
	}
	s := wScanner{b: line}
	s.skipBlank()
	hex, ok := s.hexSet(8)
	if !ok {
		bad(false, lnr)
		return
	}
	users, ok := s.dec(0)
	if !ok {
		bad(false, lnr)
		return
	}
	v, _, _ := cStrtoul([]byte(hex), 16)
	st.m.Group = netip.AddrFrom4([4]byte{byte(v), byte(v >> 8), byte(v >> 16), byte(v >> 24)})
	st.m.Users = users
	st.m.Interface = st.deviceName()
	visit(&st.m)
}

// deviceLine reads "IDX<TAB>NAME :…" (or "NAME :…" without an Idx
// column): fifteen bytes after the index, cut at their last ':'.
func (st *igmpState) deviceLine(lnr int, line []byte, bad func(bool, int)) {
	s := wScanner{b: line}
	if st.idx {
		if _, ok := s.dec(0); !ok {
			bad(false, lnr)
			return
		}
		s.skipBlank()
	}
	name, ok := s.chars(15)
	if !ok {
		bad(false, lnr)
		return
	}
	copy(st.device[:15], name) // %15c writes no NUL
	if i := bytes.LastIndexByte(st.device[:st.deviceLen()], ':'); i >= 0 {
		st.device[i] = 0
	}
}

// deviceLen is the length of the device C string.
func (st *igmpState) deviceLen() int {
	if i := bytes.IndexByte(st.device[:], 0); i >= 0 {
		return i
	}
	return len(st.device)
}

// deviceName is the device C string.
func (st *igmpState) deviceName() string {
	return string(st.device[:st.deviceLen()])
}
