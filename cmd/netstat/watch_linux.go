package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/filter"
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
