// Package tcpinfo tests netstat --tcp-info against real connections: in a
// network namespace of its own (test/internal/nstest), a second namespace
// joined by a veth pair with 20 ms of netem delay each way carries a TCP
// connection of known size, and the tcp-info columns must say what the
// kernel did (round-trip time near 40 ms, bytes acknowledged and received,
// congestion control) while the net-tools columns stay those of -tan.
package tcpinfo
