// Package compat is the differential test harness for the netstat clone.
//
// The tests in this directory build a small, deterministic "world" inside a
// fresh network namespace (loopback, a veth pair, /etc/netns files for name
// lookups and a set of socket-holding processes), then run the reference
// /usr/bin/netstat and the netstat under test inside that namespace with the
// same arguments and compare stdout, stderr and the exit status byte for
// byte.
//
// How processes enter the namespace:
//
//   - netstat runs (both sides) go through `ip netns exec NAME`, because only
//     that bind-mounts /etc/netns/NAME/{hosts,networks,resolv.conf} over /etc,
//     which makes host and network name lookups deterministic. The command
//     that ip executes is a copy of this test binary in the "exec" role: it
//     sets argv[0] to "netstat", optionally drops to uid/gid 65534 (setgroups,
//     setresgid, setresuid — what SysProcAttr.Credential would do, which cannot
//     be applied to ip itself because ip needs root for setns and mounts) and
//     then execve()s the netstat binary, so the PID never changes and signals
//     reach netstat directly.
//   - socket holders are copies of this test binary in the "holder" role. They
//     are started from a goroutine locked to an OS thread that has setns()'d
//     into the namespace, with SysProcAttr.Credential for their owner and a
//     chosen argv[0]. Holders do not need the /etc/netns files.
//
// Every netstat run leads its own process group: `-c` runs are stopped with
// SIGINT to the group (like Ctrl-C), and a run that exceeds its timeout is
// killed as a group, so a wrapper script's children cannot linger.
//
// Comparison: stdout, stderr and the exit status must be identical byte for
// byte; for `-o` cases the time value of each timer field may differ by up
// to one second. The reference and ours run back to back; a mismatching case
// is retried once (kernel state such as TIME_WAIT can change in between)
// and fails if the mismatch persists. Reports are unified-style line diffs
// with line ends marked "$" so trailing spaces show.
//
// Cleanup happens in t.Cleanup (holders killed by PID, `ip netns del`,
// /etc/netns/NAME and scratch directories removed). Holders also exit when
// the test binary dies, because their stdin pipe closes. If a run is killed
// before its cleanups (go test -timeout), the next run removes namespaces
// and directories named with a PID that no longer exists (see sweep.go).
//
// Files: world.go (namespace), holders.go and population.go (who holds
// which sockets), holder*.go (the holder role), launch.go (exec shim and
// setns), run.go, check.go, compare.go and diff.go (running and comparing),
// sockets_test.go (the case table), random_test.go and randargs.go
// (random command lines: listing options in random order, spelling and
// bundling, plus -r, -i, -g, -s and -M), continuous_test.go, passes.go and
// stamped.go (-c for every table: the first two complete passes compared,
// each table's title rule, no separators, ours not slower),
// selfcheck_test.go (a one-byte change must be caught), compare_test.go
// (comparison logic).
//
// Environment variables:
//
//   - NETSTAT_UNDER_TEST=/path/to/binary: use that binary as "ours" instead of
//     building ./cmd/netstat (NETSTAT_UNDER_TEST=/usr/bin/netstat validates
//     the harness itself: every case must pass).
//   - GONETSTAT_SKIP_COMPAT=1: skip the whole suite (it needs root, iproute2
//     and net-tools).
//   - NETSTAT_RANDOM_CASES=N and NETSTAT_RANDOM_SEED=S: how many random
//     command lines TestRandomOptions runs (120 by default) and the seed to
//     replay (a failure names it; by default the clock chooses).
//
// Run it with:
//
//	go test ./test/compat/ -count=1 -v
package compat
