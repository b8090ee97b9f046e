package diagnose

import (
	"fmt"

	"github.com/gonetstat/netstat/internal/snapshot"
)

// check is one diagnosis: its id and the function that makes its finding.
type check struct {
	id  string
	run func(s *samples, t *Thresholds) Finding
}

// checks lists every check, in the order their findings are printed
// among findings of equal severity.
var checks = []check{
	{"listen-overflow", checkListen},
	{"syn-flood", checkSynFlood},
	{"close-wait", checkCloseWait},
	{"time-wait", checkTimeWait},
	{"ephemeral-ports", checkPorts},
	{"conntrack", checkConntrack},
	{"retransmissions", checkRetrans},
	{"udp-buffers", checkUDP},
	{"interface-errors", checkInterfaces},
	{"orphans", checkOrphans},
	{"exposure", checkExposure},
}

// Checks returns the ids of every check, in their order.
func Checks() []string {
	ids := make([]string, len(checks))
	for i, c := range checks {
		ids[i] = c.id
	}
	return ids
}

// Run compares before with after (taken later) and returns one Finding per
// check, worst first. before may be nil: the checks of rising counters
// then judge the levels in after alone. after must not be nil.
func Run(before, after *snapshot.Host, t Thresholds) []Finding {
	s := newSamples(before, after)
	out := make([]Finding, 0, len(checks))
	for _, c := range checks {
		f := c.run(s, &t)
		f.Check = c.id
		if f.Evidence == nil {
			f.Evidence = []string{}
		}
		out = append(out, f)
	}
	sortWorstFirst(out)
	return out
}

// samples is the pair of samples the checks compare.
type samples struct {
	before, after *snapshot.Host
	// seconds is the time between the samples, at least a millisecond.
	seconds float64
}

func newSamples(before, after *snapshot.Host) *samples {
	s := &samples{before: before, after: after, seconds: 1}
	if before != nil {
		s.seconds = max(after.Taken.Sub(before.Taken).Seconds(), 0.001)
	}
	return s
}

// rates says whether there are two samples to take rates from.
func (s *samples) rates() bool { return s.before != nil }

// rise returns how much a counter grew between the samples: 0 with one
// sample, when either lacks it, or when it went down (a reset).
func (s *samples) rise(section, name string) uint64 {
	if s.before == nil {
		return 0
	}
	a, ok1 := s.after.Counter(section, name)
	b, ok2 := s.before.Counter(section, name)
	if !ok1 || !ok2 || a < b {
		return 0
	}
	return a - b
}

// perSecond turns a rise into a rate.
func (s *samples) perSecond(n uint64) float64 { return float64(n) / s.seconds }

// riseText describes a counter's rise over the interval, e.g.
// "TcpExt ListenOverflows +12 in 1.0s (12.0/s)".
func (s *samples) riseText(label string, n uint64) string {
	return fmt.Sprintf("%s +%d in %.1fs (%.1f/s)", label, n, s.seconds, s.perSecond(n))
}

// counterText names a counter's total in the later sample, or "not
// reported" when the kernel does not have it.
func (s *samples) counterText(section, name string) string {
	if v, ok := s.after.Counter(section, name); ok {
		return fmt.Sprintf("%s %s %d", section, name, v)
	}
	return fmt.Sprintf("%s %s not reported", section, name)
}

// sysctlText names a sysctl and its value, or says it could not be read.
func sysctlText(name string, v int64) string {
	if v < 0 {
		return name + " unreadable"
	}
	return fmt.Sprintf("%s = %d", name, v)
}

// percent returns 100*part/whole, 0 when whole is 0.
func percent(part, whole float64) float64 {
	if whole <= 0 {
		return 0
	}
	return 100 * part / whole
}

// percentText writes a percentage, with two decimals below 1% so that a
// small use does not read as none.
func percentText(v float64) string {
	if v > 0 && v < 1 {
		return fmt.Sprintf("%.2f%%", v)
	}
	return fmt.Sprintf("%.0f%%", v)
}
