package diagnose

import (
	"cmp"
	"fmt"
	"net/netip"
	"slices"

	"github.com/gonetstat/netstat/internal/sockets"
)

// checkPorts looks for ephemeral port exhaustion: the connections from one
// source address to one destination (address and port) each need their
// own local port from ip_local_port_range.
func checkPorts(s *samples, t *Thresholds) Finding {
	low, high := s.after.Sysctls.LocalPortLow, s.after.Sysctls.LocalPortHigh
	f := Finding{Severity: OK}
	rangeText := fmt.Sprintf("net.ipv4.ip_local_port_range = %d %d", low, high)
	if low < 0 || high < low {
		f.Title = "ephemeral ports not checked: ip_local_port_range unreadable"
		f.Evidence = []string{rangeText}
		return f
	}
	size := float64(high - low + 1)
	type pair struct {
		src netip.Addr
		dst netip.AddrPort
	}
	counts := map[pair]int{}
	for i := range s.after.Sockets {
		sk := &s.after.Sockets[i]
		if sk.Protocol != sockets.TCP || sk.State == sockets.Listen || sk.State == sockets.Close {
			continue
		}
		if p := int64(sk.Local.Port()); p < low || p > high {
			continue
		}
		counts[pair{sk.Local.Addr(), sk.Remote}]++
	}
	type use struct {
		pair
		n int
	}
	var uses []use
	for p, n := range counts {
		uses = append(uses, use{p, n})
	}
	slices.SortFunc(uses, func(a, b use) int {
		return cmp.Or(cmp.Compare(b.n, a.n), a.src.Compare(b.src), a.dst.Compare(b.dst))
	})
	var lines []string
	for _, u := range uses {
		pct := percent(float64(u.n), size)
		g := grade(pct, t.PortsWarning, t.PortsCritical)
		if g == OK {
			break
		}
		f.Severity = max(f.Severity, g)
		lines = append(lines, fmt.Sprintf("%s -> %s: %d connections, %.0f%% of %d ports", u.src, u.dst, u.n, pct, int64(size)))
	}
	if f.Severity > OK {
		f.Title = fmt.Sprintf("ephemeral ports running out: %d connections from %s to %s", uses[0].n, uses[0].src, uses[0].dst)
		f.Advice = "widen net.ipv4.ip_local_port_range, reuse connections (pooling, keep-alive), " +
			"or spread over more source addresses; see: netstat -tn --count raddr"
	} else {
		most := 0
		if len(uses) > 0 {
			most = uses[0].n
		}
		f.Title = fmt.Sprintf("ephemeral ports fine (at most %d of %d to one destination)", most, int64(size))
	}
	f.Evidence = append(listed(lines), rangeText)
	return f
}
