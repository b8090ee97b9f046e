package exporter

import (
	"slices"

	"github.com/prometheus/client_golang/prometheus"
)

// checkSeverities emits one gauge per check: the worst severity among its
// verdicts, 0 (ok) for a named check without any.
func (b *batch) checkSeverities(names []string, verdicts []Verdict) {
	worst := make(map[string]int, len(names))
	order := slices.Clone(names)
	for _, n := range names {
		worst[n] = 0
	}
	for _, v := range verdicts {
		s, seen := worst[v.Check]
		if !seen {
			order = append(order, v.Check)
		}
		if !seen || v.Severity > s {
			worst[v.Check] = v.Severity
		}
	}
	slices.Sort(order)
	order = slices.Compact(order)
	for _, n := range order {
		b.add(b.descs.checkSeverity, prometheus.GaugeValue, float64(worst[n]), n)
	}
}
