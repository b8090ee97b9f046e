// Package nat prints "netstat -M", the IP masquerading table of Linux 2.2
// (/proc/net/ip_masquerade), as net-tools 2.10 does. Kernels since 2.4 have
// no such table, so the usual output is net-tools' "no support" message.
package nat

import "net/netip"

// Entry is one masqueraded connection.
type Entry struct {
	Proto   string // ip, tcp, udp, icmp, gre or esp
	Src     netip.Addr
	Dst     netip.Addr
	SPort   uint16
	DPort   uint16
	MPort   uint16 // the masquerading port
	InitSeq uint64
	Delta   int16
	PDelta  int16
	Expires uint64 // in 1/100 s
}

// Table is the masquerading table.
type Table struct {
	// HasPDelta tells whether the header named a PDelta column.
	HasPDelta bool
	Entries   []Entry
}

// FormatError is a table net-tools refuses, with its internal-error text
// ("ip_masquerade format error", "fgets() failed", …).
type FormatError struct {
	Text string
}

func (e *FormatError) Error() string { return "masq_info: " + e.Text }

// Source reads the masquerading table. A missing table yields the open
// error (wrapping fs.ErrNotExist); a malformed one a *FormatError.
type Source interface {
	Masquerade() (Table, error)
}
