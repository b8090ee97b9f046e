package counters

import "sync"

// tcpExtTable is the TcpExt section of /proc/net/netstat. Every entry is
// printed only when non-zero, except TCPHPHits. Several counters netstat
// has sentences for are absent on purpose: its lookup never finds them
// (TCPTimeouts, TWKilled, TCPLoss, the DSACK and SACK-recovery families,
// TCPDirectCopyFromPrequeue, TCPPrequeueDropped, TCPRenoRecoveryFail(ed)),
// so they print as "Name: value".
var tcpExtTable = sync.OnceValue(func() *table {
	return &table{filter: byTCP, entries: map[string]entry{
		"SyncookiesSent":   {nonzero, "%d SYN cookies sent"},
		"SyncookiesRecv":   {nonzero, "%d SYN cookies received"},
		"SyncookiesFailed": {nonzero, "%d invalid SYN cookies received"},
		"EmbryonicRsts":    {nonzero, "%d resets received for embryonic SYN_RECV sockets"},
		"PruneCalled":      {nonzero, "%d packets pruned from receive queue because of socket buffer overrun"},
		"RcvPruned":        {nonzero, "%d packets pruned from receive queue"},
		"OfoPruned":        {nonzero, "%d packets dropped from out-of-order queue because of socket buffer overrun"},
		"OutOfWindowIcmps": {nonzero, "%d ICMP packets dropped because they were out-of-window"},
		"LockDroppedIcmps": {nonzero, "%d ICMP packets dropped because socket was locked"},
		"TW":               {nonzero, "%d TCP sockets finished time wait in fast timer"},
		"TWRecycled":       {nonzero, "%d time wait sockets recycled by time stamp"},
		"PAWSPassive":      {nonzero, "%d passive connections rejected because of time stamp"},
		"PAWSActive":       {nonzero, "%d active connections rejected because of time stamp"},
		"PAWSEstab":        {nonzero, "%d packets rejected in established connections because of timestamp"},
		"DelayedACKs":      {nonzero, "%d delayed acks sent"},
		"DelayedACKLocked": {nonzero, "%d delayed acks further delayed because of locked socket"},
		"DelayedACKLost":   {nonzero, "Quick ack mode was activated %d times"},
		"ListenOverflows":  {nonzero, "%d times the listen queue of a socket overflowed"},
		"ListenDrops":      {nonzero, "%d SYNs to LISTEN sockets dropped"},

		"TCPPrequeued":             {nonzero, "%d packets directly queued to recvmsg prequeue"},
		"TCPDirectCopyFromBacklog": {nonzero, "%d bytes directly in process context from backlog"},
		"TCPHPHits":                {always, "%d packet headers predicted"},
		"TCPHPHitsToUser":          {nonzero, "%d packet headers predicted and directly queued to user"},
		"TCPPureAcks":              {nonzero, "%d acknowledgments not containing data payload received"},
		"TCPHPAcks":                {nonzero, "%d predicted acknowledgments"},
		"TCPRenoRecovery":          {nonzero, "%d times recovered from packet loss due to fast retransmit"},
		"TCPSACKReorder":           {nonzero, "Detected reordering %d times using SACK"},
		"TCPFACKReorder":           {nonzero, "Detected reordering %d times using FACK"},
		"TCPRenoReorder":           {nonzero, "Detected reordering %d times using reno fast retransmit"},
		"TCPTSReorder":             {nonzero, "Detected reordering %d times using time stamp"},
		"TCPFullUndo":              {nonzero, "%d congestion windows fully recovered without slow start"},
		"TCPPartialUndo":           {nonzero, "%d congestion windows partially recovered using Hoe heuristic"},
		"TCPLossUndo":              {nonzero, "%d congestion windows recovered without slow start after partial ack"},
		"TCPLostRetransmits":       {nonzero, "%d retransmits lost"},
		"TCPRenoFailures":          {nonzero, "%d timeouts after reno fast retransmit"},
		"TCPLossFailures":          {nonzero, "%d timeouts in loss state"},
		"TCPFastRetrans":           {nonzero, "%d fast retransmits"},
		"TCPForwardRetrans":        {nonzero, "%d forward retransmits"},
		"TCPSlowStartRetrans":      {nonzero, "%d retransmits in slow start"},
		"TCPSchedulerFailed":       {nonzero, "%d times receiver scheduled too late for direct processing"},
		"TCPRcvCollapsed":          {nonzero, "%d packets collapsed in receive queue due to low socket buffer"},
		"TCPAbortOnSyn":            {nonzero, "%d connections reset due to unexpected SYN"},
		"TCPAbortOnData":           {nonzero, "%d connections reset due to unexpected data"},
		"TCPAbortOnClose":          {nonzero, "%d connections reset due to early user close"},
		"TCPAbortOnMemory":         {nonzero, "%d connections aborted due to memory pressure"},
		"TCPAbortOnTimeout":        {nonzero, "%d connections aborted due to timeout"},
		"TCPAbortOnLinger":         {nonzero, "%d connections aborted after user close in linger timeout"},
		"TCPAbortFailed":           {nonzero, "%d times unable to send RST due to no memory"},
		"TCPMemoryPressures":       {nonzero, "TCP ran low on memory %d times"},
		"SockMallocOOM":            {nonzero, "Ran %d times out of system memory during packet sending"},
	}}
})
