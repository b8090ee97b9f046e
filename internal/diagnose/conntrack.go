package diagnose

import "fmt"

// checkConntrack compares the connection tracking table's use with
// nf_conntrack_max and watches its drops (new connections refused because
// the table was full) and failed inserts.
func checkConntrack(s *samples, t *Thresholds) Finding {
	ct := s.after.Conntrack
	if !ct.Available {
		return Finding{Severity: OK, Title: "connection tracking not in use"}
	}
	pct := percent(float64(ct.Count), float64(ct.Max))
	sev := OK
	if ct.Max > 0 {
		sev = grade(pct, t.ConntrackWarning, t.ConntrackCritical)
	}
	f := Finding{Evidence: []string{
		fmt.Sprintf("nf_conntrack_count = %d", ct.Count),
		fmt.Sprintf("net.netfilter.nf_conntrack_max = %d", ct.Max),
	}}
	f.Title = fmt.Sprintf("conntrack table %s full (%d of %d)", percentText(pct), ct.Count, ct.Max)
	if b := s.before; b != nil {
		rise := func(a, b uint64) uint64 {
			if a < b {
				return 0
			}
			return a - b
		}
		drops := rise(ct.Drops, b.Conntrack.Drops) + rise(ct.EarlyDrops, b.Conntrack.EarlyDrops)
		failed := rise(ct.InsertFailed, b.Conntrack.InsertFailed)
		f.Evidence = append(f.Evidence,
			s.riseText("conntrack drop + early_drop", drops),
			s.riseText("conntrack insert_failed", failed))
		if failed > 0 {
			sev = max(sev, Warning)
		}
		if drops > 0 {
			sev = Critical
			f.Title += "; new connections dropped"
		}
	}
	f.Severity = sev
	if sev > OK {
		f.Advice = "raise net.netfilter.nf_conntrack_max (and nf_conntrack_buckets), shorten the timeouts, " +
			"or exempt busy flows from tracking; see: netstat --nat"
	}
	return f
}
