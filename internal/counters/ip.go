package counters

import "sync"

// ipTable is the Ip section of /proc/net/snmp. "Forwarding" is unknown to
// netstat in practice (its entry is never found) and prints as "Forwarding: N".
var ipTable = sync.OnceValue(func() *table {
	return &table{filter: byRaw, entries: map[string]entry{
		"DefaultTTL":      {silent, ""},
		"InReceives":      {always, "%d total packets received"},
		"InHdrErrors":     {nonzero, "%d with invalid headers"},
		"InAddrErrors":    {nonzero, "%d with invalid addresses"},
		"ForwDatagrams":   {always, "%d forwarded"},
		"InUnknownProtos": {nonzero, "%d with unknown protocol"},
		"InDiscards":      {always, "%d incoming packets discarded"},
		"InDelivers":      {always, "%d incoming packets delivered"},
		"OutRequests":     {always, "%d requests sent out"},
		"OutDiscards":     {nonzero, "%d outgoing packets dropped"},
		"OutNoRoutes":     {nonzero, "%d dropped because of missing route"},
		"ReasmTimeout":    {nonzero, "%d fragments dropped after timeout"},
		"ReasmReqds":      {nonzero, "%d reassemblies required"},
		"ReasmOKs":        {nonzero, "%d packets reassembled ok"},
		"ReasmFails":      {nonzero, "%d packet reassemblies failed"},
		"FragOKs":         {nonzero, "%d outgoing packets fragmented ok"},
		"FragFails":       {nonzero, "%d outgoing packets failed fragmentation"},
		"FragCreates":     {nonzero, "%d fragments created"},
	}}
})
