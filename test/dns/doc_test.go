// Package dns checks, end to end and as root, how the built netstat uses
// DNS for host names. Each test makes a network namespace of its own with
// /etc/netns files ("hosts: files dns", "nameserver 127.0.0.1") and a test
// server, or none, on 127.0.0.1:53:
//
//   - an answering server (answering_test.go, cases in cases_test.go):
//     short, long, several and odd PTR names, NXDOMAIN, SERVFAIL, answers
//     that need TCP, and one query left unanswered, for IPv4, IPv6 and
//     v4-mapped sockets, routes and multicast groups; "-ta", "-t", "-tae",
//     "-r", "-re", "-r -6" and "-g" must match /usr/bin/netstat byte for
//     byte, the names must come quickly, and every query must be a plain,
//     well-framed one;
//   - the same server, with resolv.conf and RES_OPTIONS variants
//     (edns_test.go): ours must send EDNS(0) exactly when glibc does;
//   - a deaf server (deaf_test.go, thousand_test.go): about 200 and then
//     1000 peers whose queries are never answered; "netstat -ta" must
//     finish within its DNS budget plus a margin and print the numbers
//     "netstat -tan" prints;
//   - nothing listening (thousand_test.go): refused queries must not make
//     "-ta" wait at all.
//
// NETSTAT_UNDER_TEST=/path/to/netstat tests that binary instead of
// building ./cmd/netstat.
package dns
