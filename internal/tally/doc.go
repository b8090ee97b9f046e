// Package tally counts the sockets of a listing instead of printing them:
// --summary counts them per protocol, family and state, --count=KEY per
// value of one key (state, lport, raddr, program, user), largest first.
// Both print as aligned text or as a small JSON document.
//
// A Collector stands in the listing's row filter: it hands each row the
// listing would print (after the -a/-l choice and the --state, --port, ...
// filters) to the counts and drops it, so the counts see exactly the rows
// the text listing shows, and nothing is printed. SCTP rows are not
// counted (the listing does not filter them).
//
// Keys. state is the --state word of the row (see filter.InetState and
// filter.UnixState): ESTABLISHED, LISTEN, CLOSE (unconnected UDP, RAW and
// UNIX sockets, which net-tools shows blank or as 7), ... lport is
// "PORT/PROTO" (22/tcp; a RAW socket's port is its IP protocol number),
// raddr the remote address in numeric form (IPv4-mapped addresses as
// IPv4; "*" for an unconnected end), program the owner's program name ("-"
// when unknown, as the -p column), user the login name of the socket's uid
// ("-n"/--numeric-users: the uid). UNIX sockets have no port, address or
// uid: lport, raddr and user count Internet sockets only.
package tally

// Version is the version of the JSON documents of this package, written in
// their "version" field. It grows when a field changes meaning or
// disappears; new fields may be added without a new version.
const Version = 1
