// Package routes prints the kernel routing tables as net-tools 2.10
// "netstat -r" does: the IPv4 FIB and route cache, the IPv6 routing table,
// and the messages for families without routing support.
//
// The rows come from a Source (the Linux reader lives in
// internal/linux/procnet); host and network names from a Namer. Nothing here
// reads the kernel or the resolver itself.
package routes
