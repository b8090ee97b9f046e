package counters

import "sync"

// sctpTable is /proc/net/sctp/snmp. Every counter is printed, zero or not;
// two sentences end in a space.
var sctpTable = sync.OnceValue(func() *table {
	return &table{filter: bySCTP, entries: map[string]entry{
		"SctpCurrEstab":        {always, "%d Current Associations"},
		"SctpActiveEstabs":     {always, "%d Active Associations"},
		"SctpPassiveEstabs":    {always, "%d Passive Associations"},
		"SctpAborteds":         {always, "%d Number of Aborteds "},
		"SctpShutdowns":        {always, "%d Number of Graceful Terminations"},
		"SctpOutOfBlues":       {always, "%d Number of Out of Blue packets"},
		"SctpChecksumErrors":   {always, "%d Number of Packets with invalid Checksum"},
		"SctpOutCtrlChunks":    {always, "%d Number of control chunks sent"},
		"SctpOutOrderChunks":   {always, "%d Number of ordered chunks sent"},
		"SctpOutUnorderChunks": {always, "%d Number of Unordered chunks sent"},
		"SctpInCtrlChunks":     {always, "%d Number of control chunks received"},
		"SctpInOrderChunks":    {always, "%d Number of ordered chunks received"},
		"SctpInUnorderChunks":  {always, "%d Number of Unordered chunks received"},
		"SctpFragUsrMsgs":      {always, "%d Number of messages fragmented"},
		"SctpReasmUsrMsgs":     {always, "%d Number of messages reassembled "},
		"SctpOutSCTPPacks":     {always, "%d Number of SCTP packets sent"},
		"SctpInSCTPPacks":      {always, "%d Number of SCTP packets received"},
	}}
})
