package diagnose

import (
	"fmt"

	"github.com/gonetstat/netstat/internal/sockets"
)

// checkTimeWait compares the TIME_WAIT sockets with tcp_max_tw_buckets and
// watches TcpExt TCPTimeWaitOverflow (connections that closed without
// TIME_WAIT because the table was full).
func checkTimeWait(s *samples, t *Thresholds) Finding {
	count, source := int64(0), "sockets listed"
	if tw, ok := s.after.Sockstat["TCP"]["tw"]; ok {
		count, source = tw, "/proc/net/sockstat"
	} else {
		for i := range s.after.Sockets {
			if sk := &s.after.Sockets[i]; sk.Protocol == sockets.TCP && sk.State == sockets.TimeWait {
				count++
			}
		}
	}
	limit := s.after.Sysctls.TCPMaxTWBuckets
	sev := OK
	pct := 0.0
	if limit > 0 {
		pct = percent(float64(count), float64(limit))
		sev = grade(pct, t.TimeWaitWarning, t.TimeWaitCritical)
	}
	overflow := s.rise("TcpExt", "TCPTimeWaitOverflow")
	if overflow > 0 {
		sev = max(sev, Warning)
	}
	f := Finding{Severity: sev}
	if limit > 0 {
		f.Title = fmt.Sprintf("%d TIME_WAIT sockets, %.0f%% of tcp_max_tw_buckets", count, pct)
	} else {
		f.Title = fmt.Sprintf("%d TIME_WAIT sockets", count)
	}
	if overflow > 0 {
		f.Title += "; TIME_WAIT table overflowing"
	}
	f.Evidence = []string{
		fmt.Sprintf("TIME_WAIT sockets: %d (%s)", count, source),
		sysctlText("net.ipv4.tcp_max_tw_buckets", limit),
	}
	if s.rates() {
		f.Evidence = append(f.Evidence, s.riseText("TcpExt TCPTimeWaitOverflow", overflow))
	} else {
		f.Evidence = append(f.Evidence, s.counterText("TcpExt", "TCPTimeWaitOverflow"))
	}
	if sev > OK {
		f.Advice = "many short connections close on this side: reuse connections (keep-alive, pooling), " +
			"or raise net.ipv4.tcp_max_tw_buckets; see: netstat -tn --state TIME_WAIT --count raddr"
	}
	return f
}
