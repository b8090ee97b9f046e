// Package counters prints the kernel's protocol statistics the way
// net-tools 2.10 "netstat -s" does. It works on plain records (sections of
// named counters, in the kernel's order) delivered by a Source; the Linux
// reader lives elsewhere.
package counters

// Counter is one statistic: its name as the kernel spells it and its value
// as netstat reads it, an unsigned 64-bit number. A negative kernel number
// (Tcp MaxConn is -1) wraps around, as C's strtoull does.
type Counter struct {
	Name  string
	Value uint64
}

// Signed returns the value as a signed number, undoing the wrap-around of a
// negative kernel value.
func (c Counter) Signed() int64 { return int64(c.Value) }

// Section is one titled group of counters, e.g. "Ip" or "TcpExt" from a
// header/value line pair, or "Icmp6" from /proc/net/snmp6.
type Section struct {
	Name     string
	Counters []Counter
}
