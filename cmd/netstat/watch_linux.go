package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/filter"
	"github.com/gonetstat/netstat/internal/linux/linkinfo"
	"github.com/gonetstat/netstat/internal/linux/procfd"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/gonetstat/netstat/internal/watch"
	"golang.org/x/sys/unix"
)

// watchTables is --watch: it reads the socket listing, the interface
// counters (-i) or the protocol statistics (-s) every opts.Watch and shows
// what changed: a full-screen view on a terminal, one line (or, with
// --json, one JSON object) per change into a pipe or a file. rows, when
// set, keeps only the sockets the filter options let through. SIGINT and
// SIGTERM end it with status 0, the terminal restored.
func watchTables(opts *cli.Options, out *output, stderr *os.File, rows *filter.Spec) int {
	var table watch.Table
	switch opts.Mode {
	case cli.ModeSockets:
		r := &watchedSockets{opts: opts, src: socketSource(opts, rows), rows: rows}
		table = watch.Sockets(r.read, watch.SocketView{
			Inet:      opts.SocketKinds == 0 || opts.TCP || opts.UDP || opts.UDPLite || opts.Raw,
			Unix:      opts.SocketKinds == 0 || opts.Unix,
			All:       opts.All,
			Listening: opts.Listening && !opts.All,
			Programs:  opts.Programs,
		})
	case cli.ModeInterfaces:
		src, rc := openInterfaces(stderr)
		if src == nil {
			return rc
		}
		defer src.Close()
		table = watch.Interfaces(func() ([]watch.Interface, error) { return watchedInterfaces(src) })
	case cli.ModeStatistics:
		table = watch.Counters(watchedCounters)
	default:
		fmt.Fprintln(stderr, "netstat: --watch works with the socket listing, -i and -s")
		return cli.ExitUsage
	}

	stop := make(chan struct{})
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; ok {
			close(stop)
		}
	}()

	s := &watch.Session{Interval: opts.Watch, Flush: out.Flush, Stop: stop}
	stdout := int(os.Stdout.Fd())
	if out.terminal && !opts.JSON {
		resize := make(chan struct{}, 1)
		winch := make(chan os.Signal, 1)
		signal.Notify(winch, syscall.SIGWINCH)
		defer signal.Stop(winch)
		go func() {
			for range winch {
				select {
				case resize <- struct{}{}:
				default:
				}
			}
		}()
		size := func() (int, int) { return terminalSize(stdout) }
		w, h := size()
		// The screen writes its own control sequences and escapes outside
		// text itself, so it goes around the output's escaper.
		s.Screen = &watch.Screen{W: out.buf, Width: w, Height: h}
		s.Resize, s.Size = resize, size
	} else {
		if opts.JSON {
			s.Report = &watch.JSONLog{W: out, Programs: opts.Programs}
		} else {
			s.Report = &watch.Log{W: out, Programs: opts.Programs}
		}
		s.Gone = func() bool { return readerGone(stdout) }
	}
	if err := s.Run(table); err != nil {
		fmt.Fprintf(stderr, "netstat: %v\n", err)
		return 1
	}
	return 0
}

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
				if !(o.All || isServer(s) == o.Listening) {
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

// isServer is net-tools' "server" test for -l: TCP by the remote port, the
// others by the remote address.
func isServer(s *sockets.Socket) bool {
	if s.Protocol == sockets.TCP {
		return s.Remote.Port() == 0
	}
	return !s.Remote.Addr().IsValid() || s.Remote.Addr().IsUnspecified()
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

// terminalSize returns the terminal's columns and rows, 80 × 24 when the
// terminal does not say.
func terminalSize(fd int) (int, int) {
	ws, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 || ws.Row == 0 {
		return 80, 24
	}
	return int(ws.Col), int(ws.Row)
}

// readerGone reports whether fd is a pipe whose reader has gone: poll
// says POLLERR for the write end of a pipe with no reader.
func readerGone(fd int) bool {
	fds := []unix.PollFd{{Fd: int32(fd)}}
	n, err := unix.Poll(fds, 0)
	return err == nil && n > 0 && fds[0].Revents&(unix.POLLERR|unix.POLLHUP) != 0
}
