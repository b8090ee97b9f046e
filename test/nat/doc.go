// Package nat tests "netstat --nat" against real translated connections:
// three network namespaces (client, router, server) joined by veth pairs,
// nftables masquerading and a port forward on the router, TCP, UDP and
// ICMP traffic across, and the netstat under test run in the router's
// namespace. The namespaces carry the test's process id in their names
// and are deleted when the test ends.
package nat
