// Package signals checks how netstat ends when its reader goes away or a
// signal arrives, against /usr/bin/netstat in the same situation.
//
// TestPipeClosed: `netstat -an | head -1`. The namespace (see
// test/internal/nstest) is filled with enough sockets that the listing is
// several times the pipe buffer; the reader closes the pipe after the first
// line. Both netstats must end the same way, by SIGPIPE or with status 0,
// with nothing on stderr.
//
// TestContinuousPipeClosed: `netstat -c ARGS | head -1` for each table that
// repeats (-tan, -rn, -i, -gn). net-tools dies of SIGPIPE at its second
// pass, a second after the reader left; ours must end the same way within
// a few seconds, with the same stderr: empty, but for the igmp6 warning
// net-tools prints from its second -g pass on.
//
// TestContinuousSignal: `netstat -c` stopped with SIGINT or SIGTERM by PID,
// both while it sleeps between passes and (ours, with the test-only
// NETSTAT_TEST_INTERVAL=0) while it is printing. It must end as net-tools
// does — killed by that signal — within a few seconds, print nothing on
// stderr, and leave no process behind: it has no children while it runs,
// and the test process, a child subreaper, inherits none afterwards.
//
// Run it as root with:
//
//	go test ./test/signals/ -count=1 -v
package signals
