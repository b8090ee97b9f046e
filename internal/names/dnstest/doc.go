// Package dnstest is the DNS side of the name tests: the wire format a
// test name server needs (strict query parsing, answers with or without
// truncation, reverse names) and a server loop over UDP and TCP. Both the
// unit tests of internal/names and the namespace tests of test/dns build
// their servers on it. Tests only: nothing in netstat imports it.
package dnstest
