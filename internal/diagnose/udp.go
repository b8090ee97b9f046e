package diagnose

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gonetstat/netstat/internal/sockets"
)

// checkUDP watches UDP receive errors rising (Udp InErrors, which counts
// RcvbufErrors too, and their IPv6 twins), and names the UDP sockets with
// data waiting, the likely ones whose buffer overflows.
func checkUDP(s *samples, t *Thresholds) Finding {
	if !s.rates() {
		return Finding{Severity: OK, Title: "UDP errors not checked: needs two samples",
			Evidence: []string{s.counterText("Udp", "RcvbufErrors"), s.counterText("Udp6", "Udp6RcvbufErrors")}}
	}
	in4, buf4 := s.rise("Udp", "InErrors"), s.rise("Udp", "RcvbufErrors")
	in6, buf6 := s.rise("Udp6", "Udp6InErrors"), s.rise("Udp6", "Udp6RcvbufErrors")
	errs := in4 + in6
	rate := s.perSecond(errs)
	f := Finding{Severity: gradeAbove(rate, t.UDPErrorsWarning, t.UDPErrorsCritical)}
	if f.Severity == OK {
		f.Title = "no UDP receive errors"
	} else {
		f.Title = fmt.Sprintf("UDP receive errors rising: %.1f/s (%d receive buffer overflows)", rate, buf4+buf6)
		var busy []*sockets.Socket
		for i := range s.after.Sockets {
			if sk := &s.after.Sockets[i]; sk.Protocol == sockets.UDP && sk.RecvQ > 0 {
				busy = append(busy, sk)
			}
		}
		slices.SortStableFunc(busy, func(a, b *sockets.Socket) int { return cmp.Compare(b.RecvQ, a.RecvQ) })
		for _, sk := range busy {
			f.Evidence = append(f.Evidence, fmt.Sprintf("%s %s: Recv-Q %d, %s", protoText(sk), sk.Local, sk.RecvQ, ownerText(s.after, sk.Inode)))
		}
		f.Evidence = listed(f.Evidence)
		f.Advice = "the receiving program reads too slowly or its buffer is small: raise SO_RCVBUF " +
			"(net.core.rmem_max, net.core.rmem_default) or read faster; see: netstat -unp"
	}
	f.Evidence = append(f.Evidence,
		s.riseText("Udp InErrors", in4), s.riseText("Udp RcvbufErrors", buf4),
		s.riseText("Udp6 Udp6InErrors", in6), s.riseText("Udp6 Udp6RcvbufErrors", buf6))
	return f
}
