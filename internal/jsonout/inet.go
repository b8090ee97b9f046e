package jsonout

import (
	"fmt"
	"net/netip"

	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/sockets"
)

// protocolNames are the "protocol" values of Internet sockets.
var protocolNames = map[sockets.Protocol]string{
	sockets.TCP: "tcp", sockets.UDP: "udp", sockets.UDPLite: "udplite", sockets.Raw: "raw",
}

// timerNames are the "timer.kind" values, by the kernel's timer number.
var timerNames = [...]string{"off", "retransmit", "keepalive", "timewait", "probe"}

// ticksPerSecond is USER_HZ, the unit of the kernel's timer column.
const ticksPerSecond = 100

// inetSections writes the Internet rows in net-tools' order: tcp, tcp6,
// SCTP, udp, udp6, udplite, udplite6, raw, raw6.
func (p *pass) inetSections() error {
	o := p.Opts
	all := o.SocketKinds == 0
	tables := []struct {
		on    bool
		proto sockets.Protocol
		name  string
		kind  string
	}{
		{all || o.TCP, sockets.TCP, "AF INET (tcp)", "tcp"},
		{all || o.SCTP, sockets.SCTP, "", ""},
		{all || o.UDP, sockets.UDP, "AF INET (udp)", "udp"},
		{all || o.UDPLite, sockets.UDPLite, "AF INET (udplite)", "udp"},
		{all || o.Raw, sockets.Raw, "AF INET (raw)", "raw"},
	}
	for _, tb := range tables {
		if !tb.on {
			continue
		}
		var err error
		if tb.proto == sockets.SCTP {
			err = p.sctpSection()
		} else {
			err = p.inetTable(tb.proto, tb.name, tb.kind)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// inetTable writes the shown rows of one protocol. With host names the
// rows of each table are kept (copied: the Source reuses its record) until
// their addresses have been resolved together, as the text listing does;
// with numeric hosts they stream.
func (p *pass) inetTable(proto sockets.Protocol, name, kind string) error {
	bad := func() { fmt.Fprintf(p.Err, "warning, got bogus %s line.\n", kind) }
	keep := func(s *sockets.Socket) bool {
		if !p.shown(s.IsServer()) {
			return false
		}
		if p.Filter == nil {
			return true
		}
		o, ok := p.owners.Lookup(s.Inode)
		return p.Filter.Inet(s, o, ok)
	}
	prefetch := p.prefetcher()
	return p.table(name, func(ipv6 bool) error {
		if prefetch == nil {
			return p.Src.Inet(proto, ipv6, func(s *sockets.Socket) {
				if keep(s) {
					p.inetRow(s)
				}
			}, bad)
		}
		var rows []sockets.Socket
		err := p.Src.Inet(proto, ipv6, func(s *sockets.Socket) {
			if keep(s) {
				rows = append(rows, s.Clone())
			}
		}, bad)
		prefetchHosts(prefetch, rows)
		for i := range rows {
			p.inetRow(&rows[i])
		}
		return err
	})
}

// prefetcher returns the Namer's Prefetcher when rows show host names.
func (p *pass) prefetcher() sockets.Prefetcher {
	if p.Opts.NumericHosts {
		return nil
	}
	pf, _ := p.Names.(sockets.Prefetcher)
	return pf
}

// hostCollector notes the addresses the rows will look up.
type hostCollector struct{ addrtext.Collector }

func (c *hostCollector) Service(uint16, string) (string, bool) { return "", false }
func (c *hostCollector) User(uint32) (string, bool)            { return "", false }

// prefetchHosts hands the host addresses of rows to pf in one batch.
func prefetchHosts(pf sockets.Prefetcher, rows []sockets.Socket) {
	c := &hostCollector{addrtext.Collector{Addrs: make([]netip.Addr, 0, 2*len(rows))}}
	for i := range rows {
		sockets.HostText(rows[i].Local.Addr(), false, c)
		sockets.HostText(rows[i].Remote.Addr(), false, c)
	}
	pf.Prefetch(c.Addrs)
}

// inetRow writes one Internet socket object.
func (p *pass) inetRow(s *sockets.Socket) {
	d := p.doc
	o := p.Opts
	d.beginObject()
	d.str("kind", "inet")
	d.str("protocol", protocolNames[s.Protocol])
	family := "inet"
	if s.IPv6Table {
		family = "inet6"
	}
	d.str("family", family)
	d.uint("recv_q", s.RecvQ)
	d.uint("send_q", s.SendQ)
	table := sockets.ServiceTable(s.Protocol)
	p.endpoint("local", s.Local, table)
	p.endpoint("remote", s.Remote, table)
	state, ok := sockets.TCPStateName(int(s.State))
	if !ok || state == "" {
		state = "UNKNOWN"
	}
	d.str("state", state)
	d.uint("state_code", uint64(s.State))
	d.uint("uid", uint64(s.UID))
	if o.Extend > 0 && !o.NumericUsers {
		if name, ok := p.Names.User(s.UID); ok {
			d.str("user", name)
		}
	}
	d.uint("inode", s.Inode)
	d.object("timer")
	kind := "unknown"
	if int(s.TimerKind) < len(timerNames) {
		kind = timerNames[s.TimerKind]
	}
	d.str("kind", kind)
	d.uint("kind_code", uint64(s.TimerKind))
	d.uint("remaining_ms", s.TimerTicks*(1000/ticksPerSecond))
	d.uint("retransmits", s.Retransmits)
	d.uint("timeout", s.Timeout)
	d.end()
	p.writeOwners(s.Inode)
	if s.Info != nil {
		writeTCPInfo(d, s.Info)
	}
	d.end()
	d.row()
}

// endpoint writes a local or remote endpoint object: the address and port
// as numbers, and the host and service text of the listing when it shows
// names.
func (p *pass) endpoint(name string, ap netip.AddrPort, table string) {
	d := p.doc
	o := p.Opts
	d.object(name)
	d.addr("address", ap.Addr())
	d.uint("port", uint64(ap.Port()))
	if !o.NumericHosts && ap.Addr().IsValid() {
		d.str("host", sockets.HostText(ap.Addr(), false, p.Names))
	}
	if !o.NumericPorts {
		d.str("service", sockets.PortText(ap.Port(), table, false, p.Names))
	}
	d.end()
}
