package diagnose

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gonetstat/netstat/internal/links"
)

// checkInterfaces watches each interface's receive and transmit errors
// and drops rising over the interval.
func checkInterfaces(s *samples, t *Thresholds) Finding {
	if !s.rates() {
		return Finding{Severity: OK, Title: "interface errors not checked: needs two samples"}
	}
	before := map[string]links.Stats{}
	for _, d := range s.before.Interfaces {
		before[d.Name] = d.Stats
	}
	rise := func(a, b uint64) uint64 {
		if a < b {
			return 0
		}
		return a - b
	}
	type bad struct {
		line string
		rate float64
	}
	var bads []bad
	sev := OK
	for _, d := range s.after.Interfaces {
		b, ok := before[d.Name]
		if !ok {
			continue
		}
		a := d.Stats
		rxErr, rxDrop := rise(a.RxErrors, b.RxErrors), rise(a.RxDropped, b.RxDropped)
		txErr, txDrop := rise(a.TxErrors, b.TxErrors), rise(a.TxDropped, b.TxDropped)
		n := rxErr + rxDrop + txErr + txDrop
		if n == 0 {
			continue
		}
		rate := s.perSecond(n)
		sev = max(sev, gradeAbove(rate, t.InterfaceErrorsWarning, t.InterfaceErrorsCritical))
		bads = append(bads, bad{rate: rate, line: fmt.Sprintf("%s: RX errors +%d dropped +%d, TX errors +%d dropped +%d in %.1fs (%.1f/s)",
			d.Name, rxErr, rxDrop, txErr, txDrop, s.seconds, rate)})
	}
	slices.SortStableFunc(bads, func(x, y bad) int { return cmp.Compare(y.rate, x.rate) })
	f := Finding{Severity: sev}
	for _, b := range bads {
		f.Evidence = append(f.Evidence, b.line)
	}
	f.Evidence = listed(f.Evidence)
	switch {
	case sev > OK:
		f.Title = fmt.Sprintf("%d interfaces with errors or drops rising", len(bads))
		f.Advice = "RX drops: the host cannot keep up or gets frames nobody wants (unknown protocol); " +
			"errors: cable, driver or duplex trouble; see: netstat -i, ip -s link, ethtool -S"
	default:
		f.Title = fmt.Sprintf("no interface errors rising (%d interfaces)", len(s.after.Interfaces))
	}
	return f
}
