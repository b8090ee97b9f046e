// Package filter tests the socket filter options (--state, --port, --sport,
// --dport, --addr, --pid, --program-name, --user) and the counts (--summary,
// --count) end to end: it builds real sockets in a network namespace of its
// own (IPv4, IPv6, IPv4-mapped, UDP, UNIX, a socket of another uid, a
// helper process with its own name), and checks that our netstat with a
// filter prints exactly the lines of net-tools' netstat that satisfy the
// filter's predicate, headers kept, and that the counts agree with
// counting net-tools' text.
package filter
