package diagnose

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gonetstat/netstat/internal/sockets"
)

// checkSynFlood counts half-open connections (SYN_RECV) per local port
// and watches SYN cookies sent and SYNs dropped for a full request queue.
func checkSynFlood(s *samples, t *Thresholds) Finding {
	perPort := map[uint16]int{}
	backlog := map[uint16]uint64{}
	total := 0
	for i := range s.after.Sockets {
		sk := &s.after.Sockets[i]
		if sk.Protocol != sockets.TCP {
			continue
		}
		switch sk.State {
		case sockets.SynRecv:
			perPort[sk.Local.Port()]++
			total++
		case sockets.Listen:
			if b, ok := s.after.ListenBacklog(sk); ok {
				backlog[sk.Local.Port()] = max(backlog[sk.Local.Port()], b)
			}
		}
	}
	type port struct {
		port  uint16
		count int
	}
	var ports []port
	for p, n := range perPort {
		ports = append(ports, port{p, n})
	}
	slices.SortFunc(ports, func(a, b port) int {
		return cmp.Or(cmp.Compare(b.count, a.count), cmp.Compare(a.port, b.port))
	})
	most := 0
	if len(ports) > 0 {
		most = ports[0].count
	}
	sev := grade(float64(most), t.SynRecvWarning, t.SynRecvCritical)

	cookies := s.rise("TcpExt", "SyncookiesSent")
	drops := s.rise("TcpExt", "TCPReqQFullDrop")
	if s.rates() {
		sev = max(sev, gradeAbove(s.perSecond(cookies), t.SynCookiesWarning, t.SynCookiesCritical))
		if s.perSecond(drops) > t.SynDropsCritical {
			sev = Critical
		}
	}

	f := Finding{Severity: sev}
	switch {
	case sev == OK:
		f.Title = fmt.Sprintf("no SYN flood (%d half-open connections)", total)
	case drops > 0 && s.rates():
		f.Title = fmt.Sprintf("SYNs dropped for a full request queue (%.1f/s); %d half-open connections", s.perSecond(drops), total)
	case cookies > 0 && s.rates():
		f.Title = fmt.Sprintf("SYN cookies being sent (%.1f/s): request queue full; %d half-open connections", s.perSecond(cookies), total)
	default:
		f.Title = fmt.Sprintf("%d half-open connections (SYN_RECV) on port %d", most, ports[0].port)
	}
	var lines []string
	for _, p := range ports {
		line := fmt.Sprintf("port %d: %d SYN_RECV", p.port, p.count)
		if b, ok := backlog[p.port]; ok {
			line += fmt.Sprintf(", listener backlog %d", b)
		}
		lines = append(lines, line)
	}
	f.Evidence = listed(lines)
	if s.rates() {
		f.Evidence = append(f.Evidence,
			s.riseText("TcpExt SyncookiesSent", cookies),
			s.riseText("TcpExt TCPReqQFullDrop", drops),
			s.riseText("TcpExt TCPReqQFullDoCookies", s.rise("TcpExt", "TCPReqQFullDoCookies")))
	} else {
		f.Evidence = append(f.Evidence, s.counterText("TcpExt", "SyncookiesSent"), s.counterText("TcpExt", "TCPReqQFullDrop"))
	}
	f.Evidence = append(f.Evidence, sysctlText("net.ipv4.tcp_syncookies", s.after.Sysctls.TCPSynCookies))
	if sev > OK {
		f.Advice = "if the peers are not real clients, keep net.ipv4.tcp_syncookies = 1 and filter the sources upstream; " +
			"for real load raise the listener's backlog and net.ipv4.tcp_max_syn_backlog; see: netstat -tn --state SYN_RECV"
	}
	return f
}
