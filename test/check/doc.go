// Package check holds the namespace tests of netstat --check: each test
// starts a process in a network namespace of its own that builds one
// condition for real (a listener that never accepts, a SYN flood, a
// CLOSE_WAIT leak, a tiny ip_local_port_range, a full TIME_WAIT table,
// tracked connections, interface drops, UDP buffer overflows), runs the
// netstat under test in that namespace with --check, and asserts the
// finding and its severity.
package check
