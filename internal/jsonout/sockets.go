package jsonout

import (
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/groups"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// Sockets writes the socket listing as JSON: one document per pass, with
// the rows net-tools' options select (-t -u -w -S -x -A, -a/-l, -4/-6),
// in net-tools' order, and the multicast groups with -g.
type Sockets struct {
	Out  io.Writer // stdout
	Err  io.Writer // stderr, for warnings, as the text listing words them
	Opts *cli.Options
	Src  sockets.Source
	// Names finds host, service and user names; it is asked only for
	// what the text would show as a name (see docs/json.md).
	Names sockets.Namer
	// Owners builds the inode → process index; called at most once per
	// pass, with -p or when Filter needs owners.
	Owners func() *owners.Index
	// Groups reads the multicast memberships (-g); nil when there are
	// none to read.
	Groups groups.Source
	// Filter, when set, drops the rows it does not keep (not SCTP rows).
	Filter sockets.RowFilter
	// EUID is the effective uid, printed in the "-p" warning.
	EUID int
}

// statusError carries an exit status out of a section.
type statusError int

func (e statusError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// pass is the state of one document.
type pass struct {
	*Sockets
	doc    *document
	owners *owners.Index
	// ownersOut says whether rows carry their owners (-p).
	ownersOut bool
	scratch   []owners.Owner
}

// Pass writes one whole listing document and returns the exit status, as
// the text listing's would be. The document is complete even when a
// table ends the listing early.
func (t *Sockets) Pass() int {
	o := t.Opts
	p := &pass{Sockets: t, doc: newDocument(t.Out, "sockets"), ownersOut: o.Programs}
	if o.Programs || (t.Filter != nil && t.Filter.NeedsOwners()) {
		p.owners = t.Owners()
		if o.Programs {
			p.warnOwners()
		}
	}
	err := p.sections()
	if cerr := p.doc.close(); cerr != nil && err == nil {
		err = cerr
	}
	var code statusError
	switch {
	case errors.As(err, &code):
		return int(code)
	case err != nil:
		return 255
	}
	return 0
}

// sections writes the selected sections: the Internet and SCTP rows and
// the UNIX rows in "sockets", then the groups.
func (p *pass) sections() error {
	o := p.Opts
	anyKinds := o.SocketKinds > 0
	inet := !anyKinds || o.TCP || o.SCTP || o.UDP || o.UDPLite || o.Raw
	unix := !anyKinds || o.Unix
	var status error
	if inet || unix {
		p.doc.array("sockets")
		if inet {
			status = p.inetSections()
		}
		if status == nil && unix {
			status = p.unixSection()
		}
		p.doc.end()
	}
	if status == nil && o.Groups && p.Groups != nil {
		status = p.groupSection()
	}
	if status == nil {
		status = p.legacySections()
	}
	if status == nil && anyKinds && (o.L2CAP || o.RFCOMM || o.Bluetooth) {
		fmt.Fprint(p.Err, "netstat: feature `AF BLUETOOTH' not supported.\n"+
			"Please recompile `net-tools' with newer kernel source or full configuration.\n")
		status = statusError(1)
	}
	return status
}

// warnOwners prints net-tools' warnings about processes whose sockets
// could not be read.
func (p *pass) warnOwners() {
	switch ix := p.owners; {
	case ix.Unreadable || (ix.Denied && ix.Len() == 0):
		fmt.Fprintf(p.Err, "(No info could be read for \"-p\": geteuid()=%d but you should be root.)\n", p.EUID)
	case ix.Denied:
		fmt.Fprint(p.Err, "(Not all processes could be identified, non-owned process info\n"+
			" will not be shown, you would have to be root to see it all.)\n")
	}
}

// shown reports whether a row passes -a / -l.
func (p *pass) shown(server bool) bool {
	return p.Opts.All || server == p.Opts.Listening
}

// writeOwners writes the "owners" member of a row (with -p): every
// process holding inode, the one net-tools shows first.
func (p *pass) writeOwners(inode uint64) {
	if !p.ownersOut {
		return
	}
	p.scratch = p.owners.Owners(p.scratch[:0], inode)
	d := p.doc
	d.array("owners")
	for _, o := range p.scratch {
		d.beginObject()
		d.int("pid", int64(o.PID))
		d.str("program", o.Program)
		d.end()
	}
	d.end()
}

// missing handles a table that could not be opened as the text listing
// does: any error but "no such file" and "permission denied" ends the
// listing (255); a missing table is reported when asked for (or with -v)
// and is an error when asked for, unless a family alone selected every
// protocol.
func (p *pass) missing(err error, name string, noProtExempt bool) error {
	if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
		return p.fatal(err)
	}
	o := p.Opts
	if noProtExempt && o.NoProt {
		return nil
	}
	if o.SocketKinds > 0 || o.Verbose {
		fmt.Fprintf(p.Err, "netstat: no support for `%s' on this system.\n", name)
	}
	if o.SocketKinds > 0 {
		return statusError(1)
	}
	return nil
}

// fatal prints err as perror(3) would and ends the listing with 255.
func (p *pass) fatal(err error) error {
	fmt.Fprintln(p.Err, cerr.Text(err))
	return statusError(255)
}

// table reads one protocol's IPv4 table (when wanted) and its IPv6 table
// (when wanted), the IPv6 one silently skipped when missing.
func (p *pass) table(name string, read func(ipv6 bool) error) error {
	o := p.Opts
	var status error
	if o.SocketKinds == 0 || o.Inet {
		if err := read(false); err != nil {
			status = p.missing(err, name, true)
			if code, ok := status.(statusError); ok && code == 255 {
				return status
			}
		}
	}
	if o.SocketKinds == 0 || o.Inet6 {
		if err := read(true); err != nil && !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, fs.ErrPermission) {
			return p.fatal(err)
		}
	}
	return status
}

// legacyFamilies are the old socket families net-tools looks for, in its
// order; they have no rows, only messages.
var legacyFamilies = []struct {
	family sockets.LegacyFamily
	name   string
	wanted func(o *cli.Options) bool
}{
	{sockets.IPX, "AF IPX", func(o *cli.Options) bool { return o.IPX }},
	{sockets.AX25, "AF AX25", func(o *cli.Options) bool { return o.AX25 }},
	{sockets.X25, "AF X25", func(o *cli.Options) bool { return o.X25 }},
	{sockets.NetROM, "AF NETROM", func(o *cli.Options) bool { return o.NetROM }},
	{sockets.Rose, "AF ROSE", func(o *cli.Options) bool { return o.Rose }},
}

func (p *pass) legacySections() error {
	all := p.Opts.SocketKinds == 0
	for _, f := range legacyFamilies {
		if !all && !f.wanted(p.Opts) {
			continue
		}
		if err := p.Src.Legacy(f.family); err != nil {
			if err := p.missing(err, f.name, false); err != nil {
				return err
			}
		}
	}
	return nil
}
