package jsonout

import (
	"fmt"
	"net/netip"

	"github.com/gonetstat/netstat/internal/sockets"
)

// sctpSection writes SCTP endpoints (with -a or -l) and then associations
// (with -a, or without -l), as the text listing selects them. SCTP rows
// carry no names and are not filtered.
func (p *pass) sctpSection() error {
	o := p.Opts
	if o.All || o.Listening {
		err := p.table("AF INET (sctp)", func(ipv6 bool) error {
			return p.Src.SCTPEndpoints(ipv6, func(e *sockets.SCTPEndpoint) { p.sctpEndpoint(e, ipv6) },
				func() { fmt.Fprintln(p.Err, "warning, got bogus sctp eps line.") })
		})
		if err != nil {
			return err
		}
	}
	if o.All || !o.Listening {
		return p.table("AF INET (sctp)", func(ipv6 bool) error {
			return p.Src.SCTPAssocs(ipv6, func(a *sockets.SCTPAssoc) { p.sctpAssoc(a, ipv6) },
				func() { fmt.Fprintln(p.Err, "warning, got bogus sctp assoc line.") })
		})
	}
	return nil
}

func familyName(ipv6 bool) string {
	if ipv6 {
		return "inet6"
	}
	return "inet"
}

func (p *pass) addrList(name string, addrs []netip.Addr) {
	d := p.doc
	d.array(name)
	for _, a := range addrs {
		d.value()
		d.appendAddr(a)
	}
	d.end()
}

func (p *pass) sctpEndpoint(e *sockets.SCTPEndpoint, ipv6 bool) {
	d := p.doc
	d.beginObject()
	d.str("kind", "sctp_endpoint")
	d.str("protocol", "sctp")
	d.str("family", familyName(ipv6))
	p.addrList("local_addresses", e.Local)
	d.uint("local_port", uint64(e.LocalPort))
	d.str("state", sockets.SCTPStateText(e.State))
	d.int("state_code", int64(e.State))
	d.uint("uid", uint64(e.UID))
	d.uint("inode", e.Inode)
	p.writeOwners(e.Inode)
	d.end()
	d.row()
}

func (p *pass) sctpAssoc(a *sockets.SCTPAssoc, ipv6 bool) {
	d := p.doc
	d.beginObject()
	d.str("kind", "sctp_association")
	d.str("protocol", "sctp")
	d.str("family", familyName(ipv6))
	d.uint("recv_q", a.RecvQ)
	d.uint("send_q", a.SendQ)
	p.addrList("local_addresses", a.Local)
	d.uint("local_port", uint64(a.LocalPort))
	p.addrList("remote_addresses", a.Remote)
	d.uint("remote_port", uint64(a.RemotePort))
	d.str("state", sockets.SCTPStateText(a.State))
	d.int("state_code", int64(a.State))
	d.uint("uid", uint64(a.UID))
	d.uint("inode", a.Inode)
	p.writeOwners(a.Inode)
	d.end()
	d.row()
}
