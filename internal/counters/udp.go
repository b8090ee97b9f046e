package counters

import "sync"

// udpTable is the Udp section of /proc/net/snmp.
var udpTable = sync.OnceValue(func() *table {
	return &table{filter: byUDP, entries: map[string]entry{
		"InDatagrams":  {always, "%d packets received"},
		"NoPorts":      {always, "%d packets to unknown port received"},
		"InErrors":     {always, "%d packet receive errors"},
		"OutDatagrams": {always, "%d packets sent"},
		"RcvbufErrors": {always, "%d receive buffer errors"},
		"SndbufErrors": {always, "%d send buffer errors"},
	}}
})

// udp6Table is the Udp6 section of /proc/net/snmp6.
var udp6Table = sync.OnceValue(func() *table {
	return &table{filter: byUDP, entries: map[string]entry{
		"Udp6InDatagrams":  {always, "%d packets received"},
		"Udp6NoPorts":      {always, "%d packets to unknown port received"},
		"Udp6InErrors":     {always, "%d packet receive errors"},
		"Udp6OutDatagrams": {always, "%d packets sent"},
	}}
})
