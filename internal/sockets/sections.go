package sockets

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/gonetstat/netstat/internal/cerr"
)

// inetSections prints the rows of the Internet section in net-tools' order:
// tcp, tcp6, SCTP, udp, udp6, udplite, udplite6, raw, raw6. A table that is
// missing when it was asked for ends the listing with its status.
func (l *Listing) inetSections(x *extras) error {
	o := l.Opts
	all := o.SocketKinds == 0
	row := &inetRow{extras: *x, numHosts: o.NumericHosts, numPorts: o.NumericPorts, wide: o.Wide}
	bad := func(kind string) func() {
		return func() { fmt.Fprintf(l.Err, "warning, got bogus %s line.\n", kind) }
	}
	printRow := func(s *Socket) {
		l.buf = row.appendRow(l.buf, s)
		l.flushRow()
	}
	// With host names, each table's shown rows are kept (copied: the
	// Source reuses its record) until their addresses have been resolved
	// together, then printed in order. With numeric hosts, rows stream.
	prefetch := l.prefetcher()
	inet := func(p Protocol, name, kind string) error {
		return l.table(name, func(ipv6 bool) error {
			if prefetch == nil {
				return l.Src.Inet(p, ipv6, func(s *Socket) {
					if l.shown(s.isServer()) && l.keepInet(s, x) {
						printRow(s)
					}
				}, bad(kind))
			}
			var rows []Socket
			err := l.Src.Inet(p, ipv6, func(s *Socket) {
				if l.shown(s.isServer()) && l.keepInet(s, x) {
					rows = append(rows, s.Clone())
				}
			}, bad(kind))
			prefetchHosts(prefetch, rows)
			for i := range rows {
				printRow(&rows[i])
			}
			return err
		})
	}
	if all || o.TCP {
		if err := inet(TCP, "AF INET (tcp)", "tcp"); err != nil {
			return err
		}
	}
	if all || o.SCTP {
		if err := l.sctpSection(x); err != nil {
			return err
		}
	}
	if all || o.UDP {
		if err := inet(UDP, "AF INET (udp)", "udp"); err != nil {
			return err
		}
	}
	if all || o.UDPLite {
		if err := inet(UDPLite, "AF INET (udplite)", "udp"); err != nil {
			return err
		}
	}
	if all || o.Raw {
		if err := inet(Raw, "AF INET (raw)", "raw"); err != nil {
			return err
		}
	}
	return nil
}

// sctpSection prints endpoints (with -a or -l) and then associations (with
// -a, or without -l).
func (l *Listing) sctpSection(x *extras) error {
	o := l.Opts
	row := &sctpRow{extras: *x, numeric: o.AnyNumeric()}
	if o.All || o.Listening {
		err := l.table("AF INET (sctp)", func(ipv6 bool) error {
			return l.Src.SCTPEndpoints(ipv6, func(e *SCTPEndpoint) {
				l.buf = row.appendEndpoint(l.buf, e)
				l.flushRow()
			}, func() { fmt.Fprintln(l.Err, "warning, got bogus sctp eps line.") })
		})
		if err != nil {
			return err
		}
	}
	if o.All || !o.Listening {
		return l.table("AF INET (sctp)", func(ipv6 bool) error {
			return l.Src.SCTPAssocs(ipv6, func(a *SCTPAssoc) {
				l.buf = row.appendAssoc(l.buf, a)
				l.flushRow()
			}, func() { fmt.Fprintln(l.Err, "warning, got bogus sctp assoc line.") })
		})
	}
	return nil
}

// unixSection prints the UNIX section. Like net-tools, the header comes with
// the table's first line, so a missing table prints no header.
func (l *Listing) unixSection(x *extras) error {
	o := l.Opts
	header := unixHeader(o.All, o.Listening, o.Programs)
	headed := false
	err := l.Src.Unix(func(u *UnixSocket) {
		if !headed {
			l.write(header)
			headed = true
		}
		if !l.shown(u.isListening()) || !l.keepUnix(u, x) {
			return
		}
		l.buf = appendUnixRow(l.buf, u, x)
		l.flushRow()
	}, func() { fmt.Fprintln(l.Err, "warning, got bogus unix line.") })
	if err == nil && !headed {
		// An empty table still has its kernel header line.
		l.write(header)
	}
	if err != nil {
		return l.missing(err, "AF UNIX")
	}
	return nil
}

// legacyFamilies are the old socket families net-tools still looks for, in
// its order.
var legacyFamilies = []struct {
	family LegacyFamily
	name   string
	wanted func(l *Listing) bool
}{
	{IPX, "AF IPX", func(l *Listing) bool { return l.Opts.IPX }},
	{AX25, "AF AX25", func(l *Listing) bool { return l.Opts.AX25 }},
	{X25, "AF X25", func(l *Listing) bool { return l.Opts.X25 }},
	{NetROM, "AF NETROM", func(l *Listing) bool { return l.Opts.NetROM }},
	{Rose, "AF ROSE", func(l *Listing) bool { return l.Opts.Rose }},
}

func (l *Listing) legacySections() error {
	all := l.Opts.SocketKinds == 0
	for _, f := range legacyFamilies {
		if !all && !f.wanted(l) {
			continue
		}
		err := l.Src.Legacy(f.family)
		if err == nil {
			continue
		}
		if err := l.missingFamily(err, f.name); err != nil {
			return err
		}
	}
	return nil
}

// missingFamily is missing without the "noprot" exception, as net-tools
// handles UNIX and the legacy families.
func (l *Listing) missingFamily(err error, name string) error {
	if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
		return l.fatal(err)
	}
	o := l.Opts
	if o.SocketKinds > 0 || o.Verbose {
		fmt.Fprintf(l.Err, "netstat: no support for `%s' on this system.\n", name)
	}
	if o.SocketKinds > 0 {
		return errExit(1)
	}
	return nil
}

// fatal prints err as perror(3) would, "path: Reason", and ends with 255.
func (l *Listing) fatal(err error) error {
	fmt.Fprintln(l.Err, cerr.Text(err))
	return errExit(255)
}
