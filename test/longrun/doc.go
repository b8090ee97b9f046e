// Package longrun checks that every repeating mode of netstat, and the
// exporter, runs flat: memory, descriptors and threads do not grow with
// the number of passes. Each run must reach 10,000 passes.
//
// The tests run in a network namespace of their own (see
// test/internal/nstest), where a holder process keeps a few sockets of
// each kind open. They run, one after the other:
//
//   - TestContinuous: each -c mode, with the test-only
//     NETSTAT_TEST_INTERVAL=0 so that passes follow each other without
//     net-tools' one-second pause: -tanc, -tanpc, -xc, -xpc, -ic, -iec,
//     -rc, -rnc -6, -gc, --json -c with -tan, -i and -r, --summary -c,
//     --netns=PATH -c -tan (the test's own namespace; --all-netns refuses
//     -c) and --nat -c. A pass is counted at the line that begins it:
//     the table's header, the lo block of -iec (lo is the namespace's
//     only interface), the JSON document, the summary's title.
//   - TestWatch: --watch=1us -uan into a pipe. The watch prints only
//     changes, so the test makes each one: it opens a UDP socket, waits
//     for the "+" line, closes it, waits for the "-" line, and so on. A
//     change made after the previous line was read can only show in a
//     later sample, so each line stands for a sample of its own, and the
//     lines count (a lower bound of) the samples.
//   - TestExporter: netstat-exporter, built from ./cmd/netstat-exporter,
//     serving the namespace; the test scrapes /metrics over one
//     kept-alive connection. Every scrape must answer 200, parse as the
//     text format and have as many series as the first. The fewest
//     go_goroutines of the last 100 scrapes may not exceed the fewest of
//     the 100 before the start sample (a scrape's own goroutines come and
//     go).
//
// Each run is sampled after a fifth of its passes, once the Go runtime
// has been through two collections, and again after the last: VmRSS and
// Threads (/proc/PID/status, the highest of 20 readings 2 ms apart), the
// descriptors held open through all 20 readings and the most open at
// once (/proc/PID/fd). At the end VmRSS may exceed the start sample by 2
// MB, threads by 2, held descriptors not at all; in each sample at most
// 16 + 2 per CPU descriptors may be open beyond those held (a dropped
// *os.File is closed only by its finalizer, so a leak of them shows as a
// pile, not as held descriptors). The lowest live heap after the last 10
// collections (GODEBUG=gctrace=1, on stderr) may exceed the lowest after
// the first 10 by 1 MB: the figure of a single collection also counts
// what was allocated while it marked, 0 to 6 MB on a flat run. Each run
// logs its figures (passes, time, the two samples, the heap), which CI
// keeps with -v.
//
// Each run has a time limit of about three times what its 10,000 passes
// took on a loaded 2-core machine (5 s at least). There, the whole
// package took 4.5 to 5.5 minutes, most of it in costs that are the
// kernel's or the host's, not netstat's: a TCP dump walks the kernel's
// whole established hash table, shared by every namespace and sized by
// RAM (262,144 buckets, about 1.3 ms a pass: -tanc, --json -c -tan,
// --summary -c, --netns), a conntrack dump locks each of the
// connection tracking table's buckets (262,144, about 2.6 ms: --nat -c),
// -p reads the link of every descriptor of every process of the host (2
// to 4 ms with 100 processes: -tanpc, -xpc), and a scrape does the TCP
// dump and the owner scan and more (about 15 ms).
//
// Run it as root with:
//
//	go test ./test/longrun/ -count=1 -v
package longrun
