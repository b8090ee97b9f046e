package counters

import "sync"

// icmp6Table is the Icmp6 section of /proc/net/snmp6. netstat's entry for
// Icmp6OutRouterAdvertisements is misspelt with a trailing space, so that
// counter is unknown and prints as "Icmp6OutRouterAdvertisements: N".
var icmp6Table = sync.OnceValue(func() *table {
	return &table{filter: byRaw, entries: map[string]entry{
		"Icmp6InMsgs":                   {always, "%d ICMP messages received"},
		"Icmp6InErrors":                 {always, "%d input ICMP message failed"},
		"Icmp6InDestUnreachs":           {inHist, "destination unreachable: %d"},
		"Icmp6InPktTooBigs":             {inHist, "packets too big: %d"},
		"Icmp6InTimeExcds":              {inHist, "received ICMPv6 time exceeded: %d"},
		"Icmp6InParmProblems":           {inHist, "parameter problem: %d"},
		"Icmp6InEchos":                  {inHist, "echo requests: %d"},
		"Icmp6InEchoReplies":            {inHist, "echo replies: %d"},
		"Icmp6InGroupMembQueries":       {inHist, "group member queries: %d"},
		"Icmp6InGroupMembResponses":     {inHist, "group member responses: %d"},
		"Icmp6InGroupMembReductions":    {inHist, "group member reductions: %d"},
		"Icmp6InRouterSolicits":         {inHist, "router solicits: %d"},
		"Icmp6InRouterAdvertisements":   {inHist, "router advertisement: %d"},
		"Icmp6InNeighborSolicits":       {inHist, "neighbour solicits: %d"},
		"Icmp6InNeighborAdvertisements": {inHist, "neighbour advertisement: %d"},
		"Icmp6InRedirects":              {inHist, "redirects: %d"},

		"Icmp6OutMsgs":                   {always, "%d ICMP messages sent"},
		"Icmp6OutDestUnreachs":           {outHist, "destination unreachable: %d"},
		"Icmp6OutPktTooBigs":             {outHist, "packets too big: %d"},
		"Icmp6OutTimeExcds":              {outHist, "sent ICMPv6 time exceeded: %d"},
		"Icmp6OutParmProblems":           {outHist, "parameter problem: %d"},
		"Icmp6OutEchos":                  {outHist, "echo requests: %d"},
		"Icmp6OutEchoReplies":            {outHist, "echo replies: %d"},
		"Icmp6OutGroupMembQueries":       {outHist, "group member queries: %d"},
		"Icmp6OutGroupMembResponses":     {outHist, "group member responses: %d"},
		"Icmp6OutGroupMembReductions":    {outHist, "group member reductions: %d"},
		"Icmp6OutRouterSolicits":         {outHist, "router solicits: %d"},
		"Icmp6OutNeighborSolicits":       {outHist, "neighbor solicits: %d"},
		"Icmp6OutNeighborAdvertisements": {outHist, "neighbor advertisements: %d"},
		"Icmp6OutRedirects":              {outHist, "redirects: %d"},
	}}
})
