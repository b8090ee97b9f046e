package diagnose

import "fmt"

// checkRetrans compares the segments retransmitted over the interval
// (Tcp RetransSegs) with the segments sent (Tcp OutSegs), and watches
// retransmission timeouts (TcpExt TCPTimeouts).
func checkRetrans(s *samples, t *Thresholds) Finding {
	if !s.rates() {
		return Finding{Severity: OK, Title: "retransmissions not checked: needs two samples",
			Evidence: []string{s.counterText("Tcp", "RetransSegs"), s.counterText("Tcp", "OutSegs")}}
	}
	out := s.rise("Tcp", "OutSegs")
	re := s.rise("Tcp", "RetransSegs")
	timeouts := s.rise("TcpExt", "TCPTimeouts")
	f := Finding{Evidence: []string{
		s.riseText("Tcp OutSegs", out),
		s.riseText("Tcp RetransSegs", re),
		s.riseText("TcpExt TCPTimeouts", timeouts),
	}}
	pct := percent(float64(re), float64(max(out, 1)))
	sev := OK
	judged := float64(out+re) >= t.RetransMinSegments
	if judged {
		sev = grade(pct, t.RetransWarning, t.RetransCritical)
	}
	slow := s.perSecond(timeouts) > t.RetransTimeoutsWarning
	if slow {
		sev = max(sev, Warning)
	}
	switch {
	case sev > OK && judged && pct >= t.RetransWarning:
		f.Title = fmt.Sprintf("%.1f%% of TCP segments retransmitted", pct)
	case slow:
		f.Title = fmt.Sprintf("TCP retransmission timeouts: %.1f/s", s.perSecond(timeouts))
	case !judged:
		f.Title = fmt.Sprintf("retransmissions not judged: %d segments sent in the interval", out+re)
	default:
		f.Title = fmt.Sprintf("retransmissions fine (%.1f%%)", pct)
	}
	f.Severity = sev
	if sev > OK {
		f.Advice = "packets are lost on the way or peers are slow: check interface errors and the path (mtr, ping); " +
			"see the worst sockets with: netstat -tn --tcp-info"
	}
	return f
}
