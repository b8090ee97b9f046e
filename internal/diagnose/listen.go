package diagnose

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gonetstat/netstat/internal/sockets"
)

// checkListen finds listeners whose accept queue (Recv-Q) is at or near
// their backlog (Send-Q), and listen queue overflows rising
// (TcpExt ListenOverflows, ListenDrops).
func checkListen(s *samples, t *Thresholds) Finding {
	type full struct {
		line string
		pct  float64
	}
	var fulls []full
	listeners := 0
	sev := OK
	for i := range s.after.Sockets {
		sk := &s.after.Sockets[i]
		if sk.Protocol != sockets.TCP || sk.State != sockets.Listen {
			continue
		}
		listeners++
		backlog, ok := s.after.ListenBacklog(sk)
		if !ok {
			continue
		}
		// A backlog of 0 still lets one connection wait.
		pct := percent(float64(sk.RecvQ), float64(max(backlog, 1)))
		g := grade(pct, t.ListenQueueWarning, t.ListenQueueCritical)
		if g == OK {
			continue
		}
		sev = max(sev, g)
		fulls = append(fulls, full{pct: pct, line: fmt.Sprintf("%s %s: accept queue %d of backlog %d (%.0f%%), %s",
			protoText(sk), sk.Local, sk.RecvQ, backlog, pct, ownerText(s.after, sk.Inode))})
	}
	slices.SortStableFunc(fulls, func(a, b full) int { return cmp.Compare(b.pct, a.pct) })

	overflows := s.rise("TcpExt", "ListenOverflows")
	drops := s.rise("TcpExt", "ListenDrops")
	rate := s.perSecond(max(overflows, drops))
	rising := OK
	if s.rates() {
		rising = gradeAbove(rate, t.ListenDropsWarning, t.ListenDropsCritical)
	}
	sev = max(sev, rising)

	f := Finding{Severity: sev}
	switch {
	case len(fulls) > 0 && rising > OK:
		f.Title = fmt.Sprintf("%d listeners with a full accept queue; connections dropped (%.1f/s)", len(fulls), rate)
	case len(fulls) > 0:
		f.Title = fmt.Sprintf("%d of %d listeners have a full or nearly full accept queue", len(fulls), listeners)
	case rising > OK:
		f.Title = fmt.Sprintf("listen queue overflows rising: %.1f/s", rate)
	default:
		f.Title = fmt.Sprintf("listen queues fine (%d listeners)", listeners)
	}
	for _, x := range fulls {
		f.Evidence = append(f.Evidence, x.line)
	}
	f.Evidence = listed(f.Evidence)
	if s.rates() {
		f.Evidence = append(f.Evidence,
			s.riseText("TcpExt ListenOverflows", overflows),
			s.riseText("TcpExt ListenDrops", drops))
	} else {
		f.Evidence = append(f.Evidence, s.counterText("TcpExt", "ListenOverflows"), s.counterText("TcpExt", "ListenDrops"))
	}
	f.Evidence = append(f.Evidence, sysctlText("net.core.somaxconn", s.after.Sysctls.SoMaxConn))
	if sev > OK {
		f.Advice = "make the program accept faster, or raise its listen() backlog (capped by net.core.somaxconn); " +
			"watch: netstat -tlnp, netstat -s | grep -i listen"
	}
	return f
}
