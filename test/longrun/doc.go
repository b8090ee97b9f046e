// Package longrun checks that netstat -c runs flat: memory and descriptors
// do not grow with the number of passes.
//
// Each -c mode (-tanc, -ic, -rc, -gc) runs with the test-only
// NETSTAT_TEST_INTERVAL=0, so passes follow each other without net-tools'
// one-second pause, in a network namespace of its own (see
// test/internal/nstest) that holds a few sockets. The test counts the
// passes on stdout, samples VmRSS (/proc/PID/status) and the number of
// open descriptors (/proc/PID/fd) after a warm-up and again at the end, and
// requires the end figures to stay within a small bound of the start ones.
// -tanc runs for up to 10,000 passes or a minute, the other modes for a
// shorter while; each must reach a minimum number of passes.
//
// Run it as root with:
//
//	go test ./test/longrun/ -count=1 -v
package longrun
