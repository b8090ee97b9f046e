// Package conntrack reads the kernel's connection tracking table (the
// entries "conntrack -L" lists) over netlink, IPv4 and IPv6 together, in
// the network namespace of the calling thread, and hands them to package
// nat as plain records.
package conntrack

import (
	ct "github.com/ti-mo/conntrack"

	"github.com/gonetstat/netstat/internal/nat"
)

// Table is the conntrack table of the current network namespace. Its zero
// value is ready to use; each Flows call opens and closes its own netlink
// socket.
type Table struct{}

// Flows dumps the table. The kernel answers with the whole table at once,
// so the records of every entry are held together. Errors are *Error
// values that say what is missing (the netlink module, the permission).
func (Table) Flows() ([]nat.Flow, error) {
	c, err := ct.Dial(nil)
	if err != nil {
		return nil, explain("opening a netfilter netlink socket", err)
	}
	defer c.Close()
	dumped, err := c.Dump(nil)
	if err != nil {
		return nil, explain("dumping the connection tracking table", err)
	}
	flows := make([]nat.Flow, len(dumped))
	for i := range dumped {
		convert(&flows[i], &dumped[i])
	}
	return flows, nil
}
