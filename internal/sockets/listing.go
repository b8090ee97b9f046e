package sockets

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/termsafe"
)

// Listing prints the socket listing (net-tools' default mode), one pass at a
// time, in net-tools' section order: Internet (TCP, SCTP, UDP, UDP-Lite,
// RAW), multicast groups, UNIX, the legacy families, Bluetooth.
type Listing struct {
	Out  io.Writer // stdout
	Err  io.Writer // stderr, for warnings
	Opts *cli.Options
	Src  Source
	// Names resolves hosts, services and users.
	Names Namer
	// Owners builds the inode → process index; called once per pass, only
	// with -p.
	Owners func() *owners.Index
	// Groups prints the multicast group section (-g) and returns an exit
	// status; nil when there is none.
	Groups func() int
	// EUID is the effective uid, printed in the "-p" warning.
	EUID int
	// Filter, when set, drops the rows it does not keep (SCTP rows are
	// not filtered).
	Filter RowFilter

	buf []byte
}

// errExit carries an exit status out of a section.
type errExit int

func (e errExit) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// Pass prints one whole listing and returns the exit status.
func (l *Listing) Pass() int {
	err := l.pass()
	var code errExit
	if errors.As(err, &code) {
		return int(code)
	}
	if err != nil {
		return 255
	}
	return 0
}

func (l *Listing) pass() error {
	o := l.Opts
	x := &extras{
		user:           o.Extend > 0,
		numUser:        o.NumericUsers,
		programs:       o.Programs,
		timers:         o.Timers,
		names:          l.Names,
		escapeNewlines: termsafe.Escapes(l.Out),
	}
	ownersLoaded := false
	filterOwners := l.Filter != nil && l.Filter.NeedsOwners()
	loadOwners := func() {
		if !(o.Programs || filterOwners) || ownersLoaded {
			return
		}
		ownersLoaded = true
		x.owners = l.Owners()
		if o.Programs {
			l.warnOwners(x.owners)
		}
	}
	anyKinds := o.SocketKinds > 0
	if !anyKinds || o.TCP || o.SCTP || o.UDP || o.UDPLite || o.Raw {
		loadOwners()
		l.write(inetHeader(o.All, o.Listening && !o.All, x.user, o.Programs, o.Timers, o.TCPInfo))
		if err := l.inetSections(x); err != nil {
			return err
		}
	}
	if o.Groups && l.Groups != nil {
		if rc := l.Groups(); rc != 0 {
			return errExit(rc)
		}
	}
	if !anyKinds || o.Unix {
		loadOwners()
		if err := l.unixSection(x); err != nil {
			return err
		}
	}
	if err := l.legacySections(); err != nil {
		return err
	}
	if anyKinds && (o.L2CAP || o.RFCOMM || o.Bluetooth) {
		fmt.Fprint(l.Err, "netstat: feature `AF BLUETOOTH' not supported.\n"+
			"Please recompile `net-tools' with newer kernel source or full configuration.\n")
		return errExit(1)
	}
	return nil
}

// warnOwners prints net-tools' warnings about processes whose sockets could
// not be read.
func (l *Listing) warnOwners(ix *owners.Index) {
	switch {
	case ix.Unreadable || (ix.Denied && ix.Len() == 0):
		fmt.Fprintf(l.Err, "(No info could be read for \"-p\": geteuid()=%d but you should be root.)\n", l.EUID)
	case ix.Denied:
		fmt.Fprint(l.Err, "(Not all processes could be identified, non-owned process info\n"+
			" will not be shown, you would have to be root to see it all.)\n")
	}
}

func (l *Listing) write(s string) {
	io.WriteString(l.Out, s)
}

func (l *Listing) flushRow() {
	l.Out.Write(l.buf)
	l.buf = l.buf[:0]
}

// shown reports whether a row passes -a / -l.
func (l *Listing) shown(server bool) bool {
	o := l.Opts
	return o.All || server == o.Listening
}

// missing handles a kernel table that could not be opened, as net-tools'
// INFO_GUTS does: other errors than "no such file" and "permission denied"
// are fatal (exit 255); a missing table is reported when it was asked for
// (or with -v) and is an error when it was asked for, unless a family alone
// selected every protocol.
func (l *Listing) missing(err error, name string) error {
	if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
		return l.fatal(err)
	}
	o := l.Opts
	if o.NoProt {
		return nil
	}
	if o.SocketKinds > 0 || o.Verbose {
		fmt.Fprintf(l.Err, "netstat: no support for `%s' on this system.\n", name)
	}
	if o.SocketKinds > 0 {
		return errExit(1)
	}
	return nil
}

// table reads one protocol's IPv4 table (when wanted) and its IPv6 table
// (when wanted), the IPv6 one silently skipped when missing.
func (l *Listing) table(name string, read func(ipv6 bool) error) error {
	o := l.Opts
	var status error
	if o.SocketKinds == 0 || o.Inet {
		if err := read(false); err != nil {
			status = l.missing(err, name)
			var code errExit
			if errors.As(status, &code) && code == 255 {
				return status
			}
		}
	}
	if o.SocketKinds == 0 || o.Inet6 {
		if err := read(true); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
			return l.fatal(err)
		}
	}
	return status
}
