// Package snapshot is one sample of a host's network state, as plain
// records, for the readers that look at everything at once: --check and
// the Prometheus exporter. It never reads the kernel itself: a Sampler
// does that (the Linux one lives under internal/linux).
package snapshot

import (
	"time"

	"github.com/gonetstat/netstat/internal/counters"
	"github.com/gonetstat/netstat/internal/links"
	"github.com/gonetstat/netstat/internal/owners"
	"github.com/gonetstat/netstat/internal/sockets"
)

// Want says which parts of the host a Sampler reads; what is not wanted
// stays zero in the Host.
type Want struct {
	Sockets    bool // TCP, UDP, UDP-Lite and RAW sockets, IPv4 and IPv6
	Owners     bool // the inode → process index (needs Sockets)
	Counters   bool // /proc/net/snmp, netstat and snmp6 sections
	Interfaces bool // /proc/net/dev counters
	Conntrack  bool // connection tracking usage
	Sysctls    bool // the limits the checks compare with
}

// Host is one sample.
type Host struct {
	Taken time.Time

	// Sockets holds every Internet socket of the namespace, both
	// families, in the kernel's order (copies: safe to keep).
	Sockets []sockets.Socket
	// ListenBacklogs maps the inode of each TCP listener to its backlog
	// (the listen() argument capped by somaxconn). Sockets carry /proc's
	// Send-Q, which is 0 for a listener; nil when the backlogs could not
	// be read (no sock_diag).
	ListenBacklogs map[uint64]uint64
	// Owners maps socket inodes to their first owner; nil when not read.
	Owners *owners.Index

	// Counters are the sections of /proc/net/snmp, /proc/net/netstat and
	// /proc/net/snmp6, in that order, named as the kernel names them
	// ("Tcp", "TcpExt", "Udp6", ...). The snmp6 counters keep their whole
	// kernel names: Counter("Udp6", "Udp6RcvbufErrors").
	Counters []counters.Section

	// Interfaces are the /proc/net/dev rows.
	Interfaces []links.Device

	Conntrack Conntrack
	Sysctls   Sysctls
	// Sockstat is /proc/net/sockstat: section → key → value, e.g.
	// Sockstat["TCP"]["orphan"].
	Sockstat map[string]map[string]int64
}

// Conntrack is the connection tracking table's usage.
type Conntrack struct {
	// Available is false when the kernel has no conntrack (module not
	// loaded) in this namespace.
	Available bool
	Count     uint64
	Max       uint64
	// Drops, EarlyDrops and InsertFailed are summed over CPUs.
	Drops, EarlyDrops, InsertFailed uint64
}

// Sysctls are the kernel settings the checks compare with; -1 when the
// setting could not be read.
type Sysctls struct {
	TCPMaxTWBuckets int64 // net.ipv4.tcp_max_tw_buckets
	TCPMaxOrphans   int64 // net.ipv4.tcp_max_orphans
	TCPSynCookies   int64 // net.ipv4.tcp_syncookies
	SoMaxConn       int64 // net.core.somaxconn
	// LocalPortLow and LocalPortHigh are net.ipv4.ip_local_port_range.
	LocalPortLow, LocalPortHigh int64
}

// Sampler takes samples of one host (or network namespace).
type Sampler interface {
	Sample(want Want) (*Host, error)
}

// Counter returns the value of the counter name in section, and whether
// the sample has it.
func (h *Host) Counter(section, name string) (uint64, bool) {
	for i := range h.Counters {
		if h.Counters[i].Name != section {
			continue
		}
		for _, c := range h.Counters[i].Counters {
			if c.Name == name {
				return c.Value, true
			}
		}
	}
	return 0, false
}

// ListenBacklog returns a TCP listener's backlog: from ListenBacklogs, or
// else its Send-Q when that is not 0. /proc/net/tcp shows 0 for every
// listener, which says nothing, and the sock_diag reader keeps /proc's
// value, so the sampler reads the backlogs apart.
func (h *Host) ListenBacklog(sk *sockets.Socket) (uint64, bool) {
	if b, ok := h.ListenBacklogs[sk.Inode]; ok {
		return b, true
	}
	return sk.SendQ, sk.SendQ > 0
}
