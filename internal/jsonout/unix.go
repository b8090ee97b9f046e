package jsonout

import (
	"fmt"

	"github.com/gonetstat/netstat/internal/sockets"
)

// unixFlagNames are the "flags" values of a UNIX socket, by bit.
var unixFlagNames = []struct {
	bit  uint64
	name string
}{
	{sockets.UnixAccept, "ACC"},
	{sockets.UnixWaitData, "W"},
	{sockets.UnixNoSpace, "N"},
}

// unixSection writes the UNIX rows that -a/-l and the filter keep.
func (p *pass) unixSection() error {
	err := p.Src.Unix(func(u *sockets.UnixSocket) {
		if !p.shown(u.IsListening()) {
			return
		}
		if p.Filter != nil {
			o, ok := p.owners.Lookup(u.Inode)
			if !p.Filter.Unix(u, o, ok) {
				return
			}
		}
		p.unixRow(u)
	}, func() { fmt.Fprintln(p.Err, "warning, got bogus unix line.") })
	if err != nil {
		return p.missing(err, "AF UNIX", false)
	}
	return nil
}

// unixRow writes one UNIX socket object.
func (p *pass) unixRow(u *sockets.UnixSocket) {
	d := p.doc
	d.beginObject()
	d.str("kind", "unix")
	d.str("protocol", "unix")
	d.uint("protocol_code", u.Protocol)
	d.uint("ref_count", u.RefCount)
	d.array("flags")
	for _, f := range unixFlagNames {
		if u.Flags&f.bit != 0 {
			d.strValue(f.name)
		}
	}
	d.end()
	d.uint("flags_value", u.Flags)
	d.str("type", u.TypeText())
	d.uint("type_code", u.Type)
	state := u.StateText()
	if state == "" {
		state = "UNCONNECTED"
	}
	d.str("state", state)
	d.uint("state_code", u.State)
	d.uint("inode", u.Inode)
	if u.Path != "" {
		d.str("path", u.Path)
	}
	p.writeOwners(u.Inode)
	d.end()
	d.row()
}
