package sockets

import "github.com/gonetstat/netstat/internal/owners"

// RowFilter picks the rows a listing shows, after net-tools' own -a/-l
// choice (package filter implements it from --state, --port, ...). owner
// is the socket's first owner; owned is false when it has none or the
// owners were not read (they are read when NeedsOwners says so).
type RowFilter interface {
	Inet(s *Socket, owner owners.Owner, owned bool) bool
	Unix(u *UnixSocket, owner owners.Owner, owned bool) bool
	// NeedsOwners reports whether the filter looks at owners, so that the
	// listing reads them even without -p.
	NeedsOwners() bool
}

// keepInet reports whether the filter (if any) keeps an Internet row.
func (l *Listing) keepInet(s *Socket, x *extras) bool {
	if l.Filter == nil {
		return true
	}
	o, ok := x.owners.Lookup(s.Inode)
	return l.Filter.Inet(s, o, ok)
}

// keepUnix reports whether the filter (if any) keeps a UNIX row.
func (l *Listing) keepUnix(u *UnixSocket, x *extras) bool {
	if l.Filter == nil {
		return true
	}
	o, ok := x.owners.Lookup(u.Inode)
	return l.Filter.Unix(u, o, ok)
}
