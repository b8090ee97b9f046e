// Package links prints the interface table of netstat -i, short or in the
// ifconfig-like long form of -e, exactly as net-tools 2.10 does.
//
// The kernel is reached through a Source, so the rules that net-tools applies
// itself (which interfaces are listed and in what order, which are shown,
// how every field is written) live here and can be tested with fixtures.
package links
