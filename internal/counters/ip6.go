package counters

import "sync"

// ip6Table is the Ip6 section of /proc/net/snmp6 (keys keep their prefix).
var ip6Table = sync.OnceValue(func() *table {
	return &table{filter: byRaw, entries: map[string]entry{
		"Ip6InReceives":       {always, "%d total packets received"},
		"Ip6InHdrErrors":      {nonzero, "%d with invalid headers"},
		"Ip6InTooBigErrors":   {nonzero, "%d with packets too big"},
		"Ip6InNoRoutes":       {nonzero, "%d incoming packets with no route"},
		"Ip6InAddrErrors":     {nonzero, "%d with invalid addresses"},
		"Ip6InUnknownProtos":  {nonzero, "%d with unknown protocol"},
		"Ip6InTruncatedPkts":  {nonzero, "%d with truncated packets"},
		"Ip6InDiscards":       {always, "%d incoming packets discarded"},
		"Ip6InDelivers":       {always, "%d incoming packets delivered"},
		"Ip6OutForwDatagrams": {always, "%d forwarded"},
		"Ip6OutRequests":      {always, "%d requests sent out"},
		"Ip6OutDiscards":      {nonzero, "%d outgoing packets dropped"},
		"Ip6OutNoRoutes":      {nonzero, "%d dropped because of missing route"},
		"Ip6ReasmTimeout":     {nonzero, "%d fragments dropped after timeout"},
		"Ip6ReasmReqds":       {nonzero, "%d reassemblies required"},
		"Ip6ReasmOKs":         {nonzero, "%d packets reassembled ok"},
		"Ip6ReasmFails":       {nonzero, "%d packet reassemblies failed"},
		"Ip6FragOKs":          {nonzero, "%d outgoing packets fragmented ok"},
		"Ip6FragFails":        {nonzero, "%d outgoing packets failed fragmentation"},
		"Ip6FragCreates":      {nonzero, "%d fragments created"},
		"Ip6InMcastPkts":      {nonzero, "%d incoming multicast packets"},
		"Ip6OutMcastPkts":     {nonzero, "%d outgoing multicast packets"},
	}}
})
