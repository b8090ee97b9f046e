package tally

import (
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// Collector is a sockets.RowFilter that counts, instead of printing, the
// rows its Keep filter keeps: set it as a Listing's Filter (with the
// Listing's output discarded) and every row the listing would show goes to
// Summary and Counts. It drops every row.
type Collector struct {
	// Keep is the row filter of the options (--state, --port, ...); nil
	// keeps every row.
	Keep sockets.RowFilter
	// Summary and Counts receive the kept rows; either may be nil.
	Summary *Summary
	Counts  *Counts
}

var _ sockets.RowFilter = (*Collector)(nil)

// Inet counts an Internet row the Keep filter keeps, and drops it.
func (c *Collector) Inet(s *sockets.Socket, o owners.Owner, owned bool) bool {
	if c.Keep != nil && !c.Keep.Inet(s, o, owned) {
		return false
	}
	if c.Summary != nil {
		c.Summary.AddInet(s)
	}
	if c.Counts != nil {
		c.Counts.AddInet(s, o, owned)
	}
	return false
}

// Unix counts a UNIX row the Keep filter keeps, and drops it.
func (c *Collector) Unix(u *sockets.UnixSocket, o owners.Owner, owned bool) bool {
	if c.Keep != nil && !c.Keep.Unix(u, o, owned) {
		return false
	}
	if c.Summary != nil {
		c.Summary.AddUnix(u)
	}
	if c.Counts != nil {
		c.Counts.AddUnix(u, o, owned)
	}
	return false
}

// NeedsOwners reports whether the filter or the count key reads owners.
func (c *Collector) NeedsOwners() bool {
	return c.Keep != nil && c.Keep.NeedsOwners() || c.Counts != nil && c.Counts.NeedsOwners()
}
