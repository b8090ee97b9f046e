package diagnose

import "fmt"

// checkOrphans compares the orphaned TCP sockets (closed by their program,
// still sending or waiting for the peer) with tcp_max_orphans.
func checkOrphans(s *samples, t *Thresholds) Finding {
	orphans, ok := s.after.Sockstat["TCP"]["orphan"]
	limit := s.after.Sysctls.TCPMaxOrphans
	if !ok {
		return Finding{Severity: OK, Title: "orphaned sockets not checked: /proc/net/sockstat unread"}
	}
	f := Finding{Evidence: []string{
		fmt.Sprintf("orphaned TCP sockets: %d", orphans),
		sysctlText("net.ipv4.tcp_max_orphans", limit),
	}}
	if limit <= 0 {
		f.Title = fmt.Sprintf("%d orphaned TCP sockets", orphans)
		return f
	}
	pct := percent(float64(orphans), float64(limit))
	f.Severity = grade(pct, t.OrphansWarning, t.OrphansCritical)
	f.Title = fmt.Sprintf("%d orphaned TCP sockets, %.0f%% of tcp_max_orphans", orphans, pct)
	if f.Severity > OK {
		f.Advice = "peers do not take the data closed sockets still send, or vanish without FIN: " +
			"lower net.ipv4.tcp_orphan_retries or raise tcp_max_orphans; see: netstat -tno --state FIN_WAIT1"
	}
	return f
}
