package jsonout

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"syscall"

	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/groups"
)

// groupSection writes the "groups" member (-g): the IPv4 memberships if
// -4 or no socket kind selected them, then the IPv6 ones, with net-tools'
// messages and statuses for a missing table.
func (p *pass) groupSection() error {
	o := p.Opts
	d := p.doc
	d.array("groups")
	defer d.end()
	visit := func(m *groups.Membership) {
		d.beginObject()
		d.str("interface", strings.TrimRight(m.Interface, " "))
		family := "inet"
		if !m.Group.Is4() {
			family = "inet6"
		}
		d.str("family", family)
		d.int("users", int64(m.Users))
		d.addr("group", m.Group)
		if !o.NumericHosts {
			text := ""
			if m.Group.Is4() {
				text = addrtext.IPv4(m.Group, false, p.Names)
			} else {
				text = addrtext.IPv6(m.Group, false, p.Names)
			}
			d.str("host", text)
		}
		d.end()
		d.row()
	}
	bad := func(igmp6 bool, line int) {
		name := "igmp"
		if igmp6 {
			name = "igmp6"
		}
		io.WriteString(p.Err, "warning, got bogus "+name+" line "+strconv.Itoa(line)+".\n")
	}
	if o.SocketKinds == 0 || o.Inet {
		if err := p.Groups.IPv4(visit, bad); err != nil {
			if !errors.Is(err, syscall.ENOENT) && !errors.Is(err, syscall.EACCES) {
				io.WriteString(p.Err, "/proc/net/igmp: "+cerr.Reason(err)+"\n")
				return statusError(255)
			}
			if !o.NoProt && (o.SocketKinds > 0 || o.Verbose) {
				io.WriteString(p.Err, "netstat: no support for `AF INET (igmp)' on this system.\n")
			}
			if !o.NoProt && o.SocketKinds > 0 {
				return statusError(1)
			}
		}
	}
	if o.SocketKinds == 0 || o.Inet6 {
		// As net-tools, any failure to open the IPv6 table is ignored.
		_ = p.Groups.IPv6(visit, bad)
	}
	return nil
}
