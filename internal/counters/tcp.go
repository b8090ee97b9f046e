package counters

import "sync"

// tcpTable is the Tcp section of /proc/net/snmp. RtoAlgorithm, RtoMin,
// RtoMax and MaxConn are known but never printed.
var tcpTable = sync.OnceValue(func() *table {
	return &table{filter: byTCP, entries: map[string]entry{
		"RtoAlgorithm": {silent, ""},
		"RtoMin":       {silent, ""},
		"RtoMax":       {silent, ""},
		"MaxConn":      {silent, ""},
		"ActiveOpens":  {always, "%d active connection openings"},
		"PassiveOpens": {always, "%d passive connection openings"},
		"AttemptFails": {always, "%d failed connection attempts"},
		"EstabResets":  {always, "%d connection resets received"},
		"CurrEstab":    {always, "%d connections established"},
		"InSegs":       {always, "%d segments received"},
		"OutSegs":      {always, "%d segments sent out"},
		"RetransSegs":  {always, "%d segments retransmitted"},
		"InErrs":       {always, "%d bad segments received"},
		"OutRsts":      {always, "%d resets sent"},
	}}
})
