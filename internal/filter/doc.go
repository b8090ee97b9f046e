// Package filter reads the socket filter options (--state, --port, --sport,
// --dport, --addr, --pid, --program-name, --user) and decides, row by row,
// which sockets a listing keeps.
//
// Options combine with AND; the items of one option's comma-separated list
// combine with OR. A filter never adds a row: it only drops rows that
// net-tools' own choice (-t/-u/-x, -4/-6, -a/-l) shows. SCTP rows are not
// filtered.
//
// States. --state takes net-tools' state names, case-insensitive, with '-'
// accepted for '_' (ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2,
// TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK, LISTEN, CLOSING), and two groups
// taken from ss: "connected" (every state but LISTEN, CLOSE, TIME_WAIT and
// SYN_RECV) and "synchronized" (connected but not SYN_SENT). Internet rows
// match on the kernel's state number, for every protocol: a connected UDP or
// RAW socket is ESTABLISHED, an unconnected one CLOSE (net-tools shows CLOSE
// as a blank for UDP and as the number 7 for RAW). UNIX rows match on the
// State column: LISTEN (or LISTENING) selects listening UNIX sockets, CLOSE
// the blank state (unconnected, not listening), "connected" and
// "synchronized" select CONNECTED; CONNECTING, DISCONNECTING and FREE are
// accepted for UNIX rows only. Other TCP names never match a UNIX row.
//
// Ports and addresses. --port matches either end, --sport the local end,
// --dport the remote end; items are numbers or ranges (8000-8080), and port
// 0 is the "*" of an unconnected end. A RAW socket's port is the IP
// protocol number, as net-tools prints it. --addr takes CIDR prefixes or
// single addresses and matches either end; an IPv4 prefix also matches
// IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) and the other way round. A
// UNIX socket never matches a port or address filter.
//
// Owners. --pid and --program-name match the socket's first owner, the
// process net-tools' -p column names (the program name is that column's
// name, compared in full and case-sensitively); a socket with no known
// owner never matches. --user takes login names or numeric uids: a number
// is a uid, a name matches the sockets whose uid has that name in the
// passwd database (looked up as the -e column does). UNIX sockets carry no
// uid in the kernel table, so they never match --user.
package filter
