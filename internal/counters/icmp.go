package counters

import "sync"

// icmpTable is the Icmp section of /proc/net/snmp: two totals per direction
// and the per-type histograms.
var icmpTable = sync.OnceValue(func() *table {
	return &table{filter: byRaw, entries: map[string]entry{
		"InMsgs":          {always, "%d ICMP messages received"},
		"InErrors":        {always, "%d input ICMP message failed"},
		"InDestUnreachs":  {inHist, "destination unreachable: %d"},
		"InTimeExcds":     {inHist, "timeout in transit: %d"},
		"InParmProbs":     {inHist, "wrong parameters: %d"},
		"InSrcQuenchs":    {inHist, "source quenches: %d"},
		"InRedirects":     {inHist, "redirects: %d"},
		"InEchos":         {inHist, "echo requests: %d"},
		"InEchoReps":      {inHist, "echo replies: %d"},
		"InTimestamps":    {inHist, "timestamp request: %d"},
		"InTimestampReps": {inHist, "timestamp reply: %d"},
		"InAddrMasks":     {inHist, "address mask request: %d"},
		"InAddrMaskReps":  {inHist, "address mask replies: %d"},

		"OutMsgs":          {always, "%d ICMP messages sent"},
		"OutErrors":        {always, "%d ICMP messages failed"},
		"OutDestUnreachs":  {outHist, "destination unreachable: %d"},
		"OutTimeExcds":     {outHist, "time exceeded: %d"},
		"OutParmProbs":     {outHist, "wrong parameters: %d"},
		"OutSrcQuenchs":    {outHist, "source quench: %d"},
		"OutRedirects":     {outHist, "redirect: %d"},
		"OutEchos":         {outHist, "echo requests: %d"},
		"OutEchoReps":      {outHist, "echo replies: %d"},
		"OutTimestamps":    {outHist, "timestamp requests: %d"},
		"OutTimestampReps": {outHist, "timestamp replies: %d"},
		"OutAddrMasks":     {outHist, "address mask requests: %d"},
		"OutAddrMaskReps":  {outHist, "address mask replies: %d"},
	}}
})
