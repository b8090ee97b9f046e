package diagnose

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Thresholds are the limits the checks grade with. Percentages and
// counts are compared "at or above"; rates per second "above", so that a
// rate threshold of 0 means any rise at all.
type Thresholds struct {
	// ListenQueue*: a listener's accept queue (Recv-Q) in percent of its
	// backlog (Send-Q).
	ListenQueueWarning, ListenQueueCritical float64
	// ListenDrops*: ListenOverflows and ListenDrops per second.
	ListenDropsWarning, ListenDropsCritical float64
	// SynRecv*: SYN_RECV sockets on one local port.
	SynRecvWarning, SynRecvCritical float64
	// SynCookies*: SYN cookies sent per second; SynDropsCritical: SYNs
	// dropped for a full request queue (TCPReqQFullDrop) per second.
	SynCookiesWarning, SynCookiesCritical float64
	SynDropsCritical                      float64
	// CloseWait*: CLOSE_WAIT sockets held by one program.
	CloseWaitWarning, CloseWaitCritical float64
	// TimeWait*: TIME_WAIT sockets in percent of tcp_max_tw_buckets.
	TimeWaitWarning, TimeWaitCritical float64
	// Ports*: connections from one source address to one destination in
	// percent of the ip_local_port_range size.
	PortsWarning, PortsCritical float64
	// Conntrack*: tracked connections in percent of nf_conntrack_max.
	ConntrackWarning, ConntrackCritical float64
	// Retrans*: retransmitted segments in percent of the segments sent,
	// judged only when at least RetransMinSegments were sent in the
	// interval; RetransTimeoutsWarning: retransmission timeouts per
	// second.
	RetransWarning, RetransCritical float64
	RetransMinSegments              float64
	RetransTimeoutsWarning          float64
	// UDPErrors*: UDP receive errors (InErrors, RcvbufErrors, IPv4 and
	// IPv6) per second.
	UDPErrorsWarning, UDPErrorsCritical float64
	// InterfaceErrors*: errors and drops of one interface per second.
	InterfaceErrorsWarning, InterfaceErrorsCritical float64
	// Orphans*: orphaned TCP sockets in percent of tcp_max_orphans.
	OrphansWarning, OrphansCritical float64
}

// DefaultThresholds returns the thresholds used when none are set.
func DefaultThresholds() Thresholds {
	return Thresholds{
		ListenQueueWarning: 80, ListenQueueCritical: 100,
		ListenDropsWarning: 0, ListenDropsCritical: 10,
		SynRecvWarning: 128, SynRecvCritical: 1024,
		SynCookiesWarning: 0, SynCookiesCritical: 100,
		SynDropsCritical: 0,
		CloseWaitWarning: 10, CloseWaitCritical: 100,
		TimeWaitWarning: 80, TimeWaitCritical: 95,
		PortsWarning: 70, PortsCritical: 90,
		ConntrackWarning: 75, ConntrackCritical: 90,
		RetransWarning: 2, RetransCritical: 10,
		RetransMinSegments:     100,
		RetransTimeoutsWarning: 1,
		UDPErrorsWarning:       0, UDPErrorsCritical: 100,
		InterfaceErrorsWarning: 0, InterfaceErrorsCritical: 100,
		OrphansWarning: 50, OrphansCritical: 80,
	}
}

// thresholdNames maps each setting's name, as --check-set and the
// configuration file spell it, to its field.
var thresholdNames = map[string]func(*Thresholds) *float64{
	"listen-queue-warning":      func(t *Thresholds) *float64 { return &t.ListenQueueWarning },
	"listen-queue-critical":     func(t *Thresholds) *float64 { return &t.ListenQueueCritical },
	"listen-drops-warning":      func(t *Thresholds) *float64 { return &t.ListenDropsWarning },
	"listen-drops-critical":     func(t *Thresholds) *float64 { return &t.ListenDropsCritical },
	"syn-recv-warning":          func(t *Thresholds) *float64 { return &t.SynRecvWarning },
	"syn-recv-critical":         func(t *Thresholds) *float64 { return &t.SynRecvCritical },
	"syn-cookies-warning":       func(t *Thresholds) *float64 { return &t.SynCookiesWarning },
	"syn-cookies-critical":      func(t *Thresholds) *float64 { return &t.SynCookiesCritical },
	"syn-drops-critical":        func(t *Thresholds) *float64 { return &t.SynDropsCritical },
	"close-wait-warning":        func(t *Thresholds) *float64 { return &t.CloseWaitWarning },
	"close-wait-critical":       func(t *Thresholds) *float64 { return &t.CloseWaitCritical },
	"time-wait-warning":         func(t *Thresholds) *float64 { return &t.TimeWaitWarning },
	"time-wait-critical":        func(t *Thresholds) *float64 { return &t.TimeWaitCritical },
	"ports-warning":             func(t *Thresholds) *float64 { return &t.PortsWarning },
	"ports-critical":            func(t *Thresholds) *float64 { return &t.PortsCritical },
	"conntrack-warning":         func(t *Thresholds) *float64 { return &t.ConntrackWarning },
	"conntrack-critical":        func(t *Thresholds) *float64 { return &t.ConntrackCritical },
	"retrans-warning":           func(t *Thresholds) *float64 { return &t.RetransWarning },
	"retrans-critical":          func(t *Thresholds) *float64 { return &t.RetransCritical },
	"retrans-min-segments":      func(t *Thresholds) *float64 { return &t.RetransMinSegments },
	"retrans-timeouts-warning":  func(t *Thresholds) *float64 { return &t.RetransTimeoutsWarning },
	"udp-errors-warning":        func(t *Thresholds) *float64 { return &t.UDPErrorsWarning },
	"udp-errors-critical":       func(t *Thresholds) *float64 { return &t.UDPErrorsCritical },
	"interface-errors-warning":  func(t *Thresholds) *float64 { return &t.InterfaceErrorsWarning },
	"interface-errors-critical": func(t *Thresholds) *float64 { return &t.InterfaceErrorsCritical },
	"orphans-warning":           func(t *Thresholds) *float64 { return &t.OrphansWarning },
	"orphans-critical":          func(t *Thresholds) *float64 { return &t.OrphansCritical },
}

// ThresholdNames returns the names Set accepts, sorted.
func ThresholdNames() []string {
	names := make([]string, 0, len(thresholdNames))
	for n := range thresholdNames {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Set sets the threshold called name to value, a non-negative decimal
// number.
func (t *Thresholds) Set(name, value string) error {
	field, ok := thresholdNames[name]
	if !ok {
		return fmt.Errorf("unknown check threshold %q", name)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
	if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return fmt.Errorf("check threshold %s: %q is not a non-negative number", name, value)
	}
	*field(t) = v
	return nil
}

// LoadThresholds reads NAME=VALUE lines from r into t. Blank lines and
// lines starting with '#' are skipped; blanks around the name and the
// value do not matter. The first bad line stops the reading with an error
// naming its line number.
func LoadThresholds(r io.Reader, t *Thresholds) error {
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(line, "=")
		if !ok {
			return fmt.Errorf("line %d: %q is not NAME=VALUE", n, line)
		}
		if err := t.Set(strings.TrimSpace(name), value); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}
