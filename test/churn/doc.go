// Package churn checks that netstat is never wrong and never panics while
// the sockets and processes it reports come and go under it.
//
// TestChurn runs in a network namespace of its own (see
// test/internal/nstest). For a bounded time, goroutines keep creating and
// closing TCP (IPv4, IPv6, v4-mapped), UDP and UNIX (path, abstract,
// datagram, seqpacket) sockets, and keep starting and killing, by PID,
// helper processes that hold sockets; meanwhile the netstat under test runs
// -tanp, -xp, -tanpe, -s and -i over and over, at least minRuns times in
// all. Every run must exit 0 within runTimeout with nothing on stderr (a
// "panic" or "goroutine" there is counted apart), and every line of stdout
// must parse back against net-tools' layout: the header lines exactly; each
// row column by column (widths, alignment, separators) with each value
// checked (TCP state, namespace addresses, ports, user, the PID/name of a
// process the test started, UNIX type, state, flags and path; lo for -i);
// -s line by line against the line shapes /usr/bin/netstat -s printed in
// the same namespace. TestLayout shows the checks accept net-tools' own
// output and reject rows shifted by one byte or carrying a wrong value.
//
// Run it as root with:
//
//	go test ./test/churn/ -count=1 -v
package churn
