package main

// The readings --watch takes: sockets, interface counters, statistics.

import (
	"errors"
	"io/fs"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/linux/linkinfo"
	"github.com/gonetstat/netstat/internal/linux/procfd"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/gonetstat/netstat/internal/watch"
)

// watchedSockets reads the socket listing the options choose, as watched
// rows: the protocols and families of the listing, -a / -l, the filter
// options, and the owners with -p (or when a filter needs them).
type watchedSockets struct {
	opts *cli.Options
	src  sockets.Source
	rows *filter.Spec
}

// read takes one reading. A table the kernel does not have is skipped;
// bad lines are skipped silently (a warning at every refresh would break
// the view).
func (w *watchedSockets) read() ([]watch.Socket, error) {
	o := w.opts
	var ix *owners.Index
	if o.Programs || (w.rows != nil && w.rows.NeedsOwners()) {
		ix = procfd.Scan(procRoot)
	}
	owner := func(inode uint64) (owners.Owner, bool) {
		if ix == nil {
			return owners.Owner{}, false
		}
		return ix.Lookup(inode)
	}
	var list []watch.Socket
	every := o.SocketKinds == 0
	ignoreBad := func() {}
	for _, p := range []struct {
		proto  sockets.Protocol
		chosen bool
	}{{sockets.TCP, o.TCP}, {sockets.UDP, o.UDP}, {sockets.UDPLite, o.UDPLite}, {sockets.Raw, o.Raw}} {
		if !every && !p.chosen {
			continue
		}
		for _, v6 := range []bool{false, true} {
			if !every && !(v6 && o.Inet6 || !v6 && o.Inet) {
				continue
			}
			err := w.src.Inet(p.proto, v6, func(s *sockets.Socket) {
				if !(o.All || s.IsServer() == o.Listening) {
					return
				}
				ow, ok := owner(s.Inode)
				if w.rows != nil && !w.rows.Inet(s, ow, ok) {
					return
				}
				list = append(list, watch.FromInet(s, ow, ok))
			}, ignoreBad)
			if err != nil && !tableMissing(err) {
				return nil, err
			}
		}
	}
	if every || o.Unix {
		err := w.src.Unix(func(u *sockets.UnixSocket) {
			listening := u.State == sockets.UnixUnconnected && u.Flags&sockets.UnixAccept != 0
			if !(o.All || listening == o.Listening) {
				return
			}
			ow, ok := owner(u.Inode)
			if w.rows != nil && !w.rows.Unix(u, ow, ok) {
				return
			}
			list = append(list, watch.FromUnix(u, ow, ok))
		}, ignoreBad)
		if err != nil && !tableMissing(err) {
			return nil, err
		}
	}
	return list, nil
}

// tableMissing reports an error that means the kernel has no such table.
func tableMissing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission)
}

// watchedInterfaces reads the interface counters of /proc/net/dev.
func watchedInterfaces(src *linkinfo.Source) ([]watch.Interface, error) {
	devs, err := src.Devices()
	if err != nil {
		return nil, err
	}
	list := make([]watch.Interface, len(devs))
	for i, d := range devs {
		list[i] = watch.Interface{Name: d.Name, Counts: watch.TrafficOf(d.Stats)}
	}
	return list, nil
}

// watchedCounters reads every statistics counter under its nstat name. A
// file the kernel does not have (snmp6 without IPv6, sctp/snmp without
// SCTP) adds nothing; a file that breaks off in a malformed line adds
// what came before it.
func watchedCounters() ([]watch.Counter, error) {
	st := procnet.Stats{Root: procRoot}
	var list []watch.Counter
	usable := func(err error) error {
		if err == nil || tableMissing(err) || errors.Is(err, counters.ErrFormat) {
			return nil
		}
		return err
	}
	snmp, err := st.SNMP()
	if err = usable(err); err != nil {
		return nil, err
	}
	list = watch.Qualified(list, snmp)
	ext, err := st.Netstat()
	if err = usable(err); err != nil {
		return nil, err
	}
	list = watch.Qualified(list, ext)
	snmp6, err := st.SNMP6()
	if err = usable(err); err != nil {
		return nil, err
	}
	sctp, err := st.SCTP()
	if err = usable(err); err != nil {
		return nil, err
	}
	return watch.Plain(list, snmp6, sctp), nil
}
